"""Batch runs (SPEC §8): one workbook per province, the national summary, -j, failures, merged
provinces, interrupted runs. The data come from tests/tools/generate_national.py, whose
expected.json holds the figures computed independently in Python.

The contract tested here (the batch issue and its decisions):
  - `[report] province = all`, `-p all` or `-p A,B` (codes or names): one workbook per province in
    the input (or listed); the output path must hold {province_code} or {province_slug}, else exit 2.
  - `-j N`: the outputs are byte-identical whatever N.
  - `[output] summary`: sheet "Toàn quốc", one row per province (code, name, HTX total, new,
    dissolved, members, workers, THT total, average revenue, profit, income, market access %), a
    national totals row, a chart; defined names national.<key> for the national figures.
  - A province with a bad row gets no workbook and is "failed" in the table that ends stderr
    (code, name, rows, HTX, ok/failed/partial, seconds, output path); the others complete; exit 1.
    With --keep-going it gets its workbook and is "partial" (in the national summary: "Đã lập,
    thiếu N dòng lỗi"); still exit 1. A row of an unknown or empty province (or one broken before
    its province cell) could be any province's: it is a rejected row of every province, as in a
    single-province run (each fails; with --keep-going each workbook lists it and equals the
    single run's); its errors are printed once.
  - Periods ending on/after 1/7/2025 use the 34 list; old codes are mapped (stderr: "mapped N rows").
  - Temporary files and rename: after kill -9 only complete workbooks, hidden .NAME.PID.tmp
    files and the part folder .coopreport-parts.PID, which the next run removes (and says so); a
    good workbook is never replaced by a bad one. SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE: exit
    128 + N, no temporary file or part folder left, stderr says what was finished (nothing after
    SIGPIPE); interrupted while reading: "interrupted while reading the input: 0 of N …".
  - No progress text when stderr is not a terminal; on a terminal the progress line is erased
    before any other line.
"""

import csv
import errno
import hashlib
import json
import os
import pty
import re
import select
import shutil
import signal
import subprocess
import sys
import time
import zipfile

from common import (BINARY, Checker, EXIT_DATA, EXIT_OK, EXIT_USAGE, ROOT, TempDir, check_xlsx_file,
                    defined_name_values, files_in, load_workbook, require_binary, run)

sys.path.insert(0, os.path.join(ROOT, "tests", "tools"))
import layout_check  # noqa: E402

GENERATOR = os.path.join(ROOT, "tests", "tools", "generate_national.py")
SUMMARY_SHEET = "Toàn quốc"
PER_PROVINCE_KEYS = ["coops.total", "coops.new", "coops.dissolved", "coops.members", "coops.workers",
                     "groups.total", "coops.revenue.avg", "coops.profit.avg", "coops.income.avg",
                     "coops.market_access.pct"]
# The summary sheet's figure columns, in order, after code and name.
SUMMARY_COLUMNS = PER_PROVINCE_KEYS
ADDITIVE = ["coops.total", "coops.new", "coops.dissolved", "coops.members", "coops.workers",
            "groups.total"]
TMP_NAME = re.compile(r"^\..+\.(\d+)\.tmp$")
PARTS_NAME = re.compile(r"^\.coopreport-parts\.(\d+)$")
SMALL, LARGE = 3000, 60000


# --- helpers ----------------------------------------------------------------------------------

def generate(folder, coops, *options):
    subprocess.run([sys.executable, GENERATOR, "--coops", str(coops), "--out", folder] + list(options),
                   check=True)
    with open(os.path.join(folder, "expected.json"), encoding="utf-8") as f:
        return json.load(f)


def sha256_tree(folder):
    out = {}
    for name in files_in(folder):
        with open(os.path.join(folder, name), "rb") as f:
            out[name] = hashlib.sha256(f.read()).hexdigest()
    return out


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def summary_name(expected):
    a = expected["arguments"]
    return "toan-quoc-%d-%s.xlsx" % (a["year"], a["period"])


def same(actual, expected, rel=1e-9):
    if expected is None:
        return actual is None or actual == ""
    if not isinstance(actual, (int, float)) or isinstance(actual, bool):
        return False
    return abs(actual - expected) <= rel * max(1.0, abs(expected))


def compare(c, actual, expected, what):
    if same(actual, expected):
        return c.check(True, what)
    if expected and isinstance(actual, (int, float)) and same(actual * 100, expected):
        return c.check(False, "%s: %r is a fraction; percentages are stored as 0-100, expected %r"
                       % (what, actual, expected))
    return c.check(False, "%s: expected %r, got %r" % (what, expected, actual))


TABLE_STATUS = re.compile(r"(?<![\w./-])(ok|failed)(?![\w./-])")
TABLE_CODE = re.compile(r"^[\s|]*(\d{2})(?!\d)")


def parse_table(stderr):
    """The run-end table: code -> (line, status, index of the line in stderr)."""
    out = {}
    lines = stderr.splitlines()
    for index, line in enumerate(lines):
        m = TABLE_CODE.match(line)
        s = TABLE_STATUS.search(line)
        if m and s:
            out[m.group(1)] = (line, s.group(1), index)
    return out


def numbers_in(line):
    return {int(t.replace(",", "")) for t in re.split(r"[\s|]+", line)
            if re.fullmatch(r"\d{1,3}(,\d{3})+|\d+", t)}


