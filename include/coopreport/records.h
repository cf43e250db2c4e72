/*
 * records — rows of the input turned into validated cooperative records.
 *
 * Maps the header to canonical fields, validates every cell (SPEC §4), keeps
 * the rows of the selected province, and remembers each rejected row with its
 * position, reason and raw fields so that it can be listed in the workbook.
 */
#ifndef COOPREPORT_RECORDS_H
#define COOPREPORT_RECORDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "coopreport/config.h"
#include "coopreport/csv_reader.h"
#include "coopreport/diag.h"
#include "coopreport/provinces.h"
#include "coopreport/values.h"

enum coop_kind { KIND_HTX, KIND_LHHTX };

/* One cooperative (or group). Strings live in the dataset's storage. A field
 * that was empty in the file is "not reported": its bit in `present` is 0. */
struct coop_record {
    const char *id;
    const char *name;
    const char *province_code;     /* NULL when the file has no province column */
    const char *district;          /* "" when not reported */
    enum coop_kind kind;
    size_t sector;                 /* index into config->sectors */
    coop_date founded;
    coop_date dissolved;           /* 0 = not dissolved */
    int64_t members;
    int64_t workers;
    coop_money revenue;
    coop_money profit;
    coop_money income;             /* đồng per person per year */
    bool market_access, value_chain, high_tech, alliance_member;
    uint32_t present;              /* bit (1u << FIELD_x) set when reported */
    long line;                     /* physical line in the file */
};

static inline bool record_has(const struct coop_record *record, enum coop_field field)
{
    return (record->present >> field) & 1u;
}

/* A row that broke a rule: the first problem found, and the raw cells. */
struct coop_rejected_row {
    const char *file;
    long line;
    long column;
    const char *field;
    const char *reason;
    const char **cells;
    size_t cell_count;
};

struct record_storage;   /* string arena owned by the dataset */

/* How the cells of a money column are written, for the data-quality report:
 * amounts such as "4.285" under decimal = "." may be thousands written with
 * dots (4 285 million VND read as 4.285), and nothing else would tell. */
struct coop_number_shape {
    size_t read;                   /* cells that read as a number */
    size_t grouped_like;           /* 1–3 digits, the decimal mark, exactly 3 digits */
    size_t other_decimals;         /* the decimal mark with another count of digits after it */
    long example_line;             /* the first grouped-like cell */
    long example_column;
    char example[16];
};

/* revenue, profit, income: the index of money_shapes, -1 for another field. */
int records_money_index(enum coop_field field);

struct coop_dataset {
    char *file;                    /* the path read */
    bool groups;                   /* a groups file (THT) rather than coops */
    const char **header;           /* the file's header cells */
    size_t header_count;
    uint32_t columns;              /* bit (1u << FIELD_x) for each field the header holds */
    struct coop_record *records;
    size_t count;
    size_t capacity;
    struct coop_rejected_row *rejected;
    size_t rejected_count;
    size_t rejected_capacity;
    size_t rows_read;              /* data rows, header excluded */
    size_t rows_other_province;    /* skipped: another province */
    size_t rows_mapped;            /* coded with an old province, reported under its successor */
    bool read_stopped;             /* an error ended the reading before the end of the file */
    struct coop_number_shape money_shapes[3];   /* revenue, profit, income */
    struct record_storage *storage;
};

struct records_options {
    const struct coop_config *config;
    bool groups;                           /* read with group_columns and group rules */
    /* Last year's export, which may lack optional columns named in the
     * config: only a warning then (the .prev figures are blank). */
    bool previous_year;
    const struct coop_province_list *provinces;  /* to resolve the province column */
    const struct coop_province_list *former_provinces; /* old codes mapped through merged_from */
    const char *province_code;             /* keep only this province; NULL = keep all */
};

/* Reads and validates `path`. Every rejected row is both stored in the dataset
 * and reported into diagnostics ("FILE:LINE:COL: error: field 'X': reason").
 * Returns 0 when the file was read (even with rejected rows: see
 * rejected_count), COOP_EXIT_USAGE when the header lacks a required column or
 * maps one twice, COOP_EXIT_DATA on a structural CSV error, COOP_EXIT_IO when
 * it cannot be read. The dataset must be released in every case. */
int records_load(const char *path, const struct records_options *options,
                 struct coop_dataset *dataset, struct coop_diagnostics *diagnostics);
void records_release(struct coop_dataset *dataset);

/* The same, fed row by row (for rows that do not come from a CSV file, such
 * as a batch run's per-province parts): begin, feed the header (index 0) and
 * each row, finish. The reader is freed by records_finish, which returns what
 * records_load would. records_begin returns NULL when out of memory. */
struct records_reader;
struct records_reader *records_begin(const char *path, const struct records_options *options,
                                     struct coop_dataset *dataset,
                                     struct coop_diagnostics *diagnostics);
int records_feed(struct records_reader *reader, const struct csv_row *row);
int records_finish(struct records_reader *reader, int status);

/* A row of empty or white-space cells (",,," lines of spreadsheet exports):
 * not a row of data, neither counted nor rejected. */
bool records_row_is_blank(const struct csv_row *row);

/* The index of `field`'s column in a header row, -1 when absent (header text
 * compared as records_load does, after text_match_key). */
long records_find_column(const struct records_options *options, const struct csv_row *header,
                         enum coop_field field);

/* Finds the sector of a cell by code, label or alias after text_match_key.
 * Returns config->sector_count when none matches. */
size_t records_match_sector(const struct coop_config *config, const char *text);

/* Operating at `date`: founded on or before it and not dissolved on or before it. */
bool record_is_operating(const struct coop_record *record, coop_date date);

#endif
