/*
 * workbook — writes the report workbook with libxlsxwriter. See workbook.h.
 *
 * This file opens and closes the workbook, holds what the sheet modules share
 * (styles, sheet names, print set-up, measured widths and heights;
 * sheet_writer.h) and writes the "Chỉ số" sheet. Every libxlsxwriter call is checked; on
 * the first failure the temporary file is removed and the workbook already
 * at the output path, if any, stays as it was.
 */
#include "coopreport/workbook.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#include <utf8proc.h>

#include "coopreport/sheet_name.h"
#include "coopreport/sheet_writer.h"

int writer_fail(struct sheet_writer *writer, lxw_error error, const char *format, ...)
{
    char what[512];
    va_list arguments;
    va_start(arguments, format);
    vsnprintf(what, sizeof what, format, arguments);
    va_end(arguments);
    diag_error(writer->diagnostics, writer->path, 0, 0, NULL, "cannot write %s: %s", what,
               lxw_strerror(error));
    return -1;
}

/* --- text helpers ------------------------------------------------------------ */

char *writer_upper(const char *text)
{
    size_t length = strlen(text);
    /* Upper case never needs more than 4 bytes per code point. */
    char *upper = malloc(length * 4 + 1);
    if (!upper)
        return NULL;
    size_t out = 0;
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)text;
    utf8proc_ssize_t left = (utf8proc_ssize_t)length;
    while (left > 0) {
        utf8proc_int32_t code;
        utf8proc_ssize_t used = utf8proc_iterate(p, left, &code);
        if (used <= 0) {
            /* Not UTF-8: copy the byte; the caller validated data text. */
            upper[out++] = (char)*p;
            p++;
            left--;
            continue;
        }
        out += (size_t)utf8proc_encode_char(utf8proc_toupper(code), (utf8proc_uint8_t *)upper + out);
        p += used;
        left -= used;
    }
    upper[out] = '\0';
    return upper;
}

bool writer_is_english(const struct sheet_writer *writer)
{
    return template_is_english(writer->layout);
}

void writer_indicator_words(const struct sheet_writer *writer, const struct indicator *figure,
                            char *label, size_t size, const char **unit)
{
    if (!writer_is_english(writer) ||
        !indicators_english_label(writer->content->config, figure->key, label, size, unit)) {
        snprintf(label, size, "%s", figure->label ? figure->label : "");
        *unit = figure->unit ? figure->unit : "";
    }
}

const char *writer_status_label(const struct sheet_writer *writer, enum target_status status)
{
    static const char *const english[] = {"Achieved", "Not achieved", "Not yet due", "No data",
                                          "Exceeded"};
    if (writer_is_english(writer) && (size_t)status < sizeof english / sizeof *english)
        return english[status];
    return indicators_status_label(status);
}

void writer_number_text(const struct sheet_writer *writer, double value, int decimals, char *text,
                        size_t size)
{
    if (decimals < 0)
        decimals = 0;
    if (decimals > INDICATOR_MAX_DECIMALS)
        decimals = INDICATOR_MAX_DECIMALS;
    char digits[400];
    snprintf(digits, sizeof digits, "%.*f", decimals, isfinite(value) ? value : 0.0);
    bool english = writer_is_english(writer);
    const char *start = digits;
    size_t out = 0;
    /* "-0.0" is 0: no sign on a number that shows as zero. The sign is the
     * minus sign U+2212, not a hyphen: a line may break after a hyphen, and
     * "Achieved (-" over "100.0–-10.0)" reads as +100. */
    if (*start == '-') {
        start++;
        if (strspn(start, "0.") != strlen(start) && out + 3 < size) {
            memcpy(text + out, "\xE2\x88\x92", 3);
            out += 3;
        }
    }
    size_t whole = strcspn(start, ".");
    for (size_t i = 0; start[i] && out + 2 < size; i++) {
        if (i == whole) {
            text[out++] = english ? '.' : ',';
            continue;
        }
        if (i > 0 && i < whole && (whole - i) % 3 == 0)
            text[out++] = english ? ',' : '.';
        text[out++] = start[i];
    }
    text[out] = '\0';
}

double writer_font_points(const struct sheet_writer *writer)
{
    return writer->layout && writer->layout->font_size > 0 ? writer->layout->font_size : 12;
}

double writer_text_width(const struct sheet_writer *writer, const char *text,
                         enum measure_style style)
{
    return text_measure_width(text, writer_font_points(writer), style);
}

/* Measured on a string of as many digits and separators as the number shows.
 * Called for every number cell: the digits are counted without printf, which
 * is only asked when rounding at `decimals` is a tie (where its exact decimal
 * rounding decides) or the number is huge. */
