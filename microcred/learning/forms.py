from datetime import datetime

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from microcred.accounts.models import PartnerOrganisation
from microcred.learning import selfcheck
from microcred.learning.models import EmploymentStatus
from microcred.learning.services import IMPOSSIBLE_TIME

REQUIRED = {
    "required": _("Please choose one of the answers."),
    "invalid_choice": _("Please choose one of the answers."),
}


class LanguageStepForm(forms.Form):
    language = forms.ChoiceField(label=_("Which language do you want to learn in?"),
                                 choices=settings.LANGUAGES, widget=forms.RadioSelect,
                                 error_messages=REQUIRED)


class PartnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: PartnerOrganisation) -> str:
        return f"{obj.get_country_display()}: {obj.name}"


class PartnerStepForm(forms.Form):
    partner = PartnerChoiceField(
        label=_("Which organisation helps you in your country?"),
        queryset=PartnerOrganisation.objects.order_by("country", "name"),
        widget=forms.RadioSelect, empty_label=None, error_messages=REQUIRED)


class WorkStepForm(forms.Form):
    employment_status = forms.ChoiceField(label=_("What is your work situation?"),
                                          choices=EmploymentStatus.choices,
                                          widget=forms.RadioSelect, error_messages=REQUIRED)


class SkillsStepForm(forms.Form):
    # Ticking nothing is an answer too ("not yet" to every task).
    can_do = forms.MultipleChoiceField(
        label=_("Which of these can you already do on your own? Tick all that apply."),
        choices=[(q.key, q.text) for q in selfcheck.QUESTIONS],
        widget=forms.CheckboxSelectMultiple, required=False, error_messages=REQUIRED)


class ConsentStepForm(forms.Form):
    consent = forms.TypedChoiceField(
        label=_("Do you agree?"), coerce=lambda value: value == "yes",
        choices=[("yes", _("Yes, I agree")), ("no", _("No, I do not agree"))],
        widget=forms.RadioSelect, error_messages=REQUIRED)
    reminders = forms.BooleanField(
        label=_("Send me a friendly e-mail if I have not studied for a week"), required=False)


class CheckForm(forms.Form):
    choice = forms.TypedChoiceField(coerce=int, choices=[], widget=forms.RadioSelect,
                                    error_messages=REQUIRED)

    def __init__(self, *args: object, options: list[str], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["choice"].choices = list(enumerate(options))


class RemindersForm(forms.Form):
    reminders = forms.BooleanField(
        label=_("Send me a friendly e-mail if I have not studied for a week"), required=False)


class OfflineDoneForm(forms.Form):
    """A "Done" tap kept on the learner's device while it had no connection.

    Both times come from the device's clock, which may be wrong: the server keeps only the
    time between the tap and the sending, which that clock measures well enough. A tap "made
    after it was sent" thus lands in the future, which complete_lesson refuses.
    """

    id = forms.UUIDField()
    made_at = forms.DateTimeField()
    sent_at = forms.DateTimeField()

    def clean(self) -> dict:
        data = super().clean() or {}
        if data.get("made_at") and data.get("sent_at"):
            try:
                data["done_at"] = timezone.now() - (data["sent_at"] - data["made_at"])
            except OverflowError:  # years apart beyond the calendar: nothing to record
                raise forms.ValidationError(IMPOSSIBLE_TIME) from None
        return data

    def done_at_server_time(self) -> datetime:
        return self.cleaned_data["done_at"]

    def first_error(self) -> str:
        return next(iter(self.errors.values()))[0]
