"""A tagged PDF with fpdf2: a nested structure tree, marked content and artifacts.

fpdf2 2.8 writes a structure tree only for images with alt text (each a /Figure directly under
/Document) and gives its structure elements no /Lang. A screen reader needs more: headings,
paragraphs, tables and lists in reading order, and the language of any text that differs from
the document's. This module keeps fpdf2's own tree objects (so fpdf2 still writes /StructTreeRoot,
/ParentTree, /StructParents and /MarkInfo) and adds nesting, /Lang, /Alt and table header
attributes; every piece of page content is either inside a tagged marked-content sequence or
marked as an /Artifact (decoration, page numbers). It relies on fpdf2's internal `_out` and
`struct_builder` (the version is pinned in requirements.lock); credentials/tests/test_pdf_tags.py
reads the tree back with pypdf, so an fpdf2 upgrade that changes them fails there.

The tree follows ISO 32000-1 section 14.7 (logical structure) and 14.8.4 (standard structure
types); the language entries follow section 14.9.2.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from fpdf import FPDF
from fpdf.annotations import AnnotationDict
from fpdf.errors import FPDFException
from fpdf.structure_tree import StructElem, StructureTreeBuilder
from fpdf.syntax import PDFObject, PDFString


class TaggedElem(StructElem):
    """A structure element with the optional entries fpdf2's StructElem lacks."""

    __slots__ = ("a", "lang")

    def __init__(self, struct_type: str, parent: PDFObject, page_number: int, **kwargs: Any):
        lang, attributes = kwargs.pop("lang", None), kwargs.pop("attributes", None)
        super().__init__(struct_type, parent, kids=[], page_number=page_number, **kwargs)
        self.lang = PDFString(lang) if lang else None
        self.a = attributes  # raw PDF dictionary text, e.g. table header scope


class StructureTree(StructureTreeBuilder):
    def __init__(self) -> None:
        super().__init__()
        self.elements: list[TaggedElem] = []
        self._next_mcid: dict[int, int] = {}

    def element(
        self, struct_type: str, parent: StructElem | None, page_number: int, **kwargs: Any
    ) -> TaggedElem:
        parent = parent or self.doc_struct_elem
        elem = TaggedElem(struct_type, parent, page_number, **kwargs)
        parent.k.append(elem)
        self.elements.append(elem)
        return elem

    def next_mcid(self, elem: TaggedElem, page_number: int) -> tuple[int, int]:
        """A new marked-content id on the page for `elem`, and the page's /StructParents key."""
        spid = self.spid_per_page_number.setdefault(page_number, len(self.spid_per_page_number))
        mcid = self._next_mcid.get(page_number, 0)
        self._next_mcid[page_number] = mcid + 1
        # The parent tree maps each marked-content id of a page, by position, to its element.
        self.struct_tree_root.parent_tree.nums[spid].append(elem)
        elem.k.append(mcid)
        return mcid, spid

    def add_marked_content(
        self,
        page_number: int,
        struct_type: str,
        mcid: int | None = None,
        title: str | None = None,
        alt_text: str | None = None,
    ) -> tuple[StructElem, int]:
        # fpdf2's own flat tagging (image alt_text, link alt_text, start_section) would put
        # elements outside this tree; tag with TaggedPDF.tagged() instead.
        raise NotImplementedError("use TaggedPDF.tagged(), not fpdf2's alt_text or sections")

    def empty(self) -> bool:
        return not self.elements

    def __iter__(self) -> Iterator[PDFObject]:
        yield self.struct_tree_root
        yield self.doc_struct_elem
        yield self.struct_tree_root.parent_tree
        yield from self.elements


class TaggedPDF(FPDF):
    """An FPDF whose callers wrap every drawing in `tagged(...)` or `artifact()`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tree = StructureTree()
        self.struct_builder = self.tree

    def group(
        self, struct_type: str, parent: StructElem | None = None, **kwargs: Any
    ) -> TaggedElem:
        """A structure element holding other elements (Table, TR, L, LI), no content of its own."""
        name = "/" + struct_type.lstrip("/")  # a PDF name, e.g. /H1
        elem = self.tree.element(name, parent, self.page, **kwargs)
        self._set_min_pdf_version("1.4")  # /MarkInfo
        # Nested elements need their page too (fpdf2 sets it only on /Document's children and
        # types it as always None).
        elem.pg = self.pages[self.page]  # type: ignore[assignment]
        return elem

    @contextmanager
    def tagged(
        self, struct_type: str, parent: StructElem | None = None, **kwargs: Any
    ) -> Iterator[TaggedElem]:
        """Everything drawn inside becomes the content of one new structure element.

        kwargs: lang (BCP 47 tag, when it differs from the document's), alt, attributes.
        """
        elem = self.group(struct_type, parent, **kwargs)
        mcid, spid = self.tree.next_mcid(elem, self.page)
        self.pages[self.page].struct_parents = spid
        start_page = self.page
        self._out(f"/{struct_type.lstrip('/')} <</MCID {mcid}>> BDC")
        yield elem
        if self.page != start_page:  # a sequence cannot span pages; callers break pages first
            raise FPDFException("a page break occurred inside a tagged sequence")
        self._out("EMC")

    def link(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        link: str | int,
        alt_text: str | None = None,
        **kwargs: Any,
    ) -> AnnotationDict:
        """A link annotation that says where it goes (PDF/UA-1 7.18.5): the address itself.

        fpdf2's own alt_text would add a /Link element outside this tree, so it is not passed on.
        """
        annotation = super().link(x, y, w, h, link, **kwargs)
        description = alt_text or (link if isinstance(link, str) else None)
        if description and annotation.contents is None:
            annotation.contents = PDFString(description, encrypt=True)
        return annotation

    @contextmanager
    def artifact(self) -> Iterator[None]:
        """Decoration and pagination: not part of the text a screen reader reads."""
        self._out("/Artifact BMC")
        yield
        self._out("EMC")
