/* Unit tests of the indicators: small hand-computed tables and the edges of
 * the period (founded on 30/6, dissolved on 1/1), unions, empty optional
 * cells and zero denominators. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "coopreport/indicators.h"

static char code_agriculture[] = "nong_nghiep", label_agriculture[] = "Nông nghiệp";
static char code_trade[] = "thuong_mai", label_trade[] = "Thương mại";
static char plan_key[] = "coops.new";

static struct coop_sector test_sectors[2];
static struct coop_plan_entry test_plan[1];

static void make_config(struct coop_config *config, enum coop_period period)
{
    memset(config, 0, sizeof *config);
    test_sectors[0] = (struct coop_sector){.code = code_agriculture, .label = label_agriculture};
    test_sectors[1] = (struct coop_sector){.code = code_trade, .label = label_trade};
    test_plan[0] = (struct coop_plan_entry){.key = plan_key, .value = 30};
    config->year = 2024;
    config->period = period;
    config->sectors = test_sectors;
    config->sector_count = 2;
    config->plan = test_plan;
    config->plan_count = 1;
}

static struct coop_record unit(size_t sector, coop_date founded, coop_date dissolved)
{
    struct coop_record record = {0};
    record.id = "x";
    record.name = "x";
    record.district = "";
    record.sector = sector;
    record.founded = founded;
    record.dissolved = dissolved;
    record.present = (1u << FIELD_ID) | (1u << FIELD_NAME) | (1u << FIELD_SECTOR) |
                     (1u << FIELD_FOUNDED) | (dissolved ? 1u << FIELD_DISSOLVED : 0);
    return record;
}

static void with_money(struct coop_record *record, enum coop_field field, coop_money value)
{
    record->present |= 1u << field;
    if (field == FIELD_REVENUE)
        record->revenue = value;
    else if (field == FIELD_PROFIT)
        record->profit = value;
    else
        record->income = value;
}

static double value_of(const struct indicator_set *set, const char *key)
{
    const struct indicator *figure = indicators_find(set, key);
    assert_non_null(figure);
    assert_true(figure->has_value);
    return figure->value;
}

static void assert_blank(const struct indicator_set *set, const char *key)
{
    const struct indicator *figure = indicators_find(set, key);
    assert_non_null(figure);
    assert_false(figure->has_value);
}

static void test_period_edges(void **state)
{
    (void)state;
    struct coop_config config;
    make_config(&config, PERIOD_H1);
    struct coop_record records[] = {
        unit(0, date_make(2010, 5, 1), 0),                      /* operating */
        unit(0, date_make(2024, 6, 30), 0),                     /* founded on the last day: new */
        unit(1, date_make(2024, 1, 1), 0),                      /* founded on the first day: new */
        unit(1, date_make(2024, 7, 1), 0),                      /* after the period: not counted */
        unit(0, date_make(2015, 3, 3), date_make(2024, 1, 1)),  /* dissolved on 1/1: dissolved */
        unit(0, date_make(2015, 3, 3), date_make(2024, 6, 30)), /* dissolved on 30/6: not operating */
        unit(0, date_make(2015, 3, 3), date_make(2023, 12, 31)),/* dissolved last year */
        unit(1, date_make(2016, 1, 1), date_make(2024, 7, 1)),  /* dissolved after: operating */
    };
    struct coop_dataset coops = {.records = records, .count = sizeof records / sizeof *records};
    struct indicator_inputs inputs = {.config = &config, .coops = &coops};
    struct indicator_set set;
    assert_int_equal(indicators_compute(&inputs, &set), 0);
    assert_true(value_of(&set, "coops.total") == 4);
    assert_true(value_of(&set, "coops.sector.nong_nghiep") == 2);
    assert_true(value_of(&set, "coops.sector.thuong_mai") == 2);
    assert_true(value_of(&set, "coops.sector.nong_nghiep.share") == 50);
    assert_true(value_of(&set, "coops.new") == 2);
    assert_true(value_of(&set, "coops.new.sector.nong_nghiep") == 1);
    assert_true(value_of(&set, "coops.new.sector.thuong_mai") == 1);
    assert_true(value_of(&set, "coops.dissolved") == 2);
    assert_true(value_of(&set, "coops.new.plan") == 30);
    assert_true(value_of(&set, "coops.new.plan_pct") * 3 == 20);
    /* Nothing reported: sums and averages alike are blank, never 0. */
    assert_blank(&set, "coops.members");
    assert_blank(&set, "coops.workers");
    assert_blank(&set, "coops.revenue.avg");
    assert_blank(&set, "coops.income.avg");
    assert_blank(&set, "coops.income.growth_pct");
    assert_null(indicators_find(&set, "coops.total.prev"));
    /* No groups file: the group figures exist but are blank. */
    assert_blank(&set, "groups.total");
    indicators_release(&set);
}

