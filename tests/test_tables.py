"""The table stage: flattened tables -> fully resolved Mentions, and the spans of the tables.

Every table here is invented for this file (one per layout of PATTERNS.md 15.6); the last test
scores `find_tables` on the practice articles that carry tables against their gold labels.
"""
from __future__ import annotations

import json
import re


from pipeline.extract import scan_text
from pipeline.ingest import read_documents
from pipeline.rules import load_rules
from pipeline.tables import classify_head, find_tables, parse_unit
from pipeline.units import base_factor

RULESET = load_rules()
FIELDS = ("indicator", "measure", "value", "unit", "year", "period", "status", "basis", "basis_year",
          "qualifier", "raw")


def table_rows(text: str, default_year: int | None = 2023, **options) -> list[tuple]:
    mentions, _ = find_tables(text, scan_text(text), RULESET, default_year=default_year, **options)
    for mention in mentions:  # every mention is whole, and points at its cell
        assert text[mention.span_start:mention.span_end] == mention.raw
        assert mention.rule.endswith(":table") and mention.rule.startswith(mention.indicator + ".")
        assert None not in (mention.year, mention.period, mention.status)
        assert mention.sentence_start <= mention.span_start < mention.span_end <= mention.sentence_end
        assert "table" in mention.explain
    return [tuple(getattr(m, f) for f in FIELDS) for m in mentions]


def spans_of(text: str, default_year: int | None = 2023) -> list[tuple[int, int]]:
    return find_tables(text, scan_text(text), RULESET, default_year=default_year)[1]


# --- one table per layout -----------------------------------------------------------------------

PIPES = """\
Sáng 20/12, HĐND huyện Krông Nô tổ chức kỳ họp thường lệ cuối năm.
Kết quả thu, chi ngân sách huyện năm 2023
Đơn vị tính: triệu đồng
STT | Nội dung | Dự toán HĐND huyện giao | Ước thực hiện | So dự toán (%) | So cùng kỳ (%)
1 | Tổng thu ngân sách nhà nước trên địa bàn | 210.000 | 236.250 | 112,5 | 108,3
 | Trong đó: - Thu tiền sử dụng đất | 80.000 | 71.200 | 89,0 | 93,6
 | - Thu từ khu vực ngoài quốc doanh | 46.500 | 52.080 | 112,0 | -
2 | Tổng chi ngân sách địa phương | 640.300 | 675.517 | 105,5 | 101,8
Đại biểu đề nghị làm rõ nguyên nhân thu tiền sử dụng đất không đạt.
"""


def test_pipes_with_a_header_row_a_unit_line_and_sub_rows():
    assert table_rows(PIPES) == [
        ("budget_revenue", "level", 210000.0, "million_VND", 2023, "FY", "target", None, None, None, "210.000"),
        ("budget_revenue", "level", 236250.0, "million_VND", 2023, "FY", "estimate", None, None, None, "236.250"),
        ("budget_revenue", "pct_of_plan", 112.5, "percent", 2023, "FY", "estimate", "council_budget_estimate", None, None, "112,5"),
        ("budget_revenue", "pct_of_prior", 108.3, "percent", 2023, "FY", "estimate", "same_period_prior_year", None, None, "108,3"),
        ("budget_revenue", "level", 80000.0, "million_VND", 2023, "FY", "target", None, None, "land_use", "80.000"),
        ("budget_revenue", "level", 71200.0, "million_VND", 2023, "FY", "estimate", None, None, "land_use", "71.200"),
        ("budget_revenue", "pct_of_plan", 89.0, "percent", 2023, "FY", "estimate", "council_budget_estimate", None, "land_use", "89,0"),
        ("budget_revenue", "pct_of_prior", 93.6, "percent", 2023, "FY", "estimate", "same_period_prior_year", None, "land_use", "93,6"),
        ("budget_revenue", "level", 46500.0, "million_VND", 2023, "FY", "target", None, None, "non_state", "46.500"),
        ("budget_revenue", "level", 52080.0, "million_VND", 2023, "FY", "estimate", None, None, "non_state", "52.080"),
        ("budget_revenue", "pct_of_plan", 112.0, "percent", 2023, "FY", "estimate", "council_budget_estimate", None, "non_state", "112,0"),
        ("budget_expenditure", "level", 640300.0, "million_VND", 2023, "FY", "target", None, None, None, "640.300"),
        ("budget_expenditure", "level", 675517.0, "million_VND", 2023, "FY", "estimate", None, None, None, "675.517"),
        ("budget_expenditure", "pct_of_plan", 105.5, "percent", 2023, "FY", "estimate", "council_budget_estimate", None, None, "105,5"),
        ("budget_expenditure", "pct_of_prior", 101.8, "percent", 2023, "FY", "estimate", "same_period_prior_year", None, None, "101,8"),
    ]


