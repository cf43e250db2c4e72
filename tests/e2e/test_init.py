"""`coopreport init DATA.csv [GROUPS.csv]` writes a config that runs unchanged and gives the right
figures: on the H1 example, on its Vietnamese Excel twin, on exports whose headers the
repository has never seen (tests/data/init-unseen, figures computed by hand in its README), and on
a file spelling each sector many ways (tests/data/init, likewise)."""

import json
import os
import re
import subprocess
import unicodedata

from common import (BINARY, Checker, EXIT_DATA, EXIT_IO, EXIT_OK, EXIT_USAGE, ROOT,
                    TEST_DATA, TempDir, check_summary, check_xlsx_file, indicator_values,
                    parse_indicators_csv, require_binary)

UNSEEN = os.path.join(TEST_DATA, "init-unseen")
SPELLINGS = os.path.join("tests", "data", "init", "htx-2024-h1-sector-spellings.csv")
H1_SECTORS = [566, 52, 38, 17, 14, 13, 23]


def run_in(cwd, *args):
    """Runs the binary in cwd (not the repository root: the config must not depend on it)."""
    env = dict(os.environ)
    env.pop("COOPREPORT_SHARE", None)
    p = subprocess.run([BINARY] + [str(a) for a in args], cwd=cwd, stdin=subprocess.DEVNULL,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=300, env=env)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def config_value(text, key):
    """The value of the first `key = value` line (comments cut)."""
    m = re.search(r"^%s\s*=\s*(\"[^\"]*\"|[^;#\n]*)" % re.escape(key), text, re.M)
    return m.group(1).strip().strip('"') if m else None


def init_and_run(c, files, what):
    """init on files (given relative to the repository), config saved in a temporary folder, the
    report run from a third folder. Returns (config text, indicator values, stderr of the run)."""
    with TempDir() as folder, TempDir() as elsewhere:
        code, config, err = run_in(ROOT, "init", *files)
        if not c.equal(code, EXIT_OK, "%s: init exit status\n%s" % (what, err)):
            return "", {}, ""
        c.check("init:" in err, "%s: init prints its summary to stderr: %r" % (what, err))
        path = os.path.join(folder, "my-province.ini")
        with open(path, "w", encoding="utf-8") as f:
            f.write(config)
        code, out, run_err = run_in(elsewhere, path, "--indicators=csv")
        if not c.equal(code, EXIT_OK, "%s: the generated config runs\n%s\n%s" % (what, run_err,
                                                                                config)):
            return config, {}, run_err
        xlsx = os.path.join(folder, "out", "%s-%s-%s.xlsx" % (
            config_value(config, "province"), config_value(config, "year"),
            config_value(config, "period")))
        if c.check(os.path.isfile(xlsx), "%s: workbook at [output] path %s" % (what, xlsx)):
            check_xlsx_file(c, xlsx, what)
        try:
            indicators = parse_indicators_csv(out)
        except ValueError as error:
            c.check(False, "%s: --indicators=csv: %s" % (what, error))
            return config, {}, run_err
        return config, indicator_values(c, indicators, what), run_err


def sector_counts(values):
    return sorted(v for k, v in values.items()
                  if re.fullmatch(r"coops\.sector\.[a-z0-9_]+", k))


def check_example(c, files, what):
    config, values, _ = init_and_run(c, files, what)
    if not values:
        return
    with open(os.path.join(TEST_DATA, "expected-h1.json"), encoding="utf-8") as f:
        expected = json.load(f)["required"]
    for key, want in expected.items():
        if ".sector." in key or ".plan" in key:
            continue   # codes may differ from the example's; the generated config has no plan
        c.close(values.get(key), want, "%s: %s" % (what, key))
    c.equal(sector_counts(values), sorted(H1_SECTORS), "%s: HTX per sector" % what)
    shares = sorted(round(v, 9) for k, v in values.items() if k.endswith(".share"))
    c.equal(shares, sorted(round(n * 100 / 723, 9) for n in H1_SECTORS), "%s: sector shares" % what)
    c.equal(config_value(config, "province"), "27", "%s: province" % what)
    c.equal(config_value(config, "year"), "2024", "%s: year" % what)
    c.equal(config_value(config, "period"), "H1", "%s: period" % what)


