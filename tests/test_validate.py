"""The validation stage, with real Great Expectations: suites in expectations/, passed / rejected rows."""
from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline.rules import load_rules
from pipeline.tidy import DOCUMENTS_SCHEMA, OBSERVATION_COLUMNS, OBSERVATIONS_SCHEMA, to_table
from pipeline.units import all_unit_codes
from pipeline.validate import (SUITES_DIR, ValidationResult, accepted_types, build_data_docs, expand_suite,
                               rejected_schema, validate_output, validate_tables, write_report)

REPO = Path(__file__).resolve().parent.parent
TODAY = dt.date(2024, 6, 1)  # "this year" of every test: actuals up to 2025, targets up to 2034


def obs(obs_id: str, **fields) -> dict:
    """A clean observation row (a poverty rate of 1.5% in 2021); `fields` override."""
    row = {column: None for column in OBSERVATION_COLUMNS}
    row.update(
        obs_id=obs_id, doc_id="doc1", source="tu_son_2021.txt", published=dt.date(2021, 12, 20),
        area="Từ Sơn", area_type="thị xã", area_code="261", province="Bắc Ninh",
        indicator="poverty_rate", measure="level", value=1.5, unit="percent", value_std=1.5,
        unit_std="percent", year=2021, period="FY", status="actual", raw="1,5%",
        sentence="Tỷ lệ hộ nghèo còn 1,5%.", span_start=100, span_end=104,
        rule="poverty_rate.ty_le_ho_ngheo:level", derived=False,
    )
    row.update(fields)
    return row


def budget(obs_id: str, value: float, **fields) -> dict:
    """A budget revenue level in billion VND (tỷ đồng)."""
    row = dict(indicator="budget_revenue", value=value, unit="billion_VND", value_std=value,
               unit_std="billion_VND", raw=f"{value:g} tỷ đồng", rule="budget_revenue.thu_ngan_sach:level")
    return obs(obs_id, **{**row, **fields})


def frame(rows: list[dict]) -> pd.DataFrame:
    return to_table(rows, OBSERVATIONS_SCHEMA).to_pandas()


def documents(*sources: str, **fields) -> pd.DataFrame:
    return to_table(document_rows(*sources, **fields), DOCUMENTS_SCHEMA).to_pandas()


def document_rows(*sources: str, **fields) -> list[dict]:
    rows = []
    for i, source in enumerate(sources or ("tu_son_2021.txt",)):
        row = {"doc_id": f"doc{i + 1}", "source": source, "title": "Báo cáo", "published": dt.date(2021, 12, 20),
               "area": "Từ Sơn", "area_type": "thị xã", "area_code": "261", "province": "Bắc Ninh",
               "n_chars": 5000, "n_observations": 3, "status": "ok", "encoding": "utf-8", "error": None}
        row.update(fields)
        rows.append(row)
    return rows


def validate(rows: list[dict] | pd.DataFrame, docs: pd.DataFrame | None = None, **kw) -> ValidationResult:
    observations = rows if isinstance(rows, pd.DataFrame) else frame(rows)
    return validate_tables(observations, documents() if docs is None else docs, today=kw.pop("today", TODAY), **kw)


def rejected_names(result: ValidationResult) -> dict[str, str]:
    return dict(zip(result.rejected["obs_id"], result.rejected["expectation"]))


