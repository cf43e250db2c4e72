"""Five kinds of bad rows are each reported with FILE:LINE:COL and the field (SPEC §2, §4);
--check and a plain run write nothing and exit 1; --keep-going writes the workbook listing them,
and still exits 1 (rows were rejected)."""

import os

from common import (Checker, EXIT_DATA, EXIT_OK, TEST_DATA, TempDir, check_xlsx_file,
                    count_data_rows, defined_name_values, files_in, load_workbook, parse_diagnostics, parse_summary,
                    report, require_binary)

CONFIG = os.path.join(TEST_DATA, "bad-rows", "bad-rows.ini")
DATA = os.path.join(TEST_DATA, "bad-rows", "coops.csv")
# (line, column, field, a word the reason should hold). Line 9 comes after the name on line 7,
# which holds a newline: a reader counting records instead of physical lines says 8.
EXPECTED = [
    (4, 7, "founded", "31/02/2024"),
    (6, 9, "members", "mười hai"),
    (9, 6, "sector", "Du lịch"),
    (11, 1, "id", "2300900002"),
    (13, 8, "dissolved", "01/03/2015"),
]
GOOD_ROWS = 7


def check_diagnostics(c, stderr, what):
    found = [d for d in parse_diagnostics(stderr) if d["severity"] == "error"]
    for d in found:
        c.check(d["file"].endswith("coops.csv"), "%s: diagnostic names file %r" % (what, d["file"]))
    positions = [(d["line"], d["col"], d["field"]) for d in found]
    for line, col, field, word in EXPECTED:
        match = [d for d in found if (d["line"], d["col"], d["field"]) == (line, col, field)]
        if c.check(match, "%s: no error at coops.csv:%d:%d field '%s'; errors found: %r\nstderr:\n%s"
                   % (what, line, col, field, positions, stderr[-1500:])):
            c.check(word in match[0]["message"], "%s: the reason at line %d does not quote %r: %r"
                    % (what, line, word, match[0]["message"]))
    c.equal(len(found), len(EXPECTED), "%s: number of errors (%r)" % (what, positions))


def main():
    require_binary()
    c = Checker("bad rows")
    c.equal(count_data_rows(DATA), GOOD_ROWS + len(EXPECTED), "data rows in the fixture")

    for options in (["--check"], []):
        what = " ".join(options) or "plain run"
        with TempDir() as out:
            result, _ = report(CONFIG, out, *options)
            c.equal(result.returncode, EXIT_DATA, "%s: exit status\n%s" % (what, result.describe()))
            check_diagnostics(c, result.stderr, what)
            c.equal(files_in(out), [], "%s: files written to the output folder" % what)

    with TempDir() as out:
        result, xlsx = report(CONFIG, out, "--keep-going")
        what = "--keep-going"
        # The workbook is written, but rows were rejected: still exit 1 (SPEC §2).
        c.equal(result.returncode, EXIT_DATA, "%s: exit status\n%s" % (what, result.describe()))
        c.check("listed in the sheet 'Dữ liệu lỗi'" in result.stderr,
                "%s: no note saying where the rejected rows are\n%s" % (what, result.stderr[-800:]))
        check_diagnostics(c, result.stderr, what)
        summary = parse_summary(result.stderr).get("coops.csv")
        if c.check(summary is not None, "%s: no run summary for coops.csv:\n%s"
                   % (what, result.stderr[-1500:])):
            c.equal((summary["read"], summary["counted"], summary["listed"], summary["rejected"],
                     summary["skipped"]), (12, GOOD_ROWS, 0, 5, 0),
                    "%s: read, counted, listed, rejected, skipped" % what)
        if check_xlsx_file(c, xlsx, what):
            wb = load_workbook(xlsx)
            # The rejected rows are listed somewhere in the workbook with their raw cells.
            texts = set()
            for ws in wb.worksheets:
                for row in ws.iter_rows(values_only=True):
                    texts.update(str(v) for v in row if v is not None)
            for raw in ("31/02/2024", "mười hai", "Du lịch", "HTX Rau an toàn Phật Tích (bản sao)",
                        "HTX Nông nghiệp Minh Đạo"):
                c.check(raw in texts, "%s: the workbook does not list the raw cell %r" % (what, raw))
            values = defined_name_values(wb)
            c.equal(values.get("coops.total"), GOOD_ROWS, "%s: coops.total counts the good rows" % what)
    c.finish()


if __name__ == "__main__":
    main()
