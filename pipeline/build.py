"""The per-article pipeline (extract -> resolve -> tidy) and the build over many articles.

`process_document` is a pure function of one Document and the rules: the local process pool and
the Dask engine both call it, so every engine yields the same rows.
"""
from __future__ import annotations

import collections
import contextlib
import functools
import gc
import hashlib
import json
import os
import shutil
import time
import zlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.ipc  # noqa: F401  (pa.ipc)
import pyarrow.parquet as pq

from . import __version__
from .cache import CacheUnavailable, ExtractionCache, file_stamp
from .engines import map_batches
from .faults import kill_point, quietly, writing
from .extract import Mention, extract
from .ingest import Document, DuplicateMarker, find_sources, read_file
from .limits import ARTICLE_SECONDS, ArticleTimedOut, time_limit
from .places import Place, article_place, unit_of_source
from .resolve import article_time, resolve
from .tables import find_tables
from .rules import RuleSet, load_rules
from .segments import Piece, chunks_of, segment_key, segments
from .publish import (ROW_GROUP_SIZE, file_sha256, libc, now_iso, output_lock, recover, staging_folder, swap_into_place,
                      write_manifest)
from .series import INPUT_COLUMNS as SERIES_INPUT_COLUMNS, build_series
from .tidy import (DOCUMENT_COLUMNS, DOCUMENTS_SCHEMA, OBSERVATION_COLUMNS, OBSERVATIONS_SCHEMA, SERIES_SCHEMA,
                   document_row, drop_repeats, observation_rows)


@dataclass
class ArticleResult:
    """One article's rows as tuples in the column order of the documents and observations tables:
    compact to send between processes and to cache, and read straight into Arrow columns. The
    dict views are for people and tests."""

    document_values: tuple
    observation_values: list[tuple]

    @classmethod
    def from_rows(cls, document_row: dict, observation_rows: list[dict]) -> ArticleResult:
        return cls(tuple(document_row[name] for name in DOCUMENT_COLUMNS),
                   [tuple(row[name] for name in OBSERVATION_COLUMNS) for row in observation_rows])

    def named(self, source: str) -> ArticleResult:
        """The same rows for the article under the name `source` (a cached text may have moved)."""
        if self.document_values[SOURCE_OF_DOCUMENT] == source:
            return self
        return ArticleResult(_with(self.document_values, SOURCE_OF_DOCUMENT, source),
                             [_with(values, SOURCE_OF_OBSERVATION, source) for values in self.observation_values])

    @property
    def document_row(self) -> dict:
        return dict(zip(DOCUMENT_COLUMNS, self.document_values))

    @property
    def failed(self) -> bool:
        return self.document_values[STATUS_OF_DOCUMENT] == "failed"

    @property
    def observation_rows(self) -> list[dict]:
        return [dict(zip(OBSERVATION_COLUMNS, values)) for values in self.observation_values]


SOURCE_OF_DOCUMENT = DOCUMENT_COLUMNS.index("source")
STATUS_OF_DOCUMENT = DOCUMENT_COLUMNS.index("status")
SOURCE_OF_OBSERVATION = OBSERVATION_COLUMNS.index("source")


def _with(values: tuple, position: int, value: object) -> tuple:
    return values[:position] + (value,) + values[position + 1:]


def title_end(document: Document) -> int:
    """Offset where the headline line ends in the text (0 when the title is not in the text)."""
    if not document.title:
        return 0
    position = document.text.find(document.title)
    return position + len(document.title) if 0 <= position < 2000 else 0


