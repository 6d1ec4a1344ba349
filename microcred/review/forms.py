from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from microcred.curriculum.text import REFERENCE_LANGUAGE, localise
from microcred.review.models import (
    Cohort,
    DecisionKind,
    QuestionKind,
    ReviewChecklistItem,
    SurveyQuestion,
)
from microcred.review.services_pilot import MAX_TEXT

REQUIRED = {
    "required": _("Please choose one of the answers."),
    "invalid_choice": _("Please choose one of the answers."),
}
LIKERT_LABELS = [
    (1, _("1 – Strongly disagree")),
    (2, _("2 – Disagree")),
    (3, _("3 – Neither agree nor disagree")),
    (4, _("4 – Agree")),
    (5, _("5 – Strongly agree")),
]


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Your decision"),
        choices=DecisionKind.choices,
        widget=forms.RadioSelect,
        error_messages=REQUIRED,
    )
    checklist = forms.MultipleChoiceField(
        label=_("Checklist: tick every point that holds for this version"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    excluded_languages = forms.MultipleChoiceField(
        label=_("Languages you could not check"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "If you approve, your approval does not cover the languages you tick here. "
            "Learners are offered a language only when enough Board members approved it."
        ),
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Required when you request changes (say what should change and where) and when "
            "you withdraw your change request (say why)."
        ),
    )

    def __init__(
        self,
        *args: object,
        items: list[ReviewChecklistItem],
        language: str,
        has_open_request: bool = False,
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["checklist"].choices = [
            (item.code, localise(item.text, language).text) for item in items
        ]
        # Only the member who asked for changes can take their request back.
        self.fields["decision"].choices = [
            (value, label)
            for value, label in DecisionKind.choices
            if has_open_request or value != DecisionKind.WITHDRAW_REQUEST
        ]
        self.fields["excluded_languages"].choices = [
            (code, name) for code, name in settings.LANGUAGES if code != REFERENCE_LANGUAGE
        ]


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Your comment"), widget=forms.Textarea(attrs={"rows": 3}))
    lesson = forms.SlugField(required=False, widget=forms.HiddenInput)
    paragraph = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    item = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
    language = forms.ChoiceField(choices=settings.LANGUAGES, widget=forms.HiddenInput)


class SubmitForm(forms.Form):
    note = forms.CharField(
        label=_("What changed since the last version? (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PublishForm(forms.Form):
    note = forms.CharField(
        label=_("Why publish it now? (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is this version withdrawn?"), widget=forms.Textarea(attrs={"rows": 3})
    )


class LanguageForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)


class PilotFilterForm(forms.Form):
    cohort = forms.ModelChoiceField(
        label=_("Cohort"),
        queryset=Cohort.objects.all(),
        required=False,
        empty_label=_("All learners"),
    )
    language = forms.ChoiceField(
        label=_("Language"),
        choices=[("", _("All languages")), *settings.LANGUAGES],
        required=False,
    )


class FeedbackForm(forms.Form):
    """The short survey: one group of five choices per statement, then free text."""

    def __init__(
        self, *args: object, questions: list[SurveyQuestion], language: str, **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)
        for question in questions:
            label = localise(question.text, language)
            if question.kind == QuestionKind.LIKERT:
                field: forms.Field = forms.TypedChoiceField(
                    choices=LIKERT_LABELS,
                    coerce=int,
                    widget=forms.RadioSelect,
                    error_messages=REQUIRED,
                )
            else:
                field = forms.CharField(
                    required=False,
                    max_length=MAX_TEXT,
                    widget=forms.Textarea(attrs={"rows": 4}),
                )
            field.label = label.text
            field.label_language = label.language if label.is_fallback else ""  # type: ignore[attr-defined]
            self.fields[question.code] = field
