"""Writes ledger_v7.cldg, the schema-version-7 fixture: a desk made before the claims' own rows
(their tags, their verdicts and the references of events to them) were keyed by the claim's
row number inside the file instead of its text id (schema version 8).

It holds what those rows record: claims with tags, superseded and current verdicts, evidence
linked and unlinked, a corrected claim, a retracted claim, two sources merged, and a verdict
conflict from merging a copy of the desk that rated a claim otherwise.

The fixture was made once, with the core at schema version 7 (commit 153a3f5, the last before
the integer keys), by

    .venv/bin/python tests/data/make_v7_ledger.py

and is committed as it came out: tests/python/test_schema_upgrade_v7.py opens copies of it.
The texts are ours.
"""

import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

import claimledger as cl

HERE = Path(__file__).resolve().parent
LEDGER = HERE / "ledger_v7.cldg"

ARTICLE = (
    "Harbour town, 3 March 2025. The mayor told the council that the ferry carried about "
    "41,000 passengers last winter, up 12% on the winter before, and that the new pier will "
    "cost 3.5 million euros. The port authority counted 38,200 passengers."
)


def main() -> None:
    if LEDGER.exists():
        sys.exit(f"{LEDGER.name} exists; the fixture is made once")
    wb = cl.open(LEDGER, actor="alice")
    mayor = wb.add_source("Mayor Ilse Varga", kind="person")
    council = wb.add_source("Town council", kind="organisation")
    office = wb.add_source("Office of the mayor", kind="organisation")
    article = wb.add_snapshot(
        ARTICLE, url="https://harbour.example/ferry", title="Ferry figures", published="2025-03-03"
    )
    ferry = wb.add_claim(
        "The ferry carried about 41,000 passengers last winter.",
        claimant=mayor.id,
        appears_in=article.hash,
        quote="the ferry carried about 41,000 passengers last winter",
        tags=["transport", "tourism"],
    )
    pier = wb.add_claim(
        "The new pier will cost 3.5 million euros.", claimant=mayor.id, tags=["budget"]
    )
    growth = wb.add_claim("Ferry passengers rose 12% on the winter before.", claimant=office.id)
    wb.add_claims(
        [
            {"text": "The harbour dredging finished in 2024.", "tags": ["works", "harbour"]},
            {"text": "Parking fees doubled in the old town.", "claimant": council.id},
        ]
    )
    counted = wb.link_evidence(
        ferry.id,
        article.hash,
        quote="The port authority counted 38,200 passengers",
        stance="refutes",
    )
    wb.set_verdict(ferry.id, "mixed", rationale="First reading of the port's count.")
    wb.set_verdict(
        ferry.id, "mostly-false", rationale="The port counted 38,200.", evidence=[counted.id]
    )
    wb.set_status(ferry.id, "published")
    wb.unlink_evidence(counted.id, reason="the count was for another route")
    wb.correct_claim(growth.id, reason="the quote was misheard", text="Ferry passengers rose 11%.")
    wb.retract(pier.id, reason="recorded twice")
    wb.merge_sources(office.id, mayor.id, reason="the office speaks for the mayor")
    wb.close()
    with tempfile.TemporaryDirectory() as folder:
        other = Path(folder) / "copy.cldg"
        shutil.copyfile(LEDGER, other)
        with cl.open(LEDGER, actor="alice") as here, cl.open(other, actor="bob") as there:
            dredging = here.claims(tag="works")[0]
            here.set_verdict(dredging.id, "true", rationale="The works log says March 2024.")
            there.set_verdict(dredging.id, "false", rationale="The port says 2025.")
        with cl.open(LEDGER, actor="alice") as here:
            report = here.merge(other)
            assert report.conflicts, "the two desks' verdicts should conflict"
            assert here.verify().ok
    db = sqlite3.connect(LEDGER)
    version = db.execute("PRAGMA user_version").fetchone()[0]
    db.execute("PRAGMA journal_mode = DELETE")  # one file, no -wal beside it
    db.close()
    if version != 7:
        LEDGER.unlink()
        sys.exit(f"this core writes schema version {version}, not 7: run it with the v7 core")
    print(f"{LEDGER.name}: schema version {version}")


if __name__ == "__main__":
    main()
