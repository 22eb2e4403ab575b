"""claimledger's table of the textual ratings fact-checkers publish, and what each means on
the built-in scales. Written for claimledger (not copied from any publisher's list), read by
:mod:`.ratings` when a ClaimReview's ``alternateName`` is not a label of the desk's scale.

Two tables:

- :data:`MEANINGS`: a meaning (a word of its own, such as ``"mostly-false"``) and the rating
  it is on each built-in scale, or None where that scale has no rating that says it (a
  "misleading" on the politifact scale): a word of that meaning is then refused there, and the
  error asks for a ``rating_map`` entry instead of guessing.
- :data:`WORDS`: per language (BCP 47), the words and phrases that fact-checkers publish, each
  with its meaning. Only words whose meaning is plain are listed: a word whose meaning depends
  on the publisher ("exagerado", "impreciso", "não é bem assim", "needs context") is left out
  on purpose, so that it is refused and mapped by the desk rather than read wrongly.

Words are matched as :func:`word_key` writes them (Unicode NFKC, case folded, ``-`` and ``_``
read as spaces, runs of spaces as one, outer punctuation and spaces trimmed), so each is
written here once, in lower case. A desk's own ``rating_map`` wins over this table, and
``rating_table=False`` leaves it out altogether.
"""

from __future__ import annotations

import re
import unicodedata
from types import MappingProxyType
from typing import Optional

__all__ = ["MEANINGS", "WORDS", "meaning_of", "word_key"]

_SPACES = re.compile("[\\s_\\-\u2010\u2011\u2013\u2014]+")  # spaces, _ and dashes
# Outer punctuation: quotes, brackets, stops, colons, exclamation and question marks.
_OUTER = (
    " \t\r\n.,;:!?\u00a1\u00bf\"'\u201c\u201d\u2018\u2019\u00ab\u00bb()[]{}*\u2026"
    "\u3002\uff0c\uff1a\uff01\uff1f\u3001"  # the CJK stops, commas, colons, marks
)


