"""Notifications (SPEC §12), each switched on or off by an admin (``Store.set_notify``; default on):

- **returned**: a reviewer returned a submission → its unit's enabled accounts with an e-mail get the
  reviewer's name and comment in full, the quarter and the link;
- **submitted**: a unit account sent a submission (waiting for review) → every enabled reviewer and
  admin account with an e-mail (reviewers are not tied to areas: every one of them reviews every area).

Both go through ``delivery.deliver`` and the mail log like reminders (kind ``returned`` /
``submitted``, ``ref`` the submission id), so a notice is sent once even if the page runs twice.
``notify`` never raises for mail trouble: the caller (the review page, the upload page) has already
done its work; it gets back what happened to show it.

A message carries only text the union wrote (the register, the catalogue, account names, the
reviewer's comment), except the name of the file a unit sent, which the unit chose: it is given as
``file_name_for_mail`` makes it (letters, digits, spaces, ``-``, ``_`` and brackets, at most 60
characters, then its spreadsheet extension), so that a file named like a sentence with a link
("… đăng nhập lại tại http://…") does not reach every reviewer as a link in a message from the
union's own address.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from ..i18n import t
from ..periods import parse_period
from .delivery import Delivery, deliver
from .mail import MailError, MailSettings, Outgoing
from .reminders import UNIT_PAGE, unit_recipients

__all__ = ["KINDS", "Notice", "file_name_for_mail", "notice_messages", "notify"]

KINDS = ("returned", "submitted")
REVIEW_PAGE = "duyet-so-lieu"


@dataclass(frozen=True)
class Notice:
    """What became of the notifications of one action: ``skipped`` says why nothing was tried
    (``off`` | ``not_configured`` | ``no_recipient``); else one ``Delivery`` per message."""

    kind: str
    deliveries: tuple[Delivery, ...] = ()
    skipped: str = ""
    error_vi: str = ""
    error_en: str = ""

    @property
    def sent(self) -> int:
        return sum(1 for d in self.deliveries if d.result in ("sent", "already_sent"))

    @property
    def failed(self) -> list[Delivery]:
        return [d for d in self.deliveries if not d.ok]


_SPREADSHEET_EXTENSIONS = frozenset({"xlsx", "xlsm", "xls", "ods", "csv"})


def file_name_for_mail(name: str, limit: int = 60) -> str:
    """A unit's file name as a message may show it (module docstring): no link, no line, no
    invisible character can survive."""
    base = re.split(r"[\\/]", unicodedata.normalize("NFC", str(name or "")))[-1]
    stem, dot, ext = base.rpartition(".")
    if not dot:
        stem, ext = base, ""
    stem = "".join(ch if ch.isalnum() or ch in " -_()" else "_" for ch in stem)
    stem = " ".join(stem.split()).strip(" _")
    if len(stem) > limit:
        stem = stem[:limit].rstrip() + "…"
    ext = ext.lower() if ext.lower() in _SPREADSHEET_EXTENSIONS else ""
    return (stem or "—") + (f".{ext}" if ext and stem else "")


def _row(store, submission_id: int) -> dict | None:
    log = store.submission_log()
    hit = log[log["id"] == int(submission_id)]
    return None if hit.empty else hit.iloc[0].to_dict()


def notice_messages(store, kind: str, submission_ids: Iterable[int], *, app_url: str = "") -> list[Outgoing]:
    """The messages of ``kind`` for some submissions (none for a submission without recipients)."""
    register = store.register()
    accounts = store.accounts()
    labels = {a.username: a.label for a in accounts}
    reviewers = tuple(
        dict.fromkeys(
            a.email.strip()
            for a in accounts
            if str(a.role) in ("reviewer", "admin") and not a.disabled and a.email.strip()
        )
    )
    out = []
    for sid in submission_ids:
        row = _row(store, sid)
        if row is None:
            continue
        unit, period = str(row["unit"]), parse_period(row["period"])
        name = register.name(unit) if register is not None and unit in register else unit
        same = {  # what both notices say about the submission
            "name": name,
            "unit": unit,
            "period": period.label("vi"),
            "id": int(row["id"]),
            "file": file_name_for_mail(row["file_name"]),  # the one text a unit chose (module docstring)
        }
        if kind == "returned":
            to, _, _ = unit_recipients(accounts, unit)
            link = f"{app_url.rstrip('/')}/{UNIT_PAGE}" if app_url else ""
            subject = t("campaign.notice.returned_subject", "vi", name=name, period=period.label("vi"))
            body = t(
                "campaign.notice.returned_body",
                "vi",
                **same,
                who=labels.get(row["reviewed_by"], row["reviewed_by"]) or "—",
                comment=row["review_comment"] or "—",
                how=t("campaign.mail.how_link", "vi", link=link) if link else t("campaign.mail.how_nolink", "vi"),
            )
        else:
            to = reviewers
            link = f"{app_url.rstrip('/')}/{REVIEW_PAGE}" if app_url else ""
            subject = t("campaign.notice.submitted_subject", "vi", name=name, period=period.label("vi"))
            body = t(
                "campaign.notice.submitted_body",
                "vi",
                **same,
                who=labels.get(row["account"], row["account"] or row["uploaded_by"]) or "—",
                link=link or t("campaign.notice.review_page", "vi"),
            )
        if to:
            out.append(Outgoing(unit, str(period), kind, to, subject, body, ref=int(row["id"])))
    return out


def notify(
    store,
    kind: str,
    submission_ids: Iterable[int],
    settings: MailSettings,
    *,
    by: str = "",
    now: dt.datetime | None = None,
) -> Notice:
    """Send the notifications of ``kind`` for ``submission_ids`` when switched on and mail is set up."""
    if kind not in KINDS:
        raise ValueError(kind)
    if not store.notify_enabled(kind):
        return Notice(kind, skipped="off")
    if not settings.configured:
        return Notice(kind, skipped="not_configured")
    messages = notice_messages(store, kind, list(submission_ids), app_url=settings.app_url)
    if not messages:
        return Notice(kind, skipped="no_recipient")
    try:
        return Notice(kind, tuple(deliver(store, messages, settings, by=by, now=now)))
    except MailError as exc:
        from ..i18n import describe

        return Notice(kind, skipped="error", error_vi=describe(exc, "vi"), error_en=describe(exc, "en"))