double writer_number_width(const struct sheet_writer *writer, double value, int decimals,
                           enum measure_style style)
{
    static const double SCALE[INDICATOR_MAX_DECIMALS + 1] = {1, 10, 100, 1000, 10000};
    double scaled = fabs(value) * SCALE[decimals];
    double rounded = nearbyint(scaled);
    size_t digits = 1;
    if (isfinite(scaled) && scaled < 1e15 && fabs(fabs(scaled - floor(scaled)) - 0.5) > 1e-6) {
        for (long long whole = (long long)rounded / (long long)SCALE[decimals]; whole >= 10; whole /= 10)
            digits++;
    } else {
        char text[400];
        snprintf(text, sizeof text, "%.*f", decimals, fabs(value));
        digits = strcspn(text, ".");
    }
    /* All digits are as wide as one another in the form's font. */
    char shape[128];
    size_t out = 0;
    if (value < 0)
        shape[out++] = '-';
    for (size_t d = digits; d > 0 && out + 6 < sizeof shape; d--) {
        shape[out++] = '0';
        if (d > 1 && (d - 1) % 3 == 0)
            shape[out++] = ',';
    }
    if (decimals) {
        shape[out++] = '.';
        for (int d = 0; d < decimals; d++)
            shape[out++] = '0';
    }
    shape[out] = '\0';
    return writer_text_width(writer, shape, style);
}

double writer_word_width(const struct sheet_writer *writer, const char *text,
                         enum measure_style style)
{
    double widest = 0;
    char word[256];
    for (const char *p = text; *p;) {
        size_t length = strcspn(p, " \n");
        if (length > 0 && length < sizeof word) {
            memcpy(word, p, length);
            word[length] = '\0';
            double width = writer_text_width(writer, word, style);
            if (width > widest)
                widest = width;
        }
        p += length;
        p += *p != '\0';
    }
    return widest;
}

size_t writer_text_lines(const struct sheet_writer *writer, const char *text,
                         enum measure_style style, double width)
{
    return text_measure_lines(text, writer_font_points(writer), style, width);
}

double writer_row_height(const struct sheet_writer *writer, size_t lines)
{
    return text_measure_row_height(lines, writer_font_points(writer));
}

int writer_fit_row(struct sheet_writer *writer, lxw_worksheet *sheet, lxw_row_t row, size_t lines)
{
    if (lines > 1)
        WRITER_CHECK(writer, worksheet_set_row(sheet, row, writer_row_height(writer, lines), NULL),
                     "a row height");
    return 0;
}

int writer_put_header(struct sheet_writer *writer, lxw_worksheet *sheet, lxw_row_t row,
                      lxw_col_t first, const char *const *titles, size_t count, double *widths)
{
    size_t lines = 1;
    for (size_t c = 0; c < count; c++) {
        lxw_col_t column = (lxw_col_t)(first + c);
        double word = writer_word_width(writer, titles[c], MEASURE_BOLD);
        if (word > widths[c])
            widths[c] = word;
        size_t needed = writer_text_lines(writer, titles[c], MEASURE_BOLD, widths[c]);
        lines = needed > lines ? needed : lines;
        WRITER_CHECK(writer, worksheet_set_column(sheet, column, column, widths[c], NULL),
                     "column widths");
    }
    if (writer_fit_row(writer, sheet, row, lines) != 0)
        return -1;
    for (size_t c = 0; c < count; c++)
        WRITER_CHECK(writer, worksheet_write_string(sheet, row, (lxw_col_t)(first + c), titles[c],
                                                    writer->style.header),
                     "the header '%s'", titles[c]);
    return 0;
}

int writer_put_span(struct sheet_writer *writer, lxw_worksheet *sheet, lxw_row_t row,
                    lxw_col_t first, lxw_col_t last, const char *text, lxw_format *format)
{
    if (first >= last)
        WRITER_CHECK(writer, worksheet_write_string(sheet, row, first, text, format),
                     "the text '%s'", text);
    else
        WRITER_CHECK(writer, worksheet_merge_range(sheet, row, first, row, last, text, format),
                     "the text '%s'", text);
    return 0;
}

/* libxlsxwriter's chart size at scale 1, and the default row height in pixels. */
#define WRITER_CHART_WIDTH 480.0
#define WRITER_CHART_HEIGHT 288.0
#define WRITER_ROW_PIXELS 20.0

int writer_insert_chart(struct sheet_writer *writer, lxw_worksheet *sheet, lxw_row_t row,
                        lxw_col_t column, lxw_chart *chart, double width, double height)
{
    lxw_chart_options options = {.x_offset = 4, .y_offset = 4,
                                 .x_scale = width / WRITER_CHART_WIDTH,
                                 .y_scale = height / WRITER_CHART_HEIGHT};
    WRITER_CHECK(writer, worksheet_insert_chart_opt(sheet, row, column, chart, &options),
                 "a chart");
    return 0;
}

lxw_row_t writer_chart_rows(double height)
{
    return (lxw_row_t)ceil((height + 4) / WRITER_ROW_PIXELS) + 1;
}

