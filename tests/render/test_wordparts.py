"""Word documents built from a blank made once per process, with parts deflated once."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import docx

from selfassess.render.worddoc import _house_landscape, open_document, styled_document
from selfassess.render.wordstyle import APP_XML
from selfassess.render.wordtext import style_ids
from selfassess.render.wordxml import save_fixed


def _body_text(document: Any) -> list[str]:
    return [p.text for p in document.paragraphs]


def test_each_copy_starts_blank_whatever_an_earlier_one_was_given() -> None:
    first = styled_document(None)
    first.add_paragraph("only in the first document")
    first.styles["Heading 1"].font.size = docx.shared.Pt(30)
    second = styled_document(None)
    assert "only in the first document" not in _body_text(second)
    assert second.styles["Heading 1"].font.size != docx.shared.Pt(30)
    assert save_fixed(second) == save_fixed(styled_document(None))


def test_a_copy_gives_the_bytes_a_document_made_afresh_gives() -> None:
    copied = styled_document(None)
    fresh = _house_landscape()
    for document in (copied, fresh):
        document.add_paragraph("Title text", "Title")
        document.add_table(rows=2, cols=2).cell(1, 1).text = "a cell"
    assert save_fixed(copied, {"docProps/app.xml": APP_XML}) == save_fixed(
        fresh, {"docProps/app.xml": APP_XML}
    )


def test_parts_deflated_once_are_the_bytes_zipfile_writes() -> None:
    document = styled_document(None)
    document.add_paragraph("Some text")
    save_fixed(document)  # the style parts are deflated and kept
    written = save_fixed(document)
    archive = zipfile.ZipFile(io.BytesIO(written))
    again = io.BytesIO()
    with zipfile.ZipFile(again, "w", zipfile.ZIP_DEFLATED) as plain:
        for info in archive.infolist():
            plain.writestr(info, archive.read(info))
    assert again.getvalue() == written
    assert archive.testzip() is None
    assert len(archive.read("word/styles.xml")) > 300_000


def test_style_ids_are_python_docx_names_and_ids() -> None:
    for document in (styled_document(None), open_document(None)):
        expected = {style.name: str(style.style_id) for style in document.styles}
        assert style_ids(document) == expected
    assert style_ids(styled_document(None))["Heading 1"] == "Heading1"
