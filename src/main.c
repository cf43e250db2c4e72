/*
 * coopreport — a province's cooperative registry in, the official report
 * workbook out. The pipeline lives in report.c; this only reads the command line.
 */
#include <stdio.h>

#include "coopreport/cli.h"
#include "coopreport/report.h"

int main(int argc, char **argv)
{
    struct cli_options options;
    int status = cli_parse(argc, argv, &options, stderr);
    if (status != 0)
        return status;
    if (options.help) {
        cli_print_help(stdout);
        return 0;
    }
    if (options.version) {
        cli_print_version(stdout);
        return 0;
    }
    return report_run(&options);
}