def check_table(c, stderr, expected, codes, failed, what, paths=True, added_rows=None):
    """One table line per province of `codes`, status ok except `failed`, at the end of stderr;
    added_rows: {code: rows added to the generated file}."""
    table = parse_table(stderr)
    lines = stderr.splitlines()
    if not c.check(table, "%s: no run-end table (lines 'CODE name rows HTX ok|failed seconds path') "
                   "in stderr:\n%s" % (what, "\n".join(lines[-20:]))):
        return
    c.equal(sorted(table), sorted(codes), "%s: provinces in the run-end table" % what)
    last = max(index for _, _, index in table.values())
    trailing = [line for line in lines[last + 1:] if line.strip()]
    c.check(len(trailing) <= 3, "%s: stderr does not end with the table; after it:\n%s"
            % (what, "\n".join(trailing[:10])))
    for code in codes:
        if code not in table:
            continue
        line, status, _ = table[code]
        want = "failed" if code in failed else "ok"
        c.equal(status, want, "%s: status of %s in '%s'" % (what, code, line))
        p = expected["provinces"].get(code)
        if p is None:
            continue
        c.check(p["name"] in line, "%s: table line of %s lacks the name %s: '%s'"
                % (what, code, p["name"], line))
        nums = numbers_in(line)
        if want == "ok":
            c.check(p["coops.total"] in nums, "%s: table line of %s lacks the HTX count %d: '%s'"
                    % (what, code, p["coops.total"], line))
            if paths:
                c.check(code + ".xlsx" in line, "%s: table line of %s lacks the output path: '%s'"
                        % (what, code, line))
        added = (added_rows or {}).get(code, 0)
        rows = {p["rows_coops"] + added, p["rows_coops"] + p["rows_groups"] + added}
        c.check(nums & rows, "%s: table line of %s lacks the row count (%s): '%s'"
                % (what, code, " or ".join(map(str, sorted(rows))), line))


def no_progress(c, stderr, what):
    c.check("\r" not in stderr and "\x1b[" not in stderr,
            "%s: progress text (\\r or escape sequences) on a non-terminal stderr" % what)


def province_workbooks(folder, expected):
    return sorted(n[:-5] for n in os.listdir(folder)
                  if n.endswith(".xlsx") and n != summary_name(expected))


def check_province_workbook(c, path, want, what, keys=PER_PROVINCE_KEYS):
    if not check_xlsx_file(c, path, what):
        return None
    names = defined_name_values(load_workbook(path))
    for key in keys:
        if c.check(key in names, "%s: no defined name %s" % (what, key)):
            compare(c, names[key], want[key], "%s: %s" % (what, key))
    return names


def code_of(cell, codes):
    if isinstance(cell, int) and not isinstance(cell, bool):
        text = "%02d" % cell
    elif isinstance(cell, str):
        text = cell.strip()
    else:
        return None
    return text if text in codes else None


def check_summary(c, path, expected, what, codes=None):
    """The national summary workbook: national.* names, the province rows, the totals row, a chart."""
    if not check_xlsx_file(c, path, what):
        return
    provinces = expected["provinces"]
    codes = set(codes if codes is not None else provinces)
    national = expected["national"]
    wb = load_workbook(path)
    names = defined_name_values(wb)
    for key in PER_PROVINCE_KEYS:
        name = "national." + key
        if c.check(name in names, "%s: no defined name %s (has %s)"
                   % (what, name, sorted(n for n in names if n.startswith("national"))[:12])):
            compare(c, names[name], national[key], "%s: %s" % (what, name))
    if not c.check(SUMMARY_SHEET in wb.sheetnames, "%s: no sheet %r in %r"
                   % (what, SUMMARY_SHEET, wb.sheetnames)):
        return
    rows, others, column = {}, [], None
    for row in wb[SUMMARY_SHEET].iter_rows(values_only=True):
        found = False
        for i, cell in enumerate(row):
            code = code_of(cell, codes)
            if code and i + 1 < len(row) and row[i + 1] == provinces[code]["name"]:
                c.check(code not in rows, "%s: province %s has two rows" % (what, code))
                rows[code] = list(row[i + 2:i + 2 + len(SUMMARY_COLUMNS)])
                column = i + 2
                found = True
                break
        if not found:
            others.append(row)
    c.equal(sorted(rows), sorted(codes), "%s: province rows of sheet %s (code, name, figures…)"
            % (what, SUMMARY_SHEET))
    for code, values in sorted(rows.items()):
        values += [None] * (len(SUMMARY_COLUMNS) - len(values))
        for key, value in zip(SUMMARY_COLUMNS, values):
            compare(c, value, provinces[code][key], "%s: row %s, %s" % (what, code, key))
    # National additive totals = the sum of the province rows (and of the expected figures).
    for j, key in enumerate(SUMMARY_COLUMNS):
        if key not in ADDITIVE:
            continue
        cells = [rows[code][j] for code in rows]
        if all(isinstance(v, (int, float)) for v in cells) and ("national." + key) in names:
            compare(c, names["national." + key], sum(cells),
                    "%s: national.%s vs the sum of the province rows" % (what, key))
    # A totals row holding the national figures in the same columns.
    if column is not None:
        want = [national[k] for k in ADDITIVE]
        c.check(any(len(r) >= column + len(ADDITIVE)
                    and all(same(r[column + j], w) for j, w in enumerate(want)) for r in others),
                "%s: no national totals row with %r under the province figures" % (what, want))
    with zipfile.ZipFile(path) as z:
        c.check(any(n.startswith("xl/charts/chart") for n in z.namelist()),
                "%s: no chart in %s" % (what, os.path.basename(path)))


def check_summary_adds_up(c, path, expected, what):
    """With a failed province too: the national additive names = the sum of the province rows
    (a blank row counting 0)."""
    if not check_xlsx_file(c, path, what):
        return
    wb = load_workbook(path)
    names = defined_name_values(wb)
    provinces = expected["provinces"]
    if SUMMARY_SHEET not in wb.sheetnames:
        return
    sums, seen = [0] * len(ADDITIVE), 0
    for row in wb[SUMMARY_SHEET].iter_rows(values_only=True):
        for i, cell in enumerate(row):
            code = code_of(cell, provinces)
            if code and i + 1 < len(row) and row[i + 1] == provinces[code]["name"]:
                seen += 1
                for j, key in enumerate(SUMMARY_COLUMNS):
                    if key in ADDITIVE and isinstance(row[i + 2 + j], (int, float)):
                        sums[ADDITIVE.index(key)] += row[i + 2 + j]
                break
    c.check(seen > 0, what + ": no province rows")
    for key, total in zip(ADDITIVE, sums):
        compare(c, names.get("national." + key), total,
                "%s: national.%s vs the sum of the province rows" % (what, key))


