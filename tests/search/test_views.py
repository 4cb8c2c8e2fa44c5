"""Search in the browser: the results page, the header box's suggestions, saved searches."""

from __future__ import annotations

import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation

from vanphong.audit.models import AuditEvent
from vanphong.search.models import SavedSearch
from vanphong.search.query import MAX_QUERY_LENGTH

RESULTS = "/search/"
SUGGEST = "/search/suggest"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def documents(archive):
    for i in range(3):
        archive.receive(
            f"Văn phòng cấp ủy tham mưu giỏi, lần {i}.",
            subject=f"Chỉ thị tham mưu số {i}",
            symbol=f"{15 + i}-CT/TU",
            document_type="CT",
            issued_date=f"201{6 + i}-03-12",
        )
    archive.receive(
        "Báo cáo tham mưu về kinh tế.",
        subject="Báo cáo kinh tế quý I",
        symbol="123/BC-UBND",
        document_type="BC",
        issued_date="2021-04-02",
    )
    archive.index()
    return archive


def signed_in(client, network, username="vanthu.badinh"):
    client.force_login(network.user(username))
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    return client


def hit_ids(response):
    return re.findall(r'class="search-hit" data-kind="(\w+)" data-id="(\d+)"', response.text)


def page_messages(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_the_url_is_the_navigations(client, network):
    assert reverse("search:results") == RESULTS
    response = signed_in(client, network).get(RESULTS)
    assert response.status_code == 200
    assert 'data-testid="search-help"' in response.text
    # The header box is on every page, sending to the results page.
    assert 'data-testid="header-search"' in response.text
    assert 'aria-expanded="false"' in response.text
    assert "search/search.js" in response.text


def test_results_with_badge_symbol_link_and_marked_snippet(client, network, documents):
    response = signed_in(client, network).get(RESULTS, {"q": "tham muu gioi"})
    assert response.status_code == 200
    text = response.text
    assert 'data-count="3"' in text
    assert len(hit_ids(response)) == 3
    assert "17-CT/TU" in text
    assert "<mark>tham</mark> <mark>mưu</mark> <mark>giỏi</mark>" in text
    kind, pk = hit_ids(response)[0]
    assert kind == "incoming"
    assert f'href="/incoming/{pk}/"' in text
    assert '<span class="tag kind-incoming">Incoming</span>' in text


def test_facets_show_counts_and_filter_when_clicked(client, network, documents):
    client = signed_in(client, network)
    response = client.get(RESULTS, {"q": "tham muu"})
    assert 'data-count="4"' in response.text
    facet = re.search(r'data-facet="document_type">(.*?)</section>', response.text, re.S)
    assert facet is not None
    assert "Chỉ thị" in facet.group(1)
    assert '<small class="count" data-count="3">3</small>' in facet.group(1)
    link = re.search(r'<a href="([^"]*document_type=BC[^"]*)"', facet.group(1))
    assert link is not None
    filtered = client.get(link.group(1).replace("&amp;", "&"))
    assert len(hit_ids(filtered)) == 1
    assert "123/BC-UBND" in filtered.text
    assert 'data-testid="active-filters"' in filtered.text
    # The active filter can be removed again.
    chip = re.search(r'<a href="([^"]*)" class="chip"', filtered.text)
    assert chip is not None
    assert "document_type" not in chip.group(1)
    by_year = client.get(RESULTS, {"q": "tham muu", "year": 2017, "unit": "badinh"})
    assert [pk for _kind, pk in hit_ids(by_year)] == [str(documents_pk("16-CT/TU"))]


def documents_pk(symbol):
    from vanphong.incoming.models import IncomingDocument

    return IncomingDocument.objects.get(document__symbol=symbol).pk


def test_html_in_documents_is_escaped(client, network, archive):
    archive.receive(
        "Tham mưu <script>alert('x')</script> và <b>đậm</b>.",
        subject="<script>alert(1)</script> tham mưu",
        symbol="<img src=x onerror=alert(2)>",
    )
    archive.index()
    client = signed_in(client, network)
    for response in (
        client.get(RESULTS, {"q": "tham muu"}),
        client.get(SUGGEST, {"q": "tham mu"}),
    ):
        assert response.status_code == 200
        assert "<script>alert" not in response.text
        assert "<img src=x" not in response.text
        assert "<b>đậm" not in response.text
        assert "&lt;script&gt;" in response.text
    page = client.get(RESULTS, {"q": "tham muu"}).text
    assert "<mark>Tham</mark> <mark>mưu</mark> &lt;script&gt;" in page


def test_nothing_of_another_unit_nor_above_ones_clearance(client, network, archive):
    archive.receive("Tham mưu bí mật.", subject="Văn bản mật", secrecy="mat")
    archive.receive("Tham mưu công khai.", subject="Văn bản thường")
    archive.index()
    other = signed_in(client, network, "vanthu.hoankiem").get(RESULTS, {"q": "tham muu"})
    assert other.status_code == 200
    assert hit_ids(other) == []
    assert 'data-count="0"' in other.text
    assert "Văn bản mật" not in other.text
    assert "Văn bản thường" not in other.text
    leader = signed_in(client, network, "lanhdao.badinh").get(RESULTS, {"q": "tham muu"})
    assert len(hit_ids(leader)) == 1
    assert "Văn bản thường" in leader.text
    assert "Văn bản mật" not in leader.text
    secret = client.get(RESULTS, {"q": "tham muu", "secrecy": "mat"})
    assert hit_ids(secret) == []
    suggest = client.get(SUGGEST, {"q": "tham"})
    assert "Văn bản mật" not in suggest.text
    assert suggest.text.count("data-hit") == 1


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": ""}, "Type at least one word to search for."),
        ({"q": "  ,, "}, "Type at least one word to search for."),
        ({"q": "x" * (MAX_QUERY_LENGTH + 1)}, "The query is too long"),
        ({"q": "m*"}, "A prefix needs at least"),
        ({"q": " ".join(["tu"] * 20)}, "The query is too long"),
        ({"q": "tham", "year": "abc"}, "Year:"),
        ({"q": "tham", "unit": "nowhere"}, "No unit nowhere."),
        ({"q": "tham", "kind": "memo"}, "Kind:"),
        ({"q": "tham", "document_type": "ZZ"}, "Unknown document type ZZ."),
        ({"q": "tham", "status": "lost"}, "Unknown status lost."),
    ],
)
def test_query_errors_are_messages_not_500(client, network, documents, params, message):
    response = signed_in(client, network).get(RESULTS, params)
    assert response.status_code == 200
    assert any(message in m for m in page_messages(response)), page_messages(response)
    assert 'class="message message-error"' in response.text


