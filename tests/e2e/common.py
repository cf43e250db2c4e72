"""Helpers shared by the end-to-end tests (tests/e2e/test_*.py).

The tests run the built binary ($COOPREPORT, default build/coopreport) from the repository root,
each with its own temporary output folder passed through -o, and read what it printed and wrote.
They need an interpreter with openpyxl ($PYTHON, /usr/bin/python3 on Debian). A test passes by
exiting 0; on failure it prints every check that failed, then exits 1.

The contract with the C code (see SPEC §2, §4, §5, §6):
  --indicators=csv   stdout: "key,value,unit,label", one line per indicator, RFC 4180; value
                     empty when blank, integers without decimals, others with %.15g.
  --indicators=json  stdout: one JSON object {"key": number-or-null, ...}.
  run summary        stderr, one line per input file:
                     FILE: read R rows = counted C + listed L + rejected X + skipped S
  diagnostics        stderr: FILE:LINE:COL: error: field 'NAME': reason
  workbook           every indicator key is a workbook-level defined name on its value cell.
"""

import csv
import io
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
EXAMPLES = os.path.join(ROOT, "examples")
TEST_DATA = os.path.join(ROOT, "tests", "data")
BINARY = os.path.join(ROOT, os.environ.get("COOPREPORT", "build/coopreport"))

H1_CONFIG = os.path.join(EXAMPLES, "bac-ninh-2024-h1.ini")
FY_CONFIG = os.path.join(EXAMPLES, "bac-ninh-2024-fy.ini")
INDICATORS_SHEET = "Chỉ số"

# Exit statuses (SPEC §2).
EXIT_OK, EXIT_DATA, EXIT_USAGE, EXIT_IO = 0, 1, 2, 3


class Checker:
    """Collects failed checks so that one run reports all of them."""

    def __init__(self, name):
        self.name = name
        self.failures = []
        self.count = 0

    def check(self, condition, message):
        self.count += 1
        if not condition:
            self.failures.append(message)
            print("FAILED: " + message)
        return bool(condition)

    def equal(self, actual, expected, what):
        return self.check(actual == expected, "%s: expected %r, got %r" % (what, expected, actual))

    def close(self, actual, expected, what, rel=1e-9):
        ok = (isinstance(actual, (int, float)) and not isinstance(actual, bool)
              and math.isfinite(actual)
              and abs(actual - expected) <= rel * max(1.0, abs(expected)))
        return self.check(ok, "%s: expected %r, got %r" % (what, expected, actual))

    def finish(self):
        if self.failures:
            print("%s: %d of %d checks failed" % (self.name, len(self.failures), self.count))
            sys.exit(1)
        print("%s: all %d checks passed" % (self.name, self.count))
        sys.exit(0)


def require_binary():
    if not (os.path.isfile(BINARY) and os.access(BINARY, os.X_OK)):
        print("FAILED: no executable at %s (set COOPREPORT or run make)" % BINARY)
        sys.exit(1)


class Result:
    def __init__(self, args, returncode, stdout, stderr):
        self.args, self.returncode, self.stdout, self.stderr = args, returncode, stdout, stderr

    def describe(self):
        """The command and its output, for failure messages."""
        tail = lambda text: "\n".join(text.splitlines()[-15:])  # noqa: E731
        return "$ %s\n[exit %d]\n--- stdout (end)\n%s\n--- stderr (end)\n%s" % (
            " ".join(self.args), self.returncode, tail(self.stdout), tail(self.stderr))


def run(*args, timeout=300):
    """Runs the binary with args from the repository root; output decoded as UTF-8."""
    command = [BINARY] + [str(a) for a in args]
    env = dict(os.environ)
    env.pop("COOPREPORT_SHARE", None)
    try:
        p = subprocess.run(command, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=timeout, env=env)
    except subprocess.TimeoutExpired:
        return Result(command, -1, "", "timed out after %d s" % timeout)
    if p.returncode < 0:
        print("note: %s killed by signal %d" % (command[0], -p.returncode))
    return Result(command, p.returncode, p.stdout.decode("utf-8", "replace"),
                  p.stderr.decode("utf-8", "replace"))


def copy_golden_inputs(folder, config_text=None):
    """Copies the golden registry (tests/data/golden: coops.csv, groups.csv) into folder and,
    when config_text is given, writes it as folder/case.ini; returns that path (or None)."""
    golden = os.path.join(TEST_DATA, "golden")
    for name in ("coops.csv", "groups.csv"):
        shutil.copy(os.path.join(golden, name), os.path.join(folder, name))
    if config_text is None:
        return None
    config = os.path.join(folder, "case.ini")
    with open(config, "w", encoding="utf-8") as handle:
        handle.write(config_text)
    return config


