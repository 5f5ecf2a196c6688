"""Decode an article's bytes when the encoding is not declared.

Government articles arrive as UTF-8 (sometimes with a BOM, sometimes as "mojibake": UTF-8 that
was read as Windows-1252 and saved again), UTF-16, or in the legacy Vietnamese encodings:
Windows-1258 (tones as combining marks), TCVN3/ABC (one byte per letter, no capitals with a
tone) and VNI-Windows (a base letter followed by accent bytes). The TCVN3 and VNI tables are
data, in ``lexicon/tcvn3.txt`` and ``lexicon/vni.txt``.

:func:`decode_bytes` weighs the evidence in this order: BOM, binary signatures and control
bytes, BOM-less UTF-16, valid UTF-8 (then a mojibake repair, kept only when the repaired text
reads clearly more like Vietnamese), and finally the three legacy encodings, of which the one
whose decoding reads most like Vietnamese wins. "Reads like Vietnamese" is measured on the
words that carry non-ASCII letters: a frequent syllable scores best, any well-formed Vietnamese
syllable (onset, vowel cluster, final, at most one tone, stop finals only with sắc/nặng) scores
well, anything else and control characters count against.

>>> decode_bytes("Giá lúa tăng".encode("utf-8"))
('Giá lúa tăng', 'utf-8')
>>> text, name = decode_bytes(encode_vni("Tổng thu ngân sách đạt kế hoạch"))
>>> unicodedata.normalize("NFC", text), name       # legacy decodings may leave tones combining
('Tổng thu ngân sách đạt kế hoạch', 'vni')
>>> decode_vni(b"To\\xe5ng thu")
'Tổng thu'
"""
from __future__ import annotations

import codecs
import itertools
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = [
    "UnreadableError", "decode_bytes", "decode_tcvn3", "encode_tcvn3", "decode_vni",
    "encode_vni", "restore_tcvn3_case", "repair_mojibake", "vietnamese_score", "load_table",
    "parse_table",
]

SAMPLE_BYTES = 64 * 1024          # detection looks at this much; the chosen codec decodes all
BINARY_WINDOW = 4096              # NUL / control-byte check
LEGACY_ORDER = ("cp1258", "tcvn3", "vni")   # also the tie-break order
MIN_RATIO = 0.5                   # a legacy decoding must score at least this to be accepted
NOT_TEXT = "not text in a known encoding (tried utf-8, cp1258, tcvn3, vni)"


class UnreadableError(ValueError):
    """The bytes are not text we can decode; the message is a one-line reason."""


# --- conversion tables (lexicon/*.txt) --------------------------------------------------------

@dataclass(frozen=True)
class Table:
    """A legacy encoding as read from its data file: byte sequence <-> text."""

    decode: dict[bytes, str]
    encode: dict[str, bytes]


def parse_table(text: str) -> Table:
    """Read the table grammar documented at the top of ``lexicon/tcvn3.txt``.

    >>> t = parse_table("# comment\\n61 F9\\t\\u00e1\\tnote\\nB3\\tU+0301\\n")
    >>> t.decode[b"a\\xf9"], t.encode["\\u0301"]
    ('á', b'\\xb3')
    """
    decode: dict[bytes, str] = {}
    encode: dict[str, bytes] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = re.split(r"\t+", line.strip())
        if len(fields) < 2:
            raise ValueError(f"line {number}: expected <bytes> TAB <char>: {line!r}")
        seq, char = bytes.fromhex(fields[0]), _parse_char(fields[1].strip())
        decode.setdefault(seq, char)
        encode.setdefault(char, seq)
    return Table(decode, encode)


def _parse_char(field: str) -> str:
    if re.fullmatch(r"U\+[0-9A-Fa-f]{4,6}", field):
        return chr(int(field[2:], 16))
    return field


@lru_cache(maxsize=None)
def load_table(name: str) -> Table:
    """The table ``lexicon/<name>.txt`` (``tcvn3`` or ``vni``)."""
    path = resources.files("pipeline").joinpath(f"lexicon/{name}.txt")
    return parse_table(path.read_text(encoding="utf-8"))


def _cp1252_char(byte: int) -> str:
    """Windows-1252, with its five undefined bytes as the C1 control of the same number."""
    return bytes([byte]).decode("cp1252", errors="ignore") or chr(byte)


_WIN_BASE = "".join(chr(b) if b < 0x80 else _cp1252_char(b) for b in range(256))


# --- TCVN3 ------------------------------------------------------------------------------------

@lru_cache(maxsize=None)
def _tcvn3_charmap() -> str:
    chars = list(_WIN_BASE)
    for seq, text in load_table("tcvn3").decode.items():
        if len(seq) != 1 or len(text) != 1:
            raise ValueError(f"tcvn3 table: {seq.hex(' ')} must be one byte for one character")
        chars[seq[0]] = text
    return "".join(chars)


@lru_cache(maxsize=None)
def _encoder(name: str) -> dict[str, bytes]:
    """Character -> bytes: the table, ASCII, and Windows-1252 for bytes the table leaves free."""
    table = load_table(name)
    used = {byte for seq in table.decode for byte in seq if byte >= 0x80}
    enc = {chr(b): bytes([b]) for b in range(0x80)}
    for b in range(0x80, 0x100):
        if b not in used:
            enc.setdefault(_WIN_BASE[b], bytes([b]))
    enc.update(table.encode)
    return enc


def _encode_with(name: str, text: str, errors: str) -> bytes:
    enc = _encoder(name)
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        seq = enc.get(char)
        if seq is None:
            if errors == "strict":
                raise ValueError(f"{name} cannot encode {char!r} (U+{ord(char):04X})")
            seq = b"?"
        out += seq
    return bytes(out)


