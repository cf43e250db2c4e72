/*
 * Unit tests for init_guess: header names and keywords, decimal votes,
 * month-first dates, known sectors, initials and words, periods from names.
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

/* The field of a header as init maps it: known name first, then keyword. */
static enum coop_field field_of(const char *header)
{
    char *slug = text_slug(header);
    enum coop_field field = init_guess_known_header(slug);
    if (field == FIELD_COUNT)
        field = init_guess_header_keyword(slug, NULL);
    free(slug);
    return field;
}

static void test_headers(void **state)
{
    static const struct {
        const char *header;
        enum coop_field field;
    } cases[] = {
        {"Mã HTX", FIELD_ID}, {"Mã số thuế", FIELD_ID}, {"MA_DKKD", FIELD_ID},
        {"Coop ID", FIELD_ID}, {"Registration code", FIELD_ID},
        {"Tên hợp tác xã", FIELD_NAME}, {"Ten HTX", FIELD_NAME}, {"TEN_DON_VI", FIELD_NAME},
        {"Cooperative name", FIELD_NAME}, {"Tỉnh", FIELD_PROVINCE}, {"Mã tỉnh", FIELD_PROVINCE},
        {"Huyện", FIELD_DISTRICT}, {"Loại hình", FIELD_KIND}, {"Lĩnh vực", FIELD_SECTOR},
        {"Ngành nghề", FIELD_SECTOR}, {"LINH_VUC_HOAT_DONG", FIELD_SECTOR}, {"Field", FIELD_SECTOR},
        {"Ngày thành lập", FIELD_FOUNDED}, {"NGAY_TL", FIELD_FOUNDED},
        {"Date established", FIELD_FOUNDED}, {"Founded", FIELD_FOUNDED},
        {"Ngày giải thể", FIELD_DISSOLVED}, {"NGAY_GT", FIELD_DISSOLVED},
        {"Số thành viên", FIELD_MEMBERS}, {"SO_TV", FIELD_MEMBERS},
        {"No. of members", FIELD_MEMBERS}, {"Tổng số lao động", FIELD_WORKERS},
        {"Số lao động", FIELD_WORKERS}, {"Workers", FIELD_WORKERS},
        {"Doanh thu (triệu đồng)", FIELD_REVENUE}, {"Lợi nhuận", FIELD_PROFIT},
        {"Thu nhập bình quân", FIELD_INCOME}, {"TN_BQ", FIELD_INCOME},
        {"Tiếp cận thị trường", FIELD_MARKET_ACCESS},
        {"Liên kết chuỗi giá trị", FIELD_VALUE_CHAIN},
        {"Ứng dụng công nghệ cao", FIELD_HIGH_TECH},
        {"Thành viên Liên minh", FIELD_ALLIANCE_MEMBER},
        {"STT", FIELD_COUNT}, {"Ghi chú", FIELD_COUNT}, {"Số điện thoại", FIELD_COUNT},
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        enum coop_field got = field_of(cases[i].header);
        if (got != cases[i].field)
            fail_msg("'%s': field %d, expected %d", cases[i].header, got, cases[i].field);
    }
}

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
        cmocka_unit_test(test_headers),
        cmocka_unit_test(test_decimal_votes),
        cmocka_unit_test(test_month_first),
        cmocka_unit_test(test_sectors),
        cmocka_unit_test(test_period_from_name),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
