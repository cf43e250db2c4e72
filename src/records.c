/*
 * records — rows of the input turned into validated cooperative records.
 * See records.h.
 */
#include "coopreport/records.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coopreport/csv_reader.h"
#include "coopreport/text.h"

/* Strings of a dataset live in large blocks: one allocation per few thousand
 * cells instead of one per cell, and one free for the whole dataset. */
struct storage_block {
    struct storage_block *next;
    size_t used;
    size_t size;
    char bytes[];
};

struct record_storage {
    struct storage_block *head;
};

#define STORAGE_BLOCK_SIZE (256 * 1024)

static void *storage_allocate(struct record_storage *storage, size_t size)
{
    size = (size + 7) & ~(size_t)7;
    struct storage_block *block = storage->head;
    if (!block || block->size - block->used < size) {
        size_t block_size = size > STORAGE_BLOCK_SIZE ? size : STORAGE_BLOCK_SIZE;
        struct storage_block *fresh = malloc(sizeof *fresh + block_size);
        if (!fresh)
            return NULL;
        fresh->used = 0;
        fresh->size = block_size;
        /* A block made for one huge string goes behind the current one so
         * the current block's free space is not wasted. */
        if (block && size > STORAGE_BLOCK_SIZE) {
            fresh->next = block->next;
            block->next = fresh;
        } else {
            fresh->next = block;
            storage->head = fresh;
        }
        block = fresh;
    }
    void *memory = block->bytes + block->used;
    block->used += size;
    return memory;
}

static const char *storage_copy(struct record_storage *storage, const char *text, size_t length)
{
    char *copy = storage_allocate(storage, length + 1);
    if (!copy)
        return NULL;
    memcpy(copy, text, length);
    copy[length] = '\0';
    return copy;
}

static void storage_free(struct record_storage *storage)
{
    if (!storage)
        return;
    struct storage_block *block = storage->head;
    while (block) {
        struct storage_block *next = block->next;
        free(block);
        block = next;
    }
    free(storage);
}

/* --- identifiers seen, for duplicate detection ----------------------------- */

struct id_entry {
    const char *id;
    long line;
};

struct id_table {
    struct id_entry *slots;
    size_t capacity;   /* a power of two */
    size_t count;
};

static uint64_t id_hash(const char *text)
{
    uint64_t hash = UINT64_C(1469598103934665603);
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        hash = (hash ^ *p) * UINT64_C(1099511628211);
    return hash;
}

static int id_table_grow(struct id_table *table)
{
    size_t capacity = table->capacity ? table->capacity * 2 : 1024;
    struct id_entry *slots = calloc(capacity, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t i = 0; i < table->capacity; i++) {
        if (!table->slots[i].id)
            continue;
        size_t at = id_hash(table->slots[i].id) & (capacity - 1);
        while (slots[at].id)
            at = (at + 1) & (capacity - 1);
        slots[at] = table->slots[i];
    }
    free(table->slots);
    table->slots = slots;
    table->capacity = capacity;
    return 0;
}

/* Inserts id; returns the line of an earlier equal id, 0 when new, -1 when
 * out of memory. */
static long id_table_insert(struct id_table *table, const char *id, long line)
{
    if ((table->count + 1) * 2 > table->capacity && id_table_grow(table) != 0)
        return -1;
    size_t at = id_hash(id) & (table->capacity - 1);
    while (table->slots[at].id) {
        if (strcmp(table->slots[at].id, id) == 0)
            return table->slots[at].line;
        at = (at + 1) & (table->capacity - 1);
    }
    table->slots[at].id = id;
    table->slots[at].line = line;
    table->count++;
    return 0;
}

/* --- sector matching -------------------------------------------------------- */

struct sector_key {
    char *key;
    size_t sector;
};

/* The raw cell texts already matched, so that a column holding a handful of
 * spellings is normalised once per spelling, not once per row. */
#define SECTOR_MEMO_SIZE 32
#define SECTOR_MEMO_TEXT 64

struct sector_matcher {
    struct sector_key *keys;
    size_t count;
    char memo_text[SECTOR_MEMO_SIZE][SECTOR_MEMO_TEXT];
    size_t memo_sector[SECTOR_MEMO_SIZE];
    size_t memo_count;
};

static int sector_matcher_add(struct sector_matcher *matcher, const char *text, size_t sector)
{
    char *key = text_match_key(text);
    if (!key)
        return -1;
    struct sector_key *keys = realloc(matcher->keys, (matcher->count + 1) * sizeof *keys);
    if (!keys) {
        free(key);
        return -1;
    }
    matcher->keys = keys;
    keys[matcher->count].key = key;
    keys[matcher->count].sector = sector;
    matcher->count++;
    return 0;
}

static void sector_matcher_release(struct sector_matcher *matcher)
{
    for (size_t i = 0; i < matcher->count; i++)
        free(matcher->keys[i].key);
    free(matcher->keys);
    matcher->keys = NULL;
    matcher->count = 0;
    matcher->memo_count = 0;
}

static int sector_matcher_build(struct sector_matcher *matcher, const struct coop_config *config)
{
    for (size_t s = 0; s < config->sector_count; s++) {
        const struct coop_sector *sector = &config->sectors[s];
        if (sector_matcher_add(matcher, sector->code, s) != 0 ||
            sector_matcher_add(matcher, sector->label, s) != 0)
            return -1;
        if (sector->sheet && sector_matcher_add(matcher, sector->sheet, s) != 0)
            return -1;
        for (size_t a = 0; a < sector->alias_count; a++)
            if (sector_matcher_add(matcher, sector->aliases[a], s) != 0)
                return -1;
    }
    return 0;
}

/* Returns the sector index, or `none` when no key matches. */
static size_t sector_matcher_find(struct sector_matcher *matcher, const char *text, size_t none)
{
    for (size_t m = 0; m < matcher->memo_count; m++)
        if (strcmp(matcher->memo_text[m], text) == 0)
            return matcher->memo_sector[m];
    char *key = text_match_key(text);
    if (!key)
        return none;
    size_t found = none;
    for (size_t i = 0; i < matcher->count && found == none; i++)
        if (strcmp(matcher->keys[i].key, key) == 0)
            found = matcher->keys[i].sector;
    free(key);
    if (matcher->memo_count < SECTOR_MEMO_SIZE && strlen(text) < SECTOR_MEMO_TEXT) {
        memcpy(matcher->memo_text[matcher->memo_count], text, strlen(text) + 1);
        matcher->memo_sector[matcher->memo_count++] = found;
    }
    return found;
}

