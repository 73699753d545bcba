"""Forms of sending to Veilig Thuis and of the Veilig Thuis inbox. They read and check input; the services write."""

from __future__ import annotations

from django import forms
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from samenveilig.accounts.models import Organisation
from samenveilig.meldcode import feedback
from samenveilig.meldcode.forms import MeldcodeForm, VersionedForm, textarea
from samenveilig.meldcode.models import Consultation, Conversation, SignalEntry
from samenveilig.meldcode.models_vt import IdentityDisclosure
from samenveilig.meldcode.vt_workflow import Soort, VtStatus, next_statuses
from samenveilig.regio.forms import SELECT


class _RecordChoice(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj) -> str:
        if isinstance(obj, SignalEntry):
            when, text = obj.observed_on, obj.fact
        elif isinstance(obj, Consultation):
            when, text = obj.consulted_on, f"{obj.get_kind_display()}: {obj.question}"
        else:
            when = obj.held_on
            text = obj.said if obj.held else f"{_('Niet gevoerd')}: {obj.get_skip_reason_display()}"
        return f"{date_format(when, 'j F Y')} — {Truncator(text).chars(140)}"


class ComposeForm(MeldcodeForm):
    kind = forms.ChoiceField(
        label=_("Wat wilt u sturen?"),
        choices=[
            (Soort.ADVIESVRAAG, _("Een adviesvraag: anoniem, zonder naam, BSN, adres of geboortedatum")),
            (Soort.MELDING, _("Een melding: met de gegevens van de betrokkenen en van u als melder")),
        ],
        widget=forms.RadioSelect,
    )
    vt_organisation = forms.ModelChoiceField(
        label=_("Veilig Thuis"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.Select(attrs={"class": SELECT}),
        help_text=_("Uw organisatie werkt in meer dan één Veilig Thuis-regio: kies de regio van het gezin."),
    )
    question = forms.CharField(
        label=_("Uw vraag of een samenvatting van uw zorg"),
        widget=textarea(5),
        help_text=_("Bij een adviesvraag: noem geen naam, adres of andere gegevens waarmee iemand te herkennen is."),
    )
    signals = _RecordChoice(
        label=_("Welke feiten gaan mee?"),
        queryset=SignalEntry.objects.none(),
        required=False,
        help_text=_("Alleen de feiten gaan mee; uw interpretaties blijven in het dossier."),
    )
    consultations = _RecordChoice(
        label=_("Welke consultaties gaan mee?"), queryset=Consultation.objects.none(), required=False
    )
    conversations = _RecordChoice(
        label=_("Welke gesprekken gaan mee?"), queryset=Conversation.objects.none(), required=False
    )
    identity_disclosure = forms.ChoiceField(
        label=_("Mag Veilig Thuis uw identiteit aan het gezin bekendmaken?"),
        choices=IdentityDisclosure.choices,
        required=False,
        widget=forms.RadioSelect,
        help_text=_(
            "Alleen bij een melding. Veilig Thuis noemt de melder aan het gezin, tenzij dat iemand in gevaar brengt."
        ),
    )
    nondisclosure_reason = forms.CharField(
        label=_("Wie komt in gevaar, en waarom?"), required=False, widget=textarea(3)
    )

    def __init__(self, *args, dossier, vt_candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signals"].queryset = dossier.signals.order_by("observed_on", "created", "pk")
        self.fields["consultations"].queryset = dossier.consultations.order_by("consulted_on", "pk")
        self.fields["conversations"].queryset = dossier.conversations.order_by("held_on", "pk")
        self.fields["vt_organisation"].queryset = Organisation.objects.filter(pk__in=[o.pk for o in vt_candidates])
        if len(vt_candidates) < 2:
            del self.fields["vt_organisation"]

    def choices(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "question": data["question"],
            "signal_ids": [s.pk for s in data.get("signals") or ()],
            "consultation_ids": [c.pk for c in data.get("consultations") or ()],
            "conversation_ids": [c.pk for c in data.get("conversations") or ()],
            "vt_organisation": data.get("vt_organisation"),
            "identity_disclosure": data.get("identity_disclosure") or "",
            "nondisclosure_reason": data.get("nondisclosure_reason") or "",
        }


class AddendumForm(MeldcodeForm):
    text = forms.CharField(
        label=_("Aanvulling of correctie"),
        widget=textarea(5),
        help_text=_("Wat u verstuurde, verandert niet: de aanvulling komt er met datum bij."),
    )


class ReasonForm(VersionedForm):
    reason = forms.CharField(label=_("Reden"), widget=textarea(4))


class ForwardForm(ReasonForm):
    to = forms.ModelChoiceField(
        label=_("Naar welke Veilig Thuis?"),
        queryset=Organisation.objects.none(),
        widget=forms.Select(attrs={"class": SELECT}),
    )
    field_order = ["to", "reason"]

    def __init__(self, *args, targets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].queryset = targets


YES_NO = [("ja", _("Ja")), ("nee", _("Nee"))]


class StatusForm(VersionedForm):
    """A status update with its feedback message; at the legal moments the structured feedback is required."""

    status = forms.ChoiceField(label=_("Nieuwe status"), widget=forms.RadioSelect)
    message = forms.CharField(
        label=_("Bericht aan de melder"),
        widget=textarea(5),
        help_text=_("De melder ziet dit bericht in het dossier."),
    )
    follow_up_started = forms.ChoiceField(
        label=_("Is er een vervolg ingezet?"), choices=YES_NO, required=False, widget=forms.RadioSelect
    )
    handed_to = forms.ChoiceField(
        label=_("Overgedragen aan"),
        choices=[("", "—"), *feedback.Overdracht.choices],
        required=False,
        widget=forms.Select(attrs={"class": SELECT}),
    )
    reporter_has_role = forms.TypedChoiceField(
        label=_("Heeft de melder een rol in de veiligheid of de monitoring?"),
        choices=YES_NO,
        coerce=lambda value: value == "ja",
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
    safety_conditions = forms.CharField(
        label=_("Veiligheidsvoorwaarden waarin de melder een rol heeft"), required=False, widget=textarea(3)
    )
    monitoring_agreements = forms.CharField(
        label=_("Afspraken over monitoring waarin de melder een rol heeft"), required=False, widget=textarea(3)
    )
    investigation_outcome = forms.ChoiceField(
        label=_("Uitkomst van het onderzoek"),
        choices=feedback.Onderzoeksuitkomst.choices,
        required=False,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, melding, **kwargs):
        super().__init__(*args, **kwargs)
        self.melding = melding
        labels = dict(VtStatus.choices)
        self.fields["status"].choices = [
            (status, labels[status])
            for status in VtStatus.values
            if status in next_statuses(melding.kind, melding.status)
        ]
        if melding.kind == Soort.ADVIESVRAAG:
            for name in ("follow_up_started", "handed_to", "reporter_has_role", "safety_conditions",
                         "monitoring_agreements", "investigation_outcome"):  # fmt: skip
                del self.fields[name]
        elif melding.status != VtStatus.ONDERZOEK:
            del self.fields["investigation_outcome"]

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("status")
        if status:
            errors = feedback.check_feedback(self.melding.kind, self.melding.status, status, cleaned)
            for field, message in errors.items():
                if field in self.fields and field not in self.errors:
                    self.add_error(field, message)
        return cleaned

    def feedback_data(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in feedback.REQUIRED_MESSAGES if name in self.cleaned_data}
