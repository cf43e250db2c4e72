/*
 * summary_sheet — the official summary form ("Tổng hợp"), laid out entirely
 * by the template: header block, title, a table with two-row merged headers
 * and a row of column numbers, the indicator rows, notes and signatures.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coopreport/indicators.h"
#include "coopreport/sheet_writer.h"

/* Where the parts of the table are, once laid out. */
struct summary_layout {
    lxw_worksheet *sheet;
    lxw_col_t columns;             /* number of table columns */
    lxw_col_t left_last;           /* last column of the left header block */
    lxw_col_t role_column[COLUMN_ROLE_COUNT];
    bool has_role[COLUMN_ROLE_COUNT];
    lxw_row_t row;                 /* next free row */
    double *widths;                /* the columns' widths as set, one per column */
    bool widened;                  /* a figure widened widths[] past what is set */
};

static int summary_put_span(struct sheet_writer *writer, struct summary_layout *table,
                            lxw_row_t row, lxw_col_t first, lxw_col_t last, const char *text,
                            lxw_format *format)
{
    return writer_put_span(writer, table->sheet, row, first, last, text, format);
}

static lxw_format *summary_plain_format(const struct sheet_writer *writer,
                                        const struct template_line *line)
{
    if (line->bold && line->italic)
        return writer->style.plain_bold_italic;
    if (line->bold)
        return writer->style.plain_bold;
    if (line->italic)
        return writer->style.plain_italic;
    return writer->style.plain;
}

/* A template line with its placeholders expanded and its case applied. */
static char *summary_line_text(struct sheet_writer *writer, const struct template_line *line)
{
    char *text = writer_expand(writer, line->text, NULL);
    if (text && line->upper) {
        char *upper = writer_upper(text);
        free(text);
        text = upper;
    }
    return text;
}

/* The width, in characters, of columns first..last. */
static double summary_span_width(const struct summary_layout *table, lxw_col_t first,
                                 lxw_col_t last)
{
    double width = 0;
    for (lxw_col_t c = first; c <= last; c++)
        width += table->widths[c];
    return width;
}

static enum measure_style summary_line_style(const struct template_line *line)
{
    return line->bold && line->italic ? MEASURE_BOLD_ITALIC
           : line->bold               ? MEASURE_BOLD
           : line->italic             ? MEASURE_ITALIC
                                      : MEASURE_REGULAR;
}

/* The height in points `text` needs wrapped in `width` characters, measured
 * in the font of `points` size. */
static double summary_text_height(const struct sheet_writer *writer, const char *text,
                                  enum measure_style style, double points, double width)
{
    size_t lines = text_measure_lines(text, points, style, width);
    double height = text_measure_row_height(lines, points);
    (void)writer;
    return height;
}

/* Sets a row's height so that `text` wrapped in `width` characters shows
 * whole: raised to the tallest text of the row. */
static int summary_fit_row(struct sheet_writer *writer, struct summary_layout *table, lxw_row_t row,
                           const char *text, enum measure_style style, double points, double width,
                           double *tallest)
{
    double height = summary_text_height(writer, text, style, points, width);
    if (height > *tallest) {
        *tallest = height;
        WRITER_CHECK(writer, worksheet_set_row(table->sheet, row, height, NULL), "a row height");
    }
    return 0;
}

/* Two blocks side by side: left over the first third, right over the rest.
 * Each side's lines stack on rows one line tall, a line that wraps merged
 * over as many rows as it needs: a long organisation on the left then takes
 * rows of its own instead of making one row tall, which would open a gap
 * between "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" and the motto under it. */
