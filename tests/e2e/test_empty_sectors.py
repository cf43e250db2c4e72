"""A sector with no operating HTX keeps its sheet by default (an official form shows every
sector): its header, then a totals row counting 0 HTX, its sums blank as no unit reported
them (as the sector's figures are), no broken formula; [output] empty_sectors =
skip leaves it out, = keep is the default said aloud. Sheet names from labels that break
Excel's rules are made valid and unique."""
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
    for setting in ("skip", "keep", None):
        keep = setting != "skip"
        line = "empty_sectors = %s\n" % setting if setting else ""
        text = base.replace("[output]\n", "[output]\n" + line)
        # A label with characters Excel forbids in sheet names, longer than 31 characters.
        text = text.replace("moi_truong  = Vệ sinh môi trường",
                            "moi_truong  = Vệ sinh môi trường [đô thị/nông thôn]: thu gom*xử lý?")
        text = text.replace("[plan]\n", "[sector.moi_truong]\naliases = Vệ sinh môi trường\n\n[plan]\n")
        config = os.path.join(out_dir, "config-%s.ini" % setting)
        with open(config, "w", encoding="utf-8") as handle:
            handle.write(text)
        result, path = common.report(config, out_dir, name="empty-%s.xlsx" % setting)
        if not checker.equal(result.returncode, 0, "%s: exit\n%s" % (setting, result.describe())):
            continue
        book = openpyxl.load_workbook(path)
        names = book.sheetnames
        odd = [n for n in names if n.startswith("Vệ sinh môi trường")]
        if not keep:
            checker.equal(odd, [], "skip: no sheet for the empty sector")
            continue
        if not checker.equal(len(odd), 1, "%s: the empty sector has a sheet in %r" % (setting, names)):
            continue
        name = odd[0]
        checker.check(len(name) <= 31 and not set(name) & set("[]:*?/\\"),
                      "sheet name %r is valid for Excel" % name)
        # In the order of [sectors], after Giao thông vận tải.
        checker.equal(names.index(name), names.index("Giao thông vận tải") + 1,
                      "%s: the empty sector's place in %r" % (setting, names))
        rows = [[cell.value for cell in row] for row in book[name].iter_rows()]
        checker.equal(len(rows), 2, "%s: header and totals, no unit rows: %r" % (setting, rows))
        if len(rows) == 2:
            header, totals = rows
            checker.equal(header[:3], ["STT", "Mã HTX", "Tên hợp tác xã"], "%s: header" % setting)
            checker.check("Tổng cộng" in totals, "%s: totals row %r" % (setting, totals))
            numbers = [v for v in totals if not isinstance(v, str) and v is not None]
            checker.equal(numbers, [0], "%s: a count of 0 HTX, sums nobody reported blank, no "
                          "formula over no rows: %r" % (setting, totals))
            checker.check(not any(isinstance(v, str) and v.startswith("=") for v in totals),
                          "%s: no formula in %r" % (setting, totals))
    checker.finish()
