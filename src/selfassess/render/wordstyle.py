"""The Word file's house style and metadata: a sans-serif body font, en-GB, honest app.xml.

python-docx's default template sets body text in its theme's serif font (Cambria), marks the
theme's font language en-US and ships an app.xml from another word processor ("Pages 1, Words
0"). A council sends a document in its house font; Arial is what most use, and LibreOffice
substitutes the metric-compatible Liberation Sans where Arial is not installed.
"""

from __future__ import annotations

from typing import Any

from selfassess.render import wordruns
from selfassess.render.wordtext import Writer
from selfassess.render.wordwidths import LAYOUTS, STYLE_MARGIN, Layout
from selfassess.render.wordxml import element, mark_header_row, set_table_caption, shade

BODY_FONT = "Arial"
LANGUAGE = "en-GB"
APP_XML = (
    b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    b"<Application>selfassess</Application></Properties>"
)
HEADER_FILL = "E7E6E6"  # the shade of a table's header row
CHARACTERS_PER_CM = 5  # about how many characters of 10-11 pt Arial fill a centimetre
_THEME_ATTRIBUTES = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")
_FONT_ATTRIBUTES = ("ascii", "hAnsi", "eastAsia", "cs")


def set_fonts(document: Any, font: str = BODY_FONT) -> None:
    """Name the font in the default run properties and every style, in place of theme fonts."""
    from docx.oxml.ns import qn

    styles = document.styles.element
    for fonts in styles.iter(qn("w:rFonts")):
        _name_font(fonts, font)
    defaults = styles.find(qn("w:docDefaults"))
    properties = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    if properties.find(qn("w:rFonts")) is None:
        fonts = element("w:rFonts")
        properties.insert(0, fonts)
        _name_font(fonts, font)


def _name_font(fonts: Any, font: str) -> None:
    from docx.oxml.ns import qn

    for name in _THEME_ATTRIBUTES:
        fonts.attrib.pop(qn(f"w:{name}"), None)
    for name in _FONT_ATTRIBUTES:
        fonts.set(qn(f"w:{name}"), font)


def house_style(document: Any, reference: bool = False) -> None:
    """Give a new Word document en-GB throughout and a Hyperlink style; and, unless a council's
    reference document brings its own, the house font and text dark enough to read."""
    from selfassess.render.wordxml import ensure_hyperlink_style, set_language

    set_language(document, LANGUAGE)
    set_languages(document)
    if not reference:
        set_fonts(document)
        readable_colours(document)
    ensure_hyperlink_style(document)


#: WCAG 2.2 AA's least contrast for text against its (white) page.
LEAST_CONTRAST = 4.5


def readable_colours(document: Any) -> None:
    """Darken every paragraph and character style's text colour that is too light on white.

    python-docx's template colours Heading 2 to 4, Caption and others in its theme's
    light blue (4F81BD, 4.0:1 on white). Each such colour is darkened, keeping its hue,
    until it reaches 4.5:1; the theme reference goes, or Word would take the theme's again.
    """
    from docx.oxml.ns import qn

    for style in document.styles.element.iter(qn("w:style")):
        if style.get(qn("w:type")) not in ("paragraph", "character"):
            continue  # table styles put white text on dark cells
        for colour in style.iter(qn("w:color")):
            value = colour.get(qn("w:val"), "auto")
            if value == "auto" or contrast_on_white(value) >= LEAST_CONTRAST:
                continue
            colour.set(qn("w:val"), _darkened(value))
            for name in ("themeColor", "themeShade", "themeTint"):
                colour.attrib.pop(qn(f"w:{name}"), None)


def contrast_on_white(hex_colour: str) -> float:
    """Return a colour's contrast ratio against white, as WCAG 2 defines it."""
    red, green, blue = (int(hex_colour[i : i + 2], 16) / 255 for i in (0, 2, 4))

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    luminance = 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    return 1.05 / (luminance + 0.05)


def _darkened(hex_colour: str) -> str:
    channels = [int(hex_colour[i : i + 2], 16) for i in (0, 2, 4)]
    found = hex_colour
    for step in range(100, -1, -1):
        found = "".join(f"{channel * step // 100:02X}" for channel in channels)
        if contrast_on_white(found) >= LEAST_CONTRAST:
            break
    return found


