"""Two years side by side for one place, from the series table (the `indicators compare` command).

Places match by official code: "thị xã Từ Sơn" (2020) and "thành phố Từ Sơn" (2021) are one series.
"""
from __future__ import annotations

import re
import unicodedata

import pandas as pd

UNIT_WORDS = re.compile(r"^(?:tỉnh|thành\s+phố|tp\.?|thị\s+xã|tx\.?|huyện|quận|xã|phường|thị\s+trấn)\s+", re.IGNORECASE)
ROW_KEY = ["indicator", "qualifier", "unit_std"]


def place_key(name: str) -> str:
    """A place name without its unit word, NFC, case-folded.

    >>> place_key("Thị xã  Từ Sơn") == place_key("từ sơn")
    True
    """
    name = unicodedata.normalize("NFC", " ".join(name.split()))
    return UNIT_WORDS.sub("", name).casefold()


def rows_for_area(series: pd.DataFrame, area: str) -> pd.DataFrame:
    """The series rows of a place, found by name and then widened to every row of its codes."""
    names = series["area"].astype(str).map(place_key)
    named = series[names == place_key(area)]
    codes = set(named["area_code"].dropna().astype(str))
    by_code = series["area_code"].astype(str).isin(codes) if codes else False
    return series[(names == place_key(area)) | by_code]


def compare_years(series: pd.DataFrame, area: str, years: tuple[int, int], indicators: list[str] | None = None,
                  period: str = "FY") -> pd.DataFrame:
    """One row per indicator (levels of the period): both years' values, the change, and provenance."""
    rows = rows_for_area(series, area)
    rows = rows[(rows["measure"].astype(str) == "level") & (rows["period"].astype(str) == period)]
    if indicators:
        rows = rows[rows["indicator"].astype(str).isin(indicators)]
    rows = rows.assign(**{c: rows[c].astype(object).where(rows[c].notna(), None) for c in ROW_KEY})
    first, second = years
    sides = [_side(rows, first), _side(rows, second)]
    table = pd.merge(*sides, on=ROW_KEY, how="outer", suffixes=(f"_{first}", f"_{second}"))
    table["change"] = table[f"value_{second}"] - table[f"value_{first}"]
    table["change_pct"] = (table["change"] / table[f"value_{first}"] * 100).round(2)
    columns = ROW_KEY + [f"{name}_{year}" for year in years for name in ("value", "stated", "status", "source")]
    return table[columns + ["change", "change_pct"]].sort_values(ROW_KEY, na_position="first").reset_index(drop=True)


def _side(rows: pd.DataFrame, year: int) -> pd.DataFrame:
    picked = rows[rows["year"] == year]
    return pd.DataFrame({
        **{c: picked[c] for c in ROW_KEY},
        "value": picked["value_std"].round(3),
        "stated": picked["derived"].map({True: "implied", False: "stated"}),
        "status": picked["status"].astype(str),
        "source": picked["source"].astype(str),
    })
