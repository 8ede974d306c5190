"""Reminders (SPEC §12): who has not sent a quarter, who hears about it, and the exact message.

**Who is reminded** for quarter P: every unit expected in P (``timeliness.unit_states``) whose state
is ``missing`` (nothing sent) or ``returned`` (sent, returned, not sent again). Units that sent (accepted
or waiting for review) are not reminded.

**Recipients**: the e-mail of every *enabled* ``unit`` account that holds the unit. A disabled account
gets nothing. A unit with no such account (``no_account``) or whose accounts have no e-mail
(``no_email``) is listed as such, with a text to copy into a Zalo group (``zalo_text``).

**The message** (Vietnamese, from the catalogue): the unit, the quarter, the deadline and how many
days are left or late, what is missing (the file, or a new file after a return, with the reviewer's
comment), the link to the app (``GENDER_TARGETS_APP_URL``), and the unit's template for P pre-filled
(``template.make_template`` with the stored deadline) attached as .xlsx.

**Sending**: ``send_reminders`` hands the messages to ``delivery.deliver``: one reminder per unit,
quarter and day (Vietnam time), recorded before it is sent, so a second run, a double click or two
replicas send nothing twice; ``dry_run`` lists the same units and sends nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from ..accounts import Account, Action, require
from ..i18n import t
from ..periods import Period, parse_period
from ..template import make_template, template_bodies, template_filename
from .deadlines import deadline_for, today_vn
from .delivery import Delivery, deliver
from .mail import XLSX, MailSettings, Outgoing
from .timeliness import unit_states

__all__ = [
    "Reminder",
    "ReminderResult",
    "plan_reminders",
    "reminder_outgoing",
    "send_reminders",
    "unit_recipients",
    "zalo_text",
]

UNIT_PAGE = "don-vi"  # the unit's own page (app.py's registry): where the link in a message leads


@dataclass(frozen=True)
class Reminder:
    unit: str
    name: str
    period: str
    deadline: dt.date
    state: str  # missing | returned
    overdue: bool
    days_late: int | None
    days_left: int | None
    recipients: tuple[str, ...]
    accounts: tuple[str, ...]
    problem: str = ""  # "" | no_account | no_email
    comment: str = ""
    returned_by: str = ""


@dataclass(frozen=True)
class ReminderResult:
    reminder: Reminder
    result: str  # sent | would_send | already_sent | failed | not_sent | invalid_address | no_account | no_email
    error_vi: str = ""
    error_en: str = ""

    def to_dict(self) -> dict:
        r = self.reminder
        return {
            "unit": r.unit,
            "name": r.name,
            "period": r.period,
            "deadline": r.deadline.isoformat(),
            "state": r.state,
            "overdue": r.overdue,
            "days_late": r.days_late,
            "days_left": r.days_left,
            "recipients": list(r.recipients),
            "result": self.result,
            "error": self.error_en or None,
            "error_vi": self.error_vi or None,
        }


def unit_recipients(accounts: Iterable, unit: str) -> tuple[tuple[str, ...], tuple[str, ...], str]:
    """(e-mails, usernames, problem) of the enabled unit accounts holding ``unit``."""
    holders = [
        a for a in accounts if str(a.role) == "unit" and not a.disabled and unit.upper() in {u.upper() for u in a.units}
    ]
    emails = tuple(dict.fromkeys(a.email.strip() for a in holders if a.email.strip()))
    problem = "" if emails else ("no_email" if holders else "no_account")
    return emails, tuple(a.username for a in holders), problem


def plan_reminders(
    store,
    period: Period | str,
    *,
    today: dt.date | None = None,
    units: Iterable[str] | None = None,
    register=None,
) -> list[Reminder]:
    """The units to remind for ``period`` (see the module docstring), in register order."""
    p = parse_period(period)
    register = register or store.register()
    if register is None:
        return []
    today = today or today_vn()
    deadlines = store.deadlines()
    states = unit_states(store.submission_log(), register, [p], deadlines, today, units=units)
    accounts = store.accounts()
    labels = {a.username: a.label for a in accounts}
    out = []
    for r in states[states["state"].isin(["missing", "returned"])].itertuples():
        emails, usernames, problem = unit_recipients(accounts, r.unit)
        out.append(
            Reminder(
                unit=r.unit,
                name=register.name(r.unit),
                period=str(p),
                deadline=r.deadline,
                state=r.state,
                overdue=bool(today > r.deadline),
                days_late=(today - r.deadline).days if today > r.deadline else None,
                days_left=(r.deadline - today).days if today <= r.deadline else None,
                recipients=emails,
                accounts=usernames,
                problem=problem,
                comment=r.review_comment if r.state == "returned" else "",
                returned_by=labels.get(r.reviewed_by, r.reviewed_by) if r.state == "returned" else "",
            )
        )
    return out


def _when(rem: Reminder, lang: str) -> str:
    if rem.days_late:
        return t("campaign.when.late", lang, days=rem.days_late)
    if rem.days_left == 0:
        return t("campaign.when.today", lang)
    return t("campaign.when.left", lang, days=rem.days_left)


def _missing(rem: Reminder, lang: str) -> str:
    if rem.state == "returned":
        return t("campaign.missing.returned", lang, who=rem.returned_by or "—", comment=rem.comment or "—")
    return t("campaign.missing.file", lang)


def _link(app_url: str) -> str:
    return f"{app_url.rstrip('/')}/{UNIT_PAGE}" if app_url else ""


def reminder_outgoing(
    rem: Reminder,
    register,
    *,
    app_url: str = "",
    targets=None,
    today: dt.date | None = None,
    lang: str = "vi",
    stored=None,
) -> Outgoing:
    """The reminder for one unit, with its pre-filled template for the quarter attached: her own
    agencies from her last accepted quarter among ``stored`` (``Store.active_bodies``), as the app's
    and the command line's template give them (``template.template_bodies``)."""
    p = parse_period(rem.period)
    label = p.label(lang)
    deadline = rem.deadline.strftime("%d/%m/%Y")
    attachment = template_filename(rem.unit, p)
    data = make_template(
        register,
        rem.unit,
        p,
        deadline=rem.deadline,
        targets=targets,
        today=today or today_vn(),
        bodies=template_bodies(register, rem.unit, p, stored),
    )
    link = _link(app_url)
    body = t(
        "campaign.mail.reminder_body",
        lang,
        name=rem.name,
        unit=rem.unit,
        period=label,
        deadline=deadline,
        when=_when(rem, lang),
        missing=_missing(rem, lang),
        attachment=attachment,
        how=t("campaign.mail.how_link", lang, link=link) if link else t("campaign.mail.how_nolink", lang),
    )
    subject = t("campaign.mail.reminder_subject", lang, name=rem.name, period=label, deadline=deadline)
    return Outgoing(rem.unit, rem.period, "reminder", rem.recipients, subject, body, ((attachment, data, XLSX),))


