"""A desk made on a server by the core of desk version 2 (runs of Chinese characters as one
term) opens with this core: the upgrade writes the search rows and buckets of the claims and
snapshots holding Chinese and Japanese characters, in one transaction under the desk's lock, and
leaves the events as they were; the desk then verifies, and finds words inside runs of
characters as a ledger file of the same events does.

tests/data/pg_desk_v2.sql was written by the version-2 core (make_pg_desk_v2.py beside it): what
pg_dump printed of the desk's schema: a Chinese article, four claims in Chinese and Japanese, one
in English. Each test loads it under a desk name of its own.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import claimledger as cl
import pytest
from conftest import assert_searched_as_a_file, desk_rows, load_desk_dump

TROOPS = "美国在韩国驻扎约28500名士兵。"
QUERIES = ["士兵", "28500", "纪念日", "国防开支", "物価", "东京", "unemployment", "首尔"]
_names = itertools.count(1)


@pytest.fixture
def v2_desk(pg_server) -> tuple[str, str]:
    """(URL, schema) of a copy of the version-2 desk loaded into the suite's server."""
    name = f"v2copy{next(_names)}"
    return load_desk_dump(pg_server, "pg_desk_v2.sql", "claimledger_v2fixture", name)


def test_the_fixture_is_a_version_2_desk_whose_terms_are_runs_of_characters(pg_server, v2_desk):
    _, schema = v2_desk
    assert desk_rows(pg_server, schema, "SELECT version FROM desk") == ["2"]
    holding = "SELECT count(*) FROM claims_search WHERE terms @@ '士'::tsquery"
    assert desk_rows(pg_server, schema, holding) == ["0"]


def test_a_version_2_desk_opens_upgrades_and_finds_words_inside_runs(
    pg_server, v2_desk, tmp_path: Path
):
    url, schema = v2_desk
    events = "SELECT seq, prev, type, at, actor, data, hash FROM events ORDER BY seq"
    before = desk_rows(pg_server, schema, events)
    english = "SELECT terms, length, buckets FROM claims_search x JOIN claims c ON c.seq = x.claim "
    english += "WHERE c.text LIKE 'Unemployment%'"
    english_before = desk_rows(pg_server, schema, english)
    with cl.open(url, create=False, actor="carol") as wb:
        assert desk_rows(pg_server, schema, "SELECT version FROM desk") == ["4"]
        assert desk_rows(pg_server, schema, events) == before  # the chain is untouched
        assert desk_rows(pg_server, schema, english) == english_before  # nothing else re-read
        report = wb.verify()  # terms, token totals and buckets as this core makes them
        assert report.ok, report.problems
        assert [h.claim.text for h in wb.search("士兵")] == [TROOPS]
        [document] = wb.search_snapshots("将军")
        assert "[将军]" in document.snippet
        [first, *_] = wb.similar("美国在韩国驻扎了约28500名士兵", k=3)
        assert first.claim.text == TROOPS
        # The same hits, scores and snippets as a ledger file holding the same events.
        assert all(wb.search(query) for query in QUERIES)
        assert_searched_as_a_file(wb, tmp_path, QUERIES)
    with cl.open(url, create=False) as wb:  # opened again: nothing left to upgrade
        assert wb.verify().ok
        assert len(wb.claims()) == 5


def test_the_upgrade_counts_each_terms_claims_and_keeps_a_writers_grants(pg_server, v2_desk):
    url, schema = v2_desk
    role, password = f"writer{next(_names)}", "writer-secret"
    # A writer of the version-2 desk, granted as `claimledger pg-grant --writer` granted then.
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
    with cl.open(url, create=False) as wb:  # the owner opens it: version 4
        assert wb.verify().ok
    recount = (
        "SELECT u.lexeme, count(*) FROM claims_search x, unnest(x.terms) u WHERE x.all_terms "
        "GROUP BY 1 ORDER BY 1"
    )
    kept = "SELECT term, claims FROM claim_terms ORDER BY 1"
    assert desk_rows(pg_server, schema, kept) == desk_rows(pg_server, schema, recount)
    assert "士|1" in desk_rows(pg_server, schema, kept)  # each character is a term
    writer = pg_server.url(
        user=role, password=password, tcp=True, desk=schema.removeprefix("claimledger_")
    )
    with cl.open(writer, create=False, actor="dave") as wb:
        wb.add_claim("驻韩美军约有28500名士兵。")
        assert wb.verify().ok
    assert "士|2" in desk_rows(pg_server, schema, kept)
