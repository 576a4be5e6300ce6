"""``sinkron plugins``: what is installed, loaded, failed or disabled."""

from __future__ import annotations

import click

from sinkron.cli._app import echo_json, format_option
from sinkron.plugins import get_plugin_manager


@click.command("plugins")
@format_option("text", "json")
def plugins(output_format: str) -> None:
    """List plugins with their distribution, version, hooks and status.

    A plugin that failed to load is listed with its error; everything else keeps working.
    SINKRON_LOAD_PLUGINS=a,b loads only those entry points; SINKRON_DISABLED_PLUGINS=a skips some.
    """
    infos = get_plugin_manager().plugins()
    if output_format == "json":
        echo_json([i.to_dict() for i in infos])
        return
    for info in infos:
        dist = f"{info.distribution} {info.version}" if info.distribution else "sinkron (built-in)"
        click.echo(f"{info.name:<40} {info.status:<9} {dist}")
        if info.hooks:
            click.echo(f"    hooks:    {', '.join(h.removeprefix('sinkron_') for h in info.hooks)}")
        if info.provides:
            shown = ", ".join(info.provides[:12]) + (" …" if len(info.provides) > 12 else "")
            click.echo(f"    provides: {shown}")
        if info.error:
            click.echo(f"    error:    {info.error}")