class TempDir:
    """A temporary output folder, removed afterwards (kept when KEEP_E2E_OUTPUT is set)."""

    def __enter__(self):
        self.path = tempfile.mkdtemp(prefix="coopreport-e2e-")
        return self.path

    def __exit__(self, *exc):
        if os.environ.get("KEEP_E2E_OUTPUT"):
            print("output kept in " + self.path)
        else:
            shutil.rmtree(self.path, ignore_errors=True)


def report(config, out_dir, *options, name="report.xlsx"):
    """Runs a report with -o OUT_DIR/NAME. Returns (result, path of the workbook)."""
    path = os.path.join(out_dir, name)
    return run(config, "-o", path, *options), path


# --- stdout: --indicators ---------------------------------------------------------------------

def parse_indicators_csv(text):
    """key -> {"value": str, "unit": str, "label": str}, in output order. Raises ValueError."""
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows or rows[0] != ["key", "value", "unit", "label"]:
        raise ValueError("header is %r, expected key,value,unit,label" % (rows[0] if rows else None))
    out = {}
    for number, row in enumerate(rows[1:], start=2):
        if not row:
            continue
        if len(row) != 4:
            raise ValueError("line %d has %d fields: %r" % (number, len(row), row))
        key, value, unit, label = row
        if key in out:
            raise ValueError("key %s printed twice" % key)
        out[key] = {"value": value, "unit": unit, "label": label}
    return out


def to_number(text):
    """The float of a printed value, None for an empty one; raises ValueError otherwise."""
    if text == "":
        return None
    if text.strip() != text or text.lower() in ("nan", "inf", "-inf", "infinity", "-nan"):
        raise ValueError(repr(text))
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(repr(text))
    return value


def indicator_values(checker, indicators, what):
    """key -> float or None; every value must be empty or a finite number."""
    values = {}
    for key, row in indicators.items():
        try:
            values[key] = to_number(row["value"])
        except ValueError:
            checker.check(False, "%s: %s has value %r, not a number" % (what, key, row["value"]))
    return values


def check_against_expected(checker, indicators, expected, what):
    """Compares printed indicators with an expected-*.json ("required" keys must be printed,
    "optional" ones only when printed). Integers must print without decimals."""
    for section in ("required", "optional"):
        for key, want in expected[section].items():
            if key not in indicators:
                checker.check(section == "optional", "%s: key %s missing" % (what, key))
                continue
            text = indicators[key]["value"]
            if want is None:
                checker.check(text == "", "%s: %s should be blank, got %r" % (what, key, text))
            elif isinstance(want, int):
                checker.check(text == str(want), "%s: %s expected %s, got %r" % (what, key, want, text))
            else:
                try:
                    got = to_number(text)
                except ValueError:
                    got = text
                checker.close(got, want, "%s: %s" % (what, key))


def parse_indicators_json(checker, text, what):
    try:
        data = json.loads(text)
    except ValueError as error:
        checker.check(False, "%s: --indicators=json is not JSON (%s): %r" % (what, error, text[:200]))
        return {}
    if not checker.check(isinstance(data, dict), "%s: JSON is not an object" % what):
        return {}
    for key, value in data.items():
        checker.check(value is None or (isinstance(value, (int, float)) and not isinstance(value, bool)),
                      "%s: JSON %s is %r, not a number or null" % (what, key, value))
    return data


# --- stderr: diagnostics and run summary -------------------------------------------------------

DIAGNOSTIC = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning): "
                        r"(?:field '(?P<field>[^']*)': )?(?P<message>.*)$")
SUMMARY = re.compile(r"^(?P<file>.+): read (?P<read>\d+) rows? = counted (?P<counted>\d+) \+ "
                     r"listed (?P<listed>\d+) \+ rejected (?P<rejected>\d+) \+ "
                     r"skipped (?P<skipped>\d+)\s*$")


def parse_diagnostics(stderr):
    out = []
    for line in stderr.splitlines():
        m = DIAGNOSTIC.match(line)
        if m:
            d = m.groupdict()
            d["line"], d["col"] = int(d["line"]), int(d["col"])
            out.append(d)
    return out


def parse_summary(stderr):
    """basename of the file -> {"file", "read", "counted", "listed", "rejected", "skipped"}."""
    out = {}
    for line in stderr.splitlines():
        m = SUMMARY.search(line)
        if m:
            d = m.groupdict()
            for k in ("read", "counted", "listed", "rejected", "skipped"):
                d[k] = int(d[k])
            out[os.path.basename(d["file"])] = d
    return out


