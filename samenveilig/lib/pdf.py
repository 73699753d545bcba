"""PDF documents from Django templates, rendered by WeasyPrint.

Every PDF extends ``pdf/base.html`` (A4, the house style, page numbers, the date and who it is for in the footer) and
is made with :func:`render_pdf`; a view hands it out with :func:`pdf_response`. Static files (the stylesheet, images)
are read from disk through the staticfiles finders, never fetched over the network, so rendering works offline and
under the strict Content-Security-Policy. A PDF with personal data is personal data: the view that serves one audits
it, as with any other export.
"""

from __future__ import annotations

from urllib.parse import urlparse

from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

STATIC_PREFIX = "/static/"


def _static_fetcher():
    """A WeasyPrint URL fetcher that reads only our own static files, from disk; anything else is refused."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            path = urlparse(url).path
            if path.startswith(STATIC_PREFIX) and (found := finders.find(path[len(STATIC_PREFIX) :])):
                with open(found, "rb") as f:
                    body = f.read()
                content_type = "text/css" if path.endswith(".css") else "application/octet-stream"
                if path.endswith(".png"):
                    content_type = "image/png"
                elif path.endswith(".svg"):
                    content_type = "image/svg+xml"
                return URLFetcherResponse(url, body=body, headers={"Content-Type": content_type})
            raise ValueError(f"not fetched: {path}")

    return StaticFetcher()


def render_pdf(template_name: str, context: dict | None = None, *, request=None) -> bytes:
    """Render ``template_name`` (which extends ``pdf/base.html``) to PDF bytes."""
    from weasyprint import HTML

    context = {"generated_at": timezone.localtime(), **(context or {})}
    html = render_to_string(template_name, context, request=request)
    return HTML(string=html, base_url="file:///", url_fetcher=_static_fetcher()).write_pdf()


def pdf_response(content: bytes, filename_stem: str, *, inline: bool = False) -> HttpResponse:
    """An HTTP response with the PDF, named ``<stem>-<date>.pdf``."""
    name = f"{slugify(filename_stem) or 'document'}-{timezone.localdate().isoformat()}.pdf"
    response = HttpResponse(content, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{name}"'
    return response
