"""One hyphenation for the PDF and the HTML page: soft hyphens from Pyphen's Indonesian dictionary.

WeasyPrint hyphenates ``lang="id"`` text with Pyphen but Chromium has no Indonesian dictionary,
so ``hyphens: auto`` gave the PDF breaks the browser did not have, and ``overflow-wrap`` made the
browser break words with no hyphen at all. Inserting the soft hyphens here, into the text of the
cells that may break (uraian, Mutu Baku, Keterangan), with ``hyphens: manual`` in the stylesheet,
gives both engines the same break points. Names, codes and URLs get none: a word is hyphenated
only when it is long, all letters and no word of a pelaksana's name ("Sekre-taris" in an uraian is
the jabatan misprinted), and a URL breaks after its slashes.

A soft hyphen is printed only at a line end; where it is not, readers and search see the word
whole: pagefind's index drops U+00AD (a hyphenated "menganalisa" is found) and Chromium's find
matches across it. Chromium keeps it in the page's text, selection and clipboard, so tests compare
page text through :func:`unhyphenated`, as a reader reads it.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from functools import lru_cache

import pyphen
from markupsafe import Markup, escape

SOFT_HYPHEN = "\u00ad"
MIN_WORD = 8
"""Shorter words are not worth a break, and the dictionary breaks short ones badly ("Se-ksi")."""
MIN_WORD_NARROW = 12
"""In the narrow Mutu Baku and Keterangan columns (about 21 mm, some 11 letters of 9.5 pt text) a
shorter word fits a line of its own: breaking it would only make the cell ragged."""

_DICTIONARY = pyphen.Pyphen(lang="id_ID", left=3, right=3)
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"]+", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+")
_LOWER_AFTER_FIRST = re.compile(r".[a-z]+\Z")


@lru_cache(maxsize=4096)
def _word(word: str, shortest: int) -> str:
    """The word with soft hyphens, or unchanged when it is short or looks like a code ("LKjIP")."""
    if len(word) < shortest or not _LOWER_AFTER_FIRST.match(word):
        return word
    return _DICTIONARY.inserted(word, hyphen=SOFT_HYPHEN)


def _words(text: str, shortest: int, names: Collection[str]) -> str:
    """Hyphenate each word of plain text (not escaped yet) but the words of ``names``."""
    return _WORD.sub(lambda m: m.group(0) if m.group(0).casefold() in names else _word(m.group(0), shortest), text)


def name_words(names: Iterable[str]) -> frozenset[str]:
    """The words of the pelaksana names, casefolded: never hyphenated wherever they are written."""
    return frozenset(word.casefold() for name in names for word in _WORD.findall(name))


def unhyphenated(text: str) -> str:
    """``text`` as a reader sees and searches it: without the soft hyphens."""
    return text.replace(SOFT_HYPHEN, "")


def _url(url: str) -> str:
    """An escaped URL that may break after a slash, never with a hyphen."""
    parts = re.split(r"(?<=/)(?!/)", url)
    return '<span class="url">' + "<wbr>".join(str(escape(part)) for part in parts) + "</span>"


def _pieces(text: str) -> list[tuple[bool, str]]:
    """``text`` cut into (is a URL, piece)."""
    out: list[tuple[bool, str]] = []
    last = 0
    for match in _URL.finditer(text):
        out += [(False, text[last:match.start()]), (True, match.group(0))]
        last = match.end()
    return [*out, (False, text[last:])]


def hyphenate(text: str, names: Collection[str] = frozenset(), shortest: int = MIN_WORD) -> str:
    """Plain ``text`` with soft hyphens in its words of ``shortest`` letters or more but the words of
    ``names`` (:func:`name_words`) and URLs: what the Word copy writes as optional hyphens."""
    return "".join(piece if url else _words(piece, shortest, names) for url, piece in _pieces(text))


def suku_kata(text: str, names: Collection[str] = frozenset(), shortest: int = MIN_WORD) -> Markup:
    """Escaped text hyphenated as :func:`hyphenate`, with break points after a URL's slashes."""
    return Markup("".join(_url(piece) if url else str(escape(_words(piece, shortest, names))) for url, piece in _pieces(text)))


def suku_kata_sempit(text: str, names: Collection[str] = frozenset()) -> Markup:
    """:func:`suku_kata` for a narrow column: only the words too long for a line of their own."""
    return suku_kata(text, names, MIN_WORD_NARROW)


FILTERS = {"suku_kata": suku_kata, "suku_kata_sempit": suku_kata_sempit}
"""The hyphenation filters of the templates."""
