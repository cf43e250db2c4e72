/*
 * provinces — the province lists shipped with the tool (63 before 1 July 2025,
 * 34 after, with the merger mapping), looked up by code or by name.
 */
#ifndef COOPREPORT_PROVINCES_H
#define COOPREPORT_PROVINCES_H

#include <stdbool.h>
#include <stddef.h>

#include "coopreport/diag.h"

struct coop_province {
    char *code;          /* two digits, "27" */
    char *name;          /* "Bắc Ninh" */
    char *full_name;     /* "Tỉnh Bắc Ninh" */
    char *name_en;       /* "Bac Ninh" */
    char *slug;          /* "bac-ninh" */
    /* What kind of province, from the first words of full_name: "tỉnh" and
     * "Province", or "thành phố" and "City" for the centrally-run cities
     * ("Thành phố Hà Nội", "TP. Hồ Chí Minh"). Static strings. */
    const char *type;
    const char *type_en;
    char **merged_from;  /* old codes, empty for the 63-province list */
    size_t merged_count;
    /* Other names the province goes by, matched like the name: former official
     * names ("Thừa Thiên Huế"), usual abbreviations ("TP.HCM"). */
    char **other_names;
    size_t other_count;
    /* Private to provinces.c: the match keys of name, full_name and name_en,
     * then the slugs of full_name and name_en, computed once at load so that
     * looking a name up for every data row allocates nothing per province;
     * then the match key and the slug of each other name. */
    char *lookup_keys[5];
    char **other_keys;   /* 2 * other_count: key, slug, key, slug… */
};

struct coop_province_list {
    struct coop_province *items;
    size_t count;
    char *path;
};

/* Loads a list (columns code,name,full_name,name_en[,merged_from][,other_names],
 * merged_from holding space-separated old codes, other_names names separated by
 * '|'). Returns 0, or COOP_EXIT_USAGE / COOP_EXIT_IO with diagnostics. */
int provinces_load(const char *path, struct coop_province_list *list,
                   struct coop_diagnostics *diagnostics);
void provinces_release(struct coop_province_list *list);

/* Finds a province by code or by name. A query of ASCII digits is a code,
 * compared as a decimal integer: "7" and "007" find "07", "24" finds "24"
 * ("27.0" is not a code). Anything else is compared with the name, full name,
 * English name and other names, first by text_match_key ("BẮC NINH", "Tỉnh
 * Bắc Ninh"), then by diacritic-free slug ("bac ninh", "Bac Ninh"; a leading "tinh",
 * "thanh pho" or "tp" is ignored). Surrounding white space is ignored.
 * NULL when not found. */
const struct coop_province *provinces_find(const struct coop_province_list *list,
                                           const char *code_or_name);

/* The province whose name (or full name, English name or other name) is
 * nearest to a name found in no list, when near enough to be a misspelling of
 * it, compared without diacritics and administrative words: in `current`, else
 * in `former` (may be NULL); NULL when none is near. For "did you mean" in an
 * unknown-province error. */
const struct coop_province *provinces_nearest(const struct coop_province_list *current,
                                              const struct coop_province_list *former,
                                              const char *name);

/* In a list with merged_from, the new province an old code (compared as a
 * decimal integer) was merged into; NULL when no province lists it. */
const struct coop_province *provinces_find_successor(const struct coop_province_list *list,
                                                     const char *old_code);

/* A province of `current` for a cell: by code or name in `current`, else, when
 * `former` is given (the 63 list for a 34-list report), an old province
 * reported under its successor. *mapped (if not NULL) tells whether the cell
 * named a different, older province. NULL when neither list knows it. */
const struct coop_province *provinces_resolve(const struct coop_province_list *current,
                                              const struct coop_province_list *former,
                                              const char *code_or_name, bool *mapped);

#endif