def check_unseen(c, name):
    with open(os.path.join(UNSEEN, "expected.json"), encoding="utf-8") as f:
        expected = json.load(f)[name]
    files = [os.path.join("tests", "data", "init-unseen", f) for f in expected["files"]]
    config, values, err = init_and_run(c, files, name)
    if not values:
        return
    for key, want in expected["indicators"].items():
        c.close(values.get(key), want, "%s: %s" % (name, key))
    c.equal(sector_counts(values), sorted(expected["sectors"]), "%s: HTX per sector" % name)
    for key, want in expected["report"].items():
        c.equal(config_value(config, key), want, "%s: [report] %s" % (name, key))
    check_summary(c, err, {expected["files"][0]: expected["summary"]}, name)
    c.check("guess" in config, "%s: guesses are marked" % name)


def check_unseen_details(c):
    """What the config says about the Vietnamese export: keyword guesses marked, unused headers
    listed, the spellings of one sector gathered as aliases."""
    code, config, _ = run_in(ROOT, "init", os.path.join(UNSEEN, "xuat-du-lieu.csv"))
    c.equal(code, EXIT_OK, "unseen: init exit status")
    c.equal(config_value(config, "delimiter"), ";", "unseen: delimiter")
    c.equal(config_value(config, "decimal"), ",", "unseen: decimal comma")
    c.equal(config_value(config, "dates"), "dmy", "unseen: dates")
    for field, header in [("id", "MA_DKKD"), ("founded", "NGAY_TL"), ("dissolved", "NGAY_GT"),
                          ("sector", "LINH_VUC_HOAT_DONG"), ("members", "SO_TV"),
                          ("income", "TN_BQ_NGUOI_NAM")]:
        c.equal(config_value(config, field), header, "unseen: column of %s" % field)
    c.check(re.search(r"^income .*; guess", config, re.M), "unseen: keyword mapping marked guess")
    for header in ("STT", "GHI_CHU"):
        c.check(re.search(r"^; not used: column \d+, '%s'" % header, config, re.M),
                "unseen: unused header %s listed" % header)
    aliases = config.split("[sector.nuoc_sach]")[-1].split("\n[")[0]
    for spelling in ("NS", "Nuoc sach", "Cung cấp nước sạch"):
        c.check(re.search(r"^aliases\s*=.*\b%s\b" % spelling, aliases, re.M),
                "unseen: '%s' is an alias of Nước sạch:\n%s" % (spelling, aliases))