size_t records_match_sector(const struct coop_config *config, const char *text)
{
    struct sector_matcher matcher = {0};
    size_t found = config->sector_count;
    if (sector_matcher_build(&matcher, config) == 0)
        found = sector_matcher_find(&matcher, text, config->sector_count);
    sector_matcher_release(&matcher);
    return found;
}

bool record_is_operating(const struct coop_record *record, coop_date date)
{
    return record->founded <= date && !(record->dissolved && record->dissolved <= date);
}

/* --- reading ------------------------------------------------------------------ */

struct records_reader {
    const struct records_options *options;
    struct coop_dataset *dataset;
    struct coop_diagnostics *diagnostics;
    const char *file;
    long columns[FIELD_COUNT];       /* index in the row, -1 when absent */
    struct sector_matcher sectors;
    struct id_table ids;
    struct number_style numbers;
    bool out_of_memory;
    /* Whether any cell so far held valid UTF-8 beyond ASCII: a file that holds
     * none before its first invalid byte is in a legacy 8-bit encoding. */
    bool seen_utf8_text;
    /* The first problem of the row being validated. */
    long problem_column;
    long problem_line;
    const char *problem_field;
    char *problem_reason;
    /* The last province cell resolved (rows of a province usually follow one
     * another): its text, its province (NULL: not found), whether mapped. */
    char last_province_text[64];
    const struct coop_province *last_province;
    bool last_province_mapped;
    /* The last unknown province cell and the name suggested for it: a file
     * may hold many rows of one unknown province. */
    char last_unknown_text[64];
    const struct coop_province *last_unknown_nearest;
    /* Yes/no spellings already parsed ("x", "có", "1"…): a flag column holds
     * a few, and value_parse_boolean normalises with utf8proc each time. */
    char boolean_text[16][16];
    bool boolean_value[16];
    size_t boolean_count;
    /* A first line without the required columns is often a title that an
     * Excel export put above the header: the next lines are searched for the
     * header, to say where it is, before the error ends the reading. */
    int header_status;               /* the first line's error; 0: header found */
    bool header_missing_required;
    bool header_taken;               /* the header line was read (lines above
                                      * [csv] header_line are skipped) */
    size_t header_index;             /* its row index */
    /* The header's errors while the lines after it are searched for the
     * real header: if one is found, its diagnosis comes first and these
     * consequences of reading a title as the header are left out. */
    struct coop_diagnostics header_problems;
    long header_above_line;          /* the first line above [csv] header_line that holds
                                      * every required column: the header, most likely */
};

/* value_parse_boolean, remembering the spellings that parsed. */
static int records_parse_boolean(struct records_reader *reader, const char *text, bool *flag,
                                 const char **reason)
{
    for (size_t i = 0; i < reader->boolean_count; i++)
        if (strcmp(reader->boolean_text[i], text) == 0) {
            *flag = reader->boolean_value[i];
            return 0;
        }
    int status = value_parse_boolean(text, flag, reason);
    size_t length = strlen(text);
    if (status == 0 && reader->boolean_count < 16 && length < 16) {
        memcpy(reader->boolean_text[reader->boolean_count], text, length + 1);
        reader->boolean_value[reader->boolean_count++] = *flag;
    }
    return status;
}

/* The header the config names for field in this file; NULL = the field's own
 * name. *explicit_previous: a [previous_*.columns] line named it. */
static const char *records_header_name(const struct records_options *options,
                                       enum coop_field field, bool *explicit_previous)
{
    return config_column_header(options->config, options->groups, options->previous_year, field,
                                explicit_previous);
}

static const struct csv_dialect *records_dialect(const struct records_options *options)
{
    return config_input_dialect(options->config, options->previous_year);
}

static bool records_field_applies(const struct records_options *options, enum coop_field field)
{
    return !options->groups || config_field_in_groups(field);
}

static bool records_field_required(enum coop_field field)
{
    return field == FIELD_ID || field == FIELD_NAME || field == FIELD_SECTOR ||
           field == FIELD_FOUNDED;
}

/* An Excel cell holds at most this many characters. */
#define RECORDS_CELL_MAX_CHARACTERS 32767

/* Characters (code points) of valid UTF-8 text. */
static size_t records_characters(const char *text, size_t length)
{
    size_t characters = 0;
    for (size_t i = 0; i < length; i++)
        characters += ((unsigned char)text[i] & 0xC0) != 0x80;
    return characters;
}

static bool records_has_high_bytes(const char *text, size_t length)
{
    for (size_t i = 0; i < length; i++)
        if ((unsigned char)text[i] >= 0x80)
            return true;
    return false;
}

/* Checks that every cell of the row is UTF-8 without NUL bytes. On the first
 * bad cell sets *bad_cell and *bad_offset and returns false. Remembers
 * whether valid non-ASCII text was seen, for records_encoding_error. */
static bool records_row_is_utf8(struct records_reader *reader, const struct csv_row *row,
                                size_t *bad_cell, size_t *bad_offset)
{
    for (size_t i = 0; i < row->count; i++) {
        const char *nul = row->lengths[i] ? memchr(row->fields[i], '\0', row->lengths[i]) : NULL;
        if (nul || !text_is_valid_utf8(row->fields[i], row->lengths[i], bad_offset)) {
            if (nul)
                *bad_offset = (size_t)(nul - row->fields[i]);
            *bad_cell = i;
            return false;
        }
        if (!reader->seen_utf8_text && records_has_high_bytes(row->fields[i], row->lengths[i]))
            reader->seen_utf8_text = true;
    }
    return true;
}

/* A file whose first invalid byte comes before any valid non-ASCII UTF-8 text
 * is not UTF-8 at all: Vietnamese offices still export Windows-1258 (Excel's
 * "CSV" on a Vietnamese Windows) and TCVN3 (ABC fonts). Reported once for the
 * whole file, which is then not read further: every row would be rejected.
 * Returns true when it reported so. */
