"""The signed report attached to a submission: checked from its bytes, images cleaned, PDFs inspected.

A Vietnamese report is signed and stamped ("Thủ trưởng đơn vị ký tên, đóng dấu"); a unit attaches a
scan or a photo of it to the quarter it sends. What a unit attaches is untrusted, so
``check_attachment(data, file_name)`` returns an ``Attachment`` to store, or raises
``AttachmentError`` with a code the catalogue words (``error.attachment_*``).
``check_stored_attachment(data, media_type)`` holds bytes read back from a backup to the same rules
(the restore calls it for every attachment, before anything is replaced):

- **Size**: at most ``MAX_ATTACHMENT_BYTES`` (10 MB); an empty file is refused.
- **Type from the bytes**, never from the name: a PDF starts with ``%PDF-``, a JPEG with
  ``FF D8 FF``, a PNG with its 8-byte signature; anything else is refused (``attachment_type``).
  The stored name gets the extension of the type found ("bao-cao.pdf" holding a PNG is stored as
  "bao-cao.png", and ``renamed`` says so); the name loses any folder, control characters and
  anything past 120 characters.
- **Images** (JPEG, PNG) are decoded and encoded again in a child process (``python -I``, its
  address space capped at ``IMAGE_MEMORY_MB``, killed after ``IMAGE_SECONDS``) after checking their
  size in pixels (at most ``MAX_PIXELS``, before anything is decoded: an "image bomb" of 30,000 ×
  30,000 pixels in a few kilobytes is refused). The re-encoded image carries no metadata (no EXIF,
  no GPS position, no comments, no colour profile) and nothing appended after the picture (a JPEG
  with a ZIP or an HTML page glued to its end loses it); a phone photo is turned upright first (its
  EXIF orientation applied), since the orientation tag goes with the metadata.
- **PDFs** are never shown in the page, only ever served as a download (the pages do that); here a
  PDF is refused when it is encrypted (its content cannot be inspected), has bytes after its last
  ``%%EOF`` (a polyglot: a ZIP or a script glued to a PDF), or names active content anywhere in its
  objects, compressed object streams included: ``/JavaScript``, ``/JS``, ``/Launch``,
  ``/EmbeddedFile(s)``, ``/RichMedia``, ``/XFA``, ``/SubmitForm``, ``/ImportData``, ``/GoToE``.
  PDF names may hide letters as ``#xx`` escapes (``/Java#53cript``) and end at a NUL (PDF white
  space): names are decoded first. A
  reader goes wherever the cross-reference table points, so every byte of the file is looked at (in
  comments and stream data too), and the objects of every stream a reader could take for an object
  stream are inflated and looked at as well: Flate data whose first inflated bytes are two integers
  (an object stream's first pair), or any Flate data with ``/N`` and ``/First`` or ``/ObjStm`` in
  its dictionary (a reader does not ask for ``/Type /ObjStm``). Every ``stream`` keyword counts on
  its own (``stream`` then any end of line, ``\r`` alone included): a "stream … endstream" in
  comments cannot hide the next object. ``/JS`` counts when code follows it (a string, a hex string
  or a reference; the two letters alone turn up by chance in a picture's bytes). Refused as
  uninspectable, since what they hold cannot be read byte by byte: a stream whose ``/Filter`` is a
  text encoding (ASCIIHex, ASCII85, LZW, RunLength, Crypt) or a reference, and an object stream
  behind a ``/Predictor``. The work is bounded (``_MAX_FLATE_STREAMS`` Flate streams and as many
  ``/JS`` or ``/Filter`` values, ``_WORK_BUDGET`` bytes read around streams), so that a 10 MB file
  of "stream" keywords is refused in a fraction of a second instead of holding the server for
  minutes; past the bounds a PDF is uninspectable. A scanned report (from a phone's scanner app, a copier, or Word's "Save as
  PDF") has none of these.
"""

from __future__ import annotations

import bisect
import hashlib
import re
import subprocess
import sys
import unicodedata
import zlib
from dataclasses import dataclass

from .errors import GenderTargetsError

