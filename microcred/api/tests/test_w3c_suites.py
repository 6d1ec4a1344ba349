"""The official W3C test suites judge our verifier through its VC API endpoints.

The suites (vendored under interop/w3c, see each SOURCE.md) run with mocha against the Django
server under test. Credentials they need issued come from an independent issuer, the Digital
Bazaar reference stack (interop/w3c/issuer.mjs), never from our own issuer. Every failing test
must be listed as not applicable, with its reason, in docs/w3c-test-suites.md.
"""

import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
W3C_DIR = ROOT / "interop" / "w3c"
NOT_APPLICABLE_DOC = ROOT / "docs" / "w3c-test-suites.md"
MOCHA = W3C_DIR / "node_modules" / "mocha" / "bin" / "mocha.js"
SUITE_TIMEOUT_SECONDS = 180

# The suites' verifier tests, by file. The others in each suite test issuers, not verifiers.
SUITES = {
    "vc-data-model-2.0-test-suite": ["tests/"],
    "vc-di-eddsa-test-suite": ["tests/15-di-rdfc-verify.js", "tests/30-rdfc-interop.js"],
    "vc-bitstring-status-list-test-suite": ["tests/20-algorithms.js", "tests/30-interop.js"],
}

pytestmark = [
    pytest.mark.transactional,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(shutil.which("node") is None and not os.environ.get("CI"),
                       reason="Node.js is not installed"),
]


def not_applicable() -> dict[str, set[str]]:
    """Suite name -> full titles of tests the doc's table declares not applicable."""
    listed: dict[str, set[str]] = {suite: set() for suite in SUITES}
    row = re.compile(r"^\|\s*`(?P<suite>[^`]+)`\s*\|\s*(?P<title>.+?)\s*\|\s*(?P<reason>.+?)\s*\|$")
    for line in NOT_APPLICABLE_DOC.read_text(encoding="utf-8").splitlines():
        match = row.match(line.strip())
        if match and match["suite"] in listed:
            assert match["reason"].strip(), f"no reason given for {match['title']}"
            listed[match["suite"]].add(match["title"].replace("\\|", "|"))
    return listed


@pytest.fixture(scope="module")
def independent_issuer() -> Iterator[dict[str, str]]:
    if not MOCHA.is_file():
        pytest.fail("run `make js-deps` (npm ci --prefix interop/w3c) for the W3C test suites")
    process = subprocess.Popen(["node", str(W3C_DIR / "issuer.mjs")], cwd=W3C_DIR,
                               stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        ready = process.stdout.readline()
        if not ready:
            pytest.fail("the independent issuer (interop/w3c/issuer.mjs) did not start")
        yield json.loads(ready)
    finally:
        process.terminate()
        process.wait(timeout=10)


def run_suite(suite: str, *, verifier_url: str, issuer: dict[str, str],
              report: Path) -> list[dict]:
    """Run one suite's verifier tests; the mocha JSON report's failures."""
    env = {**os.environ, "MICROCRED_URL": verifier_url, "ISSUER_URL": issuer["url"],
           "ISSUER_DID": issuer["did"], "APP_ROOT_PATH": str(W3C_DIR)}
    run = subprocess.run(
        ["node", str(MOCHA), "--preserve-symlinks", "--timeout", "15000", "--reporter", "json",
         "--reporter-option", f"output={report}", *SUITES[suite]],
        cwd=W3C_DIR / suite, env=env, capture_output=True, text=True,
        timeout=SUITE_TIMEOUT_SECONDS, check=False)
    if not report.is_file():
        pytest.fail(f"{suite} did not run:\n{run.stderr[-3000:]}")
    results = json.loads(report.read_text(encoding="utf-8"))
    assert results["stats"]["tests"] > 0, f"{suite} ran no test"
    return results["failures"]


@pytest.mark.parametrize("suite", list(SUITES))
def test_the_w3c_suite_passes_against_our_verifier(suite, live_server, settings,
                                                    independent_issuer, tmp_path):
    # The independent issuer serves its status list on 127.0.0.1, which the verifier may fetch
    # only because this test names it.
    settings.VERIFIER_ALLOWED_PRIVATE_ORIGINS = [independent_issuer["url"]]
    # The suites send a few hundred requests from one address within a minute.
    settings.VERIFY_RATE_LIMIT_PER_MINUTE = 100_000
    verifier_url = live_server.url.replace("//localhost:", "//127.0.0.1:")  # Node tries ::1 first
    failures = run_suite(suite, verifier_url=verifier_url, issuer=independent_issuer,
                         report=tmp_path / "report.json")
    unexpected = [f"{failure['fullTitle']}\n    {failure['err'].get('message', '')[:300]}"
                  for failure in failures
                  if failure["fullTitle"] not in not_applicable()[suite]]
    assert not unexpected, (f"{len(unexpected)} test(s) of {suite} failed:\n"
                            + "\n".join(unexpected))
