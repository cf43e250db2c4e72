/*
 * indicators — the figures of the report (SPEC §5). See indicators.h.
 *
 * All figures of one window come from one pass over the records into a
 * tally of exact integers; ratios are made only at the end, so that sums of
 * money never drift and a missing denominator gives a blank, never 0 or NaN.
 */
#include "coopreport/indicators.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coopreport/text.h"

/* Counts and exact sums over the units of one dataset for one window. */
struct tally {
    size_t operating;            /* HTX (or THT) operating at the window's last day */
    size_t *operating_by_sector;
    size_t founded;              /* founded within the window */
    size_t *founded_by_sector;
    size_t dissolved;            /* dissolved within the window */
    size_t unions;               /* LHHTX operating */
    int64_t members, workers;
    size_t members_count, workers_count;      /* units reporting them */
    int64_t revenue_sum, profit_sum;          /* đồng */
    size_t revenue_count, profit_count;
    int64_t income_weighted_sum;              /* Σ income × workers, đồng */
    int64_t income_workers;                   /* Σ workers of those units */
    bool income_overflow;
    size_t market_access, value_chain, high_tech, alliance_members;
    /* A yes/no column missing from the file is "not reported"; a blank cell
     * in a column that is there is "no" (SPEC §4: x/blank). */
    bool flag_column[4];        /* market access, value chain, high tech, alliance member */
};

static const enum coop_field FLAG_FIELDS[4] = {FIELD_MARKET_ACCESS, FIELD_VALUE_CHAIN,
                                                FIELD_HIGH_TECH, FIELD_ALLIANCE_MEMBER};

static int tally_init(struct tally *tally, size_t sector_count)
{
    memset(tally, 0, sizeof *tally);
    tally->operating_by_sector = calloc(sector_count + 1, sizeof *tally->operating_by_sector);
    tally->founded_by_sector = calloc(sector_count + 1, sizeof *tally->founded_by_sector);
    return tally->operating_by_sector && tally->founded_by_sector ? 0 : -1;
}

static void tally_release(struct tally *tally)
{
    free(tally->operating_by_sector);
    free(tally->founded_by_sector);
}

bool record_is_founded_within(const struct coop_record *record, coop_date first, coop_date last)
{
    return record->founded >= first && record->founded <= last;
}

static void tally_count(struct tally *tally, const struct coop_dataset *dataset, coop_date first,
                        coop_date last, size_t sector_count)
{
    for (int f = 0; f < 4; f++)
        tally->flag_column[f] = (dataset->columns >> FLAG_FIELDS[f]) & 1u;
    for (size_t i = 0; i < dataset->count; i++) {
        const struct coop_record *record = &dataset->records[i];
        bool operating = record_is_operating(record, last);
        if (record->kind == KIND_LHHTX) {
            /* Unions are counted apart: the HTX figures are about HTX. */
            if (operating)
                tally->unions++;
            continue;
        }
        size_t sector = record->sector < sector_count ? record->sector : sector_count;
        if (record_is_founded_within(record, first, last)) {
            tally->founded++;
            tally->founded_by_sector[sector]++;
        }
        if (record->dissolved && record->dissolved >= first && record->dissolved <= last)
            tally->dissolved++;
        if (!operating)
            continue;
        tally->operating++;
        tally->operating_by_sector[sector]++;
        if (record_has(record, FIELD_MEMBERS)) {
            tally->members += record->members;
            tally->members_count++;
        }
        if (record_has(record, FIELD_WORKERS)) {
            tally->workers += record->workers;
            tally->workers_count++;
        }
        if (record_has(record, FIELD_REVENUE)) {
            tally->revenue_sum += record->revenue;
            tally->revenue_count++;
        }
        if (record_has(record, FIELD_PROFIT)) {
            tally->profit_sum += record->profit;
            tally->profit_count++;
        }
        if (record_has(record, FIELD_INCOME) && record_has(record, FIELD_WORKERS)) {
            int64_t product;
            if (__builtin_mul_overflow(record->income, record->workers, &product) ||
                __builtin_add_overflow(tally->income_weighted_sum, product,
                                       &tally->income_weighted_sum))
                tally->income_overflow = true;
            tally->income_workers += record->workers;
        }
        tally->market_access += record->market_access;
        tally->value_chain += record->value_chain;
        tally->high_tech += record->high_tech;
        tally->alliance_members += record->alliance_member;
    }
}

/* --- the set ------------------------------------------------------------------ */

static struct indicator *set_add(struct indicator_set *set, const char *label, const char *unit,
                                 enum indicator_format format, const char *key_format, ...)
    __attribute__((format(printf, 5, 6)));

static struct indicator *set_add(struct indicator_set *set, const char *label, const char *unit,
                                 enum indicator_format format, const char *key_format, ...)
{
    if (set->count == set->capacity) {
        size_t capacity = set->capacity ? set->capacity * 2 : 64;
        struct indicator *items = realloc(set->items, capacity * sizeof *items);
        if (!items) {
            set->out_of_memory = true;
            return NULL;
        }
        set->items = items;
        set->capacity = capacity;
    }
    struct indicator *item = &set->items[set->count];
    memset(item, 0, sizeof *item);
    va_list arguments;
    va_start(arguments, key_format);
    int length = vsnprintf(item->key, sizeof item->key, key_format, arguments);
    va_end(arguments);
    item->label = text_duplicate(label);
    if (item->label)
        text_trim_incomplete_utf8(item->label);
    if (length < 0 || (size_t)length >= sizeof item->key || !item->label) {
        free(item->label);
        set->out_of_memory = true;
        return NULL;
    }
    item->unit = unit;
    item->format = format;
    set->count++;
    return item;
}

