/*
 * cli — the command line (SPEC §2). See cli.h.
 */
#include "coopreport/cli.h"

#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "coopreport/diag.h"
#include "coopreport/report.h"

enum { OPTION_CHECK = 256, OPTION_KEEP_GOING, OPTION_INDICATORS, OPTION_NO_PROGRESS };

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
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0},
};

void cli_print_help(FILE *out)
{
    fputs("usage: coopreport [OPTIONS] CONFIG.ini\n"
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
          "                           (they are listed in the sheet 'Dữ liệu lỗi')\n"
          "      --indicators[=csv|json]\n"
          "                           also print every indicator to stdout (default csv)\n"
          "  -q, --quiet              print errors only\n"
          "  -v, --verbose            say what is being read and written\n"
          "      --no-progress        no progress display in batch mode\n"
          "  -h, --help               show this help\n"
          "  -V, --version            show the version\n"
          "\n"
          "Exit status: 0 success, 1 rows rejected (data errors), 2 usage, config or\n"
          "template error, 3 input/output error.\n",
          out);
}

void cli_print_version(FILE *out)
{
    fprintf(out, "coopreport %s\n", COOPREPORT_VERSION);
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
    if (options->help || options->version)
        return 0;
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
