"""Catalogue part: database servers, replicas and deployment. Merged into ``gender_targets.i18n.MESSAGES``."""

from __future__ import annotations

DATABASE_MESSAGES: dict[str, tuple[str, str]] = {}
