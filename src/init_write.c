/*
 * init_write — the commented configuration `coopreport init` prints: every
 * guess marked, every unmapped header listed. See init.c for the guessing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coopreport/init_guess.h"
#include "coopreport/init_state.h"
#include "coopreport/text.h"

/* --- writing ---------------------------------------------------------------------- */

/* Writes an INI value, quoted when it holds ';' or '#' (iniparser would read
 * a comment) or a quote at its start. False when it cannot be written: a
 * value that needs quotes and holds a '"' too. */
static bool init_put_value(FILE *out, const char *text)
{
    if (!strpbrk(text, ";#") && text[0] != '"') {
        fputs(text, out);
        return true;
    }
    if (strchr(text, '"'))
        return false;
    fprintf(out, "\"%s\"", text);
    return true;
}

static void init_put_entry(FILE *out, const char *key, const char *value, const char *comment)
{
    fprintf(out, "%-15s = ", key);
    if (!init_put_value(out, value))
        fputs("?", out);
    if (comment && *comment)
        fprintf(out, "    ; %s", comment);
    fputc('\n', out);
}

static const char *init_delimiter_text(char delimiter)
{
    return delimiter == ';' ? "\";\"" : delimiter == '\t' ? "tab" : "\",\"";
}

static void init_write_report(struct init_state *state, FILE *out, FILE *err)
{
    coop_date first, last;
    config_period_range((enum coop_period)state->period, state->year, &first, &last);
    bool merged = last >= 20250701;
    const struct coop_province_list *current = merged ? &state->provinces_34 : &state->provinces_63;
    const struct coop_province_list *former = merged ? &state->provinces_63 : NULL;
    size_t *counts = calloc(current->count + 1, sizeof *counts);
    size_t total = 0, unknown = 0, provinces = 0, best = SIZE_MAX;
    const char *unknown_example = NULL;
    const struct init_file *coops = &state->files[0];
    for (size_t i = 0; counts && i < coops->provinces.count; i++) {
        const struct init_value *value = &coops->provinces.items[i];
        const struct coop_province *province = provinces_resolve(current, former, value->text, NULL);
        total += value->count;
        if (!province) {
            unknown += value->count;
            unknown_example = unknown_example ? unknown_example : value->text;
            continue;
        }
        counts[province - current->items] += value->count;
    }
    for (size_t p = 0; counts && p < current->count; p++) {
        provinces += counts[p] > 0;
        if (counts[p] && (best == SIZE_MAX || counts[p] > counts[best]))
            best = p;
    }
    fputs("[report]\n", out);
    char comment[400];
    if (best != SIZE_MAX) {
        snprintf(comment, sizeof comment, "guess: %s, the province of %zu of %zu rows", 
                 current->items[best].name, counts[best], total);
        init_put_entry(out, "province", current->items[best].code, comment);
        if (provinces > 1)
            fprintf(out, "; the file holds rows of %zu provinces: rows of the others are skipped "
                         "and counted; province = all makes one workbook per province\n",
                    provinces);
    } else {
        fprintf(out, "; province =       ; TODO: %s; write the code of your province (see the "
                     "province list, data/provinces-%s.csv)\n",
                coops->field_column[FIELD_PROVINCE] < 0 ? "the file has no province column"
                                                        : "no cell names a known province",
                merged ? "34" : "63");
        fprintf(err, "coopreport: warning: no province found in the data: set [report] province "
                     "in the config, or run with -p CODE\n");
    }
    if (unknown)
        fprintf(out, "; %zu rows name no known province (such as '%s'): they will be rejected\n",
                unknown, unknown_example);
    free(counts);
    char year[8];
    snprintf(year, sizeof year, "%d", state->year);
    init_put_entry(out, "year", year, state->period_reason);
    init_put_entry(out, "period", state->period == PERIOD_H1 ? "H1" : "FY",
                   "guess: H1 = 6 tháng đầu năm (1/1–30/6), FY = cả năm (1/1–31/12)");
    fputs("; date         = YYYY-MM-DD    ; the date printed on the form; default: the day of "
          "the run\n"
          "; organization = " CONFIG_DEFAULT_ORGANIZATION "    ; the default\n", out);
    fprintf(out, "; provinces    = %s            ; default: 63 for periods ending before 1 July "
                 "2025, 34 after\n", merged ? "34" : "63");
    fprintf(out, "; template     = %s     ; the default for %s\n\n",
            state->period == PERIOD_H1 ? "bao-cao-6-thang" : "bao-cao-nam",
            state->period == PERIOD_H1 ? "H1" : "FY");
}

