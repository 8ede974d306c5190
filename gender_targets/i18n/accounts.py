"""Catalogue part: accounts, sign-in, roles and approval. Merged into ``gender_targets.i18n.MESSAGES``."""

from __future__ import annotations

ACCOUNTS_MESSAGES: dict[str, tuple[str, str]] = {}
