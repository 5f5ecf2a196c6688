"""The two founding articles yield exactly the rows the product was specified with."""
from __future__ import annotations

import pandas as pd
import pytest
from click.testing import CliRunner

from pipeline.cli import main

COLUMNS = ["indicator", "measure", "value", "unit", "year", "period", "status", "basis", "basis_year",
           "approx", "qualifier", "raw"]

SEED_2021 = [
    ("industrial_output_value", "level", 125952.5, "billion_VND", 2021, "FY", "estimate", None, None, None, None, "125.952,5 tỷ đồng"),
    ("industrial_output_value", "pct_of_plan", 121.0, "percent", 2021, "FY", "estimate", "plan", None, None, None, "121%"),
    ("industrial_output_value", "pct_change", 10.6, "percent", 2021, "FY", "estimate", "prior_year", 2020, None, None, "10,6%"),
    ("budget_revenue", "level", 4145.3, "billion_VND", 2021, "FY", "estimate", None, None, None, None, "4.145,3 tỷ đồng"),
    ("budget_revenue", "pct_of_plan", 104.4, "percent", 2021, "FY", "estimate", "plan", None, None, None, "104,4%"),
    ("budget_revenue", "pct_of_prior", 100.9, "percent", 2021, "FY", "estimate", "prior_year", 2020, None, None, "100,9%"),
]
SEED_2020 = [
    # a growth rate is a level; the year it is compared with is kept in basis_year. No status word:
    # a plain statement is actual, even a month before the year ends (PATTERNS.md §4).
    ("economic_growth_rate", "level", 2.1, "percent", 2020, "FY", "actual", None, 2019, None, None, "2,1%"),
    ("per_capita_income", "level", 175.5, "million_VND", 2020, "FY", "estimate", None, None, None, None, "175,5 triệu đồng"),
    ("per_capita_income", "level", 7531.0, "USD", 2020, "FY", "estimate", None, None, None, None, "7.531 USD"),
    ("per_capita_income", "pct_change", 1.2, "percent", 2020, "FY", "estimate", "prior_year", 2019, None, None, "1,2%"),
    ("poverty_rate", "level", 0.92, "percent", 2020, "FY", "actual", None, None, None, None, "0,92%"),
    ("near_poverty_rate", "level", 1.31, "percent", 2020, "FY", "actual", None, None, None, None, "1,31%"),
]


@pytest.fixture(scope="module")
def seed_output(tmp_path_factory, seeds_dir):
    output = tmp_path_factory.mktemp("build") / "output"
    result = CliRunner().invoke(main, ["build", str(seeds_dir), "-o", str(output)])
    assert result.exit_code == 0, result.output
    return output


def rows_of(frame: pd.DataFrame) -> list[tuple]:
    frame = frame[COLUMNS].astype(object).where(frame[COLUMNS].notna(), None)
    return [tuple(int(v) if k in ("year", "basis_year") and v is not None else v for k, v in zip(COLUMNS, row))
            for row in frame.itertuples(index=False)]


def test_seeds_yield_exactly_the_twelve_specified_rows(seed_output):
    observations = pd.read_parquet(seed_output / "observations")
    by_source = {source: rows_of(group) for source, group in observations.groupby("source", observed=True)}
    assert by_source == {"000_31fdb8ba51b1d058.txt": SEED_2021, "001_babe91905b15a2ec.txt": SEED_2020}


def test_seeds_are_one_place_under_two_unit_types(seed_output):
    observations = pd.read_parquet(seed_output / "observations")
    places = observations.groupby("source", observed=True)[["area", "area_type", "area_code", "province"]].first()
    assert places.astype(str).to_dict("index") == {
        "000_31fdb8ba51b1d058.txt": {"area": "Từ Sơn", "area_type": "thành phố", "area_code": "261", "province": "Bắc Ninh"},
        "001_babe91905b15a2ec.txt": {"area": "Từ Sơn", "area_type": "thị xã", "area_code": "261", "province": "Bắc Ninh"},
    }


def test_numbers_that_are_not_indicators_yield_nothing(seed_output):
    observations = pd.read_parquet(seed_output / "observations")
    raws = set(observations["raw"])
    for distractor in ("133", "12 xã", "12 trạm", "2021-2026", "10:46", "04/12/2020", "26/11", "XV"):
        assert not any(distractor in raw for raw in raws), distractor


def test_every_seed_has_a_document_row(seed_output):
    documents = pd.read_parquet(seed_output / "documents")
    assert documents[["source", "status", "n_observations"]].values.tolist() == [
        ["000_31fdb8ba51b1d058.txt", "ok", 6], ["001_babe91905b15a2ec.txt", "ok", 6]]
    assert documents.loc[1, "published"].isoformat() == "2020-12-04"
    assert pd.isna(documents.loc[0, "published"])
