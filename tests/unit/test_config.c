/*
 * Unit tests for config. Fixtures are data, as in iniparser's own tests:
 * every file under tests/data/config/good/ must load; every file under
 * tests/data/config/bad/ must fail with exactly the errors its
 * "; expect: LINE: MESSAGE" comments list, no more and no fewer.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "coopreport/config.h"

#define FIXTURES COOP_SOURCE_DIR "/tests/data/config"

/* Prints every diagnostic, so that a failing assertion shows what was reported. */
static void print_diagnostics(const struct coop_diagnostics *list)
{
    for (size_t i = 0; i < list->count; i++)
        fprintf(stderr, "    %s:%ld: %s\n", list->items[i].file, list->items[i].line,
                list->items[i].message);
}

static int load(const char *path, struct coop_config *config, struct coop_diagnostics *list)
{
    diag_init(list, 0);
    int status = config_load(path, config, list);
    if (status != 0 || list->count)
        print_diagnostics(list);
    return status;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names of the .ini files in folder, sorted; caller frees each and the array. */
static char **list_ini_files(const char *folder, size_t *count)
{
    DIR *dir = opendir(folder);
    assert_non_null(dir);
    char **names = NULL;
    *count = 0;
    struct dirent *entry;
    while ((entry = readdir(dir))) {
        size_t length = strlen(entry->d_name);
        if (length < 5 || strcmp(entry->d_name + length - 4, ".ini") != 0)
            continue;
        names = realloc(names, (*count + 1) * sizeof *names);
        assert_non_null(names);
        names[(*count)++] = strdup(entry->d_name);
    }
    closedir(dir);
    qsort(names, *count, sizeof *names, compare_names);
    return names;
}

/* --- good fixtures ----------------------------------------------------------------- */

static void test_good_files_load(void **state)
{
    (void)state;
    size_t count;
    char **names = list_ini_files(FIXTURES "/good", &count);
    assert_true(count >= 2);
    for (size_t i = 0; i < count; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", FIXTURES "/good", names[i]);
        struct coop_config config;
        struct coop_diagnostics list;
        if (load(path, &config, &list) != 0)
            fail_msg("%s did not load", names[i]);
        assert_int_equal(list.count, 0);
        config_release(&config);
        diag_release(&list);
        free(names[i]);
    }
    free(names);
}

static void test_examples_load(void **state)
{
    (void)state;
    static const char *const examples[] = {"bac-ninh-2024-h1.ini", "bac-ninh-2024-fy.ini"};
    for (size_t i = 0; i < 2; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/examples/%s", COOP_SOURCE_DIR, examples[i]);
        struct coop_config config;
        struct coop_diagnostics list;
        assert_int_equal(load(path, &config, &list), 0);
        assert_int_equal(list.count, 0);
        assert_string_equal(config.province, "27");
        assert_int_equal(config.sector_count, 7);
        config_release(&config);
        diag_release(&list);
    }
}

static void test_full_config(void **state)
{
    (void)state;
    const char *path = FIXTURES "/good/full.ini";
    struct coop_config config;
    struct coop_diagnostics list;
    assert_int_equal(load(path, &config, &list), 0);

    assert_string_equal(config.path, path);
    assert_string_equal(config.directory, FIXTURES "/good");
    assert_string_equal(config.province, "27");
    assert_int_equal(config.year, 2024);
    assert_int_equal(config.period, PERIOD_H1);
    assert_int_equal(config.date, 20240708);
    assert_string_equal(config.organization, "Liên minh Hợp tác xã tỉnh {province}");
    assert_string_equal(config.provinces, "63");
    assert_string_equal(config.template_name, "bao-cao-6-thang");

    /* Relative to the config's folder; absolute paths stay as they are. */
    assert_string_equal(config.coops_path, FIXTURES "/good/data/htx_2024_h1.csv");
    assert_string_equal(config.groups_path, FIXTURES "/good/data/tht_2024_h1.csv");
    assert_string_equal(config.previous_coops_path, "/srv/registry/htx_2023_h1.csv");
    assert_string_equal(config.previous_groups_path, FIXTURES "/archive/tht_2023_h1.csv");

    assert_int_equal(config.dialect.delimiter, ';');
    assert_int_equal(config.dialect.decimal, ',');
    assert_int_equal(config.dialect.dates, DATE_STYLE_ISO);

    assert_string_equal(config.coop_columns[FIELD_ID], "Mã HTX");
    assert_string_equal(config.coop_columns[FIELD_NAME], "Tên hợp tác xã");
    assert_string_equal(config.coop_columns[FIELD_FOUNDED], "Ngày thành lập");
    assert_string_equal(config.coop_columns[FIELD_ALLIANCE_MEMBER], "Thành viên Liên minh");
    assert_null(config.coop_columns[FIELD_SECTOR]);
    assert_string_equal(config.group_columns[FIELD_ID], "Mã THT");
    assert_string_equal(config.group_columns[FIELD_MEMBERS], "Số thành viên");
    assert_null(config.group_columns[FIELD_NAME]);

    /* Sectors in file order, codes lower case. */
    assert_int_equal(config.sector_count, 3);
    assert_string_equal(config.sectors[0].code, "nong_nghiep");
    assert_string_equal(config.sectors[0].label, "Nông nghiệp");
    assert_null(config.sectors[0].sheet);
    assert_int_equal(config.sectors[0].alias_count, 1);
    assert_string_equal(config.sectors[0].aliases[0], "NN");
    assert_string_equal(config.sectors[1].code, "cn_ttcn");
    assert_string_equal(config.sectors[1].label, "Công nghiệp - Tiểu thủ công nghiệp");
    assert_string_equal(config.sectors[1].sheet, "CN-TTCN");
    /* Empty pieces of "a, b ,, c," are dropped, the others trimmed. */
    assert_int_equal(config.sectors[1].alias_count, 3);
    assert_string_equal(config.sectors[1].aliases[0], "TTCN");
    assert_string_equal(config.sectors[1].aliases[1], "Tiểu thủ công nghiệp");
    assert_string_equal(config.sectors[1].aliases[2], "CN-TTCN");
    assert_string_equal(config.sectors[2].code, "thuong_mai");
    assert_int_equal(config.sectors[2].alias_count, 0);
    assert_null(config.sectors[2].aliases);

    /* "08" is eight, not octal zero. */
    double value = -1;
    assert_int_equal(config.plan_count, 4);
    assert_true(config_find_plan(&config, "coops.new", &value));
    assert_true(value == 30);
    assert_true(config_find_plan(&config, "coops.total", &value));
    assert_true(value == 8);
    assert_true(config_find_plan(&config, "groups.revenue.avg", &value));
    assert_true(value == 170.5);
    assert_true(config_find_plan(&config, "unions.total", &value));
    assert_true(value == 2);
    value = -1;
    assert_false(config_find_plan(&config, "groups.new", &value));
    assert_true(value == -1);
    assert_false(config_find_plan(&config, NULL, NULL));

    assert_int_equal(config.target_count, 2);
    const struct coop_target *target = &config.targets[0];
    assert_string_equal(target->name, "new_coops_h2");
    assert_string_equal(target->label, "Phát triển thêm HTX mới trong 6 tháng cuối năm");
    assert_string_equal(target->sheet, "HTX mới 6 tháng cuối năm");
    assert_string_equal(target->indicator, "coops.new");
    assert_int_equal(target->window, WINDOW_H2);
    assert_true(target->has_min && target->has_max);
    assert_true(target->min == 10 && target->max == 15);
    target = &config.targets[1];
    assert_null(target->sheet);
    assert_string_equal(target->name, "income");
    assert_string_equal(target->indicator, "coops.income.growth_pct");
    assert_int_equal(target->window, WINDOW_FY);   /* the default */
    assert_false(target->has_min);
    assert_true(target->has_max && target->max == 8);

    assert_string_equal(config.output_path,
                        FIXTURES "/good/out/{province_code}-{year}-{period}.xlsx");
    assert_string_equal(config.summary_path, "/tmp/toan-quoc-{{literal}}-{year}.xlsx");

    config_release(&config);
    diag_release(&list);
}

static void test_paths_and_defaults(void **state)
{
    (void)state;
    struct coop_config config;
    struct coop_diagnostics list;
    assert_int_equal(load(FIXTURES "/good/paths.ini", &config, &list), 0);
    assert_null(config.province);
    assert_int_equal(config.year, 2100);
    assert_int_equal(config.period, PERIOD_FY);
    assert_int_equal(config.date, 0);
    assert_null(config.organization);
    /* Names with '/' or an .ini/.csv extension are paths, not shipped names. */
    assert_string_equal(config.provinces, FIXTURES "/good/lists/provinces.csv");
    assert_string_equal(config.template_name, FIXTURES "/good/my-template.ini");
    assert_null(config.groups_path);
    assert_null(config.previous_coops_path);
    assert_int_equal(config.dialect.delimiter, '\t');
    assert_int_equal(config.dialect.decimal, '.');
    assert_int_equal(config.dialect.dates, DATE_STYLE_AUTO);
    assert_int_equal(config.plan_count, 0);
    assert_null(config.plan);
    assert_int_equal(config.target_count, 0);
    assert_null(config.summary_path);
    config_release(&config);
    diag_release(&list);

    /* A config named without a folder: paths are relative to "."; a template
     * keeps a '/' ("./my-template.ini"), or the run would take the bare
     * "my-template.ini" for the name of a shipped template. */
    char here[4096];
    assert_non_null(getcwd(here, sizeof here));
    assert_int_equal(chdir(FIXTURES "/good"), 0);
    int status = load("paths.ini", &config, &list);
    assert_int_equal(chdir(here), 0);
    assert_int_equal(status, 0);
    assert_string_equal(config.directory, ".");
    assert_string_equal(config.coops_path, "htx.csv");
    assert_string_equal(config.template_name, "./my-template.ini");
    assert_string_equal(config.provinces, "lists/provinces.csv");
    assert_string_equal(config.output_path, "{province_slug}.xlsx");
    config_release(&config);
    diag_release(&list);
}

/* A spelling with a comma (the official VSIC name "Nông nghiệp, lâm nghiệp và
 * thủy sản") is one alias: quoted inside the list, or on an alias.N line. */
static void test_aliases_with_commas(void **state)
{
    (void)state;
    struct coop_config config;
    struct coop_diagnostics list;
    assert_int_equal(load(FIXTURES "/good/aliases.ini", &config, &list), 0);
    assert_int_equal(list.count, 0);
    assert_int_equal(config.sector_count, 3);

    const struct coop_sector *farming = &config.sectors[0];
    assert_int_equal(farming->alias_count, 5);
    assert_string_equal(farming->aliases[0], "NN");
    assert_string_equal(farming->aliases[1], "Nông nghiệp, lâm nghiệp và thủy sản");
    assert_string_equal(farming->aliases[2], "Nông lâm");
    assert_string_equal(farming->aliases[3], "Nông, lâm, ngư nghiệp");
    assert_string_equal(farming->aliases[4], "Trồng trọt; chăn nuôi, thủy sản");

    const struct coop_sector *trade = &config.sectors[1];
    assert_string_equal(trade->label, "Thương mại, dịch vụ");
    assert_int_equal(trade->alias_count, 1);
    assert_string_equal(trade->aliases[0], "TM, DV");

    /* Quotes around the whole value are the INI file's (they protect the ';'):
     * the commas inside still separate aliases. */
    const struct coop_sector *building = &config.sectors[2];
    assert_int_equal(building->alias_count, 2);
    assert_string_equal(building->aliases[0], "XD; giao thông");
    assert_string_equal(building->aliases[1], "thủy lợi");
    config_release(&config);
    diag_release(&list);
}

/* [previous_csv] and [previous_*.columns] apply to last year's files only,
 * key by key over this year's. */
static void test_previous_year_dialect_and_columns(void **state)
{
    (void)state;
    struct coop_config config;
    struct coop_diagnostics list;
    assert_int_equal(load(FIXTURES "/good/previous.ini", &config, &list), 0);
    assert_int_equal(list.count, 0);

    const struct csv_dialect *current = config_input_dialect(&config, false);
    assert_int_equal(current->delimiter, ',');
    assert_int_equal(current->decimal, '.');
    assert_int_equal(current->dates, DATE_STYLE_DMY);
    const struct csv_dialect *previous = config_input_dialect(&config, true);
    assert_int_equal(previous->delimiter, ';');
    assert_int_equal(previous->decimal, ',');
    assert_int_equal(previous->dates, DATE_STYLE_DMY);   /* not given: [csv]'s */

    bool explicit_previous;
    assert_string_equal(config_column_header(&config, false, false, FIELD_INCOME, NULL),
                        "Thu nhập");
    assert_string_equal(config_column_header(&config, false, true, FIELD_INCOME,
                                             &explicit_previous), "Thu nhập BQ");
    assert_true(explicit_previous);
    assert_string_equal(config_column_header(&config, false, true, FIELD_ID, &explicit_previous),
                        "Mã HTX");
    assert_false(explicit_previous);
    assert_null(config_column_header(&config, false, false, FIELD_REVENUE, NULL));
    assert_string_equal(config_column_header(&config, false, true, FIELD_REVENUE, NULL),
                        "Doanh thu");
    assert_string_equal(config_column_header(&config, true, true, FIELD_ID, NULL), "Mã THT");
    assert_null(config_column_header(&config, true, true, FIELD_NAME, NULL));
    config_release(&config);
    diag_release(&list);

    /* Without the sections, last year's files are read as this year's. */
    assert_int_equal(load(FIXTURES "/good/full.ini", &config, &list), 0);
    assert_ptr_equal(config_input_dialect(&config, true), &config.dialect);
    for (int f = 0; f < FIELD_COUNT; f++)
        assert_ptr_equal(config_column_header(&config, false, true, (enum coop_field)f, NULL),
                         config.coop_columns[f]);
    config_release(&config);
    diag_release(&list);
}

/* --- bad fixtures ------------------------------------------------------------------ */

struct expectation {
    long line;
    char message[1024];
    bool seen;
};

/* Reads the "; expect: LINE: MESSAGE" comments of a fixture. */
static size_t read_expectations(const char *path, struct expectation *out, size_t capacity)
{
    FILE *file = fopen(path, "r");
    assert_non_null(file);
    char line[2048];
    size_t count = 0;
    while (fgets(line, sizeof line, file)) {
        const char *tag = "; expect: ";
        if (strncmp(line, tag, strlen(tag)) != 0)
            continue;
        assert_true(count < capacity);
        char *end;
        out[count].line = strtol(line + strlen(tag), &end, 10);
        assert_true(end[0] == ':' && end[1] == ' ');
        snprintf(out[count].message, sizeof out[count].message, "%s", end + 2);
        out[count].message[strcspn(out[count].message, "\n")] = '\0';
        out[count].seen = false;
        count++;
    }
    fclose(file);
    return count;
}

static bool check_bad_file(const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", FIXTURES "/bad", name);
    struct expectation expected[16];
    size_t expected_count = read_expectations(path, expected, 16);
    if (expected_count == 0)
        fail_msg("%s has no '; expect:' line", name);

    struct coop_config config;
    struct coop_diagnostics list;
    diag_init(&list, 0);
    memset(&config, 0xA5, sizeof config);   /* must be reset, then released */
    int status = config_load(path, &config, &list);
    bool ok = status == COOP_EXIT_USAGE && list.error_count == expected_count &&
              list.count == expected_count;
    for (size_t i = 0; i < list.count; i++) {
        bool matched = false;
        for (size_t e = 0; e < expected_count && !matched; e++)
            if (!expected[e].seen && expected[e].line == list.items[i].line &&
                strcmp(expected[e].message, list.items[i].message) == 0)
                matched = expected[e].seen = true;
        if (strcmp(list.items[i].file, path) != 0)
            matched = false;
        if (!matched) {
            fprintf(stderr, "%s: unexpected: %ld: %s\n", name, list.items[i].line,
                    list.items[i].message);
            ok = false;
        }
    }
    for (size_t e = 0; e < expected_count; e++)
        if (!expected[e].seen) {
            fprintf(stderr, "%s: missing: %ld: %s\n", name, expected[e].line,
                    expected[e].message);
            ok = false;
        }
    /* Released on failure: a zeroed struct that config_release accepts again. */
    assert_null(config.path);
    assert_int_equal(config.sector_count, 0);
    size_t list_error_count = list.error_count;
    config_release(&config);
    diag_release(&list);
    if (!ok)
        fprintf(stderr, "%s: status %d, %zu errors, expected %zu as listed\n", name, status,
                list_error_count, expected_count);
    return ok;
}

static void test_bad_files_fail(void **state)
{
    (void)state;
    size_t count;
    char **names = list_ini_files(FIXTURES "/bad", &count);
    assert_true(count >= 15);
    size_t failed = 0;
    for (size_t i = 0; i < count; i++) {
        failed += !check_bad_file(names[i]);
        free(names[i]);
    }
    free(names);
    if (failed)
        fail_msg("%zu of %zu bad fixtures did not fail as expected", failed, count);
}

static void test_missing_required_counted(void **state)
{
    (void)state;
    struct coop_config config;
    struct coop_diagnostics list;
    diag_init(&list, 0);
    assert_int_equal(config_load(FIXTURES "/bad/missing_required.ini", &config, &list),
                     COOP_EXIT_USAGE);
    /* year, period, coops and the sectors: all four at once ([output] path may
     * come from -o). */
    assert_int_equal(list.error_count, 4);
    diag_release(&list);
}

static void test_missing_file(void **state)
{
    (void)state;
    struct coop_config config;
    struct coop_diagnostics list;
    diag_init(&list, 0);
    assert_int_equal(config_load(FIXTURES "/no-such.ini", &config, &list), COOP_EXIT_IO);
    assert_int_equal(list.error_count, 1);
    assert_non_null(strstr(list.items[0].message, "cannot open"));
    assert_string_equal(list.items[0].file, FIXTURES "/no-such.ini");
    diag_release(&list);

    diag_init(&list, 0);
    assert_int_equal(config_load(FIXTURES "/good", &config, &list), COOP_EXIT_IO);
    assert_non_null(strstr(list.items[0].message, "cannot open"));
    diag_release(&list);
}

/* --- small functions --------------------------------------------------------------- */

static void test_field_names(void **state)
{
    (void)state;
    for (int f = 0; f < FIELD_COUNT; f++)
        assert_int_equal(config_field_from_name(config_field_name((enum coop_field)f)), f);
    assert_string_equal(config_field_name(FIELD_ALLIANCE_MEMBER), "alliance_member");
    assert_int_equal(config_field_from_name("founded"), FIELD_FOUNDED);
    assert_int_equal(config_field_from_name("Founded"), FIELD_COUNT);
    assert_int_equal(config_field_from_name("nope"), FIELD_COUNT);
    assert_int_equal(config_field_from_name(NULL), FIELD_COUNT);
    static const enum coop_field absent[] = {FIELD_KIND, FIELD_WORKERS, FIELD_INCOME,
                                             FIELD_MARKET_ACCESS, FIELD_VALUE_CHAIN,
                                             FIELD_HIGH_TECH, FIELD_ALLIANCE_MEMBER};
    size_t in_groups = 0;
    for (int f = 0; f < FIELD_COUNT; f++)
        in_groups += config_field_in_groups((enum coop_field)f);
    assert_int_equal(in_groups, FIELD_COUNT - 7);
    for (size_t i = 0; i < 7; i++)
        assert_false(config_field_in_groups(absent[i]));
    assert_true(config_field_in_groups(FIELD_REVENUE));
}

static void test_placeholders(void **state)
{
    (void)state;
    static const char *const known[] = {"province", "province_code", "province_slug",
                                        "province_name_en", "province_full_name",
                                        "province_type", "province_type_en", "year",
                                        "prev_year", "period",
                                        "period_label", "date_line", "date", "organization"};
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        assert_true(config_placeholder_is_known(known[i]));
    assert_false(config_placeholder_is_known("Province"));
    assert_false(config_placeholder_is_known("provinces"));
    assert_false(config_placeholder_is_known(""));
    assert_false(config_placeholder_is_known(NULL));
}

static void test_ranges(void **state)
{
    (void)state;
    coop_date first, last;
    config_period_range(PERIOD_H1, 2024, &first, &last);
    assert_int_equal(first, 20240101);
    assert_int_equal(last, 20240630);
    config_period_range(PERIOD_FY, 2024, &first, &last);
    assert_int_equal(first, 20240101);
    assert_int_equal(last, 20241231);
    config_window_range(WINDOW_H1, 2023, &first, &last);
    assert_int_equal(first, 20230101);
    assert_int_equal(last, 20230630);
    config_window_range(WINDOW_H2, 2023, &first, &last);
    assert_int_equal(first, 20230701);
    assert_int_equal(last, 20231231);
    config_window_range(WINDOW_FY, 2023, &first, &last);
    assert_int_equal(first, 20230101);
    assert_int_equal(last, 20231231);
}

static void test_resolve_path(void **state)
{
    (void)state;
    struct { const char *directory, *path, *expected; } cases[] = {
        {"/etc/coop", "data/a.csv", "/etc/coop/data/a.csv"},
        {"/etc/coop/", "a.csv", "/etc/coop/a.csv"},
        {"/etc/coop", "/abs/a.csv", "/abs/a.csv"},
        {".", "a.csv", "a.csv"},
        {"/", "a.csv", "/a.csv"},
        {"/", "../a.csv", "/../a.csv"},
        {"no-such-folder", "../a.csv", "no-such-folder/../a.csv"},
        {NULL, "a.csv", "a.csv"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *path = config_resolve_path(cases[i].directory, cases[i].path);
        assert_non_null(path);
        assert_string_equal(path, cases[i].expected);
        free(path);
    }
    assert_null(config_resolve_path("/x", NULL));

    /* ".." cancels a real folder, never a symbolic link (whose ".." is the
     * link target's parent). */
    char root[] = "/tmp/coopreport-resolve-XXXXXX";
    assert_non_null(mkdtemp(root));
    char real[128], inner[128], link[128], expected[160];
    snprintf(real, sizeof real, "%s/real", root);
    snprintf(inner, sizeof inner, "%s/real/inner", root);
    snprintf(link, sizeof link, "%s/link", root);
    assert_int_equal(mkdir(real, 0700), 0);
    assert_int_equal(mkdir(inner, 0700), 0);
    assert_int_equal(symlink(inner, link), 0);
    struct { const char *directory, *path, *expected_suffix; } real_cases[] = {
        {real, "../out/a.xlsx", "/out/a.xlsx"},
        {real, "..//a.xlsx", "/a.xlsx"},          /* never the root's /a.xlsx */
        {inner, "../", "/real"},
        {inner, "../../a.csv", "/a.csv"},
        {inner, "../x/../a.csv", "/real/x/../a.csv"},
        {link, "../a.csv", "/link/../a.csv"},
    };
    for (size_t i = 0; i < sizeof real_cases / sizeof real_cases[0]; i++) {
        char *path = config_resolve_path(real_cases[i].directory, real_cases[i].path);
        snprintf(expected, sizeof expected, "%s%s", root, real_cases[i].expected_suffix);
        assert_non_null(path);
        assert_string_equal(path, expected);
        free(path);
    }
    assert_int_equal(unlink(link), 0);
    assert_int_equal(rmdir(inner), 0);
    assert_int_equal(rmdir(real), 0);
    assert_int_equal(rmdir(root), 0);
}

static void test_find_shared_file(void **state)
{
    (void)state;
    /* $COOPREPORT_SHARE comes first. */
    assert_int_equal(setenv("COOPREPORT_SHARE", FIXTURES, 1), 0);
    char *path = config_find_shared_file("good", "full.ini");
    assert_non_null(path);
    assert_string_equal(path, FIXTURES "/good/full.ini");
    free(path);
    /* Not there: the next places are searched, down to the source tree. */
    path = config_find_shared_file("data", "provinces-34.csv");
    assert_non_null(path);
    const char *suffix = "/data/provinces-34.csv";
    assert_true(strlen(path) > strlen(suffix));
    assert_string_equal(path + strlen(path) - strlen(suffix), suffix);
    assert_int_equal(access(path, R_OK), 0);
    free(path);
    assert_int_equal(unsetenv("COOPREPORT_SHARE"), 0);
    path = config_find_shared_file("templates", "bao-cao-6-thang.ini");
    assert_non_null(path);
    free(path);
    assert_null(config_find_shared_file("templates", "no-such-template.ini"));
    assert_null(config_find_shared_file(NULL, "x"));
}

static void test_release_accepts_zeroed(void **state)
{
    (void)state;
    struct coop_config config;
    memset(&config, 0, sizeof config);
    config_release(&config);
    config_release(&config);
    config_release(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good_files_load),
        cmocka_unit_test(test_examples_load),
        cmocka_unit_test(test_full_config),
        cmocka_unit_test(test_paths_and_defaults),
        cmocka_unit_test(test_aliases_with_commas),
        cmocka_unit_test(test_previous_year_dialect_and_columns),
        cmocka_unit_test(test_bad_files_fail),
        cmocka_unit_test(test_missing_required_counted),
        cmocka_unit_test(test_missing_file),
        cmocka_unit_test(test_field_names),
        cmocka_unit_test(test_placeholders),
        cmocka_unit_test(test_ranges),
        cmocka_unit_test(test_resolve_path),
        cmocka_unit_test(test_find_shared_file),
        cmocka_unit_test(test_release_accepts_zeroed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
