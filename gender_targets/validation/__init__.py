"""Validation: every rule of SPEC §6, collected into one list of issues per file.

- ``issues``: ``ValidationIssue``, ``Severity``, ``make_issue``, ``issues_frame`` — one record per
  problem, messages from the catalogue.
- ``report``: ``FileReport`` and ``SubmissionData`` — what a checked file holds.
- ``rows``: the body-row rules, declared as ``TABLE_RULES`` / ``BODY_RULES``, run by ``run_rules``.
- ``sources``: ``invalid_period``, ``unknown_unit``, ``unit_not_active``, the conflicts.
- ``history``: ``replaces_submission`` and ``large_change``, given the active history.
"""

from __future__ import annotations

from . import issues as _issues
from .issues import *  # noqa: F403 (the issue records and their helpers: issues.__all__)
from .report import FileReport, SubmissionData, sha256_of

__all__ = [*_issues.__all__, "FileReport", "SubmissionData", "sha256_of"]
