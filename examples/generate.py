#!/usr/bin/env python3
"""Makes the synthetic cooperative registry of Bắc Ninh used by the examples and tests.

    python3 examples/generate.py

Python 3 standard library only, deterministic (fixed seed): running it twice gives the same bytes.

The registry is one list of units (hợp tác xã, liên hiệp HTX, tổ hợp tác), each with its founding
and dissolution dates; every file is a snapshot of it as an export taken a few days after a period
end. Files written:

  examples/data/htx_2024_h1.csv, tht_2024_h1.csv   H1 2024, export of 06/07/2024
  examples/data/htx_2024_fy.csv, tht_2024_fy.csv   FY 2024, export of 09/01/2025
  examples/data/htx_2023_fy.csv, tht_2023_fy.csv   FY 2023, export of 08/01/2024 (previous year)
  tests/data/excel-vn/ds-htx-6-thang-2024.csv, ds-tht-6-thang-2024.csv
                                                   the H1 2024 files as a Vietnamese Excel export
  tests/data/bad-rows/coops.csv                    five rows that must be rejected
  tests/data/expected-h1.json, expected-fy.json    the indicators, computed here independently

The H1 2024 data reproduce the seed report (shared/seed): 723 HTX operating at 30/6/2024, 566 in
agriculture, 15 founded in H1 (10 agriculture, 5 trade), 235 THT with an average revenue of exactly
170 and an average profit of exactly 40 million VND. After writing, the script re-reads every file
it wrote with its own small parser, recomputes the indicators from the rows (SPEC §5) and asserts
those figures; the JSON files hold what it computed.
"""

import csv
import io
import json
import os
import random
import sys
import unicodedata
from datetime import date, timedelta
from fractions import Fraction

SEED = 20240708

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DATA_DIR = os.path.join(HERE, "data")
TEST_DATA_DIR = os.path.join(ROOT, "tests", "data")

PROVINCE_CODE = "27"

# Sector code -> label, in the configs' order, and the aliases the configs declare.
SECTORS = [
    ("nong_nghiep", "Nông nghiệp"),
    ("cn_ttcn", "Công nghiệp - Tiểu thủ công nghiệp"),
    ("thuong_mai", "Thương mại"),
    ("gtvt", "Giao thông vận tải"),
    ("xay_dung", "Xây dựng"),
    ("moi_truong", "Vệ sinh môi trường"),
    ("quy_tin_dung", "Quỹ tín dụng nhân dân"),
]
SECTOR_LABEL = dict(SECTORS)
SECTOR_CODES = [code for code, _ in SECTORS]
ALIASES = {  # must match [sector.*] aliases in the example configs
    "nong_nghiep": ["NN", "Nông lâm thủy sản", "Dịch vụ nông nghiệp"],
    "cn_ttcn": ["TTCN", "Tiểu thủ công nghiệp", "CN-TTCN"],
    "thuong_mai": ["TM", "Thương mại - Dịch vụ"],
    "gtvt": ["GTVT", "Vận tải"],
    "xay_dung": ["XD"],
    "moi_truong": ["VSMT", "Môi trường"],
    "quy_tin_dung": ["QTDND", "Quỹ tín dụng"],
}
PLAN = {"coops.new": 30, "coops.total": 735, "groups.new": 10, "groups.total": 240}

COOP_HEADER = ["id", "name", "province", "district", "kind", "sector", "founded", "dissolved",
               "members", "workers", "revenue", "profit", "income", "market_access",
               "value_chain", "high_tech", "alliance_member"]
GROUP_HEADER = ["id", "name", "province", "district", "sector", "founded", "dissolved",
                "members", "revenue", "profit"]
VN_COOP_HEADER = ["Mã HTX", "Tên hợp tác xã", "Tỉnh", "Huyện", "Loại hình", "Lĩnh vực",
                  "Ngày thành lập", "Ngày giải thể", "Số thành viên", "Số lao động", "Doanh thu",
                  "Lợi nhuận", "Thu nhập bình quân", "Tiếp cận thị trường",
                  "Liên kết chuỗi giá trị", "Ứng dụng công nghệ cao", "Thành viên Liên minh"]
VN_GROUP_HEADER = ["Mã THT", "Tên tổ hợp tác", "Tỉnh", "Huyện", "Lĩnh vực", "Ngày thành lập",
                   "Ngày giải thể", "Số thành viên", "Doanh thu", "Lợi nhuận"]

# Districts (huyện, thị xã, thành phố) of Bắc Ninh with some of their communes.
DISTRICTS = [
    ("TP Bắc Ninh", "BN", ["Hòa Long", "Kim Chân", "Vân Dương", "Nam Sơn", "Khắc Niệm",
                           "Hạp Lĩnh", "Phong Khê", "Khúc Xuyên", "Vạn An", "Võ Cường"]),
    ("TP Từ Sơn", "TS", ["Tam Sơn", "Hương Mạc", "Phù Chẩn", "Tương Giang", "Phù Khê",
                         "Đồng Kỵ", "Châu Khê", "Đình Bảng", "Trang Hạ"]),
    ("Tiên Du", "TD", ["Tân Chi", "Lạc Vệ", "Phật Tích", "Hoàn Sơn", "Liên Bão", "Nội Duệ",
                       "Việt Đoàn", "Minh Đạo", "Cảnh Hưng", "Đại Đồng", "Hiên Vân",
                       "Tri Phương", "Phú Lâm"]),
    ("TX Quế Võ", "QV", ["Bằng An", "Bồng Lai", "Cách Bi", "Châu Phong", "Chi Lăng",
                         "Đào Viên", "Đức Long", "Hán Quảng", "Mộ Đạo", "Ngọc Xá", "Phù Lãng",
                         "Phương Liễu", "Việt Hùng", "Yên Giả", "Nhân Hòa"]),
    ("Yên Phong", "YP", ["Dũng Liệt", "Đông Phong", "Đông Thọ", "Đông Tiến", "Hòa Tiến",
                         "Long Châu", "Tam Đa", "Tam Giang", "Thụy Hòa", "Trung Nghĩa",
                         "Văn Môn", "Yên Phụ", "Yên Trung"]),
    ("Gia Bình", "GB", ["Bình Dương", "Cao Đức", "Đại Bái", "Đại Lai", "Đông Cứu",
                        "Giang Sơn", "Lãng Ngâm", "Nhân Thắng", "Quỳnh Phú", "Song Giang",
                        "Thái Bảo", "Vạn Ninh", "Xuân Lai"]),
    ("Lương Tài", "LT", ["An Thịnh", "Bình Định", "Lai Hạ", "Lâm Thao", "Minh Tân",
                         "Mỹ Hương", "Phú Hòa", "Phú Lương", "Quảng Phú", "Tân Lãng",
                         "Trung Chính", "Trung Kênh", "Trừng Xá"]),
    ("TX Thuận Thành", "TT", ["An Bình", "Đại Đồng Thành", "Đình Tổ", "Gia Đông", "Hà Mãn",
                              "Hoài Thượng", "Mão Điền", "Nghĩa Đạo", "Ngũ Thái",
                              "Nguyệt Đức", "Ninh Xá", "Song Hồ", "Song Liễu",
                              "Thanh Khương", "Trạm Lộ", "Trí Quả", "Xuân Lâm"]),
]
HAMLETS = ["Đông", "Đoài", "Thượng", "Hạ", "Trung", "Nội", "Ngoại", "Tiền", "Hậu", "Bắc",
           "Nam", "Phú", "An", "Xuân", "Cầu", "Chợ", "Mới", "Giữa"]
