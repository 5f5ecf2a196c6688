"""pipeline.encodings: legacy Vietnamese encodings, BOMs, mojibake, binary rejection.

The sentences below were written for these tests (economic-report style). Each is encoded
with the inverse of the tables (TCVN3, VNI), with Python's cp1258 codec, as UTF-16 / UTF-8
with a BOM, and as UTF-8 mojibake, and must decode back to the NFC original.
"""
from __future__ import annotations

import time
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.encodings import (
    COMMON_SYLLABLES, UnreadableError, decode_bytes, decode_tcvn3, decode_vni, encode_tcvn3,
    encode_vni, load_table, repair_mojibake, vietnamese_score,
)

SENTENCES = [
    "Năm 2023, tốc độ tăng trưởng kinh tế của tỉnh ước đạt 7,42%, cao hơn mức bình quân "
    "chung cả nước; thu nhập bình quân đầu người đạt 62,8 triệu đồng.",
    "ĐẨY MẠNH CHUYỂN ĐỔI SỐ TRONG QUẢN LÝ NHÀ NƯỚC. Ủy ban nhân dân huyện cho biết giá trị "
    "sản xuất công nghiệp tăng 12,3% so với cùng kỳ năm trước.",
    "Kim ngạch xuất khẩu thủy sản sang thị trường Nhật Bản vượt 315 triệu USD, trong khi số "
    "doanh nghiệp thành lập mới là 1.027, giảm nhẹ.",
    "Ông Trần Văn Được, Phó Chủ tịch UBND xã Quỳnh Lưu, nhấn mạnh: người dân vùng lũ đã ổn "
    "định cuộc sống, trẻ em được đến trường đầy đủ.",
    "BÁO CÁO TÌNH HÌNH KINH TẾ – XÃ HỘI QUÝ III: diện tích lúa gieo trồng đạt 45.210 ha, "
    "năng suất bình quân 58,6 tạ/ha; đàn lợn giảm 4,1%.",
    "Vốn đầu tư phát triển toàn xã hội ước đạt 21.456 tỷ đồng, bằng 104,2% kế hoạch; khách "
    "du lịch đến Đà Nẵng và Mỹ Sơn tăng gấp đôi, riêng dịp Tết Ất Tỵ tăng 9,5%.",
    "Tỷ lệ hộ nghèo theo chuẩn đa chiều giảm còn 3,05%, hộ cận nghèo 4,7%; tỉnh hỗ trợ xây "
    "mới 1.150 căn nhà, sửa chữa 420 căn cho người có công, khắc phục hậu quả bão số 3.",
]
DOCUMENT = "\n".join(SENTENCES) + "\n"

# TCVN3 has no codes for capitals with a tone; the decoder restores them from context, but
# a lone one inside a sentence ("Tết Ất Tỵ") stays in lower case.
TCVN3_EXPECTED = {s: s.replace("Ất", "ất") for s in SENTENCES}

VIET_LOWER = ("aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệghiìỉĩíịklmnoòỏõóọôồổỗốộơờởỡớợpqrstu"
              "ùủũúụưừửữứựvxyỳỷỹýỵ")
VIET_ALPHABET = VIET_LOWER + VIET_LOWER.upper()
PUNCTUATION = " .,;:!?%()-/\n“”–…"
NAMES = {"utf-8", "utf-8-sig", "utf-16", "utf-32", "cp1258", "tcvn3", "vni",
         "utf-8 (mojibake repaired)"}


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def to_cp1258(text: str) -> bytes:
    """Windows-1258 as Windows writes it: the letter precomposed where the code page has it
    (á, â, ơ ...), otherwise the letter without its tone followed by the combining tone mark."""
    clusters: list[str] = []
    for char in unicodedata.normalize("NFD", text):
        if clusters and unicodedata.combining(char):
            clusters[-1] += char
        else:
            clusters.append(char)
    return "".join(_cp1258_cluster(c) for c in clusters).encode("cp1258")


