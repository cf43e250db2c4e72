/*
 * config — the report's INI configuration. See config.h.
 *
 * ini_file reads the file and reports each problem at its line; this file
 * holds the schema: which sections and keys exist and what their values may
 * be. Values are parsed strictly from their strings (iniparser's getint would
 * read "08" as 0 and "2024x" as its default).
 */
#include "coopreport/config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "coopreport/ini_file.h"
#include "coopreport/sheet_name.h"
#include "coopreport/text.h"

/* --- fields, placeholders, periods ----------------------------------------------- */

static const char *const config_field_names[FIELD_COUNT] = {
    [FIELD_ID] = "id",
    [FIELD_NAME] = "name",
    [FIELD_PROVINCE] = "province",
    [FIELD_DISTRICT] = "district",
    [FIELD_KIND] = "kind",
    [FIELD_SECTOR] = "sector",
    [FIELD_FOUNDED] = "founded",
    [FIELD_DISSOLVED] = "dissolved",
    [FIELD_MEMBERS] = "members",
    [FIELD_WORKERS] = "workers",
    [FIELD_REVENUE] = "revenue",
    [FIELD_PROFIT] = "profit",
    [FIELD_INCOME] = "income",
    [FIELD_MARKET_ACCESS] = "market_access",
    [FIELD_VALUE_CHAIN] = "value_chain",
    [FIELD_HIGH_TECH] = "high_tech",
    [FIELD_ALLIANCE_MEMBER] = "alliance_member",
};

const char *config_field_name(enum coop_field field)
{
    return (unsigned)field < FIELD_COUNT ? config_field_names[field] : "";
}

enum coop_field config_field_from_name(const char *name)
{
    if (!name)
        return FIELD_COUNT;
    for (int field = 0; field < FIELD_COUNT; field++)
        if (strcmp(name, config_field_names[field]) == 0)
            return (enum coop_field)field;
    return FIELD_COUNT;
}

bool config_field_in_groups(enum coop_field field)
{
    switch (field) {
    case FIELD_KIND:
    case FIELD_WORKERS:
    case FIELD_INCOME:
    case FIELD_MARKET_ACCESS:
    case FIELD_VALUE_CHAIN:
    case FIELD_HIGH_TECH:
    case FIELD_ALLIANCE_MEMBER:
    case FIELD_COUNT:
        return false;
    default:
        return true;
    }
}

const struct csv_dialect *config_input_dialect(const struct coop_config *config,
                                               bool previous_year)
{
    return previous_year && config->has_previous_dialect ? &config->previous_dialect
                                                         : &config->dialect;
}

const char *config_column_header(const struct coop_config *config, bool groups,
                                 bool previous_year, enum coop_field field,
                                 bool *explicit_previous)
{
    if (explicit_previous)
        *explicit_previous = false;
    if ((unsigned)field >= FIELD_COUNT)
        return NULL;
    const char *previous = NULL;
    if (previous_year)
        previous = groups ? config->previous_group_columns[field]
                          : config->previous_coop_columns[field];
    if (previous) {
        if (explicit_previous)
            *explicit_previous = true;
        return previous;
    }
    return groups ? config->group_columns[field] : config->coop_columns[field];
}

static const char *const config_placeholders[] = {
    "province", "province_code", "province_slug", "province_name_en", "province_full_name",
    "province_type", "province_type_en", "year", "prev_year", "period", "period_label",
    "date_line", "date", "organization"};
#define PLACEHOLDER_COUNT (sizeof config_placeholders / sizeof config_placeholders[0])

bool config_placeholder_is_known(const char *name)
{
    for (size_t i = 0; name && i < PLACEHOLDER_COUNT; i++)
        if (strcmp(name, config_placeholders[i]) == 0)
            return true;
    return false;
}

bool config_find_plan(const struct coop_config *config, const char *key, double *value)
{
    for (size_t i = 0; config && key && i < config->plan_count; i++)
        if (strcmp(config->plan[i].key, key) == 0) {
            if (value)
                *value = config->plan[i].value;
            return true;
        }
    return false;
}

void config_period_range(enum coop_period period, int year, coop_date *first, coop_date *last)
{
    *first = date_make(year, 1, 1);
    *last = period == PERIOD_H1 ? date_make(year, 6, 30) : date_make(year, 12, 31);
}

void config_window_range(enum coop_window window, int year, coop_date *first, coop_date *last)
{
    *first = window == WINDOW_H2 ? date_make(year, 7, 1) : date_make(year, 1, 1);
    *last = window == WINDOW_H1 ? date_make(year, 6, 30) : date_make(year, 12, 31);
}

/* --- paths ------------------------------------------------------------------------ */

/* Whether the last component of directory[0..length) can be cancelled by a
 * following "..": a real folder (a symbolic link's ".." is elsewhere), not
 * "." or "..". */
static bool config_folder_cancels(const char *directory, size_t length)
{
    const char *name = directory + length;
    while (name > directory && name[-1] != '/')
        name--;
    size_t name_length = (size_t)(directory + length - name);
    if (name_length == 0 || (name_length == 1 && name[0] == '.') ||
        (name_length == 2 && name[0] == '.' && name[1] == '.'))
        return false;
    char *folder = strndup(directory, length);
    struct stat status;
    bool real_folder = folder && lstat(folder, &status) == 0 && S_ISDIR(status.st_mode);
    free(folder);
    return real_folder;
}

char *config_resolve_path(const char *directory, const char *path)
{
    if (!path)
        return NULL;
    if (path[0] == '/' || !directory || !*directory || strcmp(directory, ".") == 0)
        return text_duplicate(path);
    /* "examples" + "../out/x.xlsx" is "out/x.xlsx", which is what messages
     * should show, when examples is a real folder. */
    size_t length = strlen(directory);
    while (length > 1 && directory[length - 1] == '/')
        length--;
    while (strncmp(path, "../", 3) == 0 && config_folder_cancels(directory, length)) {
        path += 3;
        path += strspn(path, "/");   /* "..//x" is "../x", never "/x" */
        while (length > 0 && directory[length - 1] != '/')
            length--;
        while (length > 1 && directory[length - 1] == '/')
            length--;
    }
    if (length == 0)
        return text_duplicate(*path ? path : ".");
    if (!*path)
        return text_format("%.*s", (int)length, directory);
    if (length == 1 && directory[0] == '/')
        return text_format("/%s", path);
    return text_format("%.*s/%s", (int)length, directory, path);
}

