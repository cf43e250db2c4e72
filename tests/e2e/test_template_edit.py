"""Editing a template changes the workbook without recompiling: relabel a row, move a row,
drop a column; and a template mistake is reported with the template's file and line."""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

import openpyxl  # noqa: E402

checker = common.Checker("template_edit")
common.require_binary()

SHIPPED = os.path.join(common.ROOT, "templates", "bao-cao-6-thang.ini")


def write(path, text):
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)


def config_for(template_path, out_dir):
    with open(common.H1_CONFIG, encoding="utf-8") as handle:
        text = handle.read()
    text = text.replace("= data/", "= %s/data/" % common.EXAMPLES)
    text = text.replace("[report]\n", "[report]\ntemplate = %s\n" % template_path, 1)
    path = os.path.join(out_dir, "edited.ini")
    write(path, text)
    return path


def summary_rows(path):
    sheet = openpyxl.load_workbook(path)["Tổng hợp"]
    return [[c.value for c in row] for row in sheet.iter_rows()]


with open(SHIPPED, encoding="utf-8") as handle:
    original = handle.read()

with common.TempDir() as out_dir:
    # 1. Relabel a row and move another (workers before members), drop TH/cùng kỳ.
    edited = original.replace("| Tổng số hợp tác xã |", "| Tổng số HTX đang hoạt động |")
    members = re.search(r"^members .*$", edited, re.M).group(0)
    workers = re.search(r"^workers .*$", edited, re.M).group(0)
    edited = edited.replace(members, "@@").replace(workers, members).replace("@@", workers)
    edited = re.sub(r"\[column\.prev_pct\][^\[]*", "", edited)
    template = os.path.join(out_dir, "edited-template.ini")
    write(template, edited)
    result, path = common.report(config_for(template, out_dir), out_dir)
    if checker.equal(result.returncode, 0, "edited template run\n" + result.describe()):
        rows = summary_rows(path)
        labels = [cell for row in rows for cell in row if isinstance(cell, str)]
        checker.check("Tổng số HTX đang hoạt động" in labels, "the relabelled row is there")
        checker.check("Tổng số hợp tác xã" not in labels, "the old label is gone")
        checker.check("TH/cùng kỳ" not in labels, "the dropped column's title is gone")
        order = [l for l in labels if l in ("Tổng số thành viên HTX", "Tổng số lao động thường xuyên")]
        checker.equal(order, ["Tổng số lao động thường xuyên", "Tổng số thành viên HTX"], "moved rows")
        widths = {len(row) for row in rows}
        checker.check(max(widths) == 8, "8 columns after dropping one, got %r" % widths)

    # 2. A mistake names the template file and its line.
    broken = original.replace("coops.dissolved", "coops.dissolvd")
    line = broken.splitlines().index(next(l for l in broken.splitlines() if "coops.dissolvd" in l)) + 1
    write(template, broken)
    result, path = common.report(config_for(template, out_dir), out_dir, name="broken.xlsx")
    checker.equal(result.returncode, common.EXIT_USAGE, "a template error exits 2\n" + result.describe())
    checker.check("edited-template.ini:%d:" % line in result.stderr and "coops.dissolvd" in result.stderr,
                  "the error names the template's line %d: %r" % (line, result.stderr[-300:]))
    checker.check(not os.path.exists(path), "no workbook after a template error")
    checker.finish()
