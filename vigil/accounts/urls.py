from django.urls import path

from vigil.accounts import views

app_name = "accounts"
urlpatterns = [
    path("users/", views.user_list, name="user_list"),
    path("users/new/", views.user_create, name="user_create"),
    path("users/<int:pk>/", views.user_edit, name="user_edit"),
    path("users/<int:pk>/second-factor/", views.user_mfa_reset, name="user_mfa_reset"),
    path("users/<int:pk>/password-link/", views.user_password_link, name="user_password_link"),
    path("teams/", views.team_list, name="team_list"),
    path("teams/new/", views.team_create, name="team_create"),
    path("teams/<int:pk>/", views.team_edit, name="team_edit"),
    path("teams/<int:pk>/members/", views.team_member_add, name="team_member_add"),
    path("teams/<int:pk>/members/<int:user_pk>/", views.team_member_change, name="team_member_change"),
]
