"""Mail through a real SMTP server, with the standard library only (``smtplib``, ``email``).

**Settings** (``MailSettings``, plain values: the core never reads Streamlit's secrets):
``mail_settings(environ, secrets)`` takes the environment first — ``GENDER_TARGETS_SMTP_URL``
(``smtp://user:pass@host:587?starttls=1``; ``smtps://`` for TLS from the start, port 465),
``GENDER_TARGETS_MAIL_FROM``, ``GENDER_TARGETS_APP_URL`` — then the ``[smtp]`` table of
``.streamlit/secrets.toml`` (``url`` or ``host``/``port``/``username``/``password``/``starttls``/
``ssl``, and ``from``, ``app_url``). A user name or password with ``@`` or ``:`` is written
percent-encoded in the URL (``%40``). Without a sender, the user name when it is an address, else
``gender-targets@HOST``.

**Sending** (``Mailer``): one connection for a batch, opened on the first message. Every fault
becomes a ``MailError`` with its own code, worded by the catalogue (``campaign.mail.<code>``):
``connect_failed`` (wrong host or port, server down), ``tls_failed``, ``auth_failed`` (wrong user or
password), ``disconnected`` (the server dropped the connection), ``recipients_refused`` (the server
refused every address), ``refused`` (another refusal, with the server's answer), ``invalid_address``.
``send`` returns only when the server accepted the message (for at least one recipient; the
refused ones are returned).
"""

from __future__ import annotations

import contextlib
import re
import smtplib
import ssl
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from email.header import Header
from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import formataddr, formatdate, make_msgid
from urllib.parse import parse_qs, unquote, urlsplit

from ..errors import GenderTargetsError

__all__ = [
    "ENV_APP_URL",
    "ENV_MAIL_FROM",
    "ENV_SMTP_URL",
    "MailError",
    "MailSettings",
    "Mailer",
    "Outgoing",
    "build_message",
    "mail_settings",
    "valid_address",
]

ENV_SMTP_URL = "GENDER_TARGETS_SMTP_URL"
ENV_MAIL_FROM = "GENDER_TARGETS_MAIL_FROM"
ENV_APP_URL = "GENDER_TARGETS_APP_URL"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_ADDRESS = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)+$"
)


class MailError(GenderTargetsError):
    """Mail could not be sent: ``campaign.mail.<code>``."""

    code = "mail"
    prefix = "campaign.mail"


@dataclass(frozen=True)
class MailSettings:
    host: str = ""
    port: int = 25
    username: str = ""
    password: str = field(default="", repr=False)
    starttls: bool = False
    ssl: bool = False
    sender: str = ""
    app_url: str = ""
    timeout: float = 20.0

    @property
    def configured(self) -> bool:
        return bool(self.host and self.sender)

    def described(self) -> str:
        """ "smtp.example.org:587 (STARTTLS), từ/from noreply@…" without the password."""
        mode = " SSL" if self.ssl else " STARTTLS" if self.starttls else ""
        return f"{self.host}:{self.port}{mode} · {self.sender}"


def _flag(value: object) -> bool:
    return str(value).strip().lower() in ("1", "true", "yes", "on")


