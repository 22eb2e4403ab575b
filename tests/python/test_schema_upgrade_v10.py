"""A desk made while a ledger file kept the references of events to sources in event_refs, and
each claim's claimant, by the sources' text ids (schema version 10), opens with this core: the
upgrade moves the references to source_refs and writes the claims' claimants, both keyed by
each source's rowid, and touches no event; every source's history, claims, track record, the
sources report, a search by claimant and the desk's verify answer as before. Opened read-only,
the file stays as it is and answers the same.

tests/data/ledger_v10.cldg was written by the version-10 core (make_v10_ledger.py beside it):
three sources, one merged into another; claims by them, one corrected to another claimant; a
source rating; verdicts. Each test works on a copy.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import claimledger as cl
import pytest
from conftest import (
    SCHEMA_VERSION,
    data_copy,
    event_rows,
    ledger_file_rows,
    opened_read_only_unchanged,
    user_version,
)


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    return data_copy("ledger_v10.cldg", tmp_path)


def refs_by_source(path: Path) -> dict[str, list[int]]:
    """The events the version-10 file's event_refs says name each source."""
    refs: dict[str, list[int]] = {}
    for entity, seq in ledger_file_rows(
        path,
        "SELECT entity, seq FROM event_refs WHERE entity IN (SELECT id FROM sources) "
        "ORDER BY entity, seq",
    ):
        refs.setdefault(entity, []).append(seq)
    return refs


def answers(wb) -> dict:
    """What a reader asks of the desk's sources."""
    by_source = {
        s.id: (
            [e.seq for e in wb.history(s.id)],
            wb.track_record(s.id).counts,
            [(c.id, c.claimant) for c in wb.claims(claimant=s.id)],
            [h.claim.id for h in wb.search("ferry OR pier", match="any", claimant=s.id)],
        )
        for s in wb.sources()
    }
    return {"sources": by_source, "report": str(wb.sources_report(sort_by="name"))}


def test_the_fixture_keeps_its_source_references_by_text(desk):
    assert user_version(desk) == 10
    refs = refs_by_source(desk)
    assert len(refs) == 3  # every source is named by several events
    assert all(len(seqs) >= 3 for seqs in refs.values())


def test_a_version_10_desk_opens_read_only_unchanged(desk):
    refs = refs_by_source(desk)
    with opened_read_only_unchanged(desk, 10) as wb:
        for source, seqs in refs.items():
            assert [e.seq for e in wb.history(source)] == seqs


def test_the_upgrade_moves_the_references_and_every_answer_stays(desk):
    refs = refs_by_source(desk)
    events = event_rows(desk)
    claims = ledger_file_rows(desk, "SELECT rowid, id FROM claims ORDER BY rowid")
    with cl.open(desk, read_only=True) as wb:
        before = answers(wb)
    with cl.open(desk, create=False, actor="alice") as wb:
        assert user_version(desk) == SCHEMA_VERSION
        assert event_rows(desk) == events  # the chain is untouched
        assert wb.verify().ok
        assert answers(wb) == before
        # The references are in source_refs now, by each source's rowid; none is left by text.
        moved = ledger_file_rows(
            desk,
            "SELECT s.id, r.seq FROM source_refs r JOIN sources s ON s.rowid = r.source "
            "ORDER BY s.id, r.seq",
        )
        assert moved == [(source, seq) for source, seqs in refs.items() for seq in seqs]
        assert ledger_file_rows(
            desk, "SELECT count(*) FROM event_refs WHERE entity IN (SELECT id FROM sources)"
        ) == [(0,)]
        # So are the claimants, the rows keeping their rowids (the search indexes name them).
        assert ledger_file_rows(
            desk, "SELECT DISTINCT typeof(claimant) FROM claims WHERE claimant IS NOT NULL"
        ) == [("integer",)]
        assert ledger_file_rows(desk, "SELECT rowid, id FROM claims ORDER BY rowid") == claims
        # What the upgraded desk records next is found the same way.
        council = next(s for s in wb.sources() if s.name == "Harbour Council")
        added = wb.add_claim("The council will add a night ferry in June.", claimant=council.id)
        history = wb.history(council.id)
        assert history[-1].seq == added.seq
        assert [e.seq for e in history[:-1]] == refs[council.id]
        assert wb.claims(claimant=council.id)[-1].id == added.id
        assert wb.verify().ok


@pytest.mark.parametrize(
    "edit",
    [
        "UPDATE source_refs SET source = source + 1 WHERE seq = 5",
        "UPDATE claims SET claimant = claimant + 1 WHERE seq = 5",
        "UPDATE claims SET claimant = 999 WHERE seq = 5",
        "UPDATE claims SET claimant = (SELECT min(id) FROM sources) WHERE seq = 5",
    ],
)
def test_the_upgraded_desk_reports_an_edited_source_key(desk, edit):
    with cl.open(desk, create=False, actor="alice") as wb:
        assert wb.verify().ok
    with sqlite3.connect(desk) as db:
        db.execute(edit)
    with cl.open(desk, read_only=True) as wb:
        report = wb.verify()
        assert not report.ok
        assert {p.kind for p in report.problems} == {"projection-mismatch"}


def test_a_claimant_kept_by_its_text_id_counts_for_the_same_source(desk):
    """A claim that came before its source keeps the source's text id (schema.h, SourceIdOf):
    every read takes it with the claims keyed by the source's rowid."""
    with cl.open(desk, create=False, actor="alice") as wb:
        before = answers(wb)
    with sqlite3.connect(desk) as db:  # the council's first claim, as if merged before it
        db.execute(
            "UPDATE claims SET claimant = (SELECT id FROM sources WHERE rowid = claimant) "
            "WHERE seq = 5"
        )
    assert ledger_file_rows(desk, "SELECT typeof(claimant) FROM claims WHERE seq = 5") == [
        ("text",)
    ]
    with cl.open(desk, read_only=True) as wb:
        assert wb.verify().ok
        assert answers(wb) == before