static bool records_encoding_error(struct records_reader *reader, const struct csv_row *row,
                                   size_t cell, size_t offset)
{
    if (reader->seen_utf8_text ||
        text_is_noncharacter(row->fields[cell] + offset, row->lengths[cell] - offset))
        return false;
    unsigned char byte = (unsigned char)row->fields[cell][offset];
    if (byte == 0)
        diag_error(reader->diagnostics, reader->file, row->line, (long)cell + 1, NULL,
                   "NUL byte in the text: the file is binary or UTF-16, not UTF-8 text; "
                   "save it as CSV UTF-8");
    else
        diag_error(reader->diagnostics, reader->file, row->line, (long)cell + 1, NULL,
                   "file is not UTF-8 (byte 0x%02X): it looks like Windows-1258 or TCVN3; "
                   "save it as UTF-8 (in Excel: Save As, \"CSV UTF-8\")", byte);
    return true;
}

static int records_map_header(struct records_reader *reader, const struct csv_row *row)
{
    struct coop_dataset *dataset = reader->dataset;
    int status = 0;
    size_t bad_cell, bad_offset;

    if (!records_row_is_utf8(reader, row, &bad_cell, &bad_offset)) {
        if (!records_encoding_error(reader, row, bad_cell, bad_offset))
            diag_error(reader->diagnostics, reader->file, row->line, (long)bad_cell + 1, NULL,
                       "the header is not valid UTF-8 (byte %zu of the cell): save the file as "
                       "UTF-8", bad_offset + 1);
        return COOP_EXIT_DATA;
    }
    dataset->header = storage_allocate(dataset->storage, (row->count + 1) * sizeof *dataset->header);
    if (!dataset->header)
        return -1;
    char **keys = calloc(row->count ? row->count : 1, sizeof *keys);
    if (!keys)
        return -1;
    for (size_t i = 0; i < row->count; i++) {
        dataset->header[i] = storage_copy(dataset->storage, row->fields[i], row->lengths[i]);
        keys[i] = text_match_key(row->fields[i]);
        if (!dataset->header[i]) {
            status = -1;
            goto cleanup;
        }
    }
    dataset->header_count = row->count;

    for (int field = 0; field < FIELD_COUNT; field++) {
        reader->columns[field] = -1;
        if (!records_field_applies(reader->options, (enum coop_field)field))
            continue;
        bool explicit_previous;
        const char *named = records_header_name(reader->options, (enum coop_field)field,
                                                &explicit_previous);
        const char *wanted = named ? named : config_field_name((enum coop_field)field);
        char *wanted_key = text_match_key(wanted);
        if (!wanted_key) {
            status = -1;
            goto cleanup;
        }
        for (size_t i = 0; i < row->count; i++) {
            if (!keys[i] || strcmp(keys[i], wanted_key) != 0)
                continue;
            if (reader->columns[field] >= 0) {
                diag_error(reader->diagnostics, reader->file, row->line, (long)i + 1,
                           config_field_name((enum coop_field)field),
                           "column '%s' appears twice (columns %ld and %zu)", wanted,
                           reader->columns[field] + 1, i + 1);
                status = COOP_EXIT_USAGE;
            } else {
                reader->columns[field] = (long)i;
                dataset->columns |= 1u << field;
            }
        }
        free(wanted_key);
        if (reader->columns[field] >= 0)
            continue;
        if (records_field_required((enum coop_field)field)) {
            diag_error(reader->diagnostics, reader->file, row->line, 0,
                       config_field_name((enum coop_field)field),
                       "required column '%s' is missing from the header", wanted);
            reader->header_missing_required = true;
            status = COOP_EXIT_USAGE;
        } else if (named && reader->options->previous_year && !explicit_previous) {
            /* Inherited from this year's columns: last year's export may
             * simply not have had the column. The district feeds no figure:
             * nothing is lost, nothing to say. */
            if (field != FIELD_DISTRICT)
                diag_warning(reader->diagnostics, reader->file, row->line, 0,
                             config_field_name((enum coop_field)field),
                             "column '%s' named in the config is not in this previous-year file: "
                             "%s", wanted, field == FIELD_PROVINCE
                                 ? "every row of it is counted as this province's"
                                 : "last year's figures from it are not reported");
        } else if (named) {
            /* A mapping written in the config that matches nothing is a typo,
             * not an absent column. */
            diag_error(reader->diagnostics, reader->file, row->line, 0,
                       config_field_name((enum coop_field)field),
                       "column '%s' named in the config is not in the header", wanted);
            status = COOP_EXIT_USAGE;
        }
    }
cleanup:
    for (size_t i = 0; i < row->count; i++)
        free(keys[i]);
    free(keys);
    return status;
}

/* Records the row's first problem and reports every one. */
static void records_problem(struct records_reader *reader, const struct csv_row *row, long column,
                            const char *field, const char *format, ...)
    __attribute__((format(printf, 5, 6)));

/* The canonical name of the field read from column `index` (0-based), or
 * NULL when the config maps no field there. */
static const char *records_column_field(const struct records_reader *reader, long index)
{
    for (int f = 0; f < FIELD_COUNT; f++)
        if (reader->columns[f] == index)
            return config_field_name((enum coop_field)f);
    return NULL;
}

/* The physical line on which field `column` (1-based; 0: the row) starts:
 * the row's line plus the line ends inside the quoted fields before it. */
static long records_field_line(const struct csv_row *row, long column)
{
    long line = row->line;
    for (size_t i = 0; column > 1 && i < (size_t)(column - 1) && i < row->count; i++)
        for (size_t j = 0; j < row->lengths[i]; j++)
            if (row->fields[i][j] == '\n' ||
                (row->fields[i][j] == '\r' && (j + 1 == row->lengths[i] || row->fields[i][j + 1] != '\n')))
                line++;
    return line;
}

