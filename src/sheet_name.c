/*
 * sheet_name — the name Excel will take for a sheet. See
 * include/coopreport/sheet_name.h.
 */
#include "coopreport/sheet_name.h"

#include <stdio.h>
#include <string.h>

/* Excel's longest sheet name, in characters. */
#define SHEET_NAME_CHARACTERS 31
/* A name cut shorter than this at a space is cut within its last word instead. */
#define SHEET_NAME_SHORTEST_CUT 12

bool sheet_name_make(const char *wanted, char *name, size_t size)
{
    size_t out = 0, characters = 0, starts[SHEET_NAME_CHARACTERS + 1];
    const unsigned char *p = (const unsigned char *)wanted;
    while (*p && characters < SHEET_NAME_CHARACTERS) {
        size_t length = 1;
        if (*p >= 0xF0)
            length = 4;
        else if (*p >= 0xE0)
            length = 3;
        else if (*p >= 0xC0)
            length = 2;
        if (out + length >= size)
            break;
        starts[characters++] = out;
        if (length == 1 && (strchr("[]:*?/\\", *p) || *p < 0x20)) {
            name[out++] = *p < 0x20 ? ' ' : '-';
        } else {
            for (size_t i = 0; i < length && p[i]; i++)
                name[out++] = (char)p[i];
        }
        p += length;
    }
    starts[characters] = out;
    bool cut = *p != '\0';
    if (cut) {
        /* 30 characters and the mark: at the last space among them, or
         * right after them when a space follows. */
        size_t keep = SHEET_NAME_CHARACTERS - 1;
        for (size_t k = keep; k >= SHEET_NAME_SHORTEST_CUT; k--)
            if (name[starts[k]] == ' ') {
                keep = k;
                break;
            }
        out = starts[keep];
        while (out && strchr(" ,;.-", name[out - 1]))
            out--;
        memcpy(name + out, "\xE2\x80\xA6", 3);   /* "…", which Excel allows */
        out += 3;
    }
    name[out] = '\0';
    /* Excel refuses a name that starts or ends with an apostrophe, or is blank. */
    while (out && (name[out - 1] == '\'' || name[out - 1] == ' '))
        name[--out] = '\0';
    size_t start = 0;
    while (name[start] == '\'' || name[start] == ' ')
        start++;
    memmove(name, name + start, out - start + 1);
    if (!*name)
        snprintf(name, size, "Sheet");
    return cut;
}

