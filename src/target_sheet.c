/*
 * target_sheet — one sheet per target of the config: what the target is and
 * what was measured (a block of labels and values), a chart of the value
 * beside the target's bounds, and the units counted (a list as in
 * list_sheets.c). Laid out for print: the block spans the list's columns
 * (labels over the first ones, values over the rest) so that neither sets
 * the other's widths, and the chart sits in rows of its own between the
 * block and the list, within the table's width: it covers no cell, prints
 * on the first page, and is never on the list's header repeated on each page.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coopreport/list_table.h"

/* The values' span is at least this wide (characters) when a value needs it:
 * a long definition then wraps on a few lines, not one word a line. */
#define TARGET_VALUE_WIDTH 40.0
/* The chart's height in pixels, and its widest. */
#define TARGET_CHART_HEIGHT 240.0
#define TARGET_CHART_MOST_WIDTH 640.0

/* A row of the block: a label, and a text or a number. */
struct target_pair {
    const char *label;
    const char *text;              /* NULL: a number */
    bool has_number;               /* false: an empty number cell */
    double number;
    int decimals;                  /* of the number */
};

/* Where the block goes: labels over columns 0..label_last, values over
 * label_last + 1..last. */
struct target_block {
    lxw_col_t label_last, last;
    double label_width, value_width;
};

/* Splits the columns between labels and values: the labels get the fewest
 * first columns that hold the widest label (the first column is widened when
 * the list has too few), the values the rest. */
static void target_plan_block(const struct sheet_writer *writer, struct list_table *table,
                              const struct target_pair *pairs, size_t count,
                              struct target_block *block)
{
    double label_needed = 0, value_needed = 0;
    for (size_t i = 0; i < count; i++) {
        label_needed = fmax(label_needed, writer_text_width(writer, pairs[i].label, MEASURE_BOLD));
        if (pairs[i].text)
            value_needed = fmax(value_needed,
                                fmax(writer_word_width(writer, pairs[i].text, MEASURE_REGULAR),
                                     fmin(writer_text_width(writer, pairs[i].text, MEASURE_REGULAR),
                                          TARGET_VALUE_WIDTH)));
        else if (pairs[i].has_number)
            value_needed = fmax(value_needed,
                                writer_number_width(writer, pairs[i].number, pairs[i].decimals,
                                                    MEASURE_REGULAR));
    }
    block->last = table->last_column > 0 ? table->last_column : 1;
    double width = 0;
    block->label_last = 0;
    for (lxw_col_t c = 0; c < block->last; c++) {
        width += table->widths[c];
        block->label_last = c;
        if (width >= label_needed)
            break;
    }
    if (width < label_needed)
        table->widths[block->label_last] += label_needed - width;
    /* A value column the list does not use, or too narrow for a word. */
    block->value_width = 0;
    for (lxw_col_t c = block->label_last + 1; c <= block->last; c++)
        block->value_width += table->widths[c];
    if (block->value_width < value_needed) {
        table->widths[block->last] += value_needed - block->value_width;
        block->value_width = value_needed;
    }
    block->label_width = fmax(width, label_needed);
    table->last_column = block->last;
}

static int target_put_block(struct sheet_writer *writer, lxw_worksheet *sheet,
                            const struct target_pair *pairs, size_t count,
                            const struct target_block *block)
{
    lxw_col_t value_first = block->label_last + 1;
    for (size_t i = 0; i < count; i++) {
        const struct target_pair *pair = &pairs[i];
        lxw_row_t row = (lxw_row_t)i;
        size_t lines = writer_text_lines(writer, pair->label, MEASURE_BOLD, block->label_width);
        if (pair->text) {
            size_t needed = writer_text_lines(writer, pair->text, MEASURE_REGULAR,
                                              block->value_width);
            lines = needed > lines ? needed : lines;
        }
        if (writer_fit_row(writer, sheet, row, lines) != 0 ||
            writer_put_span(writer, sheet, row, 0, block->label_last, pair->label,
                            writer->style.text_bold) != 0)
            return -1;
        lxw_format *number = writer->style.figures[pair->decimals];
        if (pair->text) {
            if (writer_put_span(writer, sheet, row, value_first, block->last, pair->text,
                                writer->style.text) != 0)
                return -1;
            continue;
        }
        /* A number over a span: the merge first, then the number in its first cell. */
        if (block->last > value_first)
            WRITER_CHECK(writer, worksheet_merge_range(sheet, row, value_first, row, block->last,
                                                       "", number), "a target's value");
        if (!pair->has_number)
            WRITER_CHECK(writer, worksheet_write_blank(sheet, row, value_first, number),
                         "a target's value");
        else if (writer_put_number(writer, sheet, row, value_first, pair->number, number) != 0)
            return -1;
    }
    return 0;
}

