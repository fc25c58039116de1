app_name = "offenders"
urlpatterns: list = []
