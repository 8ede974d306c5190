"""The quarter's campaign (issue 16, SPEC §12): deadlines as data, completeness and timeliness,
reminders and notifications by e-mail, and what a unit needs to do.

One module a job: ``deadlines`` (the date of each quarter, Vietnam time), ``timeliness`` (the one
rule for sent / pending / returned / missing / late per unit and quarter and the rate per area),
``mail`` (settings and SMTP), ``delivery`` (claim, send, record: exactly once), ``reminders``,
``notifications``, ``people_needed`` (how many more women in the pool and trained, at the unit's
current size). Above the store and the template, below reports and the CLI; no Streamlit.
"""

from __future__ import annotations

from .deadlines import (
    CampaignError,
    Deadline,
    deadline_for,
    deadline_list,
    default_deadline,
    due_period,
    parse_deadline,
    set_deadline,
    today_vn,
    vn_date,
)
from .delivery import Delivery, deliver
from .mail import Mailer, MailError, MailSettings, Outgoing, mail_settings, valid_address
from .notifications import Notice, notify
from .people_needed import Need, people_needed
from .reminders import Reminder, ReminderResult, plan_reminders, reminder_outgoing, send_reminders, zalo_text
from .timeliness import (
    ALL_UNITS,
    Timeliness,
    area_timeliness,
    rate_sentence,
    state_text,
    timeliness_table,
    unit_states,
)

__all__ = [
    "ALL_UNITS",
    "CampaignError",
    "Deadline",
    "Delivery",
    "MailError",
    "MailSettings",
    "Mailer",
    "Need",
    "Notice",
    "Outgoing",
    "Reminder",
    "ReminderResult",
    "Timeliness",
    "area_timeliness",
    "deadline_for",
    "deadline_list",
    "default_deadline",
    "deliver",
    "due_period",
    "mail_settings",
    "notify",
    "parse_deadline",
    "people_needed",
    "plan_reminders",
    "rate_sentence",
    "reminder_outgoing",
    "send_reminders",
    "set_deadline",
    "state_text",
    "timeliness_table",
    "today_vn",
    "unit_states",
    "valid_address",
    "vn_date",
    "zalo_text",
]
