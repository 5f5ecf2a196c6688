"""Flattened tables -> Mentions: every table cell that is an indicator figure, fully resolved.

Real pages flatten report tables into text in these ways (PATTERNS.md 15.6):

* pipes with a header row      ``Chỉ tiêu | TH 2022 | Ước TH 2023 | So sánh (%)``
* one cell per line            ``Chỉ tiêu`` / ``TH 2021`` / ``Ước TH 2022`` / label / cell / cell ...
  (also with blank lines between cells, a ``Stt`` and a ``Ghi chú`` column and empty cells: rows
  are then read from what each line is, a number, a label, a note)
* space-aligned columns        ``CHỈ TIÊU      ĐVT      TH 2015      Ước TH 2016      2016/2015 (%)``
* cells run together, a row per line, with single spaces: three or more year heads end the
  header line (``Chỉ tiêu Đơn vị tính Kế hoạch năm 2019 Thực hiện năm 2019 Kế hoạch năm 2020``) and
  each row ends with as many figures (``4 Thu ngân sách Nhà nước Tỷ đồng 423 428,2 529,1``)

and a fourth, header-less form: a caption that carries the unit and the comparison
(``Một số chỉ tiêu 9 tháng năm 2024 so với cùng kỳ (%)``) over ``label`` / ``value`` pairs.

A table's cells are bare numbers: their unit comes from the row (``Thu nhập bình quân đầu người
(triệu đồng)``, an ``ĐVT`` cell), else from the column head, else from the caption or unit line
(``Đơn vị tính: triệu đồng``); their year, period and status from the column head (``TH 2021``
actual, ``Ước TH 2022`` estimate, ``KH 2023`` / ``Dự toán HĐND giao`` target, ``Cùng kỳ 2021`` the
same period a year before); the measure of a ``%`` column from its head (``Tỷ lệ (%)``, ``% DT``
-> pct_of_plan; ``2016/2015 (%)``, ``So cùng kỳ (%)`` -> pct_of_prior; signed cells or ``tăng`` ->
pct_change). Row labels name the indicator through the engine's own triggers (``find_triggers``,
``choose_indicator``): this module knows no indicator by name, only the words of table headers.

Precision first: a block is a table only when its structure is clear (a header whose heads are
years, statuses or comparisons, rows whose cells are all numbers); a cell whose meaning is
ambiguous (a ``Tỷ lệ (%)`` column in a table with both a plan and a prior-year column, a small
unsigned figure in a ``so cùng kỳ`` column) yields nothing.

>>> from pipeline.rules import load_rules
>>> from pipeline.extract import scan_text
>>> text = "Đơn vị: tỷ đồng\\nChỉ tiêu | TH 2020 | Ước TH 2021\\nThu ngân sách | 120,5 | 130\\n"
>>> mentions, spans = find_tables(text, scan_text(text), load_rules(), default_year=2021)
>>> [(m.indicator, m.measure, m.value, m.unit, m.year, m.status, m.raw) for m in mentions]
[('budget_revenue', 'level', 120.5, 'billion_VND', 2020, 'actual', '120,5'), ('budget_revenue', 'level', 130.0, 'billion_VND', 2021, 'estimate', '130')]
>>> spans
[(0, 76)]
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from .extract import (Hit, Mention, Figure, choose_indicator, context_patterns, decide_measure,
                      find_figures, find_triggers, nearest_verb, scan_text)
from .numbers import NUMBER_PATTERN, parse_number
from .resolve import PLAN_BASES, PRIOR_BASES, is_span, period_marks, resolve_patterns, year_marks
from .rules import Rule, RuleSet
from .units import convert

# --- the words of table headers (structure, not indicators) ---------------------------------------
# Matched against the scan text (lower case, dashes unified) of one head or caption.

_W = r"(?<!\w)"  # word start
_E = r"(?!\w)"   # word end
_YEAR = r"(?:19|20)\d{2}"

#: the head of the label column
LABEL_HEAD = re.compile(
    r"(?:các\s+|một\s+số\s+|tên\s+)?(?:chỉ\s+tiêu|nội\s+dung|danh\s+mục|hạng\s+mục|lĩnh\s+vực|ngành"
    r"|khoản\s+mục|khoản\s+thu|diễn\s+giải|mục)(?:\s+(?:chủ\s+yếu|kinh\s+tế|chính))*")
INDEX_HEAD = re.compile(r"s?tt|số\s+tt|số\s+thứ\s+tự|#")
UNIT_HEAD = re.compile(r"đvt|đơn\s+vị(?:\s+tính)?|đv")
#: a comparison column: its cells are percentages of something
RATIO_HEAD = re.compile(
    rf"{_W}(?:so\s+sánh|so\s+với|so|ss|tỷ\s+lệ|tăng|giảm|tốc\s+độ)(?:{_E}|(?=/))|±|\+\s*/\s*-|^\(?\s*%"
    rf"|{_YEAR}\s*/\s*\D{{0,8}}{_YEAR}|{_W}(?:ước\s+th|uth|th|ước)\s*/\s*(?:kh|dt|ck|nq|cùng)")
CHANGE_WORDS = re.compile(rf"{_W}(?:tăng|giảm|tốc\s+độ)(?:{_E}|(?=/))|±|\+\s*/\s*-")
PLAN_WORDS = re.compile(
    rf"(?:{_W}so\s+(?:sánh\s+)?(?:với\s+)?|%\s*|/\s*|{_W}đạt\s+)"
    rf"(?:kế\s+hoạch|kh|dự\s+toán|dt|nghị\s+quyết|nq|chỉ\s+tiêu|mục\s+tiêu){_E}")
PRIOR_WORDS = re.compile(rf"{_W}(?:cùng\s+k[ỳì]|ck|năm\s+trước|năm\s+ngoái|tháng\s+trước){_E}")
#: the year a comparison head compares with: "so với 2020", "2016/2015", "so với TH 2022", "cùng kỳ 2021"
BASIS_YEAR_HEAD = re.compile(
    rf"(?:{_W}so\s+(?:sánh\s+)?(?:với\s+)?|{_W}cùng\s+k[ỳì]\s+|/\s*)"
    rf"(?:năm\s+|th\s*|thực\s+hiện\s+(?:năm\s+)?|cùng\s+k[ỳì]\s+(?:năm\s+)?|9t\s*|6t\s*)?({_YEAR})")
ESTIMATE_HEAD = re.compile(rf"{_W}(?:ước|ư\.?\s?th|uth|dự\s+kiến|dự\s+báo){_E}")
TARGET_HEAD = re.compile(rf"{_W}(?:kế\s+hoạch|kh|dự\s+toán|dt|chỉ\s+tiêu|mục\s+tiêu|nghị\s+quyết|nq|phấn\s+đấu){_E}")
ACTUAL_HEAD = re.compile(rf"{_W}(?:thực\s+hiện|th|quyết\s+toán|qt|thực\s+tế|cùng\s+k[ỳì]|ck|lũy\s+kế|cộng\s+dồn|sơ\s+bộ){_E}")  # "Sơ bộ 2022": preliminary
PRIOR_HEAD = re.compile(rf"{_W}(?:cùng\s+k[ỳì]|ck|năm\s+trước){_E}")
BARE_YEAR_HEAD = re.compile(rf"(?:năm\s+)?({_YEAR})")
BARE_PERIOD_HEAD = re.compile(
    rf"(?:lũy\s+kế\s+|cộng\s+dồn\s+)?(?:(?:0?\d|1[0-2])\s+tháng(?:\s+đầu\s+năm)?|quý\s+(?:iv|iii|ii|i|[1-4]))"
    rf"(?:\s*(?:/|năm)?\s*{_YEAR})?")
#: the price base of a series is not its year, nor a comparison ("giá so sánh 2010")
PRICE_BASE = re.compile(
    rf"\(?\s*(?:theo\s+)?giá\s+(?:so\s+sánh|ss|cố\s+định|hiện\s+hành|hh|thực\s+tế)(?:\s+(?:năm\s+)?{_YEAR})?\s*\)?")
#: "Đơn vị: tỷ đồng", "Đơn vị tính: triệu đồng", "ĐVT: %"
UNIT_LINE = re.compile(r"(?:đơn\s+vị(?:\s+tính)?|đvt)\s*:\s*([^()\n;|]+)")
#: a label that is the total of the caption's indicator
TOTAL_LABEL = re.compile(
    r"(?:tổng\s+số|tổng\s+cộng|tổng|cộng|chung|toàn\s+(?:tỉnh|huyện|thành\s+phố|thị\s+xã|quận|xã|phường|thị\s+trấn))")
#: what opens a sub-row: "- Thu tiền sử dụng đất", "Trong đó: ...", "+ ...", "a) ..."
SUB_ROW = re.compile(r"\s*(?:[-+•*]|trong\s+đó\b|riêng\b|bao\s+gồm\b|gồm\b|[a-zđ]\)|\d+\.\d+\.?(?!\d))")
#: numbering before a label: "1.", "I.", "II -", "a)"
NUMBERING = re.compile(r"\s*(?:[ivx]+|\d+)\s*[.)/-]\s+")
EMPTY_CELL = re.compile(r"[-.…x*]*")
CELL_NUMBER = re.compile(rf"(?P<sign>[+-])?\s?(?P<num>{NUMBER_PATTERN})\s*(?P<rest>.*)", re.VERBOSE)
#: short forms of unit cells ("Tr.đồng", "Tỷ.đ", "tr.USD") spelled out for the unit lexicon
UNIT_ABBREVIATIONS = ((re.compile(r"(?<!\w)tr\.?\s*(?=đ|usd)|(?<!\w)tr\.\s*"), "triệu "),
                      (re.compile(r"(?<!\w)(tỷ|tỉ)\.\s*(?=đ)"), r"\1 "),
                      (re.compile(r"(?<!\w)trđ(?!\w)"), "triệu đồng"))
PLAN_FAMILIES = ({"budget_estimate", "province_budget_estimate", "council_budget_estimate", "central_budget_estimate"},
                 {"plan", "province_plan", "council_plan"})
GENERIC_PLAN_BASES = {"budget_estimate", "plan"}

MAX_LABEL = 110     # characters: a longer "label" is prose
MAX_HEAD = 45
MAX_CAPTION = 130
CAPTION_LINES = 3
BLANK_LINES_UNDER_A_CAPTION = 8  # empty lines (or a space each) a page puts between a caption and its table
MIN_PRIOR_PERCENT = 20.0  # an unsigned "so cùng kỳ" cell below this is ambiguous (a change?)
MAX_RELATIVE = 1000.0


# --- records ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class TableCell:
    """One cell as written: its text (stripped) and where it sits in the article."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class TableRow:
    start: int  # the row's line (for one cell per line: from the label to the last cell)
    end: int
    cells: tuple[TableCell, ...]


