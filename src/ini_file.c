/*
 * ini_file — an INI file read with iniparser, checked key by key, with every
 * problem reported at its line. See ini_file.h.
 */
#include "coopreport/ini_file.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "coopreport/ini_position.h"
#include "coopreport/text.h"

/* iniparser reads each line into a buffer of this size, so no section or key
 * is longer. */
#define INI_LINE_MAX 1024

/* --- positions and errors --------------------------------------------------------- */

/* The line of a key that sits before any [section]; 0 when not found.
 * ini_locate_line only looks inside sections. */
static long ini_file_locate_top_key(const char *path, const char *key)
{
    FILE *stream = fopen(path, "r");
    if (!stream)
        return 0;
    char buffer[INI_LINE_MAX * 2];
    long line = 0, found = 0;
    size_t key_length = strlen(key);
    while (!found && fgets(buffer, sizeof buffer, stream)) {
        line++;
        char *text = buffer + strspn(buffer, " \t");
        if (*text == '[')
            break;
        char *equals = strchr(text, '=');
        if (!equals || *text == ';' || *text == '#')
            continue;
        while (equals > text && (equals[-1] == ' ' || equals[-1] == '\t'))
            equals--;
        if ((size_t)(equals - text) == key_length && strncasecmp(text, key, key_length) == 0)
            found = line;
    }
    fclose(stream);
    return found;
}

/* Every diagnostic carries a line: the key's, else its section header's, else
 * the first line (a missing section has no place of its own). */
static long ini_file_line(const struct ini_file *file, const char *section, const char *key)
{
    long line = 0;
    if (section && !*section && key)
        line = ini_file_locate_top_key(file->path, key);
    else if (section && key)
        line = ini_locate_line(file->path, section, key);
    if (!line && section && *section)
        line = ini_locate_line(file->path, section, NULL);
    return line ? line : 1;
}

void ini_file_error(struct ini_file *file, const char *section, const char *key,
                    const char *format, ...)
{
    va_list arguments;
    va_start(arguments, format);
    diag_report_va(file->diagnostics, DIAG_ERROR, file->path, ini_file_line(file, section, key),
                   0, NULL, format, arguments);
    va_end(arguments);
    if (file->status == 0)
        file->status = COOP_EXIT_USAGE;
}

/* Same line rule as ini_file_error; the status stays as it is. */
void ini_file_warning(struct ini_file *file, const char *section, const char *key,
                      const char *format, ...)
{
    va_list arguments;
    va_start(arguments, format);
    long line = ini_file_line(file, section, key);
    diag_report_va(file->diagnostics, DIAG_WARNING, file->path, line, 0, NULL, format, arguments);
    va_end(arguments);
}

/* An error at a line found by reading the file itself. */
static void ini_file_error_at(struct ini_file *file, long line, const char *format, ...)
    __attribute__((format(printf, 3, 4)));

static void ini_file_error_at(struct ini_file *file, long line, const char *format, ...)
{
    va_list arguments;
    va_start(arguments, format);
    diag_report_va(file->diagnostics, DIAG_ERROR, file->path, line, 0, NULL, format, arguments);
    va_end(arguments);
    if (file->status == 0)
        file->status = COOP_EXIT_USAGE;
}

void ini_file_out_of_memory(struct ini_file *file)
{
    if (file->status != COOP_EXIT_IO)
        diag_error(file->diagnostics, file->path, 0, 0, NULL, "out of memory");
    file->status = COOP_EXIT_IO;
}

/* --- loading ---------------------------------------------------------------------- */

/* iniparser's error callback is global and has no context pointer, so the
 * load in progress is kept here (hence ini_file_load is not reentrant). */
static struct coop_diagnostics *ini_syntax_diagnostics;
static const char *ini_syntax_path;

static int ini_file_syntax_error(const char *format, ...) __attribute__((format(printf, 1, 2)));

/* Turns "iniparser: syntax error in FILE (LINE):\n-> TEXT\n" into a diagnostic
 * at FILE:LINE. */
