"""Built-in plugin: meeting minutes (berita acara) as Markdown and as one self-contained HTML file.

``sinkron.write(meeting, "berita-acara.md")`` (or ``.html``); the option ``bundle`` gives the
governments and agencies whose names the minutes print next to their ids.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs

from sinkron.errors import SinkronError
from sinkron.exporter import Exporter
from sinkron.meetings.minutes import render_minutes_html, render_minutes_markdown
from sinkron.models import Bundle, Meeting
from sinkron.options import option
from sinkron.plugins.hookspecs import hookimpl

__all__ = ["MinutesHtmlExporter", "MinutesMarkdownExporter"]


def _bundle(options: dict[str, Any]) -> Bundle | None:
    bundle = options.get("bundle")
    if bundle is not None and not isinstance(bundle, Bundle):
        raise SinkronError(f"the minutes' bundle option must be a Bundle, got {type(bundle).__name__}")
    return bundle


@attrs.frozen(kw_only=True)
class MinutesOptions:
    """The render option of the minutes exporters."""

    bundle: Bundle | None = option(None, "The plans the meeting refers to (names items and their pagu).")


class MinutesMarkdownExporter(Exporter):
    """The minutes of a meeting as Markdown."""

    name = "minutes-md"
    formats = ("md", "markdown")
    extension = ".md"
    accepts = (Meeting,)
    description = "meeting minutes (berita acara) as Markdown"
    render_options = MinutesOptions

    def render(self, obj: Any, **options: Any) -> bytes:
        return render_minutes_markdown(obj, _bundle(options)).encode("utf-8")


class MinutesHtmlExporter(Exporter):
    """The minutes of a meeting as one HTML page."""

    name = "minutes-html"
    formats = ("html",)
    extension = ".html"
    accepts = (Meeting,)
    description = "meeting minutes (berita acara) as one self-contained HTML file"
    render_options = MinutesOptions

    def render(self, obj: Any, **options: Any) -> bytes:
        return render_minutes_html(obj, _bundle(options)).encode("utf-8")


@hookimpl
def sinkron_register_exporters(register: Callable[[Exporter], None]) -> None:
    register(MinutesMarkdownExporter())
    register(MinutesHtmlExporter())