def encode_tcvn3(text: str, errors: str = "strict") -> bytes:
    """Unicode -> TCVN3 bytes (inverse of the table; capitals with a tone lose their case).

    >>> encode_tcvn3("Đồng Tháp")
    b'\\xa7\\xe5ng Th\\xb8p'
    """
    return _encode_with("tcvn3", text, errors)


def decode_tcvn3(data: bytes, restore_case: bool = True) -> str:
    """TCVN3 bytes -> Unicode; with ``restore_case``, capitals written with lower-case codes
    are put back in upper case where the context shows it (see :func:`restore_tcvn3_case`).

    >>> decode_tcvn3(b"\\xa7\\xe5ng Th\\xb8p")
    'Đồng Tháp'
    >>> decode_tcvn3(b"T\\xe6NG THU")
    'TỔNG THU'
    """
    text = codecs.charmap_decode(data, "strict", _tcvn3_charmap())[0]
    return restore_tcvn3_case(text) if restore_case else text


# Lower-case vowels with a tone: TCVN3 stores their capitals with the same code.
_TONED_LOWER = frozenset(
    unicodedata.normalize("NFC", v + t) for v in "aăâeêioôơuưy"
    for t in ("\u0300", "\u0301", "\u0303", "\u0309", "\u0323"))
_WORD_RE = re.compile(r"[^\W\d_]+")


def _case_class(word: str) -> str:
    """'lower', 'upper' (strong evidence), 'weak' (abbreviation-like caps), 'ambig' or 'other'."""
    if any(c.islower() and c not in _TONED_LOWER for c in word):
        return "lower"
    if any(c.isupper() for c in word[1:]):
        strong = any(c in _TONED_LOWER for c in word) or _syllable_class(word.lower()) > 0
        return "upper" if strong else "weak"   # "weak": abbreviations such as UBND, HĐND
    if any(c in _TONED_LOWER for c in word):
        return "ambig"
    return "other"


def _restore_line(line: str) -> str:
    words = list(_WORD_RE.finditer(line))
    classes = [_case_class(m.group()) for m in words]
    if "ambig" not in classes and "upper" not in classes:
        return line
    out, last = [], 0
    for i, (m, cls) in enumerate(zip(words, classes)):
        upper = cls == "upper" or (cls == "ambig" and _ambig_is_upper(classes, i, m.group()))
        if upper and any(c in _TONED_LOWER for c in m.group()):
            out.append(line[last:m.start()])
            out.append(m.group().upper())
            last = m.end()
    out.append(line[last:])
    return "".join(out)


def _ambig_is_upper(classes: list[str], i: int, word: str) -> bool:
    """An ambiguous word is in capitals when a neighbour (the nearest unambiguous word on the
    same line, either side) is clearly in capitals; a word without any capital ("ở") also
    needs no neighbour in lower case."""
    before = next((c for c in reversed(classes[:i]) if c != "ambig"), None)
    after = next((c for c in classes[i + 1:] if c != "ambig"), None)
    near = (before, after)
    if word[0].isupper():
        return "upper" in near
    return "upper" in near and "lower" not in near


_TONED_CHARS = "".join(sorted(_TONED_LOWER))
# Where a sentence may start: after . ! ? … (and closing quotes) and a space, or at a line start.
_SENTENCE_START = re.compile(r"[.!?…\n][\"”’»)]*[ \t]*[%s]" % _TONED_CHARS)
_TEXT_START = re.compile(r"[\s\"“‘(]*[%s]" % _TONED_CHARS)


def _capitalise_sentence(match: re.Match[str]) -> str:
    found = match.group()
    if found[0] == "\n":               # line start: only after a line that ends a sentence
        text, pos = match.string, match.start() - 1
        while pos >= 0 and text[pos] in " \t\r\n":
            pos -= 1
        if pos >= 0 and (text[pos].islower() or text[pos] in ",;-"):
            return found
    elif not found[-2].isspace():       # "3.ở": no space, no new sentence
        return found
    return found[:-1] + found[-1].upper()


def _capitalise_institution(match: re.Match[str]) -> str:
    start = match.start()
    return match.group() if start and match.string[start - 1].isalpha() else "Ủy"


def restore_tcvn3_case(text: str) -> str:
    """Upper-case the toned vowels of words that TCVN3 wrote with lower-case codes.

    A word is put in capitals when one of its other letters is a capital ("TổNG" -> "TỔNG"),
    or when it has no such letter but stands next to a word in capitals ("Hà NộI" -> "HÀ
    NỘI"); a sentence that begins with a toned vowel gets its capital back ("ủy ban" at the
    start of a sentence -> "Ủy ban"). Inside a sentence a lone capital with a tone ("... và
    ủy ban") cannot be told from lower case and stays lower case.

    >>> restore_tcvn3_case("ĐẩY MạNH xuất khẩu. ủy ban họp.")
    'ĐẨY MẠNH xuất khẩu. Ủy ban họp.'
    """
    if _CAPS_HINT.search(text):
        text = _restore_clauses(text)
    text = _INSTITUTION.sub(_capitalise_institution, text)
    text = _SENTENCE_START.sub(_capitalise_sentence, text)
    start = _TEXT_START.match(text)
    if start:
        text = text[:start.end() - 1] + text[start.end() - 1].upper() + text[start.end():]
    return text


