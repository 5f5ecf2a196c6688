"""Score predicted observations against hand-labelled gold facts.

A gold fact is *found* when a predicted row of the same document has the same
``indicator``, ``measure`` and ``year`` and the same amount in base units
(``value * base_factor(unit)``, within a relative tolerance of 1e-6) in the same
currency or plain-unit family (``currency_of``).  So 1.2 ``trillion_VND`` finds
1200 ``billion_VND``, but 5 ``million_USD`` never finds 5 ``million_VND``.

Matching is one-to-one.  Among the candidate pairs of a document, pairs that also
agree on ``qualifier``, then ``period``, then ``status`` are taken first.

The document of a prediction is the stem of its ``source`` path
(``texts/dev_001.txt`` -> ``dev_001``).  Predictions for documents that are not in
the gold file are ignored (and counted); gold documents without predictions have
all their facts missed; predictions in gold documents without facts (distractor
articles) are false alarms.

Over the matched pairs the report also gives how often the secondary fields
agree (``status``, ``period``, ``basis``, ``approx``, ``qualifier``,
``basis_year``, ``value_high``, ``area``).

Typical use::

    report = score(load_gold("data/dev/gold.jsonl"), predictions)
    print(format_report(report))
"""
from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from pipeline.units import base_factor, currency_of

FACT_FIELDS = (
    "indicator", "measure", "value", "value_high", "raw", "unit", "year", "period",
    "status", "basis", "basis_year", "approx", "qualifier", "area",
)
AGREEMENT_FIELDS = (
    "status", "period", "basis", "approx", "qualifier", "basis_year", "value_high", "area",
)
HEADLINE_AGREEMENT_FIELDS = ("status", "period", "basis", "approx")
PREFERENCE_FIELDS = ("qualifier", "period", "status")
SHOWN_WHEN_DISAGREEING = ("status", "period", "area")
COUNT_COLUMNS = ["indicator", "tp", "fp", "fn", "precision", "recall", "f1"]

RELATIVE_TOLERANCE = 1e-6
ABSOLUTE_TOLERANCE = 1e-9


@dataclass
class EvalReport:
    """The outcome of :func:`score`."""

    per_indicator: pd.DataFrame
    overall: dict[str, float]
    agreement: dict[str, float]
    misses: pd.DataFrame
    false_alarms: pd.DataFrame
    ignored_predictions: int
    matches: pd.DataFrame = field(default_factory=pd.DataFrame)
    """One row per matched pair: doc id, key fields, both raws and ``agree_<field>`` flags."""


# --------------------------------------------------------------------------- loading


def load_gold(path: str | Path) -> list[dict]:
    """Read a gold JSONL file (one article per line), NFC-normalising every string."""
    docs = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                docs.append(_nfc_everywhere(json.loads(line)))
    return docs


def _nfc_everywhere(value: Any) -> Any:
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [_nfc_everywhere(item) for item in value]
    if isinstance(value, dict):
        return {key: _nfc_everywhere(item) for key, item in value.items()}
    return value


def document_id(source: str) -> str:
    """The document key of a prediction: the stem of its source path.

    >>> document_id("texts/dev_001.txt")
    'dev_001'
    >>> document_id("dev_042.txt")
    'dev_042'
    """
    return Path(str(source)).stem


# --------------------------------------------------------------------------- small value helpers


