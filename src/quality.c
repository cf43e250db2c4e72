/*
 * quality — the data-quality report of --check. See quality.h.
 *
 * Only validated rows are looked at: rejected rows already have their own
 * error lines. Everything is counted in one pass per dataset, except the
 * income median, which needs the values sorted.
 */
#include "coopreport/quality.h"

#include <stdlib.h>
#include <string.h>

#include "coopreport/config.h"
#include "coopreport/records.h"
#include "coopreport/report_run.h"

static const char *const quality_input_names[INPUT_COUNT] = {
    "cooperatives", "groups", "cooperatives, previous year", "groups, previous year"};

static void quality_print_date(FILE *out, coop_date date)
{
    fprintf(out, "%02d/%02d/%04d", date_day(date), date_month(date), date_year(date));
}

static double quality_percent(size_t part, size_t whole)
{
    return whole ? 100.0 * (double)part / (double)whole : 0.0;
}

static void quality_print_sectors(const struct coop_config *config,
                                  const struct coop_dataset *dataset, FILE *out)
{
    size_t *counts = calloc(config->sector_count + 1, sizeof *counts);
    if (!counts)
        return;
    for (size_t i = 0; i < dataset->count; i++) {
        size_t sector = dataset->records[i].sector;
        counts[sector < config->sector_count ? sector : config->sector_count]++;
    }
    fputs("  rows per sector:", out);
    for (size_t s = 0; s < config->sector_count; s++)
        fprintf(out, "%s %s %zu", s ? ";" : "", config->sectors[s].label, counts[s]);
    if (dataset->rejected_count)
        fprintf(out, "; rejected rows %zu", dataset->rejected_count);
    fputc('\n', out);
    free(counts);
}

static void quality_print_provinces(const struct report_run *run,
                                    const struct coop_dataset *dataset, FILE *out)
{
    size_t with_province = 0;
    for (size_t i = 0; i < dataset->count; i++)
        with_province += dataset->records[i].province_code != NULL;
    fputs("  rows per province:", out);
    if (!with_province)
        fprintf(out, " no province column: every row counts for %s %s",
                run->province ? run->province->code : "",
                run->province ? run->province->name : "the report's province");
    else
        fprintf(out, " %s %s %zu", run->province ? run->province->code : "",
                run->province ? run->province->name : "", with_province);
    if (dataset->rows_other_province)
        fprintf(out, "; other provinces (skipped) %zu", dataset->rows_other_province);
    if (dataset->rows_mapped)
        fprintf(out, "; coded with an old province %zu", dataset->rows_mapped);
    fputc('\n', out);
}

static void quality_print_dates(const struct coop_dataset *dataset, FILE *out)
{
    coop_date first = 0, last = 0, first_dissolved = 0, last_dissolved = 0;
    size_t dissolved = 0;
    for (size_t i = 0; i < dataset->count; i++) {
        const struct coop_record *record = &dataset->records[i];
        if (record->founded && (!first || record->founded < first))
            first = record->founded;
        if (record->founded > last)
            last = record->founded;
        if (record->dissolved) {
            dissolved++;
            if (!first_dissolved || record->dissolved < first_dissolved)
                first_dissolved = record->dissolved;
            if (record->dissolved > last_dissolved)
                last_dissolved = record->dissolved;
        }
    }
    if (!first)
        return;
    fputs("  founded: ", out);
    quality_print_date(out, first);
    fputs(" to ", out);
    quality_print_date(out, last);
    if (dissolved) {
        fprintf(out, "; dissolved (%zu): ", dissolved);
        quality_print_date(out, first_dissolved);
        fputs(" to ", out);
        quality_print_date(out, last_dissolved);
    }
    fputc('\n', out);
}

/* The share of rows with no value, per field the file has a column for;
 * fields without a column are named apart. The columns are those the header
 * was mapped with (last year's file may have its own headers). */
