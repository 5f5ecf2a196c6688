"""Mentions -> resolved Mentions: the year, period, status, comparison basis and approximator.

Each is read from the words around the figure, widening the search the way DESIGN.md orders it:
the clause, the sentence, the paragraph, a heading line, the title, the publication date. The words themselves
live in ``lexicon/context.yaml``.
"""
from __future__ import annotations

import bisect
import datetime as dt
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from .anchored import AnchoredMatcher, fast_finditer, finditer_each
from .dates import lead_date
from .extract import LINE_BETWEEN_PARAGRAPHS, PER_YEAR, REACH, Extraction, Mention, scan_text
from .numbers import parse_number
from .places import UNKNOWN_PLACE, Place, place_of_listed_unit, place_of_phrase
from .rules import RuleSet, compile_pairs, compile_pattern

ROMAN_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
RELATIVE_MEASURES = {"pct_of_plan", "pct_of_prior", "pct_change", "abs_change", "ratio"}
PLAN_BASES = {"plan", "budget_estimate", "province_plan", "province_budget_estimate", "council_plan",
              "council_budget_estimate", "council_resolution", "central_budget_estimate"}
PRIOR_BASES = {"prior_year", "same_period_prior_year", "previous_month", "start_of_year"}
RIGHT_CONTEXT = 90
_PAST_TERM = re.compile(r"""
    (?:^|(?<=[.\n,])\s*|(?<=trong\s)|(?<=qua\s)|(?<=suốt\s))  # said as the time of what follows, not "gấp 3 lần nhiệm kỳ trước"
    (?:(?:nhiệm\s+kỳ|giai\s+đoạn)\s+(?:vừa\s+qua|qua|trước)     # the term just ended
      |(?:5|năm)\s+năm\s+(?:vừa\s+)?qua)(?!\w)                  # "5 năm qua": the five years just ended
""", re.VERBOSE | re.MULTILINE)
_YEARLY_AVERAGE_BEFORE = re.compile(r"""
    (?:bình\s+quân\s+(?:(?:hằng|hàng|mỗi)\s+năm|\d+\s+năm)  # "bình quân hằng năm", "bình quân 5 năm"
      |tăng\s+(?:trưởng\s+)?bình\s+quân                     # "tăng bình quân 8-10%": an average growth
      |(?:trung\s+bình\s+)?(?:hằng|hàng|mỗi)\s+năm(?=\s+(?:tăng|giảm)(?!\w)))   # "hằng năm tăng 13-15%", "trung bình mỗi năm giảm 4,25%"
    (?:\s+[^\W\d]+){0,2}\s*$                              # then a verb or an approximator: "đạt", "trên"
""", re.VERBOSE)
SPAN_AFTER_FIGURE = 30  # "... 8,9%/năm của giai đoạn 2011-2015": a span this close after the figure
YEAR_AFTER_FIGURE = 20  # "đạt 2,35% (năm 2023)": a year this close after the figure is its year
#: "thấp hơn mức tăng 7,56% của 6 tháng đầu năm 2021": the figure names its own (earlier) time
_OWN_TIME_AFTER = re.compile(r"""
    \s*của\s+                                   # "của": the figure is the one of ...
    (?:cùng\s+kỳ\s+|cả\s+)?                     # (the same period / the whole)
    (?:(?:\d{1,2}\s+tháng(?:\s+đầu)?|quý\s+[ivx\d]+|tháng\s+\d{1,2})   # a part of the year ("quý I/2020")
       \s*(?:/|-|\s)\s*(?:năm\s+)?
     | năm\s+)
    ((?:19|20)\d{2})(?!\d)                     # (năm) 2021
  | \s*(?:\(\s*)?năm\s+((?:19|20)\d{2})\s*\)?   # or "từ 22 triệu đồng năm 2018 lên 28 triệu đồng":
    (?=\s*,?\s*(?:lên|xuống)(?!\w))              # the start of a change, dated right after it
""", re.VERBOSE)
OWN_TIME_SAID = "time the figure names as its own"
#: "quý II và 6 tháng năm 2019": a report of a quarter and of the running total it closes reviews
#: the running total; a figure that names neither is the total's
_QUARTER_AND_ITS_TOTAL = ({"Q2", "H1"}, {"Q3", "9M"})
PERIOD_YEAR_SUFFIX = re.compile(r"(?:\s+đầu\s+năm|\s+năm|\s*/\s*)\s*(?:19|20)\d{2}(?!\d)")


@dataclass(frozen=True)
class TimeMark:
    """A year or a period written somewhere in the article."""

    start: int
    end: int
    year: int | None = None
    period: str | None = None


@dataclass(frozen=True, eq=False)  # built once per rule set; hashed by identity (cheap as a cache key)
class ResolvePatterns:
    status: tuple[tuple[str, re.Pattern[str]], ...]
    bases: tuple[tuple[str, re.Pattern[str]], ...]
    basis_year: re.Pattern[str]
    approx: tuple[tuple[str, re.Pattern[str]], ...]
    approx_after: tuple[tuple[str, re.Pattern[str]], ...]
    periods: tuple[tuple[str, re.Pattern[str]], ...]
    year: re.Pattern[str]
    not_a_year: re.Pattern[str]
    year_after_not: re.Pattern[str]
    plan_year: re.Pattern[str]
    status_not_after: re.Pattern[str]
    same_period_before: re.Pattern[str]
    opens_parts: re.Pattern[str]
    follows_on: re.Pattern[str]
    tasks_ahead: re.Pattern[str]
    plan_amount_after_percent: re.Pattern[str]


@lru_cache(maxsize=4)
def resolve_patterns(ruleset: RuleSet) -> ResolvePatterns:
    ctx = ruleset.context

    def anchored_any(key: str, suffix: str) -> re.Pattern[str]:
        return compile_pattern("|".join(f"(?:{p}){suffix}" for p in ctx[key]), f"context.yaml {key}")

    return ResolvePatterns(
        status=compile_pairs(ctx, "status", "status"),
        bases=compile_pairs(ctx, "bases", "basis"),
        basis_year=compile_pattern(ctx["basis_year"], "context.yaml basis_year"),
        approx=tuple((a, compile_pattern(f"(?:{p.pattern})\\s*$", "approx")) for a, p in compile_pairs(ctx, "approx", "approx")),
        approx_after=compile_pairs(ctx, "approx_after", "approx"),
        periods=compile_pairs(ctx, "periods", "period"),
        year=compile_pattern(ctx["year"], "context.yaml year"),
        not_a_year=anchored_any("not_a_year", ""),
        year_after_not=anchored_any("year_after_not", ""),
        plan_year=compile_pattern(f"(?:{ctx['plan_year']})$", "context.yaml plan_year"),
        status_not_after=compile_pattern(ctx["status_not_after"], "context.yaml status_not_after"),
        same_period_before=compile_pattern(f"(?:{ctx['same_period_before']})$", "context.yaml same_period_before"),
        opens_parts=compile_pattern(rf"\W*(?:{ctx['list_markers']})(?!\w)", "context.yaml list_markers"),
        follows_on=compile_pattern(rf"\W*(?:{ctx['follows_on']})(?!\w)", "context.yaml follows_on"),
        tasks_ahead=compile_pattern(rf"(?<!\w)(?:{ctx['tasks_ahead']})(?!\w)", "context.yaml tasks_ahead"),
        plan_amount_after_percent=compile_pattern(ctx["plan_amount_after_percent"], "context.yaml plan_amount_after_percent"),
    )


# --- time marks -----------------------------------------------------------------------------

def year_marks(scan: str, patterns: ResolvePatterns, start: int = 0, end: int | None = None) -> list[TimeMark]:
    """Years written in scan[start:end] that can be the year of a figure."""
    return _within(_all_year_marks(scan, patterns), start, len(scan) if end is None else end)


def period_marks(scan: str, patterns: ResolvePatterns, start: int = 0, end: int | None = None) -> list[TimeMark]:
    """Periods written in scan[start:end], earliest first; overlapping phrases keep the first."""
    return _within(_all_period_marks(scan, patterns), start, len(scan) if end is None else end)


def _within(marks: tuple[list[TimeMark], list[int]], start: int, end: int) -> list[TimeMark]:
    found, starts = marks
    selected = []
    for mark in found[bisect.bisect_left(starts, start):]:
        if mark.start >= end:
            break
        if mark.end <= end:
            selected.append(mark)
    return selected


# Each article's marks are found once (the scan text's hash is computed once and cached by Python).
@lru_cache(maxsize=8)
def _all_year_marks(scan: str, patterns: ResolvePatterns) -> tuple[list[TimeMark], list[int]]:
    marks = []
    for match in fast_finditer(patterns.year, scan):
        before = scan[max(0, match.start() - 40):match.start()]
        after = scan[match.end():match.end() + 12]
        if patterns.not_a_year.search(before) or patterns.year_after_not.match(after):
            continue
        marks.append(TimeMark(match.start(), match.end(), year=int(match.group(1))))
    return marks, [m.start for m in marks]


@lru_cache(maxsize=8)
def _all_period_marks(scan: str, patterns: ResolvePatterns) -> tuple[list[TimeMark], list[int]]:
    found = _DisjointMarks()
    every_kind = finditer_each(tuple(pattern for _, pattern in patterns.periods), scan)
    for (kind, _), matches in zip(patterns.periods, every_kind):
        for match in matches:
            period, year = _period_of(kind, match)
            mark_end = match.end()
            suffix = PERIOD_YEAR_SUFFIX.match(scan, mark_end) if kind != "FY" else None
            if suffix:  # "9 tháng năm 2019", "quý III/2024": one mark, the year is not a second one
                mark_end = suffix.end()
            if kind == "FY" and patterns.not_a_year.search(scan[max(0, match.start() - 40):match.start()]):
                period = "rest"  # "cùng kỳ năm 2018", "so với năm 2020": a basis, not the period
            elif kind in ("M", "Q") and _COMPARED_WITH.search(scan, max(0, match.start() - 20), match.start()):
                period = "rest"  # "tăng 4,6% so với tháng 8/2013": the month compared with, not the period
            if period and not found.overlaps(match.start(), mark_end):
                found.add(TimeMark(match.start(), mark_end, year=year, period=period))
    marks = [mark for mark in found.marks if mark.period != "rest"]
    return marks, [mark.start for mark in marks]


_COMPARED_WITH = re.compile(r"(?<!\w)so\s+(?:với\s+)?(?:cùng\s+k[ỳì]\s+)?$")


class _DisjointMarks:
    """Marks that do not overlap one another, kept in text order (a mark is a bisection away)."""

    def __init__(self) -> None:
        self.marks: list[TimeMark] = []
        self.starts: list[int] = []
        self.has_empty = False

    def overlaps(self, start: int, end: int) -> bool:
        """Whether [start, end) overlaps a mark, as ``any(m.start < end and start < m.end ...)``.

        The marks are disjoint: the one that starts last before `end` also ends last. With an
        empty span (never a period phrase) about, every mark is checked."""
        if start >= end or self.has_empty:
            return any(m.start < end and start < m.end for m in self.marks)
        before = bisect.bisect_left(self.starts, end)
        return before > 0 and start < self.marks[before - 1].end

    def add(self, mark: TimeMark) -> None:
        at = bisect.bisect_right(self.starts, mark.start)  # after equal starts: the stable sort's order
        self.marks.insert(at, mark)
        self.starts.insert(at, mark.start)
        self.has_empty = self.has_empty or mark.start >= mark.end


