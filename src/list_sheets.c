/*
 * list_sheets — the sheets that list units one row each: one per sector, the
 * groups (THT) and the changes (dissolved, not yet founded, new); the target
 * sheets (target_sheet.c) list theirs the same way. With the rejected-rows
 * sheet they show every accepted row of the input somewhere (SPEC §4:
 * nothing is dropped silently).
 *
 * One function, list_table_put, writes any list of records under the columns
 * of a template list, each column as wide as its content measured in the
 * form's font (text_measure.h) and each row as tall as its wrapped text; the
 * sheet functions only choose the records.
 * Text from the data is always written as a string, never as a formula.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coopreport/list_table.h"
#include "coopreport/page_header.h"

/* Column widths, in characters: measured from the content, within bounds;
 * longer text wraps and its row grows. */
#define LIST_MIN_WIDTH 6.0
#define LIST_MAX_WIDTH 60.0
#define LIST_NAME_MAX_WIDTH 56.0
#define LIST_FLAGS_MAX_WIDTH 48.0
#define LIST_TEXT_MAX_WIDTH 36.0
#define LIST_FLAGS_SIZE 1024

/* The fields a list column can show (templates/README.md). */
enum list_field {
    LIST_NUMBER, LIST_ID, LIST_NAME, LIST_DISTRICT, LIST_SECTOR, LIST_FOUNDED, LIST_DISSOLVED,
    LIST_MEMBERS, LIST_WORKERS, LIST_REVENUE, LIST_PROFIT, LIST_INCOME, LIST_FLAGS, LIST_STATUS,
    LIST_FIELD_COUNT
};

static const char *const LIST_FIELD_NAMES[LIST_FIELD_COUNT] = {
    "number", "id", "name", "district", "sector", "founded", "dissolved", "members", "workers",
    "revenue", "profit", "income", "flags", "status"};

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

/* --- small helpers ---------------------------------------------------------------- */

const struct list_words *list_table_words(const struct sheet_writer *writer)
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

struct list_entry *list_table_new_entries(struct sheet_writer *writer, size_t count)
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
            parts[count++] = list_table_words(writer)->flags[f];
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

/* What a cell of a list shows: text (kind TEXT), a number (NUMBER, blank
 * when not reported) or a date (DATE). */
enum list_cell_kind { CELL_TEXT, CELL_NUMBER, CELL_DATE };
struct list_cell {
    enum list_cell_kind kind;
    const char *text;              /* never NULL for CELL_TEXT */
    bool reported;
    double value;
    int decimals;
    coop_date date;
};

/* The content of one field of one record. `number` is the row's STT;
 * `flags` receives the flags column's text. */
static struct list_cell list_sheets_cell(const struct sheet_writer *writer, enum list_field field,
                                         const struct list_entry *entry, size_t number,
                                         char *flags, size_t size)
{
    const struct coop_record *record = entry->record;
    const struct coop_config *config = writer->content->config;
    struct list_cell cell = {CELL_TEXT, NULL, true, 0, 0, 0};
    int64_t raw = 0;
    switch (field) {
    case LIST_NUMBER:
        cell.kind = CELL_NUMBER;
        cell.value = (double)number;
        cell.decimals = indicators_format_decimals(FORMAT_COUNT);
        return cell;
    case LIST_FOUNDED:
    case LIST_DISSOLVED:
        cell.kind = CELL_DATE;
        cell.date = field == LIST_FOUNDED ? record->founded : record->dissolved;
        return cell;
    case LIST_MEMBERS:
    case LIST_WORKERS:
    case LIST_REVENUE:
    case LIST_PROFIT:
    case LIST_INCOME:
        cell.kind = CELL_NUMBER;
        cell.reported = list_sheets_raw_figure(record, field, &raw);
        cell.value = list_sheets_figure_value(field, raw);
        cell.decimals = indicators_format_decimals(list_sheets_is_money(field) ? FORMAT_AMOUNT
                                                                                : FORMAT_COUNT);
        return cell;
    case LIST_ID: cell.text = record->id; break;
    case LIST_NAME: cell.text = record->name; break;
    case LIST_DISTRICT: cell.text = record->district; break;
    case LIST_SECTOR:
        cell.text = record->sector < config->sector_count ? config->sectors[record->sector].label
                                                          : NULL;
        break;
    case LIST_FLAGS:
        list_sheets_flags(writer, entry, flags, size);
        cell.text = flags;
        break;
    case LIST_STATUS: cell.text = entry->status; break;
    case LIST_FIELD_COUNT: break;   /* unknown (the template loader refuses them): empty */
    }
    /* An empty string gives an empty cell that keeps the row's format. */
    if (!cell.text)
        cell.text = "";
    return cell;
}