void writer_chart_bars_in_order(lxw_chart *chart, lxw_chart_font *font)
{
    chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
    /* libxlsxwriter puts a bar chart's categories on its y axis: reversed,
     * with the value axis crossing it at its last category, so that the
     * values stay at the bottom. */
    chart_axis_set_reverse(chart->y_axis);
    chart_axis_set_crossing_max(chart->y_axis);
    chart_axis_set_interval_unit(chart->y_axis, 1);
    chart_axis_set_num_font(chart->y_axis, font);
    chart_axis_set_num_font(chart->x_axis, font);
    chart_axis_set_min(chart->x_axis, 0);
}

double writer_column_for_pixels(double pixels)
{
    double width = 1;
    while (text_measure_column_pixels(width) < pixels)
        width += 1;
    return width;
}

struct writer_lookup {
    struct sheet_writer *writer;
    const char *const *extra;
};

static const char *writer_lookup_placeholder(const char *name, void *context)
{
    struct writer_lookup *lookup = context;
    for (const char *const *pair = lookup->extra; pair && pair[0]; pair += 2)
        if (strcmp(pair[0], name) == 0)
            return pair[1];
    const struct workbook_content *content = lookup->writer->content;
    return content->lookup ? content->lookup(name, content->lookup_context) : NULL;
}

char *writer_expand(struct sheet_writer *writer, const char *text, const char *const *extra)
{
    struct writer_lookup lookup = {writer, extra};
    char *unknown = NULL;
    char *expanded = text_expand_placeholders(text, writer_lookup_placeholder, &lookup, &unknown);
    if (!expanded && unknown)
        diag_error(writer->diagnostics, writer->layout->path, 0, 0, NULL,
                   "unknown placeholder '{%s}' in '%s'", unknown, text);
    else if (!expanded)
        diag_error(writer->diagnostics, writer->path, 0, 0, NULL, "out of memory");
    free(unknown);
    return expanded;
}

/* --- cells ------------------------------------------------------------------- */

int writer_put_number(struct sheet_writer *writer, lxw_worksheet *sheet, lxw_row_t row,
                      lxw_col_t column, double value, lxw_format *format)
{
    if (!isfinite(value))
        WRITER_CHECK(writer, worksheet_write_blank(sheet, row, column, format), "an empty cell");
    else
        WRITER_CHECK(writer, worksheet_write_number(sheet, row, column, value, format), "a number");
    return 0;
}

int writer_put_date(struct sheet_writer *writer, lxw_worksheet *sheet, lxw_row_t row,
                    lxw_col_t column, coop_date date, lxw_format *format)
{
    if (!date)
        WRITER_CHECK(writer, worksheet_write_blank(sheet, row, column, format), "an empty date");
    else
        WRITER_CHECK(writer, worksheet_write_number(sheet, row, column, date_excel_serial(date),
                                                    format), "a date");
    return 0;
}

/* --- sheets ------------------------------------------------------------------ */

/* The template's fixed sheets ("Tổng hợp", "Chỉ số"…): their names are kept
 * for them, so that a sector or a target named alike gets "(2)" instead,
 * whatever the order the sheets are added in. NULL ends the list. */
static void writer_fixed_sheets(const struct sheet_writer *writer, const char *fixed[6])
{
    const struct coop_template *layout = writer->layout;
    size_t count = 0;
    if (layout) {
        fixed[count++] = layout->summary_sheet;
        fixed[count++] = layout->groups_sheet;
        fixed[count++] = layout->changes_sheet;
        fixed[count++] = layout->indicators_sheet;
        fixed[count++] = layout->rejected_sheet;
    }
    fixed[count] = NULL;
}

static bool writer_same_sheet_name(const char *key, const char *name)
{
    char *other = name ? text_match_key(name) : NULL;
    bool same = other && strcmp(key, other) == 0;
    free(other);
    return same;
}

/* Whether `name` is used, or kept for a fixed sheet other than `wanted`. */
static bool writer_sheet_name_taken(const struct sheet_writer *writer, const char *name,
                                    const char *wanted)
{
    char *key = text_match_key(name);
    bool taken = false;
    for (size_t i = 0; key && i < writer->sheet_count && !taken; i++)
        taken = writer_same_sheet_name(key, writer->sheet_names[i]);
    const char *fixed[6];
    writer_fixed_sheets(writer, fixed);
    bool is_fixed = false;
    for (size_t i = 0; fixed[i]; i++)
        is_fixed = is_fixed || fixed[i] == wanted;
    for (size_t i = 0; key && !is_fixed && fixed[i] && !taken; i++) {
        char cleaned[SHEET_NAME_SIZE];
        sheet_name_make(fixed[i], cleaned, sizeof cleaned);
        taken = writer_same_sheet_name(key, cleaned);
    }
    free(key);
    return taken;
}

