"""The `indicators` command: thin wrappers that parse options, call the stages and print.

Exit codes: 0 success, 2 bad usage (click's own), 3 validation blocked the publish (a critical
expectation failed), 4 nothing readable in the input, 5 `validate` found rows a build would reject,
6 `compare` found no values, 7 another build is writing the same output, 8 the cache lost rows it
counted on, 9 no space left on a device, 10 a folder it must write is read-only or not permitted,
11 an input/output error of a device, 143 the build was stopped by SIGTERM (1 for Ctrl-C, click's
own). A failed or stopped build leaves the previous output as it was. Faults of the machine (9-11)
are one line naming what was written, the path and the cause; `--debug` (or INDICATORS_DEBUG=1)
prints the traceback too, for a bug report.
"""
from __future__ import annotations

import contextlib
import itertools
import os
import signal
import sys
import threading
import traceback
from pathlib import Path

import click

from . import __version__
from .faults import MachineFault, machine_errno
from .limits import ARTICLE_SECONDS

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_VALIDATION_BLOCKED = 3
EXIT_NOTHING_READABLE = 4
EXIT_ROWS_REJECTED = 5  # `indicators validate`: the output holds rows a build would have rejected
EXIT_NOTHING_FOUND = 6  # `indicators compare`: no values for that place and those years
EXIT_LOCKED = 7  # `indicators build`: another build is writing the same output
EXIT_CACHE_DAMAGED = 8  # `indicators build`: cached rows it counted on could not be read (the next build rereads)
EXIT_STOPPED = 128 + signal.SIGTERM  # `indicators build` stopped by SIGTERM (the shells' 128 + signal number)
PROGRESS_MIN_FILES = 20


def sample_corpus() -> Path:
    """The sample articles that ship with the repository (data/samples)."""
    return Path(__file__).resolve().parent.parent / "data" / "samples"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="indicators")
@click.option("--debug", is_flag=True, envvar="INDICATORS_DEBUG",
              help="Print the traceback of a fault of the machine (full disk, read-only folder) too, for a bug report.")
def main(debug: bool) -> None:
    """Vietnamese local-government articles -> a validated economic-indicator time series."""


def _debugging() -> bool:
    return bool(click.get_current_context().find_root().params.get("debug"))


def _fault_of_the_machine(error: BaseException) -> MachineFault | None:
    """The error as a MachineFault when the machine caused it: one raised where we write, or a
    machine's OSError from a place that names its own file."""
    if isinstance(error, MachineFault):
        return error
    code = machine_errno(error)
    if code is None:
        return None
    return MachineFault("file", getattr(error, "filename", None) or "(unnamed)", code)


@main.command()
@click.argument("inputs", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), default=Path("output"), show_default=True,
              help="Folder that receives the Parquet tables and manifest.json.")
@click.option("--wait", "wait_seconds", type=float, default=0.0, show_default=True,
              help="If another build is writing OUTPUT, wait this many seconds for it before giving up.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local: a pool of worker processes; dask: a Dask cluster.")
@click.option("--workers", type=int, default=None, help="Worker processes (default: the number of cores).")
@click.option("--scheduler", default=None, help="Address of a Dask scheduler (tcp://HOST:PORT); default: a LocalCluster.")
@click.option("--cache", "cache_dir", type=click.Path(file_okay=False, path_type=Path),
              default=lambda: os.environ.get("INDICATORS_CACHE", ".cache/indicators") or None,
              show_default=".cache/indicators, or $INDICATORS_CACHE ('' turns it off)",
              help="Folder of the cache of extracted rows (per article and per segment, by content hash and rules version).")
@click.option("--no-cache", is_flag=True, help="Extract every article again.")
@click.option("--article-time-limit", "article_seconds", type=float, default=ARTICLE_SECONDS, show_default=True,
              help="Seconds one article may take; one past it is stopped and marked `failed` (0: no limit).")
