"""The SPEC §6 rules on body rows, declared here and run over a ``reading.table.RawTable``.

Declaring is kept apart from running (as pandera does): ``TABLE_RULES`` and ``BODY_RULES`` are
lists of plain functions, each vectorised over the whole table and returning every issue it
finds; ``run_rules`` runs a list and collects all issues at once. ``row_facts`` derives what the
rules share, once: which rows are bodies (a name and at least one count, not a total row), which
counts are valid whole numbers ≥ 0, the counts as int64 (invalid or empty → 0), the body types.

Table rules, run on each sheet's table (in this order, which is the order of issues within one
row): ``missing_column``, ``duplicate_column`` (a count named by two columns holding different
numbers), ``body_skipped``, ``formula_without_value``, ``error_value`` (an Excel
error value such as ``#REF!`` in a count, name or type cell of a body: never a number),
``merged_count`` (one count cell merged over several bodies), ``not_a_number``, ``not_whole_number``, ``negative_number``, ``female_exceeds_total``,
``trained_exceeds_female``, ``unknown_body_type``, ``total_mismatch`` (a total against the bodies
above it, a group's subtotal against the bodies under it), ``rows_after_table``. ``no_data_rows``
is judged on all the sheets of a table together (``no_data_rows``). Body rules, once every row has
its unit and period, over the bodies of every sheet at once (``body["table"]`` is the index of the
row's sheet in ``tables``): ``duplicate_body`` (names folded, per unit-period, across sheets),
``no_key_leaders``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..i18n import t
from ..i18n.localized import Localized
from ..reading.grid import cell_text, display_value, error_value_of
from ..reading.header import REQUIRED_COLUMNS
from ..reading.table import RawTable, parse_counts, single_count
from ..schema import COUNT_COLUMNS, I1_BODY_TYPES, MAX_COUNT, BodyType, match_body_type
from ..text import a1, column_letter, fold_text
from .issues import ValidationIssue, make_issue

__all__ = ["BODY_RULES", "TABLE_RULES", "RowFacts", "error_reason", "no_data_rows", "row_facts", "run_rules"]

_COUNT_LABEL = {c: Localized.of(f"col.{c}") for c in COUNT_COLUMNS}
#: what each Excel error value means, for the ``error_value`` message (catalogue ``issue.error.*``)
_ERROR_KEYS = {
    "#REF!": "ref",
    "#DIV/0!": "div0",
    "#VALUE!": "value",
    "#N/A": "na",
    "#NAME?": "name",
    "#NUM!": "num",
    "#NULL!": "null",
    "#SPILL!": "spill",
    "#CALC!": "calc",
}


def error_reason(code: str) -> Localized:
    """What an error value means, in words ("ô nguồn của công thức đã bị xoá" for ``#REF!``)."""
    return Localized.of(f"issue.error.{_ERROR_KEYS.get(code, 'other')}")


@dataclass
class RowFacts:
    """What the rules share, derived once from the raw table."""

    is_body: np.ndarray
    nameless: np.ndarray
    skipped: np.ndarray
    not_number: dict[str, np.ndarray] = field(default_factory=dict)
    error: dict[str, np.ndarray] = field(default_factory=dict)
    fraction: dict[str, np.ndarray] = field(default_factory=dict)
    negative: dict[str, np.ndarray] = field(default_factory=dict)
    too_large: dict[str, np.ndarray] = field(default_factory=dict)
    valid: dict[str, np.ndarray] = field(default_factory=dict)
    ints: dict[str, np.ndarray] = field(default_factory=dict)
    body_types: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=object))
    raw_types: pd.Series | None = None
    unknown_type: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))


