"""The signed report attached to a submission (issue 23): checked from its bytes, hostile files
refused the way they break (a PDF with JavaScript, hidden or escaped; an image bomb; polyglots; a
wrong extension), images re-encoded without their metadata, stored with the submission in one
transaction on SQLite and PostgreSQL, required by an admin setting, kept by backups, listed by the
command line."""

from __future__ import annotations

import io
import json
import struct
import zlib

import pytest
from PIL import Image

from gender_targets import intake
from gender_targets.accounts import Account, AccountError, Role
from gender_targets.attachments import MAX_ATTACHMENT_BYTES, AttachmentError, check_attachment, sniff_type
from gender_targets.backup import make_backup, restore_backup
from gender_targets.cli import main as cli_main
from gender_targets.errors import PermissionDenied
from gender_targets.i18n import describe
from gender_targets.periods import Period
from gender_targets.store import open_store
from tests.store_workers import TODAY, csv_file, fake_check_file, make_register, make_rows

Q = Period(2026, 2)
UNIT = Account(username="xa", role=Role.UNIT, units=("U00",), display_name="Hội LHPN xã Thử")
OTHER_UNIT = Account(username="xb", role=Role.UNIT, units=("U01",))
ADMIN = Account(username="boss", role=Role.ADMIN)
REVIEWER = Account(username="duyet", role=Role.REVIEWER, display_name="Anh Duyệt")


# -- files, made here ---------------------------------------------------------------------------------
def pdf_report() -> bytes:
    """A scanned report as a phone's scanner or Pillow writes it: one page, one picture."""
    buf = io.BytesIO()
    Image.new("RGB", (300, 400), "white").save(buf, "PDF")
    return buf.getvalue()


def with_catalog(pdf: bytes, extra: bytes) -> bytes:
    assert b"/Type /Catalog" in pdf
    return pdf.replace(b"/Type /Catalog", b"/Type /Catalog " + extra, 1)


def with_object_stream(pdf: bytes, content: bytes, filters: bytes = b"/Filter /FlateDecode") -> bytes:
    """``pdf`` with one more object stream holding ``content`` (Flate-compressed unless told)."""
    body = zlib.compress(b"5 0 " + content) if b"Flate" in filters else content
    obj = b"9 0 obj\n<< /Type /ObjStm /N 1 /First 4 %s /Length %d >>\nstream\n" % (filters, len(body))
    obj += body + b"\nendstream\nendobj\n"
    at = pdf.index(b"xref")
    return pdf[:at] + obj + pdf[at:]


def photo(exif: bool = True, orientation: int = 6) -> bytes:
    """A phone photo: EXIF with the camera, a GPS position and the orientation (6: turned)."""
    im = Image.new("RGB", (400, 300), "white")
    ex = Image.Exif()
    if exif:
        ex[0x010F] = "SECRETCAM"  # Make
        ex[0x0112] = orientation
        ex[0x8825] = {1: "N", 2: (10.0, 53.0, 0.0), 3: "E", 4: (106.0, 36.0, 0.0)}  # GPS
    buf = io.BytesIO()
    im.save(buf, "JPEG", exif=ex.tobytes())
    return buf.getvalue()


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png_bomb(side: int = 40_000) -> bytes:
    """A PNG that says it is ``side`` × ``side`` pixels in a few hundred bytes."""
    head = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", head)
        + png_chunk(b"IDAT", zlib.compress(b"\0" * 65536))
        + png_chunk(b"IEND", b"")
    )


# -- checking -----------------------------------------------------------------------------------------
def test_a_scanned_pdf_is_kept_as_sent():
    data = pdf_report()
    att = check_attachment(data, "C:\\Users\\Lan\\Bao cao quy 3.pdf")
    assert (att.media_type, att.file_name, att.data, att.renamed) == (
        "application/pdf",
        "Bao cao quy 3.pdf",
        data,
        True,  # the folder is not part of the name
    )
    assert att.size == len(data) and len(att.sha256) == 64


