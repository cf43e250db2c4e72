/*
 * provinces — the province lists shipped with the tool. See provinces.h.
 */
#include "coopreport/provinces.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "coopreport/csv_reader.h"
#include "coopreport/text.h"

enum province_column { COLUMN_CODE, COLUMN_NAME, COLUMN_FULL_NAME, COLUMN_NAME_EN,
                       COLUMN_MERGED_FROM, COLUMN_OTHER_NAMES, COLUMN_COUNT };

static const char *const province_column_names[COLUMN_COUNT] = {
    "code", "name", "full_name", "name_en", "merged_from", "other_names"};

/* Index of lookup_keys: match keys first, then slugs (the name's slug is `slug`). */
enum { KEY_NAME, KEY_FULL_NAME, KEY_NAME_EN, SLUG_FULL_NAME, SLUG_NAME_EN, KEY_COUNT };

struct provinces_reader {
    const char *path;
    struct coop_province_list *list;
    struct coop_diagnostics *diagnostics;
    long columns[COLUMN_COUNT];   /* field index per column, -1 when absent */
    size_t header_count;
    size_t header_filled;        /* the header's cells up to its last named one */
    size_t capacity;
    int status;
};

static void provinces_free_item(struct coop_province *item)
{
    free(item->code);
    free(item->name);
    free(item->full_name);
    free(item->name_en);
    free(item->slug);
    for (size_t i = 0; i < item->merged_count; i++)
        free(item->merged_from[i]);
    free(item->merged_from);
    for (size_t i = 0; i < KEY_COUNT; i++)
        free(item->lookup_keys[i]);
    for (size_t i = 0; i < item->other_count; i++) {
        free(item->other_names[i]);
        if (item->other_keys) {
            free(item->other_keys[2 * i]);
            free(item->other_keys[2 * i + 1]);
        }
    }
    free(item->other_names);
    free(item->other_keys);
}

void provinces_release(struct coop_province_list *list)
{
    if (!list)
        return;
    for (size_t i = 0; i < list->count; i++)
        provinces_free_item(&list->items[i]);
    free(list->items);
    free(list->path);
    memset(list, 0, sizeof *list);
}

/* A code written as 1 to 9 ASCII digits, as an integer; -1 otherwise. Leading
 * zeros are allowed so that "7", "07" and "007" are the same code. */
static long provinces_code_value(const char *text)
{
    size_t length = strlen(text);
    while (length && (text[length - 1] == ' ' || text[length - 1] == '\t'))
        length--;
    while (length && (*text == ' ' || *text == '\t')) {
        text++;
        length--;
    }
    if (length == 0)
        return -1;
    long value = 0;
    size_t significant = 0;
    for (size_t i = 0; i < length; i++) {
        if (text[i] < '0' || text[i] > '9')
            return -1;
        if (value > 0 || text[i] != '0')
            significant++;
        if (significant > 9)
            return -1;
        value = value * 10 + (text[i] - '0');
    }
    return value;
}

static void provinces_error(struct provinces_reader *reader, long line, long column,
                            const char *field, const char *format, ...)
    __attribute__((format(printf, 5, 6)));

static void provinces_error(struct provinces_reader *reader, long line, long column,
                            const char *field, const char *format, ...)
{
    va_list arguments;
    va_start(arguments, format);
    diag_report_va(reader->diagnostics, DIAG_ERROR, reader->path, line, column, field, format,
                   arguments);
    va_end(arguments);
    if (reader->status == 0)
        reader->status = COOP_EXIT_USAGE;
}

static int provinces_read_header(struct provinces_reader *reader, const struct csv_row *row)
{
    for (size_t c = 0; c < COLUMN_COUNT; c++)
        reader->columns[c] = -1;
    reader->header_count = row->count;
    reader->header_filled = csv_row_filled_count(row);
    for (size_t i = 0; i < row->count; i++) {
        char *name = text_trim_copy(row->fields[i]);
        if (!name)
            return COOP_EXIT_IO;
        if (!*name && i >= reader->header_filled) {
            free(name);   /* the empty cells a spreadsheet writes after the last column */
            continue;
        }
        size_t c = 0;
        while (c < COLUMN_COUNT && strcasecmp(name, province_column_names[c]) != 0)
            c++;
        if (c == COLUMN_COUNT)
            provinces_error(reader, row->line, (long)i + 1, NULL,
                            "unknown column '%s' (expected code and name, and optionally "
                            "full_name, name_en, merged_from and other_names)", name);
        else if (reader->columns[c] >= 0)
            provinces_error(reader, row->line, (long)i + 1, NULL, "column '%s' appears twice",
                            name);
        else
            reader->columns[c] = (long)i;
        free(name);
    }
    /* full_name and name_en may be left out: the name stands for them. */
    for (size_t c = 0; c < COLUMN_MERGED_FROM; c++)
        if (reader->columns[c] < 0 && (c == COLUMN_CODE || c == COLUMN_NAME))
            provinces_error(reader, row->line, 0, NULL, "missing column '%s'",
                            province_column_names[c]);
    /* Without its columns no row can be read: stop here. */
    return reader->status;
}

