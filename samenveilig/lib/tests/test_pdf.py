"""PDFs render from templates offline, with our stylesheet, and are handed out with a dated name."""

from django.template import engines

from samenveilig.lib.pdf import pdf_response, render_pdf
from samenveilig.lib.testing import pdf_text


def test_a_template_renders_to_a_pdf_with_the_house_style(tmp_path, settings):
    (tmp_path / "voorbeeld.html").write_text(
        '{% extends "pdf/base.html" %}{% block heading %}Voorbeeld{% endblock %}'
        "{% block content %}<table><tr><td>1</td></tr></table>{% endblock %}",
        encoding="utf-8",
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]
    engines._templates = None
    engines.__dict__.pop("templates", None)
    content = render_pdf("voorbeeld.html")
    assert content.startswith(b"%PDF")
    text = pdf_text(content)
    assert "Voorbeeld" in text
    assert "1 / 1" in text  # the page numbers come from css/pdf.css: the stylesheet was read
    response = pdf_response(content, "Plan Woerden")
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="plan-woerden-' in response["Content-Disposition"]