def clean_rows() -> list[dict]:
    """Every kind of row the extractor makes, all valid."""
    return [
        obs("a1"),
        obs("a2", measure="abs_change", value=-0.52, unit="percentage_point", value_std=-0.52,
            unit_std="percentage_point", basis="prior_year", basis_year=2020, raw="0,52%"),
        obs("a3", year=2022, status="target", approx="under", value=1.0, value_std=1.0, raw="1%"),
        budget("a4", 125952.5),
        budget("a5", 121.0, measure="pct_of_plan", unit="percent", value_std=121.0, unit_std="percent",
               basis="council_budget_estimate", raw="121%"),
        budget("a6", 110.6, measure="pct_of_prior", unit="percent", value_std=110.6, unit_std="percent",
               basis="prior_year", basis_year=2020, period="9M", raw="110,6%"),
        obs("a7", indicator="per_capita_income", value=2900.0, unit="USD", value_std=2900.0, unit_std="USD",
            raw="2.900 USD", year=2019),
        obs("a8", indicator="per_capita_income", value=70.0, unit="million_VND", value_std=70.0,
            unit_std="million_VND", raw="70 triệu đồng/người/năm", period="YTD-M5", status="estimate"),
        obs("a9", indicator="economic_growth_rate", value=8.0, value_high=9.0, unit="percent", value_std=8.0,
            unit_std="percent", status="target", year=2025, period="2021-2025", raw="8-9%"),
        obs("a10", indicator="economic_growth_rate", value=-2.5, unit="percent", value_std=-2.5, unit_std="percent",
            period="Q4", qualifier="fdi", raw="-2,5%"),
        obs("a11", indicator="industrial_output_value", measure="level", value=4.5, unit="trillion_VND",
            value_std=4500.0, unit_std="billion_VND", raw="4,5 nghìn tỷ đồng", period="M12"),
    ]


# --- the contract -------------------------------------------------------------------------------

def test_importing_validate_does_not_import_great_expectations():
    code = "import sys, pipeline.validate; print('great_expectations' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True)
    assert out.stdout.strip() == "False"


def test_suites_say_what_the_arrow_schema_says():
    suite = json.loads((SUITES_DIR / "observations.json").read_text(encoding="utf-8"))
    by_type = {e["type"]: e for e in suite["expectations"]}
    assert by_type["expect_table_columns_to_match_ordered_list"]["kwargs"]["column_list"] == OBSERVATIONS_SCHEMA.names
    arrow_name = {pa.string(): "string", pa.float64(): "float64", pa.int16(): "int16", pa.int32(): "int32",
                  pa.date32(): "date32", pa.bool_(): "bool", pa.dictionary(pa.int32(), pa.string()): "dictionary<string>"}
    for schema, table in ((OBSERVATIONS_SCHEMA, "observations"), (DOCUMENTS_SCHEMA, "documents")):
        suite = json.loads((SUITES_DIR / f"{table}.json").read_text(encoding="utf-8"))
        types = next(e for e in suite["expectations"] if e["type"] == "column_types")["kwargs"]["types"]
        assert list(types) == schema.names
        for field in schema:
            assert types[field.name] == arrow_name[field.type] + ("?" if field.nullable else ""), field.name
    units = next(e for e in json.loads((SUITES_DIR / "observations.json").read_text())["expectations"]
                 if e["meta"]["name"] == "{column} code")
    assert set(units["kwargs"]["value_set"]) == all_unit_codes()


def test_every_expectation_has_a_severity_and_a_unique_name():
    ruleset = load_rules()
    for table in ("observations", "documents"):
        expanded = expand_suite(json.loads((SUITES_DIR / f"{table}.json").read_text()), ruleset, TODAY)
        configs = expanded.rows + expanded.schema + expanded.rules
        names = [c["meta"]["name"] for c in configs]
        assert len(names) == len(set(names))
        assert {c["meta"]["severity"] for c in configs} == {"critical", "warning"}
        assert all(c["type"].startswith("expect_") for c in configs)


def test_plausible_ranges_come_from_the_rule_files_only():
    ruleset = load_rules()
    expanded = expand_suite(json.loads((SUITES_DIR / "observations.json").read_text()), ruleset, TODAY)
    plausible = {c["meta"]["indicator"]: (c["kwargs"]["min_value"], c["kwargs"]["max_value"])
                 for c in expanded.rules if c["type"] == "expect_column_values_to_be_between"}
    assert plausible == {r.code: (r.plausible_min, r.plausible_max) for r in ruleset.rules}
    text = (SUITES_DIR / "observations.json").read_text(encoding="utf-8")
    assert not [rule.code for rule in ruleset.rules if rule.code in text]  # no indicator is named in the suite


