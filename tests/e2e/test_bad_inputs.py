"""Every case of the bad-input corpus (tests/bad/, see its README.md) gives its expected exit
status and messages, is never killed by a signal, and leaves no workbook (unless the case expects
one) and no temporary file behind. Workbooks that are written must open in openpyxl, and text
from the data that looks like a formula must be stored as text.

CASES=name1,name2 runs only those cases; SKIP_SLOW_CASES=1 skips those marked @slow (used under
valgrind, where the 10 MB and 100 000-column inputs take minutes)."""

import os
import shlex
import shutil
import subprocess
import sys

from common import BINARY, ROOT, Checker, TempDir, check_xlsx_file, load_workbook, require_binary

CORPUS = os.path.join(ROOT, "tests", "bad")
COMMON = os.path.join(CORPUS, "common")
PYTHON = os.environ.get("PYTHON", "/usr/bin/python3")
TIMEOUT = int(os.environ.get("BAD_INPUT_TIMEOUT", "300"))


class Case:
    def __init__(self, name):
        self.name = name
        self.folder = os.path.join(CORPUS, name)
        self.status = None
        self.messages, self.args, self.texts, self.sheets, self.unchanged = [], [], [], [], []
        self.sheet_texts, self.first_errors = [], []
        self.output = "out/report.xlsx"
        self.workbook = self.previous = self.slow = False
        self.file_limit = None
        with open(os.path.join(self.folder, "expect"), encoding="utf-8") as f:
            lines = [line.rstrip("\n") for line in f]
        self.status = int(lines[0])
        for line in lines[1:]:
            if not line or line.startswith("#"):
                continue
            if not line.startswith("@"):
                self.messages.append(line)
                continue
            word, _, rest = line.partition(" ")
            if word == "@args":
                self.args += shlex.split(rest)
            elif word == "@output":
                self.output = None if rest == "-" else rest
            elif word == "@workbook":
                self.workbook = True
            elif word == "@previous":
                self.previous = True
            elif word == "@text":
                self.texts.append(rest)
            elif word == "@sheet":
                self.sheets.append(rest)
            elif word == "@sheet-text":
                self.sheet_texts.append(tuple(rest.split("|", 1)))
            elif word == "@unchanged":
                self.unchanged.append(rest)
            elif word == "@ulimit-f":
                self.file_limit = int(rest)
            elif word == "@slow":
                self.slow = True
            elif word == "@first-error":
                self.first_errors.append(rest)
            else:
                raise ValueError("%s/expect: unknown directive %r" % (name, word))


def prepare(case, work):
    """The case's files over the common ones, then its generate.py, in `work`."""
    for source in (COMMON, case.folder):
        for name in os.listdir(source):
            if name not in ("expect", "README.md"):
                shutil.copy(os.path.join(source, name), os.path.join(work, name))
    if os.path.exists(os.path.join(work, "generate.py")):
        subprocess.run([PYTHON, "generate.py"], cwd=work, check=True)
        os.remove(os.path.join(work, "generate.py"))


def command(case, config="case.ini"):
    args = [BINARY, config] + case.args
    if case.output:
        args += ["-o", case.output]
    if case.file_limit:
        args = ["bash", "-c", 'ulimit -f %d; exec "$@"' % case.file_limit, "bash"] + args
    return args


def execute(args, work):
    env = dict(os.environ)
    env.pop("COOPREPORT_SHARE", None)
    try:
        p = subprocess.run(args, cwd=work, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=TIMEOUT, env=env)
    except subprocess.TimeoutExpired:
        return None, "timed out after %d s" % TIMEOUT
    return p.returncode, p.stderr.decode("utf-8", "replace")


def leftovers(work, allowed):
    """Workbooks and temporary files under work, but for `allowed`."""
    found = []
    for base, _, names in os.walk(work):
        for name in names:
            path = os.path.relpath(os.path.join(base, name), work)
            if path in allowed:
                continue
            if name.endswith(".xlsx") or name.endswith(".tmp") or name.startswith("."):
                found.append(path)
    return found


def read_bytes(path):
    with open(path, "rb") as f:
        return f.read()


