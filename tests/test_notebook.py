"""The analyst notebook (notebooks/compare_2020_2021.ipynb) runs top to bottom on a fresh build.

It is executed headless with nbclient in a `python3` kernel (cwd = the notebook's folder,
INDICATORS_OUTPUT = a fresh build of data/samples); its comparison table is also exported as CSV
to INDICATORS_EXPORT_DIR so the assertions read what the notebook itself computed.
Needs the notebook tools (matplotlib, nbclient, nbformat, ipykernel): in CI (env CI set) their
absence is a failure, locally a skip.
"""
from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline.build import build_dataset

REPO = Path(__file__).resolve().parent.parent
NOTEBOOK = REPO / "notebooks" / "compare_2020_2021.ipynb"
SAMPLES = REPO / "data" / "samples"
CORE = ["industrial_output_value", "budget_revenue", "per_capita_income", "poverty_rate", "near_poverty_rate"]
TABLES = ["observations", "series", "documents", "rejected"]


def require_notebook_tools() -> None:
    """Fail (in CI) or skip (locally) when the notebook cannot be run, with what to install."""
    missing = [name for name in ("nbformat", "nbclient", "ipykernel", "matplotlib", "jupyter_client")
               if importlib.util.find_spec(name) is None]
    problem = f"missing packages: {', '.join(missing)}" if missing else None
    if not problem:
        from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
        try:
            KernelSpecManager().get_kernel_spec("python3")
        except NoSuchKernel:
            problem = "no `python3` Jupyter kernel"
    if problem:
        message = (f"cannot run the notebook ({problem}); install the notebook tools into this venv: "
                   "pip install matplotlib nbclient nbformat ipykernel (the project's notebook/test extra)")
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def run_notebook(output: Path, export: Path):
    """Execute the notebook against `output`; returns the executed notebook (raises on a cell error)."""
    require_notebook_tools()
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(NOTEBOOK, as_version=4)
    env = {**os.environ, "INDICATORS_OUTPUT": str(output), "INDICATORS_EXPORT_DIR": str(export)}
    client = NotebookClient(notebook, kernel_name="python3", timeout=300,
                            resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute(env=env)
    return notebook


def cell(notebook, tag: str):
    tagged = [c for c in notebook.cells if tag in c.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1, f"expected one cell tagged {tag!r}"
    return tagged[0]


def texts(code_cell) -> str:
    """Everything a cell printed or displayed as text (stdout, text/plain, text/markdown, text/html)."""
    parts = []
    for output in code_cell.outputs:
        if output.output_type == "stream":
            parts.append(output.text)
        for mime in ("text/plain", "text/markdown", "text/html"):
            parts.append(output.get("data", {}).get(mime, ""))
    return "\n".join(parts)


def images(notebook) -> list[str]:
    return [o["data"]["image/png"] for c in notebook.cells if c.cell_type == "code"
            for o in c.outputs if "image/png" in o.get("data", {})]


def read_comparison(export: Path):
    import pandas as pd

    return pd.read_csv(export / "comparison_2020_2021.csv", dtype={"area_code": str, "qualifier": str},
                       keep_default_na=True)


# --- the sample corpus --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def sample_output(tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("notebook_build") / "output"
    build_dataset([SAMPLES], output)
    return output


@pytest.fixture(scope="module")
def executed(sample_output, tmp_path_factory):
    export = tmp_path_factory.mktemp("notebook_export")
    return run_notebook(sample_output, export), export


def test_the_notebook_runs_without_errors(executed):
    notebook, _ = executed
    errors = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert errors == []
    assert all(c.execution_count for c in notebook.cells if c.cell_type == "code")
    stderr = "".join(o.text for c in notebook.cells if c.cell_type == "code"
                     for o in c.outputs if o.output_type == "stream" and o.name == "stderr")
    assert "Glyph" not in stderr, stderr  # Vietnamese place names render in the charts


def test_load_cell_shows_counts_and_the_validation_summary(executed, sample_output):
    notebook, _ = executed
    manifest = json.loads((sample_output / "manifest.json").read_text())
    loaded = texts(cell(notebook, "load"))
    assert "rows in manifest" in loaded
    n = manifest["counts"]["observations"]
    assert re.search(rf"observations\s+{n}\s+{n}\b", loaded), loaded
    summary = texts(cell(notebook, "validation"))
    for suite in manifest["validation"]:
        assert suite in summary


def test_comparison_has_tu_son_industrial_output_stated_2021_and_implied_2020(executed):
    notebook, export = executed
    comparison = read_comparison(export)
    tu_son = comparison[(comparison["area_code"] == "261") & (comparison["indicator"] == "industrial_output_value")
                        & comparison["qualifier"].isna()]
    assert len(tu_son) == 1  # thị xã (2020) and thành phố (2021) Từ Sơn are one row, by code
    row = tu_son.iloc[0]
    assert row["area"] == "Từ Sơn" and row["unit_std"] == "billion_VND"
    assert row["value_2021"] == pytest.approx(125952.5)
    assert row["value_2020"] == pytest.approx(113881.1, abs=0.05)
    assert (row["kind_2020"], row["kind_2021"]) == ("implied", "stated")
    assert row["pct_change"] == pytest.approx(10.6, abs=0.01)
    shown = texts(cell(notebook, "comparison"))
    assert "125952.5" in shown and "113881.1" in shown and "implied" in shown


def test_every_core_indicator_has_a_chart(executed):
    notebook, _ = executed
    charts = cell(notebook, "charts")
    pngs = [o for o in charts.outputs if "image/png" in o.get("data", {})]
    assert len(pngs) == len(CORE) == 5
    assert len(images(notebook)) == 5  # no stray figures elsewhere
    assert "5 of 5 core indicators charted" in texts(charts)


def test_rejected_section_matches_the_build(executed, sample_output):
    notebook, _ = executed
    n_rejected = pq.read_table(sample_output / "rejected").num_rows
    shown = texts(cell(notebook, "rejected"))
    if n_rejected == 0:
        assert "No rejected rows" in shown
    else:
        assert f"{n_rejected} rejected rows" in shown


# --- edge cases: rejected rows; every table empty ----------------------------------------------

def test_rejected_rows_are_listed_with_their_expectation(tmp_path):
    require_notebook_tools()
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "bad.txt").write_text(
        "UBND huyện Văn Lâm tổng kết năm 2021\n"
        "Năm 2021, thu ngân sách trên địa bàn đạt 1.550 tỷ đồng, đạt 1.500% dự toán. Tỷ lệ hộ nghèo còn 150%.\n",
        encoding="utf-8")
    output = tmp_path / "output"
    build_dataset([corpus], output)
    assert pq.read_table(output / "rejected").num_rows > 0
    notebook = run_notebook(output, tmp_path / "export")
    shown = texts(cell(notebook, "rejected"))
    assert "rejected rows" in shown and "No rejected rows" not in shown
    assert "rate within 0..100" in shown
    assert "pct_of_plan/pct_of_prior within 0..1000" in shown


def test_empty_tables_give_sentences_not_errors(sample_output, tmp_path):
    require_notebook_tools()
    output = tmp_path / "output"
    shutil.copytree(sample_output, output)
    for name in TABLES:  # same schema, no rows
        empty = pq.read_table(sample_output / name).slice(0, 0)
        shutil.rmtree(output / name)
        (output / name).mkdir()
        pq.write_table(empty, output / name / "part-0.parquet")
    notebook = run_notebook(output, tmp_path / "export")
    assert images(notebook) == []
    assert "nothing to compare" in texts(cell(notebook, "comparison"))
    assert "0 of 5 core indicators charted" in texts(cell(notebook, "charts"))
    assert "No rejected rows" in texts(cell(notebook, "rejected"))
    assert read_comparison(tmp_path / "export").empty


# --- the committed file -------------------------------------------------------------------------

def test_committed_notebook_has_cleared_outputs():
    notebook = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    assert notebook["metadata"]["kernelspec"]["name"] == "python3"
    code_cells = [c for c in notebook["cells"] if c["cell_type"] == "code"]
    assert code_cells
    for code_cell in code_cells:
        assert code_cell["execution_count"] is None, code_cell["source"][:80]
        assert code_cell["outputs"] == [], code_cell["source"][:80]
