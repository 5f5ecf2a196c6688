"""Rows of whole articles where the article, not the sentence, decides: a figure stated twice
(pipeline.tidy.drop_repeats), a year told only by the publication date and a period told only by
the title or lead (pipeline.resolve)."""
from __future__ import annotations

import datetime as dt

from pipeline.build import process_document
from pipeline.ingest import make_document
from pipeline.rules import load_rules


def rows(text: str, published: dt.date | None) -> list[tuple]:
    document = make_document("article.txt", text, published=published)
    result = process_document(document, load_rules())
    return sorted((r["indicator"], r["measure"], r["value"], r["year"], r["period"])
                  for r in result.observation_rows)


def status_rows(text: str, published: dt.date | None) -> list[tuple]:
    document = make_document("article.txt", text, published=published)
    result = process_document(document, load_rules())
    return sorted((r["indicator"], r["measure"], r["value"], r["status"]) for r in result.observation_rows)


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


def test_a_whole_year_reviewed_early_next_year_is_the_year_that_ended():
    text = ("Huyện Tân Yên vượt khó\n\n"
            "Năm qua, thu ngân sách trên địa bàn huyện ước đạt 412 tỷ đồng, bằng 108% dự toán.\n")
    assert rows(text, dt.date(2020, 1, 15)) == [("budget_revenue", "level", 412.0, 2019, "FY"),
                                                ("budget_revenue", "pct_of_plan", 108.0, 2019, "FY")]


def test_a_target_published_early_in_the_year_is_that_year_s():
    text = ("Huyện Tân Yên đặt mục tiêu\n\n"
            "Huyện phấn đấu thu ngân sách đạt 450 tỷ đồng.\n")
    assert rows(text, dt.date(2020, 1, 15)) == [("budget_revenue", "level", 450.0, 2020, "FY")]


def test_a_whole_year_published_late_in_it_is_that_year_s():
    text = ("Huyện Tân Yên vượt khó\n\n"
            "Thu ngân sách trên địa bàn huyện ước đạt 412 tỷ đồng, bằng 108% dự toán.\n")
    assert rows(text, dt.date(2019, 12, 20)) == [("budget_revenue", "level", 412.0, 2019, "FY"),
                                                 ("budget_revenue", "pct_of_plan", 108.0, 2019, "FY")]


def test_a_heading_s_period_holds_for_the_lines_under_it_over_the_title_s():
    text = ("Báo cáo tình hình kinh tế - xã hội quý II năm 2018\n\n"
            "A. KẾT QUẢ THỰC HIỆN NHIỆM VỤ 6 THÁNG ĐẦU NĂM 2018:\n\n"
            "1. Dịch vụ: Tổng mức bán lẻ hàng hóa và dịch vụ đạt 1.120 tỷ đồng, tăng 4,5% so với cùng kỳ.\n")
    assert rows(text, dt.date(2018, 7, 4)) == [("retail_sales", "level", 1120.0, 2018, "H1"),
                                               ("retail_sales", "pct_change", 4.5, 2018, "H1")]


def test_a_lead_in_line_naming_two_periods_is_no_heading():
    text = ("Báo cáo tình hình kinh tế - xã hội quý II năm 2018\n\n"
            "Trên cơ sở kết quả 5 tháng và ước tính tháng 6, báo cáo tình hình 6 tháng đầu năm 2018 như sau:\n\n"
            "Tổng mức bán lẻ hàng hóa và dịch vụ đạt 1.120 tỷ đồng.\n")
    assert rows(text, dt.date(2018, 7, 4)) == [("retail_sales", "level", 1120.0, 2018, "Q2")]


def test_a_report_of_a_quarter_and_its_running_total_reviews_the_total():
    # the title names the second quarter and the six months; a figure that names neither is H1's
    text = ("Tình hình kinh tế - xã hội quý II và 6 tháng đầu năm 2021 tỉnh Điện Biên\n\n"
            "Thu ngân sách nhà nước trên địa bàn ước đạt 612 tỷ đồng.\n")
    assert rows(text, dt.date(2021, 6, 30)) == [("budget_revenue", "level", 612.0, 2021, "H1")]


def test_a_lead_of_a_quarter_and_its_running_total_reviews_the_total():
    text = ("Kinh tế tiếp tục phục hồi\n\n"
            "Trong quý III và 9 tháng năm 2022, kinh tế tỉnh Điện Biên phục hồi rõ nét.\n\n"
            "Thu ngân sách nhà nước trên địa bàn ước đạt 905 tỷ đồng.\n")
    assert rows(text, dt.date(2022, 9, 29)) == [("budget_revenue", "level", 905.0, 2022, "9M")]


def test_this_year_after_a_year_named_before_is_the_year_of_publication():
    text = ("Xuất khẩu vượt khó\n\n"
            "Nếu 9 tháng năm 2019 kim ngạch xuất khẩu của tỉnh chỉ đạt 410 triệu USD, thì năm nay, 9 tháng, "
            "kim ngạch xuất khẩu đạt 472 triệu USD, tăng 15,1% so với cùng kỳ.\n")
    assert rows(text, dt.date(2020, 10, 2)) == [("export_value", "level", 410.0, 2019, "9M"),
                                                ("export_value", "level", 472.0, 2020, "9M"),
                                                ("export_value", "pct_change", 15.1, 2020, "9M")]


def test_a_title_s_rounded_figure_is_the_body_figure_it_rounds():
    text = ("Huyện Tân Yên: Thu ngân sách đạt hơn 400 tỷ đồng\n\n"
            "Năm 2022, thu ngân sách trên địa bàn huyện đạt 412,6 tỷ đồng, bằng 104% dự toán.\n")
    assert rows(text, dt.date(2022, 12, 28)) == [("budget_revenue", "level", 412.6, 2022, "FY"),
                                                 ("budget_revenue", "pct_of_plan", 104.0, 2022, "FY")]


def test_a_title_s_figure_in_a_larger_scale_word_rounds_the_body_figure():
    text = ("Huyện Tân Yên thu ngân sách gần 1 nghìn tỷ đồng\n\n"
            "Năm 2022, thu ngân sách trên địa bàn huyện đạt 968,4 tỷ đồng, bằng 104% dự toán.\n")
    assert rows(text, dt.date(2022, 12, 28)) == [("budget_revenue", "level", 968.4, 2022, "FY"),
                                                 ("budget_revenue", "pct_of_plan", 104.0, 2022, "FY")]


