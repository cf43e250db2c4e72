/*
 * sheet_writer — what the sheet modules of the workbook share: the open
 * workbook, its cell styles, checked writes, sheet naming, print set-up.
 * Internal to workbook.c, summary_sheet.c and list_sheets.c.
 */
#ifndef COOPREPORT_SHEET_WRITER_H
#define COOPREPORT_SHEET_WRITER_H

#include <stdbool.h>
#include <stddef.h>

#include <xlsxwriter.h>

#include "coopreport/indicators.h"
#include "coopreport/template.h"
#include "coopreport/text.h"
#include "coopreport/text_measure.h"
#include "coopreport/workbook.h"

/* Cell styles, all in the template's font. Table styles have thin borders. */
struct sheet_styles {
    lxw_format *plain;            /* no border: header and signature blocks */
    lxw_format *plain_bold;
    lxw_format *plain_italic;
    lxw_format *plain_bold_italic;
    lxw_format *title;            /* centred, bold, larger */
    lxw_format *header;           /* table header: bold, centred, wrapped, bordered */
    lxw_format *column_number;    /* the row of column numbers: italic, centred */
    lxw_format *text;             /* table text, wrapped */
    lxw_format *text_center;
    lxw_format *text_bold;
    lxw_format *text_bold_center;
    lxw_format *text_italic;
    /* Figures by their decimals (indicators_format_decimals and
     * indicators_decimals_apart decide them): #,##0, #,##0.0, #,##0.00… */
    lxw_format *figures[INDICATOR_MAX_DECIMALS + 1];
    lxw_format *figures_bold[INDICATOR_MAX_DECIMALS + 1];
    lxw_format *date;             /* dd/mm/yyyy */
    lxw_format *highlight_text;   /* rows of units founded in the period */
    lxw_format *highlight_figures[INDICATOR_MAX_DECIMALS + 1];
    lxw_format *highlight_date;
};

#define SHEET_NAME_SIZE 128       /* 31 characters of up to 4 bytes, and a NUL */

struct sheet_writer {
    lxw_workbook *workbook;
    const struct workbook_content *content;
    const struct coop_template *layout;
    struct coop_diagnostics *diagnostics;
    const char *path;
    char *temporary;          /* where the workbook is written until complete */
    struct sheet_styles style;
    char (*sheet_names)[SHEET_NAME_SIZE];   /* names given so far */
    size_t sheet_count;
    /* The workbook's lists hold more than writer_streaming_rows() rows in
     * all: its list sheets are written in libxlsxwriter's constant_memory
     * mode (rows in order, inline strings); the form sheets never are. */
    bool constant_memory;
    /* The exit status writer_close returns on failure when not
     * COOP_EXIT_IO (0): COOP_EXIT_DATA when the data do not fit a sheet. */
    int failure_status;
};

/* Excel's rows per sheet, 1 048 576; for tests only, the environment variable
 * COOPREPORT_MAX_SHEET_ROWS (at least 10) lowers it. */
lxw_row_t writer_max_sheet_rows(void);
/* Workbooks whose lists hold more rows than this in all are written in
 * constant_memory mode: 40 000 (in normal mode libxlsxwriter holds every cell
 * in memory, about 2 KiB a listed row); for tests only, the environment
 * variable COOPREPORT_STREAM_ROWS changes it. */
size_t writer_streaming_rows(void);

/* Starts a workbook for `path` in a temporary file beside it, with styles and
 * document properties. Returns 0 or -1 after reporting; call writer_close
 * in both cases. */
int writer_open(struct sheet_writer *writer, const char *path, const struct workbook_content *content,
                struct coop_diagnostics *diagnostics);
/* Finishes: on status 0 closes and renames into place, otherwise removes the
 * temporary file. Returns 0 or COOP_EXIT_IO. */
int writer_close(struct sheet_writer *writer, int status);

/* Reports a failed libxlsxwriter call with what was being written; returns -1. */
int writer_fail(struct sheet_writer *writer, lxw_error error, const char *format, ...)
    __attribute__((format(printf, 3, 4)));

/* Runs a libxlsxwriter call; on failure reports it and returns -1 from the
 * calling function. */
#define WRITER_CHECK(writer, call, ...)                                    \
    do {                                                                   \
        lxw_error writer_check_error_ = (call);                            \
        if (writer_check_error_ != LXW_NO_ERROR)                           \
            return writer_fail((writer), writer_check_error_, __VA_ARGS__); \
    } while (0)

/* Adds a worksheet named after `wanted`, made valid for Excel (31
 * characters, none of []:*?/\, not blank, no leading or trailing quote) and
 * unique in the workbook regardless of case ("Name (2)"). The name used is
 * copied to name_out (SHEET_NAME_SIZE bytes). NULL after reporting a failure. */
lxw_worksheet *writer_add_sheet(struct sheet_writer *writer, const char *wanted, char *name_out);

/* The width of an A4 page inside writer_set_print()'s margins, in pixels
 * at 96 dpi and 100 %. */
double writer_page_pixels(bool landscape);

/* A4, landscape or portrait, one page wide, rows first_repeat..last_repeat
 * repeated on every page (none when first_repeat < 0), "Trang x/y" in the
 * footer, print area over the used range. */
int writer_set_print(struct sheet_writer *writer, lxw_worksheet *sheet, bool landscape,
                     int first_repeat, int last_repeat, lxw_row_t last_row, lxw_col_t last_column);

/* Expands a template text's placeholders: the run's ({province}, {year},
 * {date_line}…) and the extra ones given as name/value pairs (NULL ends). */
char *writer_expand(struct sheet_writer *writer, const char *text, const char *const *extra);

