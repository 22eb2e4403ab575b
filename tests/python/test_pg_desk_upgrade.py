"""A desk made on a server by the core of desk version 1 (search rows of each claim's text
alone) opens with this core: the upgrade writes the search rows of the claims that have a
context, in one transaction under the desk's lock, and leaves the events as they were; the desk
then verifies, and finds a claim by a word of its context as a ledger file of the same claims
does.

tests/data/pg_desk_v1.sql was written by the version-1 core (make_pg_desk_v1.py beside it): what
pg_dump printed of the desk's schema, five claims, three with a context. Each test loads it under
a desk name of its own.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import claimledger as cl
import pytest
from conftest import assert_searched_as_a_file, desk_rows, load_desk_dump, upgraded_desk

TROOPS = "The US keeps approximately 28,500 troops in South Korea."
QUERIES = ["armistice", "budget hearing", "june", "troops", "korea", "seoul", "report"]
_names = itertools.count(1)


@pytest.fixture
def v1_desk(pg_server) -> tuple[str, str]:
    """(URL, schema) of a copy of the version-1 desk loaded into the suite's server."""
    name = f"v1copy{next(_names)}"
    return load_desk_dump(pg_server, "pg_desk_v1.sql", "claimledger_v1fixture", name)


def test_the_fixture_is_a_version_1_desk_whose_search_rows_hold_the_texts_alone(pg_server, v1_desk):
    _, schema = v1_desk
    assert desk_rows(pg_server, schema, "SELECT version FROM desk") == ["1"]
    with_context = "SELECT count(*) FROM claims WHERE context IS NOT NULL"
    assert desk_rows(pg_server, schema, with_context) == ["3"]
    holding = "SELECT count(*) FROM claims_search WHERE terms @@ 'armistice'::tsquery"
    assert desk_rows(pg_server, schema, holding) == ["0"]


def test_a_version_1_desk_opens_upgrades_and_finds_claims_by_their_context(
    pg_server, v1_desk, tmp_path: Path
):
    url, schema = v1_desk
    totals = "SELECT rows, tokens FROM search_totals WHERE name = 'claims'"
    assert desk_rows(pg_server, schema, totals) == ["5|43"]
    with upgraded_desk(pg_server, url, schema) as wb:
        # 43 tokens of the texts, and 5 + 3 + 3 of the three contexts.
        assert desk_rows(pg_server, schema, totals) == ["5|54"]
        [hit] = wb.search("armistice")
        assert hit.claim.text == TROOPS
        assert "[armistice]" in hit.snippet
        # The same hits, scores and snippets as a ledger file holding the same events.
        assert_searched_as_a_file(wb, tmp_path, QUERIES)
        # The near-duplicate buckets are still those of the texts alone.
        found = [h.claim.text for h in wb.similar("About 28,500 US troops are in South Korea")]
        assert TROOPS in found[:2]
        wb.add_claim("Rice prices doubled.", context="Market report, Busan")
        assert [h.claim.text for h in wb.search("busan")] == ["Rice prices doubled."]
        assert wb.verify().ok
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
    rows = "SELECT claim, terms, length FROM claims_search ORDER BY claim"
    before = desk_rows(pg_server, schema, rows)
    with pytest.raises(cl.StorageError) as caught:
        cl.open(reader, create=False, read_only=True)
    message = str(caught.value)
    assert "desk version 1" in message
    assert "as its owner" in message
    assert "permission denied" in message
    assert password not in message
    assert desk_rows(pg_server, schema, "SELECT version FROM desk") == ["1"]  # nothing changed
    assert desk_rows(pg_server, schema, rows) == before
    with cl.open(url, create=False) as wb:  # the owner upgrades it; then the reader reads
        assert wb.verify().ok
    with cl.open(reader, create=False, read_only=True) as wb:
        assert len(wb.claims()) == 5
        assert [h.claim.text for h in wb.search("armistice")] == [TROOPS]
        assert wb.verify().ok
