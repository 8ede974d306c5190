"""A message parameter with a Vietnamese and an English form (a column name, a reason, a size).

Lives beside the catalogue so that every layer (the reader's container checks, validation, the
store) can carry a parameter in both languages without importing a layer above it.
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["Localized"]


class Localized(NamedTuple):
    """A message parameter with a Vietnamese and an English form."""

    vi: str
    en: str

    @classmethod
    def of(cls, key: str, **params: object) -> Localized:
        """Both forms of catalogue entry ``key``."""
        from . import t

        return cls(t(key, "vi", **params), t(key, "en", **params))

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.vi

    def __str__(self) -> str:
        return self.vi
