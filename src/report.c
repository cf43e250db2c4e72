/*
 * report — one run of the pipeline: config → read → compute → write.
 * See report.h.
 */
#include "coopreport/report.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "coopreport/config.h"
#include "coopreport/diag.h"
#include "coopreport/indicators.h"
#include "coopreport/interrupt.h"
#include "coopreport/ini_position.h"
#include "coopreport/provinces.h"
#include "coopreport/quality.h"
#include "coopreport/records.h"
#include "coopreport/report_run.h"
#include "coopreport/template.h"
#include "coopreport/text.h"
#include "coopreport/workbook.h"

/* How many problems are printed before the rest are only counted. */
#define REPORT_DIAGNOSTIC_LIMIT 100

/* The last day of the 63-province list: reports whose period ends later use
 * the 34 provinces. */
#define PROVINCES_MERGER_DATE 20250701


/* Exit statuses grow with gravity: data < usage < I/O. */
static int report_worst(int a, int b)
{
    return a > b ? a : b;
}

/* --- placeholders --------------------------------------------------------------- */

struct placeholder_values {
    const struct report_run *run;
    char buffers[6][256];
};

static const char *report_lookup_placeholder(const char *name, void *context);

static const char *report_period_label(const struct report_run *run)
{
    if (template_is_english(&run->layout))
        return run->config.period == PERIOD_H1 ? "first half of" : "year";
    return run->config.period == PERIOD_H1 ? "6 tháng đầu năm" : "năm";
}

/* "Bắc Ninh, ngày 08 tháng 7 năm 2024": days below 10 and months 1 and 2
 * take a leading zero (the administrative-document rule). In English the
 * month is spelled out, "Bắc Ninh, 8 July 2024": 08/07 reads as 7 August
 * to many English readers. */
static void report_date_line(const struct report_run *run, char *buffer, size_t size,
                             const char *place, coop_date date)
{
    static const char *const months[] = {"January", "February", "March", "April", "May", "June",
                                         "July", "August", "September", "October", "November",
                                         "December"};
    int month = date_month(date);
    if (template_is_english(&run->layout) && month >= 1 && month <= 12)
        snprintf(buffer, size, "%s, %d %s %d", place, date_day(date), months[month - 1],
                 date_year(date));
    else
        snprintf(buffer, size, "%s, ngày %02d tháng %s%d năm %d", place, date_day(date),
                 month <= 2 ? "0" : "", month, date_year(date));
}

static const char *report_lookup_placeholder(const char *name, void *context)
{
    struct placeholder_values *values = context;
    const struct report_run *run = values->run;
    const struct coop_province *province = run->province;
    const struct coop_config *config = &run->config;
    if (strcmp(name, "province") == 0)
        return province ? province->name : "";
    if (strcmp(name, "province_code") == 0)
        return province ? province->code : "";
    if (strcmp(name, "province_slug") == 0)
        return province ? province->slug : "";
    if (strcmp(name, "province_name_en") == 0)
        return province ? province->name_en : "";
    if (strcmp(name, "province_full_name") == 0)
        return province ? province->full_name : "";
    if (strcmp(name, "province_type") == 0)
        return province ? province->type : "";
    if (strcmp(name, "province_type_en") == 0)
        return province ? province->type_en : "";
    if (strcmp(name, "year") == 0) {
        snprintf(values->buffers[0], sizeof values->buffers[0], "%d", config->year);
        return values->buffers[0];
    }
    if (strcmp(name, "prev_year") == 0) {
        snprintf(values->buffers[1], sizeof values->buffers[1], "%d", config->year - 1);
        return values->buffers[1];
    }
    if (strcmp(name, "period") == 0)
        return config->period == PERIOD_H1 ? "H1" : "FY";
    if (strcmp(name, "period_label") == 0)
        return report_period_label(run);
    if (strcmp(name, "date_line") == 0) {
        report_date_line(run, values->buffers[2], sizeof values->buffers[2],
                         province ? province->name : "", run->report_date);
        return values->buffers[2];
    }
    if (strcmp(name, "date") == 0) {
        snprintf(values->buffers[3], sizeof values->buffers[3], "%02d/%02d/%04d",
                 date_day(run->report_date), date_month(run->report_date),
                 date_year(run->report_date));
        return values->buffers[3];
    }
    if (strcmp(name, "organization") == 0)
        return run->organization ? run->organization : "";
    if (strcmp(name, "period_end") == 0) {
        coop_date first, last;
        config_period_range(config->period, config->year, &first, &last);
        snprintf(values->buffers[4], sizeof values->buffers[4], "%d/%d/%d", date_day(last),
                 date_month(last), date_year(last));
        return values->buffers[4];
    }
    return NULL;
}

