/*
 * init — a first configuration from the user's own files. See init.h.
 *
 * Headers and sector values are compared by their diacritic-free slug
 * (text_slug: "Mã HTX", "MA HTX" and "ma_htx" are all "ma-htx"), because
 * registry exports write them every way; what the config then says is
 * matched by records.c after text_match_key, which is stricter, so every
 * spelling found in the data is written out as it is.
 */
#include "coopreport/init.h"

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "coopreport/config.h"
#include "coopreport/csv_reader.h"
#include "coopreport/diag.h"
#include "coopreport/init_guess.h"
#include "coopreport/init_header.h"
#include "coopreport/init_state.h"
#include "coopreport/provinces.h"
#include "coopreport/text.h"
#include "coopreport/values.h"

static void init_tally_release(struct init_tally *tally)
{
    for (size_t i = 0; i < tally->count; i++) {
        free(tally->items[i].key);
        free(tally->items[i].text);
    }
    free(tally->items);
    memset(tally, 0, sizeof *tally);
}

/* Counts `count` cells of `text` under its match key. Returns -1 when out of
 * memory; a value that is not UTF-8 is not counted (it is reported apart). */
static int init_tally_add(struct init_tally *tally, const char *text, size_t count)
{
    char *key = text_match_key(text);
    if (!key)
        return text_is_valid_utf8(text, strlen(text), NULL) ? -1 : 0;
    for (size_t i = 0; i < tally->count; i++)
        if (strcmp(tally->items[i].key, key) == 0) {
            tally->items[i].count += count;
            free(key);
            return 0;
        }
    if (tally->count == tally->capacity) {
        size_t capacity = tally->capacity ? tally->capacity * 2 : 16;
        struct init_value *items = realloc(tally->items, capacity * sizeof *items);
        if (!items) {
            free(key);
            return -1;
        }
        tally->items = items;
        tally->capacity = capacity;
    }
    char *copy = text_duplicate(text);
    if (!copy) {
        free(key);
        return -1;
    }
    tally->items[tally->count++] = (struct init_value){key, copy, count};
    return 0;
}

static void init_file_release(struct init_file *file)
{
    for (size_t i = 0; i < file->column_count; i++) {
        free(file->columns[i].header);
        free(file->columns[i].slug);
    }
    free(file->columns);
    init_tally_release(&file->sectors);
    init_tally_release(&file->provinces);
}

/* --- the header ------------------------------------------------------------------ */

/* A copy with every run of white space (line breaks of a quoted header
 * included) made one space and the ends trimmed: records.c compares headers
 * the same way, and an INI value is one line. */
static char *init_one_line(const char *text, size_t length)
{
    char *copy = malloc(length + 1);
    if (!copy)
        return NULL;
    size_t out = 0;
    bool space = false;
    for (size_t i = 0; i < length; i++) {
        char c = text[i];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f') {
            space = out > 0;
            continue;
        }
        if (space)
            copy[out++] = ' ';
        space = false;
        copy[out++] = c;
    }
    copy[out] = '\0';
    return copy;
}

