"""The quarterly report (báo cáo): content from the core, Word layout per Nghị định 30/2020/NĐ-CP,
PDF through LibreOffice.

``make_report(store, period, area=None, lang="vi", fmt="docx")`` is what the CLI and the Báo cáo
page call: it reads the store (duck-typed: ``active_bodies``, ``register``, ``targets``, ``notes``,
``history_active``), builds ``ReportContent`` (``content.py``: every number from
``compute_indicators`` / ``status_table``), draws one chart per indicator (``images.py``: kaleido in a
child process with a time limit), writes the .docx (``document.py``) and, for ``fmt="pdf"``,
converts it (``pdf.py``). Chart problems never stop the report: they come back in
``Report.chart_problem``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

import pandas as pd

from .content import BEHIND, VIETNAM, ReportContent, build_content
from .document import ReportOptions, source_line, write_docx
from .images import ChartImages, render_pngs
from .pdf import docx_to_pdf, find_soffice

__all__ = [
    "BEHIND",
    "Report",
    "ReportContent",
    "ReportOptions",
    "build_content",
    "content_from_store",
    "data_updated_at",
    "docx_to_pdf",
    "find_soffice",
    "make_report",
    "report_figures",
    "write_docx",
]


@dataclass(frozen=True)
class Report:
    data: bytes
    fmt: str
    content: ReportContent
    chart_problem: str | None = None


def data_updated_at(history: pd.DataFrame) -> dt.datetime | None:
    """The newest upload time of the active submissions, in Vietnam time (UTC+7, no summer time)."""
    if history is None or history.empty or "uploaded_at" not in history:
        return None
    stamps = pd.to_datetime(history["uploaded_at"], errors="coerce", utc=True).dropna()
    if stamps.empty:
        return None
    return stamps.max().to_pydatetime().astimezone(VIETNAM)


def content_from_store(
    store, period, area: str | None = None, *, indicators: pd.DataFrame | None = None, today: dt.date | None = None
) -> ReportContent:
    register = store.register()
    if register is None:
        from ..errors import GenderTargetsError

        raise GenderTargetsError("report_unknown_area", area=str(area or ""))
    content = build_content(
        store.active_bodies(),
        register,
        store.targets(),
        period,
        area,
        notes=store.notes(),
        data_updated=data_updated_at(store.history_active()),
        indicators=indicators,
        today=today,
    )
    if hasattr(store, "submission_log"):  # campaign: the timeliness line, by the one rule (SPEC §12)
        from ..campaign.timeliness import completeness_rows

        _, timely = completeness_rows(store.submission_log(), register, content.area, content.period, store.deadlines())
        content = dataclasses.replace(content, timeliness=timely)
    return content


def report_figures(content: ReportContent, lang: str = "vi") -> list:
    """One trajectory figure per indicator of the area, with its notes and the source footnote."""
    from .. import charts
    from ..progress import assess, projection_point, required_path_frame

    figs = []
    for part in content.parts:
        series = part.series
        prog = assess(series[["period", "value", "reconstructed"]], part.indicator, content.targets)
        path = required_path_frame(prog)[["period", "value"]] if prog.required_path else None
        fig = charts.trajectory_figure(
            series,
            part.indicator,
            content.targets,
            required_path=path,
            projection=projection_point(prog),
            lang=lang,
            unit_name=content.area_name,
        )
        charts.add_notes(fig, [(part.period, text) for text in part.notes], series)
        charts.deck_style(fig)  # printed at 16 cm wide: the meeting-screen sizes read well on paper
        charts.add_footnote(fig, source_line(content, lang), size=15)
        figs.append(fig)
    return figs


def make_report(
    store,
    period,
    area: str | None = None,
    lang: str = "vi",
    fmt: str = "docx",
    *,
    options: ReportOptions | None = None,
    charts: bool = True,
    chart_timeout: float | None = None,
) -> Report:
    """The report as bytes (``fmt`` "docx" or "pdf"); raises ``GenderTargetsError`` for an unknown
    area, no data, or a PDF that cannot be made."""
    content = content_from_store(store, period, area)
    images = ChartImages([None] * len(content.parts), "disabled" if not charts else None)
    if charts and content.parts:
        images = render_pngs(report_figures(content, lang), width=1000, height=560, timeout=chart_timeout)
    docx = write_docx(content, lang, pictures=images.pngs, picture_problem=images.problem, options=options)
    data = docx_to_pdf(docx) if fmt == "pdf" else docx
    return Report(data, fmt, content, images.problem)
