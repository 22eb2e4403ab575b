"""The demo desk: the main job of claimledger, end to end, on the embedded SQLite ledger.

It captures our sample article about North Korea and Russia and three evidence
documents (all written for this project and shipped in ``claimledger/data``), records
the article's checkable claims with their quotes, links evidence, records verdicts (one
revised, so its history shows two), moves claims through review, rates the sources,
captures the fact sheet again after its publisher edited it and re-anchors the quotes
linked to it (one exact, one moved, one changed: its claim needs review), verifies the
ledger and saves a checkpoint. The script of the desk is
``data/demo_desk.json``.

It uses the workbench's ledger operations only, like the notebook and interop layers
beside it; ``claimledger demo`` (the command line) calls :func:`build_demo`.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from importlib import resources
from pathlib import Path
from typing import Callable, Optional

from .files import remove_ledger_files
from .workbench import LedgerWorkbench

__all__ = ["build_demo", "DEMO_LEDGER"]

DEMO_LEDGER = "desk.ledger"


def _data(name: str) -> str:
    return resources.files("claimledger").joinpath("data", name).read_text(encoding="utf-8")


def _number(value: float, unit: str = "") -> str:
    if unit == "year":  # 1953, not 1,953
        return f"{value:.0f}"
    if unit == "date":  # yyyymmdd as 2024-06-19
        n = int(value)
        return f"{n // 10000:04d}-{n // 100 % 100:02d}-{n % 100:02d}"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,g}"


def build_demo(
    folder: os.PathLike[str] | str = "demo", say: Optional[Callable[[str], None]] = print
) -> Path:
    """Builds the demo desk in `folder` (replacing an earlier demo ledger there) and
    returns the ledger's path. `say` receives the summary lines (None: silent)."""
    say = say or (lambda line: None)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / DEMO_LEDGER
    if path.exists():
        with LedgerWorkbench(path, actor="demo", create=False):
            pass  # raises StorageError, touching nothing, if it is not a ledger
        remove_ledger_files(path)

    script = json.loads(_data("demo_desk.json"))
    with LedgerWorkbench(path, actor="alice") as wb:
        sources = {}
        for s in script["sources"]:
            sources[s["key"]] = wb.add_source(
                s["name"], kind=s["kind"], url=s.get("url"), affiliation=s.get("affiliation")
            ).id
        snapshots = {}
        for s in script["snapshots"]:
            snapshots[s["key"]] = wb.add_snapshot(
                _data(s["file"]),
                url=s.get("url"),
                title=s.get("title"),
                publisher=sources.get(s.get("publisher")),
                published=s.get("published"),
                retrieved=s.get("retrieved"),
            ).hash
        claims = {}
        for c in script["claims"]:
            claims[c["key"]] = wb.add_claim(
                c["text"],
                claimant=sources.get(c.get("claimant")),
                appears_in=snapshots[c["appears_in"]],
                quote=c["quote"],
                tags=c.get("tags", ()),
            ).id
        evidence = {}
        for e in script["evidence"]:
            evidence[e["key"]] = wb.link_evidence(
                claims[e["claim"]],
                snapshots[e["snapshot"]],
                quote=e["quote"],
                stance=e["stance"],
                note=e.get("note"),
            ).id
        for v in script["verdicts"]:
            wb.actor = v.get("actor", "alice")
            wb.set_verdict(
                claims[v["claim"]],
                v["rating"],
                rationale=v["rationale"],
                evidence=[evidence[k] for k in v.get("evidence", ())],
            )
        for s in script["statuses"]:
            wb.actor = s.get("actor", "alice")
            wb.set_status(claims[s["claim"]], s["status"])
        for r in script["ratings"]:
            wb.actor = r.get("actor", "alice")
            wb.rate_source(sources[r["source"]], r["grade"], rationale=r["rationale"])

        # The fact sheet is captured again after its publisher edited it: where do the
        # quotes linked to the first capture stand now?
        revisions = []
        for r in script.get("revisions", ()):
            wb.actor = r.get("actor", "alice")
            first = wb.snapshot(snapshots[r["of"]])
            again = wb.add_snapshot(
                _data(r["file"]),
                url=first.url,
                title=first.title,
                publisher=first.publisher,
                published=r.get("published"),
                retrieved=r.get("retrieved"),
            )
            snapshots[r["key"]] = again.hash
            revisions.append((r, wb.reanchor(first.hash, again.hash)))

        report = wb.verify()
        checkpoint = wb.checkpoint()
        (folder / "checkpoint.json").write_text(checkpoint.to_json() + "\n", encoding="utf-8")

        say(f"claimledger demo desk: {path}")
        say(
            f"  {len(wb.sources())} sources, {len(wb.snapshots())} snapshots, "
            f"{len(claims)} claims, {len(evidence)} evidence links, {wb.event_count()} events"
        )
        article = wb.snapshot(snapshots["article"])
        say(f'  article {article.hash}  "{article.title}"')
        for claim in wb.claims():
            rating = claim.verdict.rating if claim.verdict else "(no verdict)"
            say(f"  {claim.id}  {rating:<13} {claim.status:<11} {claim.text}")
            comparisons = wb.compare_quantities(claim.id)
            for q in claim.quantities:
                shown = (
                    _number(q.value, q.unit)
                    if q.value is not None
                    else (f"{_number(q.low, q.unit)}–{_number(q.high, q.unit)}")
                )
                say(f"      quantity: {q.text!r} -> {shown} {q.unit} {q.qualifier}".rstrip())
                for k in comparisons:
                    if k.claimed == q:
                        say(f"        {k.outcome} beside {k.found.text!r} ({k.stance} evidence)")
        revised = next(c for c in claims.values() if len(wb.verdicts(c)) > 1)
        say(f"  verdict history of {revised}:")
        for v in wb.verdicts(revised):
            say(f"      {v.at}  {v.actor:<6} {v.rating}")
        for r, moved in revisions:
            counts = Counter(q.status for q in moved.quotes)
            shown = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
            say(f"  {r['of']} captured again on {r['retrieved'][:10]}: its quotes are {shown}")
            for q in moved.quotes:
                if q.status != "exact":
                    say(f"      {q.status:<8} {q.detail}")
            for review in moved.needs_review:
                say(f"      needs review: {review.claim} (rated {review.rating or 'nothing yet'})")
        say(f"  verify: {'ok' if report.ok else 'PROBLEMS'} ({report.events} events checked)")
        for problem in report.problems:
            say(f"      seq {problem.seq} {problem.kind}: {problem.detail}")
        say(
            f"  checkpoint: seq {checkpoint.seq} {checkpoint.hash} "
            f"(saved to {folder / 'checkpoint.json'})"
        )
    return path
