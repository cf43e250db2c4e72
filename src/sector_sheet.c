/*
 * sector_sheet — the sheet of HTX by sector after "Chỉ số": a small table
 * (sector, number of HTX) whose counts point at the coops.sector.CODE cells
 * of "Chỉ số", so that they follow edits, and a chart of it beside the table.
 *
 * A sheet of its own, because Excel repeats a sheet's print titles on every
 * page: under the indicators, this table printed under their header
 * ("Mã chỉ số | Chỉ tiêu | …"), which is not its own.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "coopreport/page_header.h"
#include "coopreport/sheet_writer.h"

/* A pie reads well with a few short names in its legend; more or longer
 * names crowd the legend over the pie, so the sectors are drawn as bars,
 * each name beside its bar. */
#define SECTOR_PIE_MOST_SECTORS 8
#define SECTOR_PIE_MOST_NAME 36.0
#define SECTOR_PIE_WIDTH 560.0
#define SECTOR_PIE_HEIGHT 340.0
/* A bar chart: its width, and the height a sector's bar and its name of up
 * to three lines need, besides the title and the value axis. */
#define SECTOR_BAR_WIDTH 720.0
#define SECTOR_BAR_PIXELS 34.0
#define SECTOR_BAR_FRAME 110.0
/* The sector names' column: as wide as the longest name within these
 * bounds, longer names wrapped. */
#define SECTOR_NAME_LEAST 24.0
#define SECTOR_NAME_MOST 50.0

static lxw_chart *sector_chart(struct sheet_writer *writer, const char *name, lxw_row_t last,
                               bool pie, double *width, double *height)
{
    const struct coop_config *config = writer->content->config;
    bool english = writer_is_english(writer);
    lxw_chart *chart = workbook_add_chart(writer->workbook, pie ? LXW_CHART_PIE : LXW_CHART_BAR);
    lxw_chart_series *series = chart ? chart_add_series(chart, NULL, NULL) : NULL;
    if (!series)
        return NULL;
    chart_series_set_categories(series, name, 1, 0, last, 0);
    chart_series_set_values(series, name, 1, 1, last, 1);
    chart_series_set_labels(series);
    char font_name[] = "Times New Roman";
    lxw_chart_font title_font = {.name = font_name, .size = 11};
    lxw_chart_font label_font = {.name = font_name, .size = 9};
    chart_title_set_name(chart, english ? "Cooperatives by sector" : "Cơ cấu HTX theo lĩnh vực");
    chart_title_set_name_font(chart, &title_font);
    if (pie) {
        chart_series_set_labels_options(series, LXW_FALSE, LXW_FALSE, LXW_TRUE);
        chart_legend_set_position(chart, LXW_CHART_LEGEND_RIGHT);
        chart_legend_set_font(chart, &label_font);
        *width = SECTOR_PIE_WIDTH;
        *height = SECTOR_PIE_HEIGHT;
        return chart;
    }
    writer_chart_bars_in_order(chart, &label_font);
    chart_series_set_labels_font(series, &label_font);
    *width = SECTOR_BAR_WIDTH;
    *height = SECTOR_BAR_FRAME + SECTOR_BAR_PIXELS * (double)config->sector_count;
    return chart;
}