lxw_worksheet *writer_add_sheet(struct sheet_writer *writer, const char *wanted, char *name_out)
{
    char base[SHEET_NAME_SIZE], name[SHEET_NAME_SIZE];
    /* A name cut short was announced when the config was read (config.c). */
    sheet_name_make(wanted, base, sizeof base);
    snprintf(name, sizeof name, "%s", base);
    for (int copy = 2; writer_sheet_name_taken(writer, name, wanted); copy++) {
        /* "base (n)" within 31 characters: the label cut again, shorter, at
         * a word as the base was, and its "…" kept when it is cut. */
        char suffix[16];
        snprintf(suffix, sizeof suffix, " (%d)", copy);
        sheet_name_make_within(wanted, 31 - strlen(suffix), name, sizeof name - strlen(suffix));
        strcat(name, suffix);
    }
    char (*names)[SHEET_NAME_SIZE] = realloc(writer->sheet_names,
                                              (writer->sheet_count + 1) * sizeof *names);
    if (!names) {
        writer_fail(writer, LXW_ERROR_MEMORY_MALLOC_FAILED, "the sheet '%s'", name);
        return NULL;
    }
    writer->sheet_names = names;
    lxw_worksheet *sheet = workbook_add_worksheet(writer->workbook, name);
    if (!sheet) {
        writer_fail(writer, LXW_ERROR_MEMORY_MALLOC_FAILED, "the sheet '%s'", name);
        return NULL;
    }
    snprintf(names[writer->sheet_count++], SHEET_NAME_SIZE, "%s", name);
    if (name_out)
        snprintf(name_out, SHEET_NAME_SIZE, "%s", name);
    return sheet;
}

/* A4 in inches, and the margins every sheet prints with. */
#define WRITER_PAPER_LONG (297 / 25.4)
#define WRITER_PAPER_SHORT (210 / 25.4)
#define WRITER_MARGIN_LEFT 0.5
#define WRITER_MARGIN_RIGHT 0.4
#define WRITER_MARGIN_TOP 0.6
#define WRITER_MARGIN_BOTTOM 0.6

double writer_page_pixels(bool landscape)
{
    return ((landscape ? WRITER_PAPER_LONG : WRITER_PAPER_SHORT) - WRITER_MARGIN_LEFT -
            WRITER_MARGIN_RIGHT) * 96;
}

int writer_set_print(struct sheet_writer *writer, lxw_worksheet *sheet, bool landscape,
                     int first_repeat, int last_repeat, lxw_row_t last_row, lxw_col_t last_column)
{
    if (landscape)
        worksheet_set_landscape(sheet);
    else
        worksheet_set_portrait(sheet);
    worksheet_set_paper(sheet, 9); /* A4 */
    worksheet_set_margins(sheet, WRITER_MARGIN_LEFT, WRITER_MARGIN_RIGHT, WRITER_MARGIN_TOP,
                          WRITER_MARGIN_BOTTOM);
    worksheet_fit_to_pages(sheet, 1, 0);
    worksheet_center_horizontally(sheet);
    if (first_repeat >= 0)
        WRITER_CHECK(writer, worksheet_repeat_rows(sheet, (lxw_row_t)first_repeat,
                                                   (lxw_row_t)last_repeat), "repeated rows");
    WRITER_CHECK(writer, worksheet_set_footer(sheet, writer_is_english(writer) ? "&CPage &P/&N"
                                                                               : "&CTrang &P/&N"),
                 "the page footer");
    WRITER_CHECK(writer, worksheet_print_area(sheet, 0, 0, last_row, last_column), "the print area");
    return 0;
}

/* --- styles ------------------------------------------------------------------ */

enum style_flags {
    STYLE_BORDER = 1, STYLE_BOLD = 2, STYLE_ITALIC = 4, STYLE_CENTER = 8, STYLE_WRAP = 16,
    STYLE_HIGHLIGHT = 32, STYLE_TITLE = 64
};

static lxw_format *writer_style(struct sheet_writer *writer, unsigned flags, const char *number_format)
{
    lxw_format *format = workbook_add_format(writer->workbook);
    if (!format)
        return NULL;
    const struct coop_template *layout = writer->layout;
    format_set_font_name(format, layout && layout->font_name ? layout->font_name : "Times New Roman");
    double size = layout && layout->font_size > 0 ? layout->font_size : 12;
    format_set_font_size(format, flags & STYLE_TITLE ? size + 2 : size);
    format_set_align(format, LXW_ALIGN_VERTICAL_CENTER);
    if (flags & STYLE_BORDER)
        format_set_border(format, LXW_BORDER_THIN);
    if (flags & STYLE_BOLD)
        format_set_bold(format);
    if (flags & STYLE_ITALIC)
        format_set_italic(format);
    if (flags & STYLE_CENTER)
        format_set_align(format, LXW_ALIGN_CENTER);
    if (flags & STYLE_WRAP)
        format_set_text_wrap(format);
    if (flags & STYLE_HIGHLIGHT)
        format_set_bg_color(format, 0xFFF2CC);
    if (number_format)
        format_set_num_format(format, number_format);
    return format;
}

/* A figure's number format by its decimals: thousands grouped (Excel shows
 * the reader's separators, 1.234,5 in a Vietnamese Excel). */