char *report_expand(struct report_run *run, const char *pattern, const char *what)
{
    struct placeholder_values values = {.run = run};
    char *unknown = NULL;
    char *expanded = text_expand_placeholders(pattern, report_lookup_placeholder, &values, &unknown);
    if (!expanded) {
        if (unknown)
            diag_error(&run->diagnostics, run->config.path, 0, 0, NULL,
                       "unknown placeholder '{%s}' in %s", unknown, what);
        else
            diag_error(&run->diagnostics, run->config.path, 0, 0, NULL,
                       "cannot expand the placeholders of %s", what);
    }
    free(unknown);
    return expanded;
}

/* --- set-up ---------------------------------------------------------------------- */

static coop_date report_today(void)
{
    time_t now = time(NULL);
    struct tm local;
    if (!localtime_r(&now, &local))
        return date_make(2000, 1, 1);
    return date_make(local.tm_year + 1900, local.tm_mon + 1, local.tm_mday);
}

static int report_load_provinces(struct report_run *run)
{
    const struct coop_config *config = &run->config;
    coop_date first, last;
    config_period_range(config->period, config->year, &first, &last);
    const char *list = config->provinces ? config->provinces
                                         : (last < PROVINCES_MERGER_DATE ? "63" : "34");
    char *path;
    if (strcmp(list, "63") == 0 || strcmp(list, "34") == 0) {
        char name[32];
        snprintf(name, sizeof name, "provinces-%s.csv", list);
        path = config_find_shared_file("data", name);
        if (!path) {
            diag_error(&run->diagnostics, config->path, 0, 0, NULL,
                       "the shipped province list '%s' was not found (is the tool installed "
                       "with its data folder?)", name);
            return COOP_EXIT_USAGE;
        }
    } else {
        path = text_duplicate(list);
    }
    int status = provinces_load(path, &run->provinces, &run->diagnostics);
    free(path);
    /* Data coded with the 63 old provinces is reported under the 34 new ones. */
    if (status == 0 && strcmp(list, "34") == 0) {
        path = config_find_shared_file("data", "provinces-63.csv");
        if (path && provinces_load(path, &run->former_provinces, &run->diagnostics) == 0)
            run->has_former_provinces = true;
        free(path);
    }
    return status;
}

static int report_load_template(struct report_run *run)
{
    const struct coop_config *config = &run->config;
    const char *name = config->template_name ? config->template_name
                       : config->period == PERIOD_H1 ? "bao-cao-6-thang" : "bao-cao-nam";
    char *path;
    if (strchr(name, '/')) {
        path = text_duplicate(name);
    } else {
        char file[256];
        snprintf(file, sizeof file, "%s.ini", name);
        path = config_find_shared_file("templates", file);
        if (!path) {
            diag_error(&run->diagnostics, config->path,
                       ini_locate_line(config->path, "report", "template"), 0, NULL,
                       "no shipped template named '%s' (see the templates folder)", name);
            return COOP_EXIT_USAGE;
        }
    }
    int status = template_load(path, &run->layout, &run->diagnostics);
    free(path);
    if (status == COOP_EXIT_IO && config->template_name)
        diag_report(&run->diagnostics, DIAG_NOTE, config->path,
                    ini_locate_line(config->path, "report", "template"), 0, NULL,
                    "[report] template names it");
    if (status == 0)
        status = workbook_check_template(&run->layout, config, &run->diagnostics);
    return status;
}