def _clean(value: Any) -> Any:
    """None for every kind of missing value (None, NaN, pd.NA); numpy scalars -> Python."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, float) and math.isnan(value):
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        return value
    return value.item() if hasattr(value, "item") else value


def canonical(value: Any) -> str | None:
    """The string a field is compared as: None stays None, 2019.0 reads as '2019'.

    >>> canonical(2019.0), canonical(2019), canonical(float("nan")), canonical(" FY ")
    ('2019', '2019', None, 'FY')
    """
    value = _clean(value)
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFC", str(value)).strip()


def base_amount(value: Any, unit: Any) -> float | None:
    """``value`` in base units (đồng, dollars, percent, times), or None if unusable.

    >>> base_amount(1.2, "trillion_VND") == base_amount(1200, "billion_VND")
    True
    """
    value, unit = _clean(value), _clean(unit)
    if value is None or unit is None:
        return None
    try:
        return float(value) * base_factor(str(unit))
    except (KeyError, TypeError, ValueError):
        return None


def _same_amount(left: float | None, right: float | None) -> bool:
    if left is None or right is None:
        return False
    return math.isclose(left, right, rel_tol=RELATIVE_TOLERANCE, abs_tol=ABSOLUTE_TOLERANCE)


def _unit_family(unit: Any) -> str | None:
    unit = _clean(unit)
    return None if unit is None else currency_of(str(unit))


# --------------------------------------------------------------------------- facts and matching


def _gold_facts(gold_docs: list[dict], wanted: set[str] | None) -> dict[str, list[dict]]:
    """doc id -> its gold facts (restricted to `wanted` indicators when given)."""
    facts: dict[str, list[dict]] = {}
    for doc in gold_docs:
        if doc["id"] in facts:
            raise ValueError(f"gold document {doc['id']!r} appears twice")
        facts[doc["id"]] = [
            {name: _clean(obs.get(name)) for name in FACT_FIELDS}
            for obs in doc.get("observations") or []
            if wanted is None or obs.get("indicator") in wanted
        ]
    return facts


def _prediction_rows(predictions: pd.DataFrame, wanted: set[str] | None,
                     source_ids: dict[str, str]) -> list[dict]:
    """Predicted rows as dicts with every fact field, plus `doc_id` and `position`."""
    if "source" not in predictions.columns:
        raise ValueError("predictions need a 'source' column")
    rows = []
    for position, record in enumerate(predictions.to_dict("records")):
        row = {name: _clean(record.get(name)) for name in FACT_FIELDS}
        if wanted is not None and row["indicator"] not in wanted:
            continue
        row["doc_id"] = source_ids.get(record["source"]) or document_id(record["source"])
        row["position"] = position
        rows.append(row)
    return rows


def is_same_fact(gold: dict, predicted: dict) -> bool:
    """The matching contract: same indicator, measure, year, unit family and base amount."""
    return (
        canonical(gold["indicator"]) == canonical(predicted["indicator"])
        and canonical(gold["measure"]) == canonical(predicted["measure"])
        and canonical(gold["year"]) == canonical(predicted["year"])
        and _unit_family(gold["unit"]) == _unit_family(predicted["unit"])
        and _same_amount(base_amount(gold["value"], gold["unit"]),
                         base_amount(predicted["value"], predicted["unit"]))
    )


def _preference(gold: dict, predicted: dict) -> tuple[bool, ...]:
    """Higher is better: agreement on qualifier, then period, then status."""
    return tuple(canonical(gold[name]) == canonical(predicted[name]) for name in PREFERENCE_FIELDS)


def match_document(gold: list[dict], predicted: list[dict]) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs of one document, greedily by preference."""
    candidates = [
        (_preference(fact, row), g, p)
        for g, fact in enumerate(gold)
        for p, row in enumerate(predicted)
        if is_same_fact(fact, row)
    ]
    candidates.sort(key=lambda item: (tuple(not agrees for agrees in item[0]), item[1], item[2]))
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    pairs = []
    for _, g, p in candidates:
        if g not in used_gold and p not in used_predicted:
            used_gold.add(g)
            used_predicted.add(p)
            pairs.append((g, p))
    return sorted(pairs)


# --------------------------------------------------------------------------- agreement


def _areas_agree(gold_area: Any, predicted_area: Any, document_area: str | None) -> bool:
    """A missing area means the article's own place, on either side."""
    own = canonical(document_area)
    gold_place = canonical(gold_area) or own
    predicted_place = canonical(predicted_area) or own
    return gold_place == predicted_place or (gold_place is not None and predicted_place is not None
                                             and same_place(gold_place, predicted_place))


def same_place(left: str, right: str) -> bool:
    """Two spellings of one name ("Đăk Glei", "Đắk Glei"; "Hoà", "Hòa"; "Quận 11", "11") agree.

    >>> same_place("Đăk Glei", "Đắk Glei"), same_place("Thủy Nguyên", "Thuỷ Nguyên"), same_place("Hà Nam", "Nam Hà")
    (True, True, False)
    >>> same_place("Quận 11", "11"), same_place("Quận 11", "Quận 1")
    (True, False)

    A unit renamed in places_history.csv agrees with its former name:

    >>> same_place("Thừa Thiên Huế", "Huế"), same_place("tỉnh Thừa Thiên Huế", "Huế")
    (True, True)
    """
    left_key, right_key = _place_key(left), _place_key(right)
    return left_key == right_key or _renamed_keys().get(left_key, left_key) == _renamed_keys().get(right_key, right_key)


