"""The report as a Word document laid out as Nghị định 30/2020/NĐ-CP (python-docx).

Layout (Phụ lục I of the decree, for a report of an agency):

- A4 portrait; margins top 20 mm, bottom 20 mm, left 30 mm, right 17.5 mm;
- Times New Roman everywhere (set on the styles, the East-Asian slot and every run), 13 pt body;
- the heading block in two columns made with centred tab stops (plain paragraphs, so any reader
  sees it): the parent agency, the agency name in bold capitals with a short rule under it, and
  "Số: …/BC-…" on the left; the national name in bold capitals and the motto "Độc lập - Tự do -
  Hạnh phúc" (bold, 14 pt) with a rule under it, then the place and date in italics on the right;
- the title "BÁO CÁO" and its summary line in bold, centred, with a short rule;
- page numbers at the top centre from page 2 (a different first-page header with no number);
- "Nơi nhận:" (bold italic 12 pt) and its list (11 pt) on the left, the signature block with
  placeholders on the right.

The wording is in the catalogue (``gender_targets/i18n/meetings.py``, keys ``report.*``), Vietnamese
and English side by side; why not a docxtpl template: see docs/report.md. The agency names, place
and number prefix are options (``ReportOptions``) with defaults from the catalogue.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

from ..clock import today_vn
from ..i18n import number, percent, t
from ..judgement import counts_text, one_person_text, people_needed_text
from ..periods import parse_period
from ..progress import method_text
from ..schema import INDICATORS
from .content import IndicatorPart, ReportContent

__all__ = ["FONT", "ReportOptions", "unit_cell_text", "write_docx"]

FONT = "Times New Roman"
BODY_PT = 13
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 17.5}  # inside the ranges after rounding to twips
TEXT_WIDTH_MM = 210 - MARGINS_MM["left"] - MARGINS_MM["right"]  # 165
LEFT_CENTRE_MM, RIGHT_CENTRE_MM = 35, 112


@dataclass(frozen=True)
class ReportOptions:
    """What a province fills in once: None takes the catalogue's default (a placeholder)."""

    parent_agency: str | None = None
    agency: str | None = None
    number_suffix: str | None = None
    place: str | None = None
    signer_title: str | None = None


