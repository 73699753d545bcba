"""Edit forms of the sociale kaart: the organisation's entry, its services, locations and contact persons.

Every edit form carries a hidden ``version`` (see :func:`services.version_of`): ``services.save_form`` refuses to
save when the object changed after the form was opened, so that nobody silently overwrites a colleague's correction.
"""

from __future__ import annotations

from django import forms
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from samenveilig.regio.forms import SELECT, TEXTBOX, UtrechtFormMixin
from samenveilig.regio.models import Gemeente, Wijk
from samenveilig.sociale_kaart.models import ContactPerson, Location, OrganisationEntry, Service, TargetGroup, Theme
from samenveilig.sociale_kaart.services import version_of

TEXTAREA = "utrecht-textarea utrecht-textarea--html-textarea"

INVALID_CLASS = {
    forms.Textarea: "utrecht-textarea--invalid",
    forms.Select: "utrecht-select--invalid",
}

CONFLICT_MESSAGE = _(
    "Iemand anders heeft dit gewijzigd nadat u het formulier opende. Uw wijziging is niet opgeslagen. "
    "Open de pagina opnieuw en breng uw wijziging daarna aan."
)


class YesNoUnknownSelect(forms.NullBooleanSelect):
    """Ja / Nee / Onbekend for a nullable boolean (the Meldcode status), in our own words."""

    def __init__(self, attrs=None):
        super().__init__(attrs={"class": SELECT, **(attrs or {})})
        self.choices = [("unknown", _("Onbekend")), ("true", _("Ja")), ("false", _("Nee"))]


def date_input():
    return forms.DateInput(attrs={"class": TEXTBOX, "type": "date"}, format="%Y-%m-%d")


