"""The workbench: the ledger operations of a desk, one call into the C++ core each.

Each method checks its arguments (:mod:`.arguments`), calls the core, which checks the
input, runs one transaction and either records the change as events or raises an
:class:`~claimledger.Error` and writes nothing, and returns plain records
(:mod:`claimledger.model`). Methods that take an id also accept the object it names (a
``Claim``, ``Source``, ``Snapshot`` or ``Evidence``).

:class:`LedgerWorkbench` holds these operations only. The public class
``claimledger.Workbench`` (made by ``claimledger.open``) adds the notebook and interop
methods to it, in :mod:`claimledger.desk`, at the top of the package, so that nothing here
imports the layers above.
"""

from __future__ import annotations

import datetime as _dt
import getpass
import json
import os
import warnings
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Optional, TypeVar, Union

from .. import _core
from .. import model as m
from ..errors import Error, Interrupted, InvalidInputError
from ..files import shown_location
from ..scales import ScaleLike, scale_for_core
from ..transparency import SignedCheckpoint, checkpoint_text
from ..transparency import key_list as verifier_key_list
from .arguments import (
    CLAIM_RECORD_KEYS,
    SOURCE_RECORD_KEYS,
    CheckpointLike,
    IdLike,
    checked_flag,
    checked_int,
    checked_path,
    checked_record,
    checked_text,
    checked_texts,
    core_checkpoint,
    id_of,
    ids_of,
    json_argument,
    optional_id,
    required_text,
    text_bytes,
    verdict_argument,
)
from .credibility import CredibilityMethods
from .search import SearchMethods
from .transparency import TransparencyMethods

__all__ = ["LedgerWorkbench", "NearDuplicateWarning", "NEAR_DUPLICATE"]


#: Similarity from which add_claim warns that a claim was checked before. Chosen on CheckThat! 2A:
#: every tweet whose best match scored this much was matched to a fact-check of its claim, in the
#: development set and both test sets (bench/README.md, "Checked before? on CheckThat! 2A").
NEAR_DUPLICATE = 0.25


#: A workbench of whichever class: as_of() gives a view of the class it was called on.
W = TypeVar("W", bound="LedgerWorkbench")


class NearDuplicateWarning(UserWarning):
    """A new claim looks like one that already has a verdict (a warning, not a refusal)."""


class ClaimantSuggestion(UserWarning):
    """A candidate adopted as a claim names who said it, and the desk has no source of that
    name: the claim was recorded without a claimant, and the message says how to add one."""


def _records(records: Any) -> Iterable[Any]:
    """The records of a batch: a list (or other iterable) of mappings."""
    if isinstance(records, (str, bytes, Mapping)) or not hasattr(records, "__iter__"):
        raise InvalidInputError(
            "[claimledger.input.type] records must be a list of mappings (one a record), not "
            f"{type(records).__name__}",
            "claimledger.input.type",
        )
    return records


