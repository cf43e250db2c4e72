/*
 * list_sheets — the sheets that list units one row each: one per sector, one
 * per target, the groups (THT) and the changes (dissolved, not yet founded,
 * new). With the rejected-rows sheet they show every accepted row of the input
 * somewhere (SPEC §4: nothing is dropped silently).
 *
 * One function, list_sheets_put_table, writes any list of records under the
 * columns of a template list; the sheet functions only choose the records.
 * Text from the data is always written as a string, never as a formula.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coopreport/sheet_writer.h"

/* Column widths, in characters: estimated from the content, within bounds. */
#define LIST_MIN_WIDTH 6.0
#define LIST_MAX_WIDTH 60.0
#define LIST_DATE_WIDTH 12.0
/* The top table of a target sheet should not make its columns huge: long
 * values wrap there. */
#define LIST_TARGET_VALUE_WIDTH 40.0
#define LIST_FLAGS_SIZE 1024
/* Every field once, and room to spare. */
#define LIST_MAX_COLUMNS 16

/* The fields a list column can show (templates/README.md). */
enum list_field {
    LIST_NUMBER, LIST_ID, LIST_NAME, LIST_DISTRICT, LIST_SECTOR, LIST_FOUNDED, LIST_DISSOLVED,
    LIST_MEMBERS, LIST_WORKERS, LIST_REVENUE, LIST_PROFIT, LIST_INCOME, LIST_FLAGS, LIST_STATUS,
    LIST_FIELD_COUNT
};

static const char *const LIST_FIELD_NAMES[LIST_FIELD_COUNT] = {
    "number", "id", "name", "district", "sector", "founded", "dissolved", "members", "workers",
    "revenue", "profit", "income", "flags", "status"};

/* Words the template has no key for yet, in the template's language. */
struct list_words {
    const char *flags[4];          /* market access, value chain, high tech, alliance member */
    const char *dissolved_within, *dissolved_before, *founded_after, *founded_and_dissolved;
    const char *definition, *indicator_key;
    const char *unions;            /* the heading of a sector sheet's LHHTX */
};

static const struct list_words LIST_WORDS_VI = {
    {"Tiếp cận thị trường", "Liên kết chuỗi giá trị", "Ứng dụng công nghệ cao",
     "Thành viên Liên minh"},
    "Giải thể trong kỳ", "Giải thể trước kỳ", "Thành lập sau kỳ",
    "Thành lập mới và giải thể trong kỳ",
    "Chỉ tiêu", "Mã chỉ số",
    "Liên hiệp hợp tác xã (không tính vào số HTX ở trên)"};

static const struct list_words LIST_WORDS_EN = {
    {"Market access", "Value chain", "High technology", "Alliance member"},
    "Dissolved in the period", "Dissolved before the period", "Founded after the period",
    "Founded and dissolved in the period",
    "Objective", "Indicator key",
    "Unions of cooperatives (not counted in the cooperatives above)"};

/* One row of a list. */
struct list_entry {
    const struct coop_record *record;
    const char *status;            /* what happened to the unit (changes sheet), or NULL */
    bool highlight;                /* founded within the report period */
};

/* A list to write: its columns, rows and where it starts. */
struct list_table {
    const char *sheet_name;        /* for messages */
    const struct template_list *columns;
    const struct list_entry *entries;
    size_t count;
    lxw_row_t header_row;
    bool totals;                   /* a SUBTOTAL row under the data */
    /* Rows listed under the totals, with a heading and totals of their own
     * (a sector's LHHTX: its totals must equal the HTX indicators). */
    const struct list_entry *appendix;
    size_t appendix_count;
    double widths[LIST_MAX_COLUMNS];   /* raised to the widest content of each column */
};

/* --- small helpers ---------------------------------------------------------------- */

static const struct list_words *list_sheets_words(const struct sheet_writer *writer)
{
    return writer_is_english(writer) ? &LIST_WORDS_EN : &LIST_WORDS_VI;
}

static enum list_field list_sheets_field(const char *name)
{
    for (int f = 0; f < LIST_FIELD_COUNT; f++)
        if (strcmp(name, LIST_FIELD_NAMES[f]) == 0)
            return (enum list_field)f;
    return LIST_FIELD_COUNT;
}

static void list_sheets_period(const struct sheet_writer *writer, coop_date *first, coop_date *last)
{
    const struct coop_config *config = writer->content->config;
    config_period_range(config->period, config->year, first, last);
}

static void list_sheets_widen(double *width, double wanted)
{
    if (wanted > *width)
        *width = wanted;
}

/* The width a number needs as shown with thousands separators and `decimals`
 * (0 to 3). Called for every number cell: the digits are counted without
 * printf, which is only asked when rounding at `decimals` is a tie (where
 * its exact decimal rounding decides) or the number is huge. */
