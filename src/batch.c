/*
 * batch — every province of the input, or a list, in parallel worker
 * processes (SPEC §8).
 *
 * The inputs are read once and split by province into part files in a
 * hidden folder beside the workbooks (.coopreport-parts.PID); each worker
 * then reads one province's parts, so memory is bounded by the largest
 * province, not by the country. A row that names no known province could be
 * any province's, so it goes to a shared part that every province reads too:
 * each province's workbook is exactly the one a single-province run writes.
 * Each workbook is independent, written to a temporary file and renamed, so
 * the output is the same whatever the number of workers, and an interrupted
 * run never leaves a partial workbook. Workers report their figures back
 * through small result files, from which the national summary is made.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "coopreport/csv_reader.h"
#include "coopreport/interrupt.h"
#include "coopreport/report.h"
#include "coopreport/report_run.h"
#include "coopreport/text.h"
#include "coopreport/workbook.h"

/* What a worker tells the parent about its province. */
struct batch_result {
    int status;
    int written;
    double seconds;
    uint64_t rows[INPUT_COUNT], counted[INPUT_COUNT], listed[INPUT_COUNT];
    uint64_t rejected[INPUT_COUNT], mapped[INPUT_COUNT];
    uint64_t rejected_listed;    /* in the workbook's rejected-rows sheet, shared rows included */
    struct coop_totals totals;
    char output[4096];
};

struct batch_job {
    size_t province;             /* index in run->provinces */
    pid_t pid;
    bool started, finished, have_result;
    struct batch_result result;
};

struct batch {
    struct report_run *run;
    char *folder;                /* the part files, removed at the end */
    int folder_lock;             /* held while the run (or a worker) lives */
    size_t province_count;
    bool *wanted;                /* NULL: every province present in the input */
    bool *present;               /* provinces with at least one row */
    /* Counted by the parent while splitting; rows_shared: rows of no known
     * province, rejected in every province's report. */
    uint64_t rows_read[INPUT_COUNT], rows_shared[INPUT_COUNT], rows_skipped[INPUT_COUNT];
    bool reading_done;           /* every input was split */
    struct batch_job *jobs;
    size_t job_count;
    /* Progress on a terminal: the workers' stderr comes through a pipe, so
     * that the progress line is cleared before their lines and redrawn after. */
    bool progress;
    bool progress_shown;
    char progress_line[512];
};

bool batch_is_requested(const char *provinces_wanted)
{
    return provinces_wanted && (strcmp(provinces_wanted, "all") == 0 || strchr(provinces_wanted, ','));
}

/* --- part files --------------------------------------------------------------------
 * A part file holds the original file's name, the path of the input's shared
 * part (empty in the shared part itself), then its header row and the
 * province's rows: for each row, its physical line, the field count and the
 * size of what follows, then each field as length, bytes and a NUL, so that
 * a row is read with two freads and used where it lies. A broken row
 * (csv_row.error) has PART_BROKEN_ROW in its count and its error as one more
 * field; its error column is its last field, the one the break was in. */
#define PART_BROKEN_ROW UINT32_C(0x80000000)

static char *batch_part_path(const struct batch *batch, int input, size_t province)
{
    return text_format("%s/%d-%zu.part", batch->folder, input, province);
}

/* The rows of an input that name no known province. */
static char *batch_shared_part_path(const struct batch *batch, int input)
{
    return text_format("%s/%d-shared.part", batch->folder, input);
}

/* A row is laid out in one buffer and written with one fwrite: per-field
 * fwrite calls cost more than the rest of the split. */
static int batch_write_row(FILE *file, const struct csv_row *row, char **buffer, size_t *capacity)
{
    size_t size = sizeof(int64_t) + 2 * sizeof(uint32_t);
    for (size_t i = 0; i < row->count; i++)
        size += sizeof(uint32_t) + row->lengths[i] + 1;
    if (row->error)
        size += sizeof(uint32_t) + strlen(row->error) + 1;
    if (size > *capacity) {
        char *grown = realloc(*buffer, size * 2);
        if (!grown)
            return -1;
        *buffer = grown;
        *capacity = size * 2;
    }
    int64_t line = row->line;
    uint32_t count = ((uint32_t)row->count + (row->error ? 1 : 0)) | (row->error ? PART_BROKEN_ROW : 0);
    uint32_t payload = (uint32_t)(size - sizeof line - sizeof count - sizeof payload);
    char *out = *buffer;
    memcpy(out, &line, sizeof line);
    out += sizeof line;
    memcpy(out, &count, sizeof count);
    out += sizeof count;
    memcpy(out, &payload, sizeof payload);
    out += sizeof payload;
    for (size_t i = 0; i <= row->count; i++) {
        if (i == row->count && !row->error)
            break;
        const char *field = i < row->count ? row->fields[i] : row->error;
        uint32_t length = (uint32_t)(i < row->count ? row->lengths[i] : strlen(row->error));
        memcpy(out, &length, sizeof length);
        out += sizeof length;
        if (length)
            memcpy(out, field, length);
        out += length;
        *out++ = '\0';
    }
    return fwrite(*buffer, size, 1, file) == 1 ? 0 : -1;
}

static int batch_write_name(FILE *file, const char *name)
{
    uint32_t length = (uint32_t)strlen(name);
    return fwrite(&length, sizeof length, 1, file) == 1 &&
           (length == 0 || fwrite(name, length, 1, file) == 1) ? 0 : -1;
}

/* The string batch_write_name wrote, into name[size]; false when damaged. */
static bool batch_read_name(FILE *file, char *name, size_t size)
{
    uint32_t length = 0;
    bool read = fread(&length, sizeof length, 1, file) == 1 && length < size &&
                (length == 0 || fread(name, length, 1, file) == 1);
    name[read ? length : 0] = '\0';
    return read;
}

/* Reads one row into growing buffers; 1 on a row, 0 at the end, -1 on error. */
struct part_row_buffer {
    struct csv_row row;
    size_t capacity;             /* of fields/lengths */
    char *bytes;
    size_t bytes_capacity;
};

