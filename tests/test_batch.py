"""One upload batch: clashes between files for the same unit and quarter, and which files to store."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from gender_targets.batch import Clash, files_to_store, find_clashes, unresolved_clashes


@dataclass
class Sub:
    unit: str
    period: str


@dataclass
class Rep:
    subs: list[tuple[str, str]]
    ok: bool = True
    submissions: list = field(init=False)

    def __post_init__(self):
        self.submissions = [Sub(u, p) for u, p in self.subs]


A = Rep([("X-HM", "2026Q3")])
B = Rep([("X-HM", "2026Q3")])
C = Rep([("X-DT", "2026Q3")])
BAD = Rep([("X-HM", "2026Q3")], ok=False)
LONG = Rep([("X-HM", "2026Q2"), ("X-HM", "2026Q3"), ("X-DT", "2026Q2")])


@pytest.mark.parametrize(
    ("batch", "expected"),
    [
        ([A, C], []),
        ([A, B], [Clash("X-HM", "2026Q3", (0, 1))]),
        ([A, B, C, Rep([("X-HM", "2026Q3")])], [Clash("X-HM", "2026Q3", (0, 1, 3))]),
        ([A, BAD], []),  # a file with errors is never stored, so it clashes with nothing
        ([LONG, A, C], [Clash("X-HM", "2026Q3", (0, 1))]),
        ([], []),
    ],
)
def test_find_clashes(batch, expected):
    assert find_clashes(batch) == expected


@pytest.mark.parametrize(
    ("batch", "choices", "stored"),
    [
        ([A, C], {}, [0, 1]),
        ([A, B, C], {"X-HM:2026Q3": 1}, [1, 2]),
        ([A, B, C], {"X-HM:2026Q3": 0}, [0, 2]),
        ([A, B, C], {}, [0, 2]),  # no choice yet: the first file, as the page preselects
        ([A, B, C], {"X-HM:2026Q3": 7}, [0, 2]),  # a stale choice is not honoured blindly
        ([A, BAD, C], {}, [0, 2]),
    ],
)
def test_files_to_store(batch, choices, stored):
    assert files_to_store(batch, choices) == stored


def test_a_file_that_loses_one_clash_is_not_stored_at_all():
    other = Rep([("X-DT", "2026Q2")])
    batch = [LONG, A, other]
    choices = {"X-HM:2026Q3": 1, "X-DT:2026Q2": 0}  # LONG loses X-HM 2026Q3 but wins X-DT 2026Q2
    assert files_to_store(batch, choices) == [1]
    assert unresolved_clashes(batch, choices) == [Clash("X-DT", "2026Q2", (0, 2))]
    choices["X-DT:2026Q2"] = 2
    assert files_to_store(batch, choices) == [1, 2]
    assert unresolved_clashes(batch, choices) == []
