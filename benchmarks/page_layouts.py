"""An article's text served as a web page in one of four common portal layouts, with boilerplate
full of other places' figures (menus, `Các tin khác`, widgets, comments, a related-news box inside
the article column). Used to check that reading pages costs no accuracy against reading text.

All boilerplate sentences are our own.
"""
from __future__ import annotations

import datetime as dt
import html
import json
import random
import re

from pipeline.ingest import headline, published_date

#: headlines of other places, each with a figure an extractor would take if it read them
OTHER_HEADLINES = [
    "Huyện Krông Pắc: thu ngân sách 9 tháng đạt 210 tỷ đồng",
    "Tỉnh Hậu Giang tăng trưởng GRDP ước đạt 8,1%",
    "Thị xã Sơn Tây: tỷ lệ hộ nghèo còn 0,9%",
    "Thành phố Bắc Giang thu nhập bình quân đầu người đạt 98 triệu đồng",
    "Huyện Hoài Đức: giá trị sản xuất công nghiệp tăng 12,4%",
    "Quận Ninh Kiều thu ngân sách vượt 15% dự toán",
    "Huyện Diễn Châu giảm tỷ lệ hộ cận nghèo xuống 3,2%",
    "Tỉnh Bình Phước: kim ngạch xuất khẩu 6 tháng đạt 2,1 tỷ USD",
    "Huyện Chư Sê tổng giá trị sản xuất ước đạt 9.800 tỷ đồng",
    "Thành phố Vĩnh Yên tăng trưởng kinh tế đạt 9,5%",
]
COMMENTS = [
    "Năm nay thu ngân sách xã tôi cũng đạt 120% kế hoạch, mong huyện quan tâm hơn.",
    "Thu nhập của gia đình tôi mới được 40 triệu đồng một năm, chưa được như báo cáo.",
]
MENU = ["Trang chủ", "Giới thiệu", "Tin tức - Sự kiện", "Văn bản", "Thủ tục hành chính", "Liên hệ"]


def _cells(line: str) -> list[str] | None:
    """The cells of a table row flattened with pipes or aligned with runs of spaces, else None."""
    if "|" in line:
        row = line.rstrip()
        cells = row.split("|")[1 if row.startswith("|") else 0:]
        return [cell.strip() for cell in (cells[:-1] if row.endswith("|") else cells)]
    cells = re.split(r"\s{2,}", line.rstrip())
    return cells if len(cells) >= 3 else None


def _paragraphs(lines: list[str]) -> str:
    """Article lines as HTML: table rows (pipes, aligned columns) grouped into a table, the others as paragraphs."""
    out, table = [], []
    for line in lines + [""]:
        cells = _cells(line)
        if cells:
            table.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in cells) + "</tr>")
            continue
        if table:
            out.append("<table>" + "".join(table) + "</table>")
            table = []
        if line:
            out.append(f"<p>{html.escape(line)}</p>")
    return "\n".join(out)


def _links(headlines: list[str], tag: str = "li") -> str:
    return "".join(f'<{tag}><a href="/tin/{n}.html">{html.escape(h)}</a></{tag}>' for n, h in enumerate(headlines))


def page_of(text: str, layout: int, seed: int = 0) -> str:
    """The article `text` (title on its first line, a date line maybe on its second) as a page of
    layout 0 (government portal), 1 (WordPress), 2 (newspaper with JSON-LD) or 3 (table layout)."""
    lines = [line.rstrip() for line in text.split("\n") if line.strip()]
    title = headline(text) or lines[0].strip()
    body = [line for line in lines if line != title]
    date = published_date(lines)
    if body and date and len(body[0]) < 60 and published_date(body[:1]):
        body = body[1:]  # the date line: each layout prints the date its own way
    shown = date.strftime("%d/%m/%Y") if date else ""
    pick = random.Random(seed)
    heads = pick.sample(OTHER_HEADLINES, 6)
    return [_portal, _wordpress, _newspaper, _table_layout][layout % 4](title, body, date, shown, heads)


def _portal(title, body, date, shown, heads):
    return f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{html.escape(title)} - Cổng thông tin điện tử</title></head>
