"""schema.org ClaimReview (claimledger.interop.claimreview): export field by field against
the schema.org definitions, import of every accepted shape (one review, a list, a @graph;
@type, author and ratings in their several forms), the round trip, idempotent re-import,
bad input that names its JSON path and writes nothing, and the export/import commands."""

from __future__ import annotations

import copy
import json
import re

import claimledger as cl
import pytest
from claimledger.cli import main
from claimledger.files import ledger_exists
from claimledger.interop.claimreview import ImportResult

DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


@pytest.fixture
def example_text(repo) -> str:
    """Our fixture in the shape of the schema.org ClaimReview example (issue 1061):
    @type ["Review", "ClaimReview"], an older CreativeWork itemReviewed, rating 1 of 6."""
    return (repo / "tests" / "data" / "claimreview_example.json").read_text(encoding="utf-8")


@pytest.fixture
def example(example_text) -> dict:
    return json.loads(example_text)


def review(text="The bridge opened in 1931.", **fields) -> dict:
    """A small valid ClaimReview; `fields` replace or add top-level properties."""
    doc = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": "https://checks.example.org/bridge-1931",
        "datePublished": "2024-05-02",
        "author": {
            "@type": "Organization",
            "name": "Check Desk",
            "url": "https://checks.example.org",
        },
        "claimReviewed": text,
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Person", "name": "Ada Brook"},
            "datePublished": "2024-04-30",
            "appearance": [
                {
                    "@type": "CreativeWork",
                    "url": "https://news.example.com/later",
                    "headline": "Later piece",
                    "datePublished": "2024-04-30",
                },
                {
                    "@type": "CreativeWork",
                    "url": "https://news.example.com/earlier",
                    "headline": "Earlier piece",
                    "datePublished": "2024-04-28",
                },
            ],
        },
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": 2,
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": "mostly-false",
        },
    }
    doc.update(fields)
    return doc


def rating(**fields) -> dict:
    return {"@type": "Rating", **fields}


# --- export ---------------------------------------------------------------------------------

# What schema.org says each exported property holds (https://schema.org/ClaimReview,
# /Rating, /Claim, /CreativeWork), as the Python type of its JSON value.
ORGANIZATION_OR_PERSON = ("Organization", "Person")


def check_party(value):
    assert isinstance(value, dict)
    assert value["@type"] in ORGANIZATION_OR_PERSON
    assert isinstance(value["name"], str)
    assert value["name"]
    if "url" in value:
        assert isinstance(value["url"], str)
    if "sameAs" in value:
        assert isinstance(value["sameAs"], (str, list))


def check_creative_work(value):
    assert isinstance(value, dict)
    assert value["@type"] == "CreativeWork"
    assert set(value) <= {"@type", "url", "headline", "datePublished", "author", "identifier"}
    if "author" in value:
        check_party(value["author"])


def test_export_fields_match_the_schema_org_definitions(desk):
    wb = desk.wb
    claim = wb.claim(desk.troops)
    out = wb.export_claimreview(desk.troops)

    assert out["@context"] == "https://schema.org"
    assert out["@type"] == "ClaimReview"
    # url (URL): the review's address; by default stable and unique per ledger and claim
    assert out["url"] == f"urn:claimledger:{wb.identity}:{desk.troops}"
    # datePublished (Date): the day of the current verdict
    assert DATE.match(out["datePublished"])
    assert out["datePublished"] == claim.verdict.at[:10]
    # author (Organization or Person): the desk
    assert out["author"] == {"@type": "Organization", "name": "claimledger desk"}
    # claimReviewed (Text)
    assert out["claimReviewed"] == claim.text
    # reviewRating (Rating): the ledger's scale, alternateName always
    rr = out["reviewRating"]
    assert rr == cl.claimreview_rating(wb.scale, "true")
    assert rr["@type"] == "Rating"
    assert (rr["ratingValue"], rr["bestRating"], rr["worstRating"]) == (5, 5, 1)
    assert rr["alternateName"] == "true"
    # itemReviewed (a Claim): author from the claimant, appearance from the snapshot
    item = out["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"] == {
        "@type": "Organization",
        "name": "Reuters",
        "url": "https://www.reuters.com",
    }
    # The claim was given no date: it has its snapshot's published date.
    assert item["datePublished"] == "2024-10-21"
    (appearance,) = item["appearance"]
    check_creative_work(appearance)
    assert appearance == {
        "@type": "CreativeWork",
        "url": "https://example.org/a",
        "headline": "Troops",
        "datePublished": "2024-10-21",
        "author": {"@type": "Organization", "name": "Reuters", "url": "https://www.reuters.com"},
        "identifier": desk.article,
    }
    assert item["firstAppearance"] == appearance
    assert "isBasedOn" not in out  # the desk's own verdict
    assert json.loads(json.dumps(out)) == out  # plain JSON


