"""Tests for pipeline.evaluate with small hand-written gold and predictions."""
from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pandas as pd
import pytest

from pipeline.evaluate import (
    AGREEMENT_FIELDS,
    EvalReport,
    crawler_lines,
    explain_errors,
    format_report,
    load_gold,
    part_rows,
    place_agreement,
    score,
    split_gold,
)

GOLD_FILE = Path(__file__).resolve().parents[1] / "data" / "dev" / "gold.jsonl"


def fact(indicator: str, measure: str, value: float, unit: str, year: int | None = 2020,
         **extra) -> dict:
    """A gold observation with every key present (defaults: FY estimate, all else null)."""
    observation = {
        "indicator": indicator, "measure": measure, "value": value, "value_high": None,
        "raw": f"{value} {unit}", "unit": unit, "year": year, "period": "FY",
        "status": "estimate", "basis": None, "basis_year": None, "approx": None,
        "qualifier": None,
    }
    observation.update(extra)
    return observation


def doc(doc_id: str, area: str, observations: list[dict], kind: str = "economic") -> dict:
    return {"id": doc_id, "title": f"title {doc_id}", "published": None, "area": area,
            "area_type": "huyện", "province": "Ninh Bình", "kind": kind,
            "observations": observations}


def predicted(source: str, indicator: str, measure: str, value: float, unit: str,
              year: int | None = 2020, **extra) -> dict:
    """A predicted row, same defaults as `fact`, plus `source` and `area`."""
    row = {"source": source, **fact(indicator, measure, value, unit, year), "area": None}
    row.update(extra)
    return row


# --------------------------------------------------------------------------- the main constructed case

GOLD = [
    doc("doc_a", "Phổ Yên", [
        fact("budget_revenue", "level", 1200, "billion_VND"),
        fact("budget_revenue", "pct_change", 10.5, "percent",
             basis="prior_year", basis_year=2019),
        fact("poverty_rate", "level", 1.12, "percent", status="actual"),
        fact("economic_growth_rate", "level", 7.0, "percent", area="Thái Nguyên"),
    ]),
    doc("doc_b", "Tam Điệp", [
        fact("export_value", "level", 5, "million_USD", year=2021, period="H1", status="actual"),
        fact("export_value", "pct_change", 3.0, "percent", year=2021, period="H1",
             status="actual", value_high=4.0),
    ]),
    doc("doc_c", "Yên Mô", [], kind="distractor"),
]

PREDICTIONS = pd.DataFrame([
    # doc_a: unit-scale match (1.2 trillion == 1200 billion), but wrongly about another place
    predicted("texts/doc_a.txt", "budget_revenue", "level", 1.2, "trillion_VND",
              area="Thái Nguyên"),
    # doc_a: match, status disagrees; basis_year as float still agrees
    predicted("texts/doc_a.txt", "budget_revenue", "pct_change", 10.5, "percent",
              status="actual", basis="prior_year", basis_year=2019.0),
    # doc_a: two identical predictions for one gold fact -> one tp, one fp
    predicted("texts/doc_a.txt", "poverty_rate", "level", 1.12, "percent", status="actual",
              value_high=1.5),
    predicted("texts/doc_a.txt", "poverty_rate", "level", 1.12, "percent", status="actual"),
    # doc_a: figure about the province; approx disagrees
    predicted("texts/doc_a.txt", "economic_growth_rate", "level", 7.0, "percent",
              area="Thái Nguyên", approx="about"),
    # doc_b: same number, wrong currency -> fp, and the gold level is missed
    predicted("doc_b.txt", "export_value", "level", 5, "million_VND", year=2021,
              period="H1", status="actual"),
    # doc_b: match; area spelled out as the article's own place; status disagrees
    predicted("doc_b.txt", "export_value", "pct_change", 3.0, "percent", year=2021,
              period="H1", status="estimate", value_high=4.0, area="Tam Điệp"),
    # doc_c is a distractor: anything predicted there is a false alarm
    predicted("doc_c.txt", "budget_revenue", "level", 100, "billion_VND"),
    # doc_z is not in the gold file: ignored
    predicted("doc_z.txt", "budget_revenue", "level", 1, "billion_VND"),
    predicted("doc_z.txt", "poverty_rate", "level", 2.0, "percent"),
])


@pytest.fixture(scope="module")
def report() -> EvalReport:
    return score(GOLD, PREDICTIONS)


