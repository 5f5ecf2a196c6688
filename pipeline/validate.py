"""The validation stage: the Great Expectations suites of ``expectations/`` -> passed / rejected rows.

The suites are plain JSON, one per table (``expectations/observations.json``,
``expectations/documents.json``), reviewed like code. Each is loaded into an ephemeral GX context
(nothing is written to disk, nothing reaches the network) and run on the table as a pandas
DataFrame. Every expectation carries ``meta.severity`` and ``meta.name``:

* ``critical``: the whole build is broken (columns, types, a duplicated ``obs_id``...). The
  names land in ``ValidationResult.critical_failures`` and ``ValidationResult.ok`` is False: the
  caller must not publish.
* ``warning``: the failing rows are rejected. They go to ``ValidationResult.rejected`` with the
  names of the expectations they failed (``expectation``) and a short ``detail``. A warning
  expectation that GX cannot evaluate at all (it raised) is reported as critical, since its rows
  cannot be said to have passed. The documents table is never split: every input keeps its row,
  and warnings on documents are only reported in ``suites``.

Besides native GX expectations (``"type": "expect_..."``), a suite may hold a few templates that
this module expands at validation time (see ``expectations/README.md``):

* ``column_types``: the contract's Arrow type of each column. GX checks the pairs (column,
  observed type) with ``expect_column_pair_values_to_be_in_set`` on `schema_frame` (one row per
  column, its type named by `observed_type`); this copes with how Parquet types look in pandas
  (dictionary -> category, int16 with nulls -> float64, date32 -> ``datetime.date`` objects).
* ``range_for_kind``: one ``row_condition`` expectation over the indicators of a rule kind.
* ``unit_std_per_indicator``, ``plausible_range_per_indicator``: checked on `rules_frame`, a
  frame derived from the table and the rule files (aligned on its rows), so that standard units
  and plausible ranges live only in ``lexicon/indicators/*.yaml``; one GX expectation per rule
  for the ranges, one for the units. (A ``row_condition`` per rule would cost GX several
  pandas queries per expectation: seconds for 30 rules.)
* any native expectation whose ``column`` is a list fans out to one expectation per column
  (``{column}`` in its name is replaced).

``{"$PARAMETER": name}`` values are GX suite parameters; the suite's ``meta.parameters`` says
what each is (``{"this_year_plus": n}``, ``{"from_rules": "codes"}``).

Great Expectations is imported only inside the functions that need it: importing this module
is cheap. ``GX_ANALYTICS_ENABLED`` is set to ``false`` (unless already set) before the import,
and the metric progress bars are turned off.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import math
import os
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from .rules import RuleSet, load_rules
from .tidy import OBSERVATIONS_SCHEMA
from .units import currency_of

SUITES_DIR = Path(__file__).resolve().parent.parent / "expectations"
SEVERITIES = ("critical", "warning")
RESULT_FORMAT = {"result_format": "COMPLETE"}  # every failing row, by its index label
TEMPLATES = ("column_types", "range_for_kind", "unit_std_per_indicator", "plausible_range_per_indicator")


# --- the result -------------------------------------------------------------------------------

@dataclass
class ValidationResult:
    """What the validation stage hands to the build."""

    observations: pd.DataFrame  # rows that passed every warning expectation
    rejected: pd.DataFrame  # failed rows: observation columns + expectation + detail
    documents: pd.DataFrame  # every document row (never split)
    critical_failures: list[str] = field(default_factory=list)  # "suite: name (detail)"
    suites: dict[str, dict] = field(default_factory=dict)  # per suite: success, evaluated, failed, statistics
    _gx_results: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    _gx_suites: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def ok(self) -> bool:
        """No critical expectation failed: the output may be published."""
        return not self.critical_failures

    @property
    def raw_results(self) -> dict[str, dict]:
        """GX's results as JSON, per GX suite (built when asked: a build never needs them, and
        turning them into JSON took ~10% of each chunk's validation)."""
        return _as_json(self._gx_results)


def _as_json(gx_results: dict[str, Any]) -> dict[str, dict]:
    return {name: result.to_json_dict() for name, result in gx_results.items()}


