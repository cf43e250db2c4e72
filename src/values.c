/*
 * values — strict parsing of one cell. See include/coopreport/values.h.
 *
 * Numbers are read digit by digit into integers, never through strtod():
 * money must add up to the đồng, and strtod() would follow the C locale's
 * decimal point and accept exponents, "nan" and "inf".
 */
#include "coopreport/values.h"

#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#define DATE_YEAR_MIN 1900
#define DATE_YEAR_MAX 2100

static bool value_is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool date_is_leap(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int date_days_in_month(int year, int month)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2 && date_is_leap(year))
        return 29;
    return days[month - 1];
}

bool date_is_valid(int year, int month, int day)
{
    return year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 &&
           day <= date_days_in_month(year, month);
}

coop_date date_make(int year, int month, int day)
{
    if (!date_is_valid(year, month, day))
        return 0;
    return (coop_date)(year * 10000 + month * 100 + day);
}

int date_year(coop_date date)
{
    return (int)(date / 10000);
}

int date_month(coop_date date)
{
    return (int)(date / 100 % 100);
}

int date_day(coop_date date)
{
    return (int)(date % 100);
}

/* Days from 1970-01-01 in the proleptic Gregorian calendar (the well-known
 * era-based algorithm: 400-year eras of 146097 days, years starting in March
 * so that the leap day is last). */
static long date_days_from_civil(int year, int month, int day)
{
    long y = year - (month <= 2);
    long era = (y >= 0 ? y : y - 399) / 400;
    long year_of_era = y - era * 400;
    long day_of_year = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    long day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + day_of_era - 719468;
}

double date_excel_serial(coop_date date)
{
    long days;

    if (date == 0)
        return 0.0;
    days = date_days_from_civil(date_year(date), date_month(date), date_day(date)) -
           date_days_from_civil(1899, 12, 30);
    /* Excel counts a 29/02/1900 that never was: before 1 March 1900 its
     * serials are one less than the day count from 30/12/1899. */
    if (date < 19000301)
        days -= 1;
    return (double)days;
}

/* Reads between 1 and max_digits digits (at least min_digits) at *p. */
static bool date_read_number(const char **p, int min_digits, int max_digits, int *out)
{
    int value = 0, count = 0;

    while (count < max_digits && value_is_digit(**p)) {
        value = value * 10 + (**p - '0');
        (*p)++;
        count++;
    }
    *out = value;
    return count >= min_digits && !value_is_digit(**p);
}

/* d/m/yyyy, dd/mm/yyyy, also with '-' or '.' (the same one twice); *rest is
 * what follows the year. */
static bool date_scan_dmy(const char *text, int *year, int *month, int *day, const char **rest)
{
    const char *p = text;
    char separator;

    if (!date_read_number(&p, 1, 2, day))
        return false;
    separator = *p;
    if (separator != '/' && separator != '-' && separator != '.')
        return false;
    p++;
    if (!date_read_number(&p, 1, 2, month) || *p != separator)
        return false;
    p++;
    bool scanned = date_read_number(&p, 4, 4, year);
    *rest = p;
    return scanned;
}

/* yyyy-mm-dd (month and day may have one digit); *rest is what follows the day. */
static bool date_scan_iso(const char *text, int *year, int *month, int *day, const char **rest)
{
    const char *p = text;

    if (!date_read_number(&p, 4, 4, year) || *p != '-')
        return false;
    p++;
    if (!date_read_number(&p, 1, 2, month) || *p != '-')
        return false;
    p++;
    bool scanned = date_read_number(&p, 1, 2, day);
    *rest = p;
    return scanned;
}

/* The time Excel and registry software write after a date ("31/12/2024
 * 00:00:00", "2024-12-31T00:00"): after one space (or the 'T' of ISO 8601),
 * h:mm or hh:mm:ss on a 24-hour clock, seconds perhaps with decimals. The day
 * is what the report counts; the time is checked, then left out. Returns
 * 1 for nothing after the date, 0 for a valid time, -1 for anything else
 * (with *invalid_time telling whether it looked like a time at all). */
