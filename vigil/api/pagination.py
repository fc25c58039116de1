from rest_framework import pagination


class CursorPagination(pagination.CursorPagination):
    """Keyset pagination: no COUNT(*) on every page, stable under inserts (figures.md §5.2)."""

    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 200
    ordering = "-id"
