from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def pytest_configure(config):
    # builds in tests extract every article (the cache has tests of its own, which name a folder)
    os.environ["INDICATORS_CACHE"] = ""
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return FIXTURES / "seeds"


@pytest.fixture(scope="session")
def dev_corpus() -> Path:
    return REPO / "data" / "dev"
