"""Figures: targets drawn from the table (any years, any numbers), the reorganisation line, the
reconstructed styling, hover texts with a decimal comma and the counts, gaps, bands."""

from __future__ import annotations

import itertools
import json
import math

import pandas as pd
import plotly.graph_objects as go
import pytest

from gender_targets import charts
from gender_targets.charts.common import _target_text
from gender_targets.i18n import MESSAGES, t
from gender_targets.periods import Period, period_range
from gender_targets.schema import DEFAULT_TARGETS

LANGS = ["vi", "en"]

OTHER_TARGETS = pd.DataFrame(
    {
        "indicator": ["I1", "I1", "I1", "I2", "I2", "I3"],
        "year": [2026, 2027, 2032, 2026, 2032, 2032],
        "target_percent": [55.0, 62.5, 80.0, 35.0, 45.0, 85.0],
    }
)


def _series() -> pd.DataFrame:
    """A unit whose series is reconstructed up to 2025Q2, with one NaN (zero denominator) in 2024Q4."""
    rows = []
    for i, p in enumerate(period_range(Period(2023, 1), Period(2026, 2))):
        num, den = 4 + i // 3, 12
        if p == Period(2024, 3):
            num = 7
        if p == Period(2024, 4):
            num, den = 0, 0
        rows.append(
            {
                "period": str(p),
                "value": 100 * num / den if den else math.nan,
                "numerator": num,
                "denominator": den,
                "reconstructed": p < Period(2025, 3),
            }
        )
    return pd.DataFrame(rows)


def _indicators() -> pd.DataFrame:
    rows = []
    for unit, base in (("A", 40.0), ("B", 62.0), ("C", 80.0), ("D", math.nan)):
        for i, p in enumerate(period_range(Period(2024, 3), Period(2025, 4))):
            value = base + i if not math.isnan(base) else math.nan
            rows.append(
                {
                    "unit": unit,
                    "period": str(p),
                    "indicator": "I1",
                    "numerator": 0 if math.isnan(value) else round(value),
                    "denominator": 0 if math.isnan(value) else 100,
                    "value": value,
                    "reconstructed": p < Period(2025, 3),
                    "is_area": False,
                }
            )
    frame = pd.DataFrame(rows)
    i2 = frame.assign(indicator="I2", value=frame["value"] / 2)
    return pd.concat([frame, i2], ignore_index=True)


NAMES = {"A": "xã Hóc Môn", "B": "xã Đông Thạnh", "C": "xã Bà Điểm", "D": "xã Xuân Thới Sơn"}


def _json(fig: go.Figure) -> dict:
    return json.loads(fig.to_json())


def _texts(fig: go.Figure) -> str:
    """Every string in the figure, for "is it there" checks."""
    return json.dumps(_json(fig), ensure_ascii=False)


def _trajectory(lang="vi", targets=DEFAULT_TARGETS, **kw) -> go.Figure:
    path = pd.DataFrame({"period": ["2023Q1", "2025Q4", "2030Q4"], "value": [33.3, 60.0, 75.0]})
    kw.setdefault("required_path", path)
    kw.setdefault("projection", ("2030Q4", 71.26))
    return charts.trajectory_figure(_series(), "I1", targets, lang=lang, unit_name="xã Bà Điểm", **kw)


# ---- every figure builds -------------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("targets", [DEFAULT_TARGETS, OTHER_TARGETS], ids=["default", "other"])
def test_every_figure_builds_and_serialises(lang, targets):
    ranking = pd.DataFrame(
        {
            "unit_name": ["a", "b", "c"],
            "value": [50.0, math.nan, 70.0],
            "status": ["on_track", "insufficient_data", None],
            "numerator": [5, 0, 7],
            "denominator": [10, 0, 10],
        }
    )
    figs = [
        _trajectory(lang, targets),
        charts.sparkline_figure(_series(), "I1", targets, lang),
        charts.ranking_figure(ranking, "I1", targets, lang, period="2025Q4"),
        charts.ranking_figure(ranking, "I1", targets, lang),
        charts.heatmap_figure(_indicators(), "I1", targets, NAMES, lang, None),
        charts.small_multiples_figure(_indicators(), "I2", targets, NAMES, lang, ["D", "C", "B", "A"]),
    ]
    for fig in figs:
        assert isinstance(fig, go.Figure)
        data = _json(fig)
        assert data["layout"]["separators"] == (",." if lang == "vi" else ".,")
        assert data["layout"]["font"]["size"] >= 16