static int summary_put_block(struct sheet_writer *writer, struct summary_layout *table,
                             const struct template_block *block)
{
    double points = writer_font_points(writer);
    lxw_row_t top = table->row, bottom[2] = {top, top};
    for (int side = 0; side < 2; side++) {
        size_t count = side == 0 ? block->left_count : block->right_count;
        const struct template_line *lines = side == 0 ? block->left : block->right;
        lxw_col_t first = side == 0 ? 0 : table->left_last + 1;
        lxw_col_t last = side == 0 ? table->left_last : table->columns - 1;
        double width = summary_span_width(table, first, last);
        for (size_t i = 0; i < count; i++) {
            char *text = summary_line_text(writer, &lines[i]);
            if (!text)
                return -1;
            size_t needed = text_measure_lines(text, points, summary_line_style(&lines[i]), width);
            lxw_row_t row = bottom[side], end = row + (lxw_row_t)(needed > 1 ? needed - 1 : 0);
            lxw_format *format = summary_plain_format(writer, &lines[i]);
            int status = 0;
            lxw_error error = LXW_NO_ERROR;
            if (end == row)
                status = summary_put_span(writer, table, row, first, last, text, format);
            else
                error = worksheet_merge_range(table->sheet, row, first, end, last, text, format);
            if (error != LXW_NO_ERROR)
                status = writer_fail(writer, error, "the text '%s'", text);
            free(text);
            if (status != 0)
                return -1;
            bottom[side] = end + 1;
        }
    }
    table->row = bottom[0] > bottom[1] ? bottom[0] : bottom[1];
    for (lxw_row_t row = top; row < table->row; row++)
        WRITER_CHECK(writer, worksheet_set_row(table->sheet, row,
                                               text_measure_row_height(1, points), NULL),
                     "a row height");
    return 0;
}

/* The most lines any line of one side of a block needs when the left side
 * ends at column left_last; -1 when a line cannot be made. */
static long summary_block_side_lines(struct sheet_writer *writer, const struct summary_layout *table,
                                     const struct template_block *block, int side,
                                     lxw_col_t left_last)
{
    double points = writer_font_points(writer);
    size_t count = side == 0 ? block->left_count : block->right_count;
    const struct template_line *lines = side == 0 ? block->left : block->right;
    lxw_col_t first = side == 0 ? 0 : left_last + 1;
    lxw_col_t last = side == 0 ? left_last : table->columns - 1;
    double width = summary_span_width(table, first, last);
    size_t most = 0;
    for (size_t i = 0; i < count; i++) {
        char *text = summary_line_text(writer, &lines[i]);
        if (!text)
            return -1;
        size_t needed = text_measure_lines(text, points, summary_line_style(&lines[i]), width);
        free(text);
        if (needed > most)
            most = needed;
    }
    return (long)most;
}

/* The left block takes about the first third of the width; when one of its
 * lines (a long organisation: "LIÊN MINH HỢP TÁC XÃ THÀNH PHỐ ĐỒNG NAI")
 * would wrap there but fits with a column more, while every line on the right
 * still fits on one, it takes that column: a wrapped organisation stands half
 * a line lower than "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" beside it. */
static int summary_widen_left_block(struct sheet_writer *writer, struct summary_layout *table,
                                    const struct template_block *block)
{
    long left = summary_block_side_lines(writer, table, block, 0, table->left_last);
    if (left < 0)
        return -1;
    for (lxw_col_t c = table->left_last + 1; left > 1 && c + 1 < table->columns; c++) {
        long right = summary_block_side_lines(writer, table, block, 1, c);
        long wider = summary_block_side_lines(writer, table, block, 0, c);
        if (right < 0 || wider < 0)
            return -1;
        if (right > 1)
            break;
        if (wider == 1) {
            table->left_last = c;
            break;
        }
    }
    return 0;
}

static int summary_put_title(struct sheet_writer *writer, struct summary_layout *table)
{
    const struct coop_template *layout = writer->layout;
    for (size_t i = 0; i < layout->title_count; i++, table->row++) {
        char *text = summary_line_text(writer, &layout->title[i]);
        if (!text)
            return -1;
        double tallest = 0;
        int status = summary_put_span(writer, table, table->row, 0, table->columns - 1, text,
                                      writer->style.title);
        if (status == 0)
            status = summary_fit_row(writer, table, table->row, text,
                                     summary_line_style(&layout->title[i]),
                                     writer_font_points(writer) + 2,
                                     summary_span_width(table, 0, table->columns - 1), &tallest);
        free(text);
        if (status != 0)
            return -1;
    }
    if (layout->form_number) {
        char *text = writer_expand(writer, layout->form_number, NULL);
        if (!text)
            return -1;
        int status = summary_put_span(writer, table, table->row, table->columns - 1,
                                      table->columns - 1, text, writer->style.plain_italic);
        free(text);
        if (status != 0)
            return -1;
        table->row++;
    }
    return 0;
}

/* Two header rows (a group's title merged over its columns, other titles
 * merged over both rows), then the row of column numbers. */
