"""Targets with a negative bound or very large figures print as a clerk can read them:
- a chart whose value or bound is below 0 keeps its axis free (a fixed minimum of 0 hides
  the bar), and its category names stay clear of the bars (labels low);
- "Tỷ lệ đạt" and the summary's TH/KH are blank when the target's floor is not above 0
  (-254 ÷ -1 000 = 25.4 % would read as progress), and the TH/KH formula agrees when Excel
  recalculates; last year's loss gives no "% so với cùng kỳ" either;
- figures of billions: the value axis and the bars' labels carry thousands separators, the
  labels no decimals (they broke mid-number), and the bound in words ("≤ 5.000.000.000,0")
  is written as the cells show it, in Vietnamese grouping;
- a range (min and max) passed above its maximum says "Vượt mục tiêu", not "Đạt" beside
  "(1–2)"; a negative figure against a positive floor has no "Tỷ lệ đạt" (-508 %)."""
import os
import re
import sys
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

import openpyxl  # noqa: E402

checker = common.Checker("target_extremes")
common.require_binary()

# Four HTX: profit -300, -200, -300, -216 (average -254), revenue in the billions.
HEADER = "id,name,province,sector,founded,revenue,profit\n"
ROWS = ["27%05d,HTX số %d,27,Nông nghiệp,01/01/2020,%s,%s\n" % (n, n, revenue, profit)
        for n, (revenue, profit) in enumerate([(1371779855.4, -300), (1371779855.4, -200),
                                               (1371779855.4, -300), (1371779855.4, -216)])]

CONFIG = """[report]
province = 27
year     = 2024
period   = H1
date     = 2024-07-08

[input]
coops = coops.csv
previous_coops = previous.csv

[sectors]
nong_nghiep = Nông nghiệp

[target.loss]
label = Lợi nhuận trong khoảng
indicator = coops.profit.avg
window = H1
min = -1000
max = 2000

[target.range]
label = Từ 1 đến 2 HTX
indicator = coops.total
window = H1
min = 1
max = 2

[target.floor]
label = Lợi nhuận tối thiểu 50
indicator = coops.profit.avg
window = H1
min = 50

[target.big]
label = Doanh thu không quá trần
indicator = coops.revenue.avg
window = H1
max = 5000000000
"""


def chart_of(archive, sheet_index):
    """The chart XML drawn on the sheet numbered sheet_index (1-based, as in the archive)."""
    rels = archive.read("xl/worksheets/_rels/sheet%d.xml.rels" % sheet_index).decode()
    drawing = re.search(r'Target="\.\./drawings/(drawing\d+\.xml)"', rels).group(1)
    rels = archive.read("xl/drawings/_rels/%s.rels" % drawing).decode()
    chart = re.search(r'Target="\.\./charts/(chart\d+\.xml)"', rels).group(1)
    return archive.read("xl/charts/" + chart).decode()


def value_cells(sheet):
    """label -> the first filled cell after column A, for the block's rows."""
    out = {}
    for row in sheet.iter_rows(min_row=1, max_row=9):
        cell = next((c for c in row[1:] if c.value is not None), None)
        out[row[0].value] = cell
    return out


with common.TempDir() as out_dir:
    with open(os.path.join(out_dir, "coops.csv"), "w", encoding="utf-8") as handle:
        handle.write(HEADER + "".join(ROWS))
    with open(os.path.join(out_dir, "previous.csv"), "w", encoding="utf-8") as handle:
        handle.write(HEADER + "2700000,HTX số 0,27,Nông nghiệp,01/01/2020,1000,-100\n")
    config = os.path.join(out_dir, "targets.ini")
    with open(config, "w", encoding="utf-8") as handle:
        handle.write(CONFIG)
    result, path = common.report(config, out_dir)
    if checker.equal(result.returncode, 0, "exit status\n%s" % result.describe()):
        book = openpyxl.load_workbook(path)
        names = book.sheetnames
        loss, big = book["Lợi nhuận trong khoảng"], book["Doanh thu không quá trần"]
        cells = value_cells(loss)
        value = cells["Kết quả thực hiện"]
        checker.check(value is not None and value.value < 0,
                      "the measured profit is negative: %r" % (value and value.value))
        checker.equal(cells["Tỷ lệ đạt (%)"], None, "no share of a floor of -1 000")
        checker.equal(cells["Mục tiêu"].value, "−1.000,0 – 2.000,0 triệu đồng/HTX",
                      "the range in words as the cells show it, the sign a minus (U+2212), "
                      "after which no line breaks")
        checker.equal(value_cells(big)["Mục tiêu"].value, "≤ 5.000.000.000,0 triệu đồng/HTX",
                      "a large bound in words with thousands apart")

        cells = value_cells(book["Từ 1 đến 2 HTX"])
        checker.equal(cells["Tình trạng"].value, "Vượt mục tiêu", "4 HTX against 1 to 2")
        cells = value_cells(book["Lợi nhuận tối thiểu 50"])
        checker.equal(cells["Tình trạng"].value, "Chưa đạt", "a loss against a floor of 50")
        checker.equal(cells["Tỷ lệ đạt (%)"], None, "no negative share of a floor")

        summary = book["Tổng hợp"]
        rows = {row[1].value: row for row in summary.iter_rows() if row[1].value}
        row = rows.get("Lợi nhuận trong khoảng")
        if checker.check(row is not None, "a summary row for the target"):
            ratio = row[6]
            checker.check(isinstance(ratio.value, str) and
                          re.search(r"OR\(E\d+=\"\",E\d+<=0,F\d+=\"\",F\d+<0\)", ratio.value),
                          "TH/KH blank for a base not above 0, on recalculation too: %r" % ratio.value)
        row = rows.get("Từ 1 đến 2 HTX")
        if checker.check(row is not None, "a summary row for the range"):
            checker.check(str(row[8].value).startswith("Vượt mục tiêu ("),
                          "the note says the range was exceeded: %r" % row[8].value)
        row = rows.get("Doanh thu không quá trần")
        if checker.check(row is not None, "a summary row for the large target"):
            checker.equal(row[8].value, "Đạt (≤ 5.000.000.000,0)", "the note's bound")

        with zipfile.ZipFile(path) as archive:
            loss_chart = chart_of(archive, names.index("Lợi nhuận trong khoảng") + 1)
            big_chart = chart_of(archive, names.index("Doanh thu không quá trần") + 1)
            checker.check('<c:min val="0"/>' not in loss_chart,
                          "a chart with a bar below 0 has no minimum of 0")
            checker.check('<c:tickLblPos val="low"/>' in loss_chart,
                          "categories below the negative bars")
            checker.check('<c:min val="0"/>' in big_chart, "a chart of positive bars starts at 0")
            checker.check('formatCode="#,##0"' in big_chart.split("<c:valAx>")[-1],
                          "the value axis of billions groups thousands")
            checker.check(re.search(r'<c:dLbls><c:numFmt formatCode="#,##0"', big_chart) is not None,
                          "the bars' labels of billions without decimals")

    # Against last year's average loss of -100 the value has no "% so với cùng kỳ".
    result = common.run(config, "--indicators", "-o", os.path.join(out_dir, "again.xlsx"))
    if checker.equal(result.returncode, 0, "--indicators exit status\n%s" % result.describe()):
        figures = common.parse_indicators_csv(result.stdout)
        checker.check("coops.profit.avg.prev" in figures, "last year's profit is read")
        checker.equal(figures.get("coops.profit.avg.prev_pct", {}).get("value"), "",
                      "no percentage of last year's loss")
checker.finish()
