"""Metadata wallets and verifiers read about our SD-JWT VCs: the SD-JWT VC Type Metadata served
at each ``vct`` URL, and the display and claim descriptions the OpenID4VCI issuer metadata
repeats. Every name and label is given in the seven languages of the platform.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from vckit import sdjwt_vc

KINDS = ("module", "course")
TYPE_VERSION = "v1"
BACKGROUND, TEXT = "#0b4f8a", "#ffffff"  # the site's primary colour, white text (contrast 8:1)

TYPE_NAMES = {
    "module": _("Digital skills micro-credential (module)"),
    "course": _("Digital skills micro-credential (full course)"),
}
TYPE_DESCRIPTIONS = {
    "module": _(
        "An EU micro-credential for one module of the course, with every element of "
        "Annex I of the Council Recommendation on micro-credentials."
    ),
    "course": _(
        "An EU micro-credential for the whole course, stacked from its module "
        "credentials, with every element of Annex I of the Council Recommendation."
    ),
}
ISSUER_NAME_SUFFIX = _("micro-credentials")

CLAIM_LABELS: dict[str, Promise] = {
    "name": _("Name of the learner"),
    "learner_identification": _("Identification of the learner (hashed e-mail)"),
    "achievement_title": _("Title of the micro-credential"),
    "achievement_description": _("Description"),
    "achievement_id": _("Identifier of the achievement"),
    "issuing_authority": _("Issuer"),
    "issuing_authority_id": _("Identifier of the issuer"),
    "issuing_authority_legal_identifier": _("Legal identifier of the issuer"),
    "issuing_country": _("Country of the issuer"),
    "issuing_region": _("Region of the issuer"),
    "awarding_bodies": _("Awarding bodies"),
    "date_of_issuance": _("Date of issuing"),
    "date_of_expiry": _("Valid until"),
    "learning_outcomes": _("Learning outcomes"),
    "digital_competences": _("DigComp competences and levels"),
    "expected_study_time": _("Notional workload"),
    "ects_credits": _("ECTS credits"),
    "level_of_learning_experience": _("EQF level"),
    "assessment_type": _("Type of assessment"),
    "form_of_participation": _("Form of participation"),
    "types_of_quality_assurance": _("Type of quality assurance"),
    "prerequisites_to_enroll": _("Prerequisites"),
    "evaluator_verification": _("Supervision and identity verification"),
    "assessment_grade": _("Grade achieved"),
    "assessment_pass_mark": _("Pass mark"),
    "integration_stackability_options": _("Stackable into a larger credential"),
    "is_part_of": _("Part of"),
    "stacked_credentials": _("Module credentials it stacks"),
    "further_information": _("Further information"),
    "language_of_classes": _("Language"),
    "language_of_assessment": _("Language of assessment"),
    "credential_id": _("Credential identifier (same as the Open Badges copy)"),
}
# Annex I's mandatory elements; the rest may be absent when they do not apply.
MANDATORY = {
    "name",
    "achievement_title",
    "issuing_authority",
    "issuing_country",
    "awarding_bodies",
    "date_of_issuance",
    "learning_outcomes",
    "expected_study_time",
    "assessment_type",
    "form_of_participation",
    "types_of_quality_assurance",
}


def languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def in_every_language(text: Promise, key: str = "name") -> list[dict]:
    """[{"locale": "en", key: ...}, ...]: the text in each of the platform's languages."""
    entries = []
    for code in languages():
        with translation.override(code):
            entries.append({"locale": code, key: str(text)})
    return entries


def configuration_id(kind: str) -> str:
    """The OpenID4VCI credential configuration of each kind (one per kind, issue #17)."""
    return f"microcred_{kind}_sd_jwt_vc"


def vct(kind: str) -> str:
    return settings.SITE_URL + reverse("credentials:sd_jwt_vc_type", args=[kind, TYPE_VERSION])


def claim_metadata(*, with_sd: bool) -> list[dict]:
    """One entry per claim: its path, whether it is mandatory, and its label in each language
    (SD-JWT VC Type Metadata "claims"; OpenID4VCI 1.0 appendix A.2.2 / B.2 "claims")."""
    entries = []
    for claim, label in CLAIM_LABELS.items():
        entry: dict = {"path": [claim], "display": in_every_language(label, "label")}
        if with_sd:
            entry["sd"] = "always" if claim in sdjwt_vc.SELECTIVELY_DISCLOSABLE else "never"
        else:
            entry["mandatory"] = claim in MANDATORY
        entries.append(entry)
    return entries


def display(kind: str) -> list[dict]:
    entries = []
    for code in languages():
        with translation.override(code):
            entries.append(
                {
                    "locale": code,
                    "name": str(TYPE_NAMES[kind]),
                    "description": str(TYPE_DESCRIPTIONS[kind]),
                    "background_color": BACKGROUND,
                    "text_color": TEXT,
                }
            )
    return entries


def type_metadata(kind: str) -> dict:
    """SD-JWT VC Type Metadata (draft-ietf-oauth-sd-jwt-vc, section 6) for `kind`."""
    return {
        "vct": vct(kind),
        "name": str(TYPE_NAMES[kind]),
        "description": str(TYPE_DESCRIPTIONS[kind]),
        "display": [
            {
                "locale": entry["locale"],
                "name": entry["name"],
                "description": entry["description"],
                "rendering": {"simple": {"background_color": BACKGROUND, "text_color": TEXT}},
            }
            for entry in display(kind)
        ],
        "claims": claim_metadata(with_sd=True),
    }


def _endpoint(name: str) -> str:
    return settings.SITE_URL + reverse(f"credentials:oid4vci_{name}")


def credential_issuer_metadata() -> dict:
    """Credential Issuer Metadata (OpenID4VCI 1.0 section 12.2.4). No ``authorization_servers``:
    the credential issuer is its own authorization server (pre-authorized code flow only)."""
    configurations = {}
    for kind in KINDS:
        configurations[configuration_id(kind)] = {
            "format": sdjwt_vc.FORMAT,
            "vct": vct(kind),
            "scope": f"microcred_{kind}",
            "cryptographic_binding_methods_supported": ["jwk"],
            "credential_signing_alg_values_supported": ["ES256"],
            "proof_types_supported": {
                "jwt": {"proof_signing_alg_values_supported": ["ES256", "EdDSA", "Ed25519"]}
            },
            "credential_metadata": {
                "display": display(kind),
                "claims": claim_metadata(with_sd=False),
            },
        }
    return {
        "credential_issuer": settings.SITE_URL,
        "credential_endpoint": _endpoint("credential"),
        "nonce_endpoint": _endpoint("nonce"),
        "display": [
            {"locale": entry["locale"], "name": f"{settings.CONSORTIUM_NAME}: {entry['name']}"}
            for entry in in_every_language(ISSUER_NAME_SUFFIX)
        ],
        "credential_configurations_supported": configurations,
    }


def authorization_server_metadata() -> dict:
    """OAuth 2.0 Authorization Server Metadata (RFC 8414) for the pre-authorized code grant
    (OpenID4VCI 1.0 section 12.3): a token endpoint only, no client authentication."""
    return {
        "issuer": settings.SITE_URL,
        "token_endpoint": _endpoint("token"),
        "grant_types_supported": ["urn:ietf:params:oauth:grant-type:pre-authorized_code"],
        "token_endpoint_auth_methods_supported": ["none"],
        "pre-authorized_grant_anonymous_access_supported": True,
        "response_types_supported": [],
    }