static void init_write_input(struct init_state *state, FILE *out)
{
    fputs("[input]\n"
          "; absolute paths, so that this file runs from wherever it is saved (a relative path\n"
          "; would be read from this file's own folder)\n", out);
    static const char *const keys[] = {"coops", "groups"};
    for (size_t f = 0; f < state->file_count; f++) {
        char *absolute = realpath(state->files[f].path, NULL);
        init_put_entry(out, keys[f], absolute ? absolute : state->files[f].path, NULL);
        free(absolute);
    }
    if (state->file_count < 2)
        fputs("; groups          = THT.csv     ; the cooperative groups (tổ hợp tác), optional\n",
              out);
    fputs("; previous_coops  = HTX-LAST-YEAR.csv   ; the same period last year, for TH/cùng kỳ\n"
          "; previous_groups = THT-LAST-YEAR.csv\n\n", out);
}

/* How `example` ("4.285") reads with `decimal`: "4285 (thousands)" or
 * "4.285 (a decimal)". */
static const char *init_decimal_meaning(const char *example, char decimal, char *meaning,
                                        size_t size)
{
    size_t out = 0;
    bool grouping = false;
    for (const char *p = example; *p && out + 1 < size; p++) {
        if (*p == '.' || *p == ',') {
            grouping = *p != decimal;
            if (grouping)
                continue;
            meaning[out++] = '.';
        } else {
            meaning[out++] = *p;
        }
    }
    meaning[out] = '\0';
    snprintf(meaning + out, size - out, grouping ? " (thousands)" : " (a decimal)");
    return meaning;
}

/* [csv] header_line when a file has a title above its header. The key is
 * one for every file: a file whose header is on another line is named, with
 * what to do. */
static void init_write_header_line(const struct init_state *state, FILE *out, FILE *err)
{
    const struct init_file *titled = NULL;
    for (size_t f = 0; f < state->file_count && !titled; f++)
        if (state->files[f].header_index > 0)
            titled = &state->files[f];
    if (!titled)
        return;
    long line = titled->header_line;
    fprintf(out, "%-15s = %ld    ; the header of %s is on line %ld: the lines above it (a "
                 "title) are skipped\n", "header_line", line, titled->path, line);
    for (size_t f = 0; f < state->file_count; f++) {
        const struct init_file *file = &state->files[f];
        if (file->header_line == line)
            continue;
        fprintf(out, "; WARNING: the header of %s is on line %ld, not %ld: header_line is one "
                     "for every file; make the headers of the files start on the same line "
                     "(delete or add title lines), or the run stops at this file's header\n",
                file->path, file->header_line, line);
        fprintf(err, "coopreport: warning: %s: the header is on line %ld and that of %s on line "
                     "%ld: [csv] header_line = %ld is one for every file; move one header\n",
                file->path, file->header_line, titled->path, line, line);
    }
}

