/*
 * indicators — the figures of the report (SPEC §5). Pure arithmetic over the
 * validated records: no I/O, so every rule is unit-testable.
 */
#ifndef COOPREPORT_INDICATORS_H
#define COOPREPORT_INDICATORS_H

#include <stdbool.h>
#include <stddef.h>

#include "coopreport/config.h"
#include "coopreport/records.h"

/* What kind of figure a value is, by its unit: a whole count (HTX, người), an
 * amount (million VND, averages) or a percentage (stored as 0–100). The
 * decimals it is shown with follow from it: indicators_format_decimals. */
enum indicator_format { FORMAT_COUNT, FORMAT_AMOUNT, FORMAT_PERCENT };

/* The most decimals a figure is ever shown with (indicators_decimals_apart). */
#define INDICATOR_MAX_DECIMALS 4

/* The decimals a figure of this kind shows: none for counts, one for
 * amounts and percentages. */
int indicators_format_decimals(enum indicator_format format);

/* The decimals that show `value` and `bound` (a target's threshold) as
 * different numbers whenever they differ: the format's own, or more (up to
 * INDICATOR_MAX_DECIMALS) when rounding to them would print both alike, as
 * 75.37 and 75.4 would both print "75.4" beside "not achieved". Rounding is
 * Excel's, half away from zero. */
int indicators_decimals_apart(enum indicator_format format, double value, double bound);

#define INDICATOR_KEY_SIZE 128

struct indicator {
    char key[INDICATOR_KEY_SIZE];  /* "coops.sector.nong_nghiep.share" */
    char *label;                   /* Vietnamese label, owned */
    const char *unit;              /* static: "HTX", "%", "triệu đồng/HTX"… */
    enum indicator_format format;
    bool has_value;                /* false: blank (missing denominator or input) */
    double value;
};

struct indicator_set {
    struct indicator *items;
    size_t count;
    size_t capacity;
    bool out_of_memory;   /* set when an item could not be added */
};

struct indicator_inputs {
    const struct coop_config *config;
    const struct coop_dataset *coops;            /* required */
    const struct coop_dataset *groups;           /* NULL when not configured */
    const struct coop_dataset *previous_coops;   /* same period, year − 1; NULL if none */
    const struct coop_dataset *previous_groups;
};

/* Computes every indicator of SPEC §5 for the config's period, in a stable
 * order, with .plan/.plan_pct wherever the plan has the key and .prev/.prev_pct
 * wherever a previous-year input exists. Returns 0 or -1 when out of memory
 * (the set is then empty). */
int indicators_compute(const struct indicator_inputs *inputs, struct indicator_set *set);
void indicators_release(struct indicator_set *set);
/* Adds a figure made elsewhere (the national figures of a batch); its label
 * is copied, its unit must be static. NULL when out of memory (the set's
 * out_of_memory is then set). */
struct indicator *indicators_add(struct indicator_set *set, const char *key, const char *label,
                                 const char *unit, enum indicator_format format,
                                 bool has_value, double value);
const struct indicator *indicators_find(const struct indicator_set *set, const char *key);

/* Whether a key names an indicator this tool can compute for this config
 * (used to check [plan] and [target.*] keys). */
bool indicators_key_is_known(const struct coop_config *config, const char *key);

/* The unit of a key counted in whole units ("HTX", "người"), whose plan or
 * target bound must be a whole number; NULL for any other key. Static. */
const char *indicators_count_unit(const struct coop_config *config, const char *key);

/* Whether a template row may show `key`: a known key, or KEY.plan /
 * KEY.plan_pct of one even when [plan] gives no plan for it (then blank). */
bool indicators_key_may_be_shown(const struct coop_config *config, const char *key);

/* TARGET_EXCEEDED: reached, above the maximum of a range (min and max). */
enum target_status { TARGET_ACHIEVED, TARGET_NOT_ACHIEVED, TARGET_NOT_YET_DUE, TARGET_NO_DATA,
                     TARGET_EXCEEDED };