@dataclass(frozen=True)
class RawTable:
    """A block recognised as a table, before its heads are read."""

    layout: str  # pipes, cell_per_line, aligned, run_together, caption_list
    start: int   # first line of the header (or of the caption for a caption list)
    end: int
    header: tuple[TableCell, ...]  # empty for a caption list
    rows: tuple[TableRow, ...]
    implicit_label: bool = False   # the header has no head for the label column
    results: bool = False          # the figure heads sit under a head of results ("Kết quả đạt được")


@dataclass(frozen=True)
class Column:
    """What a column head says about its cells."""

    kind: str  # label, index, unit, value, ratio, empty, unknown
    head: str = ""
    status: str | None = None
    year: int | None = None
    period: str | None = None
    prior: bool = False            # "Cùng kỳ 2021": the same period of an earlier year
    measure: str | None = None     # ratio columns; None while ambiguous
    basis: str | None = None
    basis_year: int | None = None
    unit: str | None = None        # "(%)", "(tỷ đồng)" in a value head
    named_basis: str | None = None  # the basis a head names ("Dự toán HĐND giao")


@dataclass(frozen=True)
class Caption:
    start: int
    text: str
    unit: str | None
    unit_source: str
    year: int | None
    period: str | None
    status: str | None
    verb: str | None     # "Tốc độ tăng ... (%)": the cells are changes
    scan: str


# --- lines and cells --------------------------------------------------------------------------

def _lines(text: str) -> list[tuple[int, int]]:
    lines, position = [], 0
    for part in text.split("\n"):
        end = position + len(part)
        lines.append((position, end - 1 if part.endswith("\r") else end))
        position = end + 1
    return lines


def _cell(text: str, start: int, end: int) -> TableCell:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return TableCell(start, end, text[start:end])


_PIPE = re.compile(r"\|")
_GAP = re.compile(r"[ \u00a0\u2007\u202f]*\t[ \t\u00a0\u2007\u202f]*|[ \u00a0\u2007\u202f]{2,}")


def _split(text: str, start: int, end: int, separator: re.Pattern[str]) -> list[TableCell]:
    cells, position = [], start
    for match in separator.finditer(text, start, end):
        cells.append(_cell(text, position, match.start()))
        position = match.end()
    cells.append(_cell(text, position, end))
    return cells


def _pipe_cells(text: str, line: tuple[int, int]) -> list[TableCell]:
    if "|" not in text[line[0]:line[1]]:
        return []
    cells = _split(text, line[0], line[1], _PIPE)
    return cells if len(cells) >= 2 else []


def _trim_outer(cells: list[TableCell]) -> list[TableCell]:
    """'| a | b |' -> [a, b]."""
    if len(cells) >= 3 and not cells[0].text and not cells[-1].text:
        return cells[1:-1]
    return cells


def _aligned_cells(text: str, line: tuple[int, int]) -> list[TableCell]:
    start, end = _cell(text, *line).start, _cell(text, *line).end
    if start >= end or "|" in text[start:end]:
        return []
    return _split(text, start, end, _GAP)


# --- cells and units ----------------------------------------------------------------------------

@dataclass(frozen=True)
class CellValue:
    value: float
    signed: bool
    unit: str | None  # the cell's own unit ("8,5%")
    raw: str
    start: int
    end: int
    high: float | None = None  # "7,5-8,0": a range, as plans write them


def _is_empty(scan_cell: str) -> bool:
    return bool(EMPTY_CELL.fullmatch(scan_cell.strip()))


def _cell_value(cell: TableCell, scan: str, context: dict) -> CellValue | None | bool:
    """The figure of a cell; None when empty, False when the cell is not a figure."""
    written = scan[cell.start:cell.end]
    if _is_empty(written):
        return None
    match = CELL_NUMBER.fullmatch(written)
    if not match:
        return False
    value = parse_number(match["num"])
    if value is None:
        return False
    unit = high = None
    rest = match["rest"].strip()
    upper = RANGE_REST.fullmatch(rest)
    if upper and not match["sign"]:  # "7,5-8,0", "8 - 8,5%"
        high, rest = parse_number(upper["num"]), upper["rest"].strip()
        if high is None or high <= value:
            return False
    if rest:
        unit = "percent" if re.fullmatch(r"%(?:\s?%)?", rest) else parse_unit(rest, context)
        if unit is None:
            return False
    if match["sign"] == "-":
        value = -value
    return CellValue(value, bool(match["sign"]), unit, cell.text, cell.start, cell.end, high)


RANGE_REST = re.compile(rf"[-–]\s*(?P<num>{NUMBER_PATTERN})(?P<rest>.*)", re.VERBOSE)


def parse_unit(words: str, context: dict) -> str | None:
    """Unit code of a unit written alone: 'tỷ đồng' -> billion_VND, '%' -> percent, 'ha' -> None.

    >>> from pipeline.rules import load_rules
    >>> ctx = load_rules().context
    >>> [parse_unit(w, ctx) for w in ["tỷ đồng", "Triệu đồng/người/năm", "%", "Tr.USD", "ha", "người"]]
    ['billion_VND', 'million_VND', 'percent', 'million_USD', None, None]
    """
    words = scan_text(words).strip(" .:;,()")
    for pattern, replacement in UNIT_ABBREVIATIONS:
        words = pattern.sub(replacement, words)
    words = re.sub(r"\s+", " ", words).strip()
    if not words:
        return None
    if re.fullmatch(r"%(?:\s?%)?", words):
        return "percent"
    probe = "1 " + words
    figures, _ = find_figures(probe, context)
    if len(figures) == 1 and figures[0].start == 0 and figures[0].end == len(probe):
        return figures[0].unit
    return None


def _paren_unit(scan_text_: str, context: dict) -> str | None:
    """A unit in the last parenthesis: '(triệu đồng)', '(%)', '(giá so sánh 2010, %)'."""
    match = re.search(r"\(([^()]*)\)\s*:?\s*$", scan_text_)
    if not match:
        return None
    for part in reversed(match.group(1).split(",")):
        unit = parse_unit(part, context)
        if unit:
            return unit
    return None


# --- heads --------------------------------------------------------------------------------------

def _years(head: str) -> list[int]:
    return [int(m.group()) for m in re.finditer(rf"(?<![\d.,]){_YEAR}(?![\d.,]\d|\d)", head)]


def _first_period(scan_head: str, ruleset: RuleSet) -> str | None:
    marks = [m for m in period_marks(scan_head, resolve_patterns(ruleset)) if not m.period.startswith("M")]
    return marks[0].period if marks else None


def _basis_named(scan_head: str, ruleset: RuleSet) -> str | None:
    for basis, pattern in resolve_patterns(ruleset).bases:
        if pattern.search(scan_head):
            return basis
    return None


@lru_cache(maxsize=4096)
def classify_head(head: str, ruleset: RuleSet) -> Column:
    """What one column head says.

    >>> from pipeline.rules import load_rules
    >>> rs = load_rules()
    >>> c = classify_head("Ước TH 2021", rs); (c.kind, c.status, c.year)
    ('value', 'estimate', 2021)
    >>> c = classify_head("2021 so với 2020 (%)", rs); (c.kind, c.measure, c.year, c.basis_year)
    ('ratio', 'pct_of_prior', 2021, 2020)
    >>> c = classify_head("Dự toán HĐND giao", rs); (c.kind, c.status, c.named_basis)
    ('value', 'target', 'council_budget_estimate')
    >>> classify_head("Tỷ lệ (%)", rs).measure is None, classify_head("ĐVT", rs).kind
    (True, 'unit')
    >>> c = classify_head("Sơ bộ 2022", rs); (c.kind, c.status, c.year)
    ('value', 'actual', 2022)
    """
    scan_head = scan_text(head).strip(" :.")
    if not scan_head:
        return Column("empty", head)
    if len(scan_head) > MAX_HEAD or find_figures(scan_head, ruleset.context)[0]:
        return Column("unknown", head)  # prose, or a figure with its unit: not a head
    if INDEX_HEAD.fullmatch(scan_head):
        return Column("index", head)
    if UNIT_HEAD.fullmatch(scan_head):
        return Column("unit", head)
    clean = PRICE_BASE.sub(" ", scan_head).strip()
    bare = re.sub(r"\([^()]*\)\s*$", "", clean).strip(" :.")
    years = _years(clean)
    if LABEL_HEAD.fullmatch(bare) and not years:
        return Column("label", head)
    if RATIO_HEAD.search(clean):
        return _ratio_head(head, clean, years, ruleset)
    unit = _paren_unit(clean, ruleset.context)
    period = _first_period(clean, ruleset)
    named = _basis_named(clean, ruleset)
    prior = bool(PRIOR_HEAD.search(clean))
    if ESTIMATE_HEAD.search(clean):
        status = "estimate"
    elif TARGET_HEAD.search(clean):
        status = "target"
    elif ACTUAL_HEAD.search(clean):
        status = "actual"
    elif BARE_YEAR_HEAD.fullmatch(bare) or (period and BARE_PERIOD_HEAD.fullmatch(bare)):
        status = "actual?"  # a bare year or period: actual unless it lies ahead (decided with the table)
    else:
        return Column("unknown", head)
    return Column("value", head, status=status, year=years[0] if years else None, period=period,
                  prior=prior, unit=unit, named_basis=named if status == "target" else None)


