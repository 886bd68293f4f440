"""Statement tables in the 2019 一般企业财务报表格式 (row sets and order differ from the generator's)."""

from __future__ import annotations

from dataclasses import dataclass

from .fmt import money

ASSET_ROWS = (("货币资金", 0.21), ("交易性金融资产", 0.0), ("应收票据", 0.01), ("应收账款", 0.17),
              ("应收款项融资", 0.0), ("预付款项", 0.04), ("其他应收款", 0.06), ("存货", 0.09),
              ("合同资产", 0.02), ("其他流动资产", 0.01))
NONCURRENT_ROWS = (("债权投资", 0.0), ("长期股权投资", 0.08), ("投资性房地产", 0.0), ("固定资产", 0.24),
                   ("在建工程", 0.0), ("使用权资产", 0.02), ("无形资产", 0.04), ("长期待摊费用", 0.01))
CURRENT_LIAB_ROWS = (("短期借款", 0.28), ("应付票据", 0.02), ("应付账款", 0.30), ("合同负债", 0.05),
                     ("应付职工薪酬", 0.09), ("应交税费", 0.07), ("其他应付款", 0.09))
NONCURRENT_LIAB_ROWS = (("长期借款", 0.06), ("租赁负债", 0.04))


def split(total: float, rows: tuple[tuple[str, float], ...], scale: float) -> list[tuple[str, float]]:
    """Rows whose amounts add up to `total` * (sum of shares / scale) to the cent."""
    parts = [(name, round(total * share / scale, 2)) for name, share in rows]
    want = round(total * sum(s for _, s in rows) / scale, 2)
    name, last = max(parts, key=lambda p: p[1])
    i = [p[0] for p in parts].index(name)
    parts[i] = (name, round(last + want - sum(v for _, v in parts), 2))
    return parts


def cell(v: float | None) -> str:
    return "" if v is None or v == 0 else money(v)


@dataclass(frozen=True)
class BalanceSheet:
    assets: float
    liabilities: float
    equity: float
    stated_assets: float       # what 资产总计 prints (≠ assets when the sheet is planted unbalanced)
    prior_scale: float = 0.88  # 上年年末余额 = this × 期末余额

    def rows(self) -> list[list[str]]:
        def side(total_a: float, total_l: float, total_e: float, stated: float) -> tuple[list, list]:
            current = split(total_a, ASSET_ROWS, 1.0)
            noncurrent = split(total_a, NONCURRENT_ROWS, 1.0)
            # The share constants add to 0.61 + 0.39; fix the larger half so the two halves add up exactly.
            cur_total = round(sum(v for _, v in current), 2)
            non_total = round(total_a - cur_total, 2)
            noncurrent = split(non_total, NONCURRENT_ROWS, sum(s for _, s in NONCURRENT_ROWS))
            left = [("流动资产：", None)] + current + [("流动资产合计", cur_total), ("非流动资产：", None)] + \
                noncurrent + [("非流动资产合计", non_total), ("资产总计", stated)]
            cl = split(total_l, CURRENT_LIAB_ROWS, 1.0)
            cl_total = round(sum(v for _, v in cl), 2)
            ncl = split(round(total_l - cl_total, 2), NONCURRENT_LIAB_ROWS, sum(s for _, s in NONCURRENT_LIAB_ROWS))
            paid_in = round(total_e * 0.55, 2)
            reserve = round(total_e * 0.08, 2)
            surplus = round(total_e * 0.05, 2)
            right = [("流动负债：", None)] + cl + [("流动负债合计", cl_total), ("非流动负债：", None)] + ncl + \
                [("非流动负债合计", round(total_l - cl_total, 2)), ("负债合计", total_l),
                 ("所有者权益（或股东权益）：", None), ("实收资本（或股本）", paid_in), ("资本公积", reserve),
                 ("盈余公积", surplus), ("未分配利润", round(total_e - paid_in - reserve - surplus, 2)),
                 ("所有者权益（或股东权益）合计", total_e),
                 ("负债和所有者权益（或股东权益）总计", round(total_l + total_e, 2))]
            return left, right

        k = self.prior_scale
        now_l, now_r = side(self.assets, self.liabilities, self.equity, self.stated_assets)
        pa, pl = round(self.assets * k, 2), round(self.liabilities * k, 2)
        pri_l, pri_r = side(pa, pl, round(pa - pl, 2), pa)
        height = max(len(now_l), len(now_r))
        pad = [("", None)]
        now_l, pri_l = now_l + pad * (height - len(now_l)), pri_l + pad * (height - len(pri_l))
        now_r, pri_r = now_r + pad * (height - len(now_r)), pri_r + pad * (height - len(pri_r))
        return [[a[0], cell(a[1]), cell(b[1]), c[0], cell(c[1]), cell(d[1])]
                for a, b, c, d in zip(now_l, pri_l, now_r, pri_r)]


@dataclass(frozen=True)
class IncomeStatement:
    revenue: float
    prior_scale: float = 0.86

    def lines(self, revenue: float) -> list[tuple[str, float | None]]:
        r = revenue
        cost, tax_add, selling, admin, rnd, fin = (round(r * s, 2) for s in (0.61, 0.012, 0.055, 0.118, 0.031, 0.008))
        other_income, invest = round(r * 0.004, 2), round(r * 0.006, 2)
        operating = round(r - cost - tax_add - selling - admin - rnd - fin + other_income + invest, 2)
        non_op_in, non_op_out = round(r * 0.002, 2), round(r * 0.001, 2)
        profit = round(operating + non_op_in - non_op_out, 2)
        tax = round(profit * 0.25, 2)
        return [("一、营业收入", r), ("减：营业成本", cost), ("税金及附加", tax_add), ("销售费用", selling),
                ("管理费用", admin), ("研发费用", rnd), ("财务费用", fin), ("其中：利息费用", round(fin * 0.8, 2)),
                ("加：其他收益", other_income), ("投资收益（损失以“－”号填列）", invest),
                ("信用减值损失（损失以“－”号填列）", None), ("二、营业利润（亏损以“－”号填列）", operating),
                ("加：营业外收入", non_op_in), ("减：营业外支出", non_op_out),
                ("三、利润总额（亏损总额以“－”号填列）", profit), ("减：所得税费用", tax),
                ("四、净利润（净亏损以“－”号填列）", round(profit - tax, 2)),
                ("（一）持续经营净利润", round(profit - tax, 2)), ("五、其他综合收益的税后净额", None),
                ("六、综合收益总额", round(profit - tax, 2))]

    def totals(self) -> dict[str, float]:
        by_name = dict(self.lines(self.revenue))
        return {"revenue": self.revenue, "total_profit": by_name["三、利润总额（亏损总额以“－”号填列）"] or 0.0,
                "income_tax": by_name["减：所得税费用"] or 0.0, "net_profit": by_name["四、净利润（净亏损以“－”号填列）"] or 0.0}

    def rows(self) -> list[list[str]]:
        now = self.lines(self.revenue)
        prior = self.lines(round(self.revenue * self.prior_scale, 2))
        return [[name, str(i + 1), cell(a), cell(b[1])] for i, ((name, a), b) in enumerate(zip(now, prior))]