struct target_result {
    const struct coop_target *target;
    coop_date window_first, window_last;
    enum target_status status;
    bool has_value;
    double value;          /* the indicator measured on the window */
    bool has_percent;
    double percent;        /* value ÷ min × 100 (÷ max for an upper bound only) */
};

/* Evaluates config->targets on their windows. results holds target_count
 * entries. Returns 0 or -1 when out of memory. */
int indicators_evaluate_targets(const struct indicator_inputs *inputs,
                                struct target_result *results);

/* The decimals a target's measured value and its bounds are shown with, so
 * that a value short of its minimum (or over its maximum) never prints equal
 * to it; `format` is that of the target's indicator. */
int indicators_target_decimals(const struct target_result *result, enum indicator_format format);
/* The same for the percentage achieved, beside the 100 it is short of or over. */
int indicators_target_percent_decimals(const struct target_result *result);

/* Vietnamese status text: "Đạt", "Chưa đạt", "Chưa đến kỳ", "Chưa có số liệu". */
const char *indicators_status_label(enum target_status status);

/* Exact totals of one province for the period, that add up across provinces
 * (a national figure is made from them, never from averages). */
struct coop_totals {
    int64_t coops, coops_new, coops_dissolved, members, workers;
    int64_t members_count, workers_count;                          /* units reporting them */
    int64_t revenue_sum, revenue_count, profit_sum, profit_count;   /* đồng, units */
    int64_t income_weighted_sum, income_workers;                    /* Σ income × workers, Σ workers */
    int64_t market_access;
    int64_t market_access_units;    /* operating HTX of files with a market_access column */
    int64_t groups;
    int64_t groups_files;           /* provinces with a groups file: 0 leaves groups blank */
    int64_t income_overflow;                                        /* non-zero: income left out */
};

/* Totals of the period from the current-year inputs. */
int indicators_count_totals(const struct indicator_inputs *inputs, struct coop_totals *totals);
void indicators_add_totals(struct coop_totals *sum, const struct coop_totals *part);

/* True when a record was founded in [first, last]. */
bool record_is_founded_within(const struct coop_record *record, coop_date first, coop_date last);

/* --- definitions (--explain, --list-indicators) ---------------------------------- */

/* What an indicator key means. A pattern stands for many keys: CODE is any
 * sector code of [sectors]. Every string is static. */
struct indicator_definition {
    const char *pattern;      /* "coops.sector.CODE.share" */
    const char *label;        /* as in the workbook; {sector} is the sector's label */
    const char *unit;         /* as in the workbook; NULL for a suffix: the key's own */
    const char *definition;   /* what is counted and how, with the formula */
    const char *label_en;     /* the label in English ({sector}, {label} as above) */
    const char *unit_en;      /* the unit in English; NULL for a suffix: the key's own */
};

/* The English label and unit of a key this config computes, for templates
 * with language = en (sector labels stay as the config writes them). Returns
 * false for a key no definition matches. */
bool indicators_english_label(const struct coop_config *config, const char *key, char *label,
                              size_t size, const char **unit);

/* The base definitions, in the order of the report; *count receives their number. */
const struct indicator_definition *indicators_definitions(size_t *count);
/* The comparison suffixes (.plan, .plan_pct, .prev, .prev_pct) that every key
 * with a plan or a previous-year input also gets; label holds "{label}". */
const struct indicator_definition *indicators_suffix_definitions(size_t *count);

/* The definition of a key, and in *suffix (if not NULL) that of its
 * comparison suffix or NULL when it has none. NULL when the key names no
 * indicator ("coops.sector.nong_nghiep.plan_pct" is coops.sector.CODE with
 * .plan_pct). */
const struct indicator_definition *indicators_explain(const char *key,
                                                      const struct indicator_definition **suffix);
/* The pattern nearest to an unknown key (fewest character edits). */
const char *indicators_nearest_pattern(const char *key);

#endif