def test_a_title_s_undated_figure_is_the_body_figure_the_lead_dates():
    # the page date (2020) is older than the year the lead reviews (2022): the title's 318 tỷ
    # đồng is the body's figure, dated by the lead, and is kept once
    text = ("Thị xã Tân Yên thu ngân sách trên 318 tỷ đồng\n\n"
            "Năm 2022, kinh tế thị xã tiếp tục phát triển.\n\n"
            "Thu ngân sách hơn 318 tỷ đồng, đạt 121% dự toán.\n")
    assert rows(text, dt.date(2020, 3, 2)) == [("budget_revenue", "level", 318.0, 2022, "FY"),
                                               ("budget_revenue", "pct_of_plan", 121.0, 2022, "FY")]


def test_an_undated_review_is_the_year_after_the_one_its_comparisons_name_not_a_ratio_s():
    text = ("Huyện hoàn thành 18/20 chỉ tiêu\n\n"
            "Tổng giá trị sản xuất ước tăng 10,4% so với năm 2021. Thu ngân sách trên địa bàn ước đạt "
            "212 tỷ đồng, gấp 2,1 lần so với năm 2015. Thu nhập bình quân đầu người ước đạt 56 triệu đồng.\n")
    assert rows(text, None) == [("budget_revenue", "level", 212.0, 2022, "FY"),
                                ("budget_revenue", "ratio", 2.1, 2022, "FY"),
                                ("per_capita_income", "level", 56.0, 2022, "FY"),
                                ("total_production_value", "pct_change", 10.4, 2022, "FY")]


def test_an_undated_article_is_the_year_after_the_one_its_same_period_comparisons_name():
    text = ("Thị xã phát triển khá\n\n"
            "Sáu tháng đầu năm, giá trị sản xuất tăng 9,2% so với cùng kỳ năm 2023.\n\n"
            "Tổng thu ngân sách nhà nước đạt 118 tỷ đồng.\n")
    assert rows(text, None) == [("budget_revenue", "level", 118.0, 2024, "H1"),
                                ("total_production_value", "pct_change", 9.2, 2024, "H1")]


def test_a_title_naming_one_month_gives_its_figures_that_month():
    text = ("Trong tháng 8 năm 2020, tổng giá trị sản xuất của thị xã ước đạt trên 1.500 tỷ đồng\n\n"
            "Trong đó, giá trị sản xuất công nghiệp - xây dựng đạt 980 tỷ đồng, tăng 11,2% so với cùng kỳ.\n")
    assert rows(text, dt.date(2020, 9, 12)) == [
        ("industry_construction_output_value", "level", 980.0, 2020, "M8"),
        ("industry_construction_output_value", "pct_change", 11.2, 2020, "M8"),
        ("total_production_value", "level", 1500.0, 2020, "M8")]


def test_a_congress_s_targets_that_name_no_year_are_of_the_term_it_opens():
    # the term opens in the year of publication; its targets are for the term's last year
    text = ("Đại hội Đảng bộ xã Tân Lập nhiệm kỳ 2020 - 2025\n\n"
            "Đại hội thông qua nghị quyết với các chỉ tiêu chủ yếu: thu nhập bình quân đầu người "
            "70-75 triệu đồng/người/năm; thu ngân sách tăng bình quân 9%/năm.\n")
    assert rows(text, dt.date(2020, 6, 12)) == [
        ("budget_revenue", "pct_change", 9.0, 2025, "2020-2025"),
        ("per_capita_income", "level", 70.0, 2025, "FY")]


def test_this_year_said_before_a_figure_is_the_year_of_publication_over_the_lead_s_year():
    text = ("Xuất khẩu của tỉnh tăng mạnh\n\n"
            "Năm 2019, kim ngạch xuất khẩu cả năm của tỉnh đạt 910 triệu USD.\n\n"
            "Trong năm nay, ước 9 tháng, kim ngạch xuất khẩu đạt 760 triệu USD.\n")
    assert rows(text, dt.date(2020, 10, 14)) == [("export_value", "level", 760.0, 2020, "9M"),
                                                 ("export_value", "level", 910.0, 2019, "FY")]


def test_the_items_a_sentence_announces_as_a_plan_are_targets_of_its_year():
    # "Đó là ..." lists the targets the sentence before sets; a sentence of results ("đạt và vượt
    # 19 chỉ tiêu. Cụ thể, ...") would not make them plans
    text = ("Kỳ họp HĐND huyện cuối năm\n\n"
            "Tại kỳ họp, HĐND huyện đã đề ra các chỉ tiêu phấn đấu năm 2015. Đó là tốc độ tăng giá trị "
            "sản xuất từ 12 - 13%; thu nhập bình quân 28 triệu đồng/người/năm.\n")
    rows_of = process_document(make_document("article.txt", text), load_rules())
    assert sorted((r["indicator"], r["value"], r["year"], r["status"]) for r in rows_of.observation_rows) == [
        ("per_capita_income", 28.0, 2015, "target"), ("total_production_value", 12.0, 2015, "target")]


def test_a_figure_of_a_year_after_publication_is_a_plan():
    text = ("Kỳ họp cuối năm của HĐND huyện\n\n"
            "Năm 2020, thu ngân sách trên địa bàn đạt 412 tỷ đồng. Năm 2021, thu ngân sách đạt 450 tỷ đồng.\n")
    rows_of = process_document(make_document("article.txt", text, published=dt.date(2020, 12, 10)), load_rules())
    assert sorted((r["value"], r["year"], r["status"]) for r in rows_of.observation_rows) == [
        (412.0, 2020, "actual"), (450.0, 2021, "target")]


def test_a_title_s_figures_as_of_the_first_of_january_are_the_year_before_s():
    text = ("Số liệu kinh tế của huyện tính đến ngày 01-01-2018\n\n"
            "Tổng thu ngân sách trên địa bàn huyện đạt 412 tỷ đồng.\n")
    assert rows(text, None) == [("budget_revenue", "level", 412.0, 2017, "FY")]


def test_a_month_compared_with_is_not_the_period_of_the_figure_after_it():
    text = ("Sản xuất công nghiệp ổn định\n\n"
            "Chỉ số sản xuất công nghiệp tháng 9/2013 ước tính tăng 4,6% so với tháng 8/2013, tăng 15,3% so với "
            "tháng 9/2012. Năm 2024, tổng kim ngạch xuất nhập khẩu tháng 4 qua địa bàn đạt 306,76 triệu USD.\n")
    assert rows(text, None) == [("industrial_production_index", "pct_change", 4.6, 2013, "M9"),
                                ("industrial_production_index", "pct_change", 15.3, 2013, "M9"),
                                ("trade_value", "level", 306.76, 2024, "M4")]


