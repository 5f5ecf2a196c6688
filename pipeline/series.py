"""Validated observations -> the analyst's series: one chosen value per place, indicator and period.

Several articles report the same figure: an estimate in November, the final figure in January,
a restatement a year later. The series keeps one value per key with its provenance:

- precedence: ``actual`` beats ``estimate`` beats ``target``; then the latest publication wins
  (like a data vintage); then the lowest ``obs_id`` (so the choice is reproducible);
- ``n_sources`` counts the articles that reported the key, ``vintages`` the distinct values;
- implied values (``derived = true``): a level stated with its change against an earlier period
  gives that period's level (``125.952,5 tỷ đồng, tăng 10,6% so với năm 2020`` -> 2020 is
  125952.5 / 1.106); a stated value always beats an implied one.

The key is (area, indicator, measure, qualifier, basis, period, year, unit_std): DESIGN.md names the
first six; the basis keeps "121% of the province's plan" apart from "108% of the council's", and
the unit keeps a USD income apart from the VND one.
"""
from __future__ import annotations

import hashlib

import pandas as pd

MIN_YEAR = 1990  # the first year a series may hold (the observations suite's lower bound)
KEY = ["area_key", "indicator", "measure", "qualifier", "basis", "period", "year", "unit_std"]
STATUS_RANK = {"actual": 0, "estimate": 1, "target": 2}
PRIOR_BASES = {"prior_year", "same_period_prior_year"}
MONEY_UNITS = {"VND", "thousand_VND", "million_VND", "billion_VND", "trillion_VND",
               "USD", "thousand_USD", "million_USD", "billion_USD"}
# What build_series reads of the observations (`sentence` may be any key that tells sentences apart).
INPUT_COLUMNS = ["obs_id", "doc_id", "source", "published", "area", "area_type", "area_code", "province", "indicator",
                 "measure", "qualifier", "value", "value_high", "unit", "value_std", "unit_std", "year", "period",
                 "status", "basis", "basis_year", "sentence"]
SERIES_COLUMNS = ["area", "area_type", "area_code", "province", "indicator", "measure", "qualifier", "basis",
                  "period", "year", "value", "value_high", "unit", "value_std", "unit_std", "status", "derived",
                  "obs_id", "source", "published", "n_sources", "vintages"]


def implied_prior_levels(observations: pd.DataFrame) -> pd.DataFrame:
    """Levels of an earlier period implied by a stated level and its change against that period.

    >>> obs = pd.DataFrame([
    ...   dict(obs_id="a", doc_id="d", sentence="s", area="Từ Sơn", area_code="261", indicator="budget_revenue",
    ...        qualifier=None, measure="level",
    ...        value=4145.3, value_std=4145.3, unit="billion_VND", unit_std="billion_VND", period="FY", year=2021,
    ...        basis=None, basis_year=None, status="estimate"),
    ...   dict(obs_id="b", doc_id="d", sentence="s", area="Từ Sơn", area_code="261", indicator="budget_revenue",
    ...        qualifier=None, measure="pct_of_prior",
    ...        value=100.9, value_std=100.9, unit="percent", unit_std="percent", period="FY", year=2021,
    ...        basis="prior_year", basis_year=2020, status="estimate")])
    >>> row = implied_prior_levels(obs).iloc[0]
    >>> int(row.year), round(float(row.value_std), 1), bool(row.derived)
    (2020, 4108.3, True)
    """
    if observations.empty:
        return observations.iloc[0:0].assign(derived=pd.Series(dtype=bool))
    levels = observations[(observations["measure"] == "level") & observations["unit"].isin(MONEY_UNITS)]
    changes = observations[observations["measure"].isin(["pct_change", "pct_of_prior", "abs_change"])
                           & observations["basis"].isin(PRIOR_BASES)]
    levels = levels[levels["year"].notna()]  # a level of an unknown year implies nothing
    pairs = levels.merge(changes, on=["doc_id", "sentence", "area", "area_code", "indicator", "qualifier", "period",
                                      "year"], suffixes=("", "_change"))
    rows = [_implied_row(pair) for pair in pairs.to_dict("records")]
    rows = [row for row in rows if row is not None]
    columns = list(dict.fromkeys([*levels.columns, "derived"]))
    return pd.DataFrame(rows, columns=columns) if rows else levels.iloc[0:0].assign(derived=pd.Series(dtype=bool))


