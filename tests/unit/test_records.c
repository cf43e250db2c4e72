/* Unit tests of records: header mapping, validation of each field with its
 * position, province filtering, duplicates, and the accounting of rows. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "coopreport/records.h"

static char code_agriculture[] = "nong_nghiep", label_agriculture[] = "Nông nghiệp";
static char code_crafts[] = "cn_ttcn", label_crafts[] = "Công nghiệp - Tiểu thủ công nghiệp";
static char alias_crafts[] = "TTCN";
static char *crafts_aliases[] = {alias_crafts};
static struct coop_sector sectors[2];

static void make_config(struct coop_config *config)
{
    memset(config, 0, sizeof *config);
    sectors[0] = (struct coop_sector){.code = code_agriculture, .label = label_agriculture};
    sectors[1] = (struct coop_sector){.code = code_crafts, .label = label_crafts,
                                      .aliases = crafts_aliases, .alias_count = 1};
    config->year = 2024;
    config->period = PERIOD_H1;
    config->sectors = sectors;
    config->sector_count = 2;
    config->dialect.decimal = '.';
    config->dialect.dates = DATE_STYLE_AUTO;
}

static char *write_temporary(const char *content)
{
    char *path = strdup("/tmp/coopreport-records-XXXXXX");
    int descriptor = mkstemp(path);
    assert_true(descriptor >= 0);
    size_t length = strlen(content);
    assert_int_equal(write(descriptor, content, length), (ssize_t)length);
    close(descriptor);
    return path;
}

struct loaded {
    struct coop_dataset dataset;
    struct coop_diagnostics diagnostics;
    char *path;
    int status;
};

static void load(struct loaded *loaded, const struct coop_config *config, const char *content)
{
    loaded->path = write_temporary(content);
    diag_init(&loaded->diagnostics, 0);
    struct records_options options = {.config = config};
    loaded->status = records_load(loaded->path, &options, &loaded->dataset, &loaded->diagnostics);
}

static void unload(struct loaded *loaded)
{
    records_release(&loaded->dataset);
    diag_release(&loaded->diagnostics);
    unlink(loaded->path);
    free(loaded->path);
}

static void test_valid_rows(void **state)
{
    (void)state;
    struct coop_config config;
    make_config(&config);
    struct loaded loaded;
    load(&loaded, &config,
         "id,name,sector,founded,dissolved,members,revenue,profit,market_access,kind\n"
         "A1,HTX Một,NÔNG NGHIỆP,01/02/2010,,12,\"1,234.5\",-3.25,x,\n"
         "A2,\"HTX \"\"Hai\"\", Bắc Ninh\",ttcn,2024-06-30,31/12/2024,,170.1,,có,LHHTX\n"
         "\n"
         ",,,,,,,,,\n");
    assert_int_equal(loaded.status, 0);
    assert_int_equal(loaded.diagnostics.error_count, 0);
    assert_int_equal(loaded.dataset.count, 2);
    assert_int_equal(loaded.dataset.rows_read, 2);
    const struct coop_record *first = &loaded.dataset.records[0];
    assert_string_equal(first->id, "A1");
    assert_int_equal(first->sector, 0);
    assert_int_equal(first->founded, 20100201);
    assert_int_equal(first->members, 12);
    assert_true(first->revenue == INT64_C(1234500000));
    assert_true(first->profit == INT64_C(-3250000));
    assert_true(first->market_access);
    assert_int_equal(first->kind, KIND_HTX);
    assert_false(record_has(first, FIELD_DISSOLVED));
    const struct coop_record *second = &loaded.dataset.records[1];
    assert_string_equal(second->name, "HTX \"Hai\", Bắc Ninh");
    assert_int_equal(second->sector, 1);
    assert_int_equal(second->dissolved, 20241231);
    assert_false(record_has(second, FIELD_MEMBERS));
    assert_int_equal(second->kind, KIND_LHHTX);
    assert_int_equal(second->line, 3);
    unload(&loaded);
}

static void test_rejected_rows_with_positions(void **state)
{
    (void)state;
    struct coop_config config;
    make_config(&config);
    struct loaded loaded;
    load(&loaded, &config,
         "id,name,sector,founded,dissolved,members\n"
         "A1,HTX Một,Nông nghiệp,31/02/2024,,1\n"        /* line 2: bad date */
         "A2,\"HTX\nHai\",Nông nghiệp,01/01/2020,,x\n"    /* lines 3-4: text in members, on 4 */
         "A3,HTX Ba,Lâm nghiệp,01/01/2020,,1\n"           /* line 5: unknown sector */
         "A1,HTX Bốn,Nông nghiệp,01/01/2020,,1\n"         /* line 6: A1 of a rejected row */
         "A4,HTX Năm,Nông nghiệp,01/01/2020,,1\n"         /* line 7: kept */
         "A4,HTX Năm,Nông nghiệp,01/01/2020,,1\n"         /* line 8: duplicate of line 7 */
         "A6,HTX Sáu,Nông nghiệp,01/01/2020,01/01/2019,1\n" /* line 9: dissolved before founded */
         "A7,HTX Bảy,Nông nghiệp\n");                      /* line 10: too few fields */
    assert_int_equal(loaded.status, 0);
    assert_int_equal(loaded.dataset.rows_read, 8);
    assert_int_equal(loaded.dataset.count, 1);
    assert_int_equal(loaded.dataset.rejected_count, 7);
    static const struct {
        long line, column;
        const char *field;
        const char *reason_start;
    } expected[] = {
        {2, 4, "founded", "invalid date '31/02/2024'"},
        {4, 6, "members", "invalid number 'x'"},    /* the line the field is on */
        {5, 3, "sector", "unknown sector 'Lâm nghiệp'"},
        {6, 1, "id", "duplicate id 'A1' (first seen on line 2)"},
        {8, 1, "id", "duplicate id 'A4' (first seen on line 7)"},
        {9, 5, "dissolved", "dissolved on 01/01/2019, before it was founded on 01/01/2020"},
        {10, 4, "founded", "expected 6 fields as in the header, found 3"},
    };
    for (size_t i = 0; i < 7; i++) {
        const struct coop_rejected_row *row = &loaded.dataset.rejected[i];
        assert_int_equal(row->line, expected[i].line);
        assert_int_equal(row->column, expected[i].column);
        if (expected[i].field)
            assert_string_equal(row->field, expected[i].field);
        else
            assert_null(row->field);
        assert_memory_equal(row->reason, expected[i].reason_start, strlen(expected[i].reason_start));
    }
    assert_int_equal(loaded.diagnostics.error_count, 7);
    char *text = diag_format(&loaded.diagnostics.items[0]);
    char wanted[512];
    snprintf(wanted, sizeof wanted, "%s:2:4: error: field 'founded': invalid date '31/02/2024'",
             loaded.path);
    assert_memory_equal(text, wanted, strlen(wanted));
    free(text);
    unload(&loaded);
}