static void set_value(struct indicator *item, double value)
{
    if (item) {
        item->value = value;
        item->has_value = true;
    }
}

/* numerator × scale ÷ denominator, blank when the denominator is 0. Scaled
 * first, so that one rounding (the division's) gives the double nearest the
 * true ratio: 29 of 100 HTX is exactly 29 %, as a target's 29 is, where
 * 29 ÷ 100 × 100 would be 28.999… and "not achieved". */
static void set_ratio(struct indicator *item, double numerator, double denominator, double scale)
{
    if (item && denominator != 0)
        set_value(item, numerator * scale / denominator);
}

/* value as a percentage of base (a plan, last year's figure, a target's
 * floor), blank unless the base is positive: a share of a negative or zero
 * profit has no meaning, and -254 ÷ -1000 = 25.4 % would read as progress. */
static bool percent_of(double value, double base, double *percent)
{
    /* A share of a base that is not positive, or a negative share (a loss
     * against a plan of profit, income falling against a floor of growth),
     * says nothing a reader can use: -176 % beside "Chưa đạt". */
    if (!(base > 0) || !(value >= 0))
        return false;
    *percent = value * 100 / base;
    return true;
}

static void set_percent_of(struct indicator *item, double value, double base)
{
    double percent;
    if (item && percent_of(value, base, &percent))
        set_value(item, percent);
}

/* An average of money in million VND from its exact sum in đồng, with one
 * rounding, as set_ratio. */
static void set_money_average(struct indicator *item, int64_t sum, int64_t count)
{
    set_ratio(item, (double)sum, (double)count * (double)COOP_MONEY_PER_MILLION, 1);
}

struct indicator *indicators_add(struct indicator_set *set, const char *key, const char *label,
                                 const char *unit, enum indicator_format format,
                                 bool has_value, double value)
{
    struct indicator *item = set_add(set, label, unit, format, "%s", key);
    if (item && has_value)
        set_value(item, value);
    return item;
}

void indicators_release(struct indicator_set *set)
{
    if (!set)
        return;
    for (size_t i = 0; i < set->count; i++)
        free(set->items[i].label);
    free(set->items);
    memset(set, 0, sizeof *set);
}

const struct indicator *indicators_find(const struct indicator_set *set, const char *key)
{
    for (size_t i = 0; i < set->count; i++)
        if (strcmp(set->items[i].key, key) == 0)
            return &set->items[i];
    return NULL;
}

static const char UNIT_COOPS[] = "HTX";
static const char UNIT_UNIONS[] = "LHHTX";
static const char UNIT_GROUPS[] = "THT";
static const char UNIT_PEOPLE[] = "người";
static const char UNIT_PERCENT[] = "%";
static const char UNIT_PER_COOP[] = "triệu đồng/HTX";
static const char UNIT_PER_GROUP[] = "triệu đồng/THT";
static const char UNIT_INCOME[] = "triệu đồng/người/năm";
/* The same units in English, for templates with language = en. */
static const char UNIT_EN_COOPS[] = "cooperatives";
static const char UNIT_EN_UNIONS[] = "unions";
static const char UNIT_EN_GROUPS[] = "groups";
static const char UNIT_EN_PEOPLE[] = "people";
static const char UNIT_EN_PER_COOP[] = "million VND/cooperative";
static const char UNIT_EN_PER_GROUP[] = "million VND/group";
static const char UNIT_EN_INCOME[] = "million VND/person/year";

/* Adds the cooperative figures of one tally. set_add may return NULL (out of
 * memory): set_value ignores it and the set's out_of_memory tells the caller. */
