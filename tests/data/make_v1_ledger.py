"""Writes ledger_v1.cldg and ledger_v1_answers.json, the schema-version-1 fixture.

The fixture was made once, with the core at schema version 1 (commit 4706ee7), by

    .venv/bin/python tests/data/make_v1_ledger.py

and is committed as it came out: running this script with a newer core writes a file of
the newer schema, which is not what the upgrade test needs. The answers file holds what
every query gave on that v1 file, so tests/python/test_schema_upgrade.py can check that a
newer core opening (and upgrading) a copy answers the same.
"""

import dataclasses
import json
import os
import sys
from pathlib import Path

import claimledger

HERE = Path(__file__).resolve().parent
LEDGER = HERE / "ledger_v1.cldg"
ANSWERS = HERE / "ledger_v1_answers.json"


def plain(value):
    """Model objects as JSON-ready values (dataclasses as dicts, tuples as lists)."""
    if dataclasses.is_dataclass(value):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def answers(wb):
    """Every read query of the workbench on the fixture's entities."""
    claims = wb.claims(limit=1000)
    sources = wb.sources()
    out = {
        "event_count": wb.event_count(),
        "sources": plain(sources),
        "snapshots": plain(wb.snapshots()),
        "claims": plain(claims),
        "claims_by_status": plain(wb.claims(status="reviewed")),
        "claims_by_rating": plain(wb.claims(rating="false")),
        "claims_by_tag": plain(wb.claims(tag="economy")),
        "search": plain(wb.search("troops")),
        "similar": plain(wb.similar("The army deployed 28,500 troops along the border")),
        "sources_report": plain(wb.sources_report().to_dict(orient="records")),
    }
    for claim in claims:
        out["evidence " + claim.id] = plain(wb.evidence(claim.id))
        out["verdicts " + claim.id] = plain(wb.verdicts(claim.id))
        out["history " + claim.id] = plain(wb.history(claim.id))
    for source in sources:
        out["track_record " + source.id] = plain(wb.track_record(source.id))
        out["source_ratings " + source.id] = plain(wb.source_ratings(source.id))
        out["history " + source.id] = plain(wb.history(source.id))
    return out


def main():
    if LEDGER.exists():
        sys.exit(f"{LEDGER.name} exists; remove it first (it is meant to be made once)")
    wb = claimledger.open(LEDGER, actor="fixture", scale="politifact")
    reuters = wb.add_source("Reuters", kind="outlet", url="https://www.reuters.com")
    [senator, mayor] = wb.add_sources(
        [
            {
                "name": "Jane Senator",
                "kind": "person",
                "ref": "liar:speaker:jane-senator",
                "attributes": {"party": "independent", "state": "Ohio"},
            },
            {"name": "Mayor Bob", "kind": "person", "affiliation": "City Hall"},
        ]
    )
    wb.rate_source(reuters.id, "B", rationale="usually reliable")
    wb.rate_source(senator, "C", rationale="mixed record")
    article = wb.add_snapshot(
        "The army deployed about 28,500 troops along the border, up 12% on 2019. "
        "Unemployment fell to 3.9% in March.",
        url="https://example.org/news/1",
        title="Border news",
        publisher=reuters.id,
        published="2024-03-02",
    )
    first = wb.add_claim(
        "The army deployed about 28,500 troops along the border, up 12% on 2019.",
        claimant=senator,
        appears_in=article.hash,
        tags=["defence", "border"],
        date="2024-03-01",
        context="a campaign speech",
        ref="liar:1.json",
        provenance={"dataset": "fixture", "line": 1},
    )
    ids = wb.add_claims(
        [
            {
                "text": "Unemployment fell to 3.9% in March.",
                "claimant": senator,
                "tags": ["economy"],
                "verdict": "mostly-true",
                "date": "2023-04-02",
            },
            {
                "text": "The city spent $4 million on potholes last year.",
                "claimant": mayor,
                "tags": ["economy", "city"],
                "verdict": {"rating": "false", "rationale": "budget says $1.2 million"},
            },
            {"text": "Crime doubled since 2010.", "claimant": mayor, "verdict": "pants-fire"},
            {"text": "Our schools are the best in the state.", "ref": "liar:4.json"},
        ]
    )
    evidence = wb.link_evidence(
        first.id, article.hash, quote="about 28,500 troops", stance="supports", credibility="2"
    )
    wb.set_verdict(first.id, "half-true", rationale="close", evidence=[evidence.id])
    wb.set_verdict(first.id, "mostly-true", rationale="closer reading", evidence=[evidence.id])
    wb.set_status(first.id, "reviewed")
    wb.set_status(ids[1], "in-progress")
    report = wb.verify()
    assert report.ok, report
    result = answers(wb)
    wb.close()
    # One file: fold the WAL into the database so the fixture is self-contained.
    import sqlite3

    with sqlite3.connect(LEDGER) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.execute("PRAGMA journal_mode=DELETE")
    for suffix in ("-wal", "-shm"):
        if os.path.exists(str(LEDGER) + suffix):
            os.remove(str(LEDGER) + suffix)
    ANSWERS.write_text(json.dumps(result, indent=1, sort_keys=True, ensure_ascii=False) + "\n")
    print(f"wrote {LEDGER.name} ({LEDGER.stat().st_size} bytes) and {ANSWERS.name}")


if __name__ == "__main__":
    main()
