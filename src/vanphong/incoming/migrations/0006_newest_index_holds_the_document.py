from django.db import migrations, models

# The archive's newest-first index ends with the document: a walk of the newest documents for
# a person's work tests each against the work from the index alone and looks up only theirs
# (``selectors._Walk``).


class Migration(migrations.Migration):
    dependencies = [
        ("incoming", "0005_unit_documents_index"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="incomingdocument", name="incoming_newest"),
        migrations.AddIndex(
            model_name="incomingdocument",
            index=models.Index(fields=["-received_at", "-id", "document"], name="incoming_newest"),
        ),
    ]