static int date_scan_time(const char *rest, bool iso, bool *invalid_time)
{
    const char *p = rest;
    int hours, minutes, seconds = 0;

    *invalid_time = false;
    if (*p == '\0')
        return 1;
    if (!(*p == ' ' || (iso && *p == 'T')) || !value_is_digit(p[1]))
        return -1;
    p++;
    *invalid_time = true;
    if (!date_read_number(&p, 1, 2, &hours) || *p++ != ':' ||
        !date_read_number(&p, 2, 2, &minutes))
        return -1;
    if (*p == ':') {
        p++;
        if (!date_read_number(&p, 2, 2, &seconds))
            return -1;
        if (*p == '.' && value_is_digit(p[1]))
            for (p++; value_is_digit(*p); p++)
                ;
    }
    return *p == '\0' && hours <= 23 && minutes <= 59 && seconds <= 59 ? 0 : -1;
}

static bool date_looks_iso(const char *text)
{
    for (int i = 0; i < 4; i++)
        if (!value_is_digit(text[i]))
            return false;
    return text[4] == '-';
}

int value_parse_date(const char *text, enum date_style style, coop_date *out,
                     const char **reason)
{
    int year = 0, month = 0, day = 0;
    bool iso, scanned, invalid_time = false;
    const char *rest = "";

    if (!text)
        text = "";
    iso = style == DATE_STYLE_ISO || (style == DATE_STYLE_AUTO && date_looks_iso(text));
    scanned = iso ? date_scan_iso(text, &year, &month, &day, &rest)
                  : date_scan_dmy(text, &year, &month, &day, &rest);
    scanned = scanned && date_scan_time(rest, iso, &invalid_time) >= 0;
    if (!scanned) {
        if (invalid_time)
            *reason = "invalid time after the date (expected hh:mm or hh:mm:ss, 00:00 to 23:59:59)";
        else
            *reason = style == DATE_STYLE_DMY   ? "expected dd/mm/yyyy"
                      : style == DATE_STYLE_ISO ? "expected yyyy-mm-dd"
                                                : "expected dd/mm/yyyy or yyyy-mm-dd";
        return -1;
    }
    if (month < 1 || month > 12) {
        *reason = "no such month";
        return -1;
    }
    if (year < DATE_YEAR_MIN || year > DATE_YEAR_MAX) {
        *reason = "year outside 1900-2100";
        return -1;
    }
    if (!date_is_valid(year, month, day)) {
        *reason = "no such day in that month";
        return -1;
    }
    *out = date_make(year, month, day);
    return 0;
}

/* The pieces of a number as written: sign, integer digits (thousands
 * separators still in place) and fraction digits. */
struct number_parts {
    bool negative;
    const char *integer;
    size_t integer_length;
    const char *fraction;
    size_t fraction_length;
    bool has_decimal;
};

/* Checks the syntax of a number: [-]digits with thousands separators between
 * groups of exactly three, then optionally the decimal separator and digits.
 * On failure *reason says why; a junk character gives not_a_number. */
static int number_scan(const char *text, struct number_style style, struct number_parts *parts,
                       const char *not_a_number, const char **reason)
{
    char decimal = style.decimal == ',' ? ',' : '.';
    char thousands = decimal == ',' ? '.' : ',';
    const char *p = text ? text : "";
    size_t group = 0;
    bool grouped = false;

    memset(parts, 0, sizeof *parts);
    if (*p == '-') {
        parts->negative = true;
        p++;
    }
    parts->integer = p;
    for (;; p++) {
        if (value_is_digit(*p)) {
            group++;
            if (grouped && group > 3)
                goto misplaced;
        } else if (*p == thousands) {
            /* "1.234" is fine, ".234", "1..234", "12345.678" and "1.23.456" are not */
            if (group == 0 || (grouped ? group != 3 : group > 3))
                goto misplaced;
            grouped = true;
            group = 0;
        } else {
            break;
        }
    }
    if (grouped && group != 3)
        goto misplaced;
    parts->integer_length = (size_t)(p - parts->integer);

    if (*p == decimal) {
        parts->has_decimal = true;
        parts->fraction = ++p;
        while (value_is_digit(*p))
            p++;
        parts->fraction_length = (size_t)(p - parts->fraction);
        if (*p == thousands)
            goto misplaced;
        if (*p == decimal) {
            *reason = "more than one decimal separator";
            return -1;
        }
        if (parts->fraction_length == 0) {
            *reason = not_a_number;   /* "5." */
            return -1;
        }
    }
    if (*p != '\0' || (parts->integer_length == 0 && parts->fraction_length == 0)) {
        *reason = not_a_number;   /* letters, exponents, "NaN", "inf", spaces, "" or "-" */
        return -1;
    }
    return 0;

misplaced:
    *reason = "thousands separator out of place";
    return -1;
}

/* Adds the integer digits of parts to *value (skipping separators), failing
 * on overflow past limit. */
