/*
 * ini_position — where a section or key sits in an INI file. See ini_position.h.
 */
#include "coopreport/ini_position.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static char *ini_trim(char *text)
{
    while (*text == ' ' || *text == '\t')
        text++;
    size_t length = strlen(text);
    while (length && strchr(" \t\r\n", text[length - 1]))
        text[--length] = '\0';
    return text;
}

long ini_locate_line(const char *path, const char *section, const char *key)
{
    if (!path || !section)
        return 0;
    FILE *file = fopen(path, "r");
    if (!file)
        return 0;
    char buffer[4096];
    long line = 0, found = 0;
    bool inside = false;
    while (!found && fgets(buffer, sizeof buffer, file)) {
        line++;
        char *text = ini_trim(buffer);
        if (*text == '[') {
            char *end = strchr(text, ']');
            if (!end)
                continue;
            *end = '\0';
            inside = strcasecmp(ini_trim(text + 1), section) == 0;
            if (inside && !key)
                found = line;
            continue;
        }
        if (!inside || !key || *text == ';' || *text == '#')
            continue;
        char *equals = strchr(text, '=');
        if (!equals)
            continue;
        *equals = '\0';
        if (strcasecmp(ini_trim(text), key) == 0)
            found = line;
    }
    fclose(file);
    return found;
}
