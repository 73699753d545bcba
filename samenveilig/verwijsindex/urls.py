"""URLs of the verwijsindex app."""

app_name = "verwijsindex"

urlpatterns: list = []
