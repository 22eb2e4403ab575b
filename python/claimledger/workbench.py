"""The Python face of a desk: :func:`open` and :class:`Workbench`.

Each method is one call into the C++ core, which checks the input, runs one transaction
and either records the change as events or raises an :class:`~claimledger.Error` and
writes nothing. Methods that take an id also accept the object it names (a ``Claim``,
``Source``, ``Snapshot`` or ``Evidence``).
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import gc
import getpass
import itertools
import json
import operator
import os
import warnings
from typing import Any, Iterable, Iterator, Mapping, Optional, Sequence, Union

from . import _core
from . import model as m
from .errors import Error, InvalidInputError

__all__ = ["open", "Workbench", "NearDuplicateWarning", "NEAR_DUPLICATE"]

#: Similarity from which add_claim warns that a claim was checked before.
NEAR_DUPLICATE = 0.6


def _match_any(match: str) -> bool:
    """Whether a search's `match` argument asks for any word (else every word)."""
    if match not in ("all", "any"):
        raise InvalidInputError(
            f"[claimledger.search.match] match must be 'all' or 'any', not {match!r}",
            "claimledger.search.match",
        )
    return match == "any"


class NearDuplicateWarning(UserWarning):
    """A new claim looks like one that already has a verdict (a warning, not a refusal)."""


IdLike = Union[str, m.Claim, m.Source, m.Snapshot, m.Evidence]
CheckpointLike = Union[m.Checkpoint, Mapping[str, Any], str]

_CLAIM_RECORD_KEYS = (
    "text",
    "claimant",
    "appears_in",
    "quote",
    "tags",
    "date",
    "context",
    "ref",
    "provenance",
    "verdict",
)
_SOURCE_RECORD_KEYS = ("name", "kind", "url", "affiliation", "ref", "attributes")
ScaleLike = Union[str, Sequence[Any], Mapping[str, Any]]


def _id(value: Any, what: str = "id") -> str:
    """The id (or snapshot hash) of `value`, which may be the id itself or its object."""
    if isinstance(value, str):
        return value
    for attribute in ("id", "hash"):
        found = getattr(value, attribute, None)
        if isinstance(found, str):
            return found
    raise InvalidInputError(
        f"[claimledger.input.id] {what} must be an id string or an object with an id, "
        f"not {type(value).__name__}",
        "claimledger.input.id",
    )


def _optional_id(value: Any, what: str) -> Optional[str]:
    return None if value is None else _id(value, what)


def _utf8_error(what: str, error: UnicodeError) -> InvalidInputError:
    return InvalidInputError(
        f"[claimledger.input.utf8] {what} is not valid UTF-8 text ({error.reason} at index "
        f"{error.start}); text must be UTF-8",
        "claimledger.input.utf8",
    )