static int batch_read_row(FILE *file, struct part_row_buffer *buffer)
{
    int64_t line;
    uint32_t count, payload;
    if (fread(&line, sizeof line, 1, file) != 1)
        return feof(file) ? 0 : -1;
    if (fread(&count, sizeof count, 1, file) != 1 || fread(&payload, sizeof payload, 1, file) != 1)
        return -1;
    bool broken = count & PART_BROKEN_ROW;
    count &= ~PART_BROKEN_ROW;
    if (broken && count < 2)
        return -1;
    if (count > buffer->capacity) {
        char **fields = realloc(buffer->row.fields, count * sizeof *fields);
        if (fields)
            buffer->row.fields = fields;
        size_t *lengths = realloc(buffer->row.lengths, count * sizeof *lengths);
        if (lengths)
            buffer->row.lengths = lengths;
        if (!fields || !lengths)
            return -1;
        buffer->capacity = count;
    }
    if (payload > buffer->bytes_capacity) {
        char *bytes = realloc(buffer->bytes, (size_t)payload * 2);
        if (!bytes)
            return -1;
        buffer->bytes = bytes;
        buffer->bytes_capacity = (size_t)payload * 2;
    }
    if (payload && fread(buffer->bytes, payload, 1, file) != 1)
        return -1;
    size_t used = 0;
    for (uint32_t i = 0; i < count; i++) {
        uint32_t length;
        if (payload - used < sizeof length)
            return -1;
        memcpy(&length, buffer->bytes + used, sizeof length);
        used += sizeof length;
        if (payload - used < (size_t)length + 1 || buffer->bytes[used + length] != '\0')
            return -1;
        buffer->row.fields[i] = buffer->bytes + used;
        buffer->row.lengths[i] = length;
        used += (size_t)length + 1;
    }
    if (used != payload)
        return -1;
    buffer->row.count = count - broken;
    buffer->row.line = (long)line;
    buffer->row.error = broken ? buffer->row.fields[count - 1] : NULL;
    buffer->row.error_column = broken ? (long)(count - 1) : 0;
    return 1;
}

/* One part file being read: its next data row, if any. */
struct part_reader {
    FILE *file;
    struct part_row_buffer buffer;
    int next;                    /* batch_read_row's answer for the row in buffer */
};

static void batch_part_close(struct part_reader *part)
{
    if (part->file)
        fclose(part->file);
    free(part->buffer.row.fields);
    free(part->buffer.row.lengths);
    free(part->buffer.bytes);
}

/* Moves the warnings of `from` (warnings true) or its other diagnostics into
 * `to`, and empties `from`. */
static void batch_move_diagnostics(struct coop_diagnostics *to, struct coop_diagnostics *from,
                                   bool warnings)
{
    for (size_t i = 0; i < from->count; i++) {
        const struct coop_diagnostic *item = &from->items[i];
        if ((item->severity == DIAG_WARNING) == warnings)
            diag_report(to, item->severity, item->file, item->line, item->column, item->field,
                        "%s", item->message);
    }
    diag_release(from);
    diag_init(from, 0);
}

/* A report_loader over a part file, merged by line with its input's shared
 * part: the rows of no known province, rejected in every report as a
 * single-province run rejects them. Their problems are reported once, by
 * the parent (batch_report_shared), not by every province: here they are
 * dropped from the diagnostics. */
static int batch_load_part(const char *path, const struct records_options *options,
                           struct coop_dataset *dataset, struct coop_diagnostics *diagnostics)
{
    struct part_reader own = {.file = fopen(path, "rb")}, shared = {0};
    char name[4096] = "", shared_path[4096] = "";
    if (!own.file) {
        memset(dataset, 0, sizeof *dataset);
        diag_error(diagnostics, path, 0, 0, NULL, "cannot open a part of the batch: %s", strerror(errno));
        return COOP_EXIT_IO;
    }
    bool damaged = !batch_read_name(own.file, name, sizeof name) ||
                   !batch_read_name(own.file, shared_path, sizeof shared_path);
    if (!damaged && shared_path[0]) {
        char ignored[4096];
        shared.file = fopen(shared_path, "rb");
        damaged = !shared.file || !batch_read_name(shared.file, ignored, sizeof ignored) ||
                  !batch_read_name(shared.file, ignored, sizeof ignored) ||
                  batch_read_row(shared.file, &shared.buffer) != 1;   /* its header */
        shared.next = damaged ? -1 : batch_read_row(shared.file, &shared.buffer);
    }
    struct coop_diagnostics quiet;
    diag_init(&quiet, 0);
    struct records_reader *reader = records_begin(name, options, dataset, &quiet);
    int status = reader ? 0 : COOP_EXIT_IO;
    own.next = damaged ? -1 : batch_read_row(own.file, &own.buffer);   /* the header first */
    damaged = damaged || own.next != 1;
    size_t index = 0;
    while (status == 0 && !damaged && (own.next == 1 || shared.next == 1)) {
        bool from_shared = index > 0 && shared.next == 1 &&
                           (own.next != 1 || shared.buffer.row.line < own.buffer.row.line);
        struct part_reader *part = from_shared ? &shared : &own;
        part->buffer.row.index = index++;
        status = records_feed(reader, &part->buffer.row);
        if (from_shared)
            diag_release(&quiet);
        else if (part->buffer.row.index == 0)
            batch_move_diagnostics(diagnostics, &quiet, false);   /* the parent warned */
        else
            diag_append(diagnostics, &quiet);
        part->next = batch_read_row(part->file, &part->buffer);
    }
    if (status == 0 && (damaged || own.next < 0 || shared.next < 0)) {
        diag_error(diagnostics, path, 0, 0, NULL, "a part of the batch is damaged");
        status = COOP_EXIT_IO;
    }
    batch_part_close(&own);
    batch_part_close(&shared);
    if (reader)
        status = records_finish(reader, status);
    diag_append(diagnostics, &quiet);
    return status;
}

