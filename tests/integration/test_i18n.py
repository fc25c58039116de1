"""Welsh/English switch (issue "Foundation" item 8): Django's i18n with a committed Welsh catalogue."""

import ast
import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings

LOCALE = Path(settings.LOCALE_PATHS[0]) / "cy" / "LC_MESSAGES"
HTML_LANG = re.compile(r'<html lang="([^"]+)"')


def _h1(html: str) -> str:
    match = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    assert match, "page has no <h1>"
    return match.group(1).strip()


def _switch(client, language: str, next_url: str):
    response = client.post("/i18n/setlang/", {"language": language, "next": next_url})
    assert response.status_code == 302
    assert response["Location"] == next_url
    return client.get(next_url)


@pytest.mark.django_db
def test_toggle_switches_the_chrome_to_welsh_and_back(client, users):
    client.force_login(users["supervisor"])

    page = client.get("/work/").content.decode()
    assert HTML_LANG.search(page).group(1) == "en-gb"
    assert _h1(page) == "My work"
    assert "Skip to main content" in page
    # The toggle offers the other language as a button posting to set_language.
    assert 'name="language" value="cy"' in page and 'action="/i18n/setlang/"' in page

    page = _switch(client, "cy", "/work/").content.decode()
    assert HTML_LANG.search(page).group(1) == "cy"
    assert _h1(page) == "Fy ngwaith"
    assert "Neidio i'r prif gynnwys" in page
    assert "Allgofnodi" in page and ">Sign out<" not in page
    assert "Datganiad hygyrchedd" in page
    assert "Erbyn heddiw" in page  # the "Due today" section heading
    assert 'name="language" value="en-gb"' in page

    page = _switch(client, "en-gb", "/work/").content.decode()
    assert HTML_LANG.search(page).group(1) == "en-gb"
    assert _h1(page) == "My work"
    assert "Fy ngwaith" not in page


@pytest.mark.django_db
def test_sign_in_page_follows_the_choice_before_signing_in(client):
    page = _switch(client, "cy", "/accounts/login/").content.decode()
    assert HTML_LANG.search(page).group(1) == "cy"
    assert _h1(page) == "Mewngofnodi"
    assert "Problemau wrth fewngofnodi" in page
    # Strings without a Welsh translation yet fall back to English rather than disappearing.
    assert "Reset your password by email" in page


@pytest.mark.django_db
def test_unknown_language_is_ignored(client):
    client.post("/i18n/setlang/", {"language": "xx", "next": "/accounts/login/"})
    page = client.get("/accounts/login/").content.decode()
    assert HTML_LANG.search(page).group(1) == "en-gb"
    assert _h1(page) == "Sign in"


def _po_entries(path: Path) -> dict[str, str]:
    """msgid -> msgstr for the singular, non-fuzzy entries of a .po file."""
    entries = {}
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        lines = [line for line in block.splitlines() if line.strip()]
        if any(line.startswith("#, fuzzy") or line.startswith("msgid_plural") for line in lines):
            continue
        field, parts = None, {"msgid": [], "msgstr": []}
        for line in lines:
            if line.startswith("msgid "):
                field, line = "msgid", line[6:]
            elif line.startswith("msgstr "):
                field, line = "msgstr", line[7:]
            elif line.startswith("#") or field is None:
                continue
            parts[field].append(ast.literal_eval(line))
        entries["".join(parts["msgid"])] = "".join(parts["msgstr"])
    return entries


def test_compiled_catalogue_matches_the_po_file():
    """The .mo is committed so set-up needs no gettext: it must not fall behind the .po."""
    po = {k: v for k, v in _po_entries(LOCALE / "django.po").items() if k and v}
    with open(LOCALE / "django.mo", "rb") as handle:
        mo = gettext.GNUTranslations(handle)
    catalogue = {k: v for k, v in mo._catalog.items() if isinstance(k, str) and k}
    assert po, "no Welsh translations in the .po file"
    assert catalogue == po, "run: .venv/bin/vigil compilemessages --ignore=.venv"
    assert "fuzzy" not in (LOCALE / "django.po").read_text(encoding="utf-8")
