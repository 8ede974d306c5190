"""Sending a batch of messages exactly once: decide and record, then send, then record the answer.

For each ``Outgoing`` message, in order:

1. no valid address → ``invalid_address`` (nothing claimed, nothing sent);
2. ``Store.claim_mail`` with the key (unit, quarter, today in Vietnam, kind, ref): None means another
   run, replica or click has sent it today or is sending it → ``already_sent``;
3. send through the batch's one SMTP connection; the server accepted it → ``finish_mail(sent)`` →
   ``sent``; it refused it → ``finish_mail(failed)`` → ``failed`` with the reason;
4. a fault of the connection itself (cannot connect, wrong password, the server dropped the
   connection): that message and every later one are ``not_sent`` (their claims released as
   ``failed``), so a rerun sends exactly the ones missing.

``dry_run`` claims and sends nothing: every message that would go is ``would_send``. One audit row
(``mail_send``) sums up a batch that sent or tried anything.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from ..i18n import describe
from .deadlines import today_vn
from .mail import Mailer, MailError, MailSettings, Outgoing, valid_address

__all__ = ["RESULTS", "Delivery", "deliver"]

#: What became of one message.
RESULTS = ("sent", "would_send", "already_sent", "failed", "not_sent", "invalid_address")


@dataclass(frozen=True)
class Delivery:
    message: Outgoing
    result: str
    error_code: str = ""
    error_vi: str = ""
    error_en: str = ""
    refused: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.result in ("sent", "would_send", "already_sent")


def _error(result: str, out: Outgoing, exc: MailError, refused: Iterable[str] = ()) -> Delivery:
    return Delivery(out, result, exc.code, describe(exc, "vi"), describe(exc, "en"), tuple(refused))


def deliver(
    store,
    messages: list[Outgoing],
    settings: MailSettings,
    *,
    by: str = "",
    dry_run: bool = False,
    now: dt.datetime | None = None,
    sender_name: str = "",
) -> list[Delivery]:
    """Send ``messages`` once each (see the module docstring); one ``Delivery`` per message."""
    now = now or dt.datetime.now(dt.UTC)
    day = today_vn(now)
    out: list[Delivery] = []
    if dry_run:
        return [
            Delivery(m, "would_send")
            if any(valid_address(a) for a in m.to)
            else _error("invalid_address", m, MailError("invalid_address", addresses=", ".join(m.to) or "—"))
            for m in messages
        ]
    broken: MailError | None = None
    mailer = Mailer(settings, sender_name) if messages else None
    try:
        for m in messages:
            if not any(valid_address(a) for a in m.to):
                out.append(_error("invalid_address", m, MailError("invalid_address", addresses=", ".join(m.to) or "—")))
                continue
            if broken is not None:
                out.append(_error("not_sent", m, broken))
                continue
            mail_id = store.claim_mail(
                m.unit, m.period, day, m.kind, ref=m.ref, recipients=m.to, subject=m.subject, by=by, now=now
            )
            if mail_id is None:
                out.append(Delivery(m, "already_sent"))
                continue
            try:
                refused = mailer.send(m)
            except MailError as exc:
                store.finish_mail(
                    mail_id, False, f"{exc.code}: {exc.params.get('reason') or exc.params.get('addresses') or ''}"
                )
                if exc.code in ("recipients_refused", "refused", "invalid_address"):
                    out.append(_error("failed", m, exc))
                else:  # the connection itself: nothing more can go through it
                    broken = exc
                    out.append(_error("not_sent", m, exc))
                continue
            store.finish_mail(mail_id, True, "; ".join(f"{a}: {why}" for a, why in refused.items()))
            out.append(Delivery(m, "sent", refused=tuple(refused)))
    finally:
        if mailer is not None:
            mailer.close()
    tried = [d for d in out if d.result in ("sent", "failed", "not_sent")]
    if tried:
        store.record_mail_batch(
            {
                "kind": messages[0].kind,
                "period": messages[0].period,
                "sent": [f"{d.message.unit}" for d in out if d.result == "sent"],
                "not_sent": [f"{d.message.unit}" for d in out if d.result in ("failed", "not_sent")],
                "error": broken.code if broken is not None else "",
            },
            by=by,
        )
    return out
