"""Pages of one binder read by its own process and helpers (extractor/page_sharing): each page
exactly once, in binder order, whoever read it; a helper that dies or gives up costs nothing."""

from __future__ import annotations

import multiprocessing
import os
import socket
import time
from pathlib import Path

import pytest

from extractor.options import AnalyzeOptions
from extractor.page_sharing import HELPER, OWNER, SharedPages, help_read_pages, read_own_pages
from extractor.pipeline import analyze, help_read
from tests.conftest import ROOT

PAGES = [Path(f"page-{index}") for index in range(12)]


def slow_read(handle: Path, _images: object = None) -> tuple[str, int]:
    """A page 'read' that takes a while and says which process read it."""
    log = Path(os.environ["SHARING_LOG"])
    with log.open("a") as handle_log:
        handle_log.write(f"{handle.name}\n")
    time.sleep(0.05)
    return handle.name, os.getpid()


def _helper(directory: Path) -> None:
    help_read_pages(PAGES, directory, slow_read)  # type: ignore[arg-type]


@pytest.fixture
def share(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SHARING_LOG", str(tmp_path / "reads.log"))
    (tmp_path / "share").mkdir()
    return tmp_path / "share"


def own_pages(share: Path) -> list[tuple[str, int]]:
    return read_own_pages(PAGES, share, slow_read, None)  # type: ignore[arg-type]


def reads_logged(tmp_path: Path) -> list[str]:
    return (tmp_path / "reads.log").read_text().split()


def test_owner_and_helper_read_every_page_once_in_binder_order(share: Path, tmp_path: Path) -> None:
    helper = multiprocessing.get_context("fork").Process(target=_helper, args=(share,))
    helper.start()
    time.sleep(0.1)  # the helper is under way, from the back
    results = own_pages(share)
    helper.join(10)
    assert [name for name, _ in results] == [page.name for page in PAGES]
    readers = {pid for _, pid in results}
    assert readers == {os.getpid(), helper.pid}
    assert sorted(reads_logged(tmp_path)) == sorted(page.name for page in PAGES)  # none twice
    assert results[-1][1] == helper.pid and results[0][1] == os.getpid()


def test_a_page_claimed_by_a_helper_that_died_is_read_by_the_owner(share: Path, tmp_path: Path) -> None:
    gone = multiprocessing.get_context("fork").Process(target=os.getpid)
    gone.start()
    gone.join()
    (share / "claim-11").write_text(f"{HELPER}:{socket.gethostname()}:{gone.pid}")
    started = time.monotonic()
    results = own_pages(share)
    assert [name for name, _ in results] == [page.name for page in PAGES]
    assert {pid for _, pid in results} == {os.getpid()}
    assert time.monotonic() - started < 5


def test_pages_an_earlier_run_of_the_owner_claimed_are_read_at_once(share: Path, tmp_path: Path) -> None:
    """A cluster runs a submission again after its worker died: that run's claims are void."""
    for index in range(4):
        (share / f"claim-{index}").write_text(f"{OWNER}:another-host:12")
    started = time.monotonic()
    results = own_pages(share)
    assert {pid for _, pid in results} == {os.getpid()}
    assert time.monotonic() - started < 5


def test_a_page_a_live_helper_on_another_host_holds_is_awaited_until_patience_runs_out(share: Path) -> None:
    (share / "claim-0").write_text(f"{HELPER}:another-host:12")
    started = time.monotonic()
    assert SharedPages(share).wait_for(0, patience=0.3) is None
    assert time.monotonic() - started >= 0.3


def test_a_page_the_helper_gave_up_is_read_by_the_owner(share: Path, tmp_path: Path) -> None:
    helper = SharedPages(share, HELPER)
    assert helper.claim(3)
    helper.give_up(3)
    results = own_pages(share)
    assert results[3] == ("page-3", os.getpid())
    assert reads_logged(tmp_path).count("page-3") == 1


def test_a_helper_whose_read_fails_hands_the_page_back_and_says_why(share: Path) -> None:
    def broken(handle: Path, _images: object = None) -> tuple[str, int]:
        raise ValueError("unreadable")

    with pytest.raises(ValueError):
        help_read_pages(PAGES, share, broken)  # type: ignore[arg-type]
    assert (share / "failed-11").exists()


def test_a_helper_stops_quietly_once_the_binder_is_finished(share: Path) -> None:
    share.rmdir()
    assert help_read_pages(PAGES, share, slow_read) == 0  # type: ignore[arg-type]
    assert not share.exists()  # a reader never makes the folder again


def test_pages_a_helper_read_give_the_report_the_binder_gives_alone(tmp_path: Path) -> None:
    binder = [ROOT / "samples" / "packets" / "clean-01" / "part1.pdf"]
    options = AnalyzeOptions(ocr_cache_dir=ROOT / "tests" / "data" / "ocr-cache")
    alone = analyze(binder, options, submission="clean-01")
    share = tmp_path / "share"
    share.mkdir()
    shared_options = options.model_copy(update={"page_share_dir": share})
    assert help_read(binder, shared_options) == 10  # the helper came first: every page is its
    helped = analyze(binder, shared_options, submission="clean-01")
    assert helped.model_dump_json() == alone.model_dump_json()


def test_the_owner_reads_alone_when_the_folder_goes_mid_binder(share: Path) -> None:
    """An interrupted batch removes the folders of the submissions still running."""
    (share / "claim-5").write_text(f"{HELPER}:another-host:12")

    def read_then_lose_the_folder(handle: Path, _images: object = None) -> tuple[str, int]:
        if handle.name == "page-4":
            for item in share.iterdir():
                item.unlink()
            share.rmdir()
        return slow_read(handle)

    started = time.monotonic()
    results = read_own_pages(PAGES, share, read_then_lose_the_folder, None)  # type: ignore[arg-type]
    assert [name for name, _ in results] == [page.name for page in PAGES]
    assert time.monotonic() - started < 5
