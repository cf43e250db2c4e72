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

#endif
