"""Speed and memory of the product against a floor and a general-purpose quantity extractor.

    .venv/bin/python benchmarks/run.py [--articles 2000] [--workers 2] [--quantulum-articles 200] [--pages-articles 1000]
                                       [--rebuild] [--rss 20000,200000] [--corpus DIR] [--keep]

For one synthetic corpus (benchmarks/generate.py) it prints, per phase: MB/s and articles/s per
core, and the peak RSS of the process that ran it. The engine's start-up (compiling the rules, loading the place
data: once per process) is timed apart and printed under the rate, which is the one a build of many
articles sees:

- floor       read + NFC + one regex pass over the numbers, parsed to floats (benchmarks/baselines.py)
- extract     read + ingest + the whole per-article pipeline (extract, tables, resolve, places), one core
- pages       the same articles served as web pages (benchmarks/page_layouts.py: four portal layouts
              with menus, widgets and related-news lists): main text (trafilatura) + the pipeline,
              one core, in pages per second; MB/s counts the articles' text, as for `extract`
- quantulum3  quantulum3's parser on the first --quantulum-articles articles (optional dependency)
- build       `indicators build` end to end (workers, validation, series, Parquet), per core

with each figure as a ratio to ours. `--rebuild` runs that build with a cache, then adds one
article to the corpus and rebuilds with the cache: it prints how many articles were extracted
and from the cache, and the time against the first build's extraction. `--rss A,B` builds
corpora of A and B articles and compares their peak RSS (flat memory: B's within 20% of A's). Every phase runs in its own process so that its
peak RSS is its own. Figures go to stdout; nothing is asserted (the tests check behaviour).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path[:0] = [str(HERE), str(REPO)]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def corpus_files(corpus: Path) -> list[Path]:
    return sorted(p for p in corpus.rglob("*") if p.suffix in (".txt", ".jsonl"))


# --- phases (each run in a child process: `run.py --phase NAME --corpus DIR`) --------------------

def phase_floor(corpus: Path, limit: int | None) -> dict:
    from baselines import floor

    return _timed_extractor(corpus, limit, floor.extract_text)  # it normalises to NFC itself


def phase_quantulum3(corpus: Path, limit: int | None) -> dict:
    from baselines import quantulum3

    quantulum3.extract_text("khởi động 1 tỷ đồng")  # load its tables before the clock starts
    return _timed_extractor(corpus, limit, quantulum3.extract_text)


WARM_UP_ARTICLE = "Huyện Mẫu: năm 2024, thu ngân sách trên địa bàn huyện ước đạt 123,4 tỷ đồng, tăng 5,2%.\n"


def warm_up(ruleset) -> float:
    """Seconds the engine takes to get ready, run once per process before its first article: the
    rules' regular expressions compile and the place data loads on first use. Reported apart, as
    `startup_seconds`, so that the rate is the one a build of many articles sees."""
    from pipeline.build import process_document
    from pipeline.ingest import Document

    started = time.perf_counter()
    process_document(Document("warm-up", "warm-up.txt", None, None, WARM_UP_ARTICLE), ruleset)
    return time.perf_counter() - started


def phase_extract(corpus: Path, limit: int | None) -> dict:
    from pipeline.build import process_document
    from pipeline.ingest import read_file
    from pipeline.rules import load_rules

    ruleset = load_rules()
    startup = warm_up(ruleset)
    files = corpus_files(corpus)[:limit]
    started = time.perf_counter()
    articles = size = rows = 0
    for path in files:
        size += path.stat().st_size
        for document in read_file(path, corpus):
            articles += 1
            rows += len(process_document(document, ruleset).observation_rows)
    return {"seconds": time.perf_counter() - started, "articles": articles, "bytes": size, "items": rows,
            "startup_seconds": startup}


def phase_pages(corpus: Path, limit: int | None) -> dict:
    """`extract` over the corpus's articles served as pages, written before the clock starts."""
    from page_layouts import page_of

    from pipeline.build import process_document
    from pipeline.ingest import read_file
    from pipeline.rules import load_rules

    ruleset = load_rules()
    pages = Path(tempfile.mkdtemp(prefix="bench-pages-"))
    size = 0
    for number, path in enumerate(corpus_files(corpus)[:limit]):
        text = path.read_text(encoding="utf-8")
        size += len(text.encode("utf-8"))
        (pages / f"{number:06d}.html").write_text(page_of(text, number, number), encoding="utf-8")
    files = sorted(pages.iterdir())
    html_bytes = sum(path.stat().st_size for path in files)
    list(read_file(files[0], pages))  # load trafilatura before the clock starts
    startup = warm_up(ruleset)
    started = time.perf_counter()
    articles = rows = 0
    for path in files:
        for document in read_file(path, pages):
            articles += 1
            rows += len(process_document(document, ruleset).observation_rows)
    seconds = time.perf_counter() - started
    shutil.rmtree(pages, ignore_errors=True)
    return {"seconds": seconds, "articles": articles, "bytes": size, "items": rows, "html_bytes": html_bytes,
            "startup_seconds": startup}