#: "tháng 6/2016": a month and its year glued by a slash, no comparison of two years
_MONTH_BEFORE_SLASH = re.compile(rf"{_W}tháng\s*\d{{1,2}}\s*$")


def _ratio_head(head: str, clean: str, years: list[int], ruleset: RuleSet) -> Column:
    match = BASIS_YEAR_HEAD.search(clean)
    if match and match.group().startswith("/") and _MONTH_BEFORE_SLASH.search(clean, 0, match.start()):
        match = None
    basis_year = int(match.group(1)) if match else None
    own_years = list(years)
    if basis_year in own_years:
        own_years.remove(basis_year)
    if basis_year is not None and basis_year in own_years:
        basis_year = None  # "TH 2023/KH 2023": the same year, not a comparison with the past
    plan = PLAN_WORDS.search(clean)
    prior = PRIOR_WORDS.search(clean) or basis_year is not None
    if CHANGE_WORDS.search(clean):
        measure = "pct_change"
    elif plan and prior:
        return Column("unknown", head)
    elif plan:
        measure = "pct_of_plan"
    elif prior:
        measure = "pct_of_prior"
    else:
        measure = None  # "Tỷ lệ (%)", "So sánh (%)": the table decides
    basis = _basis_named(clean, ruleset)
    period = _first_period(clean, ruleset)
    if period is None and basis == "previous_month":  # "Tháng 6/2016 so với tháng trước": that month's
        months = [m for m in period_marks(clean, resolve_patterns(ruleset)) if m.period.startswith("M")]
        period = months[0].period if len(months) == 1 else None
    return Column("ratio", head, year=own_years[0] if own_years else None, measure=measure, basis=basis,
                  basis_year=basis_year, period=period)


# --- captions -----------------------------------------------------------------------------------

def read_caption(text: str, scan: str, lines: list[tuple[int, int]], ruleset: RuleSet) -> Caption | None:
    """Title and unit lines above a table (a few short lines, no figures)."""
    if not lines:
        return None
    start, end = lines[0][0], lines[-1][1]
    caption_scan = scan[start:end]
    context = ruleset.context
    unit, source = None, ""
    match = UNIT_LINE.search(caption_scan)
    if match:
        unit = parse_unit(match.group(1), context)
        source = text[start + match.start():start + match.end()].strip()
    if unit is None:
        for line_start, line_end in lines:
            unit = _paren_unit(scan[line_start:line_end], context)
            if unit:
                source = text[line_start:line_end].strip()
                break
    patterns = resolve_patterns(ruleset)
    years = year_marks(caption_scan, patterns)
    periods = [m for m in period_marks(caption_scan, patterns) if not m.period.startswith("M")]
    status = None
    if ESTIMATE_HEAD.search(caption_scan):
        status = "estimate"
    elif re.search(rf"{_W}(?:kế\s+hoạch|phấn\s+đấu|mục\s+tiêu){_E}", caption_scan):
        status = "target"
    verb, _ = nearest_verb(PRICE_BASE.sub(" ", caption_scan), context_patterns(ruleset))
    return Caption(start, text[start:end], unit, source, years[0].year if years else None,
                   periods[0].period if periods else None, status,
                   "pct_change" if verb == "pct_change" else None, caption_scan)


def _caption_lines(text: str, scan: str, lines: list[tuple[int, int]], first: int, ruleset: RuleSet,
                   taken: set[int]) -> list[tuple[int, int]]:
    chosen: list[tuple[int, int]] = []
    index = first - 1
    blank = 0
    while index >= 0 and len(chosen) < CAPTION_LINES and index not in taken:
        line = lines[index]
        cell = _cell(text, *line)
        written = scan[cell.start:cell.end]
        if not written and not chosen and blank < BLANK_LINES_UNDER_A_CAPTION:
            blank, index = blank + 1, index - 1  # a page's empty paragraphs between caption and table
            continue
        if not written or len(written) > MAX_CAPTION or "|" in written:
            break
        if written.endswith((".", ";", "!", "?")) and not UNIT_LINE.search(written):
            break  # a sentence of prose, not a caption
        figures, _ = find_figures(written, ruleset.context)
        if figures:
            break
        chosen.insert(0, (cell.start, cell.end))
        index -= 1
    return chosen


# --- layouts ------------------------------------------------------------------------------------

def _header_columns(header: list[TableCell], ruleset: RuleSet) -> list[Column]:
    return [classify_head(cell.text, ruleset) for cell in header]


def _header_ok(columns: list[Column], strict: bool) -> tuple[bool, bool]:
    """(is a header, the label column is implicit)."""
    kinds = [c.kind for c in columns]
    data = sum(k in ("value", "ratio") for k in kinds)
    if data == 0:
        return False, False
    if "label" in kinds:
        others = [k for k in kinds if k != "label"]
        if strict and any(k in ("unknown", "empty") for k in others):
            return False, False
        return True, False
    if kinds[0] in ("value", "ratio"):
        if any(k in ("unknown", "label") for k in kinds):
            return False, False
        return True, True
    if strict:
        return False, False
    # pipes: the first non-index column is the label column whatever its head says
    first = next((i for i, k in enumerate(kinds) if k != "index"), None)
    if first is None or kinds[first] in ("value", "ratio", "unit"):
        return False, False
    return True, False


def _label_index(columns: list[Column]) -> int:
    for i, column in enumerate(columns):
        if column.kind == "label":
            return i
    return next(i for i, c in enumerate(columns) if c.kind not in ("index",))


def _row_ok(cells: list[TableCell], columns: list[Column], label: int, scan: str, context: dict,
            strict: bool) -> bool:
    """A data row: a label with letters, and figures (or empty cells) under the figure columns."""
    label_text = scan[cells[label].start:cells[label].end]
    if not re.search(r"[^\W\d_]", label_text) or len(label_text) > MAX_LABEL:
        return False
    if CELL_NUMBER.fullmatch(label_text.strip()):
        return False
    for cell, column in zip(cells, columns):
        written = scan[cell.start:cell.end]
        if column.kind in ("value", "ratio"):
            value = _cell_value(cell, scan, context)
            if value is False and strict:
                return False
        elif column.kind == "unit":
            if len(written) > 25:
                return False
        elif column.kind == "index":
            if len(written) > 8:
                return False
    return True


def _has_figure(cells: list[TableCell], columns: list[Column], scan: str, context: dict) -> bool:
    return any(column.kind in ("value", "ratio") and isinstance(_cell_value(cell, scan, context), CellValue)
               for cell, column in zip(cells, columns))


def _pipe_tables(text: str, scan: str, lines: list[tuple[int, int]], ruleset: RuleSet) -> list[tuple[int, RawTable]]:
    found = []
    context = ruleset.context
    index = 0
    while index < len(lines):
        header = _trim_outer(_pipe_cells(text, lines[index]))
        if len(header) < 2:
            index += 1
            continue
        body = index + 1
        second = _trim_outer(_pipe_cells(text, lines[body])) if body < len(lines) else []
        if len(second) == len(header) and all(re.fullmatch(r"[\s:\-=+]*", c.text) for c in second):
            body += 1  # a markdown rule |---|---|
        elif len(second) == len(header) and _continues_header(second, scan, ruleset):
            header = [TableCell(h.start, h.end, f"{h.text} {n.text}".strip()) for h, n in zip(header, second)]
            body += 1  # a head on two lines: "Năm 2022 | Năm 2022" over "KH | TH"
        columns = _header_columns(header, ruleset)
        ok, implicit = _header_ok(columns, strict=False)
        if not ok:
            index += 1
            continue
        if implicit:
            columns = [Column("label")] + columns
        label = _label_index(columns)

        def row_cells(line: tuple[int, int]) -> list[TableCell]:
            cells = _pipe_cells(text, line)
            return cells if len(cells) == len(columns) else _trim_outer(cells)

        rows, last, any_figure = _table_body(lines, body, columns, label, scan, context, row_cells, strict=False)
        if rows and any_figure:
            found.append((index, RawTable("pipes", lines[index][0], lines[last][1], tuple(header), tuple(rows),
                                          implicit)))
            index = last + 1
        else:
            index += 1
    return found


