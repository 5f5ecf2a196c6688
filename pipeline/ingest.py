"""Articles in: files and folders of .txt, .html/.htm and .jsonl -> one Document per article.

Only this module (with publish and cli) touches the file system. Every input file yields at least
one Document, with a status, so that nothing is silently dropped: a file that cannot be read is an
``unreadable`` Document carrying the reason, never an exception.
"""
from __future__ import annotations

import array
import datetime as dt
import hashlib
import heapq
import json
import os
import re
import sqlite3
import unicodedata
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable, Iterator

from .dates import DATE, iso_date, month_in_url, parse_date
from .encodings import UnreadableError, decode_bytes
from .pages import decode_page, read_page

ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".warc", ".warc.gz")


def is_article_file(name: str) -> bool:
    """Whether a file of this name is read as articles (its suffix, in any case).

    >>> [is_article_file(n) for n in ("a.TXT", "crawl.warc.gz", "b.gz", "c.pdf")]
    [True, True, False, False]
    """
    return name.lower().endswith(ARTICLE_SUFFIXES)


@dataclass(frozen=True)
class Document:
    doc_id: str
    source: str
    title: str | None
    published: dt.date | None
    text: str
    encoding: str | None = "utf-8"
    status: str = "ok"
    error: str | None = None
    indexed: bool = False  # a stand-in (no text) for an article of an unchanged file: its rows are cached
    origin: str | None = None  # where in its file the article is (``crawl.jsonl#L7``), when its source is a URL


# --- text helpers ---------------------------------------------------------------------------

def normalise_text(text: str) -> str:
    """NFC, with line endings unified; other characters are kept as written."""
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def doc_id_of(text: str) -> str:
    """Stable id of an article: a hash of its NFC text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


_RELATED_HEADING = re.compile(r"""(?imx)
    ^[ \t]*(?:
        (?:các\s+)?(?:tin|bài|tin\s+bài|bài\s+viết|tin\s+tức)\s+           # "Tin", "Các bài viết", ...
            (?:liên\s+quan|khác|cùng\s+(?:chuyên\s+mục|loại|chủ\s+đề|danh\s+mục))  # ... liên quan / khác / cùng chuyên mục
      | cùng\s+chuyên\s+mục
      | (?:các\s+)?(?:tin|bài)\s+(?:đã\s+(?:đưa|đăng)|cũ\s+hơn|mới\s+hơn)   # archive links: "Tin đã đưa", "Tin mới hơn"
      | (?:tin\s+)?(?:đọc|xem)\s+nhiều(?:\s+nhất)?                          # "Tin đọc nhiều", "Xem nhiều nhất"
      | tin\s+(?:mới(?:\s+nhất|\s+cập\s+nhật)?|nổi\s+bật|tiêu\s+điểm)      # "Tin mới nhất", "Tin nổi bật"
      | ý\s+kiến\s+(?:bạn\s+đọc|của\s+bạn) | (?:gửi\s+|viết\s+)?bình\s+luận  # comments
      | xem\s+tin\s+theo\s+ngày | thống\s+kê\s+truy\s+cập                 # widgets
    )[ \t]*(?:\(\d+\))?[ \t]*:?[ \t]*$                                        # alone on its line ("Tin khác (5):")
