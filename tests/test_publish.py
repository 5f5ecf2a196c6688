"""Write, audit, publish: rows failing a warning go to `rejected`, a critical failure keeps the old output."""
from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

import pipeline.build as build
from pipeline.cli import EXIT_OK, EXIT_VALIDATION_BLOCKED, main


def folder_hashes(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def tampered(process_document, changes):
    """A process_document that alters the rows of the seed articles as `changes` says."""
    def wrapped(document, ruleset=None, seconds=None):
        result = process_document(document, ruleset, seconds)
        rows = result.observation_rows
        for row in rows:
            for (indicator, measure), edit in changes.items():
                if row["indicator"] == indicator and row["measure"] == measure:
                    row.update(edit)
        return build.ArticleResult.from_rows(result.document_row, rows)
    return wrapped


@pytest.fixture()
def good_output(tmp_path, seeds_dir):
    output = tmp_path / "output"
    result = CliRunner().invoke(main, ["build", str(seeds_dir), "-o", str(output)])
    assert result.exit_code == EXIT_OK, result.output
    return output


def test_warning_failures_are_rejected_with_the_expectation_that_failed(tmp_path, seeds_dir, monkeypatch):
    changes = {
        ("poverty_rate", "level"): {"value": 150.0, "value_std": 150.0},
        ("budget_revenue", "level"): {"value": 68_000_000_000.0, "value_std": 68_000_000_000.0},
    }
    monkeypatch.setattr(build, "process_document", tampered(build.process_document, changes))
    output = tmp_path / "output"
    result = CliRunner().invoke(main, ["build", str(seeds_dir), "-o", str(output)])
    assert result.exit_code == EXIT_OK, result.output
    rejected = pd.read_parquet(output / "rejected")
    assert sorted(zip(rejected["indicator"].astype(str), rejected["expectation"])) == [
        ("budget_revenue", "plausible budget_revenue"),
        ("poverty_rate", "rate within 0..100; plausible poverty_rate"),
    ]
    kept = pd.read_parquet(output / "observations")
    assert len(kept) == 10 and 150.0 not in set(kept["value"])


def test_a_duplicate_obs_id_blocks_the_publish_and_keeps_the_old_output(good_output, seeds_dir, monkeypatch):
    before = folder_hashes(good_output)
    changes = {("poverty_rate", "level"): {"obs_id": "same-id"}, ("near_poverty_rate", "level"): {"obs_id": "same-id"},
               ("budget_revenue", "level"): {"value": 68_000_000_000.0, "value_std": 68_000_000_000.0}}
    monkeypatch.setattr(build, "process_document", tampered(build.process_document, changes))
    result = CliRunner().invoke(main, ["build", str(seeds_dir), "-o", str(good_output)])
    assert result.exit_code == EXIT_VALIDATION_BLOCKED
    assert "obs_id unique" in result.output
    assert folder_hashes(good_output) == before
    assert sorted(p.name for p in good_output.parent.iterdir()) == [".output.lock", "output"]  # no staging left


def test_validate_passes_a_good_build_and_names_what_a_tampered_one_breaks(good_output, tmp_path):
    runner = CliRunner()
    ok = runner.invoke(main, ["validate", str(good_output), "--report", str(tmp_path / "report.json")])
    assert ok.exit_code == EXIT_OK, ok.output
    assert "observations   ok" in ok.output
    assert (tmp_path / "report.json").read_text().startswith("{")

    part = good_output / "observations" / "part-0.parquet"
    table = pq.read_table(part)
    frame = table.to_pandas()
    frame.loc[0, "obs_id"] = frame.loc[1, "obs_id"]
    pq.write_table(table.from_pandas(frame, schema=table.schema, preserve_index=False), part)
    broken = runner.invoke(main, ["validate", str(good_output)])
    assert broken.exit_code == EXIT_VALIDATION_BLOCKED
    assert "obs_id unique" in broken.output


def test_extract_and_help_do_not_import_great_expectations(seeds_dir):
    code = (
        "import sys; from click.testing import CliRunner; from pipeline.cli import main; "
        f"r = CliRunner().invoke(main, ['extract', {str(seeds_dir / '001_babe91905b15a2ec.txt')!r}]); "
        "assert r.exit_code == 0, r.output; "
        "r = CliRunner().invoke(main, ['--help']); assert r.exit_code == 0; "
        "print(sorted(m for m in sys.modules if m.startswith(('great_expectations', 'dask'))))"
    )
    printed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert printed.strip() == "[]"


@pytest.mark.parametrize("input_files", [[], [("a.txt", "1" * 64), ("thư mục/b.txt", "unreadable: Permission denied")]])
def test_the_streamed_manifest_is_the_json_of_the_whole_map(tmp_path, input_files):
    from pipeline.publish import write_manifest

    manifest = {"tool": "vn-indicators", "counts": {"documents": 2}, "version": "1"}
    write_manifest(tmp_path, manifest, input_files=iter(input_files))
    expected = json.dumps({**manifest, "input_files": dict(input_files)}, indent=2, ensure_ascii=False, sort_keys=True)
    assert (tmp_path / "manifest.json").read_text(encoding="utf-8") == expected + "\n"