MONTH_COUNT_WORDS = {"hai": "2", "bốn": "4", "năm": "5", "bảy": "7", "tám": "8", "mười": "10", "mười một": "11"}


def _period_of(kind: str, match: re.Match[str]) -> tuple[str | None, int | None]:
    if kind == "span":
        first, last = int(match.group(1)), int(match.group(2))
        return (f"{first}-{last}", last) if first < last else (None, None)
    if kind == "Q":
        return f"Q{ROMAN_QUARTERS[match.group(1)]}", None
    if kind == "YTD":
        count = match.group(1)
        return f"YTD-M{int(MONTH_COUNT_WORDS.get(' '.join(count.split()), count))}", None
    if kind == "before_year":  # "tính đến ngày 01-01-2018": the year 2017, whole
        return "FY", int(match.group(1)) - 1
    if kind in ("through", "before"):
        return running_total(int(match.group(1)) - (kind == "before")), None
    if kind == "M":
        return f"M{int(match.group(1))}", None
    return kind, None


_A_CONGRESS_S_TERM = re.compile(r"(?<!\w)đại\s+hội(?!\w)")  # "Đại hội ... (nhiệm kỳ 2020 - 2025)": the term it opens
#: "HĐND TP.Tam Kỳ khóa XII (nhiệm kỳ 2021 - 2026) tổ chức kỳ họp thứ năm": the council's term, no figure's period
_A_COUNCIL_S_TERM = re.compile(r"(?<!\w)(?:hđnd|hội\s+đồng\s+nhân\s+dân)(?!\w)[^;\n]{0,60}?khóa\s+[ivxlc]+\s*[(,]?\s*(?:nhiệm\s+kỳ\s+)?\Z")
_SPAN = re.compile(r"(?:19|20)\d{2}-(?:19|20)\d{2}")


def is_span(period: str) -> bool:
    """Whether a period code is a span of years (not a running total such as YTD-M7).

    >>> is_span("2016-2020"), is_span("YTD-M7"), is_span("FY")
    (True, False, False)
    """
    return _SPAN.fullmatch(period) is not None


def running_total(months: int) -> str:
    """The one code of a running total from January through month `months`.

    >>> [running_total(n) for n in (3, 5, 6, 9, 10, 12)]
    ['Q1', 'YTD-M5', 'H1', '9M', 'YTD-M10', 'FY']
    """
    return {1: "M1", 3: "Q1", 6: "H1", 9: "9M", 12: "FY"}.get(months, f"YTD-M{months}")


def nearest_before(marks: Sequence[TimeMark], position: int, floor: int) -> TimeMark | None:
    candidates = [m for m in marks if floor <= m.start and m.end <= position]
    return candidates[-1] if candidates else None


def _outside_closed_parentheses(scan: str, marks: list[TimeMark], position: int) -> list[TimeMark]:
    """Drop marks inside a parenthesis that closes before `position` ("(năm 2021 là 0,9%)")."""
    return [mark for mark in marks
            if not in_closed_parenthesis(scan, mark.start, mark.end, max(0, mark.start - REACH), position)]


def in_closed_parenthesis(scan: str, start: int, end: int, floor: int, position: int) -> bool:
    """Whether scan[start:end] sits in a parenthesis opened after `floor` that closes before `position`.

    >>> in_closed_parenthesis("tăng 3% (kế hoạch 4%), đạt 9%", 9, 17, 0, 27)
    True
    >>> in_closed_parenthesis("tăng 3% (kế hoạch 4%), đạt 9%", 9, 17, 0, 19)
    False
    """
    opening = scan.rfind("(", floor, start)
    return opening >= 0 and scan.find(")", opening, start) < 0 and scan.find(")", end, position) >= 0


# --- the article's frame ------------------------------------------------------------------------

@dataclass(frozen=True)
class Frame:
    """What the article says about time outside any one sentence."""

    title_year: int | None
    title_period: str | None
    published: dt.date | None
    paragraphs: tuple[tuple[int, int], ...]
    lead_period: str | None = None  # the period the lead says the report reviews ("... quý II năm 2024")
    title_year_words: str = ""  # the title's words that told its year and period, for --explain
    title_period_words: str = ""
    heading_periods: tuple[TimeMark, ...] = ()  # periods named by heading lines ("A. ... 6 THÁNG ĐẦU NĂM 2018:")
    target_lists: tuple[tuple[int, int, int | None], ...] = ()  # (start, end, year) of lists under "Năm 2025, phấn đấu:"
    url_period: str | None = None  # the period the page's address names ("/kinh-te-6-thang-dau-nam-khoi-sac")
    url_year: int | None = None  # the year the page's address names ("...-6-thang-dau-nam-2018-tang-...")
    dated_by_lead: bool = False  # `published` is the day the lead opens with: the page shows no date


