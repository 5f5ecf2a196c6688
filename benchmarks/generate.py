#!/usr/bin/env python3
"""A synthetic corpus of Vietnamese local-government economic news, of any size.

    python benchmarks/generate.py OUT_DIR --articles N [--seed S] [--format txt|jsonl] [--per-file K]

`txt` writes one article per file in sharded folders (`OUT_DIR/000/000123.txt`, at most
`min(K, 1000)` files a folder); `jsonl` writes shards of K articles a file
(`OUT_DIR/part-00000.jsonl`, one `{"url", "title", "published", "text"}` object a line).

Every sentence template here was written for this generator; the figures are random (plausible
in size, Vietnamese number formatting) and say nothing about the real places named. The output
is deterministic for a given seed (and a prefix of a larger corpus is the smaller corpus), and it
streams: one article is built, written and forgotten at a time, so memory stays flat for a
million articles. Articles are 1.5-4 KiB of UTF-8 (about 2.5 KiB on average).

Importable: `generate_articles(n, seed)` yields `(name, text)`; `write_corpus(out_dir, n, seed,
fmt, per_file)` writes the corpus and returns `(n_articles, n_bytes)`.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sys
import time
import unicodedata
from pathlib import Path
from typing import Iterator, NamedTuple

MIN_BYTES = 1536          # every article's UTF-8 size is within [MIN_BYTES, MAX_BYTES]
MAX_BYTES = 4096
MAX_PER_FOLDER = 1000     # txt layout: never more files than this in one folder
NBSP = "\u00a0"

# --- places -----------------------------------------------------------------------------------
# (unit word, name, province). Real pre-2025 units; every figure attached to them is invented.
_PLACES_RAW = """\
huyện|Yên Thành|Nghệ An
huyện|Quỳnh Lưu|Nghệ An
huyện|Gia Lâm|Hà Nội
huyện|Đông Anh|Hà Nội
huyện|Lương Tài|Bắc Ninh
huyện|Quế Võ|Bắc Ninh
huyện|Tiên Du|Bắc Ninh
huyện|Nam Sách|Hải Dương
huyện|Cẩm Giàng|Hải Dương
huyện|Văn Lâm|Hưng Yên
huyện|Hải Hậu|Nam Định
huyện|Kim Sơn|Ninh Bình
huyện|Hoằng Hóa|Thanh Hóa
huyện|Đức Trọng|Lâm Đồng
huyện|Đức Hòa|Long An
huyện|Bến Lức|Long An
huyện|Củ Chi|Thành phố Hồ Chí Minh
huyện|Krông Pắc|Đắk Lắk
huyện|Bảo Thắng|Lào Cai
huyện|Lục Ngạn|Bắc Giang
huyện|Phú Bình|Thái Nguyên
huyện|Đại Từ|Thái Nguyên
huyện|Lâm Thao|Phú Thọ
huyện|Hàm Thuận Bắc|Bình Thuận
huyện|Diên Khánh|Khánh Hòa
huyện|Tuy Phước|Bình Định
huyện|Núi Thành|Quảng Nam
huyện|Hướng Hóa|Quảng Trị
huyện|Lệ Thủy|Quảng Bình
huyện|Can Lộc|Hà Tĩnh
huyện|Trảng Bom|Đồng Nai
huyện|Long Thành|Đồng Nai
huyện|Châu Đức|Bà Rịa - Vũng Tàu
huyện|Chợ Gạo|Tiền Giang
huyện|Mỏ Cày Nam|Bến Tre
huyện|Thới Bình|Cà Mau
huyện|Hòn Đất|Kiên Giang
huyện|Hữu Lũng|Lạng Sơn
thị xã|Từ Sơn|Bắc Ninh
thị xã|Ba Đồn|Quảng Bình
thị xã|Kinh Môn|Hải Dương
thị xã|Quảng Yên|Quảng Ninh
thị xã|Hoàng Mai|Nghệ An
thị xã|Kỳ Anh|Hà Tĩnh
thị xã|Hương Thủy|Thừa Thiên Huế
thị xã|An Nhơn|Bình Định
thị xã|Ninh Hòa|Khánh Hòa
thị xã|Duy Tiên|Hà Nam
thị xã|Điện Bàn|Quảng Nam
thị xã|Mỹ Hào|Hưng Yên
thành phố|Phổ Yên|Thái Nguyên
thành phố|Tam Điệp|Ninh Bình
thành phố|Sầm Sơn|Thanh Hóa
thành phố|Bảo Lộc|Lâm Đồng
thành phố|Long Khánh|Đồng Nai
thành phố|Châu Đốc|An Giang
thành phố|Uông Bí|Quảng Ninh
thành phố|Chí Linh|Hải Dương
thành phố|Sa Đéc|Đồng Tháp
quận|Hải An|Hải Phòng
quận|Cẩm Lệ|Đà Nẵng
tỉnh|Bắc Ninh|Bắc Ninh
tỉnh|Cao Bằng|Cao Bằng
tỉnh|Lào Cai|Lào Cai
tỉnh|Long An|Long An
tỉnh|Đắk Lắk|Đắk Lắk
tỉnh|Hà Tĩnh|Hà Tĩnh
tỉnh|Quảng Trị|Quảng Trị
tỉnh|Sóc Trăng|Sóc Trăng
tỉnh|Tuyên Quang|Tuyên Quang
"""
# size of the unit relative to an average district (money figures scale with it)
_SCALE = {"huyện": 1.0, "thị xã": 1.6, "thành phố": 2.4, "quận": 2.0, "tỉnh": 14.0}
_COUNCIL = {"huyện": "Huyện ủy", "thị xã": "Thị ủy", "thành phố": "Thành ủy", "quận": "Quận ủy",
            "tỉnh": "Tỉnh ủy"}
_ABBR = {"huyện": "HU", "thị xã": "TU", "thành phố": "TU", "quận": "QU", "tỉnh": "TU"}
_SUBUNITS = {"huyện": "xã, thị trấn", "thị xã": "xã, phường", "thành phố": "xã, phường",
             "quận": "phường", "tỉnh": "huyện, thị xã, thành phố"}


def _slug(text: str) -> str:
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in text.lower() if c.isascii() and c.isalnum())


class Place(NamedTuple):
    unit: str        # huyện, thị xã, ...
    name: str
    province: str
    scale: float
    full: str        # "huyện Yên Thành"
    cap: str         # "Huyện Yên Thành"
    council: str     # "Huyện ủy"
    abbr: str        # party document suffix
    subunits: str    # "xã, thị trấn"
    host: str        # portal host for JSONL urls (reserved .example TLD: nothing real)


def _make_place(line: str) -> Place:
    unit, name, province = line.split("|")
    full = f"{unit} {name}"
    host = (f"{_slug(name)}.example" if unit == "tỉnh"
            else f"{_slug(name)}.{_slug(province)}.example")
    return Place(unit, name, province, _SCALE[unit], full, full[0].upper() + full[1:],
                 _COUNCIL[unit], _ABBR[unit], _SUBUNITS[unit], host)


PLACES: tuple[Place, ...] = tuple(_make_place(l) for l in _PLACES_RAW.splitlines() if l)

# --- vocabulary -------------------------------------------------------------------------------
ROMAN = ("", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII",
         "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX", "XXI", "XXII")
WEEKDAYS = ("Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Chủ nhật")
EST = ("ước đạt", "ước", "ước thực hiện", "ước tính đạt", "dự kiến đạt")
ACT = ("đạt", "đạt", "thực hiện được", "là")
PLAN_BASIS = ("kế hoạch", "kế hoạch năm", "kế hoạch tỉnh giao", "chỉ tiêu Nghị quyết",
              "kế hoạch HĐND giao")
PLAN_BASIS_PROVINCE = ("kế hoạch", "kế hoạch năm", "chỉ tiêu Nghị quyết", "kế hoạch HĐND tỉnh giao")
BUDGET_BASIS = ("dự toán", "dự toán năm", "dự toán tỉnh giao", "dự toán HĐND giao")
BUDGET_BASIS_PROVINCE = ("dự toán", "dự toán năm", "dự toán Trung ương giao",
                         "dự toán HĐND tỉnh giao")
PCT_NOISE = (" %", "%%", "% %", NBSP + "%", " %")
PERSON = ("Minh Hằng", "Quốc Tuấn", "Thu Trang", "Văn Nam", "Hồng Nhung", "Đức Anh", "Lan Phương",
          "Thanh Bình", "Ngọc Mai", "Hải Đăng")
MENU = ("Giới thiệu | Tin tức | Văn bản | Thủ tục hành chính | Liên hệ",
        "Trang chủ › Tin tức - Sự kiện › Kinh tế",
        "Trang chủ » Hoạt động chỉ đạo điều hành",
        "Giới thiệu chung | Tin tức | Văn bản chỉ đạo | Dịch vụ công | Hỏi đáp",
        "»", "|", "A- A A+", "----", "Tin hoạt động")
CLOSERS = (
    "Phát biểu kết luận, đồng chí Chủ tịch UBND {u} ghi nhận sự cố gắng của các ngành, các địa "
    "phương; đồng thời yêu cầu thủ trưởng các cơ quan, đơn vị rà soát từng chỉ tiêu còn đạt thấp, "
    "làm rõ nguyên nhân và có giải pháp cụ thể để khắc phục.",
    "Kết luận hội nghị, lãnh đạo {u} đề nghị các phòng, ban chuyên môn tăng cường phối hợp, tháo gỡ "
    "vướng mắc về mặt bằng cho các dự án trọng điểm, đẩy mạnh cải cách thủ tục hành chính và nâng "
    "cao trách nhiệm người đứng đầu.",
    "Chủ tịch UBND {u} nhấn mạnh, thời gian tới cần tập trung chống thất thu, nuôi dưỡng nguồn thu, "
    "quản lý chặt chẽ đất đai, xây dựng và chăm lo đời sống cho người dân, nhất là hộ có hoàn cảnh "
    "khó khăn.",
    "Hội nghị đã dành nhiều thời gian thảo luận, chỉ ra những hạn chế, khó khăn và thống nhất các "
    "nhóm giải pháp trọng tâm cho giai đoạn tới; các ý kiến được ban soạn thảo tiếp thu, hoàn "
    "thiện báo cáo.",
)
DIFFICULTIES = (
    "Tuy nhiên, tiến độ giải phóng mặt bằng một số công trình còn chậm; sản xuất kinh doanh của "
    "một bộ phận doanh nghiệp nhỏ gặp khó khăn về vốn và đơn hàng.",
    "Bên cạnh kết quả đạt được, công tác quản lý trật tự xây dựng ở một số địa bàn còn buông lỏng; "
    "tình trạng lấn chiếm hành lang giao thông chưa được xử lý dứt điểm.",
    "Giá vật tư đầu vào tăng cao, thời tiết diễn biến thất thường đã ảnh hưởng không nhỏ đến sản "
    "xuất nông nghiệp và hoạt động của các hợp tác xã.",
    "Một số chỉ tiêu chưa đạt kế hoạch, chủ yếu do nguồn thu từ đấu giá quyền sử dụng đất thấp và "
    "thị trường bất động sản trầm lắng kéo dài.",
)
SPAM = ("Nhà cái uy tín: thưởng nạp lần đầu {a}%, hoàn trả {b}% mỗi ngày, rút tiền trong {c} phút.",
        "Tải app đổi thưởng nhận ngay {a}.000 điểm, hoàn tiền {b}% cho thành viên mới.")

_SWAP = str.maketrans(",.", ".,")


def ri(r: random.Random, lo: int, hi: int) -> int:
    """An integer in [lo, hi] (faster than Random.randint; one random() draw)."""
    return lo + int((hi - lo + 1) * r.random())


def ch(r: random.Random, seq):
    """A random element of a sequence (one random() draw)."""
    return seq[int(len(seq) * r.random())]


def rr(r: random.Random, n: int) -> int:
    return int(n * r.random())


def vn(x: float, dec: int = 1) -> str:
    """A number in Vietnamese notation: `.` groups thousands, `,` marks decimals.

    >>> vn(125952.5), vn(7531, 0), vn(0.92, 2)
    ('125.952,5', '7.531', '0,92')
    """
    if dec == 0:
        return f"{int(round(x)):,}".replace(",", ".")
    return f"{x:,.{dec}f}".translate(_SWAP)


# --- one article ------------------------------------------------------------------------------

class _Art:
    """The random choices of one article and the phrasing helpers that use them."""

    __slots__ = ("r", "noisy", "p", "y", "period", "pp", "PP", "est", "pub", "u", "toan", "kind",
                 "khoa", "kyhop", "plan_basis", "budget_basis")

    def __init__(self, r: random.Random) -> None:
        self.r = r
        self.noisy = r.random() < 0.3
        self.p = p = ch(r, PLACES)
        self.u = p.unit if r.random() < 0.6 else p.full      # "huyện" or "huyện Yên Thành"
        self.toan = "toàn " + p.unit
        self.y = y = ri(r, 2015, 2025)
        roll = r.random()
        if roll < 0.5:
            self.period = "FY"
            self.pp = ch(r, (f"năm {y}", f"năm {y}", f"cả năm {y}"))
            if r.random() < 0.6:
                self.pub = dt.date(y, 12, ri(r, 8, 30))
            else:
                self.pub = dt.date(y + 1, 1, ri(r, 3, 25))
        elif roll < 0.72:
            self.period = "H1"
            self.pp = ch(r, (f"6 tháng đầu năm {y}", "6 tháng đầu năm", f"6 tháng năm {y}"))
            self.pub = dt.date(y, ch(r, (6, 7)), ri(r, 12, 28))
        elif roll < 0.9:
            self.period = "9M"
            self.pp = ch(r, (f"9 tháng năm {y}", f"9 tháng đầu năm {y}", "09 tháng"))
            self.pub = dt.date(y, ch(r, (9, 10)), ri(r, 15, 28))
        else:
            q = ri(r, 1, 4)
            self.period = f"Q{q}"
            self.pp = ch(r, (f"quý {ROMAN[q]}/{y}", f"quý {ROMAN[q]} năm {y}"))
            self.pub = dt.date(y + (q == 4), (3 * q) % 12 + 1, ri(r, 2, 20))
        self.PP = self.pp[0].upper() + self.pp[1:]
        before_end = self.period != "FY" or self.pub.year == y
        self.est = EST if before_end and r.random() < 0.85 else ACT
        self.kind = rr(r, 4)      # 0 UBND conference, 1 HĐND session, 2 party, 3 report
        self.khoa = ROMAN[ri(r, 16, 21)]
        self.kyhop = ri(r, 3, 20)
        if p.unit == "tỉnh":
            self.plan_basis = PLAN_BASIS_PROVINCE
            self.budget_basis = BUDGET_BASIS_PROVINCE
        else:
            self.plan_basis = PLAN_BASIS
            self.budget_basis = BUDGET_BASIS

    # figures ---------------------------------------------------------------------------------
    def share(self) -> float:
        """The fraction of a full year covered by the period."""
        return {"FY": 1.0, "H1": 0.48, "9M": 0.73}.get(self.period, 0.24)

    def plan_pct(self) -> float:
        r = self.r
        base = {"FY": (92, 128), "H1": (42, 66), "9M": (62, 88)}.get(self.period, (18, 32))
        return base[0] + (base[1] - base[0]) * r.random()

    def amount(self, lo: float, hi: float, yearly: bool = True) -> float:
        """A money figure in the unit's size, grown with the year, cut to the period."""
        v = (lo + (hi - lo) * self.r.random()) * self.p.scale * (1 + 0.07 * (self.y - 2015))
        return v * self.share() if yearly else v

    # phrasing --------------------------------------------------------------------------------
    def pct(self, v: float, dec: int = 1) -> str:
        s = vn(v, dec)
        if self.noisy and self.r.random() < 0.2:
            return s + ch(self.r, PCT_NOISE)
        return s + "%"

    def money(self, v: float, unit: str = "tỷ đồng") -> str:
        r = self.r
        if unit == "tỷ đồng" and v >= 100_000 and r.random() < 0.5:
            v, unit = v / 1000, "nghìn tỷ đồng"
        dec = 0 if v >= 10_000 else (1 if v >= 10 or r.random() < 0.5 else 2)
        if dec == 0 and v < 100_000 and r.random() < 0.3:
            dec = 1
        sep = NBSP if self.noisy and r.random() < 0.15 else " "
        return f"{vn(v, dec)}{sep}{unit}"

    def verb(self, word: str | None = None) -> str:
        """A status verb followed by its space (glued to the figure now and then)."""
        w = word or ch(self.r, self.est)
        return w if self.noisy and self.r.random() < 0.08 else w + " "

    def of_plan(self, budget: bool = False) -> str:
        r = self.r
        basis = self.budget_basis if budget else self.plan_basis
        p = self.plan_pct()
        if self.noisy and r.random() < 0.2:
            return f"đạt {vn(p, 1)}%{ch(r, ('KH', 'NQ', 'DT'))}"
        return f"{ch(r, ('đạt', 'bằng', 'đạt', 'tương đương'))} {self.pct(p)} {ch(r, basis)}"

    def change(self, lo: float = -3, hi: float = 16, prior: bool = True) -> str:
        r = self.r
        g = lo + (hi - lo) * r.random()
        word = "tăng" if g >= 0 else "giảm"
        if not prior:
            return f"{word} {self.pct(abs(g))}"
        cmp = ch(r, ("so với cùng kỳ", "so cùng kỳ", f"so với năm {self.y - 1}",
                        "so với cùng kỳ năm trước", "")) if self.period == "FY" else \
            ch(r, ("so với cùng kỳ", "so với cùng kỳ năm trước", "so cùng kỳ", ""))
        if self.period == "FY" and cmp == "so với cùng kỳ":
            cmp = f"so với năm {self.y - 1}"
        return f"{word} {self.pct(abs(g))} {cmp}".rstrip()

    def date(self, back: int) -> str:
        d = self.pub - dt.timedelta(days=back)
        return f"{d.day}/{d.month}"


