from django.urls import path

from postloom.studio import media_views, post_views, views

STUDIO = "b/<int:business_id>/studio/"
POST = STUDIO + "posts/<int:post_id>/"
JOB = STUDIO + "jobs/<int:job_id>/"

urlpatterns = [
    path(STUDIO, views.home, name="studio_home"),
    path(STUDIO + "plans/new/", views.plan_create, name="studio_plan_create"),
    path(STUDIO + "plans/<int:plan_id>/", views.plan_view, name="studio_plan"),
    path(STUDIO + "posts/new/", views.post_create, name="studio_post_create"),
    path(JOB, views.job_progress, name="studio_job"),
    path(JOB + "cancel/", views.job_cancel, name="studio_job_cancel"),
    path(POST, post_views.post_editor, name="studio_post"),
    path(POST + "save/", post_views.post_save, name="studio_post_save"),
    path(POST + "regenerate/", post_views.post_regenerate, name="studio_post_regenerate"),
    path(POST + "redraw/", post_views.post_redraw, name="studio_post_redraw"),
    path(STUDIO + "media/<int:media_id>/", post_views.media_file, name="studio_media"),
    path(
        STUDIO + "media/<int:media_id>/small/",
        media_views.media_thumbnail,
        name="studio_media_small",
    ),
]