@pytest.mark.parametrize("lang", LANGS)
def test_figures_build_without_data(lang):
    empty = pd.DataFrame(columns=["period", "value", "numerator", "denominator", "reconstructed"])
    fig = charts.trajectory_figure(empty, "I2", DEFAULT_TARGETS, lang=lang)
    assert t("chart.no_data", lang) in _texts(fig)
    charts.sparkline_figure(empty, "I2", DEFAULT_TARGETS, lang)
    charts.ranking_figure(pd.DataFrame(columns=["unit_name", "value"]), "I2", DEFAULT_TARGETS, lang)
    no_rows = _indicators().iloc[0:0]
    charts.heatmap_figure(no_rows, "I1", DEFAULT_TARGETS, NAMES, lang, None)
    charts.small_multiples_figure(no_rows, "I1", DEFAULT_TARGETS, NAMES, lang, None)


# ---- trajectory -----------------------------------------------------------------------------
@pytest.mark.parametrize("targets", [DEFAULT_TARGETS, OTHER_TARGETS], ids=["default", "other"])
def test_trajectory_draws_every_milestone_of_the_table(targets):
    fig = _trajectory("vi", targets)
    data = _json(fig)
    rows = targets[targets["indicator"] == "I1"]
    names = [tr.get("name") for tr in data["data"]]
    notes = [a["text"] for a in data["layout"]["annotations"]]
    for r in rows.itertuples():
        shown = _target_text(r.target_percent, "vi")
        line_name = f"Mục tiêu {r.year} ({shown})"
        assert line_name in names
        line = next(tr for tr in data["data"] if tr.get("name") == line_name and tr["mode"] == "lines")
        assert line["y"] == [r.target_percent, r.target_percent]
        marker = next(
            tr for tr in data["data"] if tr.get("meta", {}).get("kind") == "milestone" and tr["meta"]["year"] == r.year
        )
        assert marker["x"] == [r.year + 0.75] and marker["y"] == [r.target_percent]
        # the label sits in the right margin, after its line (no marker can cross it)
        label = next(a for a in data["layout"]["annotations"] if a.get("name") == f"target-{r.year}")
        assert label["text"] == f"{r.year}: {shown}" and label["xref"] == "paper" and label["x"] >= 1.0
        assert label["text"] in notes
    # no milestone of another table sneaks in
    kinds = [tr["meta"]["year"] for tr in data["data"] if tr.get("meta", {}).get("kind") == "target"]
    assert sorted(kinds) == sorted(rows["year"])


def test_other_targets_table_labels_use_its_numbers():
    text = _texts(_trajectory("vi", OTHER_TARGETS))
    assert "Mục tiêu 2027 (62,5%)" in text and "2032: 80%" in text
    assert "Mục tiêu 2030" not in text and "Mục tiêu 2025" not in text
    en = _texts(_trajectory("en", OTHER_TARGETS))
    assert "Target 2027 (62.5%)" in en


def test_trajectory_x_axis_reaches_the_final_milestone():
    data = _json(_trajectory("vi", OTHER_TARGETS, projection=("2032Q4", 70.0)))
    lo, hi = data["layout"]["xaxis"]["range"]
    assert lo <= 2023.0 and hi >= 2032.75


@pytest.mark.parametrize("lang", LANGS)
def test_trajectory_marks_the_reorganisation(lang):
    data = _json(_trajectory(lang))
    lines = [s for s in data["layout"]["shapes"] if s.get("name") == "reorganisation"]
    assert len(lines) == 1
    assert lines[0]["x0"] == lines[0]["x1"] == 2025.5
    assert t("chart.reorganisation", lang) in [a["text"] for a in data["layout"]["annotations"]]
    assert "Sắp xếp đơn vị hành chính 1/7/2025" in _texts(_trajectory("vi"))


def test_reorganisation_can_be_hidden_and_is_left_out_of_range():
    data = _json(_trajectory("vi", show_reorganisation=False))
    assert not [s for s in data["layout"].get("shapes", []) if s.get("name") == "reorganisation"]
    early = _series()[lambda f: f["period"] < "2024Q1"]
    fig = charts.trajectory_figure(early, "I1", DEFAULT_TARGETS.assign(year=DEFAULT_TARGETS["year"] - 7))
    assert not [s for s in _json(fig)["layout"].get("shapes", []) if s.get("name") == "reorganisation"]


