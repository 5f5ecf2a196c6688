"""Engines and the cache: the same rows whatever runs the per-article work."""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import zlib
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest
from click.testing import CliRunner

from pipeline.cli import main

DEV_ARTICLES = len(list((Path(__file__).resolve().parent.parent / "data" / "dev" / "texts").glob("*.txt")))


def table_hash(folder: Path) -> str:
    return hashlib.sha256((folder / "part-0.parquet").read_bytes()).hexdigest()


def build(inputs, output, *options):
    result = CliRunner().invoke(main, ["build", *map(str, inputs), "-o", str(output), *options])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, dev_corpus):
    folder = tmp_path_factory.mktemp("corpus") / "texts"
    shutil.copytree(dev_corpus / "texts", folder)
    return folder


@pytest.fixture(scope="module")
def local_one(corpus, tmp_path_factory):
    output = tmp_path_factory.mktemp("one") / "output"
    build([corpus], output, "--workers", "1")
    return output


def test_two_workers_give_byte_identical_tables(corpus, local_one, tmp_path, monkeypatch):
    monkeypatch.setattr("pipeline.build.BATCH_SIZE", 7)  # many batches, so both workers get some
    output = tmp_path / "output"
    printed = build([corpus], output, "--workers", "2")
    assert "(local engine, 2 workers)" in printed
    for table in ("observations", "documents", "series", "rejected"):
        assert table_hash(output / table) == table_hash(local_one / table), table


def test_dask_local_cluster_gives_the_same_observations(corpus, local_one, tmp_path, monkeypatch):
    pytest.importorskip("distributed", reason="the dask extra is not installed")
    monkeypatch.setattr("pipeline.build.BATCH_SIZE", 20)
    output = tmp_path / "output"
    printed = build([corpus], output, "--engine", "dask", "--workers", "2")
    assert "(dask engine, 2 workers)" in printed
    ours, theirs = pd.read_parquet(local_one / "observations"), pd.read_parquet(output / "observations")
    assert ours["obs_id"].tolist() == theirs["obs_id"].tolist()
    pd.testing.assert_frame_equal(ours, theirs)


def test_a_rebuild_extracts_only_the_new_article(corpus, tmp_path, dev_corpus):
    cache = tmp_path / "cache"
    first = build([corpus], tmp_path / "out1", "--cache", str(cache))
    assert f"{DEV_ARTICLES} extracted, 0 from the cache" in first
    grown = tmp_path / "grown"
    shutil.copytree(corpus, grown)
    (grown / "new.txt").write_text((dev_corpus / "texts" / "dev_001.txt").read_text() + "\nThêm một dòng.\n")
    second = build([grown], tmp_path / "out2", "--cache", str(cache))
    assert f"1 extracted, {DEV_ARTICLES} from the cache" in second
    one, two = pd.read_parquet(tmp_path / "out1" / "observations"), pd.read_parquet(tmp_path / "out2" / "observations")
    assert two[two["source"] != "new.txt"].reset_index(drop=True).equals(one)


