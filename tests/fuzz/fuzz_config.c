/*
 * libFuzzer harness: the config reader (config_load) on a file holding the
 * bytes, since iniparser reads files only.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "coopreport/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char path[64];
    if (!path[0])
        snprintf(path, sizeof path, "/tmp/coopreport-fuzz-config-%ld.ini", (long)getpid());
    FILE *file = fopen(path, "wb");
    if (!file)
        abort();
    if (size && fwrite(data, size, 1, file) != 1)
        abort();
    fclose(file);
    struct coop_diagnostics diagnostics;
    struct coop_config loaded;
    diag_init(&diagnostics, 20);
    if (config_load(path, &loaded, &diagnostics) == 0)
        config_release(&loaded);
    diag_release(&diagnostics);
    unlink(path);
    return 0;
}