def copy_inputs(source, target):
    os.makedirs(target, exist_ok=True)
    for name in ("htx.csv", "tht.csv", "national.ini", "expected.json"):
        shutil.copy(os.path.join(source, name), os.path.join(target, name))


def rewrite_rows(path, change):
    """Applies change(rows) to the CSV file (rows include the header)."""
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    change(rows)
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


def start(args, stderr_path):
    err = open(stderr_path, "wb")
    env = dict(os.environ)
    env.pop("COOPREPORT_SHARE", None)
    # A session of its own, so that a signal can go to the whole run (killpg) as Ctrl-C does.
    p = subprocess.Popen([BINARY] + [str(a) for a in args], cwd=ROOT, stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=err, env=env, start_new_session=True)
    err.close()
    return p


def wait_for_workbook(process, folder, ignore=(), timeout=60):
    """Waits until a new .xlsx appears in folder (or the process ends). True when it appeared
    while the process was still running."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        if process.poll() is not None:
            return False
        if os.path.isdir(folder) and any(n.endswith(".xlsx") and n not in ignore
                                         for n in os.listdir(folder)):
            return process.poll() is None
        time.sleep(0.005)
    return process.poll() is None


def processes_using(marker):
    """PIDs of live processes whose command line contains marker (e.g. orphaned workers)."""
    out = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open("/proc/%s/cmdline" % pid, "rb") as f:
                if marker.encode() in f.read():
                    out.append(int(pid))
        except OSError:
            pass
    return out


def check_folder_after_crash(c, folder, what):
    """Only complete workbooks and hidden .NAME.PID.tmp files."""
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        if os.path.isdir(path):
            c.check(PARTS_NAME.match(name), "%s: folder %s is not the part folder .coopreport-parts.PID"
                    % (what, name))
        elif name.startswith("."):
            c.check(TMP_NAME.match(name), "%s: hidden file %s is not named .NAME.PID.tmp" % (what, name))
        elif name.endswith(".xlsx"):
            if check_xlsx_file(c, path, "%s: %s" % (what, name)):
                try:
                    load_workbook(path)
                except Exception as error:   # noqa: BLE001 - any failure to open is the finding
                    c.check(False, "%s: openpyxl cannot open %s: %s" % (what, name, error))
        else:
            c.check(False, "%s: non-hidden partial or foreign file %s" % (what, name))


# --- the tests ----------------------------------------------------------------------------------

def test_all_provinces(c, data, expected):
    """(a) every province, the summary; (b) -j1 and -j2 give the same bytes."""
    config = os.path.join(data, "national.ini")
    out = os.path.join(data, "out")
    codes = sorted(expected["provinces"])
    c.equal(len(codes), 63, "generator: provinces present in the input")

    result = run(config)                                          # -j default, province = all
    what = "(a) batch of %d coops" % SMALL
    if not c.equal(result.returncode, EXIT_OK, what + ": exit status\n" + result.describe()):
        return False
    no_progress(c, result.stderr, what)
    c.equal(files_in(out), sorted([code + ".xlsx" for code in codes] + [summary_name(expected)]),
            what + ": files in out/ (63 workbooks + the summary, no temporary file)")
    check_table(c, result.stderr, expected, codes, set(), what)
    for code in codes:
        check_province_workbook(c, os.path.join(out, code + ".xlsx"), expected["provinces"][code],
                                "%s: %s.xlsx" % (what, code))
    check_summary(c, os.path.join(out, summary_name(expected)), expected, what + ": summary")

    # (b) the same bytes with -j1 and -j2 (and -p all instead of the config's province = all).
    first = sha256_tree(out)
    shutil.move(out, out + "-default")
    for jobs in ("1", "2"):
        result = run(config, "-j", jobs, "-p", "all")
        what = "(b) -j%s" % jobs
        c.equal(result.returncode, EXIT_OK, what + ": exit status\n" + result.describe())
        got = sha256_tree(out)
        c.equal(sorted(got), sorted(first), what + ": the same files as the default -j")
        differing = sorted(n for n in first if n in got and got[n] != first[n])
        c.check(not differing, "%s: files differ from the default -j run: %s" % (what, differing[:10]))
        shutil.move(out, out + "-j" + jobs)
    shutil.move(out + "-default", out)
    return True


def test_bad_row(c, data, expected):
    """(c) a bad date in one province: that province fails, the others complete, exit 1; a good
    workbook of the failing province is kept; --keep-going writes it with the rejected row."""
    bad_code = "27"
    folder = os.path.join(data, "bad")
    copy_inputs(data, folder)

    def spoil(rows):
        for row in rows[1:]:
            if row[2] == bad_code:
                row[6] = "31/02/2024"
                return
        raise AssertionError("no row of province %s" % bad_code)
    rewrite_rows(os.path.join(folder, "htx.csv"), spoil)
    config = os.path.join(folder, "national.ini")
    out = os.path.join(folder, "out")
    codes = sorted(expected["provinces"])

    result = run(config, "-j", "2")
    what = "(c) bad row in %s" % bad_code
    c.equal(result.returncode, EXIT_DATA, what + ": exit status\n" + result.describe())
    c.check("htx.csv:" in result.stderr and "31/02/2024" in result.stderr,
            what + ": the bad row is not reported as FILE:LINE:COL with its value:\n" + result.stderr[-1500:])
    c.equal(province_workbooks(out, expected) if os.path.isdir(out) else [],
            [code for code in codes if code != bad_code], what + ": workbooks written")
    check_table(c, result.stderr, expected, codes, {bad_code}, what)
    c.check(not [n for n in (os.listdir(out) if os.path.isdir(out) else []) if n.startswith(".")],
            what + ": temporary files left in out/")
    check_summary_adds_up(c, os.path.join(out, summary_name(expected)), expected, what + ": summary")

    # A good workbook from an earlier run is not replaced.
    good = os.path.join(data, "out", bad_code + ".xlsx")
    target = os.path.join(out, bad_code + ".xlsx")
    if c.check(os.path.isfile(good), what + ": no good workbook from (a) to protect"):
        os.makedirs(out, exist_ok=True)
        shutil.copy(good, target)
        before = sha256(target)
        result = run(config, "-j", "2")
        c.equal(result.returncode, EXIT_DATA, what + ", again over a good workbook: exit status")
        c.check(os.path.isfile(target) and sha256(target) == before,
                what + ": the good workbook of an earlier run was replaced or removed")

    # --keep-going: the province gets its workbook, with the rejected row.
    shutil.rmtree(out, ignore_errors=True)
    result = run(config, "-j", "2", "--keep-going")
    what = "(c) --keep-going"
    c.equal(result.returncode, EXIT_DATA, what + ": exit status (rows were rejected)")
    c.check(re.search(r"^%s .* partial .*%s\.xlsx$" % (bad_code, bad_code), result.stderr, re.M),
            what + ": the end table does not show the province as partial with its workbook\n"
            + result.stderr[-1500:])
    c.equal(province_workbooks(out, expected) if os.path.isdir(out) else [], codes,
            what + ": workbooks written\n" + result.describe())
    if os.path.isfile(target):
        c.check("Dữ liệu lỗi" in load_workbook(target).sheetnames,
                what + ": no 'Dữ liệu lỗi' sheet in %s.xlsx" % bad_code)
    summary = os.path.join(out, summary_name(expected))
    if check_xlsx_file(c, summary, what + ": summary"):
        c.equal(national_status(summary, bad_code), "Đã lập, thiếu 1 dòng lỗi",
                what + ": status of the partial province in the national summary")
        c.equal(national_status(summary, "01"), "Đã lập báo cáo",
                what + ": status of a clean province in the national summary")
        # The longer status fits its column, measured (tests/tools/layout_check.py).
        c.equal(layout_check.check_workbook(summary, "partial"), [],
                what + ": layout of the national summary with a partial province")
    # An English template says the same in English.
    english = os.path.join(folder, "national-en.ini")
    with open(config, encoding="utf-8") as f:
        text = f.read()
    with open(english, "w", encoding="utf-8") as f:
        f.write(text.replace("[report]\n", "[report]\ntemplate = half-year-report-en\n", 1))
    result = run(english, "-p", "27,01", "--keep-going", "-o",
                 os.path.join(folder, "out-en", "{province_code}.xlsx"))
    if check_xlsx_file(c, summary, what + ": English summary"):
        c.equal((national_status(summary, bad_code), national_status(summary, "01")),
                ("Made, 1 rejected row left out", "Report made"),
                what + ": statuses in the national summary of an English template\n"
                + result.describe())
        c.equal(layout_check.check_workbook(summary, "partial-en"), [],
                what + ": layout of the English national summary with a partial province")


def sheet_cells(path):
    """sheet name -> {coordinate: value} of every non-empty cell."""
    wb = load_workbook(path)
    return {name: {cell.coordinate: cell.value for row in wb[name].iter_rows() for cell in row
                   if cell.value is not None}
            for name in wb.sheetnames}


def national_status(path, code):
    """The status cell (the last of the row) of a province in the national summary."""
    for row in load_workbook(path)[SUMMARY_SHEET].iter_rows(values_only=True):
        if row and isinstance(row[0], str) and row[0].strip() == code:
            return [v for v in row if v is not None][-1]
    return None


def test_unknown_province(c, data, expected):
    """(h) A row of an unknown ("Hà Tây") or empty province could be any province's: a rejected
    row of every report, as in a single-province run. Without --keep-going every province fails
    (no workbook); with it every workbook lists the rows and is the single run's workbook. The
    errors are printed once."""
    folder = os.path.join(data, "unknown")
    copy_inputs(data, folder)

    def add(rows):
        template = list(rows[1])
        for i, province in enumerate(("Hà Tây", "")):
            row = list(template)
            row[0], row[2] = "99000000%02d" % i, province
            rows.insert(3 + 3 * i, row)
    rewrite_rows(os.path.join(folder, "htx.csv"), add)
    config = os.path.join(folder, "national.ini")
    out = os.path.join(folder, "out")
    codes = sorted(expected["provinces"])
    what = "(h) unknown and empty province"
    result = run(config, "-j", "2")
    c.equal(result.returncode, EXIT_DATA, what + ": exit status\n" + result.describe())
    for text in ("htx.csv:4:3: error: field 'province': unknown province 'Hà Tây'",
                 "htx.csv:7:3: error: field 'province': required value is empty"):
        c.equal(result.stderr.count(text), 1, what + ": times stderr says %r\n%s"
                % (text, result.stderr[:1500]))
    c.equal(province_workbooks(out, expected) if os.path.isdir(out) else [], [],
            what + ": province workbooks written (each report has 2 rejected rows)")
    check_table(c, result.stderr, expected, codes, set(codes), what, paths=False)

    # One province alone, as a single run and as a batch of one: the same answer.
    single = run(config, "-p", "34", "-o", os.path.join(folder, "single", "34.xlsx"))
    batch = run(config, "-p", "34,34", "-o", os.path.join(folder, "batch", "{province_code}.xlsx"))
    c.equal((single.returncode, batch.returncode), (EXIT_DATA, EXIT_DATA),
            what + ": exit status of -p 34 and -p 34,34\n" + single.describe() + "\n" + batch.describe())
    c.check(not os.path.exists(os.path.join(folder, "batch", "34.xlsx")),
            what + ": -p 34,34 wrote the workbook -p 34 refuses")

    # --keep-going: each workbook lists the rows, exactly as the single run's does.
    shutil.rmtree(out, ignore_errors=True)
    result = run(config, "-j", "2", "--keep-going")
    what = "(h) unknown and empty province, --keep-going"
    c.equal(result.returncode, EXIT_DATA, what + ": exit status\n" + result.describe())
    c.equal(result.stderr.count("unknown province 'Hà Tây'"), 1, what + ": times the error is printed")
    c.equal(province_workbooks(out, expected) if os.path.isdir(out) else [], codes,
            what + ": every province gets its workbook")
    for code in ("34", "01"):
        path = os.path.join(folder, "single-kg", code + ".xlsx")
        single = run(config, "-p", code, "--keep-going", "-o", path)
        c.equal(single.returncode, EXIT_DATA, what + ": exit status of -p %s\n%s" % (code, single.describe()))
        if check_xlsx_file(c, path, what + ": single run -p " + code) and \
                check_xlsx_file(c, os.path.join(out, code + ".xlsx"), what + ": batch " + code):
            want, got = sheet_cells(path), sheet_cells(os.path.join(out, code + ".xlsx"))
            c.equal(list(got), list(want), what + ": sheets of %s.xlsx against the single run's" % code)
            for sheet in want:
                differing = sorted(k for k in set(want[sheet]) | set(got.get(sheet, {}))
                                   if want[sheet].get(k) != got.get(sheet, {}).get(k))
                c.check(not differing, "%s: %s.xlsx sheet %s differs from the single run's at %s"
                        % (what, code, sheet, differing[:8]))
            c.check(any("Hà Tây" in str(v) for v in want.get("Dữ liệu lỗi", {}).values()),
                    what + ": the single run's 'Dữ liệu lỗi' does not list the Hà Tây row")
    summary = os.path.join(out, summary_name(expected))
    if check_xlsx_file(c, summary, what + ": summary"):
        c.equal(national_status(summary, "34"), "Đã lập, thiếu 2 dòng lỗi",
                what + ": status of 34 in the national summary")


def test_broken_quotes(c, data, expected):
    """Broken quoting does not stop the reading: a row broken after its province cell fails that
    province alone; one broken before it could be any province's: a rejected row of every one."""
    folder = os.path.join(data, "quotes")
    copy_inputs(data, folder)
    path = os.path.join(folder, "htx.csv")
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    template, code = rows[1], rows[1][2]

    def raw_line(fields, index, broken):
        cells = ['"%s"' % field.replace('"', '""') for field in fields]
        cells[index] = broken
        return ",".join(cells) + "\n"

    after_province = list(template)
    after_province[0] = "QQ00000001"
    before_province = list(template)
    before_province[0] = "QQ00000002"
    with open(path, encoding="utf-8", newline="") as f:
        header, rest = f.readline(), f.read()
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(header + raw_line(after_province, 3, 'Tiên "Du"')
                + raw_line(before_province, 1, '"HTX "Sao" Vàng') + rest)
    out = os.path.join(folder, "out")
    codes = sorted(expected["provinces"])
    result = run(os.path.join(folder, "national.ini"), "-j", "2")
    what = "(i) broken quoting"
    c.equal(result.returncode, EXIT_DATA, what + ": exit status\n" + result.describe())
    c.check("htx.csv:2:4: error: field 'district': quote inside an unquoted field" in result.stderr,
            what + ": no error for the row broken after its province cell\n" + result.stderr[-1500:])
    c.equal(result.stderr.count("htx.csv:3:2: error: field 'name': unexpected text after a closing quote"),
            1, what + ": times the row broken before its province cell is reported\n"
            + result.stderr[:1500])
    c.equal(province_workbooks(out, expected) if os.path.isdir(out) else [], [],
            what + ": workbooks written (every report has the row broken before its province)")
    check_table(c, result.stderr, expected, codes, set(codes), what, paths=False,
                added_rows={code: 1})