/* A plan or target bound of an indicator counted in whole units must be a
 * whole number: "1.234" written for 1 234 HTX (the Vietnamese way, beside
 * [csv] decimal = ",") would otherwise be 1.234 HTX and a TH/KH 1000 times
 * too large, with no warning. */
static bool report_check_whole_number(struct report_run *run, const char *section,
                                      const char *key, const char *indicator, double value,
                                      const char *text)
{
    const char *unit = indicators_count_unit(&run->config, indicator);
    bool grouped = text && config_number_is_grouped(text, '.');
    const char *path = run->config.path;
    if (!unit && grouped) {
        /* An amount may have decimals: "2.000" is a doubt, not an error. */
        diag_warning(&run->diagnostics, path, ini_locate_line(path, section, key), 0, NULL,
                     "[%s] %s: %s is read as %g, with '.' as the decimal point: if thousands are "
                     "meant, write them without a separator (numbers in the config use '.' for "
                     "decimals and no thousands separator, whatever [csv] decimal says)",
                     section, key, text, value);
        return true;
    }
    if (!unit || (value == floor(value) && !grouped))
        return true;
    long line = ini_locate_line(path, section, key);
    if (grouped) {
        /* "1.000" is 1 HTX, whole but as surely meant as 1 000. */
        char whole[64];
        size_t length = 0;
        for (const char *p = text; *p && length + 1 < sizeof whole; p++)
            if (*p != '.')
                whole[length++] = *p;
        whole[length] = '\0';
        char reading[64] = "";
        if (value == floor(value))
            snprintf(reading, sizeof reading, ", or %.0f if %.0f is meant", value, value);
        diag_error(&run->diagnostics, path, line, 0, NULL, "[%s] %s: %s is read as %g %s, not a "
                   "thousands-separated number: write %s without a separator if %s %s is "
                   "meant%s (numbers in the config use '.' for decimals and no thousands "
                   "separator, whatever [csv] decimal says)", section, key, text, value, unit,
                   whole, whole, unit, reading);
    } else {
        diag_error(&run->diagnostics, path, line, 0, NULL, "[%s] %s: %s is not a whole number "
                   "of %s ('%s' is counted in whole %s)", section, key, text, unit, indicator,
                   unit);
    }
    return false;
}

/* Checks what config_load cannot know alone: keys of [plan] and targets name
 * indicators, sector codes make valid defined names. */
static int report_check_config(struct report_run *run)
{
    const struct coop_config *config = &run->config;
    int status = 0;
    for (size_t s = 0; s < config->sector_count; s++) {
        const char *code = config->sectors[s].code;
        bool valid = *code && strlen(code) <= 64;
        for (const char *p = code; *p; p++)
            if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_'))
                valid = false;
        if (!valid) {
            diag_error(&run->diagnostics, config->path, 0, 0, "sectors",
                       "sector code '%s' must be 1 to 64 of a-z, 0-9 and '_' (it becomes part "
                       "of indicator names such as coops.sector.%s)", code, code);
            status = COOP_EXIT_USAGE;
        }
    }
    if (status != 0)
        return status;
    for (size_t i = 0; i < config->plan_count; i++) {
        const char *key = config->plan[i].key;
        if (indicators_key_is_known(config, key)) {
            if (!report_check_whole_number(run, "plan", key, key, config->plan[i].value,
                                           config->plan[i].text))
                status = COOP_EXIT_USAGE;
            continue;
        }
        diag_error(&run->diagnostics, config->path, ini_locate_line(config->path, "plan", key), 0,
                   NULL, "[plan] %s: unknown indicator '%s'; did you mean '%s'? "
                   "(coopreport --list-indicators lists them all)",
                   key, key, indicators_nearest_pattern(key));
        status = COOP_EXIT_USAGE;
    }
    for (size_t t = 0; t < config->target_count; t++) {
        const struct coop_target *target = &config->targets[t];
        char section[256];
        snprintf(section, sizeof section, "target.%s", target->name);
        if (indicators_key_is_known(config, target->indicator)) {
            if (target->has_min && !report_check_whole_number(run, section, "min",
                                                              target->indicator, target->min,
                                                              target->min_text))
                status = COOP_EXIT_USAGE;
            if (target->has_max && !report_check_whole_number(run, section, "max",
                                                              target->indicator, target->max,
                                                              target->max_text))
                status = COOP_EXIT_USAGE;
            continue;
        }
        diag_error(&run->diagnostics, config->path, ini_locate_line(config->path, section, "indicator"),
                   0, NULL, "[%s] indicator: unknown indicator '%s'; did you mean '%s'? "
                   "(coopreport --list-indicators lists them all)",
                   section, target->indicator, indicators_nearest_pattern(target->indicator));
        status = COOP_EXIT_USAGE;
    }
    return status;
}

