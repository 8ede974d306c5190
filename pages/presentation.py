"""Trình chiếu: the meeting deck — full screen, one slide at a time (``?slide=N``), keyboard
stepping (← → and a clicker's PageUp/PageDown), a frozen snapshot of the data taken when the deck
is opened (a refresh button takes newer data), and a "data as of" stamp. The slides themselves
are built by ``gender_targets.reports.slides`` from the report's content."""

from __future__ import annotations

import html
import time

import streamlit as st

from gender_targets import charts
from gender_targets.i18n import number, percent
from gender_targets.judgement import counts_text, one_person_text
from gender_targets.periods import parse_period
from gender_targets.reports import build_content, data_updated_at
from gender_targets.reports.slides import build_slides, deck_period
from gender_targets.schema import INDICATORS
from gender_targets.summary import TERRITORY
from ui.charts import show_chart
from ui.common import STATUS_CELL, get_model, get_store, lang, require_data, tr
from ui.gate import page_gate

page_gate(__file__)

# full screen on this page only: no sidebar, no header/toolbar, little padding
st.html(
    """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stSidebarNav"],
header[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stExpandSidebarButton"] {display: none !important;}
[data-testid="stMainBlockContainer"], .block-container {padding: 0.6rem 2rem 0.4rem 2rem !important;
  max-width: 100% !important;}
[data-testid="stAppViewContainer"], [data-testid="stMain"] {background: #ffffff;}
.st-key-deck_pgup, .st-key-deck_pgdn {display: none !important;}
.deck-title {font-size: max(34px, 3.6vh); font-weight: 700; color: #111; line-height: 1.15; margin: 0;}
.deck-stamp {font-size: max(18px, 1.9vh); color: #222; text-align: right; line-height: 1.35;}
.deck-big {font-size: max(60px, 7vh); font-weight: 700; color: #0B3C6B; line-height: 1.05;}
.deck-line {font-size: max(21px, 2.3vh); color: #111; line-height: 1.35; margin: 6px 0;}
.deck-note {font-size: max(18px, 2vh); color: #222; line-height: 1.3; margin: 4px 0;}
.deck-pill {display: inline-block; padding: 4px 14px; border-radius: 8px; font-size: max(24px, 2.6vh); font-weight: 700;}
.deck-table {border-collapse: collapse; font-size: max(22px, 2.5vh); color: #111; width: 100%;}
.deck-table td, .deck-table th {border-bottom: 1px solid #ccc; padding: 8px 12px; text-align: left;}
.deck-grid {display: grid; grid-template-columns: repeat(auto-fill, minmax(320px, 1fr)); gap: 12px;}
.deck-cell {font-size: max(24px, 2.6vh); padding: 12px 16px; border-radius: 8px; font-weight: 600;}
[data-testid="stButton"] button {min-height: 52px;}
.st-key-deck_controls {position: fixed; left: 0; right: 0; bottom: 0; z-index: 99; background: #ffffff;
  padding: 6px 2rem 4px 2rem; border-top: 1px solid #d0d0d0;}
[data-testid="stMainBlockContainer"] {padding-bottom: 90px !important;}
/* charts take the screen's height: the figure has none of its own */
.st-key-deck_chartbox {height: calc(100vh - 255px) !important; min-height: 360px; flex: 0 0 auto !important;}
[class*="st-key-deck_chartbox_short"] {height: calc(100vh - 290px) !important; min-height: 320px; flex: 0 0 auto !important;}
[class*="st-key-deck_chartbox"] > div {flex: 1 1 auto !important; height: 100% !important;}
[class*="st-key-deck_chartbox"] [class*="st-key-gtchart_"] {height: 100% !important;}
[class*="st-key-deck_chartbox"] [class*="st-key-gtchart_"] > div:has([data-testid="stPlotlyChart"]) {
  flex: 1 1 auto !important; min-height: 0 !important;}
[class*="st-key-deck_chartbox"] [class*="st-key-gtchart_"] > div:has(.gt-chart-summary) {position: absolute !important;}
[data-testid="stButton"] button p {font-size: 22px !important; font-weight: 600;}
/* a 1024-pixel projector: the bar's words smaller, the keys hint out of sight (the keys still work),
   so no button's words are cut ("Previou…", "Leave the presentati…") */
@media (max-width: 1180px) {
  .st-key-deck_controls [data-testid="stButton"] button p {font-size: 18px !important;}
  .st-key-deck_controls [data-testid="stCaptionContainer"] {display: none !important;}
  .st-key-deck_controls [data-testid="stPageLink"] p {white-space: normal !important;}
}
</style>"""
)