def test_export_author_is_a_person_for_a_person_claimant_and_claim_date(wb):
    person = wb.add_source("Ada Brook", kind="person", url="https://ada.example.com")
    claim = wb.add_claim("The bridge opened in 1931.", claimant=person.id, date="2024-04-30")
    wb.set_verdict(claim.id, "unproven", rationale="No record either way.")
    out = wb.export_claimreview(claim)
    item = out["itemReviewed"]
    assert item["author"] == {
        "@type": "Person",
        "name": "Ada Brook",
        "url": "https://ada.example.com",
    }
    assert item["datePublished"] == "2024-04-30"
    assert "appearance" not in item
    assert "firstAppearance" not in item
    # a rating off the truth axis has no ratingValue but keeps its name
    # off the truth axis: the word only (Google wants all three numbers or none)
    assert out["reviewRating"] == {"@type": "Rating", "alternateName": "unproven"}


def test_export_options_organisation_and_review_url(desk):
    wb = desk.wb
    out = wb.export_claimreview(
        desk.troops,
        organisation={"name": "The Meridian Desk", "url": "https://desk.example.org"},
        review_url="https://desk.example.org/checks/{claim}",
    )
    assert out["author"] == {
        "@type": "Organization",
        "name": "The Meridian Desk",
        "url": "https://desk.example.org",
    }
    assert out["url"] == f"https://desk.example.org/checks/{desk.troops}"
    out = wb.export_claimreview(desk.troops, review_url=lambda c: f"https://x.example/{c.id}")
    assert out["url"] == f"https://x.example/{desk.troops}"
    with pytest.raises(cl.InvalidInputError, match=r"claimreview\.organisation"):
        wb.export_claimreview(desk.troops, organisation={"url": "https://no-name.example"})


def test_export_without_verdict_is_refused_naming_the_claim(desk):
    with pytest.raises(cl.InvalidInputError) as caught:
        desk.wb.export_claimreview(desk.escalation)
    assert caught.value.id == "claimledger.claimreview.no_verdict"
    assert str(caught.value).startswith("[claimledger.claimreview.no_verdict]")
    assert desk.escalation in str(caught.value)


def test_export_claimreviews_by_status(desk):
    wb = desk.wb
    assert wb.export_claimreviews() == []  # nothing published yet
    everything = wb.export_claimreviews(status=None)  # every claim with a verdict
    assert [r["claimReviewed"] for r in everything] == [wb.claim(desk.troops).text]
    wb.set_status(desk.troops, "published")
    published = wb.export_claimreviews()
    assert published == everything
    assert wb.export_claimreviews(status="new") == []


def test_export_on_politifact_and_custom_scales(new_location):
    with cl.open(new_location("p.ledger"), scale="politifact") as wb:
        claim = wb.add_claim("A claim.", verdict="pants-fire")
        rr = wb.export_claimreview(claim)["reviewRating"]
        assert rr == {
            "@type": "Rating",
            "ratingValue": 1,
            "bestRating": 6,
            "worstRating": 1,
            "alternateName": "pants-fire",
        }
    with cl.open(new_location("c.ledger"), scale=[("yes", 0), ("no", 1), ("dunno", None)]) as wb:
        claim = wb.add_claim("A claim.", verdict="yes")
        rr = wb.export_claimreview(claim)["reviewRating"]
        assert (rr["ratingValue"], rr["bestRating"], rr["alternateName"]) == (2, 2, "yes")


def test_export_first_appearance_is_the_earliest(wb):
    result = wb.import_claimreview(review())
    item = wb.export_claimreview(result.claims[0])["itemReviewed"]
    assert [a["url"] for a in item["appearance"]] == [
        "https://news.example.com/later",
        "https://news.example.com/earlier",
    ]
    for appearance in item["appearance"]:
        check_creative_work(appearance)
    assert item["firstAppearance"]["url"] == "https://news.example.com/earlier"
    assert item["firstAppearance"]["datePublished"] == "2024-04-28"


