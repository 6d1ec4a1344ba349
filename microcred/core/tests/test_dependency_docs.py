"""docs/dependencies.md names the versions the lock file pins, so operators read the truth."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_every_security_relevant_package_is_pinned_at_the_documented_version():
    locked = dict(
        re.findall(
            r"^([a-z0-9-]+)==([^\s\\]+)", (ROOT / "requirements.lock").read_text(), re.MULTILINE
        )
    )
    documented = re.findall(
        r"^\| ([a-z0-9-]+) \| ([0-9][^ ]*) \|",
        (ROOT / "docs" / "dependencies.md").read_text(),
        re.MULTILINE,
    )
    assert len(documented) >= 15
    assert {name: locked.get(name) for name, _version in documented} == dict(documented)
