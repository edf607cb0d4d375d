"""examples/inkoop2022.ipynb runs from top to bottom, so it can never go stale."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from helpers import REPOSITORY
from nbclient import NotebookClient

NOTEBOOK = REPOSITORY / "examples" / "inkoop2022.ipynb"


def test_the_example_notebook_runs_and_shows_what_it_promises(tmp_path: Path) -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    assert all(not cell.get("outputs") for cell in nb.cells if cell.cell_type == "code"), (
        "commit the notebook without outputs"
    )
    client = NotebookClient(nb, timeout=120, kernel_name="python3",
                            resources={"metadata": {"path": str(tmp_path)}})
    client.execute()
    text = "\n".join(
        str(out.get("text", "")) + str(out.get("data", {}).get("text/plain", ""))
        + str(out.get("data", {}).get("text/html", ""))
        for cell in nb.cells if cell.cell_type == "code" for out in cell.outputs
    )
    assert "phase: gunning" in text
    assert "gunning.standstill" in text
    assert "'gunning': 164" in text
    assert "final award from: 2022-04-12 instead of 2022-04-05" in text
    assert "Alcatel standstill" in text  # the standstill's rich display
    images = [out for cell in nb.cells if cell.cell_type == "code" for out in cell.outputs
              if "image/png" in out.get("data", {})]
    assert len(images) == 1  # the timeline


@pytest.fixture(autouse=True)
def _no_user_matplotlib_config(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # The kernel inherits the environment: keep matplotlib's cache out of the home folder.
    monkeypatch.setenv("MPLCONFIGDIR", str(tmp_path / "mpl"))