def paragraph_spans(text: str) -> tuple[tuple[int, int], ...]:
    spans, start = [], 0
    for match in re.finditer(r"\n", text):
        if match.start() > start:
            spans.append((start, match.start()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return tuple(spans)


@lru_cache(maxsize=8)  # asked for by `article_time`, then by `resolve`, of the same article
def article_frame(text: str, scan: str, title: str | None, published: dt.date | None,
                  patterns: ResolvePatterns, source: str = "") -> Frame:
    year = period = None
    dated_by_lead = published is None and (published := lead_date(text)) is not None
    title_scan = scan_text(title) if title else ""
    if title:
        year = _first_reviewed(title_scan, year_marks(title_scan, patterns), patterns, plans_opening_a_line=True)
        marks = period_marks(title_scan, patterns)
        named = [m for m in marks if not m.period.startswith("M") and not _opened_by_then(m, published)
                 and not _is_plan_year(title_scan, m, patterns)  # "đặt mục tiêu GRDP tăng 7% trong năm 2024"
                 and not _A_CONGRESS_S_TERM.search(title_scan, 0, m.start)
                 and not _A_COUNCIL_S_TERM.search(title_scan, 0, m.start)]
        if not named and len(marks) == 1 and marks[0].period.startswith("M") and not _A_MEETING_OF.search(title_scan, 0, marks[0].start):
            named = marks  # "Trong tháng 8 năm 2020, tổng giá trị sản xuất ...", not "phiên họp thường kỳ tháng 11"
        period = next(iter(named), None)
        if len(named) == 2 and {m.period for m in named} in _QUARTER_AND_ITS_TOTAL:
            period = next(m for m in named if not m.period.startswith("Q"))
    paragraphs = paragraph_spans(text)
    if period and period.period == "FY" and period.year:  # "tính đến ngày 01-01-2018": the year 2017
        year = period
    return Frame(year.year if year else None, period.period if period else None, published,
                 paragraphs, lead_period(scan, patterns),
                 quoted(title_scan, year) if year else "", quoted(title_scan, period) if period else "",
                 heading_periods(text, scan, paragraphs, patterns), target_lists(scan, paragraphs, patterns),
                 period_in_url(source), year_in_url(source), dated_by_lead)


@lru_cache(maxsize=8)  # asked for only by targets dated by the article alone: rare, so not in the frame
def the_plan_year(scan: str, patterns: ResolvePatterns) -> int | None:
    """The year of the plan an article sets, when it names one and only one ("... và triển khai
    kế hoạch năm 2019"): the year of its targets that name none."""
    years = {m.year for m in year_marks(scan, patterns) if m.year and _is_plan_year(scan, m, patterns)}
    return years.pop() if len(years) == 1 else None


@lru_cache(maxsize=8)  # asked for by each target dated by the article alone
def the_opened_term_end(scan: str, patterns: ResolvePatterns, published: dt.date | None) -> int | None:
    """The last year of the one term or plan span an article opens ("Đại hội ... nhiệm kỳ 2020 - 2025"
    in May 2020): the year of its targets that name none."""
    ends = {m.year for m in period_marks(scan, patterns) if m.year and _opened_by_then(m, published)}
    return ends.pop() if len(ends) == 1 else None


def _opened_by_then(mark: TimeMark, published: dt.date | None) -> bool:
    """A span that starts in the year of publication or later ("Đại hội ... nhiệm kỳ 2020 - 2025" in
    May 2020): the term or plan being opened, the period of no figure the article reports."""
    span = _SPAN.fullmatch(mark.period)
    return bool(published and span and int(span.group(1)) >= published.year)


_SPAN = re.compile(r"((?:19|20)\d{2})-(?:19|20)\d{2}")


#: a period in a page's address, its headline written without marks: "6-thang-dau-nam", "quy-i", "thang-5-nam-2019"
_URL_PERIOD = re.compile(r"""
    (?:^|[-/_])(?:(?P<months>[1-9]|1[01])-thang(?:-dau-nam)?      # "6-thang(-dau-nam)": a running total
      |quy-(?P<quarter>iv|iii|ii|i|[1-4])                        # "quy-ii": a quarter
      |thang-(?P<month>1[0-2]|[1-9])-(?:nam-)?(?:19|20)\d\d)      # "thang-5-nam-2019": a month
    (?=[-/_.]|$)
""", re.VERBOSE)
_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


def _url_path(source: str) -> str | None:
    """A page address's host and path, lower-cased, without its query; None for a file's name."""
    return source.split("://", 1)[1].split("?", 1)[0].lower() if "://" in source else None


def period_in_url(source: str) -> str | None:
    """The one period a page's address names in its headline words, if it names one.

    >>> [period_in_url(u) for u in ("https://x.vn/brvt-kinh-te-6-thang-dau-nam-khoi-sac-post1.html",
    ...  "https://x.vn/tinh-hinh-nganh-cong-thuong-thang-5-nam-2019-4968.phtml", "https://x.vn/kinh-te-quy-iii-tang.htm",
    ...  "https://x.vn/thu-ngan-sach-9-thang-dat-80.html", "https://x.vn/bao-cao-2019.html")]
    ['H1', 'M5', 'Q3', '9M', None]
    """
    path = _url_path(source)
    if path is None:
        return None
    found = set()
    for match in _URL_PERIOD.finditer(path):
        if match["months"]:
            found.add(running_total(int(match["months"])))
        elif match["quarter"]:
            quarter = match["quarter"]
            found.add(f"Q{_QUARTERS.get(quarter, quarter)}")
        else:
            found.add(f"M{int(match['month'])}")
    return found.pop() if len(found) == 1 else None


_URL_YEAR = re.compile(r"(?:^|[-/_])(?:(?P<before>[a-z]+)-)?nam-(?P<year>(?:19|20)\d{2})(?=[-/_.]|$)")  # "...-6-thang-dau-nam-2018-tang-..."
_URL_PLAN_WORDS = frozenset({"vao", "den", "truoc", "toi", "hoach", "tieu", "nhin", "sau", "ve"})  # "...-vao-nam-2027": a goal


def year_in_url(source: str) -> int | None:
    """The one year a page's address names in its headline words ("nam-2018"), if it names one.

    >>> [year_in_url(u) for u in ("https://x.vn/vinh-phuc-6-thang-dau-nam-2018-tang-761-so-voi-cung-ky-48.html",
    ...  "https://x.vn/tong-ket-nam-2020-va-nam-2021.html", "https://x.vn/tin-2019-nam.html",
    ...  "https://x.vn/xa-ve-dich-nong-thon-moi-vao-nam-2027-24.html")]
    [2018, None, None, None]
    """
    path = _url_path(source)
    if path is None:
        return None
    years = {int(match["year"]) for match in _URL_YEAR.finditer(path) if match["before"] not in _URL_PLAN_WORDS}
    return years.pop() if len(years) == 1 else None


_A_MEETING_OF = re.compile(r"(?:họp|thường\s+kỳ|giao\s+ban|hội\s+nghị)[^.:;]{0,20}$")  # a meeting's month
HEADING_CHARS = 160  # a heading is one short line
_HEADING_SHAPE = re.compile(r"\s*(?:[A-ZĐ]\.|[IVX]+\.|\d{1,2}\.)\s|.*:\s*$", re.DOTALL)
_FIGURE_IN_HEADING = re.compile(r"\d\s*(?:%|tỷ|tỉ|triệu)")


def heading_periods(text: str, scan: str, paragraphs: tuple[tuple[int, int], ...],
                    patterns: ResolvePatterns) -> tuple[TimeMark, ...]:
    """The period each heading line names: a short line with no figure, numbered ("A.", "II.", "1.")
    or in capitals or ending with ':', that names one period. It holds for the lines under it."""
    marks = []
    for start, end in paragraphs:
        line = text[start:end]
        if len(line) > HEADING_CHARS or _FIGURE_IN_HEADING.search(line):
            continue
        if not (_HEADING_SHAPE.match(line) or line.upper() == line):
            continue
        named = [m for m in period_marks(scan, patterns, start, end) if m.year is None and not m.period.startswith("M")]
        if len({m.period for m in named}) == 1:  # "kết quả 5 tháng và ước tháng 6, ... 6 tháng:" names none
            marks.append(named[0])
    return tuple(marks)


_TARGET_HEADING = re.compile(r"(?<!\w)(?:phấn\s+đấu|mục\s+tiêu|chỉ\s+tiêu|kế\s+hoạch|nhiệm\s+vụ)(?!\w)[^:\n]*:\s*$")
_LIST_ITEM = re.compile(r"\s*(?:[-–+•*]|\d{1,2}[.)]|[a-zđ][)])\s*")
TARGET_HEADING_CHARS = 200


# A heading that opens a section of plans ("PHƯƠNG HƯỚNG, MỤC TIÊU, NHIỆM VỤ ĐẾN NĂM 2020",
# "II. Nhiệm vụ năm 2021"), not one of results ("Kết quả thực hiện nhiệm vụ năm 2019").
_PLAN_SECTION_HEADING = re.compile(r"""
    [\W_]*(?:(?:[ivx]+|\d{1,2}|[a-d])[.)/]\s*)?               # its number, if any
    (?:phương\s+hướng|mục\s+tiêu|nhiệm\s+vụ|kế\s+hoạch)(?!\w)  # a plan's word first
    (?![^\n]*(?:kết\s+quả|thực\s+hiện|đạt\s+được|đã\s+đạt|\d[.,]\d|%))   # no result, no figure
    [^\n]*""", re.VERBOSE)
_SUB_HEADING = re.compile(r"[^\n:]{1,60}:\s*")  # "* Về kinh tế:" inside the section


def target_lists(scan: str, paragraphs: tuple[tuple[int, int], ...],
                 patterns: ResolvePatterns) -> tuple[tuple[int, int, int | None], ...]:
    """The lists of items under a line that opens a plan ("Năm 2025, phấn đấu:" / "- Thu ngân sách
    320 tỷ đồng;" / "- ...") or under a plan section's heading ("PHƯƠNG HƯỚNG, NHIỆM VỤ ĐẾN NĂM
    2020" / "* Về kinh tế:" / "- ..."): where each runs, and the year its line names (None when it
    names none)."""
    lists = []
    for number, (start, end) in enumerate(paragraphs):
        if end - start > TARGET_HEADING_CHARS:
            continue
        if scan[start:end].rstrip().endswith(":") and _TARGET_HEADING.search(scan, start, end):
            items = list(itertools.takewhile(lambda p: _LIST_ITEM.match(scan, p[0]) is not None, paragraphs[number + 1:]))
        elif _PLAN_SECTION_HEADING.fullmatch(scan, start, end):
            items = list(itertools.takewhile(lambda p: _LIST_ITEM.match(scan, p[0]) is not None
                                             or _SUB_HEADING.fullmatch(scan, *p) is not None, paragraphs[number + 1:]))
            while items and _LIST_ITEM.match(scan, items[-1][0]) is None:
                items.pop()
        else:
            continue
        if items:
            marks = year_marks(scan, patterns, start, end)
            lists.append((items[0][0], items[-1][1], marks[0].year if marks else None))
    return tuple(lists)


def quoted(scan: str, mark: TimeMark) -> str:
    """A time mark quoted for --explain, with the word before a bare year.

    >>> quoted("giá trị sản xuất năm 2021 đạt", TimeMark(21, 25, year=2021))
    "'năm 2021'"
    >>> quoted("6 tháng đầu năm 2024 ước", TimeMark(0, 20, year=2024, period="H1"))
    "'6 tháng đầu năm 2024'"
    >>> quoted("vịnh Lăng Cô\\n\\nnăm 2018, tổng", TimeMark(18, 22, year=2018))
    "'năm 2018'"
    """
    start = mark.start
    if mark.period is None and scan[start:start + 1].isdigit() and start > 1 and scan[start - 1] == " ":
        start -= 1
        while start > 0 and not scan[start - 1].isspace():
            start -= 1
    return "'" + " ".join(scan[start:mark.end].split()) + "'"


LEAD_CHARS = 600


def lead_period(scan: str, patterns: ResolvePatterns) -> str | None:
    """A sub-annual period the lead names as the one reviewed ("kết quả 6 tháng đầu năm 2024"),
    only when it names no other (a lead that reviews 9 months and plans the year stays silent), or a
    quarter and the running total it closes ("quý III và 9 tháng": the total)."""
    marks = [m for m in period_marks(scan, patterns, 0, LEAD_CHARS) if m.year is None
             and not (m.period == "FY" and _is_plan_year(scan, m, patterns))]  # "đặt mục tiêu ... trong năm 2024"
    ahead = patterns.tasks_ahead.search(scan, 0, LEAD_CHARS)
    if ahead and any(m.end <= ahead.start() and m.period in _PARTS_OF_A_YEAR for m in marks):
        marks = [m for m in marks if m.end <= ahead.start()]  # "sơ kết quý I, triển khai nhiệm vụ quý II": the one reviewed
    parts_before = [m.start for m in marks if m.period in _PARTS_OF_A_YEAR]
    periods = {m.period for m in marks
               if not (m.period == "FY" and _BARE_YEAR.fullmatch(scan, m.start, m.end)
                       and parts_before and parts_before[0] < m.start)}  # "Trong 09 tháng, ... năm 2019": its year
    if "FY" in periods:  # "tổng kết năm 2023, triển khai nhiệm vụ quý I/2024": a year review
        return None
    sub_annual = {p for p in periods if not p.startswith("M")}
    if len(sub_annual) == 2 and sub_annual in _QUARTER_AND_ITS_TOTAL:
        return next(p for p in sub_annual if not p.startswith("Q"))
    return sub_annual.pop() if len(sub_annual) == 1 else None



@dataclass(frozen=True)
class ArticleTime:
    """The year, period and default status of an article as a whole (for table cells)."""

    year: int | None
    period: str
    status: str


def article_time(text: str, scan: str, title: str | None, published: dt.date | None, ruleset: RuleSet,
                 source: str = "") -> ArticleTime:
    """The title's year, else the first reviewed year of the text, else the publication year."""
    patterns = resolve_patterns(ruleset)
    frame = article_frame(text, scan, title, published, patterns, source)
    year = frame.title_year
    if year is None:
        reviewed = _first_reviewed(scan, year_marks(scan, patterns), patterns)
        year = reviewed.year if reviewed else (frame.published.year if frame.published else None)
    period = frame.title_period or frame.lead_period or frame.url_period or "FY"
    return ArticleTime(year, period, default_status(year, period, frame.published))


# --- one mention ----------------------------------------------------------------------------

SAME_PERIOD_ROOM = 60  # "(cùng kỳ năm trước tăng 2,97%)": how far back its words are read


def choose_year(mention: Mention, scan: str, frame: Frame, patterns: ResolvePatterns,
                left_floor: int, figure_ends: list[int], same_period: re.Match[str] | None) -> tuple[int | None, str]:
    """The year a figure is about, and where it was read (for --explain); `figure_ends`: where the
    article's figures end, in ascending order.

    A figure said of the same period a year before (`same_period`, from said_of_the_year_before:
    "tăng 7,2% (cùng kỳ tăng 6,1%)") is about the year written there, else the year before the one
    in reach."""
    if same_period and same_period.group(1):
        return int(same_period.group(1)), f"same period of the year written before it '{' '.join(same_period.group().split())}'"
    year, year_from = _year_in_reach(mention, scan, frame, patterns, left_floor, figure_ends)
    if same_period and year is not None:
        return year - 1, f"{year_from}, less one: the same period a year before '{' '.join(same_period.group().split())}'"
    return year, year_from


_TIMES = re.compile(r"(?<!\w)lần(?!\w)")  # "gấp 1,35 lần so với năm 2015": years apart, not the year before
_THIS_YEAR = re.compile(r"(?<!\w)năm\s+nay(?!\w)")


def _last_match(pattern: re.Pattern[str], text: str, start: int, end: int) -> re.Match[str] | None:
    found = None
    for found in pattern.finditer(text, start, end):
        pass
    return found


def said_of_the_year_before(mention: Mention, scan: str, patterns: ResolvePatterns) -> re.Match[str] | None:
    """"(cùng kỳ tăng 5,9%)": the figure is the same period's a year before (group 1: a year written)."""
    left = scan[max(mention.sentence_start, mention.span_start - SAME_PERIOD_ROOM):mention.span_start]
    return patterns.same_period_before.search(left)


def _year_in_reach(mention: Mention, scan: str, frame: Frame, patterns: ResolvePatterns,
                   left_floor: int, figure_ends: list[int]) -> tuple[int | None, str]:
    s_start, s_end = mention.sentence_start, mention.sentence_end
    own = _OWN_TIME_AFTER.match(scan, mention.span_end)
    if own:
        return int(own.group(1) or own.group(2)), f"{OWN_TIME_SAID} '" + " ".join(own.group().split()) + "'"
    sentence_years = _outside_closed_parentheses(scan, year_marks(scan, patterns, s_start, s_end), mention.span_start)
    sentence_years = [m for m in sentence_years if not _belongs_to_figure_before(scan, m, figure_ends, mention)]
    clause = nearest_before(sentence_years, mention.span_start, left_floor)
    before = clause or nearest_before(sentence_years, mention.span_start, s_start)
    this_year = _last_match(_THIS_YEAR, scan, before.end if before else s_start, mention.span_start)
    if this_year and frame.published and before:  # "Nếu như 8 tháng năm 2019 ... thì năm nay, ước 8 tháng, ... đạt"
        return frame.published.year, f"'năm nay', the year of publication {frame.published.isoformat()}"
    if this_year and frame.published:  # "Trong năm nay, ước 8 tháng, ..." (a whole year's review in January: the year before)
        return frame.published.year, f"publication date {frame.published.isoformat()} ('năm nay' before the figure)"
    if clause:
        return clause.year, f"clause {quoted(scan, clause)}"
    if before:
        return before.year, f"sentence {quoted(scan, before)}"
    clause_end = _clause_end(scan, mention.span_end, s_end)
    after = [m for m in year_marks(scan, patterns, mention.span_end, clause_end)
             if m.start - mention.span_end <= YEAR_AFTER_FIGURE and not _opens_a_parenthesis_of_its_own(scan, mention, m)]
    if after:
        return after[0].year, f"clause, right after the figure {quoted(scan, after[0])}"
    p_start = _paragraph_start(frame.paragraphs, s_start)
    paragraph = _first_reviewed(scan, _outside_closed_parentheses(scan, year_marks(scan, patterns, p_start, s_start), s_start), patterns)
    if paragraph:
        return paragraph.year, f"paragraph {quoted(scan, paragraph)}"
    if frame.title_year:
        return frame.title_year, f"title {frame.title_year_words}"
    earlier = _first_reviewed(scan, _outside_closed_parentheses(scan, year_marks(scan, patterns, 0, p_start), p_start), patterns,
                              plans_opening_a_line=True)
    if earlier:
        return earlier.year, f"lead (the first reviewed year of the text before) {quoted(scan, earlier)}"
    basis = next((b for b in patterns.basis_year.finditer(scan, s_start, s_end)
                  if not _TIMES.search(scan, max(s_start, b.start() - 8), b.end())), None)
    if basis and _a_year_before_publication(int(basis.group(1)), frame.published):
        # "tăng 9,2% so với năm 2022" with no other year in reach: the year after
        return int(basis.group(1)) + 1, f"basis year + 1 '{' '.join(basis.group().split())}'"
    if frame.published:
        lead = " (the day the lead opens with: the page shows no date)" if frame.dated_by_lead else ""
        return frame.published.year, f"publication date {frame.published.isoformat()}{lead}"
    if frame.url_year:  # an undated page whose address names its year
        return frame.url_year, f"the page's address, its headline's words ('nam-{frame.url_year}')"
    term = _a_congress_s_term(scan, patterns)
    if term:  # an undated congress report: held in the first year of the term it opens
        return int(term.period[:4]), f"congress that opens the term {term.period} (the page shows no date)"
    later = _first_reviewed(scan, year_marks(scan, patterns, s_end), patterns)
    if later:
        return later.year, f"first reviewed year of the text after {quoted(scan, later)}"
    same_period_years = {int(m.group(1)) for m in _COMPARED_YEAR.finditer(scan)
                         if not _TIMES.search(scan, max(0, m.start() - 8), m.start())}  # "gấp 3,6 lần so với năm 2015": years apart
    if len(same_period_years) == 1:  # "... tăng 9,8% so với cùng kỳ năm 2023" elsewhere: a report on 2024
        year = same_period_years.pop() + 1
        return year, f"year after {year - 1}, which every comparison of the article ('so với năm {year - 1}') is with"
    plan_years = {int(m.group(1)) for m in _PERCENT_OF_A_YEAR_S_PLAN.finditer(scan)}
    if len(plan_years) == 1:  # "Kết quả thực hiện các chỉ tiêu đều trên 50% kế hoạch năm 2019": a report on 2019
        year = plan_years.pop()
        return year, f"year of the plan the article reports the percent of ('kế hoạch năm {year}')"
    return None, "nothing in the article"


CONGRESS_REACH = 150  # characters from "Đại hội" to the term it opens ("Đại hội đại biểu Đảng bộ ... nhiệm kỳ 2025-2030")


def _a_congress_s_term(scan: str, patterns: ResolvePatterns) -> TimeMark | None:
    """The term a congress the lead names opens ("Đảng bộ xã tổ chức Đại hội ..., nhiệm kỳ 2025 - 2030")."""
    for mark in period_marks(scan, patterns, 0, LEAD_CHARS):
        if mark.year and is_span(mark.period):
            congress = _A_CONGRESS_S_TERM.search(scan, max(0, mark.start - CONGRESS_REACH), mark.start)
            if congress and not re.search(r"[.\n]", scan[congress.end():mark.start]):
                return mark
    return None


def _a_year_before_publication(basis_year: int, published: dt.date | None) -> bool:
    """Whether a basis year can be the year before the figure's: the figure's year (the one after)
    is the publication year or the one before it. "tăng 35% so với năm 2015" on a page of 2020
    compares across a term, and says nothing of the figure's year."""
    return published is None or published.year - 1 <= basis_year + 1 <= published.year


_PERCENT_OF_A_YEAR_S_PLAN = re.compile(r"""
    \d\s?%\s+(?:so\s+(?:với\s+)?)?                                # "đạt 61%", "bằng 52% so với"
    (?:kế\s+hoạch|kh|dự\s+toán|chỉ\s+tiêu)(?:\s+[^\W\d]+){0,3}?   # the plan ("kế hoạch", "dự toán tỉnh giao")
    \s+năm\s+((?:19|20)\d{2})                                    # of its year
""", re.VERBOSE)
_COMPARED_YEAR = re.compile(r"(?:cùng\s+k[ỳì]\s+|so\s+(?:với\s+)?)năm\s+((?:19|20)\d{2})")  # "cùng kỳ năm 2023", "so với năm 2021"


_ONLY_YEAR_WORD = re.compile(r"\s*(?:năm\s+)?")  # compiled once: tried for every pair of year and figure


def _belongs_to_figure_before(scan: str, mark: TimeMark, figure_ends: list[int], mention: Mention) -> bool:
    """"từ 18,6% năm 2021 lên 20,1%": a year right after an earlier figure is that figure's.

    That is ``any(end < mention.span_start and end <= mark.start and
    _ONLY_YEAR_WORD.fullmatch(scan[end:mark.start]) for end in figure_ends)``; the places where
    such a figure may end are spelled out and looked up in the sorted `figure_ends` instead.
    """
    last = min(mark.start, mention.span_start - 1)
    return any(_has_end_between(figure_ends, low, min(high, last)) for low, high in _year_word_gaps(scan, mark.start))


def _year_word_gaps(scan: str, position: int) -> list[tuple[int, int]]:
    """The places p (as ranges low..high) where scan[p:position] is whitespace, or whitespace,
    "năm" and whitespace: what ``_ONLY_YEAR_WORD.fullmatch`` takes (``\s`` is ``str.isspace``)."""
    spaces = _spaces_before(scan, position)
    gaps = [(spaces, position)]
    if spaces < position and spaces >= 3 and scan.startswith("năm", spaces - 3):
        word = spaces - 3
        gaps.append((_spaces_before(scan, word), word))
    return gaps


def _spaces_before(scan: str, position: int) -> int:
    """Start of the run of whitespace that ends at `position`."""
    start = position
    while start > 0 and scan[start - 1].isspace():
        start -= 1
    return start


def _has_end_between(ends: list[int], low: int, high: int) -> bool:
    at = bisect.bisect_left(ends, low)
    return at < len(ends) and ends[at] <= high


def _opens_a_parenthesis_of_its_own(scan: str, mention: Mention, mark: TimeMark) -> bool:
    """"còn 0,86% (năm 2020 là 1,12%)": the year in that parenthesis is the other figure's."""
    between = scan[mention.span_end:mark.start]
    return "(" in between and not re.match(r"\s*\)", scan[mark.end:mark.end + 3])


def _first_reviewed(scan: str, marks: list[TimeMark], patterns: ResolvePatterns,
                    plans_opening_a_line: bool = False) -> TimeMark | None:
    """The first of the marks that is not a plan's horizon; with `plans_opening_a_line` (for the
    title and the paragraphs before a figure's) not a year opening a plan's line either."""
    return next((m for m in marks if not _is_plan_year(scan, m, patterns)
                 and not (plans_opening_a_line and _a_plan_s_year_opening(scan, m))), None)


PLAN_WORDS_REACH = 56  # "hướng tới tăng trưởng hai con số trong năm 2026": a plan word this far before the year


def _is_plan_year(scan: str, mark: TimeMark, patterns: ResolvePatterns) -> bool:
    """A year named as the horizon of a plan ("kế hoạch năm 2021", "Năm 2025 thị xã Nghi Sơn phấn
    đấu ..."), not a reviewed year."""
    return bool(patterns.plan_year.search(scan[max(0, mark.start - PLAN_WORDS_REACH):mark.start]))


def _a_plan_s_year_opening(scan: str, mark: TimeMark) -> bool:
    """A line that opens with the year of a plan ("Năm 2025 thị xã Nghi Sơn phấn đấu ..."): it dates
    that line's figures, not the figures of the lines after it."""
    line_start = scan.rfind("\n", 0, mark.start) + 1
    return (_OPENS_WITH_A_YEAR.fullmatch(scan, line_start, mark.start) is not None
            and _PLAN_AFTER_YEAR.match(scan, mark.end) is not None)


_OPENS_WITH_A_YEAR = re.compile(r"\s*(?:năm\s+)?")
_PLAN_AFTER_YEAR = re.compile(r"[^.;:\d]{0,40}?(?<!\w)phấn\s+đấu(?!\w)")  # "... thị xã Nghi Sơn phấn đấu"


def _clause_end(scan: str, position: int, sentence_end: int) -> int:
    cut = scan.find(";", position, sentence_end)
    return cut if cut >= 0 else sentence_end


def _paragraph_start(paragraphs: tuple[tuple[int, int], ...], position: int) -> int:
    start = 0
    for p_start, _ in paragraphs:
        if p_start > position:
            break
        start = p_start
    return start


def choose_period(mention: Mention, scan: str, frame: Frame, patterns: ResolvePatterns,
                  left_floor: int, sentence_starts: Sequence[int] = ()) -> tuple[str, int | None, str]:
    """Period of a figure (and the year a multi-year span gives), with where it was read."""
    s_start, s_end = mention.sentence_start, mention.sentence_end
    marks = _outside_closed_parentheses(scan, period_marks(scan, patterns, s_start, s_end), mention.span_start)
    mark = nearest_before(marks, mention.span_start, left_floor) or nearest_before(marks, mention.span_start, s_start)
    yearly = PER_YEAR.search(mention.raw) or _YEARLY_AVERAGE_BEFORE.search(
        scan, max(s_start, mention.span_start - 50), mention.span_start)
    own = next((m for m in marks if m.period == "FY" and _ITS_OWN_PERIOD.fullmatch(scan, mention.span_end, m.start)), None)
    if own:  # "mục tiêu tăng trưởng 7,0% của cả năm": the period said of the figure itself
        return own.period, own.year, f"right after the figure {quoted(scan, own)}"
    if mark and mark.period.startswith("M") and _RUNNING.search(scan, mark.end, mention.span_start):
        total = running_total(int(mark.period[1:]))  # "tháng 9 được 631 tỷ đồng, lũy kế được 7.077 tỷ đồng"
        return total, None, f"running total to the month named before it {quoted(scan, mark)}"
    if mark:
        span = _span_ending_in(scan, mark, period_marks(scan, patterns, 0, s_start)) if yearly else None
        if span:  # "năm 2020 ..., tăng bình quân 22%/năm" after "giai đoạn 2016-2020": the span it closes
            return span.period, span.year, f"span a yearly average closes {quoted(scan, span)}"
        return mark.period, mark.year, f"sentence {quoted(scan, mark)}"
    span_after = [m for m in marks if m.year and 0 <= m.start - mention.span_end <= SPAN_AFTER_FIGURE]
    if span_after:  # "bình quân 8,9%/năm của giai đoạn 2011-2015"
        return span_after[0].period, span_after[0].year, f"clause, right after the figure {quoted(scan, span_after[0])}"
    if yearly:  # "bình quân 22%/năm", "tăng bình quân hằng năm 15,6%": a rate over a span of years
        spans = [m for m in period_marks(scan, patterns, 0, s_start) if m.year]
        if spans:
            p_start = _paragraph_start(frame.paragraphs, s_start)
            if _PAST_TERM.search(scan, p_start, mention.span_start):  # "Nhiệm kỳ vừa qua, ..." after the new term's name
                first, last = (int(y) for y in spans[-1].period.split("-"))
                return f"{2 * first - last}-{first}", first, f"term before the one named {quoted(scan, spans[-1])}"
            return spans[-1].period, spans[-1].year, f"span named last before a yearly average {quoted(scan, spans[-1])}"
    whole_span = _span_of_the_whole_before(mention, scan, patterns, sentence_starts)
    if whole_span:  # "... bình quân giai đoạn 2016-2020 đạt 8,6%. Trong đó, ngành dịch vụ đạt 12,2%"
        return whole_span.period, whole_span.year, f"span of the whole the parts' list goes on from {quoted(scan, whole_span)}"
    subject = _subject_sentence_period(mention, scan, patterns, sentence_starts)
    if subject:  # "Tổng mức bán lẻ ... tháng 8 đạt 5.530 tỷ đồng. Chia theo ..., khu vực nhà nước đạt 214 tỷ đồng"
        return subject.period, None, f"sentence of its subject, named before {quoted(scan, subject)}"
    p_start = _paragraph_start(frame.paragraphs, s_start)
    mark = _paragraph_period(scan, period_marks(scan, patterns, p_start, s_start), s_start, p_start)
    if mark and not mark.period.startswith("M") and mark.year is None:  # no month, no term
        return mark.period, None, f"paragraph {quoted(scan, mark)}"
    if mark and mark.period.startswith("M") and _A_DATED_MONTH_OPENING.fullmatch(scan, p_start, mark.start) \
            and _ITS_YEAR.search(scan, mark.start, mark.end + 10):
        return mark.period, None, f"month with its year that opens the paragraph {quoted(scan, mark)}"
    if mark is None and patterns.follows_on.match(scan, p_start):  # "Cụ thể, ...", "Bên cạnh đó, ..."
        before = _paragraph_start(frame.paragraphs, p_start - 1) if p_start else 0
        mark = nearest_before(period_marks(scan, patterns, before, p_start), p_start, before)
        if mark and not mark.period.startswith("M") and mark.year is None:
            return mark.period, None, f"paragraph before, which this one goes on from {quoted(scan, mark)}"
    heading = nearest_before(frame.heading_periods, p_start, 0)
    if heading and heading.period != "rest":
        return heading.period, None, f"heading {quoted(scan, heading)}"
    if frame.title_period:
        return frame.title_period, None, f"title {frame.title_period_words}"
    if frame.lead_period:
        return frame.lead_period, None, "lead (the one period it reviews)"
    if frame.url_period:
        return frame.url_period, None, "the page's address, its headline's words"
    return "FY", None, "default (whole year)"


def _span_of_the_whole_before(mention: Mention, scan: str, patterns: ResolvePatterns,
                              sentence_starts: Sequence[int]) -> TimeMark | None:
    """The multi-year span of the sentence right before a list of parts ("Trong đó, ...") that names
    no time of its own: the parts' growth is over the whole's span."""
    if mention.measure != "pct_change" or not sentence_starts or not patterns.opens_parts.match(scan, mention.sentence_start):
        return None
    number = bisect.bisect_left(sentence_starts, mention.sentence_start)
    if number == 0 or "\n" in scan[sentence_starts[number - 1]:mention.sentence_start].rstrip():
        return None  # no sentence before it in its paragraph
    mark = nearest_before(period_marks(scan, patterns, sentence_starts[number - 1], mention.sentence_start),
                          mention.sentence_start, sentence_starts[number - 1])
    return mark if mark and mark.year and is_span(mark.period) else None


def _subject_sentence_period(mention: Mention, scan: str, patterns: ResolvePatterns,
                             sentence_starts: Sequence[int]) -> TimeMark | None:
    """The period the sentence of a figure's subject names, when the subject (its trigger) is in a
    sentence before the figure's own, which names none: a part goes on with its whole's period."""
    if mention.trigger_start >= mention.sentence_start or not sentence_starts:
        return None
    subject_start = sentence_starts[max(0, bisect.bisect_right(sentence_starts, mention.trigger_start) - 1)]
    mark = nearest_before(period_marks(scan, patterns, subject_start, mention.sentence_start),
                          mention.sentence_start, subject_start)
    return mark if mark and not is_span(mark.period) and mark.period != "FY" else None


_BARE_YEAR = re.compile(r"năm\s+(?:19|20)\d{2}")
_A_YEAR = re.compile(r"(?:19|20)\d{2}")
_RUNNING = re.compile(r"(?<!\w)(?:lũy\s+kế|cộng\s+dồn)(?!\w)")


def _span_ending_in(scan: str, mark: TimeMark, earlier: list[TimeMark]) -> TimeMark | None:
    """The span named last before a sentence that ends in the single year the sentence names."""
    year = _A_YEAR.search(scan, mark.start, mark.end) if mark.period == "FY" else None
    spans = [m for m in earlier if m.year and year and m.year == int(year.group())]
    return spans[-1] if spans else None


# What may come before the month that opens a paragraph ("Báo cáo cho thấy, tháng 1/2023, ..."):
# a few words, no figure; and the year the month carries (in its mark or right after it)
_A_DATED_MONTH_OPENING = re.compile(r"[^\d.;:\n]{0,40}")
_ITS_YEAR = re.compile(r"\s*/\s*(?:19|20)\d\d|\s+năm\s+(?:19|20)\d\d")


def _paragraph_period(scan: str, marks: list[TimeMark], position: int, floor: int) -> TimeMark | None:
    """The period the paragraph names last before `position`; a bare "năm 2019" after a part of a
    year ("6 tháng đầu năm ... trong năm 2019. Thu ngân sách đạt ...") names the year, not the
    whole year: the part of a year named before it stands."""
    mark = nearest_before([m for m in marks if not _OF_A_FIGURE_BEFORE.search(scan, max(0, m.start - 12), m.start)],
                          position, floor)
    if mark is None or mark.period != "FY" or not _BARE_YEAR.fullmatch(scan, mark.start, mark.end):
        return mark
    part = nearest_before([m for m in marks if m.period in _PARTS_OF_A_YEAR], mark.start, floor)
    return part or mark


_PARTS_OF_A_YEAR = frozenset({"Q1", "Q2", "Q3", "Q4", "H1", "9M"})
_PARTS_OF_A_YEAR_SO_FAR = _PARTS_OF_A_YEAR | {f"YTD-M{month}" for month in range(1, 12)}
_ITS_OWN_PERIOD = re.compile(r"\s*(?:của\s+|trong\s+)?")  # between a figure and the whole year said of it ("7,5% trong năm 2025")
#: "mục tiêu tăng trưởng 7,0% của cả năm": a period said of the figure right before it, not of the paragraph
_OF_A_FIGURE_BEFORE = re.compile(r"\d\s?%\s*(?:của\s+)?\Z")


def _status_words(scan: str, patterns: ResolvePatterns, start: int, end: int) -> list[tuple[int, int, str, str]]:
    """(end, -start, status, word) of every status word in scan[start:end]."""
    words, starts = _all_status_words(scan, patterns)
    return [w for w in words[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)] if w[0] <= end]


@lru_cache(maxsize=8)
def _all_status_words(scan: str, patterns: ResolvePatterns) -> tuple[list[tuple[int, int, str, str]], list[int]]:
    every_status = finditer_each(tuple(pattern for _, pattern in patterns.status), scan)
    found = [(match.end(), -match.start(), status, match.group().strip())
             for (status, _), matches in zip(patterns.status, every_status) for match in matches
             if not patterns.status_not_after.search(scan, max(0, match.start() - 16), match.start())]
    found.sort(key=lambda w: -w[1])
    return found, [-w[1] for w in found]


_EXPLICIT_ACTUAL = re.compile(r"thực\s+hiện|đã\s+đạt|đạt\s+được")


def choose_status(mention: Mention, scan: str, patterns: ResolvePatterns, clause_start: int,
                  previous: Mention | None = None) -> tuple[str | None, str]:
    """The status a word before the figure states: the nearest estimate or target word in its
    clause, else in its sentence, else an actual word ("đạt", "còn") in its clause. None when no
    word says it (then an estimate carries on from the figure before, see `resolve`).

    A part after a ';' that names its own subject with a plain "đạt" is not estimated by the "ước
    đạt" of the figure before it ("thu nội địa ước đạt 2.263 tỷ đồng; thu từ xuất nhập khẩu đạt
    6.887 tỷ đồng"; but "ước thực hiện 235 tỷ đồng; đạt 24% dự toán" goes on with its subject)."""
    clause = _outside_parentheses(scan, _status_words(scan, patterns, clause_start, mention.span_start), mention)
    sentence = _outside_parentheses(scan, _status_words(scan, patterns, mention.sentence_start, clause_start), mention)
    part_start = scan.rfind(";", mention.sentence_start, mention.span_start) + 1
    in_part = [w for w in clause if -w[1] >= part_start]
    explicit = [w for w in in_part if w[2] == "actual" and _EXPLICIT_ACTUAL.fullmatch(w[3])]
    if explicit and all(w[2] == "actual" for w in in_part):
        return "actual", max(explicit)[3]  # "ước đạt 18 triệu USD; lũy kế 5 tháng thực hiện 80 triệu USD, đạt 36% KH"
    others = [w for w in clause + sentence if w[2] != "actual"]
    if in_part and all(w[2] == "actual" for w in in_part) and others and max(others)[2] == "estimate" \
            and mention.trigger_start >= part_start and _the_verb_of(previous, mention, -max(others)[1]):
        return "actual", max(in_part)[3]
    for words in ([w for w in clause if w[2] != "actual"],
                  [w for w in sentence if w[2] != "actual"],
                  [w for w in clause if w[2] == "actual"]):
        if words:
            _, _, status, word = max(words)
            return status, word
    return None, ""


def _the_verb_of(previous: Mention | None, mention: Mention, position: int) -> bool:
    """Whether the word at `position` is the verb of the figure before, in the same sentence:
    between that figure's subject and the figure."""
    return (previous is not None and previous.sentence_start == mention.sentence_start
            and previous.trigger_start < position < previous.span_start)


def _outside_parentheses(scan: str, words: list[tuple[int, int, str, str]], mention: Mention) -> list[tuple[int, int, str, str]]:
    """The status words not inside a parenthesis of the sentence that closes before the figure."""
    if not words or ")" not in scan[mention.sentence_start:mention.span_start]:
        return words
    return [w for w in words
            if not in_closed_parenthesis(scan, -w[1], w[0], mention.sentence_start, mention.span_start)]


def period_end(year: int, period: str) -> dt.date:
    """Last day of a period: FY 2021 -> 2021-12-31, H1 -> 06-30, Q3 -> 09-30, YTD-M5 -> 05-31.

    >>> period_end(2021, "FY"), period_end(2021, "Q3"), period_end(2024, "YTD-M2")
    (datetime.date(2021, 12, 31), datetime.date(2021, 9, 30), datetime.date(2024, 2, 29))
    """
    months = {"FY": 12, "H1": 6, "9M": 9}
    if period in months:
        month = months[period]
    elif period.startswith("Q"):
        month = 3 * int(period[1])
    elif period.startswith(("M", "YTD-M")):
        month = int(period.rsplit("M", 1)[1])
    else:  # a span such as 2016-2020 ends with its last year
        month = 12
    return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)