@pytest.mark.parametrize("lang", LANGS)
def test_reconstructed_part_is_its_own_trace_and_joins_the_actual_one(lang):
    data = _json(_trajectory(lang))
    rec = next(tr for tr in data["data"] if tr.get("legendgroup") == "reconstructed")
    act = next(tr for tr in data["data"] if tr.get("legendgroup") == "actual")
    assert rec["name"] == t("chart.reconstructed", lang)
    assert rec["line"]["dash"] == "dash" and rec["marker"]["symbol"] == "circle-open"
    assert act["line"].get("dash") in (None, "solid")
    first_actual = next(i for i, v in enumerate(act["y"]) if v is not None)
    assert act["x"][first_actual] == 2025.5
    # the dashed part ends on the first reported point: the two lines meet
    assert rec["y"][first_actual] == act["y"][first_actual]
    assert all(v is None for v in act["y"][:first_actual])
    assert "Dựng lại từ các đơn vị cũ (trước 7/2025)" in MESSAGES["chart.reconstructed"][0]


def test_hover_has_decimal_comma_and_counts():
    vi = _texts(_trajectory("vi"))
    assert "Quý III/2024: 58,3% (7/12 cơ quan)" in vi
    en = _texts(_trajectory("en"))
    assert "Q3 2024: 58.3% (7/12 agencies)" in en
    assert "58,3%" not in en


def test_nan_values_and_missing_quarters_make_gaps():
    series = _series()
    series = series[series["period"] != "2025Q4"]  # a quarter with no row at all
    fig = charts.trajectory_figure(series, "I1", DEFAULT_TARGETS)
    data = _json(fig)
    traces = {tr.get("legendgroup"): tr for tr in data["data"]}
    rec, act = traces["reconstructed"], traces["actual"]
    i_nan = rec["x"].index(2024.75)
    assert rec["y"][i_nan] is None and act["y"][i_nan] is None
    i_missing = act["x"].index(2025.75)
    assert act["y"][i_missing] is None
    assert act["y"][i_missing - 1] is not None and act["y"][i_missing + 1] is not None
    assert rec.get("connectgaps") in (None, False) and act.get("connectgaps") in (None, False)


def test_required_path_and_projection():
    data = _json(_trajectory("vi"))
    path = next(tr for tr in data["data"] if tr.get("meta", {}).get("kind") == "required_path")
    assert path["name"] == "Lộ trình cần đạt" and path["line"]["dash"] == "dash"
    assert path["x"] == [2023.0, 2025.75, 2030.75]
    proj = next(tr for tr in data["data"] if tr.get("meta", {}).get("kind") == "projection")
    assert proj["name"] == "Dự báo theo xu hướng" and proj["line"]["dash"] == "dot"
    last = _series().dropna(subset=["value"]).iloc[-1]
    assert proj["x"] == [2026.25, 2030.75]
    assert proj["y"] == [pytest.approx(last["value"]), 71.26]
    assert "Dự báo Quý IV/2030: 71,3%" in _texts(_trajectory("vi"))


def test_no_projection_without_values():
    empty = pd.DataFrame({"period": ["2024Q1"], "value": [math.nan]})
    fig = charts.trajectory_figure(empty, "I1", DEFAULT_TARGETS, projection=("2030Q4", 50.0))
    assert not [tr for tr in _json(fig)["data"] if tr.get("meta", {}).get("kind") == "projection"]


def test_axes_and_title():
    data = _json(_trajectory("vi"))
    y = data["layout"]["yaxis"]
    assert y["range"] == [0, 100] and y["ticktext"][-1] == "100%"
    x = data["layout"]["xaxis"]
    assert x["tickvals"] and all(isinstance(v, float | int) for v in x["tickvals"])
    # the unit on a line of its own (a subtitle), so narrow charts do not cut the title
    assert data["layout"]["title"]["text"] == "Cơ quan có lãnh đạo chủ chốt nữ"
    assert data["layout"]["title"]["subtitle"]["text"] == "xã Bà Điểm"
    assert data["layout"]["title"]["font"]["size"] >= 20
    assert data["layout"]["legend"]["orientation"] == "h"