def row_facts(table: RawTable) -> RowFacts:
    n = len(table)
    total = table.total
    facts = RowFacts(
        is_body=table.name_present & table.any_count & ~total,
        nameless=~table.name_present & table.any_count & ~total,
        skipped=table.name_present & ~table.any_count & ~total,
    )
    for role in COUNT_COLUMNS:
        v = table.values[role]
        if role not in table.columns:
            facts.valid[role] = np.ones(n, dtype=bool)
            continue
        formula = table.formula_rows[role]
        error = table.errors[role] & ~formula
        not_number = table.bad[role] & facts.is_body & ~formula & ~error
        finite = ~np.isnan(v)
        frac = finite & (np.mod(np.where(finite, v, 0), 1) != 0)
        neg = finite & ~frac & (v < 0)
        huge = finite & ~frac & (v > MAX_COUNT)
        facts.not_number[role], facts.fraction[role], facts.negative[role] = not_number, frac, neg
        facts.too_large[role] = huge
        facts.error[role] = error & facts.is_body
        facts.valid[role] = ~(not_number | frac | neg | huge | formula | error)
    facts.ints = {
        role: np.where(np.isnan(table.values[role]) | ~facts.valid[role], 0, table.values[role]).astype("int64")
        for role in COUNT_COLUMNS
    }
    types = np.full(n, "", dtype=object)
    unknown = np.zeros(n, dtype=bool)
    if "body_type" in table.columns:
        raw = pd.Series(table.column("body_type"), dtype=object).map(cell_text)
        matched = {text: match_body_type(text) for text in pd.unique(raw[facts.is_body].to_numpy())}
        labels = raw.map({k: (v.value if v is not None else None) for k, v in matched.items()})
        unknown = facts.is_body & labels.isna().to_numpy() & ~table.label_errors["body_type"]
        types[facts.is_body & ~unknown] = labels[facts.is_body & ~unknown].to_numpy()
        facts.raw_types = raw
    facts.body_types = types
    facts.unknown_type = unknown
    return facts


def _at(table: RawTable, i: int, col: int) -> dict:
    r0 = table.start + int(i)
    return {"sheet": table.sheet, "cell": a1(r0, col), "row": r0 + 1}


# ---- table rules ------------------------------------------------------------------------------------


def missing_columns(table: RawTable, facts: RowFacts) -> list[ValidationIssue]:
    h = table.header
    return [
        make_issue(
            "missing_column",
            sheet=table.sheet,
            cell=a1(h.row, 0),
            row=h.row + 1,
            value=t(f"col.{role}"),
            column=Localized.of(f"col.{role}"),
        )
        for role in REQUIRED_COLUMNS
        if role not in table.columns
    ]


def skipped_rows(table: RawTable, facts: RowFacts) -> list[ValidationIssue]:
    name_col = table.columns.get("body_name", 0)
    names = table.frame["body_name"]
    out = [
        make_issue("body_skipped", value=names.iat[i], **_at(table, i, name_col)) for i in np.flatnonzero(facts.skipped)
    ]
    out += [
        make_issue("body_skipped", value="", message_key="issue.body_skipped.no_name", **_at(table, i, name_col))
        for i in np.flatnonzero(facts.nameless)
    ]
    return out


def formulas_without_value(table: RawTable, facts: RowFacts) -> list[ValidationIssue]:
    return [
        make_issue("formula_without_value", sheet=table.sheet, cell=a1(r, c), row=r + 1, value=formula)
        for (r, c), formula in sorted(table.formulas.items())
        if not table.total[r - table.start]
    ]


def error_values(table: RawTable, facts: RowFacts) -> list[ValidationIssue]:
    """An Excel error value (``#REF!``, ``#DIV/0!``, …) in a body's count, name or type cell: the
    cell has no number (python-calamine reads it as empty), so the file is refused, naming the
    cell, the value and what to do in Excel."""
    out = []
    cols = table.columns
    checks = [(role, table.label_errors[role] & facts.is_body) for role in ("body_name", "body_type") if role in cols]
    checks += [(role, facts.error[role]) for role in COUNT_COLUMNS if role in cols]
    by_row: dict[int, list[tuple[str, int]]] = {}
    for role, mask in checks:
        for i in np.flatnonzero(mask):
            by_row.setdefault(int(i), []).append((role, cols[role]))
    for i in sorted(by_row):
        for role, c in sorted(by_row[i], key=lambda x: x[1]):
            code = error_value_of(table.rows[i][c]) or "#VALUE!"
            out.append(
                make_issue(
                    "error_value",
                    value=code,
                    reason=error_reason(code),
                    column=Localized.of(f"col.{role}"),
                    **_at(table, i, c),
                )
            )
    return out


