"""Which passwords are refused (SPEC §10): too short, among the most common, or the user's own name.

- ``MIN_PASSWORD`` characters at least (8).
- Not one of the 10,000 most common passwords (``wordlists/common_passwords.txt``: the "passwords" list
  of zxcvbn 4.5.0, MIT licence, plus a few Vietnamese and app words), compared without case and
  with the spaces around it removed; nor such a password with only digits or punctuation added at
  either end ("password2026!", "@123456789").
- Not the user name (nor the user name reversed), nor the user name with fewer than six other
  characters around it ("lan2026", "admin@123").

``password_problem(password, username)`` returns the code of the first rule broken, or None:
``password_too_short``, ``password_common``, ``password_is_username``.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

__all__ = ["COMMON_FILE", "MIN_PASSWORD", "common_passwords", "password_problem"]

MIN_PASSWORD = 8
COMMON_FILE = Path(__file__).resolve().parent / "wordlists" / "common_passwords.txt"
_EDGES = re.compile(r"^[\d\W_]+|[\d\W_]+$")
_MIN_OTHER = 6  # characters a password must have besides the user name in it


@functools.cache
def common_passwords() -> frozenset[str]:
    """The refused common passwords, lower-cased (read once)."""
    lines = COMMON_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


def _is_common(folded: str) -> bool:
    common = common_passwords()
    if folded in common:
        return True
    core = _EDGES.sub("", folded)  # "password2026!" → "password"
    return len(core) >= 4 and core != folded and core in common


def password_problem(password: str, username: str = "") -> str | None:
    """The code of the first rule ``password`` breaks for ``username``, or None when it may be used."""
    password = password or ""
    if len(password) < MIN_PASSWORD:
        return "password_too_short"
    folded = password.strip().lower()
    if _is_common(folded):
        return "password_common"
    name = (username or "").strip().lower()
    if len(name) >= 3:
        for form in (name, name[::-1]):
            if form in folded and len(folded) - len(form) < _MIN_OTHER:
                return "password_is_username"
    return None
