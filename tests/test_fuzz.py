"""A bounded, deterministic fuzz of the reader: a few hundred seeded mutations of the sample files.

Mutations: truncated files, flipped bytes, moved and deleted parts, huge declared dimensions, far
cells, huge repeat counts (ods), broken BIFF record lengths and DIMENSIONS (xls). Every file goes
through ``intake.check_file`` (the sandboxed reader). Zero parent crashes, every outcome a known
issue code, no message with internal detail; under GENDER_TARGETS_STRICT_READING=1 (set in
conftest) a bug in our own reader raises ``ReaderBug`` and fails the test instead of passing as
"the file is damaged".
"""

from __future__ import annotations

import datetime as dt
import io
import os
import random
import re
import struct
import zipfile
from pathlib import Path

import pytest

from gender_targets import intake
from gender_targets.validation import ERROR_CODES, WARNING_CODES
from tests import wbfactory as wf

TODAY = dt.date(2026, 11, 24)
ROOT = Path(__file__).resolve().parents[1]
SEED = 20261201
MUTATIONS = 240
INTERNAL = re.compile(r"(?i)traceback|calamine|exception|/work/|\.py\b|panic")

SOURCES = {
    "upload.xlsx": (ROOT / "sample_data" / "upload_2026Q3" / "X-HM_2026Q3.xlsx").read_bytes(),
    "lo.xlsx": wf.fixture("official_form_lo.xlsx"),
    "form.ods": wf.fixture("official_form.ods"),
    "long.ods": wf.fixture("long_layout.ods"),
    "form.xls": wf.fixture("official_form_lo.xls"),
}


def _rezip(data: bytes, change) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    parts = {i.filename: src.read(i.filename) for i in src.infolist()}
    parts = change(parts)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in parts.items():
            zf.writestr(name, content)
    return out.getvalue()


def _sheet_parts(parts: dict) -> list[str]:
    return sorted(n for n in parts if n.startswith("xl/worksheets/") and n.endswith(".xml"))


def _far_ref(rnd: random.Random) -> str:
    col = rnd.choice(["A", "Z", "AA", "XFD", "ZZZ", "XFE"])
    row = rnd.choice([1_048_576, 65_536, 5_000_000, 4_294_967_295, 99_999])
    return f"{col}{row}"


def mutate_zip(data: bytes, rnd: random.Random, kind: str) -> bytes:
    def moved(parts):
        sheets = _sheet_parts(parts)
        if not sheets:
            return parts
        old = rnd.choice(sheets)
        new = rnd.choice(["xl/sheets/data.xml", "xl/worksheets/sub/a.xml", "xl/x.xml", "data.xml"])
        parts[new] = parts.pop(old)
        rel_old, rel_new = old[len("xl/") :], new[len("xl/") :] if new.startswith("xl/") else "/" + new
        for meta in ("xl/_rels/workbook.xml.rels", "[Content_Types].xml"):
            if meta in parts:
                parts[meta] = parts[meta].replace(rel_old.encode(), rel_new.encode())
        if rnd.random() < 0.6:
            parts[new] = parts[new].replace(
                b"</sheetData>", b'<row r="9"><c r="%s"><v>1</v></c></row></sheetData>' % _far_ref(rnd).encode()
            )
        return parts

    def far(parts):
        for name in _sheet_parts(parts):
            parts[name] = parts[name].replace(
                b"</sheetData>", b'<row r="30"><c r="%s" t="n"><v>7</v></c></row></sheetData>' % _far_ref(rnd).encode()
            )
        return parts

    def dimension(parts):
        for name in _sheet_parts(parts):
            parts[name] = re.sub(
                rb'<dimension ref="[^"]*"', b'<dimension ref="A1:%s"' % _far_ref(rnd).encode(), parts[name]
            )
        return parts

    def deleted(parts):
        victim = rnd.choice(sorted(parts))
        parts.pop(victim)
        return parts

    def content(parts):
        name = rnd.choice(sorted(parts))
        body = bytearray(parts[name])
        if body:
            for _ in range(rnd.randint(1, 8)):
                body[rnd.randrange(len(body))] = rnd.choice(b'<>"=/&0123456789AZ\x00\xff')
        parts[name] = bytes(body)
        return parts

    def repeats(parts):
        if "content.xml" in parts:
            parts["content.xml"] = re.sub(
                rb'number-(rows|columns)-repeated="\d+"',
                lambda m: b'number-%s-repeated="%d"' % (m.group(1), rnd.choice([2, 1000, 70000, 2**31])),
                parts["content.xml"],
            )
        return parts

    changes = {"moved": moved, "far": far, "dimension": dimension, "deleted": deleted, "content": content}
    changes["repeats"] = repeats
    return _rezip(data, changes[kind])


