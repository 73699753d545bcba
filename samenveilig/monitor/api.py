"""API of the monitor app (``/api/v1/monitor/``)."""

urlpatterns: list = []