# economic paragraphs: each returns a list of sentences --------------------------------------

def _growth(a: _Art) -> list[str]:
    r, y = a.r, a.y
    g = 3 + 11 * r.random()
    out = [ch(r, (
        f"{a.PP}, tốc độ tăng trưởng kinh tế {a.verb()}{a.pct(g, 2)}, "
        f"{ch(r, ('cao hơn mức bình quân chung của tỉnh', 'vượt chỉ tiêu Nghị quyết đề ra', 'thấp hơn kế hoạch'))}.",
        f"Kinh tế {a.toan} tiếp tục tăng trưởng khá, tổng sản phẩm trên địa bàn (GRDP, giá so sánh 2010) "
        f"{a.pp} ước tăng {a.pct(g, 2)}, đứng thứ {ri(r, 2, 9)}/{ri(r, 10, 14)} trong tỉnh.",
        f"Quy mô GRDP (giá hiện hành) {a.verb()}{a.money(a.amount(4000, 30000))}; "
        f"GRDP tăng {a.pct(g, 1)} so với cùng kỳ.",
    ))]
    if r.random() < 0.6:
        out.append(
            f"Trong đó, khu vực nông, lâm nghiệp và thủy sản tăng {a.pct(0.5 + 4 * r.random())}; "
            f"công nghiệp - xây dựng tăng {a.pct(4 + 14 * r.random())}; dịch vụ tăng "
            f"{a.pct(3 + 8 * r.random())}.")
    if r.random() < 0.4:
        x = 5 + 25 * r.random()
        z = 25 + 20 * r.random()
        out.append(f"Cơ cấu kinh tế tiếp tục chuyển dịch đúng hướng: nông nghiệp {vn(x)}% - công nghiệp, "
                   f"xây dựng {vn(100 - x - z)}% - dịch vụ {vn(z)}%.")
    if r.random() < 0.45:
        out.append(f"Tổng giá trị sản xuất (giá so sánh 2010) {a.verb()}"
                   f"{a.money(a.amount(6000, 60000))}, {a.change(2, 14)}.")
    return out


