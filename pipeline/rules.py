"""The Rule record and the loaders of the rule data (``lexicon/indicators/*.yaml``, context.yaml).

One YAML file per indicator holds its code, kind, standard unit, plausible range, triggers and its
own corpus of example sentences (see ``lexicon/indicators/README.md`` for the format). The engine
knows no indicator by name: everything indicator-specific is read from these files.
"""
from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

FLAGS = re.VERBOSE | re.IGNORECASE
KINDS = {"amount", "rate", "growth", "index"}


@dataclass(frozen=True)
class Switch:
    """When `context` is the nearest of its trigger's contexts before it, the figure is `code`'s."""

    context: re.Pattern[str]
    code: str
    name: str = ""  # the context's name in context.yaml's switch_contexts, when it has one
    leads_in: bool = False  # the context runs right up to the trigger: its clause, not a window before it
    below_province: str | None = None  # the code in an article of a district, town or commune, when it differs


@dataclass(frozen=True)
class Trigger:
    name: str
    pattern: re.Pattern[str]
    qualifier: str | None = None
    priority: int = 0
    switch: tuple[Switch, ...] = ()
    weak: bool = False  # yields to any other trigger earlier in the same clause
    switch_only: bool = False  # names an indicator only when one of its switch contexts is near
    part: bool = False  # after "trong đó"/"cụ thể" and its indicator's whole, names a part no code holds
    part_is: str | None = None  # ... or a part another code holds ("thu ngân sách phường" after the state's)


@dataclass(frozen=True)
class Rule:
    """Everything the engine knows about one indicator."""

    code: str
    kind: str  # amount: money levels; rate: a percentage level (poverty); growth: a growth rate
    standard_unit: str
    plausible_min: float
    plausible_max: float
    triggers: tuple[Trigger, ...]
    description: str = ""
    corpus: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    sub_item_of: str | None = None  # a sub-total that is its parent + qualifier after "trong đó"
    sub_item_qualifier: str | None = None
    pct_change_is_level_of: str | None = None  # "GRDP tăng 7%" is the level of the growth rate
    per_person_is: str | None = None  # "GRDP đạt 94 triệu đồng/người": a figure per person is this code's
    per_hectare: bool = False  # takes figures per hectare ("125 triệu đồng/ha"); to the others they are yields
    per_hectare_is: str | None = None  # "giá trị sản xuất đạt 103 triệu đồng/ha": a figure per hectare is this code's
    whole_of_growth: bool = False  # the whole economy: a contribution in points is a part's, never its own
    reached_percent_is_growth: bool = False  # "ngành dịch vụ đạt 12,2%" with no plan after: a growth, not % of plan
    plausible_change: float | None = None  # the largest change in points a rate can make ("giảm 50%" beyond it is relative)


@dataclass(frozen=True, eq=False)
class RuleSet:
    """All rules and the context lexicon; identified by `version`, a hash of the rule files."""

    rules: tuple[Rule, ...]
    context: dict[str, Any]
    version: str

    def __hash__(self) -> int:
        return hash(self.version)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RuleSet) and other.version == self.version

    def by_code(self) -> dict[str, Rule]:
        return {rule.code: rule for rule in self.rules}


