"""The vocabulary (claimledger.vocabulary) is the core's: every word of it is accepted
where the workbench takes one, a word outside it is refused with a message listing the
accepted ones, and a desk's events have exactly the event types listed."""

from __future__ import annotations

import warnings

import claimledger as cl
import pytest
from claimledger import vocabulary


def test_every_source_kind_is_accepted(wb):
    for kind in vocabulary.SOURCE_KINDS:
        assert wb.add_source(f"A {kind}", kind=kind).kind == kind
    with pytest.raises(cl.InvalidInputError) as caught:
        wb.add_source("Somebody", kind="rumour")
    assert all(kind in str(caught.value) for kind in vocabulary.SOURCE_KINDS)


def test_every_stance_is_accepted(desk):
    for stance in vocabulary.STANCES:
        # A claim each: one quote cannot both support and refute the same claim.
        claim = desk.wb.add_claim(f"The deployment is an escalation ({stance}).")
        evidence = desk.wb.link_evidence(
            claim, desk.article, quote="a significant escalation", stance=stance
        )
        assert evidence.stance == stance
    with pytest.raises(cl.InvalidInputError) as caught:
        desk.wb.link_evidence(
            desk.escalation, desk.article, quote="a significant escalation", stance="agrees"
        )
    assert all(stance in str(caught.value) for stance in vocabulary.STANCES)


def test_every_grade_is_accepted(desk):
    for grade in vocabulary.RELIABILITY_GRADES:
        assert desk.wb.rate_source(desk.chun, grade, rationale="a test").grade == grade
    for grade in vocabulary.CREDIBILITY_GRADES:
        # A claim each: the same link again would be the first one. They repeat the rated troop
        # figure, so add_claim may warn that it was checked before.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", cl.NearDuplicateWarning)
            claim = desk.wb.add_claim(f"About 28,500 service members ({grade}).")
        evidence = desk.wb.link_evidence(
            claim,
            desk.factsheet,
            quote="Approximately 28,500 U.S. service members",
            stance="supports",
            credibility=grade,
        )
        assert evidence.credibility == grade


def test_a_claim_goes_through_the_statuses_in_their_order(desk):
    claim = desk.wb.claim(desk.troops)  # it has a verdict, so it may be published
    assert claim.status == vocabulary.CLAIM_STATUSES[0]
    for status in vocabulary.CLAIM_STATUSES[1:]:
        assert desk.wb.set_status(desk.troops, status).status == status


def test_every_builtin_scale_opens_a_ledger():
    for name in vocabulary.BUILTIN_SCALES:
        with cl.open(scale=name) as wb:
            assert wb.scale == name


def test_a_desk_records_exactly_the_event_types_listed(desk):
    desk.wb.set_status(desk.troops, "published")
    signer, _ = cl.generate_key("news.example/desk")
    desk.wb.sign_checkpoint(signer, record=True)
    # The corrections (test_corrections checks what they do).
    desk.wb.unlink_evidence(desk.evidence, reason="another year")
    desk.wb.correct_claim(desk.escalation, text="The deployment escalates.", reason="typo")
    desk.wb.merge_sources(desk.usfk, desk.reuters, reason="the same, for this test")
    desk.wb.retract(desk.escalation, reason="an opinion")
    # A merge records the last one (test_merge checks it).
    recorded = {e.type for e in desk.wb.events()} | {"verdict.conflict"}
    assert recorded == set(vocabulary.EVENT_TYPES)