""")
_PARAGRAPH = re.compile(r"(?m)^.{100,}$")  # a line as long as a paragraph of the article


def without_related_lists(text: str) -> str:
    """The article without what a portal prints after it: the first heading of a list of other
    articles, comments or widgets ("Tin liên quan", "Các tin khác", "Bình luận") that comes after
    a paragraph ends it. The headlines below such a heading hold other places' figures.

    >>> paragraph = "Năm 2023, thu ngân sách của huyện đạt 812 tỷ đồng, tăng 6,3% so với năm 2022, vượt 9% dự toán tỉnh giao."
    >>> without_related_lists(f"Huyện A\\n{paragraph}\\nCác tin khác:\\nHuyện B thu 90 tỷ đồng") == f"Huyện A\\n{paragraph}\\n"
    True
    >>> without_related_lists(f"Tin mới nhất\\n{paragraph}")  == f"Tin mới nhất\\n{paragraph}"  # a menu above the article stays
    True
    """
    paragraph = _PARAGRAPH.search(text)
    if paragraph is None:
        return text
    heading = _RELATED_HEADING.search(text, paragraph.end())
    return text[:heading.start()] if heading else text


# --- dates and titles -------------------------------------------------------------------------

_FOOTER_DATE_LINE = re.compile(r"(?i)\b(?:ngày\s+đăng|ngày\s+cập\s+nhật|cập\s+nhật|đăng\s+ngày|ngày\s+xuất\s+bản)\b")
_HEADER_LINE_MAX = 80
_HEADER_LINES = 8
_FOOTER_LINES = 8


_TODAY = re.compile(r"(?i)\s*hôm\s+nay\b")  # "Hôm nay, thứ 5 20/07/2017": the day the page was read


def _looks_like_date_line(line: str) -> bool:
    """A short header line made of a date and page chrome, not a sentence of the lead nor the
    portal's today's-date box."""
    words = re.findall(r"[^\W\d_]+", line)
    return (len(line) <= _HEADER_LINE_MAX and len(words) <= 6 and bool(DATE.search(line))
            and not _TODAY.match(line))


def published_date(lines: list[str]) -> dt.date | None:
    """Publication date from a dated header line or, failing that, a dated footer line."""
    for line in lines[:_HEADER_LINES]:
        if _looks_like_date_line(line):
            return parse_date(line)
    for line in lines[-_FOOTER_LINES:]:
        if _FOOTER_DATE_LINE.search(line):
            found = parse_date(line)
            if found:
                return found
    return None


def headline(text: str) -> str | None:
    """The article's headline: the first line that reads like a sentence, after any page chrome
    (portal name, menus, breadcrumbs); None when the excerpt starts with its lead."""
    from .places import split_article

    return split_article(None, text).title


# --- web pages --------------------------------------------------------------------------------

def page_document(source: str, html: str, url: str | None = None, encoding: str | None = "utf-8") -> Document:
    """The Document of a web page: its article's main text, title and date (pipeline/pages.py);
    an `empty` Document saying why when the page carries no article."""
    try:
        page = read_page(html, url)
    except Exception as exc:  # a page the HTML parser chokes on is one unreadable article, not a failed build
        return unreadable(source, f"the page could not be read: {type(exc).__name__}: {_one_line(exc)}", encoding)
    if not page.text:
        return Document(doc_id_of(source), source, page.title, page.published, "", encoding, "empty", page.reason)
    return make_document(source, page.text, title=page.title, published=page.published, encoding=encoding)


# --- documents --------------------------------------------------------------------------------

def make_document(source: str, text: str, *, title: str | None = None,
                  published: dt.date | None = None, encoding: str | None = "utf-8") -> Document:
    """A Document from decoded text; title and date come from the text when not given."""
    text = normalise_text(text)
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if not lines:
        return Document(doc_id_of(source), source, None, None, text, encoding, "empty",
                        "no text (empty or whitespace only)")
    article = without_related_lists(text)
    return Document(
        doc_id=doc_id_of(text),
        source=source,
        title=normalise_text(title).strip() if title else headline(article),
        published=published or published_date(lines) or month_in_url(source),  # a footer's date line is after the lists
        text=article,
        encoding=encoding,
    )


def unreadable(source: str, reason: str, encoding: str | None = None) -> Document:
    return Document(doc_id_of(source), source, None, None, "", encoding, "unreadable", reason)


def read_jsonl(source: str, lines: Iterable[bytes]) -> Iterator[Document]:
    """One Document per line: `text` (or `content`) or a page's `html`, optional `url`, `title`,
    `published` (which win over the page's own).

    Lines are read one at a time, so a JSONL file of any size streams in bounded memory; a line
    that is not valid UTF-8 JSON becomes an `unreadable` Document and the others are kept.
    """
    for number, raw_line in enumerate(lines, 1):
        line_source = f"{source}#L{number}"
        try:
            line = raw_line.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            yield unreadable(line_source, f"broken JSON line: not UTF-8 (byte {exc.start})")
            continue
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            body = record.get("text") or record.get("content") or ""
            html = record.get("html") or ""
            if not isinstance(body, str) or not isinstance(html, str):
                raise ValueError("`text` or `html` is not a string")
        except (ValueError, AttributeError) as exc:
            yield unreadable(line_source, f"broken JSON line: {exc}", "utf-8")
            continue
        url, title, published = record.get("url") or None, record.get("title"), iso_date(record.get("published"))
        if html and not body or _is_markup(body):
            document = page_document(url or line_source, html or body, url)
            if document.status == "ok" and (title or published):  # the crawler's metadata wins over the page's
                document = replace(document, title=normalise_text(title).strip() if title else document.title,
                                   published=published or document.published)
        else:
            document = make_document(url or line_source, body, title=title, published=published)
        yield replace(document, origin=line_source)


def _is_markup(body: str) -> bool:
    """A `text` field that holds a page's HTML rather than its text."""
    return "<" in body and re.search(r"</?(?:p|div|br|span|html|body)\b", body, re.IGNORECASE) is not None


LARGE_TEXT_BYTES = 8 << 20  # a text file above this is read in parts, so memory stays bounded
PART_BYTES = 4 << 20


def read_large_text(path: Path, source: str) -> Iterator[Document]:
    """A very large text file as a series of parts (`big.txt#part001`, ...) cut at line ends."""
    with path.open("rb") as handle:
        number, carry = 0, b""
        while True:
            block = handle.read(PART_BYTES)
            data = carry + block
            if not data:
                return
            cut = data.rfind(b"\n") + 1 if block else len(data)
            part, carry = (data[:cut], data[cut:]) if cut > 0 else (data, b"")
            number += 1
            part_source = f"{source}#part{number:03d}"
            try:
                text, encoding = decode_bytes(part)
            except UnreadableError as exc:
                yield unreadable(part_source, _one_line(exc))
                continue
            yield make_document(part_source, text, encoding=encoding)


def read_file(path: Path, root: Path, source: str | None = None, skipped: Counter | None = None) -> Iterator[Document]:
    """All Documents of one input file (one, one per JSONL line or WARC page, or one per part of a
    huge text); `source` is its path relative to `root` (computed when not given). Records of an
    archive that are not pages are counted in `skipped`, by kind."""
    source = source or relative_source(path, root)
    suffix = path.suffix.lower()
    try:
        if suffix == ".jsonl":
            with path.open("rb") as handle:
                yield from read_jsonl(source, handle)
            return
        if suffix == ".txt" and path.stat().st_size > LARGE_TEXT_BYTES and not _is_utf16(path):
            yield from read_large_text(path, source)
            return
        if path.name.lower().endswith((".warc", ".warc.gz")):
            yield from read_warc(path, source, skipped)
            return
        data = path.read_bytes()
        text, encoding = decode_page(data) if suffix in (".html", ".htm") else decode_bytes(data)
    except (OSError, UnreadableError) as exc:
        yield unreadable(source, _one_line(exc))
        return
    if suffix in (".html", ".htm"):
        yield page_document(source, text, encoding=encoding)
    else:
        yield make_document(source, text, encoding=encoding)


# --- WARC archives -----------------------------------------------------------------------------

_PAGE_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(path: Path, source: str, skipped: Counter | None = None) -> Iterator[Document]:
    """One Document per HTML page of a WARC archive (``.warc`` or ``.warc.gz``), streamed record by
    record so that an archive of any size is never held in memory. A page is a `response` (or
    `resource`) record of an HTML body with HTTP status 200; its source is its target URI. Other
    records (requests, metadata, styles, images, redirects) are counted in `skipped` by kind. A
    damaged or truncated archive keeps the pages read before the damage and adds one `unreadable`
    Document for the archive that says where reading stopped."""
    from warcio.archiveiterator import ArchiveIterator  # only when an archive is read

    skipped = skipped if skipped is not None else Counter()
    pages, cut_short = 0, False
    with path.open("rb") as handle:
        if not _starts_as_warc(handle):
            yield unreadable(source, "not a WARC archive: it does not start with a WARC/1.x record")
            return
        records = ArchiveIterator(handle)
        try:
            for record in records:
                kind = _page_or_why_not(record)
                page = None if kind else _warc_page(record, source, pages + 1)
                _read_to_end(record.raw_stream)
                cut_short = record.raw_stream.limit > 0  # the archive ends inside this record
                if cut_short:
                    break
                if kind:
                    skipped[kind] += 1
                    continue
                pages += 1
                yield page
        except Exception as exc:  # warcio raises several kinds (ArchiveLoadFailed, zlib, EOF) on damage
            yield unreadable(source, f"WARC archive damaged near byte {records.get_record_offset()}: "
                             f"{_one_line(exc)}; the pages before it ({pages}) are kept")
            return
        if cut_short or records.offset < os.fstat(handle.fileno()).st_size:
            yield unreadable(source, f"WARC archive truncated: it ends inside a record near byte {records.offset}; "
                             f"the pages before it ({pages}) are kept")
            return
    if not pages:
        yield Document(doc_id_of(source), source, None, None, "", None, "empty",
                       f"no HTML page in the archive ({_kinds(skipped)} skipped)")


def _starts_as_warc(handle) -> bool:
    """Whether the file (gzipped or not) opens with a WARC record's version line; rewinds it."""
    import zlib

    head = handle.read(512)
    handle.seek(0)
    if head.startswith(b"\x1f\x8b"):
        try:
            head = zlib.decompressobj(wbits=31).decompress(head, 64)
        except zlib.error:
            return False
    return head.startswith(b"WARC/1.")


def _page_or_why_not(record) -> str | None:
    """None for a record that is an HTML page, else the kind of record it is (for the count)."""
    if record.rec_type not in ("response", "resource"):
        return f"{record.rec_type} records"
    content_type = (record.http_headers.get_header("Content-Type") if record.http_headers
                    else record.rec_headers.get_header("Content-Type")) or ""
    if not content_type.split(";")[0].strip().lower() in _PAGE_TYPES:
        return "records that are not HTML"
    if record.http_headers and record.http_headers.get_statuscode() != "200":
        return "redirects and errors"
    return None


def _warc_page(record, source: str, number: int) -> Document:
    origin = f"{source}#page{number}"
    uri = record.rec_headers.get_header("WARC-Target-URI") or origin
    header = record.http_headers.get_header("Content-Type") if record.http_headers else None
    try:
        text, encoding = decode_page(record.content_stream().read(), header)
    except UnreadableError as exc:
        return replace(unreadable(uri, _one_line(exc)), origin=origin)
    return replace(page_document(uri, text, uri, encoding), origin=origin)


def _read_to_end(stream, block: int = 1 << 16) -> None:
    while stream.read(block):
        pass


def _kinds(skipped: Counter) -> str:
    return ", ".join(f"{count} {kind}" for kind, count in sorted(skipped.items())) or "no records"


def _is_utf16(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(2) in (b"\xff\xfe", b"\xfe\xff")


def _one_line(exc: BaseException) -> str:
    if isinstance(exc, FileNotFoundError):  # it was there when the inputs were walked
        return "the file vanished between the walk of the inputs and its reading"
    message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return f"{type(exc).__name__}: {message}" if isinstance(exc, OSError) else message


def relative_source(path: Path, root: Path) -> str:
    """Path of an input relative to its root (symbolic links are not resolved)."""
    relative = os.path.relpath(os.path.abspath(path), os.path.abspath(root))
    return Path(relative).as_posix() if not relative.startswith("..") else path.as_posix()


def find_inputs(inputs: Iterable[Path]) -> Iterator[tuple[Path, Path]]:
    """(file, root) for every article file under the inputs, in the order of their sources
    (see `find_sources`)."""
    for _, path, root in find_sources(inputs):
        yield path, root


def find_sources(inputs: Iterable[Path]) -> Iterator[tuple[str, Path, Path]]:
    """(source, file, root) for every article file under the inputs, in the order of the sources.

    Folders are walked recursively without following symbolic links to folders (so a symlink
    loop cannot trap the walk); files of other kinds are skipped. With one input, sources are
    relative to it; with several, to their common folder, so that two inputs never give the
    same source. The walk streams: however many files there are, only one folder's listing is
    held at a time.
    """
    inputs = list(inputs)
    roots = [entry if entry.is_dir() else entry.parent for entry in inputs]
    common = Path(os.path.commonpath([os.path.abspath(r) for r in roots])) if len(roots) > 1 else None
    streams = []
    for entry, root in zip(inputs, roots):
        base = common if common is not None else root
        if entry.is_dir():
            prefix = relative_source(entry, base)
            files = _walk_in_order(entry, "" if prefix == "." else prefix + "/")
        else:
            files = iter([(relative_source(entry, base), entry)])
        streams.append(((source, path, base) for source, path in files))
    yield from heapq.merge(*streams, key=lambda item: item[0])


def _walk_in_order(folder: Path, prefix: str) -> Iterator[tuple[str, Path]]:
    """(prefix + relative path, file) of the article files under `folder`, in the order of those
    paths ("a.txt" < "a/b.txt" < "a0.txt": a folder sorts as its name plus "/")."""
    try:
        with os.scandir(folder) as listing:
            entries = [(entry.name + "/" if _is_real_folder(entry) else entry.name, entry.path) for entry in listing
                       if not (entry.is_symlink() and entry.is_dir())]
    except OSError:
        return  # a folder we may not list holds nothing we could read
    for name, path in sorted(entries):
        if name.endswith("/"):
            yield from _walk_in_order(Path(path), prefix + name)
        elif is_article_file(name):
            yield prefix + name, Path(path)


def _is_real_folder(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


class IdSet:
    """A set of 64-bit ids in one flat array (open addressing, linear probing, at most half full):
    16-32 bytes per id, where a dict of id strings costs about 100 (and their sources more).

    >>> ids = IdSet(capacity=4)
    >>> [ids.add(key) for key in (0, 7, 2**64 - 1, 11, 7, 0)]
    [True, True, True, True, False, False]
    >>> (len(ids), 7 in ids, 0 in ids, 2**64 - 1 in ids, 3 in ids)
    (4, True, True, True, False)
    """

    def __init__(self, capacity: int = 1 << 16) -> None:
        self.slots = array.array("Q", bytes(8 * capacity))  # 0 marks an empty slot
        self.count = 0
        self.has_zero = False  # the id 0 cannot live in a slot

    def __len__(self) -> int:
        return self.count + self.has_zero

    def __contains__(self, key: int) -> bool:
        return self.has_zero if key == 0 else self.slots[self._slot_of(key)] == key

    def add(self, key: int) -> bool:
        """Add `key`; True if it was not there yet (one probe answers both)."""
        if key == 0:
            new, self.has_zero = not self.has_zero, True
            return new
        slot = self._slot_of(key)
        if self.slots[slot] == key:
            return False
        self.slots[slot] = key
        self.count += 1
        if 2 * self.count > len(self.slots):
            self._grow()
        return True

    def _slot_of(self, key: int) -> int:
        """The slot that holds `key`, else the empty slot where it would go (ids are hashes: their
        low bits are spread evenly, so they are the slot number)."""
        slots, mask = self.slots, len(self.slots) - 1
        slot = key & mask
        while slots[slot] and slots[slot] != key:
            slot = (slot + 1) & mask
        return slot

    def _grow(self) -> None:
        old = self.slots
        self.slots = array.array("Q", bytes(16 * len(old)))
        for key in old:
            if key:
                self.slots[self._slot_of(key)] = key


class DuplicateMarker:
    """Marks the second and later copies of the same text as `duplicate` Documents.

    Memory stays flat enough for millions of articles: the ids of the texts seen are kept in an
    IdSet, and the source each was first seen in (only needed to name it when a copy turns up) in
    a temporary SQLite file, deleted when the marker is."""

    FLUSH_EVERY = 10_000  # first sources held in memory before they go to the file

    def __init__(self) -> None:
        self.ids = IdSet()
        self.sources = IdSet()
        self.recent: dict[int, str] = {}
        self.store: sqlite3.Connection | None = None

    def seen(self, doc_id: str) -> bool:
        return int(doc_id, 16) in self.ids

    def mark(self, document: Document) -> Document:
        document = self._unique_source(document)
        if document.status != "ok":
            return document
        key = int(document.doc_id, 16)
        if not self.ids.add(key):
            return replace(document, status="duplicate", error=f"same text as {self._first_source(key)}")
        self.recent[key] = document.source
        if len(self.recent) >= self.FLUSH_EVERY:
            self._flush()
        return document

    def _unique_source(self, document: Document) -> Document:
        """A URL seen before (a page crawled twice, in two files or lines) is named with where
        this copy is, ``https://x.vn/a (crawl.jsonl#L7)``: every document keeps its own row."""
        if self.sources.add(_key_of(document.source)):
            return document
        renamed = f"{document.source} ({document.origin or 'again'})"
        while not self.sources.add(_key_of(renamed)):
            renamed += "'"
        return replace(document, source=renamed)

    def _first_source(self, key: int) -> str:
        if key in self.recent:
            return self.recent[key]
        row = self.store.execute("SELECT source FROM first_source WHERE id = ?", (_signed(key),)).fetchone()
        return row[0]

    def _flush(self) -> None:
        if self.store is None:
            self.store = sqlite3.connect("")  # "": a private temporary file, deleted when closed
            self.store.execute("CREATE TABLE first_source (id INTEGER PRIMARY KEY, source TEXT)")
        self.store.executemany("INSERT INTO first_source VALUES (?, ?)",
                               ((_signed(key), source) for key, source in self.recent.items()))
        self.recent.clear()


def _key_of(source: str) -> int:
    return int.from_bytes(hashlib.blake2b(source.encode("utf-8"), digest_size=8).digest(), "big")


def _signed(key: int) -> int:
    """A 64-bit id as SQLite's signed integer."""
    return key - (1 << 64) if key >= 1 << 63 else key


def mark_duplicates(documents: Iterable[Document]) -> Iterator[Document]:
    """The second and later copies of the same text become `duplicate` Documents."""
    marker = DuplicateMarker()
    return (marker.mark(document) for document in documents)


def read_documents(inputs: Iterable[Path]) -> Iterator[Document]:
    """Every Document of every input, duplicates marked."""
    documents = (doc for path, root in find_inputs(inputs) for doc in read_file(path, root))
    yield from mark_duplicates(documents)
