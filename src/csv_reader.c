/*
 * csv_reader — streaming CSV through libcsv. See include/coopreport/csv_reader.h.
 *
 * Bytes pass three stages before libcsv sees them: the start of the stream is
 * held back until a BOM (dropped) or a UTF-16 mark (refused) can be told from
 * data; then, when the delimiter is to be detected, the header line is held
 * back until it is complete; then libcsv parses, calling on_field for every
 * field and on_line_end for every line terminator outside quotes
 * (CSV_REPALL_NL), which is how physical lines are counted: libcsv itself
 * knows nothing of positions.
 */
#include "coopreport/csv_reader.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <csv.h>

/* A header line longer than this is not plausible; detection gives up and
 * decides on what it has seen rather than hold an unbounded amount. */
#define CSV_READER_DETECT_LIMIT (1024 * 1024)
/* libcsv grows its field buffer by a fixed block (128 bytes by default):
 * a 10 MB field would take 80,000 reallocations. */
#define CSV_READER_MIN_BLOCK 65536

struct csv_reader {
    struct csv_parser parser;
    char *file_label;
    char delimiter;                  /* 0 while still detecting */
    csv_row_callback callback;
    void *context;
    struct coop_diagnostics *diagnostics;
    int status;                      /* non-zero: stopped, returned by every call */
    bool finished;

    /* Start of the stream, before BOM / UTF-16 can be decided. */
    unsigned char prefix[3];
    size_t prefix_length;
    bool prefix_done;

    /* The first line, held back until complete: it may be Excel's "sep=;"
     * line (dropped, its delimiter used), and the delimiter may be detected
     * from it. */
    bool first_line_pending;
    bool drop_first_row;             /* the first row is the "sep=" line */
    char *held;
    size_t held_length;
    size_t held_capacity;
    bool detect_in_quotes;
    bool detect_line_has_content;
    size_t detect_counts[3];         /* ',', ';', '\t' outside quotes */

    /* Physical lines from the raw bytes, for csv_reader_line_count(). */
    long raw_line_ends;
    bool raw_pending_cr;
    bool raw_line_open;              /* bytes after the last line end */

    /* Physical line at libcsv's position, from its callbacks. */
    long line;                       /* 1-based */
    bool pending_cr;                 /* a '\r' whose follower is not known yet */

    /* The row being collected: field bytes back to back, each NUL-ended. */
    char *row_data;
    size_t row_length;
    size_t row_capacity;
    size_t *offsets;
    size_t *lengths;
    char **fields;
    size_t field_count;
    size_t field_capacity;
    long row_line;
    size_t row_index;
    /* After broken quoting in a data row the rest of the record is skipped,
     * up to a line end outside quotes (a later field of the same record may
     * be quoted and hold line ends): csv_reader_skip. */
    bool skipping_line;
    struct {
        bool at_field_start;         /* only there does a quote open a field */
        bool in_quotes;
        bool quote_pending;          /* a quote inside quotes: closing, or the first of "" */
        bool pending_cr;
        long line_ends;              /* inside quotes, to stop a runaway skip */
    } skip;
};

/* A record whose skip crosses more line ends than this inside quotes is cut
 * there: a stray quote must not swallow the rest of the file. */
#define CSV_READER_SKIP_MAX_LINES 20

#define CSV_READER_OPTIONS (CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL | CSV_APPEND_NULL)

static const char csv_reader_candidates[3] = {',', ';', '\t'};

/* Line ends within field data, counted like the raw bytes: "\r\n" once, a
 * lone '\r' once, '\n' once. */
static long csv_reader_count_line_ends(const unsigned char *data, size_t length)
{
    long count = 0;

    for (size_t i = 0; i < length; i++) {
        if (data[i] == '\n')
            count++;
        else if (data[i] == '\r' && (i + 1 == length || data[i + 1] != '\n'))
            count++;
    }
    return count;
}

static void csv_reader_fail(struct csv_reader *reader, long line, long column, const char *message)
{
    diag_error(reader->diagnostics, reader->file_label, line, column, NULL, "%s", message);
    reader->status = COOP_EXIT_DATA;
}

/* A '\r' seen before anything else but '\n' ended a line on its own. */
static void csv_reader_settle_cr(struct csv_reader *reader)
{
    if (reader->pending_cr) {
        reader->line++;
        reader->pending_cr = false;
    }
}

