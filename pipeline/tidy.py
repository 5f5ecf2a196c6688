"""Resolved mentions -> rows of the observations table; the Arrow schemas of every table.

The schemas here are the contract of DESIGN.md: explicit Arrow types, dictionary-encoded codes,
and a description (and unit) for every column stored in the Parquet schema metadata.
"""
from __future__ import annotations

import hashlib
from typing import Any, Iterable

import pyarrow as pa

from .extract import Mention
from .rules import Rule
from .units import base_factor, convert, currency_of

CODE = pa.dictionary(pa.int32(), pa.string())

OBSERVATION_FIELDS: list[tuple[str, pa.DataType, bool, str]] = [
    ("obs_id", pa.string(), False, "stable id: hash of doc_id, span and indicator"),
    ("doc_id", pa.string(), False, "stable id of the article: hash of its NFC text"),
    ("source", pa.string(), False, "path relative to the input root, or the URL from JSONL"),
    ("published", pa.date32(), True, "publication date of the article"),
    ("area", CODE, True, "place name without its unit word"),
    ("area_type", CODE, True, "tỉnh, thành phố, thị xã, huyện, quận, xã, phường, thị trấn (as of the article)"),
    ("area_code", CODE, True, "official pre-2025 administrative (GSO) code"),
    ("province", CODE, True, "province of the area"),
    ("indicator", CODE, False, "indicator code of the catalogue"),
    ("measure", CODE, False, "level, pct_of_plan, pct_of_prior, pct_change, abs_change, share, ratio, contribution_pp"),
    ("qualifier", CODE, True, "the part of the indicator a sub-item is about (fdi, non_state, ...)"),
    ("value", pa.float64(), False, "the figure in `unit` (lower end of a range)"),
    ("value_high", pa.float64(), True, "upper end of a range"),
    ("unit", CODE, False, "unit code of the stated unit"),
    ("value_std", pa.float64(), False, "the figure in the indicator's standard unit (same currency)"),
    ("unit_std", CODE, False, "standard unit code"),
    ("year", pa.int16(), True, "the year the figure is about"),
    ("period", CODE, False, "FY, H1, 9M, Q1..Q4, M1..M12, YTD-Mn or a span like 2016-2020"),
    ("status", CODE, False, "actual, estimate or target"),
    ("basis", CODE, True, "comparison basis of a relative measure"),
    ("basis_year", pa.int16(), True, "the year written in the comparison"),
    ("approx", CODE, True, "over, under or about"),
    ("raw", pa.string(), False, "the figure exactly as written, with its unit"),
    ("sentence", pa.string(), False, "the sentence it came from"),
    ("span_start", pa.int32(), False, "character offset of raw in the article's NFC text"),
    ("span_end", pa.int32(), False, "end offset of raw in the article's NFC text"),
    ("rule", CODE, False, "the rule that produced the row (indicator.trigger:measure)"),
    ("derived", pa.bool_(), False, "true for figures computed, not stated"),
]

DOCUMENT_FIELDS: list[tuple[str, pa.DataType, bool, str]] = [
    ("doc_id", pa.string(), False, "stable id of the article: hash of its NFC text"),
    ("source", pa.string(), False, "path relative to the input root, or the URL from JSONL"),
    ("title", pa.string(), True, "headline"),
    ("published", pa.date32(), True, "publication date"),
    ("area", CODE, True, "the article's place"),
    ("area_type", CODE, True, "its unit type as of the article"),
    ("area_code", CODE, True, "official pre-2025 administrative (GSO) code"),
    ("province", CODE, True, "province"),
    ("n_chars", pa.int32(), False, "characters of NFC text"),
    ("n_observations", pa.int32(), False, "observations extracted"),
    ("status", CODE, False, "ok, empty, unreadable, no_indicators, duplicate, failed"),
    ("encoding", CODE, True, "encoding as detected"),
    ("error", pa.string(), True, "why the article yielded nothing (nullable)"),
]


SERIES_FIELDS: list[tuple[str, pa.DataType, bool, str]] = [
    ("area", CODE, True, "place name without its unit word"),
    ("area_type", CODE, True, "unit type of the chosen article"),
    ("area_code", CODE, True, "official pre-2025 code: the series key when known"),
    ("province", CODE, True, "province of the area"),
    ("indicator", CODE, False, "indicator code"),
    ("measure", CODE, False, "measure code"),
    ("qualifier", CODE, True, "sub-item"),
    ("basis", CODE, True, "comparison basis of a relative measure"),
    ("period", CODE, False, "period code"),
    ("year", pa.int16(), True, "the year the value is about"),
    ("value", pa.float64(), False, "chosen value in `unit`"),
    ("value_high", pa.float64(), True, "upper end of a range"),
    ("unit", CODE, False, "unit as stated"),
    ("value_std", pa.float64(), False, "chosen value in the standard unit"),
    ("unit_std", CODE, False, "standard unit"),
    ("status", CODE, False, "status of the chosen value: actual > estimate > target"),
    ("derived", pa.bool_(), False, "true when implied by a later level and its change, not stated"),
    ("obs_id", pa.string(), False, "the observation chosen (for implied values: a hash of the two it came from)"),
    ("source", pa.string(), False, "the article of the chosen value"),
    ("published", pa.date32(), True, "publication date of the chosen value's article (its vintage)"),
    ("n_sources", pa.int32(), False, "articles that reported (or implied) this value"),
    ("vintages", pa.int32(), False, "distinct values reported for this key"),
]


