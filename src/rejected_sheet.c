/*
 * rejected_sheet — the rows the input files had that were rejected ("Dữ liệu
 * lỗi", written with --keep-going): where each is, why, and its raw fields
 * under the input file's own header names. Each file whose rows are listed
 * gets a header row of its own when its header differs from the one above.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coopreport/page_header.h"
#include "coopreport/sheet_writer.h"

/* The columns before the raw fields: file, line, column, field, reason. */
#define REJECTED_FIXED 5
/* Raw fields' columns: as wide as their content, within these bounds,
 * longer values wrapped. */
#define REJECTED_RAW_LEAST 6.0
#define REJECTED_RAW_MOST 18.0
/* The file's column: as wide as the paths, within these bounds. */
#define REJECTED_FILE_LEAST 8.0
#define REJECTED_FILE_MOST 24.0
/* The least print scale: a row of an export of 40 fields squeezed on one
 * page wide printed at 17 %, in 2-point text. Wider, the sheet prints
 * several pages wide with file and line (A:B) repeated on each page. */
#define REJECTED_LEAST_SCALE 0.7

/* The input files whose rejected rows are listed. */
struct rejected_sources {
    const struct coop_dataset *items[4];
    size_t count, total, widest;   /* sources, rejected rows, most raw fields in a row */
};

static void rejected_gather(const struct workbook_content *content, struct rejected_sources *sources)
{
    const struct coop_dataset *all[] = {content->coops, content->groups, content->previous_coops,
                                        content->previous_groups};
    memset(sources, 0, sizeof *sources);
    for (size_t s = 0; s < 4; s++) {
        if (!all[s] || all[s]->rejected_count == 0)
            continue;
        sources->items[sources->count++] = all[s];
        sources->total += all[s]->rejected_count;
        if (all[s]->header_count > sources->widest)
            sources->widest = all[s]->header_count;
        for (size_t i = 0; i < all[s]->rejected_count; i++)
            if (all[s]->rejected[i].cell_count > sources->widest)
                sources->widest = all[s]->rejected[i].cell_count;
    }
}

/* The last column written: cells past Excel's last column (XFD) are not. */
static lxw_col_t rejected_last_column(size_t raw)
{
    size_t last = REJECTED_FIXED + (raw ? raw - 1 : 0);
    return (lxw_col_t)(last < LXW_COL_MAX - 1 ? last : LXW_COL_MAX - 1);
}

/* The name of raw field c of a source: its header cell, or the field's
 * number when the row had more fields than the header. */
static const char *rejected_field_name(const struct coop_dataset *source, size_t c, char *number,
                                       size_t size)
{
    if (c < source->header_count && source->header[c])
        return source->header[c];
    snprintf(number, size, "(%zu)", c + 1);
    return number;
}

static bool rejected_same_header(const struct coop_dataset *a, const struct coop_dataset *b)
{
    if (a->header_count != b->header_count)
        return false;
    for (size_t c = 0; c < a->header_count; c++)
        if (strcmp(a->header[c] ? a->header[c] : "", b->header[c] ? b->header[c] : "") != 0)
            return false;
    return true;
}

/* The widths of the raw columns from their names and cells. */
static void rejected_measure(const struct sheet_writer *writer,
                             const struct rejected_sources *sources, double *widths, size_t raw)
{
    char number[32];
    for (size_t c = 0; c < raw; c++)
        widths[c] = REJECTED_RAW_LEAST;
    for (size_t s = 0; s < sources->count; s++) {
        const struct coop_dataset *source = sources->items[s];
        for (size_t c = 0; c < raw && c < source->header_count; c++) {
            double width = writer_word_width(writer, rejected_field_name(source, c, number,
                                                                         sizeof number),
                                             MEASURE_BOLD);
            widths[c] = width > widths[c] ? width : widths[c];
        }
        for (size_t i = 0; i < source->rejected_count; i++)
            for (size_t c = 0; c < source->rejected[i].cell_count && c < raw; c++) {
                double width = writer_text_width(writer, source->rejected[i].cells[c],
                                                 MEASURE_REGULAR);
                widths[c] = width > widths[c] ? width : widths[c];
            }
    }
    for (size_t c = 0; c < raw; c++)
        widths[c] = widths[c] > REJECTED_RAW_MOST ? REJECTED_RAW_MOST : widths[c];
}

