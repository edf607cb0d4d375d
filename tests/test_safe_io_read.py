"""Reads are bounded in size and in waiting (issue 13, "Why" item 6: ``check /dev/zero`` grew
to 4 GB in 8 s, and ``check`` on a FIFO waited forever).

A regular file over :data:`MAX_FILE_BYTES` is refused before a byte is read (a sparse file
makes one without using the disk); a device or FIFO is read up to the bound; a FIFO that
sends nothing is given up on after :data:`READ_TIMEOUT_SECONDS`, set low here. The loaders a
user hands a file to (procedure files, portfolios, eForms notices) all read this way.
"""

from __future__ import annotations

import io
import os
import threading
from pathlib import Path

import pytest
from helpers import BUNDLED_BYTES, run_cli

import achterhoek_inkoop as ai
from achterhoek_inkoop import _safe_io
from achterhoek_inkoop._safe_io import MAX_FILE_BYTES, read_bounded, read_stream_bounded

#: How long a test's helper thread may take; it is released after.
WAIT = 10


@pytest.fixture
def short_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_safe_io, "READ_TIMEOUT_SECONDS", 0.3)


@pytest.fixture
def small_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    """A bound of 1 MiB: reading /dev/zero up to 64 MiB once (below) is enough."""
    monkeypatch.setattr(_safe_io, "MAX_FILE_BYTES", 1024 * 1024)


def test_the_bound_is_64_mib() -> None:
    assert MAX_FILE_BYTES == 64 * 1024 * 1024


def test_dev_zero_is_refused_at_the_bound() -> None:
    with pytest.raises(ai.DataFileError, match="more than 67108864 bytes") as refused:
        ai.load_procedure("/dev/zero")
    assert refused.value.path == "/dev/zero"


def test_a_stream_is_refused_at_the_bound(small_bound: None) -> None:
    with pytest.raises(ai.DataFileError, match="more than 1048576 bytes"), open("/dev/zero", "rb") as stream:
        read_stream_bounded(stream, "<stdin>")
    assert read_stream_bounded(io.BytesIO(b"x" * 1024 * 1024), "<stdin>") == b"x" * 1024 * 1024
    with pytest.raises(ai.DataFileError, match="<stdin>: is more than"):
        read_stream_bounded(io.BytesIO(b"x" * (1024 * 1024 + 1)), "<stdin>")


def test_check_on_dev_zero_and_a_silent_fifo_ends_in_the_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], short_timeout: None, small_bound: None) -> None:
    code, out, err = run_cli(capsys, "check", "/dev/zero")
    assert (code, out) == (2, "")
    assert "/dev/zero: is more than 1048576 bytes" in err
    os.mkfifo(tmp_path / "p.json")
    code, out, err = run_cli(capsys, "check", str(tmp_path / "p.json"))
    assert (code, out) == (2, "")
    assert "sent nothing for 0.3 seconds" in err
    assert "Traceback" not in err


def test_an_oversized_file_is_refused_unread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "huge.json"
    path.touch()
    os.truncate(path, MAX_FILE_BYTES + 1)  # sparse: no disk used

    def no_read(fd: int, size: int) -> bytes:
        raise AssertionError("a file over the bound was read")

    monkeypatch.setattr(os, "read", no_read)
    with pytest.raises(ai.DataFileError, match="67108865 bytes, more than the 67108864") as refused:
        ai.load_procedure(path)
    assert refused.value.path == str(path)
    assert refused.value.message_in("nl").startswith(f"{path}: ")
    with pytest.raises(ai.DataFileError, match="refused unread"):
        read_bounded(path, "label.json")


def test_a_file_at_the_bound_is_read(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_bytes(BUNDLED_BYTES)
    assert read_bounded(path) == BUNDLED_BYTES
    assert read_stream_bounded(io.BytesIO(BUNDLED_BYTES), "<stdin>") == BUNDLED_BYTES


def test_a_fifo_nobody_writes_to_times_out(tmp_path: Path, short_timeout: None) -> None:
    fifo = tmp_path / "p.json"
    os.mkfifo(fifo)
    with pytest.raises(ai.DataFileError, match=r"sent nothing for 0\.3 seconds") as refused:
        ai.load_procedure(fifo)
    assert refused.value.path == str(fifo)


def test_a_fifo_whose_writer_sends_nothing_times_out(tmp_path: Path, short_timeout: None) -> None:
    fifo = tmp_path / "p.json"
    os.mkfifo(fifo)
    writer = os.open(fifo, os.O_RDWR)  # holds the FIFO open for writing, and writes nothing
    try:
        with pytest.raises(ai.DataFileError, match="sent nothing"):
            read_bounded(fifo)
    finally:
        os.close(writer)


def test_a_pipe_that_sends_nothing_times_out(short_timeout: None) -> None:
    out, into = os.pipe()
    try:
        with pytest.raises(ai.DataFileError, match="sent nothing"), open(out, "rb", closefd=False) as stream:
            read_stream_bounded(stream, "<stdin>")
    finally:
        os.close(out)
        os.close(into)


def _write_then_close(fifo: Path, data: bytes) -> None:
    with open(fifo, "wb") as handle:  # waits for the reader
        handle.write(data)


def test_a_procedure_is_read_from_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "p.json"
    os.mkfifo(fifo)
    writer = threading.Thread(target=_write_then_close, args=(fifo, BUNDLED_BYTES), daemon=True)
    writer.start()
    try:
        proc = ai.load_procedure(fifo)
    finally:
        writer.join(WAIT)
        if writer.is_alive():  # the load never opened it: let the writer go
            os.close(os.open(fifo, os.O_RDONLY | os.O_NONBLOCK))
            writer.join(WAIT)
    assert proc.data == ai.inkoop2022().data


def test_a_portfolio_reports_a_fifo_that_sends_nothing(tmp_path: Path, short_timeout: None) -> None:
    (tmp_path / "good.json").write_bytes(BUNDLED_BYTES)
    os.mkfifo(tmp_path / "stuck.json")
    portfolio = ai.load_portfolio([tmp_path / "good.json", tmp_path / "stuck.json"], workers=1)
    assert len(portfolio) == 1
    assert [failure.path for failure in portfolio.failures] == [str(tmp_path / "stuck.json")]
    assert "sent nothing" in portfolio.failures[0].message


def test_an_eforms_notice_is_read_bounded(tmp_path: Path, short_timeout: None, small_bound: None) -> None:
    with pytest.raises(ai.EformsError, match="more than 1048576"):
        ai.from_eforms("/dev/zero")
    fifo = tmp_path / "notice.xml"
    os.mkfifo(fifo)
    with pytest.raises(ai.EformsError, match="sent nothing") as refused:
        ai.from_eforms(fifo)
    assert refused.value.path == str(fifo)


def test_an_unreadable_file_is_the_loaders_error(tmp_path: Path) -> None:
    with pytest.raises(ai.DataFileError, match="cannot be read"):
        ai.load_procedure(tmp_path)  # a folder
    with pytest.raises(FileNotFoundError) as missing:
        read_bounded(tmp_path / "missing.json")
    assert missing.value.filename == str(tmp_path / "missing.json")
