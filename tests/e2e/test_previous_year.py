"""Last year's file exported by other software: [previous_csv] (its own delimiter, decimal and
date style) and [previous_coops.columns] (its own headers) apply to it alone, and the .prev
figures come out as computed here from the same rows."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

CURRENT = """id,name,province,sector,founded,dissolved,members,workers,revenue,profit,income
HTX01,HTX Lạc Vệ,27,Nông nghiệp,12/03/1998,,25,6,850.5,40.2,60
HTX02,HTX Phật Tích,27,Thương mại,05/09/2015,,12,4,300,10,55
HTX03,HTX Đông Phong,27,Nông nghiệp,01/02/2024,,9,3,120,5,48.5
HTX04,HTX Ba Đình,01,Thương mại,01/01/2010,,30,10,900,50,70
"""

# Last year's export: ';' between fields, decimal comma with '.' between thousands, ISO dates,
# Vietnamese headers, no members or profit column, a province given by name.
# (id, province, sector, founded, dissolved, workers, revenue, income as written)
PREVIOUS_ROWS = [
    ("HTX01", "Bắc Ninh", "Nông nghiệp", "1998-03-12", "", "5", "1.250,5", "62,5"),
    ("HTX02", "Bắc Ninh", "TM", "2015-09-05", "", "4", "280", "50,25"),
    ("HTX05", "Bắc Ninh", "Nông nghiệp", "2001-01-01", "2023-05-31", "7", "90", "40"),  # gone
    ("HTX06", "Bắc Ninh", "Thương mại", "2012-04-01", "2023-12-01", "8", "2.000", "45,5"),
    ("HTX07", "Bắc Ninh", "Thương mại", "2023-07-15", "", "2", "10", "30"),      # founded later
    ("HTX08", "Bắc Ninh", "Nông nghiệp", "2019-10-10", "", "", "", "38,75"),     # no workers
    ("HTX09", "Hà Nội", "Nông nghiệp", "2005-05-05", "", "20", "900", "80"),
]
PREVIOUS_HEADER = ("Mã HTX;Tên HTX;Tỉnh;Lĩnh vực;Ngày thành lập;Ngày giải thể;Số lao động;"
                   "Doanh thu;Thu nhập BQ")

CONFIG = """[report]
province  = {province}
year      = 2024
period    = H1
date      = 2024-07-08
provinces = 63

[input]
coops          = coops.csv
previous_coops = htx-2023.csv

[csv]
delimiter = ","
decimal   = "."
dates     = dmy

{previous}
[sectors]
nong_nghiep = Nông nghiệp
thuong_mai  = Thương mại

[sector.thuong_mai]
aliases = TM

[output]
path = out/{{province_code}}.xlsx
"""

PREVIOUS_SECTIONS = """[previous_csv]
delimiter = ";"
decimal   = ","
dates     = iso