static int summary_put_table_header(struct sheet_writer *writer, struct summary_layout *table)
{
    const struct coop_template *layout = writer->layout;
    lxw_row_t top = table->row, bottom = table->row + 1, numbers = table->row + 2;
    /* A group's title sits on the top row and its columns' titles on the
     * bottom one; the other titles are merged over both rows. */
    double points = writer_font_points(writer), single = writer_row_height(writer, 1);
    double top_height = single, bottom_height = single, merged_height = 0;
    for (lxw_col_t c = 0; c < table->columns; c++) {
        const struct template_column *column = &layout->columns[c];
        char *title = writer_expand(writer, column->title, NULL);
        char *number = writer_expand(writer, column->number, NULL);
        int status = title && number ? 0 : -1;
        if (status == 0 && column->group) {
            lxw_col_t last = c;
            while (last + 1 < table->columns && layout->columns[last + 1].group &&
                   strcmp(layout->columns[last + 1].group, column->group) == 0)
                last++;
            bool starts_group = c == 0 || !layout->columns[c - 1].group ||
                                strcmp(layout->columns[c - 1].group, column->group) != 0;
            if (starts_group) {
                char *group = writer_expand(writer, column->group, NULL);
                status = group ? summary_put_span(writer, table, top, c, last, group,
                                                  writer->style.header) : -1;
                if (status == 0)
                    top_height = fmax(top_height,
                                      summary_text_height(writer, group, MEASURE_BOLD, points,
                                                          summary_span_width(table, c, last)));
                free(group);
            }
            if (status == 0)
                status = summary_put_span(writer, table, bottom, c, c, title, writer->style.header);
            if (status == 0)
                bottom_height = fmax(bottom_height,
                                     summary_text_height(writer, title, MEASURE_BOLD, points,
                                                         table->widths[c]));
        } else if (status == 0) {
            lxw_error error = worksheet_merge_range(table->sheet, top, c, bottom, c, title,
                                                    writer->style.header);
            status = error == LXW_NO_ERROR ? 0 : writer_fail(writer, error, "the header '%s'", title);
            merged_height = fmax(merged_height,
                                 summary_text_height(writer, title, MEASURE_BOLD, points,
                                                     table->widths[c]));
        }
        if (status == 0)
            status = summary_put_span(writer, table, numbers, c, c, number,
                                      writer->style.column_number);
        free(title);
        free(number);
        if (status != 0)
            return -1;
    }
    /* The titles merged over both rows get the two rows' height together. */
    if (merged_height > top_height + bottom_height)
        top_height = merged_height - bottom_height;
    WRITER_CHECK(writer, worksheet_set_row(table->sheet, top, top_height, NULL), "a row height");
    WRITER_CHECK(writer, worksheet_set_row(table->sheet, bottom, bottom_height, NULL), "a row height");
    table->row += 3;
    return 0;
}

static const struct indicator *summary_figure(const struct sheet_writer *writer, const char *key,
                                              const char *suffix)
{
    char full[INDICATOR_KEY_SIZE + 16];
    snprintf(full, sizeof full, "%s%s", key, suffix);
    return indicators_find(writer->content->indicators, full);
}

/* A figure's column is at least as wide as the figure as formatted (the
 * template's width is a minimum): set once the table is written. */
static void summary_fit_figure(const struct sheet_writer *writer, struct summary_layout *table,
                               lxw_col_t column, double value, int decimals)
{
    double width = writer_number_width(writer, value, decimals, MEASURE_REGULAR);
    if (width > table->widths[column]) {
        table->widths[column] = width;
        table->widened = true;
    }
}

static int summary_put_figure(struct sheet_writer *writer, struct summary_layout *table,
                              lxw_col_t column, const struct indicator *figure, int decimals)
{
    lxw_format *style = writer->style.figures[decimals];
    if (figure && figure->has_value) {
        summary_fit_figure(writer, table, column, figure->value, decimals);
        return writer_put_number(writer, table->sheet, table->row, column, figure->value, style);
    }
    WRITER_CHECK(writer, worksheet_write_blank(table->sheet, table->row, column, style), "an empty cell");
    return 0;
}

/* TH/KH or TH/cùng kỳ: a live formula over the row's cells, stored with the
 * value computed here so that viewers that do not recalculate show it; blank
 * ("") where the denominator is missing or zero. */