def test_a_ratio_to_a_year_long_past_does_not_date_the_figure_the_year_after_it():
    text = ("Đại hội Đảng bộ tỉnh\n\n"
            "Theo báo cáo tại Đại hội, GRDP bình quân đầu người đạt 51 triệu đồng/người, tăng gần 1,3 lần so năm 2015.\n")
    assert rows(text, dt.date(2020, 10, 1)) == [("grdp_per_capita", "level", 51.0, 2020, "FY"),
                                                ("grdp_per_capita", "ratio", 1.3, 2020, "FY")]


def test_a_district_opening_its_sentence_owns_the_figures_of_a_province_article():
    text = ("Tỉnh Vĩnh Long rà soát hộ nghèo năm 2022\n\n"
            "Năm 2022, toàn tỉnh Vĩnh Long có tỷ lệ hộ nghèo 1,35%.\n\n"
            "Huyện Mang Thít hiện có 412 hộ nghèo, tỷ lệ 1,62%; 903 hộ cận nghèo, tỷ lệ 3,51%.\n")
    result = process_document(make_document("article.txt", text, published=dt.date(2023, 1, 6)), load_rules())
    assert sorted((r["indicator"], r["value"], r["year"], r["area"], r["area_type"])
                  for r in result.observation_rows) == [
        ("near_poverty_rate", 3.51, 2022, "Mang Thít", "huyện"),
        ("poverty_rate", 1.35, 2022, "Vĩnh Long", "tỉnh"),
        ("poverty_rate", 1.62, 2022, "Mang Thít", "huyện"),
    ]


def test_the_term_a_congress_opens_is_no_period_of_the_figures_it_reviews():
    text = ("Đảng bộ xã Tân Lập tổ chức Đại hội lần thứ XII, nhiệm kỳ 2020 – 2025\n\n"
            "Nhiệm kỳ qua, thu nhập bình quân đầu người của xã đạt 46 triệu đồng/năm; tỷ lệ hộ nghèo còn 3,12%.\n")
    assert rows(text, dt.date(2020, 6, 12)) == [("per_capita_income", "level", 46.0, 2020, "FY"),
                                                ("poverty_rate", "level", 3.12, 2020, "FY")]


def test_a_ranking_of_units_gives_each_unit_its_figure():
    text = ("Tỉnh Bắc Kạn rà soát hộ nghèo năm 2019\n\n"
            "Năm 2019, tỷ lệ hộ nghèo toàn tỉnh Bắc Kạn là 19,93%. Xếp theo thứ tự, có tỷ lệ hộ nghèo cao nhất là "
            "huyện Pác Nặm với 35,22%; tiếp theo là huyện Ngân Sơn 34,41%; huyện Na Rì 25,11%; thấp nhất là "
            "thành phố Bắc Kạn 1,93%.\n")
    result = process_document(make_document("article.txt", text, published=dt.date(2019, 12, 20)), load_rules())
    assert [(r["value"], r["area"], r["area_type"]) for r in result.observation_rows] == [
        (19.93, "Bắc Kạn", "tỉnh"), (35.22, "Pác Nặm", "huyện"), (34.41, "Ngân Sơn", "huyện"),
        (25.11, "Na Rì", "huyện"), (1.93, "Bắc Kạn", "thành phố")]


def test_an_undated_half_year_review_is_of_the_year_whose_plan_it_reports_the_percent_of():
    text = ("Kinh tế huyện Tân Yên nửa đầu năm\n\n"
            "Sáu tháng đầu năm, các chỉ tiêu chủ yếu đều đạt trên 50% kế hoạch năm 2021. "
            "Thu ngân sách trên địa bàn đạt 212 tỷ đồng.\n")
    assert rows(text, None) == [("budget_revenue", "level", 212.0, 2021, "H1")]


def test_a_photo_s_caption_between_an_estimated_whole_and_its_parts_does_not_end_the_estimate():
    text = ("Thu ngân sách huyện Tân Yên 9 tháng\n\n"
            "Chín tháng năm 2024, thu ngân sách nhà nước trên địa bàn huyện ước đạt 420 tỷ đồng.\n\n"
            "Quang cảnh trụ sở UBND huyện Tân Yên (Ảnh: Minh Hà).\n\n"
            "Trong đó, thu nội địa đạt 300 tỷ đồng.\n")
    assert status_rows(text, dt.date(2024, 10, 2)) == [("budget_revenue", "level", 300.0, "estimate"),
                                                        ("budget_revenue", "level", 420.0, "estimate")]


def test_a_photo_s_caption_and_a_byline_do_not_break_the_parts_from_their_whole():
    text = ("Công nghiệp tỉnh 6 tháng đầu năm\n\n"
            "Sáu tháng đầu năm 2016, giá trị sản xuất công nghiệp toàn tỉnh ước đạt 21.300 tỷ đồng.\n"
            "Công nhân lắp ráp linh kiện điện tử tại khu công nghiệp (Ảnh minh họa).\n"
            "PV/Thu Hà.\n\n"
            "Trong đó, khu vực kinh tế nhà nước ước đạt 1.420 tỷ đồng.\n")
    assert status_rows(text, dt.date(2016, 6, 30)) == [("industrial_output_value", "level", 1420.0, "estimate"),
                                                       ("industrial_output_value", "level", 21300.0, "estimate")]


def test_the_year_a_title_sets_a_target_for_is_no_period_of_the_quarter_the_lead_reviews():
    text = ("Tỉnh đặt mục tiêu GRDP tăng 7,5% trong năm 2025\n\n"
            "Trong quý I/2025, kinh tế của tỉnh tiếp tục phục hồi.\n\n"
            "Giá trị sản xuất công nghiệp tăng 6,4% so với cùng kỳ; tổng mức bán lẻ hàng hóa tăng 9,1%.\n")
    assert rows(text, dt.date(2025, 4, 17)) == [("economic_growth_rate", "level", 7.5, 2025, "FY"),
                                                ("industrial_output_value", "pct_change", 6.4, 2025, "Q1"),
                                                ("retail_sales", "pct_change", 9.1, 2025, "Q1")]


def place_rows(text: str, published: dt.date) -> list[tuple]:
    result = process_document(make_document("article.txt", text, published=published), load_rules())
    return [(r["indicator"], r["value"], r["area"], r["area_type"], r["status"]) for r in result.observation_rows]


