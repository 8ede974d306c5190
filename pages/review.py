"""Duyệt số liệu: the reviewer's queue of unit submissions waiting for review. For each: the file,
who sent it and when, the signed report attached, whether it repeats a submission returned
earlier, the comments it was returned with before, every issue the check finds now, the indicators
it would give next to what is stored, and agency by agency this quarter beside the unit's previous
accepted quarter (changes marked); accept it (it becomes the data counted) or return it with a
comment."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from gender_targets import intake
from gender_targets.accounts import Action
from gender_targets.changes import accepted_bodies, compare_bodies, returned_twin
from gender_targets.errors import GenderTargetsError
from gender_targets.i18n import describe
from gender_targets.periods import parse_period
from gender_targets.schema import COUNT_COLUMNS
from gender_targets.template import last_quarter_bodies
from ui.attach import show_attachment
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
names = store.display_names()
attached = set(store.attachments_info(queue["id"].tolist())["submission_id"].tolist())
required = store.attachment_required()


@st.cache_data(show_spinner=False, max_entries=64)
def _issues(sid: int, sha: str, version: int, lng: str) -> list[tuple[bool, str]]:
    """The check of the stored original, now (history warnings included): (is error, message)."""
    name, data = get_store().submission_file(sid)
    report = intake.check_upload(data, name, store=get_store(), register=get_model().register)
    return [(i.is_error, i.message(lng)) for i in report.issues]


def _cell(now, before, status: str) -> str:
    """One count of one agency: "5", "5 ← 4" when it changed, "5 (mới)", "— ← 4" when gone."""
    if status == "new":
        return tr("phone.review.cell_new", now=now)
    if status == "missing":
        return tr("phone.review.cell_missing", before=before)
    if int(now) != int(before):
        return tr("phone.review.cell_changed", now=now, before=before)
    return f"{now}"


def agency_table(frame: pd.DataFrame):
    """``changes.compare_bodies`` in words, the changed cells coloured."""
    shown = pd.DataFrame(
        {
            tr("col.body_name"): frame["body_name"],
            tr("phone.review.h_change"): frame["status"].map(lambda s: tr(f"phone.review.status_{s}")),
            **{
                tr(f"phone.field.{c}"): [_cell(r[c], r[f"{c}_before"], r["status"]) for r in frame.to_dict("records")]
                for c in COUNT_COLUMNS
            },
        }
    )
    marks = {"changed": "#fff1cc", "new": "#e3f4ea", "missing": "#fbd5d5"}

    def colour(row: pd.Series) -> list[str]:
        r = frame.iloc[row.name]
        out = ["", f"background-color: {marks.get(r['status'], '')}" if r["status"] in marks else ""]
        for c in COUNT_COLUMNS:
            changed = r["status"] in ("new", "missing") or c in r["changed_fields"]
            out.append("background-color: #fff1cc; font-weight: 600" if changed else "")
        return out

    return shown.style.apply(colour, axis=1)


for r in queue.itertuples():
    sid = int(r.id)
    unit_text = unit_label(model, r.unit) if r.unit in reg else r.unit
    head = tr("ui.review.item", id=sid, unit=md(unit_text), period=period_label(r.period), name=md(r.file_name))
    if sid in attached:
        head += tr("phone.review.has_attachment")
    with st.expander(head, expanded=len(queue) <= 3, icon=":material/pending_actions:"):
        sender = names.get(r.account, "") or r.uploaded_by or r.account or "—"
        st.text(tr("ui.review.sent_by", who=sender, when=vn_time(r.uploaded_at)))
        bodies = store.submission_bodies(sid)

        # returned before: the same file or the same numbers, and every comment of this quarter
        returned = store.returned_for(r.unit, r.period)
        twin = returned_twin(r.sha256, bodies, returned, store.submission_bodies) if len(returned) else None
        if twin is not None:
            st.error(
                tr(f"phone.review.same_{twin.how}", when=vn_time(twin.returned_at), who=md(twin.reviewer)),
                icon=":material/content_copy:",
            )
        if len(returned):
            st.markdown(f"**{tr('phone.review.earlier_returns', n=len(returned))}**")
            for e in returned.itertuples():
                st.caption(
                    tr("phone.review.return_line", id=int(e.id), when=vn_time(e.reviewed_at), who=md(e.reviewer_name))
                )
                st.text(e.review_comment)

        # the signed report
        st.markdown(f"**{tr('phone.review.attachment')}**")
        att = store.attachment(sid)
        if att is None and required:
            st.warning(tr("phone.review.attachment_missing"))
        show_attachment(att, key=f"review_attachment_{sid}")

        # the check, now
        issues = _issues(sid, r.sha256, store.data_version(), lang())
        if not issues:
            st.success(tr("ui.review.no_issues"))
        else:
            errors = [m for is_error, m in issues if is_error]
            warnings = [m for is_error, m in issues if not is_error]
            if errors:
                st.error("\n".join(f"- {md(m)}" for m in errors))
            if warnings:
                st.warning(
                    tr("phone.review.warnings", n=len(warnings)) + "\n\n" + "\n".join(f"- {md(m)}" for m in warnings)
                )

        st.markdown(f"**{tr('ui.review.preview')}**")
        st.dataframe(preview_table(model, bodies, r.unit, r.period), hide_index=True, key=f"review_preview_{sid}")

        # agency by agency: beside the accepted numbers of this very quarter when it has some
        # (approving replaces them), else beside the previous accepted quarter
        stored = store.active_bodies(units=[r.unit])
        previous = accepted_bodies(stored, r.unit, r.period)
        if len(previous):
            st.warning(
                tr("phone.review.replaces", period=period_label(r.period), id=int(previous["submission_id"].iloc[0])),
                icon=":material/warning:",
            )
            heading = tr("phone.review.beside_same", period=period_label(r.period))
        else:
            previous = last_quarter_bodies(stored, r.unit, parse_period(r.period))
            if len(previous):
                heading = tr("phone.review.beside", period=period_label(str(previous["period"].iloc[0])))
        if len(previous):
            frame = compare_bodies(bodies, previous)
            counts = frame["status"].value_counts()
            st.markdown(f"**{heading}**")
            st.caption(
                tr(
                    "phone.review.summary",
                    changed=int(counts.get("changed", 0)),
                    new=int(counts.get("new", 0)),
                    missing=int(counts.get("missing", 0)),
                    same=int(counts.get("same", 0)),
                )
            )
            st.dataframe(agency_table(frame), hide_index=True, key=f"review_agencies_{sid}")
        else:
            st.markdown(f"**{tr('phone.review.no_previous')}**")
            with st.popover(tr("ui.review.bodies", n=int(r.n_bodies))):
                st.dataframe(bodies, hide_index=True, key=f"review_bodies_{sid}")

        name, data = store.submission_file(sid)
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
