/*
 * workbook — writes the report workbook with libxlsxwriter.
 *
 * The workbook is written to a temporary file in the output folder and renamed
 * into place only when complete, so a failed or interrupted run never leaves a
 * truncated file or replaces a good one.
 */
#ifndef COOPREPORT_WORKBOOK_H
#define COOPREPORT_WORKBOOK_H

#include <stdbool.h>

#include "coopreport/config.h"
#include "coopreport/diag.h"
#include "coopreport/indicators.h"
#include "coopreport/provinces.h"
#include "coopreport/records.h"
#include "coopreport/template.h"
#include "coopreport/text.h"

struct workbook_content {
    const struct coop_config *config;
    const struct coop_template *layout;  /* the summary form and list columns */
    const struct coop_province *province;
    const char *organization;            /* placeholders expanded */
    coop_date report_date;
    const struct indicator_set *indicators;
    const struct target_result *targets; /* config->target_count entries */
    const struct coop_dataset *coops;
    const struct coop_dataset *groups;   /* may be NULL */
    /* The previous year's inputs (may be NULL): only their rejected rows are
     * listed, in the rejected-rows sheet. */
    const struct coop_dataset *previous_coops, *previous_groups;
    const char *tool_version;
    bool keep_empty_sectors;             /* a sheet even for sectors with no HTX */
    /* The run's placeholders ({province}, {year}, {date_line}…) for template text. */
    text_lookup_function lookup;
    void *lookup_context;
};

/* Writes `path`. Returns 0, or COOP_EXIT_IO with a diagnostic naming what was
 * being written; the file at `path` is then untouched. */
int workbook_write(const char *path, const struct workbook_content *content,
                   struct coop_diagnostics *diagnostics);

/* One province of a batch run, for the national summary. */
struct national_row {
    const struct coop_province *province;
    bool ok;                       /* its workbook was written */
    size_t rejected;               /* rows a --keep-going workbook leaves out */
    struct coop_totals totals;
};

/* The national figures of the rows that are ok, under the names the national
 * summary defines (national.coops.total…), with the labels and units of the
 * province keys, for --indicators. Returns 0 or -1 when out of memory. */
int national_indicators(const struct national_row *rows, size_t count, struct indicator_set *set);

/* Whether the national summary defines `name` (national.coops.total…). */
bool national_workbook_defines(const char *name);

/* Writes the national summary workbook of a batch: one row per province,
 * national totals from their exact sums, defined names national.coops.total
 * and the like. Returns 0 or COOP_EXIT_IO. */
int national_workbook_write(const char *path, const struct workbook_content *content,
                            const struct national_row *rows, size_t count,
                            struct coop_diagnostics *diagnostics);

/* Removes the temporary file of the workbook being written, if any. Safe in a
 * signal handler (an interrupted run leaves no partial file). */
void workbook_abandon_temporary(void);

/* Checks that every indicator the template's rows name is one this config
 * computes. Returns 0 or COOP_EXIT_USAGE with each problem at its line. */
int workbook_check_template(const struct coop_template *layout, const struct coop_config *config,
                            struct coop_diagnostics *diagnostics);

#endif