static void records_problem(struct records_reader *reader, const struct csv_row *row, long column,
                            const char *field, const char *format, ...)
{
    long line = records_field_line(row, column);
    va_list arguments;
    va_start(arguments, format);
    diag_report_va(reader->diagnostics, DIAG_ERROR, reader->file, line, column, field,
                   format, arguments);
    va_end(arguments);
    if (reader->problem_reason)
        return;
    va_start(arguments, format);
    int length = vsnprintf(NULL, 0, format, arguments);
    va_end(arguments);
    if (length < 0 || !(reader->problem_reason = malloc((size_t)length + 1))) {
        reader->out_of_memory = true;
        return;
    }
    va_start(arguments, format);
    vsnprintf(reader->problem_reason, (size_t)length + 1, format, arguments);
    va_end(arguments);
    reader->problem_column = column;
    reader->problem_line = line;
    reader->problem_field = field;
}

/* The trimmed cell of a field, in a scratch buffer; "" when the column is absent. */
struct cell {
    const char *text;
    long column;
    const char *field;
};

static struct cell records_cell(struct records_reader *reader, const struct csv_row *row,
                                enum coop_field field, char *scratch, size_t scratch_size)
{
    struct cell cell = {"", 0, config_field_name(field)};
    long index = reader->columns[field];
    if (index < 0 || (size_t)index >= row->count)
        return cell;
    cell.column = index + 1;
    const char *text = row->fields[index];
    size_t length = row->lengths[index];
    while (length && (*text == ' ' || *text == '\t' || *text == '\r' || *text == '\n')) {
        text++;
        length--;
    }
    while (length && (text[length - 1] == ' ' || text[length - 1] == '\t' ||
                      text[length - 1] == '\r' || text[length - 1] == '\n'))
        length--;
    if (length >= scratch_size) {
        /* Only long free-text cells come here; they are used by pointer. */
        cell.text = text;
        return cell;
    }
    memcpy(scratch, text, length);
    scratch[length] = '\0';
    cell.text = scratch;
    return cell;
}

static bool records_parse_integer_cell(struct records_reader *reader, const struct csv_row *row,
                                       struct cell cell, int64_t *out)
{
    const char *reason;
    if (value_parse_integer(cell.text, reader->numbers, out, &reason) != 0) {
        records_problem(reader, row, cell.column, cell.field, "invalid number '%s' (%s)", cell.text,
                        reason);
        return false;
    }
    if (*out < 0) {
        records_problem(reader, row, cell.column, cell.field, "negative count '%s'", cell.text);
        return false;
    }
    return true;
}

int records_money_index(enum coop_field field)
{
    return field == FIELD_REVENUE ? 0 : field == FIELD_PROFIT ? 1 : field == FIELD_INCOME ? 2 : -1;
}

/* Counts how a money cell that read as a number is written (coop_number_shape). */
static void records_note_money_shape(struct records_reader *reader, const struct csv_row *row,
                                     struct cell cell, enum coop_field field)
{
    struct coop_number_shape *shape = &reader->dataset->money_shapes[records_money_index(field)];
    char mark = reader->numbers.decimal;
    const char *text = cell.text + (*cell.text == '-' || *cell.text == '+');
    const char *separator = strchr(text, mark);
    shape->read++;
    if (!separator)
        return;
    size_t before = (size_t)(separator - text), after = strlen(separator + 1);
    if (after == 3 && before >= 1 && before <= 3 && strspn(text, "0123456789") == before &&
        !(before == 1 && *text == '0')) {
        if (!shape->grouped_like++) {
            shape->example_line = row->line;
            shape->example_column = cell.column;
            snprintf(shape->example, sizeof shape->example, "%s", cell.text);
        }
    } else {
        shape->other_decimals++;
    }
}

static bool records_parse_money_cell(struct records_reader *reader, const struct csv_row *row,
                                     struct cell cell, enum coop_field field, coop_money *out)
{
    const char *reason;
    bool may_be_negative = field == FIELD_PROFIT;
    if (value_parse_money(cell.text, reader->numbers, out, &reason) != 0) {
        records_problem(reader, row, cell.column, cell.field, "invalid number '%s' (%s)", cell.text,
                        reason);
        return false;
    }
    records_note_money_shape(reader, row, cell, field);
    if (*out < 0 && !may_be_negative) {
        records_problem(reader, row, cell.column, cell.field, "negative amount '%s'", cell.text);
        return false;
    }
    return true;
}

static bool records_parse_date_cell(struct records_reader *reader, const struct csv_row *row,
                                    struct cell cell, coop_date *out)
{
    const char *reason;
    if (value_parse_date(cell.text, records_dialect(reader->options)->dates, out, &reason) != 0) {
        records_problem(reader, row, cell.column, cell.field, "invalid date '%s' (%s)", cell.text,
                        reason);
        return false;
    }
    return true;
}

static bool records_parse_kind(const char *text, enum coop_kind *kind)
{
    static const char *const unions[] = {"lhhtx", "lh htx", "lh", "liên hiệp htx",
                                         "liên hiệp hợp tác xã", "lien hiep htx",
                                         "lien hiep hop tac xa", "union"};
    static const char *const coops[] = {"htx", "hợp tác xã", "hop tac xa", "cooperative"};
    /* The usual spellings without normalising. */
    if (strcmp(text, "HTX") == 0 || strcmp(text, "LHHTX") == 0) {
        *kind = text[0] == 'H' ? KIND_HTX : KIND_LHHTX;
        return true;
    }
    char *key = text_match_key(text);
    if (!key)
        return false;
    bool found = false;
    for (size_t i = 0; i < sizeof unions / sizeof *unions && !found; i++)
        if (strcmp(key, unions[i]) == 0) {
            *kind = KIND_LHHTX;
            found = true;
        }
    for (size_t i = 0; i < sizeof coops / sizeof *coops && !found; i++)
        if (strcmp(key, coops[i]) == 0) {
            *kind = KIND_HTX;
            found = true;
        }
    free(key);
    return found;
}

static int records_reserve(struct coop_dataset *dataset)
{
    if (dataset->count < dataset->capacity)
        return 0;
    size_t capacity = dataset->capacity ? dataset->capacity * 2 : 1024;
    struct coop_record *records = realloc(dataset->records, capacity * sizeof *records);
    if (!records)
        return -1;
    dataset->records = records;
    dataset->capacity = capacity;
    return 0;
}

