"""Where a workbook's unit and period come from (SPEC §5): every source found, in order.

First found wins: per-row columns (long layout: "Mã đơn vị"/"Đơn vị", "Kỳ báo cáo" or "Năm" +
"Quý", read with the table); the "Thông tin" sheet; labelled cells above the header ("Đơn vị: xã
Bà Điểm", "Quý III năm 2024", "III/2024"); the file name ("HM-BD_2024Q3.xlsx", "Bà Điểm III-2024").
This module only finds the texts and where they were written (``Found``): whether a unit exists
or a period is valid is judged in validation.

**A quarter-end date** names its quarter: "Số liệu tính đến ngày: 30/09/2026" (the date as text
"30/9/2026", "30-09-2026", "30.09.2026", "ngày 30 tháng 9 năm 2026", "2026-09-30", or a real
Excel date in the cell beside the label) is 2026Q3, after any quarter written in words. Only the
four quarter ends (31/3, 30/6, 30/9, 31/12) name a quarter, and only when the date is labelled as
the date the counts are "as of" ("tính đến", "đến ngày", "thời điểm", "chốt số liệu"): a date
line "ngày 05 tháng 10 năm 2024" (when the report was signed) names none. Any other day is kept
as ``Sources.stray_dates``, so that the missing-period message can name it.

A source cell holding an Excel error value (``#REF!`` in "Quý") is a ``Found`` with ``error``: it
is reported as ``error_value``, never read as empty (which would let a later source win).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..periods import parse_quarter, parse_year, search_period
from ..text import a1, fold_text
from .grid import CellError, SheetCells, cell_text
from .header import Header

__all__ = [
    "BRACKETED",
    "UNIT_PREFIXES",
    "Found",
    "Sources",
    "as_of_quarter",
    "date_of",
    "file_name_candidates",
    "info_sheet_sources",
    "quarter_of_end",
    "title_block_sources",
    "yq_text",
]


@dataclass
class Found:
    """A unit or period text found in one source, with where it was found."""

    source: str
    text: str
    sheet: str = ""
    cell: str = ""
    yq: tuple[int, int] | None = None  # periods: (year, quarter) as written, unchecked
    code: str | None = None  # units: the register code it matched
    weak: bool = False  # units: only a source when it matches the register (unlabelled text)
    error: str | None = None  # the Excel error value the source cell holds ("#REF!")
    role: str = ""  # which label it came from: "period", "year", "quarter", "as_of", "unit", "unit_name"


# ==== dates ====================================================================================

_DMY = re.compile(r"(?<!\d)(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*((?:19|20)\d{2})(?!\d)")
_ISO = re.compile(r"(?<!\d)((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})(?!\d)")
_WORDS = re.compile(r"\bngay (\d{1,2}) thang (\d{1,2}) nam ((?:19|20)\d{2})\b")
#: words saying the date the counts are as of, folded: "tính đến (ngày)", "đến (hết) ngày", "tại thời
#: điểm", "chốt số liệu", "as of"; "Số liệu đến 30/9/2026", "từ 01/7/2026 đến 30/9/2026"
_AS_OF = re.compile(
    r"\b(?:tinh (?:den|toi)|den ngay|toi ngay|thoi diem|as (?:of|at)|chot (?:so lieu )?(?:den|toi|ngay|vao)"
    r"|ngay chot|ngay so lieu|so lieu ngay|so lieu (?:den|toi)|den het|den)\b"
)
# the as-of words followed by a date, folded ("den ngay 30 09 2026", "den 30 thang 9 nam 2026")
_AS_OF_DATE = re.compile(
    r"\b(?:den|toi|thoi diem|as (?:of|at)|chot|ngay so lieu|so lieu ngay)\b\D{0,30}?"
    r"(?<!\d)(\d{1,2}) (?:thang )?(\d{1,2}) (?:nam )?((?:19|20)\d{2})(?!\d)"
)
_QUARTER_ENDS = {(3, 31): 1, (6, 30): 2, (9, 30): 3, (12, 31): 4}


def _date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def date_of(value: object) -> dt.date | None:
    """The date a cell holds: a real Excel date, or a date written in a text ("30/09/2026",
    "30-9-2026", "30.09.2026", "ngày 30 tháng 9 năm 2026", "2026-09-30"); None if none."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    m = _DMY.search(value)
    if m:
        return _date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    m = _ISO.search(value)
    if m:
        return _date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _WORDS.search(fold_text(value))
    if m:
        return _date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    return None


def quarter_of_end(day: dt.date) -> tuple[int, int] | None:
    """(year, quarter) of a quarter's last day (31/3, 30/6, 30/9, 31/12); None for any other day."""
    q = _QUARTER_ENDS.get((day.month, day.day))
    return (day.year, q) if q is not None else None