def article_mentions(document: Document, ruleset: RuleSet, place: Place | None) -> list[Mention]:
    """Resolved mentions of one article: prose figures and table cells, each fact once."""
    extraction = extract(document.text, ruleset, below_province=bool(place) and place.area != place.province)
    time_frame = article_time(document.text, extraction.scan, document.title, document.published, ruleset,
                              document.source)
    cells, table_spans = find_tables(document.text, extraction.scan, ruleset, default_year=time_frame.year,
                                     default_period=time_frame.period, default_status=time_frame.status)
    if table_spans:
        extraction.mentions = [m for m in extraction.mentions
                               if not any(start <= m.span_start < end for start, end in table_spans)]
    prose = resolve(extraction, document.text, document.title, document.published, ruleset, place, document.source)
    mentions = sorted(prose + cells, key=lambda m: (m.span_start, m.indicator))
    return drop_repeats(mentions, title_end(document))


def process_document(document: Document, ruleset: RuleSet | None = None,
                     seconds: float | None = None) -> ArticleResult:
    """Rows of every table for one article; never a raise. An error in the code becomes an
    `unreadable` row, an article stopped after `seconds` (the time limit) a `failed` one."""
    ruleset = ruleset or load_rules()
    if document.status != "ok":
        return ArticleResult.from_rows(document_row(document, None, 0), [])
    try:
        with time_limit(seconds):
            kill_point(document.text)
            place = article_place(document.title, document.text, document.source, document.published)
            mentions = article_mentions(document, ruleset, place)
            rows = observation_rows(document, mentions, place, ruleset.by_code())
    except ArticleTimedOut as stopped:
        return failed_result(document, str(stopped))
    except Exception as exc:  # one bad article never stops the others
        return _without_rows(document, "unreadable", f"extraction failed: {type(exc).__name__}: {exc}")
    return ArticleResult.from_rows(document_row(document, place, len(rows)), rows)


def failed_result(document: Document, reason: str) -> ArticleResult:
    """The `failed` row of an article the build gave up on: stopped at the time limit, or one that
    killed the worker extracting it twice. Not cached: the next build tries it again."""
    return _without_rows(document, "failed", reason)


def _without_rows(document: Document, status: str, error: str) -> ArticleResult:
    given_up = Document(document.doc_id, document.source, document.title, document.published, document.text,
                        document.encoding, status, error)
    return ArticleResult.from_rows(document_row(given_up, None, 0), [])


def process_all(documents: Iterable[Document], ruleset: RuleSet | None = None) -> Iterable[ArticleResult]:
    ruleset = ruleset or load_rules()
    for document in documents:
        yield process_document(document, ruleset)


BATCH_SIZE = 200  # articles per task sent to a worker


def process_batch(documents: list[Document], seconds: float | None = ARTICLE_SECONDS) -> list[ArticleResult]:
    """The unit of work of every engine: a batch of articles in, their rows out (picklable);
    `seconds` is the time limit of each article."""
    ruleset = load_rules()
    return [process_document(document, ruleset, seconds) for document in documents]


def batched(items: Iterable, size: int) -> Iterator[list]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


@dataclass
class RunOptions:
    """How to run the per-article work."""

    engine: str = "local"
    workers: int = 1
    scheduler: str | None = None
    cache_dir: Path | None = None
    article_seconds: float | None = ARTICLE_SECONDS  # the time limit of one article (None: none)


def cache_key(document: Document) -> str:
    """What a cached entry is for: everything of an article that its rows depend on but its
    name. That is its text (doc_id), title, date and encoding, and the unit its source's host
    names, the place of an article whose text names none. A file moved under another name is
    still a hit (the build gives the rows the new name) unless it moved to another portal."""
    unit = unit_of_source(document.source)
    what = f"{document.doc_id}|{document.title}|{document.published}|{document.encoding}|{unit and unit.code}"
    return hashlib.sha256(what.encode()).hexdigest()[:32]


@dataclass
class PendingBatch:
    """A batch of one segment's articles on its way through the engine (all of it when `stored`
    holds the segment's rows, read from the cache: nothing to extract)."""

    articles: list[tuple[Document, str | None]]
    cached: dict[int, ArticleResult]
    segment_key: str | None
    ends_segment: bool
    stored: Piece | None = None


