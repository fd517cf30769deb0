"""Root URL configuration: the admin and the web front end."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("medref.web.urls")),
]
