"""What an attacker uses against the running app: Streamlit servers on loopback, and a bare
websocket client that speaks Streamlit's own protocol (protobuf ``BackMsg`` / ``ForwardMsg`` over
``/_stcore/stream``) with no browser, no cookie unless given one, and no page ever loaded.

- ``start_app(workdir, db, …)``: ``streamlit run app.py`` on a free loopback port (the working tree,
  ``GENDER_TARGETS_DB=db``); ``App.stop()`` ends it with SIGTERM (a clean shutdown).
- ``Client(app)``: one websocket session. ``run(page)`` asks for a script run as a browser's first
  visit to ``/<page>`` does and returns every element the server sent (``Run``) until the run (and
  the reruns it asked for, such as a redirect to the sign-in page) finished; ``clear_cache()``
  sends ``BackMsg(clear_cache=True)``; ``submit(run, values, button)`` fills widgets by their label
  and presses a button, as the browser would.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.sync.client import connect

ROOT = Path(__file__).resolve().parents[2]
HEALTH_TIMEOUT = 90.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class App:
    url: str
    proc: subprocess.Popen
    log: Path

    def log_tail(self, n: int = 60) -> str:
        try:
            return "\n".join(self.log.read_text(encoding="utf-8", errors="replace").splitlines()[-n:])
        except OSError:
            return ""

    def stop(self) -> None:
        """SIGTERM, as a service manager stops it: Streamlit closes its sessions and exits."""
        if self.proc.poll() is not None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)


def start_app(workdir: Path, db: Path | str, *, sample: bool = False, env: dict | None = None) -> App:
    """``streamlit run app.py`` on a free loopback port with ``GENDER_TARGETS_DB=db``; waits for health."""
    workdir.mkdir(parents=True, exist_ok=True)
    log = workdir / f"streamlit-{time.monotonic_ns()}.log"
    full_env = dict(os.environ)
    full_env.update(
        GENDER_TARGETS_DB=str(db),
        GENDER_TARGETS_SAMPLE="1" if sample else "0",
        STREAMLIT_BROWSER_GATHER_USAGE_STATS="false",
        PYTHONUNBUFFERED="1",
    )
    full_env.update(env or {})
    last = ""
    for _attempt in range(3):  # a port taken between free_port() and bind(): another one
        port = free_port()
        cmd = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.address", "127.0.0.1"]
        cmd += ["--server.port", str(port), "--server.headless", "true", "--browser.gatherUsageStats", "false"]
        with log.open("ab") as out:
            proc = subprocess.Popen(cmd, cwd=ROOT, env=full_env, stdout=out, stderr=subprocess.STDOUT)
        app = App(f"http://127.0.0.1:{port}", proc, log)
        deadline = time.monotonic() + HEALTH_TIMEOUT
        while time.monotonic() < deadline and proc.poll() is None:
            with contextlib.suppress(OSError), urllib.request.urlopen(app.url + "/_stcore/health", timeout=2) as resp:
                if resp.status == 200:
                    return app
            time.sleep(0.2)
        last = app.log_tail()
        app.stop()
        if "is not available" not in last:
            break
    raise RuntimeError(f"streamlit did not start:\n{last}")


# -- what the server sent ---------------------------------------------------------------------------
@dataclass
class Element:
    kind: str  # the element's proto field: "markdown", "heading", "alert", "text_input", "arrow_data_frame", …
    text: str  # its body or label
    proto: object = field(repr=False, default=None)


@dataclass
class Run:
    elements: list[Element]
    messages: list[ForwardMsg] = field(repr=False, default_factory=list)

    def navigations(self) -> list[set[str]]:
        """The page addresses of every navigation the server sent during the run (Streamlit's
        pages/ directory mode sends one naming every file of pages/, e.g. ``data``)."""
        return [
            {p.url_pathname for p in m.navigation.app_pages}
            for m in self.messages
            if m.WhichOneof("type") == "navigation"
        ]

    def directory_mode(self) -> bool:
        """True when this run started in Streamlit's pages/ directory mode (a fresh server's first
        visit): its navigation names ``data``, a page file that app.py registers as ``du-lieu``."""
        return any("data" in names for names in self.navigations())

    def kinds(self) -> set[str]:
        return {e.kind for e in self.elements}

    def texts(self) -> list[str]:
        return [e.text for e in self.elements if e.text]

    def widget(self, kind: str, label: str):
        """The proto of the last ``kind`` element (``text_input``, ``button``, …) whose label is ``label``."""
        found = [e.proto for e in self.elements if e.kind == kind and e.text == label]
        if not found:
            raise KeyError(f"no {kind} labelled {label!r} among {[(e.kind, e.text) for e in self.elements]}")
        return found[-1]

    def has_text(self, words: str) -> bool:
        return any(words in t for t in self.texts())


_TEXT_FIELDS = ("body", "label", "text", "title")


def _element(el) -> Element:
    kind = el.WhichOneof("type") or ""
    inner = getattr(el, kind, None) if kind else None
    text = ""
    for name in _TEXT_FIELDS:
        value = getattr(inner, name, None) if inner is not None else None
        if isinstance(value, str) and value:
            text = value
            break
    return Element(kind, text, inner)


class Client:
    """One websocket session on ``app``, with the cookie header given (none: a stranger)."""

    def __init__(self, app: App, cookie: str = "", origin: bool = False) -> None:
        headers = {"Cookie": cookie} if cookie else {}
        if origin:
            headers["Origin"] = app.url
        ws_url = app.url.replace("http://", "ws://") + "/_stcore/stream"
        self.ws = connect(
            ws_url, subprotocols=["streamlit"], additional_headers=headers, max_size=None, open_timeout=30, legacy=True
        )
        self.page_name = ""
        self.page_hash = ""  # the page the server says this session is on (its last navigation)
        self.query = ""
        self.session_id = ""

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.ws.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def send(self, back: BackMsg) -> None:
        self.ws.send(back.SerializeToString())

    def clear_cache(self) -> None:
        """What any client may send: clear every ``st.cache_data`` and ``st.cache_resource`` of the server."""
        self.send(BackMsg(clear_cache=True))

    def run(
        self, page: str = "", query: str = "", widget_states=None, timeout: float = 120, page_hash: str = ""
    ) -> Run:
        """A script run as a browser's visit to ``/<page>?<query>`` asks for; every element sent until
        the run and the reruns it triggered have finished."""
        self.page_name, self.query = page, query
        back = BackMsg()
        back.rerun_script.query_string = query
        back.rerun_script.page_name = page
        if page_hash:
            back.rerun_script.page_script_hash = page_hash
        if widget_states is not None:
            back.rerun_script.widget_states.CopyFrom(widget_states)
        self.send(back)
        return self.collect(timeout)

    def collect(self, timeout: float = 120) -> Run:
        elements: list[Element] = []
        messages: list[ForwardMsg] = []
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"no end of run after {timeout} s; got {[(e.kind, e.text) for e in elements]}")
            try:
                raw = self.ws.recv(timeout=left)
            except TimeoutError:
                continue
            msg = ForwardMsg()
            msg.ParseFromString(raw)
            messages.append(msg)
            kind = msg.WhichOneof("type")
            if kind == "new_session":
                self.session_id = msg.new_session.initialize.session_id or self.session_id
            elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                elements.append(_element(msg.delta.new_element))
            elif kind == "page_info_changed":
                self.query = msg.page_info_changed.query_string
            elif kind == "navigation":
                self.page_hash = msg.navigation.page_script_hash or self.page_hash
            elif kind == "script_finished" and msg.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                return Run(elements, messages)

    def submit(self, run: Run, values: dict[str, str], button: str, timeout: float = 120) -> Run:
        """Type ``values`` (label → text) into the text inputs of ``run`` and press the button labelled
        ``button`` (a form's submit button included), as the browser sends it."""
        from streamlit.proto.WidgetStates_pb2 import WidgetStates

        states = WidgetStates()
        for label, value in values.items():
            w = states.widgets.add()
            w.id = run.widget("text_input", label).id
            w.string_value = value
        w = states.widgets.add()
        w.id = run.widget("button", button).id
        w.trigger_value = True
        return self.run(self.page_name, self.query, states, timeout, page_hash=self.page_hash)

    def backend_operation(self, timeout: float = 120, **request) -> ForwardMsg:
        """Send a ``backend_operation_request`` (``deferred_file={"file_id": …}``: what a download
        button sends when pressed) and return the server's answer."""
        back = BackMsg()
        op = back.backend_operation_request
        op.request_id = f"r{time.monotonic_ns()}"
        op.session_id = self.session_id
        for name, fields in request.items():
            for key, value in fields.items():
                setattr(getattr(op, name), key, value)
        self.send(back)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            msg = ForwardMsg()
            msg.ParseFromString(self.ws.recv(timeout=max(0.1, deadline - time.monotonic())))
            if (
                msg.WhichOneof("type") == "backend_operation_response"
                and msg.backend_operation_response.request_id == op.request_id
            ):
                return msg
        raise TimeoutError("no answer to the backend operation")


def sign_in_cookie(app: App, username: str, password: str) -> str:
    """Sign in through the sign-in page as a browser would; the ``Cookie`` header the app's page
    script would then have set (session, and the device cookie)."""
    import re

    with Client(app) as c:
        form = c.run("")
        done = c.submit(form, {"Tên đăng nhập": username, "Mật khẩu": password}, "Đăng nhập")
    script = " ".join(e.text for e in done.elements if e.kind == "html")
    found = dict(re.findall(r"(gt_session|gt_device)=([A-Za-z0-9_-]+)", script))
    assert "gt_session" in found, done.texts()
    return "; ".join(f"{k}={v}" for k, v in found.items())
