/*
 * ini_file — an INI file read with iniparser, checked key by key, with every
 * problem reported at its line.
 *
 * iniparser gives values but neither positions nor a way to say "this key is
 * not expected here". This module loads the file with iniparser's syntax
 * errors routed into the diagnostics, walks sections and keys in file order,
 * reports unknown keys with the nearest known name ("did you mean 'year'?"),
 * and finds each diagnostic's line with ini_position. What a key means is the
 * caller's business (config.c holds the schema of the report configuration).
 */
#ifndef COOPREPORT_INI_FILE_H
#define COOPREPORT_INI_FILE_H

#include <stddef.h>

#include <iniparser.h>

#include "coopreport/diag.h"

struct ini_file {
    const char *path;                      /* as given; not owned */
    dictionary *ini;                       /* owned; NULL before a successful load */
    struct coop_diagnostics *diagnostics;  /* not owned */
    int status;                            /* 0, or the worst COOP_EXIT_* reported so far */
};

/* Loads path. `what` names the file in messages ("configuration"). Returns 0,
 * COOP_EXIT_IO when the file cannot be opened (or is a folder), or
 * COOP_EXIT_USAGE after syntax errors, each reported at its line; on failure
 * nothing is left to release. Not reentrant: iniparser's error callback is
 * global, so two loads must not run at the same time. */
int ini_file_load(struct ini_file *file, const char *path, const char *what,
                  struct coop_diagnostics *diagnostics);
/* Frees the dictionary; accepts a zeroed struct. */
void ini_file_release(struct ini_file *file);

/* Reports an error at the line of `key` in [section] (a "" section means
 * before any section), else of the section header, else line 1, and sets
 * status to COOP_EXIT_USAGE unless it is worse already. */
void ini_file_error(struct ini_file *file, const char *section, const char *key,
                    const char *format, ...) __attribute__((format(printf, 4, 5)));
/* Reports a warning at the same line, leaving status as it is. */
void ini_file_warning(struct ini_file *file, const char *section, const char *key,
                      const char *format, ...) __attribute__((format(printf, 4, 5)));
/* Reports running out of memory (once) and sets status to COOP_EXIT_IO. */
void ini_file_out_of_memory(struct ini_file *file);

/* The value of [section] key, owned by the dictionary; NULL when absent. */
const char *ini_file_get(const struct ini_file *file, const char *section, const char *key);
/* The value, or NULL after reporting it missing or empty. */
const char *ini_file_require(struct ini_file *file, const char *section, const char *key);
/* The value, or NULL when absent or empty (an empty value counts as not given). */
const char *ini_file_optional(const struct ini_file *file, const char *section, const char *key);

/* The keys of [section] in file order, without the "section:" prefix. The
 * array is the caller's to free; the strings belong to the dictionary. NULL
 * with *count = 0 for an empty or absent section. */
const char **ini_file_section_keys(struct ini_file *file, const char *section, size_t *count);
/* Reports every key of [section] that is not in known[0..count). */
void ini_file_check_keys(struct ini_file *file, const char *section,
                         const char *const *known, size_t count);
/* Reports key as unknown in [section], naming the nearest known key or, when
 * none is near, listing them all. */
void ini_file_unknown_key(struct ini_file *file, const char *section, const char *key,
                          const char *const *known, size_t count);
/* Reports what a walk over sections cannot see: keys before any section,
 * section names holding ':', values that are not UTF-8, sections or keys
 * given twice (iniparser silently keeps the last), and text after a value
 * that starts with a quote (iniparser silently drops it). */
void ini_file_check_entries(struct ini_file *file);

/* The candidate nearest to word (edit distance ignoring ASCII case, a swap of
 * neighbours counting as one edit) when near enough to be a typo of it; NULL
 * otherwise. */
const char *ini_nearest_name(const char *word, const char *const *candidates, size_t count);
/* Writes "a, b, c" into buffer (cut short if it does not fit) and returns it. */
const char *ini_join_names(const char *const *names, size_t count, char *buffer, size_t size);

#endif
