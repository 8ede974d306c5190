"""Intake: the one public entry point for an uploaded file, above the store.

The flow of an upload, one way::

    bytes ─► reading (child process: container checks, cells, header)  ─► raw table
          ─► validation (SPEC §6 rules on the table; history rules on the store's active rows)
          ─► FileReport ─► Store.save_report (all or nothing)

- ``check_file(data, filename, register)``: read and validate one file against a register; never
  raises on bad input — whatever the bytes are, the ``FileReport``'s issues say what is wrong.
- ``check_upload(data, filename, store=…)``: ``check_file`` plus the warnings that need the stored
  history (``replaces_submission``, ``large_change``, ``missing_bodies``, ``fewer_bodies``, in
  ``validation.history``): every page, the review queue and ``check --json`` show them.
- ``import_upload(store, data, filename, by=…)``: ``check_upload`` then ``Store.save_report``; a
  file with any error stores nothing. ``import_uploads`` does it for several files with progress.

Pages, the CLI, the sample loader and the benchmarks call these; nothing else reads uploads.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

import pandas as pd

from .indicators import COUNT_PAIRS, aggregate_bodies, ratio
from .units import Register
from .validation.history import large_change, missing_bodies, replaces_submission
from .validation.report import FileReport, SubmissionData, sha256_of
from .workbook import read_submissions

if TYPE_CHECKING:
    from .accounts import Account
    from .attachments import Attachment
    from .store import ImportResult, Store

__all__ = [
    "FileReport",
    "SubmissionData",
    "check_file",
    "check_upload",
    "import_upload",
    "import_uploads",
    "sha256_of",
]


#: Read and validate one uploaded file against a register; never raises on bad input
#: (``workbook.read_submissions``; ``sandbox=False`` reads in this process, for benchmarks only).
check_file = read_submissions


def _indicator_values(body_rows: pd.DataFrame) -> pd.DataFrame:
    """Per (unit, period): the value of I1, I2, I3 in percent (NaN for a zero denominator)."""
    agg = aggregate_bodies(body_rows)
    out = pd.DataFrame({"unit": agg["unit"], "period": agg["period"]})
    for ind, (num, den) in COUNT_PAIRS.items():
        out[ind] = ratio(agg[num], agg[den])
    return out.set_index(["unit", "period"])


def check_upload(
    data: bytes,
    filename: str,
    *,
    store: Store | None = None,
    register: Register | None = None,
    today: dt.date | None = None,
) -> FileReport:
    """Read and validate one upload; with a ``store``, add the history warnings from its active rows.

    ``register`` defaults to the store's; one of the two is needed (``StoreError`` otherwise).
    """
    if register is None:
        if store is None:
            raise TypeError("check_upload needs a store or a register")
        register = store._require_register(None)
    report = check_file(data, filename, register, today)
    if store is None or not report.submissions:
        return report
    units = sorted({s.unit for s in report.submissions})
    report.issues.extend(replaces_submission(report, store.history_active(units), register))
    stacked = report.stacked_bodies()
    if not stacked.empty:
        new_values = _indicator_values(stacked)
        stored = store.active_bodies(units=units)
        old_values = _indicator_values(stored) if len(stored) else new_values.iloc[0:0]
        report.issues.extend(large_change(report, new_values, old_values, register))
        report.issues.extend(missing_bodies(report, stacked, stored, register))
    return report


def import_upload(
    store: Store,
    data: bytes,
    filename: str,
    *,
    by: str = "",
    today: dt.date | None = None,
    is_sample: bool = False,
    actor: Account | None = None,
    attachment: Attachment | None = None,
) -> ImportResult:
    """Check one upload against the store, then store it (all of its unit-periods or none).

    ``actor``: the signed-in account (None: the local operator); the store checks its role, and a
    unit account's submissions wait for review (``pending``). ``attachment``: the signed report
    (``attachments.check_attachment``), stored with the submissions."""
    report = check_upload(data, filename, store=store, today=today)
    return store.save_report(report, data, filename, by=by, is_sample=is_sample, actor=actor, attachment=attachment)


def import_uploads(
    store: Store,
    files: Iterable[tuple[str, bytes]],
    *,
    by: str = "",
    progress: Callable[[int, int], None] | None = None,
    today: dt.date | None = None,
    is_sample: bool = False,
    actor: Account | None = None,
) -> list[ImportResult]:
    """``import_upload`` for each (name, bytes), each file all or nothing; ``progress(done, total)``."""
    files = list(files)
    out = []
    if progress:
        progress(0, len(files))
    for i, (name, data) in enumerate(files, start=1):
        out.append(import_upload(store, data, name, by=by, today=today, is_sample=is_sample, actor=actor))
        if progress:
            progress(i, len(files))
    return out