def as_of_quarter(text: object) -> tuple[tuple[int, int] | None, dt.date | None]:
    """For a text saying what date the counts are as of ("Số liệu tính đến ngày 30/09/2026", "Từ
    01/7/2026 đến 30/9/2026"): the quarter it names (None unless a quarter end) and the date;
    (None, None) for any other text."""
    if not isinstance(text, str):
        return None, None
    m = _AS_OF_DATE.search(fold_text(text))
    if m is None:
        return None, None
    day = _date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    if day is None:
        return None, None
    return quarter_of_end(day), day


_LABEL_UNIT_CODE = {"ma don vi", "ma dv", "ma so don vi", "ma don vi bao cao"}
_LABEL_UNIT_NAME = {"ten don vi", "don vi", "don vi bao cao", "ten don vi bao cao", "co so hoi", "hoi"}
_LABEL_YEAR = {"nam", "nam bao cao"}
_LABEL_QUARTER = {"quy", "quy bao cao"}
_LABEL_PERIOD = {"ky bao cao", "ky", "ky bc", "thoi gian bao cao", "bao cao quy"}
_LABEL_UNIT_ROLE = {"code": "unit", "name": "unit_name"}
BRACKETED = re.compile(r"[(\[]\s*([^()\[\]]+?)\s*[)\]]")
UNIT_PREFIXES = ("hoi lhpn ", "hoi lien hiep phu nu ", "ban thuong vu hoi lhpn ", "hoi phu nu ")


def _label_pairs(rows: Sequence[Sequence], row_range: range) -> list[tuple[str, object, int, int]]:
    """(folded label, value, row0, col0 of the value) for label cells in the given rows.

    A label is "Label: value" in one cell, or a label cell followed by its value in the next
    non-empty cell to the right.
    """
    out = []
    for r in row_range:
        if r >= len(rows):
            break
        row = rows[r]
        c = 0
        while c < len(row):
            v = row[c]
            if not isinstance(v, str) or not v.strip():
                c += 1
                continue
            if ":" in v:
                left, right = v.split(":", 1)
                if right.strip():
                    out.append((fold_text(left), right.strip(), r, c))
                    c += 1
                    continue
                v = left
            label = fold_text(v)
            nxt = c + 1
            while nxt < len(row) and row[nxt] in ("", None):
                nxt += 1
            short = len(label.split()) <= 4 or (len(label.split()) <= 7 and _AS_OF.search(label) is not None)
            if nxt < len(row) and short and ":" not in str(row[nxt]):
                out.append((label, row[nxt], r, nxt))
                c = nxt + 1
                continue
            out.append((label, "", r, c))
            c += 1
    return out


@dataclass
class Sources:
    """Unit and period texts of one file, in the order of the sources (SPEC §5)."""

    units: list[Found] = field(default_factory=list)
    periods: list[Found] = field(default_factory=list)
    stray_dates: list[Found] = field(default_factory=list)  # as-of dates that are no quarter end


def _labelled_sources(pairs: list, source: str, sheet: str, found: Sources) -> None:
    """Unit and period from label/value pairs: "Mã đơn vị", "Tên đơn vị"/"Đơn vị", "Kỳ báo cáo",
    or "Năm" with "Quý" (a quarter or a year alone is no period), else a quarter-end date labelled
    "Số liệu tính đến ngày"."""
    items: dict[str, tuple[object, str]] = {}
    for label, value, r, c in pairs:
        if value in ("", None) or not cell_text(value):
            continue
        for key, labels in (
            ("code", _LABEL_UNIT_CODE),
            ("name", _LABEL_UNIT_NAME),
            ("year", _LABEL_YEAR),
            ("quarter", _LABEL_QUARTER),
            ("period", _LABEL_PERIOD),
        ):
            if label in labels:
                items.setdefault(key, (value, a1(r, c)))
                break
        else:
            if _AS_OF.search(label) and date_of(value) is not None:
                items.setdefault("as_of", (value, a1(r, c)))
    _labelled_period(items, source, sheet, found)
    for key in ("code", "name"):
        if key in items:
            value, cell = items[key]
            error = value.code if type(value) is CellError else None
            found.units.append(Found(source, cell_text(value), sheet, cell, error=error, role=_LABEL_UNIT_ROLE[key]))
            if source == "title_block":
                break