def _place_key(name: str) -> str:
    from .places import fold
    return _UNIT_WORD.sub("", fold(name))


@lru_cache(maxsize=1)
def _renamed_keys() -> dict[str, str]:
    """Each former name's key -> the key of the unit's latest name (places_history.csv)."""
    from .places import load_history
    return {_place_key(row.name): _place_key(rows[-1].name)
            for rows in load_history().values() for row in rows}


_UNIT_WORD = re.compile(r"^(?:quận|huyện|thị xã|thành phố|tỉnh|xã|phường|thị trấn)\s+(?=\S)")  # "Quận 11": the name is "11"


def _value_highs_agree(gold: dict, predicted: dict) -> bool:
    gold_high, predicted_high = _clean(gold["value_high"]), _clean(predicted["value_high"])
    if gold_high is None or predicted_high is None:
        return gold_high is None and predicted_high is None
    return _same_amount(base_amount(gold_high, gold["unit"]),
                        base_amount(predicted_high, predicted["unit"]))


def field_agrees(name: str, gold: dict, predicted: dict, document_area: str | None) -> bool:
    """Whether a matched pair agrees on one secondary field."""
    if name == "area":
        return _areas_agree(gold["area"], predicted["area"], document_area)
    if name == "value_high":
        return _value_highs_agree(gold, predicted)
    return canonical(gold[name]) == canonical(predicted[name])


def _match_record(doc_id: str, gold: dict, predicted: dict, document_area: str | None) -> dict:
    record = {
        "doc_id": doc_id,
        "indicator": gold["indicator"],
        "measure": gold["measure"],
        "year": gold["year"],
        "gold_raw": gold["raw"],
        "predicted_raw": predicted["raw"],
        "prediction_row": predicted["position"],
    }
    for name in AGREEMENT_FIELDS:
        record[f"agree_{name}"] = field_agrees(name, gold, predicted, document_area)
    for name in SHOWN_WHEN_DISAGREEING:
        record[f"gold_{name}"], record[f"predicted_{name}"] = gold[name], predicted[name]
    return record


def _agreement_rates(matches: pd.DataFrame) -> dict[str, float]:
    """Share of matched pairs agreeing on each field (1.0 when nothing matched)."""
    if matches.empty:
        return {name: 1.0 for name in AGREEMENT_FIELDS}
    return {name: float(matches[f"agree_{name}"].mean()) for name in AGREEMENT_FIELDS}


# --------------------------------------------------------------------------- counts


def safe_ratio(hits: int, total: int, other_errors: int) -> float:
    """hits/total; with total 0 it is 1.0 if there are no other errors either, else 0.0.

    >>> safe_ratio(3, 4, 0), safe_ratio(0, 0, 0), safe_ratio(0, 0, 2)
    (0.75, 1.0, 0.0)
    """
    if total == 0:
        return 1.0 if other_errors == 0 else 0.0
    return hits / total


def _rates(tp: int, fp: int, fn: int) -> dict[str, float]:
    precision = safe_ratio(tp, tp + fp, fn)
    recall = safe_ratio(tp, tp + fn, fp)
    f1 = 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)
    return {"tp": tp, "fp": fp, "fn": fn, "precision": precision, "recall": recall, "f1": f1}


def _indicator_key(value: Any) -> str:
    return canonical(value) or "<none>"


def _per_indicator_table(matches: pd.DataFrame, misses: pd.DataFrame,
                         false_alarms: pd.DataFrame) -> pd.DataFrame:
    tp = _count_by_indicator(matches)
    fp = _count_by_indicator(false_alarms)
    fn = _count_by_indicator(misses)
    indicators = sorted(set(tp) | set(fp) | set(fn))
    rows = [{"indicator": name, **_rates(tp.get(name, 0), fp.get(name, 0), fn.get(name, 0))}
            for name in indicators]
    return pd.DataFrame(rows, columns=COUNT_COLUMNS)