/* Whether the template is in English (language = en): the words the code
 * writes itself follow it. */
bool writer_is_english(const struct sheet_writer *writer);

/* An indicator's label and unit in the template's language: the computed
 * ones (Vietnamese), or the English ones. `label` receives at most `size` bytes. */
void writer_indicator_words(const struct sheet_writer *writer, const struct indicator *figure,
                            char *label, size_t size, const char **unit);

/* A target's status (Đạt / Achieved…) in the template's language. */
const char *writer_status_label(const struct sheet_writer *writer, enum target_status status);

/* A number in a sentence (a target's bounds) as the cells show it, with
 * `decimals` decimals and thousands apart, in the language's convention:
 * "5.000.000.000,0" in Vietnamese, "5,000,000,000.0" in English. */
void writer_number_text(const struct sheet_writer *writer, double value, int decimals, char *text,
                        size_t size);

/* The cells' number formats ("#,##0", "#,##0.0", …) by decimals. */
extern const char *const writer_figure_formats[INDICATOR_MAX_DECIMALS + 1];

/* Upper-cases text (Vietnamese letters included) into a new string. */
char *writer_upper(const char *text);

/* The template's font size in points (12 when it gives none). */
double writer_font_points(const struct sheet_writer *writer);

/* The width in Excel characters a column needs to show text on one line in
 * the template's font (measured, text_measure.h). */
double writer_text_width(const struct sheet_writer *writer, const char *text,
                         enum measure_style style);

/* The width in Excel characters a figure needs as shown with `decimals` and
 * thousands separators (#,##0.0…, the styles' figures[decimals]). */
double writer_number_width(const struct sheet_writer *writer, double value, int decimals,
                           enum measure_style style);

/* The width of the widest word of text: a wrapped column narrower than this
 * would cut a word. */
double writer_word_width(const struct sheet_writer *writer, const char *text,
                         enum measure_style style);

/* The lines text wraps to in a cell `width` characters wide, and the height
 * in points of a row of that many lines. */
size_t writer_text_lines(const struct sheet_writer *writer, const char *text,
                         enum measure_style style, double width);
double writer_row_height(const struct sheet_writer *writer, size_t lines);

/* Sets a row's height for `lines` lines of text; a row of one line keeps
 * the default height. */
int writer_fit_row(struct sheet_writer *writer, lxw_worksheet *sheet, lxw_row_t row, size_t lines);

/* Writes a header row of `count` titles from column `first`: each column as
 * wide as widths[c], widened to the longest word of its title (a wrapped
 * title is never cut inside a word), the row as tall as the most wrapped
 * title. widths[] receives the widths set. */
int writer_put_header(struct sheet_writer *writer, lxw_worksheet *sheet, lxw_row_t row,
                      lxw_col_t first, const char *const *titles, size_t count, double *widths);

/* Writes text over columns first..last of a row: merged when the span holds
 * more than one cell (libxlsxwriter refuses one-cell merges). */
int writer_put_span(struct sheet_writer *writer, lxw_worksheet *sheet, lxw_row_t row,
                    lxw_col_t first, lxw_col_t last, const char *text, lxw_format *format);

/* A sheet name as a formula names it: quoted, with quotes doubled. */
void writer_quote_sheet(const char *name, char *quoted, size_t size);

/* Places a chart of width × height pixels at row, column, over cells the
 * caller keeps empty. */
int writer_insert_chart(struct sheet_writer *writer, lxw_worksheet *sheet, lxw_row_t row,
                        lxw_col_t column, lxw_chart *chart, double width, double height);

/* The rows of the default height (20 pixels) a chart `height` pixels tall
 * covers, with a row of room. */
lxw_row_t writer_chart_rows(double height);

/* Sets up a bar chart (LXW_CHART_BAR) to read as its table: the bars in the
 * table's order top to bottom, every category named (none left out to make
 * room), labels in `font`, no legend, values from 0. The caller sizes the
 * chart so that the names fit. */
void writer_chart_bars_in_order(lxw_chart *chart, lxw_chart_font *font);

/* The width, in whole characters, of a column at least `pixels` wide: one
 * that holds a chart. */
double writer_column_for_pixels(double pixels);

/* Writes a date as an Excel date cell (a number with a date format). */
int writer_put_date(struct sheet_writer *writer, lxw_worksheet *sheet, lxw_row_t row,
                    lxw_col_t column, coop_date date, lxw_format *format);

/* Writes a number cell; refuses NaN and Inf (a blank cell is written). */
int writer_put_number(struct sheet_writer *writer, lxw_worksheet *sheet, lxw_row_t row,
                      lxw_col_t column, double value, lxw_format *format);

/* The sheets, in workbook order. Each returns 0 or -1 after reporting. */
int summary_sheet_write(struct sheet_writer *writer);
int list_sheets_write_sectors(struct sheet_writer *writer);
int target_sheet_write(struct sheet_writer *writer);
int rejected_sheet_write(struct sheet_writer *writer);
/* The sheet of HTX by sector: a table whose counts point at the
 * coops.sector.CODE cells of the indicators' sheet (sector s at row
 * sector_rows[s], column D), and its chart. */
int sector_sheet_write(struct sheet_writer *writer, const char *indicators_sheet,
                       const lxw_row_t *sector_rows);
int list_sheets_write_groups(struct sheet_writer *writer);
int list_sheets_write_changes(struct sheet_writer *writer);
/* The rows of all the workbook's lists (sectors, groups, changes, targets'
 * units) together, as the functions above will write them. */
size_t list_sheets_count_rows(struct sheet_writer *writer);

#endif