/* Appends text (taken over: freed on failure) to a growing array of strings.
 * Returns 0, or -1 out of memory. */
static int provinces_append(char ***array, size_t *count, char *text)
{
    char **grown = realloc(*array, (*count + 1) * sizeof *grown);
    if (!grown) {
        free(text);
        return -1;
    }
    *array = grown;
    (*array)[(*count)++] = text;
    return 0;
}

/* Splits the space-separated old codes. Returns 0, or -1 out of memory. */
static int provinces_split_merged(struct provinces_reader *reader, const struct csv_row *row,
                                  const char *text, struct coop_province *item)
{
    size_t column = (size_t)reader->columns[COLUMN_MERGED_FROM] + 1;
    const char *p = text;
    while (*p) {
        while (*p == ' ' || *p == '\t')
            p++;
        size_t length = strcspn(p, " \t");
        if (length == 0)
            break;
        char *code = strndup(p, length);
        if (!code)
            return -1;
        if (provinces_code_value(code) < 0) {
            provinces_error(reader, row->line, (long)column, "merged_from",
                            "'%s' is not a province code", code);
            free(code);
        } else if (provinces_append(&item->merged_from, &item->merged_count, code) != 0) {
            return -1;
        }
        p += length;
    }
    return 0;
}

/* Splits the other names, separated by '|'. Returns 0, or -1 out of memory. */
static int provinces_split_other_names(const char *text, struct coop_province *item)
{
    for (const char *p = text; *p;) {
        size_t length = strcspn(p, "|");
        char *piece = strndup(p, length);
        char *name = piece ? text_trim_copy(piece) : NULL;
        free(piece);
        if (!name)
            return -1;
        if (!*name)
            free(name);
        else if (provinces_append(&item->other_names, &item->other_count, name) != 0)
            return -1;
        p += length;
        if (*p == '|')
            p++;
    }
    return 0;
}

/* The administrative words a name may start with, as slugs: "Tỉnh Bắc Ninh",
 * "Thành phố Hà Nội", "TP. Hồ Chí Minh". */
static const struct {
    const char *slug;
    bool city;
} PROVINCE_PREFIXES[] = {{"tinh-", false}, {"thanh-pho-", true}, {"tp-", true}};

/* The length of the administrative word a slug starts with (followed by a
 * name), 0 when none; *city tells whether it names a city. */
static size_t provinces_prefix_length(const char *slug, bool *city)
{
    *city = false;
    for (size_t i = 0; i < sizeof PROVINCE_PREFIXES / sizeof PROVINCE_PREFIXES[0]; i++) {
        size_t length = strlen(PROVINCE_PREFIXES[i].slug);
        if (strncmp(slug, PROVINCE_PREFIXES[i].slug, length) == 0 && slug[length]) {
            *city = PROVINCE_PREFIXES[i].city;
            return length;
        }
    }
    return 0;
}

/* The slug without a leading administrative word, so that "Tỉnh Bắc Ninh",
 * "TP. Hồ Chí Minh" and "Thanh pho Hue" find the province by its short name. */
static const char *provinces_strip_prefix(const char *slug)
{
    bool city;
    return slug + provinces_prefix_length(slug, &city);
}