NINE_MONTHS = """\
Tình hình thu ngân sách 9 tháng năm 2019 (Đơn vị: tỷ đồng)
| Nội dung | Dự toán 2019 | TH 9 tháng | % DT | Cùng kỳ 2018 |
|---|---|---|---|---|
| Tổng thu NSNN | 2.400,0 | 1.716,5 | 71,5 | 1.590,2 |
| Thu nội địa | 2.100,0 | 1.560,3 | 74,3 | 1.402,8 |
| Thu từ doanh nghiệp có vốn nước ngoài | 640,0 | 455,1 | 71,1 | 430,0 |
"""


def test_markdown_pipes_nine_months_with_a_same_period_column_and_parts_without_dashes():
    rows = table_rows(NINE_MONTHS, default_year=None)
    assert rows == [
        ("budget_revenue", "level", 2400.0, "billion_VND", 2019, "FY", "target", None, None, None, "2.400,0"),
        ("budget_revenue", "level", 1716.5, "billion_VND", 2019, "9M", "actual", None, None, None, "1.716,5"),
        ("budget_revenue", "pct_of_plan", 71.5, "percent", 2019, "9M", "actual", "budget_estimate", None, None, "71,5"),
        ("budget_revenue", "level", 1590.2, "billion_VND", 2018, "9M", "actual", None, None, None, "1.590,2"),
        ("budget_revenue", "level", 2100.0, "billion_VND", 2019, "FY", "target", None, None, "domestic", "2.100,0"),
        ("budget_revenue", "level", 1560.3, "billion_VND", 2019, "9M", "actual", None, None, "domestic", "1.560,3"),
        ("budget_revenue", "pct_of_plan", 74.3, "percent", 2019, "9M", "actual", "budget_estimate", None, "domestic", "74,3"),
        ("budget_revenue", "level", 1402.8, "billion_VND", 2018, "9M", "actual", None, None, "domestic", "1.402,8"),
        ("budget_revenue", "level", 640.0, "billion_VND", 2019, "FY", "target", None, None, "fdi", "640,0"),
        ("budget_revenue", "level", 455.1, "billion_VND", 2019, "9M", "actual", None, None, "fdi", "455,1"),
        ("budget_revenue", "pct_of_plan", 71.1, "percent", 2019, "9M", "actual", "budget_estimate", None, "fdi", "71,1"),
        ("budget_revenue", "level", 430.0, "billion_VND", 2018, "9M", "actual", None, None, "fdi", "430,0"),
    ]


ONE_CELL_PER_LINE = """\
Chỉ tiêu phát triển kinh tế - xã hội chủ yếu
Đơn vị: tỷ đồng
Chỉ tiêu
Thực hiện 2018
Ước thực hiện 2019
Kế hoạch 2020
Giá trị sản xuất công nghiệp - tiểu thủ công nghiệp
1.204,5
1.350
1.500
Thu ngân sách trên địa bàn
88,4
95,1
102
Thu nhập bình quân đầu người (triệu đồng/người/năm)
41,3
45
49,5
Tỷ lệ hộ nghèo (%)
6,12
4,8
3,5
"""


def test_one_cell_per_line_with_a_row_unit_overriding_the_table_unit():
    assert table_rows(ONE_CELL_PER_LINE, default_year=2019) == [
        ("industrial_output_value", "level", 1204.5, "billion_VND", 2018, "FY", "actual", None, None, None, "1.204,5"),
        ("industrial_output_value", "level", 1350.0, "billion_VND", 2019, "FY", "estimate", None, None, None, "1.350"),
        ("industrial_output_value", "level", 1500.0, "billion_VND", 2020, "FY", "target", None, None, None, "1.500"),
        ("budget_revenue", "level", 88.4, "billion_VND", 2018, "FY", "actual", None, None, None, "88,4"),
        ("budget_revenue", "level", 95.1, "billion_VND", 2019, "FY", "estimate", None, None, None, "95,1"),
        ("budget_revenue", "level", 102.0, "billion_VND", 2020, "FY", "target", None, None, None, "102"),
        ("per_capita_income", "level", 41.3, "million_VND", 2018, "FY", "actual", None, None, None, "41,3"),
        ("per_capita_income", "level", 45.0, "million_VND", 2019, "FY", "estimate", None, None, None, "45"),
        ("per_capita_income", "level", 49.5, "million_VND", 2020, "FY", "target", None, None, None, "49,5"),
        ("poverty_rate", "level", 6.12, "percent", 2018, "FY", "actual", None, None, None, "6,12"),
        ("poverty_rate", "level", 4.8, "percent", 2019, "FY", "estimate", None, None, None, "4,8"),
        ("poverty_rate", "level", 3.5, "percent", 2020, "FY", "target", None, None, None, "3,5"),
    ]


