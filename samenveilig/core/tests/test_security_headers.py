"""Every response, a redirect included, carries a strict Content-Security-Policy and the secure headers."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/healthz"])
def test_strict_csp_without_inline_script(client, path):
    response = client.get(path)
    directives = [part.strip().partition(" ") for part in response["Content-Security-Policy"].split(";")]
    policy = {name: value for name, _, value in directives}
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]
    assert policy["frame-ancestors"] == "'none'"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


def test_healthz_is_public_and_holds_no_data(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
