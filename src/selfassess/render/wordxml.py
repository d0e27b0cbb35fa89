"""Low-level Word helpers python-docx lacks: hyperlinks, header rows, language, fixed zips."""

from __future__ import annotations

import dataclasses
import io
import re
import zipfile
from typing import Any, TypeVar

from selfassess.render.usermarkdown import Span

HYPERLINK_STYLE = "Hyperlink"
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)
# What XML, and so Word, cannot hold: C0 controls other than tab and line ends, lone
# surrogates, U+FFFE and U+FFFF; and DEL and the C1 controls, which XML allows but no
# reader wants. YAML lets them in through escapes such as "\x01" or "\x1b".
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
T = TypeVar("T")


def xml_safe(value: T) -> T:
    """Return text, or a view made of frozen dataclasses and tuples, without what XML refuses."""
    found: Any = value
    if isinstance(found, str):
        found = _NOT_XML.sub("", found)
    elif isinstance(found, tuple):
        found = tuple(xml_safe(item) for item in found)
    elif dataclasses.is_dataclass(found) and not isinstance(found, type):
        changes = {f.name: xml_safe(getattr(found, f.name)) for f in dataclasses.fields(found)}
        found = dataclasses.replace(found, **changes)
    return found  # type: ignore[no-any-return]


def element(tag: str, **attributes: str) -> Any:
    """Make a WordprocessingML element, e.g. element("w:lang", val="en-GB")."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    made = OxmlElement(tag)
    for name, value in attributes.items():
        made.set(qn(f"w:{name}"), value)
    return made


def set_language(document: Any, language: str) -> None:
    """Set the document's default language in styles.xml (docDefaults), where Word reads it."""
    from docx.oxml.ns import qn

    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = element("w:docDefaults")
        styles.insert(0, defaults)
    run_default = defaults.find(qn("w:rPrDefault"))
    if run_default is None:
        run_default = element("w:rPrDefault")
        defaults.insert(0, run_default)
    properties = run_default.find(qn("w:rPr"))
    if properties is None:
        properties = element("w:rPr")
        run_default.append(properties)
    lang = properties.find(qn("w:lang"))
    if lang is None:
        lang = element("w:lang")
        successors = [qn(t) for t in ("w:eastAsianLayout", "w:specVanish", "w:oMath")]
        follower = next((c for c in properties if c.tag in successors), None)
        if follower is None:
            properties.append(lang)
        else:
            follower.addprevious(lang)
    lang.set(qn("w:val"), language)


def ensure_hyperlink_style(document: Any) -> None:
    """Add Word's Hyperlink character style (blue, underlined) if the template lacks it."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import RGBColor

    if any(s.name == HYPERLINK_STYLE for s in document.styles):
        return
    style = document.styles.add_style(HYPERLINK_STYLE, WD_STYLE_TYPE.CHARACTER)
    style.font.color.rgb = RGBColor(0x0B, 0x4F, 0x9C)
    style.font.underline = True
    style.unhide_when_used = True


def add_span(paragraph: Any, span: Span, link_style: str | None) -> None:
    """Add one run of text to a paragraph, as a working hyperlink when the span has a target."""
    if span.line_break:
        paragraph.add_run().add_break()
        return
    if span.href:
        add_hyperlink(paragraph, span.href, span.text, link_style, span.bold, span.italic)
        return
    run = paragraph.add_run(span.text)
    run.bold = span.bold or None
    run.italic = span.italic or None
    if span.strike:
        run.font.strike = True
    if span.code:
        run.font.name = "Consolas"


def add_hyperlink(
    paragraph: Any,
    url: str,
    text: str,
    style_id: str | None,
    bold: bool = False,
    italic: bool = False,
) -> None:
    """Add a hyperlink to an external address, in the given character style."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml.ns import qn

    relationship = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = element("w:hyperlink")
    link.set(qn("r:id"), relationship)
    run = element("w:r")
    properties = element("w:rPr")
    if style_id:
        properties.append(element("w:rStyle", val=style_id))
    if bold:
        properties.append(element("w:b"))
    if italic:
        properties.append(element("w:i"))
    run.append(properties)
    text_element = element("w:t")
    text_element.text = text
    text_element.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    run.append(text_element)
    link.append(run)
    paragraph._p.append(link)


def mark_header_row(row: Any) -> None:
    """Repeat a table's first row at the top of every page, and never split it."""
    properties = row._tr.get_or_add_trPr()
    properties.append(element("w:cantSplit"))
    properties.append(element("w:tblHeader"))


def keep_row_whole(row: Any) -> None:
    """Stop a row breaking across pages."""
    row._tr.get_or_add_trPr().append(element("w:cantSplit"))


def shade(cell: Any, fill: str) -> None:
    """Give a table cell a background colour (hex RGB)."""
    cell._tc.get_or_add_tcPr().append(element("w:shd", val="clear", color="auto", fill=fill))


def set_table_caption(table: Any, caption: str) -> None:
    """Give a table the title screen readers announce (Word's Alt Text title)."""
    table._tbl.tblPr.append(element("w:tblCaption", val=caption))


def fix_zip(data: bytes) -> bytes:
    """Rewrite a .docx zip with fixed entry times and order, so renders are reproducible."""
    source = zipfile.ZipFile(io.BytesIO(data))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(name))
    return output.getvalue()
