"""The search index: one row per document, what a search matches, filters and shows.

The full-text part lives beside this table, in the database's own machinery (migration 0002):
on SQLite an FTS5 table over ``title``, ``body_folded`` and ``readers`` (migration 0009) kept
in step by triggers, on PostgreSQL a generated ``tsvector`` column with a GIN index. Both
read the folded columns, whose words are separated by spaces only
(``vanphong.search.text.fold_keep``), so both databases see the same words.
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from vanphong.org.models import SecrecyChoices
from vanphong.search.sources import ANY_READER


class SearchEntry(models.Model):
    """A document as the search index holds it; rebuilt from the document at any time
    (``vanphong reindex``), never edited by hand."""

    document = models.OneToOneField(
        "documents.Document", primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=12)  # a source's kind: incoming, outgoing
    source_id = models.BigIntegerField()  # the incoming or outgoing document's id
    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="+")
    # The register's id, not a foreign key: registers sit in a layer above search.
    register_id = models.BigIntegerField(null=True, blank=True)
    status = models.CharField(_("status"), max_length=12)
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    document_type = models.CharField(_("document type"), max_length=10, blank=True)
    secrecy = models.PositiveSmallIntegerField(_("secrecy"), choices=SecrecyChoices.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    issued_date = models.DateField(_("date of issue"), null=True, blank=True)
    date = models.DateField(_("date"))  # arrival or issue, else creation: what "newest" means
    symbol = models.CharField(_("number and symbol"), max_length=80, blank=True)
    symbol_key = models.CharField(max_length=120, blank=True)
    issuer = models.CharField(_("issuing body"), max_length=255, blank=True)
    issuer_key = models.CharField(max_length=255, blank=True)
    subject = models.TextField(_("subject"), blank=True)
    title = models.TextField(blank=True)  # folded: symbol, type, subject, issuer, signer
    body = models.TextField(blank=True)  # the text of the files (OCR included), capped
    body_folded = models.TextField(blank=True)  # fold_keep(body): same length, same offsets
    # Who may be among its readers, as words (``sources.unit_reader``…), a space apart:
    # SQLite's full-text table holds them in a column of their own (migration 0009).
    readers = models.TextField(db_default=ANY_READER)
    digest = models.CharField(max_length=40)  # of everything above: unchanged rows are skipped
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        indexes = [
            models.Index(fields=["kind", "unit", "-date"]),
            models.Index(fields=["unit", "year"]),
            models.Index(fields=["symbol_key"]),
            # A year's matches newest first, when the person's own newest documents hold too
            # few of them: without it PostgreSQL walked every later year (2.5 s for 2020's
            # "công tác" at a million documents; 60 ms with it).
            models.Index(fields=["year", "-document"], name="search_entry_year_newest"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.source_id}: {self.symbol or self.subject[:60]}"


class SearchTitle(models.Model):
    """SQLite: an entry's title as the FTS5 table of titles keeps it (migration 0005), by the
    document's id: the lists test a row's title there, in a narrow table (``search.lists``).
    Written by triggers only (migration 0007's, which also write the entry's kind and unit in
    a column ``scope`` the lists' MATCH reads, and the model does not); PostgreSQL has no such
    table (a GIN index of titles instead)."""

    rowid = models.BigIntegerField(primary_key=True)  # the document's id
    title = models.TextField()

    class Meta:
        managed = False
        db_table = "search_titles"

    def __str__(self) -> str:
        return self.title


class SavedSearch(models.Model):
    """A search a person keeps to run again: the words and the filters, under a name of their
    own. Private to its owner."""

    user = models.ForeignKey(
        "org.User", on_delete=models.CASCADE, related_name="saved_searches", verbose_name=_("user")
    )
    name = models.CharField(_("name"), max_length=100)
    query = models.CharField(_("query"), max_length=200, blank=True)
    # The results page's filter parameters ({"kind": "incoming", "year": "2024", …}).
    filters = models.JSONField(_("filters"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "name"], name="search_saved_name_per_user")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        params = {k: v for k, v in self.params().items() if v}
        return reverse("search:results") + (f"?{urlencode(params)}" if params else "")

    def params(self) -> dict[str, str]:
        """The results page's query string parameters that run this search again."""
        return {"q": self.query, **{k: str(v) for k, v in self.filters.items()}}
