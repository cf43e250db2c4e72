"""A sector with no operating HTX gets no sheet, unless [output] empty_sectors = keep; sheet
names from labels that break Excel's rules are made valid and unique."""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

import openpyxl  # noqa: E402

checker = common.Checker("empty_sectors")
common.require_binary()
GOLDEN = os.path.join(common.TEST_DATA, "golden")

with open(os.path.join(GOLDEN, "golden.ini"), encoding="utf-8") as handle:
    base = handle.read()
base = re.sub(r"=\s*(coops|groups)\.csv", lambda m: "= %s/%s.csv" % (GOLDEN, m.group(1)), base)

with common.TempDir() as out_dir:
    for keep in (False, True):
        text = base.replace("[output]\n", "[output]\nempty_sectors = %s\n" % ("keep" if keep else "skip"))
        # A label with characters Excel forbids in sheet names, longer than 31 characters.
        text = text.replace("moi_truong  = Vệ sinh môi trường",
                            "moi_truong  = Vệ sinh môi trường [đô thị/nông thôn]: thu gom*xử lý?")
        text = text.replace("[plan]\n", "[sector.moi_truong]\naliases = Vệ sinh môi trường\n\n[plan]\n")
        config = os.path.join(out_dir, "config-%s.ini" % keep)
        with open(config, "w", encoding="utf-8") as handle:
            handle.write(text)
        result, path = common.report(config, out_dir, name="keep-%s.xlsx" % keep)
        if not checker.equal(result.returncode, 0, "keep=%s: exit\n%s" % (keep, result.describe())):
            continue
        names = openpyxl.load_workbook(path).sheetnames
        odd = [n for n in names if n.startswith("Vệ sinh môi trường")]
        if keep:
            checker.equal(len(odd), 1, "keep: the empty sector has a sheet in %r" % names)
            for name in odd:
                checker.check(len(name) <= 31 and not set(name) & set("[]:*?/\\"),
                              "sheet name %r is valid for Excel" % name)
        else:
            checker.equal(odd, [], "skip: no sheet for the empty sector")
    checker.finish()
