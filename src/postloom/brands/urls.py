from django.urls import path

from postloom.brands import brand_views, views

urlpatterns = [
    path("dashboard/", views.home, name="dashboard"),
    path("b/new/", views.create, name="business_create"),
    path("b/<int:business_id>/", views.dashboard, name="business_dashboard"),
    path("b/<int:business_id>/settings/", views.settings_view, name="business_settings"),
    path("b/<int:business_id>/members/", views.members, name="business_members"),
    path("b/<int:business_id>/members/invite/", views.invite, name="business_invite"),
    path(
        "b/<int:business_id>/members/<int:member_id>/role/",
        views.change_role,
        name="business_member_role",
    ),
    path(
        "b/<int:business_id>/members/<int:member_id>/remove/",
        views.remove_member,
        name="business_member_remove",
    ),
    path(
        "b/<int:business_id>/invitations/<int:invitation_id>/revoke/",
        views.revoke_invitation,
        name="business_invitation_revoke",
    ),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
    path("b/<int:business_id>/brand/", brand_views.brand, name="business_brand"),
    path("b/<int:business_id>/brand/analyse/", brand_views.analyse, name="business_brand_analyse"),
    path("b/<int:business_id>/brand/edit/", brand_views.edit, name="business_brand_edit"),
    path(
        "b/<int:business_id>/brand/runs/<int:run_id>/",
        brand_views.progress,
        name="business_brand_progress",
    ),
]
