from django.http import HttpResponse


def _todo(request, pk=None):
    return HttpResponse("Not built yet", status=501)


user_list = user_create = user_edit = team_list = team_create = team_edit = _todo
