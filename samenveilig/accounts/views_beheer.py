"""Pages of the functioneel beheerder: accounts, memberships and organisations.

Every view checks ``accounts.manage_users`` first and audits a refusal; writes go through ``services``.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samenveilig import audit
from samenveilig.accounts import services
from samenveilig.accounts.forms import MembershipForm, OrganisationForm, UserCreateForm, UserSearchForm
from samenveilig.accounts.models import Membership, Organisation, User
from samenveilig.core.access import get_visible_or_404, require_perm

PERM = "accounts.manage_users"


def user_list(request):
    require_perm(request, PERM, "accounts.user.listed", object_type="accounts.user")
    form = UserSearchForm(request.GET or None)
    users = User.objects.prefetch_related(
        Prefetch(
            "memberships",
            queryset=Membership.objects.active().select_related("organisation"),
            to_attr="current_memberships",
        )
    ).order_by("last_name", "first_name", "username")
    if form.is_valid():
        if q := form.cleaned_data["q"].strip():
            users = users.filter(Q(username__icontains=q) | Q(first_name__icontains=q) | Q(last_name__icontains=q))
        if organisation := form.cleaned_data["organisation"]:
            users = users.filter(memberships__organisation=organisation, memberships__is_active=True).distinct()
    page = Paginator(users, 50).get_page(request.GET.get("pagina"))
    audit.log(request, "accounts.user.listed", object_type="accounts.user", purpose="beheer")
    return render(request, "accounts/beheer/user_list.html", {"form": form, "page": page})


def user_create(request):
    require_perm(request, PERM, "accounts.user.created", object_type="accounts.user")
    form = UserCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = services.create_user(
            request,
            details=form.user_details(),
            organisation=form.cleaned_data["organisation"],
            role=form.cleaned_data["role"],
        )
        messages.success(
            request, _("Het account is aangemaakt. De gebruiker krijgt een e-mail om een wachtwoord te kiezen.")
        )
        return redirect("accounts:beheer_user", pk=user.pk)
    return render(request, "accounts/beheer/user_create.html", {"form": form})


def user_manage(request, pk: int):
    require_perm(request, PERM, "accounts.user.viewed", object_type="accounts.user")
    person = get_visible_or_404(request, User.objects.all(), action="accounts.user.viewed", purpose="beheer", pk=pk)
    form = MembershipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.add_membership(
            request, user=person, organisation=form.cleaned_data["organisation"], role=form.cleaned_data["role"]
        )
        messages.success(request, _("Het lidmaatschap is toegevoegd."))
        return redirect("accounts:beheer_user", pk=person.pk)
    memberships = person.memberships.select_related("organisation").order_by("-is_active", "organisation__name")
    return render(
        request, "accounts/beheer/user_manage.html", {"person": person, "form": form, "memberships": memberships}
    )


@require_POST
def membership_end(request, pk: int):
    require_perm(request, PERM, "accounts.membership.ended", object_type="accounts.membership")
    membership = get_object_or_404(Membership, pk=pk, is_active=True)
    services.end_membership(request, membership)
    messages.success(request, _("Het lidmaatschap is beëindigd; API-tokens ervan zijn ingetrokken."))
    return redirect("accounts:beheer_user", pk=membership.user_id)


@require_POST
def user_deactivate(request, pk: int):
    require_perm(request, PERM, "accounts.user.deactivated", object_type="accounts.user")
    person = get_object_or_404(User, pk=pk, is_active=True)
    services.deactivate_user(request, person)
    messages.success(request, _("Het account is gedeactiveerd; de gebruiker kan niet meer inloggen."))
    return redirect("accounts:beheer_user", pk=person.pk)


def organisation_edit(request, pk: int | None = None):
    action = "accounts.organisation.updated" if pk else "accounts.organisation.created"
    require_perm(request, PERM, action, object_type="accounts.organisation")
    organisation = get_object_or_404(Organisation, pk=pk) if pk else None
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        organisation = services.save_organisation(request, form)
        messages.success(request, _("De organisatie is opgeslagen."))
        return redirect("accounts:organisation_detail", pk=organisation.pk)
    return render(request, "accounts/beheer/organisation_form.html", {"form": form, "organisation": organisation})
