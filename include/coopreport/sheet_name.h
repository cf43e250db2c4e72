/*
 * sheet_name — a sheet name as Excel takes it, from a label: what Excel
 * forbids ([ ] : * ? / \) replaced, no quote or space at either end, not
 * blank, and at most 31 characters. A longer label is cut at the last space
 * that leaves room for a "…" marking the cut (within a word only when no
 * space comes late enough): "Phát triển thêm HTX mới trong…".
 */
#ifndef COOPREPORT_SHEET_NAME_H
#define COOPREPORT_SHEET_NAME_H

#include <stdbool.h>
#include <stddef.h>

/* Writes the name for `wanted` into name (`size` bytes, at least 128).
 * Returns whether the label was cut short. */
bool sheet_name_make(const char *wanted, char *name, size_t size);

#endif
