"""Forms of the plannen app: plan, theme, activity with its cost lines, status change, evaluation, copy, import.

Every edit form carries a hidden ``version`` (:func:`services.version_of`): saving is refused when the object changed
after the form was opened, so nobody silently overwrites a colleague's change.
"""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from samenveilig.accounts.models import Organisation
from samenveilig.plannen import access, plan_templates
from samenveilig.plannen.models import (
    MAX_YEAR,
    MIN_YEAR,
    Activity,
    Cost,
    Evaluation,
    EvaluationMoment,
    FundingSource,
    Plan,
    Programme,
    Theme,
)
from samenveilig.plannen.services import version_of
from samenveilig.regio.forms import SELECT, TEXTBOX
from samenveilig.regio.models import Gemeente, Regio
from samenveilig.sociale_kaart.models import ContactPerson, TargetGroup

TEXTAREA = "utrecht-textarea utrecht-textarea--html-textarea"
INVALID_CLASS = {
    forms.Textarea: "utrecht-textarea--invalid",
    forms.Select: "utrecht-select--invalid",
    forms.TextInput: "utrecht-textbox--invalid",
    forms.NumberInput: "utrecht-textbox--invalid",
    forms.DateInput: "utrecht-textbox--invalid",
}

CONFLICT_MESSAGE = _(
    "Iemand anders heeft dit gewijzigd nadat u het formulier opende. Uw wijziging is niet opgeslagen. "
    "Open de pagina opnieuw en breng uw wijziging daarna aan."
)
MONTH_CHOICES = [("", "—")] + [(number, name) for number, name in MONTHS.items()]
QUARTER_CHOICES = [("", "—"), (1, "Q1"), (2, "Q2"), (3, "Q3"), (4, "Q4")]


def text(**attrs):
    return forms.TextInput(attrs={"class": TEXTBOX, **attrs})


def number(**attrs):
    return forms.NumberInput(attrs={"class": f"{TEXTBOX} utrecht-textbox--numeric", **attrs})


def textarea(rows=3):
    return forms.Textarea(attrs={"class": TEXTAREA, "rows": rows})


def select():
    return forms.Select(attrs={"class": SELECT})


def date_input():
    return forms.DateInput(attrs={"class": TEXTBOX, "type": "date"}, format="%Y-%m-%d")


def year_field(label, required=True):
    return forms.IntegerField(
        label=label, min_value=MIN_YEAR, max_value=MAX_YEAR, required=required, widget=number(size=4)
    )


class StyledMixin:
    """NL Design System invalid styles on the fields with errors (Django sets aria-invalid and aria-describedby)."""

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                for widget_class, css in INVALID_CLASS.items():
                    if isinstance(widget, widget_class) and css not in widget.attrs.get("class", ""):
                        widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


class VersionedForm(StyledMixin, forms.ModelForm):
    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["version"] = version_of(self.instance)

    def changes(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields if name in self.cleaned_data}


class GemeenteField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Gemeente) -> str:
        return f"{obj.name} ({obj.code})"


