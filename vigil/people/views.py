from django.http import HttpResponse


def _todo(request, pk=None):
    return HttpResponse("Not built yet", status=501)


search = create = detail = edit = merge = restricted_reason = _todo
