"""The workbook laid out for print: measured widths and heights, target sheets whose chart
covers no cell and prints, every chart inside its sheet's print area, sheet names cut at a
word with a "…" and a warning, and the smaller rules (a ceiling target shows no share, a
total nobody reported is blank, an empty section is left out, the rejected rows' raw fields
under the input's header names)."""
import os
import re
import sys
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

import openpyxl  # noqa: E402

checker = common.Checker("sheet_layout")
common.require_binary()
GOLDEN = os.path.join(common.TEST_DATA, "golden")
LONG_LABEL = "Phát triển thêm HTX mới trong 6 tháng cuối năm"
# Cut at a word (never after "trong", which begins a phrase), syllables paired.
CUT_NAME = "Phát triển thêm HTX…"
# A second label cut alike: told apart by a number, its name cut again to make room.
TWIN_LABEL = "Phát triển thêm HTX mới trong năm hai nghìn"
TWIN_NAME = "Phát triển thêm HTX… (2)"
# Times New Roman 12, one line: 15.75 points (text_measure.h).
ONE_LINE = 15.75


def write_case(folder, text, extra_rows=""):
    common.copy_golden_inputs(folder)
    if extra_rows:
        with open(os.path.join(folder, "coops.csv"), "a", encoding="utf-8") as handle:
            handle.write(extra_rows)
    config = os.path.join(folder, "case.ini")
    with open(config, "w", encoding="utf-8") as handle:
        handle.write(text)
    return config


def sheet_parts(path):
    """sheet name -> (worksheet part, drawing part or None), from the package's relations."""
    with zipfile.ZipFile(path) as package:
        workbook = package.read("xl/workbook.xml").decode("utf-8")
        rels = package.read("xl/_rels/workbook.xml.rels").decode("utf-8")
        targets = dict(re.findall(r'Id="(rId\d+)"[^>]*Target="([^"]+)"', rels))
        targets.update({k: v for v, k in re.findall(r'Target="([^"]+)"[^>]*Id="(rId\d+)"', rels)})
        parts = {}
        for name, rid in re.findall(r'<sheet name="([^"]+)" sheetId="\d+" r:id="(rId\d+)"', workbook):
            sheet = "xl/" + targets[rid].lstrip("/").replace("xl/", "")
            sheet_rels = sheet.replace("worksheets/", "worksheets/_rels/") + ".rels"
            drawing = None
            if sheet_rels in package.namelist():
                found = re.search(r'Target="\.\./drawings/(drawing\d+\.xml)"',
                                  package.read(sheet_rels).decode("utf-8"))
                drawing = found and package.read("xl/drawings/" + found.group(1)).decode("utf-8")
            parts[name.replace("&amp;", "&")] = (package.read(sheet).decode("utf-8"), drawing)
        return parts


def anchors(drawing):
    """[(from_col, from_row, to_col, to_row)] of the drawing's charts, 0-based."""
    result = []
    for block in re.findall(r"<xdr:twoCellAnchor.*?</xdr:twoCellAnchor>", drawing or "", re.S):
        cols = [int(c) for c in re.findall(r"<xdr:col>(\d+)</xdr:col>", block)]
        rows = [int(r) for r in re.findall(r"<xdr:row>(\d+)</xdr:row>", block)]
        result.append((cols[0], rows[0], cols[1], rows[1]))
    return result


def print_area(book, name):
    """(last column, last row), 0-based, of a sheet's print area."""
    defined = book.defined_names.get("_xlnm.Print_Area") if hasattr(book.defined_names, "get") else None
    text = defined.attr_text if defined else book[name].print_area
    if isinstance(text, (list, tuple)):
        text = text[0]
    found = re.search(r"\$?([A-Z]+)\$?(\d+)$", str(text).split(",")[0])
    column = openpyxl.utils.column_index_from_string(found.group(1)) - 1
    return column, int(found.group(2)) - 1


with open(os.path.join(GOLDEN, "golden.ini"), encoding="utf-8") as handle:
    base = handle.read()
text = base.replace("[target.market_access]\n", "[target.market_access]\nsheet     = Tiếp cận\n")
text = text.replace("[output]\n", "[target.ceiling]\nlabel     = Giải thể không quá 3 HTX\n"
                    "sheet     = Giải thể\nindicator = coops.dissolved\nwindow    = H1\nmax       = 3\n\n"
                    "[target.twin]\nlabel     = %s\nindicator = coops.new\nwindow    = H1\n"
                    "min       = 1\n\n[output]\n" % TWIN_LABEL)

