"""Quản trị: submission history with the original files and rollback, completeness, register and
targets, sample data. Every destructive action asks for confirmation first."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from gender_targets.accounts import Action
from gender_targets.backup import (
    backup_filename,
    last_backup,
    make_backup,
    restore_backup,
    summarize_backup,
    summarize_store,
)
from gender_targets.errors import GenderTargetsError
from gender_targets.i18n import describe
from gender_targets.periods import parse_period
from gender_targets.schema import INDICATORS, TargetsError, load_targets
from gender_targets.store import HISTORY_COLUMNS, REVIEW_COLUMNS
from ui.auth import SESSION_TOKEN, require_page
from ui.common import (
    confirmed,
    get_model,
    get_store,
    indicator_label,
    lang,
    period_label,
    register_upload_form,
    tr,
    unit_label,
)
from ui.gate import page_gate
from ui.private_download import private_download_button
from ui.safe import md
from ui.timefmt import vn_time

page_gate(__file__)

visitor_now = require_page(Action.ROLLBACK)  # reviewers: history, rollback, completeness; admins: all
me = visitor_now.account
is_admin = visitor_now.may(Action.REGISTER)
store = get_store()
model = get_model()
reg = model.register
st.title(tr("ui.admin.title"))
HISTORY_SHOWN = 500  # newest submissions listed (and offered for rollback) at once; filters reach the rest

tab_hist, tab_comp, *admin_tabs = st.tabs(
    [
        tr("ui.admin.tab_history"),
        tr("ui.admin.tab_completeness"),
        *(
            [
                tr("ui.admin.tab_register"),
                tr("ui.admin.tab_targets"),
                tr("ui.admin.tab_backup"),
                tr("ui.admin.tab_sample"),
                tr("ui.admin.tab_users"),
                tr("ui.admin.tab_audit"),
            ]
            if is_admin
            else []
        ),
    ]
)

# -- history ----------------------------------------------------------------------------------
with tab_hist:
    hist = store.history()
    if hist.empty:
        st.info(tr("ui.admin.no_history"))
    else:
        c1, c2 = st.columns(2)
        units = sorted(set(hist["unit"]))
        f_unit = c1.selectbox(
            tr("ui.common.unit"),
            ["*", *units],
            format_func=lambda c: tr("ui.data.all") if c == "*" else unit_label(model, c) if reg else c,
            key="admin_unit",
        )
        periods = sorted(set(hist["period"]), key=lambda s: parse_period(s).index, reverse=True)
        f_period = c2.selectbox(
            tr("ui.common.quarter"),
            ["*", *periods],
            format_func=lambda p: tr("ui.data.all") if p == "*" else period_label(p),
            key="admin_period",
        )
        view = hist
        if f_unit != "*":
            view = view[view["unit"] == f_unit]
        if f_period != "*":
            view = view[view["period"] == f_period]
        if len(view) > HISTORY_SHOWN:  # a national register: tens of thousands of submissions
            st.caption(tr("ui.admin.history_cut", shown=HISTORY_SHOWN, n=len(view)))
            view = view.sort_values("id", ascending=False).head(HISTORY_SHOWN)
        shown = view[[c for c in HISTORY_COLUMNS if c not in ("sha256", *REVIEW_COLUMNS)]].copy()
        shown["status"] = shown["status"].map({s: tr(f"ui.admin.status_{s}") for s in shown["status"].unique()})
        shown["period"] = shown["period"].map({p: period_label(p) for p in shown["period"].unique()})
        shown["supersedes"] = shown["supersedes"].map(lambda v: f"#{int(v)}" if pd.notna(v) else "")
        shown["uploaded_at"] = shown["uploaded_at"].map(vn_time)
        shown["uploaded_by"] = [  # the sample's loader, in words (it showed "sample")
            tr("ui.admin.by_sample") if bool(b) and u == "sample" else u
            for u, b in zip(shown["uploaded_by"], shown["is_sample"], strict=True)
        ]
        shown["is_sample"] = shown["is_sample"].map(lambda b: tr("ui.common.yes") if b else "")
        shown.columns = [tr(f"ui.admin.h_{c}") for c in shown.columns]
        attached = store.attachments_info(view["id"].tolist())  # phone: the signed report, listed
        names = dict(zip(attached["submission_id"], attached["file_name"], strict=True))
        shown[tr("phone.admin.h_attachment")] = [names.get(int(i), "") for i in view["id"]]
        st.dataframe(shown, hide_index=True, key="admin_history_table")

        st.markdown(f"**{tr('ui.admin.pick')}**")
        ids = list(view["id"])
        p_label = {p: period_label(p) for p in view["period"].unique()}
        s_label = {s: tr("ui.admin.status_" + s) for s in view["status"].unique()}
        labels = {
            int(r.id): tr(
                "ui.admin.submission_label", id=r.id, unit=r.unit, period=p_label[r.period], status=s_label[r.status]
            )
            for r in view[["id", "unit", "period", "status"]].itertuples()
        }
        sid = st.selectbox(tr("ui.admin.submission"), ids, format_func=lambda i: labels[int(i)], key="admin_submission")
        if sid is not None:
            name, data = store.submission_file(int(sid))
            c1, c2 = st.columns(2)
            c1.download_button(
                tr("ui.admin.download_original"),
                data=data,
                file_name=name,
                key="admin_download",
                icon=":material/download:",
            )
            if int(sid) in names:  # phone: the signed report of this submission, as a download
                attachment = store.attachment(int(sid))
                c1.download_button(
                    tr("phone.attach.download"),
                    data=attachment.data,
                    file_name=attachment.file_name,
                    mime=attachment.media_type,
                    key="admin_attachment_download",
                    icon=":material/attach_file:",
                )
            row = view[view["id"] == sid].iloc[0]
            if row["status"] == "active":
                if c2.button(tr("ui.admin.rollback"), key="admin_rollback"):
                    st.session_state["admin_confirm_rollback"] = int(sid)
                if st.session_state.get("admin_confirm_rollback") == int(sid):
                    prev = row["supersedes"]
                    st.warning(
                        tr(
                            "ui.admin.rollback_confirm",
                            id=sid,
                            unit=md(row["unit"]),
                            period=period_label(row["period"]),
                        )
                        + " "
                        + (
                            tr("ui.admin.rollback_restores", prev=int(prev))
                            if pd.notna(prev)
                            else tr("ui.admin.rollback_empty")
                        )
                    )
                    if confirmed(tr("ui.admin.rollback_yes"), "admin_rollback", forget="admin_confirm_rollback"):
                        try:
                            store.rollback(int(sid), by="app", actor=me)
                        except GenderTargetsError as exc:
                            st.session_state["admin_flash_error"] = md(describe(exc, lang()))
                        else:
                            st.session_state["admin_flash"] = tr("ui.admin.rollback_done", id=sid)
                        st.session_state.pop("admin_confirm_rollback", None)
                        st.rerun()
            else:
                c2.caption(tr("ui.admin.rollback_only_active"))
    if flash := st.session_state.pop("admin_flash", None):
        st.success(flash)
    if flash := st.session_state.pop("admin_flash_error", None):
        st.error(flash)

# -- completeness: deadlines, timeliness, the grid with Quá hạn and Nộp muộn (campaign, SPEC §12) ---
with tab_comp:
    from ui.campaign_admin import completeness_section

    completeness_section(store, model, me, is_admin)

# -- register ------------------------------------------------------------------------------------
REGISTER_HEADERS = ("code", "name", "kind", "parent", "valid_from", "valid_to", "successor", "note")

if not is_admin:
    st.stop()  # the tabs below are an admin's
tab_reg, tab_targets, tab_backup, tab_sample, tab_users, tab_audit = admin_tabs
with tab_reg:
    if reg is not None:
        shown = reg.frame[list(REGISTER_HEADERS)].copy()
        for c in ("valid_from", "valid_to"):
            shown[c] = shown[c].map(lambda v: period_label(v) if v else "")
        shown.columns = [tr(f"ui.admin.reg_{c}") for c in REGISTER_HEADERS]
        st.dataframe(shown, hide_index=True, key="admin_register_table")
        st.download_button(
            tr("ui.admin.register_download"),
            data=reg.to_csv_bytes(),
            file_name="units.csv",
            mime="text/csv",
            key="admin_register_download",
        )
    register_upload_form(store, key="admin_register", actor=me)


def targets_view(frame: pd.DataFrame) -> pd.DataFrame:
    """The targets table with Vietnamese headers and the indicator's name beside its code."""
    return pd.DataFrame(
        {
            tr("col.indicator"): [indicator_label(i) if i in INDICATORS else i for i in frame["indicator"].astype(str)],
            tr("export.col.year"): frame["year"].astype(int).astype(str),
            tr("export.col.target_percent"): frame["target_percent"],
        }
    )


