"""Bad input, crashes and reruns: nothing lost, nothing half-written, the same answer twice."""
from __future__ import annotations

import hashlib
import json
import math
import os
import shutil
import signal
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.encodings import encode_tcvn3, encode_vni
from tests.test_encodings import to_cp1258
from pipeline.extract import extract
from pipeline.rules import load_rules

REPO = Path(__file__).resolve().parent.parent
ARTICLE = (
    "Huyện Yên Thành tổng kết năm 2022\n"
    "03/01/2023 14:20 Số lượt xem: 218\n"
    "Sáng 28/12, UBND huyện Yên Thành tổ chức hội nghị tổng kết năm 2022. Tổng thu ngân sách nhà nước "
    "trên địa bàn ước đạt 412,5 tỷ đồng, bằng 108% dự toán. Tỷ lệ hộ nghèo giảm còn 2,15%; "
    "thu nhập bình quân đầu người đạt 48,6 triệu đồng.\n"
)
OBSERVATION_KEY = ["indicator", "measure", "value", "unit", "year", "period", "status", "basis"]


def sha(path: Path) -> dict[str, str]:
    return {str(p.relative_to(path)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(path.rglob("*")) if p.is_file()}


def run_build(inputs: list[Path], output: Path, *extra: str, env: dict | None = None,
              wait: bool = True) -> subprocess.Popen | subprocess.CompletedProcess:
    command = [sys.executable, "-m", "pipeline.cli", "build", *map(str, inputs), "-o", str(output), *extra]
    environment = {**os.environ, **(env or {})}
    if wait:
        return subprocess.run(command, capture_output=True, text=True, cwd=REPO, env=environment)
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO,
                            env=environment)


