from django.urls import path

from postloom.accounts import views

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("language/", views.set_language, name="set_language"),
]
