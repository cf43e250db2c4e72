/*
 * Unit tests for values: dates, integers, money, decimals, booleans.
 * Tables of (text, expected) so that a new case is one line.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "coopreport/values.h"

static const struct number_style DOT = {'.'};     /* 1,234.5 */
static const struct number_style COMMA = {','};   /* 1.234,5 */

struct date_case {
    const char *text;
    enum date_style style;
    coop_date expected;          /* 0: must be rejected */
    const char *reason;          /* when rejected */
};

static void test_dates(void **state)
{
    static const struct date_case cases[] = {
        {"08/07/2024", DATE_STYLE_DMY, 20240708, NULL},
        {"8/7/2024", DATE_STYLE_DMY, 20240708, NULL},
        {"08-07-2024", DATE_STYLE_DMY, 20240708, NULL},
        {"08.07.2024", DATE_STYLE_DMY, 20240708, NULL},
        {"29/02/2024", DATE_STYLE_DMY, 20240229, NULL},
        {"29/02/2000", DATE_STYLE_DMY, 20000229, NULL},
        {"31/12/2100", DATE_STYLE_DMY, 21001231, NULL},
        {"01/01/1900", DATE_STYLE_DMY, 19000101, NULL},
        {"29/02/2023", DATE_STYLE_DMY, 0, "no such day in that month"},
        {"29/02/1900", DATE_STYLE_DMY, 0, "no such day in that month"},
        {"31/02/2024", DATE_STYLE_DMY, 0, "no such day in that month"},
        {"31/04/2024", DATE_STYLE_DMY, 0, "no such day in that month"},
        {"00/01/2024", DATE_STYLE_DMY, 0, "no such day in that month"},
        {"01/13/2024", DATE_STYLE_DMY, 0, "no such month"},
        {"00/00/0000", DATE_STYLE_DMY, 0, "no such month"},
        {"01/01/1800", DATE_STYLE_DMY, 0, "year outside 1900-2100"},
        {"01/01/2200", DATE_STYLE_DMY, 0, "year outside 1900-2100"},
        {"08/07/24", DATE_STYLE_DMY, 0, "expected dd/mm/yyyy"},
        {"08/07-2024", DATE_STYLE_DMY, 0, "expected dd/mm/yyyy"},
        {"008/07/2024", DATE_STYLE_DMY, 0, "expected dd/mm/yyyy"},
        {"08/07/2024 ", DATE_STYLE_DMY, 0, "expected dd/mm/yyyy"},
        {"2024-07-08", DATE_STYLE_DMY, 0, "expected dd/mm/yyyy"},
        {"", DATE_STYLE_DMY, 0, "expected dd/mm/yyyy"},
        {"2024-07-08", DATE_STYLE_ISO, 20240708, NULL},
        {"2024-7-8", DATE_STYLE_ISO, 20240708, NULL},
        {"2024-02-30", DATE_STYLE_ISO, 0, "no such day in that month"},
        {"08/07/2024", DATE_STYLE_ISO, 0, "expected yyyy-mm-dd"},
        {"2024/07/08", DATE_STYLE_ISO, 0, "expected yyyy-mm-dd"},
        /* The time Excel and registry exports write after the date is left out. */
        {"2024-07-08T00:00", DATE_STYLE_ISO, 20240708, NULL},
        {"2024-12-31 00:00:00", DATE_STYLE_ISO, 20241231, NULL},
        {"2024-12-31T23:59:59.997", DATE_STYLE_ISO, 20241231, NULL},
        {"2024-12-31T00:00:00", DATE_STYLE_AUTO, 20241231, NULL},
        {"31/12/2024 00:00:00", DATE_STYLE_DMY, 20241231, NULL},
        {"31/12/2024 0:00", DATE_STYLE_DMY, 20241231, NULL},
        {"31/12/2024 13:45", DATE_STYLE_AUTO, 20241231, NULL},
        {"2024-12-31 24:00", DATE_STYLE_ISO, 0, "invalid time after the date (expected hh:mm or "
                                                "hh:mm:ss, 00:00 to 23:59:59)"},
        {"31/12/2024 12:60", DATE_STYLE_DMY, 0, "invalid time after the date (expected hh:mm or "
                                                "hh:mm:ss, 00:00 to 23:59:59)"},
        {"31/12/2024 0:0", DATE_STYLE_DMY, 0, "invalid time after the date (expected hh:mm or "
                                              "hh:mm:ss, 00:00 to 23:59:59)"},
        {"31/12/2024 00:00:00 SA", DATE_STYLE_DMY, 0, "invalid time after the date (expected "
                                                      "hh:mm or hh:mm:ss, 00:00 to 23:59:59)"},
        {"31/12/2024T00:00", DATE_STYLE_DMY, 0, "expected dd/mm/yyyy"},
        {"31/12/2024  00:00", DATE_STYLE_DMY, 0, "expected dd/mm/yyyy"},
        {"31/12/2024 noon", DATE_STYLE_DMY, 0, "expected dd/mm/yyyy"},
        {"31/02/2024 00:00", DATE_STYLE_DMY, 0, "no such day in that month"},
        {"2024-07-08", DATE_STYLE_AUTO, 20240708, NULL},
        {"08/07/2024", DATE_STYLE_AUTO, 20240708, NULL},
        {"8-7-2024", DATE_STYLE_AUTO, 20240708, NULL},
        {"31/02/2024", DATE_STYLE_AUTO, 0, "no such day in that month"},
        {"July 8", DATE_STYLE_AUTO, 0, "expected dd/mm/yyyy or yyyy-mm-dd"},
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        coop_date date = -1;
        const char *reason = NULL;
        int result = value_parse_date(cases[i].text, cases[i].style, &date, &reason);
        if (cases[i].expected) {
            if (result != 0)
                fail_msg("'%s' rejected: %s", cases[i].text, reason);
            assert_int_equal(date, cases[i].expected);
        } else {
            if (result != -1)
                fail_msg("'%s' accepted as %d", cases[i].text, (int)date);
            assert_int_equal(date, -1);   /* untouched on failure */
            assert_non_null(reason);
            if (strcmp(reason, cases[i].reason) != 0)
                fail_msg("'%s': reason '%s', expected '%s'", cases[i].text, reason,
                         cases[i].reason);
        }
    }
}