static void add_coop_indicators(struct indicator_set *set, const struct coop_config *config,
                                const struct tally *tally, bool has_data)
{
    struct indicator *item;
    item = set_add(set, "Tổng số hợp tác xã", UNIT_COOPS, FORMAT_COUNT, "coops.total");
    if (has_data)
        set_value(item, (double)tally->operating);
    for (size_t s = 0; s < config->sector_count; s++) {
        const struct coop_sector *sector = &config->sectors[s];
        char label[512];
        snprintf(label, sizeof label, "Số HTX lĩnh vực %s", sector->label);
        item = set_add(set, label, UNIT_COOPS, FORMAT_COUNT, "coops.sector.%s", sector->code);
        if (has_data)
            set_value(item, (double)tally->operating_by_sector[s]);
        snprintf(label, sizeof label, "Tỷ lệ HTX lĩnh vực %s", sector->label);
        item = set_add(set, label, UNIT_PERCENT, FORMAT_PERCENT, "coops.sector.%s.share",
                       sector->code);
        if (has_data)
            set_ratio(item, (double)tally->operating_by_sector[s], (double)tally->operating, 100);
    }
    item = set_add(set, "Số HTX thành lập mới", UNIT_COOPS, FORMAT_COUNT, "coops.new");
    if (has_data)
        set_value(item, (double)tally->founded);
    for (size_t s = 0; s < config->sector_count; s++) {
        const struct coop_sector *sector = &config->sectors[s];
        char label[512];
        snprintf(label, sizeof label, "Số HTX thành lập mới lĩnh vực %s", sector->label);
        item = set_add(set, label, UNIT_COOPS, FORMAT_COUNT, "coops.new.sector.%s", sector->code);
        if (has_data)
            set_value(item, (double)tally->founded_by_sector[s]);
    }
    item = set_add(set, "Số HTX giải thể", UNIT_COOPS, FORMAT_COUNT, "coops.dissolved");
    if (has_data)
        set_value(item, (double)tally->dissolved);
    /* A sum over units none of which reported the figure is "not reported"
     * (SPEC §4: empty cells are never zero), not 0. */
    item = set_add(set, "Tổng số thành viên HTX", UNIT_PEOPLE, FORMAT_COUNT, "coops.members");
    if (has_data && tally->members_count > 0)
        set_value(item, (double)tally->members);
    item = set_add(set, "Tổng số lao động thường xuyên trong HTX", UNIT_PEOPLE, FORMAT_COUNT,
                   "coops.workers");
    if (has_data && tally->workers_count > 0)
        set_value(item, (double)tally->workers);
    item = set_add(set, "Doanh thu bình quân 1 HTX", UNIT_PER_COOP, FORMAT_AMOUNT,
                   "coops.revenue.avg");
    if (has_data)
        set_money_average(item, tally->revenue_sum, (int64_t)tally->revenue_count);
    item = set_add(set, "Lợi nhuận bình quân 1 HTX", UNIT_PER_COOP, FORMAT_AMOUNT,
                   "coops.profit.avg");
    if (has_data)
        set_money_average(item, tally->profit_sum, (int64_t)tally->profit_count);
    item = set_add(set, "Thu nhập bình quân của thành viên, người lao động", UNIT_INCOME,
                   FORMAT_AMOUNT, "coops.income.avg");
    if (has_data && !tally->income_overflow)
        set_money_average(item, tally->income_weighted_sum, (int64_t)tally->income_workers);
    item = set_add(set, "Tỷ lệ HTX được tiếp cận thị trường", UNIT_PERCENT, FORMAT_PERCENT,
                   "coops.market_access.pct");
    if (has_data && tally->flag_column[0])
        set_ratio(item, (double)tally->market_access, (double)tally->operating, 100);
    item = set_add(set, "Số HTX liên kết sản xuất theo chuỗi giá trị", UNIT_COOPS, FORMAT_COUNT,
                   "coops.value_chain");
    if (has_data && tally->flag_column[1])
        set_value(item, (double)tally->value_chain);
    item = set_add(set, "Số HTX ứng dụng công nghệ cao", UNIT_COOPS, FORMAT_COUNT,
                   "coops.high_tech");
    if (has_data && tally->flag_column[2])
        set_value(item, (double)tally->high_tech);
    item = set_add(set, "Số HTX là thành viên Liên minh HTX", UNIT_COOPS, FORMAT_COUNT,
                   "coops.alliance_members");
    if (has_data && tally->flag_column[3])
        set_value(item, (double)tally->alliance_members);
    item = set_add(set, "Số liên hiệp hợp tác xã", UNIT_UNIONS, FORMAT_COUNT, "unions.total");
    if (has_data)
        set_value(item, (double)tally->unions);
}

static void add_group_indicators(struct indicator_set *set, const struct tally *tally, bool has_data)
{
    struct indicator *item;
    item = set_add(set, "Tổng số tổ hợp tác", UNIT_GROUPS, FORMAT_COUNT, "groups.total");
    if (has_data)
        set_value(item, (double)tally->operating);
    item = set_add(set, "Số THT thành lập mới", UNIT_GROUPS, FORMAT_COUNT, "groups.new");
    if (has_data)
        set_value(item, (double)tally->founded);
    item = set_add(set, "Số THT giải thể", UNIT_GROUPS, FORMAT_COUNT, "groups.dissolved");
    if (has_data)
        set_value(item, (double)tally->dissolved);
    item = set_add(set, "Tổng số thành viên THT", UNIT_PEOPLE, FORMAT_COUNT, "groups.members");
    if (has_data && tally->members_count > 0)
        set_value(item, (double)tally->members);
    item = set_add(set, "Doanh thu bình quân 1 THT", UNIT_PER_GROUP, FORMAT_AMOUNT,
                   "groups.revenue.avg");
    if (has_data)
        set_money_average(item, tally->revenue_sum, (int64_t)tally->revenue_count);
    item = set_add(set, "Lợi nhuận bình quân 1 THT", UNIT_PER_GROUP, FORMAT_AMOUNT,
                   "groups.profit.avg");
    if (has_data)
        set_money_average(item, tally->profit_sum, (int64_t)tally->profit_count);
}