COOP_NAME_PATTERNS = {
    "nong_nghiep": ["HTX Dịch vụ nông nghiệp {p}", "HTX Nông nghiệp {p}", "HTX Rau an toàn {p}",
                    "HTX Chăn nuôi {p}", "HTX Thủy sản {p}", "HTX Dịch vụ điện năng {p}",
                    "HTX Nông nghiệp công nghệ cao {p}", "HTX Sản xuất và tiêu thụ lúa gạo {p}",
                    "HTX Trồng trọt và dịch vụ tổng hợp {p}", "HTX Dịch vụ nông nghiệp thôn {h}, xã {x}",
                    "HTX Nông nghiệp thôn {h} {x}"],
    "cn_ttcn": ["HTX Mây tre đan {p}", "HTX Đồ gỗ mỹ nghệ {p}", "HTX Sản xuất giấy {p}",
                "HTX Đúc đồng {p}", "HTX Gốm {p}", "HTX Dệt may {p}", "HTX Cơ khí {p}",
                "HTX Tiểu thủ công nghiệp {p}", "HTX Chế biến gỗ {p}"],
    "thuong_mai": ["HTX Thương mại dịch vụ {p}", "HTX Kinh doanh tổng hợp {p}",
                   "HTX Dịch vụ thương mại {p}", "HTX Thương mại và tiêu thụ nông sản {p}"],
    "gtvt": ["HTX Vận tải {p}", "HTX Vận tải hành khách {p}", "HTX Dịch vụ vận tải {p}",
             "HTX Vận tải hàng hóa {p}"],
    "xay_dung": ["HTX Xây dựng {p}", "HTX Xây dựng và dịch vụ {p}", "HTX Vật liệu xây dựng {p}"],
    "moi_truong": ["HTX Vệ sinh môi trường {p}", "HTX Dịch vụ môi trường {p}",
                   "HTX Thu gom rác thải {p}"],
    "quy_tin_dung": ["Quỹ tín dụng nhân dân {p}"],
}
GROUP_NAME_PATTERNS = {
    "nong_nghiep": ["Tổ hợp tác sản xuất rau an toàn thôn {h}, {x}", "THT Chăn nuôi thôn {h} {x}",
                    "Tổ hợp tác trồng nấm {x}", "THT Nuôi trồng thủy sản {x}",
                    "Tổ hợp tác dịch vụ thủy nông thôn {h} {x}", "THT Trồng hoa, cây cảnh {x}"],
    "cn_ttcn": ["THT Mây tre đan thôn {h} {x}", "Tổ hợp tác làm gốm {x}", "THT Mộc dân dụng {x}",
                "Tổ hợp tác may mặc {x}"],
    "thuong_mai": ["THT Kinh doanh nông sản {x}", "Tổ hợp tác dịch vụ thương mại {x}"],
    "gtvt": ["THT Vận tải thôn {h} {x}"],
    "xay_dung": ["Tổ hợp tác xây dựng thôn {h} {x}"],
    "moi_truong": ["Tổ hợp tác thu gom rác thải {x}"],
}

rng = random.Random(SEED)


# --- the registry ----------------------------------------------------------------------------

class Unit:
    """One cooperative, union or group. Attributes that change over time are in `snap`."""

    def __init__(self, uid, name, kind, sector, district, founded, dissolved=None,
                 province="27", group=False):
        self.id, self.name, self.kind, self.sector = uid, name, kind, sector
        self.district, self.founded, self.dissolved = district, founded, dissolved
        self.province, self.group = province, group
        self.base = {}


def rand_date(first, last):
    return first + timedelta(days=rng.randint(0, (last - first).days))


def pick_district():
    weights = [len(communes) for _, _, communes in DISTRICTS]
    return rng.choices(DISTRICTS, weights)[0]


used_names = set()


def make_name(patterns, sector):
    for attempt in range(200):
        district, _, communes = pick_district()
        commune = rng.choice(communes)
        pattern = rng.choice(patterns[sector])
        place = commune if rng.random() < 0.85 or attempt > 50 else district.replace("TP ", "").replace("TX ", "")
        name = pattern.format(p=place, x=commune, h=rng.choice(HAMLETS))
        if "{h}" in pattern and attempt > 100:
            name += " " + str(attempt)
        if name not in used_names:
            used_names.add(name)
            return name, district
    raise AssertionError("no free name")


used_ids = set()


def coop_id():
    while True:
        uid = "2300" + "%06d" % rng.randint(100000, 999999)
        if uid not in used_ids:
            used_ids.add(uid)
            return uid


group_serial = {}


def group_id(district_short):
    group_serial[district_short] = group_serial.get(district_short, 0) + rng.randint(1, 4)
    return "THT-%s-%04d" % (district_short, group_serial[district_short])


def new_coop(sector, founded, dissolved=None, kind="HTX", name=None, province="27"):
    generated_name, district = make_name(COOP_NAME_PATTERNS, sector)
    return Unit(coop_id(), name or generated_name, kind, sector, district, founded, dissolved,
                province)


