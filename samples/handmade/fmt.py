"""How values are spelled on the hand-made pages (independent of samples.generator.fmt)."""

from __future__ import annotations

import datetime as dt

CN_DIGITS = "〇一二三四五六七八九"
UPPER = "零壹贰叁肆伍陆柒捌玖"


def date_cn(iso: str) -> str:
    d = dt.date.fromisoformat(iso)
    return f"{d.year}年{d.month}月{d.day}日"


def date_cn_padded(iso: str) -> str:
    d = dt.date.fromisoformat(iso)
    return f"{d.year}年{d.month:02d}月{d.day:02d}日"


def date_dot(iso: str) -> str:
    return iso.replace("-", ".")


def date_hanzi(iso: str) -> str:
    """二〇一二年五月八日, as diplomas print it."""
    d = dt.date.fromisoformat(iso)
    year = "".join(CN_DIGITS[int(c)] for c in str(d.year))
    return f"{year}年{_small_number(d.month)}月{_small_number(d.day)}日"


def _small_number(n: int) -> str:
    if n < 10:
        return CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN_DIGITS[tens]) + "十" + (CN_DIGITS[ones] if ones else "")


def money(value: float) -> str:
    return f"{value:,.2f}"


def wan(value: float) -> str:
    """The form states figures in 万元 with two decimals."""
    return f"{value / 10000:.2f}"


def to_wan_yuan(value: float) -> float:
    """The truth of a form figure: the statement figure rounded to 0.01 万元, in yuan."""
    return round(round(value / 10000, 2) * 10000, 2)


def upper_yuan(value: int) -> str:
    """Capitalised amount for whole yuan below 10^8, e.g. 叁万陆仟元整."""
    units = ["", "拾", "佰", "仟"]
    def group(n: int) -> str:
        text, zero = "", False
        for i in range(3, -1, -1):
            digit = n // 10 ** i % 10
            if digit:
                text += ("零" if zero and text else "") + UPPER[digit] + units[i]
                zero = False
            else:
                zero = True
        return text
    wan_part, rest = divmod(value, 10000)
    text = (group(wan_part) + "万" if wan_part else "") + (("零" if wan_part and rest < 1000 and rest else "") + group(rest))
    return text + "元整"
