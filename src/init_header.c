/*
 * init_header — the field a column header names. See init_header.h.
 */
#include "coopreport/init_header.h"

#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "coopreport/init_guess.h"
#include "coopreport/text.h"

#define COUNT_OF(array) (sizeof (array) / sizeof (array)[0])

/* A header longer than this many words is judged on its first words. */
#define INIT_HEADER_MAX_WORDS 24

enum init_phrase_kind {
    PHRASE_FIELD,      /* names the field */
    PHRASE_NEUTRAL,    /* names no field, but holds words that would ("xã" in "hợp tác xã") */
    PHRASE_NOT_FIELD   /* rules the header out: another thing than a field ("địa chỉ") */
};

struct init_phrase {
    enum coop_field field;
    enum init_phrase_kind kind;
    bool whole_only;     /* only when it is the whole header ("Cooperative" alone is a name) */
    const char *words;   /* lower case, words separated by spaces; a final '*' on a word
                          * matches by prefix */
};

#define FIELD(f, words) {f, PHRASE_FIELD, false, words}
#define WHOLE(f, words) {f, PHRASE_FIELD, true, words}
#define NEUTRAL(words) {FIELD_COUNT, PHRASE_NEUTRAL, false, words}
#define NOT_FIELD(words) {FIELD_COUNT, PHRASE_NOT_FIELD, false, words}
#define NOT_FIELD_WHOLE(words) {FIELD_COUNT, PHRASE_NOT_FIELD, true, words}

/* In the order that settles a header naming several fields (see the header
 * file). Vietnamese with its diacritics: a header without them matches too. */
