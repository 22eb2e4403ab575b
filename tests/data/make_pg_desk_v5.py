"""Writes pg_desk_v5.sql, the desk-version-5 fixture: a desk on a PostgreSQL server made while a
large batch wrote its claims' search rows with the rest of the batch, on one connection (desk
version 6 writes them through a second one): the same snapshot, claims and verdict as the
version-3 fixture (make_pg_desk_v3.fill).

The fixture was made once, with the core at desk version 5 (commit 183590e, the last before
desk version 6), by

    .venv/bin/python tests/data/make_pg_desk_v5.py

which makes the desk "v5fixture" on a throwaway server (pg_server.desk_fixture_script) and
writes its schema as pg_dump prints it, committed as it came out.
tests/python/test_pg_desk_upgrade_v5.py loads it into the suite's server and opens it with this
core.
"""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))
import pg_server  # noqa: E402  (tests/pg_server.py)
from make_pg_desk_v3 import fill  # noqa: E402  (the same desk as the version-3 fixture)

DUMP = HERE / "pg_desk_v5.sql"


def main() -> None:
    if DUMP.exists():
        sys.exit(f"{DUMP.name} exists; the fixture is made once")
    script = pg_server.desk_fixture_script("v5fixture", "5", fill)
    DUMP.write_text(script)
    print(f"{DUMP.name}: desk version 5, {script.count(chr(10))} lines")


if __name__ == "__main__":
    main()
