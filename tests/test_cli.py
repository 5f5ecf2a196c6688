from click.testing import CliRunner

from pipeline.cli import main


def test_extract_prints_rows_with_their_rule(seeds_dir):
    result = CliRunner().invoke(main, ["extract", str(seeds_dir / "001_babe91905b15a2ec.txt")])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("# 001_babe91905b15a2ec.txt: ok  area=Từ Sơn (thị xã, Bắc Ninh, code 261)")
    assert len(lines) == 7
    assert "poverty_rate                 level         0.92 percent          2020 FY    actual" in result.output
    assert "rule=poverty_rate.ty_le_ho_ngheo:level" in result.output


def test_extract_explain_shows_reasons_and_skipped_numbers(seeds_dir):
    result = CliRunner().invoke(main, ["extract", "--explain", str(seeds_dir / "000_31fdb8ba51b1d058.txt")])
    assert result.exit_code == 0, result.output
    assert "why [10,6%] -> industrial_output_value pct_change" in result.output
    assert "basis: prior_year 2020" in result.output
    assert "sentence: Giá trị sản xuất Công nghiệp – TTCN ước đạt 125.952,5 tỷ đồng" in result.output


EXPLAINED = {"url": "https://camlo.quangtri.gov.vn/tin-tuc/so-ket-6-thang.html", "published": "2022-07-05",
             "title": "UBND huyện Cam Lộ sơ kết 6 tháng đầu năm 2022",
             "text": "Chiều 4/7, UBND huyện Cam Lộ tổ chức hội nghị sơ kết.\n"
                     "Tổng giá trị sản xuất ước đạt 1.250 tỷ đồng, tăng 7,4% so với cùng kỳ.\n"
                     "Thu ngân sách trên địa bàn đạt 96 tỷ đồng.\n"
                     "Tỷ lệ hộ nghèo còn 2,1% (cùng kỳ năm 2021 là 3,4%)."}


def test_extract_explain_names_the_words_that_chose_year_period_status_and_place(tmp_path):
    import json

    article = tmp_path / "crawl.jsonl"
    article.write_text(json.dumps(EXPLAINED, ensure_ascii=False) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", "--explain", str(article)])
    assert result.exit_code == 0, result.output
    assert "  the article's place: Cam Lộ (the title names 'huyện Cam Lộ')" in result.output.splitlines()
    why = {line.split("] ->")[0].removeprefix("  why ["): line for line in result.output.splitlines()
           if line.startswith("  why [")}
    assert sorted(why) == ["1.250 tỷ đồng", "2,1%", "3,4%", "7,4%", "96 tỷ đồng"]
    assert ("year: 2022 from the title 'năm 2022'; period: H1 from the title '6 tháng đầu năm'; "
            "status: estimate ('ước đạt')") in why["1.250 tỷ đồng"]
    assert "status: actual ('đạt')" in why["96 tỷ đồng"]
    assert "status: actual ('còn')" in why["2,1%"]
    assert ("year: 2021 from the same period of the year written before it 'cùng kỳ năm 2021 là'; "
            "period: H1 from the title '6 tháng đầu năm'; status: actual ('còn')") in why["3,4%"]
    assert "area: Cam Lộ (the article's place)" in why["96 tỷ đồng"]


def test_evaluate_prints_the_headline_last(tmp_path, dev_corpus):
    result = CliRunner().invoke(main, ["evaluate", str(dev_corpus / "gold.jsonl"), str(dev_corpus / "texts" / "dev_001.txt"),
                                       "--indicator", "poverty_rate"])
    assert result.exit_code == 0, result.output
    last = result.output.splitlines()[-2:]
    assert last[0].startswith("overall precision ")
    assert last[1].startswith("agreement status ")


def test_evaluate_rejects_unknown_indicator(dev_corpus):
    result = CliRunner().invoke(main, ["evaluate", str(dev_corpus / "gold.jsonl"), str(dev_corpus / "texts"),
                                       "--indicator", "gdp_of_mars"])
    assert result.exit_code == 2
    assert "unknown indicator codes: gdp_of_mars" in result.output


PLACED = ("UBND huyện Cam Lộ tổng kết năm 2022\n"
          "Năm 2022, thu ngân sách trên địa bàn huyện Cam Lộ đạt 412 tỷ đồng, tăng 8% so với năm 2021.\n")
UNPLACED = ("Tổng kết công tác năm 2022\n"
            "Năm 2022, thu ngân sách đạt 96 tỷ đồng; tỷ lệ hộ nghèo còn 3,1%.\n")


def test_a_build_publishes_no_row_without_a_place_and_compare_answers_for_every_area(tmp_path):
    import pandas as pd

    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "placed.txt").write_text(PLACED, encoding="utf-8")
    (corpus / "unplaced.txt").write_text(UNPLACED, encoding="utf-8")
    output = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(corpus), "-o", str(output), "--no-cache"])
    assert result.exit_code == 0, result.output
    observations = pd.read_parquet(output / "observations")
    assert observations[["source", "area", "year", "value"]].values.tolist() == [
        ["placed.txt", "Cam Lộ", 2022, 412.0], ["placed.txt", "Cam Lộ", 2022, 8.0]]
    rejected = pd.read_parquet(output / "rejected")
    assert rejected[["source", "value", "expectation"]].values.tolist() == [
        ["unplaced.txt", 96.0, "area told by the article"], ["unplaced.txt", 3.1, "area told by the article"]]
    series = pd.read_parquet(output / "series")
    assert series["area"].notna().all() and series["year"].notna().all()
    for area in series["area"].astype(str).unique():
        answer = CliRunner().invoke(main, ["compare", str(output), "--area", area, "--years", "2021", "2022"])
        assert answer.exit_code in (0, 6), answer.output