def rejected_schema() -> pa.Schema:
    """The Arrow schema of the rejected table: the observation columns + expectation + detail."""
    schema = OBSERVATIONS_SCHEMA
    for name, text in (("expectation", "names of the failed expectations, joined by '; '"),
                       ("detail", "what failed: column, bound and value, joined by '; '")):
        schema = schema.append(pa.field(name, pa.string(), nullable=False, metadata={"description": text}))
    return schema.with_metadata({**(OBSERVATIONS_SCHEMA.metadata or {}), b"table": b"rejected"})


# --- observed types ---------------------------------------------------------------------------

def observed_type(series: pd.Series) -> str:
    """The type a pandas column holds, in Arrow-like words: what the `column_types` check sees.

    Dictionary columns read back as ``category`` -> ``dictionary<string>``; a nullable integer
    column with nulls reads back as float64 -> ``float64[int]`` when every value is integral;
    date32 reads back as ``datetime.date`` objects -> ``date32``; an object column with no
    values -> ``null``.

    >>> observed_type(pd.Series([2021.0, None]))
    'float64[int]'
    >>> observed_type(pd.Series(["a", None], dtype="category"))
    'dictionary<string>'
    >>> observed_type(pd.Series([dt.date(2021, 1, 1), None]))
    'date32'
    """
    dtype = series.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        categories = dtype.categories
        inner = observed_type(pd.Series(categories)) if len(categories) else "null"
        return f"dictionary<{inner}>"
    if isinstance(dtype, pd.ArrowDtype):
        return _arrow_type_name(dtype.pyarrow_dtype)
    if isinstance(dtype, pd.StringDtype):
        return "string"
    if pd.api.types.is_bool_dtype(dtype):
        return "bool"
    if pd.api.types.is_integer_dtype(dtype):
        return str(dtype).lower()
    if pd.api.types.is_float_dtype(dtype):
        name = str(dtype).lower()
        values = series.dropna().to_numpy(dtype="float64")
        if bool(np.isfinite(values).all()) and bool((values == np.floor(values)).all()):
            name += "[int]"
        return name
    if pd.api.types.is_datetime64_any_dtype(dtype):
        return "timestamp"
    if dtype == object:
        kinds = {_python_type_name(v) for v in series.dropna()}
        if not kinds:
            return "null"
        if len(kinds) == 1:
            return kinds.pop()
        return "object<" + ",".join(sorted(kinds)) + ">"
    return str(dtype)


def _python_type_name(value: Any) -> str:
    if isinstance(value, str):
        return "string"
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return "bool"
    if isinstance(value, dt.datetime):
        return "timestamp"
    if isinstance(value, dt.date):
        return "date32"
    return f"object<{type(value).__name__}>"


def _arrow_type_name(kind: pa.DataType) -> str:
    if pa.types.is_dictionary(kind):
        return f"dictionary<{_arrow_type_name(kind.value_type)}>"
    if pa.types.is_string(kind) or pa.types.is_large_string(kind) or str(kind) == "string_view":
        return "string"
    if pa.types.is_floating(kind):
        return {"float": "float32", "double": "float64", "halffloat": "float16"}[str(kind)]
    if pa.types.is_date32(kind):
        return "date32"
    return str(kind)


def accepted_types(spec: str) -> list[str]:
    """The observed types that a contract type (`column_types` spec, '?' = nullable) accepts.

    >>> accepted_types("int16?")
    ['float64[int]', 'int16', 'null']
    """
    nullable = spec.endswith("?")
    base = spec.rstrip("?")
    known = {"string", "dictionary<string>", "float64", "date32", "bool", "int8", "int16", "int32", "int64"}
    if base not in known:
        raise ValueError(f"column_types: unknown type {spec!r} (known: {sorted(known)})")
    accepted = {base, "null"}  # null: an object column without a value (empty or all-null)
    if base.startswith("dictionary<"):
        accepted.add("dictionary<null>")  # a category column without categories
    if base == "float64":
        accepted.add("float64[int]")
    if base.startswith("int") and nullable:
        accepted.add("float64[int]")  # pandas reads a nullable integer column with nulls as float64
    return sorted(accepted)