void report_note_merged_province(struct report_run *run, const char *wanted,
                                 const struct coop_province *province, bool *noted)
{
    if (!province || !run->has_former_provinces || provinces_find(&run->provinces, wanted))
        return;
    const struct coop_province *old = provinces_find(&run->former_provinces, wanted);
    if (!old)
        return;
    size_t index = (size_t)(old - run->former_provinces.items);
    if (noted && noted[index])
        return;
    if (noted)
        noted[index] = true;
    char *query = text_trim_copy(wanted);
    bool by_code = query && *query && strspn(query, "0123456789") == strlen(query);
    diag_report(&run->diagnostics, DIAG_NOTE, NULL, 0, 0, NULL,
                "province %s (%s in the %zu-province list) was merged into %s %s on 1 July "
                "2025: reporting %s", query ? query : wanted, by_code ? old->name : old->code,
                run->former_provinces.count, province->code, province->name, province->code);
    free(query);
}

static int report_select_province(struct report_run *run)
{
    const char *wanted = run->options->province ? run->options->province : run->config.province;
    if (!wanted || !*wanted) {
        diag_error(&run->diagnostics, run->config.path, 0, 0, NULL,
                   "no province: set [report] province or use -p CODE");
        return COOP_EXIT_USAGE;
    }
    run->province = provinces_resolve(&run->provinces,
                                      run->has_former_provinces ? &run->former_provinces : NULL,
                                      wanted, NULL);
    report_note_merged_province(run, wanted, run->province, NULL);
    if (!run->province) {
        const struct coop_province *nearest =
            provinces_nearest(&run->provinces,
                              run->has_former_provinces ? &run->former_provinces : NULL, wanted);
        diag_error(&run->diagnostics, run->config.path, 0, 0, NULL,
                   "unknown province '%s' (not a code or name in %s)%s%s%s", wanted,
                   run->provinces.path ? run->provinces.path : "the province list",
                   nearest ? "; did you mean '" : "", nearest ? nearest->name : "",
                   nearest ? "'?" : "");
        return COOP_EXIT_USAGE;
    }
    return 0;
}

const char *report_input_path(const struct coop_config *config, enum report_input input)
{
    switch (input) {
    case INPUT_COOPS: return config->coops_path;
    case INPUT_GROUPS: return config->groups_path;
    case INPUT_PREVIOUS_COOPS: return config->previous_coops_path;
    case INPUT_PREVIOUS_GROUPS: return config->previous_groups_path;
    case INPUT_COUNT: break;
    }
    return NULL;
}

struct records_options report_input_options(const struct report_run *run, enum report_input input)
{
    struct records_options options = {
        .config = &run->config,
        .groups = input == INPUT_GROUPS || input == INPUT_PREVIOUS_GROUPS,
        .previous_year = input == INPUT_PREVIOUS_COOPS || input == INPUT_PREVIOUS_GROUPS,
        .provinces = &run->provinces,
        .former_provinces = run->has_former_provinces ? &run->former_provinces : NULL,
        .province_code = run->province ? run->province->code : NULL,
    };
    return options;
}

