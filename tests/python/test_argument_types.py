"""Arguments of the wrong type: every public method of the workbench that takes user values
refuses a value of the wrong type with InvalidInputError naming the argument and what it
accepts (never a raw TypeError from the binding), and writes nothing."""

from __future__ import annotations

import inspect

import claimledger as cl
import pandas
import pytest


class Wrong:
    """A value that no argument of the workbench accepts."""

    def __repr__(self) -> str:
        return "Wrong()"


def valid_calls(d, tmp_path, signer, verifier, checkpoint, other_desk) -> dict:
    """For each public method that takes arguments, keyword arguments that it accepts on the
    desk `d` (the `desk` fixture)."""
    return {
        "add_claim": {
            "text": "A figure unchanged for years.",
            "claimant": d.reuters,
            "appears_in": d.article,
            "quote": "a figure unchanged for years",
            "prefix": None,
            "suffix": None,
            "tags": ["military"],
            "date": "2024-10-21",
            "context": "an article",
            "ref": "claim-ref-1",
            "provenance": {"file": "x"},
            "verdict": "true",
            "match_case": True,
            "status": None,
        },
        "add_claims": {"records": [{"text": "Another claim."}]},
        "add_snapshot": {
            "content": "A new document.",
            "url": "https://example.org/b",
            "title": "B",
            "publisher": d.reuters,
            "published": "2024-10-21",
            "retrieved": "2024-10-22",
        },
        "add_source": {
            "name": "AP",
            "kind": "outlet",
            "url": None,
            "affiliation": None,
            "ref": None,
            "attributes": None,
        },
        "add_sources": {"records": [{"name": "AFP"}]},
        "as_of": {"when": 1},
        "candidates": {"snapshot_hash": d.article, "min_score": 0.0, "limit": None},
        "claim": {"claim_id": d.troops},
        "claim_card": {"claim_id": d.troops},
        "claims": {"status": None, "rating": None, "claimant": None, "tag": None, "limit": None},
        "compare_quantities": {"claim_id": d.troops},
        "events": {"start": 1, "stop": None},
        "events_frame": {"start": 1, "stop": None},
        "evidence": {"claim_id": d.troops},
        "evidence_frame": {"claim_id": d.troops},
        "export_bundle": {"path": tmp_path / "out.jsonl"},
        "export_claimreview": {"claim_id": d.troops},
        "export_claimreviews": {"status": "published"},
        "history": {"entity_id": d.troops},
        "history_frame": {"entity_id": d.troops},
        "history_view": {"entity_id": d.troops},
        "import_bundle": {"path": tmp_path / "missing.jsonl"},
        "import_claimreview": {
            "doc_or_list": {
                "@type": "ClaimReview",
                "claimReviewed": "Troops left Korea.",
                "url": "https://example.org/review",
                "author": {"@type": "Organization", "name": "Example Checks"},
                "reviewRating": {"@type": "Rating", "alternateName": "False"},
            },
            "rating_map": None,
        },
        "link_evidence": {
            "claim_id": d.escalation,
            "snapshot_hash": d.article,
            "quote": "a significant escalation",
            "stance": "context",
            "note": None,
            "credibility": None,
            "match_case": True,
            "prefix": None,
            "suffix": None,
        },
        "merge": {"other": other_desk},
        "plot_timeline": {"claim_id": d.troops},
        "plot_track_record": {"source_id": d.reuters},
        "prove": {"seq": 1, "checkpoint": checkpoint},
        "prove_consistency": {"old": checkpoint, "new": checkpoint},
        "rate_source": {"source_id": d.chun, "grade": "C", "rationale": "Fairly reliable."},
        "reanchor": {"old": d.article, "new": d.factsheet},
        "receipt": {"claim_id": d.troops, "checkpoint": checkpoint},
        "receipt_status": {"claim_id": d.troops},
        "record_checkpoint": {"checkpoint": checkpoint, "verifier_keys": [verifier]},
        "report": {"path": tmp_path / "report.html"},
        "search": {
            "query": "troops",
            "status": None,
            "rating": None,
            "claimant": None,
            "tag": None,
            "since": None,
            "until": None,
            "match": "all",
            "limit": 10,
        },
        "search_snapshots": {"query": "troops", "match": "all", "limit": 10},
        "set_status": {"claim_id": d.troops, "status": "reviewed"},
        "set_verdict": {
            "claim_id": d.escalation,
            "rating": "mixed",
            "rationale": "r",
            "evidence": (),
        },
        "sign_checkpoint": {"signer": signer, "cosign": None, "record": False},
        "similar": {"text": "troops in Korea", "k": 5},
        "snapshot": {"snapshot_hash": d.article},
        "snapshot_bytes": {"snapshot_hash": d.article},
        "snapshot_text": {"snapshot_hash": d.article},
        "source": {"source_id": d.reuters},
        "source_card": {"source_id": d.reuters},
        "source_ratings": {"source_id": d.reuters},
        "sources_report": {"sort_by": "score", "ascending": False},
        "track_record": {"source_id": d.reuters},
        "verdicts": {"claim_id": d.troops},
        "verify": {"against": None, "keys": None, "search_indexes": True},
        # Methods whose arguments are options passed on (**options): one of each.
        "claims_frame": {"status": None},
        "plot_verdicts": {"status": None},
        "from_frame": {
            "frame": pandas.DataFrame({"text": ["From a frame."]}),
            "what": "claims",
            "columns": None,
        },
        # The corrections, last: they change the claims and sources above.
        "sources": {"name": "Reuters"},
        "correct_claim": {
            "claim_id": d.escalation,
            "reason": "typo",
            "text": "The deployment escalates.",
            "claimant": None,
            "quote": None,
        },
        "unlink_evidence": {"evidence_id": d.evidence, "reason": "another year"},
        "merge_sources": {"source_id": d.usfk, "into": d.chun, "reason": "for this test"},
        "retract": {"claim_id": d.escalation, "reason": "an opinion"},
    }