def default_status(year: int | None, period: str, published: dt.date | None) -> str:
    """The status of a table whose heads name none: published before its period ended, it holds
    estimates. (A sentence with no status word is a plain statement: actual.)"""
    if year is not None and published is not None and published <= period_end(year, period):
        return "estimate"
    return "actual"


def choose_basis(mention: Mention, scan: str, patterns: ResolvePatterns, right_end: int,
                 period: str) -> tuple[str | None, int | None]:
    if mention.measure not in RELATIVE_MEASURES:
        # a level has no basis, but a growth rate keeps the year it is compared with
        return None, _basis_year(scan, mention, patterns, right_end) if mention.measure == "level" else None
    basis = basis_named(scan[mention.span_end:right_end], patterns) or _plan_passed_before(mention, scan, patterns)
    if mention.measure == "pct_of_plan" and basis not in PLAN_BASES:
        basis = "plan"
    elif mention.measure in ("pct_change", "abs_change", "ratio", "pct_of_prior") and basis is None:
        basis = "prior_year" if period == "FY" or is_span(period) else "same_period_prior_year"
    elif mention.measure == "pct_of_prior" and basis in PLAN_BASES:
        basis = "prior_year"
    year = _basis_year(scan, mention, patterns, right_end) if basis in PRIOR_BASES else None
    return basis, year


