"""The catalogue of user-facing text: Vietnamese and English side by side, keyed by stable codes.

``t(key, lang, **params)`` renders one entry with ``str.format``. Missing keys raise KeyError in
tests (a typo must not reach a user); a missing parameter leaves the placeholder visible rather
than crashing. Code never concatenates Vietnamese fragments inline: add an entry to one of the
part files instead.

One catalogue, one lookup, several files so that each area's text can change on its own:
``catalogue`` (issues, columns, statuses, store, CLI), ``ui`` (pages and app), ``reading``
(the sandboxed reader), ``database`` (database servers, deployment), ``accounts`` (users, roles,
approval), ``meetings`` (presentation, report, notes), ``scale`` (large registers), ``security``,
``judgement``, ``campaign``, ``phone``, ``access`` (wave 3, one file per area). A key may
live in one file only: a clash raises at import.

Numbers: Vietnamese uses a decimal comma and a thousands dot ("1.234,5"); English the reverse.
"""

from __future__ import annotations

import importlib
import string

__all__ = ["LANGS", "MESSAGES", "describe", "number", "percent", "t"]

LANGS = ("vi", "en")

_PARTS = (
    "catalogue",
    "ui",
    "reading",
    "database",
    "accounts",
    "meetings",
    "scale",
    "security",
    "judgement",
    "campaign",
    "phone",
    "access",
)


def _load() -> dict[str, tuple[str, str]]:
    merged: dict[str, tuple[str, str]] = {}
    for part in _PARTS:
        module = importlib.import_module(f"{__name__}.{part}")
        entries = next(v for k, v in vars(module).items() if k.endswith("MESSAGES") and isinstance(v, dict))
        clash = set(entries) & set(merged)
        if clash:  # a key in two files would hide one of them
            raise KeyError(f"duplicate catalogue keys in {part}: {sorted(clash)}")
        merged.update(entries)
    return merged


MESSAGES: dict[str, tuple[str, str]] = _load()


class _Keep(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def t(key: str, lang: str = "vi", **params: object) -> str:
    """Render catalogue entry ``key`` in ``lang`` ("vi" or "en")."""
    vi, en = MESSAGES[key]
    template = en if lang == "en" else vi
    if not params:
        return template
    return string.Formatter().vformat(template, (), _Keep(params))


def number(value: float | int | None, lang: str = "vi", decimals: int = 0) -> str:
    """Format a number: "1.234,5" in Vietnamese, "1,234.5" in English; "—" for None/NaN."""
    if value is None or value != value:  # NaN
        return "—"
    text = f"{value:,.{decimals}f}"
    if lang == "en":
        return text
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def percent(value: float | None, lang: str = "vi", decimals: int = 1) -> str:
    """ "45,5%" (vi) or "45.5%" (en); "—" for None/NaN."""
    if value is None or value != value:
        return "—"
    return number(value, lang, decimals) + "%"


def describe(error: object, lang: str = "vi") -> str:
    """The words for a member of the error family (``gender_targets.errors``): its main message,
    then one line per problem it carries. Duck-typed, so the catalogue imports nothing above it."""
    key = getattr(error, "key", None)
    params = getattr(error, "params", {}) or {}
    lines = [t(key, lang, **params)] if key in MESSAGES else []
    prefix = getattr(error, "prefix", "error")
    for code, problem_params in getattr(error, "problems", []) or []:
        lines.append(t(f"{prefix}.{code}", lang, **problem_params))
    return "\n".join(lines) if lines else str(error)
