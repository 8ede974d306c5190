"""Downloads: tables as ``.xlsx`` and ``.csv`` bytes that can never carry a live formula (SPEC §9).

``.xlsx`` (openpyxl, cells written one by one):

- headers as given (``translate_columns`` turns internal names such as ``unit``, ``value`` into the
  catalogue's ``col.*`` / ``export.col.*`` labels), bold, frozen under the header, with an
  autofilter over the table and column widths fitted to the content;
- percentages are stored as the unrounded percent number the ``indicators`` CLI gives (58.3333…)
  with the number format ``0.0"%"``, so the sheet shows "58.3%" and reads back exactly;
- every text cell is written as a string (``data_type = "s"``), whatever it begins with, so text
  starting with ``=``, ``+``, ``-``, ``@``, tab, CR or LF is never a formula; CR is written as the
  character reference ``&#13;`` so that it survives XML line-end normalisation; characters XML
  cannot hold (control characters other than tab/CR/LF, U+FFFE, U+FFFF) are dropped;
- NaN / None → empty cell; booleans → "Có"/"Không" ("Yes"/"No"); non-finite numbers → empty;
- a second sheet ("Thông tin trích xuất" / "Export info") lists the ``meta`` rows: filters,
  data version, source, time of extraction, app version. Meta keys that name a catalogue entry
  ``export.meta.<key>`` are translated.

- every sheet is set up for printing: A4 landscape, fitted to the page width (as many pages down as
  needed), the header row repeated on every printed page; ``wrap_columns`` (e.g. the check report's
  message) wrap their text in a fixed width instead of running off the page.

``.csv`` (``to_csv``, for machines): UTF-8 with a BOM (so Excel shows Vietnamese), comma separated, CRLF line ends. Text that
begins with ``=``, ``+``, ``-``, ``@``, tab, CR or LF gets a leading ``'`` (``safe_text``) so that
Excel opens it as text. Excel set to the OTHER list separator splits a cell at it (and at a line
break), quotes or not, so ``x;=1+2`` would become a new cell starting with ``=``: inside a text
cell, a ``,``, ``;``, tab or line break followed (after spaces or quotes) by one of those characters
gets a ``'`` after it (``x;'=1+2``), and a field holding a separator, a tab, a quote or a line break
is quoted (``_CsvRows``, issue 20). Numbers keep a dot decimal and full precision (``repr``), because the CSV is
meant for machines and scripts; NaN → empty field; booleans → "Có"/"Không" ("Yes"/"No").

``.csv`` for people (``to_csv_excel``): what opens right when double-clicked in Excel set to the
user's language. Vietnamese Windows uses ``;`` between fields and a decimal comma, so in Vietnamese
the file has ``;`` and "48,3"; in English ``,`` and "48.3". Numbers are rounded for reading (one
decimal by default), the same BOM, CRLF and formula-safe text as the machine CSV.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import numbers
import re
import zipfile
from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from .clock import now_vn, today_vn
from .i18n import MESSAGES, t
from .periods import parse_period
from .template import fit_to_a4_landscape
from .text import fold_text

__all__ = [
    "DANGEROUS_PREFIXES",
    "PERCENT_FORMAT",
    "export_filename",
    "issues_to_xlsx",
    "label_columns",
    "localise_values",
    "safe_text",
    "slugify",
    "to_csv",
    "to_csv_excel",
    "to_xlsx",
    "translate_columns",
]

#: Text starting with one of these could be read as a formula (or a DDE payload) by a spreadsheet.
DANGEROUS_PREFIXES: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r", "\n")

#: a place inside a text cell where a spreadsheet could start a new cell with a formula character
_SPLIT_THEN_FORMULA = re.compile(r"([,;\t\r\n])(?=[ \"]*[=+\-@\t\r\n])")

#: Number format for percent numbers (58.33 shows "58.3%").
PERCENT_FORMAT = '0.0"%"'

_XML_ILLEGAL = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_SHEET_ILLEGAL = re.compile(r"[\[\]:*?/\\]")
_MAX_WIDTH = 60
_MIN_WIDTH = 8
_HEADER_FILL = PatternFill("solid", fgColor="DDE7F0")
_WRAP_WIDTH = 70


# ---- text and file names --------------------------------------------------------------------
def safe_text(value: object) -> object:
    """The CSV cell writer for text: text beginning with ``= + - @``, tab, CR or LF gets a leading
    ``'``; inside the text, a ``,``, ``;``, tab or line break followed (after spaces or quotes) by one
    of those characters gets a ``'`` after it, because a spreadsheet set to the other separator starts
    a new cell there (issue 20). Anything else (numbers included) comes back unchanged."""
    if not isinstance(value, str):
        return value
    text = _SPLIT_THEN_FORMULA.sub(r"\1'", value)
    return "'" + text if text.startswith(DANGEROUS_PREFIXES) else text


def slugify(text: object) -> str:
    """ASCII file-name words: "Lộ trình — xã Bà Điểm" → "lo-trinh-xa-ba-diem"."""
    return "-".join(fold_text(text).split())


def export_filename(stem: str, ext: str, when: dt.date | dt.datetime | None = None) -> str:
    """``chi-tieu-nu-lanh-dao_2026-11-24.xlsx``: the stem slugged to ASCII, the date, the extension."""
    when = when or today_vn()
    day = when.date() if isinstance(when, dt.datetime) else when
    name = slugify(stem) or "du-lieu"
    return f"{name}_{day.isoformat()}.{ext.lstrip('.').lower()}"


# ---- column and value labels ----------------------------------------------------------------
def _column_label(name: object, lang: str) -> object:
    for key in (f"col.{name}", f"export.col.{name}"):
        if key in MESSAGES:
            return t(key, lang)
    return name


def translate_columns(frame: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """A copy of ``frame`` whose internal column names (unit, period, value, body_name, …) carry
    their catalogue labels in ``lang``; unknown names are kept."""
    return frame.rename(columns={c: _column_label(c, lang) for c in frame.columns})


_VALUE_SECTIONS = {"status": "status", "severity": "severity", "result": "milestone"}


def localise_values(frame: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """A copy of ``frame`` with codes in the ``status``, ``severity`` and ``result`` columns replaced by
    their catalogue labels ("on_track" → "Đúng tiến độ"); unknown codes are kept. Call before
    ``translate_columns``."""
    out = frame.copy()
    for column, section in _VALUE_SECTIONS.items():
        if column in out.columns:
            out[column] = out[column].map(
                lambda v, s=section: t(f"{s}.{v}", lang) if isinstance(v, str) and f"{s}.{v}" in MESSAGES else v
            )
    return out


def label_columns(frame: pd.DataFrame, unit_names: Mapping[str, str] | None = None, lang: str = "vi") -> pd.DataFrame:
    """A copy of ``frame`` with, for people, the unit's name beside its code (``unit_name`` after
    ``unit``, from ``unit_names``) and the quarter in words beside its code (``period_label`` after
    ``period``: "Quý IV/2021" / "Q4 2021"). Columns already there are left alone."""
    out = frame.copy()
    if unit_names is not None and "unit" in out.columns and "unit_name" not in out.columns:
        out.insert(out.columns.get_loc("unit") + 1, "unit_name", out["unit"].map(lambda u: unit_names.get(u, "")))
    if "period" in out.columns and "period_label" not in out.columns:
        labels = {p: parse_period(p).label(lang) for p in out["period"].dropna().unique()}
        out.insert(out.columns.get_loc("period") + 1, "period_label", out["period"].map(labels))
    return out


# ---- cell values ----------------------------------------------------------------------------
def _is_missing(value: object) -> bool:
    if value is None or value is pd.NaT:
        return True
    try:
        return bool(pd.isna(value)) if not isinstance(value, str | bytes) else False
    except (TypeError, ValueError):
        return False


def _plain(value: object, lang: str) -> object:
    """The Python value a cell or CSV field holds: None, bool label, int/float, datetime or str."""
    if _is_missing(value):
        return None
    if isinstance(value, bool | np.bool_):
        return t("export.yes" if value else "export.no", lang)
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        value = float(value)
        return value if math.isfinite(value) else None
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None) if value.tzinfo else value
    if isinstance(value, dt.date):
        return value
    return str(value)


def _xml_text(value: str) -> str:
    return _XML_ILLEGAL.sub("", value)


def _sheet_title(name: str, taken: Iterable[str] = ()) -> str:
    title = _SHEET_ILLEGAL.sub(" ", _xml_text(str(name))).strip().strip("'")[:31] or "Sheet"
    taken_folded = {x.lower() for x in taken}
    base, n = title, 2
    while title.lower() in taken_folded:
        suffix = f" ({n})"
        title = base[: 31 - len(suffix)] + suffix
        n += 1
    return title


class _Sheet:
    """Writes cells of one worksheet; remembers the floats openpyxl would write inexactly."""

    def __init__(self, ws, lang: str):
        self.ws, self.lang = ws, lang
        self.exact: dict[str, str] = {}

    def put(self, row: int, col: int, value: object, number_format: str | None = None):
        value = _plain(value, self.lang)
        cell = self.ws.cell(row=row, column=col)
        if value is None:
            return cell
        if isinstance(value, str):
            cell.value = _xml_text(value)
            cell.data_type = "s"  # never a formula, an error code or anything else
            return cell
        cell.value = value
        if isinstance(value, float) and float(f"{value:.16g}") != value:
            # openpyxl writes "%.16g"; _patch_sheets puts the exact shortest form back
            self.exact[cell.coordinate] = repr(value)
        if isinstance(value, dt.datetime):
            cell.number_format = "yyyy-mm-dd hh:mm"
        elif isinstance(value, dt.date):
            cell.number_format = "yyyy-mm-dd"
        elif number_format:
            cell.number_format = number_format
        return cell


def _display_len(value: object) -> int:
    if value is None:
        return 0
    if isinstance(value, float):
        return len(f"{value:.1f}") + 1
    lines = str(value).splitlines() or [""]
    return max(len(line) for line in lines)


def _resolve_columns(frame: pd.DataFrame, names: Iterable[str], lang: str) -> set[object]:
    out: set[object] = set()
    for name in names:
        if name in frame.columns:
            out.add(name)
        elif _column_label(name, lang) in frame.columns:
            out.add(_column_label(name, lang))
    return out


def _patch_sheets(data: bytes, exact: list[dict[str, str]]) -> bytes:
    """Fix two things openpyxl's writer loses, in the saved worksheet XML.

    - A raw CR in text is read back as LF (XML line-end normalisation): write it as ``&#13;``.
    - Floats are written with 16 significant digits, which does not always give the same double
      back: ``exact`` (one dict per sheet, in order) holds the cells to write with ``repr``.
    """
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    changed = False
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info)
            match = re.fullmatch(r"xl/worksheets/sheet(\d+)\.xml", info.filename)
            if match:
                new = content.replace(b"\r", b"&#13;")
                index = int(match.group(1)) - 1
                for coord, text in (exact[index] if index < len(exact) else {}).items():
                    pattern = rb'(<c r="' + coord.encode() + rb'"[^>]*>)<v>[^<]*</v>'
                    encoded = text.encode()
                    new = re.sub(pattern, lambda m, v=encoded: m.group(1) + b"<v>" + v + b"</v>", new, count=1)
                changed |= new != content
                content = new
            dst.writestr(info, content)
    return out.getvalue() if changed else data


def _print_setup(ws, header_row: int | None, last_col: int, last_row: int) -> None:
    """A4 landscape, fitted to the page width, the header row repeated on every printed page."""
    fit_to_a4_landscape(ws)
    ws.print_options.gridLines = False
    if header_row:
        ws.print_title_rows = f"{header_row}:{header_row}"
    if last_col:
        ws.print_area = f"A1:{get_column_letter(last_col)}{max(last_row, 1)}"


# ---- xlsx -----------------------------------------------------------------------------------
def to_xlsx(
    frame: pd.DataFrame,
    *,
    sheet_name: str,
    meta: Mapping[str, object],
    lang: str = "vi",
    percent_columns: Iterable[str] = (),
    title: str | None = None,
    wrap_columns: Iterable[str] = (),
) -> bytes:
    """``frame`` as an .xlsx workbook (bytes): the table sheet and the export-info sheet.

    ``percent_columns`` name columns of ``frame`` (or their internal names, e.g. ``value``) whose
    numbers are percents; they get the format ``0.0"%"`` and keep their unrounded value. ``title``,
    when given, goes in row 1 above the header. ``meta`` rows go to the info sheet in order.
    ``wrap_columns`` (names or internal names) wrap their text in a fixed width. Every sheet is set
    up for printing (module docstring).
    """
    wb = Workbook()
    ws = wb.active
    ws.title = _sheet_title(sheet_name)
    table = _Sheet(ws, lang)
    percent = _resolve_columns(frame, percent_columns, lang)
    wrap = _resolve_columns(frame, wrap_columns, lang)

    header_row = 1
    if title:
        cell = table.put(1, 1, title)
        cell.font = Font(bold=True, size=14)
        header_row = 2

    columns = list(frame.columns)
    widths = [_display_len(_plain(c, lang)) for c in columns]
    for j, name in enumerate(columns, start=1):
        cell = table.put(header_row, j, name)
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")

    for i, row in enumerate(frame.itertuples(index=False, name=None), start=header_row + 1):
        for j, value in enumerate(row, start=1):
            fmt = PERCENT_FORMAT if columns[j - 1] in percent else None
            cell = table.put(i, j, value, fmt)
            if columns[j - 1] in wrap:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            else:
                widths[j - 1] = max(widths[j - 1], _display_len(cell.value))

    for j, width in enumerate(widths, start=1):
        fitted = _WRAP_WIDTH if columns[j - 1] in wrap else min(_MAX_WIDTH, max(_MIN_WIDTH, width + 2))
        ws.column_dimensions[get_column_letter(j)].width = fitted
    if columns:
        last = get_column_letter(len(columns))
        ws.freeze_panes = f"A{header_row + 1}"
        ws.auto_filter.ref = f"A{header_row}:{last}{header_row + max(len(frame), 1)}"
    _print_setup(ws, header_row if columns else None, len(columns), header_row + len(frame))

    info = wb.create_sheet(_sheet_title(t("export.info_sheet", lang), [ws.title]))
    about = _Sheet(info, lang)
    for j, key in enumerate(("export.info_item", "export.info_value"), start=1):
        cell = about.put(1, j, t(key, lang))
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
    key_width, value_width = 12, 20
    for i, (key, value) in enumerate(meta.items(), start=2):
        label = t(f"export.meta.{key}", lang) if f"export.meta.{key}" in MESSAGES else key
        about.put(i, 1, label)
        cell = about.put(i, 2, value)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        key_width = max(key_width, _display_len(label))
        value_width = max(value_width, _display_len(cell.value))
    if percent:
        i = len(meta) + 2
        about.put(i, 1, t("export.meta.note", lang))
        about.put(i, 2, t("export.meta.percent_note", lang)).alignment = Alignment(wrap_text=True)
    info.column_dimensions["A"].width = min(_MAX_WIDTH, key_width + 2)
    info.column_dimensions["B"].width = min(80, value_width + 2)
    info.freeze_panes = "A2"
    _print_setup(info, 1, 2, len(meta) + 2 + (1 if percent else 0))

    buf = io.BytesIO()
    wb.save(buf)
    return _patch_sheets(buf.getvalue(), [table.exact, about.exact])


def issues_to_xlsx(reports_frame: pd.DataFrame, lang: str = "vi", meta: Mapping[str, object] | None = None) -> bytes:
    """The validation report (columns file, severity, code, sheet, cell, value, message) as .xlsx,
    severities in words, a short name in words beside each code (``kind``), headers in ``lang``, the
    message column wrapped; the info sheet counts files, errors and warnings."""
    columns = ["file", "severity", "code", "sheet", "cell", "value", "message"]
    frame = reports_frame.reindex(columns=[c for c in columns if c in reports_frame.columns] or columns)
    severity = frame["severity"].astype(str) if "severity" in frame.columns else pd.Series(dtype=str)
    info: dict[str, object] = {
        t("export.issues.files", lang): int(frame["file"].nunique()) if "file" in frame.columns else 0,
        t("export.issues.errors", lang): int((severity == "error").sum()),
        t("export.issues.warnings", lang): int((severity == "warning").sum()),
        "generated_at": now_vn().isoformat(sep=" ", timespec="seconds"),
    }
    info.update(meta or {})
    if "code" in frame.columns:
        names = frame["code"].map(
            lambda c: t(f"issue_name.{c}", lang) if isinstance(c, str) and f"issue_name.{c}" in MESSAGES else ""
        )
        frame = frame.copy()
        frame.insert(frame.columns.get_loc("code") + 1, "kind", names)
    shown = translate_columns(localise_values(frame, lang), lang)
    if "value" in frame.columns:
        shown = shown.rename(columns={_column_label("value", lang): t("export.col.value_found", lang)})
    return to_xlsx(shown, sheet_name=t("export.sheet.issues", lang), meta=info, lang=lang, wrap_columns=["message"])


# ---- csv ------------------------------------------------------------------------------------
_MUST_QUOTE = frozenset(',;\t"\r\n')


class _Number(str):
    """A number as this module writes it ("58,3" in the Vietnamese file, whose separator is ";"):
    never split by the file's own separator and never a formula, so never quoted."""


