/*
 * init_guess — the knowledge behind `coopreport init`. See init_guess.h.
 */
#include "coopreport/init_guess.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coopreport/text.h"

#define COUNT_OF(array) (sizeof (array) / sizeof (array)[0])

/* --- words ---------------------------------------------------------------------- */

/* Whether word (its `length` bytes) matches pattern word (`pattern_length`
 * bytes, a final '*' meaning "starts with"). */
static bool init_word_matches(const char *word, size_t length, const char *pattern,
                              size_t pattern_length)
{
    if (pattern_length && pattern[pattern_length - 1] == '*')
        return length >= pattern_length - 1 && strncmp(word, pattern, pattern_length - 1) == 0;
    return length == pattern_length && strncmp(word, pattern, length) == 0;
}

/* Where the words of pattern first appear in a row among the words of
 * slug, or NULL. */
static const char *init_find_words(const char *slug, const char *pattern)
{
    for (const char *start = slug; *start;) {
        const char *s = start, *p = pattern;
        bool matched = true;
        while (*p) {
            size_t word = strcspn(s, "-"), pattern_word = strcspn(p, "-");
            if (!*s || !init_word_matches(s, word, p, pattern_word)) {
                matched = false;
                break;
            }
            s += word + (s[word] == '-');
            p += pattern_word + (p[pattern_word] == '-');
        }
        if (matched)
            return start;
        start += strcspn(start, "-");
        start += *start == '-';
    }
    return NULL;
}

/* Whether the words of pattern appear in a row among the words of slug. */
static bool init_has_words(const char *slug, const char *pattern)
{
    return init_find_words(slug, pattern) != NULL;
}

/* --- cells ----------------------------------------------------------------------- */

int init_guess_decimal(const char *text)
{
    const char *p = text + (*text == '-' || *text == '+');
    if (!*p || strspn(p, "0123456789.,") != strlen(p) || strspn(p, ".,") == strlen(p))
        return 0;
    size_t dots = 0, commas = 0;
    const char *last = NULL;
    for (const char *q = p; *q; q++)
        if (*q == '.' || *q == ',') {
            dots += *q == '.';
            commas += *q == ',';
            last = q;
        }
    if (!last)
        return 0;
    if (dots && commas)
        return *last;                     /* the decimal separator comes last */
    if (commas > 1)
        return '.';                       /* 1,234,567: commas group thousands */
    if (dots > 1)
        return ',';                       /* 1.234.567 */
    size_t after = strlen(last + 1), before = (size_t)(last - p);
    /* "4.276" is 4 276 or 4.276; "0,276" and "12,5" can only be decimals. */
    if (after != 3 || before == 0 || (before == 1 && *p == '0') || before > 3)
        return *last;
    return 0;
}

/* The separator of a cell that proves nothing alone ("4.285", "12,500"):
 * one '.' or ',', 1–3 digits before it (not a lone 0) and 3 after; 0 for
 * any other cell. */
static char init_ambiguous_separator(const char *text)
{
    const char *p = text + (*text == '-' || *text == '+');
    size_t before = strspn(p, "0123456789");
    if (before == 0 || before > 3 || (before == 1 && *p == '0') || (p[before] != '.' &&
                                                                    p[before] != ','))
        return 0;
    const char *after = p + before + 1;
    if (strspn(after, "0123456789") != 3 || after[3] != '\0')
        return 0;
    return p[before];
}

void init_guess_note_number(struct init_decimal_evidence *evidence, enum coop_field field,
                            const char *text)
{
    int vote = init_guess_decimal(text);
    if (vote == ',') {
        if (!evidence->comma_votes++ && strlen(text) < sizeof evidence->comma_example)
            strcpy(evidence->comma_example, text);
    } else if (vote == '.') {
        if (!evidence->point_votes++ && strlen(text) < sizeof evidence->point_example)
            strcpy(evidence->point_example, text);
    }
    char separator = init_ambiguous_separator(text);
    if (!separator)
        return;
    struct init_ambiguous_numbers *numbers = separator == '.' ? &evidence->dots
                                                              : &evidence->commas;
    if (!numbers->cells++)
        strcpy(numbers->example, text);   /* at most 8 bytes: checked above */
    numbers->in_counts += field == FIELD_MEMBERS || field == FIELD_WORKERS;
    numbers->trailing_zero += text[strlen(text) - 1] == '0';
    const char *digits = text + (*text == '-' || *text == '+');
    numbers->tiny_money += (field == FIELD_REVENUE || field == FIELD_PROFIT) &&
                           digits[1] == separator;   /* one digit before: under 10 */
    numbers->huge_income += field == FIELD_INCOME;   /* ≥ 1 000 as thousands */
}

