"""Shared fixtures: the repository root, the sample register and targets, a temporary database."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_data"
TODAY = dt.date(2026, 11, 24)

# a bug in the reader must fail the tests, not pass as "the file is damaged"; tests may use the
# sandbox's hooks (a worker that aborts, sleeps or runs out of memory)
os.environ.setdefault("GENDER_TARGETS_STRICT_READING", "1")
os.environ.setdefault("GENDER_TARGETS_TEST_HOOKS", "1")


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def sample_register():
    from gender_targets.units import load_register

    return load_register((SAMPLE / "units.csv").read_bytes())


@pytest.fixture(scope="session")
def sample_targets():
    from gender_targets.schema import load_targets

    return load_targets((SAMPLE / "targets.csv").read_bytes())


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "test.db"
