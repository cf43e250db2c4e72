/*
 * Unit tests for provinces: loading the shipped lists and user lists, lookup
 * by code, name and slug, and the mergers of 1 July 2025.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "coopreport/provinces.h"

#define DATA COOP_SOURCE_DIR "/data"
#define FIXTURES COOP_SOURCE_DIR "/tests/data/config/provinces"

static void load_list(const char *path, struct coop_province_list *list)
{
    struct coop_diagnostics diagnostics;
    diag_init(&diagnostics, 0);
    int status = provinces_load(path, list, &diagnostics);
    diag_print(&diagnostics, stderr);
    assert_int_equal(status, 0);
    assert_int_equal(diagnostics.count, 0);
    diag_release(&diagnostics);
}

static void test_load_63(void **state)
{
    (void)state;
    struct coop_province_list list;
    load_list(DATA "/provinces-63.csv", &list);
    assert_int_equal(list.count, 63);
    assert_string_equal(list.path, DATA "/provinces-63.csv");
    const struct coop_province *province = provinces_find(&list, "27");
    assert_non_null(province);
    assert_string_equal(province->code, "27");
    assert_string_equal(province->name, "Bắc Ninh");
    assert_string_equal(province->full_name, "Tỉnh Bắc Ninh");
    assert_string_equal(province->name_en, "Bac Ninh");
    assert_string_equal(province->slug, "bac-ninh");
    assert_int_equal(province->merged_count, 0);
    assert_null(province->merged_from);
    /* Slugs name output files: they must be distinct. */
    for (size_t i = 0; i < list.count; i++)
        for (size_t j = i + 1; j < list.count; j++)
            assert_string_not_equal(list.items[i].slug, list.items[j].slug);
    provinces_release(&list);
}

struct lookup_case {
    const char *query;
    const char *code;     /* NULL: not found */
};

static void test_find_in_63(void **state)
{
    (void)state;
    static const struct lookup_case cases[] = {
        /* codes, compared as decimal integers */
        {"27", "27"}, {"027", "27"}, {" 27 ", "27"}, {"1", "01"}, {"01", "01"},
        {"4", "04"}, {"0004", "04"}, {"96", "96"},
        {"27.0", NULL}, {"99", NULL}, {"0", NULL}, {"-27", NULL}, {"2 7", NULL},
        {"1234567890", NULL},
        /* names by match key: case, composition, white space */
        {"Bắc Ninh", "27"}, {"BẮC NINH", "27"}, {"bắc ninh", "27"}, {"  Bắc   Ninh ", "27"},
        {"Ba\xcc\x86\xcc\x81" "c Ninh", "27"},   /* ắ decomposed */
        {"Tỉnh Bắc Ninh", "27"}, {"Thành phố Hồ Chí Minh", "79"}, {"Bac Ninh", "27"},
        /* names by slug: no diacritics, any separators, administrative prefixes */
        {"bac ninh", "27"}, {"BAC NINH", "27"}, {"bac-ninh", "27"}, {"tinh bac ninh", "27"},
        {"TP. Hồ Chí Minh", "79"}, {"tp ho chi minh", "79"}, {"Thanh pho Ha Noi", "01"},
        {"Đắk Lắk", "66"}, {"dak lak", "66"}, {"Huế", "46"}, {"hue", "46"}, {"TP Huế", "46"},
        {"Bắc", NULL}, {"Ninh", NULL}, {"tinh", NULL}, {"", NULL}, {"   ", NULL},
        {"\xff", NULL},
    };
    struct coop_province_list list;
    load_list(DATA "/provinces-63.csv", &list);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct coop_province *found = provinces_find(&list, cases[i].query);
        if (!cases[i].code && found)
            fail_msg("'%s' found %s", cases[i].query, found->code);
        if (cases[i].code && (!found || strcmp(found->code, cases[i].code) != 0))
            fail_msg("'%s' found %s, expected %s", cases[i].query,
                     found ? found->code : "nothing", cases[i].code);
    }
    assert_null(provinces_find(&list, NULL));
    assert_null(provinces_find(NULL, "27"));
    provinces_release(&list);
}