def zalo_text(reminders: Iterable[Reminder], *, app_url: str = "", lang: str = "vi") -> str:
    """A text to paste into a Zalo group for the units no e-mail reaches."""
    rems = list(reminders)
    if not rems:
        return ""
    p = parse_period(rems[0].period)
    lines = [t("campaign.zalo.head", lang, period=p.label(lang), deadline=rems[0].deadline.strftime("%d/%m/%Y"))]
    for r in rems:
        what = t("campaign.zalo.returned", lang) if r.state == "returned" else t("campaign.zalo.missing", lang)
        lines.append(f"- {r.name}: {what} ({_when(r, lang)})")
    link = _link(app_url)
    lines.append(t("campaign.zalo.how_link", lang, link=link) if link else t("campaign.zalo.how_nolink", lang))
    return "\n".join(lines)


def send_reminders(
    store,
    period: Period | str,
    settings: MailSettings,
    *,
    by: str = "",
    dry_run: bool = False,
    today: dt.date | None = None,
    now: dt.datetime | None = None,
    units: Iterable[str] | None = None,
    reminders: list[Reminder] | None = None,
    actor: Account | None = None,
) -> list[ReminderResult]:
    """Remind every unit of ``plan_reminders`` that an e-mail reaches (see the module docstring);
    one ``ReminderResult`` per planned unit (``no_account`` / ``no_email`` for the others).
    ``actor``: the account that sends (``None``: the command line's operator); reminding is a
    reviewer's or an admin's right (``Action.REVIEW``), checked here, not only by the page."""
    require(actor, Action.REVIEW)
    now = now or dt.datetime.now(dt.UTC)
    today = today or today_vn(now)
    register = store.register()
    plan = (
        reminders
        if reminders is not None
        else plan_reminders(store, period, today=today, units=units, register=register)
    )
    targets = store.targets()
    reachable = [r for r in plan if not r.problem]
    stored = store.active_bodies(units=[r.unit for r in reachable]) if reachable else None
    outgoing = [
        reminder_outgoing(r, register, app_url=settings.app_url, targets=targets, today=today, stored=stored)
        for r in reachable
    ]
    done: dict[str, Delivery] = {
        d.message.unit: d for d in deliver(store, outgoing, settings, by=by, dry_run=dry_run, now=now)
    }
    results = []
    for r in plan:
        if r.problem:
            results.append(ReminderResult(r, r.problem))
            continue
        d = done[r.unit]
        results.append(ReminderResult(r, d.result, d.error_vi, d.error_en))
    return results


def deadline_of(store, period: Period | str) -> dt.date:
    """The deadline of ``period`` in this store (stored, else the default)."""
    return deadline_for(period, store.deadlines())
