"""Real ClaimReview markup (tests/data/claimreview/, origins in its SOURCES): every document
imports, or is refused naming every problem at once and then imports with the rating_map
the error gives; its export validates against the schema.org vocabulary (the types and
properties used exist, with allowed value types: tests/data/schemaorg/) and against
Google's ClaimReview requirements; the export imports again as the same reviews."""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
import urllib.parse
from pathlib import Path

import claimledger as cl
import pytest

DATA = Path(__file__).resolve().parents[1] / "data"
CORPUS = sorted(p for p in (DATA / "claimreview").iterdir() if p.name != "SOURCES")
VOCABULARY = json.loads((DATA / "schemaorg" / "vocabulary.json").read_text(encoding="utf-8"))

# file -> the ratings on the default scale, or the unknown textual rating it is refused for
EXPECTED = {
    "20minutes-fr.html": "really_false",
    "afp-checamos-pt.html": ["false"],
    "afp-factcheck-en.html": ["misleading"],
    "afp-factual-es.html": ["misleading"],
    "afp-factuel-fr.html": ["false"],
    "afp-faktencheck-de.html": ["false"],
    "afp-hindi-hi.html": "ये तस्वीर अफ्रीका में ग़ुलामों के खरीद-फ़रोख़्त करने वाले की है",
    "africa-check-en.html": ["false"],
    "africa-check-old-en.html": ["false"],
    "aos-fatos-pt.html": "não_é_bem_assim",
    "boom-live-en.html": ["false"],
    "boom-live-hi.html": ["misleading"],
    "cite-factcheck-en.html": None,  # a sentence: refused
    "comprova-pt.html": None,
    "datacommons-feed-item-de.json": None,
    "efe-verifica-es.html": ["false"],
    "estadao-verifica-pt.html": ["false"],
    "fatabyyano-ar.html": ["false"],
    "india-today-en.html": ["mostly-false"],
    "lupa-pt.html": ["false"],
    "newschecker-en.html": ["false"],
    "newtral-api-list-es.json": ["false"] + ["misleading"] * 3 + ["false", "misleading"],
    "newtral-es.html": ["false"],
    "tfc-taiwan-unproven-zh.html": ["unproven"],
    "tfc-taiwan-zh.html": ["false"],
    "the-quint-en.html": ["false"],
    "uol-confere-pt.html": ["false"],
    "vishvas-news-hi.html": ["false"],
}


def test_every_corpus_file_has_an_expectation():
    assert sorted(EXPECTED) == [p.name for p in CORPUS]


@pytest.mark.parametrize("path", CORPUS, ids=[p.name for p in CORPUS])
def test_real_markup_imports_exports_validly_and_imports_again(tmp_path, path):
    expected = EXPECTED[path.name]
    rating_map = None
    with cl.open(tmp_path / "a.ledger") as wb:
        if not isinstance(expected, list):
            with pytest.raises(cl.InvalidInputError) as caught:
                wb.import_claimreview(path)
            assert caught.value.id == "claimledger.claimreview.rating"
            assert wb.claims() == []
            unknown = caught.value.unknown_ratings
            if expected is not None:
                assert [unicodedata.normalize("NFC", w) for w in unknown] == [
                    unicodedata.normalize("NFC", expected)
                ]
            assert "rating_map=" in str(caught.value)
            rating_map = dict.fromkeys(unknown, "false")
        result = wb.import_claimreview(path, rating_map=rating_map)
        ratings = [wb.claim(c).verdict.rating for c in result.claims]
        if isinstance(expected, list):
            assert ratings[: len(expected)] == expected
        for claim_id in result.claims:
            claim = wb.claim(claim_id)
            assert claim.status == "published-elsewhere"
            assert claim.provenance["claimreview"] == result.snapshot
        notes: list[str] = []
        exported = wb.export_claimreviews(status="published-elsewhere", notes=notes)
        assert len(exported) == len(set(result.claims))
        for review in exported:
            assert_valid_schema_org(review)
            assert_google_requirements(review)
    with cl.open(tmp_path / "b.ledger") as again:
        second = again.import_claimreview(exported, rating_map=rating_map)
        assert [again.claim(c).verdict.rating for c in second.claims] == ratings
        for before, after in zip(exported, again.export_claimreviews(status=None)):
            for key in ("datePublished", "claimReviewed", "reviewRating", "author"):
                assert before.get(key) == after.get(key), key
            if not before["url"].startswith("urn:"):  # a review without a URL of its own
                assert before["url"] == after["url"]
            assert before["itemReviewed"].get("appearance") == after["itemReviewed"].get(
                "appearance"
            )


def test_the_corpus_is_varied():
    names = [p.name for p in CORPUS]
    languages = {re.search(r"-([a-z]{2})\.", n).group(1) for n in names}
    assert {"en", "es", "pt", "fr", "de", "hi", "ar", "zh"} <= languages
    assert any(n.endswith(".json") for n in names)
    assert any(n.endswith(".html") for n in names)


# --- the schema.org vocabulary ------------------------------------------------------------------

TYPES: dict[str, list[str]] = VOCABULARY["types"]
PROPERTIES: dict[str, list[list[str]]] = VOCABULARY["properties"]
DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
DATETIME = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})?"
)


