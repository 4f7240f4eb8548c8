"""Expand, run by version 2's deploy before its instances start: the new column beside the old one, and the old
columns nullable. Nothing will write phone_number any more (the drop window removes it from version 1's writes), and
nothing will write full_name once the window reaches new-only, so both must accept NULL before then; each of these
changes leaves version 1 working as it is.

Compared with the hand-made playbook, this migration has no save() override and no data migration: dualwrite writes
both columns and the backfill copies the old rows."""
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]
    operations = [
        migrations.AddField("person", "display_name", models.CharField(max_length=200, null=True)),
        migrations.AlterField("person", "full_name", models.CharField(max_length=200, null=True)),
        migrations.AlterField("person", "phone_number", models.CharField(max_length=40, null=True)),
    ]
