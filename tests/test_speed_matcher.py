"""The fast paths (pipeline/anchored.py's literal-anchored matcher and sentence breaks, the unit words
and aliases of pipeline/places.py) find exactly what the plain regexes find."""
from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from pipeline.anchored import (AnchoredMatcher, fast_finditer, finditer_each, fold_char, fold_text, literal_prefixes,
                               prefix_skeletons)
from pipeline.extract import (_SENTENCE_BREAK, FLAGS, _sentence_breaks, blocker_index, blocker_spans, context_patterns,
                              scan_text, trigger_index, trigger_matches)
from pipeline.places import _TEXT_ALIASES, UNIT_RE, _normalise_aliases, _unit_matches
from pipeline.resolve import resolve_patterns
from pipeline.rules import load_rules

DEV_TEXTS = sorted((Path(__file__).parent.parent / "data" / "dev" / "texts").glob("*.txt"))
ALL_CHARS = "".join(map(chr, range(sys.maxunicode + 1)))


def words(pattern: str, flags: int = FLAGS) -> tuple[re.Pattern[str], ...]:
    """A source as the matcher gets it: a whole-word pattern."""
    return (re.compile(rf"(?<!\w)(?:{pattern})(?!\w)", flags),)


# --- prefixes -------------------------------------------------------------------------------------

def test_prefix_of_a_phrase_is_its_first_letters():
    assert literal_prefixes(r"giá\s+tr[ịi]", 2) == {"gi"}
    assert literal_prefixes(r"giá\s+tr[ịi]") == {"giá"}


def test_an_optional_leading_group_gives_both_ways():
    assert literal_prefixes(r"(?:tổng\s+)?thu\s+ngân\s+sách") == {"tổng", "thu"}
    assert literal_prefixes(r"(?:(?:các\s+)?ngành\s+)?nông") == {"các", "ngành", "nông"}


def test_a_class_is_spelled_out_and_case_is_folded():
    assert literal_prefixes(r"TR[ỊI]\s") == {"trị", "tri"}
    assert literal_prefixes(r"Đ[ạa]t") == {"đạt", "đat"}


def test_assertions_are_skipped():
    assert literal_prefixes(r"(?<!có\s)(?<!\w)(?=v)vốn(?!\s+điều)") == {"vốn"}


def test_a_prefix_stops_at_a_non_letter():
    assert literal_prefixes(r"tạ/ha") == {"tạ"}
    assert literal_prefixes(r"\(\s*gdp") == {"("}


@pytest.mark.parametrize("pattern", [r".+\s+năm", r"\w+\s+năm", r"[^a]b", r"\d+\s+tháng", r"(?:thu)?", r"\s*5"])
def test_what_can_start_anywhere_has_no_prefix(pattern):
    assert literal_prefixes(pattern) is None


def test_a_skeleton_keeps_what_follows_the_first_word():
    (skeleton,) = prefix_skeletons(r"giá\s+tr[ịi]")
    assert skeleton[3] == (frozenset({r"\s"}), True)  # a run of spaces
    assert skeleton[-1] == (frozenset({"ị", "i"}), False)


# --- folding ---------------------------------------------------------------------------------------

def test_fold_text_folds_every_character_as_fold_char():
    folded = fold_text(ALL_CHARS)
    assert len(folded) == len(ALL_CHARS)
    assert folded == "".join(map(fold_char, ALL_CHARS))
    for char in ("İ", "ſ", "K", "Σ", "ß"):
        assert fold_text("ΑΒ " + char + " x") == "".join(map(fold_char, "ΑΒ " + char + " x"))


def test_folding_keeps_spaces_and_digits_and_makes_no_letter():
    """A non-letter never folds to a letter (so no word starts inside an anchor), and spaces and
    digits stay what they are (so the lookaheads' \\s and \\d read the folded text rightly)."""
    word, space, digit = re.compile(r"\w"), re.compile(r"\s"), re.compile(r"\d")
    for char in ALL_CHARS:
        folded = fold_char(char)
        if folded == char:
            continue
        assert not word.match(folded) or word.match(char), hex(ord(char))
        assert bool(space.match(folded)) == bool(space.match(char)), hex(ord(char))
        assert bool(digit.match(folded)) == bool(digit.match(char)), hex(ord(char))


