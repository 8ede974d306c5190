"""Duyệt số liệu: the reviewer's queue of unit submissions waiting for review. For each: the file,
who sent it and when, every issue the check finds now, and the indicators it would give next to
what is stored; accept it (it becomes the data counted) or return it with a comment."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from gender_targets import intake
from gender_targets.accounts import Action
from gender_targets.errors import GenderTargetsError
from gender_targets.i18n import describe
from gender_targets.validation import issues_frame
from ui.auth import require_page
from ui.common import get_model, get_store, lang, period_label, preview_table, tr, unit_label
from ui.gate import page_gate
from ui.safe import md
from ui.timefmt import vn_time

page_gate(__file__)

v = require_page(Action.REVIEW)
store = get_store()
model = get_model()
reg = model.register
st.title(tr("ui.review.title"))
st.caption(tr("ui.review.intro"))
if flash := st.session_state.pop("review_flash", None):
    st.success(flash)
if notice := st.session_state.pop("review_notice", None):  # campaign: the e-mail to the unit
    from ui.campaign import show_notice

    show_notice(notice)

queue = store.review_queue()
if queue.empty or reg is None:
    st.info(tr("ui.review.empty"))
    st.stop()
st.write(tr("ui.review.count", n=len(queue)))


@st.cache_data(show_spinner=False, max_entries=64)
def _issues(sid: int, sha: str, version: int, lng: str) -> pd.DataFrame:
    """The check of the stored original, now (history warnings included), for one submission."""
    name, data = get_store().submission_file(sid)
    report = intake.check_upload(data, name, store=get_store(), register=get_model().register)
    frame = issues_frame(report.issues, lng)
    frame["severity"] = frame["severity"].map(lambda s: tr(f"severity.{s}"))
    frame.columns = [tr("col.found") if c == "value" else tr(f"col.{c}") for c in frame.columns]
    return frame


for r in queue.itertuples():
    sid = int(r.id)
    head = tr(
        "ui.review.item",
        id=sid,
        unit=md(unit_label(model, r.unit) if r.unit in reg else r.unit),
        period=period_label(r.period),
        name=md(r.file_name),
    )
    with st.expander(head, expanded=len(queue) <= 3, icon=":material/pending_actions:"):
        st.text(tr("ui.review.sent_by", who=r.uploaded_by or r.account or "—", when=vn_time(r.uploaded_at)))
        name, data = store.submission_file(sid)
        issues = _issues(sid, r.sha256, store.data_version(), lang())
        if issues.empty:
            st.success(tr("ui.review.no_issues"))
        else:
            st.warning(tr("ui.review.issues", n=len(issues)))
            st.dataframe(issues, hide_index=True, key=f"review_issues_{sid}")
        st.markdown(f"**{tr('ui.review.preview')}**")
        bodies = store.submission_bodies(sid)
        st.dataframe(preview_table(model, bodies, r.unit, r.period), hide_index=True, key=f"review_preview_{sid}")
        with st.popover(tr("ui.review.bodies", n=int(r.n_bodies))):
            st.dataframe(bodies, hide_index=True, key=f"review_bodies_{sid}")
        st.download_button(
            tr("ui.admin.download_original"),
            data=data,
            file_name=name,
            key=f"review_download_{sid}",
            icon=":material/download:",
        )
        comment = st.text_area(tr("ui.review.comment"), key=f"review_comment_{sid}", height=80)
        c1, c2 = st.columns(2)
        try:
            if c1.button(tr("ui.review.accept"), type="primary", key=f"review_accept_{sid}", width="stretch"):
                store.accept(sid, actor=v.account, comment=comment)
                st.session_state["review_flash"] = tr("ui.review.accepted", id=sid)
                st.rerun()
            if c2.button(tr("ui.review.return"), key=f"review_return_{sid}", width="stretch"):
                store.return_submission(sid, comment, actor=v.account)
                st.session_state["review_flash"] = tr("ui.review.returned", id=sid)
                from ui.campaign import notify_after  # campaign: the unit hears of it (SPEC §12)

                st.session_state["review_notice"] = notify_after(
                    "returned", [sid], by=v.account.username if v.account else "app"
                )
                st.rerun()
        except GenderTargetsError as exc:
            st.error(md(describe(exc, lang())))