HIGH_CONTRAST_CSS = """<style>
.deck-title, .deck-stamp, .deck-line, .deck-note, .deck-table, .deck-big {color: #000000 !important;}
.deck-big {color: #00264D !important;}
.deck-note[data-testid="deck-provisional"] {color: #4D3300 !important;}
.deck-table td, .deck-table th {border-bottom: 2px solid #000000 !important;}
.deck-pill, .deck-cell {border: 2px solid #000000;}
.st-key-deck_controls {border-top: 2px solid #000000 !important;}
</style>"""

L = lang()
store = get_store()
DECK_ROWS = 12  # units behind listed on their slide (a province may have dozens): the rest counted
DECK_CELLS = 12  # completeness cells drawn: beyond, counts per state and only the units still to come


def _choose_area() -> None:
    """A new scope opens on its first slide."""
    st.session_state["deck_area_on"] = st.session_state.get("deck_area")
    st.session_state["deck_slide"] = 1


def _remember_contrast() -> None:
    st.session_state["deck_high_contrast_on"] = bool(st.session_state.get("deck_high_contrast"))


#: the projector theme (issue 17): darker colours, black text, thicker lines and borders
high = bool(st.session_state.get("deck_high_contrast_on", False))
if high:
    st.html(HIGH_CONTRAST_CSS)


def _take_snapshot() -> dict:
    model = get_model()
    return {
        "version": model.version,
        "model": model,
        "notes": store.notes(),
        "updated": data_updated_at(store.history_active()),
        "slides": {},
        "log": store.submission_log(),  # campaign: the completeness slide's timeliness (SPEC §12)
        "deadlines": store.deadlines(),
    }


if "deck_snap" not in st.session_state:
    st.session_state["deck_snap"] = _take_snapshot()
snap = st.session_state["deck_snap"]
model = snap["model"]
require_data(model)
reg = model.register
# the scope: with several areas (a country's provinces), the whole territory or one area (``?area=``,
# the options' "Phạm vi"); one area: that area. Remembered for the session.
scopes = [TERRITORY, *reg.areas] if len(reg.areas) > 1 else reg.areas[:1]
wanted_area = st.query_params.get("area")
if wanted_area in scopes and wanted_area != st.session_state.get("deck_area_url"):
    st.session_state["deck_area_on"] = wanted_area
    st.session_state["deck_area_url"] = wanted_area
area = st.session_state.get("deck_area_on")
if area not in scopes:
    area = scopes[0]
period = deck_period(model.indicators, area)
if period is None:
    st.info(tr("deck.no_data"))
    st.stop()

per_unit = bool(st.session_state.get("deck_per_unit", False))
cache_key = (L, per_unit, area)
if cache_key not in snap["slides"]:
    content = build_content(
        model.counts,
        reg,
        model.targets,
        period,
        area,
        notes=snap["notes"],
        data_updated=snap["updated"],
        indicators=model.indicators,
        territory_name=tr("scale.territory"),
    )
    snap["slides"][cache_key] = (
        content,
        build_slides(
            content,
            model.indicators,
            model.counts,  # unit, period and counts: all the deck reads (not every body's name and note)
            reg,
            L,
            notes=snap["notes"],
            per_unit=per_unit,
            log=snap.get("log"),
            deadlines=snap.get("deadlines"),
        ),
    )