static char *config_try_share(const char *share, const char *folder, const char *file_name)
{
    if (!share || !*share)
        return NULL;
    char *path = text_format("%s/%s/%s", share, folder, file_name);
    if (path && access(path, R_OK) == 0)
        return path;
    free(path);
    return NULL;
}

#ifdef COOP_SOURCE_DIR
/* An uninstalled build (build/coopreport, the unit tests, the fuzzers): the checkout it was
 * built from, whose templates/ and data/ are the ones being edited. Only this build knows the
 * checkout: `make install` compiles this file without COOP_SOURCE_DIR, so an installed tool
 * never falls back on a checkout's files that may since have changed or gone. */
char *config_share_folder(void)
{
    return text_duplicate(COOP_SOURCE_DIR);
}
#else
/* A folder that exists, made canonical for --version -v; NULL otherwise. */
static char *config_existing_folder(const char *path)
{
    struct stat status;
    if (!path || stat(path, &status) != 0 || !S_ISDIR(status.st_mode))
        return NULL;
    char *canonical = realpath(path, NULL);
    return canonical ? canonical : text_duplicate(path);
}

/* An installed tool: ../share/coopreport next to the running binary, so that a DESTDIR
 * staging tree or a moved prefix works; else the share folder of the prefix it was built for. */
char *config_share_folder(void)
{
    char binary[4096];
    ssize_t length = readlink("/proc/self/exe", binary, sizeof binary - 1);
    if (length > 0) {
        binary[length] = '\0';
        char *slash = strrchr(binary, '/');
        if (slash) {
            *slash = '\0';
            char *share = text_format("%s/../share/coopreport", binary);
            char *found = config_existing_folder(share);
            free(share);
            if (found)
                return found;
        }
    }
#ifdef COOP_SHARE_DIR
    return config_existing_folder(COOP_SHARE_DIR);
#else
    return NULL;
#endif
}
#endif

char *config_find_shared_file(const char *folder, const char *file_name)
{
    if (!folder || !file_name)
        return NULL;
    char *found = config_try_share(getenv("COOPREPORT_SHARE"), folder, file_name);
    if (found)
        return found;
    char *share = config_share_folder();
    found = config_try_share(share, folder, file_name);
    free(share);
    return found;
}

/* --- release ---------------------------------------------------------------------- */

void config_release(struct coop_config *config)
{
    if (!config)
        return;
    free(config->path);
    free(config->directory);
    free(config->province);
    free(config->organization);
    free(config->provinces);
    free(config->template_name);
    free(config->coops_path);
    free(config->groups_path);
    free(config->previous_coops_path);
    free(config->previous_groups_path);
    for (size_t f = 0; f < FIELD_COUNT; f++) {
        free(config->coop_columns[f]);
        free(config->group_columns[f]);
        free(config->previous_coop_columns[f]);
        free(config->previous_group_columns[f]);
    }
    for (size_t s = 0; s < config->sector_count; s++) {
        struct coop_sector *sector = &config->sectors[s];
        free(sector->code);
        free(sector->label);
        free(sector->sheet);
        for (size_t a = 0; a < sector->alias_count; a++)
            free(sector->aliases[a]);
        free(sector->aliases);
    }
    free(config->sectors);
    for (size_t p = 0; p < config->plan_count; p++) {
        free(config->plan[p].key);
        free(config->plan[p].text);
    }
    free(config->plan);
    for (size_t t = 0; t < config->target_count; t++) {
        free(config->targets[t].name);
        free(config->targets[t].label);
        free(config->targets[t].sheet);
        free(config->targets[t].indicator);
        free(config->targets[t].min_text);
        free(config->targets[t].max_text);
    }
    free(config->targets);
    free(config->output_path);
    free(config->summary_path);
    memset(config, 0, sizeof *config);
}

/* --- the reader ------------------------------------------------------------------ */

struct config_reader {
    struct ini_file file;        /* the dictionary, its path, diagnostics and status */
    struct coop_config *config;
};

/* Shorthands: every check reads and reports through the reader's ini_file. */
#define config_error(reader, ...) ini_file_error(&(reader)->file, __VA_ARGS__)
#define config_out_of_memory(reader) ini_file_out_of_memory(&(reader)->file)
#define config_get(reader, section, key) ini_file_get(&(reader)->file, (section), (key))
#define config_require(reader, section, key) ini_file_require(&(reader)->file, (section), (key))
#define config_optional(reader, section, key) ini_file_optional(&(reader)->file, (section), (key))
#define config_section_keys(reader, section, count) \
    ini_file_section_keys(&(reader)->file, (section), (count))
#define config_check_keys(reader, section, known, count) \
    ini_file_check_keys(&(reader)->file, (section), (known), (count))

static const char *const report_keys[] = {"province", "year", "period", "date",
                                          "organization", "provinces", "template"};
static const char *const input_keys[] = {"coops", "groups", "previous_coops", "previous_groups"};
static const char *const csv_keys[] = {"delimiter", "decimal", "dates", "header_line"};
static const char *const sector_keys[] = {"sheet", "aliases", "alias.N"};
static const char *const target_keys[] = {"label", "indicator", "window", "min", "max",
                                          "sheet"};
static const char *const output_keys[] = {"path", "summary", "empty_sectors"};
static const char *const fixed_sections[] = {"report", "input", "csv", "coops.columns",
                                             "groups.columns", "previous_csv",
                                             "previous_coops.columns", "previous_groups.columns",
                                             "sectors", "plan", "output"};
#define COUNT_OF(array) (sizeof (array) / sizeof (array)[0])

static char *config_copy(struct config_reader *reader, const char *text)
{
    char *copy = text_duplicate(text);
    if (!copy && text)
        config_out_of_memory(reader);
    return copy;
}

/* --- walking sections and keys ----------------------------------------------------- */

static bool config_has_prefix(const char *text, const char *prefix)
{
    return strncmp(text, prefix, strlen(prefix)) == 0;
}