/* The base figures of one window, from the two datasets (either may be NULL). */
static int build_base_set(const struct coop_config *config, const struct coop_dataset *coops,
                          const struct coop_dataset *groups, coop_date first, coop_date last,
                          struct indicator_set *set)
{
    struct tally coop_tally = {0}, group_tally = {0};
    int status = -1;
    if (tally_init(&coop_tally, config->sector_count) != 0 ||
        tally_init(&group_tally, config->sector_count) != 0)
        goto cleanup;
    if (coops)
        tally_count(&coop_tally, coops, first, last, config->sector_count);
    if (groups)
        tally_count(&group_tally, groups, first, last, config->sector_count);
    add_coop_indicators(set, config, &coop_tally, coops != NULL);
    add_group_indicators(set, &group_tally, groups != NULL);
    status = set->out_of_memory ? -1 : 0;
cleanup:
    tally_release(&coop_tally);
    tally_release(&group_tally);
    return status;
}

static bool key_is_group(const char *key)
{
    return strncmp(key, "groups.", 7) == 0;
}

/* Adds .plan/.plan_pct and .prev/.prev_pct after each base figure, and the
 * income growth. `previous` holds the same figures a year earlier, or is NULL. */
static int add_comparisons(const struct indicator_inputs *inputs, const struct indicator_set *base,
                           const struct indicator_set *previous, struct indicator_set *set)
{
    for (size_t i = 0; i < base->count; i++) {
        const struct indicator *figure = &base->items[i];
        struct indicator *item = set_add(set, figure->label, figure->unit, figure->format, "%s",
                                         figure->key);
        if (!item)
            return -1;
        item->has_value = figure->has_value;
        item->value = figure->value;

        double plan;
        if (config_find_plan(inputs->config, figure->key, &plan)) {
            char label[600];
            snprintf(label, sizeof label, "%s — kế hoạch năm", figure->label);
            item = set_add(set, label, figure->unit, figure->format, "%s.plan", figure->key);
            if (!item)
                return -1;
            set_value(item, plan);
            snprintf(label, sizeof label, "%s — %% so với kế hoạch", figure->label);
            item = set_add(set, label, UNIT_PERCENT, FORMAT_PERCENT, "%s.plan_pct", figure->key);
            if (!item)
                return -1;
            if (figure->has_value)
                set_percent_of(item, figure->value, plan);
        }
        bool has_previous_input = key_is_group(figure->key) ? inputs->previous_groups != NULL
                                                            : inputs->previous_coops != NULL;
        const struct indicator *before = previous ? indicators_find(previous, figure->key) : NULL;
        if (has_previous_input && before) {
            char label[600];
            snprintf(label, sizeof label, "%s — cùng kỳ năm trước", figure->label);
            item = set_add(set, label, figure->unit, figure->format, "%s.prev", figure->key);
            if (!item)
                return -1;
            item->has_value = before->has_value;
            item->value = before->value;
            snprintf(label, sizeof label, "%s — %% so với cùng kỳ", figure->label);
            item = set_add(set, label, UNIT_PERCENT, FORMAT_PERCENT, "%s.prev_pct", figure->key);
            if (!item)
                return -1;
            if (figure->has_value && before->has_value)
                set_percent_of(item, figure->value, before->value);
        }
        if (strcmp(figure->key, "coops.income.avg") == 0) {
            item = set_add(set, "Tăng trưởng thu nhập bình quân so với cùng kỳ", UNIT_PERCENT,
                           FORMAT_PERCENT, "coops.income.growth_pct");
            if (!item)
                return -1;
            if (inputs->previous_coops && before && figure->has_value && before->has_value &&
                before->value > 0)
                set_value(item, figure->value * 100 / before->value - 100);
        }
    }
    return 0;
}

/* Every figure for the window [first, last] of the current year, compared
 * with the same window a year earlier. */
static int build_window_set(const struct indicator_inputs *inputs, coop_date first, coop_date last,
                            struct indicator_set *set)
{
    struct indicator_set base = {0}, previous = {0};
    memset(set, 0, sizeof *set);
    int status = build_base_set(inputs->config, inputs->coops, inputs->groups, first, last, &base);
    if (status == 0 && (inputs->previous_coops || inputs->previous_groups))
        status = build_base_set(inputs->config, inputs->previous_coops, inputs->previous_groups,
                                first - 10000, last - 10000, &previous);
    if (status == 0)
        status = add_comparisons(inputs, &base,
                                 inputs->previous_coops || inputs->previous_groups ? &previous
                                                                                   : NULL,
                                 set);
    indicators_release(&base);
    indicators_release(&previous);
    if (status != 0)
        indicators_release(set);
    return status;
}

int indicators_compute(const struct indicator_inputs *inputs, struct indicator_set *set)
{
    coop_date first, last;
    config_period_range(inputs->config->period, inputs->config->year, &first, &last);
    return build_window_set(inputs, first, last, set);
}

/* Every indicator the config defines, computed on no data: what keys exist,
 * with their units and formats. Returns 0, or -1 when out of memory. */
static int indicators_compute_catalogue(const struct coop_config *config, struct indicator_set *set)
{
    struct coop_dataset empty = {0};
    struct indicator_inputs inputs = {.config = config, .coops = &empty, .groups = &empty,
                                      .previous_coops = &empty, .previous_groups = &empty};
    return indicators_compute(&inputs, set);
}

