"""A cache of per-article results, keyed by a hash of the article's content and the rules' version,
and an index of the input files it has already read.

A rebuild after new articles arrive re-extracts only the new or changed ones; any change to a rule
file (or to the tool) changes the version and so misses every old entry. The key is the build's
(`build.cache_key`): the text, and what else the rows depend on (title, date, encoding, the
portal that names the place), but not the article's name. The store is one SQLite file (standard
library, safe for one writer); an entry holds the rows as first extracted, and the build gives
them the name the article has now, so the same article under another name is a hit too.

It also keeps the rows of whole segments of articles (pipeline/segments.py) as Arrow IPC, so
that a rebuild reads an unchanged segment's rows as two tables instead of article by article.
A build that succeeded drops the segments it did not use and the entries of other versions.

Every stored blob carries a digest of its bytes (`sealed`/`opened`): bytes damaged on disk are a
miss, never rows that decode but say something else.

The file index lets a rebuild skip even reading an unchanged file: a file whose path, size,
modification time and inode are those recorded is known to hold the same articles (the test
`make` and rsync use), so its cached rows are used without opening it. Its SHA-256 for the
manifest is kept the same way.
"""
from __future__ import annotations

import fcntl
import hashlib
import os
import pickle
import sqlite3
from pathlib import Path
from typing import Callable, TypeVar

from .faults import writing

T = TypeVar("T")

FORMAT = 3  # PRAGMA user_version of the tables below; a cache file of another format starts empty
SCHEMA = (
    # An entry's rows take ~3.5 KB: on SQLite's default 4 KB pages most spill onto an overflow
    # page, and reading them costs ~20% more. Only a new cache file takes it.
    "PRAGMA page_size = 16384",
    "CREATE TABLE IF NOT EXISTS results (key TEXT, version TEXT, payload BLOB, PRIMARY KEY (key, version))",
    "CREATE TABLE IF NOT EXISTS input_files (path TEXT, source TEXT, version TEXT, stat TEXT,"
    " PRIMARY KEY (path, source, version))",
    "CREATE TABLE IF NOT EXISTS input_articles (path TEXT, source TEXT, version TEXT, position INTEGER, doc_id TEXT,"
    " doc_source TEXT, key TEXT, PRIMARY KEY (path, source, version, position))",
    "CREATE TABLE IF NOT EXISTS file_hashes (path TEXT PRIMARY KEY, stat TEXT, sha256 TEXT)",
    # The rows of whole segments (pipeline/segments.py), Arrow IPC, under a key that holds the version
    "CREATE TABLE IF NOT EXISTS segments (key TEXT PRIMARY KEY, documents BLOB, observations BLOB, build TEXT)",
    f"PRAGMA user_version = {FORMAT}",
)
OLD_TABLES = ("results", "input_files", "input_articles", "file_hashes", "segments", "file_documents")
# One query answers a page of the index: the files from (path, source) on, in the order of the
# walk, each with its stamp, its hash, and each of its articles with whether its rows are cached.
KNOWN_FILES = """
    SELECT a.path, a.source, f.stat, h.stat, h.sha256, a.doc_id, a.doc_source, a.key, r.key IS NOT NULL
    FROM input_articles a
    CROSS JOIN input_files f ON f.path = a.path AND f.source = a.source AND f.version = a.version
    LEFT JOIN results r ON r.key = a.key AND r.version = a.version
    LEFT JOIN file_hashes h ON h.path = a.path
    WHERE (a.path, a.source) >= (?, ?) AND a.version = ?
    ORDER BY a.path, a.source, a.version, a.position
    LIMIT ?"""  # CROSS JOIN and this ORDER BY: read in the order of the index of input_articles, stop at the limit
PAGE_ARTICLES = 1000  # articles of the index fetched at once
INDEXED_DOCUMENTS_MAX = 10_000  # a file with more articles (a big JSONL shard) is read again each time
DIGEST_BYTES = 16  # a BLAKE2b digest in front of every stored blob


class DamagedEntry(ValueError):
    """A stored blob whose bytes are not the ones that were stored."""


def sealed(data: bytes) -> bytes:
    """`data` with a digest of it in front, as stored.

    >>> opened(sealed(b"rows")) == b"rows"
    True
    """
    return hashlib.blake2b(data, digest_size=DIGEST_BYTES).digest() + data


def opened(blob: bytes) -> bytes:
    """The data of a sealed blob; DamagedEntry when its digest does not match.

    >>> opened(b"x" * 20)
    Traceback (most recent call last):
    ...
    pipeline.cache.DamagedEntry: a cache entry's bytes do not match their digest
    """
    data = blob[DIGEST_BYTES:]
    if hashlib.blake2b(data, digest_size=DIGEST_BYTES).digest() != blob[:DIGEST_BYTES]:
        raise DamagedEntry("a cache entry's bytes do not match their digest")
    return data


