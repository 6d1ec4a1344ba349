"""Read what learners type: numbers written the European way, and short texts.

Our learners type on phones, in seven languages and with little practice, so a typed answer is
read generously where that cannot turn a wrong answer into a right one, and never raises.
"""

import functools
import math
import re
import unicodedata
from typing import Any

MAX_ANSWER_CHARS = 500  # longer typed answers are not answers; keeps normalising cheap

# A number, optionally after a currency sign, then anything without digits (the unit). A whole
# hour typed as a time ("11:00") is the number 11: items ask "at what hour" and people write times.
_NUMBER = re.compile(
    r"\s*[€$£]?\s*(?P<sign>[-+\u2212]?)\s*(?P<digits>\d(?:[\d\s.,'\u2019]*\d)?)(?::00)?(?P<rest>\D*)"
)
# "100 000" and "100'000" (Swiss): a space or apostrophe only ever groups thousands.
_SPACED = re.compile(r"\d{1,3}(?:[\s'\u2019]\d{3})+(?:[.,]\d+)?")
_SPACE = re.compile(r"[\s'\u2019]")

# Letters that Unicode does not decompose into a base letter plus a mark, so NFKD alone would
# keep them: Polish ł above all, and a few neighbours of the same kind.
_NOT_DECOMPOSED = str.maketrans(
    {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ħ": "h", "Ħ": "H", "ı": "i"}
)


def read_number(value: Any) -> tuple[float, ...]:
    """Every value a typed number can mean; empty when it is not a number.

    Accepted: "12", "12.0", "12,5" (comma decimal), "-3", " 12 ", "12 characters" or "80%"
    (units after the number are ignored), "€100", "100 000", "100.000,50", "1,234.5", "11:00". Text
    after the number may not contain digits, so a hedge like "12 or 13" is not a number.
    A single "." or "," before exactly three digits ("100,000") is read both ways, 100 and
    100000, because both conventions are common in Europe and the learner meant one of them.
    JSON numbers (not booleans) are taken as they are.
    """
    if isinstance(value, bool):
        return ()
    if isinstance(value, int | float):
        try:
            number = float(value)
        except OverflowError:
            return ()
        return (number,) if math.isfinite(number) else ()
    if not isinstance(value, str):
        return ()
    match = _NUMBER.fullmatch(value)
    if match is None:
        return ()
    sign = -1.0 if match["sign"] in ("-", "\u2212") else 1.0
    values = (sign * number for number in _digits(match["digits"]))
    return tuple(number for number in values if math.isfinite(number))


def unit_after(value: Any) -> str:
    """What a typed number is followed by ("2000 MB" gives "MB"), for items with units."""
    match = _NUMBER.fullmatch(value) if isinstance(value, str) else None
    return " ".join(match["rest"].split()) if match else ""


def _digits(digits: str) -> tuple[float, ...]:
    if _SPACE.search(digits):
        if not _SPACED.fullmatch(digits):
            return ()  # "1 2" is two numbers, not twelve
        return (float(_SPACE.sub("", digits).replace(",", ".")),)
    separators = [char for char in digits if char in ".,"]
    if not separators:
        return (float(digits),)
    if len(set(separators)) == 2:  # "1.234,5" or "1,234.5": the last one is the decimal mark
        decimal = digits[max(digits.rfind("."), digits.rfind(","))]
        thousands = "," if decimal == "." else "."
        whole, fraction = digits.rsplit(decimal, 1)
        if decimal in whole or not _grouped(whole, thousands):
            return ()
        return (float(whole.replace(thousands, "") + "." + fraction),)
    mark = separators[0]
    if len(separators) > 1:  # "1.000.000": thousands only
        return (float(digits.replace(mark, "")),) if _grouped(digits, mark) else ()
    whole, fraction = digits.split(mark)
    as_decimal = float(f"{whole}.{fraction}")
    if len(fraction) == 3 and _grouped(digits, mark):
        return (as_decimal, float(whole + fraction))
    return (as_decimal,)


def _grouped(text: str, mark: str) -> bool:
    return re.fullmatch(rf"\d{{1,3}}(?:{re.escape(mark)}\d{{3}})+", text) is not None


@functools.lru_cache(maxsize=4096)
def normalise_text(text: str, *, ignore_case: bool, ignore_diacritics: bool) -> str:
    """The form two short answers are compared in.

    Always: Unicode NFKC (full-width letters, ligatures), whitespace collapsed to single spaces,
    punctuation around the answer dropped ("Update." is "Update", quotes are ignored).
    ignore_case: Unicode case folding (ß = ss, final sigma = sigma).
    ignore_diacritics: NFKD, combining marks dropped, and ł/Ł, ø, đ, ħ, ı mapped to their base
    letters, which NFKD does not do.
    """
    text = unicodedata.normalize("NFKC", text)
    if ignore_case:
        text = text.casefold()
    if ignore_diacritics:
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in decomposed if not unicodedata.combining(c))
        text = text.translate(_NOT_DECOMPOSED)
    text = " ".join(text.split())
    start, end = 0, len(text)
    while start < end and _is_edge(text[start]):
        start += 1
    while end > start and _is_edge(text[end - 1]):
        end -= 1
    return unicodedata.normalize("NFC", text[start:end])


def _is_edge(char: str) -> bool:
    return char.isspace() or unicodedata.category(char).startswith("P")
