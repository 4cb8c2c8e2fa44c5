from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class ExchangeConfig(AppConfig):
    name = "vanphong.exchange"
    label = "exchange"
    verbose_name = gettext_lazy("Document exchange")
