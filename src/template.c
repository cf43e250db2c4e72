/*
 * template — the layout of the workbook from a template file. See template.h
 * and templates/README.md.
 */
#include "coopreport/template.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coopreport/config.h"
#include "coopreport/ini_file.h"
#include "coopreport/ini_position.h"
#include "coopreport/text.h"


static char *template_string(struct ini_file *reader, const char *section, const char *key,
                             const char *fallback, bool required)
{
    const char *value = ini_file_get(reader, section, key);
    if (!value) {
        if (required)
            ini_file_error(reader, section, NULL, "[%s] needs the key '%s'", section, key);
        value = fallback;
    }
    if (!value)
        return NULL;
    if (!text_is_valid_utf8(value, strlen(value), NULL)) {
        ini_file_error(reader, section, key, "[%s] %s is not valid UTF-8 (or holds U+FFFE or "
                       "U+FFFF, which no workbook can hold)", section, key);
        return NULL;
    }
    char *copy = text_duplicate(value);
    if (!copy)
        ini_file_out_of_memory(reader);
    return copy;
}

/* Splits "a | b | c" into at most `most` trimmed parts (new strings). */
static size_t template_split(const char *value, char **parts, size_t most)
{
    size_t count = 0;
    const char *start = value;
    while (start && count < most) {
        const char *bar = strchr(start, '|');
        size_t length = bar ? (size_t)(bar - start) : strlen(start);
        while (length && (*start == ' ' || *start == '\t')) {
            start++;
            length--;
        }
        while (length && (start[length - 1] == ' ' || start[length - 1] == '\t'))
            length--;
        parts[count] = malloc(length + 1);
        if (!parts[count])
            break;
        memcpy(parts[count], start, length);
        parts[count][length] = '\0';
        count++;
        if (!bar)
            break;
        start = bar + 1;
    }
    return count;
}

static void template_free_parts(char **parts, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(parts[i]);
}

/* "style | text" → a line. */
static bool template_parse_line(struct ini_file *reader, const char *section,
                                const char *key, const char *value, struct template_line *line)
{
    char *parts[2] = {NULL, NULL};
    size_t count = template_split(value, parts, 2);
    memset(line, 0, sizeof *line);
    if (count != 2) {
        template_free_parts(parts, count);
        ini_file_error(reader, section, key, "'%s' should be 'style | text' (style: bold, "
                                             "italic, upper or none)", value);
        return false;
    }
    bool valid = true;
    char *style = parts[0];
    for (char *word = strtok(style, " ,"); word; word = strtok(NULL, " ,")) {
        if (strcmp(word, "bold") == 0)
            line->bold = true;
        else if (strcmp(word, "italic") == 0)
            line->italic = true;
        else if (strcmp(word, "upper") == 0)
            line->upper = true;
        else if (strcmp(word, "none") != 0) {
            ini_file_error(reader, section, key, "unknown style '%s' (bold, italic, upper or none)",
                           word);
            valid = false;
        }
    }
    free(parts[0]);
    line->text = parts[1];
    return valid;
}

/* Keys "PREFIX.N" of a section, in file order, as lines. */
static struct template_line *template_lines(struct ini_file *reader, const char *section,
                                            const char *prefix, size_t *count)
{
    size_t key_count;
    const char **keys = ini_file_section_keys(reader, section, &key_count);
    struct template_line *lines = calloc(key_count + 1, sizeof *lines);
    *count = 0;
    if (!lines) {
        ini_file_out_of_memory(reader);
        free(keys);
        return NULL;
    }
    size_t prefix_length = strlen(prefix);
    for (size_t i = 0; i < key_count; i++) {
        const char *name = keys[i];
        if (strncmp(name, prefix, prefix_length) != 0 || name[prefix_length] != '.')
            continue;
        const char *value = ini_file_get(reader, section, name);
        if (template_parse_line(reader, section, name, value, &lines[*count]))
            (*count)++;
        else
            free(lines[*count].text);
    }
    free(keys);
    return lines;
}

static const char *const COLUMN_ROLE_NAMES[COLUMN_ROLE_COUNT] = {
    "number", "label", "unit", "previous", "plan", "value", "plan_pct", "prev_pct", "note",
};

