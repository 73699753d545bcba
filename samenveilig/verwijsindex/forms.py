"""Forms of the Verwijsindex. Every error is shown at its field in Dutch (translated), and the input is kept —
except the BSN, which is never echoed back into a page after it was submitted successfully."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenveilig.accounts.models import Sector
from samenveilig.verwijsindex import bsn, terms
from samenveilig.verwijsindex.models import Outcome, RemovalReason, Signaal


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class SignalForm(forms.Form):
    bsn = forms.CharField(
        label=_("Burgerservicenummer (BSN) van de jongere"),
        max_length=20,
        help_text=_("Negen cijfers. Het BSN wordt niet opgeslagen: de Verwijsindex bewaart er alleen een sleutel van."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric", "spellcheck": "false"}),
    )
    birth_date = forms.DateField(
        label=_("Geboortedatum van de jongere"),
        widget=DateInput(),
        help_text=_("De Verwijsindex is voor jongeren tot 23 jaar."),
    )
    start_date = forms.DateField(label=_("Betrokken sinds"), widget=DateInput())
    contact_name = forms.CharField(label=_("Uw naam"), max_length=150)
    contact_phone = forms.CharField(label=_("Uw telefoonnummer"), max_length=30)
    contact_email = forms.EmailField(label=_("Uw e-mailadres"))
    informed = forms.ChoiceField(
        label=_("Informeren van de jongere of de ouders"),
        choices=[(value, label) for value, label in Signaal.Informed.choices if value != Signaal.Informed.NOT_RECORDED],
        widget=forms.RadioSelect,
        help_text=_(
            "U informeert de jongere of de ouders over dit signaal, tenzij dat iemands veiligheid in gevaar brengt."
        ),
    )
    label = forms.CharField(
        label=_("Eigen kenmerk"),
        max_length=100,
        required=False,
        help_text=_(
            "Alleen voor uzelf, om de jongere te herkennen (bijvoorbeeld uw dossiernummer). Versleuteld opgeslagen. "
            "Schrijf hier niets over de zorg."
        ),
    )

    def clean_bsn(self):
        digits = bsn.normalise(self.cleaned_data["bsn"])
        if not bsn.passes_eleven_test(digits):
            raise forms.ValidationError(
                _("Dit is geen geldig burgerservicenummer: controleer de negen cijfers."), code="invalid_bsn"
            )
        return digits

    def clean_birth_date(self):
        birth_date = self.cleaned_data["birth_date"]
        today = timezone.localdate()
        if birth_date > today:
            raise forms.ValidationError(_("De geboortedatum ligt in de toekomst."), code="future")
        if not terms.in_age_range(birth_date, today):
            raise forms.ValidationError(
                _("De jongere is 23 jaar of ouder: de Verwijsindex is voor jongeren tot 23 jaar."), code="too_old"
            )
        return birth_date

    def clean_start_date(self):
        start_date = self.cleaned_data["start_date"]
        if start_date > timezone.localdate():
            raise forms.ValidationError(_("Deze datum ligt in de toekomst."), code="future")
        return start_date


class EndSignalForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Waarom verwijdert u dit signaal?"),
        choices=[(c.value, c.label) for c in (RemovalReason.NOT_JUSTIFIED, RemovalReason.RISK_GONE)],
        widget=forms.RadioSelect,
    )


class HistoryRequestForm(forms.Form):
    PURPOSES = [
        ("afstemming", _("Nodig om de hulp af te stemmen met eerder betrokken organisaties")),
        ("veiligheid", _("Nodig om de veiligheid van de jongere in te schatten")),
    ]
    purpose = forms.ChoiceField(
        label=_("Waarom vraagt u de geschiedenis op?"), choices=PURPOSES, widget=forms.RadioSelect
    )


class ConnectionForm(forms.Form):
    meldingsbevoegd = forms.BooleanField(label=_("Meldingsbevoegd"), required=False)
    criteria = forms.CharField(
        label=_("Meldcriteria"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("De in de regio afgesproken criteria; professionals zien ze bij het afgeven van een signaal."),
    )


class KoppelingForm(forms.Form):
    name = forms.CharField(
        label=_("Naam van het systeem"),
        max_length=100,
        help_text=_("Bijvoorbeeld het cliëntregistratiesysteem of leerlingvolgsysteem van de organisatie."),
    )


class DeathForm(forms.Form):
    bsn = forms.CharField(
        label=_("Burgerservicenummer (BSN) van de overleden jongere"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric", "spellcheck": "false"}),
    )
    confirm = forms.BooleanField(label=_("Ik heb het overlijden gecontroleerd in de basisregistratie personen"))

    def clean_bsn(self):
        digits = bsn.normalise(self.cleaned_data["bsn"])
        if not bsn.passes_eleven_test(digits):
            raise forms.ValidationError(
                _("Dit is geen geldig burgerservicenummer: controleer de negen cijfers."), code="invalid_bsn"
            )
        return digits


# --- matchregie ----------------------------------------------------------------------------------------------------


class HandOverForm(forms.Form):
    to = forms.TypedChoiceField(
        label=_("Aan wie draagt u de matchregie over?"),
        coerce=int,
        widget=forms.RadioSelect,
        help_text=_("Spreek de overdracht eerst af met de andere professional; die krijgt er bericht van."),
    )

    def __init__(self, *args, parties: list[dict] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = [(party["id"], f"{party['organisation']} — {party['name']}") for party in parties]


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Uitkomst"), choices=Outcome.choices, widget=forms.RadioSelect)
    day = forms.DateField(label=_("Datum"), widget=DateInput())

    def clean_day(self):
        day = self.cleaned_data["day"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("Deze datum ligt in de toekomst."), code="future")
        return day


class PriorityForm(forms.Form):
    """A rank (1 = first) per organisation type; empty: no rank (after every ranked type)."""

    def __init__(self, *args, ranks: dict[str, int] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        ranks = ranks or {}
        for value, label in Sector.choices:
            self.fields[value] = forms.IntegerField(
                label=label,
                required=False,
                min_value=1,
                max_value=len(Sector.choices),
                initial=ranks.get(value),
            )

    def clean(self):
        cleaned = super().clean()
        seen: dict[int, str] = {}
        for value, _label in Sector.choices:
            rank = cleaned.get(value)
            if rank is None:
                continue
            if rank in seen:
                self.add_error(value, _("Deze plaats is al gegeven aan een andere soort organisatie."))
            seen.setdefault(rank, value)
        return cleaned

    def order(self) -> list[str]:
        ranked = [(self.cleaned_data[v], v) for v, _label in Sector.choices if self.cleaned_data.get(v) is not None]
        return [value for _rank, value in sorted(ranked)]


class LetterForm(forms.Form):
    name = forms.CharField(
        label=_("Naam van de jongere of de ouders (niet verplicht)"),
        max_length=150,
        required=False,
        help_text=_("Alleen voor de aanhef van deze brief. De naam wordt niet opgeslagen."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


class FiguresForm(forms.Form):
    gemeente = forms.ChoiceField(
        label=_("Gemeente"), widget=forms.Select(attrs={"class": "utrecht-select utrecht-select--html-select"})
    )
    periode = forms.ChoiceField(
        label=_("Per"),
        required=False,
        widget=forms.Select(attrs={"class": "utrecht-select utrecht-select--html-select"}),
    )

    def __init__(self, *args, gemeenten: list[tuple[str, str]], periods: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].choices = gemeenten
        self.fields["periode"].choices = periods


class TransferForm(forms.Form):
    """Move a leaving professional's signals to a colleague of the same organisation."""

    leaver = forms.ModelChoiceField(label=_("Vertrekkende professional"), queryset=None)
    colleague = forms.ModelChoiceField(
        label=_("Collega die de signalen overneemt"),
        queryset=None,
        help_text=_(
            "De andere partijen bij een match zien voortaan de contactgegevens uit het profiel van deze collega."
        ),
    )

    def __init__(self, *args, leavers, colleagues, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leaver"].queryset = leavers
        self.fields["colleague"].queryset = colleagues
        for field in ("leaver", "colleague"):
            self.fields[field].label_from_instance = lambda user: user.get_full_name() or user.username

    def clean(self):
        data = super().clean()
        if data.get("leaver") and data.get("colleague") == data["leaver"]:
            self.add_error("colleague", _("Kies een andere collega dan de vertrekkende professional."))
        return data
