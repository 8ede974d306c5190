"""Accounts, roles and the permission checks the core enforces (SPEC §10).

This module sits beside the store and below it: the store imports it to check every write; it
imports nothing of the store. It holds no SQL and never imports Streamlit.

- **Roles** (each includes the one before it, except ``unit``):
  ``viewer`` — dashboards and downloads;
  ``unit`` — a viewer who submits for its own units only; its submissions wait for review (``pending``);
  ``reviewer`` — a viewer who accepts or returns unit submissions, uploads directly and rolls back;
  ``admin`` — a reviewer who manages the register, the targets, the users, the settings and sample data.
- **The actor.** Every write method of the store takes ``actor``: the signed-in ``Account``, or
  ``None`` for the local operator (the command line, and the app in single-user mode, when no account
  exists). The pages always pass the signed-in account, so a role is refused in the core even when a
  page forgets to hide a button.
- **Passwords** are argon2id hashes (``argon2-cffi`` defaults); ``passwords.password_problem`` refuses
  one shorter than ``MIN_PASSWORD`` characters, one of the 10,000 most common, or the user's own name.
- **Lockout, against new browsers only**: ``MAX_FAILURES`` (5) failed sign-ins in a row lock the
  account for ``LOCK_MINUTES`` (15) minutes, counted from the fifth failure; a success resets the
  counter. The lock applies to browsers that never signed in to that account: a browser that did
  (it holds a device cookie, ``new_device_token``, kept ``DEVICE_DAYS`` days) still signs in with the
  right password, so a stranger typing wrong passwords cannot lock the admin out. An admin (users
  tab) or the command line (``user unlock``) can end a lock.
- **Throttle per client**: ``CLIENT_MAX_FAILURES`` (10) failed sign-ins from one client address in
  ``CLIENT_WINDOW_MINUTES`` (15) minutes, whatever the names typed, refuse that client's next tries
  until the window has passed (``too_many_attempts``); a browser known to the account it signs in to
  is not held back by others behind the same address. A client whose address is unknown (this very
  machine, without the proxy) is not throttled this way; the account lock still applies.
- **One answer**: an unknown name, a wrong password, a disabled account and a locked one all get the
  same ``sign_in_failed`` after the same work (one argon2 verification and one write).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from .errors import GenderTargetsError, PermissionDenied
from .i18n import t
from .passwords import MIN_PASSWORD, password_problem
from .validation import Severity, ValidationIssue

__all__ = [
    "CLIENT_MAX_FAILURES",
    "CLIENT_WINDOW_MINUTES",
    "DEVICE_DAYS",
    "LOCK_MINUTES",
    "MAX_FAILURES",
    "MIN_PASSWORD",
    "ROLE_ACTIONS",
    "SESSION_HOURS",
    "Account",
    "AccountError",
    "Action",
    "Role",
    "actor_label",
    "allowed",
    "client_hash",
    "emails_to_clear",
    "foreign_unit_issues",
    "foreign_units",
    "hash_password",
    "is_locked",
    "lock_after_failure",
    "new_device_token",
    "new_session_token",
    "parse_role",
    "require",
    "session_hash",
    "submission_status",
    "validate_password",
    "validate_username",
    "verify_password",
]

MAX_FAILURES = 5
LOCK_MINUTES = 15
CLIENT_MAX_FAILURES = 10
CLIENT_WINDOW_MINUTES = 15
#: a browser that signed in to an account stays known to it this long (its device cookie)
DEVICE_DAYS = 180
#: A browser sign-in lasts this long (a cookie holding a random token; the store keeps its SHA-256).
SESSION_HOURS = 12
USERNAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{1,63}$")


class AccountError(GenderTargetsError):
    """An account operation that cannot be done (unknown user, name taken, weak password, locked…)."""

    code = "account"


class Role(StrEnum):
    ADMIN = "admin"
    REVIEWER = "reviewer"
    UNIT = "unit"
    VIEWER = "viewer"


class Action(StrEnum):
    """What an account may do. Reads are ``VIEW``; every other member is a write the store checks."""

    VIEW = "view"  # dashboards, data tables, downloads
    SUBMIT = "submit"  # send a quarter for review (unit accounts, own units only)
    IMPORT = "import"  # store a workbook directly, without review
    REVIEW = "review"  # accept or return a pending submission
    ROLLBACK = "rollback"
    REGISTER = "register"  # replace the unit register
    TARGETS = "targets"
    USERS = "users"  # add, disable, reset passwords
    SETTINGS = "settings"  # the public view switch
    SAMPLE = "sample"  # load or remove sample data
    BACKUP = "backup"  # download a complete backup (every account's hash included), restore one


_VIEWER = frozenset({Action.VIEW})
_REVIEWER = _VIEWER | {Action.IMPORT, Action.REVIEW, Action.ROLLBACK}
ROLE_ACTIONS: dict[Role, frozenset[Action]] = {
    Role.VIEWER: _VIEWER,
    Role.UNIT: _VIEWER | {Action.SUBMIT},
    Role.REVIEWER: _REVIEWER,
    Role.ADMIN: _REVIEWER
    | {Action.REGISTER, Action.TARGETS, Action.USERS, Action.SETTINGS, Action.SAMPLE, Action.BACKUP},
}


@dataclass(frozen=True)
class Account:
    """One account as stored; ``units`` only matters for the ``unit`` role. Times are UTC ISO text."""

    username: str
    role: Role
    display_name: str = ""
    units: tuple[str, ...] = ()
    email: str = ""
    disabled: bool = False
    created_at: str = ""
    last_sign_in_at: str = ""
    failed_attempts: int = 0
    locked_until: str = ""
    id: int | None = field(default=None, compare=False)

    @property
    def label(self) -> str:
        """What pages and the history show: the display name, else the username."""
        return self.display_name or self.username

    def can(self, action: Action | str) -> bool:
        return allowed(self, action)

    def to_dict(self) -> dict:
        """The ``user list --json`` shape (never the hash)."""
        return {
            "username": self.username,
            "display_name": self.display_name,
            "role": str(self.role),
            "units": list(self.units),
            "email": self.email,
            "disabled": self.disabled,
            "created_at": self.created_at,
            "last_sign_in_at": self.last_sign_in_at or None,
            "locked_until": self.locked_until or None,
        }


def parse_role(value: str | Role) -> Role:
    try:
        return Role(str(value).strip().lower())
    except ValueError:
        raise AccountError("bad_role", role=str(value), roles=", ".join(r.value for r in Role)) from None


def validate_username(username: str) -> str:
    name = (username or "").strip()
    if not USERNAME_RE.match(name):
        raise AccountError("bad_username", username=name)
    return name


def validate_password(password: str, username: str = "") -> None:
    """Raise ``AccountError`` (``password_too_short``, ``password_common``, ``password_is_username``)
    for a password ``username`` may not use (``passwords.password_problem``)."""
    problem = password_problem(password, username)
    if problem is not None:
        raise AccountError(problem, n=MIN_PASSWORD)


def emails_to_clear(rows: Iterable[dict]) -> set[int]:
    """Ids of the accounts that must lose their e-mail so that an e-mail names one account at most
    (compared without case and outer spaces; '' is no e-mail). The e-mail stays with the enabled
    account, then the one that signed in last, then the oldest (lowest id)."""
    groups: dict[str, list[dict]] = {}
    for row in rows:
        email = str(row.get("email") or "").strip().lower()
        if email:
            groups.setdefault(email, []).append(row)
    clear: set[int] = set()
    for same in groups.values():
        if len(same) < 2:
            continue
        ordered = sorted(same, key=lambda r: int(r["id"]))  # stable sorts: the last key decides first
        ordered.sort(key=lambda r: str(r.get("last_sign_in_at") or ""), reverse=True)
        ordered.sort(key=lambda r: bool(r.get("disabled")))
        clear.update(int(r["id"]) for r in ordered[1:])
    return clear


# -- permissions ------------------------------------------------------------------------------
def allowed(account: Account | None, action: Action | str, unit: str | None = None) -> bool:
    """True when ``account`` may do ``action`` (for ``unit``, when given). ``None`` is the local operator."""
    try:
        require(account, action, unit=unit)
    except PermissionDenied:
        return False
    return True


def require(account: Account | None, action: Action | str, *, unit: str | None = None) -> None:
    """Raise ``PermissionDenied`` unless ``account`` may do ``action`` (for ``unit``).

    ``None`` is the local operator (command line, single-user app) and may do everything. A disabled
    account may do nothing. A ``unit`` account submits for its own units only; ``unit`` is compared
    case-insensitively with the account's units.
    """
    if account is None:
        return
    action = Action(action)
    if account.disabled:
        raise PermissionDenied("account_disabled", username=account.username)
    if action not in ROLE_ACTIONS[account.role]:
        raise PermissionDenied(f"forbidden_{action}", role=str(account.role), username=account.username)
    if action is Action.SUBMIT and unit is not None:
        mine = {u.upper() for u in account.units}
        if str(unit).strip().upper() not in mine:
            raise PermissionDenied(
                "not_your_unit", unit=str(unit), units=", ".join(account.units) or "—", username=account.username
            )


def foreign_units(account: Account | None, units: Iterable[str]) -> list[str]:
    """The units of ``units`` a ``unit`` account may not submit for (empty for every other actor)."""
    if account is None or account.role is not Role.UNIT:
        return []
    mine = {u.upper() for u in account.units}
    return sorted({u for u in units if str(u).strip().upper() not in mine})


def foreign_unit_issues(account: Account | None, units: Iterable[str]) -> list[ValidationIssue]:
    """One error per unit of a file that a ``unit`` account may not submit for, in a file's report
    (code ``not_your_unit``), so the page lists it with the file's other issues before any storing."""
    mine = ", ".join(account.units) if account is not None else ""
    return [
        ValidationIssue(
            "not_your_unit",
            Severity.ERROR,
            "",
            "",
            unit,
            t("error.not_your_unit", "vi", unit=unit, units=mine),
            t("error.not_your_unit", "en", unit=unit, units=mine),
            params={"unit": unit, "units": mine},
        )
        for unit in foreign_units(account, units)
    ]


