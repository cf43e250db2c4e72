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

/* --- placeholders ---------------------------------------------------------------
 * Checked when the template is read, so that --check finds an unknown one and
 * names its line, rather than the run failing when the workbook is written. */

/* The run's placeholders (report.c fills them in). */
static const char *const TEMPLATE_PLACEHOLDERS[] = {
    "organization", "province", "province_code", "province_slug", "province_name_en",
    "province_full_name", "province_type", "province_type_en", "year", "prev_year", "period",
    "period_label", "period_end", "date", "date_line"};
#define TEMPLATE_PLACEHOLDER_COUNT (sizeof TEMPLATE_PLACEHOLDERS / sizeof *TEMPLATE_PLACEHOLDERS)

/* Accepts the run's placeholders and the NULL-ended `extra` names (a row's
 * own: {sector}, {code}, {target}); `context` NULL accepts none at all. */
struct template_probe {
    bool run_placeholders;
    const char *const *extra;
};

static const char *template_probe_placeholder(const char *name, void *context)
{
    const struct template_probe *probe = context;
    for (size_t i = 0; probe->run_placeholders && i < TEMPLATE_PLACEHOLDER_COUNT; i++)
        if (strcmp(name, TEMPLATE_PLACEHOLDERS[i]) == 0)
            return "";
    for (const char *const *extra = probe->extra; extra && *extra; extra++)
        if (strcmp(name, *extra) == 0)
            return "";
    return NULL;
}

/* Reports an unknown placeholder in a text that will be expanded, or any
 * placeholder in one that will not (run_placeholders false, no extra). */
static void template_check_placeholders(struct ini_file *reader, const char *section,
                                        const char *key, const char *text, bool run_placeholders,
                                        const char *const *extra)
{
    if (!text)
        return;
    struct template_probe probe = {run_placeholders, extra};
    char *unknown = NULL;
    char *expanded = text_expand_placeholders(text, template_probe_placeholder, &probe, &unknown);
    if (expanded) {
        free(expanded);
        return;
    }
    if (!unknown)
        ini_file_out_of_memory(reader);
    else if (!run_placeholders && !extra)
        ini_file_error(reader, section, key, "'{%s}' is not replaced in [%s]: this text is used "
                       "as written (placeholders work in the header, title, columns, rows, notes "
                       "and signature)", unknown, section);
    else
        ini_file_error(reader, section, key, "unknown placeholder '{%s}' in '%s' (see "
                       "templates/README.md for the list; '{{' and '}}' give literal braces)",
                       unknown, text);
    free(unknown);
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
    template_check_placeholders(reader, section, key, line->text, true, NULL);
    return valid;
}

/* The N of "PREFIX.N", or -1 when it is not a number from 1 to 999. */
static long template_line_number(const char *suffix)
{
    long number = 0;
    if (!*suffix || strlen(suffix) > 3)
        return -1;
    for (const char *p = suffix; *p; p++) {
        if (*p < '0' || *p > '9')
            return -1;
        number = number * 10 + (*p - '0');
    }
    return number >= 1 ? number : -1;
}

/* Keys "PREFIX.N" of a section, as lines in the order of N (whatever the
 * order of the file: "left.2" written above "left.1" still comes second). */
