/*
 * national_sheet — the national summary workbook of a batch run: one row per
 * province with its key figures, and national totals made from the
 * provinces' exact sums (never by adding or averaging averages).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coopreport/sheet_writer.h"


struct national_column {
    const char *title;
    const char *name;           /* defined name of the national total, NULL = none */
    enum indicator_format format;
    bool additive;              /* the total is a SUM of the rows */
};

static const struct national_column NATIONAL_COLUMNS[] = {
    {"Số HTX", "national.coops.total", FORMAT_COUNT, true},
    {"HTX thành lập mới", "national.coops.new", FORMAT_COUNT, true},
    {"HTX giải thể", "national.coops.dissolved", FORMAT_COUNT, true},
    {"Thành viên HTX", "national.coops.members", FORMAT_COUNT, true},
    {"Lao động HTX", "national.coops.workers", FORMAT_COUNT, true},
    {"Số THT", "national.groups.total", FORMAT_COUNT, true},
    {"Doanh thu bình quân (triệu đồng/HTX)", "national.coops.revenue.avg", FORMAT_AMOUNT, false},
    {"Lợi nhuận bình quân (triệu đồng/HTX)", "national.coops.profit.avg", FORMAT_AMOUNT, false},
    {"Thu nhập bình quân (triệu đồng/người/năm)", "national.coops.income.avg", FORMAT_AMOUNT, false},
    {"Tỷ lệ HTX tiếp cận thị trường (%)", "national.coops.market_access.pct", FORMAT_PERCENT, false},
};
#define NATIONAL_COLUMN_COUNT (sizeof NATIONAL_COLUMNS / sizeof *NATIONAL_COLUMNS)
/* The chart of HTX by province, on an A4 portrait page (about 700 × 1000
 * pixels inside the margins): 14 pixels a province, room for a name in 8
 * points (a renderer leaves out every other name when their lines overlap),
 * besides the title and the value axis; at most 63 provinces a chart, so
 * that one stays within the page. */
#define NATIONAL_CHART_WIDTH 660.0
#define NATIONAL_CHART_PIXELS 14.0
#define NATIONAL_CHART_FRAME 90.0
#define NATIONAL_CHART_POINTS 8
#define NATIONAL_CHART_MOST 63
#define NATIONAL_CHART_PAGES 16

bool national_workbook_defines(const char *name)
{
    for (size_t c = 0; name && c < NATIONAL_COLUMN_COUNT; c++)
        if (NATIONAL_COLUMNS[c].name && strcmp(NATIONAL_COLUMNS[c].name, name) == 0)
            return true;
    return false;
}

/* An average in million VND from an exact sum in đồng, with one rounding (the
 * division's), as the province's figures; 0 when there is no unit. */
static double national_money_average(int64_t sum, int64_t count)
{
    return count ? (double)sum / ((double)COOP_MONEY_PER_MILLION * (double)count) : 0;
}

/* The value of column c for a set of totals; false when it has no
 * denominator (left blank). */
static bool national_value(const struct coop_totals *totals, size_t column, double *value)
{
    switch (column) {
    case 0: *value = (double)totals->coops; return true;
    case 1: *value = (double)totals->coops_new; return true;
    case 2: *value = (double)totals->coops_dissolved; return true;
    case 3: *value = (double)totals->members; return totals->members_count != 0;
    case 4: *value = (double)totals->workers; return totals->workers_count != 0;
    case 5: *value = (double)totals->groups; return totals->groups_files != 0;
    case 6:
        *value = national_money_average(totals->revenue_sum, totals->revenue_count);
        return totals->revenue_count != 0;
    case 7:
        *value = national_money_average(totals->profit_sum, totals->profit_count);
        return totals->profit_count != 0;
    case 8:
        *value = national_money_average(totals->income_weighted_sum, totals->income_workers);
        return totals->income_workers != 0 && !totals->income_overflow;
    case 9:
        *value = totals->market_access_units
                     ? (double)totals->market_access * 100 / (double)totals->market_access_units : 0;
        return totals->market_access_units != 0;
    default: return false;
    }
}