static void test_date_helpers(void **state)
{
    (void)state;
    assert_int_equal(date_make(2024, 7, 8), 20240708);
    assert_int_equal(date_make(2023, 2, 29), 0);
    assert_true(date_make(2024, 6, 30) < date_make(2024, 7, 1));
    assert_int_equal(date_year(20240708), 2024);
    assert_int_equal(date_month(20240708), 7);
    assert_int_equal(date_day(20240708), 8);
    assert_true(date_is_valid(2024, 2, 29));
    assert_false(date_is_valid(2100, 2, 29));
    assert_false(date_is_valid(2024, 0, 1));
    /* Serial numbers as Excel shows them (1900 date system). */
    assert_true(date_excel_serial(20240708) == 45481.0);
    assert_true(date_excel_serial(19000301) == 61.0);
    assert_true(date_excel_serial(19000228) == 59.0);
    assert_true(date_excel_serial(19000101) == 1.0);
    assert_true(date_excel_serial(19700101) == 25569.0);
    assert_true(date_excel_serial(0) == 0.0);
}

struct integer_case {
    const char *text;
    struct number_style style;
    int ok;
    int64_t expected;
    const char *reason;
};

static void test_integers(void **state)
{
    static const struct integer_case cases[] = {
        {"0", {'.'}, 1, 0, NULL},
        {"-0", {'.'}, 1, 0, NULL},
        {"42", {'.'}, 1, 42, NULL},
        {"-17", {'.'}, 1, -17, NULL},
        {"1,234", {'.'}, 1, 1234, NULL},
        {"1,234,567", {'.'}, 1, 1234567, NULL},
        {"1.234.567", {','}, 1, 1234567, NULL},
        {"9223372036854775807", {'.'}, 1, INT64_MAX, NULL},
        {"9223372036854775808", {'.'}, 0, 0, "too many digits"},
        {"99999999999999999999999", {'.'}, 0, 0, "too many digits"},
        {"1.234", {'.'}, 0, 0, "not a whole number"},
        {"12,0", {','}, 0, 0, "not a whole number"},
        {"1,23", {'.'}, 0, 0, "thousands separator out of place"},
        {"1234,567", {'.'}, 0, 0, "thousands separator out of place"},
        {",123", {'.'}, 0, 0, "thousands separator out of place"},
        {"1,,234", {'.'}, 0, 0, "thousands separator out of place"},
        {"1.2.3", {','}, 0, 0, "thousands separator out of place"},
        {"1e5", {'.'}, 0, 0, "not a whole number"},
        {"abc", {'.'}, 0, 0, "not a whole number"},
        {"", {'.'}, 0, 0, "not a whole number"},
        {"-", {'.'}, 0, 0, "not a whole number"},
        {"+5", {'.'}, 0, 0, "not a whole number"},
        {" 5", {'.'}, 0, 0, "not a whole number"},
        {"NaN", {'.'}, 0, 0, "not a whole number"},
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int64_t value = -99;
        const char *reason = NULL;
        int result = value_parse_integer(cases[i].text, cases[i].style, &value, &reason);
        if (cases[i].ok) {
            if (result != 0)
                fail_msg("'%s' rejected: %s", cases[i].text, reason);
            assert_int_equal(value, cases[i].expected);
        } else {
            if (result != -1)
                fail_msg("'%s' accepted as %lld", cases[i].text, (long long)value);
            assert_non_null(reason);
            if (strcmp(reason, cases[i].reason) != 0)
                fail_msg("'%s': reason '%s', expected '%s'", cases[i].text, reason,
                         cases[i].reason);
        }
    }
}