static void init_write_csv(struct init_state *state, FILE *out, FILE *err)
{
    const struct init_file *coops = &state->files[0];
    char delimiter = coops->delimiter;
    size_t dmy = 0, iso = 0, month_first = 0, serial = 0;
    const char *dmy_example = "", *iso_example = "";
    struct init_decimal_evidence numbers;
    memset(&numbers, 0, sizeof numbers);
    for (size_t f = 0; f < state->file_count; f++) {
        const struct init_file *file = &state->files[f];
        if (file->delimiter != delimiter)
            delimiter = 0;
        init_guess_merge_evidence(&numbers, &file->decimal);
        dmy += file->dmy_dates;
        iso += file->iso_dates;
        month_first += file->month_first_dates;
        serial += file->serial_dates;
        dmy_example = *dmy_example ? dmy_example : file->dmy_example;
        iso_example = *iso_example ? iso_example : file->iso_example;
    }
    fputs("[csv]\n", out);
    for (size_t f = 0; f < state->file_count; f++) {
        const struct init_file *file = &state->files[f];
        if (!file->bad_utf8_cells)
            continue;
        fprintf(out, "; WARNING: %zu cells of %s are not UTF-8 text (the first on line %ld): the "
                     "file was probably saved as Windows-1258, TCVN3 or VNI; save it as \"CSV "
                     "UTF-8\" (Excel) or UTF-8 (LibreOffice) and run init again\n",
                file->bad_utf8_cells, file->path, file->first_bad_line);
        fprintf(err, "coopreport: warning: %s: %zu cells are not UTF-8 text (first on line %ld); "
                     "save the file as UTF-8\n", file->path, file->bad_utf8_cells,
                file->first_bad_line);
    }
    char comment[300];
    if (delimiter && coops->delimiter_forced)
        snprintf(comment, sizeof comment, "the one that splits the header (line %ld) into "
                 "columns: the first line, a title, does not tell", coops->header_line);
    else if (delimiter)
        snprintf(comment, sizeof comment, "detected from the header line");
    else
        snprintf(comment, sizeof comment, "the files use different delimiters: each is detected "
                 "from its header line");
    fprintf(out, "%-15s = %s    ; %s\n", "delimiter", delimiter ? init_delimiter_text(delimiter)
                                                            : "auto", comment);
    struct init_decimal_guess decimal = init_guess_weigh_decimal(&numbers, delimiter);
    if (decimal.decided) {
        fprintf(out, "%-15s = \"%c\"    ; guess: %s\n", "decimal", decimal.decimal,
                decimal.reason);
    } else {
        /* A wrong separator reads every amount 1000 times too small or too
         * large and nothing fails: the clerk must look. */
        char other = decimal.decimal == ',' ? '.' : ',', meaning[64];
        const char *example = numbers.dots.cells ? numbers.dots.example
                                                 : numbers.commas.example;
        fprintf(out, "%-15s = \"%c\"    ; GUESS, NOT DECIDED: CHECK IT\n"
                     "; WARNING: no number proves the decimal separator; the hints weighed: %s.\n"
                     "; Look at an amount in the file: if '%s' means %s, keep decimal = \"%c\"; "
                     "otherwise write decimal = \"%c\".\n", "decimal", decimal.decimal,
                decimal.reason, example,
                init_decimal_meaning(example, decimal.decimal, meaning, sizeof meaning),
                decimal.decimal, other);
        fprintf(err, "coopreport: warning: the decimal separator is a guess (\"%c\"): no number "
                     "proves it; check [csv] decimal in the config before the first run\n",
                decimal.decimal);
    }
    const char *dates = dmy && iso ? "auto" : iso ? "iso" : dmy ? "dmy" : "auto";
    if (dmy && iso)
        snprintf(comment, sizeof comment, "guess: both %zu dates like '%s' and %zu like '%s'",
                 dmy, dmy_example, iso, iso_example);
    else if (dmy || iso)
        snprintf(comment, sizeof comment, "guess: %zu dates like '%s'", dmy ? dmy : iso,
                 dmy ? dmy_example : iso_example);
    else
        snprintf(comment, sizeof comment, "guess: no date was read; auto takes both forms");
    fprintf(out, "%-15s = %s    ; %s\n", "dates", dates, comment);
    init_write_header_line(state, out, err);
    if (month_first)
        fprintf(out, "; WARNING: %zu dates look month first (12/31/2024, US Excel): coopreport "
                     "reads day first; re-export them as dd/mm/yyyy or yyyy-mm-dd\n", month_first);
    if (serial)
        fprintf(out, "; WARNING: %zu date cells are bare numbers (Excel date serials such as "
                     "45123): format the column as a date in Excel and export again\n", serial);
    fputc('\n', out);
}

