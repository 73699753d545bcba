"""Forms of the Meldcode pages. Plain forms: the services do the writing, the forms only read and check input.

Every error is shown at its field, translated, with the input kept (a bound form renders what was typed).
Decision forms carry the dossier's ``version`` so the service can tell a second editor that someone was first.
"""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenveilig.accounts.models import User
from samenveilig.meldcode import afwegingskader, checklists
from samenveilig.meldcode.models import (
    DOSSIER_ROLES,
    ChecklistItem,
    Concern,
    Consultation,
    PersonConcerned,
    SignalEntry,
)
from samenveilig.meldcode.steps import ConversationSkipReason, YesNoUnknown
from samenveilig.meldcode.validators import validate_bsn
from samenveilig.regio.forms import SELECT, TEXTBOX, UtrechtFormMixin
from samenveilig.sociale_kaart.models import ContactPerson

TEXTAREA = "utrecht-textarea utrecht-textarea--html-textarea"
INVALID_CLASS = {forms.Textarea: "utrecht-textarea--invalid", forms.Select: "utrecht-select--invalid"}


def text_input(**attrs):
    return forms.TextInput(attrs={"class": TEXTBOX, "autocomplete": "off", **attrs})


def textarea(rows: int = 4):
    return forms.Textarea(attrs={"class": TEXTAREA, "rows": rows})


def date_input():
    return forms.DateInput(attrs={"class": TEXTBOX, "type": "date"}, format="%Y-%m-%d")


def not_in_future(value):
    if value and value > timezone.localdate():
        raise forms.ValidationError(_("Deze datum ligt in de toekomst."))


class MeldcodeForm(UtrechtFormMixin, forms.Form):
    """Adds the invalid style to textareas and selects as well (the regio mixin knows text inputs)."""

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                for widget_class, css in INVALID_CLASS.items():
                    if isinstance(widget, widget_class) and css not in widget.attrs.get("class", ""):
                        widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()

    def add_service_error(self, error) -> None:
        """Put a service's ValidationError on the fields it names (unknown names go to the whole form)."""
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                self.add_error(field if field in self.fields else None, errors)
        else:
            self.add_error(None, error)


