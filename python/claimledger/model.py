"""The plain objects claimledger returns: claims, sources, snapshots, evidence, verdicts,
events, verify reports and checkpoints.

They are frozen dataclasses with readable fields, built from the C++ core's records by
the workbench. They hold no connection to the ledger: read them, keep them, compare them.

Records know nothing of how they look. The notebook layer registers, for each record type
it shows, a view per kind (:func:`register_view`): ``"text"`` for ``repr()``, ``"html"``
for Jupyter's ``_repr_html_``, ``"frame"`` for :meth:`ReanchorReport.frame` and
:meth:`Results.frame`. Importing claimledger imports that layer, so the views are there
whenever a record is. This module imports only the vocabulary below it.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field, fields
from typing import Any, Callable, Optional

from .vocabulary import REANCHOR_STATUSES

__all__ = [
    "Quote",
    "Quantity",
    "QuantityComparison",
    "Source",
    "Snapshot",
    "SnapshotHit",
    "Verdict",
    "Claim",
    "Evidence",
    "SourceRating",
    "Event",
    "Problem",
    "VerifyReport",
    "Checkpoint",
    "TrackRecord",
    "YearScore",
    "RatingMapping",
    "AddedIds",
    "MergeConflict",
    "MergeReport",
    "SearchHit",
    "SimilarHit",
    "Candidate",
    "ReanchoredQuote",
    "ReviewNeeded",
    "ReanchorReport",
    "Results",
    "register_view",
]

#: (record type, kind of view) -> the function giving that view of a record.
_VIEWS: dict[tuple[type, str], Callable[[Any], Any]] = {}


def register_view(record_type: type, kind: str, view: Callable[[Any], Any]) -> None:
    """Makes ``view(record)`` the `kind` of view of every `record_type` record: ``"text"``
    (its ``repr()``), ``"html"`` (how Jupyter shows it) or ``"frame"`` (a DataFrame)."""
    _VIEWS[record_type, kind] = view


def _view(record: Any, kind: str) -> Callable[[Any], Any]:
    try:
        return _VIEWS[type(record), kind]
    except KeyError:
        raise LookupError(
            f"no {kind} view of {type(record).__name__} is registered; import claimledger"
        ) from None


class Viewable:
    """A record with views: ``repr()`` gives its registered ``"text"`` view (the
    dataclass's own repr when there is none), Jupyter its ``"html"`` view."""

    __slots__ = ()

    def __repr__(self) -> str:
        text = _VIEWS.get((type(self), "text"))
        if text is not None:
            return text(self)
        shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in fields(self))
        return f"{type(self).__qualname__}({shown})"

    def _repr_html_(self) -> Optional[str]:
        html = _VIEWS.get((type(self), "html"))
        return None if html is None else html(self)


class Results(list):
    """A list of results of one kind, best first: search hits, near duplicates, candidates.
    It is a plain list (index it, slice it, compare it) that Jupyter shows as a table;
    ``frame()`` gives the results as a pandas DataFrame, one row each. ``kind`` is the
    class of its items."""

    def __init__(self, kind: type, items: Any = ()) -> None:
        super().__init__(items)
        self.kind = kind

    def frame(self):
        """The results as a pandas DataFrame, one row each (needs pandas)."""
        return _view(self, "frame")(self)

    def __repr__(self) -> str:
        text = _VIEWS.get((Results, "text"))
        return list.__repr__(self) if text is None else text(self)

    def _repr_html_(self) -> Optional[str]:
        html = _VIEWS.get((Results, "html"))
        return None if html is None else html(self)


@functools.cache
def _field_names(cls) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def _copy(cls, core: Any, **overrides: Any):
    """Builds dataclass `cls` from a core record with the same field names."""
    values = {name: getattr(core, name) for name in _field_names(cls) if name not in overrides}
    return cls(**values, **overrides)


