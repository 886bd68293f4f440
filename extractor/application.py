"""The application as the report states it: the editable form when sent, else the scanned one."""

from __future__ import annotations

from collections.abc import Sequence

from extractor.forms import read_editable_form
from extractor.ingest import EditableForm, FileKind
from extractor.options import InputLimits
from schemas.application import Application
from schemas.report import DocumentEntry
from schemas.vocab import ApplicationSource, DocType


def read_application(
    forms: Sequence[EditableForm], documents: Sequence[DocumentEntry], limits: InputLimits
) -> Application:
    """The editable form is what the applicant typed, so it wins over OCR of the scanned copy;
    scanned form pages are still kept as a document of their own in the report."""
    if forms:
        form = forms[0]
        fields = read_editable_form(form.path, display_name=form.name,
                                    max_unzipped_bytes=limits.max_unzipped_bytes).present()
        source = ApplicationSource.DOCX if form.kind is FileKind.DOCX else ApplicationSource.XLSX
        return Application(source=source, fields=fields)
    scanned = [doc for doc in documents if doc.doc_type is DocType.APPLICATION_FORM]
    if not scanned:
        return Application(source=ApplicationSource.NONE)
    merged: dict = {}
    for doc in scanned:
        for name, field in doc.fields.items():
            if name not in merged or field.confidence > merged[name].confidence:
                merged[name] = field
    return Application(source=ApplicationSource.SCAN, fields=merged)