def _table_body(lines: list[tuple[int, int]], first: int, columns: list[Column], label: int, scan: str,
                context: dict, row_cells: Callable[[tuple[int, int]], list[TableCell]],
                strict: bool) -> tuple[list[TableRow], int, bool]:
    """The rows under a header, from lines[first] while each fits it: (rows, index of the last
    line taken, whether any row holds a figure). `row_cells` reads a line in the table's layout."""
    rows, last, any_figure = [], first - 1, False
    for follow in range(first, len(lines)):
        cells = row_cells(lines[follow])
        if len(cells) != len(columns) or not _row_ok(cells, columns, label, scan, context, strict=strict):
            break
        rows.append(TableRow(lines[follow][0], lines[follow][1], tuple(cells)))
        any_figure = any_figure or _has_figure(cells, columns, scan, context)
        last = follow
    return rows, last, any_figure


def _continues_header(cells: list[TableCell], scan: str, ruleset: RuleSet) -> bool:
    """The second line of a two-line header: no figures, its label cell empty, heads under heads."""
    if cells[0].text and classify_head(cells[0].text, ruleset).kind not in ("label", "index"):
        return False
    heads = [classify_head(c.text, ruleset) for c in cells[1:] if c.text]
    return bool(heads) and all(h.kind in ("value", "ratio", "unit") for h in heads) and not any(
        isinstance(_cell_value(c, scan, ruleset.context), CellValue) for c in cells)


def _aligned_tables(text: str, scan: str, lines: list[tuple[int, int]], ruleset: RuleSet) -> list[tuple[int, RawTable]]:
    found = []
    context = ruleset.context
    index = 0
    while index < len(lines):
        header = _aligned_cells(text, lines[index])
        if not header or (len(header) < 2 and classify_head(header[0].text, ruleset).kind not in ("value", "ratio")):
            index += 1
            continue
        columns = _header_columns(header, ruleset)
        ok, implicit = _header_ok(columns, strict=True)
        if not ok or (len(header) == 1 and not implicit):
            index += 1
            continue
        if implicit:
            columns = [Column("label")] + columns
        label = _label_index(columns)
        positions = [(c.start - lines[index][0], c.end - lines[index][0]) for c in header]
        if implicit:
            positions = [(0, max(0, positions[0][0] - 1))] + positions

        def row_cells(line: tuple[int, int]) -> list[TableCell]:
            cells = _aligned_cells(text, line)
            if 2 <= len(cells) < len(columns):  # an empty cell: place the others under their heads
                cells = _align_by_position(cells, positions, line[0], label)
            return cells

        rows, last, any_figure = _table_body(lines, index + 1, columns, label, scan, context, row_cells, strict=True)
        if rows and any_figure:
            found.append((index, RawTable("aligned", lines[index][0], lines[last][1], tuple(header), tuple(rows),
                                          implicit)))
            index = last + 1
        else:
            index += 1
    return found


def _align_by_position(cells: list[TableCell], positions: list[tuple[int, int]], line_start: int,
                       label: int) -> list[TableCell]:
    """Cells of a row with blanks, each put under the head it sits beneath (or [] when unclear)."""
    placed: dict[int, TableCell] = {}
    previous = -1
    for number, cell in enumerate(cells):
        start, end = cell.start - line_start, cell.end - line_start

        def distance(column: int) -> tuple[int, int]:
            head_start, head_end = positions[column]
            overlap = min(end, head_end) - max(start, head_start)
            return (0, -overlap) if overlap > 0 else (1, max(head_start - end, start - head_end))

        column = label if number == 0 else min(range(len(positions)), key=distance)
        if column <= previous or column in placed:
            return []
        placed[column] = cell
        previous = column
    return [placed.get(i, TableCell(cells[-1].end, cells[-1].end, "")) for i in range(len(positions))]


def _single_cell(text: str, line: tuple[int, int]) -> TableCell | None:
    cell = _cell(text, *line)
    if not cell.text or "|" in cell.text or _GAP.search(cell.text):
        return None
    return cell


#: more heads in a row than a report table has columns: lines that merely look like heads ("6 tháng"
#: on line after line), read once each and not again from every line among them
MAX_LINE_HEADS = 16


def _cell_per_line_tables(text: str, scan: str, lines: list[tuple[int, int]], ruleset: RuleSet) -> list[tuple[int, RawTable]]:
    found = []
    context = ruleset.context
    index = 0
    while index < len(lines):
        first = _single_cell(text, lines[index])
        column = classify_head(first.text, ruleset) if first else None
        if column is None or column.kind not in ("label", "value", "ratio", "index"):
            index += 1
            continue
        header, columns = [first], [column]
        follow = index + 1
        while follow < len(lines) and len(columns) <= MAX_LINE_HEADS:
            cell = _single_cell(text, lines[follow])
            head = classify_head(cell.text, ruleset) if cell else None
            if head is None or head.kind not in ("value", "ratio", "unit", "index"):
                break
            header.append(cell)
            columns.append(head)
            follow += 1
        ok, implicit = _header_ok(columns, strict=True)
        data = sum(c.kind in ("value", "ratio") for c in columns)
        if not ok or (implicit and data < 2) or not 2 <= len(columns) <= MAX_LINE_HEADS:
            index += 1
            continue
        if implicit:
            columns = [Column("label")] + columns
        label = _label_index(columns)
        rows, last, any_figure = [], follow - 1, False
        while follow + len(columns) <= len(lines):
            group = [_single_cell(text, lines[follow + k]) for k in range(len(columns))]
            if any(cell is None for cell in group) or not _row_ok(group, columns, label, scan, context, strict=True):
                break
            if any(isinstance(_cell_value(cell, scan, context), CellValue) for k, cell in enumerate(group)
                   if k == label):
                break
            rows.append(TableRow(lines[follow][0], lines[follow + len(columns) - 1][1], tuple(group)))
            any_figure = any_figure or _has_figure(group, columns, scan, context)
            last = follow + len(columns) - 1
            follow += len(columns)
        if rows and any_figure:
            found.append((index, RawTable("cell_per_line", lines[index][0], lines[last][1], tuple(header),
                                          tuple(rows), implicit)))
            index = last + 1
        else:
            index += 1
    return found


#: the head of a notes column ("Ghi chú", "Đánh giá") and the words its cells hold
MAX_SPARSE_HEADS = 12  # lines read for a sparse table's header: "Stt", label, figure heads, notes
NOTES_HEAD = re.compile(r"ghi\s+chú|đánh\s+giá|kết\s+quả(?:\s+thực\s+hiện)?")
#: a head over the figure heads that follow it ("Kết quả đạt được" / "Năm 2011" / "Năm 2012" ...):
#: their figures are results
RESULTS_GROUP_HEAD = re.compile(r"kết\s+quả(?:\s+(?:đạt\s+được|thực\s+hiện|đã\s+đạt))?|thực\s+hiện")
NOTE_CELL = re.compile(r"(?:không\s+|chưa\s+)?(?:đạt|vượt|hoàn\s+thành)(?:\s+(?:kế\s+hoạch|kh|chỉ\s+tiêu))?")
#: a row's number in a "Stt" column: "I", "II", "1", "2", "a", "1.2"
ORDINAL_CELL = re.compile(r"(?:[ivx]+|\d{1,2}(?:\.\d{1,2})?|[a-zđ])[.)]?")
#: a cell that is a figure, or a figure with a qualifier ("< 7,6", "7,5-8,0", "-4,13%")
FIGURE_CELL = re.compile(r"[<>≤≥]?\s*[+-]?\s?\d[\d.,]*(?:\s*[-–]\s*\d[\d.,]*)?\s*%?")


def _sparse_cell_tables(text: str, scan: str, lines: list[tuple[int, int]], ruleset: RuleSet) -> list[tuple[int, RawTable]]:
    """One cell per line with blank lines between cells, a "Stt" and a notes column and cells left
    empty (``Stt`` / ``Chỉ tiêu chủ yếu`` / ``TH năm 2018`` / ``KH năm 2019`` / ``Ước TH năm 2019`` /
    ``Ghi chú``, then ``1`` / label / cells / ``Không đạt``): rows are read from the line kinds, not
    from a count of lines. A label is followed by exactly as many figure cells as the header has
    figure columns, or by none (a section or a parent row); anything else leaves the row's cells out."""
    filled = [i for i, (start, end) in enumerate(lines) if text[start:end].strip()]
    found = []
    position = 0
    while position < len(filled):
        header = _sparse_header(text, scan, lines, filled, position, ruleset)
        if header is None:
            position += 1
            continue
        heads, columns, after, results, numbered = header
        figures = sum(c.kind in ("value", "ratio") for c in columns)
        units = any(c.kind == "unit" for c in columns)
        rows, after_rows = _sparse_rows(text, scan, lines, filled, after, figures,
                                        numbered, units=units, context=ruleset.context)
        if not any(any(cell.text for cell in row.cells[1:]) for row in rows):
            # the heads one per line, the rows run together ("1. Tổng sản phẩm (GRDP) Tỷ đồng 16.632,5 +8,37")
            rows, taken = _run_together_rows(text, scan, lines, filled[after:], columns, figures, units, ruleset.context)
            after_rows = after + taken
        if any(any(cell.text for cell in row.cells[1:]) for row in rows):
            first, last = filled[position], filled[after_rows - 1]
            found.append((first, RawTable("cell_per_line", lines[first][0], lines[last][1], tuple(heads), tuple(rows),
                                          results=results)))
            position = after_rows
        else:
            position += 1
    return found


