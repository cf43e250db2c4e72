#!/usr/bin/env python3
"""Makes a synthetic national cooperative registry for batch runs (SPEC §8), with its expected figures.

    generate_national.py --coops N --out DIR [--seed S] [--period H1|FY] [--year Y]
                         [--codes 63|34-merged]

Python 3 standard library only; the same arguments give the same bytes. Writes:

  DIR/htx.csv        N cooperatives (HTX, a few LHHTX) spread over the 63 provinces with a skew
                     (a few large provinces, many small ones; every province has at least 2 rows),
                     canonical headers as in examples/data/htx_2024_h1.csv, the province column
                     holding the 2-digit code of the 63-province list
  DIR/tht.csv        about 22 % as many cooperative groups (THT), same provinces
  DIR/national.ini   province = all, the example's sectors, output path out/{province_code}.xlsx,
                     summary out/toan-quoc-{year}-{period}.xlsx (both relative to DIR)
  DIR/expected.json  per province and national figures (SPEC §5), computed by re-reading the two
                     CSV files written here with Python's csv module

--codes 63 (default): the data and the report use the 63-province list.
--codes 34-merged: the data are still coded with the 63 old codes, the report uses the 34-province
list (needs a period ending on or after 1 July 2025, e.g. --year 2025 --period FY): rows are
reported under their new province (data/provinces-34.csv, merged_from); expected.json counts the
rows whose old code differs from their new code ("mapped").

Rules (SPEC §5): the period is [1/1, 30/6] (H1) or [1/1, 31/12] (FY) of the year. A unit is operating
at a date when founded on or before it and not dissolved on or before it. HTX figures exclude
LHHTX (kind). new = founded within the period, dissolved = dissolved within the period; members
and workers are sums over operating HTX; revenue/profit averages are over operating units that
report the value; income is Σ(income × workers) ÷ Σ workers over operating HTX reporting both;
market access % = operating HTX with the flag ÷ operating HTX × 100. A ratio with a zero
denominator is null.
"""

import argparse
import csv
import json
import math
import os
import random
import sys
from datetime import date, timedelta
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
PROVINCES_63 = os.path.join(ROOT, "data", "provinces-63.csv")
PROVINCES_34 = os.path.join(ROOT, "data", "provinces-34.csv")
MERGER_DATE = date(2025, 7, 1)

SECTORS = [
    ("nong_nghiep", "Nông nghiệp", ["NN", "Nông lâm thủy sản", "Dịch vụ nông nghiệp"], None),
    ("cn_ttcn", "Công nghiệp - Tiểu thủ công nghiệp", ["TTCN", "Tiểu thủ công nghiệp", "CN-TTCN"],
     "CN-TTCN"),
    ("thuong_mai", "Thương mại", ["TM", "Thương mại - Dịch vụ"], None),
    ("gtvt", "Giao thông vận tải", ["GTVT", "Vận tải"], "GTVT"),
    ("xay_dung", "Xây dựng", ["XD"], None),
    ("moi_truong", "Vệ sinh môi trường", ["VSMT", "Môi trường"], "VSMT"),
    ("quy_tin_dung", "Quỹ tín dụng nhân dân", ["QTDND", "Quỹ tín dụng"], "QTDND"),
]
SECTOR_WEIGHTS = [62, 10, 10, 6, 4, 3, 5]
GROUP_SECTOR_WEIGHTS = [75, 12, 6, 3, 2, 2, 0]
NAME_WORDS = {
    "nong_nghiep": ["HTX Dịch vụ nông nghiệp", "HTX Nông nghiệp", "HTX Rau an toàn", "HTX Chăn nuôi",
                    "HTX Thủy sản", "HTX Sản xuất và tiêu thụ lúa gạo"],
    "cn_ttcn": ["HTX Mây tre đan", "HTX Đồ gỗ mỹ nghệ", "HTX Gốm", "HTX Dệt may", "HTX Cơ khí"],
    "thuong_mai": ["HTX Thương mại dịch vụ", "HTX Kinh doanh tổng hợp"],
    "gtvt": ["HTX Vận tải", "HTX Vận tải hành khách"],
    "xay_dung": ["HTX Xây dựng", "HTX Vật liệu xây dựng"],
    "moi_truong": ["HTX Vệ sinh môi trường", "HTX Thu gom rác thải"],
    "quy_tin_dung": ["Quỹ tín dụng nhân dân"],
}
PLACES = ["Đông", "Đoài", "Thượng", "Hạ", "Trung", "Tân Lập", "An Bình", "Phú Xuân", "Hòa Bình",
          "Thắng Lợi", "Quyết Tiến", "Đồng Tâm", "Hợp Thành", "Thành Công", "Việt Hùng", "Quang Trung"]
