"""The interface is Dutch and fully available in English; allauth speaks to the user with "u" in Dutch.

The catalogues live in samenveilig/locale/. After `makemessages`, translate every new entry in the English catalogue
and run `compilemessages` (the .mo files are committed). These tests fail when one of those steps was forgotten.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from django.core.cache import cache
from django.utils import translation

from samenveilig.accounts.tests.factories import TEST_PASSWORD, MembershipFactory

LOCALE = Path(__file__).resolve().parents[2] / "locale"
EN_PO = LOCALE / "en" / "LC_MESSAGES" / "django.po"
NL_PO = LOCALE / "nl" / "LC_MESSAGES" / "django.po"
NL_ALLAUTH_OVERRIDES = LOCALE / "nl" / "allauth_overrides.po"

_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")$')


def parse_po(path: Path) -> list[dict]:
    """A small .po reader: a list of entries with msgctxt, msgid, msgid_plural, msgstr (a dict of plural forms for
    plural entries), flags and line number. Obsolete entries (#~) are left out; the header (msgid "") is kept."""
    entries: list[dict] = []
    entry: dict | None = None
    field: tuple | None = None

    def finish():
        if entry is not None and "msgid" in entry:
            entries.append(entry)

    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = line.strip()
        if not line:
            finish()
            entry, field = None, None
            continue
        if entry is None:
            entry = {"flags": set(), "line": number}
        if line.startswith("#~"):
            continue
        if line.startswith("#,"):
            entry["flags"].update(flag.strip() for flag in line[2:].split(","))
            continue
        if line.startswith("#"):
            continue
        match = _KEYWORD.match(line)
        if match:
            keyword, index, text = match.groups()
            value = ast.literal_eval(text)
            if index is not None:
                entry.setdefault("msgstr", {})[int(index)] = value
                field = ("msgstr", int(index))
            else:
                entry[keyword] = value
                field = (keyword,)
            continue
        if line.startswith('"') and field is not None:
            value = ast.literal_eval(line)
            if len(field) == 2:
                entry["msgstr"][field[1]] += value
            else:
                entry[field[0]] += value
            continue
        raise ValueError(f"{path}:{number}: cannot read {line!r}")
    finish()
    return entries


def messages(path: Path) -> list[dict]:
    """The entries without the header."""
    return [entry for entry in parse_po(path) if entry["msgid"]]


def where(entry: dict) -> str:
    return f"line {entry['line']}: {entry['msgid'][:70]!r}"


# (a) Every entry of the English catalogue is translated and none is fuzzy.


def test_english_catalogue_is_complete():
    entries = messages(EN_PO)
    assert len(entries) > 100, "the English catalogue looks empty"

    untranslated = []
    for entry in entries:
        msgstr = entry.get("msgstr")
        if isinstance(msgstr, dict):
            expected_forms = {0, 1}
            if set(msgstr) != expected_forms or not all(msgstr.values()):
                untranslated.append(where(entry))
        elif not msgstr:
            untranslated.append(where(entry))
    fuzzy = [where(entry) for entry in entries if "fuzzy" in entry["flags"]]

    assert not untranslated, "Untranslated in locale/en/LC_MESSAGES/django.po:\n" + "\n".join(untranslated)
    assert not fuzzy, "Fuzzy (check and remove the flag) in locale/en/LC_MESSAGES/django.po:\n" + "\n".join(fuzzy)


def test_english_header_is_not_fuzzy():
    header = parse_po(EN_PO)[0]
    assert header["msgid"] == ""
    assert "fuzzy" not in header["flags"]
    assert "charset=UTF-8" in header["msgstr"]


# (b) The compiled catalogue matches the .po: a forgotten compilemessages fails here.


def test_compiled_english_catalogue_matches_the_po():
    stale = []
    with translation.override("en"):
        for entry in messages(EN_PO):
            if "msgid_plural" in entry or "msgctxt" in entry:
                continue
            if translation.gettext(entry["msgid"]) != entry["msgstr"]:
                stale.append(where(entry))
    assert not stale, "Run `manage.py compilemessages` (from samenveilig/); stale in django.mo:\n" + "\n".join(stale)


def test_compiled_english_plurals_match_the_po():
    with translation.override("en"):
        for entry in messages(EN_PO):
            if "msgid_plural" not in entry or "msgctxt" in entry:
                continue
            for n, form in ((1, 0), (2, 1)):
                assert translation.ngettext(entry["msgid"], entry["msgid_plural"], n) == entry["msgstr"][form], where(
                    entry
                )


# The Dutch catalogue: our own (Dutch) strings need no translation; the allauth overrides must stay in it.


def test_dutch_catalogue_has_each_message_once():
    keys = [(entry.get("msgctxt"), entry["msgid"]) for entry in messages(NL_PO)]
    duplicates = sorted({key for key in keys if keys.count(key) > 1}, key=str)
    assert not duplicates


def test_dutch_catalogue_keeps_the_allauth_overrides():
    """`makemessages --no-obsolete` drops them; see the top of locale/nl/allauth_overrides.po to put them back."""
    catalogue = {(entry.get("msgctxt"), entry["msgid"]): entry.get("msgstr") for entry in messages(NL_PO)}
    overrides = messages(NL_ALLAUTH_OVERRIDES)
    assert len(overrides) >= 40
    missing = [
        where(entry) for entry in overrides if catalogue.get((entry.get("msgctxt"), entry["msgid"])) != entry["msgstr"]
    ]
    assert not missing, "allauth overrides missing from locale/nl/LC_MESSAGES/django.po:\n" + "\n".join(missing)


def test_dutch_allauth_overrides_are_compiled_and_use_u():
    je = re.compile(r"\b(je|jij|jou|jouw)\b", re.IGNORECASE)
    with translation.override("nl"):
        for entry in messages(NL_ALLAUTH_OVERRIDES):
            if "msgid_plural" in entry:
                texts = [translation.ngettext(entry["msgid"], entry["msgid_plural"], n) for n in (1, 2)]
                assert texts == [entry["msgstr"][0], entry["msgstr"][1]], where(entry)
            else:
                texts = [translation.gettext(entry["msgid"])]
                assert texts == [entry["msgstr"]], where(entry)
            assert not any(je.search(text) for text in texts), where(entry)


# (c) and (d): the pages themselves.


@pytest.mark.django_db
def test_login_page_in_english(client):
    client.cookies["django_language"] = "en"
    response = client.get("/accounts/login/")
    html = response.content.decode()

    assert response.status_code == 200
    assert response["Content-Language"] == "en"
    assert "Sign in with your username or email address and your password." in html
    assert "Sign in" in html
    assert "Inloggen" not in html
    assert "wachtwoord" not in html.lower()


@pytest.mark.django_db
def test_login_page_in_dutch_uses_our_wording(client):
    client.cookies["django_language"] = "nl"
    html = client.get("/accounts/login/").content.decode()

    assert "Inloggen" in html
    assert "Wachtwoord" in html
    assert "Sign in" not in html


@pytest.mark.django_db
def test_signed_in_message_says_u_in_dutch(client):
    cache.clear()  # allauth's login rate limits live in the cache
    user = MembershipFactory(user__username="t_vertaling").user
    client.cookies["django_language"] = "nl"

    response = client.post("/accounts/login/", {"login": user.username, "password": TEST_PASSWORD}, follow=True)
    html = response.content.decode()

    assert response.status_code == 200
    assert "U bent ingelogd als" in html
    assert "Je bent nu ingelogd" not in html
    assert "Successfully signed in" not in html