def test_a_list_of_districts_each_with_its_growth_gives_each_district_its_figure():
    text = ("Công nghiệp tỉnh Nam Định 6 tháng đầu năm 2022\n\n"
            "Sáu tháng đầu năm 2022, giá trị sản xuất công nghiệp toàn tỉnh ước tăng 11,2%. Giá trị sản xuất "
            "công nghiệp của một số địa phương tăng khá: Ý Yên tăng 16,4%; Thành phố Nam Định tăng 9,8%; "
            "Hải Hậu tăng 8,1%.\n")
    assert place_rows(text, dt.date(2022, 7, 2)) == [
        ("industrial_output_value", 11.2, "Nam Định", "tỉnh", "estimate"),
        ("industrial_output_value", 16.4, "Ý Yên", "huyện", "estimate"),
        ("industrial_output_value", 9.8, "Nam Định", "thành phố", "estimate"),
        ("industrial_output_value", 8.1, "Hải Hậu", "huyện", "estimate")]


def test_provinces_listed_after_the_article_s_own_take_their_figures():
    text = ("Tăng trưởng quý I của tỉnh Hậu Giang\n\n"
            "Quý I/2023, các địa phương có tốc độ tăng GRDP cao nhất gồm Hậu Giang tăng 12,1%; Quảng Trị "
            "tăng 9,4%; Hà Nam tăng 8,7%.\n")
    assert place_rows(text, dt.date(2023, 4, 3)) == [
        ("economic_growth_rate", 12.1, "Hậu Giang", "tỉnh", "actual"),
        ("economic_growth_rate", 9.4, "Quảng Trị", "tỉnh", "actual"),
        ("economic_growth_rate", 8.7, "Hà Nam", "tỉnh", "actual")]


def test_a_listed_name_that_is_no_unit_leaves_its_figure_without_a_place():
    # "Khu Bắc" names no unit: its figure is not given the province's place (the build rejects it)
    text = ("Công nghiệp tỉnh Nam Định 6 tháng đầu năm 2022\n\n"
            "Sáu tháng đầu năm 2022, giá trị sản xuất công nghiệp tăng khá ở nhiều nơi: Khu Bắc tăng 7,7%; "
            "Ý Yên tăng 16,4%.\n")
    assert place_rows(text, dt.date(2022, 7, 2)) == [
        ("industrial_output_value", 7.7, None, None, "actual"),
        ("industrial_output_value", 16.4, "Ý Yên", "huyện", "actual")]


def test_a_basis_year_years_before_the_page_does_not_date_the_figure():
    # "so với năm 2015" on a page of late 2020 compares across a term: the figure is of 2020, not 2016
    text = ("Huyện Tân Yên sau 5 năm\n\n"
            "Thu ngân sách trên địa bàn đạt 320 tỷ đồng, tăng 35% so với năm 2015.\n")
    assert rows(text, dt.date(2020, 11, 2)) == [("budget_revenue", "level", 320.0, 2020, "FY"),
                                                ("budget_revenue", "pct_change", 35.0, 2020, "FY")]


def test_a_basis_year_the_year_before_dates_the_figure():
    text = ("Huyện Tân Yên vượt khó\n\n"
            "Thu ngân sách trên địa bàn đạt 320 tỷ đồng, tăng 9% so với năm 2019.\n")
    assert rows(text, dt.date(2021, 2, 2)) == [("budget_revenue", "level", 320.0, 2020, "FY"),
                                               ("budget_revenue", "pct_change", 9.0, 2020, "FY")]


def test_the_items_of_a_list_under_a_plan_s_line_are_that_year_s_targets():
    text = ("Huyện Tân Yên tổng kết năm\n\n"
            "Kết thúc năm 2022, tổng giá trị sản xuất đạt 8.120 tỷ đồng, tăng 9,1%.\n\n"
            "Năm 2023, phấn đấu:\n"
            "- Tốc độ tăng trưởng giá trị sản xuất 9%;\n"
            "- Thu ngân sách 450 tỷ đồng;\n"
            "- Tỷ lệ hộ nghèo giảm còn 2,5%.\n")
    document = make_document("article.txt", text, published=dt.date(2023, 1, 10))
    result = process_document(document, load_rules())
    assert sorted((r["indicator"], r["measure"], r["value"], r["year"], r["status"]) for r in result.observation_rows) == [
        ("budget_revenue", "level", 450.0, 2023, "target"),
        ("poverty_rate", "level", 2.5, 2023, "target"),
        ("total_production_value", "level", 8120.0, 2022, "actual"),
        ("total_production_value", "pct_change", 9.0, 2023, "target"),
        ("total_production_value", "pct_change", 9.1, 2022, "actual"),
    ]


def test_a_month_compared_with_the_same_month_a_year_before_is_of_the_year_after():
    text = ("Kinh tế tháng 3 năm 2024\n\n"
            "Tháng 3, giá trị sản xuất công nghiệp ước đạt 1.210 tỷ đồng, so với tháng 3-2023 tăng 5,1%.\n")
    assert rows(text, None) == [("industrial_output_value", "level", 1210.0, 2024, "M3"),
                                ("industrial_output_value", "pct_change", 5.1, 2024, "M3")]


def test_a_year_with_a_typo_glued_to_it_dates_nothing():
    # "năm 20214" is no year: the page's date (October 2024) tells it
    text = ("Kinh tế 9 tháng\n\n"
            "Theo báo cáo của Sở Công thương, 9 tháng năm 20214, chỉ số sản xuất công nghiệp giảm 0,23% so với cùng kỳ.\n")
    assert rows(text, dt.date(2024, 10, 1)) == [("industrial_production_index", "pct_change", -0.23, 2024, "9M")]


def test_a_title_s_year_of_the_targets_passed_is_no_year_of_the_results():
    text = ("HĐND xã Hoằng Lộc thông qua 21 chỉ tiêu phát triển năm 2026\n\n"
            "Sáng 29/12, HĐND xã tổ chức kỳ họp cuối năm, đánh giá tình hình thực hiện nhiệm vụ năm 2025.\n\n"
            "Thu ngân sách trên địa bàn ước đạt 540 triệu đồng, bằng 292,9% dự toán.\n")
    assert rows(text, dt.date(2025, 12, 29)) == [("budget_revenue", "level", 540.0, 2025, "FY"),
                                                 ("budget_revenue", "pct_of_plan", 292.9, 2025, "FY")]