/* The width the cell needs on one line; date_width, that of any date
 * (shown as dd/mm/yyyy), is measured once by the caller. */
static double list_sheets_cell_width(const struct sheet_writer *writer, const struct list_cell *cell,
                                     double date_width)
{
    switch (cell->kind) {
    case CELL_DATE: return date_width;
    case CELL_NUMBER:
        return cell->reported ? writer_number_width(writer, cell->value, cell->decimals,
                                                         MEASURE_REGULAR)
                              : 0;
    default: return writer_text_width(writer, cell->text, MEASURE_REGULAR);
    }
}

/* Writes one field of one record. */
static int list_sheets_put_cell(struct sheet_writer *writer, lxw_worksheet *sheet, lxw_row_t row,
                                lxw_col_t column, const struct list_entry *entry,
                                const struct list_cell *cell)
{
    const struct sheet_styles *style = &writer->style;
    bool lit = entry->highlight;
    lxw_format *format;
    switch (cell->kind) {
    case CELL_DATE:
        return writer_put_date(writer, sheet, row, column, cell->date,
                               lit ? style->highlight_date : style->date);
    case CELL_NUMBER: {
        format = lit ? style->highlight_figures[cell->decimals] : style->figures[cell->decimals];
        if (!cell->reported) {
            WRITER_CHECK(writer, worksheet_write_blank(sheet, row, column, format),
                         "an empty figure");
            return 0;
        }
        return writer_put_number(writer, sheet, row, column, cell->value, format);
    }
    default:
        format = lit ? style->highlight_text : style->text;
        WRITER_CHECK(writer, worksheet_write_string(sheet, row, column, cell->text, format),
                     "the text '%s'", cell->text);
        return 0;
    }
}

/* The column holding `field`, or -1. */
static int list_sheets_find_column(const struct template_list *columns, enum list_field field)
{
    for (size_t c = 0; c < columns->count; c++)
        if (list_sheets_field(columns->columns[c].field) == field)
            return (int)c;
    return -1;
}

/* One cell of the totals row. */
struct list_total {
    enum { TOTAL_BLANK, TOTAL_LABEL, TOTAL_FORMULA } kind;
    int function;                  /* SUBTOTAL's: 3 counts, 9 sums */
    lxw_col_t range_column;
    bool reported;                 /* some unit reported the figure summed */
    double value;
    int decimals;                  /* of the figure's unit (indicators_format_decimals) */
};

/* What column c of the totals row of rows entries[0..count) shows: the word
 * "total" in the name column, a count of the rows in the number column, the
 * sums of the counts and money that some unit reported (blank when none did:
 * a 0 would say they all reported nothing). */
static struct list_total list_sheets_total(const struct template_list *columns, size_t c,
                                           const struct list_entry *entries, size_t count)
{
    struct list_total total = {TOTAL_BLANK, 9, (lxw_col_t)c, false, 0,
                               indicators_format_decimals(FORMAT_COUNT)};
    enum list_field field = list_sheets_field(columns->columns[c].field);
    int label_column = list_sheets_find_column(columns, LIST_NAME);
    if (label_column < 0)
        label_column = list_sheets_find_column(columns, LIST_ID);
    int counted_column = list_sheets_find_column(columns, LIST_ID);
    if (counted_column < 0)
        counted_column = list_sheets_find_column(columns, LIST_NUMBER);
    if ((int)c == label_column && field != LIST_NUMBER) {
        total.kind = TOTAL_LABEL;
    } else if (field == LIST_NUMBER && counted_column >= 0) {
        total.kind = TOTAL_FORMULA;
        total.function = 3;
        total.range_column = (lxw_col_t)counted_column;
        total.reported = true;
        total.value = (double)count;
    } else if (field == LIST_MEMBERS || field == LIST_WORKERS || field == LIST_REVENUE ||
               field == LIST_PROFIT) {
        /* Exact integer sums of what was reported, scaled once. */
        int64_t sum = 0, raw;
        for (size_t i = 0; i < count; i++)
            if (list_sheets_raw_figure(entries[i].record, field, &raw)) {
                sum += raw;
                total.reported = true;
            }
        total.kind = TOTAL_FORMULA;
        total.value = list_sheets_figure_value(field, sum);
        total.decimals = indicators_format_decimals(list_sheets_is_money(field) ? FORMAT_AMOUNT
                                                                                 : FORMAT_COUNT);
    }
    return total;
}

