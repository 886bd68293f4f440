"""Page images kept in files while a binder is analysed (extractor.page_images)."""

from __future__ import annotations

import pickle
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import cv2
import numpy as np

from extractor.page_images import ImageFolder, MappedImage, passing_read


def page(seed: int = 3) -> np.ndarray:
    return np.random.default_rng(seed).integers(0, 256, (300, 200, 3), dtype=np.uint8)


def test_a_kept_image_is_the_same_pixels_backed_by_a_file(tmp_path: Path) -> None:
    original = page()
    kept = ImageFolder(tmp_path).keep(original)
    assert isinstance(kept, MappedImage) and np.array_equal(kept, original)
    assert [p.suffix for p in tmp_path.iterdir()] == [".npy"]
    assert cv2.cvtColor(kept, cv2.COLOR_BGR2GRAY).shape == (300, 200)  # OpenCV takes it as an array
    assert ImageFolder(tmp_path).keep(kept) is kept  # kept once, not copied into a second file


def test_a_kept_image_pickles_as_its_path_and_a_slice_as_its_pixels(tmp_path: Path) -> None:
    original = page()
    kept = ImageFolder(tmp_path).keep(original)
    assert len(pickle.dumps(kept)) < 1000 < original.nbytes
    assert np.array_equal(pickle.loads(pickle.dumps(kept)), original)
    channel = pickle.loads(pickle.dumps(kept[:, :, 2]))
    assert channel.shape == (300, 200) and np.array_equal(channel, original[:, :, 2])


def test_writes_to_a_kept_image_stay_in_the_process(tmp_path: Path) -> None:
    original = page()
    kept = ImageFolder(tmp_path).keep(original)
    kept[:10] = 0
    assert (kept[:10] == 0).all()
    reopened = pickle.loads(pickle.dumps(ImageFolder(tmp_path).keep(original)))
    assert np.array_equal(reopened, original)


def _from_a_worker(folder: ImageFolder) -> np.ndarray:
    return folder.keep(page(seed=5))


def test_a_page_worker_hands_its_image_over_by_path(tmp_path: Path) -> None:
    with ProcessPoolExecutor(max_workers=1) as pool:
        received = pool.submit(_from_a_worker, ImageFolder(tmp_path)).result()
    assert isinstance(received, MappedImage) and np.array_equal(received, page(seed=5))
    assert Path(received.filename).parent == tmp_path


def test_an_unwritable_folder_keeps_the_image_in_memory(tmp_path: Path) -> None:
    original = page()
    kept = ImageFolder(tmp_path / "gone").keep(original)
    assert kept is original


def _resident_file_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("RssFile:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no RssFile in /proc/self/status")


def test_a_pass_over_a_kept_image_leaves_nothing_resident(tmp_path: Path) -> None:
    pixels = np.random.default_rng(5).integers(0, 255, (3000, 3000, 3), dtype=np.uint8)  # 26 MiB
    kept = ImageFolder(tmp_path).keep(pixels)
    before = _resident_file_mib()
    passing = passing_read(kept)
    assert passing is not kept and not passing.flags.writeable
    assert int(passing.sum(dtype=np.int64)) == int(pixels.sum(dtype=np.int64))
    del passing
    assert _resident_file_mib() - before < 8
    assert int(kept.sum(dtype=np.int64)) == int(pixels.sum(dtype=np.int64))  # the page's own mapping:
    assert _resident_file_mib() - before > 20  # stays resident while the binder is analysed
    assert passing_read(pixels) is pixels  # an image in memory is itself
