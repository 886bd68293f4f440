"""Assemble one packet folder: render, degrade, save the scans, the editable form and truth.json."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

from PIL import Image

from . import editable
from .render import render_pages
from .scan import degrade
from .specs import Packet

DPI = 150
JPEG_QUALITY = 70


def build_packet(packet: Packet, out: Path) -> Path:
    folder = out / packet.name
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    upright = render_pages(packet.documents, DPI)
    by_file: dict[str, list[Image.Image]] = {}
    pages: list[dict[str, Any]] = []
    documents: list[dict[str, Any]] = []
    images = iter(upright)
    for index, doc in enumerate(packet.documents, start=1):
        refs = []
        for scan in doc.scans:
            image = degrade(next(images), scan)
            if "{n" in doc.file:
                count = sum(len(v) for k, v in by_file.items() if k.startswith(doc.file.split("{")[0]))
                file, page = doc.file.format(n=count + 1), 1
            else:
                file, page = doc.file, len(by_file.get(doc.file, [])) + 1
            by_file.setdefault(file, []).append(image)
            pages.append({"file": file, "page": page, "doc_type": doc.doc_type, "document": index,
                          "rotation": scan.rotation, "variant": scan.variant(DPI), "font": doc.font_name,
                          "born_digital": False})
            refs.append({"file": file, "page": page})
        documents.append({"index": index, "doc_type": doc.doc_type, "pages": refs, "fields": dict(doc.truth)})
    _save(folder, by_file, dt.date.fromisoformat(packet.submission_date))
    files = list(by_file)
    if packet.editable == "docx":
        editable.write_docx(folder / "申请表.docx", packet.form)
        files.append("申请表.docx")
    elif packet.editable == "xlsx":
        editable.write_xlsx(folder / "申请表.xlsx", packet.form)
        files.append("申请表.xlsx")
    truth = {"submission": packet.name, "seed": 0, "submission_date": packet.submission_date,
             "district": packet.district, "files": files, "pages": pages, "documents": documents,
             "application": {"source": "scan" if packet.editable == "none" else packet.editable,
                             "fields": dict(packet.form)},
             "findings": packet.findings, "planted": packet.planted}
    (folder / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
    return folder


def _save(folder: Path, by_file: dict[str, list[Image.Image]], scanned_on: dt.date) -> None:
    # Fixed PDF dates keep the output byte-identical (Pillow stamps 'now' otherwise).
    stamp = dt.datetime(scanned_on.year, scanned_on.month, scanned_on.day, 10, 15).timetuple()
    for file, images in by_file.items():
        path = folder / file
        path.parent.mkdir(parents=True, exist_ok=True)
        if file.endswith(".pdf"):
            images[0].save(path, "PDF", save_all=True, append_images=images[1:], resolution=DPI,
                           quality=JPEG_QUALITY, creationDate=stamp, modDate=stamp, producer="handmade scanner")
        else:
            images[0].save(path, "JPEG", quality=JPEG_QUALITY, dpi=(DPI, DPI))
