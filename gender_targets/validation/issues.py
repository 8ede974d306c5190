"""Validation issues: one record per problem, every problem of a file collected at once (SPEC §6).

An **error** stops the whole file (nothing from it is stored); a **warning** does not. Each issue
carries its ``code``, ``severity``, ``sheet``, ``cell`` (A1 style, or "" when the issue is about a
row or the whole file), ``row`` (1-based sheet row, or None), the ``value`` found, and messages in
Vietnamese and English rendered from the catalogue (``i18n.MESSAGES["issue.<code>"]``, or a variant
``issue.<code>.<case>`` given as ``message_key``) with the location prefix 'Sheet "Số liệu", ô E12: '.
A parameter that differs by language (a column name, a reason) is passed as ``Localized(vi, en)``.
"""

from __future__ import annotations

import dataclasses
import enum
from dataclasses import dataclass, field

import pandas as pd

from ..i18n import t
from ..i18n.localized import Localized
from ..text import a1, column_letter

__all__ = [
    "ERROR_CODES",
    "WARNING_CODES",
    "Localized",
    "Severity",
    "ValidationIssue",
    "a1",
    "column_letter",
    "issues_frame",
    "make_bilingual_issue",
    "make_issue",
]


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"


ERROR_CODES: frozenset[str] = frozenset(
    {
        "unreadable_file",
        "encrypted_file",
        "file_too_large",
        "no_data_sheet",
        "missing_column",
        "unknown_unit",
        "unit_not_active",
        "missing_period",
        "invalid_period",
        "not_a_number",
        "not_whole_number",
        "negative_number",
        "female_exceeds_total",
        "trained_exceeds_female",
        "duplicate_body",
        "unknown_body_type",
        "no_data_rows",
        "formula_without_value",
        "error_value",
        "sheets_disagree",
        "merged_count",
        "duplicate_column",
    }
)
WARNING_CODES: frozenset[str] = frozenset(
    {
        "total_mismatch",
        "no_key_leaders",
        "body_skipped",
        "period_conflict",
        "unit_conflict",
        "large_change",
        "replaces_submission",
        "sheet_not_read",
        "rows_after_table",
        "missing_bodies",
        "fewer_bodies",
    }
)


@dataclass(frozen=True)
class ValidationIssue:
    code: str
    severity: Severity
    sheet: str
    cell: str
    value: str
    message_vi: str
    message_en: str
    row: int | None = None
    params: dict = field(default_factory=dict, compare=False, repr=False)

    def message(self, lang: str = "vi") -> str:
        return self.message_en if lang == "en" else self.message_vi

    def to_dict(self, lang: str = "vi") -> dict:
        """The JSON shape of SPEC §8: code, severity, sheet, cell, value, message."""
        return {
            "code": self.code,
            "severity": str(self.severity),
            "sheet": self.sheet,
            "cell": self.cell or (f"row {self.row}" if self.row else ""),
            "value": self.value,
            "message": self.message(lang),
            "message_en": self.message_en,
        }

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


def _location(lang: str, sheet: str, cell: str, row: int | None) -> str:
    if sheet and cell:
        return t("loc.sheet_cell", lang, sheet=sheet, cell=cell)
    if sheet and row:
        return t("loc.sheet_row", lang, sheet=sheet, row=row)
    if sheet:
        return t("loc.sheet", lang, sheet=sheet)
    return ""


def make_issue(
    code: str,
    *,
    sheet: str = "",
    cell: str = "",
    row: int | None = None,
    value: object = "",
    message_key: str | None = None,
    **params: object,
) -> ValidationIssue:
    """Build an issue whose messages come from the catalogue entry ``issue.<code>``.

    ``params`` fill the template (``Localized`` ones per language); ``value`` is available to it
    too. ``message_key`` picks another entry (a variant of the same code). The severity follows
    the code.
    """
    if code in ERROR_CODES:
        severity = Severity.ERROR
    elif code in WARNING_CODES:
        severity = Severity.WARNING
    else:
        raise KeyError(f"unknown issue code {code!r}")
    value_text = "" if value is None else str(value)
    fill = {"value": value_text, "sheet": sheet, "cell": cell, "row": row, **params}
    key = message_key or f"issue.{code}"
    msgs = []
    for lang in ("vi", "en"):
        lang_fill = {k: v.get(lang) if isinstance(v, Localized) else v for k, v in fill.items()}
        text = t(key, lang, **lang_fill)
        loc = _location(lang, sheet, cell, row)
        if loc:
            text = loc + text
        else:
            text = text[:1].upper() + text[1:]
        msgs.append(text)
    return ValidationIssue(code, severity, sheet, cell, value_text, msgs[0], msgs[1], row, dict(params))


def make_bilingual_issue(
    code: str,
    vi: dict,
    en: dict,
    *,
    sheet: str = "",
    row: int | None = None,
    value: object = "",
    **common: object,
) -> ValidationIssue:
    """An issue whose Vietnamese and English messages get language-specific parameters (labels,
    numbers). A ``value`` key in ``vi`` / ``en`` fills the message's ``{value}`` in that language;
    the issue's own ``value`` field is the ``value`` argument."""
    vi, en = dict(vi), dict(en)
    issue_vi = make_issue(code, sheet=sheet, row=row, value=vi.pop("value", value), **common, **vi)
    issue_en = make_issue(code, sheet=sheet, row=row, value=en.pop("value", value), **common, **en)
    return dataclasses.replace(
        issue_vi, value="" if value is None else str(value), message_en=issue_en.message_en, params={**common, **vi}
    )


def issues_frame(issues: list[ValidationIssue], lang: str = "vi", file: str | None = None) -> pd.DataFrame:
    """All issues as one table: (file,) severity, code, sheet, cell, value, message."""
    rows = []
    for i in issues:
        d = {
            "severity": str(i.severity),
            "code": i.code,
            "sheet": i.sheet,
            "cell": i.cell or (str(i.row) if i.row else ""),
            "value": i.value,
            "message": i.message(lang),
        }
        if file is not None:
            d = {"file": file, **d}
        rows.append(d)
    cols = (["file"] if file is not None else []) + ["severity", "code", "sheet", "cell", "value", "message"]
    return pd.DataFrame(rows, columns=cols)