/* --- splitting the inputs by province ----------------------------------------------- */

struct batch_splitter {
    struct batch *batch;
    int input;
    const char *file;
    struct records_options options;
    FILE **parts;                /* one per province, opened on its first row, then the
                                  * shared part (rows of no known province) */
    struct csv_row header;       /* a copy */
    size_t header_filled;        /* its cells up to the last named one */
    long province_column;
    int status;
    /* The last province cell found (a province's rows usually follow one
     * another), as it was in the file, and its province. */
    char last_cell[64];
    const struct coop_province *last_province;
    char *row_buffer;            /* batch_write_row's */
    size_t row_capacity;
};

/* Opens the part of province `index` (batch->province_count: the shared
 * part) and writes its name, the shared part's path and the header. */
static int batch_open_part(struct batch_splitter *splitter, size_t index)
{
    struct batch *batch = splitter->batch;
    bool shared = index == batch->province_count;
    char *path = shared ? batch_shared_part_path(batch, splitter->input)
                        : batch_part_path(batch, splitter->input, index);
    char *shared_path = shared ? NULL : batch_shared_part_path(batch, splitter->input);
    splitter->parts[index] = path && (shared || shared_path) ? fopen(path, "wb") : NULL;
    int status = splitter->parts[index] && batch_write_name(splitter->parts[index], splitter->file) == 0 &&
                 batch_write_name(splitter->parts[index], shared ? "" : shared_path) == 0 &&
                 batch_write_row(splitter->parts[index], &splitter->header, &splitter->row_buffer,
                                 &splitter->row_capacity) == 0 ? 0 : COOP_EXIT_IO;
    if (status != 0)
        diag_error(&batch->run->diagnostics, batch->folder, 0, 0, NULL,
                   "cannot write the batch's part files: %s", strerror(errno));
    free(path);
    free(shared_path);
    return status;
}

/* The province a row goes to; NULL when it names none that is known (or its
 * province cell cannot be trusted), as a single-province run would reject it
 * whichever province it is run for. */
static const struct coop_province *batch_row_province(struct batch_splitter *splitter,
                                                      const struct csv_row *row)
{
    struct report_run *run = splitter->batch->run;
    long column = splitter->province_column;
    /* The break came before the province cell was read whole. */
    if (row->error && (size_t)column + 1 >= row->count)
        return NULL;
    /* Too few or too many fields: rejected by any province's run. */
    if (!row->error &&
        !csv_row_fits_header(row, splitter->header.count, splitter->header_filled))
        return NULL;
    if (splitter->last_province && strcmp(row->fields[column], splitter->last_cell) == 0)
        return splitter->last_province;
    const struct coop_province *province = NULL;
    char *cell = text_trim_copy(row->fields[column]);
    if (cell && *cell && text_is_valid_utf8(cell, strlen(cell), NULL))
        province = provinces_resolve(&run->provinces,
                                     run->has_former_provinces ? &run->former_provinces : NULL,
                                     cell, NULL);
    free(cell);
    if (province && row->lengths[column] < sizeof splitter->last_cell) {
        memcpy(splitter->last_cell, row->fields[column], row->lengths[column] + 1);
        splitter->last_province = province;
    }
    return province;
}

/* The header's warnings (a column of last year's file that the config names
 * is missing, say) are the same for every province: said here, once, and
 * dropped by the workers (batch_load_part). Its errors stay each province's. */
static int batch_warn_header(struct batch_splitter *splitter, const struct csv_row *row)
{
    struct coop_dataset dataset;
    struct coop_diagnostics problems;
    diag_init(&problems, 0);
    struct records_reader *reader = records_begin(splitter->file, &splitter->options, &dataset,
                                                  &problems);
    int status = reader ? records_feed(reader, row) : COOP_EXIT_IO;
    if (reader)
        records_finish(reader, status);
    records_release(&dataset);
    batch_move_diagnostics(&splitter->batch->run->diagnostics, &problems, true);
    diag_release(&problems);
    return status == COOP_EXIT_IO ? status : 0;
}

static int batch_split_row(const struct csv_row *row, void *context)
{
    struct batch_splitter *splitter = context;
    struct batch *batch = splitter->batch;
    struct report_run *run = batch->run;
    if (interrupt_signal())
        return 130;
    if (!splitter->header.fields) {
        const struct csv_dialect *dialect =
            config_input_dialect(&run->config, splitter->options.previous_year);
        if (row->line < dialect->header_line)
            return 0;   /* a title line above [csv] header_line */
        splitter->province_column = records_find_column(&splitter->options, row, FIELD_PROVINCE);
        if (splitter->province_column < 0) {
            diag_error(&run->diagnostics, splitter->file, row->line, 0, "province",
                       "a batch run needs a province column (code or name of each row's province)");
            return COOP_EXIT_USAGE;
        }
        splitter->header.count = row->count;
        splitter->header.fields = calloc(row->count + 1, sizeof *splitter->header.fields);
        splitter->header.lengths = calloc(row->count + 1, sizeof *splitter->header.lengths);
        if (!splitter->header.fields || !splitter->header.lengths)
            return COOP_EXIT_IO;
        for (size_t i = 0; i < row->count; i++) {
            splitter->header.fields[i] = malloc(row->lengths[i] + 1);
            if (!splitter->header.fields[i])
                return COOP_EXIT_IO;
            memcpy(splitter->header.fields[i], row->fields[i], row->lengths[i] + 1);
            splitter->header.lengths[i] = row->lengths[i];
        }
        splitter->header.line = row->line;
        splitter->header_filled = csv_row_filled_count(&splitter->header);
        return batch_warn_header(splitter, row);
    }
    if (records_row_is_blank(row) && !row->error)
        return 0;
    batch->rows_read[splitter->input]++;
    const struct coop_province *province = batch_row_province(splitter, row);
    size_t index = province ? (size_t)(province - run->provinces.items) : batch->province_count;
    if (province && batch->wanted && !batch->wanted[index]) {
        batch->rows_skipped[splitter->input]++;
        return 0;
    }
    if (!province)
        batch->rows_shared[splitter->input]++;
    if (!splitter->parts[index] && batch_open_part(splitter, index) != 0)
        return COOP_EXIT_IO;
    if (province && splitter->input == INPUT_COOPS)
        batch->present[index] = true;
    if (batch_write_row(splitter->parts[index], row, &splitter->row_buffer,
                        &splitter->row_capacity) != 0) {
        diag_error(&run->diagnostics, batch->folder, 0, 0, NULL,
                   "cannot write the batch's part files: %s", strerror(errno));
        return COOP_EXIT_IO;
    }
    return 0;
}

