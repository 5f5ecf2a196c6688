from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return FIXTURES / "seeds"


@pytest.fixture(scope="session")
def dev_corpus() -> Path:
    return REPO / "data" / "dev"