__all__ = [
    "IMAGE_MEMORY_MB",
    "IMAGE_SECONDS",
    "MAX_ATTACHMENT_BYTES",
    "MAX_PIXELS",
    "MEDIA_TYPES",
    "Attachment",
    "AttachmentError",
    "check_attachment",
    "check_stored_attachment",
    "clean_file_name",
    "sniff_type",
]

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
#: An image may hold at most this many pixels (a 50-megapixel phone photo fits).
MAX_PIXELS = 60_000_000
IMAGE_MEMORY_MB = 1024
IMAGE_SECONDS = 30.0
#: The three kinds accepted: kind → (media type, extension).
MEDIA_TYPES: dict[str, tuple[str, str]] = {
    "pdf": ("application/pdf", ".pdf"),
    "jpeg": ("image/jpeg", ".jpg"),
    "png": ("image/png", ".png"),
}
_ACTIVE_PDF_NAMES = frozenset(
    {
        "JavaScript",
        "JS",
        "Launch",
        "EmbeddedFile",
        "EmbeddedFiles",
        "RichMedia",
        "XFA",
        "SubmitForm",
        "ImportData",
        "GoToE",
    }
)
#: Decompressed bytes inspected per PDF at most (object streams are small: kilobytes).
_PDF_INFLATE_BUDGET = 64 * 1024 * 1024


class AttachmentError(GenderTargetsError):
    """An attachment that cannot be stored: ``attachment_empty``, ``attachment_too_large``,
    ``attachment_type``, ``attachment_image_too_big``, ``attachment_image_damaged``,
    ``attachment_pdf_encrypted``, ``attachment_pdf_active``, ``attachment_pdf_trailing``,
    ``attachment_pdf_damaged``, ``attachment_pdf_uninspectable``; ``attachment_required``
    (the store: an admin made the signed report required)."""

    code = "attachment"


@dataclass(frozen=True)
class Attachment:
    """A checked attachment, ready to store: ``data`` is what is stored and served (an image as
    re-encoded here, a PDF as sent)."""

    file_name: str
    media_type: str
    data: bytes
    original_name: str = ""
    original_size: int = 0

    @property
    def size(self) -> int:
        return len(self.data)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def kind(self) -> str:
        return next(k for k, (media, _) in MEDIA_TYPES.items() if media == self.media_type)

    @property
    def is_image(self) -> bool:
        return self.media_type.startswith("image/")

    @property
    def renamed(self) -> bool:
        """True when the name's extension did not say what the bytes are (it was corrected)."""
        return bool(self.original_name) and self.original_name != self.file_name


