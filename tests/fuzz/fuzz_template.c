/*
 * libFuzzer harness: the template reader (template_load) on a file holding the
 * bytes, since iniparser reads files only.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "coopreport/template.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char path[64];
    if (!path[0])
        snprintf(path, sizeof path, "/tmp/coopreport-fuzz-template-%ld.ini", (long)getpid());
    FILE *file = fopen(path, "wb");
    if (!file)
        abort();
    if (size && fwrite(data, size, 1, file) != 1)
        abort();
    fclose(file);
    struct coop_diagnostics diagnostics;
    struct coop_template loaded;
    diag_init(&diagnostics, 20);
    if (template_load(path, &loaded, &diagnostics) == 0)
        template_release(&loaded);
    diag_release(&diagnostics);
    unlink(path);
    return 0;
}