static void init_merge_numbers(struct init_ambiguous_numbers *to,
                               const struct init_ambiguous_numbers *from)
{
    if (!to->cells)
        memcpy(to->example, from->example, sizeof to->example);
    to->cells += from->cells;
    to->in_counts += from->in_counts;
    to->trailing_zero += from->trailing_zero;
    to->tiny_money += from->tiny_money;
    to->huge_income += from->huge_income;
}

void init_guess_merge_evidence(struct init_decimal_evidence *to,
                               const struct init_decimal_evidence *from)
{
    if (!to->comma_votes)
        memcpy(to->comma_example, from->comma_example, sizeof to->comma_example);
    if (!to->point_votes)
        memcpy(to->point_example, from->point_example, sizeof to->point_example);
    to->comma_votes += from->comma_votes;
    to->point_votes += from->point_votes;
    init_merge_numbers(&to->dots, &from->dots);
    init_merge_numbers(&to->commas, &from->commas);
}

/* Appends "; " and a formatted hint to guess->reason. */
static void init_add_hint(struct init_decimal_guess *guess, const char *format, ...)
    __attribute__((format(printf, 2, 3)));
static void init_add_hint(struct init_decimal_guess *guess, const char *format, ...)
{
    size_t length = strlen(guess->reason);
    if (length + 3 >= sizeof guess->reason)
        return;
    if (length) {
        strcpy(guess->reason + length, "; ");
        length += 2;
    }
    va_list arguments;
    va_start(arguments, format);
    vsnprintf(guess->reason + length, sizeof guess->reason - length, format, arguments);
    va_end(arguments);
}

/* Weighs the hints that the separator of `numbers` groups thousands (adds to
 * *grouping) or is the decimal one (adds to *decimal), writing each. */
static void init_weigh_numbers(struct init_decimal_guess *guess,
                               const struct init_ambiguous_numbers *numbers, char separator,
                               size_t proving_votes, int *grouping, int *decimal)
{
    if (!numbers->cells)
        return;
    init_add_hint(guess, "%zu number%s like '%s' (a '%c' then exactly 3 digits: %s)",
                  numbers->cells, numbers->cells == 1 ? "" : "s", numbers->example, separator,
                  separator == '.' ? "4.285 is 4285 with decimal = \",\", 4.285 with \".\""
                                   : "4,285 is 4285 with decimal = \".\", 4.285 with \",\"");
    if (numbers->in_counts) {
        *grouping += 3;
        init_add_hint(guess, "%zu of them count members or workers, which have no decimals: "
                      "'%c' groups thousands", numbers->in_counts, separator);
    }
    if (numbers->trailing_zero) {
        *grouping += 2;
        init_add_hint(guess, "%zu end in 0 (as a decimal, 1%c250 would be written 1%c25)",
                      numbers->trailing_zero, separator, separator);
    }
    if (numbers->cells >= 3 && !proving_votes) {
        *grouping += 2;
        init_add_hint(guess, "no number has another count of digits after a '%c'", separator);
    }
    if (numbers->tiny_money * 2 > numbers->cells) {
        *grouping += 1;
        init_add_hint(guess, "%zu revenue or profit figures would be under 10 million VND with "
                      "'%c' as the decimal separator", numbers->tiny_money, separator);
    }
    if (numbers->huge_income) {
        *decimal += 2;
        init_add_hint(guess, "%zu incomes would be 1 000 million VND a person or more with "
                      "'%c' between thousands", numbers->huge_income, separator);
    }
}

struct init_decimal_guess init_guess_weigh_decimal(const struct init_decimal_evidence *evidence,
                                                   char delimiter)
{
    struct init_decimal_guess guess = {'.', true, ""};
    size_t comma = evidence->comma_votes, point = evidence->point_votes;
    if (comma || point) {
        guess.decimal = comma > point ? ',' : '.';
        guess.decided = !(comma && point);
        if (comma && point)
            init_add_hint(&guess, "%zu numbers like '%s' against %zu like '%s': check the "
                          "numbers", comma > point ? comma : point,
                          comma > point ? evidence->comma_example : evidence->point_example,
                          comma > point ? point : comma,
                          comma > point ? evidence->point_example : evidence->comma_example);
        else
            init_add_hint(&guess, "%zu numbers like '%s'%s", comma ? comma : point,
                          comma ? evidence->comma_example : evidence->point_example,
                          comma ? " (',' decimal, '.' between thousands)" : "");
        return guess;
    }
    if (!evidence->dots.cells && !evidence->commas.cells) {
        init_add_hint(&guess, "no number has a decimal or thousands separator; '.' is the "
                      "default");
        return guess;
    }
    /* Points for a decimal comma, and for a decimal point. */
    int for_comma = 0, for_point = 0;
    init_weigh_numbers(&guess, &evidence->dots, '.', point, &for_comma, &for_point);
    init_weigh_numbers(&guess, &evidence->commas, ',', comma, &for_point, &for_comma);
    if (delimiter == ';') {
        for_comma++;
        init_add_hint(&guess, "the delimiter is ';', as Excel set to Vietnamese writes it, with "
                      "1.234,5");
    } else if (delimiter == ',') {
        for_point++;
        init_add_hint(&guess, "the delimiter is ','");
    }
    guess.decimal = for_comma > for_point ? ',' : '.';
    guess.decided = false;
    return guess;
}

