"""The quarterly report: every number equal to ``indicators``/``status``, the Nghị định 30/2020
layout read back with python-docx, chart pictures, notes as plain text, and the PDF through
LibreOffice (mandatory under CI=true, skipped with the reason elsewhere when soffice is missing)."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from docx.shared import Mm

from gender_targets.cli import main
from gender_targets.i18n import number, percent, t
from gender_targets.judgement import one_person_text
from gender_targets.periods import parse_period
from gender_targets.reports import build_content, make_report, write_docx
from gender_targets.reports.images import render_pngs
from gender_targets.store import open_store

ROOT = Path(__file__).resolve().parents[1]
UNITS = str(ROOT / "sample_data" / "units.csv")
HISTORY = str(ROOT / "sample_data" / "history_2021Q4_2026Q2.xlsx")
ARTIFACTS = ROOT / "artifacts" / "reports"


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory) -> str:
    db = str(tmp_path_factory.mktemp("report") / "gt.db")
    assert main(["import", "--db", db, "--units", UNITS, HISTORY, "--by", "test", "--json"]) == 0
    store = open_store(db)
    store.add_note("HM", "2026Q2", "UBND xã bầu lại Chủ tịch tháng 8 <b>đậm</b> *nghiêng*", indicator="I1", by="t")
    store.add_note("X-XTS", "2026Q2", "Xã mới sáp nhập, đang kiện toàn bộ máy", by="t")
    store.close()
    return db


@pytest.fixture(scope="module")
def report_docx(sample_db, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("out") / "bao-cao.docx"
    assert main(["report", "--db", sample_db, "--period", "2026Q2", "-o", str(out)]) == 0
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(out, ARTIFACTS / "bao-cao-2026Q2.docx")
    return out


def _cli_json(capsys, argv) -> list[dict]:
    capsys.readouterr()
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


def _all_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                parts.extend(p.text for p in cell.paragraphs)
    return "\n".join(parts)


def _all_runs(document):
    for p in document.paragraphs:
        yield from p.runs
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                for p in cell.paragraphs:
                    yield from p.runs


def test_page_setup_fonts_and_heading(report_docx):
    d = docx.Document(str(report_docx))
    s = d.sections[0]
    assert abs(s.page_width - Mm(210)) < Mm(1) and abs(s.page_height - Mm(297)) < Mm(1)
    assert Mm(20) - 1 <= s.top_margin <= Mm(25) + 1 and Mm(20) - 1 <= s.bottom_margin <= Mm(25) + 1
    assert Mm(30) - 1 <= s.left_margin <= Mm(35) + 1 and Mm(15) - 1 <= s.right_margin <= Mm(20) + 1
    normal = d.styles["Normal"].font
    assert normal.name == "Times New Roman" and 13 <= normal.size.pt <= 14
    runs = [r for r in _all_runs(d) if r.text.strip()]
    assert runs and all(r.font.name == "Times New Roman" for r in runs)
    body = [r for r in d.paragraphs for r in r.runs if r.text.strip()]
    assert all(11 <= r.font.size.pt <= 14 for r in body)
    text = _all_text(d)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
    assert "BAN THƯỜNG VỤ HỘI LHPN KHU VỰC HÓC MÔN" in text  # agency in capitals
    assert "Số: ……/BC-" in text and "Nơi nhận:" in text and "CHỦ TỊCH" in text
    assert "BÁO CÁO" in text and "quý II năm 2026" in text
    # place and date in italics
    date_runs = [r for r in _all_runs(d) if ", ngày " in r.text and " tháng " in r.text]
    assert date_runs and all(r.italic for r in date_runs)
    # page numbers from page 2: a different first page, a PAGE field in the other pages' header
    assert s.different_first_page_header_footer
    assert "PAGE" in s.header._element.xml and "PAGE" not in s.first_page_header._element.xml
    # the rules under the agency and the motto: bordered paragraphs in the heading table
    assert d.tables[0]._tbl.xml.count("<w:pBdr>") == 2


def test_numbers_equal_indicators_and_status(report_docx, sample_db, capsys):
    rows = _cli_json(capsys, ["indicators", "--db", sample_db, "--format", "json"])
    status = _cli_json(capsys, ["status", "--db", sample_db, "--json"])
    d = docx.Document(str(report_docx))
    text = _all_text(d)
    value = {(r["unit"], r["period"], r["indicator"]): r for r in rows}
    for ind in ("I1", "I2", "I3"):
        now = value[("HM", "2026Q2", ind)]
        prev = value[("HM", "2026Q1", ind)]
        ago = value[("HM", "2025Q2", ind)]
        assert f"Kết quả Quý II/2026: {percent(now['value'], 'vi', 1)}" in text
        assert f"({number(now['numerator'])}/{number(now['denominator'])} " in text
        assert f"(Quý I/2026: {percent(prev['value'], 'vi', 1)})" in text
        assert f"(Quý II/2025: {percent(ago['value'], 'vi', 1)})" in text
        s = next(x for x in status if x["unit"] == "HM" and x["indicator"] == ind)
        final = {"I1": "75%", "I2": "50%", "I3": "90%"}[ind]
        assert f"Tiến độ so với chỉ tiêu năm 2030 ({final}): {t('status.' + s['status'], 'vi')}." in text
        if s["observed_rate"] is not None:
            assert f"tốc độ thực tế {number(s['observed_rate'], 'vi', 1).lstrip('-')}" in text.replace("+", "")
        if s["projection"] is not None:
            assert f"dự báo quý IV/2030 đạt {percent(s['projection'], 'vi', 1)}" in text
        for m in s["milestones"]:
            assert f"Mốc năm {m['year']} (chỉ tiêu {percent(m['target'], 'vi', 0)}):" in text
            if m["value"] is not None:
                assert f"{percent(m['value'], 'vi', 1)} ({parse_period(m['period']).label('vi')})" in text
    # the units table: every current unit, its three values and statuses
    table = d.tables[1]
    assert [c.text for c in table.rows[0].cells][:2] == ["TT", "Đơn vị"]
    units = {r.cells[1].text.split("\n")[0]: r for r in table.rows[1:]}
    assert set(units) == {"xã Hóc Môn", "xã Đông Thạnh", "xã Bà Điểm", "xã Xuân Thới Sơn"}
    names = {"X-HM": "xã Hóc Môn", "X-DT": "xã Đông Thạnh", "X-BD": "xã Bà Điểm", "X-XTS": "xã Xuân Thới Sơn"}
    for code, name in names.items():
        cells = units[name].cells
        for j, ind in enumerate(("I1", "I2", "I3")):
            s = next(x for x in status if x["unit"] == code and x["indicator"] == ind)
            lines = cells[2 + j].text.split("\n")
            # value, counts in words, status, then what one person means: all as status --json says
            assert lines[:3] == [percent(s["value"], "vi", 1), s["counts"], t("status." + s["status"], "vi")]
            assert one_person_text(ind, s["one_person_points"], "vi") in lines[3]
            assert (f"thiếu {s['people_needed']}" in lines[3]) == bool(s["people_needed"])
            assert ("dễ đổi" in lines[3]) == s["fragile"] and ("dưới 20" in lines[3]) == s["small"]
    # ended units are not judged toward 2030: none of the 13 former units is in the table
    assert "thị trấn Hóc Môn" not in "".join(units)
    # the unit behind in the sample, with exactly its indicators behind (as status --json judges them)
    xts = {x["indicator"]: x for x in status if x["unit"] == "X-XTS"}
    bits = [
        f"{i} {percent(xts[i]['value'], 'vi', 1)} ({t('status.' + xts[i]['status'], 'vi')})"
        for i in ("I1", "I2", "I3")
        if xts[i]["status"] in ("limited_progress", "deteriorating")
    ]
    assert bits and f"xã Xuân Thới Sơn: {'; '.join(bits)}." in text


def test_pictures_notes_method_and_plain_text(report_docx):
    d = docx.Document(str(report_docx))
    assert len(d.inline_shapes) == 3  # one chart per indicator
    text = _all_text(d)
    assert text.count("Nguồn: báo cáo số liệu của các đơn vị") >= 3  # caption footnotes
    assert "số liệu đến Quý II/2026" in text
    # notes appear as typed: plain text, no markup interpreted
    assert "Ghi chú: UBND xã bầu lại Chủ tịch tháng 8 <b>đậm</b> *nghiêng*" in text
    assert "xã Xuân Thới Sơn: Xã mới sáp nhập, đang kiện toàn bộ máy" in text
    assert "Cách đánh giá tiến độ" in text  # the method paragraph
    assert "Cả 4 đơn vị đã gửi số liệu." in text


def test_english_report(sample_db, tmp_path):
    out = tmp_path / "report.docx"
    assert main(["report", "--db", sample_db, "--period", "2026Q2", "--lang", "en", "--no-charts", "-o", str(out)]) == 0
    text = _all_text(docx.Document(str(out)))
    assert "SOCIALIST REPUBLIC OF VIETNAM" in text and "Value in Q2 2026: 62.5%" in text


def test_earlier_period_cuts_the_data_and_names_missing_units(sample_db):
    store = open_store(sample_db)
    content = build_content(store.active_bodies(), store.register(), store.targets(), "2024Q2")
    assert content.period == "2024Q2" and all(len(p.series) == 11 for p in content.parts)  # 2021Q4..2024Q2
    assert {u.unit for u in content.units} >= {"HM-TT", "HM-KCQ"} and "X-HM" not in {u.unit for u in content.units}
    data = write_docx(content, "vi", pictures=[None, None, None], picture_problem="no_browser")
    text = _all_text(docx.Document(io.BytesIO(data)))
    assert "Không vẽ được biểu đồ: máy không có trình duyệt Chromium" in text
    store.close()


def test_unknown_area_and_empty_database(sample_db, tmp_path, capsys):
    assert (
        main(["report", "--db", sample_db, "--period", "2026Q2", "--area", "NOPE", "-o", str(tmp_path / "a.docx")]) == 1
    )
    assert "Không có khu vực 'NOPE'" in capsys.readouterr().err
    assert main(["report", "--db", sample_db, "--period", "2026Q9", "-o", str(tmp_path / "a.docx")]) == 2


def test_chart_pictures_never_hang():
    import plotly.graph_objects as go

    result = render_pngs([go.Figure(go.Scatter(x=[1, 2], y=[1, 2]))], timeout=0.01)
    assert result.problem in ("timeout", "no_browser") and result.pngs == [None]


def test_no_browser_degrades_with_a_reason(sample_db, monkeypatch):
    import gender_targets.reports.images as images

    monkeypatch.setattr(images, "find_browser", lambda: None)
    store = open_store(sample_db)
    rep = make_report(store, "2026Q2")
    store.close()
    assert rep.chart_problem == "no_browser"
    assert len(docx.Document(io.BytesIO(rep.data)).inline_shapes) == 0


def test_pdf_through_libreoffice(sample_db, tmp_path):
    if shutil.which("soffice") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice (soffice) is mandatory under CI=true")
        pytest.skip("LibreOffice (soffice) is not installed")
    out = tmp_path / "bao-cao.pdf"
    assert main(["report", "--db", sample_db, "--period", "2026Q2", "--format", "pdf", "-o", str(out)]) == 0
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "bao-cao-2026Q2.pdf").write_bytes(data)
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True)
        assert "Độc lập - Tự do - Hạnh phúc" in text.stdout and "62,5%" in text.stdout
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
        assert "(A4)" in info


def test_missing_soffice_is_a_clear_message(sample_db, tmp_path, monkeypatch, capsys):
    import gender_targets.reports.pdf as pdf

    monkeypatch.setattr(pdf, "find_soffice", lambda: None)
    code = main(
        [
            "report",
            "--db",
            sample_db,
            "--period",
            "2026Q2",
            "--no-charts",
            "--format",
            "pdf",
            "-o",
            str(tmp_path / "x.pdf"),
        ]
    )
    assert code == 1 and "Không tìm thấy LibreOffice" in capsys.readouterr().err
    assert sys.executable  # the CLI did not crash


def test_slides_fixed_order_and_no_ended_unit(sample_db):
    from gender_targets.indicators import compute_indicators
    from gender_targets.reports.slides import build_slides, deck_period

    store = open_store(sample_db)
    reg, bodies = store.register(), store.active_bodies()
    frame = compute_indicators(bodies, reg)
    period = deck_period(frame, "HM")
    assert period == "2026Q2"
    content = build_content(bodies, reg, store.targets(), period, notes=store.notes(), indicators=frame)
    slides = build_slides(content, frame, bodies, reg, "vi", notes=store.notes(), per_unit=True)
    kinds = [s.kind for s in slides]
    assert kinds[:8] == ["indicator"] * 3 + ["ranking"] * 3 + ["behind", "completeness"]
    assert kinds[8:] == ["unit"] * 4
    assert [s.indicator for s in slides[:6]] == ["I1", "I2", "I3"] * 2
    # rankings show current units only (the 13 units that ended in 2025 are not judged)
    names = set(slides[3].figure.data[0].y) | {y for tr in slides[3].figure.data for y in (tr.y or ())}
    assert names == {"xã Hóc Môn", "xã Đông Thạnh", "xã Bà Điểm", "xã Xuân Thới Sơn"}
    assert [r["name"] for r in slides[6].rows] == ["xã Xuân Thới Sơn"]
    assert all(r["sent"] for r in slides[7].rows) and len(slides[7].rows) == 4
    # the deck's numbers are the report's
    assert slides[0].part.value == content.parts[0].value
    # the area's I1 note is on its trajectory, escaped
    notes = [a.text for a in slides[0].figure.layout.annotations if a.name == "note"]
    assert notes and notes[0].startswith("UBND xã bầu lại Chủ tịch tháng 8 &lt;b&gt;")
    assert slides[0].figure.layout.title.font.size >= 24 and slides[0].figure.layout.xaxis.tickfont.size >= 16
    store.close()


def test_notes_store_rules(tmp_path):
    from gender_targets.errors import GenderTargetsError

    db = str(tmp_path / "n.db")
    assert main(["import", "--db", db, "--units", UNITS, HISTORY, "--json"]) == 0
    store = open_store(db)
    version = store.data_version()
    nid = store.add_note("x-bd", "2026Q1", "  Bầu lại\nChủ tịch  ", indicator="i2", by="Lan")
    assert store.data_version() == version + 1  # audited like every write
    row = store.notes().iloc[-1]
    assert (row["unit"], row["indicator"], row["period"], row["text"], row["created_by"]) == (
        "X-BD",
        "I2",
        "2026Q1",
        "Bầu lại Chủ tịch",
        "Lan",
    )
    assert len(store.notes("X-BD", "I2")) == 1 and len(store.notes("X-BD", "I1")) == 0
    for args, code in (
        (("X-BD", "2026Q1", "   "), "note_empty"),
        (("X-BD", "2026Q1", "x" * 301), "note_too_long"),
        (("NOPE", "2026Q1", "a"), "note_unknown_unit"),
    ):
        with pytest.raises(GenderTargetsError) as exc:
            store.add_note(*args)
        assert exc.value.code == code
    with pytest.raises(GenderTargetsError):
        store.add_note("X-BD", "2026Q1", "a", indicator="I9")
    assert store.delete_note(nid, by="Lan") and not store.delete_note(nid)
    assert store.notes("X-BD").empty
    assert "note_add" in set(store.audit_log()["action"])
    store.close()
