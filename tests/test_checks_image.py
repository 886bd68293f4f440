"""The image rules on synthetic scans: a pasted value is found, clean scans with seals are not."""

from __future__ import annotations

import dataclasses
import math

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from extractor.checks import CheckContext, run_checks
from extractor.checks.forensics.resampling import PAIR_RATIO, strongest_pairing
from extractor.checks.forensics.seals import find_seals
from extractor.page_normalise import geometry
from extractor.pages import NormalizedPage, PageText, ReadPage, SourcePage
from schemas import Application, DocType, DocumentEntry, ExtractedField, FindingCode, PageEntry, PageRef
from tests.test_checks_support import SUBMITTED, clean_form

FONT = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
W, H = 1240, 1754  # A4 at 150 DPI
VALUE_BOX = (500, 700, 760, 740)
LINES = [("营业执照", 120, 60), ("统一社会信用代码 91440101MA59U2LX0T", 260, 28), ("名称 广州市天河区天华科技园管理有限公司", 400, 28),
         ("住所 广州市天河区天河路100号天华大厦", 480, 28), ("法定代表人 王伟", 560, 28), ("成立日期", 700, 28),
         ("营业期限 长期", 800, 28), ("登记机关 广州市天河区市场监督管理局", 1400, 28)]


def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(FONT, size)