/* Every province that will be reported gets a part for every configured
 * input, if only its header, so that "no groups" reads as 0 groups; so does
 * the shared part, which every part names. */
static int batch_complete_parts(struct batch_splitter *splitter)
{
    struct batch *batch = splitter->batch;
    for (size_t p = 0; p <= batch->province_count; p++) {
        bool reported = p == batch->province_count || (batch->wanted ? batch->wanted[p] : batch->present[p]);
        if (!reported || splitter->parts[p] || !splitter->header.fields)
            continue;
        if (batch_open_part(splitter, p) != 0)
            return COOP_EXIT_IO;
    }
    return 0;
}

static int batch_split_input(struct batch *batch, int input)
{
    struct report_run *run = batch->run;
    const char *path = run->input_paths[input];
    struct batch_splitter splitter = {
        .batch = batch,
        .input = input,
        .file = path,
        .options = report_input_options(run, (enum report_input)input),
    };
    splitter.parts = calloc(batch->province_count + 1, sizeof *splitter.parts);
    if (!splitter.parts)
        return COOP_EXIT_IO;
    int status = csv_read_file(path, path,
                               config_input_dialect(&run->config,
                                                    splitter.options.previous_year)->delimiter,
                               batch_split_row, &splitter, &run->diagnostics);
    bool interrupted = interrupt_signal() != 0;
    if (interrupted)
        status = 0; /* batch_run says so; the rest was not read */
    if (status == 0 && !interrupted && !splitter.header.fields) {
        diag_error(&run->diagnostics, path, 0, 0, NULL, "file is empty (no header line)");
        status = COOP_EXIT_USAGE;
    }
    /* The coops file (read first) decides which provinces are present. */
    if (status == 0 && !interrupted)
        status = batch_complete_parts(&splitter);
    for (size_t p = 0; p <= batch->province_count; p++)
        if (splitter.parts[p] && fclose(splitter.parts[p]) != 0 && status == 0) {
            diag_error(&run->diagnostics, batch->folder, 0, 0, NULL,
                       "cannot write the batch's part files: %s", strerror(errno));
            status = COOP_EXIT_IO;
        }
    free(splitter.parts);
    free(splitter.row_buffer);
    for (size_t i = 0; i < splitter.header.count && splitter.header.fields; i++)
        free(splitter.header.fields[i]);
    free(splitter.header.fields);
    free(splitter.header.lengths);
    return status;
}

/* --- workers ----------------------------------------------------------------------- */

static double batch_now(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}

static char *batch_result_path(const struct batch *batch, size_t province)
{
    return text_format("%s/result-%zu", batch->folder, province);
}

/* One province in a worker process; the result goes to its result file. */
static void batch_work_one(struct batch *batch, struct batch_job *job)
{
    double started = batch_now();
    struct report_run *run = batch->run;
    diag_init(&run->diagnostics, 20);
    run->province = &run->provinces.items[job->province];
    run->loader = batch_load_part;
    char *parts[INPUT_COUNT] = {NULL};
    for (int input = 0; input < INPUT_COUNT; input++)
        if (run->input_paths[input])
            run->input_paths[input] = parts[input] = batch_part_path(batch, input, job->province);
    struct batch_result result = {0};
    result.status = report_province(run);
    diag_print(&run->diagnostics, stderr);
    coop_date first, last;
    config_period_range(run->config.period, run->config.year, &first, &last);
    for (int input = 0; input < INPUT_COUNT; input++) {
        const struct coop_dataset *dataset = &run->inputs[input];
        size_t counted = 0, listed = 0;
        report_count_rows(dataset, input >= INPUT_PREVIOUS_COOPS ? last - 10000 : last, &counted, &listed);
        /* The shared rows (of no known province) were read and rejected by
         * every province: the parent counts them once. */
        uint64_t shared = batch->rows_shared[input];
        result.rows[input] = dataset->rows_read > shared ? dataset->rows_read - shared : 0;
        result.counted[input] = counted;
        result.listed[input] = listed;
        result.rejected[input] = dataset->rejected_count > shared ? dataset->rejected_count - shared : 0;
        result.rejected_listed += dataset->rejected_count;
        result.mapped[input] = dataset->rows_mapped;
    }
    struct indicator_inputs inputs = {
        .config = &run->config,
        .coops = &run->inputs[INPUT_COOPS],
        .groups = run->input_paths[INPUT_GROUPS] ? &run->inputs[INPUT_GROUPS] : NULL,
    };
    indicators_count_totals(&inputs, &result.totals);
    result.written = run->written;
    if (run->output_path)
        snprintf(result.output, sizeof result.output, "%s", run->output_path);
    result.seconds = batch_now() - started;
    char *path = batch_result_path(batch, job->province);
    FILE *file = path ? fopen(path, "wb") : NULL;
    if (!file || fwrite(&result, sizeof result, 1, file) != 1 || fclose(file) != 0)
        result.status = COOP_EXIT_IO;
    free(path);
    for (int input = 0; input < INPUT_COUNT; input++)
        free(parts[input]);
    /* Ready for the next province: its own inputs, figures and messages. */
    diag_release(&run->diagnostics);
    report_release(run, true);
    for (int input = 0; input < INPUT_COUNT; input++)
        run->input_paths[input] = report_input_path(&run->config, (enum report_input)input);
    fflush(stderr);
}

