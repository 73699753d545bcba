"""Forms of the aandachtsfunctionaris' pages, the follow-ups and the PDF export. The services do the writing."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from samenveilig.accounts.models import User
from samenveilig.meldcode import transfers
from samenveilig.meldcode.forms import MeldcodeForm, date_input
from samenveilig.meldcode.models import Dossier, FollowUp
from samenveilig.meldcode.steps import Step
from samenveilig.regio.forms import SELECT


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return str(obj)


class OverviewFilterForm(forms.Form):
    stap = forms.TypedChoiceField(
        label=_("Stap"),
        choices=[("", _("Alle stappen")), *Step.choices],
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.Select(attrs={"class": SELECT}),
    )
    stil = forms.BooleanField(label=_("Alleen dossiers die langer stilstaan dan de termijn"), required=False)


class TransferForm(MeldcodeForm):
    """Step 1 chooses who leaves (``van``); step 2 adds who takes over and which dossiers."""

    from_user = UserChoiceField(
        label=_("Van (de huidige eigenaar)"),
        queryset=User.objects.none(),
        widget=forms.Select(attrs={"class": SELECT}),
        help_text=_("De collega die vertrekt of wiens dossiers u overdraagt."),
    )
    to_user = UserChoiceField(
        label=_("Naar (de nieuwe eigenaar)"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.Select(attrs={"class": SELECT}),
        help_text=_("De collega wordt eigenaar zodra die de overdracht accepteert."),
    )
    dossiers = forms.ModelMultipleChoiceField(
        label=_("Dossiers"),
        queryset=Dossier.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, organisation_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["from_user"].queryset = transfers.owners(organisation_id)
        self.fields["to_user"].queryset = transfers.colleagues(organisation_id)
        from_user = None
        if self.is_bound:
            from_user = self.fields["from_user"].queryset.filter(pk=self.data.get("from_user") or None).first()
        elif self.initial.get("from_user"):
            from_user = self.initial["from_user"]
        self.from_user = from_user
        if from_user is not None:
            self.fields["dossiers"].queryset = transfers.transferable(organisation_id, from_user)

    def clean(self):
        data = super().clean()
        if self.data.get("overdragen") and not self.errors:
            if not data.get("to_user"):
                self.add_error("to_user", _("Kies de collega die de dossiers overneemt."))
            if not data.get("dossiers"):
                self.add_error("dossiers", _("Kies ten minste één dossier."))
        return data


class FollowUpForm(MeldcodeForm):
    kind = forms.ChoiceField(
        label=_("Wat moet er gebeuren?"), choices=FollowUp.Kind.choices, widget=forms.Select(attrs={"class": SELECT})
    )
    due_on = forms.DateField(label=_("Uiterlijk op"), widget=date_input())


class PdfForm(MeldcodeForm):
    identifying = forms.BooleanField(
        label=_("Met identificerende gegevens"),
        required=False,
        help_text=_(
            "Naam, geboortedatum, adres en BSN van de betrokkenen. Laat dit uit als de ontvanger ze niet nodig heeft."
        ),
    )
