/*
 * Unit tests for csv_reader. Every input is fed at every chunk size from 1 to
 * its length (as libcsv's own test_csv.c does), so that no buffer edge — in the
 * BOM check, the delimiter detection, libcsv or the line counting — can hide.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coopreport/csv_reader.h"

/* Rows as text: "L<line>#<index>:field|field\n", with \n, \r, \t, NUL and |
 * escaped, so that a whole run compares with one string. */
struct collected {
    char text[65536];
    size_t length;
    size_t stop_at_index;   /* return stop_value at this row; SIZE_MAX = never */
    int stop_value;
    size_t rows;
};

static void collected_add(struct collected *out, const char *text, size_t length)
{
    assert_true(out->length + length < sizeof out->text);
    memcpy(out->text + out->length, text, length);
    out->length += length;
    out->text[out->length] = '\0';
}

static int collect_row(const struct csv_row *row, void *context)
{
    struct collected *out = context;
    char head[64];

    snprintf(head, sizeof head, "L%ld#%zu:", row->line, row->index);
    collected_add(out, head, strlen(head));
    for (size_t i = 0; i < row->count; i++) {
        assert_int_equal(row->fields[i][row->lengths[i]], '\0');
        if (i > 0)
            collected_add(out, "|", 1);
        for (size_t j = 0; j < row->lengths[i]; j++) {
            char c = row->fields[i][j];
            switch (c) {
            case '\n': collected_add(out, "\\n", 2); break;
            case '\r': collected_add(out, "\\r", 2); break;
            case '\t': collected_add(out, "\\t", 2); break;
            case '\0': collected_add(out, "\\0", 2); break;
            case '|': collected_add(out, "\\|", 2); break;
            default: collected_add(out, &c, 1); break;
            }
        }
    }
    if (row->error) {
        char error[160];
        snprintf(error, sizeof error, "!%ld:%s", row->error_column, row->error);
        collected_add(out, error, strlen(error));
    }
    collected_add(out, "\n", 1);
    out->rows++;
    if (row->index == out->stop_at_index)
        return out->stop_value;
    return 0;
}

struct expectation {
    const char *rows;         /* collected text */
    int result;               /* of finish (or of the feed that stopped) */
    char delimiter;           /* after finish */
    long lines;               /* csv_reader_line_count after finish */
    const char *diagnostics;  /* formatted, one per line; "" when none */
};

static void diagnostics_text(const struct coop_diagnostics *list, char *text, size_t size)
{
    size_t used = 0;
    text[0] = '\0';
    for (size_t i = 0; i < list->count; i++) {
        char *line = diag_format(&list->items[i]);
        assert_non_null(line);
        used += (size_t)snprintf(text + used, size - used, "%s\n", line);
        assert_true(used < size);
        free(line);
    }
}

/* Feeds input in chunks of chunk bytes and checks everything against expect. */
static void run_chunked(const char *input, size_t length, size_t chunk, char delimiter,
                        const struct expectation *expect, size_t stop_at_index)
{
    static struct collected out;
    struct coop_diagnostics diagnostics;
    struct csv_reader *reader;
    char diag_text[1024];
    int result = 0;

    memset(&out, 0, sizeof out);
    out.stop_at_index = stop_at_index;
    out.stop_value = 7;
    diag_init(&diagnostics, 0);
    reader = csv_reader_new("t.csv", delimiter, collect_row, &out, &diagnostics);
    assert_non_null(reader);
    for (size_t at = 0; at < length && result == 0; at += chunk) {
        size_t piece = length - at < chunk ? length - at : chunk;
        result = csv_reader_feed(reader, input + at, piece);
    }
    if (result == 0)
        result = csv_reader_finish(reader);
    else
        assert_int_equal(csv_reader_feed(reader, "x\n", 2), result);   /* stays stopped */

    if (strcmp(out.text, expect->rows) != 0)
        fail_msg("chunk %zu: rows\n%s\nexpected\n%s", chunk, out.text, expect->rows);
    assert_int_equal(result, expect->result);
    if (expect->result == 0) {
        assert_int_equal(csv_reader_delimiter(reader), expect->delimiter);
        assert_int_equal(csv_reader_line_count(reader), expect->lines);
    }
    diagnostics_text(&diagnostics, diag_text, sizeof diag_text);
    if (strcmp(diag_text, expect->diagnostics) != 0)
        fail_msg("chunk %zu: diagnostics '%s', expected '%s'", chunk, diag_text,
                 expect->diagnostics);
    csv_reader_free(reader);
    diag_release(&diagnostics);
}

