"""Closed by default: every URL pattern and API route refuses an anonymous visitor, except the pages on the
explicit public list below. A new page without a permission check fails here (STYLE.md §9, DESIGN.md rules).

The walk builds a concrete path for each pattern (sample values for its parameters) and requests it without a login.
"""

from __future__ import annotations

import re
import uuid

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

# URL names that anyone may open. Adding to this list is a decision: the page must hold no personal data.
PUBLIC_URL_NAMES = {
    "healthz",
    # the public route map of the sociale kaart (no personal data)
    "publiek:route_map",
    "publiek:service",
    "set_language",
    # allauth: the ways in, and out
    "account_login",
    "account_logout",
    "account_signup",
    "account_reset_password",
    "account_reset_password_done",
    "account_reset_password_from_key",
    "account_reset_password_from_key_done",
    "account_reset_password_by_code",
    "account_confirm_password_reset_code",
    "account_login_code",
    "account_request_login_code",
    "account_confirm_login_code",
    "account_confirm_email",
    "account_email_verification_sent",
    "account_inactive",
    "socialaccount_login_cancelled",
    "socialaccount_login_error",
    "socialaccount_signup",
    "openid_connect_login",
    "openid_connect_callback",
    "mfa_authenticate",
    "mfa_reauthenticate",
    "mfa_login_webauthn",
    "mfa_signup_webauthn",
    # Django admin's own login page (the admin itself is for superusers only)
    "admin:login",
    "admin:logout",
    "admin:index",  # redirects to the admin login
    "admin:jsi18n",
    "admin:view_on_site",
    "admin:app_list",
}

SAMPLE = {"int": "1", "str": "x", "slug": "x", "uuid": str(uuid.uuid4()), "path": "x"}


def _route_to_path(route: str) -> str | None:
    path = re.sub(r"<(?:(\w+):)?(\w+)>", lambda m: SAMPLE.get(m.group(1) or "str", "x"), route)
    return path


def _regex_to_path(regex: str) -> str | None:
    if "(?P<format>" in regex:
        return None
    text = regex.lstrip("^").rstrip("$")
    text = re.sub(r"\(\?P<\w+>[^()]*(?:\([^()]*\)[^()]*)*\)", "1", text)
    text = text.replace("\\.", ".").replace("/?", "/").replace("\\Z", "")
    if re.search(r"[\\()\[\]*+?|{}]", text):
        return None
    return text


def _walk(patterns, prefix="", namespace=""):
    for pattern in patterns:
        raw = str(pattern.pattern)
        part = _route_to_path(raw) if not pattern.pattern.regex.pattern.startswith("^") or "<" in raw else None
        if part is None or raw.startswith("^"):
            part = _regex_to_path(raw) if raw.startswith("^") else _route_to_path(raw)
        if part is None:
            continue
        if isinstance(pattern, URLResolver):
            ns = namespace
            if pattern.namespace:
                ns = f"{namespace}{pattern.namespace}:"
            yield from _walk(pattern.url_patterns, prefix + part, ns)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}{pattern.name}" if pattern.name else None
            yield prefix + part, name


def all_routes():
    seen = {}
    for path, name in _walk(get_resolver().url_patterns):
        if path.startswith("static/") or path.startswith("django-admin/r/"):
            continue
        seen.setdefault("/" + path, name)
    return sorted(seen.items())


ROUTES = all_routes()


def test_the_walk_covers_the_application():
    paths = {path for path, _ in ROUTES}
    for expected in ["/", "/gebruikers/1/", "/mijn-account/api-tokens/", "/api/v1/me/", "/api/v1/schema/"]:
        assert expected in paths
    assert len(ROUTES) > 60


@pytest.mark.parametrize(("path", "name"), ROUTES, ids=[p for p, _ in ROUTES])
def test_anonymous_visitor_is_refused(client, db, path, name):
    if name in PUBLIC_URL_NAMES:
        pytest.skip("explicitly public")
    for method in ("get", "post"):
        response = getattr(client, method)(path)
        if path.startswith("/api/"):
            assert response.status_code in (401, 403), f"{method.upper()} {path} ({name}) gave {response.status_code}"
        else:
            assert response.status_code == 302, f"{method.upper()} {path} ({name}) gave {response.status_code}"
            if response.status_code == 302:
                location = response["Location"]
                assert "/login/" in location, f"{method.upper()} {path} ({name}) redirected to {location}"