def _count_by_indicator(frame: pd.DataFrame) -> dict[str, int]:
    if frame.empty:
        return {}
    return frame["indicator"].map(_indicator_key).value_counts().to_dict()


# --------------------------------------------------------------------------- scoring


def score(gold_docs: list[dict], predictions: pd.DataFrame,
          indicators: Iterable[str] | None = None) -> EvalReport:
    """Match predictions to gold facts document by document and count the outcome.

    `indicators`, when given, restricts both gold facts and predictions to those codes.
    A prediction whose `source` is the `url` of a gold article belongs to that article.
    """
    wanted = None if indicators is None else set(indicators)
    gold = _gold_facts(gold_docs, wanted)
    document_areas = {doc["id"]: doc.get("area") for doc in gold_docs}
    rows = _prediction_rows(predictions, wanted, source_ids(gold_docs))
    rows_by_doc = _group_by_document(rows)
    ignored = sum(len(doc_rows) for doc_id, doc_rows in rows_by_doc.items() if doc_id not in gold)

    match_records, missed, unmatched_positions = [], [], []
    for doc_id, facts in gold.items():
        doc_rows = rows_by_doc.get(doc_id, [])
        pairs = match_document(facts, doc_rows)
        matched_gold = {g for g, _ in pairs}
        matched_rows = {p for _, p in pairs}
        match_records += [_match_record(doc_id, facts[g], doc_rows[p], document_areas[doc_id])
                          for g, p in pairs]
        missed += [{"doc_id": doc_id, **fact} for g, fact in enumerate(facts) if g not in matched_gold]
        unmatched_positions += [row["position"] for p, row in enumerate(doc_rows) if p not in matched_rows]

    matches = pd.DataFrame(match_records, columns=_match_columns())
    misses = pd.DataFrame(missed, columns=["doc_id", *FACT_FIELDS])
    false_alarms = _false_alarm_frame(predictions, sorted(unmatched_positions), source_ids(gold_docs))
    overall = _rates(len(matches), len(false_alarms), len(misses))
    return EvalReport(
        per_indicator=_per_indicator_table(matches, misses, false_alarms),
        overall=overall,
        agreement=_agreement_rates(matches),
        misses=misses,
        false_alarms=false_alarms,
        ignored_predictions=ignored,
        matches=matches,
    )


def _group_by_document(rows: list[dict]) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = {}
    for row in rows:
        grouped.setdefault(row["doc_id"], []).append(row)
    return grouped


def _match_columns() -> list[str]:
    return ["doc_id", "indicator", "measure", "year", "gold_raw", "predicted_raw",
            "prediction_row", *(f"agree_{name}" for name in AGREEMENT_FIELDS),
            *(f"{side}_{name}" for name in SHOWN_WHEN_DISAGREEING for side in ("gold", "predicted"))]


def _false_alarm_frame(predictions: pd.DataFrame, positions: list[int], ids: dict[str, str]) -> pd.DataFrame:
    """The unmatched predicted rows, all their columns, with a leading `doc_id`."""
    frame = predictions.iloc[positions].reset_index(drop=True).drop(columns="doc_id", errors="ignore")
    for name in FACT_FIELDS:
        if name not in frame.columns:
            frame[name] = None
    frame.insert(0, "doc_id", [ids.get(source) or document_id(source) for source in frame["source"]])
    return frame


def source_ids(gold_docs: list[dict]) -> dict[str, str]:
    """The gold id of each article fed under its `url` (the study set of real pages)."""
    return {doc["url"]: doc["id"] for doc in gold_docs if doc.get("url")}


# --------------------------------------------------------------------------- rendering


def format_report(report: EvalReport) -> str:
    """A fixed-width text table; the last two lines are the headline numbers."""
    table = report.per_indicator
    width = max([len("indicator"), len("overall"), *(len(name) for name in table["indicator"])])
    lines = [f"{'indicator':<{width}}  {'tp':>5} {'fp':>5} {'fn':>5} {'P':>6} {'R':>6} {'F1':>6}"]
    lines += [_count_line(row["indicator"], row, width) for row in table.to_dict("records")]
    lines.append(_count_line("overall", report.overall, width))
    lines.append("")
    lines.append(f"agreement over {report.overall['tp']} matched pairs:")
    lines += [f"  {name:<12} {report.agreement[name]:.3f}" for name in AGREEMENT_FIELDS]
    lines.append(f"ignored predictions (documents not in gold): {report.ignored_predictions}")
    lines.append(_headline_counts(report.overall))
    lines.append(_headline_agreement(report.agreement))
    return "\n".join(lines)


