/*
 * Unit tests for init_header: the field of real-world header spellings, for
 * every field of the coops and groups files (SPEC §4) — Vietnamese with and
 * without diacritics, upper case, units in brackets, English, snake_case
 * export names — and near misses that must name another field or none.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "coopreport/init_header.h"

struct header_case {
    const char *header;
    enum coop_field field;   /* FIELD_COUNT: no field */
};

/* config_field_name is config's; this test links init_header alone. */
static const char *field_name(enum coop_field field)
{
    static const char *const names[FIELD_COUNT + 1] = {
        "id", "name", "province", "district", "kind", "sector", "founded", "dissolved",
        "members", "workers", "revenue", "profit", "income", "market_access", "value_chain",
        "high_tech", "alliance_member", "no field"};
    return names[field];
}

static void check_cases(const struct header_case *cases, size_t count)
{
    size_t failures = 0;
    for (size_t i = 0; i < count; i++) {
        struct init_header_match match = init_header_match(cases[i].header);
        if (match.field != cases[i].field) {
            print_error("'%s': %s (by '%s'), expected %s\n", cases[i].header,
                        field_name(match.field), match.phrase ? match.phrase : "",
                        field_name(cases[i].field));
            failures++;
        }
    }
    if (failures)
        fail_msg("%zu of %zu headers mapped wrongly", failures, count);
}

