"""Root URL configuration: the admin, accounts and the web front end."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("konto/", include("medref.accounts.urls")),
    path("sprog/", include("django.conf.urls.i18n")),
    path("", include("medref.web.urls")),
]