def test_a_changed_rule_file_misses_the_cache(corpus, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    build([corpus], tmp_path / "out1", "--cache", str(cache))
    from pipeline import build as build_module
    real = build_module.load_rules()
    changed = type(real)(real.rules, real.context, real.version + "-edited")
    monkeypatch.setattr(build_module, "load_rules", lambda *a, **k: changed)
    assert f"{DEV_ARTICLES} extracted, 0 from the cache" in build([corpus], tmp_path / "out2", "--cache", str(cache))
    import sqlite3

    with sqlite3.connect(cache / "results.sqlite") as db:  # what the old rules made is gone
        versions = {table: db.execute(f"SELECT DISTINCT version FROM {table}").fetchall()
                    for table in ("results", "input_files", "input_articles")}
        counts = [db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in ("results", "input_articles")]
    db.close()
    assert versions == {table: [(build_module.cache_version(changed),)] for table in versions}
    assert counts == [DEV_ARTICLES, DEV_ARTICLES]


def test_changed_engine_code_misses_the_cache(corpus, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    build([corpus], tmp_path / "out1", "--cache", str(cache))
    from pipeline import build as build_module
    monkeypatch.setattr(build_module, "engine_code_hash", lambda: "edited-code")
    assert f"{DEV_ARTICLES} extracted, 0 from the cache" in build([corpus], tmp_path / "out2", "--cache", str(cache))


@pytest.mark.parametrize("edited", ["extract.py", "lexicon/places_dissolved.csv"])
def test_engine_code_hash_follows_the_package_sources_and_place_tables(edited, tmp_path, monkeypatch):
    from pipeline import build as build_module
    build_module.engine_code_hash.cache_clear()
    before = build_module.engine_code_hash()
    copy = tmp_path / "pipeline"
    shutil.copytree(Path(build_module.__file__).parent, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(build_module, "__file__", str(copy / "build.py"))
    build_module.engine_code_hash.cache_clear()
    assert build_module.engine_code_hash() == before
    (copy / edited).write_text((copy / edited).read_text(encoding="utf-8") + "\n", encoding="utf-8")
    build_module.engine_code_hash.cache_clear()
    assert build_module.engine_code_hash() != before
    build_module.engine_code_hash.cache_clear()


def test_series_built_in_several_passes_holds_the_same_rows(corpus, local_one, tmp_path, monkeypatch):
    monkeypatch.setattr("pipeline.build.SERIES_ROWS_PER_PASS", 40)  # ~25 passes over groups of series
    monkeypatch.setattr("pipeline.build.SERIES_ROWS_PER_CHECK", 200)  # validated a few groups at a time
    output = tmp_path / "output"
    build([corpus], output, "--workers", "1")
    checks = json.loads((output / "manifest.json").read_text())["validation"]["series"]["chunks"]
    assert 1 < checks < 25
    columns = ["area_code", "area", "indicator", "measure", "qualifier", "basis", "period", "year", "unit_std"]
    one_pass = pd.read_parquet(local_one / "series").astype(str).sort_values(columns).reset_index(drop=True)
    passes = pd.read_parquet(output / "series").astype(str).sort_values(columns).reset_index(drop=True)
    assert len(passes) == len(one_pass) > 500
    assert sorted(p.name for p in output.iterdir()) == ["documents", "manifest.json", "observations", "rejected",
                                                        "series"]  # no spill files left behind
    pd.testing.assert_frame_equal(passes, one_pass)


@pytest.mark.parametrize("files, workers", [(2, 1), (3, os.cpu_count() or 1)])
def test_without_workers_a_corpus_of_one_batch_needs_no_pool(files, workers, dev_corpus, tmp_path, monkeypatch):
    monkeypatch.setattr("pipeline.build.BATCH_SIZE", 2)
    corpus = tmp_path / "texts"
    corpus.mkdir()
    for text in sorted((dev_corpus / "texts").glob("*.txt"))[:files]:
        shutil.copy(text, corpus)
    assert f"(local engine, {workers} workers)" in build([corpus], tmp_path / "out", "--no-cache")


def test_series_groups_hash_each_rows_key_text():
    """A row's group is the CRC-32 of series_group_key's text modulo the number of groups, missing
    values included, however the table is chunked."""
    from pipeline.build import SERIES_GROUP_KEY, series_group_key, series_groups

    rows = [("101", "Ba Đình", "budget_revenue", None, "FY"),
            (None, "Kim Sơn", "budget_revenue", None, "9M"),
            (None, None, "poverty_rate", None, "FY"),
            ("376", "Kim Sơn", "retail_sales", "state", "6M"),
            ("101", "Ba Đình", "budget_revenue", None, "FY"),
            (None, "Kim Sơn", "budget_revenue", None, None)]
    columns = [pa.array(column, pa.string()) for column in zip(*rows)]
    table = pa.Table.from_arrays(columns, names=SERIES_GROUP_KEY)
    table = pa.concat_tables([table.slice(0, 2), table.slice(2)])  # two chunks
    expected = [zlib.crc32(series_group_key(*row).encode()) % 7 for row in rows]
    assert series_groups(table, 7).tolist() == expected
    assert series_group_key(*rows[2]) == "None|poverty_rate|None|FY"
    assert series_groups(table.slice(0, 0), 7).tolist() == []


@pytest.fixture
def own_corpus(corpus, tmp_path):
    folder = tmp_path / "texts"
    shutil.copytree(corpus, folder)
    return folder


def count_reads(monkeypatch) -> list[str]:
    from pipeline import build as build_module

    reads: list[str] = []
    real = build_module.read_file

    def counted(path, root, source=None, skipped=None):
        reads.append(path.name)
        return real(path, root, source, skipped)

    monkeypatch.setattr(build_module, "read_file", counted)
    return reads


def assert_same_tables(one: Path, two: Path) -> None:
    for table in ("observations", "documents", "series", "rejected"):
        assert table_hash(one / table) == table_hash(two / table), table


def test_a_rebuild_reads_only_the_new_file(own_corpus, local_one, tmp_path, monkeypatch, dev_corpus):
    cache = tmp_path / "cache"
    build([own_corpus], tmp_path / "out1", "--cache", str(cache))
    (own_corpus / "new.txt").write_text((dev_corpus / "texts" / "dev_001.txt").read_text() + "\nThêm một dòng.\n")
    reads = count_reads(monkeypatch)
    printed = build([own_corpus], tmp_path / "out2", "--cache", str(cache))
    assert reads == ["new.txt"]
    assert f"1 extracted, {DEV_ARTICLES} from the cache" in printed
    monkeypatch.undo()
    build([own_corpus], tmp_path / "fresh", "--no-cache")
    assert_same_tables(tmp_path / "out2", tmp_path / "fresh")
    manifest = lambda out: json.loads((out / "manifest.json").read_text())["input_files"]  # noqa: E731
    assert manifest(tmp_path / "out2") == manifest(tmp_path / "fresh")


def test_a_changed_file_is_read_and_extracted_again(own_corpus, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    build([own_corpus], tmp_path / "out1", "--cache", str(cache))
    changed = own_corpus / "dev_002.txt"
    changed.write_text(changed.read_text().replace("năm", "Năm", 1))
    reads = count_reads(monkeypatch)
    printed = build([own_corpus], tmp_path / "out2", "--cache", str(cache))
    assert reads == ["dev_002.txt"]
    assert f"1 extracted, {DEV_ARTICLES - 1} from the cache" in printed


def test_an_indexed_file_that_became_a_duplicate_is_read_again(own_corpus, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    build([own_corpus], tmp_path / "out1", "--cache", str(cache))
    (own_corpus / "aaa_copy.txt").write_text((own_corpus / "dev_003.txt").read_text())  # sorts first
    reads = count_reads(monkeypatch)
    build([own_corpus], tmp_path / "out2", "--cache", str(cache))
    assert sorted(reads) == ["aaa_copy.txt", "dev_003.txt"]
    documents = pd.read_parquet(tmp_path / "out2" / "documents").set_index("source")
    assert documents.loc["dev_003.txt", "status"] == "duplicate"
    assert documents.loc["dev_003.txt", "error"] == "same text as aaa_copy.txt"
    monkeypatch.undo()
    build([own_corpus], tmp_path / "fresh", "--no-cache")
    assert_same_tables(tmp_path / "out2", tmp_path / "fresh")


def test_a_cache_in_use_by_another_build_is_left_alone(corpus, local_one, tmp_path):
    from pipeline.cache import ExtractionCache

    cache = tmp_path / "cache"
    build([corpus], tmp_path / "out1", "--cache", str(cache))
    holder = ExtractionCache(cache / "results.sqlite", "another build")  # holds the lock as a running build would
    try:
        printed = build([corpus], tmp_path / "out2", "--cache", str(cache))
    finally:
        holder.close()
    assert f"{DEV_ARTICLES} extracted, 0 from the cache" in printed
    assert f"cache         not used: another build is using the cache {cache}" in printed
    assert_same_tables(tmp_path / "out2", local_one)
    assert f"0 extracted, {DEV_ARTICLES} from the cache" in build([corpus], tmp_path / "out3", "--cache", str(cache))  # free again


def test_an_unreadable_cache_file_is_reported_and_the_build_goes_on(corpus, local_one, tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "results.sqlite").write_bytes(b"not a database, " * 100)
    printed = build([corpus], tmp_path / "out", "--cache", str(cache))
    assert f"{DEV_ARTICLES} extracted, 0 from the cache" in printed
    assert f"cache         not used: the cache {cache / 'results.sqlite'} cannot be read (file is not a database)" \
        in printed
    assert_same_tables(tmp_path / "out", local_one)
    assert json.loads((tmp_path / "out" / "manifest.json").read_text())["extraction"]["cache"].startswith("not used")
    assert (cache / "results.sqlite").read_bytes() == b"not a database, " * 100  # left for the user to look at


@pytest.mark.parametrize("batches, pool_started", [
    ([[], ["a"], [], []], False),  # one batch with work (a small rebuild): no workers to start
    ([["a", "b"], [], ["c"], ["d", "e", "f"]], True),
])
def test_the_pool_starts_only_for_a_second_batch_with_work(batches, pool_started, monkeypatch):
    from pipeline.engines import local

    started = []
    real = local._start_pool
    monkeypatch.setattr(local, "_start_pool", lambda workers: started.append(workers) or real(workers))
    assert list(local.map_batches(len, batches, workers=2)) == [len(b) for b in batches]
    assert started == ([2] if pool_started else [])


def test_the_file_index_read_in_small_pages_gives_the_same_rebuild(own_corpus, tmp_path, monkeypatch, dev_corpus):
    """Pages of 3 articles: new files fall inside and between pages, a JSONL file holds more
    articles than a page, a changed file sits at a page boundary."""
    import pipeline.cache

    monkeypatch.setattr(pipeline.cache, "PAGE_ARTICLES", 3)
    texts = [(dev_corpus / "texts" / f"dev_0{n}.txt").read_text() for n in (10, 11, 12, 13, 14)]
    shard = own_corpus / "dev_050_shard.jsonl"
    shard.write_text("".join(json.dumps({"title": f"Bài {n}", "text": text + f"\nBài số {n}.\n"}, ensure_ascii=False)
                             + "\n" for n, text in enumerate(texts)))
    cache = tmp_path / "cache"
    build([own_corpus], tmp_path / "out1", "--cache", str(cache))
    for name in ("dev_004a.txt", "dev_060a.txt", "zzz.txt"):
        (own_corpus / name).write_text(texts[0] + f"\nTệp mới {name}.\n")
    changed = own_corpus / "dev_007.txt"
    changed.write_text(changed.read_text() + "\nMột dòng thêm.\n")
    reads = count_reads(monkeypatch)
    printed = build([own_corpus], tmp_path / "out2", "--cache", str(cache))
    assert sorted(reads) == ["dev_004a.txt", "dev_007.txt", "dev_060a.txt", "zzz.txt"]
    assert f"4 extracted, {DEV_ARTICLES + 4} from the cache" in printed
    monkeypatch.undo()
    build([own_corpus], tmp_path / "fresh", "--no-cache")
    assert_same_tables(tmp_path / "out2", tmp_path / "fresh")


def test_a_moved_file_comes_from_the_cache_under_its_new_name(own_corpus, tmp_path):
    cache = tmp_path / "cache"
    build([own_corpus], tmp_path / "out1", "--cache", str(cache))
    (own_corpus / "dev_005.txt").rename(own_corpus / "moved_005.txt")
    printed = build([own_corpus], tmp_path / "out2", "--cache", str(cache))
    assert f"0 extracted, {DEV_ARTICLES} from the cache" in printed
    build([own_corpus], tmp_path / "fresh", "--no-cache")
    assert_same_tables(tmp_path / "out2", tmp_path / "fresh")
    observations = pd.read_parquet(tmp_path / "out2" / "observations")
    assert "dev_005.txt" not in set(observations["source"]) and "moved_005.txt" in set(observations["source"])


def write_records(path: Path, records: list[dict]) -> None:
    path.write_text("".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records), encoding="utf-8")


REPORT = "Báo cáo kết quả thu ngân sách\nNăm nay, thu ngân sách đạt 123,4 tỷ đồng, bằng 105% dự toán.\n"


@pytest.mark.parametrize("field, before, after, column, expected", [
    ("published", "2021-12-20", "2022-12-20", "year", [2022, 2022]),  # "năm nay" is the year it was published
    ("url", "https://kimson.ninhbinh.gov.vn/tin/1", "https://yenkhanh.ninhbinh.gov.vn/tin/1", "area",
     ["Yên Khánh", "Yên Khánh"]),  # the text names no place: the portal's host does
])
def test_a_record_whose_date_or_portal_changed_is_extracted_again(field, before, after, column, expected, tmp_path):
    """Same text, so the same doc_id; but what else the extraction reads changed with it."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    record = {"url": "https://kimson.ninhbinh.gov.vn/tin/1", "title": "Thu ngân sách", "published": "2021-12-20",
              "text": REPORT, field: before}
    write_records(inputs / "portal.jsonl", [record])
    cache = tmp_path / "cache"
    build([inputs], tmp_path / "out1", "--cache", str(cache))
    write_records(inputs / "portal.jsonl", [{**record, field: after}])
    assert "1 extracted, 0 from the cache" in build([inputs], tmp_path / "out2", "--cache", str(cache))
    assert pd.read_parquet(tmp_path / "out2" / "observations")[column].tolist() == expected
    build([inputs], tmp_path / "fresh", "--no-cache")
    assert_same_tables(tmp_path / "out2", tmp_path / "fresh")


def test_a_cache_file_of_an_older_format_starts_empty(corpus, local_one, tmp_path):
    import sqlite3

    from pipeline.cache import FORMAT

    cache = tmp_path / "cache"
    cache.mkdir()
    with sqlite3.connect(cache / "results.sqlite") as old:  # the first format: results by doc_id, no user_version
        old.execute("CREATE TABLE results (doc_id TEXT, version TEXT, payload BLOB, PRIMARY KEY (doc_id, version))")
        old.execute("CREATE TABLE file_documents (path TEXT, doc_id TEXT)")
    old.close()
    assert f"{DEV_ARTICLES} extracted, 0 from the cache" in build([corpus], tmp_path / "out1", "--cache", str(cache))
    assert f"0 extracted, {DEV_ARTICLES} from the cache" in build([corpus], tmp_path / "out2", "--cache", str(cache))
    assert_same_tables(tmp_path / "out2", local_one)
    with sqlite3.connect(cache / "results.sqlite") as new:
        assert new.execute("PRAGMA user_version").fetchone()[0] == FORMAT
        assert "file_documents" not in {name for (name,) in new.execute("SELECT name FROM sqlite_master")}
    new.close()


def test_a_rebuild_reads_unchanged_segments_whole(own_corpus, tmp_path, monkeypatch, dev_corpus):
    """Segments of 4 to 12 articles: only the segments that changed (the ones a new or changed file
    falls in, and after them any cut differently until the cuts fall on the same articles again)
    are looked up article by article."""
    import sqlite3

    import pipeline.segments as segmentation
    from pipeline.cache import ExtractionCache
    from pipeline.ingest import read_documents

    def cut() -> list[tuple[tuple[str, str], ...]]:
        articles = ((document, None) for document in read_documents([own_corpus]))
        return [tuple((document.doc_id, document.source) for document, _ in segment)
                for segment in segmentation.segments(articles)]

    for name, value in (("SEGMENT_MIN", 4), ("SEGMENT_SPREAD", 4), ("SEGMENT_MAX", 12)):
        monkeypatch.setattr(segmentation, name, value)
    cache = tmp_path / "cache"
    build([own_corpus], tmp_path / "out1", "--cache", str(cache))
    before = cut()
    (own_corpus / "dev_040a.txt").write_text((dev_corpus / "texts" / "dev_010.txt").read_text() + "\nBài mới.\n")
    changed = own_corpus / "dev_070.txt"
    changed.write_text(changed.read_text() + "\nMột dòng thêm.\n")
    after = cut()
    looked_up: list[str] = []
    segments_used: list[str] = []
    get_many, get_segment = ExtractionCache.get_many, ExtractionCache.get_segment
    monkeypatch.setattr(ExtractionCache, "get_many",
                        lambda self, documents: looked_up.extend(s for _, s in documents) or get_many(self, documents))
    monkeypatch.setattr(ExtractionCache, "get_segment",
                        lambda self, key, *rest: segments_used.append(key) or get_segment(self, key, *rest))

    assert f"2 extracted, {DEV_ARTICLES - 1} from the cache" in build([own_corpus], tmp_path / "out2", "--cache", str(cache))
    new_segments = [segment for segment in after if segment not in before]
    assert looked_up == [source for segment in new_segments for _, source in segment]
    assert len(after) > 8 and len(looked_up) < (DEV_ARTICLES + 1) / 2  # most came whole

    looked_up.clear(), segments_used.clear()
    assert f"0 extracted, {DEV_ARTICLES + 1} from the cache" in build([own_corpus], tmp_path / "out3", "--cache", str(cache))
    assert looked_up == [] and len(segments_used) == len(after)  # every segment read whole
    with sqlite3.connect(cache / "results.sqlite") as db:
        kept = {key for (key,) in db.execute("SELECT key FROM segments")}
    db.close()
    assert kept == set(segments_used)  # the first build's segments that changed are gone
    monkeypatch.undo()
    build([own_corpus], tmp_path / "fresh", "--no-cache")
    assert_same_tables(tmp_path / "out2", tmp_path / "fresh")
    assert_same_tables(tmp_path / "out3", tmp_path / "fresh")


def damage(cache: Path, statement: str) -> None:
    import sqlite3

    with sqlite3.connect(cache / "results.sqlite") as db:
        db.execute(statement)
    db.close()


def test_a_segment_that_cannot_be_read_is_built_again_from_its_articles(own_corpus, local_one, tmp_path):
    cache = tmp_path / "cache"
    build([own_corpus], tmp_path / "out1", "--cache", str(cache))
    damage(cache, "UPDATE segments SET observations = substr(observations, 1, 100)")  # cut short
    assert f"0 extracted, {DEV_ARTICLES} from the cache" in build([own_corpus], tmp_path / "out2", "--cache", str(cache))
    assert_same_tables(tmp_path / "out2", local_one)
    damage(cache, "UPDATE results SET payload = x'80050000'")  # the segment was stored again: the rows are not needed
    assert f"0 extracted, {DEV_ARTICLES} from the cache" in build([own_corpus], tmp_path / "out3", "--cache", str(cache))
    assert_same_tables(tmp_path / "out3", local_one)


def test_a_stored_segment_that_changed_on_disk_but_still_decodes_is_built_again(own_corpus, local_one, tmp_path):
    """Damaged bytes can still decode, as rows that say something else: the digest stored with
    each blob finds them, so no altered figure reaches the tables."""
    import sqlite3

    import pyarrow.compute as pc

    from pipeline.cache import DIGEST_BYTES, opened
    from pipeline.segments import Piece

    cache = tmp_path / "cache"
    build([own_corpus], tmp_path / "out1", "--cache", str(cache))
    with sqlite3.connect(cache / "results.sqlite") as db:
        (documents, observations), = db.execute("SELECT documents, observations FROM segments").fetchall()
        piece = Piece.from_bytes(opened(documents), opened(observations))
        values = piece.observations.column("value")
        altered = piece.observations.set_column(piece.observations.schema.get_field_index("value"), "value",
                                                pc.multiply(values, 10))
        forged = Piece(piece.documents, altered).to_bytes()[1]  # valid rows, under the digest first stored
        db.execute("UPDATE segments SET observations = ?", (observations[:DIGEST_BYTES] + forged,))
    db.close()
    assert f"0 extracted, {DEV_ARTICLES} from the cache" in build([own_corpus], tmp_path / "out2", "--cache", str(cache))
    assert_same_tables(tmp_path / "out2", local_one)


def test_cached_rows_whose_bytes_changed_are_a_miss_and_are_dropped(tmp_path):
    import pickle

    from pipeline.cache import DIGEST_BYTES, ExtractionCache

    cache = ExtractionCache(tmp_path / "results.sqlite", "v1")
    cache.put("k1", ({"doc_id": "a"}, [{"value": 1.5}]))
    cache.put("k2", ({"doc_id": "b"}, [{"value": 2.0}]))
    payload, = cache.connection.execute("SELECT payload FROM results WHERE key = 'k1'").fetchone()
    other_rows = pickle.dumps(({"doc_id": "a"}, [{"value": 15.0}]), protocol=pickle.HIGHEST_PROTOCOL)
    cache.connection.execute("UPDATE results SET payload = ? WHERE key = 'k1'", (payload[:DIGEST_BYTES] + other_rows,))
    assert cache.get_many([("k1", "one.txt"), ("k2", "two.txt")]) == {"two.txt": ({"doc_id": "b"}, [{"value": 2.0}])}
    assert [key for (key,) in cache.connection.execute("SELECT key FROM results")] == ["k2"]
    cache.close()


def test_damaged_rows_of_an_unread_file_stop_the_build_and_the_next_one_reads_it(own_corpus, local_one, tmp_path):
    cache = tmp_path / "cache"
    build([own_corpus], tmp_path / "out1", "--cache", str(cache))
    damage(cache, "UPDATE segments SET observations = x'00'")
    damage(cache, "UPDATE results SET payload = x'80050000' WHERE rowid = (SELECT min(rowid) FROM results)")
    result = CliRunner().invoke(main, ["build", str(own_corpus), "-o", str(tmp_path / "out1"), "--cache", str(cache)])
    assert result.exit_code == 8, result.output
    assert "the cache could not give the rows of dev_" in result.output
    assert "the previous output is unchanged" in result.output
    assert_same_tables(tmp_path / "out1", local_one)
    assert f"1 extracted, {DEV_ARTICLES - 1} from the cache" in build([own_corpus], tmp_path / "out2", "--cache", str(cache))
    assert_same_tables(tmp_path / "out2", local_one)
