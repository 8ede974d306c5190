"""Entry in the browser: the agencies a unit types on its phone become the unit's workbook (SPEC §10).

The form is not a second way to validate: its rows are written into the very template a unit
downloads (``template.build_template``), and those bytes go through the same check and import
path as an uploaded file, so the rules are exactly those of a workbook (SPEC §6) and the stored
original (history, downloads) is an ``.xlsx`` like any other. What differs is how the issues are
worded for her: she never saw a sheet or a cell, so ``form_issues`` maps every issue of the check
back to the agency (its card) and the field, in words ("UBND xã · Lãnh đạo chủ chốt: nữ: số nữ (5)
lớn hơn tổng số lãnh đạo chủ chốt (3).").

- ``parse_count``: one count field as typed: the reader's own number parser
  (``reading.cells.parse_number_text``, "12", " 12 ", "12,0"), then whole and ≥ 0; a letter is
  refused on the spot (``EntryError``), an empty field is ``None`` (never 0: she is asked about it).
- ``start_rows``: the cards to start from: her own latest submission of this quarter (pending or
  returned, counts as she sent them); else her last accepted quarter's agencies (names and types,
  counts EMPTY: "Giống quý trước" fills them from ``previous_counts``); else the template's
  suggested agencies.
- ``empty_fields`` / ``fill_empty``: the fields left empty (asked "để trống = 0?" before sending),
  and the rows with those fields set to 0 once she says yes.
- ``entry_workbook``: rows → ``.xlsx`` bytes. A row with neither a name nor any count is left out.
  The ``Tổng cộng`` row holds the column sums as values (a formula written here would have no cached
  value for the reader).
- ``form_issues``: a ``FileReport``'s issues for the rows it was made from, each naming the agency
  and the field in words (never a sheet, a cell or a code).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from .errors import GenderTargetsError
from .i18n import t
from .periods import Period
from .reading.cells import parse_number_text
from .schema import BODY_COLUMNS, COUNT_COLUMNS, MAX_COUNT
from .template import (
    BODY_ROWS,
    COLUMNS,
    DATA_SHEET,
    FIRST_BODY_ROW,
    build_template,
    last_quarter_bodies,
    template_bodies,
    total_row,
    workbook_bytes,
)
from .text import fold_text
from .units import Register
from .validation import FileReport, ValidationIssue

__all__ = [
    "ENTRY_COLUMNS",
    "MAX_ROWS",
    "EntryError",
    "FormIssue",
    "count_text",
    "empty_fields",
    "entry_filename",
    "entry_rows",
    "entry_workbook",
    "fill_empty",
    "form_issues",
    "kept_rows",
    "parse_count",
    "previous_counts",
    "start_rows",
]

ENTRY_COLUMNS: list[str] = list(BODY_COLUMNS)
#: At most this many agencies in one quarter of the form (the template grows to fit them).
MAX_ROWS = 60
_FIELD_OF_LETTER = {c.letter: c.name for c in COLUMNS}
#: Issues about the whole unit or file, not one agency (their row is only where the table starts).
_UNIT_LEVEL = frozenset(
    {
        "replaces_submission",
        "large_change",
        "missing_bodies",
        "fewer_bodies",
        "sheet_not_read",
        "period_conflict",
        "unit_conflict",
        "no_data_rows",
        "total_mismatch",
        "missing_column",
        "missing_period",
        "invalid_period",
        "unknown_unit",
        "unit_not_active",
        "no_data_sheet",
        "unreadable_file",
        "file_too_large",
        "encrypted_file",
    }
)


class EntryError(GenderTargetsError):
    """A field of the web form that cannot be a head count (``entry_not_a_number``,
    ``entry_not_whole``, ``entry_negative``), or a form too long (``entry_too_many_rows``)."""

    code = "entry"


def entry_filename(unit: str, period: Period) -> str:
    """``Nhap_tren_web_X-BD_2026Q3.xlsx``: the stored original of a form entry."""
    return f"Nhap_tren_web_{unit}_{period}.xlsx"


# -- one field ------------------------------------------------------------------------------------
def parse_count(text: object) -> int | None:
    """A head count as typed in one field: an int ≥ 0, or None when the field is empty.

    The same number parser as a workbook cell ("12", " 12 ", "12,0", "1.234"); raises ``EntryError``
    ``entry_not_a_number`` (a letter: "1a", "e"), ``entry_not_whole`` ("2,5") or ``entry_negative``
    ("-1") or ``entry_too_large`` (past ``schema.MAX_COUNT``), with the text as ``value``."""
    if text is None or text is pd.NA or (isinstance(text, float) and text != text):
        return None
    if isinstance(text, int | float) and not isinstance(text, bool):
        number = float(text)
    else:
        shown = str(text)
        try:
            number = parse_number_text(shown)
        except ValueError:
            raise EntryError("entry_not_a_number", value=shown.strip()) from None
        if number is None:
            return None
    if not number.is_integer():
        raise EntryError("entry_not_whole", value=str(text).strip())
    if number < 0:
        raise EntryError("entry_negative", value=str(text).strip())
    if number > MAX_COUNT:  # security (second attack pass): past 2**63 it was stored negative
        raise EntryError("entry_too_large", value=str(text).strip()[:40], max=f"{MAX_COUNT:,}".replace(",", "."))
    return int(number)


def count_text(value: object) -> str:
    """What a count field shows for a stored value: "" for none, "3" for 3."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value) or value == "":
        return ""
    try:
        return str(int(float(value)))
    except (TypeError, ValueError):
        return str(value)


