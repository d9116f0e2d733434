"""Passwords are hashed with Argon2id at the chosen cost; older hashes are upgraded at the next login."""

from django.contrib.auth.hashers import make_password
from django.test import Client
from django.urls import reverse

from accounts.models import User

IN_USE_PREFIX = "argon2$argon2id$v=19$m=19456,t=3,p=1$"


def test_a_new_password_is_hashed_with_argon2id_at_the_chosen_cost(personas):
    user = User.objects.create_user(username="moi", password="mat-khau-dai-hon-12")
    assert user.password.startswith(IN_USE_PREFIX)


def test_an_old_pbkdf2_hash_is_upgraded_at_the_next_login(personas):
    staff = personas.staff
    User.objects.filter(pk=staff.pk).update(password=make_password("khuyencong", hasher="pbkdf2_sha256"))
    assert User.objects.get(pk=staff.pk).password.startswith("pbkdf2_sha256$")

    response = Client().post(reverse("login"), {"username": staff.username, "password": "khuyencong"})

    assert response.status_code == 302
    assert User.objects.get(pk=staff.pk).password.startswith(IN_USE_PREFIX)


def test_a_wrong_password_leaves_the_old_hash_alone(personas):
    staff = personas.staff
    old = make_password("khuyencong", hasher="pbkdf2_sha256")
    User.objects.filter(pk=staff.pk).update(password=old)

    response = Client().post(reverse("login"), {"username": staff.username, "password": "sai-mat-khau"})

    assert response.status_code == 200
    assert User.objects.get(pk=staff.pk).password == old
