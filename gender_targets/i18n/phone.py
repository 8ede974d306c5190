"""Catalogue part: a commune officer's phone: entry cards, attachments, review (issue 23). Merged into ``gender_targets.i18n.MESSAGES``."""

from __future__ import annotations

PHONE_MESSAGES: dict[str, tuple[str, str]] = {}