static bool csv_reader_reserve_fields(struct csv_reader *reader)
{
    size_t capacity;
    size_t *offsets, *lengths;
    char **fields;

    if (reader->field_count < reader->field_capacity)
        return true;
    capacity = reader->field_capacity ? reader->field_capacity * 2 : 32;
    offsets = realloc(reader->offsets, capacity * sizeof *offsets);
    if (!offsets)
        return false;
    reader->offsets = offsets;
    lengths = realloc(reader->lengths, capacity * sizeof *lengths);
    if (!lengths)
        return false;
    reader->lengths = lengths;
    fields = realloc(reader->fields, capacity * sizeof *fields);
    if (!fields)
        return false;
    reader->fields = fields;
    reader->field_capacity = capacity;
    return true;
}

static bool csv_reader_reserve_data(struct csv_reader *reader, size_t more)
{
    size_t capacity;
    char *data;

    if (more > SIZE_MAX / 2 - reader->row_length)
        return false;
    if (reader->row_length + more <= reader->row_capacity)
        return true;
    capacity = reader->row_capacity ? reader->row_capacity : 1024;
    while (capacity < reader->row_length + more)
        capacity *= 2;
    data = realloc(reader->row_data, capacity);
    if (!data)
        return false;
    reader->row_data = data;
    reader->row_capacity = capacity;
    return true;
}

/* libcsv's field callback. The data lives in libcsv's buffer, reused for the
 * next field, so it is copied into the row. */
static void csv_reader_on_field(void *data, size_t length, void *context)
{
    struct csv_reader *reader = context;

    if (reader->status)
        return;   /* stopped within this chunk: libcsv runs on to its end */
    csv_reader_settle_cr(reader);
    if (reader->field_count == 0)
        reader->row_line = reader->line;
    if (!csv_reader_reserve_fields(reader) || !csv_reader_reserve_data(reader, length + 1)) {
        csv_reader_fail(reader, reader->line, (long)reader->field_count + 1, "out of memory");
        return;
    }
    reader->offsets[reader->field_count] = reader->row_length;
    reader->lengths[reader->field_count] = length;
    if (length)
        memcpy(reader->row_data + reader->row_length, data, length);
    reader->row_data[reader->row_length + length] = '\0';
    reader->row_length += length + 1;
    reader->field_count++;
    reader->line += csv_reader_count_line_ends(data, length);
}

static void csv_reader_deliver_row(struct csv_reader *reader, const char *error, long error_column)
{
    struct csv_row row;
    int result;

    /* Pointers are made only now: row_data may have moved while growing. */
    for (size_t i = 0; i < reader->field_count; i++)
        reader->fields[i] = reader->row_data + reader->offsets[i];
    if (reader->drop_first_row) {
        /* Excel's "sep=;": no data and no header, but a line of the file. */
        reader->drop_first_row = false;
        reader->field_count = 0;
        reader->row_length = 0;
        return;
    }
    row.fields = reader->fields;
    row.lengths = reader->lengths;
    row.count = reader->field_count;
    row.line = reader->row_line;
    row.index = reader->row_index++;
    row.error = error;
    row.error_column = error_column;
    result = reader->callback ? reader->callback(&row, reader->context) : 0;
    reader->field_count = 0;
    reader->row_length = 0;
    if (result != 0)
        reader->status = result;
}

/* libcsv's end-of-row callback: c is the terminator, or -1 from csv_fini().
 * With CSV_REPALL_NL it is also called for lines with no field (blank lines,
 * and the '\n' of "\r\n"), which is what lets every line be counted. */
static void csv_reader_on_line_end(int c, void *context)
{
    struct csv_reader *reader = context;

    if (reader->status)
        return;
    if (c == '\n') {
        reader->line++;            /* "\r\n" and "\n" are one line end each */
        reader->pending_cr = false;
    } else if (c == '\r') {
        csv_reader_settle_cr(reader);
        reader->pending_cr = true;
    } else {
        csv_reader_settle_cr(reader);
    }
    if (reader->field_count > 0)
        csv_reader_deliver_row(reader, NULL, 0);
}

/* Hands over the row in progress, with the field libcsv was reading, as
 * broken, then starts a fresh parser for the next line: libcsv cannot go on
 * after an error. `line` is that of the bad byte. */