def check_sector_spellings(c):
    """Every spelling of a sector (diacritics or not, abbreviated, English) is an alias of one
    known sector with its Vietnamese label; the config runs unchanged with the per-sector counts
    of tests/data/init/README.md."""
    what = "sector spellings"
    config, values, _ = init_and_run(c, [SPELLINGS], what)
    if not values:
        return
    expected = {"nong_nghiep": 5, "cn_ttcn": 4, "thuong_mai": 3, "gtvt": 2, "xay_dung": 2,
                "moi_truong": 2, "quy_tin_dung": 2, "nuoc_sach": 5, "chan_nuoi": 3,
                "nong_nghiep_thuong_mai": 1}
    got = {k[len("coops.sector."):]: v for k, v in values.items()
           if re.fullmatch(r"coops\.sector\.[a-z0-9_]+", k)}
    c.equal(got, expected, "%s: HTX per sector\n%s" % (what, config))
    c.equal(values.get("coops.total"), 29, "%s: coops.total" % what)
    c.equal(values.get("coops.new"), 1, "%s: coops.new" % what)
    labels = {"nong_nghiep": "Nông nghiệp", "cn_ttcn": "Công nghiệp - Tiểu thủ công nghiệp",
              "thuong_mai": "Thương mại", "gtvt": "Giao thông vận tải", "xay_dung": "Xây dựng",
              "moi_truong": "Vệ sinh môi trường", "quy_tin_dung": "Quỹ tín dụng nhân dân",
              "nuoc_sach": "Nước sạch", "chan_nuoi": "Chăn nuôi",
              "nong_nghiep_thuong_mai": "Nông nghiệp - Thương mại"}
    for code, label in labels.items():
        c.equal(config_value(config, code), label, "%s: the label of %s" % (what, code))
    sectors = config.split("\n[sectors]\n")[-1].split("\n\n")[0]
    for code in ("nong_nghiep_thuong_mai", "chan_nuoi"):
        c.check(re.search(r"^%s\s*=.*; .*guess: .*sector of its own" % code, sectors, re.M),
                "%s: %s marked as a guess:\n%s" % (what, code, sectors))
    for spellings, code in [(("Công nghiệp - TTCN", "TTCN", "Industry and handicrafts"), "cn_ttcn"),
                            (("Trade and services", "Trade", "Thương mại - Dịch vụ"),
                             "thuong_mai"),
                            (("Nuoc sach", "NS", "Clean water"), "nuoc_sach"),
                            (("Agriculture", "Nong nghiep", "Dịch vụ nông nghiệp"),
                             "nong_nghiep"),
                            (("Chan nuoi",), "chan_nuoi")]:
        section = config.split("[sector.%s]" % code)[-1].split("\n[")[0]
        aliases = [a.strip() for a in (config_value(section, "aliases") or "").split(",")]
        for spelling in spellings:
            c.check(spelling in aliases, "%s: '%s' is an alias of %s:\n%s" % (
                what, spelling, code, section))
            c.check(re.search(r"^; '%s': \d+ rows?, (guess: |the same letters)" %
                              re.escape(spelling), section, re.M),
                    "%s: why '%s' is there is said:\n%s" % (what, spelling, section))

    # A spelling holding a comma (the official VSIC name) or a quote is an alias on an alias.N
    # line of its own, so that the config init writes maps it: its rows count in the sector,
    # whatever their case or Unicode form.
    with TempDir() as folder:
        path = os.path.join(folder, "htx-2024-h1.csv")
        decomposed = unicodedata.normalize("NFD", "Nông nghiệp, lâm nghiệp và thủy sản")
        with open(path, "w", encoding="utf-8") as f:
            f.write("Mã HTX,Tên HTX,Tỉnh,Lĩnh vực,Ngày thành lập\n"
                    "1,A,27,Nông nghiệp,01/02/2003\n"
                    "2,B,27,\"Nông nghiệp, lâm nghiệp và thủy sản\",01/02/2003\n"
                    "3,C,27,\"NÔNG NGHIỆP, LÂM NGHIỆP VÀ THỦY SẢN\",01/02/2003\n"
                    "4,D,27,\"%s\",01/02/2003\n"
                    "5,E,27,Thương mại,01/02/2003\n"
                    "6,F,27,TM,01/02/2003\n"
                    "7,G,27,\"Thương mại, dịch vụ\",01/02/2003\n"
                    "8,H,27,\"Dịch vụ \"\"TM\"\"\",01/02/2003\n"
                    "9,I,27,Thương mại,01/06/2024\n" % decomposed)
        code, config, _ = run_in(folder, "init", path)
        c.equal(code, EXIT_OK, "%s: init on sectors holding a comma" % what)
        section = config.split("[sector.nong_nghiep]")[-1].split("\n[")[0]
        c.check(re.search(r"^alias\.1\s*= Nông nghiệp, lâm nghiệp và thủy sản$", section, re.M),
                "%s: the comma spelling is an alias.N line:\n%s" % (what, section))
        section = config.split("[sector.thuong_mai]")[-1].split("\n[")[0]
        c.check(re.search(r"^aliases\s*= TM$", section, re.M) and
                re.search(r"^alias\.[12]\s*= Thương mại, dịch vụ$", section, re.M) and
                re.search(r"^alias\.[12]\s*= Dịch vụ \"TM\"$", section, re.M),
                "%s: the list keeps the others, alias.N the comma and the quote:\n%s" % (
                    what, section))
        config_path = os.path.join(folder, "htx.ini")
        with open(config_path, "w", encoding="utf-8") as f:
            f.write(config)
        code, out, err = run_in(folder, config_path, "--indicators=csv")
        if c.equal(code, EXIT_OK, "%s: the config init wrote runs\n%s\n%s" % (what, err, config)):
            values = indicator_values(c, parse_indicators_csv(out), what)
            c.equal(values.get("coops.sector.nong_nghiep"), 4,
                    "%s: the comma spellings count in nong_nghiep" % what)
            c.equal(values.get("coops.sector.thuong_mai"), 5,
                    "%s: the comma and quote spellings count in thuong_mai" % what)


SEVERAL_HEADERS = ["Mã số thuế", "Mã HTX", "Tên giao dịch", "Tên HTX", "Tỉnh", "Lĩnh vực",
                   "Ngày cấp giấy chứng nhận đăng ký", "Ngày thành lập",
                   "Số thành viên là pháp nhân", "Số thành viên là nữ", "Tổng số thành viên",
                   "Số thành viên", "Tổng số lao động", "Số lao động thường xuyên",
                   "Doanh thu năm 2023", "Doanh thu 6 tháng 2024",
                   "Thu nhập bình quân (triệu đồng/người/năm)"]


