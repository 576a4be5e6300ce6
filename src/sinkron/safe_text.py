"""Text from the data made safe for an output format: Markdown cells and spreadsheet cells.

Names and messages come from files a planner did not write, so they can be hostile: Markdown or
HTML that changes a document's structure, or a cell a spreadsheet program would run as a formula.
The exporters, the minutes and the suggestions review sheet all escape through these functions.
This module imports nothing of sinkron.
"""

from __future__ import annotations

import re

__all__ = ["FORMULA_STARTS", "escape_markdown", "neutralise", "unneutralise"]

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

    The one guard of every csv and xlsx cell sinkron writes. Text that already starts with an
    apostrophe before such a character (or before another apostrophe) is given one more, so
    :func:`unneutralise` gives back exactly the text written.

    >>> neutralise('=HYPERLINK("http://contoh.invalid","klik")')
    '\\'=HYPERLINK("http://contoh.invalid","klik")'
    >>> neutralise("-5"), neutralise("Dinas Kesehatan"), neutralise(""), neutralise("'=1"), neutralise("'a")
    ("'-5", 'Dinas Kesehatan', '', "''=1", "'a")
    """
    if text.startswith(FORMULA_STARTS) or (text.startswith("'") and text[1:2] in (*FORMULA_STARTS, "'")):
        return "'" + text
    return text


def unneutralise(text: str) -> str:
    """The text :func:`neutralise` was given (how sinkron's readers take the apostrophe off again).

    >>> unneutralise("'=1+1"), unneutralise("''=1"), unneutralise("'a"), unneutralise("Dinas")
    ('=1+1', "'=1", "'a", 'Dinas')
    """
    if text.startswith("'") and text[1:2] in (*FORMULA_STARTS, "'"):
        return text[1:]
    return text
