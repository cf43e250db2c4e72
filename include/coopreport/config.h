/*
 * config — the report's INI configuration (SPEC §3), read with iniparser.
 *
 * Every section and key is checked: unknown ones are errors naming the nearest
 * known one, numbers are parsed strictly, paths are made relative to the
 * config file's folder. All problems are reported before config_load returns.
 */
#ifndef COOPREPORT_CONFIG_H
#define COOPREPORT_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "coopreport/diag.h"
#include "coopreport/values.h"

enum coop_period { PERIOD_H1, PERIOD_FY };
/* The part of the year a target counts: H1 = 1/1–30/6, H2 = 1/7–31/12, FY = 1/1–31/12. */
enum coop_window { WINDOW_H1, WINDOW_H2, WINDOW_FY };

/* The canonical fields of the cooperatives and groups files (SPEC §4). */
enum coop_field {
    FIELD_ID,
    FIELD_NAME,
    FIELD_PROVINCE,
    FIELD_DISTRICT,
    FIELD_KIND,
    FIELD_SECTOR,
    FIELD_FOUNDED,
    FIELD_DISSOLVED,
    FIELD_MEMBERS,
    FIELD_WORKERS,
    FIELD_REVENUE,
    FIELD_PROFIT,
    FIELD_INCOME,
    FIELD_MARKET_ACCESS,
    FIELD_VALUE_CHAIN,
    FIELD_HIGH_TECH,
    FIELD_ALLIANCE_MEMBER,
    FIELD_COUNT
};

/* "id", "name", … as written in configs and default headers. */
const char *config_field_name(enum coop_field field);
/* FIELD_COUNT when name is not a field. */
enum coop_field config_field_from_name(const char *name);
/* Whether the groups file has this field (groups have no kind, workers,
 * income or flags). */
bool config_field_in_groups(enum coop_field field);

struct csv_dialect {
    char delimiter;            /* ',', ';', '\t', or 0 = detect from the header */
    char decimal;              /* '.' or ',' */
    enum date_style dates;
    long header_line;          /* [csv] header_line: the physical line of the header; the
                                * lines above it (a title) are skipped. 1 = the first */
    const char *header_line_section; /* "csv" or "previous_csv": where header_line was
                                      * written (static); NULL = not written, 1 */
};

struct coop_sector {
    char *code;                /* the key in [sectors], lower case */
    char *label;               /* "Nông nghiệp" */
    char *sheet;               /* sheet name; NULL = use the label */
    char **aliases;            /* other spellings found in data: the aliases
                                  list, then the alias.N keys */
    size_t alias_count;
};

struct coop_plan_entry {
    char *key;                 /* indicator key, "coops.new" */
    double value;
    char *text;                /* as written ("1.234"), for messages */
};

struct coop_target {
    char *name;                /* the part after "target." */
    char *label;
    char *sheet;               /* the sheet's name, NULL: the label (shortened) */
    char *indicator;           /* indicator key measured */
    enum coop_window window;
    bool has_min, has_max;
    double min, max;
    char *min_text, *max_text; /* as written, for messages; NULL when absent */
};

struct coop_config {
    char *path;                /* as given */
    char *directory;           /* folder of the config file, for relative paths */

    /* [report] */
    char *province;            /* code, name, "all" or a comma-separated list */
    int year;
    enum coop_period period;
    coop_date date;            /* 0 = not given: the caller uses today */
    char *organization;        /* may hold placeholders; NULL = CONFIG_DEFAULT_ORGANIZATION */
    char *provinces;           /* "63", "34" or a resolved path; NULL = by period end */
    char *template_name;       /* a shipped name or a resolved path; NULL = by period */

    /* [input], resolved against directory; NULL when absent */
    char *coops_path;
    char *groups_path;
    char *previous_coops_path;
    char *previous_groups_path;

    struct csv_dialect dialect;

