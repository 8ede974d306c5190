"""Every page gated, whatever the address (issue 20, item 3).

Streamlit 1.67 answers the first visit after a server start in its old "pages/ directory" mode:
``/data`` runs ``pages/data.py`` itself, before ``app.py`` (and its sign-in gate) has ever run. It
showed an anonymous visitor the data table and its downloads, and the meeting deck. So every file in
``pages/`` checks its visitor itself with ``page_gate(__file__)`` (``ui/gate.py``).

- Static: EVERY file in ``pages/`` — the ones other helpers add too — calls ``page_gate(__file__)``
  as its first statement after its imports, and ``app.py`` runs the page inside ``admitted(…)``.
- Live: on fresh servers with accounts and data, a stranger (a bare websocket, no cookie) visits
  every page file's own address first; each run is checked to have started in the pages/ directory
  mode, and every one shows the sign-in page and nothing else. A signed-in viewer's first visit to
  ``/admin`` shows no admin content either.
"""

from __future__ import annotations

import ast
import datetime as dt
import shutil
import threading
from pathlib import Path

import pytest

from gender_targets.store import open_store
from tests.security.stclient import ROOT, Client, Run, start_app

PAGES = sorted((ROOT / "pages").glob("*.py"))
PW = "mat-khau-quan-tri"


def _gate_position(path: Path) -> tuple[int | None, list[str]]:
    """Index of the ``page_gate(__file__)`` statement in the module body, and what runs before it."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    before: list[str] = []
    for i, node in enumerate(tree.body):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
            call = node.value
            name = getattr(call.func, "id", getattr(call.func, "attr", ""))
            if name == "page_gate" and [ast.unparse(a) for a in call.args] == ["__file__"]:
                return i, before
        if isinstance(node, ast.Import | ast.ImportFrom):
            continue
        if i == 0 and isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            continue  # the docstring
        before.append(ast.unparse(node)[:80])
    return None, before


@pytest.mark.parametrize("path", PAGES, ids=[p.name for p in PAGES])
def test_every_page_file_checks_its_visitor_first(path):
    where, before = _gate_position(path)
    assert where is not None, f"{path.name} does not call page_gate(__file__) (ui/gate.py) right after its imports"
    assert not before, f"{path.name} runs code before its gate: {before}"


def test_the_entry_point_admits_the_page_it_runs():
    source = (ROOT / "app.py").read_text(encoding="utf-8")
    tree = ast.parse(source)
    runs = [n for n in ast.walk(tree) if isinstance(n, ast.With) and "admitted(" in ast.unparse(n.items[0])]
    assert runs and any("nav.run()" in ast.unparse(n) for n in runs), "app.py must run the page inside admitted(…)"
    assert source.count("nav.run()") == 1


# -- live: fresh servers, every page file's address visited first -------------------------------
#: what a page shows that the sign-in page does not: tables, downloads, charts, numbers, uploads
CONTENT = {
    "arrow_data_frame",
    "arrow_table",
    "data_frame",
    "download_button",
    "plotly_chart",
    "vega_lite_chart",
    "metric",
    "file_uploader",
    "image",
    "imgs",
    "iframe",
    "exception",
}


@pytest.fixture(scope="module")
def gated_db(sample_db_file, tmp_path_factory) -> Path:
    """The sample data, an admin and a viewer: every page has something to show."""
    path = tmp_path_factory.mktemp("gate") / "gt.db"
    shutil.copy(sample_db_file, path)
    store = open_store(path)
    store.add_account("boss", "admin", PW)
    store.add_account("xem", "viewer", PW + "-xem")
    store.close()
    return path


def _visit_all_at_once(app, pages: list[str], cookie: str = "") -> dict[str, Run]:
    """Every address visited by its own stranger at the same moment, on a server nobody has visited:
    each of these first runs starts before any of them has registered app.py's navigation."""
    clients = {page: Client(app, cookie=cookie) for page in pages}
    runs: dict[str, Run] = {}
    errors: list[BaseException] = []

    def visit(page: str) -> None:
        try:
            runs[page] = clients[page].run(page, query="", timeout=240)
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=visit, args=(p,)) for p in pages]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    for c in clients.values():
        c.close()
    if errors:
        raise errors[0]
    return runs


def _sign_in_page(run: Run) -> bool:
    return run.has_text("Đăng nhập") and {"text_input"} <= run.kinds() and run.has_text("Mật khẩu")


def test_a_strangers_first_visit_to_any_page_file_gets_the_sign_in_page_only(gated_db, tmp_path):
    todo = [p.stem for p in PAGES]
    checked: dict[str, Run] = {}
    for attempt in range(4):  # a run that did not start in directory mode is tried again on a fresh server
        db = tmp_path / f"try{attempt}.db"
        shutil.copy(gated_db, db)
        app = start_app(tmp_path / f"app{attempt}", db)
        try:
            runs = _visit_all_at_once(app, todo)
        finally:
            app.stop()
        for page, run in runs.items():
            shown = sorted({(e.kind, e.text[:60]) for e in run.elements})
            assert not run.kinds() & CONTENT, f"/{page}: content shown to a stranger: {shown}"
            assert _sign_in_page(run), f"/{page}: not the sign-in page: {shown}"
            headings = {e.text for e in run.elements if e.kind == "heading"}
            assert headings == {"Đăng nhập"}, f"/{page}: {headings}"
            if run.directory_mode() or page == "login":
                checked[page] = run
        todo = [p for p in todo if p not in checked]
        if not todo:
            break
    assert not todo, f"these addresses never ran in the pages/ directory mode: {todo}"


def test_a_viewers_first_visit_to_the_admin_page_file_shows_no_admin_content(gated_db, tmp_path):
    db = tmp_path / "viewer.db"
    shutil.copy(gated_db, db)
    store = open_store(db)
    token = store.open_session("xem", now=dt.datetime.now(dt.UTC))
    store.close()
    app = start_app(tmp_path / "app", db)
    try:
        runs = _visit_all_at_once(app, ["admin", "quan-tri", "upload", "review"], cookie=f"gt_session={token}")
    finally:
        app.stop()
    for page, run in runs.items():
        shown = sorted({(e.kind, e.text[:60]) for e in run.elements})
        headings = {e.text for e in run.elements if e.kind == "heading"}
        assert "Quản trị" not in " ".join(headings), f"/{page}: {shown}"
        assert not run.kinds() & {"file_uploader", "download_button"}, f"/{page}: {shown}"
