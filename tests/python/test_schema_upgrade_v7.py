"""A desk made before a claim's own rows were keyed by its row number (schema version 7) opens
with this core: the upgrade moves its tags, verdicts and event references to integer keys and
leaves the events as they were; every answer read from those rows is the same before and after.
Opened read-only, the file stays as it is, and is read and verified through views that show it
as version 8 keys it.

tests/data/ledger_v7.cldg was written by the version-7 core (make_v7_ledger.py beside it):
claims with tags, superseded and current verdicts, evidence linked and unlinked, a correction, a
retraction, merged sources and a verdict conflict. Each test works on a copy.
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

FIXTURE = REPO / "tests" / "data" / "ledger_v7.cldg"


@pytest.fixture
def v7_copy(tmp_path: Path) -> Path:
    return data_copy(FIXTURE.name, tmp_path)


def answers(wb) -> dict:
    """What the rows keyed by claims answer: each claim's tags, current verdict, verdicts and
    history, the claims of each tag, the conflicts, a search filtered by tag."""
    claims = wb.claims()
    tags = sorted({tag for claim in claims for tag in claim.tags})
    return {
        "claims": [
            (
                c.id,
                c.tags,
                c.status,
                c.verdict.rating if c.verdict else None,
                [(v.seq, v.rating, v.rationale, v.evidence) for v in wb.verdicts(c.id)],
                [(e.seq, e.type, e.hash) for e in wb.history(c.id)],
            )
            for c in claims
        ],
        "by_tag": {tag: [c.id for c in wb.claims(tag=tag)] for tag in tags},
        "conflicts": [c.id for c in wb.claims(conflict=True)],
        "search": [hit.claim.id for hit in wb.search("ferry")],
        "search_by_tag": [hit.claim.id for hit in wb.search("ferry", tag="transport")],
        "sources": [(s.id, [(e.seq, e.type) for e in wb.history(s.id)]) for s in wb.sources()],
    }


def test_the_fixture_keys_claim_rows_by_text_id():
    assert user_version(FIXTURE) == 7
    ids = {id for (id,) in ledger_file_rows(FIXTURE, "SELECT id FROM claims")}
    assert {claim for (claim,) in ledger_file_rows(FIXTURE, "SELECT claim FROM claim_tags")} <= ids
    assert {claim for (claim,) in ledger_file_rows(FIXTURE, "SELECT claim FROM verdicts")} <= ids
    refs = ledger_file_rows(FIXTURE, "SELECT entity FROM event_refs")
    assert any(entity in ids for (entity,) in refs)


def test_a_version_7_desk_opens_upgrades_and_answers_the_same(v7_copy: Path):
    with opened_read_only_unchanged(v7_copy, 7) as wb:
        before = answers(wb)
    # The fixture holds what the rows must answer for: tags, several verdicts, a conflict.
    assert before["by_tag"]["transport"]
    assert before["conflicts"]
    assert any(len(claim[4]) == 2 for claim in before["claims"])
    events = event_rows(v7_copy)
    with cl.open(v7_copy, create=False, actor="carol") as wb:
        assert user_version(v7_copy) == SCHEMA_VERSION
        assert event_rows(v7_copy) == events  # the chain is untouched: same rows, same hashes
        report = wb.verify()
        assert report.ok, report.problems
        assert answers(wb) == before
    # Every row of a claim names it by an integer now; event_refs keeps the other entities.
    for table in ("claim_tags", "verdicts", "claim_refs"):
        kinds = ledger_file_rows(v7_copy, f"SELECT DISTINCT typeof(claim) FROM {table}")
        assert kinds == [("integer",)], table
    assert ledger_file_rows(
        v7_copy, "SELECT count(*) FROM event_refs WHERE entity IN (SELECT id FROM claims)"
    ) == [(0,)]
    # The desk goes on: a new verdict on an upgraded claim is read back with the others.
    with cl.open(v7_copy, create=False, actor="carol") as wb:
        claim = before["conflicts"][0]
        wb.set_verdict(claim, "true", rationale="The works log decides it.")
        assert [v.rating for v in wb.verdicts(claim)][-1] == "true"
        assert wb.claims(conflict=True) == []
        assert wb.verify().ok


def test_an_edit_made_before_the_upgrade_is_still_reported_after_it(v7_copy: Path):
    with sqlite3.connect(v7_copy) as db:
        db.execute("UPDATE verdicts SET claim = 'clm_0000000000000000' WHERE seq = 12")
        db.execute("UPDATE claim_tags SET claim = 'clm_1111111111111111' WHERE tag = 'budget'")
    with cl.open(v7_copy, create=False, actor="carol") as wb:
        assert user_version(v7_copy) == SCHEMA_VERSION
        report = wb.verify()
    details = [p.detail for p in report.problems if p.kind == "projection-mismatch"]
    assert any("verdicts row 12" in d for d in details), details
    assert any("claim_tags row clm_1111111111111111 budget" in d for d in details), details
    with cl.open(v7_copy, actor="carol") as wb:
        wb.rebuild()
        assert wb.verify().ok
