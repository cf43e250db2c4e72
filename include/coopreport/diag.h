/*
 * diag — diagnostics that carry their position.
 *
 * Every stage of the pipeline reports problems into one struct coop_diagnostics
 * instead of printing or exiting, so that a run can list every problem before it
 * gives up and the caller decides the exit status.
 */
#ifndef COOPREPORT_DIAG_H
#define COOPREPORT_DIAG_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

/* Exit statuses of the command line (SPEC §2). */
enum coop_exit {
    COOP_EXIT_OK = 0,
    COOP_EXIT_DATA = 1,   /* rows rejected, or a province failed in a batch */
    COOP_EXIT_USAGE = 2,  /* usage, config or template error */
    COOP_EXIT_IO = 3      /* a file could not be read or written */
};

enum diag_severity { DIAG_ERROR, DIAG_WARNING, DIAG_NOTE };

/* One problem. file, field and message are owned by the diagnostic list.
 * line and column are 1-based; 0 means "not known" and is left out when printed.
 * For CSV input the column is the 1-based field number. */
struct coop_diagnostic {
    enum diag_severity severity;
    char *file;
    long line;
    long column;
    char *field;
    char *message;
};

/* A list of diagnostics. Only the first `limit` are stored (0 = no limit);
 * the rest are counted in `dropped` so that the total stays exact. */
struct coop_diagnostics {
    struct coop_diagnostic *items;
    size_t count;
    size_t capacity;
    size_t limit;
    size_t dropped;
    size_t error_count;   /* errors, stored or dropped */
    size_t warning_count;
};

void diag_init(struct coop_diagnostics *list, size_t limit);
/* Frees every diagnostic; accepts NULL. The list can be used again after diag_init. */
void diag_release(struct coop_diagnostics *list);

/* Adds a diagnostic. file and field may be NULL. Out of memory, the diagnostic is
 * counted but not stored. */
void diag_report(struct coop_diagnostics *list, enum diag_severity severity,
                 const char *file, long line, long column, const char *field,
                 const char *format, ...) __attribute__((format(printf, 7, 8)));
void diag_report_va(struct coop_diagnostics *list, enum diag_severity severity,
                    const char *file, long line, long column, const char *field,
                    const char *format, va_list arguments);

#define diag_error(list, file, line, column, field, ...) \
    diag_report((list), DIAG_ERROR, (file), (line), (column), (field), __VA_ARGS__)
#define diag_warning(list, file, line, column, field, ...) \
    diag_report((list), DIAG_WARNING, (file), (line), (column), (field), __VA_ARGS__)

/* Formats one diagnostic as "FILE:LINE:COL: error: field 'X': message" into a new
 * string the caller frees; NULL when out of memory. */
char *diag_format(const struct coop_diagnostic *item);

/* Prints every stored diagnostic, one per line, then "N more errors not shown" if
 * some were dropped. */
void diag_print(const struct coop_diagnostics *list, FILE *out);

/* Moves every diagnostic of `from` to the end of `to`; `from` is left empty. */
void diag_append(struct coop_diagnostics *to, struct coop_diagnostics *from);

#endif