def test_accepted_types_follow_how_parquet_reads_into_pandas():
    assert "float64[int]" in accepted_types("int16?")  # int16 with nulls reads back as float64
    assert "float64[int]" not in accepted_types("int32")
    assert "dictionary<string>" in accepted_types("dictionary<string>?")
    assert "string" not in accepted_types("dictionary<string>")
    with pytest.raises(ValueError):
        accepted_types("decimal")


# --- the brief's cases --------------------------------------------------------------------------

def test_poverty_150_duplicate_id_and_implausible_budget():
    rows = [
        obs("ok1"),
        obs("pov150", value=150.0, value_std=150.0, raw="150%"),
        obs("dup", year=2020), obs("dup", year=2019),
        # a district's budget revenue of 68 million tỷ đồng
        budget("budget68m", 68_000_000.0, raw="68.000.000 tỷ đồng"),
    ]
    result = validate(rows)
    assert rejected_names(result) == {
        "pov150": "rate within 0..100; plausible poverty_rate",
        "budget68m": "plausible budget_revenue",
    }
    detail = dict(zip(result.rejected["obs_id"], result.rejected["detail"]))
    assert detail["pov150"] == "value=150 outside [0, 100]; value_std=150 outside [0, 100]"
    assert detail["budget68m"] == "value_std=68000000 outside [0.01, 2000000]"
    assert result.critical_failures == ["observations: obs_id unique (2 rows; values 'dup')"]
    assert not result.ok
    assert list(result.observations["obs_id"]) == ["ok1", "dup", "dup"]
    assert result.suites["observations"]["success"] is False
    assert set(result.suites["observations"]["failed"]) == {
        "obs_id unique", "rate within 0..100", "plausible poverty_rate", "plausible budget_revenue"}
    assert result.suites["observations"]["statistics"]["rows_rejected"] == 2


def test_clean_dataset_passes_with_every_row_kept():
    observations = frame(clean_rows())
    result = validate(observations)
    assert result.critical_failures == []
    assert result.ok
    assert result.rejected.empty
    assert list(result.rejected.columns) == OBSERVATION_COLUMNS + ["expectation", "detail"]
    pd.testing.assert_frame_equal(result.observations, observations)
    assert result.suites["observations"]["success"] and result.suites["documents"]["success"]
    assert result.suites["observations"]["failed"] == []
    assert result.suites["observations"]["evaluated"] > 40
    json.dumps(result.suites)  # JSON-able
    json.dumps(result.raw_results)


def test_missing_column_is_critical():
    observations = frame(clean_rows()).drop(columns=["unit_std"])
    result = validate(observations)
    assert not result.ok
    assert result.critical_failures[0] == "observations: columns in contract order (missing ['unit_std'])"
    # the expectations on that column cannot be evaluated: critical too, never "passed"
    assert "observations: unit_std not null (could not be evaluated: Error: The column \"unit_std\" in BatchData " \
           "does not exist.)" in result.critical_failures


def test_wrong_type_is_critical():
    observations = frame(clean_rows())
    observations["value"] = observations["value"].map(str)  # "1.5" strings instead of floats
    observations["year"] = observations["year"].astype("float64") + 0.5
    result = validate(observations)
    types = [f for f in result.critical_failures if f.startswith("observations: column types")]
    assert types == ["observations: column types (value: string, contract float64; year: float64, contract int16?)"]


def test_plain_strings_instead_of_dictionary_codes_are_critical():
    observations = frame(clean_rows())
    observations["indicator"] = observations["indicator"].astype(str)
    result = validate(observations)
    assert result.critical_failures == [
        "observations: column types (indicator: string, contract dictionary<string>)"]


def test_pct_of_plan_of_1500_is_rejected():
    rows = clean_rows() + [budget("p1500", 1500.0, measure="pct_of_plan", unit="percent", value_std=1500.0,
                                  unit_std="percent", basis="plan")]
    result = validate(rows)
    assert rejected_names(result) == {"p1500": "pct_of_plan/pct_of_prior within 0..1000"}
    assert result.rejected["detail"].tolist() == ["value=1500 outside [0, 1000]"]
    assert result.ok
    assert len(result.observations) == len(clean_rows())