static void test_list_34_and_successors(void **state)
{
    (void)state;
    struct coop_province_list list;
    load_list(DATA "/provinces-34.csv", &list);
    assert_int_equal(list.count, 34);
    const struct coop_province *bac_ninh = provinces_find(&list, "Bắc Ninh");
    assert_non_null(bac_ninh);
    assert_string_equal(bac_ninh->code, "24");
    assert_int_equal(bac_ninh->merged_count, 2);
    assert_string_equal(bac_ninh->merged_from[0], "24");
    assert_string_equal(bac_ninh->merged_from[1], "27");
    assert_ptr_equal(provinces_find(&list, "24"), bac_ninh);
    assert_null(provinces_find(&list, "27"));   /* no longer a province */

    static const struct lookup_case successors[] = {
        {"27", "24"}, {"24", "24"}, {"2", "08"}, {"02", "08"}, {"17", "25"}, {"77", "79"},
        {"62", "51"}, {"99", NULL}, {"x", NULL}, {"", NULL},
    };
    for (size_t i = 0; i < sizeof successors / sizeof successors[0]; i++) {
        const struct coop_province *found = provinces_find_successor(&list, successors[i].query);
        if (!successors[i].code && found)
            fail_msg("successor of '%s' is %s", successors[i].query, found->code);
        if (successors[i].code && (!found || strcmp(found->code, successors[i].code) != 0))
            fail_msg("successor of '%s' is %s, expected %s", successors[i].query,
                     found ? found->code : "nothing", successors[i].code);
    }
    /* Every old province has exactly one successor. */
    struct coop_province_list old;
    load_list(DATA "/provinces-63.csv", &old);
    for (size_t i = 0; i < old.count; i++) {
        size_t owners = 0;
        for (size_t p = 0; p < list.count; p++)
            for (size_t m = 0; m < list.items[p].merged_count; m++)
                owners += strcmp(list.items[p].merged_from[m], old.items[i].code) == 0;
        if (owners != 1)
            fail_msg("old province %s is merged into %zu provinces", old.items[i].code, owners);
        assert_non_null(provinces_find_successor(&list, old.items[i].code));
        /* The 63-province list records no mergers. */
        assert_null(provinces_find_successor(&old, old.items[i].code));
    }
    /* A row is "mapped" when it names an old province, by code or by name:
     * old Bắc Giang (24) went into the new Bắc Ninh (24). */
    static const struct { const char *query, *code; bool mapped; } rows[] = {
        {"27", "24", true}, {"Bắc Giang", "24", true}, {"Tỉnh Bắc Giang", "24", true},
        {"24", "24", false}, {"Bắc Ninh", "24", false}, {"Hà Nội", "01", false},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        bool mapped = !rows[i].mapped;
        const struct coop_province *found = provinces_resolve(&list, &old, rows[i].query, &mapped);
        if (!found || strcmp(found->code, rows[i].code) != 0 || mapped != rows[i].mapped)
            fail_msg("'%s' resolves to %s, mapped %d; expected %s, mapped %d", rows[i].query,
                     found ? found->code : "nothing", mapped, rows[i].code, rows[i].mapped);
    }
    provinces_release(&old);
    provinces_release(&list);
}

static void test_bom_crlf_and_header_case(void **state)
{
    (void)state;
    struct coop_province_list list;
    load_list(FIXTURES "/bom_crlf.csv", &list);
    assert_int_equal(list.count, 2);
    assert_string_equal(list.items[1].code, "79");
    assert_string_equal(list.items[1].name_en, "Ho Chi Minh");
    assert_string_equal(list.items[1].slug, "ho-chi-minh");
    assert_string_equal(provinces_find(&list, "ho chi minh")->code, "79");
    provinces_release(&list);
}

static void test_code_and_name_only(void **state)
{
    (void)state;
    struct coop_province_list list;
    load_list(FIXTURES "/code_and_name.csv", &list);
    assert_int_equal(list.count, 2);
    assert_string_equal(list.items[0].full_name, "Bắc Ninh");
    assert_string_equal(list.items[0].name_en, "Bắc Ninh");
    assert_string_equal(provinces_find(&list, "bac ninh")->code, "27");
    assert_string_equal(provinces_find(&list, "HÀ NỘI")->code, "01");
    /* No full_name tells no kind: a province, the usual one. */
    assert_string_equal(list.items[1].type, "tỉnh");
    provinces_release(&list);
}