@dataclass(frozen=True, repr=False)
class Quote(Viewable):
    """Where a quote sits in a snapshot (after the W3C Web Annotation model).

    ``start`` and ``end`` count Unicode code points from the start of the document, so
    ``text[start:end] == exact`` for the snapshot's text in Python.
    """

    snapshot: str
    exact: str
    prefix: str
    suffix: str
    start: int
    end: int


@dataclass(frozen=True, repr=False)
class Quantity(Viewable):
    """A number a claim asserts. A range ("hundreds of thousands") fills low/high."""

    text: str
    value: Optional[float]
    low: Optional[float]
    high: Optional[float]
    unit: str
    qualifier: str


@dataclass(frozen=True)
class QuantityComparison:
    """A quantity of a claim set beside one quoted in its evidence
    (:meth:`Workbench.compare_quantities`).

    ``outcome`` is ``"equal"`` (the same figure), ``"within"`` (inside what the claim's
    qualifier allows: "about" is 10% either way, "more than" anything above, a range its
    ends), ``"overlaps"`` (a range sharing some of that) or ``"off"``, by ``difference``
    (found minus claimed, from the nearer end, in ``unit``) and ``relative`` (that over the
    claimed figure; None for years and dates). ``note`` says how the units were matched
    ("troops ~ service members", "fraction as percent"; "" for the same unit).
    ``evidence`` is the evidence id the found quantity is quoted from, ``stance`` its stance.
    """

    claimed: Quantity
    found: Quantity
    outcome: str
    difference: float
    relative: Optional[float]
    unit: str
    note: str
    evidence: str
    stance: str


@dataclass(frozen=True, repr=False)
class Source(Viewable):
    id: str
    name: str
    kind: str
    url: Optional[str]
    affiliation: Optional[str]
    reliability: Optional[str]  # current Admiralty grade A–F, or None when never rated
    seq: int
    at: str
    actor: str
    ref: Optional[str] = None  # an outside id such as "liar:speaker:barack-obama"
    attributes: dict = field(default_factory=dict)  # e.g. job, state, party
    # the source this one was merged into (wb.merge_sources): it is an alias of it
    alias_of: Optional[str] = None


@dataclass(frozen=True, repr=False)
class Snapshot(Viewable):
    hash: str  # 'xxh3-128:…' of the exact bytes
    sha256: str
    size: int
    url: Optional[str]
    title: Optional[str]
    publisher: Optional[str]
    published: Optional[str]
    retrieved: Optional[str]
    seq: int
    at: str
    actor: str


@dataclass(frozen=True, repr=False)
class Verdict(Viewable):
    claim: str
    rating: str
    rationale: str
    evidence: tuple[str, ...]
    actor: str
    at: str
    seq: int


@dataclass(frozen=True, repr=False)
class Claim(Viewable):
    id: str
    text: str
    claimant: Optional[str]
    status: str
    verdict: Optional[Verdict]
    tags: tuple[str, ...]
    appearances: tuple[Quote, ...]
    quantities: tuple[Quantity, ...]
    seq: int
    at: str
    actor: str
    date: Optional[str] = None  # when the claim was made
    context: Optional[str] = None  # where or how it was made
    ref: Optional[str] = None  # an outside id such as "liar:2635.json"
    provenance: Optional[dict] = None  # where it was loaded from
    # a verdict conflict found by a merge, until a verdict is set after it
    conflict: Optional[MergeConflict] = None


@dataclass(frozen=True, repr=False)
class Evidence(Viewable):
    id: str
    claim: str
    quote: Quote
    stance: str
    note: Optional[str]
    seq: int
    at: str
    actor: str
    credibility: Optional[str] = None  # Admiralty "1" (confirmed) to "6" (cannot be judged)
    unlinked: Optional[str] = None  # why it was unlinked from its claim; None while it counts


@dataclass(frozen=True, repr=False)
class SourceRating(Viewable):
    source: str
    grade: str
    rationale: str
    seq: int
    at: str
    actor: str


