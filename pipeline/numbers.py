"""Vietnamese figures -> floats.

Vietnamese writes ``.`` to group thousands and ``,`` for decimals: ``125.952,5`` is 125952.5 and
``7.531`` is 7531, while three digits after a comma are still decimals (``108,987`` is 108.987).
English-style figures (``4,145.3``) occur in the wild; :func:`parse_number` reads a figure only
when its reading is certain and returns ``None`` otherwise, so that the caller can leave it out.
"""
from __future__ import annotations

import math
import re
from functools import lru_cache

#: One figure as written in a Vietnamese article (no sign, no unit).
NUMBER_PATTERN = r"""
    (?<![\d.,])                      # not the tail of a longer figure
    (?:
        \d{1,3}(?:\.\d{3})+(?:,\d+)? # thousands grouped by dots, optional decimal comma: 125.952,5
      | \d{1,3}(?:,\d{3})+\.\d+      # English style with both marks: 4,145.3
      | \d+(?:,\d+)?                 # plain digits, optional decimal comma: 0,92  108,987
      | \d+\.\d{1,2}(?!\d)           # a lone dot with one or two digits: 2.5 (English decimal)
    )
    (?![\d])                         # not followed by more digits
"""
NUMBER_RE = re.compile(NUMBER_PATTERN, re.VERBOSE)

_VIETNAMESE_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_VIETNAMESE_PLAIN = re.compile(r"\d+(?:,\d+)?")
_ENGLISH_BOTH_MARKS = re.compile(r"\d{1,3}(?:,\d{3})+\.\d+")
_ENGLISH_DECIMAL = re.compile(r"\d+\.\d{1,2}")


@lru_cache(maxsize=4096)  # read for every figure; articles repeat their figures
def parse_number(token: str) -> float | None:
    """Read one figure written the Vietnamese way; ``None`` when its reading is not certain.

    >>> parse_number("125.952,5")
    125952.5
    >>> parse_number("4.145,3")
    4145.3
    >>> parse_number("0,92")
    0.92
    >>> parse_number("7.531")
    7531.0
    >>> parse_number("108,987")
    108.987
    >>> parse_number("1.204,375")
    1204.375
    >>> parse_number("4,145.3")
    4145.3
    >>> parse_number("2.5")
    2.5
    >>> parse_number("12.34.5") is None
    True
    """
    token = token.strip()
    if _VIETNAMESE_GROUPED.fullmatch(token) or _VIETNAMESE_PLAIN.fullmatch(token):
        return float(token.replace(".", "").replace(",", "."))
    if _ENGLISH_BOTH_MARKS.fullmatch(token):
        return float(token.replace(",", ""))
    if _ENGLISH_DECIMAL.fullmatch(token):
        return float(token)
    return None


def is_english_style(token: str) -> bool:
    """True for a figure read the English way (a dot as decimal mark).

    >>> is_english_style("2.5"), is_english_style("4,145.3"), is_english_style("7.531")
    (True, True, False)
    """
    token = token.strip()
    return bool(_ENGLISH_BOTH_MARKS.fullmatch(token) or _ENGLISH_DECIMAL.fullmatch(token))


def decimals_of(token: str) -> int:
    """Number of decimals written in a Vietnamese figure.

    >>> decimals_of("125.952,5"), decimals_of("7.531"), decimals_of("0,920")
    (1, 0, 3)
    """
    return len(token.split(",", 1)[1]) if "," in token and "." not in token.split(",", 1)[1] else 0


def format_vietnamese(value: float, decimals: int = 0) -> str:
    """Write a non-negative figure the Vietnamese way (the inverse of :func:`parse_number`).

    >>> format_vietnamese(125952.5, 1)
    '125.952,5'
    >>> format_vietnamese(0.92, 2)
    '0,92'
    >>> format_vietnamese(7531)
    '7.531'
    """
    if value < 0 or not math.isfinite(value):
        raise ValueError("only finite, non-negative figures are written")
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")
