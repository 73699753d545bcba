"""URLs of the plannen app."""

app_name = "plannen"

urlpatterns: list = []
