/*
 * init_guess — what `coopreport init` knows about registry exports: the
 * usual cooperative sectors and their short names, and how a cell tells its
 * decimal or date style (the headers are init_header's). Pure functions over
 * text, no I/O: the tables are the knowledge, init.c reads the files.
 *
 * Slugs are those of text_slug: ASCII, lower case, words joined by '-'
 * ("Mã số thuế" → "ma-so-thue").
 */
#ifndef COOPREPORT_INIT_GUESS_H
#define COOPREPORT_INIT_GUESS_H

#include <stdbool.h>
#include <stddef.h>

#include "coopreport/config.h"

/* The decimal separator a numeric cell proves: ',' for "12,5" or "1.234,5",
 * '.' for "12.5" or "1,234.5", 0 when it proves nothing ("4.276" may be
 * either) or is not a number. */
int init_guess_decimal(const char *text);

/* What the numbers of the files say about the decimal separator. A cell such
 * as "4.285" proves nothing alone (4 285 or 4.285), but a file of them does
 * tell: see init_guess_weigh_decimal. */
struct init_ambiguous_numbers {
    size_t cells;              /* one separator, 1–3 digits before it (not "0"), 3 after */
    size_t in_counts;          /* of them in members or workers: a count has no decimals */
    size_t trailing_zero;      /* "1.250": as a decimal, Excel would have written 1.25 */
    size_t tiny_money;         /* revenue or profit under 10 million VND if it is a decimal */
    size_t huge_income;        /* income of 1 000 million VND a year or more if it groups
                                * thousands */
    char example[32];
};

struct init_decimal_evidence {
    size_t comma_votes, point_votes;     /* cells that prove it (init_guess_decimal) */
    char comma_example[32], point_example[32];
    struct init_ambiguous_numbers dots, commas;   /* "4.285", "4,285" */
};

/* Counts one non-empty cell of a number column of the given field. */
void init_guess_note_number(struct init_decimal_evidence *evidence, enum coop_field field,
                            const char *text);
/* Adds the counts of `from` to `to` (the coops and groups files together). */
void init_guess_merge_evidence(struct init_decimal_evidence *to,
                               const struct init_decimal_evidence *from);

struct init_decimal_guess {
    char decimal;              /* '.' or ',' */
    bool decided;              /* by cells that prove it; false: weighed from hints, or the
                                * default: the config must say so loudly */
    char reason[600];          /* what decided, or every hint weighed and what to check */
};

/* The decimal separator of the files: cells that prove it decide; without
 * them the hints are weighed: a count written "1.234", dots always followed
 * by three digits, a trailing zero after the dot, money read 1000 times too
 * small or income 1000 times too large, and the delimiter (Excel set to
 * Vietnamese writes ';' and 1.234,5). delimiter is the files' (0: mixed). */
struct init_decimal_guess init_guess_weigh_decimal(const struct init_decimal_evidence *evidence,
                                                   char delimiter);

/* True for a date written month first (US Excel), "12/31/2024": the second
 * number is above 12 and the first is not. */
bool init_guess_is_month_first(const char *text);

/* The usual sectors of cooperatives in Vietnamese reports. */
struct init_known_sector {
    const char *code;              /* "nong_nghiep" */
    const char *label;             /* "Nông nghiệp", the official Vietnamese form */
    const char *sheet;             /* a short sheet name, or NULL for the label */
    const char *const *slugs;      /* whole spellings that mean it, NULL-terminated */
    const char *const *keywords;   /* words that name it within a longer value ("cong-nghiep",
                                    * "trade"; a word ending in '*' matches by prefix) */
    bool report_row;               /* a sector row of the official form, written in its
                                    * order; the others (Nước sạch) come with the sectors
                                    * found in the data */
};

#define INIT_NO_SECTOR ((size_t)-1)

/* The index of the known sector a sector value's slug spells out in full
 * ("nn", "nong-lam-thuy-san", "gtvt", the code "cn_ttcn"…), compared without
 * the separators ("cn-ttcn" = "cnttcn"); INIT_NO_SECTOR when none. */
