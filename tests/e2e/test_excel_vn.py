"""The H1 example read from its Vietnamese Excel twin (';', 1.234,5, BOM, CRLF, Vietnamese headers,
NFD labels, names with ';', '"' and newlines) gives exactly the same indicators."""

import os

from common import (Checker, EXIT_OK, H1_CONFIG, TEST_DATA, TempDir, check_xlsx_file,
                    parse_diagnostics, parse_indicators_csv, parse_indicators_json, parse_summary,
                    report, require_binary)

TWIN_CONFIG = os.path.join(TEST_DATA, "excel-vn", "excel-vn.ini")
FILES = {"htx_2024_h1.csv": "ds-htx-6-thang-2024.csv", "tht_2024_h1.csv": "ds-tht-6-thang-2024.csv"}


def run_both(c, option):
    outputs = []
    for config in (H1_CONFIG, TWIN_CONFIG):
        with TempDir() as out:
            result, xlsx = report(config, out, option)
            c.equal(result.returncode, EXIT_OK, "%s exit status\n%s" % (config, result.describe()))
            if config == TWIN_CONFIG and option.endswith("csv"):
                check_xlsx_file(c, xlsx, "twin workbook")
            outputs.append(result)
    return outputs


def main():
    require_binary()
    c = Checker("excel-vn twin")
    canonical, twin = run_both(c, "--indicators=csv")
    try:
        a = parse_indicators_csv(canonical.stdout)
        b = parse_indicators_csv(twin.stdout)
    except ValueError as error:
        c.check(False, "--indicators=csv: %s" % error)
        c.finish()
    c.check(len(a) > 40, "only %d indicators printed" % len(a))
    c.equal(list(b), list(a), "keys (in order)")
    for key in a:
        if key in b:
            c.equal(b[key], a[key], "indicator " + key)

    sa, sb = parse_summary(canonical.stderr), parse_summary(twin.stderr)
    for name, twin_name in FILES.items():
        if c.check(name in sa and twin_name in sb, "run summary lines for %s and %s:\n%s\n%s"
                   % (name, twin_name, canonical.stderr[-800:], twin.stderr[-800:])):
            for k in ("read", "counted", "listed", "rejected", "skipped"):
                c.equal(sb[twin_name][k], sa[name][k], "run summary %s of %s" % (k, twin_name))
    c.equal(parse_diagnostics(twin.stderr), [], "diagnostics of the twin run")

    canonical, twin = run_both(c, "--indicators=json")
    ja = parse_indicators_json(c, canonical.stdout, "json canonical")
    jb = parse_indicators_json(c, twin.stdout, "json twin")
    c.equal(jb, ja, "--indicators=json")
    c.finish()


if __name__ == "__main__":
    main()
