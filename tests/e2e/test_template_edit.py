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

    # 3. Every kind of template mistake is found by --check (exit 2), at its line, before any
    #    workbook is written: (edit, text of the line the error names, words of the message).
    mistakes = [
        (lambda t: t.replace("{period_label} {year}", "{period_label} {nam}"),
         "{period_label} {nam}", "unknown placeholder '{nam}'"),
        (lambda t: t.replace("{period_label} {year}", "{period_label {year}"),
         "{period_label {year}", "unknown placeholder"),
        (lambda t: t.replace("summary    = Tổng hợp", "summary    = Tổng hợp {year}"),
         "Tổng hợp {year}", "is not replaced in [sheets]"),
        (lambda t: t.replace("changes    = Biến động", "changes    = tổng hợp"),
         "tổng hợp", "is already that of another sheet"),
        (lambda t: t.replace("summary    = Tổng hợp", "summary    = Tổng hợp [6/2024]"),
         "[6/2024]", "is not one Excel allows"),
        (lambda t: t.replace("language  = vi", "language  = fr"), "language  = fr", "not vi or en"),
        (lambda t: t.replace("| II | Tổ hợp tác", "| II | Tổ hợp tác | THT"), "| II | Tổ hợp tác",
         "should be 'kind | number | label'"),
        (lambda t: t.replace("left.3  = none", "left.x  = none"), "left.x", "is the line's number"),
    ]
    for number, (edit, marker, words) in enumerate(mistakes, 1):
        broken = edit(original)
        if not checker.check(broken != original, "mistake %d: the edit changed nothing" % number):
            continue
        line = next(i for i, l in enumerate(broken.splitlines(), 1) if marker in l)
        write(template, broken)
        result, path = common.report(config_for(template, out_dir), out_dir, "--check",
                                     name="mistake.xlsx")
        what = "mistake %d (%s)" % (number, words)
        checker.equal(result.returncode, common.EXIT_USAGE, what + ": --check exits 2\n"
                      + result.describe())
        checker.check("edited-template.ini:%d: error:" % line in result.stderr and words in result.stderr,
                      "%s: no error at line %d: %r" % (what, line, result.stderr[-400:]))
    write(template, re.sub(r"^\[rows\][^\[]*", "", original, flags=re.M))
    result, _ = common.report(config_for(template, out_dir), out_dir, "--check", name="mistake.xlsx")
    checker.check(result.returncode == common.EXIT_USAGE and "no [rows] section" in result.stderr,
                  "a template without [rows]: %s" % result.describe())

    # 4. Lines follow their numbers, not the file's order; a row may show KEY.plan of an
    #    indicator that has no plan (blank).
    edited = original.replace("left.1  = bold upper | {organization}\nleft.2  = bold | ———————",
                              "left.2  = bold | ———————\nleft.1  = bold upper | {organization}")
    edited = edited.replace("groups           = section | II | Tổ hợp tác",
                            "revenue_plan     = row | 9 | Doanh thu KH | triệu đồng | "
                            "coops.revenue.avg.plan\ngroups           = section | II | Tổ hợp tác")
    checker.check(edited.count("revenue_plan") == 1 and "left.2  = bold | ———————\nleft.1" in edited,
                  "edits 4 applied")
    write(template, edited)
    result, path = common.report(config_for(template, out_dir), out_dir, name="ordered.xlsx")
    if checker.equal(result.returncode, 0, "lines out of order, .plan row\n" + result.describe()):
        rows = summary_rows(path)
        checker.equal(rows[0][0], "LIÊN MINH HỢP TÁC XÃ TỈNH BẮC NINH", "left.1 first")
        checker.equal(rows[1][0], "———————", "left.2 second")
        # Cached values: no plan for coops.revenue.avg, so no number anywhere in the row
        # (a formula's cached "" or nothing), and the unit as written.
        cached = [[c.value for c in row] for row in
                  openpyxl.load_workbook(path, data_only=True)["Tổng hợp"].iter_rows()]
        plan_row = next((row for row in cached if "Doanh thu KH" in row), None)
        if checker.check(plan_row is not None, "the .plan row is in the table"):
            label_at = plan_row.index("Doanh thu KH")
            checker.check("triệu đồng" in plan_row, "the .plan row's unit: %r" % plan_row)
            checker.check(not any(isinstance(cell, (int, float)) for cell in plan_row[label_at:]),
                          "the .plan row has no figure: %r" % plan_row)
    checker.finish()
