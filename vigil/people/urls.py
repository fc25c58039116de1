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
    path("<int:pk>/names/new/", views.alias_add, name="alias_add"),
    path("<int:pk>/addresses/new/", views.address_add, name="address_add"),
    path("<int:pk>/addresses/<int:link_pk>/end/", views.address_end, name="address_end"),
    path("<int:pk>/relationships/new/", views.relationship_add, name="relationship_add"),
    path("<int:pk>/markers/new/", views.marker_add, name="marker_add"),
    path("<int:pk>/markers/<int:marker_pk>/end/", views.marker_end, name="marker_end"),
]