static double list_sheets_number_width(double value, int decimals)
{
    static const double SCALE[INDICATOR_MAX_DECIMALS + 1] = {1, 10, 100, 1000, 10000};
    double scaled = fabs(value) * SCALE[decimals];
    double rounded = nearbyint(scaled);
    size_t digits = 1, length;
    if (isfinite(scaled) && scaled < 1e15 && fabs(fabs(scaled - floor(scaled)) - 0.5) > 1e-6) {
        for (long long whole = (long long)rounded / (long long)SCALE[decimals]; whole >= 10; whole /= 10)
            digits++;
        length = digits + (decimals ? (size_t)decimals + 1 : 0);
    } else {
        char text[64];
        snprintf(text, sizeof text, "%.*f", decimals, fabs(value));
        digits = strcspn(text, ".");
        length = strlen(text);
    }
    return (double)(length + (digits - 1) / 3 + (value < 0)) + 2;
}

static struct list_entry *list_sheets_new_entries(struct sheet_writer *writer, size_t count)
{
    struct list_entry *entries = calloc(count ? count : 1, sizeof *entries);
    if (!entries)
        writer_fail(writer, LXW_ERROR_MEMORY_MALLOC_FAILED, "a list of %zu units", count);
    return entries;
}

/* --- one list ---------------------------------------------------------------------- */

/* A unit's flags in the order of list_words.flags. */
static void list_sheets_record_flags(const struct coop_record *record, bool flags[4])
{
    flags[0] = record->market_access;
    flags[1] = record->value_chain;
    flags[2] = record->high_tech;
    flags[3] = record->alliance_member;
}

/* The flags column: LHHTX, the true flags and "founded in the period", joined
 * with "; ". Parts that would not fit whole are left out, so that UTF-8 is
 * never cut in the middle of a character. */
static void list_sheets_flags(const struct sheet_writer *writer, const struct list_entry *entry,
                              char *text, size_t size)
{
    const char *parts[6];
    size_t count = 0, used = 0;
    bool flags[4];
    list_sheets_record_flags(entry->record, flags);
    if (entry->record->kind == KIND_LHHTX)
        parts[count++] = "LHHTX";
    for (size_t f = 0; f < 4; f++)
        if (flags[f])
            parts[count++] = list_sheets_words(writer)->flags[f];
    if (entry->highlight && writer->layout->text_founded_in_period)
        parts[count++] = writer->layout->text_founded_in_period;
    text[0] = '\0';
    for (size_t i = 0; i < count; i++) {
        size_t length = strlen(parts[i]) + (used ? 2 : 0);
        if (used + length >= size)
            continue;
        used += (size_t)snprintf(text + used, size - used, "%s%s", used ? "; " : "", parts[i]);
    }
}

/* A figure of a record: a number cell, or an empty cell of the same format when
 * the unit did not report it. */
static int list_sheets_put_figure(struct sheet_writer *writer, lxw_worksheet *sheet, lxw_row_t row,
                                  lxw_col_t column, bool reported, double value, int decimals,
                                  lxw_format *format, double *width)
{
    if (!reported) {
        WRITER_CHECK(writer, worksheet_write_blank(sheet, row, column, format), "an empty figure");
        return 0;
    }
    list_sheets_widen(width, list_sheets_number_width(value, decimals));
    return writer_put_number(writer, sheet, row, column, value, format);
}

static int list_sheets_put_string(struct sheet_writer *writer, lxw_worksheet *sheet, lxw_row_t row,
                                  lxw_col_t column, const char *text, lxw_format *format,
                                  double *width)
{
    list_sheets_widen(width, writer_text_width(text));
    WRITER_CHECK(writer, worksheet_write_string(sheet, row, column, text, format),
                 "the text '%s'", text);
    return 0;
}

/* The integer behind a figure column (a count, or đồng for money) and whether
 * the unit reported it; false for the other columns. */
static bool list_sheets_raw_figure(const struct coop_record *record, enum list_field field,
                                   int64_t *raw)
{
    static const enum coop_field FIELDS[] = {FIELD_MEMBERS, FIELD_WORKERS, FIELD_REVENUE,
                                             FIELD_PROFIT, FIELD_INCOME};
    if (field < LIST_MEMBERS || field > LIST_INCOME)
        return false;
    const int64_t values[] = {record->members, record->workers, record->revenue, record->profit,
                              record->income};
    *raw = values[field - LIST_MEMBERS];
    return record_has(record, FIELDS[field - LIST_MEMBERS]);
}

static bool list_sheets_is_money(enum list_field field)
{
    return field >= LIST_REVENUE && field <= LIST_INCOME;
}

/* A figure as shown: money in million VND, counts as they are. */
static double list_sheets_figure_value(enum list_field field, int64_t raw)
{
    return list_sheets_is_money(field) ? (double)raw / (double)COOP_MONEY_PER_MILLION : (double)raw;
}