def _industry(a: _Art) -> list[str]:
    r = a.r
    x = a.amount(600, 40000)
    name = ch(r, ("Giá trị sản xuất công nghiệp", "Giá trị sản xuất CN-TTCN",
                     "Giá trị sản xuất công nghiệp - tiểu thủ công nghiệp",
                     "Giá trị sản xuất công nghiệp (giá so sánh 2010)"))
    first = f"{name} {a.pp} {a.verb()}{a.money(x)}"
    if r.random() < 0.6:
        first += ", " + a.of_plan()
    first += ", " + a.change(-2, 18)
    if r.random() < 0.5:
        part = ch(r, ("khu vực có vốn đầu tư nước ngoài", "khu vực ngoài nhà nước",
                         "khu vực kinh tế ngoài quốc doanh", "ngành chế biến, chế tạo"))
        s = 0.3 + 0.6 * r.random()
        first += f"; trong đó {part} {a.money(x * s)}, chiếm {a.pct(100 * s)}"
    out = [ch(r, ("Sản xuất công nghiệp duy trì đà tăng trưởng.",
                     "Hoạt động sản xuất công nghiệp có nhiều khởi sắc.",
                     "Lĩnh vực công nghiệp tiếp tục là động lực tăng trưởng.")), first + "."]
    if r.random() < 0.35:
        out.append(f"Chỉ số sản xuất công nghiệp (IIP) {a.change(1, 15)}, riêng ngành chế biến, "
                   f"chế tạo tăng {a.pct(2 + 14 * r.random())}.")
    if r.random() < 0.5:
        out.append(f"Toàn {a.p.unit} hiện có {vn(ri(r, 120, 2400), 0)} doanh nghiệp đang hoạt động và "
                   f"{ri(r, 2, 9)} cụm công nghiệp, tỷ lệ lấp đầy bình quân {vn(40 + 55 * r.random())}%.")
    return out


