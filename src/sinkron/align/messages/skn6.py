"""Messages of rule family 6 (see :mod:`sinkron.align.messages`)."""

from __future__ import annotations

from sinkron.models.findings import Message

MESSAGES: dict[str, Message] = {}
