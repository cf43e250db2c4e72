/*
 * Unit tests for init_guess: decimal votes,
 * month-first dates, known sectors, sector keywords, the grouping of sector
 * spellings, initials and words, periods from names.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "coopreport/init_guess.h"
#include "coopreport/text.h"

static void test_decimal_votes(void **state)
{
    (void)state;
    assert_int_equal(init_guess_decimal("12,5"), ',');
    assert_int_equal(init_guess_decimal("1.234,5"), ',');
    assert_int_equal(init_guess_decimal("1.234.567"), ',');
    assert_int_equal(init_guess_decimal("0,276"), ',');
    assert_int_equal(init_guess_decimal("-127,8"), ',');
    assert_int_equal(init_guess_decimal("12.5"), '.');
    assert_int_equal(init_guess_decimal("1,234.5"), '.');
    assert_int_equal(init_guess_decimal("1,234,567"), '.');
    assert_int_equal(init_guess_decimal("4.276"), 0);      /* either */
    assert_int_equal(init_guess_decimal("4,276"), 0);
    assert_int_equal(init_guess_decimal("1234"), 0);
    assert_int_equal(init_guess_decimal("17/09/1995"), 0);
    assert_int_equal(init_guess_decimal("."), 0);
    assert_int_equal(init_guess_decimal(""), 0);
}

/* Cells of one field, then the weighed guess. */
static struct init_decimal_guess weigh(char delimiter, enum coop_field field,
                                       const char *const *cells)
{
    struct init_decimal_evidence evidence;
    memset(&evidence, 0, sizeof evidence);
    for (; *cells; cells++)
        init_guess_note_number(&evidence, field, *cells);
    return init_guess_weigh_decimal(&evidence, delimiter);
}

static void test_decimal_weighing(void **state)
{
    (void)state;
    /* Whole amounts with dotted thousands in an Excel-VN export: no cell
     * proves it, the hints say ',' — and say it is not decided. */
    static const char *const revenue[] = {"4.285", "7.728", "1.250", NULL};
    struct init_decimal_guess guess = weigh(';', FIELD_REVENUE, revenue);
    assert_int_equal(guess.decimal, ',');
    assert_false(guess.decided);
    assert_non_null(strstr(guess.reason, "'4.285'"));
    assert_non_null(strstr(guess.reason, "delimiter is ';'"));
    /* The same without the ';': still ',', by the digits alone. */
    guess = weigh(',', FIELD_REVENUE, revenue);
    assert_int_equal(guess.decimal, ',');
    assert_false(guess.decided);
    /* A count written with a dot groups thousands. */
    static const char *const members[] = {"1.234", NULL};
    guess = weigh('\t', FIELD_MEMBERS, members);
    assert_int_equal(guess.decimal, ',');
    /* Income of 45 500 million a person is absurd: the dot is a decimal. */
    static const char *const income[] = {"45.500", NULL};
    guess = weigh('\t', FIELD_INCOME, income);
    assert_int_equal(guess.decimal, '.');
    assert_false(guess.decided);
    /* One cell that proves it decides. */
    static const char *const proven[] = {"4.285", "7.728", "12,5", NULL};
    guess = weigh(',', FIELD_REVENUE, proven);
    assert_int_equal(guess.decimal, ',');
    assert_true(guess.decided);
    static const char *const pointed[] = {"4.285", "12.75", NULL};
    guess = weigh(';', FIELD_REVENUE, pointed);
    assert_int_equal(guess.decimal, '.');
    assert_true(guess.decided);
    /* Nothing to tell, nothing to get wrong. */
    static const char *const plain[] = {"4285", "12", NULL};
    guess = weigh(';', FIELD_REVENUE, plain);
    assert_int_equal(guess.decimal, '.');
    assert_true(guess.decided);
}

static void test_month_first(void **state)
{
    (void)state;
    assert_true(init_guess_is_month_first("12/31/2024"));
    assert_true(init_guess_is_month_first("6/15/2024"));
    assert_false(init_guess_is_month_first("31/12/2024"));
    assert_false(init_guess_is_month_first("05/06/2024"));   /* ambiguous: day first */
    assert_false(init_guess_is_month_first("2024-12-31"));
}

