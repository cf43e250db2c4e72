/*
 * quality — the data-quality report of `--check`: what the validated rows
 * look like, so that a clerk sees gaps and odd figures before the report
 * goes out. It reads the run's datasets and prints; it changes nothing.
 */
#ifndef COOPREPORT_QUALITY_H
#define COOPREPORT_QUALITY_H

#include <stdio.h>

struct report_run;

/* Income outside [median ÷ QUALITY_OUTLIER_FACTOR, median × QUALITY_OUTLIER_FACTOR]
 * is listed as suspicious. */
#define QUALITY_OUTLIER_FACTOR 5
/* A money column with at least this many amounts written like "4.285" under
 * decimal = "." (and most of its amounts so) is flagged: thousands grouped
 * with the decimal mark? */
#define QUALITY_GROUPED_MIN 2
/* How many suspicious rows of one kind are listed before the rest are counted. */
#define QUALITY_LIST_LIMIT 10

/* Prints, for each input of the run that was read: rows per sector and per
 * province, the range of founding (and dissolution) dates, the share of
 * missing values per field, and suspicious values — money columns that look
 * like thousands grouped with the decimal mark, income outliers and dates
 * after the report date — each with FILE:LINE. Returns the number of
 * warnings printed (doubts that may mean wrong figures, beyond the notes). */
size_t quality_print_report(const struct report_run *run, FILE *out);

/* Only the money columns that look like thousands grouped with the decimal
 * mark, one warning line each: every run prints them (--quiet too), since
 * such figures would be 1000 times too small. Returns how many. */
size_t quality_print_decimal_warnings(const struct report_run *run, FILE *out);

#endif
