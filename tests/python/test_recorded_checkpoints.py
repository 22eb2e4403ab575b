"""Signed checkpoints recorded in the desk (who signed which size), the receipt status the
claim card and the report show, and ClaimReview exports that carry their receipts: on a
ledger file and on a PostgreSQL desk."""

from __future__ import annotations

import hashlib
import json

import claimledger as cl
import pytest
from claimledger.cli import main
from claimledger.notebook.report import render_report
from conftest import ARTICLE, FACTSHEET


def make_desk(wb):
    """A claim with a verdict relying on one evidence document: (claim id, evidence)."""
    outlet = wb.add_source("Reuters", kind="outlet", url="https://www.reuters.com")
    article = wb.add_snapshot(ARTICLE, url="https://example.org/a", publisher=outlet.id)
    factsheet = wb.add_snapshot(FACTSHEET.encode("utf-8"), url="https://example.org/f")
    claim = wb.add_claim(
        "About 28,500 US troops are in South Korea.",
        claimant=outlet.id,
        appears_in=article.hash,
        quote="approximately 28,500 troops",
    )
    evidence = wb.link_evidence(
        claim.id, factsheet.hash, stance="supports", quote="Approximately 28,500 U.S."
    )
    wb.set_verdict(claim.id, "true", rationale="USFK's figure.", evidence=[evidence.id])
    wb.set_status(claim.id, "published")
    return claim.id, factsheet


@pytest.fixture(params=["sqlite", "postgres"])
def open_desk(request, tmp_path):
    """open_desk() -> a new empty desk on the store of the parameter."""
    if request.param == "sqlite":
        return lambda: cl.open(tmp_path / "desk.ledger", actor="alice", origin="news.example/d")
    url = request.getfixturevalue("pg_desk_url")()
    return lambda: cl.open(url, actor="alice", origin="news.example/d")


def test_a_signed_checkpoint_is_recorded_with_who_signed_which_size(open_desk):
    signer, verifier = cl.generate_key("news.example/desk")
    partner_signer, partner = cl.generate_key("notary.example/witness")
    with open_desk() as wb:
        claim, _ = make_desk(wb)
        assert wb.signed_checkpoints() == []
        assert not wb.receipt_status(claim).covered
        size = wb.event_count()
        signed = wb.sign_checkpoint(signer, record=True)
        assert signed.size == size
        assert wb.event_count() == size + 1
        event = wb.events()[-1]
        assert event.type == "checkpoint.signed"
        assert event.actor == "alice"
        assert event.data["size"] == size
        assert event.data["signed_by"] == [verifier]
        assert event.data["checkpoint"] == signed.text
        assert "PRIVATE" not in json.dumps([e.data for e in wb.events()])
        # a notary co-signs; the checkpoint with both signatures is recorded with its key
        both = wb.sign_checkpoint(partner_signer, cosign=signed)
        wb.actor = "bob"
        wb.record_checkpoint(both.text, [partner, verifier])
        recorded = wb.signed_checkpoints()
        assert [(r.size, r.actor) for r in recorded] == [(size, "alice"), (size, "bob")]
        assert sorted(recorded[-1].signers) == ["news.example/desk", "notary.example/witness"]
        status = wb.receipt_status(claim)
        assert status.covered
        assert status.checkpoint == recorded[-1]
        assert f"covered by the signed checkpoint of {size} events" in status.text
        assert wb.verify().ok
        # a new verdict is not covered until a newer checkpoint is recorded
        wb.set_verdict(claim, "mostly-true", rationale="Rounded.")
        assert not wb.receipt_status(claim).covered
        assert "sign a new one" in wb.receipt_status(claim).text
        wb.sign_checkpoint(signer, record=True)
        assert wb.receipt_status(claim).covered


def test_a_checkpoint_that_does_not_check_out_is_not_recorded(open_desk, tmp_path):
    signer, verifier = cl.generate_key("news.example/desk")
    _, stranger = cl.generate_key("stranger.example/key")
    with open_desk() as wb:
        make_desk(wb)
        signed = wb.sign_checkpoint(signer)
        count = wb.event_count()
        with pytest.raises(cl.IntegrityError, match="no signature by a given verifier key"):
            wb.record_checkpoint(signed.text, [stranger])
        with pytest.raises(cl.InvalidInputError, match="needs verifier_keys"):
            wb.record_checkpoint(signed.text)
        tampered = signed.text.replace(f"\n{signed.size}\n", f"\n{signed.size - 1}\n")
        with pytest.raises(cl.IntegrityError):
            wb.record_checkpoint(tampered, [verifier])
        with cl.open(tmp_path / "other.ledger", origin="other.example/desk") as other:
            foreign = other.sign_checkpoint(signer)
        with pytest.raises(cl.InvalidInputError, match="other_origin"):
            wb.record_checkpoint(foreign)
        assert wb.event_count() == count