def set_languages(document: Any, language: str = LANGUAGE) -> None:
    """Mark every language setting in the styles, and the theme's font language, as en-GB."""
    from docx.oxml.ns import qn

    for lang in document.styles.element.iter(qn("w:lang")):
        lang.set(qn("w:val"), language)
        if lang.get(qn("w:eastAsia")) == "en-US":
            lang.set(qn("w:eastAsia"), language)
    # Only changed where present: a setting added out of the schema's order would break the file.
    theme_lang = document.settings.element.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), language)


def keeps_whole(cells: tuple[str, ...], widths_cm: tuple[float, ...], lines: int = 12) -> bool:
    """Tell whether a row is short enough to keep on one page (estimated lines per cell).

    A long row may split, so it never leaves most of a page empty; a short one stays whole.
    """
    for text, width in zip(cells, widths_cm, strict=True):
        per_line = max(int(width * CHARACTERS_PER_CM), 1)
        needed = sum(-(-len(paragraph) // per_line) for paragraph in text.split("\n"))
        if needed > lines:
            return False
    return True


def add_table(
    body: Writer,
    caption: str,
    columns: tuple[str, ...],
    widths_cm: tuple[float, ...] | None,
    layout: Layout | None = None,
) -> Any:
    """Add a table with a caption (alt text) and a shaded header row that repeats on each page.

    Without widths, Word sizes the columns to their text. A layout (from fit_table) sets the
    cells' margins and the header's text size; the caller sizes the rows (size_rows).
    """
    from docx.shared import Cm

    grid = _new_table(body, len(columns))
    grid_style = body.styles.id("Table Grid")
    if grid_style:
        grid._tbl.tblStyle_val = grid_style
    widths = None if widths_cm is None else [Cm(width) for width in widths_cm]
    if widths is not None:
        grid.autofit = False
    set_table_caption(grid, caption)
    header = grid.rows[0]
    mark_header_row(header)
    if widths is not None:
        for column, width in zip(grid.columns, widths, strict=True):
            column.width = width
    for index, (cell, column) in enumerate(zip(header.cells, columns, strict=True)):
        if widths is not None:
            cell.width = widths[index]
        shade(cell, HEADER_FILL)
        wordruns.run(cell._tc.find(wordruns.P), column, bold=True)
    if layout is not None:
        _set_margins(grid, layout.margin)
        size_rows([header._tr], layout)
    return grid


def size_rows(rows: list[Any], layout: Layout) -> None:
    """Set the text of a table's rows in the layout's size, where it is not the body's."""
    if layout.points != LAYOUTS[0].points:
        for row in rows:
            wordruns.resize(row, layout.points)


def _set_margins(grid: Any, twips: int) -> None:
    """Give a table's cells their own left and right margins, where not the style's."""
    from docx.oxml.ns import qn

    if twips == STYLE_MARGIN:
        return
    margins = element("w:tblCellMar")
    for side in ("left", "right"):
        margins.append(element(f"w:{side}", w=str(twips), type="dxa"))
    properties = grid._tbl.tblPr
    after = properties.find(qn("w:tblLook"))
    if after is None:
        after = properties.find(qn("w:tblCaption"))
    if after is None:
        properties.append(margins)
    else:
        after.addprevious(margins)


def _new_table(body: Writer, columns: int) -> Any:
    """Add a table of one row as document.add_table does, in time that does not grow.

    python-docx looks for the last section through every paragraph of the document, and
    for the place to insert through every element of the body, so a document of many
    tables took time in the square of their number; the writer knows its section already.
    """
    if body.before is None:  # not a document's body: python-docx's own way
        return body.document.add_table(rows=1, cols=columns)
    from docx.oxml.table import CT_Tbl
    from docx.section import Section
    from docx.shared import Emu, Inches
    from docx.table import Table

    section = Section(body.before, body.document.part)
    page = section.page_width or Inches(8.5)
    width = Emu(page - (section.left_margin or Inches(1)) - (section.right_margin or Inches(1)))
    tbl = CT_Tbl.new_tbl(1, columns, width)
    body.before.addprevious(tbl)
    grid = Table(tbl, body.parent)
    grid.style = None
    return grid


def add_row(grid: Any, whole: bool = True) -> list[Any]:
    """Add a row, its cells at the table's column widths, kept on one page if whole.

    The row is built as XML directly (python-docx searches for each element's place),
    making the elements python-docx's add_row would; return its cells.
    """
    from docx.oxml.ns import qn
    from docx.table import _Cell

    columns = [column.get(qn("w:w")) for column in grid._tbl.tblGrid.gridCol_lst]
    return [_Cell(tc, grid) for tc in wordruns.table_row(grid._tbl, columns, whole)]