@dataclass(frozen=True, repr=False)
class YearScore(Viewable):
    year: int
    rated: int  # verdicts on the truth axis that year
    score: float  # posterior mean truth score for that year alone


@dataclass(frozen=True, repr=False)
class TrackRecord(Viewable):
    """How a source's claims fared: current verdicts by rating and a smoothed truth score.

    Each current verdict on the scale's truth axis counts as a partial success equal to
    its truth score (true = 1, false = 0). With the prior Beta(1, 1), the posterior is
    Beta(alpha, beta); ``score`` is its mean and ``low``/``high`` its central 95%
    interval, so a source with few verdicts gets a wide interval, not an extreme score.
    """

    source: str
    counts: dict  # rating -> number of claims whose current verdict it is
    verdicts: int
    rated: int  # verdicts on the truth axis
    score: float
    low: float
    high: float
    alpha: float
    beta: float
    by_year: tuple[YearScore, ...]
    prior: str = "Beta(1, 1)"


@dataclass(frozen=True, repr=False)
class RatingMapping(Viewable):
    """How one rating reads on another scale; ``lossy`` says when information is lost."""

    source_label: str
    target_label: Optional[str]
    lossy: bool
    note: str


@dataclass(frozen=True, repr=False)
class SearchHit(Viewable):
    """A claim found by :meth:`Workbench.search`, with its score (higher is better) and
    the matching part of its text, matched words in [brackets]."""

    claim: Claim
    score: float
    snippet: str


@dataclass(frozen=True, repr=False)
class SnapshotHit(Viewable):
    """A snapshot found by :meth:`Workbench.search_snapshots`, with its score (higher is
    better) and the matching part of its text, matched words in [brackets]."""

    snapshot: Snapshot
    score: float
    snippet: str


@dataclass(frozen=True, repr=False)
class SimilarHit(Viewable):
    """An existing claim found to be a near duplicate of a text; ``score`` in [0, 1]."""

    claim: Claim
    score: float


@dataclass(frozen=True, repr=False)
class Candidate(Viewable):
    """A sentence of a snapshot scored for check-worthiness by :meth:`Workbench.candidates`.

    ``start`` and ``end`` count code points, so ``text == snapshot_text[start:end]``.
    ``features`` maps each feature found to what it added to the score's points: sentence
    features ("quantity", "count", "date", "comparison", "change", "record", "attribution",
    "named"; against: "hedge", "opinion", "question", "promise", "short") and cue words
    ("word:percent"). The score is ``1 / (1 + exp(-points))`` of the model's bias plus their
    sum, in (0, 1); 0.5 and above counts as check-worthy. ``snapshot`` is the snapshot's hash.
    ``speaker`` is the transcript speaker of the sentence's turn ("HOLT" of "HOLT: ..."), and
    ``said_by`` who the sentence says said it (the name of "Chun In-bum said", else the
    speaker); :meth:`Workbench.add_claim` makes that source the claimant when the desk has it.
    """

    text: str
    start: int
    end: int
    score: float
    features: dict[str, float]
    quantities: tuple[Quantity, ...]
    snapshot: Optional[str] = None
    speaker: Optional[str] = None
    said_by: Optional[str] = None


@dataclass(frozen=True, repr=False)
class ReanchoredQuote(Viewable):
    """Where a quote of an old snapshot is in a new version (:meth:`Workbench.reanchor`).

    ``status`` is ``"exact"`` (same text at the same place, with the same context),
    ``"moved"`` (same text at one other place, chosen by its context), ``"changed"`` (only
    a close match: ``new`` holds the text there now and ``score`` its similarity) or
    ``"orphaned"`` (gone, or found at places the context cannot tell apart; ``new`` is
    None). "Same text" tolerates white space, quote marks and dashes; case counts.
    ``evidence`` is the evidence id, or None for the claim's own ``appears_in`` quote.
    """

    claim: str
    evidence: Optional[str]
    status: str
    old: Quote
    new: Optional[Quote]
    score: float  # 1 for exact and moved; the similarity of a changed quote; 0 orphaned
    detail: str

    @property
    def needs_review(self) -> bool:
        return self.status in ("changed", "orphaned")


