"""Text in the scripts the ClaimReview corpus brings: full-text search, "checked before?" and
the near-duplicate warning in Spanish, Portuguese, Hindi, Arabic, Chinese and Japanese on both
stores, and the candidates' sentences in each. Chinese and Japanese write no spaces between
words: their characters are searched side by side, and two side by side are a word of
"checked before?" (text/words.h). The texts are ours."""

from __future__ import annotations

import claimledger as cl
import pytest
from conftest import REPO

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
    # "China's population fell by 850,000 in 2022, the statistics bureau said."
    "zh": (
        "中国的人口在2022年减少了85万人，国家统计局称。",
        "国家统计局称，2022年中国人口减少了85万人",
        "人口 统计局",  # words inside runs of characters
    ),
    # "Tokyo's consumer prices rose 3.2% in 2023, the ministry announced."
    "ja": (
        "東京の消費者物価は2023年に3.2%上昇したと総務省が発表した。",
        "総務省の発表によると、2023年に東京の消費者物価は3.2%上昇した",
        "消費者物価 総務省",
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


# "Seoul, 21 October 2024. The general said that the United States stations about 28,500
# soldiers in South Korea. Defence spending grew 4.2% last year."
ARTICLE = "首尔，2024年10月21日。将军表示，美国在韩国驻扎约28500名士兵。去年国防开支增长了4.2%。"
TROOPS = "美国在韩国驻扎约28500名士兵。"


def _found(wb, query: str) -> list[str]:
    return [hit.claim.text for hit in wb.search(query)]


def test_chinese_is_searched_by_the_characters_side_by_side(wb):
    troops = wb.add_claim(TROOPS, context="停战纪念日的采访")  # "an armistice-day interview"
    wb.add_claim("去年国防开支增长了4.2%。")
    article = wb.add_snapshot(ARTICLE, url="https://wire.example/zh")
    # Two characters of a run, a number between characters, a word of the context.
    assert _found(wb, "士兵") == [TROOPS]
    assert _found(wb, "28500") == [TROOPS]
    [hit] = wb.search("纪念日")
    assert hit.claim.id == troops.id
    assert "[纪念日]" in hit.snippet
    assert "\u200b" not in hit.snippet  # snippets show the text as written
    assert wb.search("士兵")[0].snippet == "美国在韩国驻扎约28500名[士兵]…"
    # The characters must stand side by side, in order.
    assert _found(wb, "韩国士兵") == []
    assert _found(wb, "兵士") == []
    [document] = wb.search_snapshots("国防开支")
    assert document.snapshot.hash == article.hash
    assert "[国防开支]" in document.snippet
    assert wb.verify().ok


def test_a_chinese_claim_reworded_is_checked_before_and_an_unrelated_one_is_not(wb):
    troops = wb.add_claim(TROOPS, verdict={"rating": "mostly-true", "rationale": "r"})
    wb.add_claims([{"text": f"The harvest grew {i} percent in district {i}"} for i in range(50)])
    # The same figure with other characters around it: found first, and warned about.
    reworded = "美国在韩国驻扎了约28500名士兵"
    [first, *_] = wb.similar(reworded, k=3)
    assert first.claim.id == troops.id
    assert first.score >= cl.NEAR_DUPLICATE
    with pytest.warns(cl.NearDuplicateWarning, match=troops.id):
        wb.add_claim(reworded)
    # "Tokyo's prices rose 3% last year" shares no word with it.
    assert all(h.score < cl.NEAR_DUPLICATE for h in wb.similar("东京的物价去年上涨了3%。"))


def test_a_corrected_chinese_claim_is_found_by_its_new_characters(wb):
    claim = wb.add_claim(TROOPS)
    wb.correct_claim(claim.id, text="美国在韩国驻扎约28500名军人。", reason="用词")
    assert [h.claim.id for h in wb.search("军人")] == [claim.id]
    assert [h.claim.id for h in wb.search("士兵")] == []
    assert wb.verify().ok


def test_published_chinese_fact_checks_are_found_by_words_and_rewordings(wb):
    """Two reviews of Taiwan FactCheck Center as published (tests/data/claimreview/)."""
    corpus = REPO / "tests" / "data" / "claimreview"
    [sanctions] = wb.import_claimreview(corpus / "tfc-taiwan-zh.html").claims
    [illness] = wb.import_claimreview(corpus / "tfc-taiwan-unproven-zh.html").claims
    wb.add_claims([{"text": f"The harvest grew {i} percent in district {i}"} for i in range(50)])
    assert [h.claim.id for h in wb.search("俄羅斯石油")] == [sanctions]
    assert [h.claim.id for h in wb.search("癌症 肝臟")] == [illness]
    # Retold in fewer words, in another order.
    [first, *_] = wb.similar("美國私下大買俄羅斯石油，轉手賣給他國賺差價", k=3)
    assert first.claim.id == sanctions
    assert first.score >= cl.NEAR_DUPLICATE
    [first, *_] = wb.similar("安倍晉三的癌症已經轉移到肝臟", k=3)
    assert first.claim.id == illness
