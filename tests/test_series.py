"""The analyst's series: precedence, vintages, implied values."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.series import build_series

BASE = dict(doc_id="d1", source="a.txt", published=dt.date(2021, 11, 30), area="Từ Sơn", area_type="thị xã",
            area_code="261", province="Bắc Ninh", indicator="budget_revenue", measure="level", qualifier=None,
            value=4000.0, value_high=None, unit="billion_VND", value_std=4000.0, unit_std="billion_VND", year=2021,
            period="FY", status="estimate", basis=None, basis_year=None, approx=None, raw="4.000 tỷ đồng",
            sentence="s1", span_start=10, span_end=23, rule="r", derived=False, obs_id="o1")


def rows(*changes):
    return pd.DataFrame([{**BASE, **change} for change in changes])


def test_a_later_actual_beats_an_estimate_and_counts_two_vintages():
    series = build_series(rows(
        {},
        {"doc_id": "d2", "source": "b.txt", "published": dt.date(2022, 1, 10), "status": "actual",
         "value": 4145.3, "value_std": 4145.3, "obs_id": "o2", "area_type": "thành phố"},
    ))
    assert len(series) == 1
    row = series.iloc[0]
    assert (row["value"], row["status"], row["obs_id"], row["source"], row["n_sources"], row["vintages"]) == \
        (4145.3, "actual", "o2", "b.txt", 2, 2)


def test_actual_beats_a_later_estimate_and_same_value_is_one_vintage():
    series = build_series(rows(
        {"status": "actual", "obs_id": "o1"},
        {"doc_id": "d2", "published": dt.date(2022, 6, 1), "status": "estimate", "obs_id": "o2"},
    ))
    assert series[["obs_id", "n_sources", "vintages"]].values.tolist() == [["o1", 2, 1]]


def test_targets_come_last_and_places_match_by_code():
    series = build_series(rows(
        {"status": "target", "value": 5000.0, "value_std": 5000.0, "obs_id": "o1"},
        {"doc_id": "d2", "area": "Từ Sơn", "area_type": "thành phố", "status": "estimate", "obs_id": "o2",
         "published": dt.date(2021, 1, 1)},
    ))
    assert series[["obs_id", "status", "n_sources", "vintages"]].values.tolist() == [["o2", "estimate", 2, 2]]


def test_implied_prior_level_from_a_change_and_a_stated_value_wins():
    level = {"obs_id": "lvl", "value": 125952.5, "value_std": 125952.5, "indicator": "industrial_output_value"}
    change = {"obs_id": "chg", "indicator": "industrial_output_value", "measure": "pct_change", "value": 10.6,
              "value_std": 10.6, "unit": "percent", "unit_std": "percent", "basis": "prior_year", "basis_year": 2020}
    implied = build_series(rows(level, change))
    prior = implied[(implied["year"] == 2020) & (implied["measure"] == "level")].iloc[0]
    assert (round(prior["value"], 1), prior["derived"], prior["status"]) == (113881.1, True, "estimate")

    stated_2020 = {"doc_id": "d0", "obs_id": "s2020", "year": 2020, "status": "actual", "value": 113000.0,
                   "value_std": 113000.0, "indicator": "industrial_output_value", "sentence": "other"}
    series = build_series(rows(level, change, stated_2020))
    prior = series[(series["year"] == 2020) & (series["measure"] == "level")]
    assert prior[["obs_id", "value", "derived"]].values.tolist() == [["s2020", 113000.0, False]]


@pytest.fixture(scope="module")
def seed_series(tmp_path_factory, seeds_dir):
    output = tmp_path_factory.mktemp("series") / "output"
    result = CliRunner().invoke(main, ["build", str(seeds_dir), "-o", str(output)])
    assert result.exit_code == 0, result.output
    return pd.read_parquet(output / "series")


def test_seeds_give_implied_2020_levels(seed_series):
    derived = seed_series[seed_series["derived"]]
    table = {(r.indicator, r.unit, int(r.year)): round(r.value, 1) for r in derived.itertuples()}
    assert table == {
        ("industrial_output_value", "billion_VND", 2020): 113881.1,
        ("budget_revenue", "billion_VND", 2020): 4108.3,
        ("per_capita_income", "million_VND", 2019): 173.4,
        ("per_capita_income", "USD", 2019): 7441.7,
    }
    assert set(seed_series["area_code"].astype(str)) == {"261"}


@pytest.fixture(scope="module")
def seed_output(tmp_path_factory, seeds_dir):
    output = tmp_path_factory.mktemp("compare") / "output"
    assert CliRunner().invoke(main, ["build", str(seeds_dir), "-o", str(output)]).exit_code == 0
    return output


def test_compare_2020_2021_for_tu_son(seed_output):
    result = CliRunner().invoke(main, ["compare", str(seed_output), "--area", "thành phố Từ Sơn",
                                       "--years", "2020", "2021", "--format", "csv"])
    assert result.exit_code == 0, result.output
    table = pd.read_csv(__import__("io").StringIO(result.output))
    got = {(r.indicator, r.unit_std): (r.value_2020, r.stated_2020, r.value_2021, r.stated_2021, r.status_2021)
           for r in table.itertuples()}
    assert got[("industrial_output_value", "billion_VND")] == (113881.103, "implied", 125952.5, "stated", "estimate")
    assert got[("budget_revenue", "billion_VND")] == (4108.325, "implied", 4145.3, "stated", "estimate")
    assert got[("per_capita_income", "million_VND")][:2] == (175.5, "stated")
    assert pd.isna(got[("per_capita_income", "million_VND")][2])
    assert got[("poverty_rate", "percent")][:2] == (0.92, "stated")
    assert got[("near_poverty_rate", "percent")][:2] == (1.31, "stated")


def test_compare_by_the_other_unit_type_finds_the_same_place(seed_output):
    by_town = CliRunner().invoke(main, ["compare", str(seed_output), "--area", "thị xã Từ Sơn", "--format", "json"])
    by_city = CliRunner().invoke(main, ["compare", str(seed_output), "--area", "Từ Sơn", "--format", "json"])
    assert by_town.exit_code == 0 and by_town.output == by_city.output


def test_compare_unknown_place_says_so(seed_output):
    result = CliRunner().invoke(main, ["compare", str(seed_output), "--area", "Atlantis"])
    assert result.exit_code == 6 and "no FY levels for 'Atlantis'" in result.output