/* A column chart of the measured value beside the target's bounds, read from
 * the block's rows first..last (labels in the first column, numbers in the
 * first value column), in the rows from `row` on, as wide as the table
 * allows. The library quotes the sheet name in the references (doubling any
 * apostrophe) and reads the cells back for the chart's cache. */
static int target_put_chart(struct sheet_writer *writer, lxw_worksheet *sheet, const char *name,
                            const struct target_result *result, const struct list_table *table,
                            const struct target_block *block, lxw_row_t first, lxw_row_t last,
                            lxw_row_t row)
{
    lxw_col_t value_column = block->label_last + 1;
    lxw_chart *chart = workbook_add_chart(writer->workbook, LXW_CHART_COLUMN);
    lxw_chart_series *series = chart ? chart_add_series(chart, NULL, NULL) : NULL;
    if (!series)
        return writer_fail(writer, LXW_ERROR_MEMORY_MALLOC_FAILED, "the chart of '%s'", name);
    chart_series_set_categories(series, name, first, 0, last, 0);
    chart_series_set_values(series, name, first, value_column, last, value_column);
    chart_series_set_labels(series);
    /* The measured bar green when achieved, orange otherwise; bounds grey. */
    lxw_chart_fill value_fill = {.color = result->status == TARGET_ACHIEVED || result->status == TARGET_EXCEEDED ? 0x70AD47 : 0xED7D31};
    lxw_chart_fill bound_fill = {.color = 0xA5A5A5};
    lxw_chart_point value_point = {.fill = &value_fill}, bound_point = {.fill = &bound_fill};
    lxw_chart_point *points[4] = {&value_point, NULL, NULL, NULL};
    for (lxw_row_t bound = first + 1; bound <= last && bound - first < 3; bound++)
        points[bound - first] = &bound_point;
    WRITER_CHECK(writer, chart_series_set_points(series, points), "the chart of '%s'", name);
    chart_title_set_name_range(chart, name, 0, value_column);
    lxw_chart_font title_font = {.size = 10, .bold = LXW_TRUE};
    chart_title_set_name_font(chart, &title_font);
    chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
    /* From 0 when every bar is positive, as the eye reads a column; a
     * negative value or bound needs the axis below 0 to show at all. */
    const struct coop_target *target = result->target;
    double lowest = result->has_value ? result->value : 0;
    double largest = result->has_value ? fabs(result->value) : 0;
    if (target->has_min) {
        lowest = fmin(lowest, target->min);
        largest = fmax(largest, fabs(target->min));
    }
    if (target->has_max) {
        lowest = fmin(lowest, target->max);
        largest = fmax(largest, fabs(target->max));
    }
    if (lowest >= 0)
        chart_axis_set_min(chart->y_axis, 0);
    else
        chart_axis_set_label_position(chart->x_axis, LXW_CHART_AXIS_LABEL_POSITION_LOW);
    /* Thousands apart on the axis as in the cells (its steps are whole from
     * 1 000 on); the bars' labels without decimals from a million on, where
     * "1,371,779,855.4" would break over two lines. */
    if (largest >= 1000)
        chart_axis_set_num_format(chart->y_axis, writer_figure_formats[0]);
    if (largest >= 1e6)
        chart_series_set_labels_num_format(series, writer_figure_formats[0]);
    double width = 0;
    for (lxw_col_t c = 0; c <= table->last_column; c++)
        width += text_measure_column_pixels(table->widths[c]);
    return writer_insert_chart(writer, sheet, row, 0, chart,
                               fmin(width - 8, TARGET_CHART_MOST_WIDTH), TARGET_CHART_HEIGHT);
}

/* One target's sheet: what it is, what was measured, the chart, and the units
 * counted (none when the target is not yet due). */
static int target_sheet_put(struct sheet_writer *writer, const struct target_result *result,
                            struct list_entry *entries)
{
    const struct coop_target *target = result->target;
    const struct coop_template *layout = writer->layout;
    const struct list_words *words = list_table_words(writer);
    const struct indicator *figure = indicators_find(writer->content->indicators, target->indicator);
    /* The value and its bounds alike, with the decimals that keep them apart. */
    int decimals = indicators_target_decimals(result, figure ? figure->format : FORMAT_AMOUNT);
    char figure_label[600];
    const char *unit = "";
    if (figure)
        writer_indicator_words(writer, figure, figure_label, sizeof figure_label, &unit);

