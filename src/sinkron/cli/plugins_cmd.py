"""``sinkron plugins``: what is installed, loaded, failed or disabled, and the options of what each registered."""

from __future__ import annotations

import click

from sinkron.cli._app import echo_json, format_option
from sinkron.options import OptionInfo, describe_options
from sinkron.plugins import PluginInfo, PluginManager, get_plugin_manager


def declared_options(pm: PluginManager, info: PluginInfo) -> dict[str, tuple[OptionInfo, ...] | None]:
    """The options of each connector, exporter and rule ``info`` registered (``None``: not declared, the 0.1 form).

    Keys name the kind and the name: ``"connector spreadsheet"``, ``"exporter report-text"``, ``"rule SKN303"``.
    """
    connectors, exporters, rules = pm.connectors(), pm.exporters(), pm.rules()
    found: dict[str, tuple[OptionInfo, ...] | None] = {}
    for name in info.provides:
        if name in connectors:
            declaration = connectors[name].read_options
            found[f"connector {name}"] = describe_options(declaration) if declaration is not None else None
        if name in exporters:
            declaration = exporters[name].render_options
            found[f"exporter {name}"] = describe_options(declaration) if declaration is not None else None
        if name in rules:
            found[f"rule {name}"] = describe_options(rules[name].options)
    return found


@click.command("plugins")
@format_option("text", "json")
@click.option("--options", "show_options", is_flag=True, help="Describe every option: type, default and meaning.")
def plugins(output_format: str, show_options: bool) -> None:
    """List plugins with their distribution, version, hooks, status and the options of what they registered.

    A plugin that failed to load is listed with its error; everything else keeps working.
    SINKRON_LOAD_PLUGINS=a,b loads only those entry points; SINKRON_DISABLED_PLUGINS=a skips some.
    Connector options are given as -R KEY=VALUE, rule options as --option RULE.key=value.
    """
    pm = get_plugin_manager()
    infos = pm.plugins()
    if output_format == "json":
        echo_json(
            [
                {
                    **i.to_dict(),
                    "options": {
                        owner: None if options is None else [o.to_dict() for o in options]
                        for owner, options in declared_options(pm, i).items()
                    },
                }
                for i in infos
            ]
        )
        return
    for info in infos:
        dist = f"{info.distribution} {info.version}" if info.distribution else "sinkron (built-in)"
        click.echo(f"{info.name:<40} {info.status:<9} {dist}")
        if info.hooks:
            click.echo(f"    hooks:    {', '.join(h.removeprefix('sinkron_') for h in info.hooks)}")
        if info.provides:
            shown = ", ".join(info.provides[:12]) + (" …" if len(info.provides) > 12 else "")
            click.echo(f"    provides: {shown}")
        if info.replaces:
            click.echo(f"    replaces: {', '.join(info.replaces)}")
        for owner, options in declared_options(pm, info).items():
            if options is None:
                click.echo(f"    options:  {owner}: not declared (a 0.1 plugin: takes any option)")
            elif options and not show_options:
                click.echo(f"    options:  {owner}: {', '.join(o.name for o in options)}")
            elif options:
                click.echo(f"    options:  {owner}:")
                for o in options:
                    default = f" = {o.default_text}" if o.default_text else ""
                    click.echo(f"        {o.name}: {o.type}{default} — {o.description or o.expected}")
        if info.error:
            click.echo(f"    error:    {info.error}")
    for notice in pm.notices:
        click.echo(f"sinkron: {notice}", err=True)