static int summary_put_ratio(struct sheet_writer *writer, struct summary_layout *table,
                             enum template_column_role role, enum template_column_role numerator,
                             enum template_column_role denominator, bool has_value, double value,
                             int decimals)
{
    lxw_col_t column = table->role_column[role];
    lxw_format *style = writer->style.figures[decimals];
    if (has_value && isfinite(value))
        summary_fit_figure(writer, table, column, value, decimals);
    if (!table->has_role[numerator] || !table->has_role[denominator]) {
        if (has_value)
            return writer_put_number(writer, table->sheet, table->row, column, value, style);
        WRITER_CHECK(writer, worksheet_write_blank(table->sheet, table->row, column, style), "an empty cell");
        return 0;
    }
    char top[16], bottom[16], formula[128];
    lxw_rowcol_to_cell(top, table->row, table->role_column[numerator]);
    lxw_rowcol_to_cell(bottom, table->row, table->role_column[denominator]);
    /* Blank unless the base is positive and the figure not negative, as
     * indicators.c computes it: such a share has no meaning. */
    snprintf(formula, sizeof formula,
             "=IF(OR(%s=\"\",%s<=0,%s=\"\",%s<0),\"\",%s/%s*100)", bottom, bottom, top, top,
             top, bottom);
    if (has_value && isfinite(value))
        WRITER_CHECK(writer, worksheet_write_formula_num(table->sheet, table->row, column, formula,
                                                         style, value), "a ratio formula");
    else
        WRITER_CHECK(writer, worksheet_write_formula_str(table->sheet, table->row, column, formula,
                                                         style, ""), "a ratio formula");
    return 0;
}

/* One table row. kind tells the look; key is NULL for text-only rows. */
struct summary_row {
    enum template_row_kind kind;
    const char *number;
    const char *label;
    const char *unit;
    const char *key;
    const struct target_result *target;
    enum indicator_format target_format;   /* that of the target's indicator */
};

static int summary_put_text_cell(struct sheet_writer *writer, struct summary_layout *table,
                                 enum template_column_role role, const char *text, lxw_format *style)
{
    if (!table->has_role[role])
        return 0;
    WRITER_CHECK(writer, worksheet_write_string(table->sheet, table->row, table->role_column[role],
                                                text, style), "the summary text '%s'", text);
    return 0;
}

static void summary_target_note(const struct sheet_writer *writer, const struct target_result *result,
                                int decimals, char *note, size_t size)
{
    const struct coop_target *target = result->target;
    char range[160] = "", low[64], high[64];
    writer_number_text(writer, target->min, decimals, low, sizeof low);
    writer_number_text(writer, target->max, decimals, high, sizeof high);
    if (target->has_min && target->has_max)
        snprintf(range, sizeof range, "%s–%s", low, high);
    else if (target->has_min)
        snprintf(range, sizeof range, "≥ %s", low);
    else
        snprintf(range, sizeof range, "≤ %s", high);
    snprintf(note, size, "%s (%s)", writer_status_label(writer, result->status), range);
}