SPARSE_CELL_PER_LINE = """\
KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHỦ YẾU NĂM 2021

STT

Chỉ tiêu

TH năm 2020

KH năm 2021

Ước TH năm 2021

Ghi chú

I

Kinh tế

\u00a0

1

Tốc độ tăng giá trị tăng thêm (GRDP) (%)

5,12

6,5-7,0

6,08

Không đạt

\u00a0

Trong đó:

- Công nghiệp - xây dựng (%)

7,40

8,1

8,92

Vượt

2

Thu ngân sách trên địa bàn (Tỷ đồng)

1.104

1.160

1.215,6

Vượt

3

Tỷ lệ hộ nghèo giảm (%)

1,12

1,0

1,05

Đạt

Trong năm, huyện đã tập trung chỉ đạo hoàn thành các nhiệm vụ trọng tâm với nhiều kết quả nổi bật so với các năm trước.
"""


def test_one_cell_per_line_with_blank_lines_a_number_and_a_notes_column():
    assert table_rows(SPARSE_CELL_PER_LINE, default_year=2021) == [
        ("economic_growth_rate", "level", 5.12, "percent", 2020, "FY", "actual", None, None, None, "5,12"),
        ("economic_growth_rate", "level", 6.5, "percent", 2021, "FY", "target", None, None, None, "6,5-7,0"),
        ("economic_growth_rate", "level", 6.08, "percent", 2021, "FY", "estimate", None, None, None, "6,08"),
        ("industry_construction_value_added", "pct_change", 7.4, "percent", 2020, "FY", "actual", "prior_year", None, None, "7,40"),
        ("industry_construction_value_added", "pct_change", 8.1, "percent", 2021, "FY", "target", "prior_year", None, None, "8,1"),
        ("industry_construction_value_added", "pct_change", 8.92, "percent", 2021, "FY", "estimate", "prior_year", None, None, "8,92"),
        ("budget_revenue", "level", 1104.0, "billion_VND", 2020, "FY", "actual", None, None, None, "1.104"),
        ("budget_revenue", "level", 1160.0, "billion_VND", 2021, "FY", "target", None, None, None, "1.160"),
        ("budget_revenue", "level", 1215.6, "billion_VND", 2021, "FY", "estimate", None, None, None, "1.215,6"),
        ("poverty_rate", "abs_change", -1.12, "percentage_point", 2020, "FY", "actual", "prior_year", None, None, "1,12"),
        ("poverty_rate", "abs_change", -1.0, "percentage_point", 2021, "FY", "target", "prior_year", None, None, "1,0"),
        ("poverty_rate", "abs_change", -1.05, "percentage_point", 2021, "FY", "estimate", "prior_year", None, None, "1,05"),
    ]
    mentions, _ = find_tables(SPARSE_CELL_PER_LINE, scan_text(SPARSE_CELL_PER_LINE), RULESET, default_year=2021)
    assert [m.value_high for m in mentions][:3] == [None, 7.0, None]



SPARSE_WITH_A_UNIT_COLUMN = """\
TT

Chỉ tiêu

Đơn vị tính

Kế hoạch năm 2023

Thực hiện

Tỷ lệ %

A

Chỉ tiêu kinh tế

\u00a0

1

Tổng giá trị sản xuất

Tỷ.đ

512,4

530,06

103,4

\u00a0

- Nông, lâm, ngư nghiệp

Tỷ.đ

301,5

296,2

98,2

2

Tỷ lệ hộ nghèo

%

2,4

2,15

\u00a0

Xã tiếp tục rà soát các hộ có nguy cơ tái nghèo để có biện pháp hỗ trợ kịp thời.
"""


def test_one_cell_per_line_with_blank_lines_and_a_unit_column():
    assert table_rows(SPARSE_WITH_A_UNIT_COLUMN, default_year=2023) == [
        ("total_production_value", "level", 512.4, "billion_VND", 2023, "FY", "target", None, None, None, "512,4"),
        ("total_production_value", "level", 530.06, "billion_VND", 2023, "FY", "actual", None, None, None, "530,06"),
        ("total_production_value", "pct_of_plan", 103.4, "percent", 2023, "FY", "actual", "plan", None, None, "103,4"),
        ("agriculture_output_value", "level", 301.5, "billion_VND", 2023, "FY", "target", None, None, None, "301,5"),
        ("agriculture_output_value", "level", 296.2, "billion_VND", 2023, "FY", "actual", None, None, None, "296,2"),
        ("agriculture_output_value", "pct_of_plan", 98.2, "percent", 2023, "FY", "actual", "plan", None, None, "98,2"),
    ]