def test_export_of_an_imported_verdict_gives_the_publishers_review_back(wb):
    doc = review(reviewBody="It opened in 1932.", reviewRating=rating(alternateName="Falso"))
    doc["itemReviewed"]["url"] = "https://news.example.com/claim-itself"
    (claim_id,) = wb.import_claimreview(doc).claims
    out = wb.export_claimreview(claim_id, organisation="Our Desk")
    assert out["author"] == doc["author"]  # the publisher's review, not the desk's
    assert (out["url"], out["datePublished"]) == (doc["url"], doc["datePublished"])
    assert out["reviewRating"] == {"@type": "Rating", "alternateName": "Falso"}
    assert out["reviewBody"] == "It opened in 1932."
    assert out["itemReviewed"]["url"] == "https://news.example.com/claim-itself"
    wb.set_verdict(claim_id, "mostly-false", rationale="Our own check: it opened in 1932.")
    out = wb.export_claimreview(claim_id, organisation="Our Desk")
    assert out["author"] == {"@type": "Organization", "name": "Our Desk"}  # the desk's now
    assert out["reviewRating"]["alternateName"] == "mostly-false"
    assert out["reviewBody"] == "Our own check: it opened in 1932."
    assert out["itemReviewed"]["appearance"][0]["url"] == "https://news.example.com/later"


# --- import ---------------------------------------------------------------------------------


def test_import_the_schema_org_shaped_example(wb, example_text, example):
    before = wb.event_count()
    result = wb.import_claimreview(example_text)
    assert isinstance(result, ImportResult)
    (claim_id,) = result.claims
    assert result.added == (claim_id,)
    assert result.existing == ()
    claim = wb.claim(claim_id)
    assert claim.text == example["claimReviewed"]
    assert claim.date == "2023-03-09"
    assert claim.context == "The Port Halden Ledger radio interview [...]"
    # 1 of 1..6 is truth score 0: "false" on the default scale, exactly
    assert claim.verdict.rating == "false"
    assert example["url"] in claim.verdict.rationale
    assert claim.ref.startswith(f"claimreview:{example['url']}#")
    assert claim.status == "published-elsewhere"
    assert claim.provenance == {
        "claimreview": result.snapshot,
        "url": example["url"],
        "path": "$",
        "review_date": "2023-03-14",
        "reviewer": "factdesk.example.org",
        "rating_value": "1",
        "best_rating": "6",
    }
    # the original document, byte for byte, is the provenance
    assert wb.snapshot_bytes(result.snapshot) == example_text.encode("utf-8")
    snapshot = wb.snapshot(result.snapshot)
    assert (snapshot.url, snapshot.published) == (example["url"], "2023-03-14")
    # the claim's author and the reviewing organisation became sources
    author = wb.source(claim.claimant)
    assert (author.name, author.kind, author.ref) == (
        "Marta Okonkwo",
        "person",
        "claimreview:author:Marta Okonkwo",
    )
    assert json.loads(author.attributes["sameAs"]) == example["itemReviewed"]["author"]["sameAs"]
    org = wb.source(snapshot.publisher)
    assert (org.name, org.kind, org.url) == (
        "factdesk.example.org",
        "organisation",
        "https://factdesk.example.org/",
    )
    assert org.ref == "claimreview:org:https://factdesk.example.org/"
    assert set(result.sources) == {author.id, org.id}
    assert wb.event_count() > before
    assert wb.verify().ok


def test_import_the_example_onto_politifact_is_exact(example_text, new_location):
    with cl.open(new_location("p.ledger"), scale="politifact") as wb:
        result = wb.import_claimreview(example_text)
        assert wb.claim(result.claims[0]).verdict.rating == "pants-fire"
        assert not any("loses information" in note for note in result.notes)


def test_round_trip_of_the_example(example_text, new_location):
    with cl.open(new_location("a.ledger")) as first:
        (claim_id,) = first.import_claimreview(example_text).claims
        exported = first.export_claimreview(claim_id)
    with cl.open(new_location("b.ledger")) as second:
        (again_id,) = second.import_claimreview(exported).claims
        again = second.export_claimreview(again_id)
    assert_same_review(exported, again)
    item = again["itemReviewed"]
    assert item["author"]["@type"] == "Person"
    assert item["author"]["name"] == "Marta Okonkwo"
    assert item["appearance"][0]["name"] == "The Port Halden Ledger radio interview [...]"


