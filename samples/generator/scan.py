"""Turn a clean 300-DPI page into a scan or phone photo, tracking where every pixel went.

All geometric steps (border, skew, perspective, downsampling) are composed into one 3x3 matrix
so field boxes drawn on the clean page can be mapped to fractions of the stored, upright page.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import cv2
import numpy as np
from PIL import Image

from .canvas import DPI, Box

PROFILES = ("clean", "mixed", "hard")


@dataclass
class Scan:
    image: Image.Image          # as stored (possibly rotated)
    rotation: int               # clockwise degrees a reader must apply to make it upright
    dpi: int
    variant: list[str] = field(default_factory=list)
    matrix: np.ndarray = field(default_factory=lambda: np.eye(3))  # clean px -> upright stored px
    upright_size: tuple[int, int] = (0, 0)

    def map_box(self, box: Box) -> tuple[float, float, float, float]:
        """A clean-page pixel box as [x0, y0, x1, y1] fractions of the upright stored page."""
        x0, y0, x1, y1 = box
        pts = np.array([[x0, y0, 1], [x1, y0, 1], [x0, y1, 1], [x1, y1, 1]], dtype=np.float64).T
        out = self.matrix @ pts
        xs, ys = out[0] / out[2], out[1] / out[2]
        w, h = self.upright_size
        return (max(xs.min() / w, 0.0), max(ys.min() / h, 0.0), min(xs.max() / w, 1.0), min(ys.max() / h, 1.0))


def _choose(rng: random.Random, profile: str, photo_ok: bool) -> dict[str, object]:
    hard, clean = profile == "hard", profile == "clean"
    p = (lambda mixed, hard_p: rng.random() < (hard_p if hard else mixed)) if not clean else (lambda *_: False)
    return {
        "photo": photo_ok and p(0.06, 0.3),
        "skew": rng.uniform(0.3, 3.0) * rng.choice((-1, 1)) if p(0.6, 1.0) else (rng.uniform(-0.3, 0.3) if clean else 0.0),
        "border": p(0.5, 0.9) or (clean and rng.random() < 0.3),
        "blur": rng.uniform(0.5, 1.4) if p(0.35, 0.9) else 0.0,
        # Sensor noise is mild on real scanners; it also dominates file size, so keep it modest.
        "noise": (rng.uniform(4, 10) if hard else rng.uniform(2.5, 6)) if p(0.5, 1.0) else (1.2 if clean else 0.0),
        "salt": rng.uniform(0.0005, 0.003) if p(0.2, 0.7) else 0.0,
        "illumination": p(0.35, 0.9),
        "rotation": rng.choice((90, 180, 270)) if p(0.08, 0.3) else 0,
        "dpi": 200 if clean else rng.choice((150, 150, 200) if hard else (150, 200, 200)),
        "jpeg": rng.randint(82, 92) if clean else rng.randint(40, 65) if hard else rng.randint(55, 85),
    }


def degrade(page_img: Image.Image, rng: random.Random, profile: str, tamper_boxes: list[Box] | None = None,
            photo_ok: bool = True, force_photo: bool = False, force_rotation: int | None = None,
            dpi: int | None = None) -> Scan:
    choice = _choose(rng, profile, photo_ok)
    if dpi is not None:
        choice["dpi"] = dpi
    if force_photo:
        choice["photo"] = True
    if force_rotation is not None:
        choice["rotation"] = force_rotation
    variant: list[str] = []
    src = np.asarray(page_img)
    h, w = src.shape[:2]
    scale = int(choice["dpi"]) / DPI  # type: ignore[call-overload]
    matrix = np.eye(3)
    if choice["photo"]:
        variant.append("phone_photo")
        pad_x, pad_y = int(w * rng.uniform(0.06, 0.14)), int(h * rng.uniform(0.05, 0.12))
        out_w, out_h = int((w + 2 * pad_x) * scale), int((h + 2 * pad_y) * scale)
        jitter = lambda: rng.uniform(-0.045, 0.045)  # noqa: E731
        corners = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
        dst = np.float32([[(pad_x + w * jitter()) * scale, (pad_y + h * jitter()) * scale],
                          [(pad_x + w + w * jitter()) * scale, (pad_y + h * jitter()) * scale],
                          [(pad_x + w + w * jitter()) * scale, (pad_y + h + h * jitter()) * scale],
                          [(pad_x + w * jitter()) * scale, (pad_y + h + h * jitter()) * scale]])
        matrix = cv2.getPerspectiveTransform(corners, dst).astype(np.float64)
        table = tuple(int(v) for v in rng.choice(((120, 90, 60), (150, 150, 145), (95, 70, 50), (200, 195, 185))))
        geo = cv2.warpPerspective(src, matrix, (out_w, out_h), flags=cv2.INTER_AREA, borderValue=table)
    else:
        pad = int(min(w, h) * 0.03) if choice["border"] else 0
        angle = float(choice["skew"])  # type: ignore[arg-type]
        out_w, out_h = int((w + 2 * pad) * scale), int((h + 2 * pad) * scale)
        rot = cv2.getRotationMatrix2D(((w + 2 * pad) * scale / 2, (h + 2 * pad) * scale / 2), angle, 1.0)
        place = np.array([[scale, 0, pad * scale], [0, scale, pad * scale], [0, 0, 1]])
        matrix = np.vstack([rot, [0, 0, 1]]) @ place
        grey = rng.randint(60, 120) if choice["border"] else 250
        geo = cv2.warpAffine(src, matrix[:2], (out_w, out_h), flags=cv2.INTER_AREA, borderValue=(grey, grey, grey))
        if abs(angle) >= 0.3:
            variant.append("skew")
        if choice["border"]:
            variant.append("scanner_border")
    img = geo.astype(np.float32)
    gh, gw = img.shape[:2]
    g = np.random.default_rng(rng.randint(0, 2**31))
    if choice["photo"] or choice["illumination"]:
        variant.append("uneven_light" if not choice["photo"] else "shadow")
        yy, xx = np.ogrid[0:gh, 0:gw]
        ax, ay = rng.uniform(-1, 1), rng.uniform(-1, 1)
        ramp = (ax * xx.astype(np.float32) / gw + ay * yy.astype(np.float32) / gh)
        ramp = (ramp - ramp.min()) / max(float(np.ptp(ramp)), 1e-6)
        depth = rng.uniform(0.25, 0.45) if choice["photo"] else rng.uniform(0.08, 0.2)
        img *= (1 - depth * ramp)[..., None]
        if choice["photo"]:
            img = img * np.float32(rng.uniform(0.9, 1.0)) + np.float32(rng.uniform(-6, 6))
    if choice["blur"]:
        variant.append("blur")
        img = cv2.GaussianBlur(img, (0, 0), float(choice["blur"]))  # type: ignore[arg-type]
    if choice["noise"]:
        if float(choice["noise"]) > 2:  # type: ignore[arg-type]
            variant.append("noise")
        img += g.normal(0, float(choice["noise"]), (gh, gw, 1)).astype(np.float32)  # type: ignore[arg-type]
    if choice["salt"]:
        variant.append("salt_pepper")
        mask = g.random((gh, gw)) < float(choice["salt"])  # type: ignore[arg-type]
        img[mask] = np.where(g.random((int(mask.sum()), 1)) < 0.5, 0, 255)
    out = img.clip(0, 255).astype(np.uint8)
    if tamper_boxes:
        out = _paste_patches(out, geo, matrix, tamper_boxes, rng)
        variant.append("tampered_region")
    quality = int(choice["jpeg"])  # type: ignore[call-overload]
    ok, buf = cv2.imencode(".jpg", cv2.cvtColor(out, cv2.COLOR_RGB2BGR), [cv2.IMWRITE_JPEG_QUALITY, quality])
    out = cv2.cvtColor(cv2.imdecode(buf, cv2.IMREAD_COLOR), cv2.COLOR_BGR2RGB)
    if quality < 90:
        variant.append("jpeg")
    if choice["dpi"] != 200 or not choice["photo"]:
        variant.append(f"dpi{choice['dpi']}")
    stored = Image.fromarray(out)
    rotation = int(choice["rotation"])  # type: ignore[call-overload]
    if rotation:
        variant.append(f"rotated{rotation}")
        # Stored = upright turned counter-clockwise by `rotation`, so a reader turns it clockwise back.
        stored = stored.rotate(rotation, expand=True)
    return Scan(stored, rotation, int(choice["dpi"]), variant, matrix, (gw, gh))  # type: ignore[call-overload]


def _paste_patches(out: np.ndarray, geo: np.ndarray, matrix: np.ndarray, boxes: list[Box],
                   rng: random.Random) -> np.ndarray:
    """Paste noise-free, re-sampled, separately JPEG'd rectangles: what an edited field looks like."""
    out = out.copy()
    h, w = out.shape[:2]
    for box in boxes:
        pts = np.array([[box[0], box[1], 1], [box[2], box[3], 1], [box[0], box[3], 1], [box[2], box[1], 1]]).T
        mapped = matrix @ pts
        xs, ys = mapped[0] / mapped[2], mapped[1] / mapped[2]
        x0, y0 = max(int(xs.min()) - 6, 0), max(int(ys.min()) - 5, 0)
        x1, y1 = min(int(xs.max()) + 6, w), min(int(ys.max()) + 5, h)
        patch = geo[y0:y1, x0:x1].astype(np.float32)
        small = cv2.resize(patch, (max((x1 - x0) // 2, 1), max((y1 - y0) // 2, 1)), interpolation=cv2.INTER_AREA)
        patch = cv2.resize(small, (x1 - x0, y1 - y0), interpolation=cv2.INTER_NEAREST)
        patch = patch * rng.uniform(0.97, 1.0) + rng.uniform(3, 9)
        ok, buf = cv2.imencode(".jpg", patch.clip(0, 255).astype(np.uint8), [cv2.IMWRITE_JPEG_QUALITY, 97])
        out[y0:y1, x0:x1] = cv2.imdecode(buf, cv2.IMREAD_UNCHANGED)
    return out