const char *const writer_figure_formats[] = {"#,##0", "#,##0.0", "#,##0.00", "#,##0.000",
                                             "#,##0.0000"};
_Static_assert(sizeof writer_figure_formats / sizeof *writer_figure_formats == INDICATOR_MAX_DECIMALS + 1,
               "one number format per number of decimals");

static int writer_create_styles(struct sheet_writer *writer)
{
    struct sheet_styles *style = &writer->style;
    const unsigned table = STYLE_BORDER | STYLE_WRAP;
    style->plain = writer_style(writer, STYLE_CENTER | STYLE_WRAP, NULL);
    style->plain_bold = writer_style(writer, STYLE_CENTER | STYLE_WRAP | STYLE_BOLD, NULL);
    style->plain_italic = writer_style(writer, STYLE_CENTER | STYLE_WRAP | STYLE_ITALIC, NULL);
    style->plain_bold_italic = writer_style(writer, STYLE_CENTER | STYLE_WRAP | STYLE_BOLD |
                                                        STYLE_ITALIC, NULL);
    style->title = writer_style(writer, STYLE_CENTER | STYLE_WRAP | STYLE_BOLD | STYLE_TITLE, NULL);
    style->header = writer_style(writer, table | STYLE_BOLD | STYLE_CENTER, NULL);
    style->column_number = writer_style(writer, table | STYLE_ITALIC | STYLE_CENTER, NULL);
    style->text = writer_style(writer, table, NULL);
    style->text_center = writer_style(writer, table | STYLE_CENTER, NULL);
    style->text_bold = writer_style(writer, table | STYLE_BOLD, NULL);
    style->text_bold_center = writer_style(writer, table | STYLE_BOLD | STYLE_CENTER, NULL);
    style->text_italic = writer_style(writer, table | STYLE_ITALIC, NULL);
    style->date = writer_style(writer, table | STYLE_CENTER, "dd/mm/yyyy");
    style->highlight_text = writer_style(writer, table | STYLE_HIGHLIGHT, NULL);
    style->highlight_date = writer_style(writer, table | STYLE_CENTER | STYLE_HIGHLIGHT, "dd/mm/yyyy");
    bool complete = style->plain && style->plain_bold && style->plain_italic &&
                    style->plain_bold_italic && style->title && style->header &&
                    style->column_number && style->text && style->text_center && style->text_bold &&
                    style->text_bold_center && style->text_italic && style->date &&
                    style->highlight_text && style->highlight_date;
    for (int decimals = 0; decimals <= INDICATOR_MAX_DECIMALS; decimals++) {
        const char *number_format = writer_figure_formats[decimals];
        style->figures[decimals] = writer_style(writer, table, number_format);
        style->figures_bold[decimals] = writer_style(writer, table | STYLE_BOLD, number_format);
        style->highlight_figures[decimals] = writer_style(writer, table | STYLE_HIGHLIGHT,
                                                          number_format);
        complete = complete && style->figures[decimals] && style->figures_bold[decimals] &&
                   style->highlight_figures[decimals];
    }
    return complete ? 0 : writer_fail(writer, LXW_ERROR_MEMORY_MALLOC_FAILED, "cell formats");
}

/* --- "Chỉ số": every indicator under a defined name ----------------------------- */

static const char *const COMPARISON_SUFFIXES[] = {".plan", ".prev", ".plan_pct", ".prev_pct"};
#define COMPARISON_COUNT (sizeof COMPARISON_SUFFIXES / sizeof *COMPARISON_SUFFIXES)

/* The column of "Chỉ số" a figure shows in: 3 (D) for its own value, 4 + i
 * for comparison i of another figure (coops.total.plan in E…). */
static lxw_col_t writer_figure_column(const char *key)
{
    size_t length = strlen(key);
    for (size_t i = 0; i < COMPARISON_COUNT; i++) {
        size_t suffix = strlen(COMPARISON_SUFFIXES[i]);
        if (length > suffix && strcmp(key + length - suffix, COMPARISON_SUFFIXES[i]) == 0)
            return (lxw_col_t)(4 + i);
    }
    return 3;
}

static bool key_is_comparison(const char *key)
{
    return writer_figure_column(key) != 3;
}

void writer_quote_sheet(const char *name, char *quoted, size_t size)
{
    size_t out = 0;
    quoted[out++] = '\'';
    for (const char *p = name; *p && out + 3 < size; p++) {
        if (*p == '\'')
            quoted[out++] = '\'';
        quoted[out++] = *p;
    }
    quoted[out++] = '\'';
    quoted[out] = '\0';
}

/* Writes one figure's cell and names it after its key. A blank figure gets an
 * empty formatted cell: the name then reads as empty, never as 0. */
