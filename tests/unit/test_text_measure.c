/*
 * Unit tests for text_measure: widths from the font's advances (Liberation
 * Serif = Times New Roman, 2048 units to the em; at 12 points an em is 16
 * pixels), Excel's column unit, wrapped line counts and row heights.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>

#include "coopreport/text_measure.h"

#define PIXELS_PER_UNIT_AT_12 (16.0 / 2048.0)

static void assert_near(double actual, double expected, double tolerance)
{
    if (fabs(actual - expected) > tolerance)
        fail_msg("%.4f, expected %.4f", actual, expected);
}

static void test_known_widths(void **state)
{
    (void)state;
    /* Times New Roman: H and X 1479 units, T 1251; digits 1024; space 512. */
    assert_near(text_measure_pixels("HTX", 12, MEASURE_REGULAR),
                (1479 + 1251 + 1479) * PIXELS_PER_UNIT_AT_12, 1e-9);
    assert_near(text_measure_pixels("2024", 12, MEASURE_REGULAR), 4 * 8.0, 1e-9);
    assert_near(text_measure_pixels("1 0", 24, MEASURE_REGULAR), (1024 + 512 + 1024) / 64.0, 1e-9);
    /* Bold is wider; the widest line of several counts. */
    assert_true(text_measure_pixels("Tổng cộng", 12, MEASURE_BOLD) >
                text_measure_pixels("Tổng cộng", 12, MEASURE_REGULAR));
    assert_near(text_measure_pixels("HTX\n2024", 12, MEASURE_REGULAR), 32.8828125, 1e-6);
    assert_near(text_measure_pixels("", 12, MEASURE_REGULAR), 0, 0);
    /* Not a count of characters: "W" is far wider than "i". */
    assert_true(text_measure_pixels("WWWW", 12, MEASURE_REGULAR) >
                2.5 * text_measure_pixels("iiii", 12, MEASURE_REGULAR));
}

static void test_vietnamese_letters(void **state)
{
    (void)state;
    /* Every precomposed Vietnamese letter has a width, and it is its base
     * letter's (the marks sit above or below): "ệ" (U+1EC7) as wide as "e". */
    assert_near(text_measure_pixels("\xE1\xBB\x87", 12, MEASURE_REGULAR),
                text_measure_pixels("e", 12, MEASURE_REGULAR), 1e-9);
    /* The decomposed form (e + U+0323 + U+0302) measures the same. */
    assert_near(text_measure_pixels("Vi\xE1\xBB\x87t", 12, MEASURE_REGULAR),
                text_measure_pixels("Vie\xCC\xA3\xCC\x82t", 12, MEASURE_REGULAR), 1e-9);
    assert_near(text_measure_pixels("\xC4\x91", 12, MEASURE_ITALIC),     /* đ */
                text_measure_pixels("\xC4\x91", 12, MEASURE_ITALIC), 0);
    const char *letters = "ăâđêôơưĂÂĐÊÔƠƯàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợ"
                          "ùủũúụừửữứựỳỷỹýỵ";
    double width = text_measure_pixels(letters, 12, MEASURE_BOLD_ITALIC);
    /* 79 letters of about half an em each, none measured as a missing glyph (1 em). */
    assert_true(width > 79 * 5.0 && width < 79 * 12.0);
    /* A character beyond the table (CJK) counts one em. */
    assert_near(text_measure_pixels("\xE4\xB8\xAD", 12, MEASURE_REGULAR), 16.0, 1e-9);
}

static void test_column_unit(void **state)
{
    (void)state;
    /* Calibri 11's widest digit is 7 pixels at 96 dpi: Excel's column unit. */
    assert_int_equal(text_measure_digit_pixels(), 7);
    /* A column 6 characters wide is round(6 × 7) + 5 = 47 pixels, and back. */
    assert_near(text_measure_column_pixels(6), 47, 0);
    assert_near(text_measure_column_width(47), 6, 1e-9);
    assert_near(text_measure_column_pixels(8.43), 64, 0);   /* Excel's default column */
    /* Widths land on whole pixels. */
    double width = text_measure_width("Tên hợp tác xã", 12, MEASURE_BOLD);
    double pixels = text_measure_column_pixels(width);
    assert_near(pixels, round(pixels), 1e-9);
    assert_true(pixels - 5 > text_measure_pixels("Tên hợp tác xã", 12, MEASURE_BOLD));
}

static void test_wrapping(void **state)
{
    (void)state;
    /* Bold "Số thành viên" is 93 pixels: one line at width 16 (117 pixels),
     * two at 10, three ("Số", "thành", "viên") at 8. */
    assert_int_equal(text_measure_lines("Số thành viên", 12, MEASURE_BOLD, 16), 1);
    assert_int_equal(text_measure_lines("Số thành viên", 12, MEASURE_BOLD, 10), 2);
    assert_int_equal(text_measure_lines("Số thành viên", 12, MEASURE_BOLD, 8), 3);
    /* Words are not cut where a space allows a break. */
    assert_int_equal(text_measure_lines("Doanh thu (triệu đồng)", 12, MEASURE_BOLD, 14), 2);
    /* A text fits on one line in the width measured for it. */
    const char *label = "Thu nhập bình quân của thành viên, người lao động tăng so với năm 2023";
    double width = text_measure_width(label, 12, MEASURE_REGULAR);
    assert_int_equal(text_measure_lines(label, 12, MEASURE_REGULAR, width), 1);
    assert_int_equal(text_measure_lines(label, 12, MEASURE_REGULAR, width / 2), 3);
    /* Line breaks count; a word longer than the line is broken. */
    assert_int_equal(text_measure_lines("a\nb\nc", 12, MEASURE_REGULAR, 40), 3);
    /* "HTX-" on the first line, then six zeros a line. */
    assert_int_equal(text_measure_lines("HTX-0000000000000000000000", 12, MEASURE_REGULAR, 8), 5);
    assert_int_equal(text_measure_lines("", 12, MEASURE_REGULAR, 8), 1);
}

static void test_row_height(void **state)
{
    (void)state;
    /* Times New Roman 12: a line is 18 pixels and 3 of padding = 15.75 points,
     * Excel's own height for one line of it. */
    assert_near(text_measure_row_height(1, 12), 15.75, 1e-9);
    assert_near(text_measure_row_height(3, 12), 47.25, 1e-9);
    assert_near(text_measure_row_height(0, 12), 15.75, 1e-9);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_known_widths),
        cmocka_unit_test(test_vietnamese_letters),
        cmocka_unit_test(test_column_unit),
        cmocka_unit_test(test_wrapping),
        cmocka_unit_test(test_row_height),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
