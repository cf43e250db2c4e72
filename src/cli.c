/*
 * cli — the command line (SPEC §2). See cli.h.
 */
#include "coopreport/cli.h"

#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "coopreport/config.h"
#include "coopreport/diag.h"
#include "coopreport/indicators.h"
#include "coopreport/report.h"
#include "coopreport/text.h"
#include "coopreport/workbook.h"

enum { OPTION_CHECK = 256, OPTION_KEEP_GOING, OPTION_INDICATORS, OPTION_NO_PROGRESS,
       OPTION_EXPLAIN, OPTION_LIST_INDICATORS };

static const struct option cli_long_options[] = {
    {"output", required_argument, NULL, 'o'},
    {"province", required_argument, NULL, 'p'},
    {"jobs", required_argument, NULL, 'j'},
    {"check", no_argument, NULL, OPTION_CHECK},
    {"keep-going", no_argument, NULL, OPTION_KEEP_GOING},
    {"indicators", optional_argument, NULL, OPTION_INDICATORS},
    {"quiet", no_argument, NULL, 'q'},
    {"verbose", no_argument, NULL, 'v'},
    {"no-progress", no_argument, NULL, OPTION_NO_PROGRESS},
    {"explain", required_argument, NULL, OPTION_EXPLAIN},
    {"list-indicators", no_argument, NULL, OPTION_LIST_INDICATORS},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0},
};

void cli_print_help(FILE *out)
{
    fputs("usage: coopreport [OPTIONS] CONFIG.ini\n"
          "       coopreport init COOPS.csv [GROUPS.csv] > CONFIG.ini\n"
          "       coopreport --explain KEY | --list-indicators\n"
          "\n"
          "Turns a province's cooperative registry (CSV) into the half-year or full-year\n"
          "report workbook (.xlsx) described by CONFIG.ini.\n"
          "\n"
          "  -o, --output PATH        write the workbook to PATH instead of [output] path\n"
          "  -p, --province CODE      report on this province (code or name) instead of\n"
          "                           [report] province; 'all' or CODE,CODE… for a batch\n"
          "  -j, --jobs N             parallel workers in batch mode (default: CPUs)\n"
          "      --check              validate config and inputs, report every problem,\n"
          "                           write nothing\n"
          "      --keep-going         write the workbook even when rows were rejected\n"
          "                           (listed in the sheet 'Dữ liệu lỗi'; exit status 1)\n"
          "      --indicators[=csv|json]\n"
          "                           also print every indicator to stdout (default csv)\n"
          "  -q, --quiet              print only errors and warnings\n"
          "  -v, --verbose            say what is being read and written\n"
          "      --no-progress        no progress display in batch mode\n"
          "      --explain KEY        what an indicator means: definition, unit, formula\n"
          "      --list-indicators    every indicator key, with its unit and label\n"
          "  -h, --help               show this help\n"
          "  -V, --version            show the version\n"
          "\n"
          "'coopreport init' writes a first config from your own CSV files (see man\n"
          "coopreport).\n"
          "\n"
          "Exit status: 0 success, 1 rows rejected (data errors), 2 usage, config or\n"
          "template error, 3 input/output error.\n",
          out);
}

void cli_print_version(FILE *out, bool verbose)
{
    fprintf(out, "coopreport %s\n", COOPREPORT_VERSION);
    if (!verbose)
        return;
    /* Which templates and province lists a run reads: the first question when an installed
     * tool and a checkout's build disagree. */
    char *share = config_share_folder();
    if (share)
        fprintf(out, "share folder: %s\n", share);
    else
        fputs("share folder: none found (the templates and province lists are missing)\n", out);
    free(share);
    const char *override = getenv("COOPREPORT_SHARE");
    if (override && *override)
        fprintf(out, "COOPREPORT_SHARE: %s (searched first)\n", override);
}

/* A whole number 1..1024 written in decimal, nothing else. */
static bool cli_parse_jobs(const char *text, int *jobs)
{
    if (!*text)
        return false;
    long value = 0;
    for (const char *p = text; *p; p++) {
        if (*p < '0' || *p > '9')
            return false;
        value = value * 10 + (*p - '0');
        if (value > 1024)
            return false;
    }
    if (value < 1)
        return false;
    *jobs = (int)value;
    return true;
}