def formfield(field, **kwargs):
    """Model field to form field; a web address typed without scheme becomes https://."""
    if isinstance(field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return field.formfield(**kwargs)


class VersionedForm(UtrechtFormMixin, forms.ModelForm):
    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["version"] = version_of(self.instance)

    def full_clean(self):
        super().full_clean()
        # The regio mixin knows text inputs and selects; textareas need their invalid class too.
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                for widget_class, css in INVALID_CLASS.items():
                    if isinstance(widget, widget_class) and css not in widget.attrs.get("class", ""):
                        widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


class OrganisationEntryForm(VersionedForm):
    class Meta:
        model = OrganisationEntry
        formfield_callback = formfield
        fields = [
            "description",
            "website",
            "email",
            "phone",
            "is_public",
            "has_meldcode_protocol",
            "af_appointed",
            "af_trained",
            "lvak_member",
            "keurmerk_meldcode",
            "verwijsindex_connected",
            "meldcode_checked_on",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"class": TEXTAREA, "rows": 5}),
            "website": forms.URLInput(attrs={"class": TEXTBOX, "autocomplete": "url"}),
            "email": forms.EmailInput(attrs={"class": TEXTBOX, "autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"class": TEXTBOX, "type": "tel", "autocomplete": "tel"}),
            "has_meldcode_protocol": YesNoUnknownSelect(),
            "af_appointed": YesNoUnknownSelect(),
            "af_trained": YesNoUnknownSelect(),
            "lvak_member": YesNoUnknownSelect(),
            "keurmerk_meldcode": YesNoUnknownSelect(),
            "verwijsindex_connected": YesNoUnknownSelect(),
            "meldcode_checked_on": date_input(),
        }
        help_texts = {
            "website": _("Het volledige adres, bijvoorbeeld https://www.voorbeeld.nl."),
            "phone": _("Het algemene nummer, geen persoonlijk nummer."),
        }


def gemeenten_for(organisation, selected=None):
    """The municipalities the organisation serves, or all of the newest CBS year if it has none recorded."""
    served = Q(pk__in=organisation.gemeenten.values("pk"))
    if not organisation.gemeenten.exists():
        served = Q(year=Gemeente.objects.latest_year())
    if selected is not None:
        served |= Q(pk__in=selected)
    return Gemeente.objects.filter(served).order_by("name", "year")


class ServiceForm(VersionedForm):
    class Meta:
        model = Service
        formfield_callback = formfield
        fields = [
            "name",
            "description",
            "kind",
            "access",
            "cost",
            "national_programme",
            "target_groups",
            "themes",
            "gemeenten",
            "locations",
            "website",
            "email",
            "phone",
            "is_public",
            "is_active",
        ]
        widgets = {
            "name": forms.TextInput(attrs={"class": TEXTBOX, "autocomplete": "off"}),
            "description": forms.Textarea(attrs={"class": TEXTAREA, "rows": 5}),
            "kind": forms.Select(attrs={"class": SELECT}),
            "access": forms.Select(attrs={"class": SELECT}),
            "cost": forms.TextInput(attrs={"class": TEXTBOX}),
            "national_programme": forms.TextInput(attrs={"class": TEXTBOX}),
            "target_groups": forms.CheckboxSelectMultiple(),
            "themes": forms.CheckboxSelectMultiple(),
            "gemeenten": forms.CheckboxSelectMultiple(),
            "locations": forms.CheckboxSelectMultiple(),
            "website": forms.URLInput(attrs={"class": TEXTBOX, "autocomplete": "url"}),
            "email": forms.EmailInput(attrs={"class": TEXTBOX, "autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"class": TEXTBOX, "type": "tel", "autocomplete": "tel"}),
        }
        help_texts = {
            "gemeenten": _("Voor inwoners van welke gemeenten is deze dienst? Laat leeg als het niet uitmaakt."),
            "locations": _("Waar wordt de dienst gegeven? Locaties voegt u toe op de pagina van de organisatie."),
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        selected_terms = {"target_groups": None, "themes": None, "gemeenten": None}
        if self.instance.pk:
            selected_terms = {name: getattr(self.instance, name).values("pk") for name in selected_terms}
        # Managed lists: the terms in use, plus a retired term this service still has.
        for name, model in (("target_groups", TargetGroup), ("themes", Theme)):
            current = Q(is_active=True)
            if selected_terms[name] is not None:
                current |= Q(pk__in=selected_terms[name])
            self.fields[name].queryset = model.objects.filter(current)
        self.fields["gemeenten"].queryset = gemeenten_for(organisation, selected_terms["gemeenten"])
        self.fields["locations"].queryset = Location.objects.filter(organisation=organisation)


class ContactPersonForm(VersionedForm):
    class Meta:
        model = ContactPerson
        formfield_callback = formfield
        fields = ["role", "name", "job_title", "phone", "email", "note", "trained_on"]
        widgets = {
            "role": forms.Select(attrs={"class": SELECT}),
            "name": forms.TextInput(attrs={"class": TEXTBOX, "autocomplete": "off"}),
            "job_title": forms.TextInput(attrs={"class": TEXTBOX, "autocomplete": "off"}),
            "phone": forms.TextInput(attrs={"class": TEXTBOX, "type": "tel", "autocomplete": "off"}),
            "email": forms.EmailInput(attrs={"class": TEXTBOX, "autocomplete": "off"}),
            "note": forms.TextInput(attrs={"class": TEXTBOX}),
            "trained_on": date_input(),
        }
        help_texts = {"phone": _("Het zakelijke nummer waarop collega's deze persoon bereiken.")}


class WijkChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Wijk) -> str:
        return f"{obj.name} ({obj.gemeente.name})"


class LocationForm(VersionedForm):
    class Meta:
        model = Location
        formfield_callback = formfield
        fields = ["name", "address", "postal_code", "city", "gemeente", "wijk", "is_public"]
        field_classes = {"wijk": WijkChoiceField}
        widgets = {
            "name": forms.TextInput(attrs={"class": TEXTBOX, "autocomplete": "off"}),
            "address": forms.TextInput(attrs={"class": TEXTBOX, "autocomplete": "off"}),
            "postal_code": forms.TextInput(attrs={"class": TEXTBOX, "autocomplete": "off", "size": 7}),
            "city": forms.TextInput(attrs={"class": TEXTBOX, "autocomplete": "off"}),
            "gemeente": forms.Select(attrs={"class": SELECT}),
            "wijk": forms.Select(attrs={"class": SELECT}),
        }
        help_texts = {"wijk": _("De wijk moet in de gekozen gemeente liggen.")}

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        selected = Q(pk=self.instance.gemeente_id) if self.instance.gemeente_id else None
        gemeenten = gemeenten_for(organisation, Gemeente.objects.filter(selected) if selected else None)
        self.fields["gemeente"].queryset = gemeenten
        wijken = Q(gemeente__in=gemeenten)
        if self.instance.wijk_id:
            wijken |= Q(pk=self.instance.wijk_id)
        self.fields["wijk"].queryset = (
            Wijk.objects.filter(wijken).select_related("gemeente").order_by("gemeente__name", "name")
        )

    def clean(self):
        cleaned = super().clean()
        gemeente, wijk = cleaned.get("gemeente"), cleaned.get("wijk")
        if wijk is not None:
            if gemeente is None:
                cleaned["gemeente"] = wijk.gemeente
            elif wijk.gemeente_id != gemeente.pk:
                self.add_error(
                    "wijk",
                    _("De wijk %(wijk)s ligt niet in de gemeente %(gemeente)s.")
                    % {"wijk": wijk.name, "gemeente": gemeente.name},
                )
        return cleaned