    /* [coops.columns], [groups.columns]: header text per field, NULL = the
     * field's own name */
    char *coop_columns[FIELD_COUNT];
    char *group_columns[FIELD_COUNT];

    /* [previous_csv], [previous_coops.columns], [previous_groups.columns]:
     * last year's files, exported by other software or settings. Each key
     * given overrides the current files' one: previous_dialect is dialect
     * with [previous_csv]'s keys applied (valid only when has_previous_dialect),
     * and a NULL previous column is the current file's. Read them through
     * config_input_dialect and config_column_header. */
    bool has_previous_dialect;
    struct csv_dialect previous_dialect;
    char *previous_coop_columns[FIELD_COUNT];
    char *previous_group_columns[FIELD_COUNT];

    struct coop_sector *sectors;   /* in config order */
    size_t sector_count;
    struct coop_plan_entry *plan;
    size_t plan_count;
    struct coop_target *targets;   /* in config order */
    size_t target_count;

    /* [output], resolved against directory, may hold placeholders */
    char *output_path;
    char *summary_path;
    bool keep_empty_sectors;   /* empty_sectors = keep (the default): a sheet even with no HTX */
};

/* Loads and checks `path`. Returns 0, COOP_EXIT_USAGE when the config has
 * errors (all reported into diagnostics with file and line), or COOP_EXIT_IO
 * when it cannot be read. On failure *config is released. */
int config_load(const char *path, struct coop_config *config,
                struct coop_diagnostics *diagnostics);
void config_release(struct coop_config *config);

/* The dialect of this year's files, or of last year's (previous_year). */
const struct csv_dialect *config_input_dialect(const struct coop_config *config,
                                               bool previous_year);
/* The header text of field in the coops or groups file of this year or of
 * last year (previous_year); NULL = the field's own name. *explicit_previous,
 * when not NULL, says whether a [previous_*.columns] line gave it. */
const char *config_column_header(const struct coop_config *config, bool groups,
                                 bool previous_year, enum coop_field field,
                                 bool *explicit_previous);
/* [report] organization when the config gives none: "Liên minh Hợp tác xã
 * tỉnh Bắc Ninh", "… thành phố Hà Nội"; with an English template
 * "Cooperative Alliance of Bac Ninh Province", "… of Ha Noi City". */
#define CONFIG_DEFAULT_ORGANIZATION "Liên minh Hợp tác xã {province_type} {province}"
#define CONFIG_DEFAULT_ORGANIZATION_EN "Cooperative Alliance of {province_name_en} {province_type_en}"

/* Placeholders allowed in organization and [output] paths. */
bool config_placeholder_is_known(const char *name);

/* Whether text is a whole number written in groups of three digits with
 * separator between them: "1.234", "12.500", "-1,234,567" (not "1.5"). A
 * count written so in the config ([plan] coops.total = 1.234) is most likely
 * thousands, not a fraction. */
bool config_number_is_grouped(const char *text, char separator);

/* The plan value for an indicator key; false when there is none. */
bool config_find_plan(const struct coop_config *config, const char *key, double *value);

/* First and last day of the period / window in `year`. */
void config_period_range(enum coop_period period, int year, coop_date *first, coop_date *last);
void config_window_range(enum coop_window window, int year, coop_date *first, coop_date *last);

/* The one folder of the templates/ and data/ shipped with the tool: for an uninstalled
 * build, the checkout it was built in; for an installed one (`make install`),
 * ../share/coopreport next to the running binary, else PREFIX/share/coopreport.
 * Returns a new path the caller frees, or NULL when an installed tool finds neither. */
char *config_share_folder(void);

/* Finds a file shipped with the tool: $COOPREPORT_SHARE/<folder>/<file_name> when that
 * exists, else the same in config_share_folder(). Returns a new path the caller frees,
 * or NULL when no such file exists. */
char *config_find_shared_file(const char *folder, const char *file_name);

/* Makes path absolute against directory unless it already is. Caller frees. */
char *config_resolve_path(const char *directory, const char *path);

#endif