def _budget(a: _Art) -> list[str]:
    r = a.r
    x = a.amount(60, 1400)
    name = ch(r, ("Tổng thu ngân sách nhà nước trên địa bàn", "Thu ngân sách nhà nước",
                     "Thu ngân sách trên địa bàn", "Tổng thu NSNN trên địa bàn", "Tổng thu ngân sách"))
    first = f"{name} {a.pp} {a.verb()}{a.money(x)}, {a.of_plan(budget=True)}"
    if r.random() < 0.7:
        first += ", " + a.change(-8, 25)
    land = False
    if r.random() < 0.55:
        d = 0.5 + 0.35 * r.random()
        first += f"; trong đó thu nội địa {a.money(x * d)}"
        if r.random() < 0.6:
            land = True
            first += f", thu tiền sử dụng đất {a.money(x * d * (0.15 + 0.4 * r.random()))}"
    out = [first + "."]
    if not land and r.random() < 0.4:
        out.append(f"Riêng thu tiền sử dụng đất mới đạt {a.money(x * (0.1 + 0.3 * r.random()))}, "
                   f"bằng {a.pct(30 + 60 * r.random())} dự toán do các dự án đấu giá chậm triển khai.")
    if r.random() < 0.5:
        out.append(f"Tổng chi ngân sách địa phương {a.verb()}{a.money(x * (0.8 + 0.5 * r.random()))}, "
                   f"bằng {a.pct(a.plan_pct())} dự toán, đáp ứng các nhiệm vụ chi thường xuyên và chi "
                   "đầu tư phát triển.")
    return out


def _trade(a: _Art) -> list[str]:
    r = a.r
    out = []
    if r.random() < 0.8:
        out.append(ch(r, ("Hoạt động thương mại, dịch vụ sôi động.",
                             "Thị trường hàng hóa ổn định, sức mua tăng khá.", "")) +
                   f" Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng {a.verb()}"
                   f"{a.money(a.amount(900, 16000))}, {a.change(3, 19)}.")
    if r.random() < 0.6:
        e = a.amount(15, 900)
        unit = "triệu USD"
        if e > 3000 and r.random() < 0.5:
            e, unit = e / 1000, "tỷ USD"
        out.append(f"Kim ngạch xuất khẩu {a.verb()}{a.money(e, unit)}, {a.change(-6, 22)}; "
                   f"kim ngạch nhập khẩu {a.money(e * (0.4 + 0.7 * r.random()), unit)}.")
    if r.random() < 0.5:
        visitors = a.amount(40_000, 600_000)
        out.append(f"Ngành du lịch đón khoảng {vn(visitors, 0)} lượt khách, trong đó "
                   f"{vn(visitors * 0.05 * r.random(), 0)} lượt khách quốc tế; doanh thu du lịch "
                   f"{a.verb()}{a.money(a.amount(20, 1500))}, {a.change(5, 40)}.")
    return out or [f"Tổng mức bán lẻ hàng hóa {a.verb()}{a.money(a.amount(900, 16000))}."]


def _investment(a: _Art) -> list[str]:
    r = a.r
    out = [f"Vốn đầu tư phát triển toàn xã hội {a.verb()}{a.money(a.amount(1500, 18000))}, "
           f"{a.change(-4, 15)}."]
    if r.random() < 0.7:
        d = a.amount(80, 900)
        out.append(f"Giải ngân vốn đầu tư công đạt {a.money(d)}, bằng {a.pct(a.plan_pct())} kế hoạch "
                   f"vốn giao; có {ri(r, 3, 40)} công trình được khởi công mới.")
    if r.random() < 0.4:
        out.append(f"Trong {a.pp}, {a.u} thu hút {ri(r, 2, 30)} dự án đầu tư mới với tổng vốn đăng "
                   f"ký {a.money(a.amount(200, 5000, False))}, trong đó có {ri(r, 1, 8)} dự án FDI "
                   f"với số vốn {a.money(20 + 300 * r.random(), 'triệu USD')}.")
    return out


def _agriculture(a: _Art) -> list[str]:
    r = a.r
    out = [f"Sản xuất nông nghiệp ổn định; tổng diện tích gieo trồng đạt {vn(a.amount(4000, 22000, False), 0)} ha, "
           f"bằng {vn(95 + 8 * r.random())}% kế hoạch, năng suất lúa bình quân {vn(52 + 14 * r.random())} tạ/ha, "
           f"sản lượng lương thực {vn(a.amount(20000, 120000, False), 0)} tấn.",
           f"Tổng đàn lợn {vn(a.amount(20000, 140000, False), 0)} con, đàn gia cầm "
           f"{vn(400 + 2000 * r.random(), 0)} nghìn con; trồng mới {ri(r, 50, 900)} ha rừng tập trung."]
    if r.random() < 0.6:
        out.append(f"Giá trị sản xuất nông, lâm, thủy sản {a.verb()}{a.money(a.amount(700, 5000))}, "
                   f"{a.change(0.5, 6)}.")
    if r.random() < 0.5:
        m = ri(r, 10, 30)
        out.append(f"Đến nay {a.toan} có {ri(r, m // 2, m)}/{m} xã đạt chuẩn nông thôn mới, "
                   f"{ri(r, 1, 6)} xã đạt chuẩn nông thôn mới nâng cao.")
    return out


