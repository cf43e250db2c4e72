"""The official workbook (issue: template-driven summary form): for every shipped template,
the summary sheet's layout, its formulas and cached values, merged headers and print set-up;
the sheet order; sector sheets; document properties."""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

import openpyxl  # noqa: E402

checker = common.Checker("summary_form")
common.require_binary()

TEMPLATES = {
    "bao-cao-6-thang": ("H1", "Tổng hợp", "Chỉ số", "Trang"),
    "bao-cao-nam": ("FY", "Tổng hợp", "Chỉ số", "Trang"),
    "half-year-report-en": ("H1", "Summary", "Indicators", "Page"),
    "annual-report-en": ("FY", "Summary", "Indicators", "Page"),
}


def config_with_template(source, out_dir, template):
    """A copy of an example config using `template`, inputs still under examples/."""
    with open(source, encoding="utf-8") as handle:
        text = handle.read()
    text = re.sub(r"=\s*data/", "= %s/data/" % common.EXAMPLES, text)
    text = text.replace("[report]\n", "[report]\ntemplate = %s\n" % template, 1)
    path = os.path.join(out_dir, "config-%s.ini" % template)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
    return path


def formula_cells(sheet):
    return [cell for row in sheet.iter_rows() for cell in row
            if isinstance(cell.value, str) and cell.value.startswith("=")]


with common.TempDir() as out_dir:
    for template, (period, summary_name, indicators_name, footer_word) in TEMPLATES.items():
        source = common.H1_CONFIG if period == "H1" else common.FY_CONFIG
        config = config_with_template(source, out_dir, template)
        result, path = common.report(config, out_dir, name=template + ".xlsx")
        if not checker.equal(result.returncode, 0, "%s: exit status\n%s" % (template, result.describe())):
            continue
        book = openpyxl.load_workbook(path)
        values = openpyxl.load_workbook(path, data_only=True)
        names = book.sheetnames
        checker.equal(names[0], summary_name, "%s: first sheet" % template)
        checker.check(indicators_name in names, "%s: sheet %s in %r" % (template, indicators_name, names))
        # Order: summary, sectors, targets, groups, changes, indicators (rejected rows last).
        checker.check(names.index(indicators_name) >= len(names) - 2,
                      "%s: indicators sheet near the end: %r" % (template, names))
        sheet = book[summary_name]
        cached = values[summary_name]
        # The header block and the table's two merged header rows.
        merged = [str(r) for r in sheet.merged_cells.ranges]
        checker.check(len(merged) >= 10, "%s: merged ranges %r" % (template, merged))
        texts = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
        joined = "\n".join(texts)
        if template.startswith("bao-cao"):
            for needle in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                           "LIÊN MINH HỢP TÁC XÃ TỈNH BẮC NINH", "NGƯỜI LẬP BIỂU", "CHỦ TỊCH",
                           "STT", "Chỉ tiêu", "Đơn vị tính", "TH/KH năm", "TH/cùng kỳ", "Ghi chú",
                           "So sánh (%)", "4=3/2", "5=3/1", "- Nông nghiệp"):
                checker.check(needle in joined, "%s: text %r on the summary" % (template, needle))
            if period == "H1":
                checker.check("Bắc Ninh, ngày 08 tháng 7 năm 2024" in joined,
                              "%s: date line" % template)
                checker.check("6 THÁNG ĐẦU NĂM 2024" in joined, "%s: title" % template)
        else:
            checker.check("SOCIALIST REPUBLIC OF VIET NAM" in joined, "%s: English header" % template)
            # The words the tool writes itself follow the template's language.
            if period == "H1":
                checker.check("Bắc Ninh, 8 July 2024" in joined, "%s: English date line" % template)
            for word in ("Đạt", "Chưa đạt", "Chưa đến kỳ", "triệu đồng"):
                checker.check(not any(word in text for text in texts),
                              "%s: Vietnamese %r on the English summary" % (template, word))
            labels = [row[1] for row in values[indicators_name].iter_rows(min_row=2, values_only=True)]
            units = [row[2] for row in values[indicators_name].iter_rows(min_row=2, values_only=True)]
            checker.check("Cooperatives (HTX) in operation" in labels and "people" in units,
                          "%s: English labels and units in %s: %r" % (template, indicators_name,
                                                                     labels[:3]))
            checker.check(not any("Số HTX" in str(label) or "Tổng số" in str(label)
                                  for label in labels),
                          "%s: Vietnamese labels left in %s" % (template, indicators_name))
        # Every formula has a cached value; TH/KH of coops.new is 50 in H1.
        formulas = formula_cells(sheet)
        checker.check(len(formulas) >= 10, "%s: %d formulas" % (template, len(formulas)))
        for cell in formulas:
            value = cached[cell.coordinate].value
            checker.check(value is None or value == "" or isinstance(value, (int, float)),
                          "%s: %s cached %r" % (template, cell.coordinate, value))
        if period == "H1":
            label_rows = [c.row for row in sheet.iter_rows() for c in row
                          if c.value in ("Số HTX thành lập mới", "New cooperatives")]
            checker.check(len(label_rows) == 1, "%s: one 'new HTX' row" % template)
            if label_rows:
                row = label_rows[0]
                row_values = [cached.cell(row=row, column=c).value for c in range(1, sheet.max_column + 1)]
                checker.check(15 in row_values and 30 in row_values and 50 in row_values,
                              "%s: new HTX row has 15, plan 30 and 50 %%: %r" % (template, row_values))
        # Print set-up: A4 landscape, one page wide, header rows repeated, footer, print area.
        setup = sheet.page_setup
        checker.equal(setup.orientation, "landscape", "%s: orientation" % template)
        checker.equal(str(setup.paperSize), "9", "%s: A4" % template)
        # fitToWidth="1" is the OOXML default, which openpyxl reads as None when left out.
        checker.check(setup.fitToWidth in (1, None), "%s: fit to one page wide" % template)
        checker.equal(setup.fitToHeight, 0, "%s: as many pages tall as needed" % template)
        checker.check(sheet.sheet_properties.pageSetUpPr.fitToPage, "%s: fit to page" % template)
        checker.check(bool(sheet.print_title_rows), "%s: repeated rows %r" % (template, sheet.print_title_rows))
        checker.check(bool(sheet.print_area), "%s: print area" % template)
        footer = sheet.oddFooter.center.text or ""
        checker.check(footer_word in footer and "&P" in footer and "&N" in footer,
                      "%s: footer %r" % (template, footer))
        font = sheet["A1"].font
        checker.equal(font.name, "Times New Roman", "%s: font" % template)
        # Properties and custom properties.
        checker.check(book.properties.creator and "Bắc Ninh" in book.properties.creator,
                      "%s: author %r" % (template, book.properties.creator))
        # Sector sheets: frozen header, autofilter, SUBTOTAL totals row with cached value.
        sector = book["CN-TTCN"] if "CN-TTCN" in names else None
        if checker.check(sector is not None, "%s: sector sheet CN-TTCN in %r" % (template, names)):
            checker.equal(sector.freeze_panes, "A2", "%s: frozen header" % template)
            checker.check(bool(sector.auto_filter.ref), "%s: autofilter" % template)
            subtotals = [c for c in formula_cells(sector) if "SUBTOTAL" in c.value.upper()]
            checker.check(subtotals, "%s: SUBTOTAL totals row" % template)
            for cell in subtotals:
                checker.check(isinstance(values["CN-TTCN"][cell.coordinate].value, (int, float)),
                              "%s: cached %s" % (template, cell.coordinate))
    checker.finish()