def test_what_ignorecase_matches_folds_alike():
    """Every character `re.IGNORECASE` lets a pattern letter match folds to the letter's fold."""
    rules = load_rules()
    letters = {c for rule in rules.rules for t in rule.triggers for c in t.pattern.pattern if c.isalpha()}
    for letter in sorted(letters | set("isk")):
        for match in re.finditer(re.escape(letter), ALL_CHARS, re.IGNORECASE):
            assert fold_char(match.group()) == fold_char(letter), (letter, hex(match.start()))


# --- the matcher on its own ------------------------------------------------------------------------

def plain(patterns: tuple[re.Pattern[str], ...], text: str, start: int = 0, end: int | None = None):
    """What the alternation of the patterns finds: (start, end, number of the pattern)."""
    joined = re.compile("|".join(f"(?P<p{n}>{p.pattern}\n)" for n, p in enumerate(patterns)), patterns[0].flags)
    end = len(text) if end is None else end
    return [(m.start(), m.end(), int(m.lastgroup[1:])) for m in joined.finditer(text, start, end)]


def fast(matcher: AnchoredMatcher, text: str, start: int = 0, end: int | None = None):
    return [(m.start(), m.end(), n) for n, m in matcher.finditer(text, start, end)]


SAMPLE = ("Tổng thu ngân sách đạt 4.145 tỷ; thu nội địa 3.100 tỷ, THU NGÂN SÁCH địa phương 2.000 tỷ "
          "(thu ngân sách) và tổng thu ngân sáchxyz; giá trị sản xuất, giá tri sx ngành nông nghiệp")
PATTERNS = (words(r"thu\s+ngân\s+sách\s+địa\s+phương") + words(r"(?:tổng\s+)?thu\s+ngân\s+sách")
            + words(r"thu\s+nội\s+địa") + words(r"giá\s+tr[ịi]\s+(?:sản\s+xuất|sx)")
            + words(r"ngân\s+sách"))


def test_the_first_pattern_that_matches_wins_and_matches_do_not_overlap():
    matcher = AnchoredMatcher.build(list(PATTERNS))
    assert matcher.word_starts
    found = fast(matcher, SAMPLE)
    assert found == plain(PATTERNS, SAMPLE)
    assert [n for _, _, n in found] == [1, 2, 0, 1, 3, 3]


@pytest.mark.parametrize("start,end", [(0, 30), (5, 120), (6, 200), (30, 31), (90, 160)])
def test_a_window_bounds_the_matches_as_finditer_does(start, end):
    matcher = AnchoredMatcher.build(list(PATTERNS))
    assert fast(matcher, SAMPLE, start, end) == plain(PATTERNS, SAMPLE, start, end)


def test_a_pattern_without_prefixes_is_searched_for_on_its_own():
    patterns = PATTERNS + words(r"\w+\s+tỷ")
    matcher = AnchoredMatcher.build(list(patterns))
    assert matcher.unanchored == (len(patterns) - 1,) and not matcher.word_starts
    assert fast(matcher, SAMPLE) == plain(patterns, SAMPLE)


def test_patterns_that_may_start_inside_a_word():
    patterns = (re.compile("sách", FLAGS), re.compile(r"ngân\s+s", FLAGS), re.compile(r"(?<=\d)\s+tỷ", FLAGS))
    matcher = AnchoredMatcher.build(list(patterns))
    assert not matcher.word_starts
    assert fast(matcher, SAMPLE) == plain(patterns, SAMPLE)


def test_a_pattern_that_matches_nothing_is_not_anchored():
    assert AnchoredMatcher.build([re.compile(r"(?:thu)?", FLAGS)]) is None


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["thu", "THU", "ngân", "sách", "địa", "phương", "tổng", "nội", "giá", "trị",
                                 "tri", "sx", "sản", "xuất", "x", " ", "  ", ",", "(", "\n", "-", "thuế", "ſ"]),
                max_size=40),
       st.integers(0, 60), st.integers(0, 200))
