"""Segments and pieces: content-defined runs of articles, their rows as Arrow, exact chunks."""
from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import pipeline.segments as segmentation
from pipeline.build import process_batch
from pipeline.ingest import Document, read_documents
from pipeline.segments import Piece, chunks_of, segment_key, segments
from pipeline.tidy import DOCUMENTS_SCHEMA, OBSERVATIONS_SCHEMA, values_table


def parquet_bytes(table) -> bytes:
    sink = io.BytesIO()
    pq.write_table(table, sink)
    return sink.getvalue()


@pytest.fixture(scope="module")
def results(dev_corpus):
    return process_batch(list(read_documents([dev_corpus / "texts"])))


def piece_of(results) -> Piece:
    return Piece.from_values([r.document_values for r in results], [row for r in results for row in r.observation_values])


@pytest.mark.parametrize("piece_size, chunk_size", [(7, 30), (30, 7), (88, 88), (1, 1000)])
def test_chunks_cut_from_pieces_are_the_tables_built_at_once(results, piece_size, chunk_size):
    pieces = [piece_of(results[start:start + piece_size]) for start in range(0, len(results), piece_size)]
    chunks = list(chunks_of(pieces, chunk_size))
    assert [chunk.articles for chunk in chunks] == [min(chunk_size, len(results) - start)
                                                    for start in range(0, len(results), chunk_size)]
    for chunk, start in zip(chunks, range(0, len(results), chunk_size)):
        part = results[start:start + chunk_size]
        observations, documents = chunk.tables()
        expected_observations = values_table([row for r in part for row in r.observation_values], OBSERVATIONS_SCHEMA)
        expected_documents = values_table([r.document_values for r in part], DOCUMENTS_SCHEMA)
        assert observations.equals(expected_observations, check_metadata=True)
        assert documents.equals(expected_documents, check_metadata=True)
        assert parquet_bytes(observations) == parquet_bytes(expected_observations)  # dictionaries in the same order


def test_a_piece_comes_back_from_its_bytes_unchanged(results):
    piece = piece_of(results[:20])
    back = Piece.from_bytes(*piece.to_bytes())
    assert back.documents.equals(piece.documents, check_metadata=True)
    assert back.observations.equals(piece.observations, check_metadata=True)
    assert back.observations.num_rows == sum(len(r.observation_values) for r in results[:20]) > 0


def article(number: int) -> tuple[Document, str]:
    doc_id = hashlib.sha256(str(number).encode()).hexdigest()[:16]
    return Document(doc_id, f"{number:05d}.txt", None, None, "", None, indexed=True), f"key-{number}"


def test_an_added_article_changes_only_the_segment_it_falls_in(monkeypatch):
    monkeypatch.setattr(segmentation, "SEGMENT_MIN", 5)
    monkeypatch.setattr(segmentation, "SEGMENT_SPREAD", 5)
    monkeypatch.setattr(segmentation, "SEGMENT_MAX", 15)
    articles = [article(n) for n in range(400)]
    before = list(segments(articles))
    after = list(segments(articles[:200] + [article(1000)] + articles[200:]))
    assert [pair for segment in after for pair in segment] == articles[:200] + [article(1000)] + articles[200:]
    assert all(5 <= len(segment) <= 15 for segment in before[:-1])
    keys = lambda found: {segment_key(segment, "v1") for segment in found}  # noqa: E731
    changed = keys(after) - keys(before)
    assert 1 <= len(changed) <= 2  # its own, and here one after it, until the cuts fall on the same articles
    assert len(keys(before) - keys(after)) == len(changed)


@pytest.mark.parametrize("change", [
    lambda d, k: (d, k + "x"),  # its content (title, date, ...) changed
    lambda d, k: (Document(d.doc_id, "moved.txt", None, None, "", None, indexed=True), k),  # renamed
    lambda d, k: (Document(d.doc_id, d.source, None, None, "", None, "duplicate", "same text as a.txt"), k),
])
def test_a_segments_key_changes_with_any_article_in_it(change):
    articles = [article(n) for n in range(10)]
    changed = articles[:4] + [change(*articles[4])] + articles[5:]
    assert segment_key(changed, "v1") != segment_key(articles, "v1")
    assert segment_key(articles, "v2") != segment_key(articles, "v1")
    assert segment_key(list(articles), "v1") == segment_key(articles, "v1")


def test_a_corpus_of_one_short_segment():
    articles = [article(n) for n in range(3)]
    assert list(segments(articles)) == [articles]
    assert list(segments([])) == []
    assert list(chunks_of([], 10)) == []


def test_a_piece_whose_counts_do_not_match_its_rows_is_refused(results):
    rows = [row for r in results[:5] for row in r.observation_values]
    assert rows
    with pytest.raises(ValueError, match=f"the documents count {len(rows)} observations, the piece holds {len(rows) - 1}"):
        Piece.from_values([r.document_values for r in results[:5]], rows[:-1])
