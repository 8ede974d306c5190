"""Accessibility from our side of Streamlit, for every page (issue 17; WCAG 2.1 AA, measured by
axe-core in ``tests/browser/test_accessibility.py``). ``app.py`` calls ``page_access`` once per run.

- ``<title>``: "<page> · <app>" in the page's language (``st.set_page_config`` may be called again).
- ``<html lang>``: Streamlit writes "en" into its page once and never changes it (upstream
  streamlit/streamlit#15726); a small script sets ``vi`` or ``en`` on every language.
- Streamlit's own words — the "Skip to main content" link, "Collapse sidebar", "Remove …" on a
  chosen option, a date range's "— start" — are English in its markup. The same script says them
  in the page's language (``access.st.*`` in the catalogue) and a ``MutationObserver`` says them
  again whenever Streamlit draws them anew (in English, it turns our Vietnamese back).
- Colours: captions in a grey that reads at 4.5:1 and more (Streamlit draws them at 60 % opacity:
  3.9:1 on white, 3.8:1 on the sidebar); a focus ring (3 px, 11:1 on white) on every link and control
  reached with the keyboard, the sidebar's page links included (Streamlit draws none there).
"""

from __future__ import annotations

import json

import streamlit as st

from gender_targets.charts.palette import contrast  # noqa: F401 (one rule; tests call it from here)
from gender_targets.i18n import t
from ui.common import lang

#: the focus ring and the captions (contrast: ``tests/test_access.py``)
FOCUS_COLOUR = "#0B3C6B"
CAPTION_COLOUR = "#5C5B59"
#: the backgrounds our text sits on: Streamlit's light theme (main area, sidebar, widgets)
BACKGROUNDS = ("#FFFFFF", "#F8F8F7", "#F1F0EE")

#: Streamlit's words: whole (an aria-label, a placeholder, the skip link's text), and the start
#: or the end of a label it adds to ours
WHOLE = (
    "access.st.skip",
    "access.st.collapse_sidebar",
    "access.st.expand_sidebar",
    "access.st.sidebar",
    "access.st.app_pages",
    "access.st.heading_link",
    "access.st.selected",
    "access.st.clear_all",
    "access.st.open",
    "access.st.close",
    "access.st.choose",
    "access.st.download_csv",
    "access.st.download_png",
    "access.st.fullscreen",
    "access.st.close_fullscreen",
    "access.st.search",
    "access.st.columns",
    "access.st.show_password",
    "access.st.hide_password",
    "access.st.file_upload",
)
STARTS = ("access.st.remove", "access.st.help_for", "access.st.shortcut")
ENDS = ("access.st.range_start", "access.st.range_end")

_CONTAINER = "gt_access"

_CSS = f"""<style>
/* captions (the deltas, notes and source lines pages write with st.caption): >= 4.5:1 on every background */
/* (Streamlit draws them at 60 % opacity: 3.9:1 on white, 3.8:1 on the sidebar) */
[data-testid="stCaptionContainer"] {{opacity: 1 !important; color: {CAPTION_COLOUR} !important;}}
[data-testid="stCaptionContainer"] :is(p, li, span, strong, em) {{color: {CAPTION_COLOUR} !important;}}
/* a visible focus ring on whatever the keyboard reaches */
:focus-visible:not(input, textarea) {{
  outline: 3px solid {FOCUS_COLOUR} !important; outline-offset: 2px !important;
  box-shadow: 0 0 0 2px #FFFFFF !important;
}}
/* text fields, select boxes, check boxes and toggles: their input is inside (or hidden behind) a frame */
[data-baseweb="input"]:has(input:focus-visible), [data-baseweb="textarea"]:has(textarea:focus-visible),
[data-baseweb="select"] > div:has(input:focus-visible), [data-baseweb="base-input"]:has(input:focus-visible),
label:has(> input[type="checkbox"]:focus-visible), label:has(> input[type="radio"]:focus-visible) {{
  outline: 3px solid {FOCUS_COLOUR} !important; outline-offset: 1px !important;
}}
/* a narrow screen (a projector's 1024 px) wraps a metric's label or delta, or a button's words,
   rather than cutting them short with "…"; a word is never broken */
:is([data-testid="stMetricDelta"], [data-testid="stMetricLabel"], button) .stMarkdownEllipsis,
:is([data-testid="stMetricDelta"], [data-testid="stMetricLabel"], button) .stMarkdownEllipsis p {{
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
  overflow-wrap: normal !important; word-break: normal !important;
}}
[data-testid="stMetricDelta"] {{height: auto !important;}}
[data-testid="stMetric"] > div {{overflow: visible !important;}}
/* ... and a button's shortcut hint (e.g. "→") gives its room to the words (the key still works) */
@media (max-width: 1100px) {{ button kbd {{display: none !important;}} }}
/* Streamlit shows "Collapse sidebar" only under the mouse (visibility: hidden): keyboard users need it too */
[data-testid="stSidebarCollapseButton"] {{visibility: visible !important;}}
/* the script's container, and the wrapper that would leave a gap */
.st-key-{_CONTAINER}, [data-testid="stLayoutWrapper"]:has(> .st-key-{_CONTAINER}) {{display: none !important;}}
</style>"""

