"""Enrolling a partner's learners from a CSV file: all of them or none.

Every line is checked first (`check_import`); the import (`enrol_learners`) checks again inside
its transaction and creates nothing unless every line is right. Importing the same file twice
creates nobody twice: learners already in the organisation are reported as already enrolled
and left as they are.

Imported accounts have no password (learners log in with a code e-mailed to them) and their
address is NOT marked verified: the coordinator vouches for it, but a typo would then give a
stranger's address a verified account and, later, credentials. The first log-in by code proves
the address and allauth marks it verified then (docs/decisions/0008-coordinator-tools.md).
"""

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.conf import settings
from django.conf.locale import LANG_INFO
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import translation
from django.utils.translation import gettext as _

from microcred.accounts.models import PartnerOrganisation, User
from microcred.accounts.roles import Role
from microcred.accounts.selectors import list_learners
from microcred.coordination.csv_import import (
    COLUMNS,
    TEMPLATE_HEADINGS,
    LearnerRow,
    RowError,
    Vocabulary,
    parse_learners,
)
from microcred.coordination.tasks import send_welcome_email
from microcred.learning.models import EmploymentStatus, LearnerProfile
from microcred.review.models import Cohort, CohortMembership


class ImportInvalid(Exception):
    """The file has problems; nothing was imported. `errors` lists every one of them."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(_("Nothing was imported."))
        self.errors = errors


@dataclass(frozen=True)
class ImportCheck:
    partner: PartnerOrganisation
    new: list[LearnerRow]
    already_enrolled: list[User]
    errors: list[RowError]
    cohorts: dict[str, Cohort]  # lower-cased name -> cohort

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass(frozen=True)
class ImportResult:
    created: list[User]
    already_enrolled: list[User]
    welcome_emails: int


def import_vocabulary() -> Vocabulary:
    """What a file may say: language codes and names (English and the language's own),
    employment status codes and their labels, column names, in every language we offer."""
    languages: dict[str, str] = {}
    statuses: dict[str, str] = {}
    headers: dict[str, str] = {}
    for code, _name in settings.LANGUAGES:
        info = LANG_INFO.get(code, {})
        for spelling in (code, info.get("name", ""), info.get("name_local", "")):
            if spelling:
                languages[spelling.lower()] = code
    for status in EmploymentStatus:
        statuses[status.value] = status.value
        statuses[status.value.replace("_", " ")] = status.value
        statuses[status.value.replace("_", "-")] = status.value
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            for status in EmploymentStatus:
                statuses.setdefault(str(status.label).lower(), status.value)
            for column, heading in zip(COLUMNS, _translated_headings(), strict=True):
                headers.setdefault(heading.lower(), column)
    return Vocabulary(languages=languages, employment_statuses=statuses, headers=headers)


def _translated_headings() -> tuple[str, ...]:
    return (_("e-mail"), _("full name"), _("language"), _("employment status"), _("cohort"))


def template_headings() -> tuple[str, ...]:
    """The template's column names: always English, so a file works for every coordinator."""
    return TEMPLATE_HEADINGS


def cohorts_for(partner: PartnerOrganisation) -> list[Cohort]:
    """Cohorts a partner may enrol into: their own and the consortium-wide ones."""
    return list(Cohort.objects.filter(Q(partner=partner) | Q(partner__isnull=True))
                .order_by("name"))


def check_import(*, partner: PartnerOrganisation, data: bytes) -> ImportCheck:
    """Every problem in the file, including those only the database knows about."""
    parsed = parse_learners(data, vocabulary=import_vocabulary())
    errors = list(parsed.errors)
    rows = parsed.rows
    cohorts = {cohort.name.lower(): cohort for cohort in cohorts_for(partner)}
    owners = _existing_accounts({row.email for row in [*rows, *parsed.flagged] if row.email})
    ours = set(list_learners().filter(partner=partner, pk__in=[u.pk for u in owners.values()])
               .values_list("pk", flat=True))
    new: list[LearnerRow] = []
    already: list[User] = []
    flagged = {row.line for row in parsed.flagged}
    for row in [*rows, *parsed.flagged]:
        problems = []
        owner = owners.get(row.email)
        if owner is not None and owner.pk not in ours:
            problems.append(_account_elsewhere(owner, partner))
        if row.cohort and row.cohort.lower() not in cohorts:
            problems.append(_("there is no cohort named “%(value)s” for your organisation.")
                            % {"value": row.cohort})
        if problems:
            errors.extend(RowError(row.line, problem) for problem in problems)
        elif row.line in flagged:
            continue  # its other errors are already listed
        elif owner is not None:
            if owner not in already:  # the same person under two of their addresses
                already.append(owner)
        else:
            new.append(row)
    # Line by line, file-wide problems first; within a line, the file's order of checks.
    errors.sort(key=lambda error: (error.line or 0))
    return ImportCheck(partner=partner, new=new, already_enrolled=already, errors=errors,
                       cohorts=cohorts)


def _existing_accounts(emails: set[str]) -> dict[str, User]:
    """Accounts that already use one of `emails`, as their log-in or as a second address."""
    if not emails:
        return {}
    owners = {user.email: user for user in User.objects.filter(email__in=emails)}
    for address in (EmailAddress.objects.annotate(lower=Lower("email"))
                    .filter(lower__in=emails).select_related("user")):
        owners.setdefault(address.email.lower(), address.user)
    return owners


def _account_elsewhere(owner: User, partner: PartnerOrganisation) -> str:
    # Never say which organisation: that would tell one partner about another's learners.
    if owner.partner_id is not None and owner.partner_id != partner.pk:
        return _("an account with this e-mail address already exists at another partner "
                 "organisation. It cannot be enrolled here; please contact the platform team.")
    if owner.partner_id is None and not owner.is_staff_member:
        return _("an account with this e-mail address already exists but has not chosen an "
                 "organisation. The person can choose yours in “My account”.")
    return _("this e-mail address belongs to a staff account, not a learner.")


def may_enrol_into(user: User, partner: PartnerOrganisation) -> bool:
    """Coordinators enrol into their own organisation only; platform admins into any."""
    if user.has_role(Role.ADMIN):
        return True
    return user.has_role(Role.COORDINATOR) and user.partner_id == partner.pk


def enrol_learners(*, actor: User, partner: PartnerOrganisation, data: bytes,
                   send_welcome: bool = True) -> ImportResult:
    """Create every new learner of the file, or nobody (ImportInvalid lists the problems)."""
    if not may_enrol_into(actor, partner):
        raise PermissionDenied
    try:
        with transaction.atomic():
            check = check_import(partner=partner, data=data)
            if not check.ok:
                raise ImportInvalid(check.errors)
            created = [_create_learner(row=row, check=check) for row in check.new]
    except IntegrityError:
        # Someone created one of these accounts between our check and our insert.
        raise ImportInvalid([RowError(None, _(
            "The list of accounts changed while the file was being imported. Nothing was "
            "imported; please try again."))]) from None
    if send_welcome:
        for user in created:
            transaction.on_commit(lambda pk=user.pk: send_welcome_email.enqueue(pk))
    return ImportResult(created=created, already_enrolled=check.already_enrolled,
                        welcome_emails=len(created) if send_welcome else 0)


def _create_learner(*, row: LearnerRow, check: ImportCheck) -> User:
    user = User.objects.create_user(
        row.email,
        password=None,  # unusable: learners log in with a code sent by e-mail
        full_name=row.full_name,
        partner=check.partner,
        preferred_language=row.language or check.partner.default_language,
    )
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=False)
    LearnerProfile.objects.create(user=user, employment_status=row.employment_status)
    if row.cohort:
        CohortMembership.objects.create(cohort=check.cohorts[row.cohort.lower()], learner=user)
    return user
