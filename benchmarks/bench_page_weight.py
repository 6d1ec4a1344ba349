"""What a learner's phone downloads: compressed weight of the course pages on first load, and of
one module saved for offline (issue #18; budgets: lesson page under 30 KB, saved module of five
lessons under 300 KB).

Run: .venv/bin/python benchmarks/bench_page_weight.py   (SQLite in a temporary file)

HTML is measured as the server sends it (gzip from the view); CSS, scripts and images as
WhiteNoise sends them in production (gzip level 9, precompressed by collectstatic's
CompressedManifestStaticFilesStorage; no brotli installed).
"""

import gzip
import os
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
LANGUAGES = ("en", "el", "pt")
STATIC = re.compile(r'<(?:link|script)[^>]+(?:href|src)="(/static/[^"]+)"')


def _static_size(url: str, *, compressed: bool = True) -> int:
    from django.contrib.staticfiles import finders

    data = Path(finders.find(url.removeprefix("/static/"))).read_bytes()
    return len(gzip.compress(data, compresslevel=9)) if compressed else len(data)


def _sent_size(client, url: str, **headers: str) -> tuple[int, str]:
    """Bytes on the wire for a page and its text (decompressed)."""
    if url.startswith("/static/"):
        return _static_size(url), ""
    response = client.get(url, headers={"Accept-Encoding": "gzip", **headers})
    assert response.status_code == 200, (url, response.status_code)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Encoding") == "gzip":
        return len(body), gzip.decompress(body).decode()
    return len(gzip.compress(body, compresslevel=9)), ""  # an image: as a proxy would send it


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "microcred.settings")
        os.environ["MICROCRED_VAR_DIR"] = scratch
        import django

        django.setup()
        from django.core.management import call_command
        from django.test import Client
        from django.urls import reverse

        from microcred.accounts.models import User
        from microcred.demo.data import load_course
        from microcred.learning.models import LearnerProfile

        call_command("migrate", verbosity=0)
        load_course()
        learner = User.objects.create_user(email="weight@example.org", full_name="Page Weight")
        LearnerProfile.objects.create(user=learner, onboarding_skipped_at="2026-01-01T00:00Z")
        client = Client()
        client.force_login(learner)
        lesson = reverse("learning:lesson", args=["M01", "01-devices-systems-and-apps"])
        pages = {"course catalogue": reverse("learning:course"),
                 "module page (M01)": reverse("learning:module", args=["M01"]),
                 "lesson page (M01, lesson 1)": lesson}

        print("| page, first load (HTML + CSS + scripts), compressed | "
              + " | ".join(LANGUAGES) + " |")
        print("| --- |" + " ---: |" * len(LANGUAGES))
        for name, url in pages.items():
            row = []
            for language in LANGUAGES:
                client.cookies["django_language"] = language
                html_bytes, html = _sent_size(client, url)
                files = set(STATIC.findall(html))
                total = html_bytes + sum(_static_size(u) for u in files)
                raw = len(html.encode()) + sum(_static_size(u, compressed=False) for u in files)
                row.append(f"{total / 1000:.1f} KB (HTML {html_bytes / 1000:.1f}; "
                           f"uncompressed {raw / 1000:.1f})")
            print(f"| {name} | " + " | ".join(row) + " |")

        print()
        print("| module M01 saved for offline (5 lessons) | " + " | ".join(LANGUAGES) + " |")
        print("| --- |" + " ---: |" * len(LANGUAGES))
        row = []
        for language in LANGUAGES:
            client.cookies["django_language"] = language
            manifest_url = reverse("learning:offline_manifest", args=["M01"])
            manifest = client.get(manifest_url).json()
            total = sum(_sent_size(client, url, **{"X-Microcred-Offline": "save"})[0]
                        for url in [manifest_url, *manifest["urls"]])
            row.append(f"{total / 1000:.1f} KB ({len(manifest['urls'])} files)")
        print("| total | " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