def _seal(draw: ImageDraw.ImageDraw, cx: int, cy: int, diameter: int) -> None:
    red = (210, 40, 45)
    r = diameter // 2
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=red, width=max(4, diameter // 28))
    star = [(cx + (r * 0.3 if i % 2 == 0 else r * 0.12) * math.cos(-math.pi / 2 + i * math.pi / 5),
             cy + (r * 0.3 if i % 2 == 0 else r * 0.12) * math.sin(-math.pi / 2 + i * math.pi / 5)) for i in range(10)]
    draw.polygon(star, fill=red)
    for i, ch in enumerate("广州市天华科技园管理有限公司"):
        angle = -math.pi * 0.9 + i * (math.pi * 0.8 / 13)
        x, y = cx + r * 0.72 * math.cos(angle), cy + r * 0.72 * math.sin(angle)
        draw.text((x, y), ch, font=_font(diameter // 9), fill=red, anchor="mm")


def scan(*, noise: float = 4.0, seals: tuple[tuple[int, int], ...] = ((900, 1400),), tamper: bool = False,
         quality: int = 75, seed: int = 0, photo: bool = True, resample: bool = True) -> np.ndarray:
    """A licence-like page as a BGR scan; `tamper` pastes a clean value over VALUE_BOX, enlarged 2×
    from a half-size copy when `resample`, else at full resolution (then only its missing noise shows)."""
    page = Image.new("RGB", (W, H), (250, 250, 248))
    draw = ImageDraw.Draw(page)
    for text, y, size in LINES:
        draw.text((140, y), text, font=_font(size), fill=(25, 25, 30))
    draw.text(VALUE_BOX[:2], "2015年03月12日", font=_font(28), fill=(25, 25, 30))
    if photo:  # a QR code-like block and a portrait: busy textures that are not edits
        rng = np.random.default_rng(seed)
        qr = (rng.random((25, 25)) < 0.5).repeat(8, 0).repeat(8, 1)
        page.paste(Image.fromarray(np.where(qr, 20, 250).astype(np.uint8)).convert("RGB"), (950, 200))
        draw.ellipse((960, 900, 1120, 1100), fill=(120, 100, 90))
    for cx, cy in seals:
        _seal(draw, cx, cy, 300)
    clean = np.asarray(page, dtype=np.float32)
    rng = np.random.default_rng(seed + 1)
    noisy = clean + rng.normal(0, noise, clean.shape[:2])[..., None]
    if tamper:
        x0, y0, x1, y1 = VALUE_BOX[0] - 6, VALUE_BOX[1] - 5, VALUE_BOX[2] + 6, VALUE_BOX[3] + 5
        edited = Image.fromarray(clean[y0:y1, x0:x1].astype(np.uint8))
        ImageDraw.Draw(edited).rectangle((0, 0, x1 - x0, y1 - y0), fill=(250, 250, 248))
        ImageDraw.Draw(edited).text((6, 5), "2016年03月12日", font=_font(28), fill=(25, 25, 30))
        if resample:
            small = edited.resize(((x1 - x0) // 2, (y1 - y0) // 2), Image.Resampling.BOX)
            edited = small.resize((x1 - x0, y1 - y0), Image.Resampling.NEAREST)
        noisy[y0:y1, x0:x1] = np.asarray(edited, np.float32)
    rgb = noisy.clip(0, 255).astype(np.uint8)
    _, buf = cv2.imencode(".jpg", rgb[:, :, ::-1], [cv2.IMWRITE_JPEG_QUALITY, quality])
    return cv2.imdecode(buf, cv2.IMREAD_COLOR)


def read_page(image: np.ndarray, page: int = 3, engine: str = "rapidocr") -> ReadPage:
    source = SourcePage(file="binder.pdf", page=page, image=image, dpi=150)
    normalized = NormalizedPage(source=source, upright=image, ocr_image=image[:, :, 2], rotation=0, skew_degrees=0.0)
    return ReadPage(normalized=normalized, text=PageText(lines=[], engine=engine))


def _box(px: tuple[int, int, int, int]) -> tuple[float, float, float, float]:
    return (px[0] / W, px[1] / H, px[2] / W, px[3] / H)


def licence_context(image: np.ndarray, engine: str = "rapidocr") -> CheckContext:
    def located(value: str, px: tuple[int, int, int, int]) -> ExtractedField:
        return ExtractedField(value=value, confidence=0.95, file="binder.pdf", page=3, bbox=_box(px))

    licence = DocumentEntry(index=1, doc_type=DocType.BUSINESS_LICENSE, pages=[PageRef(file="binder.pdf", page=3)],
                            fields={"registration_date": located("2015-03-12", VALUE_BOX),
                                    "legal_representative": located("王伟", (300, 560, 400, 592)),
                                    "credit_code": located("91440101MA59U2LX0T", (372, 260, 720, 292)),
                                    "issuing_authority": located("广州市天河区市场监督管理局", (280, 1400, 700, 1432))})
    return CheckContext(application=Application(source="docx", fields=clean_form()), documents=[licence],
                        page_entries=[PageEntry(file="binder.pdf", page=3, doc_type=DocType.BUSINESS_LICENSE,
                                                confidence=0.9, document=1)],
                        pages=[read_page(image, engine=engine)], submission_date=SUBMITTED)


def _of(code: FindingCode, ctx: CheckContext):  # type: ignore[no-untyped-def]
    findings, runs = run_checks(ctx)
    return [f for f in findings if f.code is code], {r.check: r for r in runs}


@pytest.mark.parametrize("noise", [0.0, 4.0, 9.0])
def test_pasted_value_is_flagged_with_its_region(noise: float) -> None:
    found, runs = _of(FindingCode.POSSIBLE_TAMPERING, licence_context(scan(noise=noise, tamper=True)))
    assert [f.field for f in found] == ["registration_date"], runs["regions_untampered"]
    assert found[0].evidence[0].bbox == pytest.approx(_box(VALUE_BOX), abs=1e-3)


@pytest.mark.parametrize("noise", [6.0, 10.0])
def test_noise_free_patch_on_noisy_scan_is_flagged(noise: float) -> None:
    image = scan(noise=noise, tamper=True, resample=False, quality=90)
    found, runs = _of(FindingCode.POSSIBLE_TAMPERING, licence_context(image))
    assert [f.field for f in found] == ["registration_date"], runs["regions_untampered"]
    assert "噪声" in found[0].message


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("noise", [0.0, 5.0])
def test_clean_scan_with_seal_photo_and_qr_is_not_flagged(seed: int, noise: float) -> None:
    image = scan(noise=noise, seals=((560, 720), (900, 1400)), seed=seed, quality=60 + 10 * seed)
    found, runs = _of(FindingCode.POSSIBLE_TAMPERING, licence_context(image))
    assert found == []
    assert runs["regions_untampered"].status == "ran"


def test_born_digital_pages_are_skipped() -> None:
    found, runs = _of(FindingCode.POSSIBLE_TAMPERING, licence_context(scan(tamper=True), engine="text_layer"))
    assert found == [] and runs["regions_untampered"].status == "skipped"
    assert "born-digital" in runs["regions_untampered"].detail


def test_pages_read_only_to_their_headings_are_named_in_the_detail() -> None:
    ctx = licence_context(scan())
    page = ctx.pages[0]
    partly = ReadPage(page.normalized, PageText(lines=[], engine="rapidocr", complete=False))
    _, runs = _of(FindingCode.POSSIBLE_TAMPERING, dataclasses.replace(ctx, pages=[partly]))
    assert "1 page(s) without fields read only to their headings" in runs["regions_untampered"].detail
    _, runs = _of(FindingCode.POSSIBLE_TAMPERING, ctx)
    assert "headings" not in runs["regions_untampered"].detail


def test_seal_is_found_and_its_position_reported() -> None:
    seals = find_seals(scan(seals=((600, 1000),)))
    assert len(seals) == 1
    x0, y0, x1, y1 = seals[0].bbox
    assert x0 < 600 / W < x1 and y0 < 1000 / H < y1


@pytest.mark.parametrize("gap", [0, 40, -30])  # touching, a hair apart, overlapping
def test_seals_stamped_touching_are_each_found(gap: int) -> None:
    # A copy's seal stamped right above the issuer's merges with it into one long red blob.
    seals = find_seals(scan(seals=((600, 1000), (600, 1300 + gap))))
    centres = sorted(((s.bbox[0] + s.bbox[2]) / 2 * W, (s.bbox[1] + s.bbox[3]) / 2 * H) for s in seals)
    assert len(centres) == 2, seals
    assert all(abs(x - 600) < 25 for x, _ in centres)
    assert sorted(abs(y - 1000) < 25 or abs(y - 1300 - gap) < 25 for _, y in centres) == [True, True]


def test_a_faded_seal_broken_into_arcs_is_still_found() -> None:
    """A faint, blurred copy seal: its words gone, its ring broken into arcs no closing joins."""
    image = scan(seals=())
    red = (45, 40, 200)  # BGR
    for start in range(0, 360, 45):  # eight arcs of 33°, gaps of 12°
        cv2.ellipse(image, (700, 900), (140, 140), 0, start, start + 33, red, 5)
    cv2.circle(image, (700, 900), 18, red, -1)
    seals = find_seals(image)
    assert len(seals) == 1, seals
    x0, y0, x1, y1 = seals[0].bbox
    assert x0 < 700 / W < x1 and y0 < 900 / H < y1


def test_red_text_and_a_red_frame_make_no_faded_seal() -> None:
    image = scan(seals=())
    cv2.rectangle(image, (40, 40), (W - 40, H - 40), (45, 40, 200), 6)
    cv2.putText(image, "CERTIFICATE 0O0O", (150, 1550), cv2.FONT_HERSHEY_SIMPLEX, 3.0, (40, 40, 210), 8)
    assert find_seals(image) == []


def test_applicant_seal_present_means_no_finding() -> None:
    found, runs = _of(FindingCode.MISSING_SEAL, licence_context(scan(seals=((900, 1400), (700, 900)))))
    assert found == []
    assert "seal on binder.pdf p3" in runs["copies_bear_seal"].detail


def test_only_the_issuers_seal_means_missing_seal() -> None:
    # The seal over 登记机关 is the authority's own; the applicant's copy seal is missing.
    found, _ = _of(FindingCode.MISSING_SEAL, licence_context(scan(seals=((450, 1410),))))
    assert [(f.field, f.evidence[0].page) for f in found] == [(None, 3)]


def test_no_red_at_all_means_missing_seal_and_red_text_is_not_a_seal() -> None:
    image = scan(seals=())
    cv2.putText(image, "RED HEADLINE TEXT", (100, 1600), cv2.FONT_HERSHEY_SIMPLEX, 2.5, (40, 40, 210), 6)
    found, _ = _of(FindingCode.MISSING_SEAL, licence_context(image))
    assert len(found) == 1


def test_image_rules_skip_without_images() -> None:
    ctx = licence_context(scan())
    stored = CheckContext(application=ctx.application, documents=ctx.documents, page_entries=ctx.page_entries,
                          pages=[], submission_date=ctx.submission_date)
    _, runs = _of(FindingCode.MISSING_SEAL, stored)
    assert runs["copies_bear_seal"].status == "skipped" and runs["regions_untampered"].status == "skipped"


def test_issuer_seal_recognised_by_ocr_label_when_fields_lack_regions() -> None:
    from extractor.pages import TextLine
    ctx = licence_context(scan(seals=((450, 1410),)))
    licence = ctx.documents[0].model_copy(deep=True)
    del licence.fields["issuing_authority"]
    page = ctx.pages[0]
    label = TextLine(text="登记机关", bbox=_box((260, 1400, 380, 1432)), confidence=0.9)
    page = ReadPage(normalized=page.normalized, text=PageText(lines=[label], engine="rapidocr"))
    ctx = CheckContext(application=ctx.application, documents=[licence], page_entries=ctx.page_entries,
                       pages=[page], submission_date=ctx.submission_date)
    found, _ = _of(FindingCode.MISSING_SEAL, ctx)
    assert len(found) == 1


def test_greyscale_scan_cannot_show_a_seal_so_none_is_demanded() -> None:
    grey = cv2.cvtColor(cv2.cvtColor(scan(seals=((900, 1400),)), cv2.COLOR_BGR2GRAY), cv2.COLOR_GRAY2BGR)
    found, runs = _of(FindingCode.MISSING_SEAL, licence_context(grey))
    assert found == [] and "greyscale" in runs["copies_bear_seal"].detail


def _with_seal_words(ctx: CheckContext, *words: tuple[str, tuple[float, float, float, float]]) -> CheckContext:
    from extractor.pages import SealText
    page = ctx.pages[0]
    page = ReadPage(normalized=page.normalized, text=page.text,
                    seals=[SealText(text, 0.9, bbox) for text, bbox in words])
    return CheckContext(application=ctx.application, documents=ctx.documents, page_entries=ctx.page_entries,
                        pages=[page], submission_date=ctx.submission_date)


def test_on_a_grey_scan_the_seals_words_tell_issuer_from_applicant() -> None:
    grey = cv2.cvtColor(cv2.cvtColor(scan(seals=((450, 1410),)), cv2.COLOR_BGR2GRAY), cv2.COLOR_GRAY2BGR)
    issuer_only = _with_seal_words(licence_context(grey), ("广州市天河区市场监督管理局", (0.2, 0.6, 0.45, 0.8)))
    found, runs = _of(FindingCode.MISSING_SEAL, issuer_only)
    assert len(found) == 1 and "no applicant seal" in runs["copies_bear_seal"].detail
    both = _with_seal_words(licence_context(grey), ("广州市天河区市场监督管理局", (0.2, 0.6, 0.45, 0.8)),
                            ("广州市示例科技有限公司", (0.6, 0.2, 0.85, 0.4)))
    found, runs = _of(FindingCode.MISSING_SEAL, both)
    assert found == [] and "seal on binder.pdf p3" in runs["copies_bear_seal"].detail


def test_a_seal_read_as_the_applicants_counts_even_over_the_issuer_label() -> None:
    ctx = licence_context(scan(seals=((450, 1410),)))  # over 登记机关: by position alone, the issuer's
    seal = find_seals(ctx.pages[0].normalized.upright)[0]
    found, _ = _of(FindingCode.MISSING_SEAL, _with_seal_words(ctx, ("广州市示例科技有限公司", seal.bbox)))
    assert found == []
    found, _ = _of(FindingCode.MISSING_SEAL, _with_seal_words(ctx, ("广州市越秀区工商行政管理局", seal.bbox)))
    assert len(found) == 1


# --- the check reads the source pixels, not the resampled upright page --------------------------



def _turned_and_resampled(stored: np.ndarray, scale: float = 0.93) -> tuple[np.ndarray, np.ndarray]:
    """A scan stored turned 90° counter-clockwise, put upright and resized (as normalisation
    resamples): the upright page and its upright → source homography."""
    turned = cv2.rotate(stored, cv2.ROTATE_90_CLOCKWISE)
    to_source = geometry.then(geometry.identity(), geometry.quarter_turn(stored.shape, 90))
    upright = cv2.resize(turned, None, fx=scale, fy=scale, interpolation=cv2.INTER_LINEAR)
    return upright, geometry.then(to_source, geometry.scaling(turned.shape, upright.shape))


def _context_with(upright: np.ndarray, stored: np.ndarray, to_source: np.ndarray | None) -> CheckContext:
    ctx = licence_context(upright)
    source = SourcePage(file="binder.pdf", page=3, image=stored, dpi=150)
    ctx.pages[0] = ReadPage(NormalizedPage(source, upright, upright[:, :, 2], 90, 0.0, upright_to_source=to_source),
                            PageText(lines=[], engine="rapidocr"))
    return ctx


def test_paste_is_found_in_source_pixels_after_the_page_was_turned_and_resampled() -> None:
    stored = cv2.rotate(scan(noise=4.0, tamper=True), cv2.ROTATE_90_COUNTERCLOCKWISE)
    upright, to_source = _turned_and_resampled(stored)
    x0, y0, x1, y1 = (int(v * 0.93) for v in VALUE_BOX)
    assert strongest_pairing(cv2.cvtColor(upright[y0:y1, x0:x1], cv2.COLOR_BGR2GRAY)) < PAIR_RATIO  # cue gone there
    found, runs = _of(FindingCode.POSSIBLE_TAMPERING, _context_with(upright, stored, to_source))
    assert [f.field for f in found] == ["registration_date"], runs["regions_untampered"]
    assert found[0].evidence[0].bbox == pytest.approx(_box(VALUE_BOX), abs=1e-3)  # upright coordinates


def test_clean_turned_and_resampled_scan_is_not_flagged() -> None:
    stored = cv2.rotate(scan(noise=4.0, seed=5), cv2.ROTATE_90_COUNTERCLOCKWISE)
    upright, to_source = _turned_and_resampled(stored)
    found, _ = _of(FindingCode.POSSIBLE_TAMPERING, _context_with(upright, stored, to_source))
    assert found == []


def test_perspective_warped_regions_are_skipped_and_said_so() -> None:
    image = scan(noise=4.0, tamper=True)
    keystone = np.array([[1.0, 0.2, 0.0], [0.0, 1.0, 0.0], [0.0, 4e-4, 1.0]])  # a strong phone-photo tilt
    found, runs = _of(FindingCode.POSSIBLE_TAMPERING, _context_with(image, image, keystone))
    assert found == []
    assert "perspective-warped" in runs["regions_untampered"].detail


def test_seals_inside_a_red_frame_round_the_page_are_found() -> None:
    # Certificates print a red double frame round the page: one contour holding everything.
    image = scan(seals=((600, 1000),))
    cv2.rectangle(image, (40, 40), (W - 40, H - 40), (40, 40, 200), 6)
    cv2.rectangle(image, (56, 56), (W - 56, H - 56), (40, 40, 200), 2)
    seals = find_seals(image)
    assert len(seals) == 1
    x0, y0, x1, y1 = seals[0].bbox
    assert x0 < 600 / W < x1 and y0 < 1000 / H < y1


def test_a_short_word_is_judged_by_noise_only_together_with_another_cue() -> None:
    """A noise-free patch over a two-character word: the noise of so few strokes' surroundings
    decides nothing alone (measured false alarms on 类型, 0.00, 工程师, pairing up to 2.5); the same
    paste a date long does, and so does a short one whose paper is also another grey, or whose
    pixels pair as strongly as a 2× nearest-neighbour upscale."""
    from extractor.checks.forensics.noise import noise_maps
    from extractor.checks.forensics.regions import Box
    from extractor.checks.forensics.tamper import assess_region

    def pasted(length: int, paper: float = 235.0, upscaled_with_noise: float | None = None) -> bool:
        rng = np.random.default_rng(3)
        page = np.full((400, 800), 235.0, np.float32) + rng.normal(0, 4.0, (400, 800))
        if upscaled_with_noise is not None:
            small = np.full((16, length // 2), paper, np.float32)
            small[4:12, 3::6] = 30.0  # strokes
            patch = cv2.resize(small, (length, 32), interpolation=cv2.INTER_NEAREST)
            patch += rng.normal(0, upscaled_with_noise, patch.shape)  # blurs the pairing: ratio ≈ 3
        else:
            patch = np.full((32, length), paper, np.float32)
            patch[8:24, 5::11] = 30.0
            patch[8:24, 6::11] = 30.0
            patch = cv2.GaussianBlur(patch, (3, 3), 0.8)
        page[200:232, 300:300 + length] = patch
        image = page.clip(0, 255).astype(np.uint8)
        return assess_region(noise_maps(image), Box(300, 200, 300 + length, 232)).suspicious

    assert not pasted(60)
    assert pasted(360)
    assert not pasted(60, upscaled_with_noise=2.5)
    assert pasted(60, paper=250.0, upscaled_with_noise=2.5)
    assert pasted(60, upscaled_with_noise=0.0)


def test_a_rerun_of_the_checks_measures_no_pixel_twice(monkeypatch: pytest.MonkeyPatch) -> None:
    """The second look reruns the rules on a context derived from the first: the image rules'
    noise maps and seals come from the first run."""
    import dataclasses

    from extractor.checks.forensics import memo

    calls = {"maps": 0, "seals": 0}
    real_maps, real_seals = memo.noise_maps, memo.find_seals

    def counted_maps(image: np.ndarray):  # type: ignore[no-untyped-def]
        calls["maps"] += 1
        return real_maps(image)

    def counted_seals(image: np.ndarray):  # type: ignore[no-untyped-def]
        calls["seals"] += 1
        return real_seals(image)

    monkeypatch.setattr(memo, "noise_maps", counted_maps)
    monkeypatch.setattr(memo, "find_seals", counted_seals)
    ctx = licence_context(scan(tamper=True))
    first, _ = run_checks(ctx)
    again, _ = run_checks(dataclasses.replace(ctx, second_looks=()))
    assert calls == {"maps": 1, "seals": 1}
    assert [f.code for f in first] == [f.code for f in again]
    assert FindingCode.POSSIBLE_TAMPERING in [f.code for f in again]