/* Excel's letters of a column (0 → "A", 26 → "AA"), into buffer (8 bytes). */
static const char *init_column_letters(size_t index, char *buffer)
{
    char reversed[8];
    size_t length = 0;
    for (size_t n = index + 1; n && length < sizeof reversed - 1; n = (n - 1) / 26)
        reversed[length++] = (char)('A' + (n - 1) % 26);
    for (size_t i = 0; i < length; i++)
        buffer[i] = reversed[length - 1 - i];
    buffer[length] = '\0';
    return buffer;
}

/* A field whose header is on several columns: left unmapped (the run refuses
 * a header it finds twice), with the columns and what to do. */
static void init_write_duplicated(const struct init_file *file, enum coop_field field,
                                  bool required, FILE *out, FILE *err)
{
    long first = file->duplicated_column[field];
    const char *header = file->columns[first].header;
    char columns[200] = "", letters[8];
    size_t length = 0;
    for (size_t i = 0; i < file->column_count && length < sizeof columns - 32; i++)
        if ((long)i == first || file->columns[i].same_as == first)
            length += (size_t)snprintf(columns + length, sizeof columns - length, "%s%zu (%s)",
                                       length ? " and " : "", i + 1,
                                       init_column_letters(i, letters));
    fprintf(out, "; %-13s = %s    ; NOT MAPPED: this header is on columns %s, and the run "
                 "cannot tell which holds the %s: rename one in the file (say '%s 2'), then "
                 "write here the header of the right one%s\n",
            config_field_name(field), header, columns, config_field_name(field), header,
            required ? "; REQUIRED: the run stops until then" : "; until then it is not reported");
    fprintf(err, "coopreport: warning: %s: the header '%s' is on columns %s: %s is left unmapped; "
                 "rename one of the columns in the file and map it in [%s.columns]\n",
            file->path, header, columns, config_field_name(field),
            file->groups ? "groups" : "coops");
}

/* A period as the summary line writes it: "H1 2024", "FY 2023", "2023". */
static const char *init_period_text(int year, int period, char *buffer, size_t size)
{
    snprintf(buffer, size, "%s%d", period == PERIOD_H1 ? "H1 " : period == PERIOD_FY ? "FY " : "",
             year);
    return buffer;
}

/* Why the column `better` was mapped rather than `worse`, both naming one
 * field (init_header_fit_compare's order), into buffer. */
static const char *init_fit_reason(const struct init_state *state,
                                   const struct init_column *better,
                                   const struct init_column *worse, char *buffer, size_t size)
{
    const struct init_header_fit *b = &better->fit, *w = &worse->fit;
    const char *field = config_field_name(b->field);
    char named[32], report[32];
    init_period_text(state->year, state->period, report, sizeof report);
    if (w->part && !b->part)
        snprintf(buffer, size, "'%s' names only a part or a variant of '%s' ('%s')",
                 worse->header, field, w->part);
    else if (w->period == INIT_PERIOD_OTHER && b->period == INIT_PERIOD_OTHER)
        snprintf(buffer, size, "neither names the report's period (%s); '%s' names a later one",
                 report, better->header);
    else if (w->period == INIT_PERIOD_OTHER)
        snprintf(buffer, size, "'%s' names %s, not the report's period (%s)", worse->header,
                 init_period_text(w->year, w->named_period, named, sizeof named), report);
    else if (w->period != b->period)
        snprintf(buffer, size, "'%s' names the report's period (%s)", better->header, report);
    else if (w->name != b->name && b->name == INIT_NAME_OWN)
        snprintf(buffer, size, "'%s' is exactly the name of '%s'", better->header, field);
    else if (w->name != b->name && b->name == INIT_NAME_HOLDS_OWN)
        snprintf(buffer, size, "'%s' holds the exact name of '%s' ('%s')", better->header, field,
                 b->phrase);
    else if (w->name != b->name)
        snprintf(buffer, size, "'%s' is a usual name of '%s', '%s' only holds the words '%s'",
                 better->header, field, worse->header, w->phrase ? w->phrase : "");
    else
        snprintf(buffer, size, "both fit as well and the first is taken: check which one holds "
                 "'%s'", field);
    text_trim_incomplete_utf8(buffer);
    return buffer;
}