static void test_sectors(void **state)
{
    (void)state;
    static const char *const agriculture[] = {"Nông nghiệp", "NN", "nong_nghiep",
                                              "Nông lâm thủy sản", "Agriculture"};
    for (size_t i = 0; i < sizeof agriculture / sizeof *agriculture; i++) {
        char *slug = text_slug(agriculture[i]);
        size_t index = init_guess_known_sector(slug);
        free(slug);
        assert_true(index != INIT_NO_SECTOR);
        assert_string_equal(init_guess_sector_info(index)->code, "nong_nghiep");
    }
    assert_true(init_guess_known_sector("trong-trot") == INIT_NO_SECTOR);
    /* Separators do not count: the code, "CN-TTCN" and "CNTTCN" are one. */
    assert_string_equal(init_guess_sector_info(init_guess_known_sector("cnttcn"))->code, "cn_ttcn");
    assert_string_equal(init_guess_sector_info(init_guess_known_sector("quy-tin-dung"))->code,
                        "quy_tin_dung");
    assert_null(init_guess_sector_info(init_guess_known_sector_count()));
    for (size_t k = 0; k < init_guess_known_sector_count(); k++) {
        const char *code = init_guess_sector_info(k)->code;
        assert_true(strspn(code, "abcdefghijklmnopqrstuvwxyz0123456789_") == strlen(code));
    }
    assert_true(init_guess_is_initials("gtvt", "giao-thong-van-tai"));
    assert_true(init_guess_is_initials("cn-ttcn", "cong-nghiep-tieu-thu-cong-nghiep"));
    assert_true(init_guess_is_initials("ns", "nuoc-sach"));
    assert_false(init_guess_is_initials("n", "nuoc"));
    assert_false(init_guess_is_initials("nsx", "nuoc-sach"));
    assert_true(init_guess_words_within("van-tai", "giao-thong-van-tai"));
    assert_true(init_guess_words_within("nuoc-sach", "cung-cap-nuoc-sach"));
    assert_false(init_guess_words_within("tai", "giao-thong-van-tai"));   /* one word */
    assert_false(init_guess_words_within("thong-van", "giao-thong-vantai"));
}

/* The code of the known sector a value names, "" when none. */
static const char *sector_code_of(const char *value, struct init_sector_match *match)
{
    char *slug = text_slug(value);
    assert_non_null(slug);
    *match = init_guess_sector(slug);
    free(slug);
    const struct init_known_sector *known = init_guess_sector_info(match->sector);
    return known ? known->code : "";
}

static const char *code_at(size_t index)
{
    const struct init_known_sector *known = init_guess_sector_info(index);
    return known ? known->code : "";
}