/* {province_type}: "thành phố" for the centrally-run cities of both lists,
 * from full_name ("Thành phố Hà Nội", "TP. Hồ Chí Minh"), "tỉnh" otherwise. */
static void test_province_types(void **state)
{
    (void)state;
    static const char *const lists[] = {DATA "/provinces-63.csv", DATA "/provinces-34.csv"};
    static const char *const cities[2][8] = {{"01", "31", "46", "48", "79", "92", NULL},
                                             {"01", "31", "46", "48", "75", "79", "92", NULL}};
    for (size_t l = 0; l < 2; l++) {
        struct coop_province_list list;
        load_list(lists[l], &list);
        size_t city_count = 0;
        for (size_t i = 0; i < list.count; i++) {
            const struct coop_province *province = &list.items[i];
            bool city = false;
            for (size_t c = 0; cities[l][c]; c++)
                city = city || strcmp(cities[l][c], province->code) == 0;
            city_count += city;
            assert_string_equal(province->type, city ? "thành phố" : "tỉnh");
            assert_string_equal(province->type_en, city ? "City" : "Province");
        }
        assert_int_equal(city_count, l == 0 ? 6 : 7);
        provinces_release(&list);
    }
    /* A list of one's own may abbreviate. */
    char path[] = "/tmp/coopreport-provinces-XXXXXX";
    int descriptor = mkstemp(path);
    assert_true(descriptor >= 0);
    FILE *file = fdopen(descriptor, "w");
    assert_non_null(file);
    fputs("code,name,full_name\n79,Hồ Chí Minh,TP. Hồ Chí Minh\n80,Tây Ninh,Tỉnh Tây Ninh\n", file);
    assert_int_equal(fclose(file), 0);
    struct coop_province_list list;
    load_list(path, &list);
    unlink(path);
    assert_string_equal(provinces_find(&list, "79")->type, "thành phố");
    assert_string_equal(provinces_find(&list, "80")->type, "tỉnh");
    provinces_release(&list);
}

struct bad_case {
    const char *file;
    int status;
    size_t errors;
    long line;              /* of the first error */
    const char *message;    /* of the first error */
};

