#!/usr/bin/env python3
"""Checks that a workbook prints as an office would send it: no clipped text, no chart over a
cell, nothing outside the printed page.

    layout_check.py [--name NAME] BOOK.xlsx [BOOK.xlsx ...]

Independent of the writer: it reads the .xlsx with openpyxl (values as cached, styles) and the
raw XML where openpyxl says nothing (drawing anchors, print set-up), and measures text with the
fonts a renderer would use (python3-fonttools): Carlito for Calibri, Liberation Serif for Times
New Roman, Liberation Sans for Arial, each found with fc-match. For every sheet:

  clipped        a cell's displayed text is wider than its column (or merged span), less Excel's
                 padding, and neither wraps nor overflows into empty cells beside it
  row-too-low    a wrapped cell needs more lines than its row (or merged rows) is high, or one
                 line of a non-wrapped cell is higher than a row of fixed height
  covered        a chart's or an image's anchor rectangle lies over a non-empty cell's text
  over-titles    a drawing lies over a print-title row (_xlnm.Print_Titles)
  outside-print  a drawing, or a column or row holding values, lies outside the print area
  page-width     fitting the page width (one page wide, or the fitToWidth pages, a page
                 breaking between columns and the print-title columns repeated on each) needs a
                 scale under 55 %, or a sheet that is not fit to the page is wider than the paper
                 at its scale

One line per problem, "NAME:SHEET!CELL: KIND: detail", NAME being the workbook's file name
without .xlsx unless --name gives one; exit status 1 when any problem was found. The part before
the second colon after the cell ("NAME:SHEET!CELL: KIND") names the problem without its figures,
so that a list of known problems survives a change of column width (see problem_key()).

Geometry, as Excel computes it at 96 dpi: a column of width w (in characters of the default
font's widest digit, mdw px) is trunc((256 w + trunc(128 / mdw)) / 256 * mdw) px wide; the
default width (8.43) is 64 px for Calibri 11; text has 2 px of margin on each side plus 1 px of
grid line; a row of h pt is round(h * 96 / 72) px high, and a row without a height of its own is
the sheet's default height (LibreOffice does not grow it to fit wrapped text). A line of text
needs the font's line spacing, the last one only its glyphs' box (OS/2 winAscent + winDescent).
"""

import argparse
import warnings
import functools
import logging
import math
import os
import posixpath
import re
import subprocess
import sys
import unicodedata
import zipfile
import xml.etree.ElementTree as ElementTree

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
DRAWING_NS = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
NS = {"m": MAIN_NS, "r": REL_NS, "pr": PKG_REL_NS, "xdr": DRAWING_NS}

DPI = 96
EMU_PER_PX = 9525
CELL_PADDING_PX = 5          # 2 px of margin each side and the grid line, as in Excel's widths
ROW_TOLERANCE_PX = 1         # text may touch the row's border lines
MIN_FIT_SCALE = 55           # % below which fitting the page width makes the print hard to read
DEFAULT_ROW_HEIGHT_PT = 15.0

# The metric twins a renderer uses for the fonts offices name (Debian fonts-crosextra-carlito,
# fonts-crosextra-caladea, fonts-liberation2).
FONT_TWINS = {
    "calibri": "Carlito",
    "cambria": "Caladea",
    "times new roman": "Liberation Serif",
    "arial": "Liberation Sans",
    "courier new": "Liberation Mono",
}

# Paper sizes of pageSetup paperSize, in inches (width, height) in portrait.
PAPER_INCHES = {1: (8.5, 11.0), 5: (8.5, 14.0), 8: (297 / 25.4, 420 / 25.4),
                9: (210 / 25.4, 297 / 25.4), 11: (148 / 25.4, 210 / 25.4)}


# --- fonts -------------------------------------------------------------------------------------