def build(inputs: tuple[Path, ...], output: Path, wait_seconds: float, engine: str, workers: int | None,
          scheduler: str | None, cache_dir: Path, no_cache: bool, article_seconds: float) -> None:
    """Build the dataset from INPUTS (files or folders; default: the bundled sample corpus)."""
    from .build import BATCH_SIZE, CacheRowsMissing, PublishBlocked, RunOptions, build_dataset
    from .publish import OutputLocked
    from .ingest import find_inputs

    paths = list(inputs) or [sample_corpus()]

    def progress(files):
        if not sys.stderr.isatty():  # click shows no bar there: spare the walk that sizes it
            return files
        n_files = sum(1 for _ in find_inputs(paths))
        if n_files < PROGRESS_MIN_FILES:
            return files
        return _with_bar(files, click.progressbar(length=n_files, label="articles", file=sys.stderr))

    if workers is None:  # every core, but no pool for a corpus that fits in one batch
        one_batch = sum(1 for _ in itertools.islice(find_inputs(paths), BATCH_SIZE + 1)) <= BATCH_SIZE
        workers = (os.cpu_count() or 1) if not one_batch or engine == "dask" else 1
    options = RunOptions(engine=engine, workers=max(1, workers), scheduler=scheduler,
                         cache_dir=None if no_cache or not cache_dir else Path(cache_dir),
                         article_seconds=article_seconds or None)
    try:
        with sigterm_stops_the_build():
            report = build_dataset(paths, output, progress=progress, wait_seconds=wait_seconds, options=options)
    except BuildStopped:
        click.echo("build stopped (SIGTERM); the previous output is unchanged", err=True)
        sys.exit(EXIT_STOPPED)
    except OutputLocked as locked:
        click.echo(str(locked), err=True)
        sys.exit(EXIT_LOCKED)
    except CacheRowsMissing as missing:
        click.echo(f"{missing}; the previous output is unchanged", err=True)
        sys.exit(EXIT_CACHE_DAMAGED)
    except PublishBlocked as blocked:
        click.echo("validation blocked the publish; the previous output is unchanged. Failed:", err=True)
        for failure in blocked.failures:
            click.echo(f"  - {failure}", err=True)
        sys.exit(EXIT_VALIDATION_BLOCKED)
    except Exception as error:
        fault = _fault_of_the_machine(error)
        if fault is None:
            raise  # a bug: its traceback is the report
        if _debugging():
            traceback.print_exc()
        click.echo(f"build failed: {fault}; the previous output is unchanged", err=True)
        sys.exit(fault.exit_code)
    _print_summary(report)
    if report.statuses and set(report.statuses) <= {"unreadable", "empty", "failed"}:
        click.echo("nothing readable in the input", err=True)
        sys.exit(EXIT_NOTHING_READABLE)


class BuildStopped(KeyboardInterrupt):
    """SIGTERM, raised in the build where it was: like Ctrl-C, every `finally` on the way out runs."""


@contextlib.contextmanager
def sigterm_stops_the_build():
    """While the build runs, SIGTERM (`kill`, a job scheduler, a container stopping) unwinds it
    like Ctrl-C: queued batches are dropped, the workers end the batch they are on and exit, the
    staging folder and the locks are released, the previous output stays. Python's default for
    SIGTERM is to exit on the spot, leaving orphaned workers to go on with their queue. (Killing
    the workers mid-batch instead can leave a half-sent result in the pool's pipe and the pool's
    thread waiting on it forever at exit.)"""
    if threading.current_thread() is not threading.main_thread():  # signals reach the main thread only
        yield
        return

    def stop(signum, frame):
        raise BuildStopped()

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


PROGRESS_STEP = 256  # files per update of the bar: click's bar costs ~15 us an update, as much as a cached article


def _with_bar(files, bar):
    """The files, moving the bar as they go by; the bar is closed when the iteration ends."""
    with bar:
        done = 0
        for done, item in enumerate(files, 1):
            yield item
            if done % PROGRESS_STEP == 0:
                bar.update(PROGRESS_STEP)
        bar.update(done % PROGRESS_STEP)


