"""Every sheet prints as an office would send it (tests/tools/layout_check.py): no clipped text,
no row too low for its wrapped lines, no chart over a cell or a title row, nothing outside the
print area, no page scaled to an unreadable size.

First the checker itself, on a workbook made here with openpyxl whose problems are known: it
must find each of them and nothing on the cells that are fine. Then the workbooks `make look`
renders (tests/tools/layout_workbooks.py: H1, FY, English, --keep-going, national summary, and
the stress registry's province report and national summary), every sheet checked.

Known problems are listed in tests/e2e/layout_known_failures.txt, one "WORKBOOK:SHEET!CELL:
KIND" a line; the writer passes, so the list is empty. A problem not in the list fails the
test, and so does a listed one that no longer happens: the list may only shrink. UPDATE_LAYOUT_KNOWN_FAILURES=1 rewrites it from this run (review the diff)."""
import os
import re
import sys
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
import common  # noqa: E402
import layout_check  # noqa: E402
import layout_workbooks  # noqa: E402

KNOWN_FAILURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "layout_known_failures.txt")

checker = common.Checker("layout")
common.require_binary()


def crafted_workbook(path):
    """A workbook with one sheet that is fine and one with each kind of problem; returns the
    keys the checker must report."""
    import openpyxl
    from openpyxl.chart import BarChart, Reference
    from openpyxl.styles import Alignment, Font

    book = openpyxl.Workbook()
    good = book.active
    good.title = "Tốt"
    times = Font(name="Times New Roman", size=12)
    good.column_dimensions["A"].width = 12
    good["A1"] = "Số HTX"                                     # fits its column
    good["A1"].font = times
    good["A2"] = "Liên minh Hợp tác xã tỉnh Bắc Ninh"         # overflows into empty B2:E2
    good["A2"].font = times
    good["A3"] = 1234.5                                       # "1,234.5" fits
    good["A3"].number_format = "#,##0.0"
    good["A4"] = "Thực hiện cùng kỳ năm 2023"                 # wraps in 3 lines of a 60 pt row
    good["A4"].font = times
    good["A4"].alignment = Alignment(wrap_text=True)
    good.row_dimensions[4].height = 60
    good["B5"] = "TÌNH HÌNH PHÁT TRIỂN"                       # fits its merged span B5:E5
    good["B5"].font = Font(name="Times New Roman", size=12, bold=True)
    good.merge_cells("B5:E5")
    good["A8"] = "x"
    good.print_area = "A1:J20"
    chart = BarChart()
    chart.add_data(Reference(good, min_col=1, min_row=3, max_row=3))
    chart.width, chart.height = 8, 4                          # cm, from E10 over nothing
    good.add_chart(chart, "E10")

    bad = book.create_sheet("Xấu")
    bad.column_dimensions["A"].width = 12
    bad["A1"] = "Liên minh Hợp tác xã tỉnh Bắc Ninh"          # B1 holds text: clipped
    bad["A1"].font = times
    bad["B1"] = "x"
    bad["A2"] = 123456789.5                                   # "123,456,789.5" is wider: ####
    bad["A2"].number_format = "#,##0.0"
    bad["A3"] = "Thực hiện cùng kỳ năm 2023"                  # 3 lines in a 15 pt row
    bad["A3"].font = times
    bad["A3"].alignment = Alignment(wrap_text=True)
    bad.row_dimensions[3].height = 15
    bad["B5"] = "Chỉ tiêu"                                    # a title row under the chart
    bad["C6"] = "Ghi chú"                                     # a cell under the chart
    bad["Z40"] = "ngoài vùng in"                              # outside the print area A1:J30
    bad.print_area = "A1:J30"
    bad.print_title_rows = "5:5"
    chart = BarChart()
    chart.add_data(Reference(bad, min_col=1, min_row=2, max_row=2))
    chart.width, chart.height = 30, 6                         # from B4 past column J
    bad.add_chart(chart, "B4")

    wide = book.create_sheet("Rộng")                          # not fit to the page: 2 pages wide
    for column in range(1, 21):
        wide.cell(row=1, column=column, value=column)
        wide.column_dimensions[layout_check.column_letter(column)].width = 12
    fitted = book.create_sheet("Thu nhỏ")                     # fit to 1 page wide at ~20 %
    fitted.sheet_properties.pageSetUpPr.fitToPage = True
    fitted.page_setup.fitToWidth, fitted.page_setup.fitToHeight = 1, 0
    for column in range(1, 101):
        fitted.cell(row=1, column=column, value=column)
        fitted.column_dimensions[layout_check.column_letter(column)].width = 12
    # Two wide columns A:B repeated on each page and 48 narrow ones: on 5 pages about 68 %,
    # readable; on 3 pages 60 % if the repeated columns printed once, 49 % as they print.
    for title, pages in (("Năm trang", 5), ("Ba trang", 3)):
        split = book.create_sheet(title)
        split.sheet_properties.pageSetUpPr.fitToPage = True
        split.page_setup.fitToWidth, split.page_setup.fitToHeight = pages, 0
        split.page_setup.orientation = "landscape"
        split.page_setup.paperSize = 9
        split.print_title_cols = "A:B"
        for column in range(1, 51):
            split.cell(row=1, column=column, value=column)
            split.column_dimensions[layout_check.column_letter(column)].width = 40 if column < 3 else 12
    book.save(path)
    return {"crafted:Ba trang!A1: page-width",
            "crafted:Xấu!A1: clipped", "crafted:Xấu!A2: clipped", "crafted:Xấu!A3: row-too-low",
            "crafted:Xấu!B4: over-titles", "crafted:Xấu!B4: outside-print",
            "crafted:Xấu!B5: covered", "crafted:Xấu!C6: covered",
            "crafted:Xấu!Z40: outside-print", "crafted:Rộng!A1: page-width",
            "crafted:Thu nhỏ!A1: page-width"}


