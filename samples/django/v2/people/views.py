"""A small JSON API over Person, as version 2 serves it (display_name, no phone number)."""
from django.http import JsonResponse
from django.views.decorators.http import require_http_methods

from people.models import Person


def as_json(p):
    return {"id": p.id, "email": p.email, "name": p.display_name, "version": 2}


@require_http_methods(["GET", "POST"])
def people(request):
    if request.method == "POST":
        p = Person.objects.create(email=request.POST["email"], display_name=request.POST["name"])
        return JsonResponse(as_json(p), status=201)
    found = Person.objects.filter(display_name=request.GET["name"]).order_by("id")
    return JsonResponse({"ids": [p.id for p in found], "version": 2})


@require_http_methods(["GET"])
def person(request, person_id):
    return JsonResponse(as_json(Person.objects.get(id=person_id)))


@require_http_methods(["POST"])
def rename(request, person_id):
    p = Person.objects.get(id=person_id)
    p.display_name = request.POST["name"]
    p.save()
    return JsonResponse(as_json(p))
