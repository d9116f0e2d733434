from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    """Search that ignores Vietnamese diacritics ("chuong my" finds "Chương Mỹ")."""

    dependencies = [("projects", "0001_initial")]

    operations = [UnaccentExtension()]
