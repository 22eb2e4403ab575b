"""The claimledger command line: the workbench's verbs on a ledger file.

Every command exits 0 on success and non-zero with a one-line reason on stderr
(``verify`` exits 1 when it finds a problem, ``reanchor`` when a claim needs review).
Commands that print data take ``--json``.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path
from typing import Any, Optional, Sequence

from . import __version__
from .display import Progress, busy
from .errors import Error, InvalidInputError
from .workbench import Workbench

EXAMPLES = """examples:
  claimledger demo                      build the demo desk in ./demo
  claimledger init desk.ledger --scale politifact
  claimledger add-source desk.ledger "Reuters" --kind outlet --url https://www.reuters.com
  claimledger add-snapshot desk.ledger article.txt --published 2024-10-21
  claimledger add-claim desk.ledger "About 28,500 US troops are in South Korea." \\
      --appears-in xxh3-128:... --quote "approximately 28,500 troops"
  claimledger claims desk.ledger --status published --json
  claimledger history desk.ledger clm_...
  claimledger checkpoint desk.ledger -o head.json
  claimledger verify desk.ledger --against head.json
  claimledger report desk.ledger -o report.html
"""


def _as_json(value: Any) -> Any:
    if dataclasses.is_dataclass(value):
        return {k: _as_json(v) for k, v in dataclasses.asdict(value).items()}
    if isinstance(value, (list, tuple)):
        return [_as_json(v) for v in value]
    return value


def _print_json(value: Any) -> None:
    print(json.dumps(_as_json(value), ensure_ascii=False, indent=2))


def _open(args: argparse.Namespace, create: bool = False) -> Workbench:
    return Workbench(args.file, actor=getattr(args, "actor", None), create=create)


def _cmd_demo(args: argparse.Namespace) -> int:
    from .demo import build_demo

    build_demo(args.dir)
    return 0


def _cmd_init(args: argparse.Namespace) -> int:
    existed = Path(args.file).exists()
    with Workbench(args.file, actor=args.actor, scale=args.scale) as wb:
        verb = "opened existing" if existed else "created"
        print(f"{verb} ledger {args.file} (scale {wb.scale}, identity {wb.identity})")
    return 0


def _cmd_add_source(args: argparse.Namespace) -> int:
    with _open(args) as wb:
        source = wb.add_source(
            args.name, kind=args.kind, url=args.url, affiliation=args.affiliation
        )
    print(source.id)
    return 0


def _cmd_add_snapshot(args: argparse.Namespace) -> int:
    content = sys.stdin.buffer.read() if args.path == "-" else Path(args.path).read_bytes()
    with _open(args) as wb:
        snapshot = wb.add_snapshot(
            content,
            url=args.url,
            title=args.title,
            publisher=args.publisher,
            published=args.published,
            retrieved=args.retrieved,
        )
    print(snapshot.hash)
    return 0


def _cmd_add_claim(args: argparse.Namespace) -> int:
    with _open(args) as wb:
        claim = wb.add_claim(
            args.text,
            claimant=args.claimant,
            appears_in=args.appears_in,
            quote=args.quote,
            tags=args.tag or (),
            match_case=not args.ignore_case,
        )
    print(claim.id)
    return 0


def _cmd_link_evidence(args: argparse.Namespace) -> int:
    with _open(args) as wb:
        evidence = wb.link_evidence(
            args.claim,
            args.snapshot,
            quote=args.quote,
            stance=args.stance,
            note=args.note,
            match_case=not args.ignore_case,
            prefix=args.prefix,
            suffix=args.suffix,
        )
    print(evidence.id)
    return 0


def _cmd_set_verdict(args: argparse.Namespace) -> int:
    with _open(args) as wb:
        wb.set_verdict(
            args.claim, args.rating, rationale=args.rationale, evidence=args.evidence or ()
        )
    return 0


def _cmd_set_status(args: argparse.Namespace) -> int:
    with _open(args) as wb:
        wb.set_status(args.claim, args.status)
    return 0


def _cmd_rate_source(args: argparse.Namespace) -> int:
    with _open(args) as wb:
        wb.rate_source(args.source, args.grade, rationale=args.rationale)
    return 0


def _cmd_claims(args: argparse.Namespace) -> int:
    with _open(args) as wb:
        claims = wb.claims(
            status=args.status,
            rating=args.rating,
            claimant=args.claimant,
            tag=args.tag,
            limit=args.limit,
        )
    if args.json:
        _print_json(claims)
        return 0
    for claim in claims:
        rating = claim.verdict.rating if claim.verdict else "-"
        print(f"{claim.id}  {rating:<13} {claim.status:<11} {claim.text}")
    return 0


def _cmd_sources(args: argparse.Namespace) -> int:
    with _open(args) as wb:
        report = wb.sources_report(sort_by=args.sort)
        rows = report.to_dict("records") if hasattr(report, "to_dict") else report
    rows = [
        {k: (None if isinstance(v, float) and v != v else v) for k, v in r.items()} for r in rows
    ]  # NaN (no score) as null
    if args.json:
        _print_json(rows)
        return 0
    for r in rows:
        score = "-" if r["score"] is None else f"{r['score']:.2f} [{r['low']:.2f}, {r['high']:.2f}]"
        print(
            f"{r['id']}  {r['kind']:<15} {r['reliability'] or '-':<2} "
            f"{r['verdicts']:>6} verdicts  score {score:<20} {r['name']}"
        )
    return 0


def _cmd_search(args: argparse.Namespace) -> int:
    if args.snapshots:
        return _search_snapshots(args)
    with _open(args) as wb:
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
    if args.json:
        _print_json(hits)
        return 0
    for hit in hits:
        rating = hit.claim.verdict.rating if hit.claim.verdict else "-"
        print(f"{hit.claim.id}  {hit.score:6.2f}  {rating:<13} {hit.snippet}")
    return 0


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
    with _open(args) as wb:
        hits = wb.search_snapshots(args.query, match=args.match, limit=args.limit)
    if args.json:
        _print_json(hits)
        return 0
    for hit in hits:
        print(f"{hit.snapshot.hash}  {hit.score:6.2f}  {hit.snapshot.url or '-'}")
        print(f"    {hit.snippet}")
    return 0


def _cmd_similar(args: argparse.Namespace) -> int:
    with _open(args) as wb:
        hits = wb.similar(args.text, k=args.k)
    if args.json:
        _print_json(hits)
        return 0
    for hit in hits:
        rating = hit.claim.verdict.rating if hit.claim.verdict else "-"
        print(f"{hit.claim.id}  {hit.score:.2f}  {rating:<13} {hit.claim.text}")
    return 0


def _cmd_candidates(args: argparse.Namespace) -> int:
    with _open(args) as wb:
        found = wb.candidates(args.snapshot, min_score=args.min_score, limit=args.limit)
    if args.json:
        _print_json(found)
        return 0
    for c in found:
        features = " ".join(f"{name}{weight:+.2f}" for name, weight in c.features.items())
        print(f"{c.score:.2f}  [{c.start}:{c.end}]  {c.text}")
        if features:
            print(f"      {features}")
    return 0


def _cmd_reanchor(args: argparse.Namespace) -> int:
    with _open(args) as wb:
        report = wb.reanchor(args.old, args.new)
    if args.json:
        _print_json(report)
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


def _cmd_history(args: argparse.Namespace) -> int:
    with _open(args) as wb:
        events = wb.history(args.id)
    if args.json:
        _print_json(events)
        return 0
    for event in events:
        data = json.dumps(event.data, ensure_ascii=False, sort_keys=True)
        if len(data) > 100:
            data = data[:99] + "…"
        print(f"{event.seq:>6}  {event.at}  {event.actor:<10} {event.type:<16} {data}")
    return 0


def _cmd_verify(args: argparse.Namespace) -> int:
    against: Optional[str] = None
    if args.against:  # checked by verify(), which names what is wrong with it
        against = Path(args.against).read_text(encoding="utf-8")
    with _open(args) as wb, busy(f"verifying {wb.event_count():,} events"):
        report = wb.verify(against=against)
    if args.json:
        _print_json(report)
    else:
        state = "ok" if report.ok else f"{len(report.problems)} problem(s)"
        print(f"{args.file}: {report.events} events checked: {state}")
        for problem in report.problems:
            print(f"  seq {problem.seq:>6}  {problem.kind:<20} {problem.detail}")
        if report.problems and all(p.kind == "projection-mismatch" for p in report.problems):
            print(
                "The events are intact; only the tables of current state differ from them. "
                f"Run 'claimledger rebuild {args.file}' to regenerate the tables."
            )
    return 0 if report.ok else 1


def _cmd_rebuild(args: argparse.Namespace) -> int:
    with _open(args) as wb:
        replayed = wb.rebuild()
        report = wb.verify()
    print(
        f"{args.file}: tables rebuilt from {replayed} events; verify: "
        f"{'ok' if report.ok else 'still failing'}"
    )
    return 0 if report.ok else 1


def _cmd_report(args: argparse.Namespace) -> int:
    from .report import write_report

    with _open(args) as wb:
        with busy(f"verifying {wb.event_count():,} events"):
            verified = wb.verify()
        with Progress(0, "claim cards") as bar:
            path = write_report(
                wb,
                args.output,
                title=args.title,
                limit=args.limit,
                progress=bar,
                verified=verified,
            )
    state = "verified" if verified.ok else f"{len(verified.problems)} PROBLEM(S) found by verify"
    print(f"{path}: report written ({state})")
    return 0


def _cmd_merge(args: argparse.Namespace) -> int:
    with _open(args) as wb:
        report = wb.merge(args.other)
    if args.json:
        _print_json(report)
        return 0
    print(
        f"{args.file}: {report.added} events merged from {args.other} "
        f"({report.skipped} already here)"
    )
    for conflict in report.conflicts:
        print(
            f"  conflict {conflict.claim}: here {conflict.local_rating}, there "
            f"{conflict.other_rating}: set the verdict again to decide"
        )
    return 0


def _cmd_checkpoint(args: argparse.Namespace) -> int:
    with _open(args) as wb:
        text = wb.checkpoint().to_json()
    if args.output:
        Path(args.output).write_text(text + "\n", encoding="utf-8")
    else:
        print(text)
    return 0


def _cmd_import(args: argparse.Namespace) -> int:
    handler = IMPORT_FORMATS.get(args.format)
    if handler is not None:  # a format other than the datasets below
        return handler(args)
    from .datasets import SCALES, load_fever, load_liar

    source = Path(args.input)
    if not source.is_file():
        raise OSError(f"{args.input}: no such file to import")
    scale = SCALES[args.format]
    ledger = Path(args.file)
    existed = ledger.exists()
    load = load_liar if args.format == "liar" else load_fever
    with Workbench(args.file, actor=args.actor, scale=scale) as wb:
        try:
            if wb.scale != scale:
                raise InvalidInputError(
                    f"{args.file} uses the {wb.scale} scale; {args.format.upper()} labels "
                    f"need the {scale} scale: import into a new ledger file",
                    "claimledger.dataset.scale",
                )
            report = load(wb, source, errors=args.errors, batch_size=args.batch_size)
        except BaseException:
            empty = not existed and wb.event_count() <= 1  # only the ledger's first event
            wb.close()
            if empty:  # leave no empty ledger behind a failed import
                for suffix in ("", "-wal", "-shm", "-journal"):
                    Path(str(ledger) + suffix).unlink(missing_ok=True)
            raise
    if args.json:
        _print_json(report)
        return 0
    print(f"{args.file}: {report.summary()}")
    for line, reason in report.skipped:
        print(f"  skipped line {line}: {reason}")
    return 0


def _remove_new_ledger(path: str) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(path + suffix).unlink(missing_ok=True)


def _rating_map(pairs: Optional[Sequence[str]]) -> Optional[dict]:
    if not pairs:
        return None
    mapping = {}
    for pair in pairs:
        name, sep, rating = pair.rpartition("=")
        if not sep or not name.strip() or not rating.strip():
            raise InvalidInputError(
                f"[claimledger.cli.rating_map] --rating-map takes NAME=RATING, not {pair!r}",
                "claimledger.cli.rating_map",
            )
        mapping[name.strip()] = rating.strip()
    return mapping


def _import_claimreview(args: argparse.Namespace) -> int:
    """`import FILE IN --format claimreview`: schema.org ClaimReview JSON-LD."""
    text = sys.stdin.read() if args.input == "-" else Path(args.input).read_text("utf-8")
    existed = Path(args.file).exists()
    with Workbench(args.file, actor=args.actor, scale=args.scale or "default") as wb:
        try:
            result = wb.import_claimreview(text, rating_map=_rating_map(args.rating_map))
        except BaseException:
            empty = not existed and wb.event_count() <= 1  # only the ledger's first event
            wb.close()
            if empty:  # leave no empty ledger behind a failed import
                _remove_new_ledger(args.file)
            raise
    if args.json:
        _print_json(result)
        return 0
    print(
        f"{args.file}: {len(result.added)} claim(s) imported, {len(result.existing)} already "
        f"there, from {args.input} (snapshot {result.snapshot})"
    )
    for note in result.notes:
        print(f"  note: {note}")
    return 0


def _export_claimreview(args: argparse.Namespace) -> int:
    """`export FILE --format claimreview`: a JSON array of ClaimReviews, or JSON Lines."""
    from .claimreview import iter_json_lines

    organisation = None
    if args.org_name:
        organisation = {"name": args.org_name, "url": args.org_url}
    status = None if args.status == "all" else args.status
    with _open(args) as wb:
        reviews = wb.export_claimreviews(
            status=status, organisation=organisation, review_url=args.review_url
        )
    if args.jsonl:
        text = "".join(line + "\n" for line in iter_json_lines(reviews))
    else:
        text = json.dumps(reviews, ensure_ascii=False, indent=2) + "\n"
    if args.output and args.output != "-":
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"{len(reviews)} review(s) written to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    return EXPORT_FORMATS[args.format](args)


def _export_bundle(args: argparse.Namespace) -> int:
    """`export FILE --format bundle -o OUT`: the whole ledger as a verified bundle."""
    if not args.output or args.output == "-":
        raise ValueError("a bundle is written to a file: give -o OUT")
    with _open(args) as wb:
        head = wb.export_bundle(args.output)
    print(f"{head.seq} events written to {args.output} (head {head.hash})", file=sys.stderr)
    return 0


def _import_bundle(args: argparse.Namespace) -> int:
    """`import FILE IN --format bundle`: a new ledger holding exactly the bundle's chain."""
    existed = Path(args.file).exists()
    try:
        with Workbench(args.file, actor=args.actor) as wb:
            head = wb.import_bundle(args.input)
    except Exception:
        if not existed:
            _remove_new_ledger(args.file)
        raise
    print(f"{args.file}: {head.seq} events imported from {args.input}, head {head.hash}")
    return 0


