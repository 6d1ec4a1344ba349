"""The UI ships complete in every configured language.

The catalogues are regenerated from the current source in a scratch copy, exactly as
`make messages` does, so a string added to a template or a view without a translation in
every language fails here.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[1]
LANGUAGES = [code for code, _name in settings.LANGUAGES if code != "en"]
MAKEFILE_FLAGS = re.search(r"^MESSAGE_FLAGS := (.+)$", (ROOT / "Makefile").read_text(), re.M)


def _entries(po_text: str) -> list[tuple[str, list[str], bool]]:
    """(msgid, msgstr values, is_fuzzy) for each entry except the header."""
    entries = []
    for block in po_text.split("\n\n"):
        lines = [line for line in block.splitlines() if not line.startswith("#~")]
        if not any(line.startswith("msgid ") for line in lines):
            continue
        fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in lines)
        fields: dict[str, str] = {}
        current = None
        for line in lines:
            match = re.match(r'^(msgid|msgid_plural|msgstr(?:\[\d\])?) "(.*)"$', line)
            if match:
                current = match.group(1)
                fields[current] = match.group(2)
            elif line.startswith('"') and current:
                fields[current] += line[1:-1]
        if fields.get("msgid"):
            entries.append(
                (fields["msgid"], [v for k, v in fields.items() if k.startswith("msgstr")], fuzzy)
            )
    return entries


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory) -> Path:
    scratch = tmp_path_factory.mktemp("i18n")
    shutil.copytree(
        ROOT / "microcred",
        scratch / "microcred",
        ignore=shutil.ignore_patterns("__pycache__", "*.mo"),
    )
    (scratch / "i18n_settings.py").write_text(
        "from microcred.settings import *  # noqa\n"
        f"LOCALE_PATHS = [{str(scratch / 'microcred' / 'locale')!r}]\n"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "i18n_settings",
        "PYTHONPATH": f"{scratch}{os.pathsep}{ROOT}",
    }
    flags = [flag.strip('"') for flag in MAKEFILE_FLAGS.group(1).split()]
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", *flags],
        cwd=scratch / "microcred",
        env=env,
        check=True,
        capture_output=True,
        timeout=300,
    )
    return scratch / "microcred" / "locale"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_interface_string_is_translated(regenerated, language):
    po = (regenerated / language / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    entries = _entries(po)
    assert len(entries) > 100
    missing = [msgid for msgid, values, fuzzy in entries if fuzzy or not all(values)]
    assert missing == [], f"{language}: {len(missing)} strings need translating, e.g. {missing[:5]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogues_match_their_sources(language, tmp_path):
    po = ROOT / "microcred" / "locale" / language / "LC_MESSAGES" / "django.po"
    compiled = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check-format", "-o", str(compiled), str(po)], check=True)
    committed = po.with_suffix(".mo").read_bytes()
    assert compiled.read_bytes() == committed, f"run `make messages` and commit {language}"
