"""The database cache's table, made by `migrate` itself.

Without Redis the default cache is the database (decision 0002), and every page that rate-limits
or reads the course generation needs its table. It used to need a separate `createcachetable`
after `migrate`, which every fresh database, benchmark and deployment had to remember; a
forgotten one failed at the first request. `createcachetable` is idempotent and does nothing for
caches that are not in the database, so running it here is safe on every set-up, Redis included.
"""

from django.core.management import call_command
from django.db import migrations


def create_cache_tables(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("core", "0002_task_worker")]

    operations = [migrations.RunPython(create_cache_tables, migrations.RunPython.noop)]
