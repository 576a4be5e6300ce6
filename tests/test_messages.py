"""The message catalogue: complete in both languages, every key a rule uses exists, rendering per language."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings

import sinkron
from sinkron.align import Severity
from sinkron.align.context import Context
from sinkron.align.findings import Finding, Message
from sinkron.align.messages import Catalogue, builtin_catalogue
from sinkron.align.rule import rule
from sinkron.demo import demo_bundle
from sinkron.models import Value
from sinkron.testing.faults import FaultyBundle, faulty_bundles

RULES = Path(sinkron.__file__).parent / "align" / "rules"
_KEY = re.compile(r"skn\d{1,3}\.[a-z0-9_.-]+\Z")


def _keys_in_rule_sources() -> dict[str, str]:
    """Every string literal of the built-in rules that looks like a message key, with the file it is in."""
    found: dict[str, str] = {}
    for path in sorted(RULES.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and _KEY.match(node.value):
                found[node.value] = path.name
    return found


def test_builtin_catalogue_is_complete_in_both_languages() -> None:
    catalogue = builtin_catalogue()
    assert len(catalogue) > 0
    assert catalogue.problems() == []


def test_problems_name_a_missing_text_and_a_placeholder_of_one_language() -> None:
    broken = Catalogue(
        {
            "app1.empty": Message("Teks", " "),
            "app1.one-sided": Message("Pagu {amount:rp} tahun {year}", "The {year} pagu"),
            "app1.fine": Message("Pagu {amount:rp}", "Pagu {amount:rp}"),
        }
    )
    assert broken.problems() == [
        "app1.empty: the en text is empty",
        "app1.one-sided: placeholders only in id: amount",
    ]


def test_every_key_the_rules_name_exists_and_every_message_is_used() -> None:
    named = _keys_in_rule_sources()
    catalogue = builtin_catalogue()
    missing = {key: file for key, file in named.items() if key not in catalogue}
    assert missing == {}
    unused = sorted(set(catalogue) - set(named))
    assert unused == []


def _calls_with_wording(source: str, name: str) -> list[str]:
    """Calls that pass ready-made wording: ``id=`` with ``en=``, or ``fix_id=``/``fix_en=``, anywhere but in the
    ``@rule(...)`` decorator, and ``Message(...)`` built by hand (wording belongs in the catalogue)."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        called = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        if called == "rule":
            continue
        keywords = {k.arg for k in node.keywords}
        if called == "Message" or {"id", "en"} <= keywords or {"fix_id", "fix_en"} & keywords:
            found.append((node.lineno, f"{name}:{node.lineno} {called}(…)"))
    return [call for _, call in sorted(found)]


def test_the_builtin_rules_leave_the_wording_to_the_catalogue() -> None:
    leftovers = [
        call
        for path in sorted(RULES.glob("*.py"))
        for call in _calls_with_wording(path.read_text(encoding="utf-8"), path.name)
    ]
    assert leftovers == []


def test_a_finding_with_its_own_wording_is_caught() -> None:
    source = """
@rule("APP101", "x", Severity.INFO, id="Deskripsi", en="Description")
def check(ctx):
    yield ctx.finding("a", id="Teks", en="Text")
    yield _helper(ctx, "b", fix_id="Perbaiki", fix_en="Fix it")
    yield ctx.report("c", "app101.key", {"label": Message("label", "label")})
    yield Rule(id="APP102", name="y", severity=Severity.INFO, description="…", check=check)
"""
    assert _calls_with_wording(source, "app.py") == [
        "app.py:4 finding(…)",
        "app.py:5 _helper(…)",
        "app.py:6 Message(…)",
    ]


def _assert_rendered(report: sinkron.Report) -> None:
    assert report.rule_failures == ()
    for finding in report.findings:
        for message in (finding.message, finding.fix):
            if message is not None:
                assert message.id.strip() and message.en.strip()
                assert "{" not in message.id + message.en, finding


