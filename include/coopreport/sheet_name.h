/*
 * sheet_name — a sheet name as Excel takes it, from a label: what Excel
 * forbids ([ ] : * ? / \) replaced, no quote or space at either end, not
 * blank, and at most 31 characters. A longer label is cut where a phrase or
 * a word ends, with a "…" marking the cut: "Y tế và hoạt động trợ giúp…",
 * not "… trợ giúp xã…" (sheet_name.c says how the place is chosen).
 */
#ifndef COOPREPORT_SHEET_NAME_H
#define COOPREPORT_SHEET_NAME_H

#include <stdbool.h>
#include <stddef.h>

/* Writes the name for `wanted` into name (`size` bytes, at least 128).
 * Returns whether the label was cut short. */
bool sheet_name_make(const char *wanted, char *name, size_t size);

/* The same within `most` characters (12 to 31), the "…" included: room for
 * a " (2)" that tells apart two labels cut alike. */
bool sheet_name_make_within(const char *wanted, size_t most, char *name, size_t size);

#endif
