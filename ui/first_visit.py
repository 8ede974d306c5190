"""The first visit after a server start, at a page's own address (``pages/<address>.py``).

Every page file's gate (``ui/gate.py``) calls ``run_entry_point`` when it finds itself run without
app.py, which is what happens here.

Streamlit 1.67 answers the very first visit after a server start in its old "pages/ directory"
mode, before app.py has registered the real pages with ``st.navigation``. A direct link such as
/lo-trinh then reported "Page not found" over the right page. In that mode the file named after the
address is what the link finds; it runs the entry point, which registers the pages and shows the real
one. Later visits never see it (app.py's navigation replaces that mode for the whole server).
``tests/test_repo.py`` checks that every address in app.py's registry has its file.
"""

from __future__ import annotations

import runpy
from pathlib import Path

APP = Path(__file__).resolve().parents[1] / "app.py"


def run_entry_point() -> None:
    runpy.run_path(str(APP), run_name="__main__")
