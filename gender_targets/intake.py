"""Intake: one uploaded file in, a report out — the submissions it holds and every issue found.

``check_file(data, filename, register)`` never raises on bad input: whatever the bytes are, the
result is a ``FileReport`` whose ``issues`` say what is wrong (SPEC §6). A file with any error is
not ``ok`` and nothing from it may be stored.
"""

from __future__ import annotations

import datetime as dt

from .units import Register
from .validation.report import FileReport, SubmissionData, sha256_of

__all__ = ["FileReport", "SubmissionData", "check_file", "sha256_of"]


def check_file(
    data: bytes,
    filename: str,
    register: Register,
    today: dt.date | None = None,
) -> FileReport:
    """Read and validate one uploaded file. Never raises on bad input."""
    from .workbook import read_submissions  # the reader; see workbook.py

    return read_submissions(data, filename, register, today=today)