static void quality_print_missing(const struct coop_dataset *dataset, FILE *out)
{
    bool any_missing = false, any_absent = false;
    fputs("  missing values:", out);
    for (int f = 0; f < FIELD_COUNT; f++) {
        enum coop_field field = (enum coop_field)f;
        /* An empty dissolution date means "operating", an empty kind "HTX",
         * an empty yes/no cell "no" (x/blank): none is a gap. */
        if ((dataset->groups && !config_field_in_groups(field)) || field == FIELD_DISSOLVED ||
            field == FIELD_KIND || field == FIELD_MARKET_ACCESS || field == FIELD_VALUE_CHAIN ||
            field == FIELD_HIGH_TECH || field == FIELD_ALLIANCE_MEMBER ||
            !(dataset->columns & (1u << field)))
            continue;
        size_t empty = 0;
        for (size_t i = 0; i < dataset->count; i++)
            empty += !record_has(&dataset->records[i], field);
        if (!empty)
            continue;
        fprintf(out, "%s %s %.1f %%", any_missing ? ";" : "", config_field_name(field),
                quality_percent(empty, dataset->count));
        any_missing = true;
    }
    if (!any_missing)
        fputs(" none", out);
    fputc('\n', out);
    for (int f = 0; f < FIELD_COUNT; f++) {
        enum coop_field field = (enum coop_field)f;
        if ((dataset->groups && !config_field_in_groups(field)) ||
            (dataset->columns & (1u << field)))
            continue;
        fprintf(out, "%s %s", any_absent ? "," : "  no column for:", config_field_name(field));
        any_absent = true;
    }
    if (any_absent)
        fputs(" (not reported: blank in the report)\n", out);
}

static int quality_compare_money(const void *a, const void *b)
{
    coop_money x = *(const coop_money *)a, y = *(const coop_money *)b;
    return (x > y) - (x < y);
}

/* "FILE:LINE: note: …" for one suspicious row, up to the list limit. */
static void quality_print_suspect(FILE *out, const struct coop_dataset *dataset,
                                  const struct coop_record *record, size_t *listed,
                                  const char *what)
{
    if ((*listed)++ >= QUALITY_LIST_LIMIT)
        return;
    fprintf(out, "  %s:%ld: note: %s '%s': %s\n", dataset->file, record->line,
            record->id ? record->id : "", record->name ? record->name : "", what);
}

static void quality_print_income_outliers(const struct coop_dataset *dataset, FILE *out)
{
    size_t count = 0;
    coop_money *incomes = malloc((dataset->count + 1) * sizeof *incomes);
    if (!incomes)
        return;
    for (size_t i = 0; i < dataset->count; i++)
        if (record_has(&dataset->records[i], FIELD_INCOME))
            incomes[count++] = dataset->records[i].income;
    if (count < 3) {   /* a median of one or two values says nothing */
        free(incomes);
        return;
    }
    qsort(incomes, count, sizeof *incomes, quality_compare_money);
    coop_money median = count % 2 ? incomes[count / 2]
                                  : (incomes[count / 2 - 1] + incomes[count / 2]) / 2;
    free(incomes);
    size_t listed = 0;
    for (size_t i = 0; i < dataset->count; i++) {
        const struct coop_record *record = &dataset->records[i];
        if (!record_has(record, FIELD_INCOME))
            continue;
        coop_money income = record->income;
        bool high = income > median * QUALITY_OUTLIER_FACTOR;
        bool low = income * QUALITY_OUTLIER_FACTOR < median;
        if (!high && !low)
            continue;
        char what[240];
        if (high)
            snprintf(what, sizeof what, "income %.1f is over %d times the median %.1f (million "
                     "VND per person per year): thousands of VND, or a year's total, typed for "
                     "millions per person?", (double)income / COOP_MONEY_PER_MILLION,
                     QUALITY_OUTLIER_FACTOR, (double)median / COOP_MONEY_PER_MILLION);
        else
            snprintf(what, sizeof what, "income %.1f is under 1/%d of the median %.1f (million "
                     "VND per person per year): a monthly figure typed for a yearly one?",
                     (double)income / COOP_MONEY_PER_MILLION, QUALITY_OUTLIER_FACTOR,
                     (double)median / COOP_MONEY_PER_MILLION);
        quality_print_suspect(out, dataset, record, &listed, what);
    }
    if (listed > QUALITY_LIST_LIMIT)
        fprintf(out, "  … and %zu more income outliers\n", listed - QUALITY_LIST_LIMIT);
    fprintf(out, "  income outliers (over %d times or under 1/%d of the median): %zu\n",
            QUALITY_OUTLIER_FACTOR, QUALITY_OUTLIER_FACTOR, listed);
}