bool init_guess_is_month_first(const char *text)
{
    int first = 0, second = 0, year = 0;
    char separator_1, separator_2, rest;
    if (sscanf(text, "%2d%c%2d%c%4d%c", &first, &separator_1, &second, &separator_2, &year,
               &rest) != 5)
        return false;
    return separator_1 == separator_2 && (separator_1 == '/' || separator_1 == '-' ||
                                          separator_1 == '.') &&
           first >= 1 && first <= 12 && second > 12 && second <= 31 && year >= 1900;
}

/* --- sectors --------------------------------------------------------------------- */

/* Whole spellings (slugs, compared without their separators) and keywords
 * (runs of whole words, a final '*' matching by prefix) of each usual sector,
 * in Vietnamese with or without diacritics, as registry software abbreviates
 * them, and in English. A keyword is a word that names one sector only:
 * "dịch vụ" alone is in no list, since "Dịch vụ nông nghiệp" is agriculture
 * and "Thương mại - Dịch vụ" trade. */
static const char *const init_agriculture[] = {
    "nong-nghiep", "nn", "nong", "nong-lam-thuy-san", "nong-lam-ngu-nghiep",
    "nong-lam-nghiep-thuy-san", "nong-nghiep-thuy-san", "dich-vu-nong-nghiep",
    "san-xuat-nong-nghiep", "agriculture", "agricultural", "farming", NULL};
static const char *const init_agriculture_words[] = {
    "nong-nghiep", "nong-lam*", "nong-ngu*", "nong-san", "nong-thuy-san", "nn", "nlts", "dvnn",
    "agri*", "agro*", "farm*", NULL};
static const char *const init_industry[] = {
    "cong-nghiep-tieu-thu-cong-nghiep", "cn-ttcn", "ttcn", "tieu-thu-cong-nghiep",
    "cong-nghiep", "cn", "industry", "handicraft", "handicrafts", NULL};
static const char *const init_industry_words[] = {
    "cong-nghiep", "thu-cong*", "lang-nghe", "cn", "ttcn", "cnttcn", "industr*", "handicraft*",
    "craft*", "manufactur*", NULL};
static const char *const init_trade[] = {
    "thuong-mai", "tm", "thuong-mai-dich-vu", "tm-dv", "trade", "commerce", NULL};
static const char *const init_trade_words[] = {
    "thuong-mai", "buon-ban", "tm", "tmdv", "dvtm", "trade", "trading", "commerc*", "retail*",
    NULL};
static const char *const init_transport[] = {
    "giao-thong-van-tai", "gtvt", "van-tai", "transport", "transportation", NULL};
static const char *const init_transport_words[] = {
    "giao-thong", "van-tai", "van-chuyen", "gtvt", "transport*", "logistic*", NULL};
static const char *const init_construction[] = {"xay-dung", "xd", "construction", NULL};
static const char *const init_construction_words[] = {
    "xay-dung", "xay-lap", "xd", "construct*", NULL};
static const char *const init_environment[] = {
    "ve-sinh-moi-truong", "vsmt", "moi-truong", "environment", "sanitation", NULL};
static const char *const init_environment_words[] = {
    "moi-truong", "ve-sinh", "vsmt", "rac", "environment*", "sanitation", "waste*", "garbage",
    NULL};
static const char *const init_water[] = {
    "nuoc-sach", "ns", "nuoc", "cap-nuoc", "cung-cap-nuoc-sach", "clean-water", "water",
    "water-supply", NULL};
static const char *const init_water_words[] = {
    "nuoc-sach", "cap-nuoc", "nuoc-sinh-hoat", "ns", "clean-water", "water-supply",
    "drinking-water", NULL};
