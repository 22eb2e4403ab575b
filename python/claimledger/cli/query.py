"""Sub-commands that read a desk: ``claims``, ``search``, ``similar``, ``candidates``,
``reanchor``, ``sources`` and ``history``. Each prints one line per item, or JSON with
``--json``."""

from __future__ import annotations

import argparse
import json

from ..errors import InvalidInputError
from ..model import Candidate, Claim, Event, SearchHit, SimilarHit
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
    return f"{hit.claim.id}  {hit.score:6.2f}  {rating:<13} {hit.snippet}"


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
    """The candidate, then the features that scored it on a second line (if any)."""
    features = " ".join(f"{name}{weight:+.2f}" for name, weight in c.features.items())
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
    "every source with its reliability and track record (smoothed truth score and 95%% interval)",
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
    "every event that touched a claim or source",
    "claimledger history desk.ledger clm_...",
    arg("id"),
    JSON_OPTION,
)
def history(args: argparse.Namespace) -> int:
    with open_ledger(args) as wb:
        events = wb.history(args.id)
    return print_items(args, events, _event_line)


def _event_line(event: Event) -> str:
    data = json.dumps(event.data, ensure_ascii=False, sort_keys=True)
    if len(data) > 100:
        data = data[:99] + "…"
    return f"{event.seq:>6}  {event.at}  {event.actor:<10} {event.type:<16} {data}"


COMMANDS = (claims, search, similar, candidates, reanchor, sources, history)
