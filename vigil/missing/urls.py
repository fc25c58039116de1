from django.urls import path

from vigil.missing import views, views_oversight, views_partner

app_name = "missing"
urlpatterns = [
    path("", views.episode_list, name="list"),
    path("report/", views.report_start, name="report"),
    path("report/new/", views.report, name="report_form"),
    path("policy/", views.policy, name="policy"),
    path("supervision/", views_oversight.supervisor_queue, name="queue"),
    path("dashboard/", views_oversight.dashboard, name="dashboard"),
    path("<int:pk>/", views.episode_detail, name="detail"),
    path("<int:pk>/grade/", views.grade, name="grade"),
    path("<int:pk>/review/", views.review, name="review"),
    path("<int:pk>/rescue-alert/", views.rescue_alert, name="rescue_alert"),
    path("<int:pk>/supervisor/", views.change_supervisor, name="supervisor"),
    path("<int:pk>/actions/<int:task_pk>/done/", views.action_done, name="action_done"),
    path("<int:pk>/found/", views.found, name="found"),
    path("<int:pk>/prevention-interview/", views.prevention, name="prevention"),
    path("<int:pk>/waiver/", views.waiver, name="waiver"),
    path("<int:pk>/close/", views.close, name="close"),
    path("<int:pk>/search-plan/", views.search, name="search"),
    path("<int:pk>/briefing/", views.briefing, name="briefing"),
    path("<int:pk>/briefing.pdf", views.briefing_pdf, name="briefing_pdf"),
    path("partner/", views_partner.partner_home, name="partner_home"),
    path("return-interviews/", views_partner.rhi_inbox, name="rhi_inbox"),
    path("return-interviews/<int:pk>/", views_partner.rhi_detail, name="rhi_detail"),
    path("profiles/", views_partner.profile_list, name="profiles"),
    path("profiles/new/", views_partner.profile_create, name="profile_create"),
    path("profiles/<int:pk>/", views_partner.profile_detail, name="profile"),
    path("profiles/<int:pk>/edit/", views_partner.profile_edit, name="profile_edit"),
    path("profiles/<int:pk>/photo/", views_partner.profile_photo, name="profile_photo"),
    path("profiles/<int:pk>/places/new/", views_partner.profile_place_add, name="profile_place_add"),
    path("profiles/<int:pk>/places/<int:place_pk>/remove/", views_partner.profile_place_remove,
         name="profile_place_remove"),
    path("profiles/<int:pk>/move/", views_partner.profile_move, name="profile_move"),
]
