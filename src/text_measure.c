/*
 * text_measure — text widths and wrapped line counts from font metrics
 * compiled in at build time. See include/coopreport/text_measure.h.
 */
#include "coopreport/text_measure.h"

#include <math.h>
#include <stdbool.h>
#include <string.h>

#include <utf8proc.h>

/* One style of the form's font: its em, the Windows ascent and descent that
 * Excel spaces lines by, and the advance of every code point of
 * MEASURE_RANGES in order (0: no glyph). */
struct measure_face {
    unsigned units_per_em, win_ascent, win_descent;
    const unsigned short *advances;
};

/* MEASURE_RANGES, MEASURE_FACE_regular… and MEASURE_DEFAULT_DIGIT_ADVANCE,
 * written by tools/font_metrics.c from the font files when the tool is built. */
#include "text_measure_table.h"

#define MEASURE_RANGE_COUNT (sizeof MEASURE_RANGES / sizeof *MEASURE_RANGES)

/* Screen pixels per point: Excel lays out at 96 dpi. */
#define MEASURE_PIXELS_PER_POINT (96.0 / 72.0)
/* Excel's padding of a column: added to round(width × digit) pixels. */
#define MEASURE_COLUMN_PADDING 5.0
/* Room kept beyond the measured text, for the cell's inner margins and the
 * rounding of glyph widths to whole pixels on screen: in pixels, and as a share. */
#define MEASURE_SLACK_PIXELS 4.0
#define MEASURE_SLACK_SHARE 0.03
/* Excel's extra pixels over the font's line height in a row. */
#define MEASURE_LINE_PADDING 3.0

static const struct measure_face *text_measure_face(enum measure_style style)
{
    switch (style) {
    case MEASURE_BOLD: return &MEASURE_FACE_bold;
    case MEASURE_ITALIC: return &MEASURE_FACE_italic;
    case MEASURE_BOLD_ITALIC: return &MEASURE_FACE_bold_italic;
    default: return &MEASURE_FACE_regular;
    }
}

/* The advance of a code point in font units, or -1 when the table has no glyph for it. */
static long text_measure_lookup(const struct measure_face *face, utf8proc_int32_t code)
{
    size_t offset = 0;
    for (size_t r = 0; r < MEASURE_RANGE_COUNT; r++) {
        unsigned long first = MEASURE_RANGES[r][0], last = MEASURE_RANGES[r][1];
        if ((unsigned long)code >= first && (unsigned long)code <= last) {
            unsigned short advance = face->advances[offset + ((unsigned long)code - first)];
            return advance ? (long)advance : -1;
        }
        offset += last - first + 1;
    }
    return -1;
}

/* The advance of a code point in font units: from the table, else the sum of
 * its canonical decomposition (a letter the table lacks, with its marks),
 * else one em. Controls take no room. */
static double text_measure_advance(const struct measure_face *face, utf8proc_int32_t code)
{
    if (code < 0x20 || (code >= 0x7F && code < 0xA0))
        return 0;
    long advance = text_measure_lookup(face, code);
    if (advance >= 0)
        return (double)advance;
    utf8proc_int32_t parts[8];
    int last_boundary = 0;
    utf8proc_ssize_t count = utf8proc_decompose_char(code, parts, 8, UTF8PROC_DECOMPOSE,
                                                     &last_boundary);
    if (count > 1 && count <= 8) {
        double sum = 0;
        for (utf8proc_ssize_t i = 0; i < count; i++) {
            long part = text_measure_lookup(face, parts[i]);
            if (part < 0)
                return face->units_per_em;
            sum += (double)part;
        }
        return sum;
    }
    /* Combining marks sit on the letter before them. */
    if (utf8proc_category(code) == UTF8PROC_CATEGORY_MN)
        return 0;
    return face->units_per_em;
}

/* A piece of a line between break opportunities: its width, and the width
 * of the spaces after it. */
struct measure_piece {
    double width, space;
};

/* Reads the next code point of text (at most `left` bytes); an invalid byte
 * counts as one unknown character. Returns the bytes used. */
static size_t text_measure_next(const char *text, size_t left, utf8proc_int32_t *code)
{
    utf8proc_ssize_t used = utf8proc_iterate((const utf8proc_uint8_t *)text,
                                             (utf8proc_ssize_t)left, code);
    if (used <= 0) {
        *code = 0xFFFD;
        return 1;
    }
    return (size_t)used;
}

static double text_measure_scale(const struct measure_face *face, double points)
{
    return points * MEASURE_PIXELS_PER_POINT / (double)face->units_per_em;
}