/* A worker process: takes job numbers from the queue pipe until it is empty
 * and closed, says on the done pipe which it finished, then ends. Reusing a
 * process for many provinces spares a fork and its page faults per province.
 * It starts with the signals blocked (see batch_run_jobs). */
static void batch_work(struct batch *batch, int queue, int done, pid_t parent, const sigset_t *mask)
{
    /* A signal removes the workbook being written and ends the worker; one
     * the parent may not have had (SIGPIPE on a write of the worker's own)
     * is passed on to it, so that the whole run stops. */
    interrupt_install(INTERRUPT_EXIT);
    interrupt_forward_to(parent);
    /* A worker whose parent is killed (even with SIGKILL) stops too, rather
     * than going on writing workbooks nobody waits for. */
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (getppid() != parent)
        _exit(128 + SIGTERM);
    interrupt_unblock(mask);
    struct report_run *run = batch->run;
    /* Indicators on stdout from many workers would interleave: not in a batch. */
    struct cli_options options = *run->options;
    options.indicators = INDICATORS_NONE;
    run->options = &options;
    run->quiet_summary = true;
    uint32_t index;
    int status = 0;
    for (;;) {
        ssize_t got = read(queue, &index, sizeof index);
        if (got < 0 && errno == EINTR)
            continue;
        if (got != (ssize_t)sizeof index || index >= batch->job_count)
            break;
        /* An interruption waits until this province is written and reported:
         * otherwise a workbook could be renamed into place and its province
         * still be reported as not finished. */
        sigset_t previous;
        interrupt_block(&previous);
        batch_work_one(batch, &batch->jobs[index]);
        if (write(done, &index, sizeof index) != (ssize_t)sizeof index)
            status = COOP_EXIT_IO;
        interrupt_unblock(&previous);   /* a pending signal ends the worker here */
    }
    fflush(stderr);
    _exit(status);
}

static void batch_read_result(struct batch *batch, struct batch_job *job)
{
    char *path = batch_result_path(batch, job->province);
    FILE *file = path ? fopen(path, "rb") : NULL;
    job->have_result = file && fread(&job->result, sizeof job->result, 1, file) == 1;
    if (file)
        fclose(file);
    free(path);
}

/* Progress on a terminal: provinces done/total, the current one, rows/s, time left. */
static void batch_show_progress(struct batch *batch, size_t done, const char *current,
                                double started)
{
    double elapsed = batch_now() - started;
    uint64_t rows = 0;
    for (size_t j = 0; j < batch->job_count; j++)
        if (batch->jobs[j].have_result)
            rows += batch->jobs[j].result.rows[INPUT_COOPS];
    double left = done ? elapsed / (double)done * (double)(batch->job_count - done) : 0;
    snprintf(batch->progress_line, sizeof batch->progress_line, "[%zu/%zu] %s  %.0f rows/s  %.0f s left",
             done, batch->job_count, current, elapsed > 0 ? (double)rows / elapsed : 0, left);
    fprintf(stderr, "\r\033[K%s", batch->progress_line);
    batch->progress_shown = true;
    fflush(stderr);
}

/* What the workers wrote to stderr, while progress is shown: the progress
 * line is erased first, so that their lines do not run on from it, and drawn
 * again under them once they end with a newline. */
static void batch_relay(struct batch *batch, const char *text, size_t length)
{
    if (batch->progress_shown)
        fputs("\r\033[K", stderr);
    batch->progress_shown = false;
    fwrite(text, 1, length, stderr);
    if (length && text[length - 1] == '\n' && batch->progress_line[0]) {
        fputs(batch->progress_line, stderr);
        batch->progress_shown = true;
    }
    fflush(stderr);
}

/* Reads what is in the relay pipe; false at its end. */
static bool batch_relay_pipe(struct batch *batch, int relay)
{
    char text[4096];
    ssize_t got = read(relay, text, sizeof text);
    if (got < 0 && errno == EINTR)
        return true;
    if (got <= 0)
        return false;
    batch_relay(batch, text, (size_t)got);
    return true;
}

/* A worker that ended because of one of the signals (its handler's 128 + N,
 * or killed by it) makes the run interrupted by it, if nothing else did. */
static void batch_note_worker_end(int status)
{
    int signal_number = WIFSIGNALED(status) ? WTERMSIG(status)
                        : WIFEXITED(status) && WEXITSTATUS(status) > 128 ? WEXITSTATUS(status) - 128 : 0;
    if (interrupt_is_handled(signal_number))
        interrupt_record(signal_number);
}

