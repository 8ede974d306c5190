"""The reader workers shared fairly (issue 20, item 6): two near-limit workbooks used to hold both
workers and make every other upload wait with no limit.

One owner (an account, a browser session) reads one file at a time; its second file waits at most
the waiting limit, then is refused in words — and meanwhile another owner's file is read on the free
worker. Two owners holding both workers make a third wait no longer than the limit. An owner that has
used its hour's reading time is refused at once, saying for how long. The command line (no owner)
is not limited.
"""

from __future__ import annotations

import contextlib
import threading
import time

import pytest

from gender_targets import intake
from gender_targets.reading import FileRejected, read_workbook
from gender_targets.reading.sandbox import set_reader_owner, shutdown
from tests import wbfactory as wf

GOOD = wf.to_xlsx(wf.official_form())
SLOW_S = 4.0  # a worker that never answers is stopped after this many seconds (the "near-limit" file)


@pytest.fixture
def limits(monkeypatch):
    monkeypatch.setenv("GENDER_TARGETS_READERS", "2")
    monkeypatch.setenv("GENDER_TARGETS_READERS_PER_ACCOUNT", "1")
    monkeypatch.setenv("GENDER_TARGETS_READER_WAIT_SECONDS", "1")
    monkeypatch.setenv("GENDER_TARGETS_READER_BUDGET_SECONDS", "600")
    yield monkeypatch
    shutdown()


def _slow_read(owner: str, started: threading.Event) -> threading.Thread:
    """``owner`` sends a workbook that keeps its worker busy for ``SLOW_S`` seconds."""

    def run() -> None:
        set_reader_owner(owner)
        started.set()
        with contextlib.suppress(FileRejected):
            read_workbook(GOOD, _test_hook="sleep", seconds=SLOW_S)

    th = threading.Thread(target=run, daemon=True)
    th.start()
    started.wait(5)
    time.sleep(0.5)  # its worker is taken
    return th


def _read_as(owner: str | None) -> tuple[object, float]:
    box: list = []

    def run() -> None:
        set_reader_owner(owner)
        start = time.monotonic()
        try:
            box.append((read_workbook(GOOD), time.monotonic() - start))
        except FileRejected as exc:
            box.append((exc, time.monotonic() - start))

    th = threading.Thread(target=run)
    th.start()
    th.join(60)
    return box[0]


def test_one_account_cannot_hold_every_worker(limits):
    slow = _slow_read("account:ke-xau", threading.Event())
    second, waited = _read_as("account:ke-xau")
    assert isinstance(second, FileRejected) and second.params["message_key"] == "issue.reader_busy"
    assert waited < SLOW_S  # refused after the waiting limit, not after the other file
    other, _ = _read_as("account:lan")  # the other worker is free for everybody else
    assert not isinstance(other, FileRejected) and other.header is not None
    slow.join(30)


def test_two_accounts_holding_both_workers_make_a_third_wait_no_longer_than_the_limit(limits):
    a = _slow_read("account:a", threading.Event())
    b = _slow_read("account:b", threading.Event())
    third, waited = _read_as("account:lan")
    assert isinstance(third, FileRejected) and third.params["message_key"] == "issue.reader_busy"
    assert 0.9 <= waited < SLOW_S
    a.join(30)
    b.join(30)
    after, _ = _read_as("account:lan")  # and reads again once they are done
    assert not isinstance(after, FileRejected)


def test_an_hours_share_used_is_refused_at_once_in_words(limits, sample_register):
    limits.setenv("GENDER_TARGETS_READER_BUDGET_SECONDS", "1")
    _slow_read("account:ke-xau", threading.Event()).join(30)  # four seconds of reading spent
    refused, waited = _read_as("account:ke-xau")
    assert isinstance(refused, FileRejected) and refused.params["message_key"] == "issue.reader_quota"
    assert waited < 0.5 and refused.params["minutes"] >= 59
    set_reader_owner("account:ke-xau")
    try:
        report = intake.check_file(GOOD, "bao_cao.xlsx", sample_register)
    finally:
        set_reader_owner(None)
    assert [i.code for i in report.issues] == ["unreadable_file"] and not report.submissions
    words = report.issues[0].message_vi
    assert "một giờ" in words and "phút" in words and "{" not in words, words
    ok, _ = _read_as("account:mai")  # another account is not affected
    assert not isinstance(ok, FileRejected)


def test_the_command_line_is_not_limited(limits):
    limits.setenv("GENDER_TARGETS_READER_BUDGET_SECONDS", "0")
    result, _ = _read_as(None)
    assert not isinstance(result, FileRejected)