/* A header row over the raw columns with a source's names. */
static int rejected_put_raw_header(struct sheet_writer *writer, lxw_worksheet *sheet,
                                   lxw_row_t row, const struct coop_dataset *source,
                                   double *widths, size_t raw)
{
    const char **names = calloc(raw ? raw : 1, sizeof *names);
    char (*numbers)[32] = calloc(raw ? raw : 1, sizeof *numbers);
    if (!names || !numbers) {
        free(names);
        free(numbers);
        return writer_fail(writer, LXW_ERROR_MEMORY_MALLOC_FAILED, "the rejected rows' header");
    }
    for (size_t c = 0; c < raw; c++)
        names[c] = rejected_field_name(source, c, numbers[c], sizeof numbers[c]);
    int status = writer_put_header(writer, sheet, row, REJECTED_FIXED, names, raw, widths);
    free(names);
    free(numbers);
    return status;
}

/* One rejected row, as tall as its most wrapped cell. */
static int rejected_put_row(struct sheet_writer *writer, lxw_worksheet *sheet, lxw_row_t row,
                            const struct coop_rejected_row *rejected, const double *fixed_widths,
                            const double *widths, size_t raw)
{
    lxw_format *count = writer->style.figures[indicators_format_decimals(FORMAT_COUNT)];
    const char *field = rejected->field ? rejected->field : "";
    size_t lines = writer_text_lines(writer, rejected->file, MEASURE_REGULAR, fixed_widths[0]);
    const char *texts[2] = {field, rejected->reason};
    for (size_t t = 0; t < 2; t++) {
        size_t needed = writer_text_lines(writer, texts[t], MEASURE_REGULAR, fixed_widths[3 + t]);
        lines = needed > lines ? needed : lines;
    }
    for (size_t c = 0; c < rejected->cell_count && c < raw; c++) {
        size_t needed = writer_text_lines(writer, rejected->cells[c], MEASURE_REGULAR, widths[c]);
        lines = needed > lines ? needed : lines;
    }
    if (writer_fit_row(writer, sheet, row, lines) != 0)
        return -1;
    /* The path as the config gives it: this year's and last year's files
     * often share a name in different folders. */
    WRITER_CHECK(writer, worksheet_write_string(sheet, row, 0, rejected->file, writer->style.text),
                 "a rejected row");
    WRITER_CHECK(writer, worksheet_write_number(sheet, row, 1, (double)rejected->line, count),
                 "a rejected row");
    if (rejected->column > 0)
        WRITER_CHECK(writer, worksheet_write_number(sheet, row, 2, (double)rejected->column, count),
                     "a rejected row");
    else
        WRITER_CHECK(writer, worksheet_write_blank(sheet, row, 2, count), "a rejected row");
    WRITER_CHECK(writer, worksheet_write_string(sheet, row, 3, field, writer->style.text),
                 "a rejected row");
    WRITER_CHECK(writer, worksheet_write_string(sheet, row, 4, rejected->reason, writer->style.text),
                 "a rejected row");
    for (size_t c = 0; c < rejected->cell_count && c < raw; c++)
        WRITER_CHECK(writer, worksheet_write_string(sheet, row, (lxw_col_t)(REJECTED_FIXED + c),
                                                    rejected->cells[c], writer->style.text),
                     "a rejected row's cell");
    return 0;
}

/* The pages wide the sheet prints on at REJECTED_LEAST_SCALE or more: one
 * when it fits; else as many as its columns take, a page breaking between
 * two columns, with file and line repeated at the left of every page. */
static uint16_t rejected_pages_wide(const double *fixed_widths, const double *widths, size_t raw)
{
    double page = writer_page_pixels(true) / REJECTED_LEAST_SCALE, total = 0;
    size_t count = REJECTED_FIXED + raw;
    for (size_t c = 0; c < count; c++)
        total += text_measure_column_pixels(c < REJECTED_FIXED ? fixed_widths[c]
                                                               : widths[c - REJECTED_FIXED]);
    if (total <= page)
        return 1;
    double repeated = text_measure_column_pixels(fixed_widths[0]) +
                      text_measure_column_pixels(fixed_widths[1]);
    double used = repeated;
    uint16_t pages = 1;
    for (size_t c = 2; c < count && pages < UINT16_MAX; c++) {
        double pixels = text_measure_column_pixels(c < REJECTED_FIXED ? fixed_widths[c]
                                                                      : widths[c - REJECTED_FIXED]);
        if (used + pixels > page && used > repeated) {
            pages++;
            used = repeated;
        }
        used += pixels;
    }
    return pages;
}