def test_odd_quotes_and_pages_do_not_fail(client, network, documents):
    client = signed_in(client, network)
    for params in (
        {"q": '"tham muu'},
        {"q": "tham", "page": "0"},
        {"q": "tham", "page": "99999"},
        {"q": "tham", "page": "x"},
        {"q": "15-CT/TU AND OR NOT ( ) ^ : -"},
    ):
        assert client.get(RESULTS, params).status_code == 200


def test_paging(client, network, archive):
    for i in range(23):
        archive.receive(f"Tham mưu số {i}.", subject=f"Văn bản {i}")
    archive.index()
    client = signed_in(client, network)
    first = client.get(RESULTS, {"q": "tham muu"})
    assert len(hit_ids(first)) == 20
    assert 'data-testid="pager"' in first.text
    assert 'rel="next"' in first.text
    second = client.get(RESULTS, {"q": "tham muu", "page": 2})
    assert len(hit_ids(second)) == 3
    assert not set(hit_ids(first)) & set(hit_ids(second))


def test_results_query_count_is_bounded(client, network, archive, django_assert_num_queries):
    for i in range(25):
        archive.receive(f"Tham mưu số {i}.", subject=f"Văn bản {i}", document_type="CV")
    archive.index()
    client = signed_in(client, network)
    SavedSearch.objects.create(user=network.user("vanthu.badinh"), name="a", query="tham")
    client.get(RESULTS, {"q": "tham muu"})  # warm the session and caches
    # The session and its user, the saved searches, the person's roles (1, shared with the
    # layout), the unit filtered on, the matches, the page's text, the unit names.
    with django_assert_num_queries(8):
        response = client.get(RESULTS, {"q": "tham muu", "unit": "badinh", "kind": "incoming"})
    assert len(hit_ids(response)) == 20
    # The session and its user, the roles (1), the matches, the page's text.
    with django_assert_num_queries(5):
        assert client.get(SUGGEST, {"q": "tham"}).text.count("data-hit") == 8


