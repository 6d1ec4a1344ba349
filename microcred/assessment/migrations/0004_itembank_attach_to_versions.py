"""Each module's newest item bank becomes part of its live versions (issue #15).

Before, a bank belonged to the module and every version's test drew from the newest. Now a bank
belongs to one version: the newest bank goes to each version that is published or on its way
(draft, in review, approved), one copy each, and those versions' fingerprints take the bank in,
so re-importing unchanged files stays a no-op. Older banks stay, unattached, for the attempts
drawn from them.
"""

import hashlib

from django.db import migrations
from django.db.models import Max

LIVE = ["draft", "in_review", "changes_requested", "approved", "published"]


def attach(apps, schema_editor):
    ItemBank = apps.get_model("assessment", "ItemBank")
    ModuleVersion = apps.get_model("curriculum", "ModuleVersion")
    for module_id in ItemBank.objects.values_list("module_id", flat=True).distinct():
        newest = ItemBank.objects.filter(module_id=module_id).order_by("-number").first()
        versions = ModuleVersion.objects.filter(module_id=module_id, state__in=LIVE,
                                                item_bank__isnull=True).order_by("number")
        for version in versions:
            if newest.version_id is None:
                bank = newest
            else:
                number = ItemBank.objects.filter(module_id=module_id).aggregate(
                    n=Max("number"))["n"] + 1
                bank = ItemBank(module_id=module_id, number=number, source=newest.source,
                                fingerprint=newest.fingerprint, created_by=newest.created_by)
            bank.version = version
            bank.save()
            combined = f"{version.content_hash}+{bank.fingerprint}"
            version.content_hash = hashlib.sha256(combined.encode("utf-8")).hexdigest()
            version.save(update_fields=["content_hash"])


class Migration(migrations.Migration):
    dependencies = [
        ("assessment", "0003_itembank_version"),
        ("curriculum", "0004_moduleversion_languages"),
    ]

    operations = [migrations.RunPython(attach, migrations.RunPython.noop)]