int national_indicators(const struct national_row *rows, size_t count, struct indicator_set *set)
{
    struct coop_totals national = {0};
    for (size_t i = 0; i < count; i++)
        if (rows[i].ok)
            indicators_add_totals(&national, &rows[i].totals);
    for (size_t c = 0; c < NATIONAL_COLUMN_COUNT; c++) {
        const char *name = NATIONAL_COLUMNS[c].name;
        const struct indicator_definition *meaning = indicators_explain(name + strlen("national."),
                                                                        NULL);
        double value = 0;
        bool has_value = national_value(&national, c, &value);
        if (!indicators_add(set, name, meaning ? meaning->label : NATIONAL_COLUMNS[c].title,
                            meaning ? meaning->unit : "", NATIONAL_COLUMNS[c].format, has_value,
                            value))
            return -1;
    }
    return 0;
}

static int national_put_row(struct sheet_writer *writer, lxw_worksheet *sheet, lxw_row_t row,
                            const struct coop_totals *totals, bool bold)
{
    for (size_t c = 0; c < NATIONAL_COLUMN_COUNT; c++) {
        lxw_col_t column = (lxw_col_t)(2 + c);
        int decimals = indicators_format_decimals(NATIONAL_COLUMNS[c].format);
        lxw_format *style = bold ? writer->style.figures_bold[decimals] : writer->style.figures[decimals];
        double value;
        if (!national_value(totals, c, &value)) {
            WRITER_CHECK(writer, worksheet_write_blank(sheet, row, column, style), "an empty cell");
        } else if (bold && NATIONAL_COLUMNS[c].additive && row > 3) {
            char first[16], last[16], formula[48];
            lxw_rowcol_to_cell(first, 3, column);
            lxw_rowcol_to_cell(last, row - 1, column);
            snprintf(formula, sizeof formula, "=SUM(%s:%s)", first, last);
            WRITER_CHECK(writer, worksheet_write_formula_num(sheet, row, column, formula, style, value),
                         "a national total");
        } else if (writer_put_number(writer, sheet, row, column, value, style) != 0) {
            return -1;
        }
    }
    return 0;
}

/* The status of a province's row: made, made leaving rejected rows out
 * (--keep-going), or not made. */
static const char *national_status_text(const struct sheet_writer *writer,
                                        const struct national_row *entry, char *buffer, size_t size)
{
    bool english = writer_is_english(writer);
    if (!entry->ok)
        return english ? "Data errors" : "Lỗi dữ liệu";
    if (!entry->rejected)
        return english ? "Report made" : "Đã lập báo cáo";
    if (english)
        snprintf(buffer, size, "Made, %zu rejected row%s left out", entry->rejected,
                 entry->rejected == 1 ? "" : "s");
    else
        snprintf(buffer, size, "Đã lập, thiếu %zu dòng lỗi", entry->rejected);
    return buffer;
}

/* Widens widths[] (code, name, the figures, the status) to what the rows and
 * the national row show, in the form's font; *national receives the national
 * totals. */
static void national_measure(const struct sheet_writer *writer, const struct national_row *rows,
                             size_t count, double *widths, struct coop_totals *national)
{
    const size_t status_column = 2 + NATIONAL_COLUMN_COUNT;
    char status[96];
    *national = (struct coop_totals){0};
    for (size_t i = 0; i < count; i++) {
        const struct national_row *entry = &rows[i];
        widths[0] = fmax(widths[0], writer_text_width(writer, entry->province->code,
                                                      MEASURE_REGULAR));
        widths[1] = fmax(widths[1], writer_text_width(writer, entry->province->name,
                                                      MEASURE_REGULAR));
        const char *status_text = national_status_text(writer, entry, status, sizeof status);
        widths[status_column] = fmax(widths[status_column],
                                     writer_text_width(writer, status_text, MEASURE_REGULAR));
        if (!entry->ok)
            continue;
        indicators_add_totals(national, &entry->totals);
        for (size_t c = 0; c < NATIONAL_COLUMN_COUNT; c++) {
            double value;
            if (national_value(&entry->totals, c, &value))
                widths[2 + c] = fmax(widths[2 + c], writer_number_width(
                    writer, value, indicators_format_decimals(NATIONAL_COLUMNS[c].format),
                    MEASURE_REGULAR));
        }
    }
    widths[1] = fmax(widths[1], writer_text_width(writer, "Toàn quốc", MEASURE_BOLD));
    for (size_t c = 0; c < NATIONAL_COLUMN_COUNT; c++) {
        double value;
        if (national_value(national, c, &value))
            widths[2 + c] = fmax(widths[2 + c], writer_number_width(
                writer, value, indicators_format_decimals(NATIONAL_COLUMNS[c].format),
                MEASURE_BOLD));
    }
}