def _income(a: _Art) -> list[str]:
    r, y = a.r, a.y
    inc = (32 + 5 * (y - 2015) + 30 * r.random()) * (1.25 if a.p.unit == "tỉnh" else 1)
    usd = inc * 1e6 / (22_000 + 3_000 * r.random())
    out = []
    if r.random() < 0.75:
        s = f"Thu nhập bình quân đầu người {a.verb()}{vn(inc)} triệu đồng/người/năm"
        if r.random() < 0.6:
            s += f" (tương đương {vn(usd, 0)} USD)"
        if r.random() < 0.5:
            s += f", tăng {vn(1 + 6 * r.random())} triệu đồng so với năm {y - 1}"
        out.append(ch(r, ("Đời sống nhân dân tiếp tục được cải thiện.", "")) + " " + s + ".")
    pov, near = 0.3 + 9 * r.random(), 1 + 8 * r.random()
    roll = r.random()
    if roll < 0.4:
        out.append(f"Tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều giảm còn {a.pct(pov, 2)}, tỷ lệ hộ cận "
                   f"nghèo còn {a.pct(near, 2)}.")
    elif roll < 0.75:
        hh = ri(r, 8_000, 60_000) * (10 if a.p.unit == "tỉnh" else 1)
        out.append(f"{a.toan.capitalize()} còn {vn(hh * pov / 100, 0)} hộ nghèo, chiếm {a.pct(pov, 2)}; "
                   f"{vn(hh * near / 100, 0)} hộ cận nghèo, chiếm {a.pct(near, 2)}.")
    else:
        out.append(f"Tỷ lệ hộ nghèo giảm {vn(0.3 + 1.5 * r.random(), 2)}% so với đầu năm, còn "
                   f"{a.pct(pov, 2)}; hộ cận nghèo {a.pct(near, 2)}.")
    return out


def _targets(a: _Art) -> list[str]:
    r, y = a.r, a.y
    if a.period != "FY":
        return [f"Trong thời gian còn lại của năm {y}, {a.u} phấn đấu hoàn thành và vượt các chỉ "
                f"tiêu kế hoạch, trong đó thu ngân sách đạt {a.money(a.amount(60, 1400) / a.share())} "
                f"và tốc độ tăng trưởng kinh tế đạt {a.pct(6 + 5 * r.random())} trở lên."]
    g = 6 + 4 * r.random()
    s = (f"Năm {y + 1}, {a.u} đặt mục tiêu tốc độ tăng trưởng kinh tế đạt {vn(g)}-{a.pct(g + 1)}; "
         f"thu ngân sách trên địa bàn {a.money(a.amount(70, 1500) * 1.08)} trở lên")
    if r.random() < 0.6:
        s += f"; thu nhập bình quân đầu người {vn(40 + 5 * (y - 2014) + 25 * r.random())} triệu đồng"
    if r.random() < 0.6:
        s += f"; giảm tỷ lệ hộ nghèo xuống dưới {a.pct(0.5 + 5 * r.random())}"
    return [s + "."]


ECON = (_growth, _industry, _budget, _trade, _investment, _agriculture, _income)


# distractor paragraphs: numbers that are not indicators ---------------------------------------

def _security(a: _Art) -> list[str]:
    r = a.r
    return [f"Tình hình an ninh chính trị, trật tự an toàn xã hội cơ bản ổn định. Lực lượng công an "
            f"đã điều tra, làm rõ {ri(r, 20, 300)} vụ phạm pháp hình sự, đạt tỷ lệ "
            f"{vn(78 + 20 * r.random())}%, bắt giữ {ri(r, 30, 500)} đối tượng; xử lý "
            f"{vn(ri(r, 800, 20000), 0)} trường hợp vi phạm trật tự an toàn giao thông, phạt tiền "
            f"{vn(ri(r, 400, 9000), 0)} triệu đồng.",
            f"Trên địa bàn xảy ra {ri(r, 3, 60)} vụ tai nạn giao thông, làm chết {ri(r, 1, 30)} "
            f"người, bị thương {ri(r, 1, 50)} người, giảm {vn(2 + 30 * r.random())}% số vụ so với "
            "cùng kỳ."]


def _health(a: _Art) -> list[str]:
    r = a.r
    m = ri(r, 10, 30)
    out = [f"Công tác chăm sóc sức khỏe nhân dân được quan tâm; tỷ lệ bao phủ bảo hiểm y tế đạt "
           f"{vn(85 + 14 * r.random())}% dân số, {ri(r, m // 2, m)}/{m} trạm y tế đạt chuẩn quốc "
           f"gia về y tế xã, tỷ lệ trẻ em dưới 1 tuổi được tiêm chủng đầy đủ đạt {vn(94 + 5.9 * r.random())}%."]
    if 2020 <= a.y <= 2022:
        out.append(f"Công tác phòng, chống dịch COVID-19 được triển khai quyết liệt, tỷ lệ người từ 18 "
                   f"tuổi trở lên được tiêm đủ liều cơ bản vắc-xin đạt {vn(90 + 9.9 * r.random())}%.")
    else:
        out.append(f"Ghi nhận {ri(r, 5, 400)} ca mắc sốt xuất huyết, {ri(r, 0, 40)} ca tay chân "
                   "miệng, không có ca tử vong.")
    return out


def _land(a: _Art) -> list[str]:
    r = a.r
    return [f"Công tác bồi thường, giải phóng mặt bằng được tập trung chỉ đạo; {a.u} đã thu hồi "
            f"{vn(5 + 200 * r.random())} ha đất của {vn(ri(r, 40, 1500), 0)} hộ để thực hiện "
            f"{ri(r, 3, 40)} dự án, chi trả tiền bồi thường, hỗ trợ {vn(5 + 400 * r.random())} tỷ "
            f"đồng.",
            f"Cấp {vn(ri(r, 300, 6000), 0)} giấy chứng nhận quyền sử dụng đất lần đầu, đạt "
            f"{vn(70 + 40 * r.random())}% kế hoạch; giải quyết {ri(r, 10, 200)} đơn thư liên quan "
            "đến đất đai."]


def _party(a: _Art) -> list[str]:
    r = a.r
    return [f"Công tác xây dựng Đảng được chú trọng; các tổ chức cơ sở đảng đã kết nạp "
            f"{ri(r, 40, 600)} đảng viên mới, đạt {vn(95 + 20 * r.random())}% chỉ tiêu; trao Huy "
            f"hiệu 30, 40, 50, 55 năm tuổi Đảng cho {ri(r, 50, 900)} đảng viên.",
            f"Ban Thường vụ {a.p.council} đã ban hành Nghị quyết số {ri(r, 1, 60):02d}-NQ/"
            f"{a.p.abbr} về phát triển đô thị và Kế hoạch số {ri(r, 100, 400)}-KH/{a.p.abbr} "
            f"triển khai Kết luận {ri(r, 10, 120)}-KL/TW của Bộ Chính trị."]


