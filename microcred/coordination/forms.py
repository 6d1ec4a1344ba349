from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from microcred.accounts.forms import LearnerSearchForm
from microcred.accounts.models import PartnerOrganisation
from microcred.coordination.csv_import import MAX_BYTES
from microcred.coordination.selectors import INACTIVITY_DAYS

MAX_ID = 2**63 - 1


class LearnerFilterForm(LearnerSearchForm):
    inactive = forms.TypedChoiceField(label=_("Show"), required=False, coerce=int,
                                      empty_value=None)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        # Built per request, so the labels are in the reader's language.
        self.fields["inactive"].choices = [("", _("All learners"))] + [
            (str(days), ngettext("Not active for more than %(days)d day",
                                 "Not active for more than %(days)d days", days)
             % {"days": days})
            for days in INACTIVITY_DAYS
        ]

    def filters(self) -> tuple[str, int | None]:
        """The search text and the inactivity filter; none when the address was tampered with."""
        if not self.is_valid():
            return "", None
        return self.cleaned_data["q"], self.cleaned_data["inactive"]


class LearnerImportForm(forms.Form):
    file = forms.FileField(
        label=_("File with the learners (CSV)"),
        help_text=_("One learner per line. Save it from Excel or LibreOffice as “CSV UTF-8”."),
        error_messages={"required": _("Please choose a file."),
                        "empty": _("The file is empty.")},
    )
    partner = forms.ModelChoiceField(
        label=_("Partner organisation"),
        queryset=PartnerOrganisation.objects.all(),
        error_messages={"required": _("Please choose the organisation.")},
    )
    send_welcome = forms.BooleanField(
        label=_("Send each new learner an e-mail that explains how to log in"),
        required=False,
        initial=True,
    )

    def __init__(self, *args: object, choose_partner: bool, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        if not choose_partner:
            del self.fields["partner"]  # coordinators always enrol into their own organisation

    def clean_file(self) -> UploadedFile:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is too large (1 MB at most). Please split "
                                          "it into smaller files."))
        return upload


def parse_learner_ids(values: list[str]) -> list[int] | None:
    """Learner ids from checkboxes; None when any of them is not an id at all."""
    ids = []
    for value in values:
        if not (value.isascii() and value.isdecimal() and len(value) < 20
                and 0 < int(value) <= MAX_ID):
            return None
        ids.append(int(value))
    return ids
