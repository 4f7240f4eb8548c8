from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(
            name="Person",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("email", models.CharField(max_length=200, unique=True)),
                ("full_name", models.CharField(max_length=200)),
                ("phone_number", models.CharField(max_length=40)),
            ],
            options={"db_table": "people"},
        ),
    ]