/* The start of a cell too long for Excel, marked as cut. */
static const char *records_cut_cell(struct record_storage *storage, const char *text, size_t length)
{
    static const char mark[] = " … (cut)";
    size_t keep = 0, characters = 0;
    while (keep < length && characters < 1000) {
        keep++;
        while (keep < length && ((unsigned char)text[keep] & 0xC0) == 0x80)
            keep++;
        characters++;
    }
    char *copy = storage_allocate(storage, keep + sizeof mark);
    if (!copy)
        return NULL;
    memcpy(copy, text, keep);
    memcpy(copy + keep, mark, sizeof mark);
    return copy;
}

static int records_keep_rejected(struct records_reader *reader, const struct csv_row *row)
{
    struct coop_dataset *dataset = reader->dataset;
    if (dataset->rejected_count == dataset->rejected_capacity) {
        size_t capacity = dataset->rejected_capacity ? dataset->rejected_capacity * 2 : 16;
        struct coop_rejected_row *rejected = realloc(dataset->rejected, capacity * sizeof *rejected);
        if (!rejected)
            return -1;
        dataset->rejected = rejected;
        dataset->rejected_capacity = capacity;
    }
    struct coop_rejected_row *entry = &dataset->rejected[dataset->rejected_count];
    entry->file = dataset->file;
    entry->line = reader->problem_line;
    entry->column = reader->problem_column;
    entry->field = reader->problem_field;
    entry->reason = storage_copy(dataset->storage, reader->problem_reason,
                                 strlen(reader->problem_reason));
    entry->cells = storage_allocate(dataset->storage, (row->count + 1) * sizeof *entry->cells);
    if (!entry->reason || !entry->cells)
        return -1;
    for (size_t i = 0; i < row->count; i++) {
        /* Raw cells are shown in the workbook; bytes that are not UTF-8
         * would corrupt it, so such a cell is kept as a note instead. */
        if (!text_is_valid_utf8(row->fields[i], row->lengths[i], NULL) ||
            memchr(row->fields[i], '\0', row->lengths[i]))
            entry->cells[i] = "(not UTF-8)";
        else if (records_characters(row->fields[i], row->lengths[i]) > RECORDS_CELL_MAX_CHARACTERS)
            entry->cells[i] = records_cut_cell(dataset->storage, row->fields[i], row->lengths[i]);
        else
            entry->cells[i] = storage_copy(dataset->storage, row->fields[i], row->lengths[i]);
        if (!entry->cells[i])
            return -1;
    }
    entry->cell_count = row->count;
    dataset->rejected_count++;
    return 0;
}

/* Whether a data row lines up with the header (csv_row_fits_header): Excel
 * writes empty cells past the last column that once held something. */
static bool records_row_fits_header(const struct coop_dataset *dataset, const struct csv_row *row)
{
    if (row->count == dataset->header_count)
        return true;
    size_t filled = dataset->header_count;
    while (filled > 0 && dataset->header[filled - 1][strspn(dataset->header[filled - 1], " \t")] == '\0')
        filled--;
    return csv_row_fits_header(row, dataset->header_count, filled);
}

bool records_row_is_blank(const struct csv_row *row)
{
    for (size_t i = 0; i < row->count; i++)
        for (size_t j = 0; j < row->lengths[i]; j++)
            if (row->fields[i][j] != ' ' && row->fields[i][j] != '\t')
                return false;
    return true;
}

#define CELL_SCRATCH_SIZE 512

/* Validates one data row into *record; false when the row is rejected. */
static bool records_validate_row(struct records_reader *reader, const struct csv_row *row,
                                 struct coop_record *record)
{
    struct coop_dataset *dataset = reader->dataset;
    const struct coop_config *config = reader->options->config;
    char scratch[CELL_SCRATCH_SIZE];
    bool valid = true;

    memset(record, 0, sizeof *record);
    record->line = row->line;
    record->district = "";

    size_t bad_cell = 0, bad = 0;
    if (!records_row_is_utf8(reader, row, &bad_cell, &bad)) {
        const char *field = records_column_field(reader, (long)bad_cell);
        if (row->fields[bad_cell][bad] == '\0')
            records_problem(reader, row, (long)bad_cell + 1, field,
                            "NUL byte at byte %zu (a binary or UTF-16 file? save it as CSV UTF-8)",
                            bad + 1);
        else if (text_is_noncharacter(row->fields[bad_cell] + bad, row->lengths[bad_cell] - bad))
            records_problem(reader, row, (long)bad_cell + 1, field,
                            "U+FFF%c at byte %zu is a noncharacter (a damaged file?) that no "
                            "workbook can hold: delete it",
                            row->fields[bad_cell][bad + 2] == '\xBE' ? 'E' : 'F', bad + 1);
        else
            records_problem(reader, row, (long)bad_cell + 1, field,
                            "text at byte %zu is not valid UTF-8 (byte 0x%02X; save the file as "
                            "UTF-8: Windows-1258 and TCVN3 files must be converted)", bad + 1,
                            (unsigned char)row->fields[bad_cell][bad]);
        return false;
    }
    for (size_t i = 0; i < row->count; i++) {
        size_t characters = records_characters(row->fields[i], row->lengths[i]);
        if (characters > RECORDS_CELL_MAX_CHARACTERS) {
            const char *field = records_column_field(reader, (long)i);
            records_problem(reader, row, (long)i + 1, field,
                            "text of %zu characters is longer than the %d an Excel cell holds",
                            characters, RECORDS_CELL_MAX_CHARACTERS);
            return false;
        }
    }
    if (!records_row_fits_header(reader->dataset, row)) {
        /* The position is the first field missing, or the first one too many
         * that is not blank. */
        size_t header_count = reader->dataset->header_count;
        size_t first = row->count < header_count ? row->count : header_count;
        while (row->count > header_count && first < row->count &&
               row->fields[first][strspn(row->fields[first], " \t")] == '\0')
            first++;
        long column = (long)first + 1;
        const char *field = row->count < header_count ? records_column_field(reader, column - 1)
                                                      : NULL;
        records_problem(reader, row, column, field, "expected %zu fields as in the header, found %zu",
                        header_count, row->count);
        return false;
    }