static int ini_file_syntax_error(const char *format, ...)
{
    char message[INI_LINE_MAX * 3];
    va_list arguments;
    va_start(arguments, format);
    vsnprintf(message, sizeof message, format, arguments);
    va_end(arguments);
    if (!ini_syntax_diagnostics)
        return 0;
    char *what = message;
    if (strncmp(what, "iniparser: ", strlen("iniparser: ")) == 0)
        what += strlen("iniparser: ");
    long line = 0;
    char *text = NULL;
    char *needle = text_format(" in %s (", ini_syntax_path);
    char *place = needle ? strstr(what, needle) : NULL;
    if (place) {
        line = strtol(place + strlen(needle), NULL, 10);
        *place = '\0';
        text = strstr(place + 1, "\n-> ");
        if (text)
            text += strlen("\n-> ");
    }
    free(needle);
    what[strcspn(what, "\n")] = '\0';
    if (text) {
        text[strcspn(text, "\r\n")] = '\0';
        diag_error(ini_syntax_diagnostics, ini_syntax_path, line, 0, NULL,
                   "%s: '%s' (expected [section], key = value or a ; comment)", what, text);
    } else {
        diag_error(ini_syntax_diagnostics, ini_syntax_path, line, 0, NULL, "%s", what);
    }
    return 0;
}

/* Reports and returns COOP_EXIT_IO when path cannot be read as a file:
 * iniparser would report a folder as an empty file. */
static int ini_file_probe(const char *path, const char *what,
                          struct coop_diagnostics *diagnostics)
{
    FILE *stream = fopen(path, "r");
    if (!stream) {
        diag_error(diagnostics, path, 0, 0, NULL, "cannot open the %s: %s", what,
                   strerror(errno));
        return COOP_EXIT_IO;
    }
    struct stat status;
    bool folder = fstat(fileno(stream), &status) == 0 && S_ISDIR(status.st_mode);
    fclose(stream);
    if (folder) {
        diag_error(diagnostics, path, 0, 0, NULL, "cannot open the %s: it is a folder", what);
        return COOP_EXIT_IO;
    }
    return 0;
}

/* iniparser ends an unquoted value at the first ';' or '#': "Trong đó; gồm"
 * becomes "Trong đó" without a word. A ';' or '#' right after a character
 * (not after a space, the way comments are written) and followed by more text
 * is almost surely meant as text: warn, with the line. */
static void ini_file_warn_cut_values(const char *path, struct coop_diagnostics *diagnostics)
{
    FILE *stream = fopen(path, "r");
    if (!stream)
        return;
    char *line = NULL;
    size_t capacity = 0;
    long number = 0;
    while (getline(&line, &capacity, stream) >= 0) {
        number++;
        const char *text = line + strspn(line, " \t");
        if (*text == ';' || *text == '#' || *text == '[')
            continue;
        const char *equals = strchr(text, '=');
        if (!equals)
            continue;
        const char *value = equals + 1 + strspn(equals + 1, " \t");
        if (*value == '"' || *value == '\'')
            continue;
        const char *mark = strpbrk(value, ";#");
        if (!mark || mark == value || mark[-1] == ' ' || mark[-1] == '\t')
            continue;
        const char *rest = mark + 1 + strspn(mark + 1, " \t\r\n");
        if (*rest)
            diag_warning(diagnostics, path, number, 0, NULL,
                         "the text from '%c' on is dropped (an unquoted '%c' starts a comment): "
                         "put the whole value in double quotes to keep it", *mark, *mark);
    }
    free(line);
    fclose(stream);
}

int ini_file_load(struct ini_file *file, const char *path, const char *what,
                  struct coop_diagnostics *diagnostics)
{
    memset(file, 0, sizeof *file);
    file->path = path;
    file->diagnostics = diagnostics;
    file->status = ini_file_probe(path, what, diagnostics);
    if (file->status != 0)
        return file->status;
    size_t errors_before = diagnostics->error_count;
    ini_syntax_diagnostics = diagnostics;
    ini_syntax_path = path;
    iniparser_set_error_callback(ini_file_syntax_error);
    file->ini = iniparser_load(path);
    iniparser_set_error_callback(NULL);
    ini_syntax_diagnostics = NULL;
    ini_syntax_path = NULL;
    if (file->ini && diagnostics->error_count == errors_before) {
        ini_file_warn_cut_values(path, diagnostics);
        return 0;
    }
    /* iniparser drops the whole dictionary after a syntax error: nothing more
     * can be checked until the file parses. */
    if (!file->ini && diagnostics->error_count == errors_before)
        diag_error(diagnostics, path, 0, 0, NULL, "cannot read the %s", what);
    ini_file_release(file);
    file->status = COOP_EXIT_USAGE;
    return file->status;
}

