"""Walk every indicator file: its positive sentences yield exactly their rows, its negatives nothing.

The corpus of each rule lives in its own YAML file (pipeline/lexicon/indicators/*.yaml), so a rule
and the sentences that justify it are reviewed together (the model is Duckling's Corpus.hs).
"""
from __future__ import annotations

import pytest

from pipeline.build import process_document
from pipeline.ingest import make_document
from pipeline.rules import load_rules, rule_files

RULESET = load_rules()
MIN_EXAMPLES = 5

# What an expected row leaves out takes these values (documented in lexicon/indicators/README.md).
ROW_DEFAULTS = {
    "value_high": None, "year": None, "period": "FY", "status": "actual", "basis": None,
    "basis_year": None, "approx": None, "qualifier": None,
}
COMPARED = ["indicator", "measure", "value", "value_high", "unit", "year", "period", "status",
            "basis", "basis_year", "approx", "qualifier"]


def rows_of(sentence: str) -> list[dict]:
    document = make_document("corpus.txt", sentence)
    document = document.__class__(**{**document.__dict__, "title": None})  # a sentence has no headline
    result = process_document(document, RULESET)
    return [{key: row[key] for key in COMPARED} for row in result.observation_rows]


def expected_rows(code: str, rows: list[dict]) -> list[dict]:
    return [{**ROW_DEFAULTS, "indicator": code, **row} for row in rows]


def corpus_cases(kind: str) -> list:
    """One case per example; an example may carry `xfail: reason` (a known bug, strict)."""
    cases = []
    for rule in RULESET.rules:
        for number, example in enumerate(rule.corpus.get(kind, [])):
            reason = example.get("xfail") if isinstance(example, dict) else None
            marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
            cases.append(pytest.param(rule.code, example, id=f"{rule.code}-{kind}-{number}", marks=marks))
    return cases


@pytest.mark.parametrize("code,example", corpus_cases("positive"))
def test_positive_sentence_yields_exactly_its_rows(code, example):
    expected = expected_rows(code, example["rows"])
    found = rows_of(example["sentence"])
    assert found == [{k: (float(v) if k in ("value", "value_high") and v is not None else v) for k, v in row.items()}
                     for row in expected]


@pytest.mark.parametrize("code,example", corpus_cases("negative"))
def test_negative_sentence_yields_nothing(code, example):
    sentence = example["sentence"] if isinstance(example, dict) else example
    assert rows_of(sentence) == []


def test_every_indicator_file_carries_its_corpus():
    assert len(rule_files()) == len(RULESET.rules)
    for rule in RULESET.rules:
        for kind in ("positive", "negative"):
            passing = [e for e in rule.corpus.get(kind, []) if not (isinstance(e, dict) and e.get("xfail"))]
            assert len(passing) >= MIN_EXAMPLES, (rule.code, kind)
        assert rule.plausible_min < rule.plausible_max, rule.code