    for (int f = 0; f < FIELD_COUNT; f++) {
        enum coop_field field = (enum coop_field)f;
        if (reader->columns[field] < 0 || field == FIELD_PROVINCE)
            continue;
        struct cell cell = records_cell(reader, row, field, scratch, sizeof scratch);
        if (!*cell.text) {
            if (records_field_required(field)) {
                records_problem(reader, row, cell.column, cell.field, "required value is empty");
                valid = false;
            }
            continue;
        }
        bool parsed = true;
        switch (field) {
        case FIELD_ID:
            record->id = storage_copy(dataset->storage, cell.text, strlen(cell.text));
            break;
        case FIELD_NAME:
            record->name = storage_copy(dataset->storage, cell.text, strlen(cell.text));
            break;
        case FIELD_DISTRICT:
            record->district = storage_copy(dataset->storage, cell.text, strlen(cell.text));
            break;
        case FIELD_KIND:
            if (!records_parse_kind(cell.text, &record->kind)) {
                records_problem(reader, row, cell.column, cell.field,
                                "unknown kind '%s' (expected HTX or LHHTX)", cell.text);
                parsed = false;
            }
            break;
        case FIELD_SECTOR:
            record->sector = sector_matcher_find(&reader->sectors, cell.text, config->sector_count);
            if (record->sector == config->sector_count) {
                records_problem(reader, row, cell.column, cell.field,
                                "unknown sector '%s' (not a code, label or alias in [sectors])",
                                cell.text);
                parsed = false;
            }
            break;
        case FIELD_FOUNDED:
            parsed = records_parse_date_cell(reader, row, cell, &record->founded);
            break;
        case FIELD_DISSOLVED:
            parsed = records_parse_date_cell(reader, row, cell, &record->dissolved);
            break;
        case FIELD_MEMBERS:
            parsed = records_parse_integer_cell(reader, row, cell, &record->members);
            break;
        case FIELD_WORKERS:
            parsed = records_parse_integer_cell(reader, row, cell, &record->workers);
            break;
        case FIELD_REVENUE:
            parsed = records_parse_money_cell(reader, row, cell, FIELD_REVENUE, &record->revenue);
            break;
        case FIELD_PROFIT:
            parsed = records_parse_money_cell(reader, row, cell, FIELD_PROFIT, &record->profit);
            break;
        case FIELD_INCOME:
            parsed = records_parse_money_cell(reader, row, cell, FIELD_INCOME, &record->income);
            break;
        case FIELD_MARKET_ACCESS:
        case FIELD_VALUE_CHAIN:
        case FIELD_HIGH_TECH:
        case FIELD_ALLIANCE_MEMBER: {
            bool flag = false;
            const char *reason;
            if (records_parse_boolean(reader, cell.text, &flag, &reason) != 0) {
                records_problem(reader, row, cell.column, cell.field, "invalid yes/no value '%s' (%s)",
                                cell.text, reason);
                parsed = false;
            }
            if (field == FIELD_MARKET_ACCESS)
                record->market_access = flag;
            else if (field == FIELD_VALUE_CHAIN)
                record->value_chain = flag;
            else if (field == FIELD_HIGH_TECH)
                record->high_tech = flag;
            else
                record->alliance_member = flag;
            break;
        }
        case FIELD_PROVINCE:
        case FIELD_COUNT:
            break;
        }
        if (parsed)
            record->present |= 1u << field;
        else
            valid = false;
    }
    if ((record_has(record, FIELD_ID) && !record->id) ||
        (record_has(record, FIELD_NAME) && !record->name) || !record->district) {
        reader->out_of_memory = true;
        return false;
    }
    if (valid && record->dissolved && record->dissolved < record->founded) {
        char founded[16], dissolved[16];
        snprintf(founded, sizeof founded, "%02d/%02d/%04d", date_day(record->founded),
                 date_month(record->founded), date_year(record->founded));
        snprintf(dissolved, sizeof dissolved, "%02d/%02d/%04d", date_day(record->dissolved),
                 date_month(record->dissolved), date_year(record->dissolved));
        records_problem(reader, row, reader->columns[FIELD_DISSOLVED] + 1, "dissolved",
                        "dissolved on %s, before it was founded on %s", dissolved, founded);
        valid = false;
    }
    /* The id of a rejected row is taken too: a later row with the same id is
     * a duplicate now, not once the first row has been fixed. */
    if (record->id) {
        long first_line = id_table_insert(&reader->ids, record->id, row->line);
        if (first_line < 0) {
            reader->out_of_memory = true;
            return false;
        }
        if (first_line > 0) {   /* also on a row rejected already: both need fixing */
            records_problem(reader, row, reader->columns[FIELD_ID] + 1, "id",
                            "duplicate id '%s' (first seen on line %ld)", record->id, first_line);
            valid = false;
        }
    }
    return valid;
}

/* The province a cell names (NULL: none), and whether through an old one;
 * the last answer is kept, as a province's rows usually follow one another. */
static const struct coop_province *records_resolve_province(struct records_reader *reader,
                                                            const char *text, bool *mapped)
{
    if (reader->last_province_text[0] && strcmp(reader->last_province_text, text) == 0) {
        *mapped = reader->last_province_mapped;
        return reader->last_province;
    }
    *mapped = false;
    const struct coop_province *province =
        reader->options->provinces ? provinces_resolve(reader->options->provinces,
                                                       reader->options->former_provinces, text,
                                                       mapped)
                                   : NULL;
    size_t length = strlen(text);
    reader->last_province_text[0] = '\0';
    if (length < sizeof reader->last_province_text) {
        memcpy(reader->last_province_text, text, length + 1);
        reader->last_province = province;
        reader->last_province_mapped = *mapped;
    }
    return province;
}

/* Resolves the row's province. Returns 1 to keep the row, 0 to skip it as
 * another province's, -1 when the row is rejected. */