static int init_map_header(struct init_file *file, const struct csv_row *row)
{
    file->columns = calloc(row->count ? row->count : 1, sizeof *file->columns);
    if (!file->columns)
        return -1;
    file->column_count = row->count;
    for (size_t i = 0; i < row->count; i++) {
        struct init_column *column = &file->columns[i];
        column->field = FIELD_COUNT;
        column->header = init_one_line(row->fields[i], row->lengths[i]);
        if (!column->header)
            return -1;
        if (text_is_valid_utf8(column->header, strlen(column->header), NULL)) {
            column->slug = text_slug(column->header);
            if (!column->slug)
                return -1;
        }
    }
    for (size_t i = 0; i < row->count; i++) {
        struct init_column *column = &file->columns[i];
        column->same_as = -1;
        char *key = column->slug ? text_match_key(column->header) : NULL;
        if (column->slug && !key)
            return -1;
        for (size_t j = 0; key && *key && j < i && column->same_as < 0; j++) {
            char *other = file->columns[j].slug ? text_match_key(file->columns[j].header) : NULL;
            if (other && strcmp(key, other) == 0)
                column->same_as = (long)j;
            free(other);
        }
        free(key);
    }
    for (int f = 0; f < FIELD_COUNT; f++)
        file->field_column[f] = file->duplicated_column[f] = -1;
    for (size_t i = 0; i < row->count; i++) {
        struct init_column *column = &file->columns[i];
        column->named = FIELD_COUNT;
        if (!column->slug || !*column->slug || column->same_as >= 0)
            continue;
        struct init_header_match match = init_header_match(column->header);
        if (match.field == FIELD_COUNT || (file->groups && !config_field_in_groups(match.field)))
            continue;
        column->named = match.field;
        column->whole = match.whole;
        column->because = match.phrase;
    }
    /* The amounts of a period wait for the period: the year a header names
     * decides between "Doanh thu năm 2023" and "Doanh thu 6 tháng 2024". */
    for (int f = 0; f < FIELD_COUNT; f++)
        if (!init_header_is_of_period((enum coop_field)f))
            init_choose_column(file, (enum coop_field)f, 0, -1);
    return 0;
}

void init_choose_column(struct init_file *file, enum coop_field field, int year, int period)
{
    long best = -1;
    size_t candidates = 0;
    for (size_t i = 0; i < file->column_count; i++) {
        struct init_column *column = &file->columns[i];
        if (column->named != field)
            continue;
        candidates++;
        column->field = FIELD_COUNT;
        column->guessed = false;
        column->fit = init_header_fit(column->header, year, period);
        if (best < 0 || init_header_fit_compare(&column->fit, &file->columns[best].fit) < 0)
            best = (long)i;
    }
    file->field_column[field] = file->duplicated_column[field] = -1;
    if (best < 0)
        return;
    /* A header found twice cannot be mapped: the run would refuse it. */
    for (size_t i = 0; i < file->column_count; i++)
        if (file->columns[i].same_as == best) {
            file->duplicated_column[field] = best;
            return;
        }
    struct init_column *chosen = &file->columns[best];
    chosen->field = field;
    chosen->guessed = !(chosen->whole || chosen->fit.name == INIT_NAME_OWN) || candidates > 1 ||
                      chosen->fit.part || chosen->fit.period == INIT_PERIOD_OTHER;
    file->field_column[field] = best;
}

/* --- the cells ------------------------------------------------------------------- */

static void init_keep_example(char *buffer, size_t size, const char *text)
{
    if (!*buffer && strlen(text) < size)
        strcpy(buffer, text);
}

bool init_field_is_number(enum coop_field field)
{
    return field == FIELD_MEMBERS || field == FIELD_WORKERS || field == FIELD_REVENUE ||
           field == FIELD_PROFIT || field == FIELD_INCOME;
}

bool init_field_is_date(enum coop_field field)
{
    return field == FIELD_FOUNDED || field == FIELD_DISSOLVED;
}

bool init_field_is_flag(enum coop_field field)
{
    return field == FIELD_MARKET_ACCESS || field == FIELD_VALUE_CHAIN ||
           field == FIELD_HIGH_TECH || field == FIELD_ALLIANCE_MEMBER;
}

static void init_look_at_number(struct init_file *file, struct init_column *column, const char *text)
{
    init_guess_note_number(&file->decimal, column->named, text);
    coop_money money;
    const char *reason;
    struct number_style comma = {','}, point = {'.'};
    if (value_parse_money(text, comma, &money, &reason) == 0 ||
        value_parse_money(text, point, &money, &reason) == 0)
        column->typed++;
}

