"""The branches' indexes in the documents' order (0004) are dropped: search no longer lists a
person's newest documents from them, each entry holding its readers' words (search migrations
0009, 0010). The branches' indexes in the lists' orders begin with the same columns, and
serve the foreign keys."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("outgoing", "0004_search_lists_by_document"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="outgoingdocument",
            name="outgoing_ids_unit",
        ),
        migrations.RemoveIndex(
            model_name="outgoingdocument",
            name="outgoing_ids_drafting_unit",
        ),
        migrations.RemoveIndex(
            model_name="outgoingdocument",
            name="outgoing_ids_author",
        ),
        migrations.RemoveIndex(
            model_name="outgoingdocument",
            name="outgoing_ids_signer",
        ),
    ]
