"""LibreOffice (headless) and Gnumeric (ssconvert) open the H1 workbook, both succeed, and
the formulas they recompute equal the values cached in the file."""
import csv
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

import openpyxl  # noqa: E402

checker = common.Checker("other_readers")
common.require_binary()

# A LibreOffice profile that recalculates every formula on load (by default it trusts the
# values cached in an .xlsx, which would make the comparison meaningless).
RECALCULATE_PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def number(text):
    text = (text or "").strip()
    if text == "":
        return None
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return text


def cached_formula_values(path, sheet_name):
    """(row, column) -> cached value of each formula cell of a sheet."""
    formulas = openpyxl.load_workbook(path)[sheet_name]
    cached = openpyxl.load_workbook(path, data_only=True)[sheet_name]
    out = {}
    for row in formulas.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                value = cached[cell.coordinate].value
                out[(cell.row, cell.column)] = None if value in ("", None) else float(value)
    return out


def compare(reader, rows, cached):
    """rows: the sheet as recomputed by a reader, a list of lists of strings."""
    for (row, column), want in sorted(cached.items()):
        got = number(rows[row - 1][column - 1]) if row - 1 < len(rows) and column - 1 < len(rows[row - 1]) else None
        if want is None:
            checker.check(got is None, "%s: cell R%dC%d recomputed %r, cached blank" % (reader, row, column, got))
        else:
            # CSV exports show the cell's format (one decimal): compare at that precision.
            checker.check(isinstance(got, float) and abs(got - want) <= 0.051,
                          "%s: cell R%dC%d recomputed %r, cached %r" % (reader, row, column, got, want))


with common.TempDir() as out_dir:
    result, path = common.report(common.H1_CONFIG, out_dir)
    checker.equal(result.returncode, 0, "exit status\n" + result.describe())
    cached = cached_formula_values(path, "Tổng hợp")
    checker.check(len(cached) >= 10, "formula cells on the summary: %d" % len(cached))

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if checker.check(soffice, "LibreOffice (soffice) is installed"):
        profile = os.path.join(out_dir, "profile")
        os.makedirs(os.path.join(profile, "user"))
        with open(os.path.join(profile, "user", "registrymodifications.xcu"), "w") as handle:
            handle.write(RECALCULATE_PROFILE)
        converted = os.path.join(out_dir, "lo")
        p = subprocess.run([soffice, "-env:UserInstallation=file://" + profile, "--headless",
                            "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,1",
                            "--outdir", converted, path], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=240)
        # LibreOffice names the CSV of one sheet "report-SHEET.csv" (7.4) or "report.csv".
        made = sorted(os.listdir(converted)) if os.path.isdir(converted) else []
        produced = os.path.join(converted, made[0]) if made else ""
        if checker.check(p.returncode == 0 and len(made) == 1,
                         "LibreOffice converted the workbook (exit %d): %s" % (p.returncode, p.stderr.decode()[-400:])):
            with open(produced, encoding="utf-8") as handle:
                compare("LibreOffice", list(csv.reader(handle)), cached)

    ssconvert = shutil.which("ssconvert")
    if checker.check(ssconvert, "Gnumeric (ssconvert) is installed"):
        target = os.path.join(out_dir, "gnumeric.csv")
        p = subprocess.run([ssconvert, "--recalc", "--export-type=Gnumeric_stf:stf_csv", path, target],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=240)
        if checker.check(p.returncode == 0 and os.path.exists(target),
                         "ssconvert converted the workbook (exit %d): %s" % (p.returncode, p.stderr.decode()[-400:])):
            with open(target, encoding="utf-8") as handle:
                compare("Gnumeric", list(csv.reader(handle)), cached)
    checker.finish()