def _count_line(name: str, counts: dict, width: int) -> str:
    return (f"{name:<{width}}  {counts['tp']:>5} {counts['fp']:>5} {counts['fn']:>5} "
            f"{counts['precision']:>6.3f} {counts['recall']:>6.3f} {counts['f1']:>6.3f}")


def _headline_counts(overall: dict) -> str:
    return (f"overall precision {overall['precision']:.3f}  recall {overall['recall']:.3f}  "
            f"f1 {overall['f1']:.3f}  (tp {overall['tp']}, fp {overall['fp']}, fn {overall['fn']})")


def _headline_agreement(agreement: dict[str, float]) -> str:
    return "agreement " + "  ".join(f"{name} {agreement[name]:.3f}" for name in HEADLINE_AGREEMENT_FIELDS)


# --------------------------------------------------------------------------- where the errors are

WRONG_FIELDS = ("indicator", "measure", "year", "period")


@dataclass
class ErrorReport:
    """Misses and false rows explained: the same figure read with a wrong field, or not at all."""

    wrong_field: dict[str, int]
    """For each key field, how many (miss, false row) pairs of one figure disagree on it."""
    pairs: pd.DataFrame
    """One row per paired miss and false row: doc id, raw, both readings, the wrong fields."""
    never_found: pd.DataFrame
    """Gold facts whose figure no false row carries."""
    matching_nothing: pd.DataFrame
    """Predicted rows whose figure is no gold fact of their article."""


def explain_errors(report: EvalReport) -> ErrorReport:
    """Pair each missed fact with a false row of its article that carries the same amount.

    A pair is one figure found but read wrongly (the fields in ``WRONG_FIELDS`` that differ
    say how); a miss without a pair was never found; a false row without one matches no fact.
    """
    misses = report.misses.to_dict("records")
    false_rows = report.false_alarms.to_dict("records")
    used: set[int] = set()
    pairs, never_found = [], []
    for miss in misses:
        partner = _same_figure(miss, false_rows, used)
        if partner is None:
            never_found.append(miss)
            continue
        used.add(partner)
        pairs.append(_pair_record(miss, false_rows[partner]))
    pair_frame = pd.DataFrame(pairs, columns=["doc_id", "gold_raw", "predicted_raw", "wrong",
                                              *(f"{side}_{name}" for name in WRONG_FIELDS for side in ("gold", "predicted"))])
    wrong_field = {name: int(pair_frame["wrong"].map(lambda fields: name in fields).sum()) if len(pair_frame) else 0
                   for name in WRONG_FIELDS}
    nothing = report.false_alarms.drop(index=sorted(used)).reset_index(drop=True)
    return ErrorReport(wrong_field, pair_frame,
                       pd.DataFrame(never_found, columns=report.misses.columns), nothing)


def _same_figure(miss: dict, false_rows: list[dict], used: set[int]) -> int | None:
    """The first unused false row of the miss's article with the same amount, preferring the fewest wrong fields."""
    amount = base_amount(miss["value"], miss["unit"])
    candidates = [
        (len(_wrong_fields(miss, row)), index)
        for index, row in enumerate(false_rows)
        if index not in used and row["doc_id"] == miss["doc_id"]
        and _unit_family(row["unit"]) == _unit_family(miss["unit"])
        and _same_amount(amount, base_amount(row["value"], row["unit"]))
    ]
    return min(candidates)[1] if candidates else None


def _wrong_fields(gold: dict, predicted: dict) -> tuple[str, ...]:
    return tuple(name for name in WRONG_FIELDS if canonical(gold[name]) != canonical(predicted.get(name)))


def _pair_record(miss: dict, row: dict) -> dict:
    record = {"doc_id": miss["doc_id"], "gold_raw": miss["raw"], "predicted_raw": row.get("raw"),
              "wrong": ",".join(_wrong_fields(miss, row))}
    for name in WRONG_FIELDS:
        record[f"gold_{name}"] = miss[name]
        record[f"predicted_{name}"] = _clean(row.get(name))
    return record


