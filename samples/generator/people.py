"""Random people and organisation identifiers with valid GB 11643 / GB 32100 check characters."""

from __future__ import annotations

import datetime as dt
import random

from stdnum.cn import ric, uscc

from .pools import GIVEN_CHARS, SURNAMES

_ORG_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def person_name(rng: random.Random) -> str:
    given = "".join(rng.choice(GIVEN_CHARS) for _ in range(rng.choice((1, 2, 2, 2))))
    return rng.choice(SURNAMES) + given


def random_date(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))


def id_number(rng: random.Random, region: str, birth: dt.date, male: bool) -> str:
    seq = rng.randint(0, 499) * 2 + (1 if male else 0)
    body = f"{region}{birth:%Y%m%d}{seq:03d}"
    return body + ric.calc_check_digit(body + "0")  # stdnum expects a placeholder check digit


def break_check_char(code: str, alphabet: str) -> str:
    """The same code with a wrong (but well-formed) last character."""
    wrong = [c for c in alphabet if c != code[-1]]
    return code[:-1] + wrong[sum(map(ord, code)) % len(wrong)]


def organisation_code(rng: random.Random) -> str:
    """A GB 11714 organisation code: 8 characters plus its check character."""
    body = "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(8))
    weights = (3, 7, 9, 10, 5, 8, 4, 2)
    total = sum(int(c, 36) * w for c, w in zip(body, weights))
    check = 11 - total % 11
    return body + ("0" if check == 11 else "X" if check == 10 else str(check))


def credit_code(rng: random.Random, prefix: str, region: str) -> str:
    body = prefix + region + organisation_code(rng)
    if prefix == "91" and rng.random() < 0.5:
        # Many post-2015 companies carry an MA-series code (e.g. 91440101MA59U2LX0T).
        body = prefix + region + "MA" + "".join(rng.choice(_ORG_CHARS) for _ in range(7))
    return body + uscc.calc_check_digit(body)


def phone_mobile(rng: random.Random) -> str:
    return rng.choice(("13", "15", "18", "17")) + str(rng.randint(0, 9)) + f"{rng.randint(0, 99999999):08d}"


def phone_landline(rng: random.Random) -> str:
    return f"020-{rng.choice(('3', '8', '6'))}{rng.randint(0, 9999999):07d}"


def email(rng: random.Random) -> str:
    user = "".join(rng.choice("abcdefghjkmnpqrstuvwxyz") for _ in range(rng.randint(4, 8)))
    if rng.random() < 0.4:
        return f"{rng.randint(10000000, 999999999)}@qq.com"
    return f"{user}{rng.randint(1, 99)}@{rng.choice(('163.com', '126.com', 'qq.com', 'foxmail.com'))}"