static void test_unions_counted_apart(void **state)
{
    (void)state;
    struct coop_config config;
    make_config(&config, PERIOD_FY);
    struct coop_record records[] = {
        unit(0, date_make(2010, 1, 1), 0),
        unit(0, date_make(2024, 3, 1), 0),
        unit(0, date_make(2024, 9, 1), 0),
    };
    records[1].kind = KIND_LHHTX;
    /* Members: 7 in an HTX, 100 in the union (not an HTX), none reported by
     * the third; a reported 0 workers is a figure, not a blank. */
    records[0].members = 7;
    records[0].present |= 1u << FIELD_MEMBERS;
    records[1].members = 100;
    records[1].present |= 1u << FIELD_MEMBERS;
    records[2].workers = 0;
    records[2].present |= 1u << FIELD_WORKERS;
    struct coop_dataset coops = {.records = records, .count = 3};
    struct indicator_inputs inputs = {.config = &config, .coops = &coops};
    struct indicator_set set;
    assert_int_equal(indicators_compute(&inputs, &set), 0);
    assert_true(value_of(&set, "coops.total") == 2);
    assert_true(value_of(&set, "coops.new") == 1);
    assert_true(value_of(&set, "unions.total") == 1);
    assert_true(value_of(&set, "coops.members") == 7);
    assert_true(value_of(&set, "coops.workers") == 0);
    indicators_release(&set);
}

static void test_averages_do_not_drift(void **state)
{
    (void)state;
    struct coop_config config;
    make_config(&config, PERIOD_H1);
    enum { COUNT = 235 };
    static struct coop_record records[COUNT];
    /* 235 values averaging 170.0, none of them round: 169.9 and 170.1 alternate
     * around one 170.0. Added as doubles they would drift. */
    for (size_t i = 0; i < COUNT; i++) {
        records[i] = unit(0, date_make(2020, 1, 1), 0);
        coop_money revenue = i == COUNT - 1 ? 170000000 : (i % 2 ? 169900000 : 170100000);
        with_money(&records[i], FIELD_REVENUE, revenue);
        with_money(&records[i], FIELD_PROFIT, i % 2 ? 39700000 : 40300000);
    }
    with_money(&records[COUNT - 1], FIELD_PROFIT, 40000000);
    struct coop_dataset groups = {.records = records, .count = COUNT, .groups = true};
    struct coop_dataset coops = {0};
    struct indicator_inputs inputs = {.config = &config, .coops = &coops, .groups = &groups};
    struct indicator_set set;
    assert_int_equal(indicators_compute(&inputs, &set), 0);
    assert_true(value_of(&set, "groups.total") == 235);
    assert_true(value_of(&set, "groups.revenue.avg") == 170.0);
    assert_true(value_of(&set, "groups.profit.avg") == 40.0);
    /* No HTX at all: the share of a sector has no denominator. */
    assert_true(value_of(&set, "coops.total") == 0);
    assert_blank(&set, "coops.sector.nong_nghiep.share");
    assert_blank(&set, "coops.market_access.pct");
    indicators_release(&set);
}

