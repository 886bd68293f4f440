"""What every rule sees: the read submission, frozen, plus the day the binder was handed in."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field as dataclass_field

from extractor.checks.forensics.memo import ImageMemo
from extractor.pages import ReadPage
from extractor.second_look.verdict import SecondLook, region_key
from schemas.application import Application
from schemas.fields import ExtractedField
from schemas.report import DocumentEntry, PageEntry
from schemas.vocab import DocType


@dataclass(frozen=True)
class CheckContext:
    application: Application
    documents: Sequence[DocumentEntry]
    page_entries: Sequence[PageEntry]
    pages: Sequence[ReadPage]  # EMPTY when re-checking a stored report: image rules then skip
    submission_date: datetime.date
    # Values behind the first run's findings read again (extractor.second_look); the documents and
    # the form above already carry their revised readings.
    second_looks: Sequence[SecondLook] = ()
    # The image rules' measurements, shared by the contexts `dataclasses.replace` derives from
    # this one: a rerun after the second look measures no pixel twice.
    image_memo: ImageMemo = dataclass_field(default_factory=ImageMemo, compare=False, repr=False)

    def documents_of(self, *doc_types: DocType) -> list[DocumentEntry]:
        return [doc for doc in self.documents if doc.doc_type in doc_types]

    def pages_of(self, document: DocumentEntry) -> list[ReadPage]:
        """The read pages of one document, in its page order (empty when images are gone)."""
        by_ref = {(page.file, page.page): page for page in self.pages}
        return [by_ref[(ref.file, ref.page)] for ref in document.pages if (ref.file, ref.page) in by_ref]

    def revised(self, field: ExtractedField) -> ExtractedField:
        """A value a rule read from the pages itself, as the second look left it."""
        for look in self.second_looks:
            if region_key(look.first) == region_key(field):
                return look.revised()
        return field
