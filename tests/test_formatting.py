from decimal import Decimal

from khuyencong.formatting import amount_in_words, format_money, format_money_scaled, format_number, format_percent


def test_numbers_are_written_the_vietnamese_way():
    assert format_number(17_800) == "17.800"
    assert format_number(Decimal("82.155"), 3) == "82,155"
    assert format_money(163_400_000_000) == "163.400.000.000"
    assert format_number(-1_250_000) == "-1.250.000"


def test_percentages_round_half_up_only_for_display():
    assert format_percent(Decimal("94.7368"), 1) == "94,7%"
    assert format_percent(Decimal("94.4918"), 1) == "94,5%"
    assert format_percent(Decimal("100.0"), 1) == "100%"


def test_money_in_billions():
    assert format_money_scaled(82_155_000_000) == "82,155 tỷ đồng"
    assert format_money_scaled(77_630_000_000) == "77,63 tỷ đồng"
    assert format_money_scaled(320_000_000, unit="trieu", decimals=0) == "320 triệu đồng"


def test_amount_in_words_matches_the_programme_decision():
    assert amount_in_words(163_400_000_000) == "Một trăm sáu mươi ba tỷ, bốn trăm triệu đồng"
