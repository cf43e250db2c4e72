"""Registry exports as Excel and other software write them, in a batch and in a single run:
  - empty cells after the last column (";;", "…,,") in rows and in the header are no fields;
  - dates with a time part ("31/12/2024 00:00:00", "2024-12-31T00:00:00") are read as the day;
  - a province by a former official name ("Thừa Thiên Huế", code 46 until 2025) or an
    abbreviation ("TP.HCM"), in a cell and in -p; an unknown one gets "did you mean";
  - a warning about a file's column is printed once per run, not once per province, also with
    -q (which keeps warnings), and none for last year's district, which feeds no figure."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

checker = common.Checker("registry_reading")
common.require_binary()

CONFIG = """[report]
province = {province}
year     = 2024
period   = FY
date     = 2025-01-15

[input]
coops          = coops.csv
previous_coops = previous.csv

[csv]
delimiter = ";"
dates     = auto

[coops.columns]
id       = Mã HTX
name     = Tên HTX
province = Tỉnh
district = Huyện
sector   = Lĩnh vực
founded  = Ngày thành lập
members  = Số thành viên
income   = Thu nhập BQ

[sectors]
nong_nghiep = Nông nghiệp

[output]
path    = out/{{province_code}}.xlsx
summary = out/toan-quoc.xlsx
"""

# Excel's export: a header and rows ending in empty cells, datetimes, several spellings of a
# province. Provinces 01, 46 and 79, two HTX each.
COOPS = """Mã HTX;Tên HTX;Tỉnh;Huyện;Lĩnh vực;Ngày thành lập;Số thành viên;Thu nhập BQ;;
A1;HTX Một;Hà Nội;Đông Anh;Nông nghiệp;12/03/1998 00:00:00;25;60;;
A2;HTX Hai;01;Sóc Sơn;Nông nghiệp;2010-05-01T00:00:00;10;50;;;
B1;HTX Ba;Thừa Thiên Huế;Phú Vang;Nông nghiệp;01/02/2015 0:00;7;40;;
B2;HTX Bốn;Tỉnh Thừa Thiên Huế;Phú Lộc;Nông nghiệp;2016-03-04 00:00:00;8;45
C1;HTX Năm;TP.HCM;Củ Chi;Nông nghiệp;05/06/2020 13:30;9;70; ;
C2;HTX Sáu;TP Hồ Chí Minh;Hóc Môn;Nông nghiệp;05/06/2021;11;80;;
"""

# Last year's file: no district and no income column.
PREVIOUS = """Mã HTX;Tên HTX;Tỉnh;Lĩnh vực;Ngày thành lập;Số thành viên
A1;HTX Một;01;Nông nghiệp;12/03/1998;20
B1;HTX Ba;46;Nông nghiệp;01/02/2015;6
C1;HTX Năm;79;Nông nghiệp;05/06/2020;9
"""

INCOME_WARNING = "field 'income': column 'Thu nhập BQ' named in the config is not in this previous-year file"


def write(folder, name, text):
    with open(os.path.join(folder, name), "w", encoding="utf-8") as handle:
        handle.write(text)


def config(folder, name, province):
    path = os.path.join(folder, name)
    write(folder, name, CONFIG.format(province=province))
    return path


with common.TempDir() as folder:
    write(folder, "coops.csv", COOPS)
    write(folder, "previous.csv", PREVIOUS)
    batch = config(folder, "batch.ini", "all")
    out = os.path.join(folder, "out")

    for options in ([], ["-q"], ["-q", "-j", "1"]):
        result = common.run(batch, *options)
        what = "batch %s" % " ".join(options)
        checker.equal(result.returncode, 0, what + ": exit\n" + result.describe())
        for code in ("01", "46", "79"):
            checker.check(os.path.isfile(os.path.join(out, code + ".xlsx")),
                          "%s: no workbook for %s\n%s" % (what, code, result.describe()))
        checker.check(" error: " not in result.stderr, what + ": errors\n" + result.stderr)
        checker.equal(result.stderr.count(INCOME_WARNING), 1,
                      what + ": times the missing income column is warned of\n" + result.stderr)
        checker.check("'district'" not in result.stderr,
                      what + ": a warning about last year's district, which feeds no figure\n"
                      + result.stderr)
        if "-q" in options:
            checker.check("wrote " not in result.stderr and " ok " not in result.stderr,
                          what + ": -q printed more than errors and warnings\n" + result.stderr)

    # The province of the Huế rows, by its former name, on the command line too.
    for wanted in ("Thừa Thiên Huế", "thua thien hue", "TP Huế", "46"):
        result = common.run(batch, "-p", wanted, "--indicators=csv")
        what = "-p '%s'" % wanted
        checker.equal(result.returncode, 0, what + ": exit\n" + result.describe())
        checker.check(any(line.startswith("coops.total,2,") for line in result.stdout.splitlines()),
                      what + ": the two HTX of Huế (by its former name) are not counted\n"
                      + result.stdout[:600])
    single = config(folder, "single.ini", "Thừa Thiên Huế")
    result = common.run(single, "--indicators=csv", "-o", os.path.join(folder, "hue.xlsx"))
    checker.equal(result.returncode, 0, "[report] province = Thừa Thiên Huế: exit\n" + result.describe())
    checker.check(any(line.startswith("coops.total,2,") for line in result.stdout.splitlines()),
                  "[report] province = Thừa Thiên Huế: coops.total is not 2\n" + result.stdout[:600])

    # Misspelt: an error that names the nearest province.
    result = common.run(batch, "-p", "Thua Thien Hu")
    checker.equal(result.returncode, common.EXIT_USAGE, "-p misspelt: exit\n" + result.describe())
    checker.check("did you mean 'Huế'?" in result.stderr, "-p misspelt: no suggestion\n" + result.stderr)
    result = common.run(config(folder, "typo.ini", "Bắc Ninhh"), "--check")
    checker.check("did you mean 'Bắc Ninh'?" in result.stderr,
                  "[report] province misspelt: no suggestion\n" + result.stderr)
    write(folder, "coops.csv", COOPS + "D1;HTX Bảy;Ho Chi Mnh;Củ Chi;Nông nghiệp;05/06/2021;11;80\n")
    result = common.run(batch, "-p", "79")
    checker.check("unknown province 'Ho Chi Mnh'; did you mean 'Hồ Chí Minh'?" in result.stderr,
                  "a misspelt province cell: no suggestion\n" + result.stderr)

    # A field past the header that holds something is still an error, an invalid time too.
    write(folder, "coops.csv", COOPS + "D2;HTX Tám;01;Củ Chi;Nông nghiệp;05/06/2021;11;80;;;x\n"
          "D3;HTX Chín;01;Củ Chi;Nông nghiệp;05/06/2021 24:00;11;80\n")
    result = common.run(batch, "-p", "01")
    checker.equal(result.returncode, common.EXIT_DATA, "extra field: exit\n" + result.describe())
    checker.check("coops.csv:8:11: error: expected 10 fields as in the header, found 11" in result.stderr,
                  "extra non-empty field: message\n" + result.stderr)
    checker.check("coops.csv:9:6: error: field 'founded': invalid date '05/06/2021 24:00' (invalid "
                  "time after the date" in result.stderr, "invalid time: message\n" + result.stderr)

checker.finish()