/* Writes one field of one record. `number` is the row's STT. */
static int list_sheets_put_cell(struct sheet_writer *writer, lxw_worksheet *sheet, lxw_row_t row,
                                lxw_col_t column, enum list_field field,
                                const struct list_entry *entry, size_t number, double *width)
{
    const struct coop_record *record = entry->record;
    const struct coop_config *config = writer->content->config;
    const struct sheet_styles *style = &writer->style;
    bool lit = entry->highlight;
    int count_decimals = indicators_format_decimals(FORMAT_COUNT);
    int amount_decimals = indicators_format_decimals(FORMAT_AMOUNT);
    lxw_format *count = lit ? style->highlight_figures[count_decimals] : style->figures[count_decimals];
    lxw_format *amount = lit ? style->highlight_figures[amount_decimals] : style->figures[amount_decimals];
    const char *text = NULL;
    char flags[LIST_FLAGS_SIZE];
    int64_t raw = 0;
    switch (field) {
    case LIST_NUMBER:
        return list_sheets_put_figure(writer, sheet, row, column, true, (double)number,
                                      count_decimals, count, width);
    case LIST_FOUNDED:
    case LIST_DISSOLVED:
        list_sheets_widen(width, LIST_DATE_WIDTH);
        return writer_put_date(writer, sheet, row, column,
                               field == LIST_FOUNDED ? record->founded : record->dissolved,
                               lit ? style->highlight_date : style->date);
    case LIST_MEMBERS:
    case LIST_WORKERS:
    case LIST_REVENUE:
    case LIST_PROFIT:
    case LIST_INCOME: {
        bool reported = list_sheets_raw_figure(record, field, &raw);
        bool money = list_sheets_is_money(field);
        return list_sheets_put_figure(writer, sheet, row, column, reported,
                                      list_sheets_figure_value(field, raw),
                                      money ? amount_decimals : count_decimals,
                                      money ? amount : count, width);
    }
    case LIST_ID: text = record->id; break;
    case LIST_NAME: text = record->name; break;
    case LIST_DISTRICT: text = record->district; break;
    case LIST_SECTOR:
        text = record->sector < config->sector_count ? config->sectors[record->sector].label : NULL;
        break;
    case LIST_FLAGS:
        list_sheets_flags(writer, entry, flags, sizeof flags);
        text = flags;
        break;
    case LIST_STATUS: text = entry->status; break;
    case LIST_FIELD_COUNT: break;   /* unknown (the template loader refuses them): empty */
    }
    /* An empty string gives an empty cell that keeps the row's format. */
    return list_sheets_put_string(writer, sheet, row, column, text ? text : "",
                                  lit ? style->highlight_text : style->text, width);
}

/* The column holding `field`, or -1. */
static int list_sheets_find_column(const struct template_list *columns, enum list_field field)
{
    for (size_t c = 0; c < columns->count; c++)
        if (list_sheets_field(columns->columns[c].field) == field)
            return (int)c;
    return -1;
}

/* The totals row under the data: the word "total" in the name column, a live
 * count of the rows in the number column and live sums of the counts and
 * money, each stored with its value computed here from the same rows
 * (viewers that do not recalculate show it). SUBTOTAL ignores rows hidden by
 * the autofilter. */
static int list_sheets_put_totals(struct sheet_writer *writer, lxw_worksheet *sheet,
                                  struct list_table *table, lxw_row_t row)
{
    const struct template_list *columns = table->columns;
    int label_column = list_sheets_find_column(columns, LIST_NAME);
    if (label_column < 0)
        label_column = list_sheets_find_column(columns, LIST_ID);
    int counted_column = list_sheets_find_column(columns, LIST_ID);
    if (counted_column < 0)
        counted_column = list_sheets_find_column(columns, LIST_NUMBER);
    lxw_row_t first = table->header_row + 1, last = table->header_row + (lxw_row_t)table->count;
    for (size_t c = 0; c < columns->count; c++) {
        lxw_col_t column = (lxw_col_t)c;
        enum list_field field = list_sheets_field(columns->columns[c].field);
        int function = 9;
        lxw_col_t range_column = column;
        double value;
        enum indicator_format format = FORMAT_COUNT;
        if ((int)c == label_column && field != LIST_NUMBER) {
            const char *word = writer->layout->text_total ? writer->layout->text_total : "";
            if (list_sheets_put_string(writer, sheet, row, column, word, writer->style.text_bold,
                                       &table->widths[c]) != 0)
                return -1;
            continue;
        }
        if (field == LIST_NUMBER && counted_column >= 0) {
            function = 3;
            range_column = (lxw_col_t)counted_column;
            value = (double)table->count;
        } else if (field == LIST_MEMBERS || field == LIST_WORKERS || field == LIST_REVENUE ||
                   field == LIST_PROFIT) {
            /* Exact integer sums of what was reported, scaled once. */
            int64_t sum = 0, raw;
            for (size_t i = 0; i < table->count; i++)
                if (list_sheets_raw_figure(table->entries[i].record, field, &raw))
                    sum += raw;
            value = list_sheets_figure_value(field, sum);
            format = list_sheets_is_money(field) ? FORMAT_AMOUNT : FORMAT_COUNT;
        } else {
            WRITER_CHECK(writer, worksheet_write_blank(sheet, row, column, writer->style.text_bold),
                         "the totals row of '%s'", table->sheet_name);
            continue;
        }
        int decimals = indicators_format_decimals(format);
        lxw_format *style = writer->style.figures_bold[decimals];
        list_sheets_widen(&table->widths[c], list_sheets_number_width(value, decimals));
        if (table->count == 0) {
            /* No rows: no range to refer to. */
            if (writer_put_number(writer, sheet, row, column, 0, style) != 0)
                return -1;
            continue;
        }
        char range[LXW_MAX_CELL_RANGE_LENGTH], formula[LXW_MAX_CELL_RANGE_LENGTH + 32];
        lxw_rowcol_to_range(range, first, range_column, last, range_column);
        snprintf(formula, sizeof formula, "=SUBTOTAL(%d,%s)", function, range);
        WRITER_CHECK(writer, worksheet_write_formula_num(sheet, row, column, formula, style,
                                                         isfinite(value) ? value : 0),
                     "the totals row of '%s'", table->sheet_name);
    }
    return 0;
}