static int number_accumulate(const struct number_parts *parts, int64_t limit, int64_t *value)
{
    for (size_t i = 0; i < parts->integer_length; i++) {
        char c = parts->integer[i];
        if (!value_is_digit(c))
            continue;
        if (*value > (limit - (c - '0')) / 10)
            return -1;
        *value = *value * 10 + (c - '0');
    }
    return 0;
}

int value_parse_integer(const char *text, struct number_style style, int64_t *out,
                        const char **reason)
{
    struct number_parts parts;
    int64_t value = 0;

    if (number_scan(text, style, &parts, "not a whole number", reason) != 0)
        return -1;
    if (parts.has_decimal) {
        /* "12.0" is refused too: with the other decimal setting the same
         * text would mean twelve thousand, so guessing is unsafe. */
        *reason = "not a whole number";
        return -1;
    }
    if (number_accumulate(&parts, INT64_MAX, &value) != 0) {
        *reason = "too many digits";
        return -1;
    }
    *out = parts.negative ? -value : value;   /* "-0" is 0 */
    return 0;
}

int value_parse_money(const char *text, struct number_style style, coop_money *out,
                      const char **reason)
{
    struct number_parts parts;
    int64_t value = 0, fraction = 0;

    if (number_scan(text, style, &parts, "not a number", reason) != 0)
        return -1;
    if (number_accumulate(&parts, INT64_MAX / COOP_MONEY_PER_MILLION, &value) != 0) {
        *reason = "too many digits";
        return -1;
    }
    value *= COOP_MONEY_PER_MILLION;
    /* The first six decimals are whole đồng; the seventh rounds half away
     * from zero (the magnitude is rounded, the sign applied afterwards). */
    for (size_t i = 0; i < 6; i++) {
        fraction *= 10;
        if (i < parts.fraction_length)
            fraction += parts.fraction[i] - '0';
    }
    if (parts.fraction_length > 6 && parts.fraction[6] >= '5')
        fraction += 1;
    if (value > INT64_MAX - fraction) {
        *reason = "too many digits";
        return -1;
    }
    value += fraction;
    *out = parts.negative ? -value : value;
    return 0;
}

int value_parse_decimal(const char *text, double *out, const char **reason)
{
    static const double powers_of_ten[] = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18};
    struct number_style plain = {'.'};
    struct number_parts parts;
    int64_t mantissa = 0;
    size_t digits = 0;

    if (number_scan(text, plain, &parts, "not a number", reason) != 0)
        return -1;
    for (size_t i = 0; i < parts.integer_length; i++) {
        if (parts.integer[i] == ',') {
            *reason = "not a number";   /* no thousands separators in config values */
            return -1;
        }
    }
    /* Mantissa and power of ten are both exact in a double up to 15 digits,
     * so the one division below rounds correctly. */
    if (parts.integer_length + parts.fraction_length > 15) {
        *reason = "too many digits";
        return -1;
    }
    for (size_t i = 0; i < parts.integer_length; i++)
        mantissa = mantissa * 10 + (parts.integer[i] - '0');
    for (size_t i = 0; i < parts.fraction_length; i++, digits++)
        mantissa = mantissa * 10 + (parts.fraction[i] - '0');
    *out = (double)mantissa / powers_of_ten[digits];
    if (parts.negative)
        *out = -*out;
    return 0;
}

int value_parse_boolean(const char *text, bool *out, const char **reason)
{
    /* Compared after NFC and case folding, so "CÓ", "Có" and a decomposed
     * "có" all match; the forms without diacritics are what people type on
     * keyboards without a Vietnamese input method. */
    static const char *const yes[] = {"1", "x", "có", "co", "c", "yes", "y", "true"};
    static const char *const no[] = {"0", "không", "khong", "k", "no", "n", "false"};
    utf8proc_uint8_t *folded = NULL;
    int result = -1;

    *reason = "expected yes or no (1/0, x, có/không, true/false)";
    if (!text || utf8proc_map((const utf8proc_uint8_t *)text, 0, &folded,
                              UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE |
                              UTF8PROC_CASEFOLD) < 0)
        return -1;
    for (size_t i = 0; i < sizeof yes / sizeof yes[0] && result != 0; i++)
        if (strcmp((const char *)folded, yes[i]) == 0) {
            *out = true;
            result = 0;
        }
    for (size_t i = 0; i < sizeof no / sizeof no[0] && result != 0; i++)
        if (strcmp((const char *)folded, no[i]) == 0) {
            *out = false;
            result = 0;
        }
    free(folded);
    return result;
}
