"""Streamlit glue for the campaign (issue 16): mail settings from ``st.secrets``/the environment, the
notifications after a page's action, and the grid's colours. No rule here: ``gender_targets.campaign``
decides; this module reads secrets and draws."""

from __future__ import annotations

import os

import streamlit as st

from gender_targets.campaign import MailError, MailSettings, mail_settings, notify
from gender_targets.i18n import describe
from ui.common import lang, tr
from ui.safe import md

#: (background, text) of each grid category: words carry the meaning, colour helps (no emoji font).
CELL_COLOURS = {
    "sent": ("#d7f0e3", "#0b5d36"),
    "late": ("#fde8c8", "#7a4300"),
    "pending": ("#fff1cc", "#6b4a00"),
    "returned": ("#ffe0c7", "#8a3b00"),
    "missing": ("#eef0f4", "#333a48"),
    "overdue": ("#fbd5d5", "#9b1c1c"),
}


def cell_category(state: str, timing: str, overdue: bool) -> str:
    """The colour group of a ``unit_states`` row."""
    if state == "missing":
        return "overdue" if overdue else "missing"
    if state == "sent" and timing == "late":
        return "late"
    return state


def cell_css(category: str) -> str:
    bg, fg = CELL_COLOURS.get(category, ("", ""))
    return f"background-color: {bg}; color: {fg}; font-weight: 600" if bg else ""


def _secrets_smtp() -> dict:
    try:
        return dict(st.secrets.get("smtp", {}))
    except Exception:  # no secrets file
        return {}


def page_mail_settings() -> tuple[MailSettings | None, str]:
    """The mail settings (environment first, then ``[smtp]`` of secrets.toml), or None and why not."""
    try:
        settings = mail_settings(os.environ, _secrets_smtp())
    except MailError as exc:
        return None, describe(exc, lang())
    if not settings.configured:
        return None, describe(MailError("not_configured"), lang())
    return settings, ""


def notify_after(kind: str, submission_ids: list[int], by: str = "") -> tuple[str, str] | None:
    """Send the notifications of one action (a return, a unit's submission); what to tell the user as
    ``(level, text)`` (``success`` | ``warning``), or None when nothing was tried (switched off, mail
    not set up, nobody to tell). Never raises: the action itself is done."""
    settings, _ = page_mail_settings()
    try:
        from ui.common import get_store

        notice = notify(get_store(), kind, submission_ids, settings or MailSettings(), by=by)
    except Exception as exc:  # a notice must never undo or hide the action it follows
        return "warning", tr("campaign.ui.notice_failed", error=md(str(exc)[:200]))
    if notice.skipped in ("off", "not_configured", "no_recipient"):
        return None
    if notice.skipped == "error":
        return "warning", tr(
            "campaign.ui.notice_failed", error=md(notice.error_vi if lang() == "vi" else notice.error_en)
        )
    if notice.failed:
        errors = "; ".join(md(d.error_vi if lang() == "vi" else d.error_en) for d in notice.failed)
        return "warning", tr("campaign.ui.notice_failed", error=errors)
    return ("success", tr(f"campaign.ui.notice_sent_{kind}", n=notice.sent)) if notice.sent else None


def show_notice(result: tuple[str, str] | None) -> None:
    if result:
        level, text = result
        (st.success if level == "success" else st.warning)(text, icon=":material/mail:")
