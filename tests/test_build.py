"""`indicators build`: Parquet tables with the contract's types, one document row per input."""
from __future__ import annotations

import gc
import json
import shutil

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.publish import recover
from pipeline.tidy import OBSERVATION_COLUMNS

CODE = pa.dictionary(pa.int32(), pa.string())
EXPECTED_TYPES = {
    "obs_id": pa.string(), "published": pa.date32(), "indicator": CODE, "measure": CODE, "value": pa.float64(),
    "value_high": pa.float64(), "value_std": pa.float64(), "year": pa.int16(), "basis_year": pa.int16(),
    "span_start": pa.int32(), "span_end": pa.int32(), "derived": pa.bool_(), "unit": CODE, "status": CODE,
}


@pytest.fixture(scope="module")
def built(tmp_path_factory, seeds_dir):
    corpus = tmp_path_factory.mktemp("corpus")
    shutil.copytree(seeds_dir, corpus / "seeds")
    (corpus / "empty.txt").write_text("   \n")
    (corpus / "distractor.txt").write_text("Tin bầu cử\nTỷ lệ cử tri đi bầu đạt 99,87%; có 12 xã, phường.\n")
    (corpus / "notes.csv").write_text("not an article")
    output = tmp_path_factory.mktemp("out") / "output"
    result = CliRunner().invoke(main, ["build", str(corpus), "-o", str(output)])
    assert result.exit_code == 0, result.output
    return output, result.output


def test_observations_have_the_contract_columns_and_types(built):
    output, _ = built
    schema = pq.read_schema(output / "observations" / "part-0.parquet")
    assert schema.names == OBSERVATION_COLUMNS
    for name, kind in EXPECTED_TYPES.items():
        assert schema.field(name).type == kind, name
    assert schema.field("value").metadata[b"description"]
    assert schema.field("year").metadata[b"description"] == b"the year the figure is about"


def test_every_input_file_has_a_document_row(built):
    output, _ = built
    documents = pq.read_table(output / "documents").to_pandas()
    assert documents[["source", "status", "n_observations"]].values.tolist() == [
        ["distractor.txt", "no_indicators", 0],
        ["empty.txt", "empty", 0],
        ["seeds/000_31fdb8ba51b1d058.txt", "ok", 6],
        ["seeds/001_babe91905b15a2ec.txt", "ok", 6],
    ]


def test_rows_are_in_a_fixed_order_and_ids_are_unique(built):
    output, _ = built
    observations = pq.read_table(output / "observations").to_pandas()
    keys = list(zip(observations["source"], observations["span_start"], observations["indicator"]))
    assert keys == sorted(keys)
    assert observations["obs_id"].is_unique


def test_manifest_counts_hashes_and_timings(built):
    output, _ = built
    manifest = json.loads((output / "manifest.json").read_text())
    assert manifest["counts"] == {"observations": 12, "rejected": 0, "documents": 4, "series": 16}
    assert sorted(manifest["input_files"]) == ["distractor.txt", "empty.txt", "seeds/000_31fdb8ba51b1d058.txt",
                                               "seeds/001_babe91905b15a2ec.txt"]
    assert all(len(h) == 64 for h in manifest["input_files"].values())
    assert set(manifest["timings_seconds"]) == {"ingest+extract", "validate", "series"}
    assert manifest["validation"]["observations"]["success"] is True


def test_summary_is_printed(built):
    _, printed = built
    assert "observations        12" in printed
    assert "empty 1, no_indicators 1, ok 2" in printed


def test_rebuild_replaces_output_and_leaves_no_staging(built, tmp_path, seeds_dir):
    output = tmp_path / "output"
    output.mkdir()
    (output / "README.md").write_text("kept")
    (output / "stale.txt").write_text("old build product")
    result = CliRunner().invoke(main, ["build", str(seeds_dir), "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in output.iterdir()) == ["README.md", "documents", "manifest.json", "observations", "rejected", "series"]
    assert (output / "README.md").read_text() == "kept"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".output.lock", "output"]


def test_a_build_leaves_the_cycle_collector_as_it_found_it(seeds_dir, tmp_path, monkeypatch):
    """The build pauses automatic collection while it gathers rows and freezes what lives all build
    long; a notebook that calls it must get both back, also when the build fails."""
    from pipeline import build as build_module

    assert gc.isenabled() and gc.get_freeze_count() == 0
    build_module.build_dataset([seeds_dir], tmp_path / "out", options=build_module.RunOptions())
    assert gc.isenabled() and gc.get_freeze_count() == 0

    def broken(*args, **kwargs):
        raise RuntimeError("validation crashed")

    monkeypatch.setattr("pipeline.validate.validate_tables", broken)
    with pytest.raises(RuntimeError, match="validation crashed"):
        build_module.build_dataset([seeds_dir], tmp_path / "out2", options=build_module.RunOptions())
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_recover_restores_an_output_left_half_swapped(tmp_path):
    old = tmp_path / ".output.old-1234abcd"
    old.mkdir()
    (old / "manifest.json").write_text("{}")
    staging = tmp_path / ".output.staging-5678abcd"
    staging.mkdir()
    recover(tmp_path / "output")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]
    assert (tmp_path / "output" / "manifest.json").read_text() == "{}"


def test_nothing_readable_exits_with_its_own_code(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_bytes(b"\x00\x01\x02")
    result = CliRunner().invoke(main, ["build", str(tmp_path / "in"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 4
