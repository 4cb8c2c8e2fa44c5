import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vanphong.config.settings")
application = get_wsgi_application()

from vanphong.core.startup import prepare  # noqa: E402  # needs Django set up

prepare()
