"""Coordinator overviews."""

urlpatterns: list = []