static void test_money(void **state)
{
    static const struct integer_case cases[] = {
        {"170", {'.'}, 1, INT64_C(170000000), NULL},
        {"170.1", {'.'}, 1, INT64_C(170100000), NULL},      /* exact: no 170.09999… */
        {"170,1", {','}, 1, INT64_C(170100000), NULL},
        {"0.1", {'.'}, 1, INT64_C(100000), NULL},
        {"1,234.5", {'.'}, 1, INT64_C(1234500000), NULL},
        {"1.234,5", {','}, 1, INT64_C(1234500000), NULL},
        {"1.234.567,5", {','}, 1, INT64_C(1234567500000), NULL},
        {"-40.25", {'.'}, 1, INT64_C(-40250000), NULL},
        {"-0", {'.'}, 1, 0, NULL},
        {"-0.0000004", {'.'}, 1, 0, NULL},
        {".5", {'.'}, 1, INT64_C(500000), NULL},
        {"0.000001", {'.'}, 1, 1, NULL},
        {"0.0000005", {'.'}, 1, 1, NULL},                /* half rounds away from zero */
        {"0.0000004999", {'.'}, 1, 0, NULL},
        {"-0.0000005", {'.'}, 1, -1, NULL},
        {"1.2345675", {'.'}, 1, INT64_C(1234568), NULL},
        {"1.2345674", {'.'}, 1, INT64_C(1234567), NULL},
        {"0.9999995", {'.'}, 1, INT64_C(1000000), NULL},  /* the carry reaches the units */
        {"9223372036854", {'.'}, 1, INT64_C(9223372036854000000), NULL},
        {"9223372036855", {'.'}, 0, 0, "too many digits"},
        {"9223372036854.9", {'.'}, 0, 0, "too many digits"},
        {"1.2.3", {'.'}, 0, 0, "more than one decimal separator"},
        {"1.2.3", {','}, 0, 0, "thousands separator out of place"},
        {"1,5", {'.'}, 0, 0, "thousands separator out of place"},   /* decimal set wrong */
        {"1.5", {','}, 0, 0, "thousands separator out of place"},
        {"1,234.5,6", {'.'}, 0, 0, "thousands separator out of place"},
        {"1e999", {'.'}, 0, 0, "not a number"},
        {"1E3", {'.'}, 0, 0, "not a number"},
        {"NaN", {'.'}, 0, 0, "not a number"},
        {"nan", {'.'}, 0, 0, "not a number"},
        {"inf", {'.'}, 0, 0, "not a number"},
        {"-Infinity", {'.'}, 0, 0, "not a number"},
        {"0x10", {'.'}, 0, 0, "not a number"},
        {"5.", {'.'}, 0, 0, "not a number"},
        {".", {'.'}, 0, 0, "not a number"},
        {"12 triệu", {'.'}, 0, 0, "not a number"},
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        coop_money value = -99;
        const char *reason = NULL;
        int result = value_parse_money(cases[i].text, cases[i].style, &value, &reason);
        if (cases[i].ok) {
            if (result != 0)
                fail_msg("'%s' rejected: %s", cases[i].text, reason);
            if (value != cases[i].expected)
                fail_msg("'%s' gave %lld, expected %lld", cases[i].text, (long long)value,
                         (long long)cases[i].expected);
        } else {
            if (result != -1)
                fail_msg("'%s' accepted as %lld", cases[i].text, (long long)value);
            assert_non_null(reason);
            if (strcmp(reason, cases[i].reason) != 0)
                fail_msg("'%s': reason '%s', expected '%s'", cases[i].text, reason,
                         cases[i].reason);
        }
    }
}

