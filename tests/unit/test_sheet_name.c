/*
 * Unit tests for sheet_name: where a long label is cut. Vietnamese spaces
 * separate syllables, so a cut must not leave half a word ("xã" of "xã hội",
 * "ô" of "ô tô") nor end on a word that begins a phrase ("và", "của").
 * Material: the 21 sections of VSIC 2018 and targets' labels.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "coopreport/sheet_name.h"

struct name_case {
    const char *label;
    const char *name;
};

static void check_names(const struct name_case *cases, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        char name[128];
        bool cut = sheet_name_make(cases[i].label, name, sizeof name);
        if (strcmp(name, cases[i].name) != 0)
            fail_msg("'%s': expected '%s', got '%s'", cases[i].label, cases[i].name, name);
        size_t length = strlen(cases[i].name);
        assert_int_equal(cut, length >= 3 && strcmp(cases[i].name + length - 3, "…") == 0);
    }
}

static void test_vsic_sections(void **state)
{
    (void)state;
    static const struct name_case cases[] = {
        {"Nông nghiệp, lâm nghiệp và thủy sản", "Nông nghiệp, lâm nghiệp…"},
        {"Khai khoáng", "Khai khoáng"},
        {"Công nghiệp chế biến, chế tạo", "Công nghiệp chế biến, chế tạo"},
        {"Sản xuất và phân phối điện, khí đốt, nước nóng, hơi nước và điều hòa không khí",
         "Sản xuất và phân phối điện…"},
        {"Cung cấp nước; hoạt động quản lý và xử lý rác thải, nước thải",
         "Cung cấp nước; hoạt động…"},
        {"Xây dựng", "Xây dựng"},
        /* Not "… sửa chữa ô…": the phrase before ';' is kept whole. */
        {"Bán buôn và bán lẻ; sửa chữa ô tô, mô tô, xe máy và xe có động cơ khác",
         "Bán buôn và bán lẻ…"},
        {"Vận tải kho bãi", "Vận tải kho bãi"},
        {"Dịch vụ lưu trú và ăn uống", "Dịch vụ lưu trú và ăn uống"},
        {"Thông tin và truyền thông", "Thông tin và truyền thông"},
        {"Hoạt động tài chính, ngân hàng và bảo hiểm", "Hoạt động tài chính, ngân hàng…"},
        /* "bất động sản" is one word: not "… bất động…". */
        {"Hoạt động kinh doanh bất động sản", "Hoạt động kinh doanh…"},
        {"Hoạt động chuyên môn, khoa học và công nghệ", "Hoạt động chuyên môn, khoa học…"},
        {"Hoạt động hành chính và dịch vụ hỗ trợ", "Hoạt động hành chính…"},
        {"Hoạt động của Đảng Cộng sản, tổ chức chính trị - xã hội, quản lý Nhà nước, an ninh "
         "quốc phòng; bảo đảm xã hội bắt buộc", "Hoạt động của Đảng Cộng sản…"},
        {"Giáo dục và đào tạo", "Giáo dục và đào tạo"},
        /* Not "… trợ giúp xã…" ("xã" alone is a commune). */
        {"Y tế và hoạt động trợ giúp xã hội", "Y tế và hoạt động trợ giúp…"},
        {"Nghệ thuật, vui chơi và giải trí", "Nghệ thuật, vui chơi…"},
        {"Hoạt động dịch vụ khác", "Hoạt động dịch vụ khác"},
        /* Not "… các công…": "các" begins a phrase. */
        {"Hoạt động làm thuê các công việc trong các hộ gia đình, sản xuất sản phẩm vật chất "
         "và dịch vụ tự tiêu dùng của hộ gia đình", "Hoạt động làm thuê…"},
        {"Hoạt động của các tổ chức và cơ quan quốc tế", "Hoạt động của các tổ chức…"},
    };
    check_names(cases, sizeof cases / sizeof *cases);
}

static void test_target_labels(void **state)
{
    (void)state;
    static const struct name_case cases[] = {
        {"Phát triển thêm hợp tác xã mới trong sáu tháng cuối năm", "Phát triển thêm hợp tác xã mới…"},
        {"Tỷ lệ hợp tác xã được tiếp cận thị trường, thông tin về khoa học",
         "Tỷ lệ hợp tác xã được tiếp cận…"},
        {"Số hợp tác xã liên kết sản xuất theo chuỗi giá trị", "Số hợp tác xã liên kết…"},
        {"Doanh thu bình quân một hợp tác xã không vượt quá mức trần", "Doanh thu bình quân…"},
        {"Tổng số thành viên hợp tác xã trên địa bàn toàn tỉnh", "Tổng số thành viên hợp tác xã…"},
        /* What Excel forbids is replaced; a word longer than a name is cut inside. */
        {"Thương mại [TM]: bán/buôn * lẻ? \\ và dịch vụ rất dài", "Thương mại -TM-- bán-buôn…"},
        {"Supercalifragilisticexpialidociousness", "Supercalifragilisticexpialidoc…"},
        {"'Đạt'", "Đạt"},
        {"", "Sheet"},
    };
    check_names(cases, sizeof cases / sizeof *cases);
}

/* Shorter, for a " (2)": cut again at a word, its "…" kept. */
static void test_within(void **state)
{
    (void)state;
    char name[128];
    assert_true(sheet_name_make_within("Y tế và hoạt động trợ giúp xã hội", 27, name, sizeof name));
    assert_string_equal(name, "Y tế và hoạt động trợ giúp…");
    assert_true(sheet_name_make_within("Hoạt động tài chính, ngân hàng và bảo hiểm", 27, name,
                                       sizeof name));
    assert_string_equal(name, "Hoạt động tài chính…");
    assert_false(sheet_name_make_within("Giáo dục và đào tạo", 27, name, sizeof name));
    assert_string_equal(name, "Giáo dục và đào tạo");
}

/* A label that ends inside a UTF-8 sequence (the config reports it as not
 * UTF-8, and still asks for its sheet name): nothing past its end is read.
 * On the heap, so that AddressSanitizer sees a read past it. */
static void test_truncated_utf8(void **state)
{
    (void)state;
    static const char label[] = "Xây dựng dân dụng và công nghiệp nhẹ ?";
    static const unsigned char last_bytes[] = {0xE1, 0xF0, 0xFF};
    for (size_t i = 0; i < sizeof last_bytes; i++) {
        char *copy = malloc(sizeof label);
        assert_non_null(copy);
        memcpy(copy, label, sizeof label);
        copy[sizeof label - 2] = (char)last_bytes[i];   /* the '?' */
        char name[128];
        assert_true(sheet_name_make(copy, name, sizeof name));
        free(copy);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_vsic_sections),
        cmocka_unit_test(test_target_labels),
        cmocka_unit_test(test_within),
        cmocka_unit_test(test_truncated_utf8),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
