/*
 * csv_reader — streaming CSV input through libcsv, with physical positions.
 *
 * Bytes are fed in chunks of any size (a whole file is never held in memory);
 * each complete row is handed to a callback with the physical line it starts
 * on, counting newlines inside quoted fields. The reader drops a UTF-8 BOM,
 * accepts \n and \r\n, detects the delimiter from the header line when asked,
 * and refuses UTF-16 files. Blank lines are skipped (and counted in lines).
 * A first line "sep=;" (Excel's way to name the delimiter; also "sep=," and
 * "sep=<tab>", any case) sets the delimiter, over the one given, and is no
 * row: the header is the next line, with its physical number (2).
 *
 * Broken quoting in a data row (a quote inside an unquoted field, text after
 * a closing quote) does not end the reading: the row so far is handed over
 * with `error` set, the rest of its physical line is skipped, and reading
 * goes on with the next line, so that one typo does not hide every other row.
 * In the header, and an unclosed quote at the end of the file, it does.
 */
#ifndef COOPREPORT_CSV_READER_H
#define COOPREPORT_CSV_READER_H

#include <stdbool.h>
#include <stddef.h>

#include "coopreport/diag.h"

#define CSV_READER_CHUNK_SIZE 65536

/* One row. fields[i] is NUL-terminated and lengths[i] bytes long (a field may
 * contain NUL bytes: lengths tell). Valid only during the callback. */
struct csv_row {
    char **fields;
    size_t *lengths;
    size_t count;
    long line;        /* physical line on which the row starts, 1-based */
    size_t index;     /* 0 for the header row, then 1, 2, … */
    /* A broken row: what is wrong, and the field (1-based) where; the fields
     * are those read up to there. NULL for a good row. */
    const char *error;
    long error_column;
};

/* Called for every row including the header (index 0). Return 0 to go on,
 * non-zero to stop reading (that value is returned by feed/finish/read). */
typedef int (*csv_row_callback)(const struct csv_row *row, void *context);

struct csv_reader;

/* delimiter: ',', ';', '\t', or 0 to detect it from the header line (the one of
 * , ; tab that occurs most often outside quotes; ',' when none occurs).
 * file_label names the input in diagnostics. Returns NULL when out of memory. */
struct csv_reader *csv_reader_new(const char *file_label, char delimiter,
                                  csv_row_callback callback, void *context,
                                  struct coop_diagnostics *diagnostics);
void csv_reader_free(struct csv_reader *reader);

/* Feeds the next bytes. Returns 0, the callback's non-zero value, or
 * COOP_EXIT_DATA after a structural error (UTF-16, broken quoting) that was
 * reported into the diagnostics; after an error the reader accepts no more. */
int csv_reader_feed(struct csv_reader *reader, const void *bytes, size_t length);
/* Ends the input: flushes the last row (with or without a final newline) and
 * reports an unclosed quote. Same return values as csv_reader_feed. */
int csv_reader_finish(struct csv_reader *reader);

/* The delimiter in use (named by a "sep=" line, detected or given); 0 before
 * the first line is complete when it is to be detected. */
char csv_reader_delimiter(const struct csv_reader *reader);
/* Physical lines seen so far. */
long csv_reader_line_count(const struct csv_reader *reader);

/* Reads a whole file in CSV_READER_CHUNK_SIZE chunks. Returns 0, the callback's
 * value, COOP_EXIT_DATA (structural error) or COOP_EXIT_IO (cannot open/read,
 * reported with the system's reason). */
int csv_read_file(const char *path, const char *file_label, char delimiter,
                  csv_row_callback callback, void *context,
                  struct coop_diagnostics *diagnostics);

/* The number of fields up to the last one that is not blank (empty, or spaces
 * and tabs only): a row without the empty cells a spreadsheet writes after
 * its last column (";;" under columns once used). */
size_t csv_row_filled_count(const struct csv_row *row);

/* Whether a data row lines up with a header of header_count fields of which
 * the first header_filled are named (csv_row_filled_count of the header):
 * as many fields; or more, every one past the header blank; or fewer, every
 * missing one under a blank header cell. */
bool csv_row_fits_header(const struct csv_row *row, size_t header_count, size_t header_filled);

#endif