static void init_look_at_date(struct init_file *file, struct init_column *column, const char *text)
{
    coop_date date;
    const char *reason;
    if (value_parse_date(text, DATE_STYLE_ISO, &date, &reason) == 0) {
        file->iso_dates++;
        init_keep_example(file->iso_example, sizeof file->iso_example, text);
    } else if (value_parse_date(text, DATE_STYLE_DMY, &date, &reason) == 0) {
        file->dmy_dates++;
        init_keep_example(file->dmy_example, sizeof file->dmy_example, text);
    } else {
        date = 0;
        if (init_guess_is_month_first(text))
            file->month_first_dates++;
        else if (strlen(text) == 5 && strspn(text, "0123456789") == 5)
            file->serial_dates++;   /* an Excel date serial: the cell lost its format */
        else
            file->other_dates++;
        init_keep_example(file->other_example, sizeof file->other_example, text);
    }
    if (date) {
        column->typed++;
        if (column->field == FIELD_FOUNDED && date > file->latest_founded)
            file->latest_founded = date;
    }
}

static int init_look_at_cell(struct init_file *file, size_t index, const char *raw, size_t length)
{
    struct init_column *column = &file->columns[index];
    char *text = init_one_line(raw, length);
    if (!text)
        return -1;
    int status = 0;
    /* Every column naming a field is judged by that field's type: the amounts
     * of a period are mapped only once the period is guessed. */
    enum coop_field field = column->field, named = column->named;
    if (!*text) {
        file->empty_sectors += field == FIELD_SECTOR;
    } else {
        column->filled++;
        bool flag;
        const char *reason;
        if (init_field_is_number(named))
            init_look_at_number(file, column, text);
        else if (init_field_is_date(named))
            init_look_at_date(file, column, text);
        else if (init_field_is_flag(named))
            column->typed += value_parse_boolean(text, &flag, &reason) == 0;
        else if (field == FIELD_SECTOR)
            status = init_tally_add(&file->sectors, text, 1);
        else if (field == FIELD_PROVINCE)
            status = init_tally_add(&file->provinces, text, 1);
    }
    free(text);
    return status;
}

static int init_on_row(const struct csv_row *row, void *context)
{
    struct init_file *file = context;
    if (row->index < file->header_index)
        return 0;   /* a title above the header */
    if (row->index == file->header_index) {
        file->header_line = row->line;
        if (init_map_header(file, row) != 0)
            file->out_of_memory = true;
        return file->out_of_memory ? COOP_EXIT_IO : 0;
    }
    bool blank = true;
    for (size_t i = 0; i < row->count && blank; i++)
        blank = strspn(row->fields[i], " \t") == row->lengths[i];
    if (blank)
        return 0;
    file->rows++;
    /* A row whose quoting broke ends early: its cells would mislead the
     * guesses, and the run will reject it with its position. */
    if (row->error || row->count != file->column_count)
        file->ragged_rows++;
    if (row->error)
        return 0;
    for (size_t i = 0; i < row->count && i < file->column_count; i++) {
        if (!text_is_valid_utf8(row->fields[i], row->lengths[i], NULL)) {
            if (!file->bad_utf8_cells++)
                file->first_bad_line = row->line;
            continue;
        }
        if (init_look_at_cell(file, i, row->fields[i], row->lengths[i]) != 0) {
            file->out_of_memory = true;
            return COOP_EXIT_IO;
        }
    }
    return 0;
}

/* Reads the file through the reader with `delimiter` (0: detected), rows to
 * on_row; *used receives the delimiter read with. A callback's status is
 * returned as it is. */
static int init_read_with(const char *path, char delimiter, csv_row_callback on_row,
                          void *context, struct coop_diagnostics *diagnostics, char *used)
{
    FILE *stream = fopen(path, "rb");
    if (!stream) {
        diag_error(diagnostics, path, 0, 0, NULL, "cannot open: %s", strerror(errno));
        return COOP_EXIT_IO;
    }
    struct csv_reader *reader = csv_reader_new(path, delimiter, on_row, context, diagnostics);
    unsigned char *buffer = malloc(CSV_READER_CHUNK_SIZE);
    int status = 0;
    if (!reader || !buffer) {
        status = COOP_EXIT_IO;
        diag_error(diagnostics, path, 0, 0, NULL, "out of memory");
        goto cleanup;
    }
    size_t got;
    while (status == 0 && (got = fread(buffer, 1, CSV_READER_CHUNK_SIZE, stream)) > 0)
        status = csv_reader_feed(reader, buffer, got);
    if (status == 0 && ferror(stream)) {
        diag_error(diagnostics, path, 0, 0, NULL, "cannot read: %s", strerror(errno));
        status = COOP_EXIT_IO;
    }
    if (status == 0)
        status = csv_reader_finish(reader);
    *used = csv_reader_delimiter(reader);
cleanup:
    csv_reader_free(reader);
    free(buffer);
    fclose(stream);
    return status;
}