class PlanForm(VersionedForm):
    template = forms.ChoiceField(
        label=_("Begin met de indeling van"),
        required=False,
        widget=select(),
        help_text=_("De thema's, pijlers of actielijnen van een bekend plan. U kunt ze daarna aanpassen."),
    )

    class Meta:
        model = Plan
        fields = ["title", "gemeente", "regio", "start_year", "end_year", "theme_label", "mission", "goals"]
        field_classes = {"gemeente": GemeenteField}
        widgets = {
            "title": text(autocomplete="off"),
            "gemeente": select(),
            "regio": select(),
            "start_year": number(size=4),
            "end_year": number(size=4),
            "theme_label": select(),
            "mission": textarea(4),
            "goals": textarea(6),
        }
        help_texts = {
            "gemeente": _("Een plan is van één gemeente of van een regio: kies er één."),
            "goals": _("Eén doel per regel."),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        codes = access.editable_gemeente_codes(user)
        latest = Gemeente.objects.filter(code__in=codes).order_by().values("code")
        gemeenten = Q(code__in=latest, year=Gemeente.objects.filter(code__in=codes).latest_year())
        if self.instance.gemeente_id:
            gemeenten |= Q(pk=self.instance.gemeente_id)
        self.fields["gemeente"].queryset = Gemeente.objects.filter(gemeenten).order_by("name")
        outside = Gemeente.objects.exclude(code__in=codes).values("regios")
        regios = Regio.objects.filter(gemeenten__code__in=codes).exclude(pk__in=outside).distinct()
        if self.instance.regio_id:
            regios = Regio.objects.filter(Q(pk__in=regios.values("pk")) | Q(pk=self.instance.regio_id))
        self.fields["regio"].queryset = regios.order_by("name")
        if self.instance.pk:
            del self.fields["template"]
        else:
            self.fields["template"].choices = plan_templates.choices()
            self.fields["theme_label"].required = False
            self.fields["theme_label"].help_text = _("Leeg: die van de gekozen indeling.")

    def clean(self):
        cleaned = super().clean()
        gemeente, regio = cleaned.get("gemeente"), cleaned.get("regio")
        if gemeente and regio:
            self.add_error("regio", _("Kies een gemeente of een regio, niet allebei."))
        elif not gemeente and not regio and "gemeente" not in self.errors and "regio" not in self.errors:
            self.add_error("gemeente", _("Kies de gemeente (of de regio) van dit plan."))
        start, end = cleaned.get("start_year"), cleaned.get("end_year")
        if start and end and end < start:
            self.add_error("end_year", _("Het laatste jaar ligt voor het eerste jaar."))
        return cleaned

    def changes(self) -> dict:
        changes = super().changes()
        if not changes.get("theme_label"):
            changes.pop("theme_label", None)
        return changes


class ThemeForm(VersionedForm):
    class Meta:
        model = Theme
        fields = ["name", "description", "order"]
        widgets = {"name": text(autocomplete="off"), "description": textarea(3), "order": number(size=4)}


class OrganisationMultipleField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name


class ContactPersonField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.name} — {obj.get_role_display()}, {obj.organisation.name}"