/* The comment of a mapped column: why it was taken, when it was a guess. */
static void init_describe_mapping(const struct init_state *state, const struct init_file *file,
                                  long index, char *comment, size_t size)
{
    const struct init_column *column = &file->columns[index];
    enum coop_field field = column->field;
    size_t length = 0;
    long runner_up = -1;
    size_t rivals = 0;
    for (size_t i = 0; i < file->column_count; i++)
        if ((long)i != index && file->columns[i].named == field) {
            rivals++;
            if (runner_up < 0 ||
                init_header_fit_compare(&file->columns[i].fit, &file->columns[runner_up].fit) < 0)
                runner_up = (long)i;
        }
#define INIT_APPEND(...) \
    (length += length < size ? (size_t)snprintf(comment + length, size - length, __VA_ARGS__) : 0)
    if (!column->guessed)
        INIT_APPEND("column %ld", index + 1);
    else if (rivals)
        INIT_APPEND("guess: column %ld, of %zu columns naming '%s' (see 'not used' below); "
                    "chosen over column %ld because ", index + 1, rivals + 1,
                    config_field_name(field), runner_up + 1);
    else
        INIT_APPEND("guess: column %ld, the header says '%s'", index + 1,
                    column->fit.name <= INIT_NAME_HOLDS_OWN ? column->fit.phrase
                                                            : column->because);
    if (rivals && length < size)
        init_fit_reason(state, column, &file->columns[runner_up], comment + length,
                        size - length);
    length = strlen(comment);
    char named[32], report[32];
    if (column->fit.part)
        INIT_APPEND("; WARNING: the header names only a part or a variant of '%s' ('%s'): "
                    "check it",
                    config_field_name(field), column->fit.part);
    else if (column->fit.period == INIT_PERIOD_OTHER)
        INIT_APPEND("; WARNING: the header names %s, not the report's period (%s): check it is "
                    "the figure of the period",
                    init_period_text(column->fit.year, column->fit.named_period, named,
                                     sizeof named),
                    init_period_text(state->year, state->period, report, sizeof report));
#undef INIT_APPEND
    text_trim_incomplete_utf8(comment);
}

/* The line of a column naming a field that another column got. */
static void init_write_rival(const struct init_state *state, const struct init_file *file,
                             size_t index, FILE *out)
{
    const struct init_column *column = &file->columns[index];
    enum coop_field field = column->named;
    long chosen = file->field_column[field];
    char reason[600], letters[8];
    if (chosen >= 0)
        init_fit_reason(state, &file->columns[chosen], column, reason, sizeof reason);
    else
        snprintf(reason, sizeof reason, "the header that fits better, '%s', is on several "
                 "columns (see below)", file->columns[file->duplicated_column[field]].header);
    fprintf(out, "; not used: column %zu (%s), '%s': also matches '%s'", index + 1,
            init_column_letters(index, letters), column->header, config_field_name(field));
    if (chosen >= 0)
        fprintf(out, " (column %ld)", chosen + 1);
    fprintf(out, ": not chosen because %s; map it above if it is the one\n", reason);
}

