"""HSDS 3.0 export over the API."""

urlpatterns: list = []
