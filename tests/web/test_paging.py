"""Chain: several querysets paged as one list, each in its own order."""

import pytest
from django.core.paginator import Paginator
from hypothesis import given
from hypothesis import strategies as st

from vanphong.org.models import User
from vanphong.web.paging import Chain

pytestmark = pytest.mark.django_db


class _Part(list):
    """A stand-in queryset: counts and slices like one, and says what it was asked."""

    def __init__(self, items):
        super().__init__(items)
        self.slices = []

    def count(self):
        return len(self)

    def __getitem__(self, index):
        if isinstance(index, slice):
            self.slices.append((index.start, index.stop))
        return super().__getitem__(index)


@given(
    sizes=st.lists(st.integers(min_value=0, max_value=7), min_size=1, max_size=4),
    start=st.integers(min_value=0, max_value=30),
    length=st.integers(min_value=0, max_value=30),
)
def test_a_slice_of_the_chain_is_the_same_slice_of_the_parts_end_to_end(sizes, start, length):
    parts, n = [], 0
    for size in sizes:
        parts.append(_Part(range(n, n + size)))
        n += size
    chain = Chain(*parts)
    whole = [x for part in parts for x in part]
    assert chain.count() == len(whole)
    assert chain[start : start + length] == whole[start : start + length]
    # Only the parts the slice covers are read, each with its own bounds.
    for part in parts:
        for lo, hi in part.slices:
            assert 0 <= lo < hi <= len(part)


def test_it_pages_real_querysets_with_the_paginator(network):
    users = User.objects.order_by("username")
    first = users.filter(username__startswith="vanthu")
    rest = users.exclude(username__startswith="vanthu")
    pages = Paginator(Chain(first, rest), 3)
    listed = [u.username for number in pages.page_range for u in pages.page(number)]
    assert listed == [u.username for u in first] + [u.username for u in rest]
    assert pages.count == users.count()


def test_single_items_and_bad_slices():
    chain = Chain(_Part([1, 2]), _Part([3]))
    assert chain[2] == 3
    assert list(chain) == [1, 2, 3]
    with pytest.raises(IndexError):
        chain[3]
    with pytest.raises(ValueError, match="forward slices"):
        chain[::2]