    char window[64], low[64], high[64], range[200], low_label[256], high_label[256];
    snprintf(window, sizeof window, "%02d/%02d/%04d – %02d/%02d/%04d", date_day(result->window_first),
             date_month(result->window_first), date_year(result->window_first),
             date_day(result->window_last), date_month(result->window_last),
             date_year(result->window_last));
    writer_number_text(writer, target->min, decimals, low, sizeof low);
    writer_number_text(writer, target->max, decimals, high, sizeof high);
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
    struct target_pair pairs[9];
    size_t count = 0;
    pairs[count++] = (struct target_pair){words->definition, target->label, false, 0, 0};
    pairs[count++] = (struct target_pair){words->indicator_key, target->indicator, false, 0, 0};
    pairs[count++] = (struct target_pair){layout->text_target_window, window, false, 0, 0};
    pairs[count++] = (struct target_pair){range_word, range, false, 0, 0};
    lxw_row_t chart_first = (lxw_row_t)count;
    pairs[count++] = (struct target_pair){layout->text_target_value, NULL, result->has_value,
                                          result->value, decimals};
    if (target->has_min)
        pairs[count++] = (struct target_pair){low_label, NULL, true, target->min, decimals};
    if (target->has_max)
        pairs[count++] = (struct target_pair){high_label, NULL, true, target->max, decimals};
    lxw_row_t chart_last = (lxw_row_t)count - 1;
    /* Blank for a ceiling and for a floor not above 0 (see target_judge). */
    pairs[count++] = (struct target_pair){layout->text_target_percent, NULL,
                                          result->has_percent, result->percent,
                                          indicators_target_percent_decimals(result)};
    pairs[count++] = (struct target_pair){layout->text_target_status,
                                          writer_status_label(writer, result->status), false, 0,
                                          0};
    for (size_t i = 0; i < count; i++)
        if (!pairs[i].label)
            pairs[i].label = "";

    /* The units counted, as the indicator counts them on the window. */
    size_t unit_count = 0;
    struct list_selection pick;
    list_table_select(writer, target->indicator, result->window_first, result->window_last, &pick);
    if (result->status != TARGET_NOT_YET_DUE)
        list_table_collect(writer, &pick, entries, &unit_count);

    char name[SHEET_NAME_SIZE];
    lxw_worksheet *sheet = list_table_add_sheet(writer, target->sheet ? target->sheet : target->label,
                                                name);
    if (!sheet)
        return -1;
    /* A target on the groups counts THT: their list's columns speak of THT. */
    const struct template_list *columns = pick.dataset && pick.dataset == writer->content->groups
                                              ? &layout->group_list
                                              : &layout->target_list;
    /* The block, an empty row, the chart's rows, the list's title and the list. */
    lxw_row_t chart_row = (lxw_row_t)count + 1;
    lxw_row_t title_row = chart_row + writer_chart_rows(TARGET_CHART_HEIGHT);
    struct list_table table = {name, columns, entries, unit_count, title_row + 1, false, NULL, 0,
                               {0}, false, 1, 0, target->label};
    struct target_block block;
    if (list_table_measure(writer, &table) != 0)
        return -1;
    target_plan_block(writer, &table, pairs, count, &block);
    if (target_put_block(writer, sheet, pairs, count, &block) != 0)
        return -1;
    const char *units = layout->text_target_units ? layout->text_target_units : "";
    if (writer_put_span(writer, sheet, title_row, 0, table.last_column, units,
                        writer->style.plain_bold) != 0 ||
        list_table_put(writer, sheet, &table) != 0)
        return -1;
    return target_put_chart(writer, sheet, name, result, &table, &block, chart_first, chart_last,
                            chart_row);
}

int target_sheet_write(struct sheet_writer *writer)
{
    const struct workbook_content *content = writer->content;
    const struct coop_config *config = content->config;
    if (config->target_count == 0 || !content->targets)
        return 0;
    size_t most = content->coops ? content->coops->count : 0;
    if (content->groups && content->groups->count > most)
        most = content->groups->count;
    struct list_entry *entries = list_table_new_entries(writer, most);
    if (!entries)
        return -1;
    int status = 0;
    for (size_t t = 0; t < config->target_count && status == 0; t++)
        status = target_sheet_put(writer, &content->targets[t], entries);
    free(entries);
    return status;
}