# Runs in the page (st.html with unsafe_allow_javascript): sets <html lang>, then says Streamlit's
# words in the page's language now and whenever Streamlit draws them again. Config in window.__gtAccess;
# one observer per browser tab, installed once.
_SCRIPT = """<script>
(() => {
  window.__gtAccess = %s;
  const html = document.documentElement;
  const say = s => {
    const c = window.__gtAccess;
    if (!s) return s;
    for (const [from, to] of c.whole) if (s === from) return to;
    for (const [from, to] of c.starts) if (s.startsWith(from)) return to + s.slice(from.length);
    for (const [from, to] of c.ends) if (s.endsWith(from)) return s.slice(0, s.length - from.length) + to;
    return s;
  };
  const fix = el => {
    if (el.nodeType !== 1) return;
    for (const a of ['aria-label', 'placeholder']) {
      const v = el.getAttribute(a);
      if (v) { const w = say(v); if (w !== v) el.setAttribute(a, w); }
    }
    if (el.getAttribute('data-testid') === 'stSkipToContent') {
      const w = say(el.textContent); if (w !== el.textContent) el.textContent = w;
    }
  };
  const sweep = root => {
    if (root.nodeType !== 1) return;
    fix(root);
    root.querySelectorAll('[aria-label], [placeholder], [data-testid="stSkipToContent"]').forEach(fix);
  };
  // charts (ui/charts.py show_chart): the summary under a chart names it — its container a figure,
  // its drawing an image, both labelled with the summary; plotly's other layers hidden from readers
  window.__gtLabelCharts = () => {
    document.querySelectorAll('[class*="st-key-gtchart_"]').forEach(box => {
      const said = box.querySelector('.gt-chart-summary');
      if (!said) return;
      const text = said.textContent.trim();
      const put = (el, name, value) => { if (el.getAttribute(name) !== value) el.setAttribute(name, value); };
      box.querySelectorAll('[data-testid="stPlotlyChart"]').forEach(chart => {
        put(chart, 'role', 'figure');
        put(chart, 'aria-label', text);
        chart.querySelectorAll('svg.main-svg').forEach((svg, i) => {
          if (i === 0) { put(svg, 'role', 'img'); put(svg, 'aria-label', text); }
          else put(svg, 'aria-hidden', 'true');
        });
      });
    });
  };
  let labelling = false;
  const labelSoon = () => {
    if (labelling) return;
    labelling = true;
    requestAnimationFrame(() => { labelling = false; window.__gtLabelCharts(); });
  };
  window.__gtAccessSweep = () => {
    if (html.lang !== window.__gtAccess.lang) html.lang = window.__gtAccess.lang;
    sweep(document.body);
  };
  if (!window.__gtAccessObserver) {
    window.__gtAccessObserver = new MutationObserver(records => {
      for (const r of records) {
        if (r.target === html) { if (html.lang !== window.__gtAccess.lang) html.lang = window.__gtAccess.lang; }
        else if (r.type === 'attributes') fix(r.target);
        else if (r.type === 'characterData') fix(r.target.parentElement || r.target);
        else { fix(r.target); r.addedNodes.forEach(sweep); }
      }
      if (window.__gtLabelSoon) window.__gtLabelSoon();
    });
    window.__gtAccessObserver.observe(html, {subtree: true, childList: true, characterData: true,
      attributes: true, attributeFilter: ['aria-label', 'placeholder', 'lang']});
  }
  window.__gtLabelSoon = labelSoon;
  window.__gtAccessSweep();
  labelSoon();
})();
</script>"""


def words(lang_: str) -> dict:
    """What the script needs for ``lang_``: the language and each pair (what Streamlit or the other
    language wrote → what this one says)."""
    other = "en" if lang_ == "vi" else "vi"

    def pairs(keys: tuple[str, ...]) -> list[list[str]]:
        return [[t(k, other), t(k, lang_)] for k in keys]

    return {"lang": lang_, "whole": pairs(WHOLE), "starts": pairs(STARTS), "ends": pairs(ENDS)}


def script(lang_: str) -> str:
    return _SCRIPT % json.dumps(words(lang_), ensure_ascii=False).replace("</", "<\\/")


def page_access(page_title: str) -> None:
    """The glue, once per run, before the page draws: its title, the focus ring and caption colours,
    and the language script (in a hidden container: it takes no room)."""
    current = lang()
    st.set_page_config(page_title=t("access.title", current, page=page_title, app=t("access.app_name", current)))
    st.html(_CSS)  # only a <style>: Streamlit puts it where it takes no room
    with st.container(key=_CONTAINER):
        st.html(script(current), unsafe_allow_javascript=True)
