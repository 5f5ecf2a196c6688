"""A cache of per-article results, keyed by the article's content hash and the rules' version,
and an index of the input files it has already read.

A rebuild after new articles arrive re-extracts only the new or changed ones; any change to a rule
file (or to the tool) changes the version and so misses every old entry. The store is one SQLite
file (standard library, safe for one writer); entries hold the rows without their `source`, which
is filled in on the way out, so the same text under another name is a hit too.

The file index lets a rebuild skip even reading an unchanged file: a file whose path, size,
modification time and inode are those recorded is known to hold the same articles (the test
`make` and rsync use), so its cached rows are used without opening it. Its SHA-256 for the
manifest is kept the same way.
"""
from __future__ import annotations

import json
import os
import pickle
import sqlite3
from pathlib import Path
from typing import Any

SCHEMA = (
    "CREATE TABLE IF NOT EXISTS results (doc_id TEXT, version TEXT, payload BLOB, PRIMARY KEY (doc_id, version))",
    "CREATE TABLE IF NOT EXISTS file_documents (path TEXT, source TEXT, version TEXT, stat TEXT, documents TEXT,"
    " PRIMARY KEY (path, source, version))",
    "CREATE TABLE IF NOT EXISTS file_hashes (path TEXT PRIMARY KEY, stat TEXT, sha256 TEXT)",
)
INDEXED_DOCUMENTS_MAX = 10_000  # a file with more articles (a big JSONL shard) is read again each time


def file_stamp(stat: os.stat_result) -> str:
    """What says a file is unchanged: size, modification time (ns) and inode."""
    return f"{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ino}"


class ExtractionCache:
    """get_many/put (document row, observation rows) by (doc_id, version); the file index."""

    def __init__(self, path: Path, version: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.version = version
        self.connection = sqlite3.connect(path)
        for statement in SCHEMA:
            self.connection.execute(statement)
        self.hits = 0
        self.misses = 0

    def get_many(self, documents: list[tuple[str, str]]) -> dict[str, tuple[dict, list[dict]]]:
        """(doc_id, source) pairs -> the cached rows of those found, in one query."""
        found = self._payloads(sorted({doc_id for doc_id, _ in documents}))
        rows = {}
        for doc_id, source in documents:
            if doc_id in found:
                document_row, observation_rows = pickle.loads(found[doc_id])  # fresh dicts: set in place
                for row in (document_row, *observation_rows):
                    row["source"] = source
                rows[source] = (document_row, observation_rows)
        self.hits += len(rows)
        self.misses += len(documents) - len(rows)
        return rows

    def _payloads(self, ids: list[str], columns: str = "doc_id, payload") -> dict[str, Any]:
        found: dict[str, Any] = {}
        for start in range(0, len(ids), 500):  # SQLite's limit on query parameters
            chunk = ids[start:start + 500]
            query = f"SELECT {columns} FROM results WHERE version = ? AND doc_id IN ({','.join('?' * len(chunk))})"
            found.update(self.connection.execute(query, (self.version, *chunk)).fetchall())
        return found

    def put(self, doc_id: str, document_row: dict, observation_rows: list[dict]) -> None:
        payload = pickle.dumps((document_row, observation_rows), protocol=pickle.HIGHEST_PROTOCOL)
        self.connection.execute("INSERT OR REPLACE INTO results VALUES (?, ?, ?)", (doc_id, self.version, payload))

    # --- the file index ---------------------------------------------------------------------

    def known_documents(self, path: Path, source: str) -> list[tuple[str, str]] | None:
        """(doc_id, source) of every article of an unchanged file whose rows are all cached, else None."""
        try:
            stamp = file_stamp(path.stat())
        except OSError:
            return None
        row = self.connection.execute(
            "SELECT stat, documents FROM file_documents WHERE path = ? AND source = ? AND version = ?",
            (os.path.abspath(path), source, self.version)).fetchone()
        if row is None or row[0] != stamp:
            return None
        documents = [tuple(pair) for pair in json.loads(row[1])]
        ids = sorted({doc_id for doc_id, _ in documents})
        return documents if len(self._payloads(ids, "doc_id, 1")) == len(ids) else None

    def remember_documents(self, path: Path, source: str, stamp: str, documents: list[tuple[str, str]]) -> None:
        """Record the articles read from a file, with the stamp it had before it was read."""
        if len(documents) <= INDEXED_DOCUMENTS_MAX:
            self.connection.execute("INSERT OR REPLACE INTO file_documents VALUES (?, ?, ?, ?, ?)",
                                    (os.path.abspath(path), source, self.version, stamp, json.dumps(documents)))

    def file_sha256(self, path: Path, compute) -> str:
        """`compute(path)`, or the hash recorded for the file when it is unchanged since."""
        stamp = file_stamp(path.stat())
        key = os.path.abspath(path)
        row = self.connection.execute("SELECT stat, sha256 FROM file_hashes WHERE path = ?", (key,)).fetchone()
        if row is not None and row[0] == stamp:
            return row[1]
        digest = compute(path)
        self.connection.execute("INSERT OR REPLACE INTO file_hashes VALUES (?, ?, ?)", (key, stamp, digest))
        return digest

    def commit(self) -> None:
        self.connection.commit()

    def close(self) -> None:
        if self.connection is not None:
            self.connection.commit()
            self.connection.close()
            self.connection = None
