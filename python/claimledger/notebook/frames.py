"""pandas views of a desk, and bulk adding from a DataFrame.

``wb.claims_frame()``, ``wb.evidence_frame()``, ``wb.events_frame()`` and
``wb.sources_frame()`` delegate here; ``wb.from_frame(df)`` turns rows into records for
the batch path (:meth:`Workbench.add_claims` / :meth:`Workbench.add_sources`: one
transaction and one call into C++ for the whole frame).

Columns are typed: times are timezone-aware UTC datetimes (``datetime64[ns, UTC]``), a
claim's ``date`` is a datetime too (midnight UTC for a bare date), ratings are an
ordered categorical in the order of the ledger's scale, reliability grades an ordered
categorical A–F, counts integers and missing scores NaN.

pandas is optional: without it these functions raise ImportError saying what to
install, and the rest of the package works.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import math
from collections.abc import Iterable, Mapping
from typing import Any, Callable, Optional

from .. import model as m
from ..errors import InvalidInputError
from ..vocabulary import (
    CLAIM_STATUSES,
    REANCHOR_STATUSES,
    RELIABILITY_GRADES,
    RETRACTED,
    STANCES,
)
from ..workbench import CLAIM_RECORD_KEYS, SOURCE_RECORD_KEYS
from .scores import workbench_scorer

__all__ = [
    "require_pandas",
    "events_frame",
    "claims_frame",
    "evidence_frame",
    "sources_frame",
    "reanchor_frame",
    "results_frame",
    "from_frame",
    "CLAIM_COLUMNS",
    "SOURCE_COLUMNS",
]

#: The columns ``from_frame(df)`` accepts for claims (``rating`` and ``rationale`` are
#: another way to give ``verdict``).
CLAIM_COLUMNS = (*CLAIM_RECORD_KEYS, "rating", "rationale")
#: The columns ``from_frame(df, what="sources")`` accepts.
SOURCE_COLUMNS = SOURCE_RECORD_KEYS


def require_pandas():
    """The pandas module, or ImportError saying how to install it."""
    try:
        import pandas
    except ImportError:
        raise ImportError(
            "this needs pandas, which is optional: pip install 'claimledger[notebook]' "
            "(or pip install pandas)"
        ) from None
    return pandas


def _times(pd, values):
    """RFC 3339 / YYYY-MM-DD strings (or None) as a datetime64[ns, UTC] Series."""
    series = pd.Series(list(values), dtype="object")
    return pd.to_datetime(series, utc=True, format="ISO8601").astype("datetime64[ns, UTC]")


def _typed_frame(pd, rows: list[dict], columns: Mapping[str, Any]):
    """A DataFrame of `rows` with `columns` (name -> type) in their order. A type is
    "text" (pandas' string dtype, missing values <NA>, the same in pandas 2 and 3 whether
    or not a column happens to hold any text), "time" (datetime64[ns, UTC]), "float64"
    (missing values NaN), "object" (values as they are), or a dtype for ``astype``:
    "int64", "Int64", "bool" or a ``pd.CategoricalDtype``."""
    frame = pd.DataFrame(rows, columns=list(columns))
    for name, kind in columns.items():
        if kind == "text":
            frame[name] = frame[name].astype(pd.StringDtype())
        elif kind == "time":
            frame[name] = _times(pd, frame[name])
        elif kind == "float64":
            frame[name] = pd.to_numeric(frame[name], errors="coerce").astype("float64")
        elif kind != "object":
            frame[name] = frame[name].astype(kind)
    return frame


def events_frame(events: Iterable[m.Event]):
    """Events as a DataFrame: seq, at (UTC datetime), actor, type, data, prev, hash."""
    pd = require_pandas()
    rows = [
        {
            "seq": e.seq,
            "at": e.at,
            "actor": e.actor,
            "type": e.type,
            "data": e.data,
            "prev": e.prev,
            "hash": e.hash,
        }
        for e in events
    ]
    columns = {
        "seq": "int64",
        "at": "time",
        "actor": "text",
        "type": "text",
        "data": "object",
        "prev": "text",
        "hash": "text",
    }
    return _typed_frame(pd, rows, columns)


def _claim_columns(claim: m.Claim) -> dict:
    """The columns a result about a claim shares: the claim, its verdict and status."""
    return {
        "claim": claim.id,
        "text": claim.text,
        "rating": claim.verdict.rating if claim.verdict else None,
        "status": claim.status,
        "claimant": claim.claimant,
        "date": claim.date,
    }


_CLAIM_RESULT = {
    "claim": "text",
    "text": "text",
    "rating": "text",
    "status": "text",
    "claimant": "text",
    "date": "text",
}

#: Each kind of result: its row, and its columns with their types.
_RESULT_FRAMES: dict[type, tuple[Callable[[Any], dict], dict[str, Any]]] = {
    m.SearchHit: (
        lambda h: {"score": h.score, "snippet": h.snippet, **_claim_columns(h.claim)},
        {"score": "float64", "snippet": "text", **_CLAIM_RESULT},
    ),
    m.SimilarHit: (
        lambda h: {"score": h.score, **_claim_columns(h.claim)},
        {"score": "float64", **_CLAIM_RESULT},
    ),
    m.SnapshotHit: (
        lambda h: {
            "score": h.score,
            "snippet": h.snippet,
            "snapshot": h.snapshot.hash,
            "title": h.snapshot.title,
            "url": h.snapshot.url,
            "published": h.snapshot.published,
        },
        {
            "score": "float64",
            "snippet": "text",
            "snapshot": "text",
            "title": "text",
            "url": "text",
            "published": "text",
        },
    ),
    m.Candidate: (
        lambda c: {
            "score": c.score,
            "text": c.text,
            "start": c.start,
            "end": c.end,
            "features": dict(c.features),
            "quantities": [q.text for q in c.quantities],
            "snapshot": c.snapshot,
            "speaker": c.speaker,
            "said_by": c.said_by,
        },
        {
            "score": "float64",
            "text": "text",
            "start": "int64",
            "end": "int64",
            "features": "object",
            "quantities": "object",
            "snapshot": "text",
            "speaker": "text",
            "said_by": "text",
        },
    ),
}


def results_frame(results: m.Results):
    """A list of results (``wb.search(…)``, ``wb.similar(…)``, ``wb.candidates(…)``,
    ``wb.search_snapshots(…)``) as a DataFrame, one row each, best first.

    Search hits: score, snippet, then the claim's id (``claim``), text, rating (None
    without a verdict), status, claimant and date; near duplicates the same without the
    snippet; candidates: score, text, start, end (code points), features (a dict of what
    scored it), quantities (their texts), snapshot, speaker and said_by; snapshot hits:
    score, snippet, snapshot, title, url and published."""
    pd = require_pandas()
    row, columns = _RESULT_FRAMES[results.kind]
    return _typed_frame(pd, [row(item) for item in results], columns)


def claims_frame(wb: Any, **filters: Any):
    """The desk's claims, one row each, oldest first (`filters` as for ``wb.claims``).

    Columns: id, text, claimant, claimant_name, status (categorical), rating (ordered
    categorical on the ledger's scale; NaN without a verdict), truth_score (NaN off the
    truth axis), rationale, verdict_by, verdict_at, verdicts (how many a claim has had),
    date, context, tags (a list), quantities (how many), snapshot and quote (where it
    first appears), ref, seq, at, actor.
    """
    pd = require_pandas()
    claims = wb.claims(**filters)
    names = {s.id: s.name for s in wb.sources()}
    score = workbench_scorer(wb)
    rows = []
    for c in claims:
        v = c.verdict
        first = c.appearances[0] if c.appearances else None
        rows.append(
            {
                "id": c.id,
                "text": c.text,
                "claimant": c.claimant,
                "claimant_name": names.get(c.claimant) if c.claimant else None,
                "status": c.status,
                "rating": v.rating if v else None,
                "truth_score": score(v.rating) if v else None,
                "rationale": v.rationale if v else None,
                "verdict_by": v.actor if v else None,
                "verdict_at": v.at if v else None,
                "date": c.date,
                "context": c.context,
                "tags": list(c.tags),
                "quantities": len(c.quantities),
                "snapshot": first.snapshot if first else None,
                "quote": first.exact if first else None,
                "ref": c.ref,
                "seq": c.seq,
                "at": c.at,
                "actor": c.actor,
            }
        )
    columns = {
        "id": "text",
        "text": "text",
        "claimant": "text",
        "claimant_name": "text",
        "status": pd.CategoricalDtype((*CLAIM_STATUSES, RETRACTED), ordered=True),
        "rating": pd.CategoricalDtype(wb.ratings, ordered=True),
        "truth_score": "float64",
        "rationale": "text",
        "verdict_by": "text",
        "verdict_at": "time",
        "date": "time",
        "context": "text",
        "tags": "object",
        "quantities": "int64",
        "snapshot": "text",
        "quote": "text",
        "ref": "text",
        "seq": "int64",
        "at": "time",
        "actor": "text",
    }
    return _typed_frame(pd, rows, columns)


def evidence_frame(wb: Any, claim: Optional[Any] = None):
    """The evidence linked to one claim, or to every claim when `claim` is None, oldest
    first. Columns: id, claim, stance (categorical), quote, snapshot, snapshot_title,
    source and source_name (the snapshot's publisher), note, credibility, start, end,
    seq, at, actor."""
    pd = require_pandas()
    names = {s.id: s.name for s in wb.sources()}
    snapshots = {s.hash: s for s in wb.snapshots()}
    claim_ids = [claim] if claim is not None else [c.id for c in wb.claims()]
    found = [e for c in claim_ids for e in wb.evidence(c)]
    found.sort(key=lambda e: e.seq)
    rows = []
    for e in found:
        snap = snapshots.get(e.quote.snapshot)
        publisher = snap.publisher if snap else None
        rows.append(
            {
                "id": e.id,
                "claim": e.claim,
                "stance": e.stance,
                "quote": e.quote.exact,
                "snapshot": e.quote.snapshot,
                "snapshot_title": snap.title if snap else None,
                "source": publisher,
                "source_name": names.get(publisher) if publisher else None,
                "note": e.note,
                "credibility": e.credibility,
                "start": e.quote.start,
                "end": e.quote.end,
                "seq": e.seq,
                "at": e.at,
                "actor": e.actor,
            }
        )
    columns = {
        "id": "text",
        "claim": "text",
        "stance": pd.CategoricalDtype(STANCES),
        "quote": "text",
        "snapshot": "text",
        "snapshot_title": "text",
        "source": "text",
        "source_name": "text",
        "note": "text",
        "credibility": "text",
        "start": "int64",
        "end": "int64",
        "seq": "int64",
        "at": "time",
        "actor": "text",
    }
    return _typed_frame(pd, rows, columns)


def reanchor_frame(report: m.ReanchorReport):
    """One row per quote of a :class:`~claimledger.ReanchorReport`, in the order of their
    old position. Columns: claim, evidence (missing for a claim's own quote), status
    (categorical: exact, moved, changed, orphaned), score, needs_review, old_start,
    old_end, old_exact, new_start, new_end, new_exact (missing when orphaned), detail."""
    pd = require_pandas()
    rows = [
        {
            "claim": q.claim,
            "evidence": q.evidence,
            "status": q.status,
            "score": q.score,
            "needs_review": q.needs_review,
            "old_start": q.old.start,
            "old_end": q.old.end,
            "old_exact": q.old.exact,
            "new_start": q.new.start if q.new else None,
            "new_end": q.new.end if q.new else None,
            "new_exact": q.new.exact if q.new else None,
            "detail": q.detail,
        }
        for q in report.quotes
    ]
    columns = {
        "claim": "text",
        "evidence": "text",
        "status": pd.CategoricalDtype(REANCHOR_STATUSES),
        "score": "float64",
        "needs_review": "bool",
        "old_start": "int64",
        "old_end": "int64",
        "old_exact": "text",
        "new_start": "Int64",
        "new_end": "Int64",
        "new_exact": "text",
        "detail": "text",
    }
    return _typed_frame(pd, rows, columns)


def sources_frame(wb: Any):
    """Every source with its reliability and track record, one row each, in the order
    they were added. Columns: id, name, kind, url, affiliation, reliability (ordered
    categorical A–F), ref, attributes (a dict), claims (with a current verdict), rated
    (on the truth axis), score, low, high (NaN when nothing is rated), seq, at, actor."""
    pd = require_pandas()
    report = wb.sources_report(sort_by="name")
    records = report.to_dict("records") if hasattr(report, "to_dict") else list(report)
    tracks = {r["id"]: r for r in records}
    rows = []
    for s in wb.sources():
        t = tracks.get(s.id, {})
        rows.append(
            {
                "id": s.id,
                "name": s.name,
                "kind": s.kind,
                "url": s.url,
                "affiliation": s.affiliation,
                "reliability": s.reliability,
                "ref": s.ref,
                "attributes": dict(s.attributes or {}),
                "claims": t.get("verdicts") or 0,
                "rated": t.get("rated") or 0,
                "score": t.get("score"),
                "low": t.get("low"),
                "high": t.get("high"),
                "seq": s.seq,
                "at": s.at,
                "actor": s.actor,
            }
        )
    columns = {
        "id": "text",
        "name": "text",
        "kind": "text",
        "url": "text",
        "affiliation": "text",
        "reliability": pd.CategoricalDtype(list(RELIABILITY_GRADES), ordered=True),
        "ref": "text",
        "attributes": "object",
        "claims": "int64",
        "rated": "int64",
        "score": "float64",
        "low": "float64",
        "high": "float64",
        "seq": "int64",
        "at": "time",
        "actor": "text",
    }
    return _typed_frame(pd, rows, columns)


# --- from a DataFrame -----------------------------------------------------------------------


def _missing(value: Any) -> bool:
    """None, NaN, NaT and pandas' NA are missing; lists and text are not."""
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - from_frame needs pandas anyway
        return False
    if isinstance(value, (list, tuple, dict)):
        return False
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _plain(key: str, value: Any) -> Any:
    """A cell as the value a record takes: numpy scalars as Python ones, timestamps as
    ``YYYY-MM-DD`` (at midnight) or RFC 3339 text, tag text split on commas."""
    if hasattr(value, "to_pydatetime"):
        value = value.to_pydatetime()
    if isinstance(value, _dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=_dt.timezone.utc)
        value = value.astimezone(_dt.timezone.utc)
        if value.time() == _dt.time(0, 0):
            return value.date().isoformat()
        return value.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    if isinstance(value, _dt.date):
        return value.isoformat()
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        with contextlib.suppress(TypeError, ValueError):
            value = value.item()  # numpy scalar
    if key == "tags":
        if isinstance(value, str):
            return [t.strip() for t in value.split(",") if t.strip()]
        return [str(t) for t in value]
    return value


def from_frame(
    wb: Any,
    frame: Any,
    *,
    what: str = "claims",
    columns: Optional[Mapping[str, str]] = None,
) -> list:
    """Adds one claim (or source, with ``what="sources"``) per row of `frame`, all in one
    transaction through the batch path; returns the ids in row order.

    The columns are the keywords of :meth:`Workbench.add_claim` (``text``, ``claimant``,
    ``appears_in``, ``quote``, ``tags``, ``date``, ``context``, ``ref``, ``provenance``,
    ``verdict``) or ``rating`` and ``rationale`` for a first verdict; for sources those
    of :meth:`Workbench.add_source`. `columns` renames columns first (``{"statement":
    "text"}``). Missing cells (None, NaN, NaT) are left out; timestamps become dates;
    tags may be a list or comma-separated text. An unknown column raises
    :class:`InvalidInputError` naming it; if any row is bad nothing is written.
    """
    pd = require_pandas()
    if not isinstance(frame, pd.DataFrame):
        raise InvalidInputError(
            f"[claimledger.input.frame] from_frame takes a pandas DataFrame, not "
            f"{type(frame).__name__}",
            "claimledger.input.frame",
        )
    if what not in ("claims", "sources"):
        raise InvalidInputError(
            f"[claimledger.input.frame] what={what!r}; accepted: 'claims', 'sources'",
            "claimledger.input.frame",
        )
    accepted = CLAIM_COLUMNS if what == "claims" else SOURCE_COLUMNS
    if columns is not None and not isinstance(columns, Mapping):
        raise InvalidInputError(
            "[claimledger.input.frame] columns must map your column names to ours "
            f"({{'statement': 'text'}}), not {type(columns).__name__}",
            "claimledger.input.frame",
        )
    if columns:
        frame = frame.rename(columns=dict(columns))
    unknown = [str(c) for c in frame.columns if c not in accepted]
    if unknown:
        raise InvalidInputError(
            f"[claimledger.input.frame] unknown column(s) {', '.join(unknown)}; accepted: "
            f"{', '.join(accepted)} (rename with columns={{'yours': 'ours'}} or drop them)",
            "claimledger.input.frame",
        )
    required = "text" if what == "claims" else "name"
    if required not in frame.columns:
        raise InvalidInputError(
            f"[claimledger.input.frame] the frame needs a {required!r} column",
            "claimledger.input.frame",
        )
    names = list(frame.columns)
    records = []
    for row in frame.itertuples(index=False, name=None):
        record = {k: _plain(k, v) for k, v in zip(names, row) if not _missing(v)}
        if what == "claims" and ("rating" in record or "rationale" in record):
            if "verdict" in record:
                raise InvalidInputError(
                    "[claimledger.input.frame] give a verdict either as a 'verdict' column "
                    "or as 'rating' and 'rationale', not both",
                    "claimledger.input.frame",
                )
            rating = record.pop("rating", None)
            rationale = record.pop("rationale", None)
            if rating is not None:
                record["verdict"] = (
                    {"rating": rating, "rationale": rationale} if rationale else rating
                )
        records.append(record)
    if what == "claims":
        return wb.add_claims(records)
    return wb.add_sources(records)