class _CsvRows:
    """The CSV cell writer: fields joined by ``delimiter``, CRLF line ends; a text field holding
    either separator, a tab, a quote or a line break is quoted (quotes doubled), whatever the file's
    own delimiter, so that no spreadsheet splits it into a new cell that could start a formula."""

    def __init__(self, out: io.StringIO, delimiter: str = ",") -> None:
        self.out = out
        self.delimiter = delimiter

    def field(self, text: str) -> str:
        if isinstance(text, _Number) and self.delimiter not in text:
            return text
        if _MUST_QUOTE.isdisjoint(text):
            return text
        return '"' + text.replace('"', '""') + '"'

    def writerow(self, fields) -> None:
        self.out.write(self.delimiter.join(self.field(f if isinstance(f, str) else str(f)) for f in fields) + "\r\n")


def _csv_field(value: object, lang: str) -> str:
    value = _plain(value, lang)
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    return safe_text(value)


def to_csv(frame: pd.DataFrame, lang: str = "vi") -> bytes:
    """``frame`` as CSV bytes: UTF-8 with BOM, comma separated, CRLF, dangerous text prefixed with
    ``'``, numbers with a dot decimal at full precision, NaN empty, booleans "Có"/"Không"."""
    buf = io.StringIO()
    writer = _CsvRows(buf, ",")
    writer.writerow([_csv_field(c, lang) for c in frame.columns])
    for row in frame.itertuples(index=False, name=None):
        writer.writerow([_csv_field(v, lang) for v in row])
    return buf.getvalue().encode("utf-8-sig")


def _excel_field(value: object, lang: str, decimals: int) -> str:
    value = _plain(value, lang)
    if value is None:
        return ""
    if isinstance(value, float):
        text = f"{value:.{decimals}f}"
        return _Number(text.replace(".", ",") if lang == "vi" else text)
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y %H:%M") if lang == "vi" else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y") if lang == "vi" else value.isoformat()
    if isinstance(value, int):
        return str(value)
    return safe_text(value)


def to_csv_excel(frame: pd.DataFrame, lang: str = "vi", decimals: int = 1) -> bytes:
    """``frame`` as a CSV that opens right when double-clicked in Excel set to ``lang``: ``;`` and
    a decimal comma in Vietnamese, ``,`` and a decimal point in English; numbers rounded to
    ``decimals``; UTF-8 with BOM, CRLF, dangerous text prefixed with ``'``."""
    buf = io.StringIO()
    writer = _CsvRows(buf, ";" if lang == "vi" else ",")
    writer.writerow([_excel_field(c, lang, decimals) for c in frame.columns])
    for row in frame.itertuples(index=False, name=None):
        writer.writerow([_excel_field(v, lang, decimals) for v in row])
    return buf.getvalue().encode("utf-8-sig")