def check_workbook(c, case, path):
    if not check_xlsx_file(c, path, case.name):
        return
    try:
        wb = load_workbook(path)
    except Exception as error:   # noqa: BLE001 - any failure to read is the finding
        c.check(False, "%s: openpyxl cannot read the workbook: %s" % (case.name, error))
        return
    for sheet in case.sheets:
        c.check(sheet in wb.sheetnames, "%s: no sheet %r in %r" % (case.name, sheet, wb.sheetnames))
    for sheet, text in case.sheet_texts:
        if c.check(sheet in wb.sheetnames, "%s: no sheet %r in %r" % (case.name, sheet, wb.sheetnames)):
            c.check(any(text in row for row in wb[sheet].iter_rows(values_only=True)),
                    "%s: no cell of sheet %r holds %r" % (case.name, sheet, text))
    if not case.texts:
        return
    import openpyxl
    raw = openpyxl.load_workbook(path)   # formulas as written, not their cached values
    cells = {}
    for ws in raw.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    cells.setdefault(cell.value, set()).add(cell.data_type)
    for text in case.texts:
        kinds = cells.get(text)
        if c.check(kinds, "%s: no cell holds the text %r" % (case.name, text)):
            c.check(kinds == {"s"}, "%s: %r is stored as %r, not as text ('s')"
                    % (case.name, text, sorted(kinds)))


def run_case(c, case):
    with TempDir() as work:
        prepare(case, work)
        before = {name: read_bytes(os.path.join(work, name)) for name in case.unchanged}
        previous = None
        if case.previous:
            status, stderr = execute(command(_plain(case)), work)
            if not c.check(status == 0, "%s: the good run before it failed (%s):\n%s"
                           % (case.name, status, stderr[-1500:])):
                return
            previous = read_bytes(os.path.join(work, case.output))
        status, stderr = execute(command(case), work)
        what = "%s: $ %s\n[exit %s]\n%s" % (case.name, " ".join(command(case)[-4:]), status,
                                           "\n".join(stderr.splitlines()[-12:]))
        if status is not None and status < 0:
            c.check(False, "%s: killed by signal %d" % (what, -status))
        elif status is not None and status > 128 and case.file_limit:
            c.check(False, "%s: killed by a signal (status %d)" % (what, status))
        c.check(status == case.status, "%s: expected exit status %d" % (what, case.status))
        for message in case.messages:
            c.check(message in stderr, "%s: stderr lacks %r" % (what, message))
        errors = [line for line in stderr.splitlines() if ": error: " in line]
        for message in case.first_errors:
            c.check(errors and message in errors[0],
                    "%s: the first error line lacks %r" % (what, message))
        c.check("AddressSanitizer" not in stderr and "runtime error:" not in stderr,
                "%s: sanitizer report" % what)
        output = os.path.normpath(case.output) if case.output else None
        allowed = set(case.unchanged)
        if case.workbook or case.previous:
            allowed.add(output)
        c.equal(leftovers(work, allowed), [], "%s: workbooks or temporary files left" % case.name)
        for name in case.unchanged:
            c.check(read_bytes(os.path.join(work, name)) == before[name],
                    "%s: %s was changed" % (case.name, name))
        if previous is not None:
            path = os.path.join(work, case.output)
            c.check(os.path.exists(path) and read_bytes(path) == previous,
                    "%s: the previous good workbook was not left as it was" % case.name)
        elif case.workbook and output:
            check_workbook(c, case, os.path.join(work, output))


def _plain(case):
    """The case without its file-size limit: to make the previous good workbook."""
    plain = Case.__new__(Case)
    plain.__dict__.update(case.__dict__)
    plain.file_limit = None
    return plain


def main():
    require_binary()
    c = Checker("bad inputs")
    names = sorted(n for n in os.listdir(CORPUS)
                   if os.path.isfile(os.path.join(CORPUS, n, "expect")))
    wanted = [n for n in os.environ.get("CASES", "").split(",") if n]
    if wanted:
        names = [n for n in names if n in wanted]
    c.check(wanted or len(names) >= 40, "only %d cases in tests/bad" % len(names))
    skip_slow = bool(os.environ.get("SKIP_SLOW_CASES"))
    for name in names:
        case = Case(name)
        if skip_slow and case.slow:
            print("skipped (slow): " + name)
            continue
        before = len(c.failures)
        run_case(c, case)
        print("%s %s" % ("ok  " if len(c.failures) == before else "FAIL", name))
        sys.stdout.flush()
    c.finish()


if __name__ == "__main__":
    main()