def test_every_rule_renders_its_messages_on_the_demo_bundle() -> None:
    _assert_rendered(sinkron.check(demo_bundle()))


@settings(max_examples=10)
@given(faulty_bundles())
def test_every_rule_renders_its_messages_on_the_fault_bundles(case: FaultyBundle) -> None:
    _assert_rendered(sinkron.check(case.bundle, config=case.config))


def test_values_are_formatted_per_language() -> None:
    catalogue = Catalogue(
        {
            "app1.figures": Message(
                "{amount:rp} · {share:%} · {number:num} · {rounded:num.1} · {change:+num} · {value:value} · "
                "{name:cap} · {word}",
                "{amount:rp} · {share:%} · {number:num} · {rounded:num.1} · {change:+num} · {value:value} · "
                "{name:cap} · {word}",
            ),
            "app1.word": Message("kata", "word"),
        }
    )
    values = {
        "amount": Decimal("1250000"),
        "share": Decimal("0.125"),
        "number": Decimal("1234.5"),
        "rounded": Decimal("3.14159"),
        "change": Decimal("1234.5"),
        "value": Value.parse("1234.5 Dokumen"),
        "name": "pagu indikatif",
        "word": catalogue.render("app1.word"),
    }
    assert catalogue.render("app1.figures", values) == Message(
        "Rp 1.250.000 · 12,5% · 1.234,5 · 3,1 · +1.234,5 · 1.234,5 Dokumen · Pagu indikatif · kata",
        "Rp 1.250.000 · 12,5% · 1.234,5 · 3,1 · +1.234,5 · 1.234,5 Dokumen · Pagu indikatif · word",
    )


def test_a_missing_key_or_value_is_named() -> None:
    catalogue = Catalogue({"app1.pagu": Message("Pagu {amount:rp}", "Pagu {amount:rp}")}, name="app")
    with pytest.raises(KeyError, match="no message 'app1.nothing' in the app message catalogue"):
        catalogue.render("app1.nothing")
    with pytest.raises(KeyError, match="message 'app1.pagu' needs a value for 'amount'"):
        catalogue.render("app1.pagu", {})


def test_merging_catalogues_refuses_a_key_defined_twice() -> None:
    one = Catalogue({"app1.x": Message("a", "a")}, name="one")
    with pytest.raises(ValueError, match="app1.x"):
        one.merged(Catalogue({"app1.x": Message("b", "b")}, name="two"))


# -- a plugin's rule: its own catalogue beside the 0.1 form ---------------------------------------------------
PLUGIN_MESSAGES = Catalogue(
    {
        "app101.plans": Message("Bundel memuat {count} dokumen perencanaan.", "The bundle holds {count} plan(s)."),
        "app101.plans.fix": Message("Tidak perlu tindakan.", "Nothing to do."),
    },
    name="app",
)


@rule(
    "APP101",
    "plan-count",
    Severity.INFO,
    id="Jumlah dokumen perencanaan",
    en="Number of plans",
    messages=PLUGIN_MESSAGES,
)
def plan_count(ctx: Context) -> Iterator[Finding]:
    count = len(ctx.bundle.plans)
    yield ctx.report("bundle", "app101.plans", {"count": count}, evidence={"plans": count}, fix="app101.plans.fix")
    yield ctx.finding("bundle", id=f"{count} dokumen", en=f"{count} plan(s)", evidence={"plans": count})


def test_a_plugin_rule_reports_from_its_own_catalogue_and_the_01_form_still_works() -> None:
    bundle = demo_bundle()
    report = sinkron.check(bundle, rules=[plan_count])
    assert report.rule_failures == ()
    count = len(bundle.plans)
    assert [(f.message, f.fix, f.evidence) for f in report.findings] == [
        (
            Message(f"Bundel memuat {count} dokumen perencanaan.", f"The bundle holds {count} plan(s)."),
            Message("Tidak perlu tindakan.", "Nothing to do."),
            {"plans": count},
        ),
        (Message(f"{count} dokumen", f"{count} plan(s)"), None, {"plans": count}),
    ]
