/*
 * list_table — what the list sheets (list_sheets.c) and the target sheets
 * (target_sheet.c) share: a list of units written under a template's
 * columns, measured first so that each column is as wide as its content
 * (in the form's font) and each row as tall as its wrapped text. Internal
 * to those two modules.
 */
#ifndef COOPREPORT_LIST_TABLE_H
#define COOPREPORT_LIST_TABLE_H

#include "coopreport/sheet_writer.h"

/* Every field once, and room to spare. */
#define LIST_MAX_COLUMNS 16

/* Words the template has no key for yet, in the template's language. */
struct list_words {
    const char *flags[4];          /* market access, value chain, high tech, alliance member */
    const char *dissolved_within, *dissolved_before, *founded_after, *founded_and_dissolved;
    const char *definition, *indicator_key;
    const char *unions;            /* the heading of a sector sheet's LHHTX */
};

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
    /* The widths of the columns, from list_table_measure; columns past the
     * list's (up to last_column) are the caller's. */
    double widths[LIST_MAX_COLUMNS];
    bool measured;
    lxw_col_t last_column;         /* the last column printed: at least the list's last */
    lxw_row_t last_row;            /* the last row printed: at least the list's last */
    /* What the printed pages say above the list (NULL: nothing): the sheet's
     * subject in full, its name being cut to 31 characters. */
    const char *title;
};

/* Which units a list shows. */
enum list_event { EVENT_OPERATING, EVENT_FOUNDED, EVENT_DISSOLVED, EVENT_CHANGE };
struct list_selection {
    const struct coop_dataset *dataset;
    bool any_kind;                 /* HTX and LHHTX (and THT); otherwise only `kind` */
    enum coop_kind kind;
    enum list_event event;         /* on the window first..last */
    size_t sector;                 /* SIZE_MAX: every sector */
    int flag;                      /* index into the flags of struct list_words; -1: none */
    coop_date first, last;
};

const struct list_words *list_table_words(const struct sheet_writer *writer);

/* A zeroed array of count entries, or NULL after reporting. */
struct list_entry *list_table_new_entries(struct sheet_writer *writer, size_t count);

/* Adds a list's sheet, streamed when the workbook is large (writer_open decides). */
lxw_worksheet *list_table_add_sheet(struct sheet_writer *writer, const char *wanted,
                                    char *name_out);

/* The units an indicator measured on the window first..last counts, as
 * indicators.c counts them; appended to entries (only counted when entries
 * is NULL). */
void list_table_select(const struct sheet_writer *writer, const char *key, coop_date first,
                       coop_date last, struct list_selection *pick);
void list_table_collect(const struct sheet_writer *writer, const struct list_selection *pick,
                        struct list_entry *entries, size_t *count);

/* Sets table->widths from the titles and every cell of the list. Returns 0,
 * or -1 after reporting a list with no or too many columns. */
int list_table_measure(struct sheet_writer *writer, struct list_table *table);

/* Writes the header, the rows and (if asked) the totals and appendix from
 * table->header_row down, the column widths and the print set-up (the
 * header repeated on every page). */
int list_table_put(struct sheet_writer *writer, lxw_worksheet *sheet, struct list_table *table);

#endif