<body><div id="banner">Cổng thông tin điện tử</div><ul class="menu">{_links(MENU)}</ul>
<div class="columns"><div class="column-left"><div class="portlet"><div class="portlet-title">Tin nổi bật</div>
<div class="portlet-body"><ul>{_links(heads[:3])}</ul></div></div></div>
<div class="column-center"><div class="portlet"><div class="portlet-body"><div class="journal-content-article">
<h1>{html.escape(title)}</h1><div class="date">Ngày đăng: {shown} 08:15</div>
{_paragraphs(body)}</div></div></div>
<div class="portlet"><div class="portlet-title">Các tin khác</div><div class="portlet-body"><ul>{_links(heads[3:])}</ul></div></div>
</div></div><div class="footer">Cơ quan chủ quản: Ủy ban nhân dân. Tổng lượt truy cập: 1.204.518</div></body></html>"""


def _wordpress(title, body, date, shown, heads):
    meta = f'<meta property="article:published_time" content="{date.isoformat()}T07:30:00+07:00">' if date else ""
    comments = "".join(f'<li class="comment"><div class="comment-author">Bạn đọc {n}</div><p>{html.escape(c)}</p></li>'
                       for n, c in enumerate(COMMENTS, 1))
    return f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">{meta}<title>{html.escape(title)} | Tin tức</title></head>
<body class="single-post"><header class="site-header"><nav><ul>{_links(MENU)}</ul></nav></header>
<div id="content"><article class="post type-post"><h1 class="entry-title">{html.escape(title)}</h1>
<div class="entry-meta"><span class="posted-on">{shown}</span></div>
<div class="entry-content">{_paragraphs(body)}</div></article>
<div id="comments" class="comments-area"><h2 class="comments-title">2 bình luận</h2><ol class="comment-list">{comments}</ol></div>
<aside id="secondary" class="widget-area"><section class="widget"><h2 class="widget-title">Bài viết mới</h2><ul>{_links(heads[:3])}</ul></section>
<section class="widget"><h2 class="widget-title">Xem nhiều</h2><ul>{_links(heads[3:])}</ul></section></aside></div>
<footer class="site-footer">© Bản quyền thuộc về tòa soạn</footer></body></html>"""


def _newspaper(title, body, date, shown, heads):
    data = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": title}
    if date:
        data["datePublished"] = f"{date.isoformat()}T06:00:00+07:00"
    middle = max(1, len(body) // 2)
    related = f'<div class="related-news"><strong>Tin liên quan</strong><ul>{_links(heads[:3])}</ul></div>'
    return f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<script type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script></head>
<body><div class="top-menu">{_links(MENU, "span")}</div><div class="main"><div class="article-column">
<h1 class="article-title">{html.escape(title)}</h1><div class="article-body">
{_paragraphs(body[:middle])}{related}{_paragraphs(body[middle:])}</div>
<div class="tags">Từ khóa: kinh tế, ngân sách</div></div>
<div class="sidebar"><div class="box-most-read"><h3>Đọc nhiều nhất</h3><ol>{_links(heads[3:])}</ol></div></div></div>
<div class="footer">Giấy phép số 123/GP-BTTTT</div></body></html>"""


def _table_layout(title, body, date, shown, heads):
    paragraphs = "<br><br>".join(html.escape(line) for line in body)
    if any(_cells(line) for line in body):
        paragraphs = _paragraphs(body)
    menu = "".join(f'<tr><td class="menu"><a href="/m{n}.htm">{html.escape(m)}</a></td></tr>' for n, m in enumerate(MENU))
    return f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>{html.escape(title)}</title></head>
<body><table width="980" border="0"><tr><td colspan="2"><img src="/banner.jpg" alt="banner"></td></tr>
<tr><td width="200" valign="top"><table>{menu}</table><table class="box"><tr><td><b>Thông báo</b></td></tr>
{"".join(f'<tr><td><a href="/tb{n}.htm">{html.escape(h)}</a></td></tr>' for n, h in enumerate(heads[:4]))}</table></td>
<td valign="top"><font size="4"><b>{html.escape(title)}</b></font><br><i>Cập nhật: {shown}</i><br><br>
<font face="Arial">{paragraphs}</font><br><br><b>Các tin đã đưa:</b><br>
{"<br>".join(f'<a href="/t{n}.htm">{html.escape(h)}</a>' for n, h in enumerate(heads[4:]))}</td></tr>
<tr><td colspan="2" align="center">Bản quyền thuộc Ủy ban nhân dân</td></tr></table></body></html>"""


def published_of(text: str) -> dt.date | None:
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    return published_date(lines)
