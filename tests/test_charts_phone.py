"""The narrow variant of a chart (issue 23): the same data, a layout a 390-pixel phone can read."""

from __future__ import annotations

import pandas as pd
import plotly.io as pio

from gender_targets import charts
from gender_targets.periods import Period, period_range
from gender_targets.schema import DEFAULT_TARGETS


def _series() -> pd.DataFrame:
    periods = [str(p) for p in period_range(Period(2021, 4), Period(2026, 2))]
    values = [40 + i for i in range(len(periods))]
    return pd.DataFrame({"period": periods, "value": values, "numerator": values, "denominator": [100] * len(periods)})


def _trajectory():
    fig = charts.trajectory_figure(
        _series(), "I1", DEFAULT_TARGETS, lang="vi", unit_name="xã Hóc Môn", projection=("2030Q4", 70.0)
    )
    return charts.add_footnote(fig, "Nguồn: báo cáo số liệu của các đơn vị; số liệu đến Quý II/2026")


def test_the_narrow_variant_keeps_the_data_and_changes_only_the_layout():
    wide = _trajectory()
    before = pio.to_json(wide)
    narrow = charts.narrow_variant(wide, plot_height=280)
    assert pio.to_json(wide) == before  # the wide figure is not touched
    assert [t.to_plotly_json() for t in narrow.data] == [t.to_plotly_json() for t in wide.data]
    lay = narrow.layout
    assert all(len(line) <= 28 for line in lay.title.text.split("<br>"))
    assert lay.legend.orientation == "v" and lay.xaxis.tickfont.size == 12
    assert len(lay.xaxis.tickvals) <= 6 and len(lay.xaxis.tickvals) == len(lay.xaxis.ticktext)
    [note] = [a for a in lay.annotations if a.name == "footnote"]
    assert all(len(line) <= 34 for line in note.text.split("<br>")) and "Quý II/2026" in note.text
    assert lay.height == lay.margin.t + 280 + lay.margin.b
    assert note.yshift == -lay.margin.b + 4  # under the legend, inside the figure
    rows = [t for t in narrow.data if t.showlegend is not False and t.name]
    assert lay.margin.b >= 40 + len(rows) * 29  # tick labels, then one legend row per entry


def test_a_grid_of_small_charts_on_two_columns():
    rows = []
    for unit in ("A1", "A2", "A3"):
        for p in period_range(Period(2022, 1), Period(2026, 2)):
            rows.append(
                {"unit": unit, "period": str(p), "indicator": "I2", "value": 45.0, "numerator": 9, "denominator": 20}
            )
    frame = pd.DataFrame(rows).assign(reconstructed=False, units_reporting=1, units_expected=1)
    names = {"A1": "xã Một", "A2": "xã Hai", "A3": "xã Ba"}
    grid = charts.small_multiples_figure(frame, "I2", DEFAULT_TARGETS, names, columns=2)
    narrow = charts.narrow_variant(grid, plot_height=220)
    assert narrow.layout.height == narrow.layout.margin.t + 2 * 220 + narrow.layout.margin.b  # two rows
    for axis in ("xaxis", "xaxis2", "xaxis3"):
        assert len(narrow.layout[axis].tickvals) <= 3  # year labels side by side, unturned
