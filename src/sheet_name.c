/*
 * sheet_name — the name Excel will take for a sheet. See
 * include/coopreport/sheet_name.h.
 *
 * Where a long label is cut: in Vietnamese a space separates syllables, not
 * words ("xã hội" is one word, "xã" alone means commune), so a cut at any
 * space may split a word. The cut is made, in this order of preference:
 * 1. at a phrase boundary (after ',', ';', ':', or before "và", "hoặc", "-",
 *    "–", "(") that keeps at least SHEET_NAME_PHRASE_CUT characters;
 * 2. at a space after an even number of syllables since the phrase began
 *    (most words have two syllables) — a phrase begins at the start, at a
 *    boundary of 1., and after a one-syllable function word ("của", "các",
 *    "trong"…), which never ends the name; "hợp tác xã", "tổ hợp tác" and
 *    "bất động sản" count as one two-syllable word;
 * 3. at the last space (never after a function word);
 * 4. within a word, as a last resort.
 */
#include "coopreport/sheet_name.h"

#include <stdio.h>
#include <string.h>

#include <utf8proc.h>

/* Excel's longest sheet name, in characters. */
#define SHEET_NAME_CHARACTERS 31
/* A phrase boundary is preferred when the name keeps this many characters. */
#define SHEET_NAME_PHRASE_CUT 15
/* A name cut shorter than this at a space is cut within its last word instead. */
#define SHEET_NAME_SHORTEST_CUT 12
/* Characters read past the longest name, to see the word after a cut. */
#define SHEET_NAME_LOOKAHEAD 8

/* One-syllable words that begin a phrase and never end a name. */
static const char *const FUNCTION_WORDS[] = {
    "và", "hoặc", "của", "các", "những", "trong", "cho", "với", "theo", "về", "từ", "tại",
    "trên", "để", "do", "bằng", "là", "được", "một", "số", "-", "–", NULL};

/* Three-syllable words kept whole (a cut inside leaves a word's half). */
static const char *const LONG_WORDS[] = {"hợp tác xã", "tổ hợp tác", "bất động sản", NULL};

struct sheet_name_text {
    char bytes[(SHEET_NAME_CHARACTERS + SHEET_NAME_LOOKAHEAD) * 4 + 1];
    size_t starts[SHEET_NAME_CHARACTERS + SHEET_NAME_LOOKAHEAD + 1];
    size_t characters;
};

static size_t sheet_name_utf8_length(unsigned char lead)
{
    return lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
}

/* Whether the syllable at byte `at` of text is `word` (lower case), whole,
 * in any case: "Số" and "số" alike. */
static bool sheet_name_word_at(const char *text, size_t at, const char *word)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)text + at;
    const utf8proc_uint8_t *w = (const utf8proc_uint8_t *)word;
    while (*w) {
        utf8proc_int32_t have, want;
        utf8proc_ssize_t used = utf8proc_iterate(p, -1, &have);
        utf8proc_ssize_t wanted = utf8proc_iterate(w, -1, &want);
        if (used <= 0 || wanted <= 0 || utf8proc_tolower(have) != want)
            return false;
        p += used;
        w += wanted;
    }
    return *p == ' ' || *p == '\0' || *p == ',' || *p == ';';
}

static bool sheet_name_is_function_word(const char *text, size_t at)
{
    for (size_t i = 0; FUNCTION_WORDS[i]; i++)
        if (sheet_name_word_at(text, at, FUNCTION_WORDS[i]))
            return true;
    return false;
}

/* Whether a phrase boundary is at the space that is character k. */
static bool sheet_name_phrase_boundary(const struct sheet_name_text *text, size_t k)
{
    size_t at = text->starts[k];
    if (k == 0 || text->bytes[at] != ' ')
        return false;
    /* ':' is written '-' (Excel forbids it): "Mục tiêu- …" ends a phrase too. */
    if (strchr(",;:-", text->bytes[at - 1]))
        return true;
    const char *next = text->bytes + at + 1;
    return *next == '(' || sheet_name_word_at(text->bytes, at + 1, "và") ||
           sheet_name_word_at(text->bytes, at + 1, "hoặc") ||
           sheet_name_word_at(text->bytes, at + 1, "-") ||
           sheet_name_word_at(text->bytes, at + 1, "–");
}

