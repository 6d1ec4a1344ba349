from functools import cache, cached_property
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, Group, PermissionsMixin
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import DEFAULT_DB_ALIAS, connection, connections, models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from microcred.accounts.countries import COUNTRY_CHOICES
from microcred.accounts.roles import STAFF_ROLES, Role
from microcred.core.sql import columns_of, instances


class PartnerOrganisation(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    legal_name = models.CharField(
        _("legal name"), max_length=300, blank=True, help_text=_("As registered, if different.")
    )
    legal_identifier = models.CharField(
        _("legal identifier"),
        max_length=100,
        blank=True,
        help_text=_("VAT, company register or eIDAS identifier; printed on credentials."),
    )
    country = models.CharField(_("country"), max_length=2, choices=COUNTRY_CHOICES)
    city = models.CharField(_("city"), max_length=100, blank=True)
    default_language = models.CharField(
        _("default language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    website = models.URLField(_("website"), blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    logo = models.ImageField(
        _("logo"),
        upload_to="partners/",
        blank=True,
        validators=[FileExtensionValidator(["png", "jpg", "jpeg", "webp"])],
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")

    def __str__(self) -> str:
        return self.name


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields: object) -> "User":
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields: object) -> "User":
        fields.setdefault("is_staff", True)
        fields.setdefault("is_superuser", True)
        return self.create_user(email, password, **fields)

    def get(self, *args: Any, **kwargs: Any) -> "User":
        """`get(pk=...)` loads the user with their roles in one statement.

        Django's authentication loads the session's user this way on every logged-in request,
        and nearly every page then asks for the roles (menus, the MFA rule): two ORM queries
        whose building cost more than running them (issue #19). Any other lookup, and the
        historical models of migrations, take the ORM's way."""
        if args or set(kwargs) != {"pk"} or self.model is not User or self._db is not None:
            return super().get(*args, **kwargs)
        try:
            pk = User._meta.pk.to_python(kwargs["pk"])
        except ValidationError:
            return super().get(*args, **kwargs)  # the ORM's own error for a malformed key
        rows = instances(User, _user_with_group_names_sql(), [pk])
        if not rows:
            raise User.DoesNotExist("User matching query does not exist.")
        user = rows[0][0]
        user.__dict__["roles"] = user.roles_named(
            [group_name for _, (group_name,) in rows if group_name]
        )
        return user


class User(AbstractBaseUser, PermissionsMixin):
    """A person who uses the platform: learners and staff alike log in with their e-mail."""

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(
        _("full name"),
        max_length=200,
        blank=True,
        help_text=_("As it should appear on your certificates."),
    )
    partner = models.ForeignKey(
        PartnerOrganisation,
        verbose_name=_("partner organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
    )
    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("can use the administration site"),
        default=False,
        help_text=_("Only platform administrators need this."),
    )
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    # Set when we e-mail "your account will be deleted because you have not used it"; cleared
    # when the person comes back (microcred/accounts/services_retention.py).
    inactivity_warning_sent_at = models.DateTimeField(
        _("warned about deletion for inactivity"), null=True, blank=True, editable=False
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        ordering = ["email"]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.email

    def save(self, *args: object, **kwargs: object) -> None:
        # Addresses are compared case-insensitively everywhere, so store them lower-cased.
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @cached_property
    def roles(self) -> frozenset[str]:
        return self.roles_named(_group_names(self.pk, self._state.db or DEFAULT_DB_ALIAS))

    def roles_named(self, group_names: list[str]) -> frozenset[str]:
        """The roles that membership of `group_names` and the superuser flag give."""
        names = set(group_names)
        if self.is_superuser:
            names.add(Role.ADMIN)
        return frozenset(name for name in names if name in Role.values)

    def has_role(self, role: Role) -> bool:
        return role in self.roles

    @property
    def is_staff_member(self) -> bool:
        """Anyone who acts on other people's data or on content: they must use MFA."""
        return bool(self.roles & STAFF_ROLES) or self.is_staff


def _group_names(user_id: int, database: str) -> list[str]:
    """The names of the user's groups (for users not loaded by `UserManager.get(pk=)`)."""
    with connections[database].cursor() as cursor:
        cursor.execute(_group_names_sql(), [user_id])
        return [name for (name,) in cursor.fetchall()]


@cache
def _group_names_sql() -> str:
    # Written once, not built by the ORM on each call: decision 0030.
    quote = connection.ops.quote_name
    return (
        f"SELECT g.{quote('name')} FROM {quote(Group._meta.db_table)} g "  # noqa: S608 - names from the models
        f"JOIN {quote(User.groups.through._meta.db_table)} m ON m.group_id = g.id "
        "WHERE m.user_id = %s"
    )


@cache
def _user_with_group_names_sql() -> str:
    """A user's row once per group they are in (once when in none), with the group's name
    (decision 0030)."""
    quote = connection.ops.quote_name
    return (
        f"SELECT {columns_of(User, 'u')}, g.{quote('name')} FROM {quote(User._meta.db_table)} u "  # noqa: S608 - names from the models
        f"LEFT JOIN {quote(User.groups.through._meta.db_table)} m ON m.user_id = u.id "
        f"LEFT JOIN {quote(Group._meta.db_table)} g ON g.id = m.group_id "
        "WHERE u.id = %s"
    )


class ConsentRecord(models.Model):
    """A learner's consent, with the exact text version they saw: an audit record."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="consents")
    version = models.CharField(_("version of the text"), max_length=20)
    given_at = models.DateTimeField(_("given at"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        ordering = ["-given_at"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")

    def __str__(self) -> str:
        return f"{self.user} {self.version}"


class PersonalDataAccess(models.Model):
    """One look by a staff member at learners' personal data: a page, an export, a search.

    Kept apart from the learners it names (plain ids, no foreign keys) so that the record of who
    looked survives the learner's account deletion without keeping anything that identifies them.
    """

    actor = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("staff member")
    )
    actor_email = models.EmailField(_("staff e-mail"))
    learner_ids = models.JSONField(_("learners"), default=list)
    learner_count = models.PositiveIntegerField(_("number of learners"), default=0)
    purpose = models.CharField(_("what was seen"), max_length=60)
    path = models.CharField(_("address"), max_length=500)
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("access to personal data")
        verbose_name_plural = _("accesses to personal data")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_email} {self.purpose}"


class DeletionReason(models.TextChoices):
    SELF = "self", _("The person deleted their own account")
    INACTIVE = "inactive", _("Not used for the retention period")
    UNVERIFIED = "unverified", _("Sign-up never confirmed")
    ADMIN = "admin", _("Deleted by a platform administrator")


class AccountDeletion(models.Model):
    """That an account was deleted, when and why: an audit entry holding no personal data.

    No id, name or e-mail of the person: only counts of what was kept for others' sake (signed
    credentials stay verifiable, finished tests stay for item statistics without a name).
    """

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    reason = models.CharField(_("why"), max_length=20, choices=DeletionReason.choices)
    credentials_kept = models.PositiveIntegerField(_("credentials kept verifiable"), default=0)
    details = models.JSONField(_("what was done"), default=dict)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("deleted account")
        verbose_name_plural = _("deleted accounts")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.reason}"
