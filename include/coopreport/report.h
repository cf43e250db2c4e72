/*
 * report — one run of the pipeline: config → read → compute → write.
 */
#ifndef COOPREPORT_REPORT_H
#define COOPREPORT_REPORT_H

#include "coopreport/cli.h"

#define COOPREPORT_VERSION "0.1.0"

/* Runs the command line's request and returns the exit status (enum coop_exit).
 * Diagnostics and the run summary go to stderr, --indicators output to stdout. */
int report_run(const struct cli_options *options);

#endif
