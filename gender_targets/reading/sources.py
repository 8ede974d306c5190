"""Where a workbook's unit and period come from (SPEC §5): every source found, in order.

First found wins: per-row columns (long layout: "Mã đơn vị"/"Đơn vị", "Kỳ báo cáo" or "Năm" +
"Quý", read with the table); the "Thông tin" sheet; labelled cells above the header ("Đơn vị: xã
Bà Điểm", "Quý III năm 2024", "III/2024"); the file name ("HM-BD_2024Q3.xlsx", "Bà Điểm III-2024").
This module only finds the texts and where they were written (``Found``): whether a unit exists
or a period is valid is judged in validation.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..periods import parse_quarter, parse_year, search_period
from ..text import a1, fold_text
from .cells import SheetCells, cell_text
from .header import Header

__all__ = [
    "BRACKETED",
    "UNIT_PREFIXES",
    "Found",
    "Sources",
    "file_name_candidates",
    "info_sheet_sources",
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


_LABEL_UNIT_CODE = {"ma don vi", "ma dv", "ma so don vi", "ma don vi bao cao"}
_LABEL_UNIT_NAME = {"ten don vi", "don vi", "don vi bao cao", "ten don vi bao cao", "co so hoi", "hoi"}
_LABEL_YEAR = {"nam", "nam bao cao"}
_LABEL_QUARTER = {"quy", "quy bao cao"}
_LABEL_PERIOD = {"ky bao cao", "ky", "ky bc", "thoi gian bao cao", "bao cao quy"}
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
            if nxt < len(row) and len(label.split()) <= 4 and ":" not in str(row[nxt]):
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


def _labelled_sources(pairs: list, source: str, sheet: str, found: Sources) -> None:
    """Unit and period from label/value pairs: "Mã đơn vị", "Tên đơn vị"/"Đơn vị", "Kỳ báo cáo",
    or "Năm" with "Quý" (a quarter or a year alone is no period)."""
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
    period = items.get("period")
    quarter = items.get("quarter")
    year = items.get("year")
    whole = next((x for x in (period, quarter) if x is not None and search_period(x[0]) is not None), None)
    if whole is not None:
        found.periods.append(Found(source, cell_text(whole[0]), sheet, whole[1], yq=search_period(whole[0])))
    elif year is not None and (quarter or period) is not None:
        q_item = quarter or period
        y, q = parse_year(year[0]), parse_quarter(q_item[0])
        yq = (y, q) if y is not None and q is not None else None
        text = yq_text(yq) if yq else f"{cell_text(year[0])}/{cell_text(q_item[0])}"
        cell = q_item[1] if y is not None and (q is None or not 1 <= q <= 4) else year[1]
        found.periods.append(Found(source, text, sheet, cell, yq=yq))
    elif period is not None and parse_quarter(period[0]) is None:
        found.periods.append(Found(source, cell_text(period[0]), sheet, period[1]))  # unreadable: reported
    for key in ("code", "name"):
        if key in items:
            value, cell = items[key]
            found.units.append(Found(source, cell_text(value), sheet, cell))
            if source == "title_block":
                break


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
    for r in range(min(header.top, len(rows))):
        for c, v in enumerate(rows[r]):
            if not isinstance(v, str) or not v.strip():
                continue
            if not period_done:
                yq = search_period(v)
                if yq is not None:
                    found.periods.append(Found("title_block", v.strip(), name, a1(r, c), yq=yq))
                    period_done = True
            if not unit_done:
                folded = fold_text(v)
                if folded.startswith(UNIT_PREFIXES):
                    found.units.append(Found("title_block", v.strip(), name, a1(r, c), weak=True))


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
