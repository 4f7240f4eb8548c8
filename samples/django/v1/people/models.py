from django.db import models


class Person(models.Model):
    """Version 1: the name is full_name, and people have a phone number."""

    email = models.CharField(max_length=200, unique=True)
    full_name = models.CharField(max_length=200)
    phone_number = models.CharField(max_length=40)

    class Meta:
        db_table = "people"
