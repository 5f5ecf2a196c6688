from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.numbers import format_vietnamese, parse_number


@pytest.mark.parametrize("written,value", [
    ("125.952,5", 125952.5), ("4.145,3", 4145.3), ("0,92", 0.92), ("7.531", 7531.0),
    ("108,987", 108.987), ("1.204,375", 1204.375), ("45,0", 45.0), ("2.406,8", 2406.8),
    ("36.400.000", 36400000.0), ("4,145.3", 4145.3),
])
def test_vietnamese_figures(written, value):
    assert parse_number(written) == value


@pytest.mark.parametrize("written", ["1.2.3,4,5", "12.34.5", "abc", "", "1..2"])
def test_unreadable_figures_are_none(written):
    assert parse_number(written) is None


@given(st.decimals(min_value=0, max_value=Decimal("1e12"), places=3, allow_nan=False, allow_infinity=False),
       st.integers(min_value=0, max_value=3))
def test_a_value_written_the_vietnamese_way_reads_back(value, decimals):
    value = round(value, decimals)
    written = format_vietnamese(float(value), decimals)
    assert parse_number(written) == pytest.approx(float(value), rel=1e-12, abs=1e-12)