/* The search for the header row: the first of the first INIT_HEADER_SEARCH_ROWS
 * rows whose cells name at least two fields; row 0 when none does. */
#define INIT_HEADER_SEARCH_ROWS 20
#define INIT_FOUND 1000   /* a callback status that stops the reading: found */

struct init_header_search {
    bool groups;
    size_t index;        /* the row found */
    size_t fields;       /* the fields its cells name */
};

static int init_search_header(const struct csv_row *row, void *context)
{
    struct init_header_search *search = context;
    if (row->index >= INIT_HEADER_SEARCH_ROWS)
        return INIT_FOUND;
    bool named[FIELD_COUNT] = {false};
    size_t fields = 0;
    for (size_t i = 0; i < row->count; i++) {
        char *header = init_one_line(row->fields[i], row->lengths[i]);
        if (!header)
            return COOP_EXIT_IO;
        enum coop_field field = init_header_match(header).field;
        free(header);
        if (field != FIELD_COUNT && !named[field] &&
            (!search->groups || config_field_in_groups(field))) {
            named[field] = true;
            fields++;
        }
    }
    if (fields > search->fields) {
        search->index = row->index;
        search->fields = fields;
    }
    return fields >= 2 ? INIT_FOUND : 0;
}

/* Finds the header row, and the delimiter when the detected one splits no
 * row into headers: the reader detects it from the first line, which may be
 * a title ("DANH SÁCH HỢP TÁC XÃ") with no delimiter at all. */
static void init_find_header(struct init_file *file)
{
    static const char delimiters[] = {0, ';', ',', '\t'};
    size_t best_fields = 0;
    for (size_t d = 0; d < sizeof delimiters; d++) {
        struct coop_diagnostics scratch;
        diag_init(&scratch, 1);
        struct init_header_search search = {.groups = file->groups};
        char used = 0;
        int status = init_read_with(file->path, delimiters[d], init_search_header, &search,
                                    &scratch, &used);
        diag_release(&scratch);
        if ((status == 0 || status == INIT_FOUND) && search.fields > best_fields) {
            best_fields = search.fields;
            file->header_index = search.index;
            file->delimiter_forced = d > 0;
            file->delimiter = delimiters[d];
        }
        if (best_fields >= 2)
            return;
    }
}

/* Reads the whole file: the header row and the delimiter first, then every row. */
static int init_read_file(struct init_file *file, struct coop_diagnostics *diagnostics)
{
    init_find_header(file);
    int status = init_read_with(file->path, file->delimiter, init_on_row, file, diagnostics,
                                &file->delimiter);
    if (status == 0 && !file->columns) {
        diag_error(diagnostics, file->path, 0, 0, NULL, "file is empty (no header line)");
        status = COOP_EXIT_DATA;
    }
    if (file->out_of_memory)
        diag_error(diagnostics, file->path, 0, 0, NULL, "out of memory");
    return status;
}

/* Gathers the sector spellings of both files (one tally: a spelling of the
 * coops and of the groups is one sector) and groups them (init_guess). */
static int init_group_sectors(struct init_state *state)
{
    for (size_t f = 0; f < state->file_count; f++)
        for (size_t i = 0; i < state->files[f].sectors.count; i++) {
            const struct init_value *value = &state->files[f].sectors.items[i];
            if (init_tally_add(&state->sector_values, value->text, value->count) != 0)
                return -1;
        }
    size_t count = state->sector_values.count;
    const char **texts = calloc(count + 1, sizeof *texts);
    size_t *rows = calloc(count + 1, sizeof *rows);
    int status = -1;
    if (texts && rows) {
        for (size_t i = 0; i < count; i++) {
            texts[i] = state->sector_values.items[i].text;
            rows[i] = state->sector_values.items[i].count;
        }
        status = init_guess_group_sectors(texts, rows, count, &state->sectors);
    }
    free(texts);
    free(rows);
    return status;
}

