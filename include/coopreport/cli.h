/*
 * cli — the command line (SPEC §2).
 */
#ifndef COOPREPORT_CLI_H
#define COOPREPORT_CLI_H

#include <stdbool.h>
#include <stdio.h>

enum indicators_output { INDICATORS_NONE, INDICATORS_CSV, INDICATORS_JSON };

struct cli_options {
    const char *config_path;
    const char *output_path;     /* -o, overrides [output] path */
    const char *province;        /* -p, overrides [report] province */
    int jobs;                    /* -j; 0 = number of CPUs */
    bool check;
    bool keep_going;
    bool quiet;
    bool verbose;
    bool no_progress;
    enum indicators_output indicators;
    bool help;
    bool version;
    const char *explain;         /* --explain KEY: needs no config */
    bool list_indicators;        /* --list-indicators: needs no config */
};

/* Parses argv. Returns 0, or COOP_EXIT_USAGE after printing the problem and a
 * hint to `err`. */
int cli_parse(int argc, char **argv, struct cli_options *options, FILE *err);
void cli_print_help(FILE *out);
/* The version; with -v also the share folder the templates and province lists come from. */
void cli_print_version(FILE *out, bool verbose);

/* --list-indicators: every key pattern with its unit and label, then the
 * comparison suffixes. */
void cli_print_indicator_list(FILE *out);
/* --explain KEY: the key's definition, unit and formula. Returns 0, or
 * COOP_EXIT_USAGE after naming the nearest key on `err` when KEY is unknown. */
int cli_explain_indicator(const char *key, FILE *out, FILE *err);

#endif
