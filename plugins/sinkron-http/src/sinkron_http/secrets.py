"""Secrets (API keys, tokens) and their redaction from every text sinkron-http produces.

A :class:`Secret` holds a value given as an argument or names an environment variable that holds
it. Its ``repr`` and ``str`` never show the value; only :meth:`Secret.reveal` does, and only the
request code calls it. A :class:`Redactor` removes secret values and the values of sensitive query
parameters (``api_key``, ``token`` …) from URLs and messages before they reach an error, a log
record, a progress event or a bundle.

>>> key = Secret("s3cr3t-key")
>>> key
Secret('***')
>>> Redactor([key]).url("https://sipd.example.go.id/api?tahun=2026&api_key=s3cr3t-key")
'https://sipd.example.go.id/api?tahun=2026&api_key=***'
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import attrs

from sinkron.errors import SinkronError

__all__ = [
    "MASK",
    "SENSITIVE_NAMES",
    "MissingSecret",
    "Redactor",
    "Secret",
    "is_sensitive_name",
]

#: What a redacted value is replaced with.
MASK = "***"

#: Parts of parameter and header names whose values are always treated as secret.
SENSITIVE_NAMES: tuple[str, ...] = (
    "key",
    "token",
    "secret",
    "password",
    "passwd",
    "pwd",
    "auth",
    "signature",
    "sig",
    "session",
    "cookie",
    "credential",
)

_SPLIT = re.compile(r"[^a-z0-9]+")


def is_sensitive_name(name: str) -> bool:
    """Whether a parameter or header called ``name`` carries a secret (``api_key``, ``X-Access-Token`` …).

    >>> is_sensitive_name("api_key"), is_sensitive_name("Authorization"), is_sensitive_name("tahun_anggaran")
    (True, True, False)
    """
    lowered = name.lower()
    words = [w for w in _SPLIT.split(lowered) if w]
    for word in (*words, lowered.replace("-", "").replace("_", "")):
        for part in SENSITIVE_NAMES:
            if word == part or word.endswith(part) or word.startswith(part):
                return True
    return False


class MissingSecret(SinkronError):
    """A secret names an environment variable that is not set (or is empty)."""

    def __init__(self, env: str, purpose: str = "the secret") -> None:
        self.env = env
        super().__init__(f"environment variable {env} is not set; it must hold {purpose}")


@attrs.frozen(repr=False)
class Secret:
    """An API key or token, given directly or as the name of an environment variable.

    ``str()`` and ``repr()`` never show the value.

    >>> Secret(env="SIPD_API_KEY")
    Secret(env='SIPD_API_KEY')
    >>> str(Secret("abc"))
    '***'
    """

    _value: str | None = attrs.field(default=None, alias="value")
    env: str | None = None

    def __attrs_post_init__(self) -> None:
        if (self._value is None) == (self.env is None):
            raise ValueError("a Secret needs exactly one of a value or an environment variable name (env=...)")
        if self._value is not None and not isinstance(self._value, str):
            raise TypeError("a secret value must be text")

    @classmethod
    def of(cls, value: str | Secret) -> Secret:
        """``value`` as a Secret (a Secret is returned unchanged)."""
        return value if isinstance(value, Secret) else cls(value)

    @classmethod
    def from_env(cls, name: str) -> Secret:
        """The secret held by environment variable ``name`` (read when the request is made)."""
        return cls(env=name)

    def reveal(self, purpose: str = "the secret") -> str:
        """The value; raise :class:`MissingSecret` when the environment variable is unset."""
        if self._value is not None:
            return self._value
        assert self.env is not None
        value = os.environ.get(self.env, "")
        if not value:
            raise MissingSecret(self.env, purpose)
        return value

    def peek(self) -> str | None:
        """The value if it is available now, else ``None`` (for redaction; never raises)."""
        if self._value is not None:
            return self._value
        return os.environ.get(self.env or "", "") or None

    def describe(self) -> str:
        """Where the value comes from, without the value (for messages)."""
        return f"environment variable {self.env}" if self.env else "a value given in the configuration"

    def __repr__(self) -> str:
        return f"Secret(env={self.env!r})" if self.env else f"Secret({MASK!r})"

    def __str__(self) -> str:
        return MASK


class Redactor:
    """Removes secrets from URLs and texts.

    It knows the values of the given secrets (read from the environment where they live there) and
    masks the values of query parameters whose names look sensitive (:func:`is_sensitive_name`),
    plus the password of a ``user:password@`` URL.
    """

    def __init__(self, secrets: Iterable[Secret | str] = ()) -> None:
        values: set[str] = set()
        for secret in secrets:
            value = secret.peek() if isinstance(secret, Secret) else secret
            if value:
                values.add(value)
        # Longest first, so a secret containing another is masked whole.
        self._values = sorted(values, key=len, reverse=True)

    def text(self, text: str) -> str:
        """``text`` with every known secret value replaced by ``***``."""
        for value in self._values:
            text = text.replace(value, MASK)
        return text

    def url(self, url: str) -> str:
        """``url`` with sensitive query values, the userinfo password and known secrets masked."""
        try:
            parts = urlsplit(url)
            netloc = parts.netloc
            if "@" in netloc:
                userinfo, host = netloc.rsplit("@", 1)
                user = userinfo.split(":", 1)[0]
                netloc = f"{user}:{MASK}@{host}" if ":" in userinfo else f"{MASK}@{host}"
            query = parts.query
            if query:
                pairs = parse_qsl(query, keep_blank_values=True)
                query = urlencode([(k, MASK if is_sensitive_name(k) else v) for k, v in pairs], safe="*")
            url = urlunsplit((parts.scheme, netloc, parts.path, query, ""))
        except ValueError:
            pass
        return self.text(url)

    def mapping(self, values: Mapping[str, object]) -> dict[str, str]:
        """A copy of a parameter or header mapping with sensitive values masked (for logs and reprs)."""
        return {
            k: MASK if is_sensitive_name(k) or isinstance(v, Secret) else self.text(str(v)) for k, v in values.items()
        }