static const struct init_phrase init_phrases[] = {
    NOT_FIELD("stt"), NOT_FIELD("số tt"), NOT_FIELD("số thứ tự"), NOT_FIELD_WHOLE("tt"),
    NOT_FIELD_WHOLE("no"), NOT_FIELD("ghi chú"), NOT_FIELD("điện thoại"), NOT_FIELD("sđt"),
    NOT_FIELD("địa chỉ"), NOT_FIELD("trụ sở"), NOT_FIELD("đại diện"), NOT_FIELD("giám đốc"),
    NOT_FIELD("chủ tịch"), NOT_FIELD("email"), NOT_FIELD("e mail"), NOT_FIELD("website"),
    NOT_FIELD("fax"), NOT_FIELD("vốn"), NOT_FIELD("lãi suất"), NOT_FIELD("note*"),
    NOT_FIELD("remark*"), NOT_FIELD("phone"), NOT_FIELD("telephone"), NOT_FIELD("address"),
    NOT_FIELD("representative"), NOT_FIELD("director"), NOT_FIELD("chairman"),
    NOT_FIELD("capital"), NOT_FIELD("interest rate"),

    WHOLE(FIELD_NAME, "cooperative"), WHOLE(FIELD_NAME, "hợp tác xã"),
    WHOLE(FIELD_NAME, "đơn vị"), WHOLE(FIELD_NAME, "htx"),
    NEUTRAL("hợp tác xã"), NEUTRAL("tổ hợp tác"), NEUTRAL("liên hiệp hợp tác xã"),
    NEUTRAL("cooperative*"), NEUTRAL("coop"),

    FIELD(FIELD_ALLIANCE_MEMBER, "liên minh"), FIELD(FIELD_ALLIANCE_MEMBER, "thành viên liên minh"),
    FIELD(FIELD_ALLIANCE_MEMBER, "tv lm"), FIELD(FIELD_ALLIANCE_MEMBER, "tvlm"),
    FIELD(FIELD_ALLIANCE_MEMBER, "alliance*"), FIELD(FIELD_ALLIANCE_MEMBER, "alliance member"),
    FIELD(FIELD_ALLIANCE_MEMBER, "member of the alliance"),
    FIELD(FIELD_MARKET_ACCESS, "thị trường"), FIELD(FIELD_MARKET_ACCESS, "tiếp cận"),
    FIELD(FIELD_MARKET_ACCESS, "tiếp cận thị trường"), FIELD(FIELD_MARKET_ACCESS, "market*"),
    FIELD(FIELD_MARKET_ACCESS, "market access"),
    FIELD(FIELD_VALUE_CHAIN, "chuỗi"), FIELD(FIELD_VALUE_CHAIN, "chuỗi giá trị"),
    FIELD(FIELD_VALUE_CHAIN, "liên kết"), FIELD(FIELD_VALUE_CHAIN, "liên kết chuỗi giá trị"),
    FIELD(FIELD_VALUE_CHAIN, "lk chuỗi"), FIELD(FIELD_VALUE_CHAIN, "chain*"),
    FIELD(FIELD_VALUE_CHAIN, "value chain"),
    FIELD(FIELD_HIGH_TECH, "công nghệ cao"), FIELD(FIELD_HIGH_TECH, "công nghệ"),
    FIELD(FIELD_HIGH_TECH, "ứng dụng công nghệ cao"), FIELD(FIELD_HIGH_TECH, "cnc"),
    FIELD(FIELD_HIGH_TECH, "tech*"), FIELD(FIELD_HIGH_TECH, "hi tech"),
    FIELD(FIELD_HIGH_TECH, "high tech"),

    FIELD(FIELD_DISSOLVED, "giải thể"), FIELD(FIELD_DISSOLVED, "ngày giải thể"),
    FIELD(FIELD_DISSOLVED, "ngày gt"), FIELD(FIELD_DISSOLVED, "ngừng hoạt động"),
    FIELD(FIELD_DISSOLVED, "ngày ngừng hoạt động"), FIELD(FIELD_DISSOLVED, "ngừng"),
    FIELD(FIELD_DISSOLVED, "dissol*"), FIELD(FIELD_DISSOLVED, "closed"),
    FIELD(FIELD_DISSOLVED, "closure"), FIELD(FIELD_DISSOLVED, "date dissolved"),
    FIELD(FIELD_FOUNDED, "thành lập"), FIELD(FIELD_FOUNDED, "ngày thành lập"),
    FIELD(FIELD_FOUNDED, "năm thành lập"), FIELD(FIELD_FOUNDED, "ngày tl"),
    FIELD(FIELD_FOUNDED, "tl"), FIELD(FIELD_FOUNDED, "ngày đăng ký"),
    FIELD(FIELD_FOUNDED, "ngày đăng ký thành lập"), FIELD(FIELD_FOUNDED, "ngày đk"),
    FIELD(FIELD_FOUNDED, "ngày đkkd"), FIELD(FIELD_FOUNDED, "ngày cấp"),
    FIELD(FIELD_FOUNDED, "found*"), FIELD(FIELD_FOUNDED, "establish*"),
    FIELD(FIELD_FOUNDED, "registration date"), FIELD(FIELD_FOUNDED, "date of registration"),
    FIELD(FIELD_FOUNDED, "registered"), FIELD(FIELD_FOUNDED, "date registered"),

    FIELD(FIELD_INCOME, "thu nhập"), FIELD(FIELD_INCOME, "thu nhập bình quân"),
    FIELD(FIELD_INCOME, "thu nhập bq"), FIELD(FIELD_INCOME, "tn bq"),
    FIELD(FIELD_INCOME, "tnbq"), FIELD(FIELD_INCOME, "lương"), FIELD(FIELD_INCOME, "tiền lương"),
    FIELD(FIELD_INCOME, "income*"), FIELD(FIELD_INCOME, "average income"),
    FIELD(FIELD_INCOME, "salar*"), FIELD(FIELD_INCOME, "wage*"),
    FIELD(FIELD_REVENUE, "doanh thu"), FIELD(FIELD_REVENUE, "tổng doanh thu"),
    FIELD(FIELD_REVENUE, "doanh số"), FIELD(FIELD_REVENUE, "dt"),
    FIELD(FIELD_REVENUE, "revenue*"), FIELD(FIELD_REVENUE, "turnover"),
    FIELD(FIELD_REVENUE, "sales"),
    FIELD(FIELD_PROFIT, "lợi nhuận"), FIELD(FIELD_PROFIT, "lợi nhuận sau thuế"),
    FIELD(FIELD_PROFIT, "lãi"), FIELD(FIELD_PROFIT, "lãi lỗ"), FIELD(FIELD_PROFIT, "ln"),
    FIELD(FIELD_PROFIT, "lnst"), FIELD(FIELD_PROFIT, "profit*"),

    FIELD(FIELD_PROVINCE, "tỉnh"), FIELD(FIELD_PROVINCE, "tỉnh thành"),
    FIELD(FIELD_PROVINCE, "tỉnh thành phố"), FIELD(FIELD_PROVINCE, "tỉnh tp"),
    FIELD(FIELD_PROVINCE, "mã tỉnh"), FIELD(FIELD_PROVINCE, "tên tỉnh"),
    FIELD(FIELD_PROVINCE, "province*"),
    FIELD(FIELD_DISTRICT, "huyện"), FIELD(FIELD_DISTRICT, "quận"),
    FIELD(FIELD_DISTRICT, "quận huyện"), FIELD(FIELD_DISTRICT, "thị xã"),
    FIELD(FIELD_DISTRICT, "xã"), FIELD(FIELD_DISTRICT, "phường"),
    FIELD(FIELD_DISTRICT, "xã phường"), FIELD(FIELD_DISTRICT, "địa bàn"),
    FIELD(FIELD_DISTRICT, "mã huyện"), FIELD(FIELD_DISTRICT, "tên huyện"),
    FIELD(FIELD_DISTRICT, "district*"), FIELD(FIELD_DISTRICT, "commune*"),
    FIELD(FIELD_DISTRICT, "ward"),
    FIELD(FIELD_KIND, "loại hình"), FIELD(FIELD_KIND, "loại"),
    FIELD(FIELD_KIND, "loại hình tổ chức"), FIELD(FIELD_KIND, "kind"), FIELD(FIELD_KIND, "type"),
    FIELD(FIELD_SECTOR, "lĩnh vực"), FIELD(FIELD_SECTOR, "lĩnh vực hoạt động"),
    FIELD(FIELD_SECTOR, "ngành"), FIELD(FIELD_SECTOR, "ngành nghề"),
    FIELD(FIELD_SECTOR, "ngành nghề kinh doanh"), FIELD(FIELD_SECTOR, "sector*"),
    FIELD(FIELD_SECTOR, "field"), FIELD(FIELD_SECTOR, "industr*"),
    FIELD(FIELD_SECTOR, "activit*"), FIELD(FIELD_SECTOR, "business line"),

    FIELD(FIELD_WORKERS, "lao động"), FIELD(FIELD_WORKERS, "số lao động"),
    FIELD(FIELD_WORKERS, "tổng số lao động"), FIELD(FIELD_WORKERS, "lao động thường xuyên"),
    FIELD(FIELD_WORKERS, "người lao động"), FIELD(FIELD_WORKERS, "số lđ"),
    FIELD(FIELD_WORKERS, "lđ"), FIELD(FIELD_WORKERS, "nhân viên"),
    FIELD(FIELD_WORKERS, "worker*"), FIELD(FIELD_WORKERS, "employ*"),
    FIELD(FIELD_WORKERS, "staff"), FIELD(FIELD_WORKERS, "labo*"),
    FIELD(FIELD_MEMBERS, "thành viên"), FIELD(FIELD_MEMBERS, "số thành viên"),
    FIELD(FIELD_MEMBERS, "tổng số thành viên"), FIELD(FIELD_MEMBERS, "số tv"),
    FIELD(FIELD_MEMBERS, "tv"), FIELD(FIELD_MEMBERS, "xã viên"),
    FIELD(FIELD_MEMBERS, "member*"), FIELD(FIELD_MEMBERS, "number of members"),

    FIELD(FIELD_NAME, "tên"), FIELD(FIELD_NAME, "tên htx"), FIELD(FIELD_NAME, "tên hợp tác xã"),
    FIELD(FIELD_NAME, "tên đơn vị"), FIELD(FIELD_NAME, "tên tht"),
    FIELD(FIELD_NAME, "tên tổ hợp tác"), FIELD(FIELD_NAME, "tên gọi"), FIELD(FIELD_NAME, "name*"),
    FIELD(FIELD_NAME, "cooperative name"),
    FIELD(FIELD_ID, "mã"), FIELD(FIELD_ID, "mã số"), FIELD(FIELD_ID, "mã htx"),
    FIELD(FIELD_ID, "mã số htx"), FIELD(FIELD_ID, "mã tht"), FIELD(FIELD_ID, "mã số thuế"),
    FIELD(FIELD_ID, "mst"), FIELD(FIELD_ID, "id"), FIELD(FIELD_ID, "code"),
    FIELD(FIELD_ID, "mã đơn vị"), FIELD(FIELD_ID, "mã định danh"), FIELD(FIELD_ID, "đkkd"),
    FIELD(FIELD_ID, "số đkkd"), FIELD(FIELD_ID, "số đăng ký"), FIELD(FIELD_ID, "mã số đăng ký"),
    FIELD(FIELD_ID, "mã số doanh nghiệp"), FIELD(FIELD_ID, "giấy chứng nhận"),
    FIELD(FIELD_ID, "gcn"), FIELD(FIELD_ID, "registration*"), FIELD(FIELD_ID, "tax*"),
    FIELD(FIELD_ID, "tax code"),
};