static const char *const init_credit[] = {
    "quy-tin-dung-nhan-dan", "qtdnd", "quy-tin-dung", "tin-dung", "people-s-credit-fund",
    "credit-fund", "credit", NULL};
static const char *const init_credit_words[] = {
    "tin-dung", "qtd", "qtdnd", "credit*", NULL};

/* The official report's sector rows in its order, then the other usual
 * sectors. */
static const struct init_known_sector init_known_sectors[] = {
    {"nong_nghiep", "Nông nghiệp", NULL, init_agriculture, init_agriculture_words, true},
    {"cn_ttcn", "Công nghiệp - Tiểu thủ công nghiệp", "CN-TTCN", init_industry,
     init_industry_words, true},
    {"thuong_mai", "Thương mại", NULL, init_trade, init_trade_words, true},
    {"gtvt", "Giao thông vận tải", "GTVT", init_transport, init_transport_words, true},
    {"xay_dung", "Xây dựng", NULL, init_construction, init_construction_words, true},
    {"moi_truong", "Vệ sinh môi trường", "VSMT", init_environment, init_environment_words, true},
    {"quy_tin_dung", "Quỹ tín dụng nhân dân", "QTDND", init_credit, init_credit_words, true},
    {"nuoc_sach", "Nước sạch", NULL, init_water, init_water_words, false},
};

/* The index of nong_nghiep in init_known_sectors: the sector the branches
 * of farming below point to. */
#define INIT_AGRICULTURE 0

/* The branches of agriculture: a value naming two of them ("Trồng trọt -
 * Chăn nuôi") is the agriculture sector; one alone ("Thủy sản", "Fisheries")
 * may be a sector the province reports apart, so it stays its own and the
 * config suggests agriculture. */
static const char *const init_farming_branches[] = {
    "trong-trot", "chan-nuoi", "lam-nghiep", "thuy-san", "ngu-nghiep", "crop*", "livestock",
    "fisher*", "forestr*", "aquacultur*", NULL};

/* Whether two slugs (or codes) have the same letters once '-' and '_' are
 * left out: "cn-ttcn", "cnttcn" and "cn_ttcn". */
static bool init_same_letters(const char *a, const char *b)
{
    for (;;) {
        a += strspn(a, "-_");
        b += strspn(b, "-_");
        if (*a != *b)
            return false;
        if (!*a)
            return true;
        a++;
        b++;
    }
}

size_t init_guess_known_sector(const char *slug)
{
    if (!slug || !*slug)
        return INIT_NO_SECTOR;
    for (size_t s = 0; s < COUNT_OF(init_known_sectors); s++) {
        if (init_same_letters(slug, init_known_sectors[s].code))
            return s;
        for (const char *const *known = init_known_sectors[s].slugs; *known; known++)
            if (init_same_letters(slug, *known))
                return s;
    }
    return INIT_NO_SECTOR;
}

const struct init_known_sector *init_guess_sector_info(size_t index)
{
    return index < COUNT_OF(init_known_sectors) ? &init_known_sectors[index] : NULL;
}

size_t init_guess_known_sector_count(void)
{
    return COUNT_OF(init_known_sectors);
}

/* The first of the NULL-terminated keywords found in slug, or NULL. */
static const char *init_first_keyword(const char *slug, const char *const *keywords)
{
    for (const char *const *keyword = keywords; *keyword; keyword++)
        if (init_has_words(slug, *keyword))
            return *keyword;
    return NULL;
}

/* The keyword shown for a value that names two branches of farming. */
static const char init_two_branches[] = "two farming branches";

struct init_sector_match init_guess_sector(const char *slug)
{
    struct init_sector_match match = {INIT_NO_SECTOR, NULL, {INIT_NO_SECTOR, INIT_NO_SECTOR}};
    if (!slug || !*slug)
        return match;
    match.sector = init_guess_known_sector(slug);
    if (match.sector != INIT_NO_SECTOR)
        return match;

    size_t named = 0;
    bool agriculture = false;
    for (size_t s = 0; s < COUNT_OF(init_known_sectors); s++) {
        const char *keyword = init_first_keyword(slug, init_known_sectors[s].keywords);
        if (!keyword)
            continue;
        agriculture = agriculture || s == INIT_AGRICULTURE;
        if (named < 2)
            match.named[named] = s;
        if (named++ == 0)
            match.keyword = keyword;
    }
    size_t branches = 0;
    for (const char *const *branch = init_farming_branches; *branch; branch++)
        branches += init_has_words(slug, *branch);
    if (branches >= 2 && !agriculture) {
        if (named < 2)
            match.named[named] = INIT_AGRICULTURE;
        if (named++ == 0)
            match.keyword = init_two_branches;
    }
    if (named == 1) {
        match.sector = match.named[0];
        match.named[0] = INIT_NO_SECTOR;
        return match;
    }
    /* Two sectors named (none is chosen), or nothing but one branch of
     * farming (agriculture is suggested, not chosen). */
    match.keyword = NULL;
    if (named == 0 && branches == 1)
        match.named[0] = INIT_AGRICULTURE;
    return match;
}

