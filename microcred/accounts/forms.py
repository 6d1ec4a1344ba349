from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from microcred.accounts.models import PartnerOrganisation, User


class SignupForm(AllauthSignupForm):
    """E-mail and name; the password is optional (log-in by e-mailed code works without one)."""

    full_name = forms.CharField(
        label=_("Your name"),
        max_length=200,
        help_text=_("As it should appear on your certificates."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Please enter your name.")},
    )
    field_order = ["email", "full_name", "password1"]

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        if "password1" in self.fields:
            self.fields["password1"].label = _("Password (optional)")
            self.fields["password1"].help_text = _(
                "You can leave this empty: we will e-mail you a one-time code each time you log "
                "in. If you choose a password, use at least 8 characters."
            )


class ProfileForm(forms.Form):
    full_name = forms.CharField(
        label=_("Your name"),
        max_length=200,
        error_messages={"required": _("Please enter your name.")},
    )
    preferred_language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    partner = forms.ModelChoiceField(
        label=_("Partner organisation"),
        queryset=PartnerOrganisation.objects.all(),
        required=False,
        help_text=_("The organisation that helps you in your country."),
    )


class LearnerEditForm(forms.Form):
    full_name = forms.CharField(
        label=_("Name"), max_length=200, error_messages={"required": _("Please enter a name.")}
    )
    preferred_language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    is_active = forms.BooleanField(
        label=_("Account active"),
        required=False,
        help_text=_("Untick to stop this person from logging in."),
    )

    @classmethod
    def for_learner(cls, learner: User) -> "LearnerEditForm":
        return cls(
            initial={
                "full_name": learner.full_name,
                "preferred_language": learner.preferred_language,
                "is_active": learner.is_active,
            }
        )


class LearnerSearchForm(forms.Form):
    q = forms.CharField(label=_("Search by name or e-mail"), required=False, max_length=200)


class DeleteAccountForm(forms.Form):
    confirmation = forms.CharField(
        label=_("To confirm, type the e-mail address of your account"),
        max_length=254,
        error_messages={"required": _("Please type your e-mail address to confirm.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "none", "spellcheck": "false"}
        ),
    )


class ConsentForm(forms.Form):
    consent = forms.TypedChoiceField(
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        error_messages={"required": _("Please choose yes or no.")},
    )


class ReauthCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from the e-mail"),
        max_length=20,
        error_messages={"required": _("Please type the code from the e-mail.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}
        ),
    )