_PASSED_BEFORE = re.compile(r"(?<!\w)vượt\s+(?:so\s+với\s+)?(?P<plan>[^\d()%;.]{1,40}?)\s*(?:là\s+)?(?:khoảng\s+|hơn\s+)?$")


def _plan_passed_before(mention: Mention, scan: str, patterns: ResolvePatterns) -> str | None:
    """The plan named between "vượt" and the change ("vượt mục tiêu Nghị quyết 0,36%",
    "vượt dự toán 12%"): what the change is measured against."""
    if mention.measure not in ("pct_change", "abs_change"):
        return None
    passed = _PASSED_BEFORE.search(scan, max(mention.sentence_start, mention.span_start - 50), mention.span_start)
    basis = basis_named(passed.group("plan"), patterns) if passed else None
    return basis if basis in PLAN_BASES else None


def basis_named(right: str, patterns: ResolvePatterns) -> str | None:
    """The basis named first in `right` (the first in context.yaml's order at one place)."""
    if not _matcher_of(patterns, "bases").may_match(right):
        return None  # no basis word at all: one quick search instead of one per basis
    best: tuple[int, str | None] = (len(right) + 1, None)
    for basis, pattern in patterns.bases:
        match = pattern.search(right)
        if match and match.start() < best[0]:
            best = (match.start(), basis)
    return best[1]