def assert_same_review(one: dict, other: dict) -> None:
    assert one["claimReviewed"] == other["claimReviewed"]
    assert one["reviewRating"] == other["reviewRating"]
    for key in ("@type", "name"):
        assert one["itemReviewed"]["author"][key] == other["itemReviewed"]["author"][key]
    assert [a.get("url") for a in one["itemReviewed"].get("appearance", [])] == [
        a.get("url") for a in other["itemReviewed"].get("appearance", [])
    ]
    assert one["itemReviewed"].get("datePublished") == other["itemReviewed"].get("datePublished")


def test_round_trip_of_a_desk_verdict(desk, new_location):
    desk.wb.set_verdict(desk.escalation, "mixed", rationale="Opinion and fact mixed.")
    exported = desk.wb.export_claimreviews(status=None)
    assert len(exported) == 2
    with cl.open(new_location("fresh.ledger")) as fresh:
        result = fresh.import_claimreview(exported)
        assert len(result.added) == 2
        again = [fresh.export_claimreview(c) for c in result.claims]
    for one, other in zip(exported, again):
        assert_same_review(one, other)
    assert again[0]["itemReviewed"]["appearance"][0]["url"] == "https://example.org/a"
    assert again[1]["itemReviewed"]["author"] == {"@type": "Person", "name": "Chun In-bum"}


def test_import_a_list(wb):
    second = review(
        "The tunnel cost $2 billion.",
        url="https://other.example.net/tunnel",
        author={"@type": "Organization", "name": "Other Checks"},
        reviewRating=rating(alternateName="true"),
    )
    result = wb.import_claimreview([review(), second])
    assert len(result.claims) == 2
    texts = [wb.claim(c).text for c in result.claims]
    assert texts == ["The bridge opened in 1931.", "The tunnel cost $2 billion."]
    assert [wb.claim(c).provenance["path"] for c in result.claims] == ["$[0]", "$[1]"]
    assert wb.snapshot(result.snapshot).publisher is None  # two reviewers: no one publisher
    names = {wb.source(s).name for s in result.sources}
    assert {"Check Desk", "Other Checks", "Ada Brook"} <= names


def test_import_json_lines(wb):
    lines = [review(), review("The tunnel cost $2 billion.", url="https://c.example/t")]
    text = "\n".join(json.dumps(r) for r in lines) + "\n\n"
    result = wb.import_claimreview(text)
    assert [wb.claim(c).provenance["path"] for c in result.claims] == ["$[0]", "$[1]"]
    assert wb.snapshot_bytes(result.snapshot) == text.encode("utf-8")
    count = wb.event_count()
    message = refused(wb, text + "{oops\n", "json", match="line 4")
    assert "JSON Lines" in message
    assert wb.event_count() == count


def test_import_a_graph_with_references_and_other_nodes(wb):
    doc = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebPage", "@id": "#page", "name": "Our check"},
            {"@type": "Organization", "@id": "#desk", "name": "Graph Desk"},
            {"@type": "Person", "@id": "#ada", "name": "Ada Brook", "jobTitle": "Engineer"},
            review(
                author={"@id": "#desk"},
                itemReviewed={"@type": "Claim", "author": {"@id": "#ada"}},
            ),
        ],
    }
    result = wb.import_claimreview(doc)
    (claim_id,) = result.claims
    claim = wb.claim(claim_id)
    assert claim.provenance["path"] == "$['@graph'][3]"
    author = wb.source(claim.claimant)
    assert (author.name, author.kind, author.attributes["jobTitle"]) == (
        "Ada Brook",
        "person",
        "Engineer",
    )
    assert wb.source(wb.snapshot(result.snapshot).publisher).name == "Graph Desk"
    person = wb.export_claimreview(claim_id)["itemReviewed"]["author"]
    assert person == {"@type": "Person", "name": "Ada Brook", "jobTitle": "Engineer"}


@pytest.mark.parametrize(
    "declared",
    [
        "ClaimReview",
        ["Review", "ClaimReview"],
        "schema:ClaimReview",
        "http://schema.org/ClaimReview",
    ],
)
def test_import_type_as_string_or_list(wb, declared):
    result = wb.import_claimreview(review(**{"@type": declared}))
    assert len(result.added) == 1


