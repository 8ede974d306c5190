"""Catalogue part: the presentation page, the quarterly report and notes. Merged into ``gender_targets.i18n.MESSAGES``."""

from __future__ import annotations

MEETINGS_MESSAGES: dict[str, tuple[str, str]] = {}
