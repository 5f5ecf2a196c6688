"""The benchmark tools: the synthetic corpus generator and the baseline extractors."""
from __future__ import annotations

import doctest
import importlib.util
import json
import sys
import unicodedata
from datetime import date
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "benchmarks"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


gen = _load("generate")
base = _load("baselines")


@pytest.fixture(scope="module")
def sample() -> list[tuple[str, str]]:
    return list(gen.generate_articles(300, seed=11))


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# --- generator --------------------------------------------------------------------------------

def test_deterministic_for_a_seed_and_a_prefix_of_a_longer_run():
    first = list(gen.generate_articles(40, seed=3))
    assert first == list(gen.generate_articles(40, seed=3))
    assert first[:15] == list(gen.generate_articles(15, seed=3))
    assert [t for _, t in first] != [t for _, t in gen.generate_articles(40, seed=4)]


def test_n_articles_with_names_and_sizes_in_bounds(sample):
    assert len(sample) == 300
    assert sample[0][0] == "000/000000.txt" and sample[299][0] == "000/000299.txt"
    assert len({t for _, t in sample}) == 300
    sizes = [len(t.encode("utf-8")) for _, t in sample]
    assert all(gen.MIN_BYTES <= s <= gen.MAX_BYTES for s in sizes), (min(sizes), max(sizes))
    assert 2200 <= sum(sizes) / len(sizes) <= 2800


def test_articles_carry_indicators_and_distractors(sample):
    for _, text in sample[:25]:
        text = nfc(text)
        assert "tỷ đồng" in text and "%" in text
    corpus = "\n".join(nfc(t) for _, t in sample)
    for indicator in ("Giá trị sản xuất công nghiệp", "hu ngân sách", "trong đó thu nội địa",
                      "Thu nhập bình quân đầu người", "USD)", "hộ nghèo", "hộ cận nghèo",
                      "tốc độ tăng trưởng kinh tế", "Tổng mức bán lẻ", "Kim ngạch xuất khẩu",
                      "doanh thu du lịch", "kế hoạch", "dự toán", "so với cùng kỳ"):
        assert indicator in corpus, indicator
    for distractor in (" ha ", " tấn", "/NQ-HĐND", "/QĐ-UBND", "% số phiếu", "bảo hiểm y tế",
                       "thiệt hại", "nhiệm kỳ", "giá so sánh 2010"):
        assert distractor in corpus, distractor
    for status in ("ước", "phấn đấu", "đạt"):
        assert status in corpus
    years = {y for y in range(2015, 2026) if f"năm {y}" in corpus}
    assert len(years) >= 8


def test_noise_of_real_pages_appears_in_some_articles(sample):
    texts = [t for _, t in sample]
    nfd = sum(not unicodedata.is_normalized("NFC", t) for t in texts)
    assert 1 <= nfd <= 30                                     # a few percent are NFD
    assert any("\u00a0" in t for t in texts)
    assert any(" %" in t or "%%" in t for t in texts)
    assert any("Giới thiệu" in t.split("\n")[0] or t.startswith(("Trang chủ", "»", "|", "A-"))
               for t in texts)                                # page chrome before the headline
    assert any("Số lượt xem:" in t or "Lượt xem:" in t for t in texts)


def test_txt_layout_shards_folders(tmp_path):
    n, size = gen.write_corpus(tmp_path / "a", 250, seed=1, fmt="txt", per_file=100)
    folders = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert n == 250 and folders == ["000", "001", "002"]
    assert [len(list((tmp_path / "a" / f).iterdir())) for f in folders] == [100, 100, 50]
    files = sorted((tmp_path / "a").rglob("*.txt"))
    assert files[0].relative_to(tmp_path / "a").as_posix() == "000/000000.txt"
    assert size == sum(f.stat().st_size for f in files)
    expected = [t for _, t in gen.generate_articles(250, seed=1)]
    assert [f.read_bytes().decode("utf-8") for f in files] == expected


def test_txt_folders_never_hold_more_than_1000_files(tmp_path, monkeypatch):
    assert gen.MAX_PER_FOLDER == 1000
    monkeypatch.setattr(gen, "MAX_PER_FOLDER", 10)        # the cap, at a size a test can write
    gen.write_corpus(tmp_path, 11, seed=2, fmt="txt", per_file=5000)
    assert len(list((tmp_path / "000").iterdir())) == 10
    assert [p.name for p in (tmp_path / "001").iterdir()] == ["000010.txt"]
    assert gen._txt_name(123_456, 1_000_000) == "123/123456.txt"
    assert gen._txt_name(1_234_567, 2_000_000) == "1234/1234567.txt"


def test_jsonl_shards(tmp_path):
    n, size = gen.write_corpus(tmp_path, 25, seed=9, fmt="jsonl", per_file=10)
    shards = sorted(tmp_path.iterdir())
    assert [p.name for p in shards] == ["part-00000.jsonl", "part-00001.jsonl", "part-00002.jsonl"]
    lines = [l for p in shards for l in p.read_text("utf-8").splitlines()]
    assert [len(p.read_text("utf-8").splitlines()) for p in shards] == [10, 10, 5]
    assert size == sum(p.stat().st_size for p in shards)
    records = [json.loads(l) for l in lines]
    assert all(set(r) == {"url", "title", "published", "text"} for r in records)
    assert [r["text"] for r in records] == [t for _, t in gen.generate_articles(25, seed=9)]
    assert all(r["url"].startswith("https://") for r in records)
    assert all(2014 <= date.fromisoformat(r["published"]).year <= 2026 for r in records)
    assert all(r["title"] is None or r["title"] in nfc(r["text"]) for r in records)


