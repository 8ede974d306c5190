"""Nhắc nộp: a reviewer or admin reminds the units that have not sent a quarter (issue 16).

The list first (each unit, its state, the deadline, who receives the e-mail), the exact message of
any unit with its attachment, the Zalo text for the units no e-mail reaches; then a confirmation, the
sending, and what was sent and what was not. Who is reminded, the message and the once-a-day rule are
``gender_targets.campaign.reminders``; this page reads widgets and draws."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from gender_targets.accounts import Action
from gender_targets.campaign import (
    MailSettings,
    deadline_for,
    due_period,
    plan_reminders,
    reminder_outgoing,
    send_reminders,
    today_vn,
    zalo_text,
)
from gender_targets.errors import GenderTargetsError
from gender_targets.i18n import describe
from gender_targets.periods import parse_period
from ui.auth import require_page
from ui.campaign import page_mail_settings
from ui.campaign_admin import timeliness_lines
from ui.common import confirmed, get_model, get_store, lang, period_label, tr, unit_label
from ui.gate import page_gate
from ui.safe import md

page_gate(__file__)

visitor_now = require_page(Action.REVIEW)
me = visitor_now.account
store = get_store()
model = get_model()
reg = model.register
st.title(tr("campaign.remind.title"))
if reg is None:
    st.info(tr("ui.empty.no_data"))
    st.stop()

today = today_vn()
due = due_period(today)
log = store.submission_log()
quarters = sorted({*model.periods, *log["period"].astype(str), str(due)}, key=lambda q: parse_period(q).index)[::-1]
c1, c2 = st.columns([1, 3], vertical_alignment="bottom")
quarter = c1.selectbox(
    tr("campaign.ui.quarter"), quarters, index=quarters.index(str(due)), format_func=period_label, key="remind_quarter"
)
deadline = deadline_for(quarter, store.deadlines())
c2.markdown(tr("campaign.ui.deadline_of", period=period_label(quarter), date=deadline.strftime("%d/%m/%Y")))
for line in timeliness_lines(store, model, quarter, log, today):
    st.markdown(line)

settings, why_not = page_mail_settings()
if settings is None:
    # in her words first; the settings to make are for whoever runs the server (phone walk-through)
    st.warning(tr("campaign.remind.no_mail_plain"), icon=":material/mail_lock:")
    with st.expander(tr("campaign.remind.for_technician"), icon=":material/settings:"):
        st.markdown(md(why_not))
else:
    st.caption(tr("campaign.remind.mail_server", server=md(settings.described())))

if visitor_now.may(Action.SETTINGS):  # each notification switched on or off by an admin
    with st.expander(tr("campaign.remind.notify_title"), icon=":material/notifications:"):
        for kind in ("returned", "submitted"):
            on = st.toggle(
                tr(f"campaign.remind.notify_{kind}"), value=store.notify_enabled(kind), key=f"remind_notify_{kind}"
            )
            if on != store.notify_enabled(kind):
                store.set_notify(kind, on, actor=me)
                st.rerun()

if result := st.session_state.pop("remind_result", None):
    level, text, table = result
    (st.success if level == "success" else st.error)(text, icon=":material/mail:")
    st.dataframe(table, hide_index=True, key="remind_result_table")


def mail_log_section() -> None:
    """Every message of the quarter: who sent it, when, to whom, for which unit, and what happened."""
    from ui.timefmt import vn_time

    log = store.mail_log(quarter)
    if log.empty:
        return
    with st.expander(tr("campaign.remind.log_title", n=len(log)), icon=":material/history:"):
        st.dataframe(
            pd.DataFrame(
                {
                    tr("campaign.remind.h_when"): log["sent_at"]
                    .where(log["sent_at"] != "", log["claimed_at"])
                    .map(vn_time),
                    tr("campaign.remind.h_kind"): log["kind"].map(lambda k: tr(f"campaign.remind.kind_{k}")),
                    tr("col.unit_name"): log["unit"].map(lambda u: unit_label(model, u) if u in reg else u),
                    tr("campaign.remind.h_to"): log["recipients"],
                    tr("campaign.remind.h_result"): log["status"].map(lambda s: tr(f"campaign.remind.log_{s}")),
                    tr("campaign.remind.h_error"): log["error"],
                    tr("campaign.remind.h_by"): log["sent_by"],
                }
            ).head(500),
            hide_index=True,
            key="remind_log",
        )


plan = plan_reminders(store, quarter, today=today, register=reg)
if not plan:
    st.success(tr("campaign.remind.nobody", period=period_label(quarter)))
    mail_log_section()
    st.stop()

sent_today = store.mail_log(quarter, kind="reminder")
sent_today = set(sent_today[(sent_today["day"] == today.isoformat()) & (sent_today["status"] == "sent")]["unit"])


def _when(r) -> str:
    if r.days_late:
        return tr("campaign.when.late", days=r.days_late)
    return tr("campaign.when.today") if r.days_left == 0 else tr("campaign.when.left", days=r.days_left)


reachable = [r for r in plan if not r.problem]
manual = [r for r in plan if r.problem]
st.subheader(tr("campaign.remind.list_title", n=len(plan)))
st.dataframe(
    pd.DataFrame(
        {
            tr("col.unit_name"): [unit_label(model, r.unit) for r in plan],
            tr("campaign.remind.h_state"): [tr(f"campaign.cell.{r.state}") for r in plan],
            tr("campaign.ui.h_deadline"): [_when(r) for r in plan],
            tr("campaign.remind.h_to"): [
                ", ".join(r.recipients) if r.recipients else tr(f"campaign.remind.problem_{r.problem}") for r in plan
            ],
            tr("campaign.remind.h_today"): [
                tr("campaign.remind.done_today") if r.unit in sent_today else "" for r in plan
            ],
        }
    ),
    hide_index=True,
    key="remind_list",
)

if reachable:
    st.subheader(tr("campaign.remind.message_title"))
    pick = st.selectbox(
        tr("ui.common.unit"),
        [r.unit for r in reachable],
        format_func=lambda c: unit_label(model, c),
        key="remind_preview_unit",
    )
    rem = next(r for r in reachable if r.unit == pick)
    app_url = settings.app_url if settings else ""
    out = reminder_outgoing(
        rem, reg, app_url=app_url, targets=model.targets, today=today, stored=store.active_bodies(units=[rem.unit])
    )
    with st.container(border=True, key="remind_message"):
        st.text(tr("campaign.remind.to", to=", ".join(out.to)))
        st.text(tr("campaign.remind.subject", subject=out.subject))
        st.text(out.body)
        name, data, mime = out.attachments[0]
        st.download_button(
            tr("campaign.remind.attachment", name=name),
            data=data,
            file_name=name,
            mime=mime,
            key="remind_attachment",
            icon=":material/attach_file:",
        )

if manual:
    st.subheader(tr("campaign.remind.zalo_title", n=len(manual)))
    st.caption(tr("campaign.remind.zalo_hint"))
    st.code(
        zalo_text(manual, app_url=settings.app_url if settings else "", lang=lang()), language=None, wrap_lines=True
    )

to_send = [r for r in reachable if r.unit not in sent_today]
if reachable:
    st.divider()
    if not to_send:
        st.info(tr("campaign.remind.all_done_today"))
    elif settings is None:
        st.button(tr("campaign.remind.send", n=len(to_send)), disabled=True, key="remind_send_disabled")
    else:
        if st.button(tr("campaign.remind.send", n=len(to_send)), type="primary", key="remind_send"):
            st.session_state["remind_confirm"] = quarter
        if st.session_state.get("remind_confirm") == quarter:
            st.warning(tr("campaign.remind.confirm", n=len(to_send), period=period_label(quarter)))
            if confirmed(tr("campaign.remind.send_yes"), "remind", forget="remind_confirm"):
                st.session_state.pop("remind_confirm", None)
                with st.spinner(tr("campaign.remind.sending")):
                    try:
                        results = send_reminders(
                            store,
                            quarter,
                            settings or MailSettings(),
                            by=me.username if me is not None else "app",
                            today=today,
                            reminders=to_send,
                            actor=me,
                        )
                    except GenderTargetsError as exc:
                        st.error(md(describe(exc, lang())))
                        st.stop()
                ok = [r.reminder.unit for r in results if r.result == "sent"]
                bad = [r for r in results if r.result in ("failed", "not_sent", "invalid_address")]
                table = pd.DataFrame(
                    {
                        tr("col.unit_name"): [unit_label(model, r.reminder.unit) for r in results],
                        tr("campaign.remind.h_to"): [", ".join(r.reminder.recipients) for r in results],
                        tr("campaign.remind.h_result"): [
                            tr(f"campaign.remind.result_{r.result}")
                            + (f": {r.error_vi if lang() == 'vi' else r.error_en}" if r.error_vi else "")
                            for r in results
                        ],
                    }
                )
                if bad:
                    text = tr(
                        "campaign.remind.partial",
                        sent=", ".join(md(reg.name(u)) for u in ok) or "—",
                        failed=", ".join(md(reg.name(r.reminder.unit)) for r in bad),
                    )
                    st.session_state["remind_result"] = ("error", text, table)
                else:
                    st.session_state["remind_result"] = ("success", tr("campaign.remind.done", n=len(ok)), table)
                st.rerun()

mail_log_section()