bool init_guess_is_initials(const char *short_slug, const char *long_slug)
{
    char letters[64], initials[64];
    size_t count = 0, initial_count = 0;
    for (const char *p = short_slug; *p; p++) {
        if (*p == '-')
            continue;
        if (*p < 'a' || *p > 'z' || count + 1 >= sizeof letters)
            return false;
        letters[count++] = *p;
    }
    bool word_start = true;
    for (const char *p = long_slug; *p; p++) {
        if (*p == '-') {
            word_start = true;
        } else if (word_start) {
            if (initial_count + 1 >= sizeof initials)
                return false;
            initials[initial_count++] = *p;
            word_start = false;
        }
    }
    return count >= 2 && count == initial_count && memcmp(letters, initials, count) == 0 &&
           strcmp(short_slug, long_slug) != 0;
}

bool init_guess_words_within(const char *inner, const char *outer)
{
    return strchr(inner, '-') && strcmp(inner, outer) != 0 && init_has_words(outer, inner);
}

/* --- grouping the sector spellings ------------------------------------------------ */

/* Short all-letter values ("NS", "GTVT") read as abbreviations. */
static bool init_is_abbreviation(const char *slug)
{
    return !strchr(slug, '-') && strlen(slug) <= 6;
}

static size_t init_word_count(const char *slug)
{
    size_t words = *slug != '\0';
    for (const char *p = slug; *p; p++)
        words += *p == '-';
    return words;
}

/* The slug without separators and without the joining words "và" and "and":
 * "Du lịch và dịch vụ", "DU LICH - DICH VU" and "Du-lịch dịch vụ" are one
 * spelling. Caller frees. */
static char *init_joined_letters(const char *slug)
{
    char *letters = malloc(strlen(slug) + 1);
    if (!letters)
        return NULL;
    size_t out = 0;
    for (const char *word = slug; *word;) {
        size_t length = strcspn(word, "-");
        bool joining = (length == 2 && strncmp(word, "va", 2) == 0) ||
                       (length == 3 && strncmp(word, "and", 3) == 0);
        if (!joining) {
            memcpy(letters + out, word, length);
            out += length;
        }
        word += length + (word[length] == '-');
    }
    letters[out] = '\0';
    return letters;
}

/* Whether text holds a Latin letter with a diacritic (precomposed, or a
 * combining mark): "Nước sạch" does, "Nuoc sach" and "Trade – services" do
 * not. The text is valid UTF-8. */
static bool init_has_diacritics(const char *text)
{
    const unsigned char *p = (const unsigned char *)text;
    while (*p) {
        unsigned long code_point;
        size_t step;
        if (*p < 0x80) {
            code_point = *p;
            step = 1;
        } else if ((*p & 0xE0) == 0xC0 && p[1]) {
            code_point = ((unsigned long)(*p & 0x1F) << 6) | (p[1] & 0x3F);
            step = 2;
        } else if ((*p & 0xF0) == 0xE0 && p[1] && p[2]) {
            code_point = ((unsigned long)(*p & 0x0F) << 12) | ((unsigned long)(p[1] & 0x3F) << 6) |
                         (p[2] & 0x3F);
            step = 3;
        } else {
            code_point = 0;   /* four bytes: no Latin letter there */
            step = 1;
            while (p[step] && (p[step] & 0xC0) == 0x80)
                step++;
        }
        if ((code_point >= 0xC0 && code_point <= 0x24F && code_point != 0xD7 &&
             code_point != 0xF7) ||
            (code_point >= 0x300 && code_point <= 0x36F) ||
            (code_point >= 0x1E00 && code_point <= 0x1EFF))
            return true;
        p += step;
    }
    return false;
}

/* The order in which spellings found groups: the most frequent first, then
 * full names before abbreviations and short names before long ones, so that
 * "Nước sạch" is there when "NS" and "Cung cấp nước sạch" look for it. */
