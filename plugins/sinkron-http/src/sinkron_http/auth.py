"""Authentication: none, a bearer token, or an API key in a header, a query parameter or a form field.

wp-sipd style APIs take the key as a POSTed form field ``api_key``; SIPD RI sends ``X-API-KEY`` and
``x-access-token`` headers; open-data portals use ``Authorization: Bearer …``.

>>> ApiKey(Secret("k"), name="api_key", location="form").describe()
"API key in form field 'api_key' (a value given in the configuration)"
"""

from __future__ import annotations

from typing import Literal

import attrs

from sinkron_http.secrets import Secret

__all__ = ["ApiKey", "Auth", "BearerToken", "NoAuth", "RequestParts"]

KeyLocation = Literal["header", "query", "form"]


@attrs.define
class RequestParts:
    """The headers, query parameters and form fields of one request, filled in by auth and pagination."""

    headers: dict[str, str] = attrs.field(factory=dict)
    query: dict[str, str] = attrs.field(factory=dict)
    form: dict[str, str] = attrs.field(factory=dict)


@attrs.frozen
class NoAuth:
    """No credentials."""

    def apply(self, parts: RequestParts) -> None:
        """Add nothing."""

    def secrets(self) -> tuple[Secret, ...]:
        return ()

    def describe(self) -> str:
        return "no credentials"


def _secret(value: str | Secret) -> Secret:
    return Secret.of(value)


@attrs.frozen
class BearerToken:
    """``Authorization: Bearer <token>``."""

    token: Secret = attrs.field(converter=_secret)

    def apply(self, parts: RequestParts) -> None:
        parts.headers["Authorization"] = f"Bearer {self.token.reveal('the bearer token')}"

    def secrets(self) -> tuple[Secret, ...]:
        return (self.token,)

    def describe(self) -> str:
        return f"bearer token ({self.token.describe()})"


@attrs.frozen
class ApiKey:
    """An API key sent as a header (``X-API-KEY``), a query parameter or a form field (``api_key``)."""

    key: Secret = attrs.field(converter=_secret)
    name: str = "X-API-KEY"
    location: KeyLocation = attrs.field(default="header")

    @location.validator
    def _check_location(self, attribute: attrs.Attribute[str], value: str) -> None:
        if value not in ("header", "query", "form"):
            raise ValueError(f"an API key goes in a header, query or form, not {value!r}")

    def apply(self, parts: RequestParts) -> None:
        value = self.key.reveal(f"the API key ({self.name})")
        target = {"header": parts.headers, "query": parts.query, "form": parts.form}[self.location]
        target[self.name] = value

    def secrets(self) -> tuple[Secret, ...]:
        return (self.key,)

    def describe(self) -> str:
        where = {"header": "header", "query": "query parameter", "form": "form field"}[self.location]
        return f"API key in {where} {self.name!r} ({self.key.describe()})"


#: Any of the authentication kinds.
Auth = NoAuth | BearerToken | ApiKey