static int summary_put_row(struct sheet_writer *writer, struct summary_layout *table,
                           const struct summary_row *row)
{
    const struct sheet_styles *style = &writer->style;
    bool section = row->kind == ROW_SECTION;
    char *label = NULL;
    if (section)
        label = writer_upper(row->label);
    else
        label = text_duplicate(row->label);
    if (!label)
        return writer_fail(writer, LXW_ERROR_MEMORY_MALLOC_FAILED, "a row label");
    lxw_format *label_style = section ? style->text_bold
                              : row->kind == ROW_NOTE ? style->text_italic : style->text;
    int status = summary_put_text_cell(writer, table, COLUMN_NUMBER, row->number,
                                       section ? style->text_bold_center : style->text_center);
    if (status == 0)
        status = summary_put_text_cell(writer, table, COLUMN_LABEL, label, label_style);
    if (status == 0)
        status = summary_put_text_cell(writer, table, COLUMN_UNIT, row->unit, style->text_center);
    double tallest = writer_row_height(writer, 1);
    enum measure_style label_measure = section ? MEASURE_BOLD
                                       : row->kind == ROW_NOTE ? MEASURE_ITALIC : MEASURE_REGULAR;
    if (status == 0 && table->has_role[COLUMN_LABEL])
        status = summary_fit_row(writer, table, table->row, label, label_measure,
                                 writer_font_points(writer),
                                 table->widths[table->role_column[COLUMN_LABEL]], &tallest);
    if (status == 0 && table->has_role[COLUMN_UNIT])
        status = summary_fit_row(writer, table, table->row, row->unit, MEASURE_REGULAR,
                                 writer_font_points(writer),
                                 table->widths[table->role_column[COLUMN_UNIT]], &tallest);
    free(label);
    if (status != 0)
        return -1;

    const struct indicator *value = row->key ? summary_figure(writer, row->key, "") : NULL;
    /* A target's value and bound keep the decimals that show them apart. */
    int decimals = row->target ? indicators_target_decimals(row->target, row->target_format)
                               : indicators_format_decimals(value ? value->format : FORMAT_COUNT);
    int percent_decimals = row->target ? indicators_target_percent_decimals(row->target)
                                       : indicators_format_decimals(FORMAT_PERCENT);
    for (int role = COLUMN_PREVIOUS; role < COLUMN_ROLE_COUNT; role++) {
        if (!table->has_role[role])
            continue;
        lxw_col_t column = table->role_column[role];
        if (!row->key && !row->target) {
            WRITER_CHECK(writer, worksheet_write_blank(table->sheet, table->row, column, style->text),
                         "an empty cell");
            continue;
        }
        if (row->target) {
            const struct target_result *result = row->target;
            const struct coop_target *target = result->target;
            struct indicator bound = {.has_value = true,
                                      .value = target->has_min ? target->min : target->max};
            struct indicator measured = {.has_value = result->has_value, .value = result->value};
            char note[200];
            summary_target_note(writer, result, decimals, note, sizeof note);
            switch (role) {
            case COLUMN_PLAN: status = summary_put_figure(writer, table, column, &bound, decimals); break;
            case COLUMN_VALUE: status = summary_put_figure(writer, table, column, &measured, decimals); break;
            case COLUMN_PLAN_PCT:
                /* A ceiling (max only) is met by staying under it: a share of
                 * it would read as a shortfall beside "Đạt". A floor not above
                 * 0 is left blank by the ratio's formula (see target_judge). */
                if (!target->has_min)
                    status = summary_put_figure(writer, table, column, NULL, percent_decimals);
                else
                    status = summary_put_ratio(writer, table, COLUMN_PLAN_PCT, COLUMN_VALUE,
                                           COLUMN_PLAN, result->has_percent, result->percent,
                                           percent_decimals);
                break;
            case COLUMN_NOTE:
                status = summary_put_text_cell(writer, table, COLUMN_NOTE, note, style->text);
                if (status == 0)
                    status = summary_fit_row(writer, table, table->row, note, MEASURE_REGULAR,
                                             writer_font_points(writer), table->widths[column],
                                             &tallest);
                break;
            default: status = summary_put_figure(writer, table, column, NULL, decimals); break;
            }
            if (status != 0)
                return -1;
            continue;
        }
        const struct indicator *ratio;
        switch (role) {
        case COLUMN_PREVIOUS: status = summary_put_figure(writer, table, column, summary_figure(writer, row->key, ".prev"), decimals); break;
        case COLUMN_PLAN: status = summary_put_figure(writer, table, column, summary_figure(writer, row->key, ".plan"), decimals); break;
        case COLUMN_VALUE: status = summary_put_figure(writer, table, column, value, decimals); break;
        case COLUMN_PLAN_PCT:
            ratio = summary_figure(writer, row->key, ".plan_pct");
            status = summary_put_ratio(writer, table, COLUMN_PLAN_PCT, COLUMN_VALUE, COLUMN_PLAN,
                                       ratio && ratio->has_value, ratio ? ratio->value : 0,
                                       percent_decimals);
            break;
        case COLUMN_PREV_PCT:
            ratio = summary_figure(writer, row->key, ".prev_pct");
            status = summary_put_ratio(writer, table, COLUMN_PREV_PCT, COLUMN_VALUE, COLUMN_PREVIOUS,
                                       ratio && ratio->has_value, ratio ? ratio->value : 0,
                                       percent_decimals);
            break;
        default:
            WRITER_CHECK(writer, worksheet_write_blank(table->sheet, table->row, column, style->text),
                         "an empty cell");
            break;
        }
        if (status != 0)
            return -1;
    }
    table->row++;
    return 0;
}