static void csv_reader_recover(struct csv_reader *reader, long line, long column, const char *message)
{
    struct csv_parser *parser = &reader->parser;
    /* After a closing quote, libcsv holds that quote and the spaces after it
     * (in case the field goes on); the field's text is what came before. */
    size_t length = parser->entry_pos;
    if (parser->quoted && length >= parser->spaces + 1 &&
        parser->entry_buf[length - parser->spaces - 1] == '"')
        length -= parser->spaces + 1;
    else if (!parser->quoted && length >= parser->spaces)
        length -= parser->spaces;   /* trailing spaces, as libcsv trims them */
    if (reader->field_count == 0)
        reader->row_line = reader->line;
    if (!csv_reader_reserve_fields(reader) || !csv_reader_reserve_data(reader, length + 1)) {
        csv_reader_fail(reader, line, column, "out of memory");
        return;
    }
    reader->offsets[reader->field_count] = reader->row_length;
    reader->lengths[reader->field_count] = length;
    if (length)
        memcpy(reader->row_data + reader->row_length, parser->entry_buf, length);
    reader->row_data[reader->row_length + length] = '\0';
    reader->row_length += length + 1;
    reader->field_count++;
    csv_reader_deliver_row(reader, message, column);

    csv_free(parser);
    if (csv_init(parser, CSV_READER_OPTIONS) != 0) {
        csv_reader_fail(reader, line, column, "out of memory");
        return;
    }
    csv_set_delim(parser, (unsigned char)reader->delimiter);
    reader->line = line;
    reader->pending_cr = false;
    reader->skipping_line = true;
    memset(&reader->skip, 0, sizeof reader->skip);
}

/* Skips the rest of a broken record: returns how many bytes, stopping before
 * the line end that ends it (the fresh parser counts that one), or `length`
 * when the record goes on in the next chunk. Line ends inside quoted fields
 * of the skipped part are counted into reader->line. */
static size_t csv_reader_skip(struct csv_reader *reader, const unsigned char *bytes, size_t length)
{
    for (size_t i = 0; i < length; i++) {
        unsigned char c = bytes[i];
        if (reader->skip.pending_cr) {
            reader->skip.pending_cr = false;
            if (c == '\n')
                continue;   /* the '\n' of "\r\n", counted with the '\r' */
        }
        if (reader->skip.quote_pending) {
            reader->skip.quote_pending = false;
            if (c == '"')
                continue;   /* "" inside quotes: a quote character */
            reader->skip.in_quotes = false;
        }
        if (reader->skip.in_quotes) {
            if (c == '"') {
                reader->skip.quote_pending = true;
            } else if (c == '\n' || c == '\r') {
                if (++reader->skip.line_ends > CSV_READER_SKIP_MAX_LINES) {
                    /* Cut here: the fresh parser counts this line end. */
                    reader->skipping_line = false;
                    return i;
                }
                reader->line++;
                reader->skip.pending_cr = c == '\r';
            }
            continue;
        }
        if (c == '\n' || c == '\r') {
            reader->skipping_line = false;
            return i;
        }
        if (c == (unsigned char)reader->delimiter) {
            reader->skip.at_field_start = true;
        } else if (c == '"' && reader->skip.at_field_start) {
            reader->skip.in_quotes = true;
            reader->skip.at_field_start = false;
        } else if (c != ' ' && c != '\t') {
            reader->skip.at_field_start = false;
        }
    }
    return length;
}

/* Deals with the error libcsv stopped on. Strict mode stops at a quote inside
 * an unquoted field or at text after a closing quote; the field in progress is
 * still in libcsv's buffer, and its newlines give the line of the bad byte.
 * In a data row that is the row's error (csv_reader_recover); in the header,
 * the file's. */
static void csv_reader_report_parse_error(struct csv_reader *reader)
{
    struct csv_parser *parser = &reader->parser;
    long column = (long)reader->field_count + 1;
    long line;
    const char *message;

    switch (csv_error(parser)) {
    case CSV_EPARSE:
        csv_reader_settle_cr(reader);
        line = reader->line + csv_reader_count_line_ends(parser->entry_buf, parser->entry_pos);
        message = parser->quoted ? "unexpected text after a closing quote"
                                 : "quote inside an unquoted field";
        if (reader->row_index > 0)
            csv_reader_recover(reader, line, column, message);
        else
            csv_reader_fail(reader, line, column, message);
        break;
    case CSV_ETOOBIG:
        csv_reader_fail(reader, reader->line + (reader->pending_cr ? 1 : 0), column,
                        "field too large");
        break;
    default:
        csv_reader_fail(reader, reader->line + (reader->pending_cr ? 1 : 0), column,
                        "out of memory");
        break;
    }
}