def file_stamp(stat: os.stat_result) -> str:
    """What says a file is unchanged: size, modification time (ns) and inode."""
    return f"{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ino}"


class CacheUnavailable(RuntimeError):
    """The cache cannot be used by this build (the build goes on without it)."""


class ExtractionCache:
    """get_many/put an article's rows (any picklable value) by (key, version); the file index.
    The key is the caller's: a hash of everything the rows depend on but the article's name.

    One build uses a cache at a time: it holds a lock (flock on ``<file>.lock``) from opening to
    closing, since SQLite would otherwise fail the second writer with "database is locked" in the
    middle of its build. A cache that is busy or that SQLite cannot read raises CacheUnavailable."""

    def __init__(self, path: Path, version: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.version = version
        self.lock = open(path.with_name(path.name + ".lock"), "a+")
        try:
            fcntl.flock(self.lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            self.lock.close()
            raise CacheUnavailable(f"another build is using the cache {path.parent}") from exc
        try:
            self.connection = sqlite3.connect(path)
            if self.connection.execute("PRAGMA user_version").fetchone()[0] != FORMAT:
                for table in OLD_TABLES:
                    self.connection.execute(f"DROP TABLE IF EXISTS {table}")
            for statement in SCHEMA:
                self.connection.execute(statement)
        except sqlite3.DatabaseError as exc:
            self.lock.close()
            raise CacheUnavailable(f"the cache {path} cannot be read ({exc}); delete it to start a new one") from exc
        self.hits = 0
        self.misses = 0
        self.build = os.urandom(8).hex()  # marks the segments this build used
        # An unchanged file's hash, from its index entry until file_sha256 takes it: no query of its own.
        self.fetched_hashes: dict[str, str] = {}
        self.page = IndexPage({}, ("", ""), ("", ""))  # empty: the first lookup reads a page

    def get_many(self, documents: list[tuple[str, str]]) -> dict[str, object]:
        """(key, source) pairs -> the cached rows of those found, by source. An entry that
        is damaged (its digest does not match, or it cannot be unpickled) is a miss, and is
        dropped so that it is made again."""
        found = self._payloads(sorted({key for key, _ in documents}))
        rows = {}
        for key, source in documents:
            if key in found:
                try:
                    rows[source] = pickle.loads(opened(found[key]))
                except Exception:  # unpickling bad bytes can raise almost anything
                    self._write("DELETE FROM results WHERE key = ? AND version = ?", (key, self.version))
        self.hits += len(rows)
        self.misses += len(documents) - len(rows)
        return rows

    def _payloads(self, ids: list[str]) -> dict[str, bytes]:
        found: dict[str, bytes] = {}
        for start in range(0, len(ids), 500):  # SQLite's limit on query parameters
            chunk = ids[start:start + 500]
            query = f"SELECT key, payload FROM results WHERE version = ? AND key IN ({','.join('?' * len(chunk))})"
            found.update(self.connection.execute(query, (self.version, *chunk)).fetchall())
        return found

    def put(self, key: str, rows: object) -> None:
        payload = sealed(pickle.dumps(rows, protocol=pickle.HIGHEST_PROTOCOL))
        self._write("INSERT OR REPLACE INTO results VALUES (?, ?, ?)", (key, self.version, payload))

    # --- whole segments ---------------------------------------------------------------------

    def get_segment(self, key: str, articles: int, decode: Callable[[bytes, bytes], T]) -> T | None:
        """`decode(documents, observations)` of the segment `key` as stored, which holds `articles`
        cached articles; None when it is not stored, or when its bytes are damaged (their digest
        does not match, or decode raises ValueError or OSError): the caller builds the segment
        again and puts it."""
        row = self.connection.execute("SELECT documents, observations FROM segments WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        try:
            decoded = decode(opened(row[0]), opened(row[1]))
        except (ValueError, OSError):
            return None
        self._write("UPDATE segments SET build = ? WHERE key = ?", (self.build, key))
        self.hits += articles
        return decoded

    def put_segment(self, key: str, documents: bytes, observations: bytes) -> None:
        self._write("INSERT OR REPLACE INTO segments VALUES (?, ?, ?, ?)",
                    (key, sealed(documents), sealed(observations), self.build))

    def prune(self) -> None:
        """Once a build succeeded, forget what the next one will most likely not use: the entries
        of other versions of the rules or the tool (a rule edit would otherwise leave ~5 KB an
        article behind each time), and the segments this build did not use."""
        stale = "SELECT EXISTS (SELECT 1 FROM results WHERE version != ?)"  # read from the key's index
        if self.connection.execute(stale, (self.version,)).fetchone()[0]:  # deleting scans every entry
            for table in ("results", "input_files", "input_articles"):
                self._write(f"DELETE FROM {table} WHERE version != ?", (self.version,))
        self._write("DELETE FROM segments WHERE build != ?", (self.build,))

    # --- the file index ---------------------------------------------------------------------

    def known_documents(self, path: Path, source: str) -> list[tuple[str, str, str]] | None:
        """(doc_id, source, key) of every article of an unchanged file whose rows are all cached,
        else None. The file's hash comes with the index entry and is kept for file_sha256. The
        index is read a page at a time, in the order the files are walked (the order of their
        absolute paths), so a file usually costs no query at all."""
        try:
            stamp = file_stamp(path.stat())
        except OSError:
            return None
        key = (os.path.abspath(path), source)
        if key not in self.page:
            self.page = self._read_page(key)
        articles = self.page.files.get(key)
        if not articles or articles[0][0] != stamp or not all(cached for *_, cached in articles):
            return None
        _, hash_stamp, sha256 = articles[0][:3]
        if hash_stamp == stamp:
            self.fetched_hashes[key[0]] = sha256
        return [(doc_id, doc_source, entry) for *_, doc_id, doc_source, entry, _ in articles]

    def _read_page(self, start: tuple[str, str]) -> IndexPage:
        """The index from `start` on: whole files, about PAGE_ARTICLES articles (more when the first
        file alone has more)."""
        limit = PAGE_ARTICLES
        while True:
            rows = self.connection.execute(KNOWN_FILES, (*start, self.version, limit)).fetchall()
            if len(rows) < limit:  # the index ends in this page
                return IndexPage(_by_file(rows), start, None)
            last = tuple(rows[-1][:2])
            files = _by_file([row for row in rows if tuple(row[:2]) != last])  # the last file may be cut
            if files:
                return IndexPage(files, start, last)
            limit *= 2

    def remember_documents(self, path: Path, source: str, stamp: str, documents: list[tuple[str, str, str]]) -> None:
        """Record the articles read from a file, (doc_id, source, key) each, with the stamp the file
        had before it was read."""
        if len(documents) > INDEXED_DOCUMENTS_MAX:
            return
        key = (os.path.abspath(path), source, self.version)
        self._write("DELETE FROM input_articles WHERE path = ? AND source = ? AND version = ?", key)
        self._write("INSERT OR REPLACE INTO input_files VALUES (?, ?, ?, ?)", (*key, stamp))
        with writing("cache", self.path):
            self.connection.executemany("INSERT INTO input_articles VALUES (?, ?, ?, ?, ?, ?, ?)",
                                        [(*key, position, *document) for position, document in enumerate(documents)])

    def file_sha256(self, path: Path, compute) -> str:
        """`compute(path)`, or the hash recorded for the file when it is unchanged since."""
        key = os.path.abspath(path)
        if key in self.fetched_hashes:
            return self.fetched_hashes.pop(key)
        stamp = file_stamp(path.stat())
        row = self.connection.execute("SELECT stat, sha256 FROM file_hashes WHERE path = ?", (key,)).fetchone()
        if row is not None and row[0] == stamp:
            return row[1]
        digest = compute(path)
        self._write("INSERT OR REPLACE INTO file_hashes VALUES (?, ?, ?)", (key, stamp, digest))
        return digest

    def _write(self, statement: str, parameters: tuple) -> None:
        with writing("cache", self.path):
            self.connection.execute(statement, parameters)

    def commit(self) -> None:
        with writing("cache", self.path):
            self.connection.commit()

    def close(self) -> None:
        """Commit and close; the connection and the lock are released even when the commit fails."""
        if self.connection is not None:
            try:
                self.commit()
            finally:
                self.connection.close()
                self.connection = None
                self.lock.close()  # and with it the lock


class IndexPage:
    """Index entries of the files whose (path, source) is in [start, stop) (stop None: no end);
    a file in that range but not in `files` is not in the index."""

    def __init__(self, files: dict[tuple[str, str], list[tuple]], start: tuple[str, str],
                 stop: tuple[str, str] | None) -> None:
        self.files = files
        self.start = start
        self.stop = stop

    def __contains__(self, key: tuple[str, str]) -> bool:
        return self.start <= key and (self.stop is None or key < self.stop)


def _by_file(rows: list[tuple]) -> dict[tuple[str, str], list[tuple]]:
    """Page rows grouped by file, each file's rows as (stamp, hash stamp, sha256, doc_id, doc_source, key, cached)."""
    files: dict[tuple[str, str], list[tuple]] = {}
    for path, source, *article in rows:
        files.setdefault((path, source), []).append(tuple(article))
    return files
