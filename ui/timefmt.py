"""Times on screen in Vietnam time (Asia/Ho_Chi_Minh, UTC+7): the store keeps UTC ISO text."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def vn_time(value: object) -> str:
    """ "01/12/2026 22:05" for a UTC ISO time; "" for nothing; the text itself when not a time."""
    if value is None or value != value or str(value).strip() == "":
        return ""
    try:
        when = dt.datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return when.astimezone(VN).strftime("%d/%m/%Y %H:%M")
