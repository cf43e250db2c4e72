"""The run summary on stderr adds up (SPEC §4: nothing is dropped silently): for each input file,
read R rows = counted C + listed L + rejected X + skipped S, with R the file's data rows.

An interrupted single-province run (SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE while its workbook
is being written) exits 128 + N, leaves no temporary workbook and says
"interrupted: no partial workbook was left" (nothing after SIGPIPE: stderr may be gone)."""

import csv
import os
import signal
import subprocess
import sys
import time

from common import (BINARY, Checker, EXAMPLES, EXIT_OK, H1_CONFIG, ROOT, TempDir, check_summary,
                    count_data_rows, load_expected, report, require_binary)

INPUTS = {"htx_2024_h1.csv": os.path.join(EXAMPLES, "data", "htx_2024_h1.csv"),
          "tht_2024_h1.csv": os.path.join(EXAMPLES, "data", "tht_2024_h1.csv")}


def test_interrupted(c):
    """A province of 60 000 cooperatives, so that its workbook takes a while to write."""
    with TempDir() as tmp:
        subprocess.run([sys.executable, os.path.join(ROOT, "tests", "tools", "generate_national.py"),
                        "--coops", "60000", "--out", tmp], check=True, stdout=subprocess.DEVNULL)
        path = os.path.join(tmp, "htx.csv")
        with open(path, encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        for row in rows[1:]:
            row[2] = "27"
        with open(path, "w", encoding="utf-8", newline="") as f:
            csv.writer(f, lineterminator="\n").writerows(rows)
        config = os.path.join(tmp, "national.ini")
        for name in ("SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT", "SIGPIPE"):
            number = getattr(signal, name)
            what = "single run, " + name
            out = os.path.join(tmp, "out-" + name)
            with open(os.path.join(tmp, "err"), "wb") as err:
                process = subprocess.Popen([BINARY, config, "-p", "27", "-o", os.path.join(out, "27.xlsx")],
                                           cwd=ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                           stderr=err)
            temporary = ".27.xlsx.%d.tmp" % process.pid
            deadline = time.time() + 120
            while process.poll() is None and time.time() < deadline and \
                    not os.path.exists(os.path.join(out, temporary)):
                time.sleep(0.002)
            midway = process.poll() is None and os.path.exists(os.path.join(out, temporary))
            if midway:
                process.send_signal(number)
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            with open(os.path.join(tmp, "err"), encoding="utf-8", errors="replace") as f:
                stderr = f.read()
            if not c.check(midway, what + ": the run ended before its temporary workbook was seen"):
                continue
            c.equal(process.returncode, 128 + number, what + ": exit status (negative: killed by it)")
            c.equal(sorted(os.listdir(out)), [], what + ": files left in the output folder")
            said = "interrupted: no partial workbook was left" in stderr
            c.check(said == (number != signal.SIGPIPE),
                    "%s: stderr %s say 'interrupted: no partial workbook was left': %r"
                    % (what, "does not" if not said else "should not", stderr[-500:]))


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
    if not os.environ.get("SKIP_SLOW_CASES"):     # 60 000 rows: too slow under valgrind
        test_interrupted(c)
    c.finish()


if __name__ == "__main__":
    main()
