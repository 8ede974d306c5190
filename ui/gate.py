"""Every page checks its visitor itself, whatever the address (issue 20).

Every file in ``pages/`` starts, right after its imports, with the one line ``page_gate(__file__)``
(``tests/security/test_gate.py`` fails on a page file without it). What that line does:

- **Through the entry point** (the normal case): ``app.py`` decided who the visitor is, which page
  the address names and whether the visitor may open it, and runs the page inside ``admitted(…)``.
  The gate checks again, with the same rule (``may_open``), that the file running is the page
  ``app.py`` admitted and that this visitor may open it; otherwise the sign-in page (a visitor who
  is not signed in) or a refusal, and the page stops before drawing anything.
- **Without the entry point**: Streamlit 1.67 answers the first visit after a server start in its
  old "pages/ directory" mode, which runs ``pages/<address>.py`` itself (``/data`` runs
  ``pages/data.py``) before ``app.py`` has ever run. The gate then runs ``app.py`` (which registers
  the real pages, decides who the visitor is and shows the sign-in page or the page the address
  names) and stops the page file. Nothing of the page is drawn before ``app.py`` has run.

On the way, the gate tells the reader workers whose files this run reads (their per-account share)
and ``ui/upload_guard.py`` whether this session may hold uploaded files at all.

The rules themselves (roles, accounts) live in ``gender_targets.accounts``; every write is checked
again in the core whatever a page shows.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from ui.auth import Visitor
from ui.first_visit import run_entry_point
from ui.upload_guard import note_session

__all__ = ["LOGIN_PAGE", "admitted", "may_open", "page_gate"]

ROOT = Path(__file__).resolve().parents[1]
LOGIN_PAGE = "pages/login.py"
#: pages a single local operator never needs (no review queue, no form for a unit account)
_NOT_FOR_THE_OPERATOR = ("pages/review.py", "pages/entry.py")


@dataclass(frozen=True)
class Admission:
    """What ``app.py`` decided for this run: the page file to run, the visitor and what it needs."""

    page: Path
    visitor: Visitor
    actions: tuple[str, ...]


_ADMISSION: contextvars.ContextVar[Admission | None] = contextvars.ContextVar("gt_page_admission", default=None)


def may_open(visitor: Visitor, page: str, actions: Iterable[str]) -> bool:
    """May ``visitor`` open the page file ``page`` (``pages/x.py``) that needs any of ``actions``?
    The one rule ``app.py`` (the sidebar, the redirect) and every page's gate use."""
    if visitor.mode == "single" and page in _NOT_FOR_THE_OPERATOR:
        return False
    return visitor.may_any(*actions)


@contextmanager
def admitted(page: str, visitor: Visitor, actions: Iterable[str]) -> Iterator[None]:
    """``app.py``: run the chosen page inside this block (``with admitted(…): nav.run()``)."""
    token = _ADMISSION.set(Admission((ROOT / page).resolve(), visitor, tuple(actions)))
    try:
        yield
    finally:
        _ADMISSION.reset(token)


def _refuse(visitor: Visitor) -> None:
    from ui.common import tr

    if visitor.mode in ("anonymous", "public"):
        st.switch_page(LOGIN_PAGE)  # sign in first
    st.error(tr("ui.auth.page_forbidden"))
    st.stop()


def page_gate(file: str) -> Visitor:
    """The first line of every page file: ``page_gate(__file__)``. Returns the visitor when this page
    may be shown; otherwise shows the sign-in page or a refusal and stops (module docstring)."""
    admission = _ADMISSION.get()
    if admission is None:
        # run without app.py (Streamlit's pages/ directory mode): app.py decides, then this file stops
        run_entry_point()
        st.stop()
    visitor = admission.visitor
    here = Path(file).resolve()
    page = here.relative_to(ROOT).as_posix() if here.is_relative_to(ROOT) else here.as_posix()
    if here != admission.page or not may_open(visitor, page, admission.actions):
        _refuse(visitor)
    session = _session_id()
    note_session(session, visitor.mode in ("single", "signed_in"))  # others' uploads are dropped
    _reader_owner(visitor, session)
    return visitor


def _session_id() -> str:
    try:
        from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

        ctx = get_script_run_ctx()
        return ctx.session_id if ctx is not None else ""
    except Exception:  # no Streamlit runtime (tests of the gate alone)
        return ""


def _reader_owner(visitor: Visitor, session: str) -> None:
    """Whose files this run reads: the reader workers' per-account quota (``reading.sandbox``)."""
    from gender_targets.reading.sandbox import set_reader_owner

    if visitor.account is not None:
        set_reader_owner(f"account:{visitor.account.username.lower()}")
    else:
        set_reader_owner("operator" if visitor.mode == "single" else f"session:{session}")
