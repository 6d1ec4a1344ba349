"""The full OpenID4VCI issuance flow per credential, offer to credential, through the HTTP stack.

For each of N issued credentials: make an offer (as the wallet page does), then do what a wallet
does over HTTP (Django's test client, in process, so the network is not measured): redeem the
pre-authorized code at the token endpoint, ask for a nonce, sign an ES256 key proof, fetch the
SD-JWT VC from the credential endpoint. Prints the median and 95th percentile of each step and
of the whole flow.

Run: .venv/bin/python benchmarks/bench_oid4vci.py [--credentials 100]   (SQLite in a temp file;
set DATABASE_URL to run it on PostgreSQL). Setup (accounts, passed tests, issuance) is not timed.
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
GRANT = "urn:ietf:params:oauth:grant-type:pre-authorized_code"


def _percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return f"median {statistics.median(ordered) * 1000:6.1f} ms, p95 {p95 * 1000:6.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--credentials", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "microcred.settings")
        os.environ["MICROCRED_VAR_DIR"] = scratch
        os.environ["OID4VCI_RATE_LIMIT_PER_MINUTE"] = "1000000"  # one client makes every call
        import django

        django.setup()
        from django.core.management import call_command
        from django.test import Client
        from django.utils import timezone
        from joserfc import jws
        from joserfc.jwk import ECKey

        from microcred.accounts.models import User
        from microcred.assessment import banks
        from microcred.assessment.draw import replay
        from microcred.assessment.grading import answer_key
        from microcred.assessment.services import start_attempt, submit_attempt
        from microcred.credentials import oid4vci, wallet_credential, wallet_keys
        from microcred.credentials.services import issue_for_attempt
        from microcred.curriculum.models import Module
        from microcred.demo.data import load_demo
        from microcred.learning.models import ModuleProgress

        call_command("migrate", verbosity=0)
        load_demo()
        wallet_keys.create_self_signed()
        module = Module.objects.get(code="M04")
        credentials = []
        for number in range(args.credentials):
            learner = User.objects.create_user(
                f"wallet{number}@example.org", full_name=f"Learner {number}"
            )
            ModuleProgress.objects.create(
                learner=learner,
                module=module,
                version=module.published_version,
                completed_at=timezone.now(),
            )
            attempt = start_attempt(learner=learner, module=module)
            bank = banks.parsed(attempt.bank)
            attempt.answers = answer_key(bank, replay(bank, attempt.form))
            attempt.save(update_fields=["answers"])
            credentials.append(issue_for_attempt(attempt_id=submit_attempt(attempt=attempt).pk))

        wallet = Client(HTTP_HOST="127.0.0.1")
        audience = wallet_credential.credential_issuer()
        steps: dict[str, list[float]] = {
            "offer": [],
            "token": [],
            "nonce": [],
            "proof + credential": [],
            "whole flow": [],
        }
        for credential in credentials:
            key = ECKey.generate_key("P-256")  # each wallet has its own key
            begin = time.perf_counter()
            offer = oid4vci.create_offer(credential=credential, actor=credential.learner)
            document = json.loads(parse_qs(urlsplit(offer.uri).query)["credential_offer"][0])
            code = document["grants"][GRANT]["pre-authorized_code"]
            after_offer = time.perf_counter()
            token = wallet.post(
                "/oid4vci/token", {"grant_type": GRANT, "pre-authorized_code": code}
            )
            after_token = time.perf_counter()
            nonce = wallet.post("/oid4vci/nonce").json()["c_nonce"]
            after_nonce = time.perf_counter()
            proof = jws.serialize_compact(
                {"typ": "openid4vci-proof+jwt", "alg": "ES256", "jwk": key.as_dict(private=False)},
                json.dumps({"aud": audience, "nonce": nonce, "iat": int(time.time())}).encode(),
                key,
            )
            response = wallet.post(
                "/oid4vci/credential",
                json.dumps(
                    {
                        "credential_configuration_id": "microcred_module_sd_jwt_vc",
                        "proofs": {"jwt": [proof]},
                    }
                ),
                content_type="application/json",
                HTTP_AUTHORIZATION=f"Bearer {token.json()['access_token']}",
            )
            end = time.perf_counter()
            assert response.status_code == 200, response.content
            for name, spent in (
                ("offer", after_offer - begin),
                ("token", after_token - after_offer),
                ("nonce", after_nonce - after_token),
                ("proof + credential", end - after_nonce),
                ("whole flow", end - begin),
            ):
                steps[name].append(spent)
        total = sum(steps["whole flow"])
        print(
            f"{args.credentials} credentials delivered to wallets, "
            f"{args.credentials / total:.1f} flows/s in one process"
        )
        for name, samples in steps.items():
            print(f"  {name:<20} {_percentiles(samples)}")


if __name__ == "__main__":
    main()
