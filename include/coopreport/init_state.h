/*
 * init_state — what `coopreport init` learned from the user's files, shared
 * by init.c (reading and guessing) and init_write.c (writing the config).
 * Internal.
 */
#ifndef COOPREPORT_INIT_STATE_H
#define COOPREPORT_INIT_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "coopreport/config.h"
#include "coopreport/diag.h"
#include "coopreport/init_guess.h"
#include "coopreport/init_header.h"
#include "coopreport/provinces.h"
#include "coopreport/values.h"

/* --- what one file holds ------------------------------------------------------- */

struct init_column {
    char *header;            /* white space collapsed, as written in the config */
    char *slug;              /* NULL when the header is not UTF-8 */
    enum coop_field field;   /* FIELD_COUNT when not mapped */
    enum coop_field named;   /* what the header names (FIELD_COUNT: nothing, or a field the
                              * file does not hold); mapped or not: other columns may name
                              * it better */
    bool whole;              /* the header is a usual name of `named`, whole */
    struct init_header_fit fit;   /* how well it fits `named` */
    bool guessed;            /* by keyword rather than a known header name, or chosen
                              * among several columns naming the field */
    const char *because;     /* the keyword that decided, for the comment */
    size_t filled;           /* non-empty cells */
    size_t typed;            /* cells that read as the field's type */
    long same_as;            /* the first column with the same header (compared as the run
                              * compares them), or -1: the run could not tell them apart */
};

/* Distinct values of a column, compared after text_match_key. */
struct init_value {
    char *key;
    char *text;              /* the first spelling seen, trimmed */
    size_t count;
};

struct init_tally {
    struct init_value *items;
    size_t count;
    size_t capacity;
};

struct init_file {
    const char *path;        /* as given */
    bool groups;
    char delimiter;
    bool delimiter_forced;   /* auto detection split the header wrongly (a title line) */
    size_t header_index;     /* the row (csv_row index) of the header: title rows above */
    long header_line;        /* its physical line */
    struct init_column *columns;
    size_t column_count;
    long field_column[FIELD_COUNT];
    /* A field whose header is on two columns or more: the first of them, left
     * unmapped (the run refuses a header it finds twice); -1 */
    long duplicated_column[FIELD_COUNT];
    size_t rows;
    size_t bad_utf8_cells;
    long first_bad_line;
    size_t ragged_rows;      /* another number of fields than the header */
    struct init_decimal_evidence decimal;
    size_t dmy_dates, iso_dates, month_first_dates, serial_dates, other_dates;
    char dmy_example[32], iso_example[32], other_example[32];
    coop_date latest_founded;
    size_t empty_sectors;
    struct init_tally sectors;
    struct init_tally provinces;
    bool out_of_memory;
};

struct init_state {
    struct init_file files[2];
    size_t file_count;
    struct coop_diagnostics diagnostics;
    struct init_tally sector_values;          /* coops and groups together */
    struct init_sector_grouping sectors;      /* its spellings grouped into sectors */
    struct coop_province_list provinces_63, provinces_34;
    int year, period;
    char period_reason[400];
};

/* The kind of value a field holds, to judge a column's cells. */
bool init_field_is_number(enum coop_field field);
bool init_field_is_date(enum coop_field field);
bool init_field_is_flag(enum coop_field field);

/* Maps `field` to the column of `file` that fits it best in a report of
 * `year` and `period` (year 0: not known yet); see init_header.h. */
void init_choose_column(struct init_file *file, enum coop_field field, int year, int period);

/* Writes the commented config to out; warnings about guesses go to err. */
void init_write_config(struct init_state *state, FILE *out, FILE *err);

#endif
