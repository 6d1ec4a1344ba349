"""Sign / verify throughput of vckit against the JavaScript reference, same machine, same run.

    .venv/bin/python benchmarks/bench_vckit.py [--count 300] [--runs 3] [--output PATH]

Needs ``npm ci --prefix interop/js``. Both sides sign and verify the same OB 3.0 micro-credential
(``vckit.tests.samples``, ~8 KB) with the same Ed25519 key, did:web document and bundled contexts;
each run handles ``count`` credentials with distinct ids; the median of ``runs`` is reported.
Before timing, it checks that both sides produce the very same proofValue (byte-identical
canonical N-Quads) and that vckit reproduces the W3C eddsa-rdfc-2022 test vector.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from vckit import did, proof, status_list  # noqa: E402
from vckit.multibase import ed25519_secret_from_multikey, ed25519_secret_multikey  # noqa: E402
from vckit.tests import samples  # noqa: E402
from vckit.verify import verify  # noqa: E402

JS_DIR = ROOT / "interop" / "js"
NOW = samples.VALID_FROM + timedelta(days=7)


def _credentials(count: int) -> list[dict[str, Any]]:
    return [samples.credential(number) for number in range(count)]


def _rate(count: int, seconds: float) -> float:
    return count / seconds


def _status_list(key: Any) -> Callable[[str], dict[str, Any]]:
    """The issuer's signed status list, served from memory as the platform serves its own."""
    unsigned = status_list.build_credential(
        list_url=samples.STATUS_LIST_URL,
        issuer=samples.ISSUER_DID,
        bitstring=status_list.new_bitstring(),
        valid_from=samples.VALID_FROM,
    )
    signed = proof.sign(unsigned, key, samples.VALID_FROM)
    return lambda url: signed


def _vckit_run(credentials: list[dict[str, Any]], key: Any, resolver: Any) -> dict[str, float]:
    start = time.perf_counter()
    signed = [proof.sign(credential, key, samples.VALID_FROM) for credential in credentials]
    sign_rate = _rate(len(credentials), time.perf_counter() - start)

    # Rows 2 and 3 do not check the status list (reported as could not check).
    start = time.perf_counter()
    for credential in signed:
        result = verify(credential, resolve_did=resolver, now=NOW, check_schema=False)
        assert {"proof", "issuer"} <= set(result.checks), result.errors
    verify_rate = _rate(len(signed), time.perf_counter() - start)

    start = time.perf_counter()
    for credential in signed:
        result = verify(credential, resolve_did=resolver, now=NOW)
        assert {"proof", "issuer", "schema"} <= set(result.checks), result.errors
    full_rate = _rate(len(signed), time.perf_counter() - start)

    fetch = _status_list(key)
    start = time.perf_counter()
    for credential in signed:
        assert verify(credential, resolve_did=resolver, fetch_status_list=fetch, now=NOW).verified
    status_rate = _rate(len(signed), time.perf_counter() - start)
    return {
        "sign": sign_rate,
        "verify": verify_rate,
        "verify_full": full_rate,
        "verify_status": status_rate,
    }


