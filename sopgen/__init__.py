"""sopgen: SOP, pengukuran kinerja and Laporan Kinerja from YAML, as an HTML site and PDFs."""

__version__ = "0.1.0"