static void test_every_field(void **state)
{
    static const struct header_case cases[] = {
        {"Mã HTX", FIELD_ID}, {"MA_HTX", FIELD_ID}, {"Mã số thuế", FIELD_ID},
        {"MA SO THUE", FIELD_ID}, {"MST", FIELD_ID}, {"MA_DKKD", FIELD_ID},
        {"Số ĐKKD", FIELD_ID}, {"Coop ID", FIELD_ID}, {"Registration code", FIELD_ID},
        {"Tax code", FIELD_ID}, {"id", FIELD_ID}, {"Mã số HTX (theo GCN)", FIELD_ID},
        {"Mã tổ hợp tác", FIELD_ID},

        {"Tên hợp tác xã", FIELD_NAME}, {"Ten HTX", FIELD_NAME}, {"TEN_DON_VI", FIELD_NAME},
        {"TÊN HTX", FIELD_NAME}, {"Cooperative name", FIELD_NAME}, {"Name", FIELD_NAME},
        {"Tên tổ hợp tác", FIELD_NAME}, {"Tên HTX (đầy đủ)", FIELD_NAME},
        {"Cooperative", FIELD_NAME},

        {"Tỉnh", FIELD_PROVINCE}, {"Mã tỉnh", FIELD_PROVINCE}, {"TINH_TP", FIELD_PROVINCE},
        {"Tỉnh/Thành phố", FIELD_PROVINCE}, {"Province code", FIELD_PROVINCE},
        {"ten tinh", FIELD_PROVINCE}, {"Province", FIELD_PROVINCE},

        {"Huyện", FIELD_DISTRICT}, {"Quận/Huyện", FIELD_DISTRICT}, {"QUAN_HUYEN", FIELD_DISTRICT},
        {"Huyện/Thị xã/Thành phố", FIELD_DISTRICT}, {"Xã/Phường", FIELD_DISTRICT},
        {"District", FIELD_DISTRICT}, {"Địa bàn", FIELD_DISTRICT}, {"Quan", FIELD_DISTRICT},
        {"Mã huyện", FIELD_DISTRICT},

        {"Loại hình", FIELD_KIND}, {"LOAI_HINH", FIELD_KIND}, {"Loại hình (HTX/LHHTX)", FIELD_KIND},
        {"Loai hinh to chuc", FIELD_KIND}, {"Kind", FIELD_KIND}, {"Type", FIELD_KIND},

        {"Lĩnh vực", FIELD_SECTOR}, {"Ngành nghề", FIELD_SECTOR},
        {"LINH_VUC_HOAT_DONG", FIELD_SECTOR}, {"Field", FIELD_SECTOR},
        {"Lĩnh vực hoạt động chính", FIELD_SECTOR}, {"Sector", FIELD_SECTOR},
        {"Ngành nghề kinh doanh", FIELD_SECTOR}, {"linh vuc", FIELD_SECTOR},
        {"Mã lĩnh vực", FIELD_SECTOR},

        {"Ngày thành lập", FIELD_FOUNDED}, {"NGAY_TL", FIELD_FOUNDED},
        {"Date established", FIELD_FOUNDED}, {"Founded", FIELD_FOUNDED},
        {"Ngày thành lập (dd/mm/yyyy)", FIELD_FOUNDED}, {"NGÀY ĐĂNG KÝ THÀNH LẬP", FIELD_FOUNDED},
        {"ngay thanh lap", FIELD_FOUNDED}, {"Registration date", FIELD_FOUNDED},
        {"Date of registration", FIELD_FOUNDED}, {"Ngày cấp ĐKKD", FIELD_FOUNDED},

        {"Ngày giải thể", FIELD_DISSOLVED}, {"NGAY_GT", FIELD_DISSOLVED},
        {"Ngày ngừng hoạt động", FIELD_DISSOLVED}, {"Dissolved", FIELD_DISSOLVED},
        {"Date dissolved", FIELD_DISSOLVED}, {"ngay giai the", FIELD_DISSOLVED},
        {"Dissolution date", FIELD_DISSOLVED},

        {"Số thành viên", FIELD_MEMBERS}, {"SO_TV", FIELD_MEMBERS},
        {"No. of members", FIELD_MEMBERS}, {"Tổng số thành viên (người)", FIELD_MEMBERS},
        {"SỐ THÀNH VIÊN", FIELD_MEMBERS}, {"Members", FIELD_MEMBERS},
        {"so thanh vien", FIELD_MEMBERS}, {"Số xã viên", FIELD_MEMBERS},
        {"Number of members", FIELD_MEMBERS},

        {"Tổng số lao động", FIELD_WORKERS}, {"Số lao động", FIELD_WORKERS},
        {"Workers", FIELD_WORKERS}, {"SO_LD", FIELD_WORKERS}, {"Số LĐ thường xuyên", FIELD_WORKERS},
        {"Lao động thường xuyên (người)", FIELD_WORKERS}, {"Number of employees", FIELD_WORKERS},
        {"so lao dong", FIELD_WORKERS},

        {"Doanh thu (triệu đồng)", FIELD_REVENUE}, {"DOANH_THU", FIELD_REVENUE},
        {"Tổng doanh thu", FIELD_REVENUE}, {"Revenue", FIELD_REVENUE},
        {"DT (tr.đ)", FIELD_REVENUE}, {"doanh thu trong ky", FIELD_REVENUE},
        {"Turnover (million VND)", FIELD_REVENUE},

        {"Lợi nhuận", FIELD_PROFIT}, {"LOI_NHUAN", FIELD_PROFIT},
        {"Lợi nhuận sau thuế (triệu đồng)", FIELD_PROFIT}, {"Profit", FIELD_PROFIT},
        {"Lãi/lỗ", FIELD_PROFIT}, {"loi nhuan", FIELD_PROFIT}, {"LN", FIELD_PROFIT},

        {"Thu nhập bình quân", FIELD_INCOME}, {"TN_BQ", FIELD_INCOME},
        {"Thu nhập bình quân (triệu đồng/người/năm)", FIELD_INCOME},
        {"Thu nhập bình quân của thành viên, người lao động", FIELD_INCOME},
        {"Thu nhập bình quân của thành viên, người lao động (triệu đồng/người/năm)", FIELD_INCOME},
        {"Thu nhập bình quân (triệu đồng)", FIELD_INCOME},
        {"THU NHAP BINH QUAN", FIELD_INCOME}, {"Thu nhap binh quan (trieu dong)", FIELD_INCOME},
        {"TN_BQ_NGUOI_NAM", FIELD_INCOME}, {"Average income", FIELD_INCOME},
        {"Thu nhập BQ thành viên", FIELD_INCOME},

        {"Tiếp cận thị trường", FIELD_MARKET_ACCESS}, {"TIEP_CAN_THI_TRUONG", FIELD_MARKET_ACCESS},
        {"Market access", FIELD_MARKET_ACCESS}, {"Có tiếp cận thị trường (x)", FIELD_MARKET_ACCESS},
        {"tiep can thi truong", FIELD_MARKET_ACCESS},

        {"Liên kết chuỗi giá trị", FIELD_VALUE_CHAIN}, {"LK_CHUOI", FIELD_VALUE_CHAIN},
        {"Value chain", FIELD_VALUE_CHAIN}, {"Tham gia chuỗi giá trị (có/không)", FIELD_VALUE_CHAIN},
        {"lien ket chuoi gia tri", FIELD_VALUE_CHAIN},

        {"Ứng dụng công nghệ cao", FIELD_HIGH_TECH}, {"UD_CNC", FIELD_HIGH_TECH},
        {"High tech", FIELD_HIGH_TECH}, {"Hi-tech", FIELD_HIGH_TECH},
        {"ung dung cong nghe cao", FIELD_HIGH_TECH}, {"ỨNG DỤNG CÔNG NGHỆ CAO (x)", FIELD_HIGH_TECH},

        {"Thành viên Liên minh", FIELD_ALLIANCE_MEMBER}, {"TV_LIEN_MINH", FIELD_ALLIANCE_MEMBER},
        {"Alliance member", FIELD_ALLIANCE_MEMBER},
        {"Thành viên Liên minh HTX tỉnh", FIELD_ALLIANCE_MEMBER},
        {"thanh vien lien minh", FIELD_ALLIANCE_MEMBER},
        {"Member of the Cooperative Alliance", FIELD_ALLIANCE_MEMBER},
    };
    (void)state;
    check_cases(cases, sizeof cases / sizeof *cases);
}

