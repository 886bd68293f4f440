"""Credit codes (GB 32100) and ID numbers (GB 11643): validation, OCR repair and honest confidence."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from stdnum.cn import ric, uscc

from extractor.normalize import (
    find_credit_code_in,
    find_id_number_in,
    is_valid_credit_code,
    is_valid_id_number,
    normalize_value,
    repair_credit_code,
    repair_id_number,
)
from schemas.kinds import FieldKind

GOOD_CODE = "91440101MA59U2LX0T"  # SPEC.md's example
GOOD_ID = "440102199003071236"


@pytest.mark.parametrize(
    ("code", "valid"),
    [
        (GOOD_CODE, True),
        ("91110000600037341L", True),
        ("9144 0101 MA59 U2LX 0T", True),
        ("91440101ma59u2lx0t", True),
        ("91440101MA59U2LX0A", False),  # wrong check character
        ("91440101MA59U2LX0", False),  # too short
        ("A1110000600037341L", False),
        ("", False),
        ("统一社会信用代码", False),
    ],
)
def test_is_valid_credit_code(code: str, valid: bool) -> None:
    assert is_valid_credit_code(code) is valid


# OCR-NOTES: wrong reads were 0↔O, 5↔S, 8↔S, 1↔I, U↔0, Q↔O; each is repaired where the read
# character cannot stand at its position.
REPAIRS = [
    ("91440101MA59U2LXOT", GOOD_CODE, 0.8),  # O among 9–17 (not in the GB 32100 alphabet)
    ("9I440101MA59U2LX0T", GOOD_CODE, 0.8),  # I in position 2
    ("914401O1MA59U2LX0T", GOOD_CODE, 0.8),  # O in the region digits
    ("9144U101MA59U2LX0T", GOOD_CODE, 0.8),  # U in the region digits
    ("9144Q101MA59U2LX0T", GOOD_CODE, 0.8),  # Q in the region digits
    ("91440I01MA59U2LX0T", GOOD_CODE, 0.8),
    ("91440101MAS9U2LX0T", GOOD_CODE, 0.8),  # S is not in the alphabet: 5 or 8
    ("9144O1O1MA59U2LX0T", GOOD_CODE, 0.7),  # two substitutions, still one answer
    ("91 44 01 01 MA 59 U2 LX OT", GOOD_CODE, 0.8),
]


@pytest.mark.parametrize(("read", "truth", "confidence"), REPAIRS)
def test_repair_credit_code(read: str, truth: str, confidence: float) -> None:
    result = repair_credit_code(read)
    assert (result.value, result.valid, result.confidence, result.repaired) == (truth, True, confidence, True)


def test_valid_code_is_kept_with_full_confidence() -> None:
    result = repair_credit_code(GOOD_CODE)
    assert (result.value, result.valid, result.confidence, result.repaired) == (GOOD_CODE, True, 1.0, False)


@pytest.mark.parametrize(
    "read",
    [
        "91440101MA59U2LX0A",  # a wrong check character made of legal characters: not "repairable"
        "91440101MA59U2LX08",
        "91440101MA59U2LX",  # too short
        "91440101MA59U2LX0TT",
        "9144OIOIMASSU2LXOT",  # too many impossible characters to be a misread
        "",
        "无",
    ],
)
def test_unrepairable_code_stays_invalid_with_low_confidence(read: str) -> None:
    result = repair_credit_code(read)
    assert not result.valid and not result.repaired
    assert result.confidence <= 0.3


def _random_credit_code(rng: random.Random) -> str:
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    body = rng.choice(("91", "92", "52", "12")) + rng.choice(("440101", "440106", "440111")) + "".join(
        rng.choice(alphabet) for _ in range(9)
    )
    return body + uscc.calc_check_digit(body)


def test_broken_check_characters_are_never_repaired_into_valid_codes() -> None:
    """A falsified code (legal characters, wrong check) must stay invalid: it is a finding."""
    rng = random.Random(11)
    for _ in range(300):
        code = _random_credit_code(rng)
        wrong = rng.choice([c for c in "0123456789ABCDEFGHJKLMNPQRTUWXY" if c != code[-1]])
        assert not repair_credit_code(code[:-1] + wrong).valid


def test_single_impossible_confusion_is_repaired_to_the_truth_or_left_invalid() -> None:
    rng = random.Random(5)
    repaired = 0
    for _ in range(300):
        code = _random_credit_code(rng)
        position = rng.randrange(2, 8)  # region digits: every letter there is impossible
        read = code[:position] + {"0": "O", "1": "I", "5": "S", "8": "B", "2": "Z", "6": "G"}.get(
            code[position], "O"
        ) + code[position + 1:]
        result = repair_credit_code(read)
        if result.valid:
            assert result.value == code
            repaired += 1
    assert repaired >= 150  # region digits 0/1/5/8/2/6 misread as letters are fixed


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        (GOOD_ID, True),
        ("11010519491231002X", True),
        ("11010519491231002x", True),
        ("110105194912310021", False),  # check digit
        ("110105194913310029", False),  # month 13
        ("110105180001010021", False),  # born before 1900
        ("000000199003071234", False),  # no such region
        ("44010219900307123", False),
        ("", False),
    ],
)
def test_is_valid_id_number(number: str, valid: bool) -> None:
    assert is_valid_id_number(number) is valid


def test_id_born_in_the_future_is_invalid() -> None:
    future = dt.date.today() + dt.timedelta(days=400)
    body = f"440102{future:%Y%m%d}123"
    assert not is_valid_id_number(body + ric.calc_check_digit(body + "0"))


@pytest.mark.parametrize(
    ("read", "truth", "confidence"),
    [
        ("44O102199003071236", GOOD_ID, 0.8),
        ("4401021990O307I236", GOOD_ID, 0.7),
        ("44010219900307123G", GOOD_ID, 0.8),
        ("11010519491231002K", "11010519491231002X", 0.8),
        ("l10105l9491231002X", "11010519491231002X", 0.7),
        ("11010519491231002×", "11010519491231002X", 1.0),  # × for X, as some fonts print it
    ],
)
def test_repair_id_number(read: str, truth: str, confidence: float) -> None:
    result = repair_id_number(read)
    assert (result.value, result.valid, result.confidence) == (truth, True, confidence)


@pytest.mark.parametrize("read", ["110105194912310021", "44010219900307123O", "4401021990030", "身份证"])
def test_unrepairable_id_number_stays_invalid(read: str) -> None:
    result = repair_id_number(read)
    assert not result.valid and result.confidence <= 0.3


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("9144O1O1MA59U2LX0T", GOOD_CODE),  # repaired
        ("91440101MA59U2LX0A", "91440101MA59U2LX0A"),  # invalid, kept as read for the checker to flag
        ("44O102199003071236", GOOD_ID),
        (" gz-2019 001 ", "GZ-2019001"),  # certificate numbers: upper-case, no spaces
        ("粤人社 2019-001", "粤人社2019-001"),
        ("510000", "510000"),
        ("", None),
    ],
)
def test_normalize_value_code(text: str, expected: str | None) -> None:
    assert normalize_value(FieldKind.CODE, text) == expected


CODE_LINES = [
    ("统一社会信用代码91440101MA59U2LX0T", GOOD_CODE, True, (8, 26)),
    ("统一社会信用代码 9144 0101 MA59 U2LX OT (1-1)", GOOD_CODE, True, (9, 31)),
    ("编号X91440101MA59U2LX0T", GOOD_CODE, True, (3, 21)),  # a stray letter before the code
    ("代码：91440101MA59U2LX0A", "91440101MA59U2LX0A", False, (3, 21)),  # kept, invalid, for the checker
    ("统一社会信用代码：９１４４０１０１ＭＡ５９Ｕ２ＬＸ０Ｔ", GOOD_CODE, True, (9, 27)),
]


@pytest.mark.parametrize(("line", "value", "valid", "span"), CODE_LINES)
def test_find_credit_code_in(line: str, value: str, valid: bool, span: tuple[int, int]) -> None:
    found = find_credit_code_in(line)
    assert found is not None
    read, start, end = found
    assert (read.value, read.valid, (start, end)) == (value, valid, span)


@pytest.mark.parametrize("line", ["No 123", "", "法定代表人 张三", "注册资本 100万元"])
def test_find_credit_code_in_lines_without_one(line: str) -> None:
    assert find_credit_code_in(line) is None


def test_find_id_number_in() -> None:
    found = find_id_number_in("公民身份号码 44O102199003071236")
    assert found is not None
    assert (found[0].value, found[0].valid, found[1:]) == (GOOD_ID, True, (7, 25))
    assert find_id_number_in("住址 广州市天河区") is None


def test_legal_lookalike_swap_is_only_a_suggestion() -> None:
    """0 read for U among positions 9–17 is legal there: the code stays invalid, with a hint."""
    read = GOOD_CODE.replace("59U2", "5902")
    result = repair_credit_code(read)
    assert (result.value, result.valid, result.repaired) == (read, False, False)
    assert result.suggestion == GOOD_CODE
    assert result.confidence <= 0.3


def test_valid_and_repaired_codes_carry_no_suggestion() -> None:
    assert repair_credit_code(GOOD_CODE).suggestion is None
    assert repair_credit_code("91440101MA59U2LXOT").suggestion is None


def test_latin_garbage_does_not_yield_a_valid_code() -> None:
    """Tesseract turns Chinese into Latin runs; trying windows in them must not invent codes."""
    rng = random.Random(1)
    alphabet = "OISBZ0123456789ABCDEFGHJKLMNPQRTUWXY"
    for _ in range(200):
        line = " ".join("".join(rng.choice(alphabet) for _ in range(5)) for _ in range(20))
        found = find_credit_code_in(line)
        assert found is None or not found[0].valid


def test_code_followed_by_garbage_is_still_found() -> None:
    found = find_credit_code_in("统一社会信用代码 9144O1O1MA59U2LX0T ee")
    assert found is not None and found[0].value == GOOD_CODE and found[0].repaired