def schema_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per column of `frame`: its name and the type it holds (see `observed_type`)."""
    return pd.DataFrame({"column": [str(name) for name in frame.columns],
                         "observed_type": [observed_type(frame[name]) for name in frame.columns]},
                        dtype=object)


def _text(frame: pd.DataFrame, column: str) -> pd.Series:
    """A column as plain objects (None for missing), or all None when the column is absent."""
    if column not in frame.columns:
        return pd.Series([None] * len(frame), index=frame.index, dtype=object)
    values = frame[column].astype(object)
    return values.where(values.notna(), None)


def rules_frame(frame: pd.DataFrame, ruleset: RuleSet, spec: dict[str, dict]) -> pd.DataFrame:
    """The per-rule facts GX checks row by row, aligned on `frame`'s index.

    * ``plausible_range_per_indicator`` -> one column per rule, named by its code: the row's
      `column` (value_std) where the row is of that indicator, has one of `measures` and is
      in the rule's standard unit; null elsewhere. GX checks each against the rule's range.
    * ``unit_std_per_indicator`` -> ``unit_std`` and ``standard_unit``: the rule's standard
      unit where the row is of that indicator, has one of `measures` and its `unit` has the
      currency of the standard unit; null elsewhere. GX checks they are equal.
    """
    indicator, measure = _text(frame, "indicator"), _text(frame, "measure")
    unit, unit_std = _text(frame, "unit"), _text(frame, "unit_std")
    columns: dict[str, pd.Series] = {}
    plausible = spec.get("plausible_range_per_indicator")
    if plausible:
        source = plausible.get("column", "value_std")
        values = (pd.to_numeric(frame[source], errors="coerce") if source in frame.columns
                  else pd.Series([float("nan")] * len(frame), index=frame.index))
        in_measures = measure.isin(plausible["measures"])
        for rule in ruleset.rules:
            mask = (indicator == rule.code) & in_measures & (unit_std == rule.standard_unit)
            columns[rule.code] = values.where(mask).astype("float64")
    standard = spec.get("unit_std_per_indicator")
    if standard:
        standard_of = {rule.code: rule.standard_unit for rule in ruleset.rules}
        rule_unit = indicator.map(standard_of)
        currency = unit.map(lambda u: currency_of(u) if isinstance(u, str) else None)
        rule_currency = rule_unit.map(lambda u: currency_of(u) if isinstance(u, str) else None)
        mask = measure.isin(standard["measures"]) & rule_unit.notna() & (currency == rule_currency)
        columns["unit_std"] = unit_std
        columns["standard_unit"] = rule_unit.where(mask, None).astype(object)
    return pd.DataFrame(columns, index=frame.index)


# --- loading and expanding the suites ---------------------------------------------------------

def load_suite_json(table: str, suites_dir: Path | None = None) -> dict:
    path = Path(suites_dir or SUITES_DIR) / f"{table}.json"
    return json.loads(path.read_text(encoding="utf-8"))


def suite_parameters(suite: dict, ruleset: RuleSet, today: dt.date) -> dict[str, Any]:
    """Values of the suite's ``$PARAMETER``s, from ``meta.parameters``."""
    values = {}
    for name, spec in (suite.get("meta", {}).get("parameters") or {}).items():
        if "this_year_plus" in spec:
            values[name] = today.year + int(spec["this_year_plus"])
        elif spec.get("from_rules") == "codes":
            values[name] = sorted(rule.code for rule in ruleset.rules)
        else:
            raise ValueError(f"suite {suite.get('name')}: parameter {name}: unknown spec {spec!r}")
    return values


def _condition(column: str, operator: str, parameter: Any) -> dict:
    return {"type": "comparison", "column": {"name": column}, "operator": operator, "parameter": parameter}


def _all_of(*conditions: dict) -> dict:
    return {"type": "and", "conditions": list(conditions)}


def _entry(kind: str, kwargs: dict, meta: dict, name: str, **extra_meta: Any) -> dict:
    return {"type": kind, "kwargs": kwargs, "meta": {**meta, "name": name, **extra_meta}}