def extract_pieces(articles: Iterable[tuple[Document, str | None]], options: RunOptions,
                   cache: ExtractionCache | None, events: Counter | None = None) -> Iterator[Piece]:
    """Each segment's rows, in input order (pipeline/segments.py). With a cache, a segment
    stored whole comes back as it was stored; in any other, each article comes from the cache
    when its cache key and the rules are unchanged, else from the engine (batches of articles on
    a process pool or a Dask cluster). `articles` come with their cache keys (None without a cache).
    What the engine met on the way (workers lost, batches retried, articles isolated) is counted in
    `events`. A failed article is not cached, nor is the segment it is in."""
    pending: collections.deque[PendingBatch] = collections.deque()

    def work() -> Iterator[list[Document]]:
        for segment in segments(articles):
            key = segment_key(segment, cache.version) if cache is not None else None
            readable = sum(document.status == "ok" for document, _ in segment)
            stored = cache.get_segment(key, readable, Piece.from_bytes) if cache is not None else None
            if stored is not None:
                pending.append(PendingBatch(segment, {}, key, True, stored))
                yield []
                continue
            batches = list(batched(segment, BATCH_SIZE))
            for place, batch in enumerate(batches, 1):
                cached = cached_results(batch, cache)
                pending.append(PendingBatch(batch, cached, key, place == len(batches)))
                yield [document for number, (document, _) in enumerate(batch) if number not in cached]

    results: list[ArticleResult] = []
    work_on = functools.partial(process_batch, seconds=options.article_seconds)
    for processed in map_batches(work_on, work(), engine=options.engine, workers=options.workers,
                                 scheduler=options.scheduler, lost=failed_result, events=events):
        batch = pending.popleft()
        if batch.stored is not None:
            yield batch.stored
            continue
        fresh = iter(processed)
        for number, (document, key) in enumerate(batch.articles):
            result = batch.cached.get(number) or next(fresh)
            if cache is not None and number not in batch.cached and document.status == "ok" and not result.failed:
                cache.put(key, (result.document_values, result.observation_values))
            results.append(result)
        if batch.ends_segment:
            piece = Piece.from_values([result.document_values for result in results],
                                      [row for result in results for row in result.observation_values])
            if cache is not None and not any(result.failed for result in results):
                cache.put_segment(batch.segment_key, *piece.to_bytes())
            results = []
            yield piece
        if cache is not None:
            cache.commit()


class CacheRowsMissing(RuntimeError):
    """The cache's index said an unchanged file's rows were cached, but they could not be read
    (damaged bytes, which get_many dropped, or a change by another process). Its articles were
    not read, so the build cannot go on; the next build reads the file again."""

    def __init__(self, source: str) -> None:
        super().__init__(f"the cache could not give the rows of {source} (damaged, or changed by another process); "
                         "they are dropped from the cache: build again, and the files they came from are read again")


def cached_results(batch: list[tuple[Document, str | None]], cache: ExtractionCache | None) -> dict[int, ArticleResult]:
    """The results the cache holds for a batch's articles, by their place in the batch."""
    readable = [(key, document.source) for document, key in batch if document.status == "ok"]
    hits = cache.get_many(readable) if cache is not None and readable else {}
    lost = [document.source for document, _ in batch if document.indexed and document.source not in hits]
    if lost:  # the index vouched for these rows, which were not read: the file must be read again
        raise CacheRowsMissing(lost[0])
    return {number: ArticleResult(*hits[document.source]).named(document.source)
            for number, (document, _) in enumerate(batch) if document.status == "ok" and document.source in hits}


