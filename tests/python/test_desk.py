"""The public Workbench (claimledger.desk): what cl.open gives has every method of the
ledger operations and of the notebook and interop layers, and so has a view of the past."""

from __future__ import annotations

import claimledger as cl
from claimledger.interop import InteropMethods
from claimledger.notebook import NotebookMethods
from claimledger.workbench import LedgerWorkbench

#: What README.md and the design name, beside the ledger operations.
NAMED = [
    "claims_frame",
    "evidence_frame",
    "events_frame",
    "sources_frame",
    "history_frame",
    "from_frame",
    "plot_verdicts",
    "plot_track_record",
    "plot_timeline",
    "report",
    "claim_card",
    "source_card",
    "history_view",
    "export_claimreview",
    "export_claimreviews",
    "import_claimreview",
    "export_bundle",
    "import_bundle",
    "merge",
]


def test_open_gives_the_public_workbench_with_every_method(wb):
    assert type(wb) is cl.Workbench
    assert isinstance(wb, (LedgerWorkbench, NotebookMethods, InteropMethods))
    assert all(callable(getattr(wb, name)) for name in NAMED)


def test_a_view_of_the_past_is_the_public_workbench_too(desk):
    view = desk.wb.as_of(2)
    assert type(view) is cl.Workbench
    assert view.as_of_seq == 2
    assert len(view.sources_frame()) == 1  # a notebook method on the view