class ActivityForm(VersionedForm):
    quarter = forms.TypedChoiceField(
        label=_("Kwartaal"),
        choices=QUARTER_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        widget=select(),
        help_text=_("Alleen bij planning 'een kwartaal', met het beginjaar."),
    )

    class Meta:
        model = Activity
        fields = [
            "theme",
            "goal",
            "what",
            "organisations",
            "contact_persons",
            "who_text",
            "target_groups",
            "target_group_text",
            "programmes",
            "planning",
            "start_year",
            "start_month",
            "end_year",
            "end_month",
            "priority",
            "status",
            "done_on",
            "capacity_hours",
            "capacity_unit",
            "capacity_note",
            "order",
        ]
        field_classes = {"organisations": OrganisationMultipleField, "contact_persons": ContactPersonField}
        widgets = {
            "theme": select(),
            "goal": textarea(2),
            "what": textarea(3),
            "organisations": forms.SelectMultiple(attrs={"class": SELECT, "size": 8}),
            "contact_persons": forms.SelectMultiple(attrs={"class": SELECT, "size": 6}),
            "who_text": text(),
            "target_groups": forms.CheckboxSelectMultiple(),
            "target_group_text": text(),
            "programmes": forms.CheckboxSelectMultiple(),
            "planning": select(),
            "start_year": number(size=4),
            "start_month": forms.Select(attrs={"class": SELECT}, choices=MONTH_CHOICES),
            "end_year": number(size=4),
            "end_month": forms.Select(attrs={"class": SELECT}, choices=MONTH_CHOICES),
            "priority": select(),
            "status": select(),
            "done_on": date_input(),
            "capacity_hours": number(step="0.5"),
            "capacity_unit": select(),
            "capacity_note": text(),
            "order": number(size=4),
        }
        help_texts = {
            "organisations": _("Organisaties van de sociale kaart. Zij zien deze activiteit (alleen lezen)."),
            "contact_persons": _("Contactpersonen van organisaties op de sociale kaart in dit gebied."),
            "done_on": _("Verplicht bij status 'gereed'; leeg: vandaag."),
        }

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["theme"].queryset = Theme.objects.filter(plan=plan).order_by("order", "pk")
        self.fields["theme"].label = plan.get_theme_label_display()
        for name in ("start_month", "end_month"):
            self.fields[name] = forms.TypedChoiceField(
                label=self.fields[name].label,
                choices=MONTH_CHOICES,
                coerce=int,
                empty_value=None,
                required=False,
                widget=select(),
            )
        selected = self.instance.pk is not None
        self.fields["organisations"].queryset = Organisation.objects.filter(
            Q(is_active=True) | (Q(pk__in=self.instance.organisations.values("pk")) if selected else Q(pk__in=[]))
        ).order_by("name")
        area = _area_gemeenten(plan)
        persons = Q(organisation__gemeenten__in=area, organisation__is_active=True)
        if selected:
            persons |= Q(pk__in=self.instance.contact_persons.values("pk"))
        self.fields["contact_persons"].queryset = (
            ContactPerson.objects.filter(persons).select_related("organisation").distinct().order_by("name")
        )
        groups = Q(is_active=True)
        programmes = Q(is_active=True)
        if selected:
            groups |= Q(pk__in=self.instance.target_groups.values("pk"))
            programmes |= Q(pk__in=self.instance.programmes.values("pk"))
        self.fields["target_groups"].queryset = TargetGroup.objects.filter(groups)
        self.fields["programmes"].queryset = Programme.objects.filter(programmes)
        if not self.is_bound and self.instance.quarter:
            self.initial["quarter"] = self.instance.quarter

    def clean(self):
        cleaned = super().clean()
        clean_planning(cleaned, self.add_error)
        if cleaned.get("status") == Activity.Status.DONE and not cleaned.get("done_on"):
            cleaned["done_on"] = timezone.localdate()
        return cleaned

    def changes(self) -> dict:
        changes = super().changes()
        changes.update({name: self.cleaned_data.get(name) for name in PLANNING_FIELDS})
        return changes


PLANNING_FIELDS = ("start_year", "start_month", "end_year", "end_month")


def clean_planning(cleaned: dict, add_error) -> None:
    """Make the planning consistent: a quarter becomes its three months, 'doorlopend' has no months, and an end
    lies after the start. Shared by the form, the import and the API."""
    planning = cleaned.get("planning")
    if planning == Activity.Planning.ONGOING:
        for name in PLANNING_FIELDS:
            cleaned[name] = None
        return
    if planning == Activity.Planning.QUARTER:
        quarter, year = cleaned.get("quarter"), cleaned.get("start_year")
        if not quarter:
            add_error("quarter", _("Kies het kwartaal."))
        if not year:
            add_error("start_year", _("Vul het jaar van het kwartaal in."))
        if quarter and year:
            cleaned["start_month"] = 3 * (quarter - 1) + 1
            cleaned["end_year"] = year
            cleaned["end_month"] = 3 * quarter
        return
    start = (cleaned.get("start_year"), cleaned.get("start_month"))
    end = (cleaned.get("end_year"), cleaned.get("end_month"))
    if not all(start):
        if start[0] is None:
            add_error("start_year", _("Vul het beginjaar in (of kies 'doorlopend')."))
        if start[1] is None:
            add_error("start_month", _("Kies de beginmaand (of kies 'doorlopend')."))
        return
    if not any(end):
        cleaned["end_year"], cleaned["end_month"] = start
        return
    if not all(end):
        add_error("end_month" if end[0] else "end_year", _("Vul zowel het eindjaar als de eindmaand in."))
        return
    if end < start:
        add_error("end_month", _("Het einde ligt voor het begin."))


