"""Segments: runs of articles whose rows the cache keeps whole, as Arrow tables.

A rebuild of a large corpus in which little changed should not turn every cached article back
into Python objects one by one. So the build cuts the stream of articles into segments whose
ends depend only on the articles themselves, the way rsync and backup tools cut files into
content-defined chunks: an article ends a segment when its doc_id falls on a multiple of
SEGMENT_SPREAD (within SEGMENT_MIN and SEGMENT_MAX articles). An added or changed article then
changes the segment it falls in, and sometimes one or two after it (when it ends a segment, or
its segment was cut at SEGMENT_MAX), until the cuts fall on the same articles again; the others
stay the same. The cache keeps each segment's rows as Arrow IPC under a hash of what its
articles are (`segment_key`), and an unchanged segment comes back as two tables.

A `Piece` is the rows of a run of articles: the documents table (one row per article) and the
observations table (each article's `n_observations` rows, in article order), both with plain
Arrow types. The build validates chunks of exactly CHUNK_ARTICLES articles cut from the pieces
(`chunks_of`), so the chunks are the same whichever segments came from the cache.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Iterable, Iterator

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.ipc  # noqa: F401  (pa.ipc)

from .ingest import Document
from .tidy import DOCUMENTS_SCHEMA, OBSERVATIONS_SCHEMA, values_table

SEGMENT_MIN = 500  # articles: a segment is never shorter (but at the end of the corpus)
SEGMENT_SPREAD = 500  # past the minimum, one article in this many ends a segment (mean ~975 articles)
SEGMENT_MAX = 2000  # a segment is never longer (a longer run with no end cut here)


def plain(schema: pa.Schema) -> pa.Schema:
    """The schema with each dictionary column as its values' type (what a Piece holds)."""
    return pa.schema([field.with_type(field.type.value_type) if pa.types.is_dictionary(field.type) else field
                      for field in schema], metadata=schema.metadata)


PLAIN_DOCUMENTS = plain(DOCUMENTS_SCHEMA)
PLAIN_OBSERVATIONS = plain(OBSERVATIONS_SCHEMA)
IPC_OPTIONS = pa.ipc.IpcWriteOptions(compression="zstd")


def ends_segment(doc_id: str) -> bool:
    """Whether an article may end a segment: a property of its text alone.

    >>> ends_segment("000001f4aa55c3e1"), ends_segment("000001f5aa55c3e1")  # 0x1f4 = 500
    (True, False)
    """
    return int(doc_id[:8], 16) % SEGMENT_SPREAD == 0


def segments(articles: Iterable[tuple[Document, str | None]]) -> Iterator[list[tuple[Document, str | None]]]:
    """The articles (each with its cache key) cut into segments, in order."""
    segment: list[tuple[Document, str | None]] = []
    for article in articles:
        segment.append(article)
        if len(segment) >= SEGMENT_MAX or (len(segment) >= SEGMENT_MIN and ends_segment(article[0].doc_id)):
            yield segment
            segment = []
    if segment:
        yield segment


def segment_key(segment: list[tuple[Document, str | None]], version: str) -> str:
    """What a segment's rows depend on: the rules' version and, for each article in order, its
    cache key and name (an article that was read fine), or all that its documents row is made of
    (a duplicate, an empty or unreadable file)."""
    digest = hashlib.sha256(version.encode())
    for document, key in segment:
        if document.status == "ok":
            digest.update(f"ok\t{key}\t{document.source}\n".encode())
        else:
            digest.update(repr((document.doc_id, document.source, document.title, document.published,
                                len(document.text), document.encoding, document.status, document.error)).encode())
    return digest.hexdigest()[:32]


@dataclass
class Piece:
    """The rows of a run of articles (see the module's docstring)."""

    documents: pa.Table
    observations: pa.Table

    def __post_init__(self) -> None:
        counted = pc.sum(self.documents.column("n_observations")).as_py() or 0
        if counted != self.observations.num_rows:  # split and chunks_of cut the rows by these counts
            raise ValueError(f"the documents count {counted} observations, the piece holds {self.observations.num_rows}")

    @classmethod
    def from_values(cls, document_values: list[tuple], observation_values: list[tuple]) -> Piece:
        return cls(values_table(document_values, PLAIN_DOCUMENTS), values_table(observation_values, PLAIN_OBSERVATIONS))

    @classmethod
    def concat(cls, pieces: list[Piece]) -> Piece:
        return cls(pa.concat_tables([p.documents for p in pieces]), pa.concat_tables([p.observations for p in pieces]))

    @property
    def articles(self) -> int:
        return self.documents.num_rows

    def split(self, articles: int) -> tuple[Piece, Piece]:
        """The first `articles` articles' rows, and the rest's."""
        rows = pc.sum(self.documents.column("n_observations").slice(0, articles)).as_py() or 0
        return (Piece(self.documents.slice(0, articles), self.observations.slice(0, rows)),
                Piece(self.documents.slice(articles), self.observations.slice(rows)))

    def tables(self) -> tuple[pa.Table, pa.Table]:
        """(observations, documents) with the tables' schemas, each column in one chunk."""
        return (self.observations.combine_chunks().cast(OBSERVATIONS_SCHEMA),
                self.documents.combine_chunks().cast(DOCUMENTS_SCHEMA))

    def to_bytes(self) -> tuple[bytes, bytes]:
        return _ipc(self.documents), _ipc(self.observations)

    @classmethod
    def from_bytes(cls, documents: bytes, observations: bytes) -> Piece:
        return cls(pa.ipc.open_stream(documents).read_all(), pa.ipc.open_stream(observations).read_all())


def _ipc(table: pa.Table) -> bytes:
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema, options=IPC_OPTIONS) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


def chunks_of(pieces: Iterable[Piece], articles: int) -> Iterator[Piece]:
    """The pieces' rows regrouped into pieces of exactly `articles` articles (the last: the rest)."""
    held: list[Piece] = []
    count = 0
    for piece in pieces:
        while piece.articles:
            head, piece = piece.split(min(articles - count, piece.articles))
            held.append(head)
            count += head.articles
            if count == articles:
                yield Piece.concat(held)
                held, count = [], 0
    if held:
        yield Piece.concat(held)