def test_cli_writes_the_corpus(tmp_path):
    assert gen.main([str(tmp_path), "--articles", "12", "--seed", "5", "--format", "jsonl",
                     "--per-file", "5"]) == 0
    assert len(list(tmp_path.glob("part-*.jsonl"))) == 3


def test_doctests_of_both_modules():
    for module in (gen, base):
        assert doctest.testmod(module).failed == 0


# --- baselines --------------------------------------------------------------------------------

def test_floor_parses_vietnamese_numbers_with_units():
    (q,) = base.floor.extract_text("125.952,5 tỷ đồng")
    assert (q.value, q.unit, q.raw) == (125952.5, "tỷ đồng", "125.952,5 tỷ đồng")
    assert base.floor.name == "floor"


def test_floor_finds_exactly_the_numbers_of_a_sentence():
    sentence = ("Năm 2023, thu ngân sách đạt 1.240 tỷ đồng, bằng 104,6% dự toán, tăng 7,2 % so "
                "với năm 2022; thu nhập bình quân 58,7\u00a0triệu đồng (tương đương 2.410 USD).")
    found = base.floor.extract_text(sentence)
    assert [(q.value, q.unit) for q in found] == [
        (2023.0, None), (1240.0, "tỷ đồng"), (104.6, "%"), (7.2, "%"), (2022.0, None),
        (58.7, "triệu đồng"), (2410.0, "USD")]
    assert all(sentence[q.start:q.end] == q.raw for q in found)
    decomposed = unicodedata.normalize("NFD", sentence)
    assert [(q.value, q.unit) for q in base.floor.extract_text(decomposed)] == \
        [(q.value, q.unit) for q in found]


def test_read_and_extract_txt_and_jsonl_agree(tmp_path):
    gen.write_corpus(tmp_path / "txt", 30, seed=4, fmt="txt")
    gen.write_corpus(tmp_path / "jsonl", 30, seed=4, fmt="jsonl", per_file=7)
    n1, b1, i1 = base.read_and_extract([tmp_path / "txt"], base.floor)
    n2, b2, i2 = base.read_and_extract([tmp_path / "jsonl"], base.floor.extract_text)
    assert (n1, i1) == (n2, i2) and n1 == 30 and i1 > 30 * 10
    assert b1 == sum(p.stat().st_size for p in (tmp_path / "txt").rglob("*.txt"))
    assert b2 == sum(p.stat().st_size for p in (tmp_path / "jsonl").iterdir())
    assert base.read_and_extract(sorted((tmp_path / "txt").rglob("*.txt"))[:5], base.floor)[0] == 5


def test_quantulum3_missing_says_how_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "quantulum3", None)
    monkeypatch.setattr(base, "_Q_PARSER", None)
    with pytest.raises(ImportError, match="pip install quantulum3"):
        base.quantulum3.extract_text("tăng 7%")


def test_quantulum3_baseline_runs():
    pytest.importorskip("quantulum3", reason="optional benchmark baseline: "
                        "`.venv/bin/pip install quantulum3` to test it")
    found = base.quantulum3.extract_text("Growth was 7% and exports reached 412 million USD.")
    assert base.quantulum3.name == "quantulum3"
    assert any(q.value == 7.0 for q in found)
    assert all(isinstance(q, base.Quantity) for q in found)


# --- the benchmark script -----------------------------------------------------------------------

def test_run_prints_every_phase_and_a_rebuild_that_extracts_only_the_new_article(tmp_path):
    import re
    import subprocess

    corpus = tmp_path / "corpus"
    gen.write_corpus(corpus, 12, seed=3, fmt="txt")
    done = subprocess.run([sys.executable, str(BENCH / "run.py"), "--corpus", str(corpus), "--workers", "1",
                           "--quantulum-articles", "2", "--rebuild"], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    for phase in ("extract", "pages", "floor", "build"):
        assert any(re.match(rf"{phase} +[\d.]+ MB/s/core +[\d.]+ articles/s/core +peak RSS +\d+ MB "
                            rf"+\(12 articles", line) for line in lines), (phase, done.stdout)
    assert any(re.match(r" +[\d.]+ pages/s/core against [\d.]+ text articles/s/core; [\d.]+ MB/s/core of HTML", line)
               for line in lines), done.stdout
    startups = [line for line in lines if re.match(r" +start-up before the first article .*: [\d.]+ s, not in the rate$", line)]
    assert len(startups) == 2, done.stdout  # extract and pages: timed apart from their rates
    assert any(line.startswith("quantulum3 ") for line in lines)  # a figure, or why it was not measured
    assert any(re.match(r"first build +extracted 12, from the cache 0;", line) for line in lines), done.stdout
    assert any(re.match(r"rebuild +extracted 1, from the cache 12;", line) for line in lines), done.stdout
    assert any("rebuild extraction / first extraction = " in line for line in lines)
    assert len(list(corpus.rglob("*.txt"))) == 12  # the added article is taken away again