BOOLEANS = [("1", "0"), ("x", ""), ("có", "không"), ("yes", "no"), ("true", "false"), ("Có", "Không"),
            ("X", "")]
COOP_HEADER = ["id", "name", "province", "district", "kind", "sector", "founded", "dissolved",
               "members", "workers", "revenue", "profit", "income", "market_access",
               "value_chain", "high_tech", "alliance_member"]
GROUP_HEADER = ["id", "name", "province", "district", "sector", "founded", "dissolved",
                "members", "revenue", "profit"]
TRUE_TEXT = {"1", "x", "có", "yes", "true"}
FALSE_TEXT = {"0", "", "không", "no", "false"}

# National indicators: key -> what it is (the summary's defined names are "national." + key).
ADDITIVE_KEYS = ["coops.total", "coops.new", "coops.dissolved", "coops.members", "coops.workers",
                 "groups.total"]
RATIO_KEYS = ["coops.revenue.avg", "coops.profit.avg", "coops.income.avg", "coops.market_access.pct"]


def read_provinces(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def period_bounds(year, period):
    return date(year, 1, 1), (date(year, 6, 30) if period == "H1" else date(year, 12, 31))


def dmy(d):
    return "%02d/%02d/%04d" % (d.day, d.month, d.year)


def tenths(v):
    """An integer number of tenths as text: 1234 -> '123.4', -5 -> '-0.5'."""
    sign = "-" if v < 0 else ""
    v = abs(v)
    return "%s%d.%d" % (sign, v // 10, v % 10)


def allocate(total, weights, minimum):
    """Splits total into len(weights) integers >= minimum, proportional to weights (largest
    remainder), deterministic."""
    n = len(weights)
    rest = total - minimum * n
    if rest < 0:
        raise SystemExit("generate_national.py: --coops must be at least %d" % (minimum * n))
    s = sum(weights)
    exact = [rest * w / s for w in weights]
    counts = [int(x) for x in exact]
    order = sorted(range(n), key=lambda i: (-(exact[i] - counts[i]), i))
    for i in order[:rest - sum(counts)]:
        counts[i] += 1
    return [c + minimum for c in counts]


# --- generation -----------------------------------------------------------------------------

class Generator:
    def __init__(self, args):
        self.args = args
        self.rng = random.Random(args.seed)
        self.first, self.last = period_bounds(args.year, args.period)
        self.export = self.last + timedelta(days=8)
        self.p_new = 0.03 if args.period == "H1" else 0.06

    def rand_date(self, a, b):
        return a + timedelta(days=self.rng.randint(0, (b - a).days))

    def dates(self):
        """(founded, dissolved or None), a mix of old, new, dissolved and not-yet-founded units,
        with the boundaries (first and last day of the period) represented."""
        rng = self.rng
        u = rng.random()
        if u < self.p_new:
            founded = self.rand_date(self.first, self.last) if rng.random() > 0.05 else \
                rng.choice([self.first, self.last])
        elif u < self.p_new + 0.004:
            founded = self.rand_date(self.last + timedelta(days=1), self.export)
        else:
            # Older units, more of them recent (triangular towards the period start).
            span = (self.first - date(1993, 1, 1)).days
            founded = self.first - timedelta(days=1 + int(rng.triangular(0, span, 0)))
        dissolved = None
        v = rng.random()
        if founded < self.first:
            if v < 0.04 and (self.first - founded).days > 40:
                dissolved = self.rand_date(founded + timedelta(days=30), self.first - timedelta(days=1))
            elif v < 0.055:
                dissolved = self.rand_date(self.first, self.last) if rng.random() > 0.1 else \
                    rng.choice([self.first, self.last])
            elif v < 0.058:
                dissolved = self.rand_date(self.last + timedelta(days=1), self.export)
        elif founded < self.last - timedelta(days=10) and v < 0.01:
            dissolved = self.rand_date(founded + timedelta(days=1), self.last)
        return founded, dissolved

    def maybe(self, p_blank, text):
        return "" if self.rng.random() < p_blank else text

    def sector_text(self, index):
        code, label, aliases, _ = SECTORS[index]
        r = self.rng.random()
        if r < 0.70:
            return label
        if r < 0.80:
            return code
        if r < 0.92:
            return self.rng.choice(aliases)
        return label.upper() if r < 0.96 else label.lower()

    def coop_row(self, serial, code):
        rng = self.rng
        s = rng.choices(range(len(SECTORS)), SECTOR_WEIGHTS)[0]
        sector = SECTORS[s][0]
        kind = "LHHTX" if rng.random() < 0.015 else "HTX"
        founded, dissolved = self.dates()
        name = "%s %s %d" % (rng.choice(NAME_WORDS[sector]), rng.choice(PLACES), serial % 1000)
        if kind == "LHHTX":
            name = "Liên hiệp " + name
        if rng.random() < 0.01:
            name = 'HTX "%s", xã %s' % (rng.choice(PLACES), rng.choice(PLACES))   # needs quoting
        if sector == "quy_tin_dung":
            members = int(rng.lognormvariate(7.5, 0.6))
        else:
            members = int(rng.lognormvariate(4.3, 1.0)) + 7
        workers = max(1, int(rng.lognormvariate(2.3, 0.8)))
        revenue = int(rng.lognormvariate(9.0, 1.3))                  # tenths of a million
        profit = int(revenue * rng.uniform(-0.08, 0.15))
        income = int(rng.gauss(600, 180))
        income = max(income, 120)
        yes, no = rng.choice(BOOLEANS)
        flags = [yes if rng.random() < p else no for p in (0.78, 0.08, 0.04, 0.6)]
        return [
            "%s%08d" % (code, serial), name, code, "Huyện %d" % rng.randint(1, 12), kind,
            self.sector_text(s), dmy(founded), dmy(dissolved) if dissolved else "",
            self.maybe(0.05, str(members)), self.maybe(0.05, str(workers)),
            self.maybe(0.08, tenths(revenue)), self.maybe(0.10, tenths(profit)),
            self.maybe(0.25, tenths(income)),
        ] + flags

    def group_row(self, serial, code):
        rng = self.rng
        s = rng.choices(range(len(SECTORS)), GROUP_SECTOR_WEIGHTS)[0]
        founded, dissolved = self.dates()
        revenue = int(rng.lognormvariate(7.0, 0.8))
        profit = int(revenue * rng.uniform(-0.05, 0.3))
        return [
            "THT-%s-%06d" % (code, serial), "Tổ hợp tác %s %d" % (rng.choice(PLACES), serial),
            code, "Huyện %d" % rng.randint(1, 12), self.sector_text(s), dmy(founded),
            dmy(dissolved) if dissolved else "", self.maybe(0.04, str(rng.randint(5, 60))),
            self.maybe(0.10, tenths(revenue)), self.maybe(0.12, tenths(profit)),
        ]

    def write(self, provinces):
        args, rng = self.args, self.rng
        codes = [p["code"] for p in provinces]
        # Skew: lognormal weights, a few large provinces (Hà Nội, TP HCM, Thanh Hóa, Nghệ An…).
        big = {"01": 3.0, "79": 2.0, "38": 2.2, "40": 2.0, "26": 1.5, "36": 1.6, "27": 1.3}
        weights = [rng.lognormvariate(0, 0.7) * big.get(c, 1.0) for c in codes]
        coop_counts = allocate(args.coops, weights, 2)
        group_counts = allocate(round(args.coops * 0.22), weights, 0)
        os.makedirs(args.out, exist_ok=True)
        with open(os.path.join(args.out, "htx.csv"), "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(COOP_HEADER)
            serial = 0
            for code, n in zip(codes, coop_counts):
                for _ in range(n):
                    serial += 1
                    w.writerow(self.coop_row(serial, code))
        with open(os.path.join(args.out, "tht.csv"), "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(GROUP_HEADER)
            serial = 0
            for code, n in zip(codes, group_counts):
                for _ in range(n):
                    serial += 1
                    w.writerow(self.group_row(serial, code))


# --- the config -----------------------------------------------------------------------------

def write_config(args):
    first, last = period_bounds(args.year, args.period)
    report_date = last + timedelta(days=8)
    by_date = "63" if last < MERGER_DATE else "34"
    wanted = "63" if args.codes == "63" else "34"
    lines = [
        "; Synthetic national registry made by tests/tools/generate_national.py",
        "; (--coops %d --seed %d --year %d --period %s --codes %s)." % (
            args.coops, args.seed, args.year, args.period, args.codes),
        ";",
        ";     build/coopreport national.ini -j 4     → out/NN.xlsx for every province + summary",
        "",
        "[report]",
        "province     = all",
        "year         = %d" % args.year,
        "period       = %s" % args.period,
        "date         = %s" % report_date.isoformat(),
        "organization = Liên minh Hợp tác xã {province_type} {province}",
    ]
    if wanted != by_date:
        lines.append("provinces    = %s" % wanted)
    else:
        lines.append("; provinces: by the period end (%s list)" % wanted)
    lines += ["", "[input]", "coops  = htx.csv", "groups = tht.csv", "",
              "[csv]", 'delimiter = ","', 'decimal   = "."', "dates     = dmy", "", "[sectors]"]
    for code, label, _, _ in SECTORS:
        lines.append("%-12s = %s" % (code, label))
    for code, _, aliases, sheet in SECTORS:
        lines += ["", "[sector.%s]" % code]
        if sheet:
            lines.append("sheet   = %s" % sheet)
        lines.append("aliases = %s" % ", ".join(aliases))
    lines += ["", "[target.new_coops_h2]", "label     = Phát triển thêm HTX mới trong 6 tháng cuối năm",
              "sheet     = HTX mới 6 tháng cuối năm",
              "indicator = coops.new", "window    = H2", "min       = 10", "",
              "[output]", "path    = out/{province_code}.xlsx",
              "summary = out/toan-quoc-{year}-{period}.xlsx", ""]
    with open(os.path.join(args.out, "national.ini"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


# --- expected figures, from the files as written -------------------------------------------------

def parse_dmy(text):
    if not text:
        return None
    d, m, y = text.split("/")
    return date(int(y), int(m), int(d))


def parse_tenths(text):
    """'123.4' -> 1234 (the generator writes one decimal); None when empty."""
    if text == "":
        return None
    return int(round(Fraction(text) * 10))


def parse_bool(text):
    t = text.strip().lower()
    if t in TRUE_TEXT:
        return True
    if t in FALSE_TEXT:
        return False
    raise ValueError("boolean %r" % text)


class Tally:
    def __init__(self):
        self.coops = self.new = self.dissolved = self.members = self.workers = 0
        self.groups = self.groups_new = self.groups_dissolved = 0
        self.unions = 0
        self.revenue_sum = self.revenue_n = self.profit_sum = self.profit_n = 0
        self.income_sum = self.income_workers = 0
        self.market = 0
        self.rows_coops = self.rows_groups = 0

    def figures(self):
        def ratio(num, den, scale=1):
            return None if den == 0 else float(Fraction(num) * scale / den)
        return {
            "coops.total": self.coops, "coops.new": self.new, "coops.dissolved": self.dissolved,
            "coops.members": self.members, "coops.workers": self.workers,
            "groups.total": self.groups, "groups.new": self.groups_new,
            "groups.dissolved": self.groups_dissolved, "unions.total": self.unions,
            "coops.revenue.avg": ratio(self.revenue_sum, self.revenue_n * 10),
            "coops.profit.avg": ratio(self.profit_sum, self.profit_n * 10),
            "coops.income.avg": ratio(self.income_sum, self.income_workers * 10),
            "coops.market_access.pct": ratio(self.market, self.coops, 100),
        }


def compute_expected(args, provinces_63, provinces_34):
    first, last = period_bounds(args.year, args.period)
    if args.codes == "63":
        target = {p["code"]: p["code"] for p in provinces_63}
        names = {p["code"]: p["name"] for p in provinces_63}
    else:
        target = {}
        for p in provinces_34:
            for old in p["merged_from"].split():
                target[old] = p["code"]
        names = {p["code"]: p["name"] for p in provinces_34}
    tallies, national = {}, Tally()
    mapped = {"coops": 0, "groups": 0}

    def operating(f, d):
        return f <= last and not (d is not None and d <= last)

    with open(os.path.join(args.out, "htx.csv"), encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        assert next(reader) == COOP_HEADER
        for row in reader:
            (_, _, old, _, kind, _, founded, dissolved, members, workers, revenue, profit, income,
             market, value_chain, high_tech, alliance) = row
            code = target[old]
            mapped["coops"] += code != old
            t = tallies.setdefault(code, Tally())
            founded, dissolved = parse_dmy(founded), parse_dmy(dissolved)
            assert dissolved is None or dissolved > founded
            for b in (value_chain, high_tech, alliance):
                parse_bool(b)
            for x in (t, national):
                x.rows_coops += 1
                if kind == "LHHTX":
                    x.unions += operating(founded, dissolved)
                    continue
                assert kind == "HTX"
                x.new += first <= founded <= last
                x.dissolved += dissolved is not None and first <= dissolved <= last
                if not operating(founded, dissolved):
                    continue
                x.coops += 1
                m = int(members) if members else None
                wk = int(workers) if workers else None
                x.members += m or 0
                x.workers += wk or 0
                r, p, i = parse_tenths(revenue), parse_tenths(profit), parse_tenths(income)
                if r is not None:
                    x.revenue_sum += r
                    x.revenue_n += 1
                if p is not None:
                    x.profit_sum += p
                    x.profit_n += 1
                if i is not None and wk is not None:
                    x.income_sum += i * wk
                    x.income_workers += wk
                x.market += parse_bool(market)
    with open(os.path.join(args.out, "tht.csv"), encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        assert next(reader) == GROUP_HEADER
        for row in reader:
            old, founded, dissolved = row[2], parse_dmy(row[5]), parse_dmy(row[6])
            code = target[old]
            mapped["groups"] += code != old
            t = tallies.setdefault(code, Tally())
            for x in (t, national):
                x.rows_groups += 1
                x.groups_new += first <= founded <= last
                x.groups_dissolved += dissolved is not None and first <= dissolved <= last
                x.groups += operating(founded, dissolved)
    provinces = {}
    for code in sorted(tallies):
        t = tallies[code]
        entry = {"name": names[code], "rows_coops": t.rows_coops, "rows_groups": t.rows_groups}
        entry.update(t.figures())
        provinces[code] = entry
    nat = national.figures()
    nat["rows_coops"], nat["rows_groups"] = national.rows_coops, national.rows_groups
    # Self-check: the additive figures of the provinces add up to the national ones.
    for key in ADDITIVE_KEYS + ["groups.new", "groups.dissolved", "unions.total"]:
        assert sum(p[key] for p in provinces.values()) == nat[key], key
    for key in RATIO_KEYS:
        for p in list(provinces.values()) + [nat]:
            assert p[key] is None or math.isfinite(p[key]), key
    return {
        "note": "Written by tests/tools/generate_national.py from htx.csv and tht.csv (SPEC §5 "
                "figures; null = blank). Province keys are codes of the report's province list.",
        "arguments": {"coops": args.coops, "seed": args.seed, "year": args.year,
                      "period": args.period, "codes": args.codes},
        "province_list": "63" if args.codes == "63" else "34",
        "period_end": last.isoformat(),
        "files": {"htx.csv": national.rows_coops, "tht.csv": national.rows_groups},
        "mapped": {"coops": mapped["coops"], "groups": mapped["groups"],
                   "total": mapped["coops"] + mapped["groups"]},
        "national": nat,
        "provinces": provinces,
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--coops", type=int, required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--period", choices=["H1", "FY"], default="H1")
    parser.add_argument("--year", type=int, default=2024)
    parser.add_argument("--codes", choices=["63", "34-merged"], default="63")
    args = parser.parse_args(argv)
    if args.codes == "34-merged" and period_bounds(args.year, args.period)[1] < MERGER_DATE:
        parser.error("--codes 34-merged needs a period ending on or after 1 July 2025 "
                     "(e.g. --year 2025 --period FY)")
    provinces_63, provinces_34 = read_provinces(PROVINCES_63), read_provinces(PROVINCES_34)
    old_codes = sorted(o for p in provinces_34 for o in p["merged_from"].split())
    assert old_codes == sorted(p["code"] for p in provinces_63), "merged_from does not cover the 63 list"
    Generator(args).write(provinces_63)
    write_config(args)
    expected = compute_expected(args, provinces_63, provinces_34)
    with open(os.path.join(args.out, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(expected, f, ensure_ascii=False, indent=1, sort_keys=False)
        f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
