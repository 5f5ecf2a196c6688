"""Place resolution: which administrative unit an article reports on.

An article from a local-government portal is about one *reporting unit*: a province
(``tỉnh Lào Cai``), a district-level unit (``thị xã Từ Sơn``, ``huyện Cẩm Giàng``,
``TP Bảo Lộc``) or a commune-level unit (``xã Đông Xuân``, ``phường Trần Phú``).
:func:`article_place` finds it from the headline and the lead, falling back on the
page chrome and the source's portal name, and resolves it to the official (pre-2025)
GSO code with the administrative-unit data shipped by the ``vietnamadminunits``
package. Only that package's *data* is read (``data/parser_legacy.json``, located with
``importlib.util.find_spec``); its modules are never imported (its parser pulls in geopy,
its converter may call a geocoder), so nothing here can reach the network.

Units change type (a thị xã becomes a thành phố, Thừa Thiên Huế becomes the city of
Huế). ``lexicon/places_history.csv`` records those changes, so that an article naming
``thị xã Từ Sơn`` (2020) and one naming ``thành phố Từ Sơn`` (2021) resolve to the
same code; :func:`area_type_on` answers what a unit was on a given day.

:func:`place_of_phrase` resolves a phrase quoted inside an article that compares the
reporting unit with another place (``cả nước``, ``toàn tỉnh``, ``Bắc Ninh (9,7%)``).

>>> article_place("Cẩm Giàng: Năm 2021 tổng giá trị sản xuất tăng 6,2 %",
...               "Chiều 24/12, HĐND huyện Cẩm Giàng khóa XX tổ chức kỳ họp thứ 3.")
Place(area='Cẩm Giàng', area_type='huyện', area_code='295', province='Hải Dương')
"""
from __future__ import annotations

import csv
import datetime as dt
import importlib.util
import io
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from urllib.parse import urlparse

from .anchored import fast_finditer

__all__ = [
    "Place",
    "article_place",
    "place_of_phrase",
    "area_type_on",
    "split_article",
    "fold",
    "UNIT_TYPES",
]

UNIT_TYPES = ("tỉnh", "thành phố", "thị xã", "huyện", "quận", "xã", "phường", "thị trấn")
NATIONAL_TYPE = "quốc gia"

PROVINCE, DISTRICT, COMMUNE = "province", "district", "commune"
LEVELS_OF_TYPE: dict[str, tuple[str, ...]] = {
    "tỉnh": (PROVINCE,),
    "thành phố": (PROVINCE, DISTRICT),
    "thị xã": (DISTRICT,),
    "huyện": (DISTRICT,),
    "quận": (DISTRICT,),
    "xã": (COMMUNE,),
    "phường": (COMMUNE,),
    "thị trấn": (COMMUNE,),
}
UNTYPED_LEVELS = (PROVINCE, DISTRICT)  # a bare name is looked up among these only

LEAD_CHARS = 600  # the lead: this many characters of the body after the headline
MAX_HEADLINE_CHARS = 220  # a longer first sentence-like line is the lead itself
HEADLINE_SCAN_LINES = 25  # page chrome never runs longer than this

PACKAGE = "vietnamadminunits"
PACKAGE_DATA = "data/parser_legacy.json"
HISTORY_FILE = "lexicon/places_history.csv"
DISSOLVED_FILE = "lexicon/places_dissolved.csv"  # districts merged away before the package's data was taken
DISSOLVED_MARK = "~"  # the key of a dissolved unit starts with it: it has no official code here


# --------------------------------------------------------------------------- types


@dataclass(frozen=True)
class Place:
    """A reporting unit: its name, its type as the article names it, its GSO code and province."""

    area: str
    area_type: str
    area_code: str | None
    province: str | None


#: the place of a figure that the article names with words no unit has: its rows have no area, and
#: the build rejects them rather than give them the article's place
UNKNOWN_PLACE = Place(None, None, None, None)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Unit:
    """One administrative unit of the package data (types lower-cased, names without unit word)."""

    code: str
    name: str
    type: str
    level: str
    province_code: str
    district_code: str | None = None