static int report_read_inputs(struct report_run *run)
{
    int status = 0;
    for (int input = 0; input < INPUT_COUNT; input++) {
        if (!run->input_paths[input])
            continue;
        struct records_options options = report_input_options(run, (enum report_input)input);
        status = report_worst(status, run->loader(run->input_paths[input], &options,
                                                  &run->inputs[input], &run->diagnostics));
    }
    return status;
}

static size_t report_rejected_rows(const struct report_run *run)
{
    size_t rejected = 0;
    for (int input = 0; input < INPUT_COUNT; input++)
        rejected += run->inputs[input].rejected_count;
    return rejected;
}

void report_count_rows(const struct coop_dataset *dataset, coop_date period_last,
                       size_t *counted, size_t *listed)
{
    *counted = 0;
    for (size_t i = 0; i < dataset->count; i++)
        *counted += record_is_operating(&dataset->records[i], period_last);
    *listed = dataset->count - *counted;
}

void report_print_accounting(const char *file, const struct row_accounting *rows)
{
    fprintf(stderr, "%s: read %llu rows = counted %llu + listed %llu + rejected %llu + skipped %llu\n",
            file, (unsigned long long)rows->read, (unsigned long long)rows->counted,
            (unsigned long long)rows->listed, (unsigned long long)rows->rejected,
            (unsigned long long)rows->skipped);
    if (rows->mapped)
        fprintf(stderr, "%s: mapped %llu rows coded with an old province to the province it was "
                        "merged into\n", file, (unsigned long long)rows->mapped);
}

/* "FILE: read R rows = counted C + listed L + rejected X + skipped S": every
 * row read is accounted for. */
static void report_print_summary(const struct report_run *run, const struct coop_dataset *dataset,
                                 coop_date period_last)
{
    if (!dataset->header)
        return; /* never read: its error says why */
    size_t counted, listed;
    report_count_rows(dataset, period_last, &counted, &listed);
    struct row_accounting rows = {dataset->rows_read, counted, listed, dataset->rejected_count,
                                  dataset->rows_other_province, dataset->rows_mapped};
    report_print_accounting(dataset->file, &rows);
    if (dataset->read_stopped)
        fprintf(stderr, "%s: the error above stopped the reading: the rows after it were not "
                        "read, nor counted here\n", dataset->file);
    if (run->options->verbose)
        fprintf(stderr, "%s: counted = operating on the period's last day; listed = dissolved or "
                        "founded after it; skipped = rows of other provinces\n", dataset->file);
}

/* --- output ---------------------------------------------------------------------- */

static void report_print_number(FILE *out, const struct indicator *figure)
{
    if (!figure->has_value)
        return;
    double value = figure->value;
    if (value == (double)(long long)value && value > -1e15 && value < 1e15)
        fprintf(out, "%lld", (long long)value);
    else
        fprintf(out, "%.15g", value);
}

static void report_print_csv_text(FILE *out, const char *text)
{
    if (!strpbrk(text, ",\"\r\n")) {
        fputs(text, out);
        return;
    }
    fputc('"', out);
    for (const char *p = text; *p; p++) {
        if (*p == '"')
            fputc('"', out);
        fputc(*p, out);
    }
    fputc('"', out);
}

static void report_print_json_text(FILE *out, const char *text)
{
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(out, "\\%c", *p);
        else if (*p < 0x20)
            fprintf(out, "\\u%04x", *p);
        else
            fputc(*p, out);
    }
    fputc('"', out);
}

void report_print_indicators(const struct indicator_set *set, enum indicators_output format)
{
    if (format == INDICATORS_CSV) {
        fputs("key,value,unit,label\n", stdout);
        for (size_t i = 0; i < set->count; i++) {
            const struct indicator *figure = &set->items[i];
            fprintf(stdout, "%s,", figure->key);
            report_print_number(stdout, figure);
            fputc(',', stdout);
            report_print_csv_text(stdout, figure->unit);
            fputc(',', stdout);
            report_print_csv_text(stdout, figure->label);
            fputc('\n', stdout);
        }
    } else if (format == INDICATORS_JSON) {
        fputs("{", stdout);
        for (size_t i = 0; i < set->count; i++) {
            const struct indicator *figure = &set->items[i];
            fputs(i ? ",\n  " : "\n  ", stdout);
            report_print_json_text(stdout, figure->key);
            fputs(": ", stdout);
            if (figure->has_value)
                report_print_number(stdout, figure);
            else
                fputs("null", stdout);
        }
        fputs("\n}\n", stdout);
    }
    fflush(stdout);
}

