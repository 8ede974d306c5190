"""Attack: a signed-report PDF that hides active content from the attachment inspector (second pass).

A PDF reader goes where the cross-reference table points and parses what it finds there: it takes any
stream with ``/N`` and ``/First`` for an object stream (no ``/Type /ObjStm`` needed), skips comments,
and starts a stream's data at the end of the line after ``stream`` (``stream\\r`` alone will do). Each
crafted file below passed the inspector before; each is refused now, while a scan and a PDF written
with object streams and a compressed cross-reference stream are still accepted."""

from __future__ import annotations

import zlib

import pytest

from gender_targets.attachments import AttachmentError, check_attachment
from tests.test_attachments import pdf_report

#: The active object a reader would find: a document-open JavaScript action.
SCRIPT = b"<< /Type /Action /S /JavaScript /JS (app.launchURL('http://evil.example/')) >>"


def _before_xref(pdf: bytes, extra: bytes) -> bytes:
    at = pdf.index(b"xref")
    return pdf[:at] + extra + pdf[at:]


def _packed(content: bytes) -> bytes:
    """An object stream's data: one pair (object 5 at offset 0), then the object, Flate-compressed."""
    return zlib.compress(b"5 0 " + content)


def no_type(pdf: bytes) -> bytes:
    """An object stream that does not say ``/Type /ObjStm`` (readers do not ask)."""
    body = _packed(SCRIPT)
    obj = b"9 0 obj\n<< /N 1 /First 4 /Filter /FlateDecode /Length %d >>\nstream\n" % len(body)
    return _before_xref(pdf, obj + body + b"\nendstream\nendobj\n")


def comment_stream(pdf: bytes) -> bytes:
    """A "stream" in a comment just before a real object stream: the inspector took everything up to
    the object stream's ``endstream`` for the comment's stream data, and never inflated it."""
    body = _packed(SCRIPT)
    obj = b"%% page stream\n9 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length %d >>\n" % len(body)
    return _before_xref(pdf, obj + b"stream\n" + body + b"\nendstream\nendobj\n")


def cr_keyword(pdf: bytes) -> bytes:
    """``stream`` followed by a lone carriage return (readers accept any end of line)."""
    body = _packed(SCRIPT)
    obj = b"9 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length %d >>\nstream\r" % len(body)
    return _before_xref(pdf, obj + body + b"\nendstream\nendobj\n")


def string_obj_hex(pdf: bytes) -> bytes:
    """The word "obj" in a string of the dictionary (the inspector looked at the dictionary from the
    last "obj" only) and the objects in hexadecimal, which no byte-by-byte look can read."""
    body = (b"5 0 " + SCRIPT).hex().encode() + b">"
    obj = b"9 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /ASCIIHexDecode /T (obj) /Length %d >>\n" % len(body)
    return _before_xref(pdf, obj + b"stream\n" + body + b"\nendstream\nendobj\n")


def comment_sandwich(pdf: bytes) -> bytes:
    """A plain object between "stream" and "endstream" written in comments, its action's code under
    ``/JS`` of an annotation's additional actions (no ``/S /JavaScript`` needed by pdf.js)."""
    obj = b"%stream\n10 0 obj\n<< /Type /Annot /Subtype /Widget /AA << /O << /JS (app.alert(1)) >> >> >>\nendobj\n"
    return _before_xref(pdf, obj + b"%endstream\n")


def predictor_cut(pdf: bytes) -> bytes:
    """An object stream behind a PNG predictor (the inflated bytes are differences, not names), its
    dictionary cut by "endstream" in a string so that the predictor was not seen."""
    raw = b"5 0 " + SCRIPT
    rows = b"".join(b"\x02" + raw[i : i + 8].ljust(8, b" ") for i in range(0, len(raw), 8))  # "Up" rows
    body = zlib.compress(rows)
    obj = (
        b"9 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 8 >>"
        b" /T (endstream) /Length %d >>\nstream\n" % len(body)
    )
    return _before_xref(pdf, obj + body + b"\nendstream\nendobj\n")


def nul_ended(pdf: bytes) -> bytes:
    """Names ended by NUL, which readers take for white space: "/JavaScript\\0" is /JavaScript."""
    return _before_xref(pdf, b"10 0 obj\n<< /S /JavaScript\x00/J#53\x00(app.alert(1)) >>\nendobj\n")


def stream_flood(pdf: bytes) -> bytes:
    """Nearly 10 MB of "stream" keywords with Flate headers and no end: looked at one by one without
    a bound, the inspection ran for minutes in the server process (a refusal of service)."""
    return pdf.replace(b"%%EOF", b"%" + b"stream\nx\x9c" * 900_000 + b"\n%%EOF")


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (nul_ended, "attachment_pdf_active"),
        (stream_flood, "attachment_pdf_uninspectable"),
        (no_type, "attachment_pdf_active"),
        (comment_stream, "attachment_pdf_active"),
        (cr_keyword, "attachment_pdf_active"),
        (string_obj_hex, "attachment_pdf_uninspectable"),
        (comment_sandwich, "attachment_pdf_active"),
        (predictor_cut, "attachment_pdf_uninspectable"),
    ],
)
def test_a_pdf_hiding_its_script_from_the_inspector_is_refused(make, code):
    with pytest.raises(AttachmentError) as exc:
        check_attachment(make(pdf_report()), "bao-cao.pdf")
    assert exc.value.code == code, make.__name__


def modern_pdf() -> bytes:
    """A PDF 1.5 as Acrobat or a phone scanner app writes it: its objects packed in a compressed
    object stream, then a compressed cross-reference stream with a PNG predictor, a picture whose
    bytes hold "/JS" by chance, and a bookmark (``/First``) and an appearance (``/N``) in plain sight."""
    objects = b"<< /Type /Catalog /Pages 2 0 R /Outlines 3 0 R >> << /Type /Pages /Kids [] /Count 0 >>"
    pairs = b"1 0 2 %d " % objects.index(b"<< /Type /Pages")
    packed = zlib.compress(pairs + objects)
    picture = b"\xff\xd8\xff\xe0" + b"\x10/JS \x00\x01" * 50 + b"\xff\xd9"
    xref = zlib.compress(b"\x02\x01\x00\x10\x00" * 6)
    out = b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n"
    out += b"3 0 obj\n<< /Type /Outlines /First 7 0 R /Count 1 >>\nendobj\n"
    out += b"8 0 obj\n<< /AP << /N 12 0 R >> >>\nendobj\n"
    out += b"4 0 obj\n<< /Type /ObjStm /N 2 /First %d /Filter /FlateDecode /Length %d >>\nstream\n" % (
        len(pairs),
        len(packed),
    )
    out += packed + b"\nendstream\nendobj\n"
    out += b"6 0 obj\n<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /Filter /DCTDecode /Length %d >>\n" % len(
        picture
    )
    out += b"stream\n" + picture + b"\nendstream\nendobj\n"
    out += b"5 0 obj\n<< /Type /XRef /Size 9 /W [1 2 2] /Root 1 0 R /Filter /FlateDecode"
    out += b" /DecodeParms << /Columns 5 /Predictor 12 >> /Length %d >>\nstream\n" % len(xref)
    out += xref + b"\nendstream\nendobj\nstartxref\n0\n%%EOF\n"
    return out


@pytest.mark.parametrize("make", [pdf_report, modern_pdf])
def test_a_normal_pdf_is_still_accepted(make):
    data = make()
    assert check_attachment(data, "bao-cao.pdf").data == data