def several_rows():
    """Ten HTX whose columns naming one field all differ, so that the figures tell which was
    mapped. The tax codes repeat (as id, rows would be rejected); the certificates were issued in
    2023, the founding of some is in H1 2024."""
    rows = []
    for n in range(10):
        founded = "15/0%d/2024" % (n % 5 + 1) if n < 4 else "01/03/20%02d" % (10 + n)
        rows.append({"Mã số thuế": "0100", "Mã HTX": "H%02d" % n, "Tên giao dịch": "GD %d" % n,
                     "Tên HTX": "HTX %d" % n, "Tỉnh": "27", "Lĩnh vực": "Nông nghiệp",
                     "Ngày cấp giấy chứng nhận đăng ký": "01/02/2023", "Ngày thành lập": founded,
                     "Số thành viên là pháp nhân": n % 3, "Số thành viên là nữ": n + 2,
                     "Tổng số thành viên": 40 + n, "Số thành viên": 20 + 2 * n,
                     "Tổng số lao động": 30 + 3 * n, "Số lao động thường xuyên": 5 + n,
                     "Doanh thu năm 2023": 1000 + 100 * n, "Doanh thu 6 tháng 2024": 300 + 10 * n,
                     "Thu nhập bình quân (triệu đồng/người/năm)": 40 + n})
    return rows


def check_several_headers(c):
    """Several columns name one field (SPEC §4 meanings: workers = số lao động thường xuyên,
    members = số thành viên, founded = ngày thành lập, revenue = doanh thu trong kỳ): init maps
    the exact one, says it chose, lists the others as 'also matches'; the run's figures are those
    of the right columns, whatever the order of the columns."""
    rows = several_rows()
    new = sum(1 for r in rows if r["Ngày thành lập"].endswith("2024"))
    workers = sum(r["Số lao động thường xuyên"] for r in rows)
    members = sum(r["Số thành viên"] for r in rows)
    revenue = sum(r["Doanh thu 6 tháng 2024"] for r in rows) / len(rows)
    income = sum(r["Thu nhập bình quân (triệu đồng/người/năm)"] * r["Số lao động thường xuyên"]
                 for r in rows) / workers
    chosen = {"id": "Mã HTX", "name": "Tên HTX", "founded": "Ngày thành lập",
              "members": "Số thành viên", "workers": "Số lao động thường xuyên",
              "revenue": "Doanh thu 6 tháng 2024"}
    for order in ("given", "reversed"):
        what = "several headers per field (%s order)" % order
        headers = SEVERAL_HEADERS if order == "given" else SEVERAL_HEADERS[::-1]
        with TempDir() as folder:
            path = os.path.join(folder, "ds-htx.csv")
            with open(path, "w", encoding="utf-8", newline="") as f:
                f.write(",".join(headers) + "\n")
                for r in rows:
                    f.write(",".join(str(r[h]) for h in headers) + "\n")
            config, values, _ = init_and_run(c, [os.path.relpath(path, ROOT)], what)
            if not values:
                continue
            c.equal(values.get("coops.workers"), workers, "%s: coops.workers" % what)
            c.equal(values.get("coops.members"), members, "%s: coops.members" % what)
            c.equal(values.get("coops.total"), 10, "%s: coops.total" % what)
            c.equal(values.get("coops.new"), new, "%s: coops.new" % what)
            c.close(values.get("coops.revenue.avg"), revenue, "%s: coops.revenue.avg" % what)
            c.close(values.get("coops.income.avg"), income, "%s: coops.income.avg" % what)
            c.equal((config_value(config, "year"), config_value(config, "period")),
                    ("2024", "H1"), "%s: the report's period" % what)
            for field, header in chosen.items():
                c.equal(config_value(config, field), header, "%s: column of %s" % (what, field))
                line = re.search(r"^%s\s*=.*$" % field, config, re.M).group(0)
                c.check("; guess: " in line and "chosen over column" in line,
                        "%s: the choice is a guess naming the other: %r" % (what, line))
            for header in SEVERAL_HEADERS:
                if header in chosen.values() or header in (
                        "Tỉnh", "Lĩnh vực", "Thu nhập bình quân (triệu đồng/người/năm)"):
                    continue
                line = re.search(r"^; not used: column \d+ \(\w+\), '%s'.*$" %
                                 re.escape(header), config, re.M)
                c.check(line and re.search(r": also matches '\w+' \(column \d+\): not chosen "
                                           r"because ", line.group(0)) and
                        "no field matches" not in line.group(0),
                        "%s: '%s' listed as another candidate:\n%s" % (
                            what, header, line.group(0) if line else config))

    # The only revenue header names last year: mapped, but loudly.
    with TempDir() as folder:
        path = os.path.join(folder, "ds-htx.csv")
        with open(path, "w", encoding="utf-8") as f:
            f.write("Mã HTX,Tên HTX,Tỉnh,Lĩnh vực,Ngày thành lập,Doanh thu năm 2023\n"
                    "1,A,27,Nông nghiệp,15/05/2024,100\n")
        code, config, err = run_in(folder, "init", path)
        c.equal(code, EXIT_OK, "last year's revenue: init")
        line = re.search(r"^revenue\s*=.*$", config, re.M)
        c.check(line and "guess" in line.group(0) and
                "WARNING: the header names FY 2023, not the report's period (H1 2024)"
                in line.group(0), "last year's revenue: a loud guess: %r" % (
                    line.group(0) if line else config))
        c.check(re.search(r"warning: .*revenue = 'Doanh thu năm 2023' is a guess: the header "
                          r"names FY 2023", err), "last year's revenue: warned on stderr: %r" % err)

    # A quiet registry, last founding in 2015, whose amounts name H1 2024: the report is H1 2024
    # (not FY 2014), and its revenue the column of H1 2024.
    with TempDir() as folder:
        path = os.path.join(folder, "ds-htx.csv")
        with open(path, "w", encoding="utf-8") as f:
            f.write("Mã HTX,Tên HTX,Tỉnh,Lĩnh vực,Ngày thành lập,Doanh thu năm 2023 (triệu đồng),"
                    "Doanh thu 6 tháng 2024 (triệu đồng)\n"
                    "1,A,27,Nông nghiệp,01/01/2015,5000,2500\n")
        code, config, err = run_in(folder, "init", path)
        c.equal(code, EXIT_OK, "period from the headers: init")
        c.equal((config_value(config, "year"), config_value(config, "period"),
                 config_value(config, "revenue")),
                ("2024", "H1", "Doanh thu 6 tháng 2024 (triệu đồng)"),
                "period from the headers: year, period, revenue\n%s" % config)


