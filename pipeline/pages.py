"""Web pages -> the article they carry: its main text, title and publication date.

A saved page holds far more than the article: menus, `Tin liên quan` and `Các tin khác` lists,
sidebar widgets (`Xem nhiều`), reader comments, footers. Their headlines are full of other places'
figures, so everything but the article's own column must go. Finding that column is the job of
trafilatura (a library made for it, kept up against many page styles); its tables survive as
pipe rows (``| Chỉ tiêu | TH 2022 | Ước TH 2023 |``), which pipeline/tables.py reads. The title and
the date come from the page's metadata (``article:published_time``, JSON-LD ``datePublished``,
``<time>``) through htmldate.

What stays ours, each for a reason the library does not cover:

* decoding the bytes (:func:`decode_page`): a charset declared by the server or in a ``<meta>``
  wins when it can say Vietnamese (``windows-1258``, ``utf-8``); pages that declare a Western
  charset (or none) and use a legacy Vietnamese font encoding (TCVN3, VNI) are read by our
  detector, pipeline/encodings.py, which the library's detector does not know;
* the date: a date stated in the page's metadata (:func:`stated_date`) first, then the date line
  a portal prints next to the title (``Ngày đăng: 05/07/2023 08:15``, read day first,
  :func:`visible_date`), and only then htmldate's date, which on a page without metadata comes
  from any element whose class names a date, such as a banner with today's date (htmldate's
  search of the visible text is off: it would also take dates the article's sentences mention);
* tables that lay the page out or hold menus (:func:`unwrap_layout_tables`), and "Đọc thêm:"
  links to other articles inside the article column (:func:`drop_read_more_links`);
* pages that are not an article (a category or search page: a list of linked headlines with
  teasers; a notice whose article is empty, :func:`not_an_article`) yield no text, so their
  teasers and sidebars never become rows.
"""
from __future__ import annotations

import copy
import datetime as dt
import re
from dataclasses import dataclass

from .dates import iso_date, parse_date
from .encodings import decode_bytes

__all__ = ["Page", "read_page", "decode_page", "declared_charset", "visible_date", "not_an_article"]


@dataclass(frozen=True)
class Page:
    """What a page yields: the article's text (its title on the first line), title, date; when
    there is no article text, `reason` says why."""

    text: str
    title: str | None
    published: dt.date | None
    reason: str | None = None


# --- bytes -> text ---------------------------------------------------------------------------

_META_CHARSET = re.compile(
    rb"""
    <meta[^>]+?                          # a meta tag ...
    charset\s*=\s*["']?\s*               # ... naming a charset, as charset="x" or content="...; charset=x"
    (?P<name>[A-Za-z0-9_.:\-]+)          # the charset's name
    """,
    re.IGNORECASE | re.VERBOSE,
)
#: declared charsets that cannot write Vietnamese: a page declaring one is UTF-8 or a legacy font
#: encoding (TCVN3 pages declare windows-1252), which our detector tells apart
_NOT_VIETNAMESE = {"iso-8859-1", "latin-1", "latin1", "windows-1252", "cp1252", "us-ascii", "ascii", "iso-8859-15"}


def declared_charset(data: bytes, header: str | None = None) -> str | None:
    """The charset a page declares: in the HTTP Content-Type `header`, else in a ``<meta>`` of its
    first 4 KB; None when neither says one.

    >>> declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1258">')
    'windows-1258'
    >>> declared_charset(b'<meta charset="UTF-8">', header="text/html; charset=iso-8859-1")
    'iso-8859-1'
    >>> declared_charset(b"<p>no charset</p>") is None
    True
    """
    if header:
        named = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:\-]+)", header, re.IGNORECASE)
        if named:
            return named.group(1).lower()
    named = _META_CHARSET.search(data[:4096])
    return named["name"].decode("ascii").lower() if named else None


def decode_page(data: bytes, header: str | None = None) -> tuple[str, str]:
    """(text, encoding) of a page's bytes: a BOM or valid UTF-8 first, then a declared charset
    that can write Vietnamese, then our detector (legacy Vietnamese encodings).

    >>> decode_page('<meta charset="windows-1258"><p>Thu ngân sách</p>'.encode("cp1258"))[1]
    'windows-1258'
    """
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return decode_bytes(data)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    charset = declared_charset(data, header)
    if charset and charset not in _NOT_VIETNAMESE:
        try:
            return data.decode(charset), charset
        except (LookupError, UnicodeDecodeError):
            pass  # an unknown or wrong declaration: let the detector decide
    return decode_bytes(data)


# --- the page's article ----------------------------------------------------------------------