bool indicators_key_is_known(const struct coop_config *config, const char *key)
{
    struct indicator_set set;
    bool known = false;
    if (indicators_compute_catalogue(config, &set) == 0)
        known = indicators_find(&set, key) != NULL;
    indicators_release(&set);
    return known;
}

const char *indicators_count_unit(const struct coop_config *config, const char *key)
{
    struct indicator_set set;
    const char *unit = NULL;
    if (indicators_compute_catalogue(config, &set) == 0) {
        const struct indicator *item = indicators_find(&set, key);
        if (item && item->format == FORMAT_COUNT)
            unit = item->unit;
    }
    indicators_release(&set);
    return unit;
}

bool indicators_key_may_be_shown(const struct coop_config *config, const char *key)
{
    if (indicators_key_is_known(config, key))
        return true;
    static const char *const suffixes[] = {".plan", ".plan_pct"};
    size_t length = strlen(key);
    for (size_t i = 0; i < sizeof suffixes / sizeof *suffixes; i++) {
        size_t suffix_length = strlen(suffixes[i]);
        if (length <= suffix_length || strcmp(key + length - suffix_length, suffixes[i]) != 0)
            continue;
        char base[INDICATOR_KEY_SIZE];
        if (length - suffix_length >= sizeof base)
            return false;
        memcpy(base, key, length - suffix_length);
        base[length - suffix_length] = '\0';
        return indicators_key_is_known(config, base);
    }
    return false;
}

const char *indicators_status_label(enum target_status status)
{
    switch (status) {
    case TARGET_ACHIEVED: return "Đạt";
    case TARGET_EXCEEDED: return "Vượt mục tiêu";
    case TARGET_NOT_ACHIEVED: return "Chưa đạt";
    case TARGET_NOT_YET_DUE: return "Chưa đến kỳ";
    case TARGET_NO_DATA: return "Chưa có số liệu";
    }
    return "";
}

/* --- how many decimals a figure shows ---------------------------------------------- */

int indicators_format_decimals(enum indicator_format format)
{
    return format == FORMAT_COUNT ? 0 : 1;
}

/* value rounded to `decimals` as Excel shows it: half away from zero on the
 * decimal number, which a double like 41.45 (41.4499…) only nears, hence
 * the nudge of a millionth of a millionth. false when too large to tell. */
static bool indicators_round(double value, int decimals, long long *rounded)
{
    double scaled = value;
    for (int d = 0; d < decimals; d++)
        scaled *= 10;
    if (!isfinite(scaled) || fabs(scaled) >= 9e15)
        return false;
    *rounded = llround(scaled * (1 + 1e-12));
    return true;
}

int indicators_decimals_apart(enum indicator_format format, double value, double bound)
{
    int decimals = indicators_format_decimals(format);
    long long shown_value, shown_bound;
    while (decimals < INDICATOR_MAX_DECIMALS && value != bound &&
           indicators_round(value, decimals, &shown_value) &&
           indicators_round(bound, decimals, &shown_bound) && shown_value == shown_bound)
        decimals++;
    return decimals;
}

int indicators_target_decimals(const struct target_result *result, enum indicator_format format)
{
    const struct coop_target *target = result->target;
    int decimals = indicators_format_decimals(format);
    /* A bound is shown as the config writes it (up to the most decimals):
     * 41.55 stays 41.55, and 10.5 stays 10.5 even for a count. */
    double bounds[2] = {target->min, target->max};
    bool has_bound[2] = {target->has_min, target->has_max};
    for (int b = 0; b < 2; b++) {
        if (!has_bound[b])
            continue;
        long long rounded;
        while (decimals < INDICATOR_MAX_DECIMALS && indicators_round(bounds[b], decimals, &rounded) &&
               fabs(bounds[b] - (double)rounded / pow(10, decimals)) > 1e-9 * fmax(1, fabs(bounds[b])))
            decimals++;
        if (result->has_value) {
            int apart = indicators_decimals_apart(format, result->value, bounds[b]);
            if (apart > decimals)
                decimals = apart;
        }
    }
    return decimals;
}

int indicators_target_percent_decimals(const struct target_result *result)
{
    return result->has_percent ? indicators_decimals_apart(FORMAT_PERCENT, result->percent, 100)
                               : indicators_format_decimals(FORMAT_PERCENT);
}

/* A target with a minimum is reached at or above it; above the maximum of a
 * range ("10 to 15") it is exceeded, which the status says in its own words so
 * that it does not read as "within 10–15"; a target with only a maximum is
 * reached at or below it. */
static void target_judge(struct target_result *result)
{
    const struct coop_target *target = result->target;
    /* Only a floor has a share to reach: a ceiling (max only) is met by
     * staying under it, and a share of it would read as a shortfall beside
     * "Đạt". */
    result->has_percent = target->has_min &&
                          percent_of(result->value, target->min, &result->percent);
    bool reached = target->has_min ? result->value >= target->min : result->value <= target->max;
    result->status = reached ? TARGET_ACHIEVED : TARGET_NOT_ACHIEVED;
    if (reached && target->has_min && target->has_max && result->value > target->max)
        result->status = TARGET_EXCEEDED;
}

