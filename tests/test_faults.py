"""Faults of the machine, injected: full disks, read-only folders, files that vanish.

Each fault must end in one line naming what was written, the path and the cause, with its
documented exit code, and leave the previous output byte for byte. The real file-system tests
run the build inside a user and mount namespace (`unshare -Urm`) on a tiny tmpfs.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from pipeline import ingest
from pipeline.build import build_dataset
from pipeline.cli import main
from tests.test_robustness import REPO, sha

EXIT_NO_SPACE, EXIT_NOT_WRITABLE, EXIT_DEVICE_ERROR = 9, 10, 11


@pytest.fixture(scope="module")
def previous_output(tmp_path_factory, seeds_dir) -> Path:
    """A good output of the seeds, copied for each test that tries to replace it."""
    output = tmp_path_factory.mktemp("previous") / "output"
    result = CliRunner().invoke(main, ["build", str(seeds_dir), "-o", str(output)])
    assert result.exit_code == 0, result.output
    return output


@pytest.fixture
def output(previous_output, tmp_path) -> Path:
    copy = tmp_path / "output"
    shutil.copytree(previous_output, copy)
    return copy


WRITES = [  # (what the build writes, the errno the machine answers, the exit code, what the line says)
    ("lock file", "EROFS", EXIT_NOT_WRITABLE, "read-only file system"),
    ("staging folder", "EACCES", EXIT_NOT_WRITABLE, "permission denied"),
    ("spill file", "ENOSPC", EXIT_NO_SPACE, "no space left on the device"),
    ("cache", "ENOSPC", EXIT_NO_SPACE, "no space left on the device"),
    ("observations table", "ENOSPC", EXIT_NO_SPACE, "no space left on the device"),
    ("rejected table", "EDQUOT", EXIT_NO_SPACE, "the disk quota is used up"),
    ("documents table", "EIO", EXIT_DEVICE_ERROR, "input/output error of the device"),
    ("series table", "ENOSPC", EXIT_NO_SPACE, "no space left on the device"),
    ("manifest", "ENOSPC", EXIT_NO_SPACE, "no space left on the device"),
    ("output folder", "EROFS", EXIT_NOT_WRITABLE, "read-only file system"),
]


@pytest.mark.parametrize("what, errno_name, exit_code, cause", WRITES, ids=[w[0] for w in WRITES])
def test_a_fault_at_each_write_is_one_line_with_its_exit_code_and_the_previous_output_stays(
        output, tmp_path, seeds_dir, monkeypatch, what, errno_name, exit_code, cause):
    before = sha(output)
    monkeypatch.setenv("INDICATORS_FAULT_AT", f"{what}:{errno_name}")
    result = CliRunner().invoke(main, ["build", str(seeds_dir), "-o", str(output), "--cache", str(tmp_path / "cache")])
    assert result.exit_code == exit_code, result.output
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith(f"build failed: cannot write the {what} {tmp_path}")
    assert line.endswith(f": {cause}; the previous output is unchanged")
    assert sha(output) == before
    assert not [p for p in tmp_path.iterdir() if ".staging-" in p.name or ".old-" in p.name]


def test_debug_shows_the_traceback_of_a_fault_for_a_bug_report(output, seeds_dir, monkeypatch):
    monkeypatch.setenv("INDICATORS_FAULT_AT", "manifest:ENOSPC")
    result = CliRunner().invoke(main, ["--debug", "build", str(seeds_dir), "-o", str(output)])
    assert result.exit_code == EXIT_NO_SPACE
    assert "Traceback (most recent call last)" in result.stderr
    assert "OSError: [Errno 28] No space left on device" in result.stderr
    assert result.stderr.splitlines()[-1].startswith("build failed: cannot write the manifest ")


def test_a_bug_keeps_its_traceback(output, seeds_dir, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError(22, "Invalid argument")  # EINVAL: not the machine's fault

    monkeypatch.setattr("pipeline.publish.write_manifest", broken)
    monkeypatch.setattr("pipeline.build.write_manifest", broken)
    result = CliRunner().invoke(main, ["build", str(seeds_dir), "-o", str(output)])
    assert isinstance(result.exception, OSError) and result.exception.errno == 22


def test_an_input_that_vanished_after_the_walk_is_a_documents_row(tmp_path, seeds_dir, monkeypatch):
    inputs = tmp_path / "inputs"
    shutil.copytree(seeds_dir, inputs)
    gone = sorted(inputs.glob("*.txt"))[0]
    walk = ingest.find_sources

    def walk_then_lose_one(paths):
        for source, path, root in walk(paths):
            if path == gone:
                path.unlink()
            yield source, path, root

    monkeypatch.setattr("pipeline.build.find_sources", walk_then_lose_one)
    report = build_dataset([inputs], tmp_path / "output")
    documents = pd.read_parquet(tmp_path / "output" / "documents").set_index("source")
    assert documents.loc[gone.name, ["status", "error"]].tolist() == [
        "unreadable", "the file vanished between the walk of the inputs and its reading"]
    assert report.statuses["ok"] == len(list(seeds_dir.glob("*.txt"))) - 1


# --- a real full disk and a real read-only folder ------------------------------------------

def _namespaces_work() -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "-Urm", "sh", "-c", "mount -t tmpfs -o size=1m tmpfs /mnt"],
                           capture_output=True)
    return probe.returncode == 0


needs_namespaces = pytest.mark.skipif(not _namespaces_work(),
                                      reason="mounting a tmpfs needs user and mount namespaces (unshare -Urm), "
                                             "which this kernel or container does not allow")


def _in_tmpfs(tmp_path: Path, script: str) -> subprocess.CompletedProcess:
    """Run `script` in a new mount namespace where $DISK is a 64 MB tmpfs over tmp_path/disk."""
    disk = tmp_path / "disk"
    disk.mkdir()
    body = textwrap.dedent(f"""\
        set -u
        DISK={disk}
        mount -t tmpfs -o size=64m tmpfs "$DISK"
        build() {{ {sys.executable} -m pipeline.cli build "$@"; }}
        """) + textwrap.dedent(script)
    return subprocess.run(["unshare", "-Urm", "bash", "-c", body], capture_output=True, text=True, cwd=REPO)


FIRST_BUILD = """\
    build {seeds} -o "$DISK/out" --cache "$DISK/cache" > /dev/null 2>&1 || exit 90
    (cd "$DISK/out" && find . -type f | sort | xargs sha256sum) > "$DISK/../before.txt"
    """
CHECK_AFTER = """\
    echo "exit $code" > "$DISK/../exit.txt"
    (cd "$DISK/out" && find . -type f | sort | xargs sha256sum) > "$DISK/../after.txt"
    ls -a "$DISK" > "$DISK/../listing.txt"
    """


@needs_namespaces
@pytest.mark.parametrize("free_kb, cached", [(16, True), (400, True), (16, False), (60, False), (150, False)])
def test_a_disk_that_fills_during_a_build_ends_in_one_line_and_keeps_the_previous_output(
        tmp_path, seeds_dir, dev_corpus, free_kb, cached):
    cache = '--cache "$DISK/cache"' if cached else "--no-cache"
    result = _in_tmpfs(tmp_path, FIRST_BUILD.format(seeds=seeds_dir) + f"""\
        avail=$(df --output=avail -k "$DISK" | tail -1)
        fallocate -l $(( (avail - {free_kb}) * 1024 )) "$DISK/filler"
        build {dev_corpus} -o "$DISK/out" {cache}; code=$?
        """ + CHECK_AFTER)
    assert (tmp_path / "exit.txt").read_text().split() == ["exit", str(EXIT_NO_SPACE)], result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith("build failed: cannot write the ") and line.endswith(
        ": no space left on the device; the previous output is unchanged")
    assert (tmp_path / "after.txt").read_text() == (tmp_path / "before.txt").read_text()
    assert (tmp_path / "listing.txt").read_text().split() == [".", "..", ".out.lock", "cache", "filler", "out"]


@needs_namespaces
def test_a_read_only_output_folder_ends_in_one_line_and_keeps_the_previous_output(tmp_path, seeds_dir):
    result = _in_tmpfs(tmp_path, FIRST_BUILD.format(seeds=seeds_dir) + f"""\
        mount -o remount,ro "$DISK"
        build {seeds_dir} -o "$DISK/out" --no-cache; code=$?
        """ + CHECK_AFTER)
    assert (tmp_path / "exit.txt").read_text().split() == ["exit", str(EXIT_NOT_WRITABLE)], result.stderr
    assert result.stderr.splitlines() == [
        f"build failed: cannot write the lock file {tmp_path}/disk/.out.lock: read-only file system; "
        "the previous output is unchanged"]
    assert (tmp_path / "after.txt").read_text() == (tmp_path / "before.txt").read_text()


@needs_namespaces
def test_a_read_only_cache_folder_is_left_aside_and_the_build_succeeds(tmp_path, seeds_dir):
    """The cache only saves time: a build that cannot write it extracts every article and says so."""
    result = _in_tmpfs(tmp_path, FIRST_BUILD.format(seeds=seeds_dir) + f"""\
        mount -o remount,ro "$DISK"
        build {seeds_dir} -o "$DISK/../out2" --cache "$DISK/cache"; code=$?
        """ + CHECK_AFTER)
    assert (tmp_path / "exit.txt").read_text().split() == ["exit", "0"], result.stderr
    assert (f"  cache         not used: the cache folder {tmp_path}/disk/cache cannot be opened "
            "(Read-only file system)") in result.stdout
    assert sha(tmp_path / "out2")["observations/part-0.parquet"]