# -- the cards to start from ------------------------------------------------------------------------
def entry_rows(register: Register, unit: str, period: Period, stored: pd.DataFrame) -> pd.DataFrame:
    """The unit's bodies of its last accepted quarter before ``period`` with their counts (``stored``:
    ``Store.active_bodies``), else the template's suggested bodies with empty counts
    (``template.template_bodies``: the template lists the same)."""
    return template_bodies(register, unit, period, stored).reset_index(drop=True)


def start_rows(
    register: Register,
    unit: str,
    period: Period,
    stored: pd.DataFrame,
    own: pd.DataFrame | None = None,
) -> tuple[pd.DataFrame, str]:
    """The cards to start from (``ENTRY_COLUMNS``, counts nullable) and where they come from:

    - ``"own"``: ``own`` (her latest submission of this quarter, e.g. returned): counts as sent;
    - ``"previous"``: her last accepted quarter's agencies, names and types, counts empty;
    - ``"suggested"``: the usual agencies of the unit's kind, counts empty.
    """
    if own is not None and len(own):
        rows = own.reindex(columns=ENTRY_COLUMNS).reset_index(drop=True)
        rows["note"] = rows["note"].fillna("").astype(str)
        return rows, "own"
    rows = entry_rows(register, unit, period, stored)
    source = "previous" if len(last_quarter_bodies(stored, unit, period)) else "suggested"
    for c in COUNT_COLUMNS:
        rows[c] = pd.array([None] * len(rows), dtype="Int64")
    rows["note"] = ""
    return rows, source


def previous_counts(stored: pd.DataFrame, unit: str, period: Period) -> dict[str, dict[str, int]]:
    """ "Giống quý trước": per agency (its name folded, as the reader matches names), the five counts
    of the unit's last accepted quarter before ``period``; {} when there is none."""
    rows = last_quarter_bodies(stored, unit, period)
    return {fold_text(r["body_name"]): {c: int(r[c]) for c in COUNT_COLUMNS} for r in rows.to_dict("records")}


# -- empty fields -----------------------------------------------------------------------------------
def _blank(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and value != value) or str(value).strip() == ""


def kept_rows(rows: pd.DataFrame) -> list[int]:
    """Positions of the rows written to the workbook: every row with a name or any count."""
    records = rows.reindex(columns=ENTRY_COLUMNS).to_dict("records")
    return [i for i, r in enumerate(records) if not all(_blank(r[c]) for c in ("body_name", *COUNT_COLUMNS))]


def empty_fields(rows: pd.DataFrame) -> list[tuple[int, str]]:
    """(position, field) of every count left empty in a row that is written (has a name or a count)."""
    records = rows.reindex(columns=ENTRY_COLUMNS).to_dict("records")
    return [(i, c) for i in kept_rows(rows) for c in COUNT_COLUMNS if _blank(records[i][c])]


def fill_empty(rows: pd.DataFrame) -> pd.DataFrame:
    """``rows`` with every empty count of a written row set to 0 (after she answered "để trống = 0?")."""
    out = rows.reindex(columns=ENTRY_COLUMNS).astype(object).copy()
    for i, c in empty_fields(rows):
        out.iat[i, out.columns.get_loc(c)] = 0
    return out