def schema_of(fields: list[tuple[str, pa.DataType, bool, str]], table: str) -> pa.Schema:
    arrow_fields = [
        pa.field(name, kind, nullable=nullable, metadata={"description": text})
        for name, kind, nullable, text in fields
    ]
    return pa.schema(arrow_fields, metadata={"table": table, "contract": "DESIGN.md"})


OBSERVATIONS_SCHEMA = schema_of(OBSERVATION_FIELDS, "observations")
DOCUMENTS_SCHEMA = schema_of(DOCUMENT_FIELDS, "documents")
SERIES_SCHEMA = schema_of(SERIES_FIELDS, "series")
OBSERVATION_COLUMNS = [name for name, *_ in OBSERVATION_FIELDS]
DOCUMENT_COLUMNS = [name for name, *_ in DOCUMENT_FIELDS]


def obs_id_of(doc_id: str, mention: Mention) -> str:
    key = f"{doc_id}:{mention.span_start}:{mention.span_end}:{mention.indicator}:{mention.measure}:{mention.qualifier}"
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def standardise(value: float, unit: str, rule: Rule) -> tuple[float, str]:
    """The figure in the indicator's standard unit; other currencies and relative units stay."""
    if currency_of(unit) == currency_of(rule.standard_unit):
        return convert(value, unit, rule.standard_unit), rule.standard_unit
    return value, unit


def drop_repeats(mentions: list[Mention], title_end: int) -> list[Mention]:
    """One row per fact: a figure stated again (title, table, summary) is kept once, in the body.

    A figure stated again where no word of its sentence tells its time ("Hộ nghèo còn 1,60%" in a
    title, whose year would come from the publication date) is the figure its sentence dated
    elsewhere, whatever time the article's frame would give it: it is dropped. So is a title's
    figure that tells no time and repeats, or rounds, a figure of the body.
    """
    def key(m: Mention) -> tuple[Any, ...]:
        return (*figure(m), m.year, m.period)

    def figure(m: Mention) -> tuple[Any, ...]:
        return (m.indicator, m.measure, m.qualifier, m.value, m.value_high, m.unit, m.place)

    titled = any(m.span_start < title_end for m in mentions)
    body = [m for m in mentions if m.span_start >= title_end] if titled else []
    body_keys = {key(m) for m in body} | {figure(m) for m in body}
    body_values: dict[tuple[Any, ...], list[float]] = {}
    for m in body:
        if m.value_high is None:
            rounded = _rounded_key(m)
            body_values.setdefault(rounded, []).append(_amount(m))
            body_values.setdefault(rounded[:-2], []).append(_amount(m))
    dated: dict[tuple[Any, ...], set[tuple[Any, ...]]] = {}
    figures = [figure(m) for m in mentions]
    for m, fig in zip(mentions, figures):
        if m.time_said:
            dated.setdefault(fig, set()).add((m.year, m.period))
    kept, seen = [], {}
    for mention, fig in zip(mentions, figures):
        k = (*fig, mention.year, mention.period)
        times = dated.get(fig)
        if k in seen:
            first = seen[k]
            if mention.status_said and not kept[first].status_said:  # "tăng 7,2%" in the lead, "ước đạt 7,2%" after
                kept[first] = kept[first].replaced(status=mention.status, status_said=True)
            continue
        if not mention.time_said and times and (mention.year, mention.period) not in times:
            continue
        if mention.span_start < title_end and _repeats_the_body(mention, fig, k, body_keys, body_values):
            continue
        seen[k] = len(kept)
        kept.append(mention)
    return kept


def _repeats_the_body(mention: Mention, fig: tuple[Any, ...], key: tuple[Any, ...], body_keys: set[tuple[Any, ...]],
                      body_values: dict[tuple[Any, ...], list[float]]) -> bool:
    """A title's figure stated again in the body, or rounded there; when the title tells no time of
    it, whatever time the body's figure has."""
    untimed = not mention.time_said
    rounded = _rounded_key(mention)[:-2] if untimed else _rounded_key(mention)
    return (key in body_keys or (untimed and fig in body_keys)
            or _rounds_a_body_figure(mention, body_values.get(rounded, [])))


