from django import forms
from django.utils.translation import gettext_lazy as _

from microcred.accounts.models import PartnerOrganisation


class CohortForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=100, help_text=_("For example “Pilot Kraków spring 2026”.")
    )
    is_pilot = forms.BooleanField(
        label=_("Pilot cohort: learners who test the course first"), required=False
    )
    starts_on = forms.DateField(
        label=_("Starts on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    ends_on = forms.DateField(
        label=_("Ends on (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args: object, choose_partner: bool, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        if choose_partner:  # only platform administrators say whose cohort it is
            self.fields["partner"] = forms.ModelChoiceField(
                label=_("Partner organisation"),
                queryset=PartnerOrganisation.objects.order_by("name"),
                required=False,
                empty_label=_("All partners (shared cohort)"),
            )

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())


class AddMembersForm(forms.Form):
    emails = forms.CharField(
        label=_("E-mail addresses of learners to add"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One address per line, or separated by commas or spaces."),
    )

    def addresses(self) -> list[str]:
        return self.cleaned_data["emails"].replace(",", " ").replace(";", " ").split()
