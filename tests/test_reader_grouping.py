"""The reader builds every submission from one sorted frame and keeps that frame for
``FileReport.stacked_bodies`` and the history warnings (national-scale speed, issue 13): the
results must be those of the plain per-submission path."""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
import pytest
from openpyxl import Workbook

from gender_targets.periods import Period
from gender_targets.sample import HISTORY_FILE, SAMPLE_DIR
from gender_targets.schema import BODY_COLUMNS, COUNT_COLUMNS, BodyType
from gender_targets.template import LONG_LAYOUT_HEADER
from gender_targets.units import load_register
from gender_targets.validation.history import _first_rows
from gender_targets.validation.report import FileReport
from gender_targets.workbook import read_submissions

TODAY = dt.date(2026, 11, 24)


@pytest.fixture(scope="module")
def register():
    return load_register((SAMPLE_DIR / "units.csv").read_bytes())


@pytest.fixture(scope="module")
def history(register) -> FileReport:
    report = read_submissions((SAMPLE_DIR / HISTORY_FILE).read_bytes(), HISTORY_FILE, register, TODAY)
    assert report.ok and len(report.submissions) > 50
    return report


def _plain(report: FileReport) -> FileReport:
    """The same submissions in a report the reader did not build (no kept frame)."""
    return FileReport(report.file, report.sha256, report.size, list(report.submissions), list(report.issues))


def test_kept_stacked_frame_equals_the_one_stacked_from_the_submissions(history):
    assert history.reader_stacked() is not None
    assert _plain(history).reader_stacked() is None
    pd.testing.assert_frame_equal(history.stacked_bodies(), _plain(history).stacked_bodies())


def test_first_rows_from_the_kept_frame_equal_the_per_submission_ones(history):
    fast = _first_rows(history)
    assert fast == _first_rows(_plain(history))
    assert all(isinstance(v, int) for v in fast.values())


def test_a_changed_submission_list_is_stacked_anew(history):
    report = _plain(history)
    report.remember_stacked(history.reader_stacked())
    report.submissions = report.submissions[1:]
    assert report.reader_stacked() is None
    stacked = report.stacked_bodies()
    assert stacked["k"].max() == len(report.submissions) - 1
    assert len(stacked) == sum(len(s.bodies) for s in report.submissions)


def test_each_submission_owns_its_frame(history):
    report = _plain(history)
    report.remember_stacked(history.reader_stacked().copy())
    first, second = report.submissions[0].bodies.copy(), report.submissions[1].bodies.copy()
    before = report.stacked_bodies()
    bodies = history.submissions[0].bodies
    assert list(bodies.columns) == [*BODY_COLUMNS, "source_row"]
    assert bodies.index.equals(pd.RangeIndex(len(bodies)))
    assert all(bodies[c].dtype == "int64" for c in [*COUNT_COLUMNS, "source_row"])
    stacked = report.stacked_bodies()
    stacked.loc[0, "pool_total"] = 10**6  # a copy: the kept frame is unchanged
    pd.testing.assert_frame_equal(report.stacked_bodies(), before)
    pd.testing.assert_frame_equal(report.submissions[0].bodies, first)
    pd.testing.assert_frame_equal(report.submissions[1].bodies, second)


def _interleaved_workbook() -> bytes:
    """Rows of two units and two quarters in a scrambled order, a duplicate name in another quarter."""
    types = list(BodyType)
    rows = [
        ("P-B", "2025Q2", "Cơ quan 1"),
        ("P-A", "2025Q3", "Cơ quan 2"),
        ("P-B", "2025Q1", "Cơ quan 3"),
        ("P-A", "2025Q2", "Cơ quan 4"),
        ("P-A", "2025Q3", "Cơ quan 1"),
        ("P-B", "2025Q2", "Cơ quan 5"),
        ("P-A", "2025Q2", "Cơ quan 6"),
        ("P-B", "2025Q1", "Cơ quan 7"),
        ("P-A", "2025Q3", "Cơ quan 8"),
    ]
    wb = Workbook()
    ws = wb.active
    ws.title = "Tổng hợp"
    ws.append(LONG_LAYOUT_HEADER)
    for i, (unit, period, name) in enumerate(rows):
        ws.append([unit, period, name, types[i % len(types)].value, 1 + i % 3, i % 2, 5 + i, 2 + i % 4, 1, f"n{i}"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_submissions_are_sorted_and_keep_the_file_order_within_one():
    reg = load_register(
        b"code,name,kind,parent,valid_from,valid_to,successor,note\n"
        b"KV,Khu vuc,khu vuc,,,,,\nP-A,phuong A,phuong,KV,,,,\nP-B,phuong B,phuong,KV,,,,\n"
    )
    report = read_submissions(_interleaved_workbook(), "tong_hop.xlsx", reg, TODAY)
    assert report.ok, [i.message("en") for i in report.errors]
    keys = [(s.unit, str(s.period)) for s in report.submissions]
    assert keys == [("P-A", "2025Q2"), ("P-A", "2025Q3"), ("P-B", "2025Q1"), ("P-B", "2025Q2")]
    rows = {k: s.bodies["source_row"].tolist() for k, s in zip(keys, report.submissions, strict=True)}
    assert rows == {
        ("P-A", "2025Q2"): [5, 8],
        ("P-A", "2025Q3"): [3, 6, 10],
        ("P-B", "2025Q1"): [4, 9],
        ("P-B", "2025Q2"): [2, 7],
    }
    assert report.submissions[1].bodies["body_name"].tolist() == ["Cơ quan 2", "Cơ quan 1", "Cơ quan 8"]
    assert report.submissions[1].bodies["note"].tolist() == ["n1", "n4", "n8"]
    assert report.submissions[0].period == Period(2025, 2)
    pd.testing.assert_frame_equal(report.stacked_bodies(), _plain(report).stacked_bodies())
    assert _first_rows(report) == {k: min(v) for k, v in rows.items()}
