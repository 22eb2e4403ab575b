"""cl.parse_quantities: numbers with units and qualifiers, ranges, decades, money,
percentages, fractions and number words, and text with none; and that a claim keeps
the same quantities the parser finds."""

from __future__ import annotations

import claimledger as cl
import pytest

# text -> (quantity text, value, low, high, unit, qualifier) of its one quantity
SINGLE = {
    "approximately 28,500 troops": (
        "approximately 28,500 troops",
        28500,
        None,
        None,
        "troops",
        "approximately",
    ),
    "Approximately 28,500 troops": (
        "Approximately 28,500 troops",
        28500,
        None,
        None,
        "troops",
        "approximately",
    ),
    "more than 3,000 homicides": (
        "more than 3,000 homicides",
        3000,
        None,
        None,
        "homicides",
        "more than",
    ),
    "hundreds of thousands of people": (
        "hundreds of thousands of people",
        None,
        100_000,
        999_999,
        "people",
        "",
    ),
    "tens of thousands of protesters": (
        "tens of thousands of protesters",
        None,
        10_000,
        99_999,
        "protesters",
        "",
    ),
    "famine in the 1990s": ("1990s", None, 1990, 1999, "year", ""),
    "the Korean War, 1950–1953": ("1950–1953", None, 1950, 1953, "year", ""),
    "the Korean War (1950-1953)": ("1950-1953", None, 1950, 1953, "year", ""),
    "between 10 and 20 ships": ("between 10 and 20 ships", None, 10, 20, "ships", ""),
    "10,000-12,000 troops": ("10,000-12,000 troops", None, 10_000, 12_000, "troops", ""),
    "$1.2 billion": ("$1.2 billion", 1_200_000_000, None, None, "USD", ""),
    "€3.5 million": ("€3.5 million", 3_500_000, None, None, "EUR", ""),
    "12%": ("12%", 12, None, None, "percent", ""),
    "nearly 40 percent": ("nearly 40 percent", 40, None, None, "percent", "nearly"),
    "about 12 per cent": ("about 12 per cent", 12, None, None, "percent", "about"),
    "two-thirds of voters": ("two-thirds", 2 / 3, None, None, "fraction", ""),
    "three soldiers": ("three soldiers", 3, None, None, "soldiers", ""),
    "twenty-five tanks": ("twenty-five tanks", 25, None, None, "tanks", ""),
    "twelve thousand troops": ("twelve thousand troops", 12_000, None, None, "troops", ""),
    "almost 1.5 million barrels a day": (
        "almost 1.5 million barrels",
        1_500_000,
        None,
        None,
        "barrels",
        "almost",
    ),
    "about 10,000 North Korean soldiers": (
        "about 10,000 North Korean soldiers",
        10_000,
        None,
        None,
        "soldiers",
        "about",
    ),
    "up to 10,000 soldiers": ("up to 10,000 soldiers", 10_000, None, None, "soldiers", "up to"),
    "at least 12 people": ("at least 12 people", 12, None, None, "people", "at least"),
    "Officials counted about 3.5m deaths.": (
        "about 3.5m deaths",
        3_500_000,
        None,
        None,
        "deaths",
        "about",
    ),
    "as many as 12k troops": ("as many as 12k troops", 12_000, None, None, "troops", "as many as"),
    "a 40m wall": ("40m", 40, None, None, "m", ""),
    "The fund received $2bn.": ("$2bn", 2_000_000_000, None, None, "USD", ""),
    "between 240,000 and 3.5 million": (
        "between 240,000 and 3.5 million",
        None,
        240_000,
        3_500_000,
        "",
        "",
    ),
    "Estimates run from about 240,000 to 3.5 million deaths.": (
        "from about 240,000 to 3.5 million deaths",
        None,
        240_000,
        3_500_000,
        "deaths",
        "about",
    ),
    "signed on 30 September 1990": ("30 September 1990", 19_900_930, None, None, "date", ""),
    "Putin visited Pyongyang in June 2024.": (
        "June 2024",
        None,
        20_240_601,
        20_240_630,
        "date",
        "",
    ),
    "support of 5-7 per cent": ("5-7 per cent", None, 5, 7, "percent", ""),
    "Roughly 40 to 50 per cent": ("Roughly 40 to 50 per cent", None, 40, 50, "percent", "roughly"),
    "Nearly half a million people fled.": (
        "Nearly half a million people",
        500_000,
        None,
        None,
        "people",
        "nearly",
    ),
}


@pytest.mark.parametrize("text", list(SINGLE))
def test_one_quantity(text):
    expected_text, value, low, high, unit, qualifier = SINGLE[text]
    (quantity,) = cl.parse_quantities(text)
    assert isinstance(quantity, cl.Quantity)
    assert quantity.text == expected_text
    assert quantity.text in text
    assert quantity.value == (None if value is None else pytest.approx(value))
    assert quantity.low == low
    assert quantity.high == high
    assert quantity.unit == unit
    assert quantity.qualifier == qualifier


@pytest.mark.parametrize(
    "text",
    [
        "The sky over Seoul was clear today.",
        "",
        "COVID-19 spread quickly.",
        "F-16 jets flew over the border.",
        "one of the reasons",
    ],
)
def test_no_quantity(text):
    assert cl.parse_quantities(text) == []


def test_several_quantities_in_order():
    text = "In 2023, more than 3,000 homicides were recorded in 12 cities."
    found = cl.parse_quantities(text)
    assert [q.text for q in found] == ["2023", "more than 3,000 homicides", "12 cities"]
    assert [q.value for q in found] == [2023, 3000, 12]
    assert [q.unit for q in found] == ["year", "homicides", "cities"]
    positions = [text.index(q.text) for q in found]
    assert positions == sorted(positions)


def test_a_change_is_two_quantities_and_a_range_one():
    rose = cl.parse_quantities("Turnout rose from 48 to 61 per cent.")
    assert [(q.text, q.value) for q in rose] == [("48", 48), ("61 per cent", 61)]
    (span,) = cl.parse_quantities("The rally drew from 5,000 to 8,000 people.")
    assert (span.low, span.high, span.unit) == (5_000, 8_000, "people")


def test_a_range_written_with_to_is_one_range():
    (quantity,) = cl.parse_quantities("11,000 to 12,000 troops")
    assert (quantity.low, quantity.high, quantity.value) == (11_000, 12_000, None)
    assert quantity.unit == "troops"


def test_ranges_leave_value_empty_and_values_leave_range_empty():
    for quantity in cl.parse_quantities(" ".join(SINGLE)):
        if quantity.value is None:
            assert quantity.low is not None
            assert quantity.high is not None
            assert quantity.low < quantity.high
        else:
            assert quantity.low is None
            assert quantity.high is None


def test_a_claim_keeps_what_the_parser_finds():
    wb = cl.open(actor="alice")
    text = (
        "Approximately 28,500 US troops, $1.2 billion a year and two-thirds of the "
        "budget, as in the 1990s."
    )
    claim = wb.add_claim(text)
    assert list(claim.quantities) == cl.parse_quantities(text)
    assert len(claim.quantities) == 4