def test_a_title_opening_with_a_plan_s_year_does_not_date_the_review_after_it():
    text = ("Năm 2025 huyện Tân Yên phấn đấu tốc độ tăng giá trị sản xuất đạt 12% trở lên\n\n"
            "Sáng 19/12, HĐND huyện khai mạc kỳ họp cuối năm, đánh giá kết quả năm 2024.\n\n"
            "Tổng thu ngân sách nhà nước đạt 412 tỷ đồng, vượt 42% dự toán tỉnh giao.\n")
    assert rows(text, dt.date(2024, 12, 19)) == [("budget_revenue", "level", 412.0, 2024, "FY"),
                                                 ("budget_revenue", "pct_change", 42.0, 2024, "FY"),
                                                 ("total_production_value", "pct_change", 12.0, 2025, "FY")]


def test_a_period_only_the_page_s_address_names_is_every_figure_s():
    text = ("Theo báo cáo của Sở Kế hoạch và Đầu tư, tổng mức bán lẻ hàng hóa trên địa bàn tỉnh ước đạt 37.714 tỷ đồng, "
            "tăng 13,27% so với cùng kỳ năm 2023.\n")
    document = make_document("https://example.vn/kinh-te-6-thang-dau-nam-khoi-sac-post377593.html", text,
                             published=dt.date(2024, 7, 2))
    result = process_document(document, load_rules())
    assert sorted((r["indicator"], r["measure"], r["value"], r["year"], r["period"]) for r in result.observation_rows) == [
        ("retail_sales", "level", 37714.0, 2024, "H1"), ("retail_sales", "pct_change", 13.27, 2024, "H1")]


def test_the_term_a_congress_opens_is_no_period_even_on_an_undated_page():
    text = ("Đảng bộ xã Tân Lập tổ chức Đại hội lần thứ XII (nhiệm kỳ 2020 - 2025)\n\n"
            "Năm 2020, kinh tế của xã tiếp tục phát triển khá.\n\n"
            "Cơ cấu kinh tế của xã: thương mại - dịch vụ chiếm 42%.\n")
    assert rows(text, None) == [("services_value_added", "share", 42.0, 2020, "FY")]


def test_the_headlines_listed_after_the_article_are_not_its_figures():
    # a portal prints other articles' headlines under "Tin liên quan"; their figures are other places'
    text = ("Huyện Tân Yên thu ngân sách vượt dự toán\n\n"
            "Năm 2023, thu ngân sách trên địa bàn huyện Tân Yên đạt 412 tỷ đồng, bằng 108% dự toán tỉnh giao; "
            "các khoản thu từ đất và thuế ngoài quốc doanh đều vượt kế hoạch.\n\n"
            "Tin liên quan\n\n"
            "Huyện Lục Nam: thu ngân sách năm 2023 đạt 380 tỷ đồng\n\n"
            "Ý kiến bạn đọc\n")
    assert rows(text, dt.date(2023, 12, 28)) == [("budget_revenue", "level", 412.0, 2023, "FY"),
                                                 ("budget_revenue", "pct_of_plan", 108.0, 2023, "FY")]


def test_an_undated_page_is_dated_by_the_day_its_lead_opens_with():
    # no date line on the page: the meeting's day in the lead dates the six-month report
    text = ("Huyện Tân Yên đánh giá kết quả 6 tháng\n\n"
            "Sáng 12/7/2021, UBND huyện Tân Yên họp đánh giá tình hình kinh tế - xã hội 6 tháng đầu năm. "
            "Tổng giá trị sản xuất ước đạt 3.120 tỷ đồng, bằng 51% kế hoạch.\n")
    assert rows(text, None) == [("total_production_value", "level", 3120.0, 2021, "H1"),
                                ("total_production_value", "pct_of_plan", 51.0, 2021, "H1")]


def test_a_title_ending_in_a_percentage_does_not_make_the_next_line_s_subject_a_share():
    # "... tăng 0,5%" ends the title; the body's subject on the next line is no "0,5% of" anything
    text = ("Giá tiêu dùng tháng 8 tăng 0,5%\n"
            "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng trên địa bàn tỉnh tháng 8 năm 2023 đạt 5.210 tỷ đồng.\n")
    assert rows(text, dt.date(2023, 9, 5)) == [("retail_sales", "level", 5210.0, 2023, "M8")]


def test_the_plan_a_part_of_the_year_is_measured_against_is_the_whole_year_s():
    text = ("Kinh tế thị xã 6 tháng đầu năm 2018\n\n"
            "Sáu tháng đầu năm 2018, thu ngân sách trên địa bàn ước thực hiện 412 tỷ đồng, "
            "đạt 48,5% dự toán tỉnh giao (850 tỷ đồng).\n")
    assert rows(text, dt.date(2018, 6, 25)) == [("budget_revenue", "level", 412.0, 2018, "H1"),
                                                ("budget_revenue", "level", 850.0, 2018, "FY"),
                                                ("budget_revenue", "pct_of_plan", 48.5, 2018, "H1")]


def statuses(text: str, published: dt.date | None) -> list[tuple]:
    document = make_document("article.txt", text, published=published)
    return sorted((r["indicator"], r["measure"], r["value"], r["status"])
                  for r in process_document(document, load_rules()).observation_rows)


def test_the_parts_of_a_planned_whole_are_planned():
    text = ("Huyện Tân Yên đặt mục tiêu năm 2024\n\n"
            "Năm 2024, huyện phấn đấu tổng giá trị sản xuất đạt khoảng 6.420 tỷ đồng. "
            "Trong đó, nông, lâm nghiệp và thủy sản chiếm 41,5%; công nghiệp và xây dựng chiếm 33,1%.\n")
    assert statuses(text, dt.date(2024, 1, 10)) == [
        ("agriculture_output_value", "share", 41.5, "target"),
        ("industry_construction_output_value", "share", 33.1, "target"),
        ("total_production_value", "level", 6420.0, "target")]


def test_a_breakdown_in_the_next_paragraph_takes_its_whole_s_month_not_the_running_total():
    # the last paragraph's "8 tháng" is the report's running total; the breakdown goes on with August
    text = ("Bán lẻ hàng hóa tiếp tục tăng\n"
            "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng trên địa bàn tỉnh tháng 8 năm 2023 đạt 4.120 tỷ đồng.\n\n"
            "Chia theo loại hình kinh tế, khu vực kinh tế ngoài Nhà nước đạt 3.905 tỷ đồng.\n\n"
            "Tính chung 8 tháng năm 2023, tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng đạt 31.400 tỷ đồng.\n")
    assert rows(text, dt.date(2023, 9, 5)) == [("retail_sales", "level", 3905.0, 2023, "M8"),
                                               ("retail_sales", "level", 4120.0, 2023, "M8"),
                                               ("retail_sales", "level", 31400.0, 2023, "YTD-M8")]