/* Fills the derived strings. Returns 0, or -1 out of memory. */
static int provinces_derive_keys(struct coop_province *item)
{
    item->slug = text_slug(item->name);
    item->lookup_keys[KEY_NAME] = text_match_key(item->name);
    item->lookup_keys[KEY_FULL_NAME] = text_match_key(item->full_name);
    item->lookup_keys[KEY_NAME_EN] = text_match_key(item->name_en);
    item->lookup_keys[SLUG_FULL_NAME] = text_slug(item->full_name);
    item->lookup_keys[SLUG_NAME_EN] = text_slug(item->name_en);
    if (!item->slug)
        return -1;
    for (size_t i = 0; i < KEY_COUNT; i++)
        if (!item->lookup_keys[i])
            return -1;
    if (item->other_count) {
        item->other_keys = calloc(2 * item->other_count, sizeof *item->other_keys);
        if (!item->other_keys)
            return -1;
        for (size_t i = 0; i < item->other_count; i++) {
            item->other_keys[2 * i] = text_match_key(item->other_names[i]);
            item->other_keys[2 * i + 1] = text_slug(item->other_names[i]);
            if (!item->other_keys[2 * i] || !item->other_keys[2 * i + 1])
                return -1;
        }
    }
    /* A list without full_name (the name stands for it) says nothing of the
     * kind: a province, as most are. */
    bool city;
    provinces_prefix_length(item->lookup_keys[SLUG_FULL_NAME], &city);
    item->type = city ? "thành phố" : "tỉnh";
    item->type_en = city ? "City" : "Province";
    return 0;
}

/* Whether a slug names the province (its name, full name without the
 * administrative word, English name or another name). */
static bool provinces_slug_names(const struct coop_province *item, const char *slug)
{
    const char *full = provinces_strip_prefix(item->lookup_keys[SLUG_FULL_NAME]);
    if (strcmp(slug, item->slug) == 0 || strcmp(slug, full) == 0 ||
        strcmp(slug, item->lookup_keys[SLUG_NAME_EN]) == 0)
        return true;
    for (size_t i = 0; i < item->other_count; i++)
        if (strcmp(slug, provinces_strip_prefix(item->other_keys[2 * i + 1])) == 0)
            return true;
    return false;
}

/* An other name may not name an earlier province, nor an earlier province's
 * other name this one: a cell would then find whichever comes first. */
static void provinces_check_other_names(struct provinces_reader *reader, const struct csv_row *row,
                                        const struct coop_province *item)
{
    long column = reader->columns[COLUMN_OTHER_NAMES] + 1;
    for (size_t p = 0; p < reader->list->count; p++) {
        const struct coop_province *earlier = &reader->list->items[p];
        for (size_t i = 0; i < item->other_count; i++)
            if (provinces_slug_names(earlier, provinces_strip_prefix(item->other_keys[2 * i + 1])))
                provinces_error(reader, row->line, column, "other_names",
                                "'%s' already names %s %s", item->other_names[i], earlier->code,
                                earlier->name);
        for (size_t i = 0; i < earlier->other_count; i++)
            if (provinces_slug_names(item, provinces_strip_prefix(earlier->other_keys[2 * i + 1])))
                provinces_error(reader, row->line, column > 0 ? column : 0, NULL,
                                "%s %s is also named '%s', another name of %s %s", item->code,
                                item->name, earlier->other_names[i], earlier->code, earlier->name);
    }
}

/* Reads one data row into item. Returns 0 (problems are reported and leave
 * reader->status set), or COOP_EXIT_IO out of memory. */