/* Writes the entries of a list, one row each, below *row; *row ends on the last. */
static int list_sheets_put_rows(struct sheet_writer *writer, lxw_worksheet *sheet,
                                struct list_table *table, lxw_row_t *row)
{
    const struct template_list *columns = table->columns;
    for (size_t i = 0; i < table->count; i++) {
        ++*row;
        for (size_t c = 0; c < columns->count; c++)
            if (list_sheets_put_cell(writer, sheet, *row, (lxw_col_t)c,
                                     list_sheets_field(columns->columns[c].field),
                                     &table->entries[i], i + 1, &table->widths[c]) != 0)
                return -1;
    }
    return 0;
}

/* The appendix of a list, after one empty row: a heading in the first column
 * (it may run over the empty cells to its right, so it does not widen the
 * column), its rows numbered from 1 and its own totals. */
static int list_sheets_put_appendix(struct sheet_writer *writer, lxw_worksheet *sheet,
                                    struct list_table *table, lxw_row_t *row)
{
    *row += 2;
    WRITER_CHECK(writer, worksheet_write_string(sheet, *row, 0, list_sheets_words(writer)->unions,
                                                writer->style.plain_bold),
                 "the heading of the unions in '%s'", table->sheet_name);
    struct list_table part = {table->sheet_name, table->columns, table->appendix,
                              table->appendix_count, *row, true, NULL, 0, {0}};
    memcpy(part.widths, table->widths, sizeof part.widths);
    if (list_sheets_put_rows(writer, sheet, &part, row) != 0 ||
        list_sheets_put_totals(writer, sheet, &part, ++*row) != 0)
        return -1;
    memcpy(table->widths, part.widths, sizeof part.widths);
    return 0;
}

/* Writes the header, the rows and (if asked) the totals of a list from
 * table->header_row down, with an autofilter over the header and the data,
 * then the column widths (at least A and B, which a target's table uses) and
 * the print set-up. A list at the top of its sheet keeps its header in view. */
static int list_sheets_put_table(struct sheet_writer *writer, lxw_worksheet *sheet,
                                 struct list_table *table)
{
    const struct template_list *columns = table->columns;
    if (columns->count == 0 || columns->count > LIST_MAX_COLUMNS)
        return writer_fail(writer, LXW_ERROR_PARAMETER_VALIDATION, "the %zu columns of '%s'",
                           columns->count, table->sheet_name);
    /* Header, rows and totals must fit in Excel's rows: refused whole,
     * before any row is written, rather than cut. */
    size_t needed = (size_t)table->header_row + 1 + table->count + table->totals +
                    (table->appendix_count ? 3 + table->appendix_count : 0);
    if (needed > writer_max_sheet_rows()) {
        diag_error(writer->diagnostics, writer->path, 0, 0, NULL,
                   "the sheet '%s' would need %zu rows, more than the %lu rows an Excel sheet "
                   "holds: report this province in parts (one registry file per district, say)",
                   table->sheet_name, needed, (unsigned long)writer_max_sheet_rows());
        writer->failure_status = COOP_EXIT_DATA;
        return -1;
    }
    for (size_t c = 0; c < columns->count; c++) {
        const char *title = columns->columns[c].title ? columns->columns[c].title : "";
        /* The header wraps: half its length is enough. */
        list_sheets_widen(&table->widths[c], writer_text_width(title) / 2);
        WRITER_CHECK(writer, worksheet_write_string(sheet, table->header_row, (lxw_col_t)c, title,
                                                    writer->style.header),
                     "the header of '%s'", table->sheet_name);
    }
    lxw_row_t row = table->header_row;
    if (list_sheets_put_rows(writer, sheet, table, &row) != 0)
        return -1;
    lxw_col_t last_column = (lxw_col_t)(columns->count > 2 ? columns->count - 1 : 1);
    WRITER_CHECK(writer, worksheet_autofilter(sheet, table->header_row, 0, row,
                                              (lxw_col_t)(columns->count - 1)),
                 "the autofilter of '%s'", table->sheet_name);
    if (table->totals && list_sheets_put_totals(writer, sheet, table, ++row) != 0)
        return -1;
    if (table->appendix_count > 0 && list_sheets_put_appendix(writer, sheet, table, &row) != 0)
        return -1;
    for (lxw_col_t c = 0; c <= last_column; c++) {
        double width = table->widths[c] < LIST_MIN_WIDTH ? LIST_MIN_WIDTH
                       : table->widths[c] > LIST_MAX_WIDTH ? LIST_MAX_WIDTH : table->widths[c];
        WRITER_CHECK(writer, worksheet_set_column(sheet, c, c, width, NULL),
                     "the column widths of '%s'", table->sheet_name);
    }
    if (table->header_row == 0)
        worksheet_freeze_panes(sheet, 1, 0);
    return writer_set_print(writer, sheet, true, (int)table->header_row, (int)table->header_row,
                            row, last_column);
}