static void test_sector_words(void **state)
{
    static const struct {
        const char *value;
        const char *code;
    } cases[] = {
        /* the spellings the black-box tester found split */
        {"Công nghiệp - TTCN", "cn_ttcn"}, {"TTCN", "cn_ttcn"}, {"CN-TTCN", "cn_ttcn"},
        {"CN TTCN", "cn_ttcn"}, {"Industry and handicrafts", "cn_ttcn"},
        {"Tiểu thủ công nghiệp", "cn_ttcn"}, {"Thủ công mỹ nghệ", "cn_ttcn"},
        {"Trade and services", "thuong_mai"}, {"Trade", "thuong_mai"},
        {"Thương mại - Dịch vụ", "thuong_mai"}, {"Dịch vụ thương mại", "thuong_mai"},
        {"TM-DV", "thuong_mai"}, {"Commerce", "thuong_mai"},
        {"Clean water", "nuoc_sach"}, {"Nuoc sach", "nuoc_sach"}, {"Nước sạch", "nuoc_sach"},
        {"NS", "nuoc_sach"}, {"Cung cấp nước sạch", "nuoc_sach"},
        {"Nước sạch nông thôn", "nuoc_sach"},   /* "nông thôn" is no farming word */
        /* agriculture, "Dịch vụ nông nghiệp" included: "dịch vụ" is no trade word */
        {"Dịch vụ nông nghiệp", "nong_nghiep"}, {"DV nông nghiệp", "nong_nghiep"},
        {"Nông - Lâm - Thủy sản", "nong_nghiep"}, {"Nông lâm ngư nghiệp", "nong_nghiep"},
        {"Farming", "nong_nghiep"}, {"Agricultural services", "nong_nghiep"},
        {"Trồng trọt - Chăn nuôi", "nong_nghiep"}, {"NONG NGHIEP", "nong_nghiep"},
        {"Vận tải hàng hóa", "gtvt"}, {"GTVT", "gtvt"}, {"Transport services", "gtvt"},
        {"Xây dựng", "xay_dung"}, {"Construction", "xay_dung"},
        {"Vệ sinh môi trường", "moi_truong"}, {"Môi trường", "moi_truong"},
        {"Environment", "moi_truong"}, {"Thu gom rác", "moi_truong"},
        {"QTDND", "quy_tin_dung"}, {"Quỹ tín dụng", "quy_tin_dung"},
        {"People's credit fund", "quy_tin_dung"}, {"quy_tin_dung", "quy_tin_dung"},
        /* no known sector */
        {"Du lịch cộng đồng", ""}, {"Dịch vụ", ""}, {"Điện", ""},
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct init_sector_match match;
        const char *code = sector_code_of(cases[i].value, &match);
        if (strcmp(code, cases[i].code) != 0)
            fail_msg("'%s': sector '%s', expected '%s'", cases[i].value, code, cases[i].code);
    }

    struct init_sector_match match;
    /* A keyword says which word decided; a whole spelling says none. */
    assert_string_equal(sector_code_of("Công nghiệp - TTCN", &match), "cn_ttcn");
    assert_string_equal(match.keyword, "cong-nghiep");
    assert_string_equal(sector_code_of("TTCN", &match), "cn_ttcn");
    assert_null(match.keyword);
    /* Words of two sectors: none is chosen, both are named. */
    assert_string_equal(sector_code_of("Nông nghiệp - Thương mại", &match), "");
    assert_string_equal(code_at(match.named[0]), "nong_nghiep");
    assert_string_equal(code_at(match.named[1]), "thuong_mai");
    assert_string_equal(sector_code_of("Công nghiệp - Xây dựng", &match), "");
    assert_string_equal(code_at(match.named[0]), "cn_ttcn");
    assert_string_equal(code_at(match.named[1]), "xay_dung");
    /* One branch of farming alone stays apart, agriculture suggested. */
    static const char *const branches[] = {"Trồng trọt", "Chăn nuôi", "Thủy sản", "Fisheries"};
    for (size_t i = 0; i < sizeof branches / sizeof *branches; i++) {
        assert_string_equal(sector_code_of(branches[i], &match), "");
        assert_string_equal(code_at(match.named[0]), "nong_nghiep");
        assert_true(match.named[1] == INIT_NO_SECTOR);
    }
    assert_string_equal(sector_code_of("Du lịch cộng đồng", &match), "");
    assert_true(match.named[0] == INIT_NO_SECTOR);
}

/* Groups the spellings, checks them against the expected sectors (code,
 * label, rows, in the order written) and each spelling's sector. */
struct expected_sector {
    const char *code;
    const char *label;
    size_t rows;
};

static void check_grouping(const char *const *texts, const size_t *rows, const char *const *codes,
                           size_t count, const struct expected_sector *sectors,
                           size_t sector_count)
{
    struct init_sector_grouping grouping;
    assert_int_equal(init_guess_group_sectors(texts, rows, count, &grouping), 0);
    assert_int_equal(grouping.spelling_count, count);
    if (grouping.group_count != sector_count) {
        for (size_t g = 0; g < grouping.group_count; g++)
            print_message("  group %s = %s (%zu rows)\n", grouping.groups[g].code,
                          grouping.groups[g].label, grouping.groups[g].rows);
        fail_msg("%zu sectors, expected %zu", grouping.group_count, sector_count);
    }
    for (size_t i = 0; i < sector_count; i++) {
        const struct init_sector_group *group = &grouping.groups[grouping.order[i]];
        assert_string_equal(group->code, sectors[i].code);
        assert_string_equal(group->label, sectors[i].label);
        if (group->rows != sectors[i].rows)
            fail_msg("%s: %zu rows, expected %zu", group->code, group->rows, sectors[i].rows);
    }
    for (size_t i = 0; i < grouping.spelling_count; i++) {
        const struct init_sector_spelling *spelling = &grouping.spellings[i];
        size_t wanted = 0;
        while (wanted < count && texts[wanted] != spelling->text)
            wanted++;
        assert_true(wanted < count);
        if (strcmp(grouping.groups[spelling->group].code, codes[wanted]) != 0)
            fail_msg("'%s' in %s, expected %s", spelling->text,
                     grouping.groups[spelling->group].code, codes[wanted]);
        /* Every spelling but a label says why it is there. */
        if (strcmp(spelling->text, grouping.groups[spelling->group].label) != 0 &&
            !spelling->reason)
            fail_msg("'%s' has no reason", spelling->text);
    }
    init_guess_release_grouping(&grouping);
}

