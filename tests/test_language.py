"""Vietnamese first, English on request."""

from django.test import Client
from django.urls import reverse


def test_it_speaks_vietnamese_even_to_an_english_browser(personas):
    client = Client(HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    client.force_login(personas.staff)
    page = client.get(reverse("programs:list")).content.decode()
    assert '<html lang="vi">' in page
    assert "Chương trình khuyến công" in page


def test_the_switch_turns_the_interface_to_english_and_back(personas):
    client = Client()
    client.force_login(personas.staff)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("programs:list")).content.decode()
    assert '<html lang="en">' in page
    assert "Industry extension programmes" in page
    assert ">Projects<" in page
    client.post(reverse("set_language"), {"language": "vi", "next": "/"})
    assert "Chương trình khuyến công" in client.get(reverse("programs:list")).content.decode()