static void init_write_columns(const struct init_state *state, const struct init_file *file,
                               FILE *out, FILE *err)
{
    fprintf(out, "[%s.columns]\n; canonical field = the header in %s\n",
            file->groups ? "groups" : "coops", file->path);
    for (int f = 0; f < FIELD_COUNT; f++) {
        long index = file->field_column[f];
        if (index < 0)
            continue;
        const struct init_column *column = &file->columns[index];
        char comment[600];
        init_describe_mapping(state, file, index, comment, sizeof comment);
        const char *warning = strstr(comment, "; WARNING: ");
        if (warning)
            fprintf(err, "coopreport: warning: %s: %s = '%s' is a guess: %s; see [%s.columns]\n",
                    file->path, config_field_name(column->field), column->header,
                    warning + strlen("; WARNING: "), file->groups ? "groups" : "coops");
        if ((init_field_is_number((enum coop_field)f) || init_field_is_date((enum coop_field)f) ||
             init_field_is_flag((enum coop_field)f)) && column->typed < column->filled) {
            size_t length = strlen(comment);
            snprintf(comment + length, sizeof comment - length, "; WARNING: %zu of %zu cells "
                     "are not %s", column->filled - column->typed, column->filled,
                     init_field_is_date((enum coop_field)f) ? "dates"
                     : init_field_is_flag((enum coop_field)f) ? "yes/no values" : "numbers");
        }
        init_put_entry(out, config_field_name((enum coop_field)f), column->header, comment);
    }
    for (size_t i = 0; i < file->column_count; i++) {
        const struct init_column *column = &file->columns[i];
        char letters[8], first_letters[8];
        if (column->field != FIELD_COUNT)
            continue;
        if (column->named != FIELD_COUNT && (long)i == file->duplicated_column[column->named])
            continue;   /* the header found twice: its own NOT MAPPED line says it all */
        if (column->same_as >= 0)
            fprintf(out, "; not used: column %zu (%s), '%s': the same header as column %ld (%s)\n",
                    i + 1, init_column_letters(i, letters), column->header, column->same_as + 1,
                    init_column_letters((size_t)column->same_as, first_letters));
        else if (!column->slug)
            fprintf(out, "; not used: column %zu, its header is not UTF-8 text\n", i + 1);
        else if (!*column->slug)
            fprintf(out, "; not used: column %zu, '%s'\n", i + 1, column->header);
        else if (column->named != FIELD_COUNT && (file->field_column[column->named] >= 0 ||
                                                  file->duplicated_column[column->named] >= 0))
            init_write_rival(state, file, i, out);
        else
            fprintf(out, "; not used: column %zu, '%s' (no field matches this header; map it "
                         "above if it is one)\n", i + 1, column->header);
    }
    for (int f = 0; f < FIELD_COUNT; f++) {
        enum coop_field field = (enum coop_field)f;
        if (file->field_column[f] >= 0 || (file->groups && !config_field_in_groups(field)))
            continue;
        bool required = field == FIELD_ID || field == FIELD_NAME || field == FIELD_SECTOR ||
                        field == FIELD_FOUNDED;
        if (file->duplicated_column[f] >= 0) {
            init_write_duplicated(file, field, required, out, err);
        } else if (required) {
            fprintf(out, "; %-13s = ?    ; REQUIRED: no column found; write the header of the "
                         "column that holds it\n", config_field_name(field));
            fprintf(err, "coopreport: warning: %s: no column found for the required field '%s': "
                         "set it in [%s.columns]\n", file->path, config_field_name(field),
                    file->groups ? "groups" : "coops");
        } else {
            fprintf(out, "; %-13s =      ; no column found (optional: not reported)\n",
                    config_field_name(field));
        }
    }
    if (file->ragged_rows)
        fprintf(out, "; WARNING: %zu rows have another number of fields than the header, or "
                     "broken quoting: they will be rejected\n", file->ragged_rows);
    fputc('\n', out);
}