def read_known():
    with open(KNOWN_FAILURES, encoding="utf-8") as handle:
        return {line.strip() for line in handle if line.strip() and not line.startswith("#")}


def write_known(keys):
    with open(KNOWN_FAILURES, encoding="utf-8") as handle:
        header = [line for line in handle if line.startswith("#")]
    with open(KNOWN_FAILURES, "w", encoding="utf-8") as handle:
        handle.writelines(header)
        handle.writelines(key + "\n" for key in sorted(keys))


with common.TempDir() as out_dir:
    # The checker finds what it must, and nothing else.
    crafted = os.path.join(out_dir, "crafted.xlsx")
    want = crafted_workbook(crafted)
    lines = layout_check.check_workbook(crafted)
    got = {layout_check.problem_key(line) for line in lines}
    for key in sorted(want - got):
        checker.check(False, "layout_check missed %s; it reported:\n  %s" % (key, "\n  ".join(lines)))
    for line in lines:
        checker.check(layout_check.problem_key(line) in want, "layout_check false positive: " + line)

    # The workbooks of `make look`.
    try:
        books = layout_workbooks.build(common.BINARY, out_dir)
    except layout_workbooks.BuildError as error:
        checker.check(False, "writing the workbooks: %s" % error)
        books = []
    found = {}
    for name, path in books:
        for line in layout_check.check_workbook(path, name):
            found.setdefault(layout_check.problem_key(line), line)
    if books and os.environ.get("UPDATE_LAYOUT_KNOWN_FAILURES"):
        write_known(found)
        print("wrote %d known failures to %s" % (len(found), KNOWN_FAILURES))
    known = read_known()
    for key in sorted(found):
        checker.check(key in known, "new layout problem: %s" % found[key])
    if books:
        for key in sorted(known - set(found)):
            checker.check(False, "fixed, remove it from %s: %s"
                          % (os.path.relpath(KNOWN_FAILURES, common.ROOT), key))
    print("layout: %d problems found, %d known failures listed" % (len(found), len(known)))

    # What the checker does not measure: a chart off the sheets whose print titles would
    # print over it, bars in the table's order, every category named.
    paths = dict(books)
    for name, table, chart_sheet, categories in (
            ("stress", "Chỉ số", "Cơ cấu theo lĩnh vực", 13),
            ("stress-national", "Toàn quốc", "Biểu đồ", 63)):
        if name not in paths:
            continue
        with zipfile.ZipFile(paths[name]) as package:
            parts, defined = layout_check.sheet_parts(package)
            checker.equal(layout_check.sheet_setup(package, parts[table])["drawings"], [],
                          "%s: no chart on '%s', under its repeated header" % (name, table))
            if not checker.check(chart_sheet in parts, "%s: a sheet '%s'" % (name, chart_sheet)):
                continue
            drawings = layout_check.sheet_setup(package, parts[chart_sheet])["drawings"]
            checker.equal(len(drawings), 1, "%s: one chart on '%s'" % (name, chart_sheet))
            titles = defined.get((chart_sheet, "_xlnm.Print_Titles"))
            checker.check(titles is None or "$1:$1" in titles,
                          "%s: '%s' repeats only its own header (%r)" % (name, chart_sheet, titles))
            charts = [package.read(n).decode("utf-8") for n in package.namelist()
                      if n.startswith("xl/charts/chart")]
            bars = [c for c in charts if "<c:barChart>" in c]
            if checker.equal(len(bars), 1, "%s: one bar chart" % name):
                axis = re.search(r"<c:catAx>.*?</c:catAx>", bars[0]).group(0)
                checker.check('<c:orientation val="maxMin"/>' in axis,
                              "%s: the bars run in the table's order, top down" % name)
                checker.check('<c:tickLblSkip val="1"/>' in axis,
                              "%s: every one of the %d categories is named" % (name, categories))
                # Rows of the default 20 px under the chart: its height from its anchor.
                anchor = drawings[0][1] if len(drawings) == 1 else ("cells", 0, 0, 0, 0, 0, 0, 0, 0)
                height = ((anchor[7] - anchor[3]) * 20 * 9525 + anchor[8] - anchor[4]
                          if anchor[0] == "cells" else 0)
                checker.check(height / 9525 >= 13 * categories,
                              "%s: %d px for %d names" % (name, height / 9525, categories))
                # The series covers the categories, not a totals row under them.
                ranges = re.findall(r"<c:f>[^<]*!\$[A-Z]+\$(\d+):\$[A-Z]+\$(\d+)</c:f>", bars[0])
                checker.check(ranges and all(int(b) - int(a) + 1 == categories for a, b in ranges),
                              "%s: the chart's ranges hold the %d categories only: %r"
                              % (name, categories, ranges))

checker.finish()