static void template_read_columns(struct ini_file *reader, struct coop_template *layout)
{
    int sections = iniparser_getnsec(reader->ini);
    layout->columns = calloc((size_t)(sections > 0 ? sections : 1), sizeof *layout->columns);
    if (!layout->columns) {
        ini_file_out_of_memory(reader);
        return;
    }
    static const char *const column_keys[] = {"role", "title", "group", "number", "width"};
    for (int s = 0; s < sections; s++) {
        const char *section = iniparser_getsecname(reader->ini, s);
        if (strncmp(section, "column.", 7) != 0)
            continue;
        ini_file_check_keys(reader, section, column_keys, sizeof column_keys / sizeof *column_keys);
        struct template_column *column = &layout->columns[layout->column_count];
        char *role = template_string(reader, section, "role", NULL, true);
        column->title = template_string(reader, section, "title", "", false);
        column->group = template_string(reader, section, "group", NULL, false);
        column->number = template_string(reader, section, "number", "", false);
        char *width = template_string(reader, section, "width", "12", false);
        layout->column_count++;
        column->role = COLUMN_ROLE_COUNT;
        for (int r = 0; role && r < COLUMN_ROLE_COUNT; r++)
            if (strcmp(role, COLUMN_ROLE_NAMES[r]) == 0)
                column->role = (enum template_column_role)r;
        if (role && column->role == COLUMN_ROLE_COUNT)
            ini_file_error(reader, section, "role", "unknown column role '%s' (number, label, "
                           "unit, previous, plan, value, plan_pct, prev_pct, note)", role);
        double parsed = 0;
        const char *reason;
        if (width && (value_parse_decimal(width, &parsed, &reason) != 0 || parsed <= 0 ||
                      parsed > 255)) {
            ini_file_error(reader, section, "width", "width '%s' is not a number from 1 to 255",
                           width);
            parsed = 12;
        }
        column->width = parsed;
        free(role);
        free(width);
    }
    if (layout->column_count == 0)
        ini_file_error(reader, NULL, NULL, "the template has no [column.*] section");
}

static const char *const ROW_KIND_NAMES[] = {"section", "row", "note", "sectors", "targets"};

static void template_read_rows(struct ini_file *reader, struct coop_template *layout)
{
    size_t key_count;
    const char **keys = ini_file_section_keys(reader, "rows", &key_count);
    layout->rows = calloc(key_count + 1, sizeof *layout->rows);
    if (!layout->rows) {
        ini_file_out_of_memory(reader);
        free(keys);
        return;
    }
    for (size_t i = 0; i < key_count; i++) {
        const char *name = keys[i];
        const char *value = ini_file_get(reader, "rows", name);
        char *parts[5] = {NULL};
        size_t count = template_split(value, parts, 5);
        struct template_row *row = &layout->rows[layout->row_count];
        size_t kind = sizeof ROW_KIND_NAMES / sizeof *ROW_KIND_NAMES;
        for (size_t k = 0; count > 0 && k < sizeof ROW_KIND_NAMES / sizeof *ROW_KIND_NAMES; k++)
            if (strcmp(parts[0], ROW_KIND_NAMES[k]) == 0)
                kind = k;
        bool needs_indicator = kind == ROW_INDICATOR || kind == ROW_EACH_SECTOR;
        if (kind == sizeof ROW_KIND_NAMES / sizeof *ROW_KIND_NAMES) {
            ini_file_error(reader, "rows", name, "row '%s': unknown kind '%s' (section, row, "
                           "note, sectors or targets)", name, count ? parts[0] : "");
        } else if (count < 3 || (needs_indicator && (count < 5 || !*parts[4]))) {
            ini_file_error(reader, "rows", name, "row '%s' should be 'kind | number | label"
                           "%s'", name, needs_indicator ? " | unit | indicator" : "");
        } else {
            row->kind = (enum template_row_kind)kind;
            row->number = parts[1];
            row->label = parts[2];
            row->unit = count > 3 ? parts[3] : text_duplicate("");
            row->indicator = needs_indicator ? parts[4] : NULL;
            row->line = ini_locate_line(reader->path, "rows", name);
            parts[1] = parts[2] = parts[3] = NULL;
            if (needs_indicator)
                parts[4] = NULL;
            layout->row_count++;
        }
        template_free_parts(parts, count);
    }
    free(keys);
}

