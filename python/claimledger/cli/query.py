"""Sub-commands that read a desk: ``claims``, ``claim`` (one claim's card), ``show`` (what
any id names), ``snapshots``, ``evidence``, ``search``, ``similar``, ``candidates``,
``reanchor``, ``sources`` and ``history``. Each prints one line per item (a card for one
thing), or JSON with ``--json``."""

from __future__ import annotations

import argparse
import json
from typing import Any

from ..desk import Workbench
from ..errors import InvalidInputError, NotFoundError
from ..model import Candidate, Claim, Evidence, SearchHit, SimilarHit, Snapshot
from ..notebook.display import ClaimCard, SourceCard, history_text, short_hash
from ..vocabulary import REANCHOR_STATUSES
from .common import JSON_OPTION, arg, command, one_of, open_ledger, print_items, print_json


@command(
    "claims",
    "list claims",
    "claimledger claims desk.ledger --status published --json",
    arg("--status"),
    arg("--rating"),
    arg("--claimant"),
    arg("--tag"),
    arg("--limit", type=int),
    arg(
        "--conflict",
        action="store_true",
        help="only claims with a verdict conflict from a merge not yet decided",
    ),
    JSON_OPTION,
)
def claims(args: argparse.Namespace) -> int:
    with open_ledger(args) as wb:
        found = wb.claims(
            status=args.status,
            rating=args.rating,
            claimant=args.claimant,
            tag=args.tag,
            limit=args.limit,
            conflict=args.conflict,
        )
    return print_items(args, found, _claim_line)


def _claim_line(claim: Claim) -> str:
    rating = claim.verdict.rating if claim.verdict else "-"
    conflict = "  [conflict from a merge]" if claim.conflict is not None else ""
    return f"{claim.id}  {rating:<13} {claim.status:<11} {claim.text}{conflict}"


def _print_claim(args: argparse.Namespace, wb: Workbench, claim_id: str) -> int:
    """The claim's card (its evidence and verdicts too with ``--json``)."""
    card = ClaimCard.from_workbench(wb, claim_id)
    if args.json:
        print_json({"claim": card.claim, "evidence": card.evidence, "verdicts": card.verdicts})
    else:
        print(repr(card))
    return 0


@command(
    "claim",
    "one claim as a card: its text, claimant, status, verdict, quantities, quotes and evidence",
    "claimledger claim desk.ledger clm_...",
    arg("id", help="the claim's id"),
    JSON_OPTION,
)
def claim(args: argparse.Namespace) -> int:
    with open_ledger(args) as wb:
        return _print_claim(args, wb, args.id)


def _snapshot_lines(wb: Workbench, snapshot: Snapshot) -> str:
    names = {s.id: s.name for s in wb.sources()} if snapshot.publisher else {}
    rows = [
        ("title", snapshot.title),
        ("url", snapshot.url),
        ("publisher", names.get(snapshot.publisher, snapshot.publisher)),
        ("published", snapshot.published),
        ("retrieved", snapshot.retrieved),
        ("size", f"{snapshot.size:,} bytes"),
        ("sha256", snapshot.sha256),
        ("captured", f"{snapshot.at} by {snapshot.actor} (event {snapshot.seq})"),
    ]
    return "\n".join([f"Snapshot {snapshot.hash}"] + [f"  {k:<10} {v}" for k, v in rows if v])


def _find_evidence(wb: Workbench, evidence_id: str) -> Evidence:
    """The evidence `evidence_id`, found through the event that linked it."""
    for event in wb.history(evidence_id):  # raises NotFoundError for an id no event names
        if event.type == "evidence.linked":
            for found in wb.evidence(event.data["claim"]):
                if found.id == evidence_id:
                    return found
    raise NotFoundError(
        f"[claimledger.evidence.not_found] no evidence {evidence_id!r} in this ledger",
        "claimledger.evidence.not_found",
    )


def _show_one(args: argparse.Namespace, wb: Workbench) -> Any:
    """What ``show`` prints for ``args.id``: a record for --json, else text."""
    item = args.id
    if item.startswith("clm_"):
        return _print_claim(args, wb, item)
    if item.startswith("src_"):
        card = SourceCard.from_workbench(wb, item)
        shown: Any = {"source": card.source, "ratings": card.ratings}
        shown["track_record"] = card.track_record
        text = repr(card)
    elif item.startswith("evd_"):
        shown = _find_evidence(wb, item)
        text = _evidence_line(shown)
    else:
        shown = wb.snapshot(item)
        text = _snapshot_lines(wb, shown)
    if args.json:
        print_json(shown)
    else:
        print(text)
    return 0


