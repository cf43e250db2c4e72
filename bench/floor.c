/*
 * floor — the cost of writing the cells of a batch run with libxlsxwriter
 * and nothing else: no CSV, no validation, no indicators, no layout. The
 * benchmark (bench/run.py) measures coopreport against it.
 *
 *     floor SHAPE_FILE OUTPUT_FOLDER
 *
 * SHAPE_FILE, written by bench/run.py from coopreport's own output, lists
 * the workbooks and their sheets, one line each:
 *
 *     W NAME                                   a workbook OUTPUT_FOLDER/NAME
 *     S ROWS STRINGS NUMBERS STREAMED         a sheet: ROWS rows of STRINGS
 *                                              text cells and NUMBERS number
 *                                              cells; STREAMED 1 = written in
 *                                              constant_memory mode
 *
 * Text cells hold distinct strings of a registry's length ("HTX Nông nghiệp
 * Đồng Tâm 12345"), numbers carry a number format, as coopreport's do.
 * Workbooks are written one after another in one process (the floor of a
 * -j1 run).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

#define FLOOR_LINE_SIZE 4096

struct floor_sheet {
    unsigned long rows, strings, numbers;
    int streamed;
};

static int floor_write_workbook(const char *path, const struct floor_sheet *sheets, size_t count)
{
    /* libxlsxwriter's constant_memory is read when a sheet is added: the
     * same per-sheet choice coopreport makes. */
    lxw_workbook_options options = {0};
    lxw_workbook *workbook = workbook_new_opt(path, &options);
    if (!workbook)
        return -1;
    lxw_format *text = workbook_add_format(workbook);
    lxw_format *number = workbook_add_format(workbook);
    format_set_border(text, LXW_BORDER_THIN);
    format_set_border(number, LXW_BORDER_THIN);
    format_set_num_format(number, "#,##0.0");
    char cell[128];
    unsigned long serial = 0;
    for (size_t s = 0; s < count; s++) {
        workbook->options.constant_memory = (uint8_t)sheets[s].streamed;
        lxw_worksheet *sheet = workbook_add_worksheet(workbook, NULL);
        if (!sheet)
            return -1;
        for (lxw_row_t row = 0; row < sheets[s].rows; row++) {
            lxw_col_t column = 0;
            for (unsigned long i = 0; i < sheets[s].strings; i++, column++) {
                snprintf(cell, sizeof cell, "HTX Nông nghiệp Đồng Tâm %lu", serial++);
                if (worksheet_write_string(sheet, row, column, cell, text) != LXW_NO_ERROR)
                    return -1;
            }
            for (unsigned long i = 0; i < sheets[s].numbers; i++, column++)
                if (worksheet_write_number(sheet, row, column, (double)(row * 7 + i) / 10.0,
                                           number) != LXW_NO_ERROR)
                    return -1;
        }
    }
    return workbook_close(workbook) == LXW_NO_ERROR ? 0 : -1;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: floor SHAPE_FILE OUTPUT_FOLDER\n");
        return 2;
    }
    FILE *shape = fopen(argv[1], "r");
    if (!shape) {
        perror(argv[1]);
        return 2;
    }
    char line[FLOOR_LINE_SIZE], path[FLOOR_LINE_SIZE * 2] = "";
    struct floor_sheet *sheets = NULL;
    size_t count = 0, capacity = 0;
    int status = 0;
    while (status == 0 && fgets(line, sizeof line, shape)) {
        line[strcspn(line, "\n")] = '\0';
        if (line[0] == 'W') {
            if (path[0] && floor_write_workbook(path, sheets, count) != 0)
                status = 1;
            snprintf(path, sizeof path, "%s/%s", argv[2], line + 2);
            count = 0;
        } else if (line[0] == 'S') {
            struct floor_sheet sheet;
            if (sscanf(line + 2, "%lu %lu %lu %d", &sheet.rows, &sheet.strings, &sheet.numbers,
                       &sheet.streamed) != 4) {
                fprintf(stderr, "%s: bad line '%s'\n", argv[1], line);
                status = 2;
                break;
            }
            if (count == capacity) {
                capacity = capacity ? capacity * 2 : 16;
                struct floor_sheet *grown = realloc(sheets, capacity * sizeof *grown);
                if (!grown) {
                    status = 1;
                    break;
                }
                sheets = grown;
            }
            sheets[count++] = sheet;
        }
    }
    if (status == 0 && path[0] && floor_write_workbook(path, sheets, count) != 0)
        status = 1;
    if (status == 1)
        fprintf(stderr, "floor: cannot write '%s'\n", path);
    free(sheets);
    fclose(shape);
    return status;
}
