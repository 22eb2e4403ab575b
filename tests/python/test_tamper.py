"""Tampering: edit a ledger behind its back, one edit per case, and check that verify()
reports the right kind of problem at the right place, from Python and from the command
line. None may pass unnoticed. Each case runs on both stores: a ledger file edited with
SQLite, and a desk on the PostgreSQL server edited by the server's superuser with its
append-only triggers disabled (conftest's `tamper`); the same edit where the SQL is the
same, each store's own where it is not (random bytes, blobs, and the search indexes, which
are each store's own tables)."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import claimledger as cl
import pytest
from claimledger.cli import main as cli_main
from conftest import STORES

ARTICLE = (
    "Seoul, 21 October 2024. The United States keeps approximately 28,500 troops in South "
    "Korea. The Korean War lasted from 1950 to 1953."
)
FACTS = "About 28,500 U.S. service members are stationed in Korea."


def canonical(row: dict) -> str:
    return json.dumps(row, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def rehash_from(db, first_seq: int) -> None:
    """Recomputes hash and prev of every event from `first_seq` on, as a forger would."""
    rows = db.execute(
        "SELECT seq, prev, type, at, actor, data FROM events WHERE seq >= ? ORDER BY seq",
        (first_seq,),
    ).fetchall()
    prev = db.execute("SELECT hash FROM events WHERE seq = ?", (first_seq - 1,)).fetchone()[0]
    for seq, _, type_, at, actor, data in rows:
        event = {
            "seq": seq,
            "prev": prev,
            "type": type_,
            "at": at,
            "actor": actor,
            "data": json.loads(data),
        }
        digest = "sha256:" + hashlib.sha256(canonical(event).encode()).hexdigest()
        db.execute("UPDATE events SET prev = ?, hash = ? WHERE seq = ?", (prev, digest, seq))
        prev = digest


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> tuple[Path, dict]:
    """A small desk on disk; events numbered as listed in `ids`."""
    path = tmp_path_factory.mktemp("pristine") / "desk.ledger"
    with cl.open(path, actor="alice") as wb:
        outlet = wb.add_source("Courier", kind="outlet")  # 2
        article = wb.add_snapshot(ARTICLE, publisher=outlet)  # 3
        facts = wb.add_snapshot(FACTS)  # 4
        claim = wb.add_claim(
            "About 28,500 US troops are in South Korea.",  # 5
            claimant=outlet,
            appears_in=article,
            quote="approximately 28,500 troops",
            tags=["military"],
        )
        other = wb.add_claim("The Korean War lasted from 1950 to 1953.")  # 6
        ev = wb.link_evidence(
            claim, facts, quote="About 28,500 U.S. service members", stance="supports"
        )  # 7
        wb.set_verdict(claim, "mixed", rationale="first look")  # 8
        wb.set_verdict(claim, "true", rationale="fact sheet agrees", evidence=[ev])  # 9
        wb.set_status(claim, "published")  # 10
        wb.rate_source(outlet, "B", rationale="usually reliable")  # 11
        checkpoint = wb.checkpoint()
        assert wb.verify().ok
    ids = {
        "claim": claim.id,
        "other": other.id,
        "facts": facts.hash,
        "article": article.hash,
        "outlet": outlet.id,
        "checkpoint": checkpoint,
    }
    return path, ids


def forge_event(db) -> None:
    last_seq, last_hash = db.execute("SELECT seq, hash FROM events ORDER BY seq DESC").fetchone()
    event = {
        "seq": last_seq + 1,
        "prev": last_hash,
        "type": "verdict.set",
        "at": "2030-01-01T00:00:00.000000Z",
        "actor": "mallory",
        "data": {"claim": "clm_0", "rating": "false", "rationale": "x", "evidence": []},
    }
    db.execute(
        "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            event["seq"],
            event["prev"],
            event["type"],
            event["at"],
            event["actor"],
            canonical(event["data"]),
            "sha256:" + "1" * 64,
        ),
    )


def swap_events(db) -> None:
    db.execute("UPDATE events SET seq = -1 WHERE seq = 5")
    db.execute("UPDATE events SET seq = 5 WHERE seq = 6")
    db.execute("UPDATE events SET seq = 6 WHERE seq = -1")


def unknown_type_consistent(db) -> None:
    db.execute("UPDATE events SET type = 'claim.erased' WHERE seq = 10")
    rehash_from(db, 10)


def rewrite_consistently(db) -> None:
    """Truncate the chain after event 8 and write a different, internally consistent end."""
    # A ledger file keeps a claim's and a source's event references apart and names a claim in
    # its rows by rowid (schema versions 8 and 11); a desk on the server names them by id.
    in_file = isinstance(db, sqlite3.Connection)
    db.execute("DELETE FROM events WHERE seq > 8")
    db.execute("DELETE FROM event_refs WHERE seq > 8")
    if in_file:
        db.execute("DELETE FROM claim_refs WHERE seq > 8")
        db.execute("DELETE FROM source_refs WHERE seq > 8")
    db.execute("DELETE FROM verdicts WHERE seq > 8")
    db.execute("DELETE FROM source_ratings")
    db.execute("UPDATE sources SET reliability = NULL, reliability_at = NULL")
    db.execute(
        "UPDATE claims SET status = 'new', status_at = at, rating = 'mixed', verdict_seq = 8 "
        f"WHERE {'rowid' if in_file else 'id'} IN (SELECT claim FROM verdicts)"
    )


#: 64 random hex digits, in upper case (not a hash's text form) and in lower case.
RANDOM_HEX = {
    "file": "hex(randomblob(32))",
    "postgresql": "upper(md5(random()::text) || md5(random()::text))",
}
RANDOM_LOWER_HEX = {
    "file": "lower(hex(randomblob(32)))",
    "postgresql": "md5(random()::text) || md5(random()::text)",
}
FORGED_BYTES = {"file": "CAST('forged document' AS BLOB)", "postgresql": "'forged document'::bytea"}
#: A claim's row of the search table, and a snapshot's, on the server.
ONE_CLAIM = "claim = (SELECT min(claim) FROM claims_search)"
ONE_SNAPSHOT = "snapshot = (SELECT min(snapshot) FROM snapshots_search)"


def delete_file_buckets(db) -> None:
    """Every near-duplicate bucket of a ledger file removed: those of claim_lsh, and those of
    the claims added since the last large batch, kept in claim_lsh_recent (schema version 9)."""
    db.execute("DELETE FROM claim_lsh")
    db.execute("DELETE FROM claim_lsh_recent")


def each_store(sql: str, **parts: dict) -> dict:
    """`sql` for each store, with each {part} filled in with that store's form of it."""
    return {store: sql.format(**{k: v[store] for k, v in parts.items()}) for store in STORES}