def _implied_row(pair: dict) -> dict | None:
    measure, change = pair["measure_change"], pair["value_change"]
    if measure == "pct_change":
        factor = 1 + change / 100
    elif measure == "pct_of_prior":
        factor = change / 100
    else:  # abs_change: only in the same unit
        if pair["unit_change"] != pair["unit"]:
            return None
        return _derived(pair, pair["value"] - change, pair["value_std"] - pair["value_std_change"])
    if factor <= 0:
        return None
    return _derived(pair, pair["value"] / factor, pair["value_std"] / factor)


def _derived(pair: dict, value: float, value_std: float) -> dict | None:
    year = pair["basis_year_change"] if pd.notna(pair["basis_year_change"]) else pair["year"] - 1
    if not MIN_YEAR <= year <= pair["year"]:
        return None  # implies nothing about a year before the series can start (or after the figure)
    row = {k: v for k, v in pair.items() if not k.endswith("_change")}
    source_ids = f"{pair['obs_id']}+{pair['obs_id_change']}"
    row.update(value=round(value, 6), value_high=None, value_std=round(value_std, 6), year=int(year), basis=None,
               basis_year=None, derived=True, obs_id=hashlib.sha256(source_ids.encode()).hexdigest()[:16])
    return row


def choose(candidates: pd.DataFrame) -> pd.DataFrame:
    """One row per key: stated before implied, actual > estimate > target, latest published first."""
    ranked = candidates.assign(
        _stated=candidates["derived"].astype(bool).astype(int),
        _status=candidates["status"].map(STATUS_RANK).fillna(3),
        _published=pd.to_datetime(candidates["published"]).fillna(pd.Timestamp.min),
    ).sort_values(["_stated", "_status", "_published", "obs_id"], ascending=[True, True, False, True], kind="stable")
    return ranked.drop_duplicates(KEY, keep="first")


def _plain(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Code columns as plain objects with None for missing (categoricals and NaN do not merge)."""
    present = [c for c in columns if c in frame.columns]
    frame = frame.copy()
    frame[present] = frame[present].astype(object).where(frame[present].notna(), None)
    return frame


def build_series(observations: pd.DataFrame) -> pd.DataFrame:
    """The series table from passed observations (stated rows and their implied prior levels)."""
    observations = _plain(observations, ["area", "area_type", "area_code", "province", "indicator", "measure",
                                         "qualifier", "basis", "period", "unit", "unit_std", "status", "doc_id",
                                         "sentence", "basis_year", "year"])
    stated = observations.assign(derived=False)
    implied = implied_prior_levels(observations)
    candidates = pd.concat([stated, implied], ignore_index=True) if not implied.empty else stated
    candidates = candidates.assign(area_key=candidates["area_code"].fillna(candidates["area"]))
    candidates[KEY] = candidates[KEY].astype(object).where(candidates[KEY].notna(), None)
    counts = _plain(_provenance_counts(candidates), KEY)
    chosen = _plain(choose(candidates), KEY).merge(counts, on=KEY + ["derived"], how="left")
    chosen["n_sources"] = chosen["n_sources"].fillna(0).astype("int32")
    chosen["vintages"] = chosen["vintages"].fillna(0).astype("int32")
    chosen = chosen.sort_values(["area_key", "indicator", "measure", "qualifier", "basis", "unit_std", "period", "year"],
                                na_position="first", kind="stable")
    return chosen[SERIES_COLUMNS].reset_index(drop=True)


def _provenance_counts(candidates: pd.DataFrame) -> pd.DataFrame:
    """Articles and distinct values behind each key, counted apart for stated and implied rows."""
    if candidates.empty:
        return pd.DataFrame(columns=KEY + ["derived", "n_sources", "vintages"])
    grouped = candidates.assign(_value=candidates["value_std"].round(6)).groupby(KEY + ["derived"], dropna=False)
    return grouped.agg(n_sources=("doc_id", "nunique"), vintages=("_value", "nunique")).reset_index()