static void csv_reader_parse(struct csv_reader *reader, const void *data, size_t length)
{
    const unsigned char *bytes = data;
    while (!reader->status && length > 0) {
        if (reader->skipping_line) {
            size_t skipped = csv_reader_skip(reader, bytes, length);
            bytes += skipped;
            length -= skipped;
            if (length == 0)
                return;
        }
        /* Growing by the current size doubles the buffer: amortised O(1). */
        size_t block = csv_get_buffer_size(&reader->parser);
        csv_set_blk_size(&reader->parser, block > CSV_READER_MIN_BLOCK ? block : CSV_READER_MIN_BLOCK);
        size_t used = csv_parse(&reader->parser, bytes, length, csv_reader_on_field,
                                csv_reader_on_line_end, reader);
        if (used >= length || reader->status)
            return;
        csv_reader_report_parse_error(reader);
        bytes += used;
        length -= used;
    }
}

static void csv_reader_choose_delimiter(struct csv_reader *reader)
{
    size_t best = 0;

    for (size_t i = 1; i < 3; i++)
        if (reader->detect_counts[i] > reader->detect_counts[best])
            best = i;   /* ties go to the earlier: ',' then ';' then tab */
    reader->delimiter = csv_reader_candidates[best];
    csv_set_delim(&reader->parser, (unsigned char)reader->delimiter);
}

/* The delimiter that a first line "sep=X" (Excel's own way of naming it,
 * any case, X one of , ; tab) names, or 0. */
static char csv_reader_sep_line(const char *line, size_t length)
{
    while (length && (line[length - 1] == '\n' || line[length - 1] == '\r' ||
                      line[length - 1] == ' '))
        length--;
    if (length != 5 || strncasecmp(line, "sep=", 4) != 0 || !memchr(",;\t", line[4], 3))
        return 0;
    return line[4];
}

/* Parses and lets go of the held first line once the delimiter is known. */
static void csv_reader_release_held(struct csv_reader *reader)
{
    char named = csv_reader_sep_line(reader->held ? reader->held : "", reader->held_length);
    reader->first_line_pending = false;
    reader->drop_first_row = named != 0;
    if (named) {
        reader->delimiter = named;
        csv_set_delim(&reader->parser, (unsigned char)named);
    } else if (reader->delimiter == 0) {
        csv_reader_choose_delimiter(reader);
    }
    csv_reader_parse(reader, reader->held, reader->held_length);
    free(reader->held);
    reader->held = NULL;
    reader->held_length = reader->held_capacity = 0;
}

static bool csv_reader_hold(struct csv_reader *reader, const unsigned char *bytes, size_t length)
{
    if (reader->held_length + length > reader->held_capacity) {
        size_t capacity = reader->held_capacity ? reader->held_capacity : 4096;
        char *grown;
        while (capacity < reader->held_length + length)
            capacity *= 2;
        grown = realloc(reader->held, capacity);
        if (!grown)
            return false;
        reader->held = grown;
        reader->held_capacity = capacity;
    }
    memcpy(reader->held + reader->held_length, bytes, length);
    reader->held_length += length;
    return true;
}

/* Scans for the end of the header line (the first line with content, ended
 * outside quotes), counting candidate delimiters. Returns how many bytes
 * belong to the part before and including that end, or length if not found. */
static size_t csv_reader_scan_header(struct csv_reader *reader, const unsigned char *bytes,
                                     size_t length, bool *complete)
{
    *complete = false;
    for (size_t i = 0; i < length; i++) {
        unsigned char c = bytes[i];
        if (c == '"') {
            reader->detect_in_quotes = !reader->detect_in_quotes;   /* "" toggles twice */
            reader->detect_line_has_content = true;
        } else if (reader->detect_in_quotes) {
            continue;
        } else if (c == '\n' || c == '\r') {
            if (reader->detect_line_has_content) {
                *complete = true;
                return i + 1;
            }
        } else if (c == ',' || c == ';' || c == '\t') {
            reader->detect_counts[c == ',' ? 0 : c == ';' ? 1 : 2]++;
            reader->detect_line_has_content = true;
        } else if (c != ' ') {
            reader->detect_line_has_content = true;
        }
    }
    return length;
}