def _sparse_header(text: str, scan: str, lines: list[tuple[int, int]], filled: list[int], position: int,
                   ruleset: RuleSet) -> tuple[list[TableCell], list[Column], int, bool, bool] | None:
    """The label head and figure heads of a sparse table's header starting at `position`, where its
    rows start, whether a head of results stands over the figure heads, and whether it has a "Stt"
    head: an optional "Stt" head, a label head, an optional head of results, two or more figure
    heads, an optional notes head."""
    start, end = lines[filled[position]]
    first = scan[start:end].strip(" :.\t\u00a0")
    index = INDEX_HEAD.fullmatch(first) is not None
    if not (index or LABEL_HEAD.fullmatch(first)):
        return None  # most lines: no label head, and no head read further
    cells = [_cell(text, *lines[i]) for i in filled[position:position + MAX_SPARSE_HEADS]]
    k = 1 if index else 0
    if k >= len(cells) or not LABEL_HEAD.fullmatch(scan[cells[k].start:cells[k].end].strip(" :.")):
        return None
    heads, columns = [cells[k]], [classify_head(cells[k].text, ruleset)]
    k += 1
    if k < len(cells) and classify_head(cells[k].text, ruleset).kind == "unit":  # "Đơn vị tính"
        heads.append(cells[k])
        columns.append(classify_head(cells[k].text, ruleset))
        k += 1
    results = k < len(cells) and RESULTS_GROUP_HEAD.fullmatch(scan[cells[k].start:cells[k].end].strip(" :.")) is not None
    k += results
    while k < len(cells) and (column := classify_head(cells[k].text, ruleset)).kind in ("value", "ratio"):
        heads.append(cells[k])
        columns.append(column)
        k += 1
    if sum(column.kind in ("value", "ratio") for column in columns) < 2:
        return None
    if k < len(cells) and NOTES_HEAD.fullmatch(scan[cells[k].start:cells[k].end].strip(" :.")):
        k += 1
    return heads, columns, position + k, bool(results), index


def _sparse_rows(text: str, scan: str, lines: list[tuple[int, int]], filled: list[int], position: int,
                 figures: int, numbered: bool, units: bool = False, context: dict | None = None
                 ) -> tuple[list[TableRow], int]:
    """The rows of a sparse table from `position`, each a label and `figures` cells (empty when the
    label's figures do not match the figure columns), and where the table ends; `numbered`: the
    header has a "Stt" head, so a number right before a label is a row's number; `units`: it has a
    "Đơn vị tính" head, so a unit right after a label ("Tỷ.đ", "%") is the row's unit cell."""
    rows: list[TableRow] = []
    label: TableCell | None = None
    unit: TableCell | None = None
    cells: list[TableCell] = []
    number = 0  # the last row number read

    def close() -> None:
        if label is not None:
            kept = cells if len(cells) == figures else []
            empty = [TableCell(label.end, label.end, "")] * (figures - len(kept))
            unit_cell = (unit or TableCell(label.end, label.end, ""),) if units else ()
            rows.append(TableRow(label.start, (kept[-1] if kept else label).end,
                                 (label, *unit_cell, *kept, *empty)))

    while position < len(filled):
        cell = _cell(text, *lines[filled[position]])
        written = scan[cell.start:cell.end].strip()
        if units and label is not None and unit is None and not cells and parse_unit(written, context) is not None:
            unit = cell  # the row's unit, before its figures
        elif numbered and written.rstrip(".") == str(number + 1) and _a_label_at(scan, lines, filled, position + 1):
            number += 1  # the next row's number after a row with a cell left blank: "655" / "2" / "Tỷ lệ hộ nghèo (%)"
        elif FIGURE_CELL.fullmatch(written) and label is not None and len(cells) < figures:
            cells.append(cell)
        elif ORDINAL_CELL.fullmatch(written) or NOTE_CELL.fullmatch(written) or written.startswith("("):
            if ROW_NUMBER.fullmatch(written):
                number = int(written.rstrip("."))
            # a row's number, a note, or a remark in brackets ("(còn 4,33%)")
        elif FIGURE_CELL.fullmatch(written):
            pass  # a figure past the row's figure columns
        elif _is_label(written):
            close()
            label, unit, cells = cell, None, []
        else:
            break  # prose: the table has ended
        position += 1
    close()
    return rows, position


ROW_NUMBER = re.compile(r"\d{1,2}\.?")


def _is_label(written: str) -> bool:
    return re.search(r"[^\W\d_]", written) is not None and len(written) <= MAX_LABEL


def _a_label_at(scan: str, lines: list[tuple[int, int]], filled: list[int], position: int) -> bool:
    if position >= len(filled):
        return False
    start, end = lines[filled[position]]
    written = scan[start:end].strip()
    return _is_label(written) and not ORDINAL_CELL.fullmatch(written) and not FIGURE_CELL.fullmatch(written)


def _caption_list_tables(text: str, scan: str, lines: list[tuple[int, int]], ruleset: RuleSet,
                         taken: set[int]) -> list[tuple[int, RawTable]]:
    """A caption with its unit ('... so với cùng kỳ (%)') over label / figure pairs, no header."""
    found = []
    context = ruleset.context
    columns = [Column("label"), Column("value")]
    index = 0
    while index < len(lines):
        if index in taken:
            index += 1
            continue
        caption = _single_cell(text, lines[index])
        if caption is None or len(caption.text) > MAX_CAPTION or find_figures(scan[caption.start:caption.end], context)[0]:
            index += 1
            continue
        if not (UNIT_LINE.search(scan[caption.start:caption.end]) or _paren_unit(scan[caption.start:caption.end], context)):
            index += 1
            continue
        best: tuple[list[TableRow], int] = ([], index)
        for style in ("pairs", "pipes", "aligned"):
            rows, follow = [], index + 1
            while follow < len(lines) and follow not in taken:
                if style == "pairs":
                    if follow + 1 >= len(lines) or follow + 1 in taken:
                        break
                    group = [_single_cell(text, lines[follow]), _single_cell(text, lines[follow + 1])]
                    step, row_end = 2, lines[follow + 1][1]
                else:
                    group = (_trim_outer(_pipe_cells(text, lines[follow])) if style == "pipes"
                             else _aligned_cells(text, lines[follow]))
                    step, row_end = 1, lines[follow][1]
                if (len(group) != 2 or any(c is None for c in group)
                        or not isinstance(_cell_value(group[1], scan, context), CellValue)
                        or not _row_ok(group, columns, 0, scan, context, strict=True)):
                    break
                rows.append(TableRow(lines[follow][0], row_end, tuple(group)))
                follow += step
            if len(rows) > len(best[0]):
                best = (rows, follow - 1)
        rows, last = best
        if len(rows) >= 2:
            found.append((index, RawTable("caption_list", lines[index][0], lines[last][1], (), tuple(rows))))
            index = last + 1
        else:
            index += 1
    return found


#: a figure column's head with its year, as run together on one line ("Kế hoạch năm 2019 Thực hiện năm
#: 2019 Kế hoạch năm 2020", "2018 2019 2020 2021 Sơ bộ - 2022")
_RUN_HEAD = re.compile(r"""
    (?:(?:kế\s+hoạch|kh|thực\s+hiện|th|ước\s+(?:thực\s+hiện|tính|th)|ước|sơ\s+bộ|dự\s+kiến|cùng\s+kỳ)   # its status
       \s*(?:[-–]\s*)?(?:năm\s+)?)?
    (?:19|20)\d{2}(?!\d)                                                               # its year
""", re.VERBOSE | re.IGNORECASE)
_RUN_HEAD_LEFT = re.compile(r"\s*(?:stt\s+)?(?:(?:chỉ\s+tiêu|nội\s+dung|danh\s+mục)\s*)?(?P<unit>(?:đơn\s+vị\s+tính|đvt)\s*)?", re.IGNORECASE)
_RUN_ORDINAL = re.compile(r"\s*(?:\d{1,2}(?:\.\d{1,2})?|[ivx]+|[a-zđ])[.)]?\s+(?=[^\W\d_])", re.IGNORECASE)
_RUN_NUMBER = re.compile(r"[+-]?\d[\d.,]*")
_RUN_UNIT = re.compile(r"""(?:%|(?:nghìn|ngàn|triệu|tỷ|tỉ)\s*(?:đồng|usd)|đồng|usd|lần
                            |["“”〃])\s*$""", re.IGNORECASE | re.VERBOSE)  # or a ditto mark: the unit above
MIN_RUN_HEADS = 3  # years run together on one line: a header only with three or more
MAX_RUN_GAP = 2  # lines in a row with no figure that a run-together table goes on past


def _run_together_header(text: str, line: tuple[int, int]) -> tuple[list[TableCell], bool] | None:
    """The heads of a header line whose figure heads are run together with single spaces, and
    whether it has a unit column; None for any other line."""
    heads = list(_RUN_HEAD.finditer(text, *line))
    if len(heads) < MIN_RUN_HEADS or text[heads[-1].end():line[1]].strip():
        return None
    if any(text[a.end():b.start()].strip() for a, b in zip(heads, heads[1:])):
        return None  # words between two heads: prose, not a header
    left = _RUN_HEAD_LEFT.fullmatch(text, line[0], heads[0].start())
    if left is None:
        return None
    cells = [TableCell(line[0], line[0], "Chỉ tiêu")]
    if left["unit"]:
        cells.append(TableCell(left.start("unit"), left.end("unit"), left["unit"].strip()))
    cells += [TableCell(h.start(), h.end(), re.sub(r"\s*[-–]\s*", " ", h.group())) for h in heads]
    return cells, bool(left["unit"])


