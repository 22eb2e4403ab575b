"""Finding things in a desk: full-text search over claims and snapshots, near duplicates
("checked before?"), the check-worthy sentences of a snapshot, and where the quotes of an
old snapshot stand in a new version. Lists of results are :class:`~claimledger.model.Results`:
lists that Jupyter shows as a table, with ``frame()`` for a DataFrame.

:class:`SearchMethods` is part of the workbench: :class:`~claimledger.workbench.LedgerWorkbench`
inherits these methods, and like the others each is one call into the core, reading only.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import operator
from collections.abc import Iterator
from typing import Optional

from .. import model as m
from ..errors import InvalidInputError
from .arguments import (
    IdLike,
    checked_int,
    checked_number,
    checked_text,
    id_of,
    match_any,
    optional_id,
    optional_int,
    required_text,
)

__all__ = ["SearchMethods"]


@contextlib.contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Pauses Python's cyclic garbage collector while many objects that form no cycles are
    built (the candidates of a long text: hundreds of thousands of tuples, dicts and
    dataclasses), which would otherwise start a collection every few hundred objects, each
    over all the objects alive."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class SearchMethods:
    """The workbench's methods that find claims, snapshots and sentences."""

    def search(
        self,
        query: str,
        *,
        status: Optional[str] = None,
        rating: Optional[str] = None,
        claimant: Optional[IdLike] = None,
        tag: Optional[str] = None,
        since: Optional[str] = None,
        until: Optional[str] = None,
        match: str = "all",
        limit: int = 10,
    ) -> m.Results:
        """Full-text search over claim texts (SQLite FTS5, ranked by BM25), best first.

        Every word of `query` must occur (``match="any"``: any word), ignoring case and
        accents; query syntax is not interpreted, so any text is safe. `status`,
        `rating`, `claimant`, `tag` and the date range `since`/`until` (YYYY-MM-DD or
        RFC 3339, on the claim's date: as given, else its snapshot's published or retrieved
        date, else when it was recorded) narrow the results."""
        hits = self._core.search(
            required_text(query, "query"),
            checked_text(status, "status"),
            checked_text(rating, "rating"),
            optional_id(claimant, "claimant"),
            checked_text(tag, "tag"),
            checked_int(limit, "limit"),
            checked_text(since, "since"),
            checked_text(until, "until"),
            match_any(match),
        )
        claims = self._core.claims_of([h.claim for h in hits])
        return m.Results(
            m.SearchHit,
            (
                m.SearchHit(claim=m.claim_from_core(c), score=h.score, snippet=h.snippet)
                for h, c in zip(hits, claims)
            ),
        )

    def search_snapshots(self, query: str, *, match: str = "all", limit: int = 10) -> m.Results:
        """Full-text search over the texts of the stored snapshots (those that are UTF-8
        text), best first, each with the matching part of its text. Words are matched as
        by :meth:`search`: every word of `query` (``match="any"``: any word), ignoring
        case and accents, query syntax not interpreted. At most `limit` (1 or more) hits."""
        hits = self._core.search_snapshots(
            required_text(query, "query"), checked_int(limit, "limit"), match_any(match)
        )
        return m.Results(
            m.SnapshotHit,
            (
                m.SnapshotHit(snapshot=self.snapshot(h.snapshot), score=h.score, snippet=h.snippet)
                for h in hits
            ),
        )

    def similar(self, text: str, k: int = 5) -> m.Results:
        """Checked before? The `k` existing claims most like `text`, best first, each with
        a score in [0, 1] and the claim (with its current verdict). Matching tolerates
        rewording, reordering, number formats and dropped words: MinHash over content
        words with an LSH index kept in the ledger (and, when those candidates are weak,
        the full-text best matches of its rarer words), re-ranked by word and character-
        trigram similarity."""
        return m.Results(
            m.SimilarHit, self._similar_hits(required_text(text, "text"), checked_int(k, "k"))
        )

    def _similar_hits(self, text: str, k: int, min_score: float = 0.0) -> list[m.SimilarHit]:
        """similar()'s hits scoring at least `min_score`, with their claims: only those claims
        are read (add_claim's near-duplicate check reads none when no hit scores enough)."""
        hits = [h for h in self._core.similar(text, k) if h.score >= min_score]
        claims = self._core.claims_of([h.claim for h in hits]) if hits else []
        return [
            m.SimilarHit(claim=m.claim_from_core(c), score=h.score) for h, c in zip(hits, claims)
        ]

    def candidates(
        self, snapshot_hash: IdLike, *, min_score: float = 0.0, limit: Optional[int] = None
    ) -> m.Results:
        """The check-worthy sentences of a snapshot, best first (ties in document order).

        Each :class:`~claimledger.Candidate` carries its text, its span in code points,
        its score in (0, 1) and the features that made it (quantities, dates, comparisons,
        changes, records, attributions, named things, cue words; hedges, opinion,
        questions, promises and short sentences count against); 0.5
        (``claimledger.CHECK_WORTHY_SCORE``) and above counts as check-worthy. Headings are
        sentences of their own, page furniture is left out, and a transcript's "NAME:"
        turns give each sentence its ``speaker``. Only
        candidates scoring at least `min_score` are kept, at most `limit` of them. A
        snapshot that is not UTF-8 text raises :class:`AnchorError`. Pass a candidate to
        :meth:`add_claim` to record it as a claim quoted from this snapshot.
        """
        min_score = checked_number(min_score, "min_score")
        if optional_int(limit, "limit") is not None and limit < 0:
            raise InvalidInputError(
                f"[claimledger.candidates.limit] limit must be 0 or more, not {limit}",
                "claimledger.candidates.limit",
            )
        snapshot = id_of(snapshot_hash, "snapshot")
        # The core gives rows in the order of the dataclasses' fields, spans in code points.
        candidate, quantity = m.Candidate, m.Quantity
        with _cyclic_gc_paused():
            out = [
                candidate(
                    text,
                    start,
                    end,
                    score,
                    features,
                    tuple(itertools.starmap(quantity, quantities)),
                    snapshot,
                    speaker,
                    said_by,
                )
                for text, start, end, score, features, quantities, speaker, said_by in (
                    self._core.candidates(snapshot)
                )
                if not score < min_score
            ]
        # Best first; the sort is stable, so ties stay in document order.
        out.sort(key=operator.attrgetter("score"), reverse=True)
        return m.Results(m.Candidate, out if limit is None else out[: int(limit)])

    def reanchor(self, old: IdLike, new: IdLike) -> m.ReanchorReport:
        """A new version of a document arrived (the source edited its article): where is
        every quote taken from snapshot `old` (evidence quotes and claims' ``appears_in``
        quotes) in snapshot `new`? Each is ``exact``, ``moved``, ``changed`` (only a close
        match, with the new text and its similarity) or ``orphaned`` (gone or ambiguous);
        never a silent wrong match. ``report.needs_review`` lists the claims resting on
        changed or orphaned quotes, with their current verdict. Reads only; records
        nothing. The snapshots may have different URLs (both are in the report). Raises
        :class:`NotFoundError` for an unknown snapshot and :class:`AnchorError` for one that
        is not UTF-8 text."""
        return m.reanchor_report_from_core(
            self._core.reanchor(id_of(old, "old"), id_of(new, "new"))
        )
