"""How values are printed: several real-world spellings of dates, money, areas and capitals."""

from __future__ import annotations

import datetime as dt
import random

_CN_DIGITS = "〇一二三四五六七八九"
_CAPS = "零壹贰叁肆伍陆柒捌玖"


def date_text(rng: random.Random, d: dt.date, style: str | None = None) -> str:
    style = style or rng.choice(("cn", "cn", "dash", "dot", "slash"))
    if style == "cn":
        return f"{d.year}年{d.month}月{d.day}日"
    if style == "cn0":
        return f"{d.year}年{d.month:02d}月{d.day:02d}日"
    if style == "dash":
        return d.isoformat()
    if style == "dot":
        return f"{d.year}.{d.month:02d}.{d.day:02d}"
    if style == "slash":
        return f"{d.year}/{d.month}/{d.day}"
    if style == "hanzi":
        return date_hanzi(d)
    raise ValueError(style)


def month_text(rng: random.Random, ym: str) -> str:
    y, m = ym.split("-")
    return rng.choice((f"{y}年{int(m)}月", f"{y}/{m}", f"{y}.{m}", f"{y}年{m}月"))


def _small_hanzi(n: int) -> str:
    if n < 10:
        return "一二三四五六七八九"[n - 1]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CN_DIGITS[tens]) + "十" + (_CN_DIGITS[ones] if ones else "")


def date_hanzi(d: dt.date) -> str:
    """二〇一五年三月十二日 — the style licences and certificates print."""
    return "".join(_CN_DIGITS[int(c)] for c in str(d.year)) + f"年{_small_hanzi(d.month)}月{_small_hanzi(d.day)}日"


def capital_caps(yuan: float) -> str:
    """5000000 -> 伍佰万元整 (amounts in whole 万元, as registered capitals are)."""
    wan = int(round(yuan / 10000))
    units = ((1000, "仟"), (100, "佰"), (10, "拾"), (1, ""))
    out, zero = "", False
    for value, name in units:
        digit = wan // value % 10
        if digit == 0:
            zero = bool(out)
            continue
        if zero:
            out += "零"
            zero = False
        out += _CAPS[digit] + name
    return out + "万元整"


def capital_text(rng: random.Random, yuan: float) -> str:
    wan = int(round(yuan / 10000))
    return rng.choice((f"人民币{capital_caps(yuan)}", f"人民币{wan}万元", f"{wan}万元人民币", capital_caps(yuan)))


def money(units: int, unit: str, parens: bool, thousands: bool) -> str:
    """Statement amount from integer display units (fen for 元, 0.01 for 万元)."""
    neg = units < 0
    whole, frac = divmod(abs(units), 100)
    body = (f"{whole:,}" if thousands else str(whole)) + f".{frac:02d}"
    if neg:
        return f"({body})" if parens else f"-{body}"
    return body


def wan(yuan: float) -> str:
    """Form figures: 万元 with two decimals."""
    return f"{yuan / 10000:.2f}"


def area_text(rng: random.Random, area: float) -> str:
    num = f"{area:g}"
    return rng.choice((f"{num}平方米", f"{num}㎡", f"{num}m²", f"{num} 平方米"))