def _timed_extractor(corpus: Path, limit: int | None, extract_text) -> dict:
    files = corpus_files(corpus)[:limit]
    started = time.perf_counter()
    size = items = 0
    for path in files:
        data = path.read_bytes()
        size += len(data)
        items += len(extract_text(data.decode("utf-8")))
    return {"seconds": time.perf_counter() - started, "articles": len(files), "bytes": size, "items": items}


def tree_rss_mb(root: int) -> float:
    """RSS of a process and all its descendants (worker pools fork from a server process)."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry.name)] = int(fields[1])
        rss[int(entry.name)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    tree, frontier = {root}, [root]
    while frontier:
        children = [pid for pid, parent in parents.items() if parent in frontier and pid not in tree]
        tree.update(children)
        frontier = children
    return sum(rss.get(pid, 0) for pid in tree) / 1e6


class TreeRssSampler(threading.Thread):
    """The largest process-tree RSS seen, sampled twice a second."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak = 0.0
        self.root: int | None = None  # the process whose tree is measured (this one when None)
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(0.5):
            self.peak = max(self.peak, tree_rss_mb(self.root or os.getpid()))


def phase_build(corpus: Path, workers: int, cache: str | None) -> dict:
    from click.testing import CliRunner

    from pipeline.cli import main

    size = corpus_bytes(corpus)
    sampler = TreeRssSampler()
    sampler.start()
    output = Path(tempfile.mkdtemp(prefix="bench-out-")) / "output"
    options = ["--workers", str(workers)] + (["--cache", cache] if cache else ["--no-cache"])
    started = time.perf_counter()
    result = CliRunner().invoke(main, ["build", str(corpus), "-o", str(output), *options])
    seconds = time.perf_counter() - started
    sampler.stopped.set()
    peak = peak_rss_mb()  # the build's, before this process reads the manifest (a million file hashes)
    if result.exit_code != 0:
        raise SystemExit(result.output)
    manifest = json.loads((output / "manifest.json").read_text())
    shutil.rmtree(output.parent, ignore_errors=True)
    return {"seconds": seconds, "articles": manifest["counts"]["documents"], "bytes": size,
            "items": manifest["counts"]["observations"], "extraction": manifest["extraction"],
            "extract_seconds": manifest["timings_seconds"]["ingest+extract"], "tree_rss_mb": sampler.peak,
            "peak_rss_mb": peak}


def corpus_bytes(corpus: Path) -> int:
    """Size of the corpus's articles, walked as a stream (a list of a million paths would weigh
    on the peak RSS being measured)."""
    return sum(entry.stat().st_size for folder, _, names in os.walk(corpus)
               for entry in (Path(folder, name) for name in names) if entry.suffix in (".txt", ".jsonl"))


