"""Unit codes, scale words and currencies, read from ``lexicon/units.txt``.

>>> UNITS.code_for(scale="billion", currency="VND")
'billion_VND'
>>> convert(125952.5, "billion_VND", "trillion_VND")
125.9525
>>> base_factor("million_USD")
1000000.0
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

SCALE_FACTORS = {"": 1.0, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}


@dataclass(frozen=True)
class UnitLexicon:
    """The words of units.txt: scale word -> scale name, currency word -> code, unit word -> code."""

    scales: dict[str, str] = field(default_factory=dict)
    currencies: dict[str, str] = field(default_factory=dict)
    plain_units: dict[str, str] = field(default_factory=dict)

    def code_for(self, scale: str | None, currency: str) -> str:
        return f"{scale}_{currency}" if scale else currency

    def words(self, table: str) -> list[str]:
        """Words of one table, longest first (for building alternations)."""
        return sorted(getattr(self, table), key=len, reverse=True)


def _strip_comment(line: str) -> str:
    """Drop a comment: a '#' at the line start or after whitespace ('điểm %' keeps its '%')."""
    return re.split(r"(?:^|\s)#", line, maxsplit=1)[0].strip()


def parse_units_file(text: str) -> UnitLexicon:
    lexicon = UnitLexicon()
    for lineno, line in enumerate(text.splitlines(), 1):
        line = _strip_comment(line)
        if not line:
            continue
        head, _, words = line.partition("=")
        parts = head.split()
        if not words or not parts:
            raise ValueError(f"units.txt line {lineno}: expected 'KIND NAME ... = WORDS'")
        kind, name = parts[0], parts[1]
        aliases = [unicodedata.normalize("NFC", w.strip()).lower() for w in words.split("|") if w.strip()]
        if kind == "scale":
            if float(parts[2]) != SCALE_FACTORS.get(name):
                raise ValueError(f"units.txt line {lineno}: unknown scale {name} {parts[2]}")
            lexicon.scales.update(dict.fromkeys(aliases, name))
        elif kind == "currency":
            lexicon.currencies.update(dict.fromkeys(aliases, name))
        elif kind == "unit":
            lexicon.plain_units.update(dict.fromkeys(aliases, name))
        else:
            raise ValueError(f"units.txt line {lineno}: unknown kind {kind!r}")
    return lexicon


@lru_cache(maxsize=1)
def load_units() -> UnitLexicon:
    text = resources.files("pipeline").joinpath("lexicon/units.txt").read_text(encoding="utf-8")
    return parse_units_file(text)


UNITS = load_units()

_UNIT_CODE = re.compile(r"^(?:(thousand|million|billion|trillion)_)?(VND|USD)$")


@lru_cache(maxsize=256)  # a handful of codes, asked about for every row
def split_code(unit: str) -> tuple[str, str]:
    """'million_USD' -> ('million', 'USD'); 'percent' -> ('', 'percent')."""
    match = _UNIT_CODE.match(unit)
    if match:
        return match.group(1) or "", match.group(2)
    return "", unit


def base_factor(unit: str) -> float:
    """How many base units (đồng, dollars, percent, times) one `unit` is."""
    scale, _ = split_code(unit)
    return SCALE_FACTORS[scale]


def currency_of(unit: str) -> str:
    """The currency of a money unit, or the unit itself for percent, times..."""
    return split_code(unit)[1]


def convert(value: float, unit: str, target: str) -> float:
    """Convert between units of the same currency (or the same plain unit)."""
    if currency_of(unit) != currency_of(target):
        raise ValueError(f"cannot convert {unit} to {target}")
    return value * base_factor(unit) / base_factor(target)


def all_unit_codes() -> set[str]:
    money = {UNITS.code_for(s or None, c) for s in SCALE_FACTORS for c in set(UNITS.currencies.values())}
    return money | set(UNITS.plain_units.values())
