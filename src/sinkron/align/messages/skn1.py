"""Messages of rule family 1 (see :mod:`sinkron.align.messages`)."""

from __future__ import annotations

from sinkron.models.findings import Message

MESSAGES: dict[str, Message] = {}