/* Expands one template row: once, once per sector, or once per target. */
static int summary_put_template_row(struct sheet_writer *writer, struct summary_layout *table,
                                    const struct template_row *template_row)
{
    const struct coop_config *config = writer->content->config;
    struct summary_row row = {.kind = template_row->kind, .number = template_row->number,
                              .unit = template_row->unit};
    if (template_row->kind == ROW_EACH_SECTOR) {
        for (size_t s = 0; s < config->sector_count; s++) {
            const char *extra[] = {"sector", config->sectors[s].label, "code", config->sectors[s].code, NULL};
            char *label = writer_expand(writer, template_row->label, extra);
            char *key = writer_expand(writer, template_row->indicator, extra);
            row.label = label;
            row.key = key;
            int status = label && key ? summary_put_row(writer, table, &row) : -1;
            free(label);
            free(key);
            if (status != 0)
                return -1;
        }
        return 0;
    }
    if (template_row->kind == ROW_EACH_TARGET) {
        for (size_t t = 0; t < config->target_count; t++) {
            const struct target_result *result = &writer->content->targets[t];
            const struct indicator *measured = indicators_find(writer->content->indicators,
                                                               result->target->indicator);
            char number[24];
            snprintf(number, sizeof number, "%zu", t + 1);
            const char *extra[] = {"target", result->target->label, NULL};
            char *label = writer_expand(writer, template_row->label, extra);
            char measured_label[600];
            row.number = number;
            row.label = label;
            row.unit = "";
            /* As the target's sheet, an unknown indicator shows as an amount. */
            row.target_format = measured ? measured->format : FORMAT_AMOUNT;
            if (measured)
                writer_indicator_words(writer, measured, measured_label, sizeof measured_label,
                                       &row.unit);
            row.target = result;
            int status = label ? summary_put_row(writer, table, &row) : -1;
            free(label);
            if (status != 0)
                return -1;
        }
        return 0;
    }
    char *label = writer_expand(writer, template_row->label, NULL);
    row.label = label;
    row.key = template_row->kind == ROW_INDICATOR ? template_row->indicator : NULL;
    int status = label ? summary_put_row(writer, table, &row) : -1;
    free(label);
    return status;
}

/* The longest word of the units the table shows: the rows' own, and those
 * of the targets' indicators. */
static double summary_unit_width(const struct sheet_writer *writer)
{
    const struct coop_template *layout = writer->layout;
    const struct coop_config *config = writer->content->config;
    double widest = 0;
    for (size_t i = 0; i < layout->row_count; i++)
        if (layout->rows[i].unit)
            widest = fmax(widest, writer_word_width(writer, layout->rows[i].unit, MEASURE_REGULAR));
    for (size_t t = 0; writer->content->targets && t < config->target_count; t++) {
        const struct indicator *measured = indicators_find(writer->content->indicators,
                                                           writer->content->targets[t].target->indicator);
        char label[600];
        const char *unit = "";
        if (measured) {
            writer_indicator_words(writer, measured, label, sizeof label, &unit);
            widest = fmax(widest, writer_word_width(writer, unit, MEASURE_REGULAR));
        }
    }
    return widest;
}

/* Whether template row i is a section with nothing under it: every row up
 * to the next section repeats over sectors or targets the config has none
 * of ("Mục tiêu" with no [target.*]). An empty section is left out. */
static bool summary_section_is_empty(const struct sheet_writer *writer, size_t i)
{
    const struct coop_template *layout = writer->layout;
    const struct coop_config *config = writer->content->config;
    if (layout->rows[i].kind != ROW_SECTION)
        return false;
    for (size_t j = i + 1; j < layout->row_count && layout->rows[j].kind != ROW_SECTION; j++) {
        enum template_row_kind kind = layout->rows[j].kind;
        if (!(kind == ROW_EACH_TARGET && config->target_count == 0) &&
            !(kind == ROW_EACH_SECTOR && config->sector_count == 0))
            return false;
    }
    return true;
}

static int summary_sheet_fill(struct sheet_writer *writer, struct summary_layout *layout_out);

int summary_sheet_write(struct sheet_writer *writer)
{
    struct summary_layout table = {0};
    table.columns = (lxw_col_t)writer->layout->column_count;
    table.widths = calloc(table.columns ? table.columns : 1, sizeof *table.widths);
    if (!table.widths)
        return writer_fail(writer, LXW_ERROR_MEMORY_MALLOC_FAILED, "the summary sheet");
    int status = summary_sheet_fill(writer, &table);
    free(table.widths);
    return status;
}