def new_group(sector, founded, dissolved=None):
    name, district = make_name(GROUP_NAME_PATTERNS, sector)
    short = [s for d, s, _ in DISTRICTS if d == district][0]
    return Unit(group_id(short), name, "THT", sector, district, founded, dissolved, group=True)


def old_founding(sector):
    """A founding date before 2023: many agricultural HTX were re-registered in 1997–1999."""
    if sector == "nong_nghiep" and rng.random() < 0.55:
        return rand_date(date(1997, 1, 1), date(1999, 12, 31))
    if sector == "quy_tin_dung":
        return rand_date(date(1995, 6, 1), date(2005, 12, 31))
    return rand_date(date(2000, 1, 1), date(2022, 12, 31))


def build_coops():
    """The cooperative registry. See the figures asserted in check_* below."""
    d = date
    units = []
    # HTX operating at 30/6/2024 and founded before 2024: 708 = 723 - 15 new in H1 2024.
    operating_old = {"nong_nghiep": 556, "cn_ttcn": 52, "thuong_mai": 33, "gtvt": 17,
                     "xay_dung": 14, "moi_truong": 13, "quy_tin_dung": 23}
    # ... of which founded in 2023 (the previous year's new HTX): 26.
    new_2023 = {"nong_nghiep": 15, "cn_ttcn": 3, "thuong_mai": 4, "gtvt": 1, "xay_dung": 1,
                "moi_truong": 2}
    old = []
    for sector, count in operating_old.items():
        for i in range(count):
            if i < new_2023.get(sector, 0):
                founded = rand_date(d(2023, 1, 1), d(2023, 12, 31))
            else:
                founded = old_founding(sector)
            old.append(new_coop(sector, founded))
    # Edges of 2023: one founded on 01/01/2023, one on 31/12/2023.
    first_2023 = [u for u in old if u.founded.year == 2023]
    first_2023[0].founded = d(2023, 1, 1)
    first_2023[1].founded = d(2023, 12, 31)
    units += old

    # 15 new in H1 2024: 10 agriculture, 5 trade; one on 01/01/2024, one on 30/06/2024.
    h1_dates = [d(2024, 1, 1), d(2024, 1, 5), d(2024, 1, 22), d(2024, 2, 27), d(2024, 3, 8),
                d(2024, 3, 19), d(2024, 4, 2), d(2024, 4, 16), d(2024, 4, 25), d(2024, 5, 9),
                d(2024, 5, 21), d(2024, 6, 4), d(2024, 6, 14), d(2024, 6, 26), d(2024, 6, 30)]
    h1_sectors = ["nong_nghiep"] * 10 + ["thuong_mai"] * 5
    rng.shuffle(h1_sectors)
    for founded, sector in zip(h1_dates, h1_sectors):
        units.append(new_coop(sector, founded))

    # Three of the operating HTX are dissolved in H2 2024 (still counted at 30/6/2024); the one
    # dissolved on 03/07/2024 already shows as dissolved in the H1 export of 06/07/2024, and the
    # one dissolved on 31/12/2024 no longer counts at the end of the year.
    h2_dissolved = [d(2024, 7, 3), d(2024, 10, 15), d(2024, 12, 31)]
    victims = rng.sample([u for u in old if u.founded.year < 2015 and u.sector != "quy_tin_dung"],
                         len(h2_dissolved))
    for unit, when in zip(victims, h2_dissolved):
        unit.dissolved = when

    # Dissolved in H1 2024 (4, one on 01/01/2024, one on 30/06/2024: not operating at 30/6).
    for when, sector in [(d(2024, 1, 1), "nong_nghiep"), (d(2024, 3, 12), "gtvt"),
                         (d(2024, 5, 28), "cn_ttcn"), (d(2024, 6, 30), "nong_nghiep")]:
        units.append(new_coop(sector, old_founding(sector), when))
    # Dissolved in 2023 (9, one on 31/12/2023) and earlier (2019–2022, 24).
    dissolved_2023 = [d(2023, 2, 14), d(2023, 3, 30), d(2023, 5, 5), d(2023, 6, 30),
                      d(2023, 8, 18), d(2023, 9, 7), d(2023, 10, 24), d(2023, 11, 29),
                      d(2023, 12, 31)]
    for when in dissolved_2023:
        sector = rng.choice(["nong_nghiep", "nong_nghiep", "cn_ttcn", "thuong_mai", "gtvt",
                             "xay_dung"])
        units.append(new_coop(sector, old_founding(sector), when))
    for _ in range(24):
        sector = rng.choice(["nong_nghiep", "nong_nghiep", "nong_nghiep", "cn_ttcn", "thuong_mai",
                             "gtvt", "xay_dung", "moi_truong"])
        founded = rand_date(d(1997, 1, 1), d(2012, 12, 31))
        units.append(new_coop(sector, founded, rand_date(d(2019, 1, 1), d(2022, 12, 31))))
    # Founded in H2 2024 (12; three of them before the H1 export of 06/07/2024, one on
    # 31/12/2024) and in January 2025 (2, after the FY 2024 period: listed, not counted).
    h2_new = [(d(2024, 7, 1), "nong_nghiep"), (d(2024, 7, 2), "thuong_mai"),
              (d(2024, 7, 4), "nong_nghiep"), (d(2024, 8, 12), "nong_nghiep"),
              (d(2024, 8, 30), "moi_truong"), (d(2024, 9, 17), "nong_nghiep"),
              (d(2024, 10, 8), "cn_ttcn"), (d(2024, 10, 29), "nong_nghiep"),
              (d(2024, 11, 14), "thuong_mai"), (d(2024, 11, 27), "nong_nghiep"),
              (d(2024, 12, 10), "nong_nghiep"), (d(2024, 12, 31), "nong_nghiep")]
    for founded, sector in h2_new:
        units.append(new_coop(sector, founded))
    for founded, sector in [(d(2025, 1, 3), "nong_nghiep"), (d(2025, 1, 7), "gtvt")]:
        units.append(new_coop(sector, founded))

    # Unions (LHHTX): four operating, one dissolved in 2022. They count only in unions.total.
    for name, sector, founded, dissolved in [
            ("Liên hiệp HTX Nông nghiệp Kinh Bắc", "nong_nghiep", d(2016, 4, 12), None),
            ("Liên hiệp HTX Thương mại Bắc Ninh", "thuong_mai", d(2019, 9, 3), None),
            ("Liên hiệp HTX Vận tải Bắc Ninh", "gtvt", d(2012, 11, 20), None),
            ("Liên hiệp HTX Gốm sứ Phù Lãng", "cn_ttcn", d(2021, 3, 15), None),
            ("Liên hiệp HTX Rau an toàn Quế Võ", "nong_nghiep", d(2014, 6, 2), d(2022, 8, 31))]:
        units.append(new_coop(sector, founded, dissolved, kind="LHHTX", name=name))

    # Names that need CSV quoting: a quote, a ';' and a newline.
    specials = [
        ('HTX Dịch vụ nông nghiệp "Đồng Tiến" Tân Chi', "nong_nghiep", "Tiên Du"),
        ("HTX Gốm Phù Lãng; chi nhánh Quế Võ", "cn_ttcn", "TX Quế Võ"),
        ("HTX Mây tre đan Xuân Lai\n(tên cũ: HTX TTCN Xuân Lai)", "cn_ttcn", "Gia Bình"),
        ('HTX Rau an toàn "Sạch"; Yên Phong', "nong_nghiep", "Yên Phong"),
    ]
    for name, sector, district in specials:
        candidates = [u for u in units if u.kind == "HTX" and u.dissolved is None
                      and u.sector == sector and u.founded.year < 2020 and "\n" not in u.name
                      and '"' not in u.name]
        unit = rng.choice(candidates)
        unit.name, unit.district = name, district

    # Rows of another province (Bắc Giang) in the same export: skipped, counted as skipped.
    strays = []
    for province, name in [("Bắc Giang", "HTX Nông nghiệp Việt Yên"),
                           ("24", "HTX Vải thiều Lục Ngạn"),
                           ("Tỉnh Bắc Giang", "HTX Dịch vụ nông nghiệp Tân Yên")]:
        unit = new_coop("nong_nghiep", old_founding("nong_nghiep"), name=name, province=province)
        unit.id = "2400" + unit.id[4:]
        unit.district = name.split()[-2] + " " + name.split()[-1]
        strays.append(unit)

    rng.shuffle(units)
    units.sort(key=lambda u: u.founded)  # registries list by registration date
    return units, strays


