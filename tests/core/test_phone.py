"""Vietnamese mobile numbers (core/phone.py): pure rules."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vanphong.core.phone import international, normalise_mobile

NATIONAL = re.compile(r"0[35789][0-9]{8}")


@pytest.mark.parametrize(
    "written",
    [
        "0912345678",
        "0912 345 678",
        "0912.345.678",
        "0912-345-678",
        "(0912) 345 678",
        " 0912 345 678 ",
        "0912\u00a0345\u00a0678",  # non-breaking spaces pasted from Word
        "+84912345678",
        "+84 912 345 678",
        "(+84) 912 345 678",
        "84912345678",
    ],
)
def test_usual_ways_of_writing_a_mobile_give_the_national_form(written):
    assert normalise_mobile(written) == "0912345678"


@pytest.mark.parametrize("prefix", ["032", "056", "070", "086", "098"])
def test_every_mobile_prefix_since_the_2018_renumbering_is_accepted(prefix):
    assert normalise_mobile(f"{prefix}1234567") == f"{prefix}1234567"


@pytest.mark.parametrize(
    "written",
    [
        "024 3825 1234",  # Hà Nội landline
        "028 3829 1234",  # Hồ Chí Minh City landline
        "+84 24 3825 1234",
        "0243825123",
        "01234567890",  # an 11-digit mobile from before 2018
        "0912 345 67",
        "09123456789",
        "+1 415 555 0100",
        "0912345678x",
        "không có",
        "",
        "+84",
        "０９１２３４５６７８",  # full-width digits
        "٠٩١٢٣٤٥٦٧٨",  # Arabic-Indic digits
        "09１２３４５６７８",  # half typed in full width: no SMS gateway takes it
        "091234567٨",
    ],
)
def test_landlines_old_numbers_and_junk_are_refused(written):
    with pytest.raises(ValueError, match="not a Vietnamese mobile number"):
        normalise_mobile(written)


def test_gateways_get_the_international_form():
    assert international("0912 345 678") == "84912345678"
    assert international("+84 912 345 678") == "84912345678"


@given(
    prefix=st.sampled_from("35789"),
    rest=st.text(alphabet="0123456789", min_size=8, max_size=8),
    style=st.sampled_from(["0{}", "+84{}", "84{}", "+84 {}", "0{} "]),
    sep=st.sampled_from(["", " ", ".", "-"]),
)
def test_any_writing_of_a_mobile_normalises_to_one_stable_form(prefix, rest, style, sep):
    digits = prefix + rest
    written = style.format(sep.join([digits[:3], digits[3:6], digits[6:]]))
    national = normalise_mobile(written)
    assert national == "0" + digits
    assert normalise_mobile(national) == national
    assert international(written) == "84" + digits


@given(
    st.text(max_size=20)
    | st.builds(lambda tail: "09" + tail, st.text(st.characters(categories=["Nd"]), max_size=9))
)
def test_whatever_is_typed_comes_out_as_ascii_digits_or_is_refused(text):
    try:
        national = normalise_mobile(text)
    except ValueError:
        return
    assert NATIONAL.fullmatch(national)
