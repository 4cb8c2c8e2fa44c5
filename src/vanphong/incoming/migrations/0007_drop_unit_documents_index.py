from django.db import migrations

# Search no longer lists a unit's documents to match words among: each entry holds its
# readers' words (search migrations 0009, 0010). Nothing reads this index since.


class Migration(migrations.Migration):
    dependencies = [
        ("incoming", "0006_newest_index_holds_the_document"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="incomingdocument",
            name="incoming_unit_documents",
        ),
    ]
