"""Dữ liệu: filter the indicator table and download exactly what is shown (.xlsx, .csv)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from gender_targets.clock import now_vn
from gender_targets.exports import export_filename, to_csv, to_csv_excel, to_xlsx, translate_columns
from gender_targets.judgement import counts_text, row_flags
from gender_targets.periods import parse_period, period_indexes
from gender_targets.schema import INDICATORS
from ui.common import (
    data_page,
    indicator_label,
    lang,
    pct,
    period_label,
    status_text,
    tr,
    unit_label,
    unit_options,
)
from ui.gate import page_gate

page_gate(__file__)

model = data_page("ui.data.title")
reg = model.register

options = unit_options(model)
with st.container(border=True):
    c1, c2 = st.columns([3, 2])
    units = c1.multiselect(
        tr("ui.data.units"),
        options,
        default=reg.areas[:1],
        format_func=lambda c: unit_label(model, c),
        key="data_units",
        placeholder=tr("ui.data.units_placeholder"),
    )
    inds = c2.multiselect(
        tr("ui.data.indicators"),
        list(INDICATORS),
        default=list(INDICATORS),
        format_func=indicator_label,
        key="data_inds",
    )
    c3, c4, c5 = st.columns([3, 2, 2])
    first, last = c3.select_slider(
        tr("ui.data.range"),
        options=model.periods,
        value=(model.periods[0], model.periods[-1]),
        format_func=period_label,
        key="data_range",
    )
    statuses = ["achieved", "on_track", "needs_acceleration", "limited_progress", "deteriorating", "insufficient_data"]
    chosen_status = c4.multiselect(
        tr("ui.data.status"),
        statuses,
        default=[],
        format_func=status_text,
        key="data_status",
        placeholder=tr("ui.data.status_placeholder"),
        help=tr("judgement.data_status_help"),
    )
    with_recon = c5.checkbox(tr("ui.data.reconstructed"), value=True, key="data_recon")

frame = model.indicators
lo, hi = parse_period(first).index, parse_period(last).index
idx = pd.Series(period_indexes(frame["period"]), index=frame.index)
mask = (idx >= lo) & (idx <= hi) & frame["indicator"].isin(inds)
if units:
    mask &= frame["unit"].isin(units)
if not with_recon:
    mask &= ~frame["reconstructed"]
view = frame[mask].copy()
# The one judgement (gender_targets.judgement): a series is judged on one row — its latest complete
# quarter — so the status and what one person means go on that row only; a row of a quarter still
# coming in is marked provisional. An ended unit gets no status (it is not judged).
judged_flag, provisional_flag = model.memoised(("row_flags",), lambda: row_flags(model.indicators))
view["provisional"] = pd.Series(provisional_flag, index=frame.index)[view.index].to_numpy()
judged_cols = ["status", "one_person_points", "people_needed", "fragile", "small"]
if not model.status.empty:
    latest = model.status[model.status["active"] | model.status["is_area"]]
    latest = latest.set_index(["unit", "indicator", "period"])[judged_cols]
    keys = list(zip(view["unit"], view["indicator"], view["period"], strict=True))
    found = latest.reindex(keys)
    for col in judged_cols:
        view[col] = found[col].to_numpy()
else:
    for col in judged_cols:
        view[col] = None
if chosen_status:
    view = view[view["status"].isin(chosen_status)]
view = view.assign(_i=idx[view.index]).sort_values(["unit", "indicator", "_i"]).drop(columns="_i")
view = view.rename(columns={"status": "status_judged"})
view["counts"] = [
    counts_text(i, n, d, lang())
    for i, n, d in zip(view["indicator"], view["numerator"], view["denominator"], strict=True)
]
cols = ["unit", "period", "indicator", "numerator", "denominator", "counts", "value", "units_reporting"]
cols += ["units_expected", "provisional", "reconstructed", "status_judged", "one_person_points", "people_needed"]
cols += ["fragile", "small"]
out = view[cols].copy()
out.insert(1, "unit_name", out["unit"].map(reg.name))
out.insert(3, "period_label", out["period"].map(period_label))
out["status_judged"] = out["status_judged"].map(lambda s: tr(f"status.{s}") if isinstance(s, str) else "")
for col in ("fragile", "small"):  # only the judged row says it
    out[col] = [None if s == "" else bool(v) for s, v in zip(out["status_judged"], out[col], strict=True)]

st.caption(tr("ui.data.count", n=len(out)))
shown = out.drop(columns="period").copy()
for col in ("reconstructed", "provisional", "fragile", "small"):
    shown[col] = shown[col].map(lambda b: "✓" if b is True or b == 1 else "")
shown["one_person_points"] = out["one_person_points"].map(
    lambda v: "" if pd.isna(v) else f"{v:.1f}".replace(".", "," if lang() == "vi" else ".")
)
shown["people_needed"] = out["people_needed"].map(lambda v: "" if pd.isna(v) else str(int(v)))
shown = translate_columns(shown, lang())
vcol = translate_columns(out[["value"]], lang()).columns[0]
shown[vcol] = out["value"].map(pct).to_numpy()
st.dataframe(shown, hide_index=True, key="data_table")

meta = {
    tr("ui.data.meta_units"): "; ".join(f"{reg.name(u)} ({u})" for u in units) if units else tr("ui.data.all_units"),
    tr("ui.data.meta_range"): f"{period_label(first)} – {period_label(last)} ({first} – {last})",
    tr("ui.data.meta_indicators"): "; ".join(indicator_label(i) for i in inds),
    tr("ui.data.meta_status"): ", ".join(tr(f"status.{s}") for s in chosen_status) or tr("ui.data.all"),
    tr("ui.data.meta_reconstructed"): tr("ui.common.yes") if with_recon else tr("ui.common.no"),
    tr("ui.data.meta_version"): str(model.version),
    tr("ui.data.meta_generated"): now_vn().isoformat(timespec="seconds"),
}
xlsx_frame = translate_columns(out, lang())
# the file name says what the filter was, too (the .xlsx also records it on its info sheet)
stem = "_".join([tr("ui.data.file_stem"), "-".join(units[:3]) if units else tr("ui.data.all_units"), f"{first}-{last}"])
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
xlsx = to_xlsx(xlsx_frame, sheet_name=tr("ui.data.sheet"), meta=meta, lang=lang(), percent_columns=[vcol])
downloads = [  # (key after "ui.data." / "data_", bytes, file name stem, extension, mime, button type)
    ("download_xlsx", xlsx, stem, "xlsx", XLSX_MIME, "primary"),
    ("download_csv_excel", to_csv_excel(xlsx_frame, lang=lang()), stem + "_excel", "csv", "text/csv", "secondary"),
    ("download_csv", to_csv(xlsx_frame, lang=lang()), stem, "csv", "text/csv", "secondary"),
]
for col, (name, data, file_stem, ext, mime, kind) in zip(st.columns([2, 2, 2]), downloads, strict=True):
    col.download_button(
        tr(f"ui.data.{name}"),
        data=data,
        file_name=export_filename(file_stem, ext, now_vn()),
        mime=mime,
        key=f"data_{name}",
        icon=":material/download:",
        type=kind,
    )
st.caption(tr("ui.data.downloads_hint"))
