"""AppTest of the sign-in gate and the account pages (SPEC §10): an anonymous visitor gets the
sign-in page only, a wrong password one generic sentence, each role the pages it may use; the
public view; a reviewer's queue; plain text for user content in messages."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from gender_targets.i18n import t
from gender_targets.store import open_store
from tests.conftest import app_on_copy, sample_store

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
UPLOAD = ROOT / "sample_data" / "upload_2026Q3" / "X-HM_2026Q3.xlsx"
PW = "mat-khau-dai"


@pytest.fixture(scope="module")
def sample_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("acc_sample") / "sample.db"
    with sample_store(path) as store:
        store.add_account("boss", "admin", PW, display_name="Chị Quản trị")
        store.add_account("xem", "viewer", PW)
        store.add_account("duyet", "reviewer", PW)
        store.add_account("xahm", "unit", PW, units=["X-HM"], display_name="Hội LHPN xã Hóc Môn")
    return path


@pytest.fixture
def db(sample_file, tmp_path, monkeypatch) -> Path:
    return app_on_copy(sample_file, tmp_path, monkeypatch)


def run(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def open_app() -> AppTest:
    return run(AppTest.from_file(str(APP), default_timeout=60))


def sign_in(at: AppTest, username: str, password: str = PW) -> AppTest:
    at.text_input(key="login_username").input(username)
    at.text_input(key="login_password").input(password)
    at.button[0].click()  # the form's submit button
    run(at)
    if any(s.value == t("ui.auth.signed_in", "vi") for s in at.success):
        run(at)  # the browser reloads the app after a sign-in (ui.auth.finish_sign_in)
    return at


def title(at: AppTest) -> str:
    return at.title[0].value if at.title else ""


def goto(at: AppTest, page: str) -> AppTest:
    at.switch_page(f"pages/{page}.py")
    return run(at)


def test_anonymous_visitor_gets_the_sign_in_page_only(db):
    at = open_app()
    assert title(at) == t("ui.auth.title", "vi")
    for page in ("upload", "admin", "review", "entry", "overview", "data"):
        goto(at, page)  # a link to any page leads to the sign-in form
        assert title(at) == t("ui.auth.title", "vi"), page
        assert not at.file_uploader


def test_wrong_password_and_unknown_name_say_the_same(db):
    at = sign_in(open_app(), "boss", "sai-mat-khau")
    wrong_pw = [e.value for e in at.error]
    at = sign_in(open_app(), "khong-co", "sai-mat-khau")
    assert [e.value for e in at.error] == wrong_pw == [t("error.sign_in_failed", "vi", minutes=15)]


def test_lockout_is_said_in_words(db):
    at = open_app()
    for _ in range(5):
        at = sign_in(at, "xem", "sai-mat-khau")
    assert "15 phút" in at.error[0].value
    at = sign_in(at, "xem")  # the right password during the lock
    assert "phút" in at.error[0].value and title(at) == t("ui.auth.title", "vi")


@pytest.mark.parametrize(
    ("user", "pages", "hidden"),
    [
        ("xem", ["overview", "data"], ["upload", "admin", "review", "entry"]),
        ("xahm", ["overview", "upload", "entry"], ["admin", "review"]),
        ("duyet", ["upload", "review", "admin"], ["entry"]),
        ("boss", ["upload", "review", "admin"], ["entry"]),
    ],
)
def test_each_role_gets_its_pages(db, user, pages, hidden):
    at = sign_in(open_app(), user)
    assert title(at) == t("ui.overview.title", "vi") or at.title  # signed in: the default page
    for page in pages:
        goto(at, page)
        assert not at.error or page == "upload", (page, [e.value for e in at.error])
    for page in hidden:
        goto(at, page)  # hidden from the sidebar; by its link: a refusal in words, nothing else
        assert [e.value for e in at.error] == [t("ui.auth.page_forbidden", "vi")], page
        assert not at.file_uploader and not at.title


def test_reviewer_sees_history_but_not_the_admin_tabs(db):
    at = goto(sign_in(open_app(), "duyet"), "admin")
    assert len(at.tabs) == 2 and "admin_register_upload" not in {w.key for w in at.file_uploader}
    at = goto(sign_in(open_app(), "boss"), "admin")
    assert len(at.tabs) == 8  # history, completeness, register, targets, backup, sample, users, activity log
    assert "admin_users_table" in {d.key for d in at.dataframe} or len(at.dataframe) >= 6


def test_sign_out(db):
    at = sign_in(open_app(), "xem")
    at.button(key="auth_sign_out").click()
    at = run(at)
    assert title(at) == t("ui.auth.title", "vi")


def test_public_view_opens_the_dashboards_read_only(db):
    s = open_store(db)
    s.set_public_view(True)
    s.close()
    at = open_app()
    assert title(at) == t("ui.overview.title", "vi")
    goto(at, "upload")  # a write page: sign in first
    assert title(at) == t("ui.auth.title", "vi") and not at.file_uploader


def test_unit_upload_goes_to_review_and_the_reviewer_accepts(db):
    at = goto(sign_in(open_app(), "xahm"), "upload")
    at.file_uploader(key="upload_files").set_value([(UPLOAD.name, UPLOAD.read_bytes(), "application/octet-stream")])
    at = run(at)
    assert at.text_input(key="upload_by_account").value == "Hội LHPN xã Hóc Môn"  # no free text
    at.button(key="upload_store").click()
    at = run(at)
    assert any("chờ duyệt" in s.value for s in at.success)
    s = open_store(db)
    [sid] = s.review_queue()["id"].tolist()
    s.close()
    at = goto(sign_in(open_app(), "duyet"), "review")
    assert t("ui.review.count", "vi", n=1) in [m.value for m in at.markdown]
    at.button(key=f"review_accept_{sid}").click()
    at = run(at)
    s = open_store(db)
    assert s.history().set_index("id").at[sid, "status"] == "active"
    assert s.history().set_index("id").at[sid, "reviewed_by"] == "duyet"
    s.close()


def test_unit_upload_for_another_unit_is_refused_in_words(db):
    other = ROOT / "sample_data" / "upload_2026Q3" / "X-DT 2026 Q3.xlsx"
    at = goto(sign_in(open_app(), "xahm"), "upload")
    at.file_uploader(key="upload_files").set_value([(other.name, other.read_bytes(), "application/octet-stream")])
    at = run(at)
    listed = " ".join(str(v) for tb in at.table for v in tb.value.to_numpy().ravel())  # the file's issues
    listed = listed.replace("\\", "").replace("\u2060", "")
    assert "X-DT" in listed and "X-HM" in listed and at.error
    assert "upload_store" not in {b.key for b in at.button}
    assert "not_your_unit" not in listed and t("issue_name.not_your_unit", "vi") in listed  # in words


def test_the_audit_log_reads_in_words(db):
    """The admin's log shows what was done in words, not a Python dict or JSON."""
    at = goto(sign_in(open_app(), "boss"), "admin")
    [log] = [d.value for d in at.dataframe if t("ui.audit.h_detail", "vi") in d.value.columns]
    details = " ".join(log[t("ui.audit.h_detail", "vi")].astype(str))
    assert "{'" not in details and '{"' not in details and "sha256" not in details, details[:400]
    assert "is_sample" not in details and t("ui.audit.key.is_sample", "vi") in details
