from __future__ import annotations

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from samenveilig.audit.models import AuditEntry


class PeriodFormMixin:
    """Checks that the period runs forwards; the message goes to the 'tot en met' field."""

    def clean(self):
        cleaned = super().clean()
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_from > date_to:
            self.add_error(
                "date_to",
                _("De einddatum ligt vóór de begindatum. Kies een datum op of na %(date)s.")
                % {"date": formats.date_format(date_from)},
            )
        return cleaned


def _select():
    return forms.Select(attrs={"class": "utrecht-select utrecht-select--html-select"})


class AuditSearchForm(PeriodFormMixin, forms.Form):
    """The reviewer's filter on the access log. Every field is optional; all fields that are set must match."""

    actor = forms.CharField(
        label=_("Gebruikersnaam"),
        max_length=150,
        required=False,
        help_text=_("De volledige gebruikersnaam van wie de handeling deed."),
    )
    action = forms.CharField(
        label=_("Handeling bevat"),
        max_length=100,
        required=False,
        help_text=_("Een deel van de handeling, bijvoorbeeld: viewed, meldcode of accounts.login."),
    )
    object_type = forms.ChoiceField(label=_("Soort object"), required=False, widget=_select())
    object_id = forms.CharField(label=_("Object-id"), max_length=64, required=False)
    outcome = forms.ChoiceField(
        label=_("Uitkomst"),
        required=False,
        choices=[("", _("Alle uitkomsten")), *AuditEntry.Outcome.choices],
        widget=_select(),
    )
    date_from = forms.DateField(
        label=_("Vanaf datum"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    date_to = forms.DateField(
        label=_("Tot en met datum"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, object_types=(), **kwargs):
        super().__init__(*args, **kwargs)
        object_types = list(object_types)
        # A type that was asked for stays selectable even if it no longer occurs, so the input is kept as given.
        asked = self.data.get("object_type") if self.is_bound else None
        if asked and asked not in object_types and len(asked) <= 100:
            object_types.append(asked)
        self.fields["object_type"].choices = [("", _("Alle soorten")), *((value, value) for value in object_types)]