static void run_every_chunk(const char *input, size_t length, char delimiter,
                            const struct expectation *expect)
{
    for (size_t chunk = 1; chunk <= length; chunk++)
        run_chunked(input, length, chunk, delimiter, expect, SIZE_MAX);
    if (length == 0)
        run_chunked(input, 0, 1, delimiter, expect, SIZE_MAX);
}

#define RUN(input, delimiter, ...)                                                 \
    do {                                                                           \
        const struct expectation expect_ = __VA_ARGS__;                            \
        run_every_chunk((input), sizeof(input) - 1, (delimiter), &expect_);        \
    } while (0)

static void test_comma_rows_and_lines(void **state)
{
    (void)state;
    RUN("id,name\n1,An\n2,Bình\n", ',',
        {"L1#0:id|name\nL2#1:1|An\nL3#2:2|Bình\n", 0, ',', 3, ""});
}

static void test_semicolon_and_tab_given(void **state)
{
    (void)state;
    RUN("id;name\n1;a,b\n", ';', {"L1#0:id|name\nL2#1:1|a,b\n", 0, ';', 2, ""});
    RUN("id\tname\n1\ta;b\n", '\t', {"L1#0:id|name\nL2#1:1|a;b\n", 0, '\t', 2, ""});
    /* Empty fields between tabs are fields, not white space to skip. */
    RUN("a\t\tb\n\t\n", '\t', {"L1#0:a||b\nL2#1:|\n", 0, '\t', 2, ""});
}

static void test_detects_delimiter(void **state)
{
    (void)state;
    /* The commas inside quotes do not count. */
    RUN("\"a,b,c\";x;y\n1;2;3\n", 0, {"L1#0:a,b,c|x|y\nL2#1:1|2|3\n", 0, ';', 2, ""});
    RUN("id\tname\tnote\n1\tAn\ta,b\n", 0,
        {"L1#0:id|name|note\nL2#1:1|An|a,b\n", 0, '\t', 2, ""});
    RUN("id,name;x,y\n1,2;3,4\n", 0, {"L1#0:id|name;x|y\nL2#1:1|2;3|4\n", 0, ',', 2, ""});
    /* None in the header: ','. */
    RUN("id\n1\n", 0, {"L1#0:id\nL2#1:1\n", 0, ',', 2, ""});
    /* Header without a line end: decided at finish. */
    RUN("a;b;c", 0, {"L1#0:a|b|c\n", 0, ';', 1, ""});
    /* Blank lines before the header are not the header line. */
    RUN("\n\r\na;b\n1;2\n", 0, {"L3#0:a|b\nL4#1:1|2\n", 0, ';', 4, ""});
    /* A quoted newline inside the header does not end it. */
    RUN("\"a\nb\";c;d\n1;2;3\n", 0, {"L1#0:a\\nb|c|d\nL3#1:1|2|3\n", 0, ';', 3, ""});
    /* Ties go to ','. */
    RUN("a,b;c\n", 0, {"L1#0:a|b;c\n", 0, ',', 1, ""});
}

/* Excel's "sep=;" first line names the delimiter and is no row; the lines
 * after it keep their physical numbers. */
