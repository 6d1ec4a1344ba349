"""SD-JWT (RFC 9901): the RFC's own Disclosure and digest examples, then issue, present and
verify round trips, and the tampering a verifier must refuse."""

from __future__ import annotations

import json

import pytest
from joserfc.jwk import ECKey, OKPKey

from vckit import sdjwt
from vckit.sdjwt import Disclosable, Disclosure, SdJwtError

NOW = 1_800_000_000


# RFC 9901 section 4.2.1: the Disclosure for family_name "Möbius" with the RFC's salt.
def test_a_disclosure_is_encoded_as_the_rfc_example_shows() -> None:
    disclosure = Disclosure.make("family_name", "Möbius", salt="_26bc4LT-ac6q2KI6cBW5es")
    assert disclosure.encoded == (
        "WyJfMjZiYzRMVC1hYzZxMktJNmNCVzVlcyIsICJmYW1pbHlfbmFtZSIsICJNw7ZiaXVzIl0"
    )


# RFC 9901 section 4.2.2: an array element, ["lklxF5jMYlGTPUovMNIvCA", "FR"].
def test_an_array_element_disclosure_is_encoded_as_the_rfc_example_shows() -> None:
    disclosure = Disclosure.make(None, "FR", salt="lklxF5jMYlGTPUovMNIvCA")
    assert disclosure.encoded == "WyJsa2x4RjVqTVlsR1RQVW92TU5JdkNBIiwgIkZSIl0"


# RFC 9901 section 4.2.3: the digests of the two example Disclosures.
@pytest.mark.parametrize(
    ("encoded", "expected"),
    [
        (
            "WyI2cU1RdlJMNWhhaiIsICJmYW1pbHlfbmFtZSIsICJNw7ZiaXVzIl0",
            "uutlBuYeMDyjLLTpf6Jxi7yNkEF35jdyWMn9U7b_RYY",
        ),
        (
            "WyJsa2x4RjVqTVlsR1RQVW92TU5JdkNBIiwgIkZSIl0",
            "w0I8EKcdCtUPkGCNUrfwVp2xEgNjtoIDlOxc9-PlOhs",
        ),
    ],
)
def test_disclosure_digests_match_the_rfc_examples(encoded: str, expected: str) -> None:
    assert Disclosure.parse(encoded).digest == expected


def test_another_json_serialisation_of_a_disclosure_is_read_and_hashed_as_sent() -> None:
    # Section 4.2.1: "...the same Disclosure may be represented differently"; a verifier
    # hashes the string it received, so a compact serialisation verifies as well.
    compact = sdjwt.b64url(json.dumps(["salt", "name", "Möbius"], separators=(",", ":")).encode())
    disclosure = Disclosure.parse(compact)
    assert (disclosure.name, disclosure.value) == ("name", "Möbius")
    assert disclosure.digest == sdjwt.digest(compact)


def _issuer() -> ECKey:
    return ECKey.generate_key("P-256")


def _claims(holder: ECKey | OKPKey) -> dict:
    return {
        "iss": "https://issuer.example",
        "iat": NOW - 10,
        "exp": NOW + 3600,
        "given_name": Disclosable("Erika"),
        "nationalities": [Disclosable("DE"), "FR"],
        "address": Disclosable({"locality": Disclosable("Berlin"), "country": "DE"}),
        "cnf": {"jwk": holder.as_dict(private=False)},
    }


def test_an_issued_sd_jwt_hides_what_is_disclosable_and_verifies_with_every_disclosure() -> None:
    issuer, holder = _issuer(), ECKey.generate_key("P-256")
    token = sdjwt.issue(
        _claims(holder), key=issuer, header={"alg": "ES256", "typ": "dc+sd-jwt"}, decoys=2
    )
    issuer_jwt = token.split("~")[0]
    assert "Erika" not in issuer_jwt
    assert "Berlin" not in issuer_jwt
    verified = sdjwt.verify(token, issuer_key=issuer, now=NOW)
    assert verified.claims["given_name"] == "Erika"
    assert verified.claims["nationalities"] == ["DE", "FR"]
    assert verified.claims["address"] == {"locality": "Berlin", "country": "DE"}
    assert "_sd" not in verified.claims
    assert "_sd_alg" not in verified.claims
    assert verified.header["typ"] == "dc+sd-jwt"