static const char *const LIST_FIELDS[] = {"number", "id", "name", "district", "sector",
                                          "founded", "dissolved", "members", "workers",
                                          "revenue", "profit", "income", "flags", "status"};

static void template_read_list(struct ini_file *reader, const char *section,
                               struct template_list *list)
{
    size_t key_count;
    const char **keys = ini_file_section_keys(reader, section, &key_count);
    list->columns = calloc(key_count + 1, sizeof *list->columns);
    if (!list->columns) {
        ini_file_out_of_memory(reader);
        free(keys);
        return;
    }
    for (size_t i = 0; i < key_count; i++) {
        const char *name = keys[i];
        bool known = false;
        for (size_t f = 0; f < sizeof LIST_FIELDS / sizeof *LIST_FIELDS; f++)
            known = known || strcmp(name, LIST_FIELDS[f]) == 0;
        if (!known) {
            ini_file_error(reader, section, name, "[%s]: unknown field '%s' (number, id, name, "
                           "district, sector, founded, dissolved, members, workers, revenue, "
                           "profit, income, flags, status)", section, name);
            continue;
        }
        struct template_list_column *column = &list->columns[list->count++];
        column->field = text_duplicate(name);
        column->title = template_string(reader, section, name, "", false);
    }
    if (list->count == 0)
        ini_file_error(reader, section, NULL, "[%s] lists no columns", section);
    free(keys);
}

/* Sections a template may have; anything else is a typo. */
static void template_check_sections(struct ini_file *reader)
{
    static const char *const known[] = {"template", "sheets", "header", "title", "rows", "notes",
                                        "signature", "sector_sheet", "group_sheet",
                                        "changes_sheet", "target_sheet", "words"};
    int sections = iniparser_getnsec(reader->ini);
    for (int s = 0; s < sections; s++) {
        const char *section = iniparser_getsecname(reader->ini, s);
        bool found = strncmp(section, "column.", 7) == 0;
        for (size_t k = 0; k < sizeof known / sizeof *known; k++)
            found = found || strcmp(section, known[k]) == 0;
        if (!found)
            ini_file_error(reader, section, NULL, "unknown section [%s]", section);
    }
}

int template_load(const char *path, struct coop_template *layout,
                  struct coop_diagnostics *diagnostics)
{
    memset(layout, 0, sizeof *layout);
    struct ini_file reader;
    int status = ini_file_load(&reader, path, "template", diagnostics);
    if (status != 0)
        return status;
    layout->path = text_duplicate(path);
    ini_file_check_entries(&reader);
    template_check_sections(&reader);
    static const char *const template_keys[] = {"language", "font", "font_size"};
    static const char *const sheet_keys[] = {"summary", "groups", "changes", "indicators", "rejected"};
    static const char *const word_keys[] = {"total", "founded_in_period", "target_status",
                                            "target_value", "target_window", "target_range",
                                            "target_percent", "target_units"};
    ini_file_check_keys(&reader, "template", template_keys, 3);
    ini_file_check_keys(&reader, "sheets", sheet_keys, 5);
    ini_file_check_keys(&reader, "words", word_keys, 8);
    layout->language = template_string(&reader, "template", "language", "vi", false);
    layout->font_name = template_string(&reader, "template", "font", "Times New Roman", false);
    char *size = template_string(&reader, "template", "font_size", "12", false);
    const char *reason;
    if (size && (value_parse_decimal(size, &layout->font_size, &reason) != 0 ||
                 layout->font_size < 6 || layout->font_size > 72)) {
        ini_file_error(&reader, "template", "font_size", "font_size '%s' is not from 6 to 72", size);
        layout->font_size = 12;
    }
    free(size);
    layout->summary_sheet = template_string(&reader, "sheets", "summary", "Tổng hợp", false);
    layout->groups_sheet = template_string(&reader, "sheets", "groups", "Tổ hợp tác", false);
    layout->changes_sheet = template_string(&reader, "sheets", "changes", "Biến động", false);
    layout->indicators_sheet = template_string(&reader, "sheets", "indicators", "Chỉ số", false);
    layout->rejected_sheet = template_string(&reader, "sheets", "rejected", "Dữ liệu lỗi", false);

