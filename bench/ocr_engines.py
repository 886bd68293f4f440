"""Benchmark of the OCR engines with and without page normalisation.

    python -m bench.ocr_engines                      # synthetic pages, everything (~40 CPU min)
    python -m bench.ocr_engines --quick              # 3 pages, RapidOCR only
    python -m bench.ocr_engines --pages 5 --engines rapidocr --parts accuracy,orientation
    python -m bench.ocr_engines --samples DIR        # samples.generator output (truth.json)

Synthetic mode renders A4 pages (Pillow + the system CJK fonts) with known key-field values and
ground-truth text, degrades them (skew, red seals, phone photo, 200 DPI + blur/noise/JPEG, all
combined; turned 0/90/180/270 for orientation) and measures per engine and preprocessing:
key-field exact-hit % (NFKC, whitespace removed), CER, CPU seconds per page, orientation
accuracy, the cost of read_fast and 2-process throughput. `--samples` measures verbatim key
fields per document, orientation against truth rotation and CPU on generated submissions.
Times are CPU seconds (own + child processes): the bench machine is shared and wall time is not
reproducible there. Prints markdown tables.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import re
import resource
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from extractor.ocr import RapidOcrEngine, get_engine, read_fast
from extractor.page_normalise import (
    OrientationDetector,
    RapidOrientationDetector,
    TesseractOsdDetector,
    normalise_page,
)
from extractor.page_normalise.seal import ocr_grey
from extractor.pages import SourcePage

FONTS: list[tuple[str, int]] = [
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", 2),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/truetype/arphic/ukai.ttc", 0),
    ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),
    ("/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf", 0),
]
A4_MM = (210, 297)


@dataclass
class SyntheticPage:
    name: str
    image: np.ndarray  # BGR
    text: str  # ground-truth text, one line per rendered line
    fields: dict[str, str] = field(default_factory=dict)
    line_boxes: list[tuple[int, int, int, int]] = field(default_factory=list)  # body lines, px


def _font(index: int, size: int) -> ImageFont.FreeTypeFont:
    path, face = FONTS[index % len(FONTS)]
    return ImageFont.truetype(path, size, index=face)


def _random_values(rng: random.Random) -> dict[str, str]:
    year, month, day = rng.randint(2008, 2017), rng.randint(1, 12), rng.randint(1, 28)
    surname = rng.choice("张王李赵陈刘黄吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾")
    given = "".join(
        rng.choice("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华") for _ in range(rng.randint(1, 2))
    )
    company = rng.choice(["广州市", "广州"]) + "".join(
        rng.choice("天河创新智汇信达科联盛华越秀恒通宏远") for _ in range(rng.randint(2, 4))
    )
    company += rng.choice(
        ["科技有限公司", "企业管理有限公司", "信息咨询服务有限公司", "商会", "投资发展有限公司"]
    )
    code_chars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    return {
        "credit_code": "9144" + "".join(rng.choice(code_chars) for _ in range(14)),
        "entity_name": company,
        "legal_representative": surname + given,
        "registration_date": f"{year}年{month:02d}月{day:02d}日",
        "registered_address": "广州市"
        + rng.choice(["天河区", "越秀区", "海珠区", "黄埔区", "番禺区"])
        + rng.choice(["天河路", "中山大道", "科韵路", "环市东路", "体育西路"])
        + f"{rng.randint(1, 999)}号{rng.randint(101, 2999)}房",
        "money_a": f"{rng.randint(100000, 99999999):,}.{rng.randint(0, 99):02d}",
        "money_b": f"{rng.randint(10000, 9999999):,}.{rng.randint(0, 99):02d}",
        "area": f"{rng.randint(30, 900)}.{rng.randint(0, 99):02d}",
        "certificate_no": "".join(rng.choice("0123456789") for _ in range(rng.randint(12, 18))),
        "phone": f"020-{rng.randint(30000000, 89999999)}",
    }


def _layout(kind: str, v: dict[str, str]) -> tuple[str, list[str], list[str]]:
    """(title, body lines, key fields) for one document kind."""
    if kind == "license":
        return (
            "营业执照",
            [
                f"统一社会信用代码 {v['credit_code']}",
                f"名称 {v['entity_name']}",
                "类型 有限责任公司（自然人投资或控股）",
                f"法定代表人 {v['legal_representative']}",
                "注册资本 人民币伍佰万元整",
                f"成立日期 {v['registration_date']}",
                f"营业期限 {v['registration_date']}至长期",
                f"住所 {v['registered_address']}",
                "经营范围 企业管理咨询服务；信息技术咨询服务；会议及展览服务",
                "登记机关 广州市天河区市场监督管理局",
            ],
            ["credit_code", "entity_name", "legal_representative", "registration_date", "registered_address"],
        )
    if kind == "lease":
        return (
            "房屋租赁合同",
            [
                f"出租方（甲方）：{v['legal_representative']}",
                f"承租方（乙方）：{v['entity_name']}",
                "根据《中华人民共和国合同法》及有关规定，甲乙双方经协商一致，订立本合同。",
                f"第一条 甲方将位于{v['registered_address']}的房屋出租给乙方使用，",
                f"建筑面积{v['area']}平方米，用途为办公。",
                f"第二条 租赁期限自{v['registration_date']}起至2022年12月31日止。",
                f"第三条 月租金为人民币{v['money_b']}元，按月支付。",
                f"联系电话：{v['phone']}",
            ],
            [
                "entity_name",
                "legal_representative",
                "registered_address",
                "area",
                "money_b",
                "registration_date",
            ],
        )
    if kind == "balance":
        return (
            "资产负债表",
            [
                f"编制单位：{v['entity_name']}      2018年12月31日      单位：元",
                f"货币资金 {v['money_b']}",
                f"流动资产合计 {v['money_b']}",
                f"资产总计 {v['money_a']}",
                f"负债合计 {v['money_b']}",
                f"所有者权益合计 {v['money_a']}",
                f"负债和所有者权益总计 {v['money_a']}",
            ],
            ["entity_name", "money_a", "money_b"],
        )
    if kind == "diploma":
        return (
            "毕业证书",
            [
                f"学生 {v['legal_representative']} 性别 男，{v['registration_date']}生，",
                "于二〇一二年九月至二〇一五年六月在本校工商管理专业",
                "三年制专科学习，修完教学计划规定的全部课程，成绩合格，准予毕业。",
                "校名：广州番禺职业技术学院",
                f"证书编号：{v['certificate_no']}",
            ],
            ["legal_representative", "certificate_no", "registration_date"],
        )
    return (
        "广州市中小企业服务站申请表",
        [
            f"名称 {v['entity_name']}",
            f"办公地址 {v['registered_address']}",
            f"注册日期 {v['registration_date']}",
            f"法人代表 {v['legal_representative']}",
            f"联系电话 {v['phone']}",
            f"营业收入（万元） {v['money_b']}",
            f"服务站面积（平方米） {v['area']}",
        ],
        ["entity_name", "registered_address", "registration_date", "legal_representative", "phone", "area"],
    )


KINDS = ["license", "lease", "balance", "diploma", "form"]

FILLER = [
    "为贯彻落实《关于促进中小企业健康发展的指导意见》，打通中小微企业服务最后一公里，",
    "完善我市中小微企业三级服务体系，现就组织开展广州市中小企业服务站征集工作通知如下：",
    "中小企业服务站应具备固定的服务场所和必要服务设施，鼓励各类服务机构在集聚区域建设。",
    "各申报主体应指派1-3名服务人员担任中小企业服务站专职工作人员，并签署服务公约。",
    "申报材料须按顺序胶装成册，一式一份，并加盖申报单位公章，电子版发送至指定邮箱。",
    "本合同一式两份，甲乙双方各执一份，自双方签字盖章之日起生效，具有同等法律效力。",
]


def render_page(kind: str, seed: int, dpi: int = 300) -> SyntheticPage:
    """An upright A4 page of one document kind with random values; ruled table for balance/form."""
    rng = random.Random(seed)
    values = _random_values(rng)
    title, body, keys = _layout(kind, values)
    width, height = (round(mm / 25.4 * dpi) for mm in A4_MM)
    canvas = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(canvas)
    font_index = rng.randrange(len(FONTS))
    pt = dpi / 72
    title_font, body_font = (
        _font(font_index, int(22 * pt)),
        _font(font_index, int(rng.choice([11, 12, 14]) * pt)),
    )
    margin = int(25 / 25.4 * dpi)
    draw.text((width // 2, margin), title, font=title_font, fill="black", anchor="mt")
    y = margin + int(50 * pt)
    row_height = int(body_font.size * 2.2)
    ruled = kind in ("balance", "form")
    filler = [] if ruled else rng.sample(FILLER, k=rng.randint(3, 6))
    boxes: list[tuple[int, int, int, int]] = []
    for line in body + filler:
        x = margin + int(8 * pt)
        draw.text((x, y + row_height // 4), line, font=body_font, fill="black")
        boxes.append((x, y, x + int(draw.textlength(line, font=body_font)), y + row_height))
        if ruled:
            draw.rectangle(
                (margin, y, width - margin, y + row_height), outline="black", width=max(2, dpi // 100)
            )
        y += row_height
    fields = {key: values[key] for key in keys}
    image = cv2.cvtColor(np.asarray(canvas), cv2.COLOR_RGB2BGR)
    return SyntheticPage(
        f"{kind}-{seed}", image, "\n".join([title, *body, *filler]), fields, boxes[: len(body)]
    )


# ---------------------------------------------------------------- degradations


def add_seal(image: np.ndarray, centre: tuple[int, int], radius: int, rng: random.Random) -> np.ndarray:
    """A red company seal (ring, star, arc of characters) multiplied over the page like real ink."""
    overlay = Image.new("L", (image.shape[1], image.shape[0]), 0)
    draw = ImageDraw.Draw(overlay)
    cx, cy = centre
    draw.ellipse(
        (cx - radius, cy - radius, cx + radius, cy + radius), outline=255, width=max(4, radius // 14)
    )
    star = [
        (
            cx + radius * 0.3 * np.cos(np.pi / 2 + k * 4 * np.pi / 5),
            cy - radius * 0.3 * np.sin(np.pi / 2 + k * 4 * np.pi / 5),
        )
        for k in range(5)
    ]
    draw.polygon(star, fill=255)
    font = _font(0, max(12, radius // 5))
    for k, char in enumerate("广州市中小企业服务有限公司"):
        angle = np.pi * (1.15 - 1.3 * k / 12)
        draw.text(
            (cx + radius * 0.72 * np.cos(angle), cy - radius * 0.72 * np.sin(angle)),
            char,
            font=font,
            fill=255,
            anchor="mm",
        )
    alpha = np.asarray(overlay, dtype=np.float32)[:, :, None] / 255.0 * rng.uniform(0.75, 0.95)
    ink = np.array([40, 40, 215], dtype=np.float32)  # BGR red
    blended = image.astype(np.float32) * (1 - alpha + alpha * ink / 255.0)
    return blended.astype(np.uint8)


def seal_key_fields(page: SyntheticPage, rng: random.Random) -> np.ndarray:
    image = page.image
    radius = int(image.shape[1] * 0.085)
    for box in rng.sample(page.line_boxes, k=min(2, len(page.line_boxes))):
        centre = ((box[0] + box[2]) // 2 + rng.randint(-radius, radius) // 2, (box[1] + box[3]) // 2)
        image = add_seal(image, centre, radius, rng)
    return image


def skew(image: np.ndarray, degrees: float) -> np.ndarray:
    height, width = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), degrees, 1.0)
    return cv2.warpAffine(image, matrix, (width, height), borderValue=(255, 255, 255))


def phone_photo(image: np.ndarray, rng: random.Random) -> np.ndarray:
    """The page on a dark desk, seen at an angle, lit unevenly, slightly soft."""
    height, width = image.shape[:2]
    frame_w, frame_h = int(width * 1.25), int(height * 1.2)
    jitter = lambda span: rng.uniform(0.02, 0.09) * span  # noqa: E731
    corners = np.array(
        [
            [jitter(frame_w), jitter(frame_h)],
            [frame_w - jitter(frame_w), jitter(frame_h)],
            [frame_w - jitter(frame_w), frame_h - jitter(frame_h)],
            [jitter(frame_w), frame_h - jitter(frame_h)],
        ],
        dtype=np.float32,
    )
    source = np.array([[0, 0], [width, 0], [width, height], [0, height]], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(source, corners)
    desk = np.full((frame_h, frame_w, 3), (45, 60, 70), dtype=np.uint8)
    warped = cv2.warpPerspective(
        image, matrix, (frame_w, frame_h), borderMode=cv2.BORDER_TRANSPARENT, dst=desk
    )
    ys, xs = np.mgrid[0:frame_h, 0:frame_w].astype(np.float32)
    light = 0.62 + 0.38 * (xs / frame_w * rng.uniform(0.3, 1.0) + ys / frame_h * rng.uniform(0.0, 0.7)) / 1.7
    lit = warped.astype(np.float32) * light[:, :, None]
    return cv2.GaussianBlur(np.clip(lit, 0, 255).astype(np.uint8), (0, 0), 1.1)


def scan_noise(image: np.ndarray, rng: random.Random) -> np.ndarray:
    """200 DPI, slight blur, sensor noise, JPEG quality 60."""
    small = cv2.resize(image, None, fx=2 / 3, fy=2 / 3, interpolation=cv2.INTER_AREA)
    small = cv2.GaussianBlur(small, (0, 0), 0.8)
    noise = np.random.default_rng(rng.randint(0, 2**31)).normal(0, 8, small.shape)
    noisy = np.clip(small.astype(np.float32) + noise, 0, 255).astype(np.uint8)
    ok, encoded = cv2.imencode(".jpg", noisy, [cv2.IMWRITE_JPEG_QUALITY, 60])
    return cv2.imdecode(encoded, cv2.IMREAD_COLOR)


def variant(page: SyntheticPage, name: str, rng: random.Random) -> np.ndarray:
    if name == "clean":
        return page.image
    if name == "skew":
        return skew(page.image, rng.choice([-1, 1]) * rng.uniform(0.5, 3.0))
    if name == "seal":
        return seal_key_fields(page, rng)
    if name == "photo":
        return phone_photo(page.image, rng)
    if name == "scan200":
        return scan_noise(page.image, rng)
    if name == "combined":
        sealed = seal_key_fields(page, rng)
        return scan_noise(phone_photo(skew(sealed, rng.uniform(-2.0, 2.0)), rng), rng)
    raise ValueError(f"unknown variant {name}")


VARIANTS = ["clean", "skew", "seal", "photo", "scan200", "combined"]


# ---------------------------------------------------------------- metrics


def squash(text: str) -> str:
    """NFKC, no whitespace: how key values are compared (OCR-NOTES)."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def field_hits(ocr_text: str, fields: dict[str, str]) -> tuple[int, int]:
    haystack = squash(ocr_text)
    return sum(squash(value) in haystack for value in fields.values()), len(fields)