@pytest.fixture(scope="module")
def bad_input(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("bad") / "input"
    folder.mkdir()
    (folder / "utf8.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "utf8_bom.txt").write_bytes("\ufeff".encode() + (ARTICLE + "Bản có BOM.\n").encode())
    (folder / "utf16.txt").write_bytes((ARTICLE + "Bản UTF-16.\n").encode("utf-16"))
    (folder / "nfd.txt").write_text(unicodedata.normalize("NFD", ARTICLE + "Bản NFD.\n"), encoding="utf-8")
    (folder / "tcvn3.txt").write_bytes(encode_tcvn3(ARTICLE + "Bản TCVN3.\n"))
    (folder / "vni.txt").write_bytes(encode_vni(ARTICLE + "Bản VNI.\n"))
    (folder / "cp1258.txt").write_bytes(to_cp1258(ARTICLE + "Bản cp1258.\n"))
    (folder / "mojibake.txt").write_text((ARTICLE + "Bản lỗi mã.\n").encode("utf-8").decode("cp1252", errors="replace"),
                                         encoding="utf-8")
    (folder / "empty.txt").write_text("")
    (folder / "spaces.txt").write_text("  \n\t \n")
    (folder / "scan.txt").write_bytes(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
    (folder / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (folder / "page.html").write_text(
        "<html><head><script>var x='999 tỷ đồng';</script><style>p{}</style></head><body><nav>Trang chủ | Tin tức</nav>"
        "<h1>Huyện Yên Thành tổng kết năm 2022</h1><p>" + ARTICLE.split("\n", 2)[2] + "</p>"
        "<footer>Liên hệ 0239.3856.412</footer></body></html>", encoding="utf-8")
    lines = [json.dumps({"url": "https://yenthanh.example.vn/1", "title": "Tin 1", "text": ARTICLE}),
             json.dumps({"url": "https://yenthanh.example.vn/2", "text": ARTICLE + "Bản JSONL.\n"}), "{broken",
             json.dumps({"content": "Bài không có số liệu nào."})]
    (folder / "feed.jsonl").write_text("\n".join(lines), encoding="utf-8")
    (folder / "loop").mkdir()
    os.symlink("..", folder / "loop" / "up")  # a symlink loop
    return folder


@pytest.fixture(scope="module")
def bad_build(bad_input, tmp_path_factory):
    output = tmp_path_factory.mktemp("bad_out") / "output"
    result = run_build([bad_input], output)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return output, result.stdout


def test_every_file_and_line_has_a_document_row_with_its_status(bad_build):
    output, _ = bad_build
    documents = pd.read_parquet(output / "documents")
    statuses = dict(zip(documents["source"], documents["status"].astype(str)))
    assert statuses == {
        "cp1258.txt": "ok", "empty.txt": "empty", "feed.jsonl#L3": "unreadable", "feed.jsonl#L4": "no_indicators",
        "https://yenthanh.example.vn/1": "ok", "https://yenthanh.example.vn/2": "ok", "mojibake.txt": "ok", "nfd.txt": "ok", "page.html": "ok",
        "photo.txt": "unreadable", "scan.txt": "unreadable", "spaces.txt": "empty", "tcvn3.txt": "ok",
        "utf16.txt": "ok", "utf8.txt": "duplicate", "utf8_bom.txt": "ok", "vni.txt": "ok",
    }
    errors = dict(zip(documents["source"], documents["error"]))
    assert "PDF" in errors["scan.txt"] and "PNG" in errors["photo.txt"]
    assert errors["feed.jsonl#L3"].startswith("broken JSON line")
    assert errors["utf8.txt"] == "same text as https://yenthanh.example.vn/1"
    encodings = dict(zip(documents["source"], documents["encoding"].astype(str)))
    assert (encodings["tcvn3.txt"], encodings["vni.txt"], encodings["cp1258.txt"], encodings["utf16.txt"]) == \
        ("tcvn3", "vni", "cp1258", "utf-16")


def test_every_readable_version_gives_the_same_observations(bad_build):
    output, _ = bad_build
    observations = pd.read_parquet(output / "observations")
    expected = observations[observations["source"] == "https://yenthanh.example.vn/1"][OBSERVATION_KEY].astype(str).values.tolist()
    assert len(expected) == 4
    for source in ("utf8_bom.txt", "utf16.txt", "nfd.txt", "tcvn3.txt", "vni.txt", "cp1258.txt", "mojibake.txt",
                   "page.html", "https://yenthanh.example.vn/2"):
        rows = observations[observations["source"] == source][OBSERVATION_KEY].astype(str).values.tolist()
        assert rows == expected, source


def test_the_summary_counts_each_status(bad_build):
    _, printed = bad_build
    assert "duplicate 1, empty 2, no_indicators 1, ok 10, unreadable 3" in printed


def test_a_build_killed_before_publishing_leaves_the_old_output_and_the_next_one_succeeds(tmp_path, seeds_dir):
    output = tmp_path / "output"
    assert run_build([seeds_dir], output).returncode == 0
    before = sha(output)
    victim = run_build([seeds_dir / "000_31fdb8ba51b1d058.txt"], output, env={"INDICATORS_PAUSE_BEFORE_PUBLISH": "60"},
                       wait=False)
    staging = _wait_for(lambda: list(tmp_path.glob(".output.staging-*")), 60)
    assert staging, "the build never reached its staging folder"
    time.sleep(0.3)
    victim.send_signal(signal.SIGKILL)
    victim.wait(10)
    assert sha(output) == before
    pd.read_parquet(output / "observations")  # still readable
    again = run_build([seeds_dir], output)
    assert again.returncode == 0, again.stderr
    assert not list(tmp_path.glob(".output.staging-*"))
    assert sha(output)["observations/part-0.parquet"] == before["observations/part-0.parquet"]


def test_sigterm_stops_a_build_and_its_workers_and_keeps_the_old_output(tmp_path, seeds_dir):
    import psutil

    output = tmp_path / "output"
    assert run_build([seeds_dir], output).returncode == 0
    before = sha(output)
    corpus = tmp_path / "corpus"  # enough batches of articles for the worker pool to start
    subprocess.run([sys.executable, "benchmarks/generate.py", str(corpus), "--articles", "1200"], cwd=REPO, check=True,
                   capture_output=True)
    victim = run_build([corpus], output, "--workers", "2", "--no-cache", wait=False)
    build = psutil.Process(victim.pid)
    workers = _wait_for(lambda: [p for p in build.children(recursive=True) if p.ppid() != victim.pid], 60)
    assert workers, "the build never started its workers"
    victim.send_signal(signal.SIGTERM)
    _, stderr = victim.communicate(timeout=30)
    assert victim.returncode == 143, stderr
    assert "build stopped (SIGTERM); the previous output is unchanged" in stderr
    assert _wait_for(lambda: not any(_alive(p) for p in workers), 10), "workers outlived the build"
    assert sha(output) == before
    assert not list(tmp_path.glob(".output.staging-*"))


def _alive(process) -> bool:
    import psutil

    try:
        return process.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def test_a_second_build_into_the_same_output_waits_or_says_why(tmp_path, seeds_dir):
    output = tmp_path / "output"
    first = run_build([seeds_dir], output, env={"INDICATORS_PAUSE_BEFORE_PUBLISH": "8"}, wait=False)
    assert _wait_for(lambda: list(tmp_path.glob(".output.staging-*")), 60)
    refused = run_build([seeds_dir], output)
    assert refused.returncode == 7 and "another build is writing" in refused.stderr
    waited = run_build([seeds_dir], output, "--wait", "60")
    assert waited.returncode == 0, waited.stderr
    assert first.wait(60) == 0


def test_same_input_in_another_order_gives_identical_tables(tmp_path, seeds_dir, dev_corpus):
    forward, backward = tmp_path / "a", tmp_path / "b"
    files = sorted((dev_corpus / "texts").glob("dev_00*.txt"))
    for folder, order in ((forward, files), (backward, list(reversed(files)))):
        folder.mkdir()
        for number, path in enumerate(order):  # same names, files created in another order
            shutil.copy(path, folder / path.name)
            os.utime(folder / path.name, (1_000_000 + number, 1_000_000 + number))
    out_a, out_b = tmp_path / "out_a", tmp_path / "out_b"
    assert run_build([forward], out_a).returncode == 0
    assert run_build([backward], out_b).returncode == 0
    for table in ("observations", "documents", "series", "rejected"):
        assert sha(out_a / table) == sha(out_b / table), table


def _wait_for(condition, seconds: float):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(0.1)
    return None


RULES = load_rules()
VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
text_parts = st.one_of(
    st.text(alphabet=VIETNAMESE + VIETNAMESE.upper() + " ,.;:%()-/\n0123456789", max_size=80),
    st.sampled_from(["tổng thu ngân sách", "tỷ lệ hộ nghèo", "tăng", "giảm", "ước đạt", "tỷ đồng", "triệu USD",
                     "%", "so với năm 2020", "kế hoạch", "trong đó", "quý III/2024", "1.234,5", "0 74%", "8-9%",
                     "16 tỷ 434 triệu đồng", "(12,1/8,7%)", "năm 2021", "|", "\u00a0", "–"]),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(text_parts, max_size=25).map("".join))
def test_the_extractor_never_raises_and_every_span_points_at_its_raw_text(text):
    text = unicodedata.normalize("NFC", text)
    for mention in extract(text, RULES).mentions:
        assert math.isfinite(mention.value)
        assert mention.value_high is None or math.isfinite(mention.value_high)
        assert text[mention.span_start:mention.span_end].strip() == mention.raw


def test_a_100_mb_text_file_is_processed_in_parts_with_bounded_memory(tmp_path):
    import resource

    folder = tmp_path / "input"
    folder.mkdir()
    filler = ("Công tác cải cách hành chính được đẩy mạnh, người dân hài lòng với các thủ tục; các phòng ban "
              "tăng cường phối hợp trong quản lý đất đai, trật tự đô thị và bảo vệ môi trường.\n").encode()
    with (folder / "huge.txt").open("wb") as handle:
        handle.write(ARTICLE.encode())
        for number in range(100_000_000 // len(filler)):
            tag = "".join(chr(97 + (number // 26 ** k) % 26) for k in range(4)).encode()
            handle.write(b"Tin " + tag + b": " + filler)  # paragraphs tagged with letters: no two parts alike
        handle.write("Năm 2023, thu ngân sách trên địa bàn đạt 98,7 tỷ đồng.\n".encode())
    assert (folder / "huge.txt").stat().st_size > 100_000_000
    result = run_build([folder], tmp_path / "output")
    assert result.returncode == 0, result.stderr
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    assert peak_mb < 1500, f"peak RSS {peak_mb:.0f} MB"
    documents = pd.read_parquet(tmp_path / "output" / "documents")
    assert len(documents) == 25 and documents["source"].str.startswith("huge.txt#part").all()
    assert set(documents["status"].astype(str)) == {"ok", "no_indicators"}
    observations = pd.read_parquet(tmp_path / "output" / "observations")
    assert sorted(observations["value"].tolist()) == [2.15, 48.6, 108.0, 412.5]
    # the last part names no place (the article's place is in its first part): rejected, not published
    rejected = pd.read_parquet(tmp_path / "output" / "rejected")
    assert rejected[["value", "expectation"]].values.tolist() == [[98.7, "area told by the article"]]
