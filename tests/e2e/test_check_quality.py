"""--check prints a data-quality report to stderr and writes no workbook: rows per sector and per
province, founding dates, missing values, income outliers and dates after the report date
(tests/data/init-unseen/xuat-du-lieu.csv, through the config `init` writes for it)."""

import os
import re

from common import Checker, EXIT_OK, H1_CONFIG, TEST_DATA, TempDir, require_binary, run

DATA = os.path.join(TEST_DATA, "init-unseen", "xuat-du-lieu.csv")


def main():
    require_binary()
    c = Checker("check quality")
    with TempDir() as folder:
        made = run("init", DATA)
        c.equal(made.returncode, EXIT_OK, "init")
        # A report date before the last founding (18/12/2023): that row is suspicious.
        config = re.sub(r"^(period\s*=.*)$", r"\1\ndate = 2023-12-10", made.stdout, count=1,
                        flags=re.M)
        path = os.path.join(folder, "quality.ini")
        with open(path, "w", encoding="utf-8") as f:
            f.write(config)
        result = run("--check", path)
        err = result.stderr
        c.equal(result.returncode, EXIT_OK, "--check exit status\n" + result.describe())
        c.check(not os.path.exists(os.path.join(folder, "out")), "--check writes no workbook")
        c.check(re.search(r"^data quality: .*xuat-du-lieu\.csv \(cooperatives\): 17 rows read, "
                          r"15 valid, 0 rejected, 2 of other provinces$", err, re.M),
                "quality header line:\n" + err)
        c.check(re.search(r"rows per sector: Nông nghiệp 4; Giao thông vận tải 2; Chăn nuôi 2; "
                          r"Trồng trọt 2; Nước sạch 5$", err, re.M), "rows per sector")
        c.check(re.search(r"rows per province: 34 Thái Bình 15; other provinces \(skipped\) 2$",
                          err, re.M), "rows per province")
        c.check("founded: 02/02/1997 to 18/12/2023; dissolved (1): 30/06/2023 to 30/06/2023"
                in err, "founding date range")
        c.check(re.search(r"missing values: workers 6\.7 %; revenue 6\.7 %; profit 6\.7 %; "
                          r"income 13\.3 %$", err, re.M), "missing values per field")
        c.check(re.search(r"no column for: kind, market_access", err), "absent columns named")
        c.check(re.search(r"xuat-du-lieu\.csv:17: note: 1000000016 .*income 400\.0 is over 5 "
                          r"times the median 52\.5", err), "income outlier with its line")
        c.check("income outliers (over 5 times or under 1/5 of the median): 1" in err,
                "outlier count")
        c.check(re.search(r"xuat-du-lieu\.csv:11: note: 1000000010 .*founded on 18/12/2023, "
                          r"after the report date", err), "founding after the report date")
        c.check("dates after the report date (10/12/2023): 1" in err, "future date count")

    result = run("--check", "--quiet", H1_CONFIG)
    c.equal(result.returncode, EXIT_OK, "--check --quiet on the H1 example")
    c.check("data quality" not in result.stderr, "--quiet leaves the quality report out")
    result = run("--check", H1_CONFIG)
    c.check("htx_2024_h1.csv (cooperatives): 771 rows read, 768 valid" in result.stderr,
            "H1 example quality report:\n" + result.stderr[-1500:])
    c.finish()


if __name__ == "__main__":
    main()