def _cp1258_cluster(cluster: str) -> str:
    whole = nfc(cluster)
    if _in_cp1258(whole):
        return whole
    tones = "".join(c for c in cluster if c in TONE_MARKS)
    letter = nfc("".join(c for c in cluster if c not in TONE_MARKS))
    return letter + tones if _in_cp1258(letter) else cluster


def _in_cp1258(char: str) -> bool:
    try:
        char.encode("cp1258")
    except UnicodeEncodeError:
        return False
    return True


def mojibake(text: str, errors: str) -> bytes:
    """UTF-8 bytes read as Windows-1252 and saved again as UTF-8. ``errors='c1'`` keeps the
    five undefined bytes as C1 controls (what Windows and many databases do); "latin-1" reads
    them all as Latin-1; "cp1258-..." reads them as Windows-1258."""
    raw = text.encode("utf-8")
    if errors.startswith("cp1258-"):
        read = raw.decode("cp1258", errors=errors[len("cp1258-"):])
    elif errors == "c1":
        read = "".join(bytes([b]).decode("cp1252", "ignore") or chr(b) for b in raw)
    elif errors == "latin-1":
        read = raw.decode("latin-1")
    else:
        read = raw.decode("cp1252", errors=errors)
    return read.encode("utf-8")


# --- the tables -------------------------------------------------------------------------------

def test_vni_table_covers_the_alphabet() -> None:
    encode = load_table("vni").encode
    missing = [c for c in VIET_ALPHABET if not c.isascii() and c not in encode]
    assert missing == []


def test_tcvn3_table_covers_lower_case_and_bare_capitals() -> None:
    table = load_table("tcvn3")
    missing = [c for c in VIET_LOWER + "ĂÂÊÔƠƯĐ" if not c.isascii() and c not in table.encode]
    assert missing == []
    # single bytes; every capital with a tone reuses the code of its lower-case letter
    assert all(len(seq) == 1 for seq in table.decode)
    for char in VIET_LOWER:
        if not char.isascii() and char.upper() not in "ĂÂÊÔƠƯĐ":
            assert table.encode[char.upper()] == table.encode[char]


def test_tables_are_single_valued_for_decoding() -> None:
    for name in ("tcvn3", "vni"):
        table = load_table(name)
        for seq, char in table.decode.items():
            assert len(char) == 1, (name, seq)


@pytest.mark.parametrize("text, data", [
    ("Đồng", b"\xa7\xe5ng"), ("nước", b"n\xad\xedc"), ("Ư", b"\xa6"), ("ỵ", b"\xfe"),
])
def test_tcvn3_known_codes(text: str, data: bytes) -> None:
    assert encode_tcvn3(text) == data
    assert decode_tcvn3(data, restore_case=False) == text


@pytest.mark.parametrize("text, data", [
    ("Đồng", b"\xd1o\xe0ng"), ("nước", b"n\xf6\xf4\xf9c"), ("ỵ", b"\xee"), ("Ỵ", b"\xce"),
    ("ẵ", b"a\xfc"), ("Ặ", b"A\xcb"), ("ĩ", b"\xf3"), ("ị", b"\xf2"), ("ỉ", b"\xe6"),
])
def test_vni_known_codes(text: str, data: bytes) -> None:
    assert encode_vni(text) == data
    assert decode_vni(data) == text


def test_vni_accent_of_the_other_case() -> None:
    assert decode_vni(b"O\xe1ng") == "Ống"      # "Oáng": capital base, lower-case accent


def test_tcvn3_vn1_capitals_decode() -> None:
    assert decode_tcvn3(b"\xe0NG", restore_case=False) == "ỔNG"


def test_tcvn3_capitals_restored_from_context() -> None:
    assert decode_tcvn3(encode_tcvn3("HÀ NỘI")) == "HÀ NỘI"
    assert decode_tcvn3(encode_tcvn3("người dân ở HÀ NỘI")) == "người dân ở HÀ NỘI"
    assert decode_tcvn3(encode_tcvn3("Ở HÀ NỘI")) == "Ở HÀ NỘI"
    assert decode_tcvn3(encode_tcvn3("của UBND Hà Nam.")) == "của UBND Hà Nam."
    assert decode_tcvn3(encode_tcvn3("Đã xong. Ủy ban họp")) == "Đã xong. Ủy ban họp"