static void test_income_weighted_and_previous_year(void **state)
{
    (void)state;
    struct coop_config config;
    make_config(&config, PERIOD_FY);
    struct coop_record now[] = {
        unit(0, date_make(2010, 1, 1), 0),
        unit(0, date_make(2010, 1, 1), 0),
        unit(1, date_make(2010, 1, 1), 0), /* income without workers: left out */
    };
    now[0].workers = 10;
    now[0].present |= 1u << FIELD_WORKERS;
    with_money(&now[0], FIELD_INCOME, 60000000);
    now[1].workers = 30;
    now[1].present |= 1u << FIELD_WORKERS;
    with_money(&now[1], FIELD_INCOME, 80000000);
    with_money(&now[2], FIELD_INCOME, 500000000);
    now[0].market_access = true;
    struct coop_record before[] = {unit(0, date_make(2010, 1, 1), 0), unit(0, date_make(2010, 1, 1), 0)};
    before[0].workers = 40;
    before[0].present |= 1u << FIELD_WORKERS;
    with_money(&before[0], FIELD_INCOME, 70000000);
    /* The file has a market_access column: blank cells are "no". */
    struct coop_dataset coops = {.records = now, .count = 3, .columns = 1u << FIELD_MARKET_ACCESS};
    struct coop_dataset previous = {.records = before, .count = 2};
    struct indicator_inputs inputs = {.config = &config, .coops = &coops, .previous_coops = &previous};
    struct indicator_set set;
    assert_int_equal(indicators_compute(&inputs, &set), 0);
    /* (60×10 + 80×30) / 40 = 75 */
    assert_true(value_of(&set, "coops.income.avg") == 75);
    assert_true(value_of(&set, "coops.income.avg.prev") == 70);
    assert_float_equal(value_of(&set, "coops.income.growth_pct"), 75.0 / 70.0 * 100 - 100, 1e-9);
    assert_true(value_of(&set, "coops.total.prev") == 2);
    assert_float_equal(value_of(&set, "coops.total.prev_pct"), 150, 1e-9);
    assert_float_equal(value_of(&set, "coops.market_access.pct"), 100.0 / 3, 1e-9);
    assert_true(value_of(&set, "coops.workers") == 40);
    /* No value_chain column: not reported, blank, not 0. */
    assert_blank(&set, "coops.value_chain");
    /* No previous groups file: no .prev for the groups. */
    assert_null(indicators_find(&set, "groups.total.prev"));
    indicators_release(&set);
}

static void test_targets_on_their_windows(void **state)
{
    (void)state;
    static char name[] = "new_h2", label[] = "HTX mới 6 tháng cuối năm", indicator[] = "coops.new";
    struct coop_target target = {.name = name, .label = label, .indicator = indicator,
                                 .window = WINDOW_H2, .has_min = true, .min = 2,
                                 .has_max = true, .max = 3};
    struct coop_config config;
    make_config(&config, PERIOD_H1);
    config.targets = &target;
    config.target_count = 1;
    struct coop_record records[] = {
        unit(0, date_make(2024, 2, 1), 0),
        unit(0, date_make(2024, 7, 1), 0),
        unit(0, date_make(2024, 12, 31), 0),
        unit(0, date_make(2024, 8, 1), 0),
        unit(0, date_make(2024, 9, 1), 0),
    };
    struct coop_dataset coops = {.records = records, .count = 5};
    struct indicator_inputs inputs = {.config = &config, .coops = &coops};
    struct target_result result;
    assert_int_equal(indicators_evaluate_targets(&inputs, &result), 0);
    assert_int_equal(result.status, TARGET_NOT_YET_DUE);
    assert_false(result.has_value);

    config.period = PERIOD_FY;
    assert_int_equal(indicators_evaluate_targets(&inputs, &result), 0);
    /* 4 against 2 to 3: met, above the range, and said so. */
    assert_int_equal(result.status, TARGET_EXCEEDED);
    assert_string_equal(indicators_status_label(result.status), "Vượt mục tiêu");
    assert_true(result.value == 4);
    assert_float_equal(result.percent, 200, 1e-9);

    target.max = 4;
    assert_int_equal(indicators_evaluate_targets(&inputs, &result), 0);
    assert_int_equal(result.status, TARGET_ACHIEVED);
    target.max = 3;

    target.min = 5;
    assert_int_equal(indicators_evaluate_targets(&inputs, &result), 0);
    assert_int_equal(result.status, TARGET_NOT_ACHIEVED);
    assert_string_equal(indicators_status_label(result.status), "Chưa đạt");
}

/* 29 of 100 HTX is 29 %, exactly the 29 a target asks for: achieved, not
 * 28.999… "not achieved" (a ratio divided before it is scaled). */
