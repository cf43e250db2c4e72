"""The summary form's header block: the right-hand "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" and
"Độc lập - Tự do - Hạnh phúc" belong together. A long organisation on the left wraps over rows
of its own (merged) instead of making its one row tall, which opened a gap between the two
(FORM.md: the national motto sits right under the country's name). An organisation that would
wrap in the first third but fits with a column more ("… THÀNH PHỐ ĐỒNG NAI") takes that column
and stays on one line, level with the country's name, rather than half a line below it."""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

import openpyxl  # noqa: E402

checker = common.Checker("summary_header")
common.require_binary()
GOLDEN = os.path.join(common.TEST_DATA, "golden")
LONG_ORGANIZATION = ("Liên minh Hợp tác xã và Doanh nghiệp ngoài quốc doanh {province_type} {province} "
                     "(Cơ quan thường trực Ban Chỉ đạo phát triển kinh tế tập thể)")

with open(os.path.join(GOLDEN, "golden.ini"), encoding="utf-8") as handle:
    text = re.sub(r"organization = .*", "organization = " + LONG_ORGANIZATION, handle.read())

with common.TempDir() as out_dir:
    config = common.copy_golden_inputs(out_dir, text)
    result, path = common.report(config, out_dir)
    if checker.equal(result.returncode, 0, "exit status\n%s" % result.describe()):
        sheet = openpyxl.load_workbook(path)["Tổng hợp"]
        where = {}
        for row in sheet.iter_rows(min_row=1, max_row=8):
            for cell in row:
                if isinstance(cell.value, str):
                    where.setdefault(cell.value.split(" ")[0], cell.row)
        country, motto = where.get("CỘNG"), where.get("Độc")
        checker.check(country and motto and motto == country + 1,
                      "the motto right under the country's name: rows %r, %r" % (country, motto))
        heights = [sheet.row_dimensions[r].height for r in range(country or 1, (motto or 1) + 1)]
        checker.check(all(h and h < 20 for h in heights),
                      "the country's name and the motto on rows one line tall: %r" % heights)
        organization = next((str(r) for r in sheet.merged_cells.ranges
                             if r.min_row == country and r.min_col == 1), None)
        checker.check(organization and re.match(r"A\d+:[A-Z]+\d+$", organization)
                      and sheet[organization.split(":")[0]].row < int(re.findall(r"\d+", organization)[1]),
                      "the organisation merged over several rows: %r" % organization)

# The default organisation of Đồng Nai (a centrally-run city from 2025, 34-province list).
text = re.sub(r"organization = .*\n", "", text)
text = re.sub(r"province *= *\d+", "province = 75", text)
text = re.sub(r"year *= *\d+", "year = 2025", text)
text = re.sub(r"provinces *= *\d+", "provinces = 34", text)
with common.TempDir() as out_dir:
    with open(os.path.join(out_dir, "coops.csv"), "w", encoding="utf-8") as handle:
        handle.write("id,name,province,sector,founded\n7500001,HTX A,75,Nông nghiệp,01/01/2020\n")
    text = re.sub(r"groups *=.*\n", "", text)
    config = os.path.join(out_dir, "case.ini")
    with open(config, "w", encoding="utf-8") as handle:
        handle.write(text)
    result, path = common.report(config, out_dir)
    if checker.equal(result.returncode, 0, "Đồng Nai: exit status\n%s" % result.describe()):
        sheet = openpyxl.load_workbook(path)["Tổng hợp"]
        organization = next(((c.row, c.coordinate) for row in sheet.iter_rows(min_row=1, max_row=8)
                             for c in row if c.value == "LIÊN MINH HỢP TÁC XÃ THÀNH PHỐ ĐỒNG NAI"),
                            None)
        country = next((c.row for row in sheet.iter_rows(min_row=1, max_row=8) for c in row
                        if c.value == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), None)
        checker.check(organization and organization[0] == country,
                      "Đồng Nai: the organisation level with the country's name: %r, %r"
                      % (organization, country))
        merged = [str(r) for r in sheet.merged_cells.ranges
                  if organization and r.min_row == organization[0] and r.min_col == 1]
        checker.check(merged and all(r.count(str(organization[0])) == 2 for r in merged),
                      "Đồng Nai: the organisation on one row: %r" % merged)
checker.finish()
