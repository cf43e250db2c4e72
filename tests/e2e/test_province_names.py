"""The default organisation names every province by its own kind: "Liên minh Hợp tác xã thành
phố Hà Nội", "… tỉnh Bắc Ninh" ({province_type} from the list's full_name), for EVERY row of
both shipped lists, in Vietnamese and in English ("Cooperative Alliance of Ha Noi City"), with
the date line "Hà Nội, ngày …" and the national summary's rows. One batch run per list, one HTX
per province."""
import csv
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

import openpyxl  # noqa: E402

checker = common.Checker("province_names")
common.require_binary()

CONFIG = """[report]
province  = all
year      = {year}
period    = FY
date      = {year}-12-31
provinces = {list}
{template}
[input]
coops = coops.csv

[sectors]
nong_nghiep = Nông nghiệp

[output]
path    = out/{list}-{language}/{{province_code}}.xlsx
summary = out/{list}-{language}/toan-quoc.xlsx
"""


def read_list(name):
    with open(os.path.join(common.ROOT, "data", "provinces-%s.csv" % name), encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


with common.TempDir() as out_dir:
    for list_name, year in (("63", 2024), ("34", 2025)):
        provinces = read_list(list_name)
        with open(os.path.join(out_dir, "coops.csv"), "w", encoding="utf-8") as handle:
            handle.write("id,name,province,sector,founded\n")
            for row in provinces:
                handle.write("%s001,HTX %s,%s,Nông nghiệp,01/01/2020\n" % (row["code"], row["name"], row["code"]))
        for language in ("vi", "en"):
            config = os.path.join(out_dir, "%s-%s.ini" % (list_name, language))
            template = "template = annual-report-en\n" if language == "en" else ""
            with open(config, "w", encoding="utf-8") as handle:
                handle.write(CONFIG.format(year=year, list=list_name, language=language,
                                           template=template))
            result = common.run(config, "-q", "-j", "2")
            where = "list %s (%s)" % (list_name, language)
            if not checker.equal(result.returncode, 0, where + ": exit\n" + result.describe()):
                continue
            folder = os.path.join(out_dir, "out", "%s-%s" % (list_name, language))
            for row in provinces:
                kind = row["full_name"][:-len(row["name"])].strip()   # "Tỉnh", "Thành phố"
                checker.check(kind in ("Tỉnh", "Thành phố"), "%s: full_name %r" % (where, row["full_name"]))
                if language == "vi":
                    organization = "Liên minh Hợp tác xã %s %s" % (kind.lower(), row["name"])
                    date_line = "%s, ngày 31 tháng 12 năm %d" % (row["name"], year)
                else:
                    organization = "Cooperative Alliance of %s %s" % (
                        row["name_en"], "City" if kind == "Thành phố" else "Province")
                    date_line = "%s, 31 December %d" % (row["name"], year)
                book = openpyxl.load_workbook(os.path.join(folder, "%s.xlsx" % row["code"]))
                sheet = book.worksheets[0]
                texts = [cell.value for line in sheet.iter_rows(max_row=4) for cell in line
                         if isinstance(cell.value, str)]
                checker.check(organization.upper() in texts,
                              "%s %s: header %r has %r" % (where, row["code"], texts, organization.upper()))
                checker.check(date_line in texts,
                              "%s %s: header %r has %r" % (where, row["code"], texts, date_line))
                checker.equal(book.properties.creator, organization, "%s %s: author" % (where, row["code"]))
                if language == "vi":
                    labels = [line[1].value for line in sheet.iter_rows() if line[1].value]
                    member_row = "Số HTX là thành viên Liên minh HTX %s" % kind.lower()
                    checker.check(member_row in labels, "%s %s: row %r" % (where, row["code"], member_row))
            national = openpyxl.load_workbook(os.path.join(folder, "toan-quoc.xlsx"))["Toàn quốc"]
            names = {line[0].value: line[1].value for line in national.iter_rows(min_row=4)
                     if line[0].value}
            checker.equal(names, {row["code"]: row["name"] for row in provinces},
                          where + ": the national summary's provinces")
    checker.finish()
