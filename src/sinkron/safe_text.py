"""Text from the data made safe for an output format: Markdown cells and spreadsheet cells.

Names and messages come from files a planner did not write, so they can be hostile: Markdown or
HTML that changes a document's structure, or a cell a spreadsheet program would run as a formula.
The exporters, the minutes and the suggestions review sheet all escape through these functions.
This module imports nothing of sinkron.
"""

from __future__ import annotations

import re

__all__ = ["FORMULA_STARTS", "escape_markdown", "neutralise"]

#: What a spreadsheet program takes as the start of a formula (or of a cell to run).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def escape_markdown(value: str) -> str:
    """Text safe inside a Markdown table cell: HTML characters as entities, Markdown syntax escaped.

    >>> escape_markdown("<b>a|b</b> *x*")
    '&lt;b&gt;a\\\\|b&lt;/b&gt; \\\\*x\\\\*'
    """
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    value = _MARKDOWN_SPECIAL.sub(r"\\\1", value)
    return " ".join(value.split())


def neutralise(text: str) -> str:
    """Text a spreadsheet program would run as a formula, made inert with a leading apostrophe.

    >>> neutralise('=HYPERLINK("http://contoh.invalid","klik")')
    '\\'=HYPERLINK("http://contoh.invalid","klik")'
    >>> neutralise("-5"), neutralise("Dinas Kesehatan"), neutralise("")
    ("'-5", 'Dinas Kesehatan', '')
    """
    return "'" + text if text.startswith(FORMULA_STARTS) else text