/* Near misses: a word of one field inside another's phrase, a diacritic that
 * makes another word, and columns that are no field. */
static void test_near_misses(void **state)
{
    static const struct header_case cases[] = {
        /* "quân" (average) is not "quận" (district) */
        {"Thu nhập bình quân của thành viên, người lao động (triệu đồng/người/năm)", FIELD_INCOME},
        {"Quân", FIELD_COUNT},
        /* "thành viên" and "người lao động" qualify the income */
        {"Thu nhập của người lao động", FIELD_INCOME},
        /* "xã" inside "hợp tác xã", "xã viên" */
        {"Mã hợp tác xã", FIELD_ID}, {"Số xã viên", FIELD_MEMBERS},
        /* "thành viên" inside the alliance phrase */
        {"Thành viên liên minh", FIELD_ALLIANCE_MEMBER},
        /* the name of someone else, an address, a phone */
        {"Tên người đại diện", FIELD_COUNT}, {"Họ tên giám đốc", FIELD_COUNT},
        {"Địa chỉ", FIELD_COUNT}, {"Địa chỉ trụ sở (xã, huyện)", FIELD_COUNT},
        {"Số điện thoại", FIELD_COUNT}, {"Số ĐT", FIELD_COUNT}, {"SĐT", FIELD_COUNT},
        {"Lãi suất cho vay", FIELD_COUNT}, {"Vốn điều lệ (triệu đồng)", FIELD_COUNT},
        {"STT", FIELD_COUNT}, {"Số TT", FIELD_COUNT}, {"No.", FIELD_COUNT},
        {"Ghi chú", FIELD_COUNT}, {"GHI_CHU", FIELD_COUNT}, {"Email", FIELD_COUNT},
        {"Thành phố", FIELD_COUNT}, {"Ngày", FIELD_COUNT}, {"(triệu đồng)", FIELD_COUNT},
        {"", FIELD_COUNT}, {"Tổ hợp tác", FIELD_COUNT},
    };
    (void)state;
    check_cases(cases, sizeof cases / sizeof *cases);
}