/* Excel writes empty cells past the last column once used (";;"): such a row
 * lines up with the header, and so does a header with empty cells at its end;
 * a field past the header that holds something is still one too many. */
static void test_trailing_empty_cells(void **state)
{
    (void)state;
    struct coop_config config;
    make_config(&config);
    struct loaded loaded;
    load(&loaded, &config,
         "id,name,sector,founded,members\n"
         "A1,HTX Một,Nông nghiệp,01/02/2010,12,,\n"        /* line 2: two empty cells more */
         "A2,HTX Hai,Nông nghiệp,01/02/2010,3, ,\t\n"     /* line 3: blank ones */
         "A3,HTX Ba,Nông nghiệp,01/02/2010,4,,x\n"         /* line 4: 'x' is one too many */
         "A4,HTX Bốn,Nông nghiệp,01/02/2010,5,x,\n");      /* line 5: so is this one */
    assert_int_equal(loaded.status, 0);
    assert_int_equal(loaded.dataset.count, 2);
    assert_int_equal(loaded.dataset.rejected_count, 2);
    assert_int_equal(loaded.dataset.rejected[0].line, 4);
    assert_int_equal(loaded.dataset.rejected[0].column, 7);
    assert_string_equal(loaded.dataset.rejected[0].reason,
                        "expected 5 fields as in the header, found 7");
    assert_int_equal(loaded.dataset.rejected[1].column, 6);
    unload(&loaded);

    load(&loaded, &config,
         "id,name,sector,founded,members,,\n"
         "A1,HTX Một,Nông nghiệp,01/02/2010,12,,\n"        /* as long as the header */
         "A2,HTX Hai,Nông nghiệp,01/02/2010,3\n"           /* without its empty cells */
         "A3,HTX Ba,Nông nghiệp,01/02/2010,4,,,\n"         /* with one more */
         "A4,HTX Bốn,Nông nghiệp,01/02/2010\n");           /* a named field missing */
    assert_int_equal(loaded.status, 0);
    assert_int_equal(loaded.dataset.count, 3);
    assert_int_equal(loaded.dataset.rejected_count, 1);
    assert_int_equal(loaded.dataset.rejected[0].line, 5);
    assert_string_equal(loaded.dataset.rejected[0].field, "members");
    unload(&loaded);
}