def number_rules(table: RawTable, facts: RowFacts) -> list[ValidationIssue]:
    """Counts are whole numbers ≥ 0: ``not_a_number``, ``not_whole_number``, ``negative_number``."""
    out = []
    for role in COUNT_COLUMNS:
        if role not in table.columns:
            continue
        c = table.columns[role]
        for code, mask, variant in (
            ("not_a_number", facts.not_number[role], None),
            ("not_whole_number", facts.fraction[role] & facts.is_body, None),
            ("negative_number", facts.negative[role] & facts.is_body, None),
            ("not_a_number", facts.too_large[role] & facts.is_body, "issue.not_a_number.too_large"),
        ):
            for i in np.flatnonzero(mask):
                raw = table.rows[i][c]
                value = raw.strip() if isinstance(raw, str) else display_value(raw)
                out.append(
                    make_issue(
                        code,
                        value=value,
                        column=_COUNT_LABEL[role],
                        message_key=variant,
                        max=f"{MAX_COUNT:,}".replace(",", "."),
                        **_at(table, i, c),
                    )
                )
    return out


def female_exceeds_total(table: RawTable, facts: RowFacts) -> list[ValidationIssue]:
    out = []
    cols, ints, valid = table.columns, facts.ints, facts.valid
    for female, total, total_key in (
        ("key_leaders_female", "key_leaders", "total.key_leaders"),
        ("pool_female", "pool_total", "total.pool_total"),
    ):
        if female in cols and total in cols:
            mask = facts.is_body & valid[female] & valid[total] & (ints[female] > ints[total])
            out += [
                make_issue(
                    "female_exceeds_total",
                    value=int(ints[female][i]),
                    total=int(ints[total][i]),
                    total_name=Localized.of(total_key),
                    **_at(table, i, cols[female]),
                )
                for i in np.flatnonzero(mask)
            ]
    return out


def trained_exceeds_female(table: RawTable, facts: RowFacts) -> list[ValidationIssue]:
    cols, ints, valid = table.columns, facts.ints, facts.valid
    if "pool_female_trained" not in cols or "pool_female" not in cols:
        return []
    mask = (
        facts.is_body
        & valid["pool_female_trained"]
        & valid["pool_female"]
        & (ints["pool_female_trained"] > ints["pool_female"])
    )
    return [
        make_issue(
            "trained_exceeds_female",
            value=int(ints["pool_female_trained"][i]),
            total=int(ints["pool_female"][i]),
            **_at(table, i, cols["pool_female_trained"]),
        )
        for i in np.flatnonzero(mask)
    ]


def unknown_body_types(table: RawTable, facts: RowFacts) -> list[ValidationIssue]:
    if "body_type" not in table.columns:
        return []
    choices = ", ".join(bt.value for bt in BodyType)
    names = table.frame["body_name"]
    out = []
    for i in np.flatnonzero(facts.unknown_type):
        text = facts.raw_types.iat[i]
        out.append(
            make_issue(
                "unknown_body_type",
                value=text,
                choices=choices,
                name=names.iat[i],
                message_key=None if text else "issue.unknown_body_type.empty",
                **_at(table, i, table.columns["body_type"]),
            )
        )
    return out