/* mkdir -p of the folder that will hold `path`. */
int report_create_folder(struct report_run *run, const char *path)
{
    char *folder = text_duplicate(path);
    if (!folder)
        return COOP_EXIT_IO;
    char *slash = strrchr(folder, '/');
    int status = 0;
    if (slash && slash != folder) {
        *slash = '\0';
        for (char *p = folder + 1; status == 0; p++) {
            if (*p != '/' && *p != '\0')
                continue;
            char saved = *p;
            *p = '\0';
            if (mkdir(folder, 0777) != 0 && errno != EEXIST) {
                diag_error(&run->diagnostics, folder, 0, 0, NULL,
                           "cannot create the output folder: %s", strerror(errno));
                status = COOP_EXIT_IO;
            }
            *p = saved;
            if (saved == '\0')
                break;
        }
    }
    free(folder);
    return status;
}

/* Refuses an output path that is one of the run's files (an input, the config,
 * the template): the workbook would destroy it. Files are compared by device
 * and inode, which sees through "./", "..", symbolic and hard links. Returns 0
 * or COOP_EXIT_USAGE after reporting. */
int report_check_output_path(struct report_run *run, const char *output_path)
{
    struct stat output;
    if (stat(output_path, &output) != 0)
        return 0;   /* not there yet: it cannot be an input, which exists */
    const char *files[INPUT_COUNT + 2];
    const char *what[INPUT_COUNT + 2];
    size_t count = 0;
    for (int input = 0; input < INPUT_COUNT; input++) {
        files[count] = report_input_path(&run->config, (enum report_input)input);
        what[count++] = "an input file";
    }
    files[count] = run->config.path;
    what[count++] = "the configuration";
    files[count] = run->layout.path;
    what[count++] = "the template";
    for (size_t i = 0; i < count; i++) {
        struct stat other;
        if (files[i] && stat(files[i], &other) == 0 && other.st_dev == output.st_dev &&
            other.st_ino == output.st_ino) {
            diag_error(&run->diagnostics, run->config.path, 0, 0, NULL,
                       "the output path '%s' is %s ('%s'): writing the workbook would destroy "
                       "it; choose another output path", output_path, what[i], files[i]);
            return COOP_EXIT_USAGE;
        }
    }
    return 0;
}

/* The output path with its placeholders expanded, into run->output_path.
 * Returns 0 or an exit status after reporting. */
static int report_resolve_output(struct report_run *run)
{
    if (run->output_path)
        return 0;
    const char *pattern = run->options->output_path ? run->options->output_path
                                                    : run->config.output_path;
    if (!pattern) {
        diag_error(&run->diagnostics, run->config.path, 0, 0, NULL,
                   "no output path: set [output] path or use -o PATH");
        return COOP_EXIT_USAGE;
    }
    run->output_path = report_expand(run, pattern, "the output path");
    if (!run->output_path)
        return COOP_EXIT_USAGE;
    return report_check_output_path(run, run->output_path);
}