static int rejected_fill(struct sheet_writer *writer, const struct rejected_sources *sources,
                         double *widths, size_t raw)
{
    static const char *const headers_vi[] = {"Tệp", "Dòng", "Cột", "Trường", "Lý do"};
    static const char *const headers_en[] = {"File", "Line", "Column", "Field", "Reason"};
    double fixed_widths[REJECTED_FIXED] = {REJECTED_FILE_LEAST, 8, 6, 14, 40};
    char name[SHEET_NAME_SIZE];
    lxw_worksheet *sheet = writer_add_sheet(writer, writer->layout->rejected_sheet, name);
    if (!sheet)
        return -1;
    rejected_measure(writer, sources, widths, raw);
    for (size_t s = 0; s < sources->count; s++)
        for (size_t i = 0; i < sources->items[s]->rejected_count; i++)
            fixed_widths[0] = fmax(fixed_widths[0], writer_text_width(
                writer, sources->items[s]->rejected[i].file, MEASURE_REGULAR));
    fixed_widths[0] = fmin(fixed_widths[0], REJECTED_FILE_MOST);
    if (writer_put_header(writer, sheet, 0, 0, writer_is_english(writer) ? headers_en : headers_vi,
                          REJECTED_FIXED, fixed_widths) != 0 ||
        rejected_put_raw_header(writer, sheet, 0, sources->items[0], widths, raw) != 0)
        return -1;
    lxw_row_t row = 1;
    /* Excel's last row closes the list with a count of what did not fit
     * (every rejected row is on stderr too). */
    lxw_row_t last_listed = writer_max_sheet_rows() - 2;
    size_t listed = 0;
    for (size_t s = 0; s < sources->count && row <= last_listed; s++) {
        const struct coop_dataset *source = sources->items[s];
        if (s > 0 && !rejected_same_header(source, sources->items[s - 1])) {
            /* Another file's fields: its names over them. */
            if (rejected_put_raw_header(writer, sheet, row, source, widths, raw) != 0)
                return -1;
            row++;
        }
        for (size_t i = 0; i < source->rejected_count && row <= last_listed; i++, row++, listed++)
            if (rejected_put_row(writer, sheet, row, &source->rejected[i], fixed_widths, widths,
                                 raw) != 0)
                return -1;
    }
    if (listed < sources->total) {
        char note[160];
        snprintf(note, sizeof note, writer_is_english(writer)
                                        ? "… and %zu more rejected rows: see the run's messages"
                                        : "… và %zu dòng lỗi khác: xem thông báo của lần chạy",
                 sources->total - listed);
        WRITER_CHECK(writer, worksheet_write_string(sheet, row, 4, note, writer->style.text_bold),
                     "the count of rejected rows left out");
        row++;
    }
    worksheet_freeze_panes(sheet, 1, 0);
    if (writer_set_print(writer, sheet, true, 0, 0, row - 1, rejected_last_column(raw)) != 0)
        return -1;
    uint16_t pages = rejected_pages_wide(fixed_widths, widths, raw);
    if (pages > 1) {
        worksheet_fit_to_pages(sheet, pages, 0);
        WRITER_CHECK(writer, worksheet_repeat_columns(sheet, 0, 1), "repeated columns");
    }
    return page_header_put(writer, sheet,
                           writer_is_english(writer) ? "Rows rejected from the input files"
                                                     : "Các dòng dữ liệu bị loại",
                           name);
}

int rejected_sheet_write(struct sheet_writer *writer)
{
    struct rejected_sources sources;
    rejected_gather(writer->content, &sources);
    if (sources.total == 0)
        return 0;
    /* The raw fields that fit before Excel's last column. */
    size_t raw = (size_t)rejected_last_column(sources.widest) - REJECTED_FIXED + 1;
    double *widths = calloc(raw, sizeof *widths);
    if (!widths)
        return writer_fail(writer, LXW_ERROR_MEMORY_MALLOC_FAILED, "the rejected rows");
    int status = rejected_fill(writer, &sources, widths, raw);
    free(widths);
    return status;
}
