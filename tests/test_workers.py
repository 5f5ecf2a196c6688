"""Killed and hung workers: a dead worker costs a retry, an article that keeps killing workers or
runs past the time limit is one `failed` document, and every other row is that of an undisturbed
build (tests of the whole command, on a generated corpus large enough for the worker pool)."""
from __future__ import annotations

import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from pipeline.engines.dask import KILLED_REPEATEDLY
from pipeline.engines.local import KILLED_TWICE
from pipeline.rules import lexicon_dir
from tests.test_robustness import REPO, _wait_for, run_build, sha

ARTICLES = 1200  # six batches: the first runs in the build's own process, the others in the pool
KILLER = ("UBND xã Tân Lập báo cáo tình hình kinh tế - xã hội năm 2023.\n"
          "Tổng thu ngân sách trên địa bàn ước đạt 12,4 tỷ đồng. MARKER-KILLS-ITS-WORKER\n")
SLOW = ("UBND xã Tân Hòa báo cáo tình hình kinh tế - xã hội năm 2023.\n"
        "Tổng thu ngân sách trên địa bàn ước đạt 9,8 tỷ đồng. Mã hồ sơ zzslow" + "7" * 40 + ".\n")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("workers") / "corpus"
    subprocess.run([sys.executable, "benchmarks/generate.py", str(folder), "--articles", str(ARTICLES)], cwd=REPO,
                   check=True, capture_output=True)
    return folder


