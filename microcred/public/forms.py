from django import forms
from django.utils.translation import gettext_lazy as _

from microcred.accounts.models import PartnerOrganisation
from microcred.public.languages import country_for_language


class ContactForm(forms.Form):
    name = forms.CharField(
        label=_("Your name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        label=_("Your e-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    country = forms.ChoiceField(
        label=_("Your country"),
        required=False,
        help_text=_("Your message goes to our partner organisation in this country."),
    )
    subject = forms.CharField(label=_("Subject"), max_length=200)
    message = forms.CharField(
        label=_("Message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6})
    )
    # Honeypot: hidden from people (CSS and aria-hidden) but filled in by naive bots.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(
        self, *args: object, partners: list[PartnerOrganisation], language: str, **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["country"]
        countries = sorted(
            {(p.country, str(p.get_country_display())) for p in partners}, key=lambda c: c[1]
        )
        field.choices = [*countries, ("", _("Another country (the project team answers)"))]
        field.initial = country_for_language(language, partners)

    def clean_name(self) -> str:
        return self.cleaned_data["name"].strip()

    def clean_message(self) -> str:
        text = self.cleaned_data["message"].strip()
        if len(text) < 10:
            raise forms.ValidationError(
                _("Please write at least a short sentence (10 characters).")
            )
        return text

    @property
    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("website"))