def test_evaluate_scores_labelled_real_pages_by_url_and_leaves_out_missing_texts(tmp_path):
    import json

    lines = [{"id": f"real_{n}", "url": f"https://example.vn/{n}", "published": "2023-01-05", "area": "Cam Lộ",
              "area_type": "huyện", "province": "Quảng Trị", "kind": "economic", "split": split,
              "observations": []} for n, split in ((1, "study"), (2, "holdout"), (3, "study"))]
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines), encoding="utf-8")
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "real_1.txt").write_text("UBND huyện Cam Lộ tổng kết công tác năm 2022\n", encoding="utf-8")
    (texts / "real_2.txt").write_text("UBND huyện Cam Lộ họp thường kỳ\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["evaluate", str(gold), str(texts), "--misses"])
    assert result.exit_code == 0, result.output
    assert "# 1 of 3 labelled articles have no text in INPUT (first: real_3)" in result.output
    parts = [line for line in result.output.splitlines() if line.startswith("== ")]
    assert parts == ["== study: 1 articles, 0 facts", "== holdout: 1 articles, 0 facts"]
    assert result.output.count("articles whose own place is right: 1.000 (1/1)") == 2
    assert result.output.splitlines().count("never found:") == 1  # errors listed for the study part only


def test_evaluate_scores_the_rows_a_build_publishes_and_counts_the_withheld_apart(tmp_path):
    import json

    budget = {"indicator": "budget_revenue", "measure": "level", "value": 96.0, "value_high": None,
              "raw": "96 tỷ đồng", "unit": "billion_VND", "year": 2022, "period": "FY", "status": "actual",
              "basis": None, "basis_year": None, "approx": None, "qualifier": None}
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "real_1", "url": "https://example.vn/1", "published": "2023-01-05",
                                "area": "Cam Lộ", "area_type": "huyện", "province": "Quảng Trị",
                                "kind": "economic", "split": "study", "observations": [budget]},
                               ensure_ascii=False), encoding="utf-8")
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "real_1.txt").write_text(UNPLACED, encoding="utf-8")  # no place: its rows are withheld

    published = CliRunner().invoke(main, ["evaluate", str(gold), str(texts)])
    every_row = CliRunner().invoke(main, ["evaluate", str(gold), str(texts), "--all-rows"])

    assert published.exit_code == 0 and every_row.exit_code == 0, published.output + every_row.output
    assert ("rows a build withholds for want of a year or a place: 2 (1 of them match a fact; not scored)"
            in published.output)
    assert "overall precision 0.000  recall 0.000  f1 0.000  (tp 0, fp 0, fn 1)" in published.output
    assert "(1 of them match a fact; scored)" in every_row.output
    assert "overall precision 0.500  recall 1.000  f1 0.667  (tp 1, fp 1, fn 0)" in every_row.output
