"""Every figure is shown by its unit (counts #,##0, amounts and percentages #,##0.0), and a
target's value and threshold never print alike when they differ: 41.43 % against a minimum of
41.5 is "41.4" under "41.5", not "41" under "42", and more decimals come when one is not enough
(41.4286 against 41.43). Checked on the summary's target rows, the target sheets, the "Chỉ số"
sheet and the national summary, by the number format and value openpyxl reads."""
import decimal
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

import openpyxl  # noqa: E402

checker = common.Checker("figure_formats")
common.require_binary()

# 70 HTX, 29 with market access (41.428571… %), one reporting an income of 75.37 for 5 workers.
HEADER = "id,name,province,sector,founded,workers,income,market_access\n"
ROWS = ["27%05d,HTX số %d,27,Nông nghiệp,01/01/2020,%s,%s,%s\n"
        % (n, n, "5" if n == 0 else "", "75.37" if n == 0 else "", "x" if n < 29 else "")
        for n in range(70)]

# label: (indicator, bound line, number format of value and bound, value shown, bound shown)
TARGETS = {
    "Tiếp cận thị trường ≥ 41,5%": ("coops.market_access.pct", "min = 41.5",
                                            "#,##0.0", "41.4", "41.5"),
    "Tiếp cận thị trường ≥ 41,43%": ("coops.market_access.pct", "min = 41.43",
                                             "#,##0.000", "41.429", "41.430"),
    "Thu nhập bình quân ≥ 75,5": ("coops.income.avg", "min = 75.5",
                                          "#,##0.0", "75.4", "75.5"),
    "Số HTX tối thiểu 70": ("coops.total", "min = 70", "#,##0", "70", "70"),
    # A bound of a count is a whole number (a config error otherwise): 70 over 69 apart as is.
    "Số HTX tối đa 69": ("coops.total", "max = 69", "#,##0", "70", "69"),
}

CONFIG = """[report]
province = 27
year     = 2024
period   = H1
date     = 2024-07-08
provinces = 63

[input]
coops = coops.csv

[sectors]
nong_nghiep = Nông nghiệp

%s
[output]
path    = out/{province_code}.xlsx
summary = out/toan-quoc.xlsx
"""


def shown(value, number_format):
    """The text Excel shows for a number with #,##0[.0…] (half away from zero), unlocalised."""
    decimals = len(number_format.split(".")[1]) if "." in number_format else 0
    quantum = decimal.Decimal(1).scaleb(-decimals)
    text = "{:,}".format(decimal.Decimal(repr(float(value))).quantize(quantum, decimal.ROUND_HALF_UP))
    return text


def check_pair(where, value_cell, bound_cell, status):
    """The measured value and a bound: one format, and apart when they differ."""
    checker.equal(value_cell.number_format, bound_cell.number_format,
                  "%s: value and bound share a number format" % where)
    if isinstance(value_cell.value, (int, float)) and value_cell.value != bound_cell.value:
        checker.check(shown(value_cell.value, value_cell.number_format)
                      != shown(bound_cell.value, bound_cell.number_format),
                      "%s: %r and %r print alike (%s) beside %r"
                      % (where, value_cell.value, bound_cell.value, value_cell.number_format, status))


def check_percent(where, cell, status):
    """A target not achieved never shows 100 % achieved (nor one over its maximum)."""
    if status.startswith("Chưa đạt") and isinstance(cell.value, (int, float)):
        checker.check(shown(cell.value, cell.number_format) != shown(100, cell.number_format),
                      "%s: %r %% shows as 100 under %r" % (where, cell.value, status))


