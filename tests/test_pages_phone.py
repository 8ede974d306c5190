"""AppTest of the phone pages (issue 23): the entry cards (a letter refused at its field, "Giống
quý trước", an empty field asked about, a removal confirmed), the signed report required by an
admin, and the review beside the previous quarter with the attachment."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from streamlit.testing.v1 import AppTest

from gender_targets.i18n import t
from gender_targets.schema import COUNT_COLUMNS
from gender_targets.store import open_store
from tests.conftest import app_on_copy, sample_store

ROOT = Path(__file__).resolve().parents[1]
PW = "mat-khau-dai"
BASE = "entry_X-HM_2026Q3"


@pytest.fixture(scope="module")
def sample_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("phone_sample") / "sample.db"
    with sample_store(path) as store:
        store.add_account("boss", "admin", PW)
        store.add_account("duyet", "reviewer", PW, display_name="Anh Duyệt")
        store.add_account("xahm", "unit", PW, units=["X-HM"], display_name="Hội LHPN xã Hóc Môn")
    return path


@pytest.fixture
def db(sample_file, tmp_path, monkeypatch) -> Path:
    return app_on_copy(sample_file, tmp_path, monkeypatch)


def run(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def signed_in(username: str, page: str) -> AppTest:
    at = run(AppTest.from_file(str(ROOT / "app.py"), default_timeout=90))
    at.text_input(key="login_username").input(username)
    at.text_input(key="login_password").input(PW)
    at.button[0].click()
    run(at)
    run(at)  # the browser reloads the app after a sign-in
    at.switch_page(f"pages/{page}.py")
    return run(at)


def errors(at: AppTest) -> list[str]:
    """The error messages shown, without the escapes that keep them out of markdown."""
    return [e.value.replace("\\", "") for e in at.error]


def pdf() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (60, 80), "white").save(buf, "PDF")
    return buf.getvalue()


def test_the_cards_of_a_quarter(db):
    at = signed_in("xahm", "entry")
    cards = [c for c in at.text_input if c.key.startswith(f"{BASE}_cnt_") and c.key.endswith("_key_leaders")]
    assert len(cards) == 17 and all(c.value == "" for c in cards)  # her agencies, nothing filled in for her
    at.text_input(key=f"{BASE}_cnt_0_key_leaders").input("2a")
    run(at)
    assert t("error.entry_not_a_number", "vi", value="2a") in errors(at)  # at the field, on the spot
    # a number too large for a count is said, not cut to six digits without a word
    at.text_input(key=f"{BASE}_cnt_0_key_leaders").input("99999999999999999999")
    run(at)
    assert at.text_input(key=f"{BASE}_cnt_0_key_leaders").value == "99999999999999999999"
    assert any("99999999999999999999" in e for e in errors(at)), errors(at)
    at.text_input(key=f"{BASE}_cnt_0_key_leaders").input("2")
    run(at)
    assert not errors(at)
    # to another page and back: what she typed is still there
    at.switch_page("pages/overview.py")
    run(at)
    at.switch_page("pages/entry.py")
    run(at)
    assert at.text_input(key=f"{BASE}_cnt_0_key_leaders").value == "2"
    assert at.text_input(key=f"{BASE}_0_name").value == "HĐND xã"
    at.button(key=f"{BASE}_same_all").click()
    run(at)
    assert at.text_input(key=f"{BASE}_cnt_0_key_leaders").value == "2"  # what she typed stays
    assert all(at.text_input(key=f"{BASE}_cnt_{r}_{c}").value != "" for r in range(17) for c in COUNT_COLUMNS)

    # one field emptied: asked before sending; "go back" stores nothing
    at.text_input(key=f"{BASE}_cnt_5_pool_female_trained").input("")
    run(at)
    at.button(key="entry_send").click()
    run(at)
    asked = [w.value for w in at.warning]
    assert any(t("phone.entry.blanks_question", "vi", n=1) in w for w in asked), asked
    at.button(key="entry_confirm_no").click()
    run(at)
    s = open_store(db)
    assert s.review_queue().empty
    s.close()
    # a removal is confirmed first
    at.button(key=f"{BASE}_remove_16").click()
    run(at)
    assert any("Xoá cơ quan" in w.value for w in at.warning)
    at.button(key=f"{BASE}_remove_yes_16").click()
    run(at)
    assert f"{BASE}_cnt_16_key_leaders" not in {w.key for w in at.text_input}
    # sent: the empty field is 0 because she said so
    at.button(key="entry_send").click()
    run(at)
    at.button(key="entry_confirm_yes").click()
    run(at)
    s = open_store(db)
    try:
        [sid] = s.review_queue()["id"].tolist()
        rows = s.submission_bodies(sid)
    finally:
        s.close()
    assert len(rows) == 16 and int(rows.loc[0, "key_leaders"]) == 2 and int(rows.loc[5, "pool_female_trained"]) == 0
    assert at.success and "X-HM" in at.success[0].value


def test_an_admin_requires_the_signed_report_and_the_reviewer_sees_it(db):
    at = signed_in("boss", "admin")
    at.toggle(key="admin_attach_required").set_value(True)
    run(at)
    s = open_store(db)
    assert s.attachment_required()
    s.close()

    at = signed_in("xahm", "entry")
    at.button(key=f"{BASE}_same_all").click()
    run(at)
    at.button(key="entry_send").click()
    run(at)
    assert t("error.attachment_required", "vi") in errors(at)
    at.file_uploader(key=f"{BASE}_attach").set_value([("bao-cao.pdf", pdf(), "application/pdf")])
    run(at)
    at.button(key="entry_send").click()
    run(at)
    assert at.success

    at = signed_in("duyet", "review")
    s = open_store(db)
    [sid] = s.review_queue()["id"].tolist()
    s.close()
    shown = [m.value.replace("\\", "") for m in at.markdown]
    assert any("bao-cao.pdf" in m for m in shown), shown
    assert any(t("phone.review.beside", "vi", period="Quý II/2026") in m for m in shown), shown
    assert f"review_attachment_{sid}" in {b.key for b in at.get("download_button")}
    [agencies] = [d.value for d in at.dataframe if t("phone.review.h_change", "vi") in d.value.columns]
    assert len(agencies) == 17 and set(agencies[t("phone.review.h_change", "vi")]) == {
        t("phone.review.status_same", "vi")
    }

    # listed in the history of the admin page
    at = signed_in("boss", "admin")
    [history] = [d.value for d in at.dataframe if t("phone.admin.h_attachment", "vi") in d.value.columns]
    assert "bao-cao.pdf" in set(history[t("phone.admin.h_attachment", "vi")])


def test_a_reviewer_sees_what_accepting_a_resent_quarter_replaces(db):
    """A commune sends last year's quarter again (a wrong file): the review says the quarter has
    accepted numbers that accepting replaces, and lays the two side by side."""
    from gender_targets import intake
    from gender_targets.accounts import Account, Role
    from gender_targets.periods import Period
    from gender_targets.template import make_template
    from tests.campaign_helpers import fill_counts

    s = open_store(db)
    try:
        data = fill_counts(make_template(s.register(), "X-HM", Period(2026, 2)))
        unit = Account(username="xahm", role=Role.UNIT, units=("X-HM",))
        assert intake.import_upload(s, data, "X-HM_2026Q2.xlsx", actor=unit).ok
        [accepted] = set(s.active_bodies(units=["X-HM"], periods=["2026Q2"])["submission_id"])
    finally:
        s.close()
    at = signed_in("duyet", "review")
    warned = [w.value.replace("\\", "") for w in at.warning]
    expected = t("phone.review.replaces", "vi", period="Quý II/2026", id=int(accepted))
    assert any(expected in w for w in warned), warned
    shown = [m.value.replace("\\", "") for m in at.markdown]
    assert any(t("phone.review.beside_same", "vi", period="Quý II/2026") in m for m in shown), shown
    [agencies] = [d.value for d in at.dataframe if t("phone.review.h_change", "vi") in d.value.columns]
    assert t("phone.review.status_changed", "vi") in set(agencies[t("phone.review.h_change", "vi")])


def test_what_she_typed_survives_a_reload_and_goes_once_she_sends(db):
    """A phone drops a background tab and reloads it (a new session): the numbers she typed are put
    back, said so, until she sends them or starts again."""
    at = signed_in("xahm", "entry")
    at.text_input(key=f"{BASE}_cnt_0_key_leaders").input("7")
    run(at)
    at.text_input(key=f"{BASE}_cnt_1_pool_total").input("12")
    run(at)

    again = signed_in("xahm", "entry")  # the reload: a new session, nothing in its state
    assert again.text_input(key=f"{BASE}_cnt_0_key_leaders").value == "7"
    assert again.text_input(key=f"{BASE}_cnt_1_pool_total").value == "12"
    assert any(t("phone.entry.draft_back", "vi", when="")[:30] in i.value for i in again.info)

    # another account (another unit's officer) never sees it
    s = open_store(db)
    try:
        assert s.draft(None, "X-HM", "2026Q3") is None  # keyed by her account
    finally:
        s.close()

    # "start again": the cards as they were, the draft gone
    again.button(key=f"{BASE}_draft_drop").click()
    run(again)
    assert again.text_input(key=f"{BASE}_cnt_0_key_leaders").value == ""
    third = signed_in("xahm", "entry")
    assert third.text_input(key=f"{BASE}_cnt_0_key_leaders").value == ""
    assert not any(t("phone.entry.draft_back", "vi", when="")[:30] in i.value for i in third.info)

    # typed, then sent: nothing to put back afterwards
    third.text_input(key=f"{BASE}_cnt_0_key_leaders").input("3")
    run(third)
    third.button(key=f"{BASE}_same_all").click()
    run(third)
    third.button(key="entry_send").click()
    run(third)
    if "entry_confirm_yes" in {b.key for b in third.button}:
        third.button(key="entry_confirm_yes").click()
        run(third)
    assert third.success, [e.value for e in third.error]
    s = open_store(db)
    try:
        from gender_targets.accounts import Account, Role

        assert s.draft(Account(username="xahm", role=Role.UNIT, units=("X-HM",)), "X-HM", "2026Q3") is None
    finally:
        s.close()
