"""Round-two fast paths give what the plain code gives: the table gate of pipeline/tables.py, the
matcher's `may_match` gate (qualifiers, bases, approximators), the period marks kept apart by
bisection, the tone-mark pattern of scan_text, the parenthesis opened before a figure, the years
right after an earlier figure and the quick copy of a Mention."""
from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from pipeline.anchored import AnchoredMatcher
from pipeline.extract import (_TONE_ON_SECOND_VOWEL, Mention, _qualifier_between,
                              _qualifier_matcher, context_patterns, scan_text)
from pipeline.resolve import (_ONLY_YEAR_WORD, _OPEN_PARENTHESIS, TimeMark, _belongs_to_figure_before, _DisjointMarks,
                              approx_before, basis_named, opens_right_before, resolve_patterns, year_marks)
from pipeline.rules import load_rules
from pipeline.tables import _MAY_HOLD_A_TABLE, may_hold_a_table

DEV_TEXTS = sorted((Path(__file__).parent.parent / "data" / "dev" / "texts").glob("*.txt"))


def test_there_are_practice_texts():
    assert len(DEV_TEXTS) > 10


@pytest.mark.parametrize("path", DEV_TEXTS, ids=lambda p: p.name)
def test_table_gate_of_the_practice_texts(path):
    text = path.read_text(encoding="utf-8")
    assert may_hold_a_table(text) == bool(_MAY_HOLD_A_TABLE.search(text))
    for line in text.splitlines():  # each line alone too: most hold no table
        assert may_hold_a_table(line) == bool(_MAY_HOLD_A_TABLE.search(line)), line


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(["5", "12,5", "-", "+", "%", " ", "  ", "\t", "\n", "|", "x", "thu", ".", "\u00a0"]),
                max_size=14))
def test_table_gate_of_random_texts(parts):
    text = "".join(parts)
    assert may_hold_a_table(text) == bool(_MAY_HOLD_A_TABLE.search(text))


def test_the_gate_tells_each_layout():
    assert may_hold_a_table("a | b | c")
    assert may_hold_a_table("Thu ngân sách\n 12,5 %\nChi")
    assert may_hold_a_table("12,5\nthu")
    assert may_hold_a_table("thu 2021  2022\n105   110")
    assert not may_hold_a_table("tăng 12,5% so với cùng kỳ\nđạt 3 tỷ đồng")


MENTION = Mention("grdp", "level", 1.5, None, "percent", 3, 9, "1,5%", "r", 0, 20, 0, 2,
                  explain={"trigger": "x"})


def test_a_replaced_mention_equals_dataclasses_replace():
    changes = dict(year=2021, period="FY", status="actual", basis=None, basis_year=None, approx="ước",
                   place=None, explain={"year": "2021"})
    quick, plain = MENTION.replaced(**changes), dataclasses.replace(MENTION, **changes)
    assert quick == plain and quick.explain == plain.explain
    assert list(vars(quick).items()) == list(vars(plain).items())  # same fields, same order
    assert MENTION.year is None  # the original is left alone


def test_a_replaced_mention_refuses_an_unknown_field():
    with pytest.raises(TypeError):
        MENTION.replaced(yeer=2021)


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 40), st.integers(0, 8)), max_size=25))
def test_disjoint_marks_keep_what_the_plain_overlap_test_keeps(spans):
    plain: list[TimeMark] = []
    quick = _DisjointMarks()
    for start, length in spans:
        mark = TimeMark(start, start + length, period="FY")
        plain_overlap = any(m.start < mark.end and mark.start < m.end for m in plain)
        assert quick.overlaps(mark.start, mark.end) == plain_overlap
        if not plain_overlap:
            plain.append(mark)
            quick.add(mark)
    plain.sort(key=lambda m: m.start)
    assert quick.marks == plain and quick.starts == [m.start for m in plain]


# --- the may_match gate -------------------------------------------------------------------------