def _education(a: _Art) -> list[str]:
    r = a.r
    m = ri(r, 40, 180)
    return [f"Năm học {a.y - 1}-{a.y}, {a.toan} có {ri(r, m // 2, m)}/{m} trường đạt chuẩn quốc gia; "
            f"tỷ lệ học sinh tốt nghiệp THPT đạt {vn(92 + 7.9 * r.random(), 2)}%, có "
            f"{ri(r, 5, 80)} học sinh đạt giải học sinh giỏi cấp tỉnh."]


def _social(a: _Art) -> list[str]:
    r = a.r
    return [f"Nhân dịp Tết Nguyên đán, {a.u} đã trao {vn(ri(r, 1200, 30000), 0)} suất quà cho "
            f"hộ nghèo, gia đình chính sách với tổng trị giá {vn(1 + 20 * r.random())} tỷ đồng; hỗ "
            f"trợ xây mới, sửa chữa {ri(r, 10, 300)} nhà đại đoàn kết, mức hỗ trợ "
            f"{ch(r, (40, 50, 60, 70))} triệu đồng/nhà.",
            f"Ngân hàng Chính sách xã hội đã giải ngân {vn(50 + 600 * r.random())} tỷ đồng cho "
            f"{vn(ri(r, 1500, 25000), 0)} lượt hộ vay vốn, tổng dư nợ tăng "
            f"{vn(3 + 12 * r.random())}% so với đầu năm."]


def _labour(a: _Art) -> list[str]:
    r = a.r
    return [f"Giải quyết việc làm mới cho {vn(ri(r, 800, 12000), 0)} lao động, đạt "
            f"{vn(100 + 20 * r.random())}% kế hoạch; đưa {ri(r, 30, 900)} người đi làm việc ở "
            f"nước ngoài theo hợp đồng; tỷ lệ lao động qua đào tạo đạt {vn(55 + 30 * r.random())}%.",
            f"Công tác tuyển quân hoàn thành với {ri(r, 80, 600)} thanh niên lên đường nhập ngũ, "
            f"đạt 100% chỉ tiêu; tổ chức diễn tập chiến đấu phòng thủ cho {ri(r, 2, 9)} xã."]


def _admin(a: _Art) -> list[str]:
    r = a.r
    return [f"Chỉ số cải cách hành chính năm {a.y - 1} đạt {vn(75 + 20 * r.random(), 2)} điểm, xếp "
            f"thứ {ri(r, 1, 12)}/{ri(r, 12, 15)}; bộ phận một cửa tiếp nhận "
            f"{vn(ri(r, 4000, 90000), 0)} hồ sơ, trong đó {vn(96 + 3.9 * r.random(), 2)}% được "
            f"giải quyết đúng và trước hạn.",
            f"Thực hiện Quyết định số {ri(r, 100, 4000)}/QĐ-UBND ngày {ri(r, 1, 28)}/"
            f"{ri(r, 1, 12)}/{a.y} của UBND tỉnh, {a.u} đã sắp xếp {ri(r, 2, 12)} đơn vị "
            f"sự nghiệp, giảm {ri(r, 5, 80)} biên chế."]


def _council(a: _Art) -> list[str]:
    r = a.r
    return [f"Tại kỳ họp, các đại biểu đã bầu bổ sung chức danh Phó Chủ tịch UBND {a.p.unit} với "
            f"{vn(85 + 15 * r.random())}% số phiếu tán thành và thông qua {ri(r, 6, 30)} nghị quyết, "
            f"trong đó có Nghị quyết số {ri(r, 10, 150)}/NQ-HĐND về kế hoạch đầu tư công trung hạn "
            f"giai đoạn {a.y - a.y % 5 + 1}-{a.y - a.y % 5 + 5}."]


def _disaster(a: _Art) -> list[str]:
    r = a.r
    return [f"Cơn bão số {ri(r, 2, 9)} và mưa lớn kéo dài đã làm {vn(50 + 3000 * r.random(), 0)} ha "
            f"lúa, hoa màu bị ngập úng, {ri(r, 10, 900)} ngôi nhà bị tốc mái; ước thiệt hại "
            f"khoảng {vn(2 + 150 * r.random())} tỷ đồng. Các lực lượng đã huy động "
            f"{vn(ri(r, 300, 4000), 0)} lượt người giúp dân khắc phục hậu quả."]


def _environment(a: _Art) -> list[str]:
    r = a.r
    return [f"Tỷ lệ thu gom, xử lý rác thải sinh hoạt đạt {vn(80 + 19 * r.random())}%, "
            f"{vn(85 + 14.9 * r.random())}% dân số nông thôn được sử dụng nước sạch hợp vệ sinh; "
            f"tỷ lệ che phủ rừng đạt {vn(20 + 45 * r.random())}%."]


def _procedure(a: _Art) -> list[str]:
    r = a.r
    return [ch(r, DIFFICULTIES),
            f"Cũng tại {ch(r, ('hội nghị', 'phiên họp', 'kỳ họp'))}, các đại biểu nghe báo cáo công tác "
            "thanh tra, tiếp công dân, giải quyết khiếu nại, tố cáo; công tác phòng, chống tham nhũng, "
            "lãng phí và cho ý kiến vào dự thảo chương trình công tác năm tới."]


DISTRACT = (_security, _health, _land, _party, _education, _social, _labour, _admin, _council,
            _disaster, _environment, _procedure)


# --- header, lead, footer --------------------------------------------------------------------

def _title(a: _Art, figure: str | None) -> str:
    r, p, y = a.r, a.p, a.y
    if figure and r.random() < 0.5:
        return f"{p.cap}: thu ngân sách {a.pp} {ch(r, a.est)} {figure}"
    if r.random() < 0.5:
        return ch(r, (
            f"Kinh tế {p.name} {a.pp} tăng trưởng {ch(r, ('khá', 'ổn định', 'vượt kế hoạch'))}",
            f"{p.name}: {ch(r, ('nhiều chỉ tiêu kinh tế đạt và vượt kế hoạch', 'thu ngân sách gặp khó khăn', 'giữ vững đà tăng trưởng', 'kinh tế phục hồi, thu ngân sách tăng khá'))}",
        ))
    if a.kind == 0:
        return (f"{p.cap} tổng kết nhiệm vụ phát triển kinh tế - xã hội năm {y}" if a.period == "FY"
                else f"UBND {p.unit} họp phiên thường kỳ tháng {a.pub.month}/{a.pub.year}")
    if a.kind == 1:
        return f"Kỳ họp thứ {a.kyhop} HĐND {p.full} khóa {a.khoa}"
    if a.kind == 2:
        return f"Đảng bộ {p.full} đánh giá kết quả lãnh đạo {a.pp}"
    return f"{p.cap} sơ kết tình hình kinh tế - xã hội {a.pp}" if a.period != "FY" else \
        f"Kinh tế - xã hội {p.full} năm {y}: nhiều điểm sáng"