    layout->header.left = template_lines(&reader, "header", "left", &layout->header.left_count);
    layout->header.right = template_lines(&reader, "header", "right", &layout->header.right_count);
    layout->title = template_lines(&reader, "title", "line", &layout->title_count);
    char *form_number = template_string(&reader, "title", "form_number", NULL, false);
    if (form_number) {
        struct template_line line;
        if (template_parse_line(&reader, "title", "form_number", form_number, &line))
            layout->form_number = line.text;
        else
            free(line.text);
    }
    free(form_number);
    template_read_columns(&reader, layout);
    template_read_rows(&reader, layout);
    layout->notes = template_lines(&reader, "notes", "line", &layout->note_count);
    layout->signature.left = template_lines(&reader, "signature", "left",
                                            &layout->signature.left_count);
    layout->signature.right = template_lines(&reader, "signature", "right",
                                             &layout->signature.right_count);
    template_read_list(&reader, "sector_sheet", &layout->sector_list);
    template_read_list(&reader, "group_sheet", &layout->group_list);
    template_read_list(&reader, "changes_sheet", &layout->changes_list);
    template_read_list(&reader, "target_sheet", &layout->target_list);
    layout->text_total = template_string(&reader, "words", "total", "Tổng cộng", false);
    layout->text_founded_in_period = template_string(&reader, "words", "founded_in_period",
                                                     "Thành lập mới trong kỳ", false);
    layout->text_target_status = template_string(&reader, "words", "target_status", "Tình trạng", false);
    layout->text_target_value = template_string(&reader, "words", "target_value", "Kết quả", false);
    layout->text_target_window = template_string(&reader, "words", "target_window", "Thời gian", false);
    layout->text_target_range = template_string(&reader, "words", "target_range", "Mục tiêu", false);
    layout->text_target_percent = template_string(&reader, "words", "target_percent", "Tỷ lệ đạt (%)", false);
    layout->text_target_units = template_string(&reader, "words", "target_units", "Đơn vị", false);
    status = reader.status;
    ini_file_release(&reader);
    if (status != 0)
        template_release(layout);
    return status;
}

static void template_free_lines(struct template_line *lines, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(lines[i].text);
    free(lines);
}

static void template_free_list(struct template_list *list)
{
    for (size_t i = 0; i < list->count; i++) {
        free(list->columns[i].field);
        free(list->columns[i].title);
    }
    free(list->columns);
}

void template_release(struct coop_template *layout)
{
    if (!layout)
        return;
    free(layout->path);
    free(layout->language);
    free(layout->font_name);
    free(layout->summary_sheet);
    free(layout->groups_sheet);
    free(layout->changes_sheet);
    free(layout->indicators_sheet);
    free(layout->rejected_sheet);
    template_free_lines(layout->header.left, layout->header.left_count);
    template_free_lines(layout->header.right, layout->header.right_count);
    template_free_lines(layout->title, layout->title_count);
    free(layout->form_number);
    for (size_t i = 0; i < layout->column_count; i++) {
        free(layout->columns[i].title);
        free(layout->columns[i].group);
        free(layout->columns[i].number);
    }
    free(layout->columns);
    for (size_t i = 0; i < layout->row_count; i++) {
        free(layout->rows[i].number);
        free(layout->rows[i].label);
        free(layout->rows[i].unit);
        free(layout->rows[i].indicator);
    }
    free(layout->rows);
    template_free_lines(layout->notes, layout->note_count);
    template_free_lines(layout->signature.left, layout->signature.left_count);
    template_free_lines(layout->signature.right, layout->signature.right_count);
    template_free_list(&layout->sector_list);
    template_free_list(&layout->group_list);
    template_free_list(&layout->changes_list);
    template_free_list(&layout->target_list);
    free(layout->text_total);
    free(layout->text_founded_in_period);
    free(layout->text_target_status);
    free(layout->text_target_value);
    free(layout->text_target_window);
    free(layout->text_target_range);
    free(layout->text_target_percent);
    free(layout->text_target_units);
    memset(layout, 0, sizeof *layout);
}