def _basis_year(scan: str, mention: Mention, patterns: ResolvePatterns, right_end: int) -> int | None:
    match = patterns.basis_year.search(scan, mention.span_end, right_end)
    if match and match.start() - mention.span_end < 40:
        return int(match.group(1))
    return None


_OPEN_PARENTHESIS = re.compile(r"\(\s*(?:ước\s+)?$")
_OWNER_AFTER = re.compile(r"\s*(?:của|chung\s+của)\s+(?:toàn\s+)?(?:cả\s+nước|toàn\s+quốc|tỉnh|thành\s+phố|huyện|quận|thị\s+xã)\b[^,;.()]{0,30}")
_WHOLE_UNIT_LEAD = re.compile(r"(?<!\w)(?:toàn|tính\s+chung\s+toàn|cả)\s+(?:nước|quốc|tỉnh|thành\s+phố|huyện|quận|thị\s+xã)\b[^,;.]{0,30}")


def opens_right_before(scan: str, position: int) -> bool:
    """``_OPEN_PARENTHESIS.search(scan[:position])``, searched from the last "(" only: a match
    starts with one, and no other "(" follows it."""
    last = scan.rfind("(", 0, position)
    return last >= 0 and _OPEN_PARENTHESIS.search(scan, last, position) is not None  # endpos: as the slice's end


def choose_other_place(mention: Mention, text: str, scan: str, article: Place, clause_start: int,
                       left_floor: int) -> Place | None:
    """The place a figure is about when it is not the article's own.

    Read from the words that own the figure: a parenthesis after a comparison ("cao hơn mức
    bình quân của tỉnh (58,2 triệu đồng)", "chỉ sau Bắc Giang (17,8%)"), an owner right after it
    ("mức tăng 6,98% của cả nước"), or a whole unit leading its clause ("Toàn huyện Châu Đức năm
    2020 thu ngân sách ...").
    """
    if mention.pair == "second":  # "cao hơn bình quân chung của tỉnh (12,74/8,36%)"
        sentence = text[mention.sentence_start:mention.span_start]
        return place_of_phrase(sentence, article) or place_of_phrase("của tỉnh", article)
    if mention.pair == "first":
        return None
    if mention.listed_unit is not None:  # "...: Vụ Bản tăng 18,3%; Giao Thuỷ tăng 15%"
        listed = place_of_listed_unit(mention.listed_unit, article)
        if listed is None:
            return UNKNOWN_PLACE
        return None if (listed.area, listed.area_type) == (article.area, article.area_type) else listed
    before = text[max(left_floor, mention.span_start - 80):mention.span_start]
    opened = before.rfind("(")
    if opened >= 0 and ")" not in before[opened:]:
        inside = before[opened + 1:]
        outside = before[:opened] if opens_right_before(scan, mention.span_start) else ""
        for phrase in (inside, outside[-60:]):
            found = place_of_phrase(phrase, article) if phrase.strip() else None
            if found:
                return found
    owner = _OWNER_AFTER.match(scan, mention.span_end)
    if owner:
        return place_of_phrase(text[owner.start():owner.end()], article)
    lead = _WHOLE_UNIT_LEAD.search(scan, clause_start, mention.trigger_start)
    if lead:
        return place_of_phrase(text[lead.start():lead.end()], article)
    if not _names_a_unit(scan, mention.sentence_start, mention.sentence_end):
        return None  # most sentences name no unit: nothing more to read
    cut = text.rfind(";", mention.sentence_start, mention.span_start)
    return (_named_unit_opening(mention, text, article, mention.sentence_start)
            or (_named_unit_opening(mention, text, article, cut + 1) if cut >= 0 else None)
            or _named_unit_right_before(mention, text, article))


#: "Huyện Cái Bè hiện có 1.370 hộ nghèo, tỷ lệ 1,67%", "...; tiếp theo là huyện Ngân Sơn 34,41%": a
#: named unit is the subject of its sentence or clause
_UNIT_OPENS = re.compile(r"""
    [\s\-–+•*]*                                              # a list's mark
    (?:(?:tiếp\ (?:theo|đến)|sau\ đó|thấp\ nhất|cao\ nhất)\ là\s+)?   # a ranking's "tiếp theo là"
    (?:(?i:huyện|thị\ xã|thành\ phố|quận|xã|phường|thị\ trấn)|TP\.?)\s+  # the unit's type
    [A-ZĐÀ-Ỹ][^\s,;:.()]*(?:\s+[A-ZĐÀ-Ỹ0-9][^\s,;:.()]*){0,3}     # its name, capitalised words
""", re.VERBOSE)


#: "cao nhất là huyện Pác Nặm với 35,22%": a named unit right before the figure owns it
_UNIT_RIGHT_BEFORE = re.compile(r"""
    (?<!\w)(?i:huyện|thị\ xã|thành\ phố|quận|xã|phường|thị\ trấn)\s+   # the unit's type
    [A-ZĐÀ-Ỹ][^\s,;:.()\d]*(?:\s+[A-ZĐÀ-Ỹ][^\s,;:.()\d]*){0,3}       # its name, capitalised words
    \s+(?:với\s+|là\s+|đạt\s+|chiếm\s+)?$                          # then the figure
""", re.VERBOSE)


_UNIT_WORD = re.compile(r"huyện|xã|phường|thành phố|thị trấn|quận|tp\.")


@lru_cache(maxsize=32)  # keyed on the article's text: a few entries, one article's sentences at a time
def _names_a_unit(scan: str, start: int, end: int) -> bool:
    """Whether a sentence holds a unit word (asked once per sentence, for each of its figures)."""
    return _UNIT_WORD.search(scan, start, end) is not None


def _named_unit_right_before(mention: Mention, text: str, article: Place) -> Place | None:
    """The unit named right before the figure ("huyện Pác Nặm với 35,22%"), when not the article's own."""
    start = max(mention.sentence_start, mention.span_start - 60)
    found = _UNIT_RIGHT_BEFORE.search(text, start, mention.span_start)
    named = _place_of(found.group(), article) if found else None
    return named if named and (named.area, named.area_type) != (article.area, article.area_type) else None


def _named_unit_opening(mention: Mention, text: str, article: Place, start: int) -> Place | None:
    """The unit named at the head of the figure's sentence or clause (`start`), when it is not the
    article's own."""
    opening = _unit_opening_at(text, start, mention.sentence_end)
    if opening is None or opening[0] > max(start, mention.trigger_start, mention.span_start):
        return None
    named = _place_of(opening[1], article)
    return named if named and (named.area, named.area_type) != (article.area, article.area_type) else None


@lru_cache(maxsize=32)  # keyed on the article's text: a few entries, one article's clauses at a time
def _unit_opening_at(text: str, start: int, end: int) -> tuple[int, str] | None:
    """Where the named unit opening `start` ends and its words (asked once per sentence or clause)."""
    opening = _UNIT_OPENS.match(text, start, end)
    return (opening.end(), opening.group()) if opening else None


@lru_cache(maxsize=256)
def _place_of(phrase: str, article: Place) -> Place | None:
    """`place_of_phrase`, once per phrase and article (each of a sentence's figures asks it)."""
    return place_of_phrase(phrase, article)


def choose_approx(mention: Mention, scan: str, patterns: ResolvePatterns, left_floor: int) -> str | None:
    approx = approx_before(scan[max(left_floor, mention.span_start - 30):mention.span_start], patterns)
    if approx is not None:
        return approx
    right = scan[mention.span_end:mention.span_end + 15]
    for approx, pattern in patterns.approx_after:
        if pattern.match(right.lstrip()):
            return approx
    return None


