"""Built-in alignment rules, one module per family (see ``docs/rules.md``)."""
