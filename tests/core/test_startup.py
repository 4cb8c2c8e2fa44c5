"""A web process is prepared before its first request: everything loaded, then frozen."""

from __future__ import annotations

import gc

from django.template import engines

from vanphong.core.startup import prepare


def test_prepare_loads_every_template_and_freezes_what_requests_share():
    loader = engines["django"].engine.template_loaders[0]  # the cached loader
    loader.reset()
    try:
        frozen = prepare()
        assert frozen > 50_000  # the app, its views, templates and translations
        assert gc.get_freeze_count() > 50_000
        compiled = {key.split("-")[0] for key in loader.get_template_cache}
        assert {"web/base.html", "incoming/list.html", "work/inbox.html"} <= compiled
        # What the first requests would have created is not left for a full collection.
        assert len(gc.get_objects()) < frozen / 4
    finally:
        gc.unfreeze()
