"""Low-level Word helpers python-docx lacks: hyperlinks, header rows, language, fixed zips."""

from __future__ import annotations

import dataclasses
import io
import re
import zipfile
import zlib
from functools import cache
from typing import Any, TypeVar

HYPERLINK_STYLE = "Hyperlink"
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)
# What XML, and so Word, cannot hold: C0 controls other than tab and line ends, lone
# surrogates, U+FFFE and U+FFFF; and DEL and the C1 controls, which XML allows but no
# reader wants. YAML lets them in through escapes such as "\x01" or "\x1b".
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
T = TypeVar("T")


def xml_safe(value: T) -> T:
    """Return text, or a view of dataclasses, tuples, lists and dicts, without what XML refuses.

    The one place every string is made safe before it reaches Word, SVG, HTML, Markdown
    or CSV: each document kind passes its whole view through it once. What holds nothing
    to remove is returned as it is, not copied.
    """
    found: Any = value
    kind = type(found)
    if kind is str:
        if _NOT_XML.search(found):
            found = _NOT_XML.sub("", found)
    elif kind is tuple or kind is list:
        items = [xml_safe(item) for item in found]
        if any(new is not old for new, old in zip(items, found, strict=True)):
            found = kind(items)
    elif kind is dict:
        pairs = {xml_safe(key): xml_safe(item) for key, item in found.items()}
        if any(
            new is not old for new, old in zip(pairs.values(), found.values(), strict=True)
        ) or any(new is not old for new, old in zip(pairs, found, strict=True)):
            found = pairs
    elif isinstance(found, str):  # a str subclass, such as markupsafe's Markup
        if _NOT_XML.search(found):
            found = _NOT_XML.sub("", found)
    else:
        changes = {}
        for name in _field_names(kind):  # type: ignore[arg-type]  # a class is hashable
            old = getattr(found, name)
            new = xml_safe(old)
            if new is not old:
                changes[name] = new
        if changes:
            found = dataclasses.replace(found, **changes)
    return found  # type: ignore[no-any-return]


@cache
def _field_names(kind: type) -> tuple[str, ...]:
    """Return a dataclass's field names (none for any other type), looked up once per type."""
    if not dataclasses.is_dataclass(kind):
        return ()
    return tuple(field.name for field in dataclasses.fields(kind))


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


class Hyperlinks:
    """A document part's hyperlink targets by address, so each link costs a look-up, not a search.

    python-docx searches every relationship for a match and for a free id on each new
    link, which grows with the square of the number of links. The ids given are the ones
    it would give: the same address reuses its id, a new one takes the lowest free id.
    """

    def __init__(self, part: Any) -> None:
        from docx.opc.constants import RELATIONSHIP_TYPE

        self.rels = part.rels
        self.reltype = RELATIONSHIP_TYPE.HYPERLINK
        self.ids = {
            rel.target_ref: rId
            for rId, rel in reversed(self.rels.items())  # the first match wins, as in python-docx
            if rel.is_external and rel.reltype == self.reltype
        }
        self.free = 1

    def rid(self, url: str) -> str:
        """Return the relationship id for an external address, adding one if it is new."""
        found = self.ids.get(url)
        if found is None:
            while f"rId{self.free}" in self.rels:
                self.free += 1
            found = self.ids[url] = f"rId{self.free}"
            self.rels.add_relationship(self.reltype, url, found, is_external=True)
        return found


def add_hyperlink(
    paragraph: Any,
    url: str,
    text: str,
    style_id: str | None,
    bold: bool = False,
    italic: bool = False,
    links: Hyperlinks | None = None,
) -> None:
    """Add a hyperlink to an external address, in the given character style."""
    from docx.oxml.ns import qn

    relationship = (links or Hyperlinks(paragraph.part)).rid(url)
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


def shade(cell: Any, fill: str) -> None:
    """Give a table cell a background colour (hex RGB)."""
    cell._tc.get_or_add_tcPr().append(element("w:shd", val="clear", color="auto", fill=fill))


def set_table_caption(table: Any, caption: str) -> None:
    """Give a table the title screen readers announce (Word's Alt Text title)."""
    table._tbl.tblPr.append(element("w:tblCaption", val=caption))


def save_fixed(
    document: Any, replace: dict[str, bytes] | None = None, spilled: Spilled | None = None
) -> bytes:
    """Return a document's .docx bytes with fixed entry times and order, so renders reproduce.

    python-docx's own writer stamps the time and would have to be unzipped and zipped again;
    this writes its parts, in its order, once. Entries named in replace get the bytes given;
    the body takes back what was spilled from it.
    """
    from docx.opc import pkgwriter

    writer: Any = pkgwriter.PackageWriter  # its steps, given our zip writer in place of its own
    package = document.part.package
    parts = package.parts
    for part in parts:
        part.before_marshal()
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        entries = _FixedEntries(target, replace or {}, spilled)
        writer._write_content_types_stream(entries, parts)
        writer._write_pkg_rels(entries, package.rels)
        writer._write_parts(entries, parts)
    return output.getvalue()


def fixed_entry(name: str) -> zipfile.ZipInfo:
    """Return a package entry deflated, dated 1980 and readable by all, so packages repeat."""
    info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


