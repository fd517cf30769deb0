"""Log in and out."""

app_name = "accounts"

urlpatterns: list = []
