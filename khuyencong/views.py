from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from programs.models import Programme


@login_required
def home(request: HttpRequest) -> HttpResponse:
    programmes = Programme.objects.select_related("owner").order_by("-first_year", "code")
    return render(request, "home.html", {"programmes": programmes})