int sector_sheet_write(struct sheet_writer *writer, const char *indicators_sheet,
                       const lxw_row_t *sector_rows)
{
    const struct coop_config *config = writer->content->config;
    if (config->sector_count == 0)
        return 0;
    bool english = writer_is_english(writer);
    char name[SHEET_NAME_SIZE];
    lxw_worksheet *sheet = writer_add_sheet(writer, english ? "By sector" : "Cơ cấu theo lĩnh vực",
                                            name);
    if (!sheet)
        return -1;
    static const char *const headers_vi[] = {"Lĩnh vực", "Số HTX"};
    static const char *const headers_en[] = {"Sector", "Cooperatives"};
    double widths[2] = {SECTOR_NAME_LEAST, 12};
    double longest = 0;
    for (size_t s = 0; s < config->sector_count; s++)
        longest = fmax(longest, writer_text_width(writer, config->sectors[s].label, MEASURE_REGULAR));
    widths[0] = fmin(fmax(widths[0], longest), SECTOR_NAME_MOST);
    if (writer_put_header(writer, sheet, 0, 0, english ? headers_en : headers_vi, 2, widths) != 0)
        return -1;

    lxw_format *count_format = writer->style.figures[indicators_format_decimals(FORMAT_COUNT)];
    char quoted[SHEET_NAME_SIZE * 2 + 4];
    writer_quote_sheet(indicators_sheet, quoted, sizeof quoted);
    for (size_t s = 0; s < config->sector_count; s++) {
        lxw_row_t row = (lxw_row_t)(s + 1);
        const char *label = config->sectors[s].label;
        if (writer_fit_row(writer, sheet, row,
                           writer_text_lines(writer, label, MEASURE_REGULAR, widths[0])) != 0)
            return -1;
        char key[INDICATOR_KEY_SIZE], cell[32], formula[SHEET_NAME_SIZE * 2 + 48];
        snprintf(key, sizeof key, "coops.sector.%s", config->sectors[s].code);
        const struct indicator *figure = indicators_find(writer->content->indicators, key);
        lxw_rowcol_to_cell_abs(cell, sector_rows[s], 3, 1, 1);
        snprintf(formula, sizeof formula, "=%s!%s", quoted, cell);
        WRITER_CHECK(writer, worksheet_write_string(sheet, row, 0, label, writer->style.text),
                     "the sector table");
        WRITER_CHECK(writer, worksheet_write_formula_num(sheet, row, 1, formula, count_format,
                                                         figure && figure->has_value ? figure->value
                                                                                     : 0),
                     "the sector table");
    }
    /* The totals row: the sectors add up to coops.total. */
    lxw_row_t last = (lxw_row_t)config->sector_count + 1;
    const struct indicator *total = indicators_find(writer->content->indicators, "coops.total");
    char first_cell[16], last_cell[16], sum[48];
    lxw_rowcol_to_cell(first_cell, 1, 1);
    lxw_rowcol_to_cell(last_cell, last - 1, 1);
    snprintf(sum, sizeof sum, "=SUM(%s:%s)", first_cell, last_cell);
    WRITER_CHECK(writer, worksheet_write_string(sheet, last, 0, english ? "Total" : "Tổng cộng",
                                                writer->style.text_bold), "the sector table");
    WRITER_CHECK(writer, worksheet_write_formula_num(sheet, last, 1, sum,
                                                     writer->style.figures_bold
                                                         [indicators_format_decimals(FORMAT_COUNT)],
                                                     total && total->has_value ? total->value : 0),
                 "the sector table");

    /* The chart right of the table, past a narrow empty column, from the
     * second row: never on the repeated header row. */
    bool pie = config->sector_count <= SECTOR_PIE_MOST_SECTORS &&
               longest <= SECTOR_PIE_MOST_NAME;
    double width, height;
    lxw_chart *chart = sector_chart(writer, name, last - 1, pie, &width, &height);
    if (!chart)
        return writer_fail(writer, LXW_ERROR_MEMORY_MALLOC_FAILED, "the sector chart");
    const lxw_col_t chart_column = 3;
    WRITER_CHECK(writer, worksheet_set_column(sheet, 2, 2, 2, NULL), "column widths");
    WRITER_CHECK(writer, worksheet_set_column(sheet, chart_column, chart_column,
                                              writer_column_for_pixels(width + 8), NULL), "column widths");
    if (writer_insert_chart(writer, sheet, 1, chart_column, chart, width, height) != 0)
        return -1;
    lxw_row_t chart_last = 1 + writer_chart_rows(height);
    worksheet_freeze_panes(sheet, 1, 0);
    if (writer_set_print(writer, sheet, true, 0, 0, chart_last > last ? chart_last : last,
                         chart_column) != 0)
        return -1;
    return page_header_put(writer, sheet, english ? "Cooperatives by sector"
                                                  : "Cơ cấu hợp tác xã theo lĩnh vực", name);
}
