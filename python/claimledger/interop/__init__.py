"""The interop layer: a desk's claims and verdicts to and from other people's formats.

- :mod:`.claimreview`: schema.org ClaimReview JSON-LD, out of a desk and into one;
- :mod:`.datasets`: the public fact-check datasets LIAR and FEVER, loaded in batches;
- :mod:`.methods`: :class:`InteropMethods`, the ``wb.export_claimreview()``,
  ``wb.export_claimreviews()`` and ``wb.import_claimreview()`` of the public
  ``claimledger.Workbench``.

Bundles (the whole ledger as JSON Lines) and merging are the core's and the workbench's.
This layer sits above the workbench and uses only its public methods.
"""

from __future__ import annotations

from .methods import InteropMethods

__all__ = ["InteropMethods"]
