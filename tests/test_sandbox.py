"""The reader's child process (reading/sandbox.py) and the hostile files it must survive.

Every test here asserts the exact issue code, that no message carries internal detail (exception
text, a path, "calamine", "Traceback"), and — where the child dies — that the parent lives on and
reads the next file.
"""

from __future__ import annotations

import datetime as dt
import os
import re

import pytest

from gender_targets import intake
from gender_targets.reading import FileRejected, ReaderBug, read_workbook
from gender_targets.reading.container import inspect_file
from tests import wbfactory as wf

TODAY = dt.date(2026, 11, 24)
GOOD = wf.to_xlsx(wf.official_form())
INTERNAL = re.compile(r"(?i)traceback|calamine|error:|exception|/work/|/tmp/|\.py\b|panic|rust|0x[0-9a-f]{6}")


def clean(report) -> None:
    """No issue message shows internal detail."""
    for issue in report.issues:
        for text in (issue.message_vi, issue.message_en, issue.value):
            assert not INTERNAL.search(text), text


def check(register, data: bytes, name: str = "bao_cao.xlsx"):
    report = intake.check_file(data, name, register, today=TODAY)
    clean(report)
    return report


def assert_alive(register) -> None:
    """The parent still reads a good file, through a (possibly fresh) worker."""
    report = check(register, GOOD)
    assert report.ok, [i.message_en for i in report.errors]


def rejected(data: bytes, **kw) -> FileRejected:
    with pytest.raises(FileRejected) as err:
        read_workbook(data, **kw)
    return err.value


# ---- the hooks: the worker dies, sleeps, runs out of memory, has a bug ------------------------------


def test_abort_in_the_child_is_unreadable_and_the_parent_lives(sample_register):
    pid = os.getpid()
    err = rejected(GOOD, _test_hook="abort")
    assert err.code == "unreadable_file"
    assert os.getpid() == pid
    assert_alive(sample_register)


def test_a_child_that_never_answers_is_stopped(sample_register):
    err = rejected(GOOD, _test_hook="sleep", seconds=1)
    assert err.code == "file_too_large"
    assert "1" in str(err.params["limit"].en)
    assert_alive(sample_register)


def test_memory_cap_turns_a_huge_allocation_into_file_too_large(sample_register):
    err = rejected(GOOD, _test_hook="memory", memory_mb=512)
    assert err.code == "file_too_large"
    assert "memory" in err.params["detail"].en
    assert_alive(sample_register)


def test_a_bug_in_the_reader_is_not_hidden_as_a_damaged_file(sample_register, monkeypatch):
    with pytest.raises(ReaderBug, match="TypeError"):
        read_workbook(GOOD, _test_hook="type_error")
    monkeypatch.setenv("GENDER_TARGETS_STRICT_READING", "0")  # what a user gets: a plain sentence
    err = rejected(GOOD, _test_hook="type_error")
    assert err.code == "unreadable_file"
    assert "TypeError" not in err.params["detail"].vi + err.params["detail"].en
    assert_alive(sample_register)


def test_hooks_are_ignored_outside_tests(monkeypatch):
    monkeypatch.delenv("GENDER_TARGETS_TEST_HOOKS")
    assert read_workbook(GOOD, _test_hook="abort").header is not None


def test_in_process_reading_gives_the_same_cells():
    a = read_workbook(GOOD)
    b = read_workbook(GOOD, sandbox=False)
    assert [s.rows for s in a.sheets] == [s.rows for s in b.sheets]
    assert a.header.columns == b.header.columns


# ---- the crafted workbook: a sheet at an odd path with one cell at XFD1048576 --------------------------


@pytest.mark.parametrize("target", ["sheets/data.xml", "worksheets/sub/data.xml", "../xl/other/s.xml"])
def test_far_cell_in_a_moved_sheet_is_refused_before_parsing(sample_register, target):
    data = wf.xlsx_with_moved_sheet(target.replace("../xl/", ""))
    assert len(data) < 16_000
    with pytest.raises(FileRejected) as err:
        inspect_file(data)
    assert err.value.code == "file_too_large"
    report = check(sample_register, data)
    assert [i.code for i in report.issues] == ["file_too_large"]
    assert_alive(sample_register)


def test_the_sandbox_contains_what_the_prechecks_would_refuse(sample_register):
    """Without the container checks, calamine tries to lay out 17 billion cells: the worker dies
    (or is refused memory), the parent reports it and lives."""
    err = rejected(wf.xlsx_with_moved_sheet(), _test_hook="no_precheck")
    assert err.code in ("unreadable_file", "file_too_large")
    assert_alive(sample_register)


def test_a_moved_sheet_without_far_cells_still_reads(sample_register):
    report = check(sample_register, wf.xlsx_with_moved_sheet("sheets/data.xml", ref=None), "HM-BD_2024Q3.xlsx")
    assert report.ok, [i.message_en for i in report.errors]
    assert [len(s.bodies) for s in report.submissions] == [len(wf.BODIES)]


# ---- hostile files: the exact code, and words without internal detail ----------------------------------

HOSTILE = {
    "empty": (b"", "unreadable_file"),
    "text": (b"Ten co quan,So LDCC\nUBND,3\n", "unreadable_file"),
    "pdf": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "unreadable_file"),
    "truncated-xlsx": (GOOD[:3000], "unreadable_file"),
    "xml-bomb": (wf.xlsx_with_xml_bomb(), "unreadable_file"),
    "zip-bomb": (wf.zip_bomb(), "file_too_large"),
    "many-entries": (wf.zip_with_entries(10_001), "file_too_large"),
    "far-cells": (wf.far_cells_xlsx(), "file_too_large"),
    "far-row": (wf.xlsx_with_far_row(), "file_too_large"),
    "far-row-no-refs": (wf.xlsx_with_far_row(3_000_000, cell_refs=False), "file_too_large"),
    "moved-far-cell": (wf.xlsx_with_moved_sheet(), "file_too_large"),
    "string-count": (wf.xlsx_with_shared_string_count(), "unreadable_file"),
    "ods-repeats": (wf.ods_with_repeats(), "file_too_large"),
    "xls-dimensions": (wf.xls_with_dimensions(70, 5), "unreadable_file"),
    "encrypted-xlsx": (wf.encrypted_xlsx(GOOD), "encrypted_file"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_file_gets_its_code_and_plain_words(sample_register, case):
    data, code = HOSTILE[case]
    report = check(sample_register, data)
    assert [i.code for i in report.issues] == [code]
    assert not report.submissions
    issue = report.issues[0]
    assert issue.message_vi and issue.message_en and "{" not in issue.message_vi + issue.message_en