static void config_check_sections(struct config_reader *reader)
{
    int count = iniparser_getnsec(reader->file.ini);
    for (int i = 0; i < count; i++) {
        const char *section = iniparser_getsecname(reader->file.ini, i);
        if (!section || config_has_prefix(section, "sector.") ||
            config_has_prefix(section, "target."))
            continue;
        size_t s = 0;
        while (s < COUNT_OF(fixed_sections) && strcmp(section, fixed_sections[s]) != 0)
            s++;
        if (s < COUNT_OF(fixed_sections))
            continue;
        /* "[taget.x]" is nearest to "target.x", not to any fixed name. */
        const char *dot = strchr(section, '.');
        char *sector = text_format("sector.%s", dot ? dot + 1 : "");
        char *target = text_format("target.%s", dot ? dot + 1 : "");
        const char *candidates[COUNT_OF(fixed_sections) + 2];
        size_t candidate_count = 0;
        for (size_t f = 0; f < COUNT_OF(fixed_sections); f++)
            candidates[candidate_count++] = fixed_sections[f];
        if (sector && target && dot) {
            candidates[candidate_count++] = sector;
            candidates[candidate_count++] = target;
        }
        const char *nearest = ini_nearest_name(section, candidates, candidate_count);
        char list[512];
        if (nearest)
            config_error(reader, section, NULL, "unknown section [%s]; did you mean [%s]?",
                         section, nearest);
        else
            config_error(reader, section, NULL, "unknown section [%s] (known sections: %s, "
                         "sector.CODE, target.NAME)", section,
                         ini_join_names(fixed_sections, COUNT_OF(fixed_sections), list,
                                        sizeof list));
        free(sector);
        free(target);
    }
}

/* --- values ----------------------------------------------------------------------- */

static bool config_equals_ignoring_case(const char *a, const char *b)
{
    return strcasecmp(a, b) == 0;
}

static bool config_ends_with(const char *text, const char *suffix)
{
    size_t length = strlen(text), suffix_length = strlen(suffix);
    return length >= suffix_length && strcasecmp(text + length - suffix_length, suffix) == 0;
}

/* A name of a file shipped with the tool rather than a path. */
static bool config_is_shipped_name(const char *value)
{
    return !strchr(value, '/') && !config_ends_with(value, ".ini") &&
           !config_ends_with(value, ".csv");
}

/* A whole number in plain decimal: optional '-', digits, nothing else ("08"
 * is 8, "2024x" and "0x10" are errors). */
static bool config_parse_int(const char *text, long minimum, long maximum, long *out)
{
    const char *p = text;
    bool negative = *p == '-';
    if (negative)
        p++;
    if (!*p || strlen(p) > 9)
        return false;
    long value = 0;
    for (; *p; p++) {
        if (*p < '0' || *p > '9')
            return false;
        value = value * 10 + (*p - '0');
    }
    if (negative)
        value = -value;
    if (value < minimum || value > maximum)
        return false;
    *out = value;
    return true;
}

static const char *config_placeholder_probe(const char *name, void *context)
{
    (void)context;
    return config_placeholder_is_known(name) ? "" : NULL;
}

/* Reports unknown "{name}"s in a value that is expanded later, per province. */
static void config_check_placeholders(struct config_reader *reader, const char *section,
                                      const char *key, const char *value)
{
    char *unknown = NULL;
    char *expanded = text_expand_placeholders(value, config_placeholder_probe, NULL, &unknown);
    if (expanded) {
        free(expanded);
        return;
    }
    if (!unknown) {
        config_out_of_memory(reader);
        return;
    }
    char *written = text_format("{%s}", unknown);
    const char *nearest = ini_nearest_name(unknown, config_placeholders, PLACEHOLDER_COUNT);
    char list[512];
    if (written && !strstr(value, written))
        config_error(reader, section, key, "[%s] %s: '{' without a closing '}' (write {{ for "
                     "a literal brace)", section, key);
    else if (nearest)
        config_error(reader, section, key, "[%s] %s: unknown placeholder '{%s}'; did you mean "
                     "'{%s}'?", section, key, unknown, nearest);
    else
        config_error(reader, section, key, "[%s] %s: unknown placeholder '{%s}' (known: %s)",
                     section, key, unknown,
                     ini_join_names(config_placeholders, PLACEHOLDER_COUNT, list, sizeof list));
    free(written);
    free(unknown);
}

static char *config_path_value(struct config_reader *reader, const char *value)
{
    if (!value)
        return NULL;
    char *path = config_resolve_path(reader->config->directory, value);
    if (!path)
        config_out_of_memory(reader);
    return path;
}

/* The path of a file the config names where a shipped name may stand
 * (template, provinces), always with a '/' ("./my-form.ini" for a config in
 * the working folder): a bare name is what the run takes for a shipped one. */
static char *config_file_value(struct config_reader *reader, const char *value)
{
    char *path = config_path_value(reader, value);
    if (!path || strchr(path, '/'))
        return path;
    char *dotted = text_format("./%s", path);
    free(path);
    if (!dotted)
        config_out_of_memory(reader);
    return dotted;
}

/* Whether a value names a file beside the config: then it is that file,
 * even when it could be the name of a shipped one. */
static bool config_file_exists(struct config_reader *reader, const char *value)
{
    char *path = config_path_value(reader, value);
    bool exists = path && access(path, F_OK) == 0;
    free(path);
    return exists;
}

/* --- sections --------------------------------------------------------------------- */