def _text(value: Any, what: str) -> Any:
    """`value` unchanged, after checking that a str can be written as UTF-8 (a str may
    hold lone surrogates, which the core cannot accept)."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as error:
            raise _utf8_error(what, error) from None
    return value


def _text_bytes(content: Union[str, bytes], what: str) -> bytes:
    if isinstance(content, str):
        try:
            return content.encode("utf-8")
        except UnicodeEncodeError as error:
            raise _utf8_error(what, error) from None
    if isinstance(content, (bytes, bytearray, memoryview)):
        return bytes(content)
    raise InvalidInputError(
        f"[claimledger.input.content] {what} must be str or bytes, not {type(content).__name__}",
        "claimledger.input.content",
    )


def _record(record: Mapping[str, Any], keys: Sequence[str], where: str) -> dict:
    if not isinstance(record, Mapping):
        raise InvalidInputError(
            f"[claimledger.input.record] {where} must be a mapping with keys "
            f"{', '.join(keys)}, not {type(record).__name__}",
            "claimledger.input.record",
        )
    unknown = sorted(set(record) - set(keys))
    if unknown:
        raise InvalidInputError(
            f"[claimledger.input.record] {where} has unknown keys {', '.join(map(str, unknown))}; "
            f"accepted: {', '.join(keys)}",
            "claimledger.input.record",
        )
    return dict(record)


def _json_argument(value: Any, what: str) -> str:
    """JSON text of an attributes/provenance mapping for the core ("" for None)."""
    if value is None:
        return ""
    if not isinstance(value, Mapping):
        raise InvalidInputError(
            f"[claimledger.input.attributes] {what} must be a mapping of text or integer "
            f"values, not {type(value).__name__}",
            "claimledger.input.attributes",
        )
    return json.dumps(dict(value), ensure_ascii=False)


def _scale(scale: ScaleLike) -> tuple[str, Optional[_core.RatingScale]]:
    """A built-in scale's name, or a custom scale: {"name", "ratings"} or a list of
    ratings, each {"label", "rank"} or (label, rank) with rank None off the truth axis."""
    if isinstance(scale, str):
        return scale, None
    if isinstance(scale, Mapping):
        spec = dict(scale)
    else:
        ratings = []
        for item in scale:
            if isinstance(item, Mapping):
                ratings.append(dict(item))
            elif isinstance(item, (tuple, list)) and len(item) == 2:
                ratings.append({"label": item[0], "rank": item[1]})
            else:
                raise InvalidInputError(
                    "[claimledger.scale.invalid] each rating of a custom scale is "
                    '{"label": ..., "rank": ...} or (label, rank), with rank None for a '
                    f"rating off the truth axis; got {item!r}",
                    "claimledger.scale.invalid",
                )
        spec = {"name": "custom", "ratings": ratings}
    return "default", _core.scale_from_json(json.dumps(spec, ensure_ascii=False))


def _verdict(value: Any) -> tuple[Optional[str], Optional[str]]:
    """(rating, rationale) of a record's verdict: a rating, or {"rating", "rationale"}."""
    if value is None:
        return None, None
    if isinstance(value, str):
        return value, "recorded with the claim"
    if isinstance(value, Mapping) and "rating" in value:
        return value["rating"], value.get("rationale") or "recorded with the claim"
    raise InvalidInputError(
        '[claimledger.input.verdict] a verdict is a rating or {"rating": ..., "rationale": ...}'
        f", not {value!r}",
        "claimledger.input.verdict",
    )


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


def _checkpoint(against: CheckpointLike) -> _core.Checkpoint:
    try:
        if isinstance(against, str):
            against = m.Checkpoint.from_json(against)
        elif isinstance(against, Mapping):
            against = m.Checkpoint(
                ledger=against["ledger"],
                seq=int(against["seq"]),
                hash=against["hash"],
                at=against["at"],
            )
    except (KeyError, ValueError, TypeError) as error:
        raise InvalidInputError(
            "[claimledger.checkpoint.invalid] a checkpoint is the JSON object "
            '{"ledger", "seq", "hash", "at"} that checkpoint() returned: ' + str(error),
            "claimledger.checkpoint.invalid",
        ) from None
    return _core.Checkpoint(against.ledger, against.seq, against.hash, against.at)


def open(
    path: Union[str, "os.PathLike[str]"] = ":memory:",
    *,
    actor: Optional[str] = None,
    scale: ScaleLike = "default",
    create: bool = True,
) -> "Workbench":
    """Opens the ledger at `path`, creating it when it does not exist.

    ``":memory:"`` (the default) gives a private in-memory ledger. `actor` is recorded
    as the author of every change (default: the login name). `scale` is the verdict
    rating scale of a new ledger: a built-in name ("default", "politifact", "fever",
    "claimskg") or a scale of your own, a list of ratings each ``{"label", "rank"}`` or
    ``(label, rank)`` where rank 0 is the most true and None marks a rating off the
    true-to-false axis (optionally inside ``{"name": ..., "ratings": [...]}``). An
    existing ledger keeps the scale it was created with. With ``create=False`` a missing
    file raises :class:`NotFoundError`. A file that is not a ledger raises
    :class:`StorageError` and is left untouched.
    """
    return Workbench(path, actor=actor, scale=scale, create=create)