/* Counts physical lines in the raw stream (after the BOM). */
static void csv_reader_count_raw(struct csv_reader *reader, const unsigned char *bytes,
                                 size_t length)
{
    /* The state in locals: stores through `reader` would be reloaded after
     * every byte read (a char may alias anything). */
    bool pending_cr = reader->raw_pending_cr, line_open = reader->raw_line_open;
    long line_ends = reader->raw_line_ends;
    for (size_t i = 0; i < length; i++) {
        unsigned char c = bytes[i];
        if (pending_cr) {
            pending_cr = false;
            line_ends++;
            if (c == '\n')
                continue;   /* the '\n' of "\r\n": already counted */
        }
        if (c == '\r') {
            pending_cr = true;
            line_open = false;
        } else if (c == '\n') {
            line_ends++;
            line_open = false;
        } else {
            line_open = true;
        }
    }
    reader->raw_pending_cr = pending_cr;
    reader->raw_line_open = line_open;
    reader->raw_line_ends = line_ends;
}

/* The stream after the BOM: counted, held back while detecting, parsed. */
static void csv_reader_take(struct csv_reader *reader, const unsigned char *bytes, size_t length)
{
    if (reader->status || length == 0)
        return;
    csv_reader_count_raw(reader, bytes, length);
    if (reader->first_line_pending) {
        bool complete;
        size_t header_part = csv_reader_scan_header(reader, bytes, length, &complete);
        if (!csv_reader_hold(reader, bytes, header_part)) {
            csv_reader_fail(reader, 0, 0, "out of memory");
            return;
        }
        if (!complete && reader->held_length < CSV_READER_DETECT_LIMIT)
            return;
        csv_reader_release_held(reader);
        bytes += header_part;
        length -= header_part;
    }
    csv_reader_parse(reader, bytes, length);
}

/* Decides what the first bytes are once enough of them are known: returns
 * false while undecided. */
static bool csv_reader_settle_prefix(struct csv_reader *reader, bool at_end)
{
    static const unsigned char bom[3] = {0xEF, 0xBB, 0xBF};
    const unsigned char *prefix = reader->prefix;
    size_t length = reader->prefix_length;
    size_t pass = length;

    if (length >= 2 && ((prefix[0] == 0xFF && prefix[1] == 0xFE) ||
                        (prefix[0] == 0xFE && prefix[1] == 0xFF))) {
        csv_reader_fail(reader, 0, 0, "file is UTF-16; save it as UTF-8");
        reader->prefix_done = true;
        return true;
    }
    /* Without a mark, UTF-16 text starts with a NUL beside an ASCII letter. */
    if (length >= 2 && (prefix[0] == 0) != (prefix[1] == 0) && prefix[0] < 0x80 && prefix[1] < 0x80) {
        csv_reader_fail(reader, 0, 0, "file is UTF-16; save it as UTF-8");
        reader->prefix_done = true;
        return true;
    }
    if (!at_end) {
        if (length < 2)
            return false;
        if (length < 3 && memcmp(prefix, bom, length) == 0)
            return false;
    }
    if (length == 3 && memcmp(prefix, bom, 3) == 0)
        pass = 0;   /* the BOM says nothing a UTF-8 reader needs */
    reader->prefix_done = true;
    csv_reader_take(reader, prefix, pass);
    return true;
}

struct csv_reader *csv_reader_new(const char *file_label, char delimiter,
                                  csv_row_callback callback, void *context,
                                  struct coop_diagnostics *diagnostics)
{
    struct csv_reader *reader = calloc(1, sizeof *reader);

    if (!reader)
        return NULL;
    if (file_label) {
        reader->file_label = malloc(strlen(file_label) + 1);
        if (!reader->file_label) {
            free(reader);
            return NULL;
        }
        strcpy(reader->file_label, file_label);
    }
    /* STRICT_FINI only takes effect together with STRICT (libcsv csv_fini). */
    if (csv_init(&reader->parser, CSV_READER_OPTIONS) != 0) {
        free(reader->file_label);
        free(reader);
        return NULL;
    }
    reader->delimiter = delimiter;
    if (delimiter)
        csv_set_delim(&reader->parser, (unsigned char)delimiter);
    reader->callback = callback;
    reader->context = context;
    reader->diagnostics = diagnostics;
    reader->line = 1;
    reader->first_line_pending = true;
    return reader;
}

