from django.db import migrations


def create_content_manager_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.get_or_create(name="content_manager")


class Migration(migrations.Migration):
    dependencies = [("accounts", "0005_retention_and_deletion_audit")]
    operations = [
        migrations.RunPython(create_content_manager_group, migrations.RunPython.noop)
    ]