def sniff_type(data: bytes) -> str | None:
    """``"pdf"``, ``"jpeg"``, ``"png"`` from the first bytes; None for anything else."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    return None


def clean_file_name(name: str, kind: str) -> str:
    """A name safe to store and offer for download: no folder, no control or bidi characters, at
    most 120 characters, and the extension of ``kind``."""
    base = re.split(r"[\\/]", str(name or ""))[-1]
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C").strip().strip(".")
    stem = base.rsplit(".", 1)[0] if "." in base else base
    stem = stem.strip()[:120] or "bao-cao"
    return stem + MEDIA_TYPES[kind][1]


def _sized_kind(data: bytes) -> str | None:
    """The type ``sniff_type`` finds in ``data`` after the rules every attachment meets first: not
    empty, at most ``MAX_ATTACHMENT_BYTES`` (an upload and a restored backup alike)."""
    if not data:
        raise AttachmentError("attachment_empty")
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise AttachmentError(
            "attachment_too_large", mb=round(len(data) / 1024 / 1024, 1), limit=MAX_ATTACHMENT_BYTES // 1024 // 1024
        )
    return sniff_type(data)


def check_attachment(data: bytes, file_name: str) -> Attachment:
    """The attachment to store for ``data`` sent as ``file_name``, or ``AttachmentError``."""
    data = bytes(data or b"")
    kind = _sized_kind(data)
    if kind is None:
        raise AttachmentError("attachment_type")
    if kind == "pdf":
        _inspect_pdf(data)
        stored = data
    else:
        stored = _reencode_image(data, kind)
    name = clean_file_name(file_name, kind)
    return Attachment(name, MEDIA_TYPES[kind][0], stored, original_name=str(file_name or ""), original_size=len(data))


def check_stored_attachment(data: bytes, media_type: str) -> None:
    """Raises ``AttachmentError`` unless ``data`` is what ``check_attachment`` could have stored as
    ``media_type``: a backup being restored carries its attachments' bytes, and they meet the same
    rules (a PDF inspected; an image of its stated type within ``MAX_PIXELS``, its header read without
    decoding it) — a crafted backup cannot plant what an upload could not (second attack pass)."""
    data = bytes(data or b"")
    kind = _sized_kind(data)
    if kind is None or MEDIA_TYPES[kind][0] != media_type:
        raise AttachmentError("attachment_type")
    if kind == "pdf":
        _inspect_pdf(data)
        return
    import io
    import warnings

    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as im:  # the header only: nothing is decoded
                ok = im.format == kind.upper() and getattr(im, "n_frames", 1) == 1
                w, h = im.size
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise AttachmentError("attachment_image_too_big", mp=MAX_PIXELS // 1_000_000) from None
    except Exception:
        raise AttachmentError("attachment_image_damaged") from None
    if not ok:
        raise AttachmentError("attachment_image_damaged")
    if w * h > MAX_PIXELS:
        raise AttachmentError("attachment_image_too_big", mp=MAX_PIXELS // 1_000_000)


# -- PDF ------------------------------------------------------------------------------------------
_NAME = re.compile(rb"/([^\s\x00/<>\[\]()%{}]*)")  # NUL ends a name too (PDF white space)
_HEX = re.compile(rb"#([0-9A-Fa-f]{2})")
#: The ``stream`` keyword (a token: white space or a delimiter after it). Readers take the data from
#: the next end of line, whatever lies before it (``stream\r`` alone, ``stream  \n``), so every
#: such keyword counts, wherever it is.
_STREAM_KEYWORD = re.compile(rb"(?<![A-Za-z0-9#])stream(?=[\x00\t\n\x0c\r ()<>\[\]{}/%])")
_EOL = re.compile(rb"\r\n|\r|\n")
_ENDSTREAM = re.compile(rb"endstream")
_PAREN = re.compile(rb"\\.|[()]", re.S)
#: What a reader skips between tokens: white space (NUL included) and comments (ending within 1 KB:
#: a longer one is looked at as suspect where it matters, below).
_GAP = rb"(?:[\x00\t\n\x0c\r ]|%[^\r\n]{0,1024}(?![^\r\n]))*"
#: A JavaScript action's code follows ``/JS``: a string, a hex string, a reference (or a comment too
#: long to look past).
_JS_VALUE = re.compile(_GAP + rb"(?:[(<%]|\d+" + _GAP + rb"\d+" + _GAP + rb"R)")
#: A ``/Filter`` entry's value: one name, an array of names (an unclosed one is suspect), a reference.
_FILTER_VALUE = re.compile(_GAP + rb"(\[[^\]]{0,1024}\]?|/[^\s/<>\[\]()%{}]*|\d|%)")
#: An object stream's data starts with its pairs of integers (object number, offset).
_OBJECT_STREAM_START = re.compile(rb"\A" + _GAP + rb"\d+" + _GAP + rb"\d+[\x00\t\n\x0c\r %]")
#: Filters that can carry text past a byte-by-byte look (scanners, phones and Word never use them).
_TEXT_FILTERS = frozenset(
    {"ASCIIHexDecode", "AHx", "ASCII85Decode", "A85", "LZWDecode", "LZW", "RunLengthDecode", "RL", "Crypt"}
)
#: How far before the ``stream`` keyword its dictionary is looked for.
_DICT_WINDOW = 16 * 1024
#: Work bounds, so that a crafted file cannot make the inspection slow (a 10 MB file of "stream"s):
#: Flate streams looked at, and bytes read around them (dictionaries, ends of line). A scan or a
#: Word document stays far below; past them the PDF is refused as uninspectable.
_MAX_FLATE_STREAMS = 20_000
_WORK_BUDGET = 16 * 1024 * 1024


def _decode_name(raw: bytes) -> str:
    return _HEX.sub(lambda m: bytes([int(m.group(1), 16)]), raw).decode("latin-1")


def _names(chunk: bytes) -> set[str]:
    """Every PDF name in ``chunk``, its ``#xx`` escapes decoded."""
    return {_decode_name(n) for n in set(_NAME.findall(chunk))}


def _name_pattern(name: str) -> re.Pattern[bytes]:
    """The name ``/name`` with any of its letters written as a ``#xx`` escape, as a whole token."""
    letters = b"".join(
        b"(?:%s|#%s)"
        % (
            re.escape(ch.encode()),
            b"".join(
                b"[%s%s]" % (c.upper().encode(), c.lower().encode()) if c.isalpha() else c.encode()
                for c in f"{ord(ch):02x}"
            ),
        )
        for ch in name
    )
    return re.compile(b"/" + letters + rb"(?![^\x00\t\n\x0c\r ()<>\[\]{}/%])")


_JS_NAME = _name_pattern("JS")
_FILTER_NAME = _name_pattern("Filter")


