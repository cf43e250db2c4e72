/*
 * text_measure — how wide text prints and how many lines it wraps to, from
 * the advance widths of the form's font (Times New Roman, measured on its
 * metric twin Liberation Serif) compiled into the tool when it is built
 * (tools/font_metrics.c): the tool reads no font at run time, so the same
 * inputs give the same workbook on any machine.
 *
 * Excel's column width unit is the widest digit of the workbook's default
 * font (Calibri 11: 7 pixels at 96 dpi, measured on its twin Carlito); a
 * column of width w is round(w × 7) + 5 pixels (the 5 are the cell's padding
 * and grid line). Heights are in points.
 */
#ifndef COOPREPORT_TEXT_MEASURE_H
#define COOPREPORT_TEXT_MEASURE_H

#include <stddef.h>

enum measure_style { MEASURE_REGULAR, MEASURE_BOLD, MEASURE_ITALIC, MEASURE_BOLD_ITALIC };

/* Pixels (at 96 dpi) of the widest line of `text` (lines end at '\n') in
 * Times New Roman of `points` size. A character the table lacks is measured
 * as its canonical decomposition (base letter and marks), else as one em. */
double text_measure_pixels(const char *text, double points, enum measure_style style);

/* The maximum digit width of the default font, in pixels: Excel's column unit. */
int text_measure_digit_pixels(void);

/* A column width (Excel characters) from its width in pixels, and back. */
double text_measure_column_width(double pixels);
double text_measure_column_pixels(double width);

/* The width (Excel characters) a column needs to show `text` on one line,
 * its cell padding included. */
double text_measure_width(const char *text, double points, enum measure_style style);

/* The number of lines `text` takes in a wrapped cell `width` characters
 * wide: broken at spaces (and after hyphens) as Excel does, a word longer
 * than the line broken where it must. At least 1. */
size_t text_measure_lines(const char *text, double points, enum measure_style style,
                          double width);

/* The height, in points, of a row holding `lines` lines of text of `points` size. */
double text_measure_row_height(size_t lines, double points);

#endif