static void test_sep_line(void **state)
{
    (void)state;
    RUN("sep=;\nid;name\n1;a,b\n", 0, {"L2#0:id|name\nL3#1:1|a,b\n", 0, ';', 3, ""});
    /* It wins over the delimiter given (the file says what it is). */
    RUN("sep=;\r\nid;name\r\n1;An\r\n", ',', {"L2#0:id|name\nL3#1:1|An\n", 0, ';', 3, ""});
    RUN("\xEF\xBB\xBFSEP=\t\nid\tname\n", 0, {"L2#0:id|name\n", 0, '\t', 2, ""});
    RUN("sep=,\n\nid,name\n1,An\n", ';', {"L3#0:id|name\nL4#1:1|An\n", 0, ',', 4, ""});
    /* Only the first line, and only the exact form, is one. */
    RUN("id;name\nsep=;\n", 0, {"L1#0:id|name\nL2#1:sep=|\n", 0, ';', 2, ""});
    RUN("sep=;x\n1;2\n", 0, {"L1#0:sep=|x\nL2#1:1|2\n", 0, ';', 2, ""});
    RUN("sep=|\n1|2\n", ',', {"L1#0:sep=\\|\nL2#1:1\\|2\n", 0, ',', 2, ""});
}

static void test_bom_dropped(void **state)
{
    (void)state;
    RUN("\xEF\xBB\xBFid,name\n1,An\n", 0, {"L1#0:id|name\nL2#1:1|An\n", 0, ',', 2, ""});
    /* Only a BOM: nothing at all. */
    RUN("\xEF\xBB\xBF", ',', {"", 0, ',', 0, ""});
    /* Something that merely starts like a BOM is data. */
    RUN("\xEF\xBBx,y\n", ',', {"L1#0:\xEF\xBBx|y\n", 0, ',', 1, ""});
    /* A BOM in the middle is not dropped (it is data, not a mark). */
    RUN("a\n\xEF\xBB\xBF\n", ',', {"L1#0:a\nL2#1:\xEF\xBB\xBF\n", 0, ',', 2, ""});
}

static void test_utf16_refused(void **state)
{
    (void)state;
    RUN("\xFF\xFEi\0d\0\n\0", ',',
        {"", COOP_EXIT_DATA, 0, 0, "t.csv: error: file is UTF-16; save it as UTF-8\n"});
    RUN("\xFE\xFF\0i\0d", 0,
        {"", COOP_EXIT_DATA, 0, 0, "t.csv: error: file is UTF-16; save it as UTF-8\n"});
    /* A lone 0xFF byte is not a UTF-16 mark: it goes through as data. */
    RUN("\xFF", ',', {"L1#0:\xFF\n", 0, ',', 1, ""});
}

static void test_crlf(void **state)
{
    (void)state;
    RUN("id,name\r\n1,An\r\n\r\n2,B\r\n", 0,
        {"L1#0:id|name\nL2#1:1|An\nL4#2:2|B\n", 0, ',', 4, ""});
    /* A quoted CRLF is data and one line. */
    RUN("id,note\r\n1,\"x\r\ny\"\r\n2,z\r\n", 0,
        {"L1#0:id|note\nL2#1:1|x\\r\\ny\nL4#2:2|z\n", 0, ',', 4, ""});
    /* A lone CR (old Mac files) ends a line too. */
    RUN("a\rb\r\rc", ',', {"L1#0:a\nL2#1:b\nL4#2:c\n", 0, ',', 4, ""});
}

static void test_quoted_fields(void **state)
{
    (void)state;
    RUN("id,note\n"
        "1,\"a,b\"\n"
        "2,\"say \"\"hi\"\"\"\n"
        "3,\"line1\nline2\nline3\"\n"
        "4,after\n"
        "5,\"\"\n",
        0,
        {"L1#0:id|note\nL2#1:1|a,b\nL3#2:2|say \"hi\"\nL4#3:3|line1\\nline2\\nline3\n"
         "L7#4:4|after\nL8#5:5|\n",
         0, ',', 8, ""});
    /* A multi-line field first in its row: the row starts where it starts. */
    RUN("a,b\n\"x\n\ny\",1\n2,3\n", 0, {"L1#0:a|b\nL2#1:x\\n\\ny|1\nL5#2:2|3\n", 0, ',', 5, ""});
}

