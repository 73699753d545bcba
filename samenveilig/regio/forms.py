from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from samenveilig.regio.models import Gemeente, Regio

TEXTBOX = "utrecht-textbox utrecht-textbox--html-input"
SELECT = "utrecht-select utrecht-select--html-select"
INVALID_CLASS = {forms.TextInput: "utrecht-textbox--invalid", forms.Select: "utrecht-select--invalid"}


class UtrechtFormMixin:
    """Adds the NL Design System invalid style to fields with errors.

    Django itself sets ``aria-invalid`` and points ``aria-describedby`` at ``<id>_helptext`` and ``<id>_error``,
    the ids ``includes/form_field.html`` uses.
    """

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name not in self.fields:
                continue
            attrs = self.fields[name].widget.attrs
            for widget_class, css in INVALID_CLASS.items():
                if isinstance(self.fields[name].widget, widget_class):
                    attrs["class"] = f"{attrs.get('class', '')} {css}".strip()


class GemeenteChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Gemeente) -> str:
        return f"{obj.name} ({obj.code}, {obj.year})"


class RegioForm(UtrechtFormMixin, forms.ModelForm):
    version = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Regio
        fields = ["name", "kind", "gemeenten"]
        field_classes = {"gemeenten": GemeenteChoiceField}
        widgets = {
            "name": forms.TextInput(attrs={"class": TEXTBOX, "autocomplete": "off"}),
            "kind": forms.Select(attrs={"class": SELECT}),
            "gemeenten": forms.SelectMultiple(attrs={"class": SELECT, "size": 15}),
        }
        help_texts = {
            "gemeenten": _("Kies één of meer gemeenten. Houd Ctrl (of Cmd) ingedrukt om er meer te kiezen."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The municipalities of the newest CBS year, plus any older ones the region already holds.
        latest = Gemeente.objects.latest_year()
        current = Q(year=latest)
        if self.instance.pk:
            current |= Q(pk__in=self.instance.gemeenten.values("pk"))
        self.fields["gemeenten"].queryset = Gemeente.objects.filter(current).order_by("name", "year")


class GemeenteSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Zoek op naam of CBS-code"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"class": TEXTBOX, "type": "search", "autocomplete": "off"}),
    )
    provincie = forms.ChoiceField(label=_("Provincie"), required=False, widget=forms.Select(attrs={"class": SELECT}))
    jaar = forms.TypedChoiceField(
        label=_("Jaar"), required=False, coerce=int, empty_value=None, widget=forms.Select(attrs={"class": SELECT})
    )

    def __init__(self, *args, years: list[int], provinces: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provincie"].choices = [("", _("Alle provincies")), *provinces]
        self.fields["jaar"].choices = [(year, str(year)) for year in years]