static void test_bad_lists(void **state)
{
    (void)state;
    static const struct bad_case cases[] = {
        {"missing_column.csv", COOP_EXIT_USAGE, 1, 1, "missing column 'name'"},
        {"empty.csv", COOP_EXIT_USAGE, 1, 0, "the province list holds no province"},
        {"no-such.csv", COOP_EXIT_IO, 1, 0, NULL},
        {"bad_rows.csv", COOP_EXIT_USAGE, 5, 3, "duplicate code '1' (already used by Hà Nội)"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", FIXTURES, cases[i].file);
        struct coop_province_list list;
        struct coop_diagnostics diagnostics;
        diag_init(&diagnostics, 0);
        int status = provinces_load(path, &list, &diagnostics);
        if (status != cases[i].status || diagnostics.error_count != cases[i].errors)
            diag_print(&diagnostics, stderr);
        assert_int_equal(status, cases[i].status);
        assert_int_equal(diagnostics.error_count, cases[i].errors);
        assert_string_equal(diagnostics.items[0].file, path);
        assert_int_equal(diagnostics.items[0].line, cases[i].line);
        if (cases[i].message)
            assert_string_equal(diagnostics.items[0].message, cases[i].message);
        /* Released on failure. */
        assert_int_equal(list.count, 0);
        assert_null(list.items);
        assert_null(list.path);
        diag_release(&diagnostics);
    }
}

static void test_bad_rows_reasons(void **state)
{
    (void)state;
    static const struct { long line; long column; const char *message; } expected[] = {
        {3, 1, "duplicate code '1' (already used by Hà Nội)"},
        {4, 1, "'A1' is not a province code (expected digits)"},
        {5, 5, "'x3' is not a province code"},
        {6, 2, "required value is empty"},
        {7, 0, "3 fields where the header has 5"},
    };
    struct coop_province_list list;
    struct coop_diagnostics diagnostics;
    diag_init(&diagnostics, 0);
    assert_int_equal(provinces_load(FIXTURES "/bad_rows.csv", &list, &diagnostics),
                     COOP_EXIT_USAGE);
    assert_int_equal(diagnostics.count, 5);
    for (size_t i = 0; i < 5; i++) {
        assert_int_equal(diagnostics.items[i].line, expected[i].line);
        assert_int_equal(diagnostics.items[i].column, expected[i].column);
        assert_string_equal(diagnostics.items[i].message, expected[i].message);
    }
    diag_release(&diagnostics);
}

/* Every province of both shipped lists is found by its name with any of the
 * administrative words written before names ("Tỉnh", "TP.", "TP", "Thành
 * phố", with or without diacritics), by its English name, and by each of its
 * other names, with those words too. */
static void test_every_name_with_prefixes(void **state)
{
    (void)state;
    static const char *const lists[] = {DATA "/provinces-63.csv", DATA "/provinces-34.csv"};
    static const char *const prefixes[] = {"", "Tỉnh ", "TỈNH ", "tinh ", "TP. ", "TP.", "TP ",
                                           "Tp. ", "Thành phố ", "thanh pho ", "Thành Phố "};
    for (size_t l = 0; l < 2; l++) {
        struct coop_province_list list;
        load_list(lists[l], &list);
        for (size_t i = 0; i < list.count; i++) {
            const struct coop_province *province = &list.items[i];
            const char *names[8] = {province->name, province->name_en, province->slug};
            size_t count = 3;
            for (size_t k = 0; k < province->other_count && count < 8; k++)
                names[count++] = province->other_names[k];
            for (size_t n = 0; n < count; n++)
                for (size_t p = 0; p < sizeof prefixes / sizeof prefixes[0]; p++) {
                    if (p > 0 && strncasecmp(names[n], "TP", 2) == 0)
                        continue;   /* "TP.HCM" has its own */
                    char query[256];
                    snprintf(query, sizeof query, "%s%s", prefixes[p], names[n]);
                    const struct coop_province *found = provinces_find(&list, query);
                    if (found != province)
                        fail_msg("%s: '%s' found %s, expected %s", lists[l], query,
                                 found ? found->code : "nothing", province->code);
                }
            assert_ptr_equal(provinces_find(&list, province->full_name), province);
        }
        provinces_release(&list);
    }
}

/* Former official names and usual abbreviations, from the other_names column. */
static void test_other_names(void **state)
{
    (void)state;
    static const struct lookup_case cases[] = {
        {"Thừa Thiên Huế", "46"}, {"THỪA THIÊN HUẾ", "46"}, {"thua thien hue", "46"},
        {"Tỉnh Thừa Thiên Huế", "46"}, {"Thừa Thiên - Huế", "46"},
        {"TP.HCM", "79"}, {"TP. HCM", "79"}, {"Tp.HCM", "79"}, {"TPHCM", "79"}, {"HCM", "79"},
        {"Đắc Lắc", "66"}, {"Thừa Thiên", NULL}, {"TP.", NULL},
    };
    static const char *const lists[] = {DATA "/provinces-63.csv", DATA "/provinces-34.csv"};
    for (size_t l = 0; l < 2; l++) {
        struct coop_province_list list;
        load_list(lists[l], &list);
        for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
            const struct coop_province *found = provinces_find(&list, cases[i].query);
            if (cases[i].code ? !found || strcmp(found->code, cases[i].code) != 0 : found != NULL)
                fail_msg("%s: '%s' found %s, expected %s", lists[l], cases[i].query,
                         found ? found->code : "nothing", cases[i].code ? cases[i].code : "nothing");
        }
        provinces_release(&list);
    }
    struct coop_province_list list;
    load_list(DATA "/provinces-63.csv", &list);
    const struct coop_province *hue = provinces_find(&list, "46");
    assert_int_equal(hue->other_count, 1);
    assert_string_equal(hue->other_names[0], "Thừa Thiên Huế");
    /* Old Bà Rịa - Vũng Tàu by its abbreviation, in a 34-province report. */
    struct coop_province_list list_34;
    load_list(DATA "/provinces-34.csv", &list_34);
    bool mapped = false;
    const struct coop_province *found = provinces_resolve(&list_34, &list, "BR-VT", &mapped);
    assert_non_null(found);
    assert_string_equal(found->code, "79");
    assert_true(mapped);
    provinces_release(&list_34);
    provinces_release(&list);
}