static int report_write(struct report_run *run)
{
    int status = report_resolve_output(run);
    if (status != 0)
        return status;
    status = report_create_folder(run, run->output_path);
    if (status == 0)   /* again: "new/../data.csv" only resolves once new/ exists */
        status = report_check_output_path(run, run->output_path);
    if (status != 0)
        return status;
    interrupt_remove_stale_beside(run->output_path);
    run->placeholders = calloc(1, sizeof *run->placeholders);
    if (!run->placeholders)
        return COOP_EXIT_IO;
    run->placeholders->run = run;
    struct workbook_content content = {
        .config = &run->config,
        .layout = &run->layout,
        .lookup = report_lookup_placeholder,
        .lookup_context = run->placeholders,
        .province = run->province,
        .organization = run->organization,
        .report_date = run->report_date,
        .indicators = &run->indicators,
        .targets = run->targets,
        .coops = &run->inputs[INPUT_COOPS],
        .groups = run->input_paths[INPUT_GROUPS] ? &run->inputs[INPUT_GROUPS] : NULL,
        .previous_coops = run->input_paths[INPUT_PREVIOUS_COOPS] ? &run->inputs[INPUT_PREVIOUS_COOPS]
                                                                 : NULL,
        .previous_groups = run->input_paths[INPUT_PREVIOUS_GROUPS]
                               ? &run->inputs[INPUT_PREVIOUS_GROUPS] : NULL,
        .tool_version = COOPREPORT_VERSION,
        .keep_empty_sectors = run->config.keep_empty_sectors,
    };
    status = workbook_write(run->output_path, &content, &run->diagnostics);
    run->written = status == 0;
    if (status == 0 && !run->options->quiet)
        fprintf(stderr, "wrote %s\n", run->output_path);
    return status;
}

static int report_compute(struct report_run *run)
{
    struct indicator_inputs inputs = {
        .config = &run->config,
        .coops = &run->inputs[INPUT_COOPS],
        .groups = run->input_paths[INPUT_GROUPS] ? &run->inputs[INPUT_GROUPS] : NULL,
        .previous_coops = run->input_paths[INPUT_PREVIOUS_COOPS] ? &run->inputs[INPUT_PREVIOUS_COOPS] : NULL,
        .previous_groups = run->input_paths[INPUT_PREVIOUS_GROUPS] ? &run->inputs[INPUT_PREVIOUS_GROUPS] : NULL,
    };
    run->targets = calloc(run->config.target_count + 1, sizeof *run->targets);
    if (!run->targets || indicators_compute(&inputs, &run->indicators) != 0 ||
        indicators_evaluate_targets(&inputs, run->targets) != 0) {
        diag_error(&run->diagnostics, NULL, 0, 0, NULL, "out of memory computing the indicators");
        return COOP_EXIT_IO;
    }
    return 0;
}

int report_prepare(struct report_run *run)
{
    int status = config_load(run->options->config_path, &run->config, &run->diagnostics);
    if (status != 0)
        return status;
    run->report_date = run->config.date ? run->config.date : report_today();
    for (int input = 0; input < INPUT_COUNT; input++)
        run->input_paths[input] = report_input_path(&run->config, (enum report_input)input);
    run->loader = records_load;
    status = report_load_provinces(run);
    if (status == 0)
        status = report_check_config(run);
    if (status == 0)
        status = report_load_template(run);
    return status;
}

/* A report of zero cooperatives is allowed (a new province, say) but is
 * almost always a wrong file or a wrong province code: say so (a batch only
 * runs the provinces it found). */
static void report_warn_empty(struct report_run *run)
{
    const struct coop_dataset *coops = &run->inputs[INPUT_COOPS];
    if (run->quiet_summary || !coops->header || coops->count + coops->rejected_count > 0)
        return;
    if (coops->rows_read == 0)
        diag_warning(&run->diagnostics, coops->file, 0, 0, NULL,
                     "no data rows under the header: the report counts no cooperatives");
    else
        diag_warning(&run->diagnostics, coops->file, 0, 0, NULL,
                     "none of its %zu rows is of province %s %s (all skipped as other provinces): "
                     "the report counts no cooperatives; check [report] province or -p",
                     coops->rows_read, run->province->code, run->province->name);
}

