/*
 * page_header — the header printed at the top of every page of a sheet that
 * is not the form: the province, the organisation, and what the sheet holds
 * with its period, so that a loose page still says what it is. The summary
 * form ("Tổng hợp") has its own header block instead.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coopreport/page_header.h"
#include "coopreport/text.h"

/* Appends text to a page header's section (at `out` of header, `size`
 * bytes), '&' doubled (Excel reads a lone '&' as a code), at most `room`
 * characters, cut at a character with "…" when longer. */
static size_t page_header_text(char *header, size_t size, size_t out, const char *text,
                               size_t room)
{
    bool cut = text_count_characters(text) > room;
    size_t used = 0;
    for (const char *p = text; *p && out + 8 < size;) {
        size_t length = 1;
        while (((unsigned char)p[length] & 0xC0) == 0x80)
            length++;
        if (cut && used + 1 >= room)
            break;
        bool ampersand = *p == '&';
        if (used + (ampersand ? 2 : 1) > room || out + length + 1 + 8 >= size)
            break;
        if (ampersand) {
            header[out++] = '&';
            used++;
        }
        memcpy(header + out, p, length);
        out += length;
        p += length;
        used++;
    }
    if (cut) {
        memcpy(header + out, "\xE2\x80\xA6", 3);
        out += 3;
    }
    header[out] = '\0';
    return out;
}

/* The page header of a list's printed pages: the province on the left, the
 * organisation over the list's subject and period in the centre. Excel's
 * sections do not wrap and overlap when long, so the sides hold short text
 * and each centre line is kept to what a landscape page holds; the whole
 * within Excel's 255 characters. The top margin leaves the header's two
 * lines clear of the first row. */
int page_header_put(struct sheet_writer *writer, lxw_worksheet *sheet, const char *title,
                    const char *sheet_name)
{
    /* Characters of a centre line at 12 points across a landscape A4 page,
     * and of each side. */
    enum { CENTRE_LINE = 90, SIDE = 30 };
    char *province = writer_expand(writer, writer_is_english(writer)
                                               ? "{province_name_en} {province_type_en}"
                                               : "{province_full_name}", NULL);
    char *period = writer_expand(writer, "{period_label} {year}", NULL);
    const char *organization = writer->content->organization ? writer->content->organization : "";
    char header[1024], ending[256];
    /* The period is what tells two years' pages apart: a long subject is cut
     * before it, never the period. */
    snprintf(ending, sizeof ending, " — %s", period ? period : "");
    size_t ending_characters = text_count_characters(ending);
    size_t subject_room = CENTRE_LINE > ending_characters + 20 ? CENTRE_LINE - ending_characters : 20;
    size_t out = (size_t)snprintf(header, sizeof header, "&L&11");
    out = page_header_text(header, sizeof header, out, province ? province : "", SIDE);
    out += (size_t)snprintf(header + out, sizeof header - out, "&C&11");
    if (*organization) {
        out = page_header_text(header, sizeof header, out, organization, CENTRE_LINE);
        header[out++] = '\n';
    }
    out += (size_t)snprintf(header + out, sizeof header - out, "&B&12");
    out = page_header_text(header, sizeof header, out, title, subject_room);
    page_header_text(header, sizeof header, out, ending, CENTRE_LINE);
    free(province);
    free(period);
    lxw_header_footer_options options = {.margin = 0.25};
    WRITER_CHECK(writer, worksheet_set_header_opt(sheet, header, &options),
                 "the page header of '%s'", sheet_name);
    worksheet_set_margins(sheet, 0.5, 0.4, 0.9, 0.6);
    return 0;
}
