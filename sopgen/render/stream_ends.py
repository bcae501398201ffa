"""Content streams whose end a PDF/A validator reads as written: compressed data never ending in CR.

PDF/A wants a stream's ``/Length`` to be the bytes between ``stream`` and the end-of-line before
``endstream``. The writers (WeasyPrint, qpdf) put a LF there; when the compressed data happens to
end in a CR (one stream in 256: the last byte is Flate's checksum), the CR LF reads as that
end-of-line and the length as one byte too many (the ``page`` validator, as veraPDF, fails the
file). A content stream can take a newline more without changing what it draws, so its data is
compressed again with one appended until the end is unambiguous. Other streams (fonts, images)
cannot, and are left: they were never seen ending so in sopgen's PDFs.
"""

from __future__ import annotations

import zlib

from pikepdf import Array, Name, Object, Pdf, Stream

CR = b"\r"


def packed(drawn: bytes) -> bytes:
    """The content stream ``drawn`` Flate-compressed, ending in no CR (a newline appended to ``drawn`` as often as needed)."""
    while (data := zlib.compress(drawn)).endswith(CR):
        drawn += b"\n"
    return data


def content_stream(pdf: Pdf, drawn: bytes) -> Stream:
    """A new compressed content stream of ``pdf`` drawing ``drawn`` (qpdf keeps Flate data as it is when saving)."""
    stream = pdf.make_stream(b"")
    stream.write(packed(drawn), filter=Name.FlateDecode)
    return stream


def end_content_streams_unambiguously(pdf: Pdf) -> None:
    """Compress again every content stream of ``pdf`` (pages', form XObjects', tiling patterns') whose data ends in CR."""
    pages = {content.objgen for page in pdf.pages for content in _contents(page.obj)}
    for stream in pdf.objects:
        if isinstance(stream, Stream) and stream.read_raw_bytes().endswith(CR) and (stream.objgen in pages or _draws(stream)):
            stream.write(packed(stream.read_bytes()), filter=Name.FlateDecode)


def _contents(page: Object) -> list[Object]:
    contents = page.get(Name.Contents)
    return list(contents) if isinstance(contents, Array) else [] if contents is None else [contents]


def _draws(stream: Stream) -> bool:
    """Whether a stream is content that is drawn (operators): a form XObject or a tiling pattern."""
    return stream.get(Name.Subtype) == Name.Form or stream.get(Name.PatternType) == 1