# (name, edit, expected kind, expected seq or None for "any"). An edit is SQL text or a
# function taking the connection, the same on both stores, or a dict of them by store (a
# case of one store's own tables has that store's only).
CASES = [
    (
        "verdict row changed",
        "UPDATE verdicts SET rating = 'false' WHERE seq = 9",
        "projection-mismatch",
        None,
    ),
    (
        "event data changed",
        "UPDATE events SET data = replace(data, 'first look', 'second look') WHERE seq = 8",
        "hash-mismatch",
        8,
    ),
    (
        "event hash changed",
        each_store("UPDATE events SET hash = 'sha256:' || {hex} WHERE seq = 6", hex=RANDOM_HEX),
        "hash-mismatch",
        6,
    ),
    (
        "event hash changed breaks the next link",
        each_store(
            "UPDATE events SET hash = 'sha256:' || {hex} WHERE seq = 6", hex=RANDOM_LOWER_HEX
        ),
        "broken-link",
        7,
    ),
    (
        "event actor changed",
        "UPDATE events SET actor = 'mallory' WHERE seq = 9",
        "hash-mismatch",
        9,
    ),
    (
        "event time changed",
        "UPDATE events SET at = '2020-01-01T00:00:00.000000Z' WHERE seq = 9",
        "hash-mismatch",
        9,
    ),
    ("event deleted in the middle", "DELETE FROM events WHERE seq = 7", "gap", 8),
    ("last event deleted", "DELETE FROM events WHERE seq = 11", "projection-mismatch", None),
    ("two events swapped", swap_events, "broken-link", 5),
    ("forged event inserted", forge_event, "hash-mismatch", 12),
    ("unknown event type, rehashed", unknown_type_consistent, "unknown-event", 10),
    (
        "snapshot bytes changed",
        each_store(
            "UPDATE contents SET bytes = {forged} WHERE hash LIKE 'xxh3-128:%' "
            "AND length(bytes) < 70",
            forged=FORGED_BYTES,
        ),
        "content-mismatch",
        None,
    ),
    (
        "snapshot bytes deleted",
        "DELETE FROM contents WHERE length(bytes) < 70",
        "content-mismatch",
        None,
    ),
    (
        "claim text changed in the table only",
        "UPDATE claims SET text = 'About 2,850 troops' WHERE text LIKE 'About 28,500%'",
        "projection-mismatch",
        None,
    ),
    (
        "tag added to the table only",
        "INSERT INTO claim_tags SELECT id, 'forged' FROM claims LIMIT 1",
        "projection-mismatch",
        None,
    ),
    (
        "source reliability changed",
        "UPDATE sources SET reliability = 'A'",
        "projection-mismatch",
        None,
    ),
    (
        "near-duplicate index emptied",
        {"file": delete_file_buckets, "postgresql": "UPDATE claims_search SET buckets = '{}'"},
        "projection-mismatch",
        None,
    ),
    (
        "full-text index of a claim deleted",
        {
            "file": "DELETE FROM claims_fts WHERE rowid = 1",
            "postgresql": f"DELETE FROM claims_search WHERE {ONE_CLAIM}",
        },
        "projection-mismatch",
        None,
    ),
    (
        "full-text index of a snapshot altered",
        {
            "file": "UPDATE snapshots_fts SET text = 'forged words' WHERE rowid = 1",
            "postgresql": (
                f"UPDATE snapshots_search SET terms = 'forged words' WHERE {ONE_SNAPSHOT}"
            ),
        },
        "projection-mismatch",
        None,
    ),
    # The server's search tables, column by column.
    (
        "full-text terms of a claim altered",
        {"postgresql": f"UPDATE claims_search SET terms = 'forged words' WHERE {ONE_CLAIM}"},
        "projection-mismatch",
        None,
    ),
    (
        "a near-duplicate bucket of a claim altered",
        {"postgresql": f"UPDATE claims_search SET buckets[1] = buckets[1] + 1 WHERE {ONE_CLAIM}"},
        "projection-mismatch",
        None,
    ),
    (
        "a near-duplicate bucket of a claim added",
        {
            "postgresql": "UPDATE claims_search SET buckets = array_append(buckets, 42) "
            f"WHERE {ONE_CLAIM}"
        },
        "projection-mismatch",
        None,
    ),
    (
        "token count of a claim altered",
        {"postgresql": f"UPDATE claims_search SET length = length + 3 WHERE {ONE_CLAIM}"},
        "projection-mismatch",
        None,
    ),
    (
        "terms of a claim marked complete or not",
        {"postgresql": f"UPDATE claims_search SET all_terms = NOT all_terms WHERE {ONE_CLAIM}"},
        "projection-mismatch",
        None,
    ),
    (
        "full-text index of a snapshot deleted",
        {"postgresql": f"DELETE FROM snapshots_search WHERE {ONE_SNAPSHOT}"},
        "projection-mismatch",
        None,
    ),
    (
        "token count of a snapshot altered",
        {"postgresql": f"UPDATE snapshots_search SET length = length - 1 WHERE {ONE_SNAPSHOT}"},
        "projection-mismatch",
        None,
    ),
    (
        "full-text totals of the claims altered",
        {"postgresql": "UPDATE search_totals SET tokens = tokens + 5 WHERE name = 'claims'"},
        "projection-mismatch",
        None,
    ),
    (
        "how many claims hold a term altered",
        {
            "postgresql": "UPDATE claim_terms SET claims = claims + 1 "
            "WHERE term = (SELECT min(term) FROM claim_terms WHERE claims > 0)"
        },
        "projection-mismatch",
        None,
    ),
    (
        "a term's count of claims deleted",
        {
            "postgresql": "DELETE FROM claim_terms "
            "WHERE term = (SELECT max(term) FROM claim_terms WHERE claims > 0)"
        },
        "projection-mismatch",
        None,
    ),
    (
        "full-text totals of the snapshots altered",
        {"postgresql": "UPDATE search_totals SET rows = rows + 1 WHERE name = 'snapshots'"},
        "projection-mismatch",
        None,
    ),
]