int indicators_evaluate_targets(const struct indicator_inputs *inputs,
                                struct target_result *results)
{
    const struct coop_config *config = inputs->config;
    coop_date period_first, period_last;
    config_period_range(config->period, config->year, &period_first, &period_last);
    for (size_t t = 0; t < config->target_count; t++) {
        struct target_result *result = &results[t];
        memset(result, 0, sizeof *result);
        result->target = &config->targets[t];
        config_window_range(result->target->window, config->year, &result->window_first,
                            &result->window_last);
        if (result->window_last > period_last) {
            result->status = TARGET_NOT_YET_DUE;
            continue;
        }
        struct indicator_set set;
        if (build_window_set(inputs, result->window_first, result->window_last, &set) != 0)
            return -1;
        const struct indicator *measured = indicators_find(&set, result->target->indicator);
        if (measured && measured->has_value) {
            result->has_value = true;
            result->value = measured->value;
            target_judge(result);
        } else {
            result->status = TARGET_NO_DATA;
        }
        indicators_release(&set);
    }
    return 0;
}

int indicators_count_totals(const struct indicator_inputs *inputs, struct coop_totals *totals)
{
    const struct coop_config *config = inputs->config;
    coop_date first, last;
    config_period_range(config->period, config->year, &first, &last);
    struct tally coop_tally = {0}, group_tally = {0};
    memset(totals, 0, sizeof *totals);
    int status = -1;
    if (tally_init(&coop_tally, config->sector_count) != 0 ||
        tally_init(&group_tally, config->sector_count) != 0)
        goto cleanup;
    if (inputs->coops)
        tally_count(&coop_tally, inputs->coops, first, last, config->sector_count);
    if (inputs->groups)
        tally_count(&group_tally, inputs->groups, first, last, config->sector_count);
    totals->coops = (int64_t)coop_tally.operating;
    totals->coops_new = (int64_t)coop_tally.founded;
    totals->coops_dissolved = (int64_t)coop_tally.dissolved;
    totals->members = coop_tally.members;
    totals->workers = coop_tally.workers;
    totals->members_count = (int64_t)coop_tally.members_count;
    totals->workers_count = (int64_t)coop_tally.workers_count;
    totals->revenue_sum = coop_tally.revenue_sum;
    totals->revenue_count = (int64_t)coop_tally.revenue_count;
    totals->profit_sum = coop_tally.profit_sum;
    totals->profit_count = (int64_t)coop_tally.profit_count;
    totals->income_weighted_sum = coop_tally.income_weighted_sum;
    totals->income_workers = coop_tally.income_workers;
    totals->income_overflow = coop_tally.income_overflow;
    totals->market_access = (int64_t)coop_tally.market_access;
    totals->market_access_units = coop_tally.flag_column[0] ? (int64_t)coop_tally.operating : 0;
    totals->groups = (int64_t)group_tally.operating;
    totals->groups_files = inputs->groups != NULL;
    status = 0;
cleanup:
    tally_release(&coop_tally);
    tally_release(&group_tally);
    return status;
}

/* --- definitions ---------------------------------------------------------------- */

/* One table for --explain and --list-indicators; labels and units are those
 * set_add gives the computed figures above (the e2e test test_explain
 * compares them). */
