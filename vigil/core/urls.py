from django.urls import path

from vigil.core import views

app_name = "core"
urlpatterns = [
    path("", views.my_work, name="my_work"),
    path("team/", views.team_work, name="team_work"),
    path("tasks/<int:pk>/", views.task_detail, name="task_detail"),
    path("tasks/<int:pk>/complete/", views.task_complete, name="task_complete"),
    path("audit/", views.audit_search, name="audit_search"),
]