# --- round trips (properties) -----------------------------------------------------------------

_ROUND_TRIP_CHARS = VIET_ALPHABET + "0123456789" + PUNCTUATION


@given(st.text(alphabet=_ROUND_TRIP_CHARS, max_size=200))
def test_vni_round_trip(text: str) -> None:
    assert decode_vni(encode_vni(text)) == text


def _tcvn3_representable() -> str:
    return "".join(c for c in _ROUND_TRIP_CHARS
                   if decode_tcvn3(encode_tcvn3(c), restore_case=False) == c)


@given(st.text(alphabet=_tcvn3_representable(), max_size=200))
def test_tcvn3_round_trip(text: str) -> None:
    assert decode_tcvn3(encode_tcvn3(text), restore_case=False) == text


def test_tcvn3_representable_set() -> None:
    chars = set(_tcvn3_representable())
    assert set(VIET_LOWER) <= chars and set("ĂÂÊÔƠƯĐ") <= chars
    assert "Ổ" not in chars                      # shares the code of "ổ"


# --- detection: legacy encodings --------------------------------------------------------------

@pytest.mark.parametrize("sentence", SENTENCES + [DOCUMENT])
def test_detects_vni(sentence: str) -> None:
    text, name = decode_bytes(encode_vni(sentence))
    assert (nfc(text), name) == (nfc(sentence), "vni")


@pytest.mark.parametrize("sentence", SENTENCES + [DOCUMENT])
def test_detects_tcvn3(sentence: str) -> None:
    whole = "\n".join(TCVN3_EXPECTED[s] for s in SENTENCES) + "\n"
    expected = TCVN3_EXPECTED.get(sentence, whole)
    text, name = decode_bytes(encode_tcvn3(sentence))
    assert (nfc(text), name) == (nfc(expected), "tcvn3")


@pytest.mark.parametrize("text", ["Hà Nội", "Đồng", "Tổng thu", "ĐẠI HỘI", "Sở Tài chính", "Lúa"])
@pytest.mark.parametrize("encoding", ["vni", "tcvn3", "cp1258"])
def test_detects_short_texts(text: str, encoding: str) -> None:
    data = {"vni": encode_vni, "tcvn3": encode_tcvn3, "cp1258": to_cp1258}[encoding](text)
    decoded, name = decode_bytes(data)
    assert (nfc(decoded), name) == (text, encoding)


@pytest.mark.parametrize("sentence", SENTENCES + [DOCUMENT])
def test_detects_cp1258(sentence: str) -> None:
    data = to_cp1258(sentence)
    assert b"\xec" in data or b"\xf2" in data or b"\xd2" in data   # combining tones in use
    text, name = decode_bytes(data)
    assert (nfc(text), name) == (nfc(sentence), "cp1258")


def test_cp1258_precomposed_only() -> None:
    data = nfc("Giá vàng").encode("cp1258")
    assert decode_bytes(data) == ("Giá vàng", "cp1258")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(sorted(COMMON_SYLLABLES)), min_size=12, max_size=40),
       st.sampled_from(["vni", "tcvn3", "cp1258"]))
def test_detects_random_vietnamese_prose(words: list[str], encoding: str) -> None:
    sentence = " ".join(words) + "."
    if sum(not w.isascii() for w in words) < 6:
        return                                   # too little evidence to tell encodings apart
    data = {"vni": encode_vni, "tcvn3": encode_tcvn3, "cp1258": to_cp1258}[encoding](sentence)
    text, name = decode_bytes(data)
    assert name == encoding
    assert nfc(text).lower() == nfc(sentence).lower()


# --- detection: Unicode -----------------------------------------------------------------------

@pytest.mark.parametrize("sentence", SENTENCES)
def test_utf8_plain(sentence: str) -> None:
    assert decode_bytes(sentence.encode("utf-8")) == (sentence, "utf-8")


def test_utf8_decomposed_stays() -> None:
    nfd = unicodedata.normalize("NFD", DOCUMENT)
    assert decode_bytes(nfd.encode("utf-8")) == (nfd, "utf-8")


