/*
 * text — UTF-8 helpers built on utf8proc. See include/coopreport/text.h.
 */
#include "coopreport/text.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

/* Length of the valid UTF-8 sequence starting at bytes[0], or 0 when it is
 * not one. The ranges are those of RFC 3629 §4, which exclude overlong forms,
 * UTF-16 surrogates (U+D800..U+DFFF) and code points above U+10FFFF. */
static size_t text_sequence_length(const unsigned char *bytes, size_t available)
{
    unsigned char lead = bytes[0];
    unsigned char low = 0x80, high = 0xBF;
    size_t length;

    if (lead == 0x00)
        return 0;   /* NUL would cut C strings short downstream */
    if (lead < 0x80)
        return 1;
    if (lead >= 0xC2 && lead <= 0xDF)
        length = 2;
    else if (lead >= 0xE0 && lead <= 0xEF)
        length = 3;
    else if (lead >= 0xF0 && lead <= 0xF4)
        length = 4;
    else
        return 0;   /* continuation byte, C0/C1 (always overlong) or F5..FF */

    if (lead == 0xE0)
        low = 0xA0;          /* below is overlong */
    else if (lead == 0xED)
        high = 0x9F;         /* above are surrogates */
    else if (lead == 0xF0)
        low = 0x90;          /* below is overlong */
    else if (lead == 0xF4)
        high = 0x8F;         /* above is beyond U+10FFFF */

    if (available < length)
        return 0;
    if (bytes[1] < low || bytes[1] > high)
        return 0;
    for (size_t i = 2; i < length; i++)
        if (bytes[i] < 0x80 || bytes[i] > 0xBF)
            return 0;
    if (text_is_noncharacter((const char *)bytes, available))
        return 0;
    return length;
}

void text_trim_incomplete_utf8(char *text)
{
    size_t length = strlen(text);
    size_t lead = length;
    while (lead > 0 && length - lead < 4 && ((unsigned char)text[lead - 1] & 0xC0) == 0x80)
        lead--;
    if (lead == 0)
        return;
    lead--;   /* the byte before the continuation bytes: the sequence's lead */
    unsigned char byte = (unsigned char)text[lead];
    size_t expected = byte < 0x80 ? 1 : (byte >> 5) == 6 ? 2 : (byte >> 4) == 14 ? 3
                    : (byte >> 3) == 30 ? 4 : 1;
    if (length - lead < expected)
        text[lead] = '\0';
}

bool text_is_noncharacter(const char *text, size_t available)
{
    const unsigned char *bytes = (const unsigned char *)text;
    return available >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBF &&
           (bytes[2] == 0xBE || bytes[2] == 0xBF);
}

bool text_is_valid_utf8(const char *text, size_t length, size_t *bad_offset)
{
    const unsigned char *bytes = (const unsigned char *)text;
    size_t offset = 0;

    while (offset < length) {
        size_t step = text_sequence_length(bytes + offset, length - offset);
        if (step == 0) {
            if (bad_offset)
                *bad_offset = offset;
            return false;
        }
        offset += step;
    }
    return true;
}

/* White space for label matching: ASCII white space plus Unicode separators,
 * because spreadsheets export no-break spaces (U+00A0) between words. */
static bool text_is_space(utf8proc_int32_t code_point)
{
    if (code_point == ' ' || (code_point >= '\t' && code_point <= '\r') || code_point == 0x85)
        return true;
    switch (utf8proc_category(code_point)) {
    case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
        return true;
    default:
        return false;
    }
}

