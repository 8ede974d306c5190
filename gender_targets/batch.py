"""One upload batch: the files a person sends together, and the clashes between them.

Two (or more) valid files of one batch that hold the same unit and quarter clash: storing them one
after the other would let the last silently replace the others. ``find_clashes`` names every such
unit-quarter and the files that hold it; the person then picks one file per clash, and
``files_to_store`` gives the files to store — every valid file, except a file that was not picked
in a clash it is part of (a file is stored whole or not at all, SPEC §6). A clash whose picked file
is itself left out (it lost another clash) stores nothing for that unit-quarter:
``unresolved_clashes`` names those, so the page can say so.

Files are referred to by their position in the batch; a report only needs ``ok`` and
``submissions`` (each with ``unit`` and ``period``), as ``intake.FileReport`` has.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

__all__ = ["Clash", "files_to_store", "find_clashes", "unresolved_clashes"]


class _Report(Protocol):
    ok: bool
    submissions: Sequence


@dataclass(frozen=True)
class Clash:
    """One unit-quarter held by several valid files of a batch (``files``: batch positions)."""

    unit: str
    period: str
    files: tuple[int, ...]

    @property
    def key(self) -> str:
        return f"{self.unit}:{self.period}"


def find_clashes(reports: Sequence[_Report]) -> list[Clash]:
    """Every unit-quarter that two or more valid files of the batch hold, in batch order."""
    holders: dict[tuple[str, str], list[int]] = {}
    for pos, report in enumerate(reports):
        if not report.ok:
            continue
        for key in dict.fromkeys((s.unit, str(s.period)) for s in report.submissions):
            holders.setdefault(key, []).append(pos)
    return [Clash(u, p, tuple(files)) for (u, p), files in holders.items() if len(files) > 1]


def files_to_store(reports: Sequence[_Report], choices: Mapping[str, int]) -> list[int]:
    """Positions of the files to store: the valid ones, minus each file not chosen in one of its
    clashes. ``choices`` maps ``Clash.key`` to the chosen file's position; a clash without a valid
    choice keeps its first file (the page always offers a choice, with the first file preselected)."""
    losers: set[int] = set()
    for clash in find_clashes(reports):
        chosen = choices.get(clash.key)
        if chosen not in clash.files:
            chosen = clash.files[0]
        losers.update(f for f in clash.files if f != chosen)
    return [pos for pos, report in enumerate(reports) if report.ok and pos not in losers]


def unresolved_clashes(reports: Sequence[_Report], choices: Mapping[str, int]) -> list[Clash]:
    """Clashes of which no file will be stored (the chosen file lost another clash)."""
    kept = set(files_to_store(reports, choices))
    return [c for c in find_clashes(reports) if not kept & set(c.files)]