def build_groups():
    d = date
    units = []
    operating_old = {"nong_nghiep": 177, "cn_ttcn": 27, "thuong_mai": 11, "gtvt": 4,
                     "xay_dung": 6, "moi_truong": 4}   # 229 = 235 - 6 new in H1 2024
    new_2023 = {"nong_nghiep": 6, "cn_ttcn": 2}
    old = []
    for sector, count in operating_old.items():
        for i in range(count):
            if i < new_2023.get(sector, 0):
                founded = rand_date(d(2023, 1, 1), d(2023, 12, 31))
            else:
                founded = rand_date(d(2008, 1, 1), d(2022, 12, 31))
            old.append(new_group(sector, founded))
    units += old
    for founded, sector in [(d(2024, 1, 1), "nong_nghiep"), (d(2024, 2, 20), "nong_nghiep"),
                            (d(2024, 3, 15), "cn_ttcn"), (d(2024, 4, 22), "nong_nghiep"),
                            (d(2024, 5, 30), "thuong_mai"), (d(2024, 6, 30), "nong_nghiep")]:
        units.append(new_group(sector, founded))
    # Dissolved in H2 2024: four of the operating ones.
    for unit, when in zip(rng.sample([u for u in old if u.founded.year < 2020], 4),
                          [d(2024, 8, 1), d(2024, 9, 30), d(2024, 11, 11), d(2024, 12, 20)]):
        unit.dissolved = when
    # Dissolved in H1 2024 (3), in 2023 (3) and earlier (6).
    for when in [d(2024, 2, 1), d(2024, 4, 10), d(2024, 6, 30), d(2023, 3, 3), d(2023, 7, 20),
                 d(2023, 12, 1), d(2019, 5, 5), d(2020, 10, 10), d(2021, 1, 20), d(2021, 6, 6),
                 d(2022, 3, 30), d(2022, 12, 12)]:
        sector = rng.choice(["nong_nghiep", "nong_nghiep", "cn_ttcn", "xay_dung"])
        units.append(new_group(sector, rand_date(d(2008, 1, 1), d(2018, 12, 31)), when))
    # Founded in H2 2024 (5, two before the H1 export) and in January 2025 (1).
    for founded, sector in [(d(2024, 7, 1), "nong_nghiep"), (d(2024, 7, 5), "cn_ttcn"),
                            (d(2024, 9, 9), "nong_nghiep"), (d(2024, 10, 21), "moi_truong"),
                            (d(2024, 12, 2), "nong_nghiep"), (d(2025, 1, 6), "nong_nghiep")]:
        units.append(new_group(sector, founded))
    rng.shuffle(units)
    units.sort(key=lambda u: (u.district, u.founded))
    return units


# --- figures per snapshot ----------------------------------------------------------------------

# Snapshots: (name, period first day, period last day, export date)
SNAPSHOTS = {
    "2023_fy": (date(2023, 1, 1), date(2023, 12, 31), date(2024, 1, 8)),
    "2024_h1": (date(2024, 1, 1), date(2024, 6, 30), date(2024, 7, 6)),
    "2024_fy": (date(2024, 1, 1), date(2024, 12, 31), date(2025, 1, 9)),
}