static const struct indicator_definition indicator_definitions[] = {
    {"coops.total", "Tổng số hợp tác xã", UNIT_COOPS,
     "HTX operating on the period's last day (30/6 for H1, 31/12 for FY): founded on or before "
     "it and not dissolved on or before it. Unions (kind LHHTX) are counted apart, in "
     "unions.total.",
     "Cooperatives (HTX) in operation", UNIT_EN_COOPS},
    {"coops.sector.CODE", "Số HTX lĩnh vực {sector}", UNIT_COOPS,
     "coops.total restricted to the HTX of sector CODE ([sectors] in the config).",
     "Cooperatives in {sector}", UNIT_EN_COOPS},
    {"coops.sector.CODE.share", "Tỷ lệ HTX lĩnh vực {sector}", UNIT_PERCENT,
     "coops.sector.CODE ÷ coops.total × 100; blank when coops.total is 0.",
     "Share of cooperatives in {sector}", UNIT_PERCENT},
    {"coops.new", "Số HTX thành lập mới", UNIT_COOPS,
     "HTX founded within the period (1/1 to 30/6 for H1, 1/1 to 31/12 for FY), whether or not "
     "they still operate at its end.",
     "New cooperatives", UNIT_EN_COOPS},
    {"coops.new.sector.CODE", "Số HTX thành lập mới lĩnh vực {sector}", UNIT_COOPS,
     "coops.new restricted to the HTX of sector CODE.",
     "New cooperatives in {sector}", UNIT_EN_COOPS},
    {"coops.dissolved", "Số HTX giải thể", UNIT_COOPS,
     "HTX whose dissolution date falls within the period.",
     "Cooperatives dissolved", UNIT_EN_COOPS},
    {"coops.members", "Tổng số thành viên HTX", UNIT_PEOPLE,
     "Σ members over the operating HTX that report it (an empty cell is not reported, not 0); "
     "blank when none does.",
     "Members of cooperatives", UNIT_EN_PEOPLE},
    {"coops.workers", "Tổng số lao động thường xuyên trong HTX", UNIT_PEOPLE,
     "Σ workers (regular workers) over the operating HTX that report it; blank when none does.",
     "Regular workers of cooperatives", UNIT_EN_PEOPLE},
    {"coops.revenue.avg", "Doanh thu bình quân 1 HTX", UNIT_PER_COOP,
     "Σ revenue ÷ the number of operating HTX that report revenue, in million VND; blank when "
     "none does. Sums are exact: no rounding drift.",
     "Average revenue per cooperative", UNIT_EN_PER_COOP},
    {"coops.profit.avg", "Lợi nhuận bình quân 1 HTX", UNIT_PER_COOP,
     "Σ profit (losses negative) ÷ the number of operating HTX that report profit.",
     "Average profit per cooperative", UNIT_EN_PER_COOP},
    {"coops.income.avg", "Thu nhập bình quân của thành viên, người lao động", UNIT_INCOME,
     "Σ(income × workers) ÷ Σ workers over the operating HTX that report both: the average "
     "income per person, each HTX weighted by its workers.",
     "Average income of members and workers", UNIT_EN_INCOME},
    {"coops.income.growth_pct", "Tăng trưởng thu nhập bình quân so với cùng kỳ", UNIT_PERCENT,
     "coops.income.avg ÷ coops.income.avg of previous_coops (the same period a year earlier) "
     "× 100 − 100; blank without previous_coops.",
     "Growth of the average income on the same period last year", UNIT_PERCENT},
    {"coops.market_access.pct", "Tỷ lệ HTX được tiếp cận thị trường", UNIT_PERCENT,
     "Operating HTX with market_access = yes ÷ coops.total × 100.",
     "Share of cooperatives with market access", UNIT_PERCENT},
    {"coops.value_chain", "Số HTX liên kết sản xuất theo chuỗi giá trị", UNIT_COOPS,
     "Operating HTX with value_chain = yes.",
     "Cooperatives in value chains", UNIT_EN_COOPS},
    {"coops.high_tech", "Số HTX ứng dụng công nghệ cao", UNIT_COOPS,
     "Operating HTX with high_tech = yes.",
     "Cooperatives applying high technology", UNIT_EN_COOPS},
    {"coops.alliance_members", "Số HTX là thành viên Liên minh HTX", UNIT_COOPS,
     "Operating HTX with alliance_member = yes.",
     "Cooperatives that are members of the Cooperative Alliance", UNIT_EN_COOPS},
    {"unions.total", "Số liên hiệp hợp tác xã", UNIT_UNIONS,
     "Unions of cooperatives (kind LHHTX) operating on the period's last day.",
     "Unions of cooperatives (LHHTX) in operation", UNIT_EN_UNIONS},
    {"groups.total", "Tổng số tổ hợp tác", UNIT_GROUPS,
     "Cooperative groups (THT, the groups file) operating on the period's last day.",
     "Cooperative groups (THT) in operation", UNIT_EN_GROUPS},
    {"groups.new", "Số THT thành lập mới", UNIT_GROUPS, "THT founded within the period.",
     "New cooperative groups", UNIT_EN_GROUPS},
    {"groups.dissolved", "Số THT giải thể", UNIT_GROUPS, "THT dissolved within the period.",
     "Cooperative groups dissolved", UNIT_EN_GROUPS},
    {"groups.members", "Tổng số thành viên THT", UNIT_PEOPLE,
     "Σ members over the operating THT that report it; blank when none does.",
     "Members of cooperative groups", UNIT_EN_PEOPLE},
    {"groups.revenue.avg", "Doanh thu bình quân 1 THT", UNIT_PER_GROUP,
     "Σ revenue ÷ the number of operating THT that report revenue.",
     "Average revenue per cooperative group", UNIT_EN_PER_GROUP},
    {"groups.profit.avg", "Lợi nhuận bình quân 1 THT", UNIT_PER_GROUP,
     "Σ profit ÷ the number of operating THT that report profit.",
     "Average profit per cooperative group", UNIT_EN_PER_GROUP},
};

static const struct indicator_definition indicator_suffixes[] = {
    {".plan", "{label} — kế hoạch năm", NULL,
     "The year's plan for KEY: its value in [plan] (present only when [plan] has KEY).",
     "{label} — annual plan", NULL},
    {".plan_pct", "{label} — % so với kế hoạch", UNIT_PERCENT,
     "TH/KH: KEY ÷ KEY.plan × 100; blank when the plan is 0.",
     "{label} — % of plan", UNIT_PERCENT},
    {".prev", "{label} — cùng kỳ năm trước", NULL,
     "KEY computed from previous_coops / previous_groups on the same period a year earlier "
     "(present only with those inputs).",
     "{label} — same period last year", NULL},
    {".prev_pct", "{label} — % so với cùng kỳ", UNIT_PERCENT,
     "TH/cùng kỳ: KEY ÷ KEY.prev × 100; blank when KEY.prev is 0 or blank.",
     "{label} — % of the same period last year", UNIT_PERCENT},
};