static int init_compare_spellings(const void *a, const void *b)
{
    const struct init_sector_spelling *x = a, *y = b;
    if (x->rows != y->rows)
        return x->rows < y->rows ? 1 : -1;
    bool x_short = init_is_abbreviation(x->slug), y_short = init_is_abbreviation(y->slug);
    if (x_short != y_short)
        return x_short ? 1 : -1;
    size_t x_words = init_word_count(x->slug), y_words = init_word_count(y->slug);
    if (x_words != y_words)
        return x_words > y_words ? 1 : -1;
    return strcmp(x->text, y->text);
}

static size_t init_add_group(struct init_sector_grouping *grouping, const char *label,
                             size_t known)
{
    struct init_sector_group *groups =
        realloc(grouping->groups, (grouping->group_count + 1) * sizeof *groups);
    if (!groups)
        return INIT_NO_SECTOR;
    grouping->groups = groups;
    groups[grouping->group_count] = (struct init_sector_group){
        .label = label, .known = known, .named = {INIT_NO_SECTOR, INIT_NO_SECTOR}};
    return grouping->group_count++;
}

/* The group an unplaced spelling joins by its letters, initials or words, or
 * INIT_NO_SECTOR; with several candidates none (an ambiguous short name such
 * as "dịch vụ" gets a sector of its own rather than a wrong one). With
 * `unknown_only`, known sectors are no candidates: the spelling's own words
 * already said which known sectors it may be, and chose none. */
static size_t init_find_group(struct init_sector_grouping *grouping,
                              char *const *known_slugs, struct init_sector_spelling *spelling,
                              bool unknown_only)
{
    if (!*spelling->slug)
        return INIT_NO_SECTOR;
    for (size_t i = 0; i < grouping->spelling_count; i++) {
        const struct init_sector_spelling *other = &grouping->spellings[i];
        if (other == spelling || other->group == INIT_NO_SECTOR ||
            (unknown_only && grouping->groups[other->group].known != INIT_NO_SECTOR))
            continue;
        if (strcmp(other->letters, spelling->letters) == 0) {
            snprintf(spelling->reason_detail, sizeof spelling->reason_detail,
                     "the same letters as '%s'", other->text);
            spelling->reason = spelling->reason_detail;
            return other->group;
        }
    }
    size_t found = INIT_NO_SECTOR;
    for (size_t g = 0; g < grouping->group_count; g++) {
        const struct init_sector_group *group = &grouping->groups[g];
        if (unknown_only && group->known != INIT_NO_SECTOR)
            continue;
        bool near = false;
        char detail[sizeof spelling->reason_detail];
        for (size_t i = 0; i < grouping->spelling_count && !near; i++) {
            const struct init_sector_spelling *other = &grouping->spellings[i];
            const char *reason;
            if (other->group != g)
                continue;
            if (init_guess_is_initials(spelling->slug, other->slug))
                reason = "guess: the initials of";
            else if (init_guess_is_initials(other->slug, spelling->slug))
                reason = "guess: spelled out by";
            else if (init_guess_words_within(spelling->slug, other->slug))
                reason = "guess: words of";
            else if (init_guess_words_within(other->slug, spelling->slug))
                reason = "guess: holds the words of";
            else
                continue;
            near = true;
            snprintf(detail, sizeof detail, "%s '%s'", reason, other->text);
        }
        if (!near && group->known != INIT_NO_SECTOR) {
            const char *slug = known_slugs[group->known];
            if (init_guess_is_initials(spelling->slug, slug) ||
                init_guess_words_within(spelling->slug, slug)) {
                near = true;
                snprintf(detail, sizeof detail, "guess: initials or part of '%s'", group->label);
            }
        }
        if (!near)
            continue;
        if (found != INIT_NO_SECTOR)
            return INIT_NO_SECTOR;
        found = g;
        memcpy(spelling->reason_detail, detail, sizeof detail);
    }
    if (found != INIT_NO_SECTOR)
        spelling->reason = spelling->reason_detail;
    return found;
}

/* A code of a-z, 0-9 and '_' (≤ 64) from a label, unique among the groups. */
static char *init_make_code(const struct init_sector_grouping *grouping, const char *slug)
{
    char base[65];
    size_t length = 0;
    for (const char *p = slug; *p && length < 64; p++)
        base[length++] = *p == '-' ? '_' : *p;
    while (length && base[length - 1] == '_')
        length--;
    base[length] = '\0';
    if (!length)
        snprintf(base, sizeof base, "linh_vuc_%zu", grouping->group_count);
    for (int n = 1;; n++) {
        char *code = n == 1 ? text_duplicate(base) : text_format("%.58s_%d", base, n);
        if (!code)
            return NULL;
        bool taken = false;
        for (size_t g = 0; g < grouping->group_count && !taken; g++)
            taken = grouping->groups[g].code && strcmp(grouping->groups[g].code, code) == 0;
        if (!taken)
            return code;
        free(code);
    }
}