@dataclass
class ExpandedSuite:
    """A suite's expectations as GX configurations, per frame they run on."""

    name: str
    rows: list[dict]  # on the table itself
    schema: list[dict]  # on `schema_frame(table)`
    rules: list[dict]  # on `rules_frame(table, ruleset, rules_spec)`
    rules_spec: dict[str, dict]
    parameters: dict[str, Any]
    meta: dict

    def runs(self) -> list[tuple[str, list[dict]]]:
        return [(self.name + suffix, configs) for suffix, configs in
                (("", self.rows), (".schema", self.schema), (".rules", self.rules)) if configs]


def expand_suite(suite: dict, ruleset: RuleSet, today: dt.date | None = None) -> ExpandedSuite:
    """Expand the templates of a suite JSON into native GX expectation configurations."""
    name = suite.get("name") or "suite"
    where = f"suite {name!r}"
    expanded = ExpandedSuite(name, [], [], [], {}, suite_parameters(suite, ruleset, today or dt.date.today()),
                             {k: v for k, v in (suite.get("meta") or {}).items() if k != "parameters"})
    codes = {rule.code for rule in ruleset.rules}
    for entry in suite.get("expectations", []):
        kind, kwargs = entry["type"], dict(entry.get("kwargs") or {})
        meta = dict(entry.get("meta") or {})
        label = meta.get("name")
        if meta.get("severity") not in SEVERITIES or not label:
            raise ValueError(f"{where}: {kind}: meta needs a severity in {SEVERITIES} and a name")
        if kind == "column_types":
            pairs = [[column, accepted] for column, spec in kwargs["types"].items()
                     for accepted in accepted_types(spec)]
            expanded.schema.append(_entry("expect_column_pair_values_to_be_in_set",
                                          {"column_A": "column", "column_B": "observed_type",
                                           "value_pairs_set": pairs},
                                          meta, label, contract_types=dict(kwargs["types"])))
        elif kind == "range_for_kind":
            kind_codes = sorted(rule.code for rule in ruleset.rules if rule.kind == kwargs["kind"])
            if kind_codes:
                condition = _all_of(_condition("indicator", "IN", kind_codes),
                                    _condition("measure", "IN", list(kwargs["measures"])))
                expanded.rows.append(_entry("expect_column_values_to_be_between",
                                            {"column": kwargs["column"], "min_value": kwargs["min_value"],
                                             "max_value": kwargs["max_value"], "row_condition": condition},
                                            meta, label))
        elif kind in ("unit_std_per_indicator", "plausible_range_per_indicator"):
            if kind in expanded.rules_spec:
                raise ValueError(f"{where}: template {kind} given twice")
            expanded.rules_spec[kind] = kwargs
            if kind == "unit_std_per_indicator":
                expanded.rules.append(_entry("expect_column_pair_values_to_be_equal",
                                             {"column_A": "unit_std", "column_B": "standard_unit",
                                              "ignore_row_if": "either_value_is_missing"}, meta, label))
            else:
                clash = codes & {"unit_std", "standard_unit"}
                if clash:
                    raise ValueError(f"{where}: rule codes {sorted(clash)} clash with rules-frame columns")
                for rule in ruleset.rules:
                    expanded.rules.append(_entry("expect_column_values_to_be_between",
                                                 {"column": rule.code, "min_value": rule.plausible_min,
                                                  "max_value": rule.plausible_max},
                                                 meta, label.format(indicator=rule.code),
                                                 indicator=rule.code, shown_column=kwargs.get("column", "value_std")))
        elif kind.startswith("expect_"):
            columns = kwargs.get("column")
            if isinstance(columns, list):
                for column in columns:
                    expanded.rows.append(_entry(kind, {**kwargs, "column": column}, meta, label.format(column=column)))
            else:
                expanded.rows.append(_entry(kind, kwargs, meta, label))
        else:
            raise ValueError(f"{where}: unknown expectation type or template {kind!r} (templates: {TEMPLATES})")
    names = [e["meta"]["name"] for e in expanded.rows + expanded.schema + expanded.rules]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise ValueError(f"{where}: expectation names must be unique: {duplicates}")
    return expanded


# --- Great Expectations -----------------------------------------------------------------------