def _rounded_key(m: Mention) -> tuple[Any, ...]:
    """A figure's fact but for its amount; the unit by its currency, so that a headline's "gần 1
    nghìn tỷ đồng" meets the body's "998 tỷ đồng"."""
    return (m.indicator, m.measure, m.qualifier, currency_of(m.unit), m.place, m.year, m.period)


def _amount(m: Mention) -> float:
    """A figure's amount in its currency's base unit (đồng, dollars, percent)."""
    return m.value * base_factor(m.unit)


ROUNDING = 0.15  # a headline's "hơn 12.000 tỷ đồng" rounds a body figure this close to it


def _rounds_a_body_figure(mention: Mention, body_values: list[float]) -> bool:
    """A title's approximate figure ("đạt hơn 12.000 tỷ đồng") that rounds a body figure of the same
    fact (12.356 tỷ đồng): the body's figure is the fact.

    >>> from pipeline.extract import Mention
    >>> title = Mention("industrial_output_value", "level", 12000.0, None, "billion_VND", 0, 9, "12.000 tỷ đồng",
    ...                 "rule", 0, 60, 0, 20, approx="over")
    >>> _rounds_a_body_figure(title, [12356e9]), _rounds_a_body_figure(title, [11900e9])
    (True, False)
    """
    value = _amount(mention)
    if mention.approx is None or mention.value_high is not None or not value:
        return False
    low, high = {"over": (value, value * (1 + ROUNDING)), "under": (value * (1 - ROUNDING), value)}.get(
        mention.approx, (value * (1 - ROUNDING), value * (1 + ROUNDING)))
    return any(min(low, high) <= v <= max(low, high) and v != value for v in body_values)


def sentence_of(text: str, mention: Mention) -> str:
    return " ".join(text[mention.sentence_start:mention.sentence_end].split())


def observation_rows(document: Any, mentions: Iterable[Mention], place: Any, rules: dict[str, Rule]) -> list[dict]:
    """Rows of the observations table for one article."""
    rows = []
    sentences: dict[tuple[int, int], str] = {}  # figures of one sentence share it: tidied once
    for mention in mentions:
        rule = rules[mention.indicator]
        span = (mention.sentence_start, mention.sentence_end)
        if span not in sentences:
            sentences[span] = sentence_of(document.text, mention)
        value_std, unit_std = standardise(mention.value, mention.unit, rule)
        where = mention.place or place
        rows.append({
            "obs_id": obs_id_of(document.doc_id, mention),
            "doc_id": document.doc_id,
            "source": document.source,
            "published": document.published,
            "area": where.area if where else None,
            "area_type": where.area_type if where else None,
            "area_code": where.area_code if where else None,
            "province": where.province if where else None,
            "indicator": mention.indicator,
            "measure": mention.measure,
            "qualifier": mention.qualifier,
            "value": mention.value,
            "value_high": mention.value_high,
            "unit": mention.unit,
            "value_std": value_std,
            "unit_std": unit_std,
            "year": mention.year,
            "period": mention.period,
            "status": mention.status,
            "basis": mention.basis,
            "basis_year": mention.basis_year,
            "approx": mention.approx,
            "raw": mention.raw,
            "sentence": sentences[span],
            "span_start": mention.span_start,
            "span_end": mention.span_end,
            "rule": mention.rule,
            "derived": False,
        })
    return rows


def document_row(document: Any, place: Any, n_observations: int) -> dict:
    status = document.status
    error = document.error
    if status == "ok" and n_observations == 0:
        status, error = "no_indicators", None
    return {
        "doc_id": document.doc_id,
        "source": document.source,
        "title": document.title,
        "published": document.published,
        "area": place.area if place else None,
        "area_type": place.area_type if place else None,
        "area_code": place.area_code if place else None,
        "province": place.province if place else None,
        "n_chars": len(document.text),
        "n_observations": n_observations,
        "status": status,
        "encoding": document.encoding,
        "error": error,
    }


def to_table(rows: list[dict], schema: pa.Schema) -> pa.Table:
    """An Arrow table with the exact schema, rows (dicts; a missing column is null) in the order given."""
    return values_table([tuple(row.get(name) for name in schema.names) for row in rows], schema)


def values_table(rows: list[tuple], schema: pa.Schema) -> pa.Table:
    """An Arrow table from rows given as tuples in the column order of the schema."""
    columns = list(zip(*rows)) if rows else [()] * len(schema)
    arrays = [pa.array(column, type=f.type) for column, f in zip(columns, schema)]
    return pa.Table.from_arrays(arrays, schema=schema)
