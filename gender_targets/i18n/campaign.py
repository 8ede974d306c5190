"""Catalogue part: the quarter's campaign: deadlines, timeliness, reminders, a unit's own page (issue 16). Merged into ``gender_targets.i18n.MESSAGES``."""

from __future__ import annotations

CAMPAIGN_MESSAGES: dict[str, tuple[str, str]] = {}