def test_an_estimate_caption_over_empty_lines_makes_the_done_column_an_estimate():
    # "* Ước thực hiện ...:" then empty paragraphs, then the table: its "Thực hiện" is estimated
    text = "* Ước thực hiện một số chỉ tiêu chủ yếu năm 2023:\n\n \n\n \n\n \n\n" + SPARSE_WITH_A_UNIT_COLUMN
    assert [row[6] for row in table_rows(text, default_year=2023)] == [
        "target", "estimate", "estimate", "target", "estimate", "estimate"]


HEADS_PER_LINE_ROWS_RUN_TOGETHER = """\
Một số chỉ tiêu kinh tế chủ yếu

Chỉ tiêu

ĐVT

9 tháng năm 2019

% tăng/ giảm so cùng kỳ

1. Tổng vốn đầu tư phát triển toàn xã hội Tỷ đồng 5.412,7 +7,15
2. Tổng mức bán lẻ hàng hóa và dịch vụ tiêu dùng " 12.306,4 +9,4
3. Doanh thu dịch vụ lưu trú, ăn uống " 1.845,2 +12,6

Số liệu do Cục Thống kê tỉnh công bố ngày 30/9/2019.
"""


def test_heads_one_per_line_over_rows_run_together_with_ditto_units():
    assert table_rows(HEADS_PER_LINE_ROWS_RUN_TOGETHER, default_year=2019) == [
        ("investment_capital", "level", 5412.7, "billion_VND", 2019, "9M", "actual", None, None, None, "5.412,7"),
        ("investment_capital", "pct_change", 7.15, "percent", 2019, "9M", "actual", "same_period_prior_year", None, None, "+7,15"),
        ("retail_sales", "level", 12306.4, "billion_VND", 2019, "9M", "actual", None, None, None, "12.306,4"),
        ("retail_sales", "pct_change", 9.4, "percent", 2019, "9M", "actual", "same_period_prior_year", None, None, "+9,4"),
        ("accommodation_food_revenue", "level", 1845.2, "billion_VND", 2019, "9M", "actual", None, None, None, "1.845,2"),
        ("accommodation_food_revenue", "pct_change", 12.6, "percent", 2019, "9M", "actual", "same_period_prior_year", None, None, "+12,6"),
    ]


RESULTS_OVER_YEARS = """\
MỘT SỐ CHỈ TIÊU ĐẠT ĐƯỢC GIAI ĐOẠN 2016 - 2018

STT

Chỉ tiêu

Kết quả đạt được

Năm 2016

Năm 2017

Năm 2018

1

Thu ngân sách trên địa bàn (tỷ đồng)

612,4

655

\u00a0

2

Tỷ lệ hộ nghèo (%)

7,2

6,1

5,3
"""


def test_a_head_of_results_over_the_year_heads_makes_every_year_a_result():
    # the article's year is the span's first (2016): the later years are results, not plans ahead.
    # The revenue row has a blank cell, so which year each figure is cannot be told: it is left out,
    # and the next row's number "2" is not read as its 2018 figure.
    assert table_rows(RESULTS_OVER_YEARS, default_year=2016) == [
        ("poverty_rate", "level", 7.2, "percent", 2016, "FY", "actual", None, None, None, "7,2"),
        ("poverty_rate", "level", 6.1, "percent", 2017, "FY", "actual", None, None, None, "6,1"),
        ("poverty_rate", "level", 5.3, "percent", 2018, "FY", "actual", None, None, None, "5,3"),
    ]


NUMBERED_WITH_A_WHOLE_LAST_FIGURE = """\
STT

Chỉ tiêu

Năm 2016

Năm 2017

Năm 2018

1

Tốc độ tăng trưởng kinh tế (%)

7,5

8,2

9

- Công nghiệp - xây dựng tăng (%)

10,1

11,4

12
"""


def test_a_whole_last_figure_before_an_unnumbered_row_is_a_figure_not_a_row_number():
    assert table_rows(NUMBERED_WITH_A_WHOLE_LAST_FIGURE, default_year=2018) == [
        ("economic_growth_rate", "level", 7.5, "percent", 2016, "FY", "actual", None, None, None, "7,5"),
        ("economic_growth_rate", "level", 8.2, "percent", 2017, "FY", "actual", None, None, None, "8,2"),
        ("economic_growth_rate", "level", 9.0, "percent", 2018, "FY", "actual", None, None, None, "9"),
        ("industry_construction_value_added", "pct_change", 10.1, "percent", 2016, "FY", "actual", "prior_year", None, None, "10,1"),
        ("industry_construction_value_added", "pct_change", 11.4, "percent", 2017, "FY", "actual", "prior_year", None, None, "11,4"),
        ("industry_construction_value_added", "pct_change", 12.0, "percent", 2018, "FY", "actual", "prior_year", None, None, "12"),
    ]