/* One word: folded (NFC, case folded, diacritics kept) and plain (ASCII,
 * diacritics stripped, đ → d). */
struct init_word {
    char *folded;
    char *plain;
    bool marked;      /* folded and plain differ: it has diacritics (or đ) */
    bool prefix;      /* a pattern word ending in '*' */
};

struct init_words {
    struct init_word items[INIT_HEADER_MAX_WORDS];
    size_t count;
};

static void init_words_release(struct init_words *words)
{
    for (size_t i = 0; i < words->count; i++) {
        free(words->items[i].folded);
        free(words->items[i].plain);
    }
    words->count = 0;
}

static bool init_is_word_character(utf8proc_int32_t code_point)
{
    switch (utf8proc_category(code_point)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME: case UTF8PROC_CATEGORY_ND:
        return true;
    default:
        return false;
    }
}

static int init_add_word(struct init_words *words, const utf8proc_uint8_t *start, size_t length,
                         bool prefix)
{
    if (words->count == INIT_HEADER_MAX_WORDS)
        return 0;
    struct init_word *word = &words->items[words->count];
    word->folded = malloc(length + 1);
    if (!word->folded)
        return -1;
    memcpy(word->folded, start, length);
    word->folded[length] = '\0';
    word->plain = text_slug(word->folded);
    if (!word->plain) {
        free(word->folded);
        return -1;
    }
    word->marked = strcmp(word->folded, word->plain) != 0;
    word->prefix = prefix;
    words->count++;
    return 0;
}

