"""Sample data: load the demonstration history into an empty database, and remove it again.

``load_sample`` saves ``units.csv`` as the register and ``targets.csv`` as the targets, then imports
``history_2021Q4_2026Q2.xlsx`` (the long layout: many unit-periods in one file, each its own
submission) marked ``is_sample``. It does **not** import ``upload_2026Q3/`` — those workbooks are
for the user to try the upload page with. It refuses a database that already holds submissions, and
one whose register is not the sample's (sample data never goes over a union's own register). It is an
admin's action (``Action.SAMPLE``; None is the local operator).

``may_load_automatically`` is the one rule for loading it without being asked (the app's first run):
only in single-user mode (no account), into a database with no submission and no register, from
which sample data was never removed. With accounts, sample data comes only from an admin's action
(the admin page's sample tab).

``remove_sample`` deletes exactly the sample submissions, their bodies, and their stored files when
no other submission uses them — the only deletion the store ever does. The register and targets
stay (they are the plan's own), and so does everything the user imported.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from .accounts import Account, Action, require
from .intake import import_upload
from .schema import load_targets
from .store import ImportResult, Store, StoreError
from .units import load_register

__all__ = ["HISTORY_FILE", "SAMPLE_DIR", "UPLOAD_DIR", "load_sample", "may_load_automatically", "remove_sample"]

#: The repository's ``sample_data/`` folder.
SAMPLE_DIR = Path(__file__).resolve().parent.parent / "sample_data"
HISTORY_FILE = "history_2021Q4_2026Q2.xlsx"
UPLOAD_DIR = "upload_2026Q3"
UNITS_FILE = "units.csv"
TARGETS_FILE = "targets.csv"


def _read(path: Path) -> bytes:
    if not path.is_file():
        raise StoreError("sample_missing", path=str(path))
    return path.read_bytes()


def may_load_automatically(store: Store) -> bool:
    """True when the app may load the sample data without being asked: single-user mode (no account),
    no submission and no register yet, and sample data never removed from this database."""
    return not store.has_accounts() and store.is_empty() and store.register() is None and not store.sample_was_removed()


def load_sample(
    store: Store,
    sample_dir: Path | str = SAMPLE_DIR,
    progress: Callable[[int, int], None] | None = None,
    by: str = "sample",
    today: dt.date | None = None,
    actor: Account | None = None,
) -> list[ImportResult]:
    """Load the sample register, targets and history into an EMPTY store; ``progress(done, total)``.

    Raises StoreError when the store already holds submissions or a register other than the sample's,
    when a sample file is missing, or when the history file does not pass validation (then its
    submissions are not stored); ``PermissionDenied`` for anyone but an admin (``actor``).
    """
    require(actor, Action.SAMPLE)
    sample_dir = Path(sample_dir)
    if not store.is_empty():
        raise StoreError("sample_not_empty")
    units_bytes = _read(sample_dir / UNITS_FILE)
    targets_bytes = _read(sample_dir / TARGETS_FILE)
    stored = store.register()
    if stored is not None and not stored.frame.equals(load_register(units_bytes).frame):
        raise StoreError("sample_register_exists")  # never over a union's own register
    files = [(HISTORY_FILE, _read(sample_dir / HISTORY_FILE))]
    total = len(files) + 1
    if progress:
        progress(0, total)
    store.save_register(load_register(units_bytes), by=by, actor=actor)
    store.save_targets(load_targets(targets_bytes), by=by, actor=actor)
    if progress:
        progress(1, total)
    results: list[ImportResult] = []
    for i, (name, data) in enumerate(files, start=2):
        result = import_upload(store, data, name, by=by, today=today, is_sample=True, actor=actor)
        if not result.ok:
            errors = result.report.errors
            raise StoreError(
                "sample_invalid",
                details=[e.message_en for e in errors],
                file=name,
                errors_vi=" | ".join(e.message_vi for e in errors[:5]),
                errors_en=" | ".join(e.message_en for e in errors[:5]),
            )
        results.append(result)
        if progress:
            progress(i, total)
    if all(r.unchanged for r in results):  # another session loaded the same sample meanwhile
        return results
    store.record_sample_load(
        by,
        {
            "files": [name for name, _ in files],
            "submissions": sum(len(r.ids) for r in results),
        },
        actor=actor,
    )
    return results


def remove_sample(store: Store, by: str = "", actor=None) -> int:
    """Delete the sample submissions (bodies, and files no other submission uses); returns how many.
    ``actor``: the signed-in account (accounts.py), checked by the store."""
    return store.delete_sample(by=by, actor=actor)
