"""Writes ledger_v4.cldg, the schema-version-4 fixture: a desk made before the Merkle tree.

The fixture was made once, with the core at schema version 4 (commit 3c1573c, the last before
the tree), by

    .venv/bin/python tests/data/make_v4_ledger.py

and is committed as it came out: a newer core would write a file of the newer schema, with
a tree, which is not what tests/python/test_schema_upgrade_v4.py needs (opening a copy builds
its tree; the desk then verifies and proves its events).
"""

import sqlite3
import sys
from pathlib import Path

import claimledger as cl

HERE = Path(__file__).resolve().parent
LEDGER = HERE / "ledger_v4.cldg"

ARTICLE = (
    "Seoul, 21 October 2024. The United States keeps approximately 28,500 troops in South "
    "Korea, the general said. Defence spending rose 4.2% last year."
)
FACTSHEET = (
    "United States Forces Korea: about 28,500 service members are stationed on the peninsula "
    "under the 1953 Mutual Defense Treaty."
)


def main() -> None:
    if LEDGER.exists():
        sys.exit(f"{LEDGER.name} exists; the fixture is made once")
    wb = cl.open(LEDGER, actor="alice")
    outlet = wb.add_source("Korea Wire", kind="outlet", url="https://wire.example/")
    general = wb.add_source("Chun In-bum", kind="person")
    forces = wb.add_source("USFK", kind="organisation", url="https://usfk.example/")
    article = wb.add_snapshot(
        ARTICLE,
        url="https://wire.example/troops",
        title="Troops",
        publisher=outlet.id,
        published="2024-10-21",
    )
    factsheet = wb.add_snapshot(
        FACTSHEET, url="https://usfk.example/facts", title="Fact sheet", publisher=forces.id
    )
    troops = wb.add_claim(
        "The US keeps approximately 28,500 troops in South Korea.",
        claimant=general.id,
        appears_in=article.hash,
        quote="approximately 28,500 troops",
    )
    spending = wb.add_claim(
        "Defence spending rose 4.2% last year.",
        claimant=general.id,
        appears_in=article.hash,
        quote="Defence spending rose 4.2% last year",
    )
    evidence = wb.link_evidence(
        troops.id, factsheet.hash, quote="about 28,500 service members", stance="supports"
    )
    wb.set_verdict(
        troops.id, "mostly-true", rationale="USFK gives about 28,500.", evidence=[evidence.id]
    )
    wb.set_status(troops.id, "published")
    wb.actor = "bob"
    wb.set_verdict(
        troops.id, "true", rationale="The fact sheet says the same number.", evidence=[evidence.id]
    )
    wb.rate_source(forces.id, "A", rationale="The command's own figures.")
    wb.set_status(spending.id, "in-progress")
    wb.close()
    db = sqlite3.connect(LEDGER)
    version = db.execute("PRAGMA user_version").fetchone()[0]
    db.execute("PRAGMA journal_mode = DELETE")  # one file, no -wal beside it
    db.close()
    if version != 4:
        LEDGER.unlink()
        sys.exit(f"this core writes schema version {version}, not 4: run it with the v4 core")
    print(f"{LEDGER.name}: schema version {version}")


if __name__ == "__main__":
    main()