static void test_group_industry(void **state)
{
    /* "Công nghiệp - TTCN" was a sector of its own: cn_ttcn counted 0 of 3. */
    static const char *const texts[] = {"Công nghiệp - TTCN", "TTCN", "CN-TTCN"};
    static const size_t rows[] = {1, 1, 1};
    static const char *const codes[] = {"cn_ttcn", "cn_ttcn", "cn_ttcn"};
    static const struct expected_sector sectors[] = {
        {"cn_ttcn", "Công nghiệp - Tiểu thủ công nghiệp", 3}};
    (void)state;
    check_grouping(texts, rows, codes, 3, sectors, 1);
}

static void test_group_english(void **state)
{
    static const char *const texts[] = {"Trade and services", "Trade", "Industry and handicrafts",
                                        "Clean water", "Agriculture", "Farming"};
    static const size_t rows[] = {4, 1, 2, 3, 5, 1};
    static const char *const codes[] = {"thuong_mai", "thuong_mai", "cn_ttcn", "nuoc_sach",
                                        "nong_nghiep", "nong_nghiep"};
    static const struct expected_sector sectors[] = {
        {"nong_nghiep", "Nông nghiệp", 6},
        {"cn_ttcn", "Công nghiệp - Tiểu thủ công nghiệp", 2},
        {"thuong_mai", "Thương mại", 5},
        {"nuoc_sach", "Nước sạch", 3},
    };
    (void)state;
    check_grouping(texts, rows, codes, 6, sectors, 4);
}

static void test_group_water(void **state)
{
    /* The spelling without diacritics is the most frequent: the label is
     * still the Vietnamese one. */
    static const char *const texts[] = {"Nuoc sach", "Nước sạch"};
    static const size_t rows[] = {5, 1};
    static const char *const codes[] = {"nuoc_sach", "nuoc_sach"};
    static const struct expected_sector sectors[] = {{"nuoc_sach", "Nước sạch", 6}};
    (void)state;
    check_grouping(texts, rows, codes, 2, sectors, 1);
    /* "NS" alone is Nước sạch, not a sector "ns". */
    static const char *const alone[] = {"NS", "Nông nghiệp"};
    static const size_t alone_rows[] = {1, 1};
    static const char *const alone_codes[] = {"nuoc_sach", "nong_nghiep"};
    static const struct expected_sector alone_sectors[] = {
        {"nong_nghiep", "Nông nghiệp", 1}, {"nuoc_sach", "Nước sạch", 1}};
    check_grouping(alone, alone_rows, alone_codes, 2, alone_sectors, 2);
}