def parse_smtp_url(url: str) -> dict:
    """``smtp://user:pass@host:587?starttls=1`` → host, port, username, password, starttls, ssl."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
        raise MailError("bad_url", url=_masked(url))
    query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
    secure = parts.scheme == "smtps" or _flag(query.get("ssl", ""))
    try:
        port = parts.port or (465 if secure else 25)
    except ValueError:
        raise MailError("bad_url", url=_masked(url)) from None
    return {
        "host": parts.hostname,
        "port": port,
        "username": unquote(parts.username or ""),
        "password": unquote(parts.password or ""),
        "starttls": _flag(query.get("starttls", "")),
        "ssl": secure,
    }


def _masked(url: str) -> str:
    return re.sub(r"(//[^:/@]*:)[^@]*@", r"\1***@", str(url))[:120]


def mail_settings(environ: Mapping[str, str], secrets: Mapping | None = None) -> MailSettings:
    """The settings from the environment, else from the ``[smtp]`` table (see the module docstring).
    Not configured (no host or no sender): ``MailSettings().configured`` is False."""
    smtp = dict(secrets or {})
    values: dict = {}
    url = (environ.get(ENV_SMTP_URL) or "").strip() or str(smtp.get("url") or "").strip()
    if url:
        values.update(parse_smtp_url(url))
    elif smtp.get("host"):
        secure = _flag(smtp.get("ssl", ""))
        try:
            port = int(smtp.get("port") or (465 if secure else 25))
        except (TypeError, ValueError):
            raise MailError("bad_url", url=str(smtp.get("port"))[:40]) from None
        values.update(
            host=str(smtp["host"]).strip(),
            port=port,
            username=str(smtp.get("username") or smtp.get("user") or ""),
            password=str(smtp.get("password") or ""),
            starttls=_flag(smtp.get("starttls", "")),
            ssl=secure,
        )
    sender = (environ.get(ENV_MAIL_FROM) or "").strip() or str(smtp.get("from") or smtp.get("sender") or "").strip()
    if not sender and values.get("host"):  # no sender given: the user name when it is an address
        user = str(values.get("username") or "")
        sender = user if valid_address(user) else f"gender-targets@{values['host']}"
    app_url = (environ.get(ENV_APP_URL) or "").strip() or str(smtp.get("app_url") or "").strip()
    if "timeout" in smtp:
        values["timeout"] = float(smtp["timeout"])
    return MailSettings(sender=sender, app_url=app_url.rstrip("/"), **values)


def valid_address(address: str) -> bool:
    """A plain address a server can be asked to deliver to (no name, no spaces, one @, a dotted domain)."""
    return bool(_ADDRESS.match((address or "").strip())) and len(address) <= 254


@dataclass(frozen=True)
class Outgoing:
    """One message to send, with the key it is logged under (``Store.claim_mail``)."""

    unit: str
    period: str
    kind: str  # reminder | returned | submitted
    to: tuple[str, ...]
    subject: str
    body: str
    attachments: tuple[tuple[str, bytes, str], ...] = ()  # (file name, bytes, MIME type)
    ref: int = 0


def build_message(out: Outgoing, sender: str, sender_name: str = "") -> MIMEMultipart:
    """A UTF-8 message: plain-text body, the attachments, Date and Message-ID.

    Built with the ``email.mime`` classes and ``email.header.Header``: the newer ``EmailMessage``
    folds a long Vietnamese subject into encoded words that lose the space between them
    ("Bà Điểm — Quý" arrives as "Bà Điểm— Quý"); ``Header`` keeps it."""
    msg = MIMEMultipart()
    msg["From"] = formataddr((sender_name, sender), charset="utf-8") if sender_name else sender
    msg["To"] = ", ".join(out.to)
    msg["Subject"] = Header(" ".join(out.subject.split()), "utf-8")  # one line: no header from a name
    msg["Date"] = formatdate(localtime=False)
    msg["Message-ID"] = make_msgid(domain=sender.rsplit("@", 1)[-1] if "@" in sender else None)
    msg.attach(MIMEText(out.body, "plain", "utf-8"))
    for name, data, mime in out.attachments:
        part = MIMEApplication(data, _subtype=mime.split("/", 1)[1])
        part.add_header("Content-Disposition", "attachment", filename=("utf-8", "", name))
        msg.attach(part)
    return msg


class Mailer:
    """One SMTP connection for a batch (``with Mailer(settings) as m: m.send(outgoing)``)."""

    def __init__(self, settings: MailSettings, sender_name: str = ""):
        if not settings.configured:
            raise MailError("not_configured")
        self.settings = settings
        self.sender_name = sender_name
        self._smtp: smtplib.SMTP | None = None

    def __enter__(self) -> Mailer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._smtp is not None:
            try:
                self._smtp.quit()
            except (smtplib.SMTPException, OSError):
                with contextlib.suppress(OSError):
                    self._smtp.close()
            self._smtp = None

    def _connect(self) -> smtplib.SMTP:
        s = self.settings
        where = {"host": s.host, "port": s.port}
        try:
            if s.ssl:
                smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                    s.host, s.port, timeout=s.timeout, context=ssl.create_default_context()
                )
            else:
                smtp = smtplib.SMTP(s.host, s.port, timeout=s.timeout)
        except ssl.SSLError as exc:
            raise MailError("tls_failed", reason=str(exc)[:200], **where) from None
        except (OSError, smtplib.SMTPException) as exc:
            raise MailError("connect_failed", reason=_reason(exc), **where) from None
        try:
            smtp.ehlo()
            if s.starttls and not s.ssl:
                smtp.starttls(context=ssl.create_default_context())
                smtp.ehlo()
            if s.username:
                smtp.login(s.username, s.password)
        except smtplib.SMTPAuthenticationError as exc:
            smtp.close()
            raise MailError("auth_failed", reason=_reason(exc), **where) from None
        except (ssl.SSLError, smtplib.SMTPNotSupportedError) as exc:
            smtp.close()
            raise MailError("tls_failed", reason=_reason(exc), **where) from None
        except smtplib.SMTPServerDisconnected as exc:
            smtp.close()
            raise MailError("disconnected", reason=_reason(exc), **where) from None
        except (OSError, smtplib.SMTPException) as exc:
            smtp.close()
            raise MailError("connect_failed", reason=_reason(exc), **where) from None
        return smtp

    def send(self, out: Outgoing) -> dict[str, str]:
        """Send one message; return the recipients the server refused (address → answer). Raises
        ``MailError`` when the server did not accept it at all."""
        bad = [a for a in out.to if not valid_address(a)]
        good = [a for a in out.to if valid_address(a)]
        if not good:
            raise MailError("invalid_address", addresses=", ".join(bad) or "—")
        if self._smtp is None:
            self._smtp = self._connect()
        msg = build_message(replace(out, to=tuple(good)), self.settings.sender, self.sender_name)
        try:
            refused = self._smtp.send_message(msg, from_addr=self.settings.sender, to_addrs=good)
        except smtplib.SMTPRecipientsRefused as exc:
            raise MailError("recipients_refused", addresses=", ".join(exc.recipients), reason="") from None
        except (TimeoutError, smtplib.SMTPServerDisconnected, ConnectionError) as exc:
            self._smtp = None
            raise MailError(
                "disconnected", reason=_reason(exc), host=self.settings.host, port=self.settings.port
            ) from None
        except smtplib.SMTPResponseException as exc:
            raise MailError("refused", reason=_reason(exc)) from None
        except (OSError, smtplib.SMTPException) as exc:
            self._smtp = None
            raise MailError(
                "disconnected", reason=_reason(exc), host=self.settings.host, port=self.settings.port
            ) from None
        out_refused = {a: _answer(v) for a, v in (refused or {}).items()}
        out_refused.update({a: "invalid" for a in bad})
        return out_refused


def _answer(value) -> str:
    if isinstance(value, tuple) and len(value) == 2:
        code, text = value
        return f"{code} {text.decode('utf-8', 'replace') if isinstance(text, bytes) else text}"
    return str(value)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, smtplib.SMTPResponseException):
        text = exc.smtp_error.decode("utf-8", "replace") if isinstance(exc.smtp_error, bytes) else str(exc.smtp_error)
        return f"{exc.smtp_code} {text}"[:200]
    return (str(exc) or type(exc).__name__)[:200]