def test_a_figure_without_a_year_or_a_place_is_rejected_and_says_which_is_missing():
    rows = clean_rows() + [obs("no_year", year=None), obs("no_place", area=None, area_type=None, area_code=None,
                                                            province=None),
                           obs("neither", year=None, area=None, area_type=None, area_code=None, province=None)]
    result = validate(rows)
    assert rejected_names(result) == {"no_year": "year told by the article",
                                      "no_place": "area told by the article",
                                      "neither": "year told by the article; area told by the article"}
    assert result.ok
    assert len(result.observations) == len(clean_rows())


def test_target_year_may_be_far_but_an_actual_may_not():
    year = TODAY.year + 5
    rows = [obs("target", year=year, status="target"), obs("actual", year=year, status="actual"),
            obs("estimate", year=TODAY.year + 1, status="estimate"), obs("old", year=1989),
            obs("target_far", year=TODAY.year + 11, status="target")]
    result = validate(rows)
    assert rejected_names(result) == {
        "actual": "year within 1990..this year+1",
        "old": "year within 1990..this year+1",
        "target_far": "target year within 1990..this year+10",
    }
    assert list(result.observations["obs_id"]) == ["target", "estimate"]
    assert dict(zip(result.rejected["obs_id"], result.rejected["detail"]))["actual"] == "year=2029 outside [1990, 2025]"


def test_value_high_not_above_value_is_rejected():
    rows = [obs("range_ok", value=1.0, value_high=2.0), obs("equal", value=2.0, value_high=2.0),
            obs("inverted", value=3.0, value_high=2.0)]
    result = validate(rows)
    assert rejected_names(result) == {"equal": "value_high above value", "inverted": "value_high above value"}
    assert result.rejected["detail"].tolist() == ["value_high=2 not > value=2", "value_high=2 not > value=3"]


def test_two_failures_of_one_row_are_one_rejected_row():
    rows = [obs("bad", value=150.0, value_std=150.0, span_end=90, period="Q5")]
    result = validate(rows)
    assert len(result.rejected) == 1
    assert result.rejected["expectation"][0] == (
        "period code; rate within 0..100; span_end after span_start; plausible poverty_rate")


def test_codes_null_and_non_finite_values_are_rejected():
    rows = [obs("ok"), obs("unit", unit="tỷ", unit_std="percent"), obs("indicator", indicator="gdp_of_mars"),
            obs("status", status="maybe"), obs("basis", basis="whim"), obs("approx", approx="roughly"),
            obs("inf", value=float("inf")), obs("nan", value=float("nan")), obs("measure", measure="vibes")]
    result = validate(rows)
    assert rejected_names(result) == {
        "unit": "unit code",
        "indicator": "indicator in catalogue",
        "status": "status code",
        "basis": "basis code",
        "approx": "approx code",
        "inf": "value finite; rate within 0..100",
        "nan": "value not null",
        "measure": "measure code",
    }
    assert list(result.observations["obs_id"]) == ["ok"]


def test_unit_std_is_the_standard_unit_unless_the_currency_differs():
    rows = [
        budget("std_ok", 4145.3),
        # 4.145,3 tỷ đồng left in million VND: not standardised
        budget("not_std", 4145300.0, unit="million_VND", unit_std="million_VND", value_std=4145300.0),
        # a USD figure of a VND indicator keeps its own unit
        obs("usd", indicator="per_capita_income", value=2900.0, unit="USD", value_std=2900.0, unit_std="USD"),
        # a poverty change in percentage points keeps its unit
        obs("pp", measure="abs_change", value=-0.5, unit="percentage_point", value_std=-0.5,
            unit_std="percentage_point"),
    ]
    result = validate(rows)
    assert rejected_names(result) == {"not_std": "standard unit of the indicator"}
    assert result.rejected["detail"].tolist() == [
        "unit_std='million_VND', standard_unit of budget_revenue is 'billion_VND'"]


def test_rows_are_identified_whatever_the_index():
    observations = frame([obs("a"), obs("b", value=150.0, value_std=150.0), obs("c")])
    observations.index = ["x", "y", "z"]  # not a RangeIndex
    result = validate(observations)
    assert rejected_names(result) == {"b": "rate within 0..100; plausible poverty_rate"}
    assert list(result.observations["obs_id"]) == ["a", "c"]


