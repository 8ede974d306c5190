"""A throwaway PostgreSQL cluster for the tests and the benchmarks (Debian's ``postgresql`` package).

``Cluster.start()`` runs ``initdb`` into a new folder under the system's temporary directory and
``pg_ctl start`` on 127.0.0.1 with a free port, trusting local connections (nothing else can reach
it); ``stop()`` stops it and deletes the folder. As root, ``initdb`` and ``pg_ctl`` run as the
``postgres`` user (``runuser -u postgres --``), because PostgreSQL refuses to run as root.

``server_from_env()`` uses an existing server instead when ``GENDER_TARGETS_TEST_PG`` holds an
SQLAlchemy URL (``postgresql+psycopg://user@host:port/db``) whose user may create databases.

Both offer ``create_database()`` (a fresh, uniquely named database; its URL) and
``drop_database(url)``. ``durable=False`` (tests) turns ``fsync`` off: faster, and a crash loses
nothing that matters in a throwaway cluster; the benchmarks keep PostgreSQL's durable defaults,
as SQLite runs with ``synchronous=FULL``.

Run as a script it starts a cluster, prints its URL and waits (Ctrl-C stops it).
"""

from __future__ import annotations

import contextlib
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

ENV_URL = "GENDER_TARGETS_TEST_PG"
ENV_BIN = "GENDER_TARGETS_PG_BIN"


def find_bin_dir() -> Path | None:
    """The folder with ``initdb`` and ``pg_ctl``: ``$GENDER_TARGETS_PG_BIN``, Debian's newest
    ``/usr/lib/postgresql/<version>/bin``, or ``pg_config --bindir``; None when there is none."""
    candidates: list[Path] = []
    if os.environ.get(ENV_BIN):
        candidates.append(Path(os.environ[ENV_BIN]))
    debian = sorted(
        Path("/usr/lib/postgresql").glob("*/bin"),
        key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
        reverse=True,
    )
    candidates.extend(debian)
    pg_config = shutil.which("pg_config")
    if pg_config:
        try:
            out = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True, timeout=10).stdout.strip()
            if out:
                candidates.append(Path(out))
        except (OSError, subprocess.SubprocessError):
            pass
    for c in candidates:
        if (c / "initdb").is_file() and (c / "pg_ctl").is_file():
            return c
    return None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_postgres(cmd: list[str]) -> list[str]:
    """Run ``cmd`` as the ``postgres`` user when we are root (PostgreSQL refuses root)."""
    if os.geteuid() != 0:
        return cmd
    runuser = shutil.which("runuser")
    if runuser:
        return [runuser, "-u", "postgres", "--", *cmd]
    return ["su", "postgres", "-s", "/bin/sh", "-c", " ".join(f"'{a}'" for a in cmd)]


def _psycopg_conninfo(sa_url: str) -> str:
    """``postgresql+psycopg://u:p@h:port/db`` → a libpq URL psycopg accepts."""
    from sqlalchemy.engine import make_url

    url = make_url(sa_url).set(drivername="postgresql")
    return url.render_as_string(hide_password=False)


class _Server:
    """Database creation on a server reachable at ``admin_url`` (an SQLAlchemy URL)."""

    admin_url: str
    _names = itertools.count(1)

    def url(self, database: str) -> str:
        from sqlalchemy.engine import make_url

        return make_url(self.admin_url).set(database=database).render_as_string(hide_password=False)

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(_psycopg_conninfo(self.admin_url), autocommit=True, connect_timeout=10) as conn:
            conn.execute(sql)

    def create_database(self, prefix: str = "gt") -> str:
        """A new empty database; its SQLAlchemy URL."""
        name = f"{prefix}_{os.getpid()}_{next(self._names)}_{uuid.uuid4().hex[:6]}"
        import psycopg

        sql = f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'"
        try:
            self._admin(sql + " STRATEGY FILE_COPY")  # PostgreSQL 15+: faster for a small template
        except psycopg.errors.SyntaxError:
            self._admin(sql)
        return self.url(name)

    def drop_database(self, url: str) -> None:
        from sqlalchemy.engine import make_url

        name = make_url(url).database
        self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class ExistingServer(_Server):
    """A server someone else runs (``GENDER_TARGETS_TEST_PG``)."""

    def __init__(self, url: str):
        self.admin_url = url

    def stop(self) -> None:
        pass


class Cluster(_Server):
    """A throwaway cluster: ``start()``, ``create_database()``, …, ``stop()``."""

    def __init__(self, bin_dir: Path | None = None, durable: bool = False):
        found = bin_dir or find_bin_dir()
        if found is None:
            raise RuntimeError("PostgreSQL is not installed (no initdb / pg_ctl found)")
        self.bin_dir = found
        self.durable = durable
        self.base: Path | None = None
        self.port = 0
        self.admin_url = ""

    @property
    def data_dir(self) -> Path:
        assert self.base is not None
        return self.base / "data"

    def _run(self, *args: str, timeout: float = 120) -> None:
        cmd = _as_postgres([str(self.bin_dir / args[0]), *args[1:]])
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=self.base)
        if done.returncode != 0:
            raise RuntimeError(f"{args[0]} failed ({done.returncode}): {done.stderr.strip() or done.stdout.strip()}")

    def start(self) -> Cluster:
        self.base = Path(tempfile.mkdtemp(prefix="gt-pg-"))
        if os.geteuid() == 0:
            shutil.chown(self.base, "postgres", "postgres")
        self._run("initdb", "-D", str(self.data_dir), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync")
        options = [
            "-c listen_addresses=127.0.0.1",
            f"-c unix_socket_directories={self.base}",
            "-c max_connections=200",
        ]
        if not self.durable:
            options += ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]
        last = ""
        for _attempt in range(3):  # a port taken between free_port() and the server's bind: another one
            self.port = free_port()
            opts = " ".join([f"-p {self.port}", *options])
            try:
                self._run(
                    "pg_ctl", "-D", str(self.data_dir), "-l", str(self.base / "server.log"), "-o", opts, "-w", "start"
                )
            except RuntimeError as exc:
                last = f"{exc}\n{self.log_tail()}"
                continue
            self.admin_url = f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"
            return self
        self.stop()
        raise RuntimeError(f"PostgreSQL did not start: {last}")

    def log_tail(self, n: int = 20) -> str:
        try:
            return "\n".join((self.base / "server.log").read_text(errors="replace").splitlines()[-n:])
        except (OSError, TypeError):
            return ""

    def stop(self) -> None:
        if self.base is None:
            return
        if (self.data_dir / "postmaster.pid").exists():
            with contextlib.suppress(RuntimeError, subprocess.SubprocessError):
                self._run("pg_ctl", "-D", str(self.data_dir), "-m", "fast", "-w", "stop", timeout=60)
        shutil.rmtree(self.base, ignore_errors=True)
        self.base = None


def server_from_env() -> ExistingServer | None:
    url = os.environ.get(ENV_URL, "").strip()
    return ExistingServer(url) if url else None


if __name__ == "__main__":
    cluster = Cluster().start()
    print(cluster.admin_url, flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        cluster.stop()
