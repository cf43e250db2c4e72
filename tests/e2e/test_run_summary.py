"""The run summary on stderr adds up (SPEC §4: nothing is dropped silently): for each input file,
read R rows = counted C + listed L + rejected X + skipped S, with R the file's data rows."""

import os

from common import (Checker, EXAMPLES, EXIT_OK, H1_CONFIG, TempDir, check_summary, count_data_rows,
                    load_expected, report, require_binary)

INPUTS = {"htx_2024_h1.csv": os.path.join(EXAMPLES, "data", "htx_2024_h1.csv"),
          "tht_2024_h1.csv": os.path.join(EXAMPLES, "data", "tht_2024_h1.csv")}


def main():
    require_binary()
    c = Checker("run summary")
    expected = load_expected("expected-h1.json")["summary"]
    for name, path in INPUTS.items():
        # R counted here with Python's csv module (names with newlines span two lines).
        c.equal(expected[name]["read"], count_data_rows(path), "expected-h1.json read of " + name)
    with TempDir() as out:
        result, _ = report(H1_CONFIG, out)
        c.equal(result.returncode, EXIT_OK, "exit status\n" + result.describe())
        check_summary(c, result.stderr, expected, "H1 example")
        # stderr is not a terminal here: no progress bar, no escape sequences.
        c.check("\r" not in result.stderr and "\x1b" not in result.stderr,
                "stderr holds progress output although it is not a terminal: %r" % result.stderr[-300:])
        c.equal(result.stdout, "", "stdout without --indicators")
    with TempDir() as out:
        result, _ = report(H1_CONFIG, out, "--quiet")
        c.equal(result.returncode, EXIT_OK, "--quiet exit status\n" + result.describe())
    with TempDir() as out:
        # A province with no row in the file: a report of zero HTX, and a warning saying why.
        result, _ = report(H1_CONFIG, out, "-p", "01")
        c.equal(result.returncode, EXIT_OK, "-p 01 exit status\n" + result.describe())
        c.check("warning: none of its %d rows is of province 01" % expected["htx_2024_h1.csv"]["read"]
                in result.stderr, "-p 01: no warning that every row was skipped\n" + result.stderr)
        c.check("skipped %d" % expected["htx_2024_h1.csv"]["read"] in result.stderr,
                "-p 01: the summary does not skip every row\n" + result.stderr)
    c.finish()


if __name__ == "__main__":
    main()