def approx_before(left: str, patterns: ResolvePatterns) -> str | None:
    """The approximator ("ước", "khoảng") that ends `left`, the first in context.yaml's order."""
    if not _matcher_of(patterns, "approx").may_match(left):
        return None  # most figures have none: one quick search instead of one per approximator
    for approx, pattern in patterns.approx:
        if pattern.search(left):
            return approx
    return None


class _NoMatcher:
    """Stands for a matcher that could not be built: it rules nothing out."""

    @staticmethod
    def may_match(scan: str, start: int = 0, end: int | None = None) -> bool:
        return True


@lru_cache(maxsize=16)
def _matcher_of(patterns: ResolvePatterns, field: str) -> AnchoredMatcher | _NoMatcher:
    """The matcher of one list of (name, pattern) pairs of the rule set, e.g. "bases"."""
    return AnchoredMatcher.build([pattern for _, pattern in getattr(patterns, field)]) or _NoMatcher()




def start_of_clause(scan: str, mention: Mention) -> int:
    """Where the clause of a figure starts: after the last ";" of its sentence before its trigger
    (the sentence as `within_reach` cut it)."""
    cut = scan.rfind(";", mention.sentence_start, mention.trigger_start)
    return cut + 1 if cut >= 0 else mention.sentence_start


def within_reach(mention: Mention) -> Mention:
    """The figure with its sentence cut to REACH characters on either side of it. A
    "sentence" of thousands of figures and no stop (a flattened table, a list without
    punctuation) was otherwise read whole for each of its figures: hours for 4 MB of them."""
    start = max(mention.sentence_start, mention.span_start - REACH)
    end = min(mention.sentence_end, mention.span_end + REACH)
    if (start, end) == (mention.sentence_start, mention.sentence_end):
        return mention
    return mention.replaced(sentence_start=start, sentence_end=end)


def resolve(extraction: Extraction, text: str, title: str | None, published: dt.date | None,
            ruleset: RuleSet, place: Place | None = None, source: str = "") -> list[Mention]:
    """Year, period, status, basis, approximator and other place for every mention of one article."""
    patterns = resolve_patterns(ruleset)
    scan = extraction.scan
    frame = article_frame(text, scan, title, published, patterns, source)
    mentions = extraction.mentions
    resolved: list[Mention] = []
    carrying_estimate = False  # an estimate word said it, and no other status word since
    last_own: Mention | None = None  # the last figure not said of the same period a year before
    figure_ends = sorted(m.span_end for m in mentions)
    sentence_starts = [start for start, _ in extraction.sentences]
    date_holds = _publication_date_holds(scan, frame, patterns)
    for number, mention in enumerate(mentions):
        mention = within_reach(mention)
        clause_start = start_of_clause(scan, mention)
        previous = mentions[number - 1] if number else None
        left_floor = previous.span_end if previous and previous.span_end > mention.trigger_start else mention.trigger_start
        right_end = _right_end(mentions, number, scan)
        same_period = said_of_the_year_before(mention, scan, patterns)
        year, year_from = choose_year(mention, scan, frame, patterns, left_floor, figure_ends, same_period)
        period, span_year, period_from = choose_period(mention, scan, frame, patterns, left_floor, sentence_starts)
        if period.startswith("YTD-M") and _IN_THE_MONTH.match(scan, mention.span_end):
            period, period_from = period[4:], f"{period_from}; 'trong tháng' after the figure: that month alone"
        if span_year:
            if span_year != year:  # "giải ngân đến ngày 31/01/2026": the year its period mark gives, 2025
                year_from = f"period mark of the {period_from}"
            year = span_year
        other_place = choose_other_place(mention, text, scan, place, clause_start, left_floor) if place else None
        status, status_word, carrying_estimate = resolve_status(
            mention, last_own, carrying_estimate, scan, patterns, clause_start,
            left_floor, year, period, other_place is not None and not mention.listed_unit)
        whole = _the_whole_a_list_names(mention, scan, resolved)
        if whole is not None and not status_word.startswith("'") and status != whole.status:
            status, status_word = whole.status, f"a part of the total its list names ('{whole.raw}')"
            carrying_estimate = status == "estimate"
        if status == "estimate" and same_period:
            status, status_word = "actual", "the same period a year before: a past figure"
        elif status == "estimate" and _names_an_earlier_time(year_from, year, last_own):
            status, status_word = "actual", "a figure of an earlier time, named after it: a past figure"
        if _a_year_reviewed_after_it_ended(year_from, period, status, frame.published):
            year, year_from = year - 1, f"{year_from}, less one: a whole year is reviewed after it ends"
        if (period == "FY" and year is not None and not year_from.startswith((OWN_TIME_SAID, "clause, right after"))
                and _the_level_a_change_starts_from(mention, scan)):  # "tỷ lệ hộ nghèo giảm từ 30,47% xuống còn 24,28%"
            year, year_from = year - 1, f"{year_from}, less one: the level a change starts from, the year before"
            status, status_word = "actual", "the level a change starts from: a past figure"
        plan = next((p for p in frame.target_lists if p[0] <= mention.span_start < p[1]), None)
        if plan is not None:  # an item of a list under "Năm 2025, phấn đấu:": a target of the year it names
            if plan[2] is not None and not _said_in_its_sentence(year_from):
                year, year_from = plan[2], f"the year of the plan the list is under ({plan[2]})"
            status, status_word = "target", "an item of a list under a plan's line"
        lead_in = _a_plan_s_lead_in_before(mention, scan, patterns, sentence_starts) if status != "target" else None
        if lead_in is not None:  # "... đề ra các chỉ tiêu phấn đấu năm 2014. Đó là tốc độ tăng ..."
            if lead_in.year and not _said_in_its_sentence(year_from):
                year, year_from = lead_in.year, f"sentence before, the plan it lists {quoted(scan, lead_in)}"
            status, status_word = "target", "an item the sentence before announces as a plan ('Đó là ...')"
        if status == "target" and _dated_by_the_article_alone(year_from):
            plan_year = the_plan_year(scan, patterns)
            term_end = None if plan_year else the_opened_term_end(scan, patterns, frame.published)
            if plan_year and plan_year != year:
                year, year_from = plan_year, f"year of the plan the article sets ({plan_year}): a target that names no year"
            elif term_end and term_end != year:
                year, year_from = term_end, f"end of the term the article opens ({term_end}): a target that names no year"
        if status == "actual" and year is not None and date_holds and year > frame.published.year:
            status, status_word = "target", f"a figure of {year}, after the article was published ({frame.published.isoformat()})"
        if status == "target" and period in _PARTS_OF_A_YEAR_SO_FAR and patterns.plan_amount_after_percent.search(
                scan, max(0, mention.span_start - 90), mention.span_start):
            period, period_from = "FY", f"year's plan that the percent of plan before it is of ({period} so far)"
        basis, basis_year = choose_basis(mention, scan, patterns, right_end, period)
        approx = choose_approx(mention, scan, patterns, left_floor)
        explain = dict(mention.explain, year=f"{year} from the {year_from}", period=f"{period} from the {period_from}",
                       status=f"{status} ({status_word})",
                       basis=f"{basis} {basis_year or ''}".strip(),
                       area=(f"unknown: '{mention.listed_unit}' heads its item but names no unit"
                             if other_place is UNKNOWN_PLACE
                             else f"{other_place.area} (the unit heading its item of a list of units)"
                             if other_place and mention.listed_unit
                             else f"{other_place.area} (another place named around the figure)" if other_place
                             else f"{place.area} (the article's place)" if place else "unknown"))
        resolved.append(mention.replaced(year=year, period=period, status=status, basis=basis,
                                basis_year=basis_year, approx=approx, place=other_place, explain=explain,
                                time_said=_said_in_its_sentence(year_from) or _said_in_its_sentence(period_from),
                                status_said=status_word.startswith("'")))
        if not same_period:
            last_own = resolved[-1]
    return resolved


_IN_THE_MONTH = re.compile(r"\s+trong\s+tháng(?!\s*\d)")  # "đạt 3.470 tỷ đồng trong tháng và lũy kế đạt ..."


def _publication_date_holds(scan: str, frame: Frame, patterns: ResolvePatterns) -> bool:
    """Whether the page's date can be trusted to bound what is reported: a lead that reviews a year
    later than the date ("Thứ Ba, 16/06/2020 ... năm 2022, thị xã đã ...") shows a wrong date."""
    if frame.published is None:
        return False
    reviewed = _first_reviewed(scan, year_marks(scan, patterns, 0, LEAD_CHARS), patterns)
    return reviewed is None or reviewed.year <= frame.published.year


# "Trong mức tăng 4,75%, khu vực ...": a list of parts that names its total by the total's figure
_TOTAL_NAMED = re.compile(r"\W*trong\s+(?:tổng\s+)?mức\s+tăng(?:\s+trưởng)?(?:\s+chung)?\s+(?:là\s+)?(?P<value>\d[\d.,]*)\s*%")


def _the_whole_a_list_names(mention: Mention, scan: str, resolved: list[Mention]) -> Mention | None:
    """The figure, resolved before, whose value the list of parts opening the figure's sentence names
    ("... GRDP ước thực hiện quý I tăng 4,75% ... Trong mức tăng 4,75%, khu vực dịch vụ tăng 5,3%")."""
    named = _TOTAL_NAMED.match(scan, mention.sentence_start)
    if named is None or mention.span_start < named.end():
        return None
    value = parse_number(named["value"])
    return next((m for m in reversed(resolved) if m.value == value and m.unit == "percent"), None)


_FROM_BEFORE = re.compile(r"(?<!\w)từ\s+(?:mức\s+)?$")
_TO_AFTER = re.compile(r"\s*,?\s*(?:xuống|lên|còn)(?:\s+(?:còn|mức))?\s+\d")


def _the_level_a_change_starts_from(mention: Mention, scan: str) -> bool:
    """Whether the figure is the "từ" of "giảm từ 30,47% xuống còn 24,28%": the level before the change."""
    return (mention.measure == "level" and _FROM_BEFORE.search(scan, max(0, mention.span_start - 12), mention.span_start) is not None
            and _TO_AFTER.match(scan, mention.span_end) is not None)


def _names_an_earlier_time(year_from: str, year: int | None, last_own: Mention | None) -> bool:
    """"ước đạt 7,4%, cao hơn mức tăng 6,3% của năm 2023", "(quý I-2019 tăng 8,1%)": the figure, or
    its clause, says it is of a year before the one just estimated."""
    return (year_from.startswith((OWN_TIME_SAID, "clause")) and year is not None and last_own is not None
            and last_own.year is not None and year < last_own.year)


REVIEW_MONTHS = 3  # a whole year's figure published by the end of March, with no year said, is the year before's


def _a_year_reviewed_after_it_ended(year_from: str, period: str | None, status: str | None,
                                    published: dt.date | None) -> bool:
    """Whether a whole year's figure dated only by its publication early in a year ("Năm qua, thu
    nội địa đạt ..." in January) is the year that has just ended: this year has not happened yet."""
    return (year_from.startswith("publication date") and period == "FY" and status != "target"
            and published is not None and published.month <= REVIEW_MONTHS)