def _restore_clauses(text: str) -> str:
    """Run :func:`_restore_line` on the clauses that show capitals next to a toned vowel;
    context for capitals does not reach across a line or a sentence end."""
    out, last = [], 0
    for hint in _CAPS_HINT.finditer(text):
        if hint.start() < last:
            continue
        lookback = text[max(last, hint.start() - 2000):hint.start()]
        start = hint.start() - len(lookback) + max(lookback.rfind(c) + 1 for c in _CLAUSE_ENDS)
        end_match = _CLAUSE_END.search(text, hint.end())
        end = end_match.end() if end_match else len(text)
        out += [text[last:start], _restore_line(text[start:end])]
        last = end
    out.append(text[last:])
    return "".join(out)


_CLAUSE_ENDS = "\n.!?;:|"
_CLAUSE_END = re.compile("[%s]" % re.escape(_CLAUSE_ENDS))
_UPPER_CHARS = "A-ZĂÂÊÔƠƯĐẰẲẴẮẦẨẪẤỀỂỄẾỒỔỖỐ"
# A toned lower-case letter inside a word in capitals, or next to one ("TổNG", "QUý", "KINH Tế").
# (One leading character class, so that the regex engine can skip ahead quickly.)
_T, _U = _TONED_CHARS, _UPPER_CHARS
_CAPS_HINT = re.compile(
    f"[{_T}{_U}](?:(?<=[{_T}])[{_U}]|(?<=[{_U}])"
    f"(?:[{_U}][{_T}]|[{_U}]\\W+[{_U}][{_T}]|[{_T}]\\W+[{_U}]{{2}}))")
# "ủy ban" / "ủy viên" before a name ("ủy ban MTTQ", "ủy viên Trung ương") is a title.
_INSTITUTION = re.compile(r"ủy(?= (?:ban|viên) [A-ZĐ])")


# --- VNI --------------------------------------------------------------------------------------

@lru_cache(maxsize=None)
def _vni_charmap() -> dict[int, str]:
    """Byte -> text for VNI: single-byte letters from the table, each accent byte as the
    combining marks it adds (derived from the two-byte lines, which must agree), any other
    byte as in Windows-1252."""
    table = load_table("vni").decode
    mapping = {b: _WIN_BASE[b] for b in range(256)}
    singles = {seq[0]: text for seq, text in table.items() if len(seq) == 1}
    mapping.update(singles)
    marks: dict[int, str] = {}
    for seq, text in table.items():
        if len(seq) != 2:
            continue
        base = unicodedata.normalize("NFD", singles.get(seq[0], chr(seq[0])))
        full = unicodedata.normalize("NFD", text)
        if not full.startswith(base) or len(full) == len(base):
            raise ValueError(f"vni table: {seq.hex(' ')} is not its base letter plus marks")
        for accent in (seq[1], seq[1] ^ 0x20):        # the other case: "Oá" reads as "OÁ"
            mark = full[len(base):]
            if marks.setdefault(accent, mark) != mark:
                raise ValueError(f"vni table: accent byte {accent:02X} means two things")
    mapping.update(marks)
    return mapping


def decode_vni(data: bytes, compose: bool = True) -> str:
    """VNI-Windows bytes -> Unicode (bytes outside the table as Windows-1252). Without
    ``compose`` the tones stay combining marks (canonically ordered; NFC composes them).

    >>> decode_vni(b"\\xd1a\\xefi h\\xf6\\xf4\\xf8ng")
    'Đại hường'
    """
    text = codecs.charmap_decode(data, "strict", _vni_charmap())[0]
    return unicodedata.normalize("NFC", text) if compose else text


def encode_vni(text: str, errors: str = "strict") -> bytes:
    """Unicode -> VNI-Windows bytes (inverse of the table).

    >>> encode_vni("Đường")
    b'\\xd1\\xf6\\xf4\\xf8ng'
    """
    return _encode_with("vni", text, errors)


# --- Vietnamese-likeness score ------------------------------------------------------------------

# A few hundred frequent syllables (news, economy, administration, places), NFC, lower case,
# the most frequent (and those that a lost mojibake byte makes compete: lời/lọi, nhỏ/nhờ) first;
# both tone placements where usage varies (hoà/hòa, thuỷ/thủy). Where i and y compete (lý/lí,
# kỳ/kì, tỷ/tỉ) only the y spelling of news style is listed: the list also breaks ties when a
# lost mojibake byte could be either.
_FREQUENT = """
và của có là được các những người một trong cho với để đã năm này không đến ngày tháng về
theo từ trên tại khi đồng tỷ triệu nhiều thời đầu công nhà nước tỉnh huyện xã thành phố
phát triển kinh tế hội dân nhân sản xuất tăng giảm đạt ước so cùng kỳ trước sau mới đó như
cũng còn hơn điều đề tiền nền quyền miền liền bền nghề đền học chọn họp họ mọi gọi trọng
vọng đời lời trời giờ mời chờ nhỏ khỏi khỏe khoẻ bỏ mỏ hỏi tỏ giỏi đỏ mỏng lỏng hỏng sỏi
cỏ thỏa thoả tỏa toả bọn dọn lọc ngọc dọc tọa toạ nhờ rời dời ngời tờ bờ cờ mờ số tốc độ
tổ bộ đối mối hiền thuyền truyền nề kề
"""