with common.TempDir() as out_dir:
    # A unit of GTVT (its other unit is dissolved) that reported no money.
    silent = "2301000110,HTX Vận tải Tiên Sơn,27,Tiên Du,HTX,GTVT,01/01/2010,,10,2,,,,,,,\n"
    config = write_case(out_dir, text, extra_rows=silent)
    result, path = common.report(config, out_dir)
    if checker.equal(result.returncode, 0, "golden with targets: exit\n%s" % result.describe()):
        book = openpyxl.load_workbook(path)
        names = book.sheetnames
        # 1. Names: cut at a word with a mark, and said; a `sheet =` key for a target.
        checker.check(CUT_NAME in names, "the long target's sheet is %r, in %r" % (CUT_NAME, names))
        checker.check("Tiếp cận" in names and "Giải thể" in names,
                      "targets' sheet keys name their sheets: %r" % names)
        checker.check(re.search(r"case\.ini:\d+: warning: the sheet name '%s' is longer than the 31 "
                                r"characters Excel allows: the sheet is named '%s'"
                                % (re.escape(LONG_LABEL), re.escape(CUT_NAME)), result.stderr),
                      "a warning names the label, the cut name and the line:\n" + result.stderr)
        checker.equal(result.stderr.count("warning: the sheet name"), 2,
                      "one warning each, for the two long labels without a sheet key")
        checker.check(TWIN_NAME in names and names.index(TWIN_NAME) > names.index(CUT_NAME),
                      "the second label cut alike is %r, after the first: %r" % (TWIN_NAME, names))

        # 2. A ceiling met: no share beside "Đạt".
        sheet = book["Giải thể"]
        labels = {sheet.cell(r, 1).value: r for r in range(1, 12)}
        row = labels.get("Tỷ lệ đạt (%)")
        if checker.check(row, "the ceiling's sheet has its share row: %r" % labels):
            values = [sheet.cell(row, c).value for c in range(2, sheet.max_column + 1)]
            checker.equal([v for v in values if v not in (None, "")], [],
                          "a ceiling target's share is blank")
            status = [sheet.cell(labels["Tình trạng"], c).value for c in range(2, sheet.max_column + 1)]
            checker.check("Đạt" in status, "the ceiling is achieved: %r" % status)

        # 3. A figure no unit reported has a blank total, not 0.
        sheet = book["Giao thông vận tải"]
        header = [sheet.cell(1, c).value for c in range(1, sheet.max_column + 1)]
        totals = [r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 3).value == "Tổng cộng"]
        if checker.check(totals and "Doanh thu (triệu đồng)" in header, "GTVT: totals row and revenue"):
            column = header.index("Doanh thu (triệu đồng)") + 1
            checker.equal(sheet.cell(totals[0], column).value, None,
                          "GTVT: the revenue no unit reported totals blank")

        # 4. Sector sheet: the wrapped header row is tall enough; the unions' heading is
        #    merged across the table; wrapped text rows get their height.
        sheet = book["Nông nghiệp"]
        height = sheet.row_dimensions[1].height
        checker.check(height and height >= 2 * ONE_LINE,
                      "Nông nghiệp: the header row holds two lines (%r points)" % height)
        heading = [r for r in range(1, sheet.max_row + 1)
                   if str(sheet.cell(r, 1).value or "").startswith("Liên hiệp hợp tác xã")]
        if checker.check(heading, "Nông nghiệp: the unions' heading is in column A"):
            merged = [str(m) for m in sheet.merged_cells.ranges if m.min_row == heading[0]]
            last = openpyxl.utils.get_column_letter(sheet.max_column)
            checker.equal(merged, ["A%d:%s%d" % (heading[0], last, heading[0])],
                          "Nông nghiệp: the unions' heading is merged across the table")
        checker.check(sheet.column_dimensions["A"].width < 8,
                      "Nông nghiệp: the STT column stays narrow (%r)" % sheet.column_dimensions["A"].width)

        # 5. Target sheets: the chart in rows of its own, on no cell, never on the list's
        #    repeated header, inside the print area.
        parts = sheet_parts(path)
        for name in (CUT_NAME, "Tiếp cận", "Giải thể"):
            xml, drawing = parts[name]
            found = anchors(drawing)
            if not checker.equal(len(found), 1, "%s: one chart" % name):
                continue
            from_col, from_row, to_col, to_row = found[0]
            sheet = book[name]
            covered = [(r, c) for r in range(from_row + 1, to_row + 2)
                       for c in range(from_col + 1, to_col + 2)
                       if sheet.cell(r, c).value not in (None, "")]
            checker.equal(covered, [], "%s: the chart covers no cell holding something" % name)
            titles = sheet.print_title_rows
            repeated = [int(n) - 1 for n in re.findall(r"\d+", str(titles))]
            checker.check(repeated and from_row > max(repeated) or to_row < min(repeated),
                          "%s: the chart (rows %d-%d) is off the repeated rows %r"
                          % (name, from_row, to_row, titles))
            checker.check(repeated and repeated[0] == repeated[-1],
                          "%s: only the list's header repeats (%r)" % (name, titles))
            last_column, last_row = print_area(book, name)
            checker.check(to_col <= last_column and to_row <= last_row,
                          "%s: the chart (to col %d row %d) is inside the print area (%d, %d)"
                          % (name, to_col, to_row, last_column, last_row))
            # The block's columns are not the list's: "Mã HTX" keeps its own width.
            header_row = repeated[0] + 1 if repeated else 1
            titles_row = [sheet.cell(header_row, c).value for c in range(1, sheet.max_column + 1)]
            if "Mã HTX" in titles_row:
                letter = openpyxl.utils.get_column_letter(titles_row.index("Mã HTX") + 1)
                checker.check(sheet.column_dimensions[letter].width < 20,
                              "%s: 'Mã HTX' is as wide as the codes (%r)"
                              % (name, sheet.column_dimensions[letter].width))

        # 6. The sector chart prints, on a sheet of its own after "Chỉ số" (whose header
        #    repeats on every page of its own sheet).
        sector_sheet = "Cơ cấu theo lĩnh vực"
        checker.equal(book.sheetnames[book.sheetnames.index(common.INDICATORS_SHEET) + 1],
                      sector_sheet, "the sector chart's sheet follows Chỉ số")
        checker.equal(anchors(parts[common.INDICATORS_SHEET][1]), [], "Chỉ số: no chart")
        found = anchors(parts[sector_sheet][1]) if sector_sheet in parts else []
        last_column, last_row = print_area(book, sector_sheet)
        checker.check(found and all(a[2] <= last_column and a[3] <= last_row for a in found),
                      "%s: the chart %r is inside the print area (%d, %d)"
                      % (sector_sheet, found, last_column, last_row))

    # 7. No target: no empty section III.
    no_targets = re.sub(r"\[target\.[^\]]+\][^\[]*", "", base)
    config = write_case(out_dir, no_targets)
    result, path = common.report(config, out_dir, name="no-targets.xlsx")
    if checker.equal(result.returncode, 0, "no targets: exit\n%s" % result.describe()):
        sheet = openpyxl.load_workbook(path)["Tổng hợp"]
        texts = [str(c.value) for row in sheet.iter_rows() for c in row if c.value]
        checker.check(not any("MỤC TIÊU" in t.upper() for t in texts),
                      "no targets: the summary has no targets' section")

    # 8. Rejected rows: the raw fields under the input's header names.
    bad = "2301000199,HTX Lỗi ngày,27,Tiên Du,HTX,Nông nghiệp,31/02/2020,,10,2,1,1,1,,,,\n"
    config = write_case(out_dir, base, extra_rows=bad)
    result, path = common.report(config, out_dir, "--keep-going", name="rejected.xlsx")
    if checker.equal(result.returncode, common.EXIT_DATA, "rejected: exit\n%s" % result.describe()):
        sheet = openpyxl.load_workbook(path)["Dữ liệu lỗi"]
        with open(os.path.join(GOLDEN, "coops.csv"), encoding="utf-8") as handle:
            names = handle.readline().strip().split(",")
        header = [sheet.cell(1, 6 + c).value for c in range(len(names))]
        checker.equal(header, names, "rejected: the raw columns carry the file's header names")
        checker.equal(sheet.cell(2, 6).value, "2301000199", "rejected: the raw row under them")

    # 9. The English form: no title is cut inside a word ("Actual/last year").
    english = base.replace("[report]\n", "[report]\ntemplate = half-year-report-en\n")
    config = write_case(out_dir, english)
    result, path = common.report(config, out_dir, name="english.xlsx")
    if checker.equal(result.returncode, 0, "english: exit\n%s" % result.describe()):
        sheet = openpyxl.load_workbook(path).worksheets[0]
        cells = [c for row in sheet.iter_rows() for c in row if c.value == "Actual/last year"]
        if checker.check(cells, "english: the 'Actual/last year' title"):
            width = sheet.column_dimensions[cells[0].column_letter].width
            checker.check(width >= 12, "english: 'Actual/last' fits its column (width %r)" % width)

    # 10. Figures wider than the template's columns widen them, as formatted: a
    # revenue in the tens of billions of millions is "22,808,642,425.0", not "####".
    huge = "2301000198,HTX Doanh thu lớn,27,Tiên Du,HTX,Nông nghiệp,01/01/2010,,10,2,91234567890,1,1,,,,\n"
    config = write_case(out_dir, base, extra_rows=huge)
    result, path = common.report(config, out_dir, name="huge.xlsx")
    if checker.equal(result.returncode, 0, "huge figure: exit\n%s" % result.describe()):
        sys.path.insert(0, os.path.join(common.ROOT, "tests", "tools"))
        import layout_check  # noqa: E402
        checker.equal(layout_check.check_workbook(path, "huge"), [],
                      "huge figure: every figure fits its column")
    checker.finish()
