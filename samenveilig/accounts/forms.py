from django import forms
from django.utils.translation import gettext_lazy as _

from samenveilig.accounts.models import ApiToken


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