COMMON_SYLLABLES_TEXT = _FREQUENT + """
và của có là được các những một trong cho với để đã đang sẽ này đó khi từ theo trên tại về
người năm nhiều không cũng như đến ra vào làm thì mà nhưng hay hoặc nên vì do bị bởi rằng
sau trước giữa qua lại đi lên xuống nữa còn chỉ rất hơn nhất cùng mới vẫn đều tất cả mỗi
từng thêm khác nhau mình họ chúng ta tôi ông bà anh chị em ấy kia đây nào gì sao thế vậy
bao nhiêu lần ngày tháng quý tuần giờ thời gian kỳ đầu cuối giai đoạn hiện nay vừa
tổng thu chi ngân sách nhà nước địa bàn ước đạt tỷ đồng bằng dự toán lệ hộ nghèo giảm
tăng trưởng kinh tế sản xuất công nghiệp nông lâm thủy thuỷ hải dịch vụ thương mại tư
xây dựng giá trị bình quân nhập triệu nghìn ngàn tỉnh thành phố huyện xã phường thị trấn
quận ủy uỷ ban nhân dân hội chủ tịch phó bí thư đảng bộ sở ngành cơ quan đơn vị doanh
hợp tác kế hoạch mục tiêu nhiệm phát triển bền vững chính chương trình án vốn hàng tín
dụng lao động việc giải quyết đào tạo giáo dục y văn hóa hoá an ninh quốc phòng trật tự
môi trường tài nguyên đất đai diện tích lúa gạo cây trồng chăn nuôi gia súc cầm rừng
lượng tấn héc ha năng suất khẩu kim ngạch đô la khách du lịch lượt phần trăm so kết quả
thực hoàn vượt đề báo cáo tình hình nghị định họp phiên thứ toàn trung ương khu vực
vùng miền bắc nam tây đông duyên biển cảng đường giao thông vận tải điện cấp hạ tầng
thôn chí chuẩn cận thoát mức sống lương phẩm bán lẻ tiêu dùng số lạm quy mô cấu chuyển
trọng khoảng gần dưới tính bước ổn tiếp tục đẩy mạnh tập đạo điều hành quản lý thuế
phí nộp nợ đọng thất lãng cải cách thủ đổi chữ ký tử trực tuyến mạng tin truyền chí
phóng viên bài viết ảnh nguồn biết nhấn khẳng đánh cao thấp lớn nhỏ tốt mạnh yếu nhanh
chậm khó khăn thuận lợi hạn chế tồn nguyên nhân pháp kiến ý tham phối lãnh cán chức đội
ngũ học sinh lớp bệnh viện trạm bác sĩ giường chống thiên tai bão lũ lụt hán xâm mặn ở
xóa xoá đói hỗ trợ ưu đãi vay lực huy ngoài hút phép giấy chứng nhận đăng lập thể ngừng
hoạt biến tạo khai khoáng may mặc dệt da giày gỗ cà phê su hồ tiêu chè trái rau màu ngô
sắn mía khoai thịt hơi trứng sữa tôm cá thác bắt tàu thuyền hai ba bốn sáu bảy tám chín
mười phẩy rưỡi hà nội chí minh đà nẵng cần thơ huế nghệ thanh hòa hoà quảng long tháp
giang bạc liêu mau kiên đắk lắk lai kon tum lào cai yên bái sơn điện biên châu lạng tuyên
thái thọ vĩnh phúc hưng dương ngãi khánh bến tre trà vinh sóc trăng hậu tiền tĩnh nghĩa
đạt được mức khá giàu thoát nghèo nhất định đảm bảo vệ sinh sức khỏe khoẻ trẻ già đình
cuộc sự khu công cụm làng nghề chợ siêu thị mua bán đồ dịch đầu ngành nghiệp vụ lợi
nhuận lỗ lãi suất tiền gửi tiết kiệm chứng khoán cổ phần vốn điều lệ nhà máy xí nghiệp
công ty hợp tác hộ gia đình cá thể lao thất nghiệp việc làm tuyển dụng đào tạo nghề
được đảm nhận thuộc gồm bao gồm trong đó riêng chiếm khoảng xấp xỉ gấp lần đạt gần
hết đủ thiếu dư thừa hụt bội vượt trội kỷ lục cao nhất thấp nhất sáng chiều tối
đêm sớm muộn hôm qua nay mai tới cũ mới đây vừa qua sắp tới trước đây đến nay
tiếp theo ngoài ra bên cạnh đồng thời tuy nhiên vì vậy do đó mặc dù nhằm nhờ qua đó
quy định luật nghị quyết thông tư quyết định chỉ thị công văn tờ trình đề án dự thảo
phê duyệt ban hành triển khai thực hiện kiểm tra thanh tra giám sát xử lý vi phạm
đất nước quê hương dân tộc tôn giáo biên giới hải đảo chủ quyền hòa bình hợp tác
quốc tế ngoại giao hữu nghị láng giềng đối tác chiến lược toàn diện
mỹ nhật hàn trung quốc pháp đức nga úc ấn độ lào căm pu chia thái lan xin ga po
thực phẩm thức ăn nước sạch rác thải ô nhiễm xử lý khí hậu biến đổi nắng mưa
bờ sông suối hồ đập thủy lợi kênh mương đê kè cầu cống nhà ở đô thị khu dân cư
"""
COMMON_SYLLABLES = frozenset(COMMON_SYLLABLES_TEXT.split())
# Word pairs that settle a letter a lost mojibake byte leaves open (ờ / ỏ / ọ / ề / Ố).
COLLOCATIONS = frozenset(line.strip() for line in """
bờ biển|bờ sông|bờ kè|bờ bao|bờ vùng|bờ ruộng|tờ trình|tờ khai|tờ rơi|tờ báo|nhà trọ|phòng trọ
khu trọ|sâu bọ|nhờ vào|nhờ có|nhờ đó|nhờ sự|tọa đàm|toạ đàm|lan tỏa|lan toả|tỏa sáng|tỏ ra
bày tỏ|tỏ rõ|nhỏ lẻ|và nhỏ|mô nhỏ|nhỏ và|bỏ phiếu|từ bỏ|loại bỏ|xóa bỏ|xoá bỏ|bãi bỏ|bỏ qua
bỏ học|bỏ hoang|mỏ đá|mỏ than|mỏ khoáng|khai mỏ|mờ nhạt|đền bù|đền ơn|đền thờ|nề nếp|hy vọng
kỳ vọng|triển vọng|thời gian|thời điểm|thời tiết|thời kỳ|người dân|lời khai|đời sống|trời mưa
giờ đây|chờ đợi|hỏi ý|câu hỏi|học sinh|học tập|chọn lọc|lựa chọn|họp báo|cuộc họp|kỳ họp
mọi người|kêu gọi|quan trọng|chú trọng|tôn trọng|trọng tâm|trọng điểm|tỷ trọng|khỏi nghèo
sức khỏe|sức khoẻ|nhiều năm|về việc|vấn đề|đề nghị|đề xuất|đề án|điều chỉnh|điều kiện
điều hành|tiền thân|tiền lương|nền kinh|nền tảng|quyền lợi|chính quyền|miền núi|miền trung
liên tục|bền vững|ngành nghề|làng nghề|số lượng|tốc độ|tổ chức|tổ dân|bộ máy|đối với|đối tượng
""".replace("\n", "|").split("|") if line.strip())
# Rough frequency rank (the most frequent first); breaks ties between candidate letters.
_RANK = {w: i for i, w in reversed(list(enumerate(COMMON_SYLLABLES_TEXT.split())))}