# -- targets ---------------------------------------------------------------------------------------
with tab_targets:
    st.dataframe(targets_view(model.targets), hide_index=True, key="admin_targets_table")
    st.download_button(
        tr("ui.admin.targets_download"),
        data=model.targets.to_csv(index=False).encode("utf-8-sig"),
        file_name="targets.csv",
        mime="text/csv",
        key="admin_targets_download",
    )
    st.caption(tr("ui.admin.targets_hint"))
    up = st.file_uploader(tr("ui.admin.targets_upload"), type=None, key="admin_targets_upload")
    if up is not None:
        try:
            new_t = load_targets(up.getvalue())
        except (TargetsError, ValueError, UnicodeDecodeError) as exc:
            problems = exc.messages(lang()) if isinstance(exc, TargetsError) else []
            st.error(tr("ui.admin.targets_invalid") + "\n\n" + "\n".join(f"- {md(m)}" for m in problems))
        else:
            st.dataframe(targets_view(new_t), hide_index=True, key="admin_targets_new")
            if st.button(tr("ui.admin.targets_replace"), type="primary", key="admin_targets_replace"):
                store.save_targets(new_t, by="app", actor=me)
                st.rerun()


# -- backup ------------------------------------------------------------------------------------------
def _summary(s) -> str:
    if not s.quarters:
        return tr("ui.admin.backup_summary_empty", submissions=s.submissions)
    return tr(
        "ui.admin.backup_summary",
        submissions=s.submissions,
        active=s.active,
        units=s.units,
        first=period_label(s.first_quarter),
        last=period_label(s.last_quarter),
    )


