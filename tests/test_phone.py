from __future__ import annotations

import pytest
from kie.model import phone


@pytest.mark.parametrize(
    "number", ["129", "110", "0811-1129-129", "(021) 2968 1560", "+62 21 2924 4800", "0800-1000", "0857-700-100-48"]
)
def test_real_indonesian_formats_are_accepted(number):
    assert phone.problem(number) is None


@pytest.mark.parametrize(
    ("number", "why"),
    [
        ("0811-ABC", "use only digits"),
        ("08123", "5 digits"),
        ("0811 1129 1291 2345", "16 digits"),
        ("811-1129-129", "must start with 0"),
        ("", "use only digits"),
    ],
)
def test_malformed_numbers_say_why(number, why):
    assert why in phone.problem(number)


@pytest.mark.parametrize(
    ("number", "uri"),
    [
        ("129", "tel:129"),
        ("0811-1129-129", "tel:+628111129129"),
        ("(021) 2968 1560", "tel:+622129681560"),
        ("+62 21 2924 4800", "tel:+622129244800"),
    ],
)
def test_links_use_plus_62(number, uri):
    assert phone.tel_uri(number) == uri


@pytest.mark.parametrize("number", ["0800-1000", "0800 1000", "+62 800 1000", "+62-800-1000"])
def test_toll_free_numbers_are_linked_as_dialled_inside_indonesia(number):
    # A toll-free 0800 number only works dialled domestically: tel:+628001000 fails on many phones.
    assert phone.tel_uri(number) == "tel:08001000"


def test_only_0800_and_0807_numbers_count_as_toll_free():
    assert phone.is_toll_free("0800-1000") and phone.is_toll_free("0807 1234 567")
    assert not phone.is_toll_free("0811-8080-141") and not phone.is_toll_free("129")
    assert phone.tel_uri("0811-8080-141") == "tel:+628118080141"


def test_whatsapp_link():
    assert phone.whatsapp_uri("0811-1129-129") == "https://wa.me/628111129129"


@pytest.mark.parametrize(
    ("number", "uri"),
    [
        ("0852-2220-6777", "https://wa.me/6285222206777"),
        ("+62 852 2220 6777", "https://wa.me/6285222206777"),
        ("0895-3487-71070", "https://wa.me/62895348771070"),
    ],
)
def test_whatsapp_links_use_the_international_form_however_the_number_is_written(number, uri):
    assert phone.whatsapp_uri(number) == uri


def test_short_codes_are_told_apart_from_numbers():
    assert phone.is_short_code("129") and phone.is_short_code("110")
    assert not phone.is_short_code("0811-1129-129") and not phone.is_short_code("+62 129")
    assert phone.tel_uri("(024) 76632577") == "tel:+622476632577"
