"""Shared fixtures: the repository root, the sample register and targets, a temporary database.

``db_url`` is THE database fixture of the store, indicator and CLI tests: parametrised over the
back-ends, each test gets a fresh one — an SQLite file in its ``tmp_path`` (``[sqlite]``) and a new
database on a PostgreSQL server (``[postgresql]``). The server is ``GENDER_TARGETS_TEST_PG`` when
set (``.ci/run`` starts one), else a throwaway cluster this session starts from Debian's
``postgresql`` package (``tests/pg_cluster.py``) and stops at the end. Where no PostgreSQL can be
had, the ``[postgresql]`` cases skip with the reason — and fail under ``CI=true``, where they are
mandatory.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_data"
TODAY = dt.date(2026, 11, 24)
BACKENDS = ("sqlite", "postgresql")

# a bug in the reader must fail the tests, not pass as "the file is damaged"; tests may use the
# sandbox's hooks (a worker that aborts, sleeps or runs out of memory)
os.environ.setdefault("GENDER_TARGETS_STRICT_READING", "1")
os.environ.setdefault("GENDER_TARGETS_TEST_HOOKS", "1")


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def sample_register():
    from gender_targets.units import load_register

    return load_register((SAMPLE / "units.csv").read_bytes())


@pytest.fixture(scope="session")
def sample_targets():
    from gender_targets.schema import load_targets

    return load_targets((SAMPLE / "targets.csv").read_bytes())


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "test.db"


def _unavailable(reason: str) -> None:
    """Skip, or fail under CI=true where the PostgreSQL tests are mandatory."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"PostgreSQL tests are mandatory under CI=true: {reason}", pytrace=False)
    pytest.skip(f"no PostgreSQL for the [postgresql] cases: {reason}")


@pytest.fixture(scope="session")
def pg_server() -> Iterator[object]:
    """A PostgreSQL server on which the tests may create databases (``create_database()`` → URL,
    ``drop_database(url)``): ``GENDER_TARGETS_TEST_PG``, or a throwaway cluster of this session."""
    from tests.pg_cluster import Cluster, find_bin_dir, server_from_env

    server = server_from_env()
    if server is not None:
        try:
            server.drop_database(server.create_database("probe"))
        except Exception as exc:  # any failure means: this server cannot be used
            from sqlalchemy.engine import make_url

            shown = make_url(server.admin_url).render_as_string(hide_password=True)
            _unavailable(f"GENDER_TARGETS_TEST_PG={shown} is not usable: {exc}")
        yield server
        return
    if find_bin_dir() is None:
        _unavailable("PostgreSQL is not installed (apt-get install postgresql) and GENDER_TARGETS_TEST_PG is unset")
    try:
        cluster = Cluster().start()
    except Exception as exc:  # (pytest remembers a session fixture's failure: tried once)
        _unavailable(f"could not start a throwaway cluster: {exc}")
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def pg_url(pg_server) -> Iterator[str]:
    """A fresh PostgreSQL database (its SQLAlchemy URL), dropped after the test."""
    url = pg_server.create_database()
    yield url
    pg_server.drop_database(url)


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path) -> Iterator[str]:
    """A fresh database on each back-end: an SQLite file path, or a new PostgreSQL database's URL."""
    if request.param == "sqlite":
        yield str(tmp_path / "test.db")
    else:
        yield request.getfixturevalue("pg_url")


# ---- AppTest: caches cleared between tests, the app on a copy of a database ------------------
@pytest.fixture(autouse=True)
def _clear_streamlit_caches():
    """Streamlit's caches are per process: the store and the model of one AppTest must not leak
    into the next (only where a test has imported Streamlit)."""
    import sys

    st = sys.modules.get("streamlit")
    if st is not None:
        st.cache_data.clear()
        st.cache_resource.clear()
    yield
    st = sys.modules.get("streamlit")
    if st is not None:
        st.cache_data.clear()
        st.cache_resource.clear()


@contextmanager
def sample_store(path: Path) -> Iterator[object]:
    """A new database at ``path`` with the sample data loaded, open for more set-up, then closed."""
    from gender_targets.sample import load_sample
    from gender_targets.store import open_store

    store = open_store(path)
    load_sample(store)
    try:
        yield store
    finally:
        store.close()


@pytest.fixture(scope="session")
def sample_db_file(tmp_path_factory) -> Path:
    """The sample data loaded once; tests work on copies (``sample_db``)."""
    path = tmp_path_factory.mktemp("sample_db") / "sample.db"
    with sample_store(path):
        pass
    return path


@pytest.fixture
def sample_db(sample_db_file, tmp_path, monkeypatch) -> Path:
    """This test's own copy of the sample database, used by the app."""
    return app_on_copy(sample_db_file, tmp_path, monkeypatch)


def app_on_copy(source: Path, tmp_path: Path, monkeypatch, name: str = "app.db") -> Path:
    """This test's own copy of the database ``source``, which the app (``GENDER_TARGETS_DB``) then
    uses, with no sample data loaded on its own."""
    import shutil

    path = tmp_path / name
    shutil.copy(source, path)
    monkeypatch.setenv("GENDER_TARGETS_DB", str(path))
    monkeypatch.delenv("GENDER_TARGETS_SAMPLE", raising=False)
    return path
