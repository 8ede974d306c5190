"""Completeness and timeliness (SPEC §12): the one place that says, per unit and quarter, whether it
sent, when, and whether that was on time; and per area and quarter how many did.

Every screen and document that counts senders calls this module: the admin page's completeness grid,
the deck's completeness slide, the quarterly report's timeliness line, the ``timeliness`` command,
reminders and a unit's own page. So "38/42 đơn vị nộp đúng hạn" is the same sentence everywhere.

Per unit and quarter (units **expected** in a quarter: the reporting units that exist in it, §4):

- **state**, from the submissions that are not rolled back, the latest first:
  ``pending`` (chờ duyệt) when one waits for review, else ``sent`` (đã nộp: accepted, counted) when
  one is active, else ``returned`` (bị trả lại, not sent again), else ``missing`` (chưa nộp).
  ``accepted``: the quarter has numbers in use (an active submission), whatever waits for review
  after them; the deck's "3/4 đơn vị đã gửi" counts these (a resent quarter still counts).
- **sent time**: the first submission of that unit and quarter, whatever became of it (returned
  later or superseded), rolled-back ones left out (an undo says it should not have been there). The
  time is when it reached the app (``uploaded_at``), taken as a day in Vietnam time.
- **timing**: ``on_time`` (sent on or before the deadline day), ``late`` (after it: ``days_late``
  days), ``not_sent``, or ``unknown`` when the quarter came in as history (sample data, or a file
  holding several quarters: the long layout's history), whose upload time says nothing about when
  the unit sent it.
- **overdue** (quá hạn): not sent and the deadline day has passed (``days_late`` days ago);
  otherwise ``days_left`` until the deadline.

Per area and quarter (``Timeliness``): expected, sent, pending, returned, missing, on time, late,
unknown, overdue; **rate** = on time / known × 100, known = expected − unknown (None when no
expected unit's time is known: a quarter loaded as history is "không rõ", never "0 % on time"). The code ``*``
is every reporting unit of the register (the whole territory).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from ..i18n import percent, t
from ..periods import Period, parse_period
from ..units import Register
from .deadlines import deadline_for, today_vn, vn_date

__all__ = [
    "ALL_UNITS",
    "STATE_COLUMNS",
    "Timeliness",
    "area_timeliness",
    "completeness_rows",
    "log_from_bodies",
    "rate_sentence",
    "state_text",
    "timeliness_table",
    "unit_states",
]

ALL_UNITS = "*"
STATE_COLUMNS = [
    "unit",
    "period",
    "deadline",
    "state",
    "timing",
    "sent_at",
    "sent_day",
    "days_late",
    "days_left",
    "overdue",
    "submission_id",
    "reviewed_by",
    "review_comment",
    "accepted",
]
_COUNTED = ("active", "superseded", "pending", "returned")
_RANK = {"returned": 0, "active": 1, "pending": 2}  # pending wins, then accepted, then returned
_STATE_OF = {"active": "sent", "pending": "pending", "returned": "returned"}


def _history_flags(log: pd.DataFrame) -> pd.Series:
    """True for submissions loaded as history: sample data, or a file that holds several quarters."""
    if log.empty:
        return pd.Series(dtype=bool)
    per_file = log.dropna(subset=["file_id"]).groupby("file_id")["period"].nunique()
    multi = log["file_id"].map(per_file).fillna(1) > 1
    return log["is_sample"].astype(bool) | multi


def unit_states(
    log: pd.DataFrame,
    register: Register,
    periods: Iterable[Period | str],
    deadlines: dict[str, dt.date] | None = None,
    today: dt.date | None = None,
    units: Iterable[str] | None = None,
) -> pd.DataFrame:
    """One row per expected unit and quarter (``STATE_COLUMNS``; see the module docstring).

    ``log``: ``Store.submission_log()`` (every quarter: a file's other quarters tell history apart);
    ``deadlines``: ``Store.deadlines()``; ``today``: a day in Vietnam (default: today there);
    ``units``: only these units (default: every reporting unit)."""
    today = today or today_vn()
    quarters = [parse_period(p) for p in periods]
    pool = list(units) if units is not None else register.reporting_units
    log = log.assign(history=_history_flags(log)) if len(log) else log.assign(history=pd.Series(dtype=bool))
    keys = {str(q) for q in quarters}
    here = log[log["period"].astype(str).isin(keys)]
    if units is not None:  # a page of the grid: group only its units' rows (a national log has 26,000)
        here = here[here["unit"].isin(set(pool))]
    counted = here[here["status"].isin(_COUNTED)]
    # plain records per unit-quarter: a national log has 26,000 rows, pandas per group was seconds
    by_key: dict[tuple[str, str], list[dict]] = {}
    for rec in counted.to_dict("records"):
        by_key.setdefault((rec["unit"], str(rec["period"])), []).append(rec)
    rows = []
    for q in quarters:
        key = str(q)
        deadline = deadline_for(q, deadlines)
        for u in pool:
            if not register.is_active(u, q):
                continue
            group = by_key.get((u, key))
            row = {
                "unit": u,
                "period": key,
                "deadline": deadline,
                "state": "missing",
                "timing": "not_sent",
                "sent_at": "",
                "sent_day": None,
                "days_late": None,
                "days_left": None,
                "overdue": False,
                "submission_id": None,
                "reviewed_by": "",
                "review_comment": "",
                "accepted": False,  # numbers of the quarter in use (a newer submission may be pending)
            }
            if group:
                row["accepted"] = any(g["status"] == "active" for g in group)
                live = [g for g in group if g["status"] in _RANK]
                if live:
                    latest = max(live, key=lambda g: (_RANK[g["status"]], g["id"]))
                    row["state"] = _STATE_OF[latest["status"]]
                    row["submission_id"] = int(latest["id"])
                    row["reviewed_by"] = str(latest["reviewed_by"] or "")
                    row["review_comment"] = str(latest["review_comment"] or "")
                if any(bool(g["history"]) for g in group):
                    row["timing"] = "unknown"
                else:
                    first = min(group, key=lambda g: (str(g["uploaded_at"]), g["id"]))
                    day = vn_date(first["uploaded_at"])
                    row["sent_at"] = str(first["uploaded_at"])
                    row["sent_day"] = day
                    if day is None:
                        row["timing"] = "unknown"
                    elif day <= deadline:
                        row["timing"] = "on_time"
                    else:
                        row["timing"] = "late"
                        row["days_late"] = (day - deadline).days
                if row["state"] == "missing":  # only superseded rows left: treat as not sent
                    row["timing"] = "not_sent" if row["timing"] != "unknown" else "unknown"
            if row["state"] == "missing" and row["timing"] == "not_sent":
                if today > deadline:
                    row["overdue"] = True
                    row["days_late"] = (today - deadline).days
                else:
                    row["days_left"] = (deadline - today).days
            rows.append(row)
    return pd.DataFrame(rows, columns=STATE_COLUMNS)


@dataclass(frozen=True)
class Timeliness:
    """How many units of an area sent a quarter, and how many on time."""

    area: str
    period: str
    deadline: dt.date
    expected: int
    sent: int
    pending: int
    returned: int
    missing: int
    on_time: int
    late: int
    unknown: int
    overdue: int

    @property
    def known(self) -> int:
        """The expected units whose sending time is known: every expected unit but those whose
        quarter came in as history (``unknown``: sent, but nobody knows when)."""
        return self.expected - self.unknown

    @property
    def rate(self) -> float | None:
        """On time / known × 100 (a quarter loaded as history is not "0 % on time"); None when no
        unit is expected or no expected unit's time is known."""
        return 100.0 * self.on_time / self.known if self.known > 0 else None

    def to_dict(self) -> dict:
        return {
            "area": self.area,
            "period": self.period,
            "deadline": self.deadline.isoformat(),
            "expected": self.expected,
            "sent": self.sent,
            "pending": self.pending,
            "returned": self.returned,
            "missing": self.missing,
            "on_time": self.on_time,
            "late": self.late,
            "unknown": self.unknown,
            "known": self.known,
            "overdue": self.overdue,
            "rate": None if self.rate is None else round(self.rate, 1),
        }


def area_timeliness(
    states: pd.DataFrame, register: Register, area: str, period: Period | str, members: set[str] | None = None
) -> Timeliness:
    """The counts of ``area`` (``ALL_UNITS``: every unit) in ``period`` from ``unit_states`` rows
    (``members``: the area's units when the caller has them already)."""
    key = str(parse_period(period))
    if members is None:
        members = set(register.reporting_units if area == ALL_UNITS else register.units_in(area))
    rows = states[(states["period"] == key) & states["unit"].isin(members)]
    state = rows["state"].value_counts()
    timing = rows["timing"].value_counts()
    return Timeliness(
        area=area if area == ALL_UNITS else register.canonical(area),
        period=key,
        deadline=rows["deadline"].iloc[0] if len(rows) else deadline_for(key),
        expected=len(rows),
        sent=int(state.get("sent", 0)),
        pending=int(state.get("pending", 0)),
        returned=int(state.get("returned", 0)),
        missing=int(state.get("missing", 0)),
        on_time=int(timing.get("on_time", 0)),
        late=int(timing.get("late", 0)),
        unknown=int(timing.get("unknown", 0)),
        overdue=int(rows["overdue"].sum()) if len(rows) else 0,
    )


def timeliness_table(
    log: pd.DataFrame,
    register: Register,
    periods: Iterable[Period | str],
    deadlines: dict[str, dt.date] | None = None,
    today: dt.date | None = None,
    areas: Iterable[str] | None = None,
) -> tuple[list[Timeliness], pd.DataFrame]:
    """Per area (and, with more than one area, ``ALL_UNITS``) and quarter: the counts; and the unit
    rows they were counted from (``unit_states``)."""
    quarters = [parse_period(p) for p in periods]
    states = unit_states(log, register, quarters, deadlines, today)
    wanted = list(areas) if areas is not None else register.areas + ([ALL_UNITS] if len(register.areas) > 1 else [])
    if not wanted:
        wanted = [ALL_UNITS]
    members = {a: set(register.reporting_units if a == ALL_UNITS else register.units_in(a)) for a in wanted}
    out = [area_timeliness(states, register, a, q, members[a]) for q in quarters for a in wanted]
    return out, states


def rate_sentence(tl: Timeliness, lang: str = "vi") -> str:
    """ "38/42 đơn vị nộp đúng hạn (90,5%)" with what is late, missing or unknown after it; counted
    on the units whose time is known ("không rõ" when none is: a quarter loaded as history)."""
    if tl.expected and tl.rate is None:
        return t("campaign.rate_none_known", lang, n=tl.unknown, deadline=tl.deadline.strftime("%d/%m/%Y"))
    text = t(
        "campaign.rate",
        lang,
        on_time=tl.on_time,
        expected=tl.known,
        rate=percent(tl.rate, lang),
        deadline=tl.deadline.strftime("%d/%m/%Y"),
    )
    extra = []
    if tl.late:
        extra.append(t("campaign.rate_late", lang, n=tl.late))
    if tl.missing:
        extra.append(t("campaign.rate_missing", lang, n=tl.missing))
    if tl.unknown:
        extra.append(t("campaign.rate_unknown", lang, n=tl.unknown))
    return text + (" — " + "; ".join(extra) if extra else "")


def state_text(row, lang: str = "vi") -> str:
    """One grid cell in words: Đã nộp · Nộp muộn 3 ngày · Chờ duyệt (· muộn 3 ngày) · Bị trả lại ·
    Chưa nộp · Quá hạn 12 ngày. ``row``: a ``unit_states`` row (a mapping or a namedtuple)."""
    get = row.get if hasattr(row, "get") else lambda k: getattr(row, k)
    state, timing = get("state"), get("timing")
    if state == "missing":
        if get("overdue"):
            return t("campaign.cell.overdue", lang, days=int(get("days_late")))
        return t("campaign.cell.missing", lang)
    word = t(f"campaign.cell.{state}", lang)
    if timing == "late" and state == "sent":
        return t("campaign.cell.late_sent", lang, days=int(get("days_late")))
    if timing == "late":
        return t("campaign.cell.late", lang, state=word, days=int(get("days_late")))
    return word


def log_from_bodies(bodies: pd.DataFrame) -> pd.DataFrame:
    """A submission log made from active body rows alone (``Store.active_bodies``), for callers that
    have no store: every unit-quarter there is ``sent``, its time unknown."""
    cols = ["id", "unit", "period", "status", "uploaded_at", "uploaded_by", "account", "is_sample", "file_id"]
    if bodies is None or not len(bodies):
        return pd.DataFrame(columns=[*cols, "reviewed_by", "reviewed_at", "review_comment", "file_name"])
    subs = bodies.drop_duplicates(["unit", "period"])
    ids = subs["submission_id"] if "submission_id" in subs else pd.Series(range(len(subs)), index=subs.index)
    return pd.DataFrame(
        {
            "id": ids.astype("int64").to_numpy(),
            "unit": subs["unit"].astype(str).to_numpy(),
            "period": subs["period"].astype(str).to_numpy(),
            "status": "active",
            "uploaded_at": "",
            "uploaded_by": "",
            "account": "",
            "is_sample": False,
            "file_id": None,
            "reviewed_by": "",
            "reviewed_at": "",
            "review_comment": "",
            "file_name": "",
        }
    )


def completeness_rows(
    log: pd.DataFrame,
    register: Register,
    area: str,
    period: Period | str,
    deadlines: dict[str, dt.date] | None = None,
    today: dt.date | None = None,
    lang: str = "vi",
) -> tuple[list[dict], Timeliness]:
    """Every unit of ``area`` expected in ``period``: ``unit, name, sent`` (accepted), ``state``,
    ``timing``, ``days_late``, ``text`` (``state_text``); and the area's ``Timeliness``. What the
    deck's completeness slide shows."""
    members = register.reporting_units if area == ALL_UNITS else register.units_in(area)
    states = unit_states(log, register, [period], deadlines, today, units=members)
    rows = [
        {
            "unit": r["unit"],
            "name": register.name(r["unit"]),
            "sent": bool(r["accepted"]),  # its numbers are in use, even with a newer one pending
            "state": r["state"],
            "timing": r["timing"],
            "days_late": None if pd.isna(r["days_late"]) else int(r["days_late"]),
            "text": state_text(r, lang),
        }
        for r in states.to_dict("records")
    ]
    return rows, area_timeliness(states, register, area, period)