static void config_read_report(struct config_reader *reader)
{
    struct coop_config *config = reader->config;
    config_check_keys(reader, "report", report_keys, COUNT_OF(report_keys));

    const char *value = config_optional(reader, "report", "province");
    config->province = config_copy(reader, value);

    long year;
    value = config_require(reader, "report", "year");
    if (value && strlen(value) == 4 && config_parse_int(value, 1900, 2100, &year))
        config->year = (int)year;
    else if (value)
        config_error(reader, "report", "year", "[report] year: '%s' is not a year (expected 4 "
                     "digits from 1900 to 2100)", value);

    value = config_require(reader, "report", "period");
    if (value && config_equals_ignoring_case(value, "H1"))
        config->period = PERIOD_H1;
    else if (value && config_equals_ignoring_case(value, "FY"))
        config->period = PERIOD_FY;
    else if (value)
        config_error(reader, "report", "period", "[report] period: '%s' is not H1 (first half) "
                     "or FY (full year)", value);

    value = config_optional(reader, "report", "date");
    const char *reason = NULL;
    if (value && value_parse_date(value, DATE_STYLE_AUTO, &config->date, &reason) != 0)
        config_error(reader, "report", "date", "[report] date: invalid date '%s' (%s)", value,
                     reason);

    value = config_optional(reader, "report", "organization");
    if (value) {
        config_check_placeholders(reader, "report", "organization", value);
        config->organization = config_copy(reader, value);
    }

    value = config_optional(reader, "report", "provinces");
    if (value && (strcmp(value, "63") == 0 || strcmp(value, "34") == 0))
        config->provinces = config_copy(reader, value);
    else if (value && config_is_shipped_name(value) && !config_file_exists(reader, value))
        config_error(reader, "report", "provinces", "[report] provinces: '%s' is not 63, 34 or "
                     "the path of a CSV file", value);
    else
        config->provinces = config_file_value(reader, value);

    /* A file beside the config wins ("my-form.ini", "my-form"), then a
     * shipped template by its name ("bao-cao-nam"). */
    value = config_optional(reader, "report", "template");
    if (value && config_is_shipped_name(value) && !config_file_exists(reader, value))
        config->template_name = config_copy(reader, value);
    else
        config->template_name = config_file_value(reader, value);
}

static void config_read_input(struct config_reader *reader)
{
    struct coop_config *config = reader->config;
    config_check_keys(reader, "input", input_keys, COUNT_OF(input_keys));
    config->coops_path = config_path_value(reader, config_require(reader, "input", "coops"));
    config->groups_path = config_path_value(reader, config_optional(reader, "input", "groups"));
    config->previous_coops_path =
        config_path_value(reader, config_optional(reader, "input", "previous_coops"));
    config->previous_groups_path =
        config_path_value(reader, config_optional(reader, "input", "previous_groups"));
}

/* [csv], or [previous_csv] over a copy of it: each key given overrides. */
static void config_read_csv(struct config_reader *reader, const char *section,
                            struct csv_dialect *dialect)
{
    config_check_keys(reader, section, csv_keys, COUNT_OF(csv_keys));

    const char *value = config_get(reader, section, "delimiter");
    if (value && !*value)
        config_error(reader, section, "delimiter", "[%s] delimiter: the value is empty (write "
                     "delimiter = \";\" in quotes: an unquoted ; or # starts a comment)", section);
    else if (value && (strcmp(value, ",") == 0 || strcmp(value, ";") == 0))
        dialect->delimiter = value[0];
    else if (value && (config_equals_ignoring_case(value, "tab") || strcmp(value, "\\t") == 0 ||
                       strcmp(value, "\t") == 0))
        dialect->delimiter = '\t';
    else if (value && config_equals_ignoring_case(value, "auto"))
        dialect->delimiter = 0;
    else if (value)
        config_error(reader, section, "delimiter", "[%s] delimiter: '%s' is not \",\", \";\", "
                     "tab or auto", section, value);

    value = config_get(reader, section, "decimal");
    if (value && (strcmp(value, ".") == 0 || strcmp(value, ",") == 0))
        dialect->decimal = value[0];
    else if (value)
        config_error(reader, section, "decimal", "[%s] decimal: '%s' is not \".\" or \",\"",
                     section, value);

    value = config_get(reader, section, "dates");
    if (value && config_equals_ignoring_case(value, "dmy"))
        dialect->dates = DATE_STYLE_DMY;
    else if (value && config_equals_ignoring_case(value, "iso"))
        dialect->dates = DATE_STYLE_ISO;
    else if (value && config_equals_ignoring_case(value, "auto"))
        dialect->dates = DATE_STYLE_AUTO;
    else if (value)
        config_error(reader, section, "dates", "[%s] dates: '%s' is not dmy (dd/mm/yyyy), iso "
                     "(yyyy-mm-dd) or auto", section, value);

    value = config_get(reader, section, "header_line");
    if (value)
        dialect->header_line_section = section;   /* messages name it: it may be inherited */
    if (value && !config_parse_int(value, 1, 1000, &dialect->header_line))
        config_error(reader, section, "header_line", "[%s] header_line: '%s' is not a line "
                     "number from 1 to 1000", section, value);
    else if (value && dialect->header_line > 1 && dialect->delimiter == 0)
        /* The delimiter is detected from the first line, here a title. */
        config_error(reader, section, "header_line", "[%s] header_line = %ld: write the "
                     "delimiter too (delimiter = \";\", \",\" or tab): it cannot be detected "
                     "from the title lines above the header", section, dialect->header_line);
}

/* Whether two header texts name one column: compared as records.c matches
 * headers (NFC, case folding, trimming), so "MÃ HTX" is "Mã HTX", which
 * strcasecmp, blind to capital Vietnamese letters, would tell apart. */
static bool config_same_header(const char *a, const char *b)
{
    char *x = text_match_key(a), *y = text_match_key(b);
    bool same = x && y ? strcmp(x, y) == 0 : strcasecmp(a, b) == 0;
    free(x);
    free(y);
    return same;
}

/* [coops.columns] and the like. For last year's sections, inherited holds
 * this year's headers, which the fields not listed keep. */
static void config_read_columns(struct config_reader *reader, const char *section, bool groups,
                                char **columns, char *const *inherited, const char *inherited_section)
{
    const char *known[FIELD_COUNT];
    size_t known_count = 0;
    for (int f = 0; f < FIELD_COUNT; f++)
        if (!groups || config_field_in_groups((enum coop_field)f))
            known[known_count++] = config_field_names[f];
    size_t count;
    const char **keys = config_section_keys(reader, section, &count);
    for (size_t i = 0; i < count; i++) {
        enum coop_field field = config_field_from_name(keys[i]);
        const char *value = config_get(reader, section, keys[i]);
        if (field == FIELD_COUNT) {
            ini_file_unknown_key(&reader->file, section, keys[i], known, known_count);
        } else if (groups && !config_field_in_groups(field)) {
            config_error(reader, section, keys[i], "[%s] %s: the groups file has no field '%s' "
                         "(groups have no kind, workers, income or flags)", section, keys[i],
                         keys[i]);
        } else if (!value || !*value) {
            config_error(reader, section, keys[i], "[%s] %s: the header text is empty", section,
                         keys[i]);
        } else {
            for (int other = 0; other < FIELD_COUNT; other++)
                if (columns[other] && config_same_header(columns[other], value))
                    config_error(reader, section, keys[i], "[%s] %s: header '%s' is already "
                                 "used for '%s'", section, keys[i], value,
                                 config_field_names[other]);
            columns[field] = config_copy(reader, value);
        }
    }
    /* A header moved to another field last year must not stay inherited by
     * the field it belonged to: both would claim the column. */
    for (size_t i = 0; inherited && i < count; i++) {
        enum coop_field field = config_field_from_name(keys[i]);
        if (field == FIELD_COUNT || !columns[field])
            continue;
        for (int other = 0; other < FIELD_COUNT; other++)
            if (!columns[other] && inherited[other] &&
                config_same_header(inherited[other], columns[field]))
                config_error(reader, section, keys[i], "[%s] %s: header '%s' is the header of "
                             "'%s' in [%s], which last year's file keeps unless [%s] gives '%s' "
                             "a line of its own", section, keys[i], columns[field],
                             config_field_names[other], inherited_section, section,
                             config_field_names[other]);
    }
    free(keys);
}