def total_mismatch(table: RawTable, facts: RowFacts) -> list[ValidationIssue]:
    """A total row equals the sum of the bodies of its section or of everything above it; a group's
    subtotal (a heading with counts, ``total_kind`` "heading") and a total written above the bodies
    ("top") the sum of the bodies under it (``RawTable.total_span``)."""
    cols, is_body, valid, ints = table.columns, facts.is_body, facts.valid, facts.ints
    totals = [int(i) for i in np.flatnonzero(table.total)]
    out = []
    prev = 0
    for i in totals:
        row = table.rows[i]
        kind = table.total_kind[i]
        if kind in ("heading", "top"):
            spans = {"section": slice(i + 1, table.total_span.get(i, len(table)))}
        else:
            spans = {"section": slice(prev, i), "all": slice(0, i)}
        for role in COUNT_COLUMNS:
            if role not in cols:
                continue
            val = single_count(row[cols[role]] if cols[role] < len(row) else "")
            if val is None:
                continue
            sums = {}
            ok = True
            for name, sl in spans.items():
                b = is_body[sl]
                if (b & ~valid[role][sl]).any():
                    ok = False
                sums[name] = int(ints[role][sl][b].sum())
            if not ok or val in sums.values():
                continue
            expected = sums["section"] if "all" not in sums or (kind != "grand" and prev) else sums["all"]
            out.append(
                make_issue(
                    "total_mismatch",
                    value=display_value(val),
                    expected=expected,
                    column=_COUNT_LABEL[role],
                    **_at(table, i, cols[role]),
                )
            )
        prev = i + 1
    return out


def merged_counts(table: RawTable, facts: RowFacts) -> list[ValidationIssue]:
    """A count cell merged over the rows of two or more bodies is one number for several bodies
    (which of them has it cannot be told): ``merged_count``."""
    out = []
    for role, r0, r1 in table.merged_counts:
        lo, hi = max(r0, table.start) - table.start, min(r1 - table.start, len(table) - 1)
        named = [i for i in range(lo, hi + 1) if table.name_present[i] and not table.total[i]]
        if len(named) < 2:
            continue
        c = table.columns[role]
        out.append(
            make_issue(
                "merged_count",
                value=f"{a1(r0, c)}:{a1(r1, c)}",
                column=_COUNT_LABEL[role],
                **_at(table, named[0], c),
            )
        )
    return out


def duplicate_columns(table: RawTable, facts: RowFacts) -> list[ValidationIssue]:
    """A count named by two columns of the header (a second "Tổng số" of the key leaders, an old
    column kept hidden): harmless when both hold the same numbers in every body row, else which one
    is right cannot be told (``duplicate_column``)."""
    out = []
    h = table.header
    for role, others in h.duplicates.items():
        first = table.columns[role]
        mine = [parse_counts(table.column(role))[0]]
        for c in others:
            vals = parse_counts([row[c] if c < len(row) else "" for row in table.rows])[0]
            a, b = mine[0][facts.is_body], vals[facts.is_body]
            same = ((a == b) | (np.isnan(a) & np.isnan(b))).all()
            if same:
                continue
            out.append(
                make_issue(
                    "duplicate_column",
                    sheet=table.sheet,
                    cell=a1(h.row, c),
                    row=h.row + 1,
                    value=column_letter(c),
                    column=_COUNT_LABEL[role],
                    first=column_letter(first),
                    second=column_letter(c),
                )
            )
    return out


def rows_after_table(table: RawTable, facts: RowFacts) -> list[ValidationIssue]:
    """Rows with a name and counts below the footer (signatures) are not read: say so."""
    r0 = table.after_footer
    if r0 is None:
        return []
    name_col = table.columns.get("body_name", 0)
    row = table.header.sheet.rows[r0]
    value = cell_text(row[name_col]) if name_col < len(row) else ""
    return [make_issue("rows_after_table", sheet=table.sheet, cell=a1(r0, name_col), row=r0 + 1, value=value)]


def no_data_rows(tables: Sequence[RawTable], facts: Sequence[RowFacts]) -> list[ValidationIssue]:
    """No body row in any sheet of the table (reported at the first sheet's header)."""
    if not tables or any(f.is_body.any() for f in facts):
        return []
    h = tables[0].header
    return [make_issue("no_data_rows", sheet=tables[0].sheet, cell=a1(h.row, 0), row=h.row + 1)]


