"""Document text -> Mentions: every figure with a unit, attached to the indicator it is about.

One pass finds the figures (a number and its unit), one pass finds the triggers of every rule;
each figure then belongs to the nearest trigger before it in its clause, and the words between
them say what it measures. A figure whose nearest trigger is a blocker (counts, coverage, support
money...) or that no rule claims is skipped, and the reason is kept for ``--explain``.

The engine knows no indicator by name: triggers, blockers and the measure words are data
(``lexicon/indicators/*.yaml`` and ``lexicon/context.yaml``).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterator

from .anchored import AnchoredMatcher
from .numbers import NUMBER_PATTERN, parse_number
from .rules import FLAGS, Rule, RuleSet, Trigger, compile_pairs, compile_pattern
from .units import UNITS

MAX_TRIGGER_DISTANCE = 220  # characters from the end of a trigger to its figure


@dataclass(frozen=True)
class Figure:
    """A number and its unit as written: ``125.952,5 tỷ đồng``, ``8-9%``."""

    start: int
    end: int
    value: float
    value_high: float | None
    unit: str  # unit code
    per: str  # per-unit suffix, e.g. "/người/năm"
    signed: bool = False  # written with an explicit sign: (+6,3%), -2,75
    pair: str | None = None  # "first"/"second" of a district/province pair "(12,1/8,7%)"


@dataclass(frozen=True)
class Hit:
    """A trigger (or blocker) found in the text."""

    start: int
    end: int
    rule: Rule | None  # None for a blocker
    trigger: Trigger | None

    @property
    def name(self) -> str:
        return self.trigger.name if self.trigger else "blocker"


@dataclass(frozen=True)
class Mention:
    """One figure attached to an indicator, before and after resolution (see resolve.py)."""

    indicator: str
    measure: str
    value: float
    value_high: float | None
    unit: str
    span_start: int
    span_end: int
    raw: str
    rule: str
    sentence_start: int
    sentence_end: int
    trigger_start: int
    trigger_end: int
    qualifier: str | None = None
    year: int | None = None
    period: str | None = None
    status: str | None = None
    basis: str | None = None
    basis_year: int | None = None
    approx: str | None = None
    place: Any = None  # a places.Place when the figure is about another place than the article's
    pair: str | None = None  # "first"/"second" of a district/province pair "(12,1/8,7%)"
    listed_unit: str | None = None  # the unit heading its item of a list of units ("...: Vụ Bản tăng 18,3%; ...")
    time_said: bool = False  # its year or period is written in its own sentence (not lead, title, date)
    status_said: bool = False  # a word of its own clause or sentence says its status ("ước", "kế hoạch")
    explain: dict[str, str] = field(default_factory=dict, compare=False)

    def replaced(self, **changes: Any) -> Mention:
        """``dataclasses.replace(self, **changes)`` without running ``__init__`` again: the same
        fields hold the same values, several times faster (it runs for every figure)."""
        unknown = changes.keys() - self.__dict__.keys()
        if unknown:
            raise TypeError(f"Mention has no field {sorted(unknown)[0]!r}")
        changed = object.__new__(Mention)
        changed.__dict__.update(self.__dict__, **changes)
        return changed


@dataclass(frozen=True)
class Skipped:
    """A figure that yielded no row, and why."""

    start: int
    end: int
    raw: str
    reason: str


# --- scan text ----------------------------------------------------------------------------------

_SAME_LENGTH_FOLDS = {
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\t": " ",
    "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u2010": "-", "\u2011": "-",
}


# "hoá" -> "hóa", "thuỷ" -> "thủy": the tone of a final "oa", "oe", "uy" on its first vowel ("quý" stays).
_TONE_ON_FIRST_VOWEL = {
    "oá": "óa", "oà": "òa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oé": "óe", "oè": "òe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uý": "úy", "uỳ": "ùy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
    "gía": "giá",  # the tone on the "i" of "gi", a common slip ("Gía trị sản xuất")
    "quí": "quý",  # the older spelling of "quý" ("Trong quí II")
}
# Where such a tone stands; written to open with a plain letter, so that `re` skips to the next "o" or "u" fast.
_TONE_ON_SECOND_VOWEL = re.compile(
    r"""
    (?: o (?<!qo) [áàảãạéèẻẽẹ]       # "oá", "oè"... not after a "q" ("(?<!q)" before the "o")
      | u (?<!qu) [ýỳỷỹỵ]            # "uý"... but "quý" stays
      | g (?<!\wg) ía                  # "gía" for "giá"
      | q (?<!\wq) uí                  # "quí" for "quý"
    )
    (?!\w)                          # at the syllable's end
    """,
    re.VERBOSE,
)


def scan_text(text: str) -> str:
    """A copy of `text` for matching: lower case, spaces and dashes unified, same length.

    The tone of "oa", "oe", "uy" at a syllable's end is written on the first vowel, so that
    "hoá" and "hóa", "thuỷ" and "thủy" match the same pattern.

    >>> scan_text("Tổng thu\u00a0NSNN – 4.145,3 TỶ")
    'tổng thu nsnn - 4.145,3 tỷ'
    >>> scan_text("Hoà Thành, thuỷ sản, quý IV, hàng hoá")
    'hòa thành, thủy sản, quý iv, hàng hóa'
    >>> scan_text("Gía trị sản xuất, quí II")
    'giá trị sản xuất, quý ii'
    """
    folded = text
    for char, replacement in _SAME_LENGTH_FOLDS.items():  # str.replace is far faster than translate here
        if char in folded:
            folded = folded.replace(char, replacement)
    lowered = folded.lower()
    if len(lowered) != len(folded):
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in folded)
    return _TONE_ON_SECOND_VOWEL.sub(lambda m: _TONE_ON_FIRST_VOWEL[m.group()], lowered)


# --- sentences ----------------------------------------------------------------------------------

_SENTENCE_BREAK = re.compile(
    r"""
    \n+                              # a line break always ends a sentence
  | (?<=[.!?…])\s+(?=\S)             # end punctuation, then space
  | (?<=[!?…])(?=\S)                 # glued after ! ? …
  | (?<=[^\d\s]\.)(?=[A-ZĐÀ-Ỹ])      # glued: "8,1%.Thu"
  | (?<=\d%\.)(?=[A-ZĐÀ-Ỹ])          # glued after a percentage
  | (?<=(?<!\d)(?:19|20)\d\d\.)(?=[A-ZĐÀ-Ỹ][a-zà-ỹ])  # glued after a year: "trong năm 2019.Thu"
    """,
    re.VERBOSE,
)
_ABBREVIATION_BEFORE_DOT = re.compile(r"(?:\b(?:tp|tx|tt|p|q|h|ths|ts|đ/c|ông|bà|st|th|tr)|\b[A-ZĐ])\.$", re.IGNORECASE)


_WRAPPED_LINE_MIN = 60  # a line at least this long that stops mid-clause was wrapped (PDF copy)


def _is_line_wrap(text: str, match: re.Match[str]) -> bool:
    """A single line break inside a clause: "tăng\n11,4%" after a long line without end punctuation."""
    if match.group() != "\n":
        return False
    line_start = text.rfind("\n", 0, match.start()) + 1
    line = text[line_start:match.start()].rstrip()
    following = text[match.end():match.end() + 1]
    return (len(line) >= _WRAPPED_LINE_MIN and line[-1:] not in ".!?:;…" and "|" not in line
            and (following.islower() or following.isdigit()))


# Every break starts at a line break or right after end punctuation: only there is it looked for.
_BREAK_PLACES = re.compile(r"[\n.!?…]")


def _sentence_breaks(text: str) -> Iterator[re.Match[str]]:
    """What ``_SENTENCE_BREAK.finditer(text)`` finds, trying the regex only where a break can start.

    As finditer does, a match ends where the next may start, and after an empty match ("8,1%.Thu")
    the next starts further on (no break can start at that place but an empty one: the empty ones
    want a non-space there, the others a space).
    """
    position = 0
    for place in _BREAK_PLACES.finditer(text):
        here = place.start() if place.group() == "\n" else place.end()
        if here < position:
            continue
        match = _SENTENCE_BREAK.match(text, here)
        if match:
            yield match
            position = match.end() if match.end() > here else here + 1


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence; a dot after a short abbreviation (TP., TX.) does not end one,
    nor does a line break that wraps a clause."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _sentence_breaks(text):
        if "\n" not in match.group() and _ABBREVIATION_BEFORE_DOT.search(text[max(0, match.start() - 5):match.start()]):
            continue
        if _is_line_wrap(text, match):
            continue
        if match.start() > start:
            spans.append((start, match.start()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


# --- figures ------------------------------------------------------------------------------------

def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)


@lru_cache(maxsize=1)
def figure_regex() -> re.Pattern[str]:
    scales = _alternation(UNITS.words("scales"))
    currencies = _alternation(UNITS.words("currencies"))
    percent = _alternation([w for w, code in UNITS.plain_units.items() if code == "percent"])
    points = _alternation([w for w, code in UNITS.plain_units.items() if code == "percentage_point"])
    times = _alternation([w for w, code in UNITS.plain_units.items() if code == "times"])
    number = NUMBER_PATTERN
    return re.compile(
        rf"""
        (?=[+\-\d])                                       # only where a figure can start (lets re skip fast)
        (?:(?<=[\s(:|])(?P<sign>[+-])(?=\d))?             # an explicit sign: (+6,3%), a table cell -2,75
        (?:(?P<spaced>(?<![\d.,])\d\s\d{{2}})(?=\s?%)      # a space as decimal mark: "1 86%"
          | (?P<num>{number}))                            # the figure
        (?:                                               # a range: 8-9%, 55 - 57 triệu, 8,2% đến 9%
            (?:\s*(?P<pct1>%))?
            (?:\s*-\s*|\s+đến\s+|\s+tới\s+)
            (?P<num2>{number})
        )?
        \s*
        (?:
            (?P<points>{points})(?!\w)                     # điểm phần trăm, điểm %
          | (?P<pct>(?:{percent})(?:\s?%)?)                # %, %%, % %, phần trăm
          | (?P<times>{times})(?!\w)                       # lần
          | (?P<scale>{scales})(?:(?<=\.)|(?!\w)|(?=(?:{currencies})(?!\w)))   # tỷ, triệu ... ("tr.", "tỷ" may touch their currency: "596tỷđ")
            (?:\s+(?P<num_b>\d{{1,3}})\s+(?P<scale_b>{scales})(?!\w))?   # 16 tỷ 434 triệu
            (?:\s*(?P<currency>{currencies})(?!\w))?        # đồng, USD
          | (?P<bare_currency>{currencies})(?!\w)          # 7.531 USD, 36.400.000đ
        )
        (?P<per>(?:\s?/\s?(?:người|năm|tháng|ha|hộ|khẩu|lao\s+động|ng)(?!\w))*)  # /người/năm
        """,
        FLAGS,
    )


# A number and a slash right before a figure: "(12,1/8,7%)", "74,2/59 triệu đồng" (not dates).
_PAIR_FIRST = re.compile(rf"(?<![\d/.,])(?P<first>{NUMBER_PATTERN})\s*/\s*$", re.VERBOSE)


@lru_cache(maxsize=4)
def _bare_scale_followers(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"\s*(?:$|[^\w\s]|(?:{'|'.join(words)})(?!\w))", FLAGS)


def _unit_of(match: re.Match[str], followers: re.Pattern[str], scan: str) -> str | None:
    if match["points"]:
        return "percentage_point"
    if match["pct"]:
        return "percent"
    if match["times"]:
        return "times"
    if match["bare_currency"]:
        return UNITS.currencies[_fold(match["bare_currency"])]
    scale = match["scale_b"] or match["scale"]
    currency = match["currency"]
    if not currency and not followers.match(scan, match.end()):
        return None  # "2,1 triệu lượt khách": a scale word before a noun is a count
    scale_name = UNITS.scales[_fold(scale)]
    return UNITS.code_for(scale_name, UNITS.currencies[_fold(currency)] if currency else "VND")


_SPACE_RUN = re.compile(r"\s+")  # compiled once: these helpers run for every figure and trigger
_PER_HECTARE = re.compile(r"/\s?ha\b")
_OPEN_PARENTHESIS_ONLY = re.compile(r"\s*\(\s*")


# "(kế hoạch tăng 7% – 7,5%)", "có thể đạt từ 6,5% - 7,2%": a range, not a list of two percentages
_A_RANGE_OF_PERCENTAGES = re.compile(r"(?<!\w)(?:từ|tăng|đạt|khoảng|kế\s+hoạch|kh|nq|mục\s+tiêu|chỉ\s+tiêu)\s*$")
_PER_HEAD = re.compile(r"(?<!\w)bình\s+quân\s+(?:đầu\s+người|một\s+người|người)(?!\w)")  # "..., bình quân đầu người đạt 48 triệu đồng"
_A_MONTH_GLUED = re.compile(r"(?<!\d\s)(?<!\w)tháng $")  # "thực hiện tháng 5801,9 tỷ đồng", not "6 tháng 955 tỷ đồng"
_SPLIT_THOUSANDS = re.compile(r"(?<![\d.,])\d{1,3}[.,] $")  # "đạt 20, 466 tỷ đồng": one number, its last group cut off
_A_THIRD_PERCENTAGE = re.compile(r"\s*-\s*\d")  # "40% - 35% - 25%": a list goes on


def _a_list_of_percentages(scan: str, match: re.Match[str]) -> bool:
    """Whether "X% - Y%" lists two figures (a structure "40% - 35% - 25%") rather than giving a range,
    which a plan word or "từ" opens ("kế hoạch tăng 7% – 7,5%")."""
    if _A_THIRD_PERCENTAGE.match(scan, match.end()):
        return True
    dashed = "-" in scan[match.start("num"):match.start("num2")]
    return dashed and not _A_RANGE_OF_PERCENTAGES.search(scan, max(0, match.start() - 20), match.start())


@lru_cache(maxsize=256)  # a few unit words, read for every figure
def _fold(word: str) -> str:
    return _SPACE_RUN.sub(" ", word.strip())


def find_figures(scan: str, context: dict) -> tuple[list[Figure], list[Skipped]]:
    """Every number that carries a unit, in text order; numbers without one are skipped."""
    followers = _bare_scale_followers(tuple(context["bare_scale_followers"]))
    figures: list[Figure] = []
    skipped: list[Skipped] = []
    for match in figure_regex().finditer(scan):
        unit = _unit_of(match, followers, scan)
        if match["pct1"] and not match["pct"]:
            unit = None  # "8% - 9 triệu": not one range
        value = parse_number(match["num"]) if match["num"] else float(match["spaced"].replace(" ", "."))
        high = parse_number(match["num2"]) if match["num2"] else None
        if unit is None or value is None or (match["num2"] and high is None):
            skipped.append(Skipped(match.start(), match.end(), match.group(), "no unit or unreadable figure"))
            continue
        if match["num_b"]:  # 16 tỷ 434 triệu: read in the smaller scale
            if match["num2"]:
                continue
            value = value * 1000 + float(match["num_b"])
        if match["num2"] and match["pct1"] and _a_list_of_percentages(scan, match):
            skipped.append(Skipped(match.start(), match.end(), match.group(), "dash-joined list of percentages"))
            continue
        if scan.endswith("tháng ", 0, match.start()) and _A_MONTH_GLUED.search(scan, max(0, match.start() - 9), match.start()):
            skipped.append(Skipped(match.start(), match.end(), match.group(), "a month glued to its figure ('tháng 5801,9 tỷ')"))
            continue
        if _SPLIT_THOUSANDS.search(scan, max(0, match.start() - 6), match.start()) and (match["num"] or "").isdigit() \
                and (len(match["num"]) == 3 or (len(match["num"]) <= 2 and unit == "percent")):
            skipped.append(Skipped(match.start(), match.end(), match.group(),
                                   "a number split by a stray space ('20, 466 tỷ', 'tăng 10, 13%')"))
            continue
        per = match["per"]
        if match["sign"] == "-":
            value, high = -value, (-high if high is not None else None)
        if high is not None and high < value:
            value, high = high, value
        window = max(0, match.start() - 14)
        # a pair ends in "/": without one in its window there is none to look for
        pair = _PAIR_FIRST.search(scan, window, match.start()) if scan.rfind("/", window, match.start()) >= 0 else None
        if pair and high is None and not match["num_b"]:
            first = parse_number(pair["first"])
            if first is not None:  # "(74,2/59 triệu đồng)": the first number is the article's own
                figures.append(Figure(pair.start("first"), pair.end("first"), first, None, unit, "", False, "first"))
            figures.append(Figure(match.start(), match.end(), value, high, unit, per or "", bool(match["sign"]), "second"))
            continue
        figures.append(Figure(match.start(), match.end(), value, high, unit, per or "", bool(match["sign"])))
    return figures, skipped


# --- triggers -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class TriggerIndex:
    """All triggers and blockers compiled into one alternation, most specific first."""

    regex: re.Pattern[str]
    by_group: dict[str, tuple[Rule | None, Trigger | None]]
    matcher: AnchoredMatcher | None = None  # finds what `regex` finds, faster (None: use `regex`)


def _word_matcher(sources: list[str]) -> AnchoredMatcher | None:
    r"""A matcher of the sources as whole-word patterns, each as it acts inside
    ``(?<!\w)(?:...|...)(?!\w)``; None when one does not compile on its own."""
    try:
        patterns = [re.compile(rf"(?<!\w)(?:{source})(?!\w)", FLAGS) for source in sources]
    except re.error:
        return None
    return AnchoredMatcher.build(patterns)


@lru_cache(maxsize=4)
def trigger_index(ruleset: RuleSet) -> TriggerIndex:
    """Every rule trigger in one alternation, the most specific first."""
    entries: list[tuple[int, int, str, Rule | None, Trigger | None]] = []
    for rule in ruleset.rules:
        for trigger in rule.triggers:
            source = trigger.pattern.pattern
            entries.append((trigger.priority, len(source), source, rule, trigger))
    entries.sort(key=lambda e: (-e[0], -e[1]))
    groups, by_group = [], {}
    for number, (_, _, source, rule, trigger) in enumerate(entries):
        group = f"t{number}"
        groups.append(f"(?P<{group}>{source})")
        by_group[group] = (rule, trigger)
    pattern = r"(?<!\w)(?:" + "|".join(groups) + r")(?!\w)"
    matcher = _word_matcher([source for _, _, source, _, _ in entries])
    return TriggerIndex(re.compile(pattern, FLAGS), by_group, matcher)


def trigger_matches(scan: str, index: TriggerIndex, start: int, end: int) -> Iterator[tuple[int, int, str]]:
    """(start, end, group name) of every trigger in scan[start:end], as ``index.regex.finditer`` finds them."""
    if index.matcher is None:
        for match in index.regex.finditer(scan, start, end):
            yield match.start(), match.end(), match.lastgroup
        return
    for number, match in index.matcher.finditer(scan, start, end):
        yield match.start(), match.end(), f"t{number}"


@dataclass(frozen=True)
class BlockerIndex:
    regex: re.Pattern[str]
    matcher: AnchoredMatcher | None


@lru_cache(maxsize=4)
def blocker_index(ruleset: RuleSet) -> BlockerIndex:
    sources = [compile_pattern(source, "context.yaml blockers").pattern for source in ruleset.context["blockers"]]
    regex = re.compile(r"(?<!\w)(?:" + "|".join(f"(?:{s})" for s in sources) + r")(?!\w)", FLAGS)
    return BlockerIndex(regex, _word_matcher(sources))


def blocker_regex(ruleset: RuleSet) -> re.Pattern[str]:
    return blocker_index(ruleset).regex


def blocker_spans(scan: str, ruleset: RuleSet, start: int, end: int) -> Iterator[tuple[int, int]]:
    """(start, end) of every blocker in scan[start:end], as ``blocker_regex(...).finditer`` finds them."""
    index = blocker_index(ruleset)
    if index.matcher is None:
        return ((m.start(), m.end()) for m in index.regex.finditer(scan, start, end))
    return ((m.start(), m.end()) for _, m in index.matcher.finditer(scan, start, end))


def find_triggers(scan: str, ruleset: RuleSet, windows: list[tuple[int, int]] | None = None) -> list[Hit]:
    """Triggers and blockers in text order; where both start at one place, the longer wins
    ("dịch vụ công" is a blocker, not the services trigger "dịch vụ"). With `windows`, only
    those stretches of the text are searched (the rest cannot own a figure)."""
    index = trigger_index(ruleset)
    spans = windows if windows is not None else [(0, len(scan))]
    blockers = {b_start: b_end for start, end in spans for b_start, b_end in blocker_spans(scan, ruleset, start, end)}
    blocker_starts = sorted(blockers)
    hits: list[Hit] = []
    for m_start, m_end, group in (m for start, end in spans for m in trigger_matches(scan, index, start, end)):
        rule, trigger = index.by_group[group]
        if blockers.get(m_start, -1) > m_end or _inside_a_blocker(blockers, blocker_starts, m_start, m_end):
            continue
        if hits and _explains_previous(scan, hits[-1], m_start):
            continue  # "tốc độ tăng trưởng kinh tế (GRDP)": the parenthesis names the same subject
        hits.append(Hit(m_start, m_end, rule, trigger))
    covered = [(h.start, h.end) for h in hits]
    for start, end in blockers.items():
        if not any(s <= start < e and end <= e for s, e in covered):
            hits.append(Hit(start, end, None, None))
    return sorted(hits, key=lambda h: (h.start, h.end))


def _inside_a_blocker(blockers: dict[int, int], starts: list[int], start: int, end: int) -> bool:
    """Whether a trigger lies inside a blocker that starts before it ("dịch vụ" in "Chỉ số chung giá
    bán lẻ hàng hoá và dịch vụ tiêu dùng"): one phrase, out of scope."""
    position = bisect.bisect_left(starts, start) - 1
    return position >= 0 and blockers[starts[position]] >= end


def _explains_previous(scan: str, previous: Hit, start: int) -> bool:
    return previous.rule is not None and _OPEN_PARENTHESIS_ONLY.fullmatch(scan[previous.end:start]) is not None


# --- measures -----------------------------------------------------------------------------------

@dataclass(frozen=True, eq=False)  # built once per rule set; hashed by identity (cheap as a cache key)
class ContextPatterns:
    """context.yaml compiled once."""

    verbs: tuple[tuple[str, re.Pattern[str]], ...]
    after_percent: tuple[tuple[str, re.Pattern[str]], ...]
    qualifiers: tuple[tuple[str, re.Pattern[str]], ...]
    level_verbs: re.Pattern[str]
    continuation: re.Pattern[str]
    sub_item_markers: re.Pattern[str]
    list_markers: re.Pattern[str]
    structure: re.Pattern[str]
    economy_structure: re.Pattern[str]
    economy_structure_context: str
    economy_structure_reach: int
    percent_of_a_group: re.Pattern[str]
    base_of_a_rate: re.Pattern[str]
    basis_without_code: re.Pattern[str]
    sector_words: re.Pattern[str]
    part_words: re.Pattern[str]
    whole_goes_on_words: re.Pattern[str]
    switch_window: int


@lru_cache(maxsize=4)
def context_patterns(ruleset: RuleSet) -> ContextPatterns:
    ctx = ruleset.context

    return ContextPatterns(
        verbs=compile_pairs(ctx, "measure_verbs", "measure"),
        after_percent=compile_pairs(ctx, "after_percent", "measure"),
        qualifiers=compile_pairs(ctx, "qualifiers", "qualifier"),
        level_verbs=compile_pattern(ctx["level_verbs"], "context.yaml level_verbs"),
        continuation=compile_pattern(rf"\s*(?:{ctx['continuation']})(?!\w)", "context.yaml continuation"),
        sub_item_markers=compile_pattern(rf"(?<!\w)(?:{ctx['list_markers']}|{ctx['sub_item_markers']})(?!\w)",
                                         "context.yaml sub_item_markers"),
        list_markers=compile_pattern(rf"(?<!\w)(?:{ctx['list_markers']})(?!\w)", "context.yaml list_markers"),
        structure=compile_pattern(rf"(?<!\w)(?:{ctx['structure_words']})", "context.yaml structure_words"),
        economy_structure=compile_pattern(rf"(?<!\w)(?:{ctx['economy_structure']})(?!\w)", "context.yaml economy_structure"),
        economy_structure_context=str(ctx["economy_structure_context"]),
        economy_structure_reach=int(ctx["economy_structure_reach"]),
        percent_of_a_group=compile_pattern(rf"\s*(?:{ctx['percent_of_a_group']})(?!\w)", "context.yaml percent_of_a_group"),
        base_of_a_rate=compile_pattern(rf"\s*(?:{ctx['base_of_a_rate']})(?!\w)", "context.yaml base_of_a_rate"),
        basis_without_code=compile_pattern(rf"\s*(?:{ctx['basis_without_code']})", "context.yaml basis_without_code"),
        sector_words=compile_pattern(rf"(?<!\w)(?:{ctx['sector_words']})(?!\w)", "context.yaml sector_words"),
        part_words=compile_pattern(rf"(?<!\w)(?:{ctx['whole_goes_on_words']}|{ctx['part_words']})(?!\w)",
                                   "context.yaml part_words"),
        whole_goes_on_words=compile_pattern(rf"(?<!\w)(?:{ctx['whole_goes_on_words']})(?!\w)",
                                            "context.yaml whole_goes_on_words"),
        switch_window=int(ctx["switch_window"]),
    )


@lru_cache(maxsize=4)
def _qualifier_matcher(patterns: ContextPatterns) -> AnchoredMatcher | None:
    return AnchoredMatcher.build([pattern for _, pattern in patterns.qualifiers])


@lru_cache(maxsize=1024)  # the words before a figure repeat: " đạt ", ", tăng "
def nearest_verb(left: str, patterns: ContextPatterns) -> tuple[str | None, int]:
    """The measure named by the verb closest before the figure, and where that verb starts."""
    best: tuple[str | None, int, int] = (None, -1, -1)
    for measure, pattern in patterns.verbs:
        for match in pattern.finditer(left):
            if _is_word_boundary(left, match.start(), match.end()) and match.end() > best[2]:
                best = (measure, match.start(), match.end())
    level = [m for m in patterns.level_verbs.finditer(left) if _is_word_boundary(left, m.start(), m.end())]
    if level and level[-1].end() > best[2]:
        if (left[best[1]:best[2]] in ("tăng", "giảm") and level[-1].group() == "với"
                and level[-1].start() - best[2] <= CHANGE_BEFORE_WITH):
            return best[0], best[1]  # "tăng cao nhất với 8,86%": the change's own figure
        return "level", level[-1].start()
    return best[0], best[1]


CHANGE_BEFORE_WITH = 20  # characters between "tăng"/"giảm" and the "với" that brings its figure


def verb_before_trigger(scan: str, hit: Hit, sentence_start: int, patterns: ContextPatterns) -> str | None:
    """A change verb written right before the trigger: "giảm tỷ lệ hộ nghèo 1%"."""
    prefix = scan[max(sentence_start, hit.start - 25):hit.start].rstrip()
    for measure, pattern in patterns.verbs:
        if measure not in ("pct_change", "pct_change_down"):
            continue
        match = re.search(rf"(?<!\w)(?:{pattern.pattern})$", prefix, FLAGS)
        if match and match.group().isalpha():
            return measure
    return None


def _is_word_boundary(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    first, last = text[start:start + 1], text[end - 1:end]
    ok_before = not (before.isalnum() and first.isalnum())
    ok_after = not (after.isalnum() and last.isalnum())
    return ok_before and ok_after


def measure_after_percent(right: str, patterns: ContextPatterns) -> str | None:
    for measure, pattern in patterns.after_percent:
        match = pattern.match(right.lstrip(" ,:"))
        if match:
            return measure
    return None


def decide_measure(rule: Rule, figure: Figure, verb: str | None, after: str | None) -> tuple[str, float, float | None, str] | None:
    """(measure, value, value_high, unit) of a figure for this rule, or None when it does not fit.

    `verb` is the measure named by the nearest verb before the figure, `after` the one named by
    the words right after a percentage (a plan or a prior period).
    """
    value, high, unit = figure.value, figure.value_high, figure.unit
    falling = verb == "pct_change_down"
    if falling and value > 0:
        value, high = (-high, -value) if high is not None else (-value, None)
    change = verb in ("pct_change", "pct_change_down")
    if unit == "times":  # a growth rate is never so many times another
        return ("ratio", value, high, unit) if verb in ("ratio", "pct_change") and rule.kind != "growth" else None
    if unit == "percentage_point":
        if verb == "contribution_pp":
            return None if rule.whole_of_growth else ("contribution_pp", value, high, unit)
        return ("abs_change", value, high, unit) if change and rule.kind in ("rate", "growth") else None
    if unit == "percent":
        return _percent_measure(rule, verb, after, change, value, high)
    # money
    if rule.kind != "amount" or verb in ("share", "ratio", "contribution_pp"):
        return None
    if change:
        return "abs_change", value, high, unit
    return "level", value, high, unit


def _percent_measure(rule: Rule, verb: str | None, after: str | None, change: bool,
                     value: float, high: float | None) -> tuple[str, float, float | None, str] | None:
    unit = "percent"
    if verb == "contribution_pp":
        return None
    if rule.kind == "rate":
        if change:
            return "abs_change", value, high, "percentage_point"
        if verb in ("level", "share", None, "pct_of_plan") and after is None:
            return "level", value, high, unit
        return None
    if rule.kind == "growth":
        if verb == "share":
            return None
        if change and after == "pct_of_plan":  # "tăng trưởng 8,7%, vượt 1% so với mục tiêu": points above the plan
            return "abs_change", value, high, "percentage_point"
        if after == "pct_of_plan" and verb == "pct_of_plan":
            return "pct_of_plan", value, high, unit
        return "level", value, high, unit
    # amount and index: a percentage is always relative
    if verb == "share":
        return "share", value, high, unit
    if verb == "ratio":
        return None
    if change:
        return "pct_change", value, high, unit
    if after == "pct_of_plan" or (after == "pct_of_prior" and verb == "pct_of_plan"):
        return after, value, high, unit  # "9,6 % so với cùng kỳ" with no verb: a change or a ratio? left out
    if verb == "pct_of_plan":
        return "pct_of_plan", value, high, unit
    return None


# --- attach figures to triggers -------------------------------------------------------------

def _clause_start(scan: str, sentence_start: int, position: int, patterns: ContextPatterns) -> int:
    """Start of the clause holding `position`: after the last ';' that opens a new subject.

    A ';' followed by a continuation ("trong đó", "riêng", "lũy kế") goes on about the same
    subject, so the clause goes on.
    """
    floor = max(sentence_start, position - REACH)
    cut = scan.rfind(";", floor, position)
    while cut >= 0 and patterns.continuation.match(scan, cut + 1):
        cut = scan.rfind(";", floor, cut)
    return cut + 1 if cut >= 0 else floor


# How far back the words of a figure are read: without a bound, a "sentence" of thousands of
# figures and no stop (a flattened table, a list without punctuation) was read back once per
# figure, which made such an article take hours (tests/test_backtracking.py).
REACH = 1500  # characters of its sentence read on either side of a figure (clause, "cơ cấu", switch words)
QUALIFIER_REACH = 400  # characters before a figure where its qualifier is looked for


def _qualifier_between(scan: str, start: int, end: int, patterns: ContextPatterns) -> str | None:
    """The qualifier named last in scan[start:end] (the first in context.yaml's order at one place),
    read at most QUALIFIER_REACH characters back: a trigger can govern a whole "sentence" of
    figures with no stop, which was otherwise searched again for each of them."""
    start = max(start, end - QUALIFIER_REACH)
    matcher = _qualifier_matcher(patterns)
    if matcher is not None and not matcher.may_match(scan, start, end):
        return None  # most stretches name none: one quick search instead of one per qualifier
    found: tuple[int, str | None] = (-1, None)
    for qualifier, pattern in patterns.qualifiers:
        for match in pattern.finditer(scan, start, end):
            if match.start() > found[0]:
                found = (match.start(), qualifier)
    return found[1]


def _qualifier_start(scan: str, hit: Hit, sentence_start: int, figure: Figure) -> int:
    """Where a figure's qualifier may be named: after its trigger; when the trigger is in a sentence
    before, in the figure's own clause ("Trong đó, ngành chế biến, chế tạo tăng 12%; ngành ... điện
    tăng 8%": the second figure is not manufacturing)."""
    if hit.start >= sentence_start:
        return hit.end
    floor = max(sentence_start, figure.start - REACH)
    return max(floor, scan.rfind(";", floor, figure.start) + 1)


_DIGIT = re.compile(r"\d")
_NOT_INCLUDED = re.compile(r"(?:không|chưa|đã)\s+$")
_WORD = re.compile(r"[^\W\d_]{2,}")


def _an_unnamed_part(scan: str, trigger_end: int, figure_start: int, patterns: ContextPatterns,
                     trigger_before: bool = False, previous_figure_end: int = 0, whole_end: int | None = None) -> bool:
    """Whether a list of parts opens between the trigger and the figure, and the part's name is no
    qualifier ("xuất khẩu ..., trong đó các mặt hàng chủ lực gồm thủy sản đạt 425 triệu USD"): the
    figure is some product's or branch's, not the indicator's.

    When the trigger is in a sentence before (`trigger_before`), a figure after the part's first
    one is that part's only if no new name comes between them ("Trong đó, nhóm hàng thủy sản đạt
    29 triệu USD, tăng 12%"; but not "Cụ thể, lượng khách đạt 1,2 triệu lượt, doanh thu ..."); a
    new name after a ';' is the list's next part, and is read like the first."""
    markers = [marker for marker in patterns.list_markers.finditer(scan, trigger_end, figure_start)
               if not _NOT_INCLUDED.search(scan, max(0, marker.start() - 6), marker.start())
               and not _in_an_aside(scan, trigger_end, marker.start(), figure_start)]
    if not markers:
        return False
    name_end = _DIGIT.search(scan, markers[-1].end(), figure_start)
    name = scan[markers[-1].end():name_end.start() if name_end else figure_start]
    if trigger_before and name_end and _names_something(scan[previous_figure_end:figure_start], patterns):
        item = scan.rfind(";", previous_figure_end, figure_start)
        if item < 0:
            return False
        name = scan[item + 1:figure_start]  # "Trong đó, thu tiền đất tăng 124,6%; thu thuế trước bạ tăng 37,3%": the next part
    if _qualifier_between(name, 0, len(name), patterns):
        return False
    if whole_end is not None and whole_end <= markers[-1].start():
        # the whole's own figure came before: any name after "trong đó" is a part's ("Tổng thu ngân
        # sách ... 285,3 tỷ đồng; trong đó, thu trên địa bàn huyện được 24 tỷ đồng")
        return bool(_WORD.search(patterns.whole_goes_on_words.sub(" ", name)))
    return bool(_WORD.search(patterns.part_words.sub(" ", name)))


_AMOUNT_WORDS = re.compile(r"\b(?:triệu|tỷ|tỉ|nghìn|ngàn|usd|đồng)\b")


_A_BRANCH = re.compile(r"(?<!\w)(?:ngành|nhóm|mặt\s+hàng|sản\s+phẩm|sản\s+xuất)\s+(?!\d)[^\W\d]")


def _a_branch_named_since(scan: str, previous_figure_end: int | None, figure_start: int, sentence_start: int,
                          patterns: ContextPatterns) -> bool:
    """Whether a branch with no qualifier code of its own is named between the trigger's figure
    before (in the same sentence) and this one: the qualifier named before the earlier figure is
    not this figure's."""
    if previous_figure_end is None or previous_figure_end < sentence_start:
        return False
    return (_A_BRANCH.search(scan, previous_figure_end, figure_start) is not None
            and _qualifier_between(scan, previous_figure_end, figure_start, patterns) is None)


def _names_something(gap: str, patterns: ContextPatterns) -> bool:
    """Whether the words between two figures name something new (not a unit, verb or time word)."""
    return bool(_WORD.search(patterns.part_words.sub(" ", _AMOUNT_WORDS.sub(" ", gap))))


def _in_an_aside(scan: str, floor: int, position: int, figure_start: int) -> bool:
    """Whether `position` sits in a parenthesis that closes before the figure ("(bao gồm ...)")."""
    opening = scan.rfind("(", floor, position)
    return opening >= 0 and scan.find(")", opening, position) < 0 and scan.find(")", position, figure_start) >= 0


ASIDE_CHARS = 80  # the longest aside between dashes read past


def _in_a_dashed_aside(scan: str, floor: int, position: int, figure_start: int) -> bool:
    """Whether `position` sits between two spaced dashes before the figure ("Sầm Sơn - thành phố nhỏ
    nhất Việt Nam về diện tích - đạt ...")."""
    start = max(floor, position - ASIDE_CHARS)
    return (max(scan.rfind(" - ", start, position), scan.rfind(" – ", start, position)) >= 0
            and _A_SPACED_DASH.search(scan, position, min(figure_start, position + ASIDE_CHARS)) is not None)


_A_SPACED_DASH = re.compile(r" [-–] ")


def _qualifier_named_before(scan: str, hit: Hit, sentence_start: int, patterns: ContextPatterns) -> str | None:
    """A part named before its own trigger, after "riêng" / "trong đó" in the trigger's clause
    ("...; riêng khu vực có vốn đầu tư nước ngoài xuất khẩu 41,2 triệu USD")."""
    if hit.start < sentence_start:
        return None
    floor = max(sentence_start, hit.start - REACH)
    clause_start = max(floor, scan.rfind(";", floor, hit.start) + 1, scan.rfind(",", floor, hit.start) + 1)
    marker = patterns.sub_item_markers.search(scan, clause_start, hit.start)
    return _qualifier_between(scan, marker.end(), hit.start, patterns) if marker else None


@dataclass
class Extraction:
    mentions: list[Mention]
    skipped: list[Skipped]
    sentences: list[tuple[int, int]]
    scan: str


def extract(text: str, ruleset: RuleSet, below_province: bool = False) -> Extraction:
    """Mentions of indicator figures in one article's NFC text (not yet resolved); `below_province`:
    the article is a district's, town's or commune's (its sectors' growth is of their output)."""
    scan = scan_text(text)
    figures, skipped = find_figures(scan, ruleset.context)
    if not figures:  # nothing to attach: no need for sentences or triggers
        return Extraction([], skipped, [], scan)
    sentences = sentence_spans(text)
    sentence_starts = [s for s, _ in sentences]
    hits = find_triggers(scan, ruleset, trigger_windows(figures, sentences, sentence_starts))
    hit_ends = [h.end for h in hits]
    patterns = context_patterns(ruleset)
    rules = ruleset.by_code()
    mentions: list[Mention] = []
    previous_end: dict[int, int] = {}
    previous_verb: dict[int, str | None] = {}
    measures_of: dict[int, list[str]] = {}  # the measures each trigger has given, in order
    published_end: dict[int, int] = {}  # where each trigger's last figure taken as its own ends
    chosen: dict[tuple[int, int, int], tuple[Rule | None, str | None]] = {}  # one answer per trigger and sentence
    per_person: set[tuple[int, int]] = set()  # (trigger, sentence) whose figures went per person
    respective = respective_subjects(figures, hits, scan, sentences, sentence_starts)
    for number, figure in enumerate(figures):
        index = bisect.bisect_right(sentence_starts, figure.start) - 1
        s_start, s_end = sentences[index] if index >= 0 else (0, len(text))
        raw = text[figure.start:figure.end]
        if number in respective and respective[number] is None:
            skipped.append(Skipped(figure.start, figure.end, raw, "a 'lần lượt' list whose subjects are not named in order"))
            continue
        listed = listed_unit(text, scan, max(s_start, figure.start - REACH), figure.start)
        hit = respective.get(number) or _nearest_hit(hits, hit_ends, figure, sentences, index, scan, patterns,
                                                     listed[0] if listed else None)
        if hit is None or hit.rule is None:
            reason = "no indicator trigger in its clause" if hit is None else f"about something out of scope ('{text[hit.start:hit.end]}')"
            skipped.append(Skipped(figure.start, figure.end, raw, reason))
            continue
        if hit.start >= s_start and _OPENS_A_BREAKDOWN.fullmatch(scan, s_start, hit.start) \
                and _A_COMMA_RIGHT_AFTER.match(scan, hit.end):
            skipped.append(Skipped(figure.start, figure.end, raw, f"a part of '{text[hit.start:hit.end]}' "
                                   "that no code names (the sentence opens its breakdown)"))
            continue  # "Trong thu nội địa, thu từ doanh nghiệp Trung ương đạt 784,8 tỷ đồng"
        key = (id(hit), min(s_start, hit.start), s_end)
        if key not in chosen:
            chosen[key] = choose_indicator(hit, hits, scan, key[1], s_end, rules, patterns, below_province)
        rule, qualifier = chosen[key]
        if rule is None:
            skipped.append(Skipped(figure.start, figure.end, raw, f"'{text[hit.start:hit.end]}' names no indicator here"))
            continue
        if rule.per_person_is and ("người" in figure.per or (id(hit), s_start) in per_person
                                   or _PER_HEAD.search(scan, max(hit.end, previous_end.get(id(hit), 0)), figure.start)):
            per_person.add((id(hit), s_start))  # "GRDP đạt 94 triệu đồng/người (tăng 9,4%)": both per head
            rule = rules[rule.per_person_is]
        if _PER_HECTARE.search(figure.per) and rule.per_hectare_is:
            rule = rules[rule.per_hectare_is]  # "giá trị sản xuất đạt 103 triệu đồng/ha/năm": the value per hectare
        if _PER_HECTARE.search(figure.per) and not rule.per_hectare:
            skipped.append(Skipped(figure.start, figure.end, raw, "per hectare: a yield, not an indicator"))
            continue
        left_start = max(hit.end if hit.start >= s_start else s_start, previous_end.get(id(hit), 0))
        left = scan[left_start:figure.start]
        next_start = figures[number + 1].start if number + 1 < len(figures) else s_end
        right = scan[figure.end:min(next_start, s_end)]
        if figure.unit == "percent" and patterns.percent_of_a_group.match(right) \
                and not (rule.kind == "rate" and patterns.base_of_a_rate.match(right)):
            skipped.append(Skipped(figure.start, figure.end, raw, "a share of a group of people or places"))
            continue
        verb = _verb_for(figure, hit, left, right, scan, s_start, id(hit) in previous_end, patterns)
        if verb is None and (_COORDINATED.search(left) or _PLAN_IN_BRACKETS.search(left)):
            verb = previous_verb.get(id(hit))  # "đạt 104,4% kế hoạch và 100,9% ...", "tăng 3,8% (NQ 2,11%)"
        after = measure_after_percent(right, patterns) if figure.unit == "percent" else None
        if verb == "pct_of_plan" and after != "pct_of_plan" and figure.unit == "percent" and rule.kind != "rate" \
                and _reached_growth(scan, hit, s_start, left, figure.end, id(hit) in previous_end):
            verb = "pct_change"
        elif verb == "pct_of_plan" and after is None and figure.unit == "percent" and rule.reached_percent_is_growth \
                and not patterns.structure.search(scan, s_start, s_end):
            verb = "pct_change"  # "Trong đó, ngành dịch vụ đạt 12,2%": a sector's value added is never % of a plan unnamed
        elif verb is None and after is None and figure.unit == "percent" and rule.kind == "amount" \
                and _GROWTH_OF.search(scan, max(s_start, hit.start - 40), hit.start) and _ONLY_FROM.fullmatch(left):
            verb = "pct_change"  # "- Tốc độ tăng trưởng giá trị sản xuất 9%;": the growth names the trigger
        elif verb == "pct_of_plan" and after is None and figure.unit == "percent" and rule.kind == "amount" \
                and (_A_YEARLY_AVERAGE_RATE.search(left) or PER_YEAR.search(raw.rstrip())):
            verb = "pct_change"  # "thu ngân sách ... trung bình hằng năm giai đoạn 2015-2020 đạt 10,6%", "đạt hơn
            # 12%/năm": a mean growth; no plan is met by so much a year
        decided = decide_measure(rule, figure, verb, after)
        if decided is None:
            skipped.append(Skipped(figure.start, figure.end, raw, f"does not fit {rule.code} (verb {verb}, after {after})"))
            continue
        measure, value, high, unit = decided
        if unit == "percent" and (rule.kind != "amount" or rule.pct_change_is_level_of) and _OVER_ITS_PLAN.search(left):
            rule = rules[rule.pct_change_is_level_of] if rule.pct_change_is_level_of else rule
            measure, unit = "abs_change", "percentage_point"  # "tăng 7,75% (vượt kế hoạch 0,25%)": points over its plan
        if measure == "abs_change" and rule.plausible_change is not None and abs(value) > rule.plausible_change:
            skipped.append(Skipped(figure.start, figure.end, raw, f"a change of more than {rule.plausible_change:g} points: "
                                   "a relative change, not the rate's"))
            continue
        if measure in _CHANGES and patterns.basis_without_code.match(right):
            skipped.append(Skipped(figure.start, figure.end, raw, "a change against what no basis code names "
                                   "(another quarter, a growth rate)"))
            continue
        if (measure == "pct_change" and rule.kind == "amount" and after == "pct_of_plan"
                and measures_of.get(id(hit), [])[-1:] == ["pct_change"] and _PASSED_BY.search(left)):
            skipped.append(Skipped(figure.start, figure.end, raw, "how far a growth passed its plan: points of a "
                                   "growth rate, no measure of the amount"))
            continue  # "tăng 14% (vượt 3% so với nghị quyết)"
        if measure in _CHANGES and _a_change_of_its_share(measures_of.get(id(hit), []), left):
            skipped.append(Skipped(figure.start, figure.end, raw, "the change of the share right before it, not a growth"))
            continue
        if measure == "pct_change" and rule.kind == "amount" and measures_of.get(id(hit), [])[-1:] == ["pct_change"] \
                and _GROWTH_OF.search(scan, max(s_start, hit.start - 40), hit.start) and _A_CHANGE_RIGHT_AFTER.fullmatch(left):
            skipped.append(Skipped(figure.start, figure.end, raw, "the change of the growth rate right before it, "
                                   "in points: no measure of the amount"))
            continue  # "Tốc độ tăng trưởng giá trị sản xuất đạt 11,01%, tăng 0,26% so với năm 2022": the subject
            # is the growth itself, unlike "... so với tháng trước tăng 1,1% và tăng 9,0% so với cùng kỳ"
        if measure == "level" and unit not in ("percent", "percentage_point") and _A_YEARLY_MEAN.search(left):
            skipped.append(Skipped(figure.start, figure.end, raw, "a yearly mean of an amount over several years"))
            continue
        earlier_end = previous_end.get(id(hit))
        previous_end[id(hit)] = figure.end
        previous_verb[id(hit)] = verb
        measures_of.setdefault(id(hit), []).append(measure)
        if measure == "pct_change" and rule.pct_change_is_level_of:
            rule = rules[rule.pct_change_is_level_of]
            if after == "pct_of_plan":  # "GRDP tăng 9,63%, vượt 1,13% so với chỉ tiêu": points above the plan's rate
                measure, unit = "abs_change", "percentage_point"
            else:
                measure = "level"
        qualifier = (qualifier or _qualifier_between(scan, _qualifier_start(scan, hit, s_start, figure), figure.start, patterns)
                     or _qualifier_named_before(scan, hit, s_start, patterns))
        if qualifier is not None and _a_branch_named_since(scan, earlier_end, figure.start, s_start, patterns):
            skipped.append(Skipped(figure.start, figure.end, raw, f"a branch of the {qualifier} part that no qualifier code names"))
            continue  # "... chế biến, chế tạo tăng 15,4% chủ yếu ở ngành chế biến thực phẩm tăng 24,4%"
        whole = _whole_named_before(hit, hits, scan, s_start, patterns) if qualifier is None else None
        if whole is not None:  # a sector's branch after "trong đó": published only with a qualifier code
            qualifier = _qualifier_between(scan, whole.end, figure.start, patterns)
            if qualifier is None:
                skipped.append(Skipped(figure.start, figure.end, raw, f"a part of {rule.code} with no qualifier code"))
                continue
        if qualifier is None and _a_part_after_its_whole(hit, hits, scan, s_start, patterns):
            if hit.trigger is None or hit.trigger.part_is is None:
                skipped.append(Skipped(figure.start, figure.end, raw, f"a part of {rule.code} that no qualifier code names"))
                continue  # "Trong đó, doanh thu bán lẻ hàng hóa đạt ...": the goods of the retail total
            rule = rules[hit.trigger.part_is]  # "thu ngân sách nhà nước ... ; thu ngân sách phường đạt ...": the ward's own
        previous_figure_end = figures[number - 1].end if number else s_start
        if qualifier is None and _an_unnamed_part(scan, max(hit.end, s_start), figure.start, patterns,
                                                  hit.start < s_start, previous_figure_end, published_end.get(id(hit))):
            skipped.append(Skipped(figure.start, figure.end, raw, f"a part of {rule.code} that no qualifier code names"))
            continue
        if qualifier in _ONE_SECTOR and rule.kind == "growth":  # "khu vực có vốn đầu tư nước ngoài ..., tăng 18,9%"
            skipped.append(Skipped(figure.start, figure.end, raw, f"one sector's growth ({qualifier}), not {rule.code}"))
            continue
        if "tháng" in figure.per and measure == "level":
            qualifier = qualifier or "monthly"
        published_end[id(hit)] = figure.end
        mentions.append(Mention(
            indicator=rule.code, measure=measure, value=value, value_high=high, unit=unit,
            span_start=figure.start, span_end=figure.end, raw=raw.strip(),
            rule=f"{hit.rule.code}.{hit.name}:{measure}",
            sentence_start=s_start, sentence_end=s_end,
            trigger_start=hit.start, trigger_end=hit.end, qualifier=qualifier, pair=figure.pair,
            listed_unit=listed[1] if listed and hit.end <= listed[0] else None,
            explain={"trigger": text[hit.start:hit.end], "verb": verb or "", "after": after or ""},
        ))
    return Extraction(mentions, skipped, sentences, scan)


_OVER_ITS_PLAN = re.compile(r"""(?<!\w)vượt\s+(?:so\s+với\s+)?
    (?:kế\s+hoạch|kh|mục\s+tiêu|chỉ\s+tiêu|nghị\s+quyết|nq)(?:\s+[^\W\d]+){0,3}   # vượt kế hoạch (đề ra), mục tiêu Nghị quyết
    \s*(?:là\s+)?(?:khoảng\s+|hơn\s+)?$""", re.VERBOSE)
# "giảm từ", "giảm mạnh, từ gần": the verb, then where the change starts from
_FROM_AFTER_THE_VERB = re.compile(r"\w+(?:\s+\w+)?\s*,?\s+từ\s+(?:(?:gần|hơn|khoảng|trên)\s+)?$")
_COMPARED = re.compile(r"\s*,?\s*so\s+(?:với\s+)?")  # "... so với mục tiêu Đại hội": what it is measured against
_CHANGES = frozenset({"pct_change", "abs_change"})
_PASSED_BY = re.compile(r"^\s*\(\s*(?:vượt|cao\s+hơn)\s+(?:khoảng\s+|hơn\s+)?$")  # "14% (vượt 3% so với nghị quyết)": right after the growth
_A_CHANGE_RIGHT_AFTER = re.compile(r"\s*,?\s*(?:và\s+)?(?:tăng|giảm)\s+")  # "chiếm 17,36%, giảm 1,19%"


_OPENS_A_BREAKDOWN = re.compile(r"\W*trong\s+(?:tổng\s+)?")  # "Trong thu nội địa, ...": the whole whose parts follow
_A_COMMA_RIGHT_AFTER = re.compile(r"\s*,")


def _a_change_of_its_share(measures: list[str], left: str) -> bool:
    """Whether a change right after a share is the share's own: "nông nghiệp chiếm 38,10%, giảm 0,07%
    so với năm 2023". After an amount and its share it is the amount's growth: "khu vực FDI ước
    29.115 tỷ đồng, chiếm 75,7%, tăng 14,8%"."""
    return bool(measures) and measures[-1] == "share" and "level" not in measures \
        and _A_CHANGE_RIGHT_AFTER.fullmatch(left) is not None


def _verb_for(figure: Figure, hit: Hit, left: str, right: str, scan: str, sentence_start: int,
              hit_used: bool, patterns: ContextPatterns) -> str | None:
    """The measure the words before the figure name (with the special cases of real prose)."""
    verb, verb_start = nearest_verb(left, patterns)
    if verb is None and figure.signed:
        return "pct_change"  # "(+10,7% so với cùng kỳ)", a signed table cell
    if verb in ("pct_change", "pct_change_down") and _FROM_AFTER_THE_VERB.match(left, verb_start) \
            and re.search(r"(?<!\w)(?:xuống|lên|còn)(?!\w)", right):
        return "level"  # "giảm từ 9,62% năm 2015 xuống còn 2,87%", "giảm từ 36,73% còn 31,57%": the starting level
    if verb is None and not hit_used and figure.unit == "percent":
        verb = verb_before_trigger(scan, hit, sentence_start, patterns)
    if verb == "level" and figure.unit == "percentage_point" and _CONTRIBUTED.search(left):
        return "contribution_pp"  # "đóng góp vào tăng trưởng chung của tỉnh là 0,23 điểm %"
    if verb in (None, "level") and figure.unit == "percent" and patterns.structure.search(
            scan, max(sentence_start, figure.start - REACH), figure.start):
        verb = "share"  # "Cơ cấu kinh tế: nông nghiệp 14,2% ...", "tỷ trọng ... giảm xuống còn 7,9%"
    if verb == "pct_change" and figure.unit not in ("percent", "percentage_point", "times") \
            and re.search(r"(?<!\w)vượt\s*(?:mức\s*)?$", left) and not _COMPARED.match(right):
        verb = None  # "thu ngân sách vượt 2.200 tỷ đồng": an amount above a mark is a level, but "vượt 17,7
        # triệu đồng so với mục tiêu" is by how much
    return verb


def trigger_windows(figures: list[Figure], sentences: list[tuple[int, int]],
                    sentence_starts: list[int]) -> list[tuple[int, int]]:
    """The stretches of text that can hold a figure's trigger: from a few sentences before it (a
    continuation sentence goes on with an earlier subject) to the figure; overlapping ones merged."""
    windows: list[tuple[int, int]] = []
    for figure in figures:
        index = bisect.bisect_right(sentence_starts, figure.start) - 1
        start = sentences[max(0, index - MAX_CONTINUATION_SENTENCES)][0] if index >= 0 else 0
        end = figure.end + LOOKAHEAD_ROOM  # triggers may look ahead to their figure ("kinh tế ... tăng 6,8%")
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(windows[-1][1], end))
        else:
            windows.append((start, end))
    return windows


def choose_indicator(hit: Hit, hits: list[Hit], scan: str, sentence_start: int, sentence_end: int,
                     rules: dict[str, Rule], patterns: ContextPatterns,
                     below_province: bool = False) -> tuple[Rule | None, str | None]:
    """The indicator (and qualifier) a trigger stands for here.

    A trigger's `switch` reads the paragraph before it: sector growth after "GRDP" is value added,
    after "giá trị sản xuất" it is output value. A sub-total ("thu nội địa") written after
    "trong đó" in a sentence about its parent ("thu ngân sách") is the parent, with a qualifier.
    """
    rule = hit.rule
    qualifier = hit.trigger.qualifier if hit.trigger else None
    if below_province and patterns.structure.search(scan, sentence_start, sentence_end):
        below_province = False  # "cơ cấu kinh tế" is of value added, a district's too
    switched = (_switched_code(hit, scan, max(0, hit.start - patterns.switch_window), sentence_end, below_province)
                or _economy_structure_code(hit, scan, sentence_start, sentence_end, patterns, below_province))
    if switched:
        rule = rules[switched]
    elif hit.trigger is not None and hit.trigger.switch_only and not patterns.structure.search(scan, sentence_start, sentence_end):
        return None, None  # a bare sector word with no GRDP, output or "cơ cấu" context says nothing
    if rule.sub_item_of and _is_sub_item(hit, hits, scan, sentence_start, rule.sub_item_of, patterns):
        return rules[rule.sub_item_of], rule.sub_item_qualifier
    return rule, qualifier


def _switched_code(hit: Hit, scan: str, window_start: int, sentence_end: int, below_province: bool = False) -> str | None:
    """The code of the switch context nearest the trigger: before it (within the window) or after it
    in its sentence ("công nghiệp - xây dựng tăng 9,6%, đóng góp 4,1 điểm vào mức tăng GRDP"); in
    an article below a province, a switch's `below_province` code where it has one."""
    best: tuple[int, str | None] = (len(scan) + 1, None)
    clause_start: int | None = None
    for switch in hit.trigger.switch if hit.trigger else ():
        code = switch.below_province if below_province and switch.below_province else switch.code
        if switch.leads_in:  # "Riêng khu vực công nghiệp ..., tổng giá trị sản xuất": only one ending at the trigger
            if clause_start is None:
                clause_start = max(window_start, *(scan.rfind(mark, 0, hit.start) for mark in ".;:\n"))
            if any(match.end() == hit.start for match in switch.context.finditer(scan, clause_start, hit.end)):
                best = (0, code)
            continue
        for match in switch.context.finditer(scan, window_start, hit.end):  # a context may look into the trigger
            if match.start() >= hit.start:
                break
            if hit.start - min(match.end(), hit.start) < best[0]:
                best = (hit.start - min(match.end(), hit.start), code)
        after = switch.context.search(scan, hit.end, min(sentence_end, hit.end + REACH))
        if after and after.start() - hit.end < best[0]:
            best = (after.start() - hit.end, code)
    return best[1]


def _economy_structure_code(hit: Hit, scan: str, sentence_start: int, sentence_end: int,
                            patterns: ContextPatterns, below_province: bool = False) -> str | None:
    """A sector in a sentence on the economy's structure with no switch context before it: the
    context of the words right after it (past its sentence, in its paragraph), else the structure's
    own (value added)."""
    if hit.trigger is None or not hit.trigger.switch or not patterns.economy_structure.search(scan, sentence_start, sentence_end):
        return None
    paragraph_end = scan.find("\n", sentence_end)
    reach_end = min(len(scan) if paragraph_end < 0 else paragraph_end, hit.end + patterns.economy_structure_reach)
    return (_switched_code(hit, scan, hit.start, reach_end, below_province)
            or next((s.code for s in hit.trigger.switch if s.name == patterns.economy_structure_context), None))


def _is_sub_item(hit: Hit, hits: list[Hit], scan: str, sentence_start: int, parent: str,
                 patterns: ContextPatterns) -> bool:
    """A parent trigger earlier in the sentence, and "trong đó" in the sub-item's own clause."""
    before = [h for h in hits if sentence_start <= h.start and h.end <= hit.start]
    parents = [h for h in before if h.rule is not None and h.rule.code == parent and not _names_a_part(h, parent)]
    if not parents:
        return _opens_a_part_of_an_earlier_parent(hit, hits, scan, sentence_start, parent, patterns)
    clause_start = max(parents[-1].end, scan.rfind(";", parents[-1].end, hit.start))
    if patterns.sub_item_markers.search(scan, clause_start, hit.start):
        return True  # "...; trong đó thu nội địa", "..., riêng thu nội địa"
    if _in_an_open_parenthesis(scan, parents[-1].end, hit.start):
        return True  # "Tổng thu ngân sách ... đạt 36.348 tỷ đồng (thu nội địa 26.631 tỷ đồng; ...)": its breakdown
    return bool(patterns.list_markers.search(scan, parents[-1].end, clause_start))  # a "trong đó" list goes on


def _in_an_open_parenthesis(scan: str, start: int, position: int) -> bool:
    """Whether a parenthesis opened in scan[start:position] is still open at `position`."""
    opening = scan.rfind("(", start, position)
    return opening >= 0 and scan.find(")", opening, position) < 0


def _whole_named_before(hit: Hit, hits: list[Hit], scan: str, sentence_start: int,
                        patterns: ContextPatterns) -> Hit | None:
    """The trigger of the whole when a sector word names one of its branches: the same indicator named
    before it in the sentence, and "trong đó" right before the branch ("Giá trị sản xuất nông, lâm
    nghiệp và thủy sản ..., trong đó: nông nghiệp tăng 5,1%"). A part is published only with a
    qualifier code. ("..., riêng năm 2016 giá trị sản xuất công nghiệp tăng 16,4%" is no part.) A whole
    of its own named since ("... dịch vụ tăng 12,3%, góp phần vào tăng trưởng chung đạt 7,1%; trong
    đó, khu vực dịch vụ tăng 9,3%") is what "trong đó" breaks down."""
    if hit.rule is None or hit.trigger is None or not hit.trigger.switch_only or hit.start < sentence_start:
        return None
    if not patterns.sub_item_markers.search(scan, max(sentence_start, hit.start - SUB_ITEM_MARKER_ROOM), hit.start):
        return None
    whole = None
    for earlier in hits:
        if earlier.start >= hit.start:
            break
        if earlier.start < sentence_start or earlier.rule is None or earlier.trigger is None:
            continue
        if earlier.rule is hit.rule:
            whole = earlier
        elif not (earlier.trigger.switch_only or earlier.trigger.weak):
            whole = None
    return whole


SUB_ITEM_MARKER_ROOM = 40  # "Trong tổng thu nói trên, thu nội địa": the marker this close before the trigger
PARENT_BEFORE_ROOM = 600  # the parent named this close before the sentence


def _opens_a_part_of_an_earlier_parent(hit: Hit, hits: list[Hit], scan: str, sentence_start: int, parent: str,
                                       patterns: ContextPatterns) -> bool:
    """"Tổng thu ngân sách ... . Trong đó, thu nội địa ...; thu từ hoạt động xuất nhập khẩu ...": a
    marker right before the trigger, or a list opened earlier in the sentence, and the parent in the
    sentences just before. "Trong đó thu nội địa" names a part even when the whole goes unnamed."""
    marker = patterns.sub_item_markers.search(scan, max(sentence_start, hit.start - SUB_ITEM_MARKER_ROOM), hit.start)
    if marker and patterns.list_markers.fullmatch(marker.group()):
        return True
    opened = patterns.list_markers.search(scan, sentence_start, hit.start)
    if not (marker or opened):
        return _list_of_parts_goes_on(hits, scan, sentence_start, parent, patterns)
    if opened and any(opened.end() <= h.start and h.end <= hit.start and _names_a_part(h, parent) for h in hits):
        return True  # "Trong tổng thu nói trên, thu nội địa ...; thu từ hoạt động xuất nhập khẩu ...": a sibling
    return any(h.rule is not None and h.rule.code == parent and sentence_start - PARENT_BEFORE_ROOM <= h.start
               and h.end <= sentence_start for h in hits)


def _a_part_after_its_whole(hit: Hit, hits: list[Hit], scan: str, sentence_start: int,
                            patterns: ContextPatterns) -> bool:
    """A trigger that may name a part ("doanh thu bán lẻ hàng hóa", "thu cân đối ngân sách") after its
    indicator's whole named by another trigger: earlier in its sentence, or just before with a list
    marker or "riêng" leading the part's sentence."""
    if hit.trigger is None or not hit.trigger.part or hit.rule is None:
        return False
    wholes = [h for h in hits if h.rule is hit.rule and h.trigger is not None and not h.trigger.part
              and hit.start - PARENT_BEFORE_ROOM <= h.start and h.end <= hit.start]
    if any(h.start >= sentence_start for h in wholes):
        return True  # "tổng thu ngân sách ... đạt 832 tỷ đồng; thu cân đối ngân sách ... 41 tỷ đồng"
    return bool(wholes) and patterns.sub_item_markers.search(scan, sentence_start, hit.start) is not None


def _names_a_part(hit: Hit, parent: str) -> bool:
    """A sub-total of the parent ("thu nội địa") or the parent's own trigger for a part ("thu dầu thô")."""
    return hit.rule is not None and (hit.rule.sub_item_of == parent or (
        hit.rule.code == parent and hit.trigger is not None and bool(hit.trigger.qualifier)))


def _list_of_parts_goes_on(hits: list[Hit], scan: str, sentence_start: int, parent: str,
                           patterns: ContextPatterns) -> bool:
    """"Tổng thu ngân sách ... . Cụ thể, thu nội địa ... . Thu dầu thô ... . Thu từ hoạt động xuất nhập
    khẩu ...": the sentences just before opened a list of the parent's parts after naming the parent,
    and named nothing but its parts since."""
    whole, parts = None, []
    for earlier in hits:
        if earlier.end > sentence_start:
            break
        if earlier.start < sentence_start - PARENT_BEFORE_ROOM or earlier.rule is None \
                or _SHARE_OF_A_WHOLE.search(scan, max(0, earlier.start - 20), earlier.start):
            continue  # far back, out of scope, or the whole of a share ("chiếm 63,5% tổng thu ngân sách")
        if _names_a_part(earlier, parent):
            parts.append(earlier)
        elif earlier.rule.code == parent:
            whole, parts = earlier, []
        else:
            whole, parts = None, []
    if not (whole and parts):
        return False
    marker = patterns.list_markers.search(scan, whole.end, parts[0].start)
    return bool(marker and _SENTENCE_HEAD.search(scan, max(0, marker.start() - 8), marker.start()))


# a list marker that opens a sentence or line ("Cụ thể, ...", "Trong đó: ...") opens a list that goes on
# into the sentences after; one inside the whole's sentence ("...; trong đó thu nội địa ...") ends with it
_SENTENCE_HEAD = re.compile(r"(?:^|[.!?\n][\s\-+•*]*)$")


MAX_CONTINUATION_SENTENCES = 3
LOOKAHEAD_ROOM = 80
#: "(tăng) ... bình quân hằng năm (giai đoạn 2015-2020) đạt": a yearly mean rate, of an amount its growth
_A_YEARLY_AVERAGE_RATE = re.compile(r"""
    (?:bình\s+quân|trung\s+bình)\s+(?:mỗi|hằng|hàng|một)\s+năm   # bình quân / trung bình hằng năm
    (?:\s+(?:[^\W\d]+|(?:19|20)\d{2}\s*[-–]\s*(?:19|20)\d{2})){0,5}   # then a few words or a span of years
    \s*$""", re.VERBOSE)
# "(bình quân mỗi năm thu được 123,74 tỷ đồng)": the mean of a span's years is no year's figure
PER_YEAR = re.compile(r"%\s*/\s*năm$")  # "22,03%/năm": a rate a year, averaged over a span of years
_A_YEARLY_MEAN = re.compile(r"bình\s+quân\s+(?:mỗi|hằng|hàng|một)\s+năm(?:\s+[^\W\d]+){0,3}\s*$")
_ONE_SECTOR = frozenset({"fdi", "non_state", "state", "manufacturing"})  # a sector by owner or branch: not the economy
_CONTRIBUTED = re.compile(r"(?<!\w)đóng\s+góp(?!\w)")
_COORDINATED = re.compile(r"(?<!\w)và\s*$")  # a figure joined to the one before shares its verb
_PLAN_OPENS_A_BRACKET = r"""
    \(\s*                                                  # an opening bracket right after a figure
    (?:nq|kh|nghị\s+quyết|kế\s+hoạch|chỉ\s+tiêu|mục\s+tiêu)  # then the plan it is held against
    \s*(?:là|:|đề\s+ra)?\s*                                # and the plan's own figure follows
"""
_PLAN_IN_BRACKETS = re.compile(_PLAN_OPENS_A_BRACKET + "$", re.VERBOSE)  # "... (NQ " before the plan's figure
#: after a figure, the plan's own rate: "3,8% (NQ 2,11%)"; not its amount ("đạt 78% (kế hoạch 3.650 tỷ đồng)")
_PLAN_RATE_AFTER = re.compile(r"\s*" + _PLAN_OPENS_A_BRACKET + r"[+-]?\d[\d.,]*\s*(?:-\s*\d[\d.,]*\s*)?%", re.VERBOSE)
_GROWTH_OF = re.compile(r"""
    (?<!\w)(?:tốc\s+độ\s+tăng(?:\s+trưởng)?|tăng\s+trưởng)     # the growth ...
    (?:\s+(?:của|bình\s+quân|chung|toàn|các|ngành|khu\s+vực|lĩnh\s+vực))*\s*$   # ... of the trigger's subject
""", re.VERBOSE)
_ONLY_FROM = re.compile(r"\s*(?:từ\s+)?")  # "tốc độ tăng trưởng dịch vụ từ 16 - 18%": nothing but where a range starts
_GROWTH_SUBJECT = re.compile(r"(?<!\w)(?:tốc\s+độ\s+tăng|tăng\s+trưởng)(?!\w)")


def _reached_growth(scan: str, hit: Hit, sentence_start: int, left: str, figure_end: int, hit_used: bool) -> bool:
    """Whether "đạt X%" reports a growth rate, not a share of the plan: the subject is a growth
    ("tăng trưởng của khu vực dịch vụ đạt 4,2%") or the plan's own rate follows in brackets
    ("giá trị tăng thêm ... ước đạt 3,8% (NQ 2,11%)")."""
    if _PLAN_RATE_AFTER.match(scan, figure_end):
        return True
    named_before = scan[max(sentence_start, hit.start - 40):hit.start]
    if hit_used:  # "tốc độ tăng giá trị sản xuất ... đạt 7,1%/năm; năm 2022 đạt 8,2%": the growth names the trigger,
        # or the figure's own words since the one before do ("..., tốc độ tăng bình quân hàng năm đạt 10,71%")
        return _GROWTH_OF.search(named_before) is not None or _GROWTH_SUBJECT.search(left) is not None
    return _GROWTH_SUBJECT.search(named_before + left) is not None


#: "(cơ cấu tương ứng của cùng kỳ năm 2019 lần lượt là: " right before a list of figures
_RESPECTIVE_WORDS = r"(?<!\w)(?:lần\s+lượt|tương\s+ứng)"  # respectively
_BRACKETED_PLAN = r"\(\s*(?:nq|kh|kế\s+hoạch|nghị\s+quyết|chỉ\s+tiêu)"  # a bracketed plan: "(NQ là 42%; 21,6%; 36,4%)"
_RESPECTIVELY = re.compile(rf"""
    (?:{_RESPECTIVE_WORDS}
       (?:\s+[^;:()]{{0,30}}?)?                           # (của cùng kỳ năm 2023)
     |{_BRACKETED_PLAN}
    )
    (?:\s+(?:là|đạt|bằng|chiếm|tăng|giảm|ở\s+mức))?       # and a verb
    \s*:?\s*$
""", re.VERBOSE)
_RESPECTIVELY_WORDS = re.compile(f"{_RESPECTIVE_WORDS}|{_BRACKETED_PLAN}")  # one look at the article first
_BETWEEN_LISTED = re.compile(r"\s*(?:[;,]\s*(?:và\s+)?|và\s+)")  # "39,75%; 12,04%", "3,2%, 8,5% và 9,1%"
RESPECTIVELY_ROOM = 60  # characters before a list's first figure where "lần lượt là" is read


def respective_subjects(figures: list[Figure], hits: list[Hit], scan: str, sentences: list[tuple[int, int]],
                        sentence_starts: list[int]) -> dict[int, Hit | None]:
    """Figure index -> its subject, for the figures of a list read "respectively" ("khu vực I chiếm
    39,2%; khu vực II ...; khu vực III ... (cùng kỳ lần lượt là: 39,7%; 12,0%; 46,8%)"): the n
    figures go to the last n indicator triggers named before the list in its sentence, in order,
    each with a figure of its own. None: a list whose subjects are not named so (left out, never
    all given to the nearest trigger)."""
    subjects: dict[int, Hit | None] = {}
    if not _RESPECTIVELY_WORDS.search(scan):
        return subjects  # most articles: one look instead of one search per figure
    number = 0
    while number < len(figures):
        figure = figures[number]
        marker = _RESPECTIVELY.search(scan, max(0, figure.start - RESPECTIVELY_ROOM), figure.start)
        if marker is None:
            number += 1
            continue
        index = bisect.bisect_right(sentence_starts, figure.start) - 1
        s_start, s_end = sentences[index] if index >= 0 else (0, len(scan))
        run = [number]
        while (run[-1] + 1 < len(figures) and figures[run[-1] + 1].start < s_end
               and _BETWEEN_LISTED.fullmatch(scan, figures[run[-1]].end, figures[run[-1] + 1].start)):
            run.append(run[-1] + 1)
        if len(run) > 1:
            named = [h for h in hits if s_start <= h.start and h.end <= marker.start() and h.rule is not None]
            chosen = named[-len(run):] if len(named) >= len(run) else None
            if chosen and (len({h.rule.code for h in chosen}) < len(run)
                           or not _each_with_a_figure(chosen, figures, marker.start())):
                chosen = None  # one indicator named twice, or subjects listed without figures of their own
            subjects.update({n: chosen[i] if chosen else None for i, n in enumerate(run)})
        number = run[-1] + 1
    return subjects


def _each_with_a_figure(subjects: list[Hit], figures: list[Figure], end: int) -> bool:
    """Whether each subject has a figure of its own before the next one (and the last before `end`):
    the list repeats, for another time, figures the sentence gave each subject."""
    bounds = [h.start for h in subjects[1:]] + [end]
    return all(any(h.end <= f.start and f.end <= bound for f in figures) for h, bound in zip(subjects, bounds))


def _nearest_hit(hits: list[Hit], hit_ends: list[int], figure: Figure, sentences: list[tuple[int, int]],
                 index: int, scan: str, patterns: ContextPatterns, list_start: int | None = None) -> Hit | None:
    """The trigger a figure belongs to: the last one before it in its clause, close enough. An item
    of a list of units that opens at `list_start` belongs to the trigger right before the list.

    A weak trigger (a bare "tăng trưởng") yields to another trigger or a blocker earlier in the clause. A
    sentence that opens with a continuation ("Lũy kế 10 tháng ...", "Khu vực nhà nước giảm
    2,4%") and names no trigger of its own goes on with the subject of the sentences before.
    """
    sentence_start = sentences[index][0] if index >= 0 else 0
    position = bisect.bisect_right(hit_ends, figure.start) - 1
    while position > 0 and hits[position].rule is None and hits[position - 1].rule is not None and any(
            aside(scan, hits[position - 1].end, hits[position].start, figure.start)
            for aside in (_in_an_aside, _in_a_dashed_aside)):
        position -= 1  # a blocker in an aside after the subject: "... của Sầm Sơn - thành phố nhỏ nhất về diện tích - đạt"
    while position >= 0 and hits[position].rule is not None and (
            (hits[position].rule.kind == "amount"
             and _SHARE_OF_A_WHOLE.search(scan, max(0, hits[position].start - 20), hits[position].start)
             and not _A_CHANGE_RIGHT_BEFORE.search(scan, max(0, hits[position].start - 40), hits[position].start))
            or (_DRIVEN.search(scan, max(0, hits[position].start - DRIVEN_REACH), hits[position].start)
                and _WITH_ITS_RATE.search(scan, hits[position].end, figure.start))):
        position -= 1  # "chiếm 24,1% tổng thu ngân sách và tăng 33,2%", "thúc đẩy tăng trưởng kinh tế với mức
        # tăng 5,48%": the whole of a share, or what a sector drives at a rate of its own, is not the subject
    hit = hits[position] if position >= 0 else None
    if hit is not None and hit.start >= sentence_start:
        clause_start = _clause_start(scan, sentence_start, figure.start, patterns)
        reach_end = figure.start
        if list_start is not None and hit.end <= list_start:
            clause_start, reach_end = _clause_start(scan, sentence_start, list_start, patterns), list_start
        if reach_end - hit.end > MAX_TRIGGER_DISTANCE or clause_start > hit.end:
            return None
        if hit.trigger is not None and hit.trigger.weak:
            stronger = _stronger_before(hits, position, clause_start, scan, patterns)
            if stronger:
                return stronger
            if _a_sector_grows(scan, clause_start, hit, patterns) or _under_a_sector_heading(scan, sentence_start, patterns):
                return None
            return hit
        return hit
    subject_start = _subject_sentence_start(sentences, index, scan, patterns, hit)
    if hit is None or subject_start is None or hit.start < subject_start or hit.rule is None:
        return None
    if hit.trigger is not None and hit.trigger.weak:  # "thu ngân sách ... ghi nhận mức tăng trưởng tích cực. Ước đạt ..."
        hit_sentence_start = sentences[bisect.bisect_right(sentences, hit.start, key=lambda s: s[0]) - 1][0]
        return _stronger_before(hits, position, _clause_start(scan, hit_sentence_start, hit.start, patterns),
                                scan, patterns) or hit
    return hit


def _stronger_before(hits: list[Hit], position: int, clause_start: int, scan: str, patterns: ContextPatterns) -> Hit | None:
    """The last trigger or blocker in the clause before the weak trigger hits[position] (a blocker says
    out of scope), unless a list opens after it."""
    weak = hits[position]
    stronger = [h for h in hits[:position] if h.start >= clause_start
                and not (h.trigger and h.trigger.weak) and not _a_list_opens_after(h, scan, weak.start, patterns)]
    return stronger[-1] if stronger else None


#: "... so với cùng kỳ: Vụ Bản tăng 18,3%; Giao Thuỷ tăng 15%; ...", "... cao nhất cả nước gồm Hậu Giang
#: tăng 12,67%; Bình Thuận tăng 9,86%": a list of units, each with its own figure of the subject before it
_LIST_OF_UNITS_OPENS = re.compile(r":|(?<!\w)(?:gồm|như|là)(?!\w)")
_UNIT_ITEM = re.compile(r"""
    \s*(?P<unit>(?:(?i:huyện|thị\s+xã|thành\s+phố|tp\.?|quận|tỉnh)\s+)?     # the unit's type, when written
      (?P<name>[^\W\d_][^\s,;:.()]*(?:[ \t]+[^\W\d_][^\s,;:.()]*){0,3}?))   # its name, up to four words
    \s+(?:ước\s+)?(?:tăng|giảm|đạt)\s+(?:khoảng\s+|hơn\s+|gần\s+|trên\s+)?   # its verb
    (?=[+-]?\d)                                                           # then its figure
""", re.VERBOSE)
_ITEM_ENDS = re.compile(r";|,(?=\s)")  # a comma inside a figure ("18,3%") ends no item
_VERB_WORDS = ("tăng ", "giảm ", "đạt ", "khoảng ", "hơn ", "gần ", "trên ")
_NAME_THEN_VERB = re.compile(r"(\w+)\s+(?:ước\s+)?(?:tăng|giảm|đạt)\s+(?:khoảng\s+|hơn\s+|gần\s+|trên\s+)?$")
MAX_LISTED_UNITS = 40


def listed_unit(text: str, scan: str, floor: int, figure_start: int) -> tuple[int, str] | None:
    """(where the list opens, the unit's words as the text writes them) when the figure is the one
    of an item of a list of units each written as "Name tăng 9,86%", from the list's opening to the
    figure; None otherwise. The scan text finds the words, the text's capitals tell names."""
    if not scan.startswith(_VERB_WORDS, scan.rfind(" ", floor, figure_start - 1) + 1):
        return None  # most figures: no verb right before them
    named = _NAME_THEN_VERB.search(text, max(floor, figure_start - 40), figure_start)
    if named is None or not named.group(1)[0].isupper():
        return None  # no capitalised word before the verb: no unit's name
    openings = list(_LIST_OF_UNITS_OPENS.finditer(scan, floor, figure_start))
    if not openings:
        return None
    opening = openings[-1]
    position = opening.end()
    for _ in range(MAX_LISTED_UNITS):
        item = _UNIT_ITEM.match(scan, position)
        if item is None or item.end() > figure_start \
                or not all(word[0].isupper() for word in text[item.start("name"):item.end("name")].split()):
            return None  # "Công nghiệp", "kinh tế": a name is written with capitals
        if item.end() == figure_start:
            return opening.start(), text[item.start("unit"):item.end("unit")]
        item_end = _ITEM_ENDS.search(scan, item.end(), figure_start)
        if item_end is None:
            return None
        position = item_end.end()
    return None


def _a_list_opens_after(blocker: Hit, scan: str, position: int, patterns: ContextPatterns) -> bool:
    """Whether a blocker's say ends before `position` because a list opens after it ("Các chỉ tiêu
    kinh tế chủ yếu năm 2024 là: Tốc độ tăng trưởng giá trị sản xuất đạt 9,5%", "23/25 chỉ tiêu
    chủ yếu đạt kế hoạch; trong đó, tốc độ tăng giá trị sản xuất ước đạt 23,56%")."""
    return blocker.rule is None and (scan.find(":", blocker.end, position) >= 0
                                     or patterns.list_markers.search(scan, blocker.end, position) is not None)


_WITH_ITS_RATE = re.compile(r"""
    (?<!\w)với\s+
    (?:(?:mức|tốc\s+độ)\s+tăng               # "với mức tăng 9,1%": the subject's own rate follows
      |(?:(?:giá\s+trị|khoảng|hơn|trên)\s+)?(?=\d|$))   # "với 3.206 tỷ đồng, tăng 8,9%": its own amount
""", re.VERBOSE)
_DRIVEN = re.compile(r"""(?<!\w)
    (?:thúc\s+đẩy|động\s+lực(?:\s+(?:của|cho))?|đòn\s+bẩy|trụ\s+cột|đầu\s+tàu   # what drives the economy ...
      |đóng\s+góp\s+vào|góp\s+phần(?:\s+vào)?)\s+
    (?:(?:tăng\s+trưởng|phát\s+triển)\s+(?:của\s+)?(?:toàn\s+)?(?:nền\s+)?)?      # ... "động lực tăng trưởng của toàn nền" (kinh tế)
    $""", re.VERBOSE)
DRIVEN_REACH = 60
#: "tăng 11,06% kim ngạch nhập khẩu ước đạt ...": a change, then the next subject with no comma between
_A_CHANGE_RIGHT_BEFORE = re.compile(r"(?<!\w)(?:tăng|giảm)\s+(?:khoảng\s+|hơn\s+|gần\s+|trên\s+)?\d[\d.,]*\s?%[ \t]*\Z")
_SHARE_OF_A_WHOLE = re.compile(r"\d\s?%[ \t]*(?:của[ \t]+|trong[ \t]+)?\Z")  # \Z: "$" would also match before a line break
HEADING_CHARS = 90  # a line this short, with no figure, heads the paragraph after it


#: the words that may come before a sector's name: "(tăng trưởng) của khu vực (dịch vụ)", "Ngành (du lịch)"
_BEFORE_A_SECTOR = re.compile(r"\s*(?:của\s+)?(?:các\s+|toàn\s+)?(?:(?i:khu\s+vực|ngành|lĩnh\s+vực)\s+)?")


def _a_sector_grows(scan: str, clause_start: int, weak: Hit, patterns: ContextPatterns) -> bool:
    """Whether a bare "tăng trưởng" is a sector's: a sector opens its clause or its part of it
    ("Khu vực dịch vụ là điểm sáng ..., với tốc độ tăng trưởng 6,79%", "Công nghiệp tăng trưởng
    17,5%") or follows it ("tăng trưởng của khu vực dịch vụ")."""
    if weak.rule is None or weak.rule.kind != "growth":
        return False  # a bare "giá trị sản xuất" after a sector is switched to that sector's code
    part_start = max(clause_start, scan.rfind(",", clause_start, weak.start) + 1)
    return bool(patterns.sector_words.search(scan, part_start, weak.start)
                or any(patterns.sector_words.match(scan, _BEFORE_A_SECTOR.match(scan, where).end())
                       for where in (weak.end, clause_start)))  # after it, or opening its clause


def _under_a_sector_heading(scan: str, sentence_start: int, patterns: ContextPatterns) -> bool:
    """Whether the sentence is in a paragraph right under a heading that names a sector
    ("II. Công nghiệp - xây dựng" / "Giá trị sản xuất ước đạt ..."): a generic word's subject is
    the heading's sector there, and the heading is not read, so the figure is left out."""
    paragraph_start = scan.rfind("\n", 0, sentence_start) + 1
    if paragraph_start == 0:
        return False
    heading = scan[scan.rfind("\n", 0, paragraph_start - 1) + 1:paragraph_start - 1]
    return (0 < len(heading.strip()) <= HEADING_CHARS and not _FIGURE_IN_HEADING.search(heading)
            and bool(patterns.sector_words.search(heading)))


_FIGURE_IN_HEADING = re.compile(r"\d[\d.,]*\s*(?:%|tỷ|triệu|nghìn|ngàn)")


def _subject_sentence_start(sentences: list[tuple[int, int]], index: int, scan: str,
                            patterns: ContextPatterns, last_hit: Hit | None = None) -> int | None:
    """Start of the sentence whose subject a chain of continuation sentences goes on with: the first
    one back that opens with no continuation, or that names the last trigger itself ("Lũy kế 5
    tháng, tổng mức bán lẻ ... đạt ... . Trong đó: khu vực kinh tế trong nước đạt ...")."""
    chain = _sentences_back(sentences, index, scan, last_hit)
    for back in range(1, MAX_CONTINUATION_SENTENCES + 1):
        if back >= len(chain) or not patterns.continuation.match(scan, sentences[chain[back - 1]][0]):
            return None
        previous_start, previous_end = sentences[chain[back]]
        if not patterns.continuation.match(scan, previous_start) or (
                last_hit is not None and last_hit.rule is not None and previous_start <= last_hit.start < previous_end):
            return previous_start
    return None


def _sentences_back(sentences: list[tuple[int, int]], index: int, scan: str, last_hit: Hit | None) -> list[int]:
    """The sentence and those before it, nearest first, past lines a page puts between a paragraph
    and the next: a photo's caption, a byline ("BGP/Hải Huyền."), a line with no figure."""
    chain = [index]
    skipped = 0
    for number in range(index - 1, -1, -1):
        start, end = sentences[number]
        if skipped < MAX_CONTINUATION_SENTENCES and _a_line_between(scan, start, end) \
                and not (last_hit is not None and start <= last_hit.start < end):
            skipped += 1
            continue
        chain.append(number)
        if len(chain) > MAX_CONTINUATION_SENTENCES:
            break
    return chain


# A line a page puts between two paragraphs, that the text goes on past: a short line with no figure
# ("BGP/Hải Huyền.", a related article's headline) or a photo's caption with its credit ("Một góc
# thành phố (Ảnh: Thanh Tùng).", "... tăng 20% (Ảnh minh họa)."). Continuation chains read past it
# (here) and so does an estimate carried to the parts of its whole (resolve).
LINE_BETWEEN_PARAGRAPHS = re.compile(r"""(?<=\n)(?:
    (?:(?!\d[\d.,]*\s*(?:%|tỷ|tỉ|triệu))[^\n:;]){1,90}            # a short line with no figure, colon or semicolon
  | [^\n]{0,160}?ảnh(?:\s+minh\s+họa\W{0,3}|\s*:[^\n:]{1,40})   # a photo's caption, with its credit
)(?=\n)""", re.VERBOSE)


def _a_line_between(scan: str, start: int, end: int) -> bool:
    """Whether the sentence scan[start:end] is a whole line between paragraphs (LINE_BETWEEN_PARAGRAPHS)."""
    line_end = scan.find("\n", end)
    if line_end < 0 or scan[end:line_end].strip() or (start and scan[start - 1] != "\n"):
        return False
    line = LINE_BETWEEN_PARAGRAPHS.match(scan, start, line_end + 1)
    return line is not None and line.end() == line_end
