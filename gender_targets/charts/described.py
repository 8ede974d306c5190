"""Charts that carry their words (issue 17): a ``Chart`` is the figure, the same numbers as a table
(columns named from the catalogue, numbers written in the language: "45,0"), and a one-line summary
(what it shows, the latest value, the status in words — never colour alone). ``ui/charts.py``
``show_chart`` draws the three: the figure named by the summary (a screen reader hears it), the
summary under it, and the table in an expander "Xem bảng số liệu".

Each ``*_chart`` builder calls its ``*_figure`` (still public: the report's pictures and the deck use
them) and describes it from the same data."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from ..i18n import number, percent, t
from ..periods import parse_period
from .common import _bands, _indicator_rows, _isnan, _num, _short, _target_text, _unit_order, band_label, band_of
from .common import milestones as _milestones
from .grid import heatmap_figure, small_multiples_figure
from .ranking import ranking_figure
from .strip import status_strip_figure
from .trajectory import sparkline_figure, trajectory_figure


@dataclass
class Chart:
    """A figure with its words: ``table`` holds the numbers drawn, ``summary`` says them in one line."""

    figure: go.Figure
    table: pd.DataFrame
    summary: str
    narrow: go.Figure | None = field(default=None)  # a phone's variant, when the page makes one


# ---- words ------------------------------------------------------------------------------------
def _status_words(status: str | None, lang: str) -> str:
    return t(f"status.{status}", lang) if isinstance(status, str) and status else t("status.insufficient_data", lang)


def _count(value, lang: str) -> str:
    return "" if _isnan(value) else number(float(value), lang)


def _value(value, lang: str) -> str:
    return "" if _isnan(value) else number(float(value), lang, 1)


def _indicator_words(indicator: str, lang: str) -> str:
    return f"{indicator} ({_short(indicator, lang)})"


def _band_counts(values: list, marks, lang: str) -> str:
    """ "Đạt mục tiêu 2030 (≥ 75%): 3; …; Chưa có số liệu: 1" (only the bands that hold someone)."""
    counts: dict[str, int] = {}
    none = 0
    for v in values:
        band = band_of(_num(v), marks) if marks else None
        if band is None:
            none += 1
        else:
            counts[band] = counts.get(band, 0) + 1
    parts = [
        t("access.chart.band_count", lang, band=band_label(b, marks, lang), n=counts[b])
        for b in reversed(_bands(marks) if marks else [])
        if counts.get(b)
    ]
    if none:
        parts.append(t("access.chart.band_count", lang, band=t("chart.no_data", lang), n=none))
    return "; ".join(parts)


def series_table(series: pd.DataFrame, indicator: str, lang: str = "vi", required_path=None) -> pd.DataFrame:
    """One row per quarter with a value: the quarter, the value, its counts, whether reconstructed
    (and the required path's value there, when drawn)."""
    cols = [t("col.period", lang), t("col.value", lang), t("col.numerator", lang), t("col.denominator", lang)]
    if series is None or series.empty:
        return pd.DataFrame(columns=cols)
    frame = series.copy()
    frame = frame.assign(qp=frame["period"].map(parse_period)).sort_values("qp")
    path = {}
    if required_path is not None and len(required_path):
        path = {str(p): v for p, v in zip(required_path["period"], required_path["value"], strict=True)}
    rows = []
    for r in frame.itertuples():
        row = {
            cols[0]: r.qp.label(lang),
            cols[1]: _value(r.value, lang) or "—",
            cols[2]: _count(getattr(r, "numerator", None), lang),
            cols[3]: _count(getattr(r, "denominator", None), lang),
        }
        if "reconstructed" in frame:
            rec = getattr(r, "reconstructed", False)
            row[t("col.reconstructed", lang)] = t("access.chart.yes", lang) if not _isnan(rec) and bool(rec) else ""
        if path:
            row[t("access.chart.col.required", lang)] = _value(path.get(str(r.period)), lang)
        rows.append(row)
    return pd.DataFrame(rows)


def series_summary(
    series: pd.DataFrame,
    indicator: str,
    targets: pd.DataFrame,
    status: str | None,
    lang: str,
    *,
    kind: str,
    name: str = "",
) -> str:
    """ "Biểu đồ lộ trình I1 (…) của Phường X: mới nhất 45,0% (Quý III/2026), mục tiêu 2030 là 75%;
    tình trạng: Cần tăng tốc." """
    of = t("access.chart.of", lang, name=name) if name else ""
    words = {"kind": t(f"access.chart.kind.{kind}", lang), "indicator": _indicator_words(indicator, lang), "of": of}
    valued = (
        series[pd.to_numeric(series["value"], errors="coerce").notna()] if series is not None and len(series) else None
    )
    if valued is None or valued.empty:
        return t("access.chart.trajectory_empty", lang, **words)
    last = valued.assign(qp=valued["period"].map(parse_period)).sort_values("qp").iloc[-1]
    marks = _milestones(targets, indicator)
    target = (
        t("access.chart.target", lang, year=marks[-1].year, value=_target_text(marks[-1].target, lang)) if marks else ""
    )
    return t(
        "access.chart.trajectory",
        lang,
        **words,
        value=percent(float(last["value"]), lang, 1),
        period=last["qp"].label(lang),
        target=target,
        status=_status_words(status, lang),
    )


# ---- builders ---------------------------------------------------------------------------------
def trajectory_chart(
    series: pd.DataFrame,
    indicator: str,
    targets: pd.DataFrame,
    *,
    status: str | None = None,
    lang: str = "vi",
    unit_name: str = "",
    required_path: pd.DataFrame | None = None,
    **kwargs,
) -> Chart:
    """``trajectory_figure`` with its table and summary (``status``: the judgement's code)."""
    fig = trajectory_figure(
        series, indicator, targets, required_path=required_path, lang=lang, unit_name=unit_name, **kwargs
    )
    return Chart(
        fig,
        series_table(series, indicator, lang, required_path),
        series_summary(series, indicator, targets, status, lang, kind="trajectory", name=unit_name),
    )


def sparkline_chart(
    series: pd.DataFrame, indicator: str, targets: pd.DataFrame, lang: str = "vi", *, status=None, name: str = ""
) -> Chart:
    """``sparkline_figure`` with its table and summary."""
    return Chart(
        sparkline_figure(series, indicator, targets, lang),
        series_table(series, indicator, lang),
        series_summary(series, indicator, targets, status, lang, kind="sparkline", name=name),
    )


def ranking_table(frame: pd.DataFrame, targets: pd.DataFrame, indicator: str, lang: str = "vi") -> pd.DataFrame:
    """The ranked rows, highest first: place, name, value, counts, band and status in words."""
    marks = _milestones(targets, indicator)
    data = frame.copy()
    data["value"] = pd.to_numeric(data["value"], errors="coerce")
    data = data.sort_values(["value", "unit_name"], ascending=[False, True], na_position="last")
    rows = []
    for k, r in enumerate(data.itertuples(), start=1):
        band = band_of(_num(r.value), marks) if marks else None
        rows.append(
            {
                t("access.chart.col.rank", lang): str(k) if not _isnan(r.value) else "—",
                t("col.unit_name", lang): str(r.unit_name),
                t("col.value", lang): _value(r.value, lang) or "—",
                t("col.numerator", lang): _count(getattr(r, "numerator", None), lang),
                t("col.denominator", lang): _count(getattr(r, "denominator", None), lang),
                t("access.chart.col.band", lang): band_label(band, marks, lang) if band else t("chart.no_data", lang),
                t("col.status", lang): _status_words(getattr(r, "status", None), lang)
                if isinstance(getattr(r, "status", None), str)
                else "",
            }
        )
    return pd.DataFrame(rows)


def ranking_chart(
    frame: pd.DataFrame,
    indicator: str,
    targets: pd.DataFrame,
    lang: str = "vi",
    *,
    period: str | None = None,
    ranked: str = "units",
) -> Chart:
    """``ranking_figure`` with its table and summary (highest, lowest, how many in each band)."""
    fig = ranking_figure(frame, indicator, targets, lang, period=period, ranked=ranked)
    table = ranking_table(frame, targets, indicator, lang)
    marks = _milestones(targets, indicator)
    values = pd.to_numeric(frame["value"], errors="coerce")
    valued = frame[values.notna()].assign(value=values[values.notna()])
    ind = _indicator_words(indicator, lang)
    if valued.empty:
        return Chart(fig, table, t("access.chart.ranking_empty", lang, indicator=ind))
    ordered = valued.sort_values(["value", "unit_name"], ascending=[False, True])
    top, bottom = ordered.iloc[0], ordered.iloc[-1]
    said = lambda r: f"{r['unit_name']} ({percent(float(r['value']), lang, 1)})"  # noqa: E731
    summary = t(
        "access.chart.ranking",
        lang,
        n=len(frame),
        what=t(f"access.chart.what.{ranked}", lang),
        indicator=ind,
        when=t("access.chart.when", lang, period=parse_period(period).label(lang)) if period else "",
        top=said(top),
        bottom=said(bottom),
        bands=_band_counts(list(values), marks, lang),
    )
    return Chart(fig, table, summary)


def grid_table(
    indicators: pd.DataFrame, indicator: str, unit_names: dict[str, str], lang: str = "vi", units=None
) -> pd.DataFrame:
    """Units × quarters, the values as drawn ("*" after a reconstructed one), one row per unit."""
    frame = _indicator_rows(indicators, indicator)
    order = _unit_order(frame, units)
    frame = frame[frame["unit"].isin(order)]
    periods = sorted({parse_period(p) for p in frame["period"]})
    lookup = {(r.unit, parse_period(r.period)): r for r in frame.itertuples()}
    rows = []
    for u in order:
        row = {t("col.unit_name", lang): unit_names.get(u, u)}
        for q in periods:
            r = lookup.get((u, q))
            value = _num(r.value) if r is not None else None
            rec = r is not None and not _isnan(r.reconstructed) and bool(r.reconstructed)
            row[q.label(lang)] = "" if value is None else _value(value, lang) + ("*" if rec else "")
        rows.append(row)
    return pd.DataFrame(rows)


def _grid_summary(indicators, indicator, targets, units, lang: str, key: str, what: str) -> str:
    frame = _indicator_rows(indicators, indicator)
    order = _unit_order(frame, units)
    frame = frame[frame["unit"].isin(order)]
    ind = _indicator_words(indicator, lang)
    if frame.empty:
        return t("access.chart.grid_empty", lang, indicator=ind)
    periods = sorted({parse_period(p) for p in frame["period"]})
    last = periods[-1]
    latest = {r.unit: r.value for r in frame.itertuples() if parse_period(r.period) == last}
    return t(
        key,
        lang,
        indicator=ind,
        n=len(order),
        what=t(f"access.chart.what.{what}", lang),
        one=t(f"access.chart.one.{what}", lang),
        first=periods[0].label(lang),
        last=last.label(lang),
        period=last.label(lang),
        bands=_band_counts([latest.get(u) for u in order], _milestones(targets, indicator), lang),
    )


def heatmap_chart(
    indicators: pd.DataFrame,
    indicator: str,
    targets: pd.DataFrame,
    unit_names: dict[str, str],
    lang: str = "vi",
    units: list[str] | None = None,
    *,
    what: str = "units",
) -> Chart:
    """``heatmap_figure`` with its table (units × quarters) and summary (the latest quarter's bands)."""
    return Chart(
        heatmap_figure(indicators, indicator, targets, unit_names, lang=lang, units=units),
        grid_table(indicators, indicator, unit_names, lang, units),
        _grid_summary(indicators, indicator, targets, units, lang, "access.chart.heatmap", what),
    )


def small_multiples_chart(
    indicators: pd.DataFrame,
    indicator: str,
    targets: pd.DataFrame,
    unit_names: dict[str, str],
    lang: str = "vi",
    units: list[str] | None = None,
    *,
    what: str = "units",
    columns: int | None = None,
) -> Chart:
    """``small_multiples_figure`` with the same table as the heatmap and its own summary."""
    extra = {} if columns is None else {"columns": columns}
    return Chart(
        small_multiples_figure(indicators, indicator, targets, unit_names, lang=lang, units=units, **extra),
        grid_table(indicators, indicator, unit_names, lang, units),
        _grid_summary(indicators, indicator, targets, units, lang, "access.chart.multiples", what),
    )


def status_strip_chart(history: pd.DataFrame, indicator: str, lang: str = "vi", **kwargs) -> Chart:
    """``status_strip_figure`` with its table (quarter, status, value judged on) and summary."""
    rows = history.reset_index(drop=True)
    table = pd.DataFrame(
        {
            t("col.period", lang): [parse_period(p).label(lang) for p in rows["period"]],
            t("col.status", lang): [_status_words(s, lang) for s in rows["status"]],
            t("col.value", lang): [_value(v, lang) or "—" for v in rows["value"]],
        }
    )
    cells = "; ".join(
        t("access.chart.strip_cell", lang, period=p, status=s)
        for p, s in zip(table.iloc[:, 0], table.iloc[:, 1], strict=True)
    )
    summary = t("access.chart.strip", lang, indicator=_indicator_words(indicator, lang), n=len(rows), cells=cells)
    return Chart(status_strip_figure(history, indicator, lang, **kwargs), table, summary)
