"""Writes ledger_v8.cldg, the schema-version-8 fixture: a desk made before the near-duplicate
buckets of the claims added since the last large batch were kept in a table of their own
(claim_lsh_recent, schema version 9): every bucket row is in claim_lsh.

It holds what those rows answer for: claims that reword one another (so that similar() finds
them by their shared buckets), one added in a batch and others one at a time, a claim with a
context, and a claim retracted.

The fixture was made once, with the core at schema version 8 (commit 1941e88, the last before
the table of recent buckets), by

    .venv/bin/python tests/data/make_v8_ledger.py

and is committed as it came out: tests/python/test_schema_upgrade_v8.py opens copies of it.
The texts are ours.
"""

import sqlite3
import sys
from pathlib import Path

import claimledger as cl

HERE = Path(__file__).resolve().parent
LEDGER = HERE / "ledger_v8.cldg"


def main() -> None:
    if LEDGER.exists():
        sys.exit(f"{LEDGER.name} exists; the fixture is made once")
    wb = cl.open(LEDGER, actor="alice")
    minister = wb.add_source("Minister Aino Salo", kind="person")
    wb.add_claims(
        [
            {
                "text": "The new tram line carried 52,000 riders in its first week.",
                "claimant": minister.id,
                "tags": ["transport"],
            },
            {"text": "Rents in the city centre rose 9% in 2024.", "tags": ["housing"]},
            {"text": "The library lends more e-books than paper books since 2023."},
        ]
    )
    wb.add_claim(
        "The new tram line carried about 52,000 riders during its first week.",
        claimant=minister.id,
        context="a radio interview on the city budget",
    )
    wb.add_claim("City centre rents went up by 9% in 2024.")
    wrong = wb.add_claim("The tram line cost 410 million euros.", claimant=minister.id)
    wb.retract(wrong.id, reason="recorded under the wrong minister")
    wb.close()
    db = sqlite3.connect(LEDGER)
    version = db.execute("PRAGMA user_version").fetchone()[0]
    db.execute("PRAGMA journal_mode = DELETE")  # one file, no -wal beside it
    db.close()
    if version != 8:
        LEDGER.unlink()
        sys.exit(f"this core writes schema version {version}, not 8: run it with the v8 core")
    print(f"{LEDGER.name}: schema version {version}")


if __name__ == "__main__":
    main()