/* Places one spelling: in its known sector, else with the spellings it
 * resembles, else in a group of its own. Returns -1 when out of memory. */
static int init_place_spelling(struct init_sector_grouping *grouping, char *const *known_slugs,
                               struct init_sector_spelling *spelling)
{
    struct init_sector_match match = init_guess_sector(spelling->slug);
    size_t group = INIT_NO_SECTOR;
    if (match.sector != INIT_NO_SECTOR) {
        for (size_t g = 0; g < grouping->group_count && group == INIT_NO_SECTOR; g++)
            if (grouping->groups[g].known == match.sector)
                group = g;
        if (group == INIT_NO_SECTOR)
            group = init_add_group(grouping, init_known_sectors[match.sector].label,
                                   match.sector);
        if (!match.keyword) {
            spelling->reason = "guess: a usual name of this sector";
        } else {
            /* The words as the value has them ("industry" for "industr*"),
             * spaced; a keyword that is no slug is shown as it is. */
            const char *start = init_find_words(spelling->slug, match.keyword);
            size_t word_count = start ? init_word_count(match.keyword) : 0;
            const char *from = start ? start : match.keyword;
            char words[64];
            size_t length = 0;
            for (const char *p = from; *p && length + 1 < sizeof words; p++) {
                if (*p == '-' && start && --word_count == 0)
                    break;
                words[length++] = *p == '-' ? ' ' : *p;
            }
            words[length] = '\0';
            snprintf(spelling->reason_detail, sizeof spelling->reason_detail,
                     "guess: its words (%s) name this sector", words);
            spelling->reason = spelling->reason_detail;
        }
    } else {
        bool suggested = match.named[0] != INIT_NO_SECTOR;
        group = init_find_group(grouping, known_slugs, spelling, suggested);
        if (group == INIT_NO_SECTOR) {
            group = init_add_group(grouping, spelling->text, INIT_NO_SECTOR);
            if (group != INIT_NO_SECTOR)
                memcpy(grouping->groups[group].named, match.named, sizeof match.named);
        }
    }
    if (group == INIT_NO_SECTOR)
        return -1;
    spelling->group = group;
    grouping->groups[group].rows += spelling->rows;
    return 0;
}

/* An unknown group's label: its most frequent spelling with diacritics (the
 * official form is Vietnamese), else its most frequent spelling. */
static void init_choose_labels(struct init_sector_grouping *grouping)
{
    for (size_t g = 0; g < grouping->group_count; g++) {
        struct init_sector_group *group = &grouping->groups[g];
        if (group->known != INIT_NO_SECTOR || init_has_diacritics(group->label))
            continue;
        for (size_t i = 0; i < grouping->spelling_count; i++) {
            const struct init_sector_spelling *spelling = &grouping->spellings[i];
            if (spelling->group == g && init_has_diacritics(spelling->text)) {
                group->label = spelling->text;
                break;
            }
        }
    }
    /* The spelling that is the label needs no reason; the founder that gave
     * way to it keeps saying why it is there. */
    for (size_t i = 0; i < grouping->spelling_count; i++) {
        struct init_sector_spelling *spelling = &grouping->spellings[i];
        struct init_sector_group *group = &grouping->groups[spelling->group];
        if (group->known != INIT_NO_SECTOR)
            continue;
        if (spelling->text == group->label) {
            spelling->reason = NULL;
        } else if (!spelling->reason) {
            const struct init_sector_spelling *label = spelling;
            for (size_t j = 0; j < grouping->spelling_count; j++)
                if (grouping->spellings[j].text == group->label)
                    label = &grouping->spellings[j];
            snprintf(spelling->reason_detail, sizeof spelling->reason_detail, "%s '%s'",
                     strcmp(label->letters, spelling->letters) == 0 ? "the same letters as"
                                                                     : "guess: grouped with",
                     group->label);
            spelling->reason = spelling->reason_detail;
        }
    }
}

/* Codes, known ones first so that no made-up code takes one, then the order
 * to write: the official form's sectors in its order, then the others as
 * they were found (by their most frequent spelling). */