def read_page(html: str, url: str | None = None) -> Page:
    """The article a page carries, or an empty Page with the reason when it carries none."""
    import trafilatura  # loads lxml and its models: only when a page is read
    from trafilatura.utils import load_html

    tree = load_html(html)
    if tree is None:
        return Page("", None, None, "the page has no HTML body")
    unwrap_layout_tables(tree)
    drop_read_more_links(tree)
    found = trafilatura.bare_extraction(
        tree, url=url, with_metadata=True, include_tables=True, include_comments=False,
        include_images=False, include_links=False, deduplicate=False, **MAIN_TEXT_SETTINGS,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if found is None or not (found.text or "").strip():
        return Page("", _clean(found.title) if found else None, None,
                    "the page has no article text (the main-text reader found none)")
    title = _clean(found.title)
    published = stated_date(tree) or visible_date(visible_lines(tree), title) or iso_date(found.date)
    listing = not_an_article(tree, found.text, title)
    if listing:
        return Page("", title, published, listing)
    body = _squeeze_lines(found.text)
    if title and not body.startswith(title):
        body = f"{title}\n{body}"
    return Page(body, title, published)


#: trafilatura's trade-off between precision and recall, measured on the practice corpus served as
#: pages (tests/test_pages.py) and on tests/fixtures/pages: the default and `favor_precision` give
#: the same rows there (P 1.000, F1 0.985 against 0.986 as text), and `favor_precision` also drops
#: a menu that the default keeps on a very short page; `favor_recall` keeps sidebar headlines
#: (44 false rows on the practice pages, P 0.967) and loses a Windows-1258 page's article.
MAIN_TEXT_SETTINGS = {"favor_precision": True}


def unwrap_layout_tables(tree) -> None:
    """Old portals lay the whole page out with tables: the menu in one cell, the article in
    another, menus and headline lists as tables of links. Read as data tables (trafilatura keeps
    every table), the menus would become the article's text and the article one table cell. A
    layout table's rows and cells become plain blocks, so the article reads as paragraphs, the
    menus are judged as the link lists they are, and a data table inside stays a table."""
    for table in [table for table in tree.iter("table") if _is_layout_table(table)]:
        for element in (table, *table.xpath("./*[self::tbody or self::thead or self::tfoot]"),
                        *table.xpath("./tr | ./*/tr"), *table.xpath("./tr/* | ./*/tr/*")):
            element.tag = "div"


_RUNNING_TEXT = 200  # characters: more than a table cell holds, a paragraph's worth


def _is_layout_table(table) -> bool:
    """A table that holds another table, a cell of running text, or mostly links (a menu, a list
    of headlines): not a table of data."""
    cells = [cell for cell in table.xpath("./tr/* | ./*/tr/*") if cell.text_content().strip()]
    linked = [cell for cell in cells if cell.xpath(".//a")]
    return (bool(table.xpath(".//table")) or any(len(cell.text_content()) > _RUNNING_TEXT for cell in cells)
            or 2 * len(linked) >= len(cells) > 0)


def _clean(title: str | None) -> str | None:
    return " ".join(title.split()) or None if title else None


def _squeeze_lines(text: str) -> str:
    lines = (re.sub(r"[ \t]+", " ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


# --- a date line next to the title -------------------------------------------------------------

_DATE_LINE_MAX = 80   # a date line is short: a date, a time, a view count, a few words
_DATE_LINE_WORDS = 8  # ... of at most this many words
_DATE_LINE_NEAR = 6   # lines before or after the title where the portal prints it


_BLOCK_TAGS = ("p", "div", "br", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "section",
               "article", "header", "footer", "time", "table", "ul", "ol", "dd", "dt")


def visible_lines(tree) -> str:
    """The page's visible text, a line per block (trafilatura's html2txt runs blocks together)."""
    page = copy.deepcopy(tree)
    for hidden in page.xpath("//head | //script | //style | //noscript | //template"):
        hidden.drop_tree()
    for block in page.iter(*_BLOCK_TAGS):
        block.tail = "\n" + (block.tail or "")
        if block.tag != "br":
            block.text = "\n" + (block.text or "")
    return page.text_content()


def visible_date(page_text: str, title: str | None) -> dt.date | None:
    """The date a portal prints on a short line near the article's title, read day first.

    >>> visible_date("Trang chủ\\nTin tức\\nThu ngân sách tăng\\nNgày đăng: 05/07/2023 08:15\\nSáng 4/7 ...", "Thu ngân sách tăng")
    datetime.date(2023, 7, 5)
    >>> visible_date("Thu ngân sách tăng\\nNăm 2023 thu đạt 12/15 chỉ tiêu, ngày 01/02/2024 tổng kết lại cả năm", "Thu ngân sách tăng") is None
    True
    """
    lines = [line.strip() for line in page_text.split("\n") if line.strip()]
    anchor = next((i for i, line in enumerate(lines) if title and title in line), None)
    if anchor is None:
        return None
    first = max(0, anchor - _DATE_LINE_NEAR)
    near = lines[first:anchor + _DATE_LINE_NEAR + 1]
    near[anchor - first] = lines[anchor].replace(title, "", 1)  # a date printed after the title
    for _, line in sorted(enumerate(near), key=lambda item: abs(item[0] - (anchor - first))):
        if _is_date_line(line) and (printed := parse_date(line)):
            return printed
    return None


#: where publishers state an article's publication date for machines, most explicit first
_STATED_DATES = (
    "//meta[@property='article:published_time' or @property='og:published_time' or @itemprop='datePublished'"
    " or @name='pubdate' or @name='publishdate' or @name='article:published_time']/@content",
    "//*[@itemprop='datePublished']/@datetime | //time[@pubdate]/@datetime",
)
_JSON_LD_DATE = re.compile(r'"datePublished"\s*:\s*"(?P<date>\d{4}-\d{2}-\d{2})')


def stated_date(tree) -> dt.date | None:
    """The publication date the page states in its metadata (meta tags, JSON-LD, microdata).

    htmldate reads these too, but when a page has none it falls back to any element whose class
    names a date (a banner with today's date) without saying so: a stated date is told apart
    here, so that the date line next to the title comes before such a guess."""
    for query in _STATED_DATES:
        for value in tree.xpath(query):
            if stated := iso_date(value):
                return stated
    for script in tree.xpath("//script[@type='application/ld+json']"):
        found = _JSON_LD_DATE.search(script.text_content())
        if found and (stated := iso_date(found["date"])):
            return stated
    return None


def _is_date_line(line: str) -> bool:
    """A short line of a date and page chrome (a time, a view count), not a sentence."""
    return len(line) <= _DATE_LINE_MAX and len(re.findall(r"[^\W\d_]+", line)) <= _DATE_LINE_WORDS


# --- pages that are not an article -------------------------------------------------------------

_HEADLINE = 20        # characters: a link this long is a headline, not a menu entry
_TEASER_ITEM = 600    # characters: a headline with its summary and date, not a whole article
_LISTING_SHARE = 0.5  # half the main text's lines are teasers of other articles: a listing
_LISTING_LINES = 4
_SENTENCE_WORDS = 6   # words: an article has at least one line this long (or a table row)


def not_an_article(tree, main_text: str, title: str | None) -> str | None:
    """Why a page's main text is not an article, else None.

    On a category or search page the main-text reader keeps the list of teasers (a linked
    headline, a summary, a date), whose figures belong to other articles. A page whose article is
    empty (a notice with a file to download) leaves only short lines of page chrome."""
    lines = [line.strip() for line in main_text.split("\n") if line.strip(" |") and line.strip() != title]
    if not any(len(line.split()) >= _SENTENCE_WORDS or line.startswith("|") for line in lines):
        return "the page has no article text (only short lines: " + "; ".join(lines[:3]) + ")"
    long_lines = [line.strip(" |") for line in lines if len(line.strip(" |")) > _HEADLINE]
    if len(long_lines) < _LISTING_LINES:
        return None
    teasers = _teaser_items(tree)
    in_teasers = sum(any(_squeeze(line) in item for item in teasers) for line in long_lines)
    if in_teasers >= _LISTING_SHARE * len(long_lines):
        return f"not an article: {in_teasers} of its {len(long_lines)} lines are teasers of linked articles (a category or search page)"
    return None


def _teaser_items(tree) -> list[str]:
    """The texts of the page's teaser items: the smallest block around a headline link that
    holds more than the headline (its summary), when that block is short."""
    items = []
    for link in tree.iter("a"):
        headline = _squeeze(link.text_content())
        if len(headline) <= _HEADLINE:
            continue
        block = link.getparent()
        while block is not None and len(_squeeze(block.text_content())) <= len(headline) + _HEADLINE:
            block = block.getparent()
        if block is not None and len(_squeeze(block.text_content())) <= _TEASER_ITEM:
            items.append(_squeeze(block.text_content()))
    return items


def _squeeze(text: str) -> str:
    return " ".join(text.split())


# --- links to other articles inside the article -------------------------------------------------

_READ_MORE = re.compile(
    r"""
    \s*(?:đọc\s+thêm|xem\s+thêm|tin\s+liên\s+quan|bài\s+liên\s+quan|có\s+thể\s+bạn\s+quan\s+tâm
       |tin\s+cùng\s+chuyên\s+mục|mời\s+xem|>>)   # the label portals put before a link to another article
    \s*[:>»\-]?                                  # its colon or arrow
    """,
    re.IGNORECASE | re.VERBOSE,
)


def drop_read_more_links(tree) -> None:
    """A "Đọc thêm: <another article's headline>" line inside the article column is a link to
    another article, whose figures are another place's: the line goes, before the main text is read."""
    for block in list(tree.iter("p", "div", "li", "span", "strong", "em", "b", "i")):
        text = _squeeze(block.text_content())
        links = _squeeze(" ".join(a.text_content() for a in block.iter("a")))
        if links and _READ_MORE.match(text) and len(links) >= len(text) / 2 and block.getparent() is not None:
            block.drop_tree()
