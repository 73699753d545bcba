"""Helpers for tests of several apps (imported by tests only; pypdf is a development dependency)."""

from __future__ import annotations

import io


def pdf_text(content: bytes) -> str:
    """The text of a PDF, page after page."""
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