/* The totals row under the data: live SUBTOTALs, each stored with its value
 * computed here from the same rows (viewers that do not recalculate show
 * it). SUBTOTAL ignores rows hidden by the autofilter. */
static int list_sheets_put_totals(struct sheet_writer *writer, lxw_worksheet *sheet,
                                  const struct list_table *table, const struct list_entry *entries,
                                  size_t count, lxw_row_t header_row, lxw_row_t row)
{
    const struct template_list *columns = table->columns;
    lxw_row_t first = header_row + 1, last = header_row + (lxw_row_t)count;
    for (size_t c = 0; c < columns->count; c++) {
        lxw_col_t column = (lxw_col_t)c;
        struct list_total total = list_sheets_total(columns, c, entries, count);
        lxw_format *style = writer->style.figures_bold[total.decimals];
        if (total.kind == TOTAL_LABEL) {
            const char *word = writer->layout->text_total ? writer->layout->text_total : "";
            WRITER_CHECK(writer, worksheet_write_string(sheet, row, column, word,
                                                        writer->style.text_bold),
                         "the totals row of '%s'", table->sheet_name);
        } else if (total.kind == TOTAL_BLANK || !total.reported) {
            WRITER_CHECK(writer, worksheet_write_blank(sheet, row, column,
                                                       total.kind == TOTAL_BLANK
                                                           ? writer->style.text_bold : style),
                         "the totals row of '%s'", table->sheet_name);
        } else if (count == 0) {
            /* No rows: no range to refer to. */
            if (writer_put_number(writer, sheet, row, column, 0, style) != 0)
                return -1;
        } else {
            char range[LXW_MAX_CELL_RANGE_LENGTH], formula[LXW_MAX_CELL_RANGE_LENGTH + 32];
            lxw_rowcol_to_range(range, first, total.range_column, last, total.range_column);
            snprintf(formula, sizeof formula, "=SUBTOTAL(%d,%s)", total.function, range);
            WRITER_CHECK(writer, worksheet_write_formula_num(sheet, row, column, formula, style,
                                                             isfinite(total.value) ? total.value : 0),
                         "the totals row of '%s'", table->sheet_name);
        }
    }
    return 0;
}

/* Widens table->widths to the cells of entries[0..count) and their totals. */
static void list_sheets_measure_rows(const struct sheet_writer *writer, struct list_table *table,
                                     const struct list_entry *entries, size_t count)
{
    const struct template_list *columns = table->columns;
    char flags[LIST_FLAGS_SIZE];
    double date_width = writer_text_width(writer, "00/00/0000", MEASURE_REGULAR);
    for (size_t i = 0; i < count; i++)
        for (size_t c = 0; c < columns->count; c++) {
            struct list_cell cell = list_sheets_cell(writer, list_sheets_field(columns->columns[c].field),
                                                     &entries[i], i + 1, flags, sizeof flags);
            list_sheets_widen(&table->widths[c], list_sheets_cell_width(writer, &cell, date_width));
        }
    for (size_t c = 0; table->totals && c < columns->count; c++) {
        struct list_total total = list_sheets_total(columns, c, entries, count);
        if (total.kind == TOTAL_LABEL && writer->layout->text_total)
            list_sheets_widen(&table->widths[c],
                              writer_text_width(writer, writer->layout->text_total, MEASURE_BOLD));
        else if (total.kind == TOTAL_FORMULA && total.reported)
            list_sheets_widen(&table->widths[c],
                              writer_number_width(writer, total.value, total.decimals,
                                                       MEASURE_BOLD));
    }
}

