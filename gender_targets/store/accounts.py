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
from .schema import PUBLIC_VIEW_KEY, account_devices, account_sessions, accounts_table, meta, sign_in_failures


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
        password_hash = acc.hash_password(password, username)
        with self._write() as conn:
            if self._account_row(conn, username) is not None:
                raise acc.AccountError("account_exists", username=username)
            self._check_email_free(conn, email, None)
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
                values.update(
                    password_hash=acc.hash_password(password, row["username"]), failed_attempts=0, locked_until=""
                )
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
                self._check_email_free(conn, email, row["id"])
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

    def _check_email_free(self, conn: Connection, email: str | None, own_id: int | None) -> None:
        """``email_taken`` when another account already has this e-mail (compared without case)."""
        wanted = (email or "").strip().lower()
        if not wanted:
            return
        found = conn.execute(
            sa.select(accounts_table.c.id, accounts_table.c.username).where(
                sa.func.lower(accounts_table.c.email) == wanted
            )
        ).first()
        if found is not None and found[0] != own_id:
            raise acc.AccountError("email_taken", email=(email or "").strip())

    def _known_device(self, conn: Connection, username: str, device: str, now: dt.datetime) -> bool:
        """True when ``device`` is the token of a browser that signed in to ``username`` in the last
        ``DEVICE_DAYS`` days."""
        if not device:
            return False
        since = (now - dt.timedelta(days=acc.DEVICE_DAYS)).isoformat(timespec="seconds")
        found = conn.execute(
            sa.select(account_devices.c.created_at).where(
                account_devices.c.token_hash == acc.session_hash(device),
                sa.func.lower(account_devices.c.username) == username.strip().lower(),
                account_devices.c.created_at >= since,
            )
        ).first()
        return found is not None

    def _client_failures(self, conn: Connection, client_key: str, now: dt.datetime) -> int:
        since = (now - dt.timedelta(minutes=acc.CLIENT_WINDOW_MINUTES)).isoformat(timespec="seconds")
        return int(
            conn.execute(
                sa.select(sa.func.count())
                .select_from(sign_in_failures)
                .where(sign_in_failures.c.client == client_key, sign_in_failures.c.at >= since)
            ).scalar()
            or 0
        )

    def _failed(self, conn: Connection, client_key: str, username: str, now: dt.datetime) -> None:
        """Remember one failed sign-in (and forget the ones older than a day)."""
        stamp = now.isoformat(timespec="seconds")
        conn.execute(
            sign_in_failures.insert().values(
                client=client_key, username=(username or "").strip().lower()[:64], at=stamp
            )
        )
        old = (now - dt.timedelta(days=1)).isoformat(timespec="seconds")
        conn.execute(sa.delete(sign_in_failures).where(sign_in_failures.c.at < old))

    def _count_wrong_password(self, conn: Connection, row: dict, now: dt.datetime, client_key: str) -> None:
        """One more wrong password for an account: the fifth in a row locks it against new browsers."""
        failed, until = acc.lock_after_failure(int(row["failed_attempts"] or 0), now)
        conn.execute(
            sa.update(accounts_table)
            .where(accounts_table.c.id == row["id"])
            .values(failed_attempts=failed, locked_until=until or row["locked_until"] or "")
        )
        if until:
            detail = {"username": row["username"], "until": until, "client": client_key[:12]}
            self._audit(conn, "account_locked", "", detail, bump=False)

    def authenticate(
        self,
        username: str,
        password: str,
        now: dt.datetime | None = None,
        *,
        client: str = "",
        device: str = "",
    ) -> Account:
        """Sign in with a local password (module ``accounts``: lockout against new browsers, throttle per
        client). ``client``: the browser's address; ``device``: the token of its device cookie.

        One generic ``sign_in_failed`` for an unknown name, a wrong password, a disabled account and a
        locked one, after the same work (one argon2 verification, one write);
        ``too_many_attempts`` when this client failed too often lately. Failures are counted on the
        account and per client; the fifth wrong password in a row locks the account for
        ``LOCK_MINUTES`` against browsers that never signed in to it."""
        now = now or dt.datetime.now(dt.UTC)
        client_key = acc.client_hash(client)
        error = acc.AccountError("sign_in_failed", minutes=acc.LOCK_MINUTES)
        signed_in: Account | None = None
        with self._write() as conn:
            row = self._account_row(conn, username)
            known = row is not None and self._known_device(conn, row["username"], device, now)
            # always one argon2 verification, whatever the case: the answer takes the same time
            right = acc.verify_password(row["password_hash"] if row is not None else _DUMMY_HASH, password or "")
            throttled = bool(client) and self._client_failures(conn, client_key, now) >= acc.CLIENT_MAX_FAILURES
            if throttled and not known:
                error = acc.AccountError("too_many_attempts", minutes=acc.CLIENT_WINDOW_MINUTES)
                self._failed(conn, client_key, username, now)
            elif row is None or row["disabled"]:
                self._failed(conn, client_key, username, now)
            elif right and (known or not acc.is_locked(_account(row), now)):
                values = {"last_sign_in_at": now.isoformat(timespec="seconds")}
                if not acc.is_locked(_account(row), now):  # a known browser during a lock leaves the lock on
                    values.update(failed_attempts=0, locked_until="")
                conn.execute(sa.update(accounts_table).where(accounts_table.c.id == row["id"]).values(**values))
                signed_in = dataclasses.replace(_account(row), **values)
            else:
                self._failed(conn, client_key, username, now)
                if not right:
                    self._count_wrong_password(conn, row, now, client_key)
        if signed_in is not None:
            return signed_in
        raise error  # after the commit: the failures are kept

    def remember_device(self, username: str, device: str = "", now: dt.datetime | None = None) -> str:
        """After a successful sign-in: the device token for this browser's cookie (``device`` again
        when it is already known to the account, else a new one)."""
        now = now or dt.datetime.now(dt.UTC)
        stamp = now.isoformat(timespec="seconds")
        with self._write() as conn:
            if self._known_device(conn, username, device, now):
                conn.execute(
                    sa.update(account_devices)
                    .where(account_devices.c.token_hash == acc.session_hash(device))
                    .values(last_used_at=stamp)
                )
                return device
            token = acc.new_device_token()
            conn.execute(
                account_devices.insert().values(
                    token_hash=acc.session_hash(token), username=username, created_at=stamp, last_used_at=stamp
                )
            )
            old = (now - dt.timedelta(days=acc.DEVICE_DAYS)).isoformat(timespec="seconds")
            conn.execute(sa.delete(account_devices).where(account_devices.c.created_at < old))
        return token

    def unlock_account(self, username: str, actor: Account | None = None) -> Account:
        """End a lock (and the failure count) of ``username``: an admin's, or the command line's."""
        acc.require(actor, Action.USERS)
        with self._write() as conn:
            row = self._account_row(conn, username)
            if row is None:
                raise acc.AccountError("account_unknown", username=username)
            conn.execute(
                sa.update(accounts_table)
                .where(accounts_table.c.id == row["id"])
                .values(failed_attempts=0, locked_until="")
            )
            self._audit(conn, "account_unlock", acc.actor_label(actor), {"username": row["username"]}, bump=False)
        return self.account(row["username"])  # type: ignore[return-value]

    def change_password(
        self,
        username: str,
        current: str,
        new: str,
        *,
        keep_token: str = "",
        client: str = "",
        now: dt.datetime | None = None,
    ) -> Account:
        """A signed-in user changes their own password: ``current`` must be right (a wrong one counts as
        a failed sign-in), ``new`` must pass the rules (``password_*``) and differ from it. Every other
        browser of the account is signed out (``keep_token``: this browser's session stays)."""
        now = now or dt.datetime.now(dt.UTC)
        client_key = acc.client_hash(client)
        with self._write() as conn:
            row = self._account_row(conn, username)
            if row is None or row["disabled"]:
                raise acc.AccountError("account_unknown", username=username)
            new_hash = acc.hash_password(new, row["username"])  # the rules first: no secret involved
            if not acc.verify_password(row["password_hash"], current or ""):
                self._failed(conn, client_key, username, now)
                self._count_wrong_password(conn, row, now, client_key)
                wrong = acc.AccountError("password_wrong")
            elif acc.verify_password(row["password_hash"], new):
                raise acc.AccountError("password_unchanged")
            else:
                wrong = None
                conn.execute(
                    sa.update(accounts_table)
                    .where(accounts_table.c.id == row["id"])
                    .values(password_hash=new_hash, failed_attempts=0, locked_until="")
                )
                others = sa.delete(account_sessions).where(account_sessions.c.username == row["username"])
                if keep_token:
                    others = others.where(account_sessions.c.token_hash != acc.session_hash(keep_token))
                conn.execute(others)
                self._audit(conn, "password_change", row["username"], {"username": row["username"]}, bump=False)
        if wrong is not None:
            raise wrong  # after the commit: the failure is kept
        return self.account(row["username"])  # type: ignore[return-value]

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


_DUMMY_HASH = acc.hash_password("not-a-real-password-for-timing")


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
