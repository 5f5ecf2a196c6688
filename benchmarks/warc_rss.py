"""Peak memory of a build over one large WARC archive (issue 17: a 1 GB archive below 1 GB RSS).

    .venv/bin/python benchmarks/warc_rss.py [--size-mb 1024] [--workers 2] [--gzip] [--keep DIR]

Writes an archive of synthetic articles (benchmarks/generate.py) served as pages
(benchmarks/page_layouts.py), each page padded with the inline scripts and styles real portals
carry (about 90 KB a page), with a request record before every response and a stylesheet every
tenth page; then runs `indicators build` on it in a child process and prints the archive's size,
the pages, the build's time and its peak RSS over the whole process tree (workers included).
Nothing is asserted: the figures go to stdout.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path[:0] = [str(HERE), str(REPO)]

PADDING = "<script>\n" + "".join(f"var widget{n} = {{id: {n}, slot: 'sidebar-{n % 7}', lazy: true}};\n"
                                 for n in range(1500)) + "</script>\n" + \
          "<style>\n" + "".join(f".box-{n} {{ margin: {n % 9}px; color: #{n:06x}; }}\n" for n in range(800)) + "</style>\n"


def write_archive(path: Path, size_bytes: int, gzip: bool) -> int:
    """Pages until the archive reaches `size_bytes`; returns how many pages it holds."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    from generate import generate_articles
    from page_layouts import page_of

    pages = 0
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gzip)
        for number, (name, text) in enumerate(generate_articles(10 ** 9, seed=7)):
            if out.tell() >= size_bytes:
                break
            url = f"https://portal{number % 50}.example.vn/tin-tuc/{number}.html"
            page = page_of(text, number, number).replace("</head>", PADDING + "</head>", 1).encode("utf-8")
            request = StatusAndHeaders("GET /tin-tuc HTTP/1.1", [("Host", "example.vn")], is_http_request=True)
            writer.write_record(writer.create_warc_record(url, "request", payload=io.BytesIO(b""), http_headers=request))
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(page), http_headers=headers))
            if number % 10 == 0:
                style = StatusAndHeaders("200 OK", [("Content-Type", "text/css")], protocol="HTTP/1.1")
                writer.write_record(writer.create_warc_record(url + ".css", "response", payload=io.BytesIO(b"p{margin:0}"),
                                                              http_headers=style))
            pages += 1
    return pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size-mb", type=int, default=1024)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--gzip", action="store_true", help="write a .warc.gz (far more pages for the same size)")
    parser.add_argument("--keep", type=Path, help="write the archive into this folder and keep it")
    args = parser.parse_args()

    from run import TreeRssSampler

    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-warc-"))
    work.mkdir(parents=True, exist_ok=True)
    archive = work / ("crawl.warc.gz" if args.gzip else "crawl.warc")
    if not archive.exists():
        started = time.perf_counter()
        pages = write_archive(archive, args.size_mb << 20, args.gzip)
        print(f"wrote {archive}: {archive.stat().st_size / 1e6:.0f} MB, {pages} pages in {time.perf_counter() - started:.0f} s")
    output = work / "output"
    command = [str(Path(sys.executable).parent / "indicators"), "build", str(archive), "-o", str(output),
               "--workers", str(args.workers), "--no-cache"]
    sampler = TreeRssSampler()
    sampler.start()
    started = time.perf_counter()
    build = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    sampler.root = build.pid
    printed, _ = build.communicate()
    seconds = time.perf_counter() - started
    sampler.stopped.set()
    if build.returncode != 0:
        raise SystemExit(printed)
    manifest = json.loads((output / "manifest.json").read_text())
    documents = manifest["counts"]["documents"]
    print(f"build: {documents} pages, {manifest['counts']['observations']} observations in {seconds:.0f} s "
          f"({documents / seconds:.1f} pages/s with {args.workers} workers); "
          f"skipped records: {manifest.get('skipped_records')}")
    print(f"peak RSS of the build (process tree, sampled twice a second): {sampler.peak:.0f} MB "
          f"for a {archive.stat().st_size / 1e6:.0f} MB archive")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