def test_utf8_bom() -> None:
    assert decode_bytes(b"\xef\xbb\xbf" + DOCUMENT.encode("utf-8")) == (DOCUMENT, "utf-8-sig")


@pytest.mark.parametrize("codec, bom", [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")])
def test_utf16_with_bom(codec: str, bom: bytes) -> None:
    assert decode_bytes(bom + DOCUMENT.encode(codec)) == (DOCUMENT, "utf-16")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom(codec: str) -> None:
    assert decode_bytes(DOCUMENT.encode(codec)) == (DOCUMENT, "utf-16")


def test_utf32_with_bom() -> None:
    assert decode_bytes(DOCUMENT.encode("utf-32")) == (DOCUMENT, "utf-32")


def test_plain_ascii() -> None:
    data = b"Bao cao kinh te - xa hoi nam 2024: GRDP tang 7.1%.\n"
    assert decode_bytes(data) == (data.decode(), "utf-8")


def test_utf8_with_a_stray_windows_byte() -> None:
    data = "Giá trị sản xuất ".encode() + b"\x96" + " tăng 5%".encode()
    assert decode_bytes(data) == ("Giá trị sản xuất – tăng 5%", "utf-8")


def test_utf8_cut_in_the_middle_of_a_character() -> None:
    data = "Tổng thu ngân sách nhà nước".encode()[:-1]
    assert decode_bytes(data) == ("Tổng thu ngân sách nhà nướ", "utf-8")


def test_empty_input_does_not_crash() -> None:
    assert decode_bytes(b"") == ("", "utf-8")


# --- mojibake ---------------------------------------------------------------------------------

@pytest.mark.parametrize("errors", ["c1", "latin-1", "replace", "ignore", "cp1258-replace",
                                    "cp1258-ignore"])
@pytest.mark.parametrize("sentence", SENTENCES + [DOCUMENT])
def test_mojibake_repaired(sentence: str, errors: str) -> None:
    text, name = decode_bytes(mojibake(sentence, errors))
    assert (nfc(text), name) == (nfc(sentence), "utf-8 (mojibake repaired)")


def test_mojibake_example_from_the_brief_shape() -> None:
    data = "Tá»•ng thu ngÃ¢n sÃ¡ch tÄƒng".encode("utf-8")
    assert decode_bytes(data) == ("Tổng thu ngân sách tăng", "utf-8 (mojibake repaired)")


def test_mojibake_with_bom() -> None:
    data = b"\xef\xbb\xbf" + mojibake(DOCUMENT, "c1")
    assert decode_bytes(data) == (DOCUMENT, "utf-8 (mojibake repaired)")


def test_mojibake_twice() -> None:
    once = mojibake(SENTENCES[0], "c1").decode("utf-8")
    twice = mojibake(once, "c1")
    assert decode_bytes(twice) == (SENTENCES[0], "utf-8 (mojibake repaired)")


def test_mixed_document_only_mojibake_part_repaired() -> None:
    text = SENTENCES[0] + "\n" + mojibake(SENTENCES[2], "c1").decode() + "\n" + SENTENCES[3]
    expected = SENTENCES[0] + "\n" + SENTENCES[2] + "\n" + SENTENCES[3]
    assert decode_bytes(text.encode()) == (expected, "utf-8 (mojibake repaired)")


@pytest.mark.parametrize("genuine", [
    "Mã hàng Ã-12 được xuất khẩu sang Nhật Bản với giá 3,2 triệu đồng.",
    "Ký hiệu lô hàng là Ã©, giá trị xuất khẩu đạt 45 triệu USD, tăng 12% so với cùng kỳ "
    "năm trước; sản lượng cà phê đạt 18 nghìn tấn.",
    "Công ty TNHH Ã Châu nộp ngân sách 1,2 tỷ đồng.",
])
def test_stray_a_tilde_is_not_repaired(genuine: str) -> None:
    assert decode_bytes(genuine.encode("utf-8")) == (genuine, "utf-8")
    assert repair_mojibake(genuine) is None


def test_mojibake_next_to_private_use_characters() -> None:
    garbled = mojibake("Điều chỉnh kế hoạch vốn, người dân đồng thuận", "replace").decode()
    text = "\U000F0001 " + garbled
    repaired = repair_mojibake(text)
    assert repaired is not None and repaired.startswith("\U000F0001 Đi")


def test_french_utf8_is_left_alone() -> None:
    text = "Le café coûte 3 € à Hà Nội ; « prix élevés »."
    assert decode_bytes(text.encode()) == (text, "utf-8")


# --- binary and unreadable --------------------------------------------------------------------

@pytest.mark.parametrize("data, kind", [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "PDF"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "PNG"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01", "JPEG"),
    (b"PK\x03\x04\x14\x00\x06\x00\x08\x00", "ZIP"),
])
def test_binary_signatures(data: bytes, kind: str) -> None:
    with pytest.raises(UnreadableError, match=rf"^binary content \(looks like {kind}"):
        decode_bytes(data)


def test_nul_bytes_are_binary() -> None:
    with pytest.raises(UnreadableError, match="binary content"):
        decode_bytes(b"abc\x00\x01\x02def\x00" * 20)


def test_control_bytes_are_binary() -> None:
    with pytest.raises(UnreadableError, match="control bytes"):
        decode_bytes(bytes(range(1, 32)) * 10 + b"text")


def test_latin1_french_is_not_vietnamese() -> None:
    data = "Le marché a progressé; les dépenses publiques ont été réduites.".encode("latin-1")
    with pytest.raises(UnreadableError, match=r"not text in a known encoding \(tried utf-8, "
                                              r"cp1258, tcvn3, vni\)"):
        decode_bytes(data)


def test_high_bytes_noise_is_unreadable() -> None:
    data = bytes((i * 37 + 128) % 128 + 128 for i in range(600))
    with pytest.raises(UnreadableError, match="not text in a known encoding"):
        decode_bytes(data)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=3000))