_ONSET = "ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x"
_OPEN_RHYME = ("oai|oao|oay|oeo|uây|uôi|ươi|ươu|iêu|yêu|uya|uyu|ai|ao|au|ay|âu|ây|eo|êu|"
               "ia|iu|oi|ôi|ơi|ui|ưi|ưu|ua|ưa|uơ")
_NUCLEUS = "uyê|iê|yê|uô|ươ|oă|uâ|oa|oe|uê|uy|oo|a|ă|â|e|ê|i|o|ô|ơ|u|ư|y"
_SYLLABLE = re.compile(rf"(?:{_ONSET})?(?:(?:{_OPEN_RHYME})|(?P<nuc>{_NUCLEUS})"
                       rf"(?P<coda>ch|ng|nh|c|m|n|p|t)?)")
_NEEDS_CODA = frozenset({"ă", "â", "oă", "uâ", "iê", "yê", "uô", "ươ", "uyê"})
_TONE_MARKS = {"\u0300": "huyền", "\u0301": "sắc", "\u0303": "ngã", "\u0309": "hỏi",
               "\u0323": "nặng"}


@lru_cache(maxsize=1 << 16)
def _syllable_class(word: str) -> int:
    """2 = frequent syllable, 1 = well-formed Vietnamese syllable, 0 = not Vietnamese.
    ``word`` is NFC and lower case."""
    if word in COMMON_SYLLABLES:
        return 2
    decomposed = unicodedata.normalize("NFD", word)
    tones = [c for c in decomposed if c in _TONE_MARKS]
    if len(tones) > 1:
        return 0
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
    match = _SYLLABLE.fullmatch(base)
    if match is None:
        return 0
    nucleus, coda = match.group("nuc"), match.group("coda")
    if nucleus in _NEEDS_CODA and not coda:
        return 0
    if coda in ("c", "ch", "p", "t") and tones and tones[0] not in ("\u0301", "\u0323"):
        return 0
    return 1


@dataclass
class Score:
    """Word counts of a text: frequent syllables, other Vietnamese syllables, non-Vietnamese
    words (among words with a non-ASCII letter), and control / replacement characters."""

    known: int = 0
    valid: int = 0
    bad: int = 0
    junk: int = 0

    @property
    def words(self) -> int:
        return self.known + self.valid

    @property
    def mass(self) -> float:
        """Vietnamese evidence: frequent syllables count 1, other syllables 0.7."""
        return self.known + 0.7 * self.valid

    @property
    def ratio(self) -> float:
        total = self.known + self.valid + self.bad + self.junk
        return self.mass / total if total else 0.0


_TOKEN = re.compile(r"[^\s\-/–—]*[^\x00-\x7f\s\-/–—][^\s\-/–—]*")
_EDGE = "0123456789.,;:!?()[]{}<>\"'“”‘’„«»…*•·%°²³+=_#&|~`^$€₫@§¶"
_JUNK = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd\ue000-\uf8ff\U000f0000-\U0010ffff]")


def vietnamese_score(text: str, max_words: int = 4000) -> Score:
    """Score the words of ``text`` that contain a non-ASCII character.

    >>> s = vietnamese_score("Tổng thu ngân sách")
    >>> (s.known, s.bad)
    (3, 0)
    >>> vietnamese_score("T\\u00e6ng thu ng\\u00a9n s\\u00b8ch").bad
    3
    """
    text = unicodedata.normalize("NFC", text)
    score = Score(junk=len(_JUNK.findall(text)))
    for match in itertools.islice(_TOKEN.finditer(text), max_words):
        core = match.group().strip(_EDGE)
        if not core or core.isascii():
            continue
        cls = _syllable_class(core.lower()) if core.isalpha() else 0
        if cls == 2:
            score.known += 1
        elif cls == 1:
            score.valid += 1
        else:
            score.bad += 1
    return score


# --- mojibake: UTF-8 read as Windows-1252 / Latin-1 / Windows-1258 and saved again ------------

def _mojibake_bytes() -> dict[str, int]:
    byte_of: dict[str, int] = {}
    for codec in ("cp1252", "latin-1", "cp1258"):
        for b in range(0x80, 0x100):
            char = bytes([b]).decode(codec, errors="ignore")
            if char:
                byte_of.setdefault(char, b)
    return byte_of