content, slides = snap["slides"][cache_key]
total = len(slides)


def _url_slide() -> int | None:
    try:
        return int(st.query_params.get("slide", ""))
    except ValueError:
        return None


def _go(step: int, wrap: bool = False) -> None:
    """Button and key callbacks: the slide number lives in session state (the URL follows in the
    script run, a query parameter written in a callback reaches the browser one run late)."""
    n = int(st.session_state.get("deck_slide", 1)) + step
    if wrap and n > total:
        n = 1
    st.session_state["deck_slide"] = min(max(n, 1), total)


def _refresh() -> None:
    st.session_state["deck_snap"] = _take_snapshot()


# the URL wins when it names another slide than the one we last wrote (a typed or shared link)
wanted = _url_slide()
if "deck_slide" not in st.session_state or (wanted is not None and wanted != st.session_state.get("deck_url_slide")):
    st.session_state["deck_slide"] = wanted or 1
current = min(max(int(st.session_state["deck_slide"]), 1), total)
st.session_state["deck_slide"] = current
st.session_state["deck_url_slide"] = current
if st.query_params.get("slide") != str(current):
    st.query_params["slide"] = str(current)
slide = slides[current - 1]
updated = snap["updated"].strftime("%H:%M %d/%m/%Y") if snap["updated"] else "—"


def _e(text: object) -> str:
    return html.escape(str(text))


def _pill(status: str) -> str:
    bg, fg = STATUS_CELL.get(status, ("#eeeeee", "#222222"))
    if high:  # the projector theme: the status's dark colour as the fill, white words
        bg, fg = fg, "#ffffff"
    return f'<span class="deck-pill" style="background:{bg};color:{fg}">{_e(tr("status." + status))}</span>'


def _change(value: float | None) -> str:
    if value is None:
        return "—"
    text = number(abs(value), L, 1)
    sign = "+" if value > 0.05 else ("−" if value < -0.05 else "±")
    return f"{sign}{text} " + ("điểm %" if L == "vi" else "points")


def _target(value: float | None) -> str:
    return percent(value, L, 0 if value is not None and float(value).is_integer() else 1)


# -- header: title, stamp, slide number ------------------------------------------------------
if slide.kind in ("indicator", "ranking"):
    ind = INDICATORS[slide.indicator]
    title = (
        f"{slide.indicator} · {ind.name(L)}"
        if slide.kind == "indicator"
        else tr(
            "access.deck.ranking_areas_title" if area == TERRITORY else "deck.ranking_title",
            indicator=f"{slide.indicator} · {ind.short(L)}",
        )
    )
elif slide.kind == "behind":
    behind_words = "access.deck.behind_areas_title" if area == TERRITORY else "deck.behind_title"
    title = tr(behind_words, period=parse_period(slide.period).label(L))
elif slide.kind == "completeness":
    title = tr("deck.completeness_title", period=parse_period(slide.period).label(L))
else:
    title = slide.rows[0]["name"] if slide.rows else ""
head_l, head_r = st.columns([5, 2], vertical_alignment="center")
head_l.html(f'<p class="deck-title" data-testid="deck-title">{_e(title)}</p>')
head_r.html(
    f'<div class="deck-stamp" data-testid="deck-stamp">'
    f"{_e(tr('deck.stamp', period=parse_period(content.period).label(L), updated=updated))}<br>"
    f"<b>{_e(tr('deck.page', n=current, total=total))}</b></div>"
)
if store.data_version() != snap["version"]:
    newer = data_updated_at(store.history_active())
    st.info(tr("deck.new_data", updated=newer.strftime("%H:%M %d/%m/%Y") if newer else "—"), icon=":material/update:")

cfg = charts.config(L, "trinh-chieu", minimal=True)