def _print_summary(report) -> None:
    click.echo(f"wrote {report.output}")
    click.echo(f"  documents     {report.counts['documents']:>8}  " +
               ", ".join(f"{k} {v}" for k, v in report.statuses.items()))
    if report.skipped_records:
        click.echo(f"  skipped       {sum(report.skipped_records.values()):>8}  archive records that are not pages: " +
                   ", ".join(f"{count} {kind}" for kind, count in report.skipped_records.items()))
    click.echo(f"  observations  {report.counts['observations']:>8}")
    click.echo(f"  rejected      {report.counts['rejected']:>8}")
    click.echo(f"  articles      {report.extraction['extracted']:>8} extracted, {report.extraction['from_cache']} from the cache"
               f" ({report.extraction['engine']} engine, {report.extraction['workers']} workers)")
    if report.extraction["cache"].startswith("not used"):
        click.echo(f"  cache         {report.extraction['cache']}")
    lost = report.extraction.get("workers_lost", 0)
    if lost:
        click.echo(f"  workers lost  {lost:>8}  {report.extraction['batches_retried']} batches run again article by article, "
                   f"{report.extraction['articles_isolated']} articles run alone; "
                   f"{report.statuses.get('failed', 0)} failed (see documents)")
    for indicator, count in report.indicators.items():
        click.echo(f"    {indicator:<36} {count:>6}")
    click.echo("  seconds       " + ", ".join(f"{k} {v:.2f}" for k, v in report.timings.items()))


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--explain", is_flag=True, help="Show why each row got its year, status, basis, and the skipped numbers.")
def extract(file: Path, explain: bool) -> None:
    """Print what one article yields and which rule fired."""
    from .build import process_document
    from .extract import extract as find_mentions
    from .ingest import read_file
    from .rules import load_rules

    ruleset = load_rules()
    for document in read_file(file, file.parent):
        result = process_document(document, ruleset)
        row = result.document_row
        click.echo(f"# {document.source}: {row['status']}  area={row['area']} ({row['area_type']}, "
                   f"{row['province']}, code {row['area_code']})  published={row['published']}")
        if row["error"]:
            click.echo(f"# error: {row['error']}")
        for obs in result.observation_rows:
            _print_observation(obs)
            if explain:
                click.echo(f"      sentence: {obs['sentence']}")
        if explain and document.status == "ok":
            _print_explain(document, ruleset, find_mentions)


def _print_observation(obs: dict) -> None:
    high = f"-{obs['value_high']:g}" if obs["value_high"] is not None else ""
    extras = " ".join(f"{k}={obs[k]}" for k in ("basis", "basis_year", "approx", "qualifier") if obs[k] is not None)
    click.echo(f"{obs['indicator']:<28} {obs['measure']:<13} {obs['value']:g}{high} {obs['unit']:<16} "
               f"{obs['year']} {obs['period']:<5} {obs['status']:<8} {extras}  [{obs['raw']}]  rule={obs['rule']}")


def _print_explain(document, ruleset, find_mentions) -> None:
    from .build import article_mentions
    from .places import locate_article

    place, how = locate_article(document.title, document.text, document.source, document.published)
    click.echo(f"  the article's place: {place.area if place else 'none'} ({how})")
    for mention in article_mentions(document, ruleset, place):
        reasons = "; ".join(f"{k}: {v}" for k, v in mention.explain.items() if v)
        click.echo(f"  why [{mention.raw}] -> {mention.indicator} {mention.measure}: {reasons}")
    for skipped in find_mentions(document.text, ruleset).skipped:
        click.echo(f"  skipped [{skipped.raw.strip()}] at {skipped.start}: {skipped.reason}")


