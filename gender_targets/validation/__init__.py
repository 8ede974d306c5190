"""Validation: every rule of SPEC §6, collected into one list of issues per file.

- ``issues``: ``ValidationIssue``, ``Severity``, ``make_issue``, ``issues_frame`` — one record per
  problem, messages from the catalogue.
- ``report``: ``FileReport`` and ``SubmissionData`` — what a checked file holds.
- ``rows``: the body-row rules, declared as ``TABLE_RULES`` / ``BODY_RULES``, run by ``run_rules``.
- ``sources``: ``invalid_period``, ``unknown_unit``, ``unit_not_active``, the conflicts.
- ``history``: ``replaces_submission`` and ``large_change``, given the active history.
"""

from __future__ import annotations

from ..i18n.localized import Localized
from .issues import (
    ERROR_CODES,
    WARNING_CODES,
    Severity,
    ValidationIssue,
    a1,
    column_letter,
    issues_frame,
    make_bilingual_issue,
    make_issue,
)
from .report import FileReport, SubmissionData, sha256_of

__all__ = [
    "ERROR_CODES",
    "WARNING_CODES",
    "FileReport",
    "Localized",
    "Severity",
    "SubmissionData",
    "ValidationIssue",
    "a1",
    "column_letter",
    "issues_frame",
    "make_bilingual_issue",
    "make_issue",
    "sha256_of",
]
