"""Large workbooks, without a large input (issue 6), through two environment variables meant
for tests only:

- COOPREPORT_STREAM_ROWS lowers the number of listed rows above which a workbook's list
  sheets are written in libxlsxwriter's constant_memory mode (40 000). The streamed
  workbook must hold the same sheets and cell values as the normal one, its list sheets with
  inline strings and its form sheets with shared strings, and open in openpyxl and Gnumeric.
- COOPREPORT_MAX_SHEET_ROWS lowers Excel's 1 048 576 rows per sheet. A list that does not fit
  is refused with an error naming the sheet and the rows it needs; no workbook is written (a
  good one from an earlier run stays), exit status 1; in a batch only that province fails.
"""
import os
import shutil
import subprocess
import sys
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

import openpyxl  # noqa: E402

checker = common.Checker("large_sheets")
common.require_binary()


def cells(path):
    workbook = openpyxl.load_workbook(path)
    return {name: [[c.value for c in row] for row in workbook[name].iter_rows()]
            for name in workbook.sheetnames}, workbook.sheetnames


def string_kinds(path):
    """sheet part -> (inline strings, shared strings)."""
    kinds = {}
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/sheet"):
                data = archive.read(name)
                kinds[name] = (data.count(b't="inlineStr"'), data.count(b't="s"'))
    return kinds


def run_with(env, *args):
    saved = dict(os.environ)
    os.environ.update(env)
    try:
        return common.run(*args)
    finally:
        os.environ.clear()
        os.environ.update(saved)


with common.TempDir() as out_dir:
    normal = os.path.join(out_dir, "normal.xlsx")
    streamed = os.path.join(out_dir, "streamed.xlsx")
    result = common.run(common.H1_CONFIG, "-o", normal, "-q")
    checker.equal(result.returncode, 0, "normal run: exit\n" + result.describe())
    result = run_with({"COOPREPORT_STREAM_ROWS": "100"}, common.H1_CONFIG, "-o", streamed, "-q")
    checker.equal(result.returncode, 0, "streamed run: exit\n" + result.describe())
    if os.path.exists(normal) and os.path.exists(streamed):
        normal_cells, normal_names = cells(normal)
        streamed_cells, streamed_names = cells(streamed)
        checker.equal(streamed_names, normal_names, "streamed workbook: the same sheets")
        for name in normal_names:
            checker.check(streamed_cells.get(name) == normal_cells[name],
                          "streamed workbook: sheet %r holds the same cells" % name)
        kinds = string_kinds(streamed)
        checker.equal(kinds["xl/worksheets/sheet1.xml"][0], 0, "summary form: no inline strings")
        checker.check(kinds["xl/worksheets/sheet1.xml"][1] > 0, "summary form: shared strings")
        checker.check(kinds["xl/worksheets/sheet2.xml"][0] > 0 and kinds["xl/worksheets/sheet2.xml"][1] == 0,
                      "first sector sheet: streamed, inline strings only (%r)" % (kinds["xl/worksheets/sheet2.xml"],))
        checker.check(all(inline == 0 for inline, _ in string_kinds(normal).values()),
                      "normal workbook: no inline strings")
        ssconvert = shutil.which("ssconvert")
        if ssconvert:
            target = os.path.join(out_dir, "streamed.csv")
            p = subprocess.run([ssconvert, "--export-type=Gnumeric_stf:stf_csv", streamed, target],
                               capture_output=True)
            checker.equal(p.returncode, 0, "Gnumeric opens the streamed workbook: %s" % p.stderr.decode()[-300:])

    # Too many rows: the 20-row limit is below the sector sheet of agriculture.
    before = os.path.getmtime(normal) if os.path.exists(normal) else None
    result = run_with({"COOPREPORT_MAX_SHEET_ROWS": "20"}, common.H1_CONFIG, "-o", normal)
    checker.equal(result.returncode, common.EXIT_DATA, "too many rows: exit\n" + result.describe())
    checker.check("error: the sheet 'Nông nghiệp' would need" in result.stderr and
                  "more than the 20 rows an Excel sheet holds" in result.stderr,
                  "too many rows: the error names the sheet and the limit\n" + result.describe())
    checker.check(before is not None and os.path.getmtime(normal) == before,
                  "too many rows: the earlier workbook stays as it was")
    checker.equal([n for n in os.listdir(out_dir) if n.endswith(".tmp")], [],
                  "too many rows: no temporary file left")

    # In a batch, only the province whose list does not fit fails.
    data = os.path.join(out_dir, "national")
    subprocess.run([os.environ.get("PYTHON", sys.executable),
                    os.path.join(common.ROOT, "tests", "tools", "generate_national.py"),
                    "--coops", "1000", "--out", data], check=True, stdout=subprocess.DEVNULL)
    # generate_national puts far more rows in Hà Nội (01) than in most provinces.
    # 25 rows: a target sheet needs 24 (its block, its chart's rows, its empty list).
    result = run_with({"COOPREPORT_MAX_SHEET_ROWS": "25"}, os.path.join(data, "national.ini"), "-p", "all",
                      "-j", "2", "--no-progress")
    failed = [line.split()[0] for line in result.stderr.splitlines() if " failed " in line]
    checker.equal(result.returncode, common.EXIT_DATA, "batch, too many rows: exit\n" + result.describe())
    checker.check(failed and len(failed) < 63, "batch: some provinces fail, not all (%r)" % failed)
    for code in failed:
        checker.check(not os.path.exists(os.path.join(data, "out", "%s.xlsx" % code)),
                      "batch: no workbook for the failed province %s" % code)
    checker.check("would need" in result.stderr, "batch: the error is printed\n" + result.describe())

    # The rejected-rows sheet stops at the last row, which counts the rows left out.
    folder = os.path.join(out_dir, "rejected")
    os.makedirs(folder)
    shutil.copy(os.path.join(common.ROOT, "tests", "bad", "common", "case.ini"), folder)
    with open(os.path.join(common.ROOT, "tests", "bad", "common", "coops.csv"), encoding="utf-8") as f:
        rows = f.read()
    rows += "".join("B%03d,HTX lỗi %d,Tiên Du,TM,31/02/2020,,1,1,1,1,1\n" % (i, i) for i in range(15))
    with open(os.path.join(folder, "coops.csv"), "w", encoding="utf-8") as f:
        f.write(rows)
    workbook = os.path.join(folder, "out.xlsx")
    result = run_with({"COOPREPORT_MAX_SHEET_ROWS": "10"}, os.path.join(folder, "case.ini"), "-o",
                      workbook, "--keep-going")
    checker.equal(result.returncode, common.EXIT_DATA, "15 rejected rows, 10-row sheets: exit\n"
                  + result.describe())
    if checker.check(os.path.isfile(workbook), "15 rejected rows: workbook written"):
        sheet = cells(workbook)[0].get("Dữ liệu lỗi", [])
        checker.equal(len(sheet), 10, "rejected sheet: header, 8 rows, the count")
        checker.equal(sheet[-1][4] if sheet else None,
                      "… và 7 dòng lỗi khác: xem thông báo của lần chạy", "rejected sheet: last row")
checker.finish()