def check_problems(c):
    code, out, err = run_in(ROOT, "init")
    c.equal(code, EXIT_USAGE, "init without a file")
    c.check("usage: coopreport init" in err, "init without a file prints the usage: %r" % err)
    code, out, err = run_in(ROOT, "init", "no-such-file.csv")
    c.equal(code, EXIT_IO, "init on a missing file")
    c.check("no-such-file.csv" in err and out == "", "missing file named, nothing on stdout")
    with TempDir() as folder:
        utf16 = os.path.join(folder, "utf16.csv")
        with open(utf16, "wb") as f:
            f.write("Mã HTX,Tên HTX\n1,A\n".encode("utf-16"))
        code, out, err = run_in(folder, "init", utf16)
        c.equal(code, EXIT_DATA, "init on UTF-16")
        c.check("UTF-16" in err, "UTF-16 named: %r" % err)
        legacy = os.path.join(folder, "cp1258.csv")
        with open(legacy, "wb") as f:
            f.write("Mã HTX,Tên HTX,Lĩnh vực,Ngày thành lập\n".encode("utf-8"))
            f.write(b"1,HTX N\xf4ng nghi\xeap,N\xf4ng nghi\xeap,01/02/2003\n")
        code, out, err = run_in(folder, "init", legacy)
        c.equal(code, EXIT_OK, "init on a file with bytes that are not UTF-8")
        c.check(re.search(r"^; WARNING: 2 cells of .* are not UTF-8", out, re.M),
                "not UTF-8: warning comment in the config:\n%s" % out)
        c.check("not UTF-8" in err, "not UTF-8: warning on stderr: %r" % err)


def main():
    require_binary()
    c = Checker("init")
    check_example(c, [os.path.join("examples", "data", n) for n in
                      ("htx_2024_h1.csv", "tht_2024_h1.csv")], "H1 example")
    check_example(c, [os.path.join(TEST_DATA, "excel-vn", n) for n in
                      ("ds-htx-6-thang-2024.csv", "ds-tht-6-thang-2024.csv")], "excel-vn")
    check_unseen(c, "xuat-du-lieu.csv")
    check_unseen(c, "coop_list_2024.csv")
    check_unseen_details(c)
    check_sector_spellings(c)
    check_several_headers(c)
    check_problems(c)
    c.finish()


if __name__ == "__main__":
    main()