def run_phase(name: str, corpus: Path, **options) -> dict:
    """One phase in a child process; its figures plus the child's peak RSS."""
    command = [sys.executable, __file__, "--phase", name, "--corpus", str(corpus),
               "--phase-options", json.dumps(options)]
    done = subprocess.run(command, capture_output=True, text=True, cwd=REPO)
    if done.returncode != 0:
        return {"error": (done.stderr or done.stdout).strip().splitlines()[-1:]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def child(args: argparse.Namespace) -> None:
    options = json.loads(args.phase_options or "{}")
    if args.phase == "floor":
        figures = phase_floor(args.corpus, options.get("limit"))
    elif args.phase == "extract":
        figures = phase_extract(args.corpus, options.get("limit"))
    elif args.phase == "pages":
        figures = phase_pages(args.corpus, options.get("limit"))
    elif args.phase == "quantulum3":
        figures = phase_quantulum3(args.corpus, options.get("limit"))
    else:
        figures = phase_build(args.corpus, options.get("workers", 1), options.get("cache"))
    figures.setdefault("peak_rss_mb", peak_rss_mb())
    print(json.dumps(figures))


# --- the report ------------------------------------------------------------------------------

def rates(figures: dict, cores: int = 1) -> tuple[float, float]:
    seconds = max(figures["seconds"], 1e-9)
    return figures["bytes"] / 1e6 / seconds / cores, figures["articles"] / seconds / cores


def print_row(name: str, figures: dict, ours: dict | None, cores: int = 1) -> None:
    if "error" in figures:
        print(f"{name:<12} not measured: {' '.join(figures['error'])}")
        return
    mb, per_second = rates(figures, cores)
    ratio = ""
    if ours is not None and "error" not in ours:
        ratio = f"   x{mb / rates(ours)[0]:.3g} of ours"
    print(f"{name:<12} {mb:9.3f} MB/s/core {per_second:10.1f} articles/s/core   peak RSS {figures['peak_rss_mb']:7.0f} MB"
          f"   ({figures['articles']} articles, {figures['bytes'] / 1e6:.1f} MB, {figures['seconds']:.1f} s){ratio}")
    if "startup_seconds" in figures:
        print(f"{'':12} start-up before the first article (rules compiled, place data loaded): "
              f"{figures['startup_seconds']:.2f} s, not in the rate")
    if figures.get("tree_rss_mb"):
        print(f"{'':12} with its worker processes: peak RSS {figures['tree_rss_mb']:.0f} MB (sum over the process tree)")


def generate(folder: Path, articles: int, seed: int) -> None:
    from generate import write_corpus

    write_corpus(folder, articles, seed, "txt", 1000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--quantulum-articles", type=int, default=200)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--rss", default="")
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--pages-articles", type=int, default=1000, help="articles served as pages in the `pages` phase")
    parser.add_argument("--phase", choices=["floor", "extract", "pages", "quantulum3", "build"])
    parser.add_argument("--phase-options")
    args = parser.parse_args()
    if args.phase:
        child(args)
        return

    work = Path(tempfile.mkdtemp(prefix="bench-"))
    corpus = args.corpus or work / "corpus"
    if not args.corpus:
        generate(corpus, args.articles, args.seed)
    print(f"corpus: {corpus} ({len(corpus_files(corpus))} files); {args.workers} workers; python {sys.version.split()[0]}")

    ours = run_phase("extract", corpus)
    print_row("extract", ours, None)
    pages = run_phase("pages", corpus, limit=args.pages_articles)
    print_row("pages", pages, ours)
    if "error" not in pages:
        print(f"{'':12} {rates(pages)[1]:.1f} pages/s/core against {rates(ours)[1]:.1f} text articles/s/core; "
              f"{pages['html_bytes'] / 1e6 / pages['seconds']:.2f} MB/s/core of HTML")
    floor = run_phase("floor", corpus)
    print_row("floor", floor, ours)
    if "error" not in ours and "error" not in floor:
        print(f"{'':12} ours / floor = {rates(ours)[0] / rates(floor)[0]:.3f}")
    quantulum = run_phase("quantulum3", corpus, limit=args.quantulum_articles)
    print_row("quantulum3", quantulum, ours)
    if "error" not in quantulum and "error" not in ours:
        print(f"{'':12} ours / quantulum3 = {rates(ours)[0] / rates(quantulum)[0]:.1f}x")
    cache = str(work / "cache") if args.rebuild else None  # the first build of --rebuild fills the cache
    build = run_phase("build", corpus, workers=args.workers, cache=cache)
    print_row("build", build, ours, cores=args.workers)

    if args.rebuild:
        rebuild(corpus, build, cache, args.workers)
    if args.rss:
        sizes = [int(n) for n in args.rss.split(",")]
        peaks = []
        for size in sizes:
            folder = work / f"rss-{size}"
            generate(folder, size, args.seed)
            figures = run_phase("build", folder, workers=args.workers)
            print_row(f"build {size}", figures, None, cores=args.workers)
            peaks.append(figures.get("peak_rss_mb"))
            shutil.rmtree(folder, ignore_errors=True)
        if len(peaks) == 2 and all(peaks):
            print(f"{'':12} peak RSS {sizes[1]} / {sizes[0]} articles = {peaks[1] / peaks[0]:.2f}")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


def rebuild(corpus: Path, first: dict, cache: str, workers: int) -> None:
    extra = corpus / "zz-new-article.txt"
    extra.write_text("Huyện Mới tổng kết năm 2024\nNăm 2024, thu ngân sách trên địa bàn huyện Mới đạt 123,4 tỷ đồng.\n",
                     encoding="utf-8")
    second = run_phase("build", corpus, workers=workers, cache=cache)
    extra.unlink()
    for name, figures in (("first build", first), ("rebuild", second)):
        if "error" in figures:
            print(f"{name}: not measured: {figures['error']}")
            return
        extraction = figures["extraction"]
        print(f"{name:<12} extracted {extraction['extracted']}, from the cache {extraction['from_cache']}; "
              f"extraction {figures['extract_seconds']:.2f} s, whole build {figures['seconds']:.1f} s")
    print(f"{'':12} rebuild extraction / first extraction = "
          f"{second['extract_seconds'] / max(first['extract_seconds'], 1e-9):.3f}; whole rebuild (validation, series "
          f"and publish over the whole dataset included) / first extraction = "
          f"{second['seconds'] / max(first['extract_seconds'], 1e-9):.3f}")


if __name__ == "__main__":
    main()