static void test_share_meets_its_target_exactly(void **state)
{
    (void)state;
    static char name[] = "share", label[] = "Tỷ trọng nông nghiệp",
                indicator[] = "coops.sector.nong_nghiep.share";
    struct coop_target target = {.name = name, .label = label, .indicator = indicator,
                                 .window = WINDOW_H1, .has_min = true, .min = 29};
    struct coop_config config;
    make_config(&config, PERIOD_H1);
    config.targets = &target;
    config.target_count = 1;
    struct coop_record records[100];
    for (size_t i = 0; i < 100; i++)
        records[i] = unit(i < 29 ? 0 : 1, date_make(2020, 1, 1), 0);
    struct coop_dataset coops = {.records = records, .count = 100};
    struct indicator_inputs inputs = {.config = &config, .coops = &coops};
    struct indicator_set set = {0};
    assert_int_equal(indicators_compute(&inputs, &set), 0);
    assert_true(value_of(&set, "coops.sector.nong_nghiep.share") == 29);
    indicators_release(&set);
    struct target_result result;
    assert_int_equal(indicators_evaluate_targets(&inputs, &result), 0);
    assert_true(result.value == 29);
    assert_int_equal(result.status, TARGET_ACHIEVED);
    assert_true(result.percent == 100);
}

static void test_decimals_keep_value_and_bound_apart(void **state)
{
    (void)state;
    assert_int_equal(indicators_format_decimals(FORMAT_COUNT), 0);
    assert_int_equal(indicators_format_decimals(FORMAT_AMOUNT), 1);
    assert_int_equal(indicators_format_decimals(FORMAT_PERCENT), 1);
    /* Equal, or already apart: the unit's own decimals. */
    assert_int_equal(indicators_decimals_apart(FORMAT_COUNT, 10, 10), 0);
    assert_int_equal(indicators_decimals_apart(FORMAT_AMOUNT, 41.4, 41.5), 1);
    assert_int_equal(indicators_decimals_apart(FORMAT_AMOUNT, 75.37, 75.5), 1);
    /* 41.46 and 41.5 both print 41.5. 1.005 and 1.01 both print 1.01 (Excel
     * rounds the decimal half away from zero, though 1.005 × 100 is
     * 100.4999… in doubles): three decimals. */
    assert_int_equal(indicators_decimals_apart(FORMAT_AMOUNT, 41.46, 41.5), 2);
    assert_int_equal(indicators_decimals_apart(FORMAT_AMOUNT, 1.005, 1.01), 3);
    assert_int_equal(indicators_decimals_apart(FORMAT_PERCENT, 99.9965, 100), 3);
    assert_int_equal(indicators_decimals_apart(FORMAT_COUNT, -0.4, 0), 1);
    /* Never more than the most. */
    assert_int_equal(indicators_decimals_apart(FORMAT_AMOUNT, 1 - 1e-9, 1),
                     INDICATOR_MAX_DECIMALS);

    static char name[] = "t", label[] = "t", indicator[] = "coops.total";
    struct coop_target target = {.name = name, .label = label, .indicator = indicator,
                                 .has_max = true, .max = 69.6};
    struct target_result result = {.target = &target, .has_value = true, .value = 70};
    /* A bound is shown as written: 69.6 with one decimal even for a count. */
    assert_int_equal(indicators_target_decimals(&result, FORMAT_COUNT), 1);
    target.max = 70;
    assert_int_equal(indicators_target_decimals(&result, FORMAT_COUNT), 0);
    target.has_min = true;
    target.min = 41.55;
    assert_int_equal(indicators_target_decimals(&result, FORMAT_AMOUNT), 2);
    result.has_percent = true;
    result.percent = 99.96;
    assert_int_equal(indicators_target_percent_decimals(&result), 2);
}

static void test_known_keys(void **state)
{
    (void)state;
    struct coop_config config;
    make_config(&config, PERIOD_H1);
    assert_true(indicators_key_is_known(&config, "coops.new"));
    assert_true(indicators_key_is_known(&config, "coops.sector.thuong_mai.share"));
    assert_true(indicators_key_is_known(&config, "groups.revenue.avg.prev_pct"));
    assert_false(indicators_key_is_known(&config, "coops.sector.lam_nghiep"));
    assert_false(indicators_key_is_known(&config, "coops.totl"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_period_edges),
        cmocka_unit_test(test_unions_counted_apart),
        cmocka_unit_test(test_averages_do_not_drift),
        cmocka_unit_test(test_income_weighted_and_previous_year),
        cmocka_unit_test(test_targets_on_their_windows),
        cmocka_unit_test(test_share_meets_its_target_exactly),
        cmocka_unit_test(test_decimals_keep_value_and_bound_apart),
        cmocka_unit_test(test_known_keys),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