class _FixedEntries:
    """Stands in for python-docx's zip writer: each entry with a fixed time and permissions."""

    def __init__(
        self, target: zipfile.ZipFile, replace: dict[str, bytes], spilled: Spilled | None
    ) -> None:
        self.target = target
        self.replace = replace
        self.spilled = spilled

    def write(self, pack_uri: Any, blob: bytes) -> None:
        info = fixed_entry(pack_uri.membername)
        data = self.replace.get(pack_uri.membername) or blob
        if pack_uri.membername == _BODY and self.spilled is not None and self.spilled.chunks:
            pieces = self.spilled.restored(data)
            info.file_size = sum(len(piece) for piece in pieces)  # as writestr sets it
            with self.target.open(info, "w") as entry:
                for piece in pieces:
                    entry.write(piece)
            return
        if len(data) < _KEEP_DEFLATED or pack_uri.membername == _BODY:
            self.target.writestr(info, data)
            return
        info.file_size = len(data)  # as writestr sets it
        with self.target.open(info, "w") as entry:
            if hasattr(entry, "_compressor"):
                entry._compressor = _Deflated(deflated(data))
            entry.write(data)


#: Parts at least this large are deflated once per process (the template's style parts
#: come to 780 KB and are the same in every document); the body differs every time.
_KEEP_DEFLATED = 4096
_BODY = "word/document.xml"
_DEFLATED: dict[bytes, bytes] = {}


def deflated(data: bytes) -> bytes:
    """Return data deflated as zipfile deflates an entry, once per process for the same bytes."""
    found = _DEFLATED.get(data)
    if found is None:
        if len(_DEFLATED) >= 32:  # a long run with reference documents: keep the latest only
            _DEFLATED.clear()
        packer = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
        found = _DEFLATED[data] = packer.compress(data) + packer.flush()
    return found


class _Deflated:
    """A compressor that gives bytes deflated before, in zipfile's place (the same bytes)."""

    def __init__(self, packed: bytes) -> None:
        self.packed = packed

    def compress(self, data: bytes) -> bytes:
        packed, self.packed = self.packed, b""
        return packed

    def flush(self) -> bytes:
        return b""


_SPILL = "selfassess-spilled"
_SPILL_MARK = re.compile(rb"<\?selfassess-spilled (\d+)\?>")
_TAG = re.compile(rb"<[^ />]+")
_PROBE = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"


class Spilled:
    """Finished parts of a long document body, held as their XML text rather than as elements.

    lxml takes about 140 bytes an element, and a table of 10,000 rows of seven cells has
    over half a million: hundreds of MB for a few MB of XML. Each finished run of siblings
    (a table's rows so far, the body so far) is serialized as the whole document would
    write it and left in the tree as a processing instruction, which save_fixed replaces
    with its text, so the file is byte for byte what it would have been. User text cannot
    forge the instruction: in text and attributes lxml writes "<" as "&lt;".
    """

    def __init__(self) -> None:
        self.chunks: list[bytes] = []
        self.last_id = 0  # the highest drawing id spilled: python-docx numbers from the tree

    def unused_id(self, given: int) -> int:
        """Return a drawing id python-docx gave (one above the tree's), or one above those spilled."""
        return max(given, self.last_id + 1)

    def spill(self, elements: list[Any]) -> None:
        """Replace consecutive siblings by their text; nothing may change them afterwards."""
        if not elements:
            return
        from lxml import etree

        parent = elements[0].getparent()
        declared = _declarations(parent)
        texts = []
        for element in elements:
            text: bytes = etree.tostring(element, encoding="UTF-8", xml_declaration=False)
            named = _name_end(text)
            if text[named : named + len(declared)] != declared:
                raise ValueError(f"{element.tag} declares namespaces of its own")
            texts.append(text[:named] + text[named + len(declared) :])
            if b' id="' in text:  # none in most parts: no need to look
                for number in _ids()(element):  # as python-docx's next_id looks for them
                    if number.isdigit():
                        self.last_id = max(self.last_id, int(number))
        elements[0].addprevious(etree.ProcessingInstruction(_SPILL, str(len(self.chunks))))
        for element in elements:
            element.clear()  # freed where it is: lxml walks a subtree it moves out of the tree
            parent.remove(element)
        self.chunks.append(b"".join(texts))

    def restored(self, text: bytes) -> list[bytes]:
        """Return a part's bytes in pieces, each instruction replaced by its text (in which
        a table's rows spilled before the table itself was are instructions again)."""
        pieces = []
        start = 0
        for mark in _SPILL_MARK.finditer(text):
            pieces.append(text[start : mark.start()])
            pieces += self.restored(self.chunks[int(mark.group(1))])
            start = mark.end()
        pieces.append(text[start:])
        return pieces


@cache
def _ids() -> Any:
    """Return an XPath finding every plain id attribute under an element (compiled once)."""
    from lxml import etree

    return etree.XPath(".//@id")


def _declarations(parent: Any) -> bytes:
    """Return the namespace declarations lxml writes on a child of parent serialized alone."""
    from lxml import etree

    probe = etree.SubElement(parent, _PROBE)
    text: bytes = etree.tostring(probe, encoding="UTF-8", xml_declaration=False)
    parent.remove(probe)
    return text[_name_end(text) : -len(b"/>")]


def _name_end(text: bytes) -> int:
    """Return where an element's name ends in its serialized text (lxml writes "<w:tbl" first)."""
    found = _TAG.match(text)
    return found.end() if found else 0