void ini_file_release(struct ini_file *file)
{
    if (!file)
        return;
    iniparser_freedict(file->ini);
    file->ini = NULL;
}

/* --- values ----------------------------------------------------------------------- */

const char *ini_file_get(const struct ini_file *file, const char *section, const char *key)
{
    char entry[INI_LINE_MAX * 2 + 2];
    snprintf(entry, sizeof entry, "%s:%s", section, key);
    return iniparser_getstring(file->ini, entry, NULL);
}

const char *ini_file_require(struct ini_file *file, const char *section, const char *key)
{
    const char *value = ini_file_get(file, section, key);
    if (!value)
        ini_file_error(file, section, key, "missing required key '%s' in [%s]", key, section);
    else if (!*value)
        ini_file_error(file, section, key, "[%s] %s: the value is empty", section, key);
    return value && *value ? value : NULL;
}

const char *ini_file_optional(const struct ini_file *file, const char *section, const char *key)
{
    const char *value = ini_file_get(file, section, key);
    return value && *value ? value : NULL;
}

/* --- suggestions ------------------------------------------------------------------ */

/* Optimal string alignment distance, ignoring ASCII case: "yaer" is one edit
 * from "year". Long words give SIZE_MAX: names are short. */
static size_t ini_distance(const char *a, const char *b)
{
    enum { LONGEST = 64 };
    size_t n = strlen(a), m = strlen(b);
    if (n > LONGEST || m > LONGEST)
        return SIZE_MAX;
    size_t rows[3][LONGEST + 1];
    size_t *before = rows[0], *previous = rows[1], *current = rows[2];
    for (size_t j = 0; j <= m; j++)
        previous[j] = j;
    for (size_t i = 1; i <= n; i++) {
        current[0] = i;
        for (size_t j = 1; j <= m; j++) {
            int ca = tolower((unsigned char)a[i - 1]), cb = tolower((unsigned char)b[j - 1]);
            size_t best = previous[j - 1] + (ca != cb);
            if (previous[j] + 1 < best)
                best = previous[j] + 1;
            if (current[j - 1] + 1 < best)
                best = current[j - 1] + 1;
            if (i > 1 && j > 1 && ca == tolower((unsigned char)b[j - 2]) &&
                tolower((unsigned char)a[i - 2]) == cb && before[j - 2] + 1 < best)
                best = before[j - 2] + 1;
            current[j] = best;
        }
        size_t *spare = before;
        before = previous;
        previous = current;
        current = spare;
    }
    return previous[m];
}

const char *ini_nearest_name(const char *word, const char *const *candidates, size_t count)
{
    const char *best = NULL;
    size_t best_distance = SIZE_MAX;
    for (size_t i = 0; i < count; i++) {
        /* Short names allow fewer edits, or every short name would be near. */
        size_t length = strlen(candidates[i]);
        size_t allowed = length <= 4 ? 1 : length <= 8 ? 2 : 3;
        size_t distance = ini_distance(word, candidates[i]);
        if (distance <= allowed && distance < best_distance) {
            best = candidates[i];
            best_distance = distance;
        }
    }
    return best;
}

const char *ini_join_names(const char *const *names, size_t count, char *buffer, size_t size)
{
    size_t used = 0;
    buffer[0] = '\0';
    for (size_t i = 0; i < count && used + 1 < size; i++) {
        int written = snprintf(buffer + used, size - used, "%s%s", i ? ", " : "", names[i]);
        if (written < 0)
            break;
        used += (size_t)written;
    }
    return buffer;
}

/* --- walking sections and keys ----------------------------------------------------- */

