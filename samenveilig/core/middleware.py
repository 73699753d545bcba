"""Dutch first: the language is Dutch unless the user chose another one (the language cookie set by the switcher).

Django's LocaleMiddleware would follow the browser's Accept-Language, so a professional with an English browser
would get an English interface they never asked for. Here the browser's preference is ignored on purpose.
"""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class DutchFirstLocaleMiddleware(LocaleMiddleware):
    def process_request(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