static int summary_sheet_fill(struct sheet_writer *writer, struct summary_layout *layout_out)
{
    const struct coop_template *layout = writer->layout;
    struct summary_layout table = *layout_out;
    table.sheet = writer_add_sheet(writer, layout->summary_sheet, NULL);
    if (!table.sheet)
        return -1;
    double total = 0, running = 0;
    for (lxw_col_t c = 0; c < table.columns; c++) {
        const struct template_column *column = &layout->columns[c];
        table.role_column[column->role] = c;
        table.has_role[column->role] = true;
        /* A column is never narrower than the longest word of its title:
         * a wrapped title must not be cut inside a word ("Actual/last"). */
        char *title = writer_expand(writer, column->title, NULL);
        if (!title)
            return -1;
        table.widths[c] = fmax(column->width, writer_word_width(writer, title, MEASURE_BOLD));
        free(title);
        /* Nor than the longest word of a unit ("đồng/người/năm"). */
        if (column->role == COLUMN_UNIT)
            table.widths[c] = fmax(table.widths[c], summary_unit_width(writer));
        total += table.widths[c];
        WRITER_CHECK(writer, worksheet_set_column(table.sheet, c, c, table.widths[c], NULL),
                     "column widths");
    }
    /* The left header block takes about the first third of the width. */
    for (lxw_col_t c = 0; c + 1 < table.columns; c++) {
        running += table.widths[c];
        table.left_last = c;
        if (running >= total / 3)
            break;
    }
    if (summary_widen_left_block(writer, &table, &layout->header) != 0 ||
        summary_put_block(writer, &table, &layout->header) != 0)
        return -1;
    table.row++;
    if (summary_put_title(writer, &table) != 0)
        return -1;
    lxw_row_t header_first = table.row;
    if (summary_put_table_header(writer, &table) != 0)
        return -1;
    for (size_t i = 0; i < layout->row_count; i++)
        if (!summary_section_is_empty(writer, i) &&
            summary_put_template_row(writer, &table, &layout->rows[i]) != 0)
            return -1;
    for (lxw_col_t c = 0; table.widened && c < table.columns; c++)
        WRITER_CHECK(writer, worksheet_set_column(table.sheet, c, c, table.widths[c], NULL),
                     "column widths");
    table.row++;
    for (size_t i = 0; i < layout->note_count; i++, table.row++) {
        char *text = summary_line_text(writer, &layout->notes[i]);
        int status = text ? summary_put_span(writer, &table, table.row, 0, table.columns - 1, text,
                                             summary_plain_format(writer, &layout->notes[i]))
                          : -1;
        free(text);
        if (status != 0)
            return -1;
    }
    table.row++;
    if (summary_put_block(writer, &table, &layout->signature) != 0)
        return -1;
    worksheet_activate(table.sheet);
    return writer_set_print(writer, table.sheet, true, (int)header_first, (int)header_first + 2,
                            table.row, table.columns - 1);
}

/* A row's indicator must be one this config computes: checked before any
 * data is read, so a template typo is a template error with its line. */
int workbook_check_template(const struct coop_template *layout, const struct coop_config *config,
                            struct coop_diagnostics *diagnostics)
{
    int status = 0;
    for (size_t i = 0; i < layout->row_count; i++) {
        const struct template_row *row = &layout->rows[i];
        if (row->kind != ROW_INDICATOR && row->kind != ROW_EACH_SECTOR)
            continue;
        size_t repeats = row->kind == ROW_EACH_SECTOR ? config->sector_count : 1;
        for (size_t s = 0; s < repeats; s++) {
            char key[INDICATOR_KEY_SIZE];
            const char *code_mark = strstr(row->indicator, "{code}");
            if (row->kind == ROW_EACH_SECTOR && code_mark)
                snprintf(key, sizeof key, "%.*s%s%s", (int)(code_mark - row->indicator),
                         row->indicator, config->sectors[s].code, code_mark + 6);
            else
                snprintf(key, sizeof key, "%s", row->indicator);
            if (!indicators_key_may_be_shown(config, key)) {
                diag_error(diagnostics, layout->path, row->line, 0, NULL,
                           "row '%s': unknown indicator '%s'", row->label, key);
                status = COOP_EXIT_USAGE;
                break;
            }
        }
    }
    return status;
}
