"""What a document-type module provides, and the registry that holds one module per doc_type."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Callable

from extractor.pages import ReadPage
from schemas.documents import DocumentFields
from schemas.vocab import DocType

Extract = Callable[[Sequence[ReadPage]], DocumentFields]


@dataclass(frozen=True)
class DocTypeSpec:
    """One document type: how to recognise its pages and how to read its fields.

    `titles` are regular expressions for a heading that starts a new document of this type
    (matched against the page text with all whitespace removed); `keywords` are weaker evidence
    that a page belongs to the type, also seen on continuation pages without a heading.
    """

    doc_type: DocType
    titles: tuple[str, ...]
    keywords: tuple[str, ...]
    extract: Extract
    multi_page: bool = False
    # A field is printed only inside a seal (the issuer's name around a licence's 登记机关 seal):
    # the pipeline reads the seals of these pages before extraction (extractor.seal_text).
    reads_seals: bool = False
    # No field is read from this type's pages (SPEC names none): once a page's headings say it is
    # one of them, the rest of its lines need not be read (extractor.page_read).
    reads_fields: bool = True


class DocTypeRegistry:
    def __init__(self) -> None:
        self._specs: dict[DocType, DocTypeSpec] = {}

    def register(self, spec: DocTypeSpec) -> DocTypeSpec:
        if spec.doc_type in self._specs:
            raise ValueError(f"doc_type {spec.doc_type} registered twice")
        self._specs[spec.doc_type] = spec
        return spec

    def __getitem__(self, doc_type: DocType) -> DocTypeSpec:
        return self._specs[doc_type]

    def __contains__(self, doc_type: object) -> bool:
        return doc_type in self._specs

    def specs(self) -> list[DocTypeSpec]:
        return list(self._specs.values())
