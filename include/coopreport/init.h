/*
 * init — `coopreport init DATA.csv [GROUPS.csv]`: a first configuration made
 * from the user's own registry export.
 *
 * The files are read once, streaming, through csv_reader. The delimiter comes
 * from the reader's own detection; the header is mapped to the canonical
 * fields (config.h) by usual Vietnamese and English header names, with or
 * without diacritics, then by keywords; the cells vote on the decimal style
 * and the date style; the sector and province columns are tallied. The config
 * written (SPEC §3) marks every guess with a comment and lists every header it
 * did not use, so that the clerk knows what to check before the first run.
 */
#ifndef COOPREPORT_INIT_H
#define COOPREPORT_INIT_H

#include <stdio.h>

/* Runs `coopreport init`: argv[0] is "init", then the data files. Writes the
 * config to `out` and warnings and the next steps to `err`. Returns 0,
 * COOP_EXIT_USAGE (bad arguments), COOP_EXIT_DATA (a file that is not CSV
 * text, such as UTF-16) or COOP_EXIT_IO (a file that cannot be read). */
int init_run(int argc, char **argv, FILE *out, FILE *err);

#endif