_BYTE_OF = _mojibake_bytes()
_UNDEFINED = (0x81, 0x8D, 0x8F, 0x90, 0x9D, 0x8A, 0x8E, 0x9A, 0x9E)  # cp1252, then cp1258 only
_GAP = "\ufffd"
_PLACEHOLDER = 0xF0000                   # private-use characters stand for undecided letters


def _chars(low: int, high: int) -> str:
    return re.escape("".join(sorted(c for c, b in _BYTE_OF.items() if low <= b <= high)))


_CONT = f"(?:[{_chars(0x80, 0xBF)}]|{_GAP})"
_LEAD2, _LEAD3, _LEAD4 = _chars(0xC2, 0xDF), _chars(0xE0, 0xEF), _chars(0xF0, 0xF4)
# Strong evidence: a lead byte followed by a continuation byte (or a replaced one).
_MOJI_STRONG = re.compile(f"[{_LEAD2}{_LEAD3}{_LEAD4}]{_CONT}")
# Complete sequences to repair.
_MOJI_SEQ = re.compile(f"[{_LEAD4}]{_CONT}{{3}}|[{_LEAD3}]{_CONT}{{2}}|[{_LEAD2}]{_CONT}")
# When the undefined bytes were dropped on the way ("ignore"), sequences lack their last byte:
# "Ä" alone was "Đ", "Ã" (or "Ă" via Windows-1258) alone one of "Á Í Ý", "á»" alone one of
# "ề ọ ỏ Ố ờ". Tried when such traces are present, and kept only when it reads better than the
# repair without it.
_MOJI_DROPPED = re.compile(f"[ÄÃĂÌ](?!{_CONT})|á[º»](?!{_CONT})")
_MOJI_SEQ_DROPPED = re.compile(f"[{_LEAD4}]{_CONT}{{1,3}}|[{_LEAD3}]{_CONT}{{1,2}}|"
                               f"[{_LEAD2}]{_CONT}|[ÄÃĂÌ]")

_VIET_LETTERS = frozenset(
    "aăâbcdđeêghiklmnoôơpqrstuưvxy" "AĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXY") | _TONED_LOWER \
    | {c.upper() for c in _TONED_LOWER}


def _gap_rank(char: str) -> int | None:
    """How plausible a character is as the value of a lost byte (lower is better)."""
    if char in _VIET_LETTERS or char in _TONE_MARKS:
        return 0
    if char == "\u201d":
        return 1
    if "\u2010" <= char <= "\u2027" or char == "\xa0":
        return 2
    return None


def _gap_options(known: list[int | None], length: int) -> list[str]:
    """Decodings of a byte sequence with unknown bytes (None) or missing trailing bytes."""
    slots = known + [None] * (length - len(known))
    holes = [i for i, b in enumerate(slots) if b is None]
    if len(holes) > 2:
        return []
    options: dict[str, int] = {}
    for fill in itertools.product(_UNDEFINED, repeat=len(holes)):
        seq = list(slots)
        for i, b in zip(holes, fill):
            seq[i] = b
        try:
            char = bytes(seq).decode("utf-8")
        except UnicodeDecodeError:
            continue
        rank = _gap_rank(char)
        if rank is not None and char not in options:
            options[char] = rank
    return sorted(options, key=options.__getitem__)


def _utf8_length(lead: int) -> int:
    return 2 if lead < 0xE0 else 3 if lead < 0xF0 else 4


class _Repairer:
    """One pass of repair; undecided letters become placeholders, settled word by word."""

    def __init__(self, dropped: bool) -> None:
        self.choices: list[list[str]] = []
        self.pattern = _MOJI_SEQ_DROPPED if dropped else _MOJI_SEQ
        self.placeholders = True

    def sequence(self, match: re.Match[str]) -> str:
        seq = match.group()
        known = [None if c == _GAP else _BYTE_OF[c] for c in seq]
        length = _utf8_length(known[0] or 0)
        if None not in known and len(known) == length:
            try:
                return bytes(known).decode("utf-8")   # type: ignore[arg-type]
            except UnicodeDecodeError:
                return seq
        options = _gap_options(known, length)
        if not options:
            return seq
        if len(options) == 1 or not self.placeholders:
            return options[0]
        self.choices.append(options)
        return chr(_PLACEHOLDER + len(self.choices) - 1)

    def settle(self, match: re.Match[str]) -> str:
        token = match.group()
        holes = [i for i, c in enumerate(token) if ord(c) >= _PLACEHOLDER]
        pools = [self.choices[ord(token[i]) - _PLACEHOLDER] for i in holes]
        neighbours = _neighbours(match)
        best, best_key = token, (-1, -9, 0)
        for combo in itertools.islice(itertools.product(*pools), 729):
            chars = list(token)
            for i, char in zip(holes, combo):
                chars[i] = char
            candidate = "".join(chars)
            key = _candidate_key(unicodedata.normalize("NFC", candidate).strip(_EDGE), neighbours)
            if key > best_key:
                best, best_key = candidate, key
        return best

    def run(self, text: str) -> str:
        # (a text that already holds such private-use characters gets the first option)
        self.placeholders = _PLACEHOLDER_CHAR.search(text) is None
        text = self.pattern.sub(self.sequence, text)
        if self.choices:
            text = _PLACEHOLDER_TOKEN.sub(self.settle, text)
        return text


_PLACEHOLDER_CHAR = re.compile("[\U000F0000-\U000FFFFF]")
_PLACEHOLDER_TOKEN = re.compile(r"[^\s\-/–—]*[\U000F0000-\U000FFFFF][^\s\-/–—]*")