def test_a_year_in_a_parenthesis_of_the_lead_does_not_date_the_figures_after_it():
    # the paragraph before names 2023 only in a bracket of comparison; its own date says 2024
    text = ("Thu ngân sách tăng khá\n\n"
            "Cơ cấu kinh tế chuyển dịch đúng hướng (cơ cấu của 6 tháng đầu năm 2023 khác hẳn). "
            "Tổng thu ngân sách từ đầu năm đến ngày 20/6/2024 tăng so với cùng kỳ.\n\n"
            "Trong đó, thu nội địa 640,5 tỷ đồng.\n")
    assert rows(text, dt.date(2024, 7, 1)) == [("budget_revenue", "level", 640.5, 2024, "H1")]


def test_a_target_that_names_no_year_is_of_the_plan_the_article_sets():
    # a December review of 2018 that sets the plan of 2019: the aim in the title is 2019's
    text = ("Huyện Tân Yên phấn đấu nâng thu nhập bình quân đầu người lên 58 triệu đồng/năm\n\n"
            "Ngày 10/12, Huyện ủy Tân Yên tổng kết công tác năm 2018 và triển khai kế hoạch năm 2019.\n")
    assert rows(text, dt.date(2018, 12, 10)) == [("per_capita_income", "level", 58.0, 2019, "FY")]


def test_the_items_under_a_plan_section_s_heading_are_targets_of_its_year():
    # a heading with no colon, a sub-heading inside: every item is a 2025 target, not a result
    text = ("Định hướng phát triển\n\n"
            "PHƯƠNG HƯỚNG, NHIỆM VỤ ĐẾN NĂM 2025\n\n"
            "* Về kinh tế:\n\n"
            "- Tổng thu ngân sách trên địa bàn đạt 48,5 tỷ đồng.\n\n"
            "- Thu nhập bình quân đầu người đạt 82 triệu đồng.\n")
    assert rows(text, None) == [("budget_revenue", "level", 48.5, 2025, "FY"),
                                ("per_capita_income", "level", 82.0, 2025, "FY")]
    assert statuses(text, None) == [("budget_revenue", "level", 48.5, "target"),
                                    ("per_capita_income", "level", 82.0, "target")]


def test_a_heading_of_results_of_a_plan_opens_no_targets():
    text = ("Tổng kết năm\n\n"
            "KẾT QUẢ THỰC HIỆN NHIỆM VỤ NĂM 2024\n\n"
            "- Tổng thu ngân sách trên địa bàn đạt 48,5 tỷ đồng.\n")
    assert rows(text, dt.date(2024, 12, 20)) == [("budget_revenue", "level", 48.5, 2024, "FY")]
    assert statuses(text, dt.date(2024, 12, 20)) == [("budget_revenue", "level", 48.5, "actual")]


def test_a_month_with_its_year_that_opens_the_paragraph_beats_the_plan_month_of_the_title():
    text = ("UBND thành phố họp thường kỳ tháng 1, triển khai nhiệm vụ tháng 2/2024\n\n"
            "Theo báo cáo, tháng 1/2024, sản xuất kinh doanh trên địa bàn khởi sắc. Thu ngân sách ước đạt 212 tỷ đồng.\n")
    assert rows(text, dt.date(2024, 2, 6)) == [("budget_revenue", "level", 212.0, 2024, "M1")]


def test_a_districts_sectors_grow_in_output_and_a_provinces_in_value_added():
    # "kinh tế ... tăng trưởng" names no measure of its own: a district has no GRDP, so the growth
    # of its sectors is of their output; a province's is of value added. "Cơ cấu kinh tế" is value
    # added in both.
    growth = ("Năm 2016, kinh tế {unit} đạt tốc độ tăng trưởng 7,52%. Trong đó, nông - lâm - ngư nghiệp "
              "tăng 6%, công nghiệp - xây dựng tăng 7,2%. Cơ cấu kinh tế: thương mại - dịch vụ chiếm 41,3%.\n")
    district = f"Huyện Krông Năng tổng kết năm 2016\n\n{growth.format(unit='huyện')}"
    province = f"Tỉnh Đắk Lắk tổng kết năm 2016\n\n{growth.format(unit='tỉnh')}"
    assert rows(district, dt.date(2016, 12, 20)) == [
        ("agriculture_output_value", "pct_change", 6.0, 2016, "FY"),
        ("economic_growth_rate", "level", 7.52, 2016, "FY"),
        ("industry_construction_output_value", "pct_change", 7.2, 2016, "FY"),
        ("services_value_added", "share", 41.3, 2016, "FY"),
    ]
    assert rows(province, dt.date(2016, 12, 20)) == [
        ("agriculture_value_added", "pct_change", 6.0, 2016, "FY"),
        ("economic_growth_rate", "level", 7.52, 2016, "FY"),
        ("industry_construction_value_added", "pct_change", 7.2, 2016, "FY"),
        ("services_value_added", "share", 41.3, 2016, "FY"),
    ]


def test_parts_past_a_caption_take_the_status_of_their_estimated_whole():
    # a photo caption between the whole and its parts is no paragraph of the text's own
    text = ("GRDP 6 tháng đầu năm tăng 7,45%\n\n"
            "6 tháng đầu năm 2021, GRDP của tỉnh ước đạt 61.115 tỷ đồng, tăng 7,45% so với cùng kỳ.\n\n"
            "Ảnh minh họa.\n\n"
            "Trong tổng mức tăng chung: khu vực công nghiệp - xây dựng tăng 8,86%, dịch vụ tăng 2,61%.\n")
    assert statuses(text, dt.date(2021, 7, 1)) == [
        ("economic_growth_rate", "level", 7.45, "estimate"), ("grdp", "level", 61115.0, "estimate"),
        ("industry_construction_value_added", "pct_change", 8.86, "estimate"),
        ("services_value_added", "pct_change", 2.61, "estimate")]


def test_a_figure_stated_twice_takes_the_status_its_second_statement_says():
    # the lead's plain "tăng 7,2%" is the body's "ước đạt 7,2%": one fact, an estimate
    text = ("Kinh tế tỉnh 6 tháng đầu năm 2019\n\n"
            "Sáu tháng đầu năm 2019, tổng sản phẩm trên địa bàn tỉnh tăng 7,2% so với cùng kỳ năm trước.\n\n"
            "Theo Cục Thống kê, tốc độ tăng trưởng GRDP 6 tháng đầu năm 2019 ước đạt 7,2%.\n")
    assert statuses(text, dt.date(2019, 7, 29)) == [("economic_growth_rate", "level", 7.2, "estimate")]


