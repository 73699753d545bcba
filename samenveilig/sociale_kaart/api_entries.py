"""Read and write API on organisations and services."""

urlpatterns: list = []