def read_inputs(files: Iterable[tuple[str, Path, Path]], cache: ExtractionCache | None,
                hashes: InputHashes | None = None, skipped: Counter | None = None) -> Iterator[tuple[Document, str | None]]:
    """Every article of every file with its cache key (None without a cache), duplicates marked,
    each file's hash noted in `hashes`, the archive records that are not pages counted in
    `skipped`. With a cache, an unchanged file (same path, size, modification time and inode)
    whose rows are all cached is not read at all: its articles come as stand-ins that the cache
    answers; every other file is read and then indexed."""
    marker = DuplicateMarker()
    for source, path, root in files:
        known = cache.known_documents(path, source) if cache is not None else None
        if known is not None and any(marker.seen(doc_id) for doc_id, *_ in known):
            known = None  # now a duplicate of an earlier file: read it to mark it so
        if known is not None:
            for doc_id, doc_source, key in known:
                yield marker.mark(Document(doc_id, doc_source, None, None, "", None, indexed=True)), key
        else:
            yield from _read_and_index(path, root, source, cache, marker, skipped)
        if hashes is not None:
            hashes.add(source, path)


def _read_and_index(path: Path, root: Path, source: str, cache: ExtractionCache | None,
                    marker: DuplicateMarker, skipped: Counter | None = None) -> Iterator[tuple[Document, str | None]]:
    try:
        stamp = file_stamp(path.stat())
    except OSError:
        stamp = None
    read: list[tuple[str, str, str]] = []
    indexable = cache is not None and stamp is not None
    for document in read_file(path, root, source, skipped):
        document = marker.mark(document)
        key = cache_key(document) if cache is not None and document.status == "ok" else None
        indexable = indexable and document.status == "ok"
        if indexable:
            read.append((document.doc_id, document.source, key))
        yield document, key
    if indexable and read:
        cache.remember_documents(path, source, stamp, read)


# --- the whole build ------------------------------------------------------------------------

quoted = json.encoder.encode_basestring  # a str as a JSON string (C), non-ASCII kept


@dataclass
class BuildReport:
    output: Path
    counts: dict[str, int]
    statuses: dict[str, int]
    indicators: dict[str, int]
    timings: dict[str, float]
    manifest: dict
    extraction: dict
    skipped_records: dict[str, int]


class InputHashes:
    """The SHA-256 of every input file, noted as the files are read and spilled to a file (a
    million sources would not fit in flat memory), then streamed into manifest.json. With a
    cache, an unchanged file's hash is the one recorded (the file is not read again)."""

    def __init__(self, spill: Path, cache: ExtractionCache | None) -> None:
        self.spill = spill
        self.cache = cache
        with writing("spill file", spill):
            self.handle = spill.open("w", encoding="utf-8")

    def add(self, source: str, path: Path) -> None:
        try:
            digest = self.cache.file_sha256(path, file_sha256) if self.cache else file_sha256(path)
        except OSError as exc:
            digest = f"unreadable: {exc.strerror}"
        with writing("spill file", self.spill):
            self.handle.write(f"[{quoted(source)}, {quoted(digest)}]\n")  # json.dumps, minus its per-call cost

    def items(self) -> Iterator[tuple[str, str]]:
        with writing("spill file", self.spill):
            self.handle.close()
        with self.spill.open(encoding="utf-8") as lines:
            for line in lines:
                source, digest = json.loads(line)
                yield source, digest

    def remove(self) -> None:
        self.handle.close()
        self.spill.unlink(missing_ok=True)


def _pause_for_crash_tests() -> None:
    """Fault-injection point: INDICATORS_PAUSE_BEFORE_PUBLISH=seconds holds a build between writing
    its staging folder and swapping it in, so that a test can kill it there (tests/test_robustness.py)."""
    pause = float(os.environ.get("INDICATORS_PAUSE_BEFORE_PUBLISH", "0") or 0)
    if pause > 0:
        time.sleep(pause)


class PublishBlocked(RuntimeError):
    """A critical expectation failed: the build is broken and the previous output stays."""

    def __init__(self, failures: list[str]) -> None:
        super().__init__("validation blocked the publish: " + "; ".join(failures))
        self.failures = failures