/* Splits text into words; what stands in brackets is left out (a unit:
 * "(triệu đồng)"). In a pattern, a '*' ending a word marks a prefix.
 * Returns -1 when out of memory or the text is not UTF-8. */
static int init_split_words(const char *text, bool pattern, struct init_words *words)
{
    words->count = 0;
    if (!text_is_valid_utf8(text, strlen(text), NULL))
        return -1;
    utf8proc_uint8_t *mapped = NULL;
    utf8proc_ssize_t length = utf8proc_map((const utf8proc_uint8_t *)text,
                                           (utf8proc_ssize_t)strlen(text), &mapped,
                                           UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
    if (length < 0)
        return -1;
    int status = 0, depth = 0;
    utf8proc_ssize_t start = -1;
    for (utf8proc_ssize_t i = 0; i <= length && status == 0;) {
        utf8proc_int32_t code_point = -1;
        utf8proc_ssize_t step = 1;
        if (i < length) {
            step = utf8proc_iterate(mapped + i, length - i, &code_point);
            if (step <= 0)
                break;
        }
        bool inside = code_point >= 0 && depth == 0 && init_is_word_character(code_point);
        if (!inside && start >= 0) {
            bool prefix = pattern && code_point == '*';
            status = init_add_word(words, mapped + start, (size_t)(i - start), prefix);
            start = -1;
        } else if (inside && start < 0) {
            start = i;
        }
        if (code_point == '(' || code_point == '[' || code_point == '{')
            depth++;
        else if ((code_point == ')' || code_point == ']' || code_point == '}') && depth > 0)
            depth--;
        i += step;
    }
    free(mapped);
    if (status != 0)
        init_words_release(words);
    return status;
}

/* A header word written with diacritics must have the pattern's; one written
 * without is compared without. */
static bool init_word_matches(const struct init_word *word, const struct init_word *pattern)
{
    const char *text = word->marked ? word->folded : word->plain;
    const char *wanted = word->marked ? pattern->folded : pattern->plain;
    if (pattern->prefix)
        return strncmp(text, wanted, strlen(wanted)) == 0;
    return strcmp(text, wanted) == 0;
}

static bool init_words_match_at(const struct init_words *header, size_t start,
                                const struct init_words *pattern)
{
    if (start + pattern->count > header->count)
        return false;
    for (size_t k = 0; k < pattern->count; k++)
        if (!init_word_matches(&header->items[start + k], &pattern->items[k]))
            return false;
    return true;
}

/* One place where a phrase of the table was found among the header's words. */
struct init_found {
    size_t phrase;
    size_t start, count;
    bool covered;   /* inside a longer phrase found */
};

struct init_header_match init_header_match(const char *header)
{
    struct init_header_match match = {FIELD_COUNT, false, NULL};
    struct init_words words, pattern;
    if (!header || init_split_words(header, false, &words) != 0)
        return match;
    struct init_found found[COUNT_OF(init_phrases)];
    size_t found_count = 0;
    bool failed = false;
    for (size_t p = 0; p < COUNT_OF(init_phrases) && !failed; p++) {
        if (init_split_words(init_phrases[p].words, true, &pattern) != 0) {
            failed = true;
            break;
        }
        if (pattern.count == words.count && init_words_match_at(&words, 0, &pattern)) {
            /* The whole header is this usual name: nothing else counts. */
            init_words_release(&pattern);
            init_words_release(&words);
            const struct init_phrase *phrase = &init_phrases[p];
            bool field = phrase->kind == PHRASE_FIELD;
            return (struct init_header_match){field ? phrase->field : FIELD_COUNT, field,
                                              phrase->kind == PHRASE_NEUTRAL ? NULL
                                                                             : phrase->words};
        }
        for (size_t start = 0; !init_phrases[p].whole_only && start < words.count; start++)
            if (pattern.count && init_words_match_at(&words, start, &pattern)) {
                found[found_count++] = (struct init_found){p, start, pattern.count, false};
                break;
            }
        init_words_release(&pattern);
    }
    init_words_release(&words);
    if (failed)
        return match;
    for (size_t i = 0; i < found_count; i++)
        for (size_t j = 0; j < found_count && !found[i].covered; j++)
            found[i].covered = found[j].count > found[i].count &&
                               found[j].start <= found[i].start &&
                               found[i].start + found[i].count <= found[j].start + found[j].count;
    /* Words that rule the header out win; otherwise the first field phrase
     * in the table's order. */
    for (size_t i = 0; i < found_count; i++) {
        const struct init_phrase *phrase = &init_phrases[found[i].phrase];
        if (!found[i].covered && phrase->kind == PHRASE_NOT_FIELD)
            return (struct init_header_match){FIELD_COUNT, false, phrase->words};
    }
    for (size_t i = 0; i < found_count; i++) {
        const struct init_phrase *phrase = &init_phrases[found[i].phrase];
        if (!found[i].covered && phrase->kind == PHRASE_FIELD)
            return (struct init_header_match){phrase->field, false, phrase->words};
    }
    return match;
}

/* --- choosing among headers that name one field --------------------------------- */

/* The field's own name: its meaning in SPEC §4, and the usual short forms of
 * it. A header holding one of these is what the field counts. */
static const struct {
    enum coop_field field;
    const char *words;
} init_own_names[] = {
    {FIELD_ID, "mã htx"}, {FIELD_ID, "mã số htx"}, {FIELD_ID, "mã hợp tác xã"},
    {FIELD_ID, "mã tht"}, {FIELD_ID, "mã tổ hợp tác"},
    {FIELD_NAME, "tên htx"}, {FIELD_NAME, "tên hợp tác xã"}, {FIELD_NAME, "tên tht"},
    {FIELD_NAME, "tên tổ hợp tác"},
    {FIELD_SECTOR, "lĩnh vực"},
    {FIELD_FOUNDED, "ngày thành lập"}, {FIELD_FOUNDED, "năm thành lập"},
    {FIELD_FOUNDED, "ngày tl"},
    {FIELD_DISSOLVED, "ngày giải thể"}, {FIELD_DISSOLVED, "ngày gt"},
    {FIELD_MEMBERS, "số thành viên"}, {FIELD_MEMBERS, "số tv"}, {FIELD_MEMBERS, "số xã viên"},
    {FIELD_WORKERS, "số lao động thường xuyên"}, {FIELD_WORKERS, "số lđ thường xuyên"},
    {FIELD_WORKERS, "lao động thường xuyên"}, {FIELD_WORKERS, "lđ thường xuyên"},
    {FIELD_REVENUE, "doanh thu"},
    {FIELD_PROFIT, "lợi nhuận"},
    {FIELD_INCOME, "thu nhập bình quân"},
};

/* Words that narrow a field to a part of it: members who are women or legal
 * persons, seasonal workers, a short or trading name. */
static const char *const init_part_phrases[] = {
    "nữ", "phụ nữ", "female", "women", "pháp nhân", "legal entit*", "cá nhân", "individual*",
    "hộ gia đình", "household*", "thời vụ", "seasonal", "kết nạp", "mới", "new", "tăng", "giảm",
    "dân tộc", "thiểu số", "giao dịch", "viết tắt", "tiếng anh", "nước ngoài", "english",
    "abbreviat*", "short", "trade", "trading",
};

/* Whether the words of `phrase` stand in a row among `words` (all of them
 * when `whole`). -1 when out of memory. */
static int init_words_hold(const struct init_words *words, const char *phrase, bool whole)
{
    struct init_words pattern;
    if (init_split_words(phrase, true, &pattern) != 0)
        return -1;
    bool found = false;
    if (whole)
        found = pattern.count == words->count && init_words_match_at(words, 0, &pattern);
    for (size_t start = 0; !whole && !found && start < words->count; start++)
        found = pattern.count && init_words_match_at(words, start, &pattern);
    init_words_release(&pattern);
    return found;
}

bool init_header_is_of_period(enum coop_field field)
{
    return field == FIELD_REVENUE || field == FIELD_PROFIT || field == FIELD_INCOME;
}

struct init_header_fit init_header_fit(const char *header, int year, int period)
{
    struct init_header_match match = init_header_match(header);
    struct init_header_fit fit = {match.field, NULL, INIT_PERIOD_NONE, 0, -1,
                                  match.whole ? INIT_NAME_USUAL : INIT_NAME_KEYWORD,
                                  match.phrase};
    struct init_words words;
    if (match.field == FIELD_COUNT || init_split_words(header, false, &words) != 0)
        return fit;
    for (size_t i = 0; i < COUNT_OF(init_own_names) && fit.name != INIT_NAME_OWN; i++) {
        if (init_own_names[i].field != match.field)
            continue;
        enum init_name_fit name = init_words_hold(&words, init_own_names[i].words, true) == 1
                                  ? INIT_NAME_OWN
                                  : init_words_hold(&words, init_own_names[i].words, false) == 1
                                  ? INIT_NAME_HOLDS_OWN : INIT_NAME_KEYWORD;
        if (name < fit.name) {
            fit.name = name;
            fit.phrase = init_own_names[i].words;
        }
    }
    for (size_t i = 0; i < COUNT_OF(init_part_phrases) && !fit.part; i++)
        if (init_words_hold(&words, init_part_phrases[i], false) == 1)
            fit.part = init_part_phrases[i];
    init_words_release(&words);
    if (init_header_is_of_period(match.field) &&
        init_guess_period_from_text(header, &fit.year, &fit.named_period)) {
        bool same = year && fit.year == year && (fit.named_period < 0 || fit.named_period == period);
        fit.period = same ? INIT_PERIOD_REPORT : INIT_PERIOD_OTHER;
    }
    return fit;
}

int init_header_period_end(const struct init_header_fit *fit)
{
    return fit->year ? fit->year * 10000 + (fit->named_period == PERIOD_H1 ? 630 : 1231) : 0;
}

int init_header_fit_compare(const struct init_header_fit *a, const struct init_header_fit *b)
{
    if (!a->part != !b->part)
        return a->part ? 1 : -1;
    if (a->period != b->period)
        return a->period < b->period ? -1 : 1;
    int a_end = init_header_period_end(a), b_end = init_header_period_end(b);
    if (a->period == INIT_PERIOD_OTHER && a_end != b_end)
        return a_end > b_end ? -1 : 1;   /* the nearer to the report, likely */
    if (a->name != b->name)
        return a->name < b->name ? -1 : 1;
    return 0;
}

size_t init_header_choose(const char *const *headers, size_t count, enum coop_field field,
                          int year, int period)
{
    size_t best = count;
    struct init_header_fit best_fit;
    memset(&best_fit, 0, sizeof best_fit);
    for (size_t i = 0; i < count; i++) {
        struct init_header_fit fit = init_header_fit(headers[i], year, period);
        if (fit.field != field)
            continue;
        if (best == count || init_header_fit_compare(&fit, &best_fit) < 0) {
            best = i;
            best_fit = fit;
        }
    }
    return best;
}
