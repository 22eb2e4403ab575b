"""A desk made on a server by the core of desk version 4 (with an index of its events' hash
prefixes) opens with this core: the upgrade drops the index, which no query uses since a merge
finds an event by its time, and leaves the events as they were; merges between two copies of the
desk then add what each lacks and skip the rest, as before.

tests/data/pg_desk_v4.sql was written by the version-4 core (make_pg_desk_v4.py beside it): what
pg_dump printed of the desk's schema: a snapshot, four claims (two with a context, one corrected
afterwards), a verdict. Each test loads it under a desk name of its own.
"""

from __future__ import annotations

import itertools

import claimledger as cl
import pytest
from conftest import desk_rows, load_desk_dump, upgraded_desk

_names = itertools.count(1)
INDEXES = "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() ORDER BY 1"


@pytest.fixture
def v4_desk(pg_server) -> tuple[str, str]:
    """(URL, schema) of a copy of the version-4 desk loaded into the suite's server."""
    name = f"v4copy{next(_names)}"
    return load_desk_dump(pg_server, "pg_desk_v4.sql", "claimledger_v4fixture", name)


def test_the_fixture_is_a_version_4_desk_with_the_index(pg_server, v4_desk):
    _, schema = v4_desk
    assert desk_rows(pg_server, schema, "SELECT version FROM desk") == ["4"]
    assert "events_hash_prefix" in desk_rows(pg_server, schema, INDEXES)


def test_a_version_4_desk_opens_without_the_index_and_keeps_the_rest(pg_server, v4_desk):
    url, schema = v4_desk
    indexes = desk_rows(pg_server, schema, INDEXES)
    with upgraded_desk(pg_server, url, schema) as wb:  # version 5, events unchanged, verify ok
        assert desk_rows(pg_server, schema, INDEXES) == [
            name for name in indexes if name != "events_hash_prefix"
        ]
        wb.add_claim("Korea's rice harvest fell 5% in 2024.")
        assert wb.verify().ok
    with cl.open(url, create=False) as wb:  # opened again: nothing left to upgrade
        assert wb.verify().ok
        assert len(wb.claims()) == 5


def test_merges_between_upgraded_copies_add_what_each_lacks(pg_server, v4_desk):
    first_url, first_schema = v4_desk
    second_url, second_schema = load_desk_dump(
        pg_server, "pg_desk_v4.sql", "claimledger_v4fixture", f"v4copy{next(_names)}"
    )
    with upgraded_desk(pg_server, first_url, first_schema) as first:
        shared = first.event_count() - 1  # the events after the genesis, the desks' identity
        with upgraded_desk(pg_server, second_url, second_schema) as second:
            second.add_claim("Joint drills were cancelled in 2018.")  # one event of its own
            report = first.merge(second_url)
            assert (report.added, report.skipped) == (1, shared)
            again = first.merge(second_url)  # merged before: known by its origin
            assert (again.added, again.skipped) == (0, shared + 1)
            back = second.merge(first_url)  # the copy of its own event is known as that event
            assert (back.added, back.skipped) == (0, shared + 1)
            assert first.verify().ok
            assert second.verify().ok
