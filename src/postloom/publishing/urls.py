from django.urls import path

from postloom.publishing import publish_views, review_views

REVIEW = "b/<int:business_id>/review/"
POST = "b/<int:business_id>/publish/posts/<int:post_id>/"
PUBLICATION = "b/<int:business_id>/publications/<int:publication_id>/"

urlpatterns = [
    path(REVIEW, review_views.queue, name="publishing_review"),
    path(REVIEW + "publications/", review_views.publications, name="publishing_publications"),
    path(REVIEW + "posts/<int:post_id>/approve/", review_views.approve, name="publishing_approve"),
    path(REVIEW + "posts/<int:post_id>/reject/", review_views.reject, name="publishing_reject"),
    path(POST, publish_views.publish_page, name="publishing_publish"),
    path(POST + "now/", publish_views.publish_now, name="publishing_publish_now"),
    path(POST + "schedule/", publish_views.schedule, name="publishing_schedule"),
    path(POST + "tiktok/", publish_views.tiktok_choices, name="publishing_tiktok_choices"),
    path(PUBLICATION + "cancel/", publish_views.cancel, name="publishing_cancel"),
    path(PUBLICATION + "retry/", publish_views.retry, name="publishing_retry"),
]