static void test_group_mixed(void **state)
{
    /* Vietnamese, English and no diacritics in one file, and sectors of the
     * province's own. */
    static const char *const texts[] = {
        "Nông nghiệp", "NONG NGHIEP", "Agriculture", "nong_nghiep", "Dịch vụ nông nghiệp",
        "Thương mại - Dịch vụ", "Trade", "TM", "Thuong mai",
        "Giao thông vận tải", "Transport", "Van tai",
        "Xây dựng", "Construction", "XD",
        "Vệ sinh môi trường", "Environment",
        "QTDND", "Quỹ tín dụng", "Credit fund",
        "Công nghiệp - TTCN", "Tieu thu cong nghiep", "Handicrafts",
        "Nuoc sach", "Nước sạch", "NS", "Clean water",
        "Chan nuoi", "Chăn nuôi",
        "Du lich cong dong", "Du lịch - cộng đồng",
        "Community tourism", "Community-tourism",
        "Nông nghiệp - Thương mại",
    };
    static const size_t rows[] = {
        9, 2, 1, 1, 2,
        2, 1, 1, 1,
        1, 1, 1,
        1, 1, 1,
        1, 1,
        1, 1, 1,
        1, 1, 1,
        3, 1, 1, 1,
        4, 1,
        3, 1,
        1, 1,
        1,
    };
    static const char *const codes[] = {
        "nong_nghiep", "nong_nghiep", "nong_nghiep", "nong_nghiep", "nong_nghiep",
        "thuong_mai", "thuong_mai", "thuong_mai", "thuong_mai",
        "gtvt", "gtvt", "gtvt",
        "xay_dung", "xay_dung", "xay_dung",
        "moi_truong", "moi_truong",
        "quy_tin_dung", "quy_tin_dung", "quy_tin_dung",
        "cn_ttcn", "cn_ttcn", "cn_ttcn",
        "nuoc_sach", "nuoc_sach", "nuoc_sach", "nuoc_sach",
        "chan_nuoi", "chan_nuoi",
        "du_lich_cong_dong", "du_lich_cong_dong",
        "community_tourism", "community_tourism",
        "nong_nghiep_thuong_mai",
    };
    static const struct expected_sector sectors[] = {
        {"nong_nghiep", "Nông nghiệp", 15},
        {"cn_ttcn", "Công nghiệp - Tiểu thủ công nghiệp", 3},
        {"thuong_mai", "Thương mại", 5},
        {"gtvt", "Giao thông vận tải", 3},
        {"xay_dung", "Xây dựng", 3},
        {"moi_truong", "Vệ sinh môi trường", 2},
        {"quy_tin_dung", "Quỹ tín dụng nhân dân", 3},
        /* then the others as found, most frequent spelling first */
        {"chan_nuoi", "Chăn nuôi", 5},          /* diacritics over frequency */
        {"nuoc_sach", "Nước sạch", 6},
        {"du_lich_cong_dong", "Du lịch - cộng đồng", 4},
        {"community_tourism", "Community tourism", 2},
        {"nong_nghiep_thuong_mai", "Nông nghiệp - Thương mại", 1},
    };
    (void)state;
    assert_int_equal(sizeof texts / sizeof *texts, sizeof rows / sizeof *rows);
    assert_int_equal(sizeof texts / sizeof *texts, sizeof codes / sizeof *codes);
    check_grouping(texts, rows, codes, sizeof texts / sizeof *texts, sectors,
                   sizeof sectors / sizeof *sectors);

    struct init_sector_grouping grouping;
    assert_int_equal(init_guess_group_sectors(texts, rows, sizeof texts / sizeof *texts,
                                              &grouping), 0);
    for (size_t g = 0; g < grouping.group_count; g++) {
        const struct init_sector_group *group = &grouping.groups[g];
        if (strcmp(group->code, "nong_nghiep_thuong_mai") == 0) {
            /* Its words name two sectors: it says which, for the comment. */
            assert_string_equal(code_at(group->named[0]), "nong_nghiep");
            assert_string_equal(code_at(group->named[1]), "thuong_mai");
        } else if (strcmp(group->code, "chan_nuoi") == 0) {
            assert_string_equal(code_at(group->named[0]), "nong_nghiep");
        } else if (group->known == INIT_NO_SECTOR) {
            assert_true(group->named[0] == INIT_NO_SECTOR);
        }
    }
    for (size_t i = 0; i < grouping.spelling_count; i++)
        if (strcmp(grouping.spellings[i].text, "Chan nuoi") == 0)
            assert_string_equal(grouping.spellings[i].reason, "the same letters as 'Chăn nuôi'");
        else if (strcmp(grouping.spellings[i].text, "Công nghiệp - TTCN") == 0)
            assert_string_equal(grouping.spellings[i].reason,
                                "guess: its words (cong nghiep) name this sector");
        else if (strcmp(grouping.spellings[i].text, "NS") == 0)
            assert_string_equal(grouping.spellings[i].reason,
                                "guess: a usual name of this sector");
    init_guess_release_grouping(&grouping);
}

static void test_group_nothing(void **state)
{
    struct init_sector_grouping grouping;
    (void)state;
    assert_int_equal(init_guess_group_sectors(NULL, NULL, 0, &grouping), 0);
    assert_int_equal(grouping.group_count, 0);
    init_guess_release_grouping(&grouping);
}

static void test_period_from_name(void **state)
{
    int year, period;
    (void)state;
    assert_true(init_guess_period_from_name("data/htx_2024_h1.csv", &year, &period));
    assert_int_equal(year, 2024);
    assert_int_equal(period, PERIOD_H1);
    assert_true(init_guess_period_from_name("ds-htx-6-thang-2024.csv", &year, &period));
    assert_int_equal(period, PERIOD_H1);
    assert_true(init_guess_period_from_name("Báo cáo năm 2023.csv", &year, &period));
    assert_int_equal(year, 2023);
    assert_int_equal(period, PERIOD_FY);
    assert_true(init_guess_period_from_name("coop_list_2024.csv", &year, &period));
    assert_int_equal(period, -1);
    assert_false(init_guess_period_from_name("xuat-du-lieu.csv", &year, &period));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decimal_votes),
        cmocka_unit_test(test_decimal_weighing),
        cmocka_unit_test(test_month_first),
        cmocka_unit_test(test_sectors),
        cmocka_unit_test(test_sector_words),
        cmocka_unit_test(test_group_industry),
        cmocka_unit_test(test_group_english),
        cmocka_unit_test(test_group_water),
        cmocka_unit_test(test_group_mixed),
        cmocka_unit_test(test_group_nothing),
        cmocka_unit_test(test_period_from_name),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