static int national_sheet_fill(struct sheet_writer *writer, lxw_worksheet *sheet, const char *name,
                               const struct national_row *rows, size_t count)
{
    const struct coop_config *config = writer->content->config;
    lxw_col_t last_column = (lxw_col_t)(2 + NATIONAL_COLUMN_COUNT);
    char title[256];
    snprintf(title, sizeof title, "TỔNG HỢP TÌNH HÌNH KINH TẾ TẬP THỂ TOÀN QUỐC %s %d",
             config->period == PERIOD_H1 ? "6 THÁNG ĐẦU NĂM" : "NĂM", config->year);
    WRITER_CHECK(writer, worksheet_merge_range(sheet, 0, 0, 0, last_column, title, writer->style.title),
                 "the title");
    /* Code, name, the figures, the status: each column as wide as what it
     * shows ("Đã lập, thiếu 3 dòng lỗi") and its title's longest word, the
     * header row as tall as the most wrapped title. */
    const char *titles[NATIONAL_COLUMN_COUNT + 3];
    double widths[NATIONAL_COLUMN_COUNT + 3];
    titles[0] = "Mã";
    widths[0] = 6;
    titles[1] = "Tỉnh, thành phố";
    widths[1] = 22;
    for (size_t c = 0; c < NATIONAL_COLUMN_COUNT; c++) {
        titles[2 + c] = NATIONAL_COLUMNS[c].title;
        widths[2 + c] = 14;
    }
    titles[last_column] = "Trạng thái";
    widths[last_column] = 14;
    struct coop_totals national;
    national_measure(writer, rows, count, widths, &national);
    if (writer_put_header(writer, sheet, 2, 0, titles, (size_t)last_column + 1, widths) != 0)
        return -1;

    lxw_row_t row = 3;
    for (size_t i = 0; i < count; i++, row++) {
        const struct national_row *entry = &rows[i];
        WRITER_CHECK(writer, worksheet_write_string(sheet, row, 0, entry->province->code,
                                                    writer->style.text_center), "a province");
        WRITER_CHECK(writer, worksheet_write_string(sheet, row, 1, entry->province->name,
                                                    writer->style.text), "a province");
        char status[96];
        const char *status_text = national_status_text(writer, entry, status, sizeof status);
        WRITER_CHECK(writer, worksheet_write_string(sheet, row, last_column, status_text,
                                                    writer->style.text), "a province");
        if (!entry->ok) {
            for (size_t c = 0; c < NATIONAL_COLUMN_COUNT; c++)
                WRITER_CHECK(writer, worksheet_write_blank(sheet, row, (lxw_col_t)(2 + c), writer->style.text),
                             "an empty cell");
            continue;
        }
        if (national_put_row(writer, sheet, row, &entry->totals, false) != 0)
            return -1;
    }
    lxw_row_t total_row = row;
    WRITER_CHECK(writer, worksheet_write_string(sheet, total_row, 0, "", writer->style.text_bold),
                 "the national row");
    WRITER_CHECK(writer, worksheet_write_string(sheet, total_row, 1, "Toàn quốc", writer->style.text_bold),
                 "the national row");
    WRITER_CHECK(writer, worksheet_write_string(sheet, total_row, last_column, "", writer->style.text_bold),
                 "the national row");
    if (national_put_row(writer, sheet, total_row, &national, true) != 0)
        return -1;
    char quoted[SHEET_NAME_SIZE * 2 + 4];
    snprintf(quoted, sizeof quoted, "'%s'", name);
    for (size_t c = 0; c < NATIONAL_COLUMN_COUNT; c++) {
        char cell[32], reference[SHEET_NAME_SIZE * 2 + 48];
        lxw_rowcol_to_cell_abs(cell, total_row, (lxw_col_t)(2 + c), 1, 1);
        snprintf(reference, sizeof reference, "=%s!%s", quoted, cell);
        WRITER_CHECK(writer, workbook_define_name(writer->workbook, NATIONAL_COLUMNS[c].name, reference),
                     "the defined name '%s'", NATIONAL_COLUMNS[c].name);
    }
    worksheet_freeze_panes(sheet, 3, 2);

    return writer_set_print(writer, sheet, true, 2, 2, total_row, last_column);
}

/* A value axis' end above `most`: 1, 2 or 5 times a power of ten, so that
 * charts of parts of one list share a scale. */