class FontMetrics:
    """Advance widths and line height of one font file."""

    def __init__(self, path):
        from fontTools.ttLib import TTFont   # python3-fonttools
        # Carlito's creation date is 1904 + 0: fontTools would warn about it on every run.
        logging.getLogger("fontTools").setLevel(logging.ERROR)
        font = TTFont(path, lazy=True)
        self.path = path
        self.units_per_em = font["head"].unitsPerEm
        self.cmap = font.getBestCmap()
        self.advances = {name: advance for name, (advance, _) in font["hmtx"].metrics.items()}
        self.missing_advance = self.advances.get(".notdef", self.units_per_em // 2)
        os2, hhea = font["OS/2"], font["hhea"]
        # The glyphs' box (what Windows draws a line in) and the distance between two lines.
        self.box_em = (os2.usWinAscent + os2.usWinDescent) / self.units_per_em
        self.line_em = max(os2.usWinAscent + os2.usWinDescent,
                           hhea.ascent - hhea.descent + hhea.lineGap) / self.units_per_em

    def char_units(self, char):
        glyph = self.cmap.get(ord(char))
        if glyph is not None:
            return self.advances.get(glyph, self.missing_advance)
        # A precomposed Vietnamese letter the font lacks: base letter and combining marks.
        parts = unicodedata.normalize("NFD", char)
        if parts != char:
            return sum(self.char_units(part) for part in parts)
        if unicodedata.combining(char):
            return 0
        return self.missing_advance

    def text_px(self, text, size_pt):
        units = sum(self.char_units(char) for char in unicodedata.normalize("NFC", text))
        return units * size_pt * DPI / 72 / self.units_per_em

    def lines_px(self, lines, size_pt):
        """Height of `lines` lines of text: the last one needs only its glyphs' box."""
        return ((lines - 1) * self.line_em + self.box_em) * size_pt * DPI / 72


@functools.lru_cache(maxsize=None)
def font_file(name, bold, italic):
    family = FONT_TWINS.get((name or "Calibri").lower(), name or "Calibri")
    pattern = family + (":bold" if bold else "") + (":italic" if italic else "")
    try:
        path = subprocess.run(["fc-match", "-f", "%{file}", pattern], stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, check=True).stdout.decode()
    except (OSError, subprocess.CalledProcessError) as error:
        raise SystemExit("layout_check: cannot find a font for %r (fc-match: %s)" % (pattern, error))
    return path


@functools.lru_cache(maxsize=None)
def font_metrics(name, bold, italic):
    return FontMetrics(font_file(name, bool(bold), bool(italic)))


@functools.lru_cache(maxsize=None)
def max_digit_width(name, size_pt):
    """Excel's unit of column width: the widest digit of the default font, whole pixels."""
    metrics = font_metrics(name, False, False)
    return round(max(metrics.text_px(digit, size_pt) for digit in "0123456789"))


def column_px(width, mdw):
    return int((256 * width + int(128 / mdw)) / 256 * mdw)


def row_px(height_pt):
    return int(round(height_pt * DPI / 72))


# --- displayed text ----------------------------------------------------------------------------

def format_number(value, number_format):
    """The text Excel shows for a number in a usual format ('#,##0.0', '0%', 'General'…)."""
    fmt = number_format or "General"
    sections = fmt.split(";")
    if value < 0 and len(sections) > 1:
        fmt, value = sections[1], -value
    elif value == 0 and len(sections) > 2:
        fmt = sections[2]
    else:
        fmt = sections[0]
    fmt = re.sub(r"\[[^\]]*\]", "", fmt)
    if fmt.strip().lower() in ("general", ""):
        if isinstance(value, int) or float(value).is_integer() and abs(value) < 1e11:
            return str(int(value))
        text = "%.10g" % value
        return text if len(text) <= 11 else "%.5E" % value
    literal = re.findall(r'"([^"]*)"|\\(.)', fmt)
    literal_text = "".join(a or b for a, b in literal)
    body = re.sub(r'"[^"]*"|\\.|_.|\*.', "", fmt)
    if "%" in body:
        value = value * 100
    match = re.search(r"[0#?][0#?,]*(?:\.([0#?]*))?", body)
    decimals = len(match.group(1)) if match and match.group(1) else 0
    grouped = "," in (match.group(0) if match else "")
    text = ("{:,.%df}" if grouped else "{:.%df}") % decimals
    text = text.format(value)
    return text + ("%" if "%" in body else "") + literal_text


def format_date(value, number_format):
    fmt = (number_format or "").lower()
    tokens = [("yyyy", "%Y"), ("yy", "%y"), ("dd", "%d"), ("mm", "%m"), ("hh", "%H"), ("ss", "%S")]
    out = re.sub(r'"[^"]*"|\\', "", fmt)
    for token, code in tokens:
        out = out.replace(token, code)
    try:
        return value.strftime(out) if "%" in out else value.strftime("%d/%m/%Y")
    except ValueError:
        return str(value)


def displayed_text(value, number_format):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        return format_number(value, number_format)
    if hasattr(value, "strftime"):
        return format_date(value, number_format)
    return str(value)


def wrap_lines(metrics, size_pt, text, width_px):
    """Lines of text wrapped word by word at width_px; a word wider than a line is broken."""
    count = 0
    for paragraph in text.split("\n"):
        words = paragraph.split(" ")
        line = ""
        lines = 1
        for word in words:
            candidate = word if line == "" else line + " " + word
            if metrics.text_px(candidate, size_pt) <= width_px:
                line = candidate
                continue
            if line != "":
                lines += 1
            line = word
            while metrics.text_px(line, size_pt) > width_px and len(line) > 1:
                cut = len(line)
                while cut > 1 and metrics.text_px(line[:cut], size_pt) > width_px:
                    cut -= 1
                line = line[cut:]
                lines += 1
        count += lines
    return count


# --- references --------------------------------------------------------------------------------

def column_letter(index):
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_index(letters):
    index = 0
    for char in letters.upper():
        index = index * 26 + ord(char) - 64
    return index


def parse_range(text):
    """'$A$1:$H$42' or 'A1' -> (first row, first col, last row, last col), or None; whole rows
    '$8:$10' give columns 1..16384, whole columns '$A:$B' rows 1..1048576."""
    text = text.replace("$", "")
    match = re.fullmatch(r"([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?", text)
    if match:
        c1, r1, c2, r2 = match.groups()
        c2, r2 = c2 or c1, r2 or r1
        return int(r1), column_index(c1), int(r2), column_index(c2)
    match = re.fullmatch(r"(\d+):(\d+)", text)
    if match:
        return int(match.group(1)), 1, int(match.group(2)), 16384
    match = re.fullmatch(r"([A-Z]+):([A-Z]+)", text)
    if match:
        return 1, column_index(match.group(1)), 1048576, column_index(match.group(2))
    return None


def split_sheet_reference(text):
    """"'Tổng hợp'!$A$1:$I$58,…" -> [(sheet, range text)]."""
    out = []
    for part in re.findall(r"(?:'(?:[^']|'')+'|[^,!']+)![^,]+", text):
        sheet, _, ref = part.rpartition("!")
        out.append((sheet.strip("'").replace("''", "'"), ref))
    return out


# --- the package's raw XML ---------------------------------------------------------------------

def sheet_parts(package):
    """Sheet name -> its part name (xl/worksheets/sheetN.xml), and sheet index -> name."""
    workbook = ElementTree.fromstring(package.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(package.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels.findall("pr:Relationship", NS)}
    parts, names = {}, []
    for sheet in workbook.findall("m:sheets/m:sheet", NS):
        target = targets[sheet.get("{%s}id" % REL_NS)]
        parts[sheet.get("name")] = target.lstrip("/") if target.startswith("/") else "xl/" + target
        names.append(sheet.get("name"))
    defined = {}
    for item in workbook.findall("m:definedNames/m:definedName", NS):
        if item.get("localSheetId") is not None and item.get("name").startswith("_xlnm."):
            sheet = names[int(item.get("localSheetId"))]
            defined[(sheet, item.get("name"))] = item.text or ""
    return parts, defined


def related(package, part, kind):
    """Parts related to `part` whose relationship type ends with /kind."""
    folder, name = posixpath.split(part)
    rels_part = posixpath.join(folder, "_rels", name + ".rels")
    if rels_part not in package.namelist():
        return {}
    rels = ElementTree.fromstring(package.read(rels_part))
    out = {}
    for rel in rels.findall("pr:Relationship", NS):
        if rel.get("Type").endswith("/" + kind) and rel.get("TargetMode") != "External":
            target = rel.get("Target")
            # A target is relative to the part's folder, or absolute from the package's root.
            out[rel.get("Id")] = target[1:] if target.startswith("/") else \
                posixpath.normpath(posixpath.join(folder, target))
    return out


def sheet_setup(package, part):
    """Print set-up the sheet XML holds: fit to page, fitToWidth/Height, scale, paper,
    orientation, margins (inches), default column width and row height."""
    root = ElementTree.fromstring(package.read(part))
    setup = {"fit": False, "fit_width": 1, "fit_height": 1, "scale": 100, "paper": 1,
             "landscape": False, "left": 0.7, "right": 0.7, "top": 0.75, "bottom": 0.75,
             "default_width": None, "base_width": 8, "default_height": DEFAULT_ROW_HEIGHT_PT, "drawings": []}
    fit = root.find("m:sheetPr/m:pageSetUpPr", NS)
    setup["fit"] = fit is not None and fit.get("fitToPage") in ("1", "true")
    page = root.find("m:pageSetup", NS)
    if page is not None:
        setup["fit_width"] = int(page.get("fitToWidth", "1"))
        setup["fit_height"] = int(page.get("fitToHeight", "1"))
        setup["scale"] = int(page.get("scale", "100"))
        setup["paper"] = int(page.get("paperSize", "1"))
        setup["landscape"] = page.get("orientation") == "landscape"
    margins = root.find("m:pageMargins", NS)
    if margins is not None:
        for key in ("left", "right", "top", "bottom"):
            setup[key] = float(margins.get(key, setup[key]))
    sheet_format = root.find("m:sheetFormatPr", NS)
    if sheet_format is not None:
        if sheet_format.get("defaultColWidth"):
            setup["default_width"] = float(sheet_format.get("defaultColWidth"))
        setup["base_width"] = int(sheet_format.get("baseColWidth", "8"))
        setup["default_height"] = float(sheet_format.get("defaultRowHeight", DEFAULT_ROW_HEIGHT_PT))
    drawings = related(package, part, "drawing")
    for element in root.findall("m:drawing", NS):
        target = drawings.get(element.get("{%s}id" % REL_NS))
        if target:
            setup["drawings"].extend(drawing_anchors(package, target))
    return setup


def drawing_anchors(package, part):
    """Each anchored shape as (kind, name, anchor): anchor is ("cells", col0, colOff, row0,
    rowOff, col1, colOff, row1, rowOff) with 0-based cells and EMU offsets, ("one", col, off,
    row, off, cx, cy) or ("absolute", x, y, cx, cy) in EMU."""
    root = ElementTree.fromstring(package.read(part))
    out = []

    def point(element):
        return [int(element.find("xdr:" + tag, NS).text) for tag in ("col", "colOff", "row", "rowOff")]

    for anchor in root:
        tag = anchor.tag.split("}")[1]
        name = "drawing"
        for c_nv_pr in anchor.iter("{%s}cNvPr" % DRAWING_NS):
            name = c_nv_pr.get("name") or name
            break
        if tag == "twoCellAnchor":
            geometry = ("cells",) + tuple(point(anchor.find("xdr:from", NS)) + point(anchor.find("xdr:to", NS)))
        elif tag == "oneCellAnchor":
            ext = anchor.find("xdr:ext", NS)
            geometry = ("one",) + tuple(point(anchor.find("xdr:from", NS))) + (int(ext.get("cx")), int(ext.get("cy")))
        elif tag == "absoluteAnchor":
            pos, ext = anchor.find("xdr:pos", NS), anchor.find("xdr:ext", NS)
            geometry = ("absolute", int(pos.get("x")), int(pos.get("y")), int(ext.get("cx")), int(ext.get("cy")))
        else:
            continue
        out.append((name, geometry))
    return out


# --- one sheet ---------------------------------------------------------------------------------

class Grid:
    """Pixel positions of the sheet's columns and rows (1-based), as Excel lays them out. A row
    without a height of its own is as high as the sheet's default: LibreOffice does not grow it
    to its wrapped text when it opens an .xlsx, so a workbook must say how high its rows are."""

    def __init__(self, sheet, setup, mdw):
        self.sheet, self.mdw = sheet, mdw
        if setup["default_width"] is not None:
            self.default_col_px = column_px(setup["default_width"], mdw)
        else:
            # Excel's default: baseColWidth (8) digits and the padding, rounded up to 8 px:
            # 64 px, shown as 8.43, for Calibri 11.
            base = setup["base_width"] * mdw + CELL_PADDING_PX
            self.default_col_px = int(math.ceil(base / 8.0) * 8)
        self.default_row_px = row_px(setup["default_height"])
        self.col_widths = {}
        for dimension in sheet.column_dimensions.values():
            first = dimension.min or column_index(dimension.index)
            last = dimension.max or first
            for col in range(first, last + 1):
                if dimension.hidden:
                    self.col_widths[col] = 0
                elif dimension.customWidth or dimension.width:
                    self.col_widths[col] = column_px(dimension.width or 0, mdw)
        self.row_heights = {}
        for row, dimension in sheet.row_dimensions.items():
            if dimension.hidden:
                self.row_heights[row] = 0
            elif dimension.ht is not None:
                self.row_heights[row] = row_px(dimension.ht)
        self.col_edges, self.row_edges = [0, 0], [0, 0]

    def col_px(self, col):
        return self.col_widths.get(col, self.default_col_px)

    def row_px(self, row):
        return self.row_heights.get(row, self.default_row_px)

    def col_x(self, col):
        """Left edge of column col, px from the sheet's left."""
        while len(self.col_edges) <= col:
            self.col_edges.append(self.col_edges[-1] + self.col_px(len(self.col_edges) - 1))
        return self.col_edges[col]

    def row_y(self, row):
        while len(self.row_edges) <= row:
            self.row_edges.append(self.row_edges[-1] + self.row_px(len(self.row_edges) - 1))
        return self.row_edges[row]


class SheetCheck:
    def __init__(self, book_name, sheet, setup, defined, default_font):
        self.book_name, self.sheet, self.setup = book_name, sheet, setup
        self.problems = []
        self.mdw = max_digit_width(*default_font)
        self.grid = Grid(sheet, setup, self.mdw)
        self.merged = {}
        self.merged_member = set()
        for merged in sheet.merged_cells.ranges:
            self.merged[(merged.min_row, merged.min_col)] = (merged.max_row, merged.max_col)
            for r in range(merged.min_row, merged.max_row + 1):
                for c in range(merged.min_col, merged.max_col + 1):
                    self.merged_member.add((r, c))
        self.cells = {}
        for row in sheet.iter_rows():
            for cell in row:
                text = displayed_text(cell.value, cell.number_format)
                if text.strip() != "":
                    self.cells[(cell.row, cell.column)] = (cell, text)
        area = defined.get((sheet.title, "_xlnm.Print_Area"))
        areas = [parse_range(ref) for _, ref in split_sheet_reference(area)] if area else []
        areas = [a for a in areas if a]
        if areas:
            self.print_area = (min(a[0] for a in areas), min(a[1] for a in areas),
                               max(a[2] for a in areas), max(a[3] for a in areas))
        elif self.cells:
            self.print_area = (1, 1, max(r for r, _ in self.cells), max(c for _, c in self.cells))
        else:
            self.print_area = (1, 1, 1, 1)
        titles = defined.get((sheet.title, "_xlnm.Print_Titles"))
        self.title_rows, self.title_cols = [], []
        for _, ref in split_sheet_reference(titles or ""):
            parsed = parse_range(ref)
            if parsed and parsed[3] == 16384:
                self.title_rows.append((parsed[0], parsed[2]))
            elif parsed and parsed[2] == 1048576:
                self.title_cols.append((parsed[1], parsed[3]))

    def report(self, row, col, kind, detail):
        self.problems.append("%s:%s!%s%d: %s: %s" % (self.book_name, self.sheet.title,
                                                      column_letter(col), row, kind, detail))

    def span(self, row, col):
        last_row, last_col = self.merged.get((row, col), (row, col))
        return last_row, last_col

    def hidden(self, row, col):
        return self.grid.col_px(col) == 0 or self.grid.row_px(row) == 0

    def cell_font(self, cell):
        font = cell.font
        name = font.name or "Calibri"
        size = float(font.sz or 11)
        return font_metrics(name, bool(font.b), bool(font.i)), size

    def alignment(self, cell):
        horizontal = cell.alignment.horizontal or "general"
        if horizontal == "general":
            if isinstance(cell.value, bool):
                return "center"
            return "right" if isinstance(cell.value, (int, float)) or hasattr(cell.value, "strftime") else "left"
        if horizontal in ("centerContinuous", "center"):
            return "center"
        return horizontal

    def wraps(self, cell):
        return (bool(cell.alignment.wrap_text) or cell.alignment.horizontal in ("justify", "distributed")) \
            and isinstance(cell.value, str)

    def needed_lines(self, cell, text, width_px):
        metrics, size = self.cell_font(cell)
        if self.wraps(cell):
            return wrap_lines(metrics, size, text, max(width_px - CELL_PADDING_PX, 1))
        return 1

    def empty_run(self, row, col, step, limit):
        """Width of the empty cells from col + step onwards (step 1 or -1), up to column limit:
        Excel lets text run over them, and stops at the first cell that holds anything."""
        width, c = 0, col + step
        while 1 <= c <= limit and (row, c) not in self.cells and (row, c) not in self.merged_member:
            width += self.grid.col_px(c)
            c += step
        return width

    def text_box(self, row, col):
        """Where the cell's text is drawn, (x0, y0, x1, y1) px with its padding, the text's
        width (of its widest paragraph when it wraps), and the cell's or span's width and height."""
        cell, text = self.cells[(row, col)]
        last_row, last_col = self.span(row, col)
        x0 = self.grid.col_x(col)
        width = sum(self.grid.col_px(c) for c in range(col, last_col + 1))
        y0 = self.grid.row_y(row)
        height = sum(self.grid.row_px(r) for r in range(row, last_row + 1))
        metrics, size = self.cell_font(cell)
        if self.wraps(cell):
            lines = [p for p in text.split("\n")]
            text_px = max(min(metrics.text_px(p, size), width - CELL_PADDING_PX) for p in lines)
        else:
            text_px = metrics.text_px(text.replace("\n", ""), size)
        ink = text_px + CELL_PADDING_PX
        align = self.alignment(cell)
        if align == "right":
            return (x0 + width - ink, y0, x0 + width, y0 + height), text_px, width, height
        if align == "center":
            middle = x0 + width / 2
            return (middle - ink / 2, y0, middle + ink / 2, y0 + height), text_px, width, height
        return (x0, y0, x0 + ink, y0 + height), text_px, width, height

    def check_cells(self):
        r0, c0, r1, c1 = self.print_area
        for (row, col), (cell, text) in sorted(self.cells.items()):
            # A cell outside the print area is reported as such: how it would print is moot.
            if self.hidden(row, col) or not (r0 <= row <= r1 and c0 <= col <= c1):
                continue
            _, text_px, width, height = self.text_box(row, col)
            need = math.ceil(text_px) + CELL_PADDING_PX
            shown = text if len(text) <= 60 else text[:57] + "..."
            merged = (row, col) in self.merged
            metrics, size = self.cell_font(cell)
            lines = self.needed_lines(cell, text, width)
            need_high = math.ceil(metrics.lines_px(lines, size))
            if need_high > height + ROW_TOLERANCE_PX:
                self.report(row, col, "row-too-low", "%r needs %d line%s, %d px high, has %d px"
                            % (shown, lines, "s" if lines > 1 else "", need_high, height))
            if self.wraps(cell):
                continue
            numeric = not isinstance(cell.value, str)
            available = width
            if not numeric and not merged:
                align = self.alignment(cell)
                # Text overflows into empty cells beside it, but no further than the print.
                right = self.empty_run(row, col, 1, c1)
                left = self.empty_run(row, col, -1, c0)
                if align == "left":
                    available += right
                elif align == "right":
                    available += left
                elif align == "center":
                    available += 2 * min(left, right)
            if need > available:
                self.report(row, col, "clipped", "%r needs %d px, has %d px" % (shown, need, available))

    def drawing_rect(self, geometry):
        grid = self.grid
        if geometry[0] == "cells":
            _, c0, dx0, r0, dy0, c1, dx1, r1, dy1 = geometry
            return (grid.col_x(c0 + 1) + dx0 / EMU_PER_PX, grid.row_y(r0 + 1) + dy0 / EMU_PER_PX,
                    grid.col_x(c1 + 1) + dx1 / EMU_PER_PX, grid.row_y(r1 + 1) + dy1 / EMU_PER_PX)
        if geometry[0] == "one":
            _, c0, dx0, r0, dy0, cx, cy = geometry
            x, y = grid.col_x(c0 + 1) + dx0 / EMU_PER_PX, grid.row_y(r0 + 1) + dy0 / EMU_PER_PX
            return x, y, x + cx / EMU_PER_PX, y + cy / EMU_PER_PX
        _, x, y, cx, cy = geometry
        return x / EMU_PER_PX, y / EMU_PER_PX, (x + cx) / EMU_PER_PX, (y + cy) / EMU_PER_PX

    def cell_at(self, x, y):
        """(row, col) of the cell holding point (x, y) px."""
        col, left = 1, 0
        while col < 16384 and left + self.grid.col_px(col) <= x:
            left += self.grid.col_px(col)
            col += 1
        row, top = 1, 0
        while row < 1048576 and top + self.grid.row_px(row) <= y:
            top += self.grid.row_px(row)
            row += 1
        return row, col

    def check_drawings(self):
        r0, c0, r1, c1 = self.print_area
        area = (self.grid.col_x(c0), self.grid.row_y(r0), self.grid.col_x(c1 + 1), self.grid.row_y(r1 + 1))
        for name, geometry in self.setup["drawings"]:
            x0, y0, x1, y1 = self.drawing_rect(geometry)
            row, col = self.cell_at(x0, y0)
            end_row, end_col = self.cell_at(x1 - 0.5, y1 - 0.5)
            where = "%s%d:%s%d" % (column_letter(col), row, column_letter(end_col), end_row)
            for (r, c) in sorted(self.cells):
                if self.hidden(r, c):
                    continue
                (bx0, by0, bx1, by1), _, _, _ = self.text_box(r, c)
                if bx0 < x1 - 0.5 and x0 + 0.5 < bx1 and by0 < y1 - 0.5 and y0 + 0.5 < by1:
                    text = self.cells[(r, c)][1]
                    self.report(r, c, "covered", "%r lies under %s (%s)"
                                % (text if len(text) <= 40 else text[:37] + "...", name, where))
            for first, last in self.title_rows:
                top, bottom = self.grid.row_y(first), self.grid.row_y(last + 1)
                # Beside the printed columns the title rows print nothing to cover.
                if top < y1 - 0.5 and y0 + 0.5 < bottom and x0 + 0.5 < area[2] and area[0] < x1 - 0.5:
                    self.report(row, col, "over-titles", "%s (%s) lies over the print-title rows %d:%d"
                                % (name, where, first, last))
            if x0 < area[0] - 0.5 or y0 < area[1] - 0.5 or x1 > area[2] + 0.5 or y1 > area[3] + 0.5:
                self.report(row, col, "outside-print", "%s (%s) reaches outside the print area %s"
                            % (name, where, self.area_text()))

    def area_text(self):
        r0, c0, r1, c1 = self.print_area
        return "%s%d:%s%d" % (column_letter(c0), r0, column_letter(c1), r1)

    def check_print_area(self):
        r0, c0, r1, c1 = self.print_area
        outside_cols, outside_rows = {}, {}
        for (row, col) in self.cells:
            if self.hidden(row, col):
                continue
            if not c0 <= col <= c1:
                outside_cols.setdefault(col, []).append(row)
            elif not r0 <= row <= r1:
                outside_rows.setdefault(row, []).append(col)
        for col, rows in sorted(outside_cols.items()):
            self.report(min(rows), col, "outside-print", "column %s holds %d cell%s outside the print area %s"
                        % (column_letter(col), len(rows), "s" if len(rows) > 1 else "", self.area_text()))
        for row, cols in sorted(outside_rows.items()):
            self.report(row, min(cols), "outside-print", "row %d holds %d cell%s outside the print area %s"
                        % (row, len(cols), "s" if len(cols) > 1 else "", self.area_text()))

    def check_page_width(self):
        setup = self.setup
        r0, c0, r1, c1 = self.print_area
        width_px = sum(self.grid.col_px(c) for c in range(c0, c1 + 1))
        height_px = sum(self.grid.row_px(r) for r in range(r0, r1 + 1))
        paper_w, paper_h = PAPER_INCHES.get(setup["paper"], PAPER_INCHES[1])
        if setup["landscape"]:
            paper_w, paper_h = paper_h, paper_w
        page_w = (paper_w - setup["left"] - setup["right"]) * DPI
        page_h = (paper_h - setup["top"] - setup["bottom"]) * DPI
        if width_px == 0:
            return
        if setup["fit"]:
            scales = []
            if setup["fit_width"] > 0:
                scales.append(self.width_scale(page_w, setup["fit_width"]))
            if setup["fit_height"] > 0 and height_px:
                scales.append(page_h * setup["fit_height"] / height_px)
            scale = min([1.0] + scales) * 100
            if scale < MIN_FIT_SCALE:
                self.report(r0, c0, "page-width", "fitting %s (%d x %d px) on %s page%s needs %d %%, under %d %%"
                            % (self.area_text(), width_px, height_px, setup["fit_width"] or "any",
                               "s" if setup["fit_width"] != 1 else "", scale, MIN_FIT_SCALE))
        else:
            scaled = width_px * setup["scale"] / 100
            if scaled > page_w + 0.5:
                self.report(r0, c0, "page-width", "%s is %d px wide at %d %%, the page %d px"
                            % (self.area_text(), scaled, setup["scale"], page_w))

    def pages_wide(self, page_w, scale):
        """The pages the print area takes across at a scale: a page breaks between two columns,
        and the print-title columns print again at the left of every page after the first."""
        r0, c0, r1, c1 = self.print_area
        repeated = sum(self.grid.col_px(c) for first, last in self.title_cols
                       for c in range(first, last + 1))
        room, pages, used, first_page = page_w / scale, 1, 0.0, True
        for col in range(c0, c1 + 1):
            px = self.grid.col_px(col)
            if used + px > room + 0.5 and used > (0 if first_page else repeated):
                pages, used, first_page = pages + 1, repeated, False
            used += px
        return pages

    def width_scale(self, page_w, pages):
        """The largest scale (a fraction, at most 1) at which the print area is `pages` pages
        wide or less, to the percent, as a renderer fits a sheet to pages."""
        r0, c0, r1, c1 = self.print_area
        width_px = sum(self.grid.col_px(c) for c in range(c0, c1 + 1))
        if pages == 1 or not self.title_cols:
            return page_w * pages / width_px
        for percent in range(100, 9, -1):
            if self.pages_wide(page_w, percent / 100) <= pages:
                return percent / 100
        return 0.09

    def run(self):
        self.check_cells()
        self.check_drawings()
        self.check_print_area()
        self.check_page_width()
        return self.problems


def default_font(book):
    """The workbook's default font (the Normal style's): name and size."""
    try:
        font = book._fonts[0]
        return font.name or "Calibri", float(font.sz or 11)
    except (AttributeError, IndexError):
        return "Calibri", 11.0


def check_workbook(path, name=None):
    """Every problem of every sheet, as report lines."""
    import openpyxl   # python3-openpyxl
    warnings.simplefilter("ignore")   # openpyxl on the workbook's properties
    name = name or os.path.splitext(os.path.basename(path))[0]
    book = openpyxl.load_workbook(path, data_only=True)
    problems = []
    with zipfile.ZipFile(path) as package:
        parts, defined = sheet_parts(package)
        for sheet in book.worksheets:
            setup = sheet_setup(package, parts[sheet.title])
            problems += SheetCheck(name, sheet, setup, defined, default_font(book)).run()
    return problems


def problem_key(line):
    """'NAME:SHEET!CELL: KIND' of a report line, without the figures that follow."""
    match = re.match(r"^(.*?![A-Z]+\d+: [a-z-]+)(?=:)", line)
    return match.group(1) if match else line


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--name", help="the workbook's name in the report (one workbook only)")
    parser.add_argument("workbooks", nargs="+")
    args = parser.parse_args(argv)
    if args.name and len(args.workbooks) != 1:
        parser.error("--name takes one workbook")
    count = 0
    for path in args.workbooks:
        for line in check_workbook(path, args.name):
            print(line)
            count += 1
    if count:
        print("layout_check: %d problem%s" % (count, "s" if count > 1 else ""), file=sys.stderr)
    return 1 if count else 0


if __name__ == "__main__":
    sys.exit(main())