PATTERNS = context_patterns(load_rules())


def plain_qualifier_between(scan: str, start: int, end: int) -> str | None:
    found: tuple[int, str | None] = (-1, None)
    for qualifier, pattern in PATTERNS.qualifiers:
        for match in pattern.finditer(scan, start, end):
            if match.start() > found[0]:
                found = (match.start(), qualifier)
    return found[1]


def windows(length: int) -> list[tuple[int, int]]:
    """Stretches of many sizes over a text: short ones everywhere, then longer ones."""
    return [(start, min(length, start + size)) for size in (3, 12, 27, 80, 400) for start in range(0, length, size // 2 + 1)]


@pytest.mark.parametrize("path", DEV_TEXTS, ids=lambda p: p.name)
def test_the_gate_never_rules_out_a_qualifier(path):
    scan = scan_text(path.read_text(encoding="utf-8"))
    matcher = _qualifier_matcher(PATTERNS)
    assert matcher is not None
    for start, end in windows(len(scan)):
        if not matcher.may_match(scan, start, end):
            assert not any(p.search(scan, start, end) for _, p in PATTERNS.qualifiers), scan[start:end]
        assert _qualifier_between(scan, start, end, PATTERNS) == plain_qualifier_between(scan, start, end)


def test_the_gate_rules_out_most_stretches_and_keeps_those_with_a_qualifier():
    matcher = _qualifier_matcher(PATTERNS)
    scan = scan_text("Thu ngân sách đạt 5.200 tỷ đồng, trong đó thu nội địa 4.100 tỷ đồng")
    assert not matcher.may_match(scan, 0, 30)
    assert matcher.may_match(scan, 30, len(scan))
    assert _qualifier_between(scan, 0, len(scan), PATTERNS) == "domestic"


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(["thu", "THU", "nội", "địa", "ngoài", "nhà", "nước", "fdi", "FDI", "vốn", "quốc",
                                 "doanh", " ", "  ", "\n", ",", "a", "ĐẦU", "tư"]), max_size=12),
       st.integers(0, 40), st.integers(0, 60))
def test_may_match_is_never_false_where_a_pattern_matches(parts, start, end):
    text = "".join(parts)
    patterns = [pattern for _, pattern in PATTERNS.qualifiers]
    matcher = AnchoredMatcher.build(patterns)
    if not matcher.may_match(text, start, end):
        assert not any(p.search(text, start, end) for p in patterns)


RESOLVE_PATTERNS = resolve_patterns(load_rules())


def plain_basis_named(right: str) -> str | None:
    best: tuple[int, str | None] = (len(right) + 1, None)
    for basis, pattern in RESOLVE_PATTERNS.bases:
        match = pattern.search(right)
        if match and match.start() < best[0]:
            best = (match.start(), basis)
    return best[1]


def plain_approx_before(left: str) -> str | None:
    return next((approx for approx, pattern in RESOLVE_PATTERNS.approx if pattern.search(left)), None)


@pytest.mark.parametrize("path", DEV_TEXTS, ids=lambda p: p.name)
def test_bases_and_approximators_of_the_practice_texts(path):
    scan = scan_text(path.read_text(encoding="utf-8"))
    for start, end in windows(len(scan)):
        piece = scan[start:end]
        assert basis_named(piece, RESOLVE_PATTERNS) == plain_basis_named(piece), piece
        assert approx_before(piece, RESOLVE_PATTERNS) == plain_approx_before(piece), piece


def test_bases_and_approximators_are_found_past_the_gate():
    assert basis_named(" so với cùng kỳ năm trước", RESOLVE_PATTERNS) == "same_period_prior_year"
    assert basis_named(" trong tổng số", RESOLVE_PATTERNS) is None
    assert approx_before("thu ngân sách đạt khoảng ", RESOLVE_PATTERNS) == "about"
    assert approx_before("tăng hơn ", RESOLVE_PATTERNS) == "over"
    assert approx_before("thu ngân sách đạt ", RESOLVE_PATTERNS) is None