#: `import --format` handlers beyond the datasets that _cmd_import loads itself.
IMPORT_FORMATS = {"claimreview": _import_claimreview, "bundle": _import_bundle}
#: `export --format` handlers; each takes the parsed arguments and returns the exit status.
EXPORT_FORMATS = {"claimreview": _export_claimreview, "bundle": _export_bundle}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="claimledger",
        description="A fact-check workbench kept as an append-only, hash-chained ledger.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"claimledger {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, handler, help: str, example: str, ledger: bool = True):
        p = sub.add_parser(
            name,
            help=help,
            description=help,
            epilog=f"example:\n  {example}",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        if ledger:
            p.add_argument("file", help="the ledger file")
        p.set_defaults(handler=handler)
        return p

    def writer(p):
        p.add_argument("--actor", help="who makes the change (default: your login name)")
        return p

    p = command(
        "demo",
        _cmd_demo,
        "build the demo desk and print a summary",
        "claimledger demo --dir demo",
        ledger=False,
    )
    p.add_argument("--dir", default="demo", help="folder for the demo ledger (default: demo)")

    p = writer(
        command(
            "init",
            _cmd_init,
            "create a ledger (or open an existing one)",
            "claimledger init desk.ledger --scale politifact",
        )
    )
    p.add_argument(
        "--scale", default="default", help="verdict scale: default, politifact, fever, claimskg"
    )

    p = writer(
        command(
            "add-source",
            _cmd_add_source,
            "record a source; prints its id",
            'claimledger add-source desk.ledger "Reuters" --kind outlet',
        )
    )
    p.add_argument("name")
    p.add_argument(
        "--kind", default="outlet", help="outlet, person, organisation, official-record or dataset"
    )
    p.add_argument("--url")
    p.add_argument("--affiliation")

    p = writer(
        command(
            "add-snapshot",
            _cmd_add_snapshot,
            "capture a document's exact bytes; prints its hash",
            "claimledger add-snapshot desk.ledger article.txt --published 2024-10-21",
        )
    )
    p.add_argument("path", help="the document file, or - for standard input")
    p.add_argument("--url")
    p.add_argument("--title")
    p.add_argument("--publisher", help="source id of the publisher")
    p.add_argument("--published", help="YYYY-MM-DD or RFC 3339 time")
    p.add_argument("--retrieved", help="YYYY-MM-DD or RFC 3339 time")

    p = writer(
        command(
            "add-claim",
            _cmd_add_claim,
            "record a claim; prints its id",
            'claimledger add-claim desk.ledger "..." --appears-in xxh3-128:... --quote "..."',
        )
    )
    p.add_argument("text")
    p.add_argument("--claimant", help="source id of who made the claim")
    p.add_argument("--appears-in", help="hash of the snapshot it appears in")
    p.add_argument("--quote", help="the exact words in that snapshot")
    p.add_argument("--tag", action="append", help="a tag (repeat for several)")
    p.add_argument("--ignore-case", action="store_true", help="find the quote in any case")

    p = writer(
        command(
            "link-evidence",
            _cmd_link_evidence,
            "link a claim to a quote in a snapshot; prints the evidence id",
            "claimledger link-evidence desk.ledger clm_... xxh3-128:... "
            '--quote "..." --stance supports',
        )
    )
    p.add_argument("claim")
    p.add_argument("snapshot")
    p.add_argument("--quote", required=True)
    p.add_argument("--stance", required=True, help="supports, refutes or context")
    p.add_argument("--note")
    p.add_argument("--ignore-case", action="store_true", help="find the quote in any case")
    p.add_argument("--prefix", help="text just before the quote, when it occurs more than once")
    p.add_argument("--suffix", help="text just after the quote, when it occurs more than once")

    p = writer(
        command(
            "set-verdict",
            _cmd_set_verdict,
            "record a verdict on a claim",
            "claimledger set-verdict desk.ledger clm_... mostly-true "
            '--rationale "..." --evidence evd_...',
        )
    )
    p.add_argument("claim")
    p.add_argument("rating")
    p.add_argument("--rationale", required=True)
    p.add_argument("--evidence", action="append", help="an evidence id (repeat for several)")

    p = writer(
        command(
            "set-status",
            _cmd_set_status,
            "move a claim through review",
            "claimledger set-status desk.ledger clm_... published",
        )
    )
    p.add_argument("claim")
    p.add_argument("status", help="new, in-progress, reviewed or published")

    p = writer(
        command(
            "rate-source",
            _cmd_rate_source,
            "rate a source's reliability (Admiralty A-F)",
            'claimledger rate-source desk.ledger src_... B --rationale "..."',
        )
    )
    p.add_argument("source")
    p.add_argument("grade")
    p.add_argument("--rationale", required=True)

    p = command(
        "claims",
        _cmd_claims,
        "list claims",
        "claimledger claims desk.ledger --status published --json",
    )
    p.add_argument("--status")
    p.add_argument("--rating")
    p.add_argument("--claimant")
    p.add_argument("--tag")
    p.add_argument("--limit", type=int)
    p.add_argument("--json", action="store_true", help="print JSON")

    p = command(
        "search",
        _cmd_search,
        "find claims by their words (ranked, with snippets)",
        'claimledger search desk.ledger "troops korea" --status published',
    )
    p.add_argument("query")
    p.add_argument("--status")
    p.add_argument("--rating")
    p.add_argument("--tag")
    p.add_argument("--since", help="claims made on or after this date")
    p.add_argument("--until", help="claims made on or before this date")
    p.add_argument("--match", default="all", choices=["all", "any"])
    p.add_argument("--limit", type=int, default=10)
    p.add_argument(
        "--snapshots", action="store_true", help="search the texts of the snapshots instead"
    )
    p.add_argument("--json", action="store_true", help="print JSON")

    p = command(
        "similar",
        _cmd_similar,
        "checked before? the existing claims most like a text, with their verdicts",
        'claimledger similar desk.ledger "South Korea hosts 28,500 US soldiers"',
    )
    p.add_argument("text")
    p.add_argument("-k", type=int, default=5, help="how many (default 5)")
    p.add_argument("--json", action="store_true", help="print JSON")

    p = command(
        "candidates",
        _cmd_candidates,
        "the check-worthy sentences of a snapshot, best first, with the features that scored them",
        "claimledger candidates desk.ledger xxh3-128:… --limit 5",
    )
    p.add_argument("snapshot", help="the snapshot's hash")
    p.add_argument("--limit", type=int, help="show at most this many")
    p.add_argument("--min-score", type=float, default=0.0, help="hide lower scores")
    p.add_argument("--json", action="store_true", help="print JSON")

    p = command(
        "reanchor",
        _cmd_reanchor,
        "a source edited its article: where every quote of the OLD snapshot is in the NEW one "
        "(exact, moved, changed or orphaned) and which claims need review; exit 1 when any does",
        "claimledger reanchor desk.ledger xxh3-128:<old> xxh3-128:<new>",
    )
    p.add_argument("old", help="hash of the snapshot the quotes were taken from")
    p.add_argument("new", help="hash of the new version of the document")
    p.add_argument("--json", action="store_true", help="print JSON")

    p = command(
        "sources",
        _cmd_sources,
        "every source with its reliability and track record (smoothed truth score and 95%% "
        "interval)",
        "claimledger sources desk.ledger --sort volume",
    )
    p.add_argument("--sort", default="score", choices=["score", "volume", "name"])
    p.add_argument("--json", action="store_true", help="print JSON")

    p = command(
        "history",
        _cmd_history,
        "every event that touched a claim or source",
        "claimledger history desk.ledger clm_...",
    )
    p.add_argument("id")
    p.add_argument("--json", action="store_true", help="print JSON")

    p = command(
        "verify",
        _cmd_verify,
        "check every hash, link, snapshot and table; exit 1 on any problem",
        "claimledger verify desk.ledger --against head.json",
    )
    p.add_argument("--against", help="a checkpoint file written by 'claimledger checkpoint'")
    p.add_argument("--json", action="store_true", help="print JSON")

    command(
        "rebuild",
        _cmd_rebuild,
        "regenerate the tables of current state from intact events",
        "claimledger rebuild desk.ledger",
    )

    p = writer(
        command(
            "merge",
            _cmd_merge,
            "bring another desk's events (a ledger file or a bundle) into this ledger",
            "claimledger merge desk.ledger colleague.ledger",
        )
    )
    p.add_argument("other", help="the other desk: a ledger file or a bundle")
    p.add_argument("--json", action="store_true", help="print JSON")

    p = command(
        "checkpoint",
        _cmd_checkpoint,
        "print the head of the chain to keep elsewhere",
        "claimledger checkpoint desk.ledger -o head.json",
    )
    p.add_argument("-o", "--output", help="write it to this file")

    p = writer(
        command(
            "import",
            _cmd_import,
            "load a LIAR (TSV) or FEVER (JSON or JSON Lines) dataset file, schema.org "
            "ClaimReview JSON-LD, or a bundle into a new ledger; the ledger is created with "
            "the scale the format needs",
            "claimledger import liar.ledger train.tsv --format liar --errors skip",
        )
    )
    p.add_argument("input", help="the dataset file")
    p.add_argument(
        "--format",
        required=True,
        choices=["liar", "fever", *IMPORT_FORMATS],
        help="liar (PolitiFact statements, 14 tab-separated columns; scale politifact), "
        "fever (claims with SUPPORTS/REFUTES/NOT ENOUGH INFO; scale fever) or claimreview "
        "(one ClaimReview, a JSON array of them or a @graph; - reads standard input)",
    )
    p.add_argument(
        "--rating-map",
        action="append",
        metavar="NAME=RATING",
        help="claimreview: read the textual rating NAME (alternateName, any case) as RATING "
        "of the ledger's scale; repeat for several",
    )
    p.add_argument(
        "--scale",
        help="claimreview: the verdict scale of a new ledger (default: default)",
    )
    p.add_argument(
        "--errors",
        choices=["raise", "skip"],
        default="raise",
        help="raise: stop at malformed rows and load nothing (default); skip: load the good "
        "rows and list the bad ones",
    )
    p.add_argument(
        "--batch-size", type=int, default=5000, help="rows per transaction (default: 5000)"
    )
    p.add_argument("--json", action="store_true", help="print the load report as JSON")

    p = command(
        "export",
        _cmd_export,
        "write the claims' current verdicts as schema.org ClaimReview JSON-LD, or the whole "
        "ledger as a verified bundle (--format bundle -o desk.jsonl)",
        "claimledger export desk.ledger --format claimreview -o reviews.json --status all",
    )
    p.add_argument("--format", required=True, choices=list(EXPORT_FORMATS))
    p.add_argument("-o", "--output", help="write to this file (default: standard output)")
    p.add_argument("--jsonl", action="store_true", help="JSON Lines: one review per line")
    p.add_argument(
        "--status",
        default="published",
        help="export the claims with this status (default: published), or all: every claim "
        "with a verdict",
    )
    p.add_argument("--org-name", help="the desk's organisation, the reviews' author")
    p.add_argument("--org-url", help="the desk's organisation's web site")
    p.add_argument(
        "--review-url",
        help="each review's URL; {claim} stands for the claim id (default: "
        "urn:claimledger:<ledger identity>:<claim id>)",
    )

    p = command(
        "report",
        _cmd_report,
        "write the desk as one self-contained HTML page: verify status, claims, verdicts, "
        "evidence quotes, sources and track records",
        "claimledger report desk.ledger -o report.html",
    )
    p.add_argument(
        "-o", "--output", default="report.html", help="the HTML file (default: report.html)"
    )
    p.add_argument("--title", help="the page's title (default: the ledger's file name)")
    p.add_argument("--limit", type=int, help="show at most this many claim cards")
    return parser


def _fail(error: BaseException) -> int:
    """Prints the one-line reason for a failed command and returns the exit status."""
    reason = " ".join(str(error).splitlines()) or type(error).__name__
    print(f"claimledger: {reason}", file=sys.stderr)
    return 1


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except (Error, OSError, ValueError) as error:
        return _fail(error)
    except KeyboardInterrupt:
        print("claimledger: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