[previous_coops.columns]
id        = Mã HTX
name      = Tên HTX
province  = Tỉnh
sector    = Lĩnh vực
founded   = Ngày thành lập
dissolved = Ngày giải thể
workers   = Số lao động
revenue   = Doanh thu
income    = Thu nhập BQ
"""


def comma_decimal(text):
    return float(text.replace(".", "").replace(",", ".")) if text else None


def expected_previous():
    """coops.total, coops.revenue.avg and coops.income.avg of province 27 at 30/6/2023."""
    total, revenues, weighted, workers = 0, [], 0.0, 0
    for _id, province, _sector, founded, dissolved, staff, revenue, income in PREVIOUS_ROWS:
        if province != "Bắc Ninh" or founded > "2023-06-30":
            continue
        if dissolved and dissolved <= "2023-06-30":
            continue
        total += 1
        if revenue:
            revenues.append(comma_decimal(revenue))
        if staff and income:
            weighted += comma_decimal(income) * int(staff)
            workers += int(staff)
    return total, sum(revenues) / len(revenues), weighted / workers


def write_case(folder, province, previous_sections):
    with open(os.path.join(folder, "coops.csv"), "w", encoding="utf-8") as f:
        f.write(CURRENT)
    with open(os.path.join(folder, "htx-2023.csv"), "w", encoding="utf-8") as f:
        f.write(PREVIOUS_HEADER + "\n")
        for row_id, province_name, sector, founded, dissolved, staff, revenue, income in \
                PREVIOUS_ROWS:
            f.write(";".join([row_id, "HTX " + row_id, province_name, sector, founded, dissolved,
                              staff, revenue, income]) + "\n")
    path = os.path.join(folder, "case.ini")
    with open(path, "w", encoding="utf-8") as f:
        f.write(CONFIG.format(province=province, previous=previous_sections))
    return path


def main():
    common.require_binary()
    c = common.Checker("test_previous_year")
    total, revenue, income = expected_previous()
    c.equal(total, 4, "the test's own expectation (HTX01, 02, 06, 08 operate at 30/6/2023)")

    with common.TempDir() as folder:
        config = write_case(folder, "27", PREVIOUS_SECTIONS)
        result = common.run(config, "--indicators=csv", "-o", os.path.join(folder, "r.xlsx"))
        if c.equal(result.returncode, 0, "single-province run\n" + result.describe()):
            values = common.indicator_values(
                c, common.parse_indicators_csv(result.stdout), "single-province run")
            c.equal(values.get("coops.total.prev"), float(total), "coops.total.prev")
            c.close(values.get("coops.revenue.avg.prev"), revenue, "coops.revenue.avg.prev")
            c.close(values.get("coops.income.avg.prev"), income, "coops.income.avg.prev")
            c.close(values.get("coops.income.growth_pct"),
                    values.get("coops.income.avg", 0) / income * 100 - 100,
                    "coops.income.growth_pct")
            c.equal(values.get("coops.total"), 3.0, "coops.total (this year's file, ',' and '.')")
            c.close(values.get("coops.income.avg"), (60 * 6 + 55 * 4 + 48.5 * 3) / 13,
                    "coops.income.avg (this year's file keeps [csv])")
            c.check("warning" not in result.stderr,
                    "no warning: the previous file's headers are its own\n" + result.describe())

        # A batch run splits last year's file by its own delimiter and province column.
        result = common.run(config, "-p", "all", "--no-progress")
        if c.equal(result.returncode, 0, "batch run\n" + result.describe()):
            workbook = common.load_workbook(os.path.join(folder, "out", "27.xlsx"))
            names = common.defined_name_values(workbook)
            common.check_name_value(c, names, "coops.total.prev", total, "batch 27")
            common.check_name_value(c, names, "coops.revenue.avg.prev", revenue, "batch 27")
            common.check_name_value(c, names, "coops.income.avg.prev", income, "batch 27")

    # Without the sections, last year's file is read with this year's dialect and headers:
    # refused (one header cell, no 'id'), not misread.
    with common.TempDir() as folder:
        config = write_case(folder, "27", "")
        result = common.run(config, "--check")
        c.equal(result.returncode, common.EXIT_USAGE, "without [previous_*]\n" + result.describe())
        c.check("htx-2023.csv:1:" in result.stderr and "required column 'id'" in result.stderr,
                "without [previous_*]: the missing column is named\n" + result.describe())

    # A header named in [previous_coops.columns] that the file lacks is a typo: an error.
    with common.TempDir() as folder:
        config = write_case(folder, "27", PREVIOUS_SECTIONS.replace(
            "income    = Thu nhập BQ", "income    = Thu nhap BQ 2023"))
        result = common.run(config, "--check")
        c.equal(result.returncode, common.EXIT_USAGE, "a typo in [previous_coops.columns]\n" +
                result.describe())
        c.check("column 'Thu nhap BQ 2023' named in the config is not in the header"
                in result.stderr, "the typo is named\n" + result.describe())
    c.finish()


if __name__ == "__main__":
    main()