static void test_header_mapping(void **state)
{
    (void)state;
    struct coop_config config;
    make_config(&config);
    static char id_header[] = "Mã HTX", founded_header[] = "Ngày thành lập";
    config.coop_columns[FIELD_ID] = id_header;
    config.coop_columns[FIELD_FOUNDED] = founded_header;
    struct loaded loaded;
    /* Headers match after NFC and case folding: "MÃ HTX" written decomposed. */
    load(&loaded, &config, "MA\xcc\x83 HTX,name,sector,NGÀY THÀNH LẬP\nX1,HTX,Nông nghiệp,1/1/2020\n");
    assert_int_equal(loaded.status, 0);
    assert_int_equal(loaded.dataset.count, 1);
    unload(&loaded);

    load(&loaded, &config, "id,name,sector,founded\nX1,HTX,Nông nghiệp,1/1/2020\n");
    assert_int_equal(loaded.status, COOP_EXIT_USAGE);
    assert_int_equal(loaded.diagnostics.error_count, 2); /* Mã HTX and Ngày thành lập missing */
    unload(&loaded);

    config.coop_columns[FIELD_ID] = NULL;
    config.coop_columns[FIELD_FOUNDED] = NULL;
    load(&loaded, &config, "id,name,sector,founded,ID\n");
    assert_int_equal(loaded.status, COOP_EXIT_USAGE);
    assert_int_equal(loaded.diagnostics.error_count, 1); /* id twice */
    unload(&loaded);
}

static void test_groups_ignore_coop_only_columns(void **state)
{
    (void)state;
    struct coop_config config;
    make_config(&config);
    struct coop_dataset dataset;
    struct coop_diagnostics diagnostics;
    diag_init(&diagnostics, 0);
    char *path = write_temporary("id,name,sector,founded,workers,revenue\nT1,THT,TTCN,01/01/2020,oops,163.7\n");
    struct records_options options = {.config = &config, .groups = true};
    assert_int_equal(records_load(path, &options, &dataset, &diagnostics), 0);
    /* Groups have no workers: the column is ignored, not validated. */
    assert_int_equal(dataset.count, 1);
    assert_true(dataset.records[0].revenue == INT64_C(163700000));
    records_release(&dataset);
    diag_release(&diagnostics);
    unlink(path);
    free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_rows),
        cmocka_unit_test(test_rejected_rows_with_positions),
        cmocka_unit_test(test_trailing_empty_cells),
        cmocka_unit_test(test_header_mapping),
        cmocka_unit_test(test_groups_ignore_coop_only_columns),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
