"""The workbook reader: an uploaded file's bytes in, its submissions and every issue out (SPEC §5, §6).

``read_submissions(data, filename, register, today)`` never raises. It works in this order:

1. **Container** (``limits.inspect_file``): size, zip directory and encryption checks from the
   bytes, before any parser runs; the format comes from the magic bytes, not the file name.
2. **Cells**: python-calamine reads every sheet of .xlsx/.xlsm/.xls/.ods (numbers as float or
   int, dates, bools, "" for empty). Merged ranges come from calamine where it knows them (xlsx,
   xls). For xlsx the sheet XML of the data sheet is scanned for cells with a formula and no cached
   value, which calamine reports as empty.
3. **Header**: the best-scoring row among the first 30 rows of any sheet (a sheet named "Số liệu"
   is preferred when it has a header). Header words are folded (``text.fold_text``) and matched by
   keyword rules (``classify_header``), not a closed list. A child header ("Tổng số", "Trong đó nữ",
   "Nữ") takes its meaning from the parent above it: the merged parent cell, or — where merges are
   unknown (ods) — the last "Lãnh đạo chủ chốt" / "quy hoạch" label to its left in the parent row.
4. **Table**: the rows below the header, skipping a column-number row ("(1) (2) …", "1 2 3"),
   blank rows and extra columns, ending at a footer ("Người lập biểu", "Thủ trưởng đơn vị",
   "Ngày … tháng … năm", "Ghi chú: …"). A "Tổng cộng" / "Cộng" / "Tổng số" row is compared with
   the sums of the bodies above it (warning ``total_mismatch``) and left out.
5. **Unit and period**, first found wins: per-row columns (long layout: "Mã đơn vị"/"Đơn vị",
   "Kỳ báo cáo" or "Năm" + "Quý"); the "Thông tin" sheet; labelled cells above the header
   ("Đơn vị: xã Bà Điểm", "Quý III năm 2024"); the file name ("HM-BD_2024Q3.xlsx"). Sources that
   disagree give ``unit_conflict`` / ``period_conflict`` warnings at the losing source.
6. **Rules** on body rows, vectorised over the whole table: counts are whole numbers ≥ 0 (text
   such as " 12 ", "12,0", "1.234" is read; an empty cell or a lone dash is 0), women ≤ total,
   trained ≤ women in the pool, names unique per unit-period (folded), body types from the seven.

Every issue carries the sheet, the A1 cell and the value found. ``submissions`` (one per unit and
quarter, sorted) are returned only when the file has no error, since a file with an error is not
stored at all.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import itertools
import re
import warnings
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import PurePath

import defusedxml
import numpy as np
import pandas as pd
from defusedxml import ElementTree as SafeET

from .i18n import t
from .intake import FileReport, SubmissionData, sha256_of
from .limits import FileRejected, inspect_file
from .periods import MIN_YEAR, Period, parse_quarter, parse_year, search_period
from .schema import BODY_COLUMNS, COUNT_COLUMNS, I1_BODY_TYPES, BodyType, match_body_type
from .text import fold_text
from .units import Register
from .validation import Localized, ValidationIssue, a1, make_issue

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    defusedxml.defuse_stdlib()  # refuse XML bombs in every stdlib XML parser of this process

__all__ = [
    "DATA_SHEET_NAME",
    "HEADER_SEARCH_ROWS",
    "INFO_SHEET_NAME",
    "REQUIRED_COLUMNS",
    "classify_header",
    "parse_number_text",
    "read_submissions",
]

DATA_SHEET_NAME = "Số liệu"
INFO_SHEET_NAME = "Thông tin"
HEADER_SEARCH_ROWS = 30
#: Columns a body table must have (``note`` is optional).
REQUIRED_COLUMNS: list[str] = ["body_name", "body_type", *COUNT_COLUMNS]
_MIN_HEADER_SCORE = 3  # required columns recognised in one row for it to count as a header

# ==== header words ================================================================================


def _has(padded: str, *needles: str) -> bool:
    return any(f" {n} " in padded for n in needles)


def classify_header(label: object) -> str | None:
    """The column a header cell names, from its folded words; None when it names nothing we use.

    Returns a body column (``body_name``, ``body_type``, a count column, ``note``), ``stt``, a
    unit or period column of the long layout (``unit_code``, ``unit_text``, ``name_or_unit``,
    ``period``, ``year``, ``quarter``), or a generic child (``_total``: "Tổng số"; ``_female``:
    "Trong đó nữ") that needs its parent to mean something.
    """
    s = fold_text(label)
    if not s:
        return None
    p = f" {s} "
    if s in ("stt", "tt", "so tt", "so thu tu", "thu tu"):
        return "stt"
    if _has(p, "ghi chu"):
        return "note"
    if _has(p, "ty le", "phan tram"):
        return None
    if _has(p, "loai", "phan loai") and (_has(p, "co quan", "hinh", "don vi", "cq") or s in ("loai", "phan loai")):
        return "body_type"
    key = _has(p, "lanh dao chu chot", "ldcc", "chu chot")
    pool = _has(p, "quy hoach", "qh", "dien quy hoach")
    trained = _has(p, "dao tao", "boi duong", "tap huan", "dt", "dtbd", "dao tao boi duong")
    female = _has(p, "nu")
    if pool:
        if trained:
            return "pool_female_trained"
        return "pool_female" if female else "pool_total"
    if key:
        return "key_leaders_female" if female else "key_leaders"
    if trained:
        return "pool_female_trained"
    if female:
        return "_female"
    if s in ("tong so", "tong", "so luong", "sl", "tong cong", "so nguoi", "tong so nguoi", "cong"):
        return "_total"
    if s in ("ma don vi", "ma dv", "ma", "ma don vi bao cao", "ma so don vi", "ma xa", "unit", "unit code"):
        return "unit_code"
    if s in ("ky bao cao", "ky", "ky bc", "quy nam", "thoi gian", "thoi ky", "period"):
        return "period"
    if s in ("nam", "nam bao cao", "year"):
        return "year"
    if s in ("quy", "quy bao cao", "quarter"):
        return "quarter"
    if _has(p, "co quan", "cq", "to chuc"):
        return "body_name"
    if s in ("ten don vi", "ten dv"):
        return "name_or_unit"
    if s in ("don vi", "don vi bao cao", "dv", "xa phuong", "xa thi tran", "xa"):
        return "unit_text"
    if s in ("ten", "ten goi", "ten co so"):
        return "body_name"
    return None


def _group_of(folded: str) -> str | None:
    """Whether a parent header cell groups key-leader or planning-pool columns."""
    if not folded or len(folded.split()) > 10:
        return None
    p = f" {folded} "
    if _has(p, "quy hoach", "qh"):
        return "pool"
    if _has(p, "lanh dao chu chot", "ldcc", "chu chot"):
        return "key"
    return None


_CHILD = {
    ("key", "_total"): "key_leaders",
    ("key", "_female"): "key_leaders_female",
    ("pool", "_total"): "pool_total",
    ("pool", "_female"): "pool_female",
}

_FOOTER_WORDS = (
    "nguoi lap bieu",
    "nguoi lap",
    "nguoi bao cao",
    "thu truong",
    "ky ten",
    "ky ghi ro ho ten",
    "ky va ghi ro ho ten",
    "ky ho ten",
    "ky dong dau",
    "noi nhan",
    "tm ban thuong vu",
    "kt chu tich",
    "tm ban chap hanh",
)
_FOOTER_DATE = re.compile(r"\bngay\b.{0,12}\bthang\b.{0,12}\bnam\b")
_TOTAL_LABEL = re.compile(r"(tong cong|tong so|tong|cong)")
_TOTAL_PREFIX = re.compile(r"^(tong cong(?! ty)|tong so|tong|cong)\s+(khoi|toan|chung|cac|tat ca|so)\b")


def _is_footer_text(raw: str) -> bool:
    s = fold_text(raw)
    if not s:
        return False
    p = f" {s} "
    if _has(p, *_FOOTER_WORDS) or _FOOTER_DATE.search(s):
        return True
    return s.startswith(("ghi chu ", "luu y ", "chu thich ")) and ":" in raw


def _is_total_text(raw: str) -> bool:
    s = fold_text(raw)
    if not s:
        return False
    if _TOTAL_LABEL.fullmatch(s) or (s.startswith("tong cong ") and not s.startswith("tong cong ty")):
        return True
    return bool(_TOTAL_PREFIX.match(s))


# ==== numbers =====================================================================================

_DASHES = {"-", "–", "—", "--"}
_THOUSANDS = re.compile(r"[+-]?\d{1,3}([.,])\d{3}(?:\1\d{3})*")
_DECIMAL = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)")


def parse_number_text(text: str) -> float | None:
    """A count typed as text: " 12 ", "12,0", "12.0", "1.234" / "1,234" (thousands), "-3".

    Returns None for an empty cell (blank, or a lone dash that people write for "none"); raises
    ValueError when the text is not a number.
    """
    s = text.replace("\u00a0", " ").replace("\u202f", " ").strip()
    if not s or s in _DASHES:
        return None
    s = s.replace(" ", "")
    if _THOUSANDS.fullmatch(s):
        return float(re.sub(r"[.,]", "", s))
    if _DECIMAL.fullmatch(s):
        return float(s.replace(",", "."))
    raise ValueError(f"not a number: {text!r}")


def _display(value: object) -> str:
    """A cell value as a person would read it back in a message."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value != value:
            return ""
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value)