def _distractor_title(a: _Art) -> str:
    r, p, y = a.r, a.p, a.y
    return ch(r, (
        f"{p.cap} tổng kết công tác bảo đảm an ninh, trật tự năm {y}",
        f"{p.cap} khắc phục hậu quả mưa lũ, ổn định đời sống nhân dân",
        f"HĐND {p.full} tổ chức kỳ họp chuyên đề",
        f"Trao quà Tết cho hộ nghèo, gia đình chính sách trên địa bàn {p.full}",
        f"{p.cap} đẩy nhanh tiến độ giải phóng mặt bằng các dự án trọng điểm",
    ))


def _distractor_lead(a: _Art) -> str:
    r, p = a.r, a.p
    return ch(r, (
        f"{ch(r, ('Sáng', 'Chiều', 'Ngày'))} {a.date(ri(r, 1, 4))}, UBND {p.full} tổ chức hội nghị "
        f"đánh giá kết quả thực hiện các nhiệm vụ trọng tâm và triển khai kế hoạch thời gian tới.",
        f"Thực hiện chỉ đạo của {ch(r, ('UBND tỉnh', 'Thường trực ' + p.council, 'Ban Chỉ đạo'))}, "
        f"{p.full} đã tập trung triển khai đồng bộ nhiều giải pháp và đạt được một số kết quả "
        f"bước đầu.",
    ))


def _dateline(a: _Art) -> str:
    r, d = a.r, a.pub
    hm = f"{ri(r, 6, 22):02d}:{ri(r, 0, 59):02d}"
    ds = f"{d.day:02d}/{d.month:02d}/{d.year}"
    k = rr(r, 5)
    if k == 0:
        return f"{ds} {hm} Số lượt xem: {ri(r, 20, 3000)}"
    if k == 1:
        return f"{ds} | {hm}"
    if k == 2:
        return f"{WEEKDAYS[d.weekday()]} - {ds} {hm}"
    if k == 3:
        return f"{ds} {hm} | Lượt xem: {ri(r, 10, 900)}"
    return f"Cập nhật lúc {hm} ngày {ds}"


def _lead(a: _Art) -> str:
    r, p = a.r, a.p
    when = ch(r, ("Sáng", "Chiều", "Ngày"))
    day = a.date(ri(r, 1, 4))
    kind = "tổng kết" if a.period == "FY" else "sơ kết"
    nxt = f"năm {a.y + 1}" if a.period == "FY" else "những tháng cuối năm"
    term = "2016-2021" if a.pub.year <= 2020 else "2021-2026"
    if a.kind == 0:
        return (f"{when} {day}, UBND {p.full} tổ chức hội nghị {kind} tình hình thực hiện nhiệm vụ "
                f"phát triển kinh tế - xã hội {a.pp}, triển khai nhiệm vụ {nxt}. Dự hội nghị có lãnh "
                f"đạo Thường trực {p.council}, HĐND {p.unit} và đại diện {ri(r, 12, 40)} "
                f"{p.subunits}.")
    if a.kind == 1:
        return (f"{when} {day}, HĐND {p.full} khóa {a.khoa}, nhiệm kỳ {term} khai mạc kỳ họp thứ "
                f"{a.kyhop} để xem xét báo cáo kết quả thực hiện nhiệm vụ {a.pp} với sự tham dự của "
                f"{ri(r, 25, 60)} đại biểu.")
    if a.kind == 2:
        return (f"Ngày {day}/{a.pub.year}, Ban Chấp hành Đảng bộ {p.full} tổ chức hội nghị lần thứ "
                f"{ri(r, 5, 30)} đánh giá kết quả lãnh đạo thực hiện nhiệm vụ {a.pp}.")
    return (f"Theo báo cáo của UBND {p.full}, {a.pp} mặc dù còn nhiều khó khăn, thách thức nhưng "
            f"với sự vào cuộc của cả hệ thống chính trị, kinh tế - xã hội trên địa bàn tiếp tục "
            f"phát triển.")


def _chrome(a: _Art) -> list[str]:
    r, p = a.r, a.p
    lines = []
    if r.random() < 0.6:
        lines.append(ch(r, (f"Cổng thông tin điện tử {p.full}", p.full.upper() + " - TỈNH " +
                               p.province.upper() if p.unit != "tỉnh" else f"CỔNG THÔNG TIN {p.full.upper()}")))
    lines.append(ch(r, MENU))
    if r.random() < 0.3:
        lines.append(f"Đang truy cập: {ri(r, 5, 900)} | Tổng lượt truy cập: {vn(ri(r, 10_000, 9_000_000), 0)}")
    return lines


def _footer(a: _Art) -> list[str]:
    r, d = a.r, a.pub
    out = []
    roll = r.random()
    if roll < 0.35:
        out.append(f"{ch(r, PERSON)} - Trung tâm Văn hóa, Thông tin và Thể thao")
    elif roll < 0.55:
        out.append(f"Tác giả: Văn phòng HĐND và UBND {a.p.unit}\nNgày cập nhật: {d.day:02d}/{d.month:02d}/{d.year}")
    if r.random() < 0.25:
        out.append(ch(r, ("Chia sẻ | In bài viết | Quay lên trên",
                             "Ý kiến bạn đọc\nHọ và tên\nNội dung (ít nhất 15 ký tự)\nGửi",
                             f"Đường dây nóng: 02{ri(r, 10, 99)}.{ri(r, 3000000, 3999999)}")))
    return out


# --- assembly ---------------------------------------------------------------------------------

def _sentences(a: _Art, sents: list[str]) -> str:
    sents = [s.strip() for s in sents if s.strip()]
    if not a.noisy or len(sents) < 2:
        return " ".join(sents)
    r = a.r
    out = sents[0]
    for s in sents[1:]:
        roll = r.random()
        out += ("" if roll < 0.06 else "\n" if roll < 0.1 else " ") + s
    return out


def _size(s: str) -> int:
    return len(s.encode("utf-8"))