def _labelled_period(items: dict[str, tuple[object, str]], source: str, sheet: str, found: Sources) -> None:
    period = items.get("period")
    quarter = items.get("quarter")
    year = items.get("year")

    def error(key: str) -> bool:
        item = items.get(key)
        if item is None or type(item[0]) is not CellError:
            return False
        found.periods.append(Found(source, item[0].code, sheet, item[1], error=item[0].code, role=key))
        return True

    if error("period"):
        return
    whole = next((x for x in (period, quarter) if x is not None and search_period(x[0]) is not None), None)
    if whole is not None:
        role = "period" if whole is period else "quarter"
        found.periods.append(Found(source, cell_text(whole[0]), sheet, whole[1], yq=search_period(whole[0]), role=role))
    elif year is not None and (quarter or period) is not None:
        if error("year") or error("quarter"):
            return
        q_item = quarter or period
        y, q = parse_year(year[0]), parse_quarter(q_item[0])
        yq = (y, q) if y is not None and q is not None else None
        text = yq_text(yq) if yq else f"{cell_text(year[0])}/{cell_text(q_item[0])}"
        cell = q_item[1] if y is not None and (q is None or not 1 <= q <= 4) else year[1]
        found.periods.append(Found(source, text, sheet, cell, yq=yq, role="quarter" if cell == q_item[1] else "year"))
    elif period is not None and date_of(period[0]) is not None:
        day = date_of(period[0])  # "Kỳ báo cáo: 30/09/2026": the quarter of a quarter-end date
        yq = quarter_of_end(day)
        target = found.periods if yq is not None else found.stray_dates
        target.append(Found(source, day.strftime("%d/%m/%Y"), sheet, period[1], yq=yq, role="period"))
    elif period is not None and parse_quarter(period[0]) is None:
        found.periods.append(Found(source, cell_text(period[0]), sheet, period[1], role="period"))  # unreadable
    elif "as_of" in items:
        if error("as_of"):
            return
        value, cell = items["as_of"]
        day = date_of(value)
        yq = quarter_of_end(day) if day is not None else None
        text = day.strftime("%d/%m/%Y") if day is not None else cell_text(value)
        target = found.periods if yq is not None else found.stray_dates
        target.append(Found(source, text, sheet, cell, yq=yq, role="as_of"))


def info_sheet_sources(sheet: SheetCells, found: Sources) -> None:
    rows = sheet.top(100)
    pairs = _label_pairs(rows, range(len(rows)))
    _labelled_sources(pairs, "info_sheet", sheet.name, found)


def title_block_sources(header: Header, found: Sources) -> None:
    rows = header.sheet.head
    name = header.sheet.name
    n_units, n_periods = len(found.units), len(found.periods)
    _labelled_sources(_label_pairs(rows, range(header.top)), "title_block", name, found)
    period_done = len(found.periods) > n_periods
    unit_done = len(found.units) > n_units
    as_of: Found | None = None
    for r in range(min(header.top, len(rows))):
        for c, v in enumerate(rows[r]):
            if not isinstance(v, str) or not v.strip():
                continue
            if not period_done:
                yq = search_period(v)
                if yq is not None:
                    found.periods.append(Found("title_block", v.strip(), name, a1(r, c), yq=yq, role="period"))
                    period_done = True
                elif as_of is None:
                    yq, day = as_of_quarter(v)
                    if day is not None:
                        as_of = Found("title_block", day.strftime("%d/%m/%Y"), name, a1(r, c), yq=yq, role="as_of")
            if not unit_done:
                folded = fold_text(v)
                if folded.startswith(UNIT_PREFIXES):
                    found.units.append(Found("title_block", v.strip(), name, a1(r, c), weak=True))
    if not period_done and as_of is not None:  # a quarter written in words wins over a date
        (found.periods if as_of.yq is not None else found.stray_dates).append(as_of)


_PERIODISH = re.compile(
    r"^(?:q\d{1,2}|(?:19|20)\d{2}(?:q\d{1,2})?|[ivx]{1,4}(?:19|20)\d{2}|quy|nam|ky|\d{1,2}|[ivx]{1,4}|bc|bao|cao)$"
)


def file_name_candidates(stem: str) -> list[str]:
    parts = [p.strip() for p in re.split(r"\s*[_–—]\s*|\s+-\s+|\s*[,;()\[\]]\s*", stem) if p.strip()]
    out = [stem.strip(), *parts]
    for part in [stem, *parts]:
        tokens = part.split()
        kept = [tok for tok in tokens if not _PERIODISH.match(fold_text(tok).replace(" ", ""))]
        if kept and len(kept) < len(tokens):
            out.append(" ".join(kept))
        out.extend(tokens)
    return list(dict.fromkeys(out))


def yq_text(yq: tuple[int, int]) -> str:
    return f"{yq[0]}Q{yq[1]}"
