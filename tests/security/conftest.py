"""Fixtures of the attack tests (issue 20)."""

from __future__ import annotations

import pytest


@pytest.fixture
def fast_hashes(monkeypatch):
    """argon2id with small costs, so that the many sign-ins and accounts here take milliseconds (the
    rules are the same; the app keeps argon2-cffi's defaults, and a hash carries its own costs)."""
    from argon2 import PasswordHasher

    from gender_targets import accounts as acc
    from gender_targets.store import accounts as store_accounts

    monkeypatch.setattr(acc, "_HASHER", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    monkeypatch.setattr(store_accounts, "_DUMMY_HASH", acc.hash_password("not-a-real-password-for-timing"))