static struct template_line *template_lines(struct ini_file *reader, const char *section,
                                            const char *prefix, size_t *count)
{
    size_t key_count;
    const char **keys = ini_file_section_keys(reader, section, &key_count);
    struct template_line *lines = calloc(key_count + 1, sizeof *lines);
    long *numbers = calloc(key_count + 1, sizeof *numbers);
    *count = 0;
    if (!lines || !numbers) {
        ini_file_out_of_memory(reader);
        free(keys);
        free(lines);
        free(numbers);
        return NULL;
    }
    size_t prefix_length = strlen(prefix);
    for (size_t i = 0; i < key_count; i++) {
        const char *name = keys[i];
        if (strncmp(name, prefix, prefix_length) != 0 || name[prefix_length] != '.')
            continue;
        long number = template_line_number(name + prefix_length + 1);
        if (number < 0) {
            ini_file_error(reader, section, name, "'%s': the part after '%s.' is the line's "
                           "number, from 1 to 999", name, prefix);
            continue;
        }
        const char *value = ini_file_get(reader, section, name);
        struct template_line line;
        if (!template_parse_line(reader, section, name, value, &line)) {
            free(line.text);
            continue;
        }
        /* Insertion in order of number: a few lines per block. */
        size_t at = *count;
        while (at > 0 && numbers[at - 1] > number) {
            lines[at] = lines[at - 1];
            numbers[at] = numbers[at - 1];
            at--;
        }
        lines[at] = line;
        numbers[at] = number;
        (*count)++;
    }
    free(numbers);
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
        template_check_placeholders(reader, section, "title", column->title, true, NULL);
        template_check_placeholders(reader, section, "group", column->group, true, NULL);
        template_check_placeholders(reader, section, "number", column->number, true, NULL);
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

static bool template_has_role(const struct coop_template *layout, enum template_column_role role)
{
    for (size_t c = 0; c < layout->column_count; c++)
        if (layout->columns[c].role == role)
            return true;
    return false;
}

static const char *const ROW_KIND_NAMES[] = {"section", "row", "note", "sectors", "targets"};

static void template_read_rows(struct ini_file *reader, struct coop_template *layout)
{
    size_t key_count;
    if (!iniparser_find_entry(reader->ini, "rows"))
        ini_file_error(reader, NULL, NULL, "the template has no [rows] section (the rows of the "
                       "summary table)");
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
        char *parts[6] = {NULL};
        size_t count = template_split(value, parts, 6);
        struct template_row *row = &layout->rows[layout->row_count];
        size_t kind = sizeof ROW_KIND_NAMES / sizeof *ROW_KIND_NAMES;
        for (size_t k = 0; count > 0 && k < sizeof ROW_KIND_NAMES / sizeof *ROW_KIND_NAMES; k++)
            if (strcmp(parts[0], ROW_KIND_NAMES[k]) == 0)
                kind = k;
        bool needs_indicator = kind == ROW_INDICATOR || kind == ROW_EACH_SECTOR;
        if (kind == sizeof ROW_KIND_NAMES / sizeof *ROW_KIND_NAMES) {
            ini_file_error(reader, "rows", name, "row '%s': unknown kind '%s' (section, row, "
                           "note, sectors or targets)", name, count ? parts[0] : "");
        } else if (count < 3 || count > 5 || (needs_indicator && (count < 5 || !*parts[4])) ||
                   (!needs_indicator && ((count > 3 && *parts[3]) || (count > 4 && *parts[4])))) {
            /* A section, note or targets row shows no unit or indicator of
             * its own: text there would be silently lost. */
            ini_file_error(reader, "rows", name, "row '%s' should be 'kind | number | label"
                           "%s'", name, needs_indicator ? " | unit | indicator" : "");
        } else {
            static const char *const sector_names[] = {"sector", "code", NULL};
            static const char *const target_names[] = {"target", NULL};
            const char *const *extra = kind == ROW_EACH_SECTOR   ? sector_names
                                       : kind == ROW_EACH_TARGET ? target_names
                                                                 : NULL;
            for (size_t p = 1; p < count; p++)
                template_check_placeholders(reader, "rows", name, parts[p], p != 4, extra);
            row->kind = (enum template_row_kind)kind;
            row->number = parts[1];
            row->label = parts[2];
            row->unit = count > 3 ? parts[3] : text_duplicate("");
            row->indicator = needs_indicator ? parts[4] : NULL;
            row->line = ini_locate_line(reader->path, "rows", name);
            if (kind == ROW_EACH_TARGET && !template_has_role(layout, COLUMN_NOTE))
                /* Only the note column says Đạt / Chưa đạt / Chưa đến kỳ:
                 * without it the summary would list targets without saying
                 * whether they were met. */
                ini_file_warning(reader, "rows", name, "row '%s': no column has role = note, "
                                 "where the form writes each target's status (Đạt, Chưa đạt, "
                                 "Chưa đến kỳ): the targets' rows show no status (each "
                                 "target's own sheet still does)", name);
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
        template_check_placeholders(reader, section, name, column->title, false, NULL);
    }
    if (list->count == 0)
        ini_file_error(reader, section, NULL, "[%s] lists no columns", section);
    free(keys);
}

/* A fixed sheet's name must be one Excel takes as it is: the workbook would
 * otherwise change it, and other programs look these sheets up by name. */
static void template_check_sheet_name(struct ini_file *reader, const char *key,
                                      const char *const *names, size_t index)
{
    const char *name = names[index];
    if (!name)
        return;
    size_t characters = 0;
    for (const unsigned char *p = (const unsigned char *)name; *p; p++)
        characters += (*p & 0xC0) != 0x80;
    if (characters == 0 || characters > 31 || strpbrk(name, "[]:*?/\\") || name[0] == '\'' ||
        name[strlen(name) - 1] == '\'') {
        ini_file_error(reader, "sheets", key, "sheet name '%s' is not one Excel allows (1 to 31 "
                       "characters, none of [ ] : * ? / \\, no quote at either end)", name);
        return;
    }
    char *own = text_match_key(name);
    for (size_t i = 0; own && i < index; i++) {
        char *other = names[i] ? text_match_key(names[i]) : NULL;
        if (other && strcmp(own, other) == 0)
            ini_file_error(reader, "sheets", key, "sheet name '%s' is already that of another "
                           "sheet (Excel ignores case)", name);
        free(other);
    }
    free(own);
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
    if (layout->language && strcmp(layout->language, "vi") != 0 &&
        strcmp(layout->language, "en") != 0)
        ini_file_error(&reader, "template", "language", "[template] language '%s' is not vi or en",
                       layout->language);
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
    const char *sheet_names[] = {layout->summary_sheet, layout->groups_sheet, layout->changes_sheet,
                                 layout->indicators_sheet, layout->rejected_sheet};
    for (size_t i = 0; i < 5; i++) {
        template_check_placeholders(&reader, "sheets", sheet_keys[i], sheet_names[i], false, NULL);
        template_check_sheet_name(&reader, sheet_keys[i], sheet_names, i);
    }
    const char *words[] = {layout->text_total, layout->text_founded_in_period,
                           layout->text_target_status, layout->text_target_value,
                           layout->text_target_window, layout->text_target_range,
                           layout->text_target_percent, layout->text_target_units};
    for (size_t i = 0; i < 8; i++)
        template_check_placeholders(&reader, "words", word_keys[i], words[i], false, NULL);
    status = reader.status;
    ini_file_release(&reader);
    if (status != 0)
        template_release(layout);
    return status;
}

bool template_is_english(const struct coop_template *layout)
{
    return layout && layout->language && strcmp(layout->language, "en") == 0;
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
