"""A desk made before the near-duplicate buckets of recent claims had a table of their own (schema
version 8) opens with this core: the upgrade adds the empty table claim_lsh_recent and leaves
every row it had where it was; similar() and verify() answer the same before and after, and the
claims added after the upgrade are found beside the older ones. Opened read-only, the file stays
as it is.

tests/data/ledger_v8.cldg was written by the version-8 core (make_v8_ledger.py beside it): claims
that reword one another, added in a batch and one at a time, one with a context, one retracted.
Each test works on a copy.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import claimledger as cl
import pytest
from conftest import (
    REPO,
    SCHEMA_VERSION,
    data_copy,
    event_rows,
    ledger_file_rows,
    opened_read_only_unchanged,
    user_version,
)

FIXTURE = REPO / "tests" / "data" / "ledger_v8.cldg"

QUERIES = [
    "The new tram line carried 52,000 riders in its first week.",
    "Rents in the city centre went up 9% in 2024.",
    "The library lends more e-books than paper books.",
    "How much did the tram line cost?",
]


@pytest.fixture
def v8_copy(tmp_path: Path) -> Path:
    return data_copy(FIXTURE.name, tmp_path)


def similar_hits(wb) -> list:
    return [[(h.claim.id, round(h.score, 6)) for h in wb.similar(q, 5)] for q in QUERIES]


def bucket_rows(path: Path) -> list[tuple]:
    return ledger_file_rows(path, "SELECT bucket, claim FROM claim_lsh ORDER BY 1, 2")


def test_the_fixture_keeps_every_bucket_in_claim_lsh():
    assert user_version(FIXTURE) == 8
    tables = {name for (name,) in ledger_file_rows(FIXTURE, "SELECT name FROM sqlite_master")}
    assert "claim_lsh_recent" not in tables
    assert len(bucket_rows(FIXTURE)) >= 6 * 8


def test_a_version_8_desk_opens_upgrades_and_finds_the_same(v8_copy: Path):
    with opened_read_only_unchanged(v8_copy, 8) as wb:
        before = similar_hits(wb)
    # The fixture's rewordings find one another.
    assert before[0][0][1] == 1.0
    assert len(before[0]) >= 2
    assert before[1]
    events, buckets = event_rows(v8_copy), bucket_rows(v8_copy)
    with cl.open(v8_copy, create=False, actor="carol") as wb:
        assert user_version(v8_copy) == SCHEMA_VERSION
        assert event_rows(v8_copy) == events  # the chain is untouched
        assert bucket_rows(v8_copy) == buckets  # and so are the older claims' buckets
        assert ledger_file_rows(v8_copy, "SELECT count(*) FROM claim_lsh_recent") == [(0,)]
        report = wb.verify()
        assert report.ok, report.problems
        assert similar_hits(wb) == before
        # A claim added now keeps its buckets in the new table, and is found with the older.
        added = wb.add_claim("During its first week the new tram line carried 52,000 riders.")
        assert ledger_file_rows(v8_copy, "SELECT count(DISTINCT claim) FROM claim_lsh_recent") == [
            (1,)
        ]
        found = [h.claim.id for h in wb.similar(QUERIES[0], 5)]
        assert added.id in found
        assert before[0][0][0] in found
        assert wb.verify().ok


def test_an_edit_made_before_the_upgrade_is_still_reported_after_it(v8_copy: Path):
    with sqlite3.connect(v8_copy) as db:
        db.execute("DELETE FROM claim_lsh WHERE claim = 1")
    with cl.open(v8_copy, create=False, actor="carol") as wb:
        assert user_version(v8_copy) == SCHEMA_VERSION
        report = wb.verify()
        assert not report.ok
        assert any("claim_lsh" in p.detail for p in report.problems), report.problems
        wb.rebuild()
        assert wb.verify().ok
