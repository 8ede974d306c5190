"""Catalogue part: the sandboxed reader (child process, container pre-checks). Merged into ``gender_targets.i18n.MESSAGES``."""

from __future__ import annotations

READING_MESSAGES: dict[str, tuple[str, str]] = {}