int cli_parse(int argc, char **argv, struct cli_options *options, FILE *err)
{
    memset(options, 0, sizeof *options);
    opterr = 0;
    optind = 1;
    int option;
    while ((option = getopt_long(argc, argv, ":o:p:j:qvhV", cli_long_options, NULL)) != -1) {
        switch (option) {
        case 'o': options->output_path = optarg; break;
        case 'p': options->province = optarg; break;
        case 'j':
            if (!cli_parse_jobs(optarg, &options->jobs)) {
                fprintf(err, "coopreport: error: --jobs expects a whole number from 1 to 1024, "
                             "not '%s'\n", optarg);
                return COOP_EXIT_USAGE;
            }
            break;
        case OPTION_CHECK: options->check = true; break;
        case OPTION_KEEP_GOING: options->keep_going = true; break;
        case OPTION_INDICATORS:
            if (!optarg || strcmp(optarg, "csv") == 0) {
                options->indicators = INDICATORS_CSV;
            } else if (strcmp(optarg, "json") == 0) {
                options->indicators = INDICATORS_JSON;
            } else {
                fprintf(err, "coopreport: error: --indicators expects csv or json, not '%s'\n",
                        optarg);
                return COOP_EXIT_USAGE;
            }
            break;
        case 'q': options->quiet = true; break;
        case 'v': options->verbose = true; break;
        case OPTION_NO_PROGRESS: options->no_progress = true; break;
        case OPTION_EXPLAIN: options->explain = optarg; break;
        case OPTION_LIST_INDICATORS: options->list_indicators = true; break;
        case 'h': options->help = true; break;
        case 'V': options->version = true; break;
        case ':':
            fprintf(err, "coopreport: error: option '%s' needs a value\n", argv[optind - 1]);
            fputs("try 'coopreport --help'\n", err);
            return COOP_EXIT_USAGE;
        default:
            fprintf(err, "coopreport: error: unknown option '%s'\n", argv[optind - 1]);
            fputs("try 'coopreport --help'\n", err);
            return COOP_EXIT_USAGE;
        }
    }
    if (options->help || options->version || options->explain || options->list_indicators)
        return 0;   /* none of these reads a config */
    if (optind >= argc) {
        fputs("coopreport: error: no config file given\n", err);
        fputs("usage: coopreport [OPTIONS] CONFIG.ini (try 'coopreport --help')\n", err);
        return COOP_EXIT_USAGE;
    }
    if (argc - optind > 1) {
        fprintf(err, "coopreport: error: one config file expected, got '%s' too\n", argv[optind + 1]);
        return COOP_EXIT_USAGE;
    }
    options->config_path = argv[optind];
    if (options->quiet && options->verbose) {
        fputs("coopreport: error: --quiet and --verbose exclude each other\n", err);
        return COOP_EXIT_USAGE;
    }
    return 0;
}

/* Pads to `width` characters, not bytes: units such as "người" hold
 * multi-byte letters. */
static void cli_put_padded(FILE *out, const char *text, size_t width)
{
    size_t characters = text_count_characters(text);
    fputs(text, out);
    for (size_t i = characters; i < width; i++)
        fputc(' ', out);
    fputc(' ', out);
}

void cli_print_indicator_list(FILE *out)
{
    size_t count;
    const struct indicator_definition *items = indicators_definitions(&count);
    fputs("Indicator keys (the workbook's defined names and the --indicators output). CODE is\n"
          "a sector code of [sectors]; {sector} is its label. coopreport --explain KEY tells more.\n"
          "\n", out);
    for (size_t i = 0; i < count; i++) {
        cli_put_padded(out, items[i].pattern, 26);
        cli_put_padded(out, items[i].unit, 20);
        fprintf(out, "%s\n", items[i].label);
    }
    items = indicators_suffix_definitions(&count);
    fputs("\nEvery key with a plan ([plan]) or a previous-year input (previous_coops,\n"
          "previous_groups) also gets:\n\n", out);
    for (size_t i = 0; i < count; i++) {
        fprintf(out, "KEY%-23s ", items[i].pattern);
        cli_put_padded(out, items[i].unit ? items[i].unit : "KEY's unit", 20);
        fprintf(out, "%s\n", items[i].definition);
    }
}

int cli_explain_indicator(const char *key, FILE *out, FILE *err)
{
    /* The national summary's names are the province keys over every province. */
    if (national_workbook_defines(key)) {
        const char *province_key = key + strlen("national.");
        fprintf(out, "%s  (national summary of a batch run)\n  the same as %s, over every "
                     "province of the run: counts are summed; averages and shares are "
                     "computed again from the rows of all provinces, never averaged.\n",
                key, province_key);
        return cli_explain_indicator(province_key, out, err);
    }
    const struct indicator_definition *suffix;
    const struct indicator_definition *found = indicators_explain(key, &suffix);
    if (!found) {
        fprintf(err, "coopreport: error: unknown indicator '%s'; did you mean '%s'? (coopreport "
                     "--list-indicators lists them all)\n", key, indicators_nearest_pattern(key));
        return COOP_EXIT_USAGE;
    }
    fprintf(out, "%s", key);
    if (strcmp(key, found->pattern) != 0)
        fprintf(out, "  (%s%s)", found->pattern, suffix ? suffix->pattern : "");
    /* A suffix label is "{label} — …": the key's own label comes first. */
    fprintf(out, "\n  label:      %s%s\n  unit:       %s\n", found->label,
            suffix ? suffix->label + strlen("{label}") : "",
            suffix && suffix->unit ? suffix->unit : found->unit);
    if (suffix)
        fprintf(out, "  definition: %s\n  where KEY:  %s\n", suffix->definition,
                found->definition);
    else
        fprintf(out, "  definition: %s\n", found->definition);
    return 0;
}
