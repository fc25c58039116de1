"""Read-only Django admin for people: every change must go through vigil.people.services so it
is validated and audited; the admin is for looking, not editing."""

from django.contrib import admin

from vigil.people.models import DuplicateDecision, MergeRecord, Person, PersonName


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class PersonNameInline(admin.TabularInline):
    model = PersonName
    fields = ("kind", "forenames", "surname", "forename_key", "surname_key")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Person)
class PersonAdmin(ReadOnlyAdmin):
    list_display = ("id", "surname", "forenames", "date_of_birth", "force", "restricted", "merged_into")
    list_filter = ("force", "restricted")
    search_fields = ("=id", "surname", "pnc_id", "nhs_number")
    list_select_related = ("force",)
    inlines = [PersonNameInline]


@admin.register(MergeRecord)
class MergeRecordAdmin(ReadOnlyAdmin):
    list_display = ("id", "survivor", "merged", "merged_by", "merged_at")
    list_select_related = ("survivor", "merged", "merged_by")


@admin.register(DuplicateDecision)
class DuplicateDecisionAdmin(ReadOnlyAdmin):
    list_display = ("id", "person", "decision", "decided_by", "decided_at")
    list_select_related = ("person", "decided_by")