/* Adds a list's sheet, streamed (constant_memory: rows in order, inline
 * strings) when the workbook is large (writer_open decides). */
static lxw_worksheet *list_sheets_add_sheet(struct sheet_writer *writer, const char *wanted,
                                            char *name_out)
{
    writer->workbook->options.constant_memory = writer->constant_memory;
    lxw_worksheet *sheet = writer_add_sheet(writer, wanted, name_out);
    writer->workbook->options.constant_memory = LXW_FALSE;
    return sheet;
}

/* A sheet holding only a list, and its appendix (appendix_count may be 0). */
static int list_sheets_write_list(struct sheet_writer *writer, const char *wanted_name,
                                  const struct template_list *columns,
                                  const struct list_entry *entries, size_t count, bool totals,
                                  size_t appendix_count)
{
    char name[SHEET_NAME_SIZE];
    lxw_worksheet *sheet = list_sheets_add_sheet(writer, wanted_name, name);
    if (!sheet)
        return -1;
    struct list_table table = {name, columns, entries, count, 0, totals,
                               entries + count, appendix_count, {0}};
    return list_sheets_put_table(writer, sheet, &table);
}

/* --- choosing the units ----------------------------------------------------------- */

enum list_event { EVENT_OPERATING, EVENT_FOUNDED, EVENT_DISSOLVED, EVENT_CHANGE };

/* Which units a list shows. */
struct list_selection {
    const struct coop_dataset *dataset;
    bool any_kind;                 /* HTX and LHHTX (and THT); otherwise only `kind` */
    enum coop_kind kind;
    enum list_event event;         /* on the window first..last */
    size_t sector;                 /* SIZE_MAX: every sector */
    int flag;                      /* index into list_sheets_record_flags; -1: none */
    coop_date first, last;
};

/* What happened to a unit in the period, or NULL when it operated through
 * it without being founded in it (then it is only in a sector or groups sheet). */
static const char *list_sheets_change(const struct sheet_writer *writer,
                                      const struct coop_record *record, coop_date first,
                                      coop_date last)
{
    const struct list_words *words = list_sheets_words(writer);
    bool founded_within = record_is_founded_within(record, first, last);
    bool dissolved_within = record->dissolved >= first && record->dissolved <= last;
    if (record->founded > last)
        return words->founded_after;
    if (record->dissolved && record->dissolved < first)
        return words->dissolved_before;
    if (founded_within && dissolved_within)
        return words->founded_and_dissolved;
    if (dissolved_within)
        return words->dissolved_within;
    if (founded_within)
        return writer->layout->text_founded_in_period ? writer->layout->text_founded_in_period : "";
    return NULL;
}

/* Appends the units `pick` selects to entries, in file order; only counts
 * them when entries is NULL. */
static void list_sheets_collect(const struct sheet_writer *writer,
                                const struct list_selection *pick, struct list_entry *entries,
                                size_t *count)
{
    coop_date first, last;
    list_sheets_period(writer, &first, &last);
    for (size_t i = 0; pick->dataset && i < pick->dataset->count; i++) {
        const struct coop_record *record = &pick->dataset->records[i];
        bool flags[4], keep;
        list_sheets_record_flags(record, flags);
        if ((!pick->any_kind && record->kind != pick->kind) ||
            (pick->sector != SIZE_MAX && record->sector != pick->sector) ||
            (pick->flag >= 0 && !flags[pick->flag]))
            continue;
        const char *change = NULL;
        switch (pick->event) {
        case EVENT_FOUNDED: keep = record_is_founded_within(record, pick->first, pick->last); break;
        case EVENT_DISSOLVED:
            keep = record->dissolved >= pick->first && record->dissolved <= pick->last;
            break;
        case EVENT_CHANGE:
            keep = (change = list_sheets_change(writer, record, pick->first, pick->last)) != NULL;
            break;
        default: keep = record_is_operating(record, pick->last); break;
        }
        if (keep && entries)
            entries[*count] = (struct list_entry){record, change,
                                                  record_is_founded_within(record, first, last)};
        *count += keep;
    }
}

/* Whether `text` begins with the key segment `word` ("new" in "new.sector.x"). */
static bool list_sheets_segment(const char *text, const char *word)
{
    size_t length = strlen(word);
    return strncmp(text, word, length) == 0 && (text[length] == '\0' || text[length] == '.');
}

/* The units that count toward an indicator measured on a window, as
 * indicators.c counts them: "groups." / "unions." / "coops." picks THT, LHHTX
 * or HTX; "new" / "dissolved" the event in the window; a flag name the flag;
 * ".sector.CODE" the sector. Anything else: those operating at the window end. */
