/*
 * text — UTF-8 helpers built on utf8proc: validation, matching keys, widths,
 * placeholders. Nothing here knows about cooperatives.
 */
#ifndef COOPREPORT_TEXT_H
#define COOPREPORT_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* True when the `length` bytes at `text` are valid UTF-8 with no NUL byte and
 * no U+FFFE or U+FFFF (noncharacters that XML, hence a workbook, cannot hold).
 * On failure, *bad_offset (if not NULL) receives the offset of the first bad byte. */
bool text_is_valid_utf8(const char *text, size_t length, size_t *bad_offset);

/* Whether the bytes at `text` (at least `available`) encode U+FFFE or U+FFFF:
 * valid UTF-8 that text_is_valid_utf8 refuses all the same. */
bool text_is_noncharacter(const char *text, size_t available);

/* The form used to compare labels typed by people: NFC, case folded, with
 * leading/trailing white space removed and inner runs of white space collapsed
 * to one space. Returns a new string the caller frees, or NULL when the input
 * is not valid UTF-8 or memory runs out. */
char *text_match_key(const char *text);

/* An ASCII slug: diacritics stripped (đ → d), lower case, runs of other
 * characters turned into one '-'. "Bắc Ninh" → "bac-ninh". Caller frees. */
char *text_slug(const char *text);

/* The Levenshtein distance between two strings, byte by byte (for ASCII
 * slugs); SIZE_MAX when memory runs out. */
size_t text_edit_distance(const char *a, const char *b);

/* Number of characters (code points) in valid UTF-8 text. */
size_t text_count_characters(const char *text);

/* A copy of text with leading and trailing ASCII white space removed. Caller frees. */
char *text_trim_copy(const char *text);

/* Cuts a UTF-8 sequence left incomplete at the end of text (snprintf into a
 * fixed buffer may stop inside a character): the rest stays valid UTF-8. */
void text_trim_incomplete_utf8(char *text);

/* strdup that returns NULL for a NULL argument. */
char *text_duplicate(const char *text);

/* A new string printf-style. NULL when out of memory. */
char *text_format(const char *format, ...) __attribute__((format(printf, 1, 2)));

/* Replaces every "{name}" in pattern by lookup(name). When lookup returns NULL
 * the placeholder is unknown: the function returns NULL and, if unknown_name is
 * not NULL, stores a copy of the name there (caller frees). "{{" and "}}" give
 * literal braces. Returns a new string the caller frees. */
typedef const char *(*text_lookup_function)(const char *name, void *context);
char *text_expand_placeholders(const char *pattern, text_lookup_function lookup,
                               void *context, char **unknown_name);

/* The folder part of path, newly allocated: "a/b.ini" → "a", "b.ini" → ".",
 * "/b.ini" → "/". NULL when out of memory. */
char *text_folder_of(const char *path);

#endif
