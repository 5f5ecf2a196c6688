import datetime as dt
import json
import unicodedata

from pipeline.ingest import make_document, page_document, parse_date, read_documents


def write(path, text, encoding="utf-8"):
    path.write_bytes(text.encode(encoding))
    return path


def test_text_article_title_date_and_nfc(tmp_path):
    nfd = unicodedata.normalize("NFD", "Huyện Yên Thành tổng kết năm 2022\n03/01/2023 14:20 Số lượt xem: 218\nThu ngân sách đạt 412 tỷ đồng.")
    write(tmp_path / "a.txt", nfd)
    [doc] = list(read_documents([tmp_path]))
    assert doc.title == "Huyện Yên Thành tổng kết năm 2022"
    assert doc.published == dt.date(2023, 1, 3)
    assert doc.text == unicodedata.normalize("NFC", nfd)
    assert doc.status == "ok" and doc.source == "a.txt"


def test_a_date_in_the_lead_is_not_a_publication_date():
    doc = make_document("x.txt", "Tiêu đề bài viết\nSáng 5/1/2023, UBND huyện tổ chức hội nghị tổng kết năm 2022 với nhiều nội dung quan trọng.")
    assert doc.published is None


def test_a_portal_s_today_box_is_not_the_publication_date():
    doc = make_document("x.txt", "Hôm nay, thứ 5 20/07/2017\nBáo cáo tình hình kinh tế 6 tháng đầu năm 2012\n"
                                 "15/07/2012\nSáu tháng đầu năm, thu ngân sách đạt 1.210 tỷ đồng.")
    assert doc.published == dt.date(2012, 7, 15)


def test_a_page_with_no_date_takes_the_month_its_address_files_it_under():
    body = "Tiêu đề\nSáu tháng đầu năm, thu ngân sách ước đạt 496 tỷ đồng."
    assert make_document("https://baodanang.vn/channel/5399/202006/quan-hai-chau-3470856/", body).published == dt.date(2020, 6, 1)
    dated = make_document("https://baodanang.vn/channel/5399/202006/a/", "Tiêu đề\nNgày đăng: 28/06/2020\nNội dung.")
    assert dated.published == dt.date(2020, 6, 28)  # the page's own date wins


def test_footer_date_line():
    doc = make_document("x.txt", "Tiêu đề\nNội dung bài viết dài.\nNgày đăng: 20/12/2019")
    assert doc.published == dt.date(2019, 12, 20)


def test_html_keeps_main_text_only(tmp_path):
    html = """<html><head><title>Cổng TTĐT</title><script>var x = "125 tỷ đồng";</script>
    <meta property="article:published_time" content="2021-12-22T08:00:00+07:00"></head>
    <body><nav>Trang chủ | Tin tức</nav><h1>Thu ngân sách năm 2021</h1>
    <p>Thu ngân sách ước đạt 812 tỷ đồng.</p><footer>Liên hệ 0239.3856.412</footer></body></html>"""
    write(tmp_path / "page.html", html)
    [doc] = list(read_documents([tmp_path]))
    assert doc.title == "Thu ngân sách năm 2021"
    assert doc.published == dt.date(2021, 12, 22)
    assert doc.text == "Thu ngân sách năm 2021\nThu ngân sách ước đạt 812 tỷ đồng."


def test_jsonl_one_document_per_line_and_broken_lines_reported(tmp_path):
    lines = [json.dumps({"url": "https://a.gov.vn/1", "title": "T1", "text": "Nội dung một.", "published": "2020-12-04"}),
             "{not json",
             json.dumps({"content": "Nội dung hai."})]
    write(tmp_path / "feed.jsonl", "\n".join(lines))
    docs = list(read_documents([tmp_path]))
    assert [(d.source, d.status, d.title) for d in docs] == [
        ("https://a.gov.vn/1", "ok", "T1"), ("feed.jsonl#L2", "unreadable", None), ("feed.jsonl#L3", "ok", None)]
    assert docs[0].published == dt.date(2020, 12, 4)
    assert docs[1].error.startswith("broken JSON line")


def test_same_article_twice_is_one_document(tmp_path):
    write(tmp_path / "a.txt", "Bài viết\nThu ngân sách đạt 5 tỷ đồng.")
    write(tmp_path / "b.txt", "Bài viết\nThu ngân sách đạt 5 tỷ đồng.")
    docs = list(read_documents([tmp_path]))
    assert [d.status for d in docs] == ["ok", "duplicate"]
    assert docs[0].doc_id == docs[1].doc_id
    assert docs[1].error == "same text as a.txt"


def test_empty_and_binary_files_are_accounted_for(tmp_path):
    write(tmp_path / "empty.txt", "  \n\t\n")
    (tmp_path / "scan.txt").write_bytes(b"%PDF-1.4\x00\x01\x02binary")
    docs = {d.source: d for d in read_documents([tmp_path])}
    assert docs["empty.txt"].status == "empty"
    assert docs["scan.txt"].status == "unreadable"
    assert "binary" in docs["scan.txt"].error


def test_parse_date_skips_impossible_dates():
    assert parse_date("31/02/2020 và 01/03/2020") == dt.date(2020, 3, 1)