def _scan(chunk: bytes) -> set[str]:
    """The names ``chunk`` uses as a reader would act on them: every name, but ``/JS`` only when
    code follows it (the two letters alone turn up in any picture's bytes), and ``Uninspectable``
    when a ``/Filter`` names a text encoding or is a reference (or when there are more of them than
    any real file has)."""
    found = _names(chunk) - {"JS"}
    for looked, m in enumerate(_JS_NAME.finditer(chunk)):
        if looked >= _MAX_FLATE_STREAMS:
            return found | {"Uninspectable"}
        if _JS_VALUE.match(chunk, m.end()):
            found.add("JS")
            break
    for looked, m in enumerate(_FILTER_NAME.finditer(chunk)):
        value = _FILTER_VALUE.match(chunk, m.end())
        text = value.group(1) if value is not None else b""
        suspect = text[:1].isdigit() or text[:1] == b"%" or (text[:1] == b"[" and not text.endswith(b"]"))
        if looked >= _MAX_FLATE_STREAMS or suspect or _names(text) & _TEXT_FILTERS:
            return found | {"Uninspectable"}
    return found


def _is_zlib(head: bytes) -> bool:
    return len(head) >= 2 and head[0] & 0x0F == 8 and (head[0] << 8 | head[1]) % 31 == 0


def _inflate(data: bytes, limit: int) -> tuple[bytes, bool]:
    """What a reader inflates from ``data`` (as much as it can when the data is damaged), and True
    when it is longer than ``limit``."""
    inflater = zlib.decompressobj()
    out: list[bytes] = []
    size = 0
    for at in range(0, len(data), 16 * 1024):
        try:
            part = inflater.decompress(data[at : at + 16 * 1024], limit - size + 1)
        except zlib.error:
            break
        out.append(part)
        size += len(part)
        if size > limit or inflater.unconsumed_tail:
            return b"".join(out), True
        if inflater.eof:
            break
    return b"".join(out), False


def _unbalanced(chunk: bytes) -> bool:
    """True when ``chunk`` closes a string it did not open (it starts inside a string)."""
    depth = 0
    for m in _PAREN.finditer(chunk):
        token = m.group()
        if token == b"(":
            depth += 1
        elif token == b")":
            if depth == 0:
                return True
            depth -= 1
    return False


class _Work:
    """The work bounds of one inspection (``_MAX_FLATE_STREAMS``, ``_WORK_BUDGET``)."""

    def __init__(self) -> None:
        self.streams = 0
        self.bytes = 0

    def spend(self, n: int) -> None:
        self.bytes += n
        if self.bytes > _WORK_BUDGET:
            raise AttachmentError("attachment_pdf_uninspectable")


def _dictionary_before(data: bytes, keyword: int, ends: list[int], work: _Work) -> bytes:
    """The bytes between the end of the stream before and the ``stream`` keyword at ``keyword``
    (its object's dictionary), at most ``_DICT_WINDOW``; an ``endstream`` in a comment or a string
    of the dictionary does not cut it short (after four such, the whole window is taken)."""
    low = max(0, keyword - _DICT_WINDOW)
    i = bisect.bisect_left(ends, keyword) - 1
    for _ in range(4):
        if i < 0 or ends[i] < low:
            break
        found = ends[i]
        line = max(data.rfind(b"\n", low, found), data.rfind(b"\r", low, found)) + 1
        chunk = data[found + len(b"endstream") : keyword]
        work.spend(len(chunk) + found - line)
        if b"%" not in data[line:found] and not _unbalanced(chunk):
            return chunk
        i -= 1
    work.spend(keyword - low)
    return data[low:keyword]


def _object_streams(data: bytes):
    """The compressed data of every stream a reader could take for an object stream.

    Each ``stream`` keyword is looked at on its own (a "stream" in a comment or a string cannot hide
    the next one), and the decision rests on the data, not only on the dictionary (which strings,
    comments and a missing ``/Type`` can disguise): Flate data whose first inflated bytes are two
    integers, or any Flate data with ``/N`` and ``/First`` (or ``/ObjStm``) just before it."""
    ends = [m.start() for m in _ENDSTREAM.finditer(data)]
    work = _Work()
    for m in _STREAM_KEYWORD.finditer(data):
        eol = _EOL.search(data, m.end(), m.end() + 64 * 1024)
        if eol is None:
            work.spend(64 * 1024)
            continue
        work.spend(eol.start() - m.end())
        begin = eol.end()
        head = data[begin : begin + 64].lstrip(b"\x00\t\n\x0c\r ")
        if not _is_zlib(head[:2]):
            continue
        work.streams += 1
        if work.streams > _MAX_FLATE_STREAMS:
            raise AttachmentError("attachment_pdf_uninspectable")
        before = _names(_dictionary_before(data, m.start(), ends, work))
        shaped = "ObjStm" in before or {"N", "First"} <= before
        if shaped and "Predictor" in before:
            raise AttachmentError("attachment_pdf_uninspectable")
        start = begin + len(data[begin : begin + 64]) - len(head)
        if shaped or _OBJECT_STREAM_START.match(_inflate(data[start : start + 1024], 256)[0]):
            j = bisect.bisect_left(ends, start)
            yield data[start : ends[j] if j < len(ends) else len(data)]


