"""Extract: each group of pages read by its doc-type module into a DocumentEntry of the report."""

from __future__ import annotations

from collections.abc import Sequence

from extractor.doctypes import REGISTRY
from extractor.grouping import PageGroup
from extractor.pages import ReadPage
from schemas.fields import PageRef
from schemas.report import DocumentEntry, PageError


def extract_documents(
    pages: Sequence[ReadPage], groups: Sequence[PageGroup]
) -> tuple[list[DocumentEntry], list[PageError]]:
    documents: list[DocumentEntry] = []
    errors: list[PageError] = []
    for number, group in enumerate(groups, start=1):
        group_pages = [pages[index] for index in group.page_indices]
        refs = [PageRef(file=page.file, page=page.page) for page in group_pages]
        try:
            fields = REGISTRY[group.doc_type].extract(group_pages).present()
        except Exception as exc:  # one document's failure is recorded, the binder goes on
            first = group_pages[0]
            errors.append(PageError(file=first.file, page=first.page, stage="extract",
                                    message=f"{group.doc_type}: {type(exc).__name__}: {exc}"))
            fields = {}
        documents.append(DocumentEntry(index=number, doc_type=group.doc_type, pages=refs, fields=fields))
    return documents, errors