def test_list_and_placeholders(c, data, expected):
    """(f) no placeholder in the path: exit 2, nothing written; a list with names and {province_slug}."""
    config = os.path.join(data, "national.ini")
    with TempDir() as tmp:
        result = run(config, "-o", os.path.join(tmp, "report.xlsx"))
        what = "(f) batch without {province_code}/{province_slug}"
        c.equal(result.returncode, EXIT_USAGE, what + ": exit status\n" + result.describe())
        c.check("error" in result.stderr and ("{province_code}" in result.stderr
                                             or "province_slug" in result.stderr),
                what + ": the error does not name the placeholder:\n" + result.stderr[-800:])
        c.equal(files_in(tmp), [], what + ": files written")

        result = run(config, "-p", "Hà Nội,27", "-j", "2", "-o", os.path.join(tmp, "{province_slug}.xlsx"))
        what = "(f) -p 'Hà Nội,27' with {province_slug}"
        c.equal(result.returncode, EXIT_OK, what + ": exit status\n" + result.describe())
        written = files_in(tmp)
        c.equal(len(written), 2, what + ": two workbooks (got %r)" % written)
        c.check(all(n.endswith(".xlsx") and "{" not in n for n in written),
                what + ": placeholder not replaced: %r" % written)
        check_table(c, result.stderr, expected, ["01", "27"], set(), what, paths=False)
        totals = sorted(defined_name_values(load_workbook(os.path.join(tmp, n))).get("coops.total")
                        for n in written if n.endswith(".xlsx"))
        c.equal(totals, sorted([expected["provinces"]["01"]["coops.total"],
                                expected["provinces"]["27"]["coops.total"]]),
                what + ": coops.total of the two workbooks")

        # --quiet: errors only; the run-end table only when something failed.
        result = run(config, "-p", "01,27", "-j", "2", "-q", "-o",
                     os.path.join(tmp, "q-{province_code}.xlsx"))
        what = "(f) -q"
        c.equal(result.returncode, EXIT_OK, what + ": exit status\n" + result.describe())
        c.equal(result.stderr, "", what + ": stderr of a quiet run that went well")