def _chart(chart, key: str) -> None:
    """A slide's chart (projector theme when switched on), named by its summary, the numbers in
    an expander under it (the summary itself is said by the slide's words: kept out of sight)."""
    if high:  # made once per slide and language (a deck steps back and forth)
        made = snap.setdefault("high_contrast", {})
        if (key, L, per_unit, area) not in made:
            made[(key, L, per_unit, area)] = charts.Chart(
                charts.high_contrast(chart.figure), chart.table, chart.summary
            )
        chart = made[(key, L, per_unit, area)]
    show_chart(chart, key=key, config=cfg, height="stretch", summary=False)


# -- the slide --------------------------------------------------------------------------------
if slide.kind == "indicator":
    part = slide.part
    left, right = st.columns([1, 2.3], vertical_alignment="top")
    label = parse_period(part.period).label(L)
    lines = [
        f'<div class="deck-line">{_e(tr("deck.value_label", period=label))}</div>',
        f'<div class="deck-big" data-testid="deck-value">{_e(percent(part.value, L, 1))}</div>',
    ]
    words = counts_text(slide.indicator, part.numerator, part.denominator, L)
    if words:  # the people beside the percentage (judgement's words)
        lines.append(f'<div class="deck-line" data-testid="deck-counts">{_e(words)}</div>')
    scale = [one_person_text(slide.indicator, part.one_person_points, L)]
    if part.people_needed:
        target = percent(part.final_target, L, 0 if float(part.final_target).is_integer() else 1)
        scale.append(tr("judgement.needed_short", n=part.people_needed, target=target))
    if part.small:
        scale.append(tr("judgement.small_mark"))
    scale_text = " · ".join(x for x in scale if x)
    if scale_text:
        lines.append(f'<div class="deck-note" data-testid="deck-scale">{_e(scale_text)}</div>')
    if part.provisional is not None:  # a later quarter still coming in: shown, never judged
        prov = part.provisional
        pwords = counts_text(slide.indicator, prov.numerator, prov.denominator, L)
        pvalue = percent(prov.value, L, 1) + (f" ({pwords})" if pwords else "")
        text = tr(
            "judgement.provisional_deck",
            period=parse_period(prov.period).label(L),
            value=pvalue,
            sent=prov.units_reporting,
            total=prov.units_expected,
        )
        lines.append(f'<div class="deck-note" data-testid="deck-provisional" style="color:#7a5200">{_e(text)}</div>')
    lines.append(f'<div class="deck-line">{_e(tr("deck.change_q", change=_change(part.change_quarter)))}</div>')
    lines.append(f'<div class="deck-line">{_e(tr("deck.change_y", change=_change(part.change_year)))}</div>')
    for m in part.milestones:
        where = f" ({percent(m.value, L, 1)})" if m.value is not None else ""
        result = tr(f"report.milestone.{m.result}")
        lines.append(
            f'<div class="deck-line">{_e(tr("deck.milestone", year=m.year, target=_target(m.target), result=result, where=where))}</div>'
        )
    lines.append(
        f'<div class="deck-line" style="margin-top:12px">{_e(tr("deck.status", year=part.final_year, target=_target(part.final_target)))}</div>'
        f"<div>{_pill(part.status)}</div>"
    )
    if part.observed_rate is not None and part.required_rate is not None and part.status != "achieved":
        fmt = lambda v: ("+" if v > 0 else "") + number(v, L, 1)  # noqa: E731
        lines.append(
            f'<div class="deck-line">{_e(tr("deck.status_basis", observed=fmt(part.observed_rate), required=fmt(part.required_rate)))}</div>'
        )
    if part.projection is not None and part.final_year:
        lines.append(
            f'<div class="deck-line">{_e(tr("deck.projection", period=parse_period(f"{part.final_year}Q4").label(L), value=percent(part.projection, L, 1)))}</div>'
        )
    left.html("".join(lines))
    with right, st.container(key="deck_chartbox"):
        _chart(slide.chart, f"deck_chart_{current}")
