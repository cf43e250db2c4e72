/*
 * provinces — the province lists shipped with the tool (63 before 1 July 2025,
 * 34 after, with the merger mapping), looked up by code or by name.
 */
#ifndef COOPREPORT_PROVINCES_H
#define COOPREPORT_PROVINCES_H

#include <stddef.h>

#include "coopreport/diag.h"

struct coop_province {
    char *code;          /* two digits, "27" */
    char *name;          /* "Bắc Ninh" */
    char *full_name;     /* "Tỉnh Bắc Ninh" */
    char *name_en;       /* "Bac Ninh" */
    char *slug;          /* "bac-ninh" */
    char **merged_from;  /* old codes, empty for the 63-province list */
    size_t merged_count;
};

struct coop_province_list {
    struct coop_province *items;
    size_t count;
    char *path;
};

/* Loads a list (columns code,name,full_name,name_en[,merged_from], merged_from
 * holding space-separated old codes). Returns 0, or COOP_EXIT_USAGE /
 * COOP_EXIT_IO with diagnostics. */
int provinces_load(const char *path, struct coop_province_list *list,
                   struct coop_diagnostics *diagnostics);
void provinces_release(struct coop_province_list *list);

/* Finds a province by code ("27", "027" and "27.0" do not all match: codes are
 * compared as integers written in decimal, so "7" finds "07") or by name,
 * full name or English name compared with text_match_key and without
 * diacritics ("bac ninh", "Tỉnh Bắc Ninh"). NULL when not found. */
const struct coop_province *provinces_find(const struct coop_province_list *list,
                                           const char *code_or_name);

/* In a list with merged_from, the new province an old code was merged into. */
const struct coop_province *provinces_find_successor(const struct coop_province_list *list,
                                                     const char *old_code);

#endif