@dataclass(frozen=True, repr=False)
class ReviewNeeded(Viewable):
    """A claim resting on quotes that changed or were orphaned: ``rating`` is its current
    verdict (or None), ``evidence`` the evidence ids affected, ``appearance`` whether its
    own quote is, and ``verdict_cites`` whether the current verdict relies on that evidence."""

    claim: str
    rating: Optional[str]
    evidence: tuple[str, ...]
    appearance: bool
    verdict_cites: bool


@dataclass(frozen=True, repr=False)
class ReanchorReport(Viewable):
    """Every quote of snapshot ``old`` re-anchored in snapshot ``new`` (in the order of
    their old position), and the claims that need review. ``report.counts`` tallies the
    statuses; ``report.frame()`` is a pandas view, one row per quote."""

    old: str
    new: str
    old_url: Optional[str]
    new_url: Optional[str]
    quotes: tuple[ReanchoredQuote, ...]
    needs_review: tuple[ReviewNeeded, ...]

    @property
    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(REANCHOR_STATUSES, 0)
        for quote in self.quotes:
            counts[quote.status] += 1
        return counts

    def frame(self):
        """One row per quote (needs pandas): claim, evidence, status, score, old and new
        start/end/exact, detail."""
        return _view(self, "frame")(self)


class AddedIds(list):
    """The ids of a batch's records, in order (a list of str), and ``already_there``: the
    positions of the records that were in the ledger already (the same ref, or identical),
    whose existing ids are given and for which nothing was recorded."""

    def __init__(self, ids: list[str], already_there: list[bool]) -> None:
        super().__init__(ids)
        self.already_there: tuple[int, ...] = tuple(i for i, was in enumerate(already_there) if was)


@dataclass(frozen=True, repr=False)
class MergeConflict(Viewable):
    """A claim whose current verdicts differed between two merged desks, each side as it
    was (rating, rationale, who made it, when). The verdict made last is current after the
    merge; the conflict stays on the claim (``Claim.conflict``, ``claims(conflict=True)``)
    until a verdict is set after it, which decides it."""

    claim: str
    local_rating: str
    other_rating: str
    local_rationale: str = ""
    other_rationale: str = ""
    local_actor: str = ""
    other_actor: str = ""
    local_at: str = ""
    other_at: str = ""
    other_ledger: str = ""  # the other desk's identity


@dataclass(frozen=True, repr=False)
class MergeReport(Viewable):
    other: str  # the other desk's identity
    added: int  # events brought in
    skipped: int  # events this desk already had, or identical snapshots
    conflicts: tuple[MergeConflict, ...]
    # claims that were reviewed or published here and whose current verdict after the merge
    # nobody approved: moved back to in-progress
    reopened: tuple[str, ...] = ()


@dataclass(frozen=True, repr=False)
class Event(Viewable):
    """One change in the ledger; ``hash`` is the SHA-256 of its canonical JSON."""

    seq: int
    type: str
    at: str
    actor: str
    data: dict
    prev: str
    hash: str

    def canonical(self) -> str:
        """The canonical JSON text that ``hash`` is computed over."""
        body = {k: getattr(self, k) for k in ("seq", "prev", "type", "at", "actor", "data")}
        return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


@dataclass(frozen=True, repr=False)
class Problem(Viewable):
    seq: int  # 0 when the problem is not tied to one event
    kind: str
    detail: str


@dataclass(frozen=True, repr=False)
class VerifyReport(Viewable):
    ok: bool
    events: int
    problems: tuple[Problem, ...] = field(default_factory=tuple)

    def __bool__(self) -> bool:
        return self.ok


