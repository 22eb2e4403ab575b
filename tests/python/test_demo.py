"""The demo desk (claimledger.demo.build_demo and `claimledger demo`): what it records,
that it verifies and saves a checkpoint, that it can be rebuilt in place, and that the
shipped script only quotes text its documents contain."""

from __future__ import annotations

import json
from importlib import resources

import claimledger as cl
import pytest
from claimledger.cli import main
from claimledger.demo import build_demo


def data(name: str) -> str:
    return resources.files("claimledger").joinpath("data", name).read_text(encoding="utf-8")


@pytest.fixture
def demo(tmp_path):
    """The demo desk built in tmp_path/demo; yields (folder, ledger path, summary lines)."""
    lines: list = []
    path = build_demo(tmp_path / "demo", say=lines.append)
    return tmp_path / "demo", path, lines


@pytest.fixture
def demo_wb(demo):
    _, path, _ = demo
    with cl.open(path, actor="test", create=False) as wb:
        yield wb


def test_the_demo_ledger_verifies(demo, demo_wb):
    folder, path, lines = demo
    assert path == folder / "desk.ledger"
    assert path.exists()
    report = demo_wb.verify()
    assert report.ok, report.problems
    assert report.events == demo_wb.event_count()
    assert any("verify: ok" in line for line in lines)


def test_the_troops_claim_and_its_quantity(demo_wb):
    troops = [c for c in demo_wb.claims() if "28,500" in c.text]
    assert len(troops) == 1
    (quantity,) = troops[0].quantities
    assert quantity.value == 28500
    assert quantity.unit == "troops"
    assert quantity.qualifier
    assert quantity.qualifier.lower() in troops[0].text.lower()
    assert troops[0].verdict is not None
    assert troops[0].appearances
    assert "28,500" in troops[0].appearances[0].exact


def test_the_korean_war_claim_has_a_year_range(demo_wb):
    (war,) = [c for c in demo_wb.claims() if "Korean War" in c.text]
    ranges = [q for q in war.quantities if q.low is not None]
    assert [(q.low, q.high, q.value) for q in ranges] == [(1950, 1953, None)]


def test_one_claim_has_a_revised_verdict(demo_wb):
    revised = [c for c in demo_wb.claims() if len(demo_wb.verdicts(c)) == 2]
    assert len(revised) == 1
    first, second = demo_wb.verdicts(revised[0])
    assert first.rating != second.rating
    assert first.seq < second.seq
    assert revised[0].verdict == second
    types = [e.type for e in demo_wb.history(revised[0])]
    assert types.count("verdict.set") == 2


def test_the_edited_fact_sheet_is_reanchored_and_its_claim_needs_review(demo, demo_wb):
    _, _, lines = demo
    fact_sheets = [s for s in demo_wb.snapshots() if s.title and "Fact Sheet" in s.title]
    first, again = sorted(fact_sheets, key=lambda s: s.retrieved)
    assert first.url == again.url
    assert first.hash != again.hash
    report = demo_wb.reanchor(first.hash, again.hash)
    assert sorted(q.status for q in report.quotes) == ["changed", "exact", "moved"]
    (changed,) = [q for q in report.quotes if q.status == "changed"]
    assert "training deployments" in changed.old.exact
    assert "exercises" in changed.new.exact
    assert "training deployments" not in changed.new.exact
    (review,) = report.needs_review
    troops = demo_wb.claim(review.claim)
    assert "28,500" in troops.text
    assert review.rating == troops.verdict.rating
    assert any("needs review: " + troops.id in line for line in lines)


def test_the_demo_sources(demo_wb):
    by_name = {s.name: s for s in demo_wb.sources()}
    assert {"Chun In-bum", "Reuters", "AFP", "dpa"} <= set(by_name)
    assert by_name["Chun In-bum"].kind == "person"
    assert by_name["Reuters"].kind == "outlet"
    assert any(s.reliability for s in by_name.values())


def test_the_demo_desk_uses_every_part_of_the_workbench(demo_wb):
    claims = demo_wb.claims()
    assert len(claims) >= 5
    assert sum(len(demo_wb.evidence(c)) for c in claims) >= len(claims)
    assert {c.status for c in claims} >= {"published", "in-progress"}
    assert len(demo_wb.snapshots()) >= 2
    assert len({e.actor for e in demo_wb.events()}) >= 2


def test_the_checkpoint_is_saved_and_holds(demo, demo_wb):
    folder, _, _ = demo
    text = (folder / "checkpoint.json").read_text(encoding="utf-8")
    checkpoint = cl.Checkpoint.from_json(text)
    assert checkpoint == demo_wb.checkpoint()
    assert demo_wb.verify(against=checkpoint).ok
    assert demo_wb.verify(against=text).ok


def test_building_twice_replaces_the_demo_ledger(demo):
    folder, path, _ = demo
    with cl.open(path, create=False) as wb:
        first = (len(wb.claims()), len(wb.sources()), wb.event_count(), wb.identity)
    again = build_demo(folder, say=None)
    assert again == path
    with cl.open(path, create=False) as wb:
        second = (len(wb.claims()), len(wb.sources()), wb.event_count(), wb.identity)
        assert wb.verify().ok
        checkpoint = cl.Checkpoint.from_json((folder / "checkpoint.json").read_text())
        assert wb.verify(against=checkpoint).ok
    assert second[:3] == first[:3]
    assert second[3] != first[3]  # a new ledger, not the old one appended to


def test_the_demo_will_not_replace_a_file_that_is_not_a_ledger(tmp_path):
    folder = tmp_path / "demo"
    folder.mkdir()
    precious = folder / "desk.ledger"
    precious.write_bytes(b"someone's notes, not a ledger\n")
    with pytest.raises(cl.StorageError):
        build_demo(folder, say=None)
    assert precious.read_bytes() == b"someone's notes, not a ledger\n"


def test_the_demo_summary_names_the_claims(demo, demo_wb):
    _, _, lines = demo
    summary = "\n".join(lines)
    for claim in demo_wb.claims():
        assert claim.id in summary


def test_claimledger_demo_command(tmp_path, capsys):
    assert main(["demo", "--dir", str(tmp_path / "d")]) == 0
    out = capsys.readouterr().out
    assert "verify: ok" in out
    with cl.open(tmp_path / "d" / "desk.ledger", create=False) as wb:
        assert wb.verify().ok


def test_shipped_quotes_occur_in_their_documents():
    script = json.loads(data("demo_desk.json"))
    documents = {s["key"]: data(s["file"]) for s in script["snapshots"]}
    claims = {c["key"]: c for c in script["claims"]}
    assert claims
    assert script["evidence"]
    for claim in claims.values():
        assert claim["quote"] in documents[claim["appears_in"]], claim["key"]
    for evidence in script["evidence"]:
        assert evidence["claim"] in claims
        assert evidence["quote"] in documents[evidence["snapshot"]], evidence["key"]


def test_shipped_script_refers_only_to_what_it_defines():
    script = json.loads(data("demo_desk.json"))
    sources = {s["key"] for s in script["sources"]}
    claims = {c["key"] for c in script["claims"]}
    evidence = {e["key"] for e in script["evidence"]}
    for snapshot in script["snapshots"]:
        assert snapshot.get("publisher") is None or snapshot["publisher"] in sources
    for claim in script["claims"]:
        assert claim.get("claimant") is None or claim["claimant"] in sources
    for verdict in script["verdicts"]:
        assert verdict["claim"] in claims
        assert set(verdict.get("evidence", ())) <= evidence
    for rating in script["ratings"]:
        assert rating["source"] in sources
