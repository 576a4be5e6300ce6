"""Built-in plugin: printable tables (Form 4, Form 5, the synchronisation matrix) as Markdown and as one HTML file.

``sinkron.write(table_or_set, "form4.md")`` (or ``.html``). A :class:`~sinkron.bridge.TableSet`
becomes one document with a section per table. The HTML file is self-contained (inline CSS, no
script) and every value from the data is escaped; grouped headers keep their column and row spans.
The ``sinkron-kl`` plugin adds xlsx.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from sinkron.bridge.tables import Cell, RowStyle, Table, TableSet, cell_text
from sinkron.errors import SinkronError
from sinkron.exporter import Exporter
from sinkron.options import NoOptions
from sinkron.plugins.hookspecs import hookimpl
from sinkron.safe_text import escape_markdown

__all__ = ["TablesHtmlExporter", "TablesMarkdownExporter", "render_tables_html", "render_tables_markdown"]


def _tables(obj: Any) -> tuple[str | None, tuple[Table, ...], tuple[str, ...]]:
    if isinstance(obj, TableSet):
        return obj.title, obj.tables, obj.notes
    if isinstance(obj, Table):
        return None, (obj,), ()
    raise SinkronError(f"expected a Table or TableSet, got {type(obj).__name__}")


# -- Markdown -------------------------------------------------------------------------------------------


def _md_cell(cell: Cell, style: RowStyle) -> str:
    lines = cell if isinstance(cell, tuple) else (cell_text(cell),)
    text = "<br>".join(escape_markdown(line) for line in lines if line)
    if text and style in (RowStyle.GROUP, RowStyle.TOTAL):
        return f"**{text}**"
    return text


def _md_table(table: Table, heading: str) -> str:
    out = [f"{heading} {escape_markdown(table.title)}", ""]
    out += [f"{escape_markdown(line)}  " for line in table.subtitle]
    if table.subtitle:
        out.append("")
    out.append("| " + " | ".join(escape_markdown(c.full_label) for c in table.columns) + " |")
    out.append("|" + "|".join("---:" if c.kind in ("money", "number") else "---" for c in table.columns) + "|")
    width = len(table.columns)
    for row in table.rows:
        if row.style is RowStyle.NOTE:
            cells = [_md_cell(row.cells[0], row.style)] + [""] * (width - 1)
        else:
            cells = [_md_cell(c, row.style) for c in row.cells]
        out.append("| " + " | ".join(cells) + " |")
    if table.notes:
        out.append("")
        out += [f"_{escape_markdown(note)}_" for note in table.notes]
    return "\n".join(out) + "\n"


def render_tables_markdown(obj: Table | TableSet) -> str:
    """A table or a set of tables as Markdown (grouped headers joined with ``›``; lines with ``<br>``)."""
    title, tables, notes = _tables(obj)
    parts: list[str] = []
    heading = "#"
    if title is not None:
        parts.append(f"# {escape_markdown(title)}\n")
        heading = "##"
    parts += [_md_table(t, heading) for t in tables]
    if not tables:
        parts.append("Tidak ada tabel.\n")
    parts += [f"_{escape_markdown(note)}_\n" for note in notes]
    return "\n".join(parts)


# -- HTML ----------------------------------------------------------------------------------------------

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:1.5rem;color:#1d2327;font-size:13px}
h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:2rem}.sub{margin:.1rem 0;color:#3c434a}
table{border-collapse:collapse;margin:.6rem 0;width:100%}th,td{border:1px solid #8c8f94;padding:3px 5px;
vertical-align:top}th{background:#dcdcde;text-align:center}tr.num td{background:#f0f0f1;text-align:center;
font-size:11px;color:#50575e}td.money{text-align:right;white-space:nowrap}tr.group td{font-weight:600;
background:#f6f7f7}tr.total td{font-weight:700;background:#e5e5e5}tr.note td{font-style:italic}
.notes{color:#50575e;font-size:12px}
"""


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _html_cell(cell: Cell) -> str:
    lines = cell if isinstance(cell, tuple) else (cell_text(cell),)
    return "<br>".join(_e(line) for line in lines)


def _html_table(table: Table) -> str:
    out = [f"<section><h2>{_e(table.title)}</h2>"]
    out += [f'<p class="sub">{_e(line)}</p>' for line in table.subtitle]
    out.append("<table><thead>")
    for header in table.header_rows():
        cells = "".join(
            f"<th{f' colspan={h.colspan}' if h.colspan > 1 else ''}{f' rowspan={h.rowspan}' if h.rowspan > 1 else ''}"
            f' scope="col">{_e(h.label)}</th>'
            for h in header
        )
        out.append(f"<tr>{cells}</tr>")
    out.append("</thead><tbody>")
    if table.numbered:
        out.append('<tr class="num">' + "".join(f"<td>({i})</td>" for i in range(1, len(table.columns) + 1)) + "</tr>")
    for row in table.rows:
        if row.style is RowStyle.NOTE:
            out.append(f'<tr class="note"><td colspan={len(table.columns)}>{_html_cell(row.cells[0])}</td></tr>')
            continue
        cells = "".join(
            f"<td{' class=money' if column.kind in ('money', 'number') else ''}>{_html_cell(cell)}</td>"
            for column, cell in zip(table.columns, row.cells)
        )
        out.append(f'<tr class="{row.style.value}" data-level="{row.level}">{cells}</tr>')
    out.append("</tbody></table>")
    if table.notes:
        out.append('<div class="notes">' + "".join(f"<p>{_e(n)}</p>" for n in table.notes) + "</div>")
    out.append("</section>")
    return "\n".join(out)


def render_tables_html(obj: Table | TableSet) -> str:
    """A table or a set of tables as one self-contained HTML page (escaped; no script)."""
    title, tables, notes = _tables(obj)
    page_title = title or (tables[0].title if tables else "sinkron")
    body = [f"<h1>{_e(page_title)}</h1>"] if title is not None else []
    body += [_html_table(t) for t in tables]
    if not tables:
        body.append("<p>Tidak ada tabel.</p>")
    body += [f'<p class="notes">{_e(n)}</p>' for n in notes]
    return (
        '<!DOCTYPE html>\n<html lang="id"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(page_title)}</title><style>{_CSS}</style></head><body>\n"
        + "\n".join(body)
        + '\n<p class="notes">Dibuat oleh sinkron</p></body></html>\n'
    )


class TablesMarkdownExporter(Exporter):
    """Form 4, Form 5 and matrix tables as Markdown."""

    name = "tables-md"
    formats = ("md", "markdown")
    extension = ".md"
    accepts = (Table, TableSet)
    description = "printable tables (Form 4, Form 5, synchronisation matrix) as Markdown"
    render_options = NoOptions

    def render(self, obj: Any, **options: Any) -> bytes:
        return render_tables_markdown(obj).encode("utf-8")


class TablesHtmlExporter(Exporter):
    """Form 4, Form 5 and matrix tables as one HTML page."""

    name = "tables-html"
    formats = ("html",)
    extension = ".html"
    accepts = (Table, TableSet)
    description = "printable tables (Form 4, Form 5, synchronisation matrix) as one self-contained HTML file"
    render_options = NoOptions

    def render(self, obj: Any, **options: Any) -> bytes:
        return render_tables_html(obj).encode("utf-8")


@hookimpl
def sinkron_register_exporters(register: Callable[[Exporter], None]) -> None:
    register(TablesMarkdownExporter())
    register(TablesHtmlExporter())