int report_province(struct report_run *run)
{
    const char *organization = run->config.organization ? run->config.organization
                               : template_is_english(&run->layout) ? CONFIG_DEFAULT_ORGANIZATION_EN
                                                                   : CONFIG_DEFAULT_ORGANIZATION;
    run->written = false;
    run->organization = report_expand(run, organization, "[report] organization");
    if (!run->organization)
        return COOP_EXIT_USAGE;
    /* An output path that would overwrite an input is refused before the
     * inputs are even read (--check reports it too, when a path is set). */
    int status = 0;
    if (!run->options->check || run->options->output_path || run->config.output_path)
        status = report_resolve_output(run);
    if (status != 0)
        return status;

    status = report_read_inputs(run);
    if (status != 0)
        return status;
    report_warn_empty(run);
    size_t quality_warnings = 0;
    if (run->options->check && !run->options->quiet && !run->quiet_summary)
        quality_warnings = quality_print_report(run, stderr);
    else if (!run->quiet_summary)
        quality_warnings = quality_print_decimal_warnings(run, stderr);
    size_t rejected = report_rejected_rows(run);
    if (rejected && (run->options->check || !run->options->keep_going)) {
        if (!run->options->check)
            diag_report(&run->diagnostics, DIAG_NOTE, NULL, 0, 0, NULL,
                        "%zu row%s rejected: no workbook written for %s (fix the rows, or use "
                        "--keep-going to list them in the workbook)",
                        rejected, rejected == 1 ? "" : "s", run->province->name);
        return COOP_EXIT_DATA;
    }
    status = report_compute(run);
    if (status != 0)
        return status;
    report_print_indicators(&run->indicators, run->options->indicators);
    if (run->options->check) {
        if (!run->options->quiet && !run->quiet_summary)
            fprintf(stderr, quality_warnings ? "check: no errors, but %zu warning%s in the data-"
                            "quality report above: read %s; nothing written\n"
                            : "check: no problems found; nothing written\n",
                    quality_warnings, quality_warnings == 1 ? "" : "s",
                    quality_warnings == 1 ? "it" : "them");
        return 0;
    }
    status = report_write(run);
    if (status == 0 && rejected) {
        /* The workbook is complete, but its figures leave rows out: a script
         * running the tool must see it (SPEC §2: 1 = rows rejected). */
        diag_report(&run->diagnostics, DIAG_NOTE, NULL, 0, 0, NULL,
                    "%zu row%s rejected and listed in the sheet '%s' of %s; the figures leave "
                    "them out",
                    rejected, rejected == 1 ? "" : "s", run->layout.rejected_sheet, run->output_path);
        return COOP_EXIT_DATA;
    }
    return status;
}

static void report_print_summaries(struct report_run *run)
{
    coop_date first, last;
    config_period_range(run->config.period, run->config.year, &first, &last);
    for (int input = 0; input < INPUT_COUNT; input++)
        report_print_summary(run, &run->inputs[input],
                             input >= INPUT_PREVIOUS_COOPS ? last - 10000 : last);
}

void report_release(struct report_run *run, bool province_only)
{
    free(run->targets);
    run->targets = NULL;
    indicators_release(&run->indicators);
    for (int input = 0; input < INPUT_COUNT; input++)
        records_release(&run->inputs[input]);
    free(run->organization);
    run->organization = NULL;
    free(run->output_path);
    run->output_path = NULL;
    free(run->placeholders);
    run->placeholders = NULL;
    if (province_only)
        return;
    diag_release(&run->diagnostics);
    provinces_release(&run->provinces);
    provinces_release(&run->former_provinces);
    template_release(&run->layout);
    config_release(&run->config);
}

int report_run(const struct cli_options *options)
{
    struct report_run run = {.options = options};
    /* A signal removes the workbook being written and ends the run at once
     * (a batch records it instead, to stop its workers and clean up). */
    interrupt_install(INTERRUPT_EXIT_SAYING);
    diag_init(&run.diagnostics, REPORT_DIAGNOSTIC_LIMIT);
    int status = report_prepare(&run);
    const char *wanted = options->province ? options->province : run.config.province;
    if (status == 0 && batch_is_requested(wanted)) {
        status = batch_run(&run, wanted);
        report_release(&run, false);
        interrupt_restore();
        return status;
    }
    if (status == 0)
        status = report_select_province(&run);
    if (status == 0)
        status = report_province(&run);
    diag_print(&run.diagnostics, stderr);
    if (!options->quiet && run.config.year)
        report_print_summaries(&run);
    report_release(&run, false);
    interrupt_restore();
    return status;
}