/* --- the period and the province ------------------------------------------------- */

static void init_guess_period(struct init_state *state)
{
    coop_date latest = 0;
    for (size_t f = 0; f < state->file_count; f++)
        if (state->files[f].latest_founded > latest)
            latest = state->files[f].latest_founded;
    /* The report is the period whose end is nearest the last founding date: a
     * registry is exported soon after the period (a few units founded since
     * may be in it), and a quiet registry's last founding may be weeks old. */
    int by_date_year = 0, by_date_period = -1;
    if (latest) {
        int year = date_year(latest);
        const coop_date ends[3] = {date_make(year - 1, 12, 31), date_make(year, 6, 30),
                                   date_make(year, 12, 31)};
        double best = -1;
        for (int e = 0; e < 3; e++) {
            double distance = date_excel_serial(latest) - date_excel_serial(ends[e]);
            distance = distance < 0 ? -distance : distance;
            if (best < 0 || distance < best) {
                best = distance;
                by_date_year = date_year(ends[e]);
                by_date_period = date_month(ends[e]) == 6 ? PERIOD_H1 : PERIOD_FY;
            }
        }
    }
    /* The latest period a header of an amount names ("Doanh thu 6 tháng
     * 2024"): the figures are of the report's period, so a report ending
     * before it is not the one (the founding dates of a quiet registry stop
     * years before). */
    struct init_header_fit header_fit = {FIELD_COUNT, NULL, INIT_PERIOD_NONE, 0, -1,
                                         INIT_NAME_KEYWORD, NULL};
    const char *header_text = NULL;
    for (size_t f = 0; f < state->file_count; f++)
        for (size_t i = 0; i < state->files[f].column_count; i++) {
            const struct init_column *column = &state->files[f].columns[i];
            if (!init_header_is_of_period(column->named))
                continue;
            struct init_header_fit fit = init_header_fit(column->header, 0, -1);
            if (init_header_period_end(&fit) > init_header_period_end(&header_fit)) {
                header_fit = fit;
                header_text = column->header;
            }
        }
    struct init_header_fit by_date = {.year = by_date_year, .named_period = by_date_period};
    if (header_fit.year &&
        (!latest || init_header_period_end(&header_fit) > init_header_period_end(&by_date))) {
        by_date_year = header_fit.year;
        by_date_period = header_fit.named_period >= 0 ? header_fit.named_period : PERIOD_FY;
    } else {
        header_text = NULL;
    }
    int name_year = 0, name_period = -1;
    bool named = false;
    for (size_t f = 0; f < state->file_count && !named; f++)
        named = init_guess_period_from_name(state->files[f].path, &name_year, &name_period);
    char latest_text[16] = "";
    if (latest)
        snprintf(latest_text, sizeof latest_text, "%02d/%02d/%04d", date_day(latest),
                 date_month(latest), date_year(latest));
    if (named) {
        state->year = name_year;
        state->period = name_period >= 0 ? name_period
                        : by_date_year == name_year && by_date_period >= 0 ? by_date_period
                                                                            : PERIOD_FY;
        snprintf(state->period_reason, sizeof state->period_reason,
                 "guess: from the file name%s%s", latest ? "; the latest founding date is " : "",
                 latest_text);
    } else if (header_text) {
        state->year = by_date_year;
        state->period = by_date_period;
        snprintf(state->period_reason, sizeof state->period_reason,
                 "guess: the latest period a column header names ('%s')%s%s", header_text,
                 latest ? "; the latest founding date is " : "", latest_text);
        text_trim_incomplete_utf8(state->period_reason);
    } else if (latest) {
        state->year = by_date_year;
        state->period = by_date_period;
        snprintf(state->period_reason, sizeof state->period_reason,
                 "guess: the period that ends nearest the latest founding date, %s",
                 latest_text);
    } else {
        state->year = 2024;
        state->period = PERIOD_FY;
        snprintf(state->period_reason, sizeof state->period_reason,
                 "placeholder: no founding date was read; set the report's year and period");
    }
}