static bool init_same_key(const char *a, const char *b)
{
    char *x = text_match_key(a), *y = b ? text_match_key(b) : NULL;
    bool same = x && y && strcmp(x, y) == 0;
    free(x);
    free(y);
    return same;
}

/* iniparser reads lines of up to 1024 bytes: the alias list stays below, and
 * so does each alias.N line. */
#define INIT_ALIASES_MAX 900
#define INIT_ALIAS_KEYS_MAX 999

static void init_start_sector_section(const struct init_sector_group *group, FILE *out,
                                      bool *header)
{
    if (*header)
        return;
    fprintf(out, "[sector.%s]\n", group->code);
    if (group->sheet)
        init_put_entry(out, "sheet", group->sheet, "the sheet's name (31 characters at most)");
    *header = true;
}

/* The spellings of a sector other than its code, label and sheet: in the
 * aliases list, or, when one holds a comma or a quote (which the list would
 * split or refuse) or the list is full, each whole on an alias.N line. */
static void init_write_sector_details(struct init_state *state, size_t g, FILE *out)
{
    const struct init_sector_group *group = &state->sectors.groups[g];
    char aliases[INIT_ALIASES_MAX + 64] = "";
    size_t length = 0;
    bool header = false;
    const char **own_lines = calloc(state->sectors.spelling_count + 1, sizeof *own_lines);
    size_t own_count = 0;
    for (size_t i = 0; i < state->sectors.spelling_count; i++) {
        const struct init_sector_spelling *value = &state->sectors.spellings[i];
        const char *text = value->text;
        if (value->group != g || init_same_key(text, group->label) ||
            init_same_key(text, group->code) || (group->sheet && init_same_key(text, group->sheet)))
            continue;
        init_start_sector_section(group, out, &header);
        fprintf(out, "; '%s': %zu row%s, %s\n", text, value->rows, value->rows == 1 ? "" : "s",
                value->reason ? value->reason : "");
        size_t text_length = strlen(text);
        bool quoted = strpbrk(text, ";#") || text[0] == '"';
        if (text_length > INIT_ALIASES_MAX || (quoted && strchr(text, '"'))) {
            fprintf(out, "; WARNING: '%s' cannot be written in this file (%s): its rows will be "
                         "rejected; correct them in the data\n", text,
                    text_length > INIT_ALIASES_MAX ? "too long"
                                                   : "it holds both a quote and ';' or '#'");
            continue;
        }
        if (strpbrk(text, ",\"") || length + text_length + 2 > INIT_ALIASES_MAX) {
            if (own_lines && own_count < INIT_ALIAS_KEYS_MAX)
                own_lines[own_count++] = text;
            else
                fprintf(out, "; WARNING: too many spellings to list: '%s' is left out, its rows "
                             "will be rejected; make the spellings uniform in the data\n", text);
            continue;
        }
        length += (size_t)snprintf(aliases + length, sizeof aliases - length, "%s%s",
                                   length ? ", " : "", text);
    }
    if (group->sheet)
        init_start_sector_section(group, out, &header);
    if (length)
        init_put_entry(out, "aliases", aliases, NULL);
    if (own_count)
        fputs("; a spelling holding a comma or a quote, or beyond the list's room, is an alias "
              "on a line of its own:\n", out);
    for (size_t i = 0; i < own_count; i++) {
        char key[32];
        snprintf(key, sizeof key, "alias.%zu", i + 1);
        init_put_entry(out, key, own_lines[i], NULL);
    }
    free(own_lines);
    if (header)
        fputc('\n', out);
}

/* The comment of a sector's line in [sectors]: its rows, and for a sector
 * that is no usual one, that it is a guess and what it may rather be. */