def mutate_xls(data: bytes, rnd: random.Random, kind: str) -> bytes:
    out = bytearray(data)
    if kind == "record":  # a BIFF record length or type broken somewhere in the Workbook stream
        at = [m.start() for m in re.finditer(rb"\x09\x08\x10\x00", data)] or [512]
        pos = rnd.choice(at) + rnd.randrange(0, 2000)
        if pos + 4 < len(out):
            struct.pack_into("<H", out, pos + rnd.choice([0, 2]), rnd.choice([0, 0x200, 0xFFFF, 8225, 0x00FC]))
    elif kind == "dimensions":
        at = data.find(struct.pack("<HH", 0x0200, 14))
        if at >= 0:
            struct.pack_into(
                "<IIHH",
                out,
                at + 4,
                rnd.randrange(0, 9),
                rnd.choice([65536, 70000, 2**31]),
                0,
                rnd.choice([9, 256, 300]),
            )
    else:  # flipped bytes anywhere (headers, FAT, directory, records)
        for _ in range(rnd.randint(1, 12)):
            out[rnd.randrange(len(out))] = rnd.randrange(256)
    return bytes(out)


def cases() -> list[tuple[str, str, bytes]]:
    rnd = random.Random(SEED)
    zip_kinds = ["moved", "far", "dimension", "deleted", "content", "truncated", "flipped"]
    out = []
    for i in range(MUTATIONS):
        name = rnd.choice(sorted(SOURCES))
        data = SOURCES[name]
        if name.endswith(".xls"):
            kind = rnd.choice(["record", "dimensions", "flipped", "truncated"])
        else:
            kind = rnd.choice([*zip_kinds, "repeats"] if name.endswith(".ods") else zip_kinds)
        if kind == "truncated":
            mutated = data[: rnd.randrange(len(data))]
        elif kind == "flipped" and not name.endswith(".xls"):
            body = bytearray(data)
            for _ in range(rnd.randint(1, 20)):
                body[rnd.randrange(len(body))] = rnd.randrange(256)
            mutated = bytes(body)
        elif name.endswith(".xls"):
            mutated = mutate_xls(data, rnd, kind)
        else:
            mutated = mutate_zip(data, rnd, kind)
        out.append((f"{i:03d}-{kind}-{name}", name, mutated))
    return out


@pytest.mark.parametrize("chunk", range(4))
def test_fuzzed_samples_never_crash_the_parent(sample_register, chunk):
    pid = os.getpid()
    known = ERROR_CODES | WARNING_CODES
    all_cases = cases()
    for label, name, data in all_cases[chunk::4]:
        report = intake.check_file(data, name, sample_register, today=TODAY)
        codes = {i.code for i in report.issues}
        assert codes <= known, (label, codes)
        assert report.ok or report.errors, label
        for issue in report.issues:
            assert not INTERNAL.search(issue.message_vi + issue.message_en), (label, issue.message_en)
    assert os.getpid() == pid
    good = intake.check_file(SOURCES["upload.xlsx"], "X-HM_2026Q3.xlsx", sample_register, today=TODAY)
    assert good.ok