def test_an_undated_congress_report_is_of_the_year_its_term_opens():
    # no page date: the congress that opens the term 2025-2030 is held in 2025, the year its review ends
    text = ("Đảng bộ xã Tân Lập tổ chức Đại hội đại biểu lần thứ I, nhiệm kỳ 2025 - 2030\n\n"
            "Nhiệm kỳ qua, kinh tế của xã phát triển khá. Thu nhập bình quân đầu người đạt 52 triệu đồng/người/năm; "
            "tỷ lệ hộ nghèo còn 2,1%.\n")
    assert rows(text, None) == [("per_capita_income", "level", 52.0, 2025, "FY"),
                                ("poverty_rate", "level", 2.1, 2025, "FY")]


def test_an_undated_page_takes_the_year_its_address_names_not_a_goal_s():
    text = ("Kinh tế tỉnh tăng trưởng khá\n\n"
            "Trong 6 tháng đầu năm, giá trị tăng thêm ngành nông, lâm nghiệp và thủy sản đạt 2.410 tỷ đồng.\n")
    dated = make_document("https://example.vn/tinh-6-thang-dau-nam-2018-tang-7-so-voi-cung-ky-4891.html", text)
    goal = make_document("https://example.vn/xa-ve-dich-nong-thon-moi-vao-nam-2027-2431.html", text)
    assert [(r["value"], r["year"], r["period"]) for r in process_document(dated, load_rules()).observation_rows] == [
        (2410.0, 2018, "H1")]
    assert [r["year"] for r in process_document(goal, load_rules()).observation_rows] == [None]


def test_parts_listed_within_a_total_named_by_its_figure_take_its_status():
    # "Trong mức tăng 5,2%" names the estimated total, past a sentence and a paragraph break
    text = ("Kinh tế quý I năm 2021\n\n"
            "GRDP ước thực hiện quý I năm 2021 tăng 5,2% so với cùng kỳ. Đây là mức tăng thấp hơn kế hoạch năm "
            "2021 (tăng 7-8%).\n\n"
            "Trong mức tăng 5,2%, khu vực dịch vụ tăng 6,1%; khu vực công nghiệp - xây dựng tăng 4,4%.\n")
    assert statuses(text, dt.date(2021, 4, 2)) == [
        ("economic_growth_rate", "level", 5.2, "estimate"),
        ("industry_construction_value_added", "pct_change", 4.4, "estimate"),
        ("services_value_added", "pct_change", 6.1, "estimate")]


def test_a_lead_naming_nine_months_of_a_year_s_tasks_reviews_the_nine_months():
    # "năm 2019" after "9 tháng" is the year of the tasks, not a whole year under review
    text = ("Thành phố chỉ đạo thực hiện nhiệm vụ kinh tế - xã hội\n\n"
            "Trong 09 tháng, UBND thành phố đã tập trung chỉ đạo các ngành triển khai thực hiện các nhiệm vụ, "
            "giải pháp về phát triển kinh tế - xã hội năm 2019.\n\n"
            "Kinh tế tiếp tục tăng trưởng khá. Tổng thu ngân sách nhà nước trên địa bàn ước thực hiện 1.536 tỷ đồng.\n")
    assert rows(text, dt.date(2019, 10, 8)) == [("budget_revenue", "level", 1536.0, 2019, "9M")]


def test_the_whole_year_of_a_plan_is_not_the_figures_period():
    # "kế hoạch cả năm" is the plan's year; the six months of the lead hold for the next sentence
    text = ("Huyện Đông Phú: kinh tế 6 tháng đầu năm 2022 giữ đà tăng\n\n"
            "Sáu tháng đầu năm, giá trị xuất khẩu ước đạt 96,2 triệu USD, bằng 47,3% kế hoạch cả năm. "
            "Tổng thu ngân sách nhà nước trên địa bàn ước đạt 312,4 tỷ đồng, tăng 8,6% so với cùng kỳ.\n")
    assert rows(text, dt.date(2022, 7, 4)) == [
        ("budget_revenue", "level", 312.4, 2022, "H1"),
        ("budget_revenue", "pct_change", 8.6, 2022, "H1"),
        ("export_value", "level", 96.2, 2022, "H1"),
        ("export_value", "pct_of_plan", 47.3, 2022, "H1"),
    ]


def test_the_lead_reviews_the_period_named_before_the_tasks_ahead():
    # "sơ kết quý I, triển khai nhiệm vụ quý II": the figures are of the first quarter
    text = ("Phổ Yên: công nghiệp giữ đà tăng trưởng\n\n"
            "Sáng 12-4, UBND thị xã Phổ Yên tổ chức hội nghị sơ kết tình hình kinh tế - xã hội quý I, "
            "triển khai nhiệm vụ trọng tâm quý II năm 2019.\n\n"
            "Giá trị sản xuất công nghiệp ước đạt 2.140 tỷ đồng, tăng 9,8% so với cùng kỳ năm 2018.\n")
    assert rows(text, None) == [
        ("industrial_output_value", "level", 2140.0, 2019, "Q1"),
        ("industrial_output_value", "pct_change", 9.8, 2019, "Q1"),
    ]


def test_the_tasks_ahead_may_open_with_nhiem_vu_trong_tam():
    text = ("Thành phố họp phiên thường kỳ\n\n"
            "Chiều 8/10, UBND thành phố Sóc Trăng họp đánh giá tình hình kinh tế - xã hội 9 tháng năm 2024; "
            "nhiệm vụ trọng tâm quý IV/2024.\n\n"
            "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ ước đạt 8.412 tỷ đồng, tăng 10,2% so với cùng kỳ.\n")
    assert rows(text, None) == [
        ("retail_sales", "level", 8412.0, 2024, "9M"),
        ("retail_sales", "pct_change", 10.2, 2024, "9M"),
    ]