static int provinces_read_item(struct provinces_reader *reader, const struct csv_row *row,
                               struct coop_province *item)
{
    char *values[COLUMN_COUNT] = {NULL};
    bool valid = true;
    for (size_t c = 0; c < COLUMN_COUNT; c++) {
        if (reader->columns[c] < 0)
            continue;
        size_t index = (size_t)reader->columns[c];
        const char *field = row->fields[index];
        if (strlen(field) != row->lengths[index] ||
            !text_is_valid_utf8(field, row->lengths[index], NULL)) {
            provinces_error(reader, row->line, (long)index + 1, province_column_names[c],
                            "not valid UTF-8 text");
            valid = false;
            continue;
        }
        values[c] = text_trim_copy(field);
        if (!values[c])
            goto out_of_memory;
        if ((c == COLUMN_CODE || c == COLUMN_NAME) && !*values[c]) {
            provinces_error(reader, row->line, (long)index + 1, province_column_names[c],
                            "required value is empty");
            valid = false;
        }
    }
    if (valid && provinces_code_value(values[COLUMN_CODE]) < 0) {
        provinces_error(reader, row->line, reader->columns[COLUMN_CODE] + 1, "code",
                        "'%s' is not a province code (expected digits)", values[COLUMN_CODE]);
        valid = false;
    }
    if (valid) {
        long code = provinces_code_value(values[COLUMN_CODE]);
        for (size_t i = 0; i < reader->list->count; i++)
            if (provinces_code_value(reader->list->items[i].code) == code) {
                provinces_error(reader, row->line, reader->columns[COLUMN_CODE] + 1, "code",
                                "duplicate code '%s' (already used by %s)", values[COLUMN_CODE],
                                reader->list->items[i].name);
                valid = false;
                break;
            }
    }
    if (!valid) {
        for (size_t c = 0; c < COLUMN_COUNT; c++)
            free(values[c]);
        return 0;
    }
    for (size_t c = COLUMN_FULL_NAME; c <= COLUMN_NAME_EN; c++)
        if (!values[c] || !*values[c]) {
            free(values[c]);
            if (!(values[c] = text_duplicate(values[COLUMN_NAME])))
                goto out_of_memory;
        }
    item->code = values[COLUMN_CODE];
    item->name = values[COLUMN_NAME];
    item->full_name = values[COLUMN_FULL_NAME];
    item->name_en = values[COLUMN_NAME_EN];
    int status = 0;
    if (values[COLUMN_MERGED_FROM])
        status = provinces_split_merged(reader, row, values[COLUMN_MERGED_FROM], item);
    free(values[COLUMN_MERGED_FROM]);
    if (status == 0 && values[COLUMN_OTHER_NAMES])
        status = provinces_split_other_names(values[COLUMN_OTHER_NAMES], item);
    free(values[COLUMN_OTHER_NAMES]);
    if (status != 0 || provinces_derive_keys(item) != 0) {
        provinces_free_item(item);
        memset(item, 0, sizeof *item);
        return COOP_EXIT_IO;
    }
    provinces_check_other_names(reader, row, item);
    return 0;

out_of_memory:
    for (size_t c = 0; c < COLUMN_COUNT; c++)
        free(values[c]);
    return COOP_EXIT_IO;
}

static int provinces_on_row(const struct csv_row *row, void *context)
{
    struct provinces_reader *reader = context;
    if (row->index == 0)
        return provinces_read_header(reader, row);
    if (row->error) {
        provinces_error(reader, row->line, row->error_column, NULL, "%s", row->error);
        return 0;
    }
    if (!csv_row_fits_header(row, reader->header_count, reader->header_filled)) {
        provinces_error(reader, row->line, 0, NULL, "%zu fields where the header has %zu",
                        row->count, reader->header_count);
        return 0;
    }
    struct coop_province_list *list = reader->list;
    if (list->count == reader->capacity) {
        size_t capacity = reader->capacity ? reader->capacity * 2 : 64;
        struct coop_province *items = realloc(list->items, capacity * sizeof *items);
        if (!items)
            return COOP_EXIT_IO;
        list->items = items;
        reader->capacity = capacity;
    }
    struct coop_province *item = &list->items[list->count];
    memset(item, 0, sizeof *item);
    int status = provinces_read_item(reader, row, item);
    if (status == 0 && item->code)
        list->count++;
    return status;
}

int provinces_load(const char *path, struct coop_province_list *list,
                   struct coop_diagnostics *diagnostics)
{
    memset(list, 0, sizeof *list);
    size_t errors_before = diagnostics->error_count;
    struct provinces_reader reader = {.path = path, .list = list, .diagnostics = diagnostics};
    list->path = text_duplicate(path);
    int status = list->path ? csv_read_file(path, path, ',', provinces_on_row, &reader, diagnostics)
                            : COOP_EXIT_IO;
    if (status == COOP_EXIT_IO && diagnostics->error_count == errors_before)
        diag_error(diagnostics, path, 0, 0, NULL, "out of memory reading the province list");
    /* A broken province list is a configuration problem, not rejected data. */
    if (status == COOP_EXIT_DATA)
        status = COOP_EXIT_USAGE;
    if (status == 0)
        status = reader.status;
    if (status == 0 && list->count == 0) {
        diag_error(diagnostics, path, 0, 0, NULL, "the province list holds no province");
        status = COOP_EXIT_USAGE;
    }
    if (status != 0)
        provinces_release(list);
    return status;
}