def test_import_author_as_object_list_or_string(wb):
    as_object = review(
        "Claim one.",
        url="https://c.example/1",
        itemReviewed={
            "@type": "Claim",
            "author": {"@type": "Organization", "name": "City Hall"},
        },
    )
    as_list = review(
        "Claim two.",
        url="https://c.example/2",
        itemReviewed={
            "@type": "Claim",
            "author": [{"@type": "Person", "name": "Bo Lind"}, {"@type": "Person", "name": "X"}],
        },
    )
    as_string = review(
        "Claim three.",
        url="https://c.example/3",
        author="Plain Name Checks",
        itemReviewed={"@type": "Claim", "author": "Cy Moor"},
    )
    result = wb.import_claimreview([as_object, as_list, as_string])
    claimants = [wb.source(wb.claim(c).claimant) for c in result.claims]
    assert [(s.name, s.kind) for s in claimants] == [
        ("City Hall", "organisation"),
        ("Bo Lind", "person"),
        ("Cy Moor", "person"),
    ]
    assert any("$[1].itemReviewed.author: 2 authors" in n for n in result.notes)
    assert any("$[2].itemReviewed.author" in n and "person" in n for n in result.notes)
    assert "Plain Name Checks" in {wb.source(s).name for s in result.sources}
    exported = wb.export_claimreview(result.claims[0])["itemReviewed"]["author"]
    assert exported == {"@type": "Organization", "name": "City Hall"}


def test_import_an_older_creative_work_item(wb, example):
    (claim_id,) = wb.import_claimreview(example).claims
    item = wb.export_claimreview(claim_id)["itemReviewed"]
    assert item["@type"] == "Claim"
    (work,) = item["appearance"]
    assert work["@type"] == "CreativeWork"
    assert (work["name"], work["datePublished"]) == (example["itemReviewed"]["name"], "2023-03-09")
    assert work["author"]["jobTitle"] == "Mayor of Port Halden"  # "title" is not schema.org's
    assert item["author"]["name"] == "Marta Okonkwo"


def test_textual_ratings_through_a_rating_map(wb):
    doc = review(reviewRating=rating(alternateName="Zombie claim"))
    result = wb.import_claimreview(doc, rating_map={"zombie CLAIM": "false"})
    claim = wb.claim(result.claims[0])
    assert claim.verdict.rating == "false"
    assert "rating map" in claim.verdict.rationale


def test_textual_ratings_by_label_in_any_case(wb):
    result = wb.import_claimreview(review(reviewRating=rating(alternateName="Mostly True")))
    assert wb.claim(result.claims[0]).verdict.rating == "mostly-true"


def test_a_textual_rating_wins_over_a_numeric_one(wb):
    doc = review(reviewRating=rating(ratingValue=1, bestRating=5, alternateName="true"))
    assert wb.claim(wb.import_claimreview(doc).claims[0]).verdict.rating == "true"


def test_an_unknown_textual_rating_is_refused_not_read_by_its_number(wb):
    doc = review(reviewRating=rating(ratingValue=1, bestRating=6, alternateName="Zombie claim"))
    message = refused(wb, doc, "rating", match="'Zombie claim' (1 review(s)")
    assert "rating_map={'Zombie claim': 'false'}" in message  # what its number reads as
    assert "--rating-map 'Zombie claim=false'" in message


def test_numeric_fallback_reads_an_unknown_word_by_its_number(wb):
    doc = review(reviewRating=rating(ratingValue=1, bestRating=6, alternateName="Zombie claim"))
    result = wb.import_claimreview(doc, numeric_fallback=True)
    assert wb.claim(result.claims[0]).verdict.rating == "false"
    assert any("numeric_fallback" in n for n in result.notes)


@pytest.mark.parametrize(
    ("word", "scale", "expected"),
    [
        ("Falso", "default", "false"),
        ("Engañoso", "default", "misleading"),
        ("não é bem assim", "default", None),  # left out of the table on purpose
        ("Faux", "politifact", "false"),
        ("Falsch", "fever", "refutes"),
        ("Frei erfunden", "politifact", "pants-fire"),
        ("झूठ", "default", "false"),
        ("مضلل", "claimskg", "other"),
        ("錯誤", "default", "false"),
        ("Mostly False", "politifact", "barely-true"),
        ("Pants on Fire!", "default", "false"),
        ("Misleading", "politifact", None),  # politifact has no rating that says it
    ],
)
def test_textual_ratings_in_many_languages_through_the_table(tmp_path, word, scale, expected):
    with cl.open(tmp_path / "t.ledger", scale=scale) as wb:
        doc = review(reviewRating=rating(alternateName=word, ratingValue=1, bestRating=5))
        if expected is None:
            refused(wb, doc, "rating", match=repr(word))
            return
        result = wb.import_claimreview(doc)
        assert wb.claim(result.claims[0]).verdict.rating == expected
        if word not in ("Mostly False",):
            assert "rating table" in wb.claim(result.claims[0]).verdict.rationale


