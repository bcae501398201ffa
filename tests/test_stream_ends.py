"""Content streams whose compressed data ends in CR are compressed again so a PDF/A validator reads their length right."""

from __future__ import annotations

import io
import zlib

from pikepdf import Name, Pdf

from sopgen.render.stream_ends import end_content_streams_unambiguously, packed


def drawing_ending_in_cr() -> bytes:
    """A content stream whose plain Flate data ends in CR (about one in 256 do)."""
    return next(d for d in (f"q 0 0 {n} 10 re f Q\n".encode() for n in range(5000)) if zlib.compress(d).endswith(b"\r"))


def test_packed_data_never_ends_in_cr_and_draws_the_same() -> None:
    drawn = drawing_ending_in_cr()
    data = packed(drawn)
    assert not data.endswith(b"\r")
    unpacked = zlib.decompress(data)
    assert unpacked.startswith(drawn) and unpacked[len(drawn):].strip() == b""


def test_a_page_whose_content_ends_in_cr_is_compressed_again() -> None:
    pdf = Pdf.new()
    pdf.add_blank_page()
    drawn = drawing_ending_in_cr()
    stream = pdf.make_stream(b"")
    stream.write(zlib.compress(drawn), filter=Name.FlateDecode)
    pdf.pages[0].obj.Contents = stream
    end_content_streams_unambiguously(pdf)
    buffer = io.BytesIO()
    pdf.save(buffer)
    assert b"\r\nendstream" not in buffer.getvalue()
    with Pdf.open(buffer) as saved:
        assert saved.pages[0].obj.Contents.read_bytes().rstrip() == drawn.rstrip()