static int writer_put_figure(struct sheet_writer *writer, lxw_worksheet *sheet,
                             const char *quoted_sheet, lxw_row_t row, lxw_col_t column,
                             const struct indicator *figure)
{
    lxw_format *format = writer->style.figures[indicators_format_decimals(figure->format)];
    if (figure->has_value) {
        if (writer_put_number(writer, sheet, row, column, figure->value, format) != 0)
            return -1;
    } else {
        WRITER_CHECK(writer, worksheet_write_blank(sheet, row, column, format), "the blank of '%s'",
                     figure->key);
    }
    char cell[32], reference[SHEET_NAME_SIZE * 2 + 40];
    lxw_rowcol_to_cell_abs(cell, row, column, 1, 1);
    snprintf(reference, sizeof reference, "=%s!%s", quoted_sheet, cell);
    WRITER_CHECK(writer, workbook_define_name(writer->workbook, figure->key, reference),
                 "the defined name '%s'", figure->key);
    return 0;
}

static int writer_indicator_row(struct sheet_writer *writer, lxw_worksheet *sheet,
                                const char *quoted, lxw_row_t row, const struct indicator *figure,
                                const double *widths);

static int writer_indicator_sheet(struct sheet_writer *writer)
{
    static const char *const headers_vi[] = {"Mã chỉ số", "Chỉ tiêu", "Đơn vị tính", "Thực hiện",
                                             "Kế hoạch năm", "Cùng kỳ năm trước", "TH/KH (%)",
                                             "TH/cùng kỳ (%)"};
    static const char *const headers_en[] = {"Key", "Indicator", "Unit", "Actual", "Annual plan",
                                             "Same period last year", "Actual/plan (%)",
                                             "Actual/last year (%)"};
    static const double WIDTHS[] = {34, 56, 20, 14, 14, 16, 12, 14};
    bool english = writer_is_english(writer);
    const char *const *headers = english ? headers_en : headers_vi;
    const struct indicator_set *set = writer->content->indicators;
    char name[SHEET_NAME_SIZE], quoted[SHEET_NAME_SIZE * 2 + 4];
    lxw_worksheet *sheet = writer_add_sheet(writer, writer->layout->indicators_sheet, name);
    if (!sheet)
        return -1;
    writer_quote_sheet(name, quoted, sizeof quoted);
    double widths[8];
    memcpy(widths, WIDTHS, sizeof widths);
    /* Each figure's column as wide as its widest figure as formatted. */
    for (size_t i = 0; i < set->count; i++) {
        const struct indicator *figure = &set->items[i];
        if (!figure->has_value)
            continue;
        lxw_col_t column = writer_figure_column(figure->key);
        widths[column] = fmax(widths[column],
                              writer_number_width(writer, figure->value,
                                                  indicators_format_decimals(figure->format),
                                                  MEASURE_REGULAR));
    }
    if (writer_put_header(writer, sheet, 0, 0, headers, 8, widths) != 0)
        return -1;
    worksheet_freeze_panes(sheet, 1, 0);

    const struct coop_config *config = writer->content->config;
    lxw_row_t *sector_rows = calloc(config->sector_count + 1, sizeof *sector_rows);
    if (!sector_rows)
        return writer_fail(writer, LXW_ERROR_MEMORY_MALLOC_FAILED, "the sheet '%s'", name);
    lxw_row_t row = 1;
    int status = 0;
    for (size_t i = 0; i < set->count && status == 0; i++) {
        const struct indicator *figure = &set->items[i];
        if (key_is_comparison(figure->key))
            continue;
        for (size_t s = 0; s < config->sector_count; s++)
            if (strncmp(figure->key, "coops.sector.", 13) == 0 &&
                strcmp(figure->key + 13, config->sectors[s].code) == 0)
                sector_rows[s] = row;
        status = writer_indicator_row(writer, sheet, quoted, row, figure, widths);
        row++;
    }
    lxw_error filtered = status == 0 ? worksheet_autofilter(sheet, 0, 0, row - 1, 7) : LXW_NO_ERROR;
    if (filtered != LXW_NO_ERROR)
        status = writer_fail(writer, filtered, "the autofilter");
    if (status == 0)
        status = writer_set_print(writer, sheet, true, 0, 0, row - 1, 7);
    /* The sector table and its chart on a sheet of their own, after this one. */
    if (status == 0)
        status = sector_sheet_write(writer, name, sector_rows);
    free(sector_rows);
    return status;
}

/* One row of "Chỉ số": key, label, unit, value, and in E–H the plan, the
 * previous year, TH/KH and TH/cùng kỳ when they exist. */
