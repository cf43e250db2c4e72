"""Every printed page of a list says what it is: the sector, groups, changes and target
lists carry a page header (the province on the left; the organisation over the list's subject
and the period in the centre), escaped for Excel ('&' written '&&', a lone '&' being a code),
within Excel's 255 characters however long the organisation, and with a top margin that keeps
its two lines clear of the first row. The summary form has its own header block and no page
header."""
import os
import re
import sys
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

import openpyxl  # noqa: E402

checker = common.Checker("page_headers")
common.require_binary()
GOLDEN = os.path.join(common.TEST_DATA, "golden")
LONG_ORGANIZATION = ("Liên minh Hợp tác xã & Doanh nghiệp ngoài quốc doanh {province_type} {province} "
                     "(Cơ quan thường trực Ban Chỉ đạo phát triển kinh tế tập thể, hợp tác xã của tỉnh)")


def sheets(path):
    """sheet name -> worksheet XML."""
    with zipfile.ZipFile(path) as package:
        workbook = package.read("xl/workbook.xml").decode("utf-8")
        rels = package.read("xl/_rels/workbook.xml.rels").decode("utf-8")
        targets = dict(re.findall(r'Id="(rId\d+)"[^>]*Target="([^"]+)"', rels))
        out = {}
        for name, rid in re.findall(r'<sheet name="([^"]+)" sheetId="\d+" r:id="(rId\d+)"', workbook):
            out[name.replace("&amp;", "&")] = package.read("xl/" + targets[rid]).decode("utf-8")
        return out


def header_of(xml):
    found = re.search(r"<oddHeader>(.*?)</oddHeader>", xml, re.S)
    if not found:
        return None
    return (found.group(1).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
            .replace("&quot;", '"'))


with open(os.path.join(GOLDEN, "golden.ini"), encoding="utf-8") as handle:
    base = handle.read()
text = base.replace("thuong_mai  = Thương mại", "thuong_mai  = Thương mại & dịch vụ")
text = text.replace("[sector.gtvt]", "[sector.thuong_mai]\naliases = Thương mại\n\n[sector.gtvt]")
text = re.sub(r"organization = .*", "organization = " + LONG_ORGANIZATION, text)
# A subject too long for a header line: it is cut, the period after it never.
LONG_SECTOR = ("Hoạt động chuyên môn, khoa học và công nghệ, hoạt động hành chính và dịch vụ hỗ "
               "trợ của các hợp tác xã trên địa bàn")
text = text.replace("gtvt        = Giao thông vận tải", "gtvt        = " + LONG_SECTOR)

with common.TempDir() as out_dir:
    config = common.copy_golden_inputs(out_dir, text)
    result, path = common.report(config, out_dir)
    if checker.equal(result.returncode, 0, "exit status\n%s" % result.describe()):
        parts = sheets(path)
        checker.equal(header_of(parts["Tổng hợp"]), None, "no page header on the summary form")
        expected = {
            "Nông nghiệp": "HTX lĩnh vực Nông nghiệp — 6 tháng đầu năm 2024",
            "Thương mại & dịch vụ": "HTX lĩnh vực Thương mại && dịch vụ — 6 tháng đầu năm 2024",
        }
        for sheet, subject in expected.items():
            xml = parts.get(sheet)
            if not checker.check(xml is not None, "a sheet %r in %r" % (sheet, list(parts))):
                continue
            header = header_of(xml)
            if not checker.check(header is not None, "%s: a page header" % sheet):
                continue
            checker.check(subject in header, "%s: the subject %r in %r" % (sheet, subject, header))
            checker.check(header.startswith("&L&11Tỉnh Bắc Ninh&C"),
                          "%s: the province on the left: %r" % (sheet, header))
            checker.check(len(header) <= 255, "%s: %d characters, Excel takes 255" % (sheet, len(header)))
            # Every '&' is a code (&L &C &B &11 &12) or doubled.
            lone = re.sub(r"&&|&[LCRB]|&\d+", "", header)
            checker.check("&" not in lone, "%s: a lone '&' in %r" % (sheet, header))
            checker.check("Liên minh Hợp tác xã && Doanh nghiệp" in header and "…" in header,
                          "%s: the long organisation escaped and cut: %r" % (sheet, header))
            margins = re.search(r'<pageMargins left="[\d.]+" right="[\d.]+" top="([\d.]+)" '
                                r'bottom="[\d.]+" header="([\d.]+)"', xml)
            checker.check(margins and float(margins.group(1)) - float(margins.group(2)) >= 0.6,
                          "%s: room for the header's two lines above the first row: %s"
                          % (sheet, margins and margins.group(0)))
        long_headers = [header_of(xml) for xml in parts.values()
                        if header_of(xml) and "Hoạt động chuyên môn" in header_of(xml)]
        checker.check(long_headers and all(h.endswith("… — 6 tháng đầu năm 2024") for h in long_headers),
                      "a long subject is cut before the period, which stays: %r" % long_headers)
        by_sector = header_of(parts.get("Cơ cấu theo lĩnh vực", ""))
        checker.check(by_sector and "Cơ cấu hợp tác xã theo lĩnh vực — 6 tháng đầu năm 2024" in by_sector,
                      "the by-sector sheet says what it is: %r" % by_sector)
        book = openpyxl.load_workbook(path, data_only=True)
        table = book["Cơ cấu theo lĩnh vực"]
        rows = [(r[0].value, r[1].value) for r in table.iter_rows(min_row=2, max_col=2)
                if r[0].value is not None]
        total_name = book.defined_names["coops.total"]
        sheet_name, cell = next(total_name.destinations)
        coops_total = book[sheet_name][cell.replace("$", "")].value
        checker.check(rows and rows[-1] == ("Tổng cộng", coops_total)
                      and sum(v for _, v in rows[:-1]) == coops_total,
                      "the by-sector table ends with a total equal to coops.total (%r): %r"
                      % (coops_total, rows))
        groups = [name for name in parts if header_of(parts[name]) and "Tổ hợp tác" in header_of(parts[name])]
        checker.check(groups, "the groups' list has a header naming them")
        targets = [name for name in parts if header_of(parts[name])
                   and "Phát triển thêm HTX mới trong 6 tháng cuối năm" in header_of(parts[name])]
        checker.check(targets, "a target's list names the target in full")

# The rejected rows' pages say what they are too.
with common.TempDir() as out_dir:
    common.copy_golden_inputs(out_dir)
    with open(os.path.join(GOLDEN, "coops.csv"), encoding="utf-8") as source:
        header = source.readline().rstrip("\n").split(",")
    bad = ["" for _ in header]
    bad[header.index("id")], bad[header.index("name")] = "BAD0001", "HTX lỗi ngày"
    bad[header.index("sector")], bad[header.index("founded")] = "Nông nghiệp", "31/02/2020"
    with open(os.path.join(out_dir, "coops.csv"), "a", encoding="utf-8") as target:
        target.write(",".join(bad) + "\n")
    config = os.path.join(out_dir, "case.ini")
    with open(config, "w", encoding="utf-8") as handle:
        handle.write(base)
    result, path = common.report(config, out_dir, "--keep-going")
    if checker.equal(result.returncode, common.EXIT_DATA, "--keep-going: exit status\n%s"
                     % result.describe()):
        rejected = header_of(sheets(path).get("Dữ liệu lỗi", ""))
        checker.check(rejected and "Các dòng dữ liệu bị loại — 6 tháng đầu năm 2024" in rejected,
                      "the rejected rows' pages say what they are: %r" % rejected)
checker.finish()
