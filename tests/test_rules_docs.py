"""docs/rules.md documents every registered rule, in its family's section, and nothing that does not exist.

Each rule has a heading ``### SKN101 unknown-code — error …`` (id, name, default severity first),
its meaning in Indonesian and English (the rule's own ``description``, as ``- **id**: …`` and
``- **en**: …``), and an example finding as a blockquote (``> ⚠ warning · path``).
"""

from __future__ import annotations

import re
from pathlib import Path

import attrs
import pytest

from sinkron.align import FAMILIES, Rule
from sinkron.plugins import PluginManager

PAGE = Path(__file__).resolve().parents[1] / "docs" / "rules.md"

_FAMILY = re.compile(r"^## Family (\d+) ", re.M)
_RULE = re.compile(r"^### ([A-Z]{2,5}\d{3}) (\S+) — (.+)$", re.M)
_EXAMPLE = re.compile(r"^> \S+ (error|warning|info) · ", re.M)


@attrs.frozen
class DocumentedRule:
    id: str
    name: str
    severity: str
    family: int
    text: str
    """The section's text, up to the next heading."""


def _documented(page: str) -> dict[str, DocumentedRule]:
    families = list(_FAMILY.finditer(page))
    rules: dict[str, DocumentedRule] = {}
    headings = list(_RULE.finditer(page))
    for i, match in enumerate(headings):
        end = headings[i + 1].start() if i + 1 < len(headings) else len(page)
        following = re.compile(r"^## ", re.M).search(page, match.end(), end)
        if following is not None:
            end = following.start()
        family = max((int(f.group(1)) for f in families if f.start() < match.start()), default=0)
        rule_id = match.group(1)
        assert rule_id not in rules, f"{rule_id} is documented twice in docs/rules.md"
        rules[rule_id] = DocumentedRule(
            id=rule_id,
            name=match.group(2),
            severity=match.group(3),
            family=family,
            text=page[match.end() : end],
        )
    return rules


def _squash(text: str) -> str:
    return " ".join(text.split()).rstrip(".")


REGISTERED: dict[str, Rule] = PluginManager(load_entry_points=False).rules()
DOCUMENTED = _documented(PAGE.read_text(encoding="utf-8"))


def test_registered_rules_exist() -> None:
    # the built-in families are registered; the parametrised test below covers each
    assert {"SKN101", "SKN106", "SKN201", "SKN206"} <= set(REGISTERED)


@pytest.mark.parametrize("rule_id", sorted(REGISTERED))
def test_registered_rule_is_documented(rule_id: str) -> None:
    rule = REGISTERED[rule_id]
    doc = DOCUMENTED.get(rule_id)
    assert doc is not None, (
        f"{rule_id} ({rule.name}) is registered but missing from docs/rules.md: add "
        f"'### {rule_id} {rule.name} — {rule.severity.value}' under '## Family {rule.family}'"
    )
    assert doc.family == rule.family, f"{rule_id} is documented under family {doc.family}, not {rule.family}"
    assert doc.name == rule.name, f"{rule_id} is documented as {doc.name!r}, registered as {rule.name!r}"
    assert doc.severity.startswith(rule.severity.value), (
        f"{rule_id}: the heading should give the default severity {rule.severity.value!r} first, got {doc.severity!r}"
    )
    text = _squash(doc.text)
    assert _squash(rule.description.id) in text, f"{rule_id}: Indonesian description missing: {rule.description.id!r}"
    assert _squash(rule.description.en) in text, f"{rule_id}: English description missing: {rule.description.en!r}"
    assert _EXAMPLE.search(doc.text), f"{rule_id}: no example finding ('> ⚠ warning · path' blockquote)"


def test_documented_rules_are_registered() -> None:
    # Only families with registered rules are held to this (a family may be documented ahead of its code).
    families = {r.family for r in REGISTERED.values()}
    stale = sorted(r for r, doc in DOCUMENTED.items() if doc.family in families and r not in REGISTERED)
    assert not stale, f"documented in docs/rules.md but not registered: {stale}"


def test_every_family_of_a_registered_rule_has_a_section() -> None:
    page = PAGE.read_text(encoding="utf-8")
    sections = {int(m.group(1)) for m in _FAMILY.finditer(page)}
    needed = {r.family for r in REGISTERED.values()}
    assert needed <= sections, f"missing '## Family N' sections: {sorted(needed - sections)}"
    assert sections <= set(FAMILIES), f"unknown families in docs/rules.md: {sorted(sections - set(FAMILIES))}"


def test_the_parser_finds_a_rule_section_and_its_family() -> None:
    page = (
        "## Family 1 — A\n\n### SKN101 unknown-code — error\n\n- **id**: x\n\n> ✖ error · P\n\n"
        "## Family 2 — B\n\n### SKN201 missing-indicator — error; warning above\n\ntext\n\n## Metrics\n\nmore\n"
    )
    docs = _documented(page)
    assert [(d.id, d.name, d.family) for d in docs.values()] == [
        ("SKN101", "unknown-code", 1),
        ("SKN201", "missing-indicator", 2),
    ]
    assert _EXAMPLE.search(docs["SKN101"].text)
    assert "more" not in docs["SKN201"].text
    assert docs["SKN201"].severity == "error; warning above"