static const struct coop_province *provinces_find_name(const struct coop_province_list *list,
                                                       const char *key, const char *slug)
{
    /* Exact keys first: a slug drops diacritics, which could make two names
     * equal that people tell apart. */
    for (size_t i = 0; i < list->count; i++) {
        const struct coop_province *item = &list->items[i];
        for (size_t k = KEY_NAME; k <= KEY_NAME_EN; k++)
            if (strcmp(key, item->lookup_keys[k]) == 0)
                return item;
        for (size_t k = 0; k < item->other_count; k++)
            if (strcmp(key, item->other_keys[2 * k]) == 0)
                return item;
    }
    if (!*slug)
        return NULL;
    const char *short_slug = provinces_strip_prefix(slug);
    for (size_t i = 0; i < list->count; i++) {
        const struct coop_province *item = &list->items[i];
        if (strcmp(slug, item->slug) == 0 || strcmp(slug, item->lookup_keys[SLUG_FULL_NAME]) == 0 ||
            strcmp(slug, item->lookup_keys[SLUG_NAME_EN]) == 0 || provinces_slug_names(item, short_slug))
            return item;
        for (size_t k = 0; k < item->other_count; k++)
            if (strcmp(slug, item->other_keys[2 * k + 1]) == 0)
                return item;
    }
    return NULL;
}

const struct coop_province *provinces_find(const struct coop_province_list *list,
                                           const char *code_or_name)
{
    if (!list || !code_or_name)
        return NULL;
    long code = provinces_code_value(code_or_name);
    if (code >= 0) {
        for (size_t i = 0; i < list->count; i++)
            if (provinces_code_value(list->items[i].code) == code)
                return &list->items[i];
        return NULL;
    }
    char *key = text_match_key(code_or_name);
    char *slug = key ? text_slug(code_or_name) : NULL;
    const struct coop_province *found = NULL;
    if (key && slug && *key)
        found = provinces_find_name(list, key, slug);
    free(key);
    free(slug);
    return found;
}

static const struct coop_province *provinces_nearest_in(const struct coop_province_list *list,
                                                        const char *name)
{
    char *slug = list && name ? text_slug(name) : NULL;
    if (!slug)
        return NULL;
    const char *wanted = provinces_strip_prefix(slug);
    const struct coop_province *best = NULL;
    size_t best_distance = SIZE_MAX;
    for (size_t i = 0; i < list->count && *wanted; i++) {
        const struct coop_province *item = &list->items[i];
        const char *names[3 + 16];
        size_t count = 0;
        names[count++] = item->slug;
        names[count++] = provinces_strip_prefix(item->lookup_keys[SLUG_FULL_NAME]);
        names[count++] = item->lookup_keys[SLUG_NAME_EN];
        for (size_t k = 0; k < item->other_count && count < sizeof names / sizeof names[0]; k++)
            names[count++] = provinces_strip_prefix(item->other_keys[2 * k + 1]);
        for (size_t n = 0; n < count; n++) {
            /* Short names allow fewer edits, or every short name would be
             * near: "Hà Tây" (part of Hà Nội since 2008) is not "Hà Nam". */
            size_t length = strlen(names[n]);
            size_t allowed = length <= 6 ? 1 : length <= 12 ? 2 : 3;
            size_t distance = text_edit_distance(wanted, names[n]);
            if (distance <= allowed && distance < best_distance) {
                best = item;
                best_distance = distance;
            }
        }
    }
    free(slug);
    return best;
}

const struct coop_province *provinces_nearest(const struct coop_province_list *current,
                                              const struct coop_province_list *former,
                                              const char *name)
{
    const struct coop_province *nearest = provinces_nearest_in(current, name);
    return nearest || !former ? nearest : provinces_nearest_in(former, name);
}

const struct coop_province *provinces_find_successor(const struct coop_province_list *list,
                                                     const char *old_code)
{
    if (!list || !old_code)
        return NULL;
    long code = provinces_code_value(old_code);
    if (code < 0)
        return NULL;
    for (size_t i = 0; i < list->count; i++)
        for (size_t m = 0; m < list->items[i].merged_count; m++)
            if (provinces_code_value(list->items[i].merged_from[m]) == code)
                return &list->items[i];
    return NULL;
}

const struct coop_province *provinces_resolve(const struct coop_province_list *current,
                                              const struct coop_province_list *former,
                                              const char *code_or_name, bool *mapped)
{
    if (mapped)
        *mapped = false;
    const struct coop_province *province = provinces_find(current, code_or_name);
    if (province || !former)
        return province;
    /* An old province (a code or name of the former list) reported under the
     * province it was merged into. */
    const struct coop_province *old = provinces_find(former, code_or_name);
    if (!old)
        return NULL;
    province = provinces_find_successor(current, old->code);
    /* Old Bắc Giang (24) went into the new Bắc Ninh (24): same code, but a row
     * naming Bắc Giang was mapped all the same. */
    if (province && mapped)
        *mapped = provinces_code_value(old->code) != provinces_code_value(province->code) ||
                  strcmp(old->name, province->name) != 0;
    return province;
}
