"""Financial statements whose arithmetic holds, in integer display units (fen for 元, 0.01 for 万元).

Working in integers of the printed unit keeps every printed subtotal exactly equal to the sum of
its printed lines, whichever unit the statement uses.
"""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True)
class YearFacts:
    """One year's headline figures, in yuan (what the form reports in 万元)."""

    revenue: float
    service_revenue: float
    total_assets: float
    total_profit: float
    taxes_paid: float
    smes_served: int


def yuan_to_units(yuan: float, unit: str) -> int:
    return round(yuan * 100) if unit == "元" else round(yuan / 100)


def units_to_yuan(units: int, unit: str) -> float:
    return units / 100 if unit == "元" else units * 100.0


def _split(rng: random.Random, total: int, parts: int, zero_chance: float = 0.15) -> list[int]:
    """Split a non-negative integer into `parts` non-negative integers summing to it."""
    weights = [0.0 if rng.random() < zero_chance else rng.uniform(0.2, 1.0) for _ in range(parts)]
    if sum(weights) == 0:
        weights[0] = 1.0
    scale = total / sum(weights)
    values = [int(w * scale) for w in weights]
    values[max(range(parts), key=lambda i: weights[i])] += total - sum(values)
    return values


def year_facts(rng: random.Random, scale_wan: float) -> YearFacts:
    """Headline figures around `scale_wan` 万元 of revenue, already rounded to 0.01万元 like the form."""
    revenue = round(scale_wan * rng.uniform(0.8, 1.25), 2)
    profit_margin = rng.uniform(-0.08, 0.22)
    def yuan(wan: float) -> float:
        return float(round(wan * 100) * 100)

    return YearFacts(
        revenue=yuan(revenue),
        service_revenue=yuan(revenue * rng.uniform(0.3, 0.95)),
        total_assets=yuan(revenue * rng.uniform(0.8, 3.5)),
        total_profit=yuan(revenue * profit_margin),
        taxes_paid=yuan(revenue * rng.uniform(0.01, 0.08)),
        smes_served=rng.randint(20, 400),
    )


def _jitter(rng: random.Random, yuan: float, unit: str) -> int:
    """Statement value whose 万元 rounding is `yuan`: in 元 add up to ±49.99 of detail."""
    units = yuan_to_units(yuan, unit)
    if unit == "元":
        units += rng.randint(-4999, 4999)
    return units


BS_ASSETS = ("货币资金", "应收账款", "预付款项", "其他应收款", "存货")
BS_NONCURRENT = ("固定资产", "无形资产", "长期待摊费用")
BS_LIABS = ("短期借款", "应付账款", "预收款项", "应付职工薪酬", "应交税费", "其他应付款")
BS_NONCURRENT_LIABS = ("长期借款",)


def balance_sheet_column(rng: random.Random, total_assets: int, paid_in: int) -> dict[str, int]:
    """One column of a balanced balance sheet, keyed by line label."""
    col: dict[str, int] = {}
    current = int(total_assets * rng.uniform(0.35, 0.9))
    for label, value in zip(BS_ASSETS, _split(rng, current, len(BS_ASSETS))):
        col[label] = value
    col["流动资产合计"] = current
    noncurrent = total_assets - current
    for label, value in zip(BS_NONCURRENT, _split(rng, noncurrent, len(BS_NONCURRENT))):
        col[label] = value
    col["非流动资产合计"] = noncurrent
    col["资产总计"] = total_assets
    liabilities = int(total_assets * rng.uniform(0.15, 0.75))
    cur_liabs = int(liabilities * rng.uniform(0.6, 1.0))
    for label, value in zip(BS_LIABS, _split(rng, cur_liabs, len(BS_LIABS))):
        col[label] = value
    col["流动负债合计"] = cur_liabs
    col["长期借款"] = liabilities - cur_liabs
    col["非流动负债合计"] = liabilities - cur_liabs
    col["负债合计"] = liabilities
    equity = total_assets - liabilities
    paid = min(paid_in, max(equity, 0)) if rng.random() < 0.7 else paid_in
    surplus = int(max(equity - paid, 0) * rng.uniform(0.0, 0.2))
    col["实收资本"] = paid
    col["资本公积"] = 0
    col["盈余公积"] = surplus
    col["未分配利润"] = equity - paid - surplus  # may be negative: printed in parentheses sometimes
    col["所有者权益合计"] = equity
    col["负债和所有者权益总计"] = total_assets
    return col


IS_LINES = ("营业收入", "营业成本", "税金及附加", "销售费用", "管理费用", "财务费用", "营业利润",
            "营业外收入", "营业外支出", "利润总额", "所得税费用", "净利润")


def income_statement_column(rng: random.Random, revenue: int, total_profit: int) -> dict[str, int]:
    """One column of an income statement whose chain holds exactly."""
    nonop_in = int(abs(revenue) * rng.uniform(0, 0.01)) if rng.random() < 0.6 else 0
    nonop_out = int(abs(revenue) * rng.uniform(0, 0.005)) if rng.random() < 0.5 else 0
    operating_profit = total_profit - nonop_in + nonop_out
    expenses = revenue - operating_profit
    cost_share = rng.uniform(0.45, 0.8)
    cost = int(max(expenses, 0) * cost_share)
    rest = _split(rng, max(expenses - cost, 0), 4, zero_chance=0.0)
    col = {"营业收入": revenue, "营业成本": cost, "税金及附加": rest[0], "销售费用": rest[1],
           "管理费用": rest[2], "财务费用": rest[3]}
    col["营业利润"] = revenue - sum(col[k] for k in ("营业成本", "税金及附加", "销售费用", "管理费用", "财务费用"))
    col["营业外收入"] = nonop_in
    col["营业外支出"] = nonop_out
    col["利润总额"] = col["营业利润"] + nonop_in - nonop_out
    tax_rate = rng.choice((0.05, 0.1, 0.15, 0.25))
    col["所得税费用"] = int(col["利润总额"] * tax_rate) if col["利润总额"] > 0 else 0
    col["净利润"] = col["利润总额"] - col["所得税费用"]
    return col


CF_LINES = ("销售商品、提供劳务收到的现金", "经营活动现金流入小计", "购买商品、接受劳务支付的现金",
            "支付给职工以及为职工支付的现金", "经营活动现金流出小计", "经营活动产生的现金流量净额",
            "投资活动产生的现金流量净额", "筹资活动产生的现金流量净额", "现金及现金等价物净增加额")


def cash_flow_column(rng: random.Random, revenue: int) -> dict[str, int]:
    inflow = int(revenue * rng.uniform(0.85, 1.1))
    goods, staff = _split(rng, int(inflow * rng.uniform(0.7, 1.05)), 2, zero_chance=0.0)
    col = {CF_LINES[0]: inflow, CF_LINES[1]: inflow, CF_LINES[2]: goods, CF_LINES[3]: staff,
           CF_LINES[4]: goods + staff}
    col[CF_LINES[5]] = inflow - goods - staff
    col[CF_LINES[6]] = -int(revenue * rng.uniform(0, 0.1))
    col[CF_LINES[7]] = int(revenue * rng.uniform(-0.05, 0.05))
    col[CF_LINES[8]] = col[CF_LINES[5]] + col[CF_LINES[6]] + col[CF_LINES[7]]
    return col


def jittered(rng: random.Random, yuan: float, unit: str) -> int:
    return _jitter(rng, yuan, unit)
