/*
 * init_guess — what `coopreport init` knows about registry exports: usual
 * header names, keywords, the usual cooperative sectors and their short
 * names, and how a cell tells its decimal or date style. Pure functions over
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

/* The field a header names outright ("ma-htx", "ten-hop-tac-xa",
 * "registration-code"…), FIELD_COUNT when it is not a known header name. */
enum coop_field init_guess_known_header(const char *slug);

/* The field a header's words suggest ("ngay-tl" → founded, "so-tv" →
 * members, "no-of-members" → members), FIELD_COUNT when none. *keyword (if
 * not NULL) receives the static keyword that decided. Rules are tried in an
 * order that settles overlaps: "thanh-vien-lien-minh" is alliance_member
 * before it is members, "ma-tinh" is province before it is id. */
enum coop_field init_guess_header_keyword(const char *slug, const char **keyword);

/* The decimal separator a numeric cell proves: ',' for "12,5" or "1.234,5",
 * '.' for "12.5" or "1,234.5", 0 when it proves nothing ("4.276" may be
 * either) or is not a number. */
int init_guess_decimal(const char *text);

/* True for a date written month first (US Excel), "12/31/2024": the second
 * number is above 12 and the first is not. */
bool init_guess_is_month_first(const char *text);

/* The usual sectors of cooperatives in Vietnamese reports. */
struct init_known_sector {
    const char *code;            /* "nong_nghiep" */
    const char *label;           /* "Nông nghiệp" */
    const char *sheet;           /* a short sheet name, or NULL for the label */
    const char *const *slugs;    /* spellings that mean it, NULL-terminated */
};

#define INIT_NO_SECTOR ((size_t)-1)

/* The index of the known sector a sector value's slug names ("nn",
 * "nong-lam-thuy-san", "gtvt"…), INIT_NO_SECTOR when none. */
size_t init_guess_known_sector(const char *slug);
/* The known sector at index (< init_guess_known_sector_count()). */
const struct init_known_sector *init_guess_sector_info(size_t index);
size_t init_guess_known_sector_count(void);

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

#endif