static void test_money_sums_exactly(void **state)
{
    /* 235 groups at 170.1 each: double arithmetic would drift; đồng do not. */
    coop_money total = 0, one = 0;
    const char *reason = NULL;
    (void)state;
    assert_int_equal(value_parse_money("170.1", DOT, &one, &reason), 0);
    for (int i = 0; i < 235; i++)
        total += one;
    assert_true(total == INT64_C(39973500000));
    assert_int_equal(value_parse_money("39.973,5", COMMA, &one, &reason), 0);
    assert_true(one == total);   /* 39 973,5 million VND */
}

static void test_decimals(void **state)
{
    double value = 0;
    const char *reason = NULL;
    (void)state;
    assert_int_equal(value_parse_decimal("30", &value, &reason), 0);
    assert_true(value == 30.0);
    assert_int_equal(value_parse_decimal("-2.5", &value, &reason), 0);
    assert_true(value == -2.5);
    assert_int_equal(value_parse_decimal("0.1", &value, &reason), 0);
    assert_true(value == 0.1);
    assert_int_equal(value_parse_decimal("78.3", &value, &reason), 0);
    assert_true(value == 78.3);
    assert_int_equal(value_parse_decimal("1,000", &value, &reason), -1);
    assert_string_equal(reason, "not a number");
    assert_int_equal(value_parse_decimal("1e3", &value, &reason), -1);
    assert_int_equal(value_parse_decimal("inf", &value, &reason), -1);
    assert_int_equal(value_parse_decimal("NaN", &value, &reason), -1);
    assert_int_equal(value_parse_decimal("", &value, &reason), -1);
    assert_int_equal(value_parse_decimal("1234567890123456", &value, &reason), -1);
    assert_string_equal(reason, "too many digits");
}

static void test_booleans(void **state)
{
    static const char *const yes[] = {"1", "x", "X", "có", "Có", "CÓ", "co\xCC\x81", "co",
                                      "c", "C", "yes", "YES", "y", "true", "True"};
    static const char *const no[] = {"0", "không", "Không", "KHÔNG", "khong", "k", "K",
                                     "no", "No", "n", "false", "FALSE"};
    static const char *const bad[] = {"2", "maybe", "có thể", "xx", "-", "o", "\xC3"};
    (void)state;
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
        bool value = false;
        const char *reason = NULL;
        if (value_parse_boolean(yes[i], &value, &reason) != 0)
            fail_msg("'%s' rejected", yes[i]);
        assert_true(value);
    }
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++) {
        bool value = true;
        const char *reason = NULL;
        if (value_parse_boolean(no[i], &value, &reason) != 0)
            fail_msg("'%s' rejected", no[i]);
        assert_false(value);
    }
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        bool value = true;
        const char *reason = NULL;
        if (value_parse_boolean(bad[i], &value, &reason) != -1)
            fail_msg("'%s' accepted", bad[i]);
        assert_non_null(reason);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_date_helpers),
        cmocka_unit_test(test_integers),
        cmocka_unit_test(test_money),
        cmocka_unit_test(test_money_sums_exactly),
        cmocka_unit_test(test_decimals),
        cmocka_unit_test(test_booleans),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