static int batch_run_jobs(struct batch *batch, int workers)
{
    double started = batch_now();
    int queue[2], finished[2], relay[2] = {-1, -1};
    if (pipe(queue) != 0 || pipe(finished) != 0 || (batch->progress && pipe(relay) != 0)) {
        diag_error(&batch->run->diagnostics, NULL, 0, 0, NULL, "cannot start the workers: %s",
                   strerror(errno));
        return COOP_EXIT_IO;
    }
    /* The whole queue fits in the pipe (a few bytes per province), in order. */
    for (uint32_t j = 0; j < batch->job_count; j++) {
        batch->jobs[j].started = true;
        if (write(queue[1], &j, sizeof j) != (ssize_t)sizeof j)
            return COOP_EXIT_IO;
    }
    close(queue[1]);
    if ((size_t)workers > batch->job_count)
        workers = (int)batch->job_count;
    pid_t *pids = calloc((size_t)workers + 1, sizeof *pids);
    if (!pids)
        return COOP_EXIT_IO;
    int started_workers = 0;
    for (int w = 0; w < workers && !interrupt_signal(); w++) {
        fflush(NULL);
        pid_t parent = getpid();
        /* Blocked until the worker has its own handlers: a signal in between
         * would otherwise only be recorded, in the worker's copy. */
        sigset_t mask;
        interrupt_block(&mask);
        pid_t pid = fork();
        if (pid == 0) {
            close(finished[0]);
            if (relay[1] >= 0) {
                dup2(relay[1], STDERR_FILENO);
                close(relay[0]);
                close(relay[1]);
            }
            batch_work(batch, queue[0], finished[1], parent, &mask);
        }
        interrupt_unblock(&mask);
        if (pid < 0) {
            diag_error(&batch->run->diagnostics, NULL, 0, 0, NULL, "cannot start a worker: %s",
                       strerror(errno));
            break;
        }
        pids[started_workers++] = pid;
    }
    close(queue[0]);
    close(finished[1]);
    if (relay[1] >= 0)
        close(relay[1]);
    size_t done = 0;
    bool stopping = false;
    struct pollfd watched[2] = {{.fd = finished[0], .events = POLLIN}, {.fd = relay[0], .events = POLLIN}};
    nfds_t watching = relay[0] >= 0 ? 2 : 1;
    for (;;) {
        if (interrupt_signal() && !stopping) {
            stopping = true;
            for (int w = 0; w < started_workers; w++)
                kill(pids[w], SIGTERM);
        }
        /* The timeout only bounds the wait of a signal that came just before poll. */
        int ready = poll(watched, watching, 250);
        if (ready <= 0)
            continue;
        if (watching == 2 && watched[1].revents && !batch_relay_pipe(batch, relay[0]))
            watching = 1;
        if (!watched[0].revents)
            continue;
        uint32_t index;
        ssize_t got = read(finished[0], &index, sizeof index);
        if (got < 0 && errno == EINTR)
            continue;
        if (got != (ssize_t)sizeof index)
            break;   /* every worker has ended */
        if (index >= batch->job_count)
            continue;
        struct batch_job *job = &batch->jobs[index];
        job->finished = true;
        done++;
        batch_read_result(batch, job);
        if (batch->progress)
            batch_show_progress(batch, done, batch->run->provinces.items[job->province].name, started);
    }
    close(finished[0]);
    while (watching == 2 && batch_relay_pipe(batch, relay[0]))
        ;
    if (relay[0] >= 0)
        close(relay[0]);
    for (int w = 0; w < started_workers; w++) {
        int status = 0;
        pid_t ended;
        while ((ended = waitpid(pids[w], &status, 0)) < 0 && errno == EINTR)
            ;
        /* No status to read when the worker could not be waited for
         * (SIGCHLD ignored by whoever started us reaps it: ECHILD). */
        if (ended == pids[w])
            batch_note_worker_end(status);
    }
    free(pids);
    if (batch->progress && batch->progress_shown)
        fputs("\r\033[K", stderr);
    batch->progress_shown = false;
    return 0;
}

/* --- the end of the run ------------------------------------------------------------ */

/* Pads UTF-8 text to `width` characters (printf pads bytes). */
static void batch_print_padded(const char *text, size_t width)
{
    size_t characters = text_count_characters(text);
    fputs(text, stderr);
    for (; characters < width; characters++)
        fputc(' ', stderr);
}

static const char *batch_job_status(const struct batch_job *job, bool check)
{
    if (!job->started || !job->have_result)
        return "not run";
    if (job->result.status != 0)
        return job->result.written ? "partial" : "failed";
    return check ? "checked" : "ok";
}

static void batch_print_table(const struct batch *batch)
{
    const struct report_run *run = batch->run;
    bool partial = false;
    fputs("\nprovince  name              rows      HTX  status    seconds  output\n", stderr);
    for (size_t j = 0; j < batch->job_count; j++) {
        const struct batch_job *job = &batch->jobs[j];
        const struct coop_province *province = &run->provinces.items[job->province];
        fprintf(stderr, "%-8s  ", province->code);
        batch_print_padded(province->name, 16);
        const struct batch_result *result = &job->result;
        if (job->have_result)
            fprintf(stderr, "%6llu %8llu  %-8s %8.2f  %s\n",
                    (unsigned long long)result->rows[INPUT_COOPS], (unsigned long long)result->totals.coops,
                    batch_job_status(job, run->options->check), result->seconds,
                    result->written ? result->output : "-");
        else
            fprintf(stderr, "%6s %8s  %-8s %8s  -\n", "-", "-", batch_job_status(job, run->options->check), "-");
        partial = partial || (job->have_result && job->result.status != 0 && job->result.written);
    }
    if (partial)
        fprintf(stderr, "partial: workbook written with --keep-going; its rejected rows are listed "
                        "in the sheet '%s' and left out of the figures\n", run->layout.rejected_sheet);
}

static void batch_print_summary(const struct batch *batch)
{
    const struct report_run *run = batch->run;
    for (int input = 0; input < INPUT_COUNT; input++) {
        if (!run->input_paths[input])
            continue;
        struct row_accounting rows = {.read = batch->rows_read[input],
                                      .rejected = batch->rows_shared[input],
                                      .skipped = batch->rows_skipped[input]};
        for (size_t j = 0; j < batch->job_count; j++)
            if (batch->jobs[j].have_result) {
                rows.counted += batch->jobs[j].result.counted[input];
                rows.listed += batch->jobs[j].result.listed[input];
                rows.rejected += batch->jobs[j].result.rejected[input];
                rows.mapped += batch->jobs[j].result.mapped[input];
            }
        report_print_accounting(run->input_paths[input], &rows);
        if (interrupt_signal())
            fprintf(stderr, "%s: the rows of provinces not finished are not counted above\n",
                    run->input_paths[input]);
    }
}

/* The national summary's rows: every province run, ok when its report was
 * made (written; under --check, checked clean). NULL when out of memory. */
static struct national_row *batch_national_rows(const struct batch *batch)
{
    const struct report_run *run = batch->run;
    struct national_row *rows = calloc(batch->job_count + 1, sizeof *rows);
    for (size_t j = 0; rows && j < batch->job_count; j++) {
        const struct batch_job *job = &batch->jobs[j];
        rows[j].province = &run->provinces.items[job->province];
        rows[j].ok = job->have_result && (job->result.written ||
                                          (run->options->check && job->result.status == 0));
        /* --keep-going wrote it, leaving out the rejected rows: say how many. */
        if (rows[j].ok && job->result.written && job->result.status != 0)
            rows[j].rejected = job->result.rejected_listed;
        if (job->have_result)
            rows[j].totals = job->result.totals;
    }
    return rows;
}