def _area_gemeenten(plan: Plan):
    if plan.gemeente_id:
        return Gemeente.objects.filter(code=plan.gemeente.code).values("pk")
    return Gemeente.objects.filter(code__in=Gemeente.objects.filter(regios=plan.regio_id).values("code")).values("pk")


class CostForm(StyledMixin, forms.ModelForm):
    class Meta:
        model = Cost
        fields = ["description", "year", "until_year", "funding_source", "amount"]
        widgets = {
            "description": text(),
            "year": number(size=4),
            "until_year": number(size=4),
            "funding_source": select(),
            "amount": number(step="0.01"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        sources = Q(is_active=True)
        if self.instance.funding_source_id:
            sources |= Q(pk=self.instance.funding_source_id)
        self.fields["funding_source"].queryset = FundingSource.objects.filter(sources)

    def clean(self):
        cleaned = super().clean()
        year, until = cleaned.get("year"), cleaned.get("until_year")
        if year and until and until < year:
            self.add_error("until_year", _("Dit jaar ligt voor het eerste jaar."))
        return cleaned


CostFormSet = forms.inlineformset_factory(
    Activity, Cost, form=CostForm, extra=2, can_delete=True, max_num=50, validate_max=True
)


def cost_lines(formset) -> list[dict]:
    """The cost lines of a valid formset as the service takes them (deleted and empty forms left out)."""
    lines = []
    for form in formset.forms:
        if not form.has_changed() and form.instance.pk is None:
            continue
        if form.cleaned_data.get("DELETE"):
            continue
        line = {name: form.cleaned_data.get(name) for name in CostForm._meta.fields}
        if form.instance.pk:
            line["id"] = form.instance.pk
        lines.append(line)
    return lines


class StatusForm(StyledMixin, forms.Form):
    status = forms.ChoiceField(label=_("Nieuwe status"), choices=Activity.Status.choices, widget=select())
    on = forms.DateField(label=_("Datum"), widget=date_input(), help_text=_("Wanneer de status inging."))
    note = forms.CharField(label=_("Toelichting"), max_length=300, required=False, widget=text())
    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean_on(self):
        on = self.cleaned_data["on"]
        if on > timezone.localdate():
            raise forms.ValidationError(_("Een status gaat niet in de toekomst in."))
        return on


class MomentForm(VersionedForm):
    class Meta:
        model = EvaluationMoment
        fields = ["date", "title", "notes"]
        widgets = {"date": date_input(), "title": text(), "notes": textarea(4)}


class EvaluationForm(VersionedForm):
    class Meta:
        model = Evaluation
        fields = ["activity", "done", "effect", "proposed_change"]
        widgets = {
            "activity": select(),
            "done": textarea(3),
            "effect": textarea(3),
            "proposed_change": textarea(3),
        }

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activity"].queryset = (
            Activity.objects.filter(theme__plan=plan).select_related("theme").order_by("theme__order", "order", "pk")
        )

    def clean_activity(self):
        activity = self.cleaned_data["activity"]
        others = Evaluation.objects.filter(moment_id=self.instance.moment_id, activity=activity)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(_("Deze activiteit is bij dit evaluatiemoment al geëvalueerd."))
        return activity


class CopyForm(StyledMixin, forms.Form):
    title = forms.CharField(label=_("Titel van het nieuwe plan"), max_length=200, widget=text())
    start_year = year_field(_("Eerste jaar"))
    end_year = year_field(_("Laatste jaar"))

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_year"), cleaned.get("end_year")
        if start and end and end < start:
            self.add_error("end_year", _("Het laatste jaar ligt voor het eerste jaar."))
        return cleaned


class ImportForm(StyledMixin, forms.Form):
    file = forms.FileField(
        label=_("Bestand (XLSX)"),
        help_text=_("Gebruik het sjabloon. Bevat één regel een fout, dan wordt niets ingelezen."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx", "class": "utrecht-textbox"}),
    )
