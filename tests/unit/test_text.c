/*
 * Unit tests for text: UTF-8 validation, matching keys, slugs, placeholders.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coopreport/text.h"

struct utf8_case {
    const char *bytes;
    size_t length;
    bool valid;
    size_t bad_offset;
};

#define UTF8(literal, valid, offset) {literal, sizeof(literal) - 1, valid, offset}

static void test_utf8_validation(void **state)
{
    static const struct utf8_case cases[] = {
        UTF8("", true, 0),
        UTF8("Bắc Ninh", true, 0),
        UTF8("\xF0\x9F\x98\x80", true, 0),          /* U+1F600 */
        UTF8("\xF4\x8F\xBF\xBF", true, 0),          /* U+10FFFF, the last */
        UTF8("\xEF\xBB\xBF", true, 0),              /* U+FEFF */
        UTF8("ab\x80", false, 2),                   /* lone continuation */
        UTF8("\xC0\x80", false, 0),                 /* overlong NUL */
        UTF8("a\xC1\xBF", false, 1),                /* overlong '\x7F' */
        UTF8("\xE0\x80\xAF", false, 0),             /* overlong '/' */
        UTF8("\xF0\x8F\xBF\xBF", false, 0),         /* overlong U+FFFF */
        UTF8("x\xE1\xBA", false, 1),                /* truncated at the end */
        UTF8("\xE1\xBAx", false, 0),                /* truncated before 'x' */
        UTF8("\xF0\x9F\x98", false, 0),             /* truncated 4-byte */
        UTF8("\xED\xA0\x80", false, 0),             /* surrogate U+D800 */
        UTF8("\xED\xBF\xBF", false, 0),             /* surrogate U+DFFF */
        UTF8("\xF4\x90\x80\x80", false, 0),         /* U+110000 */
        UTF8("\xF5\x80\x80\x80", false, 0),
        UTF8("\xFF", false, 0),
        UTF8("ok\0no", false, 2),                   /* NUL */
        UTF8("a\xEF\xBF\xBE", false, 1),             /* U+FFFE: not allowed in XML */
        UTF8("\xEF\xBF\xBF", false, 0),              /* U+FFFF: not allowed in XML */
        UTF8("\xEF\xBF\xBD", true, 0),               /* U+FFFD, the replacement character */
        UTF8("\xF0\x9F\xBF\xBE", true, 0),          /* U+1FFFE: allowed in XML */
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t offset = 999;
        bool valid = text_is_valid_utf8(cases[i].bytes, cases[i].length, &offset);
        if (valid != cases[i].valid)
            fail_msg("case %zu: valid %d, expected %d", i, valid, cases[i].valid);
        if (!valid && offset != cases[i].bad_offset)
            fail_msg("case %zu: bad offset %zu, expected %zu", i, offset, cases[i].bad_offset);
    }
    assert_false(text_is_valid_utf8("\xC3", 1, NULL));   /* NULL offset pointer is allowed */
}

static void assert_key(const char *input, const char *expected)
{
    char *key = text_match_key(input);
    if (!expected) {
        assert_null(key);
        return;
    }
    assert_non_null(key);
    if (strcmp(key, expected) != 0)
        fail_msg("key of '%s' is '%s', expected '%s'", input, key, expected);
    free(key);
}

static void test_match_key(void **state)
{
    (void)state;
    assert_key("Nông nghiệp", "nông nghiệp");
    assert_key("NÔNG NGHIỆP", "nông nghiệp");
    /* Decomposed (NFD) input, as some Mac exports write it. */
    assert_key("No\xCC\x82ng nghie\xCC\xA3\xCC\x82p", "nông nghiệp");
    assert_key("  Nông \t  nghiệp \r\n", "nông nghiệp");
    assert_key("Nông\xC2\xA0nghiệp", "nông nghiệp");   /* no-break space */
    assert_key("ĐẮK LẮK", "đắk lắk");
    assert_key("TTCN", "ttcn");
    assert_key("", "");
    assert_key("   ", "");
    assert_key("bad \xC3", NULL);
    assert_key(NULL, NULL);
}

static void assert_slug(const char *input, const char *expected)
{
    char *slug = text_slug(input);
    if (!expected) {
        assert_null(slug);
        return;
    }
    assert_non_null(slug);
    if (strcmp(slug, expected) != 0)
        fail_msg("slug of '%s' is '%s', expected '%s'", input, slug, expected);
    free(slug);
}