_LISTS_WHAT_CAME_BEFORE = re.compile(r"\W*(?:đó\s+là|cụ\s+thể(?:\s+là)?\s*[:,]|bao\s+gồm|gồm\s*:)", re.IGNORECASE)
_RESULTS_ANNOUNCED = re.compile(r"(?<!\w)(?:đạt|vượt|thực\s+hiện|hoàn\s+thành|kết\s+quả)(?!\w)", re.IGNORECASE)
_PLAN_ANNOUNCED = re.compile(r"(?:đề\s+ra|thông\s+qua|xác\s+định|đặt\s+ra)[^.;]{0,40}(?:chỉ\s+tiêu|mục\s+tiêu)", re.IGNORECASE)


def _a_plan_s_lead_in_before(mention: Mention, scan: str, patterns: ResolvePatterns,
                             sentence_starts: Sequence[int]) -> TimeMark | None:
    """The year mark (one with no year when it names none) of the sentence right before the figure's, when that
    sentence announces a plan's targets and the figure's opens listing them ("HĐND huyện đề ra các chỉ
    tiêu phấn đấu năm 2014. Đó là tốc độ tăng giá trị sản xuất từ 15 - 15,5%; ...")."""
    if not _LISTS_WHAT_CAME_BEFORE.match(scan, mention.sentence_start):
        return None
    number = bisect.bisect_left(sentence_starts, mention.sentence_start)
    if number == 0:
        return None
    before = scan[sentence_starts[number - 1]:mention.sentence_start]
    if "\n" in before.rstrip() or not _PLAN_ANNOUNCED.search(before) or _RESULTS_ANNOUNCED.search(before):
        return None  # "... đề ra 22 chỉ tiêu, trong đó thực hiện đạt và vượt 19 chỉ tiêu. Cụ thể, ...": results
    marks = year_marks(scan, patterns, sentence_starts[number - 1], mention.sentence_start)
    return marks[-1] if marks else _NO_MARK


_NO_MARK = TimeMark(0, 0, None, "FY")


def _dated_by_the_article_alone(year_from: str) -> bool:
    """Whether a year was read from the publication date or the lead, nothing near the figure (or
    from nothing at all)."""
    return year_from.startswith(("publication date", "lead", "nothing"))


def _said_in_its_sentence(evidence: str) -> bool:
    """Whether a year or period was read in the figure's own clause or sentence (see choose_year)."""
    return evidence.startswith(("clause", "sentence", "same period"))


# "thực hiện 730 tỷ đồng/812 tỷ đồng dự toán": an amount followed by the plan's name is the plan.
PLAN_AFTER_LEVEL = re.compile(r"\s*(?:dự\s+toán|kế\s+hoạch|kh)(?!\w)(?!\s+(?:tỉnh|hđnd|huyện|thành)\s+giao\s+tăng)")
# "đạt 1.763 tỷ đồng/1.922 tỷ đồng", "ước đạt 7,58%/kịch bản 7,61%": the figure after the slash is the plan.
PLAN_AFTER_SLASH = re.compile(r"""
    \d(?:[\d.,]*\d)?                      # the result
    \s*(?:%|[^\W\d]+(?:\s+[^\W\d]+)?)?     # its unit, if written
    \s*/\s*
    (?:(?:kịch\s+bản|kế\s+hoạch|kh)\s*)?  # the plan's name, if written
    $""", re.VERBOSE)


def resolve_status(mention: Mention, previous: Mention | None, carrying: bool, scan: str,
                   patterns: ResolvePatterns, clause_start: int, left_floor: int, year: int | None, period: str,
                   other_place: bool) -> tuple[str, str, bool]:
    """(status, why, whether an estimate carries on) for one figure.

    Another place's quoted figure takes only a status word of its own (else actual); otherwise a
    status word before it decides; a past multi-year span is actual; else the figure before it
    in the same sentence lends its status; else an estimate carries on through the paragraph
    (for a part of an estimated whole, into the next paragraph too); a part of a target whole in
    its paragraph is a target; else a plain statement is actual, whenever it was published
    (PATTERNS.md §4).
    """
    if other_place:  # the words before belong to the article's own figure
        own = _status_words(scan, patterns, left_floor, mention.span_start)
        return (max(own)[2], f"'{max(own)[3]}'", carrying) if own else ("actual", "another place's figure", carrying)
    if mention.measure == "level" and PLAN_AFTER_LEVEL.match(scan, mention.span_end):
        return "target", "a plan amount ('... tỷ đồng dự toán')", carrying
    if mention.measure == "level" and PLAN_AFTER_SLASH.search(scan, max(0, mention.span_start - 40), mention.span_start):
        return "target", "the plan after a result ('1.763 tỷ đồng/1.922 tỷ đồng')", carrying
    status, word = choose_status(mention, scan, patterns, clause_start, previous)
    if mention.value_high is not None and status in (None, "actual"):
        return "target", "a range ('đạt từ 6,5-7%'): what is achieved is one figure, a plan may be a range", carrying
    if (status == "actual" and _is_a_part(mention, scan, patterns)
            and _carried_estimate(previous, carrying, mention, year, scan, PART_REACH)):
        return "estimate", "a part takes the status of its estimated total", True
    if status in (None, "actual") and _is_a_part(mention, scan, patterns) and _a_target_whole_before(previous, mention, year, scan):
        return "target", "a part takes the status of its target total", carrying
    if status in (None, "actual") and _next_item_of_a_target_list(previous, mention, year, scan):
        return "target", "the next numbered item of a list of targets ('... 5. ... 6. Tổng thu ...')", carrying
    if status:
        return status, f"'{word}'", status == "estimate"
    if is_span(period):
        return "actual", "a past multi-year span", carrying
    if _compared_with_an_estimate(mention, scan):
        return "target", "compared with an estimate of the year before: a plan made before that year ended", carrying
    if previous is not None and previous.sentence_start == mention.sentence_start and previous.year == year \
            and not in_closed_parenthesis(scan, previous.span_start, previous.span_end, mention.sentence_start,
                                          mention.span_start):  # "9,40% (KH tăng 10-11%); ... 28,5%": not the plan's
        return previous.status, "as the figure before it", carrying
    if _carried_estimate(previous, carrying, mention, year, scan):
        return "estimate", "an estimate earlier in the paragraph", True
    if _is_a_part(mention, scan, patterns) and _carried_estimate(previous, carrying, mention, year, scan, PART_REACH):
        return "estimate", "a part takes the status of its estimated total", True
    return "actual", "no status word: a plain statement", False


# "1.790 triệu USD, tăng 1,19% so ước thực hiện năm 2017", "so với ước đạt năm 2019"
_COMPARED_WITH_ESTIMATE = re.compile(r"""
    (?<!\w)so\s+(?:với\s+)?(?:mức\s+)?     # so (với) (mức)
    ước(?:\s+(?:thực\s+hiện|tính|đạt))?(?!\w)  # ước (thực hiện / tính / đạt)
    """, re.VERBOSE)


def _compared_with_an_estimate(mention: Mention, scan: str) -> bool:
    """Whether the figure's clause compares it with an estimate ("tăng 6% so với ước thực hiện năm
    2019"): only a plan is written before the year it is compared with has ended (PATTERNS.md §16.3)."""
    clause_end = scan.find(";", mention.span_end, mention.sentence_end)
    return _COMPARED_WITH_ESTIMATE.search(scan, mention.span_end,
                                          mention.sentence_end if clause_end < 0 else clause_end) is not None


def _is_a_part(mention: Mention, scan: str, patterns: ResolvePatterns) -> bool:
    """A part of a whole named before: a sub-item, or an item of a list opened at the sentence's
    start ("Trong đó, khu vực dịch vụ đạt ...")."""
    return bool(mention.qualifier) or bool(patterns.opens_parts.match(scan, mention.sentence_start))


PART_REACH = 2  # a list of parts opened at a paragraph's start goes on from the whole above it


def _carried_estimate(previous: Mention | None, carrying: bool, mention: Mention, year: int | None,
                      scan: str, paragraphs: int = 1) -> str | None:
    """An estimate carries on to the next figures of its paragraph ("Trong đó khu vực ... tăng 3,6%"),
    or of the next one too when the figure is a part of the estimated whole."""
    if previous is None or not carrying or previous.year != year:
        return None
    breaks = len(PARAGRAPH_BREAK.findall(scan, previous.span_end, mention.span_start))
    breaks -= len(LINE_BETWEEN_PARAGRAPHS.findall(scan, previous.span_end, mention.span_start))
    return "estimate" if breaks < paragraphs else None


PARAGRAPH_BREAK = re.compile(r"\n\s*")  # blank lines between two paragraphs are one break


def _a_target_whole_before(previous: Mention | None, mention: Mention, year: int | None, scan: str) -> bool:
    """The figure before is a target of the same year in the same paragraph ("Phấn đấu tổng giá trị
    sản xuất đạt 7.765 tỷ đồng. Trong đó, nông nghiệp chiếm 50,2%": the parts of a plan are planned),
    not the plan quoted in brackets after a result ("tăng 11,5% (KH tăng 10 - 11%). Trong đó: ...")."""
    return (previous is not None and previous.status == "target" and previous.year == year
            and not PARAGRAPH_BREAK.search(scan, previous.span_end, mention.span_start)
            and not in_closed_parenthesis(scan, previous.span_start, previous.span_end, previous.sentence_start,
                                          mention.span_start))


#: a list item's number right before a sentence: "5. Tổng vốn đầu tư ...", "b) Thu ngân sách ..."
_ITEM_NUMBER_BEFORE = re.compile(r"(?:^|(?<=[.;:\n]))\s*(?:\d{1,2}|[a-zđ])[.)]\s*\Z")


def _next_item_of_a_target_list(previous: Mention | None, mention: Mention, year: int | None, scan: str) -> bool:
    """The figure opens a numbered item after a target whole of the same year (as for a part), itself
    in a numbered item ("4. Kim ngạch xuất khẩu 1.790 triệu USD, tăng 1,19% so ước thực hiện năm 2017.
    5. Tổng vốn đầu tư ... 6. Tổng thu ngân sách ... 11.076 tỷ đồng"): the items of a plan are planned."""
    if not _a_target_whole_before(previous, mention, year, scan) or previous.sentence_start == mention.sentence_start:
        return False
    return all(_ITEM_NUMBER_BEFORE.search(scan, max(0, start - 8), start) is not None
               for start in (previous.sentence_start, mention.sentence_start))


def _right_end(mentions: list[Mention], number: int, scan: str) -> int:
    mention = mentions[number]
    end = min(mention.sentence_end, mention.span_end + RIGHT_CONTEXT)
    if number + 1 < len(mentions) and mentions[number + 1].span_start < end:
        end = mentions[number + 1].span_start
    cut = scan.find(";", mention.span_end, end)
    end = cut if cut >= 0 else end
    aside = scan.find("(", mention.span_end, end)
    closing = scan.find(")", aside, mention.sentence_end) if aside >= 0 else -1
    if aside >= 0 and any(char.isdigit() for char in scan[aside:closing if closing >= 0 else mention.sentence_end]):
        return aside  # "tăng 3,1% (kế hoạch tăng 3,5%)": the parenthesis is another figure's
    return end
