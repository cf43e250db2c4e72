"""Golden files of the workbook's XML: the small report of tests/data/golden/ is written and
its XML parts, unzipped and split one element per line, are compared with the reviewed copies
under tests/golden/. Volatile parts are dropped (the creation date in docProps/core.xml, the
application block of docProps/app.xml); relationship and content-type lists are sorted.

    $PYTHON tests/e2e/golden.py --update     # what `make golden` runs: rewrite tests/golden/
"""

import os
import re
import sys
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

GOLDEN_CONFIG = os.path.join(common.TEST_DATA, "golden", "golden.ini")
GOLDEN_DIR = os.path.join(common.ROOT, "tests", "golden")
VOLATILE = {"docProps/core.xml", "docProps/app.xml"}


def normalised_parts(path):
    """part name -> list of lines, one XML element per line."""
    parts = {}
    with zipfile.ZipFile(path) as archive:
        for name in sorted(archive.namelist()):
            if name in VOLATILE or not (name.endswith(".xml") or name.endswith(".rels")):
                continue
            text = archive.read(name).decode("utf-8").strip()
            text = re.sub(r"<workbookView [^>]*/>", "<workbookView/>", text)
            text = re.sub(r"<calcPr [^>]*/>", "<calcPr/>", text)
            lines = re.split(r">\s*<", text)
            # A line break inside an element (a page header's two lines) is kept as "\\n":
            # one element stays one line of the golden file.
            lines = [(("" if i == 0 else "<") + line + ("" if i == len(lines) - 1 else ">"))
                     .replace("\n", "\\n") for i, line in enumerate(lines)]
            if name.endswith(".rels") or name == "[Content_Types].xml":
                lines = lines[:2] + sorted(lines[2:-1]) + lines[-1:]
            parts[name] = lines
    return parts


def golden_file(part):
    return os.path.join(GOLDEN_DIR, part.replace("[", "_").replace("]", "_") + ".txt")


def write_report(out_dir):
    result, path = common.report(GOLDEN_CONFIG, out_dir)
    if result.returncode != 0:
        print("FAILED: the golden report did not run\n" + result.describe())
        sys.exit(1)
    return path


def update():
    common.require_binary()
    with common.TempDir() as out_dir:
        parts = normalised_parts(write_report(out_dir))
    for root, _, files in os.walk(GOLDEN_DIR):
        for name in files:
            os.remove(os.path.join(root, name))
    for part, lines in parts.items():
        target = golden_file(part)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "w", encoding="utf-8") as handle:
            handle.write("\n".join(lines) + "\n")
    print("wrote %d golden parts under %s" % (len(parts), os.path.relpath(GOLDEN_DIR, common.ROOT)))


def compare():
    common.require_binary()
    checker = common.Checker("golden")
    with common.TempDir() as out_dir:
        parts = normalised_parts(write_report(out_dir))
    expected = set()
    for root, _, files in os.walk(GOLDEN_DIR):
        for name in files:
            expected.add(os.path.relpath(os.path.join(root, name), GOLDEN_DIR))
    produced = {os.path.relpath(golden_file(part), GOLDEN_DIR): part for part in parts}
    checker.equal(sorted(produced), sorted(expected), "the workbook's parts")
    for relative, part in sorted(produced.items()):
        path = os.path.join(GOLDEN_DIR, relative)
        if not os.path.exists(path):
            continue
        with open(path, encoding="utf-8") as handle:
            want = handle.read().splitlines()
        got = parts[part]
        if got != want:
            for number, (a, b) in enumerate(zip(want, got), start=1):
                if a != b:
                    checker.check(False, "%s line %d: expected %s, got %s" % (part, number, a[:200], b[:200]))
                    break
            else:
                checker.check(False, "%s: %d lines expected, %d written" % (part, len(want), len(got)))
        else:
            checker.check(True, part)
    if checker.failures:
        print("if the change is intended, run `make golden` and review the diff of tests/golden/")
    checker.finish()


if __name__ == "__main__":
    update() if "--update" in sys.argv[1:] else compare()