def test_overall_counts_and_rates(report: EvalReport) -> None:
    assert (report.overall["tp"], report.overall["fp"], report.overall["fn"]) == (5, 3, 1)
    assert report.overall["precision"] == 5 / 8
    assert report.overall["recall"] == pytest.approx(5 / 6)
    assert report.overall["f1"] == pytest.approx(5 / 7)


def test_ignored_predictions_are_counted_not_scored(report: EvalReport) -> None:
    assert report.ignored_predictions == 2
    assert "doc_z" not in set(report.false_alarms["doc_id"])


def test_per_indicator_table(report: EvalReport) -> None:
    table = report.per_indicator.set_index("indicator")
    assert list(report.per_indicator.columns) == ["indicator", "tp", "fp", "fn",
                                                 "precision", "recall", "f1"]
    assert list(table.index) == ["budget_revenue", "economic_growth_rate",
                                 "export_value", "poverty_rate"]
    assert table.loc["budget_revenue", ["tp", "fp", "fn"]].tolist() == [2, 1, 0]
    assert table.loc["budget_revenue", "precision"] == pytest.approx(2 / 3)
    assert table.loc["budget_revenue", "recall"] == 1.0
    assert table.loc["economic_growth_rate", ["precision", "recall", "f1"]].tolist() == [1.0, 1.0, 1.0]
    assert table.loc["export_value", ["tp", "fp", "fn"]].tolist() == [1, 1, 1]
    assert table.loc["export_value", ["precision", "recall", "f1"]].tolist() == [0.5, 0.5, 0.5]
    assert table.loc["poverty_rate", ["tp", "fp", "fn"]].tolist() == [1, 1, 0]
    assert table.loc["poverty_rate", "precision"] == 0.5


def test_misses_and_false_alarms(report: EvalReport) -> None:
    assert report.misses[["doc_id", "indicator", "measure", "unit"]].values.tolist() == [
        ["doc_b", "export_value", "level", "million_USD"]]
    alarms = report.false_alarms[["doc_id", "indicator", "unit"]].values.tolist()
    assert alarms == [["doc_a", "poverty_rate", "percent"],
                      ["doc_b", "export_value", "million_VND"],
                      ["doc_c", "budget_revenue", "billion_VND"]]
    # the duplicate without value_high is the one left over (preference is stable by row order)
    assert report.false_alarms.loc[0, "source"] == "texts/doc_a.txt"
    assert pd.isna(report.false_alarms.loc[0, "value_high"])


def test_agreement_rates(report: EvalReport) -> None:
    assert report.agreement == {
        "status": 3 / 5,      # doc_a pct_change and doc_b pct_change disagree
        "period": 1.0,
        "basis": 1.0,
        "approx": 4 / 5,      # "about" against null
        "qualifier": 1.0,
        "basis_year": 1.0,    # 2019.0 equals 2019
        "value_high": 4 / 5,  # 1.5 against null
        "area": 4 / 5,        # "Thái Nguyên" predicted for a figure about Phổ Yên
    }
    assert set(report.agreement) == set(AGREEMENT_FIELDS)


def test_format_report_ends_with_headline(report: EvalReport) -> None:
    lines = format_report(report).splitlines()
    assert lines[-2] == ("overall precision 0.625  recall 0.833  f1 0.714  "
                         "(tp 5, fp 3, fn 1)")
    assert lines[-1] == "agreement status 0.600  period 1.000  basis 1.000  approx 0.800"
    assert lines[0].split() == ["indicator", "tp", "fp", "fn", "P", "R", "F1"]
    assert lines[1].split() == ["budget_revenue", "2", "1", "0", "0.667", "1.000", "0.800"]
    assert any(line.split() == ["overall", "5", "3", "1", "0.625", "0.833", "0.714"]
               for line in lines)


# --------------------------------------------------------------------------- matching details


def test_preference_picks_the_gold_fact_with_the_same_qualifier() -> None:
    gold = [doc("d1", "X", [
        fact("industrial_output_value", "share", 20.0, "percent", qualifier="fdi"),
        fact("industrial_output_value", "share", 20.0, "percent", qualifier="non_state"),
    ])]
    predictions = pd.DataFrame([predicted("d1.txt", "industrial_output_value", "share", 20.0,
                                          "percent", qualifier="non_state")])
    result = score(gold, predictions)
    assert (result.overall["tp"], result.overall["fp"], result.overall["fn"]) == (1, 0, 1)
    assert result.misses["qualifier"].tolist() == ["fdi"]
    assert result.agreement["qualifier"] == 1.0


