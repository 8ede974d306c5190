"""One error family for the core: a base class carrying a stable code and parameters.

The core never builds a sentence: it raises ``GenderTargetsError`` (or a small subclass) with a
``code`` and keyword ``params``; the edge (a page or the CLI) turns it into words with
``gender_targets.i18n.describe(error, lang)``, which looks up ``error.<code>`` in the catalogue
(``issue.<code>`` for a file's validation codes). Several problems at once (a register with three
bad rows) travel as ``problems``: a list of ``(code, params)`` pairs, each rendered the same way.

The CLI maps the family to exit statuses: ``UsageError`` → 2, every other member → 1.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

__all__ = [
    "GenderTargetsError",
    "PermissionDenied",
    "UsageError",
]


class GenderTargetsError(Exception):
    """Base of the family: ``code`` (stable, for scripts and the catalogue) and ``params``."""

    code: str = "error"
    #: catalogue prefix of this family's messages; subclasses for file issues use "issue"
    prefix: str = "error"

    def __init__(
        self,
        code: str | None = None,
        /,
        problems: Sequence[tuple[str, Mapping[str, object]]] = (),
        **params: object,
    ) -> None:
        if code is not None:
            self.code = code
        self.params: dict[str, object] = dict(params)
        self.problems: list[tuple[str, dict[str, object]]] = [(c, dict(p)) for c, p in problems]
        super().__init__(self.code, self.params)

    @property
    def key(self) -> str:
        """The catalogue key of the main message."""
        return f"{self.prefix}.{self.code}"

    def __str__(self) -> str:  # for logs and tracebacks only; users see the catalogue text
        return f"{self.code} {self.params}" if self.params else self.code


class UsageError(GenderTargetsError):
    """The command or request itself is wrong (CLI exit status 2)."""

    code = "usage"


class PermissionDenied(GenderTargetsError):
    """The signed-in account's role does not allow this write (checked in the core)."""

    code = "permission_denied"