static int writer_indicator_row(struct sheet_writer *writer, lxw_worksheet *sheet,
                                const char *quoted, lxw_row_t row, const struct indicator *figure,
                                const double *widths)
{
    const struct indicator_set *set = writer->content->indicators;
    char label[600];
    const char *unit;
    writer_indicator_words(writer, figure, label, sizeof label, &unit);
    const char *texts[3] = {figure->key, label, unit};
    size_t lines = 1;
    for (size_t c = 0; c < 3; c++) {
        size_t needed = writer_text_lines(writer, texts[c], MEASURE_REGULAR, widths[c]);
        lines = needed > lines ? needed : lines;
    }
    if (writer_fit_row(writer, sheet, row, lines) != 0)
        return -1;
    WRITER_CHECK(writer, worksheet_write_string(sheet, row, 0, figure->key, writer->style.text),
                 "the key '%s'", figure->key);
    WRITER_CHECK(writer, worksheet_write_string(sheet, row, 1, label, writer->style.text),
                 "the label of '%s'", figure->key);
    WRITER_CHECK(writer, worksheet_write_string(sheet, row, 2, unit, writer->style.text),
                 "the unit of '%s'", figure->key);
    if (writer_put_figure(writer, sheet, quoted, row, 3, figure) != 0)
        return -1;
    /* Columns E–H: plan, previous, TH/KH, TH/cùng kỳ, when they exist. */
    for (lxw_col_t c = 0; c < COMPARISON_COUNT; c++) {
        char key[INDICATOR_KEY_SIZE + 16];
        snprintf(key, sizeof key, "%s%s", figure->key, COMPARISON_SUFFIXES[c]);
        const struct indicator *comparison = indicators_find(set, key);
        if (comparison) {
            if (writer_put_figure(writer, sheet, quoted, row, 4 + c, comparison) != 0)
                return -1;
        } else {
            WRITER_CHECK(writer, worksheet_write_blank(sheet, row, 4 + c, writer->style.text),
                         "an empty cell");
        }
    }
    return 0;
}

/* --- document -------------------------------------------------------------------- */

static int writer_properties(struct sheet_writer *writer)
{
    const struct workbook_content *content = writer->content;
    const struct coop_config *config = content->config;
    char title[512], year[8];
    const char *period = config->period == PERIOD_H1 ? "H1" : "FY";
    snprintf(year, sizeof year, "%d", config->year);
    if (writer_is_english(writer))
        snprintf(title, sizeof title, "Report on the collective economy and cooperatives, %s, %s %d",
                 content->province ? content->province->name : "",
                 config->period == PERIOD_H1 ? "first half of" : "year", config->year);
    else
        snprintf(title, sizeof title, "Báo cáo kinh tế tập thể, hợp tác xã %s %s %d",
                 content->province ? content->province->name : "",
                 config->period == PERIOD_H1 ? "6 tháng đầu năm" : "năm", config->year);
    lxw_doc_properties properties = {0};
    properties.title = title;
    properties.author = (char *)(content->organization ? content->organization : "");
    properties.company = properties.author;
    /* Created = the report date, never the clock: same inputs, same bytes. */
    properties.created = (time_t)((date_excel_serial(content->report_date) - 25569.0) * 86400.0);
    WRITER_CHECK(writer, workbook_set_properties(writer->workbook, &properties), "document properties");
    if (content->province)
        WRITER_CHECK(writer, workbook_set_custom_property_string(writer->workbook, "province_code",
                                                                 content->province->code),
                     "custom properties");
    WRITER_CHECK(writer, workbook_set_custom_property_string(writer->workbook, "year", year),
                 "custom properties");
    WRITER_CHECK(writer, workbook_set_custom_property_string(writer->workbook, "period", period),
                 "custom properties");
    WRITER_CHECK(writer, workbook_set_custom_property_string(writer->workbook, "coopreport_version",
                                                             content->tool_version),
                 "custom properties");
    return 0;
}

/* "<dir>/.<name>.<pid>.tmp": in the same folder, so rename() is atomic. */
static char *workbook_temporary_path(const char *path)
{
    const char *slash = strrchr(path, '/');
    size_t folder = slash ? (size_t)(slash - path) + 1 : 0;
    return text_format("%.*s.%s.%ld.tmp", (int)folder, path, path + folder, (long)getpid());
}

/* The temporary file being written, for workbook_abandon_temporary(), which
 * may run in a signal handler: a fixed buffer, no allocation, read only while
 * workbook_pending_set says it is whole. */
static char workbook_pending[4096];
static volatile sig_atomic_t workbook_pending_set;
/* A lock on the temporary file while it is written, so that a later run does
 * not take it for the leftover of a dead one (interrupt_remove_stale). */
static int workbook_pending_lock = -1;

void workbook_abandon_temporary(void)
{
    if (workbook_pending_set)
        unlink(workbook_pending);
}

static void workbook_set_pending(const char *temporary)
{
    workbook_pending_set = 0;
    if (workbook_pending_lock >= 0)
        close(workbook_pending_lock);
    workbook_pending_lock = -1;
    if (!temporary)
        return;
    memcpy(workbook_pending, temporary, strlen(temporary) + 1);
    workbook_pending_set = 1;
    /* Created here, filled by libxlsxwriter when the workbook is closed (it
     * truncates the same file, keeping the lock). Without the lock (a folder
     * we cannot write into), libxlsxwriter reports the error itself. */
    int descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (descriptor >= 0 && flock(descriptor, LOCK_EX | LOCK_NB) != 0) {
        close(descriptor);
        descriptor = -1;
    }
    workbook_pending_lock = descriptor;
}