class LedgerWorkbench(CredibilityMethods, SearchMethods, TransparencyMethods):
    """A fact-check desk kept in a ledger file or on a PostgreSQL server: its ledger
    operations, with those about credibility (:mod:`.credibility`), finding things
    (:mod:`.search`) and publishing verifiable verdicts (:mod:`.transparency`). Use
    ``claimledger.open`` to get one (with the notebook and interop methods too).

    ``path`` is the location as given (a URL keeps its password there, to open it again);
    ``location`` is the same without the password, as the repr shows it."""

    def __init__(
        self,
        path: Union[str, os.PathLike[str]] = ":memory:",
        *,
        actor: Optional[str] = None,
        scale: Optional[ScaleLike] = None,
        create: bool = True,
        origin: Optional[str] = None,
        read_only: bool = False,
    ) -> None:
        self.path = os.fspath(path)
        if actor is None:
            try:
                actor = getpass.getuser()
            except Exception:  # no login name (some containers): still record something
                actor = "unknown"
        name, custom = scale_for_core("default" if scale is None else scale)
        self._wb: Optional[_core.Workbench] = _core.Workbench(
            self.path,
            actor,
            name,
            custom,
            create,
            origin,
            read_only=read_only,
            check_scale=scale is not None,
        )

    @classmethod
    def _from_core(cls: type[W], core: _core.Workbench, path: str) -> W:
        view = cls.__new__(cls)
        view.path = path
        view._wb = core
        return view

    # --- life cycle -------------------------------------------------------------------

    @property
    def _core(self) -> _core.Workbench:
        if self._wb is None:
            raise Error("[claimledger.closed] this workbench is closed", "claimledger.closed")
        return self._wb

    def close(self) -> None:
        """Closes the ledger (its file, or its connection to the server). Everything was
        already committed; closing loses nothing."""
        self._wb = None

    def __enter__(self: W) -> W:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        if self._wb is None:
            state = "closed"
        elif self.as_of_seq is not None:
            state = f"read-only view as of event {self.as_of_seq}"
        else:
            state = f"{self.event_count()} events"
        return f"<claimledger.Workbench {self.location!r} ({state})>"

    @property
    def location(self) -> str:
        """Where the ledger is, as it may be shown: the file path, or the desk's URL with its
        password (if any) replaced by ``***``."""
        return shown_location(self.path)

    @property
    def actor(self) -> str:
        """Who makes the changes from now on; recorded in every event."""
        return self._core.actor

    @actor.setter
    def actor(self, name: str) -> None:
        self._core.actor = required_text(name, "actor")

    @property
    def identity(self) -> str:
        """The ledger's identity: the hash of its first event."""
        return self._core.identity

    @property
    def scale(self) -> str:
        """The name of the verdict rating scale, fixed when the ledger was created."""
        return self._core.scale.name

    @property
    def ratings(self) -> list[str]:
        """The ratings a verdict may take on this ledger's scale."""
        return list(self._core.scale.labels)

    @property
    def scale_definition(self) -> dict[str, Any]:
        """The ledger's rating scale as data, ``{"name", "ratings": [{"label", "rank"},
        ...]}``, which every function of :mod:`claimledger.scales` takes: for example
        ``cl.scales.map_scale(wb.scale_definition, "politifact")`` for a custom scale."""
        return json.loads(self._core.scale.to_json())

    # --- sources and snapshots --------------------------------------------------------

    def add_source(
        self,
        name: str,
        *,
        kind: str = "outlet",
        url: Optional[str] = None,
        affiliation: Optional[str] = None,
        ref: Optional[str] = None,
        attributes: Optional[Mapping[str, Any]] = None,
    ) -> m.Source:
        """Records a source: an outlet, person, organisation, official-record or dataset.

        Re-running is safe: a source with the name, kind and url of an existing one is that
        source, returned with the same id, and nothing is recorded. `ref` is an outside id,
        unique in the ledger: adding a source with a ref that exists returns that source
        and records nothing. `attributes` holds further text or integer facts (a speaker's
        job, state, party)."""
        (source_id,) = self.add_sources(
            [
                {
                    "name": name,
                    "kind": kind,
                    "url": url,
                    "affiliation": affiliation,
                    "ref": ref,
                    "attributes": attributes,
                }
            ]
        )
        return self.source(source_id)

    def add_sources(self, records: Iterable[Mapping[str, Any]]) -> m.AddedIds:
        """Adds many sources in one transaction; returns their ids in order.

        Each record is a mapping with ``name`` and optionally ``kind``, ``url``,
        ``affiliation``, ``ref`` and ``attributes``. If any record is bad, nothing is
        written. Records whose ``ref`` exists already, or with the name, kind and url of
        an existing source, are not added again: their ids are those of the existing
        sources, and ``already_there`` lists their positions.
        """
        batch = []
        for i, record in enumerate(_records(records)):
            r = checked_record(record, SOURCE_RECORD_KEYS, f"sources[{i}]")
            batch.append(
                _core.NewSource(
                    required_text(r.get("name", ""), "name"),
                    checked_text(r.get("kind") or "outlet", "kind"),
                    checked_text(r.get("url"), "url"),
                    checked_text(r.get("affiliation"), "affiliation"),
                    checked_text(r.get("ref"), "ref"),
                    json_argument(r.get("attributes") or {}, "attributes"),
                )
            )
        return m.AddedIds(*self._core.add_sources(batch))

    def source(self, source_id: IdLike) -> m.Source:
        """The source with this id, or of this unique name (ignoring case). An alias (see
        :meth:`merge_sources`) is returned as itself, its ``alias_of`` naming the source it
        stands for. Raises :class:`NotFoundError` for an unknown id or name (listing the
        names that contain it) and :class:`InvalidInputError` for a name several sources
        have (listing them)."""
        wanted = id_of(source_id, "source")
        try:
            return m.source_from_core(self._core.source(wanted))
        except KeyError:
            return m.source_from_core(self._core.find_source(wanted))

    def sources(self, *, name: Optional[str] = None) -> list[m.Source]:
        """Every source, oldest first (aliases too, each with ``alias_of``); with `name`,
        those of that name, ignoring case."""
        return [m.source_from_core(s) for s in self._core.sources(checked_text(name, "name"))]

    def merge_sources(self, source_id: IdLike, into: IdLike, *, reason: str) -> m.Source:
        """Records that `source_id` is the same as `into` (each an id, a source or a unique
        name): a source.merged event with its `reason`. `source_id` becomes an alias of
        `into`. Both ids still resolve; the alias's
        claims, ratings and track record count for `into` (``claims(claimant=...)``,
        :meth:`track_record` and :meth:`sources_report` with either id), and a claim or
        rating given the alias is recorded for `into`. Returns the alias. Merging a source
        into itself, into an alias, or a source that is an alias already raises
        :class:`InvalidInputError` and records nothing."""
        source, kept = id_of(source_id, "source"), id_of(into, "into")
        why = required_text(reason, "reason")
        return m.source_from_core(
            self._core.merge_sources(self.source(source).id, self.source(kept).id, why)
        )

    def add_snapshot(
        self,
        content: Union[str, bytes],
        *,
        url: Optional[str] = None,
        title: Optional[str] = None,
        publisher: Optional[IdLike] = None,
        published: Optional[str] = None,
        retrieved: Optional[str] = None,
    ) -> m.Snapshot:
        """Captures a document's exact content (text is stored as UTF-8).

        The snapshot's ``hash`` is the XXH3-128 of the bytes; the same bytes are stored
        once, and adding them again returns the snapshot already stored. Dates are
        ``YYYY-MM-DD`` or RFC 3339 times.
        """
        return m.snapshot_from_core(
            self._core.add_snapshot(
                text_bytes(content, "content"),
                checked_text(url, "url"),
                checked_text(title, "title"),
                optional_id(publisher, "publisher"),
                checked_text(published, "published"),
                checked_text(retrieved, "retrieved"),
            )
        )

    def snapshot(self, snapshot_hash: IdLike) -> m.Snapshot:
        return m.snapshot_from_core(self._core.snapshot(id_of(snapshot_hash, "snapshot")))

    def snapshots(self) -> list[m.Snapshot]:
        return [m.snapshot_from_core(s) for s in self._core.snapshots()]

    def snapshot_bytes(self, snapshot_hash: IdLike) -> bytes:
        """The exact bytes captured."""
        return self._core.snapshot_content(id_of(snapshot_hash, "snapshot"))

    def snapshot_text(self, snapshot_hash: IdLike) -> str:
        """The captured document as text (it must be UTF-8)."""
        content = self.snapshot_bytes(snapshot_hash)
        try:
            return content.decode("utf-8")
        except UnicodeDecodeError as error:
            raise InvalidInputError(
                f"[claimledger.snapshot.not_text] snapshot {id_of(snapshot_hash)} is not UTF-8 "
                f"text (invalid byte at offset {error.start}); use snapshot_bytes() for its "
                "exact bytes",
                "claimledger.snapshot.not_text",
            ) from None

    # --- claims -----------------------------------------------------------------------

    def add_claim(
        self,
        text: Union[str, m.Candidate],
        *,
        claimant: Optional[IdLike] = None,
        appears_in: Optional[IdLike] = None,
        quote: Optional[str] = None,
        prefix: Optional[str] = None,
        suffix: Optional[str] = None,
        tags: Iterable[str] = (),
        date: Optional[str] = None,
        context: Optional[str] = None,
        ref: Optional[str] = None,
        provenance: Optional[Mapping[str, Any]] = None,
        verdict: Any = None,
        match_case: bool = True,
        status: Optional[str] = None,
    ) -> m.Claim:
        """Records a claim, optionally where it appears (a snapshot and the exact quote).

        `quote` defaults to the claim's text; it must be the snapshot's own words, except
        that white space, quote marks and dashes may differ (and case, with
        ``match_case=False``), or :class:`AnchorError` is raised; the snapshot's own text is
        recorded. A quote that occurs more than once raises too, unless `prefix` (the text
        just before it in the snapshot) or `suffix` (just after it) picks the place: quote more
        words, or give one of them. Without `quote`, the claim's text itself is looked for,
        and the error says so.
        `text` may be a :class:`~claimledger.Candidate` (from :meth:`candidates`): its
        sentence becomes the claim's text and, unless `appears_in` says otherwise, it is
        quoted from the candidate's own snapshot; unless `claimant` is given, its claimant is
        the source named as who said it (``candidate.said_by``: "Chun In-bum said ...", a
        transcript's speaker) when the desk has one of that name, else, when the sentence names
        no one, the snapshot's publisher. A named person the desk does not know yet is
        suggested with a :class:`ClaimantSuggestion` warning (add the source, then set the
        claimant). The quantities in the text are parsed and kept.
        `date` is when the claim was made; when not given, it is the published date of the
        snapshot it appears in, else that snapshot's retrieved date (a claim in no snapshot
        has none, and reads by date use when it was recorded). `context` is where or how
        ("a campaign mailer"; :meth:`search` finds the claim by its words too),
        `ref` an outside id (a claim whose ref exists is not added again), `provenance`
        a mapping saying where it came from, and `verdict` a first verdict (a rating, or
        ``{"rating": ..., "rationale": ...}``) recorded in the same transaction, and
        `status` a status to give it at once, as :meth:`set_status` would from ``new``
        (``"published-elsewhere"`` for a verdict another publisher published). Re-running
        is safe: a claim identical to an existing one (the same text, claimant and
        appearance) is that claim, returned as it is, and nothing is recorded.
        """
        suggestion = None
        if isinstance(text, m.Candidate):
            if appears_in is None:
                appears_in = text.snapshot
            if appears_in is not None and quote is None:
                quote = text.text
            if claimant is None:
                claimant, suggestion = self._candidate_claimant(text)
            text = text.text
        new = self._new_claim(
            {
                "text": text,
                "claimant": claimant,
                "appears_in": appears_in,
                "quote": quote,
                "prefix": prefix,
                "suffix": suffix,
                "tags": tags,
                "date": date,
                "context": context,
                "ref": ref,
                "provenance": provenance,
                "verdict": verdict,
                "status": status,
            },
            match_case=match_case,
        )
        # Checked before? Warn (never refuse) when a near duplicate already has a verdict.
        checked = []
        if isinstance(text, str) and text.strip():
            hits = self._similar_hits(text, 3, min_score=NEAR_DUPLICATE)
            checked = [h for h in hits if h.claim.verdict is not None]
        claim = m.claim_from_core(self._core.add_claim(new))
        if suggestion is not None:
            warnings.warn(
                f"claim {claim.id}: the sentence names {suggestion!r} as who said it, and the "
                f"desk has no source of that name, so it has no claimant; add one with "
                f"add_source({suggestion!r}, kind='person') and record it as the claimant",
                ClaimantSuggestion,
                stacklevel=2,
            )
        for hit in checked:
            if hit.claim.id != claim.id:
                warnings.warn(
                    f"claim {claim.id} looks like {hit.claim.id}, already rated "
                    f"{hit.claim.verdict.rating!r} (similarity {hit.score:.2f}): "
                    f"{hit.claim.text!r}",
                    NearDuplicateWarning,
                    stacklevel=2,
                )
        return claim

    def _candidate_claimant(self, candidate: m.Candidate) -> tuple[Optional[str], Optional[str]]:
        """The claimant of an adopted candidate and the name to suggest as a source: the
        source named as who said it (ignoring case), else the snapshot's publisher when the
        sentence names no one."""
        if candidate.said_by:
            wanted = candidate.said_by.casefold()
            named = [s.id for s in self.sources() if s.name.casefold() == wanted]
            if len(named) == 1:
                return named[0], None
            return None, candidate.said_by
        if candidate.snapshot is None:
            return None, None
        return self.snapshot(candidate.snapshot).publisher, None

    def add_claims(self, records: Iterable[Mapping[str, Any]]) -> m.AddedIds:
        """Adds many claims in one transaction (the GIL is released); returns their ids.
        Ctrl-C during the call stops once the transaction is over, raising
        :class:`~claimledger.Interrupted` (all the records were committed); a long load is
        best split into batches, as the dataset loaders do.

        Each record is a mapping with ``text`` and optionally the other keywords of
        :meth:`add_claim`. If any record is bad, nothing is written and the error names
        the record (``claims[17]: …``). Records whose ``ref`` exists already, and records
        identical to an existing claim (the same text, claimant and appearance), are not
        added again: their existing ids are returned and ``already_there`` lists their
        positions, so re-running a notebook or reloading a dataset adds nothing.
        """
        batch = []
        for i, record in enumerate(_records(records)):
            batch.append(self._new_claim(checked_record(record, CLAIM_RECORD_KEYS, f"claims[{i}]")))
        try:
            return m.AddedIds(*self._core.add_claims(batch))
        except KeyboardInterrupt:  # raised by the call only once its transaction committed
            raise Interrupted(
                f"[claimledger.interrupted] add_claims was interrupted (Ctrl-C) after its one "
                f"transaction committed: all {len(batch):,} records of the call are in the "
                "ledger; calling it again with the same records adds none that is there",
                len(batch),
            ) from None

    @staticmethod
    def _new_claim(r: Mapping[str, Any], match_case: bool = True) -> _core.NewClaim:
        tags = checked_texts(r.get("tags") or (), "tags")
        rating, rationale = verdict_argument(r.get("verdict"))
        return _core.NewClaim(
            required_text(r.get("text", ""), "text"),
            optional_id(r.get("claimant"), "claimant"),
            optional_id(r.get("appears_in"), "appears_in"),
            checked_text(r.get("quote"), "quote"),
            tags,
            checked_text(r.get("date"), "date"),
            checked_text(r.get("context"), "context"),
            checked_text(r.get("ref"), "ref"),
            json_argument(r.get("provenance"), "provenance"),
            checked_text(rating, "rating"),
            checked_text(rationale, "rationale"),
            checked_flag(match_case, "match_case"),
            checked_text(r.get("status"), "status"),
            checked_text(r.get("prefix"), "prefix"),
            checked_text(r.get("suffix"), "suffix"),
        )

    def claim(self, claim_id: IdLike) -> m.Claim:
        """The claim with its current verdict. Raises :class:`NotFoundError` if unknown."""
        return m.claim_from_core(self._core.claim(id_of(claim_id, "claim")))

    def claims(
        self,
        *,
        status: Optional[str] = None,
        rating: Optional[str] = None,
        claimant: Optional[IdLike] = None,
        tag: Optional[str] = None,
        limit: Optional[int] = None,
        conflict: bool = False,
    ) -> list[m.Claim]:
        """The claims that match every filter given, oldest first, retracted ones too (with
        status ``retracted``; ``status="retracted"`` lists them). `claimant` is a source id
        (its aliases' claims come too) or a source's unique name. With ``conflict=True``,
        only the claims with a verdict conflict from a merge that no verdict has decided
        yet (each claim's ``conflict`` shows it)."""
        found = self._core.claims(
            checked_text(status, "status"),
            checked_text(rating, "rating"),
            optional_id(claimant, "claimant"),
            checked_text(tag, "tag"),
            -1 if limit is None else checked_int(limit, "limit"),
            bool(conflict),
        )
        return [m.claim_from_core(c) for c in found]

    # --- corrections: each an event with its reason, shown in the history ------------------

    def retract(self, claim_id: IdLike, *, reason: str) -> m.Claim:
        """Withdraws a claim: its status becomes ``retracted`` (a claim.retracted event with
        the `reason` and the status it had). It stays in :meth:`claims` with that status,
        exports leave it out unless asked (``include_retracted=True``), and track records do
        not count it. It takes no verdict, evidence or correction until reopened with
        ``set_status(claim, "in-progress")``, the only status a retracted claim may go to;
        it is then published again only through review, with an approved verdict. A claim
        retracted already is returned unchanged."""
        return m.claim_from_core(
            self._core.retract(id_of(claim_id, "claim"), required_text(reason, "reason"))
        )

    def unlink_evidence(self, evidence_id: IdLike, *, reason: str) -> m.Evidence:
        """The evidence stops counting for its claim (an evidence.unlinked event with the
        `reason`): it leaves :meth:`evidence_for` and a new verdict cannot cite it; verdicts
        that cited it keep it. :meth:`evidence` still finds it, with ``unlinked`` set to the
        reason. Evidence unlinked already is returned unchanged."""
        return m.evidence_from_core(
            self._core.unlink_evidence(
                id_of(evidence_id, "evidence"), required_text(reason, "reason")
            )
        )

    def correct_claim(
        self,
        claim_id: IdLike,
        *,
        reason: str,
        text: Optional[str] = None,
        claimant: Optional[IdLike] = None,
        quote: Optional[str] = None,
    ) -> m.Claim:
        """Corrects a claim's `text` and/or `claimant` (an id, a source or a unique name): a
        claim.corrected event with the `reason` and the old values, which stay in the
        history. The quantities are parsed from the new text, and searches
        (:meth:`search`, :meth:`similar`) follow it. When the claim appears in a snapshot
        quoted as its own text (``add_claim`` without `quote`), the new text is looked for
        there: found, the appearance moves to it; not found, :class:`AnchorError` unless
        `quote` gives the snapshot's words the claim stands on (the old text keeps the old
        place). A retracted claim is refused. The text and claimant the claim has already
        record nothing."""
        return m.claim_from_core(
            self._core.correct_claim(
                id_of(claim_id, "claim"),
                checked_text(text, "text"),
                optional_id(claimant, "claimant"),
                required_text(reason, "reason"),
                checked_text(quote, "quote"),
            )
        )

    def set_status(self, claim_id: IdLike, status: str) -> m.Claim:
        """Moves a claim: new -> published-elsewhere -> in-progress -> reviewed ->
        published, or back to in-progress. Forward steps may be skipped;
        published-elsewhere (a verdict another publisher published, as an imported
        ClaimReview), reviewed and published need a verdict. The status a claim has already
        changes nothing (nothing is recorded). Reviewed and published approve
        the verdict current at that moment (the status event names it); a later verdict
        takes the claim back to in-progress until someone approves it again."""
        return m.claim_from_core(
            self._core.set_status(id_of(claim_id, "claim"), required_text(status, "status"))
        )

    # --- evidence and verdicts --------------------------------------------------------

    def link_evidence(
        self,
        claim_id: IdLike,
        snapshot_hash: IdLike,
        *,
        quote: str,
        stance: str,
        note: Optional[str] = None,
        credibility: Optional[str] = None,
        match_case: bool = True,
        prefix: Optional[str] = None,
        suffix: Optional[str] = None,
    ) -> m.Evidence:
        """Links a claim to a quote in a snapshot, with a stance: supports, refutes or
        context. The quote must be the snapshot's own words, except that white space, quote
        marks and dashes may differ (and case, with ``match_case=False``); what is recorded
        is the snapshot's own text, its position and its context. When the quote occurs
        more than once, `prefix` (text just before it) or `suffix` (just after) picks the
        place; if nothing does, :class:`AnchorError` names the places. `credibility` rates
        the information on the Admiralty scale: "1" (confirmed), "2" (probably true), "3"
        (possibly true), "4" (doubtful), "5" (improbable), "6" (cannot be judged).

        Re-running is safe: the same link (claim, snapshot, place of the quote, stance)
        returns the existing evidence and records nothing. The same quote cannot both
        support and refute one claim (:class:`InvalidInputError`)."""
        return m.evidence_from_core(
            self._core.link_evidence(
                id_of(claim_id, "claim"),
                id_of(snapshot_hash, "snapshot"),
                required_text(quote, "quote"),
                required_text(stance, "stance"),
                checked_text(note, "note"),
                checked_text(credibility, "credibility"),
                checked_flag(match_case, "match_case"),
                checked_text(prefix, "prefix"),
                checked_text(suffix, "suffix"),
            )
        )

    def evidence(self, claim_id: IdLike) -> list[m.Evidence]:
        """The evidence linked to a claim, oldest first."""
        return [m.evidence_from_core(e) for e in self._core.evidence_for(id_of(claim_id, "claim"))]

    def compare_quantities(self, claim_id: IdLike) -> list[m.QuantityComparison]:
        """Sets each quantity of the claim beside the quantities quoted in its evidence:
        for each of the claim's quantities in order and each linked evidence (oldest first)
        whose quote has a figure in the same unit or one that converts (a fraction and a
        per cent, kilometres and miles, "troops" and "service members", a year and a date),
        the best match of that quote, with its outcome: ``equal``, ``within`` what the
        claim's own qualifier or range allows ("about" 28,500 allows 10% either way; "more
        than" anything above), ``overlaps`` or ``off`` by ``difference`` (and ``relative``).
        A quantity no evidence speaks to has no entry; the claim card shows them all. The
        claim's quantities are those recorded when it was added. Reads only; raises
        :class:`NotFoundError` for an unknown claim. On the demo desk, the claim's "About
        28,500 US troops" is ``equal`` to the fact sheet's "Approximately 28,500 U.S.
        service members", and "in June 2024" has "on 19 June 2024" ``within`` it."""
        return [
            m.quantity_comparison_from_core(c)
            for c in self._core.compare_quantities(id_of(claim_id, "claim"))
        ]

    def set_verdict(
        self,
        claim_id: IdLike,
        rating: str,
        *,
        rationale: str,
        evidence: Iterable[IdLike] = (),
    ) -> m.Verdict:
        """Records a verdict on the ledger's scale. A new verdict never overwrites the
        old one: both stay in the claim's history, the latest is current. On a reviewed or
        published claim the new verdict is not approved yet: the claim goes back to
        in-progress in the same transaction (its history says why)."""
        ids = ids_of(evidence, "evidence")
        return m.verdict_from_core(
            self._core.set_verdict(
                id_of(claim_id, "claim"),
                required_text(rating, "rating"),
                required_text(rationale, "rationale"),
                ids,
            )
        )

    def verdicts(self, claim_id: IdLike) -> list[m.Verdict]:
        """Every verdict a claim has had, oldest first."""
        return [m.verdict_from_core(v) for v in self._core.verdicts(id_of(claim_id, "claim"))]

    # --- history and audit ------------------------------------------------------------

    def history(self, entity_id: IdLike) -> list[m.Event]:
        """Every event that names a claim, source, evidence id or snapshot, oldest first."""
        return [m.event_from_core(e) for e in self._core.history(id_of(entity_id, "entity_id"))]

    def events(self, start: int = 1, stop: Optional[int] = None) -> list[m.Event]:
        """The events with start <= seq <= stop (stop None: to the end)."""
        return [
            m.event_from_core(e)
            for e in self._core.events(
                checked_int(start, "start"), -1 if stop is None else checked_int(stop, "stop")
            )
        ]

    def event_count(self) -> int:
        return self._core.event_count()

    def verify(
        self,
        against: Union[CheckpointLike, SignedCheckpoint, None] = None,
        *,
        keys: Union[str, Sequence[str], None] = None,
        search_indexes: bool = True,
    ) -> m.VerifyReport:
        """Recomputes every event hash and link, re-hashes every snapshot's bytes and
        compares the tables with a replay of the events, the search indexes with the texts
        they index, and the stored Merkle tree with the tree of the events. With `against` (a
        checkpoint kept elsewhere) also proves the ledger still holds that exact history: a
        :class:`SignedCheckpoint` (or its text) is checked for a signature by one of the
        verifier `keys` (default: the keys it was signed or checked with) and for this desk's
        tree of its size having its root, so a rewritten or truncated history is caught
        without the old file. ``search_indexes=False`` leaves the search indexes out (they
        hold no truth of their own, and on a large desk checking them is most of the work);
        ``rebuild()`` makes them again."""
        search_indexes = checked_flag(search_indexes, "search_indexes")
        if keys is not None:
            keys = verifier_key_list(keys, "keys")
        if isinstance(against, SignedCheckpoint) or (
            isinstance(against, str) and "\n\n\u2014 " in against
        ):
            text = checkpoint_text(against)
            if keys is None:
                keys = against.signed_by if isinstance(against, SignedCheckpoint) else ()
            key_list = verifier_key_list(keys, "keys")
            return m.report_from_core(self._core.verify_signed(text, key_list, search_indexes))
        core_against = None if against is None else core_checkpoint(against, "against")
        return m.report_from_core(self._core.verify(core_against, search_indexes))

    def checkpoint(self) -> m.Checkpoint:
        """The head of the chain (ledger identity, seq, hash, time) to keep elsewhere."""
        return m.checkpoint_from_core(self._core.checkpoint())

    def rebuild(self) -> int:
        """Regenerates the tables of current state from the events, in one transaction,
        and returns the number of events replayed. Use it when verify() reports only
        ``projection-mismatch`` problems; when the events themselves are damaged it
        raises :class:`IntegrityError` and changes nothing."""
        return self._core.rebuild()

    # --- moving a desk ---------------------------------------------------------------

    def export_bundle(self, path: Union[str, os.PathLike[str]]) -> m.Checkpoint:
        """Writes the whole ledger to `path` as a bundle: JSON Lines, one event per line
        with its hash (snapshots' bytes included, base64), then the head as a checkpoint
        line. Streams; the file appears complete or not at all. Returns the head."""
        return m.checkpoint_from_core(self._core.export_bundle(checked_path(path, "path")))

    def import_bundle(self, path: Union[str, os.PathLike[str]]) -> m.Checkpoint:
        """Fills this new ledger with a bundle's chain: the identical events, hashes and
        ledger identity. Every line is verified first: anything altered raises
        :class:`IntegrityError` naming the line and nothing is written. Only a new
        ledger (nothing but its first event) can take a bundle."""
        path = checked_path(path, "path")
        try:
            return m.checkpoint_from_core(self._core.import_bundle(path))
        except KeyboardInterrupt:  # raised by the call only once its transaction committed
            raise Interrupted(
                "[claimledger.interrupted] import_bundle was interrupted (Ctrl-C) after its one "
                "transaction committed: the whole bundle is in the ledger",
                self.event_count(),
            ) from None

    def merge(self, other: Union[str, os.PathLike[str]]) -> m.MergeReport:
        """Brings another desk's events into this one, in one transaction. `other` is the
        other desk's ledger file, its ``postgresql://`` URL, or a bundle. Every merged event
        keeps the other desk's identity and the original event's hash, time and actor under
        ``origin``; entities keep their ids; events already here (shared history, or merged
        before) and identical snapshots are skipped, so merging twice adds nothing. Claims
        whose current verdicts differed are listed in ``conflicts`` (both ratings, rationales,
        actors and times) for a person to decide, and stay marked on the claim until a
        verdict is set after the merge; the verdict made last is current meanwhile, so the
        result is the same in both directions. A reviewed or published claim whose current
        verdict is now one nobody here approved goes back to in-progress (``reopened``).
        The desks must share their rating scale."""
        return m.merge_report_from_core(self._core.merge(checked_path(other, "other")))

    # --- the past ---------------------------------------------------------------------

    def as_of(self: W, when: Union[int, str, _dt.datetime, _dt.date]) -> W:
        """A read-only view of the desk as it was: after event number `when` (an int),
        or at a time (an RFC 3339 string, a ``YYYY-MM-DD`` date meaning 00:00 UTC, or a
        datetime; naive datetimes are taken as UTC). The view has the same read methods
        (``claim``, ``claims``, ``history``, ``verify`` ...); writing through it raises
        :class:`ReadOnlyError`."""
        if isinstance(when, bool):
            raise InvalidInputError(
                "[claimledger.as_of.type] as_of(when) takes a seq (int), a time or a date, not a "
                "bool",
                "claimledger.as_of.type",
            )
        if isinstance(when, int):
            core = self._core.as_of(when)
        elif isinstance(when, _dt.datetime):
            if when.tzinfo is None:
                when = when.replace(tzinfo=_dt.timezone.utc)
            core = self._core.as_of_time(when.astimezone(_dt.timezone.utc).isoformat())
        elif isinstance(when, _dt.date):
            core = self._core.as_of_time(when.isoformat())
        elif isinstance(when, str):
            core = self._core.as_of_time(when)
        else:
            raise InvalidInputError(
                f"[claimledger.as_of.type] as_of(when) takes a seq (int), an RFC 3339 time, a date "
                f"or a datetime, not {type(when).__name__}",
                "claimledger.as_of.type",
            )
        return type(self)._from_core(core, self.path)

    @property
    def as_of_seq(self) -> Optional[int]:
        """For a view made by :meth:`as_of`, the seq it shows; None for the live desk."""
        return self._core.as_of_seq