def _node(script: str, payload: dict[str, Any]) -> Any:
    result = subprocess.run(
        ["node", str(JS_DIR / script)],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def _check_identical(key: Any, js_key: dict[str, str], documents: list[Any]) -> None:
    unsigned = samples.credential(10_000)
    (js_signed,) = _node(
        "sign.mjs",
        {
            "key": js_key,
            "documents": documents,
            "credentials": [unsigned],
            "created": "2026-11-24T10:00:00Z",
        },
    )
    ours = proof.sign(unsigned, key, samples.VALID_FROM)
    if js_signed["proof"]["proofValue"] != ours["proof"][0]["proofValue"]:
        raise SystemExit("vckit and the JS reference disagree on the signature: not comparable")
    vectors = ROOT / "vckit" / "tests" / "vectors" / "vc-di-eddsa"
    pair = json.loads((vectors / "keyPair.json").read_text())
    w3c_key = did.issuer_key(ed25519_secret_from_multikey(pair["privateKeyMultibase"]))
    expected = json.loads((vectors / "signedDataInt.json").read_text())["proof"]
    created = samples.VALID_FROM.replace(year=2023, month=2, day=24, hour=23, minute=36, second=38)
    signed = proof.sign(json.loads((vectors / "unsigned.json").read_text()), w3c_key, created)
    if signed["proof"] != [expected]:
        raise SystemExit("vckit does not reproduce the W3C eddsa-rdfc-2022 vector")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=300, help="credentials per run")
    parser.add_argument("--runs", type=int, default=3, help="runs; the median is reported")
    parser.add_argument(
        "--output", type=Path, default=None, help="also write the report to this file"
    )
    args = parser.parse_args()
    if not (JS_DIR / "node_modules").is_dir():
        raise SystemExit("Run `npm ci --prefix interop/js` first.")

    key = samples.key_from_label("benchmark")
    document = did.did_document(samples.ISSUER_DID, [key])
    resolver = did.Resolver(fetch=lambda url: document)
    js_key = {
        "id": key.verification_method,
        "controller": key.controller,
        "publicKeyMultibase": key.public_key_multibase,
        "secretKeyMultibase": ed25519_secret_multikey(bytes(key.private_key)),
    }
    _check_identical(key, js_key, [document])

    credentials = _credentials(args.count)
    size = len(json.dumps(proof.sign(credentials[0], key, samples.VALID_FROM)).encode())
    _vckit_run(credentials[:20], key, resolver)  # warm-up: context caches
    runs = [_vckit_run(credentials, key, resolver) for _ in range(args.runs)]
    vckit = {name: statistics.median(run[name] for run in runs) for name in runs[0]}

    js_runs = _node(
        "bench.mjs",
        {
            "key": js_key,
            "documents": [document],
            "credentials": [credentials[0]],
            "created": "2026-11-24T10:00:00Z",
            "now": NOW.isoformat().replace("+00:00", "Z"),
            "count": args.count,
            "runs": args.runs,
        },
    )
    js = {name: statistics.median(js_runs[name]) for name in ("sign", "verify")}

    node_version = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout
    command = "python benchmarks/bench_vckit.py " + shlex.join(sys.argv[1:])
    rows = [
        ("sign (eddsa-rdfc-2022)", vckit["sign"], js["sign"]),
        ("verify: proof + issuer key + dates", vckit["verify"], js["verify"]),
        ("verify: the above + OB 3.0 JSON schema", vckit["verify_full"], js["verify"]),
        (
            "verify: the above + status list (signed list in memory)",
            vckit["verify_status"],
            js["verify"],
        ),
    ]
    lines = [
        "# vckit throughput vs the JavaScript reference",
        "",
        f"Command: `{command.strip()}` ({args.count} credentials per run, median of "
        f"{args.runs} runs; credential {size} bytes signed).",
        f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}, Node {node_version.strip()}; one run of this script.",
        "JS reference: @digitalbazaar/vc + data-integrity + eddsa-rdfc-2022-cryptosuite "
        "(interop/js/bench.mjs, `vc.issue` / `vc.verifyCredential`, process start excluded).",
        "Both sides produced the same proofValue for the same credential and key, and vckit "
        "reproduced the W3C eddsa-rdfc-2022 test vector, before timing.",
        "",
        "| operation | vckit (credentials/s) | JS reference (credentials/s) | vckit / JS |",
        "| --- | ---: | ---: | ---: |",
    ]
    lines += [
        f"| {name} | {ours:.0f} | {theirs:.0f} | {ours / theirs:.1f}x |"
        for name, ours, theirs in rows
    ]
    lines += [
        "",
        "The JS `verifyCredential` checks the proof, that the key belongs to the issuer and the "
        "dates; vckit's rows 3 and 4 add the OB 3.0 schema and the status list (fetched, its "
        "signature and issuer checked), which JS does not do.",
    ]
    report = "\n".join(lines) + "\n"
    print(report)
    if args.output:
        args.output.write_text(report, encoding="utf-8")


if __name__ == "__main__":
    main()
