"""Writes ledger_v9.cldg and ledger_v9_other.cldg, the schema-version-9 fixtures: two desks made
while a ledger file kept an index of its events' hashes (events_hash_prefix, dropped by schema
version 10), which told a merge which events a desk already holds.

The other desk began as a copy of the first (a shared history), then each desk went on by
itself; the first then merged the other, so it holds events of its own, shared events, and
events merged in (which name the other desk's event by its hash).

The fixtures were made once, with the core at schema version 9 (commit 04481fb, the last
before the index was dropped), by

    .venv/bin/python tests/data/make_v9_ledger.py

and are committed as they came out: tests/python/test_schema_upgrade_v9.py opens copies of
them. The texts are ours.
"""

import shutil
import sqlite3
import sys
from pathlib import Path

import claimledger as cl

HERE = Path(__file__).resolve().parent
LEDGER = HERE / "ledger_v9.cldg"
OTHER = HERE / "ledger_v9_other.cldg"


def one_file(path: Path) -> int:
    """Leaves `path` as one file (no -wal beside it); returns its schema version."""
    db = sqlite3.connect(path)
    version = db.execute("PRAGMA user_version").fetchone()[0]
    db.execute("PRAGMA journal_mode = DELETE")
    db.close()
    return version


def main() -> None:
    if LEDGER.exists() or OTHER.exists():
        sys.exit("the fixtures exist; they are made once")
    with cl.open(LEDGER, actor="alice") as wb:
        council = wb.add_source("Harbour Council", kind="organisation")
        ferry = wb.add_claim(
            "The harbour ferry carried 1.2 million passengers last year.", claimant=council.id
        )
        wb.add_claim("Ferry tickets cost 40% more than in 2019.", claimant=council.id)
        wb.set_verdict(ferry.id, "mostly-true", rationale="the annual report says 1.18 million")
    one_file(LEDGER)
    shutil.copyfile(LEDGER, OTHER)  # the shared history
    with cl.open(OTHER, actor="bob") as other:
        other.set_verdict(ferry.id, "mixed", rationale="the count includes return trips")
        other.add_claim("A second ferry pier opens in the spring.", claimant=council.id)
    with cl.open(LEDGER, actor="alice") as wb:
        wb.add_claim("The ferry runs every 20 minutes at rush hour.")
        report = wb.merge(OTHER)
        print(f"merged: {report.added} added, {report.skipped} skipped")
    versions = {one_file(LEDGER), one_file(OTHER)}
    if versions != {9}:
        LEDGER.unlink()
        OTHER.unlink()
        sys.exit(f"this core writes schema version {versions}, not 9: run it with the v9 core")
    print(f"{LEDGER.name}, {OTHER.name}: schema version 9")


if __name__ == "__main__":
    main()
