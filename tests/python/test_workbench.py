"""The Workbench's public methods: life cycle, identity and scale, sources, snapshots,
claims and their quotes, evidence, verdicts, status, source ratings, history, events,
verify and checkpoints, and that a ledger keeps all of it across reopening and across two
writers; on both stores, a file and a desk on the PostgreSQL server."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import re

import claimledger as cl
import pytest
from claimledger.files import ledger_exists

SRC_ID = re.compile(r"src_[0-9a-f]{16}")
CLM_ID = re.compile(r"clm_[0-9a-f]{16}")
EVD_ID = re.compile(r"evd_[0-9a-f]{16}")
CONTENT = re.compile(r"xxh3-128:[0-9a-f]{32}")
SHA256 = re.compile(r"sha256:[0-9a-f]{64}")
TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z")
GENESIS_PREV = "sha256:" + "0" * 64
DEFAULT_RATINGS = [
    "true",
    "mostly-true",
    "mixed",
    "mostly-false",
    "false",
    "unproven",
    "misleading",
]


def instant(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


# --- life cycle, identity, scale ----------------------------------------------------------


def test_open_in_memory_gives_a_fresh_ledger_with_its_genesis_event():
    wb = cl.open(actor="alice")
    assert wb.path == ":memory:"
    assert wb.event_count() == 1
    (genesis,) = wb.events()
    assert genesis.type == "ledger.created"
    assert genesis.seq == 1
    assert genesis.prev == GENESIS_PREV
    assert genesis.data["scale"]["name"] == "default"
    assert wb.claims() == []
    assert wb.sources() == []
    assert wb.snapshots() == []


def test_in_memory_ledgers_are_private():
    first, second = cl.open(actor="a"), cl.open(actor="b")
    first.add_source("Only in the first")
    assert second.sources() == []
    assert first.identity != second.identity


def test_open_creates_the_ledger(location):
    assert not ledger_exists(location)
    wb = cl.open(location, actor="alice")
    assert ledger_exists(location)
    assert wb.path == str(location)
    assert wb.event_count() == 1
    wb.close()


def test_default_actor_is_recorded_when_none_is_given():
    wb = cl.open()
    assert isinstance(wb.actor, str)
    assert wb.actor.strip()
    assert wb.events()[0].actor == wb.actor


def test_actor_property_is_recorded_in_every_change(wb):
    assert wb.actor == "alice"
    first = wb.add_source("AFP")
    wb.actor = "bob"
    assert wb.actor == "bob"
    second = wb.add_source("dpa")
    assert (first.actor, second.actor) == ("alice", "bob")
    assert [e.actor for e in wb.events()[-2:]] == ["alice", "bob"]


def test_context_manager_closes_and_keeps_everything(location):
    with cl.open(location, actor="alice") as wb:
        source = wb.add_source("Reuters")
    assert "closed" in repr(wb)
    with pytest.raises(cl.Error):
        wb.sources()
    with cl.open(location, actor="bob") as again:
        assert again.sources() == [source]


def test_close_is_final_and_loses_nothing(location):
    wb = cl.open(location, actor="alice")
    claim = wb.add_claim("Something checkable happened in 2024.")
    wb.close()
    with pytest.raises(cl.Error):
        wb.claim(claim.id)
    with cl.open(location) as again:
        assert again.claim(claim.id) == claim


def test_identity_is_the_hash_of_the_first_event(wb):
    assert SHA256.fullmatch(wb.identity)
    wb.add_source("Reuters")
    assert wb.identity == wb.events()[0].hash
    assert wb.checkpoint().ledger == wb.identity


def test_default_scale_and_its_ratings(wb):
    assert wb.scale == "default"
    assert wb.ratings == DEFAULT_RATINGS
    claim = wb.add_claim("A claim to rate.")
    for rating in wb.ratings:
        assert wb.set_verdict(claim, rating, rationale=f"rated {rating}").rating == rating
    assert [v.rating for v in wb.verdicts(claim)] == DEFAULT_RATINGS


@pytest.mark.parametrize("scale", ["politifact", "fever", "claimskg"])
def test_builtin_scales_take_their_own_ratings(scale):
    wb = cl.open(actor="alice", scale=scale)
    assert wb.scale == scale
    assert wb.ratings
    assert wb.ratings != DEFAULT_RATINGS
    assert wb.events()[0].data["scale"]["name"] == scale
    claim = wb.add_claim("A claim to rate.")
    for rating in wb.ratings:
        assert wb.set_verdict(claim, rating, rationale="r").rating == rating


def test_politifact_scale_has_pants_on_fire():
    wb = cl.open(actor="alice", scale="politifact")
    assert "pants-fire" in wb.ratings
    assert "half-true" in wb.ratings


def test_scale_chosen_at_creation_is_kept_on_reopen(location):
    with cl.open(location, actor="alice", scale="politifact") as wb:
        ratings = wb.ratings
        claim = wb.add_claim("A claim.")
    with pytest.raises(cl.InvalidInputError) as caught:
        cl.open(location, actor="alice", scale="fever")
    assert caught.value.id == "claimledger.scale.fixed"
    assert 'scale is "politifact"' in str(caught.value)
    with cl.open(location, actor="alice") as wb:
        assert wb.scale == "politifact"
        assert wb.ratings == ratings
        assert wb.set_verdict(claim, "pants-fire", rationale="r").rating == "pants-fire"
        with pytest.raises(cl.InvalidInputError):
            wb.set_verdict(claim, "supports", rationale="fever's label, not this ledger's")


# --- sources ------------------------------------------------------------------------------


def test_add_source_returns_the_recorded_source(wb):
    source = wb.add_source("Chun In-bum", kind="person", affiliation="ROK Army (retired)")
    assert SRC_ID.fullmatch(source.id)
    assert (source.name, source.kind, source.url, source.affiliation) == (
        "Chun In-bum",
        "person",
        None,
        "ROK Army (retired)",
    )
    assert source.reliability is None
    assert source.actor == "alice"
    assert TIME.fullmatch(source.at)
    assert source.seq == wb.event_count()
    assert wb.source(source.id) == source
    assert wb.sources() == [source]


def test_add_source_defaults_to_an_outlet(wb):
    assert wb.add_source("Reuters", url="https://www.reuters.com").kind == "outlet"


@pytest.mark.parametrize("kind", ["outlet", "person", "organisation", "official-record", "dataset"])
def test_every_documented_source_kind_is_accepted(wb, kind):
    assert wb.add_source(f"A {kind}", kind=kind).kind == kind


def test_add_sources_adds_a_batch_in_order(wb):
    ids = wb.add_sources(
        [
            {"name": "Reuters", "url": "https://www.reuters.com"},
            {"name": "AFP", "kind": "outlet"},
            {"name": "Chun In-bum", "kind": "person", "affiliation": "ROK Army"},
        ]
    )
    assert len(ids) == 3
    assert len(set(ids)) == 3
    assert all(SRC_ID.fullmatch(i) for i in ids)
    assert [wb.source(i).name for i in ids] == ["Reuters", "AFP", "Chun In-bum"]
    assert wb.source(ids[2]).kind == "person"
    assert wb.source(ids[0]).url == "https://www.reuters.com"
    assert wb.event_count() == 4


def test_add_sources_writes_nothing_when_one_record_is_bad(wb):
    before = wb.event_count()
    with pytest.raises(cl.InvalidInputError, match=r"sources\[1\]"):
        wb.add_sources([{"name": "Reuters"}, {"name": "  "}, {"name": "AFP"}])
    assert wb.event_count() == before
    assert wb.sources() == []


# --- snapshots ----------------------------------------------------------------------------


def test_add_snapshot_from_text_records_hashes_and_metadata(wb):
    publisher = wb.add_source("Reuters")
    text = "Séoul — approximately 28,500 troops. 한국 🇰🇷\n"
    data = text.encode("utf-8")
    snap = wb.add_snapshot(
        text,
        url="https://example.org/a",
        title="A title",
        publisher=publisher,
        published="2024-10-21",
        retrieved="2024-10-22T08:15:00+02:00",
    )
    assert CONTENT.fullmatch(snap.hash)
    assert snap.sha256 == "sha256:" + hashlib.sha256(data).hexdigest()
    assert snap.size == len(data)
    assert (snap.url, snap.title, snap.publisher) == (
        "https://example.org/a",
        "A title",
        publisher.id,
    )
    assert snap.published == "2024-10-21"
    assert instant(snap.retrieved) == dt.datetime(2024, 10, 22, 6, 15, tzinfo=dt.timezone.utc)
    assert snap.actor == "alice"
    assert snap.seq == wb.event_count()
    assert wb.snapshot(snap.hash) == snap
    assert wb.snapshots() == [snap]


def test_add_snapshot_from_bytes_keeps_them_exactly(wb):
    data = bytes(range(256))
    snap = wb.add_snapshot(data)
    assert snap.size == 256
    assert snap.sha256 == "sha256:" + hashlib.sha256(data).hexdigest()
    assert wb.snapshot_bytes(snap.hash) == data


def test_same_content_is_stored_once(wb):
    text = "The same document, captured twice."
    first = wb.add_snapshot(text, title="first capture")
    count = wb.event_count()
    again = wb.add_snapshot(text.encode("utf-8"), title="second capture")
    assert again == first
    assert again.title == "first capture"
    assert wb.event_count() == count
    assert wb.snapshots() == [first]


def test_different_content_gets_a_different_hash(wb):
    one = wb.add_snapshot("28,500 troops")
    other = wb.add_snapshot("28,600 troops")
    assert one.hash != other.hash
    assert len(wb.snapshots()) == 2


def test_snapshot_text_and_bytes_give_back_the_document(desk):
    wb = desk.wb
    assert wb.snapshot_text(desk.article) == desk.article_text
    assert wb.snapshot_bytes(desk.article) == desk.article_text.encode("utf-8")
    assert wb.snapshot_text(desk.factsheet) == desk.factsheet_text


@pytest.mark.parametrize("empty", [b"", "", bytearray()])
def test_an_empty_snapshot_is_refused_and_nothing_is_written(wb, empty):
    events = wb.event_count()
    with pytest.raises(cl.InvalidInputError) as caught:
        wb.add_snapshot(empty, url="https://example.org/empty")
    assert caught.value.id == "claimledger.snapshot.empty"
    assert "empty" in str(caught.value)
    assert "0 bytes" in str(caught.value)
    assert wb.event_count() == events
    assert wb.snapshots() == []


# --- claims -------------------------------------------------------------------------------


def test_add_claim_records_text_claimant_tags_and_status(wb):
    source = wb.add_source("Reuters")
    claim = wb.add_claim(
        "About 28,500 US troops are in South Korea.",
        claimant=source.id,
        tags=["usfk", "korea", "usfk"],
    )
    assert CLM_ID.fullmatch(claim.id)
    assert claim.text == "About 28,500 US troops are in South Korea."
    assert claim.claimant == source.id
    assert claim.status == "new"
    assert claim.verdict is None
    assert set(claim.tags) == {"usfk", "korea"}
    assert len(claim.tags) == 2
    assert claim.appearances == ()
    assert claim.actor == "alice"
    assert claim.seq == wb.event_count()
    assert wb.claim(claim.id) == claim


def test_add_claim_trims_the_text(wb):
    assert wb.add_claim("  Seoul is the capital.\n").text == "Seoul is the capital."


def test_add_claim_parses_its_quantities(wb):
    claim = wb.add_claim("Approximately 28,500 US troops are in South Korea.")
    (quantity,) = claim.quantities
    assert quantity.value == 28500
    assert quantity.unit == "troops"
    assert quantity.qualifier == "approximately"
    assert quantity.low is None
    assert quantity.high is None
    assert quantity.text in claim.text


def test_claim_quantities_are_kept_as_strings_in_the_event(wb):
    claim = wb.add_claim("Hundreds of thousands of people died in the 1990s.")
    lows = sorted(q.low for q in claim.quantities)
    assert lows == [1990, 100000]
    event = wb.history(claim.id)[0]
    stored = event.data["quantities"]
    assert len(stored) == 2
    for q in stored:
        for key in ("value", "low", "high"):
            assert q[key] is None or isinstance(q[key], str)
    assert sorted(float(q["low"]) for q in stored) == lows


def test_claim_without_numbers_has_no_quantities(wb):
    assert wb.add_claim("Seoul is the capital of South Korea.").quantities == ()


def test_appearance_offsets_count_code_points(desk):
    claim = desk.wb.claim(desk.troops)
    (quote,) = claim.appearances
    text = desk.article_text
    assert quote.snapshot == desk.article
    assert quote.exact == "approximately 28,500 troops"
    assert text[quote.start : quote.end] == quote.exact
    assert quote.prefix
    assert text[: quote.start].endswith(quote.prefix)
    assert quote.suffix
    assert text[quote.end :].startswith(quote.suffix)


def test_appearance_offsets_after_characters_outside_the_bmp(desk):
    # The flag emoji and Hangul come before this quote: byte or UTF-16 offsets would differ.
    claim = desk.wb.claim(desk.escalation)
    (quote,) = claim.appearances
    text = desk.article_text
    assert text.index("🇰🇷") < quote.start
    assert text[quote.start : quote.end] == "a significant escalation"
    assert text[: quote.start].endswith(quote.prefix)
    assert text[quote.end :].startswith(quote.suffix)


def test_quote_defaults_to_the_claim_text(wb):
    snap = wb.add_snapshot("Officials said more than 3,000 soldiers had arrived.")
    claim = wb.add_claim("more than 3,000 soldiers had arrived", appears_in=snap)
    (quote,) = claim.appearances
    assert quote.exact == claim.text
    assert quote.start == len("Officials said ")


def test_quote_at_the_start_and_end_of_a_document(wb):
    text = "Start of the document, middle, end of it"
    snap = wb.add_snapshot(text)
    first = wb.add_claim("first", appears_in=snap, quote="Start").appearances[0]
    last = wb.add_claim("last", appears_in=snap, quote="end of it").appearances[0]
    assert (first.start, first.prefix) == (0, "")
    assert (last.end, last.suffix) == (len(text), "")
    assert text[last.start : last.end] == "end of it"


def test_a_claim_without_a_date_takes_its_snapshots_published_else_retrieved_date(wb):
    paper = wb.add_source("Paper", kind="outlet")
    published = wb.add_snapshot(
        "In 2019 the army kept 28,500 troops.",
        publisher=paper.id,
        published="2019-03-04",
        retrieved="2024-10-21",
    )
    retrieved = wb.add_snapshot("In 2021 the army kept 27,000 troops.", retrieved="2021-06-07")
    undated = wb.add_snapshot("The army kept 26,000 troops.")
    a = wb.add_claim(
        "The army kept 28,500 troops.",
        claimant=paper.id,
        appears_in=published,
        quote="the army kept 28,500 troops",
    )
    b = wb.add_claim(
        "The army kept 27,000 troops.",
        claimant=paper.id,
        appears_in=retrieved,
        quote="the army kept 27,000 troops",
    )
    c = wb.add_claim("The army kept 26,000 troops.", claimant=paper.id, appears_in=undated)
    given = wb.add_claim(
        "Troops: 28,500.", appears_in=published, quote="28,500 troops", date="2018-12-31"
    )
    (loaded,) = wb.add_claims([{"text": "28,500", "appears_in": published.hash, "quote": "28,500"}])
    assert (a.date, b.date, c.date, given.date) == ("2019-03-04", "2021-06-07", None, "2018-12-31")
    assert wb.claim(loaded).date == "2019-03-04"
    # Recorded in the claim's event: verify's replay and the past read the same date.
    assert wb.history(a.id)[0].data["date"] == "2019-03-04"
    assert wb.verify().ok
    assert wb.as_of(wb.event_count()).claim(b.id).date == "2021-06-07"
    # search(since=, until=) and the track record's years use it; a claim with no date
    # counts when it was recorded.
    in_2019 = wb.search("army troops", since="2019-01-01", until="2019-12-31")
    assert [h.claim.id for h in in_2019] == [a.id]
    assert [h.claim.id for h in wb.search("army", since="2021-01-01", until="2021-12-31")] == [b.id]
    recorded = wb.search("army", since=c.at[:10])
    assert [h.claim.id for h in recorded] == [c.id]
    wb.set_verdict(a.id, "true", rationale="the 2019 budget says so")
    wb.set_verdict(b.id, "false", rationale="the 2021 budget says otherwise")
    wb.set_verdict(c.id, "true", rationale="this year's budget says so")
    years = [y.year for y in wb.track_record(paper.id).by_year]
    assert years == [2019, 2021, int(c.at[:4])]


def test_add_claims_adds_a_batch_and_returns_ids_in_order(desk):
    wb = desk.wb
    before = len(wb.claims())
    ids = wb.add_claims(
        [
            {"text": "Russia invaded Ukraine in February 2022.", "tags": ["ukraine"]},
            {
                "text": "Officials counted more than 3,000 soldiers.",
                "claimant": desk.chun,
                "appears_in": desk.article,
                "quote": "more than 3,000 North Korean soldiers",
            },
            {"text": "A third claim.", "tags": "single-tag"},
        ]
    )
    assert len(ids) == 3
    assert all(CLM_ID.fullmatch(i) for i in ids)
    claims = [wb.claim(i) for i in ids]
    assert claims[0].tags == ("ukraine",)
    assert claims[1].claimant == desk.chun
    assert claims[1].appearances[0].exact == "more than 3,000 North Korean soldiers"
    assert claims[1].quantities[0].value == 3000
    assert claims[2].tags == ("single-tag",)
    assert len(wb.claims()) == before + 3


def test_add_claims_writes_nothing_when_one_record_is_bad(desk, ledger_state):
    wb = desk.wb
    before = ledger_state(wb)
    with pytest.raises(cl.AnchorError, match=r"claims\[2\]"):
        wb.add_claims(
            [
                {"text": "Fine claim one."},
                {"text": "Fine claim two."},
                {"text": "Bad", "appears_in": desk.article, "quote": "not in the article"},
                {"text": "Fine claim four."},
            ]
        )
    assert ledger_state(wb) == before


def test_add_claims_error_names_the_bad_record_for_empty_text(wb):
    with pytest.raises(cl.InvalidInputError, match=r"claims\[1\]") as caught:
        wb.add_claims([{"text": "Good."}, {"text": ""}])
    assert caught.value.id == "claimledger.input.empty"
    assert wb.claims() == []


# --- claims(): filters --------------------------------------------------------------------


def test_claims_lists_oldest_first(desk):
    claims = desk.wb.claims()
    assert [c.id for c in claims] == [desk.troops, desk.escalation]
    assert [c.seq for c in claims] == sorted(c.seq for c in claims)


def test_claims_filters(desk):
    wb = desk.wb
    wb.set_status(desk.troops, "published")
    extra = wb.add_claim(
        "Putin visited Pyongyang in June 2024.", claimant=desk.chun, tags=["russia"]
    )

    def ids(**filters):
        return [c.id for c in wb.claims(**filters)]

    assert ids(status="published") == [desk.troops]
    assert ids(status="new") == [desk.escalation, extra.id]
    assert ids(status="reviewed") == []
    assert ids(rating="true") == [desk.troops]
    assert ids(rating="false") == []
    assert ids(claimant=desk.chun) == [desk.escalation, extra.id]
    assert ids(claimant=wb.source(desk.reuters)) == [desk.troops]
    assert ids(tag="military") == [desk.troops, desk.escalation]
    assert ids(tag="russia") == [extra.id]
    assert ids(tag="military", claimant=desk.chun) == [desk.escalation]
    assert ids(limit=2) == [desk.troops, desk.escalation]
    assert ids(limit=1, claimant=desk.chun) == [desk.escalation]


def test_rating_filter_follows_the_current_verdict(desk):
    wb = desk.wb
    wb.set_verdict(desk.troops, "mostly-true", rationale="Rotations make it vary.")
    assert wb.claims(rating="true") == []
    assert [c.id for c in wb.claims(rating="mostly-true")] == [desk.troops]


# --- evidence -----------------------------------------------------------------------------


def test_link_evidence_records_the_quote_and_stance(desk):
    wb = desk.wb
    (evidence,) = wb.evidence(desk.troops)
    assert EVD_ID.fullmatch(evidence.id)
    assert evidence.id == desk.evidence
    assert evidence.claim == desk.troops
    assert evidence.stance == "supports"
    assert evidence.note == "The command's own figure."
    quote = evidence.quote
    assert quote.snapshot == desk.factsheet
    assert desk.factsheet_text[quote.start : quote.end] == quote.exact
    assert quote.exact == "Approximately 28,500 U.S. service members"


@pytest.mark.parametrize("stance", ["supports", "refutes", "context"])
def test_every_stance_is_accepted(desk, stance):
    wb = desk.wb
    evidence = wb.link_evidence(desk.escalation, desk.article, quote="Chun In-bum", stance=stance)
    assert evidence.stance == stance
    assert evidence.note is None
    assert wb.evidence(desk.escalation) == [evidence]


def test_evidence_lists_oldest_first(desk):
    wb = desk.wb
    second = wb.link_evidence(
        desk.troops, desk.article, quote="a figure unchanged for years", stance="context"
    )
    assert [e.id for e in wb.evidence(desk.troops)] == [desk.evidence, second.id]
    assert wb.evidence(desk.escalation) == []


# --- verdicts -----------------------------------------------------------------------------


def test_set_verdict_records_rating_rationale_and_evidence(desk):
    verdict = desk.verdict
    assert verdict.claim == desk.troops
    assert verdict.rating == "true"
    assert verdict.rationale == "USFK gives the same figure."
    assert verdict.evidence == (desk.evidence,)
    assert verdict.actor == "alice"
    assert TIME.fullmatch(verdict.at)
    assert desk.wb.claim(desk.troops).verdict == verdict


def test_a_new_verdict_appends_and_becomes_current(desk):
    wb = desk.wb
    wb.actor = "bob"
    revised = wb.set_verdict(desk.troops, "mostly-true", rationale="Rotations vary.")
    history = wb.verdicts(desk.troops)
    assert history == [desk.verdict, revised]
    assert [v.actor for v in history] == ["alice", "bob"]
    assert history[0].seq < history[1].seq
    assert wb.claim(desk.troops).verdict == revised
    assert [e.type for e in wb.history(desk.troops)].count("verdict.set") == 2


def test_verdicts_of_a_claim_without_one_is_empty(desk):
    assert desk.wb.verdicts(desk.escalation) == []


# --- status -------------------------------------------------------------------------------


def test_status_moves_forward_step_by_step(desk):
    wb = desk.wb
    for status in ["in-progress", "reviewed", "published"]:
        assert wb.set_status(desk.troops, status).status == status
        assert wb.claim(desk.troops).status == status


def test_status_may_skip_forward_steps(desk):
    assert desk.wb.set_status(desk.troops, "published").status == "published"
    assert desk.wb.set_status(desk.escalation, "in-progress").status == "in-progress"


def test_status_goes_back_to_in_progress(desk):
    wb = desk.wb
    wb.set_status(desk.troops, "published")
    assert wb.set_status(desk.troops, "in-progress").status == "in-progress"
    assert wb.set_status(desk.troops, "reviewed").status == "reviewed"
    assert wb.set_status(desk.troops, "in-progress").status == "in-progress"


def test_published_elsewhere_is_taken_up_by_the_desk(desk):
    """A claim another publisher published moves on when the desk takes it up, and never
    back to published-elsewhere."""
    wb = desk.wb
    assert wb.set_status(desk.troops, "published-elsewhere").status == "published-elsewhere"
    assert wb.set_status(desk.troops, "published").status == "published"
    assert wb.set_status(desk.troops, "in-progress").status == "in-progress"


def test_a_claim_added_with_a_status_gets_it_in_the_same_transaction(wb):
    before = wb.event_count()
    claim = wb.add_claim(
        "The dam holds 9 billion litres.", verdict="false", status="published-elsewhere"
    )
    assert claim.status == "published-elsewhere"
    events = wb.events()[before:]
    assert [e.type for e in events] == ["claim.added", "verdict.set", "status.set"]
    assert (events[-1].data["from"], events[-1].data["status"]) == ("new", "published-elsewhere")
    [other] = wb.add_claims([{"text": "Another.", "verdict": "true", "status": "reviewed"}])
    assert wb.claim(other).status == "reviewed"


@pytest.mark.parametrize(
    ("record", "ident"),
    [
        (
            {"text": "No verdict.", "status": "published-elsewhere"},
            "claimledger.status.needs_verdict",
        ),
        ({"text": "Odd.", "verdict": "true", "status": "closed"}, "claimledger.status.unknown"),
        ({"text": "Back.", "verdict": "true", "status": "new"}, "claimledger.status.transition"),
    ],
)
def test_a_claim_added_with_a_status_it_cannot_have_is_refused(wb, record, ident):
    before = wb.event_count()
    with pytest.raises(cl.InvalidInputError) as caught:
        wb.add_claims([{"text": "Fine.", "verdict": "true"}, record])
    assert caught.value.id == ident
    assert "claims[1]" in str(caught.value)
    assert wb.event_count() == before


def test_status_change_records_where_it_came_from(desk):
    wb = desk.wb
    wb.set_status(desk.troops, "reviewed")
    event = wb.events()[-1]
    assert event.type == "status.set"
    assert event.data["claim"] == desk.troops
    assert (event.data["from"], event.data["status"]) == ("new", "reviewed")


@pytest.mark.parametrize("status", ["published-elsewhere", "reviewed", "published"])
def test_reviewed_and_published_need_a_verdict(desk, status):
    wb = desk.wb
    with pytest.raises(cl.InvalidInputError, match="verdict"):
        wb.set_status(desk.escalation, status)
    assert wb.claim(desk.escalation).status == "new"
    wb.set_verdict(desk.escalation, "unproven", rationale="No one else says so.")
    assert wb.set_status(desk.escalation, status).status == status


@pytest.mark.parametrize(
    "path",
    [
        ["published", "reviewed"],
        ["published", "new"],
        ["in-progress", "new"],
        ["in-progress", "published-elsewhere"],
        ["published", "published-elsewhere"],
    ],
)
def test_status_cannot_move_backwards_except_to_in_progress(desk, path):
    wb = desk.wb
    for status in path[:-1]:
        wb.set_status(desk.troops, status)
    current = wb.claim(desk.troops).status
    with pytest.raises(cl.InvalidInputError) as caught:
        wb.set_status(desk.troops, path[-1])
    assert caught.value.id == "claimledger.status.transition"
    assert wb.claim(desk.troops).status == current


# --- source ratings -----------------------------------------------------------------------


def test_rate_source_sets_the_current_reliability(desk):
    wb = desk.wb
    assert desk.rating.source == desk.reuters
    assert (desk.rating.grade, desk.rating.rationale) == ("B", "Usually reliable.")
    assert wb.source(desk.reuters).reliability == "B"
    assert wb.source(desk.chun).reliability is None
    wb.actor = "bob"
    later = wb.rate_source(desk.reuters, "C", rationale="Two corrections this month.")
    assert wb.source(desk.reuters).reliability == "C"
    assert wb.source_ratings(desk.reuters) == [desk.rating, later]
    assert later.actor == "bob"
    assert wb.source_ratings(desk.chun) == []


@pytest.mark.parametrize("grade", list("ABCDEF"))
def test_every_admiralty_grade_is_accepted(desk, grade):
    rating = desk.wb.rate_source(desk.chun, grade, rationale="graded")
    assert rating.grade == grade
    assert desk.wb.source(desk.chun).reliability == grade


# --- history and events -------------------------------------------------------------------


def test_history_of_a_claim_is_its_events_oldest_first(desk):
    wb = desk.wb
    wb.set_status(desk.troops, "published")
    history = wb.history(desk.troops)
    assert [e.type for e in history] == [
        "claim.added",
        "evidence.linked",
        "verdict.set",
        "status.set",
    ]
    assert [e.seq for e in history] == sorted(e.seq for e in history)
    assert history[0].data["text"] == "About 28,500 US troops are in South Korea."
    assert all(e.type != "claim.added" or e.seq == wb.claim(desk.troops).seq for e in history)
    assert desk.escalation not in json.dumps([e.data for e in history])


def test_history_of_sources_and_snapshots(desk):
    wb = desk.wb
    # Reuters: added, publishes the article, claims the troops figure, rated.
    assert [e.type for e in wb.history(desk.reuters)] == [
        "source.added",
        "snapshot.added",
        "claim.added",
        "source.rated",
    ]
    # The article: captured, then both claims quote it.
    assert [e.type for e in wb.history(desk.article)] == [
        "snapshot.added",
        "claim.added",
        "claim.added",
    ]
    # The fact sheet: captured, then quoted as evidence.
    assert [e.type for e in wb.history(desk.factsheet)] == ["snapshot.added", "evidence.linked"]


def test_history_of_evidence_includes_the_verdicts_that_rely_on_it(desk):
    # history() gives "every event that names" the id; the verdict event names the
    # evidence it relies on, so an auditor can see which verdicts used a quote.
    history = desk.wb.history(desk.evidence)
    assert [e.type for e in history] == ["evidence.linked", "verdict.set"]
    assert history[1].data["evidence"] == [desk.evidence]


def test_events_have_every_field_and_form_a_chain(desk):
    events = desk.wb.events()
    assert [e.seq for e in events] == list(range(1, len(events) + 1))
    previous = GENESIS_PREV
    for event in events:
        assert isinstance(event, cl.Event)
        assert event.prev == previous
        assert SHA256.fullmatch(event.hash)
        assert TIME.fullmatch(event.at)
        assert event.actor == "alice"
        assert isinstance(event.data, dict)
        assert event.type
        previous = event.hash
    assert [e.at for e in events] == sorted(e.at for e in events)


def test_events_slices_by_seq(desk):
    wb = desk.wb
    everything = wb.events()
    assert wb.event_count() == len(everything)
    assert wb.events(3) == everything[2:]
    assert wb.events(2, 4) == everything[1:4]
    assert wb.events(5, 5) == [everything[4]]


def test_every_write_appends_exactly_one_event(wb):
    counts = [wb.event_count()]
    source = wb.add_source("Reuters")
    counts.append(wb.event_count())
    snap = wb.add_snapshot("Approximately 28,500 troops.")
    counts.append(wb.event_count())
    claim = wb.add_claim("28,500 troops", appears_in=snap, quote="28,500 troops")
    counts.append(wb.event_count())
    evidence = wb.link_evidence(claim, snap, quote="Approximately", stance="context")
    counts.append(wb.event_count())
    wb.set_verdict(claim, "true", rationale="r", evidence=[evidence])
    counts.append(wb.event_count())
    wb.set_status(claim, "reviewed")
    counts.append(wb.event_count())
    wb.rate_source(source, "A", rationale="r")
    counts.append(wb.event_count())
    assert counts == list(range(1, 9))
    assert [e.type for e in wb.events()[1:]] == [
        "source.added",
        "snapshot.added",
        "claim.added",
        "evidence.linked",
        "verdict.set",
        "status.set",
        "source.rated",
    ]


# --- verify and checkpoints ---------------------------------------------------------------


def test_verify_reports_ok_on_an_untouched_ledger(desk):
    report = desk.wb.verify()
    assert isinstance(report, cl.VerifyReport)
    assert report.ok
    assert bool(report)
    assert report.problems == ()
    assert report.events == desk.wb.event_count()


def test_checkpoint_is_the_head_of_the_chain(desk):
    wb = desk.wb
    checkpoint = wb.checkpoint()
    assert isinstance(checkpoint, cl.Checkpoint)
    head = wb.events()[-1]
    assert (checkpoint.seq, checkpoint.hash, checkpoint.at) == (head.seq, head.hash, head.at)
    assert checkpoint.ledger == wb.identity
    assert cl.Checkpoint.from_json(checkpoint.to_json()) == checkpoint
    assert json.loads(checkpoint.to_json())["seq"] == head.seq


def test_verify_against_a_checkpoint_in_each_form(desk):
    wb = desk.wb
    checkpoint = wb.checkpoint()
    wb.add_source("A later source")
    for against in (checkpoint, dataclasses.asdict(checkpoint), checkpoint.to_json()):
        report = wb.verify(against=against)
        assert report.ok, report.problems
        assert report.events == wb.event_count()


def test_verify_against_a_checkpoint_the_ledger_does_not_hold(desk):
    wb = desk.wb
    checkpoint = wb.checkpoint()
    rewritten = dataclasses.replace(checkpoint, hash="sha256:" + "1" * 64)
    report = wb.verify(against=rewritten)
    assert not report.ok
    assert any(p.seq == checkpoint.seq for p in report.problems)
    ahead = dataclasses.replace(checkpoint, seq=checkpoint.seq + 10)
    assert not wb.verify(against=ahead).ok
    stranger = cl.open(actor="mallory").checkpoint()
    assert not wb.verify(against=stranger).ok


# --- objects in place of ids --------------------------------------------------------------


def test_objects_may_be_passed_instead_of_ids(wb):
    source = wb.add_source("Reuters")
    snap = wb.add_snapshot("Approximately 28,500 troops are here.", publisher=source)
    assert snap.publisher == source.id
    claim = wb.add_claim("28,500 troops", claimant=source, appears_in=snap, quote="28,500 troops")
    assert claim.claimant == source.id
    assert claim.appearances[0].snapshot == snap.hash
    evidence = wb.link_evidence(claim, snap, quote="Approximately", stance="context")
    verdict = wb.set_verdict(claim, "true", rationale="r", evidence=[evidence])
    assert verdict.evidence == (evidence.id,)
    assert wb.set_status(claim, "published").status == "published"
    assert wb.rate_source(source, "A", rationale="r").source == source.id
    assert wb.claim(claim) == wb.claim(claim.id)
    assert wb.source(source) == wb.source(source.id)
    assert wb.snapshot(snap) == wb.snapshot(snap.hash)
    assert wb.snapshot_text(snap) == "Approximately 28,500 troops are here."
    assert wb.evidence(claim) == wb.evidence(claim.id)
    assert wb.verdicts(claim) == wb.verdicts(claim.id)
    assert wb.source_ratings(source) == wb.source_ratings(source.id)
    assert wb.history(claim) == wb.history(claim.id)
    assert wb.history(evidence) == wb.history(evidence.id)
    assert [c.id for c in wb.claims(claimant=source)] == [claim.id]


# --- persistence and several writers ------------------------------------------------------


def test_reopening_a_ledger_shows_the_same_state(desk, location, ledger_state):
    wb = desk.wb
    wb.set_status(desk.troops, "published")
    before = ledger_state(wb)
    identity, checkpoint = wb.identity, wb.checkpoint()
    wb.close()
    with cl.open(location, actor="carol") as again:
        assert ledger_state(again) == before
        assert again.identity == identity
        assert again.checkpoint() == checkpoint
        assert again.snapshot_text(desk.article) == desk.article_text
        assert again.source(desk.reuters).reliability == "B"
        assert again.verify(against=checkpoint).ok
        again.add_source("Added after reopening")
        assert again.events()[-1].prev == checkpoint.hash
        assert again.events()[-1].actor == "carol"


def test_two_workbenches_on_one_ledger_keep_one_chain(location):
    first = cl.open(location, actor="alice")
    second = cl.open(location, actor="bob")
    for i in range(5):
        first.add_source(f"alice's source {i}")
        second.add_claim(f"bob's claim {i}")
    for wb in (first, second):
        events = wb.events()
        assert [e.seq for e in events] == list(range(1, 12))
        assert all(b.prev == a.hash for a, b in zip(events, events[1:]))
        assert [e.actor for e in events[1:]] == ["alice", "bob"] * 5
        assert wb.verify().ok
    assert first.events() == second.events()
    assert len(first.claims()) == 5
    assert len(second.sources()) == 5
    first.close()
    second.close()


def _notebook_cells(wb):
    """The cells of a notebook: the ids they give, and the batch's result."""
    courier = wb.add_source("Courier", kind="outlet", url="https://courier.example")
    snap = wb.add_snapshot("Seoul keeps approximately 28,500 troops. Twice.")
    claim = wb.add_claim(
        "About 28,500 troops.",
        claimant=courier,
        appears_in=snap,
        quote="approximately 28,500 troops",
    )
    evidence = wb.link_evidence(claim, snap, quote="Seoul keeps approximately", stance="supports")
    if claim.verdict is None:
        wb.set_verdict(claim, "true", rationale="fact sheet")
    published = wb.set_status(claim, "published")
    batch = wb.add_claims([{"text": "One more."}, {"text": "One more."}])
    return (courier.id, snap.hash, claim.id, evidence.id, published.status, list(batch)), batch