static int records_select_province(struct records_reader *reader, const struct csv_row *row,
                                   struct coop_record *record)
{
    long index = reader->columns[FIELD_PROVINCE];
    if (index < 0)
        return 1;
    char scratch[CELL_SCRATCH_SIZE];
    struct cell cell = records_cell(reader, row, FIELD_PROVINCE, scratch, sizeof scratch);
    if (!*cell.text) {
        records_problem(reader, row, cell.column, cell.field, "required value is empty");
        return -1;
    }
    bool mapped;
    const struct coop_province *province = records_resolve_province(reader, cell.text, &mapped);
    if (!province) {
        if (strcmp(reader->last_unknown_text, cell.text) != 0) {
            reader->last_unknown_nearest = provinces_nearest(reader->options->provinces,
                                                             reader->options->former_provinces,
                                                             cell.text);
            snprintf(reader->last_unknown_text, sizeof reader->last_unknown_text, "%s",
                     strlen(cell.text) < sizeof reader->last_unknown_text ? cell.text : "");
        }
        const struct coop_province *nearest = reader->last_unknown_nearest;
        records_problem(reader, row, cell.column, cell.field, "unknown province '%s'%s%s%s",
                        cell.text, nearest ? "; did you mean '" : "", nearest ? nearest->name : "",
                        nearest ? "'?" : "");
        return -1;
    }
    if (reader->options->province_code && strcmp(province->code, reader->options->province_code) != 0)
        return 0;
    record->province_code = province->code;
    record->present |= 1u << FIELD_PROVINCE;
    reader->dataset->rows_mapped += mapped;
    return 1;
}

/* A row whose quoting broke (csv_reader): rejected with the reader's reason,
 * unless its province cell, read whole before the break, names another
 * province (then it is skipped like the other rows of that province). */
static int records_take_broken_row(struct records_reader *reader, const struct csv_row *row)
{
    struct coop_dataset *dataset = reader->dataset;
    dataset->rows_read++;
    free(reader->problem_reason);
    reader->problem_reason = NULL;
    /* Resolved quietly: an unknown province is not this row's first problem. */
    long province_column = reader->columns[FIELD_PROVINCE];
    const char *wanted = reader->options->province_code;
    if (wanted && province_column >= 0 && (size_t)province_column + 1 < row->count) {
        char scratch[CELL_SCRATCH_SIZE];
        struct cell cell = records_cell(reader, row, FIELD_PROVINCE, scratch, sizeof scratch);
        bool mapped;
        const struct coop_province *province =
            *cell.text ? records_resolve_province(reader, cell.text, &mapped) : NULL;
        if (province && strcmp(province->code, wanted) != 0) {
            dataset->rows_other_province++;
            return 0;
        }
    }
    records_problem(reader, row, row->error_column, records_column_field(reader, row->error_column - 1),
                    "%s", row->error);
    if (reader->out_of_memory)
        return COOP_EXIT_IO;
    return records_keep_rejected(reader, row) == 0 ? 0 : COOP_EXIT_IO;
}

/* Whether every required column is among the cells of row. */
static bool records_row_has_required(const struct records_reader *reader, const struct csv_row *row)
{
    for (int field = 0; field < FIELD_COUNT; field++)
        if (records_field_required((enum coop_field)field) &&
            records_find_column(reader->options, row, (enum coop_field)field) < 0)
            return false;
    return true;
}

#define RECORDS_HEADER_SEARCH_LINES 20

/* Where the header was looked for and why, for the messages of a header not
 * found there: ", where [csv] header_line = 4 puts it", and for last year's
 * file that keeps this year's line, that it does. Empty for line 1 by default. */
static void records_header_origin(const struct records_options *options, char *out,
                                  size_t size)
{
    const struct csv_dialect *dialect = records_dialect(options);
    const char *section = dialect->header_line_section;
    if (!section) {
        *out = '\0';
        return;
    }
    bool inherited = options->previous_year && strcmp(section, "previous_csv") != 0;
    snprintf(out, size, ", where [%s] header_line = %ld puts it%s", section,
             dialect->header_line,
             inherited ? " (the previous-year file keeps it: [previous_csv] gives no "
                         "header_line of its own)" : "");
}

/* The section whose header_line this file follows when it is to be set. */
static const char *records_header_section(const struct records_options *options)
{
    return options->previous_year ? "previous_csv" : "csv";
}

/* The header was not found near the line it was looked for on: the errors
 * of that line, after, when header_line put it there, where and why. */
static void records_give_up_header(struct records_reader *reader)
{
    char origin[256];
    records_header_origin(reader->options, origin, sizeof origin);
    if (reader->header_problems.count && *origin)
        diag_error(reader->diagnostics, reader->file, records_dialect(reader->options)->header_line,
                   0, NULL, "the header was looked for on line %ld%s: neither that line nor "
                   "the lines next to it hold the required columns",
                   records_dialect(reader->options)->header_line, origin);
    diag_append(reader->diagnostics, &reader->header_problems);
}

/* After a header line without the required columns: whether this line is
 * the header, searched for on the next RECORDS_HEADER_SEARCH_LINES lines.
 * Returns 0 to go on searching, or the header's error. */
static int records_search_header(struct records_reader *reader, const struct csv_row *row)
{
    if (records_row_has_required(reader, row)) {
        long skip = row->line - 1;
        char origin[256];
        records_header_origin(reader->options, origin, sizeof origin);
        diag_error(reader->diagnostics, reader->file, row->line, 0, NULL,
                   "this line looks like the header, not line %ld%s: a title above it? write "
                   "header_line = %ld in [%s] to skip the %ld line%s above it, or delete %s",
                   records_dialect(reader->options)->header_line, origin, row->line,
                   records_header_section(reader->options), skip, skip == 1 ? "" : "s",
                   skip == 1 ? "it" : "them");
        diag_release(&reader->header_problems);
        return reader->header_status;
    }
    if (row->index - reader->header_index < RECORDS_HEADER_SEARCH_LINES)
        return 0;
    records_give_up_header(reader);
    return reader->header_status;
}

/* The header line: mapped with its errors kept apart until it is known
 * whether a later line is the real header (records_search_header). */