static bool config_same_spelling(const char *key, const char *text)
{
    char *other = text ? text_match_key(text) : NULL;
    bool same = other && strcmp(other, key) == 0;
    free(other);
    return same;
}

/* The other sector a spelling already names (its code, label, sheet or an
 * alias read so far), or NULL. Data rows go to the first sector that matches:
 * a spelling of two sectors would count where the config does not say. */
static const struct coop_sector *config_spelling_owner(const struct coop_config *config,
                                                       const struct coop_sector *sector,
                                                       const char *key)
{
    for (size_t s = 0; s < config->sector_count; s++) {
        const struct coop_sector *other = &config->sectors[s];
        if (other == sector)
            continue;
        if (config_same_spelling(key, other->code) || config_same_spelling(key, other->label) ||
            config_same_spelling(key, other->sheet))
            return other;
        for (size_t a = 0; a < other->alias_count; a++)
            if (config_same_spelling(key, other->aliases[a]))
                return other;
    }
    return NULL;
}

static void config_add_alias(struct config_reader *reader, const char *section, const char *key,
                             struct coop_sector *sector, const char *text, size_t length)
{
    char *piece = strndup(text, length);
    char *alias = piece ? text_trim_copy(piece) : NULL;
    free(piece);
    if (!alias) {
        config_out_of_memory(reader);
        return;
    }
    if (!*alias) {   /* "a,,b" or a trailing comma: nothing to match */
        free(alias);
        return;
    }
    char *match_key = text_match_key(alias);
    const struct coop_sector *owner =
        match_key ? config_spelling_owner(reader->config, sector, match_key) : NULL;
    free(match_key);
    if (owner) {
        config_error(reader, section, key, "[%s] %s: '%s' already names sector '%s' (%s): a "
                     "spelling can belong to one sector only", section, key, alias, owner->code,
                     owner->label);
        free(alias);
        return;
    }
    char **grown = realloc(sector->aliases, (sector->alias_count + 1) * sizeof *grown);
    if (!grown) {
        free(alias);
        config_out_of_memory(reader);
        return;
    }
    sector->aliases = grown;
    sector->aliases[sector->alias_count++] = alias;
}

/* Splits "TTCN, Tiểu thủ công nghiệp" at commas, trimming each alias. An
 * alias in double quotes keeps its commas: NN, "Nông nghiệp, lâm nghiệp và
 * thủy sản" (iniparser keeps inner quotes unless the value starts with one,
 * and ini_file reports text it would drop after a leading quoted part). */
static void config_split_aliases(struct config_reader *reader, const char *section,
                                 const char *value, struct coop_sector *sector)
{
    const char *p = value;
    while (*p) {
        p += strspn(p, " \t");
        const char *start = p;
        size_t length;
        if (*p == '"') {
            const char *close = strchr(p + 1, '"');
            if (!close) {
                config_error(reader, section, "aliases", "[%s] aliases: the quote before '%s' is "
                             "not closed (a ';' or '#' starts a comment: write such a spelling "
                             "whole on a line of its own, alias.1 = \"…\")", section, p + 1);
                return;
            }
            start = p + 1;
            length = (size_t)(close - start);
            p = close + 1 + strspn(close + 1, " \t");
            if (*p && *p != ',') {
                config_error(reader, section, "aliases", "[%s] aliases: text after the quoted "
                             "alias \"%.*s\" (separate aliases with commas)", section,
                             (int)length, start);
                return;
            }
        } else {
            length = strcspn(p, ",");
            if (memchr(p, '"', length)) {
                config_error(reader, section, "aliases", "[%s] aliases: '%.*s' holds a quote "
                             "inside: quote a whole alias (\"…\"), or write it whole on a line "
                             "of its own, alias.1 = …", section, (int)length, p);
                return;
            }
            p += length;
        }
        config_add_alias(reader, section, "aliases", sector, start, length);
        if (*p == ',')
            p++;
    }
}

/* alias.N = one spelling, whole: commas, quotes and all. */
static bool config_is_alias_key(const char *key)
{
    long number;
    return config_has_prefix(key, "alias.") &&
           config_parse_int(key + strlen("alias."), 1, 999, &number);
}

/* [sector.CODE] keys: sheet, aliases and alias.N. */
static void config_check_sector_keys(struct config_reader *reader, const char *section)
{
    size_t count;
    const char **keys = config_section_keys(reader, section, &count);
    for (size_t i = 0; i < count; i++) {
        const char *key = keys[i];
        if (strcmp(key, "sheet") == 0 || strcmp(key, "aliases") == 0 || config_is_alias_key(key))
            continue;
        if (config_has_prefix(key, "alias.") || config_has_prefix(key, "aliases."))
            config_error(reader, section, key, "unknown key '%s' in [%s]; did you mean "
                         "'alias.N', N a number from 1 to 999 (alias.1, alias.2…)?", key,
                         section);
        else
            ini_file_unknown_key(&reader->file, section, key, sector_keys,
                                 COUNT_OF(sector_keys));
    }
    free(keys);
}

static void config_read_alias_keys(struct config_reader *reader, const char *section,
                                   struct coop_sector *sector)
{
    size_t count;
    const char **keys = config_section_keys(reader, section, &count);
    for (size_t i = 0; i < count; i++) {
        if (!config_is_alias_key(keys[i]))
            continue;
        const char *value = config_require(reader, section, keys[i]);
        if (value)
            config_add_alias(reader, section, keys[i], sector, value, strlen(value));
    }
    free(keys);
}