#: Methods that take no user value, or none that could have a wrong type.
NO_ARGUMENTS = {"close", "rebuild", "checkpoint", "event_count", "snapshots"}


def _public_methods() -> list[str]:
    return [
        name
        for name, member in inspect.getmembers(cl.Workbench)
        if not name.startswith("_") and callable(member)
    ]


@pytest.fixture
def setting(desk, tmp_path, new_location):
    signer, verifier = cl.generate_key("news.example/types-desk")
    checkpoint = desk.wb.sign_checkpoint(signer)
    other = new_location()
    with cl.open(other, actor="bob") as colleague:
        colleague.add_source("Bob's source")
    return valid_calls(desk, tmp_path, signer, verifier, checkpoint, other)


def test_every_public_method_with_arguments_is_walked(desk, tmp_path):
    table = valid_calls(desk, tmp_path, "k", "v", None, "o")
    for name in _public_methods():
        parameters = [
            p
            for p in inspect.signature(getattr(cl.Workbench, name)).parameters.values()
            if p.name != "self"
        ]
        if parameters and name not in NO_ARGUMENTS:
            assert name in table, f"{name} takes arguments: add it to valid_calls"


def test_a_wrong_type_in_any_argument_is_an_input_error_naming_it(desk, setting):
    wb = desk.wb
    failures = []
    for name, kwargs in setting.items():
        method = getattr(wb, name)
        for argument in kwargs:
            events = wb.event_count()
            call = dict(kwargs, **{argument: Wrong()})
            try:
                method(**call)
            except cl.InvalidInputError as error:
                named = argument.removesuffix("_id").removesuffix("_hash")
                if named not in str(error):
                    failures.append(f"{name}({argument}=Wrong()): {error}")
            except BaseException as error:
                failures.append(f"{name}({argument}=Wrong()): {type(error).__name__}: {error}")
            else:
                failures.append(f"{name}({argument}=Wrong()) was accepted")
            if wb.event_count() != events:
                failures.append(f"{name}({argument}=Wrong()) wrote events")
    assert not failures, "\n".join(failures)


def test_the_valid_calls_are_accepted(desk, setting):
    # The table's calls themselves work, so each refusal above is the wrong value's.
    refused = {}
    for name, kwargs in setting.items():
        if name == "import_bundle":  # the desk is not new: import_bundle refuses it anyway
            continue
        try:
            getattr(desk.wb, name)(**kwargs)
        except cl.Error as error:
            refused[name] = str(error)
    assert refused == {}


@pytest.mark.parametrize(
    ("call", "argument", "accepted"),
    [
        (
            lambda wb, d: wb.link_evidence(
                d.troops, d.factsheet, quote="28,500", stance="supports", credibility=2
            ),
            "credibility",
            "text",
        ),
        (lambda wb, d: wb.add_claim("x", appears_in=d.article, quote=5), "quote", "text"),
        (
            lambda wb, d: wb.link_evidence(d.troops, d.factsheet, quote="28,500", stance=None),
            "stance",
            "text",
        ),
        (lambda wb, d: wb.add_claim("x", tags=[1]), "tags", "text"),
        (lambda wb, d: wb.claims(limit="10"), "limit", "an integer"),
        (lambda wb, d: wb.add_claims({"text": "x"}), "records", "a list"),
        (
            lambda wb, d: wb.set_verdict(d.troops, "true", rationale="r", evidence=d.evidence),
            "evidence",
            "a list of ids",
        ),
    ],
)
def test_the_usual_slips(desk, call, argument, accepted):
    events = desk.wb.event_count()
    with pytest.raises(cl.InvalidInputError) as caught:
        call(desk.wb, desk)
    assert caught.value.id == "claimledger.input.type"
    assert argument in str(caught.value)
    assert accepted in str(caught.value)
    assert desk.wb.event_count() == events