@dataclass(frozen=True)
class HistoryRow:
    """One line of places_history.csv: a unit's name and type over a span of days."""

    code: str
    name: str
    type: str
    province: str
    valid_from: dt.date | None
    valid_to: dt.date | None

    def covers(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


@dataclass(frozen=True)
class Entry:
    """A name in the index: the unit it names and the spelling to report."""

    unit: Unit
    display: str


@dataclass(frozen=True)
class Gazetteer:
    """The loaded unit data: units by code, names by level, the rename history, portal keywords."""

    units: dict[str, Unit]
    names: dict[str, dict[str, tuple[Entry, ...]]]
    history: dict[str, tuple[HistoryRow, ...]]
    province_keywords: dict[str, str]
    district_keywords: dict[tuple[str, str], str]
    commune_keywords: dict[tuple[str, str], str]
    max_words: int


@dataclass(frozen=True)
class Mention:
    """A place phrase in a text: ``thị xã Từ Sơn`` (typed), ``Từ Sơn`` (untyped) or ``UBND thị xã`` (bare)."""

    name: str | None
    unit_type: str | None
    start: int
    organ: bool


@dataclass(frozen=True)
class Match:
    """A mention looked up in the index: the key it matched and the units it may name."""

    mention: Mention
    key: str
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class ArticleParts:
    """An article cut into page chrome, headline, lead and the whole body after the headline."""

    chrome: str
    title: str | None
    lead: str
    body: str


# --------------------------------------------------------------------------- names

_OLD_STYLE_TONE_RE = re.compile(r"""
    (o[àáảãạ] | o[èéẻẽẹ] | u[ỳýỷỹỵ])            # oa / oe / uy with the tone on the second vowel
    (?!\w)                                      # ... ending the syllable (old-style "Hoà", "Thuỷ")
""", re.VERBOSE)
_SPACES_RE = re.compile(r"""
    [\s\-–]+                                    # runs of spaces and hyphens ("Bà Rịa - Vũng Tàu")
""", re.VERBOSE)


def _new_style_tone(match: re.Match[str]) -> str:
    """Move a tone mark from the second vowel to the first (``oà`` -> ``òa``)."""
    first, second = match.group(0)
    base, *marks = unicodedata.normalize("NFD", second)
    return unicodedata.normalize("NFC", first + "".join(marks)) + base


@lru_cache(maxsize=8192)  # the same names come back in every article
def fold(text: str) -> str:
    """Comparison key of a name: NFC, lower case, new-style tone marks, hyphens as spaces.

    >>> fold("Thị xã  Hoà Thành")
    'thị xã hòa thành'
    >>> fold("BÀ RỊA - VŨNG TÀU") == fold("Bà Rịa Vũng Tàu")
    True
    >>> fold("Đăk Glei") == fold("Đắk Glei") == fold("Đak Glei")  # all three spellings are in use
    True
    """
    text = unicodedata.normalize("NFC", text).lower()
    text = _SPACES_RE.sub(" ", text).strip()
    return _DAK_RE.sub("đăk", _OLD_STYLE_TONE_RE.sub(_new_style_tone, text))


_DAK_RE = re.compile(r"(?<!\w)đ[ắa]k(?!\w)")


def _strip_unit_word(full_name: str, unit_type: str) -> str:
    """``Thị Xã Buôn Hồ`` -> ``Buôn Hồ``; a numbered unit keeps its word (``Phường 14``).

    >>> _strip_unit_word("Thị Xã Buôn Hồ", "thị xã"), _strip_unit_word("Phường 14", "phường")
    ('Buôn Hồ', 'Phường 14')
    """
    rest = full_name[len(unit_type) + 1 :].strip()
    if full_name.lower().startswith(unit_type.lower() + " ") and not rest.isdigit():
        return rest
    return full_name.strip()


# --------------------------------------------------------------------------- loading


def _parse_date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text.strip() else None


def parse_history(text: str) -> dict[str, tuple[HistoryRow, ...]]:
    """Rows of places_history.csv grouped by code, oldest first."""
    rows: dict[str, list[HistoryRow]] = {}
    for record in csv.DictReader(io.StringIO(text)):
        row = HistoryRow(
            code=record["code"].strip(),
            name=record["name"].strip(),
            type=record["type"].strip(),
            province=record["province"].strip(),
            valid_from=_parse_date(record["valid_from"]),
            valid_to=_parse_date(record["valid_to"]),
        )
        rows.setdefault(row.code, []).append(row)
    return {
        code: tuple(sorted(group, key=lambda r: r.valid_from or dt.date.min))
        for code, group in rows.items()
    }


@lru_cache(maxsize=1)
def load_history() -> dict[str, tuple[HistoryRow, ...]]:
    text = resources.files("pipeline").joinpath(HISTORY_FILE).read_text(encoding="utf-8")
    return parse_history(text)


def package_data_path() -> Path:
    """Where the package's unit data lies, found without importing the package.

    ``importlib.resources.files`` would import ``vietnamadminunits/__init__.py``, which
    imports its parser (geopy) and converter (a geocoder); ``find_spec`` only locates it.
    """
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"the {PACKAGE} package is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / PACKAGE_DATA


def _load_package_data() -> dict:
    return json.loads(package_data_path().read_text(encoding="utf-8"))


def _province_units(data: dict) -> Iterator[tuple[str, Unit, list[str]]]:
    """(package key, unit, keywords) of every province."""
    for key, record in data["DICT_PROVINCE"].items():
        unit_type = "thành phố" if record["province"].startswith("Thành phố") else "tỉnh"
        unit = Unit(record["provinceCode"], record["provinceShort"], unit_type, PROVINCE,
                    record["provinceCode"])
        yield key, unit, record["provinceKeywords"]


def _district_units(data: dict, provinces: dict[str, Unit]
                    ) -> Iterator[tuple[tuple[str, str], Unit, list[str]]]:
    """((province key, district key), unit, keywords) of every district-level unit."""
    for province_key, districts in data["DICT_PROVINCE_DISTRICT"].items():
        province = provinces[province_key]
        for key, record in districts.items():
            unit_type = record["districtType"].lower()
            name = _strip_unit_word(record["district"], unit_type)
            unit = Unit(record["districtCode"], name, unit_type, DISTRICT, province.code)
            yield (province_key, key), unit, record["districtKeywords"]


def _commune_units(data: dict, provinces: dict[str, Unit], districts: dict[tuple[str, str], Unit]
                   ) -> Iterator[tuple[Unit, list[str]]]:
    """(unit, keywords) of every commune-level unit, from all three commune tables."""
    tables = ("DICT_PROVINCE_DISTRICT_WARD_NO_ACCENTED", "DICT_PROVINCE_DISTRICT_WARD_ACCENTED",
              "DICT_PROVINCE_DISTRICT_WARD_SHORT_ACCENTED")
    for table in tables:
        for province_key, district_map in data[table].items():
            for district_key, wards in district_map.items():
                district = districts.get((province_key, district_key))
                if district is None:
                    continue
                for record in wards.values():
                    if not isinstance(record.get("wardCode"), str):
                        continue  # placeholder rows (NaN) of units without communes
                    unit_type = record["wardType"].lower()
                    name = _strip_unit_word(record["ward"], unit_type)
                    yield (Unit(record["wardCode"], name, unit_type, COMMUNE,
                                provinces[province_key].code, district.code),
                           record["wardKeywords"])


def _add_name(names: dict[str, dict[str, list[Entry]]], unit: Unit, display: str) -> None:
    entries = names[unit.level].setdefault(fold(display), [])
    if all(entry.unit.code != unit.code for entry in entries):
        entries.append(Entry(unit, display))


def _dissolved_units(names: dict[str, dict[str, list[Entry]]]) -> list[Unit]:
    """Districts merged into another before the package's data was taken ("huyện Nông Sơn", 2024):
    articles of their years still name them. They have no official code in the data, so their key
    is their province code and name behind DISSOLVED_MARK, and their place is published without a code."""
    text = resources.files("pipeline").joinpath(DISSOLVED_FILE).read_text(encoding="utf-8")
    found = []
    for record in csv.DictReader(io.StringIO(text)):
        province = names[PROVINCE][fold(record["province"])][0].unit
        name = record["name"].strip()
        found.append(Unit(f"{DISSOLVED_MARK}{province.code}{DISSOLVED_MARK}{portal_keyword(name)}", name,
                          record["type"].strip(), DISTRICT, province.code))
    return found


def official_code(code: str | None) -> str | None:
    """The unit's GSO code, None for a dissolved unit (see `_dissolved_units`)."""
    return None if code is None or code.startswith(DISSOLVED_MARK) else code


def _add_joined_name(names: dict[str, dict[str, list[Entry]]], unit: Unit) -> None:
    """A two-syllable name written as one word ("thị xã Sapa" for Sa Pa) names the unit too."""
    key = fold(unit.name)
    if key.count(" ") == 1:
        entries = names[unit.level].setdefault(key.replace(" ", ""), [])
        if all(entry.unit.code != unit.code for entry in entries):
            entries.append(Entry(unit, unit.name))


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """Index the package data and the rename history (cached: built once per process)."""
    data = _load_package_data()
    history = load_history()
    units: dict[str, Unit] = {}
    names: dict[str, dict[str, list[Entry]]] = {PROVINCE: {}, DISTRICT: {}, COMMUNE: {}}
    province_keywords: dict[str, str] = {}
    district_keywords: dict[tuple[str, str], str] = {}
    commune_keywords: dict[tuple[str, str], str] = {}

    provinces: dict[str, Unit] = {}
    for key, unit, keywords in _province_units(data):
        provinces[key] = units[unit.code] = unit
        province_keywords.update((kw, unit.code) for kw in keywords)
    districts: dict[tuple[str, str], Unit] = {}
    for key, unit, keywords in _district_units(data, provinces):
        districts[key] = units[unit.code] = unit
        district_keywords.update(((unit.province_code, kw), unit.code) for kw in keywords)
    for unit, keywords in _commune_units(data, provinces, districts):
        units.setdefault(unit.code, unit)
        commune_keywords.update(((unit.district_code or "", kw), unit.code) for kw in keywords)

    for unit in units.values():
        _add_name(names, unit, unit.name)
        if unit.level != COMMUNE:
            _add_joined_name(names, unit)
    for code, rows in history.items():
        for row in rows:
            if code in units:
                _add_name(names, units[code], row.name)
                if units[code].level == PROVINCE:  # a portal keeps its old name: thuathienhue.gov.vn
                    province_keywords.setdefault(portal_keyword(row.name), code)

    for unit in _dissolved_units(names):
        units[unit.code] = unit
        _add_name(names, unit, unit.name)

    max_words = max(len(key.split()) for level in names.values() for key in level)
    frozen_names = {level: {k: tuple(v) for k, v in keys.items()} for level, keys in names.items()}
    return Gazetteer(units, frozen_names, history, province_keywords, district_keywords,
                     commune_keywords, max_words)


# --------------------------------------------------------------------------- history


def _as_date(day: dt.date | dt.datetime | None) -> dt.date | None:
    return day.date() if isinstance(day, dt.datetime) else day


def area_type_on(code: str, day: dt.date) -> str | None:
    """The type of unit ``code`` on ``day``: from the history, else the package's type.

    None when the code is unknown, or when the history has rows for it but none covers the day.

    >>> area_type_on("261", dt.date(2020, 12, 4)), area_type_on("261", dt.date(2021, 11, 26))
    ('thị xã', 'thành phố')
    """
    gazetteer = load_gazetteer()
    rows = gazetteer.history.get(code)
    if rows:
        return next((row.type for row in rows if row.covers(_as_date(day))), None)
    unit = gazetteer.units.get(code)
    return unit.type if unit else None


def _types_of(unit: Unit, day: dt.date | None) -> set[str]:
    """Every type the unit may have had on ``day`` (all its known types when the day is unknown)."""
    rows = load_gazetteer().history.get(unit.code, ())
    if day is not None:
        on_day = {row.type for row in rows if row.covers(day)}
        if on_day:
            return on_day
        if not rows:
            return {unit.type}
    return {unit.type} | {row.type for row in rows}


def _type_on(unit: Unit, day: dt.date | None) -> str:
    """The unit's type on ``day`` when known, else its package type."""
    return (area_type_on(unit.code, day) if day else None) or unit.type


def _province_name(province_code: str, day: dt.date | None, seen_keys: Callable[[], set[str]]) -> str:
    """The province's name on ``day``; without a day, the spelling the text uses (the keys
    `seen_keys()` gives, asked for only then), else the package's."""
    gazetteer = load_gazetteer()
    rows = gazetteer.history.get(province_code, ())
    if day is not None:
        for row in rows:
            if row.covers(day):
                return row.name
    seen = seen_keys() if rows else set()
    for row in rows:
        if fold(row.name) in seen:
            return row.name
    return gazetteer.units[province_code].name


def _province_code_of(code: str | None) -> str | None:
    unit = load_gazetteer().units.get(code or "")
    return unit.province_code if unit else None


# --------------------------------------------------------------------------- mentions

_UPPER = "A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
_NAME = rf"""
    [{_UPPER}][\w'’]*                            # a capitalised (or upper-case) syllable
    (?:(?:[ ]|[ ]?[-–][ ]?)[{_UPPER}][\w'’]*)*   # more of them, spaces or hyphens between
"""
NAME_RE = re.compile(_NAME, re.VERBOSE)

_ORGAN = r"""
    (?i:UBND|HĐND|MTTQ                           # people's committee / council / front
      | (?:ủy|uỷ)\ ban\ nhân\ dân                 # spelled-out people's committee
      | Hội\ đồng\ nhân\ dân                      # spelled-out people's council
      | Đảng\ bộ | Đảng\ (?:ủy|uỷ)                # party organisation of the unit
      | Cổng\ thông\ tin\ điện\ tử                # the unit's portal
      | Trang\ thông\ tin\ điện\ tử)
"""

UNIT_RE = re.compile(rf"""
    (?<![\w.])                                   # at the start of a word
    (?P<organ>{_ORGAN}[ ]+)?                     # UBND / HĐND / Đảng bộ ... before the unit word
    (?P<unit>
        (?i:(?:tỉnh|huyện|thị|thành|quận)[ ](?:ủy|uỷ))(?!\w)   # a party committee: Huyện ủy, Thị ủy
      | (?i:thành[ ]phố|thị[ ]xã|thị[ ]trấn|tỉnh|huyện|quận|phường|xã)(?!\w)  # a unit word
      | (?:T\.?P|Tp|T\.?X|Tx)(?:\.|(?=[ ]))       # TP, TP., T.P, Tp, TX, T.X (+ space or dot)
      | [HQP]\.                                  # H. = huyện, Q. = quận, P. = phường
    )
    (?:[ ]?(?P<name>{_NAME}|\d{{1,2}}(?!\d)))?   # the name, when one follows
""", re.VERBOSE)

_ABBREVIATIONS = {"tp": "thành phố", "tx": "thị xã", "h": "huyện", "q": "quận", "p": "phường"}
_COMMITTEES = {"tỉnh": "tỉnh", "huyện": "huyện", "thị": "thị xã", "thành": "thành phố",
               "quận": "quận"}
_NUMBERED_TYPES = {"quận", "phường"}  # units that may be named by a number (Quận 1, Phường 3)

_TEXT_ALIASES = (
    (re.compile(r"""
        \bTP\.?\s?HCM\b                          # TP.HCM, TP HCM, TPHCM
      | \bTPHCM\b
    """, re.VERBOSE), "TP Hồ Chí Minh"),
    (re.compile(r"""
        \bTT\s?-\s?Huế\b                          # TT-Huế, TT - Huế
    """, re.VERBOSE), "Thừa Thiên Huế"),
)


def canonical_type(word: str) -> str:
    """The unit type a unit word, abbreviation or party committee stands for.

    >>> [canonical_type(w) for w in ("TP.", "T.X", "H.", "P.", "Thị ủy", "THỊ TRẤN")]
    ['thành phố', 'thị xã', 'huyện', 'phường', 'thị xã', 'thị trấn']
    """
    lowered = fold(word).replace(".", "").replace("uỷ", "ủy").strip()
    if lowered.endswith(" ủy"):
        return _COMMITTEES[lowered[:-3]]
    return _ABBREVIATIONS.get(lowered.replace(" ", ""), lowered)


def _normalise_aliases(text: str) -> str:
    """NFC text with a few spellings rewritten (``TP.HCM`` -> ``TP Hồ Chí Minh``)."""
    text = unicodedata.normalize("NFC", text)
    for pattern, replacement in _TEXT_ALIASES:
        if next(fast_finditer(pattern, text), None) is not None:  # found from its letters, fast
            text = pattern.sub(replacement, text)
    return text


_LOWER_VI = "a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
#: a lower-case letter with a capital glued to it ("XuânNguyễn"); "TPHCM" (capitals) is left alone
_GLUED_NAMES = re.compile(f"(?<=[{_LOWER_VI}])(?=[{_LOWER_VI.upper()}])")


@lru_cache(maxsize=4)
def _unit_matches(text: str) -> tuple[re.Match[str], ...]:
    """UNIT_RE's matches in a text (found from its unit words), once for `typed_mentions` and `name_runs`."""
    return tuple(fast_finditer(UNIT_RE, text))


def typed_mentions(text: str) -> list[Mention]:
    """Unit words with their names (``thị xã Từ Sơn``) and organ-preceded bare ones (``UBND thị xã``)."""
    found = []
    for m in _unit_matches(text):
        unit_type = canonical_type(m.group("unit"))
        name = m.group("name")
        if name and name.isdigit() and unit_type not in _NUMBERED_TYPES:
            name = None
        if name or m.group("organ"):
            found.append(Mention(name, unit_type, m.start("unit"), bool(m.group("organ"))))
    return found


def _masked(text: str, spans: Iterable[tuple[int, int]]) -> str:
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


#: a zone named after a place is not that place ("Khu kinh tế Thái Bình", "KCN Yên Phong")
ZONE_RE = re.compile(rf"""
    (?<!\w)
    (?i:khu[ ]kinh[ ]tế|khu[ ]công[ ]nghiệp|cụm[ ]công[ ]nghiệp|khu[ ]chế[ ]xuất   # economic and industrial zones
      |khu[ ]đô[ ]thị|khu[ ]du[ ]lịch|kkt|kcn|ccn)                                 # new towns, resorts, initials
    [ ]{_NAME}                                                                      # ... and the name they carry
""", re.VERBOSE)


def name_runs(text: str) -> list[Mention]:
    """Capitalised word runs outside typed mentions (``Phổ Yên`` in ``Phổ Yên: Giá trị ...``) and
    outside zone names."""
    typed_spans = [m.span() for m in _unit_matches(text) if m.group("name")]
    zone_spans = [m.span() for m in ZONE_RE.finditer(text)]
    masked = _masked(text, typed_spans + zone_spans)
    return [Mention(m.group(0), None, m.start(), False) for m in NAME_RE.finditer(masked)]


def _tokens(name: str) -> list[str]:
    return fold(name).split()


def _lookup(tokens: list[str], levels: Iterable[str]) -> tuple[str, tuple[Entry, ...]] | None:
    """The longest prefix of ``tokens`` that names a unit at one of ``levels``."""
    gazetteer = load_gazetteer()
    for end in range(min(len(tokens), gazetteer.max_words), 0, -1):
        key = " ".join(tokens[:end])
        entries = tuple(e for level in levels for e in gazetteer.names[level].get(key, ()))
        if entries:
            return key, entries
    return None


def match_typed(mention: Mention) -> Match | None:
    """Look a typed mention up among the levels its unit word allows."""
    if not mention.name or not mention.unit_type:
        return None
    name = f"{mention.unit_type} {mention.name}" if mention.name.isdigit() else mention.name
    found = _lookup(_tokens(name), LEVELS_OF_TYPE[mention.unit_type])
    return Match(mention, *found) if found else None


def match_runs(mention: Mention, levels: Iterable[str] = UNTYPED_LEVELS) -> list[Match]:
    """Every known name inside a capitalised run, longest first at each position."""
    tokens, matches, start = _tokens(mention.name or ""), [], 0
    levels = tuple(levels)
    while start < len(tokens):
        found = _lookup(tokens[start:], levels)
        if found:
            matches.append(Match(mention, *found))
            start += len(found[0].split())
        else:
            start += 1
    return matches


def _matches_in(text: str) -> tuple[list[Match], list[Mention]]:
    """Named matches of a text (typed and untyped, in text order) and its bare organ mentions."""
    typed = typed_mentions(text)
    named = [found for m in typed if (found := match_typed(m))]
    named += [found for run in name_runs(text) for found in match_runs(run)]
    bare = [m for m in typed if m.name is None]
    return sorted(named, key=lambda match: match.mention.start), bare


# --------------------------------------------------------------------------- article parts

_DATE_LINE_RE = re.compile(r"""
    ^\d{1,2}/\d{1,2}/\d{4}                      # 04/12/2020 10:46 ...
  | lượt\ xem                                   # Số lượt xem: 133
""", re.VERBOSE | re.IGNORECASE)
_MENU_RE = re.compile(r"""
    [|»›☰]                                      # menu and breadcrumb separators
  | \s>\s | \s/\s                               # Trang chủ > Tin tức, Trang chủ / Tin tức
  | \S\s{2,}\S                                  # menu items separated by runs of spaces
""", re.VERBOSE)
_PORTAL_RE = re.compile(r"""
    trang\ chủ | cổng\ thông\ tin | trang\ thông\ tin   # portal names and breadcrumbs
  | thông\ tin\ điện\ tử | thông\ tin\ và\ truyền\ thông
  | điện\ tử$ | portal | đăng\ nhập | tìm\ kiếm      # "Báo X điện tử", login, search
  | cỡ\ chữ | chia\ sẻ\ facebook | \bmenu\b           # font size, share buttons
  | địa\ chỉ\s*: | điện\ thoại\s*: | chào\ mừng      # the portal's address, phone and welcome lines
  | ^theo\ dõi\ .{0,40}\ trên$                          # "Theo dõi Báo Nghệ An trên" (Google News), a follow button
""", re.VERBOSE | re.IGNORECASE)


def looks_like_headline(line: str) -> bool:
    """A line that reads like a sentence, not page chrome (menus, portal names, dates).

    >>> looks_like_headline("Trang chủ › Tin tức › Kinh tế - Xã hội")
    False
    >>> looks_like_headline("Phổ Yên: Giá trị sản xuất công nghiệp năm 2021 ước đạt 428.512 tỷ đồng")
    True
    """
    words = line.split()
    if len(words) < 4 or line.isupper():
        return False
    if _DATE_LINE_RE.search(line) or _MENU_RE.search(line) or _PORTAL_RE.search(line):
        return False
    return sum(word[0].islower() for word in words) >= 2


def _find_headline(lines: list[str]) -> tuple[int, bool] | None:
    """(index, is_headline) of the first sentence-like line; a long one is the lead (no headline)."""
    for index, line in enumerate(lines[:HEADLINE_SCAN_LINES]):
        text = line.strip()
        if len(text) > MAX_HEADLINE_CHARS:
            return index, False
        if looks_like_headline(text) and not _is_caption(text):
            return index, True
    return None


def _find_given_title(lines: list[str], title: str) -> int | None:
    key = fold(title)
    return next((i for i, line in enumerate(lines[:HEADLINE_SCAN_LINES]) if fold(line) == key), None)


def split_article(title: str | None, text: str) -> ArticleParts:
    """Cut an article into chrome, headline, lead and body.

    With ``title`` None the headline is the first line that looks like a sentence; page
    chrome (portal name, menus, breadcrumbs) before it is kept apart.

    >>> parts = split_article(None, "UBND HUYỆN X\\nTrang chủ » Tin tức\\nHuyện X tổng kết năm 2021\\nNgày 5/1, ...")
    >>> parts.title, parts.lead
    ('Huyện X tổng kết năm 2021', 'Ngày 5/1, ...')
    """
    lines = unicodedata.normalize("NFC", text).splitlines()
    start = 0
    if title:
        found = _find_given_title(lines, title)
        chrome, start = (lines[:found], found + 1) if found is not None else ([], 0)
        headline: str | None = title.strip()
    else:
        found_headline = _find_headline(lines)
        headline, chrome = None, []
        if found_headline is not None:
            index, is_headline = found_headline
            chrome = lines[:index]
            start = index + 1 if is_headline else index
            headline = lines[index].strip() if is_headline else None
    body = "\n".join(line.strip() for line in lines[start:]).strip()
    lead = "\n".join(line.strip() for line in lines[start:] if not _is_caption(line.strip())).strip()
    return ArticleParts("\n".join(chrome), headline, lead[:LEAD_CHARS], body)


_CAPTION_RE = re.compile(r"""
    ^(?:một\ góc|toàn\ cảnh|quang\ cảnh|ảnh\s*:|ảnh\ minh\ họa)   # "Một góc thành phố Phủ Lý (Hà Nam)."
  | ảnh\s*:\s*[^.:]{2,40}\)?\.?$                                # "... Ảnh: Khánh Phúc", "(Ảnh: TL)"
""", re.VERBOSE | re.IGNORECASE)
CAPTION_CHARS = 200  # a photo's caption is a short line of its own


def _is_caption(line: str) -> bool:
    """A photo's caption: it names the place shown, not the one reporting."""
    return len(line) <= CAPTION_CHARS and bool(_CAPTION_RE.search(line))


# --------------------------------------------------------------------------- evidence


@dataclass(frozen=True)
class Evidence:
    """What an article says about places, nearest first (chrome + headline + lead, then body)."""

    near: str
    body: str
    source_unit: Unit | None
    published: dt.date | None

    @cached_property  # a frozen dataclass still takes it: cached_property writes to __dict__
    def seen_keys(self) -> set[str]:
        """Keys of the names the near text uses (to pick between old and new spellings)."""
        return {match.key for match in _matches_in(self.near)[0]}


_PARENT_RE = re.compile(r"""
    (?i:dự\ toán|kế\ hoạch|chỉ\ tiêu)\s+        # a target ...
    (?P<parent>(?i:tỉnh|thành\ phố))\s+giao      # ... set by the province / the central city
""", re.VERBOSE)


def _province_mentions(text: str) -> list[str]:
    """Province codes named in a text (``tỉnh Tiền Giang``, ``Tiền Giang``), in text order."""
    named, _ = _matches_in(text)
    codes = []
    for match in named:
        codes += [e.unit.code for e in match.entries if e.unit.level == PROVINCE]
    return codes


def _district_mentions(text: str) -> set[str]:
    """District codes named with their unit word (``huyện Quốc Oai``, ``thành phố Quảng Ngãi``)."""
    codes = set()
    for mention in typed_mentions(text):
        found = match_typed(mention)
        if found:
            codes |= {e.unit.code for e in found.entries if e.unit.level == DISTRICT}
    return codes


def _parent_types(text: str) -> set[str]:
    """``tỉnh`` / ``thành phố`` from ``dự toán tỉnh giao`` / ``dự toán Thành phố giao``."""
    return {fold(m.group("parent")) for m in _PARENT_RE.finditer(text)}


def _narrow(units: list[Unit], keep: set[str], attribute: str) -> list[Unit]:
    """The units whose ``attribute`` is in ``keep``, or all of them when none is."""
    kept = [u for u in units if getattr(u, attribute) in keep]
    return kept or units


def _narrow_by_province(units: list[Unit], windows: list[list[str]]) -> list[Unit]:
    """Keep the candidates of the one candidate province named in the nearest window naming any."""
    candidate_provinces = {u.province_code for u in units}
    for named in windows:
        hits = candidate_provinces & set(named)
        if len(hits) == 1:
            return [u for u in units if u.province_code in hits]
        if hits:
            return units  # several candidate provinces named: stay undecided
    return units


def _disambiguate(units: list[Unit], evidence: Evidence) -> list[Unit]:
    """Narrow same-name candidates: named district, named province, then the parent's type."""
    if len({u.code for u in units}) <= 1:
        return units
    if any(u.level == COMMUNE for u in units):
        for window in (evidence.near, evidence.body):
            units = _narrow(units, _district_mentions(window), "district_code")
    source = [evidence.source_unit.province_code] if evidence.source_unit else []
    windows = [_province_mentions(evidence.near) + source, _province_mentions(evidence.body)]
    units = _narrow_by_province(units, windows)
    parents = _parent_types(evidence.body)
    if len(parents) == 1 and len({u.province_code for u in units}) > 1:
        units = [u for u in units if _type_on(load_gazetteer().units[u.province_code],
                                              evidence.published) in parents] or units
    return units


# --------------------------------------------------------------------------- the subject


@dataclass(frozen=True)
class Subject:
    """The reporting unit as the article names it: the matched name and the unit word, if any."""

    match: Match
    stated_type: str | None


def _first(matches: Iterable[Match]) -> Match | None:
    return next(iter(matches), None)


def _typed(matches: Iterable[Match]) -> list[Match]:
    return [m for m in matches if m.mention.unit_type]


def _subject_from_title(title_matches: list[Match], title_bare: list[Mention],
                        lead_matches: list[Match]) -> Match | None:
    """The headline's first named place, or the typed unit of the province it names first
    (``Bạc Liêu: Huyện Hòa Bình ...``); for ``UBND thị xã ...`` the lead's first thị xã, also
    in that province when the headline names only it (``Cà Mau: Đại hội Đảng bộ huyện ...``)."""
    if title_matches:
        first = title_matches[0]
        in_the_province = [m for bare in title_bare if bare.organ and not first.mention.unit_type
                           for m in _typed(lead_matches)
                           if m.mention.unit_type == bare.unit_type != "tỉnh" and _provinces_meet(m, first)]
        return _typed_unit_of_the_province(title_matches) or _first(in_the_province) or first
    for bare in title_bare:
        same_type = [m for m in _typed(lead_matches) if m.mention.unit_type == bare.unit_type]
        if same_type:
            return same_type[0]
    return None


def _the_one_the_path_names(title_matches: list[Match], source: str) -> Match | None:
    """Of the provinces a title names (a headline glued to the neighbours' headlines: "... kinh tế
    TP.HCM: ... Tây Ninh: ..."), the one the URL's path names, when it names one of them only."""
    provinces = {e.unit.code for m in title_matches for e in m.entries if e.unit.level == PROVINCE}
    if len(provinces) < 2:
        return None
    in_path = set(_provinces_in_path(source)) & provinces
    named = [m for m in title_matches if any(e.unit.level == PROVINCE and e.unit.code in in_path for e in m.entries)]
    return named[0] if len(in_path) == 1 else None


def _named_for_a_bare_organ(chosen: Match | None, lead_bare: list[Mention], named: list[Match]) -> Match | None:
    """"Nghị quyết Đại hội Đảng bộ huyện lần thứ VIII ... Đảng bộ tỉnh Lâm Đồng" under a caption of
    "Đảng bộ huyện Đạ Tẻh": a bare organ of another type before the chosen unit names the reporter's
    type; the unit of that type named around it (the caption, the lead) is the reporter."""
    if chosen is None:
        return chosen
    bare = next((b for b in lead_bare if b.organ and b.start < chosen.mention.start), None)
    if bare is None or bare.unit_type == chosen.mention.unit_type:
        return chosen
    return _first(m for m in _typed(named) if m.mention.unit_type == bare.unit_type) or chosen


def _provinces_meet(left: Match, right: Match) -> bool:
    """Whether some unit one match may name lies in a province some unit of the other may name."""
    def provinces(match: Match) -> set[str]:
        return {e.unit.code if e.unit.level == PROVINCE else e.unit.province_code for e in match.entries}
    return bool(provinces(left) & provinces(right))


def _typed_unit_of_the_province(matches: list[Match]) -> Match | None:
    """A typed unit named after the bare province it lies in (``Tiền Giang: Huyện Gò Công Đông``)."""
    first = matches[0]
    if first.mention.unit_type:
        return None
    provinces = {e.unit.code for e in first.entries if e.unit.level == PROVINCE}
    return next((m for m in matches[1:] if m.mention.unit_type and m.mention.unit_type != "tỉnh"
                 and any(e.unit.province_code in provinces for e in m.entries)), None)


#: "Thực hiện Nghị quyết Đại hội Đảng bộ tỉnh Kon Tum, ... huyện Kon Plông": the unit whose resolution
#: or direction is followed is not the one reporting
_DIRECTED_BY = re.compile(r"""
    (?i:nghị[ ]quyết|chỉ[ ]thị|quyết[ ]định|chỉ[ ]đạo[ ]của|kế[ ]hoạch[ ]của)   # resolution, directive ...
    [^.;:\n]{0,50}$                                                             # ... right before the unit
""", re.VERBOSE)


#: "Cùng với thành phố Đà Lạt, thành phố Bảo Lộc ...": the unit compared with is not the subject
_ALONGSIDE = re.compile(r"(?i:cùng[ ]với|bên[ ]cạnh|giống[ ]như|so[ ]với)\s+$")
#: "các huyện Hòn Đất, Kiên Lương, ...", "hai huyện An Biên và Kiên Lương": one of several units named
_ONE_OF_SEVERAL = re.compile(r"(?<!\w)(?i:các|những|hai|ba|bốn|năm|\d+)\s+$")
#: "các huyện Hòa An, Nguyên Bình, Bảo Lạc (tỉnh Cao Bằng)": a later unit of the list
_LISTED_AFTER = re.compile(r"(?<!\w)(?i:các|những|hai|ba|bốn|năm)\s+(?i:huyện|xã|phường|thị\s+xã|thị\s+trấn|quận|thành\s+phố)\s+[^.;:()\n]*(?:,|\svà)\s+$")
#: "đứng thứ 4 vùng, sau thành phố Hải Phòng, tỉnh Hưng Yên và tỉnh Hà Nam": units ranked beside the subject
_RANKED_BESIDE = re.compile(r"(?<!\w)(?i:sau|trước|chỉ\s+sau|xếp\s+sau)\s+(?:(?i:tỉnh|thành\s+phố|huyện|thị\s+xã|quận|xã|phường|thị\s+trấn)\s+[^.;:()\n]*(?:,|\svà)\s+)?$")
#: "tỉnh Lâm Đồng nói chung và huyện Đơn Dương nói riêng": the unit "in general" is the setting
_IN_GENERAL = re.compile(r"\s*(?i:nói\s+chung)")
_IN_BRACKETS = re.compile(r"\s*\((?P<inside>[^()]{3,40})\)")


def _subject_from_lead(lead_matches: list[Match], lead: str = "") -> Match | None:
    """The lead's first organ-preceded unit (``HĐND tỉnh Điện Biên``) or name given with its
    province (``Phú Quốc (Kiên Giang)``), else its first typed unit; a unit named as the author of
    a followed resolution, or as the one compared with, is passed over."""
    with_province = [m for m in lead_matches if not m.mention.unit_type and _named_with_its_province(m, lead)]
    typed = [m for m in lead_matches
             if (m.mention.unit_type or m in with_province)
             and not _DIRECTED_BY.search(lead, max(0, m.mention.start - 80), m.mention.start)
             and not _ALONGSIDE.search(lead, max(0, m.mention.start - 20), m.mention.start)
             and not _ONE_OF_SEVERAL.search(lead, max(0, m.mention.start - 12), m.mention.start)
             and not _LISTED_AFTER.search(lead, max(0, m.mention.start - 120), m.mention.start)
             and not _RANKED_BESIDE.search(lead, max(0, m.mention.start - 120), m.mention.start)
             and not _IN_GENERAL.match(lead, _name_end(lead, m))]
    visited = _first(m for m in typed if m.mention.organ and _VISITED.search(lead, max(0, m.mention.start - 40), m.mention.start))
    chosen = visited or _first(m for m in typed if m.mention.organ or m in with_province) or _first(typed)
    if chosen is not None and _OF_A_PARENT.search(lead, max(0, chosen.mention.start - 12), chosen.mention.start):
        inside = [m for m in typed if m.mention.start > chosen.mention.start and _inside_of(m, chosen)]
        return inside[0] if inside else chosen  # "Huyện cuối cùng của tỉnh Ninh Bình ... huyện Kim Sơn"
    return chosen


_OF_A_PARENT = re.compile(r"(?<!\w)của\s+$")
#: "Chủ tịch UBND tỉnh ... có buổi làm việc với UBND thị xã Gò Công": the unit visited reports
_VISITED = re.compile(r"(?<!\w)(?i:làm\s+việc\s+(?:với|tại)|thăm\s+và\s+làm\s+việc(?:\s+(?:với|tại))?)\s+(?:\S+\s+){0,3}$")


def _inside_of(part: Match, whole: Match) -> bool:
    """Whether a lower unit the part may name lies in a province the whole may name."""
    provinces = {e.unit.code for e in whole.entries if e.unit.level == PROVINCE}
    return any(e.unit.level != PROVINCE and e.unit.province_code in provinces for e in part.entries)


def _province_of_the_listed(lead: str, lead_matches: list[Match]) -> str | None:
    """The one province of the districts a lead names as several ("các huyện Hòn Đất, Kiên Lương")."""
    first = next((m for m in _typed(lead_matches) if m.mention.unit_type in ("huyện", "thị xã", "quận")
                  and _ONE_OF_SEVERAL.search(lead, max(0, m.mention.start - 12), m.mention.start)), None)
    if first is None:
        return None
    provinces = {e.unit.province_code for e in first.entries if e.unit.level == DISTRICT}
    last = first
    for match in lead_matches:  # the names that go on the list: "Vĩnh Thạnh, Thới Lai và Cờ Đỏ"
        if match.mention.start <= first.mention.start or match.mention.unit_type:
            continue
        if not _LIST_GOES_ON.fullmatch(lead, _name_end(lead, last), match.mention.start):
            break
        provinces &= {e.unit.province_code for e in match.entries if e.unit.level == DISTRICT}
        last = match
    return provinces.pop() if len(provinces) == 1 else None


_LIST_GOES_ON = re.compile(r"\s*(?:,|và)\s*")


def _name_end(text: str, match: Match) -> int:
    name = match.mention.name or ""
    at = text.find(name, match.mention.start)
    return at + len(name) if at >= 0 else match.mention.start


def _named_with_its_province(match: Match, lead: str) -> bool:
    """A district's bare name followed by its province in brackets: ``Phú Quốc (Kiên Giang)``."""
    province = _province_written_after(lead, _name_end(lead, match), commas=False)
    return any(e.unit.level != PROVINCE and e.unit.province_code == province for e in match.entries)


def _province_written_after(text: str, position: int, commas: bool = True) -> str | None:
    """The one province written right after a unit's name: in brackets (``Phú Quốc (Kiên Giang)``)
    or, with `commas`, after a comma (``phường Sài Gòn, TP Hồ Chí Minh``)."""
    given = _IN_BRACKETS.match(text, position) or (_AFTER_A_COMMA.match(text, position) if commas else None)
    named = set(_province_mentions(given.group("inside"))) if given else set()
    return named.pop() if len(named) == 1 else None


def _subject_from_chrome(chrome_matches: list[Match]) -> Match | None:
    """The chrome's first typed unit (``THỊ XÃ PHÚ MỸ``), else its first known name."""
    return _first(_typed(chrome_matches)) or _first(chrome_matches)


def _with_stated_type(subject: Match, matches: list[Match], bare: list[Mention],
                      day: dt.date | None) -> Subject:
    """The subject with the unit word the article uses for it: its own, a typed repeat of the
    same name (``Phổ Yên: ...`` + ``UBND thị xã Phổ Yên``), or a bare ``UBND tỉnh`` that fits."""
    if subject.mention.unit_type:
        return Subject(subject, subject.mention.unit_type)
    repeats = [m for m in _typed(matches) if m.key == subject.key]
    repeat = _first(m for m in repeats if m.mention.organ) or _first(repeats)
    if repeat:
        return Subject(repeat, repeat.mention.unit_type)  # its entries span the typed levels
    for mention in bare:
        if any(_fits_type(e.unit, mention.unit_type, day) for e in subject.entries):
            return Subject(subject, mention.unit_type)
    return Subject(subject, None)


def _fits_type(unit: Unit, unit_type: str | None, day: dt.date | None) -> bool:
    return unit_type is None or (unit.level in LEVELS_OF_TYPE[unit_type]
                                 and unit_type in _types_of(unit, day))


def _candidates(subject: Match, stated_type: str | None, day: dt.date | None) -> list[Unit]:
    """The units the subject may name, filtered by the stated type.

    When no unit had the stated type on the day the history is taken to lack a change and the
    units are kept, except provinces: ``thành phố Huế`` in 2019 is not the province.
    """
    units = [entry.unit for entry in subject.entries]
    if stated_type:
        units = [u for u in units if u.level in LEVELS_OF_TYPE[stated_type]] or units
        fitting = [u for u in units if _fits_type(u, stated_type, day)]
        if fitting:
            return fitting
        return [u for u in units if u.level != PROVINCE]
    if any(u.level == PROVINCE for u in units):
        units = [u for u in units if u.level == PROVINCE]  # a bare "Lào Cai" is the province
    return units


def _place(subject: Match, stated_type: str | None, units: list[Unit],
           evidence: Evidence) -> Place:
    """Build the Place: resolved when one code is left, else name and type only."""
    day = evidence.published

    def seen() -> set[str]:  # the near text's names are read only when the day does not tell the spelling
        return evidence.seen_keys

    if not units:  # a unit the data lacks, e.g. the provincial city of Huế before 2025
        entry = subject.entries[0]
        provinces = {e.unit.province_code for e in subject.entries}
        province = _province_name(provinces.pop(), day, seen) if len(provinces) == 1 else None
        return Place(entry.display, stated_type or entry.unit.type, None, province)
    codes = {u.code for u in units}
    display = next(e.display for e in subject.entries if e.unit.code in codes)
    provinces = {u.province_code for u in units}
    province = _province_name(provinces.pop(), day, seen) if len(provinces) == 1 else None
    if len(codes) == 1:
        unit = units[0]
        if unit.level == PROVINCE:
            display = _province_name(unit.code, day, lambda: seen() | {subject.key})
        return Place(display, stated_type or _type_on(unit, day), official_code(unit.code), province)
    types = {_type_on(u, day) for u in units}
    area_type = stated_type or (types.pop() if len(types) == 1 else units[0].type)
    return Place(display, area_type, None, province)


def _place_of_unit(unit: Unit, day: dt.date | None) -> Place:
    gazetteer = load_gazetteer()
    province = gazetteer.units[unit.province_code]
    return Place(unit.name, _type_on(unit, day), official_code(unit.code), _province_name(province.code, day, set))


# --------------------------------------------------------------------------- source


def _host(source: str) -> str:
    """The host of a URL, or the first part of a path given as a source."""
    return (urlparse(source).hostname or "") if "://" in source else source.split("/")[0]


def _host_labels(source: str) -> list[str]:
    host = _host(source)
    generic = {"www", "gov", "vn", "com", "org", "net", "edu", "portal"}
    return [label for label in (host or "").lower().split(".") if label and label not in generic]


def _keyword_variants(label: str) -> list[str]:
    """``tpbacninh`` -> ``thanhphobacninh`` too; ``txtuson`` -> ``thixatuson``; hyphens dropped."""
    label = label.replace("-", "")  # "baria-vungtau"
    variants = [label]
    for short, long in (("tp", "thanhpho"), ("tx", "thixa"), ("q", "quan"), ("h", "huyen")):
        if label.startswith(short):
            variants.append(long + label[len(short):])
    return variants


def portal_keyword(name: str) -> str:
    """A unit's name as a portal's host writes it.

    >>> portal_keyword("Thừa Thiên Huế")
    'thuathienhue'
    """
    bare = unicodedata.normalize("NFD", name.replace("đ", "d").replace("Đ", "D"))
    return re.sub(r"[^a-z0-9]", "", "".join(c for c in bare if not unicodedata.combining(c)).lower())


PORTAL_PREFIX = re.compile(r"""
    (?:bao|congthuong|sct|xuctiendautu|sokhdt|skhdt|cucthongke|thongke|ctk|dangcongsan|dangbo|ubnd|hdnd|tinhuy|
       sotaichinh|stc|sokehoach|dulich|nongnghiep|snn|laodong|tuyengiao|
       ipc|ttxt|vpubnd|stnmt|sotnmt|sgtvt|sogtvt|skhcn|sokhcn|soyte|syt|snv|sonv|stttt|sotttt|sxd|soxaydung|
       sldtbxh|soldtbxh|svhttdl|sovhttdl|nongthonmoi)   # newspaper, department, agency (ipc: investment promotion)
    (?P<keyword>[a-z]{5,})$                                                 # ... of the province named here
""", re.VERBOSE)


#: a province's television or daily named by its suffix: "thaibinhtv", "kontumtv", "huengaynay"
PORTAL_SUFFIX = re.compile(r"(?P<keyword>[a-z]{3,}?)(?:tv|ngaynay)$")


def _province_in_label(label: str, keywords: dict[str, str]) -> str | None:
    """The province a host label names: the whole label, or after an agency's prefix
    (``baonamdinh``, ``congthuongthainguyen``, ``xuctiendautuhagiang``)."""
    for variant in _keyword_variants(label):
        if variant in keywords:
            return keywords[variant]
    prefixed = PORTAL_PREFIX.match(label) or PORTAL_SUFFIX.match(label.replace("-", ""))
    if prefixed and prefixed.group("keyword") in keywords:
        return keywords[prefixed.group("keyword")]
    return _province_with_an_acronym(label.replace("-", ""))


@lru_cache(maxsize=4096)  # a crawl's pages come from a few hundred hosts
def _province_with_an_acronym(label: str) -> str | None:
    """The one province whose name (six letters or more) a label holds behind an agency's acronym
    or before a short one (``izabacninh``: its industrial zones board; ``phuthodfa``: its foreign
    affairs department).

    >>> [_province_with_an_acronym(label) for label in ("izabacninh", "phuthodfa", "thanhnien", "danviet")]
    ['27', '25', None, None]
    """
    if len(label) < MIN_ACRONYM_KEYWORD + 2 or not label.isalpha():  # "000123" (a file's name), "hue"
        return None
    found = {code for keyword, code in _long_province_keywords() if (
        (label.endswith(keyword) and 2 <= len(label) - len(keyword) <= 12)
        or (label.startswith(keyword) and 2 <= len(label) - len(keyword) <= 4))}
    return found.pop() if len(found) == 1 else None


MIN_ACRONYM_KEYWORD = 6  # shorter names ("hanoi", "hue") hide in too many words


@lru_cache(maxsize=1)
def _long_province_keywords() -> tuple[tuple[str, str], ...]:
    return tuple((keyword, code) for keyword, code in load_gazetteer().province_keywords.items()
                 if len(keyword) >= MIN_ACRONYM_KEYWORD)


_A_CITY_LABEL = re.compile(r"(?:ubnd)?(?:tp|thanhpho)")  # the city's own portal under its province's name


def unit_of_source(source: str) -> Unit | None:
    """The unit a portal host names, most specific first (``tuson.bacninh.gov.vn`` -> Từ Sơn).

    >>> unit_of_source("https://tuson.bacninh.gov.vn/tin-tuc").name
    'Từ Sơn'
    >>> [unit_of_source(url).name for url in ("http://baonamdinh.vn/tin", "https://huongthuy.thuathienhue.gov.vn/",
    ...                                        "https://ipckontum.gov.vn/hop-tac")]
    ['Nam Định', 'Hương Thủy', 'Kon Tum']
    >>> unit_of_source("https://baodautu.vn/tin") is None  # a national paper names no province
    True
    >>> unit_of_source("https://namdong.thuathienhue.gov.vn/?gd=27").name  # merged into Phú Lộc in 2025: its own portal
    'Nam Đông'
    >>> unit_of_source("https://ubndtp.hoabinh.gov.vn/index.php").type  # the city of the province's name
    'thành phố'
    """
    gazetteer = load_gazetteer()
    labels = _host_labels(source)
    province_code = district_code = commune_code = None
    province_label = ""
    for label in reversed(labels):
        variants = _keyword_variants(label)
        if province_code is None:
            province_code = _province_in_label(label, gazetteer.province_keywords)
            province_label = label
        elif district_code is None and _A_CITY_LABEL.fullmatch(label):  # "ubndtp.hoabinh.gov.vn": the city Hòa Bình
            district_code = gazetteer.district_keywords.get((province_code, province_label))
        elif district_code is None:
            district_code = next((dissolved for v in variants  # "namdong.thuathienhue.gov.vn": Nam Đông's own portal,
                                  if (dissolved := f"{DISSOLVED_MARK}{province_code}{DISSOLVED_MARK}{v}") in gazetteer.units),
                                 None) or next((gazetteer.district_keywords[(province_code, v)] for v in variants
                                                if (province_code, v) in gazetteer.district_keywords), None)
        elif commune_code is None:
            commune_code = next((gazetteer.commune_keywords[(district_code, v)] for v in variants
                                 if (district_code, v) in gazetteer.commune_keywords), None)
    code = commune_code or district_code or province_code
    if code is None:
        code = next((c for label in labels if (c := _district_host(label))), None)
    return gazetteer.units[code] if code else None


DISTRICT_MEDIA_SUFFIX = re.compile(r"(?P<keyword>[a-z]{4,}?)(?:rtv|rt|tv)$")  # "hoianrt", "badontv": its radio-TV


def _district_host(label: str) -> str | None:
    """The district a host label names with no province beside it (``uongbi.gov.vn``,
    ``hoianrt.vn``, ``txtuson``), when no other district of the country has that name.

    >>> [_district_host(label) for label in ("uongbi", "hoianrt", "badontv", "danviet")]
    ['196', '503', '458', None]
    """
    media = DISTRICT_MEDIA_SUFFIX.match(label)
    variants = _keyword_variants(label) + ([media.group("keyword")] if media else [])
    return next((_districts_by_keyword()[v] for v in variants if v in _districts_by_keyword()), None)


@lru_cache(maxsize=1)
def _districts_by_keyword() -> dict[str, str]:
    """Each district-level unit's name as a host writes it (alone, and after its type) -> its code,
    for the names no other district of the country shares."""
    codes: dict[str, set[str]] = {}
    for unit in load_gazetteer().units.values():
        if unit.level == DISTRICT:
            for keyword in (portal_keyword(unit.name), portal_keyword(f"{unit.type} {unit.name}")):
                codes.setdefault(keyword, set()).add(unit.code)
    return {keyword: next(iter(found)) for keyword, found in codes.items() if len(found) == 1 and len(keyword) >= 5}


# --------------------------------------------------------------------------- public API


def article_place(title: str | None, text: str, source: str = "",
                  published: dt.date | None = None) -> Place | None:
    """The reporting unit of an article, from its headline and lead (then chrome, then source).

    ``title`` None: the headline is looked for in ``text`` (past any page chrome).
    ``published`` decides the unit's type when the article names none, and spellings
    that changed over time (Thừa Thiên Huế / Huế).

    >>> article_place(None, "UBND thị xã họp phiên thường kỳ tháng 11/2020\\n"
    ...               "Chiều ngày 25/11, UBND thị xã Từ Sơn tổ chức phiên họp thường kỳ.")
    Place(area='Từ Sơn', area_type='thị xã', area_code='261', province='Bắc Ninh')
    """
    return locate_article(title, text, source, published)[0]


def locate_article(title: str | None, text: str, source: str = "",
                   published: dt.date | None = None) -> tuple[Place | None, str]:
    """The article's place (see `article_place`) and the words that chose it, for --explain.

    >>> locate_article(None, "UBND thị xã họp phiên thường kỳ tháng 11/2020\\n"
    ...                "Chiều ngày 25/11, UBND thị xã Từ Sơn tổ chức phiên họp thường kỳ.")[1]
    "the title's 'thị xã', named in the lead: 'thị xã Từ Sơn'"
    """
    day = _as_date(published)
    parts = split_article(title, _normalise_aliases(text))
    parts = ArticleParts(_GLUED_NAMES.sub(" ", parts.chrome),  # "quận Thanh XuânNguyễn Việt Hà": two names
                         _GLUED_NAMES.sub(" ", _normalise_aliases(parts.title)) if parts.title else parts.title,
                         _GLUED_NAMES.sub(" ", parts.lead), parts.body)
    source_unit = unit_of_source(source) if source else None
    evidence = Evidence("\n".join(filter(None, (parts.chrome, parts.title, parts.lead))),
                        parts.body, source_unit, day)

    title_matches, title_bare = _matches_in(parts.title or "")
    lead_matches, lead_bare = _matches_in(parts.lead)
    commune = _commune_with_its_province(parts.title or "", parts.lead, day, source_unit)
    if commune:
        return commune
    chrome_matches, _ = _matches_in(parts.chrome)
    in_path = _the_one_the_path_names(title_matches, source)
    from_title = in_path or _subject_from_title(title_matches, title_bare, lead_matches)
    from_lead = None if from_title else _subject_from_lead(lead_matches, parts.lead)
    if from_title is not None and not in_path and not from_title.mention.unit_type:
        organ = _subject_from_lead(lead_matches, parts.lead)
        if organ is not None and organ.mention.organ and not _provinces_meet(from_title, organ):
            from_title, from_lead = None, organ  # a caption's "Cảng Sơn Dương ..." above "Đảng bộ thị xã Kỳ Anh ..."
    chrome_organ = _first(m for m in _typed(chrome_matches) if m.mention.organ)
    if from_lead is not None and not from_lead.mention.organ and chrome_organ is not None:
        from_lead = None  # "HĐND huyện Đăk Glei" above the lead beats a commune the lead merely names
    from_lead = _named_for_a_bare_organ(from_lead, lead_bare, lead_matches + chrome_matches)
    from_lead = _its_district_the_path_names(from_lead, lead_matches, source) if from_lead else None
    if not in_path:
        from_title = _named_for_a_bare_organ(from_title, title_bare, title_matches + chrome_matches)
    subject = from_title or from_lead or chrome_organ or _subject_from_chrome(chrome_matches)
    if subject is None:
        first_bare = next(iter(title_bare + lead_bare), None)
        if source_unit and source_unit.level != PROVINCE and first_bare and first_bare.unit_type == "tỉnh":
            return (_province_place(source_unit.province_code, day),
                    f"the province of the portal ({_host(source)}): the lead speaks of the unnamed '{first_bare.unit_type}'")
        district_bare = next((b for b in title_bare + lead_bare if b.unit_type in _DISTRICT_TYPES), None)
        district = _district_in_path(source, source_unit.province_code) if (
            source_unit and source_unit.level == PROVINCE) else None
        named_too = district is not None and any(entry.unit.code == district.code
                                                 for match in title_matches + lead_matches for entry in match.entries)
        if district and (first_bare is None or district_bare or named_too):
            # "Huyện ủy", "HĐND huyện" in the lead, even after a guest of the province's; or the
            # district's bare name ("đô thị Đắk Mil") beside a "UBND tỉnh" that approved its plan
            said = (f"the lead speaks of the unnamed '{district_bare.unit_type}'" if district_bare
                    else f"the lead names it: '{district.name}'" if named_too else "no unit is named")
            return _place_of_unit(district, day), f"a district of the portal's province named in the URL's path; {said}"
        listed = _province_of_the_listed(parts.lead, lead_matches)
        if listed and source_unit is None:
            return _province_place(listed, day), "the province of the several districts the lead lists"
        return _place_without_a_subject(source_unit, evidence.near, source, day)
    if from_title is None and _is_inside(source_unit, subject):  # a district's portal quoting its province
        return _place_of_unit(source_unit, day), f"the portal's address ({_host(source)}), a unit inside the named province"

    named = _with_stated_type(subject, title_matches + lead_matches + chrome_matches,
                              title_bare + lead_bare, day)
    units = _disambiguate(_candidates(named.match, named.stated_type, day), evidence)
    place = _place(named.match, named.stated_type, units, evidence)
    if in_path:
        return place, f"of the places the title names, the one the URL's path names: '{_said(subject.mention, subject)}'"
    if from_title and from_title in title_matches[1:]:
        return place, f"the title names '{_said(subject.mention, subject)}' after its province"
    if from_title and not (title_matches and from_title is title_matches[0]):
        return place, f"the title's '{_said(title_bare[0])}', named in the lead: '{_said(subject.mention, subject)}'"
    where = "the title" if from_title else "the lead" if from_lead else "the page's chrome"
    return place, f"{where} names '{_said(subject.mention, subject)}'"


_COMMUNE_TYPES = ("xã", "phường", "thị trấn")
_DISTRICT_TYPES = ("huyện", "thị xã", "quận")
_AFTER_A_COMMA = re.compile(r",\s*(?P<inside>(?:(?i:tỉnh|thành\ phố|tp)\.?\s+)?[^\W\d_][^,.;:()\d]{1,30}?)(?=[,.;:]|\s+[a-zđ])")


def _commune_with_its_province(title: str, lead: str, day: dt.date | None,
                               portal: Unit | None = None) -> tuple[Place, str] | None:
    """A commune or ward named first in the title or lead and given with its province
    (``phường Bà Rịa (TP Hồ Chí Minh)``, ``phường Sài Gòn, TP Hồ Chí Minh``, ``An Giang: Xã Vĩnh
    Thuận ...``): the one unit of that name there. One the package's data does not hold there (the
    2025 merger's) is published with its name, type and province but no code; so is one the data
    holds nowhere, named on a province's `portal` (``xã Thượng Đức`` on baodanang.vn)."""
    in_title = typed_mentions(title)
    first = next(iter(in_title or typed_mentions(lead)), None)
    if first is None or first.unit_type not in _COMMUNE_TYPES or not first.name:
        return None
    found = match_typed(first)
    province_code = _province_given(first, title, lead)
    if province_code is None and found is None and portal is not None and portal.level == PROVINCE \
            and _written_as_a_name(first.name) and _whole_name(first, title if in_title else lead):
        province = _province_place(portal.province_code, day)
        return (Place(first.name, first.unit_type, None, province.area),
                f"'{first.unit_type} {first.name}', a unit the place data does not hold, on the portal of {province.area}")
    if province_code is None:
        return None
    inside = {e.unit.code: e.unit for e in (found.entries if found else ()) if e.unit.province_code == province_code}
    province = _province_place(province_code, day)
    if len(inside) == 1:
        unit = next(iter(inside.values()))
        return _place_of_unit(unit, day), f"'{first.unit_type} {first.name}' given with its province ({province.area})"
    if inside:
        return None
    return (Place(first.name, first.unit_type, None, province.area),
            f"'{first.unit_type} {first.name}' ({province.area}), a unit the place data does not hold")


def _whole_name(mention: Mention, text: str) -> bool:
    """Whether the mention's name is all the name written: not "Tam Xuân" of "xã Tam Xuân 2"."""
    end = text.find(mention.name, mention.start) + len(mention.name)
    return re.match(r"\s*\d", text[end:]) is None


def _written_as_a_name(name: str) -> bool:
    """Capitalised and not all in capitals: in a heading in capitals ("KINH TẾ - XÃ HỘI") a unit
    word and the word after it need not be a place.

    >>> _written_as_a_name("Thượng Đức"), _written_as_a_name("HỘI"), _written_as_a_name("Tam Xuân 2")
    (True, False, True)
    """
    return name[:1].isupper() and name != name.upper()


_PROVINCE_PREFIX = re.compile(r"^\s*(?P<inside>[^:\n]{3,30}):\s*$")  # "An Giang: Xã Vĩnh Thuận ..."


def _province_given(mention: Mention, title: str, lead: str) -> str | None:
    """The one province written with a unit: in brackets or after a comma right after its name, or
    as the headline's "Province:" prefix before it."""
    text = f"{title}\n{lead}"
    if mention.start < len(title):
        prefix = _PROVINCE_PREFIX.match(title[:mention.start])
        named = set(_province_mentions(prefix.group("inside"))) if prefix else set()
        if len(named) == 1:
            return named.pop()
    for said in re.finditer(re.escape(mention.name or ""), text):
        province = _province_written_after(text, said.end())
        if province:
            return province
    return None


def _said(mention: Mention, match: Match | None = None) -> str:
    """The place phrase as written: its unit word and the name it matched."""
    name = match.entries[0].display if match and match.entries else mention.name
    return " ".join(filter(None, (mention.unit_type, name)))


def _place_without_a_subject(source_unit: Unit | None, near: str, source: str,
                             day: dt.date | None) -> tuple[Place | None, str]:
    """No unit word names the reporter: the portal's host, else a province named bare in the headline
    or lead ("Bình Dương: ..."), else one the URL's path names ("/binh-duong-san-xuat-...")."""
    if source_unit:
        return _place_of_unit(source_unit, day), f"the portal's address ({_host(source)})"
    named = _province_mentions(near)
    in_path = _provinces_in_path(source)
    if named and in_path and in_path[0] in named:
        return _province_place(in_path[0], day), "a province named in the lead and in the URL's path"
    if named:
        return _province_place(named[0], day), "a province named without its unit word in the title or lead"
    if in_path:
        return _province_place(in_path[0], day), "a province named in the URL's path"
    return None, "no place in the title, lead, page or URL"


def _provinces_in_path(source: str) -> list[str]:
    """Province codes whose portal keyword is two or three adjacent words of the URL's path.

    >>> [load_gazetteer().units[code].name for code in _provinces_in_path("https://x.vn/binh-duong-thu-ngan-sach.html")]
    ['Bình Dương']
    """
    if "://" not in source:
        return []
    words = [w for w in re.split(r"[^a-z0-9]+", urlparse(source).path.lower()) if w]
    keywords = load_gazetteer().province_keywords
    found = []
    for size in (3, 2):
        for start in range(len(words) - size + 1):
            code = keywords.get("".join(words[start:start + size]))
            if code and code not in found:
                found.append(code)
    return found


GLUED_NAME_CHARS = 6  # a path word this long may be a district's name written as one word


def _district_in_path(source: str, province_code: str) -> Unit | None:
    """The one district of a province that two or three adjacent words of the URL's path name
    ("baogialai.com.vn/chu-puh-thu-ngan-sach-...")."""
    gazetteer = load_gazetteer()
    found = {gazetteer.district_keywords.get((province_code, key)) for key in _path_keys(source)} - {None}
    return gazetteer.units[found.pop()] if len(found) == 1 else None


def _path_keys(source: str) -> list[str]:
    """Two or three adjacent words of the URL's path run together, and long single words: the
    spellings a unit's keyword may have there."""
    words = [w for w in re.split(r"[^a-z0-9]+", urlparse(source).path.lower()) if w] if "://" in source else []
    keys = ["".join(words[start:start + size]) for size in (3, 2) for start in range(len(words) - size + 1)]
    return keys + [word for word in words if len(word) >= GLUED_NAME_CHARS]  # "/a/dahuoai/gioithieu/"


def _its_district_the_path_names(chosen: Match, named: list[Match], source: str) -> Match:
    """A province chosen from the lead yields to one of its districts the lead names too, when the
    URL's path names that district ("dangcongsan.vn/.../nghia-lo-yen-bai-phan-dau-...": the
    province's guests, then "Đảng bộ thị xã Nghĩa Lộ")."""
    provinces = [e.unit for e in chosen.entries if e.unit.level == PROVINCE]
    if len(provinces) != 1 or not source:
        return chosen
    keywords = load_gazetteer().district_keywords
    in_path = {keywords.get((provinces[0].code, key)) for key in _path_keys(source)} - {None}
    named_districts = [m for m in _typed(named) if m.mention.unit_type in _DISTRICT_TYPES
                       and any(e.unit.code in in_path for e in m.entries)]
    return named_districts[0] if len({m.mention.name for m in named_districts}) == 1 else chosen


def _is_inside(unit: Unit | None, subject: Match) -> bool:
    """Whether a portal's more specific unit lies in the province the subject names."""
    if unit is None or unit.level == PROVINCE:
        return False
    return any(e.unit.level == PROVINCE and e.unit.code == unit.province_code for e in subject.entries)


_NATIONAL_RE = re.compile(r"""
    (?<!\w)(?i:cả\ nước|toàn\ quốc)(?!\w)        # the whole country
""", re.VERBOSE)
_WHOLE_UNIT_RE = re.compile(r"""
    (?<!\w)(?i:toàn|của|chung\ của|cả|trong|bình\ quân(?:\ chung)?(?:\ của)?)\s+  # whole / of / mean of
    (?P<word>(?i:tỉnh|thành\ phố|thị\ xã|huyện|quận))(?!\w)   # ... the province, city, district
    (?![ ]+(?:[{upper}]|\d))                                 # not followed by a name
""".format(upper=_UPPER), re.VERBOSE)


def _province_place(province_code: str, day: dt.date | None, unit_type: str | None = None) -> Place:
    """A province as a Place; with ``unit_type``, under the name it had as that type."""
    unit = load_gazetteer().units[province_code]
    rows = load_gazetteer().history.get(province_code, ())
    name = next((row.name for row in rows if row.type == unit_type), None)
    name = name or _province_name(province_code, day, set)
    return Place(name, unit_type or _type_on(unit, day), province_code, name)


def _article_province_code(article: Place) -> str | None:
    code = _province_code_of(article.area_code)
    if code or not article.province:
        return code
    found = _lookup(_tokens(article.province), (PROVINCE,))
    return found[1][0].unit.code if found else None


def _named_place_in_phrase(phrase: str, article: Place, province_code: str | None) -> Place | None:
    """A unit the phrase names explicitly (``tỉnh Bắc Giang``, ``Bắc Ninh (9,7%)``), if not the article's."""
    for unit in _units_named(phrase, province_code):
        if not _is_the_article_s(unit, article):
            return _place_of(unit)
    return None


def _units_named(phrase: str, province_code: str | None) -> Iterator[Unit]:
    """The units a phrase names one each, in order: a typed name among its type's units, a bare one
    among the provinces; several alike narrowed to the article's province."""
    named, _ = _matches_in(phrase)
    for match in named:
        units = [e.unit for e in match.entries]
        if match.mention.unit_type:
            units = [u for u in units if _fits_type(u, match.mention.unit_type, None)] or units
        else:
            units = [u for u in units if u.level == PROVINCE]
        if len(units) > 1 and province_code:
            units = _narrow(units, {province_code}, "province_code")
        if len(units) == 1:
            yield units[0]


def _is_the_article_s(unit: Unit, article: Place) -> bool:
    return unit.code == article.area_code or (article.area_code is None and unit.name == article.area)


def _place_of(unit: Unit) -> Place:
    return _province_place(unit.code, None) if unit.level == PROVINCE else _place_of_unit(unit, None)


def place_of_listed_unit(phrase: str, article: Place) -> Place | None:
    """The unit heading an item of a list of units ("...: Vụ Bản tăng 18,3%; Giao Thuỷ tăng 15%",
    "gồm Hậu Giang tăng 12,67%; Bình Thuận tăng 9,86%"): a typed name, a province, or else a district
    of the article's province; the article's own unit too. None when the words name no unit, or
    several.

    >>> nam_dinh = Place("Nam Định", "tỉnh", "36", "Nam Định")
    >>> place_of_listed_unit("Vụ Bản", nam_dinh)
    Place(area='Vụ Bản', area_type='huyện', area_code='359', province='Nam Định')
    >>> place_of_listed_unit("Bình Thuận", nam_dinh).area_type
    'tỉnh'
    >>> place_of_listed_unit("Thành phố Nam Định", nam_dinh).area_type
    'thành phố'
    >>> place_of_listed_unit("Công nghiệp", nam_dinh) is None
    True
    """
    phrase = _normalise_aliases(phrase)
    province_code = _article_province_code(article)
    if any(mention.name for mention in typed_mentions(phrase)):
        units = list(_units_named(phrase, province_code))
        return _place_of(units[0]) if len(units) == 1 else None
    found = _lookup(_tokens(phrase), UNTYPED_LEVELS)
    if found is None or found[0] != " ".join(_tokens(phrase)):
        return None  # the whole name must name the unit
    units = {e.unit for e in found[1]}
    units = {u for u in units if u.level == PROVINCE} or {u for u in units if u.province_code == province_code}
    return _place_of(units.pop()) if len(units) == 1 else None


def _ancestors(article: Place) -> list[Unit]:
    """The units above the article's unit, nearest first (district, then province)."""
    gazetteer = load_gazetteer()
    unit = gazetteer.units.get(article.area_code or "")
    if unit is None:
        code = _article_province_code(article)
        return [gazetteer.units[code]] if code else []
    chain = [gazetteer.units[unit.district_code]] if unit.district_code else []
    if unit.level != PROVINCE:
        chain.append(gazetteer.units[unit.province_code])
    return chain


def _enclosing_place(article: Place, word: str) -> Place | None:
    """``toàn tỉnh`` / ``toàn thành phố`` in the article: the nearest enclosing unit of that type."""
    if article.area_type == word:
        return None  # "toàn thị xã" in a thị xã article is the article's own unit
    for unit in _ancestors(article):
        if word not in _types_of(unit, None):
            continue
        if unit.level == PROVINCE:
            return _province_place(unit.code, None, word)
        return Place(unit.name, word, unit.code, _province_place(unit.province_code, None).area)
    return None


def place_of_phrase(phrase: str, article: Place) -> Place | None:
    """The other place a phrase inside an article refers to, or None when it names none.

    ``cả nước`` is the country; ``toàn tỉnh`` / ``của tỉnh`` the article's province (and
    ``toàn thành phố`` a centrally-run city around a district); a named unit itself.

    >>> tu_son = Place("Từ Sơn", "thị xã", "261", "Bắc Ninh")
    >>> place_of_phrase("bình quân chung của tỉnh", tu_son)
    Place(area='Bắc Ninh', area_type='tỉnh', area_code='27', province='Bắc Ninh')
    >>> place_of_phrase("cả nước", tu_son).area
    'Việt Nam'
    """
    phrase = _normalise_aliases(phrase)
    if _NATIONAL_RE.search(phrase):
        return Place("Việt Nam", NATIONAL_TYPE, None, None)
    named = _named_place_in_phrase(phrase, article, _article_province_code(article))
    if named:
        return named
    for match in _WHOLE_UNIT_RE.finditer(phrase):
        enclosing = _enclosing_place(article, canonical_type(match.group("word")))
        if enclosing:
            return enclosing
    return None
