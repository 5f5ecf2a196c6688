"""Engines and the cache: the same rows whatever runs the per-article work."""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from pipeline.cli import main


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
    assert "88 extracted, 0 from the cache" in first
    grown = tmp_path / "grown"
    shutil.copytree(corpus, grown)
    (grown / "new.txt").write_text((dev_corpus / "texts" / "dev_001.txt").read_text() + "\nThêm một dòng.\n")
    second = build([grown], tmp_path / "out2", "--cache", str(cache))
    assert "1 extracted, 88 from the cache" in second
    one, two = pd.read_parquet(tmp_path / "out1" / "observations"), pd.read_parquet(tmp_path / "out2" / "observations")
    assert two[two["source"] != "new.txt"].reset_index(drop=True).equals(one)


def test_a_changed_rule_file_misses_the_cache(corpus, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    build([corpus], tmp_path / "out1", "--cache", str(cache))
    from pipeline import build as build_module
    real = build_module.load_rules()
    changed = type(real)(real.rules, real.context, real.version + "-edited")
    monkeypatch.setattr(build_module, "load_rules", lambda *a, **k: changed)
    assert "88 extracted, 0 from the cache" in build([corpus], tmp_path / "out2", "--cache", str(cache))


def test_series_built_in_several_passes_holds_the_same_rows(corpus, local_one, tmp_path, monkeypatch):
    monkeypatch.setattr("pipeline.build.SERIES_ROWS_PER_PASS", 100)  # ~10 passes over groups of places
    output = tmp_path / "output"
    build([corpus], output, "--workers", "1")
    columns = ["area_code", "area", "indicator", "measure", "qualifier", "basis", "period", "year", "unit_std"]
    one_pass = pd.read_parquet(local_one / "series").astype(str).sort_values(columns).reset_index(drop=True)
    passes = pd.read_parquet(output / "series").astype(str).sort_values(columns).reset_index(drop=True)
    assert len(passes) == len(one_pass) > 500
    pd.testing.assert_frame_equal(passes, one_pass)