size_t init_guess_known_sector(const char *slug);
/* The known sector at index (< init_guess_known_sector_count()). */
const struct init_known_sector *init_guess_sector_info(size_t index);
size_t init_guess_known_sector_count(void);

/* What a sector value's slug says about the known sectors. */
struct init_sector_match {
    size_t sector;          /* the known sector it names, INIT_NO_SECTOR when none or two */
    const char *keyword;    /* the keyword that decided (static); NULL for a whole spelling */
    size_t named[2];        /* known sectors it suggests without deciding: the two its words
                             * name ("Nông nghiệp - Thương mại"), or the one it may be a part
                             * of ("Trồng trọt", "Fisheries": one branch of agriculture);
                             * INIT_NO_SECTOR when unused */
};

/* The known sector a sector value names, by its whole spelling or else by
 * its words ("Công nghiệp - TTCN", "Trade and services", "Clean water", "Dịch
 * vụ nông nghiệp" → agriculture, not trade). A value whose words name two
 * known sectors names none: guessing one would move its rows silently. */
struct init_sector_match init_guess_sector(const char *slug);

/* One distinct sector spelling found in the data, and where it went. */
struct init_sector_spelling {
    const char *text;          /* as found; not owned, it must outlive the grouping */
    size_t rows;
    char *slug;                /* owned */
    char *letters;             /* owned: the slug without separators nor "va"/"and" */
    size_t group;              /* index in init_sector_grouping.groups */
    const char *reason;        /* why it is in its group (static or reason_detail);
                                * NULL for the spelling that is an unknown group's label */
    char reason_detail[160];
};

/* A sector proposed for [sectors]. */
struct init_sector_group {
    char *code;                /* owned: the known code, or one made from the label */
    const char *label;         /* the known label, or the text of one of its spellings */
    const char *sheet;         /* static, NULL for the label */
    size_t known;              /* index of a known sector, or INIT_NO_SECTOR */
    size_t rows;
    size_t named[2];           /* for an unknown group: init_sector_match.named of its founder */
};

struct init_sector_grouping {
    struct init_sector_spelling *spellings;   /* most rows first */
    size_t spelling_count;
    struct init_sector_group *groups;
    size_t group_count;
    size_t *order;             /* group indexes as written: the official form's sectors in
                                * its order, then the others in the order found */
};

/* Groups `count` distinct sector spellings (texts[i], found on rows[i] rows)
 * into sectors. Spellings are compared without diacritics, case,
 * punctuation and extra spaces; every spelling of a known sector joins that
 * sector, labelled with its official Vietnamese name; the rest join one
 * another by letters, initials or words, and each group left is a sector of
 * its own labelled with its most frequent spelling, one with diacritics
 * preferred. Returns 0, or -1 when out of memory or a text is not UTF-8;
 * either way release the grouping with init_guess_release_grouping. */
int init_guess_group_sectors(const char *const *texts, const size_t *rows, size_t count,
                             struct init_sector_grouping *grouping);
void init_guess_release_grouping(struct init_sector_grouping *grouping);

/* Whether the letters of `short_slug` are the initials of the words of
 * `long_slug` ("gtvt" and "giao-thong-van-tai", "cn-ttcn" and
 * "cong-nghiep-tieu-thu-cong-nghiep"); at least two letters. */
bool init_guess_is_initials(const char *short_slug, const char *long_slug);

/* Whether the words of `inner` (at least two) appear in a row in `outer`
 * ("van-tai" in "giao-thong-van-tai"). */
bool init_guess_words_within(const char *inner, const char *outer);

/* A year and period read from a file name: "htx_2024_h1.csv" → 2024, H1;
 * "ds-htx-6-thang-2024.csv" → 2024, H1; "bao-cao-nam-2023.csv" → 2023, FY.
 * Returns false when the name holds no year; *period is -1 when it names no
 * period, else PERIOD_H1 or PERIOD_FY. */
bool init_guess_period_from_name(const char *path, int *year, int *period);

/* The same read from any text, a column header: "Doanh thu 6 tháng 2024"
 * → 2024, H1; "Doanh thu năm 2023" → 2023, FY. */
bool init_guess_period_from_text(const char *text, int *year, int *period);

#endif
