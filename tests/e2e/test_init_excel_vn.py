"""`coopreport init` on exports as Excel set to Vietnamese writes them — ';', BOM, CRLF,
d/m/yyyy, decimal comma or whole amounts with dotted thousands, a 'sep=;' first line, a title
above the header, a header found twice, long Vietnamese headers with units — generated here into
a temporary folder. For each: the config init writes runs (--check exits 0 or 1, never 2), and the
run's figures equal the ones computed here from the same rows."""

import os
import re

from common import Checker, EXIT_DATA, EXIT_OK, TempDir, parse_indicators_csv, require_binary
from test_init import config_value as value, run_in

# (id, name, district, sector, founded d/m/yyyy, members, workers, revenue, income), all in Bắc
# Ninh (27), founded before 2024, none dissolved: every row is an operating HTX of FY 2024.
ROWS = [
    ("HTX001", "HTX Nông nghiệp Lạc Vệ", "Tiên Du", "Nông nghiệp", "12/3/1998", 125, 16, 4285, 52),
    ("HTX002", "HTX Thương mại Phật Tích", "Tiên Du", "Thương mại", "5/9/2015", 12, 4, 7728, 61),
    ("HTX003", "HTX Dịch vụ nông nghiệp Đông Phong", "Yên Phong", "Nông nghiệp", "1/7/2008",
     2340, 25, 1250, 48),
    ("HTX004", "HTX Mây tre đan Xuân Lai", "Gia Bình", "Nông nghiệp", "23/11/2019", 9, 7, 12500,
     55),
    ("HTX005", "HTX Vận tải Từ Sơn", "Từ Sơn", "Thương mại", "30/4/2012", 31, 12, 3075, 70),
]
HEADERS = ["Mã HTX", "Tên hợp tác xã", "Tỉnh", "Huyện", "Lĩnh vực", "Ngày thành lập",
           "Số thành viên", "Số lao động", "Doanh thu (triệu đồng)",
           "Thu nhập bình quân của thành viên, người lao động (triệu đồng/người/năm)"]


def dotted(n):
    """4285 → '4.285', 1250 → '1.250' (Excel-VN's thousands)."""
    return "{:,}".format(n).replace(",", ".")


def cells(row, style):
    """One row's cells: 'dotted' = whole amounts with dotted thousands, 'comma' = revenue
    written with a decimal comma and a tenth (1.234,5: the cell that proves it)."""
    ident, name, district, sector, founded, members, workers, revenue, income = row
    if style == "comma":
        money = dotted(revenue) + ",5"
    else:
        money = dotted(revenue)
    return [ident, name, "Bắc Ninh", district, sector, founded, dotted(members), str(workers),
            money, str(income)]


def revenue_of(row, style):
    return row[7] + (0.5 if style == "comma" else 0)


def write_csv(path, headers, rows, before=()):
    """An Excel-VN CSV: BOM, CRLF, ';'; `before` are raw lines put above the header."""
    lines = list(before) + [";".join(headers)] + [";".join(r) for r in rows]
    with open(path, "wb") as f:
        f.write(b"\xef\xbb\xbf" + "\r\n".join(lines).encode("utf-8") + b"\r\n")


def init_check_run(c, folder, files, what):
    """init, then --check (0 or 1, never 2), then the run. Returns (config, indicators, check
    stderr)."""
    code, config, err = run_in(folder, "init", *files)
    if not c.equal(code, EXIT_OK, "%s: init\n%s" % (what, err)):
        return "", {}, ""
    path = os.path.join(folder, "%s.ini" % what)
    with open(path, "w", encoding="utf-8") as f:
        f.write(config)
    code, _, check_err = run_in(folder, "--check", path)
    c.check(code in (EXIT_OK, EXIT_DATA), "%s: --check exits %d (0 or 1 expected)\n%s\n%s"
            % (what, code, check_err[-2000:], config))
    code, out, run_err = run_in(folder, path, "--indicators=csv")
    if not c.equal(code, EXIT_OK, "%s: the run\n%s\n%s" % (what, run_err[-2000:], config)):
        return config, {}, check_err
    return config, {k: v["value"] for k, v in parse_indicators_csv(out).items()}, check_err


def number(indicators, key):
    text = indicators.get(key)
    return float(text) if text not in (None, "") else None


def expected_figures(rows, style):
    revenue = sum(revenue_of(r, style) for r in rows) / len(rows)
    income = sum(r[8] * r[6] for r in rows) / sum(r[6] for r in rows)
    return revenue, income, sum(r[5] for r in rows)


def check_figures(c, indicators, rows, style, what, members=True):
    revenue, income, member_total = expected_figures(rows, style)
    c.close(number(indicators, "coops.total"), len(rows), "%s: coops.total" % what)
    c.close(number(indicators, "coops.revenue.avg"), revenue, "%s: coops.revenue.avg" % what)
    c.close(number(indicators, "coops.income.avg"), income, "%s: coops.income.avg" % what)
    if members:
        c.close(number(indicators, "coops.members"), member_total, "%s: coops.members" % what)