def _run_together_row(text: str, line: tuple[int, int], values: int, unit_column: bool) -> list[TableCell] | None:
    """A row's cells when the line ends with exactly `values` figures run together after its label
    (and its unit); a label alone (a section row) gets empty figure cells."""
    figures: list[re.Match[str]] = []
    end = line[1]
    for match in reversed(list(_RUN_NUMBER.finditer(text, *line))):  # the figures that end the line
        if text[match.end():end].strip():
            break
        figures.insert(0, match)
        end = match.start()
    label_start = line[0]
    ordinal = _RUN_ORDINAL.match(text, line[0], end)
    if ordinal:
        label_start = ordinal.end()
    if not figures:
        label = TableCell(label_start, line[1], text[label_start:line[1]].strip())
        empty = [TableCell(line[1], line[1], "")] * (values + unit_column)
        return [label, *empty] if label.text and len(label.text) <= MAX_LABEL else None
    if len(figures) != values:
        return None
    unit_cells = []
    if unit_column:
        unit = _RUN_UNIT.search(text, label_start, end)
        if unit is None:
            return None
        unit_cells = [TableCell(unit.start(), unit.end(), unit.group().strip())]
        end = unit.start()
    label = TableCell(label_start, end, text[label_start:end].strip())
    return [label, *unit_cells, *(TableCell(m.start(), m.end(), m.group()) for m in figures)]


def _run_together_rows(text: str, scan: str, lines: list[tuple[int, int]], indices: Sequence[int],
                       columns: list[Column], values: int, unit_column: bool, context: dict) -> tuple[list[TableRow], int]:
    """The rows run together one per line among lines[i] for i in `indices`, in order, and how many of
    `indices` the table takes (to its last row). A few lines that do not fit ("40;170 40;189,6", a
    section's label) are passed over; a ditto mark in the unit column (`"`) repeats the unit above."""
    rows: list[TableRow] = []
    taken: list[int] = []  # for each row, how many of `indices` the table takes up to it
    gaps = 0
    unit_above: TableCell | None = None
    for number, index in enumerate(indices):
        row = _run_together_row(text, lines[index], values, unit_column)
        fits = row is not None and _row_ok(row, columns, 0, scan, context, strict=True)
        has_figure = fits and _has_figure(row, columns, scan, context)
        gaps = 0 if has_figure else gaps + 1
        if gaps > MAX_RUN_GAP:
            break
        if fits:
            if unit_column:
                if row[1].text in _DITTO and unit_above is not None:
                    row[1] = unit_above
                unit_above = row[1] if row[1].text not in _DITTO else None
            rows.append(TableRow(lines[index][0], lines[index][1], tuple(row)))
            taken.append(number + 1)
    while rows and not _has_figure(list(rows[-1].cells), columns, scan, context):
        rows.pop()
        taken.pop()
    return rows, (taken[-1] if taken else 0)


_DITTO = frozenset({'"', '“', '”', "''", "〃"})


def _run_together_tables(text: str, scan: str, lines: list[tuple[int, int]], ruleset: RuleSet) -> list[tuple[int, RawTable]]:
    """Tables whose cells a page ran together with single spaces, a row per line: a header of three or
    more year heads ("Chỉ tiêu Đơn vị tính Kế hoạch năm 2019 Thực hiện năm 2019 Kế hoạch năm 2020"),
    then rows that end with as many figures ("2 Thu ngân sách Nhà nước Tỷ đồng 423 428,2 529,1")."""
    found = []
    context = ruleset.context
    line_starts = [start for start, _ in lines]
    candidates = sorted({bisect.bisect_right(line_starts, m.start()) - 1 for m in _RUN_TOGETHER_YEARS.finditer(text)})
    taken_until = -1
    for index in candidates:  # only lines that end with three years: one search of the text, not one per line
        header = _run_together_header(text, lines[index]) if index > taken_until else None
        if header is None:
            continue
        cells, unit_column = header
        columns = _header_columns(cells, ruleset)
        values = len(cells) - 1 - unit_column
        rows, taken = _run_together_rows(text, scan, lines, range(index + 1, len(lines)), columns, values, unit_column,
                                         context)
        if rows:
            found.append((index, RawTable("run_together", lines[index][0], rows[-1].end, tuple(cells), tuple(rows))))
            taken_until = index + taken
    return found


def detect_tables(text: str, scan: str, ruleset: RuleSet) -> list[tuple[RawTable, list[tuple[int, int]]]]:
    """Every table block, with its caption lines, in text order; overlapping finds keep the first."""
    lines = _lines(text)
    candidates = (_pipe_tables(text, scan, lines, ruleset) + _aligned_tables(text, scan, lines, ruleset)
                  + _cell_per_line_tables(text, scan, lines, ruleset) + _sparse_cell_tables(text, scan, lines, ruleset)
                  + _run_together_tables(text, scan, lines, ruleset))
    candidates.sort(key=lambda item: (item[1].start, -(item[1].end - item[1].start)))
    chosen: list[tuple[int, RawTable]] = []
    for first, table in candidates:
        if all(table.end <= other.start or table.start >= other.end for _, other in chosen):
            chosen.append((first, table))
    taken = {i for i, (s, e) in enumerate(lines) for _, t in chosen if t.start <= s and e <= t.end}
    for first, table in _caption_list_tables(text, scan, lines, ruleset, taken):
        if all(table.end <= other.start or table.start >= other.end for _, other in chosen):
            chosen.append((first, table))
    chosen.sort(key=lambda item: item[1].start)
    taken = {i for i, (s, e) in enumerate(lines) for _, t in chosen if t.start <= s and e <= t.end}
    result = []
    for first, table in chosen:
        if table.layout == "caption_list":
            caption = [(lines[first][0], lines[first][1])]
        else:
            caption = _caption_lines(text, scan, lines, first, ruleset, taken)
        result.append((table, caption))
    return result


# --- reading a table ----------------------------------------------------------------------------

def _complete_columns(columns: list[Column], caption: Caption | None, default_year: int | None,
                      default_period: str, default_status: str, implicit_caption_column: bool,
                      ruleset: RuleSet) -> list[Column]:
    """Fill each column's year, period, status, measure and basis from the table around it."""
    if implicit_caption_column:
        return [columns[0], _caption_column(caption, default_year, default_period, default_status, ruleset)]
    latest = max((c.year for c in columns if c.kind == "value" and c.year), default=None)
    reference = default_year or latest
    columns = [_replace(c, status="actual" if c.year and reference and c.year <= reference else None)
               if c.status == "actual?" else c for c in columns]
    head_years = [c.year for c in columns if c.kind == "value" and c.year and not c.prior and c.status]
    table_year = (caption.year if caption and caption.year else None) or (max(head_years) if head_years else None) \
        or default_year
    head_periods = [c.period for c in columns if c.kind == "value" and c.period and c.status in ("actual", "estimate")
                    and not c.prior]
    table_period = (caption.period if caption and caption.period else None) or (head_periods[0] if head_periods else None) \
        or default_period
    filled = []
    for column in columns:
        if column.kind == "value" and column.status:
            if column.prior:
                year = column.year or (table_year - 1 if table_year else None)
                period = column.period or table_period
            elif column.status == "target":
                year, period = column.year or table_year, column.period or "FY"
            else:
                year, period = column.year or table_year, column.period or table_period
            status = column.status
            if status == "actual" and not column.prior and caption and caption.status == "estimate":
                status = "estimate"  # "Ước thực hiện một số chỉ tiêu:" over a "Thực hiện" column
            filled.append(_replace(column, year=year, period=period, status=status))
        else:
            filled.append(column)
    own_status = caption.status if caption and caption.status else default_status
    return [_complete_ratio(c, i, filled, table_year, own_status) if c.kind == "ratio" else c
            for i, c in enumerate(filled)]


def _replace(column: Column, **changes) -> Column:
    data = dict(column.__dict__)
    data.update(changes)
    return Column(**data)


def _complete_ratio(column: Column, position: int, columns: list[Column], table_year: int | None = None,
                    table_status: str | None = None) -> Column:
    mains = [(i, c) for i, c in enumerate(columns)
             if c.kind == "value" and c.status in ("actual", "estimate") and not c.prior and c.year]
    if column.year:
        mains = [(i, c) for i, c in mains if c.year == column.year] or []
    if not mains:
        return _standing_alone(column, columns, table_year, table_status)
    latest = max(c.year for _, c in mains)
    mains = [(i, c) for i, c in mains if c.year == latest]
    left = [(i, c) for i, c in mains if i < position]
    main = (left[-1] if left else mains[0])[1]
    targets = [(i, c) for i, c in enumerate(columns) if c.kind == "value" and c.status == "target"]
    priors = [c for c in columns if c.kind == "value" and c.status in ("actual", "estimate")
              and (c.prior or (c.year and c.year < main.year))]
    measure = column.measure
    if measure is None:
        if targets and not priors:
            measure = "pct_of_plan"
        elif priors and not targets:
            measure = "pct_of_prior"
        else:
            return _replace(column, kind="unknown")
    basis, basis_year = column.basis, column.basis_year
    if measure == "pct_of_plan":
        left_targets = [c for i, c in targets if i < position] or [c for _, c in targets]
        named = left_targets[-1].named_basis if left_targets else None
        if basis not in PLAN_BASES:
            basis = named or "plan"
        elif basis in GENERIC_PLAN_BASES and named and any(basis in f and named in f for f in PLAN_FAMILIES):
            basis = named
        basis_year = None
    else:
        if basis not in PRIOR_BASES and not (measure == "pct_change" and basis in PLAN_BASES):
            basis = "prior_year" if main.period == "FY" or is_span(main.period or "") else "same_period_prior_year"
        if basis not in PRIOR_BASES:
            basis_year = None
    return _replace(column, measure=measure, basis=basis, basis_year=basis_year, year=main.year,
                    period=main.period, status=main.status)


