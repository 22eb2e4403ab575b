"""Hashes that anyone can recompute: golden vectors (XXH3-128 and SHA-256 of known bytes,
canonical JSON of known events) shared with the C++ tests, the event hash and chain of a
real ledger recomputed with hashlib and json, and entity ids derived from event hashes."""

from __future__ import annotations

import hashlib
import json

import claimledger as cl
import pytest

GENESIS_PREV = "sha256:" + "0" * 64


def canonical(value) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def sha256(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_golden_vectors_are_there(golden):
    names = [c["name"] for c in golden["contents"]]
    assert {"empty", "unicode", "bytes-0-255"} <= set(names)
    assert len(golden["events"]) >= 2


def test_snapshot_hashes_match_the_golden_contents(golden):
    wb = cl.open(actor="alice")
    stored = [item for item in golden["contents"] if item["hex"]]
    for item in golden["contents"]:
        data = bytes.fromhex(item["hex"])
        if not data:  # a snapshot holds a document: the empty vector's hash is checked in C++
            with pytest.raises(cl.InvalidInputError, match=r"snapshot\.empty"):
                wb.add_snapshot(data)
            continue
        snap = wb.add_snapshot(data)
        assert snap.hash == item["xxh3_128"], item["name"]
        assert snap.sha256 == item["sha256"], item["name"]
        assert snap.size == len(data)
        assert "sha256:" + hashlib.sha256(data).hexdigest() == item["sha256"], item["name"]
        assert wb.snapshot_bytes(snap.hash) == data
    assert len(wb.snapshots()) == len(stored)
    assert wb.verify().ok


def test_snapshot_event_records_both_hashes(golden):
    wb = cl.open(actor="alice")
    item = next(c for c in golden["contents"] if c["name"] == "unicode")
    snap = wb.add_snapshot(bytes.fromhex(item["hex"]))
    event = wb.history(snap.hash)[0]
    assert event.type == "snapshot.added"
    assert event.data["hash"] == item["xxh3_128"]
    assert event.data["sha256"] == item["sha256"]


def test_golden_events_canonical_json_and_hash(golden):
    for item in golden["events"]:
        text = canonical(item["event"])
        assert text == item["canonical"]
        assert sha256(text) == item["hash"]


def test_golden_event_rebuilt_as_an_event_object(golden):
    for item in golden["events"]:
        event = cl.Event(hash=item["hash"], **item["event"])
        assert event.canonical() == item["canonical"]


#: A NUL character, which a ledger file keeps in its text; a desk on PostgreSQL keeps none in
#: a text column (test_postgres.py checks that the server refuses it and writes nothing).
NUL = {"file": "\x00 ", "postgresql": ""}


@pytest.fixture
def busy_ledger(desk, store):
    """The desk plus events with text that JSON must escape or must leave alone."""
    wb = desk.wb
    wb.actor = 'Émile "the checker" 🧐'
    awkward = (
        f'Quote "x" \\ back\ttab\x01\x1f\x7f \u2028 é 🧐 한국 {NUL[store]}'
        "approximately 28,500 troops\nline two"
    )
    snap = wb.add_snapshot(awkward, title="Tabs\tand\nnewlines", published="2024-10-21")
    wb.add_claim(awkward, appears_in=snap, tags=["Z", "a", "é"])
    wb.add_claim("Between 1.5 and 2.5 million people, about two-thirds of them, in 1950–1953.")
    wb.set_verdict(desk.troops, "mostly-true", rationale="Revised: « rotations » vary.")
    wb.set_status(desk.troops, "published")
    wb.rate_source(desk.chun, "C", rationale="Retired; speaks from experience.")
    return wb


def test_every_event_hash_is_sha256_of_its_canonical_json(busy_ledger):
    events = busy_ledger.events()
    assert len(events) > 12
    for event in events:
        assert sha256(event.canonical()) == event.hash, event.seq
        six = {
            "seq": event.seq,
            "prev": event.prev,
            "type": event.type,
            "at": event.at,
            "actor": event.actor,
            "data": event.data,
        }
        assert sha256(canonical(six)) == event.hash, event.seq


def test_events_are_chained(busy_ledger):
    events = busy_ledger.events()
    assert events[0].prev == GENESIS_PREV
    for before, after in zip(events, events[1:]):
        assert after.prev == before.hash
        assert after.seq == before.seq + 1


def test_canonical_json_has_only_integers(busy_ledger):
    def walk(value):
        assert not isinstance(value, float)
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for event in busy_ledger.events():
        walk(event.data)


def test_entity_ids_come_from_the_hash_of_the_event_that_made_them(desk):
    wb = desk.wb
    prefixes = {"source.added": "src_", "claim.added": "clm_", "evidence.linked": "evd_"}
    made = {}
    for event in wb.events():
        if event.type in prefixes:
            made[prefixes[event.type] + event.hash[7:23]] = event.seq
    assert wb.claim(desk.troops).seq == made[desk.troops]
    assert wb.claim(desk.escalation).seq == made[desk.escalation]
    assert wb.source(desk.reuters).seq == made[desk.reuters]
    assert wb.source(desk.chun).seq == made[desk.chun]
    assert wb.evidence(desk.troops)[0].seq == made[desk.evidence]
    ids = [c.id for c in wb.claims()] + [s.id for s in wb.sources()] + [desk.evidence]
    assert sorted(ids) == sorted(made)


def test_claim_id_is_its_event_hash_prefix(wb):
    claim = wb.add_claim("About 28,500 US troops are in South Korea.")
    (event,) = wb.history(claim.id)
    assert event.type == "claim.added"
    assert claim.id == "clm_" + event.hash[7:23]


def test_identity_is_the_genesis_hash(wb):
    genesis = wb.events()[0]
    assert wb.identity == genesis.hash == sha256(genesis.canonical())
    assert genesis.data["nonce"] != cl.open(actor="alice").events()[0].data["nonce"]