def set_bases(units):
    """Time-independent characteristics, drawn once per unit."""
    for u in units:
        r = random.Random("%d:%s" % (SEED, u.id))
        b = u.base
        if u.group:
            b["members"] = r.randint(3, 45)
            b["revenue"] = r.uniform(150, 420)          # million VND a year
            b["margin"] = r.uniform(0.10, 0.35)
        else:
            if u.kind == "LHHTX":
                b["members"] = r.randint(3, 12)         # member cooperatives
                b["workers"] = r.randint(4, 25)
                b["revenue"] = r.uniform(3000, 25000)
            elif u.sector == "nong_nghiep":
                b["members"] = r.randint(40, 2800) if r.random() < 0.6 else r.randint(7, 60)
                b["workers"] = r.randint(3, 25)
                b["revenue"] = r.uniform(300, 6000)
            elif u.sector == "quy_tin_dung":
                b["members"] = r.randint(600, 4500)
                b["workers"] = r.randint(6, 18)
                b["revenue"] = r.uniform(4000, 30000)
            else:
                b["members"] = r.randint(7, 120)
                b["workers"] = r.randint(5, 80)
                b["revenue"] = r.uniform(500, 12000)
            b["margin"] = r.uniform(-0.04, 0.14)
            b["income"] = r.uniform(42, 96)             # million VND/person/year, 2023
            b["income_growth"] = r.uniform(0.0, 0.21)
            b["revenue_growth"] = r.uniform(-0.08, 0.22)
            # Flags switch on over time: one draw, compared with a rising threshold.
            b["u_market"], b["u_chain"] = r.random(), r.random()
            b["u_tech"], b["u_member"] = r.random(), r.random()
        b["decimals"] = r.choice([1, 1, 1, 2, 3])
        b["blank"] = r.random()


FLAG_P = {  # probability thresholds per snapshot
    "market": {"2023_fy": 0.80, "2024_h1": 0.84, "2024_fy": 0.87},
    "chain": {"2023_fy": 0.055, "2024_h1": 0.058, "2024_fy": 0.066},
    "tech": {"2023_fy": 0.035, "2024_h1": 0.040, "2024_fy": 0.045},
    "member": {"2023_fy": 0.52, "2024_h1": 0.55, "2024_fy": 0.56},
}
TRUE_SPELLINGS = ["x", "x", "x", "1", "1", "có", "Có", "X", "yes"]
FALSE_SPELLINGS = ["", "", "0", "0", "không", "Không", "no"]


def round_to(value, decimals):
    q = 10 ** (3 - decimals)
    return int(round(value * 1000 / q)) * q


def snapshot_values(u, snap):
    """The row values of unit u in snapshot snap (None = empty cell). Money in thousandths."""
    first, last, export = SNAPSHOTS[snap]
    r = random.Random("%d:%s:%s" % (SEED, u.id, snap))
    b = u.base
    v = {}
    dissolved = u.dissolved if u.dissolved and u.dissolved <= export else None
    before = dissolved is not None and dissolved < first     # gone before the period
    not_yet = u.founded > last
    v["members"] = None if not_yet else max(0, int(round(b["members"] * r.uniform(0.97, 1.04))))
    if not u.group:
        v["workers"] = None if not_yet else max(1, int(round(b["workers"] * r.uniform(0.9, 1.1))))
    year_factor = 1.0 if first.year == 2023 else 1.0 + b.get("revenue_growth", 0.05)
    share = 1.0 if last.month == 12 else r.uniform(0.40, 0.55)
    if u.founded.year == last.year:   # founded during the year: part of it only
        share *= max(0.05, (last - u.founded).days / 365.0)
    if before or not_yet:
        v["revenue"] = v["profit"] = None
    else:
        if dissolved and dissolved <= last:
            share *= max(0.02, (dissolved - first).days / 365.0)
        revenue = b["revenue"] * year_factor * share * r.uniform(0.93, 1.07)
        v["revenue"] = round_to(revenue, b["decimals"])
        v["profit"] = round_to(revenue * (b["margin"] + r.uniform(-0.02, 0.02)), b["decimals"])
    if not u.group:
        income = b["income"] * (1.0 if first.year == 2023 else 1.0 + b["income_growth"])
        if last.month == 6:
            income *= r.uniform(0.97, 1.01)    # the half-year estimate of the annual income
        v["income"] = None if (before or not_yet) else round_to(income, 1)
        for flag, key, field in [("market", "u_market", "market_access"),
                                 ("chain", "u_chain", "value_chain"),
                                 ("tech", "u_tech", "high_tech"),
                                 ("member", "u_member", "alliance_member")]:
            on = b[key] < FLAG_P[flag][snap] and not not_yet
            v[field] = on
    # Some cells not reported (empty), never for every field at once.
    blank = b["blank"]
    if blank < 0.03:
        v["members"] = None
    if not u.group and 0.03 <= blank < 0.07:
        v["workers"] = None
    if not u.group and (0.07 <= blank < 0.13 or r.random() < 0.02):
        v["income"] = None
    if r.random() < 0.025:
        v["revenue"] = None
    if r.random() < 0.035:
        v["profit"] = None
    v["dissolved"] = dissolved
    return v


def make_exact_average(values, mean_milli):
    """Adjusts values (a list of thousandths) in place so that they average exactly mean_milli,
    keeping each a non-round figure with the same number of decimals."""
    n = len(values)
    deficit = mean_milli * n - sum(values)
    # Spread the difference in steps of 0.1 million over random entries.
    step = 100
    order = list(range(n))
    rng.shuffle(order)
    i = 0
    while deficit != 0:
        k = order[i % n]
        delta = max(-step, min(step, deficit)) if abs(deficit) >= step else deficit
        if values[k] + delta > 0:
            values[k] += delta
            deficit -= delta
        i += 1
    assert sum(values) == mean_milli * n


# --- writing -----------------------------------------------------------------------------------

def fmt_date(day, r):
    if day is None:
        return ""
    if r.random() < 0.04:
        return "%d/%d/%04d" % (day.day, day.month, day.year)   # d/m/yyyy, also accepted
    return day.strftime("%d/%m/%Y")


def fmt_number(thousandths, decimal=".", grouping=False):
    """12345600 -> '12345.6' (or '12.345,6' with decimal ',' and grouping)."""
    if thousandths is None:
        return ""
    sign = "-" if thousandths < 0 else ""
    whole, frac = divmod(abs(thousandths), 1000)
    text = str(whole)
    if grouping:
        sep = "." if decimal == "," else ","
        groups = []
        while len(text) > 3:
            groups.insert(0, text[-3:])
            text = text[:-3]
        text = sep.join([text] + groups)
    frac_text = ("%03d" % frac).rstrip("0")
    return sign + text + (decimal + frac_text if frac_text else "")


def fmt_int(n, decimal=".", grouping=False):
    return "" if n is None else fmt_number(n * 1000, decimal, grouping)


def sector_spelling(code, r):
    label = SECTOR_LABEL[code]
    choices = [code, label, label, label, label.upper(), label.lower(),
               " " + label + " ", label.title()] + ALIASES[code]
    return r.choice(choices)