static void test_whole_names(void **state)
{
    (void)state;
    struct init_header_match match = init_header_match("Mã HTX");
    assert_int_equal(match.field, FIELD_ID);
    assert_true(match.whole);
    match = init_header_match("MA_HTX");
    assert_true(match.whole);
    match = init_header_match("Thu nhập bình quân (triệu đồng/người/năm)");
    assert_int_equal(match.field, FIELD_INCOME);
    assert_true(match.whole);   /* the unit in brackets is no part of the name */
    match = init_header_match("Thu nhập bình quân của thành viên, người lao động");
    assert_int_equal(match.field, FIELD_INCOME);
    assert_false(match.whole);
    assert_string_equal(match.phrase, "thu nhập bình quân");
    match = init_header_match("Số điện thoại");
    assert_int_equal(match.field, FIELD_COUNT);
    assert_string_equal(match.phrase, "điện thoại");
    match = init_header_match("\xff\xfe");
    assert_int_equal(match.field, FIELD_COUNT);
    assert_null(match.phrase);
}

/* Several headers naming one field: which is mapped (init_header_choose), in
 * either order of the columns. */
struct choose_case {
    enum coop_field field;
    int year, period;           /* the report's; year 0: not known yet */
    const char *headers[4];     /* NULL-terminated */
    const char *chosen;
};

static void test_choose(void **state)
{
    static const struct choose_case cases[] = {
        /* SPEC §4: workers = "số lao động thường xuyên" */
        {FIELD_WORKERS, 0, -1, {"Tổng số lao động", "Số lao động thường xuyên"},
         "Số lao động thường xuyên"},
        {FIELD_WORKERS, 0, -1, {"Số lao động", "Số lao động thường xuyên"},
         "Số lao động thường xuyên"},
        {FIELD_WORKERS, 0, -1, {"Tổng số lao động", "Số lao động", "SO_LD_THUONG_XUYEN"},
         "SO_LD_THUONG_XUYEN"},
        {FIELD_WORKERS, 0, -1, {"Số LĐ thường xuyên (người)", "Lao động"},
         "Số LĐ thường xuyên (người)"},
        {FIELD_WORKERS, 0, -1, {"Lao động thời vụ", "Tổng số lao động"}, "Tổng số lao động"},
        {FIELD_WORKERS, 0, -1, {"Số lao động nữ", "Số lao động"}, "Số lao động"},
        /* members: the count itself, not a part of it */
        {FIELD_MEMBERS, 0, -1, {"Số thành viên là nữ", "Số thành viên"}, "Số thành viên"},
        {FIELD_MEMBERS, 0, -1, {"Số thành viên là pháp nhân", "Tổng số thành viên",
                                "Số thành viên"}, "Số thành viên"},
        {FIELD_MEMBERS, 0, -1, {"Số thành viên là pháp nhân", "Tổng số thành viên"},
         "Tổng số thành viên"},
        {FIELD_MEMBERS, 0, -1, {"SO_TV_NU", "SO_TV"}, "SO_TV"},
        /* founded: the founding date, not the date a certificate was issued */
        {FIELD_FOUNDED, 0, -1, {"Ngày cấp giấy chứng nhận đăng ký", "Ngày thành lập"},
         "Ngày thành lập"},
        {FIELD_FOUNDED, 0, -1, {"Ngày cấp GCN ĐKKD", "Ngay thanh lap"}, "Ngay thanh lap"},
        /* id: the cooperative's code before the tax code */
        {FIELD_ID, 0, -1, {"Mã số thuế", "Mã HTX"}, "Mã HTX"},
        {FIELD_ID, 0, -1, {"MST", "MA_HTX"}, "MA_HTX"},
        /* name: the name, not its trading or short form */
        {FIELD_NAME, 0, -1, {"Tên giao dịch", "Tên viết tắt", "Tên HTX"}, "Tên HTX"},
        {FIELD_NAME, 0, -1, {"Tên viết tắt", "Tên hợp tác xã"}, "Tên hợp tác xã"},
        /* amounts of a period: the report's period, never another year's */
        {FIELD_REVENUE, 2024, PERIOD_H1, {"Doanh thu năm 2023", "Doanh thu 6 tháng 2024"},
         "Doanh thu 6 tháng 2024"},
        {FIELD_REVENUE, 2024, PERIOD_H1,
         {"Doanh thu năm 2023 (triệu đồng)", "Tổng doanh thu (triệu đồng)"},
         "Tổng doanh thu (triệu đồng)"},
        {FIELD_REVENUE, 2024, PERIOD_FY, {"Doanh thu 2023", "Doanh thu 2024"}, "Doanh thu 2024"},
        {FIELD_REVENUE, 2024, PERIOD_FY, {"Doanh thu 6 tháng 2024", "Doanh thu năm 2024"},
         "Doanh thu năm 2024"},
        {FIELD_REVENUE, 2025, PERIOD_FY, {"Doanh thu 2023", "Doanh thu 2024"}, "Doanh thu 2024"},
        {FIELD_PROFIT, 2024, PERIOD_H1, {"Lợi nhuận năm 2023", "Lãi 6 tháng đầu năm 2024"},
         "Lãi 6 tháng đầu năm 2024"},
        {FIELD_INCOME, 2024, PERIOD_FY,
         {"Thu nhập bình quân năm 2023", "Thu nhập bình quân (triệu đồng/người/năm)"},
         "Thu nhập bình quân (triệu đồng/người/năm)"},
    };
    (void)state;
    size_t failures = 0;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        size_t count = 0;
        while (count < 4 && cases[i].headers[count])
            count++;
        /* as written, then in reverse order: the order of the columns decides nothing */
        for (int reversed = 0; reversed < 2; reversed++) {
            const char *headers[4];
            for (size_t k = 0; k < count; k++)
                headers[k] = cases[i].headers[reversed ? count - 1 - k : k];
            size_t chosen = init_header_choose(headers, count, cases[i].field, cases[i].year,
                                               cases[i].period);
            if (chosen == count || strcmp(headers[chosen], cases[i].chosen) != 0) {
                print_error("%s, %s order: chose '%s', expected '%s'\n",
                            field_name(cases[i].field), reversed ? "reversed" : "given",
                            chosen == count ? "(none)" : headers[chosen], cases[i].chosen);
                failures++;
            }
        }
    }
    if (failures)
        fail_msg("%zu choices wrong", failures);
}

