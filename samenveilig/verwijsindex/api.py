"""API of the verwijsindex app (``/api/v1/verwijsindex/``)."""

urlpatterns: list = []
