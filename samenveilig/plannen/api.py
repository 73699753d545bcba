"""API of the plannen app (``/api/v1/plannen/``)."""

urlpatterns: list = []