def test_tolerance_is_relative() -> None:
    gold = [doc("d1", "X", [fact("budget_revenue", "level", 1052.6, "billion_VND")])]
    close = predicted("d1.txt", "budget_revenue", "level", 1.0526000001, "trillion_VND")
    far = predicted("d1.txt", "budget_revenue", "level", 1052.7, "billion_VND")
    assert score(gold, pd.DataFrame([close])).overall["tp"] == 1
    assert score(gold, pd.DataFrame([far])).overall["tp"] == 0


def test_year_and_measure_must_match() -> None:
    gold = [doc("d1", "X", [fact("poverty_rate", "level", 1.5, "percent")])]
    predictions = pd.DataFrame([
        predicted("d1.txt", "poverty_rate", "level", 1.5, "percent", year=2021),
        predicted("d1.txt", "poverty_rate", "abs_change", 1.5, "percent"),
    ])
    assert (score(gold, predictions).overall["tp"], score(gold, predictions).overall["fp"]) == (0, 2)


def test_null_year_matches_null_year_and_missing_columns_are_tolerated() -> None:
    gold = [doc("d1", "X", [fact("retail_sales", "level", 4128.0, "billion_VND", year=None,
                                 period="YTD-M5")])]
    predictions = pd.DataFrame({
        "source": ["d1.txt"], "indicator": ["retail_sales"], "measure": ["level"],
        "value": [4.128], "unit": ["trillion_VND"], "year": [float("nan")],
    })
    result = score(gold, predictions)
    assert (result.overall["tp"], result.overall["fp"], result.overall["fn"]) == (1, 0, 0)
    assert result.agreement["period"] == 0.0      # YTD-M5 against a missing column
    assert result.agreement["status"] == 0.0
    assert result.agreement["basis"] == 1.0       # null equals null
    assert result.agreement["area"] == 1.0        # missing area means the article's own place


def test_gold_document_without_predictions_misses_everything() -> None:
    gold = [doc("d1", "X", [fact("grdp", "level", 10.0, "trillion_VND"),
                            fact("grdp", "pct_change", 7.2, "percent")])]
    empty = pd.DataFrame(columns=["source", "indicator", "measure", "value", "unit", "year"])
    result = score(gold, empty)
    assert (result.overall["tp"], result.overall["fp"], result.overall["fn"]) == (0, 0, 2)
    assert (result.overall["precision"], result.overall["recall"], result.overall["f1"]) == (0.0, 0.0, 0.0)
    assert result.agreement == {name: 1.0 for name in AGREEMENT_FIELDS}


def test_distractor_only_with_false_alarm_scores_zero() -> None:
    gold = [doc("d1", "X", [], kind="distractor")]
    result = score(gold, pd.DataFrame([predicted("d1.txt", "grdp", "level", 1.0, "percent")]))
    assert (result.overall["tp"], result.overall["fp"], result.overall["fn"]) == (0, 1, 0)
    assert (result.overall["precision"], result.overall["recall"]) == (0.0, 0.0)


def test_nothing_to_find_and_nothing_predicted_is_perfect() -> None:
    gold = [doc("d1", "X", [], kind="distractor")]
    result = score(gold, pd.DataFrame(columns=["source"]))
    assert (result.overall["precision"], result.overall["recall"], result.overall["f1"]) == (1.0, 1.0, 1.0)
    assert result.per_indicator.empty


def test_indicator_filter_applies_to_gold_and_predictions(report: EvalReport) -> None:
    result = score(GOLD, PREDICTIONS, indicators=["poverty_rate"])
    assert (result.overall["tp"], result.overall["fp"], result.overall["fn"]) == (1, 1, 0)
    assert result.per_indicator["indicator"].tolist() == ["poverty_rate"]
    assert result.ignored_predictions == 1   # only doc_z's poverty_rate row


def test_predictions_must_have_a_source_column() -> None:
    with pytest.raises(ValueError, match="source"):
        score(GOLD, pd.DataFrame({"indicator": ["grdp"]}))


# --------------------------------------------------------------------------- gold files


def test_load_gold_normalises_to_nfc(tmp_path: Path) -> None:
    record = doc("d1", unicodedata.normalize("NFD", "Phổ Yên"),
                 [fact("budget_revenue", "level", 1.0, "billion_VND",
                       raw=unicodedata.normalize("NFD", "1 tỷ đồng"))])
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n\n", encoding="utf-8")
    [loaded] = load_gold(path)
    assert loaded["area"] == unicodedata.normalize("NFC", "Phổ Yên")
    assert loaded["observations"][0]["raw"] == unicodedata.normalize("NFC", "1 tỷ đồng")


