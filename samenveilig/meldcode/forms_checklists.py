"""The form to add or change an organisation's own signal on a list. The service in ``checklists`` writes."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from samenveilig.meldcode.forms import MeldcodeForm, text_input
from samenveilig.meldcode.models import ChecklistItem
from samenveilig.regio.forms import SELECT, TEXTBOX


class ChecklistItemForm(MeldcodeForm):
    list_name = forms.ChoiceField(
        label=_("Lijst"),
        choices=[("", "—"), *ChecklistItem.ListName.choices],
        widget=forms.Select(attrs={"class": SELECT}),
    )
    text = forms.CharField(
        label=_("Signaal"),
        max_length=200,
        widget=text_input(),
        help_text=_("Kort en in gewone taal, zoals de andere signalen op de lijst. Geen namen."),
    )
    order = forms.IntegerField(
        label=_("Volgorde"),
        required=False,
        min_value=0,
        max_value=999,
        widget=forms.NumberInput(attrs={"class": TEXTBOX}),
        help_text=_(
            "Een lager getal staat hoger op de lijst. De gedeelde signalen hebben 10, 20, 30 enzovoort; leeg zet het "
            "signaal onderaan."
        ),
    )
