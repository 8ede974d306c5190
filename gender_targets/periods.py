"""Calendar quarters: parsing, ordering, labels and the time axis (SPEC §3).

A period is a calendar quarter written ``2024Q3`` in data, files and the CLI, shown "Quý III/2024"
in Vietnamese and "Q3 2024" in English. Counts describe the end of the quarter.

- ``index(yQq) = 4·y + q − 1`` orders quarters and counts the distance between them.
- On a time axis a quarter sits at ``y + (q − 1)/4`` (2024Q3 → 2024.5).
- A period is invalid when its quarter is not 1–4, its year is before 2020, or it starts after today.

Reading what people write: ``parse_period`` takes a whole text ("2024Q3", "Quý III/2024");
``search_period`` finds a quarter inside a longer text (a title "BÁO CÁO QUÝ III NĂM 2024", a file
name "HM-BD_2024Q3") and returns the raw numbers, quarter unchecked, so that "2024Q5" can be
reported as an invalid period rather than as no period; ``parse_year`` / ``parse_quarter`` read the
separate "Năm" and "Quý" cells (2024.0, "2024", "III", "Quý 3").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .clock import today_vn

__all__ = [
    "MIN_YEAR",
    "ROMAN",
    "Period",
    "PeriodError",
    "parse_period",
    "parse_quarter",
    "parse_year",
    "period_range",
    "search_period",
]

MIN_YEAR = 2020
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
_ROMAN_TO_INT = {v: k for k, v in ROMAN.items()}


class PeriodError(ValueError):
    """A text that is not a quarter, or a quarter outside the accepted range."""


@dataclass(frozen=True, order=True)
class Period:
    """One calendar quarter; ordered by time."""

    year: int
    quarter: int

    def __post_init__(self) -> None:
        if not 1 <= self.quarter <= 4:
            raise PeriodError(f"quarter must be 1-4, got {self.quarter}")

    def __str__(self) -> str:
        return f"{self.year}Q{self.quarter}"

    @property
    def index(self) -> int:
        """``4·year + quarter − 1``: consecutive quarters differ by 1."""
        return 4 * self.year + self.quarter - 1

    @property
    def axis(self) -> float:
        """Position on a time axis: ``year + (quarter − 1)/4``."""
        return self.year + (self.quarter - 1) / 4

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 3 * self.quarter - 2, 1)

    @property
    def end(self) -> dt.date:
        nxt = self.shift(1).start
        return nxt - dt.timedelta(days=1)

    @classmethod
    def from_index(cls, index: int) -> Period:
        return cls(index // 4, index % 4 + 1)

    @classmethod
    def of_date(cls, day: dt.date) -> Period:
        return cls(day.year, (day.month - 1) // 3 + 1)

    def shift(self, quarters: int) -> Period:
        return Period.from_index(self.index + quarters)

    def label(self, lang: str = "vi") -> str:
        """ "Quý III/2024" (vi) or "Q3 2024" (en)."""
        if lang == "en":
            return f"Q{self.quarter} {self.year}"
        return f"Quý {ROMAN[self.quarter]}/{self.year}"

    def check(self, today: dt.date | None = None) -> None:
        """Raise PeriodError when the year is before 2020 or the quarter starts after today."""
        today = today or today_vn()
        if self.year < MIN_YEAR:
            raise PeriodError(f"year {self.year} is before {MIN_YEAR}")
        if self.start > today:
            raise PeriodError(f"{self} starts after {today.isoformat()}")


_PATTERNS = [
    # 2024Q3, 2024-Q3, 2024 Q3, 2024/Q3, 2024q3
    re.compile(r"^(?P<y>\d{4})\s*[-/_ ]?\s*q\s*(?P<q>\d{1,2})$"),
    # Q3 2024, Q3/2024, Q3-2024
    re.compile(r"^q\s*(?P<q>\d{1,2})\s*[-/_ ]?\s*(?P<y>\d{4})$"),
    # quy 3 nam 2024, quy III/2024, quy 3 - 2024
    re.compile(r"^quy\s*(?P<q>\d{1,2}|[ivx]+)\s*(?:nam)?\s*[-/_ ]?\s*(?:nam)?\s*(?P<y>\d{4})$"),
    # 2024 quy 3
    re.compile(r"^(?:nam\s*)?(?P<y>\d{4})\s*[-/_ ]?\s*quy\s*(?P<q>\d{1,2}|[ivx]+)$"),
]


def _quarter_number(raw: str) -> int:
    raw = raw.strip().upper()
    if raw.isdigit():
        return int(raw)
    if raw in _ROMAN_TO_INT:
        return _ROMAN_TO_INT[raw]
    raise PeriodError(f"not a quarter number: {raw!r}")


def parse_period(value: object) -> Period:
    """Parse "2024Q3", "Q3 2024", "Quý III/2024", "quy 3 nam 2024" into a Period.

    Raises PeriodError when the text is not a quarter or the quarter number is not 1–4.
    Does not check the year range or the date; call ``Period.check`` for that.
    """
    if isinstance(value, Period):
        return value
    from .text import fold_text

    text = fold_text(value)
    text = re.sub(r"\s+", " ", text)
    for pat in _PATTERNS:
        m = pat.match(text) or pat.match(text.replace(" ", ""))
        if m:
            q = _quarter_number(m.group("q"))
            if not 1 <= q <= 4:
                raise PeriodError(f"quarter must be 1-4 in {value!r}")
            return Period(int(m.group("y")), q)
    raise PeriodError(f"not a quarter: {value!r}")


def period_range(first: Period, last: Period) -> list[Period]:
    """Every quarter from first to last, both included (empty when last < first)."""
    return [Period.from_index(i) for i in range(first.index, last.index + 1)]


_ROMAN_DIGITS = {"i": 1, "v": 5, "x": 10}


def _roman(raw: str) -> int | None:
    """Value of a small Roman numeral ("iv" → 4); None when it is not one."""
    if not raw or len(raw) > 4 or any(ch not in _ROMAN_DIGITS for ch in raw):
        return None
    total = 0
    for i, ch in enumerate(raw):
        v = _ROMAN_DIGITS[ch]
        nxt = _ROMAN_DIGITS[raw[i + 1]] if i + 1 < len(raw) else 0
        total += -v if v < nxt else v
    return total if total > 0 else None


def _number_word(raw: str) -> int | None:
    raw = raw.strip().lower()
    if raw.isdigit():
        return int(raw)
    return _roman(raw)


_YEAR = r"(?P<y>(?:19|20)\d{2})"
_Q = r"(?P<q>\d{1,2}|[ivx]{1,4})"
_SEARCH = [
    # 2024Q3, 2024 q3, 2024 q 3
    re.compile(_YEAR + r" ?q ?(?P<q>\d{1,2})\b"),
    # Q3 2024, Q3/2024
    re.compile(r"\bq ?(?P<q>\d{1,2}) ?(?:nam )?" + _YEAR + r"\b"),
    # quy III nam 2024, quy 3 2024, quy 3 - 2024
    re.compile(r"\bquy " + _Q + r" (?:nam )?" + _YEAR + r"\b"),
    # nam 2024 quy 3, 2024 quy III
    re.compile(r"\b" + _YEAR + r" quy " + _Q + r"\b"),
]


# III/2024, I-2023, IV.2025: a roman quarter joined to a year by a slash, a dash or a dot (before
# folding, which would turn the slash into a space and "I 2024" into a false period)
_ROMAN_SLASH = re.compile(r"(?<![0-9A-Za-z])(?P<q>I{1,3}|IV)\s*[/\-–.]\s*(?P<y>(?:19|20)\d{2})(?!\d)", re.IGNORECASE)


def search_period(value: object) -> tuple[int, int] | None:
    """The first (year, quarter) written anywhere in a text, quarter not range-checked; else None.

    Finds "2024Q3", "2024 Q3", "Q3/2024", "Quý III năm 2024", "Năm 2024 - Quý 3", "quy 3 2024",
    "III/2024", "I-2023". A bare year or a bare quarter is not a period.
    """
    from .text import fold_text

    text = fold_text(value)
    if not text:
        return None
    for pat in _SEARCH:
        m = pat.search(text)
        if m:
            q = _number_word(m.group("q"))
            if q is not None:
                return int(m.group("y")), q
    if isinstance(value, str):
        m = _ROMAN_SLASH.search(value)
        if m:
            return int(m.group("y")), _roman(m.group("q").lower())
    return None


def parse_year(value: object) -> int | None:
    """A year from a cell: 2024, 2024.0, "2024", "Năm 2024"; None when there is none."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        if value != value or value % 1:  # NaN or fractional
            return None
        return int(value)
    from .text import fold_text

    text = fold_text(value)
    m = re.fullmatch(r"(?:nam )?(\d{4})(?: 0)?", text)
    return int(m.group(1)) if m else None


def parse_quarter(value: object) -> int | None:
    """A quarter number from a cell, not range-checked: 3, 3.0, "3", "III", "Quý 3", "Q3"; else None."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        if value != value or value % 1:
            return None
        return int(value)
    from .text import fold_text

    text = fold_text(value)
    m = re.fullmatch(r"(?:quy |q ?)?(\d{1,2}|[ivx]{1,4})(?: 0)?", text)
    return _number_word(m.group(1)) if m else None


def period_indexes(values) -> np.ndarray:
    """``Period.index`` of every text in a column, parsing each distinct text once.

    Raises PeriodError if a text is not a quarter. Vectorised for long indicator tables, where
    parsing row by row would dominate.
    """
    codes, uniques = pd.factorize(pd.Series(values), sort=False)
    lookup = np.array([parse_period(u).index for u in uniques], dtype="int64")
    return lookup[codes]
