"""A cache of per-article results, keyed by the article's content hash and the rules' version.

A rebuild after new articles arrive re-extracts only the new or changed ones; any change to a rule
file (or to the tool) changes the version and so misses every old entry. The store is one SQLite
file (standard library, safe for one writer); entries hold the rows without their `source`, which
is filled in on the way out, so the same text under another name is a hit too.
"""
from __future__ import annotations

import pickle
import sqlite3
from pathlib import Path
from typing import Any

SCHEMA = "CREATE TABLE IF NOT EXISTS results (doc_id TEXT, version TEXT, payload BLOB, PRIMARY KEY (doc_id, version))"


class ExtractionCache:
    """get_many/put (document row, observation rows) by (doc_id, version)."""

    def __init__(self, path: Path, version: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.version = version
        self.connection = sqlite3.connect(path)
        self.connection.execute(SCHEMA)
        self.hits = 0
        self.misses = 0

    def get_many(self, documents: list[tuple[str, str]]) -> dict[str, tuple[dict, list[dict]]]:
        """(doc_id, source) pairs -> the cached rows of those found, in one query."""
        ids = sorted({doc_id for doc_id, _ in documents})
        found = {}
        for start in range(0, len(ids), 500):  # SQLite's limit on query parameters
            chunk = ids[start:start + 500]
            query = f"SELECT doc_id, payload FROM results WHERE version = ? AND doc_id IN ({','.join('?' * len(chunk))})"
            found.update(self.connection.execute(query, (self.version, *chunk)).fetchall())
        rows = {}
        for doc_id, source in documents:
            if doc_id in found:
                document_row, observation_rows = pickle.loads(found[doc_id])
                rows[source] = (_with_source(document_row, source), [_with_source(r, source) for r in observation_rows])
        self.hits += len(rows)
        self.misses += len(documents) - len(rows)
        return rows

    def put(self, doc_id: str, document_row: dict, observation_rows: list[dict]) -> None:
        payload = pickle.dumps((document_row, observation_rows), protocol=pickle.HIGHEST_PROTOCOL)
        self.connection.execute("INSERT OR REPLACE INTO results VALUES (?, ?, ?)", (doc_id, self.version, payload))

    def commit(self) -> None:
        self.connection.commit()

    def close(self) -> None:
        if self.connection is not None:
            self.connection.commit()
            self.connection.close()
            self.connection = None


def _with_source(row: dict[str, Any], source: str) -> dict[str, Any]:
    return {**row, "source": source}
