"""A desk made before claims' contexts were searchable (schema version 5) opens with this core:
the upgrade indexes each claim's text and context, and leaves the events as they were; opened
read-only, the file stays as it is and is searched and verified as its own index says.

tests/data/ledger_v5.cldg was written by the version-5 core (make_v5_ledger.py beside it): three
claims, two with a context whose words no claim's text holds ("armistice", "budget"). Each test
works on a copy.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import claimledger as cl
import pytest
from conftest import (
    REPO,
    SCHEMA_VERSION,
    assert_one_index_problem,
    data_copy,
    event_rows,
    found_texts,
    ledger_file_rows,
    opened_read_only_unchanged,
    user_version,
)

FIXTURE = REPO / "tests" / "data" / "ledger_v5.cldg"
TROOPS = "The US keeps approximately 28,500 troops in South Korea."


@pytest.fixture
def v5_copy(tmp_path: Path) -> Path:
    return data_copy(FIXTURE.name, tmp_path)


def test_the_fixture_is_a_version_5_file_whose_index_holds_the_texts_alone():
    assert user_version(FIXTURE) == 5
    names = {name for (name,) in ledger_file_rows(FIXTURE, "SELECT name FROM sqlite_master")}
    assert "claims_fts" in names
    assert "claims_searchable" not in names
    with_context = "SELECT count(*) FROM claims WHERE context IS NOT NULL"
    assert ledger_file_rows(FIXTURE, with_context) == [(2,)]


def test_a_version_5_desk_opens_upgrades_and_finds_claims_by_their_context(v5_copy: Path):
    before = event_rows(v5_copy)
    with cl.open(v5_copy, create=False, actor="carol") as wb:
        assert user_version(v5_copy) == SCHEMA_VERSION
        assert event_rows(v5_copy) == before  # the chain is untouched: same rows, same hashes
        report = wb.verify()
        assert report.ok, report.problems
        [hit] = wb.search("armistice")
        assert hit.claim.text == TROOPS
        assert hit.claim.verdict.rating == "mostly-true"
        assert "[armistice]" in hit.snippet
        assert found_texts(wb, "budget hearing") == ["Defence spending rose 4.2% last year."]
        assert found_texts(wb, "troops") == [TROOPS]
        assert found_texts(wb, "unemployment") == ["Unemployment fell to 3.9% in June 2024."]
        # New claims are indexed with their context; rebuild() makes the same index again.
        wb.add_claim("Rice prices doubled.", context="Market report, Busan")
        assert found_texts(wb, "busan") == ["Rice prices doubled."]
        assert wb.verify().ok
        wb.rebuild()
        assert found_texts(wb, "busan") == ["Rice prices doubled."]
        assert found_texts(wb, "armistice") == [TROOPS]
        assert wb.verify().ok
    assert event_rows(v5_copy)[: len(before)] == before
    with cl.open(v5_copy, create=False) as wb:  # opened again: nothing left to upgrade
        assert user_version(v5_copy) == SCHEMA_VERSION
        assert wb.verify().ok
        assert found_texts(wb, "armistice") == [TROOPS]


def test_a_version_5_desk_opened_read_only_is_not_upgraded_and_verifies(v5_copy: Path):
    with opened_read_only_unchanged(v5_copy, 5) as wb:
        assert found_texts(wb, "troops") == [TROOPS]
        # Its index holds the texts alone until it is opened for writing.
        assert found_texts(wb, "armistice") == []


def test_verify_reports_a_claim_indexed_without_its_context(v5_copy: Path):
    with cl.open(v5_copy, create=False) as wb:
        troops = wb.search("troops")[0].claim.id
    with sqlite3.connect(v5_copy) as db:
        # The row indexed as version 5 indexed it: the text alone.
        db.execute(
            "UPDATE claims_fts SET text = (SELECT text FROM claims WHERE id = ?) "
            "WHERE rowid = (SELECT rowid FROM claims WHERE id = ?)",
            (troops, troops),
        )
    assert_one_index_problem(v5_copy, "claims_fts", troops)
