"""Catalogue part: sign-in, restores, backups, security (issue 20). Merged into ``gender_targets.i18n.MESSAGES``."""

from __future__ import annotations

SECURITY_MESSAGES: dict[str, tuple[str, str]] = {}