static void test_blank_lines_and_last_row(void **state)
{
    (void)state;
    RUN("\n\nid,name\n\n1,An\n   \n2,B\n\n", 0,
        {"L3#0:id|name\nL5#1:1|An\nL7#2:2|B\n", 0, ',', 8, ""});
    RUN("id,name\n1,An", 0, {"L1#0:id|name\nL2#1:1|An\n", 0, ',', 2, ""});
    RUN("id,name\n1,\"An\"", 0, {"L1#0:id|name\nL2#1:1|An\n", 0, ',', 2, ""});
    /* A line of delimiters is a row of empty fields, not a blank line. */
    RUN("a,b\n,\n", 0, {"L1#0:a|b\nL2#1:|\n", 0, ',', 2, ""});
    RUN("", 0, {"", 0, ',', 0, ""});
}

static void test_spaces_and_nul(void **state)
{
    (void)state;
    /* libcsv trims spaces around unquoted fields; quoted ones keep theirs. */
    RUN("a , b ,\" c \"\n", ',', {"L1#0:a|b| c \n", 0, ',', 1, ""});
    /* A NUL byte stays in the field: lengths tell. */
    RUN("a,b\n1,x\0y\n", ',', {"L1#0:a|b\nL2#1:1|x\\0y\n", 0, ',', 2, ""});
}

static void test_unclosed_quote(void **state)
{
    (void)state;
    RUN("id,note\n1,ok\n2,\"never\nclosed\n", 0,
        {"L1#0:id|note\nL2#1:1|ok\n", COOP_EXIT_DATA, 0, 0,
         "t.csv:3:2: error: unclosed quote: the quoted field that starts here runs to the end of the file (a closing \" is missing)\n"});
    RUN("id,note\r\n\"open", 0,
        {"L1#0:id|note\n", COOP_EXIT_DATA, 0, 0, "t.csv:2:1: error: unclosed quote: the quoted field that starts here runs to the end of the file (a closing \" is missing)\n"});
    /* A doubled quote at the very end does not close the field. */
    RUN("a\n\"x\"\"", ',', {"L1#0:a\n", COOP_EXIT_DATA, 0, 0, "t.csv:2:1: error: unclosed quote: the quoted field that starts here runs to the end of the file (a closing \" is missing)\n"});
}

static void test_broken_quoting(void **state)
{
    (void)state;
    /* In a data row: the row so far is handed over as broken (the callback
     * reports it), the rest of its line is skipped, and reading goes on. */
    RUN("id,name\n1,ab\"c\n2,x\n", 0,
        {"L1#0:id|name\nL2#1:1|ab!2:quote inside an unquoted field\nL3#2:2|x\n", 0, ',', 3, ""});
    RUN("id\n\"a\nb\"x\n2\n", 0,
        {"L1#0:id\nL2#1:a\\nb!1:unexpected text after a closing quote\nL4#2:2\n", 0, ',', 4, ""});
    RUN("id,name\r\n1,a\"b\"\"c\r\n2,\"x\"y\r\n3,z", 0,
        {"L1#0:id|name\nL2#1:1|a!2:quote inside an unquoted field\n"
         "L3#2:2|x!2:unexpected text after a closing quote\nL4#3:3|z\n", 0, ',', 4, ""});
    /* The last line, without a line end. */
    RUN("a,b\n1,\"x\"y", ',',
        {"L1#0:a|b\nL2#1:1|x!2:unexpected text after a closing quote\n", 0, ',', 2, ""});
    /* The skip goes on to the end of the record: a later field of the broken
     * record may be quoted and hold line ends. */
    RUN("id,name,note\n1,HTX \"A\",\"note line 1\nline \"\"2\"\"\",5\n2,B,ok\n", 0,
        {"L1#0:id|name|note\nL2#1:1|HTX!2:quote inside an unquoted field\nL4#2:2|B|ok\n", 0, ',',
         4, ""});
    RUN("id,name\r\n1,\"A\"x,\"a\r\nb\"\r\n2,B\r\n", 0,
        {"L1#0:id|name\nL2#1:1|A!2:unexpected text after a closing quote\nL4#2:2|B\n", 0, ',', 4,
         ""});
    /* A quote opened in the skipped part and never closed is cut after 20
     * line ends: it does not swallow the rest of the file. */
    RUN("a,b\n1,x\"y,\"open\n1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n16\n17\n18\n"
        "19\n20\nz,w\n", 0,
        {"L1#0:a|b\nL2#1:1|x!2:quote inside an unquoted field\nL23#2:z|w\n", 0, ',', 23, ""});
    /* In the header it ends the reading. */
    RUN("i\"d,name\n1,a\n", 0,
        {"", COOP_EXIT_DATA, 0, 0, "t.csv:1:1: error: quote inside an unquoted field\n"});
}