def test_suggestions_as_you_type(client, network, archive):
    for i in range(12):
        archive.receive(f"Tham mưu số {i}.", subject=f"Văn bản tham mưu {i}")
    archive.index()
    client = signed_in(client, network)
    response = client.get(SUGGEST, {"q": "tham mu"})  # the last word is a prefix
    assert response.status_code == 200
    assert response.text.count("data-hit") == 8
    assert response.text.count('role="option"') == 9  # and "see all results"
    assert "See all 12 results" in response.text
    assert 'href="/search/?q=tham+mu"' in response.text
    assert 'href="/incoming/' in response.text
    for typed in ("", "m*", "x" * 500, "  "):
        assert client.get(SUGGEST, {"q": typed}).status_code == 200
    assert "No document found" in client.get(SUGGEST, {"q": "khongcogica"}).text
    client.logout()
    assert client.get(SUGGEST, {"q": "tham"}).status_code == 302


def test_save_list_run_and_delete_a_search(client, network, documents):
    client = signed_in(client, network)
    back = "q=tham+muu&document_type=CT&year=2017&kind=incoming"
    response = client.post("/search/saved/", {"name": "  Chỉ thị   2017 ", "back": back})
    assert response.status_code == 302
    assert response["Location"].startswith(RESULTS)
    saved = SavedSearch.objects.get()
    assert saved.name == "Chỉ thị 2017"
    assert saved.query == "tham muu"
    assert saved.filters == {"document_type": "CT", "kind": "incoming", "year": "2017"}
    event = AuditEvent.objects.filter(action="saved_search.create").get()
    assert event.object_id == str(saved.pk)
    page = client.get(RESULTS, {"q": "tham"})
    assert f'data-saved="{saved.pk}"' in page.text
    run = client.get(saved.get_absolute_url())
    assert len(hit_ids(run)) == 1
    assert "16-CT/TU" in run.text
    # The same name twice is refused with a message.
    again = client.post("/search/saved/", {"name": "Chỉ thị 2017", "back": back}, follow=True)
    assert any("already have a saved search" in m for m in page_messages(again))
    assert SavedSearch.objects.count() == 1
    nameless = client.post("/search/saved/", {"name": "   ", "back": back}, follow=True)
    assert nameless.status_code == 200
    assert SavedSearch.objects.count() == 1
    # Listed in the header box's dropdown while the box is empty.
    assert f'id="search-suggest-saved-{saved.pk}"' in client.get(SUGGEST, {"q": ""}).text
    deleted = client.post(f"/search/saved/{saved.pk}/delete/", {"back": back})
    assert deleted.status_code == 302
    assert not SavedSearch.objects.exists()
    assert AuditEvent.objects.filter(action="saved_search.delete").count() == 1


def test_saved_searches_are_private(client, network, documents):
    owner = network.user("vanthu.badinh")
    saved = SavedSearch.objects.create(user=owner, name="Mine", query="tham")
    client = signed_in(client, network, "lanhdao.badinh")
    assert "Mine" not in client.get(RESULTS).text
    assert "Mine" not in client.get(SUGGEST, {"q": ""}).text
    response = client.post(f"/search/saved/{saved.pk}/delete/")
    assert response.status_code == 404
    assert SavedSearch.objects.filter(pk=saved.pk).exists()
    # Another person may use the same name.
    client.post("/search/saved/", {"name": "Mine", "back": "q=kinh+te"})
    assert SavedSearch.objects.filter(name="Mine").count() == 2
    assert client.get(reverse("search:delete", args=[saved.pk])).status_code == 405


def test_above_the_sample_the_page_says_more_than_and_counts_a_sample(
    client, network, documents, monkeypatch
):
    monkeypatch.setattr("vanphong.search.selectors.SAMPLE", 2)
    client = signed_in(client, network)
    response = client.get(RESULTS, {"q": "tham muu"})
    assert "More than 2 documents found" in response.text
    assert 'data-testid="sample-note"' in response.text
    assert "the most relevant of the 2 newest" in response.text
    assert "Counted among the 2 newest matches." in response.text
    assert len(hit_ids(response)) == 2
    assert "See more than 2 results" in client.get(SUGGEST, {"q": "tham mu"}).text
    narrowed = client.get(RESULTS, {"q": "tham muu", "document_type": "BC"})
    assert "1 document found" in narrowed.text
    assert 'data-testid="sample-note"' not in narrowed.text
    assert 'data-testid="facets-sampled"' not in narrowed.text
