"""CSRF secrets and masks drawn with one call to the system's random source, not one per letter
(issue #19, decision 0033).

Every page carries a CSRF token (the language and text size forms are on every page), and Django
masks the token afresh for each response, a new 32-letter string. A visitor without the CSRF
cookie (anyone who opens a QR code, or the home page, for the first time) gets a new secret too:
another 32 letters. Django draws each letter with `secrets.choice`, one `getrandom` system call
per letter: 64 system calls, 16 % of the home page's time and 6 % of the verify page's.

`random_string` draws the same letters from one `os.urandom` read: a byte below 248 (the largest
multiple of 62 that fits in a byte) picks letter `byte % 62`, so every letter stays equally
likely, and a byte above is dropped (1 in 32) and more are read if needed. Same alphabet, same
length, same source, so Django's checks and masks work on these strings unchanged.

`install()` puts it in place of the one function Django's CSRF module draws with
(`_get_new_csrf_string`, private): a test fails if a new Django no longer calls it.
"""

import os

from django.middleware import csrf

_ALPHABET = csrf.CSRF_ALLOWED_CHARS


def random_string(length: int, alphabet: str = _ALPHABET) -> str:
    """`length` letters of `alphabet` (at most 256 letters), each equally likely."""
    below = 256 - 256 % len(alphabet)  # below it, each letter has as many byte values
    letters: list[str] = []
    while len(letters) < length:
        # A few bytes more than needed, as about one in 32 is dropped.
        for byte in os.urandom(length - len(letters) + 8):
            if byte < below:
                letters.append(alphabet[byte % len(alphabet)])
                if len(letters) == length:
                    break
    return "".join(letters)


def _new_csrf_string() -> str:
    return random_string(csrf.CSRF_SECRET_LENGTH)


def install() -> None:
    csrf._get_new_csrf_string = _new_csrf_string
