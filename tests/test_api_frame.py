"""The API frame: schema and documentation behind a login, served locally, and no drift from openapi.yaml."""

from pathlib import Path

import yaml
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent


def test_schema_and_docs_need_a_login(client, db):
    assert client.get("/api/v1/schema/").status_code in (401, 403)
    assert client.get("/api/v1/docs/").status_code in (401, 403)


def test_docs_load_their_assets_locally_without_inline_script(client, personas, login):
    login(client, personas.professional)
    html = client.get("/api/v1/docs/").content.decode()
    assert "<script>" not in html
    assert "<style>" not in html
    assert "http://" not in html and "https://" not in html  # no CDN
    script = client.get("/api/v1/docs/?script=")
    assert script.status_code == 200
    assert "SwaggerUIBundle" in script.content.decode()


def test_committed_schema_matches_the_code(tmp_path, db):
    generated = tmp_path / "openapi.yaml"
    call_command("spectacular", "--file", str(generated), "--validate")
    assert yaml.safe_load(generated.read_text()) == yaml.safe_load((ROOT / "openapi.yaml").read_text()), (
        "openapi.yaml is out of date: run 'make openapi' and commit it"
    )
