"""Web pages as crawlers save them: the article's main text only, as HTML files, JSONL `html`
lines and WARC records (issue 17)."""
from __future__ import annotations

import gzip
import importlib.util
import io
import json
import shutil
import sys
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest
import yaml
from click.testing import CliRunner

from pipeline.build import process_all, process_document
from pipeline.cli import main
from pipeline.evaluate import load_gold, score
from pipeline.ingest import read_documents, read_file
from pipeline.pages import decode_page
from pipeline.rules import load_rules

REPO = Path(__file__).resolve().parent.parent


def _page_layouts():
    spec = importlib.util.spec_from_file_location("bench_page_layouts", REPO / "benchmarks" / "page_layouts.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def write_warc(path: Path, responses: list[tuple[str, bytes, str, str]]) -> None:
    """An archive as a crawler writes it: a request record before each response (url, body,
    Content-Type, HTTP status line)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=path.name.endswith(".gz"))
        for url, body, content_type, status in responses:
            request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.vn")], is_http_request=True)
            writer.write_record(writer.create_warc_record(url, "request", payload=io.BytesIO(b""), http_headers=request))
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))


def rows_of(folder: Path) -> list[tuple]:
    """Observations of a build without their source (a page's source is its path or its URL)."""
    frame = pd.read_parquet(folder / "observations").drop(columns=["source", "obs_id"])
    return sorted(tuple(map(str, row)) for row in frame.itertuples(index=False))


def build(inputs, output, *options) -> str:
    result = CliRunner().invoke(main, ["build", *map(str, inputs), "-o", str(output), *options])
    assert result.exit_code == 0, result.output
    return result.output


# --- the practice corpus served as pages -------------------------------------------------------

@pytest.fixture(scope="module")
def practice_pages(tmp_path_factory, dev_corpus) -> Path:
    """Every practice article as a page of one of four portal layouts, with other places'
    figures in its menus, widgets, related-news lists and comments."""
    layouts = _page_layouts()
    folder = tmp_path_factory.mktemp("practice") / "pages"
    folder.mkdir()
    for number, path in enumerate(sorted((dev_corpus / "texts").glob("*.txt"))):
        page = layouts.page_of(path.read_text(encoding="utf-8"), number, number)
        (folder / f"{path.stem}.html").write_text(page, encoding="utf-8")
    return folder


def _score(folder: Path, dev_corpus: Path):
    rows = [row for result in process_all(read_documents([folder]), load_rules()) for row in result.observation_rows]
    return score(load_gold(dev_corpus / "gold.jsonl"), pd.DataFrame(rows))


def test_the_practice_corpus_as_pages_scores_within_001_of_its_text(practice_pages, dev_corpus):
    as_text, as_pages = _score(dev_corpus / "texts", dev_corpus), _score(practice_pages, dev_corpus)
    assert as_pages.overall["precision"] >= as_text.overall["precision"] - 0.01, (as_pages.overall, as_text.overall)
    assert as_pages.overall["f1"] >= as_text.overall["f1"] - 0.01, (as_pages.overall, as_text.overall)
    assert as_pages.overall["fp"] == 0, as_pages.false_alarms[["doc_id", "raw", "sentence"]]


def test_every_practice_page_gets_the_date_of_its_text(practice_pages, dev_corpus):
    texts = {Path(d.source).stem: d.published for d in read_documents([dev_corpus / "texts"])}
    pages = {Path(d.source).stem: d.published for d in read_documents([practice_pages])}
    assert pages == texts


# --- WARC archives -------------------------------------------------------------------------------

PAGE = ("<html><head><title>Tiên Du</title></head><body><nav><a href='/'>Trang chủ</a></nav><article>"
        "<h1>Huyện Tiên Du tổng kết năm 2022</h1><p>Năm 2022, thu ngân sách trên địa bàn huyện Tiên Du đạt "
        "{amount} tỷ đồng, tăng 8% so với năm 2021.</p></article></body></html>")


def _archive(path: Path) -> None:
    write_warc(path, [
        ("https://tiendu.bacninh.gov.vn/a", PAGE.format(amount="612").encode(), "text/html; charset=utf-8", "200 OK"),
        ("https://tiendu.bacninh.gov.vn/site.css", b"p { margin: 0 }", "text/css", "200 OK"),
        ("https://tiendu.bacninh.gov.vn/old", b"", "text/html", "301 Moved Permanently"),
        ("https://tiendu.bacninh.gov.vn/b", PAGE.format(amount="700").encode(), "text/html", "200 OK"),
    ])


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_a_warc_yields_its_pages_and_counts_the_other_records(tmp_path, name):
    _archive(tmp_path / name)
    skipped = Counter()
    documents = list(read_file(tmp_path / name, tmp_path, skipped=skipped))
    assert [(d.source, d.status, d.origin, d.title) for d in documents] == [
        ("https://tiendu.bacninh.gov.vn/a", "ok", f"{name}#page1", "Huyện Tiên Du tổng kết năm 2022"),
        ("https://tiendu.bacninh.gov.vn/b", "ok", f"{name}#page2", "Huyện Tiên Du tổng kết năm 2022")]
    assert documents[1].text == ("Huyện Tiên Du tổng kết năm 2022\nNăm 2022, thu ngân sách trên địa bàn huyện "
                                 "Tiên Du đạt 700 tỷ đồng, tăng 8% so với năm 2021.")
    assert skipped == {"request records": 4, "records that are not HTML": 1, "redirects and errors": 1}


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_a_truncated_warc_keeps_the_pages_before_the_cut_and_says_where_it_stopped(tmp_path, name):
    _archive(tmp_path / "whole")
    data = (tmp_path / "whole").read_bytes()
    if name.endswith(".gz"):
        _archive(tmp_path / "whole.gz")
        data = (tmp_path / "whole.gz").read_bytes()
    (tmp_path / name).write_bytes(data[:-40])  # the cut falls inside the last page's record
    documents = list(read_file(tmp_path / name, tmp_path))
    assert [(d.source, d.status) for d in documents] == [("https://tiendu.bacninh.gov.vn/a", "ok"), (name, "unreadable")]
    assert documents[1].error.startswith("WARC archive truncated: it ends inside a record near byte ")
    assert documents[1].error.endswith("the pages before it (1) are kept")


def test_a_warc_that_is_not_an_archive_is_unreadable_and_one_without_pages_is_empty(tmp_path):
    (tmp_path / "junk.warc").write_bytes(b"this is not an archive at all\n" * 10)
    write_warc(tmp_path / "styles.warc", [("https://x.vn/a.css", b"p{}", "text/css", "200 OK")])
    documents = {d.source: d for d in read_documents([tmp_path])}
    assert (documents["junk.warc"].status, documents["styles.warc"].status) == ("unreadable", "empty")
    assert documents["junk.warc"].error == "not a WARC archive: it does not start with a WARC/1.x record"
    assert documents["styles.warc"].error == "no HTML page in the archive (1 records that are not HTML, 1 request records skipped)"


def test_a_jsonl_html_line_reads_like_the_page_and_the_crawlers_date_wins(tmp_path):
    page = PAGE.format(amount="612")
    (tmp_path / "a.html").write_text(page, encoding="utf-8")
    (tmp_path / "crawl.jsonl").write_text(json.dumps({"url": "https://tiendu.bacninh.gov.vn/a", "html": page,
                                                      "published": "2023-01-05"}) + "\n", encoding="utf-8")
    [from_file] = read_file(tmp_path / "a.html", tmp_path)
    [from_line] = read_file(tmp_path / "crawl.jsonl", tmp_path)
    assert (from_line.text, from_line.title) == (from_file.text, from_file.title)
    assert (from_file.published, str(from_line.published)) == (None, "2023-01-05")


@pytest.fixture(scope="module")
def small_pages(practice_pages, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("small") / "pages"
    folder.mkdir()
    for path in sorted(practice_pages.glob("*.html"))[:16]:
        shutil.copy(path, folder / path.name)
    return folder


@pytest.fixture(scope="module")
def small_archive(small_pages, tmp_path_factory) -> Path:
    archive = tmp_path_factory.mktemp("warc") / "crawl.warc.gz"
    write_warc(archive, [(f"https://news.example.vn/{path.name}", path.read_bytes(), "text/html; charset=utf-8", "200 OK")
                         for path in sorted(small_pages.glob("*.html"))])
    return archive


def test_a_warc_builds_the_rows_of_its_pages_with_each_engine_and_from_the_cache(small_pages, small_archive, tmp_path):
    build([small_pages], tmp_path / "files")
    expected = rows_of(tmp_path / "files")
    assert len(expected) > 100

    printed = build([small_archive], tmp_path / "local", "--workers", "2")
    assert "skipped             16  archive records that are not pages: 16 request records" in printed
    assert rows_of(tmp_path / "local") == expected
    sources = pd.read_parquet(tmp_path / "local" / "documents")["source"].tolist()
    assert sources == [f"https://news.example.vn/{path.name}" for path in sorted(small_pages.glob("*.html"))]

    pytest.importorskip("distributed", reason="the dask extra is not installed")
    build([small_archive], tmp_path / "dask", "--engine", "dask", "--workers", "2")
    assert rows_of(tmp_path / "dask") == expected

    build([small_archive], tmp_path / "cached", "--cache", str(tmp_path / "cache"))
    printed = build([small_archive], tmp_path / "cached", "--cache", str(tmp_path / "cache"))
    assert "0 extracted, 16 from the cache" in printed
    assert rows_of(tmp_path / "cached") == expected


def test_a_gzip_stream_that_is_not_a_warc_is_unreadable(tmp_path):
    (tmp_path / "notes.warc.gz").write_bytes(gzip.compress(b"just some text, no WARC headers\n"))
    [document] = read_documents([tmp_path])
    assert (document.status, document.error) == ("unreadable", "not a WARC archive: it does not start with a WARC/1.x record")


# --- pages of our own in the layouts portals use (tests/fixtures/pages) ----------------------------

PAGES = REPO / "tests" / "fixtures" / "pages"
EXPECTED = yaml.safe_load((PAGES / "expected.yaml").read_text(encoding="utf-8"))
ROW_FIELDS = ["indicator", "measure", "value", "unit", "year", "period", "status", "basis", "basis_year", "approx",
              "qualifier", "raw"]


def yielded(document) -> tuple[str, list[list]]:
    """A document's status (`not_an_article` for an empty page) and its rows in expected.yaml's form."""
    result = process_document(document)
    rows = [[row[name] for name in ROW_FIELDS] for row in result.observation_rows]
    status = "not_an_article" if document.status == "empty" else result.document_row["status"]
    return status, rows


def expected_of(name: str) -> tuple[str, list[list]]:
    entry = EXPECTED[name]
    return ("ok" if entry["status"] == "ok" else "not_an_article"), [list(row) for row in entry["rows"]]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_page_yields_exactly_its_rows_title_and_date(name):
    [document] = read_file(PAGES / name, PAGES)
    assert yielded(document) == expected_of(name)
    entry = EXPECTED[name]
    if entry["status"] == "ok":
        assert (document.title, document.published) == (entry["title"], entry["published"])
        assert process_document(document).document_row["area"] == entry["area"]
    else:
        assert document.error, "a page that is not an article says why"


def test_the_pages_as_jsonl_html_lines_and_as_a_warc_yield_the_same(tmp_path):
    names = sorted(EXPECTED)
    with (tmp_path / "crawl.jsonl").open("w", encoding="utf-8") as lines:
        for name in names:
            html = (PAGES / name).read_bytes().decode(decode_page((PAGES / name).read_bytes())[1])
            lines.write(json.dumps({"url": EXPECTED[name]["url"], "html": html}, ensure_ascii=False) + "\n")
    write_warc(tmp_path / "crawl.warc.gz", [(EXPECTED[name]["url"], (PAGES / name).read_bytes(), "text/html", "200 OK")
                                            for name in names])
    for container in ("crawl.jsonl", "crawl.warc.gz"):
        documents = list(read_file(tmp_path / container, tmp_path))
        assert [d.source for d in documents] == [EXPECTED[name]["url"] for name in names]
        for name, document in zip(names, documents):
            assert yielded(document) == expected_of(name), (container, name)
            if EXPECTED[name]["status"] == "ok":
                assert document.published == EXPECTED[name]["published"], (container, name)


@pytest.mark.parametrize("step, name", [
    ("unwrap_layout_tables", "04_old_table_layout.html"),   # the library reads the layout table as data
    ("drop_read_more_links", "10_ads_split_article.html"),  # it keeps an inline "Đọc thêm:" headline
    ("not_an_article", "07_category_page.html"),            # it returns a category page's teasers
    ("not_an_article", "08_search_results.html"),           # ... and a search page's snippets
    ("not_an_article", "14_empty_article.html"),            # ... and an empty notice's sidebar
])
def test_each_step_of_our_own_is_what_a_page_needs(step, name, monkeypatch):
    """Without the step (pipeline/pages.py keeps it because trafilatura does not do it), the page
    yields other rows than its own."""
    monkeypatch.setattr(f"pipeline.pages.{step}", lambda *args: None)
    [document] = read_file(PAGES / name, PAGES)
    assert yielded(document) != expected_of(name)


def test_a_date_line_next_to_the_title_wins_over_a_banner_with_todays_date(monkeypatch):
    [document] = read_file(PAGES / "01_portal_portlets.html", PAGES)
    assert str(document.published) == "2023-07-05"
    monkeypatch.setattr("pipeline.pages.visible_date", lambda *args: None)
    [document] = read_file(PAGES / "01_portal_portlets.html", PAGES)
    assert str(document.published) == "2023-07-07"  # htmldate's choice: the banner's "Thứ sáu, ngày 07/07/2023"


def test_a_page_the_reader_fails_on_is_one_unreadable_article_and_the_archive_goes_on(tmp_path, monkeypatch):
    from pipeline import pages

    real = pages.read_page

    def fails_on_612(html, url=None):
        if "612" in html:
            raise ValueError("broken markup")
        return real(html, url)

    monkeypatch.setattr("pipeline.ingest.read_page", fails_on_612)
    _archive(tmp_path / "crawl.warc")
    documents = list(read_file(tmp_path / "crawl.warc", tmp_path))
    assert [(d.source, d.status, d.error) for d in documents] == [
        ("https://tiendu.bacninh.gov.vn/a", "unreadable", "the page could not be read: ValueError: broken markup"),
        ("https://tiendu.bacninh.gov.vn/b", "ok", None)]


def test_a_page_in_tcvn3_that_declares_windows_1252_is_read_by_our_detector(tmp_path):
    """Old portals wrote TCVN3 bytes for a .VnTime font and declared a Western charset: the
    declaration cannot write Vietnamese, so the bytes are detected like a text file's."""
    from pipeline.encodings import encode_tcvn3

    article = ("<p>Năm 2016, thu ngân sách trên địa bàn huyện Lệ Thủy đạt 171,6 tỷ đồng, tăng 15,8% so với năm 2015.</p>"
               "<p>Thu nhập bình quân đầu người đạt 26,9 triệu đồng, tăng 1,5 triệu đồng so với năm trước.</p>")
    page = (b'<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252"></head><body>'
            + encode_tcvn3(f"<h1>Huyện Lệ Thủy tổng kết năm 2016</h1>{article}") + b"</body></html>")
    (tmp_path / "old.htm").write_bytes(page)
    [document] = read_file(tmp_path / "old.htm", tmp_path)
    assert (document.encoding, document.title) == ("tcvn3", "Huyện Lệ Thủy tổng kết năm 2016")
    assert "thu ngân sách trên địa bàn huyện Lệ Thủy đạt 171,6 tỷ đồng" in document.text


def test_a_date_stated_in_the_metadata_wins_over_an_update_line_next_to_the_title():
    from pipeline.pages import read_page

    body = ("<h1>Huyện Tiên Du sơ kết 6 tháng đầu năm 2023</h1><div>Cập nhật: 10/07/2023 16:20</div>"
            "<p>Sáng 4/7, UBND huyện Tiên Du tổ chức hội nghị sơ kết tình hình kinh tế - xã hội 6 tháng đầu năm 2023.</p>")
    stated = '<meta property="article:published_time" content="2023-07-05T08:00:00+07:00">'
    json_ld = '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2023-07-06T06:00:00Z"}</script>'
    assert [str(read_page(f"<html><head>{head}</head><body><article>{body}</article></body></html>").published)
            for head in (stated, json_ld, "")] == ["2023-07-05", "2023-07-06", "2023-07-10"]
