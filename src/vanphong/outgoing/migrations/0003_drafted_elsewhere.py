"""The drafting unit's indexes hold only the documents another unit issues
(``models.DRAFTED_ELSEWHERE``): a list reads a document drafted where it is issued once,
through the issuing unit's index, not once more through the drafting unit's."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("outgoing", "0002_lists_read_branch_by_branch"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="outgoingdocument",
            name="outgoing_recent_drafting_unit",
        ),
        migrations.RemoveIndex(
            model_name="outgoingdocument",
            name="outgoing_issued_drafting_unit",
        ),
        migrations.AddIndex(
            model_name="outgoingdocument",
            index=models.Index(
                condition=models.Q(("unit", models.F("drafting_unit")), _negated=True),
                fields=["drafting_unit", "-updated_at", "-id"],
                name="outgoing_recent_drafting_unit",
            ),
        ),
        migrations.AddIndex(
            model_name="outgoingdocument",
            index=models.Index(
                condition=models.Q(("unit", models.F("drafting_unit")), _negated=True),
                fields=["drafting_unit", "-issued_at", "-id"],
                name="outgoing_issued_drafting_unit",
            ),
        ),
    ]