class Workbench:
    """A fact-check desk kept in one ledger file. Use :func:`open` to get one."""

    def __init__(
        self,
        path: Union[str, "os.PathLike[str]"] = ":memory:",
        *,
        actor: Optional[str] = None,
        scale: ScaleLike = "default",
        create: bool = True,
    ) -> None:
        self.path = os.fspath(path)
        if actor is None:
            try:
                actor = getpass.getuser()
            except Exception:  # no login name (some containers): still record something
                actor = "unknown"
        name, custom = _scale(scale)
        self._wb: Optional[_core.Workbench] = _core.Workbench(
            self.path, actor, name, custom, create
        )

    @classmethod
    def _view(cls, core: _core.Workbench, path: str) -> "Workbench":
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
        """Closes the ledger file. Everything was already committed; closing loses nothing."""
        self._wb = None

    def __enter__(self) -> "Workbench":
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
        return f"<claimledger.Workbench {self.path!r} ({state})>"

    @property
    def actor(self) -> str:
        """Who makes the changes from now on; recorded in every event."""
        return self._core.actor

    @actor.setter
    def actor(self, name: str) -> None:
        self._core.actor = _text(name, "actor")

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

        `ref` is an outside id, unique in the ledger: adding a source with a ref that
        exists returns that source and records nothing. `attributes` holds further text
        or integer facts (a speaker's job, state, party)."""
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

    def add_sources(self, records: Iterable[Mapping[str, Any]]) -> list[str]:
        """Adds many sources in one transaction; returns their ids in order.

        Each record is a mapping with ``name`` and optionally ``kind``, ``url``,
        ``affiliation``, ``ref`` and ``attributes``. If any record is bad, nothing is
        written. Records whose ``ref`` exists already are not added again.
        """
        batch = []
        for i, record in enumerate(records):
            r = _record(record, _SOURCE_RECORD_KEYS, f"sources[{i}]")
            batch.append(
                _core.NewSource(
                    _text(r.get("name", ""), "source name"),
                    _text(r.get("kind") or "outlet", "kind"),
                    _text(r.get("url"), "url"),
                    _text(r.get("affiliation"), "affiliation"),
                    _text(r.get("ref"), "ref"),
                    _json_argument(r.get("attributes") or {}, "attributes"),
                )
            )
        return self._core.add_sources(batch)

    def source(self, source_id: IdLike) -> m.Source:
        return m.source_from_core(self._core.source(_id(source_id, "source")))

    def sources(self) -> list[m.Source]:
        return [m.source_from_core(s) for s in self._core.sources()]

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
                _text_bytes(content, "content"),
                _text(url, "url"),
                _text(title, "title"),
                _optional_id(publisher, "publisher"),
                _text(published, "published"),
                _text(retrieved, "retrieved"),
            )
        )

    def snapshot(self, snapshot_hash: IdLike) -> m.Snapshot:
        return m.snapshot_from_core(self._core.snapshot(_id(snapshot_hash, "snapshot")))

    def snapshots(self) -> list[m.Snapshot]:
        return [m.snapshot_from_core(s) for s in self._core.snapshots()]

    def snapshot_bytes(self, snapshot_hash: IdLike) -> bytes:
        """The exact bytes captured."""
        return self._core.snapshot_content(_id(snapshot_hash, "snapshot"))

    def snapshot_text(self, snapshot_hash: IdLike) -> str:
        """The captured document as text (it must be UTF-8)."""
        content = self.snapshot_bytes(snapshot_hash)
        try:
            return content.decode("utf-8")
        except UnicodeDecodeError as error:
            raise InvalidInputError(
                f"[claimledger.snapshot.not_text] snapshot {_id(snapshot_hash)} is not UTF-8 "
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
        tags: Iterable[str] = (),
        date: Optional[str] = None,
        context: Optional[str] = None,
        ref: Optional[str] = None,
        provenance: Optional[Mapping[str, Any]] = None,
        verdict: Any = None,
        match_case: bool = True,
    ) -> m.Claim:
        """Records a claim, optionally where it appears (a snapshot and the exact quote).

        `quote` defaults to the claim's text; it must be the snapshot's own words, except
        that white space, quote marks and dashes may differ (and case, with
        ``match_case=False``), or :class:`AnchorError` is raised; the snapshot's own text is
        recorded. A quote that occurs more than once raises too: quote more words.
        `text` may be a :class:`~claimledger.Candidate` (from :meth:`candidates`): its
        sentence becomes the claim's text and, unless `appears_in` says otherwise, it is
        quoted from the candidate's own snapshot. The quantities in the text are parsed and
        kept.
        `date` is when the claim was made, `context` where or how ("a campaign mailer"),
        `ref` an outside id (a claim whose ref exists is not added again), `provenance`
        a mapping saying where it came from, and `verdict` a first verdict (a rating, or
        ``{"rating": ..., "rationale": ...}``) recorded in the same transaction.
        """
        if isinstance(text, m.Candidate):
            if appears_in is None:
                appears_in = text.snapshot
            if appears_in is not None and quote is None:
                quote = text.text
            text = text.text
        new = self._new_claim(
            {
                "text": text,
                "claimant": claimant,
                "appears_in": appears_in,
                "quote": quote,
                "tags": tags,
                "date": date,
                "context": context,
                "ref": ref,
                "provenance": provenance,
                "verdict": verdict,
            },
            match_case=match_case,
        )
        # Checked before? Warn (never refuse) when a near duplicate already has a verdict.
        checked = []
        if isinstance(text, str) and text.strip():
            checked = [
                h
                for h in self.similar(text, 3)
                if h.score >= NEAR_DUPLICATE and h.claim.verdict is not None
            ]
        claim = m.claim_from_core(self._core.add_claim(new))
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

    def add_claims(self, records: Iterable[Mapping[str, Any]]) -> list[str]:
        """Adds many claims in one transaction (the GIL is released); returns their ids.

        Each record is a mapping with ``text`` and optionally the other keywords of
        :meth:`add_claim`. If any record is bad, nothing is written and the error names
        the record (``claims[17]: …``). Records whose ``ref`` exists already are not
        added again (their existing ids are returned), so reloading a dataset adds nothing.
        """
        batch = []
        for i, record in enumerate(records):
            batch.append(self._new_claim(_record(record, _CLAIM_RECORD_KEYS, f"claims[{i}]")))
        return self._core.add_claims(batch)

    @staticmethod
    def _new_claim(r: Mapping[str, Any], match_case: bool = True) -> _core.NewClaim:
        tags = r.get("tags") or ()
        if isinstance(tags, str):
            tags = [tags]
        rating, rationale = _verdict(r.get("verdict"))
        return _core.NewClaim(
            _text(r.get("text", ""), "claim text"),
            _optional_id(r.get("claimant"), "claimant"),
            _optional_id(r.get("appears_in"), "appears_in"),
            _text(r.get("quote"), "quote"),
            [_text(tag, "tag") for tag in tags],
            _text(r.get("date"), "date"),
            _text(r.get("context"), "context"),
            _text(r.get("ref"), "ref"),
            _json_argument(r.get("provenance"), "provenance"),
            _text(rating, "rating"),
            _text(rationale, "rationale"),
            bool(match_case),
        )

    def claim(self, claim_id: IdLike) -> m.Claim:
        """The claim with its current verdict. Raises :class:`NotFoundError` if unknown."""
        return m.claim_from_core(self._core.claim(_id(claim_id, "claim")))

    def claims(
        self,
        *,
        status: Optional[str] = None,
        rating: Optional[str] = None,
        claimant: Optional[IdLike] = None,
        tag: Optional[str] = None,
        limit: Optional[int] = None,
    ) -> list[m.Claim]:
        """The claims that match every filter given, oldest first."""
        found = self._core.claims(
            _text(status, "status"),
            _text(rating, "rating"),
            _optional_id(claimant, "claimant"),
            _text(tag, "tag"),
            -1 if limit is None else int(limit),
        )
        return [m.claim_from_core(c) for c in found]

    def set_status(self, claim_id: IdLike, status: str) -> m.Claim:
        """Moves a claim: new -> in-progress -> reviewed -> published, or back to
        in-progress. Forward steps may be skipped; reviewed and published need a verdict."""
        return m.claim_from_core(
            self._core.set_status(_id(claim_id, "claim"), _text(status, "status"))
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
        (possibly true), "4" (doubtful), "5" (improbable), "6" (cannot be judged)."""
        return m.evidence_from_core(
            self._core.link_evidence(
                _id(claim_id, "claim"),
                _id(snapshot_hash, "snapshot"),
                _text(quote, "quote"),
                _text(stance, "stance"),
                _text(note, "note"),
                _text(credibility, "credibility"),
                bool(match_case),
                _text(prefix, "prefix"),
                _text(suffix, "suffix"),
            )
        )

    def evidence(self, claim_id: IdLike) -> list[m.Evidence]:
        """The evidence linked to a claim, oldest first."""
        return [m.evidence_from_core(e) for e in self._core.evidence_for(_id(claim_id, "claim"))]

    def set_verdict(
        self,
        claim_id: IdLike,
        rating: str,
        *,
        rationale: str,
        evidence: Iterable[IdLike] = (),
    ) -> m.Verdict:
        """Records a verdict on the ledger's scale. A new verdict never overwrites the
        old one: both stay in the claim's history, the latest is current."""
        ids = [_id(e, "evidence") for e in evidence]
        return m.verdict_from_core(
            self._core.set_verdict(
                _id(claim_id, "claim"), _text(rating, "rating"), _text(rationale, "rationale"), ids
            )
        )

    def verdicts(self, claim_id: IdLike) -> list[m.Verdict]:
        """Every verdict a claim has had, oldest first."""
        return [m.verdict_from_core(v) for v in self._core.verdicts(_id(claim_id, "claim"))]

    def rate_source(self, source_id: IdLike, grade: str, *, rationale: str) -> m.SourceRating:
        """Rates a source's reliability on the Admiralty scale: A (completely reliable),
        B (usually), C (fairly), D (not usually), E (unreliable), F (cannot be judged)."""
        return m.rating_from_core(
            self._core.rate_source(
                _id(source_id, "source"), _text(grade, "grade"), _text(rationale, "rationale")
            )
        )

    def source_ratings(self, source_id: IdLike) -> list[m.SourceRating]:
        return [m.rating_from_core(r) for r in self._core.source_ratings(_id(source_id, "source"))]

    # --- credibility -----------------------------------------------------------------

    def track_record(self, source_id: IdLike) -> m.TrackRecord:
        """How the claims of a source fared: current verdicts by rating, a smoothed truth
        score (prior Beta(1, 1)) with its 95% credible interval, and the score by year
        (the year a claim was made, else when it was recorded)."""
        return m.track_record_from_core(self._core.track_record(_id(source_id, "source")))

    def sources_report(self, *, sort_by: str = "score", ascending: bool = False):
        """Every source with its kind, reliability and track record, one row each, sorted
        by ``score``, ``volume`` (claims with a verdict) or ``name``. A pandas DataFrame
        when pandas is installed, else a list of dicts."""
        keys = {"score": "score", "volume": "verdicts", "name": "name"}
        if sort_by not in keys:
            raise InvalidInputError(
                f"[claimledger.report.sort] cannot sort by {sort_by!r}; accepted: "
                + ", ".join(keys),
                "claimledger.report.sort",
            )
        records = {r.source: m.track_record_from_core(r) for r in self._core.track_records()}
        rows = []
        for source in self.sources():
            record = records.get(source.id)
            rows.append(
                {
                    "id": source.id,
                    "name": source.name,
                    "kind": source.kind,
                    "reliability": source.reliability,
                    "verdicts": record.verdicts if record else 0,
                    "rated": record.rated if record else 0,
                    "score": record.score if record and record.rated else None,
                    "low": record.low if record and record.rated else None,
                    "high": record.high if record and record.rated else None,
                }
            )
        key = keys[sort_by]
        missing = [r for r in rows if r[key] is None]
        present = sorted(
            (r for r in rows if r[key] is not None), key=lambda r: r[key], reverse=not ascending
        )
        rows = present + missing  # sources with nothing to score last
        try:
            import pandas as pd
        except ImportError:
            return rows
        return pd.DataFrame(
            rows,
            columns=[
                "id",
                "name",
                "kind",
                "reliability",
                "verdicts",
                "rated",
                "score",
                "low",
                "high",
            ],
        )

    # --- history and audit ------------------------------------------------------------

    def history(self, entity_id: IdLike) -> list[m.Event]:
        """Every event that names a claim, source, evidence id or snapshot, oldest first."""
        return [m.event_from_core(e) for e in self._core.history(_id(entity_id))]

    def history_frame(self, entity_id: IdLike):
        """:meth:`history` as a pandas DataFrame (one row per event, ``at`` as a UTC
        datetime). Needs pandas: ``pip install claimledger[notebook]``."""
        from .frames import events_frame

        return events_frame(self.history(entity_id))

    def events(self, start: int = 1, stop: Optional[int] = None) -> list[m.Event]:
        """The events with start <= seq <= stop (stop None: to the end)."""
        return [
            m.event_from_core(e) for e in self._core.events(start, -1 if stop is None else stop)
        ]

    def event_count(self) -> int:
        return self._core.event_count()

    def verify(self, against: Optional[CheckpointLike] = None) -> m.VerifyReport:
        """Recomputes every event hash and link, re-hashes every snapshot's bytes and
        compares the tables with a replay of the events. With `against` (a checkpoint
        kept elsewhere) also proves the ledger still holds that exact history."""
        core_against = None if against is None else _checkpoint(against)
        return m.report_from_core(self._core.verify(core_against))

    def checkpoint(self) -> m.Checkpoint:
        """The head of the chain (ledger identity, seq, hash, time) to keep elsewhere."""
        return m.checkpoint_from_core(self._core.checkpoint())

    def rebuild(self) -> int:
        """Regenerates the tables of current state from the events, in one transaction,
        and returns the number of events replayed. Use it when verify() reports only
        ``projection-mismatch`` problems; when the events themselves are damaged it
        raises :class:`IntegrityError` and changes nothing."""
        return self._core.rebuild()

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
    ) -> list[m.SearchHit]:
        """Full-text search over claim texts (SQLite FTS5, ranked by BM25), best first.

        Every word of `query` must occur (``match="any"``: any word), ignoring case and
        accents; query syntax is not interpreted, so any text is safe. `status`,
        `rating`, `claimant`, `tag` and the date range `since`/`until` (YYYY-MM-DD or
        RFC 3339, on the date a claim was made, else recorded) narrow the results."""
        hits = self._core.search(
            _text(query, "query"),
            _text(status, "status"),
            _text(rating, "rating"),
            _optional_id(claimant, "claimant"),
            _text(tag, "tag"),
            int(limit),
            _text(since, "since"),
            _text(until, "until"),
            _match_any(match),
        )
        return [
            m.SearchHit(claim=self.claim(h.claim), score=h.score, snippet=h.snippet) for h in hits
        ]

    def search_snapshots(
        self, query: str, *, match: str = "all", limit: int = 10
    ) -> list[m.SnapshotHit]:
        """Full-text search over the texts of the stored snapshots (those that are UTF-8
        text), best first, each with the matching part of its text. Words are matched as
        by :meth:`search`: every word of `query` (``match="any"``: any word), ignoring
        case and accents, query syntax not interpreted. At most `limit` (1 or more) hits."""
        hits = self._core.search_snapshots(_text(query, "query"), int(limit), _match_any(match))
        return [
            m.SnapshotHit(snapshot=self.snapshot(h.snapshot), score=h.score, snippet=h.snippet)
            for h in hits
        ]

    def similar(self, text: str, k: int = 5) -> list[m.SimilarHit]:
        """Checked before? The `k` existing claims most like `text`, best first, each with
        a score in [0, 1] and the claim (with its current verdict). Matching tolerates
        rewording, reordering, number formats and dropped words: MinHash over content
        words with an LSH index kept in the ledger (and, when those candidates are weak,
        the full-text best matches of its rarer words), re-ranked by word and character-
        trigram similarity."""
        hits = self._core.similar(_text(text, "text"), int(k))
        return [m.SimilarHit(claim=self.claim(h.claim), score=h.score) for h in hits]

    def candidates(
        self, snapshot_hash: IdLike, *, min_score: float = 0.0, limit: Optional[int] = None
    ) -> list[m.Candidate]:
        """The check-worthy sentences of a snapshot, best first (ties in document order).

        Each :class:`~claimledger.Candidate` carries its text, its span in code points,
        its score in [0, 1] and the features that made it (quantities, dates, comparisons,
        attributions, named things; hedges, opinion and questions count against). Only
        candidates scoring at least `min_score` are kept, at most `limit` of them. A
        snapshot that is not UTF-8 text raises :class:`AnchorError`. Pass a candidate to
        :meth:`add_claim` to record it as a claim quoted from this snapshot.
        """
        if limit is not None and int(limit) < 0:
            raise InvalidInputError(
                f"[claimledger.candidates.limit] limit must be 0 or more, not {limit}",
                "claimledger.candidates.limit",
            )
        snapshot = _id(snapshot_hash, "snapshot")
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
                )
                for text, start, end, score, features, quantities in self._core.candidates(snapshot)
                if not score < min_score
            ]
        # Best first; the sort is stable, so ties stay in document order.
        out.sort(key=operator.attrgetter("score"), reverse=True)
        return out if limit is None else out[: int(limit)]

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
            self._core.reanchor(_id(old, "snapshot"), _id(new, "snapshot"))
        )

    # --- moving a desk ---------------------------------------------------------------

    def export_bundle(self, path: Union[str, "os.PathLike[str]"]) -> m.Checkpoint:
        """Writes the whole ledger to `path` as a bundle: JSON Lines, one event per line
        with its hash (snapshots' bytes included, base64), then the head as a checkpoint
        line. Streams; the file appears complete or not at all. Returns the head."""
        return m.checkpoint_from_core(self._core.export_bundle(os.fspath(path)))

    def import_bundle(self, path: Union[str, "os.PathLike[str]"]) -> m.Checkpoint:
        """Fills this new ledger with a bundle's chain: the identical events, hashes and
        ledger identity. Every line is verified first: anything altered raises
        :class:`IntegrityError` naming the line and nothing is written. Only a new
        ledger (nothing but its first event) can take a bundle."""
        return m.checkpoint_from_core(self._core.import_bundle(os.fspath(path)))

    def merge(self, other: Union[str, "os.PathLike[str]"]) -> m.MergeReport:
        """Brings another desk's events into this one, in one transaction. `other` is the
        other desk's ledger file or a bundle. Every merged event keeps the other desk's
        identity and the original event's hash, time and actor under ``origin``; entities
        keep their ids; events already here (shared history, or merged before) and
        identical snapshots are skipped, so merging twice adds nothing. Claims whose
        current verdicts differed are listed in ``conflicts`` for a person to decide; the
        verdict made last is current meanwhile, so the result is the same in both
        directions. The desks must share their rating scale."""
        return m.merge_report_from_core(self._core.merge(os.fspath(other)))

    # --- the past ---------------------------------------------------------------------

    def as_of(self, when: Union[int, str, _dt.datetime, _dt.date]) -> "Workbench":
        """A read-only view of the desk as it was: after event number `when` (an int),
        or at a time (an RFC 3339 string, a ``YYYY-MM-DD`` date meaning 00:00 UTC, or a
        datetime; naive datetimes are taken as UTC). The view has the same read methods
        (``claim``, ``claims``, ``history``, ``verify`` ...); writing through it raises
        :class:`ReadOnlyError`."""
        if isinstance(when, bool):
            raise InvalidInputError(
                "[claimledger.as_of.type] as_of takes a seq (int), a time or a date, not a bool",
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
                f"[claimledger.as_of.type] as_of takes a seq (int), an RFC 3339 time, a date "
                f"or a datetime, not {type(when).__name__}",
                "claimledger.as_of.type",
            )
        return Workbench._view(core, self.path)

    @property
    def as_of_seq(self) -> Optional[int]:
        """For a view made by :meth:`as_of`, the seq it shows; None for the live desk."""
        return self._core.as_of_seq

    # --- schema.org ClaimReview (the logic lives in claimreview.py) --------------------

    def export_claimreview(self, claim_id: IdLike, **options: Any) -> dict:
        """The claim's current verdict as a schema.org ClaimReview JSON-LD object.

        Options: ``organisation`` (the desk publishing the review, ``{"name", "url"}`` or
        a name; default "claimledger desk") and ``review_url`` (a URL, where ``{claim}``
        stands for the claim id, or a function of the claim; default
        ``urn:claimledger:<identity>:<claim id>``). A claim without a verdict raises
        :class:`InvalidInputError` ``[claimledger.claimreview.no_verdict]``."""
        from .claimreview import export_claimreview

        return export_claimreview(self, claim_id, **options)

    def export_claimreviews(self, status: Optional[str] = "published", **options: Any) -> list:
        """:meth:`export_claimreview` for every claim with a verdict and `status` (None:
        any status), oldest first; the same options."""
        from .claimreview import export_claimreviews

        return export_claimreviews(self, status, **options)

    def import_claimreview(
        self, doc_or_list: Any, rating_map: Optional[Mapping[str, str]] = None, **options: Any
    ):
        """Imports schema.org ClaimReviews: one object, a list or ``{"@graph": [...]}``,
        parsed or as JSON text. Textual ratings (``alternateName``) are read through
        `rating_map` (alternateName -> a rating of this ledger's scale, any case) or as a
        label of the scale; numeric ones through ``worstRating``..``bestRating`` onto the
        nearest truth score. The document is stored as a snapshot, the provenance of
        every claim; importing it again adds nothing. Bad input raises
        :class:`InvalidInputError` naming the JSON path and writes nothing. Returns a
        :class:`claimledger.claimreview.ImportResult`."""
        from .claimreview import import_claimreview

        return import_claimreview(self, doc_or_list, rating_map=rating_map, **options)

    # --- notebooks: frames, plots, display and reports -------------------------------
    # Thin delegations to claimledger.frames, .plots, .display and .report, which import
    # pandas and matplotlib only when called.

    def claims_frame(self, **filters: Any):
        """The claims as a pandas DataFrame, one row each with typed columns (times as UTC
        datetimes, the rating as an ordered categorical on this ledger's scale); `filters`
        as for :meth:`claims`. Needs pandas: ``pip install claimledger[notebook]``."""
        from .frames import claims_frame

        return claims_frame(self, **filters)

    def evidence_frame(self, claim_id: Optional[IdLike] = None):
        """The evidence of one claim, or of every claim, as a pandas DataFrame with the
        stance, the quote and the source it came from."""
        from .frames import evidence_frame

        return evidence_frame(self, None if claim_id is None else _id(claim_id, "claim"))

    def events_frame(self, start: int = 1, stop: Optional[int] = None):
        """:meth:`events` as a pandas DataFrame (``at`` as a UTC datetime)."""
        from .frames import events_frame

        return events_frame(self.events(start, stop))

    def sources_frame(self):
        """Every source with its reliability and track record as a pandas DataFrame."""
        from .frames import sources_frame

        return sources_frame(self)

    def from_frame(self, frame: Any, *, what: str = "claims", columns: Any = None) -> list:
        """Adds a claim (or a source, ``what="sources"``) per row of a pandas DataFrame in
        one transaction through :meth:`add_claims` (:meth:`add_sources`); returns the ids.
        Columns are the keywords of :meth:`add_claim` (or ``rating`` and ``rationale``);
        `columns` renames yours first. See :func:`claimledger.frames.from_frame`."""
        from .frames import from_frame

        return from_frame(self, frame, what=what, columns=columns)

    def plot_verdicts(self, **options: Any):
        """A matplotlib figure: claims by current verdict, one bar per rating (options:
        ``ax``, ``title`` and the filters of :meth:`claims`)."""
        from .plots import plot_verdicts

        return plot_verdicts(self, **options)

    def plot_track_record(self, source_id: IdLike, **options: Any):
        """A matplotlib figure: a source's truth score by year with 95% intervals, over
        its overall score (options: ``ax``, ``title``)."""
        from .plots import plot_track_record

        return plot_track_record(self, _id(source_id, "source"), **options)

    def plot_timeline(self, claim_id: IdLike, **options: Any):
        """A matplotlib figure: a claim's events over time, verdicts coloured by rating
        (options: ``ax``, ``title``, ``spacing="time"`` or ``"even"``)."""
        from .plots import plot_timeline

        return plot_timeline(self, _id(claim_id, "claim"), **options)

    def report(self, path: Optional[Union[str, "os.PathLike[str]"]] = None, **options: Any):
        """The desk as one self-contained HTML page (verify status, claims, verdicts,
        evidence, sources): written to `path`, which is returned, or returned as text
        when `path` is None (options: ``title``, ``limit``)."""
        from .report import render_report, write_report

        if path is None:
            return render_report(self, **options)
        return write_report(self, path, **options)

    def claim_card(self, claim_id: IdLike):
        """A claim as a card that Jupyter shows as HTML (``print`` gives text): verdict
        badge, claimant's name, quotes, evidence with stance and source."""
        from .display import ClaimCard

        return ClaimCard.from_workbench(self, _id(claim_id, "claim"))

    def source_card(self, source_id: IdLike):
        """A source with its reliability ratings and track record, shown as HTML."""
        from .display import SourceCard

        return SourceCard.from_workbench(self, _id(source_id, "source"))

    def history_view(self, entity_id: IdLike):
        """:meth:`history` as a timeline that Jupyter shows as HTML (who, when, what
        changed, verdict changes highlighted); also a sequence of the events."""
        from .display import HistoryView, workbench_scorer

        entity = _id(entity_id)
        return HistoryView(
            self.history(entity),
            title=f"History of {entity}",
            names={s.id: s.name for s in self.sources()},
            score=workbench_scorer(self),
        )
