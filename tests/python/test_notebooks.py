"""The notebooks in notebooks/ run top to bottom on a fresh kernel without errors, show
their cards, timelines and figures (each figure once), write nothing into the
repository, and are kept without outputs."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpecManager
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
NAMES = [
    "01_fact_check_an_article.ipynb",
    "02_audit_a_claim_history.ipynb",
    "03_research_pipeline.ipynb",
]


def outputs_of(nb, kind: str) -> list:
    """The data of every output of MIME type `kind`, cell by cell: [(cell index, data)]."""
    found = []
    for i, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if kind in data:
                found.append((i, data[kind]))
    return found


@pytest.fixture(scope="module")
def executed(tmp_path_factory) -> dict:
    """Each notebook after running on a fresh python3 kernel in a folder of its own outside
    the repository, as for a user who downloaded it (the notebooks write only into
    temporary folders)."""
    elsewhere = tmp_path_factory.mktemp("downloaded")
    spec = KernelSpecManager().get_kernel_spec("python3")
    # jupyter_client starts a spec's bare "python" with this interpreter (sys.executable)
    ours = {"python", f"python{sys.version_info[0]}", sys.executable}
    assert spec.argv[0] in ours, (
        f"the python3 kernel runs {spec.argv[0]}, not this interpreter; install ipykernel "
        "here (pip install 'claimledger[notebook]') and remove other python3 kernel specs"
    )
    before = sorted(p.name for p in NOTEBOOKS.iterdir()) + sorted(
        p.name for p in NOTEBOOKS.parent.iterdir()
    )
    results = {}
    for name in NAMES:
        nb = nbformat.read(NOTEBOOKS / name, as_version=4)
        start = time.monotonic()
        NotebookClient(
            nb,
            kernel_name="python3",
            timeout=120,
            resources={"metadata": {"path": str(elsewhere)}},
        ).execute()
        results[name] = (nb, time.monotonic() - start)
    results["files after"] = sorted(p.name for p in NOTEBOOKS.iterdir()) + sorted(
        p.name for p in NOTEBOOKS.parent.iterdir()
    )
    results["files before"] = before
    return results


@pytest.mark.parametrize("name", NAMES)
def test_notebook_needs_nothing_from_the_repository(name):
    """Data comes with the package (importlib.resources), never from a path of the
    repository, so a notebook runs wherever claimledger is installed."""
    code = "\n".join(
        cell.source for cell in nbformat.read(NOTEBOOKS / name, 4).cells if cell.cell_type == "code"
    )
    for repository_path in ("tests/", '"tests"', '"..', "../", "notebooks/", "__file__"):
        assert repository_path not in code, f"{name} reads {repository_path!r}"


def test_the_packaged_liar_sample_is_the_tests_sample(repo):
    import claimledger

    packaged = Path(claimledger.__file__).parent / "data" / "liar_sample.tsv"
    assert packaged.read_bytes() == (repo / "tests" / "data" / "liar_sample.tsv").read_bytes()


@pytest.mark.parametrize("name", NAMES)
def test_notebook_runs_without_errors(executed, name):
    nb, _ = executed[name]
    errors = [
        output
        for cell in nb.cells
        for output in cell.get("outputs", [])
        if output.get("output_type") == "error"
    ]
    assert errors == []  # nbclient raises on an error; this checks nothing was swallowed
    code_cells = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.execution_count for c in code_cells)


def test_notebooks_run_quickly(executed):
    total = sum(executed[name][1] for name in NAMES)
    assert total < 60, f"the notebooks took {total:.0f} s"


def test_notebooks_write_nothing_into_the_repository(executed):
    assert executed["files after"] == executed["files before"]


def test_fact_check_notebook_shows_cards_a_figure_and_claimreview(executed):
    nb, _ = executed["01_fact_check_an_article.ipynb"]
    html = "".join(data for _, data in outputs_of(nb, "text/html"))
    assert 'class="claimledger cl-claim"' in html
    assert "The North Korean famine of the 1990s killed hundreds of thousands" in html
    assert 'data-stance="refutes"' in html or 'data-stance="supports"' in html
    assert 'class="claimledger cl-source"' in html
    assert 'data-ok="true"' in html
    images = outputs_of(nb, "image/png")
    assert len(images) == 1  # plot_verdicts, shown once
    text = "".join("".join(o.get("text", "")) for c in nb.cells for o in c.get("outputs", []))
    assert '"@type": "ClaimReview"' in text
    assert "[claimledger.anchor.not_found]" in text
    # The figures set beside the evidence's before rating.
    assert "equal beside 'Approximately 28,500 U.S. service members' (supports)" in text


def test_audit_notebook_catches_every_tampering(executed):
    nb, _ = executed["02_audit_a_claim_history.ipynb"]
    html = "".join(data for _, data in outputs_of(nb, "text/html"))
    assert 'class="claimledger cl-history"' in html
    assert "verdict changed" in html
    assert html.count('data-ok="true"') >= 1  # the live desk, against the checkpoint
    assert html.count('data-ok="false"') >= 3  # tampered, forged, edited table
    assert "hash-mismatch" in html
    assert "checkpoint-mismatch" in html
    assert "projection-mismatch" in html
    text = "".join("".join(o.get("text", "")) for c in nb.cells for o in c.get("outputs", []))
    assert "verify alone:         <VerifyReport ok" in text  # the forgery fools verify alone
    assert "after rebuild: <VerifyReport ok" in text
    assert len(outputs_of(nb, "image/png")) == 1  # the timeline


def test_research_notebook_loads_queries_and_plots(executed):
    nb, _ = executed["03_research_pipeline.ipynb"]
    text = "".join("".join(o.get("text", "")) for c in nb.cells for o in c.get("outputs", []))
    assert "20 claims added" in text  # the LIAR sample
    assert "0 claims added" in text  # loaded again: nothing new
    assert "4,860 claims added" in text
    assert "claims[2]" in text  # the bad row, named
    assert len(outputs_of(nb, "image/png")) == 3  # verdicts and two track records


@pytest.mark.parametrize("name", NAMES)
def test_notebook_is_kept_without_outputs(name):
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    nbformat.validate(nb)
    assert nb.cells[0].cell_type == "markdown"
    assert nb.cells[0].source.startswith("# ")
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == []
            assert cell.execution_count is None
    assert nb.metadata["kernelspec"]["name"] == "python3"
    assert "../shared" not in "".join(c.source for c in nb.cells)  # nothing outside a clone