ALIGNED_WITH_UNIT_COLUMN = """\
Một số chỉ tiêu chủ yếu:
Chỉ tiêu                         ĐVT            TH 2018      Ước TH 2019     2019/2018 (%)
Tổng giá trị sản xuất            tỷ đồng        9.120        9.870           108,2
 - Nông, lâm, thủy sản           tỷ đồng        3.015        3.102           102,9
 - Thương mại - dịch vụ          tỷ đồng        2.640        2.955           111,9
Tỷ lệ hộ nghèo                   %              7,85         6,10
Sản lượng lương thực             tấn            61.200       62.350          101,9
Kim ngạch xuất khẩu              triệu USD      84,6         92,3            109,1
"""


def test_space_aligned_with_a_unit_column_and_sector_sub_rows():
    assert table_rows(ALIGNED_WITH_UNIT_COLUMN, default_year=2019) == [
        ("total_production_value", "level", 9120.0, "billion_VND", 2018, "FY", "actual", None, None, None, "9.120"),
        ("total_production_value", "level", 9870.0, "billion_VND", 2019, "FY", "estimate", None, None, None, "9.870"),
        ("total_production_value", "pct_of_prior", 108.2, "percent", 2019, "FY", "estimate", "prior_year", 2018, None, "108,2"),
        ("agriculture_output_value", "level", 3015.0, "billion_VND", 2018, "FY", "actual", None, None, None, "3.015"),
        ("agriculture_output_value", "level", 3102.0, "billion_VND", 2019, "FY", "estimate", None, None, None, "3.102"),
        ("agriculture_output_value", "pct_of_prior", 102.9, "percent", 2019, "FY", "estimate", "prior_year", 2018, None, "102,9"),
        ("services_output_value", "level", 2640.0, "billion_VND", 2018, "FY", "actual", None, None, None, "2.640"),
        ("services_output_value", "level", 2955.0, "billion_VND", 2019, "FY", "estimate", None, None, None, "2.955"),
        ("services_output_value", "pct_of_prior", 111.9, "percent", 2019, "FY", "estimate", "prior_year", 2018, None, "111,9"),
        ("poverty_rate", "level", 7.85, "percent", 2018, "FY", "actual", None, None, None, "7,85"),
        ("poverty_rate", "level", 6.1, "percent", 2019, "FY", "estimate", None, None, None, "6,10"),
        ("export_value", "level", 84.6, "million_USD", 2018, "FY", "actual", None, None, None, "84,6"),
        ("export_value", "level", 92.3, "million_USD", 2019, "FY", "estimate", None, None, None, "92,3"),
        ("export_value", "pct_of_prior", 109.1, "percent", 2019, "FY", "estimate", "prior_year", 2018, None, "109,1"),
    ]


ALIGNED_WITH_UNIT_IN_CAPTION = """\
Tăng trưởng tổng sản phẩm trên địa bàn theo khu vực (giá so sánh 2010, %)
                                2018        Ước 2019
Tổng số                         7,45        7,92
Khu vực nông, lâm, thủy sản     2,10        2,66
Công nghiệp - xây dựng          11,84       12,30
Dịch vụ                         6,93        7,05
"""


def test_space_aligned_growth_table_with_the_unit_in_its_caption():
    assert table_rows(ALIGNED_WITH_UNIT_IN_CAPTION, default_year=2019) == [
        ("economic_growth_rate", "level", 7.45, "percent", 2018, "FY", "actual", None, None, None, "7,45"),
        ("economic_growth_rate", "level", 7.92, "percent", 2019, "FY", "estimate", None, None, None, "7,92"),
        ("agriculture_value_added", "pct_change", 2.1, "percent", 2018, "FY", "actual", "prior_year", None, None, "2,10"),
        ("agriculture_value_added", "pct_change", 2.66, "percent", 2019, "FY", "estimate", "prior_year", None, None, "2,66"),
        ("industry_construction_value_added", "pct_change", 11.84, "percent", 2018, "FY", "actual", "prior_year", None, None, "11,84"),
        ("industry_construction_value_added", "pct_change", 12.3, "percent", 2019, "FY", "estimate", "prior_year", None, None, "12,30"),
        ("services_value_added", "pct_change", 6.93, "percent", 2018, "FY", "actual", "prior_year", None, None, "6,93"),
        ("services_value_added", "pct_change", 7.05, "percent", 2019, "FY", "estimate", "prior_year", None, None, "7,05"),
    ]


CAPTION_LIST = """\
Chỉ số chủ yếu 6 tháng đầu năm 2022 so với cùng kỳ năm trước (%)
Chỉ số sản xuất công nghiệp
+7,31
Kim ngạch xuất khẩu
-1,08
Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng
+12,6
"""