@pytest.mark.skipif(not GOLD_FILE.exists(), reason="dev gold file not present")
def test_real_gold_scored_against_itself_is_perfect() -> None:
    gold = load_gold(GOLD_FILE)
    rows = [{"source": f"texts/{d['id']}.txt", **obs} for d in gold for obs in d["observations"]]
    result = score(gold, pd.DataFrame(rows))
    assert result.overall["fp"] == 0 and result.overall["fn"] == 0
    assert result.overall["tp"] == len(rows)
    assert result.agreement == {name: 1.0 for name in AGREEMENT_FIELDS}


# --------------------------------------------------------------------------- real pages: urls, parts, errors

REAL_GOLD = [
    {**doc("real_1", "Cam Lộ", [
        fact("budget_revenue", "level", 412, "billion_VND", year=2022),
        fact("economic_growth_rate", "level", 7.1, "percent", year=2022, period="H1"),
        fact("poverty_rate", "level", 2.1, "percent", year=2022),
        fact("retail_sales", "level", 950, "billion_VND", year=2022),
    ]), "url": "https://example.gov.vn/a/1", "split": "study", "published": None,
     "published_month": "2023-01"},
    {**doc("real_2", "Nho Quan", [fact("budget_revenue", "level", 88, "billion_VND")]),
     "url": "https://example.gov.vn/b/2", "split": "holdout", "published": "2020-12-20"},
]

REAL_PREDICTIONS = pd.DataFrame([
    predicted("https://example.gov.vn/a/1", "budget_revenue", "level", 412, "billion_VND", year=2022),
    # the growth rate found, but with the year and the period of another reading
    predicted("https://example.gov.vn/a/1", "economic_growth_rate", "level", 7.1, "percent", year=2021),
    # the poverty rate read as another indicator
    predicted("https://example.gov.vn/a/1", "near_poverty_rate", "level", 2.1, "percent", year=2022),
    # a figure no fact carries
    predicted("https://example.gov.vn/a/1", "budget_expenditure", "level", 37, "billion_VND", year=2022),
    predicted("https://example.gov.vn/b/2", "budget_revenue", "level", 88, "billion_VND"),
])


def test_predictions_fed_under_a_url_belong_to_the_article_of_that_url() -> None:
    report = score(REAL_GOLD, REAL_PREDICTIONS)
    assert (report.overall["tp"], report.overall["fp"], report.overall["fn"]) == (2, 3, 3)
    assert report.ignored_predictions == 0
    assert set(report.false_alarms["doc_id"]) == {"real_1"}


def test_errors_pair_a_missed_fact_with_the_false_row_of_the_same_figure() -> None:
    errors = explain_errors(score(REAL_GOLD, REAL_PREDICTIONS))
    assert errors.wrong_field == {"indicator": 1, "measure": 0, "year": 1, "period": 1}
    assert errors.pairs[["doc_id", "gold_raw", "wrong"]].values.tolist() == [
        ["real_1", "7.1 percent", "year,period"],
        ["real_1", "2.1 percent", "indicator"],
    ]
    assert errors.never_found["raw"].tolist() == ["950 billion_VND"]
    assert errors.matching_nothing["raw"].tolist() == ["37 billion_VND"]


def test_parts_are_scored_apart_and_the_place_share_counts_articles() -> None:
    parts = split_gold(REAL_GOLD)
    assert {name: [d["id"] for d in docs] for name, docs in parts.items()} == {
        "study": ["real_1"], "holdout": ["real_2"]}
    holdout = score(parts["holdout"], part_rows(parts["holdout"], REAL_PREDICTIONS))
    assert (holdout.overall["tp"], holdout.overall["fp"], holdout.ignored_predictions) == (1, 0, 0)
    documents = pd.DataFrame({"source": ["https://example.gov.vn/a/1", "https://example.gov.vn/b/2"],
                              "area": ["Cam Lộ", None]})
    assert place_agreement(REAL_GOLD, documents) == (1, 2)


def test_crawler_lines_carry_the_url_the_date_or_its_month_and_the_text(tmp_path: Path) -> None:
    (tmp_path / "real_1.txt").write_text("Huyện Cam Lộ: thu ngân sách đạt 412 tỷ đồng", encoding="utf-8")
    lines, missing = crawler_lines(REAL_GOLD, [tmp_path])
    assert missing == ["real_2"]
    assert [json.loads(line) for line in lines] == [{
        "url": "https://example.gov.vn/a/1", "published": "2023-01-01",
        "text": "Huyện Cam Lộ: thu ngân sách đạt 412 tỷ đồng"}]