_GX: dict[str, Any] = {}


def _gx() -> Any:
    """The great_expectations module, imported on first use with analytics off."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # GX imports sre_constants, sre_parse
        import great_expectations as gx  # noqa: PLC0415 -- heavy (seconds): only the validate stage pays
    # GX forces this logger to INFO; it would tell any configured root handler about temp dirs.
    logging.getLogger("great_expectations.data_context.types.base").setLevel(logging.WARNING)
    return gx


def _context() -> Any:
    """One ephemeral GX context per process (in memory; nothing written, no network)."""
    if "context" not in _GX:
        gx = _gx()
        from great_expectations.data_context.types.base import ProgressBarsConfig  # noqa: PLC0415

        context = gx.get_context(mode="ephemeral")
        context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
        _GX["context"] = context
        _GX["datasource"] = context.data_sources.add_pandas("pipeline")
    return _GX["context"]


def _batch(asset_name: str, frame: pd.DataFrame) -> Any:
    _context()
    datasource = _GX["datasource"]
    try:
        asset = datasource.get_asset(asset_name)
    except LookupError:
        asset = datasource.add_dataframe_asset(name=asset_name)
    try:
        definition = asset.get_batch_definition("whole")
    except (KeyError, LookupError):
        definition = asset.add_batch_definition_whole_dataframe("whole")
    return definition.get_batch(batch_parameters={"dataframe": frame})


def build_gx_suite(name: str, configurations: list[dict], meta: dict | None = None) -> Any:
    """A GX ExpectationSuite; a configuration GX cannot build raises (GX itself would only log)."""
    gx = _gx()
    from great_expectations.expectations.expectation_configuration import ExpectationConfiguration  # noqa: PLC0415

    expectations = []
    for configuration in configurations:
        try:  # GX's own severity field too, so that its results and Data Docs show it
            built = ExpectationConfiguration(**configuration, severity=configuration["meta"]["severity"])
            expectations.append(built.to_domain_obj())
        except Exception as exc:
            raise ValueError(f"suite {name!r}: expectation {configuration['meta']['name']!r}: {exc}") from exc
    return gx.ExpectationSuite(name=name, expectations=expectations, meta=meta or {})


def _run(asset_name: str, suite: Any, frame: pd.DataFrame, parameters: dict) -> Any:
    batch = _batch(asset_name, frame)
    with warnings.catch_warnings():
        # GX's pandas code path emits pandas Future/Deprecation warnings that are not ours to fix.
        warnings.simplefilter("ignore", FutureWarning)
        warnings.simplefilter("ignore", DeprecationWarning)
        return batch.validate(suite, result_format=RESULT_FORMAT, expectation_parameters=parameters)


def _exception_message(info: Any) -> str | None:
    """The message of an exception GX caught while evaluating an expectation, if any."""
    if not isinstance(info, dict):
        return None
    if "raised_exception" in info:
        return (info.get("exception_message") or "raised an exception") if info["raised_exception"] else None
    for value in info.values():  # keyed by metric when a metric failed
        message = _exception_message(value)
        if message:
            return message
    return None


# --- details ----------------------------------------------------------------------------------

def _show(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "null"
    if isinstance(value, float):
        return format(value, ".10g")
    return repr(value) if isinstance(value, str) else str(value)


def _resolve(value: Any, parameters: dict) -> Any:
    if isinstance(value, dict) and "$PARAMETER" in value:
        return parameters.get(value["$PARAMETER"], value)
    return value


def _set_text(values: list) -> str:
    return "[" + ", ".join(map(str, values)) + "]" if len(values) <= 4 else f"the {len(values)} allowed codes"


def row_detail(configuration: dict, row: pd.Series, data_row: pd.Series, parameters: dict) -> str:
    """Short text for a failing row: column, bound and value.

    `row` is the table's row; `data_row` the row of the frame GX checked (the same, or the
    aligned row of the rules frame).
    """
    kind, kwargs, meta = configuration["type"], configuration["kwargs"], configuration["meta"]
    column = kwargs.get("column")
    if kind == "expect_column_values_to_not_be_null":
        return f"{column} is null"
    if kind == "expect_column_values_to_be_between":
        low, high = _resolve(kwargs.get("min_value"), parameters), _resolve(kwargs.get("max_value"), parameters)
        shown = meta.get("shown_column", column)
        return f"{shown}={_show(data_row[column])} outside [{_show(low)}, {_show(high)}]"
    if kind == "expect_column_values_to_be_in_set":
        return f"{column}={_show(data_row[column])} not in {_set_text(list(_resolve(kwargs['value_set'], parameters)))}"
    if kind == "expect_column_values_to_match_regex":
        return f"{column}={_show(data_row[column])} does not match {kwargs['regex']}"
    if kind == "expect_column_pair_values_a_to_be_greater_than_b":
        a, b = kwargs["column_A"], kwargs["column_B"]
        sign = ">=" if kwargs.get("or_equal") else ">"
        return f"{a}={_show(data_row[a])} not {sign} {b}={_show(data_row[b])}"
    if kind == "expect_column_pair_values_to_be_equal":
        a, b = kwargs["column_A"], kwargs["column_B"]
        of = f" of {row['indicator']}" if "indicator" in row.index else ""
        return f"{a}={_show(data_row[a])}, {b}{of} is {_show(data_row[b])}"
    if column in data_row.index:
        return f"{column}={_show(data_row[column])}"
    return kind


def critical_detail(configuration: dict, result: dict, frame: pd.DataFrame, checked: pd.DataFrame) -> str:
    """Short text for a failed critical expectation."""
    kind, kwargs, meta = configuration["type"], configuration["kwargs"], configuration["meta"]
    if kind == "expect_table_columns_to_match_ordered_list":
        expected, actual = list(kwargs["column_list"]), [str(c) for c in frame.columns]
        missing = [c for c in expected if c not in actual]
        extra = [c for c in actual if c not in expected]
        parts = [f"missing {missing}"] if missing else []
        parts += [f"unexpected {extra}"] if extra else []
        return "; ".join(parts) or f"order differs: {actual}"
    if "contract_types" in meta:
        contract = meta["contract_types"]
        bad = [checked.loc[i] for i in result.get("unexpected_index_list") or [] if i in checked.index]
        return "; ".join(f"{r['column']}: {r['observed_type']}, contract {contract.get(r['column'], 'none')}"
                         for r in bad) or "failed"
    values = result.get("unexpected_list") or result.get("partial_unexpected_list") or []
    if values:
        shown = sorted({_show(v) if not isinstance(v, (list, tuple, dict)) else
                        "/".join(map(_show, v.values() if isinstance(v, dict) else v)) for v in values})
        more = f" +{len(shown) - 3} more" if len(shown) > 3 else ""
        return f"{result.get('unexpected_count', len(values))} rows; values {', '.join(shown[:3])}{more}"
    if "observed_value" in result:
        return f"observed {result['observed_value']}"
    return "failed"


# --- the stage --------------------------------------------------------------------------------

@dataclass
class _TableRun:
    name: str
    frame: pd.DataFrame
    failures: dict[int, list[tuple[str, str]]]  # row label -> [(expectation name, detail)]
    critical: list[str]
    summary: dict
    gx_results: dict[str, Any]
    gx_suites: dict[str, Any]


def _validate_table(table: str, frame: pd.DataFrame, ruleset: RuleSet, today: dt.date,
                    suites_dir: Path | None, split_rows: bool) -> _TableRun:
    expanded = expand_suite(load_suite_json(table, suites_dir), ruleset, today)
    name, parameters = expanded.name, expanded.parameters
    frame = frame.reset_index(drop=True)
    frames = {name: frame, f"{name}.schema": schema_frame(frame)}
    if expanded.rules:
        frames[f"{name}.rules"] = rules_frame(frame, ruleset, expanded.rules_spec)

    failures: dict[int, list[tuple[str, str]]] = {}
    critical: list[tuple[int, str]] = []  # (position in the suite, text)
    failed_names: list[str] = []
    gx_results: dict[str, Any] = {}
    gx_suites: dict[str, Any] = {}
    evaluated = successful = 0
    position = {c["meta"]["name"]: i for i, (_, configs) in enumerate(expanded.runs()) for c in configs}
    position = {name_: i for i, name_ in enumerate(sorted(position, key=lambda n: position[n]))}
    for gx_name, configurations in expanded.runs():
        data = frames[gx_name]
        suite = build_gx_suite(gx_name, configurations, expanded.meta)
        result = _run(gx_name, suite, data, parameters)
        gx_results[gx_name], gx_suites[gx_name] = result, suite
        by_name = {c["meta"]["name"]: c for c in configurations}
        for item in result.results:
            configuration = by_name[item.expectation_config.meta["name"]]
            evaluated += 1
            if item.success:
                successful += 1
                continue
            label = configuration["meta"]["name"]
            failed_names.append(label)
            outcome = item.result or {}
            error = _exception_message(item.exception_info)
            where = position[label]
            if error:
                critical.append((where, f"{name}: {label} (could not be evaluated: {error.splitlines()[0][:200]})"))
            elif configuration["meta"]["severity"] == "critical":
                critical.append((where, f"{name}: {label} ({critical_detail(configuration, outcome, frame, data)})"))
            elif not split_rows:
                continue  # reported in `suites` only
            elif "unexpected_index_list" not in outcome:
                critical.append((where, f"{name}: {label} (failing rows could not be identified)"))
            else:
                for index in outcome["unexpected_index_list"]:
                    if isinstance(index, dict) or index not in frame.index:
                        critical.append((where, f"{name}: {label} (GX named an unknown row {index!r})"))
                        break
                    detail = row_detail(configuration, frame.loc[index], data.loc[index], parameters)
                    failures.setdefault(int(index), []).append((label, detail))
    for row_failures in failures.values():  # in the order of the suite file, whatever GX's order
        row_failures.sort(key=lambda failure: position[failure[0]])
    failed_names.sort(key=lambda n: position[n])
    summary = {
        "success": not failed_names,
        "evaluated": evaluated,
        "failed": failed_names,
        "statistics": {
            "evaluated_expectations": evaluated,
            "successful_expectations": successful,
            "unsuccessful_expectations": evaluated - successful,
            "success_percent": round(100.0 * successful / evaluated, 2) if evaluated else 100.0,
            "rows": int(len(frame)),
            "rows_rejected": len(failures),
            "critical_failures": len(critical),
            "parameters": {k: (v if not isinstance(v, list) else f"{len(v)} values") for k, v in parameters.items()},
        },
    }
    critical_texts = [text for _, text in sorted(critical, key=lambda item: item[0])]
    return _TableRun(name, frame, failures, critical_texts, summary, gx_results, gx_suites)


def validate_tables(observations: pd.DataFrame, documents: pd.DataFrame, *, ruleset: RuleSet | None = None,
                    today: dt.date | None = None, suites_dir: Path | None = None) -> ValidationResult:
    """Run both suites; split the observations into passed and rejected rows.

    `today` fixes "this year" for the year bounds (default: the current date); `suites_dir`
    defaults to the repository's ``expectations/`` folder. Both frames are returned with a
    fresh RangeIndex.
    """
    ruleset = ruleset or load_rules()
    today = today or dt.date.today()
    obs_run = _validate_table("observations", observations, ruleset, today, suites_dir, split_rows=True)
    doc_run = _validate_table("documents", documents, ruleset, today, suites_dir, split_rows=False)

    frame = obs_run.frame
    bad = sorted(obs_run.failures)
    rejected = frame.loc[bad].copy()
    rejected["expectation"] = pd.Series(["; ".join(n for n, _ in obs_run.failures[i]) for i in bad],
                                        index=rejected.index, dtype=object)
    rejected["detail"] = pd.Series(["; ".join(d for _, d in obs_run.failures[i]) for i in bad],
                                   index=rejected.index, dtype=object)
    return ValidationResult(
        observations=frame.drop(index=bad).reset_index(drop=True),
        rejected=rejected.reset_index(drop=True),
        documents=doc_run.frame,
        critical_failures=obs_run.critical + doc_run.critical,
        suites={obs_run.name: obs_run.summary, doc_run.name: doc_run.summary},
        _gx_results={**obs_run.gx_results, **doc_run.gx_results},
        _gx_suites={**obs_run.gx_suites, **doc_run.gx_suites},
    )


@dataclass
class SeriesValidation:
    """The series suite's outcome (a series row is never split off: any failure is reported)."""

    critical_failures: list[str]
    summary: dict
    gx_results: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def ok(self) -> bool:
        return not self.critical_failures

    @property
    def raw(self) -> dict[str, dict]:
        """GX's results as JSON, per GX suite (built when asked)."""
        return _as_json(self.gx_results)


