"""Writes ledger_v5.cldg, the schema-version-5 fixture: a desk made before claims' contexts
were searchable (its full-text index holds each claim's text alone).

The fixture was made once, with the core at schema version 5 (commit fa4654b, the last before
the searchable context), by

    .venv/bin/python tests/data/make_v5_ledger.py

and is committed as it came out: a newer core would write a file of the newer schema, whose
index holds the contexts too, which is not what tests/python/test_schema_upgrade_v5.py needs
(opening a copy indexes the contexts; read-only, the copy stays as it is).
"""

import sqlite3
import sys
from pathlib import Path

import claimledger as cl

HERE = Path(__file__).resolve().parent
LEDGER = HERE / "ledger_v5.cldg"

ARTICLE = (
    "Seoul, 21 October 2024. The United States keeps approximately 28,500 troops in South "
    "Korea, the general said. Defence spending rose 4.2% last year."
)


def main() -> None:
    if LEDGER.exists():
        sys.exit(f"{LEDGER.name} exists; the fixture is made once")
    wb = cl.open(LEDGER, actor="alice")
    general = wb.add_source("Chun In-bum", kind="person")
    article = wb.add_snapshot(
        ARTICLE, url="https://wire.example/troops", title="Troops", published="2024-10-21"
    )
    # A context's words are in no claim's text: "armistice", "anniversary", "budget", "hearing".
    troops = wb.add_claim(
        "The US keeps approximately 28,500 troops in South Korea.",
        claimant=general.id,
        appears_in=article.hash,
        quote="approximately 28,500 troops",
        context="Interview on the armistice anniversary",
    )
    wb.add_claims(
        [
            {"text": "Defence spending rose 4.2% last year.", "context": "Budget hearing, Seoul"},
            {"text": "Unemployment fell to 3.9% in June 2024."},
        ]
    )
    wb.set_verdict(troops.id, "mostly-true", rationale="USFK gives about 28,500.")
    wb.close()
    db = sqlite3.connect(LEDGER)
    version = db.execute("PRAGMA user_version").fetchone()[0]
    db.execute("PRAGMA journal_mode = DELETE")  # one file, no -wal beside it
    db.close()
    if version != 5:
        LEDGER.unlink()
        sys.exit(f"this core writes schema version {version}, not 5: run it with the v5 core")
    print(f"{LEDGER.name}: schema version {version}")


if __name__ == "__main__":
    main()