def test_random_texts_match_like_the_alternation(parts, start, end):
    text = " ".join(parts)
    matcher = AnchoredMatcher.build(list(PATTERNS))
    assert fast(matcher, text, start, end) == plain(PATTERNS, text, start, end)


# --- the rules over the practice texts -------------------------------------------------------------

def trigger_differences(scan: str, index, windows) -> list:
    """Where the fast trigger matcher and the plain alternation disagree in these windows."""
    differences = []
    for start, end in windows:
        expected = [(m.start(), m.end(), m.lastgroup) for m in index.regex.finditer(scan, start, end)]
        found = list(trigger_matches(scan, index, start, end))
        if found != expected:
            differences.append((start, end, sorted(set(found) ^ set(expected))[:3]))
    return differences


def windows_of(scan: str) -> list[tuple[int, int]]:
    return [(0, len(scan)), (17, len(scan) // 2), (len(scan) // 3, len(scan) + 50)]


@pytest.mark.parametrize("path", DEV_TEXTS, ids=lambda p: p.name)
def test_triggers_and_blockers_are_the_alternations(path):
    rules = load_rules()
    scan = scan_text(path.read_text(encoding="utf-8"))
    index = trigger_index(rules)
    assert index.matcher is not None
    assert trigger_differences(scan, index, windows_of(scan)) == []
    blockers = blocker_index(rules)
    for start, end in windows_of(scan):
        assert list(blocker_spans(scan, rules, start, end)) == [m.span() for m in blockers.regex.finditer(scan, start, end)]


def test_every_trigger_and_blocker_starts_with_words():
    """A rule that may open with a digit or inside a word ("\\d+ dự án FDI") has no prefix to find it
    from: it is searched for on its own, all over every article (one such trigger cost 6% of the time)."""
    rules = load_rules()
    index = trigger_index(rules)
    assert [index.by_group[f"t{n}"][1].name for n in index.matcher.unanchored] == []
    assert blocker_index(rules).matcher.unanchored == ()


@pytest.mark.parametrize("path", DEV_TEXTS, ids=lambda p: p.name)
def test_period_status_and_year_marks_are_the_patterns(path):
    patterns = resolve_patterns(load_rules())
    scan = scan_text(path.read_text(encoding="utf-8"))
    for _, pattern in patterns.periods + patterns.status + (("year", patterns.year),):
        expected = [(m.span(), m.groups()) for m in pattern.finditer(scan)]
        assert [(m.span(), m.groups()) for m in fast_finditer(pattern, scan)] == expected, pattern.pattern


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(["5", "10", " ", "  ", "\n", ",", "(", "x", "tháng", "lũy kế", "tính chung", "/",
                                 "11", "2", "đầu năm", "quý", "ii", "năm 2020", "-", "cả năm", "9", "06", "\u00a0"]),
                max_size=14))
def test_periods_that_may_open_with_whitespace_are_found_as_finditer_does(parts):
    """The span "lũy kế 10 tháng" may start at the whitespace before "10" (" 10 tháng" after a comma)."""
    text = "".join(parts)
    patterns = tuple(pattern for _, pattern in resolve_patterns(load_rules()).periods)
    assert [[m.span() for m in found] for found in finditer_each(patterns, text)] == \
           [[m.span() for m in pattern.finditer(text)] for pattern in patterns]


def test_the_comparison_catches_a_matcher_that_misses_a_trigger():
    """The trigger comparison can fail: a matcher that lost the prefixes of one trigger is caught."""
    rules = load_rules()
    index = trigger_index(rules)
    matcher = index.matcher
    scans = [scan_text(path.read_text(encoding="utf-8")) for path in DEV_TEXTS]
    lost = min(int(m.lastgroup[1:]) for scan in scans for m in index.regex.finditer(scan))  # a trigger the texts use
    broken_numbers = {word: tuple(n for n in numbers if n != lost) for word, numbers in matcher.numbers.items()}
    broken = type(index)(index.regex, index.by_group, _with(matcher, numbers=broken_numbers,
                                                            joints=dict.fromkeys(matcher.joints)))
    assert any(trigger_differences(scan, broken, [(0, len(scan))]) for scan in scans)
    assert not any(trigger_differences(scan, index, [(0, len(scan))]) for scan in scans)