static void list_sheets_select(const struct sheet_writer *writer, const char *key,
                               coop_date first, coop_date last, struct list_selection *pick)
{
    static const char *const FLAGS[4] = {"market_access", "value_chain", "high_tech",
                                         "alliance_members"};
    const struct workbook_content *content = writer->content;
    const struct coop_config *config = content->config;
    *pick = (struct list_selection){content->coops, false, KIND_HTX, EVENT_OPERATING, SIZE_MAX, -1,
                                    first, last};
    const char *rest = key;
    if (list_sheets_segment(key, "groups")) {
        pick->dataset = content->groups;
        pick->any_kind = true;
        rest += strlen("groups");
    } else if (list_sheets_segment(key, "unions")) {
        pick->kind = KIND_LHHTX;
        rest += strlen("unions");
    } else if (list_sheets_segment(key, "coops")) {
        rest += strlen("coops");
    }
    rest += *rest == '.';
    if (list_sheets_segment(rest, "new"))
        pick->event = EVENT_FOUNDED;
    else if (list_sheets_segment(rest, "dissolved"))
        pick->event = EVENT_DISSOLVED;
    for (int f = 0; f < 4; f++)
        if (list_sheets_segment(rest, FLAGS[f]))
            pick->flag = f;
    /* The longest code that ends a segment, so that a code holding a dot works. */
    const char *sector = strstr(key, ".sector.");
    size_t matched = 0;
    for (size_t s = 0; sector && s < config->sector_count; s++) {
        size_t length = strlen(config->sectors[s].code);
        if (length > matched &&
            list_sheets_segment(sector + strlen(".sector."), config->sectors[s].code)) {
            pick->sector = s;
            matched = length;
        }
    }
}

/* --- sectors, groups, changes ---------------------------------------------------- */

int list_sheets_write_sectors(struct sheet_writer *writer)
{
    const struct workbook_content *content = writer->content;
    const struct coop_config *config = content->config;
    if (!content->coops)
        return 0;
    struct list_entry *entries = list_sheets_new_entries(writer, content->coops->count);
    if (!entries)
        return -1;
    int status = 0;
    for (size_t s = 0; s < config->sector_count && status == 0; s++) {
        /* The HTX, whose totals are the sector's indicators, then its LHHTX
         * under their own heading: every operating unit is in the workbook. */
        struct list_selection pick = {content->coops, false, KIND_HTX, EVENT_OPERATING, s, -1, 0, 0};
        list_sheets_period(writer, &pick.first, &pick.last);
        size_t count = 0, all = 0;
        list_sheets_collect(writer, &pick, entries, &count);
        all = count;
        pick.kind = KIND_LHHTX;
        list_sheets_collect(writer, &pick, entries, &all);
        if (all == 0 && !content->keep_empty_sectors)
            continue;
        const struct coop_sector *sector = &config->sectors[s];
        status = list_sheets_write_list(writer, sector->sheet ? sector->sheet : sector->label,
                                        &writer->layout->sector_list, entries, count, true,
                                        all - count);
    }
    free(entries);
    return status;
}

int list_sheets_write_groups(struct sheet_writer *writer)
{
    const struct coop_dataset *groups = writer->content->groups;
    if (!groups)
        return 0;
    struct list_entry *entries = list_sheets_new_entries(writer, groups->count);
    if (!entries)
        return -1;
    struct list_selection pick = {groups, true, KIND_HTX, EVENT_OPERATING, SIZE_MAX, -1, 0, 0};
    list_sheets_period(writer, &pick.first, &pick.last);
    size_t count = 0;
    list_sheets_collect(writer, &pick, entries, &count);
    int status = list_sheets_write_list(writer, writer->layout->groups_sheet,
                                        &writer->layout->group_list, entries, count, true, 0);
    free(entries);
    return status;
}

int list_sheets_write_changes(struct sheet_writer *writer)
{
    const struct coop_dataset *sources[2] = {writer->content->coops, writer->content->groups};
    size_t total = 0, count = 0;
    for (size_t s = 0; s < 2; s++)
        total += sources[s] ? sources[s]->count : 0;
    struct list_entry *entries = list_sheets_new_entries(writer, total);
    if (!entries)
        return -1;
    /* Every unit not operating at the period end (the run summary's "listed"
     * rows) and every unit founded in the period: HTX and LHHTX, then THT. */
    for (size_t s = 0; s < 2; s++) {
        struct list_selection pick = {sources[s], true, KIND_HTX, EVENT_CHANGE, SIZE_MAX, -1, 0, 0};
        list_sheets_period(writer, &pick.first, &pick.last);
        list_sheets_collect(writer, &pick, entries, &count);
    }
    int status = list_sheets_write_list(writer, writer->layout->changes_sheet,
                                        &writer->layout->changes_list, entries, count, false, 0);
    free(entries);
    return status;
}

/* --- targets ------------------------------------------------------------------------ */

/* A row of the target's two-column table: a label, and a text or a number. */
struct list_pair {
    const char *label;
    const char *text;              /* NULL: a number */
    bool has_number;               /* false: an empty number cell */
    double number;
    int decimals;                  /* of the number */
};

