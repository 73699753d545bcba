from django import forms
from django.utils.translation import gettext_lazy as _

from samenveilig.accounts.models import ApiToken, Organisation, User
from samenveilig.accounts.roles import Role


class ApiTokenForm(forms.ModelForm):
    class Meta:
        model = ApiToken
        fields = ["name", "expires"]
        widgets = {"expires": forms.DateInput(attrs={"type": "date"})}
        help_texts = {
            "name": _("Waarvoor gebruikt u dit token? Bijvoorbeeld: koppeling met ons registratiesysteem."),
            "expires": _("Laat leeg voor een token zonder einddatum (niet aangeraden)."),
        }


class SwitchMembershipForm(forms.Form):
    membership = forms.IntegerField(widget=forms.HiddenInput)


class UserCreateForm(forms.ModelForm):
    """A functioneel beheerder creates an account with its first membership; the person chooses a password by mail."""

    organisation = forms.ModelChoiceField(
        label=_("Organisatie"), queryset=Organisation.objects.filter(is_active=True).order_by("name")
    )
    role = forms.ChoiceField(label=_("Rol"), choices=Role.choices)

    class Meta:
        model = User
        fields = ["username", "first_name", "last_name", "email", "phone", "job_title"]
        help_texts = {"username": _("Letters, cijfers en @/./+/-/_; hiermee logt de gebruiker in.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("first_name", "last_name", "email"):
            self.fields[name].required = True
        self.fields["email"].help_text = _("Naar dit adres gaat de link om een wachtwoord te kiezen.")

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("Er is al een account met dit e-mailadres."))
        return email

    def user_details(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class MembershipForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisatie"), queryset=Organisation.objects.filter(is_active=True).order_by("name")
    )
    role = forms.ChoiceField(label=_("Rol"), choices=Role.choices)


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "sector", "gemeenten", "is_active"]
        widgets = {"gemeenten": forms.SelectMultiple(attrs={"size": 12})}
        help_texts = {"gemeenten": _("Houd Ctrl (of Cmd) ingedrukt om meer gemeenten te kiezen.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from samenveilig.regio.models import Gemeente

        year = Gemeente.objects.latest_year()
        self.fields["gemeenten"].queryset = Gemeente.objects.filter(year=year).order_by("name")
        self.fields["gemeenten"].required = False


class UserSearchForm(forms.Form):
    q = forms.CharField(label=_("Zoek op naam of gebruikersnaam"), required=False)
    organisation = forms.ModelChoiceField(
        label=_("Organisatie"),
        queryset=Organisation.objects.order_by("name"),
        required=False,
        empty_label=_("Alle organisaties"),
    )
