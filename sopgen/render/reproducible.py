"""Office files (.docx, .xlsx) with the same bytes every time they are made from the same content.

python-docx and openpyxl stamp every zip entry, and openpyxl the document properties, with the
time of saving. A file whose bytes change from build to build cannot be cached
(:mod:`sopgen.cache`), compared (``--jobs 2`` against ``--jobs 1``) or told apart from an edited
one by its checksum; the time of a build says nothing about the document. The stamps are set
to dates the document itself states instead.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

ZIP_EPOCH = dt.date(1980, 1, 1)
"""The earliest date a zip entry can carry."""


def reproducible_zip(data: bytes, dibuat: dt.date, diubah: dt.date) -> bytes:
    """``data`` (an Office file) with its properties created ``dibuat`` and modified ``diubah``, and every zip entry at ``diubah``."""
    stamps = {b"created": dibuat, b"modified": diubah}
    day = max(diubah, ZIP_EPOCH)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*",
                                 lambda m: m[1] + f"{stamps[m[2]].isoformat()}T00:00:00Z".encode(), content)
            dst.writestr(zipfile.ZipInfo(info.filename, date_time=(day.year, day.month, day.day, 0, 0, 0)), content, zipfile.ZIP_DEFLATED)
    return out.getvalue()
