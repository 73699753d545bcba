"""URLs of the meldcode app."""

app_name = "meldcode"

urlpatterns: list = []