def _cell_text(value: object) -> str:
    """A text cell stripped, a number written without '.0', empty for None/''."""
    if isinstance(value, str):
        return value.strip()
    return _display(value).strip()


# ==== reading the cells ===========================================================================


@dataclass
class _Sheet:
    name: str
    sheet: object  # python_calamine.CalamineSheet
    head: list[list] = field(default_factory=list)  # first rows, for the header search
    merges: list[tuple[tuple[int, int], tuple[int, int]]] | None = None
    header: _Header | None = None
    _rows: list[list] | None = None

    def top(self, n: int) -> list[list]:
        """The first ``n`` rows, without converting the whole sheet."""
        if self._rows is not None or self.sheet is None:
            return self.rows[:n]
        return self.sheet.to_python(skip_empty_area=False, nrows=n)

    @property
    def rows(self) -> list[list]:
        if self._rows is None:
            self._rows = self.sheet.to_python(skip_empty_area=False) if self.sheet is not None else self.head
        return self._rows


def _open_sheets(data: bytes) -> tuple[list[_Sheet], BaseException | None]:
    """Every worksheet that calamine can read, and the first error of one it could not."""
    from python_calamine import CalamineWorkbook, SheetTypeEnum

    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    sheets: list[_Sheet] = []
    failed: BaseException | None = None
    for meta in book.sheets_metadata:
        if meta.typ is not SheetTypeEnum.WorkSheet:
            continue
        try:
            sheet = book.get_sheet_by_name(meta.name)
            head = sheet.to_python(skip_empty_area=False, nrows=HEADER_SEARCH_ROWS + 1)
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as exc:  # a damaged sheet (calamine may panic): read the others
            failed = failed or exc
            continue
        try:
            merges = sheet.merged_cell_ranges
        except Exception:
            merges = None
        item = _Sheet(meta.name, sheet, head, merges)
        item.header = _find_header(item)
        if item.header is None and fold_text(meta.name) != fold_text(INFO_SHEET_NAME):
            item.sheet = None  # not needed again: let calamine free its cells
        sheets.append(item)
    return sheets, failed