static void test_slug(void **state)
{
    (void)state;
    assert_slug("Bắc Ninh", "bac-ninh");
    assert_slug("Đắk Lắk", "dak-lak");
    assert_slug("ĐỒNG THÁP", "dong-thap");
    assert_slug("Thừa Thiên Huế", "thua-thien-hue");
    assert_slug("Bà Rịa–Vũng Tàu", "ba-ria-vung-tau");
    assert_slug("  TP. Hồ Chí Minh (cũ) ", "tp-ho-chi-minh-cu");
    assert_slug("Công nghiệp - Tiểu thủ công nghiệp", "cong-nghiep-tieu-thu-cong-nghiep");
    assert_slug("H1 2024", "h1-2024");
    assert_slug("", "");
    assert_slug("\xED\xA0\x80", NULL);
}

static void test_small_helpers(void **state)
{
    char *text;
    (void)state;
    assert_int_equal(text_count_characters("Bắc Ninh"), 8);
    assert_int_equal(text_count_characters("đ"), 1);
    assert_int_equal(text_count_characters("\xF0\x9F\x98\x80x"), 2);
    assert_int_equal(text_count_characters(""), 0);

    /* A character cut by a fixed buffer goes whole; complete ones stay. */
    static const struct { const char *in, *out; } cuts[] = {
        {"Bắc", "Bắc"}, {"B\xe1\xba", "B"}, {"B\xe1", "B"}, {"a\xc3", "a"}, {"\xc3\xa1", "\xc3\xa1"},
        {"x\xf0\x9f\x98", "x"}, {"x\xf0\x9f\x98\x80", "x\xf0\x9f\x98\x80"}, {"", ""},
    };
    for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
        char buffer[16];
        snprintf(buffer, sizeof buffer, "%s", cuts[i].in);
        text_trim_incomplete_utf8(buffer);
        assert_string_equal(buffer, cuts[i].out);
    }

    text = text_trim_copy(" \t a b \r\n");
    assert_string_equal(text, "a b");
    free(text);
    text = text_trim_copy("   ");
    assert_string_equal(text, "");
    free(text);
    assert_null(text_trim_copy(NULL));

    text = text_duplicate("Bắc");
    assert_string_equal(text, "Bắc");
    free(text);
    assert_null(text_duplicate(NULL));

    text = text_format("%s:%d:%ld", "htx.csv", 12, 7L);
    assert_string_equal(text, "htx.csv:12:7");
    free(text);
}

static const char *lookup_field(const char *name, void *context)
{
    int *calls = context;
    (*calls)++;
    if (strcmp(name, "province") == 0)
        return "Bắc Ninh";
    if (strcmp(name, "year") == 0)
        return "2024";
    if (strcmp(name, "empty") == 0)
        return "";
    return NULL;
}

static void assert_expansion(const char *pattern, const char *expected, const char *unknown)
{
    int calls = 0;
    char *name = (char *)"untouched";
    char *text = text_expand_placeholders(pattern, lookup_field, &calls, &name);
    if (expected) {
        assert_non_null(text);
        if (strcmp(text, expected) != 0)
            fail_msg("'%s' gave '%s', expected '%s'", pattern, text, expected);
        assert_null(name);
        free(text);
    } else {
        assert_null(text);
        assert_non_null(name);
        assert_string_equal(name, unknown);
        free(name);
    }
}

static void test_placeholders(void **state)
{
    (void)state;
    assert_expansion("Liên minh Hợp tác xã tỉnh {province}", "Liên minh Hợp tác xã tỉnh Bắc Ninh",
                     NULL);
    assert_expansion("{province}, năm {year}{empty}.", "Bắc Ninh, năm 2024.", NULL);
    assert_expansion("{{province}} and }} and {{", "{province} and } and {", NULL);
    assert_expansion("a } b", "a } b", NULL);
    assert_expansion("", "", NULL);
    assert_expansion("no placeholders", "no placeholders", NULL);
    assert_expansion("tỉnh {provnce}", NULL, "provnce");
    assert_expansion("{}", NULL, "");
    assert_expansion("tỉnh {province", NULL, "province");
    /* unknown_name may be NULL. */
    {
        int calls = 0;
        assert_null(text_expand_placeholders("{nope}", lookup_field, &calls, NULL));
        assert_int_equal(calls, 1);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_validation),
        cmocka_unit_test(test_match_key),
        cmocka_unit_test(test_slug),
        cmocka_unit_test(test_small_helpers),
        cmocka_unit_test(test_placeholders),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