char *text_match_key(const char *text)
{
    utf8proc_uint8_t *mapped = NULL;
    utf8proc_ssize_t mapped_length;
    char *key;
    size_t out = 0;
    bool pending_space = false;

    if (!text || !text_is_valid_utf8(text, strlen(text), NULL))
        return NULL;
    mapped_length = utf8proc_map((const utf8proc_uint8_t *)text, (utf8proc_ssize_t)strlen(text),
                                 &mapped, UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
    if (mapped_length < 0)
        return NULL;

    /* Collapsing only shrinks the text, so the mapped size is enough. */
    key = malloc((size_t)mapped_length + 1);
    if (!key) {
        free(mapped);
        return NULL;
    }
    for (utf8proc_ssize_t i = 0; i < mapped_length;) {
        utf8proc_int32_t code_point;
        utf8proc_ssize_t step = utf8proc_iterate(mapped + i, mapped_length - i, &code_point);
        if (step <= 0)
            break;   /* cannot happen: utf8proc_map wrote valid UTF-8 */
        if (text_is_space(code_point)) {
            pending_space = out > 0;   /* leading white space is dropped */
        } else {
            if (pending_space)
                key[out++] = ' ';
            pending_space = false;
            memcpy(key + out, mapped + i, (size_t)step);
            out += (size_t)step;
        }
        i += step;
    }
    key[out] = '\0';
    free(mapped);
    return key;
}

char *text_slug(const char *text)
{
    utf8proc_uint8_t *mapped = NULL;
    utf8proc_ssize_t mapped_length;
    char *slug;
    size_t out = 0;
    bool pending_dash = false;

    if (!text || !text_is_valid_utf8(text, strlen(text), NULL))
        return NULL;
    /* Decomposing first lets STRIPMARK drop the accents (ắ → a); đ has no
     * decomposition in Unicode and is mapped by hand below. */
    mapped_length = utf8proc_map((const utf8proc_uint8_t *)text, (utf8proc_ssize_t)strlen(text),
                                 &mapped, UTF8PROC_STABLE | UTF8PROC_DECOMPOSE |
                                 UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD);
    if (mapped_length < 0)
        return NULL;

    /* Every kept code point becomes at most one byte. */
    slug = malloc((size_t)mapped_length + 1);
    if (!slug) {
        free(mapped);
        return NULL;
    }
    for (utf8proc_ssize_t i = 0; i < mapped_length;) {
        utf8proc_int32_t code_point;
        utf8proc_ssize_t step = utf8proc_iterate(mapped + i, mapped_length - i, &code_point);
        char ascii = 0;
        if (step <= 0)
            break;
        if (code_point == 0x0111 || code_point == 0x0110)   /* đ, Đ */
            ascii = 'd';
        else if ((code_point >= 'a' && code_point <= 'z') || (code_point >= '0' && code_point <= '9'))
            ascii = (char)code_point;
        else if (code_point >= 'A' && code_point <= 'Z')
            ascii = (char)(code_point - 'A' + 'a');
        if (ascii) {
            if (pending_dash)
                slug[out++] = '-';
            pending_dash = false;
            slug[out++] = ascii;
        } else {
            pending_dash = out > 0;   /* no leading dash */
        }
        i += step;
    }
    slug[out] = '\0';
    free(mapped);
    return slug;
}

size_t text_edit_distance(const char *a, const char *b)
{
    size_t length_b = strlen(b);
    size_t *row = calloc(2 * (length_b + 1), sizeof *row);
    if (!row)
        return SIZE_MAX;
    size_t *previous = row, *current = row + length_b + 1;
    for (size_t j = 0; j <= length_b; j++)
        previous[j] = j;
    for (const char *p = a; *p; p++) {
        current[0] = previous[0] + 1;
        for (size_t j = 1; j <= length_b; j++) {
            size_t change = previous[j - 1] + (*p != b[j - 1]);
            size_t insert = current[j - 1] + 1, remove = previous[j] + 1;
            current[j] = change < insert ? (change < remove ? change : remove)
                                         : (insert < remove ? insert : remove);
        }
        size_t *swap = previous;
        previous = current;
        current = swap;
    }
    size_t distance = previous[length_b];
    free(row);
    return distance;
}

size_t text_count_characters(const char *text)
{
    size_t count = 0;

    if (!text)
        return 0;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        if ((*p & 0xC0) != 0x80)   /* every byte but a continuation starts a character */
            count++;
    return count;
}

static bool text_is_ascii_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

char *text_trim_copy(const char *text)
{
    size_t start = 0, end;
    char *copy;

    if (!text)
        return NULL;
    end = strlen(text);
    while (start < end && text_is_ascii_space(text[start]))
        start++;
    while (end > start && text_is_ascii_space(text[end - 1]))
        end--;
    copy = malloc(end - start + 1);
    if (!copy)
        return NULL;
    memcpy(copy, text + start, end - start);
    copy[end - start] = '\0';
    return copy;
}

char *text_duplicate(const char *text)
{
    size_t length;
    char *copy;

    if (!text)
        return NULL;
    length = strlen(text);
    copy = malloc(length + 1);
    if (copy)
        memcpy(copy, text, length + 1);
    return copy;
}

char *text_format(const char *format, ...)
{
    va_list arguments;
    int length;
    char *result;

    va_start(arguments, format);
    length = vsnprintf(NULL, 0, format, arguments);
    va_end(arguments);
    if (length < 0)
        return NULL;
    result = malloc((size_t)length + 1);
    if (!result)
        return NULL;
    va_start(arguments, format);
    vsnprintf(result, (size_t)length + 1, format, arguments);
    va_end(arguments);
    return result;
}

/* A growable string for text_expand_placeholders. */
struct text_builder {
    char *data;
    size_t length;
    size_t capacity;
    bool failed;
};

static void text_builder_add(struct text_builder *builder, const char *bytes, size_t count)
{
    if (builder->failed)
        return;
    if (builder->length + count + 1 > builder->capacity) {
        size_t capacity = builder->capacity ? builder->capacity : 64;
        char *grown;
        while (capacity < builder->length + count + 1)
            capacity *= 2;
        grown = realloc(builder->data, capacity);
        if (!grown) {
            builder->failed = true;
            return;
        }
        builder->data = grown;
        builder->capacity = capacity;
    }
    memcpy(builder->data + builder->length, bytes, count);
    builder->length += count;
    builder->data[builder->length] = '\0';
}

/* Stores a copy of `length` bytes of name in *unknown_name when asked. */
static void text_store_unknown(char **unknown_name, const char *name, size_t length)
{
    if (!unknown_name)
        return;
    *unknown_name = malloc(length + 1);
    if (*unknown_name) {
        memcpy(*unknown_name, name, length);
        (*unknown_name)[length] = '\0';
    }
}

char *text_expand_placeholders(const char *pattern, text_lookup_function lookup,
                               void *context, char **unknown_name)
{
    struct text_builder builder = {NULL, 0, 0, false};
    const char *p = pattern;

    if (unknown_name)
        *unknown_name = NULL;
    if (!pattern)
        return NULL;
    text_builder_add(&builder, "", 0);   /* an empty pattern gives "" */
    while (*p && !builder.failed) {
        if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}')) {
            text_builder_add(&builder, p, 1);
            p += 2;
        } else if (p[0] == '{') {
            const char *close = strchr(p + 1, '}');
            char *name;
            const char *value;
            if (!close) {
                /* "{name" never closed: a typo that must not pass silently;
                 * the rest of the pattern is given back as the name. */
                text_store_unknown(unknown_name, p + 1, strlen(p + 1));
                free(builder.data);
                return NULL;
            }
            name = malloc((size_t)(close - p));
            if (!name) {
                builder.failed = true;
                break;
            }
            memcpy(name, p + 1, (size_t)(close - p - 1));
            name[close - p - 1] = '\0';
            value = lookup ? lookup(name, context) : NULL;
            if (!value) {
                if (unknown_name)
                    *unknown_name = name;
                else
                    free(name);
                free(builder.data);
                return NULL;
            }
            free(name);
            text_builder_add(&builder, value, strlen(value));
            p = close + 1;
        } else {
            size_t run = strcspn(p, "{}");
            if (run == 0)
                run = 1;   /* a lone '}' is kept as it is */
            text_builder_add(&builder, p, run);
            p += run;
        }
    }
    if (builder.failed) {
        free(builder.data);
        return NULL;
    }
    return builder.data;
}

char *text_folder_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return text_duplicate(".");
    return text_format("%.*s", slash == path ? 1 : (int)(slash - path), path);
}