double text_measure_pixels(const char *text, double points, enum measure_style style)
{
    const struct measure_face *face = text_measure_face(style);
    double widest = 0, line = 0;
    size_t length = text ? strlen(text) : 0;
    for (size_t at = 0; at < length;) {
        utf8proc_int32_t code;
        at += text_measure_next(text + at, length - at, &code);
        if (code == '\n') {
            line = 0;
            continue;
        }
        line += text_measure_advance(face, code);
        if (line > widest)
            widest = line;
    }
    return widest * text_measure_scale(face, points);
}

int text_measure_digit_pixels(void)
{
    /* Calibri 11 at 96 dpi, as Excel measures it: whole pixels. */
    return (int)lround(MEASURE_DEFAULT_DIGIT_ADVANCE * 11.0 * MEASURE_PIXELS_PER_POINT /
                       MEASURE_DEFAULT_UNITS_PER_EM);
}

double text_measure_column_width(double pixels)
{
    double width = (pixels - MEASURE_COLUMN_PADDING) / text_measure_digit_pixels();
    /* Whole pixels, as Excel stores them: round(width × digit) must give them back. */
    return width > 0 ? ceil(width * text_measure_digit_pixels()) / text_measure_digit_pixels() : 0;
}

double text_measure_column_pixels(double width)
{
    return floor(width * text_measure_digit_pixels() + 0.5) + MEASURE_COLUMN_PADDING;
}

/* The pixels text needs inside a cell, slack included. */
static double text_measure_needed(double pixels)
{
    return ceil(pixels * (1 + MEASURE_SLACK_SHARE) + MEASURE_SLACK_PIXELS);
}

double text_measure_width(const char *text, double points, enum measure_style style)
{
    return text_measure_column_width(text_measure_needed(text_measure_pixels(text, points, style)) +
                                     MEASURE_COLUMN_PADDING);
}

size_t text_measure_lines(const char *text, double points, enum measure_style style, double width)
{
    const struct measure_face *face = text_measure_face(style);
    double scale = text_measure_scale(face, points) * (1 + MEASURE_SLACK_SHARE);
    double usable = text_measure_column_pixels(width) - MEASURE_COLUMN_PADDING - MEASURE_SLACK_PIXELS;
    if (usable < 1)
        usable = 1;
    size_t lines = 1, length = text ? strlen(text) : 0;
    double line = 0;        /* pixels on the current line, spaces after its last piece included */
    double piece = 0;       /* pixels of the piece being read */
    double spaces = 0;      /* pixels of the spaces after it */
    bool pending = false;   /* a piece is being read */
    for (size_t at = 0; at <= length;) {
        utf8proc_int32_t code = 0;
        if (at < length)
            at += text_measure_next(text + at, length - at, &code);
        else
            at++;   /* the end closes the last piece */
        double advance = code ? text_measure_advance(face, code) * scale : 0;
        bool space = code == ' ';
        if (space && pending) {
            spaces += advance;
            continue;
        }
        /* A piece ends at the first character after its spaces, after a
         * hyphen, at a line break and at the end. */
        bool closes = (spaces > 0 && !space) || code == '\n' || code == 0;
        if (closes && pending) {
            if (line > 0 && line + piece > usable) {
                lines++;
                line = 0;
            }
            line += piece + spaces;
            piece = spaces = 0;
            pending = false;
        }
        if (code == '\n') {
            lines++;
            line = 0;
            continue;
        }
        if (code == 0)
            break;
        if (space) {
            line += advance;   /* spaces at the start of a line */
            continue;
        }
        /* A word wider than the line is broken where it must be. */
        if (piece + advance > usable && piece > 0) {
            if (line > 0)
                lines++;
            lines++;
            line = 0;
            piece = 0;
        }
        piece += advance;
        pending = true;
        if (code == '-') {
            /* A break may follow a hyphen: close the piece here. */
            if (line > 0 && line + piece > usable) {
                lines++;
                line = 0;
            }
            line += piece;
            piece = 0;
            pending = false;
        }
    }
    return lines;
}

double text_measure_row_height(size_t lines, double points)
{
    const struct measure_face *face = &MEASURE_FACE_regular;
    double pixels = points * MEASURE_PIXELS_PER_POINT;
    double line = ceil(pixels * (face->win_ascent + face->win_descent) / face->units_per_em) +
                  MEASURE_LINE_PADDING;
    /* Points, on Excel's 0.75 point (one pixel) grid. */
    return (double)(lines ? lines : 1) * line * 0.75;
}
