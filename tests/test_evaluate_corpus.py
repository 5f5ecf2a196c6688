"""The extractor's score on the shipped practice corpus must not fall below the agreed bars."""
from __future__ import annotations

import pandas as pd
import pytest

from pipeline.build import process_all
from pipeline.evaluate import load_gold, score
from pipeline.ingest import read_documents
from pipeline.rules import load_rules

CORE = ["industrial_output_value", "budget_revenue", "per_capita_income", "poverty_rate",
        "near_poverty_rate", "economic_growth_rate", "total_production_value"]


@pytest.fixture(scope="module")
def report(dev_corpus):
    ruleset = load_rules()
    rows = [r for result in process_all(read_documents([dev_corpus / "texts"]), ruleset) for r in result.observation_rows]
    return score(load_gold(dev_corpus / "gold.jsonl"), pd.DataFrame(rows), indicators=CORE)


@pytest.mark.parametrize("indicator", CORE)
def test_core_indicator_f1_at_least_080(report, indicator):
    row = report.per_indicator.set_index("indicator").loc[indicator]
    assert row["f1"] >= 0.80, row.to_dict()


def test_core_precision_first(report):
    assert report.overall["precision"] >= 0.95