/* The widest a column of `field` grows: past it, its text wraps. */
static double list_sheets_max_width(enum list_field field)
{
    switch (field) {
    case LIST_NAME: return LIST_NAME_MAX_WIDTH;
    case LIST_FLAGS: return LIST_FLAGS_MAX_WIDTH;
    case LIST_STATUS:
    case LIST_DISTRICT:
    case LIST_SECTOR: return LIST_TEXT_MAX_WIDTH;
    default: return LIST_MAX_WIDTH;
    }
}

int list_table_measure(struct sheet_writer *writer, struct list_table *table)
{
    const struct template_list *columns = table->columns;
    if (columns->count == 0 || columns->count > LIST_MAX_COLUMNS)
        return writer_fail(writer, LXW_ERROR_PARAMETER_VALIDATION, "the %zu columns of '%s'",
                           columns->count, table->sheet_name);
    for (size_t c = 0; c < columns->count; c++) {
        const char *title = columns->columns[c].title ? columns->columns[c].title : "";
        /* A title may wrap on two lines, but no word of it is cut. */
        list_sheets_widen(&table->widths[c], writer_word_width(writer, title, MEASURE_BOLD));
        list_sheets_widen(&table->widths[c], writer_text_width(writer, title, MEASURE_BOLD) / 2);
    }
    list_sheets_measure_rows(writer, table, table->entries, table->count);
    list_sheets_measure_rows(writer, table, table->appendix, table->appendix_count);
    for (size_t c = 0; c < columns->count; c++) {
        double most = list_sheets_max_width(list_sheets_field(columns->columns[c].field));
        table->widths[c] = table->widths[c] < LIST_MIN_WIDTH ? LIST_MIN_WIDTH
                           : table->widths[c] > most          ? most
                                                              : table->widths[c];
    }
    if (table->last_column < columns->count - 1)
        table->last_column = (lxw_col_t)(columns->count - 1);
    table->measured = true;
    return 0;
}

/* Writes entries[0..count) one row each below *row, each row as tall as its
 * most wrapped text; *row ends on the last. */
static int list_sheets_put_rows(struct sheet_writer *writer, lxw_worksheet *sheet,
                                const struct list_table *table, const struct list_entry *entries,
                                size_t count, lxw_row_t *row)
{
    const struct template_list *columns = table->columns;
    struct list_cell cells[LIST_MAX_COLUMNS];
    char flags[LIST_FLAGS_SIZE];
    for (size_t i = 0; i < count; i++) {
        ++*row;
        size_t lines = 1;
        for (size_t c = 0; c < columns->count; c++) {
            cells[c] = list_sheets_cell(writer, list_sheets_field(columns->columns[c].field),
                                        &entries[i], i + 1, flags, sizeof flags);
            if (cells[c].kind == CELL_TEXT && *cells[c].text) {
                size_t needed = writer_text_lines(writer, cells[c].text, MEASURE_REGULAR,
                                                  table->widths[c]);
                lines = needed > lines ? needed : lines;
            }
        }
        /* Before the cells: a streamed sheet writes a row out when the next begins. */
        if (writer_fit_row(writer, sheet, *row, lines) != 0)
            return -1;
        /* A field is in a list once: `flags` holds one column's text. */
        for (size_t c = 0; c < columns->count; c++) {
            if (list_sheets_put_cell(writer, sheet, *row, (lxw_col_t)c, &entries[i], &cells[c]) != 0)
                return -1;
        }
    }
    return 0;
}

/* The appendix of a list, after one empty row: a heading merged across the
 * table (it belongs to all of it, and a narrow first column would wrap it
 * word by word), its rows numbered from 1 and its own totals. */
static int list_sheets_put_appendix(struct sheet_writer *writer, lxw_worksheet *sheet,
                                    struct list_table *table, lxw_row_t *row)
{
    *row += 2;
    const char *heading = list_table_words(writer)->unions;
    lxw_col_t last = (lxw_col_t)(table->columns->count - 1);
    double width = 0;
    for (lxw_col_t c = 0; c <= last; c++)
        width += table->widths[c];
    if (writer_fit_row(writer, sheet, *row, writer_text_lines(writer, heading, MEASURE_BOLD, width)) != 0 ||
        writer_put_span(writer, sheet, *row, 0, last, heading, writer->style.plain_bold) != 0)
        return -1;
    lxw_row_t header_row = *row;
    if (list_sheets_put_rows(writer, sheet, table, table->appendix, table->appendix_count, row) != 0)
        return -1;
    ++*row;
    return list_sheets_put_totals(writer, sheet, table, table->appendix, table->appendix_count,
                                  header_row, *row);
}

