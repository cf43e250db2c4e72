"""--indicators in a batch run prints the national figures (national.* keys, the national
summary's defined names) in the same CSV/JSON format as a single run, computed from the exact
sums of the provinces whose report was made: a failed province is left out, as in the
national summary; --check prints them too."""
import os
import signal
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

import openpyxl  # noqa: E402

checker = common.Checker("batch_indicators")
common.require_binary()

# Hà Nội: 2 HTX (1 with market access, income 75.37 for 5 workers); Bắc Ninh: 1 HTX (income 60
# for 3 workers, market access); Đà Nẵng: a bad date, so it fails and counts nowhere.
ROWS = """id,name,province,sector,founded,members,workers,income,market_access
01001,HTX A,01,NN,01/01/2020,10,5,75.37,x
01002,HTX B,01,NN,01/03/2024,,,,
27001,HTX C,27,NN,01/01/2020,20,3,60,x
48001,HTX D,48,NN,31/02/2020,7,2,10,x
"""
CONFIG = """[report]
province = all
year     = 2024
period   = H1
date     = 2024-07-08

[input]
coops = coops.csv

[sectors]
nn = NN

[output]
path    = out/{province_code}.xlsx
summary = out/toan-quoc.xlsx
"""
EXPECTED = {
    "national.coops.total": 3,
    "national.coops.new": 1,
    "national.coops.dissolved": 0,
    "national.coops.members": 30,
    "national.coops.workers": 8,
    "national.coops.income.avg": (75.37 * 5 + 60 * 3) / 8,
    "national.coops.market_access.pct": 2 * 100 / 3,
}
BLANK = ("national.groups.total", "national.coops.revenue.avg", "national.coops.profit.avg")

with common.TempDir() as out_dir:
    with open(os.path.join(out_dir, "coops.csv"), "w", encoding="utf-8") as handle:
        handle.write(ROWS)
    config = os.path.join(out_dir, "national.ini")
    with open(config, "w", encoding="utf-8") as handle:
        handle.write(CONFIG)

    result = common.run(config, "--indicators=csv", "-q", "-j", "2")
    checker.equal(result.returncode, common.EXIT_DATA, "a province failed: exit\n" + result.describe())
    try:
        printed = common.parse_indicators_csv(result.stdout)
    except ValueError as error:
        printed = {}
        checker.check(False, "csv: %s\n%s" % (error, result.describe()))
    checker.equal(sorted(printed), sorted(list(EXPECTED) + list(BLANK)), "csv: the national keys")
    for key, value in EXPECTED.items():
        if key in printed:
            checker.close(float(printed[key]["value"] or "nan"), value, "csv: %s" % key)
    for key in BLANK:
        if key in printed:
            checker.equal(printed[key]["value"], "", "csv: %s is blank" % key)
    if "national.coops.income.avg" in printed:
        checker.equal(printed["national.coops.income.avg"]["unit"], "triệu đồng/người/năm", "csv: unit")
        checker.equal(printed["national.coops.total"]["label"], "Tổng số hợp tác xã", "csv: label")

    # The same figures as the national summary's defined names.
    path = os.path.join(out_dir, "out", "toan-quoc.xlsx")
    book = openpyxl.load_workbook(path)
    values = openpyxl.load_workbook(path, data_only=True)
    for key, value in EXPECTED.items():
        sheet_name, cell = next(book.defined_names[key].destinations)
        checker.close(values[sheet_name][cell.replace("$", "")].value, value, "workbook: %s" % key)

    result = common.run(config, "--indicators=json", "--check", "-q", "-j", "1")
    checker.equal(result.returncode, common.EXIT_DATA, "--check: exit\n" + result.describe())
    printed = common.parse_indicators_json(checker, result.stdout, "--check")
    for key, value in EXPECTED.items():
        checker.close(printed.get(key), value, "json --check: %s" % key)
    for key in BLANK:
        checker.check(key in printed and printed[key] is None, "json --check: %s is null" % key)

    # Started by a program that ignores SIGCHLD (some supervisors do; it is inherited): the
    # workers' ends must still be seen as ends, not as an interruption (exit 130, no summary).
    # Only the child ignores it: this process must still be able to wait for it.
    command = [common.BINARY, config, "--indicators=csv", "-q", "-j", "2"]
    process = subprocess.run(command, cwd=common.ROOT, stdin=subprocess.DEVNULL,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=300,
                             preexec_fn=lambda: signal.signal(signal.SIGCHLD, signal.SIG_IGN))
    result = common.Result(command, process.returncode, process.stdout.decode("utf-8", "replace"),
                           process.stderr.decode("utf-8", "replace"))
    checker.equal(result.returncode, common.EXIT_DATA, "SIGCHLD ignored: exit\n" + result.describe())
    checker.check("interrupted" not in result.stderr, "SIGCHLD ignored: not 'interrupted'")
    try:
        printed = common.parse_indicators_csv(result.stdout)
    except ValueError as error:
        printed = {}
        checker.check(False, "SIGCHLD ignored: csv: %s\n%s" % (error, result.describe()))
    checker.equal(printed.get("national.coops.total", {}).get("value"), "3",
                  "SIGCHLD ignored: the national figures are printed")
    checker.finish()