def test_the_claim_card_and_the_report_show_the_receipt_status(wb):
    signer, _ = cl.generate_key("news.example/desk")
    claim, _ = make_desk(wb)
    assert "receipts: verdict (event" in repr(wb.claim_card(claim))
    assert "no signed checkpoint is recorded" in repr(wb.claim_card(claim))
    page = render_report(wb)
    assert "no signed checkpoint is recorded in this desk yet" in page
    size = wb.sign_checkpoint(signer, record=True).size
    card = wb.claim_card(claim)
    assert f"covered by the signed checkpoint of {size} events" in repr(card)
    assert 'data-covered="true"' in card._repr_html_()
    page = render_report(wb)
    assert f"the latest holds {size:,} events, signed by news.example/desk" in page
    assert '<strong class="cl-covered">1</strong> of the 1 current verdicts' in page


def test_claimreview_export_writes_and_links_each_reviews_receipts(open_desk, tmp_path):
    signer, verifier = cl.generate_key("news.example/desk")
    with open_desk() as wb:
        claim, factsheet = make_desk(wb)
        checkpoint = wb.sign_checkpoint(signer)
        out = tmp_path / "receipts"
        [review] = wb.export_claimreviews(
            receipts=out,
            checkpoint=checkpoint,
            receipts_url="https://news.example/receipts",
            documents=True,
        )
        document = wb.snapshot_bytes(factsheet.hash)
    [link] = review["associatedMedia"]
    assert link["@type"] == "DataDownload"
    assert link["contentUrl"] == f"https://news.example/receipts/{claim}/receipts.json"
    folder = out / claim
    manifest_bytes = (folder / "receipts.json").read_bytes()
    assert link["sha256"] == hashlib.sha256(manifest_bytes).hexdigest()
    manifest = json.loads(manifest_bytes)
    assert {e["role"] for e in manifest} == {"claim", "verdict", "evidence", "snapshot"}
    for entry in manifest:  # each receipt checks with nothing but the files and the key
        leaf = (folder / entry["leaf"]).read_bytes()
        proof = (folder / entry["proof"]).read_text(encoding="utf-8")
        assert cl.verify_receipt(proof, leaf, verifier).index == entry["index"]
    verdict_leaf = next(e["leaf"] for e in manifest if e["role"] == "verdict")
    verdict = json.loads((folder / verdict_leaf).read_bytes())
    assert verdict["data"]["rationale"] == review["reviewBody"]
    snapshot = next(e for e in manifest if e["role"] == "snapshot")
    assert snapshot["sha256"] == "sha256:" + hashlib.sha256(document).hexdigest()
    assert (folder / f"document-{snapshot['seq']}.bin").read_bytes() == document
    assert (folder / "checkpoint.txt").read_text(encoding="utf-8") == checkpoint.text


def test_claimreview_receipts_refuse_what_cannot_be_proved_and_write_nothing(wb, tmp_path):
    signer, _ = cl.generate_key("news.example/desk")
    claim, _ = make_desk(wb)
    early = wb.sign_checkpoint(signer)
    wb.set_verdict(claim, "mostly-true", rationale="Rounded.")
    out = tmp_path / "receipts"
    with pytest.raises(cl.InvalidInputError, match="after_checkpoint"):
        wb.export_claimreviews(
            status=None, receipts=out, checkpoint=early, receipts_url="https://n.example/r"
        )
    assert not out.exists()
    with pytest.raises(cl.InvalidInputError, match="receipts_url must be the absolute"):
        wb.export_claimreviews(status=None, receipts=out, checkpoint=early)
    with pytest.raises(cl.InvalidInputError, match="need a signed checkpoint"):
        wb.export_claimreviews(status=None, receipts=out, receipts_url="https://n.example/r")
    with pytest.raises(cl.InvalidInputError, match="go with receipts=DIR"):
        wb.export_claimreviews(status=None, checkpoint=early)
    assert not out.exists()


def test_the_command_line_records_a_signed_checkpoint_and_refuses_record_alone(tmp_path, capsys):
    path = tmp_path / "desk.ledger"
    with cl.open(path, actor="alice") as wb:
        make_desk(wb)
        size = wb.event_count()
    signer, _ = cl.generate_key("news.example/desk")
    key = tmp_path / "desk.key"
    key.write_text(signer)
    assert main(["checkpoint", str(path), "--record"]) != 0
    assert "give --sign KEYFILE too" in capsys.readouterr().err
    assert main(["checkpoint", str(path), "--sign", str(key), "--record"]) == 0
    with cl.open(path, create=False) as wb:
        [recorded] = wb.signed_checkpoints()
        assert recorded.size == size
        assert recorded.signers == ("news.example/desk",)