def _inspect_pdf(data: bytes) -> None:
    tail = data.rstrip(b"\x00\t\n\f\r ")
    if not tail.endswith(b"%%EOF"):
        raise AttachmentError("attachment_pdf_trailing" if b"%%EOF" in data else "attachment_pdf_damaged")
    # every byte as it is (objects, comments, stream data: a reader goes where the cross-reference
    # table points), and the inflated objects of every object stream; page content and pictures
    # are only looked at raw
    found = _scan(data)
    budget = _PDF_INFLATE_BUDGET
    for body in _object_streams(data):
        inflated, over = _inflate(body, budget)
        if over:
            raise AttachmentError("attachment_pdf_uninspectable")
        budget -= len(inflated)
        found |= _scan(inflated)
    if "Uninspectable" in found:
        raise AttachmentError("attachment_pdf_uninspectable")
    if "Encrypt" in found:
        raise AttachmentError("attachment_pdf_encrypted")
    active = sorted(found & _ACTIVE_PDF_NAMES)
    if active:
        raise AttachmentError("attachment_pdf_active", what=", ".join("/" + a for a in active))


# -- images ------------------------------------------------------------------------------------------
#: The child process: no package import, its memory capped before Pillow is loaded.
_CHILD = r"""
import io, sys
kind, max_pixels, memory = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
try:
    import resource
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
except (ImportError, ValueError, OSError):
    pass
from PIL import Image, ImageOps
Image.MAX_IMAGE_PIXELS = max_pixels
data = sys.stdin.buffer.read()
try:
    im = Image.open(io.BytesIO(data))
    if im.format != {"jpeg": "JPEG", "png": "PNG"}[kind]:
        sys.stderr.write("damaged"); sys.exit(3)
    w, h = im.size
    if w * h > max_pixels or getattr(im, "n_frames", 1) > 1:
        sys.stderr.write("too_big %d %d" % (w, h)); sys.exit(3)
    im.load()
    im = ImageOps.exif_transpose(im)
    out = io.BytesIO()
    if kind == "jpeg":
        if im.mode not in ("RGB", "L"):
            im = im.convert("RGB")
        im.save(out, "JPEG", quality=88, optimize=True)
    else:
        if im.mode not in ("1", "L", "LA", "P", "RGB", "RGBA"):
            im = im.convert("RGBA")
        im.save(out, "PNG", optimize=False)
except Image.DecompressionBombError:
    sys.stderr.write("too_big 0 0"); sys.exit(3)
except MemoryError:
    sys.stderr.write("too_big 0 0"); sys.exit(3)
except Exception:
    sys.stderr.write("damaged"); sys.exit(3)
sys.stdout.buffer.write(out.getvalue())
"""


def _reencode_image(data: bytes, kind: str) -> bytes:
    """Decode and encode ``data`` again in a child process with limits; raises AttachmentError."""
    cmd = [sys.executable, "-I", "-c", _CHILD, kind, str(MAX_PIXELS), str(IMAGE_MEMORY_MB * 1024 * 1024)]
    try:
        proc = subprocess.run(cmd, input=data, capture_output=True, timeout=IMAGE_SECONDS, check=False)
    except subprocess.TimeoutExpired:
        raise AttachmentError("attachment_image_too_big", mp=MAX_PIXELS // 1_000_000) from None
    said = proc.stderr.decode("utf-8", "replace").strip().splitlines()
    last = said[-1] if said else ""
    if proc.returncode != 0 or not proc.stdout:
        if last.startswith("too_big") or proc.returncode < 0:  # a signal: out of memory
            raise AttachmentError("attachment_image_too_big", mp=MAX_PIXELS // 1_000_000)
        raise AttachmentError("attachment_image_damaged")
    out = proc.stdout
    if sniff_type(out) != kind:
        raise AttachmentError("attachment_image_damaged")
    return out
