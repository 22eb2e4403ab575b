"""Writes pg_desk_v4.sql, the desk-version-4 fixture: a desk on a PostgreSQL server made while the
desk kept an index of its events' hash prefixes (events_hash_prefix, dropped by desk version 5):
the same snapshot, claims and verdict as the version-3 fixture (make_pg_desk_v3.fill).

The fixture was made once, with the core at desk version 4 (commit f91ebc3, the last before
desk version 5), by

    .venv/bin/python tests/data/make_pg_desk_v4.py

which makes the desk "v4fixture" on a throwaway server (pg_server.desk_fixture_script) and
writes its schema as pg_dump prints it, committed as it came out.
tests/python/test_pg_desk_upgrade_v4.py loads it into the suite's server and opens it with this
core.
"""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))
import pg_server  # noqa: E402  (tests/pg_server.py)
from make_pg_desk_v3 import fill  # noqa: E402  (the same desk as the version-3 fixture)

DUMP = HERE / "pg_desk_v4.sql"


def main() -> None:
    if DUMP.exists():
        sys.exit(f"{DUMP.name} exists; the fixture is made once")
    script = pg_server.desk_fixture_script("v4fixture", "4", fill)
    DUMP.write_text(script)
    print(f"{DUMP.name}: desk version 4, {script.count(chr(10))} lines")


if __name__ == "__main__":
    main()