def submission_status(account: Account | None) -> str:
    """The status a new submission gets: ``pending`` from a unit account, else ``active``."""
    return "pending" if account is not None and account.role is Role.UNIT else "active"


def write_action(account: Account | None) -> Action:
    """The action a workbook upload needs from this actor: SUBMIT for a unit account, else IMPORT."""
    return Action.SUBMIT if account is not None and account.role is Role.UNIT else Action.IMPORT


def actor_label(account: Account | None, fallback: str = "") -> str:
    """Who a write is recorded as: the account's username (the audit) — ``fallback`` for the operator."""
    return account.username if account is not None else (fallback or "")


# -- passwords ------------------------------------------------------------------------------
_HASHER = PasswordHasher()


def hash_password(password: str, username: str = "") -> str:
    validate_password(password, username)
    return _HASHER.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    """True when ``password`` matches; False for a mismatch, an empty or a damaged hash."""
    if not password_hash or password is None:
        return False
    try:
        return _HASHER.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    try:
        return _HASHER.check_needs_rehash(password_hash)
    except InvalidHashError:
        return True


# -- lockout ------------------------------------------------------------------------------
def _parse_time(text: str) -> dt.datetime | None:
    if not text:
        return None
    try:
        when = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)


def is_locked(account: Account, now: dt.datetime) -> bool:
    until = _parse_time(account.locked_until)
    return until is not None and now < until