RUN_TOGETHER = """\
Một số chỉ tiêu chủ yếu của thành phố
Chỉ tiêu Đơn vị tính Kế hoạch năm 2021 Thực hiện năm 2021 Kế hoạch năm 2022
1 Thu nhập bình quân đầu người Triệu đồng 58 58,6 62
2 Độ che phủ rừng; diện tích trồng rừng %; ha 41;150 41;162 42;150
3 Thu ngân sách Nhà nước Tỷ đồng 385 402,5 420
4 Tỷ lệ hộ nghèo % 1,2 1,05 0,9
Nguồn: Phòng Tài chính - Kế hoạch thành phố.
"""


def test_cells_run_together_with_single_spaces_a_row_per_line():
    # a row that does not fit (two figures a cell) is passed over; the unit column is read per row
    assert table_rows(RUN_TOGETHER) == [
        ("per_capita_income", "level", 58.0, "million_VND", 2021, "FY", "target", None, None, None, "58"),
        ("per_capita_income", "level", 58.6, "million_VND", 2021, "FY", "actual", None, None, None, "58,6"),
        ("per_capita_income", "level", 62.0, "million_VND", 2022, "FY", "target", None, None, None, "62"),
        ("budget_revenue", "level", 385.0, "billion_VND", 2021, "FY", "target", None, None, None, "385"),
        ("budget_revenue", "level", 402.5, "billion_VND", 2021, "FY", "actual", None, None, None, "402,5"),
        ("budget_revenue", "level", 420.0, "billion_VND", 2022, "FY", "target", None, None, None, "420"),
        ("poverty_rate", "level", 1.2, "percent", 2021, "FY", "target", None, None, None, "1,2"),
        ("poverty_rate", "level", 1.05, "percent", 2021, "FY", "actual", None, None, None, "1,05"),
        ("poverty_rate", "level", 0.9, "percent", 2022, "FY", "target", None, None, None, "0,9"),
    ]


def test_sector_rows_under_an_economic_structure_heading_are_shares():
    text = ("Một số chỉ tiêu chủ yếu của huyện\n"
            "Chỉ tiêu Đơn vị tính Kế hoạch năm 2021 Thực hiện năm 2021 Kế hoạch năm 2022\n"
            "1 Cơ cấu kinh tế\n"
            "  Dịch vụ % 51 52,4 53\n"
            "  Nông, lâm, thủy sản % 9,5 8,8 8\n"
            "2 Thu ngân sách Nhà nước Tỷ đồng 385 402,5 420\n"
            "Nguồn: Phòng Tài chính - Kế hoạch huyện.\n")
    assert table_rows(text) == [
        ("services_value_added", "share", 51.0, "percent", 2021, "FY", "target", None, None, None, "51"),
        ("services_value_added", "share", 52.4, "percent", 2021, "FY", "actual", None, None, None, "52,4"),
        ("services_value_added", "share", 53.0, "percent", 2022, "FY", "target", None, None, None, "53"),
        ("agriculture_value_added", "share", 9.5, "percent", 2021, "FY", "target", None, None, None, "9,5"),
        ("agriculture_value_added", "share", 8.8, "percent", 2021, "FY", "actual", None, None, None, "8,8"),
        ("agriculture_value_added", "share", 8.0, "percent", 2022, "FY", "target", None, None, None, "8"),
        ("budget_revenue", "level", 385.0, "billion_VND", 2021, "FY", "target", None, None, None, "385"),
        ("budget_revenue", "level", 402.5, "billion_VND", 2021, "FY", "actual", None, None, None, "402,5"),
        ("budget_revenue", "level", 420.0, "billion_VND", 2022, "FY", "target", None, None, None, "420"),
    ]


def test_years_in_a_sentence_are_no_run_together_header():
    text = ("Thu nhập bình quân đầu người các năm 2019 2020 2021 lần lượt tăng đều.\n"
            "1 Thu ngân sách Nhà nước 385 402,5 420\n")
    assert table_rows(text) == []


def test_caption_over_label_and_signed_value_lines():
    assert table_rows(CAPTION_LIST, default_year=2022, default_status="estimate") == [
        ("industrial_production_index", "pct_change", 7.31, "percent", 2022, "H1", "estimate", "same_period_prior_year", None, None, "+7,31"),
        ("export_value", "pct_change", -1.08, "percent", 2022, "H1", "estimate", "same_period_prior_year", None, None, "-1,08"),
        ("retail_sales", "pct_change", 12.6, "percent", 2022, "H1", "estimate", "same_period_prior_year", None, None, "+12,6"),
    ]


