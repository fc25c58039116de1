"""Django admin: missing records are read-only here; they change only through the services (and so
the audit trail). Configuration lives in settings (vigil.missing.conf), not in the admin."""

from django.contrib import admin

from vigil.missing.models import CarerProfile, MissingEpisode, ReturnHomeInterview


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(MissingEpisode)
class MissingEpisodeAdmin(ReadOnlyAdmin):
    list_display = ("reference", "force", "status", "risk_grade", "reported_at", "next_review_due", "found_at")
    list_filter = ("force", "status", "risk_grade")
    search_fields = ("reference",)
    raw_id_fields = ("person",)


@admin.register(ReturnHomeInterview)
class ReturnHomeInterviewAdmin(ReadOnlyAdmin):
    list_display = ("episode", "organisation", "requested_at", "due_at", "completed_at", "outcome")
    list_filter = ("organisation",)


@admin.register(CarerProfile)
class CarerProfileAdmin(ReadOnlyAdmin):
    list_display = ("person", "organisation", "updated_at")
    list_filter = ("organisation",)
    exclude = ("description", "associates", "phone", "social_media", "medical", "finance", "transport",
               "previous_episodes", "trigger_plan", "photo")
