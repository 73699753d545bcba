from __future__ import annotations

import re

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenveilig.monitor import periods
from samenveilig.monitor.models import Direction, Target

SELECT = "utrecht-select utrecht-select--html-select"
VERSION = re.compile(r"^[\w.\- ]{1,40}$")


def max_upload_bytes() -> int:
    return settings.SAMENVEILIG_MONITOR_UPLOAD_MAX_MB * 1024 * 1024


class _UploadForm(forms.Form):
    def clean_bestand(self):
        upload = self.cleaned_data["bestand"]
        if upload.size > max_upload_bytes():
            raise forms.ValidationError(
                _(
                    "Het bestand is groter dan %(mb)s MB. Importeer grote bestanden met het commando "
                    "manage.py monitor_import."
                )
                % {"mb": max_upload_bytes() // (1024 * 1024)}
            )
        return upload


class CbsImportForm(_UploadForm):
    bestand = forms.FileField(
        label=_("Bestand"),
        help_text=_(
            "Een export van CBS StatLine: OData v3 (TypedDataSet, JSON), OData v4 (Observations, JSON) of een "
            "StatLine-CSV met puntkomma's."
        ),
    )
    tabel = forms.CharField(
        label=_("Tabelnummer"),
        required=False,
        max_length=8,
        help_text=_("Alleen nodig voor een CSV-bestand zonder het tabelnummer in de naam, bijvoorbeeld 84847NED."),
    )

    def clean_tabel(self):
        value = self.cleaned_data["tabel"].strip().upper()
        if value and not re.match(r"^\d{5}[A-Z]{3}$", value):
            raise forms.ValidationError(_("Een tabelnummer van CBS is vijf cijfers en drie letters, zoals 84847NED."))
        return value


class ReportImportForm(_UploadForm):
    bestand = forms.FileField(label=_("Ingevuld sjabloon (XLSX)"))
    versie = forms.CharField(
        label=_("Versie"),
        max_length=40,
        help_text=_(
            "De datum van de rapportage, bijvoorbeeld 2022-03-01. Dezelfde versie opnieuw importeren vervangt die "
            "versie; een nieuwere versie wordt de actuele en de oudere blijft bewaard."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["versie"].initial = timezone.localdate().isoformat()

    def clean_versie(self):
        value = self.cleaned_data["versie"].strip()
        if not VERSION.match(value):
            raise forms.ValidationError(_("Gebruik letters, cijfers, punten en streepjes, bijvoorbeeld 2022-03-01."))
        return value


class TargetForm(forms.ModelForm):
    indicator_code = forms.ChoiceField(label=_("Indicator"), widget=forms.Select(attrs={"class": SELECT}))

    class Meta:
        model = Target
        fields = ["indicator_code", "direction", "value", "baseline_period", "deadline", "description"]
        widgets = {"direction": forms.Select(attrs={"class": SELECT})}

    def __init__(self, *args, indicators: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator_code"].choices = indicators
        self.fields["direction"].choices = Direction.choices
        self.fields["deadline"].help_text = _("Een jaar (2025) of halfjaar (2025HJ2).")

    def _period(self, name: str) -> str:
        value = self.cleaned_data.get(name, "").strip()
        if not value:
            return value
        try:
            return periods.normalise(value)
        except ValueError:
            raise forms.ValidationError(_("Gebruik een jaar (2025) of halfjaar (2025HJ2).")) from None

    def clean_deadline(self):
        return self._period("deadline")

    def clean_baseline_period(self):
        return self._period("baseline_period")