def _standing_alone(column: Column, columns: list[Column], table_year: int | None,
                    table_status: str | None) -> Column:
    """A comparison column with no column of amounts to lean on, in a table of comparisons only
    ("Tháng 6/2016 so với tháng trước" / "6 tháng năm 2016 so với cùng kỳ năm trước", a statistics
    office's growth table): it names its own period and the prior period it compares with."""
    alone = all(c.kind != "value" for c in columns)
    if not (alone and column.measure == "pct_of_prior" and column.basis in PRIOR_BASES and column.period
            and (column.year or table_year) and table_status in ("actual", "estimate")):
        return _replace(column, kind="unknown")
    return _replace(column, year=column.year or table_year, status=table_status)


def _caption_column(caption: Caption | None, default_year: int | None, default_period: str,
                    default_status: str, ruleset: RuleSet) -> Column:
    if caption is None:
        return Column("unknown")
    clean = PRICE_BASE.sub(" ", caption.scan)
    year = caption.year or default_year
    period = caption.period or default_period
    status = caption.status or default_status
    if caption.unit == "percent" and RATIO_HEAD.search(clean):
        column = _ratio_head(caption.text, clean, _years(clean), ruleset)
        if column.kind != "ratio" or column.measure is None:
            return Column("unknown")
        basis = column.basis
        if column.measure == "pct_of_plan":
            basis = basis if basis in PLAN_BASES else "plan"
        elif basis not in PRIOR_BASES:
            basis = "prior_year" if period == "FY" else "same_period_prior_year"
        return _replace(column, head=caption.text, year=year, period=period, status=status, basis=basis,
                        basis_year=column.basis_year if basis in PRIOR_BASES else None)
    return Column("value", caption.text, status=status, year=year, period=period, unit=caption.unit)


# --- rows -> indicators -------------------------------------------------------------------------

@dataclass(frozen=True)
class RowIndicator:
    rule: Rule
    qualifier: str | None
    trigger_name: str
    trigger_start: int
    trigger_end: int
    how: str
    verb: str | None = None  # "Tốc độ tăng GRDP (%)": the label says its percentages are changes


class _Synthetic:
    """A scan string stitched from pieces of the article, mapping its offsets back."""

    def __init__(self) -> None:
        self.parts: list[tuple[int, int | None, int]] = []  # (synthetic start, text start or None, length)
        self.chunks: list[str] = []
        self.length = 0

    def add(self, chunk: str, text_start: int | None = None) -> int:
        start = self.length
        self.parts.append((start, text_start, len(chunk)))
        self.chunks.append(chunk)
        self.length += len(chunk)
        return start

    @property
    def scan(self) -> str:
        return "".join(self.chunks)

    def to_text(self, position: int) -> int | None:
        for start, text_start, length in self.parts:
            if start <= position <= start + length and text_start is not None:
                return text_start + position - start
        return None


def _label_parts(scan: str, cell: TableCell) -> tuple[int, int, bool]:
    """(start, end, is a sub-row) of the label without its numbering."""
    start, end = cell.start, cell.end
    numbering = NUMBERING.match(scan, start, end)
    if numbering and not SUB_ROW.match(scan, start, end):
        start = numbering.end()
    sub = bool(SUB_ROW.match(scan, start, end))
    return start, end, sub


def _qualifier_in(scan: str, start: int, end: int, ruleset: RuleSet) -> str | None:
    found: tuple[int, str | None] = (-1, None)
    for qualifier, pattern in context_patterns(ruleset).qualifiers:
        for match in pattern.finditer(scan, start, end):
            if match.start() > found[0]:
                found = (match.start(), qualifier)
    return found[1]


def _choose(hit: Hit, hits: list[Hit], scan: str, sentence_start: int, ruleset: RuleSet) -> tuple[Rule | None, str | None]:
    """`choose_indicator` of the prose engine on a stitched scan (the label is its last sentence)."""
    return choose_indicator(hit, hits, scan, sentence_start, len(scan), ruleset.by_code(), context_patterns(ruleset))


def row_indicator(scan: str, label: TableCell, parent: tuple[RowIndicator, TableCell] | None,
                  caption: Caption | None, previous: list[TableCell], ruleset: RuleSet) -> RowIndicator | None:
    """The indicator a row label names, read with the engine's triggers.

    The caption and the labels above are the paragraph before it (a trigger's switch reads them:
    sectors under "tổng sản phẩm" are value added); a sub-row is written after its parent with
    "trong đó", so that a sub-total rule becomes its parent with a qualifier.
    """
    start, end, sub = _label_parts(scan, label)
    synthetic = _Synthetic()
    if caption:
        synthetic.add(caption.scan + "\n", caption.start)
    heading_start = None  # "1 Cơ cấu kinh tế" over "Dịch vụ % 56": the sentence its sector rows go on
    for cell in previous:
        cell_start = synthetic.add(scan[cell.start:cell.end] + "\n", cell.start)
        if context_patterns(ruleset).economy_structure.search(scan, cell.start, cell.end):
            heading_start = cell_start
    sentence_start = synthetic.length
    if parent:  # a row under a total is a part of it when its rule is a sub-total of that total
        synthetic.add(scan[parent[1].start:parent[1].end], parent[1].start)
        synthetic.add("; trong đó ")
    label_start = synthetic.add(scan[start:end], start)
    label_end = synthetic.length
    synthetic.add(" 1")
    synthetic_scan = synthetic.scan
    hits = find_triggers(synthetic_scan, ruleset)
    own = [h for h in hits if label_start <= h.start < label_end]
    if own:
        hit = own[0]
        if hit.rule is None:
            return None  # a blocker opens the label: out of scope
        rule, qualifier = _choose(hit, hits, synthetic_scan, sentence_start, ruleset)
        under_the_structure = rule is None and heading_start is not None
        if under_the_structure:
            rule, qualifier = _choose(hit, hits, synthetic_scan, heading_start, ruleset)
        if rule is None:
            return None
        qualifier = qualifier or _qualifier_in(synthetic_scan, hit.end, label_end, ruleset)
        t_start, t_end = synthetic.to_text(hit.start), synthetic.to_text(min(hit.end, label_end))
        around = PRICE_BASE.sub(" ", scan[start:t_start] + " " + scan[t_end:end])
        verb, _ = nearest_verb(around, context_patterns(ruleset))
        verb = verb if verb in ("pct_change", "pct_change_down") else None
        if verb is None and sub and parent and (parent[0].verb or parent[0].rule.kind == "growth"):
            verb = parent[0].verb or "pct_change"  # "- Dịch vụ (%)" under "Tốc độ tăng GRDP (%)": growths too
        if verb is None and under_the_structure:
            verb = "share"  # "Dịch vụ % 56" under "Cơ cấu kinh tế": its percentages are shares
        return RowIndicator(rule, qualifier, hit.name, t_start, t_end, f"label '{scan[start:end]}'", verb)
    label_scan = scan[start:end]
    if any(label_start <= h.start < label_end for h in hits):
        return None
    qualifier = _qualifier_in(scan, start, end, ruleset)
    if qualifier and parent and parent[0].qualifier is None:
        return RowIndicator(parent[0].rule, qualifier, parent[0].trigger_name, start, end,
                            f"part '{label_scan}' of '{scan[parent[1].start:parent[1].end]}'")
    words = re.sub(r"^[\s\-+•*:]+|[\s:.]+$", "", label_scan)
    if TOTAL_LABEL.fullmatch(words) and caption:
        return _caption_indicator(caption, ruleset)
    return None


def _caption_indicator(caption: Caption, ruleset: RuleSet) -> RowIndicator | None:
    probe = caption.scan + " 1"
    hits = find_triggers(probe, ruleset)
    if not hits or any(h.rule is None for h in hits) or len({h.rule.code for h in hits}) != 1:
        return None  # the caption must name one indicator and nothing out of scope
    rule, qualifier = _choose(hits[0], hits, probe, 0, ruleset)
    if rule is None:
        return None
    return RowIndicator(rule, qualifier, hits[0].name, caption.start + hits[0].start,
                        caption.start + min(hits[0].end, len(caption.scan)), "total row of the caption")


# --- cells -> mentions --------------------------------------------------------------------------

def _plausible(rule: Rule, value: float, unit: str) -> bool:
    try:
        standard = convert(value, unit, rule.standard_unit)
    except (ValueError, KeyError):
        return True  # another currency: kept as written
    return rule.plausible_min <= standard <= rule.plausible_max


