"""What the sample generator prints, the normalisers read back: every printing style in samples/."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from extractor.normalize import parse_area, parse_date, parse_date_range, parse_money
from samples.generator import fmt

STYLES = ("cn", "cn0", "dash", "dot", "slash", "hanzi")


@pytest.mark.parametrize("style", STYLES)
def test_every_date_style_reads_back(style: str) -> None:
    rng = random.Random(style)
    for _ in range(200):
        day = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randint(0, 365 * 90))
        assert parse_date(fmt.date_text(rng, day, style)) == day.isoformat()


def test_month_styles_read_back() -> None:
    rng = random.Random(2)
    for _ in range(200):
        month = f"{rng.randint(1990, 2030)}-{rng.randint(1, 12):02d}"
        assert parse_date(fmt.month_text(rng, month)) == month


def test_lease_terms_read_back() -> None:
    rng = random.Random(3)
    for _ in range(100):
        start = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randint(0, 2000))
        end = start + dt.timedelta(days=rng.randint(300, 3000))
        text = f"自{fmt.date_text(rng, start, 'cn')}起至{fmt.date_text(rng, end, 'cn')}止。"
        assert parse_date_range(text) == (start.isoformat(), end.isoformat())
    open_term = f"{fmt.date_text(rng, dt.date(2016, 5, 4), 'cn0')} 至 长期"
    assert parse_date_range(open_term) == ("2016-05-04", None)


def test_registered_capitals_read_back() -> None:
    rng = random.Random(4)
    for _ in range(300):
        yuan = rng.randint(1, 9999) * 10_000.0
        assert parse_money(fmt.capital_text(rng, yuan)) == yuan


@pytest.mark.parametrize("unit", ["元", "万元"])
@pytest.mark.parametrize("parens", [True, False])
@pytest.mark.parametrize("thousands", [True, False])
def test_statement_amounts_read_back(unit: str, parens: bool, thousands: bool) -> None:
    rng = random.Random(f"{unit}{parens}{thousands}")
    for _ in range(200):
        units = rng.randint(-10**11, 10**11)
        printed = fmt.money(units, unit, parens, thousands)
        expected = units / 100 if unit == "元" else units * 100.0
        assert parse_money(printed, default_unit=unit) == pytest.approx(expected, abs=0.005)


def test_form_wan_figures_read_back() -> None:
    rng = random.Random(6)
    for _ in range(200):
        printed = fmt.wan(rng.randint(0, 10**11) / 100)
        assert parse_money(printed, default_unit="万元") == pytest.approx(float(printed) * 10_000, abs=0.005)


def test_areas_read_back() -> None:
    rng = random.Random(7)
    for _ in range(200):
        area = rng.randint(200, 30000) / 10
        assert parse_area(fmt.area_text(rng, area)) == area