static void init_load_provinces(struct init_state *state)
{
    char *path = config_find_shared_file("data", "provinces-63.csv");
    if (path)
        provinces_load(path, &state->provinces_63, &state->diagnostics);
    free(path);
    path = config_find_shared_file("data", "provinces-34.csv");
    if (path)
        provinces_load(path, &state->provinces_34, &state->diagnostics);
    free(path);
}

/* --- the command ----------------------------------------------------------------- */

static void init_print_usage(FILE *out)
{
    fputs("usage: coopreport init COOPS.csv [GROUPS.csv] > my-province.ini\n"
          "\n"
          "Reads your registry export (cooperatives, and optionally cooperative groups) and\n"
          "writes a configuration for it to stdout: the CSV dialect, which column holds which\n"
          "field, the sectors found with their spellings, the province and the period. Every\n"
          "guess is marked in a comment; check them, then run coopreport --check my-province.ini.\n",
          out);
}

static void init_release(struct init_state *state)
{
    for (size_t f = 0; f < state->file_count; f++)
        init_file_release(&state->files[f]);
    init_guess_release_grouping(&state->sectors);
    init_tally_release(&state->sector_values);
    provinces_release(&state->provinces_63);
    provinces_release(&state->provinces_34);
    diag_release(&state->diagnostics);
}

int init_run(int argc, char **argv, FILE *out, FILE *err)
{
    if (argc == 2 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)) {
        init_print_usage(out);
        return 0;
    }
    if (argc < 2 || argc > 3 || argv[1][0] == '-' || (argc == 3 && argv[2][0] == '-')) {
        fputs(argc < 2 ? "coopreport: error: init needs the cooperatives file\n"
                       : "coopreport: error: init takes one or two CSV files and no options\n",
              err);
        init_print_usage(err);
        return COOP_EXIT_USAGE;
    }
    struct init_state state;
    memset(&state, 0, sizeof state);
    diag_init(&state.diagnostics, 100);
    int status = 0;
    for (int i = 1; i < argc && status == 0; i++) {
        struct init_file *file = &state.files[state.file_count++];
        file->path = argv[i];
        file->groups = i == 2;
        status = init_read_file(file, &state.diagnostics);
    }
    if (status == 0 && init_group_sectors(&state) != 0) {
        diag_error(&state.diagnostics, NULL, 0, 0, NULL, "out of memory");
        status = COOP_EXIT_IO;
    }
    if (status == 0) {
        init_guess_period(&state);
        for (size_t f = 0; f < state.file_count; f++)
            for (int field = 0; field < FIELD_COUNT; field++)
                if (init_header_is_of_period((enum coop_field)field))
                    init_choose_column(&state.files[f], (enum coop_field)field, state.year,
                                       state.period);
        init_load_provinces(&state);
        init_write_config(&state, out, err);
        fflush(out);
        if (ferror(out)) {
            diag_error(&state.diagnostics, NULL, 0, 0, NULL, "cannot write the configuration");
            status = COOP_EXIT_IO;
        }
    }
    diag_print(&state.diagnostics, err);
    if (status == 0) {
        size_t guesses = 0, mapped = 0, columns = 0;
        for (size_t f = 0; f < state.file_count; f++)
            for (size_t i = 0; i < state.files[f].column_count; i++) {
                columns++;
                mapped += state.files[f].columns[i].field != FIELD_COUNT;
                guesses += state.files[f].columns[i].guessed;
            }
        fprintf(err, "init: %zu of %zu columns mapped (%zu guessed: check them), %zu sector "
                     "spellings in %zu sectors, %s %d; review the lines marked 'guess', then run "
                     "coopreport --check on the saved file\n",
                mapped, columns, guesses, state.sectors.spelling_count,
                state.sectors.group_count,
                state.period == PERIOD_H1 ? "H1" : "FY", state.year);
    }
    init_release(&state);
    return status;
}