@main.command()
@click.argument("output", type=click.Path(exists=True, file_okay=False, path_type=Path), default=Path("output"))
@click.option("--report", "report_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write Great Expectations' validation results to this JSON file.")
@click.option("--docs", "docs_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Build Great Expectations Data Docs (HTML that loads scripts from the web) in this folder.")
def validate(output: Path, report_path: Path | None, docs_dir: Path | None) -> None:
    """Validate a published OUTPUT folder again with the suites in expectations/."""
    from .validate import build_data_docs, validate_output, write_report

    result = validate_output(output)
    for suite, summary in result.suites.items():
        state = "ok" if summary["success"] else "FAILED"
        click.echo(f"{suite:<14} {state:<7} {summary['evaluated']} expectations"
                   + (f"; failed: {', '.join(summary['failed'])}" if summary["failed"] else ""))
    click.echo(f"rows that would be rejected: {len(result.rejected)}")
    if report_path:
        write_report(result, report_path)
        click.echo(f"report: {report_path}")
    if docs_dir:
        click.echo(f"data docs: {build_data_docs(result, docs_dir)}")
    if not result.ok:
        for failure in result.critical_failures:
            click.echo(f"critical: {failure}", err=True)
        sys.exit(EXIT_VALIDATION_BLOCKED)
    if len(result.rejected):
        sys.exit(EXIT_ROWS_REJECTED)


