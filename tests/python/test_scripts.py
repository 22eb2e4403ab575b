"""Text in the scripts the ClaimReview corpus brings: full-text search, "checked before?" and
the near-duplicate warning in Spanish, Portuguese, Hindi and Arabic on both stores, and the
candidates' sentences in those and Chinese. (Chinese writes no spaces between words, which
search and similar() do not yet segment.)"""

from __future__ import annotations

import claimledger as cl
import pytest

# language: (a claim, the claim reworded or reordered, a search query of two of its words)
CLAIMS = {
    "es": (
        "El desempleo en España bajó al 12 por ciento en 2023, según el Gobierno.",
        "Según el Gobierno, el desempleo en España bajó al 12 por ciento en 2023",
        "desempleo ESPANA",  # case and accents are ignored
    ),
    "pt": (
        "O governo brasileiro cortou 30% do orçamento da educação em 2019.",
        "Em 2019 o governo brasileiro cortou 30% do orçamento da educação",
        "orçamento educacao",
    ),
    "hi": (
        "भारत में 2021 में टीकाकरण की दर 60 प्रतिशत थी।",
        "2021 में भारत में टीकाकरण की दर 60 प्रतिशत थी",
        "भारत टीकाकरण",
    ),
    "ar": (
        "ارتفع معدل البطالة في مصر إلى 10 بالمئة في عام 2020.",
        "في عام 2020 ارتفع معدل البطالة في مصر إلى 10 بالمئة",
        "البطالة مصر",
    ),
}


@pytest.fixture
def desk(wb):
    """The claims above, each with a verdict, among unrelated ones (on each store: `wb`)."""
    ids = {}
    for language, (claim, _, _) in CLAIMS.items():
        ids[language] = wb.add_claim(claim, verdict={"rating": "false", "rationale": "r"}).id
    wb.add_claims([{"text": f"The harvest grew {i} percent in district {i}"} for i in range(50)])
    return wb, ids


@pytest.mark.parametrize("language", list(CLAIMS))
def test_search_similar_and_near_duplicates(desk, language):
    wb, ids = desk
    _claim, reworded, query = CLAIMS[language]
    assert [h.claim.id for h in wb.search(query)] == [ids[language]]
    hits = wb.similar(reworded, k=3)
    assert hits[0].claim.id == ids[language]
    assert hits[0].score >= cl.workbench.NEAR_DUPLICATE
    assert all(h.score < 0.3 for h in hits[1:])
    with pytest.warns(cl.NearDuplicateWarning, match=ids[language]):
        wb.add_claim(reworded)


SENTENCES = {
    "es": "¿Bajó el desempleo? El paro cayó al 12% en 2023.",
    "pt": "O governo cortou 30% do orçamento da educação em 2019. Ótimo.",
    "hi": "भारत में 2021 में टीकाकरण की दर 60 प्रतिशत थी। यह सच है।",
    "ar": "هل ارتفع معدل البطالة؟ ارتفع إلى 10 بالمئة في عام 2020.",
    "zh": "中国的人口在2022年减少了85万人。这是真的吗\uff1f",  # a full-width question mark
}


@pytest.mark.parametrize("language", list(SENTENCES))
def test_candidates_split_every_script(wb, language):
    text = SENTENCES[language]
    found = sorted(wb.candidates(wb.add_snapshot(text)), key=lambda c: c.start)
    assert len(found) == 2
    assert text[found[0].start : found[0].end] == found[0].text
    assert found[1].end == len(text)
    # The sentence with the number and the year holds them as quantities (not yet in Chinese,
    # where digits run into the characters around them: "2022年", "85万").
    numbers = next(c for c in found if any(ch.isdigit() for ch in c.text))
    assert bool(numbers.quantities) == (language != "zh")