static int init_name_groups(struct init_sector_grouping *grouping)
{
    for (int pass = 0; pass < 2; pass++)
        for (size_t g = 0; g < grouping->group_count; g++) {
            struct init_sector_group *group = &grouping->groups[g];
            const struct init_known_sector *known = init_guess_sector_info(group->known);
            if ((pass == 0) != (known != NULL))
                continue;
            if (known) {
                group->code = text_duplicate(known->code);
                group->sheet = known->sheet;
            } else {
                char *slug = text_slug(group->label);
                group->code = slug ? init_make_code(grouping, slug) : NULL;
                free(slug);
            }
            if (!group->code)
                return -1;
        }
    grouping->order = calloc(grouping->group_count + 1, sizeof *grouping->order);
    if (!grouping->order)
        return -1;
    size_t placed = 0;
    for (size_t k = 0; k < COUNT_OF(init_known_sectors); k++)
        for (size_t g = 0; g < grouping->group_count; g++)
            if (grouping->groups[g].known == k && init_known_sectors[k].report_row)
                grouping->order[placed++] = g;
    for (size_t g = 0; g < grouping->group_count; g++) {
        size_t known = grouping->groups[g].known;
        if (known == INIT_NO_SECTOR || !init_known_sectors[known].report_row)
            grouping->order[placed++] = g;
    }
    return 0;
}

int init_guess_group_sectors(const char *const *texts, const size_t *rows, size_t count,
                             struct init_sector_grouping *grouping)
{
    memset(grouping, 0, sizeof *grouping);
    char *known_slugs[COUNT_OF(init_known_sectors)] = {NULL};
    int status = -1;
    grouping->spellings = calloc(count + 1, sizeof *grouping->spellings);
    if (!grouping->spellings)
        goto done;
    grouping->spelling_count = count;
    for (size_t i = 0; i < count; i++) {
        struct init_sector_spelling *spelling = &grouping->spellings[i];
        spelling->text = texts[i];
        spelling->rows = rows[i];
        spelling->group = INIT_NO_SECTOR;
        spelling->slug = text_slug(texts[i]);
        spelling->letters = spelling->slug ? init_joined_letters(spelling->slug) : NULL;
        if (!spelling->letters)
            goto done;
    }
    for (size_t k = 0; k < COUNT_OF(init_known_sectors); k++) {
        known_slugs[k] = text_slug(init_known_sectors[k].label);
        if (!known_slugs[k])
            goto done;
    }
    qsort(grouping->spellings, count, sizeof *grouping->spellings, init_compare_spellings);
    for (size_t i = 0; i < count; i++)
        if (init_place_spelling(grouping, known_slugs, &grouping->spellings[i]) != 0)
            goto done;
    init_choose_labels(grouping);
    status = init_name_groups(grouping);
done:
    for (size_t k = 0; k < COUNT_OF(init_known_sectors); k++)
        free(known_slugs[k]);
    return status;
}

void init_guess_release_grouping(struct init_sector_grouping *grouping)
{
    for (size_t i = 0; grouping->spellings && i < grouping->spelling_count; i++) {
        free(grouping->spellings[i].slug);
        free(grouping->spellings[i].letters);
    }
    free(grouping->spellings);
    for (size_t g = 0; g < grouping->group_count; g++)
        free(grouping->groups[g].code);
    free(grouping->groups);
    free(grouping->order);
    memset(grouping, 0, sizeof *grouping);
}

/* --- the period ------------------------------------------------------------------ */

bool init_guess_period_from_name(const char *path, int *year, int *period)
{
    const char *base = strrchr(path, '/');
    return init_guess_period_from_text(base ? base + 1 : path, year, period);
}

bool init_guess_period_from_text(const char *text, int *year, int *period)
{
    char *slug = text_slug(text);
    *year = 0;
    *period = -1;
    if (!slug)
        return false;
    for (char *word = slug; *word;) {
        size_t length = strcspn(word, "-");
        const char *next = word + length + (word[length] == '-');
        if (length == 4 && strspn(word, "0123456789") == 4 && atoi(word) >= 1990 &&
            atoi(word) <= 2100)
            *year = atoi(word);
        word = (char *)next;
    }
    /* "6-thang" is the half-year report ("báo cáo 6 tháng"); "nam" alone
     * would also be read in "6-thang-dau-nam", so the half year comes first. */
    if (init_has_words(slug, "h1") || init_has_words(slug, "6-thang") ||
        init_has_words(slug, "6thang") || init_has_words(slug, "sau-thang") ||
        init_has_words(slug, "first-half") || init_has_words(slug, "half-year"))
        *period = PERIOD_H1;
    else if (init_has_words(slug, "fy") || init_has_words(slug, "ca-nam") ||
             init_has_words(slug, "nam") || init_has_words(slug, "full-year") ||
             init_has_words(slug, "annual") || init_has_words(slug, "12-thang"))
        *period = PERIOD_FY;
    free(slug);
    return *year != 0;
}