def test_empty_tables_pass():
    result = validate_tables(frame([]), to_table([], DOCUMENTS_SCHEMA).to_pandas(), today=TODAY)
    assert result.ok, result.critical_failures
    assert result.rejected.empty and result.observations.empty


# --- documents ----------------------------------------------------------------------------------

def test_duplicate_document_source_is_critical():
    result = validate(clean_rows(), documents("a.txt", "a.txt"))
    assert result.critical_failures == ["documents: source unique (2 rows; values 'a.txt')"]


def test_document_warnings_are_reported_and_every_document_is_kept():
    docs = documents("a.txt", "b.txt")
    docs["status"] = pd.Categorical(["ok", "lost"])
    docs["n_observations"] = pd.Series([3, -1], dtype="int32")
    result = validate(clean_rows(), docs)
    assert result.ok
    assert result.suites["documents"]["failed"] == ["status code", "n_observations not negative"]
    assert len(result.documents) == 2


# --- output, report, docs -----------------------------------------------------------------------

def test_validate_output_reads_the_parquet_datasets(tmp_path):
    rows = clean_rows() + [obs("pov150", value=150.0, value_std=150.0)]
    for name, table in (("observations", to_table(rows, OBSERVATIONS_SCHEMA)),
                        ("documents", to_table(document_rows(), DOCUMENTS_SCHEMA))):
        (tmp_path / name).mkdir()
        pq.write_table(table, tmp_path / name / "part-0.parquet")
    result = validate_output(tmp_path, today=TODAY)
    assert result.ok, result.critical_failures
    assert rejected_names(result) == {"pov150": "rate within 0..100; plausible poverty_rate"}
    assert len(result.observations) == len(clean_rows())
    # the rejected rows go back to Arrow with the contract's types
    table = pa.Table.from_pandas(result.rejected, schema=rejected_schema(), preserve_index=False)
    assert table.schema.field("year").type == pa.int16()
    assert table.column("expectation").to_pylist() == ["rate within 0..100; plausible poverty_rate"]
    passed = pa.Table.from_pandas(result.observations, schema=OBSERVATIONS_SCHEMA, preserve_index=False)
    assert passed.num_rows == len(clean_rows())


def test_rejected_schema_is_the_observation_schema_plus_two_strings():
    schema = rejected_schema()
    assert schema.names == OBSERVATION_COLUMNS + ["expectation", "detail"]
    assert schema.field("expectation").type == pa.string() and schema.field("detail").type == pa.string()
    assert schema.field("indicator").type == OBSERVATIONS_SCHEMA.field("indicator").type


def test_report_and_data_docs(tmp_path):
    result = validate(clean_rows() + [obs("pov150", value=150.0, value_std=150.0)])
    write_report(result, tmp_path / "report.json")
    report = json.loads((tmp_path / "report.json").read_text())
    assert report["ok"] is True and report["rows_rejected"] == 1
    assert set(report["gx_results"]) == {"observations", "observations.schema", "observations.rules",
                                         "documents", "documents.schema"}
    failed = [r["expectation_config"]["meta"]["name"] for r in report["gx_results"]["observations"]["results"]
              if not r["success"]]
    assert failed == ["rate within 0..100"]
    index = build_data_docs(result, tmp_path / "docs")
    assert index == tmp_path.resolve() / "docs" / "index.html" and index.exists()
    assert list((tmp_path / "docs" / "validations").rglob("observations.html"))


def test_a_bad_suite_file_fails_loudly(tmp_path):
    for name in ("observations", "documents"):
        (tmp_path / f"{name}.json").write_text((SUITES_DIR / f"{name}.json").read_text())
    suite = json.loads((tmp_path / "observations.json").read_text())
    suite["expectations"].append({"type": "expect_column_values_to_be_shiny", "kwargs": {"column": "value"},
                                  "meta": {"severity": "warning", "name": "shiny"}})
    (tmp_path / "observations.json").write_text(json.dumps(suite))
    with pytest.raises(ValueError, match="shiny"):
        validate(clean_rows(), suites_dir=tmp_path)