def test_a_page_without_h1_takes_its_title_from_the_title_tag():
    doc = page_document("a.html", "<html><head><title>Huyện Tiên Du thu ngân sách vượt dự toán</title></head><body>"
                                  "<div><p>Năm 2022, thu ngân sách trên địa bàn huyện Tiên Du đạt 612 tỷ đồng.</p></div></body></html>")
    assert (doc.title, doc.text) == ("Huyện Tiên Du thu ngân sách vượt dự toán", "Huyện Tiên Du thu ngân sách vượt dự toán\n"
                                     "Năm 2022, thu ngân sách trên địa bàn huyện Tiên Du đạt 612 tỷ đồng.")


def test_a_page_with_no_article_text_is_empty_with_the_reason():
    doc = page_document("a.html", "<html><head><title>Thông báo</title></head><body><nav><a href='/'>Trang chủ</a></nav></body></html>")
    assert (doc.status, doc.title, doc.error) == ("empty", "Thông báo", "the page has no article text (only short lines: Trang chủ)")


def test_a_url_seen_twice_keeps_both_rows_under_distinct_sources(tmp_path):
    lines = [json.dumps({"url": "https://a.gov.vn/1", "text": "Bài một\nThu ngân sách năm 2022 đạt 5 tỷ đồng."}),
             json.dumps({"url": "https://a.gov.vn/1", "text": "Bài một\nThu ngân sách năm 2022 đạt 6 tỷ đồng."})]
    write(tmp_path / "crawl.jsonl", "\n".join(lines))
    docs = list(read_documents([tmp_path]))
    assert [(d.source, d.status) for d in docs] == [("https://a.gov.vn/1", "ok"), ("https://a.gov.vn/1 (crawl.jsonl#L2)", "ok")]


def test_a_file_we_may_not_read_is_unreadable_with_the_reason(tmp_path, monkeypatch):
    from pathlib import Path as RealPath

    write(tmp_path / "locked.txt", "Bài viết\nThu ngân sách đạt 5 tỷ đồng.")
    write(tmp_path / "open.txt", "Bài khác\nThu ngân sách đạt 6 tỷ đồng.")
    real_read = RealPath.read_bytes

    def refuse(self):  # root reads any file, so the permission error is simulated
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_read(self)

    monkeypatch.setattr(RealPath, "read_bytes", refuse)
    docs = {d.source: d for d in read_documents([tmp_path])}
    assert docs["locked.txt"].status == "unreadable"
    assert docs["locked.txt"].error.startswith("PermissionError: [Errno 13] Permission denied")
    assert docs["open.txt"].status == "ok"


def test_inputs_come_in_the_order_of_their_sources(tmp_path):
    from pipeline.ingest import find_inputs, find_sources, relative_source

    for name in ["a0.txt", "a/b.txt", "a.txt", "a/c/d.txt", "a-b.txt", "z.jsonl", "notes.md", "b/x.html"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    (tmp_path / "link").symlink_to(tmp_path / "a", target_is_directory=True)  # a folder link is not walked
    sources = [relative_source(path, root) for path, root in find_inputs([tmp_path])]
    assert sources == ["a-b.txt", "a.txt", "a/b.txt", "a/c/d.txt", "a0.txt", "b/x.html", "z.jsonl"]
    assert sources == sorted(sources)
    merged = [relative_source(path, root) for path, root in find_inputs([tmp_path / "b", tmp_path / "a", tmp_path / "z.jsonl"])]
    assert merged == ["a/b.txt", "a/c/d.txt", "b/x.html", "z.jsonl"]
    for inputs in ([tmp_path], [tmp_path / "b", tmp_path / "a", tmp_path / "z.jsonl"], [tmp_path / "a" / "c"]):
        assert [(source, relative_source(path, root)) for source, path, root in find_sources(inputs)] == \
            [(relative_source(path, root),) * 2 for path, root in find_inputs(inputs)]


def test_id_set_holds_exactly_the_ids_added_through_growth():
    import random

    from pipeline.ingest import IdSet

    rng = random.Random(5)
    keys = [rng.getrandbits(64) for _ in range(5000)] + [0, 1, 2**64 - 1] + [k & 0xFF for k in range(300)]
    ids, oracle = IdSet(capacity=8), set()
    for key in keys:
        ids.add(key)
        oracle.add(key)
    assert len(ids) == len(oracle)
    assert all(key in ids for key in oracle)
    others = [rng.getrandbits(64) for _ in range(5000)] + [2**63, 256, 1000]
    assert [key in ids for key in others] == [key in oracle for key in others]


def test_duplicates_name_their_first_source_after_it_left_memory(monkeypatch):
    from pipeline.ingest import Document, DuplicateMarker, doc_id_of

    monkeypatch.setattr(DuplicateMarker, "FLUSH_EVERY", 3)
    marker = DuplicateMarker()
    texts = [f"Bài {n}: thu ngân sách đạt {n} tỷ đồng." for n in range(10)]
    marked = [marker.mark(Document(doc_id_of(t), f"{n}.txt", None, None, t, "utf-8")) for n, t in enumerate(texts)]
    assert {d.status for d in marked} == {"ok"}
    copies = [marker.mark(Document(doc_id_of(texts[n]), f"copy-{n}.txt", None, None, texts[n], "utf-8"))
              for n in (0, 5, 9)]  # 0 and 5 are in the temporary file by now, 9 still in memory
    assert [(d.status, d.error) for d in copies] == [("duplicate", "same text as 0.txt"),
                                                      ("duplicate", "same text as 5.txt"),
                                                      ("duplicate", "same text as 9.txt")]
    assert marker.seen(doc_id_of(texts[0])) and not marker.seen(doc_id_of("một bài khác"))