def ancestors(name: str) -> set[str]:
    seen, stack = {name}, [name]
    while stack:
        for parent in TYPES.get(stack.pop(), []):
            if parent not in seen:
                seen.add(parent)
                stack.append(parent)
    return seen


def is_absolute_url(text: str) -> bool:
    parts = urllib.parse.urlsplit(text)
    return (
        parts.scheme in ("http", "https", "urn")
        and (bool(parts.netloc) or parts.scheme == "urn")
        and not any(c.isspace() for c in text)
    )


def text_fits(text: str, ranges: list[str]) -> bool:
    """A text value fits a range of Text, or of URL / Date / DateTime when it is one."""
    if "Text" in ranges:
        return True
    if "URL" in ranges and is_absolute_url(text):
        return True
    if "Date" in ranges and DATE.fullmatch(text):
        return dt.date.fromisoformat(text) is not None
    return "DateTime" in ranges and bool(DATETIME.fullmatch(text))


def assert_valid_schema_org(node, path="$"):
    """Every @type exists, every property exists on it, every value is of a type the
    property allows (schema.org vocabulary, release 30.0)."""
    if isinstance(node, list):
        for i, item in enumerate(node):
            assert_valid_schema_org(item, f"{path}[{i}]")
        return
    assert isinstance(node, dict), path
    kind = node.get("@type")
    assert kind in TYPES, f"{path}: @type {kind!r} is not a schema.org type"
    own = ancestors(kind)
    for key, value in node.items():
        if key in ("@type", "@context"):
            if key == "@context":
                assert value == "https://schema.org", path
            continue
        where = f"{path}.{key}"
        assert key in PROPERTIES, f"{where}: no such schema.org property"
        domains, ranges = PROPERTIES[key]
        assert own & set(domains), f"{where}: not a property of {kind}"
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict):
                assert ancestors(item.get("@type", "")) & set(ranges), (
                    f"{where}: {item.get('@type')} not in {ranges}"
                )
                assert_valid_schema_org(item, where)
            elif isinstance(item, bool):
                assert "Boolean" in ranges, where
            elif isinstance(item, (int, float)):
                assert {"Number", "Integer", "Float", "Text"} & set(ranges), where
            else:
                assert isinstance(item, str), where
                assert text_fits(item, ranges), f"{where}: {item!r} does not fit {ranges}"
                if "URL" in ranges and "Text" not in ranges:
                    assert is_absolute_url(item), where


def assert_google_requirements(review):
    """Google's ClaimReview requirements: claimReviewed, reviewRating with an alternateName,
    url; a numeric rating with all of ratingValue, bestRating and worstRating, worstRating at
    least 1 and below bestRating, ratingValue between them; author and the Claim's author a
    Person or Organization with a name; dates ISO 8601."""
    assert isinstance(review["claimReviewed"], str)
    assert review["claimReviewed"].strip()
    assert is_absolute_url(review["url"])
    rating = review["reviewRating"]
    assert rating["@type"] == "Rating"
    assert isinstance(rating["alternateName"], str)
    assert rating["alternateName"].strip()
    numbers = [rating.get(k) for k in ("ratingValue", "bestRating", "worstRating")]
    if any(n is not None for n in numbers):
        value, best, worst = numbers
        assert all(isinstance(n, (int, float)) for n in numbers), rating
        assert 1 <= worst < best, rating
        assert worst <= value <= best, rating
    for party in (review.get("author"), review.get("itemReviewed", {}).get("author")):
        if party is not None:
            assert party["@type"] in ("Person", "Organization") or "Organization" in ancestors(
                party["@type"]
            )
            assert party.get("name"), party
    if "datePublished" in review:
        assert DATE.fullmatch(review["datePublished"])
    assert review["itemReviewed"]["@type"] == "Claim"


@pytest.mark.parametrize("scale", ["default", "politifact", "fever", "claimskg"])
def test_the_desks_own_reviews_validate_on_every_scale(tmp_path, scale):
    with cl.open(tmp_path / "s.ledger", scale=scale) as wb:
        who = wb.add_source("Ada Brook", kind="person", attributes={"sameAs": "https://a.example/"})
        snap = wb.add_snapshot("Ada said the bridge opened in 1931.", url="https://news.example/a",
                               title="Bridge", published="2024-05-01")  # fmt: skip
        words = ["harbour", "tolls", "bridge", "ferry", "tunnel", "canal", "pier"]
        wb.add_claims(
            [
                {"text": f"The {w} cost more.", "claimant": who.id, "verdict": r["label"]}
                for w, r in zip(words, wb.scale_definition["ratings"])
            ]
        )
        claim = wb.add_claim("the bridge opened in 1931", appears_in=snap.hash, claimant=who.id)
        wb.set_verdict(claim.id, wb.scale_definition["ratings"][0]["label"], rationale="Checked.")
        for review in wb.export_claimreviews(
            status=None, review_url="https://desk.example/{claim}"
        ):
            assert_valid_schema_org(review)
            assert_google_requirements(review)
            assert review["reviewBody"]
