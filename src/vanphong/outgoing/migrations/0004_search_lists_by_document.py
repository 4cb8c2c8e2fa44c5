"""Each branch of who sees an outgoing document indexed by document too, so that search lists
a person's newest documents from the indexes alone (``selectors.outgoing_visible_among``). The
foreign keys' own indexes on the issuing unit, the author and the signer are dropped: the
branches' indexes begin with them."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("org", "0002_terms"),
        ("outgoing", "0003_drafted_elsewhere"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="outgoingdocument",
            name="author",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="outgoing_drafts",
                to=settings.AUTH_USER_MODEL,
                verbose_name="author",
            ),
        ),
        migrations.AlterField(
            model_name="outgoingdocument",
            name="signer",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="outgoing_to_sign",
                to=settings.AUTH_USER_MODEL,
                verbose_name="signer",
            ),
        ),
        migrations.AlterField(
            model_name="outgoingdocument",
            name="unit",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="outgoing_documents",
                to="org.unit",
                verbose_name="issuing unit",
            ),
        ),
        migrations.AddIndex(
            model_name="outgoingdocument",
            index=models.Index(fields=["unit", "document"], name="outgoing_ids_unit"),
        ),
        migrations.AddIndex(
            model_name="outgoingdocument",
            index=models.Index(
                condition=models.Q(("unit", models.F("drafting_unit")), _negated=True),
                fields=["drafting_unit", "document"],
                name="outgoing_ids_drafting_unit",
            ),
        ),
        migrations.AddIndex(
            model_name="outgoingdocument",
            index=models.Index(fields=["author", "document"], name="outgoing_ids_author"),
        ),
        migrations.AddIndex(
            model_name="outgoingdocument",
            index=models.Index(fields=["signer", "document"], name="outgoing_ids_signer"),
        ),
    ]