# --- the tone mark pattern of scan_text -----------------------------------------------------------

# The pattern as first written (tried at every character): the oracle of the fast one.
_TONE_ON_SECOND_VOWEL_PLAIN = re.compile(r"(?=[ou])(?<!q)(?:o[áàảãạéèẻẽẹ]|u[ýỳỷỹỵ])(?!\w)")


def tone_folds(pattern, text: str) -> list[tuple[int, int]]:
    return [match.span() for match in pattern.finditer(text)]


@pytest.mark.parametrize("path", DEV_TEXTS, ids=lambda p: p.name)
def test_tone_marks_are_found_as_by_the_plain_pattern(path):
    text = path.read_text(encoding="utf-8").lower()
    assert tone_folds(_TONE_ON_SECOND_VOWEL, text) == tone_folds(_TONE_ON_SECOND_VOWEL_PLAIN, text)


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(["o", "u", "q", "á", "è", "ý", "ỵ", "a", " ", "h", "_", "1"]), max_size=10))
def test_tone_marks_of_random_texts(parts):
    text = "".join(parts)
    assert tone_folds(_TONE_ON_SECOND_VOWEL, text) == tone_folds(_TONE_ON_SECOND_VOWEL_PLAIN, text)


# --- a parenthesis opened right before a figure -------------------------------------------------

def plain_opens_right_before(scan: str, position: int) -> bool:
    return _OPEN_PARENTHESIS.search(scan[:position]) is not None


@pytest.mark.parametrize("path", DEV_TEXTS, ids=lambda p: p.name)
def test_open_parenthesis_of_the_practice_texts(path):
    scan = scan_text(path.read_text(encoding="utf-8"))
    places = [m.end() for m in re.finditer(r"\(\s*(?:ước\s+)?", scan)] + list(range(0, len(scan), 97))
    for position in places + [p + 1 for p in places]:
        assert opens_right_before(scan, position) == plain_opens_right_before(scan, position), position


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(["(", ")", " ", "\n", "ước", "ư", "5", "a"]), max_size=10), st.integers(0, 30))
def test_open_parenthesis_of_random_texts(parts, position):
    scan = "".join(parts)
    assert opens_right_before(scan, position) == plain_opens_right_before(scan, position)


# --- a year right after an earlier figure -----------------------------------------------------

def plain_belongs(scan: str, mark: TimeMark, ends: list[int], span_start: int) -> bool:
    return any(end <= mark.start and _ONLY_YEAR_WORD.fullmatch(scan[end:mark.start])
               for end in ends if end < span_start)


def belongs(scan: str, mark: TimeMark, ends: list[int], span_start: int) -> bool:
    mention = MENTION.replaced(span_start=span_start)
    return _belongs_to_figure_before(scan, mark, sorted(ends), mention)


@pytest.mark.parametrize("path", DEV_TEXTS, ids=lambda p: p.name)
def test_years_after_a_figure_in_the_practice_texts(path):
    scan = scan_text(path.read_text(encoding="utf-8"))
    for mark in year_marks(scan, RESOLVE_PATTERNS):
        for end in range(max(0, mark.start - 12), mark.start + 2):
            for span_start in (end, end + 1, mark.end + 5):
                assert belongs(scan, mark, [end], span_start) == plain_belongs(scan, mark, [end], span_start)


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from([" ", "\n", "\u00a0", "năm", "nă", "m", "x", "5"]), max_size=8),
       st.lists(st.integers(0, 30), max_size=4), st.integers(0, 40))
def test_years_after_a_figure_in_random_texts(parts, ends, span_start):
    scan = "".join(parts) + "2021"
    mark = TimeMark(len(scan) - 4, len(scan), year=2021)
    assert belongs(scan, mark, ends, span_start) == plain_belongs(scan, mark, ends, span_start)