static double national_axis_end(double most)
{
    static const double NICE[] = {1, 2, 5, 10};
    double step = most >= 1 ? pow(10, floor(log10(most))) : 1;
    for (size_t m = 0; m < sizeof NICE / sizeof *NICE; m++)
        if (step * NICE[m] >= most)
            return step * NICE[m];
    return step * 10;
}

/* The chart of HTX by province on a sheet of its own ("Biểu đồ"), in
 * portrait: the table's repeated header would print over it on the table's
 * sheet (Excel repeats print titles on every page of a sheet). A bar per
 * province, in the table's order top to bottom, each named: at most
 * NATIONAL_CHART_MOST provinces a chart, a chart a page, all on one scale. */
static int national_chart_sheet(struct sheet_writer *writer, const char *table,
                                const struct national_row *rows, size_t count)
{
    if (count == 0)
        return 0;
    char name[SHEET_NAME_SIZE];
    lxw_worksheet *sheet = writer_add_sheet(writer, writer_is_english(writer) ? "Chart" : "Biểu đồ",
                                            name);
    if (!sheet)
        return -1;
    size_t charts = (count + NATIONAL_CHART_MOST - 1) / NATIONAL_CHART_MOST;
    size_t per_chart = (count + charts - 1) / charts;
    double most = 0;
    for (size_t i = 0; i < count; i++)
        if (rows[i].ok)
            most = fmax(most, (double)rows[i].totals.coops);
    WRITER_CHECK(writer, worksheet_set_column(sheet, 0, 0,
                                              writer_column_for_pixels(NATIONAL_CHART_WIDTH + 8),
                                              NULL),
                 "column widths");
    char font_name[] = "Times New Roman";
    lxw_chart_font label_font = {.name = font_name, .size = NATIONAL_CHART_POINTS};
    lxw_chart_font title_font = {.name = font_name, .size = 12, .bold = LXW_TRUE};
    lxw_row_t row = 0, breaks[NATIONAL_CHART_PAGES + 1] = {0};
    for (size_t chart_index = 0, first = 0; first < count; chart_index++, first += per_chart) {
        size_t shown = count - first < per_chart ? count - first : per_chart;
        lxw_chart *chart = workbook_add_chart(writer->workbook, LXW_CHART_BAR);
        lxw_chart_series *series = chart ? chart_add_series(chart, NULL, NULL) : NULL;
        if (!series)
            return writer_fail(writer, LXW_ERROR_MEMORY_MALLOC_FAILED, "the chart of HTX by province");
        lxw_row_t top = (lxw_row_t)(3 + first), bottom = (lxw_row_t)(3 + first + shown - 1);
        chart_series_set_categories(series, table, top, 1, bottom, 1);
        chart_series_set_values(series, table, top, 2, bottom, 2);
        chart_title_set_name(chart, "Số HTX theo tỉnh, thành phố");
        chart_title_set_name_font(chart, &title_font);
        writer_chart_bars_in_order(chart, &label_font);
        if (charts > 1)
            chart_axis_set_max(chart->x_axis, national_axis_end(most));
        double height = NATIONAL_CHART_PIXELS * (double)shown + NATIONAL_CHART_FRAME;
        if (chart_index > 0 && chart_index <= NATIONAL_CHART_PAGES)
            breaks[chart_index - 1] = row;
        if (writer_insert_chart(writer, sheet, row, 0, chart, NATIONAL_CHART_WIDTH, height) != 0)
            return -1;
        row += writer_chart_rows(height);
    }
    if (charts > 1)
        WRITER_CHECK(writer, worksheet_set_h_pagebreaks(sheet, breaks), "a page break");
    if (writer_set_print(writer, sheet, false, -1, -1, row - 1, 0) != 0)
        return -1;
    return 0;
}

int national_workbook_write(const char *path, const struct workbook_content *content,
                            const struct national_row *rows, size_t count,
                            struct coop_diagnostics *diagnostics)
{
    struct sheet_writer writer;
    int status = writer_open(&writer, path, content, diagnostics);
    lxw_worksheet *sheet = NULL;
    char name[SHEET_NAME_SIZE];
    if (status == 0 && !(sheet = writer_add_sheet(&writer, "Toàn quốc", name)))
        status = -1;
    if (status == 0)
        status = national_sheet_fill(&writer, sheet, name, rows, count);
    if (status == 0)
        status = national_chart_sheet(&writer, name, rows, count);
    return writer_close(&writer, status);
}
