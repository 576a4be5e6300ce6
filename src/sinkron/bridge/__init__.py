"""Outputs of the national–regional bridge: RKPD Form 4 and Form 5, the K/L × region synchronisation matrix, usulan routing.

Each builder returns a typed object (:class:`Form4`, :class:`Form5`, :class:`SyncMatrix`,
:class:`ProposalRoute`) for programs to use, and a printable :class:`Table` for people;
:class:`TableSet` groups tables (one per government, per perangkat daerah, per K/L × region).
The built-in exporters write tables as Markdown or one self-contained HTML file, and the
``sinkron-kl`` plugin as xlsx; ``sinkron report form4|form5|matrix`` is the command. See
``docs/national.md``.
"""

from sinkron.bridge.form4 import Form4, build_form4, form4_tables
from sinkron.bridge.form5 import Form5, Form5Row, build_form5, form5_tables
from sinkron.bridge.matrix import MatrixPair, SyncMatrix, build_sync_matrix, matrix_tables, sync_matrices
from sinkron.bridge.routing import ProposalRoute, find_ministry, route_proposals, routing_table
from sinkron.bridge.tables import Cell, Column, HeaderCell, RowStyle, Table, TableRow, TableSet, cell_text, money_text

__all__ = [
    "Cell",
    "Column",
    "Form4",
    "Form5",
    "Form5Row",
    "HeaderCell",
    "MatrixPair",
    "ProposalRoute",
    "RowStyle",
    "SyncMatrix",
    "Table",
    "TableRow",
    "TableSet",
    "build_form4",
    "build_form5",
    "build_sync_matrix",
    "cell_text",
    "find_ministry",
    "form4_tables",
    "form5_tables",
    "matrix_tables",
    "money_text",
    "route_proposals",
    "routing_table",
    "sync_matrices",
]
