"""Accounts (SPEC §10): users, local sign-in with lockout, browser sessions, the public-view setting."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from .. import accounts as acc
from ..accounts import Account, Action
from ._util import _now
from .dberrors import StoreError
from .reference import ReferenceMixin
from .schema import PUBLIC_VIEW_KEY, account_sessions, accounts_table, meta


class AccountsMixin(ReferenceMixin):
    """Users and their units, passwords and lockout, sessions, settings."""

    # -- accounts: users and settings ---------------------------------------------------------
    def has_accounts(self) -> bool:
        """True once any account exists (then every page needs sign-in)."""
        with self.engine.connect() as conn:
            return conn.execute(sa.select(accounts_table.c.id).limit(1)).first() is not None

    def accounts(self) -> list[Account]:
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(accounts_table).order_by(accounts_table.c.username)).mappings().all()
        return [_account(r) for r in rows]

    def account(self, username: str) -> Account | None:
        """The account of ``username`` (case-insensitive), None when there is none."""
        with self.engine.connect() as conn:
            row = self._account_row(conn, username)
        return _account(row) if row else None

    def account_by_email(self, email: str) -> Account | None:
        """The account whose e-mail is ``email`` (case-insensitive): the OIDC sign-in mapping."""
        email = (email or "").strip().lower()
        if not email:
            return None
        with self.engine.connect() as conn:
            row = (
                conn.execute(sa.select(accounts_table).where(sa.func.lower(accounts_table.c.email) == email))
                .mappings()
                .first()
            )
        return _account(row) if row else None

    def _account_row(self, conn: Connection, username: str) -> dict | None:
        name = (username or "").strip().lower()
        row = (
            conn.execute(sa.select(accounts_table).where(sa.func.lower(accounts_table.c.username) == name))
            .mappings()
            .first()
        )
        return dict(row) if row else None

    def add_account(
        self,
        username: str,
        role: str,
        password: str,
        *,
        units: Iterable[str] = (),
        display_name: str = "",
        email: str = "",
        actor: Account | None = None,
    ) -> Account:
        """Create an account. Unit accounts need at least one unit of the register; others take none."""
        acc.require(actor, Action.USERS)
        username = acc.validate_username(username)
        role = acc.parse_role(role)
        codes = self._unit_codes(units, role)
        password_hash = acc.hash_password(password)
        with self._write() as conn:
            if self._account_row(conn, username) is not None:
                raise acc.AccountError("account_exists", username=username)
            conn.execute(
                accounts_table.insert().values(
                    username=username,
                    display_name=(display_name or "").strip(),
                    role=str(role),
                    units=",".join(codes),
                    email=(email or "").strip(),
                    password_hash=password_hash,
                    created_at=_now(),
                )
            )
            self._audit(
                conn, "user_add", acc.actor_label(actor), {"username": username, "role": str(role), "units": codes}
            )
        return self.account(username)  # type: ignore[return-value]

    def _unit_codes(self, units: Iterable[str], role: acc.Role) -> list[str]:
        codes = [str(u).strip() for u in units if str(u).strip()]
        if role is not acc.Role.UNIT:
            if codes:
                raise acc.AccountError("units_only_for_unit_role")
            return []
        if not codes:
            raise acc.AccountError("unit_required")
        register = self.register()
        if register is None:
            raise StoreError.from_key("store.no_register")
        unknown = [c for c in codes if c not in register or register.is_area(register.canonical(c))]
        if unknown:
            raise acc.AccountError("unknown_units", units=", ".join(unknown))
        return list(dict.fromkeys(register.canonical(c) for c in codes))

    def update_account(
        self,
        username: str,
        *,
        password: str | None = None,
        disabled: bool | None = None,
        role: str | None = None,
        units: Iterable[str] | None = None,
        display_name: str | None = None,
        email: str | None = None,
        actor: Account | None = None,
    ) -> Account:
        """Change one account: a new password (also unlocks it), disable/enable, role, units, name, e-mail."""
        acc.require(actor, Action.USERS)
        with self._write() as conn:
            row = self._account_row(conn, username)
            if row is None:
                raise acc.AccountError("account_unknown", username=username)
            values: dict = {}
            if password is not None:
                values.update(password_hash=acc.hash_password(password), failed_attempts=0, locked_until="")
            if disabled is not None:
                if disabled and actor is not None and actor.username == row["username"]:
                    raise acc.AccountError("cannot_disable_self")
                values["disabled"] = bool(disabled)
            new_role = acc.parse_role(role) if role is not None else acc.Role(row["role"])
            if actor is not None and actor.username == row["username"] and new_role is not actor.role:
                raise acc.AccountError("cannot_disable_self")  # an admin keeps their own rights
            if role is not None or units is not None:
                current = [u for u in row["units"].split(",") if u]
                values["role"] = str(new_role)
                values["units"] = ",".join(
                    self._unit_codes(units if units is not None else current, new_role)
                    if new_role is acc.Role.UNIT or units
                    else []
                )
            if display_name is not None:
                values["display_name"] = display_name.strip()
            if email is not None:
                values["email"] = email.strip()
            if password is not None or disabled:  # signed-in browsers of this account are signed out
                conn.execute(sa.delete(account_sessions).where(account_sessions.c.username == row["username"]))
            if values:
                conn.execute(sa.update(accounts_table).where(accounts_table.c.id == row["id"]).values(**values))
                shown = {k: v for k, v in values.items() if k not in ("password_hash", "failed_attempts")}
                if "password_hash" in values:
                    shown["password"] = "changed"
                self._audit(conn, "user_change", acc.actor_label(actor), {"username": row["username"], **shown})
        return self.account(row["username"])  # type: ignore[return-value]

    def authenticate(self, username: str, password: str, now: dt.datetime | None = None) -> Account:
        """Sign in with a local password. One generic ``sign_in_failed`` for a wrong name or password
        (and for a disabled account); ``locked`` (with ``minutes``) during a lockout. Failures are
        counted on the account; the fifth in a row locks it (``accounts.lock_after_failure``)."""
        now = now or dt.datetime.now(dt.UTC)
        error = acc.AccountError("sign_in_failed")
        signed_in: Account | None = None
        with self._write() as conn:
            row = self._account_row(conn, username)
            if row is None:
                acc.verify_password(_DUMMY_HASH, password or "")  # the same work as a real check
            elif acc.is_locked(account := _account(row), now):
                error = acc.AccountError("locked", minutes=acc.minutes_left(account, now))
            elif acc.verify_password(row["password_hash"], password or ""):
                if not row["disabled"]:
                    stamp = now.isoformat(timespec="seconds")
                    values = {"failed_attempts": 0, "locked_until": "", "last_sign_in_at": stamp}
                    conn.execute(sa.update(accounts_table).where(accounts_table.c.id == row["id"]).values(**values))
                    signed_in = dataclasses.replace(account, **values)
            else:
                failed, until = acc.lock_after_failure(int(row["failed_attempts"]), now)
                conn.execute(
                    sa.update(accounts_table)
                    .where(accounts_table.c.id == row["id"])
                    .values(failed_attempts=failed, locked_until=until)
                )
                if until:
                    locked = dataclasses.replace(account, locked_until=until)
                    error = acc.AccountError("locked", minutes=acc.minutes_left(locked, now))
        if signed_in is not None:
            return signed_in
        raise error  # after the commit: the failure counter is kept

    def record_sign_in(self, username: str, now: dt.datetime | None = None) -> None:
        """Stamp a sign-in made elsewhere (OIDC): ``last_sign_in_at``."""
        stamp = (now or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds")
        with self._write() as conn:
            conn.execute(
                sa.update(accounts_table)
                .where(sa.func.lower(accounts_table.c.username) == username.strip().lower())
                .values(last_sign_in_at=stamp)
            )

    def public_view(self) -> bool:
        """True when an admin opened the dashboards, read-only, to visitors who are not signed in."""
        with self.engine.connect() as conn:
            value = conn.execute(sa.select(meta.c.value).where(meta.c.key == PUBLIC_VIEW_KEY)).scalar()
        return value == "1"

    def set_public_view(self, on: bool, actor: Account | None = None) -> None:
        acc.require(actor, Action.SETTINGS)
        with self._write() as conn:
            conn.execute(sa.delete(meta).where(meta.c.key == PUBLIC_VIEW_KEY))
            conn.execute(meta.insert().values(key=PUBLIC_VIEW_KEY, value="1" if on else "0"))
            self._audit(conn, "settings_change", acc.actor_label(actor), {"public_view": bool(on)})

    def open_session(self, username: str, now: dt.datetime | None = None) -> str:
        """A new browser session for ``username`` (after a successful sign-in): the token for its
        cookie. Expired sessions are dropped on the way."""
        now = now or dt.datetime.now(dt.UTC)
        token = acc.new_session_token()
        expires = (now + dt.timedelta(hours=acc.SESSION_HOURS)).isoformat(timespec="seconds")
        with self._write() as conn:
            conn.execute(sa.delete(account_sessions).where(account_sessions.c.expires_at < now.isoformat()))
            conn.execute(
                account_sessions.insert().values(
                    token_hash=acc.session_hash(token),
                    username=username,
                    created_at=now.isoformat(timespec="seconds"),
                    expires_at=expires,
                )
            )
        return token

    def session_account(self, token: str, now: dt.datetime | None = None) -> Account | None:
        """The enabled account a browser token signs in, None when unknown, expired or disabled."""
        if not token:
            return None
        now = now or dt.datetime.now(dt.UTC)
        with self.engine.connect() as conn:
            row = conn.execute(
                sa.select(account_sessions.c.username, account_sessions.c.expires_at).where(
                    account_sessions.c.token_hash == acc.session_hash(token)
                )
            ).first()
        if row is None or row[1] <= now.isoformat(timespec="seconds"):
            return None
        account = self.account(row[0])
        return account if account is not None and not account.disabled else None

    def close_session(self, token: str) -> None:
        """Sign a browser out: its token signs nobody in any more."""
        with self._write() as conn:
            conn.execute(sa.delete(account_sessions).where(account_sessions.c.token_hash == acc.session_hash(token)))


_DUMMY_HASH = acc.hash_password("not-a-real-password")


def _account(row) -> Account:
    return Account(
        username=row["username"],
        role=acc.Role(row["role"]),
        display_name=row["display_name"] or "",
        units=tuple(u for u in (row["units"] or "").split(",") if u),
        email=row["email"] or "",
        disabled=bool(row["disabled"]),
        created_at=row["created_at"] or "",
        last_sign_in_at=row["last_sign_in_at"] or "",
        failed_attempts=int(row["failed_attempts"] or 0),
        locked_until=row["locked_until"] or "",
        id=int(row["id"]),
    )
