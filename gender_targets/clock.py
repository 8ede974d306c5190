"""Vietnam's clock (SPEC §3, §12): the date and time a union reads, whatever the server's time zone.

A server often runs on UTC: at 01:00 on 7/12 in Hà Nội its own date still says 6/12, and a
file name, a template's "Ngày lập", the quarter due or a deadline would be a day early. Every default
"today" or "now" of the core and the pages comes from here.

- ``VIETNAM``: Asia/Ho_Chi_Minh (UTC+7 all year; the fixed offset where no time-zone database is).
- ``now_vn()``: the time in Vietnam (aware); ``today_vn(now)``: its date.
- ``vn_date(stamp)``: the Vietnam date of a stored UTC ISO time (naive means UTC); None if none.
"""

from __future__ import annotations

import datetime as dt

__all__ = ["VIETNAM", "now_vn", "today_vn", "vn_date"]


def _vietnam() -> dt.tzinfo:
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo("Asia/Ho_Chi_Minh")
    except Exception:  # no time-zone database (Windows without tzdata): Vietnam is UTC+7 all year
        return dt.timezone(dt.timedelta(hours=7), "ICT")


VIETNAM = _vietnam()


def now_vn() -> dt.datetime:
    """The time in Vietnam now (aware)."""
    return dt.datetime.now(dt.UTC).astimezone(VIETNAM)


def today_vn(now: dt.datetime | None = None) -> dt.date:
    """Today's date in Vietnam (of ``now``, default now)."""
    return (now or dt.datetime.now(dt.UTC)).astimezone(VIETNAM).date()


def vn_date(stamp: object) -> dt.date | None:
    """The Vietnam date of a stored UTC ISO time ("2026-10-05T17:30:00+00:00" → 6/10/2026); None if none."""
    text = str(stamp or "").strip()
    if not text or text == "nan":
        return None
    try:
        when = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return when.astimezone(VIETNAM).date()