def test_a_presentation_discloses_only_what_the_holder_keeps_and_binds_to_its_key() -> None:
    issuer, holder = _issuer(), OKPKey.generate_key("Ed25519")
    token = sdjwt.issue(_claims(holder), key=issuer, header={"alg": "ES256"})
    shown = sdjwt.present(
        token,
        keep=lambda d: d.name == "given_name",
        holder_key=holder,
        audience="https://verifier.example",
        nonce="n-0S6",
        issued_at=NOW,
    )
    verified = sdjwt.verify(
        shown,
        issuer_key=issuer,
        require_key_binding=True,
        audience="https://verifier.example",
        nonce="n-0S6",
        now=NOW,
    )
    assert verified.claims["given_name"] == "Erika"
    assert "address" not in verified.claims
    assert verified.claims["nationalities"] == ["FR"]
    assert verified.key_binding is not None
    assert verified.key_binding["nonce"] == "n-0S6"


@pytest.mark.parametrize(
    "problem",
    [
        "wrong nonce",
        "wrong audience",
        "other holder key",
        "disclosure added after signing",
        "stale",
    ],
)
def test_a_key_binding_jwt_that_does_not_fit_is_refused(problem: str) -> None:
    issuer, holder = _issuer(), ECKey.generate_key("P-256")
    token = sdjwt.issue(_claims(holder), key=issuer, header={"alg": "ES256"})
    signer = ECKey.generate_key("P-256") if problem == "other holder key" else holder
    shown = sdjwt.present(
        token,
        keep=lambda d: d.name == "given_name",
        holder_key=signer,
        audience="https://verifier.example",
        nonce="n-1",
        issued_at=NOW - 3600 if problem == "stale" else NOW,
    )
    if problem == "disclosure added after signing":
        first, *rest = shown.split("~")
        extra = next(d for d in token.split("~")[1:] if d and d not in rest)
        shown = "~".join([first, extra, *rest])
    with pytest.raises(SdJwtError):
        sdjwt.verify(
            shown,
            issuer_key=issuer,
            require_key_binding=True,
            audience="https://other.example"
            if problem == "wrong audience"
            else "https://verifier.example",
            nonce="n-2" if problem == "wrong nonce" else "n-1",
            now=NOW,
        )


def test_a_missing_key_binding_is_refused_when_required() -> None:
    issuer, holder = _issuer(), ECKey.generate_key("P-256")
    token = sdjwt.issue(_claims(holder), key=issuer, header={"alg": "ES256"})
    with pytest.raises(SdJwtError, match="required"):
        sdjwt.verify(token, issuer_key=issuer, require_key_binding=True, now=NOW)


def test_a_forged_disclosure_or_signature_is_refused() -> None:
    issuer, holder = _issuer(), ECKey.generate_key("P-256")
    token = sdjwt.issue(_claims(holder), key=issuer, header={"alg": "ES256"})
    forged = Disclosure.make("given_name", "Mallory").encoded
    with pytest.raises(SdJwtError, match="not referenced"):
        sdjwt.verify(token + forged + "~", issuer_key=issuer, now=NOW)
    with pytest.raises(SdJwtError, match="signature"):
        sdjwt.verify(token, issuer_key=_issuer(), now=NOW)
    first = token.split("~")[1]
    with pytest.raises(SdJwtError, match="twice"):
        sdjwt.verify(token + first + "~", issuer_key=issuer, now=NOW)


def test_an_expired_sd_jwt_is_refused() -> None:
    issuer, holder = _issuer(), ECKey.generate_key("P-256")
    token = sdjwt.issue(_claims(holder), key=issuer, header={"alg": "ES256"})
    with pytest.raises(SdJwtError, match="expired"):
        sdjwt.verify(token, issuer_key=issuer, now=NOW + 7200)


def test_reserved_claim_names_cannot_be_concealed() -> None:
    with pytest.raises(ValueError, match="reserved"):
        sdjwt.conceal({"_sd": Disclosable("x")})