/* --indicators in a batch: the national figures (each province's are in its
 * workbook), from the provinces whose report was made. */
static int batch_print_national_indicators(struct batch *batch)
{
    if (batch->run->options->indicators == INDICATORS_NONE)
        return 0;
    struct national_row *rows = batch_national_rows(batch);
    struct indicator_set set = {0};
    int status = rows && national_indicators(rows, batch->job_count, &set) == 0 ? 0 : COOP_EXIT_IO;
    if (status == 0)
        report_print_indicators(&set, batch->run->options->indicators);
    else
        fprintf(stderr, "coopreport: error: out of memory printing the national figures\n");
    indicators_release(&set);
    free(rows);
    return status;
}

static int batch_write_national(struct batch *batch)
{
    struct report_run *run = batch->run;
    if (!run->config.summary_path || run->options->check)
        return 0;
    run->province = NULL;
    char *path = report_expand(run, run->config.summary_path, "[output] summary");
    struct national_row *rows = batch_national_rows(batch);
    int status = path && rows ? report_check_output_path(run, path) : COOP_EXIT_IO;
    if (status == 0)
        status = report_create_folder(run, path);
    if (status == 0)
        interrupt_remove_stale_beside(path);
    size_t count = batch->job_count;
    if (status == 0) {
        struct workbook_content content = {
            .config = &run->config,
            .layout = &run->layout,
            .report_date = run->report_date,
            .organization = "Liên minh Hợp tác xã Việt Nam",
            .tool_version = COOPREPORT_VERSION,
        };
        status = national_workbook_write(path, &content, rows, count, &run->diagnostics);
        if (status == 0 && !run->options->quiet)
            fprintf(stderr, "wrote %s\n", path);
    }
    free(rows);
    free(path);
    return status;
}

/* The folder of part files and results, and everything in it. */
static void batch_remove_folder(struct batch *batch)
{
    if (batch->folder)
        interrupt_remove_folder(batch->folder);
    if (batch->folder_lock >= 0)
        close(batch->folder_lock);
    batch->folder_lock = -1;
}

/* The hidden folder of the part files, beside the workbooks: in the folder of
 * the output path up to its first province placeholder, so that a later run
 * writing there finds it if a hard kill left it (interrupt_remove_stale). */
static int batch_make_folder(struct batch *batch, const char *pattern)
{
    struct report_run *run = batch->run;
    const char *code = strstr(pattern, "{province_code}"), *slug = strstr(pattern, "{province_slug}");
    const char *first = !code ? slug : !slug ? code : code < slug ? code : slug;
    char *prefix = text_format("%.*s", (int)(first - pattern), pattern);
    char *expanded = prefix ? report_expand(run, prefix, "the output path") : NULL;
    char *base = expanded ? text_folder_of(expanded) : NULL;
    free(prefix);
    free(expanded);
    if (!base)
        return COOP_EXIT_IO;
    interrupt_remove_stale(base);
    batch->folder = text_format("%s/%s%ld", base, INTERRUPT_PARTS_PREFIX, (long)getpid());
    free(base);
    if (!batch->folder)
        return COOP_EXIT_IO;
    int status = report_create_folder(run, batch->folder);
    if (status != 0)
        return status;
    /* A folder of this PID can only be a dead run's, on a machine restarted since. */
    if (mkdir(batch->folder, 0700) != 0 && errno == EEXIST)
        interrupt_remove_folder(batch->folder);
    if (mkdir(batch->folder, 0700) != 0 && errno != EEXIST) {
        diag_error(&run->diagnostics, batch->folder, 0, 0, NULL,
                   "cannot create the folder of the batch's part files: %s", strerror(errno));
        free(batch->folder);
        batch->folder = NULL;
        return COOP_EXIT_IO;
    }
    batch->folder_lock = interrupt_lock(batch->folder);
    return 0;
}

/* Marks the provinces of a list "24,27,Hà Nội"; false after reporting an unknown one. */
static bool batch_select_list(struct batch *batch, const char *list)
{
    struct report_run *run = batch->run;
    char *copy = text_duplicate(list);
    /* Which old provinces were said to be merged: "27,27" says it once. */
    bool *noted = calloc(run->former_provinces.count + 1, sizeof *noted);
    bool valid = copy != NULL && noted != NULL;
    for (char *item = valid ? strtok(copy, ",") : NULL; item; item = strtok(NULL, ",")) {
        char *name = text_trim_copy(item);
        const struct coop_province *province =
            name ? provinces_resolve(&run->provinces,
                                     run->has_former_provinces ? &run->former_provinces : NULL, name, NULL)
                 : NULL;
        if (province)
            report_note_merged_province(run, name, province, noted);
        if (province) {
            batch->wanted[province - run->provinces.items] = true;
        } else {
            const struct coop_province *nearest =
                name ? provinces_nearest(&run->provinces,
                                         run->has_former_provinces ? &run->former_provinces : NULL,
                                         name)
                     : NULL;
            diag_error(&run->diagnostics, run->config.path, 0, 0, NULL,
                       "unknown province '%s' in the list '%s'%s%s%s", name ? name : item, list,
                       nearest ? "; did you mean '" : "", nearest ? nearest->name : "",
                       nearest ? "'?" : "");
            valid = false;
        }
        free(name);
    }
    free(noted);
    free(copy);
    return valid;
}

