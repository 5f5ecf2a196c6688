#!/usr/bin/env python3
"""Reference extractors to measure the product against.

- `floor`: NFC-normalise, then one compiled regex pass over Vietnamese-format numbers
  (`125.952,5`, `7,2`, `2024`) with an optional unit right after (`%`, `tỷ đồng`,
  `triệu đồng`, `USD`), each parsed to a float. No indicator, no context: the least any
  extractor must do, and so the upper bound on how fast one pass over the text can be.
- `quantulum3`: the general-purpose quantity extractor (an optional dependency,
  `pip install quantulum3`), run on the text as is. It reads English number conventions
  and units, so it is a speed and "what a generic tool finds" reference, not a rival in
  precision.

Each baseline is a `Baseline` with a `name` and `extract_text(text) -> list[Quantity]`;
`read_and_extract(paths, extractor)` reads files the way a real run would (bytes from disk,
UTF-8 decoding, txt files or JSONL shards) and returns `(n_articles, n_bytes, n_items)`.

    python benchmarks/baselines.py CORPUS_DIR [--baseline floor|quantulum3] [--limit N]
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import re
import sys
import time
import unicodedata
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, NamedTuple


class Quantity(NamedTuple):
    """A figure found in a text: its value as written (no scaling), its unit (None when none),
    and the span of `raw` in the text the extractor saw."""
    value: float
    unit: str | None
    start: int
    end: int
    raw: str


@dataclass(frozen=True)
class Baseline:
    name: str
    extract_text: Callable[[str], list]
    description: str = ""

    def __call__(self, text: str) -> list:
        return self.extract_text(text)


# --- floor ------------------------------------------------------------------------------------

NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
FLOOR_RE = re.compile(rf"({NUMBER})(?:\s*(%|tỷ đồng|triệu đồng|USD))?")
_TO_FLOAT = str.maketrans({".": None, ",": "."})


def parse_vn_number(raw: str) -> float:
    """`125.952,5` -> 125952.5; `7,2` -> 7.2; `2.406` -> 2406.0."""
    return float(raw.translate(_TO_FLOAT))


def floor_extract_text(text: str) -> list[Quantity]:
    """Every Vietnamese-format number in `text` (NFC) with the unit that follows it, if any.

    >>> [(q.value, q.unit) for q in floor_extract_text("đạt 125.952,5 tỷ đồng, tăng 10,6 %")]
    [(125952.5, 'tỷ đồng'), (10.6, '%')]
    """
    text = unicodedata.normalize("NFC", text)
    return [Quantity(float(m.group(1).translate(_TO_FLOAT)), m.group(2), m.start(), m.end(),
                     m.group(0))
            for m in FLOOR_RE.finditer(text)]


floor = Baseline("floor", floor_extract_text,
                 "NFC + one regex pass: Vietnamese numbers with an optional %, tỷ đồng, "
                 "triệu đồng or USD")


# --- quantulum3 -------------------------------------------------------------------------------

_Q_PARSER = None
_INSTALL_HINT = ("the quantulum3 baseline needs the optional package quantulum3: "
                 "install it with `.venv/bin/pip install quantulum3`")


def _quantulum_parser():
    """Import quantulum3 once, quietly (no classifier warning, no logging noise, no network:
    it only reads its bundled unit tables)."""
    global _Q_PARSER
    if _Q_PARSER is None:
        for name in ("quantulum3", "inflect", "typeguard"):
            logging.getLogger(name).setLevel(logging.ERROR)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                from quantulum3 import parser
            except ImportError as exc:
                raise ImportError(f"{_INSTALL_HINT} ({exc})") from exc
            parser.parse("1 m")              # loads the language tables now, not in a timed run
        _Q_PARSER = parser
    return _Q_PARSER


def quantulum3_available() -> bool:
    try:
        _quantulum_parser()
    except ImportError:
        return False
    return True


def quantulum3_extract_text(text: str) -> list[Quantity]:
    """quantulum3's quantities in `text` as is (its own number reading and units).

    Raises ImportError, saying how to install it, when quantulum3 is missing."""
    parser = _quantulum_parser()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = parser.parse(text)
    return [Quantity(float(q.value), getattr(q.unit, "name", None), q.span[0], q.span[1],
                     q.surface) for q in found]


quantulum3 = Baseline("quantulum3", quantulum3_extract_text,
                      "quantulum3.parser.parse on the raw text (optional dependency)")

BASELINES = {b.name: b for b in (floor, quantulum3)}


# --- reading a corpus ---------------------------------------------------------------------------

def iter_files(paths: Iterable[str | os.PathLike]) -> Iterator[Path]:
    """Files to read: each path, or the .txt/.jsonl files under a folder (sorted)."""
    for p in paths:
        p = Path(p)
        if p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs.sort()
                for f in sorted(files):
                    if f.endswith((".txt", ".jsonl")):
                        yield Path(root) / f
        else:
            yield p


def iter_texts(paths: Iterable[str | os.PathLike]) -> Iterator[tuple[str, int]]:
    """(text, bytes read for it) per article: a .txt file is one article, each non-empty line
    of a .jsonl file is one (its `text` or `content` field)."""
    for path in iter_files(paths):
        with open(path, "rb") as fh:
            data = fh.read()
        if path.suffix == ".jsonl":
            for line in data.decode("utf-8").split("\n"):
                if line.strip():
                    record = json.loads(line)
                    yield record.get("text") or record.get("content") or "", \
                        len(line.encode("utf-8")) + 1
        else:
            yield data.decode("utf-8"), len(data)


def read_and_extract(paths: Iterable[str | os.PathLike],
                     extractor: Baseline | Callable[[str], list],
                     limit: int | None = None) -> tuple[int, int, int]:
    """Read the files (or folders) and run `extractor` on every article.

    Returns (n_articles, n_bytes read, n_items extracted)."""
    fn = extractor.extract_text if isinstance(extractor, Baseline) else extractor
    n_articles = n_bytes = n_items = 0
    for text, size in iter_texts(paths):
        if limit is not None and n_articles >= limit:
            break
        n_items += len(fn(text))
        n_articles += 1
        n_bytes += size
    return n_articles, n_bytes, n_items


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Run a baseline extractor over a corpus and time it.")
    ap.add_argument("paths", nargs="+", help="files or folders (.txt, .jsonl)")
    ap.add_argument("--baseline", choices=sorted(BASELINES), default="floor")
    ap.add_argument("--limit", type=int, default=None, help="stop after N articles")
    args = ap.parse_args(argv)
    baseline = BASELINES[args.baseline]
    if baseline is quantulum3:
        try:
            _quantulum_parser()                     # import and warm-up are not timed
        except ImportError as exc:
            print(exc, file=sys.stderr)
            return 2
    t0 = time.perf_counter()
    n, size, items = read_and_extract(args.paths, baseline, args.limit)
    secs = time.perf_counter() - t0
    print(f"{baseline.name}: {n} articles, {size / 1e6:.2f} MB, {items} items in {secs:.2f} s "
          f"= {size / 1e6 / secs if secs else 0:.2f} MB/s, {n / secs if secs else 0:,.0f} articles/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
