"""A desk made on a server by the core of desk version 1 (near-duplicate buckets of sixteen
bands) opens with this core: the upgrade writes every claim's buckets of the smaller MinHash,
in one transaction, and leaves the events as they were; the desk then verifies and finds
near-duplicates.

tests/data/pg_desk_v1.sql was written by the version-1 core (make_pg_desk_v1.py beside it): what
pg_dump printed of the desk's schema. Each test loads it under a desk name of its own.
"""

from __future__ import annotations

import itertools

import claimledger as cl
import pytest
from conftest import REPO

FIXTURE = REPO / "tests" / "data" / "pg_desk_v1.sql"
FIXTURE_SCHEMA = "claimledger_v1fixture"
_names = itertools.count(1)


@pytest.fixture
def v1_desk(pg_server) -> tuple[str, str]:
    """(URL, schema) of a copy of the version-1 desk loaded into the suite's server."""
    name = f"v1copy{next(_names)}"
    schema = "claimledger_" + name
    pg_server.psql(FIXTURE.read_text().replace(FIXTURE_SCHEMA, schema))
    return pg_server.url(desk=name), schema


def _rows(pg_server, schema: str, sql: str) -> list[str]:
    return pg_server.psql(f'SET search_path = "{schema}"; {sql}').splitlines()


def test_the_fixture_is_a_version_1_desk_with_sixteen_bands(pg_server, v1_desk):
    _, schema = v1_desk
    assert _rows(pg_server, schema, "SELECT version FROM desk") == ["1"]
    most = _rows(pg_server, schema, "SELECT max(cardinality(buckets)) FROM claims_search")
    assert int(most[0]) > 8


def test_a_version_1_desk_opens_upgrades_verifies_and_finds_near_duplicates(pg_server, v1_desk):
    url, schema = v1_desk
    events = "SELECT seq, hash FROM events ORDER BY seq"
    before = _rows(pg_server, schema, events)
    with cl.open(url, create=False, actor="carol") as wb:
        assert _rows(pg_server, schema, "SELECT version FROM desk") == ["2"]
        assert _rows(pg_server, schema, events) == before  # the chain is untouched
        assert wb.verify().ok
        troops = [c.id for c in wb.claims() if "28,500" in c.text]
        hits = wb.similar("approximately 28,500 US troops are kept in South Korea", k=2)
        assert sorted(h.claim.id for h in hits) == sorted(troops)
        wb.add_claim("Defence spending rose 4.2% in the last year.")
        assert wb.verify().ok
    most = _rows(pg_server, schema, "SELECT max(cardinality(buckets)) FROM claims_search")
    assert 1 <= int(most[0]) <= 8
    # Opened again: nothing left to upgrade, the desk as it was.
    with cl.open(url, create=False) as wb:
        assert wb.verify().ok
        assert len(wb.claims()) == 6


def test_a_role_that_may_only_read_is_told_the_owner_must_open_it_first(pg_server, v1_desk):
    url, schema = v1_desk
    role, password = f"reader{next(_names)}", "reader-secret"
    pg_server.psql(
        f"CREATE ROLE {role} LOGIN PASSWORD '{password}'; GRANT USAGE ON SCHEMA \"{schema}\" TO "
        f'{role}; GRANT SELECT ON ALL TABLES IN SCHEMA "{schema}" TO {role}'
    )
    desk = schema.removeprefix("claimledger_")
    reader = pg_server.url(user=role, password=password, tcp=True, desk=desk)
    with pytest.raises(cl.StorageError) as caught:
        cl.open(reader, create=False, read_only=True)
    message = str(caught.value)
    assert "desk version 1" in message
    assert "as its owner" in message
    assert "permission denied" in message
    assert password not in message
    assert _rows(pg_server, schema, "SELECT version FROM desk") == ["1"]  # nothing changed
    with cl.open(url, create=False) as wb:  # the owner upgrades it; then the reader reads
        assert wb.verify().ok
    with cl.open(reader, create=False, read_only=True) as wb:
        assert len(wb.claims()) == 5