def check_dotted_thousands(c, folder):
    """Whole amounts with dotted thousands: no cell proves the separator; init must weigh the
    hints to ',' and say loudly that it is a guess; income must not be taken for the district."""
    what = "dotted"
    path = os.path.join(folder, "ds-htx-nam-2024.csv")
    write_csv(path, HEADERS, [cells(r, "dotted") for r in ROWS])
    config, indicators, _ = init_check_run(c, folder, [path], what)
    c.equal(value(config, "decimal"), ",", "%s: decimal" % what)
    c.check(re.search(r'^decimal .*NOT DECIDED', config, re.M) and "'4.285'" in config,
            "%s: the decimal guess is marked as not decided, with an example:\n%s"
            % (what, config))
    c.equal(value(config, "income"), HEADERS[9], "%s: income column" % what)
    c.equal(value(config, "district"), "Huyện", "%s: district column" % what)
    check_figures(c, indicators, ROWS, "dotted", what)

    # The same data read with decimal = ".": --check warns at an example's FILE:LINE:COL.
    wrong = re.sub(r'^decimal\s*=.*$', 'decimal = "."', config, count=1, flags=re.M)
    wrong_path = os.path.join(folder, "wrong-decimal.ini")
    with open(wrong_path, "w", encoding="utf-8") as f:
        f.write(wrong)
    code, _, err = run_in(folder, "--check", wrong_path)
    c.check(code in (EXIT_OK, EXIT_DATA), "%s: --check with decimal '.'" % what)
    c.check(re.search(r"ds-htx-nam-2024\.csv:2:9: warning: field 'revenue': 5 of 5 amounts are "
                      r"written like '4\.285'.*write decimal = \",\"", err),
            "%s: --check flags the dotted thousands with FILE:LINE:COL and the fix:\n%s"
            % (what, err))
    c.check("no problems found" not in err, "%s: --check does not say 'no problems found'" % what)


def check_sep_and_title(c, folder):
    """'sep=;' first, a title and a blank line above the header; the title has no ';' at all,
    so the delimiter cannot come from the first lines. Revenue with a decimal comma."""
    what = "sep-title"
    headers = HEADERS[:9] + ["Thu nhập bình quân (triệu đồng/người/năm)"]
    path = os.path.join(folder, "bao-cao-htx-nam-2024.csv")
    write_csv(path, headers, [cells(r, "comma") for r in ROWS],
              before=["sep=;", "DANH SÁCH HỢP TÁC XÃ TỈNH BẮC NINH NĂM 2024", ""])
    config, indicators, _ = init_check_run(c, folder, [path], what)
    c.equal(value(config, "delimiter"), ";", "%s: delimiter" % what)
    c.equal(value(config, "decimal"), ",", "%s: decimal" % what)
    c.equal(value(config, "header_line"), "4", "%s: header_line\n%s" % (what, config))
    c.equal(value(config, "id"), "Mã HTX", "%s: id column" % what)
    c.equal(value(config, "income"), headers[9], "%s: income column" % what)
    check_figures(c, indicators, ROWS, "comma", what)
    # A batch reads the same title lines the same way.
    config_path = os.path.join(folder, "%s.ini" % what)
    code, _, err = run_in(folder, config_path, "-p", "all", "-q")
    c.equal(code, EXIT_OK, "%s: batch run -p all\n%s" % (what, err[-1500:]))
    c.check(os.path.isfile(os.path.join(folder, "out", "27-2024-FY.xlsx")),
            "%s: the batch wrote the province's workbook" % what)


def check_duplicate_header(c, folder):
    """'Số thành viên' twice: members is left unmapped with what to do; the config runs."""
    what = "duplicate"
    headers = HEADERS + ["Số thành viên"]
    path = os.path.join(folder, "htx-trung-cot-nam-2024.csv")
    write_csv(path, headers, [cells(r, "dotted") + ["0"] for r in ROWS])
    config, indicators, _ = init_check_run(c, folder, [path], what)
    c.check(re.search(r"^; members\s*= Số thành viên .*columns 7 \(G\) and 11 \(K\).*rename one",
                      config, re.M),
            "%s: members left unmapped, the columns named:\n%s" % (what, config))
    c.check(value(config, "members") is None, "%s: no members mapping" % what)
    c.check("also matches 'members'" not in config,
            "%s: the header found twice is not called a rival of itself:\n%s" % (what, config))
    check_figures(c, indicators, ROWS, "dotted", what, members=False)
    c.equal(indicators.get("coops.members"), "", "%s: coops.members not reported" % what)


def main():
    require_binary()
    c = Checker("init excel-vn")
    with TempDir() as folder:
        check_dotted_thousands(c, folder)
    with TempDir() as folder:
        check_sep_and_title(c, folder)
    with TempDir() as folder:
        check_duplicate_header(c, folder)
    c.finish()


if __name__ == "__main__":
    main()