static void init_describe_group(const struct init_sector_group *group, char *comment,
                                size_t size)
{
    int length = snprintf(comment, size, "%zu row%s", group->rows, group->rows == 1 ? "" : "s");
    size_t used = length < 0 ? 0 : (size_t)length < size ? (size_t)length : size - 1;
    const struct init_known_sector *first = init_guess_sector_info(group->named[0]);
    const struct init_known_sector *second = init_guess_sector_info(group->named[1]);
    if (group->known != INIT_NO_SECTOR)
        return;
    if (first && second)
        snprintf(comment + used, size - used, "; guess: its words name both %s and %s, so a "
                 "sector of its own; or add it to the aliases of one", first->code,
                 second->code);
    else if (first)
        snprintf(comment + used, size - used, "; guess: a sector of its own, rename it freely, "
                 "or add it to [sector.%s] aliases", first->code);
    else
        snprintf(comment + used, size - used, "; guess: a sector of its own, rename it freely");
}

static void init_write_sectors(struct init_state *state, FILE *out)
{
    const struct init_sector_grouping *sectors = &state->sectors;
    size_t empty = 0, spellings = sectors->spelling_count;
    for (size_t f = 0; f < state->file_count; f++)
        empty += state->files[f].empty_sectors;
    fputs("[sectors]\n", out);
    fprintf(out, "; %zu spelling%s found in the sector column%s, grouped into %zu sector%s "
                 "(code = label).\n; The code is part of indicator keys such as "
                 "coops.sector.CODE (a-z, 0-9, '_');\n; the label is printed in the report; "
                 "the order here is the order of the sector sheets.\n",
            spellings, spellings == 1 ? "" : "s", state->file_count > 1 ? "s" : "",
            sectors->group_count, sectors->group_count == 1 ? "" : "s");
    if (empty)
        fprintf(out, "; WARNING: %zu rows have no sector: they will be rejected (the sector is "
                     "required)\n", empty);
    if (!sectors->group_count)
        fputs("khac            = Khác    ; placeholder: no sector value was read\n", out);
    for (size_t i = 0; i < sectors->group_count; i++) {
        const struct init_sector_group *group = &sectors->groups[sectors->order[i]];
        char comment[200];
        init_describe_group(group, comment, sizeof comment);
        init_put_entry(out, group->code, group->label, comment);
    }
    fputc('\n', out);
    for (size_t i = 0; i < sectors->group_count; i++)
        init_write_sector_details(state, sectors->order[i], out);
}

void init_write_config(struct init_state *state, FILE *out, FILE *err)
{
    fputs("; coopreport configuration written by `coopreport init", out);
    for (size_t f = 0; f < state->file_count; f++)
        fprintf(out, " %s", state->files[f].path);
    fputs("`.\n"
          "; Lines marked \"guess\" were guessed from the data: check them. Then:\n"
          ";     coopreport --check THIS.ini    validate, show a data-quality report, write "
          "nothing\n"
          ";     coopreport THIS.ini            write the workbook ([output] path)\n"
          "; Values holding ';' or '#' are quoted: unquoted, iniparser reads a comment.\n\n",
          out);
    init_write_report(state, out, err);
    init_write_input(state, out);
    init_write_csv(state, out, err);
    for (size_t f = 0; f < state->file_count; f++)
        init_write_columns(state, &state->files[f], out, err);
    init_write_sectors(state, out);
    fputs("; The year's plan, for the TH/KH column (any indicator key: coopreport "
          "--list-indicators):\n"
          "; [plan]\n; coops.new   = 30\n; coops.total = 735\n\n"
          "; A target measured on a part of the year, one section each:\n"
          "; [target.new_coops_h2]\n"
          "; label     = Phát triển thêm HTX mới trong 6 tháng cuối năm\n"
          "; indicator = coops.new\n; window    = H2\n; min       = 10\n\n", out);
    fputs("[output]\n", out);
    init_put_entry(out, "path", "out/{province_code}-{year}-{period}.xlsx",
                   "relative to this file's folder");
}

