"""Catalogue part: the one judgement, counts beside percentages, stable status (issue 21). Merged into ``gender_targets.i18n.MESSAGES``."""

from __future__ import annotations

JUDGEMENT_MESSAGES: dict[str, tuple[str, str]] = {}