def test_merger(c, tmp):
    """(e) FY 2025: the 34-province list; old codes 24 and 27 → new 24 "Bắc Ninh"."""
    data = os.path.join(tmp, "merged")
    expected = generate(data, 2000, "--year", "2025", "--period", "FY", "--codes", "34-merged")
    extra = 2        # rows given by the new province's name: not "mapped"

    def add(rows):
        for i in range(extra):
            rows.append(["2499999%03d" % i, "HTX Nông nghiệp Bắc Ninh mới %d" % i, "Bắc Ninh", "Huyện 1",
                         "HTX", "Nông nghiệp", "01/01/2010", "", "", "", "", "", "", "", "", "", ""])
    rewrite_rows(os.path.join(data, "htx.csv"), add)
    out = os.path.join(data, "out")
    result = run(os.path.join(data, "national.ini"), "-j", "2")
    what = "(e) FY 2025, 34 provinces"
    if not c.equal(result.returncode, EXIT_OK, what + ": exit status\n" + result.describe()):
        return
    codes = sorted(expected["provinces"])
    c.equal(len(codes), 34, "generator: new provinces")
    c.equal(province_workbooks(out, expected), codes, what + ": one workbook per new province")
    want = dict(expected["provinces"]["24"])
    want["coops.total"] += extra
    path = os.path.join(out, "24.xlsx")
    if check_xlsx_file(c, path, what + ": 24.xlsx"):
        names = defined_name_values(load_workbook(path))
        compare(c, names.get("coops.total"), want["coops.total"],
                what + ": coops.total of new 24 (old 24 + old 27 + %d by name)" % extra)
    mapped = expected["mapped"]
    found = {int(n.replace(",", "")) for n in re.findall(r"mapped (\d[\d,]*) rows?", result.stderr)}
    c.check(found and found <= {mapped["total"], mapped["coops"], mapped["groups"]}
            and (mapped["total"] in found or {mapped["coops"], mapped["groups"]} <= found),
            what + ": stderr should say 'mapped %d rows' (htx %d + tht %d), found %r in:\n%s"
            % (mapped["total"], mapped["coops"], mapped["groups"], sorted(found),
               "\n".join(line for line in result.stderr.splitlines() if "mapped" in line) or
               result.stderr[-800:]))
    expected["national"]["coops.total"] += extra
    summary = os.path.join(out, summary_name(expected))
    if check_xlsx_file(c, summary, what + ": summary"):
        names = defined_name_values(load_workbook(summary))
        compare(c, names.get("national.coops.total"), expected["national"]["coops.total"],
                what + ": national.coops.total")

    # -p with an old code: reported under its successor, and stderr says so (a note, once).
    note = ("note: province 27 (Bắc Ninh in the 63-province list) was merged into 24 Bắc Ninh "
            "on 1 July 2025: reporting 24")
    single = run(os.path.join(data, "national.ini"), "-p", "27", "-o",
                 os.path.join(data, "single", "24.xlsx"))
    c.equal(single.returncode, EXIT_OK, what + ": exit status of -p 27\n" + single.describe())
    c.equal(single.stderr.count(note), 1, what + ": -p 27 says it reports 24:\n" + single.stderr[-800:])
    listed = run(os.path.join(data, "national.ini"), "-p", "27,27,24", "-o",
                 os.path.join(data, "listed", "{province_code}.xlsx"))
    c.equal(listed.returncode, EXIT_OK, what + ": exit status of -p 27,27,24\n" + listed.describe())
    c.equal(listed.stderr.count(note), 1,
            what + ": -p 27,27,24 says once that 27 is reported as 24:\n" + listed.stderr[-800:])
    c.check(os.path.exists(os.path.join(data, "listed", "24.xlsx")), what + ": -p 27,27,24 wrote 24.xlsx")


