"""Writes ledger_v10.cldg, the schema-version-10 fixture: a desk made while a ledger file kept
the references of events to sources in event_refs, by the sources' text ids (schema version 11
keeps them in source_refs, by the rowid of each source's row).

The desk has three sources, one merged into another (an alias); claims by two of them, one
claim corrected to another claimant; a source rating; and verdicts. Each source is named by
several events: the event that added it, its claims, its rating, the merge and the correction.

The fixture was made once, with the core at schema version 10 (commit 8ac8342, the last before
source_refs), by

    .venv/bin/python tests/data/make_v10_ledger.py

and is committed as it came out: tests/python/test_schema_upgrade_v10.py opens copies of it.
The texts are ours.
"""

import sqlite3
import sys
from pathlib import Path

import claimledger as cl

HERE = Path(__file__).resolve().parent
LEDGER = HERE / "ledger_v10.cldg"


def one_file(path: Path) -> int:
    """Leaves `path` as one file (no -wal beside it); returns its schema version."""
    db = sqlite3.connect(path)
    version = db.execute("PRAGMA user_version").fetchone()[0]
    db.execute("PRAGMA journal_mode = DELETE")
    db.close()
    return version


def main() -> None:
    if LEDGER.exists():
        sys.exit("the fixture exists; it is made once")
    with cl.open(LEDGER, actor="alice") as wb:
        council = wb.add_source("Harbour Council", kind="organisation")
        mayor = wb.add_source("Mayor of the harbour town", kind="person")
        office = wb.add_source("The mayor's office", kind="organisation")
        ferry = wb.add_claim(
            "The harbour ferry carried 1.2 million passengers last year.", claimant=council.id
        )
        tickets = wb.add_claim("Ferry tickets cost 40% more than in 2019.", claimant=council.id)
        wb.add_claims(
            [
                {"text": "The new pier was finished two months early.", "claimant": mayor.id},
                {"text": "Rush-hour ferries now run every 20 minutes.", "claimant": office.id},
            ]
        )
        wb.set_verdict(ferry.id, "mostly-true", rationale="the annual report says 1.18 million")
        wb.set_verdict(tickets.id, "false", rationale="the fare went up by 25%")
        wb.rate_source(council.id, "B", rationale="its reports are audited")
        wb.merge_sources(office.id, mayor.id, reason="the office speaks for the mayor")
        wb.correct_claim(tickets.id, reason="the mayor said it, not the council", claimant=mayor.id)
    version = one_file(LEDGER)
    if version != 10:
        LEDGER.unlink()
        sys.exit(f"this core writes schema version {version}, not 10: run it with the v10 core")
    print(f"{LEDGER.name}: schema version 10")


if __name__ == "__main__":
    main()
