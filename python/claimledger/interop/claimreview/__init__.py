"""schema.org ClaimReview: reviews read in from what fact-checkers publish, and a claim's
current verdict written out as JSON-LD.

    import claimledger as cl
    with cl.open("desk.ledger") as wb:
        result = wb.import_claimreview(Path("feed.json"), rating_map={"Zombie claim": "false"})
        reviews = wb.export_claimreviews(status="published-elsewhere")

Import reads every shape fact-checkers publish (:mod:`.documents`): one review, a list, a
``@graph``, ``@id`` references, ``@type`` lists, older ``CreativeWork`` items, a ``DataFeed``
of ``DataFeedItem``s (the Fact Check Markup Tool and Data Commons feeds), JSON Lines, and a
web page's application/ld+json blocks; a large file is streamed. Each textual rating is
decided by its words (:mod:`.ratings`: the desk's scale, a ``rating_map``, then
claimledger's table of common ratings in eight languages, :mod:`.rating_words`); a number is
read only when no word is given, or with ``numeric_fallback=True``. Every review is checked
before anything is written: a bad one refuses the whole document with one error naming every
problem (every unknown word with its count and the ``rating_map`` entry that fixes it), or,
with ``errors="skip"``, is left out and listed. The document is stored as a snapshot, the
provenance of every claim, and the claims are marked ``published-elsewhere``.

Export (:mod:`.exporting`) writes valid schema.org (:mod:`.values`): the desk's own verdicts
as the desk's reviews, and an imported claim whose verdict is still the imported one as its
publisher's review, read back from the stored document.

The modules: ``jsonld`` (values, paths, people and organisations), ``documents``,
``rating_words``, ``ratings``, ``importing``, ``values`` and ``exporting``.
"""

from __future__ import annotations

from .exporting import (
    CONTEXT,
    DEFAULT_ORGANISATION,
    export_claimreview,
    export_claimreviews,
    iter_json_lines,
    nothing_to_export,
)
from .importing import STREAM_BYTES, ImportResult, import_claimreview
from .rating_words import MEANINGS, WORDS

__all__ = [
    "CONTEXT",
    "DEFAULT_ORGANISATION",
    "MEANINGS",
    "STREAM_BYTES",
    "WORDS",
    "ImportResult",
    "export_claimreview",
    "export_claimreviews",
    "import_claimreview",
    "iter_json_lines",
    "nothing_to_export",
]
