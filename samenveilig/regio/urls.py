app_name = "regio"

urlpatterns: list = []
