"""The password hasher: Argon2id with a cost chosen for these 2-core machines.

Django's own Argon2 defaults (100 MiB, parallelism 8) take about 140 ms and 100 MiB
per login here, so a room of colleagues signing in at nine o'clock queues behind
each other. OWASP's recommended minimum for Argon2id (19 MiB, two passes, one
lane) is kept and one pass added: about 40 ms and 19 MiB a login, 50 at once
within 1 GiB. `bench/run.py --only login` measures it beside the PBKDF2 it replaces.
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class OfficeArgon2PasswordHasher(Argon2PasswordHasher):
    # Changing a figure here re-hashes each password at its owner's next login
    # (Django's must_update compares the stored parameters with these).
    time_cost = 3
    memory_cost = 19_456  # KiB
    parallelism = 1
