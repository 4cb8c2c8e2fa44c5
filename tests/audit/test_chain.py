"""The audit journal's hash chain (audit/chain.py): pure rules.

A journal here is built the way ``audit_append`` builds the real one: each link hashes the
previous link's hash with its own fields.
"""

import dataclasses
import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from vanphong.audit.chain import GENESIS, Link, canonical, link_hash, normalise, verify

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)


def chain(contents: list[object]) -> list[Link]:
    links, prev = [], GENESIS
    for seq, after in enumerate(contents, start=1):
        fields = {"seq": seq, "action": "document.register", "actor_name": "vanthu.badinh"}
        fields["after"] = after
        links.append(Link(seq, prev, link_hash(prev, fields), fields))
        prev = links[-1].hash
    return links


def head(links: list[Link]) -> tuple[int, str]:
    return (links[-1].seq, links[-1].hash) if links else (0, GENESIS)


def edited(link: Link, **after: object) -> Link:
    return dataclasses.replace(link, fields={**link.fields, "after": after})


journals = st.lists(json_values, min_size=3, max_size=12).map(chain)
# Every journal check below walks whole generated journals; 50 of them are plenty per test.
journal_settings = settings(max_examples=50)


@st.composite
def journal_and_position(draw):
    links = draw(journals)
    return links, draw(st.integers(min_value=1, max_value=len(links)))


@journal_settings
@given(st.lists(json_values, max_size=12).map(chain))
def test_an_untouched_journal_verifies_and_counts_every_event(links):
    verdict = verify(links, head=head(links))
    assert verdict.ok
    assert verdict.checked == len(links)


def test_an_empty_journal_verifies_against_the_genesis_head():
    assert verify([], head=(0, GENESIS)).ok


@journal_settings
@given(journal_and_position())
def test_changed_content_is_caught_at_the_changed_event(case):
    links, k = case
    links[k - 1] = edited(links[k - 1], subject="đã sửa")
    verdict = verify(links, head=head(links))
    assert (verdict.ok, verdict.broken_seq, verdict.checked) == (False, k, k - 1)
    assert "content" in verdict.reason


@journal_settings
@given(journal_and_position())
def test_changed_content_with_a_recomputed_hash_breaks_the_next_link(case):
    links, k = case
    original_head = head(links)
    forged = edited(links[k - 1], subject="đã sửa")
    links[k - 1] = dataclasses.replace(forged, hash=link_hash(forged.prev_hash, forged.fields))
    verdict = verify(links, head=original_head)
    assert not verdict.ok
    assert verdict.broken_seq == (k + 1 if k < len(links) else k)


@journal_settings
@given(journal_and_position())
def test_a_changed_previous_hash_is_caught_at_that_event(case):
    links, k = case
    links[k - 1] = dataclasses.replace(links[k - 1], prev_hash="f" * 64)
    verdict = verify(links, head=head(links))
    assert (verdict.ok, verdict.broken_seq) == (False, k)
    assert "previous hash" in verdict.reason


@journal_settings
@given(journal_and_position())
def test_a_removed_event_is_named_as_missing(case):
    links, k = case
    original_head = head(links)
    del links[k - 1]
    verdict = verify(links, head=original_head)
    assert (verdict.ok, verdict.broken_seq) == (False, k)
    assert f"#{k}" in verdict.reason


@journal_settings
@given(journals, st.data())
def test_reordered_events_are_caught_where_the_order_breaks(links, data):
    k = data.draw(st.integers(min_value=1, max_value=len(links) - 1))
    links[k - 1], links[k] = links[k], links[k - 1]
    verdict = verify(links, head=head(sorted(links, key=lambda link: link.seq)))
    assert (verdict.ok, verdict.broken_seq) == (False, k)


@journal_settings
@given(journals, st.data())
def test_events_cut_off_the_end_are_caught_against_the_head(links, data):
    cut = data.draw(st.integers(min_value=1, max_value=len(links)))
    original_head = head(links)
    kept = links[:-cut]
    # Without the head the shorter journal looks whole: that is why the head is recorded.
    assert verify(kept).ok
    verdict = verify(kept, head=original_head)
    assert (verdict.ok, verdict.broken_seq, verdict.checked) == (False, len(kept) + 1, len(kept))
    assert f"#{original_head[0]}" in verdict.reason


def test_an_event_past_the_recorded_head_is_caught():
    links = chain(["a", "b", "c", "d"])
    verdict = verify(links, head=head(links[:3]))
    assert (verdict.ok, verdict.broken_seq, verdict.checked) == (False, 4, 3)
    assert "#3" in verdict.reason


def test_a_forged_last_event_that_keeps_the_chain_is_caught_by_the_head():
    links = chain(["a", "b", "c"])
    original_head = head(links)
    forged = edited(links[2], decision="khác")
    links[2] = dataclasses.replace(forged, hash=link_hash(forged.prev_hash, forged.fields))
    verdict = verify(links, head=original_head)
    assert (verdict.ok, verdict.broken_seq, verdict.checked) == (False, 3, 2)


@given(st.dictionaries(st.text(max_size=5), json_values, max_size=6), st.randoms())
def test_the_hash_does_not_depend_on_key_order(fields, rng):
    keys = list(fields)
    rng.shuffle(keys)
    assert link_hash(GENESIS, {k: fields[k] for k in keys}) == link_hash(GENESIS, fields)


@given(json_values, json_values)
def test_different_content_gives_a_different_hash(a, b):
    if canonical(a) != canonical(b):
        assert link_hash(GENESIS, {"after": a}) != link_hash(GENESIS, {"after": b})


def test_the_hash_depends_on_the_previous_link():
    assert link_hash(GENESIS, {"a": 1}) != link_hash("1" * 64, {"a": 1})


def test_values_are_hashed_as_they_read_back_from_a_json_column():
    value = {"ngày": dt.date(2026, 3, 8), "người": ("Nguyễn Văn An",), "at": None}
    assert normalise(value) == {"ngày": "2026-03-08", "người": ["Nguyễn Văn An"], "at": None}
    assert link_hash(GENESIS, {"after": normalise(value)}) == link_hash(GENESIS, {"after": value})
    assert "Nguyễn" in canonical(value)