def compile_pattern(source: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(source, FLAGS)
    except re.error as exc:
        raise ValueError(f"{where}: bad pattern {source!r}: {exc}") from exc


def compile_pairs(context: dict[str, Any], key: str, name: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """A context.yaml list of {<name>: value, pattern: regex} compiled in order.

    Every pattern is anchored at a word start, so "ước" never matches inside "nước".
    """
    return tuple(
        (item[name], compile_pattern(f"(?<!\\w)(?:{item['pattern']})", f"context.yaml {key}"))
        for item in context[key]
    )


def parse_switch(entry: dict[str, Any], context: dict[str, Any], where: str) -> Switch:
    """A trigger's switch; its context is named in context.yaml's `switch_contexts` or written out."""
    name = entry["context"]
    source = context.get("switch_contexts", {}).get(name, name)
    return Switch(compile_pattern(source, f"{where} switch"), entry["code"], name, bool(entry.get("leads_in", False)),
                  entry.get("below_province"))


def parse_rule(data: dict[str, Any], where: str, context: dict[str, Any] | None = None) -> Rule:
    """A Rule from the parsed YAML of one indicator file (`context`: the parsed context.yaml)."""
    missing = {"code", "kind", "standard_unit", "plausible", "triggers"} - set(data)
    if missing:
        raise ValueError(f"{where}: missing keys {sorted(missing)}")
    if data["kind"] not in KINDS:
        raise ValueError(f"{where}: kind must be one of {sorted(KINDS)}")
    triggers = tuple(
        Trigger(
            name=item["name"],
            pattern=compile_pattern(item["pattern"], f"{where} trigger {item['name']}"),
            qualifier=item.get("qualifier"),
            priority=int(item.get("priority", 0)),
            weak=bool(item.get("weak", False)),
            switch_only=bool(item.get("switch_only", False)),
            part=bool(item.get("part", False) or item.get("part_is")),
            part_is=item.get("part_is"),
            switch=tuple(parse_switch(entry, context or {}, f"{where} trigger {item['name']}")
                         for entry in item.get("switch", [])),
        )
        for item in data["triggers"]
    )
    sub_item = data.get("sub_item_of") or {}
    return Rule(
        code=data["code"],
        kind=data["kind"],
        standard_unit=data["standard_unit"],
        plausible_min=float(data["plausible"]["min"]),
        plausible_max=float(data["plausible"]["max"]),
        triggers=triggers,
        description=data.get("description", ""),
        corpus=data.get("corpus") or {},
        sub_item_of=sub_item.get("code"),
        sub_item_qualifier=sub_item.get("qualifier"),
        pct_change_is_level_of=data.get("pct_change_is_level_of"),
        per_person_is=data.get("per_person_is"),
        per_hectare=bool(data.get("per_hectare", False)),
        per_hectare_is=data.get("per_hectare_is"),
        whole_of_growth=bool(data.get("whole_of_growth", False)),
        reached_percent_is_growth=bool(data.get("reached_percent_is_growth", False)),
        plausible_change=float(data["plausible"]["change"]) if "change" in data["plausible"] else None,
    )


def lexicon_dir() -> Path:
    """The rule data: pipeline/lexicon, or a copy of it named by INDICATORS_LEXICON (to try edits)."""
    return Path(os.environ.get("INDICATORS_LEXICON") or str(resources.files("pipeline").joinpath("lexicon")))


def rule_files(folder: Path | None = None) -> list[Path]:
    return sorted((folder or lexicon_dir() / "indicators").glob("*.yaml"))


def _version_of(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


@lru_cache(maxsize=4)
def load_rules(folder: str | None = None) -> RuleSet:
    """All indicator rules and the context lexicon; `version` changes with any rule file."""
    base = Path(folder) if folder else lexicon_dir()
    files = rule_files(base / "indicators")
    context_path = base / "context.yaml"
    context = yaml.safe_load(context_path.read_text(encoding="utf-8"))
    rules = tuple(parse_rule(yaml.safe_load(p.read_text(encoding="utf-8")), p.name, context) for p in files)
    codes = [rule.code for rule in rules]
    if len(codes) != len(set(codes)):
        raise ValueError("two indicator files declare the same code")
    referenced = {code for r in rules for t in r.triggers for s in t.switch for code in (s.code, s.below_province) if code}
    referenced |= {r.sub_item_of for r in rules if r.sub_item_of}
    referenced |= {r.pct_change_is_level_of for r in rules if r.pct_change_is_level_of}
    referenced |= {r.per_person_is for r in rules if r.per_person_is}
    referenced |= {r.per_hectare_is for r in rules if r.per_hectare_is}
    referenced |= {t.part_is for r in rules for t in r.triggers if t.part_is}
    if referenced - set(codes):
        raise ValueError(f"rules refer to unknown indicators: {sorted(referenced - set(codes))}")
    units_path = base / "units.txt"
    version = _version_of(files + [context_path, units_path])
    return RuleSet(rules=rules, context=context, version=version)