def test_the_rating_table_can_be_overridden_or_left_out(wb):
    doc = review(reviewRating=rating(alternateName="Engañoso"))
    result = wb.import_claimreview(doc, rating_map={"engañoso": "mostly-false"})
    assert wb.claim(result.claims[0]).verdict.rating == "mostly-false"
    other = review("Another claim.", reviewRating=rating(alternateName="Engañoso"))
    refused(wb, other, "rating", rating_table=False)


def test_a_word_and_a_number_that_disagree_are_reported_and_the_word_wins(wb):
    # "Falso" rated 4 of 1..6: the number alone would read as "mixed"
    doc = review(reviewRating=rating(alternateName="Falso", ratingValue=4, bestRating=6))
    result = wb.import_claimreview(doc)
    assert wb.claim(result.claims[0]).verdict.rating == "false"
    (line,) = result.disagreements
    assert "'Falso' reads as 'false'" in line
    assert "'mixed'" in line


def test_every_unknown_word_of_a_feed_is_named_at_once_with_counts(wb):
    words = ["Zombie claim", "Zombie claim", "Half-baked", "Zombie Claim", "true"]
    docs = [
        review(f"Claim {i}.", url=f"https://c.example/{i}", reviewRating=rating(alternateName=w))
        for i, w in enumerate(words)
    ]
    message = refused(wb, docs, "rating")
    assert "2 textual rating(s)" in message
    assert "'Zombie claim' (3 review(s), first at $[0].reviewRating.alternateName)" in message
    assert "'Half-baked' (1 review(s), first at $[2]" in message
    assert "4 of 5 reviews cannot be imported" in message
    with pytest.raises(cl.InvalidInputError) as caught:
        wb.import_claimreview(docs)
    assert caught.value.unknown_ratings == {"Zombie claim": 3, "Half-baked": 1}


def test_errors_skip_imports_the_good_reviews_and_lists_the_others(wb):
    docs = [
        review(),
        review("", url="https://c.example/empty"),
        review("Odd.", url="https://c.example/odd", reviewRating=rating(alternateName="Zombie")),
    ]
    result = wb.import_claimreview(docs, errors="skip")
    assert len(result.added) == 1
    assert [path for path, _ in result.skipped] == ["$[1]", "$[2]"]
    assert "claimReviewed" in result.skipped[0][1]
    assert "'Zombie'" in result.skipped[1][1]
    refused(wb, docs, "errors", errors="sometimes")


POLITIFACT = ["pants-fire", "false", "barely-true", "half-true", "mostly-true", "true"]
# 1..6 as truth scores 0, .2, .4, .6, .8, 1 onto the default scale (1, .75, .5, .25, 0)
DEFAULT = ["false", "mostly-false", "mixed", "mixed", "mostly-true", "true"]


@pytest.mark.parametrize("value", range(1, 7))
def test_numeric_six_point_ratings_onto_politifact(value, new_location):
    with cl.open(new_location("p.ledger"), scale="politifact") as wb:
        doc = review(reviewRating=rating(ratingValue=value, bestRating=6, worstRating=1))
        result = wb.import_claimreview(doc)
        assert wb.claim(result.claims[0]).verdict.rating == POLITIFACT[value - 1]
        assert not any("loses information" in n for n in result.notes)


@pytest.mark.parametrize("value", range(1, 7))
def test_numeric_six_point_ratings_onto_the_default_scale(wb, value):
    doc = review(reviewRating=rating(ratingValue=str(value), bestRating="6", worstRating="1"))
    result = wb.import_claimreview(doc)
    assert wb.claim(result.claims[0]).verdict.rating == DEFAULT[value - 1]
    lossy = [n for n in result.notes if "loses information" in n]
    if value in (1, 6):
        assert lossy == []
    else:  # truth scores .2 .4 .6 .8 have no equal on the default scale
        (note,) = lossy
        assert note.startswith("$.reviewRating.ratingValue")


def test_reimport_adds_nothing(wb, example_text, example):
    first = wb.import_claimreview(example_text)
    count = wb.event_count()
    again = wb.import_claimreview(example_text)
    assert wb.event_count() == count
    assert again.claims == first.claims
    assert again.snapshot == first.snapshot
    assert again.added == ()
    assert again.existing == first.claims
    # the same document parsed, whatever its key order: stored as canonical JSON, once
    parsed = wb.import_claimreview(example)
    count = wb.event_count()
    reordered = dict(reversed(list(copy.deepcopy(example).items())))
    assert wb.import_claimreview(reordered).snapshot == parsed.snapshot
    assert wb.event_count() == count


