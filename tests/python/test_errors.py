"""Bad input: each raises the documented exception, with a message that starts with a
stable id, names the problem and says what is accepted, and leaves the ledger unchanged.
Also files that are not ledgers, a newer schema, a missing ledger, an unknown scale and a
closed workbench; on both stores (a file, a desk on the PostgreSQL server), but for what is
about files alone (test_postgres.py has the server's own: URLs, passwords, databases)."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import claimledger as cl
import pytest
from claimledger.files import desk_name, ledger_exists

ERROR_ID = re.compile(r"claimledger(\.[a-z0-9_]+)+")
NO_CLAIM = "clm_0000000000000000"
NO_SOURCE = "src_0000000000000000"
NO_EVIDENCE = "evd_0000000000000000"
NO_SNAPSHOT = "xxh3-128:" + "0" * 32
DEFAULT_RATINGS = [
    "true",
    "mostly-true",
    "mixed",
    "mostly-false",
    "false",
    "unproven",
    "misleading",
]
STATUSES = ["new", "published-elsewhere", "in-progress", "reviewed", "published"]
STANCES = ["supports", "refutes", "context"]


def check_error(caught, kind, ident, *fragments):
    """The raised error has the class, id and words expected, in one readable line."""
    error = caught.value
    assert type(error) is kind
    assert error.id == ident
    assert ERROR_ID.fullmatch(error.id)
    message = str(error)
    assert message.startswith(f"[{ident}] ")
    assert "\n" not in message
    for fragment in fragments:
        assert fragment in message, (fragment, message)


# Each case: the call, the exception class, its id, and words the message must contain.
CASES = {
    "empty claim text": (
        lambda d: d.wb.add_claim(""),
        cl.InvalidInputError,
        "claimledger.input.empty",
        ["claim text", "empty"],
    ),
    "whitespace claim text": (
        lambda d: d.wb.add_claim("  \n\t "),
        cl.InvalidInputError,
        "claimledger.input.empty",
        ["claim text", "empty"],
    ),
    "empty source name": (
        lambda d: d.wb.add_source(" "),
        cl.InvalidInputError,
        "claimledger.input.empty",
        ["source name"],
    ),
    "empty rationale": (
        lambda d: d.wb.set_verdict(d.escalation, "true", rationale=" "),
        cl.InvalidInputError,
        "claimledger.input.empty",
        ["rationale"],
    ),
    "empty tag": (
        lambda d: d.wb.add_claim("A claim.", tags=["ok", ""]),
        cl.InvalidInputError,
        "claimledger.input.empty",
        ["tag"],
    ),
    "unknown claimant": (
        lambda d: d.wb.add_claim("A claim.", claimant=NO_SOURCE),
        cl.NotFoundError,
        "claimledger.source.not_found",
        [NO_SOURCE, "src_"],
    ),
    "unknown publisher": (
        lambda d: d.wb.add_snapshot("A new document.", publisher=NO_SOURCE),
        cl.NotFoundError,
        "claimledger.source.not_found",
        [NO_SOURCE],
    ),
    "unknown source to rate": (
        lambda d: d.wb.rate_source(NO_SOURCE, "B", rationale="r"),
        cl.NotFoundError,
        "claimledger.source.not_found",
        [NO_SOURCE],
    ),
    "unknown source": (
        lambda d: d.wb.source(NO_SOURCE),
        cl.NotFoundError,
        "claimledger.source.not_found",
        [NO_SOURCE],
    ),
    "unknown source's ratings": (
        lambda d: d.wb.source_ratings(NO_SOURCE),
        cl.NotFoundError,
        "claimledger.source.not_found",
        [NO_SOURCE],
    ),
    "unknown claim": (
        lambda d: d.wb.claim(NO_CLAIM),
        cl.NotFoundError,
        "claimledger.claim.not_found",
        [NO_CLAIM, "clm_", "16 hex digits"],
    ),
    "unknown claim for a verdict": (
        lambda d: d.wb.set_verdict(NO_CLAIM, "true", rationale="r"),
        cl.NotFoundError,
        "claimledger.claim.not_found",
        [NO_CLAIM],
    ),
    "unknown claim for evidence": (
        lambda d: d.wb.link_evidence(NO_CLAIM, d.article, quote="Seoul", stance="supports"),
        cl.NotFoundError,
        "claimledger.claim.not_found",
        [NO_CLAIM],
    ),
    "unknown claim for a status": (
        lambda d: d.wb.set_status(NO_CLAIM, "in-progress"),
        cl.NotFoundError,
        "claimledger.claim.not_found",
        [NO_CLAIM],
    ),
    "unknown claim's evidence": (
        lambda d: d.wb.evidence(NO_CLAIM),
        cl.NotFoundError,
        "claimledger.claim.not_found",
        [NO_CLAIM],
    ),
    "unknown claim's verdicts": (
        lambda d: d.wb.verdicts(NO_CLAIM),
        cl.NotFoundError,
        "claimledger.claim.not_found",
        [NO_CLAIM],
    ),
    "unknown snapshot for a claim": (
        lambda d: d.wb.add_claim("A claim.", appears_in=NO_SNAPSHOT, quote="Seoul"),
        cl.NotFoundError,
        "claimledger.snapshot.not_found",
        [NO_SNAPSHOT, "xxh3-128:"],
    ),
    "unknown snapshot for evidence": (
        lambda d: d.wb.link_evidence(d.troops, NO_SNAPSHOT, quote="Seoul", stance="context"),
        cl.NotFoundError,
        "claimledger.snapshot.not_found",
        [NO_SNAPSHOT],
    ),
    "unknown snapshot": (
        lambda d: d.wb.snapshot(NO_SNAPSHOT),
        cl.NotFoundError,
        "claimledger.snapshot.not_found",
        [NO_SNAPSHOT],
    ),
    "unknown snapshot's bytes": (
        lambda d: d.wb.snapshot_bytes(NO_SNAPSHOT),
        cl.NotFoundError,
        "claimledger.snapshot.not_found",
        [NO_SNAPSHOT],
    ),
    "unknown evidence in a verdict": (
        lambda d: d.wb.set_verdict(d.troops, "true", rationale="r", evidence=[NO_EVIDENCE]),
        cl.NotFoundError,
        "claimledger.evidence.not_found",
        [NO_EVIDENCE],
    ),
    "another claim's evidence in a verdict": (
        lambda d: d.wb.set_verdict(d.escalation, "true", rationale="r", evidence=[d.evidence]),
        cl.InvalidInputError,
        "claimledger.verdict.foreign_evidence",
        ["evd_", "own claim"],
    ),
    "unknown id in history": (
        lambda d: d.wb.history(NO_CLAIM),
        cl.NotFoundError,
        "claimledger.history.not_found",
        [NO_CLAIM],
    ),
    "rating not on the scale": (
        lambda d: d.wb.set_verdict(d.troops, "pants-fire", rationale="r"),
        cl.InvalidInputError,
        "claimledger.verdict.unknown_rating",
        ["pants-fire", "default", *DEFAULT_RATINGS],
    ),
    "rating filter not on the scale": (
        lambda d: d.wb.claims(rating="half-true"),
        cl.InvalidInputError,
        "claimledger.verdict.unknown_rating",
        ["half-true", *DEFAULT_RATINGS],
    ),
    "unknown stance": (
        lambda d: d.wb.link_evidence(d.troops, d.factsheet, quote="Approximately", stance="agrees"),
        cl.InvalidInputError,
        "claimledger.stance.unknown",
        ["agrees", *STANCES],
    ),
    "unknown status": (
        lambda d: d.wb.set_status(d.troops, "done"),
        cl.InvalidInputError,
        "claimledger.status.unknown",
        ["done", *STATUSES],
    ),
    "unknown status filter": (
        lambda d: d.wb.claims(status="closed"),
        cl.InvalidInputError,
        "claimledger.status.unknown",
        ["closed", *STATUSES],
    ),
    "status without a verdict": (
        lambda d: d.wb.set_status(d.escalation, "published"),
        cl.InvalidInputError,
        "claimledger.status.needs_verdict",
        ["verdict", "published"],
    ),
    "unknown grade": (
        lambda d: d.wb.rate_source(d.reuters, "G", rationale="r"),
        cl.InvalidInputError,
        "claimledger.rating.unknown_grade",
        ['"G"', "A (completely reliable)", "F (reliability cannot be judged)"],
    ),
    "quote not in the snapshot": (
        lambda d: d.wb.add_claim("A claim.", appears_in=d.article, quote="28,600 troops"),
        cl.AnchorError,
        "claimledger.anchor.not_found",
        ["28,600 troops", "exactly"],
    ),
    "quote differs in case": (
        lambda d: d.wb.add_claim(
            "A claim.", appears_in=d.article, quote="Approximately 28,500 troops"
        ),
        cl.AnchorError,
        "claimledger.anchor.not_found",
        ["Approximately 28,500 troops"],
    ),
    "evidence quote not in the snapshot": (
        lambda d: d.wb.link_evidence(
            d.troops, d.factsheet, quote="28,500 soldiers", stance="supports"
        ),
        cl.AnchorError,
        "claimledger.anchor.not_found",
        ["28,500 soldiers"],
    ),
    "empty quote": (
        lambda d: d.wb.link_evidence(d.troops, d.factsheet, quote="", stance="supports"),
        cl.AnchorError,
        "claimledger.anchor.empty",
        ["quote", "empty"],
    ),
    "quote without a snapshot": (
        lambda d: d.wb.add_claim("A claim.", quote="A claim."),
        cl.InvalidInputError,
        "claimledger.claim.quote_without_snapshot",
        ["appears_in"],
    ),
    "published date that does not parse": (
        lambda d: d.wb.add_snapshot("A new document.", published="21 October 2024"),
        cl.InvalidInputError,
        "claimledger.input.date",
        ["published", "21 October 2024", "YYYY-MM-DD", "RFC 3339"],
    ),
    "retrieved date that does not exist": (
        lambda d: d.wb.add_snapshot("A new document.", retrieved="2023-02-29"),
        cl.InvalidInputError,
        "claimledger.input.date",
        ["retrieved", "2023-02-29"],
    ),
    "bad record in a batch of claims": (
        lambda d: d.wb.add_claims([{"text": "Fine."}, {"text": "Fine too."}, {"text": " "}]),
        cl.InvalidInputError,
        "claimledger.input.empty",
        ["claims[2]", "claim text"],
    ),
    "unknown key in a batch of claims": (
        lambda d: d.wb.add_claims([{"text": "Fine."}, {"txt": "typo"}]),
        cl.InvalidInputError,
        "claimledger.input.record",
        ["claims[1]", "txt", "text"],
    ),
    "unknown claimant in a batch of claims": (
        lambda d: d.wb.add_claims([{"text": "Fine."}, {"text": "Bad.", "claimant": NO_SOURCE}]),
        cl.NotFoundError,
        "claimledger.source.not_found",
        ["claims[1]", NO_SOURCE],
    ),
    "bad record in a batch of sources": (
        lambda d: d.wb.add_sources([{"name": "AFP"}, {"name": ""}]),
        cl.InvalidInputError,
        "claimledger.input.empty",
        ["sources[1]", "source name"],
    ),
    "empty actor": (
        lambda d: setattr(d.wb, "actor", "  "),
        cl.InvalidInputError,
        "claimledger.input.empty",
        ["actor"],
    ),
    "checkpoint that is not one": (
        lambda d: d.wb.verify(against='{"seq": 3}'),
        cl.InvalidInputError,
        "claimledger.checkpoint.invalid",
        ["ledger", "seq", "hash"],
    ),
}


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_bad_input_raises_a_clear_error_and_writes_nothing(desk, ledger_state, case):
    call, kind, ident, fragments = CASES[case]
    before = ledger_state(desk.wb)
    with pytest.raises(kind) as caught:
        call(desk)
    check_error(caught, kind, ident, *fragments)
    assert ledger_state(desk.wb) == before
    assert desk.wb.actor == "alice"
    assert desk.wb.verify().ok


def test_exception_classes_fit_python_conventions():
    assert issubclass(cl.NotFoundError, KeyError)
    assert issubclass(cl.NotFoundError, cl.Error)
    assert issubclass(cl.InvalidInputError, ValueError)
    assert issubclass(cl.InvalidInputError, cl.Error)
    assert issubclass(cl.AnchorError, cl.InvalidInputError)
    for kind in (cl.IntegrityError, cl.StorageError):
        assert issubclass(kind, cl.Error)


def test_not_found_can_be_caught_as_key_error(desk):
    with pytest.raises(KeyError) as caught:
        desk.wb.claim(NO_CLAIM)
    # Not quoted like a plain KeyError's message: it reads as a sentence.
    assert str(caught.value).startswith("[claimledger.claim.not_found] no claim")


def test_anchor_error_can_be_caught_as_value_error(desk):
    with pytest.raises(ValueError, match=r"anchor\.not_found"):
        desk.wb.add_claim("A claim.", appears_in=desk.article, quote="not there")


def test_a_rating_from_another_scale_lists_this_ledgers_scale():
    wb = cl.open(actor="alice", scale="politifact")
    claim = wb.add_claim("A claim.")
    with pytest.raises(cl.InvalidInputError) as caught:
        wb.set_verdict(claim, "mostly-false", rationale="r")
    check_error(
        caught,
        cl.InvalidInputError,
        "claimledger.verdict.unknown_rating",
        "politifact",
        *wb.ratings,
    )
    assert wb.verdicts(claim) == []


def test_unknown_source_kind_names_the_kinds_accepted(desk, ledger_state):
    before = ledger_state(desk.wb)
    with pytest.raises(cl.InvalidInputError) as caught:
        desk.wb.add_source("A blog", kind="blog")
    message = str(caught.value)
    for kind in ["blog", "outlet", "person", "organisation", "official-record", "dataset"]:
        assert kind in message
    # The id is what code matches on, so it is a dotted identifier like the others.
    assert ERROR_ID.fullmatch(caught.value.id), caught.value.id
    assert message.startswith(f"[{caught.value.id}] ")
    assert ledger_state(desk.wb) == before


# --- text that is not UTF-8 ---------------------------------------------------------------

LONE_SURROGATE = "bad \ud800 text"

SURROGATE_CASES = {
    "claim text": lambda d: d.wb.add_claim(LONE_SURROGATE),
    "claim quote": lambda d: d.wb.add_claim("A claim.", appears_in=d.article, quote=LONE_SURROGATE),
    "evidence quote": lambda d: d.wb.link_evidence(
        d.troops, d.article, quote=LONE_SURROGATE, stance="context"
    ),
    "source name": lambda d: d.wb.add_source(LONE_SURROGATE),
}


@pytest.mark.parametrize("case", list(SURROGATE_CASES), ids=list(SURROGATE_CASES))
def test_text_that_is_not_valid_unicode_is_invalid_input(desk, ledger_state, case):
    before = ledger_state(desk.wb)
    with pytest.raises(cl.InvalidInputError) as caught:
        SURROGATE_CASES[case](desk)
    assert caught.value.id == "claimledger.input.utf8"
    assert "UTF-8" in str(caught.value)
    assert ledger_state(desk.wb) == before


def test_a_snapshot_that_is_not_utf8_cannot_be_quoted(desk, ledger_state):
    wb = desk.wb
    binary = wb.add_snapshot(b"\xff\xfe troops \x80 in Korea")
    assert wb.snapshot_bytes(binary) == b"\xff\xfe troops \x80 in Korea"
    before = ledger_state(wb)
    with pytest.raises(cl.AnchorError) as caught:
        wb.add_claim("troops", appears_in=binary, quote="troops")
    check_error(caught, cl.AnchorError, "claimledger.anchor.not_text", binary.hash, "UTF-8")
    with pytest.raises(cl.AnchorError) as caught:
        wb.link_evidence(desk.troops, binary, quote="troops", stance="context")
    check_error(caught, cl.AnchorError, "claimledger.anchor.not_text", binary.hash)
    assert ledger_state(wb) == before
    assert wb.verify().ok


# --- files --------------------------------------------------------------------------------


def files_in(folder):
    return sorted(path.name for path in Path(folder).iterdir())


def test_a_text_file_is_not_a_ledger_and_is_left_untouched(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_bytes(b"Notes for the desk.\nNot a database.\n")
    with pytest.raises(cl.StorageError) as caught:
        cl.open(path, actor="alice")
    assert caught.value.id == "claimledger.store.not_a_ledger"
    assert "not a claimledger ledger" in str(caught.value)
    assert "\n" not in str(caught.value)
    assert path.read_bytes() == b"Notes for the desk.\nNot a database.\n"
    assert files_in(tmp_path) == ["notes.txt"]


def test_another_apps_sqlite_database_is_not_a_ledger_and_is_left_untouched(tmp_path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE contacts(name TEXT, phone TEXT)")
        connection.execute("INSERT INTO contacts VALUES ('Alice', '555-0100')")
    connection.close()
    original = path.read_bytes()
    with pytest.raises(cl.StorageError) as caught:
        cl.open(path, actor="alice")
    check_error(
        caught,
        cl.StorageError,
        "claimledger.store.not_a_ledger",
        "other.db",
        "not a claimledger ledger",
    )
    assert path.read_bytes() == original
    assert files_in(tmp_path) == ["other.db"]
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT name FROM contacts").fetchall() == [("Alice",)]
    connection.close()


#: How each store records the version of a ledger's tables.
NEWER_VERSION = {"file": "PRAGMA user_version = 99", "postgresql": "UPDATE desk SET version = 99"}


def test_a_ledger_from_a_newer_version_is_refused(location, store, edit_ledger):
    with cl.open(location, actor="alice") as wb:
        wb.add_source("Reuters")
    edit_ledger(location, NEWER_VERSION[store])
    with pytest.raises(cl.StorageError) as caught:
        cl.open(location, actor="alice")
    check_error(caught, cl.StorageError, "claimledger.store.newer_schema", "99", "upgrade")


def test_a_missing_ledger_is_not_created_when_create_is_false(new_location, store, tmp_path):
    location = new_location("missing.ledger")
    name = "missing.ledger" if store == "file" else f'desk "{desk_name(location)}"'
    with pytest.raises(cl.NotFoundError) as caught:
        cl.open(location, actor="alice", create=False)
    check_error(caught, cl.NotFoundError, "claimledger.store.missing", name, "claimledger init")
    assert not ledger_exists(location)
    assert files_in(tmp_path) == []


def test_an_existing_ledger_opens_with_create_false(location):
    with cl.open(location, actor="alice") as wb:
        source = wb.add_source("Reuters")
    with cl.open(location, actor="alice", create=False) as wb:
        assert wb.sources() == [source]


def test_an_unknown_scale_is_refused_before_creating_the_ledger(location, tmp_path):
    with pytest.raises(cl.InvalidInputError) as caught:
        cl.open(location, actor="alice", scale="snopes")
    check_error(
        caught,
        cl.InvalidInputError,
        "claimledger.scale.unknown",
        "snopes",
        "default",
        "politifact",
        "fever",
        "claimskg",
    )
    assert not ledger_exists(location)
    assert files_in(tmp_path) == []


CLOSED_CALLS = {
    "actor": lambda wb: wb.actor,
    "identity": lambda wb: wb.identity,
    "add_source": lambda wb: wb.add_source("Reuters"),
    "add_claim": lambda wb: wb.add_claim("A claim."),
    "claims": lambda wb: wb.claims(),
    "events": lambda wb: wb.events(),
    "verify": lambda wb: wb.verify(),
    "checkpoint": lambda wb: wb.checkpoint(),
}


@pytest.mark.parametrize("call", list(CLOSED_CALLS), ids=list(CLOSED_CALLS))
def test_a_closed_workbench_raises(location, call):
    wb = cl.open(location, actor="alice")
    wb.close()
    with pytest.raises(cl.Error) as caught:
        CLOSED_CALLS[call](wb)
    assert "closed" in str(caught.value)
    with cl.open(location) as again:
        assert again.event_count() == 1


def test_a_status_cannot_go_backwards_and_the_same_status_records_nothing(desk, ledger_state):
    desk.wb.set_status(desk.troops, "published")
    before = ledger_state(desk.wb)
    with pytest.raises(cl.InvalidInputError) as caught:
        desk.wb.set_status(desk.troops, "new")
    assert caught.value.id == "claimledger.status.transition"
    assert "new" in str(caught.value)
    assert "in-progress" in str(caught.value)
    assert desk.wb.set_status(desk.troops, "published").status == "published"
    assert ledger_state(desk.wb) == before
