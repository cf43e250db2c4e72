"""The FY 2024 example compares with the previous year: .prev and .prev_pct figures exist and equal
the ones examples/generate.py computed from the 2023 files (tests/data/expected-fy.json)."""

from common import (Checker, EXIT_OK, FY_CONFIG, TempDir, check_against_expected, check_name_value,
                    check_names_match_indicators, check_summary, check_xlsx_file, indicator_values,
                    load_expected, load_workbook, parse_indicators_csv, report, require_binary)

# Figures that follow from how the registry was built (examples/generate.py build_coops):
# 723 at 30/6/2024 + 12 founded in H2 − 3 dissolved in H2 = 732; 712 operating at 31/12/2023.
BY_HAND = {
    "coops.total": 732, "coops.total.prev": 712,
    "coops.new": 27, "coops.new.prev": 26, "coops.new.plan": 30, "coops.new.plan_pct": 90,
    "coops.dissolved": 7, "coops.dissolved.prev": 9,
    "unions.total": 4, "unions.total.prev": 4, "unions.total.prev_pct": 100,
    "groups.total": 236, "groups.total.prev": 232,
    "groups.new": 11, "groups.new.prev": 8,
}
RATIOS = {
    "coops.total.prev_pct": 732 / 712 * 100,
    "coops.new.prev_pct": 27 / 26 * 100,
    "coops.dissolved.prev_pct": 7 / 9 * 100,
    "groups.total.prev_pct": 236 / 232 * 100,
}
NEED_PREV = ["coops.total", "coops.sector.nong_nghiep", "coops.new", "coops.dissolved",
             "coops.members", "coops.workers", "coops.revenue.avg", "coops.profit.avg",
             "coops.income.avg", "coops.market_access.pct", "coops.value_chain",
             "unions.total", "groups.total", "groups.new", "groups.members",
             "groups.revenue.avg", "groups.profit.avg"]


def main():
    require_binary()
    c = Checker("fy example")
    expected = load_expected("expected-fy.json")
    with TempDir() as out:
        result, xlsx = report(FY_CONFIG, out, "--indicators=csv")
        if not c.equal(result.returncode, EXIT_OK, "exit status\n" + result.describe()):
            c.finish()
        try:
            indicators = parse_indicators_csv(result.stdout)
        except ValueError as error:
            c.check(False, "--indicators=csv: %s\n%s" % (error, result.stdout[:500]))
            c.finish()
        values = indicator_values(c, indicators, "csv")

        for key in NEED_PREV:
            for suffix in (".prev", ".prev_pct"):
                c.check(values.get(key + suffix) is not None, "csv: %s%s missing or blank"
                        % (key, suffix))
        for key, want in BY_HAND.items():
            got = indicators.get(key, {}).get("value")
            c.check(got == str(want), "csv: %s expected %s, got %r" % (key, want, got))
        for key, want in RATIOS.items():
            c.close(values.get(key), want, "csv: " + key)
        # 0 new QTDND in 2024 and in 2023: the ratio has no denominator, so it is blank.
        c.equal(indicators.get("coops.new.sector.quy_tin_dung.prev_pct", {}).get("value"), "",
                "csv: coops.new.sector.quy_tin_dung.prev_pct (0 ÷ 0)")
        growth = expected["required"]["coops.income.growth_pct"]
        c.close(values.get("coops.income.growth_pct"), growth, "csv: coops.income.growth_pct")
        c.close(values.get("coops.income.growth_pct"),
                values.get("coops.income.avg.prev_pct", 0) - 100,
                "csv: coops.income.growth_pct = coops.income.avg.prev_pct − 100")

        check_against_expected(c, indicators, expected, "csv vs expected-fy.json")
        check_summary(c, result.stderr, expected["summary"], "run summary")

        if check_xlsx_file(c, xlsx, "workbook"):
            wb = load_workbook(xlsx)
            names = check_names_match_indicators(c, wb, indicators, "workbook")
            for key, want in BY_HAND.items():
                check_name_value(c, names, key, want, "workbook", exact=True)
            for key, want in RATIOS.items():
                check_name_value(c, names, key, want, "workbook")
    c.finish()


if __name__ == "__main__":
    main()