const char **ini_file_section_keys(struct ini_file *file, const char *section, size_t *count)
{
    *count = 0;
    int total = iniparser_getsecnkeys(file->ini, section);
    if (total <= 0)
        return NULL;
    const char **keys = calloc((size_t)total, sizeof *keys);
    if (!keys) {
        ini_file_out_of_memory(file);
        return NULL;
    }
    if (!iniparser_getseckeys(file->ini, section, keys)) {
        free(keys);
        return NULL;
    }
    /* iniparser counts a section "[rows:x]" as a key "x" of [rows], without a
     * value: it is no key (ini_file_check_entries reports the ':'). */
    size_t prefix = strlen(section) + 1, kept = 0;
    for (int i = 0; i < total; i++)
        if (iniparser_getstring(file->ini, keys[i], NULL))
            keys[kept++] = keys[i] + prefix;
    *count = kept;
    return keys;
}

void ini_file_unknown_key(struct ini_file *file, const char *section, const char *key,
                          const char *const *known, size_t count)
{
    const char *nearest = ini_nearest_name(key, known, count);
    char list[512];
    if (nearest)
        ini_file_error(file, section, key, "unknown key '%s' in [%s]; did you mean '%s'?", key,
                       section, nearest);
    else
        ini_file_error(file, section, key, "unknown key '%s' in [%s] (known keys: %s)", key,
                       section, ini_join_names(known, count, list, sizeof list));
}

void ini_file_check_keys(struct ini_file *file, const char *section,
                         const char *const *known, size_t count)
{
    size_t key_count;
    const char **keys = ini_file_section_keys(file, section, &key_count);
    for (size_t i = 0; i < key_count; i++) {
        size_t k = 0;
        while (k < count && strcmp(keys[i], known[k]) != 0)
            k++;
        if (k == count)
            ini_file_unknown_key(file, section, keys[i], known, count);
    }
    free(keys);
}

/* The section an entry of the dictionary belongs to: the longest section name
 * followed by ':' ("" for keys before any section). */
static const char *ini_file_section_of(const dictionary *ini, const char *entry)
{
    const char *best = "";
    size_t best_length = 0;
    for (ssize_t i = 0; i < ini->size; i++) {
        const char *name = ini->key[i];
        if (!name || ini->val[i])
            continue;
        size_t length = strlen(name);
        if (length > best_length && strncmp(entry, name, length) == 0 && entry[length] == ':') {
            best = name;
            best_length = length;
        }
    }
    return best;
}

/* A section or key seen by ini_file_check_lines. */
struct ini_seen {
    char *section;
    char *key;      /* NULL for the section header itself */
    long line;
};

static char *ini_file_lower_trimmed(const char *text, size_t length)
{
    while (length && (*text == ' ' || *text == '\t')) {
        text++;
        length--;
    }
    while (length && strchr(" \t\r\n", text[length - 1]))
        length--;
    char *copy = malloc(length + 1);
    if (!copy)
        return NULL;
    for (size_t i = 0; i < length; i++)
        copy[i] = (char)tolower((unsigned char)text[i]);
    copy[length] = '\0';
    return copy;
}

/* iniparser reads a value that starts with a quote up to the next quote and
 * drops the rest of the line: `aliases = "A, B", C` is read as `A, B`. The
 * text after the closing quote, unless a comment, is reported. */
static void ini_file_check_quoted_value(struct ini_file *file, long line, const char *value)
{
    value += strspn(value, " \t");
    if (*value != '"' && *value != '\'')
        return;
    const char *close = strchr(value + 1, *value);
    if (!close)
        return;
    const char *rest = close + 1 + strspn(close + 1, " \t");
    if (*rest && *rest != ';' && *rest != '#')
        ini_file_error_at(file, line, "the text after the closing quote, '%s', is dropped (a "
                          "value that starts with a quote ends at the next one): reorder the "
                          "value so that it does not start with a quote, or quote all of it",
                          rest);
}

/* What the dictionary cannot show, read from the file's lines. iniparser
 * keeps the last of two equal keys and merges two equal sections without a
 * word, so a key given twice would silently override the first: both are
 * reported, at the second's line. And text after a quoted value is lost. */