def test_short_series_ticks_are_quarter_labels():
    series = _series().iloc[:4]
    x = _json(charts.trajectory_figure(series, "I1", DEFAULT_TARGETS.iloc[0:0]))["layout"]["xaxis"]
    assert x["ticktext"] == ["Quý I/2023", "Quý II/2023", "Quý III/2023", "Quý IV/2023"]
    assert x["tickvals"] == [2023.0, 2023.25, 2023.5, 2023.75]


# ---- sparkline ------------------------------------------------------------------------------
def test_sparkline_is_small_and_bare():
    data = _json(charts.sparkline_figure(_series(), "I1", OTHER_TARGETS, "vi"))
    assert data["layout"]["height"] <= 200
    assert data["layout"]["showlegend"] is False
    assert data["layout"]["xaxis"]["visible"] is False and data["layout"]["yaxis"]["visible"] is False
    target = next(tr for tr in data["data"] if tr.get("meta", {}).get("kind") == "target")
    assert target["y"] == [80.0, 80.0] and target["line"]["dash"] == "dot"


# ---- ranking --------------------------------------------------------------------------------
def _ranking_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "unit_name": ["low", "mid", "top", "none", "edge"],
            "value": [41.5, 62.25, 80.0, math.nan, 60.0],
            "status": ["deteriorating", "on_track", "achieved", "insufficient_data", "needs_acceleration"],
            "numerator": [83, 249, 4, 0, 3],
            "denominator": [200, 400, 5, 0, 5],
        }
    )


def test_ranking_bands_order_and_missing_units():
    fig = charts.ranking_figure(_ranking_frame(), "I1", DEFAULT_TARGETS, "vi", period="2025Q4")
    data = _json(fig)
    bands = {tr["meta"]["band"]: tr for tr in data["data"] if tr["meta"]["kind"] == "band"}
    assert bands["below"]["y"] == ["low"]
    assert sorted(bands["between"]["y"]) == ["edge", "mid"]  # 60 meets the 2025 floor
    assert bands["final"]["y"] == ["top"]
    assert bands["below"]["name"] == "Dưới mục tiêu 2025 (< 60%)"
    assert bands["final"]["name"] == "Đạt mục tiêu 2030 (≥ 75%)"
    assert any(x.startswith(("62,3% (", "62,2% (")) for x in bands["between"]["text"])  # counts beside it
    missing = next(tr for tr in data["data"] if tr["meta"]["kind"] == "no_data")
    assert missing["y"] == ["none"] and missing["text"] == ["—"] and missing["x"] == [0]
    order = data["layout"]["yaxis"]["categoryarray"]
    assert order == ["none", "low", "edge", "mid", "top"]  # plotly draws the first at the bottom
    lines = {s["name"]: s for s in data["layout"]["shapes"]}
    assert lines["Mục tiêu 2025 (60%)"]["x0"] == 60.0 and lines["Mục tiêu 2030 (75%)"]["x0"] == 75.0
    text = _texts(fig)
    assert "low · Quý IV/2025: 41,5% (83/200 cơ quan) — Đang giảm" in text


def test_ranking_thresholds_follow_the_table():
    data = _json(charts.ranking_figure(_ranking_frame(), "I1", OTHER_TARGETS, "en"))
    names = sorted(s["name"] for s in data["layout"]["shapes"])
    assert names == ["Target 2026 (55%)", "Target 2027 (62.5%)", "Target 2032 (80%)"]
    bands = {tr["meta"]["band"]: tr for tr in data["data"] if tr["meta"]["kind"] == "band"}
    assert sorted(bands["between"]["y"]) == ["edge", "mid"]
    assert bands["final"]["y"] == ["top"]


@pytest.mark.parametrize(
    ("value", "band"),
    [(59.999, "below"), (60.0, "between"), (74.9, "between"), (75.0, "final"), (100.0, "final"), (math.nan, None)],
)
def test_band_of(value, band):
    assert charts.band_of(value, charts.milestones(DEFAULT_TARGETS, "I1")) == band


def test_milestones_from_the_table():
    marks = charts.milestones(OTHER_TARGETS, "I1")
    assert [(m.year, m.target) for m in marks] == [(2026, 55.0), (2027, 62.5), (2032, 80.0)]
    assert marks[-1].axis == 2032.75
    assert charts.milestones(OTHER_TARGETS, "I3")[0].year == 2032
    assert charts.band_of(90.0, charts.milestones(OTHER_TARGETS, "I3")) == "final"
    assert charts.band_of(50.0, charts.milestones(OTHER_TARGETS, "I3")) == "below"


