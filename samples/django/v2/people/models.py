from django.db import models


class Person(models.Model):
    """Version 2: the name is display_name, and the phone number is gone. The columns full_name and phone_number stay
    in the database until migration 0003_contract; this code never names them, and dualwrite keeps version 1's
    requests working on both sides of each migration."""

    email = models.CharField(max_length=200, unique=True)
    display_name = models.CharField(max_length=200, null=True)

    class Meta:
        db_table = "people"
