"""The first thing a fresh server draws, before the package (pandas, the store) is imported.

A server's first session imports ``gender_targets`` and opens the store before it can draw
anything else — seconds on a busy machine, and more when the sample data is loaded into an empty
database. ``opening_bar`` draws a bare progress bar at once (no words: the catalogue is part of
the package); ``ui.common.ensure_sample_loaded`` then writes into it and removes it.
"""

from __future__ import annotations

import threading

import streamlit as st

#: set once this server process has opened its store
STORE_OPENED = threading.Event()


def opening_bar():
    """A progress bar in the server's first sessions, until the store has been opened once; else None."""
    return None if STORE_OPENED.is_set() else st.progress(0.0)