def store_cases() -> list:
    """Every case on each store it has an edit for, as (store, name, edit, kind, seq)."""
    cases = []
    for name, edit, kind, seq in CASES:
        edits = edit if isinstance(edit, dict) else dict.fromkeys(STORES, edit)
        cases += [
            pytest.param(store, name, edits[store], kind, seq, id=f"{store}: {name}")
            for store in STORES
            if store in edits
        ]
    return cases


def test_there_are_at_least_twelve_distinct_cases_on_each_store():
    for store in STORES:
        assert len({case.values[1] for case in store_cases() if case.values[0] == store}) >= 12


@pytest.mark.parametrize(("store", "name", "edit", "kind", "seq"), store_cases())
def test_verify_reports_the_tampering(pristine, capsys, store, name, edit, kind, seq, tamper):
    path = tamper(pristine[0], edit)
    with cl.open(path, actor="auditor") as wb:
        report = wb.verify()
    assert not report.ok, name
    found = [p for p in report.problems if p.kind == kind and (seq is None or p.seq == seq)]
    assert found, f"{name}: expected {kind} at {seq}, got {report.problems}"
    assert all(p.detail for p in report.problems)

    assert cli_main(["verify", str(path)]) == 1
    out = capsys.readouterr().out
    assert kind in out


def test_a_consistent_rewrite_is_caught_only_with_a_checkpoint(pristine, tmp_path, capsys, tamper):
    _, ids = pristine
    path = tamper(pristine[0], rewrite_consistently)
    with cl.open(path) as wb:
        assert wb.verify().ok  # internally consistent: the chain alone cannot tell
        report = wb.verify(against=ids["checkpoint"])
    assert not report.ok
    assert [p.kind for p in report.problems] == ["checkpoint-mismatch"]
    assert report.problems[0].seq == ids["checkpoint"].seq

    head = tmp_path / "head.json"
    head.write_text(ids["checkpoint"].to_json())
    assert cli_main(["verify", str(path), "--against", str(head)]) == 1
    assert "checkpoint-mismatch" in capsys.readouterr().out


