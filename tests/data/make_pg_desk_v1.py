"""Writes pg_desk_v1.sql, the desk-version-1 fixture: a desk on a PostgreSQL server made before
claims' contexts were searchable (its search rows hold the terms of each claim's text alone).

The fixture was made once, with the core at desk version 1 (commit fa4654b, the last before the
searchable context), by

    .venv/bin/python tests/data/make_pg_desk_v1.py

which starts a throwaway server (tests/pg_server.py), makes the desk "v1fixture" there and
writes its schema as pg_dump prints it (Server.schema_script: rows as INSERT statements),
committed as it came out. tests/python/test_pg_desk_upgrade.py loads it into the suite's server
and opens it with this core.
"""

import sys
import tempfile
from pathlib import Path

import claimledger as cl

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
import pg_server  # noqa: E402  (tests/pg_server.py)

DUMP = HERE / "pg_desk_v1.sql"
SCHEMA = "claimledger_v1fixture"

# A context's words are in no claim's text: "armistice", "anniversary", "budget", "hearing".
CLAIMS = [
    {
        "text": "The US keeps approximately 28,500 troops in South Korea.",
        "context": "Interview on the armistice anniversary",
    },
    {"text": "About 28,500 American soldiers are stationed in South Korea."},
    {"text": "Defence spending rose 4.2% last year.", "context": "Budget hearing, Seoul"},
    {"text": "The Big Country is a river in Wyoming."},
    {"text": "Unemployment fell to 3.9% in June 2024.", "context": "Jobs report: June"},
]


def main() -> None:
    if DUMP.exists():
        sys.exit(f"{DUMP.name} exists; the fixture is made once")
    server = pg_server.Server(Path(tempfile.mkdtemp(prefix="claimledger-fixture-")))
    server.start()
    try:
        with cl.open(server.url(desk="v1fixture"), actor="alice") as wb:
            general = wb.add_source("Chun In-bum", kind="person")
            ids = list(wb.add_claims([{**claim, "claimant": general.id} for claim in CLAIMS]))
            wb.set_verdict(ids[0], "mostly-true", rationale="USFK gives about 28,500.")
        version = server.psql(f'SELECT version FROM "{SCHEMA}".desk').strip()
        if version != "1":
            sys.exit(f"this core writes desk version {version}, not 1: run it with the v1 core")
        script = server.schema_script(SCHEMA)
    finally:
        server.stop()
    DUMP.write_text(script)
    print(f"{DUMP.name}: desk version {version}, {script.count(chr(10))} lines")


if __name__ == "__main__":
    main()