static int records_take_header(struct records_reader *reader, const struct csv_row *row)
{
    struct coop_diagnostics *diagnostics = reader->diagnostics;
    reader->header_taken = true;
    reader->header_index = row->index;
    reader->diagnostics = &reader->header_problems;
    int status = records_map_header(reader, row);
    reader->diagnostics = diagnostics;
    if (status == COOP_EXIT_USAGE && reader->header_missing_required &&
        reader->header_above_line) {
        /* header_line points below the header (a value for another file,
         * or kept from this year's by last year's file). */
        char origin[256];
        records_header_origin(reader->options, origin, sizeof origin);
        diag_error(diagnostics, reader->file, reader->header_above_line, 0, NULL,
                   "this line looks like the header, not line %ld%s: write header_line = %ld "
                   "in [%s]", row->line, origin, reader->header_above_line,
                   records_header_section(reader->options));
        diag_release(&reader->header_problems);
        return status;
    }
    if (status == COOP_EXIT_USAGE && reader->header_missing_required) {
        reader->header_status = status;
        return 0;
    }
    diag_append(diagnostics, &reader->header_problems);
    return status < 0 ? COOP_EXIT_IO : status;
}

static int records_on_row(const struct csv_row *row, void *context)
{
    struct records_reader *reader = context;
    struct coop_dataset *dataset = reader->dataset;
    if (!reader->header_taken) {
        if (row->line < records_dialect(reader->options)->header_line) {
            /* A title line above [csv] header_line, or the header itself
             * when header_line is too large: remembered for the diagnosis. */
            if (!reader->header_above_line && records_row_has_required(reader, row))
                reader->header_above_line = row->line;
            return 0;
        }
        return records_take_header(reader, row);
    }
    if (reader->header_status != 0)
        return records_search_header(reader, row);
    if (row->error)
        return records_take_broken_row(reader, row);
    if (records_row_is_blank(row))
        return 0;
    size_t bad_cell, bad_offset;
    if (!reader->seen_utf8_text && !records_row_is_utf8(reader, row, &bad_cell, &bad_offset) &&
        records_encoding_error(reader, row, bad_cell, bad_offset))
        return COOP_EXIT_DATA;
    dataset->rows_read++;

    struct coop_record record;
    memset(&record, 0, sizeof record);
    free(reader->problem_reason);
    reader->problem_reason = NULL;

    int selected = 1;
    /* Rows of other provinces are skipped before validation: their errors are
     * that province's business. */
    if (records_row_fits_header(dataset, row)) {
        selected = records_select_province(reader, row, &record);
        if (selected == 0) {
            dataset->rows_other_province++;
            return 0;
        }
    }
    const char *province_code = record.province_code;
    uint32_t province_bit = record.present;
    bool valid = records_validate_row(reader, row, &record) && selected == 1;
    if (reader->out_of_memory)
        return COOP_EXIT_IO;
    if (!valid)
        return records_keep_rejected(reader, row) == 0 ? 0 : COOP_EXIT_IO;
    record.province_code = province_code;
    record.present |= province_bit;
    if (records_reserve(dataset) != 0)
        return COOP_EXIT_IO;
    dataset->records[dataset->count++] = record;
    return 0;
}

struct records_reader *records_begin(const char *path, const struct records_options *options,
                                     struct coop_dataset *dataset,
                                     struct coop_diagnostics *diagnostics)
{
    memset(dataset, 0, sizeof *dataset);
    dataset->groups = options->groups;
    dataset->file = text_duplicate(path);
    dataset->storage = calloc(1, sizeof *dataset->storage);
    struct records_reader *reader = calloc(1, sizeof *reader);
    if (!dataset->file || !dataset->storage || !reader) {
        free(reader);
        diag_error(diagnostics, path, 0, 0, NULL, "out of memory");
        return NULL;
    }
    reader->options = options;
    reader->dataset = dataset;
    diag_init(&reader->header_problems, 0);
    reader->diagnostics = diagnostics;
    reader->file = dataset->file;
    reader->numbers.decimal = records_dialect(options)->decimal ? records_dialect(options)->decimal
                                                                : '.';
    for (int f = 0; f < FIELD_COUNT; f++)
        reader->columns[f] = -1;
    if (sector_matcher_build(&reader->sectors, options->config) != 0) {
        reader->out_of_memory = true;
    }
    return reader;
}

int records_feed(struct records_reader *reader, const struct csv_row *row)
{
    if (reader->out_of_memory)
        return COOP_EXIT_IO;
    return records_on_row(row, reader);
}

int records_finish(struct records_reader *reader, int status)
{
    struct coop_dataset *dataset = reader->dataset;
    if (reader->out_of_memory) {
        diag_error(reader->diagnostics, dataset->file, 0, 0, NULL, "out of memory");
        status = COOP_EXIT_IO;
    }
    if (status == 0)
        status = reader->header_status; /* the file ended while the header was searched for */
    records_give_up_header(reader);
    if (status == 0 && !dataset->header) {
        diag_error(reader->diagnostics, dataset->file, 0, 0, NULL, "file is empty (no header line)");
        status = COOP_EXIT_USAGE;
    }
    free(reader->problem_reason);
    free(reader->ids.slots);
    sector_matcher_release(&reader->sectors);
    free(reader);
    return status;
}

static int records_read_row(const struct csv_row *row, void *context)
{
    return records_feed(context, row);
}

int records_load(const char *path, const struct records_options *options,
                 struct coop_dataset *dataset, struct coop_diagnostics *diagnostics)
{
    struct records_reader *reader = records_begin(path, options, dataset, diagnostics);
    if (!reader)
        return COOP_EXIT_IO;
    int status = csv_read_file(path, dataset->file, records_dialect(options)->delimiter,
                               records_read_row, reader, diagnostics);
    dataset->read_stopped = status != 0 && dataset->header_count > 0;
    return records_finish(reader, status);
}

void records_release(struct coop_dataset *dataset)
{
    if (!dataset)
        return;
    free(dataset->file);
    free(dataset->records);
    free(dataset->rejected);
    storage_free(dataset->storage);
    memset(dataset, 0, sizeof *dataset);
}

long records_find_column(const struct records_options *options, const struct csv_row *header,
                         enum coop_field field)
{
    const char *named = records_header_name(options, field, NULL);
    const char *wanted = named ? named : config_field_name(field);
    char *wanted_key = text_match_key(wanted);
    long found = -1;
    for (size_t i = 0; wanted_key && i < header->count && found < 0; i++) {
        char *key = text_match_key(header->fields[i]);
        if (key && strcmp(key, wanted_key) == 0)
            found = (long)i;
        free(key);
    }
    free(wanted_key);
    return found;
}