def _article(r: random.Random) -> tuple[str | None, dt.date, str, str]:
    """One article: (title, published, text, portal host); MIN_BYTES..MAX_BYTES of UTF-8."""
    a = _Art(r)
    target = r.triangular(1500, 3700, 1700)          # overshoot by half a paragraph: ~2.5 KiB
    nfd = r.random() < 0.03
    limit = (MAX_BYTES - 60) if not nfd else 3300
    economic = r.random() >= 0.07                      # the rest: distractor articles only

    body: list[str] = []
    if economic:
        order = list(ECON)
        r.shuffle(order)
        # the budget paragraph always comes: its figure may head the title
        order.remove(_budget)
        order.insert(ri(r, 0, 1), _budget)
        econ_pars = [_sentences(a, f(a)) for f in order[:2]]
        figure = None
    else:
        econ_pars = []
        figure = None
    head: list[str] = _chrome(a) if r.random() < 0.3 else []
    if economic and _budget in order[:1] and r.random() < 0.5:
        # quote the headline figure of the first (budget) paragraph again in the title
        first = econ_pars[0]
        i = first.find(" tỷ đồng")
        j = first.rfind(" ", 0, i)
        if 0 < i and j > 0 and first[j + 1:i].replace(".", "").replace(",", "").isdigit():
            figure = first[j + 1:i] + " tỷ đồng"
    if not economic:
        title = _distractor_title(a)
    else:
        title = _title(a, figure) if (not head or r.random() < 0.85) else None
    if title:
        head.append(title)
    if r.random() < 0.7:
        head.append(_dateline(a))
    head.append(_lead(a) if economic else _distractor_lead(a))
    tail = [_sentences(a, [ch(r, CLOSERS).format(u=a.u)] + (_targets(a) if economic else []))]
    tail += _footer(a)
    if a.noisy and r.random() < 0.05:
        tail.append(ch(r, SPAM).format(a=ri(r, 50, 200), b=vn(0.5 + 2 * r.random()),
                                          c=ri(r, 2, 9)))

    used = sum(_size(s) + 1 for s in head + econ_pars + tail)
    # the first econ paragraphs are essential; pad with distractors and more econ paragraphs
    extra: list[str] = []
    pool = list(DISTRACT)
    if economic:
        pool += order[len(econ_pars):]                # the other economic paragraphs, mixed in
        r.shuffle(pool)
    else:
        r.shuffle(pool)
        pool.remove(_land)                            # a distractor article always carries money
        pool.remove(_health)                          # and percentages that are not indicators
        pool[0:0] = [_land, _health]
    k = 0
    while used < target and k < len(pool):
        par = _sentences(a, pool[k](a))
        k += 1
        n = _size(par) + 1
        if used + n <= limit or (not economic and k <= 2):
            extra.append(par)
            used += n
    while used < MIN_BYTES + 40:                      # short: more distractors (fresh random ones)
        par = _sentences(a, ch(r, DISTRACT)(a))
        n = _size(par) + 1
        if used + n <= limit:
            extra.append(par)
            used += n
    # distractors sit between the economic paragraphs and after them
    paras = econ_pars[:]
    for par in extra:
        paras.insert(ri(r, min(1, len(paras)), len(paras)), par)
    parts = head + paras + tail
    text = "\n".join(parts) + "\n"
    if nfd:
        text = unicodedata.normalize("NFD", text)
        while _size(text) > MAX_BYTES and len(paras) > 1:
            paras.pop(rr(r, 1, len(paras)))
            text = unicodedata.normalize("NFD", "\n".join(head + paras + tail) + "\n")
            if _size(text) < MIN_BYTES:
                break
    return title, a.pub, text, a.p.host


def _records(n: int, seed: int) -> Iterator[tuple[int, str | None, dt.date, str, str]]:
    r = random.Random(seed)
    for i in range(n):
        title, published, text, host = _article(r)
        yield i, title, published, text, host


def _txt_name(i: int, n: int, per_folder: int = MAX_PER_FOLDER) -> str:
    width = max(6, len(str(max(n - 1, 0))))
    folders = max(n - 1, 0) // per_folder
    fwidth = max(3, len(str(folders)))
    return f"{i // per_folder:0{fwidth}d}/{i:0{width}d}.txt"


def generate_articles(n: int, seed: int = 0) -> Iterator[tuple[str, str]]:
    """Yield `n` synthetic articles as `(name, text)`; the name is the article's path in the
    default txt layout (`000/000123.txt`). Deterministic for a seed; a prefix of a longer run."""
    for i, _title, _pub, text, _host in _records(n, seed):
        yield _txt_name(i, n), text


def write_corpus(out_dir: str | os.PathLike, n: int, seed: int = 0, fmt: str = "txt",
                 per_file: int = 1000) -> tuple[int, int]:
    """Write `n` articles under `out_dir`; returns (articles written, bytes written).

    txt: one file per article, `min(per_file, 1000)` files per folder; jsonl: `per_file` articles
    per shard `part-00000.jsonl`, with url, title, published (ISO date) and text."""
    if fmt not in ("txt", "jsonl"):
        raise ValueError(f"unknown format {fmt!r}: txt or jsonl")
    if per_file < 1:
        raise ValueError("per_file must be at least 1")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = 0
    if fmt == "txt":
        per_folder = min(per_file, MAX_PER_FOLDER)
        folder = None
        for i, _title, _pub, text, _host in _records(n, seed):
            name = _txt_name(i, n, per_folder)
            sub = name.partition("/")[0]
            if sub != folder:
                (out / sub).mkdir(exist_ok=True)
                folder = sub
            data = text.encode("utf-8")
            with open(out / name, "wb") as fh:
                fh.write(data)
            written += len(data)
        return n, written
    shards = max(1, (n + per_file - 1) // per_file)
    swidth = max(5, len(str(shards - 1)))
    fh = None
    try:
        for i, title, pub, text, host in _records(n, seed):
            if i % per_file == 0:
                if fh:
                    fh.close()
                fh = open(out / f"part-{i // per_file:0{swidth}d}.jsonl", "wb")
            line = json.dumps({"url": f"https://{host}/tin-tuc/{pub.year}/bai-{i:06d}.html",
                               "title": title, "published": pub.isoformat(), "text": text},
                              ensure_ascii=False) + "\n"
            data = line.encode("utf-8")
            fh.write(data)
            written += len(data)
    finally:
        if fh:
            fh.close()
    return n, written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out_dir", help="folder to write (created if missing)")
    ap.add_argument("--articles", "-n", type=int, required=True, help="number of articles")
    ap.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    ap.add_argument("--format", choices=("txt", "jsonl"), default="txt")
    ap.add_argument("--per-file", type=int, default=1000,
                    help="jsonl: articles per shard; txt: files per folder (at most 1000)")
    args = ap.parse_args(argv)
    if args.articles < 0:
        ap.error("--articles must be >= 0")
    t0 = time.perf_counter()
    n, size = write_corpus(args.out_dir, args.articles, args.seed, args.format, args.per_file)
    secs = time.perf_counter() - t0
    print(f"{n} articles, {size / 1e6:.1f} MB in {secs:.1f} s "
          f"({n / secs if secs else 0:,.0f} articles/s) -> {args.out_dir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
