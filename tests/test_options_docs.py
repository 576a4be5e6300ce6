"""Every declared option is documented: connectors' and exporters' in docs/options.md, rules' in docs/rules.md.

docs/options.md has a section ``### connector NAME`` or ``### exporter NAME`` per registered connector or
exporter with a declaration, and a table row per option: ``| `name` | `type` | `default` | meaning |``
(``—`` for no default), as :func:`sinkron.options.describe_options` gives them. A rule's options are named
(`` `name` ``) in its section of docs/rules.md.
"""

from __future__ import annotations

import re
from pathlib import Path

import attrs
import pytest
from test_rules_docs import DOCUMENTED as DOCUMENTED_RULES

from sinkron.options import OptionInfo, describe_options, option
from sinkron.plugins import PluginManager

PAGE = Path(__file__).resolve().parents[1] / "docs" / "options.md"
_SECTION = re.compile(r"^### (connector|exporter) (\S+)$", re.M)
_ROW = re.compile(r"^\| `(\w+)` \| `(.+?)` \| (?:`(.*?)`|—) \| (.*) \|$", re.M)

PM = PluginManager()
DECLARED: dict[str, tuple[OptionInfo, ...]] = {
    **{f"connector {n}": describe_options(c.read_options) for n, c in PM.connectors().items() if c.read_options},
    **{f"exporter {n}": describe_options(e.render_options) for n, e in PM.exporters().items() if e.render_options},
}


def _unescape(text: str) -> str:
    return text.replace("\\|", "|")


def documented_options(page: str) -> dict[str, dict[str, tuple[str, str, str]]]:
    """Section (``"connector spreadsheet"``) → option → (type, default text, meaning), as the page writes them."""
    sections: dict[str, dict[str, tuple[str, str, str]]] = {}
    headings = list(_SECTION.finditer(page))
    for i, heading in enumerate(headings):
        end = headings[i + 1].start() if i + 1 < len(headings) else len(page)
        following = re.compile(r"^## ", re.M).search(page, heading.end(), end)
        body = page[heading.end() : following.start() if following else end]
        sections[f"{heading.group(1)} {heading.group(2)}"] = {
            row.group(1): (_unescape(row.group(2)), _unescape(row.group(3) or ""), _unescape(row.group(4)))
            for row in _ROW.finditer(body)
        }
    return sections


def undocumented(declared: dict[str, tuple[OptionInfo, ...]], page: str) -> list[str]:
    """What of ``declared`` the page misses or states differently, one line each."""
    documented = documented_options(page)
    problems = []
    for owner, options in sorted(declared.items()):
        if owner not in documented:
            problems.append(f"no '### {owner}' section")
            continue
        for o in options:
            row = documented[owner].get(o.name)
            if row is None:
                problems.append(f"{owner}: option {o.name} is not documented")
            elif row != (o.type, o.default_text, o.description):
                problems.append(
                    f"{owner}: option {o.name} is documented as {row}, declared as "
                    f"{(o.type, o.default_text, o.description)}"
                )
        stale = set(documented[owner]) - {o.name for o in options}
        problems += [f"{owner}: documented option {name} is not declared" for name in sorted(stale)]
    return problems


def test_the_first_party_declarations_are_found() -> None:
    assert {"connector spreadsheet", "exporter report-text"} <= set(DECLARED)


def test_every_declared_connector_and_exporter_option_is_documented() -> None:
    problems = undocumented(DECLARED, PAGE.read_text(encoding="utf-8"))
    assert not problems, "docs/options.md does not match the declarations:\n" + "\n".join(problems)


def test_documented_sections_are_registered() -> None:
    # a section of a plugin that is not installed here is allowed: only first-party names are written
    documented = documented_options(PAGE.read_text(encoding="utf-8"))
    installed = {f"connector {n}" for n in PM.connectors()} | {f"exporter {n}" for n in PM.exporters()}
    stale = sorted(owner for owner in documented if owner in installed and owner not in DECLARED)
    assert not stale, f"documented in docs/options.md but declaring no options: {stale}"


@pytest.mark.parametrize("rule_id", sorted(r for r, rule in PM.rules().items() if describe_options(rule.options)))
def test_every_rule_option_is_named_in_rules_md(rule_id: str) -> None:
    section = DOCUMENTED_RULES[rule_id].text
    missing = [o.name for o in describe_options(PM.rules()[rule_id].options) if f"`{o.name}`" not in section]
    assert not missing, f"{rule_id}: options not named in its docs/rules.md section: {missing}"


def test_the_check_fails_on_an_undocumented_or_changed_option() -> None:
    @attrs.frozen(kw_only=True)
    class Declared:
        year: int | None = option(None, "Plan year.")
        sheet: str = option("Renja", "Sheet to read.")

    page = (
        "## Connectors\n\n### connector demo\n\n| option | type | default | meaning |\n| --- | --- | --- | --- |\n"
        "| `year` | `int \\| None` | — | Plan year. |\n| `sheet` | `str` | `Renstra` | Sheet to read. |\n"
    )
    problems = undocumented({"connector demo": describe_options(Declared)}, page)
    assert len(problems) == 1 and "option sheet is documented as" in problems[0]
    assert undocumented({"connector other": ()}, page) == ["no '### connector other' section"]
    fixed = page.replace("`Renstra`", "`Renja`")
    assert undocumented({"connector demo": describe_options(Declared)}, fixed) == []