static int batch_prepare(struct batch *batch, const char *wanted)
{
    struct report_run *run = batch->run;
    const char *pattern = run->options->output_path ? run->options->output_path : run->config.output_path;
    if (!pattern || (!strstr(pattern, "{province_code}") && !strstr(pattern, "{province_slug}"))) {
        diag_error(&run->diagnostics, run->config.path, 0, 0, NULL,
                   "a batch run writes one workbook per province: the output path '%s' must contain "
                   "{province_code} or {province_slug}", pattern ? pattern : "");
        return COOP_EXIT_USAGE;
    }
    batch->province_count = run->provinces.count;
    batch->present = calloc(batch->province_count + 1, sizeof *batch->present);
    if (!batch->present)
        return COOP_EXIT_IO;
    if (strcmp(wanted, "all") != 0) {
        batch->wanted = calloc(batch->province_count + 1, sizeof *batch->wanted);
        if (!batch->wanted)
            return COOP_EXIT_IO;
        if (!batch_select_list(batch, wanted))
            return COOP_EXIT_USAGE;
    }
    return batch_make_folder(batch, pattern);
}

/* The rows of no known province, read once as a run for no province reads
 * them, so that their problems are printed once and not by every province. */
static int batch_report_shared(struct batch *batch)
{
    struct report_run *run = batch->run;
    int status = 0;
    for (int input = 0; input < INPUT_COUNT && status == 0; input++) {
        if (!run->input_paths[input] || !batch->rows_shared[input])
            continue;
        char *path = batch_shared_part_path(batch, input);
        if (!path)
            return COOP_EXIT_IO;
        struct records_options options = report_input_options(run, (enum report_input)input);
        struct coop_dataset dataset;
        status = batch_load_part(path, &options, &dataset, &run->diagnostics);
        records_release(&dataset);
        free(path);
        if (status == COOP_EXIT_DATA)
            status = 0;   /* the rows' own problems, reported */
    }
    return status;
}

/* The last line of an interrupted run. */
static void batch_say_interrupted(const struct batch *batch)
{
    if (!batch->reading_done && !batch->wanted) {
        fputs("interrupted while reading the input, before the provinces in it were known: no "
              "province finished; no partial workbook was left\n", stderr);
        return;
    }
    size_t requested = 0, finished = 0;
    for (size_t p = 0; batch->wanted && p < batch->province_count; p++)
        requested += batch->wanted[p];
    for (size_t j = 0; batch->reading_done && j < batch->job_count; j++)
        finished += batch->jobs[j].have_result;
    fprintf(stderr, "interrupted%s: %zu of %zu provinces finished; no partial workbook was left\n",
            batch->reading_done ? "" : " while reading the input", finished,
            batch->reading_done ? batch->job_count : requested);
}

int batch_run(struct report_run *run, const char *wanted)
{
    struct batch batch = {.run = run, .folder_lock = -1};
    /* Signals are only recorded: the run stops its workers, removes its
     * temporary files and says what was finished. */
    interrupt_install(INTERRUPT_RECORD);
    /* An ignored SIGCHLD, inherited from whoever started us, would make the
     * kernel reap the workers: their exit statuses are needed. */
    signal(SIGCHLD, SIG_DFL);
    batch.progress = isatty(STDERR_FILENO) && !run->options->no_progress && !run->options->quiet;

    int status = batch_prepare(&batch, wanted);
    for (int input = 0; input < INPUT_COUNT && status == 0 && !interrupt_signal(); input++)
        if (run->input_paths[input])
            status = batch_split_input(&batch, input);
    batch.reading_done = status == 0 && !interrupt_signal();
    if (batch.reading_done)
        status = batch_report_shared(&batch);
    if (status == 0 && batch.reading_done) {
        for (size_t p = 0; p < batch.province_count; p++)
            batch.job_count += batch.wanted ? batch.wanted[p] : batch.present[p];
        batch.jobs = calloc(batch.job_count + 1, sizeof *batch.jobs);
        if (!batch.jobs)
            status = COOP_EXIT_IO;
        for (size_t p = 0, j = 0; batch.jobs && p < batch.province_count; p++)
            if (batch.wanted ? batch.wanted[p] : batch.present[p])
                batch.jobs[j++].province = p;
    }
    /* Problems found while splitting are printed before the workers start,
     * so that no worker inherits them. */
    if (interrupt_may_speak())
        diag_print(&run->diagnostics, stderr);
    diag_release(&run->diagnostics);
    if (status == 0 && batch.jobs && !interrupt_signal()) {
        long cpus = sysconf(_SC_NPROCESSORS_ONLN);
        int workers = run->options->jobs ? run->options->jobs : (cpus > 0 ? (int)cpus : 1);
        status = batch_run_jobs(&batch, workers);
    }
    bool any_failed = false;
    for (size_t j = 0; j < batch.job_count; j++)
        any_failed = any_failed || !batch.jobs[j].have_result || batch.jobs[j].result.status != 0;
    if (status == 0 && !interrupt_signal())
        status = batch_write_national(&batch);
    if (status == 0 && !interrupt_signal())
        status = batch_print_national_indicators(&batch);
    batch_remove_folder(&batch);
    bool speak = interrupt_may_speak();
    if (speak)
        diag_print(&run->diagnostics, stderr);
    if (speak && batch.jobs && !run->options->quiet)
        batch_print_summary(&batch);
    /* --quiet: the table only when it reports a failure. */
    if (speak && batch.jobs && (!run->options->quiet || any_failed || interrupt_signal()))
        batch_print_table(&batch);
    uint64_t shared = 0;
    for (int input = 0; input < INPUT_COUNT; input++)
        shared += batch.rows_shared[input];
    if (interrupt_signal()) {
        if (speak)
            batch_say_interrupted(&batch);
        status = interrupt_exit_status();
    } else if (status == 0 && (any_failed || shared)) {
        if (shared)
            fprintf(stderr, "coopreport: %llu row%s of no known province (empty, unknown or "
                            "unreadable): a rejected row of every province's report\n",
                    (unsigned long long)shared, shared == 1 ? "" : "s");
        status = COOP_EXIT_DATA;
    }
    free(batch.folder);
    free(batch.present);
    free(batch.wanted);
    free(batch.jobs);
    return status;
}