/* A `sheet =` name of a sector or a target, as Excel takes it; NULL after
 * reporting when it is not one. */
static char *config_read_sheet(struct config_reader *reader, const char *section,
                               const char *value)
{
    if (!*value) {
        config_error(reader, section, "sheet", "[%s] sheet: the name is empty", section);
        return NULL;
    }
    if (strcspn(value, "[]:*?/\\") != strlen(value) || value[0] == '\'') {
        config_error(reader, section, "sheet", "[%s] sheet: '%s' holds a character Excel does "
                     "not allow in sheet names ([ ] : * ? / \\ or a leading ')", section, value);
        return NULL;
    }
    if (text_count_characters(value) > 31) {
        config_error(reader, section, "sheet", "[%s] sheet: '%s' is longer than the 31 "
                     "characters Excel allows", section, value);
        return NULL;
    }
    return config_copy(reader, value);
}

/* A label that names a sheet and is too long for one: the sheet gets it cut
 * at a word with a "…" (sheet_name.h); said here, once per run, with the
 * line, since other programs may look the sheet up by name. */
static void config_warn_long_sheet(struct config_reader *reader, const char *section,
                                   const char *key, const char *label, const char *place)
{
    char shortened[128];
    if (!label || !sheet_name_make(label, shortened, sizeof shortened))
        return;
    ini_file_warning(&reader->file, section, key,
                     "the sheet name '%s' is longer than the 31 characters Excel allows: the "
                     "sheet is named '%s' ('sheet = …' in %s chooses the name)", label, shortened,
                     place);
}

/* Reads [section]'s sheet (aliases_pass false) or its aliases (true): every
 * sheet is read before any alias, so that an alias is checked against the
 * sheets of all sectors, whatever the order of their sections. */
static void config_read_sector_details(struct config_reader *reader, const char *section,
                                       bool aliases_pass)
{
    struct coop_config *config = reader->config;
    const char *code = section + strlen("sector.");
    struct coop_sector *sector = NULL;
    const char **codes = calloc(config->sector_count + 1, sizeof *codes);
    if (!codes) {
        config_out_of_memory(reader);
        return;
    }
    for (size_t s = 0; s < config->sector_count; s++) {
        codes[s] = config->sectors[s].code;
        if (strcmp(codes[s], code) == 0)
            sector = &config->sectors[s];
    }
    if (aliases_pass) {
        free(codes);
        if (sector) {
            const char *value = config_get(reader, section, "aliases");
            if (value)
                config_split_aliases(reader, section, value, sector);
            config_read_alias_keys(reader, section, sector);
        }
        return;
    }
    if (!sector) {
        const char *nearest = ini_nearest_name(code, codes, config->sector_count);
        if (nearest)
            config_error(reader, section, NULL, "[%s]: no sector '%s' in [sectors]; did you "
                         "mean [sector.%s]?", section, code, nearest);
        else
            config_error(reader, section, NULL, "[%s]: no sector '%s' in [sectors]", section,
                         code);
    }
    free(codes);
    config_check_sector_keys(reader, section);
    if (!sector)
        return;
    const char *value = config_get(reader, section, "sheet");
    if (value)
        sector->sheet = config_read_sheet(reader, section, value);
}

/* The code, label and sheet of each sector against those of the sectors
 * before it (aliases are checked as they are read): two sectors labelled
 * "Nông nghiệp" would get every row in the first and none in the second. */
static void config_check_sector_spellings(struct config_reader *reader)
{
    const struct coop_config *config = reader->config;
    for (size_t s = 1; s < config->sector_count; s++) {
        const struct coop_sector *sector = &config->sectors[s];
        const char *spellings[] = {sector->code, sector->label, sector->sheet};
        const char *kinds[] = {"code", "label", "sheet"};
        for (size_t k = 0; k < COUNT_OF(spellings); k++) {
            char *key = spellings[k] ? text_match_key(spellings[k]) : NULL;
            const struct coop_sector *owner = NULL;
            for (size_t t = 0; key && t < s && !owner; t++) {
                const struct coop_sector *other = &config->sectors[t];
                if (config_same_spelling(key, other->code) ||
                    config_same_spelling(key, other->label) ||
                    config_same_spelling(key, other->sheet))
                    owner = other;
            }
            free(key);
            if (!owner)
                continue;
            char *section = k == 2 ? text_format("sector.%s", sector->code) : NULL;
            if (k == 2 && !section) {
                config_out_of_memory(reader);
                continue;
            }
            config_error(reader, k == 2 ? section : "sectors", k == 2 ? "sheet" : sector->code,
                         "[%s] %s: %s '%s' already names sector '%s' (%s): a spelling can "
                         "belong to one sector only (its rows would all count in the first)",
                         k == 2 ? section : "sectors", k == 2 ? "sheet" : sector->code,
                         kinds[k], spellings[k], owner->code, owner->label);
            free(section);
        }
    }
}

static void config_read_sectors(struct config_reader *reader)
{
    struct coop_config *config = reader->config;
    size_t count;
    const char **keys = config_section_keys(reader, "sectors", &count);
    if (count == 0 && reader->file.status != COOP_EXIT_IO)
        config_error(reader, "sectors", NULL, "no sector: [sectors] needs at least one "
                     "'code = label' line");
    config->sectors = count ? calloc(count, sizeof *config->sectors) : NULL;
    if (count && !config->sectors) {
        config_out_of_memory(reader);
        count = 0;
    }
    for (size_t i = 0; i < count; i++) {
        const char *label = config_get(reader, "sectors", keys[i]);
        if (!label || !*label) {
            config_error(reader, "sectors", keys[i], "[sectors] %s: the label is empty", keys[i]);
            continue;
        }
        struct coop_sector *sector = &config->sectors[config->sector_count++];
        sector->code = config_copy(reader, keys[i]);
        sector->label = config_copy(reader, label);
    }
    free(keys);

    int sections = iniparser_getnsec(reader->file.ini);
    for (int i = 0; i < sections; i++) {
        const char *section = iniparser_getsecname(reader->file.ini, i);
        if (section && config_has_prefix(section, "sector."))
            config_read_sector_details(reader, section, false);
    }
    for (int i = 0; i < sections; i++) {
        const char *section = iniparser_getsecname(reader->file.ini, i);
        if (section && config_has_prefix(section, "sector."))
            config_read_sector_details(reader, section, true);
    }
    config_check_sector_spellings(reader);
    for (size_t s = 0; s < config->sector_count; s++) {
        char place[160];
        snprintf(place, sizeof place, "[sector.%s]", config->sectors[s].code);
        if (!config->sectors[s].sheet)
            config_warn_long_sheet(reader, "sectors", config->sectors[s].code,
                                   config->sectors[s].label, place);
    }
}