def build_dataset(inputs: list[Path], output: Path, progress: Callable[[Iterable], Iterable] | None = None,
                  wait_seconds: float = 0.0, options: RunOptions | None = None) -> BuildReport:
    """Read, extract, tidy, validate and publish: the output folder is replaced only when all went
    well; a critical validation failure raises PublishBlocked and leaves it untouched. One build at
    a time per output folder (OutputLocked otherwise)."""
    with output_lock(output, wait_seconds):
        recover(output)
        return _build_locked(inputs, output, progress, options or RunOptions())


ENGINE_EVENTS = ("workers_lost", "batches_retried", "articles_isolated")
CHUNK_ARTICLES = 2000  # articles per validated, written chunk: memory stays flat however large the corpus


def _build_locked(inputs: list[Path], output: Path, progress: Callable[[Iterable], Iterable] | None,
                  options: RunOptions) -> BuildReport:
    """Stream the articles in chunks: extract, validate each chunk with the suites, append what
    passed to the Parquet files of a staging folder; then the series; then one atomic swap."""
    from .validate import rejected_schema, validate_tables  # Great Expectations loads only here

    timings: Counter = Counter()
    ruleset = load_rules()
    files = find_sources(inputs)  # a stream, in the order of the sources
    staging = staging_folder(output)
    cache, cache_state = open_cache(options.cache_dir, cache_version(ruleset))
    hashes: InputHashes | None = None
    statuses: Counter = Counter()
    indicators: Counter = Counter()
    skipped: Counter = Counter()
    events: Counter = Counter()  # what the engine met: workers lost, batches retried, articles failed
    suites: dict[str, dict] = {}
    try:
        hashes = InputHashes(staging / "_input_files.jsonl", cache)
        articles = read_inputs((progress or iter)(files), cache, hashes, skipped)
        tables = TableWriters(staging, {"observations": OBSERVATIONS_SCHEMA, "rejected": rejected_schema(),
                                        "documents": DOCUMENTS_SCHEMA})
        chunks = chunks_of(extract_pieces(articles, options, cache, events), CHUNK_ARTICLES)
        first_chunk = True
        while True:
            clock = time.perf_counter()
            with cycle_collection_paused():
                chunk = next(chunks, None)
            timings["ingest+extract"] += time.perf_counter() - clock
            if chunk is None:
                break
            clock = time.perf_counter()
            observations, documents_table = chunk.tables()
            checked = validate_tables(observations.to_pandas(), documents_table.to_pandas(), ruleset=ruleset)
            if not checked.ok:
                raise PublishBlocked(checked.critical_failures)
            passed = pa.Table.from_pandas(checked.observations, schema=OBSERVATIONS_SCHEMA, preserve_index=False)
            tables.write("observations", passed)
            tables.write("rejected", pa.Table.from_pandas(checked.rejected, schema=rejected_schema(), preserve_index=False))
            tables.write("documents", documents_table)
            suites = merge_suite_summaries(suites, checked.suites)
            statuses.update(documents_table.column("status").to_pylist())
            indicators.update(passed.column("indicator").to_pylist())
            release_free_memory()
            if first_chunk:  # what lives now (modules, rules, Great Expectations' context) lives all build long
                skip_long_lived_objects_in_collections()
                first_chunk = False
            timings["validate"] += time.perf_counter() - clock
        counts = tables.close()
        extraction = {"engine": options.engine, "workers": options.workers,
                      "extracted": cache.misses if cache else counts["documents"] - statuses["duplicate"],
                      "from_cache": cache.hits if cache else 0, "cache": cache_state,
                      "article_time_limit_seconds": options.article_seconds,
                      **{name: events[name] for name in ENGINE_EVENTS}}

        clock = time.perf_counter()
        counts["series"], series_summary = write_series(staging / "observations" / "part-0.parquet",
                                                        staging / "series", ruleset)
        timings["series"] += time.perf_counter() - clock
        manifest = {
            "tool": "vn-indicators",
            "version": __version__,
            "rules_version": ruleset.version,
            "ran_at": now_iso(),
            "inputs": [str(p) for p in inputs],
            "counts": counts,
            "skipped_records": dict(sorted(skipped.items())),
            "validation": {**suites, "series": series_summary},
            "extraction": extraction,
            "timings_seconds": {k: round(v, 3) for k, v in timings.items()},
        }
        write_manifest(staging, manifest, input_files=hashes.items())
        hashes.remove()
        _pause_for_crash_tests()
        swap_into_place(staging, output)
        if cache is not None:
            cache.prune()
            cache.close()
    finally:  # after a fault too: what it leaves behind is cleaned, a second fault of a full disk stays silent
        gc.unfreeze()
        if hashes is not None:
            quietly(hashes.remove)
        shutil.rmtree(staging, ignore_errors=True)
        if cache is not None:
            quietly(cache.close)  # commits the rows extracted so far, for the next build
    return BuildReport(output, counts, dict(sorted(statuses.items())), dict(sorted(indicators.items())),
                       dict(timings), manifest, extraction, dict(sorted(skipped.items())))


