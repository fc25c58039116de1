from django.urls import path

from vigil.incidents import views
from vigil.incidents import views_safeguarding as sg

app_name = "incidents"
urlpatterns = [
    path("", views.incident_list, name="list"),
    path("new/", views.incident_create, name="create"),
    path("<int:pk>/", views.incident_detail, name="detail"),
    path("<int:pk>/edit/", views.incident_edit, name="edit"),
    path("<int:pk>/close/", views.incident_close, name="close"),
    path("<int:pk>/reopen/", views.incident_reopen, name="reopen"),
    path("<int:pk>/no-assessment-needed/", views.incident_override, name="override"),
    path("<int:pk>/people/add/", views.link_person, name="link_person"),
    path("<int:pk>/people/<int:link_pk>/remove/", views.unlink_person, name="unlink_person"),
    path("<int:pk>/children/<int:child_pk>/assess/", views.assess_child, name="assess"),
    path("child-to-notice/", sg.child_to_notice, name="notice"),
    path("inbox/", sg.inbox, name="inbox"),
    path("referrals/<int:pk>/", sg.referral_detail, name="referral"),
    path("referrals/<int:pk>/acknowledge/", sg.referral_acknowledge, name="referral_acknowledge"),
    path("referrals/<int:pk>/decision/", sg.referral_decide, name="referral_decide"),
    path("school-notifications/<int:pk>/", sg.encompass_detail, name="encompass"),
    path("school-notifications/<int:pk>/acknowledge/", sg.encompass_acknowledge, name="encompass_acknowledge"),
    path("school-notifications/<int:pk>/send/", sg.encompass_send, name="encompass_send"),
    path("police-protection/<int:pk>/", sg.protection_detail, name="protection"),
    path("import/", sg.import_upload, name="import"),
    path("import/<int:pk>/", sg.import_preview, name="import_preview"),
]
