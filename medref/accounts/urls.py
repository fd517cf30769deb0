"""Log in and out."""

from django.urls import path

app_name = "accounts"

urlpatterns: list = []