def leftovers(folder):
    """name -> PID of the temporary workbooks and part folders in folder."""
    out = {}
    for name in os.listdir(folder):
        m = TMP_NAME.match(name) or PARTS_NAME.match(name)
        if m:
            out[name] = int(m.group(1))
    return out


def wait_until_gone(pids, timeout=60):
    """True once no process of pids exists any more (not even as a zombie)."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        if not [pid for pid in pids if os.path.exists("/proc/%d" % pid)]:
            return True
        time.sleep(0.02)
    return False


def run_after_crash(c, folder, what, *args):
    """Runs coopreport with args once the processes that left temporary workbooks and part
    folders in folder have ended; checks that it removed every one of them and said so."""
    left = leftovers(folder)
    c.check(wait_until_gone(set(left.values())), what + ": the killed processes did not end")
    # A user's own hidden files of a similar shape, of no living process, are not ours.
    own = [".ghi-chu.999999998.tmp", ".bao-cao.docx.999999998.tmp"]
    for name in own:
        open(os.path.join(folder, name), "wb").close()
    result = run(*args)
    for name in own:
        c.check(os.path.exists(os.path.join(folder, name)), "%s: a user's %s was removed" % (what, name))
        os.remove(os.path.join(folder, name))
    for name in left:
        c.check(not os.path.exists(os.path.join(folder, name)), "%s: %s is still there" % (what, name))
        c.check("removed %s" % os.path.join(folder, name) in result.stderr,
                "%s: stderr does not say it removed %s:\n%s" % (what, name, result.stderr[:1500]))
    return result


def test_sigkill(c, tmp):
    """(d) kill -9 midway: only complete workbooks and hidden temporary files; a good workbook
    from an earlier run is unchanged or replaced by a complete one; a rerun completes."""
    data = os.path.join(tmp, "large")
    expected = generate(data, LARGE)
    config = os.path.join(data, "national.ini")
    out = os.path.join(data, "out")
    good = os.path.join(out, "27.xlsx")
    result = run(config, "-p", "27", "-o", good)
    if not c.equal(result.returncode, EXIT_OK, "(d) the earlier single-province workbook\n"
                   + result.describe()):
        return expected
    before = sha256(good)
    for variant, to_group in (("the process group", True), ("the main process only", False)):
        what = "(d) kill -9 of %s" % variant
        process = start([config, "-j", "2"], os.path.join(tmp, "kill.err"))
        started = time.time()
        present = set(n for n in os.listdir(out) if n.endswith(".xlsx"))
        midway = wait_for_workbook(process, out, ignore=present | {"27.xlsx"})
        if midway:
            if to_group:
                os.killpg(process.pid, signal.SIGKILL)
            else:
                process.send_signal(signal.SIGKILL)
        process.wait()
        print("note: %s after %.2f s (%s)" % (what, time.time() - started,
                                               "midway" if midway else "the run had already ended"))
        c.check(midway, what + ": the run ended before the kill (exit %r); the test did not "
                "interrupt it" % process.returncode)
        orphans = processes_using(data)
        if orphans:
            print("WARNING: %s: processes still running after the kill: %r (workers outlive the "
                  "parent; they keep writing into the output folder)" % (what, orphans))
            deadline = time.time() + 60
            while processes_using(data) and time.time() < deadline:
                time.sleep(0.1)
        check_folder_after_crash(c, out, what)
        if os.path.isfile(good) and sha256(good) != before:
            check_province_workbook(c, good, expected["provinces"]["27"], what + ": replaced 27.xlsx",
                                    keys=["coops.total"])
        else:
            c.check(os.path.isfile(good), what + ": the good 27.xlsx of an earlier run was removed")
        c.check(PARTS_NAME.match(".coopreport-parts.%d" % process.pid) and
                os.path.isdir(os.path.join(out, ".coopreport-parts.%d" % process.pid)),
                what + ": no part folder .coopreport-parts.%d of the killed run in %r"
                % (process.pid, sorted(os.listdir(out))))
        if to_group:
            # A later run (here a single province's, into the same folder) removes what the
            # dead run left, and says so; the second variant then starts from the good 27 only.
            result = run_after_crash(c, out, what + ": the next single-province run",
                                     config, "-p", "01", "-o", os.path.join(out, "01.xlsx"))
            c.equal(result.returncode, EXIT_OK, what + ": the next single-province run\n"
                    + result.describe())
            for name in os.listdir(out):
                if name != "27.xlsx":
                    os.remove(os.path.join(out, name))

    what = "(d) rerun after kill -9"
    result = run_after_crash(c, out, what, config, "-j", "2")
    c.equal(result.returncode, EXIT_OK, what + ": exit status\n" + result.describe())
    c.equal(province_workbooks(out, expected), sorted(expected["provinces"]), what + ": workbooks")
    check_province_workbook(c, good, expected["provinces"]["27"], what + ": 27.xlsx")
    return expected


SIGNALS = [("SIGINT", False), ("SIGINT", True), ("SIGTERM", False), ("SIGHUP", False),
           ("SIGQUIT", False), ("SIGPIPE", False)]


def wait_for(condition, process, timeout=60):
    """Polls condition() until true while process runs; True when it came true in time."""
    deadline = time.time() + timeout
    while time.time() < deadline and process.poll() is None:
        if condition():
            return process.poll() is None
        time.sleep(0.002)
    return False


def finish(c, process, what, timeout=60):
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        c.check(False, what + ": still running %d s after the signal" % timeout)


def hidden_in(folder, stale=()):
    return sorted(n for n in (os.listdir(folder) if os.path.isdir(folder) else [])
                  if (n.startswith(".") or n.endswith(".tmp")) and n not in stale)


def test_signals(c, tmp, expected):
    """(g) SIGINT (to the main process, and to the process group as Ctrl-C sends it), SIGTERM,
    SIGHUP, SIGQUIT and SIGPIPE while workbooks are being written: exit 128 + N, no temporary
    workbook or part folder left, no process left; stderr says what was finished (after SIGPIPE,
    nothing: stderr may be gone)."""
    data = os.path.join(tmp, "large")
    config = os.path.join(data, "national.ini")
    summary_folder = os.path.join(data, "out")     # the summary's folder (from the config)
    for name, to_group in SIGNALS:
        number = getattr(signal, name)
        what = "(g) %s to %s" % (name, "the process group" if to_group else "the main process")
        out = os.path.join(tmp, "interrupted-%s-%d" % (name, to_group))
        stderr_path = os.path.join(tmp, "signal.err")
        stale = set(os.listdir(summary_folder)) if os.path.isdir(summary_folder) else set()
        process = start([config, "-j", "2", "-o", os.path.join(out, "{province_code}.xlsx")], stderr_path)
        parts = os.path.join(out, ".coopreport-parts.%d" % process.pid)
        # Midway: the part folder is there and a first workbook is finished.
        midway = wait_for(lambda: os.path.isdir(parts) and any(n.endswith(".xlsx") for n in os.listdir(out)),
                          process)
        if midway:
            if to_group:
                os.killpg(process.pid, number)
            else:
                process.send_signal(number)
        finish(c, process, what)
        with open(stderr_path, encoding="utf-8", errors="replace") as f:
            stderr = f.read()
        if not c.check(midway, what + ": the run ended before the signal (exit %r)" % process.returncode):
            continue
        c.equal(process.returncode, 128 + number, what + ": exit status (negative = killed by the "
                "signal)\n" + stderr[-1500:])
        c.check(wait_until_gone([]) and not processes_using(out),
                what + ": processes of the run still alive after it exited")
        c.equal(hidden_in(out), [], what + ": temporary files or part folder left in " + out)
        c.equal(hidden_in(summary_folder, stale), [], what + ": temporary files left in " + summary_folder)
        finished = sorted(n for n in os.listdir(out) if n.endswith(".xlsx"))
        for name_ in finished:
            check_xlsx_file(c, os.path.join(out, name_), "%s: %s" % (what, name_))
        c.check(len(finished) < len(expected["provinces"]),
                what + ": every workbook was written: the run was not stopped")
        if number == signal.SIGPIPE:
            c.check(not re.search(r"^interrupted", stderr, re.M) and "province  name" not in stderr,
                    what + ": after SIGPIPE nothing more is said on stderr:\n" + stderr[-1500:])
            continue
        m = re.search(r"^interrupted: (\d+) of (\d+) provinces finished; no partial workbook was left$",
                      stderr, re.M)
        if c.check(m, what + ": no 'interrupted: K of N provinces finished; no partial workbook was "
                   "left':\n" + stderr[-1500:]):
            c.equal(int(m.group(2)), len(expected["provinces"]), what + ": N in 'K of N provinces'")
            c.check(int(m.group(1)) >= len(finished), what + ": K in 'K of N' below the workbooks written")
        table = parse_table(stderr)
        for name_ in finished:
            code = name_[:-5]
            c.check(name_ in stderr or (code in table and table[code][1] == "ok"),
                    "%s: %s was finished but stderr does not say so:\n%s" % (what, name_, stderr[-1500:]))
        c.check("not run" in stderr and "stopped" not in stderr,
                what + ": provinces not finished are 'not run' in the table:\n" + stderr[-1500:])
        print("note: %s: %d workbooks finished; stderr ends with:\n%s"
              % (what, len(finished), "\n".join(stderr.splitlines()[-3:])))


def test_interrupted_while_reading(c, tmp):
    """(g) SIGINT while the input is still being read (a named pipe the test writes slowly): the
    count is of the provinces asked for, or says they were not known yet (-p all)."""
    data = os.path.join(tmp, "national")
    fifo = os.path.join(tmp, "htx-fifo.csv")
    os.mkfifo(fifo)
    with open(os.path.join(data, "national.ini"), encoding="utf-8") as f:
        text = f.read()
    config = os.path.join(data, "fifo.ini")
    with open(config, "w", encoding="utf-8") as f:
        f.write(re.sub(r"(?m)^coops\s*=.*$", "coops = " + fifo, text))
    with open(os.path.join(data, "htx.csv"), encoding="utf-8") as f:
        head = "".join(f.readline() for _ in range(200))
    for provinces, want in (("01,02,27", "interrupted while reading the input: 0 of 3 provinces "
                                         "finished; no partial workbook was left"),
                            ("all", "interrupted while reading the input, before the provinces in "
                                    "it were known: no province finished; no partial workbook was left")):
        what = "(g) SIGINT while reading, -p " + provinces
        out = os.path.join(tmp, "reading-" + provinces.replace(",", "-"))
        stderr_path = os.path.join(tmp, "reading.err")
        process = start([config, "-p", provinces, "-o", os.path.join(out, "{province_code}.xlsx")],
                        stderr_path)
        writer = open(fifo, "w", encoding="utf-8")       # returns once the run opened it to read
        writer.write(head)
        writer.flush()
        process.send_signal(signal.SIGINT)
        # The signal is pending before the end of the input: the run sees it before the rows
        # that follow, whether it was waiting for them or not.
        try:
            writer.close()
        except BrokenPipeError:
            pass
        finish(c, process, what)
        with open(stderr_path, encoding="utf-8", errors="replace") as f:
            stderr = f.read()
        c.equal(process.returncode, 130, what + ": exit status\n" + stderr)
        c.check(stderr.rstrip("\n").endswith(want), "%s: stderr should end with %r:\n%s" % (what, want, stderr))
        c.equal(hidden_in(out), [], what + ": temporary files or part folder left")


def test_progress_on_terminal(c, data):
    """(j) On a terminal the progress line is erased ("\\r\\033[K") before any other line, so that
    "wrote …" never runs on from "[1/63] … s left"."""
    master, slave = pty.openpty()
    process = subprocess.Popen([BINARY, os.path.join(data, "national.ini"), "-j", "2", "-o",
                                os.path.join(data, "out-tty", "{province_code}.xlsx")],
                               cwd=ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=slave)
    os.close(slave)
    chunks = []
    while True:
        ready, _, _ = select.select([master], [], [], 120)
        if not ready:
            break
        try:
            chunk = os.read(master, 65536)
        except OSError as error:       # EIO: every writer closed the terminal
            if error.errno != errno.EIO:
                raise
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    process.wait(timeout=60)
    text = b"".join(chunks).decode("utf-8", "replace").replace("\r\n", "\n")
    what = "(j) progress on a terminal"
    c.equal(process.returncode, EXIT_OK, what + ": exit status")
    c.check("rows/s" in text and "wrote " in text,
            what + ": the run shows no progress or no 'wrote' line: %r" % text[:500])
    # What a terminal shows of each line: the text after the last erase.
    visible = [line.split("\r\x1b[K")[-1].split("\r")[-1] for line in text.split("\n")]
    run_on = [line for line in visible if "wrote " in line and "s left" in line]
    c.check(not run_on, what + ": a line runs on from the progress line: %r" % run_on[:3])
    mixed = [line for line in text.split("\n") if "wrote " in line and "s left" in line
             and "s left\r\x1b[K" not in line]
    c.check(not mixed, what + ": progress text not erased before a line: %r" % mixed[:3])
    c.check(parse_table(text), what + ": no run-end table")


def main():
    require_binary()
    c = Checker("batch")
    with TempDir() as tmp:
        data = os.path.join(tmp, "national")
        expected = generate(data, SMALL)
        test_all_provinces(c, data, expected)
        test_bad_row(c, data, expected)
        test_unknown_province(c, data, expected)
        test_broken_quotes(c, data, expected)
        test_list_and_placeholders(c, data, expected)
        test_merger(c, tmp)
        test_progress_on_terminal(c, data)
        test_interrupted_while_reading(c, tmp)
        # A large registry killed and signalled a dozen times: minutes under valgrind
        # (SKIP_SLOW_CASES), for code the plain and ASan runs of make test already cover.
        if not os.environ.get("SKIP_SLOW_CASES"):
            large = test_sigkill(c, tmp)
            test_signals(c, tmp, large)
    c.finish()


if __name__ == "__main__":
    main()