_CELL_RE = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.S)
_HAS_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_VALUE_RE = re.compile(rb"<(?:\w+:)?v>\s*[^<\s]|<(?:\w+:)?is>", re.S)
_FORMULA_TEXT = re.compile(rb"<(?:\w+:)?f\b[^>]*>(.*?)</(?:\w+:)?f>", re.S)
_REF_ATTR = re.compile(rb'\br="([A-Z]{1,3})(\d{1,7})"')
_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NS_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def _col_index(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ch - 64)
    return n - 1


def _xlsx_formulas_without_value(data: bytes, sheet_name: str) -> dict[tuple[int, int], str]:
    """Cells of one xlsx sheet holding a formula and no cached value: (row0, col0) → "=FORMULA"."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        book = SafeET.fromstring(zf.read("xl/workbook.xml"))
        rid = None
        for el in book.iter(f"{_NS_MAIN}sheet"):
            if el.get("name") == sheet_name:
                rid = el.get(f"{_NS_REL}id")
                break
        if rid is None:
            return {}
        rels = SafeET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
        target = None
        for el in rels.iter(f"{_NS_PKG}Relationship"):
            if el.get("Id") == rid:
                target = el.get("Target") or ""
                break
        if not target:
            return {}
        path = target.lstrip("/") if target.startswith("/") else "xl/" + target
        xml = zf.read(path)
    if b"<f" not in xml and b":f" not in xml:  # a quick look before the regular expressions
        return {}
    if not _HAS_FORMULA.search(xml):
        return {}
    out: dict[tuple[int, int], str] = {}
    for m in _CELL_RE.finditer(xml):
        body = m.group(2)
        if not body or not _HAS_FORMULA.search(body) or _VALUE_RE.search(body):
            continue
        ref = _REF_ATTR.search(m.group(1))
        if not ref:
            continue
        ftext = _FORMULA_TEXT.search(body)
        formula = html.unescape(ftext.group(1).decode("utf-8", "replace")) if ftext else ""
        out[(int(ref.group(2)) - 1, _col_index(ref.group(1)))] = "=" + formula if formula else "="
    return out


# ==== finding the header ==========================================================================


@dataclass
class _Header:
    sheet: _Sheet
    row: int  # 0-based row of the (lowest) header row
    top: int  # 0-based first row of the header (row - 1 for a two-level header)
    columns: dict[str, int]  # role -> 0-based column
    score: float


def _header_grid(sheet: _Sheet) -> list[list[str]]:
    """Folded text of the first rows, merged cells filled with their top-left value."""
    rows = sheet.head
    n = min(len(rows), HEADER_SEARCH_ROWS + 1)
    width = max((len(r) for r in rows[:n]), default=0)
    raw = [list(r[:width]) + [""] * (width - len(r)) for r in rows[:n]]
    for (r0, c0), (r1, c1) in sheet.merges or ():
        if r0 >= n or c0 >= width:
            continue
        value = raw[r0][c0]
        for r in range(r0, min(r1, n - 1) + 1):
            for c in range(c0, min(c1, width - 1) + 1):
                if raw[r][c] in ("", None):
                    raw[r][c] = value
    return [[fold_text(v) if v not in ("", None) else "" for v in row] for row in raw]


def _columns_of_row(grid: list[list[str]], r: int) -> tuple[dict[str, int], bool]:
    """Roles found in header row ``r`` (with row ``r - 1`` as possible parent), and whether the
    parent row was needed."""
    bottom = grid[r]
    top = grid[r - 1] if r > 0 else [""] * len(bottom)
    groups: list[str | None] = []
    current: str | None = None
    for text in top:
        if text:
            current = _group_of(text)
        groups.append(current)
    roles: dict[str, int] = {}
    used_top = False
    for c, text in enumerate(bottom):
        role = None
        if text:
            role = classify_header(text)
            if role in ("_total", "_female") and groups[c]:
                role = _CHILD[(groups[c], role)]
                used_top = True
            elif role == "pool_female_trained" and groups[c]:
                used_top = True
        elif top[c] and len(top[c].split()) <= 10:
            role = classify_header(top[c])
            if role is not None and role.startswith("_"):
                role = None
        if role is None or role.startswith("_") or role in roles:
            continue
        roles[role] = c
    # "Tên đơn vị" names the body unless another column does; "Đơn vị" names the unit
    if "body_name" in roles:
        if "name_or_unit" in roles:
            roles.setdefault("unit_text", roles.pop("name_or_unit"))
    elif "name_or_unit" in roles:
        roles["body_name"] = roles.pop("name_or_unit")
    elif "unit_text" in roles and "unit_code" not in roles:
        roles["body_name"] = roles.pop("unit_text")
    return roles, used_top


def _score(roles: dict[str, int]) -> float:
    required = sum(1 for r in REQUIRED_COLUMNS if r in roles)
    return required + 0.01 * (len(roles) - required)


def _find_header(sheet: _Sheet) -> _Header | None:
    grid = _header_grid(sheet)
    best: _Header | None = None
    for r in range(min(len(grid), HEADER_SEARCH_ROWS)):
        if not any(grid[r]):
            continue
        roles, used_top = _columns_of_row(grid, r)
        score = _score(roles)
        if best is None or score > best.score:
            best = _Header(sheet, r, r - 1 if used_top else r, roles, score)
    if best is None or best.score < _MIN_HEADER_SCORE:
        return None
    return best


def _choose_header(sheets: list[_Sheet]) -> _Header | None:
    found = [s.header for s in sheets if s.header is not None]
    if not found:
        return None
    preferred = [h for h in found if fold_text(h.sheet.name) == fold_text(DATA_SHEET_NAME)]
    if preferred:
        return preferred[0]
    return max(found, key=lambda h: h.score)  # first sheet wins a tie


# ==== where the unit and the period come from =====================================================


@dataclass
class _Found:
    """A unit or period text found in one source, with where it was found."""

    source: str
    text: str
    sheet: str = ""
    cell: str = ""
    yq: tuple[int, int] | None = None  # periods: (year, quarter) as written, unchecked
    code: str | None = None  # units: the register code it matched
    weak: bool = False  # units: only a source when it matches the register (unlabelled text)


_LABEL_UNIT_CODE = {"ma don vi", "ma dv", "ma so don vi", "ma don vi bao cao"}
_LABEL_UNIT_NAME = {"ten don vi", "don vi", "don vi bao cao", "ten don vi bao cao", "co so hoi", "hoi"}
_LABEL_YEAR = {"nam", "nam bao cao"}
_LABEL_QUARTER = {"quy", "quy bao cao"}
_LABEL_PERIOD = {"ky bao cao", "ky", "ky bc", "thoi gian bao cao", "bao cao quy"}
_BRACKETED = re.compile(r"[(\[]\s*([^()\[\]]+?)\s*[)\]]")
_UNIT_PREFIXES = ("hoi lhpn ", "hoi lien hiep phu nu ", "ban thuong vu hoi lhpn ", "hoi phu nu ")


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
            if nxt < len(row) and len(label.split()) <= 4 and ":" not in str(row[nxt]):
                out.append((label, row[nxt], r, nxt))
                c = nxt + 1
                continue
            out.append((label, "", r, c))
            c += 1
    return out


@dataclass
class _Sources:
    """Unit and period texts of one file, in the order of the sources (SPEC §5)."""

    units: list[_Found] = field(default_factory=list)
    periods: list[_Found] = field(default_factory=list)


def _labelled_sources(pairs: list, source: str, sheet: str, found: _Sources) -> None:
    """Unit and period from label/value pairs: "Mã đơn vị", "Tên đơn vị"/"Đơn vị", "Kỳ báo cáo",
    or "Năm" with "Quý" (a quarter or a year alone is no period)."""
    items: dict[str, tuple[object, str]] = {}
    for label, value, r, c in pairs:
        if value in ("", None) or not _cell_text(value):
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
    period = items.get("period")
    quarter = items.get("quarter")
    year = items.get("year")
    whole = next((x for x in (period, quarter) if x is not None and search_period(x[0]) is not None), None)
    if whole is not None:
        found.periods.append(_Found(source, _cell_text(whole[0]), sheet, whole[1], yq=search_period(whole[0])))
    elif year is not None and (quarter or period) is not None:
        q_item = quarter or period
        y, q = parse_year(year[0]), parse_quarter(q_item[0])
        yq = (y, q) if y is not None and q is not None else None
        text = _yq_text(yq) if yq else f"{_cell_text(year[0])}/{_cell_text(q_item[0])}"
        cell = q_item[1] if y is not None and (q is None or not 1 <= q <= 4) else year[1]
        found.periods.append(_Found(source, text, sheet, cell, yq=yq))
    elif period is not None and parse_quarter(period[0]) is None:
        found.periods.append(_Found(source, _cell_text(period[0]), sheet, period[1]))  # unreadable: reported
    for key in ("code", "name"):
        if key in items:
            value, cell = items[key]
            found.units.append(_Found(source, _cell_text(value), sheet, cell))
            if source == "title_block":
                break


def _info_sheet_sources(sheet: _Sheet, found: _Sources) -> None:
    rows = sheet.top(100)
    pairs = _label_pairs(rows, range(len(rows)))
    _labelled_sources(pairs, "info_sheet", sheet.name, found)


def _title_block_sources(header: _Header, found: _Sources) -> None:
    rows = header.sheet.head
    name = header.sheet.name
    n_units, n_periods = len(found.units), len(found.periods)
    _labelled_sources(_label_pairs(rows, range(header.top)), "title_block", name, found)
    period_done = len(found.periods) > n_periods
    unit_done = len(found.units) > n_units
    for r in range(min(header.top, len(rows))):
        for c, v in enumerate(rows[r]):
            if not isinstance(v, str) or not v.strip():
                continue
            if not period_done:
                yq = search_period(v)
                if yq is not None:
                    found.periods.append(_Found("title_block", v.strip(), name, a1(r, c), yq=yq))
                    period_done = True
            if not unit_done:
                folded = fold_text(v)
                if folded.startswith(_UNIT_PREFIXES):
                    found.units.append(_Found("title_block", v.strip(), name, a1(r, c), weak=True))


_PERIODISH = re.compile(r"^(?:q\d{1,2}|(?:19|20)\d{2}(?:q\d{1,2})?|quy|nam|ky|\d{1,2}|[ivx]{1,4}|bc|bao|cao)$")


def _file_name_candidates(stem: str) -> list[str]:
    parts = [p.strip() for p in re.split(r"\s*[_–—]\s*|\s+-\s+|\s*[,;()\[\]]\s*", stem) if p.strip()]
    out = [stem.strip(), *parts]
    for part in [stem, *parts]:
        tokens = part.split()
        kept = [tok for tok in tokens if not _PERIODISH.match(fold_text(tok).replace(" ", ""))]
        if kept and len(kept) < len(tokens):
            out.append(" ".join(kept))
        out.extend(tokens)
    return list(dict.fromkeys(out))


# ==== the reader ==================================================================================


@dataclass
class _Period:
    """A period source resolved: the Period if valid, else the issue it raises."""

    found: _Found
    period: Period | None
    issue: ValidationIssue | None


class _Reader:
    def __init__(self, data: bytes, filename: str, register: Register, today: dt.date):
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
            m = _BRACKETED.search(text)
            if m:
                candidates += [m.group(1), (text[: m.start()] + " " + text[m.end() :]).strip()]
            for cand in list(candidates):
                folded = fold_text(cand)
                for prefix in _UNIT_PREFIXES:
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

    def check_period(self, found: _Found) -> _Period:
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

    def unit_issue(self, found: _Found, code: str | None, period: Period | None) -> ValidationIssue | None:
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
        units = self.register.reporting_units
        if not units:
            return ""
        code = units[0]
        return f"{code} / {self.register.name(code)}"

    def _not_active(self, code: str, period: Period, loc: dict) -> ValidationIssue:
        reg = self.register
        start, end = reg.valid_from(code), reg.valid_to(code)
        valid = f"{start or '…'}–{end or '…'}"
        hint = Localized("", "")
        row = reg.row(code)
        if end is not None and period > end and row["successor"] and row["successor"] in reg:
            succ = reg.canonical(row["successor"])
            hint = Localized.of("issue.hint.successor", start=end.shift(1), name=reg.name(succ), code=succ)
        elif start is not None and period < start:
            preds = reg.predecessors(code)
            if preds:
                hint = Localized.of("issue.hint.predecessors", start=start, codes=", ".join(preds))
        return make_issue(
            "unit_not_active",
            value=code,
            unit=f"{code} ({reg.name(code)})",
            period=str(period),
            valid=valid,
            successor_hint=hint,
            **loc,
        )

    def conflict(self, kind: str, loser: _Found, loser_value: str, winner: _Found, winner_value: str) -> None:
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
        fmt = inspect_file(self.data)
        sheets, failed = _open_sheets(self.data)
        header = _choose_header(sheets)
        if header is None:
            if failed is not None:
                raise failed
            self.issue("no_data_sheet")
            return []
        formulas: dict[tuple[int, int], str] = {}
        if fmt == "xlsx":
            formulas = _xlsx_formulas_without_value(self.data, header.sheet.name)
        sources = _Sources()
        info = next(
            (s for s in sheets if fold_text(s.name) == fold_text(INFO_SHEET_NAME) and s is not header.sheet), None
        )
        if info is not None:
            _info_sheet_sources(info, sources)
        _title_block_sources(header, sources)
        stem = PurePath(self.filename or "").stem
        if search_period(stem) is not None:
            sources.periods.append(_Found("file_name", stem, yq=search_period(stem)))
        return _Table(self, header, formulas, sources, stem).read()


def _unit_from_file_name(reader: _Reader, stem: str, period: Period | None) -> _Found | None:
    for cand in _file_name_candidates(stem):
        if len(fold_text(cand)) < 2:
            continue
        code = reader.match_unit(cand, period)
        if code is not None and not reader.register.is_area(code):
            return _Found("file_name", cand, code=code, weak=True)
    return None


# ==== the body table ==============================================================================

_COUNT_LABEL = {c: Localized.of(f"col.{c}") for c in COUNT_COLUMNS}
_MISSING = object()


class _Table:
    """The rows under the header of the data sheet: parsed, classified and validated."""

    def __init__(self, reader: _Reader, header: _Header, formulas: dict, sources: _Sources, stem: str):
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
                    hit = footer_cache[v] = _is_footer_text(v)
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
        names = [_cell_text(v) for v in column("body_name")]
        frame["body_name"] = names
        frame["note"] = [_cell_text(v) for v in column("note")]

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
                        hit = total_cache[v] = _is_total_text(v)
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
            raw_types = pd.Series(column("body_type"), dtype=object).map(_cell_text)
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
                value=raw.strip() if isinstance(raw, str) else _display(raw),
                column=_COUNT_LABEL[role],
            )

    def _check_totals(self, total_mask, is_body, valid, ints, start, body_rows) -> None:
        cols = self.cols
        prev = 0
        for i in np.flatnonzero(total_mask):
            i = int(i)
            label = next(
                (self.fold(v) for v in body_rows[i] if isinstance(v, str) and v.strip() and _is_total_text(v)), ""
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
                    value=_display(val),
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
                key = ("p", _cell_text(cell(i, "period")))
            elif "year" in cols and "quarter" in cols and cell(i, "year") not in ("", None):
                key = ("yq", _cell_text(cell(i, "year")), _cell_text(cell(i, "quarter")))
            by_period.setdefault(key, []).append(i)
        resolved: dict[tuple | None, _Period | None] = {}
        for key, rows_ in by_period.items():
            if key is None:
                continue
            r0 = start + rows_[0]
            if key[0] == "p":
                found = _Found("per_row", key[1], self.sheet, a1(r0, cols["period"]), yq=search_period(key[1]))
            else:
                y, q = parse_year(cell(rows_[0], "year")), parse_quarter(cell(rows_[0], "quarter"))
                yq = (y, q) if y is not None and q is not None else None
                col = cols["quarter"] if y is not None and (q is None or not 1 <= q <= 4) else cols["year"]
                text = _yq_text(yq) if yq else f"{key[1]}/{key[2]}"
                found = _Found("per_row", text, self.sheet, a1(r0, col), yq=yq)
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
        candidates: list[_Found] = []
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
                text = _cell_text(cell(i, unit_role))
                if not text and unit_role == "unit_code" and "unit_text" in cols:
                    text = _cell_text(cell(i, "unit_text"))
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
        row_winner: _Found | None = None
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
                found = _Found("per_row", text, self.sheet, a1(start + rows_[0], cols[unit_role]))
                code = reader.match_unit(text, period)
                if code is None and unit_role == "unit_code" and "unit_text" in cols:
                    alt = _cell_text(cell(rows_[0], "unit_text"))
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
                    row_winner = _Found("per_row", text, self.sheet, found.cell, code=code)
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

    def _ambiguous_without_period(self, found: _Found, period: Period | None) -> bool:
        return found.code is None and period is None and len(self.r.register.match_candidates(found.text)) > 1

    def _period_conflicts(self, winner: _Found, others: list[_Found]) -> None:
        if winner.yq is None:
            return
        for other in others:
            if other is winner or other.yq is None or other.yq == winner.yq:
                continue
            self.r.conflict(
                "period",
                other,
                _yq_text(other.yq),
                winner,
                _yq_text(winner.yq),
            )

    def _unit_conflicts(self, winner: _Found, others: list[_Found]) -> None:
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


def _yq_text(yq: tuple[int, int]) -> str:
    return f"{yq[0]}Q{yq[1]}"


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
) -> FileReport:
    """Read and validate one uploaded workbook; never raises (SPEC §5, §6).

    Returns a FileReport with every issue found and, when there is no error, one
    SubmissionData per unit and quarter sorted by (unit, period), whose ``bodies`` have
    ``schema.BODY_COLUMNS`` (counts int64, ``body_type`` the BodyType value) and ``source_row``.
    """
    try:
        data = bytes(data or b"")
    except Exception:
        data = b""
    report = FileReport(file=str(filename or ""), sha256=sha256_of(data), size=len(data))
    reader = _Reader(data, str(filename or ""), register, today or dt.date.today())
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
    name = type(exc).__name__
    if "Password" in name:
        return make_issue("encrypted_file")
    if "Entities" in name or "DTDForbidden" in name or "ExternalReference" in name:
        return make_issue("unreadable_file", detail=Localized.of("issue.detail.unsafe_xml"))
    detail = str(exc).strip().splitlines()[0][:160] if str(exc).strip() else name
    if name in ("CalamineError", "XmlError", "ZipError", "BadZipFile", "WorksheetNotFound", "PanicException"):
        return make_issue("unreadable_file", detail=Localized.of("issue.detail.damaged"))
    return make_issue("unreadable_file", detail=Localized.of("issue.detail.internal", error=detail))


def _ordered(issues: list[ValidationIssue]) -> list[ValidationIssue]:
    """File-level issues first, then by row (stable within a row)."""
    return sorted(issues, key=lambda i: (0 if not i.row else 1, i.row or 0))