def _neighbours(match: re.Match[str]) -> tuple[str, str]:
    """The words just before and after a match (lower case, NFC), for collocations."""
    text, start, end = match.string, match.start(), match.end()
    before = re.search(r"(\w+)\W{0,3}$", text[max(0, start - 40):start])
    after = re.match(r"\W{0,3}(\w+)", text[end:end + 40])
    return (unicodedata.normalize("NFC", before.group(1)).lower() if before else "",
            unicodedata.normalize("NFC", after.group(1)).lower() if after else "")


def _candidate_key(word: str, neighbours: tuple[str, str] = ("", "")) -> tuple[int, int, int]:
    """How good a repaired word is: a known collocation with a neighbour, the syllable class
    (less three for a case shape like "ĐỐi"), then the frequency rank."""
    lower = word.lower()
    cls = _syllable_class(lower) if word.isalpha() else 0
    if not (word.islower() or word.isupper() or word.istitle()):
        cls -= 3
    before, after = neighbours
    paired = cls > 0 and (f"{before} {lower}" in COLLOCATIONS or f"{lower} {after}" in COLLOCATIONS)
    return int(paired), cls, -_RANK.get(lower, len(_RANK))


_MOJI_ENCODE = {**{i: i for i in range(0x80)}, **{ord(c): b for c, b in _BYTE_OF.items()}}


def _repair_once(text: str, dropped: bool) -> str:
    """One round of repair. Lines that are mojibake throughout are converted in one go."""
    if dropped:
        return _Repairer(dropped).run(text)
    try:
        return _repair_bulk(text)
    except UnicodeError:
        pass
    lines = text.split("\n")
    for i, line in enumerate(lines):
        try:
            lines[i] = _repair_bulk(line)
        except UnicodeError:
            lines[i] = _Repairer(dropped=False).run(line)
    return "\n".join(lines)


def _repair_bulk(text: str) -> str:
    return codecs.charmap_encode(text, "strict", _MOJI_ENCODE)[0].decode("utf-8")


def _clearly_better(after: Score, before: Score) -> bool:
    if after.bad + after.junk > before.bad + before.junk or after.mass <= before.mass:
        return False
    gain = after.ratio - before.ratio
    return gain >= 0.2 or (after.mass - before.mass >= 3 and gain >= 0.05)


def repair_mojibake(text: str) -> str | None:
    """The repaired text if ``text`` is UTF-8 mojibake (and repairing it clearly makes it more
    Vietnamese), else None. Undefined Windows-1252 bytes may have become C1 controls, U+FFFD
    or nothing; the lost letter is then chosen by which makes a Vietnamese syllable.

    >>> repair_mojibake("Tá»•ng thu ngÃ¢n sÃ¡ch")
    'Tổng thu ngân sách'
    >>> repair_mojibake("Mã hàng Ã-12") is None
    True
    """
    first = _MOJI_STRONG.search(text)
    if first is None:
        return None
    start = max(0, first.start() - 2000)
    window = text[start:start + SAMPLE_BYTES]
    before = best = vietnamese_score(window)
    plan: list[bool] = []
    rounds = 0
    for _ in range(3):                       # text may have been through it more than once
        if _MOJI_STRONG.search(window) is None:
            break
        window, dropped, score = _best_round(window)
        plan.append(dropped)
        if (score.ratio, score.known) > (best.ratio, best.known):
            best, rounds = score, len(plan)
    if rounds == 0 or not _clearly_better(best, before):
        return None
    for dropped in plan[:rounds]:
        text = _repair_once(text, dropped)
    return text


def _best_round(window: str) -> tuple[str, bool, Score]:
    """One round of repair on a sample; with dropped-byte filling if that reads better."""
    plain = _repair_once(window, dropped=False)
    plain_score = vietnamese_score(plain)
    if _MOJI_DROPPED.search(window) is not None:
        filled = _repair_once(window, dropped=True)
        filled_score = vietnamese_score(filled)
        if (filled_score.known, filled_score.ratio) > (plain_score.known, plain_score.ratio):
            return filled, True, filled_score
    return plain, False, plain_score


# --- byte-level evidence ----------------------------------------------------------------------

