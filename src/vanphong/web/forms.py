from __future__ import annotations

from django.contrib.auth.forms import AuthenticationForm


class LoginForm(AuthenticationForm):
    """Django's login form (fields ``username`` and ``password``) with browser hints."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["username"].widget.attrs.update(
            {"autocomplete": "username", "autocapitalize": "none", "autofocus": True}
        )
        self.fields["password"].widget.attrs.update({"autocomplete": "current-password"})