def test_arbitrary_bytes_only_raise_unreadable(data: bytes) -> None:
    try:
        text, name = decode_bytes(data)
    except UnreadableError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert isinstance(text, str) and name in NAMES


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=400).map(lambda b: bytes(x | 0x80 for x in b)))
def test_arbitrary_high_bytes_only_raise_unreadable(data: bytes) -> None:
    try:
        text, name = decode_bytes(data)
    except UnreadableError:
        return
    assert isinstance(text, str) and name in NAMES


# --- scoring ----------------------------------------------------------------------------------

def test_score_prefers_the_right_decoding() -> None:
    data = encode_tcvn3(DOCUMENT)
    right = vietnamese_score(decode_tcvn3(data))
    wrong = vietnamese_score(data.decode("cp1258", errors="replace"))
    assert right.ratio > 0.8 > 0.3 > wrong.ratio


# --- speed ------------------------------------------------------------------------------------

def _article(size: int) -> str:
    return (DOCUMENT * (size // len(DOCUMENT.encode()) + 1))


@pytest.mark.parametrize("encode, name", [
    (lambda s: s.encode("utf-8"), "utf-8"), (encode_vni, "vni"), (encode_tcvn3, "tcvn3"),
    (to_cp1258, "cp1258"), (lambda s: mojibake(s, "c1"), "utf-8 (mojibake repaired)"),
])
def test_a_100_kb_article_is_fast(encode, name: str) -> None:  # type: ignore[no-untyped-def]
    data = encode(_article(100_000))[:100_000]
    decode_bytes(data)                                # warm the caches
    start = time.perf_counter()
    assert decode_bytes(data)[1] == name
    assert time.perf_counter() - start < 0.25


@pytest.mark.parametrize("encode", [encode_vni, encode_tcvn3])
def test_large_files_scale_linearly(encode) -> None:  # type: ignore[no-untyped-def]
    small, large = encode(_article(200_000)), encode(_article(2_000_000))
    decode_bytes(small)
    start = time.perf_counter()
    decode_bytes(small)
    t_small = time.perf_counter() - start
    start = time.perf_counter()
    decode_bytes(large)
    t_large = time.perf_counter() - start
    assert t_large < 25 * t_small + 0.5
