from django.urls import path

from people import views

urlpatterns = [
    path("people/", views.people),
    path("people/<int:person_id>/", views.person),
    path("people/<int:person_id>/rename", views.rename),
]
