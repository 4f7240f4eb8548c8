"""Contract, run once the window is in new-only and the old name is no longer needed: the old columns go. dualwrite
maps what version 1 may still send (full_name to display_name, phone_number removed from writes and read as NULL)."""
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("people", "0002_expand")]
    operations = [
        migrations.RemoveField("person", "full_name"),
        migrations.RemoveField("person", "phone_number"),
    ]
