"""Command line: ``python -m gender_targets COMMAND`` (SPEC §8).

Every command takes ``--db PATH_OR_URL`` (default: ``GENDER_TARGETS_DB``, else
``data/gender_targets.db``) and ``--units CSV`` (use this register; ``import`` also saves it in the
database). The CLI never loads sample data by itself.

Options may stand before or after the command (``--db X import F`` and ``import --db X F``).

Exit status: 0 success, 1 the input had errors, 2 bad usage. Errors are members of the family in
``errors.py``: ``UsageError`` → 2, every other member → 1, worded by the catalogue
(``i18n.describe``).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import sys
from pathlib import Path

import pandas as pd

from .clock import now_vn
from .errors import GenderTargetsError, UsageError
from .i18n import describe, t
from .periods import Period, PeriodError, parse_period, period_indexes
from .units import Register, load_register

__all__ = ["build_parser", "main"]

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2


class CommandUsageError(UsageError):
    """A usage error of this command line, worded by catalogue entry ``cli.<code>`` (exit 2)."""

    prefix = "cli"


def _usage(code: str, **params: object) -> UsageError:
    return CommandUsageError(code, **params)


def _common(defaults: bool) -> argparse.ArgumentParser:
    """The options every command takes. The main parser holds the defaults; a command's parser
    leaves an option it did not see unset (SUPPRESS), so one given before the command survives."""

    def default(value):
        return value if defaults else argparse.SUPPRESS

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        default=default(None),
        help="SQLite path or SQLAlchemy URL (default: $GENDER_TARGETS_DB or data/gender_targets.db)",
    )
    common.add_argument(
        "--units", default=default(None), metavar="CSV", help="unit register CSV to use (import also saves it)"
    )
    common.add_argument("--lang", choices=("vi", "en"), default=default("vi"), help="language of messages (default vi)")
    return common


def build_parser() -> argparse.ArgumentParser:
    common = _common(defaults=False)
    p = argparse.ArgumentParser(
        prog="python -m gender_targets",
        description="Chỉ tiêu nữ lãnh đạo, quản lý (KH 63/KH-BTV) — women's leadership targets.",
        parents=[_common(defaults=True)],
    )
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    s = sub.add_parser("template", parents=[common], help="make a pre-filled unit workbook (.xlsx)")
    s.add_argument("--unit", required=True, help="unit code (or name)")
    s.add_argument("--period", required=True, help="quarter, e.g. 2026Q3")
    s.add_argument("-o", "--output", required=True, help="output .xlsx file")
    s.add_argument(  # phone: the unit's own agencies come from its last accepted quarter
        "--with-numbers", action="store_true", help="pre-fill the last accepted quarter's numbers too"
    )

    s = sub.add_parser("check", parents=[common], help="validate workbooks, store nothing")
    s.add_argument("files", nargs="+", metavar="FILE")
    s.add_argument("--json", action="store_true", help="print the report as JSON")

    s = sub.add_parser("import", parents=[common], help="validate and store workbooks (all or nothing per file)")
    s.add_argument("files", nargs="+", metavar="FILE")
    s.add_argument("--by", default="", metavar="NAME", help="who uploads")
    s.add_argument("--json", action="store_true", help="print the report as JSON")
    s.add_argument(  # phone: the signed report, stored with the file's submissions
        "--attach", default=None, metavar="SIGNED", help="attach the signed report (PDF, JPEG or PNG, at most 10 MB)"
    )

    s = sub.add_parser("indicators", parents=[common], help="indicator values per unit, area and quarter")
    s.add_argument("--unit", action="append", default=[], metavar="CODE", help="only this unit or area (repeatable)")
    s.add_argument("--from", dest="from_", metavar="P", help="first quarter, e.g. 2023Q1")
    s.add_argument("--to", metavar="P", help="last quarter")
    s.add_argument("--format", choices=("csv", "json", "xlsx"), default="csv")
    s.add_argument("-o", "--output", metavar="FILE", help="write to FILE (required for xlsx)")

    s = sub.add_parser("status", parents=[common], help="latest status toward the targets per unit and area")
    s.add_argument("--json", action="store_true")
    # -- judgement (issue 21): the status as it stood at the end of a past quarter --
    s.add_argument(
        "--as-of",
        dest="as_of",
        metavar="P",
        help="the status as judged at the end of quarter P, from the quarters up to P (default: the latest)",
    )

    s = sub.add_parser("history", parents=[common], help="the submission log")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("rollback", parents=[common], help="undo one submission (the one it replaced becomes active)")
    s.add_argument("submission_id", type=int, metavar="SUBMISSION_ID")
    s.add_argument("--by", default="", metavar="NAME")

    # -- meetings: the quarterly report (SPEC §11) --
    s = sub.add_parser("report", parents=[common], help="the quarterly report (Word or PDF, Nghị định 30/2020)")
    s.add_argument("--period", required=True, metavar="P", help="quarter, e.g. 2026Q2")
    s.add_argument("--area", default=None, metavar="CODE", help="area code (default: the register's first area)")
    s.add_argument("--format", choices=("docx", "pdf"), default=None, help="default: from -o's extension, else docx")
    s.add_argument("-o", "--output", required=True, metavar="FILE", help="output .docx or .pdf file")
    s.add_argument("--agency", default=None, help="agency name in the heading (default: from the area)")
    s.add_argument("--parent-agency", dest="parent_agency", default=None, help="parent agency in the heading")
    s.add_argument("--place", default=None, help="place in the date line (default: the area's name)")
    s.add_argument("--no-charts", dest="charts", action="store_false", help="leave the chart pictures out")
    # -- end meetings --
    s = sub.add_parser("backup", parents=[common], help="a complete backup of the database (SQLite .db or .zip)")
    s.add_argument("-o", "--output", required=True, metavar="FILE", help="backup file to write")
    s.add_argument("--archive", action="store_true", help="portable .zip archive even for SQLite")

    s = sub.add_parser("restore", parents=[common], help="replace everything in the database by a backup")
    s.add_argument("file", metavar="FILE", help="a backup made by 'backup' (or the admin page)")
    s.add_argument("--yes", action="store_true", help="confirm: the current data is replaced")
    s.add_argument(
        "--with-accounts",
        dest="with_accounts",
        action="store_true",
        help="restore the backup's accounts too (default: keep today's; the backup needs an enabled admin)",
    )
    # -- accounts: user add|list|disable|enable|password (SPEC §10) --
    # ``common`` leaves an option it did not see unset, so a value given before ``user`` is kept
    s = sub.add_parser("user", parents=[common], help="accounts: add, list, disable, change a password")
    us = s.add_subparsers(dest="user_command", required=True, metavar="ACTION")
    u = us.add_parser("add", parents=[common], help="create an account (password on standard input)")
    u.add_argument("username", metavar="USERNAME")
    u.add_argument("--role", required=True, choices=("admin", "reviewer", "unit", "viewer"))
    u.add_argument("--unit", action="append", default=[], metavar="CODE", help="unit of a unit account (repeatable)")
    u.add_argument("--name", default="", metavar="TEXT", help="display name")
    u.add_argument("--email", default="", metavar="EMAIL", help="e-mail (single sign-on, reminders, notifications)")
    u.add_argument("--password-stdin", action="store_true", required=True, help="read the password from stdin")
    u = us.add_parser("list", parents=[common], help="list the accounts")
    u.add_argument("--json", action="store_true")
    u = us.add_parser("disable", parents=[common], help="disable an account")
    u.add_argument("username", metavar="USERNAME")
    u = us.add_parser("enable", parents=[common], help="enable a disabled account again")
    u.add_argument("username", metavar="USERNAME")
    u = us.add_parser("password", parents=[common], help="set a new password (read from stdin); unlocks")
    u.add_argument("username", metavar="USERNAME")
    u.add_argument("--password-stdin", action="store_true", required=True, help="read the password from stdin")
    # -- security: end a sign-in lock (issue 20) --
    u = us.add_parser("unlock", parents=[common], help="end a sign-in lock (after wrong passwords)")
    u.add_argument("username", metavar="USERNAME")
    # -- campaign: deadlines, reminders, timeliness (SPEC §12) --
    s = sub.add_parser("deadline", parents=[common], help="the sending deadline of each quarter")
    ds = s.add_subparsers(dest="deadline_command", required=True, metavar="ACTION")
    d = ds.add_parser("set", parents=[common], help="set a quarter's deadline (audited)")
    d.add_argument("--period", required=True, metavar="P", help="quarter, e.g. 2026Q3")
    d.add_argument("--date", required=True, metavar="DATE", help="e.g. 2026-10-05 or 05/10/2026")
    d.add_argument("--by", default="", metavar="NAME", help="who sets it")
    d = ds.add_parser("list", parents=[common], help="every quarter's deadline (stored or default)")
    d.add_argument("--json", action="store_true")
    s = sub.add_parser("remind", parents=[common], help="e-mail the units that have not sent a quarter")
    s.add_argument("--period", default=None, metavar="P", help="quarter (default: the latest that has ended)")
    s.add_argument("--unit", action="append", default=[], metavar="CODE", help="only this unit (repeatable)")
    s.add_argument("--dry-run", dest="dry_run", action="store_true", help="list who would get what; send nothing")
    s.add_argument("--by", default="", metavar="NAME", help="who sends (the mail log)")
    s.add_argument("--json", action="store_true")
    s = sub.add_parser("timeliness", parents=[common], help="who sent a quarter, on time or late, per area")
    s.add_argument("--period", default=None, metavar="P", help="quarter (default: the latest that has ended)")
    s.add_argument("--area", default=None, metavar="CODE", help="only this area")
    s.add_argument("--json", action="store_true")
    # -- end campaign --
    return p


# -- helpers ------------------------------------------------------------------------------
_OPENED: list = []  # the stores a command opened, closed when it ends (``main``)


def _open_store(args):
    from .store import open_store

    store = open_store(args.db)
    _OPENED.append(store)
    return store


def _db_exists(args) -> bool:
    from .store import default_db_url

    url = args.db or default_db_url()
    if "://" in url:
        if url.startswith("sqlite:///"):
            return Path(url[len("sqlite:///") :]).exists()
        return True
    return Path(url).exists()


def _register(args, store=None) -> Register:
    if args.units:
        try:
            return load_register(Path(args.units).read_bytes())
        except OSError as exc:
            raise _usage("cannot_open_units", path=args.units) from exc
    if store is None and _db_exists(args):
        store = _open_store(args)
    reg = store.register() if store is not None else None
    if reg is None:
        raise _usage("no_register")
    return reg


def _period(text: str, what: str) -> Period:
    try:
        return parse_period(text)
    except PeriodError as exc:
        raise _usage("not_a_quarter", option=what, text=text) from exc


def _read_files(paths: list[str]) -> list[tuple[str, bytes]]:
    out = []
    for p in paths:
        try:
            out.append((p, Path(p).read_bytes()))
        except OSError as exc:
            raise _usage("cannot_open", path=p) from exc
    return out


def _clean_json(value):
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    if isinstance(value, dict):
        return {k: _clean_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean_json(v) for v in value]
    if hasattr(value, "item"):  # numpy scalar
        return _clean_json(value.item())
    if value is pd.NaT:
        return None
    return value


def _print_json(obj) -> None:
    print(json.dumps(_clean_json(obj), ensure_ascii=False, indent=2))


def _print_report_text(report, lang: str, ids=None) -> None:
    mark = t("cli.mark_ok" if report.ok else "cli.mark_error", lang)
    print(f"[{mark}] {report.file}")
    for s in report.submissions:
        sid = ids.get((s.unit, str(s.period))) if ids else None
        extra = f" → #{sid}" if sid is not None else ""
        print(f"      {s.unit} {s.period}: {t('cli.bodies', lang, n=len(s.bodies))}{extra}")
    for i in report.errors + report.warnings:
        print(f"      {i.severity}/{i.code}: {i.message(lang)}")


# -- commands -------------------------------------------------------------------------------
def cmd_template(args) -> int:
    from .template import make_template, template_bodies

    reg = _register(args)
    period = _period(args.period, "--period")
    code = reg.match(args.unit, period)
    if code is None:
        raise _usage("unknown_unit", unit=args.unit)
    if reg.is_area(code):
        raise _usage("area_unit", unit=code)
    if not reg.is_active(code, period):
        raise _usage("inactive_unit", unit=code, period=str(period))
    deadline = None  # campaign: the guide prints the quarter's stored deadline (SPEC §12)
    stored = None  # phone: the unit's own agencies (numbers on request) from its last accepted quarter
    if _db_exists(args):
        from .campaign import deadline_for

        store = _open_store(args)
        deadline = deadline_for(period, store.deadlines())
        stored = store.active_bodies(units=[code])
    bodies = template_bodies(reg, code, period, stored)
    data = make_template(reg, code, period, deadline=deadline, bodies=bodies, with_numbers=args.with_numbers)
    Path(args.output).write_bytes(data)
    print(args.output)
    return EXIT_OK


def cmd_check(args) -> int:
    from .intake import check_upload

    store = _open_store(args) if _db_exists(args) else None
    reg = _register(args, store)
    reports = []
    for name, data in _read_files(args.files):
        rep = check_upload(data, Path(name).name, store=store, register=reg)
        rep.file = name
        reports.append(rep)
    if args.json:
        _print_json([r.to_dict(args.lang) for r in reports])
    else:
        for r in reports:
            _print_report_text(r, args.lang)
    return EXIT_OK if all(r.ok for r in reports) else EXIT_INPUT


def cmd_import(args) -> int:
    from .intake import import_upload

    store = _open_store(args)
    if args.units:
        reg = _register(args)
        current = store.register()
        if current is None or not current.frame.equals(reg.frame):
            store.save_register(reg, by=args.by)
    else:
        _register(args, store)  # fail early with a usage message when there is none
    files = _read_files(args.files)
    attachment = _attachment(args, files)  # phone: checked before anything is stored
    results = []
    for name, data in files:
        res = import_upload(store, data, Path(name).name, by=args.by, attachment=attachment)
        res.report.file = name
        results.append(res)
    if args.json:
        _print_json([r.report.to_dict(args.lang, ids=r.ids) for r in results])
    else:
        for r in results:
            _print_report_text(r.report, args.lang, ids=r.ids)
    return EXIT_OK if all(r.report.ok for r in results) else EXIT_INPUT


def _attachment(args, files: list[tuple[str, bytes]]):
    """phone: ``import --attach SIGNED``: the checked attachment (one workbook only), or None."""
    if not getattr(args, "attach", None):
        return None
    from .attachments import check_attachment

    if len(files) != 1:
        raise _usage("attach_one_file")
    [(name, data)] = _read_files([args.attach])
    return check_attachment(data, Path(name).name)  # AttachmentError: exit 1, in words


def _indicator_frame(args, store, reg):
    from .indicators import compute_indicators

    bodies = store.active_bodies()
    frame = compute_indicators(bodies, reg)
    if args_units := getattr(args, "unit", None):
        codes = []
        for u in args_units:
            code = reg.match(u)
            if code is None:
                raise _usage("unknown_unit", unit=u)
            codes.append(code)
        frame = frame[frame["unit"].isin(codes)]
    p_from = _period(args.from_, "--from") if getattr(args, "from_", None) else None
    p_to = _period(args.to, "--to") if getattr(args, "to", None) else None
    if p_from or p_to:
        idx = pd.Series(period_indexes(frame["period"]), index=frame.index)
        mask = pd.Series(True, index=frame.index)
        if p_from:
            mask &= idx >= p_from.index
        if p_to:
            mask &= idx <= p_to.index
        frame = frame[mask]
    return frame.reset_index(drop=True)


INDICATOR_FIELDS = ["unit", "period", "indicator", "numerator", "denominator", "value", "reconstructed"]
#: judgement (issue 21): who sent, whether the row is the one judged or a provisional quarter, the counts in words
JUDGEMENT_FIELDS = ["units_reporting", "units_expected", "judged", "provisional", "counts"]


def cmd_indicators(args) -> int:
    from .judgement import counts_text, row_flags

    store = _open_store(args)
    reg = _register(args, store)
    frame = _indicator_frame(args, store, reg)
    out = frame[INDICATOR_FIELDS].copy()
    # judged and provisional rows as of the last quarter shown (quarters after --to do not count)
    up_to = _indicator_frame(argparse.Namespace(**{**vars(args), "from_": None}), store, reg)
    judged, provisional = row_flags(up_to)
    flags = pd.DataFrame(
        {"judged": judged, "provisional": provisional},
        index=pd.MultiIndex.from_frame(up_to[["unit", "indicator", "period"]]),
    )
    keys = pd.MultiIndex.from_frame(frame[["unit", "indicator", "period"]])
    out["units_reporting"] = frame["units_reporting"].to_numpy()
    out["units_expected"] = frame["units_expected"].to_numpy()
    out["judged"] = flags["judged"].reindex(keys).fillna(False).to_numpy(dtype=bool)
    out["provisional"] = flags["provisional"].reindex(keys).fillna(False).to_numpy(dtype=bool)
    out["counts"] = [
        counts_text(i, n, d, args.lang)
        for i, n, d in zip(out["indicator"], out["numerator"], out["denominator"], strict=True)
    ]
    if args.format == "json":
        rows = out.astype(object).where(out.notna(), None).to_dict("records")
        text = json.dumps(_clean_json(rows), ensure_ascii=False, indent=2)
        if args.output:
            Path(args.output).write_text(text + "\n", encoding="utf-8")
        else:
            print(text)
    elif args.format == "csv":
        from .exports import to_csv

        data = to_csv(out, lang=args.lang)
        if args.output:
            Path(args.output).write_bytes(data)
        else:
            sys.stdout.write(data.decode("utf-8-sig"))
    else:
        from .exports import label_columns, to_xlsx, translate_columns

        if not args.output:
            raise _usage("xlsx_needs_output")
        meta = {
            "units": ", ".join(args.unit) or "*",
            "from": args.from_ or "",
            "to": args.to or "",
            "data_version": str(store.data_version()),
            "generated_at": now_vn().isoformat(timespec="seconds"),
        }
        names = {c: reg.name(c) for c in reg.codes}
        data = to_xlsx(
            translate_columns(label_columns(out, names, args.lang), args.lang),
            sheet_name=t("export.sheet.indicators", args.lang),
            meta=meta,
            lang=args.lang,
            percent_columns=[translate_columns(out[["value"]], args.lang).columns[0]],
        )
        Path(args.output).write_bytes(data)
    return EXIT_OK


STATUS_FIELDS = [
    "unit",
    "indicator",
    "period",
    "value",
    "active",
    "status",
    "observed_rate",
    "required_rate",
    "projection",
    "gap",
    "next_milestone_year",
    "milestones",
    # judgement (issue 21)
    "as_of",
    "numerator",
    "denominator",
    "one_person_points",
    "people_needed",
    "fragile",
    "small",
    "raw_status",
    "units_reporting",
    "units_expected",
    "counts",
    "provisional",
]


def _status_record(row: dict, lang: str) -> dict:
    """One ``status --json`` row: ``STATUS_FIELDS``, the counts in words, and ``provisional``
    (the quarter after the judged one that is still coming in, or null)."""
    from .judgement import counts_text

    out = {c: row.get(c) for c in STATUS_FIELDS}  # counts and provisional are made below
    out["counts"] = counts_text(row["indicator"], row.get("numerator"), row.get("denominator"), lang) or None
    prov = row.get("provisional_period")
    out["provisional"] = (
        {
            "period": prov,
            "value": row.get("provisional_value"),
            "numerator": row.get("provisional_numerator"),
            "denominator": row.get("provisional_denominator"),
            "units_reporting": row.get("provisional_units_reporting"),
            "units_expected": row.get("provisional_units_expected"),
        }
        if prov
        else None
    )
    return out


def cmd_status(args) -> int:
    from .judgement import counts_text, status_table

    store = _open_store(args)
    reg = _register(args, store)
    frame = _indicator_frame(args, store, reg)
    as_of = str(_period(args.as_of, "--as-of")) if getattr(args, "as_of", None) else None
    table = status_table(frame, store.targets(), reg, as_of=as_of)
    if args.json:
        clean = table.astype(object).where(table.notna(), None)
        _print_json([_status_record(r, args.lang) for r in clean.to_dict("records")])
        return EXIT_OK
    from .i18n import percent

    ended = " " + t("judgement.ended", args.lang)  # merged or dissolved: not judged toward the final target
    for r in table.itertuples():
        val = percent(r.value, args.lang)
        counts = counts_text(r.indicator, r.numerator, r.denominator, args.lang)
        val = f"{val} ({counts})" if counts else val
        st = t(f"status.{r.status}", args.lang)
        active = "" if r.active else ended
        period = r.period or t("cli.no_value", args.lang)
        extra = []
        if r.fragile:
            extra.append(t("cli.status.fragile", args.lang))
        if r.provisional_period:
            extra.append(
                t(
                    "cli.status.provisional",
                    args.lang,
                    period=r.provisional_period,
                    sent=r.provisional_units_reporting,
                    total=r.provisional_units_expected,
                )
            )
        tail = f"  [{'; '.join(extra)}]" if extra else ""
        print(f"{r.unit:<8} {r.indicator} {period:<7} {val:>7}  {st}{active}{tail}")
    return EXIT_OK


def cmd_history(args) -> int:
    from .store import HISTORY_COLUMNS

    store = _open_store(args)
    hist = store.history()
    cols = [c for c in HISTORY_COLUMNS if c in hist.columns]  # the review columns last (SPEC §10)
    # phone: each submission's signed report (file name, media type, size in bytes), or null
    info = store.attachments_info()
    attached = {
        int(r.submission_id): {"file_name": r.file_name, "media_type": r.media_type, "size": int(r.size)}
        for r in info.itertuples()
    }
    if args.json:
        records = hist[cols].astype(object).where(hist[cols].notna(), None).to_dict("records")
        for rec in records:
            rec["attachment"] = attached.get(int(rec["id"]))
        _print_json(records)
    else:
        if hist.empty:
            print(t("cli.history.empty", args.lang))
        nobody = t("cli.no_value", args.lang)
        for r in hist.itertuples():
            status = t(f"store.status.{r.status}", args.lang)
            print(
                f"#{r.id:<5} {r.unit:<8} {r.period} {status:<16} {r.uploaded_at} {r.uploaded_by or nobody}  {r.file_name}"
            )
            if int(r.id) in attached:
                a = attached[int(r.id)]
                print(t("cli.history.attachment", args.lang, name=a["file_name"], type=a["media_type"], size=a["size"]))
    return EXIT_OK


def cmd_rollback(args) -> int:
    store = _open_store(args)
    store.rollback(args.submission_id, by=args.by)  # StoreError (not_found, ...): exit 1, in words
    print(t("cli.rollback.done", args.lang, id=args.submission_id))
    return EXIT_OK


# -- meetings: the quarterly report --------------------------------------------------------
def cmd_report(args) -> int:
    from .reports import ReportOptions, make_report

    period = _period(args.period, "--period")
    if not _db_exists(args):
        raise UsageError("report_no_data", period=period.label(args.lang))
    store = _open_store(args)
    fmt = args.format or ("pdf" if str(args.output).lower().endswith(".pdf") else "docx")
    options = ReportOptions(parent_agency=args.parent_agency, agency=args.agency, place=args.place)
    area = None
    if args.area:
        reg = store.register()
        area = (reg.match(args.area) if reg is not None else None) or args.area
    report = make_report(store, period, area, args.lang, fmt, options=options, charts=args.charts)
    Path(args.output).write_bytes(report.data)
    if report.chart_problem and args.charts:
        reason = t(f"report.chart_missing.{report.chart_problem}", args.lang)
        print(t("report.chart_warning", args.lang, reason=reason), file=sys.stderr)
    print(t("report.cli_written", args.lang, path=args.output))
    return EXIT_OK


# -- end meetings --


def _summary_text(summary, lang: str) -> str:
    if not summary.quarters:
        return t("cli.backup.summary_empty", lang, submissions=summary.submissions)
    return t(
        "cli.backup.summary",
        lang,
        submissions=summary.submissions,
        active=summary.active,
        units=summary.units,
        first=parse_period(summary.quarters[0]).label(lang),
        last=parse_period(summary.quarters[-1]).label(lang),
    )


def cmd_backup(args) -> int:
    from .backup import make_backup, summarize_store, write_private

    store = _open_store(args)
    data = make_backup(store, archive=True if args.archive else None, via="cli")  # BackupError: exit 1
    write_private(args.output, data)  # mode 0600: every account's password hash is in it
    print(t("cli.backup.done", args.lang, file=args.output, what=_summary_text(summarize_store(store), args.lang)))
    return EXIT_OK


def cmd_restore(args) -> int:
    from .backup import OPERATOR_LIMITS, restore_backup, summarize_backup, summarize_store

    try:
        with Path(args.file).open("rb"):  # read as a stream by the restore: any size, bounded memory
            pass
    except OSError as exc:
        raise _usage("backup.cannot_read", file=args.file, reason=exc.strerror) from exc
    incoming = summarize_backup(args.file, OPERATOR_LIMITS)  # BackupError: exit 1, in words
    store = _open_store(args)
    current = summarize_store(store)
    plan = t(
        "cli.backup.plan",
        args.lang,
        current=_summary_text(current, args.lang),
        incoming=_summary_text(incoming, args.lang),
    )
    # -- security: what happens to the accounts, and what the backup holds that is not restored --
    accounts = t(
        "cli.restore.accounts_restored" if args.with_accounts else "cli.restore.accounts_kept",
        args.lang,
        accounts=incoming.accounts,
        admins=incoming.admins,
        current=current.accounts,
    )
    plan += "\n" + accounts
    if incoming.left_out:
        plan += "\n" + t("cli.restore.left_out", args.lang, objects=", ".join(incoming.left_out[:10]))
    if not args.yes:
        print(plan, file=sys.stderr)
        raise _usage("backup.confirm")
    restore_backup(store, args.file, accounts=args.with_accounts, limits=OPERATOR_LIMITS, via="cli")
    print(plan)
    print(t("cli.backup.restored", args.lang, file=args.file))
    return EXIT_OK


def _stdin_password() -> str:
    from .errors import UsageError as CoreUsageError

    text = sys.stdin.read()
    password = text[:-2] if text.endswith("\r\n") else text[:-1] if text.endswith("\n") else text
    if not password:
        raise CoreUsageError("password_empty")
    return password


def cmd_user(args) -> int:
    """``user add|list|disable|enable|password|unlock`` (accounts.py, SPEC §10): the local operator acts."""
    from .i18n import t

    store = _open_store(args)
    action = args.user_command
    if action == "list":
        accounts = store.accounts()
        if args.json:
            _print_json([a.to_dict() for a in accounts])
        elif not accounts:
            print(t("cli.user.none", args.lang))
        for a in [] if args.json else accounts:
            state = " disabled" if a.disabled else ""
            print(f"{a.username:<20} {a.role:<9} {','.join(a.units) or '-':<12} {a.label}{state}")
        return EXIT_OK
    if action == "add":
        from .errors import UsageError as CoreUsageError

        if (args.role == "unit") != bool(args.unit):  # --unit goes with --role unit, and only with it
            raise CoreUsageError("unit_required" if args.role == "unit" else "units_only_for_unit_role")
        password = _stdin_password()
        a = store.add_account(
            args.username, args.role, password, units=args.unit, display_name=args.name, email=args.email
        )
        print(t("cli.user.added", args.lang, username=a.username, role=a.role))
    elif action == "unlock":  # security (issue 20)
        a = store.unlock_account(args.username)
        print(t("cli.user.unlocked", args.lang, username=a.username))
    elif action in ("disable", "enable"):
        a = store.update_account(args.username, disabled=action == "disable")
        print(t(f"cli.user.{action}d", args.lang, username=a.username))
    else:
        a = store.update_account(args.username, password=_stdin_password())
        print(t("cli.user.password", args.lang, username=a.username))
    return EXIT_OK


# -- campaign: deadlines, reminders, timeliness (SPEC §12) ----------------------------------
def _campaign_period(args, store):
    from .campaign import due_period, today_vn

    return _period(args.period, "--period") if args.period else due_period(today_vn())


def cmd_deadline(args) -> int:
    from .campaign import deadline_list, set_deadline

    store = _open_store(args)
    if args.deadline_command == "set":
        d = set_deadline(store, args.period, args.date, by=args.by)
        label = parse_period(d.period).label(args.lang)
        print(t("cli.deadline.set", args.lang, period=label, date=d.deadline.strftime("%d/%m/%Y")))
        return EXIT_OK
    rows = deadline_list(store)
    if args.json:
        _print_json([d.to_dict() for d in rows])
        return EXIT_OK
    for d in rows:
        how = (
            t("cli.deadline.stored", args.lang, who=d.set_by or "—")
            if d.stored
            else t("cli.deadline.default", args.lang)
        )
        print(f"{d.period}  {d.deadline.strftime('%d/%m/%Y')}  ({how})")
    return EXIT_OK


def _mail_settings():
    import os
    import tomllib

    from .campaign import mail_settings

    secrets = {}
    path = Path(".streamlit") / "secrets.toml"
    if path.is_file():
        try:
            secrets = tomllib.loads(path.read_text(encoding="utf-8")).get("smtp", {}) or {}
        except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
            secrets = {}
    return mail_settings(os.environ, secrets)


def cmd_remind(args) -> int:
    from .campaign import deadline_for, plan_reminders, send_reminders, zalo_text

    store = _open_store(args)
    reg = _register(args, store)
    period = _campaign_period(args, store)
    units = None
    if args.unit:
        units = []
        for u in args.unit:
            code = reg.match(u)
            if code is None:
                raise _usage("unknown_unit", unit=u)
            units.append(code)
    settings = _mail_settings()
    plan = plan_reminders(store, period, units=units, register=reg)
    if not args.dry_run and any(not r.problem for r in plan) and not settings.configured:
        from .campaign import MailError

        raise MailError("not_configured")
    results = send_reminders(store, period, settings, by=args.by, dry_run=args.dry_run, reminders=plan)
    failed = [r for r in results if r.result in ("failed", "not_sent", "invalid_address")]
    if args.json:
        _print_json([r.to_dict() for r in results])
        return EXIT_INPUT if failed else EXIT_OK
    lang = args.lang
    deadline = deadline_for(period, store.deadlines()).strftime("%d/%m/%Y")
    if not results:
        print(t("cli.remind.none", lang, period=period.label(lang)))
        return EXIT_OK
    print(t("cli.remind.head", lang, period=period.label(lang), deadline=deadline))
    for r in results:
        rem = r.reminder
        error = r.error_en if lang == "en" else r.error_vi
        word = t(f"cli.remind.result.{r.result}", lang, to=", ".join(rem.recipients) or "—", error=error)
        print(f"  {rem.unit:<8} {rem.name}: {word}")
    manual = [r.reminder for r in results if r.result in ("no_account", "no_email")]
    count = {k: sum(1 for r in results if r.result == k) for k in ("sent", "would_send", "already_sent")}
    if args.dry_run:
        print(t("cli.remind.dry_summary", lang, would=count["would_send"], manual=len(manual)))
    else:
        print(
            t(
                "cli.remind.summary",
                lang,
                sent=count["sent"],
                already=count["already_sent"],
                failed=len(failed),
                manual=len(manual),
            )
        )
    if failed:
        print(t("cli.remind.failed_names", lang, units=", ".join(r.reminder.unit for r in failed)), file=sys.stderr)
    if manual:
        print()
        print(t("cli.remind.zalo", lang))
        print(zalo_text(manual, app_url=settings.app_url, lang=lang))
    return EXIT_INPUT if failed else EXIT_OK


def cmd_timeliness(args) -> int:
    from .campaign import ALL_UNITS, CampaignError, rate_sentence, timeliness_table

    store = _open_store(args)
    reg = _register(args, store)
    period = _campaign_period(args, store)
    areas = None
    if args.area:
        code = reg.match(args.area)
        if code is None or not reg.is_area(code):
            raise CampaignError("unknown_area", area=args.area)
        areas = [code]
    rows, states = timeliness_table(store.submission_log(), reg, [period], store.deadlines(), areas=areas)
    if args.json:
        out = []
        for tl in rows:
            members = set(reg.reporting_units if tl.area == ALL_UNITS else reg.units_in(tl.area))
            mine = states[states["unit"].isin(members)]
            units = [
                {
                    "unit": r.unit,
                    "state": r.state,
                    "timing": r.timing,
                    "sent_at": r.sent_at or None,
                    "days_late": None if r.days_late is None or r.days_late != r.days_late else int(r.days_late),
                    "days_left": None if r.days_left is None or r.days_left != r.days_left else int(r.days_left),
                    "overdue": bool(r.overdue),
                }
                for r in mine.itertuples()
            ]
            out.append({**tl.to_dict(), "sentence": rate_sentence(tl, args.lang), "units": units})
        _print_json(out)
        return EXIT_OK
    for tl in rows:
        area = tl.area if tl.area == ALL_UNITS else f"{reg.name(tl.area)} ({tl.area})"
        label = period.label(args.lang)
        print(t("cli.timeliness.row", args.lang, area=area, period=label, sentence=rate_sentence(tl, args.lang)))
    return EXIT_OK


# -- end campaign --


COMMANDS = {
    "user": cmd_user,
    "template": cmd_template,
    "check": cmd_check,
    "import": cmd_import,
    "indicators": cmd_indicators,
    "status": cmd_status,
    "history": cmd_history,
    "rollback": cmd_rollback,
    "backup": cmd_backup,
    "restore": cmd_restore,
    "report": cmd_report,
    # campaign (SPEC §12)
    "deadline": cmd_deadline,
    "remind": cmd_remind,
    "timeliness": cmd_timeliness,
}


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: 0 for --help, 2 for bad usage
        return int(exc.code or 0)
    try:
        return COMMANDS[args.command](args)
    except GenderTargetsError as exc:  # the error family (StoreError included): words from the catalogue
        print(describe(exc, args.lang), file=sys.stderr)
        return EXIT_USAGE if isinstance(exc, UsageError) else EXIT_INPUT
    except BrokenPipeError:
        return EXIT_OK
    finally:
        # closed when the command ends (SQLite checkpoints its -wal file into the database file): a
        # caller in the same process that copies the file (a test, a script) then copies everything
        while _OPENED:
            with contextlib.suppress(Exception):
                _OPENED.pop().close()
