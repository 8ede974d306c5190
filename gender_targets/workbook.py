"""The workbook reader: an uploaded file's bytes in, its submissions and every issue out (SPEC §5, §6).

``read_submissions(data, filename, register, today)`` never raises on bad input. It works in this
order:

1. **Cells** (``reading.read_workbook``, in a child process with memory and time limits): the
   container checks, python-calamine's cells, the header row, merged label cells filled down, and
   the xlsx cells holding a formula without a cached value. See ``reading/``.
2. **Unit and period sources** (``reading.sources``): per-row columns, the "Thông tin" sheet, the
   title block, the file name; first found wins, sources that disagree give ``unit_conflict`` /
   ``period_conflict`` warnings at the losing source.
3. **Table**: the rows below the header, skipping a column-number row ("(1) (2) …", "1 2 3"),
   blank rows and extra columns, ending at a footer ("Người lập biểu", "Thủ trưởng đơn vị",
   "Ngày … tháng … năm", "Ghi chú: …"). A "Tổng cộng" / "Cộng" / "Tổng số" row is compared with
   the sums of the bodies above it (warning ``total_mismatch``) and left out.
4. **Rules** on body rows, vectorised over the whole table: counts are whole numbers ≥ 0 (text
   such as " 12 ", "12,0", "1.234" is read; an empty cell or a lone dash is 0), women ≤ total,
   trained ≤ women in the pool, names unique per unit-period (folded), body types from the seven.

Every issue carries the sheet, the A1 cell and the value found. ``submissions`` (one per unit and
quarter, sorted) are returned only when the file has no error, since a file with an error is not
stored at all.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import re
from dataclasses import dataclass
from pathlib import PurePath

import numpy as np
import pandas as pd

from .i18n import t
from .periods import MIN_YEAR, Period, parse_quarter, parse_year, search_period
from .reading import FileRejected, read_workbook
from .reading.cells import cell_text, display_value, parse_number_text
from .reading.header import (
    DATA_SHEET_NAME,
    HEADER_SEARCH_ROWS,
    INFO_SHEET_NAME,
    REQUIRED_COLUMNS,
    Header,
    classify_header,
    is_footer_text,
    is_total_text,
)
from .reading.sources import (
    BRACKETED,
    UNIT_PREFIXES,
    Found,
    Sources,
    file_name_candidates,
    info_sheet_sources,
    title_block_sources,
    yq_text,
)
from .schema import BODY_COLUMNS, COUNT_COLUMNS, I1_BODY_TYPES, BodyType, match_body_type
from .text import a1, fold_text
from .units import Register
from .validation import Localized, ValidationIssue, make_issue
from .validation.report import FileReport, SubmissionData, sha256_of

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
        loc = {"sheet": found.sheet, "cell": found.cell, "value": found.text}
        if found.yq is None:
            reason = Localized.of("issue.reason.not_a_period")
            return _Period(found, None, make_issue("invalid_period", reason=reason, **loc))
        year, quarter = found.yq
        if not 1 <= quarter <= 4:
            reason = Localized.of("issue.reason.quarter", quarter=quarter)
            return _Period(found, None, make_issue("invalid_period", reason=reason, **loc))
        period = Period(year, quarter)
        if year < MIN_YEAR:
            reason = Localized.of("issue.reason.year", min_year=MIN_YEAR)
            return _Period(found, None, make_issue("invalid_period", reason=reason, **loc))
        if period.start > self.today:
            today = Localized(self.today.strftime("%d/%m/%Y"), self.today.isoformat())
            reason = Localized(
                t("issue.reason.future", "vi", today=today.vi), t("issue.reason.future", "en", today=today.en)
            )
            return _Period(found, None, make_issue("invalid_period", reason=reason, **loc))
        return _Period(found, period, None)

    def unit_issue(self, found: Found, code: str | None, period: Period | None) -> ValidationIssue | None:
        """The issue of a unit text read for a period: unknown, an area, or not active then."""
        loc = {"sheet": found.sheet, "cell": found.cell}
        example = self._example()
        if code is None:
            return make_issue("unknown_unit", value=found.text, example=example, **loc)
        if self.register.is_area(code):
            return make_issue(
                "unknown_unit", value=found.text, example=example, message_key="issue.unknown_unit.area", **loc
            )
        if period is not None and not self.is_active(code, period):
            return self._not_active(code, period, loc)
        return None

    def _example(self) -> str:
        """A unit of the register that exists today (the first one in the register's order)."""
        units = self.register.reporting_units
        if not units:
            return ""
        now = Period.of_date(self.today)
        current = [u for u in units if self.register.is_active(u, now)]
        code = (current or units)[0]
        return f"{code} / {self.register.name(code)}"

    def _not_active(self, code: str, period: Period, loc: dict) -> ValidationIssue:
        reg = self.register
        start, end = reg.valid_from(code), reg.valid_to(code)
        valid = Localized(
            f"{start.label('vi') if start else '…'} – {end.label('vi') if end else '…'}",
            f"{start.label('en') if start else '…'} – {end.label('en') if end else '…'}",
        )
        hint = Localized("", "")
        row = reg.row(code)
        if end is not None and period > end and row["successor"] and row["successor"] in reg:
            succ = reg.canonical(row["successor"])
            hint = _localized_with_period("issue.hint.successor", "start", end.shift(1), name=reg.name(succ), code=succ)
        elif start is not None and period < start:
            preds = reg.predecessors(code)
            if preds:
                hint = _localized_with_period("issue.hint.predecessors", "start", start, codes=", ".join(preds))
        return make_issue(
            "unit_not_active",
            value=code,
            unit=f"{code} ({reg.name(code)})",
            period=Localized(period.label("vi"), period.label("en")),
            valid=valid,
            successor_hint=hint,
            **loc,
        )

    def conflict(self, kind: str, loser: Found, loser_value: str, winner: Found, winner_value: str) -> None:
        key = f"issue.{kind}_conflict.file_name" if loser.source == "file_name" else None
        self.issue(
            f"{kind}_conflict",
            sheet=loser.sheet,
            cell=loser.cell,
            value=loser_value,
            other=winner_value,
            other_source=Localized.of(f"source.{winner.source}"),
            used=winner_value,
            message_key=key,
        )

    # -- the whole file ----------------------------------------------------------------------------
    def run(self) -> list[SubmissionData]:
        book = read_workbook(self.data, sandbox=self.sandbox)
        header = book.header
        if header is None:
            self.issue("no_data_sheet")
            return []
        sources = Sources()
        info = next(
            (s for s in book.sheets if fold_text(s.name) == fold_text(INFO_SHEET_NAME) and s is not header.sheet),
            None,
        )
        if info is not None:
            info_sheet_sources(info, sources)
        title_block_sources(header, sources)
        stem = PurePath(self.filename or "").stem
        if search_period(stem) is not None:
            sources.periods.append(Found("file_name", stem, yq=search_period(stem)))
        return _Table(self, header, book.formulas, sources, stem).read()


def _localized_with_period(key: str, field: str, period: Period, **params: object) -> Localized:
    """Catalogue entry ``key`` in both languages, with ``period`` shown as "Quý III/2026" / "Q3 2026"."""
    return Localized(
        t(key, "vi", **{field: period.label("vi")}, **params),
        t(key, "en", **{field: period.label("en")}, **params),
    )


def _unit_from_file_name(reader: _Reader, stem: str, period: Period | None) -> Found | None:
    for cand in file_name_candidates(stem):
        if len(fold_text(cand)) < 2:
            continue
        code = reader.match_unit(cand, period)
        if code is not None and not reader.register.is_area(code):
            return Found("file_name", cand, code=code, weak=True)
    return None


# ==== the body table ==============================================================================

_COUNT_LABEL = {c: Localized.of(f"col.{c}") for c in COUNT_COLUMNS}
_MISSING = object()


class _Table:
    """The rows under the header of the data sheet: parsed, classified and validated."""

    def __init__(self, reader: _Reader, header: Header, formulas: dict, sources: Sources, stem: str):
        self.r = reader
        self.h = header
        self.sheet = header.sheet.name
        self.cols = header.columns
        self.formulas = formulas
        self.sources = sources
        self.stem = stem
        self._fold_cache: dict[str, str] = {}

    def fold(self, text: str) -> str:
        try:
            return self._fold_cache[text]
        except KeyError:
            out = self._fold_cache[text] = fold_text(text)
            return out

    # -- locating the body rows ------------------------------------------------------------------
    def _count_cols(self) -> list[int]:
        return [self.cols[c] for c in COUNT_COLUMNS if c in self.cols]

    def _is_column_number_row(self, row: list) -> bool:
        nums: list[int] = []
        for v in row:
            if v in ("", None):
                continue
            if isinstance(v, bool):
                return False
            if isinstance(v, int | float):
                if v != v or not float(v).is_integer() or not 0 < v < 100:
                    return False
                nums.append(int(v))
                continue
            s = str(v).strip()
            m = re.fullmatch(r"\(?\s*(\d{1,2})\s*\)?(?:\s*[=+\-*/x]\s*\(?\s*\d{1,2}\s*\)?)*", s)
            if m:
                nums.append(int(m.group(1)))
            elif not re.fullmatch(r"\(?[A-Za-z]\)?", s):
                return False
        return len(nums) >= 2 and all(b > a for a, b in itertools.pairwise(nums))

    def _body_range(self, rows: list[list]) -> tuple[int, int]:
        start = self.h.row + 1
        for r in range(start, min(start + 4, len(rows))):
            row = rows[r]
            if all(v in ("", None) for v in row):
                continue
            if self._is_column_number_row(row):
                start = r + 1
            break
        count_cols = self._count_cols()
        note_col = self.cols.get("note", -1)
        end = len(rows)
        footer_cache: dict[str, bool] = {}
        for r in range(start, len(rows)):
            row = rows[r]
            if any(type(row[c]) in (int, float) for c in count_cols if c < len(row)):
                continue  # a row with numbers in its count cells is never a footer
            for c, v in enumerate(row):
                if c == note_col or not isinstance(v, str) or not v:
                    continue  # a note saying "Ghi chú: …" belongs to its body row
                hit = footer_cache.get(v)
                if hit is None:
                    hit = footer_cache[v] = is_footer_text(v)
                if hit:
                    return start, r
        return start, end

    # -- reading ---------------------------------------------------------------------------------
    def read(self) -> list[SubmissionData]:
        rows = self.h.sheet.rows
        start, end = self._body_range(rows)
        body_rows = rows[start:end]
        n = len(body_rows)
        cols = self.cols
        for role in REQUIRED_COLUMNS:
            if role not in cols:
                self.r.issue(
                    "missing_column",
                    sheet=self.sheet,
                    cell=a1(self.h.row, 0),
                    row=self.h.row + 1,
                    value=t(f"col.{role}"),
                    column=Localized.of(f"col.{role}"),
                )

        def column(role: str) -> list:
            c = cols.get(role)
            if c is None:
                return [""] * n
            return [row[c] if c < len(row) else "" for row in body_rows]

        sheet_rows = np.arange(start, start + n) + 1  # 1-based sheet rows
        frame = pd.DataFrame({"source_row": sheet_rows})
        names = [cell_text(v) for v in column("body_name")]
        frame["body_name"] = names
        frame["note"] = [cell_text(v) for v in column("note")]

        # formulas without a cached value, inside the table and in columns we read
        used_cols = {c: role for role, c in cols.items()}
        fnv = {
            (r, c): f
            for (r, c), f in self.formulas.items()
            if start <= r < end and c in used_cols and used_cols[c] in BODY_COLUMNS
        }

        # counts -----------------------------------------------------------------------------
        values: dict[str, np.ndarray] = {}
        present: dict[str, np.ndarray] = {}
        bad: dict[str, np.ndarray] = {}
        for role in COUNT_COLUMNS:
            vals, pres, not_number = _parse_counts(column(role))
            if role in cols:
                for r, c in fnv:
                    if c == cols[role]:
                        pres[r - start] = True
            values[role], present[role], bad[role] = vals, pres, not_number
        any_count = np.zeros(n, dtype=bool)
        for role in COUNT_COLUMNS:
            any_count |= present[role]

        # row kinds ----------------------------------------------------------------------------
        name_present = np.array([bool(x) for x in names], dtype=bool)
        if "body_name" not in cols:
            name_present = any_count.copy()
        first_count = min(self._count_cols(), default=len(rows[0]) if rows else 0)
        total_mask = np.zeros(n, dtype=bool)
        total_cache: dict[str, bool] = {}
        for i, row in enumerate(body_rows):
            if not (name_present[i] or any_count[i]):
                continue
            for v in row[:first_count]:
                if isinstance(v, str) and v:
                    hit = total_cache.get(v)
                    if hit is None:
                        hit = total_cache[v] = is_total_text(v)
                    if hit:
                        total_mask[i] = True
                        break
        is_body = name_present & any_count & ~total_mask
        nameless = ~name_present & any_count & ~total_mask
        skipped = name_present & ~any_count & ~total_mask

        name_col = cols.get("body_name", 0)
        for i in np.flatnonzero(skipped):
            r0 = start + int(i)
            self.r.issue("body_skipped", sheet=self.sheet, cell=a1(r0, name_col), row=r0 + 1, value=names[i])
        for i in np.flatnonzero(nameless):
            r0 = start + int(i)
            self.r.issue(
                "body_skipped",
                sheet=self.sheet,
                cell=a1(r0, name_col),
                row=r0 + 1,
                value="",
                message_key="issue.body_skipped.no_name",
            )
        for (r, c), formula in sorted(fnv.items()):
            if not total_mask[r - start]:
                self.r.issue("formula_without_value", sheet=self.sheet, cell=a1(r, c), row=r + 1, value=formula)

        # number rules on body rows ----------------------------------------------------------------
        valid: dict[str, np.ndarray] = {}
        for role in COUNT_COLUMNS:
            v = values[role]
            if role not in cols:
                valid[role] = np.ones(n, dtype=bool)
                continue
            c = cols[role]
            fnv_here = np.zeros(n, dtype=bool)
            for r, cc in fnv:
                if cc == c:
                    fnv_here[r - start] = True
            not_number = bad[role] & is_body & ~fnv_here
            finite = ~np.isnan(v)
            frac = finite & (np.mod(np.where(finite, v, 0), 1) != 0)
            neg = finite & ~frac & (v < 0)
            self._cell_issues("not_a_number", not_number, c, start, body_rows, role)
            self._cell_issues("not_whole_number", frac & is_body, c, start, body_rows, role)
            self._cell_issues("negative_number", neg & is_body, c, start, body_rows, role)
            valid[role] = ~(not_number | frac | neg | fnv_here)
        ints = {
            role: np.where(np.isnan(values[role]) | ~valid[role], 0, values[role]).astype("int64")
            for role in COUNT_COLUMNS
        }

        for female, total, total_key in (
            ("key_leaders_female", "key_leaders", "total.key_leaders"),
            ("pool_female", "pool_total", "total.pool_total"),
        ):
            if female in cols and total in cols:
                mask = is_body & valid[female] & valid[total] & (ints[female] > ints[total])
                for i in np.flatnonzero(mask):
                    r0 = start + int(i)
                    self.r.issue(
                        "female_exceeds_total",
                        sheet=self.sheet,
                        cell=a1(r0, cols[female]),
                        row=r0 + 1,
                        value=int(ints[female][i]),
                        total=int(ints[total][i]),
                        total_name=Localized.of(total_key),
                    )
        if "pool_female_trained" in cols and "pool_female" in cols:
            mask = (
                is_body
                & valid["pool_female_trained"]
                & valid["pool_female"]
                & (ints["pool_female_trained"] > ints["pool_female"])
            )
            for i in np.flatnonzero(mask):
                r0 = start + int(i)
                self.r.issue(
                    "trained_exceeds_female",
                    sheet=self.sheet,
                    cell=a1(r0, cols["pool_female_trained"]),
                    row=r0 + 1,
                    value=int(ints["pool_female_trained"][i]),
                    total=int(ints["pool_female"][i]),
                )

        # body types: each distinct text matched once ------------------------------------------
        type_values = np.full(n, "", dtype=object)
        if "body_type" in cols:
            raw_types = pd.Series(column("body_type"), dtype=object).map(cell_text)
            matched = {text: match_body_type(text) for text in pd.unique(raw_types[is_body].to_numpy())}
            labels = raw_types.map({k: (v.value if v is not None else None) for k, v in matched.items()})
            unknown = is_body & labels.isna().to_numpy()
            type_values[is_body & ~unknown] = labels[is_body & ~unknown].to_numpy()
            choices = ", ".join(bt.value for bt in BodyType)
            c = cols["body_type"]
            for i in np.flatnonzero(unknown):
                r0 = start + int(i)
                text = raw_types.iat[i]
                self.r.issue(
                    "unknown_body_type",
                    sheet=self.sheet,
                    cell=a1(r0, c),
                    row=r0 + 1,
                    value=text,
                    choices=choices,
                    name=names[i],
                    message_key=None if text else "issue.unknown_body_type.empty",
                )
        frame["body_type"] = type_values
        for role in COUNT_COLUMNS:
            frame[role] = ints[role]

        # total rows ---------------------------------------------------------------------------------
        self._check_totals(total_mask, is_body, valid, ints, start, body_rows)

        # no bodies at all ---------------------------------------------------------------------------
        if not is_body.any():
            self.r.issue("no_data_rows", sheet=self.sheet, cell=a1(self.h.row, 0), row=self.h.row + 1)

        # unit and period per row -----------------------------------------------------------------
        units, periods = self._unit_period(body_rows, is_body, start)

        frame["unit"] = units
        frame["period"] = periods
        keep = is_body & (frame["unit"] != "").to_numpy() & frame["period"].notna().to_numpy()
        body = frame.loc[keep].copy()
        body["period_index"] = np.array([p.index for p in body["period"]], dtype="int64")
        self._check_bodies(body)

        if any(i.is_error for i in self.r.issues):
            return []
        out: list[SubmissionData] = []
        columns = [*BODY_COLUMNS, "source_row"]
        for (unit, period_key), group in body.groupby(["unit", "period_index"], sort=True):
            bodies = group[columns].reset_index(drop=True)
            bodies["source_row"] = bodies["source_row"].astype(int)
            out.append(SubmissionData(unit, Period.from_index(int(period_key)), bodies, self.sheet))
        out.sort(key=lambda s: (s.unit, s.period))
        return out

    def _cell_issues(self, code: str, mask: np.ndarray, col: int, start: int, body_rows: list, role: str) -> None:
        for i in np.flatnonzero(mask):
            r0 = start + int(i)
            raw = body_rows[i][col]
            self.r.issue(
                code,
                sheet=self.sheet,
                cell=a1(r0, col),
                row=r0 + 1,
                value=raw.strip() if isinstance(raw, str) else display_value(raw),
                column=_COUNT_LABEL[role],
            )

    def _check_totals(self, total_mask, is_body, valid, ints, start, body_rows) -> None:
        cols = self.cols
        prev = 0
        for i in np.flatnonzero(total_mask):
            i = int(i)
            label = next(
                (self.fold(v) for v in body_rows[i] if isinstance(v, str) and v.strip() and is_total_text(v)), ""
            )
            grand = label.startswith("tong")
            for role in COUNT_COLUMNS:
                if role not in cols:
                    continue
                raw = body_rows[i][cols[role]] if cols[role] < len(body_rows[i]) else ""
                val = _single_count(raw)
                if val is None:
                    continue
                section = slice(prev, i)
                everything = slice(0, i)
                sums = {}
                ok_section = ok_all = True
                for name, sl in (("section", section), ("all", everything)):
                    b = is_body[sl]
                    if (b & ~valid[role][sl]).any():
                        if name == "section":
                            ok_section = False
                        else:
                            ok_all = False
                    sums[name] = int(ints[role][sl][b].sum())
                if not (ok_section and ok_all):
                    continue
                if val in (sums["section"], sums["all"]):
                    continue
                expected = sums["all"] if grand or prev == 0 else sums["section"]
                r0 = start + i
                self.r.issue(
                    "total_mismatch",
                    sheet=self.sheet,
                    cell=a1(r0, cols[role]),
                    row=r0 + 1,
                    value=display_value(val),
                    expected=expected,
                    column=_COUNT_LABEL[role],
                )
            prev = i + 1

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

        # periods: per-row keys first, the file's own period for rows without one -----------------
        by_period: dict[tuple | None, list[int]] = {}
        for i in idx:
            key = None
            if "period" in cols and cell(i, "period") not in ("", None):
                key = ("p", cell_text(cell(i, "period")))
            elif "year" in cols and "quarter" in cols and cell(i, "year") not in ("", None):
                key = ("yq", cell_text(cell(i, "year")), cell_text(cell(i, "quarter")))
            by_period.setdefault(key, []).append(i)
        resolved: dict[tuple | None, _Period | None] = {}
        for key, rows_ in by_period.items():
            if key is None:
                continue
            r0 = start + rows_[0]
            if key[0] == "p":
                found = Found("per_row", key[1], self.sheet, a1(r0, cols["period"]), yq=search_period(key[1]))
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
            if file_period is None:
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
        if unit_role is not None:
            for i in idx:
                text = cell_text(cell(i, unit_role))
                if not text and unit_role == "unit_code" and "unit_text" in cols:
                    text = cell_text(cell(i, "unit_text"))
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
            by_unit.setdefault((texts[i], periods[i]), []).append(i)
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
                found = Found("per_row", text, self.sheet, a1(start + rows_[0], cols[unit_role]))
                code = reader.match_unit(text, period)
                if code is None and unit_role == "unit_code" and "unit_text" in cols:
                    alt = cell_text(cell(rows_[0], "unit_text"))
                    code = reader.match_unit(alt, period) if alt else None
                if code is None and self._ambiguous_without_period(found, period):
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
        if winner.yq is None:
            return
        for other in others:
            if other is winner or other.yq is None or other.yq == winner.yq:
                continue
            self.r.conflict(
                "period",
                other,
                yq_text(other.yq),
                winner,
                yq_text(winner.yq),
            )

    def _unit_conflicts(self, winner: Found, others: list[Found]) -> None:
        if winner.code is None:
            return
        for other in others:
            if other is winner or other.code is None or other.code == winner.code:
                continue
            self.r.conflict("unit", other, other.text, winner, f"{winner.code} ({self.r.register.name(winner.code)})")

    # -- duplicates and I1 bodies without key leaders -----------------------------------------------
    def _check_bodies(self, body: pd.DataFrame) -> None:
        if body.empty:
            return
        if "body_name" in self.cols:
            folded = body["body_name"].map(self.fold)
            keys = pd.DataFrame({"u": body["unit"], "p": body["period_index"], "n": folded})
            dup = keys.duplicated(keep="first").to_numpy()
            if dup.any():
                first_row = body.groupby([keys["u"], keys["p"], keys["n"]])["source_row"].transform("first")
                c = self.cols["body_name"]
                for pos in np.flatnonzero(dup):
                    row = int(body["source_row"].iloc[pos])
                    self.r.issue(
                        "duplicate_body",
                        sheet=self.sheet,
                        cell=a1(row - 1, c),
                        row=row,
                        value=body["body_name"].iloc[pos],
                        other_row=int(first_row.iloc[pos]),
                    )
        if "body_type" in self.cols and "key_leaders" in self.cols:
            i1 = body["body_type"].isin([bt.value for bt in I1_BODY_TYPES]) & (body["key_leaders"] == 0)
            c = self.cols["key_leaders"]
            for pos in np.flatnonzero(i1.to_numpy()):
                row = int(body["source_row"].iloc[pos])
                self.r.issue(
                    "no_key_leaders",
                    sheet=self.sheet,
                    cell=a1(row - 1, c),
                    row=row,
                    value=body["body_name"].iloc[pos],
                    body_type=body["body_type"].iloc[pos],
                )


def _single_count(raw: object) -> float | None:
    """One count cell read as a number; None when empty or not a number."""
    if type(raw) in (int, float):
        return None if raw != raw else float(raw)
    if isinstance(raw, str):
        try:
            return parse_number_text(raw)
        except ValueError:
            return None
    return None


_VALUE_KIND = {float: 1, int: 1, str: 2}  # anything else (bool, date, time) is not a count


def _parse_counts(vals: list) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(value or NaN, cell present, present but not a number) for one count column.

    Numbers pass through; each distinct text is parsed once (``parse_number_text``); bools,
    dates and times are not numbers.
    """
    n = len(vals)
    s = pd.Series(vals, dtype=object)
    kinds = s.map(type).map(_VALUE_KIND).fillna(0).to_numpy(dtype="int8")
    is_num = kinds == 1
    is_str = kinds == 2
    out = np.full(n, np.nan)
    if is_num.any():
        out[is_num] = s[is_num].to_numpy(dtype="float64")
    bad = ~is_num & ~is_str & s.notna().to_numpy()
    present = is_num | bad
    if is_str.any():
        texts = s[is_str]
        values: dict[str, float] = {}
        flags: dict[str, int] = {}  # 0 empty, 1 number, 2 not a number
        for text in pd.unique(texts.to_numpy()):
            try:
                v = parse_number_text(text)
            except ValueError:
                values[text], flags[text] = np.nan, 2
            else:
                values[text], flags[text] = (np.nan, 0) if v is None else (v, 1)
        out[is_str] = texts.map(values).to_numpy(dtype="float64")
        f = texts.map(flags).to_numpy(dtype="int8")
        present[is_str] = f != 0
        bad[is_str] = f == 2
    return out, present, bad


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
    reader = _Reader(data, str(filename or ""), register, today or dt.date.today(), sandbox)
    try:
        report.submissions = reader.run()
        report.issues = _ordered(reader.issues)
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


def _ordered(issues: list[ValidationIssue]) -> list[ValidationIssue]:
    """File-level issues first, then by row (stable within a row)."""
    return sorted(issues, key=lambda i: (0 if not i.row else 1, i.row or 0))