@command(
    "show",
    "whatever an id names: a claim (clm_…) as its card, a source (src_…) with its ratings and "
    "track record, a piece of evidence (evd_…) or a snapshot (xxh3-128:…)",
    "claimledger show desk.ledger src_...",
    arg("id", help="a claim, source or evidence id, or a snapshot's hash"),
    JSON_OPTION,
)
def show(args: argparse.Namespace) -> int:
    with open_ledger(args) as wb:
        return _show_one(args, wb)


def _snapshot_line(s: Snapshot) -> str:
    published = (s.published or "-")[:10]
    return f"{s.hash}  {published:<10} {s.size:>9,} B  {s.title or s.url or '-'}"


@command(
    "snapshots",
    "list the captured documents: hash, published date, size and title (or url)",
    "claimledger snapshots desk.ledger --json",
    JSON_OPTION,
)
def snapshots(args: argparse.Namespace) -> int:
    with open_ledger(args) as wb:
        found = wb.snapshots()
    return print_items(args, found, _snapshot_line)


def _evidence_line(e: Evidence) -> str:
    credibility = f" credibility {e.credibility}" if e.credibility else ""
    note = f"\n      note: {e.note}" if e.note else ""
    return (
        f'{e.id}  {e.stance:<8} "{e.quote.exact}"  in {short_hash(e.quote.snapshot)}'
        f"{credibility}{note}"
    )


@command(
    "evidence",
    "the evidence linked to a claim: stance, the exact quote, the snapshot it is from",
    "claimledger evidence desk.ledger clm_...",
    arg("claim", help="the claim's id"),
    JSON_OPTION,
)
def evidence(args: argparse.Namespace) -> int:
    with open_ledger(args) as wb:
        found = wb.evidence(args.claim)
    return print_items(args, found, _evidence_line)


@command(
    "search",
    "find claims by their words (ranked, with snippets)",
    'claimledger search desk.ledger "troops korea" --status published',
    arg("query"),
    arg("--status"),
    arg("--rating"),
    arg("--tag"),
    arg("--since", help="claims made on or after this date"),
    arg("--until", help="claims made on or before this date"),
    arg("--match", default="all", choices=["all", "any"]),
    arg("--limit", type=int, default=10),
    arg("--snapshots", action="store_true", help="search the texts of the snapshots instead"),
    JSON_OPTION,
)
def search(args: argparse.Namespace) -> int:
    if args.snapshots:
        return _search_snapshots(args)
    with open_ledger(args) as wb:
        hits = wb.search(
            args.query,
            status=args.status,
            rating=args.rating,
            tag=args.tag,
            since=args.since,
            until=args.until,
            match=args.match,
            limit=args.limit,
        )
    return print_items(args, hits, _search_hit_line)


def _search_hit_line(hit: SearchHit) -> str:
    rating = hit.claim.verdict.rating if hit.claim.verdict else "-"
    # A claim's text and its context are searched as one text, a line each: one line a hit here.
    snippet = hit.snippet.replace("\n", " — ")
    return f"{hit.claim.id}  {hit.score:6.2f}  {rating:<13} {snippet}"


def _search_snapshots(args: argparse.Namespace) -> int:
    used = [
        f"--{name}" for name in ("status", "rating", "tag", "since", "until") if getattr(args, name)
    ]
    if used:
        raise InvalidInputError(
            f"[claimledger.search.filter] {', '.join(used)} filter claims, not snapshots; "
            "leave them out with --snapshots",
            "claimledger.search.filter",
        )
    with open_ledger(args) as wb:
        hits = wb.search_snapshots(args.query, match=args.match, limit=args.limit)
    return print_items(
        args,
        hits,
        lambda hit: (
            f"{hit.snapshot.hash}  {hit.score:6.2f}  {hit.snapshot.url or '-'}\n    {hit.snippet}"
        ),
    )


@command(
    "similar",
    "checked before? the existing claims most like a text, with their verdicts",
    'claimledger similar desk.ledger "South Korea hosts 28,500 US soldiers"',
    arg("text"),
    arg("-k", type=int, default=5, help="how many (default 5)"),
    JSON_OPTION,
)
def similar(args: argparse.Namespace) -> int:
    with open_ledger(args) as wb:
        hits = wb.similar(args.text, k=args.k)
    return print_items(args, hits, _similar_hit_line)


def _similar_hit_line(hit: SimilarHit) -> str:
    rating = hit.claim.verdict.rating if hit.claim.verdict else "-"
    return f"{hit.claim.id}  {hit.score:.2f}  {rating:<13} {hit.claim.text}"


