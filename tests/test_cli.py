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