# ---- body rules (every body has its unit and period) ----------------------------------------------------


def _table_of(tables: Sequence[RawTable], body: pd.DataFrame, pos: int) -> RawTable:
    return tables[int(body["table"].iloc[pos])] if "table" in body else tables[0]


def _body_issue(
    tables: Sequence[RawTable], body: pd.DataFrame, pos: int, code: str, role: str, **params
) -> ValidationIssue:
    """An issue at the ``role`` cell of the body in position ``pos``; its value is the body's name."""
    table = _table_of(tables, body, pos)
    row = int(body["source_row"].iloc[pos])
    return make_issue(
        code,
        sheet=table.sheet,
        cell=a1(row - 1, table.columns[role]),
        row=row,
        value=body["body_name"].iloc[pos],
        **params,
    )


def duplicate_bodies(tables: Sequence[RawTable], body: pd.DataFrame) -> list[ValidationIssue]:
    """A body listed twice for one unit and quarter (names folded), on one sheet or across the sheets
    of a split table."""
    if body.empty or all("body_name" not in t.columns for t in tables):
        return []
    names = body["body_name"]
    folded = names.map({name: fold_text(name) for name in pd.unique(names.to_numpy())})  # per distinct name
    keys = pd.DataFrame({"u": body["unit"], "p": body["period_index"], "n": folded})
    dup = keys.duplicated(keep="first").to_numpy()
    if not dup.any():
        return []
    group = body.groupby([keys["u"], keys["p"], keys["n"]])
    first_row = group["source_row"].transform("first")
    first_table = group["table"].transform("first") if "table" in body else None
    out = []
    for pos in np.flatnonzero(dup):
        here = _table_of(tables, body, pos)
        other = tables[int(first_table.iloc[pos])] if first_table is not None else here
        if other is here:
            out.append(
                _body_issue(tables, body, pos, "duplicate_body", "body_name", other_row=int(first_row.iloc[pos]))
            )
        else:
            out.append(
                _body_issue(
                    tables,
                    body,
                    pos,
                    "duplicate_body",
                    "body_name",
                    other_row=int(first_row.iloc[pos]),
                    other_sheet=other.sheet,
                    message_key="issue.duplicate_body.other_sheet",
                )
            )
    return out


def no_key_leaders(tables: Sequence[RawTable], body: pd.DataFrame) -> list[ValidationIssue]:
    """An I1-body with no key leader is left out of I1 (a warning)."""
    if body.empty:
        return []
    i1 = body["body_type"].isin([bt.value for bt in I1_BODY_TYPES]) & (body["key_leaders"] == 0)
    out = []
    for pos in np.flatnonzero(i1.to_numpy()):
        table = _table_of(tables, body, pos)
        if "body_type" in table.columns and "key_leaders" in table.columns:
            out.append(
                _body_issue(tables, body, pos, "no_key_leaders", "key_leaders", body_type=body["body_type"].iloc[pos])
            )
    return out


TableRule = Callable[[RawTable, RowFacts], list[ValidationIssue]]
BodyRule = Callable[[Sequence[RawTable], pd.DataFrame], list[ValidationIssue]]

TABLE_RULES: tuple[TableRule, ...] = (
    missing_columns,
    duplicate_columns,
    skipped_rows,
    formulas_without_value,
    error_values,
    merged_counts,
    number_rules,
    female_exceeds_total,
    trained_exceeds_female,
    unknown_body_types,
    total_mismatch,
    rows_after_table,
)
BODY_RULES: tuple[BodyRule, ...] = (duplicate_bodies, no_key_leaders)


def run_rules(rules: Sequence[Callable], table: object, subject: object) -> list[ValidationIssue]:
    """Every issue of every rule, collected at once (nothing stops at the first)."""
    out: list[ValidationIssue] = []
    for rule in rules:
        out.extend(rule(table, subject))
    return out