elif slide.kind == "ranking":
    with st.container(key="deck_chartbox"):
        _chart(slide.chart, f"deck_chart_{current}")
elif slide.kind == "behind":
    if not slide.rows:
        st.html(f'<p class="deck-line" style="font-size:28px">{_e(tr("deck.behind_none"))}</p>')
    else:
        rows = []
        for r in slide.rows[:DECK_ROWS]:  # a province of many units: the first ones, and how many more
            cells = "".join(
                f"<td>{_e(i)}: {_e(percent(v, L, 1))}"
                f"<br><small>{_e(counts_text(i, getattr(r['cells'].get(i), 'numerator', None), getattr(r['cells'].get(i), 'denominator', None), L))}</small>"
                f"<br>{_pill(s)}</td>"
                for i, v, s in r["items"]
            )
            rows.append(f"<tr><td><b>{_e(r['name'])}</b></td>{cells}</tr>")
        more = len(slide.rows) - DECK_ROWS
        after = f'<p class="deck-note">{_e(tr("access.deck.more_behind", n=more))}</p>' if more > 0 else ""
        st.html(f'<table class="deck-table">{"".join(rows)}</table>{after}')
elif slide.kind == "completeness":
    from gender_targets.campaign import rate_sentence, state_text

    sent = sum(1 for r in slide.rows if r["sent"])
    cells, words = [], {}
    # many units (a province): how many in each state, then the cells of those still to come first
    shown = slide.rows
    if len(shown) > DECK_CELLS:  # many units: only those still to come (or late), the rest counted

        def waiting(r: dict) -> bool:
            return not r["sent"] or r.get("timing") == "late" or r.get("state") in ("pending", "returned")

        shown = sorted((r for r in shown if waiting(r)), key=lambda r: r["name"])
    for r in slide.rows:
        word = tr("deck.sent" if r["sent"] else "deck.not_sent") if "word" in r else None
        word = word or (state_text(r, L) if "state" in r else tr("deck.sent" if r["sent"] else "deck.not_sent"))
        words[word] = words.get(word, 0) + 1
    for r in shown[:DECK_CELLS]:  # the campaign's one rule: sent, awaiting review, returned, late, overdue
        bg, fg = ("#d7f0e3", "#0b5d36") if r["sent"] else ("#fbd5d5", "#9b1c1c")
        if (r["sent"] and r.get("timing") == "late") or r.get("state") in ("pending", "returned"):
            bg, fg = "#fff1cc", "#6b4a00"
        word = r.get("word") or (
            state_text(r, L) if "state" in r else tr("deck.sent" if r["sent"] else "deck.not_sent")
        )
        cells.append(f'<div class="deck-cell" style="background:{bg};color:{fg}">{_e(r["name"])}: {_e(word)}</div>')
    count_key = "access.deck.completeness_areas_count" if area == TERRITORY else "deck.completeness_count"
    timely = f'<p class="deck-line">{_e(rate_sentence(slide.timeliness, L))}</p>' if slide.timeliness else ""
    counted = ""
    if len(slide.rows) > DECK_CELLS:
        counted = (
            '<p class="deck-line">'
            + _e(" · ".join(tr("access.deck.completeness_summary", word=w, n=n) for w, n in words.items()))
            + "</p>"
        )
        more = len(shown) - DECK_CELLS
        if more > 0:
            more_key = "access.deck.more_areas" if area == TERRITORY else "access.deck.more_cells"
            cells.append(f'<p class="deck-note">{_e(tr(more_key, n=more))}</p>')
    st.html(
        f'<p class="deck-big" style="font-size:44px">{_e(tr(count_key, sent=sent, total=len(slide.rows)))}</p>'
        f"{timely}{counted}"
        f'<div class="deck-grid">{"".join(cells)}</div>'
    )