/* Indicator keys are checked against the computed indicators later, by the
 * report (the sector codes decide some of them); here only their form. */
static bool config_is_indicator_key(const char *key)
{
    static const char *const prefixes[] = {"coops.", "groups.", "unions."};
    for (size_t i = 0; i < COUNT_OF(prefixes); i++) {
        size_t length = strlen(prefixes[i]);
        if (strncmp(key, prefixes[i], length) != 0)
            continue;
        const char *rest = key + length;
        if (!*rest || rest[strlen(rest) - 1] == '.' || strstr(rest, ".."))
            return false;
        return strspn(rest, "abcdefghijklmnopqrstuvwxyz0123456789_.") == strlen(rest);
    }
    return false;
}

/* "did you mean" for a key in [plan]: the same key under the nearest prefix. */
static void config_bad_indicator(struct config_reader *reader, const char *section,
                                 const char *key, const char *what, const char *indicator)
{
    const char *dot = strchr(indicator, '.');
    const char *rest = dot ? dot + 1 : indicator;
    char *candidates[3] = {text_format("coops.%s", rest), text_format("groups.%s", rest),
                           text_format("unions.%s", rest)};
    const char *nearest = NULL;
    if (candidates[0] && candidates[1] && candidates[2]) {
        const char *names[3] = {candidates[0], candidates[1], candidates[2]};
        nearest = ini_nearest_name(indicator, names, 3);
        if (nearest && !config_is_indicator_key(nearest))
            nearest = NULL;
    }
    if (nearest)
        config_error(reader, section, key, "%s '%s' in [%s]; did you mean '%s'?", what,
                     indicator, section, nearest);
    else
        config_error(reader, section, key, "%s '%s' in [%s] (indicator keys start with coops., "
                     "groups. or unions., such as coops.new)", what, indicator, section);
    for (size_t i = 0; i < 3; i++)
        free(candidates[i]);
}

bool config_number_is_grouped(const char *text, char separator)
{
    const char *p = text + (*text == '-');
    size_t leading = strspn(p, "0123456789");
    if (leading == 0 || leading > 3 || *(p += leading) != separator)
        return false;
    while (*p == separator) {
        if (strspn(p + 1, "0123456789") != 3)
            return false;
        p += 4;
    }
    return *p == '\0';
}

/* text with every byte of `drop` removed and `decimal` (0: none) made '.'. */
static void config_rewrite_number(const char *text, const char *drop, char decimal,
                                  char *out, size_t size)
{
    size_t length = 0;
    for (const char *p = text; *p && length + 1 < size; p++)
        if (*p == decimal)
            out[length++] = '.';
        else if (!strchr(drop, *p))
            out[length++] = *p;
    out[length] = '\0';
}

/* A number written with a decimal comma or thousands separators ("41,5",
 * "1.234.567", "1 234"): the one message for all, with the number as the
 * config wants it. false when text is not such a number. */
static bool config_misformatted_number(struct config_reader *reader, const char *section,
                                       const char *key, const char *text)
{
    if (strspn(text + (*text == '-'), "0123456789., ") != strlen(text + (*text == '-')))
        return false;
    const char *last_comma = strrchr(text, ','), *last_dot = strrchr(text, '.');
    bool spaced = strchr(text, ' ') != NULL;
    bool many_dots = last_dot && strchr(text, '.') != last_dot;
    if (!last_comma && !many_dots && !spaced)
        return false;
    char written[64], other[64] = "";
    if (last_comma && last_dot && last_comma > last_dot)
        config_rewrite_number(text, ". ", ',', written, sizeof written);   /* 1.234,5 */
    else if (last_comma && (last_dot || strchr(text, ',') != last_comma))
        config_rewrite_number(text, ", ", 0, written, sizeof written);     /* 1,234,567 */
    else if (last_comma) {
        config_rewrite_number(text, " ", ',', written, sizeof written);    /* 41,5 */
        if (config_number_is_grouped(text, ',')) {                          /* 1,234 */
            memcpy(other, written, sizeof other);
            config_rewrite_number(text, ", ", 0, written, sizeof written);
        }
    } else
        config_rewrite_number(text, many_dots ? ". " : " ", 0, written, sizeof written);
    config_error(reader, section, key, "[%s] %s: '%s' is not a number: write %s%s%s%s (numbers "
                 "in the config use '.' for decimals and no thousands separator, whatever [csv] "
                 "decimal says)", section, key, text, written, *other ? ", or " : "", other,
                 *other ? " if ',' is the decimal point" : "");
    return true;
}

static bool config_read_number(struct config_reader *reader, const char *section,
                               const char *key, const char *value, double *out)
{
    const char *reason = NULL;
    if (config_misformatted_number(reader, section, key, value))
        return false;
    if (value_parse_decimal(value, out, &reason) == 0)
        return true;
    config_error(reader, section, key, "[%s] %s: invalid number '%s' (%s)", section, key, value,
                 reason);
    return false;
}

static void config_read_plan(struct config_reader *reader)
{
    struct coop_config *config = reader->config;
    size_t count;
    const char **keys = config_section_keys(reader, "plan", &count);
    config->plan = count ? calloc(count, sizeof *config->plan) : NULL;
    if (count && !config->plan) {
        config_out_of_memory(reader);
        count = 0;
    }
    for (size_t i = 0; i < count; i++) {
        double value;
        if (!config_is_indicator_key(keys[i])) {
            config_bad_indicator(reader, "plan", keys[i], "unknown key", keys[i]);
            continue;
        }
        const char *text = config_require(reader, "plan", keys[i]);
        if (!text || !config_read_number(reader, "plan", keys[i], text, &value))
            continue;
        if (value < 0) {
            /* "TH/KH" against a negative plan means nothing. */
            config_error(reader, "plan", keys[i], "[plan] %s: a plan cannot be negative (%s)",
                         keys[i], text);
            continue;
        }
        struct coop_plan_entry *entry = &config->plan[config->plan_count++];
        entry->key = config_copy(reader, keys[i]);
        entry->value = value;
        entry->text = config_copy(reader, text);
    }
    free(keys);
}