with tab_backup:
    st.subheader(tr("ui.admin.backup_title"))
    when = last_backup(store)
    if when is None:
        st.warning(tr("ui.admin.backup_never"), icon=":material/warning:")
    else:
        st.info(tr("ui.admin.backup_last", when=vn_time(when)), icon=":material/schedule:")
    st.caption(tr("ui.admin.backup_hint"))
    st.caption(tr("ui.backup.private"))
    private_download_button(  # made when pressed, served once (ui/private_download.py), in the log
        tr("ui.admin.backup_button"),
        lambda: make_backup(store, actor=me, via="download"),
        file_name=backup_filename(store),
        key="admin_backup_download",
        icon=":material/backup:",
        type="primary",
    )
    st.divider()
    st.subheader(tr("ui.admin.restore_title"))
    st.caption(tr("ui.admin.restore_hint"))
    restore_gen = st.session_state.setdefault("admin_restore_gen", 0)
    up = st.file_uploader(tr("ui.admin.restore_upload"), type=None, key=f"admin_restore_upload_{restore_gen}")
    if up is not None:
        try:
            incoming = summarize_backup(up)  # counted from its content, within the upload limits
        except GenderTargetsError as exc:  # BackupError (not a usable backup), StoreError
            st.error(md(describe(exc, lang())))
        else:
            current = summarize_store(store)
            made = vn_time(incoming.created_at) if incoming.created_at else tr("ui.backup.made_unknown")
            st.info(
                tr("ui.backup.holds", made=md(made), what=_summary(incoming), files=incoming.files)
                + " "
                + tr("ui.backup.accounts_in_backup", accounts=incoming.accounts, admins=incoming.admins),
                icon=":material/inventory_2:",
            )
            if incoming.left_out:
                st.warning(tr("ui.backup.left_out"), icon=":material/block:")
                st.text("\n".join(incoming.left_out[:50]))  # names from the file: plain text
            with_accounts = st.checkbox(
                tr("ui.backup.with_accounts"),
                value=False,
                disabled=incoming.admins == 0,
                key=f"admin_restore_accounts_{restore_gen}",
                help=tr("ui.backup.with_accounts_help"),
            )
            if incoming.admins == 0:
                st.caption(tr("ui.backup.no_admin_in_backup"))
            st.warning(
                tr("ui.admin.restore_confirm", current=_summary(current), incoming=_summary(incoming))
                + " "
                + (tr("ui.backup.accounts_replaced") if with_accounts else tr("ui.backup.accounts_kept")),
                icon=":material/warning:",
            )
            sure = st.checkbox(tr("ui.admin.restore_sure"), key=f"admin_restore_sure_{restore_gen}")
            if st.button(tr("ui.admin.restore_button"), type="primary", disabled=not sure, key="admin_restore_yes"):
                with st.spinner(tr("ui.admin.restoring")):
                    try:
                        restored = restore_backup(
                            store,
                            up,
                            actor=me,
                            accounts=with_accounts,
                            keep_session=st.session_state.get(SESSION_TOKEN, ""),
                            via="app",
                        )
                    except GenderTargetsError as exc:  # one transaction: nothing was replaced
                        st.error(md(describe(exc, lang())))
                        st.stop()
                st.session_state["admin_flash_backup"] = tr("ui.admin.restore_done", what=_summary(restored))
                st.session_state["admin_restore_gen"] = restore_gen + 1  # an empty uploader again
                st.rerun()
    if flash := st.session_state.pop("admin_flash_backup", None):
        st.success(flash)

