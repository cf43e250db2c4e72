/*
 * libFuzzer harness: bytes through the streaming CSV reader and record
 * validation (csv_reader → records_feed), with the fixed config fuzz.ini and
 * the 63-province list. The first byte picks the chunk size, so that buffer
 * edges fall everywhere.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "coopreport/config.h"
#include "coopreport/csv_reader.h"
#include "coopreport/provinces.h"
#include "coopreport/records.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct coop_config config;
static struct coop_province_list provinces;
static bool ready;

static int feed_row(const struct csv_row *row, void *context)
{
    return records_feed(context, row);
}

static void prepare(void)
{
    struct coop_diagnostics diagnostics;
    diag_init(&diagnostics, 0);
    if (config_load(COOP_SOURCE_DIR "/tests/fuzz/fuzz.ini", &config, &diagnostics) != 0 ||
        provinces_load(COOP_SOURCE_DIR "/data/provinces-63.csv", &provinces, &diagnostics) != 0) {
        diag_print(&diagnostics, stderr);
        abort();
    }
    diag_release(&diagnostics);
    ready = true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!ready)
        prepare();
    if (size == 0)
        return 0;
    size_t chunk = (size_t)data[0] % 64 + 1;
    bool one_province = data[0] & 0x80;
    data++;
    size--;
    struct records_options options = {
        .config = &config,
        .groups = chunk % 2 == 0,
        .provinces = &provinces,
        .province_code = one_province ? "27" : NULL,
    };
    struct coop_diagnostics diagnostics;
    struct coop_dataset dataset;
    diag_init(&diagnostics, 20);
    struct records_reader *reader = records_begin("fuzz.csv", &options, &dataset, &diagnostics);
    struct csv_reader *csv = reader ? csv_reader_new("fuzz.csv", 0, feed_row, reader, &diagnostics)
                                    : NULL;
    int status = csv ? 0 : COOP_EXIT_IO;
    for (size_t at = 0; status == 0 && at < size; at += chunk)
        status = csv_reader_feed(csv, data + at, size - at < chunk ? size - at : chunk);
    if (status == 0 && csv)
        status = csv_reader_finish(csv);
    csv_reader_free(csv);
    if (reader)
        records_finish(reader, status);
    records_release(&dataset);
    diag_release(&diagnostics);
    return 0;
}
