"""Dates as articles and pages write them: ``dd/mm/yyyy`` day first, and ISO dates of metadata."""
from __future__ import annotations

import datetime as dt
import re

#: a full date, day first, as Vietnamese pages print it
DATE = re.compile(
    r"""
    (?<!\d)(?P<day>\d{1,2})          # day
    [/.\-](?P<month>\d{1,2})         # month
    [/.\-](?P<year>(?:19|20)\d{2})   # four-digit year
    (?!\d)
    """,
    re.VERBOSE,
)


def parse_date(text: str) -> dt.date | None:
    """The first full dd/mm/yyyy date in `text`.

    >>> parse_date("04/12/2020 10:46 Số lượt xem: 133")
    datetime.date(2020, 12, 4)
    >>> parse_date("Thứ hai - 09/10/2023 08:05")
    datetime.date(2023, 10, 9)
    >>> parse_date("31/02/2020") is None
    True
    """
    for match in DATE.finditer(text):
        try:
            return dt.date(int(match["year"]), int(match["month"]), int(match["day"]))
        except ValueError:
            continue
    return None


def iso_date(value: object) -> dt.date | None:
    """The date of an ISO date or timestamp (``2023-07-05T08:00:00+07:00``), else of a day-first date.

    >>> iso_date("2023-07-05T08:00:00+07:00"), iso_date("05/07/2023"), iso_date("soon"), iso_date(None)
    (datetime.date(2023, 7, 5), datetime.date(2023, 7, 5), None, None)
    """
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        return parse_date(str(value))


#: a month in a page's address: "/202006/", "/2020/06/" (portals file their pages by month)
_URL_MONTH = re.compile(r"/(?P<year>(?:19|20)\d{2})/?(?P<month>0[1-9]|1[0-2])/")


def month_in_url(source: str) -> dt.date | None:
    """The first day of the month a page's address files it under, when it names one.

    >>> month_in_url("https://baogialai.com.vn/channel/8207/202106/ayun-pa-thu-ngan-sach-5739321/")
    datetime.date(2021, 6, 1)
    >>> month_in_url("https://example.vn/2019/11/kinh-te-huyen.html")
    datetime.date(2019, 11, 1)
    >>> month_in_url("https://example.vn/tin-tuc/202399/a.html") is None, month_in_url("data/a.txt") is None
    (True, True)
    """
    if "://" not in source:
        return None
    match = _URL_MONTH.search(source.split("?", 1)[0])
    return dt.date(int(match["year"]), int(match["month"]), 1) if match else None


#: a line that opens with the day of what it reports: "Chiều 6/6/2019, UBND huyện ...", "GD&TĐ - Ngày 22/5/2015, ..."
_DATED_LINE = re.compile(r"""(?imx)
    ^[ \t]*(?:[^\n]{0,40}?[-–—)][ \t]*)?   # a source's prefix: "GD&TĐ - ", "(Baoquangnam.vn) "
    (?:(?:sáng|chiều|trưa|tối|đêm)[ \t]+)?  # the time of day
    (?:ngày[ \t]+)?                         # "ngày"
    (?P<date>\d{1,2}[ \t]*[/.\-][ \t]*\d{1,2}[ \t]*[/.\-][ \t]*(?:19|20)\d\d)
    [ \t]*[,:(]                             # and the sentence goes on
""")
LEAD_LINES_CHARS = 1500  # the day is said in the first lines or not at all


def lead_date(text: str) -> dt.date | None:
    """The day a line near the top opens with, as a news lead says when its meeting was held.

    >>> lead_date("Huyện Kim Sơn họp\\nChiều 6/6/2019, UBND huyện tổ chức hội nghị.")
    datetime.date(2019, 6, 6)
    >>> lead_date("Huyện Kim Sơn họp\\nTheo Quyết định ngày 6/6/2019, huyện giao chỉ tiêu.") is None
    True
    """
    match = _DATED_LINE.search(text, 0, LEAD_LINES_CHARS)
    return parse_date(match["date"].replace(" ", "").replace("\t", "")) if match else None
