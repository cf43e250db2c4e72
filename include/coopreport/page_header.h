/*
 * page_header — the page header of the sheets other than the form.
 */
#ifndef COOPREPORT_PAGE_HEADER_H
#define COOPREPORT_PAGE_HEADER_H

#include "coopreport/sheet_writer.h"

/* Sets the page header of `sheet` (named sheet_name, for messages): the
 * province on the left; the organisation over `title` and the report's period
 * in the centre, '&' escaped, within Excel's 255 characters, the period never
 * cut; and a top margin that keeps its two lines clear of the first row.
 * Call after writer_set_print, whose margins it raises. Returns 0, or -1
 * after reporting into the writer. */
int page_header_put(struct sheet_writer *writer, lxw_worksheet *sheet, const char *title,
                    const char *sheet_name);

#endif
