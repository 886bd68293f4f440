"""Render a Submission's documents to pages, scan them, package the files and write truth.json."""

from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import ImageDraw

from . import editable
from .born_digital import write_statements_pdf
from .canvas import Page
from .fonts import FONT_SETS, FontSpec
from .model import Document, Submission, to_json_value
from .render_finance import render_balance_sheet, render_cash_flow, render_income_statement
from .render_form import render_form
from .render_licence import render_licence
from .render_misc import render_other, render_service
from .render_premises import render_lease, render_property
from .render_staff import render_diploma, render_id_card, render_qualification, render_title
from .scan import Scan, degrade
from .stamps import apply_seals, apply_signatures

TOC_ITEMS = ["广州市中小企业服务站申请表", "营业执照副本复印件", "专职工作人员情况", "固定经营服务场所证明",
             "财务报表", "开展相关服务的证明材料"]
STATEMENTS = ("balance_sheet", "income_statement")


@dataclass
class RenderedPage:
    page: Page
    document: int  # 1-based index in binder order
    doc: Document


def _render_document(doc: Document, sub: Submission, font: FontSpec, rng: random.Random) -> list[Page]:
    t = doc.doc_type
    if t == "application_form":
        signed = sub.submission_date - dt.timedelta(days=rng.randint(1, 10))
        return render_form(sub, font, rng, doc.applicant_seal, signed)
    if t in ("business_license", "legal_person_certificate"):
        return [render_licence(doc, font, rng, doc.applicant_seal)]
    if t == "diploma":
        return [render_diploma(doc, font, rng)]
    if t == "title_certificate":
        return [render_title(doc, font, rng)]
    if t == "qualification_certificate":
        return [render_qualification(doc, font, rng)]
    if t == "id_card":
        return [render_id_card(doc, font, rng)]
    if t == "lease_contract":
        return render_lease(doc, font, rng)
    if t == "property_certificate":
        return [render_property(doc, font, rng)]
    if t == "balance_sheet":
        return [render_balance_sheet(doc, font, rng, doc.applicant_seal)]
    if t == "income_statement":
        return [render_income_statement(doc, font, rng, doc.applicant_seal)]
    if t == "cash_flow_statement":
        return [render_cash_flow(doc, font, rng, doc.applicant_seal)]
    if t == "service_record":
        return [render_service(doc, font, rng)]
    return [render_other(doc, font, rng, sub.entity["name"], TOC_ITEMS)]


def _blot(page: Page, key: str, rng: random.Random) -> None:
    """A coffee stain / ink blot that makes one field unreadable."""
    x0, y0, x1, y1 = page.boxes[key]
    draw = ImageDraw.Draw(page.img)
    colour = rng.choice(((70, 45, 25), (25, 25, 30)))
    for _ in range(6):
        cx, cy = rng.uniform(x0, x1), rng.uniform(y0, y1)
        rx, ry = (x1 - x0) * rng.uniform(0.25, 0.5), (y1 - y0) * rng.uniform(0.7, 1.2)
        draw.ellipse((cx - rx, cy - ry, cx + rx, cy + ry), fill=colour)
    draw.rectangle((x0 - 4, y0 - 4, x1 + 4, y1 + 4), fill=colour)


def _packaging(rng: random.Random) -> str:
    return rng.choices(("single_pdf", "split_pdfs", "image_folder", "tiff"), weights=(50, 20, 15, 15))[0]


def _file_names(mode: str, n_pages: int, docs_of_pages: list[int], rng: random.Random) -> list[tuple[str, int]]:
    """(file, 1-based page in file) for every scanned page."""
    if mode == "single_pdf":
        name = rng.choice(("binder.pdf", "申报材料扫描件.pdf", "扫描件.pdf"))
        return [(name, i + 1) for i in range(n_pages)]
    if mode == "tiff":
        return [("binder.tif", i + 1) for i in range(n_pages)]
    if mode == "image_folder":
        exts = [rng.choice((".jpg", ".jpg", ".jpg", ".jpg", ".png")) for _ in range(n_pages)]
        return [(f"扫描件/page_{i + 1:03d}{exts[i]}", 1) for i in range(n_pages)]
    # split_pdfs: cut at document boundaries into 2-3 parts
    boundaries = [i for i in range(1, n_pages) if docs_of_pages[i] != docs_of_pages[i - 1]]
    cuts = sorted(rng.sample(boundaries, min(len(boundaries), rng.choice((1, 2)))))
    out, part, start = [], 1, 0
    for i in range(n_pages):
        if part - 1 < len(cuts) and i == cuts[part - 1]:
            part, start = part + 1, i
        out.append((f"part{part}.pdf", i - start + 1))
    return out


