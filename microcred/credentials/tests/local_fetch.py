"""Resolve this platform's own DID document and status lists through its real HTTP views."""

from typing import Any

from django.test import Client


def fetch_json(url: str) -> Any:
    path = "/" + url.split("://", 1)[1].split("/", 1)[1]
    response = Client().get(path)
    if response.status_code != 200:
        raise LookupError(f"{url}: HTTP {response.status_code}")
    return response.json()
