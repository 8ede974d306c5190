"""The parsed workbook as plain data, and how one cell value reads: shared by every reading step.

``cells`` fills these in the reader's child process and ``sandbox`` sends them back to the parent
(they pickle to plain lists, strings, numbers and dates); ``header``, ``table`` and ``sources`` only
read them. Keeping the data here, apart from the parsing in ``cells``, is what lets ``header`` be
imported by ``cells`` without an import cycle.

- ``SheetCells`` / ``WorkbookCells``: a worksheet's rows, merged ranges, header and the cells that
  calamine does not tell about (formulas without a cached value); the workbook's formats, sheets and
  the data tables chosen.
- ``CellError``: a cell holding an Excel error value (``#REF!``, ``#DIV/0!``, …). python-calamine
  0.9.1 returns "" for such a cell, which would read as an empty count, i.e. 0; ``cells`` puts a
  ``CellError`` in its place from the cached value in the file itself (``formulas``), so that an
  error is never a number. ``error_value_of`` also recognises an error written as text ("#REF!"
  typed or pasted as a value, an ODS "Err:502").
- ``parse_number_text``, ``display_value``, ``cell_text``: counts typed as text, and a value
  shown back to a person.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .header import Header

__all__ = [
    "ERROR_VALUES",
    "CellError",
    "SheetCells",
    "WorkbookCells",
    "cell_text",
    "display_value",
    "error_value_of",
    "parse_number_text",
]

#: Excel's error values (and the newer dynamic-array and data-type ones), as Excel shows them.
ERROR_VALUES: frozenset[str] = frozenset(
    {
        "#NULL!",
        "#DIV/0!",
        "#VALUE!",
        "#REF!",
        "#NAME?",
        "#NUM!",
        "#N/A",
        "#GETTING_DATA",
        "#SPILL!",
        "#CALC!",
        "#FIELD!",
        "#BLOCKED!",
        "#CONNECT!",
        "#BUSY!",
        "#UNKNOWN!",
        "#EXTERNAL!",
        "#PYTHON!",
    }
)
_LIBRE_ERROR = re.compile(r"Err:\d{3}")  # LibreOffice's numbered errors ("Err:502")


@dataclass(frozen=True)
class CellError:
    """An Excel error value in a cell (``code``: "#REF!", "#DIV/0!", …, or "Err:502")."""

    code: str

    def __str__(self) -> str:
        return self.code


def error_value_of(value: object) -> str | None:
    """The error a cell holds — a ``CellError``, or a text that is exactly an error value — else None."""
    if type(value) is CellError:
        return value.code
    if isinstance(value, str) and len(value) <= 24:
        s = value.strip()
        if s[:1] == "#" and s.upper() in ERROR_VALUES:
            return s.upper()
        if s[:1] == "E" and _LIBRE_ERROR.fullmatch(s):
            return s
    return None


@dataclass
class SheetCells:
    """One worksheet: its first rows, its merged ranges ((r0, c0), (r1, c1)) inclusive, and — for
    the data sheets and the "Thông tin" sheet — its rows. ``index``: its position among the
    workbook's sheets (all kinds); ``visible``: not hidden in Excel; ``formulas``: (row0, col0) →
    "=FORMULA" for cells holding a formula without a cached value (read sheets only)."""

    name: str  # in composed Unicode (NFC), as shown to people
    head: list[list] = field(default_factory=list)
    merges: list[tuple[tuple[int, int], tuple[int, int]]] | None = None
    header: Header | None = None
    full: list[list] | None = None
    index: int = 0
    visible: bool = True
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)
    raw_name: str = ""  # the name as the file spells it (to find the sheet in the file)
    legacy: bool = False  # its text was typed with the TCVN3 fonts and turned into Unicode

    def top(self, n: int) -> list[list]:
        return self.rows[:n]

    @property
    def rows(self) -> list[list]:
        return self.full if self.full is not None else self.head


@dataclass
class WorkbookCells:
    """A parsed workbook: its format, its worksheets and the data tables to read.

    ``tables``: the headers of the sheets read as one body table, in workbook order (a table split
    over several sheets has several); ``header`` is the first of them (None: no table).
    ``not_read``: (sheet name, reason) for the other sheets holding a data table — ``"hidden"`` or
    ``"other_table"`` (a table of other columns: a summary by body type, another form)."""

    fmt: str
    sheets: list[SheetCells]
    header: Header | None
    tables: list[Header] = field(default_factory=list)
    not_read: list[tuple[str, str]] = field(default_factory=list)
    failed: str | None = None  # the kind of error of a sheet calamine could not read


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


def display_value(value: object) -> str:
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


def cell_text(value: object) -> str:
    """A text cell stripped and in composed Unicode (NFC: "ố" as one character, however it was
    typed or decoded), a number written without '.0', empty for None/''."""
    if isinstance(value, str):
        s = value.strip()
        return s if s.isascii() else unicodedata.normalize("NFC", s)
    return display_value(value).strip()
