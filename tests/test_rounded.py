"""Ranges as a board reads them: one dash where both ends share their surroundings, words where
a dash would read as a minus sign (issue 27's rounding, reread in German and French)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from assess.files.catalogs import language
from assess.files.rounded import DASH, money_span, number_span
from assess.i18n import speaking


def test_two_positive_amounts_share_one_unit_and_one_dash() -> None:
    with speaking(language("de")):
        assert money_span(
            1_200_000, 2_000_000, "EUR", "de_DE"
        ) == f"1,2{DASH}2,0\u00a0Mio.\u00a0€".replace("\u00a0", " ")


def test_two_negative_amounts_keep_both_minus_signs() -> None:
    """'-130–6,6 k' would read as a range from minus to plus."""
    with speaking(language("en")):
        text = money_span(-130_000, -6_600, "GBP", "en_GB")
    assert DASH not in text
    assert text.count("-") + text.count("\u2212") == 2
    assert " to " in text


@settings(derandomize=True, max_examples=200)
@given(
    st.floats(min_value=-1e7, max_value=1e7, allow_nan=False),
    st.floats(min_value=-1e7, max_value=1e7, allow_nan=False),
)
def test_a_dash_never_stands_beside_a_minus_sign(a: float, b: float) -> None:
    low, high = sorted((a, b))
    with speaking(language("en")):
        for text in (money_span(low, high, "EUR", "de_DE"), number_span(low, high, "en_GB")):
            if DASH in text:
                assert "-" not in text and "\u2212" not in text, text