/* "did you mean": a misspelt name finds the province it is near to; a name
 * far from every province (a former province such as Hà Tây) finds none. */
static void test_nearest(void **state)
{
    (void)state;
    static const struct lookup_case cases[] = {
        {"Bắc Ninhh", "27"}, {"Thua Thien Hu", "46"}, {"Tỉnh Thừa Thiên Huệ", "46"},
        {"Ho Chi Mnh", "79"}, {"TP. Ho Chi Mnh", "79"}, {"Hà Tây", NULL}, {"Huees", NULL},
        {"Kinh Bắc", NULL}, {"", NULL}, {"Tỉnh", NULL},
    };
    struct coop_province_list list;
    load_list(DATA "/provinces-63.csv", &list);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct coop_province *found = provinces_nearest(&list, NULL, cases[i].query);
        if (cases[i].code ? !found || strcmp(found->code, cases[i].code) != 0 : found != NULL)
            fail_msg("nearest to '%s' is %s, expected %s", cases[i].query,
                     found ? found->code : "nothing", cases[i].code ? cases[i].code : "nothing");
    }
    assert_null(provinces_nearest(&list, NULL, NULL));
    assert_null(provinces_nearest(NULL, NULL, "Huế"));
    provinces_release(&list);
}

/* A list saved from Excel: empty cells after the last column, in the header
 * and in the rows, are no columns. */
static void test_trailing_empty_cells(void **state)
{
    (void)state;
    struct coop_province_list list;
    load_list(FIXTURES "/trailing_empty_cells.csv", &list);
    assert_int_equal(list.count, 3);
    assert_string_equal(provinces_find(&list, "Kinh Bắc")->code, "27");
    assert_int_equal(provinces_find(&list, "27")->other_count, 1);
    assert_string_equal(provinces_find(&list, "thua thien hue")->code, "46");
    provinces_release(&list);
}

/* An other name that is another province's name (or the reverse) is an error:
 * a cell would find whichever comes first. */
static void test_other_names_clash(void **state)
{
    (void)state;
    struct coop_province_list list;
    struct coop_diagnostics diagnostics;
    diag_init(&diagnostics, 0);
    assert_int_equal(provinces_load(FIXTURES "/other_names_clash.csv", &list, &diagnostics),
                     COOP_EXIT_USAGE);
    assert_int_equal(diagnostics.error_count, 2);
    assert_int_equal(diagnostics.items[0].line, 3);
    assert_int_equal(diagnostics.items[0].column, 3);
    assert_string_equal(diagnostics.items[0].message, "'Ha Noi' already names 01 Hà Nội");
    assert_int_equal(diagnostics.items[1].line, 4);
    assert_string_equal(diagnostics.items[1].message,
                        "31 Hà Đông is also named 'Hà Đông', another name of 01 Hà Nội");
    diag_release(&diagnostics);
}

static void test_release_accepts_zeroed(void **state)
{
    (void)state;
    struct coop_province_list list;
    memset(&list, 0, sizeof list);
    provinces_release(&list);
    provinces_release(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_load_63),
        cmocka_unit_test(test_find_in_63),
        cmocka_unit_test(test_list_34_and_successors),
        cmocka_unit_test(test_bom_crlf_and_header_case),
        cmocka_unit_test(test_code_and_name_only),
        cmocka_unit_test(test_province_types),
        cmocka_unit_test(test_bad_lists),
        cmocka_unit_test(test_bad_rows_reasons),
        cmocka_unit_test(test_every_name_with_prefixes),
        cmocka_unit_test(test_other_names),
        cmocka_unit_test(test_nearest),
        cmocka_unit_test(test_trailing_empty_cells),
        cmocka_unit_test(test_other_names_clash),
        cmocka_unit_test(test_release_accepts_zeroed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
