"""Writes pg_desk_v3.sql, the desk-version-3 fixture: a desk on a PostgreSQL server made before
the desk kept how many claims hold each term (claim_terms, desk version 4): a snapshot, four
claims (two with a context, one corrected afterwards), a verdict. The texts are ours.

The fixture was made once, with the core at desk version 3 (commit 9408ff3, the last before
claim_terms), by

    .venv/bin/python tests/data/make_pg_desk_v3.py

which makes the desk "v3fixture" on a throwaway server (pg_server.desk_fixture_script) and
writes its schema as pg_dump prints it, committed as it came out.
tests/python/test_pg_desk_upgrade_v3.py loads it into the suite's server and opens it with this
core.
"""

import sys
from pathlib import Path

import claimledger as cl

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
import pg_server  # noqa: E402  (tests/pg_server.py)

DUMP = HERE / "pg_desk_v3.sql"

ARTICLE = (
    "Seoul, 21 October 2024. The general told reporters that about 28,500 American troops are "
    "stationed in South Korea, and that the alliance's joint drills will double next spring."
)
CLAIMS = [
    {"text": "About 28,500 American troops are stationed in South Korea.", "context": "Press"},
    {"text": "Joint drills will double next spring.", "context": "Seoul briefing"},
    {"text": "South Korea's defence budget grew 4.2% last year."},
    {"text": "Rice prices in Korea doubled in 2024."},
]


def fill(url: str) -> None:
    with cl.open(url, actor="alice") as wb:
        general = wb.add_source("The general", kind="person")
        wb.add_snapshot(ARTICLE, url="https://wire.example/troops", title="Troops in Korea")
        ids = list(wb.add_claims([{**claim, "claimant": general.id} for claim in CLAIMS]))
        wb.set_verdict(ids[0], "mostly-true", rationale="The command gives about 28,500.")
        wb.correct_claim(ids[3], text="Rice prices in Korea rose by half in 2024.", reason="typo")


def main() -> None:
    if DUMP.exists():
        sys.exit(f"{DUMP.name} exists; the fixture is made once")
    script = pg_server.desk_fixture_script("v3fixture", "3", fill)
    DUMP.write_text(script)
    print(f"{DUMP.name}: desk version 3, {script.count(chr(10))} lines")


if __name__ == "__main__":
    main()
