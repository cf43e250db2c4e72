/*
 * template — the layout of the workbook, read from a template file (INI,
 * through iniparser) so that labels, rows and columns change without
 * recompiling. The format is documented in templates/README.md.
 */
#ifndef COOPREPORT_TEMPLATE_H
#define COOPREPORT_TEMPLATE_H

#include <stdbool.h>
#include <stddef.h>

#include "coopreport/diag.h"

/* A line of text in a header, title or signature block. */
struct template_line {
    char *text;          /* may hold placeholders */
    bool bold, italic, upper;
};

/* A side-by-side block: a left and a right column of lines. */
struct template_block {
    struct template_line *left;
    size_t left_count;
    struct template_line *right;
    size_t right_count;
};

/* What a column of the summary table shows. */
enum template_column_role {
    COLUMN_NUMBER,     /* STT: I, II… and 1, 2… */
    COLUMN_LABEL,      /* Chỉ tiêu */
    COLUMN_UNIT,       /* Đơn vị tính */
    COLUMN_PREVIOUS,   /* Thực hiện cùng kỳ năm trước */
    COLUMN_PLAN,       /* Kế hoạch năm */
    COLUMN_VALUE,      /* Thực hiện */
    COLUMN_PLAN_PCT,   /* TH/KH (%) — a live formula */
    COLUMN_PREV_PCT,   /* TH/cùng kỳ (%) — a live formula */
    COLUMN_NOTE,       /* Ghi chú */
    COLUMN_ROLE_COUNT
};

struct template_column {
    enum template_column_role role;
    char *title;         /* header text; may hold placeholders */
    char *group;         /* shared top header of adjacent columns, or NULL */
    char *number;        /* the column-number row: "A", "1", "4=3/2" */
    double width;
};

enum template_row_kind {
    ROW_SECTION,         /* I, II…: bold, upper case, no figures */
    ROW_INDICATOR,       /* one indicator */
    ROW_NOTE,            /* "Trong đó:" — text only, italic */
    ROW_EACH_SECTOR,     /* repeated per configured sector: {sector}, {code} */
    ROW_EACH_TARGET      /* repeated per configured target */
};

struct template_row {
    enum template_row_kind kind;
    char *number;        /* "I", "1", "" */
    char *label;         /* may hold {sector} */
    char *unit;
    char *indicator;     /* key, may hold {code}; NULL for sections and notes */
    long line;           /* line in the template file, for errors */
};

/* Columns of a list sheet (sector, groups, changes, target units): the field
 * shown and its title, in order. Fields: number, id, name, district, sector,
 * founded, dissolved, members, workers, revenue, profit, income, flags,
 * status. */
struct template_list_column {
    char *field;
    char *title;
};

struct template_list {
    struct template_list_column *columns;
    size_t count;
};

struct coop_template {
    char *path;
    char *language;              /* "vi" or "en" */
    char *font_name;
    double font_size;
    /* sheet names */
    char *summary_sheet, *groups_sheet, *changes_sheet, *indicators_sheet, *rejected_sheet;
    struct template_block header;
    struct template_line *title;
    size_t title_count;
    char *form_number;           /* "Biểu số 01", right of the title; may be NULL */
    struct template_column *columns;
    size_t column_count;
    struct template_row *rows;
    size_t row_count;
    struct template_line *notes;
    size_t note_count;
    struct template_block signature;
    struct template_list sector_list, group_list, changes_list, target_list;
    /* words used in the sheets */
    char *text_total, *text_founded_in_period, *text_target_status, *text_target_value,
         *text_target_window, *text_target_range, *text_target_percent, *text_target_units;
};

/* Loads a template. Returns 0, COOP_EXIT_USAGE with every problem reported as
 * FILE:LINE: error, or COOP_EXIT_IO when it cannot be read. */
int template_load(const char *path, struct coop_template *template_out,
                  struct coop_diagnostics *diagnostics);
void template_release(struct coop_template *template_in);

/* Whether the template is in English (language = en): the words the tool
 * writes itself (footer, date line, status words, indicator labels) follow it. */
bool template_is_english(const struct coop_template *layout);

#endif