int list_table_put(struct sheet_writer *writer, lxw_worksheet *sheet, struct list_table *table)
{
    const struct template_list *columns = table->columns;
    if (!table->measured && list_table_measure(writer, table) != 0)
        return -1;
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
    size_t header_lines = 1;
    for (size_t c = 0; c < columns->count; c++) {
        const char *title = columns->columns[c].title ? columns->columns[c].title : "";
        size_t lines = writer_text_lines(writer, title, MEASURE_BOLD, table->widths[c]);
        header_lines = lines > header_lines ? lines : header_lines;
    }
    if (writer_fit_row(writer, sheet, table->header_row, header_lines) != 0)
        return -1;
    for (size_t c = 0; c < columns->count; c++)
        WRITER_CHECK(writer, worksheet_write_string(sheet, table->header_row, (lxw_col_t)c,
                                                    columns->columns[c].title
                                                        ? columns->columns[c].title : "",
                                                    writer->style.header),
                     "the header of '%s'", table->sheet_name);
    lxw_row_t row = table->header_row;
    if (list_sheets_put_rows(writer, sheet, table, table->entries, table->count, &row) != 0)
        return -1;
    WRITER_CHECK(writer, worksheet_autofilter(sheet, table->header_row, 0, row,
                                              (lxw_col_t)(columns->count - 1)),
                 "the autofilter of '%s'", table->sheet_name);
    if (table->totals &&
        list_sheets_put_totals(writer, sheet, table, table->entries, table->count,
                               table->header_row, ++row) != 0)
        return -1;
    if (table->appendix_count > 0 && list_sheets_put_appendix(writer, sheet, table, &row) != 0)
        return -1;
    for (lxw_col_t c = 0; c <= table->last_column && c < LIST_MAX_COLUMNS; c++)
        if (table->widths[c] > 0)
            WRITER_CHECK(writer, worksheet_set_column(sheet, c, c, table->widths[c], NULL),
                         "the column widths of '%s'", table->sheet_name);
    if (table->header_row == 0)
        worksheet_freeze_panes(sheet, 1, 0);
    if (writer_set_print(writer, sheet, true, (int)table->header_row, (int)table->header_row,
                         row > table->last_row ? row : table->last_row, table->last_column) != 0)
        return -1;
    return table->title ? page_header_put(writer, sheet, table->title, table->sheet_name) : 0;
}

lxw_worksheet *list_table_add_sheet(struct sheet_writer *writer, const char *wanted,
                                    char *name_out)
{
    writer->workbook->options.constant_memory = writer->constant_memory;
    lxw_worksheet *sheet = writer_add_sheet(writer, wanted, name_out);
    writer->workbook->options.constant_memory = LXW_FALSE;
    return sheet;
}

/* A sheet holding only a list, and its appendix (appendix_count may be 0). */
static int list_sheets_write_list(struct sheet_writer *writer, const char *wanted_name,
                                  const char *title, const struct template_list *columns,
                                  const struct list_entry *entries, size_t count, bool totals,
                                  size_t appendix_count)
{
    char name[SHEET_NAME_SIZE];
    lxw_worksheet *sheet = list_table_add_sheet(writer, wanted_name, name);
    if (!sheet)
        return -1;
    struct list_table table = {name, columns, entries, count, 0, totals,
                               entries + count, appendix_count, {0}, false, 0, 0, title};
    return list_table_put(writer, sheet, &table);
}

/* --- choosing the units ----------------------------------------------------------- */

/* What happened to a unit in the period, or NULL when it operated through
 * it without being founded in it (then it is only in a sector or groups sheet). */