static int list_sheets_put_pairs(struct sheet_writer *writer, lxw_worksheet *sheet,
                                 const struct list_pair *pairs, size_t count, double *widths)
{
    double label_width = 0, value_width = 0;
    for (size_t i = 0; i < count; i++) {
        const struct list_pair *pair = &pairs[i];
        lxw_row_t row = (lxw_row_t)i;
        if (list_sheets_put_string(writer, sheet, row, 0, pair->label, writer->style.text_bold,
                                   &label_width) != 0)
            return -1;
        lxw_format *number = writer->style.figures[pair->decimals];
        int status = pair->text ? list_sheets_put_string(writer, sheet, row, 1, pair->text,
                                                         writer->style.text, &value_width)
                                : list_sheets_put_figure(writer, sheet, row, 1, pair->has_number,
                                                         pair->number, pair->decimals, number,
                                                         &value_width);
        if (status != 0)
            return -1;
    }
    list_sheets_widen(&widths[0], label_width);
    list_sheets_widen(&widths[1], value_width > LIST_TARGET_VALUE_WIDTH ? LIST_TARGET_VALUE_WIDTH
                                                                        : value_width);
    return 0;
}

/* A column chart of the measured value beside the target's bounds, read from
 * the table's rows first..last (labels in A, numbers in B). The library quotes
 * the sheet name in the references (doubling any apostrophe) and reads the
 * cells back for the chart's cache. */
static int list_sheets_put_chart(struct sheet_writer *writer, lxw_worksheet *sheet,
                                 const char *name, const struct target_result *result,
                                 lxw_row_t first, lxw_row_t last, lxw_row_t rows_above_list)
{
    lxw_chart *chart = workbook_add_chart(writer->workbook, LXW_CHART_COLUMN);
    if (!chart)
        return writer_fail(writer, LXW_ERROR_MEMORY_MALLOC_FAILED, "the chart of '%s'", name);
    lxw_chart_series *series = chart_add_series(chart, NULL, NULL);
    if (!series)
        return writer_fail(writer, LXW_ERROR_MEMORY_MALLOC_FAILED, "the chart of '%s'", name);
    chart_series_set_categories(series, name, first, 0, last, 0);
    chart_series_set_values(series, name, first, 1, last, 1);
    chart_series_set_labels(series);
    /* The measured bar green when achieved, orange otherwise; bounds grey. */
    lxw_chart_fill value_fill = {.color = result->status == TARGET_ACHIEVED ? 0x70AD47 : 0xED7D31};
    lxw_chart_fill bound_fill = {.color = 0xA5A5A5};
    lxw_chart_point value_point = {.fill = &value_fill}, bound_point = {.fill = &bound_fill};
    lxw_chart_point *points[4] = {&value_point, NULL, NULL, NULL};
    for (lxw_row_t row = first + 1; row <= last && row - first < 3; row++)
        points[row - first] = &bound_point;
    WRITER_CHECK(writer, chart_series_set_points(series, points), "the chart of '%s'", name);
    chart_title_set_name_range(chart, name, 0, 1);
    lxw_chart_font title_font = {.size = 10, .bold = LXW_TRUE};
    chart_title_set_name_font(chart, &title_font);
    chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
    chart_axis_set_min(chart->y_axis, 0);
    /* Right of the table, over the empty cells above the list: as tall as the
     * rows there (20 pixels each) allow. */
    lxw_chart_options options = {.x_offset = 16, .y_offset = 4, .x_scale = 1};
    options.y_scale = rows_above_list * 20.0 > 200 ? (rows_above_list * 20.0 - 8) / 288.0 : 0.7;
    WRITER_CHECK(writer, worksheet_insert_chart_opt(sheet, 0, 2, chart, &options),
                 "the chart of '%s'", name);
    return 0;
}

/* One target's sheet: what it is, what was measured, the chart, and the units
 * counted (none when the target is not yet due). */
static int list_sheets_put_target(struct sheet_writer *writer, const struct target_result *result,
                                  struct list_entry *entries)
{
    const struct coop_target *target = result->target;
    const struct coop_template *layout = writer->layout;
    const struct list_words *words = list_sheets_words(writer);
    const struct indicator *figure = indicators_find(writer->content->indicators, target->indicator);
    /* The value and its bounds alike, with the decimals that keep them apart. */
    int decimals = indicators_target_decimals(result, figure ? figure->format : FORMAT_AMOUNT);
    char figure_label[600];
    const char *unit = "";
    if (figure)
        writer_indicator_words(writer, figure, figure_label, sizeof figure_label, &unit);

    char window[64], low[32], high[32], range[160], low_label[256], high_label[256];
    snprintf(window, sizeof window, "%02d/%02d/%04d – %02d/%02d/%04d", date_day(result->window_first),
             date_month(result->window_first), date_year(result->window_first),
             date_day(result->window_last), date_month(result->window_last),
             date_year(result->window_last));
    writer_number_text(writer, target->min, low, sizeof low);
    writer_number_text(writer, target->max, high, sizeof high);
    if (target->has_min && target->has_max)
        snprintf(range, sizeof range, "%s – %s %s", low, high, unit);
    else
        snprintf(range, sizeof range, "%s %s %s", target->has_min ? "≥" : "≤",
                 target->has_min ? low : high, unit);
    const char *range_word = layout->text_target_range ? layout->text_target_range : "";
    snprintf(low_label, sizeof low_label, "%s ≥", range_word);
    snprintf(high_label, sizeof high_label, "%s ≤", range_word);

