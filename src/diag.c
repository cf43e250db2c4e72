/*
 * diag — diagnostics that carry their position. See diag.h.
 */
#include "coopreport/diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void diag_init(struct coop_diagnostics *list, size_t limit)
{
    memset(list, 0, sizeof *list);
    list->limit = limit;
}

static void diag_free_item(struct coop_diagnostic *item)
{
    free(item->file);
    free(item->field);
    free(item->message);
}

void diag_release(struct coop_diagnostics *list)
{
    if (!list)
        return;
    for (size_t i = 0; i < list->count; i++)
        diag_free_item(&list->items[i]);
    free(list->items);
    size_t limit = list->limit;
    diag_init(list, limit);
}

static char *diag_copy(const char *text)
{
    if (!text)
        return NULL;
    size_t length = strlen(text);
    char *copy = malloc(length + 1);
    if (copy)
        memcpy(copy, text, length + 1);
    return copy;
}

static void diag_count(struct coop_diagnostics *list, enum diag_severity severity)
{
    if (severity == DIAG_ERROR)
        list->error_count++;
    else if (severity == DIAG_WARNING)
        list->warning_count++;
}

static int diag_reserve(struct coop_diagnostics *list)
{
    if (list->count < list->capacity)
        return 0;
    size_t capacity = list->capacity ? list->capacity * 2 : 16;
    struct coop_diagnostic *items = realloc(list->items, capacity * sizeof *items);
    if (!items)
        return -1;
    list->items = items;
    list->capacity = capacity;
    return 0;
}

void diag_report_va(struct coop_diagnostics *list, enum diag_severity severity,
                    const char *file, long line, long column, const char *field,
                    const char *format, va_list arguments)
{
    diag_count(list, severity);
    /* Notes are never dropped: they explain the outcome of the errors. */
    if (list->limit && list->count >= list->limit && severity != DIAG_NOTE) {
        list->dropped++;
        return;
    }
    char *message = NULL;
    va_list copy;
    va_copy(copy, arguments);
    int length = vsnprintf(NULL, 0, format, copy);
    va_end(copy);
    if (length >= 0 && (message = malloc((size_t)length + 1)))
        vsnprintf(message, (size_t)length + 1, format, arguments);
    if (!message || diag_reserve(list) != 0) {
        free(message);
        list->dropped++;
        return;
    }
    struct coop_diagnostic *item = &list->items[list->count++];
    item->severity = severity;
    item->file = diag_copy(file);
    item->line = line;
    item->column = column;
    item->field = diag_copy(field);
    item->message = message;
}

void diag_report(struct coop_diagnostics *list, enum diag_severity severity,
                 const char *file, long line, long column, const char *field,
                 const char *format, ...)
{
    va_list arguments;
    va_start(arguments, format);
    diag_report_va(list, severity, file, line, column, field, format, arguments);
    va_end(arguments);
}

static const char *diag_severity_name(enum diag_severity severity)
{
    switch (severity) {
    case DIAG_ERROR: return "error";
    case DIAG_WARNING: return "warning";
    case DIAG_NOTE: return "note";
    }
    return "error";
}

char *diag_format(const struct coop_diagnostic *item)
{
    char position[64] = "";
    if (item->line > 0 && item->column > 0)
        snprintf(position, sizeof position, ":%ld:%ld", item->line, item->column);
    else if (item->line > 0)
        snprintf(position, sizeof position, ":%ld", item->line);
    const char *file = item->file ? item->file : "coopreport";
    const char *severity = diag_severity_name(item->severity);
    const char *message = item->message ? item->message : "";
    int length;
    if (item->field)
        length = snprintf(NULL, 0, "%s%s: %s: field '%s': %s", file, position, severity,
                          item->field, message);
    else
        length = snprintf(NULL, 0, "%s%s: %s: %s", file, position, severity, message);
    if (length < 0)
        return NULL;
    char *text = malloc((size_t)length + 1);
    if (!text)
        return NULL;
    if (item->field)
        snprintf(text, (size_t)length + 1, "%s%s: %s: field '%s': %s", file, position,
                 severity, item->field, message);
    else
        snprintf(text, (size_t)length + 1, "%s%s: %s: %s", file, position, severity, message);
    return text;
}

void diag_print(const struct coop_diagnostics *list, FILE *out)
{
    for (size_t i = 0; i < list->count; i++) {
        char *text = diag_format(&list->items[i]);
        if (text)
            fprintf(out, "%s\n", text);
        free(text);
    }
    if (list->dropped)
        fprintf(out, "coopreport: %zu more problem%s not shown\n", list->dropped,
                list->dropped == 1 ? "" : "s");
}

void diag_append(struct coop_diagnostics *to, struct coop_diagnostics *from)
{
    for (size_t i = 0; i < from->count; i++) {
        struct coop_diagnostic *item = &from->items[i];
        if ((to->limit && to->count >= to->limit) || diag_reserve(to) != 0) {
            to->dropped++;
            diag_free_item(item);
            continue;
        }
        to->items[to->count++] = *item;
    }
    /* from's counts already include its stored and its dropped items. */
    to->dropped += from->dropped;
    to->error_count += from->error_count;
    to->warning_count += from->warning_count;
    free(from->items);
    size_t limit = from->limit;
    diag_init(from, limit);
}
