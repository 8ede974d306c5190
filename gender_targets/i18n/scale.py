"""Catalogue part: large registers (city and national scale). Merged into ``gender_targets.i18n.MESSAGES``."""

from __future__ import annotations

SCALE_MESSAGES: dict[str, tuple[str, str]] = {}