def word_key(text: str) -> str:
    """A textual rating as the tables match it: NFKC, case folded, ``-``/``_`` and runs of
    white space as one space, outer punctuation trimmed ("Pants on Fire!" -> "pants on fire")."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return _SPACES.sub(" ", folded).strip(_OUTER).strip()


_Row = dict[str, Optional[str]]


def _row(default: Optional[str], politifact: Optional[str], fever: Optional[str],
         claimskg: Optional[str]) -> _Row:  # fmt: skip
    return {"default": default, "politifact": politifact, "fever": fever, "claimskg": claimskg}


#: meaning -> {built-in scale: its rating of that meaning, or None}
MEANINGS = MappingProxyType(
    {
        "true": _row("true", "true", "supports", "true"),
        "mostly-true": _row("mostly-true", "mostly-true", None, "mixture"),
        "half-true": _row("mixed", "half-true", None, "mixture"),
        "mostly-false": _row("mostly-false", "barely-true", None, "mixture"),
        "false": _row("false", "false", "refutes", "false"),
        "pants-on-fire": _row("false", "pants-fire", "refutes", "false"),
        "misleading": _row("misleading", None, None, "other"),
        "unproven": _row("unproven", None, "not-enough-info", "other"),
        "satire": _row(None, None, None, "other"),
    }
)

_EN = {
    "true": "true",
    "correct": "true",
    "accurate": "true",
    "geppetto checkmark": "true",
    "mostly true": "mostly-true",
    "mostly correct": "mostly-true",
    "mostly accurate": "mostly-true",
    "largely true": "mostly-true",
    "largely accurate": "mostly-true",
    "one pinocchio": "mostly-true",
    "half true": "half-true",
    "half truth": "half-true",
    "mixture": "half-true",
    "mixed": "half-true",
    "partly true": "half-true",
    "partly false": "half-true",
    "partially true": "half-true",
    "partially false": "half-true",
    "two pinocchios": "half-true",
    "mostly false": "mostly-false",
    "largely false": "mostly-false",
    "mostly incorrect": "mostly-false",
    "barely true": "mostly-false",
    "three pinocchios": "mostly-false",
    "false": "false",
    "incorrect": "false",
    "wrong": "false",
    "not true": "false",
    "fake": "false",
    "fake news": "false",
    "fabricated": "false",
    "hoax": "false",
    "altered": "false",
    "altered photo": "false",
    "altered video": "false",
    "doctored": "false",
    "four pinocchios": "false",
    "pants on fire": "pants-on-fire",
    "misleading": "misleading",
    "missing context": "misleading",
    "lacks context": "misleading",
    "out of context": "misleading",
    "false context": "misleading",
    "miscaptioned": "misleading",
    "cherry picks": "misleading",
    "unproven": "unproven",
    "unverified": "unproven",
    "unverifiable": "unproven",
    "unsupported": "unproven",
    "unsubstantiated": "unproven",
    "no evidence": "unproven",
    "insufficient evidence": "unproven",
    "not enough evidence": "unproven",
    "satire": "satire",
    "labeled satire": "satire",
}

_ES = {
    "verdadero": "true",
    "cierto": "true",
    "correcto": "true",
    "verdad": "true",
    "mayormente verdadero": "mostly-true",
    "mayormente cierto": "mostly-true",
    "casi verdadero": "mostly-true",
    "en su mayoría verdadero": "mostly-true",
    "verdad a medias": "half-true",
    "medio verdadero": "half-true",
    "parcialmente verdadero": "half-true",
    "parcialmente cierto": "half-true",
    "parcialmente falso": "half-true",
    "mayormente falso": "mostly-false",
    "casi falso": "mostly-false",
    "en su mayoría falso": "mostly-false",
    "falso": "false",
    "falsa": "false",
    "bulo": "false",
    "montaje": "false",
    "manipulado": "false",
    "engañoso": "misleading",
    "engañosa": "misleading",
    "sacado de contexto": "misleading",
    "fuera de contexto": "misleading",
    "falta contexto": "misleading",
    "sin contexto": "misleading",
    "sin evidencia": "unproven",
    "sin pruebas": "unproven",
    "no hay pruebas": "unproven",
    "inverificable": "unproven",
    "no verificable": "unproven",
    "sátira": "satire",
}

_PT = {
    "verdadeiro": "true",
    "verdade": "true",
    "correto": "true",
    "verdadeiro, mas": "mostly-true",
    "verdadeiro mas": "mostly-true",
    "em grande parte verdadeiro": "mostly-true",
    "maioritariamente verdadeiro": "mostly-true",
    "meia verdade": "half-true",
    "meio verdadeiro": "half-true",
    "parcialmente verdadeiro": "half-true",
    "parcialmente falso": "half-true",
    "em grande parte falso": "mostly-false",
    "maioritariamente falso": "mostly-false",
    "falso": "false",
    "falsa": "false",
    "fake": "false",
    "montagem": "false",
    "pimenta na língua": "pants-on-fire",
    "enganoso": "misleading",
    "enganosa": "misleading",
    "enganador": "misleading",
    "fora de contexto": "misleading",
    "descontextualizado": "misleading",
    "distorcido": "misleading",
    "sem contexto": "misleading",
    "insustentável": "unproven",
    "sem provas": "unproven",
    "sem evidências": "unproven",
    "não comprovado": "unproven",
    "sátira": "satire",
}

_FR = {
    "vrai": "true",
    "exact": "true",
    "correct": "true",
    "plutôt vrai": "mostly-true",
    "globalement vrai": "mostly-true",
    "en grande partie vrai": "mostly-true",
    "à moitié vrai": "half-true",
    "en partie vrai": "half-true",
    "partiellement vrai": "half-true",
    "en partie faux": "half-true",
    "partiellement faux": "half-true",
    "plutôt faux": "mostly-false",
    "globalement faux": "mostly-false",
    "en grande partie faux": "mostly-false",
    "faux": "false",
    "fausse": "false",
    "fake": "false",
    "intox": "false",
    "infox": "false",
    "montage": "false",
    "photo truquée": "false",
    "trompeur": "misleading",
    "trompeuse": "misleading",
    "hors contexte": "misleading",
    "sorti de son contexte": "misleading",
    "manque de contexte": "misleading",
    "contexte manquant": "misleading",
    "infondé": "unproven",
    "invérifiable": "unproven",
    "non prouvé": "unproven",
    "satire": "satire",
    "satirique": "satire",
}

_DE = {
    "wahr": "true",
    "richtig": "true",
    "stimmt": "true",
    "größtenteils richtig": "mostly-true",
    "größtenteils wahr": "mostly-true",
    "überwiegend richtig": "mostly-true",
    "weitgehend richtig": "mostly-true",
    "halb wahr": "half-true",
    "teilweise richtig": "half-true",
    "teilweise wahr": "half-true",
    "teilweise falsch": "half-true",
    "größtenteils falsch": "mostly-false",
    "überwiegend falsch": "mostly-false",
    "falsch": "false",
    "stimmt nicht": "false",
    "fake": "false",
    "manipuliert": "false",
    "frei erfunden": "pants-on-fire",
    "irreführend": "misleading",
    "fehlender kontext": "misleading",
    "falscher kontext": "misleading",
    "aus dem kontext gerissen": "misleading",
    "unbelegt": "unproven",
    "nicht belegt": "unproven",
    "unbewiesen": "unproven",
    "satire": "satire",
}

_HI = {
    "सच": "true",
    "सही": "true",
    "सत्य": "true",
    "ज़्यादातर सच": "mostly-true",
    "ज्यादातर सच": "mostly-true",
    "अधिकतर सच": "mostly-true",
    "आधा सच": "half-true",
    "आंशिक रूप से सच": "half-true",
    "आंशिक रूप से सही": "half-true",
    "आंशिक रूप से गलत": "half-true",
    "ज़्यादातर झूठ": "mostly-false",
    "ज्यादातर झूठ": "mostly-false",
    "अधिकतर गलत": "mostly-false",
    "झूठ": "false",
    "गलत": "false",
    "ग़लत": "false",
    "फर्जी": "false",
    "फ़र्ज़ी": "false",
    "भ्रामक": "misleading",
    "गुमराह करने वाला": "misleading",
    "अपुष्ट": "unproven",
    "व्यंग्य": "satire",
}

_AR = {
    "صحيح": "true",
    "حقيقي": "true",
    "صحيح في معظمه": "mostly-true",
    "صحيح غالبا": "mostly-true",
    "نصف صحيح": "half-true",
    "صحيح جزئيا": "half-true",
    "صحيح جزئياً": "half-true",
    "خطأ جزئيا": "half-true",
    "خطأ جزئياً": "half-true",
    "خاطئ في معظمه": "mostly-false",
    "خطأ": "false",
    "خاطئ": "false",
    "كاذب": "false",
    "زائف": "false",
    "مفبرك": "false",
    "ملفق": "false",
    "مضلل": "misleading",
    "عنوان مضلل": "misleading",
    "خارج السياق": "misleading",
    "غير مؤكد": "unproven",
    "بلا دليل": "unproven",
    "ساخر": "satire",
}

_ZH = {
    "正确": "true",
    "正確": "true",
    "真实": "true",
    "真實": "true",
    "大部分正确": "mostly-true",
    "大部分正確": "mostly-true",
    "大致正确": "mostly-true",
    "大致正確": "mostly-true",
    "部分正确": "half-true",
    "部分正確": "half-true",
    "部分错误": "half-true",
    "部分錯誤": "half-true",
    "大部分错误": "mostly-false",
    "大部分錯誤": "mostly-false",
    "错误": "false",
    "錯誤": "false",
    "虚假": "false",
    "虛假": "false",
    "谣言": "false",
    "謠言": "false",
    "误导": "misleading",
    "誤導": "misleading",
    "易生误解": "misleading",
    "易生誤解": "misleading",
    "缺乏背景": "misleading",
    "缺乏脈絡": "misleading",
    "证据不足": "unproven",
    "證據不足": "unproven",
    "无法证实": "unproven",
    "無法證實": "unproven",
    "讽刺": "satire",
    "諷刺": "satire",
}

#: language -> {word (as word_key writes it): meaning}
WORDS = MappingProxyType(
    {
        "en": MappingProxyType(_EN),
        "es": MappingProxyType(_ES),
        "pt": MappingProxyType(_PT),
        "fr": MappingProxyType(_FR),
        "de": MappingProxyType(_DE),
        "hi": MappingProxyType(_HI),
        "ar": MappingProxyType(_AR),
        "zh": MappingProxyType(_ZH),
    }
)

_BY_WORD: dict[str, tuple[str, str]] = {}
for _language, _words in WORDS.items():
    for _word, _meaning in _words.items():
        _BY_WORD.setdefault(word_key(_word), (_language, _meaning))


def meaning_of(key: str) -> Optional[tuple[str, str]]:
    """(language, meaning) of a word as :func:`word_key` writes it, or None. A word listed in
    several languages ("falso", "satire") has one meaning in all (the tests check it)."""
    return _BY_WORD.get(key)
