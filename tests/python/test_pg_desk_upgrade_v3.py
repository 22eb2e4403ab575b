"""A desk made on a server by the core of desk version 3 (no claim_terms) opens with this core:
the upgrade counts the claims holding each term from the search rows, in one transaction under
the desk's lock, gives the roles granted the search rows the same grants on the counts, and
leaves the events as they were; the desk then verifies, and searches and finds near duplicates
as a ledger file of the same events does.

tests/data/pg_desk_v3.sql was written by the version-3 core (make_pg_desk_v3.py beside it): what
pg_dump printed of the desk's schema: a snapshot, four claims (two with a context, one corrected
afterwards), a verdict. Each test loads it under a desk name of its own.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import claimledger as cl
import pytest
from conftest import (
    assert_searched_as_a_file,
    desk_rows,
    kept_terms,
    load_desk_dump,
    recounted_terms,
    upgraded_desk,
)

TROOPS = "About 28,500 American troops are stationed in South Korea."
QUERIES = ["korea", "troops", "seoul", "briefing", "rice", "doubled", "budget", "spring"]
_names = itertools.count(1)


@pytest.fixture
def v3_desk(pg_server) -> tuple[str, str]:
    """(URL, schema) of a copy of the version-3 desk loaded into the suite's server."""
    name = f"v3copy{next(_names)}"
    return load_desk_dump(pg_server, "pg_desk_v3.sql", "claimledger_v3fixture", name)


def test_the_fixture_is_a_version_3_desk_without_term_counts(pg_server, v3_desk):
    _, schema = v3_desk
    assert desk_rows(pg_server, schema, "SELECT version FROM desk") == ["3"]
    tables = "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() "
    assert desk_rows(pg_server, schema, tables + "AND tablename = 'claim_terms'") == ["0"]
    assert desk_rows(pg_server, schema, tables + "AND tablename = 'claims_search'") == ["1"]


def test_a_version_3_desk_opens_upgrades_and_counts_the_claims_of_each_term(
    pg_server, v3_desk, tmp_path: Path
):
    url, schema = v3_desk
    with upgraded_desk(pg_server, url, schema) as wb:
        assert kept_terms(pg_server, schema) == recounted_terms(pg_server, schema)
        counts = dict(row.split("|") for row in kept_terms(pg_server, schema))
        assert counts["korea"] == "3"
        assert counts["seoul"] == "1"  # a context's word (the snapshot's are not claims')
        assert counts["doubled"] == "1"  # the corrected claim as first recorded
        # The same hits, scores and snippets as a ledger file holding the same events.
        assert_searched_as_a_file(wb, tmp_path, QUERIES)
        [first, *_] = wb.similar("About 28,500 US troops are based in South Korea", k=3)
        assert first.claim.text == TROOPS
        wb.add_claim("Korea's rice harvest fell 5% in 2024.")
        assert dict(row.split("|") for row in kept_terms(pg_server, schema))["korea"] == "4"
        assert wb.verify().ok
    with cl.open(url, create=False) as wb:  # opened again: nothing left to upgrade
        assert wb.verify().ok
        assert len(wb.claims()) == 5


def test_a_writer_granted_before_the_upgrade_still_adds_claims(pg_server, v3_desk):
    url, schema = v3_desk
    role, password = f"writer{next(_names)}", "writer-secret"
    # A writer of the version-3 desk, granted as `claimledger pg-grant --writer` granted then.
    tables = ", ".join(
        f'"{schema}".{t}'
        for t in (
            "claims",
            "claim_tags",
            "verdicts",
            "event_refs",
            "claims_search",
            "search_totals",
        )
    )
    pg_server.psql(
        f"CREATE ROLE {role} LOGIN PASSWORD '{password}'; GRANT USAGE ON SCHEMA \"{schema}\" TO "
        f'{role}; GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA "{schema}" TO {role}; '
        f"GRANT UPDATE, DELETE ON {tables} TO {role}"
    )
    with upgraded_desk(pg_server, url, schema):  # its owner opens it
        pass
    writer = pg_server.url(
        user=role, password=password, tcp=True, desk=schema.removeprefix("claimledger_")
    )
    with cl.open(writer, create=False, actor="dave") as wb:
        wb.add_claim("Korea's fishing exports rose 7% in 2023.")
        assert wb.verify().ok
    assert dict(row.split("|") for row in kept_terms(pg_server, schema))["korea"] == "4"
