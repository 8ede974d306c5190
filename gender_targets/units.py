"""The unit register and the lineage of units across the 2025 reorganisation (SPEC §4).

The register is a table ``code, name, kind, parent, valid_from, valid_to, successor, note``:

- ``kind`` is one of ``KINDS``; ``khu vực`` is an area that groups units through ``parent``.
- ``valid_from`` / ``valid_to`` are the first and last quarter the unit exists (empty: open).
- ``successor`` is the unit it was merged into.

Rules checked by ``load_register`` (every problem is reported at once, ``RegisterError``):
exact column set, non-empty unique codes (case-insensitive), known kinds, parents that exist and
are areas, successors that exist, ``valid_from ≤ valid_to``, a unit with a successor ends before
its successor begins (no overlap in time, no double counting), no successor cycles, and no two
units that could both be meant by the same name in the same quarter.

Matching (``Register.match``): by code, case-insensitive; else by name ignoring case, diacritics,
spacing and a leading kind word ("xã", "thị trấn", "phường"). Names can repeat across the
reorganisation (old "xã Bà Điểm" and new "xã Bà Điểm"), so a name is resolved within the units
that exist in the given quarter; without a quarter an ambiguous name matches nothing.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from functools import cached_property

import pandas as pd

from .errors import GenderTargetsError
from .i18n import t
from .periods import Period, PeriodError, parse_period
from .text import fold_text, strip_kind_word

__all__ = [
    "AREA_KIND",
    "KINDS",
    "REGISTER_COLUMNS",
    "Register",
    "RegisterError",
    "load_register",
    "register_from_frame",
]

REGISTER_COLUMNS = ["code", "name", "kind", "parent", "valid_from", "valid_to", "successor", "note"]
AREA_KIND = "khu vực"
KINDS = (AREA_KIND, "thị trấn", "xã", "phường", "khối cơ quan", "hội trực thuộc")
_KIND_BY_FOLD = {fold_text(k): k for k in KINDS}


class RegisterError(GenderTargetsError, ValueError):
    """A register that cannot be used; ``problems`` lists every reason as (code, params), each
    worded by the catalogue entry ``register.<code>``."""

    code = "invalid"
    prefix = "register"

    def messages(self, lang: str = "vi") -> list[str]:
        """One sentence per problem, in ``lang``."""
        return [t(f"register.{code}", lang, **params) for code, params in self.problems]


@dataclass(frozen=True)
class Register:
    """A validated unit register. ``frame`` has REGISTER_COLUMNS, codes as written in the file."""

    frame: pd.DataFrame = field(repr=False)

    # -- lookups ---------------------------------------------------------------------------
    @cached_property
    def _by_upper(self) -> dict[str, str]:
        return {c.upper(): c for c in self.frame["code"]}

    @cached_property
    def _rows(self) -> dict[str, dict]:
        return {r["code"]: r for r in self.frame.to_dict("records")}

    @cached_property
    def _name_keys(self) -> dict[str, list[str]]:
        keys: dict[str, list[str]] = {}
        for r in self.frame.itertuples():
            folded = fold_text(r.name)
            for key in {folded, strip_kind_word(folded)}:
                if key:
                    keys.setdefault(key, []).append(r.code)
        return keys

    @property
    def codes(self) -> list[str]:
        return list(self.frame["code"])

    def row(self, code: str) -> dict:
        return self._rows[self.canonical(code)]

    def canonical(self, code: str) -> str:
        """The code as written in the register, from any casing; KeyError if unknown."""
        return self._by_upper[str(code).strip().upper()]

    def __contains__(self, code: object) -> bool:
        return str(code).strip().upper() in self._by_upper

    def name(self, code: str) -> str:
        return self.row(code)["name"]

    def kind(self, code: str) -> str:
        return self.row(code)["kind"]

    def is_area(self, code: str) -> bool:
        return self.kind(code) == AREA_KIND

    def valid_from(self, code: str) -> Period | None:
        v = self.row(code)["valid_from"]
        return parse_period(v) if v else None

    def valid_to(self, code: str) -> Period | None:
        v = self.row(code)["valid_to"]
        return parse_period(v) if v else None

    def is_active(self, code: str, period: Period) -> bool:
        """Whether the unit exists in that quarter."""
        start, end = self.valid_from(code), self.valid_to(code)
        return (start is None or period >= start) and (end is None or period <= end)

    @cached_property
    def _areas(self) -> tuple[str, ...]:
        return tuple(c for c in self.codes if self.is_area(c))

    @cached_property
    def _reporting_units(self) -> tuple[str, ...]:
        return tuple(c for c in self.codes if not self.is_area(c))

    @property
    def areas(self) -> list[str]:
        return list(self._areas)  # computed once: callers ask per row of a large file

    @property
    def reporting_units(self) -> list[str]:
        """Units that send workbooks: everything that is not an area."""
        return list(self._reporting_units)

    def units_in(self, area: str) -> list[str]:
        """Reporting units under an area, recursively through nested areas."""
        area = self.canonical(area)
        out: list[str] = []
        for r in self.frame.itertuples():
            if r.parent and r.parent.upper() == area.upper():
                if r.kind == AREA_KIND:
                    out.extend(self.units_in(r.code))
                else:
                    out.append(r.code)
        return out

    def active_units(self, period: Period, area: str | None = None) -> list[str]:
        pool = self.units_in(area) if area else self.reporting_units
        return [c for c in pool if self.is_active(c, period)]

    def current_units(self, today_period: Period | None = None) -> list[str]:
        """Reporting units with no end, or ending at or after the given quarter."""
        return [
            c
            for c in self.reporting_units
            if self.valid_to(c) is None or (today_period is not None and self.valid_to(c) >= today_period)
        ]

    def predecessors(self, code: str) -> list[str]:
        """Units merged into this one, directly."""
        code = self.canonical(code)
        return [r.code for r in self.frame.itertuples() if r.successor and r.successor.upper() == code.upper()]

    def ancestors(self, code: str) -> list[str]:
        """All units merged into this one, recursively (predecessors of predecessors)."""
        out: list[str] = []
        for p in self.predecessors(code):
            out.append(p)
            out.extend(self.ancestors(p))
        return out

    # -- matching --------------------------------------------------------------------------
    def match(self, text: object, period: Period | None = None) -> str | None:
        """The code a cell or file name means, or None.

        Code first (case-insensitive), then name (folded, kind word optional). When several
        units share the name, the one active in ``period`` wins; still ambiguous: None.
        """
        raw = str(text or "").strip()
        if not raw:
            return None
        if raw.upper() in self._by_upper:
            return self._by_upper[raw.upper()]
        folded = fold_text(raw)
        for key in (folded, strip_kind_word(folded)):
            cands = self._name_keys.get(key)
            if not cands:
                continue
            cands = list(dict.fromkeys(cands))
            if len(cands) > 1 and period is not None:
                active = [c for c in cands if self.is_active(c, period)]
                if active:
                    cands = active
            if len(cands) > 1:
                # prefer exact full-name match over kind-stripped match
                exact = [c for c in cands if fold_text(self.name(c)) == folded]
                if len(exact) == 1:
                    return exact[0]
                reporting = [c for c in cands if not self.is_area(c)]
                if len(reporting) == 1:
                    return reporting[0]
                return None
            return cands[0]
        return None

    def match_candidates(self, text: object) -> list[str]:
        """Every unit a text could name, ignoring time (for messages about ambiguity)."""
        raw = str(text or "").strip()
        if raw.upper() in self._by_upper:
            return [self._by_upper[raw.upper()]]
        folded = fold_text(raw)
        out: list[str] = []
        for key in (folded, strip_kind_word(folded)):
            out.extend(self._name_keys.get(key, []))
        return list(dict.fromkeys(out))

    def to_csv_bytes(self) -> bytes:
        return self.frame.to_csv(index=False).encode("utf-8")


def _clean(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(value).strip()


def register_from_frame(frame: pd.DataFrame) -> Register:
    """Validate a register table; raise RegisterError listing every problem."""
    problems: list[tuple[str, dict]] = []
    cols = [str(c).strip().lower() for c in frame.columns]
    unknown = [c for c in cols if c not in REGISTER_COLUMNS]
    missing = [c for c in REGISTER_COLUMNS if c not in cols]
    if unknown:
        problems.append(("unknown_columns", {"columns": ", ".join(unknown)}))
    if missing:
        problems.append(("missing_columns", {"columns": ", ".join(missing)}))
    if problems:
        raise RegisterError(problems=problems)
    frame = frame.copy()
    frame.columns = cols
    frame = frame[REGISTER_COLUMNS].map(_clean)
    frame = frame[~(frame == "").all(axis=1)].reset_index(drop=True)
    if frame.empty:
        raise RegisterError(problems=[("no_rows", {})])

    upper = frame["code"].str.upper()
    for i, r in frame.iterrows():
        line = i + 2  # header is line 1
        if not r["code"]:
            problems.append(("empty_code", {"line": line}))
        if not r["name"]:
            problems.append(("empty_name", {"line": line}))
        kind = _KIND_BY_FOLD.get(fold_text(r["kind"]))
        if kind is None:
            problems.append(
                ("bad_kind", {"line": line, "code": r["code"], "kind": r["kind"], "kinds": ", ".join(KINDS)})
            )
        else:
            frame.at[i, "kind"] = kind
        for col in ("valid_from", "valid_to"):
            if r[col]:
                try:
                    frame.at[i, col] = str(parse_period(r[col]))
                except PeriodError:
                    problems.append(("bad_period", {"line": line, "code": r["code"], "column": col, "value": r[col]}))
    dups = sorted(set(upper[upper.duplicated() & (upper != "")]))
    if dups:
        problems.append(("duplicate_codes", {"codes": ", ".join(dups)}))
    if problems:
        raise RegisterError(problems=problems)

    codes = set(upper)
    rows = {r["code"].upper(): r for r in frame.to_dict("records")}
    for r in frame.to_dict("records"):
        c = r["code"]
        if r["parent"]:
            p = rows.get(r["parent"].upper())
            if p is None:
                problems.append(("parent_missing", {"code": c, "parent": r["parent"]}))
            elif p["kind"] != AREA_KIND:
                problems.append(("parent_not_area", {"code": c, "parent": r["parent"]}))
        start = parse_period(r["valid_from"]) if r["valid_from"] else None
        end = parse_period(r["valid_to"]) if r["valid_to"] else None
        if start and end and start > end:
            problems.append(("from_after_to", {"code": c, "start": str(start), "end": str(end)}))
        if r["successor"]:
            s = rows.get(r["successor"].upper())
            if r["successor"].upper() not in codes or s is None:
                problems.append(("successor_missing", {"code": c, "successor": r["successor"]}))
                continue
            if s["code"].upper() == c.upper():
                problems.append(("successor_self", {"code": c}))
                continue
            s_start = parse_period(s["valid_from"]) if s["valid_from"] else None
            if end is None:
                problems.append(("successor_without_end", {"code": c}))
            elif s_start is None or s_start <= end:
                overlap = {"code": c, "end": str(end), "successor": s["code"]}
                if s_start is None:
                    problems.append(("successor_overlap_open", overlap))
                else:
                    problems.append(("successor_overlap", {**overlap, "successor_start": str(s_start)}))
    # successor cycles
    for r in frame.to_dict("records"):
        seen = {r["code"].upper()}
        cur = r["successor"].upper()
        while cur and cur in rows:
            if cur in seen:
                problems.append(("successor_loop", {"code": r["code"]}))
                break
            seen.add(cur)
            cur = rows[cur]["successor"].upper()
    # same name, overlapping validity, same kind of thing: ambiguous for matching
    by_name: dict[str, list[dict]] = {}
    for r in frame.to_dict("records"):
        by_name.setdefault(fold_text(r["name"]), []).append(r)
    for group in by_name.values():
        for a_i, a in enumerate(group):
            for b in group[a_i + 1 :]:
                if _overlap(a, b):
                    problems.append(("same_name", {"a": a["code"], "b": b["code"], "name": a["name"]}))
    if problems:
        raise RegisterError(problems=problems)
    return Register(frame)


def _overlap(a: dict, b: dict) -> bool:
    lo = max(
        parse_period(a["valid_from"]).index if a["valid_from"] else -(10**9),
        parse_period(b["valid_from"]).index if b["valid_from"] else -(10**9),
    )
    hi = min(
        parse_period(a["valid_to"]).index if a["valid_to"] else 10**9,
        parse_period(b["valid_to"]).index if b["valid_to"] else 10**9,
    )
    return lo <= hi


def load_register(data: bytes | str) -> Register:
    """Read a register CSV (bytes, or a path) and validate it."""
    try:
        src = io.BytesIO(data) if isinstance(data, bytes) else data
        frame = pd.read_csv(src, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise RegisterError(problems=[("unreadable", {})]) from exc
    return register_from_frame(frame)
