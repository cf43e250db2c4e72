/*
 * init_guess — the knowledge behind `coopreport init`. See init_guess.h.
 */
#include "coopreport/init_guess.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coopreport/text.h"

#define COUNT_OF(array) (sizeof (array) / sizeof (array)[0])

/* --- headers --------------------------------------------------------------------- */

struct init_header_name {
    enum coop_field field;
    const char *slug;
};

/* Headers seen in registry software and Excel lists, by their slug. */
static const struct init_header_name init_known_headers[] = {
    {FIELD_ID, "id"}, {FIELD_ID, "ma-htx"}, {FIELD_ID, "ma-so-htx"}, {FIELD_ID, "ma-tht"},
    {FIELD_ID, "ma-so-tht"}, {FIELD_ID, "ma-so-thue"}, {FIELD_ID, "mst"}, {FIELD_ID, "ma-so"},
    {FIELD_ID, "ma"}, {FIELD_ID, "ma-don-vi"}, {FIELD_ID, "ma-dinh-danh"},
    {FIELD_ID, "so-dkkd"}, {FIELD_ID, "so-dang-ky"}, {FIELD_ID, "ma-so-dang-ky"},
    {FIELD_ID, "ma-so-doanh-nghiep"}, {FIELD_ID, "code"}, {FIELD_ID, "registration-code"},
    {FIELD_ID, "registration-number"}, {FIELD_ID, "registration-no"}, {FIELD_ID, "tax-code"},
    {FIELD_ID, "tax-id"}, {FIELD_ID, "coop-id"}, {FIELD_ID, "cooperative-id"},
    {FIELD_ID, "group-id"},
    {FIELD_NAME, "name"}, {FIELD_NAME, "ten"}, {FIELD_NAME, "ten-htx"},
    {FIELD_NAME, "ten-hop-tac-xa"}, {FIELD_NAME, "ten-tht"}, {FIELD_NAME, "ten-to-hop-tac"},
    {FIELD_NAME, "ten-don-vi"}, {FIELD_NAME, "ten-lhhtx"}, {FIELD_NAME, "cooperative-name"},
    {FIELD_NAME, "coop-name"}, {FIELD_NAME, "group-name"}, {FIELD_NAME, "cooperative"},
    {FIELD_PROVINCE, "province"}, {FIELD_PROVINCE, "tinh"}, {FIELD_PROVINCE, "tinh-thanh"},
    {FIELD_PROVINCE, "tinh-thanh-pho"}, {FIELD_PROVINCE, "tinh-tp"},
    {FIELD_PROVINCE, "ma-tinh"}, {FIELD_PROVINCE, "ten-tinh"},
    {FIELD_PROVINCE, "province-code"}, {FIELD_PROVINCE, "province-name"},
    {FIELD_DISTRICT, "district"}, {FIELD_DISTRICT, "huyen"}, {FIELD_DISTRICT, "quan-huyen"},
    {FIELD_DISTRICT, "huyen-thi-xa"}, {FIELD_DISTRICT, "huyen-thi-xa-thanh-pho"},
    {FIELD_DISTRICT, "xa"}, {FIELD_DISTRICT, "xa-phuong"}, {FIELD_DISTRICT, "dia-ban"},
    {FIELD_DISTRICT, "commune"},
    {FIELD_KIND, "kind"}, {FIELD_KIND, "loai-hinh"}, {FIELD_KIND, "loai"},
    {FIELD_KIND, "loai-hinh-to-chuc"}, {FIELD_KIND, "type"},
    {FIELD_SECTOR, "sector"}, {FIELD_SECTOR, "linh-vuc"}, {FIELD_SECTOR, "linh-vuc-hoat-dong"},
    {FIELD_SECTOR, "nganh"}, {FIELD_SECTOR, "nganh-nghe"}, {FIELD_SECTOR, "nganh-nghe-chinh"},
    {FIELD_SECTOR, "nganh-nghe-kinh-doanh"}, {FIELD_SECTOR, "field"},
    {FIELD_SECTOR, "industry"},
    {FIELD_FOUNDED, "founded"}, {FIELD_FOUNDED, "ngay-thanh-lap"}, {FIELD_FOUNDED, "ngay-tl"},
    {FIELD_FOUNDED, "thanh-lap"}, {FIELD_FOUNDED, "ngay-dang-ky"},
    {FIELD_FOUNDED, "ngay-dang-ky-thanh-lap"}, {FIELD_FOUNDED, "date-founded"},
    {FIELD_FOUNDED, "founding-date"}, {FIELD_FOUNDED, "date-established"},
    {FIELD_FOUNDED, "established"}, {FIELD_FOUNDED, "registration-date"},
    {FIELD_DISSOLVED, "dissolved"}, {FIELD_DISSOLVED, "ngay-giai-the"},
    {FIELD_DISSOLVED, "giai-the"}, {FIELD_DISSOLVED, "ngay-ngung-hoat-dong"},
    {FIELD_DISSOLVED, "date-dissolved"}, {FIELD_DISSOLVED, "dissolution-date"},
    {FIELD_MEMBERS, "members"}, {FIELD_MEMBERS, "so-thanh-vien"}, {FIELD_MEMBERS, "thanh-vien"},
    {FIELD_MEMBERS, "tong-so-thanh-vien"}, {FIELD_MEMBERS, "so-tv"},
    {FIELD_MEMBERS, "number-of-members"}, {FIELD_MEMBERS, "no-of-members"},
    {FIELD_WORKERS, "workers"}, {FIELD_WORKERS, "so-lao-dong"},
    {FIELD_WORKERS, "tong-so-lao-dong"}, {FIELD_WORKERS, "lao-dong"},
    {FIELD_WORKERS, "so-lao-dong-thuong-xuyen"}, {FIELD_WORKERS, "so-ld"},
    {FIELD_WORKERS, "employees"}, {FIELD_WORKERS, "number-of-workers"},
    {FIELD_WORKERS, "no-of-workers"},
    {FIELD_REVENUE, "revenue"}, {FIELD_REVENUE, "doanh-thu"}, {FIELD_REVENUE, "tong-doanh-thu"},
    {FIELD_REVENUE, "turnover"},
    {FIELD_PROFIT, "profit"}, {FIELD_PROFIT, "loi-nhuan"}, {FIELD_PROFIT, "lai-lo"},
    {FIELD_INCOME, "income"}, {FIELD_INCOME, "thu-nhap-binh-quan"}, {FIELD_INCOME, "thu-nhap"},
    {FIELD_INCOME, "thu-nhap-bq"}, {FIELD_INCOME, "tnbq"}, {FIELD_INCOME, "average-income"},
    {FIELD_MARKET_ACCESS, "market-access"}, {FIELD_MARKET_ACCESS, "tiep-can-thi-truong"},
    {FIELD_VALUE_CHAIN, "value-chain"}, {FIELD_VALUE_CHAIN, "lien-ket-chuoi-gia-tri"},
    {FIELD_VALUE_CHAIN, "chuoi-gia-tri"},
    {FIELD_HIGH_TECH, "high-tech"}, {FIELD_HIGH_TECH, "ung-dung-cong-nghe-cao"},
    {FIELD_HIGH_TECH, "cong-nghe-cao"},
    {FIELD_ALLIANCE_MEMBER, "alliance-member"}, {FIELD_ALLIANCE_MEMBER, "thanh-vien-lien-minh"},
    {FIELD_ALLIANCE_MEMBER, "thanh-vien-lien-minh-htx"},
};

