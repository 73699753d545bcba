"""The beheer page of the periodic jobs (``/beheer/taken/``): for the functioneel beheerder only.

It shows names, times, outcomes, counts and error class names: no personal data, so reading it is not audited;
a refusal is.
"""

from __future__ import annotations

from django.shortcuts import render

from samenveilig.core import jobs
from samenveilig.core.access import require_perm
from samenveilig.core.models import JobRun

RECENT_RUNS = 50


def job_list(request):
    require_perm(request, "core.view_jobs", "core.jobs.viewed", object_type="core.jobstate")
    return render(
        request,
        "core/jobs/list.html",
        {"rows": jobs.overview(), "recent_runs": JobRun.objects.all()[:RECENT_RUNS]},
    )