# ---- heatmap --------------------------------------------------------------------------------
def test_heatmap_bands_text_and_reconstructed_marks():
    fig = charts.heatmap_figure(_indicators(), "I1", DEFAULT_TARGETS, NAMES, "vi", ["C", "A", "B", "D"])
    data = _json(fig)
    heat = next(tr for tr in data["data"] if tr["type"] == "heatmap")
    assert heat["y"] == ["xã Bà Điểm", "xã Hóc Môn", "xã Đông Thạnh", "xã Xuân Thới Sơn"]
    assert heat["x"][0] == 2024.5 and len(heat["x"]) == 6
    bands = heat["meta"]["bands"]
    code = {b: i for i, b in enumerate(bands)}
    assert heat["z"][0] == [code["final"]] * 6  # C: 80..85
    assert heat["z"][1] == [code["below"]] * 6  # A: 40..45
    assert heat["z"][2] == [code["between"]] * 6  # B: 62..67
    assert heat["z"][3] == [None] * 6  # D: no value, blank
    assert heat["text"][1][0] == "40,0*" and heat["text"][1][-1] == "45,0"
    assert heat["text"][3][0] == ""
    assert "* dựng lại từ các đơn vị cũ (trước 7/2025)" in [a["text"] for a in data["layout"]["annotations"]]
    assert "xã Hóc Môn · Quý III/2024: 40,0% (40/100 cơ quan)" in heat["customdata"][1][0]
    # discrete scale: each band's z value sits in a flat stretch of its own colour
    scale = heat["colorscale"]
    for b, i in code.items():
        pos = (i - heat["zmin"]) / (heat["zmax"] - heat["zmin"])
        below = [c for s, c in scale if s <= pos][-1]
        above = next(c for s, c in scale if s >= pos)
        assert below == above == charts.BAND_COLOURS[b]
    reorg = [s for s in data["layout"]["shapes"] if s.get("name") == "reorganisation"]
    assert reorg and reorg[0]["x0"] == pytest.approx(2025.375)


def test_heatmap_en_uses_decimal_point():
    fig = charts.heatmap_figure(_indicators(), "I1", DEFAULT_TARGETS, NAMES, "en", None)
    heat = _json(fig)["data"][0]
    assert heat["text"][0][0] == "40.0*"
    assert "Below the 2025 target (< 60%)" in _texts(fig)


# ---- small multiples ------------------------------------------------------------------------
def test_small_multiples_one_panel_per_unit():
    fig = charts.small_multiples_figure(_indicators(), "I1", OTHER_TARGETS, NAMES, "vi", ["A", "B", "C", "D", "A"][:4])
    data = _json(fig)
    titles = [a["text"] for a in data["layout"]["annotations"]]
    assert titles[:4] == ["xã Hóc Môn", "xã Đông Thạnh", "xã Bà Điểm", "xã Xuân Thới Sơn"]
    yaxes = [v for k, v in data["layout"].items() if k.startswith("yaxis")]
    assert len(yaxes) == 6 and all(ax["range"] == [0, 100] for ax in yaxes)  # a grid of 3 by 2
    targets = [tr for tr in data["data"] if tr.get("meta", {}).get("kind") == "target"]
    assert len(targets) == 4 and all(tr["y"] == [80.0, 80.0] for tr in targets)
    assert sum(1 for tr in data["data"] if tr.get("showlegend") is not False and tr.get("legendgroup")) == 3
    recs = [tr for tr in data["data"] if tr.get("legendgroup") == "reconstructed"]
    assert recs and all(tr["line"]["dash"] == "dash" for tr in recs)


def test_small_multiples_grid_wraps_at_three_columns():
    frame = _indicators()
    many = pd.concat([frame.assign(unit=frame["unit"] + str(k)) for k in range(3)], ignore_index=True)
    fig = charts.small_multiples_figure(many, "I1", DEFAULT_TARGETS, {}, "en", None)
    data = _json(fig)
    assert len([k for k in data["layout"] if k.startswith("xaxis")]) == 12
    assert len({tuple(v["domain"]) for k, v in data["layout"].items() if k.startswith("xaxis")}) == 3
    assert len({tuple(v["domain"]) for k, v in data["layout"].items() if k.startswith("yaxis")}) == 4
    assert data["layout"]["height"] >= 4 * 200


