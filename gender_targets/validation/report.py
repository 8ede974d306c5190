"""What a checked file holds: its submissions (one per unit and quarter) and every issue found.

A ``FileReport`` with any error is not ``ok`` and nothing from it may be stored (SPEC §6).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..periods import Period
from ..schema import BODY_COLUMNS, COUNT_COLUMNS
from .issues import ValidationIssue

__all__ = ["FileReport", "SubmissionData", "sha256_of"]


@dataclass(frozen=True)
class SubmissionData:
    """The body rows one file gives for one unit and one quarter.

    ``bodies`` has ``schema.BODY_COLUMNS`` (counts as int64, ``body_type`` the BodyType value)
    plus ``source_row``: the 1-based row of the sheet the body was read from.
    """

    unit: str
    period: Period
    bodies: pd.DataFrame = field(repr=False)
    sheet: str = ""


@dataclass
class FileReport:
    file: str
    sha256: str
    size: int
    submissions: list[SubmissionData] = field(default_factory=list)
    issues: list[ValidationIssue] = field(default_factory=list)
    #: ``stacked_bodies`` as the reader built it, with the submissions it was built from
    _stacked: tuple[tuple[SubmissionData, ...], pd.DataFrame] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    @property
    def errors(self) -> list[ValidationIssue]:
        return [i for i in self.issues if i.is_error]

    @property
    def warnings(self) -> list[ValidationIssue]:
        return [i for i in self.issues if not i.is_error]

    @property
    def ok(self) -> bool:
        return not self.errors

    def to_dict(self, lang: str = "vi", ids: dict[tuple[str, str], int] | None = None) -> dict:
        """SPEC §8 shape: file, ok, submissions [{unit, period, bodies, id?}], errors, warnings."""
        subs = []
        for s in self.submissions:
            d = {"unit": s.unit, "period": str(s.period), "bodies": len(s.bodies)}
            if ids and (s.unit, str(s.period)) in ids:
                d["id"] = ids[(s.unit, str(s.period))]
            subs.append(d)
        return {
            "file": self.file,
            "ok": self.ok,
            "submissions": subs,
            "errors": [i.to_dict(lang) for i in self.errors],
            "warnings": [i.to_dict(lang) for i in self.warnings],
        }

    def remember_stacked(self, frame: pd.DataFrame) -> None:
        """Keep ``frame`` (built by the reader from the same rows) as ``stacked_bodies`` for as long as
        ``submissions`` holds the same SubmissionData objects; a changed list is stacked anew."""
        self._stacked = (tuple(self.submissions), frame)

    def reader_stacked(self) -> pd.DataFrame | None:
        """The stacked frame the reader built (not a copy: do not change it), or None when there is
        none or ``submissions`` no longer holds the objects it was built from."""
        if self._stacked is None:
            return None
        kept, frame = self._stacked
        subs = self.submissions
        if len(kept) == len(subs) and all(a is b for a, b in zip(kept, subs, strict=True)):
            return frame
        return None

    def stacked_bodies(self) -> pd.DataFrame:
        """Every body row of the report in one frame: ``k`` (index of the submission), unit, period,
        and the body columns with counts as int64, notes as text and ``source_row`` (nullable)."""
        subs = self.submissions
        cached = self.reader_stacked()
        if cached is not None:
            return cached.copy()
        lengths = [len(s.bodies) for s in subs]
        if not sum(lengths):
            return pd.DataFrame(columns=["k", "unit", "period", *BODY_COLUMNS, "source_row"])
        frame = pd.concat([s.bodies for s in subs if len(s.bodies)], ignore_index=True)
        out = pd.DataFrame(
            {
                "k": np.repeat(np.arange(len(subs)), lengths),
                "unit": np.repeat([s.unit for s in subs], lengths),
                "period": np.repeat([str(s.period) for s in subs], lengths),
                "body_name": frame["body_name"].astype(str).to_numpy(),
                "body_type": frame["body_type"].astype(str).to_numpy(),
            }
        )
        for c in COUNT_COLUMNS:
            out[c] = pd.to_numeric(frame[c]).fillna(0).astype("int64").to_numpy()
        out["note"] = frame["note"].fillna("").astype(str).to_numpy() if "note" in frame else ""
        if "source_row" in frame:
            out["source_row"] = pd.array(pd.to_numeric(frame["source_row"]), dtype="Int64")
        else:
            out["source_row"] = pd.array([None] * len(out), dtype="Int64")
        return out


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