def test_a_head_on_two_lines():
    text = ("Đơn vị: triệu đồng\n"
            "Chỉ tiêu | Năm 2020 | Năm 2020 | So sánh\n"
            " | Kế hoạch | Thực hiện | (%)\n"
            "Thu ngân sách xã | 2.150 | 2.377 | 110,6\n")
    assert table_rows(text, default_year=2020) == [
        ("budget_revenue", "level", 2150.0, "million_VND", 2020, "FY", "target", None, None, None, "2.150"),
        ("budget_revenue", "level", 2377.0, "million_VND", 2020, "FY", "actual", None, None, None, "2.377"),
        ("budget_revenue", "pct_of_plan", 110.6, "percent", 2020, "FY", "actual", "plan", None, None, "110,6"),
    ]


# --- what must yield nothing --------------------------------------------------------------------

def test_prose_with_pipes_and_many_numbers_is_no_table():
    text = ("Giới thiệu | Tin tức | Văn bản | Liên hệ\n"
            "Năm 2023, thu ngân sách đạt 412,5 tỷ đồng | tăng 8,2% so với năm 2022 | vượt 6% dự toán.\n"
            "Giá trị sản xuất công nghiệp ước 2.130 tỷ đồng, tăng 9,1%; nông nghiệp 1.025 tỷ đồng, tăng 3,2%;\n"
            "dịch vụ 1.870 tỷ đồng, tăng 7,4%. Thu nhập bình quân đầu người đạt 52,3 triệu đồng.\n"
            "| Cỡ chữ | In | Lượt xem: 1.204 |\n"
            "Tỷ lệ hộ nghèo còn 2,15%  giảm 0,9%  so với năm 2022.\n"
            "Hộ cận nghèo  3,4%\n"
            "Tổng vốn đầu tư  1.500 tỷ đồng\n")
    assert table_rows(text) == []
    assert spans_of(text) == []


def test_lines_of_single_numbers_after_prose_are_no_table():
    text = ("Chỉ tiêu\nNăm nay huyện phấn đấu hoàn thành các chỉ tiêu sau đây\n2023\n"
            "Thu ngân sách\n120\n2024\nThu ngân sách\n130\n")
    assert table_rows(text) == []


def test_a_table_of_comparisons_only_takes_each_column_s_own_period_and_basis():
    text = ("Tốc độ phát triển một số chỉ tiêu chủ yếu của tỉnh\n\n(%)\n\n"
            "Chỉ tiêu chủ yếu\n\nTháng 9/2021 so với tháng trước\n\n9 tháng năm 2021 so với cùng kỳ năm trước\n\n"
            "Tổng mức bán lẻ hàng hoá và doanh thu dịch vụ tiêu dùng\n\n101,84\n\n108,27\n\n"
            "Tổng kim ngạch xuất khẩu\n\n95,12\n\n111,60\n\n"
            "Số khách du lịch\n\n103,05\n\n96,40\n")
    assert table_rows(text, default_year=2021, default_period="9M", default_status="actual") == [
        ("retail_sales", "pct_of_prior", 101.84, "percent", 2021, "M9", "actual", "previous_month", None, None, "101,84"),
        ("retail_sales", "pct_of_prior", 108.27, "percent", 2021, "9M", "actual", "same_period_prior_year", None, None,
         "108,27"),
        ("export_value", "pct_of_prior", 95.12, "percent", 2021, "M9", "actual", "previous_month", None, None, "95,12"),
        ("export_value", "pct_of_prior", 111.6, "percent", 2021, "9M", "actual", "same_period_prior_year", None, None,
         "111,60"),
    ]


def test_a_table_whose_rows_match_no_trigger_yields_nothing():
    text = ("Kết quả giáo dục năm học 2022-2023\n"
            "Chỉ tiêu | Năm học 2021-2022 | Năm học 2022-2023 | So sánh (%)\n"
            "Số học sinh | 12.040 | 12.515 | 103,9\n"
            "Số trường đạt chuẩn quốc gia | 31 | 34 | 109,7\n"
            "Diện tích lúa (ha) | 3.200 | 3.150 | 98,4\n")
    assert table_rows(text) == []


def test_cells_without_a_unit_or_with_an_ambiguous_head_yield_nothing():
    no_unit = "Chỉ tiêu | TH 2022 | Ước TH 2023\nThu ngân sách | 100 | 120\n"
    assert table_rows(no_unit) == []  # a bare number without any unit is not a level
    both_bases = ("Đơn vị: tỷ đồng\nChỉ tiêu | TH 2022 | KH 2023 | Ước TH 2023 | Tỷ lệ (%)\n"
                  "Thu ngân sách | 100 | 110 | 115 | 104,5\n")
    assert [r[1] for r in table_rows(both_bases)] == ["level", "level", "level"]  # of plan or of 2022?
    future = "Đơn vị: tỷ đồng\nChỉ tiêu | 2023 | 2025\nThu ngân sách | 100 | 140\n"
    assert [(r[2], r[4], r[6]) for r in table_rows(future)] == [(100.0, 2023, "actual")]
    wrong_scale = ("Đơn vị: tỷ đồng\nChỉ tiêu | TH 2022 | Ước TH 2023\n"
                   "Thu nhập bình quân đầu người | 45,2 | 50,1\n")
    assert table_rows(wrong_scale) == []  # 45 billion đồng a head: the table unit is not the row's


