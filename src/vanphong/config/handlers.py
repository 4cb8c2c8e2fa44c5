"""What happens next: domain event → the handlers that react to it, in the order listed.

This table is the only place where one part of the product is wired to act on another's events
(DESIGN.md §3). Handlers run as background jobs after the publishing transaction commits, take
the event, and must be safe to run twice. Write handlers as dotted paths so that this module
imports nothing and every layer can publish.
"""

from __future__ import annotations

HANDLERS: dict[type, list[str]] = {}
