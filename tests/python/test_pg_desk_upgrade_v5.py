"""A desk made on a server by the core of desk version 5 (a large batch's search rows written on
the batch's own connection) opens with this core: the upgrade records version 6, which changes
no table and keeps older cores from the desk, and leaves the events as they were; a large batch
then writes its search rows through a second connection, and the desk verifies.

tests/data/pg_desk_v5.sql was written by the version-5 core (make_pg_desk_v5.py beside it): what
pg_dump printed of the desk's schema: a snapshot, four claims (two with a context, one corrected
afterwards), a verdict. Each test loads it under a desk name of its own.
"""

from __future__ import annotations

import itertools

import claimledger as cl
import pytest
from conftest import desk_rows, load_desk_dump, upgraded_desk

_names = itertools.count(1)
TABLES = (
    "SELECT table_name, column_name, data_type FROM information_schema.columns "
    "WHERE table_schema = current_schema() ORDER BY 1, 2"
)
INDEXES = (
    "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() ORDER BY 1"
)


@pytest.fixture
def v5_desk(pg_server) -> tuple[str, str]:
    """(URL, schema) of a copy of the version-5 desk loaded into the suite's server."""
    name = f"v5copy{next(_names)}"
    return load_desk_dump(pg_server, "pg_desk_v5.sql", "claimledger_v5fixture", name)


def test_the_fixture_is_a_version_5_desk(pg_server, v5_desk):
    _, schema = v5_desk
    assert desk_rows(pg_server, schema, "SELECT version FROM desk") == ["5"]


def test_a_version_5_desk_opens_as_it_was_and_takes_a_large_batch(pg_server, v5_desk):
    url, schema = v5_desk
    tables = desk_rows(pg_server, schema, TABLES)
    indexes = desk_rows(pg_server, schema, INDEXES)
    with upgraded_desk(pg_server, url, schema) as wb:  # version 6, events unchanged, verify ok
        assert desk_rows(pg_server, schema, TABLES) == tables
        assert desk_rows(pg_server, schema, INDEXES) == indexes
        claims = [
            {"text": f"Ward {n} reopened {n + 2} clinics in 2024.", "ref": f"wards:{n}"}
            for n in range(3000)
        ]
        assert len(wb.add_claims(claims)) == 3000
        assert [h.claim.text for h in wb.similar("Ward 17 reopened 19 clinics in 2024.", k=1)] == [
            "Ward 17 reopened 19 clinics in 2024."
        ]
        report = wb.verify()
        assert report.ok, report.problems
    with cl.open(url, create=False) as wb:  # opened again: nothing left to upgrade
        assert desk_rows(pg_server, schema, "SELECT version FROM desk") == ["6"]
        assert len(wb.claims(limit=10_000)) == 3004
        assert wb.verify().ok