class VersionedForm(MeldcodeForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class PersonForm(MeldcodeForm):
    kind = forms.ChoiceField(
        label=_("Kind of volwassene"), choices=PersonConcerned.Kind.choices, widget=forms.RadioSelect
    )
    local_reference = forms.CharField(
        label=_("Eigen kenmerk van de betrokkene"),
        max_length=40,
        required=False,
        widget=text_input(),
        help_text=_("Bijvoorbeeld een leerlingnummer. Zo herkent u de betrokkene zonder naam."),
    )
    name = forms.CharField(label=_("Naam"), max_length=200, required=False, widget=text_input())
    date_of_birth = forms.DateField(
        label=_("Geboortedatum"), required=False, widget=date_input(), validators=[not_in_future]
    )
    address = forms.CharField(label=_("Adres"), max_length=300, required=False, widget=text_input())
    bsn = forms.CharField(
        label=_("BSN"),
        max_length=9,
        min_length=8,
        required=False,
        validators=[validate_bsn],
        widget=text_input(inputmode="numeric"),
        help_text=_("Alleen als u het nodig hebt; het wordt versleuteld opgeslagen."),
    )

    IDENTIFYING_HELP = _(
        "Naam, geboortedatum, adres en BSN zijn niet verplicht. Een melding aan Veilig Thuis heeft ze later nodig; "
        "een adviesvraag nooit. Ze worden versleuteld opgeslagen."
    )


class DossierCreateForm(PersonForm):
    local_reference_dossier = forms.CharField(
        label=_("Kenmerk van het dossier"),
        max_length=40,
        widget=text_input(),
        help_text=_("Het eigen kenmerk van uw organisatie. Geen naam of BSN. Elk kenmerk kan maar één dossier hebben."),
    )
    concern = forms.ChoiceField(
        label=_("Soort zorg"), choices=[("", "—"), *Concern.choices], widget=forms.Select(attrs={"class": SELECT})
    )
    field_order = [
        "local_reference_dossier",
        "concern",
        "kind",
        "local_reference",
        "name",
        "date_of_birth",
        "address",
        "bsn",
    ]


class PersonEditForm(VersionedForm, PersonForm):
    pass


class SignalForm(MeldcodeForm):
    observed_on = forms.DateField(label=_("Datum"), widget=date_input(), validators=[not_in_future])
    person = forms.ModelChoiceField(
        label=_("Over wie"),
        queryset=PersonConcerned.objects.none(),
        required=False,
        empty_label=_("(niet één persoon)"),
        widget=forms.Select(attrs={"class": SELECT}),
    )
    source = forms.ChoiceField(
        label=_("Bron"), choices=SignalEntry.Source.choices, widget=forms.Select(attrs={"class": SELECT})
    )
    fact = forms.CharField(
        label=_("Feit: wat zag of hoorde u?"),
        widget=textarea(5),
        help_text=_("Alleen wat u waarnam, zo letterlijk mogelijk. Bijvoorbeeld: 'blauwe plek op de linkerarm'."),
    )
    interpretation = forms.CharField(
        label=_("Interpretatie: wat denkt u dat het betekent?"),
        widget=textarea(3),
        required=False,
        help_text=_("Uw eigen duiding, apart van het feit. Een melding neemt alleen feiten over die u kiest."),
    )
    checklist_items = forms.ModelMultipleChoiceField(
        label=_("Signalen van de lijsten"),
        queryset=ChecklistItem.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, dossier, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = dossier.persons.all()
        self.fields["checklist_items"].queryset = checklists.available_for(dossier.organisation_id)

    def checklist_groups(self):
        """The checkboxes grouped by list, for the template (one fieldset per list)."""
        labels = dict(ChecklistItem.ListName.choices)
        items = {str(item.pk): item.list_name for item in self.fields["checklist_items"].queryset}
        groups: dict[str, list] = {}
        for widget in self["checklist_items"]:
            groups.setdefault(items.get(str(widget.data["value"]), ""), []).append(widget)
        return [(labels.get(name, name), widgets) for name, widgets in groups.items()]


class KindcheckForm(MeldcodeForm):
    person = forms.ModelChoiceField(
        label=_("Volwassene"), queryset=PersonConcerned.objects.none(), widget=forms.Select(attrs={"class": SELECT})
    )
    checked_on = forms.DateField(label=_("Datum"), widget=date_input(), validators=[not_in_future])
    children_in_care = forms.ChoiceField(
        label=_("Zorgt deze volwassene voor kinderen (ook als verzorger of met gedeelde zorg)?"),
        choices=YesNoUnknown.choices,
        widget=forms.RadioSelect,
    )
    pregnancy = forms.ChoiceField(
        label=_("Is er een zwangerschap?"), choices=YesNoUnknown.choices, widget=forms.RadioSelect
    )
    number_of_children = forms.IntegerField(
        label=_("Aantal kinderen"),
        required=False,
        min_value=0,
        max_value=20,
        widget=forms.NumberInput(attrs={"class": TEXTBOX}),
    )
    ages = forms.CharField(
        label=_("Leeftijden"),
        required=False,
        max_length=200,
        widget=text_input(),
        help_text=_("Bijvoorbeeld: 3 en 7 jaar."),
    )
    action_taken = forms.CharField(
        label=_("Wat hebt u gedaan?"),
        required=False,
        widget=textarea(3),
        help_text=_("Zijn er zorgen over de kinderen? Volg dan ook voor hen de meldcode."),
    )

    def __init__(self, *args, dossier, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = dossier.persons.filter(kind=PersonConcerned.Kind.VOLWASSENE)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("children_in_care") == YesNoUnknown.JA and not cleaned.get("number_of_children"):
            self.add_error("number_of_children", _("Vul in hoeveel kinderen er zijn."))
        return cleaned


class ContactPersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: ContactPerson) -> str:
        return f"{obj.name} — {obj.get_role_display()}, {obj.organisation.name}"


class ConsultationForm(MeldcodeForm):
    consulted_on = forms.DateField(label=_("Datum"), widget=date_input(), validators=[not_in_future])
    kind = forms.ChoiceField(
        label=_("Met wie overlegde u?"), choices=Consultation.Kind.choices, widget=forms.RadioSelect
    )
    contact_person = ContactPersonChoiceField(
        label=_("Contactpersoon op de sociale kaart"),
        queryset=ContactPerson.objects.none(),
        required=False,
        empty_label=_("(niet op de sociale kaart)"),
        widget=forms.Select(attrs={"class": SELECT}),
        help_text=_("Bijvoorbeeld de aandachtsfunctionaris of de vaste contactpersoon van een organisatie."),
    )
    with_whom = forms.CharField(
        label=_("Of: met wie (naam of functie)"),
        required=False,
        max_length=200,
        widget=text_input(),
        help_text=_("Als de persoon niet op de sociale kaart staat, bijvoorbeeld een collega."),
    )
    question = forms.CharField(label=_("Uw vraag"), widget=textarea(3))
    advice = forms.CharField(label=_("Het advies"), widget=textarea(4))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact_person"].queryset = ContactPerson.objects.select_related("organisation").order_by(
            "organisation__name", "role", "name"
        )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("contact_person") and not (cleaned.get("with_whom") or "").strip():
            self.add_error("with_whom", _("Kies iemand van de sociale kaart of vul in met wie u overlegde."))
        return cleaned


class ConversationForm(MeldcodeForm):
    held = forms.TypedChoiceField(
        label=_("Hebt u het gesprek gevoerd?"),
        choices=[("ja", _("Ja, het gesprek is gevoerd")), ("nee", _("Nee, het gesprek is niet gevoerd"))],
        coerce=lambda value: value == "ja",
        widget=forms.RadioSelect,
    )
    held_on = forms.DateField(label=_("Datum"), widget=date_input(), validators=[not_in_future])
    participants = forms.CharField(label=_("Met wie"), required=False, max_length=300, widget=text_input())
    said = forms.CharField(label=_("Wat hebt u besproken?"), required=False, widget=textarea(4))
    reaction = forms.CharField(label=_("Hoe reageerde de betrokkene?"), required=False, widget=textarea(3))
    skip_reason = forms.ChoiceField(
        label=_("Waarom is het gesprek niet gevoerd?"),
        choices=ConversationSkipReason.choices,
        required=False,
        widget=forms.RadioSelect,
        help_text=_("De wet staat alleen deze twee redenen toe."),
    )
    skip_explanation = forms.CharField(label=_("Toelichting"), required=False, widget=textarea(3))


class WeighingForm(MeldcodeForm):
    weighed_on = forms.DateField(label=_("Datum"), widget=date_input(), validators=[not_in_future])
    instrument = forms.CharField(
        label=_("Instrument"),
        required=False,
        max_length=100,
        widget=text_input(),
        help_text=_("Bijvoorbeeld LIRIK, als u een instrument gebruikte."),
    )
    note = forms.CharField(
        label=_("Uw weging"),
        widget=textarea(5),
        help_text=_("Het risico, de aard en de ernst van het geweld, op basis van stap 1 tot en met 3."),
    )


NOT_ANSWERED = ("", _("Niet beantwoord"))


class AssessmentForm(VersionedForm):
    """The five questions in order, each with a reason; the outcome must be one the answers allow.

    Works without JavaScript: 'Bekijk de uitkomst' checks the answers and shows the outcomes they allow; only then
    can an outcome be saved.
    """

    outcome = forms.ChoiceField(
        label=_("Uitkomst"), choices=afwegingskader.Outcome.choices, required=False, widget=forms.RadioSelect
    )
    decision_note = forms.CharField(
        label=_("Toelichting bij het besluit"),
        required=False,
        widget=textarea(4),
        help_text=_("Bij afsluiten met monitoring: welke afspraken, met wie en tot wanneer."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        fields = {}
        for question in afwegingskader.QUESTIONS:
            choices = [NOT_ANSWERED, *[(a, afwegingskader.Answer(a).label) for a in question.answers]]
            fields[f"answer_{question.number}"] = forms.ChoiceField(
                label=f"{question.number}. {question.text}",
                choices=choices,
                required=False,
                widget=forms.RadioSelect,
                help_text=question.help_text,
            )
            fields[f"reason_{question.number}"] = forms.CharField(
                label=_("Toelichting"), required=False, widget=textarea(2)
            )
        fields.update(self.fields)
        self.fields = fields
        self.allowed: tuple[str, ...] = ()

    def answers(self) -> tuple:
        return tuple(self.cleaned_data.get(f"answer_{n}") or None for n in range(1, 6))

    def reasons(self) -> tuple:
        return tuple(self.cleaned_data.get(f"reason_{n}") or "" for n in range(1, 6))

    def question_fields(self):
        return [(self[f"answer_{n}"], self[f"reason_{n}"]) for n in range(1, 6)]

    def allowed_outcome_widgets(self):
        return [w for w in self["outcome"] if w.data["value"] in self.allowed]


class MemberForm(MeldcodeForm):
    user = forms.ModelChoiceField(
        label=_("Collega"),
        queryset=User.objects.none(),
        widget=forms.Select(attrs={"class": SELECT}),
        help_text=_("Een collega van uw organisatie die met u in dit dossier werkt."),
    )

    def __init__(self, *args, dossier, **kwargs):
        super().__init__(*args, **kwargs)
        taken = [dossier.owner_id, *dossier.members.values_list("user_id", flat=True)]
        self.fields["user"].queryset = (
            User.objects.filter(
                memberships__organisation_id=dossier.organisation_id,
                memberships__role__in=DOSSIER_ROLES,
                memberships__is_active=True,
                is_active=True,
            )
            .exclude(pk__in=taken)
            .distinct()
            .order_by("last_name", "first_name")
        )


class CloseForm(VersionedForm):
    note = forms.CharField(
        label=_("Waarom kan het dossier gesloten worden?"),
        widget=textarea(4),
        help_text=_("Bijvoorbeeld: de hulp is afgerond, of Veilig Thuis heeft het overgenomen."),
    )
