"""Forms of the staff pages for news and contact messages."""

from dataclasses import dataclass

from django import forms
from django.forms import BoundField
from django.utils import timezone
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from microcred.accounts.models import PartnerOrganisation
from microcred.public import news_markdown
from microcred.public.models import ContactStatus
from microcred.public.services_news import NewsText

TEXT_FIELDS = ("title", "summary", "body")
DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


@dataclass(frozen=True)
class LanguageGroup:
    code: str
    name: str  # in the staff member's language
    fields: list[BoundField]


class NewsForm(forms.Form):
    """One news item: when it appears, and its text in each language the author may write."""

    published_at = forms.DateTimeField(
        label=_("Publish on"),
        input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%d"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT),
        help_text=_("Date and time (day, month, year, hour). A later date schedules the item."),
    )
    is_published = forms.BooleanField(
        label=_("Published: show it on the news page from that date"), required=False
    )

    def __init__(
        self,
        *args: object,
        languages: list[str],
        partners: list[PartnerOrganisation] | None = None,
        **kwargs: object,
    ) -> None:
        kwargs["initial"] = kwargs.get("initial") or {"published_at": timezone.localtime()}
        super().__init__(*args, **kwargs)
        self.languages = languages
        if partners is not None:  # only platform administrators choose who speaks
            self.fields["partner"] = forms.ModelChoiceField(
                label=_("From"),
                queryset=PartnerOrganisation.objects.filter(pk__in=[p.pk for p in partners]),
                required=False,
                empty_label=_("The whole consortium"),
            )
        for code in languages:
            name = get_language_info(code)["name_translated"]
            self.fields[f"title_{code}"] = forms.CharField(
                label=_("Title"), max_length=200, required=False
            )
            self.fields[f"summary_{code}"] = forms.CharField(
                label=_("Summary"),
                max_length=600,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_("One or two sentences for the news list."),
            )
            self.fields[f"body_{code}"] = forms.CharField(
                label=_("Text"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 10}),
                help_text=_(
                    "Markdown, as in lessons: an empty line between paragraphs, ## for a "
                    "heading, **bold**, [link text](https://…)."
                ),
            )
            for field in TEXT_FIELDS:
                self.fields[f"{field}_{code}"].widget.attrs["lang"] = code
                self.fields[f"{field}_{code}"].language_name = name  # type: ignore[attr-defined]

    def language_groups(self) -> list[LanguageGroup]:
        return [
            LanguageGroup(
                code,
                get_language_info(code)["name_translated"],
                [self[f"{field}_{code}"] for field in TEXT_FIELDS],
            )
            for code in self.languages
        ]

    def clean(self) -> dict[str, object]:
        data = super().clean()
        written = 0
        for code in self.languages:
            values = {field: (data.get(f"{field}_{code}") or "").strip() for field in TEXT_FIELDS}
            if not any(values.values()):
                continue
            written += 1
            for field, value in values.items():
                if not value:
                    self.add_error(
                        f"{field}_{code}",
                        _("Please fill this in too, or empty the whole language."),
                    )
            for problem in news_markdown.problems(values["body"]):
                self.add_error(f"body_{code}", problem)
        if not written:
            raise forms.ValidationError(_("Please write the news in at least one language."))
        return data

    def texts(self) -> dict[str, NewsText]:
        """The languages filled in, ready for the service."""
        data = self.cleaned_data
        return {
            code: NewsText(
                title=data[f"title_{code}"].strip(),
                summary=data[f"summary_{code}"].strip(),
                body=data[f"body_{code}"].strip(),
            )
            for code in self.languages
            if (data.get(f"title_{code}") or "").strip()
        }


class ContactStatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=ContactStatus.choices, widget=forms.RadioSelect
    )


class ContactFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Show"),
        choices=[*ContactStatus.choices, ("all", _("All messages"))],
        required=False,
    )