@pytest.fixture(scope="module")
def undisturbed(corpus, tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("undisturbed") / "output"
    result = run_build([corpus], output, "--workers", "2")
    assert result.returncode == 0, result.stderr
    assert "workers lost" not in result.stdout
    return output


def with_extra_article(corpus: Path, tmp_path: Path, name: str, text: str) -> Path:
    """The corpus and one more article whose source sorts last (so it is in a batch of the pool)."""
    copy = tmp_path / "corpus"
    shutil.copytree(corpus, copy)
    (copy / "zzz").mkdir()
    (copy / "zzz" / name).write_text(text, encoding="utf-8")
    return copy


def assert_same_rows_but(output: Path, undisturbed: Path, failed_source: str, reason: str) -> None:
    assert sha(output)["observations/part-0.parquet"] == sha(undisturbed)["observations/part-0.parquet"]
    documents = pd.read_parquet(output / "documents")
    failed = documents[documents["status"] == "failed"]
    assert failed[["source", "error"]].values.tolist() == [[failed_source, reason]]
    others = documents[documents["source"] != failed_source].reset_index(drop=True)
    pd.testing.assert_frame_equal(others, pd.read_parquet(undisturbed / "documents"), check_dtype=False,
                                  check_categorical=False)


def test_a_worker_killed_during_a_build_costs_a_retry_and_the_same_rows(corpus, undisturbed, tmp_path):
    import psutil

    output = tmp_path / "output"
    build = run_build([corpus], output, "--workers", "2", "--no-cache", wait=False)
    parent = psutil.Process(build.pid)
    workers = _wait_for(lambda: [p for p in parent.children(recursive=True) if p.ppid() != build.pid], 60)
    assert workers, "the build never started its workers"
    workers[0].send_signal(signal.SIGKILL)
    stdout, stderr = build.communicate(timeout=120)
    assert build.returncode == 0, stderr
    assert "Traceback" not in stderr
    [line] = [line for line in stdout.splitlines() if line.startswith("  workers lost")]
    assert line.split()[2] == "1" and line.endswith(" 0 articles run alone; 0 failed (see documents)"), line
    assert sha(output)["observations/part-0.parquet"] == sha(undisturbed)["observations/part-0.parquet"]
    pd.testing.assert_frame_equal(pd.read_parquet(output / "documents"), pd.read_parquet(undisturbed / "documents"))


def test_an_article_that_keeps_killing_workers_is_one_failed_document(corpus, undisturbed, tmp_path):
    inputs = with_extra_article(corpus, tmp_path, "killer.txt", KILLER)
    output = tmp_path / "output"
    result = run_build([inputs], output, "--workers", "2", env={"INDICATORS_KILL_WORKER_ON": "MARKER-KILLS-ITS-WORKER"})
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert_same_rows_but(output, undisturbed, "zzz/killer.txt", KILLED_TWICE)
    [line] = [line for line in result.stdout.splitlines() if line.startswith("  workers lost")]
    assert line.endswith("articles run alone; 1 failed (see documents)") and ", 1 articles run alone;" in line


def test_an_article_past_the_time_limit_is_stopped_and_failed_in_a_worker(corpus, undisturbed, tmp_path):
    inputs = with_extra_article(corpus, tmp_path, "slow.txt", SLOW)
    output = tmp_path / "output"
    result = run_build([inputs], output, "--workers", "2", "--article-time-limit", "2",
                       env={"INDICATORS_LEXICON": str(slowed_lexicon(tmp_path))})
    assert result.returncode == 0, result.stderr
    assert_same_rows_but(output, undisturbed, "zzz/slow.txt", "stopped after the time limit of 2 s per article")
    assert "workers lost" not in result.stdout  # the worker stopped the article and went on


def test_an_article_past_the_time_limit_is_stopped_in_the_builds_own_process(seeds_dir, tmp_path):
    inputs = tmp_path / "inputs"
    shutil.copytree(seeds_dir, inputs)
    (inputs / "slow.txt").write_text(SLOW, encoding="utf-8")
    reference = run_build([seeds_dir], tmp_path / "reference", "--workers", "1")
    result = run_build([inputs], tmp_path / "output", "--workers", "1", "--article-time-limit", "1",
                       env={"INDICATORS_LEXICON": str(slowed_lexicon(tmp_path))})
    assert reference.returncode == 0 and result.returncode == 0, result.stderr
    documents = pd.read_parquet(tmp_path / "output" / "documents").set_index("source")
    assert documents.loc["slow.txt", ["status", "error"]].tolist() == [
        "failed", "stopped after the time limit of 1 s per article"]
    assert sha(tmp_path / "output")["observations/part-0.parquet"] == sha(tmp_path / "reference")[
        "observations/part-0.parquet"]


def test_the_dask_engine_gives_up_on_an_article_that_keeps_killing_its_workers(corpus, undisturbed, tmp_path):
    inputs = with_extra_article(corpus, tmp_path, "killer.txt", KILLER)
    output = tmp_path / "output"
    result = run_build([inputs], output, "--engine", "dask", "--workers", "2",
                       env={"INDICATORS_KILL_WORKER_ON": "MARKER-KILLS-ITS-WORKER"})
    assert result.returncode == 0, result.stderr
    assert_same_rows_but(output, undisturbed, "zzz/killer.txt", KILLED_REPEATEDLY)
    [line] = [line for line in result.stdout.splitlines() if line.startswith("  workers lost")]
    assert line.endswith("1 articles run alone; 1 failed (see documents)")


def slowed_lexicon(tmp_path: Path) -> Path:
    """A copy of the rules with one trigger slowed on purpose: a nested repetition that backtracks
    over every way of cutting a long run of digits (2^39 ways for the 40 digits of SLOW)."""
    copy = tmp_path / "lexicon"
    shutil.copytree(lexicon_dir(), copy)
    rule = copy / "indicators" / "budget_revenue.yaml"
    text = rule.read_text(encoding="utf-8")
    slowed = "triggers:\n  - name: slowed_on_purpose\n    pattern: 'zzslow(?:\\d+)+zzend'\n"
    rule.write_text(text.replace("triggers:\n", slowed, 1), encoding="utf-8")
    return copy


def test_the_dask_engine_stops_an_article_past_the_time_limit(seeds_dir, tmp_path):
    """On Dask the limit ends the worker (tasks run in a thread, which no signal reaches): the
    scheduler retries, then the article alone ends its worker again and becomes `failed`."""
    inputs = tmp_path / "inputs"
    shutil.copytree(seeds_dir, inputs)
    (inputs / "slow.txt").write_text(SLOW, encoding="utf-8")
    reference = run_build([seeds_dir], tmp_path / "reference", "--workers", "1")
    result = run_build([inputs], tmp_path / "output", "--engine", "dask", "--workers", "2",
                       "--article-time-limit", "2", env={"INDICATORS_LEXICON": str(slowed_lexicon(tmp_path))})
    assert reference.returncode == 0 and result.returncode == 0, result.stderr
    documents = pd.read_parquet(tmp_path / "output" / "documents").set_index("source")
    assert documents.loc["slow.txt", ["status", "error"]].tolist() == ["failed", KILLED_REPEATEDLY]
    assert sha(tmp_path / "output")["observations/part-0.parquet"] == sha(tmp_path / "reference")[
        "observations/part-0.parquet"]