static void test_callback_stops(void **state)
{
    static const char input[] = "a\n1\n2\n3\n";
    const struct expectation expect = {"L1#0:a\nL2#1:1\n", 7, 0, 0, ""};
    (void)state;
    for (size_t chunk = 1; chunk < sizeof input; chunk++)
        run_chunked(input, sizeof input - 1, chunk, 0, &expect, 1);
}

static int count_row(const struct csv_row *row, void *context)
{
    size_t *longest = context;
    for (size_t i = 0; i < row->count; i++)
        if (row->lengths[i] > *longest)
            *longest = row->lengths[i];
    return 0;
}

static void test_read_file_large_field(void **state)
{
    char path[] = "/tmp/test_csv_reader_XXXXXX";
    const size_t big = 10u * 1024 * 1024;
    struct coop_diagnostics diagnostics;
    size_t longest = 0;
    int fd;
    FILE *file;
    char *field;
    (void)state;

    fd = mkstemp(path);
    assert_true(fd >= 0);
    file = fdopen(fd, "wb");
    assert_non_null(file);
    field = malloc(big);
    assert_non_null(field);
    memset(field, 'x', big);
    fputs("id,note\n1,\"", file);
    fwrite(field, 1, big, file);
    fputs("\"\n", file);
    fclose(file);
    free(field);

    diag_init(&diagnostics, 0);
    assert_int_equal(csv_read_file(path, "big.csv", 0, count_row, &longest, &diagnostics), 0);
    assert_int_equal(longest, big);
    assert_int_equal(diagnostics.count, 0);
    remove(path);
    diag_release(&diagnostics);
}

static void test_read_file_missing(void **state)
{
    struct coop_diagnostics diagnostics;
    size_t longest = 0;
    char *text;
    (void)state;

    diag_init(&diagnostics, 0);
    assert_int_equal(csv_read_file("/nonexistent/htx.csv", "htx.csv", ',', count_row, &longest,
                                   &diagnostics),
                     COOP_EXIT_IO);
    assert_int_equal(diagnostics.count, 1);
    text = diag_format(&diagnostics.items[0]);
    assert_string_equal(text, "htx.csv: error: cannot open: No such file or directory");
    free(text);
    diag_release(&diagnostics);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_comma_rows_and_lines),
        cmocka_unit_test(test_semicolon_and_tab_given),
        cmocka_unit_test(test_detects_delimiter),
        cmocka_unit_test(test_sep_line),
        cmocka_unit_test(test_bom_dropped),
        cmocka_unit_test(test_utf16_refused),
        cmocka_unit_test(test_crlf),
        cmocka_unit_test(test_quoted_fields),
        cmocka_unit_test(test_blank_lines_and_last_row),
        cmocka_unit_test(test_spaces_and_nul),
        cmocka_unit_test(test_unclosed_quote),
        cmocka_unit_test(test_broken_quoting),
        cmocka_unit_test(test_callback_stops),
        cmocka_unit_test(test_read_file_large_field),
        cmocka_unit_test(test_read_file_missing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