def place_agreement(gold_docs: list[dict], documents: pd.DataFrame) -> tuple[int, int]:
    """(articles whose own place was resolved as labelled, articles with a labelled place).

    ``documents`` has the ``source`` and ``area`` of each article read, as in the documents table.
    """
    ids = source_ids(gold_docs)
    found = {ids.get(source) or document_id(source): canonical(area)
             for source, area in zip(documents["source"], documents["area"])}
    labelled = [(doc["id"], canonical(doc.get("area"))) for doc in gold_docs if doc.get("area")]
    right = sum(1 for doc_id, area in labelled if found.get(doc_id) is not None and same_place(found[doc_id], area))
    return right, len(labelled)


def format_errors(errors: ErrorReport, places: tuple[int, int]) -> str:
    """The error summary lines of one part of a gold set."""
    right, labelled = places
    wrong = ", ".join(f"{name} {errors.wrong_field[name]}" for name in WRONG_FIELDS)
    return "\n".join([
        f"figures found with a wrong field: {len(errors.pairs)} ({wrong})",
        f"facts never found: {len(errors.never_found)}",
        f"rows that match no fact: {len(errors.matching_nothing)}",
        f"articles whose own place is right: {safe_ratio(right, labelled, 0):.3f} ({right}/{labelled})",
    ])


# --------------------------------------------------------------------------- parts of a gold set


def split_gold(gold_docs: list[dict]) -> dict[str, list[dict]]:
    """The gold articles by their ``split`` (``study``, ``holdout``); one part ``all`` without splits.

    >>> sorted(split_gold([{"id": "a", "split": "study"}, {"id": "b", "split": "holdout"}]))
    ['holdout', 'study']
    >>> list(split_gold([{"id": "a"}]))
    ['all']
    """
    parts: dict[str, list[dict]] = {}
    for doc in gold_docs:
        parts.setdefault(doc.get("split") or "all", []).append(doc)
    return parts


COMPLETE_COLUMNS = ("year", "area")


def published_rows(predictions: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(rows a build publishes, rows it withholds): a row without a year or a place goes to
    `rejected` (expectations/observations.json, "told by the article"), never to a dashboard.

    >>> rows = pd.DataFrame({"year": [2021, None, 2022], "area": ["Cam Lộ", "Cam Lộ", None]})
    >>> [len(part) for part in published_rows(rows)]
    [1, 2]
    """
    complete = pd.Series(True, index=predictions.index)
    for name in COMPLETE_COLUMNS:
        if name in predictions.columns:
            complete &= predictions[name].notna()
    return predictions[complete].reset_index(drop=True), predictions[~complete].reset_index(drop=True)


def part_rows(part_docs: list[dict], predictions: pd.DataFrame) -> pd.DataFrame:
    """The predicted rows of the articles of one part of a gold set."""
    ids = source_ids(part_docs)
    wanted = {doc["id"] for doc in part_docs}
    keep = predictions["source"].map(lambda source: source in ids or document_id(source) in wanted).astype(bool)
    return predictions[keep].reset_index(drop=True)


def crawler_lines(gold_docs: list[dict], folders: Iterable[Path]) -> tuple[list[bytes], list[str]]:
    """Each labelled real article as a crawler hands it over: a JSONL line of url, published, text.

    The text is ``<id>.txt`` in one of ``folders``; ``published`` is the page's date, or the first
    day of its month when only the month is known. Returns the lines and the ids without a text.
    """
    folders = list(folders)
    lines, missing = [], []
    for doc in gold_docs:
        text_file = next((folder / f"{doc['id']}.txt" for folder in folders
                          if (folder / f"{doc['id']}.txt").is_file()), None)
        if text_file is None:
            missing.append(doc["id"])
            continue
        month = doc.get("published_month")
        record = {"url": doc["url"], "published": doc.get("published") or (f"{month}-01" if month else None),
                  "text": text_file.read_text(encoding="utf-8")}
        lines.append(json.dumps(record, ensure_ascii=False).encode("utf-8"))
    return lines, missing