def cer(truth: str, read: str) -> float:
    """Character error rate (Levenshtein / truth length), whitespace excluded."""
    a, b = squash(truth), squash(read)
    if not a:
        return 0.0 if not b else 1.0
    previous = np.arange(len(b) + 1)
    for i, char in enumerate(a, start=1):
        current = np.empty_like(previous)
        current[0] = i
        substitution = previous[:-1] + (np.frombuffer(b.encode("utf-32-le"), dtype=np.uint32) != ord(char))
        current[1:] = np.minimum(previous[1:] + 1, substitution)
        # Insertions need a running minimum along the row.
        current = np.minimum.accumulate(current - np.arange(len(b) + 1)) + np.arange(len(b) + 1)
        previous = current
    return float(previous[-1]) / len(a)


# ---------------------------------------------------------------- runs


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (Tesseract runs as a child).

    The bench machine is shared: wall time swings with other people's jobs, CPU time does not.
    """
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


@dataclass
class Tally:
    hits: int = 0
    fields: int = 0
    cer_sum: float = 0.0
    pages: int = 0
    seconds: float = 0.0

    def add(self, hits: int, fields: int, page_cer: float, seconds: float) -> None:
        self.hits, self.fields = self.hits + hits, self.fields + fields
        self.cer_sum, self.pages, self.seconds = (
            self.cer_sum + page_cer,
            self.pages + 1,
            self.seconds + seconds,
        )

    def row(self) -> tuple[str, str, str]:
        pct = 100.0 * self.hits / max(self.fields, 1)
        return (
            f"{pct:.1f}",
            f"{100 * self.cer_sum / max(self.pages, 1):.1f}",
            f"{self.seconds / max(self.pages, 1):.2f}",
        )


def synthetic_pages(count: int) -> list[SyntheticPage]:
    return [render_page(KINDS[i % len(KINDS)], seed=1000 + i) for i in range(count)]


def run_accuracy(
    pages: list[SyntheticPage], variants: list[str], engines: list[str]
) -> dict[str, dict[str, Tally]]:
    """Per (engine, preprocessing) config: a Tally per variant and one over all variants."""
    results: dict[str, dict[str, Tally]] = {}
    for engine_name in engines:
        engine = get_engine(engine_name, threads=1, cache_dir=None)
        engine.read(pages[0].image[:400])  # load models outside the timings
        for prep in ("raw", "normalised"):
            tallies = results.setdefault(f"{engine_name} {prep}", {v: Tally() for v in [*variants, "all"]})
            for index, page in enumerate(pages):
                for variant_name in variants:
                    image = variant(page, variant_name, random.Random(index * 31 + len(variant_name)))
                    started = cpu_seconds()
                    if prep == "normalised":
                        image = normalise_page(SourcePage(page.name, 1, image, 300, None)).ocr_image
                    text = engine.read(image).text
                    seconds = cpu_seconds() - started
                    hits, total = field_hits(text, page.fields)
                    page_cer = cer(page.text, text)
                    for key in (variant_name, "all"):
                        tallies[key].add(hits, total, page_cer, seconds)
                print(f"  {engine_name} {prep}: page {index + 1}/{len(pages)} done", file=sys.stderr)
    return results


def run_orientation(pages: list[SyntheticPage]) -> dict[str, tuple[int, int, float]]:
    """Correct / total / seconds per page for each detector on pages turned 0/90/180/270 (+ skew, seal)."""
    detectors: dict[str, OrientationDetector] = {
        "rapid line boxes + recogniser vote (default)": RapidOrientationDetector(RapidOcrEngine(threads=1)),
        "tesseract OSD psm 0": TesseractOsdDetector(),
    }
    turn = {90: cv2.ROTATE_90_COUNTERCLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_CLOCKWISE}
    outcome: dict[str, tuple[int, int, float]] = {}
    for label, detector in detectors.items():
        correct = total = 0
        seconds = 0.0
        for index, page in enumerate(pages):
            rng = random.Random(index)
            base = variant(page, rng.choice(["clean", "seal", "skew", "scan200"]), rng)
            for needed in (0, 90, 180, 270):
                # Turning the page counter-clockwise by `needed` means it needs `needed` clockwise.
                turned = cv2.rotate(base, turn[needed]) if needed else base
                grey = ocr_grey(turned)
                started = cpu_seconds()
                found = detector.detect(grey).rotation
                seconds += cpu_seconds() - started
                correct += found == needed
                total += 1
        outcome[label] = (correct, total, seconds / max(total, 1))
    return outcome


def run_read_fast(pages: list[SyntheticPage]) -> tuple[float, float, float]:
    """(title hit %, s/page read_fast, s/page full read) on clean pages with RapidOCR."""
    engine = RapidOcrEngine(threads=1)
    hits, fast_s, full_s = 0, 0.0, 0.0
    for page in pages:
        grey = ocr_grey(page.image)
        started = cpu_seconds()
        text = read_fast(grey, engine).text
        fast_s += cpu_seconds() - started
        started = cpu_seconds()
        engine.read(grey)
        full_s += cpu_seconds() - started
        hits += squash(page.text.splitlines()[0]) in squash(text)
    n = max(len(pages), 1)
    return 100.0 * hits / n, fast_s / n, full_s / n


def _process_pages(images: list[np.ndarray]) -> float:
    """Worker: normalise + RapidOCR (1 thread) each image; returns its CPU seconds."""
    engine = RapidOcrEngine(threads=1)
    engine.read(images[0][:400])
    started = cpu_seconds()
    for image in images:
        engine.read(normalise_page(SourcePage("p", 1, image, 300, None)).ocr_image)
    return cpu_seconds() - started


def run_parallel(pages: list[SyntheticPage], workers: int = 2) -> tuple[float, float]:
    """(wall s/page over all pages, CPU s/page in the workers) with `workers` processes."""
    images = [variant(p, "combined" if i % 2 else "clean", random.Random(i)) for i, p in enumerate(pages)]
    shares = [images[i::workers] for i in range(workers)]
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers) as pool:
        pool.map(_warm_up, range(workers))
        started = time.perf_counter()
        busy = pool.map(_process_pages, shares)
        wall = time.perf_counter() - started
    return wall / len(images), sum(busy) / len(images)


def _warm_up(_: int) -> None:
    RapidOcrEngine(threads=1).read(np.full((64, 256, 3), 255, dtype=np.uint8))


# ---------------------------------------------------------------- samples/ submissions

_ISO_DATE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")
_ENUM = re.compile(r"^[a-z_]+$")  # education_level "bachelor", title_level "senior": codes, not print


def _verbatim_fields(fields: dict[str, object]) -> dict[str, str]:
    """Truth values printed as-is on the page (names, codes, addresses); dates and numbers are
    normalised in truth.json and printed in other forms, so they cannot be matched verbatim."""
    return {
        name: value
        for name, value in fields.items()
        if isinstance(value, str) and len(value) >= 2 and not (_ISO_DATE.match(value) or _ENUM.match(value))
    }


def _pdf_pages(path: Path, dpi: int) -> list[np.ndarray]:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    try:
        return [
            cv2.cvtColor(np.asarray(page.render(scale=dpi / 72).to_pil().convert("RGB")), cv2.COLOR_RGB2BGR)
            for page in document
        ]
    finally:
        document.close()


def run_samples(root: Path, engines: list[str], dpi: int) -> list[str]:
    """Field hits per document, orientation and CPU on samples.generator submissions under root."""
    engine_objects = {name: get_engine(name, threads=1, cache_dir=None) for name in engines}
    configs = [f"{name} normalised" for name in engines]
    doc_text: dict[str, dict[tuple[str, int], list[str]]] = {c: {} for c in configs}
    ocr_cpu = dict.fromkeys(configs, 0.0)
    normalise_cpu, pages_done, rotated_right, rotated_total, upright_right, upright_total = 0.0, 0, 0, 0, 0, 0
    documents: dict[tuple[str, int], dict[str, str]] = {}
    for truth_path in sorted(root.glob("*/truth.json")):
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        for document in truth["documents"]:
            documents[(truth["submission"], document["index"])] = _verbatim_fields(document["fields"])
        rendered = {f: _pdf_pages(truth_path.parent / f, dpi) for f in truth["files"] if f.endswith(".pdf")}
        for page in truth["pages"]:
            if page["born_digital"] or page["file"] not in rendered:
                continue
            image = rendered[page["file"]][page["page"] - 1]
            key = (truth["submission"], page["document"])
            started = cpu_seconds()
            normalised = normalise_page(SourcePage(page["file"], page["page"], image, dpi, None))
            normalise_cpu += cpu_seconds() - started
            pages_done += 1
            if page["rotation"]:
                rotated_total += 1
                rotated_right += normalised.rotation == page["rotation"]
            else:
                upright_total += 1
                upright_right += normalised.rotation == 0
            for config in configs:
                engine = engine_objects[config.split()[0]]
                started = cpu_seconds()
                text = engine.read(normalised.ocr_image).text
                ocr_cpu[config] += cpu_seconds() - started
                doc_text[config].setdefault(key, []).append(text)
        print(f"  samples: {truth['submission']} done", file=sys.stderr)
    n_fields = sum(len(f) for f in documents.values())
    out = [
        f"### samples.generator submissions ({len(documents)} documents, {pages_done} scanned pages at "
        f"{dpi} DPI, {n_fields} verbatim key fields)",
        "",
        "| engine + preprocessing | field % | OCR CPU s/page (1 thread) |",
        "|---|---|---|",
    ]
    for config in configs:
        hits = sum(
            squash(value) in squash("\n".join(doc_text[config].get(key, [])))
            for key, fields in documents.items()
            for value in fields.values()
        )
        out.append(
            f"| {config} | {100 * hits / max(n_fields, 1):.1f} | {ocr_cpu[config] / max(pages_done, 1):.2f} |"
        )
    out += [
        "",
        f"normalise_page: {normalise_cpu / max(pages_done, 1):.2f} CPU s/page; orientation right on "
        f"{rotated_right}/{rotated_total} rotated pages and {upright_right}/{upright_total} upright pages",
    ]
    return out


# ---------------------------------------------------------------- report


def accuracy_table(accuracy: dict[str, dict[str, Tally]], n_pages: int) -> list[str]:
    variants = [v for v in next(iter(accuracy.values())) if v != "all"]
    out = [
        f"### Key-field hits, CER, speed ({n_pages} synthetic A4 pages, 300 DPI, x {len(variants)} variants)",
        "",
        "| engine + preprocessing | field % all | "
        + " | ".join(f"field % {v}" for v in variants)
        + " | CER all | CPU s/page (1 thread, incl. normalise) |",
        "|---|---|" + "---|" * len(variants) + "---|---|",
    ]
    for config, tallies in accuracy.items():
        field_all, cer_all, seconds = tallies["all"].row()
        per_variant = " | ".join(tallies[v].row()[0] for v in variants)
        out.append(f"| {config} | {field_all} | {per_variant} | {cer_all} % | {seconds} |")
    return out


def orientation_table(orientation: dict[str, tuple[int, int, float]]) -> list[str]:
    out = [
        "### Orientation (pages turned 0/90/180/270; clean, sealed, skewed or 200-DPI noisy)",
        "",
        "| detector | correct | CPU s/page |",
        "|---|---|---|",
    ]
    for label, (correct, total, seconds) in orientation.items():
        out.append(f"| {label} | {correct}/{total} ({100 * correct / max(total, 1):.0f} %) | {seconds:.2f} |")
    return out


def fast_table(fast: tuple[float, float, float]) -> list[str]:
    title_pct, fast_s, full_s = fast
    return [
        "### read_fast (top 40 % of the page, ≤ 1400 px) vs full read, RapidOCR 1 thread",
        "",
        "| path | title found | CPU s/page |",
        "|---|---|---|",
        f"| read_fast | {title_pct:.0f} % | {fast_s:.2f} |",
        f"| full read | — | {full_s:.2f} |",
    ]


def parallel_table(parallel: tuple[float, float]) -> list[str]:
    wall, busy = parallel
    return [
        "### Throughput: normalise + RapidOCR, 2 worker processes x 1 thread (half clean, half combined)",
        "",
        f"wall {wall:.2f} s/page overall (shared machine: includes other jobs' load); "
        f"{busy:.2f} CPU s per page in the workers",
    ]


PARTS = ("accuracy", "orientation", "fast", "parallel")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10, help="synthetic pages (kinds cycle)")
    parser.add_argument("--engines", default="rapidocr,tesseract", help="comma-separated engine names")
    parser.add_argument("--variants", default=",".join(VARIANTS), help="comma-separated page variants")
    parser.add_argument("--parts", default=",".join(PARTS), help=f"which measurements: {', '.join(PARTS)}")
    parser.add_argument("--quick", action="store_true", help="3 pages, RapidOCR only, no parallel run")
    parser.add_argument("--out", type=Path, help="also write the tables and raw numbers as JSON here")
    parser.add_argument("--samples", type=Path, help="a samples.generator output folder to measure instead")
    parser.add_argument("--dpi", type=int, default=200, help="rasterisation DPI for --samples PDFs")
    args = parser.parse_args(argv)
    if args.samples is not None:
        print("\n".join(run_samples(args.samples, args.engines.split(","), args.dpi)))
        return 0
    pages = synthetic_pages(3 if args.quick else args.pages)
    engines = ["rapidocr"] if args.quick else args.engines.split(",")
    parts = set(args.parts.split(",")) - ({"parallel"} if args.quick else set())
    sections: list[list[str]] = []
    raw: dict[str, object] = {}
    if "accuracy" in parts:
        accuracy = run_accuracy(pages, args.variants.split(","), engines)
        sections.append(accuracy_table(accuracy, len(pages)))
        raw["accuracy"] = {c: {v: vars(t) for v, t in tallies.items()} for c, tallies in accuracy.items()}
    if "orientation" in parts:
        raw["orientation"] = orientation = run_orientation(pages)
        sections.append(orientation_table(orientation))
    if "fast" in parts:
        raw["read_fast"] = fast = run_read_fast(pages)
        sections.append(fast_table(fast))
    if "parallel" in parts:
        raw["parallel"] = parallel = run_parallel(synthetic_pages(8))
        sections.append(parallel_table(parallel))
    tables = "\n\n".join("\n".join(section) for section in sections)
    print(tables)
    if args.out is not None:
        raw["tables"] = tables
        args.out.write_text(json.dumps(raw, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