def _with(matcher: AnchoredMatcher, **changes) -> AnchoredMatcher:
    copy = object.__new__(AnchoredMatcher)
    copy.__dict__.update(matcher.__dict__, **changes)
    return copy


# --- sentence breaks ------------------------------------------------------------------------------

@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(["a", "Thu", "Đ", "1", "%", ".", "!", "?", "…", " ", "\n", "\n\n", "  ",
                                 "x.", "8,1%.", "TP.", "\u00a0"]), max_size=30))
def test_sentence_breaks_are_the_regex_matches(parts):
    text = "".join(parts)
    assert [m.span() for m in _sentence_breaks(text)] == [m.span() for m in _SENTENCE_BREAK.finditer(text)]


@pytest.mark.parametrize("path", DEV_TEXTS, ids=lambda p: p.name)
def test_sentence_breaks_of_the_practice_texts(path):
    text = path.read_text(encoding="utf-8")
    assert [m.span() for m in _sentence_breaks(text)] == [m.span() for m in _SENTENCE_BREAK.finditer(text)]


# --- the context patterns found from their prefixes ---------------------------------------------

def context_pattern_list() -> list[re.Pattern[str]]:
    """Every pattern of context.yaml and the switch contexts, as the engine compiles them."""
    rules = load_rules()
    ctx, res = context_patterns(rules), resolve_patterns(rules)
    pairs = ctx.verbs + ctx.after_percent + ctx.qualifiers + res.status + res.bases + res.periods
    singles = [ctx.level_verbs, ctx.continuation, ctx.sub_item_markers, ctx.list_markers, ctx.structure,
               res.basis_year, res.year]
    switches = [s.context for rule in rules.rules for t in rule.triggers for s in t.switch]
    return [p for _, p in pairs] + singles + switches


@pytest.mark.parametrize("path", DEV_TEXTS, ids=lambda p: p.name)
def test_context_patterns_found_from_their_prefixes_are_the_patterns(path):
    scan = scan_text(path.read_text(encoding="utf-8"))
    patterns = tuple(context_pattern_list())
    expected = [[(m.span(), m.groups()) for m in p.finditer(scan)] for p in patterns]
    assert [[(m.span(), m.groups()) for m in found] for found in finditer_each(patterns, scan)] == expected
    for start, end in windows_of(scan):
        for pattern in patterns:
            assert [m.span() for m in fast_finditer(pattern, scan, start, end)] == \
                   [m.span() for m in pattern.finditer(scan, start, end)], pattern.pattern


# --- places -----------------------------------------------------------------------------------------

ALIAS_SAMPLES = ["UBND TP.HCM và TP HCM, TPHCM; TT-Huế, TT - Huế", "tp.hcm tphcm tt-huế", "xTPHCM TPHCMx",
                 "Thành phố Hồ Chí Minh", "TP.\u00a0HCM", ""]


@pytest.mark.parametrize("text", ALIAS_SAMPLES + [p.read_text(encoding="utf-8") for p in DEV_TEXTS[:20]])
def test_aliases_are_rewritten_as_by_the_plain_substitutions(text):
    expected = unicodedata.normalize("NFC", text)
    for pattern, replacement in _TEXT_ALIASES:
        expected = pattern.sub(replacement, expected)
    assert _normalise_aliases(text) == expected


@pytest.mark.parametrize("path", DEV_TEXTS, ids=lambda p: p.name)
def test_unit_words_are_the_unit_regex_matches(path):
    text = path.read_text(encoding="utf-8")
    assert [(m.span(), m.groups()) for m in _unit_matches(text)] == [(m.span(), m.groups()) for m in UNIT_RE.finditer(text)]