def validate_series(series: pd.DataFrame, *, ruleset: RuleSet | None = None, today: dt.date | None = None,
                    suites_dir: Path | None = None) -> SeriesValidation:
    """Run ``expectations/series.json`` on the series table."""
    run = _validate_table("series", series, ruleset or load_rules(), today or dt.date.today(), suites_dir,
                          split_rows=False)
    return SeriesValidation(run.critical, run.summary, run.gx_results)


def validate_output(output_dir: Path, **kw: Any) -> ValidationResult:
    """Validate a published output folder (its ``observations`` and ``documents`` datasets)."""
    output_dir = Path(output_dir)
    observations = pd.read_parquet(output_dir / "observations")
    documents = pd.read_parquet(output_dir / "documents")
    return validate_tables(observations, documents, **kw)


def write_report(result: ValidationResult, path: Path) -> None:
    """GX's validation results (plus our per-suite summary) as one JSON file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    report = {
        "ok": result.ok,
        "critical_failures": result.critical_failures,
        "suites": result.suites,
        "rows_rejected": int(len(result.rejected)),
        "gx_results": result.raw_results,
    }
    path.write_text(json.dumps(report, indent=1, ensure_ascii=False, default=str), encoding="utf-8")


def build_data_docs(result_or_output: ValidationResult | Path | str, target_dir: Path, **kw: Any) -> Path:
    """Render GX Data Docs (static HTML) for a validation; returns the path of ``index.html``.

    Best effort, for people who are online: the pages load their scripts and styles from
    CDNs, so they render badly offline; they are a report, not the dashboard. Accepts a
    `ValidationResult` of this process or an output folder (validated again; `kw` go to
    `validate_output`). The site is written to `target_dir` only; nothing else is touched.
    """
    if isinstance(result_or_output, (str, Path)):
        result = validate_output(Path(result_or_output), **kw)
    else:
        result = result_or_output
    if not result._gx_results:
        raise ValueError("this ValidationResult holds no GX results (was it made in another process?)")
    _gx()
    from great_expectations.core.run_identifier import RunIdentifier  # noqa: PLC0415
    from great_expectations.data_context.types.resource_identifiers import (  # noqa: PLC0415
        ExpectationSuiteIdentifier, ValidationResultIdentifier)

    context = _context()
    target_dir = Path(target_dir).resolve()
    target_dir.mkdir(parents=True, exist_ok=True)
    site_name = "pipeline_" + hashlib.sha1(str(target_dir).encode()).hexdigest()[:12]
    if site_name not in (context.list_data_docs_sites() or {}):
        context.add_data_docs_site(site_name=site_name, site_config={
            "class_name": "SiteBuilder",
            "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(target_dir)},
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
        })
    run_id = RunIdentifier(run_name="validate", run_time=dt.datetime.now(dt.timezone.utc))
    identifiers = []
    for name, gx_result in result._gx_results.items():
        suite = result._gx_suites[name]
        try:
            context.suites.add(suite)
        except Exception:  # already known to this context: replace it
            context.suites.delete(name)
            context.suites.add(suite)
        identifier = ValidationResultIdentifier(
            expectation_suite_identifier=ExpectationSuiteIdentifier(name=name), run_id=run_id,
            batch_identifier=name)
        context.validation_results_store.set(identifier, gx_result)
        identifiers.append(identifier)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        context.build_data_docs(site_names=[site_name])
    return target_dir / "index.html"


__all__ = [
    "ValidationResult", "validate_tables", "validate_output", "write_report", "build_data_docs",
    "rejected_schema", "observed_type", "accepted_types", "expand_suite", "SUITES_DIR",
]

