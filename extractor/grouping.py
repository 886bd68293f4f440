"""Grouping consecutive pages into documents.

A heading starts a document. A page without one joins the document before it when it carries
cues of the same type, or when that document is of a multi-page type and the page's own cues are
weak (page 3 of a lease that only talks about repairs). Otherwise it starts a document of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from extractor.classify import PageClass
from extractor.doctypes import REGISTRY
from schemas.vocab import DocType

WEAK_CONFIDENCE = 0.6


@dataclass(frozen=True)
class PageGroup:
    doc_type: DocType
    page_indices: list[int]


def group_pages(classes: list[PageClass]) -> tuple[list[PageGroup], list[PageClass]]:
    """Groups of page indices, and the page classes as adjusted by their group."""
    groups: list[PageGroup] = []
    adjusted = list(classes)
    for index, page_class in enumerate(classes):
        current = groups[-1] if groups else None
        if current is not None and not page_class.has_title and _continues(current, page_class):
            current.page_indices.append(index)
            if page_class.doc_type is not current.doc_type:
                adjusted[index] = replace(page_class, doc_type=current.doc_type,
                                          confidence=min(page_class.confidence, WEAK_CONFIDENCE))
            continue
        groups.append(PageGroup(page_class.doc_type, [index]))
    return groups, adjusted


def _continues(group: PageGroup, page_class: PageClass) -> bool:
    if page_class.doc_type is group.doc_type:
        return group.doc_type in REGISTRY and REGISTRY[group.doc_type].multi_page or \
            group.doc_type in (DocType.SERVICE_RECORD, DocType.OTHER)
    multi_page = group.doc_type in REGISTRY and REGISTRY[group.doc_type].multi_page
    return multi_page and page_class.confidence < WEAK_CONFIDENCE
