from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from microcred.assessment.models import Supervision
from microcred.assessment.question_import import SKIP
from microcred.curriculum.models import Module

MAX_UPLOAD_BYTES = 2 * 1024 * 1024


class QuestionImportForm(forms.Form):
    module = forms.ModelChoiceField(label=_("Module"), queryset=Module.objects.order_by("order"))
    language = forms.ChoiceField(label=_("Language of the questions"), choices=settings.LANGUAGES)
    file_format = forms.ChoiceField(label=_("File format"), choices=[
        ("gift", _("GIFT text file")), ("moodle", _("Moodle XML file"))])
    file = forms.FileField(label=_("Question file"), help_text=_(
        "Export the questions from Moodle as they are. You will see what can be imported and "
        "choose a learning outcome for each category before anything is saved."))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is too large (2 MB at most)."))
        return upload


class SupervisionForm(forms.Form):
    supervision = forms.ChoiceField(label=_("Supervision and identity verification"),
                                    choices=Supervision.choices)


class AccommodationForm(forms.Form):
    extra_time_percent = forms.IntegerField(
        label=_("Extra time in timed tests (%)"), min_value=0, max_value=200,
        help_text=_("For example 50 gives 30 minutes for a 20-minute test."))


class OutcomeMappingForm(forms.Form):
    """One choice of learning outcome per Moodle category of an upload (see question_import)."""

    key = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args, categories: list[tuple[str, str]],
                 outcomes: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("Choose…")), *outcomes, (SKIP, _("Do not import these questions"))]
        self.categories = categories
        for number, (category, suggested) in enumerate(categories):
            self.fields[f"category-{number}"] = forms.ChoiceField(
                label=category or _("(no category)"), choices=choices, initial=suggested)

    def mapping(self) -> dict[str, str]:
        return {category: self.cleaned_data[f"category-{number}"]
                for number, (category, _suggested) in enumerate(self.categories)}
