"""The H1 2024 Bắc Ninh example reproduces the seed report (SPEC §5, shared/seed): printed with
--indicators=csv and =json, and in the workbook's defined names."""

from common import (Checker, EXIT_OK, H1_CONFIG, INDICATORS_SHEET, TempDir, check_against_expected,
                    check_name_value, check_names_match_indicators, check_xlsx_file, files_in,
                    indicator_values, load_expected, load_workbook, parse_indicators_csv,
                    parse_indicators_json, report, require_binary)

# The seed's figures, typed from the article, not taken from the generator.
SEED = {
    "coops.total": 723,
    "coops.sector.nong_nghiep": 566,
    "coops.new": 15,
    "coops.new.sector.nong_nghiep": 10,
    "coops.new.sector.thuong_mai": 5,
    "coops.new.plan": 30,
    "coops.new.plan_pct": 50,
    "groups.total": 235,
    "groups.revenue.avg": 170,
    "groups.profit.avg": 40,
}
SHARE_KEY, SHARE = "coops.sector.nong_nghiep.share", 566 / 723 * 100     # 78.28…, not 78.5
UNITS = {"coops.total": "HTX", "coops.sector.nong_nghiep.share": "%", "coops.new.plan_pct": "%"}
# Sector sheet of each sector code (the example config's `sheet`, or the label).
SECTOR_SHEETS = {"nong_nghiep": "Nông nghiệp", "cn_ttcn": "CN-TTCN", "thuong_mai": "Thương mại",
                 "gtvt": "GTVT", "xay_dung": "Xây dựng", "moi_truong": "VSMT",
                 "quy_tin_dung": "QTDND"}
SHEETS = ["Tổng hợp", INDICATORS_SHEET, "Nông nghiệp", "CN-TTCN", "Thương mại", "GTVT", "Xây dựng",
          "VSMT", "QTDND", "Tổ hợp tác"]


def check_sector_totals(c, wb, values):
    """Each sector sheet's first totals row counts the sector's HTX (coops.sector.CODE), and the
    members of all the sheets add up to coops.members: the LHHTX are listed apart, below."""
    members = 0
    for code, sheet in SECTOR_SHEETS.items():
        if sheet not in wb.sheetnames:
            continue
        rows = list(wb[sheet].iter_rows(values_only=True))
        header = rows[0]
        totals = next((i for i, row in enumerate(rows) if row[2] == "Tổng cộng"), None)
        if not c.check(totals is not None, "%s: no totals row" % sheet):
            continue
        c.equal(totals - 1, values.get("coops.sector." + code), "%s: data rows" % sheet)
        c.equal(rows[totals][0], values.get("coops.sector." + code), "%s: cached count" % sheet)
        members += rows[totals][header.index("Số thành viên")] or 0
        union_rows = [row for row in rows[totals + 1:] if row[1] is not None]
        c.check(all("LHHTX" in (row[-1] or "") for row in union_rows),
                "%s: rows under the totals that are not LHHTX: %r" % (sheet, union_rows))
    c.equal(members, values.get("coops.members"), "members summed over the sector sheets")


def main():
    require_binary()
    c = Checker("h1 example")
    expected = load_expected("expected-h1.json")
    with TempDir() as out:
        result, xlsx = report(H1_CONFIG, out, "--indicators=csv")
        if not c.equal(result.returncode, EXIT_OK, "exit status\n" + result.describe()):
            c.finish()
        try:
            indicators = parse_indicators_csv(result.stdout)
        except ValueError as error:
            c.check(False, "--indicators=csv: %s\n%s" % (error, result.stdout[:500]))
            c.finish()
        values = indicator_values(c, indicators, "csv")

        # The seed's figures, exactly as printed.
        for key, want in SEED.items():
            got = indicators.get(key, {}).get("value")
            c.check(got == str(want), "csv: %s expected %s, got %r" % (key, want, got))
        c.close(values.get(SHARE_KEY), SHARE, "csv: " + SHARE_KEY)
        for key, unit in UNITS.items():
            c.equal(indicators.get(key, {}).get("unit"), unit, "csv: unit of " + key)
        for key, row in indicators.items():
            c.check(row["label"].strip() != "", "csv: %s has no label" % key)
        c.check("coops.total.prev" not in indicators or indicators["coops.total.prev"]["value"] == "",
                "csv: coops.total.prev has a value without a previous-year input")

        # Every other figure, as computed independently by examples/generate.py.
        check_against_expected(c, indicators, expected, "csv vs expected-h1.json")

        # The workbook.
        c.check(files_in(out) == ["report.xlsx"], "output folder holds %r, expected only "
                "report.xlsx (-o not honoured, or a temporary file left behind)" % files_in(out))
        if check_xlsx_file(c, xlsx, "workbook"):
            wb = load_workbook(xlsx)
            for sheet in SHEETS:
                c.check(sheet in wb.sheetnames, "workbook: no sheet %r in %r" % (sheet, wb.sheetnames))
            names = check_names_match_indicators(c, wb, indicators, "workbook")
            for key, want in SEED.items():
                check_name_value(c, names, key, want, "workbook", exact=True)
            check_name_value(c, names, SHARE_KEY, SHARE, "workbook")
            check_sector_totals(c, wb, values)

    # --indicators=json gives the same figures.
    with TempDir() as out:
        result, _ = report(H1_CONFIG, out, "--indicators=json")
        c.equal(result.returncode, EXIT_OK, "exit status with --indicators=json\n" + result.describe())
        data = parse_indicators_json(c, result.stdout, "json")
        c.equal(sorted(data), sorted(indicators), "json: the keys of --indicators=csv")
        for key, value in values.items():
            if key not in data:
                continue
            if value is None:
                c.check(data[key] is None, "json: %s should be null, got %r" % (key, data[key]))
            else:
                c.close(data[key], value, "json: " + key, rel=1e-14)
        for key in ("groups.revenue.avg", "groups.profit.avg"):
            c.check(data.get(key) == SEED[key], "json: %s = %r, expected exactly %r"
                    % (key, data.get(key), SEED[key]))
    c.finish()


if __name__ == "__main__":
    main()