def province_spelling(u, r):
    if u.province != PROVINCE_CODE:
        return u.province
    return r.choice(["27"] * 7 + ["Bắc Ninh", "Bắc Ninh", "Tỉnh Bắc Ninh", "Bac Ninh"])


def flag_spelling(on, r):
    return r.choice(TRUE_SPELLINGS if on else FALSE_SPELLINGS)


def snapshot_rows(units, snap, group, extra=()):
    """(unit, values, cells) of the units in a snapshot's export: cells are the canonical CSV
    text, values the figures behind them (reused for the Excel twin)."""
    first, last, export = SNAPSHOTS[snap]
    rows = []
    for u in list(units) + list(extra):
        if u.founded > export:
            continue
        v = snapshot_values(u, snap)
        r = random.Random("%d:%s:%s:text" % (SEED, u.id, snap))
        cells = {
            "id": u.id, "name": u.name, "province": province_spelling(u, r),
            "district": "" if r.random() < 0.02 else u.district,
            "kind": "" if (u.kind == "HTX" and r.random() < 0.01) else u.kind,
            "sector": sector_spelling(u.sector, r),
            "founded": fmt_date(u.founded, r), "dissolved": fmt_date(v["dissolved"], r),
            "members": fmt_int(v["members"]),
            "revenue": fmt_number(v["revenue"]), "profit": fmt_number(v["profit"]),
        }
        if not group:
            cells["workers"] = fmt_int(v["workers"])
            cells["income"] = fmt_number(v["income"])
            for field in ["market_access", "value_chain", "high_tech", "alliance_member"]:
                cells[field] = flag_spelling(v[field], r)
            if r.random() < 0.01 and v["revenue"] and v["revenue"] >= 1000000:
                cells["revenue"] = fmt_number(v["revenue"], ".", grouping=True)   # "1,234.5"
        rows.append((u, v, cells))
    return rows


def write_csv(path, header, rows, delimiter=",", newline="\n", bom=False):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=newline)
    writer.writerow(header)
    for row in rows:
        writer.writerow(row)
    data = buffer.getvalue().encode("utf-8")
    if bom:
        data = b"\xef\xbb\xbf" + data
    with open(path, "wb") as f:
        f.write(data)


def write_canonical(path, rows, group):
    header = GROUP_HEADER if group else COOP_HEADER
    write_csv(path, header, [[cells[f] for f in header] for _, _, cells in rows])


def write_excel_twin(path, rows, group):
    """The same rows as a Vietnamese Excel export: ';', decimal comma, BOM, CRLF, NFD labels."""
    header = VN_GROUP_HEADER if group else VN_COOP_HEADER
    fields = GROUP_HEADER if group else COOP_HEADER
    out = []
    for i, (u, v, cells) in enumerate(rows):
        row = dict(cells)
        for field in ["members", "workers"]:
            if field in row:
                row[field] = fmt_int(v[field], ",", grouping=True)
        for field in ["revenue", "profit", "income"]:
            if field in row:
                row[field] = fmt_number(v[field], ",", grouping=True)
        if i % 5 == 2:    # decomposed (NFD) Vietnamese, as some Mac and web exports write it
            row["sector"] = unicodedata.normalize("NFD", row["sector"])
        out.append([row[f] for f in fields])
    write_csv(path, header, out, delimiter=";", newline="\r\n", bom=True)


def write_bad_rows(path):
    """Twelve data rows, five of them bad; line numbers in tests/e2e/test_bad_rows.py."""
    header = COOP_HEADER
    good = lambda uid, name, sector, founded: [  # noqa: E731
        uid, name, "27", "Tiên Du", "HTX", sector, founded, "", "25", "6", "850.5", "40.2",
        "60", "x", "", "", "1"]
    rows = [
        good("2300900001", "HTX Dịch vụ nông nghiệp Lạc Vệ", "nong_nghiep", "12/03/1998"),  # 2
        good("2300900002", "HTX Rau an toàn Phật Tích", "Nông nghiệp", "05/09/2015"),       # 3
        good("2300900003", "HTX Mây tre đan Hoàn Sơn", "TTCN", "31/02/2024"),   # 4: founded
        good("2300900004", "HTX Vận tải Tiên Du", "gtvt", "20/11/2009"),                    # 5
        good("2300900005", "HTX Thương mại dịch vụ Nội Duệ", "TM", "14/07/2012"),           # 6
        good("2300900006", "HTX Gốm Phù Lãng\n(tên cũ: HTX Gốm sứ Phù Lãng)", "cn_ttcn",
             "02/01/2001"),                                                     # 7-8
        good("2300900007", "HTX Du lịch sinh thái Phật Tích", "Du lịch", "08/08/2019"),  # 9
        good("2300900008", "HTX Xây dựng Liên Bão", "XD", "17/04/2006"),                    # 10
        good("2300900002", "HTX Rau an toàn Phật Tích (bản sao)", "nong_nghiep",
             "05/09/2015"),                                                     # 11: id
        good("2300900009", "HTX Vệ sinh môi trường Việt Đoàn", "VSMT", "30/05/2017"),       # 12
        good("2300900010", "HTX Nông nghiệp Minh Đạo", "NN", "10/05/2018"),     # 13: dissolved
        good("2300900011", "Quỹ tín dụng nhân dân Tân Chi", "QTDND", "25/12/1996"),         # 14
    ]
    rows[4][8] = "mười hai"                 # line 6: members
    rows[10][7] = "01/03/2015"              # line 13: dissolved before founded
    write_csv(path, header, rows)


# --- independent re-reading and indicators -----------------------------------------------------

def nfc_key(text):
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


SECTOR_KEYS = {}
for _code, _label in SECTORS:
    for _spelling in [_code, _label] + ALIASES[_code]:
        SECTOR_KEYS[nfc_key(_spelling)] = _code


def parse_date(text):
    if not text:
        return None
    day, month, year = (int(p) for p in text.split("/"))
    return date(year, month, day)


def parse_decimal(text, decimal):
    """Exact value of a number cell (None when empty)."""
    if text == "":
        return None
    if decimal == ",":
        text = text.replace(".", "").replace(",", ".")
    else:
        text = text.replace(",", "")
    return Fraction(text)