    /* Rows 0–3 say what the target is; the measured value and the bounds
     * follow on adjacent rows, which the chart reads. */
    struct list_pair pairs[9];
    size_t count = 0;
    pairs[count++] = (struct list_pair){words->definition, target->label, false, 0, 0};
    pairs[count++] = (struct list_pair){words->indicator_key, target->indicator, false, 0, 0};
    pairs[count++] = (struct list_pair){layout->text_target_window, window, false, 0, 0};
    pairs[count++] = (struct list_pair){range_word, range, false, 0, 0};
    lxw_row_t chart_first = (lxw_row_t)count;
    pairs[count++] = (struct list_pair){layout->text_target_value, NULL, result->has_value,
                                        result->value, decimals};
    if (target->has_min)
        pairs[count++] = (struct list_pair){low_label, NULL, true, target->min, decimals};
    if (target->has_max)
        pairs[count++] = (struct list_pair){high_label, NULL, true, target->max, decimals};
    lxw_row_t chart_last = (lxw_row_t)count - 1;
    pairs[count++] = (struct list_pair){layout->text_target_percent, NULL, result->has_percent,
                                        result->percent,
                                        indicators_target_percent_decimals(result)};
    pairs[count++] = (struct list_pair){layout->text_target_status,
                                        writer_status_label(writer, result->status), false, 0,
                                        0};
    for (size_t i = 0; i < count; i++)
        if (!pairs[i].label)
            pairs[i].label = "";

    /* The units counted, as the indicator counts them on the window. */
    size_t unit_count = 0;
    struct list_selection pick;
    list_sheets_select(writer, target->indicator, result->window_first, result->window_last, &pick);
    if (result->status != TARGET_NOT_YET_DUE)
        list_sheets_collect(writer, &pick, entries, &unit_count);

    char name[SHEET_NAME_SIZE];
    lxw_worksheet *sheet = list_sheets_add_sheet(writer, target->label, name);
    if (!sheet)
        return -1;
    /* A target on the groups counts THT: their list's columns speak of THT. */
    const struct template_list *columns = pick.dataset && pick.dataset == writer->content->groups
                                              ? &layout->group_list
                                              : &layout->target_list;
    lxw_row_t title_row = (lxw_row_t)count + 1;
    struct list_table table = {name, columns, entries, unit_count, title_row + 1, false, NULL, 0,
                               {0}};
    if (list_sheets_put_pairs(writer, sheet, pairs, count, table.widths) != 0)
        return -1;
    /* The title of the list, centred over its columns (A and B at least). */
    WRITER_CHECK(writer, worksheet_merge_range(sheet, title_row, 0, title_row,
                                               (lxw_col_t)(columns->count > 2 ? columns->count - 1 : 1),
                                               layout->text_target_units ? layout->text_target_units
                                                                         : "",
                                               writer->style.plain_bold),
                 "the title of the units of '%s'", name);
    if (list_sheets_put_table(writer, sheet, &table) != 0)
        return -1;
    return list_sheets_put_chart(writer, sheet, name, result, chart_first, chart_last, title_row);
}

int list_sheets_write_targets(struct sheet_writer *writer)
{
    const struct workbook_content *content = writer->content;
    const struct coop_config *config = content->config;
    if (config->target_count == 0 || !content->targets)
        return 0;
    size_t most = content->coops ? content->coops->count : 0;
    if (content->groups && content->groups->count > most)
        most = content->groups->count;
    struct list_entry *entries = list_sheets_new_entries(writer, most);
    if (!entries)
        return -1;
    int status = 0;
    for (size_t t = 0; t < config->target_count && status == 0; t++)
        status = list_sheets_put_target(writer, &content->targets[t], entries);
    free(entries);
    return status;
}

/* --- the size of the lists ------------------------------------------------------------ */

size_t list_sheets_count_rows(struct sheet_writer *writer)
{
    const struct workbook_content *content = writer->content;
    const struct coop_config *config = content->config;
    size_t rows = 0;
    /* Every HTX and LHHTX operating at the period end is in one sector sheet. */
    for (size_t s = 0; content->coops && s < config->sector_count; s++) {
        struct list_selection pick = {content->coops, true, KIND_HTX, EVENT_OPERATING, s, -1, 0, 0};
        list_sheets_period(writer, &pick.first, &pick.last);
        list_sheets_collect(writer, &pick, NULL, &rows);
    }
    const struct coop_dataset *sources[2] = {content->coops, content->groups};
    for (size_t s = 0; s < 2; s++) {
        struct list_selection pick = {sources[s], true, KIND_HTX, EVENT_CHANGE, SIZE_MAX, -1, 0, 0};
        list_sheets_period(writer, &pick.first, &pick.last);
        list_sheets_collect(writer, &pick, NULL, &rows);
    }
    if (content->groups) {
        struct list_selection pick = {content->groups, true, KIND_HTX, EVENT_OPERATING, SIZE_MAX, -1, 0, 0};
        list_sheets_period(writer, &pick.first, &pick.last);
        list_sheets_collect(writer, &pick, NULL, &rows);
    }
    for (size_t t = 0; content->targets && t < config->target_count; t++) {
        const struct target_result *result = &content->targets[t];
        if (result->status == TARGET_NOT_YET_DUE)
            continue;
        struct list_selection pick;
        list_sheets_select(writer, result->target->indicator, result->window_first, result->window_last,
                           &pick);
        list_sheets_collect(writer, &pick, NULL, &rows);
    }
    return rows;
}
