"""A figure stated twice in one article is one fact: the rows of pipeline.tidy.drop_repeats."""
from __future__ import annotations

import datetime as dt

from pipeline.build import process_document
from pipeline.ingest import make_document
from pipeline.rules import load_rules


def rows(text: str, published: dt.date) -> list[tuple]:
    document = make_document("repeats.txt", text, published=published)
    result = process_document(document, load_rules())
    return sorted((r["indicator"], r["measure"], r["value"], r["year"], r["period"])
                  for r in result.observation_rows)


def test_an_undated_title_figure_is_the_body_figure_its_sentence_dates():
    # the title's 2,35% would take the publication year (2023); the body dates it 2022
    text = ("Huyện Tân Yên: Hộ nghèo còn 2,35%\n\n"
            "Theo kết quả rà soát năm 2022, toàn huyện Tân Yên có 812 hộ nghèo, tỷ lệ hộ nghèo 2,35%.\n")
    assert rows(text, dt.date(2023, 1, 9)) == [("poverty_rate", "level", 2.35, 2022, "FY")]


def test_an_undated_repeat_in_a_later_paragraph_is_the_dated_figure():
    # the summary's 8,4% would take the nine months of its paragraph; its first statement says 2023
    text = ("Kinh tế huyện Tân Yên năm 2023\n\n"
            "Năm 2023, tốc độ tăng trưởng kinh tế của huyện đạt 8,4%.\n\n"
            "Tính chung 9 tháng, nhiều chỉ tiêu tăng khá. Với mức tăng trưởng 8,4%, huyện đứng thứ ba của tỉnh.\n")
    assert rows(text, dt.date(2023, 12, 20)) == [("economic_growth_rate", "level", 8.4, 2023, "FY")]


def test_the_same_value_dated_twice_is_two_facts():
    text = ("Kinh tế huyện Tân Yên\n\n"
            "Năm 2022, tốc độ tăng trưởng kinh tế đạt 7,5%. Năm 2023, tốc độ tăng trưởng kinh tế cũng đạt 7,5%.\n")
    assert rows(text, dt.date(2023, 12, 20)) == [("economic_growth_rate", "level", 7.5, 2022, "FY"),
                                                 ("economic_growth_rate", "level", 7.5, 2023, "FY")]