# -- sample ------------------------------------------------------------------------------------------
with tab_sample:
    if store.has_sample():
        st.write(tr("ui.sample.banner"))
        if st.button(tr("ui.sample.remove"), key="admin_sample_remove"):
            st.session_state["admin_confirm_sample"] = True
        if st.session_state.get("admin_confirm_sample"):
            st.warning(tr("ui.sample.confirm"))
            if confirmed(tr("ui.sample.remove_yes"), "admin_sample", forget="admin_confirm_sample"):
                from gender_targets.sample import remove_sample

                remove_sample(store, by="app", actor=me)
                st.session_state.pop("admin_confirm_sample", None)
                st.rerun()
    elif store.is_empty() and not store.sample_was_removed():
        st.info(tr("ui.sample.load_hint"))  # an admin's action: never on its own once accounts exist
        if st.button(tr("ui.sample.load"), key="admin_sample_load", icon=":material/science:"):
            from gender_targets.sample import load_sample

            try:
                with st.spinner(tr("ui.sample.loading")):
                    load_sample(store, by="app", actor=me)
            except GenderTargetsError as exc:  # a register of its own, a role: words, nothing loaded
                st.error(md(describe(exc, lang())))
            else:
                st.session_state["admin_flash"] = tr("ui.sample.loaded")
                st.rerun()
    else:
        st.info(tr("ui.admin.no_sample"))

# -- users and settings (accounts) ---------------------------------------------------------------------
with tab_users:
    from ui.admin_users import users_section

    users_section(store, me)

# -- audit: who did what, when (Vietnam time) -------------------------------------------------------------
with tab_audit:
    from ui.admin_users import audit_section

    audit_section(store)