def test_a_rewritten_history_of_the_same_length_is_caught_by_the_checkpoint(
    pristine, tmp_path, tamper
):
    _, ids = pristine

    def rewrite(db):
        db.execute("UPDATE events SET data = replace(data, 'first look', 'forged') WHERE seq = 8")
        db.execute("UPDATE verdicts SET rationale = 'forged' WHERE seq = 8")
        rehash_from(db, 8)

    path = tamper(pristine[0], rewrite)
    with cl.open(path) as wb:
        assert wb.verify().ok
        kinds = [p.kind for p in wb.verify(against=ids["checkpoint"]).problems]
    assert kinds == ["checkpoint-mismatch"]


def test_a_checkpoint_of_another_ledger_is_refused(pristine):
    _, ids = pristine
    with cl.open() as other:
        report = other.verify(against=ids["checkpoint"])
    assert not report.ok
    assert report.problems[0].kind == "checkpoint-mismatch"
    assert "ledger" in report.problems[0].detail


def test_rebuild_repairs_projection_damage(pristine, tmp_path, capsys, tamper):
    path = tamper(pristine[0], "UPDATE claims SET text = 'changed'")
    assert cli_main(["verify", str(path)]) == 1
    assert "claimledger rebuild" in capsys.readouterr().out
    assert cli_main(["rebuild", str(path)]) == 0
    with cl.open(path) as wb:
        assert wb.verify().ok
        assert wb.claim(pristine[1]["claim"]).text == "About 28,500 US troops are in South Korea."


def test_rebuild_refuses_damaged_events_and_changes_nothing(pristine, tamper, stored_state):
    path = tamper(pristine[0], "UPDATE events SET actor = 'mallory' WHERE seq = 9")
    before = stored_state(path)
    with cl.open(path) as wb, pytest.raises(cl.IntegrityError, match="damaged_events"):
        wb.rebuild()
    assert stored_state(path) == before


#: Every near-duplicate bucket removed, in each store's own table.
NO_BUCKETS = {
    "file": delete_file_buckets,
    "postgresql": "UPDATE claims_search SET buckets = '{}'",
}


def test_verify_can_leave_the_search_indexes_out(pristine, store, tamper):
    path = tamper(pristine[0], NO_BUCKETS[store])
    with cl.open(path) as wb:
        assert not wb.verify().ok
        assert wb.verify(search_indexes=False).ok
        wb.rebuild()
        assert wb.verify().ok
        assert wb.similar("About 28,500 US troops are in South Korea.", k=1)