_SIGNATURES = (
    (b"%PDF-", "PDF"), (b"\x89PNG\r\n\x1a\n", "PNG"), (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"), (b"GIF89a", "GIF"), (b"PK\x03\x04", "ZIP or Office document"),
    (b"PK\x05\x06", "ZIP"), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document"),
    (b"\x1f\x8b", "gzip"), (b"Rar!\x1a\x07", "RAR"), (b"7z\xbc\xaf\x27\x1c", "7-Zip"),
    (b"\x7fELF", "an executable"), (b"RIFF", "RIFF media"), (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"), (b"OggS", "Ogg media"), (b"ID3", "MP3"),
)
_BOMS = (  # longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"), (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"), (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)
_CONTROL_BYTES = frozenset(range(0x20)) - {0x09, 0x0A, 0x0C, 0x0D, 0x1A} | {0x7F}


def _check_signature(data: bytes) -> None:
    head = data[:1024].lstrip()
    for magic, kind in _SIGNATURES:
        if head.startswith(magic):
            raise UnreadableError(f"binary content (looks like {kind})")


_CONTROL_BYTES_DELETE = bytes(sorted(_CONTROL_BYTES))


def _check_controls(data: bytes) -> None:
    window = data[:BINARY_WINDOW]
    if b"\x00" in window:
        raise UnreadableError("binary content (NUL bytes in the first 4 KB)")
    controls = len(window) - len(window.translate(None, _CONTROL_BYTES_DELETE))  # counted in C
    if controls > 0.05 * len(window):
        raise UnreadableError(f"binary content ({controls} control bytes in the first 4 KB)")


def _unicode_text(text: str, name: str) -> tuple[str, str]:
    """Accept a Unicode decoding unless it is mostly replacement / control characters."""
    sample = text[:SAMPLE_BYTES]
    if sample and len(_JUNK.findall(sample)) > 0.1 * len(sample):
        raise UnreadableError(f"binary content (not valid {name} text)")
    return text, name


def _from_bom(data: bytes) -> tuple[str, str] | None:
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            body = data[len(bom):]
            if codec == "utf-8":
                text = body.decode("utf-8", errors=_ERRORS)
                repaired = repair_mojibake(text)
                if repaired is not None:
                    return repaired, "utf-8 (mojibake repaired)"
                return _unicode_text(text, name)
            unit = 4 if name == "utf-32" else 2
            body = body[:len(body) - len(body) % unit]
            return _unicode_text(body.decode(codec, errors="replace"), name)
    return None


def _sniff_utf16(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without BOM: mostly-ASCII text has a NUL in every other byte."""
    window = data[:BINARY_WINDOW]
    half = len(window) // 2
    if half < 8:
        return None
    even, odd = window[0::2].count(0), window[1::2].count(0)
    for nuls, others, codec in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if nuls >= 0.5 * half and others <= 0.02 * half:
            body = data[:len(data) - len(data) % 2]
            text = body.decode(codec, errors="replace")
            sample = text[:SAMPLE_BYTES]
            latin = len(_LATIN_TEXT.findall(sample))
            if latin >= 0.95 * len(sample) and not _JUNK.search(sample):
                return text, "utf-16"
    return None


# Characters of Vietnamese text: printable ASCII and whitespace, Latin letters with
# diacritics, combining marks, general punctuation, currency signs.
_LATIN_TEXT = re.compile("[\t\n\r\x20-\x7e\xa0-\u024f\u0300-\u036f\u1e00-\u1eff"
                         "\u2000-\u206f\u20a0-\u20bf]")


def _cp1252_fallback(exc: UnicodeError) -> tuple[str, int]:
    """Error handler: a stray non-UTF-8 byte in UTF-8 text is read as Windows-1252."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = exc.object[exc.start:exc.end]
    return "".join(_WIN_BASE[b] if b >= 0x80 else chr(b) for b in bad), exc.end


_ERRORS = "pipeline.encodings.cp1252_fallback"
codecs.register_error(_ERRORS, _cp1252_fallback)


def _as_utf8(data: bytes) -> str | None:
    """The text if the bytes are UTF-8, else None."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        head = data[:exc.start]
        if exc.reason == "unexpected end of data" and not head.isascii():
            return head.decode("utf-8")            # cut in the middle of the last character
    return None


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few stray bytes (read as Windows-1252), if the valid multi-byte characters
    clearly outnumber the invalid bytes; a candidate to score against the legacy decodings."""
    sample = data[:SAMPLE_BYTES]
    lenient = sample.decode("utf-8", errors="replace")
    errors = lenient.count("\ufffd") - sample.count(b"\xef\xbf\xbd")
    valid = sum(1 for c in lenient if c > "\x7f") - errors
    if errors and valid >= 4 * errors:
        return data.decode("utf-8", errors=_ERRORS)
    return None


# --- legacy single-byte / font encodings ------------------------------------------------------

def _decode_cp1258(data: bytes) -> str:
    return data.decode("cp1258", errors="replace")


LEGACY_DECODERS = {
    "cp1258": _decode_cp1258,
    "tcvn3": decode_tcvn3,
    "vni": lambda data: decode_vni(data, compose=False),     # the caller applies NFC
}


def legacy_scores(data: bytes) -> dict[str, Score]:
    """The score of each legacy decoding of the first 64 KB (TCVN3 without case repair)."""
    sample = data[:SAMPLE_BYTES]
    scores = {}
    for name in LEGACY_ORDER:
        text = decode_tcvn3(sample, restore_case=False) if name == "tcvn3" \
            else LEGACY_DECODERS[name](sample)
        scores[name] = vietnamese_score(text)
    return scores


def _decode_legacy(data: bytes) -> tuple[str, str]:
    scores = legacy_scores(data)
    best = max(LEGACY_ORDER, key=lambda n: (scores[n].ratio, scores[n].known,
                                            -LEGACY_ORDER.index(n)))
    utf8 = _mostly_utf8(data)
    if utf8 is not None:
        score = vietnamese_score(utf8[:SAMPLE_BYTES])
        if score.ratio >= max(MIN_RATIO, scores[best].ratio) and score.words:
            return utf8, "utf-8"
    if scores[best].ratio >= MIN_RATIO and scores[best].words:
        return LEGACY_DECODERS[best](data), best
    if all(s.words + s.bad == 0 for s in scores.values()) and scores["cp1258"].junk == 0:
        return _decode_cp1258(data), "cp1258"      # no letters beyond ASCII: nothing to decide
    raise UnreadableError(NOT_TEXT)


# --- entry point ------------------------------------------------------------------------------

def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode an article's bytes -> (text, encoding name). Raises UnreadableError with a clear
    reason. Names: utf-8, utf-8-sig, utf-16, utf-32, cp1258, tcvn3, vni, and
    "utf-8 (mojibake repaired)". The text is not normalised (Windows-1258 gives combining
    tone marks); callers apply NFC."""
    if not data:
        return "", "utf-8"
    _check_signature(data)
    from_bom = _from_bom(data)
    if from_bom is not None:
        return from_bom
    utf16 = _sniff_utf16(data)
    if utf16 is not None:
        return utf16
    _check_controls(data)
    text = _as_utf8(data)
    if text is not None:
        repaired = repair_mojibake(text)
        if repaired is not None:
            return repaired, "utf-8 (mojibake repaired)"
        return text, "utf-8"
    return _decode_legacy(data)
