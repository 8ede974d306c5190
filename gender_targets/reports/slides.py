"""The meeting deck (trang Trình chiếu) as data: an ordered list of slides built from the same
``ReportContent`` as the written report, so a slide and the báo cáo of that quarter say the same.

Order (fixed):

1. one slide per indicator for the area: value, change on the previous quarter and on a year
   before, milestone results, status toward the final target in words, and the trajectory;
2. one slide per indicator ranking every current unit against the thresholds;
3. the units falling behind (status ``limited_progress`` or ``deteriorating`` on any indicator);
4. the latest quarter's completeness: which current units have sent it;
5. optionally one slide per current unit (its three indicators).

The deck is the report as of the latest quarter anyone sent (``deck_period``): every figure is
``judgement``'s, exactly the ``status`` command's. The area is judged on its latest *complete*
quarter (every unit that existed sent it), as on the overview; a later quarter still coming in is
shown as provisional ("mới có 1/4 đơn vị"), never as the area's figure. Each unit is ranked on its
own judged quarter, with its counts. Completeness is shown for the latest quarter anyone sent.
Units that ended (e.g. merged on 1/7/2025) are not current and so are never ranked or judged.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .. import charts
from ..campaign.timeliness import completeness_rows, log_from_bodies
from ..i18n import t
from ..periods import Period, parse_period, period_indexes
from ..progress import assess, projection_point, required_path_frame
from ..summary import TERRITORY
from ..units import Register
from .content import IndicatorPart, ReportContent

__all__ = ["Slide", "build_slides", "completeness", "deck_period"]


#: a ranking slide draws every unit up to this many (a bar and its 16-pixel label need about 20 of
#: the 200 pixels a 1280×720 projector leaves the plot); a longer one its lowest ``RANKING_CUT`` (the
#: units a committee must act on), the data table holding them all (34 provinces, 98 communes)
RANKING_ALL_UP_TO = 10
RANKING_CUT = 10


@dataclass
class Slide:
    kind: str  # indicator | ranking | behind | completeness | unit
    indicator: str | None = None
    part: IndicatorPart | None = None
    #: the chart (``charts.Chart``: figure, data table, summary), or a function that makes it: a deck
    #: draws one slide at a time, so a slide's figure is built when it is first shown
    made: object | None = field(default=None, repr=False)
    unit: str | None = None
    rows: list[dict] = field(default_factory=list)
    period: str | None = None
    timeliness: object | None = None  # campaign.Timeliness of the completeness slide
    shown: int | None = None  # a ranking cut short: how many units it draws, of ``len(rows)``…
    total: int | None = None  # … of this many

    @property
    def chart(self):
        if callable(self.made):
            self.made = self.made()
        return self.made

    @property
    def figure(self):
        chart = self.chart
        return None if chart is None else chart.figure


def deck_period(indicators: pd.DataFrame, area: str) -> str | None:
    """The quarter the deck is as of: the latest quarter in which some unit of ``area`` sent data
    (the judgement then picks the area's judged quarter, ``ReportContent.parts[k].period``)."""
    if indicators.empty:
        return None
    first = indicators["indicator"] == indicators["indicator"].iloc[0]
    if area == TERRITORY:  # the whole territory: the latest quarter any area heard from
        rows = indicators[indicators["is_area"].astype(bool) & first]
    else:
        rows = indicators[(indicators["unit"] == area) & first]
    rows = rows[rows["units_reporting"] > 0]
    if rows.empty:
        return None
    return str(rows["period"].iloc[int(np.argmax(period_indexes(rows["period"])))])


def completeness(
    bodies: pd.DataFrame,
    register: Register,
    area: str,
    period: str,
    *,
    log: pd.DataFrame | None = None,
    deadlines: dict | None = None,
    today=None,
    lang: str = "vi",
) -> list[dict]:
    """Every unit of ``area`` that exists in ``period``: ``unit, name, sent`` (bool) and its state and
    timing in words, by the campaign's one rule (``campaign.timeliness.completeness_rows``). ``log``:
    ``Store.submission_log()`` (without it, the active body rows say who sent, times unknown)."""
    rows, _ = completeness_rows(
        log if log is not None else log_from_bodies(bodies), register, area, period, deadlines, today, lang
    )
    return rows


def _trajectory(
    series: pd.DataFrame,
    indicator: str,
    targets: pd.DataFrame,
    lang: str,
    name: str,
    notes: list[tuple[str, str]],
    height: int,
    fill: bool = True,
):
    prog = assess(series[["period", "value", "reconstructed"]], indicator, targets)
    path = required_path_frame(prog)[["period", "value"]] if prog.required_path else None
    fig = charts.trajectory_figure(
        series,
        indicator,
        targets,
        required_path=path,
        projection=projection_point(prog),
        lang=lang,
        unit_name=name,
        height=height,
    )
    charts.add_notes(fig, notes, series, size=16)
    return charts.deck_style(fig, fill=fill)


def build_slides(
    content: ReportContent,
    indicators: pd.DataFrame,
    bodies: pd.DataFrame,
    register: Register,
    lang: str = "vi",
    *,
    notes: pd.DataFrame | None = None,
    per_unit: bool = False,
    chart_height: int = 470,
    log: pd.DataFrame | None = None,
    deadlines: dict | None = None,
) -> list[Slide]:
    """The slides in their fixed order (see the module docstring). ``log`` / ``deadlines``:
    ``Store.submission_log()`` / ``Store.deadlines()`` for the completeness slide's timeliness."""
    slides: list[Slide] = []
    notes = notes if notes is not None else pd.DataFrame(columns=["unit", "indicator", "period", "text"])

    def notes_of(unit: str, ind: str) -> list[tuple[str, str]]:
        if notes.empty:
            return []
        hit = notes[(notes["unit"] == unit) & (notes["indicator"].isin([ind, ""]))]
        return [(str(r.period), str(r.text)) for r in hit.itertuples()]

    def indicator_chart(part: IndicatorPart):
        def make():
            fig = _trajectory(
                part.series,
                part.indicator,
                content.targets,
                lang,
                content.area_name,
                notes_of(content.area, part.indicator),
                chart_height,
            )
            summary = charts.series_summary(
                part.series,
                part.indicator,
                content.targets,
                part.status,
                lang,
                kind="trajectory",
                name=content.area_name,
            )
            return charts.Chart(fig, charts.series_table(part.series, part.indicator, lang), summary)

        return make

    def ranking_chart(part: IndicatorPart, frame: pd.DataFrame, drawn: pd.DataFrame):
        def make():
            # each unit on its own judged quarter (the stamp says up to which quarter): no one quarter in the title
            what = "areas" if content.area == TERRITORY else "units"
            chart = charts.ranking_chart(drawn, part.indicator, content.targets, lang, ranked=what)
            if len(drawn) < len(frame):  # the table and the summary hold every unit
                whole = charts.ranking_chart(frame, part.indicator, content.targets, lang, ranked=what)
                chart = charts.Chart(chart.figure, whole.table, whole.summary)
                words = t(
                    "access.deck.ranking_cut",
                    lang,
                    shown=len(drawn),
                    n=len(frame),
                    what=t(f"access.chart.what.{what}", lang),
                )
                top = chart.figure.layout.margin.t or 96
                # the subtitle's line, above the target labels that stand over the plot
                chart.figure.update_layout(title_subtitle_text=charts.plain(words), margin={"t": top + 30})
            charts.deck_style(chart.figure, fill=True)
            # every bar named (plotly skips every other name when rows are under its 18-pixel font)
            chart.figure.update_yaxes(tickmode="linear", dtick=1, tickfont={"size": 16})
            return chart

        return make

    for part in content.parts:
        slides.append(
            Slide("indicator", part.indicator, part, indicator_chart(part), content.area, period=content.period)
        )
    for part in content.parts:
        frame = pd.DataFrame(
            [
                {
                    "unit_name": u.name,
                    "value": u.values[part.indicator],
                    "status": u.statuses[part.indicator],
                    "numerator": getattr(u.cells.get(part.indicator), "numerator", None),
                    "denominator": getattr(u.cells.get(part.indicator), "denominator", None),
                }
                for u in content.units
            ],
            columns=["unit_name", "value", "status", "numerator", "denominator"],
        )
        drawn = frame
        if len(frame) > RANKING_ALL_UP_TO:  # the lowest, numbered by their place among all
            order = frame.assign(v=pd.to_numeric(frame["value"], errors="coerce")).sort_values(
                ["v", "unit_name"], ascending=[False, True], na_position="last"
            )
            order = order[order["v"].notna()]
            order["unit_name"] = [f"{k}. {n}" for k, n in enumerate(order["unit_name"], start=1)]
            drawn = order.tail(RANKING_CUT).drop(columns="v")
        slides.append(
            Slide(
                "ranking",
                part.indicator,
                part,
                ranking_chart(part, frame, drawn),
                period=content.period,
                shown=len(drawn),
                total=len(frame),
            )
        )
    behind = [
        {
            "unit": u.unit,
            "name": u.name,
            "items": [(ind, u.values[ind], u.statuses[ind]) for ind in u.statuses],
            "cells": dict(u.cells),
        }
        for u in content.behind
    ]
    slides.append(Slide("behind", rows=behind, period=content.period))
    latest = content.period
    if len(bodies):
        periods = sorted(set(bodies["period"]), key=lambda s: parse_period(s).index)
        latest = periods[-1]
    if content.area == TERRITORY:  # each area: how many of its units have sent (its campaign page has the rest)
        rows, timely = _areas_sent(indicators, register, [u.unit for u in content.units], latest, lang), None
    else:
        rows, timely = completeness_rows(
            log if log is not None else log_from_bodies(bodies), register, content.area, latest, deadlines, lang=lang
        )
    slides.append(Slide("completeness", rows=rows, period=latest, timeliness=timely))
    if per_unit:
        for u in content.units:
            figs = []
            for part in content.parts:
                series = indicators[(indicators["unit"] == u.unit) & (indicators["indicator"] == part.indicator)]
                series = series[period_indexes(series["period"]) <= parse_period(content.period).index]
                series = series.iloc[period_indexes(series["period"]).argsort()].reset_index(drop=True)
                figs.append(series)
            slides.append(
                Slide(
                    "unit",
                    unit=u.unit,
                    rows=[{"name": u.name, "values": u.values, "statuses": u.statuses, "series": figs}],
                    period=content.period,
                )
            )
    return slides


def _areas_sent(indicators: pd.DataFrame, register: Register, areas: list[str], period: str, lang: str) -> list[dict]:
    """The completeness slide of the whole territory: one row per area, ``sent`` when every one of its
    units has sent ``period``, ``word`` saying how many ("đủ 98/98 đơn vị", "mới có 40/98 đơn vị")."""
    now = indicators[(indicators["period"] == str(period)) & indicators["unit"].isin(areas)]
    now = now.drop_duplicates("unit").set_index("unit")
    rows = []
    for a in areas:
        got = int(now.at[a, "units_reporting"]) if a in now.index else 0
        due = int(now.at[a, "units_expected"]) if a in now.index else len(register.units_in(a))
        done = due > 0 and got >= due
        word = t("access.deck.area_sent" if done else "access.deck.area_partial", lang, sent=got, total=due)
        rows.append({"unit": a, "name": register.name(a), "sent": done, "word": word})
    return rows


def unit_figure(
    series: pd.DataFrame,
    indicator: str,
    targets: pd.DataFrame,
    lang: str,
    name: str,
    notes: list[tuple[str, str]] | None = None,
    height: int = 420,
):
    """A unit's trajectory for its own slide (deck sizes)."""
    return _trajectory(series, indicator, targets, lang, name, notes or [], height, fill=True)


def period_label(period: str | Period, lang: str) -> str:
    return parse_period(period).label(lang)