def minutes_left(account: Account, now: dt.datetime) -> int:
    """Whole minutes (rounded up, at least 1) until a locked account opens again; 0 when not locked."""
    until = _parse_time(account.locked_until)
    if until is None or now >= until:
        return 0
    return max(1, -(-int((until - now).total_seconds()) // 60))


def lock_after_failure(failed_before: int, now: dt.datetime) -> tuple[int, str]:
    """The counter and ``locked_until`` after one more failure: locked for LOCK_MINUTES at the fifth."""
    failed = failed_before + 1
    if failed >= MAX_FAILURES:
        return 0, (now + dt.timedelta(minutes=LOCK_MINUTES)).isoformat(timespec="seconds")
    return failed, ""


# -- browser sessions ---------------------------------------------------------------------------
def new_session_token() -> str:
    """A random token for a signed-in browser (sent back in a cookie; only its hash is stored)."""
    return secrets.token_urlsafe(32)


def new_device_token() -> str:
    """A random token for a browser that signed in (a long-lived cookie; only its hash is stored)."""
    return secrets.token_urlsafe(32)


def client_hash(address: str) -> str:
    """What the failed sign-ins of a client are counted under: a SHA-256 of its address ('' if unknown)."""
    return hashlib.sha256(("client:" + (address or "")).encode("utf-8")).hexdigest()


def session_hash(token: str) -> str:
    return hashlib.sha256((token or "").encode("utf-8")).hexdigest()
