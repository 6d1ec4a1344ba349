from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from microcred.accounts.models import PartnerOrganisation
from microcred.reporting.kpis import EMPLOYMENT_LABELS, NOT_STATED, SKILL_LABELS
from microcred.reporting.selectors import KpiFilters
from microcred.review.models import Cohort


def _answers(labels: dict[str, object]) -> list[tuple[str, object]]:
    return [(key or NOT_STATED, label) for key, label in labels.items()]


class KpiFilterForm(forms.Form):
    """The dashboard's selection (GET). A value that is not on offer is reported next to its
    field and ignored; the other filters still apply."""

    partner = forms.ChoiceField(label=_("Partner organisation"), required=False)
    employment = forms.ChoiceField(
        label=_("Work situation"), required=False,
        choices=[("", _("All work situations")), *_answers(EMPLOYMENT_LABELS)])
    skills = forms.ChoiceField(
        label=_("Digital skills (self-check)"), required=False,
        choices=[("", _("All skill levels")), *_answers(SKILL_LABELS)])
    language = forms.ChoiceField(
        label=_("Language"), required=False,
        choices=[("", _("All languages")), *settings.LANGUAGES])
    cohort = forms.ChoiceField(label=_("Cohort"), required=False)

    def __init__(self, *args: object, partners: list[PartnerOrganisation],
                 cohorts: list[Cohort], choose_partner: bool, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if choose_partner:
            self.fields["partner"].choices = [  # type: ignore[attr-defined]
                ("", _("All partner organisations")),
                *((str(p.pk), f"{p.name} ({p.country})") for p in partners)]
        else:
            del self.fields["partner"]
        self.fields["cohort"].choices = [  # type: ignore[attr-defined]
            ("", _("All learners")), *((str(c.pk), c.name) for c in cohorts)]

    def filters(self) -> KpiFilters:
        """The valid part of the selection."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})

        def answer(name: str) -> str | None:
            value = data.get(name)
            return None if not value else "" if value == NOT_STATED else value

        return KpiFilters(
            partner_id=int(data["partner"]) if data.get("partner") else None,
            employment_status=answer("employment"),
            skill_level=answer("skills"),
            language=data.get("language") or None,
            cohort_id=int(data["cohort"]) if data.get("cohort") else None,
        )