@pytest.mark.parametrize(
    ("name", "make", "code"),
    [
        (
            "javascript",
            lambda p: with_catalog(p, b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >>"),
            "attachment_pdf_active",
        ),
        (
            "escaped name",
            lambda p: with_catalog(p, b"/OpenAction << /S /Java#53cript /J#53 (x) >>"),
            "attachment_pdf_active",
        ),
        ("launch", lambda p: with_catalog(p, b"/OpenAction << /S /Launch /F (cmd.exe) >>"), "attachment_pdf_active"),
        ("embedded file", lambda p: with_catalog(p, b"/Names << /EmbeddedFiles 7 0 R >>"), "attachment_pdf_active"),
        (
            "hidden in an object stream",
            lambda p: with_object_stream(p, b"<< /S /JavaScript /JS (x) >>"),
            "attachment_pdf_active",
        ),
        (
            "object stream not inspectable",
            lambda p: with_object_stream(p, b"4142", b"/Filter /ASCIIHexDecode"),
            "attachment_pdf_uninspectable",
        ),
        (
            "encrypted",
            lambda p: p.replace(b"trailer\n<<", b"trailer\n<< /Encrypt 9 0 R", 1),
            "attachment_pdf_encrypted",
        ),
        ("zip glued after the end (polyglot)", lambda p: p + b"PK\x03\x04" + b"\0" * 40, "attachment_pdf_trailing"),
        (
            "html glued after the end",
            lambda p: p + b"\n<html><script>alert(1)</script></html>",
            "attachment_pdf_trailing",
        ),
        ("cut short", lambda p: p[: len(p) // 2], "attachment_pdf_damaged"),
    ],
)
def test_a_hostile_pdf_is_refused(name, make, code):
    with pytest.raises(AttachmentError) as exc:
        check_attachment(make(pdf_report()), "bao-cao.pdf")
    assert exc.value.code == code, name
    said = describe(exc.value, "vi")
    assert said and "attachment_" not in said


def test_a_phone_photo_loses_its_metadata_and_stands_upright():
    data = photo()
    assert b"SECRETCAM" in data
    att = check_attachment(data, "IMG_2041.JPG")
    assert att.media_type == "image/jpeg" and att.file_name == "IMG_2041.jpg"
    assert b"SECRETCAM" not in att.data and b"Exif" not in att.data
    im = Image.open(io.BytesIO(att.data))
    assert im.size == (300, 400)  # turned as the orientation tag said, before the tag went away
    assert not im.getexif()


def test_a_picture_with_a_payload_glued_on_is_re_encoded_without_it():
    payload = b"PK\x03\x04" + b"<html><script>alert(document.cookie)</script></html>"
    att = check_attachment(photo(exif=False) + payload, "anh.jpg")
    assert b"script" not in att.data and b"PK\x03\x04" not in att.data
    buf = io.BytesIO()
    Image.new("RGBA", (20, 10), (255, 0, 0, 128)).save(buf, "PNG", pnginfo=None)
    png = buf.getvalue()
    att = check_attachment(png[:-12] + png_chunk(b"tEXt", b"Comment\0<script>x</script>") + png[-12:], "a.png")
    assert att.media_type == "image/png" and b"<script>" not in att.data


def test_an_image_bomb_is_refused_before_it_is_decoded():
    with pytest.raises(AttachmentError) as exc:
        check_attachment(png_bomb(), "bom.png")
    assert exc.value.code == "attachment_image_too_big"


def test_the_type_comes_from_the_bytes_not_the_name():
    # a photo named .pdf is stored as the picture it is, under a name that says so
    att = check_attachment(photo(exif=False), "bao-cao.pdf")
    assert (att.media_type, att.file_name, att.renamed) == ("image/jpeg", "bao-cao.jpg", True)
    # a program, a web page, a workbook named .pdf: refused
    for data in (b"MZ\x90\x00" + b"\0" * 64, b"<html><body>x</body></html>", b"PK\x03\x04" + b"\0" * 64):
        with pytest.raises(AttachmentError) as exc:
            check_attachment(data, "bao-cao.pdf")
        assert exc.value.code == "attachment_type"
    # a JPEG header on a broken picture
    with pytest.raises(AttachmentError) as exc:
        check_attachment(b"\xff\xd8\xff\xe0" + b"\0" * 100, "x.jpg")
    assert exc.value.code == "attachment_image_damaged"
    assert sniff_type(b"%PDF-1.7") == "pdf" and sniff_type(b"x%PDF-1.7") is None


def test_size_limits():
    with pytest.raises(AttachmentError) as exc:
        check_attachment(b"", "x.pdf")
    assert exc.value.code == "attachment_empty"
    with pytest.raises(AttachmentError) as exc:
        check_attachment(b"%PDF-1.4\n" + b"0" * MAX_ATTACHMENT_BYTES, "x.pdf")
    assert exc.value.code == "attachment_too_large" and "10 MB" in describe(exc.value, "vi")


# -- the store ----------------------------------------------------------------------------------------
@pytest.fixture
def store(db_url, monkeypatch):
    monkeypatch.setattr(intake, "check_file", fake_check_file)
    s = open_store(db_url)
    s.save_register(make_register(4), by="setup")
    s.add_account("xa", "unit", "mat-khau-dai", units=["U00"], display_name="Hội LHPN xã Thử")
    s.add_account("duyet", "reviewer", "mat-khau-dai", display_name="Anh Duyệt")
    yield s
    s.close()


def quarter(unit: str = "U00", seed: int = 0) -> bytes:
    return csv_file(make_rows([unit], [Q], seed=seed))


def test_stored_with_its_submission_and_read_back(store):
    att = check_attachment(pdf_report(), "bao-cao.pdf")
    res = intake.import_upload(store, quarter(), "q.csv", today=TODAY, actor=UNIT, attachment=att)
    sid = res.ids[("U00", str(Q))]
    got = store.attachment(sid)
    assert (got.file_name, got.media_type, got.data) == ("bao-cao.pdf", "application/pdf", att.data)
    assert got.attached_by == "xa" and got.attached_at
    info = store.attachments_info()
    assert info.to_dict("records")[0] | {"attached_at": ""} == {
        "submission_id": sid,
        "file_name": "bao-cao.pdf",
        "media_type": "application/pdf",
        "size": att.size,
        "sha256": att.sha256,
        "attached_by": "xa",
        "attached_at": "",
    }
    assert store.attachment(sid + 100) is None
    mine = store.unit_submissions(["U00"])
    assert mine.loc[0, "attachment_name"] == "bao-cao.pdf" and mine.loc[0, "sender_name"] == "Hội LHPN xã Thử"
    # the same bytes attached to another submission are stored once
    res2 = intake.import_upload(store, quarter("U00", seed=3), "q2.csv", today=TODAY, actor=UNIT, attachment=att)
    assert store.attachment(res2.ids[("U00", str(Q))]).data == att.data
    from gender_targets.store.schema import attachment_files

    with store.engine.connect() as conn:
        assert conn.execute(attachment_files.select()).all().__len__() == 1


def test_an_admin_may_make_it_required_for_units(store):
    with pytest.raises(PermissionDenied):
        store.set_attachment_required(True, actor=REVIEWER)
    store.set_attachment_required(True, actor=ADMIN)
    assert store.attachment_required()
    with pytest.raises(AttachmentError) as exc:
        intake.import_upload(store, quarter(), "q.csv", today=TODAY, actor=UNIT)
    assert exc.value.code == "attachment_required"
    assert store.history().empty  # nothing stored without it
    intake.import_upload(store, quarter(), "q.csv", today=TODAY, actor=REVIEWER)  # the office: not required
    att = check_attachment(photo(), "anh.jpg")
    res = intake.import_upload(store, quarter(seed=2), "q2.csv", today=TODAY, actor=UNIT, attachment=att)
    assert store.attachment(res.ids[("U00", str(Q))]).media_type == "image/jpeg"
    store.set_attachment_required(False, actor=ADMIN)
    assert not store.attachment_required()
    assert "settings_change" in store.audit_log()["action"].tolist()


def test_attached_later_to_a_pending_submission_by_its_own_unit_only(store):
    sid = intake.import_upload(store, quarter(), "q.csv", today=TODAY, actor=UNIT).ids[("U00", str(Q))]
    att = check_attachment(pdf_report(), "ky.pdf")
    with pytest.raises(PermissionDenied):
        store.attach(sid, att, actor=OTHER_UNIT)
    store.attach(sid, att, actor=UNIT)
    assert store.attachment(sid).file_name == "ky.pdf"
    store.return_submission(sid, "Thiếu dấu", actor=REVIEWER)
    with pytest.raises(AccountError):
        store.attach(sid, att, actor=UNIT)  # returned: a new submission is sent instead
    assert store.audit_log()["action"].tolist().count("attach") == 1


def test_a_backup_and_its_restore_keep_the_attachment(store, tmp_path):
    att = check_attachment(photo(), "anh.jpg")
    sid = intake.import_upload(store, quarter(), "q.csv", today=TODAY, actor=UNIT, attachment=att).ids[("U00", str(Q))]
    store.set_attachment_required(True, actor=ADMIN)
    for archive in (True, False) if store.sqlite_file is not None else (True,):
        data = make_backup(store, archive=archive)
        target = open_store(tmp_path / f"restored_{archive}.db")
        try:
            restore_backup(target, data)
            got = target.attachment(sid)
            assert got is not None and got.data == att.data and got.file_name == "anh.jpg"
            assert target.attachment_required()
        finally:
            target.close()


def test_import_attach_and_history_on_the_command_line(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(intake, "check_file", fake_check_file)
    db = tmp_path / "cli.db"
    s = open_store(db)
    s.save_register(make_register(4), by="setup")
    s.close()
    book, signed, bad = tmp_path / "U00_2026Q2.csv", tmp_path / "signed.pdf", tmp_path / "signed2.pdf"
    book.write_bytes(quarter())
    signed.write_bytes(pdf_report())
    bad.write_bytes(with_catalog(pdf_report(), b"/OpenAction << /S /JavaScript /JS (x) >>"))
    assert cli_main(["import", str(book), "--attach", str(bad), "--db", str(db)]) == 1
    assert "JavaScript" in capsys.readouterr().err
    assert cli_main(["import", str(book), str(book), "--attach", str(signed), "--db", str(db)]) == 2
    capsys.readouterr()
    assert cli_main(["history", "--json", "--db", str(db)]) == 0
    assert json.loads(capsys.readouterr().out) == []  # nothing stored by the refusals
    assert cli_main(["import", str(book), "--attach", str(signed), "--db", str(db)]) == 0
    capsys.readouterr()
    assert cli_main(["history", "--json", "--db", str(db)]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert row["attachment"] == {
        "file_name": "signed.pdf",
        "media_type": "application/pdf",
        "size": signed.stat().st_size,
    }
    assert cli_main(["history", "--db", str(db)]) == 0
    assert "signed.pdf" in capsys.readouterr().out
