from django.urls import path

from vigil.people import views

app_name = "people"
urlpatterns = [
    path("", views.search, name="search"),
    path("new/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/merge/", views.merge, name="merge"),
    path("<int:pk>/reason/", views.restricted_reason, name="restricted_reason"),
]