/* The number of characters to keep (at most `keep`) before the "…". */
static size_t sheet_name_choose_cut(const struct sheet_name_text *text, size_t keep)
{
    for (size_t k = keep; k >= SHEET_NAME_PHRASE_CUT; k--)
        if (k < text->characters && sheet_name_phrase_boundary(text, k))
            return k;
    /* The syllables, as ranges of characters [first, end). */
    size_t firsts[SHEET_NAME_CHARACTERS + SHEET_NAME_LOOKAHEAD];
    size_t ends[SHEET_NAME_CHARACTERS + SHEET_NAME_LOOKAHEAD];
    size_t syllables = 0;
    for (size_t k = 0; k < text->characters; k++) {
        bool space = text->bytes[text->starts[k]] == ' ';
        if (!space && (k == 0 || text->bytes[text->starts[k - 1]] == ' '))
            firsts[syllables] = k;
        if (!space && (k + 1 == text->characters || text->bytes[text->starts[k + 1]] == ' '))
            ends[syllables++] = k + 1;
    }
    /* Syllables counted from each phrase's start: a cut after an even count
     * is "paired", after any other word merely "any". */
    size_t paired = 0, any = 0, count = 0;
    for (size_t i = 0; i < syllables;) {
        size_t first = firsts[i];
        if (first > 0 && sheet_name_phrase_boundary(text, first - 1))
            count = 0;
        size_t span = 1;
        for (size_t w = 0; LONG_WORDS[w] && i + 2 < syllables; w++)
            if (sheet_name_word_at(text->bytes, text->starts[first], LONG_WORDS[w]))
                span = 3;
        size_t end = ends[i + span - 1];
        if (end > keep)
            break;
        if (sheet_name_is_function_word(text->bytes, text->starts[first])) {
            count = 0;
        } else {
            count += span == 3 ? 2 : 1;
            if (end >= SHEET_NAME_SHORTEST_CUT) {
                any = end;
                if (count % 2 == 0)
                    paired = end;
            }
        }
        i += span;
    }
    if (paired)
        return paired;
    return any ? any : keep;
}

bool sheet_name_make_within(const char *wanted, size_t most, char *name, size_t size)
{
    if (most > SHEET_NAME_CHARACTERS)
        most = SHEET_NAME_CHARACTERS;
    if (most < SHEET_NAME_SHORTEST_CUT)
        most = SHEET_NAME_SHORTEST_CUT;
    struct sheet_name_text text = {{0}, {0}, 0};
    size_t out = 0;
    const unsigned char *p = (const unsigned char *)wanted;
    while (*p && text.characters < most + SHEET_NAME_LOOKAHEAD) {
        size_t length = sheet_name_utf8_length(*p);
        text.starts[text.characters++] = out;
        if (length == 1 && (strchr("[]:*?/\\", *p) || *p < 0x20)) {
            text.bytes[out++] = *p < 0x20 ? ' ' : '-';
        } else {
            /* A sequence cut short by the end of the text (invalid UTF-8,
             * which the config reports) advances only over what is there. */
            size_t copied = 0;
            while (copied < length && p[copied])
                text.bytes[out++] = (char)p[copied++];
            length = copied;
        }
        p += length;
    }
    text.starts[text.characters] = out;
    text.bytes[out] = '\0';
    bool cut = text.characters > most;
    size_t keep = text.characters;
    if (cut)
        keep = sheet_name_choose_cut(&text, most - 1);
    out = text.starts[keep];
    if (cut)
        while (out && strchr(" ,;.-", text.bytes[out - 1]))
            out--;
    if (out + 4 > size)
        out = 0;
    memcpy(name, text.bytes, out);
    if (cut) {
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

bool sheet_name_make(const char *wanted, char *name, size_t size)
{
    return sheet_name_make_within(wanted, SHEET_NAME_CHARACTERS, name, size);
}
