"""Shared helpers for plants: find documents, record findings, reserve what a plant changes."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import build_docs
from .model import SEVERITY, Document, Finding, Submission

D = dt.date
LICENCES = ("business_license", "legal_person_certificate")
STAFF_DOCS = ("diploma", "title_certificate", "qualification_certificate", "id_card")
STATEMENT_DOCS = ("balance_sheet", "income_statement", "cash_flow_statement")


@dataclass
class DuplicateRegistry:
    """Staff seen earlier in a batch, so a later submission can reuse a person or certificate."""

    people: list[tuple[Path, dict[str, Any], set[str]]] = field(default_factory=list)

    def record(self, sub: Submission, folder: Path) -> None:
        for member in sub.entity["staff"]:
            if member.get("id_broken") or member.get("duplicate"):
                continue
            types = {d.doc_type for d in sub.documents if d.fields.get("holder_name") == member["name"]}
            if types:
                self.people.append((folder, member, types))


def docs_of(sub: Submission, *types: str) -> list[Document]:
    return [d for d in sub.documents if d.doc_type in types]


def add_finding(sub: Submission, code: str, field_name: str | None, doc: Document | None = None) -> Finding:
    finding = Finding(code, SEVERITY[code], field_name)
    sub.findings.append(finding)
    if doc is not None and field_name is not None:
        doc.extra.setdefault("finding_refs", {})[field_name] = finding
    return finding


def claim(sub: Submission, *resources: str) -> bool:
    """Reserve resources (a document kind or a form field) so two plants never fight over one."""
    touched: set[str] = sub.form_extra.setdefault("touched", set())
    if touched & set(resources):
        return False
    touched.update(resources)
    return True


def licence_of(sub: Submission) -> Document | None:
    found = docs_of(sub, *LICENCES)
    return found[0] if found else None


def replace_staff_docs(sub: Submission, member: dict[str, Any], rng: random.Random,
                        old_name: str | None = None) -> list[Document]:
    name = old_name or member["name"]
    positions = [i for i, d in enumerate(sub.documents) if d.doc_type in STAFF_DOCS and d.fields.get("holder_name") == name]
    at = positions[0] if positions else next(i for i, d in enumerate(sub.documents) if d.doc_type in
                                             ("lease_contract", "property_certificate", "balance_sheet", "service_record"))
    sub.documents = [d for i, d in enumerate(sub.documents) if i not in positions]
    new_docs = build_docs.staff_documents(rng, member)
    sub.documents[at:at] = new_docs
    return new_docs


