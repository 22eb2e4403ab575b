"""A large batch records exactly what its records added one at a time record.

A file desk writes a batch's rows on a thread of its own while the next records are prepared
(docs/ARCHITECTURE.md, "A batch's rows written beside its preparation"); a desk on the server
sends them in the background. Either way a batch must give the same claims, verdicts, statuses,
tags, appearances, search hits and ids of records already there as the same records added one
call each, and a write that fails on that thread must fail the whole batch and write nothing."""

from __future__ import annotations

import sqlite3

import claimledger as cl
import pytest

CITIES = ("Seoul", "Busan", "Incheon", "Daegu", "Gwangju", "Daejeon", "Ulsan")


def _records(snapshot: str) -> list[dict]:
    """900 records of every kind a batch meets: claimants by name and none, tags, refs, a
    verdict and a status, a quote in a snapshot, Chinese text (kept parted for search), a ref
    repeated within the batch, a claim repeated within it, and one added before it."""
    records = []
    for i in range(900):
        r: dict = {
            "text": f"Claim {i}: officials counted {1000 + 7 * i} soldiers near {CITIES[i % 7]}."
        }
        if i % 50 == 7:
            r["text"] = f"首尔有{i}名士兵。"
        if i % 5 == 0:
            r["claimant"] = "Chun In-bum"
        elif i % 5 == 1:
            r["claimant"] = "Reuters"
        r["tags"] = [[], ["korea"], ["korea", "army"]][i % 3]
        if i % 4 == 0:
            r["ref"] = f"ref-{i}"
        if i % 2 == 0:
            r["verdict"] = {"rating": ["true", "false"][i % 4 // 2], "rationale": f"checked {i}"}
        if i % 6 in (0, 3):
            r["status"] = "reviewed" if i % 6 == 0 else "in-progress"  # "reviewed" has a verdict
        if i % 100 == 33:
            r["appears_in"] = snapshot
            r["quote"] = "approximately 28,500 troops"
        records.append(r)
    records[800] = {"text": "A repeated ref.", "ref": "ref-400"}
    records[850] = dict(records[10])  # the same text and claimant, no ref
    records[860] = {"text": "Added before the batch.", "claimant": "Reuters"}
    return records


def _desk(wb) -> tuple[str, dict]:
    """Two sources, a claim and a snapshot: the snapshot's hash and the sources' ids by name."""
    sources = {
        "Reuters": wb.add_source("Reuters", kind="outlet").id,
        "Chun In-bum": wb.add_source("Chun In-bum", kind="person").id,
    }
    wb.add_claim("Added before the batch.", claimant="Reuters")
    article = "Seoul — The United States keeps approximately 28,500 troops in South Korea.\n"
    return wb.add_snapshot(article.encode(), url="https://example.org/troops").hash, sources


def _shown(wb, ids: list[str]) -> list[tuple]:
    shown = []
    for claim in (wb.claim(i) for i in ids):
        verdict = claim.verdict
        shown.append(
            (
                claim.text,
                wb.source(claim.claimant).name if claim.claimant else None,
                tuple(claim.tags),
                claim.ref,
                claim.status,
                (verdict.rating, verdict.rationale) if verdict else None,
                tuple(a.exact for a in claim.appearances),
            )
        )
    return shown


def test_a_large_batch_records_what_its_records_one_call_each_record(wb, new_location):
    snapshot, sources = _desk(wb)
    records = _records(snapshot)
    added = wb.add_claims(records)

    with cl.open(new_location(), actor="alice") as one_by_one:
        same_snapshot, other_sources = _desk(one_by_one)
        assert same_snapshot == snapshot
        singles = [one_by_one.add_claims([r]) for r in records]
        ids = [s[0] for s in singles]
        assert added.already_there == tuple(i for i, s in enumerate(singles) if s.already_there)
        assert added.already_there == (800, 850, 860)
        assert added[800] == added[400]
        assert added[850] == added[10]
        assert _shown(wb, list(added)) == _shown(one_by_one, ids)
        assert wb.event_count() == one_by_one.event_count()
        for query in ("soldiers Busan", "首尔", "troops"):
            assert sorted(h.claim.text for h in wb.search(query, limit=1000)) == sorted(
                h.claim.text for h in one_by_one.search(query, limit=1000)
            )
        for text in (records[3]["text"], records[57]["text"]):
            assert [h.claim.text for h in wb.similar(text)][:1] == [text]
        for name, source in sources.items():
            assert (
                wb.track_record(source).counts
                == one_by_one.track_record(other_sources[name]).counts
            )
        assert one_by_one.verify().ok
    assert wb.verify().ok


@pytest.mark.file_only("a trigger of the file's own refuses a row on the writing thread")
def test_a_write_refused_on_the_writing_thread_fails_the_batch_and_writes_nothing(
    wb, ledger_path, ledger_state
):
    snapshot, _ = _desk(wb)
    records = _records(snapshot)
    before = ledger_state(wb)
    with sqlite3.connect(ledger_path) as connection:
        connection.execute(
            "CREATE TRIGGER refuse BEFORE INSERT ON claims WHEN NEW.text = 'Claim 701: "
            "officials counted 5907 soldiers near Busan.' BEGIN SELECT RAISE(ABORT, "
            "'refused by the test'); END"
        )
    connection.close()
    with pytest.raises(cl.StorageError, match="refused by the test"):
        wb.add_claims(records)
    assert ledger_state(wb) == before
    assert wb.verify().ok
    with sqlite3.connect(ledger_path) as connection:
        connection.execute("DROP TRIGGER refuse")
    connection.close()
    added = wb.add_claims(records)
    assert len(set(added)) == 898
    assert added.already_there == (800, 850, 860)
    assert wb.verify().ok