# -- the workbook -----------------------------------------------------------------------------------
def entry_workbook(
    register: Register,
    unit: str,
    period: Period,
    rows: pd.DataFrame,
    *,
    prepared_by: str = "",
    today: dt.date | None = None,
) -> bytes:
    """The unit's workbook holding ``rows`` (columns ``ENTRY_COLUMNS``), as ``.xlsx`` bytes.

    Raises ``EntryError("entry_too_many_rows")`` beyond ``MAX_ROWS`` bodies; template errors
    (unknown unit, an area, a unit not existing in ``period``) pass through.
    """
    today = today or dt.date.today()
    frame = rows.reindex(columns=ENTRY_COLUMNS)
    kept = frame.iloc[kept_rows(frame)].reset_index(drop=True)
    if len(kept) > MAX_ROWS:
        raise EntryError("entry_too_many_rows", n=len(kept), max=MAX_ROWS)
    wb = build_template(register, unit, period, prepared_by=prepared_by, today=today, bodies=kept, with_numbers=True)
    ws = wb[DATA_SHEET]
    letter = {c.name: c.letter for c in COLUMNS}
    n_rows = max(BODY_ROWS, len(kept))  # the template grows past BODY_ROWS to fit every agency
    for name in COUNT_COLUMNS:  # the sums as values: the reader compares them, a formula has no value
        values = [ws[f"{letter[name]}{FIRST_BODY_ROW + i}"].value for i in range(len(kept))]
        ws[f"{letter[name]}{total_row(n_rows)}"] = sum(v for v in values if isinstance(v, int | float))
    return workbook_bytes(wb, dt.datetime(today.year, today.month, today.day))


# -- issues, in her words ---------------------------------------------------------------------------
@dataclass(frozen=True)
class FormIssue:
    """One issue of the check, for the web form: the card (``row``: position in the rows the form
    sent, None for the whole unit) and the field (``field``: a count column, ``body_name``,
    ``body_type``, or None), with the message naming both in words."""

    code: str
    is_error: bool
    row: int | None
    field: str | None
    agency: str
    message_vi: str
    message_en: str

    def message(self, lang: str = "vi") -> str:
        return self.message_en if lang == "en" else self.message_vi


def _without_location(issue: ValidationIssue, lang: str) -> str:
    """The issue's message without its 'Sheet "Số liệu", ô E12: ' prefix (as it follows a colon)."""
    text = issue.message(lang)
    for key, params in (
        ("loc.sheet_cell", {"sheet": issue.sheet, "cell": issue.cell}),
        ("loc.sheet_row", {"sheet": issue.sheet, "row": issue.row}),
        ("loc.sheet", {"sheet": issue.sheet}),
    ):
        prefix = t(key, lang, **params)
        if issue.sheet and text.startswith(prefix):
            return text[len(prefix) :]
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _field_of(issue: ValidationIssue) -> str | None:
    letters = "".join(ch for ch in (issue.cell or "") if ch.isalpha())
    return _FIELD_OF_LETTER.get(letters)


def form_issues(report: FileReport, rows: pd.DataFrame, unit_name: str = "") -> list[FormIssue]:
    """Every issue of ``report`` (the check of ``entry_workbook(rows)``) for the web form: the
    agency and the field in words, the card it belongs to; an issue of the whole unit as its message
    says it (those name the unit and the quarter themselves). Errors first, in the order of the cards."""
    frame = rows.reindex(columns=ENTRY_COLUMNS)
    kept = kept_rows(frame)
    names = frame["body_name"].tolist()
    out: list[FormIssue] = []
    for issue in report.issues:
        position = None
        if issue.code not in _UNIT_LEVEL and issue.row is not None:
            k = int(issue.row) - FIRST_BODY_ROW
            position = kept[k] if 0 <= k < len(kept) else None
        field = _field_of(issue) if position is not None else None
        if position is None:
            agency = unit_name
        else:
            name = "" if _blank(names[position]) else str(names[position]).strip()
            agency = name or t("phone.entry.card_unnamed", "vi", n=position + 1)
        texts = []
        for lang in ("vi", "en"):
            who = agency if position is None or names[position] else t("phone.entry.card_unnamed", lang, n=position + 1)
            if issue.code == "duplicate_body" and position is not None:
                other = issue.params.get("other_row")
                k = int(other) - FIRST_BODY_ROW if other is not None else -1
                other_card = kept[k] + 1 if 0 <= k < len(kept) else "?"
                body = t("phone.entry.issue_duplicate", lang, card=position + 1, other=other_card)
            elif issue.code == "no_data_rows":
                body = t("phone.entry.issue_no_data", lang)
            elif issue.code in ("missing_bodies", "fewer_bodies"):  # said for cards, not a file's sheets
                body = t(f"phone.entry.issue_{issue.code}", lang, **issue.params)
            elif issue.code == "body_skipped" and position is not None:
                body = t("phone.entry.issue_skipped", lang)
            else:
                body = _without_location(issue, lang)
            if field in COUNT_COLUMNS or field == "body_type":
                label = t(f"phone.field.{field}", lang)
                texts.append(t("phone.entry.issue_field", lang, agency=who, field=label, message=body))
            elif position is not None:
                texts.append(t("phone.entry.issue_agency", lang, agency=who, message=body))
            else:
                texts.append(body[:1].upper() + body[1:])
        out.append(FormIssue(issue.code, issue.is_error, position, field, agency, texts[0], texts[1]))
    order = {id(i): n for n, i in enumerate(out)}
    return sorted(out, key=lambda i: (not i.is_error, -1 if i.row is None else i.row, order[id(i)]))