@pytest.mark.parametrize("n_units", [5, 8, 9, 16, 40])
def test_small_multiples_rows_keep_room_for_year_labels_and_names(n_units):
    """Between two rows sit the year labels of the row above and the unit names of the row below:
    at least 60 pixels however many rows, and every panel keeps at least 120 pixels of height."""
    frame = _indicators()
    many = pd.concat([frame.assign(unit=frame["unit"] + str(k)) for k in range(n_units // 4 + 1)], ignore_index=True)
    units = sorted(many["unit"].unique())[:n_units]
    fig = charts.small_multiples_figure(many, "I1", DEFAULT_TARGETS, {}, "vi", units)
    layout = _json(fig)["layout"]
    plot_px = layout["height"] - layout["margin"]["t"] - layout["margin"]["b"]
    domains = sorted({tuple(v["domain"]) for k, v in layout.items() if k.startswith("yaxis")}, reverse=True)
    assert len(domains) == -(-n_units // 3)
    for (low, _), (_, high) in itertools.pairwise(domains):
        assert (low - high) * plot_px >= 60, (low, high, plot_px)
    assert all((high - low) * plot_px >= 120 for low, high in domains), domains


def test_small_multiples_long_names_wrap_and_stay_plain_text():
    """Three panels to a row are about 175 pixels wide on a 1024-pixel laptop: a long name with its
    end date goes on short lines instead of running into its neighbour's, and markup stays text."""
    names = {
        "A": "xã Xuân Thới Sơn (HM-XTS) — đến Quý II/2025",
        "B": "Khối cơ quan huyện Hóc Môn (HM-KCQ) — đến Quý II/2025",
        "C": "<b>x</b> ![a](http://example.org/p.png)",
        "D": "xã Bà Điểm",
    }
    fig = charts.small_multiples_figure(_indicators(), "I1", DEFAULT_TARGETS, names, "vi", ["A", "B", "C", "D"])
    layout = _json(fig)["layout"]
    titles = [a["text"] for a in layout["annotations"]][:4]
    assert titles[0] == "xã Xuân Thới Sơn<br>(HM-XTS)<br>— đến Quý II/2025"
    assert all(len(line) <= 22 for title in titles[:2] for line in title.split("<br>")), titles
    assert "<b>" not in titles[2] and "&lt;b&gt;x&lt;/b&gt;" in titles[2]
    assert titles[3] == "xã Bà Điểm"
    # room for the extra title lines: still 60 px of year labels below each panel plus 20 per line
    short = charts.small_multiples_figure(_indicators(), "I1", DEFAULT_TARGETS, {}, "vi", ["A", "B", "C", "D"])
    assert layout["height"] > _json(short)["layout"]["height"]


# ---- config and colours ---------------------------------------------------------------------
def test_config_png_download_with_ascii_name():
    cfg = charts.config("vi", "Lộ trình tỷ lệ nữ quy hoạch — xã Bà Điểm")
    assert cfg["displaylogo"] is False
    assert cfg["toImageButtonOptions"] == {
        "format": "png",
        "filename": "lo-trinh-ty-le-nu-quy-hoach-xa-ba-diem",
        "scale": 2,
    }
    assert cfg["locale"] == "vi"
    assert "locale" not in charts.config("en", "x")
    assert charts.config("vi", "x", minimal=True)["displayModeBar"] is False


def test_chart_filename_is_ascii():
    name = charts.chart_filename("trajectory", "I2", "xã Bà Điểm")
    assert name == "lo-trinh-nu-trong-dien-quy-hoach-xa-ba-diem"
    assert name.isascii()
    assert charts.chart_filename("heatmap", "I1", lang="en") == "heatmap-agencies-with-a-woman-key-leader"


def test_status_colours_cover_every_status():
    statuses = {k.split(".", 1)[1] for k in MESSAGES if k.startswith("status.")}
    assert set(charts.STATUS_COLOURS) == statuses
    assert all(c.startswith("#") and len(c) == 7 for c in charts.STATUS_COLOURS.values())


def test_every_chart_key_has_both_languages():
    for key, (vi, en) in MESSAGES.items():
        if key.startswith(("chart.", "export.")):
            assert vi and en, key


# -- meetings: readability, notes, footnotes, deck sizes -------------------------------------------
def test_axis_text_is_explicit_dark_and_large():
    targets = DEFAULT_TARGETS
    """Streamlit's theme template sets 12 px grey ticks unless the figure says otherwise."""
    frame = pd.DataFrame({"period": ["2024Q1", "2024Q2", "2024Q3", "2024Q4", "2025Q1"], "value": [40, 41, 43, 44, 100]})
    fig = charts.trajectory_figure(frame, "I2", targets, projection=("2030Q4", 100.0), lang="vi")
    data = _json(fig)
    for axis in ("xaxis", "yaxis"):
        assert data["layout"][axis]["tickfont"]["size"] >= 14
        assert data["layout"][axis]["tickfont"]["color"] == charts.COLOURS["text"]
    # the projection and a 100 % value are drawn whole, not cut by the frame
    assert all(tr.get("cliponaxis") is False for tr in data["data"] if tr["type"] == "scatter")
    assert data["layout"]["separators"] == ",."


def test_notes_are_escaped_annotations_and_footnote_wraps():
    targets = DEFAULT_TARGETS
    frame = pd.DataFrame({"period": ["2024Q1", "2024Q2"], "value": [40.0, 42.0]})
    fig = charts.trajectory_figure(frame, "I1", targets, lang="vi")
    charts.add_notes(fig, [("2024Q2", "UBND <b>bầu lại</b> *Chủ tịch* & [link](x)")], frame)
    charts.add_footnote(fig, "Nguồn: báo cáo của các đơn vị; số liệu đến Quý II/2024, cập nhật lúc 10:00 01/07/2024")
    notes = [a for a in fig.layout.annotations if a.name == "note"]
    assert len(notes) == 1 and notes[0].x == 2024.25 and notes[0].y == 42.0
    assert "<b>" not in notes[0].text and "&lt;b&gt;bầu lại&lt;/b&gt;" in notes[0].text and "&amp;" in notes[0].text
    foot = next(a for a in fig.layout.annotations if a.name == "footnote")
    assert foot.text.split("<br>") == [
        "Nguồn: báo cáo của các đơn vị;",
        "số liệu đến Quý II/2024, cập nhật lúc 10:00 01/07/2024",
    ]
    assert fig.layout.margin.b >= 100 + 2 * 13


def test_deck_style_sizes():
    targets = DEFAULT_TARGETS
    frame = pd.DataFrame({"period": ["2024Q1", "2024Q2"], "value": [40.0, 42.0]})
    fig = charts.deck_style(charts.trajectory_figure(frame, "I1", targets, lang="vi"), fill=True)
    assert fig.layout.title.font.size >= 24
    assert fig.layout.xaxis.tickfont.size >= 16 and fig.layout.yaxis.tickfont.size >= 16
    assert fig.layout.height is None and fig.layout.legend.yref == "container"
    assert all(a.font.size >= 16 for a in fig.layout.annotations)


@pytest.mark.parametrize("lang", LANGS)
def test_ranking_title_says_what_is_ranked(lang):
    from gender_targets.i18n import t

    units = _json(charts.ranking_figure(_ranking_frame(), "I1", DEFAULT_TARGETS, lang))["layout"]["title"]["text"]
    areas = _json(charts.ranking_figure(_ranking_frame(), "I1", DEFAULT_TARGETS, lang, ranked="areas"))
    areas_title = areas["layout"]["title"]["text"]
    assert t("chart.ranked.units", lang) in units and t("chart.ranked.areas", lang) not in units
    assert t("chart.ranked.areas", lang) in areas_title and t("chart.ranked.units", lang) not in areas_title


def test_footnote_grow_keeps_the_plot_size_and_wraps_to_width():
    note = "Nguồn: báo cáo của các đơn vị, tổng hợp bằng phần mềm; số liệu đến Quý II/2024, cập nhật 01/07/2024"

    def plot_height(fig):
        m = fig.layout.margin
        return fig.layout.height - m.t - m.b

    spark = charts.sparkline_figure(_series(), "I1", DEFAULT_TARGETS, "vi")
    plot = plot_height(spark)
    charts.add_footnote(spark, note, size=10, width=40, clear=8, grow=True)
    assert plot_height(spark) == plot
    (ann,) = [a for a in spark.layout.annotations if a.name == "footnote"]
    assert all(len(line) <= 40 for line in ann.text.split("<br>")) and "Quý II/2024" in ann.text
    plain_fig = charts.sparkline_figure(_series(), "I1", DEFAULT_TARGETS, "vi")
    charts.add_footnote(plain_fig, note)
    assert plain_fig.layout.height == 160 and plot_height(plain_fig) < plot  # without grow the plot shrinks