/* Keywords, in the order that settles overlaps (see the header). A keyword
 * is a run of whole words; a word ending in '*' matches by prefix. */
static const struct init_header_name init_keywords[] = {
    {FIELD_ALLIANCE_MEMBER, "lien-minh"}, {FIELD_ALLIANCE_MEMBER, "alliance*"},
    {FIELD_MARKET_ACCESS, "thi-truong"}, {FIELD_MARKET_ACCESS, "market*"},
    {FIELD_VALUE_CHAIN, "chuoi"}, {FIELD_VALUE_CHAIN, "chain*"},
    {FIELD_HIGH_TECH, "cong-nghe"}, {FIELD_HIGH_TECH, "cnc"}, {FIELD_HIGH_TECH, "tech*"},
    {FIELD_HIGH_TECH, "hi-tech"},
    {FIELD_DISSOLVED, "giai-the"}, {FIELD_DISSOLVED, "ngung"}, {FIELD_DISSOLVED, "dissol*"},
    {FIELD_DISSOLVED, "closed"}, {FIELD_DISSOLVED, "closure"}, {FIELD_DISSOLVED, "ngay-gt"},
    {FIELD_FOUNDED, "thanh-lap"}, {FIELD_FOUNDED, "tl"}, {FIELD_FOUNDED, "found*"},
    {FIELD_FOUNDED, "establish*"}, {FIELD_FOUNDED, "ngay-dang-ky"},
    {FIELD_FOUNDED, "registration-date"}, {FIELD_FOUNDED, "registered"},
    {FIELD_PROVINCE, "tinh"}, {FIELD_PROVINCE, "province*"},
    {FIELD_DISTRICT, "huyen"}, {FIELD_DISTRICT, "quan"}, {FIELD_DISTRICT, "district*"},
    {FIELD_DISTRICT, "commune*"}, {FIELD_DISTRICT, "dia-ban"},
    {FIELD_KIND, "loai-hinh"}, {FIELD_KIND, "loai"}, {FIELD_KIND, "kind"}, {FIELD_KIND, "type"},
    {FIELD_SECTOR, "linh-vuc"}, {FIELD_SECTOR, "nganh"}, {FIELD_SECTOR, "sector*"},
    {FIELD_SECTOR, "field"}, {FIELD_SECTOR, "industr*"}, {FIELD_SECTOR, "activit*"},
    {FIELD_INCOME, "thu-nhap"}, {FIELD_INCOME, "tnbq"}, {FIELD_INCOME, "tn-bq"},
    {FIELD_INCOME, "income*"}, {FIELD_INCOME, "salar*"},
    {FIELD_REVENUE, "doanh-thu"}, {FIELD_REVENUE, "dt"}, {FIELD_REVENUE, "revenue*"},
    {FIELD_REVENUE, "turnover"}, {FIELD_REVENUE, "sales"},
    {FIELD_PROFIT, "loi-nhuan"}, {FIELD_PROFIT, "lai"}, {FIELD_PROFIT, "ln"},
    {FIELD_PROFIT, "profit*"},
    {FIELD_WORKERS, "lao-dong"}, {FIELD_WORKERS, "ld"}, {FIELD_WORKERS, "worker*"},
    {FIELD_WORKERS, "employ*"}, {FIELD_WORKERS, "staff"}, {FIELD_WORKERS, "labo*"},
    {FIELD_MEMBERS, "thanh-vien"}, {FIELD_MEMBERS, "tv"}, {FIELD_MEMBERS, "member*"},
    {FIELD_NAME, "ten"}, {FIELD_NAME, "name*"},
    {FIELD_ID, "ma"}, {FIELD_ID, "id"}, {FIELD_ID, "code"}, {FIELD_ID, "mst"},
    {FIELD_ID, "so-dang-ky"}, {FIELD_ID, "registration*"}, {FIELD_ID, "tax"},
};