def test_reimport_after_a_new_verdict_says_so(wb):
    (claim_id,) = wb.import_claimreview(review()).claims
    wb.set_verdict(claim_id, "true", rationale="New evidence.")
    result = wb.import_claimreview(review())
    assert result.existing == (claim_id,)
    assert any("left unchanged" in n for n in result.notes)
    assert wb.claim(claim_id).verdict.rating == "true"


# --- bad input ------------------------------------------------------------------------------


def refused(wb, doc, error_id, *, match=None, **options):
    """Imports `doc`, expects InvalidInputError `error_id` and checks nothing was written."""
    count = wb.event_count()
    with pytest.raises(cl.InvalidInputError) as caught:
        wb.import_claimreview(doc, **options)
    assert caught.value.id == f"claimledger.claimreview.{error_id}"
    assert str(caught.value).startswith(f"[claimledger.claimreview.{error_id}]")
    if match:
        assert match in str(caught.value), str(caught.value)
    assert wb.event_count() == count
    return str(caught.value)


def test_invalid_json_is_refused_with_its_line_and_column(wb):
    message = refused(wb, '{"@type": "ClaimReview",\n  "claimReviewed": }', "json")
    assert "line 2 column" in message
    refused(wb, '{"ratingValue": NaN}', "json")
    refused(wb, b"\xff\xfe{}", "json", match="not UTF-8")


def test_json_ld_without_a_claim_review_is_refused(wb):
    message = refused(wb, {"@context": "https://schema.org", "@type": "NewsArticle"}, "no_review")
    assert "$ holds no ClaimReview" in message
    assert "NewsArticle" in message
    refused(wb, [], "no_review")
    refused(wb, {"@graph": [{"@type": "WebPage"}]}, "no_review", match="$['@graph'][0]")


def test_a_review_without_claim_text_is_refused_and_nothing_written(wb):
    bad = review(claimReviewed="   ")
    refused(
        wb,
        [review(), review("x", url="https://c.example/x"), bad],
        "no_claim_text",
        match="$[2].claimReviewed",
    )
    no_text = review()
    del no_text["claimReviewed"]
    refused(wb, no_text, "no_claim_text", match="$.claimReviewed")
    assert wb.claims() == []


def test_a_rating_that_cannot_be_mapped_is_refused(wb):
    docs = [
        review(),
        review("x", url="https://c.example/x"),
        review("y", url="https://c.example/y", reviewRating=rating(alternateName="Zombie claim")),
    ]
    message = refused(wb, docs, "rating", match="$[2].reviewRating.alternateName")
    assert "Zombie claim" in message
    assert "rating_map" in message
    refused(wb, review(reviewRating=rating()), "rating", match="$.reviewRating has neither")
    no_rating = review()
    del no_rating["reviewRating"]
    refused(wb, no_rating, "rating", match="$.reviewRating is missing")
    refused(
        wb,
        review(reviewRating=rating(ratingValue=7, bestRating=6, worstRating=1)),
        "rating",
        match="$.reviewRating.ratingValue",
    )
    refused(
        wb,
        review(reviewRating=rating(ratingValue="four")),
        "rating",
        match="$.reviewRating.ratingValue",
    )
    assert wb.sources() == []
    assert wb.snapshots() == []


def test_a_bad_rating_map_is_refused(wb):
    doc = review(reviewRating=rating(alternateName="Zombie claim"))
    refused(wb, doc, "rating_map", rating_map={"Zombie claim": "very-false"}, match="very-false")
    refused(wb, doc, "rating_map", rating_map=["false"])


def test_text_that_is_not_utf8_is_refused_with_its_path(wb):
    doc = (
        '{"@type": "ClaimReview", "claimReviewed": "bad \\ud800 text", "reviewRating": '
        '{"alternateName": "true"}}'
    )
    refused(wb, doc, "utf8", match="$.claimReviewed")


def test_a_lone_surrogate_in_parsed_data_or_text_is_refused_as_invalid_text(wb):
    """UnicodeEncodeError is a ValueError: it must not be reported as invalid JSON."""
    refused(wb, review("bad \ud800 text"), "utf8", match="invalid text")
    refused(wb, json.dumps(review()) + "\ud800", "utf8", match="not valid text")


