"""Loaders for public fact-check datasets: LIAR (PolitiFact statements, TSV) and FEVER
(claims about Wikipedia pages, a JSON array or JSON Lines).

    import claimledger as cl
    from claimledger.interop.datasets import load_liar

    with cl.open("liar.ledger", scale="politifact") as wb:
        report = load_liar(wb, "train.tsv")
    print(report.added_claims, report.skipped)

Each loader streams the file: it reads, checks and writes ``batch_size`` rows at a time
through :meth:`Workbench.add_sources` and :meth:`Workbench.add_claims` (one transaction
and one call into C++ per batch), so memory does not grow with a large file. Every claim
and speaker gets a ``ref`` ("liar:2635.json", "liar:speaker:dwayne-bohac"), so loading the
same file again adds nothing. A load makes two passes: first it checks every row and hashes
the file (the hash goes into each claim's provenance), then it writes; a file of up to 8 MB
is read once, its rows kept from the first pass, a larger one is read again. With
``errors="raise"`` (the default) a malformed row stops the load after the first pass,
before anything is written; with ``errors="skip"`` the good rows are loaded and the bad
ones come back in :attr:`LoadReport.skipped` with their line numbers.

``batch_size`` trades memory for speed: each commit rewrites the index pages its batch
touched, so fewer, larger batches load large files faster. Measured on 308,070 LIAR-format
rows (bench/README.md): 71 s at the default 5,000 (peak RSS 136 MB), 57 s at 20,000
(253 MB), 55 s at 50,000 (489 MB).

The modules: ``loading`` (the two passes, the batches, the report), ``liar`` and
``fever`` (each format's rows).
"""

from __future__ import annotations

from .fever import FEVER_LABELS, FEVER_SCALE, load_fever, page_name, page_url
from .liar import LIAR_LABELS, LIAR_SCALE, load_liar, speaker_name
from .loading import LoadReport

__all__ = [
    "LoadReport",
    "load_liar",
    "load_fever",
    "LIAR_LABELS",
    "FEVER_LABELS",
    "SCALES",
    "speaker_name",
    "page_name",
    "page_url",
]

#: The rating scale a ledger needs for each format.
SCALES = {"liar": LIAR_SCALE, "fever": FEVER_SCALE}