TRUE_WORDS = {"x", "1", "có", "yes", "true", "y", "c"}


def read_units(path, decimal=".", columns=None):
    """Rows of a CSV file as dicts of canonical fields, each with its physical line."""
    with open(path, "rb") as f:
        data = f.read()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    text = data.decode("utf-8")
    delimiter = ";" if decimal == "," else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = next(reader)
    if columns:
        header = [columns[h] for h in header]
    units = []
    for row in reader:
        cells = dict(zip(header, row))
        unit = {
            "id": cells["id"], "name": cells["name"],
            "province": cells.get("province", "27"),
            "kind": cells.get("kind") or "HTX",
            "sector": SECTOR_KEYS[nfc_key(cells["sector"])],
            "founded": parse_date(cells["founded"]),
            "dissolved": parse_date(cells["dissolved"]),
        }
        for field in ["members", "workers", "revenue", "profit", "income"]:
            if field in cells:
                unit[field] = parse_decimal(cells[field], decimal)
        for field in ["market_access", "value_chain", "high_tech", "alliance_member"]:
            if field in cells:
                unit[field] = nfc_key(cells[field]) in TRUE_WORDS
        units.append(unit)
    return units


def in_province(unit):
    return nfc_key(unit["province"]) in {"27", "bắc ninh", "tỉnh bắc ninh", "bac ninh"}


def operating(unit, day):
    return unit["founded"] <= day and not (unit["dissolved"] and unit["dissolved"] <= day)


def ratio(a, b, scale=100):
    if a is None or b is None or b == 0:
        return None
    return Fraction(a) / Fraction(b) * scale


def base_figures(coops, groups, first, last):
    """SPEC §5 for one window, as exact Fractions (None = blank)."""
    f = {}
    if coops is not None:
        coops = [u for u in coops if in_province(u)]
        htx = [u for u in coops if u["kind"] == "HTX"]
        op = [u for u in htx if operating(u, last)]
        f["coops.total"] = len(op)
        for code in SECTOR_CODES:
            n = sum(1 for u in op if u["sector"] == code)
            f["coops.sector." + code] = n
            f["coops.sector.%s.share" % code] = ratio(n, len(op))
        new = [u for u in htx if first <= u["founded"] <= last]
        f["coops.new"] = len(new)
        for code in SECTOR_CODES:
            f["coops.new.sector." + code] = sum(1 for u in new if u["sector"] == code)
        f["coops.dissolved"] = sum(1 for u in htx if u["dissolved"] and
                                   first <= u["dissolved"] <= last)
        f["unions.total"] = sum(1 for u in coops if u["kind"] == "LHHTX" and operating(u, last))
        f["coops.members"] = sum(u["members"] for u in op if u["members"] is not None)
        f["coops.workers"] = sum(u["workers"] for u in op if u["workers"] is not None)
        for field in ["revenue", "profit"]:
            values = [u[field] for u in op if u[field] is not None]
            f["coops.%s.avg" % field] = ratio(sum(values), len(values), 1) if values else None
        both = [u for u in op if u["income"] is not None and u["workers"] is not None]
        f["coops.income.avg"] = ratio(sum(u["income"] * u["workers"] for u in both),
                                      sum(u["workers"] for u in both), 1)
        f["coops.market_access.pct"] = ratio(sum(1 for u in op if u["market_access"]), len(op))
        f["coops.value_chain"] = sum(1 for u in op if u["value_chain"])
        f["coops.high_tech"] = sum(1 for u in op if u["high_tech"])
        f["coops.alliance_members"] = sum(1 for u in op if u["alliance_member"])
    if groups is not None:
        groups = [u for u in groups if in_province(u)]
        op = [u for u in groups if operating(u, last)]
        f["groups.total"] = len(op)
        f["groups.new"] = sum(1 for u in groups if first <= u["founded"] <= last)
        f["groups.dissolved"] = sum(1 for u in groups if u["dissolved"] and
                                    first <= u["dissolved"] <= last)
        f["groups.members"] = sum(u["members"] for u in op if u["members"] is not None)
        for field in ["revenue", "profit"]:
            values = [u[field] for u in op if u[field] is not None]
            f["groups.%s.avg" % field] = ratio(sum(values), len(values), 1) if values else None
    return f


def indicators(coops, groups, first, last, prev_coops=None, prev_groups=None):
    """The full set with .plan/.plan_pct, .prev/.prev_pct and the income growth."""
    base = base_figures(coops, groups, first, last)
    prev = None
    if prev_coops is not None or prev_groups is not None:
        shift = lambda d: d.replace(year=d.year - 1)  # noqa: E731
        prev = base_figures(prev_coops, prev_groups, shift(first), shift(last))
    out = {}
    for key, value in base.items():
        out[key] = value
        if key in PLAN:
            out[key + ".plan"] = PLAN[key]
            out[key + ".plan_pct"] = ratio(value, PLAN[key])
        if prev is not None and key in prev:
            out[key + ".prev"] = prev[key]
            out[key + ".prev_pct"] = ratio(value, prev[key])
    if prev is not None and "coops.income.avg" in prev:
        r = ratio(base["coops.income.avg"], prev["coops.income.avg"])
        out["coops.income.growth_pct"] = None if r is None else r - 100
    return out


def summary(units, first, last):
    """The run-summary counts of one file (SPEC §4)."""
    s = {"read": len(units), "counted": 0, "listed": 0, "rejected": 0, "skipped": 0}
    for u in units:
        if not in_province(u):
            s["skipped"] += 1
        elif operating(u, last):
            s["counted"] += 1
        else:
            s["listed"] += 1
    return s


def as_json_number(value):
    if value is None:
        return None
    if isinstance(value, Fraction) and value.denominator == 1:
        return int(value)
    if isinstance(value, Fraction):
        return float(value)
    return value


def write_json(path, data):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        json.dump(data, f, ensure_ascii=False, indent=1, sort_keys=False)
        f.write("\n")


# --- main --------------------------------------------------------------------------------------