def test_spans_cover_the_table_lines():
    text = "Mở đầu bài viết, thu ngân sách đạt 98 tỷ đồng.\n" + PIPES
    spans = spans_of(text)
    assert len(spans) == 1
    start, end = spans[0]
    lines = text.splitlines()
    first_row = text.index("STT | Nội dung")
    last_row = text.index("2 | Tổng chi") + len(lines[8])
    assert start <= text.index("Kết quả thu, chi") and start <= first_row
    assert end >= last_row
    assert text.index("98 tỷ") < start  # the prose before stays outside
    assert end < text.index("Đại biểu")  # and the prose after
    for layout in (ONE_CELL_PER_LINE, ALIGNED_WITH_UNIT_COLUMN, ALIGNED_WITH_UNIT_IN_CAPTION, CAPTION_LIST, NINE_MONTHS):
        ((start, end),) = spans_of(layout)
        assert layout[start:end].strip() == layout.strip().split("\n", 1)[-1].strip() or \
            layout[start:end].strip() == layout.strip()


def test_heads_and_units():
    head = classify_head("Ước TH so với KH (%)", RULESET)
    assert (head.kind, head.measure) == ("ratio", "pct_of_plan")
    head = classify_head("Cùng kỳ 2022", RULESET)
    assert (head.kind, head.status, head.year, head.prior) == ("value", "actual", 2022, True)
    assert classify_head("Tăng/giảm (%)", RULESET).measure == "pct_change"
    assert classify_head("Ghi chú", RULESET).kind == "unknown"
    assert parse_unit("Tr.đồng", RULESET.context) == "million_VND"
    assert parse_unit("tấn", RULESET.context) is None


# --- the practice articles ----------------------------------------------------------------------

TABLE_ARTICLES = ["dev_050", "dev_056", "dev_062", "dev_065", "dev_070", "dev_076", "dev_087"]
BARE_CELL = re.compile(r"[+-]?[\d.,]+")


def _fact_key(indicator, measure, year, value, unit):
    return indicator, measure, year, round(value * base_factor(unit), 6)


def _article_year(document) -> int | None:
    match = re.search(r"(?<!\d)(?:19|20)\d{2}(?!\d)", document.title or "")
    if match:
        return int(match.group())
    return document.published.year if document.published else None


def test_dev_tables_against_gold(dev_corpus, capsys):
    """find_tables on the practice articles with tables vs their gold table facts."""
    gold = {}
    with open(dev_corpus / "gold.jsonl", encoding="utf-8") as handle:
        for line in handle:
            article = json.loads(line)
            gold[article["id"]] = article["observations"]
    documents = {d.source.rsplit("/", 1)[-1].removesuffix(".txt"): d for d in read_documents([dev_corpus / "texts"])}
    found = correct = table_facts = recalled = 0
    false_cells = []
    for doc_id in TABLE_ARTICLES:
        document = documents[doc_id]
        mentions, _ = find_tables(document.text, scan_text(document.text), RULESET,
                                  default_year=_article_year(document))
        all_keys = {_fact_key(o["indicator"], o["measure"], o["year"], o["value"], o["unit"]) for o in gold[doc_id]}
        table_keys = {_fact_key(o["indicator"], o["measure"], o["year"], o["value"], o["unit"])
                      for o in gold[doc_id] if BARE_CELL.fullmatch(o["raw"])}
        keys = {_fact_key(m.indicator, m.measure, m.year, m.value, m.unit) for m in mentions}
        found += len(mentions)
        correct += sum(_fact_key(m.indicator, m.measure, m.year, m.value, m.unit) in all_keys for m in mentions)
        false_cells += [(doc_id, m.indicator, m.measure, m.year, m.raw) for m in mentions
                        if _fact_key(m.indicator, m.measure, m.year, m.value, m.unit) not in all_keys]
        table_facts += len(table_keys)
        recalled += len(table_keys & keys)
    precision, recall = correct / max(found, 1), recalled / max(table_facts, 1)
    with capsys.disabled():
        print(f"\ntables on {len(TABLE_ARTICLES)} dev articles: {found} cells, precision {precision:.3f}, "
              f"recall {recall:.3f} ({recalled}/{table_facts} gold table facts)")
    assert not false_cells, false_cells
    assert recall >= 0.9