def cache_version(ruleset: RuleSet) -> str:
    """What a cached entry is valid for: the tool, its code, the rules, and the columns its rows hold.

    The code's hash makes a change to how articles are read (a fix in extract.py) invalidate
    the rows cached before it, without waiting for a new version number."""
    columns = zlib.crc32(",".join(DOCUMENT_COLUMNS + OBSERVATION_COLUMNS).encode())
    return f"{__version__}:{engine_code_hash()}:{ruleset.version}:{columns:08x}"


@functools.lru_cache(maxsize=1)
def engine_code_hash() -> str:
    """A hash of the package's Python sources (every module: which ones shape a row changes often)
    and of its place tables (lexicon/*.csv: renames and merged districts change a row's place)."""
    digest = hashlib.sha256()
    package = Path(__file__).parent
    for path in sorted(package.glob("*.py")) + sorted(package.glob("lexicon/*.csv")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def open_cache(folder: Path | None, version: str) -> tuple[ExtractionCache | None, str]:
    """The cache of `folder` and "used"; or None and why not ("off", or why it cannot be used:
    the build then extracts every article, which costs time but loses nothing)."""
    if folder is None:
        return None, "off"
    try:
        return ExtractionCache(folder / "results.sqlite", version), "used"
    except CacheUnavailable as unavailable:
        return None, f"not used: {unavailable}"
    except OSError as exc:  # e.g. a folder it may not write to
        return None, f"not used: the cache folder {folder} cannot be opened ({exc.strerror or exc})"


def skip_long_lived_objects_in_collections() -> None:
    """Let Python's cycle collector skip, until gc.unfreeze, the objects that live all build long
    (modules, rules, Great Expectations' context after its first run: some 300,000). A build
    allocates rows by the million, which sets off full collections, and each would scan all of
    them again (measured on 100,000 articles: 67 full collections, 6.3 s; 0.9 s once frozen)."""
    gc.collect()
    gc.freeze()


@contextlib.contextmanager
def cycle_collection_paused() -> Iterator[None]:
    """No automatic cycle collection while a chunk's results are gathered. Walking the inputs,
    reading the cache's index and unpickling rows allocate tuples, lists and strings by the
    hundred thousand, which set off collections that find nothing to free (~0.3 s of a 7 s
    rebuild of 100,000 cached articles). What cyclic garbage the pause leaves is collected once
    it ends, within the chunk, so memory stays bounded."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def release_free_memory() -> None:
    """Hand the heap's free pages back to the system after a chunk. pandas and Great Expectations
    free what they allocate, but glibc keeps the freed pages, and across hundreds of chunks the
    process would grow as if it leaked (measured: +13 MB per 2,000-article chunk without this)."""
    pa.default_memory_pool().release_unused()
    malloc_trim = getattr(libc(), "malloc_trim", None)  # glibc only
    if malloc_trim is not None:
        malloc_trim(0)


SERIES_ROWS_PER_CHECK = 50_000  # series rows validated at once: a GX run costs ~0.3 s whatever its size
SERIES_ROWS_PER_PASS = 25_000  # observations held at once while building the series (~1.5 KB each in pandas)


def write_series(observations: Path, folder: Path, ruleset: RuleSet) -> tuple[int, dict]:
    """The series table, built and validated in passes over groups of series, so that memory
    stays bounded: all rows that build_series weighs together fall in one group (series_groups),
    and the groups are first split into files of their own in one read of the observations."""
    from .validate import validate_series

    passes = max(1, -(-pq.ParquetFile(observations).metadata.num_rows // SERIES_ROWS_PER_PASS))
    groups = [observations] if passes == 1 else split_by_series(observations, folder.parent / "_series_groups", passes)
    tables = TableWriters(folder.parent, {folder.name: SERIES_SCHEMA})
    summary: dict[str, dict] = {}
    built: list[pa.Table] = []

    def check_and_write() -> None:
        nonlocal summary
        table = pa.concat_tables(built).combine_chunks()
        built.clear()
        check = validate_series(table.to_pandas(), ruleset=ruleset)
        if not check.ok:
            raise PublishBlocked(check.critical_failures)
        tables.write(folder.name, table)
        summary = merge_suite_summaries(summary, {"series": check.summary})
        release_free_memory()

    for group in groups:
        built.append(pa.Table.from_pandas(build_series(series_input(group)), schema=SERIES_SCHEMA, preserve_index=False))
        if sum(table.num_rows for table in built) >= SERIES_ROWS_PER_CHECK:
            check_and_write()
    if built:
        check_and_write()
    if passes > 1:
        shutil.rmtree(folder.parent / "_series_groups", ignore_errors=True)
    return tables.close()[folder.name], summary["series"]


def split_by_series(observations: Path, spill: Path, groups: int) -> list[Path]:
    """The columns the series needs (each sentence as a number), split into up to `groups` Arrow
    IPC files by series_groups; rows keep their order within a group. Read one row group (one chunk) at a time: Parquet's batch
    iterator kept growing its buffers over a long file, and IPC streams, unlike Parquet writers,
    hold next to nothing per open file."""
    source = pq.ParquetFile(observations)
    writers: dict[int, pa.ipc.RecordBatchStreamWriter] = {}
    try:
        with writing("spill file", spill):
            spill.mkdir(parents=True, exist_ok=True)
            for row_group in range(source.metadata.num_row_groups):
                table = with_sentence_numbers(source.read_row_group(row_group, columns=SERIES_INPUT_COLUMNS))
                numbers = series_groups(table, groups)
                for number in np.unique(numbers).tolist():
                    if number not in writers:
                        writers[number] = pa.ipc.new_stream(spill / f"group-{number:05d}.arrows", table.schema)
                    writers[number].write_table(table.take(pa.array(np.flatnonzero(numbers == number))))
                del table
            for writer in writers.values():
                writer.close()
    finally:
        for writer in writers.values():
            quietly(writer.close)
    return [spill / f"group-{number:05d}.arrows" for number in sorted(writers)]


def with_sentence_numbers(table: pa.Table) -> pa.Table:
    """`sentence` as a number that tells sentences apart (all build_series needs of it)."""
    hashed = pd.util.hash_array(table.column("sentence").to_numpy(zero_copy_only=False).astype(object))
    return table.set_column(table.schema.get_field_index("sentence"), "sentence", pa.array(hashed, pa.uint64()))


SERIES_GROUP_KEY = ["area_code", "area", "indicator", "qualifier", "period"]


def series_groups(table: pa.Table, groups: int) -> np.ndarray:
    """The group of each row: a stable hash of its place (area code, else area name), indicator,
    qualifier and period. Whatever build_series weighs together shares these: the rows of a
    series key, and a level with the change that implies an earlier year's level (same sentence,
    place, indicator, qualifier and period; only the year differs). The year is left out for that.

    The key is `series_group_key`'s text, built by Arrow for the whole table; only its distinct
    values (some thousands) are hashed in Python."""
    def text(column: pa.ChunkedArray) -> pa.ChunkedArray:
        return pc.fill_null(pc.cast(column, pa.string()), "None")  # as an f-string shows a None

    place = pc.coalesce(table.column("area_code"), table.column("area"))
    parts = [text(place)] + [text(table.column(name)) for name in SERIES_GROUP_KEY[2:]]
    keys = pc.binary_join_element_wise(*parts, "|").combine_chunks().dictionary_encode()
    numbers = np.array([zlib.crc32(key.encode()) % groups for key in keys.dictionary.to_pylist()], dtype=np.int64)
    return numbers[keys.indices.to_numpy(zero_copy_only=False)] if len(keys) else np.zeros(0, dtype=np.int64)


def series_group_key(area_code: str | None, area: str | None, indicator: str | None, qualifier: str | None,
                     period: str | None) -> str:
    """The text series_groups hashes for one row.

    >>> series_group_key(None, "Kim Sơn", "budget_revenue", None, "9M")
    'Kim Sơn|budget_revenue|None|9M'
    """
    return f"{area_code if area_code is not None else area}|{indicator}|{qualifier}|{period}"


def series_input(observations: Path) -> pd.DataFrame:
    """The observations of a Parquet file (or of one group's IPC file) as build_series needs them
    (its columns only, each sentence as a number)."""
    if observations.suffix == ".arrows":
        with pa.ipc.open_stream(observations) as stream:
            return stream.read_all().to_pandas()
    parts = []
    for batch in pq.ParquetFile(observations).iter_batches(batch_size=100_000, columns=SERIES_INPUT_COLUMNS):
        parts.append(with_sentence_numbers(pa.Table.from_batches([batch])).to_pandas())
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=SERIES_INPUT_COLUMNS)


class TableWriters:
    """One Parquet file per table in the staging folder, a row group per chunk."""

    def __init__(self, staging: Path, schemas: dict[str, pa.Schema]) -> None:
        self.schemas = schemas
        self.writers: dict[str, pq.ParquetWriter] = {}
        self.rows = Counter({name: 0 for name in schemas})
        self.staging = staging

    def write(self, name: str, table: pa.Table) -> None:
        path = self.staging / name / "part-0.parquet"
        with writing(f"{name} table", path):
            if name not in self.writers:
                path.parent.mkdir(parents=True, exist_ok=True)
                self.writers[name] = pq.ParquetWriter(path, self.schemas[name], compression="zstd")
            self.writers[name].write_table(table, row_group_size=ROW_GROUP_SIZE)
        self.rows[name] += table.num_rows

    def close(self) -> dict[str, int]:
        for name, schema in self.schemas.items():
            if name not in self.writers:  # an empty table is still a dataset with its schema
                self.write(name, schema.empty_table())
            with writing(f"{name} table", self.staging / name / "part-0.parquet"):
                self.writers[name].close()
        return dict(self.rows)


def merge_suite_summaries(total: dict[str, dict], chunk: dict[str, dict]) -> dict[str, dict]:
    """Per-suite results over all chunks: success if every chunk passed; failures named once."""
    merged = dict(total)
    for name, summary in chunk.items():
        before = merged.get(name)
        if before is None:
            merged[name] = {**summary, "failed": list(summary["failed"])}
            continue
        failed = before["failed"] + [f for f in summary["failed"] if f not in before["failed"]]
        merged[name] = {**before, "success": before["success"] and summary["success"], "failed": failed,
                        "chunks": before.get("chunks", 1) + 1}
    return merged