static const char *list_sheets_change(const struct sheet_writer *writer,
                                      const struct coop_record *record, coop_date first,
                                      coop_date last)
{
    const struct list_words *words = list_table_words(writer);
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
void list_table_collect(const struct sheet_writer *writer,
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
void list_table_select(const struct sheet_writer *writer, const char *key,
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
    struct list_entry *entries = list_table_new_entries(writer, content->coops->count);
    if (!entries)
        return -1;
    int status = 0;
    for (size_t s = 0; s < config->sector_count && status == 0; s++) {
        /* The HTX, whose totals are the sector's indicators, then its LHHTX
         * under their own heading: every operating unit is in the workbook. */
        struct list_selection pick = {content->coops, false, KIND_HTX, EVENT_OPERATING, s, -1, 0, 0};
        list_sheets_period(writer, &pick.first, &pick.last);
        size_t count = 0, all = 0;
        list_table_collect(writer, &pick, entries, &count);
        all = count;
        pick.kind = KIND_LHHTX;
        list_table_collect(writer, &pick, entries, &all);
        if (all == 0 && !content->keep_empty_sectors)
            continue;
        const struct coop_sector *sector = &config->sectors[s];
        char title[600];
        snprintf(title, sizeof title, writer_is_english(writer) ? "Cooperatives: %s"
                                                                : "HTX lĩnh vực %s", sector->label);
        status = list_sheets_write_list(writer, sector->sheet ? sector->sheet : sector->label,
                                        title, &writer->layout->sector_list, entries, count, true,
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
    struct list_entry *entries = list_table_new_entries(writer, groups->count);
    if (!entries)
        return -1;
    struct list_selection pick = {groups, true, KIND_HTX, EVENT_OPERATING, SIZE_MAX, -1, 0, 0};
    list_sheets_period(writer, &pick.first, &pick.last);
    size_t count = 0;
    list_table_collect(writer, &pick, entries, &count);
    int status = list_sheets_write_list(writer, writer->layout->groups_sheet,
                                        writer->layout->groups_sheet, &writer->layout->group_list, entries, count, true, 0);
    free(entries);
    return status;
}

int list_sheets_write_changes(struct sheet_writer *writer)
{
    const struct coop_dataset *sources[2] = {writer->content->coops, writer->content->groups};
    size_t total = 0, count = 0;
    for (size_t s = 0; s < 2; s++)
        total += sources[s] ? sources[s]->count : 0;
    struct list_entry *entries = list_table_new_entries(writer, total);
    if (!entries)
        return -1;
    /* Every unit not operating at the period end (the run summary's "listed"
     * rows) and every unit founded in the period: HTX and LHHTX, then THT. */
    for (size_t s = 0; s < 2; s++) {
        struct list_selection pick = {sources[s], true, KIND_HTX, EVENT_CHANGE, SIZE_MAX, -1, 0, 0};
        list_sheets_period(writer, &pick.first, &pick.last);
        list_table_collect(writer, &pick, entries, &count);
    }
    int status = list_sheets_write_list(writer, writer->layout->changes_sheet,
                                        writer->layout->changes_sheet, &writer->layout->changes_list, entries, count, false, 0);
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
        list_table_collect(writer, &pick, NULL, &rows);
    }
    const struct coop_dataset *sources[2] = {content->coops, content->groups};
    for (size_t s = 0; s < 2; s++) {
        struct list_selection pick = {sources[s], true, KIND_HTX, EVENT_CHANGE, SIZE_MAX, -1, 0, 0};
        list_sheets_period(writer, &pick.first, &pick.last);
        list_table_collect(writer, &pick, NULL, &rows);
    }
    if (content->groups) {
        struct list_selection pick = {content->groups, true, KIND_HTX, EVENT_OPERATING, SIZE_MAX, -1, 0, 0};
        list_sheets_period(writer, &pick.first, &pick.last);
        list_table_collect(writer, &pick, NULL, &rows);
    }
    for (size_t t = 0; content->targets && t < config->target_count; t++) {
        const struct target_result *result = &content->targets[t];
        if (result->status == TARGET_NOT_YET_DUE)
            continue;
        struct list_selection pick;
        list_table_select(writer, result->target->indicator, result->window_first, result->window_last,
                           &pick);
        list_table_collect(writer, &pick, NULL, &rows);
    }
    return rows;
}
