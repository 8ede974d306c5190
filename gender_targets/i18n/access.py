"""Catalogue part: accessibility and the meeting for every eye (issue 17), mobile data (issue 24). Merged into ``gender_targets.i18n.MESSAGES``."""

from __future__ import annotations

ACCESS_MESSAGES: dict[str, tuple[str, str]] = {}
