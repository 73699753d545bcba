from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render

from samenveilig.core import attention
from samenveilig.core.access import public


def home(request):
    return render(request, "core/home.html", {"attention": attention.items_for(request)})


@public
def healthz(request):
    """Liveness and database check for load balancers; holds no data."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