def _cell_mention(rule: Rule, row: RowIndicator, column: Column, cell: CellValue, unit: str | None,
                  unit_source: str, caption: Caption | None, signed_column: bool, ruleset: RuleSet,
                  row_span: tuple[int, int], layout: str) -> Mention | None:
    rules = ruleset.by_code()
    high = None
    if column.kind == "ratio":
        if cell.unit not in (None, "percent") or rule.kind not in ("amount", "index") or cell.high is not None:
            return None
        measure, basis, basis_year = column.measure, column.basis, column.basis_year
        if measure == "pct_of_prior" and signed_column:
            measure = "pct_change"
        if measure == "pct_of_plan" and cell.signed:
            return None
        if measure in ("pct_of_plan", "pct_of_prior"):
            if not 0 < cell.value <= MAX_RELATIVE:
                return None
            if measure == "pct_of_prior" and cell.value < MIN_PRIOR_PERCENT:
                return None
        value, unit, why = cell.value, "percent", f"column '{column.head}' ({measure})"
        if measure == "pct_change" and rule.pct_change_is_level_of:
            rule, measure, basis, basis_year = rules[rule.pct_change_is_level_of], "level", None, None
    else:
        unit = cell.unit or unit
        if unit is None:
            return None
        verb = None
        if unit == "percent":
            verb = row.verb or (caption.verb if caption and cell.unit is None and caption.unit == "percent"
                                and unit_source == "caption" else None)
        figure = Figure(cell.start, cell.end, cell.value, None, unit, "")
        decided = decide_measure(rule, figure, verb, None)
        if decided is None:
            return None
        measure, value, _, unit = decided
        basis = basis_year = None
        if measure == "pct_change" and rule.pct_change_is_level_of:
            rule, measure = rules[rule.pct_change_is_level_of], "level"
        elif measure in ("pct_change", "abs_change"):  # "Tỷ lệ hộ nghèo giảm (%)": a fall in points
            basis = "prior_year" if column.period == "FY" or is_span(column.period or "") else "same_period_prior_year"
        elif measure not in ("level", "share"):
            return None
        high = cell.high if measure == "level" and column.status == "target" else None
        if cell.high is not None and high is None:
            return None  # a range is a plan's: only a target column's level holds one
        if measure == "level" and (value < 0 and rule.kind != "growth"):
            return None
        if measure == "level" and not _plausible(rule, value, unit):
            return None
        why = f"column '{column.head}' ({column.status} {column.year} {column.period}), unit {unit} from {unit_source}"
    if column.year is None or column.period is None or column.status is None:
        return None
    return Mention(
        indicator=rule.code, measure=measure, value=value, value_high=high, unit=unit,
        span_start=cell.start, span_end=cell.end, raw=cell.raw,
        rule=f"{rule.code}.{row.trigger_name}:table",
        sentence_start=row_span[0], sentence_end=row_span[1],
        trigger_start=row.trigger_start, trigger_end=row.trigger_end, qualifier=row.qualifier,
        year=column.year, period=column.period, status=column.status, basis=basis, basis_year=basis_year,
        time_said=True, explain={"table": f"{layout} table; row {row.how}; {why}"},
    )


def _row_unit(scan: str, row: TableRow, label: TableCell, columns: list[Column], caption: Caption | None,
              ruleset: RuleSet) -> tuple[str | None, str, bool]:
    """(unit, where it was read, the row is usable) for the bare cells of value columns."""
    context = ruleset.context
    own = _paren_unit(PRICE_BASE.sub(lambda m: " " * len(m.group()), scan[label.start:label.end]), context)
    if own:
        return own, "the row label", True
    for cell, column in zip(row.cells, columns):
        if column.kind == "unit":
            written = scan[cell.start:cell.end]
            if _is_empty(written):
                break
            unit = parse_unit(written, context)
            return (unit, "the ĐVT column", unit is not None)
    if caption and caption.unit:
        return caption.unit, "caption", True
    return None, "", True


def interpret(table: RawTable, caption_lines: list[tuple[int, int]], text: str, scan: str, ruleset: RuleSet,
              default_year: int | None, default_period: str, default_status: str) -> list[Mention]:
    """The mentions of one table."""
    context = ruleset.context
    caption = read_caption(text, scan, caption_lines, ruleset) if caption_lines else None
    if table.layout == "caption_list":
        columns = _complete_columns([Column("label"), Column("value")], caption, default_year, default_period,
                                    default_status, True, ruleset)
    else:
        columns = [classify_head(cell.text, ruleset) for cell in table.header]
        if table.results:  # "Kết quả đạt được" / "Năm 2011" / ... / "Năm 2015": each year a result
            columns = [_replace(c, status="actual") if c.status == "actual?" else c for c in columns]
        if table.implicit_label:
            columns = [Column("label")] + columns
        columns = _complete_columns(columns, caption, default_year, default_period, default_status, False, ruleset)
    label_index = _label_index(columns)
    signed = {i for i, column in enumerate(columns) if column.kind == "ratio"
              and any(isinstance(v := _cell_value(row.cells[i], scan, context), CellValue) and v.signed
                      for row in table.rows)}
    mentions: list[Mention] = []
    parent: tuple[RowIndicator, TableCell] | None = None
    previous: list[TableCell] = []
    seen: set[tuple[str, str | None]] = set()
    for row in table.rows:
        label = row.cells[label_index]
        _, _, sub = _label_parts(scan, label)
        indicator = row_indicator(scan, label, parent, caption, previous, ruleset)
        previous.append(label)
        if indicator is None:
            continue
        if not sub and indicator.qualifier is None:
            parent = (indicator, label)
        key = (indicator.rule.code, indicator.qualifier)
        if key in seen:
            continue  # a second row of the same indicator: which one is the total is unclear
        seen.add(key)
        unit, unit_source, usable = _row_unit(scan, row, label, columns, caption, ruleset)
        if not usable:
            continue
        for i, (cell, column) in enumerate(zip(row.cells, columns)):
            if column.kind not in ("value", "ratio") or not column.status:
                continue
            value = _cell_value(cell, scan, context)
            if not isinstance(value, CellValue):
                continue
            cell_unit, source = unit, unit_source
            if column.kind == "value" and column.unit and unit_source not in ("the row label", "the ĐVT column"):
                cell_unit, source = column.unit, "the column head"
            mention = _cell_mention(indicator.rule, indicator, column, value, cell_unit, source, caption,
                                    i in signed, ruleset, (row.start, row.end), table.layout)
            if mention:
                mentions.append(mention)
    return mentions


# Every layout read here has one of these: a row with pipes, a number alone on its line (one cell
# per line, a caption over label/value lines), or two numbers apart by a run of spaces (aligned).
_MAY_HOLD_A_TABLE = re.compile(r"\|[^\n]*\||^[ \t]*[+\-]?\d[\d.,]*[ \t]*%?[ \t]*$|\d[ \t]{2,}[+\-]?\d", re.MULTILINE)

# The same three, each searched on its own from what it must hold, which `re` finds fast: the
# alternation above is tried at every character of every article.
_PIPE_ROW = re.compile(r"\|[^\n]*\|")                    # a row with pipes
_LONE_NUMBER = r"[ \t]*[+\-]?\d[\d.,]*[ \t]*%?[ \t]*$"  # a number alone on its line
_FIRST_LINE_LONE_NUMBER = re.compile(_LONE_NUMBER, re.MULTILINE)
_LATER_LINE_LONE_NUMBER = re.compile(r"\n" + _LONE_NUMBER, re.MULTILINE)  # "^" of a later line: after "\n"
_ALIGNED_NUMBERS = re.compile(r"\d[ \t]{2,}[+\-]?\d")       # two numbers apart by a run of spaces
_RUN_TOGETHER_YEARS = re.compile(r"(?:19|20)\d\d (?:\S+ ){0,3}(?:19|20)\d\d (?:\S+ ){0,3}(?:19|20)\d\d[ \t]*$", re.MULTILINE)
_UNIT_HEAD_ALONE = re.compile(r"\n[ \t]*(?:đvt|đơn vị tính|đơn vị)[ \t]*\n", re.IGNORECASE)  # a unit head on its own line


def may_hold_a_table(text: str) -> bool:
    """Whether ``_MAY_HOLD_A_TABLE.search(text)`` finds anything, found faster."""
    return bool(_PIPE_ROW.search(text) or _FIRST_LINE_LONE_NUMBER.match(text) or _LATER_LINE_LONE_NUMBER.search(text)
                or (("  " in text or "\t" in text) and _ALIGNED_NUMBERS.search(text))  # two spaces or a tab in a run
                or _RUN_TOGETHER_YEARS.search(text)  # three year heads run together at a line's end
                or _UNIT_HEAD_ALONE.search(text))  # heads one per line over rows run together


def find_tables(text: str, scan: str, ruleset: RuleSet, *, default_year: int | None,
                default_period: str = "FY", default_status: str = "actual"
                ) -> tuple[list[Mention], list[tuple[int, int]]]:
    """Mentions for every table cell that is an indicator figure, and the spans of the tables.

    Each mention is fully resolved (indicator, measure, value, unit, year, period, status, basis,
    basis_year, qualifier); ``raw`` is the cell as written and ``span_start``/``span_end`` its
    offsets in `text`; ``sentence_start``/``sentence_end`` cover the row, ``trigger_start``/
    ``trigger_end`` the label's trigger. A column head without a year takes the caption's year,
    else the latest year of the other heads, else `default_year`; a head without a period takes
    the caption's, else `default_period`. `default_status` is the status of a header-less list
    whose caption names none. The spans run from the caption (or header) to the last row, so the
    prose extractor can skip every figure inside them.
    """
    if len(scan) != len(text):
        raise ValueError("scan must be scan_text(text)")
    mentions: list[Mention] = []
    spans: list[tuple[int, int]] = []
    if not may_hold_a_table(text):  # most articles: no pipes, no lone or aligned numbers
        return mentions, spans
    for table, caption_lines in detect_tables(text, scan, ruleset):
        start = caption_lines[0][0] if caption_lines else table.start
        spans.append((start, table.end))
        mentions.extend(interpret(table, caption_lines, text, scan, ruleset, default_year, default_period,
                                  default_status))
    mentions.sort(key=lambda m: (m.span_start, m.indicator))
    return mentions, spans
