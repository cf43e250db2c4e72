/*
 * values — parsing one cell of text into a typed value, strictly.
 *
 * Each parser returns 0 on success and -1 on failure with *reason set to a
 * static, lower-case explanation suitable for "field 'X': <reason>".
 * Text is expected to be trimmed by the caller.
 */
#ifndef COOPREPORT_VALUES_H
#define COOPREPORT_VALUES_H

#include <stdbool.h>
#include <stdint.h>

/* A calendar date as year * 10000 + month * 100 + day, so that dates compare
 * with < and >; 0 means "no date". */
typedef int32_t coop_date;

/* Money in đồng (the data is in million VND with up to 6 decimals): integers, so
 * that sums never drift. */
typedef int64_t coop_money;
#define COOP_MONEY_PER_MILLION INT64_C(1000000)

enum date_style { DATE_STYLE_DMY, DATE_STYLE_ISO, DATE_STYLE_AUTO };

/* How numbers are written: decimal is '.' or ','. With ',', '.' groups
 * thousands (1.234,5); with '.', ',' groups thousands (1,234.5). Thousands
 * separators must sit between groups of exactly three digits. */
struct number_style {
    char decimal;
};

coop_date date_make(int year, int month, int day);
int date_year(coop_date date);
int date_month(coop_date date);
int date_day(coop_date date);
bool date_is_valid(int year, int month, int day);
/* Days since 1899-12-30, the Excel serial date (1900 date system). */
double date_excel_serial(coop_date date);

/* dd/mm/yyyy or d/m/yyyy (also with '-' or '.'), yyyy-mm-dd, or either (auto).
 * Years 1900..2100 only; 31/02/2024 is rejected. *reason names the expected form. */
int value_parse_date(const char *text, enum date_style style, coop_date *out,
                     const char **reason);

/* A whole number, optional leading '-', optional thousands separators. */
int value_parse_integer(const char *text, struct number_style style, int64_t *out,
                        const char **reason);

/* A decimal number of million VND, converted to đồng, rounded half away from
 * zero past the 6th decimal. Rejects exponents, NaN, Inf and overflow. */
int value_parse_money(const char *text, struct number_style style, coop_money *out,
                      const char **reason);

/* A plain decimal number (config values such as plan figures): '.' decimal
 * point, optional '-', no exponent. */
int value_parse_decimal(const char *text, double *out, const char **reason);

/* 1/0, x/blank, có/không, yes/no, true/false, y/n, c/k in any case.
 * The caller handles the empty cell (not reported). */
int value_parse_boolean(const char *text, bool *out, const char **reason);

#endif
