"""Secrets (API keys, tokens) and their redaction from every text sinkron-http produces.

A :class:`Secret` holds a value given as an argument or names an environment variable that holds
it. Its ``repr`` and ``str`` never show the value; only :meth:`Secret.reveal` does, and only the
request code calls it. A :class:`Redactor` removes secret values and the values of sensitive query
parameters (``api_key``, ``token`` …) from URLs and messages before they reach an error, a log
record, a progress event or a bundle — in every form a server may echo a secret back in
(:func:`secret_forms`: as it is, JSON-escaped, URL-encoded, base64).

>>> key = Secret("s3cr3t-key")
>>> key
Secret('***')
>>> Redactor([key]).url("https://sipd.example.go.id/api?tahun=2026&api_key=s3cr3t-key")
'https://sipd.example.go.id/api?tahun=2026&api_key=***'
"""

from __future__ import annotations

import base64
import json
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from urllib.parse import parse_qsl, quote, quote_plus, unquote, urlencode, urlsplit, urlunsplit

import attrs

from sinkron.errors import SinkronError

__all__ = [
    "MASK",
    "SENSITIVE_NAMES",
    "MissingSecret",
    "Redactor",
    "Secret",
    "is_sensitive_name",
    "secret_forms",
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


_PERCENT_ESCAPE = re.compile(r"%[0-9A-F]{2}")


def _base64(text: str) -> set[str]:
    """The standard and URL-safe base64 of ``text``, with and without their padding."""
    raw = text.encode("utf-8")
    encoded = {base64.b64encode(raw).decode("ascii"), base64.urlsafe_b64encode(raw).decode("ascii")}
    return encoded | {form.rstrip("=") for form in encoded}


def secret_forms(value: str, *, user: str | None = None) -> set[str]:
    """Every form ``value`` may be echoed back in by a server or a library.

    As it is; JSON-escaped (with ``\\uXXXX`` escapes or not, and ``/`` as ``\\/``, PHP's default);
    URL-encoded (``%2F`` or ``%2f``, a space as ``%20`` or ``+``); base64 (standard and URL-safe); and,
    for a password, the base64 of ``user:password`` that HTTP Basic authentication sends.

    >>> sorted(secret_forms("a/b c"))
    ['YS9iIGM', 'YS9iIGM=', 'a%2Fb%20c', 'a%2Fb+c', 'a%2fb%20c', 'a%2fb+c', 'a/b c', 'a/b%20c', 'a/b+c', 'a\\\\/b c']
    """
    forms = {value}
    for ascii_only in (True, False):
        escaped = json.dumps(value, ensure_ascii=ascii_only)[1:-1]
        forms |= {escaped, escaped.replace("/", "\\/")}
    for encoded in (
        quote(value, safe=""),
        quote(value, safe="/"),
        quote_plus(value, safe=""),
        quote_plus(value, safe="/"),
    ):
        forms |= {encoded, _PERCENT_ESCAPE.sub(lambda m: m.group(0).lower(), encoded)}
    forms |= _base64(value)
    if user is not None:
        forms |= _base64(f"{user}:{value}")
    return {form for form in forms if form}


def _url_secrets(url: str) -> Iterator[tuple[str, str | None]]:
    """The secrets a URL carries: the password of its ``user:password@`` (with the user) and sensitive query values."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return
    if parts.password:
        yield unquote(parts.password), unquote(parts.username or "")
    for name, value in parse_qsl(parts.query, keep_blank_values=True):
        if is_sensitive_name(name) and value:
            yield value, None


class Redactor:
    """Removes secrets from URLs and texts.

    It knows the values of the given secrets (read from the environment where they live there) and
    of the secrets the ``urls`` carry (a ``user:password@`` password, sensitive query values), and
    masks each in every form of :func:`secret_forms`; in URLs it also masks the values of query
    parameters whose names look sensitive (:func:`is_sensitive_name`) and the userinfo password.

    >>> Redactor([Secret("tok/3f+9")]).text('{"error": "bad token tok\\/3f+9", "sent": "tok%2F3f%2B9"}')
    '{"error": "bad token ***", "sent": "***"}'
    """

    def __init__(self, secrets: Iterable[Secret | str] = (), *, urls: Iterable[str] = ()) -> None:
        forms: set[str] = set()
        for secret in secrets:
            value = secret.peek() if isinstance(secret, Secret) else secret
            if value:
                forms |= secret_forms(value)
        for url in urls:
            for value, user in _url_secrets(url):
                forms |= secret_forms(value, user=user)
        # Longest first, so a secret containing another (or a form containing another) is masked whole.
        self._values = sorted(forms, key=lambda form: (-len(form), form))

    def text(self, text: str) -> str:
        """``text`` with every known secret, in every form, replaced by ``***``: the one masking of sinkron-http."""
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