void csv_reader_free(struct csv_reader *reader)
{
    if (!reader)
        return;
    csv_free(&reader->parser);
    free(reader->file_label);
    free(reader->held);
    free(reader->row_data);
    free(reader->offsets);
    free(reader->lengths);
    free(reader->fields);
    free(reader);
}

int csv_reader_feed(struct csv_reader *reader, const void *bytes, size_t length)
{
    const unsigned char *p = bytes;

    if (reader->status || reader->finished)
        return reader->status;
    while (!reader->prefix_done && length > 0) {
        reader->prefix[reader->prefix_length++] = *p++;
        length--;
        csv_reader_settle_prefix(reader, false);
    }
    csv_reader_take(reader, p, length);
    return reader->status;
}

int csv_reader_finish(struct csv_reader *reader)
{
    if (reader->status || reader->finished)
        return reader->status;
    reader->finished = true;
    if (!reader->prefix_done && reader->prefix_length > 0)
        csv_reader_settle_prefix(reader, true);
    if (!reader->status && reader->first_line_pending)
        csv_reader_release_held(reader);   /* a first line without a line end */
    if (reader->status)
        return reader->status;
    if (csv_fini(&reader->parser, csv_reader_on_field, csv_reader_on_line_end, reader) != 0 &&
        !reader->status) {
        /* The quoted field began on the current line: everything before it
         * has been counted through the callbacks. */
        csv_reader_fail(reader, reader->line + (reader->pending_cr ? 1 : 0),
                        (long)reader->field_count + 1,
                        "unclosed quote: the quoted field that starts here runs to the end of the "
                        "file (a closing \" is missing)");
    }
    return reader->status;
}

char csv_reader_delimiter(const struct csv_reader *reader)
{
    return reader->delimiter;
}

long csv_reader_line_count(const struct csv_reader *reader)
{
    return reader->raw_line_ends + (reader->raw_pending_cr || reader->raw_line_open ? 1 : 0);
}

size_t csv_row_filled_count(const struct csv_row *row)
{
    size_t count = row->count;
    while (count > 0) {
        const char *field = row->fields[count - 1];
        size_t length = row->lengths[count - 1], i = 0;
        while (i < length && (field[i] == ' ' || field[i] == '\t'))
            i++;
        if (i < length)
            break;
        count--;
    }
    return count;
}

bool csv_row_fits_header(const struct csv_row *row, size_t header_count, size_t header_filled)
{
    if (row->count == header_count)
        return true;
    return row->count >= header_filled && csv_row_filled_count(row) <= header_count;
}

int csv_read_file(const char *path, const char *file_label, char delimiter,
                  csv_row_callback callback, void *context,
                  struct coop_diagnostics *diagnostics)
{
    const char *label = file_label ? file_label : path;
    struct csv_reader *reader = NULL;
    unsigned char *buffer = NULL;
    FILE *file;
    int result = 0;

    file = fopen(path, "rb");
    if (!file) {
        diag_error(diagnostics, label, 0, 0, NULL, "cannot open: %s", strerror(errno));
        return COOP_EXIT_IO;
    }
    reader = csv_reader_new(label, delimiter, callback, context, diagnostics);
    buffer = malloc(CSV_READER_CHUNK_SIZE);
    if (!reader || !buffer) {
        diag_error(diagnostics, label, 0, 0, NULL, "out of memory");
        result = COOP_EXIT_DATA;
        goto cleanup;
    }
    for (;;) {
        size_t got = fread(buffer, 1, CSV_READER_CHUNK_SIZE, file);
        if (got > 0) {
            result = csv_reader_feed(reader, buffer, got);
            if (result != 0)
                goto cleanup;
        }
        if (got < CSV_READER_CHUNK_SIZE) {
            if (ferror(file)) {
                diag_error(diagnostics, label, 0, 0, NULL, "cannot read: %s", strerror(errno));
                result = COOP_EXIT_IO;
                goto cleanup;
            }
            break;
        }
    }
    result = csv_reader_finish(reader);

cleanup:
    csv_reader_free(reader);
    free(buffer);
    fclose(file);
    return result;
}