def test_other_input_types_are_refused(wb):
    refused(wb, 42, "input")
    refused(wb, {"x": {1, 2}}, "json")


# --- the command line -----------------------------------------------------------------------


def run(capsys, *argv):
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


def test_cli_export_json_array_and_json_lines(desk, location, tmp_path, capsys, new_location):
    desk.wb.set_status(desk.troops, "published")
    expected = desk.wb.export_claimreviews()
    desk.wb.close()
    out_file = tmp_path / "reviews.json"
    status, _, err = run(capsys, "export", location, "--format", "claimreview", "-o", out_file)
    assert status == 0, err
    assert json.loads(out_file.read_text(encoding="utf-8")) == expected
    status, out, err = run(
        capsys, "export", location, "--format", "claimreview", "--jsonl", "--status", "all"
    )
    assert status == 0, err
    lines = out.splitlines()
    assert [json.loads(line)["claimReviewed"] for line in lines] == [expected[0]["claimReviewed"]]
    status, out, err = run(
        capsys,
        "export",
        location,
        "--format",
        "claimreview",
        "--org-name",
        "Meridian Desk",
        "--review-url",
        "https://desk.example/{claim}",
    )
    (only,) = json.loads(out)
    assert only["author"]["name"] == "Meridian Desk"
    assert only["url"] == f"https://desk.example/{desk.troops}"
    # what export writes, import reads back: the JSON array and JSON Lines
    lines = tmp_path / "reviews.jsonl"
    run(capsys, "export", location, "--format", "claimreview", "--jsonl", "-o", lines)
    for written in (out_file, lines):
        fresh = new_location(f"{written.suffix[1:]}.ledger")
        status, out, err = run(capsys, "import", fresh, written, "--format", "claimreview")
        assert status == 0, err
        assert "1 claim(s) imported" in out, err
        with cl.open(fresh) as wb:
            assert_same_review(expected[0], wb.export_claimreview(wb.claims()[0]))


def test_cli_import_claimreview(repo, capsys, new_location):
    ledger = new_location("imported.ledger")
    example = repo / "tests" / "data" / "claimreview_example.json"
    status, out, err = run(
        capsys, "import", ledger, example, "--format", "claimreview", "--scale", "politifact"
    )
    assert status == 0, err
    assert "1 claim(s) imported" in out
    status, out, err = run(capsys, "import", ledger, example, "--format", "claimreview")
    assert status == 0
    assert "0 claim(s) imported, 1 already there" in out
    with cl.open(ledger) as wb:
        (claim,) = wb.claims()
        assert wb.scale == "politifact"
        assert claim.verdict.rating == "pants-fire"


def test_cli_import_with_a_rating_map(tmp_path, capsys, new_location):
    source = tmp_path / "in.json"
    source.write_text(json.dumps([review(reviewRating=rating(alternateName="Zombie claim"))]))
    ledger = new_location("m.ledger")
    status, _, err = run(
        capsys,
        "import",
        ledger,
        source,
        "--format",
        "claimreview",
        "--json",
        "--rating-map",
        "Zombie claim=false",
    )
    assert status == 0, err
    with cl.open(ledger) as wb:
        assert wb.claims()[0].verdict.rating == "false"


def test_cli_import_error_is_one_line_and_leaves_no_ledger(tmp_path, capsys, new_location):
    source = tmp_path / "bad.json"
    source.write_text(json.dumps([review(), review(claimReviewed="")]))
    ledger = new_location("new.ledger")
    status, _out, err = run(capsys, "import", ledger, source, "--format", "claimreview")
    assert status == 1
    assert err.strip().splitlines() == [err.strip()]
    assert err.startswith("claimledger: [claimledger.claimreview.no_claim_text] 1 of 2 reviews")
    assert "$[1].claimReviewed" in err
    assert not ledger_exists(ledger)


def test_the_readme_shows_the_rating_table_as_shipped(repo):
    from claimledger.interop.claimreview import MEANINGS, WORDS

    readme = (repo / "README.md").read_text(encoding="utf-8")
    for meaning, row in MEANINGS.items():
        cells = [row[k] or "—" for k in ("default", "politifact", "fever", "claimskg")]
        assert f"| {meaning} | " + " | ".join(cells) + " |" in readme, meaning
    assert set(WORDS) == {"en", "es", "pt", "fr", "de", "hi", "ar", "zh"}
    for words in WORDS.values():
        assert set(words.values()) <= set(MEANINGS)