else:  # one unit
    info = slide.rows[0]
    from gender_targets.reports.slides import unit_figure

    cols = st.columns(len(info["series"]))
    for col, ind_code, series in zip(cols, INDICATORS, info["series"], strict=False):
        notes = snap["notes"]
        mine = notes[(notes["unit"] == slide.unit) & (notes["indicator"].isin([ind_code, ""]))] if len(notes) else notes
        fig = unit_figure(series, ind_code, model.targets, L, "", [(r.period, r.text) for r in mine.itertuples()], 430)
        fig.update_layout(title_text=f"{ind_code} · {INDICATORS[ind_code].short(L)}", showlegend=False)
        status = info["statuses"][ind_code]
        chart = charts.Chart(
            fig,
            charts.series_table(series, ind_code, L),
            charts.series_summary(series, ind_code, model.targets, status, L, kind="trajectory", name=info["name"]),
        )
        with col:
            st.html(f"<div>{_pill(status)}</div>")
            with st.container(key=f"deck_chartbox_short_{ind_code}"):
                _chart(chart, f"deck_unit_{current}_{ind_code}")

# -- controls (a bar fixed at the bottom of the screen) ------------------------------------------
with st.container(key="deck_controls"):
    c = st.columns([1.2, 1.2, 2.3, 1.4, 2.3, 1.9], vertical_alignment="center")
    steps = [  # (column, step, words, key, icon, shortcut, type, disabled)
        (c[0], -1, "deck.prev", "deck_prev", ":material/arrow_back:", "Left", "secondary", current <= 1),
        (c[1], 1, "deck.next", "deck_next", ":material/arrow_forward:", "Right", "primary", current >= total),
    ]
    for col, step, words, key, icon, shortcut, kind, disabled in steps:
        col.button(
            tr(words),
            key=key,
            icon=icon,
            shortcut=shortcut,
            on_click=_go,
            args=(step,),
            width="stretch",
            type=kind,
            disabled=disabled,
        )
    c[2].caption(tr("deck.keys"))
    with c[3].popover(tr("deck.options"), icon=":material/settings:", width="stretch"):
        st.toggle(tr("deck.auto"), key="deck_auto")
        st.number_input(tr("deck.auto_every"), min_value=5, max_value=300, value=20, step=5, key="deck_every")
        st.toggle(tr("deck.per_unit"), key="deck_per_unit")
        if len(scopes) > 1:
            st.selectbox(
                tr("access.deck.scope"),
                scopes,
                index=scopes.index(area),
                format_func=lambda c: tr("scale.territory") if c == TERRITORY else reg.name(c),
                key="deck_area",
                on_change=_choose_area,
            )
        st.toggle(  # the projector theme, remembered for the session (a widget's own key is not)
            tr("access.deck.high_contrast"),
            value=high,
            key="deck_high_contrast",
            help=tr("access.deck.high_contrast_help"),
            on_change=_remember_contrast,
        )
    c[4].button(
        tr("deck.refresh"),
        key="deck_refresh",
        icon=":material/refresh:",
        on_click=_refresh,
        width="stretch",
        type="primary" if store.data_version() != snap["version"] else "secondary",
    )
    c[5].page_link("pages/overview.py", label=tr("deck.exit"), icon=":material/close:")
    # a presentation clicker sends PageDown/PageUp: same steps, buttons kept out of sight
    st.button("PageUp", key="deck_pgup", shortcut="PageUp", on_click=_go, args=(-1,))
    st.button("PageDown", key="deck_pgdn", shortcut="PageDown", on_click=_go, args=(1,))
auto = bool(st.session_state.get("deck_auto"))
every = st.session_state.get("deck_every", 20)

st.session_state["deck_moved_at"] = time.time()


@st.fragment(run_every=float(every) if auto else None)
def _auto_advance() -> None:
    if not st.session_state.get("deck_auto"):
        return
    if time.time() - st.session_state.get("deck_moved_at", 0) >= float(st.session_state.get("deck_every", 20)) - 0.5:
        _go(1, wrap=True)
        st.rerun(scope="app")


_auto_advance()