static void quality_print_future_dates(const struct coop_dataset *dataset, coop_date report_date,
                                       FILE *out)
{
    size_t listed = 0;
    for (size_t i = 0; i < dataset->count; i++) {
        const struct coop_record *record = &dataset->records[i];
        char what[160];
        if (record->founded > report_date) {
            snprintf(what, sizeof what, "founded on %02d/%02d/%04d, after the report date",
                     date_day(record->founded), date_month(record->founded),
                     date_year(record->founded));
            quality_print_suspect(out, dataset, record, &listed, what);
        } else if (record->dissolved > report_date) {
            snprintf(what, sizeof what, "dissolved on %02d/%02d/%04d, after the report date",
                     date_day(record->dissolved), date_month(record->dissolved),
                     date_year(record->dissolved));
            quality_print_suspect(out, dataset, record, &listed, what);
        }
    }
    if (listed > QUALITY_LIST_LIMIT)
        fprintf(out, "  … and %zu more dates after the report date\n",
                listed - QUALITY_LIST_LIMIT);
    fputs("  dates after the report date (", out);
    quality_print_date(out, report_date);
    fprintf(out, "): %zu\n", listed);
}

/* A money column most of whose amounts are written like "4.285" under
 * decimal = "." (or "4,285" under ","), with no other kind of decimal, is
 * likely whole amounts with the thousands grouped: every one would be read
 * 1000 times too small, and nothing else fails. */
static size_t quality_print_decimal_marks(const struct coop_config *config, int input,
                                          const struct coop_dataset *dataset,
                                          const char *indent, FILE *out)
{
    size_t warnings = 0;
    static const enum coop_field fields[3] = {FIELD_REVENUE, FIELD_PROFIT, FIELD_INCOME};
    /* Last year's file may be in a dialect of its own ([previous_csv]). */
    const struct csv_dialect *dialect = config_input_dialect(
        config, input == INPUT_PREVIOUS_COOPS || input == INPUT_PREVIOUS_GROUPS);
    char mark = dialect->decimal ? dialect->decimal : '.';
    char other = mark == '.' ? ',' : '.';
    for (int i = 0; i < 3; i++) {
        const struct coop_number_shape *shape = &dataset->money_shapes[i];
        if (shape->grouped_like < QUALITY_GROUPED_MIN || shape->other_decimals ||
            shape->grouped_like * 2 < shape->read)
            continue;
        char whole[sizeof shape->example];
        size_t length = 0;
        for (const char *p = shape->example; *p; p++)
            if (*p != mark)
                whole[length++] = *p;
        whole[length] = '\0';
        fprintf(out, "%s%s:%ld:%ld: warning: field '%s': %zu of %zu amounts are written like "
                     "'%s', a '%c' then exactly 3 digits, which [csv] decimal = \"%c\" reads as "
                     "decimals: if '%s' means %s (thousands grouped with '%c'), every amount is "
                     "read 1000 times too small: write decimal = \"%c\" in [csv]\n",
                indent, dataset->file, shape->example_line, shape->example_column,
                config_field_name(fields[i]), shape->grouped_like, shape->read, shape->example,
                mark, mark, shape->example, whole, mark, other);
        warnings++;
    }
    return warnings;
}

size_t quality_print_report(const struct report_run *run, FILE *out)
{
    size_t warnings = 0;
    for (int input = 0; input < INPUT_COUNT; input++) {
        const struct coop_dataset *dataset = &run->inputs[input];
        if (!run->input_paths[input] || !dataset->header)
            continue;
        fprintf(out, "data quality: %s (%s): %zu rows read, %zu valid, %zu rejected, %zu of "
                     "other provinces\n", dataset->file, quality_input_names[input],
                dataset->rows_read, dataset->count, dataset->rejected_count,
                dataset->rows_other_province);
        quality_print_sectors(&run->config, dataset, out);
        quality_print_provinces(run, dataset, out);
        quality_print_dates(dataset, out);
        quality_print_missing(dataset, out);
        warnings += quality_print_decimal_marks(&run->config, input, dataset, "  ", out);
        if (!dataset->groups)
            quality_print_income_outliers(dataset, out);
        quality_print_future_dates(dataset, run->report_date, out);
    }
    fflush(out);
    return warnings;
}

size_t quality_print_decimal_warnings(const struct report_run *run, FILE *out)
{
    size_t warnings = 0;
    for (int input = 0; input < INPUT_COUNT; input++)
        if (run->input_paths[input] && run->inputs[input].header)
            warnings += quality_print_decimal_marks(&run->config, input, &run->inputs[input], "",
                                                    out);
    fflush(out);
    return warnings;
}
