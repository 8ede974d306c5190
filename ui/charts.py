"""One way to put a chart on a page (issue 17): ``show_chart(chart)`` draws a ``charts.Chart`` —

- the plotly figure (and, when given, its narrow variant for a phone, one shown by the screen's
  width as ``ui.common.chart_any_width`` does), named by the summary: ``ui/access.py``'s script gives
  the chart's container ``role="figure"`` and its drawing ``role="img"``, both with the summary as
  ``aria-label`` (a screen reader hears what the chart shows, its latest value and status);
- the summary, one line under it (the status in words, never colour alone);
- an expander "Xem bảng số liệu" with the same numbers as a table.

Charts are drawn without Streamlit's plotly theme (``theme=None``): its template writes tick labels and
titles in a pale grey (rgb(128,132,149), 3.6:1 on white); our figures set every colour themselves
(``gender_targets/charts/palette.py``).
"""

from __future__ import annotations

import html

import streamlit as st

from gender_targets.charts import Chart
from ui.common import NARROW_ONLY, WIDE_ONLY, tr

_CSS = """<style>
.gt-chart-summary {font-size: 0.95rem; color: #333333; margin: 0 0 0.25rem 0; line-height: 1.4;}
</style>"""


def show_chart(
    chart: Chart,
    *,
    key: str,
    config: dict,
    narrow=None,
    height: int | str | None = None,
    table: bool = True,
    summary: bool = True,
) -> None:
    """The figure (named by the summary), the summary line and the data table. ``narrow``: a phone's
    variant (a figure, or a function that draws something else, e.g. a list). ``height``: passed to
    ``st.plotly_chart`` ("stretch" fills a sized container: the deck). ``summary=False`` keeps the line
    out of sight (the figure is still named by it; a page that says the same beside the chart)."""
    kwargs = {} if height is None else {"height": height}
    with st.container(key=f"gtchart_{key}"):
        if narrow is None:
            st.plotly_chart(chart.figure, key=key, config=config, theme=None, **kwargs)
        else:
            with st.container(key=f"{key}{WIDE_ONLY}"):
                st.plotly_chart(chart.figure, key=key, config=config, theme=None, **kwargs)
            with st.container(key=f"{key}{NARROW_ONLY}"):
                if callable(narrow):
                    narrow()
                else:
                    st.plotly_chart(narrow, key=f"{key}_narrow", config=config, theme=None)
        hidden = "" if summary else ' style="position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)"'
        st.html(f'{_CSS}<p class="gt-chart-summary"{hidden}>{html.escape(chart.summary)}</p>')
        if table and not chart.table.empty:
            with st.expander(tr("access.chart.table"), icon=":material/table:"):
                st.dataframe(chart.table, hide_index=True, key=f"{key}_table")