@dataclass(frozen=True, repr=False)
class Checkpoint(Viewable):
    """The head of a ledger's chain: keep it elsewhere and verify against it later."""

    ledger: str  # the ledger's identity, the hash of its genesis event
    seq: int
    hash: str
    at: str

    def to_json(self) -> str:
        return json.dumps(
            {"ledger": self.ledger, "seq": self.seq, "hash": self.hash, "at": self.at},
            sort_keys=True,
        )

    @classmethod
    def from_json(cls, text: str) -> Checkpoint:
        data = json.loads(text)
        return cls(ledger=data["ledger"], seq=int(data["seq"]), hash=data["hash"], at=data["at"])


# --- conversion from the core's records ----------------------------------------------------


def quote_from_core(core: Any) -> Quote:
    return _copy(Quote, core)


def quantity_from_core(core: Any) -> Quantity:
    return _copy(Quantity, core)


def quantity_comparison_from_core(core: Any) -> QuantityComparison:
    return _copy(
        QuantityComparison,
        core,
        claimed=quantity_from_core(core.claimed),
        found=quantity_from_core(core.found),
    )


def verdict_from_core(core: Any) -> Verdict:
    return _copy(Verdict, core, evidence=tuple(core.evidence))


def claim_from_core(core: Any) -> Claim:
    return _copy(
        Claim,
        core,
        provenance=json.loads(core.provenance_json),
        verdict=verdict_from_core(core.verdict) if core.verdict is not None else None,
        tags=tuple(core.tags),
        appearances=tuple(quote_from_core(q) for q in core.appearances),
        quantities=tuple(quantity_from_core(q) for q in core.quantities),
        conflict=_copy(MergeConflict, core.conflict) if core.conflict is not None else None,
    )


def evidence_from_core(core: Any) -> Evidence:
    return _copy(Evidence, core, quote=quote_from_core(core.quote))


def event_from_core(core: Any) -> Event:
    return _copy(Event, core, data=json.loads(core.data_json))


def report_from_core(core: Any) -> VerifyReport:
    problems = tuple(_copy(Problem, p) for p in core.problems)
    return VerifyReport(ok=core.ok, events=core.events, problems=problems)


def source_from_core(core: Any) -> Source:
    return _copy(Source, core, attributes=json.loads(core.attributes_json))


def track_record_from_core(core: Any) -> TrackRecord:
    return _copy(
        TrackRecord,
        core,
        counts=dict(core.counts),
        by_year=tuple(_copy(YearScore, y) for y in core.by_year),
        prior="Beta(1, 1)",
    )


def merge_report_from_core(core: Any) -> MergeReport:
    return _copy(
        MergeReport,
        core,
        conflicts=tuple(_copy(MergeConflict, c) for c in core.conflicts),
        reopened=tuple(core.reopened),
    )


def mapping_from_core(core: Any) -> RatingMapping:
    return _copy(RatingMapping, core)


def snapshot_from_core(core: Any) -> Snapshot:
    return _copy(Snapshot, core)


def rating_from_core(core: Any) -> SourceRating:
    return _copy(SourceRating, core)


def checkpoint_from_core(core: Any) -> Checkpoint:
    return _copy(Checkpoint, core)


def reanchor_report_from_core(core: Any) -> ReanchorReport:
    quotes = tuple(
        ReanchoredQuote(
            claim=q.claim,
            evidence=q.evidence,
            status=q.status,
            old=quote_from_core(q.old_quote),
            new=quote_from_core(q.new_quote) if q.new_quote is not None else None,
            score=q.similarity,
            detail=q.detail,
        )
        for q in core.quotes
    )
    reviews = tuple(_copy(ReviewNeeded, r, evidence=tuple(r.evidence)) for r in core.needs_review)
    return ReanchorReport(
        old=core.old_snapshot,
        new=core.new_snapshot,
        old_url=core.old_url,
        new_url=core.new_url,
        quotes=quotes,
        needs_review=reviews,
    )
