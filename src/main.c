/*
 * coopreport — a province's cooperative registry in, the official report
 * workbook out. The pipeline lives in report.c; this only reads the command line.
 */
#include <signal.h>
#include <stdio.h>

#include <string.h>

#include "coopreport/cli.h"
#include "coopreport/init.h"
#include "coopreport/report.h"

int main(int argc, char **argv)
{
    struct cli_options options;
    /* Past a file-size limit (ulimit -f), write() must fail with EFBIG so the
     * error is reported and the temporary file removed; the default action of
     * SIGXFSZ would kill the process and leave a partial file behind. */
    signal(SIGXFSZ, SIG_IGN);
    /* A subcommand, not an option: it takes data files, not a config. */
    if (argc > 1 && strcmp(argv[1], "init") == 0)
        return init_run(argc - 1, argv + 1, stdout, stderr);
    int status = cli_parse(argc, argv, &options, stderr);
    if (status != 0)
        return status;
    if (options.help) {
        cli_print_help(stdout);
        return 0;
    }
    if (options.version) {
        cli_print_version(stdout, options.verbose);
        return 0;
    }
    if (options.list_indicators) {
        cli_print_indicator_list(stdout);
        return 0;
    }
    if (options.explain)
        return cli_explain_indicator(options.explain, stdout, stderr);
    return report_run(&options);
}