#define DEFINITION_COUNT(array) (sizeof (array) / sizeof (array)[0])

const struct indicator_definition *indicators_definitions(size_t *count)
{
    *count = DEFINITION_COUNT(indicator_definitions);
    return indicator_definitions;
}

const struct indicator_definition *indicators_suffix_definitions(size_t *count)
{
    *count = DEFINITION_COUNT(indicator_suffixes);
    return indicator_suffixes;
}

/* Whether key (its first `length` bytes) matches pattern, CODE standing for
 * one segment of a-z, 0-9 and '_'. */
static bool definition_matches(const char *pattern, const char *key, size_t length)
{
    const char *end = key + length;
    while (*pattern && key < end) {
        if (strncmp(pattern, "CODE", 4) == 0 && (pattern[4] == '.' || !pattern[4])) {
            size_t segment = strspn(key, "abcdefghijklmnopqrstuvwxyz0123456789_");
            if (segment == 0 || segment > 64 || key + segment > end)
                return false;
            key += segment;
            pattern += 4;
        } else if (*pattern++ != *key++) {
            return false;
        }
    }
    return !*pattern && key == end;
}

static const struct indicator_definition *definition_find(const char *key, size_t length)
{
    for (size_t i = 0; i < DEFINITION_COUNT(indicator_definitions); i++)
        if (definition_matches(indicator_definitions[i].pattern, key, length))
            return &indicator_definitions[i];
    return NULL;
}

const struct indicator_definition *indicators_explain(const char *key,
                                                      const struct indicator_definition **suffix)
{
    if (suffix)
        *suffix = NULL;
    size_t length = strlen(key);
    const struct indicator_definition *found = definition_find(key, length);
    for (size_t s = 0; !found && s < DEFINITION_COUNT(indicator_suffixes); s++) {
        size_t suffix_length = strlen(indicator_suffixes[s].pattern);
        if (length <= suffix_length ||
            strcmp(key + length - suffix_length, indicator_suffixes[s].pattern) != 0)
            continue;
        found = definition_find(key, length - suffix_length);
        if (found && suffix)
            *suffix = &indicator_suffixes[s];
    }
    return found;
}

/* Copies `pattern` into out with its first "{name}" replaced by value. */
static void definition_fill(const char *pattern, const char *name, const char *value, char *out,
                            size_t size)
{
    const char *mark = strstr(pattern, name);
    if (!mark) {
        snprintf(out, size, "%s", pattern);
        return;
    }
    snprintf(out, size, "%.*s%s%s", (int)(mark - pattern), pattern, value, mark + strlen(name));
}

bool indicators_english_label(const struct coop_config *config, const char *key, char *label,
                              size_t size, const char **unit)
{
    const struct indicator_definition *suffix;
    const struct indicator_definition *found = indicators_explain(key, &suffix);
    if (!found)
        return false;
    /* The sector's label: CODE is the one segment where key and pattern differ. */
    const char *sector_label = "";
    const char *code_mark = strstr(found->pattern, "CODE");
    if (code_mark) {
        const char *code = key + (code_mark - found->pattern);
        size_t length = strcspn(code, ".");
        for (size_t s = 0; config && s < config->sector_count; s++)
            if (strlen(config->sectors[s].code) == length &&
                strncmp(config->sectors[s].code, code, length) == 0)
                sector_label = config->sectors[s].label;
    }
    char base[512];
    definition_fill(found->label_en, "{sector}", sector_label, base, sizeof base);
    if (suffix)
        definition_fill(suffix->label_en, "{label}", base, label, size);
    else
        snprintf(label, size, "%s", base);
    if (size > 0)
        text_trim_incomplete_utf8(label);
    *unit = suffix && suffix->unit_en ? suffix->unit_en : found->unit_en;
    return true;
}

const char *indicators_nearest_pattern(const char *key)
{
    const char *nearest = indicator_definitions[0].pattern;
    size_t best = (size_t)-1;
    for (size_t i = 0; i < DEFINITION_COUNT(indicator_definitions); i++) {
        size_t distance = text_edit_distance(key, indicator_definitions[i].pattern);
        if (distance < best) {
            best = distance;
            nearest = indicator_definitions[i].pattern;
        }
    }
    return nearest;
}

void indicators_add_totals(struct coop_totals *sum, const struct coop_totals *part)
{
    sum->coops += part->coops;
    sum->coops_new += part->coops_new;
    sum->coops_dissolved += part->coops_dissolved;
    sum->members += part->members;
    sum->workers += part->workers;
    sum->members_count += part->members_count;
    sum->workers_count += part->workers_count;
    sum->revenue_sum += part->revenue_sum;
    sum->revenue_count += part->revenue_count;
    sum->profit_sum += part->profit_sum;
    sum->profit_count += part->profit_count;
    if (__builtin_add_overflow(sum->income_weighted_sum, part->income_weighted_sum,
                               &sum->income_weighted_sum))
        sum->income_overflow = 1;
    sum->income_workers += part->income_workers;
    sum->income_overflow |= part->income_overflow;
    sum->market_access += part->market_access;
    sum->market_access_units += part->market_access_units;
    sum->groups += part->groups;
    sum->groups_files += part->groups_files;
}