def main():
    coops, strays = build_coops()
    groups = build_groups()
    set_bases(coops + strays + groups)

    files = {}
    for snap in SNAPSHOTS:
        extra = strays if snap == "2024_h1" else ()
        files["htx_" + snap] = snapshot_rows(coops, snap, False, extra)
        files["tht_" + snap] = snapshot_rows(groups, snap, True)

    # The H1 THT averages of the seed: exactly 170 and 40 over the operating THT that report.
    h1_end = SNAPSHOTS["2024_h1"][1]
    for field, mean in [("revenue", 170), ("profit", 40)]:
        rows = [(u, v, c) for u, v, c in files["tht_2024_h1"]
                if operating({"founded": u.founded, "dissolved": v["dissolved"]}, h1_end)
                and v[field] is not None]
        values = [v[field] for _, v, _ in rows]
        make_exact_average(values, mean * 1000)
        for (u, v, cells), value in zip(rows, values):
            v[field] = value
            cells[field] = fmt_number(value)

    for name, rows in files.items():
        write_canonical(os.path.join(DATA_DIR, name + ".csv"), rows, name.startswith("tht"))
    excel_dir = os.path.join(TEST_DATA_DIR, "excel-vn")
    write_excel_twin(os.path.join(excel_dir, "ds-htx-6-thang-2024.csv"), files["htx_2024_h1"], False)
    write_excel_twin(os.path.join(excel_dir, "ds-tht-6-thang-2024.csv"), files["tht_2024_h1"], True)
    write_bad_rows(os.path.join(TEST_DATA_DIR, "bad-rows", "coops.csv"))

    # Re-read what was written and compute the figures from the files alone.
    read = {name: read_units(os.path.join(DATA_DIR, name + ".csv")) for name in files}
    vn_columns_coops = dict(zip(VN_COOP_HEADER, COOP_HEADER))
    vn_columns_groups = dict(zip(VN_GROUP_HEADER, GROUP_HEADER))
    excel_coops = read_units(os.path.join(excel_dir, "ds-htx-6-thang-2024.csv"), ",",
                             vn_columns_coops)
    excel_groups = read_units(os.path.join(excel_dir, "ds-tht-6-thang-2024.csv"), ",",
                              vn_columns_groups)

    h1_first, h1_last, _ = SNAPSHOTS["2024_h1"]
    fy_first, fy_last, _ = SNAPSHOTS["2024_fy"]
    h1 = indicators(read["htx_2024_h1"], read["tht_2024_h1"], h1_first, h1_last)
    fy = indicators(read["htx_2024_fy"], read["tht_2024_fy"], fy_first, fy_last,
                    read["htx_2023_fy"], read["tht_2023_fy"])
    h1_excel = indicators(excel_coops, excel_groups, h1_first, h1_last)

    check_h1(h1)
    assert h1_excel == h1, "the Excel twin does not give the same figures"
    check_fy(fy, h1)

    def expected(figures, files_read, first, last, note):
        required = {k: as_json_number(v) for k, v in figures.items()}
        optional = {}
        if "coops.income.growth_pct" not in required:
            optional["coops.income.growth_pct"] = None   # blank (or absent) without prev input
        return {
            "note": note,
            "required": required,
            "optional": optional,
            "summary": {name + ".csv": summary(read[name], first, last) for name in files_read},
        }

    write_json(os.path.join(TEST_DATA_DIR, "expected-h1.json"), expected(
        h1, ["htx_2024_h1", "tht_2024_h1"], h1_first, h1_last,
        "Written by examples/generate.py from examples/data/*_2024_h1.csv: the indicators of "
        "examples/bac-ninh-2024-h1.ini (None = blank) and the run summary of each input."))
    fy_summary = expected(fy, ["htx_2024_fy", "tht_2024_fy"], fy_first, fy_last,
                          "Written by examples/generate.py from examples/data/*_2024_fy.csv and "
                          "*_2023_fy.csv: the indicators of examples/bac-ninh-2024-fy.ini.")
    prev_first, prev_last = date(2023, 1, 1), date(2023, 12, 31)
    for name in ["htx_2023_fy", "tht_2023_fy"]:
        fy_summary["summary"][name + ".csv"] = summary(read[name], prev_first, prev_last)
    write_json(os.path.join(TEST_DATA_DIR, "expected-fy.json"), fy_summary)

    if "-q" not in sys.argv[1:]:
        print_figures("H1 2024 (examples/bac-ninh-2024-h1.ini)", h1)
        print_figures("FY 2024 (examples/bac-ninh-2024-fy.ini)", fy)
        for name in files:
            print("%-20s %s" % (name + ".csv", summary(read[name], *SNAPSHOTS[name[4:]][:2])))


def print_figures(title, figures):
    print(title)
    for key, value in figures.items():
        shown = "" if value is None else ("%.15g" % float(value))
        print("  %-42s %s" % (key, shown))


def check_h1(f):
    """The seed report's figures (SPEC §5) and the properties the tests rely on."""
    assert f["coops.total"] == 723, f["coops.total"]
    assert f["coops.sector.nong_nghiep"] == 566
    assert f["coops.sector.nong_nghiep.share"] == Fraction(566 * 100, 723)
    assert f["coops.new"] == 15
    assert f["coops.new.sector.nong_nghiep"] == 10
    assert f["coops.new.sector.thuong_mai"] == 5
    assert f["coops.new.plan"] == 30 and f["coops.new.plan_pct"] == 50
    assert f["coops.dissolved"] == 4
    assert f["unions.total"] == 4
    assert f["groups.total"] == 235
    assert f["groups.revenue.avg"] == 170, f["groups.revenue.avg"]
    assert f["groups.profit.avg"] == 40, f["groups.profit.avg"]
    assert sum(f["coops.sector." + c] for c in SECTOR_CODES) == 723
    assert "coops.total.prev" not in f


def check_fy(f, h1):
    assert f["coops.new"] == 27 and f["coops.new.prev"] == 26
    assert f["coops.total"] == 732 and f["coops.total.prev"] == 712
    assert f["coops.dissolved"] == 7 and f["coops.dissolved.prev"] == 9
    assert f["groups.total"] == 236 and f["groups.total.prev"] == 232
    assert f["unions.total"] == 4 and f["unions.total.prev"] == 4
    for key in ["coops.income.avg.prev", "coops.income.growth_pct", "coops.revenue.avg.prev"]:
        assert f[key] is not None and f[key] != 0, key
    assert f["coops.value_chain"] > h1["coops.value_chain"] >= f["coops.value_chain.prev"]


if __name__ == "__main__":
    main()