@pytest.mark.parametrize("store", ["sqlite", "postgresql"])
def test_a_claim_sharing_only_its_longest_words_is_not_already_there(store, tmp_path, request):
    """The identical-claim lookup reads the claims holding a text's longest words and compares
    each whole: a text with the same long words but another short one is a new claim."""
    location = (
        tmp_path / "desk.ledger" if store == "sqlite" else request.getfixturevalue("pg_desk_url")()
    )
    with cl.open(location, create=True) as wb:
        may = "Stationed battalions rotated through Pyeongtaek in May."
        june = "Stationed battalions rotated through Pyeongtaek in June."
        first = wb.add_claims([{"text": may}])
        other = wb.add_claims([{"text": june}])
        same = wb.add_claims([{"text": may}])
        assert first.already_there == ()
        assert other.already_there == ()
        assert other != first
        assert same.already_there == (0,)
        assert same == first
        assert len(wb.claims()) == 2


@pytest.mark.parametrize("store", ["sqlite", "postgresql"])
def test_rerunning_a_notebook_adds_nothing(store, tmp_path, request):
    """The same cells run twice, on a desk of each store: the same ids, no new events."""
    location = (
        tmp_path / "desk.ledger" if store == "sqlite" else request.getfixturevalue("pg_desk_url")()
    )
    with cl.open(location, create=True) as wb:
        ids, first = _notebook_cells(wb)
        assert first.already_there == (1,)  # the second record repeats the first
        events = wb.event_count()
        ids_again, again = _notebook_cells(wb)
        assert ids_again == ids
        assert again.already_there == (0, 1)
        assert wb.event_count() == events
        sources = wb.add_sources([{"name": "Courier", "url": "https://courier.example"}])
        assert sources.already_there == (0,)
        assert sources == [ids[0]]
        with pytest.raises(cl.InvalidInputError, match="cannot also refute"):
            wb.link_evidence(ids[2], ids[1], quote="Seoul keeps approximately", stance="refutes")
        assert wb.event_count() == events
        assert wb.verify().ok
