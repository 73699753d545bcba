"""URLs of the monitor app."""

app_name = "monitor"

urlpatterns: list = []
