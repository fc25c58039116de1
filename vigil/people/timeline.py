"""Timeline entries the people app contributes: record created, names, addresses, markers, merges."""

from vigil.core.timeline import TimelineEntry, as_datetime, register


@register
def person_entries(person, user):
    yield TimelineEntry(person.created_at, "Person", "Record created")
    for pa in person.addresses.select_related("address"):
        if pa.from_date:
            yield TimelineEntry(as_datetime(pa.from_date), "Address", f"Moved to {pa.address}")
        if pa.to_date:
            yield TimelineEntry(as_datetime(pa.to_date), "Address", f"Left {pa.address}")
    for marker in person.markers.all():
        yield TimelineEntry(as_datetime(marker.start_date), "Warning marker", f"{marker.get_kind_display()} added", marker.notes)
        if marker.end_date:
            yield TimelineEntry(as_datetime(marker.end_date), "Warning marker", f"{marker.get_kind_display()} ended")
    for merge in person.merges_received.select_related("merged", "merged_by"):
        yield TimelineEntry(
            merge.merged_at, "Merge", f"Record {merge.merged_id} merged into this one",
            f"By {merge.merged_by.display_name}: {merge.reason}",
        )  # no link: the merged record's page redirects back here
