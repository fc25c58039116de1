"""Django admin: the maintained list of incident types is edited here by the system administrator.
Case records are read-only here; they change only through the services (and so the audit trail)."""

from django.contrib import admin

from vigil.incidents.models import (
    DailySummary,
    ImportBatch,
    Incident,
    IncidentType,
    Referral,
    SchoolEnrolment,
)


@admin.register(IncidentType)
class IncidentTypeAdmin(admin.ModelAdmin):
    list_display = ("label", "code", "is_domestic_abuse", "active", "order")
    list_editable = ("active", "order")
    search_fields = ("label", "code")

    def has_delete_permission(self, request, obj=None):
        return False  # retire a type (active = False) instead: incidents keep pointing at it


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Incident)
class IncidentAdmin(ReadOnlyAdmin):
    list_display = ("reference", "force", "incident_type", "occurred_at", "status", "child_flag")
    list_filter = ("force", "status", "child_flag", "incident_type")
    search_fields = ("reference",)


@admin.register(Referral)
class ReferralAdmin(ReadOnlyAdmin):
    list_display = ("id", "incident", "organisation", "sent_at", "due_at", "acknowledged_at", "decision")
    list_filter = ("organisation",)


@admin.register(SchoolEnrolment)
class SchoolEnrolmentAdmin(admin.ModelAdmin):
    list_display = ("person", "school", "from_date", "to_date")
    raw_id_fields = ("person",)
    search_fields = ("person__surname", "school__name")


@admin.register(ImportBatch)
class ImportBatchAdmin(ReadOnlyAdmin):
    list_display = ("filename", "force", "uploaded_by", "uploaded_at", "status")
    exclude = ("content",)


@admin.register(DailySummary)
class DailySummaryAdmin(ReadOnlyAdmin):
    list_display = ("force", "day", "emailed_at")
