"""What came before (issue 23): a submission beside the previous accepted quarter, agency by agency;
a submission that repeats a returned one (the same file, or the same numbers); and the store's reads
a review and a unit's page need (returned, pending, the reviewer's name)."""

from __future__ import annotations

import pandas as pd
import pytest

from gender_targets import intake
from gender_targets.accounts import Account, Role
from gender_targets.changes import accepted_bodies, compare_bodies, returned_twin, same_bodies
from gender_targets.periods import Period
from gender_targets.schema import COUNT_COLUMNS
from gender_targets.store import open_store
from tests.store_workers import TODAY, csv_file, fake_check_file, make_register, make_rows

Q = Period(2026, 2)
UNIT = Account(username="xa", role=Role.UNIT, units=("U00",))
REVIEWER = Account(username="duyet", role=Role.REVIEWER)


def bodies(*rows) -> pd.DataFrame:
    return pd.DataFrame(
        [{"body_name": n, "body_type": t, "note": ""} | dict(zip(COUNT_COLUMNS, c, strict=True)) for n, t, c in rows]
    )


def test_agency_by_agency_beside_the_previous_quarter():
    before = bodies(
        ("HĐND xã", "HĐND", (2, 1, 6, 3, 2)),
        ("UBND xã", "UBND", (4, 1, 14, 5, 4)),
        ("Trạm Y tế", "Đơn vị sự nghiệp", (2, 1, 5, 4, 0)),
    )
    now = bodies(
        ("UBND  XÃ", "UBND", (4, 2, 14, 5, 4)),  # the same agency, written differently; one count changed
        ("HĐND xã", "HĐND", (2, 1, 6, 3, 2)),
        ("Phòng Kinh tế", "Cơ quan chuyên môn", (3, 0, 8, 3, 3)),
    )
    frame = compare_bodies(now, before)
    got = dict(zip(frame["body_name"], frame["status"], strict=True))
    assert got == {"UBND  XÃ": "changed", "HĐND xã": "same", "Phòng Kinh tế": "new", "Trạm Y tế": "missing"}
    ubnd = frame.set_index("body_name").loc["UBND  XÃ"]
    assert ubnd["changed_fields"] == ["key_leaders_female"]
    assert (ubnd["key_leaders_female"], ubnd["key_leaders_female_before"]) == (2, 1)
    gone = frame.set_index("body_name").loc["Trạm Y tế"]
    assert pd.isna(gone["key_leaders"]) and gone["key_leaders_before"] == 2
    assert frame["body_name"].tolist()[-1] == "Trạm Y tế"  # the missing ones after this quarter's
    assert compare_bodies(now, None)["status"].tolist() == ["new"] * 3


def test_the_same_numbers_in_any_order():
    a = bodies(("HĐND xã", "HĐND", (2, 1, 6, 3, 2)), ("UBND xã", "UBND", (4, 1, 14, 5, 4)))
    assert same_bodies(a, a.iloc[::-1].reset_index(drop=True))
    assert same_bodies(a, a.assign(body_name=["hđnd  XÃ", "UBND xã"]))
    changed = a.copy()
    changed.loc[1, "pool_female"] = 6
    assert not same_bodies(a, changed)
    assert not same_bodies(a, a.iloc[:1])


@pytest.fixture
def store(db_url, monkeypatch):
    monkeypatch.setattr(intake, "check_file", fake_check_file)
    s = open_store(db_url)
    s.save_register(make_register(3), by="setup")
    s.add_account("duyet", "reviewer", "mat-khau-dai", display_name="Anh Duyệt")
    yield s
    s.close()


def test_a_submission_that_repeats_a_returned_one(store):
    data = csv_file(make_rows(["U00"], [Q], seed=1))
    first = intake.import_upload(store, data, "q.csv", today=TODAY, actor=UNIT).ids[("U00", str(Q))]
    assert len(store.pending_for([("U00", str(Q))])) == 1 and store.pending_for([("U01", str(Q))]).empty
    store.return_submission(first, "Số nữ của UBND chưa đúng", actor=REVIEWER)
    returned = store.returned_for("U00", str(Q))
    assert returned["id"].tolist() == [first]
    assert returned.loc[0, "reviewer_name"] == "Anh Duyệt" and returned.loc[0, "reviewed_by"] == "duyet"
    assert store.display_names()["duyet"] == "Anh Duyệt"
    assert store.returned_with_file(["U00"], intake.sha256_of(data))["id"].tolist() == [first]
    # the same file again: found by its bytes
    report = intake.check_upload(data, "q.csv", store=store, today=TODAY)
    sub = report.submissions[0]
    twin = returned_twin(report.sha256, sub.bodies, returned, store.submission_bodies)
    assert (twin.how, twin.id, twin.reviewer, twin.comment) == ("file", first, "Anh Duyệt", "Số nữ của UBND chưa đúng")
    # the same numbers in another file (a web form makes a new file each time): found by its numbers
    twin = returned_twin("another-sha", sub.bodies, returned, store.submission_bodies)
    assert twin.how == "numbers"
    # corrected numbers: nothing to flag
    other = intake.check_upload(csv_file(make_rows(["U00"], [Q], seed=9)), "q2.csv", store=store, today=TODAY)
    assert returned_twin(other.sha256, other.submissions[0].bodies, returned, store.submission_bodies) is None
    assert returned_twin("x", sub.bodies, returned.iloc[0:0], store.submission_bodies) is None


def test_a_resent_quarter_is_compared_with_its_own_accepted_numbers(store):
    """A unit sends a quarter that already has accepted numbers (last year's file by mistake): the
    reviewer compares with what accepting would replace, not with 'nothing before'."""
    accepted = intake.import_upload(store, csv_file(make_rows(["U00"], [Q], seed=1)), "q.csv", today=TODAY)
    assert accepted.ok
    resent = intake.import_upload(store, csv_file(make_rows(["U00"], [Q], seed=5)), "r.csv", today=TODAY, actor=UNIT)
    sid = resent.ids[("U00", str(Q))]
    stored = store.active_bodies(units=["U00"])
    same = accepted_bodies(stored, "u00", str(Q))
    assert len(same) and set(same["submission_id"]) == {accepted.ids[("U00", str(Q))]}
    assert accepted_bodies(stored, "U00", Period(2026, 3)).empty and accepted_bodies(None, "U00", Q).empty
    frame = compare_bodies(store.submission_bodies(sid), same)
    assert "changed" in set(frame["status"])  # the new numbers beside the accepted ones