with common.TempDir() as out_dir:
    with open(os.path.join(out_dir, "coops.csv"), "w", encoding="utf-8") as handle:
        handle.write(HEADER + "".join(ROWS))
    sections = ""
    for number, (label, (key, bound, _, _, _)) in enumerate(TARGETS.items()):
        sections += ("[target.t%d]\nlabel = %s\nindicator = %s\nwindow = H1\n%s\n\n"
                     % (number, label, key, bound))
    config = os.path.join(out_dir, "targets.ini")
    with open(config, "w", encoding="utf-8") as handle:
        handle.write(CONFIG % sections)

    result, path = common.report(config, out_dir)
    if checker.equal(result.returncode, 0, "exit status\n%s" % result.describe()):
        book = openpyxl.load_workbook(path)
        summary = book["Tổng hợp"]
        # The H1 form: D previous, E plan (the target's bound), F value, G TH/KH, I note.
        rows = {row[1].value: row for row in summary.iter_rows() if row[1].value in TARGETS}
        checker.equal(sorted(rows), sorted(TARGETS), "a summary row per target")
        for label, row in rows.items():
            key, bound, number_format, value_text, bound_text = TARGETS[label]
            plan, value, ratio, note = row[4], row[5], row[6], row[8].value or ""
            where = "summary row %r" % label
            checker.equal(value.number_format, number_format, where + ": value format")
            checker.equal(plan.number_format, number_format, where + ": bound format")
            checker.equal(shown(value.value, value.number_format), value_text, where + ": value shown")
            checker.equal(shown(plan.value, plan.number_format), bound_text, where + ": bound shown")
            check_pair(where, value, plan, note)
            check_percent(where + " TH/KH", ratio, note)
        note = rows["Tiếp cận thị trường ≥ 41,5%"][8].value
        checker.equal(note, "Chưa đạt (≥ 41,5)", "the note writes the bound as Vietnamese do")
        ratio = rows["Tiếp cận thị trường ≥ 41,43%"][6]
        checker.equal(ratio.number_format, "#,##0.000", "99.9966 % short of a target: 3 decimals")

        # Each target's sheet: value, then its bounds, then the percentage and the status.
        for label, (key, bound, number_format, value_text, bound_text) in TARGETS.items():
            sheet = book[label] if label in book.sheetnames else None
            if not checker.check(sheet is not None, "a sheet for target %r in %r" % (label, book.sheetnames)):
                continue
            # Labels span the first columns and values the rest: a row's value is its
            # first filled cell after column A.
            cells = [next((c for c in row[1:] if c.value is not None), None)
                     for row in sheet.iter_rows(min_row=5, max_row=9)]
            cells = [c for c in cells if c is not None]
            numbers = [c for c in cells if c.data_type == "n"]
            status = next((c.value for c in cells if c.data_type == "s"), "")
            where = "sheet %r" % label
            # A ceiling (max only) shows no share of it beside its status.
            ceiling = bound.startswith("max")
            checker.equal(len(numbers), 2 if ceiling else 3,
                          where + ": value, bound" + ("" if ceiling else ", percentage"))
            if len(numbers) == (2 if ceiling else 3):
                value, bound_cell = numbers[:2]
                checker.equal(value.number_format, number_format, where + ": value format")
                checker.equal(shown(value.value, value.number_format), value_text, where + ": value shown")
                checker.equal(shown(bound_cell.value, bound_cell.number_format), bound_text,
                              where + ": bound shown")
                check_pair(where, value, bound_cell, status)
                if not ceiling:
                    check_percent(where + " percentage", numbers[2], status)

        # "Chỉ số": each figure by its unit.
        expected = {"coops.total": "#,##0", "coops.market_access.pct": "#,##0.0",
                    "coops.income.avg": "#,##0.0", "coops.sector.nong_nghiep.share": "#,##0.0",
                    "coops.workers": "#,##0"}
        for name, number_format in expected.items():
            sheet_name, cell = next(book.defined_names[name].destinations)
            checker.equal(book[sheet_name][cell.replace("$", "")].number_format, number_format,
                          "Chỉ số: format of %s" % name)

    # The national summary of a batch over the same data.
    result = common.run(config, "-p", "all", "-j", "1")
    national = os.path.join(out_dir, "out", "toan-quoc.xlsx")
    if checker.equal(result.returncode, 0, "batch exit status\n%s" % result.describe()):
        book = openpyxl.load_workbook(national)
        values = openpyxl.load_workbook(national, data_only=True)
        expected = {"national.coops.total": ("#,##0", 70), "national.coops.workers": ("#,##0", 5),
                    "national.coops.income.avg": ("#,##0.0", 75.37),
                    "national.coops.market_access.pct": ("#,##0.0", 29 * 100 / 70)}
        for name, (number_format, value) in expected.items():
            sheet_name, cell = next(book.defined_names[name].destinations)
            cell = cell.replace("$", "")
            checker.equal(book[sheet_name][cell].number_format, number_format,
                          "national: format of %s" % name)
            checker.close(values[sheet_name][cell].value, value, "national: value of %s" % name)
    checker.finish()