# ---- low-level helpers --------------------------------------------------------------------------
def _set_all_scripts(rpr) -> None:
    """``FONT`` for every script of a run's properties ``rpr`` (Latin, East Asian, complex), so
    Word never falls back to another font for the Vietnamese letters."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)


def _font(run, size: float = BODY_PT, *, bold=None, italic=None) -> None:
    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.color.rgb = RGBColor(0, 0, 0)
    _set_all_scripts(run._element.get_or_add_rPr())
    if bold is not None:
        run.bold = bold
    if italic is not None:
        run.italic = italic


def _style_fonts(doc) -> None:
    for name in ("Normal", "Caption", "Table Grid", "List Bullet"):
        try:
            style = doc.styles[name]
        except KeyError:
            continue
        style.font.name = FONT
        if name == "Normal":
            style.font.size = Pt(BODY_PT)
        _set_all_scripts(style.element.get_or_add_rPr())
    fmt = doc.styles["Normal"].paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(6)
    fmt.line_spacing = 1.15


def _para(
    doc_or_cell,
    text: str = "",
    size: float = BODY_PT,
    *,
    bold=False,
    italic=False,
    align=None,
    indent_first: bool = False,
    space_after: float | None = None,
    keep_next: bool = False,
):
    p = doc_or_cell.add_paragraph()
    if text:
        _font(p.add_run(text), size, bold=bold, italic=italic)
    if align is not None:
        p.alignment = align
    if indent_first:
        p.paragraph_format.first_line_indent = Cm(1.0)
    if space_after is not None:
        p.paragraph_format.space_after = Pt(space_after)
    if keep_next:
        p.paragraph_format.keep_with_next = True
    return p


def _two_columns(doc, left: list[tuple[str, dict]], right: list[tuple[str, dict]], *, space_after: float = 0):
    """One paragraph: ``left`` runs centred at LEFT_CENTRE_MM, ``right`` runs at RIGHT_CENTRE_MM."""
    p = doc.add_paragraph()
    stops = p.paragraph_format.tab_stops
    stops.add_tab_stop(Mm(LEFT_CENTRE_MM), WD_TAB_ALIGNMENT.CENTER)
    stops.add_tab_stop(Mm(RIGHT_CENTRE_MM), WD_TAB_ALIGNMENT.CENTER)
    p.paragraph_format.space_after = Pt(space_after)
    p.paragraph_format.line_spacing = 1.0
    _font(p.add_run("\t"), BODY_PT)
    for text, fmt in left:
        _font(p.add_run(text), fmt.get("size", BODY_PT), bold=fmt.get("bold"), italic=fmt.get("italic"))
    _font(p.add_run("\t"), BODY_PT)
    for text, fmt in right:
        _font(p.add_run(text), fmt.get("size", BODY_PT), bold=fmt.get("bold"), italic=fmt.get("italic"))
    return p


def _rules(doc, spans_mm: list[tuple[float, float]]) -> None:
    """Short horizontal rules (solid underlined tabs between left tab stops) on one line."""
    p = doc.add_paragraph()
    p.paragraph_format.space_after = Pt(4)
    p.paragraph_format.line_spacing = 1.0
    stops = p.paragraph_format.tab_stops
    for a, b in spans_mm:
        stops.add_tab_stop(Mm(a))
        stops.add_tab_stop(Mm(b))
    for _ in spans_mm:
        _font(p.add_run("\t"), 4)
        run = p.add_run("\t")
        _font(run, 4)
        run.font.underline = True
    return p


def _layout_table(doc, widths):
    """A one-row table without borders, for the heading and signature blocks."""
    table = doc.add_table(rows=1, cols=len(widths))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tblpr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tblpr.append(borders)
    for cell, w in zip(table.rows[0].cells, widths, strict=True):
        cell.width = w
        cell.paragraphs[0]._element.getparent().remove(cell.paragraphs[0]._element)
    for col, w in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(int(w.twips)))
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tblpr.append(layout)
    return table


def _cell_line(cell, text, size, *, bold=False, italic=False, align=WD_ALIGN_PARAGRAPH.CENTER, space_before=0):
    p = cell.add_paragraph()
    p.alignment = align
    p.paragraph_format.space_after = Pt(0)
    p.paragraph_format.space_before = Pt(space_before)
    p.paragraph_format.line_spacing = 1.0
    _font(p.add_run(text), size, bold=bold, italic=italic)
    if not text:
        _font(p.runs[0], size)
    return p


def _cell_rule(cell, width_mm: float) -> None:
    """A short centred rule (the top border of an empty, indented paragraph)."""
    p = cell.add_paragraph()
    width = cell.width.mm if cell.width is not None else 80
    side = max(0.0, (width - 4 - width_mm) / 2)
    p.paragraph_format.left_indent = Mm(side)
    p.paragraph_format.right_indent = Mm(side)
    p.paragraph_format.space_after = Pt(0)
    p.paragraph_format.space_before = Pt(3)
    p.paragraph_format.line_spacing = 1.0
    _font(p.add_run(""), 6)
    ppr = p._p.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    top.set(qn("w:val"), "single")
    top.set(qn("w:sz"), "6")
    top.set(qn("w:space"), "1")
    top.set(qn("w:color"), "000000")
    bdr.append(top)
    ppr.append(bdr)


def _page_number_header(section) -> None:
    section.different_first_page_header_footer = True
    header = section.header
    p = header.paragraphs[0] if header.paragraphs else header.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run()
    _font(run, BODY_PT)
    for tag, text in (("begin", None), (None, " PAGE "), ("end", None)):
        if tag:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), tag)
            run._element.append(el)
            if tag == "begin":
                continue
        else:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._element.append(instr)
            sep = OxmlElement("w:fldChar")
            sep.set(qn("w:fldCharType"), "separate")
            run._element.append(sep)
            num = OxmlElement("w:t")
            num.text = "2"
            run._element.append(num)


def _cell(cell, text: str, *, bold=False, size: float = 12, align=WD_ALIGN_PARAGRAPH.LEFT, colour=None):
    cell.text = ""
    p = cell.paragraphs[0]
    p.alignment = align
    p.paragraph_format.space_after = Pt(0)
    lines = text.split("\n")
    for i, line in enumerate(lines):
        run = p.add_run(line)
        _font(run, size, bold=bold if i == 0 else False)
        if colour and i > 0:
            run.font.color.rgb = RGBColor.from_string(colour)
        if i < len(lines) - 1:
            run.add_break(WD_BREAK.LINE)


def _shade(cell, fill: str) -> None:
    tcpr = cell._element.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tcpr.append(shd)


def _repeat_header(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


# ---- wording --------------------------------------------------------------------------------------
def _pp(value: float | None, lang: str) -> str:
    """Signed percentage points: "tăng 2,5 điểm phần trăm" / "giảm 1,0 …" / "không đổi"."""
    if value is None:
        return t("report.change_none", lang)
    if round(value, 1) == 0:
        return t("report.change_flat", lang)
    key = "report.change_up" if value > 0 else "report.change_down"
    return t(key, lang, value=number(abs(value), lang, 1))


def _rate(value: float | None, lang: str) -> str:
    if value is None:
        return "—"
    text = number(value, lang, 1)
    return ("+" + text) if value > 0 else text


def _counts(part: IndicatorPart, lang: str) -> str:
    """ " (195/477 nữ trong diện quy hoạch)" beside the value (judgement's words)."""
    words = counts_text(part.indicator, part.numerator, part.denominator, lang)
    return f" ({words})" if words else ""


def _scale_line(part: IndicatorPart, lang: str) -> str:
    """What one person means here: "1 người = 0,2 điểm %; cần thêm 44 nữ … để đạt 50% năm 2030",
    and whether the value is small or the status fragile (SPEC §7)."""
    bits = [
        one_person_text(part.indicator, part.one_person_points, lang),
        people_needed_text(part.indicator, part.people_needed, part.final_target, part.final_year, lang),
    ]
    if part.small:
        bits.append(t(f"judgement.small.{part.indicator}", lang))
    elif part.fragile:
        bits.append(t("judgement.fragile.I1" if part.indicator == "I1" else "judgement.fragile", lang))
    text = "; ".join(b for b in bits if b)
    return text[:1].upper() + text[1:] + "." if text else ""


def _milestone_word(result: str, lang: str) -> str:
    return t(f"report.milestone.{result}", lang)


def _indicator_section(doc, k: int, part: IndicatorPart, content: ReportContent, lang: str, picture, problem):
    ind = INDICATORS[part.indicator]
    label = parse_period(part.period).label(lang)
    _para(doc, t("report.indicator_heading", lang, k=k, name=ind.name(lang)), bold=True, keep_next=True)
    value = percent(part.value, lang, 1)
    counts = _counts(part, lang)
    line = t("report.value_line", lang, period=label, value=value, counts=counts)
    if (
        part.units_expected is not None
        and part.units_reporting is not None
        and part.units_reporting < part.units_expected
    ):
        line += " " + t("report.partial", lang, sent=part.units_reporting, total=part.units_expected)
    _para(doc, "- " + line, indent_first=True)
    if part.provisional is not None:  # a later quarter still coming in: shown, never judged
        prov = part.provisional
        shown = percent(prov.value, lang, 1)
        words = counts_text(part.indicator, prov.numerator, prov.denominator, lang)
        _para(
            doc,
            "- "
            + t(
                "judgement.provisional",
                lang,
                period=parse_period(prov.period).label(lang),
                sent=prov.units_reporting,
                total=prov.units_expected,
                value=f"{shown} ({words})" if words else shown,
                used=label,
            ),
            indent_first=True,
        )
    scale = _scale_line(part, lang)
    if scale:
        _para(doc, "- " + scale, indent_first=True)
    prev = parse_period(part.period).shift(-1).label(lang)
    ago = parse_period(part.period).shift(-4).label(lang)
    _para(
        doc,
        "- "
        + t(
            "report.change_line",
            lang,
            previous=prev,
            previous_value=percent(part.previous_value, lang, 1),
            change_q=_pp(part.change_quarter, lang),
            year_ago=ago,
            year_ago_value=percent(part.year_ago_value, lang, 1),
            change_y=_pp(part.change_year, lang),
        ),
        indent_first=True,
    )
    for m in part.milestones:
        where = (
            t(
                "report.milestone_where",
                lang,
                value=percent(m.value, lang, 1),
                period=parse_period(m.period).label(lang),
            )
            if m.period
            else ""
        )
        flag = "" if m.judged_on_q4 or not m.period else " " + t("report.not_q4", lang)
        _para(
            doc,
            "- "
            + t(
                "report.milestone_line",
                lang,
                year=m.year,
                target=percent(m.target, lang, 0 if float(m.target).is_integer() else 1),
                result=_milestone_word(m.result, lang),
                where=where,
            )
            + flag,
            indent_first=True,
        )
    status_words = t(f"status.{part.status}", lang)
    final = percent(part.final_target, lang, 0 if part.final_target and float(part.final_target).is_integer() else 1)
    text = t("report.status_line", lang, year=part.final_year or "", target=final, status=status_words)
    if part.status == "achieved":
        text += " " + t("report.status_achieved", lang)
    elif part.status == "insufficient_data":
        text += " " + t("report.status_insufficient", lang, n=part.n_points)
    else:
        text += " " + t(
            "report.status_basis",
            lang,
            observed=_rate(part.observed_rate, lang),
            n=part.n_points,
            required=_rate(part.required_rate, lang),
            year=part.final_year or "",
        )
        if part.projection is not None:
            text += " " + t(
                "report.projection",
                lang,
                period=f"{'Q4 ' if lang == 'en' else 'quý IV/'}{part.final_year}",
                value=percent(part.projection, lang, 1),
            )
    if part.raw_status and part.raw_status != part.status:
        text += " " + t(
            "judgement.raw_differs",
            lang,
            raw=t(f"status.{part.raw_status}", lang),
            status=status_words,
        )
    _para(doc, "- " + text, indent_first=True)
    for note in part.notes:
        _para(doc, "- " + t("report.note_line", lang, text=note), indent_first=True, italic=True)
    if picture:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.keep_with_next = True
        p.add_run().add_picture(io.BytesIO(picture), width=Mm(TEXT_WIDTH_MM - 5))
    else:
        _para(doc, t(f"report.chart_missing.{problem or 'failed'}", lang), italic=True, size=12)
    _para(
        doc,
        t("report.figure_caption", lang, k=k, name=ind.short(lang), footnote=source_line(content, lang)),
        size=11,
        italic=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
    )


def source_line(content: ReportContent, lang: str) -> str:
    """ "Nguồn: … ; số liệu đến Quý II/2026, cập nhật 01/12/2026 10:05" — for captions and images."""
    updated = content.data_updated.strftime("%d/%m/%Y %H:%M") if content.data_updated else "—"
    return t("report.source", lang, period=parse_period(content.period).label(lang), updated=updated)


def _units_table(doc, content: ReportContent, lang: str) -> None:
    inds = [p.indicator for p in content.parts]
    table = doc.add_table(rows=1, cols=2 + len(inds))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = [Cm(1.1), Cm(4.4)] + [Cm((TEXT_WIDTH_MM / 10 - 5.5) / max(1, len(inds)))] * len(inds)
    head = [t("report.col.no", lang), t("report.col.unit", lang)] + [f"{i}\n{INDICATORS[i].short(lang)}" for i in inds]
    for cell, text, w in zip(table.rows[0].cells, head, widths, strict=True):
        _cell(cell, text, bold=True, size=11, align=WD_ALIGN_PARAGRAPH.CENTER)
        _shade(cell, "E7E6E6")
        cell.width = w
    _repeat_header(table.rows[0])
    for n, u in enumerate(content.units, 1):
        cells = table.add_row().cells
        _cell(cells[0], str(n), size=12, align=WD_ALIGN_PARAGRAPH.CENTER)
        name = u.name + ("" if u.submitted else "\n" + t("report.not_submitted_short", lang))
        _cell(cells[1], name, size=12)
        for j, ind in enumerate(inds):
            _cell(cells[2 + j], unit_cell_text(u, ind, content.period, lang), size=11, align=WD_ALIGN_PARAGRAPH.CENTER)
        for cell, w in zip(cells, widths, strict=True):
            cell.width = w
    _para(doc, "", space_after=2)


def unit_cell_text(u, ind: str, period: str, lang: str) -> str:
    """A unit's cell in the report's table: "40,0%\n16/40 nữ trong diện quy hoạch\nĐúng tiến độ", then
    what one person means ("1 người = 2,5 điểm % · thiếu 4 · dễ đổi") and, when the unit is judged on
    an earlier quarter than the report's, which."""
    cell = u.cells.get(ind)
    status = t(f"status.{u.statuses[ind]}", lang)
    if cell is None:
        return f"{percent(u.values[ind], lang, 1)}\n{status}"
    lines = [percent(cell.value, lang, 1)]
    words = counts_text(ind, cell.numerator, cell.denominator, lang)
    if words:
        lines.append(words)
    lines.append(status)
    bits = [one_person_text(ind, cell.one_person_points, lang)]
    if cell.people_needed:
        bits.append(t("report.cell_needed", lang, n=cell.people_needed))
    if cell.small:
        bits.append(t("judgement.small_mark", lang))
    if cell.fragile:
        bits.append(t("cli.status.fragile", lang))
    extra = " · ".join(b for b in bits if b)
    if extra:
        lines.append(extra)
    if cell.period and cell.period != period:
        lines.append(t("judgement.judged_on", lang, period=parse_period(cell.period).label(lang)))
    return "\n".join(lines)


def write_docx(
    content: ReportContent,
    lang: str = "vi",
    *,
    pictures: list[bytes | None] | None = None,
    picture_problem: str | None = None,
    options: ReportOptions | None = None,
    today: dt.date | None = None,
) -> bytes:
    """The report as .docx bytes. ``pictures``: one PNG per indicator part (None: not drawn)."""
    opts = options or ReportOptions()
    doc = Document()
    _style_fonts(doc)
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)
    _page_number_header(section)

    p = parse_period(content.period)
    day = today or (content.made_at.date() if content.made_at else today_vn())
    parent = opts.parent_agency or t("report.parent_agency", lang)
    agency = (opts.agency or t("report.agency", lang, area=content.area_name)).upper()
    place = opts.place or content.area_name.removeprefix("Khu vực ").removeprefix("khu vực ")
    suffix = opts.number_suffix or t("report.number_suffix", lang)

    # heading block: a borderless two-column table, as in the decree's samples
    head = _layout_table(doc, (Mm(64), Mm(TEXT_WIDTH_MM - 64)))
    left, right = head.rows[0].cells
    _cell_line(left, parent.upper(), 13)
    _cell_line(left, agency, 13, bold=True)
    _cell_rule(left, 22)
    _cell_line(left, t("report.number", lang, suffix=suffix), 13, space_before=4)
    _cell_line(right, t("report.nation", lang), 13, bold=True)
    _cell_line(right, t("report.motto", lang), 14, bold=True)
    _cell_rule(right, 58)
    _cell_line(
        right,
        t("report.place_date", lang, place=place, day=f"{day.day:02d}", month=f"{day.month:02d}", year=day.year),
        14,
        italic=True,
        space_before=4,
    )
    _para(doc, "", space_after=6)
    # title
    _para(doc, t("report.title", lang), 14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
    quarter_words = t("report.quarter_words", lang, q=_roman(p.quarter), year=p.year)
    _para(
        doc,
        t("report.subtitle", lang, quarter=quarter_words, area=content.area_name),
        14,
        bold=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        space_after=0,
    )
    _rules(doc, [(TEXT_WIDTH_MM / 2 - 20, TEXT_WIDTH_MM / 2 + 20)])

    first = content.parts[0] if content.parts else None
    sent = sum(1 for u in content.units if u.submitted)
    _para(
        doc,
        t(
            "report.intro",
            lang,
            agency=opts.agency or t("report.agency", lang, area=content.area_name),
            quarter=quarter_words,
        ),
        indent_first=True,
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
    )
    _para(
        doc,
        t(
            "report.coverage",
            lang,
            sent=sent,
            total=len(content.units),
            period=p.label(lang),
            footnote=source_line(content, lang),
        ),
        indent_first=True,
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
    )
    del first
    if content.timeliness is not None:  # campaign: "38/42 đơn vị nộp đúng hạn" (SPEC §12)
        from ..campaign.timeliness import rate_sentence

        _para(
            doc,
            t("campaign.report_line", lang, period=p.label(lang), sentence=rate_sentence(content.timeliness, lang)),
            indent_first=True,
            align=WD_ALIGN_PARAGRAPH.JUSTIFY,
        )

    _para(doc, t("report.part1", lang), bold=True, keep_next=True)
    pics = list(pictures or [])
    for k, part in enumerate(content.parts, 1):
        pic = pics[k - 1] if k - 1 < len(pics) else None
        _indicator_section(doc, k, part, content, lang, pic, picture_problem)

    _para(doc, t("report.part2", lang, period=p.label(lang)), bold=True, keep_next=True)
    _units_table(doc, content, lang)
    behind = content.behind
    _para(doc, t("report.behind_heading", lang), bold=True, keep_next=True)
    if behind:
        for u in behind:
            bits = [
                f"{i} {percent(u.values[i], lang, 1)} ({t(f'status.{u.statuses[i]}', lang)})"
                for i in u.statuses
                if u.statuses[i] in ("limited_progress", "deteriorating")
            ]
            _para(doc, f"- {u.name}: " + "; ".join(bits) + ".", indent_first=True)
    else:
        _para(doc, "- " + t("report.behind_none", lang), indent_first=True)
    missing = content.missing
    _para(doc, t("report.missing_heading", lang, period=p.label(lang)), bold=True, keep_next=True)
    if missing:
        _para(doc, "- " + ", ".join(u.name for u in missing) + ".", indent_first=True)
    else:
        _para(doc, "- " + t("report.missing_none", lang, n=len(content.units)), indent_first=True)
    if content.unit_notes:
        _para(doc, t("report.notes_heading", lang), bold=True, keep_next=True)
        for name, text in content.unit_notes:
            _para(doc, f"- {name}: {text}", indent_first=True)

    _para(doc, t("report.part3", lang), bold=True, keep_next=True)
    _para(doc, method_text(lang), indent_first=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    _para(doc, t("report.part4", lang), bold=True, keep_next=True)
    _para(doc, t("report.proposals", lang), indent_first=True)
    _para(doc, t("report.closing", lang, quarter=quarter_words), indent_first=True, space_after=12)

    # recipients and signature: a borderless two-column table
    sign = (opts.signer_title or t("report.signer_for", lang)).upper()
    foot = _layout_table(doc, (Mm(80), Mm(TEXT_WIDTH_MM - 80)))
    left, right = foot.rows[0].cells
    _cell_line(left, t("report.recipients", lang), 12, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    for key in ("report.recipient1", "report.recipient2", "report.recipient3"):
        _cell_line(left, t(key, lang), 11, align=WD_ALIGN_PARAGRAPH.LEFT)
    _cell_line(right, sign, 13, bold=True)
    _cell_line(right, t("report.signer_role", lang), 13, bold=True)
    _cell_line(right, t("report.sign_hint", lang), 13, italic=True)
    for _ in range(3):
        _cell_line(right, "", 13)
    _cell_line(right, t("report.signer_name", lang), 13, bold=True)

    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _roman(q: int) -> str:
    return ("I", "II", "III", "IV")[q - 1]
