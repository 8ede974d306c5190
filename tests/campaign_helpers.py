"""Helpers for the campaign's tests: a unit's template filled in as a commune officer would, and a
loopback SMTP server (aiosmtpd) that keeps what it receives and can drop the connection on request."""

from __future__ import annotations

import email
import email.policy
import io
import socket
import threading
from email.message import Message

from openpyxl import load_workbook

from gender_targets.schema import COUNT_COLUMNS
from gender_targets.template import COLUMNS, DATA_SHEET, FIRST_BODY_ROW

COUNTS = {"key_leaders": 2, "key_leaders_female": 1, "pool_total": 5, "pool_female": 2, "pool_female_trained": 1}


def fill_counts(template: bytes) -> bytes:
    """The template with every pre-filled body given whole-number counts (names and types kept)."""
    wb = load_workbook(io.BytesIO(template))
    ws = wb[DATA_SHEET]
    letters = {c.name: c.letter for c in COLUMNS}
    row = FIRST_BODY_ROW
    while ws[f"{letters['body_name']}{row}"].value:
        for name in COUNT_COLUMNS:
            ws[f"{letters[name]}{row}"] = COUNTS[name]
        row += 1
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Inbox:
    """What a loopback SMTP server received: ``messages`` (envelope recipients, parsed message)."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], Message]] = []
        self.lock = threading.Lock()
        self.drop_after: int | None = None  # close the connection at the DATA of message n+1
        self.refuse: set[str] = set()  # addresses answered 550 at RCPT

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 no such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            if self.drop_after is not None and len(self.messages) >= self.drop_after:
                server.transport.close()  # the server goes away mid-batch: this message is not accepted
                return "421 closing"
            self.messages.append(
                (list(envelope.rcpt_tos), email.message_from_bytes(envelope.content, policy=email.policy.default))
            )
        return "250 OK"

    def to(self) -> list[str]:
        return [addr for rcpts, _ in self.messages for addr in rcpts]