/* What a fit says of a header, for the comments init writes. */
static void test_fit(void **state)
{
    (void)state;
    struct init_header_fit fit = init_header_fit("Số lao động thường xuyên", 0, -1);
    assert_int_equal(fit.field, FIELD_WORKERS);
    assert_int_equal(fit.name, INIT_NAME_OWN);
    assert_null(fit.part);
    fit = init_header_fit("Tổng số lao động", 0, -1);
    assert_int_equal(fit.name, INIT_NAME_USUAL);
    fit = init_header_fit("Số thành viên là nữ", 0, -1);
    assert_int_equal(fit.field, FIELD_MEMBERS);
    assert_string_equal(fit.part, "nữ");
    fit = init_header_fit("Doanh thu năm 2023 (triệu đồng)", 2024, PERIOD_H1);
    assert_int_equal(fit.period, INIT_PERIOD_OTHER);
    assert_int_equal(fit.year, 2023);
    assert_int_equal(fit.named_period, PERIOD_FY);
    fit = init_header_fit("Doanh thu 6 tháng 2024", 2024, PERIOD_H1);
    assert_int_equal(fit.period, INIT_PERIOD_REPORT);
    assert_int_equal(init_header_period_end(&fit), 20240630);
    /* a unit "per year" names no year */
    fit = init_header_fit("Thu nhập bình quân (triệu đồng/người/năm)", 2024, PERIOD_H1);
    assert_int_equal(fit.period, INIT_PERIOD_NONE);
    /* years count for amounts only */
    fit = init_header_fit("Số thành viên 2023", 2024, PERIOD_H1);
    assert_int_equal(fit.period, INIT_PERIOD_NONE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_field),
        cmocka_unit_test(test_near_misses),
        cmocka_unit_test(test_whole_names),
        cmocka_unit_test(test_choose),
        cmocka_unit_test(test_fit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