@command(
    "candidates",
    "the check-worthy sentences of a snapshot, best first, with the features that scored them",
    "claimledger candidates desk.ledger xxh3-128:… --limit 5",
    arg("snapshot", help="the snapshot's hash"),
    arg("--limit", type=int, help="show at most this many"),
    arg("--min-score", type=float, default=0.0, help="hide lower scores"),
    JSON_OPTION,
)
def candidates(args: argparse.Namespace) -> int:
    with open_ledger(args) as wb:
        found = wb.candidates(args.snapshot, min_score=args.min_score, limit=args.limit)
    return print_items(args, found, _candidate_lines)


def _candidate_lines(c: Candidate) -> str:
    """The candidate, then the features that scored it on a second line (if any): the
    sentence features, then the cue words, each with its points (thousandths exact)."""
    features = " ".join(f"{name}{weight:+.3f}" for name, weight in c.features.items())
    line = f"{c.score:.2f}  [{c.start}:{c.end}]  {c.text}"
    return f"{line}\n      {features}" if features else line


@command(
    "reanchor",
    "a source edited its article: where every quote of the OLD snapshot is in the NEW one "
    f"({one_of(REANCHOR_STATUSES)}) and which claims need review; exit 1 when any does",
    "claimledger reanchor desk.ledger xxh3-128:<old> xxh3-128:<new>",
    arg("old", help="hash of the snapshot the quotes were taken from"),
    arg("new", help="hash of the new version of the document"),
    JSON_OPTION,
)
def reanchor(args: argparse.Namespace) -> int:
    with open_ledger(args) as wb:
        report = wb.reanchor(args.old, args.new)
    if args.json:
        print_json(report)
        return 1 if report.needs_review else 0
    counts = ", ".join(f"{n} {status}" for status, n in report.counts.items() if n)
    print(
        f"{args.old} -> {args.new}: {len(report.quotes)} quote(s)"
        + (f": {counts}" if counts else "")
    )
    for q in report.quotes:
        old = f"[{q.old.start}:{q.old.end}] {json.dumps(q.old.exact, ensure_ascii=False)}"
        line = f"  {q.status:<8}  {q.evidence or q.claim}  {old}"
        if q.status == "moved":
            line += f" -> [{q.new.start}:{q.new.end}]"
        elif q.status == "changed":
            new = json.dumps(q.new.exact, ensure_ascii=False)
            line += f" -> [{q.new.start}:{q.new.end}] {new} (similarity {q.score:.2f})"
        elif q.status == "orphaned":
            line += f": {q.detail}"
        print(line)
    if report.needs_review:
        print(f"{len(report.needs_review)} claim(s) need review:")
    for r in report.needs_review:
        rests = [*r.evidence, *(["its own quote"] if r.appearance else [])]
        cites = " (its verdict cites this evidence)" if r.verdict_cites else ""
        print(f"  {r.claim}  {r.rating or '-':<13} {', '.join(rests)}{cites}")
    return 1 if report.needs_review else 0


@command(
    "sources",
    "every source with its reliability and track record (smoothed truth score and 95% interval)",
    "claimledger sources desk.ledger --sort volume",
    arg("--sort", default="score", choices=["score", "volume", "name"]),
    JSON_OPTION,
)
def sources(args: argparse.Namespace) -> int:
    with open_ledger(args) as wb:
        report = wb.sources_report(sort_by=args.sort)
        rows = report.to_dict("records") if hasattr(report, "to_dict") else report
    rows = [
        {k: (None if isinstance(v, float) and v != v else v) for k, v in r.items()} for r in rows
    ]  # NaN (no score) as null
    return print_items(args, rows, _source_line)


def _source_line(r: dict) -> str:
    score = "-" if r["score"] is None else f"{r['score']:.2f} [{r['low']:.2f}, {r['high']:.2f}]"
    return (
        f"{r['id']}  {r['kind']:<15} {r['reliability'] or '-':<2} "
        f"{r['verdicts']:>6} verdicts  score {score:<20} {r['name']}"
    )


@command(
    "history",
    "every event that touched a claim, source, piece of evidence or snapshot, oldest first: "
    "who changed what and when, with each rationale in full (verdict changes marked *)",
    "claimledger history desk.ledger clm_...",
    arg("id"),
    JSON_OPTION,
)
def history(args: argparse.Namespace) -> int:
    with open_ledger(args) as wb:
        events = wb.history(args.id)
        names = {s.id: s.name for s in wb.sources()} if not args.json else {}
    if args.json:
        print_json(events)
    else:
        print(history_text(events, names=names, full=True))
    return 0


COMMANDS = (
    claims,
    claim,
    show,
    snapshots,
    evidence,
    search,
    similar,
    candidates,
    reanchor,
    sources,
    history,
)