def test_the_year_of_a_plan_is_not_a_period_mark_for_the_next_sentence():
    text = ("Kinh tế thị xã tiếp tục phát triển\n\n"
            "6 tháng đầu năm 2022, tình hình kinh tế của thị xã Ayun Pa tiếp tục ổn định.\n\n"
            "Giá trị sản xuất công nghiệp là 812 tỷ đồng, bằng 48,2% kế hoạch năm 2022. "
            "Thu ngân sách trên địa bàn ước đạt 64,3 tỷ đồng, tăng 9,1% so với cùng kỳ.\n")
    assert rows(text, dt.date(2022, 7, 20)) == [
        ("budget_revenue", "level", 64.3, 2022, "H1"),
        ("budget_revenue", "pct_change", 9.1, 2022, "H1"),
        ("industrial_output_value", "level", 812.0, 2022, "H1"),
        ("industrial_output_value", "pct_of_plan", 48.2, 2022, "H1"),
    ]


def test_the_numbered_items_after_a_planned_item_are_planned():
    text = ("Kỳ họp thứ 7 HĐND tỉnh\n\n"
            "Các chỉ tiêu chủ yếu năm 2019: 1. Kim ngạch xuất khẩu 640 triệu USD, tăng 5,2% so với ước "
            "thực hiện năm 2018. 2. Tổng thu ngân sách nhà nước trên địa bàn 3.450 tỷ đồng.\n")
    assert status_rows(text, dt.date(2018, 12, 10)) == [
        ("budget_revenue", "level", 3450.0, "target"),
        ("export_value", "level", 640.0, "target"),
        ("export_value", "pct_change", 5.2, "target"),
    ]


def test_a_results_item_after_a_bracketed_plan_is_a_result():
    text = ("Kết quả năm 2018\n\n"
            "Kết quả năm 2018: 1. Tốc độ tăng trưởng kinh tế 7,4% (kế hoạch 7,8%). "
            "2. Tổng thu ngân sách nhà nước trên địa bàn 3.120 tỷ đồng.\n")
    assert status_rows(text, dt.date(2019, 1, 8)) == [
        ("budget_revenue", "level", 3120.0, "actual"),
        ("economic_growth_rate", "level", 7.4, "actual"),
        ("economic_growth_rate", "level", 7.8, "target"),
    ]


def test_the_year_of_an_estimate_compared_with_is_no_year_for_the_next_sentence():
    # "so với ước thực hiện của năm 2021" names the basis; the plan's year is 2022
    text = ("Ngành công thương đặt mục tiêu tăng trưởng cao\n\n"
            "Năm 2022, ngành phấn đấu giá trị sản xuất công nghiệp đạt 21.000 tỷ đồng, tăng 14% so với ước "
            "thực hiện của năm 2021. Phấn đấu kim ngạch xuất khẩu đạt 1.350 triệu USD.\n")
    assert rows(text, None) == [
        ("export_value", "level", 1350.0, 2022, "FY"),
        ("industrial_output_value", "level", 21000.0, 2022, "FY"),
        ("industrial_output_value", "pct_change", 14.0, 2022, "FY"),
    ]


def test_a_crop_season_compared_with_is_no_reviewed_year():
    # "so với vụ xuân năm 2020" is a basis, like "so với cùng kỳ năm 2020": the report is on 2021
    text = ("Kinh tế huyện giữ đà tăng trưởng\n\n"
            "Tổng giá trị sản xuất ước đạt 4.210 tỷ đồng. Giá trị sản xuất nông nghiệp tăng 3,1% so với cùng "
            "kỳ năm 2020. Năng suất lúa đạt 62 tạ/ha, tăng 0,3 tạ/ha so với vụ xuân năm 2020.\n")
    assert rows(text, None) == [
        ("agriculture_output_value", "pct_change", 3.1, 2021, "FY"),
        ("total_production_value", "level", 4210.0, 2021, "FY"),
    ]


def test_a_period_said_of_the_figure_before_it_is_not_the_paragraphs():
    # "7,0% của cả năm" is the year's target; the next sentences go on with the lead's six months
    text = ("Kinh tế - xã hội 6 tháng đầu năm 2020\n\n"
            "GRDP 6 tháng đầu năm ước tăng 1,2%, thấp hơn nhiều so với mục tiêu tăng trưởng 7,0% của cả năm. "
            "Khu vực dịch vụ ước đạt 2.703 tỷ đồng.\n")
    assert rows(text, dt.date(2020, 7, 2)) == [
        ("economic_growth_rate", "level", 1.2, 2020, "H1"),
        ("economic_growth_rate", "level", 7.0, 2020, "FY"),
        ("services_value_added", "level", 2703.0, 2020, "H1"),
    ]


def test_a_councils_term_in_the_title_is_no_figures_period():
    text = ("HĐND thị xã Điện Bàn khóa XII (nhiệm kỳ 2021 - 2026) tổ chức kỳ họp thứ tư\n\n"
            "Kỳ họp đánh giá tình hình kinh tế - xã hội 6 tháng đầu năm 2022.\n\n"
            "Giá trị sản xuất công nghiệp đạt 6.120 tỷ đồng, tăng 14,2% so với cùng kỳ năm 2021.\n")
    assert rows(text, None) == [
        ("industrial_output_value", "level", 6120.0, 2022, "H1"),
        ("industrial_output_value", "pct_change", 14.2, 2022, "H1"),
    ]


def test_a_deadline_in_the_title_is_no_year_of_the_reviewed_figures():
    text = ("Xã Tân Hòa phấn đấu trở thành xã nông thôn mới nâng cao trước năm 2025\n\n"
            "Sáng 4/5, Đảng bộ xã Tân Hòa tổ chức Đại hội đại biểu lần thứ XX, nhiệm kỳ 2020-2025.\n\n"
            "Nhiệm kỳ qua, Đảng bộ xã đã lãnh đạo thực hiện đạt nhiều kết quả. Thu nhập bình quân đầu người "
            "đạt 48 triệu đồng. Tỷ lệ hộ nghèo còn 2,1%.\n")
    assert rows(text, dt.date(2020, 5, 4)) == [("per_capita_income", "level", 48.0, 2020, "FY"),
                                               ("poverty_rate", "level", 2.1, 2020, "FY")]


def test_a_rate_that_grows_each_year_is_the_span_s_average_named_before_it():
    text = ("Đại hội Đảng bộ xã Tân Hòa nhiệm kỳ 2020-2025\n\n"
            "Trong nhiệm kỳ 2015-2020, Đảng bộ xã đạt nhiều kết quả. Tốc độ tăng trưởng kinh tế hằng năm "
            "tăng 12,5%; thu ngân sách luôn vượt dự toán.\n")
    assert rows(text, dt.date(2020, 5, 20)) == [("economic_growth_rate", "level", 12.5, 2020, "2015-2020")]