def count_data_rows(path, delimiter=","):
    """Data rows of a CSV file, counted independently with Python's csv module."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = [r for r in csv.reader(f, delimiter=delimiter) if r]
    return len(rows) - 1


def check_summary(checker, stderr, expected_summary, what):
    """Each expected file has a summary line that adds up and matches the expected counts."""
    found = parse_summary(stderr)
    for name, want in expected_summary.items():
        got = found.get(name)
        if not checker.check(got is not None, "%s: no run summary line for %s in stderr:\n%s"
                             % (what, name, stderr[-2000:])):
            continue
        checker.equal(got["counted"] + got["listed"] + got["rejected"] + got["skipped"],
                      got["read"], "%s: %s summary adds up" % (what, name))
        for k in ("read", "counted", "listed", "rejected", "skipped"):
            checker.equal(got[k], want[k], "%s: %s %s" % (what, name, k))


# --- the workbook ------------------------------------------------------------------------------

def check_xlsx_file(checker, path, what):
    """The file exists, is a zip holding an .xlsx; returns True when openpyxl may read it."""
    if not checker.check(os.path.isfile(path), "%s: no workbook at %s" % (what, path)):
        return False
    if not checker.check(zipfile.is_zipfile(path), "%s: %s is not a zip file" % (what, path)):
        return False
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        checker.check(z.testzip() is None, "%s: corrupt member in %s" % (what, path))
    return checker.check("xl/workbook.xml" in names and "[Content_Types].xml" in names,
                         "%s: %s lacks xl/workbook.xml: %r" % (what, path, names[:10]))


def load_workbook(path):
    import openpyxl   # imported here so that a missing openpyxl fails one check, not the import
    return openpyxl.load_workbook(path, data_only=True)


def iter_defined_names(workbook):
    """Workbook-level defined names (openpyxl 3.0: .definedName list; 3.1: a dict)."""
    names = workbook.defined_names
    if hasattr(names, "definedName"):
        items = names.definedName
    else:
        items = names.values()
    for item in items:
        if getattr(item, "localSheetId", None) is None:
            yield item


def defined_name_values(workbook):
    """name -> value of the single cell it refers to (None for an empty cell). A name that
    does not point at exactly one cell maps to the string '#REF <attr_text>'."""
    out = {}
    for item in iter_defined_names(workbook):
        targets = list(item.destinations)
        if len(targets) != 1 or ":" in targets[0][1]:
            out[item.name] = "#REF " + str(item.attr_text)
            continue
        sheet, cell = targets[0]
        if sheet not in workbook.sheetnames:
            out[item.name] = "#REF " + str(item.attr_text)
            continue
        out[item.name] = workbook[sheet][cell.replace("$", "")].value
    return out


def defined_name_sheets(workbook):
    return {item.name: [s for s, _ in item.destinations] for item in iter_defined_names(workbook)}


def check_names_match_indicators(checker, workbook, indicators, what):
    """Every printed indicator is a defined name on the "Chỉ số" sheet whose cell holds the same
    number (blank stays empty)."""
    values = defined_name_values(workbook)
    sheets = defined_name_sheets(workbook)
    for key, row in indicators.items():
        if not checker.check(key in values, "%s: no defined name %s" % (what, key)):
            continue
        checker.check(sheets[key] == [INDICATORS_SHEET], "%s: name %s points to %r, not to '%s'"
                      % (what, key, sheets[key], INDICATORS_SHEET))
        cell = values[key]
        try:
            printed = to_number(row["value"])
        except ValueError:
            continue   # reported by indicator_values
        if printed is None:
            checker.check(cell is None or cell == "", "%s: cell of %s should be empty, holds %r"
                          % (what, key, cell))
        else:
            checker.close(cell, printed, "%s: cell of defined name %s" % (what, key), rel=1e-14)
    return values


def check_name_value(checker, values, key, expected, what, exact=False):
    """One defined name against a figure computed by hand."""
    if not checker.check(key in values, "%s: no defined name %s" % (what, key)):
        return
    got = values[key]
    if exact:
        checker.check(got == expected and not isinstance(got, bool),
                      "%s: %s = %r, expected exactly %r" % (what, key, got, expected))
    elif isinstance(got, (int, float)) and expected and abs(got * 100 - expected) < 1e-6 * abs(expected):
        checker.check(False, "%s: %s = %r is a fraction; percentages are stored as 0-100, "
                             "expected %r" % (what, key, got, expected))
    else:
        checker.close(got, expected, "%s: %s" % (what, key))


def load_expected(name):
    with open(os.path.join(TEST_DATA, name), encoding="utf-8") as f:
        return json.load(f)


def files_in(folder):
    out = []
    for base, _, names in os.walk(folder):
        out += [os.path.relpath(os.path.join(base, n), folder) for n in names]
    return sorted(out)