/* A count from the environment (tests only) when it is digits within
 * least..most, otherwise `usual`. */
static size_t writer_size_from_environment(const char *name, size_t usual, size_t least, size_t most)
{
    const char *text = getenv(name);
    char *end;
    if (!text || !*text)
        return usual;
    errno = 0;
    unsigned long long value = strtoull(text, &end, 10);
    return errno == 0 && *end == '\0' && value >= least && value <= most ? (size_t)value : usual;
}

lxw_row_t writer_max_sheet_rows(void)
{
    return (lxw_row_t)writer_size_from_environment("COOPREPORT_MAX_SHEET_ROWS", LXW_ROW_MAX, 10,
                                                   LXW_ROW_MAX);
}

size_t writer_streaming_rows(void)
{
    return writer_size_from_environment("COOPREPORT_STREAM_ROWS", 40000, 0, SIZE_MAX);
}

int writer_open(struct sheet_writer *writer, const char *path, const struct workbook_content *content,
                struct coop_diagnostics *diagnostics)
{
    memset(writer, 0, sizeof *writer);
    writer->content = content;
    writer->layout = content->layout;
    writer->diagnostics = diagnostics;
    writer->path = path;
    writer->temporary = workbook_temporary_path(path);
    if (!writer->temporary || strlen(writer->temporary) >= sizeof workbook_pending) {
        diag_error(diagnostics, path, 0, 0, NULL, "out of memory or path too long");
        return -1;
    }
    workbook_set_pending(writer->temporary);
    /* Small workbooks in normal mode (shared strings, which every reader
     * takes); large ones stream their list sheets row by row, so that memory
     * stays flat however long a list is (libxlsxwriter's constant_memory,
     * read when each sheet is added). */
    writer->constant_memory = list_sheets_count_rows(writer) > writer_streaming_rows();
    lxw_workbook_options options = {.constant_memory = writer->constant_memory};
    writer->workbook = workbook_new_opt(writer->temporary, &options);
    if (!writer->workbook)
        return writer_fail(writer, LXW_ERROR_CREATING_XLSX_FILE, "a new workbook in '%s'",
                           writer->temporary);
    /* The form sheets lay out cells in any order: never streamed. */
    writer->workbook->options.constant_memory = LXW_FALSE;
    if (writer_create_styles(writer) != 0 || writer_properties(writer) != 0)
        return -1;
    return 0;
}

int writer_close(struct sheet_writer *writer, int status)
{
    if (writer->workbook) {
        errno = 0;
        lxw_error closed = workbook_close(writer->workbook);
        int reason = errno;
        if (status == 0 && closed != LXW_NO_ERROR && reason != 0 &&
            (closed == LXW_ERROR_CREATING_XLSX_FILE || closed == LXW_ERROR_CREATING_TMPFILE ||
             closed == LXW_ERROR_READING_TMPFILE || closed == LXW_ERROR_ZIP_FILE_OPERATION ||
             closed == LXW_ERROR_ZIP_FILE_ADD || closed == LXW_ERROR_ZIP_CLOSE)) {
            /* The system's reason (disk full, file too large, permission
             * denied) says more than the library's. */
            diag_error(writer->diagnostics, writer->path, 0, 0, NULL,
                       "cannot write the workbook (in '%s'): %s; nothing was written to '%s'",
                       writer->temporary, strerror(reason), writer->path);
            status = -1;
        } else if (status == 0 && closed != LXW_NO_ERROR) {
            status = writer_fail(writer, closed, "the file '%s'", writer->temporary);
        }
    }
    if (status == 0 && rename(writer->temporary, writer->path) != 0) {
        diag_error(writer->diagnostics, writer->path, 0, 0, NULL,
                   "cannot move the finished workbook into place: %s", strerror(errno));
        status = -1;
    }
    if (status != 0 && writer->temporary)
        unlink(writer->temporary);
    workbook_set_pending(NULL);
    free(writer->temporary);
    free(writer->sheet_names);
    writer->temporary = NULL;
    writer->sheet_names = NULL;
    if (status == 0)
        return 0;
    return writer->failure_status ? writer->failure_status : COOP_EXIT_IO;
}

int workbook_write(const char *path, const struct workbook_content *content,
                   struct coop_diagnostics *diagnostics)
{
    struct sheet_writer writer;
    int status = writer_open(&writer, path, content, diagnostics);
    /* The order of SPEC §6 and the issue: summary, sectors, targets, groups,
     * changes, indicators, rejected rows. */
    if (status == 0 &&
        (summary_sheet_write(&writer) != 0 || list_sheets_write_sectors(&writer) != 0 ||
         target_sheet_write(&writer) != 0 || list_sheets_write_groups(&writer) != 0 ||
         list_sheets_write_changes(&writer) != 0 || writer_indicator_sheet(&writer) != 0 ||
         rejected_sheet_write(&writer) != 0))
        status = -1;
    return writer_close(&writer, status);
}
