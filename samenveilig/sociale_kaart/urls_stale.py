"""Stale entries."""

urlpatterns: list = []