def write_submission(sub: Submission, out_dir: Path, rng: random.Random, profile: str, font_set: str,
                     force_dpi: int | None = None) -> Path:
    folder = out_dir / sub.name
    folder.mkdir(parents=True, exist_ok=True)
    fonts = FONT_SETS[font_set]
    born_digital = rng.random() < (0.0 if profile == "clean" else 0.15)
    rendered: list[RenderedPage] = []
    digital_docs: list[tuple[int, Document]] = []
    for index, doc in enumerate(sub.documents, start=1):
        if born_digital and doc.doc_type in STATEMENTS and not doc.image_plants:
            digital_docs.append((index, doc))
            continue
        font = rng.choice(fonts)
        for page in _render_document(doc, sub, font, rng):
            rendered.append(RenderedPage(page, index, doc))
    mode = _packaging(rng)
    locations = _file_names(mode, len(rendered), [r.document for r in rendered], rng)
    scans: list[Scan] = []
    dpi = force_dpi or (200 if profile == "clean" else rng.choice((150, 200)))
    for r, (file, page_no) in zip(rendered, locations):
        page = r.page
        for key, kind in r.doc.image_plants.items():
            if kind == "blot" and key in page.boxes:
                _blot(page, key, rng)
        apply_seals(page)
        apply_signatures(page)
        tamper = [page.boxes[k] for k, kind in r.doc.image_plants.items() if kind == "tamper" and k in page.boxes]
        scan = degrade(page.img, rng, profile, tamper_boxes=tamper, photo_ok=not tamper,
                       force_photo=profile == "photo" and rng.random() < 0.35,
                       force_rotation=rng.choice((90, 180, 270)) if profile == "photo" and rng.random() < 0.3 else None,
                       dpi=dpi)
        scans.append(scan)
        for key, finding in r.doc.extra.get("finding_refs", {}).items():
            if key in page.boxes and finding.file is None:
                finding.file, finding.page, finding.bbox = file, page_no, scan.map_box(page.boxes[key])
    files = _save_scans(folder, mode, scans, locations, sub.submission_date)
    pages_truth = [{"file": file, "page": page_no, "doc_type": r.doc.doc_type, "document": r.document,
                    "rotation": s.rotation, "variant": sorted(set(s.variant + r.page.variant)),
                    "font": r.page.font.name, "born_digital": False}
                   for r, s, (file, page_no) in zip(rendered, scans, locations)]
    if digital_docs:
        spec = rng.choice([f for f in fonts if f.truetype_outlines])
        write_statements_pdf(folder / "财务报表.pdf", [d for _, d in digital_docs], spec)
        files.append("财务报表.pdf")
        for n, (index, doc) in enumerate(digital_docs, start=1):
            pages_truth.append({"file": "财务报表.pdf", "page": n, "doc_type": doc.doc_type, "document": index,
                                "rotation": 0, "variant": [], "font": spec.name, "born_digital": True})
    source = sub.form_extra.get("editable", "none")
    if source == "docx":
        editable.write_docx(folder / "申请表.docx", sub.form, sub.form_extra["style"], sub.form_extra["credit_row"])
        files.append("申请表.docx")
    elif source == "xlsx":
        editable.write_xlsx(folder / "申请表.xlsx", sub.form, sub.form_extra["style"], sub.form_extra["credit_row"])
        files.append("申请表.xlsx")
    truth = _truth(sub, files, pages_truth, "scan" if source == "none" else source)
    (folder / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
    return folder


def _save_scans(folder: Path, mode: str, scans: list[Scan], locations: list[tuple[str, int]],
                scanned_on: dt.date) -> list[str]:
    # Fixed PDF dates keep the output byte-identical for a seed (Pillow stamps 'now' otherwise).
    stamp = dt.datetime(scanned_on.year, scanned_on.month, scanned_on.day, 9, 30).timetuple()
    by_file: dict[str, list[Scan]] = {}
    for scan, (file, _) in zip(scans, locations):
        by_file.setdefault(file, []).append(scan)
    for file, group in by_file.items():
        path = folder / file
        path.parent.mkdir(parents=True, exist_ok=True)
        images = [s.image for s in group]
        dpi = group[0].dpi
        if file.endswith(".pdf"):
            images[0].save(path, "PDF", save_all=True, append_images=images[1:], resolution=dpi, quality=72,
                           creationDate=stamp, modDate=stamp, producer="scanner")
        elif file.endswith(".tif"):
            # Office scanners write greyscale multi-page TIFFs; colour ones are rarely kept.
            for scan in group:
                if "phone_photo" not in scan.variant:
                    scan.variant.append("grayscale")
            grey = [im.convert("L") if "phone_photo" not in s.variant else im for im, s in zip(images, group)]
            grey[0].save(path, "TIFF", save_all=True, append_images=grey[1:], compression="jpeg", quality=70,
                         dpi=(dpi, dpi))
        elif file.endswith(".png"):
            grey = "phone_photo" not in group[0].variant
            if grey:
                group[0].variant.append("grayscale")
            images[0].convert("L" if grey else "RGB").save(path, dpi=(dpi, dpi))
        else:
            images[0].save(path, "JPEG", quality=85, dpi=(dpi, dpi))
    return list(by_file)


def _truth(sub: Submission, files: list[str], pages: list[dict[str, Any]], source: str) -> dict[str, Any]:
    pages.sort(key=lambda p: (files.index(p["file"]), p["page"]))
    documents = []
    for index, doc in enumerate(sub.documents, start=1):
        refs = [{"file": p["file"], "page": p["page"]} for p in pages if p["document"] == index]
        documents.append({"index": index, "doc_type": doc.doc_type, "pages": refs,
                          "fields": {k: to_json_value(v) for k, v in doc.fields.items()}})
    return {
        "submission": sub.name, "seed": sub.seed, "submission_date": sub.submission_date.isoformat(),
        "district": sub.district, "files": files, "pages": pages, "documents": documents,
        "application": {"source": source, "fields": {k: to_json_value(v) for k, v in sub.form.items()}},
        "findings": [f.to_json() for f in sub.findings], "planted": sub.planted,
    }
