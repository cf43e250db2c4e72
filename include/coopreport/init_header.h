/*
 * init_header — which canonical field a column header names, for
 * `coopreport init`: "Mã HTX", "MA_HTX", "Registration code" → id;
 * "Thu nhập bình quân (triệu đồng/người/năm)" → income.
 *
 * Headers are compared by their WORDS, against the usual names of each field
 * (a table of phrases, in Vietnamese with diacritics and in English):
 *   - words are letters and digits; case is folded (NFC); a part in brackets
 *     is a unit and is left out; '_', '/', '-', '.' and spaces separate words;
 *   - a header word written with diacritics must have the same ones ("quân"
 *     is not "quận"); a word written without any ("Quan", "MA_HTX") matches
 *     the phrase's words with or without theirs;
 *   - a phrase found inside a longer phrase is not counted: "thành viên" in
 *     "thành viên liên minh" does not make the header `members`, "xã" in
 *     "hợp tác xã" does not make it `district`, "quan" in "thu nhap binh quan"
 *     does not make it `district`;
 *   - when the phrases of several fields are found, the table's order
 *     decides: the yes/no fields, the dates, the money fields (income before
 *     members and workers: "Thu nhập bình quân của thành viên, người lao
 *     động" is income), places, kind and sector, workers, members, name, id;
 *   - some words rule a header out ("người đại diện", "địa chỉ", "điện thoại",
 *     "STT"): "Tên người đại diện" is not the name of the cooperative.
 */
#ifndef COOPREPORT_INIT_HEADER_H
#define COOPREPORT_INIT_HEADER_H

#include <stdbool.h>

#include "coopreport/config.h"

struct init_header_match {
    enum coop_field field;     /* FIELD_COUNT: no field */
    bool whole;                /* the header is one of the field's usual names, whole */
    const char *phrase;        /* the usual name, or the words found, that decided (static,
                                * as written in the table: "thu nhập bình quân"); for a header
                                * ruled out, the words that ruled it out; NULL when no word
                                * of the table was found */
};

/* What the header (UTF-8 text) names. A header that is not UTF-8, holds no
 * word, or when memory runs out: FIELD_COUNT with phrase NULL. */
struct init_header_match init_header_match(const char *header);

/*
 * Several columns may name one field ("Tổng số lao động" and "Số lao động
 * thường xuyên" both name `workers`); init maps one and says why. How well a
 * header fits the field it names, compared in this order:
 *   1. a header naming a part of the field loses ("Số thành viên là nữ",
 *      "Số thành viên là pháp nhân", "Tên viết tắt", "Tên giao dịch");
 *   2. for the amounts of a period (revenue, profit, income), a header naming
 *      the report's year (and period, when it names one) beats one naming no
 *      year, which beats one naming another ("Doanh thu năm 2023" in an H1
 *      2024 report is last year's figure); of two naming other periods, the
 *      later;
 *   3. the field's own name (its meaning in SPEC §4: "Số lao động thường
 *      xuyên", "Số thành viên", "Ngày thành lập", "Mã HTX", "Tên HTX") beats
 *      a header holding it ("Tổng số thành viên"), which beats another usual
 *      name of the field whole ("Tổng số lao động", "Mã số thuế"), which beats
 *      a header merely holding one of the field's words ("Ngày cấp GCN ĐKKD").
 * Equal fits: the first column.
 */
enum init_period_fit {
    INIT_PERIOD_REPORT,   /* names the report's year (and period) */
    INIT_PERIOD_NONE,     /* names no year, or the field is no amount of a period */
    INIT_PERIOD_OTHER     /* names another year or period */
};

enum init_name_fit {
    INIT_NAME_OWN,        /* the field's own name, whole */
    INIT_NAME_HOLDS_OWN,  /* holds the field's own name */
    INIT_NAME_USUAL,      /* another usual name of the field, whole */
    INIT_NAME_KEYWORD     /* holds words of the field */
};

struct init_header_fit {
    enum coop_field field;        /* what the header names (init_header_match) */
    const char *part;             /* the words that make it name a part of the field
                                   * (static: "nữ", "pháp nhân"), or NULL */
    enum init_period_fit period;
    int year, named_period;       /* the period the header names: year 0 none; named_period
                                   * PERIOD_H1, PERIOD_FY or -1 (the year alone) */
    enum init_name_fit name;
    const char *phrase;           /* the own name held (static), or the match's phrase */
};

/* Whether the field is an amount of a period (revenue, profit, income): the
 * year a header names counts. */
bool init_header_is_of_period(enum coop_field field);

/* How well the header fits the field it names in a report of `year` and
 * `period` (PERIOD_H1, PERIOD_FY; year 0 when not known yet). */
struct init_header_fit init_header_fit(const char *header, int year, int period);

/* The last day of the period the header names, as YYYYMMDD (the year alone:
 * its 31 December); 0 when it names none. */
int init_header_period_end(const struct init_header_fit *fit);

/* Negative when a fits better than b, positive when worse, 0 when as well. */
int init_header_fit_compare(const struct init_header_fit *a, const struct init_header_fit *b);

/* Which of `count` headers, all naming `field`, to map: the index of the best
 * fit, the first of equals; count when none names the field. */
size_t init_header_choose(const char *const *headers, size_t count, enum coop_field field,
                          int year, int period);

#endif