enum coop_field init_guess_known_header(const char *slug)
{
    for (size_t i = 0; slug && i < COUNT_OF(init_known_headers); i++)
        if (strcmp(slug, init_known_headers[i].slug) == 0)
            return init_known_headers[i].field;
    return FIELD_COUNT;
}

/* Whether word (its `length` bytes) matches pattern word (`pattern_length`
 * bytes, a final '*' meaning "starts with"). */
static bool init_word_matches(const char *word, size_t length, const char *pattern,
                              size_t pattern_length)
{
    if (pattern_length && pattern[pattern_length - 1] == '*')
        return length >= pattern_length - 1 && strncmp(word, pattern, pattern_length - 1) == 0;
    return length == pattern_length && strncmp(word, pattern, length) == 0;
}

/* Whether the words of pattern appear in a row among the words of slug. */
static bool init_has_words(const char *slug, const char *pattern)
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
            return true;
        start += strcspn(start, "-");
        start += *start == '-';
    }
    return false;
}

enum coop_field init_guess_header_keyword(const char *slug, const char **keyword)
{
    for (size_t i = 0; slug && *slug && i < COUNT_OF(init_keywords); i++)
        if (init_has_words(slug, init_keywords[i].slug)) {
            if (keyword)
                *keyword = init_keywords[i].slug;
            return init_keywords[i].field;
        }
    return FIELD_COUNT;
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

static const char *const init_agriculture[] = {
    "nong-nghiep", "nn", "nong-lam-thuy-san", "nong-lam-ngu-nghiep", "nong-lam-nghiep-thuy-san",
    "nong-nghiep-thuy-san", "dich-vu-nong-nghiep", "san-xuat-nong-nghiep", "agriculture",
    "agricultural", NULL};
static const char *const init_industry[] = {
    "cong-nghiep-tieu-thu-cong-nghiep", "cn-ttcn", "cnttcn", "ttcn", "tieu-thu-cong-nghiep",
    "cong-nghiep", "cn", "industry", "handicraft", "handicrafts", NULL};
static const char *const init_trade[] = {
    "thuong-mai", "tm", "thuong-mai-dich-vu", "tm-dv", "tmdv", "trade", "commerce", NULL};
static const char *const init_transport[] = {
    "giao-thong-van-tai", "gtvt", "van-tai", "transport", "transportation", NULL};
static const char *const init_construction[] = {"xay-dung", "xd", "construction", NULL};
static const char *const init_environment[] = {
    "ve-sinh-moi-truong", "vsmt", "moi-truong", "environment", "sanitation", NULL};
static const char *const init_credit[] = {
    "quy-tin-dung-nhan-dan", "qtdnd", "quy-tin-dung", "tin-dung", "people-s-credit-fund",
    "credit-fund", "credit", NULL};

/* In the order of the official report's sector rows. */
static const struct init_known_sector init_known_sectors[] = {
    {"nong_nghiep", "Nông nghiệp", NULL, init_agriculture},
    {"cn_ttcn", "Công nghiệp - Tiểu thủ công nghiệp", "CN-TTCN", init_industry},
    {"thuong_mai", "Thương mại", NULL, init_trade},
    {"gtvt", "Giao thông vận tải", "GTVT", init_transport},
    {"xay_dung", "Xây dựng", NULL, init_construction},
    {"moi_truong", "Vệ sinh môi trường", "VSMT", init_environment},
    {"quy_tin_dung", "Quỹ tín dụng nhân dân", "QTDND", init_credit},
};

size_t init_guess_known_sector(const char *slug)
{
    for (size_t s = 0; slug && s < COUNT_OF(init_known_sectors); s++)
        for (const char *const *known = init_known_sectors[s].slugs; *known; known++)
            if (strcmp(slug, *known) == 0)
                return s;
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

/* --- the period ------------------------------------------------------------------ */

bool init_guess_period_from_name(const char *path, int *year, int *period)
{
    const char *base = strrchr(path, '/');
    char *slug = text_slug(base ? base + 1 : path);
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
