"""The workbook reader: an uploaded file's bytes in, its submissions and every issue out (SPEC §5, §6).

``read_submissions(data, filename, register, today)`` never raises on bad input. It works in this
order:

1. **Cells** (``reading.read_workbook``, in a child process with memory and time limits): the
   container checks, python-calamine's cells, the header row, the sheets to read (a table split
   over sheets), Excel error values and formulas without a cached value from the file itself,
   merged label cells filled down. See ``reading/``.
2. **Unit and period sources** (``reading.sources``): per-row columns, the "Thông tin" sheet, the
   title block (a quarter-end date too), the file name; first found wins, sources that disagree
   give ``unit_conflict`` / ``period_conflict`` warnings at the losing source; the sheets of a split
   table that name different units or quarters are ``sheets_disagree``.
3. **Tables**: on each sheet read, the rows below the header (``reading.table``): a column-number
   row, blank rows, printed-page leftovers and group headings skipped, totals and subtotals found
   (compared with the sums, ``total_mismatch``) and left out, ending at a footer. A sheet that
   copies the "Số liệu" sheet or sums up the others is set aside (``sheet_not_read``).
4. **Rules** on body rows, vectorised over each table (``validation.rows``): error values,
   counts are whole numbers ≥ 0 (text such as " 12 ", "12,0", "1.234" is read; an empty cell or a
   lone dash is 0), women ≤ total, trained ≤ women in the pool, body types from the seven; then,
   over every sheet at once, names unique per unit-period (folded).

Every issue carries the sheet, the A1 cell and the value found. ``submissions`` (one per unit and
quarter, sorted) are returned only when the file has no error, since a file with an error is not
stored at all.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import PurePath

import numpy as np
import pandas as pd

from .clock import today_vn
from .periods import Period, parse_quarter, parse_year, search_period
from .reading import FileRejected, read_workbook
from .reading.grid import CellError, cell_text, parse_number_text
from .reading.header import (
    DATA_SHEET_NAME,
    HEADER_SEARCH_ROWS,
    INFO_SHEET_NAME,
    REQUIRED_COLUMNS,
    Header,
    classify_header,
    is_long,
)
from .reading.sources import (
    BRACKETED,
    UNIT_PREFIXES,
    Found,
    Sources,
    date_of,
    file_name_candidates,
    info_sheet_sources,
    quarter_of_end,
    title_block_sources,
    yq_text,
)
from .reading.table import RawTable, read_table, set_aside
from .schema import BODY_COLUMNS, COUNT_COLUMNS
from .text import a1, fold_text
from .units import Register
from .validation import Localized, ValidationIssue, make_issue
from .validation.report import FileReport, SubmissionData, sha256_of
from .validation.rows import BODY_RULES, TABLE_RULES, RowFacts, no_data_rows, row_facts, run_rules
from .validation.sources import (
    conflict_issue,
    not_active_issue,
    period_issue,
    sheet_not_read_issue,
    sheets_disagree_issues,
    unit_issue,
)

__all__ = [
    "DATA_SHEET_NAME",
    "HEADER_SEARCH_ROWS",
    "INFO_SHEET_NAME",
    "REQUIRED_COLUMNS",
    "classify_header",
    "parse_number_text",
    "read_submissions",
]


# ==== the reader ==================================================================================


@dataclass
class _Period:
    """A period source resolved: the Period if valid, else the issue it raises."""

    found: Found
    period: Period | None
    issue: ValidationIssue | None


class _Reader:
    def __init__(self, data: bytes, filename: str, register: Register, today: dt.date, sandbox: bool = True):
        self.sandbox = sandbox
        self.data = data
        self.filename = filename
        self.register = register
        self.today = today
        self.issues: list[ValidationIssue] = []
        self._match_cache: dict[tuple[str, Period | None], str | None] = {}
        self._active_cache: dict[tuple[str, Period], bool] = {}
        self.stacked: pd.DataFrame | None = None

    # -- helpers -------------------------------------------------------------------------------
    def issue(self, code: str, **kw) -> None:
        self.issues.append(make_issue(code, **kw))

    def match_unit(self, text: str, period: Period | None) -> str | None:
        """The register code a unit text names: as written, the code in brackets ("xã Bà Điểm
        (X-BD)"), the text without the brackets, or without a leading "Hội LHPN"."""
        key = (text, period)
        if key not in self._match_cache:
            candidates = [text]
            m = BRACKETED.search(text)
            if m:
                candidates += [m.group(1), (text[: m.start()] + " " + text[m.end() :]).strip()]
            for cand in list(candidates):
                folded = fold_text(cand)
                for prefix in UNIT_PREFIXES:
                    if folded.startswith(prefix):
                        candidates.append(folded[len(prefix) :])
            code = None
            for cand in candidates:
                code = self.register.match(cand, period)
                if code is not None:
                    break
            self._match_cache[key] = code
        return self._match_cache[key]

    def is_active(self, code: str, period: Period) -> bool:
        key = (code, period)
        if key not in self._active_cache:
            self._active_cache[key] = self.register.is_active(code, period)
        return self._active_cache[key]

    def check_period(self, found: Found) -> _Period:
        period, problem = period_issue(found, self.today)
        return _Period(found, period, problem)

    def unit_issue(self, found: Found, code: str | None, period: Period | None) -> ValidationIssue | None:
        if code is not None and period is not None and not self.register.is_area(code):
            if not self.is_active(code, period):
                return not_active_issue(self.register, code, period, {"sheet": found.sheet, "cell": found.cell})
            return None
        return unit_issue(self.register, found, code, period, self.today)

    def _not_active(self, code: str, period: Period, loc: dict) -> ValidationIssue:
        return not_active_issue(self.register, code, period, loc)

    def conflict(self, kind: str, loser: Found, loser_value: str, winner: Found, winner_value: str) -> None:
        self.issues.append(conflict_issue(kind, loser, loser_value, winner, winner_value))

    # -- the whole file ----------------------------------------------------------------------------
    def run(self) -> list[SubmissionData]:
        book = read_workbook(self.data, sandbox=self.sandbox)
        if not book.tables:
            self.issue("no_data_sheet")
            return []
        read = {id(h.sheet) for h in book.tables}
        info = next(
            (s for s in book.sheets if fold_text(s.name) == fold_text(INFO_SHEET_NAME) and id(s) not in read),
            None,
        )
        base = Sources()
        if info is not None:
            info_sheet_sources(info, base)
        stem = PurePath(self.filename or "").stem
        from_name = Found("file_name", stem, yq=search_period(stem)) if search_period(stem) is not None else None
        for sheet, reason in book.not_read:
            self.issues.append(sheet_not_read_issue(sheet, reason))
        # a table split over sheets: each sheet's title block, then whether they name one unit and
        # quarter, then the sheets set aside (a copy of "Số liệu", a summary of the others)
        loaded = [read_table(header) for header in book.tables]
        titles: list[Sources] = []
        for header in book.tables:
            title = Sources()
            title_block_sources(header, title)
            titles.append(title)
        if len(titles) > 1:
            for f in [*base.units, *(f for title in titles for f in title.units)]:
                f.code = self.match_unit(f.text, None) if f.code is None else f.code
            file_period = next((f for f in [*base.periods, from_name] if f is not None and f.yq is not None), None)
            file_unit = next((f for f in base.units if f.code is not None), None)
            if file_unit is None:
                file_unit = _unit_from_file_name(self, stem, None)
            self.issues.extend(sheets_disagree_issues(titles, self.register, file_period, file_unit))
        aside = set_aside(loaded, long=is_long(book.tables[0]))
        copies = {k for k, _, _ in aside}
        for k, why, repeats in aside:
            self.issues.append(sheet_not_read_issue(loaded[k].sheet, why, other=", ".join(repeats)))
        parts: list[_Table] = []
        for k in range(len(loaded)):
            if k in copies:
                continue
            title = titles[k]
            sources = Sources(
                list(base.units) + title.units,
                list(base.periods) + title.periods,
                list(base.stray_dates) + title.stray_dates,
            )
            if from_name is not None:
                sources.periods.append(from_name)
            parts.append(_Table(self, book.tables[k], sources, stem, len(parts), loaded[k]))
        bodies = [part.read() for part in parts]
        tables = [part.table for part in parts]
        self.issues.extend(no_data_rows(tables, [part.facts for part in parts]))
        body = pd.concat(bodies, ignore_index=True) if len(bodies) > 1 else bodies[0]
        self.issues.extend(run_rules(BODY_RULES, tables, body))
        if any(i.is_error for i in self.issues):
            return []
        out, self.stacked = _submissions(body, [t.sheet for t in tables])
        return out


def _period_text(value: object) -> str:
    """A per-row period cell as text; a real Excel date as "30/09/2026"."""
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%d/%m/%Y")
    return cell_text(value)


def _period_of_text(text: str) -> tuple[int, int] | None:
    """The quarter a per-row period names: "2024Q3", "Quý III/2024", or a quarter's last day."""
    yq = search_period(text)
    if yq is None:
        day = date_of(text)
        yq = quarter_of_end(day) if day is not None else None
    return yq


def _unit_from_file_name(reader: _Reader, stem: str, period: Period | None) -> Found | None:
    for cand in file_name_candidates(stem):
        if len(fold_text(cand)) < 2:
            continue
        code = reader.match_unit(cand, period)
        if code is not None and not reader.register.is_area(code):
            return Found("file_name", cand, code=code, weak=True)
    return None


# ==== the body table ==============================================================================


class _Table:
    """The rows under the header of one data sheet: read (``reading.table``), judged by the table
    rules of ``validation.rows``, and given their unit and period (per row or from the file). The
    body rules run over the bodies of every sheet at once, in ``_Reader.run``."""

    table: RawTable
    facts: RowFacts

    def __init__(
        self,
        reader: _Reader,
        header: Header,
        sources: Sources,
        stem: str,
        index: int = 0,
        table: RawTable | None = None,
    ):
        self.r = reader
        self.h = header
        self.table = table if table is not None else read_table(header)
        self.sheet = header.sheet.name
        self.cols = header.columns
        self.sources = sources
        self.stem = stem
        self.index = index

    # -- reading, then the rules ------------------------------------------------------------------
    def read(self) -> pd.DataFrame:
        """This sheet's body rows that have a unit and a period (``table``: this sheet's index)."""
        table = self.table
        self.facts = facts = row_facts(table)
        self.r.issues.extend(run_rules(TABLE_RULES, table, facts))
        frame = table.frame.copy()
        frame["body_type"] = facts.body_types
        for role in COUNT_COLUMNS:
            frame[role] = facts.ints[role]

        units, periods = self._unit_period(table.rows, facts.is_body, table.start)
        frame["unit"] = units
        frame["period"] = periods
        keep = facts.is_body & (frame["unit"] != "").to_numpy() & frame["period"].notna().to_numpy()
        body = frame.loc[keep].copy()
        body["period_index"] = np.array([p.index for p in body["period"]], dtype="int64")
        body["table"] = self.index
        return body

    # -- unit and period ---------------------------------------------------------------------------
    def _unit_period(self, body_rows: list, is_body: np.ndarray, start: int) -> tuple[list, list]:
        """Unit code and Period per row ("" / None where unknown), reporting what is wrong."""
        n = len(body_rows)
        cols = self.cols
        reader = self.r
        idx = [int(i) for i in np.flatnonzero(is_body)]
        units: list[str] = [""] * n
        periods: list[Period | None] = [None] * n

        def cell(i: int, role: str) -> object:
            c = cols.get(role)
            row = body_rows[i]
            return row[c] if c is not None and c < len(row) else ""

        def column(role: str) -> list:
            """The ``role`` cell of every body row (``cell`` for each of ``idx``, in one pass)."""
            c = cols.get(role)
            if c is None:
                return [""] * len(idx)
            return [row[c] if c < len(row) else "" for row in (body_rows[i] for i in idx)]

        # periods: per-row keys first, the file's own period for rows without one -----------------
        by_period: dict[tuple | None, list[int]] = {}
        p_vals = column("period") if "period" in cols else None
        y_vals = column("year") if "year" in cols and "quarter" in cols else None
        q_vals = column("quarter") if y_vals is not None else None
        for j, i in enumerate(idx):
            key = None
            if p_vals is not None and p_vals[j] not in ("", None):
                v = p_vals[j]
                if type(v) is str:
                    key = ("p", v.strip())
                else:
                    key = ("e", v.code, "period") if type(v) is CellError else ("p", _period_text(v))
            elif y_vals is not None and y_vals[j] not in ("", None):
                y, q = y_vals[j], q_vals[j]
                if type(y) is CellError or type(q) is CellError:
                    key = ("e", (y if type(y) is CellError else q).code, "year" if type(y) is CellError else "quarter")
                else:
                    key = ("yq", cell_text(y), cell_text(q))
            rows_ = by_period.get(key)
            if rows_ is None:
                by_period[key] = [i]
            else:
                rows_.append(i)
        resolved: dict[tuple | None, _Period | None] = {}
        for key, rows_ in by_period.items():
            if key is None:
                continue
            r0 = start + rows_[0]
            if key[0] == "e":
                col = cols["period"] if key[2] == "period" else cols[key[2]]
                found = Found("per_row", key[1], self.sheet, a1(r0, col), error=key[1], role=key[2])
            elif key[0] == "p":
                found = Found(
                    "per_row", key[1], self.sheet, a1(r0, cols["period"]), yq=_period_of_text(key[1]), role="period"
                )
            else:
                y, q = parse_year(cell(rows_[0], "year")), parse_quarter(cell(rows_[0], "quarter"))
                yq = (y, q) if y is not None and q is not None else None
                col = cols["quarter"] if y is not None and (q is None or not 1 <= q <= 4) else cols["year"]
                text = yq_text(yq) if yq else f"{key[1]}/{key[2]}"
                found = Found("per_row", text, self.sheet, a1(r0, col), yq=yq)
            resolved[key] = reader.check_period(found)
            if resolved[key].issue is not None:
                reader.issues.append(resolved[key].issue)
        file_sources = self.sources.periods
        file_period = reader.check_period(file_sources[0]) if file_sources else None
        if None in by_period:
            resolved[None] = file_period
            if file_period is None and self.sources.stray_dates:
                stray = self.sources.stray_dates[0]
                reader.issue(
                    "missing_period",
                    sheet=stray.sheet,
                    cell=stray.cell,
                    value=stray.text,
                    message_key="issue.missing_period.not_quarter_end",
                )
            elif file_period is None:
                reader.issue("missing_period")
            elif file_period.issue is not None:
                reader.issues.append(file_period.issue)
        row_keys = [k for k in by_period if k is not None]
        if len(row_keys) == 1 and None not in by_period:
            self._period_conflicts(resolved[row_keys[0]].found, file_sources)
        elif not row_keys and file_sources:
            self._period_conflicts(file_sources[0], file_sources[1:])
        for key, rows_ in by_period.items():
            res = resolved.get(key)
            if res is not None and res.period is not None:
                for i in rows_:
                    periods[i] = res.period

        # units: per-row text first, the file's own unit for rows without one ---------------------
        distinct_periods = {p for p in periods if p is not None}
        file_p = file_period.period if file_period is not None else None
        if file_p is None and len(distinct_periods) == 1:
            file_p = next(iter(distinct_periods))
        candidates: list[Found] = []
        for f in self.sources.units:
            f.code = reader.match_unit(f.text, file_p)
            if f.code is not None or not f.weak:
                candidates.append(f)
        from_name = _unit_from_file_name(reader, self.stem, file_p)
        if from_name is not None:
            candidates.append(from_name)
        unit_role = next((r for r in ("unit_code", "unit_text") if r in cols), None)
        texts = [""] * n
        errors: dict[int, str] = {}  # rows whose unit cell holds an Excel error value
        if unit_role is not None:
            alt_vals = column("unit_text") if unit_role == "unit_code" and "unit_text" in cols else None
            for j, (i, v) in enumerate(zip(idx, column(unit_role), strict=True)):
                if type(v) is CellError:
                    errors[i] = v.code
                text = v.strip() if type(v) is str else cell_text(v)
                if not text and alt_vals is not None:
                    text = cell_text(alt_vals[j])
                texts[i] = text
        need_file_unit = any(not texts[i] for i in idx)
        file_unit = candidates[0] if candidates else None
        file_code = None
        if need_file_unit:
            if file_unit is None:
                reader.issue("unknown_unit", value="", message_key="issue.missing_unit")
            elif not self._ambiguous_without_period(file_unit, file_p):
                problem = reader.unit_issue(file_unit, file_unit.code, None)
                if problem is not None:
                    reader.issues.append(problem)
                else:
                    file_code = file_unit.code
        by_unit: dict[tuple[str, Period | None], list[int]] = {}
        for i in idx:
            key = (texts[i], periods[i])
            rows_ = by_unit.get(key)
            if rows_ is None:
                by_unit[key] = [i]
            else:
                rows_.append(i)
        reported: set[tuple] = set()
        row_codes: set[str] = set()
        row_winner: Found | None = None
        for (text, period), rows_ in by_unit.items():
            if not text:
                code = file_code
                if code is not None and period is not None and not reader.is_active(code, period):
                    if (code, period) not in reported:
                        reported.add((code, period))
                        loc = {"sheet": file_unit.sheet, "cell": file_unit.cell}
                        reader.issues.append(reader._not_active(code, period, loc))
                    code = None
            else:
                error = errors.get(rows_[0])
                role = "unit" if unit_role == "unit_code" else "unit_name"
                found = Found(
                    "per_row", text, self.sheet, a1(start + rows_[0], cols[unit_role]), error=error, role=role
                )
                code = reader.match_unit(text, period) if error is None else None
                if code is None and error is None and unit_role == "unit_code" and "unit_text" in cols:
                    alt = cell_text(cell(rows_[0], "unit_text"))
                    code = reader.match_unit(alt, period) if alt else None
                if code is None and error is None and self._ambiguous_without_period(found, period):
                    continue  # the period is wrong, already reported; the name alone is ambiguous
                problem = reader.unit_issue(found, code, period)
                if problem is not None:
                    key = (problem.code, text, period if problem.code == "unit_not_active" else None)
                    if key not in reported:
                        reported.add(key)
                        reader.issues.append(problem)
                    code = None
                elif row_winner is None:
                    row_winner = Found("per_row", text, self.sheet, found.cell, code=code)
                if code is not None:
                    row_codes.add(code)
            if code is not None:
                for i in rows_:
                    units[i] = code
        if row_winner is not None and len(row_codes) == 1 and not need_file_unit:
            self._unit_conflicts(row_winner, candidates)
        elif unit_role is None and file_unit is not None:
            self._unit_conflicts(file_unit, candidates[1:])
        return units, periods

    def _ambiguous_without_period(self, found: Found, period: Period | None) -> bool:
        return found.code is None and period is None and len(self.r.register.match_candidates(found.text)) > 1

    def _period_conflicts(self, winner: Found, others: list[Found]) -> None:
        self._conflicts("period", winner, others, lambda f: f.yq, lambda f: yq_text(f.yq))

    def _unit_conflicts(self, winner: Found, others: list[Found]) -> None:
        def named(f: Found) -> str:
            return f"{f.code} ({self.r.register.name(f.code)})"

        self._conflicts("unit", winner, others, lambda f: f.code, lambda f: f.text, named)

    def _conflicts(self, kind: str, winner: Found, others: list[Found], key, text, winner_text=None) -> None:
        """A ``kind`` conflict for every other source whose ``key`` differs from the winner's (None:
        the source says nothing), in the words ``text`` (``winner_text`` for the winner)."""
        if key(winner) is None:
            return
        for other in others:
            if other is winner or key(other) is None or key(other) == key(winner):
                continue
            self.r.conflict(kind, other, text(other), winner, (winner_text or text)(winner))


def _submissions(body: pd.DataFrame, sheets: list[str]) -> tuple[list[SubmissionData], pd.DataFrame | None]:
    """One SubmissionData per (unit, period), sorted, from the checked body rows (file order within a
    submission: sheet by sheet, then row by row); its ``sheet`` is the sheet of its first body. One stable sort and one slice per submission (not one boolean filter per group):
    at national scale (26,656 submissions) a ``groupby`` loop alone took about 20 s. The stacked
    frame ``FileReport.stacked_bodies`` returns is built here too, from the same sorted columns."""
    if body.empty:
        return [], None
    units = body["unit"].to_numpy(dtype=object)
    pidx = body["period_index"].to_numpy(dtype="int64")
    sheet_of = body["table"].to_numpy(dtype="int64") if "table" in body else np.zeros(len(body), dtype="int64")
    order = np.lexsort((pidx, units))  # stable: rows keep their file order within a submission
    sheet_of = sheet_of[order]
    units, pidx = units[order], pidx[order]
    columns: dict[str, np.ndarray] = {}
    for c in BODY_COLUMNS:
        col = body[c].to_numpy()[order]
        columns[c] = col.astype("int64") if c in COUNT_COLUMNS else col
    columns["source_row"] = body["source_row"].to_numpy()[order].astype(int)
    n = len(units)
    change = np.ones(n, dtype=bool)
    change[1:] = (units[1:] != units[:-1]) | (pidx[1:] != pidx[:-1])
    starts = np.flatnonzero(change)
    stops = np.append(starts[1:], n)
    block = pd.DataFrame(columns)
    block._consolidate_inplace()  # two blocks (ints, objects): each slice below copies two arrays, not nine
    out = [
        SubmissionData(
            str(units[a]),
            Period.from_index(int(pidx[a])),
            block.iloc[a:b].reset_index(drop=True),
            sheets[int(sheet_of[a])],
        )
        for a, b in zip(starts.tolist(), stops.tolist(), strict=True)
    ]
    stacked = pd.DataFrame(
        {
            "k": np.repeat(np.arange(len(out)), stops - starts),
            "unit": units,
            "period": np.repeat(np.array([str(s.period) for s in out], dtype=object), stops - starts),
            "body_name": block["body_name"].astype(str).to_numpy(),
            "body_type": block["body_type"].astype(str).to_numpy(),
        }
    )
    for c in COUNT_COLUMNS:
        stacked[c] = columns[c]
    stacked["note"] = block["note"].fillna("").astype(str).to_numpy()
    stacked["source_row"] = pd.array(columns["source_row"], dtype="Int64")
    return out, stacked


# ==== entry point =================================================================================


def read_submissions(
    data: bytes,
    filename: str,
    register: Register,
    today: dt.date | None = None,
    *,
    sandbox: bool = True,
) -> FileReport:
    """Read and validate one uploaded workbook; never raises (SPEC §5, §6).

    ``sandbox=False`` parses in this process (benchmarks only: see ``reading.sandbox``).

    Returns a FileReport with every issue found and, when there is no error, one
    SubmissionData per unit and quarter sorted by (unit, period), whose ``bodies`` have
    ``schema.BODY_COLUMNS`` (counts int64, ``body_type`` the BodyType value) and ``source_row``.
    """
    try:
        data = bytes(data or b"")
    except Exception:
        data = b""
    report = FileReport(file=str(filename or ""), sha256=sha256_of(data), size=len(data))
    reader = _Reader(data, str(filename or ""), register, today or today_vn(), sandbox)
    try:
        report.submissions = reader.run()
        report.issues = _ordered(_distinct(reader.issues))
        if reader.stacked is not None:
            report.remember_stacked(reader.stacked)
    except FileRejected as exc:
        report.issues = [make_issue(exc.code, **exc.params)]
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # anything a damaged file makes a parser do, Rust panics included
        report.issues = [_unreadable(exc)]
    if any(i.is_error for i in report.issues):
        report.submissions = []
    return report


def _unreadable(exc: BaseException) -> ValidationIssue:
    """An exception no file should cause: ``unreadable_file`` without the exception's text, or —
    under GENDER_TARGETS_STRICT_READING=1, as in the tests — the exception itself."""
    if os.environ.get("GENDER_TARGETS_STRICT_READING") == "1":
        raise exc
    return make_issue("unreadable_file", detail=Localized.of("issue.detail.internal"))


def _distinct(issues: list[ValidationIssue]) -> list[ValidationIssue]:
    """Each issue once: a file-level source (the "Thông tin" sheet, the file name) is checked for
    every sheet of a split table and would otherwise be reported once per sheet."""
    seen: set[tuple] = set()
    out = []
    for i in issues:
        key = (i.code, i.sheet, i.cell, i.row, i.value, i.message_vi)
        if key not in seen:
            seen.add(key)
            out.append(i)
    return out


def _ordered(issues: list[ValidationIssue]) -> list[ValidationIssue]:
    """File-level issues first, then sheet by sheet (in the order they first appear) and by row
    (stable within a row)."""
    sheets: dict[str, int] = {}
    for i in issues:
        if i.row:
            sheets.setdefault(i.sheet, len(sheets))
    return sorted(issues, key=lambda i: (0 if not i.row else 1, sheets.get(i.sheet, 0) if i.row else 0, i.row or 0))
