"""Not a page of its own: the address of a page (see app.py's PAGES), for a freshly started server.

Streamlit 1.67 answers the very first visit after a server start in its old "pages/ directory" mode,
before app.py has registered the real pages with st.navigation. A direct link such as /lo-trinh then
reported "Page not found" over the right page. In that mode this file is what the address finds;
it runs the entry point, which registers the pages and shows the real one. Later visits never see
it (app.py's navigation has replaced that mode for the whole server).
"""

import runpy
from pathlib import Path

runpy.run_path(str(Path(__file__).resolve().parents[1] / "app.py"), run_name="__main__")