static void ini_file_check_lines(struct ini_file *file)
{
    FILE *stream = fopen(file->path, "r");
    if (!stream)
        return;
    struct ini_seen *seen = NULL;
    size_t count = 0, capacity = 0;
    char *buffer = NULL, *section = NULL;
    size_t buffer_size = 0;
    long line = 0;
    bool continued = false;
    ssize_t got;
    while ((got = getline(&buffer, &buffer_size, stream)) >= 0) {
        line++;
        size_t length = (size_t)got;
        while (length && strchr(" \t\r\n", buffer[length - 1]))
            length--;
        bool was_continued = continued;
        continued = length && buffer[length - 1] == '\\';
        if (was_continued)
            continue;   /* the rest of a value */
        size_t skip = strspn(buffer, " \t");
        if (skip >= length)
            continue;
        char *text = buffer + skip;
        length -= skip;
        if (*text == ';' || *text == '#')
            continue;
        char *name = NULL, *key = NULL;
        if (*text == '[') {
            char *end = memchr(text, ']', length);
            if (!end)
                continue;
            name = ini_file_lower_trimmed(text + 1, (size_t)(end - text - 1));
            if (!name)
                break;
            free(section);
            section = ini_file_lower_trimmed(name, strlen(name));
        } else {
            char *equals = memchr(text, '=', length);
            if (!equals)
                continue;
            text[length] = '\0';
            if (!continued)   /* iniparser joins a continued value first */
                ini_file_check_quoted_value(file, line, equals + 1);
            key = ini_file_lower_trimmed(text, (size_t)(equals - text));
            name = ini_file_lower_trimmed(section ? section : "", section ? strlen(section) : 0);
            if (!key || !name) {
                free(key);
                free(name);
                break;
            }
        }
        for (size_t i = 0; i < count; i++) {
            if (strcmp(seen[i].section, name) != 0 || (!seen[i].key) != (!key) ||
                (key && strcmp(seen[i].key, key) != 0))
                continue;
            if (key)
                ini_file_error_at(file, line, "key '%s' appears twice in [%s] (first on line "
                                  "%ld): remove one", key, name, seen[i].line);
            else
                ini_file_error_at(file, line, "section [%s] appears twice (first on line %ld): "
                                  "merge them", name, seen[i].line);
            break;
        }
        if (count == capacity) {
            size_t grown = capacity ? capacity * 2 : 64;
            struct ini_seen *more = realloc(seen, grown * sizeof *more);
            if (!more) {
                free(key);
                free(name);
                break;
            }
            seen = more;
            capacity = grown;
        }
        seen[count].section = name;
        seen[count].key = key;
        seen[count].line = line;
        count++;
    }
    for (size_t i = 0; i < count; i++) {
        free(seen[i].section);
        free(seen[i].key);
    }
    free(seen);
    free(section);
    free(buffer);
    fclose(stream);
}

/* The dictionary's arrays are read directly: nothing in iniparser's interface
 * lists every entry, and sections holding ':' are invisible to it. Sections
 * are the entries without a value (a key's value is at least ""). */
void ini_file_check_entries(struct ini_file *file)
{
    const dictionary *ini = file->ini;
    ini_file_check_lines(file);
    for (ssize_t i = 0; i < ini->size; i++) {
        const char *entry = ini->key[i];
        if (!entry)
            continue;
        if (!ini->val[i]) {
            if (strchr(entry, ':'))
                ini_file_error(file, entry, NULL, "unknown section [%s] (':' is not allowed in "
                               "section names)", entry);
            continue;
        }
        const char *section = ini_file_section_of(ini, entry);
        const char *key = entry + strlen(section) + 1;
        if (!*section)
            ini_file_error(file, "", key, "key '%s' is outside any section (keys go under a "
                           "[section] header)", key);
        const char *value = ini->val[i];
        if (!text_is_valid_utf8(value, strlen(value), NULL))
            ini_file_error(file, section, key, "[%s] %s: the value is not valid UTF-8 text "
                           "(or holds U+FFFE or U+FFFF, which no workbook can hold)", section, key);
    }
}