static void config_read_target(struct config_reader *reader, const char *section,
                               struct coop_target *target)
{
    config_check_keys(reader, section, target_keys, COUNT_OF(target_keys));
    target->name = config_copy(reader, section + strlen("target."));
    if (!*(section + strlen("target.")))
        config_error(reader, section, NULL, "[%s]: a target needs a name, as in "
                     "[target.new_coops]", section);
    target->label = config_copy(reader, config_require(reader, section, "label"));
    const char *sheet = config_get(reader, section, "sheet");
    char place[160];
    snprintf(place, sizeof place, "[%s]", section);
    if (sheet)
        target->sheet = config_read_sheet(reader, section, sheet);
    else
        config_warn_long_sheet(reader, section, "label", target->label, place);
    const char *value = config_require(reader, section, "indicator");
    if (value && !config_is_indicator_key(value))
        config_bad_indicator(reader, section, "indicator", "unknown indicator", value);
    else
        target->indicator = config_copy(reader, value);

    target->window = WINDOW_FY;
    value = config_optional(reader, section, "window");
    if (value && config_equals_ignoring_case(value, "H1"))
        target->window = WINDOW_H1;
    else if (value && config_equals_ignoring_case(value, "H2"))
        target->window = WINDOW_H2;
    else if (value && !config_equals_ignoring_case(value, "FY"))
        config_error(reader, section, "window", "[%s] window: '%s' is not H1, H2 or FY", section,
                     value);

    value = config_optional(reader, section, "min");
    if (value && (target->has_min = config_read_number(reader, section, "min", value,
                                                       &target->min)))
        target->min_text = config_copy(reader, value);
    value = config_optional(reader, section, "max");
    if (value && (target->has_max = config_read_number(reader, section, "max", value,
                                                       &target->max)))
        target->max_text = config_copy(reader, value);
    if (!config_optional(reader, section, "min") && !config_optional(reader, section, "max"))
        config_error(reader, section, NULL, "[%s]: a target needs min, max or both", section);
    else if (target->has_min && target->has_max && target->min > target->max)
        config_error(reader, section, "max", "[%s] max: %g is below min %g", section,
                     target->max, target->min);
}

static void config_read_targets(struct config_reader *reader)
{
    struct coop_config *config = reader->config;
    int sections = iniparser_getnsec(reader->file.ini);
    size_t count = 0;
    for (int i = 0; i < sections; i++) {
        const char *section = iniparser_getsecname(reader->file.ini, i);
        count += section && config_has_prefix(section, "target.");
    }
    if (!count)
        return;
    config->targets = calloc(count, sizeof *config->targets);
    if (!config->targets) {
        config_out_of_memory(reader);
        return;
    }
    for (int i = 0; i < sections; i++) {
        const char *section = iniparser_getsecname(reader->file.ini, i);
        if (section && config_has_prefix(section, "target."))
            config_read_target(reader, section, &config->targets[config->target_count++]);
    }
}

static void config_read_output(struct config_reader *reader)
{
    struct coop_config *config = reader->config;
    config_check_keys(reader, "output", output_keys, COUNT_OF(output_keys));
    /* Optional here: -o may give it; report.c refuses a run with neither. */
    const char *value = config_optional(reader, "output", "path");
    if (value)
        config_check_placeholders(reader, "output", "path", value);
    config->output_path = config_path_value(reader, value);
    value = config_optional(reader, "output", "summary");
    if (value)
        config_check_placeholders(reader, "output", "summary", value);
    config->summary_path = config_path_value(reader, value);
    /* An official form shows every sector of [sectors], one with no
     * operating HTX as an empty list with zero totals; skip leaves it out. */
    value = config_optional(reader, "output", "empty_sectors");
    config->keep_empty_sectors = !value || strcmp(value, "skip") != 0;
    if (value && strcmp(value, "keep") != 0 && strcmp(value, "skip") != 0)
        ini_file_error(&reader->file, "output", "empty_sectors",
                       "empty_sectors must be 'keep' or 'skip', not '%s'", value);
}

/* --- loading ---------------------------------------------------------------------- */

int config_load(const char *path, struct coop_config *config,
                struct coop_diagnostics *diagnostics)
{
    memset(config, 0, sizeof *config);
    config->dialect.delimiter = 0;
    config->dialect.decimal = '.';
    config->dialect.header_line = 1;
    config->dialect.dates = DATE_STYLE_AUTO;
    struct config_reader reader = {.config = config};
    int status = ini_file_load(&reader.file, path, "configuration", diagnostics);
    if (status != 0)
        return status;
    config->path = text_duplicate(path);
    config->directory = text_folder_of(path);
    if (!config->path || !config->directory)
        config_out_of_memory(&reader);

    if (reader.file.status == 0) {
        ini_file_check_entries(&reader.file);
        config_check_sections(&reader);
        config_read_report(&reader);
        config_read_input(&reader);
        config_read_csv(&reader, "csv", &config->dialect);
        config_read_columns(&reader, "coops.columns", false, config->coop_columns, NULL, NULL);
        config_read_columns(&reader, "groups.columns", true, config->group_columns, NULL, NULL);
        if (iniparser_find_entry(reader.file.ini, "previous_csv")) {
            config->has_previous_dialect = true;
            config->previous_dialect = config->dialect;
            config_read_csv(&reader, "previous_csv", &config->previous_dialect);
        }
        config_read_columns(&reader, "previous_coops.columns", false,
                            config->previous_coop_columns, config->coop_columns, "coops.columns");
        config_read_columns(&reader, "previous_groups.columns", true,
                            config->previous_group_columns, config->group_columns,
                            "groups.columns");
        config_read_sectors(&reader);
        config_read_plan(&reader);
        config_read_targets(&reader);
        config_read_output(&reader);
    }
    ini_file_release(&reader.file);
    if (reader.file.status != 0)
        config_release(config);
    return reader.file.status;
}
