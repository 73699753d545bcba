"""API of the meldcode app (``/api/v1/meldcode/``)."""

urlpatterns: list = []
