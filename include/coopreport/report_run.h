/*
 * report_run — the state of one run, shared by report.c (one province) and
 * batch.c (every province, in parallel worker processes). Internal.
 */
#ifndef COOPREPORT_REPORT_RUN_H
#define COOPREPORT_REPORT_RUN_H

#include <stdbool.h>
#include <stdint.h>

#include "coopreport/cli.h"
#include "coopreport/config.h"
#include "coopreport/diag.h"
#include "coopreport/indicators.h"
#include "coopreport/provinces.h"
#include "coopreport/records.h"
#include "coopreport/template.h"

/* The inputs of a run, in the order of [input]. */
enum report_input { INPUT_COOPS, INPUT_GROUPS, INPUT_PREVIOUS_COOPS, INPUT_PREVIOUS_GROUPS,
                    INPUT_COUNT };

/* Reads one input into a dataset: records_load for CSV files; a batch run
 * reads its per-province parts instead. */
typedef int (*report_loader)(const char *path, const struct records_options *options,
                             struct coop_dataset *dataset, struct coop_diagnostics *diagnostics);

struct placeholder_values;

struct report_run {
    const struct cli_options *options;
    struct coop_diagnostics diagnostics;
    struct coop_config config;
    struct coop_province_list provinces;
    struct coop_province_list former_provinces;  /* the 63 list under a 34-list report */
    bool has_former_provinces;
    struct coop_template layout;
    struct placeholder_values *placeholders;
    const struct coop_province *province;
    coop_date report_date;
    char *organization;
    char *output_path;
    /* Where each input is read from (NULL = not configured) and how. */
    const char *input_paths[INPUT_COUNT];
    report_loader loader;
    struct coop_dataset inputs[INPUT_COUNT];
    struct indicator_set indicators;
    struct target_result *targets;
    bool quiet_summary;      /* batch workers: the parent prints the summary */
    bool written;            /* the province's workbook is in place */
};

/* The path of an input as configured, NULL when not configured. */
const char *report_input_path(const struct coop_config *config, enum report_input input);

/* Everything before the data: config, province lists, template. Returns 0 or
 * an exit status after reporting. */
int report_prepare(struct report_run *run);

/* A province asked for (-p, [report] province, a batch list) that names an
 * old province of the 63-province list, reported under the province it was
 * merged into: a note says so, unless noted (indexed like the former list,
 * may be NULL) says it was already given, which it then records. */
void report_note_merged_province(struct report_run *run, const char *wanted,
                                 const struct coop_province *province, bool *noted);

/* One province, run->province set: read, validate, compute, write.
 * Returns COOP_EXIT_DATA when rows were rejected, even when --keep-going
 * wrote the workbook (then run->written is true). */
int report_province(struct report_run *run);

/* Expands placeholders of the run ({province}, {year}…); NULL after reporting. */
char *report_expand(struct report_run *run, const char *pattern, const char *what);

/* How input `input` is read for run->province (every province when NULL). */
struct records_options report_input_options(const struct report_run *run, enum report_input input);

/* Refuses (COOP_EXIT_USAGE, reported) an output path that is an input file,
 * the config or the template of the run; 0 otherwise. */
int report_check_output_path(struct report_run *run, const char *output_path);

/* mkdir -p of the folder that will hold path. Returns 0 or COOP_EXIT_IO. */
int report_create_folder(struct report_run *run, const char *path);

/* Frees what a run holds; the datasets and figures of the province only when
 * `province_only`, so that a batch worker can run the next province. */
void report_release(struct report_run *run, bool province_only);

/* The run summary line of one input ("read R rows = counted C + …"). */
void report_count_rows(const struct coop_dataset *dataset, coop_date period_last,
                       size_t *counted, size_t *listed);

/* What became of every row of one input (SPEC §4: nothing dropped silently). */
struct row_accounting {
    uint64_t read, counted, listed, rejected, skipped, mapped;
};
/* Prints "FILE: read R rows = counted C + listed L + rejected X + skipped S"
 * and, when rows were mapped to a merged province, how many. */
void report_print_accounting(const char *file, const struct row_accounting *rows);

/* --indicators: every figure of the set on stdout, as CSV or JSON (nothing
 * for INDICATORS_NONE). */
void report_print_indicators(const struct indicator_set *set, enum indicators_output format);

/* Batch mode: every province (or a list), in parallel. */
int batch_run(struct report_run *run, const char *provinces_wanted);
/* Whether a province setting asks for a batch ("all" or a list). */
bool batch_is_requested(const char *provinces_wanted);

#endif
