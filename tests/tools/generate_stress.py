#!/usr/bin/env python3
"""Makes a registry that strains the printed layout, for tests/tools/layout_workbooks.py:

    generate_stress.py --out DIR

Python 3 standard library only; the same arguments give the same bytes. Writes:

  DIR/htx.csv       HTX of the 63 provinces under the 13 sections of the official economic
                    classification (VSIC), with their long official names; very long unit and
                    district names; 39 columns (the 17 canonical ones and 22 long notes columns);
                    20 rows of Bắc Ninh (27) rejected (a 31 February, an unknown sector, an amount
                    in words), read with --keep-going
  DIR/tht.csv       a few cooperative groups a province
  DIR/stress.ini    the report of Bắc Ninh, H1 2024
  DIR/national.ini  province = all, its national summary out/toan-quoc-2024-H1.xlsx

Paths in the configs are relative to DIR.
"""

import argparse
import csv
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))

SECTORS = [
    ("nong_nghiep", "Nông nghiệp, lâm nghiệp và thủy sản"),
    ("khai_khoang", "Khai khoáng"),
    ("che_bien", "Công nghiệp chế biến, chế tạo"),
    ("dien", "Sản xuất và phân phối điện, khí đốt, nước nóng, hơi nước và điều hòa không khí"),
    ("nuoc", "Cung cấp nước; hoạt động quản lý và xử lý rác thải, nước thải"),
    ("xay_dung", "Xây dựng"),
    ("thuong_mai", "Bán buôn và bán lẻ; sửa chữa ô tô, mô tô, xe máy và xe có động cơ khác"),
    ("van_tai", "Vận tải kho bãi"),
    ("luu_tru", "Dịch vụ lưu trú và ăn uống"),
    ("tai_chinh", "Hoạt động tài chính, ngân hàng và bảo hiểm"),
    ("giao_duc", "Giáo dục và đào tạo"),
    ("y_te", "Y tế và hoạt động trợ giúp xã hội"),
    ("nghe_thuat", "Nghệ thuật, vui chơi và giải trí"),
]
LONG_NAME = ("Hợp tác xã Dịch vụ Nông nghiệp, Thương mại, Du lịch Sinh thái và Bảo tồn Làng nghề "
             "Truyền thống Gốm sứ Thổ Hà – Vạn Phúc – Đồng Kỵ Phát triển Bền vững")
DISTRICTS = ["Thành phố Từ Sơn", "Huyện Lương Tài (xã Trung Kênh, thôn Nghĩa Hương Đông Thượng)",
             "Thị xã Quế Võ", "Thị xã Thuận Thành (phường Xuân Lâm, khu phố Tú Tháp Nội)"]
HEADER = ["id", "name", "province", "district", "kind", "sector", "founded", "dissolved", "members",
          "workers", "revenue", "profit", "income", "market_access", "value_chain", "high_tech",
          "alliance_member"]
NOTES = ["Cột bổ sung thứ %d (ghi chú của cán bộ thống kê huyện)" % k for k in range(1, 23)]
GROUP_HEADER = ["id", "name", "province", "district", "sector", "founded", "dissolved", "members",
                "revenue", "profit"]
HOME = "27"
HOME_ROWS = 40


def coop_rows(rng, province, count):
    rows = []
    for i in range(count):
        code, label = SECTORS[i % len(SECTORS)]
        name = LONG_NAME if i % 4 == 0 else "HTX %s số %d" % (label[:30], i)
        founded = "%02d/%02d/%d" % (rng.randint(1, 28), rng.randint(1, 12), rng.choice([1995, 2010, 2024]))
        row = ["S%s-%05d" % (province, i), name, province, rng.choice(DISTRICTS),
               "LHHTX" if i % 23 == 7 else "HTX", label, founded, "", rng.randint(7, 5000),
               rng.randint(1, 300), round(rng.uniform(10, 90000), 1), round(rng.uniform(-500, 3000), 1),
               round(rng.uniform(20, 150), 1), rng.choice(["x", ""]), rng.choice(["có", "không"]),
               rng.choice(["1", "0"]), rng.choice(["yes", "no"])]
        rows.append(row + ["ghi chú %d rất dài để kiểm tra độ rộng cột trong trang in" % k
                           for k in range(len(NOTES))])
    return rows


def reject_some(rows):
    """Spoils every other row (20 of 40): a 31 February, an unknown sector, an amount in words."""
    for k in range(0, len(rows), 2):
        if k % 6 == 0:
            rows[k][6] = "31/02/2024"
        elif k % 6 == 2:
            rows[k][5] = "Hoạt động chuyên môn, khoa học và công nghệ (không có trong cấu hình)"
        else:
            rows[k][10] = "mười hai tỷ đồng"


def write_csv(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def config(province, output):
    sectors = "\n".join('%s = "%s"' % (code, label) for code, label in SECTORS)
    return """; written by tests/tools/generate_stress.py
[report]
province = %s
year     = 2024
period   = H1
date     = 2024-07-08
provinces = 63

[input]
coops  = htx.csv
groups = tht.csv

[csv]
delimiter = ","
decimal   = "."
dates     = dmy

[sectors]
%s

[output]
%s
""" % (province, sectors, output)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", required=True)
    args = parser.parse_args(argv)
    rng = random.Random(2024)
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(ROOT, "data", "provinces-63.csv"), encoding="utf-8") as handle:
        codes = [row[0] for row in csv.reader(handle)][1:]
    coops, groups = [], []
    for code in codes:
        rows = coop_rows(rng, code, HOME_ROWS if code == HOME else rng.randint(2, 6))
        if code == HOME:
            reject_some(rows)
        coops += rows
        groups += [["T%s-%04d" % (code, i), "Tổ hợp tác số %d" % i, code, DISTRICTS[0],
                    SECTORS[i][0], "01/03/2015", "", 12, 100.5, 20.25] for i in range(2)]
    write_csv(os.path.join(args.out, "htx.csv"), HEADER + NOTES, coops)
    write_csv(os.path.join(args.out, "tht.csv"), GROUP_HEADER, groups)
    with open(os.path.join(args.out, "stress.ini"), "w", encoding="utf-8") as handle:
        handle.write(config(HOME, "path = out/stress.xlsx"))
    with open(os.path.join(args.out, "national.ini"), "w", encoding="utf-8") as handle:
        handle.write(config("all", "path = out/{province_code}-{year}-{period}.xlsx\n"
                                   "summary = out/toan-quoc-{year}-{period}.xlsx"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
