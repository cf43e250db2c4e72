#!/usr/bin/env python3
"""Writes the workbooks whose layout `make look` renders and tests/e2e/test_layout.py checks:

    layout_workbooks.py --binary build/coopreport --out DIR [NAME ...]

  h1          examples/bac-ninh-2024-h1.ini, the half-year report
  fy          examples/bac-ninh-2024-fy.ini, the full-year report with the previous year
  annual-en   tests/data/look/annual-en.ini, the full year in the English template
  keep-going  tests/data/look/keep-going.ini --keep-going, with the sheet of rejected rows
  national    the national summary of a batch run over tests/tools/generate_national.py's
              registry of 700 cooperatives (the province workbooks are left aside)
  stress      tests/tools/generate_stress.py's registry, Bắc Ninh with --keep-going: the 13
              VSIC sectors with their long names, long unit names, 20 rejected rows of 39 fields
  stress-national  the national summary of a batch run over the same registry, 63 provinces

Each is written to DIR/NAME.xlsx; prints one path a line. Python 3 standard library only.
"""

import argparse
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))

# name -> (config relative to the repository root, options, exit status the run must end with).
# The runs start in the root with relative configs, so the rejected rows' sheet names
# tests/data/look/htx-keep-going.csv wherever the repository lies, and measures the same.
SINGLE_RUNS = {
    "h1": ("examples/bac-ninh-2024-h1.ini", [], 0),
    "fy": ("examples/bac-ninh-2024-fy.ini", [], 0),
    "annual-en": ("tests/data/look/annual-en.ini", [], 0),
    # --keep-going still exits 1: the figures leave the rejected rows out.
    "keep-going": ("tests/data/look/keep-going.ini", ["--keep-going"], 1),
}
NAMES = list(SINGLE_RUNS) + ["national", "stress", "stress-national"]
NATIONAL_COOPS = 700


class BuildError(Exception):
    pass


def run(command, expected_status):
    process = subprocess.run(command, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, timeout=300)
    if process.returncode != expected_status:
        raise BuildError("$ %s\nexit %d, expected %d\n%s" % (
            " ".join(command), process.returncode, expected_status,
            process.stderr.decode("utf-8", "replace")[-2000:]))


def build_national(binary, out_dir):
    data = os.path.join(out_dir, "national-data")
    shutil.rmtree(data, ignore_errors=True)
    run([sys.executable, os.path.join(HERE, "generate_national.py"), "--coops", str(NATIONAL_COOPS),
         "--out", data], 0)
    run([binary, os.path.join(data, "national.ini"), "-j", "2", "-q", "--no-progress"], 0)
    path = os.path.join(out_dir, "national.xlsx")
    os.replace(os.path.join(data, "out", "toan-quoc-2024-H1.xlsx"), path)
    shutil.rmtree(data, ignore_errors=True)
    return path


def build_stress(binary, out_dir, national):
    """The stress registry's province report, or its national summary (the province workbooks
    are left aside); both with --keep-going, which still exits 1."""
    data = os.path.join(out_dir, "stress-data")
    shutil.rmtree(data, ignore_errors=True)
    run([sys.executable, os.path.join(HERE, "generate_stress.py"), "--out", data], 0)
    if national:
        run([binary, os.path.join(data, "national.ini"), "--keep-going", "-j", "2", "-q",
             "--no-progress"], 1)
        name, written = "stress-national", "toan-quoc-2024-H1.xlsx"
    else:
        run([binary, os.path.join(data, "stress.ini"), "--keep-going", "-q", "--no-progress"], 1)
        name, written = "stress", "stress.xlsx"
    path = os.path.join(os.path.abspath(out_dir), name + ".xlsx")
    os.replace(os.path.join(data, "out", written), path)
    shutil.rmtree(data, ignore_errors=True)
    return path


def build(binary, out_dir, names=None):
    """Writes the workbooks named (all by default) under out_dir; returns [(name, path)]."""
    binary = os.path.abspath(binary)
    os.makedirs(out_dir, exist_ok=True)
    out = []
    for name in names or NAMES:
        if name == "national":
            out.append((name, build_national(binary, out_dir)))
            continue
        if name in ("stress", "stress-national"):
            out.append((name, build_stress(binary, out_dir, name == "stress-national")))
            continue
        if name not in SINGLE_RUNS:
            raise BuildError("unknown workbook %r (known: %s)" % (name, ", ".join(NAMES)))
        config, options, status = SINGLE_RUNS[name]
        path = os.path.join(os.path.abspath(out_dir), name + ".xlsx")
        run([binary, config, "-o", path] + options, status)
        out.append((name, path))
    return out


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", default=os.path.join(ROOT, "build", "coopreport"))
    parser.add_argument("--out", required=True)
    parser.add_argument("names", nargs="*", help="workbooks to write (default: all): " + ", ".join(NAMES))
    args = parser.parse_args(argv)
    try:
        for _, path in build(args.binary, args.out, args.names):
            print(path)
    except BuildError as error:
        print("layout_workbooks: %s" % error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
