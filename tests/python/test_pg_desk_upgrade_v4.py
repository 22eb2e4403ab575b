"""A desk made on a server by the core of desk version 4 (near-duplicate buckets as an array in
each claim's search row, found through a GIN index) opens with this core: the upgrade moves the
buckets to rows of claim_lsh, in one transaction under the desk's lock, drops the arrays and
their index, gives the roles granted the search rows the same grants on the new rows, and leaves
the events as they were; the desk then verifies, and finds near duplicates as a ledger file of
the same events does.

tests/data/pg_desk_v4.sql was written by the version-4 core (make_pg_desk_v4.py beside it): what
pg_dump printed of the desk's schema (the desk of pg_desk_v3.sql: a snapshot, four claims, two
with a context, one corrected afterwards, a verdict). Each test loads it under a desk name of its
own.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import claimledger as cl
import pytest
from conftest import desk_rows, load_desk_dump, upgraded_desk, writer_granted_before

TROOPS = "About 28,500 American troops are stationed in South Korea."
NEAR = [
    "About 28,500 US troops are based in South Korea",
    "Joint drills will double next spring",
    "Rice prices in Korea doubled in 2024",
    "South Korea's defence budget grew 4.2 percent",
]
#: Each claim's buckets, one line a claim: from the arrays (version 4) and from the rows.
ARRAYS = "SELECT claim, buckets FROM claims_search ORDER BY claim"
ROWS = "SELECT claim, array_agg(bucket ORDER BY bucket) FROM claim_lsh GROUP BY claim ORDER BY 1"
_names = itertools.count(1)


@pytest.fixture
def v4_desk(pg_server) -> tuple[str, str]:
    """(URL, schema) of a copy of the version-4 desk loaded into the suite's server."""
    name = f"v4copy{next(_names)}"
    return load_desk_dump(pg_server, "pg_desk_v4.sql", "claimledger_v4fixture", name)


def _columns_and_indexes(pg_server, schema: str) -> tuple[list[str], list[str]]:
    columns = desk_rows(
        pg_server,
        schema,
        "SELECT attname FROM pg_attribute WHERE attrelid = 'claims_search'::regclass "
        "AND attnum > 0 AND NOT attisdropped ORDER BY attnum",
    )
    indexes = desk_rows(
        pg_server,
        schema,
        "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() "
        "AND tablename = 'claims_search' ORDER BY 1",
    )
    return columns, indexes


def test_the_fixture_is_a_version_4_desk_with_bucket_arrays(pg_server, v4_desk):
    _, schema = v4_desk
    assert desk_rows(pg_server, schema, "SELECT version FROM desk") == ["4"]
    tables = "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() "
    assert desk_rows(pg_server, schema, tables + "AND tablename = 'claim_lsh'") == ["0"]
    columns, indexes = _columns_and_indexes(pg_server, schema)
    assert "buckets" in columns
    assert "claims_search_buckets" in indexes
    assert len(desk_rows(pg_server, schema, ARRAYS)) == 4


def test_a_version_4_desk_opens_and_moves_its_buckets_to_rows(pg_server, v4_desk, tmp_path: Path):
    url, schema = v4_desk
    arrays = desk_rows(pg_server, schema, ARRAYS)
    with upgraded_desk(pg_server, url, schema) as wb:
        assert desk_rows(pg_server, schema, ROWS) == arrays  # the same buckets, now rows
        columns, indexes = _columns_and_indexes(pg_server, schema)
        assert columns == ["claim", "terms", "all_terms", "length"]
        assert "claims_search_buckets" not in indexes
        # The same near duplicates, with the same scores, as a ledger file of the same events.
        [first, *_] = wb.similar(NEAR[0], k=3)
        assert first.claim.text == TROOPS
        bundle = tmp_path / "desk.jsonl"
        wb.export_bundle(bundle)
        with cl.open(tmp_path / "same.cldg") as same:
            same.import_bundle(bundle)
            for text in NEAR:
                ours, theirs = wb.similar(text, k=4), same.similar(text, k=4)
                assert [(h.claim.id, h.score) for h in ours] == [
                    (h.claim.id, h.score) for h in theirs
                ], text
        # A new claim is checked against the rows: the rated claim it resembles is named.
        with pytest.warns(cl.NearDuplicateWarning, match="already rated 'mostly-true'"):
            added = wb.add_claim("About 28,500 American troops are stationed in Korea.")
        [first, *_] = wb.similar("About 28,500 American troops are stationed in Korea", k=2)
        assert first.claim.id == added.id
        assert len(desk_rows(pg_server, schema, ROWS)) == 5
        assert wb.verify().ok
    with cl.open(url, create=False) as wb:  # opened again: nothing left to upgrade
        assert wb.verify().ok
        assert len(wb.claims()) == 5


def test_a_writer_granted_before_the_upgrade_still_adds_claims(pg_server, v4_desk):
    url, schema = v4_desk
    # A writer of the version-4 desk, granted as `claimledger pg-grant --writer` granted then.
    rewritable = (
        "sources, snapshots, claims, claim_tags, appearances, evidence, verdicts, "
        "source_ratings, event_refs, claims_search, snapshots_search, search_totals, "
        "claim_terms, tree_nodes"
    )
    writer = writer_granted_before(
        pg_server, schema, f"writer4x{next(_names)}", rewritable.split(", ")
    )
    with upgraded_desk(pg_server, url, schema):  # its owner opens it
        pass
    with cl.open(writer, create=False, actor="dave") as wb:
        added = wb.add_claim("Korea's fishing exports rose 7% in 2023.")
        assert wb.verify().ok
        wb.rebuild()  # empties and fills the search tables again, claim_lsh with them
        assert wb.verify().ok
    seq = f"(SELECT seq FROM claims WHERE id = '{added.id}')"
    assert desk_rows(
        pg_server, schema, f"SELECT count(*) > 0 FROM claim_lsh WHERE claim = {seq}"
    ) == ["t"]