@main.command()
@click.argument("output", type=click.Path(exists=True, file_okay=False, path_type=Path), default=Path("output"))
@click.option("--area", required=True, help="Place name, with or without its unit word (matched by official code).")
@click.option("--years", nargs=2, type=int, default=(2020, 2021), show_default=True, help="The two years to compare.")
@click.option("--indicator", "indicators", multiple=True, help="Only these indicator codes.")
@click.option("--period", default="FY", show_default=True, help="Period code (FY, H1, 9M, Q1...).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
def compare(output: Path, area: str, years: tuple[int, int], indicators: tuple[str, ...], period: str, fmt: str) -> None:
    """Each indicator of AREA in two years, side by side, from OUTPUT/series."""
    import pandas as pd

    from .compare import compare_years

    table = compare_years(pd.read_parquet(output / "series"), area, years, list(indicators) or None, period)
    if table.empty:
        click.echo(f"no {period} levels for {area!r} in {years[0]} or {years[1]}", err=True)
        sys.exit(EXIT_NOTHING_FOUND)
    if fmt == "csv":
        click.echo(table.to_csv(index=False), nl=False)
    elif fmt == "json":
        click.echo(table.to_json(orient="records", force_ascii=False, indent=1))
    else:
        with pd.option_context("display.width", 250, "display.max_columns", 50, "display.max_colwidth", 40):
            click.echo(table.fillna("").to_string(index=False))


@main.command()
@click.argument("output", type=click.Path(exists=True, file_okay=False, path_type=Path), default=Path("output"))
@click.option("-o", "--target", type=click.Path(dir_okay=False, path_type=Path), default=Path("dashboard.html"),
              show_default=True, help="The HTML file to write.")
def dashboard(output: Path, target: Path) -> None:
    """Write one self-contained, offline HTML dashboard of OUTPUT."""
    from .dashboard import write_dashboard

    click.echo(f"wrote {write_dashboard(output, target)}")


@main.command()
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--indicator", "indicators", multiple=True, help="Score only these indicator codes.")
@click.option("--misses", is_flag=True, help="Also list missed facts and false alarms (never of the holdout part).")
@click.option("--all-rows", is_flag=True,
              help="Score every extracted row, also those a build withholds for want of a year or a place.")
def evaluate(gold: Path, inputs: tuple[Path, ...], indicators: tuple[str, ...], misses: bool, all_rows: bool) -> None:
    """Precision, recall and F1 per indicator against labelled facts (GOLD.jsonl).

    Scored are the rows a build publishes: a row without a year or a place is withheld (it goes to
    `rejected`), counted apart, and scored only with --all-rows. Articles labelled with a `url` (the
    real study set) are fed as a crawler hands them over: the url, the page's date and the text of
    INPUT/<id>.txt. A gold file with a `split` is scored part by part; the holdout part is scored and
    never listed, so that it stays unstudied.
    """
    import pandas as pd

    from .build import process_all
    from .evaluate import load_gold, split_gold
    from .ingest import read_documents
    from .rules import load_rules

    ruleset = load_rules()
    unknown = set(indicators) - set(ruleset.by_code())
    if unknown:
        raise click.BadParameter(f"unknown indicator codes: {', '.join(sorted(unknown))}", param_hint="--indicator")
    gold_docs = load_gold(gold)
    if any(doc.get("url") for doc in gold_docs):
        gold_docs, documents = _labelled_documents(gold_docs, inputs)
    else:
        documents = read_documents(list(inputs))
    results = list(process_all(documents, ruleset))
    rows = [obs for result in results for obs in result.observation_rows]
    predictions = pd.DataFrame(rows, columns=None if rows else ["source"])
    document_rows = pd.DataFrame([result.document_row for result in results], columns=["source", "area"])
    for part, part_docs in sorted(split_gold(gold_docs).items(), key=lambda item: item[0] == "holdout"):
        _report_part(part, part_docs, predictions, document_rows, list(indicators) or None,
                     misses and part != "holdout", all_rows)


def _labelled_documents(gold_docs, inputs):
    """The labelled articles that have a text in INPUT, and their documents as a crawler hands them over."""
    from .evaluate import crawler_lines
    from .ingest import read_jsonl

    lines, missing = crawler_lines(gold_docs, [p if p.is_dir() else p.parent for p in inputs])
    if missing:
        click.echo(f"# {len(missing)} of {len(gold_docs)} labelled articles have no text in INPUT "
                   f"(first: {', '.join(missing[:5])}); they are left out of the score", err=True)
    left_out = set(missing)
    return [doc for doc in gold_docs if doc["id"] not in left_out], read_jsonl("labelled", lines)


def _report_part(part, part_docs, predictions, document_rows, indicators, list_errors, all_rows) -> None:
    import pandas as pd

    from .evaluate import (explain_errors, format_errors, format_report, part_rows, place_agreement,
                           published_rows, score)

    rows = part_rows(part_docs, predictions)
    published, withheld = published_rows(rows)
    report = score(part_docs, rows if all_rows else published, indicators=indicators)
    errors = explain_errors(report)
    n_facts = sum(len(doc.get("observations") or []) for doc in part_docs)
    click.echo(f"== {part}: {len(part_docs)} articles, {n_facts} facts")
    withheld_right = score(part_docs, withheld, indicators=indicators).overall["tp"]
    click.echo(f"rows a build withholds for want of a year or a place: {len(withheld)} "
               f"({withheld_right} of them match a fact; {'scored' if all_rows else 'not scored'})")
    if list_errors:
        with pd.option_context("display.width", 250, "display.max_rows", 2000, "display.max_colwidth", 60):
            click.echo("read with a wrong field:\n" + errors.pairs.to_string())
            click.echo("never found:\n" + errors.never_found.to_string())
            click.echo("matched, but status, period or area disagree:\n" + _disagreements(report.matches).to_string())
            click.echo("matching no fact:\n" + errors.matching_nothing[
                [c for c in ("doc_id", *FALSE_ROW_COLUMNS) if c in errors.matching_nothing.columns]].to_string())
    click.echo(format_errors(errors, place_agreement(part_docs, document_rows)))
    click.echo(format_report(report))


def _disagreements(matches):
    from .evaluate import SHOWN_WHEN_DISAGREEING

    shown = [f"agree_{name}" for name in SHOWN_WHEN_DISAGREEING]
    wrong = matches[~matches[shown].all(axis=1)] if len(matches) else matches
    return wrong[["doc_id", "indicator", "measure", "gold_raw",
                  *(f"{side}_{name}" for name in SHOWN_WHEN_DISAGREEING for side in ("gold", "predicted"))]]


FALSE_ROW_COLUMNS = ("indicator", "measure", "value", "unit", "year", "period", "status", "basis",
                     "qualifier", "area", "raw", "rule")


if __name__ == "__main__":  # pragma: no cover
    main()
