from django.urls import path

from vigil.offenders import views

app_name = "offenders"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/trend/", views.trend, name="trend"),
    path("forecast/", views.forecast, name="forecast"),
    path("new/", views.register, name="register"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/convictions/new/", views.conviction_add, name="conviction_add"),
    path("<int:pk>/orders/new/", views.order_add, name="order_add"),
    path("<int:pk>/custody/new/", views.custody_add, name="custody_add"),
    path("<int:pk>/custody/<int:period_pk>/end/", views.custody_end, name="custody_end"),
    path("<int:pk>/notifications/new/<str:kind>/", views.notification_add, name="notification_add"),
    path("<int:pk>/risk/new/", views.risk_add, name="risk_add"),
    path("<int:pk>/visits/new/", views.visit_add, name="visit_add"),
    path("<int:pk>/intelligence/new/", views.intelligence_add, name="intelligence_add"),
    path("<int:pk>/management/", views.management, name="management"),
    path("<int:pk>/reassign/", views.reassign, name="reassign"),
    path("<int:pk>/end/", views.end, name="end"),
    path("<int:pk>/breaches/new/", views.breach_add, name="breach_add"),
    path("<int:pk>/breaches/<int:breach_pk>/close/", views.breach_close, name="breach_close"),
]
