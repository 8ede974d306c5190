"""Deadlines as data (SPEC §12): each quarter's sending deadline, Vietnam time, days left or late.

- **Default**: the 5th day after the quarter ends (``DEFAULT_DAYS_AFTER``), as the template's guide has
  always said: 2026Q3 (ends 30/9) → 5/10/2026. An admin may store another date per quarter
  (``set_deadline``; the page and ``deadline set``), which then wins everywhere: the template's guide,
  the completeness grid, the timeliness figures, reminders.
- **A deadline is a whole day in Vietnam time** (Asia/Ho_Chi_Minh, UTC+7, no summer time): a file
  sent at 23:59 on the deadline is on time; at 00:00 the next day it is one day late.
- **Refused**: a date before the quarter's last day (``deadline_before_end``), more than
  ``MAX_DAYS_AFTER`` days after it (a typing slip like 2062, ``deadline_too_late``), a text that is not
  a date (``not_a_date``); a period that is not a quarter or is before 2020 (``unknown_period``).
- **The quarter due** on a day: the latest quarter that has ended (on 6/12/2026: 2026Q3).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..clock import VIETNAM, today_vn, vn_date
from ..errors import GenderTargetsError
from ..periods import MIN_YEAR, Period, PeriodError, parse_period

__all__ = [
    "DEFAULT_DAYS_AFTER",
    "MAX_DAYS_AFTER",
    "VIETNAM",
    "CampaignError",
    "Deadline",
    "deadline_for",
    "deadline_list",
    "default_deadline",
    "due_period",
    "parse_deadline",
    "set_deadline",
    "today_vn",
    "vn_date",
]

DEFAULT_DAYS_AFTER = 5
MAX_DAYS_AFTER = 366


class CampaignError(GenderTargetsError):
    """A campaign request that cannot be done (a bad deadline, mail not configured …): ``campaign.<code>``."""

    code = "campaign"
    prefix = "campaign"


@dataclass(frozen=True)
class Deadline:
    period: str
    deadline: dt.date
    stored: bool  # False: the default rule
    set_by: str = ""
    set_at: str = ""

    def to_dict(self) -> dict:
        return {
            "period": self.period,
            "deadline": self.deadline.isoformat(),
            "source": "stored" if self.stored else "default",
            "set_by": self.set_by or None,
            "set_at": self.set_at or None,
        }


def default_deadline(period: Period | str) -> dt.date:
    """The 5th day after the quarter's last day."""
    return parse_period(period).end + dt.timedelta(days=DEFAULT_DAYS_AFTER)


def deadline_for(period: Period | str, stored: dict[str, dt.date] | None = None) -> dt.date:
    """The stored deadline of ``period``, else the default."""
    key = str(parse_period(period))
    return (stored or {}).get(key) or default_deadline(key)


def due_period(today: dt.date) -> Period:
    """The quarter being collected on ``today``: the latest quarter that has ended."""
    return Period.of_date(today).shift(-1)


def _checked_period(period: object) -> Period:
    try:
        p = parse_period(period)
    except PeriodError:
        raise CampaignError("unknown_period", period=str(period)) from None
    if p.year < MIN_YEAR:
        raise CampaignError("unknown_period", period=str(period))
    return p


def parse_deadline(text: object) -> dt.date:
    """A date written 2026-10-05 or 05/10/2026 (day first, as in Vietnam)."""
    if isinstance(text, dt.date):
        return text
    raw = str(text or "").strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(raw, fmt).date()
        except ValueError:
            continue
    raise CampaignError("not_a_date", text=raw[:40])


def set_deadline(store, period: object, day: object, by: str = "", actor=None) -> Deadline:
    """Check and store a quarter's deadline (audited); the ``Deadline`` stored."""
    p = _checked_period(period)
    when = parse_deadline(day)
    if when < p.end:
        raise CampaignError(
            "deadline_before_end",
            period=p.label("vi"),
            period_en=p.label("en"),
            date=when.strftime("%d/%m/%Y"),
            end=p.end.strftime("%d/%m/%Y"),
        )
    if (when - p.end).days > MAX_DAYS_AFTER:
        raise CampaignError(
            "deadline_too_late",
            period=p.label("vi"),
            period_en=p.label("en"),
            date=when.strftime("%d/%m/%Y"),
            days=MAX_DAYS_AFTER,
        )
    store.save_deadline(p, when, by=by, actor=actor)
    return Deadline(str(p), when, True, by)


def deadline_list(store, periods: list[Period] | None = None, today: dt.date | None = None) -> list[Deadline]:
    """Every quarter's deadline, oldest first: the stored ones, the quarters with submissions, and
    the quarter due today and the next one (their default when none is stored)."""
    rows = store.deadline_rows()
    stored = {str(r.period): r for r in rows.itertuples()}
    today = today or today_vn()
    wanted: set[str] = set(stored)
    if periods is None:
        log = store.submission_log()
        wanted |= set(log["period"].astype(str))
        due = due_period(today)
        wanted |= {str(due), str(due.shift(1))}
    else:
        wanted = {str(p) for p in periods}
    out = []
    for key in sorted(wanted, key=lambda s: parse_period(s).index):
        r = stored.get(key)
        if r is not None:
            out.append(Deadline(key, dt.date.fromisoformat(r.deadline), True, r.set_by, r.set_at))
        else:
            out.append(Deadline(key, default_deadline(key), False))
    return out
