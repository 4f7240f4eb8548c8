"""A small JSON API over Person, as version 1 serves it (full_name, phone_number)."""
from django.http import JsonResponse
from django.views.decorators.http import require_http_methods

from people.models import Person


def as_json(p):
    return {"id": p.id, "email": p.email, "name": p.full_name, "phone": p.phone_number or None, "version": 1}


@require_http_methods(["GET", "POST"])
def people(request):
    if request.method == "POST":
        p = Person.objects.create(email=request.POST["email"], full_name=request.POST["name"],
                                  phone_number=request.POST.get("phone", ""))
        return JsonResponse(as_json(p), status=201)
    found = Person.objects.filter(full_name=request.GET["name"]).order_by("id")
    return JsonResponse({"ids": [p.id for p in found], "version": 1})


@require_http_methods(["GET"])
def person(request, person_id):
    return JsonResponse(as_json(Person.objects.get(id=person_id)))


@require_http_methods(["POST"])
def rename(request, person_id):
    p = Person.objects.get(id=person_id)
    p.full_name = request.POST["name"]
    p.save()
    return JsonResponse(as_json(p))
