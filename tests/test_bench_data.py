"""The batch benchmark's data: trimming a submission keeps each page it keeps, in order."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageDraw

from bench.batch_speed import trim_submission


def _page(text: str) -> Image.Image:
    image = Image.new("RGB", (400, 560), "white")
    ImageDraw.Draw(image).text((40, 40 + 30 * len(text)), text * 8, fill="black")
    return image


def _fingerprints(pdf: Path) -> list[str]:
    document = pdfium.PdfDocument(str(pdf))
    try:
        return [hashlib.md5(document[i].render(scale=100 / document[i].get_width()).to_pil().tobytes()).hexdigest()
                for i in range(len(document))]
    finally:
        document.close()


def test_trimming_keeps_every_page_of_a_pdf_a_multipage_tiff_and_an_image(tmp_path: Path) -> None:
    folder = tmp_path / "sub"
    folder.mkdir()
    scans = [_page(letter).convert("L") for letter in "ABC"]
    scans[0].save(folder / "part1.pdf", "PDF", save_all=True, append_images=scans[1:], resolution=100.0)
    frames = [_page(letter) for letter in "XYZ"]
    frames[0].save(folder / "binder.tif", save_all=True, append_images=frames[1:], compression="tiff_lzw")
    _page("photo").save(folder / "photo.jpg")
    pages = ([{"file": "part1.pdf", "page": n, "doc_type": "other"} for n in (1, 2, 3)]
             + [{"file": "binder.tif", "page": n, "doc_type": "diploma"} for n in (1, 2, 3)]
             + [{"file": "photo.jpg", "page": 1, "doc_type": "id_card"}])
    (folder / "truth.json").write_text(json.dumps({"pages": pages, "documents": [],
                                                   "files": ["part1.pdf", "binder.tif", "photo.jpg"]}))

    trim_submission(folder, 6)

    kept = _fingerprints(folder / "binder.pdf")
    assert len(kept) == 6 and len(set(kept)) == 6  # every page its own, none a copy of another
    truth = json.loads((folder / "truth.json").read_text())
    assert [(p["page"], p["doc_type"]) for p in truth["pages"]] == [
        (1, "other"), (2, "other"), (3, "other"), (4, "diploma"), (5, "diploma"), (6, "diploma")]
    assert sorted(path.name for path in folder.iterdir()) == ["binder.pdf", "truth.json"]
