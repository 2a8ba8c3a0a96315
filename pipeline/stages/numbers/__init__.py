"""Read every number in a text: value, range, qualifier, kind, counted noun, unit.

This is the candidates stage's core reader. It is a hand-written grammar over
regular expressions (no spaCy, no model), because it runs on every sentence
of a news firehose: it reads well over 1 MB of text per second on one core.

What it reads (see ``tests/unit/stages/test_numbers.py`` for the table):

* digits with thousands separators and decimals ("38,940", "1.1", "1 000"),
  scale words and suffixes ("1.1 million", "2.5bn", "200k", "$5m");
* number words ("twenty-five", "five hundred thousand", "a dozen",
  "half a million", "a couple hundred") and fractions ("a third", "two-thirds");
* vague amounts ("dozens", "tens of thousands", "several", "a few"), flagged
  ``vague=True`` with the ranges NewsQuant uses for them ("dozens" = 12..120);
* ranges ("20,000 to 25,000", "between 7,000 and 15,000", "20,000-25,000");
* signed increments ("(+6)") and negative numbers;
* the qualifier in front ("over", "up to", "about", "rose by", "fell by"),
  which is never part of ``surface``;
* the kind of number (count, percent, money, year, date, time, duration, age,
  ordinal, measure, fraction, identifier, score) and, for counts, the noun.

quantulum3 is deliberately not used: measured on this machine it costs ~1.4 s
to import plus ~3 s on first parse and ~15 ms per short sentence (about
5 KB/s), and it misreads forms we need ("over half a million" -> 1.5e6,
"$5m" -> 5 dollar-metres). Units are named from our own table instead, using
NewsQuant's ``normalized_unit`` spelling where there is one.

Kinds beyond those listed on ``Quantity``: ``time`` (time of day),
``fraction`` ("a third", "1/16"), ``identifier`` (a number that names a thing:
"Game 6", "S&P 500", "COVID-19") and ``score`` ("a 2-1 win"). Only ``count``
quantities can become loss claims.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsclaims.records import Qualifier, Quantity

__all__ = ["find_quantities", "parse_number"]

# --------------------------------------------------------------------------
# Word lists (module-level so they can be reviewed and extended in one place)
# --------------------------------------------------------------------------

SMALL_NUMBERS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
SCALE_WORDS: dict[str, float] = {
    "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
}
# Abbreviated scales written after digits ("2.5bn", "$5m", "200k", "S$1mil").
SCALE_SUFFIXES: dict[str, float] = {
    "k": 1e3, "K": 1e3, "thousand": 1e3,
    "m": 1e6, "M": 1e6, "mn": 1e6, "mln": 1e6, "mil": 1e6, "mio": 1e6, "million": 1e6,
    "b": 1e9, "B": 1e9, "bn": 1e9, "bln": 1e9, "billion": 1e9,
    "tn": 1e12, "trn": 1e12, "trillion": 1e12,
    "hundred": 1e2, "lakh": 1e5, "crore": 1e7,
}
ORDINAL_WORDS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11,
    "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "hundredth": 100, "thousandth": 1000,
}
# Denominators of written fractions ("a third", "two-thirds", "one fourth").
# "second" is left out on purpose: "a second" is a unit of time.
FRACTION_WORDS: dict[str, int] = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
    "fourth": 4, "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6,
    "seventh": 7, "sevenths": 7, "eighth": 8, "eighths": 8, "ninth": 9,
    "ninths": 9, "tenth": 10, "tenths": 10,
}
# Vague amounts, as (low, high). The plural scale words follow NewsQuant's
# own gold encoding ("Dozens of people" -> 12-120, "tens of thousands" ->
# 10000-100000, "millions of" -> 1e6-1e7). NewsQuant has no encoding for
# "several"/"a few"/"a couple"/"a handful"; those bounds are ours.
VAGUE_PLURALS: dict[str, tuple[float, float]] = {
    "dozens": (12, 120), "scores": (40, 200), "hundreds": (100, 1000),
    "thousands": (1e3, 1e4), "millions": (1e6, 1e7), "billions": (1e9, 1e10),
    "trillions": (1e12, 1e13),
}
VAGUE_QUANTIFIERS: dict[str, tuple[float, float]] = {
    "several": (3, 9), "a few": (2, 5), "a couple of": (2, 3), "a couple": (2, 3),
    "a handful of": (2, 5), "a handful": (2, 5), "a number of": (2, 9),
}
# Adjectives skipped between a count and its noun ("7 more Russian tanks").
NOUN_SKIP_WORDS: frozenset[str] = frozenset("""
more additional new other extra further fresh another total estimated reported
confirmed alleged suspected so-called russian ukrainian israeli palestinian
american british french german chinese iranian syrian sudanese soviet afghan
iraqi lebanese polish belarusian turkish indian pakistani korean japanese
european african arab western enemy allied foreign civilian military
""".split())
# Words that end a noun phrase after a count ("5 killed", "1,200 a day").
NOUN_STOP_WORDS: frozenset[str] = frozenset("""
a an the of in on at by for from to with and or but nor as than that which who
whom whose were was are is be been being have has had will would can could
should may might must do does did not no so if then there this these those its
their his her our your my per each every all both some any such very just only
also about over under less most least including since until
while when where after before during into onto out up down off again here
killed wounded injured died dead missing captured destroyed damaged lost said
says according ago later earlier ago
""".split())
# Uncountable or collective nouns that count without a plural "s".
COLLECTIVE_NOUNS: frozenset[str] = frozenset("""
people personnel staff aircraft police military infantry cattle livestock
equipment artillery troops crew
""".split())
IRREGULAR_SINGULARS: dict[str, str] = {
    "people": "person", "men": "man", "women": "woman", "children": "child",
    "feet": "foot", "teeth": "tooth", "mice": "mouse", "geese": "goose",
    "lives": "life", "knives": "knife", "wolves": "wolf", "halves": "half",
    "series": "series", "species": "species", "aircraft": "aircraft",
    "personnel": "personnel", "staff": "staff", "police": "police",
    "crises": "crisis", "analyses": "analysis", "fishermen": "fisherman",
}
MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11,
    "december": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7,
    "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
# Capitalised words that do not make the next number an identifier
# ("In 2019", "About 300", "Over 450,000"): sentence-initial function words.
CAPITALISED_FUNCTION_WORDS: frozenset[str] = frozenset("""
the a an in on at by for from to with and or but as than of about over under
around nearly almost some approximately roughly estimated more fewer less
least up down since until after before between among including each every
those these its their his her our we they he she it i there here only just
another all both while when where if so that this what which who total
killed lost destroyed wounded captured reported said says say also another
killing losing destroying some nearly another exactly precisely
""".split())
# Context words after a hyphenated pair that make it a sports score.
SCORE_WORDS: frozenset[str] = frozenset("""
win wins won victory victories lead leads led defeat defeats loss losses draw
drew tie tied thrashing triumph scoreline aggregate home away vote decision
""".split())
# Words after which a four-digit number is a year even before a plural noun
# ("in 2018 sales rose") and even below 1800 ("in 1453").
STRONG_YEAR_CONTEXT_WORDS: frozenset[str] = frozenset("in since until till during circa c. ad a.d. bc b.c. by".split())

# --------------------------------------------------------------------------
# Units: surface -> (normalised name, kind). Normalised names follow
# NewsQuant's normalized_unit spelling where it has one.
# --------------------------------------------------------------------------

_CURRENCY_WORDS: dict[str, str] = {
    "dollar": "dollar", "dollars": "dollar", "usd": "dollar", "euro": "euro",
    "euros": "euro", "eur": "euro", "€": "euro", "pound sterling": "pound sterling",
    "pounds sterling": "pound sterling", "sterling": "pound sterling",
    "gbp": "pound sterling", "yen": "japanese yen", "jpy": "japanese yen",
    "yuan": "chinese yuan", "renminbi": "chinese yuan", "rmb": "chinese yuan",
    "cny": "chinese yuan", "hryvnia": "ukrainian hryvnia",
    "hryvnias": "ukrainian hryvnia", "hryvnas": "ukrainian hryvnia",
    "hryvni": "ukrainian hryvnia", "uah": "ukrainian hryvnia",
    "ruble": "russian ruble", "rubles": "russian ruble", "rouble": "russian ruble",
    "roubles": "russian ruble", "rub": "russian ruble", "shekel": "shekel",
    "shekels": "shekel", "nis": "shekel", "ringgit": "malaysian ringgit",
    "rupee": "indian rupee", "rupees": "indian rupee", "inr": "indian rupee",
    "franc": "swiss franc", "francs": "swiss franc", "chf": "swiss franc",
    "krone": "danish krone", "kroner": "danish krone", "crowns": "danish krone",
    "kronor": "swedish krona", "krona": "swedish krona", "won": "south korean won",
    "peso": "peso", "pesos": "peso", "lira": "turkish lira", "rand": "south african rand",
    "riyal": "riyal", "riyals": "riyal", "dirham": "dirham", "dirhams": "dirham",
    "zloty": "polish zloty", "cent": "cent", "cents": "cent", "pence": "penny",
    "sen": "sen", "aud": "australian dollar", "cad": "canadian dollar",
    "bitcoin": "bitcoin", "bitcoins": "bitcoin",
}
# Adjectives naming whose currency ("10.5 million Australian dollars").
_CURRENCY_ADJECTIVES = (
    r"(?:US|U\.S\.|American|Australian|Canadian|New\s+Zealand|Hong\s+Kong|"
    r"Singapore|Singaporean|Taiwan|Taiwanese|Danish|Swedish|Norwegian|Chinese|"
    r"Japanese|Russian|Ukrainian|Israeli|Indian|Swiss|Mexican|Brazilian|"
    r"South\s+African|Turkish|Polish|Malaysian|Saudi|Emirati)\s+"
)
_CURRENCY_PREFIXES: dict[str, str] = {
    "$": "dollar", "us$": "dollar", "u.s.$": "dollar", "$us": "dollar",
    "usd": "dollar", "a$": "australian dollar", "au$": "australian dollar",
    "$a": "australian dollar", "aud": "australian dollar",
    "nz$": "new zealand dollar", "hk$": "hong kong dollar",
    "c$": "canadian dollar", "$c": "canadian dollar", "cad": "canadian dollar",
    "s$": "singapore dollar", "nt$": "new taiwan dollar", "€": "euro",
    "eur": "euro", "£": "pound sterling", "gbp": "pound sterling",
    # "PS" is how '£' comes out of some Latin-1 mangled feeds ("PS2.7m").
    "ps": "pound sterling", "¥": "japanese yen", "y=": "japanese yen",
    "jpy": "japanese yen", "cny": "chinese yuan", "rmb": "chinese yuan",
    "₴": "ukrainian hryvnia", "uah": "ukrainian hryvnia", "₽": "russian ruble",
    "rub": "russian ruble", "₹": "indian rupee", "inr": "indian rupee",
    "rs": "indian rupee", "rs.": "indian rupee", "rm": "malaysian ringgit",
    "chf": "swiss franc", "₪": "shekel", "r": "south african rand",
}
# (surface, normalised unit, kind). Case-sensitive entries are marked below.
_UNIT_TABLE: list[tuple[str, str, str]] = [
    # durations
    ("seconds", "second", "duration"), ("second", "second", "duration"),
    ("secs", "second", "duration"), ("sec", "second", "duration"),
    ("minutes", "minute", "duration"), ("minute", "minute", "duration"),
    ("mins", "minute", "duration"), ("min", "minute", "duration"),
    ("hours", "hour", "duration"), ("hour", "hour", "duration"),
    ("hrs", "hour", "duration"), ("hr", "hour", "duration"),
    ("days", "day", "duration"), ("day", "day", "duration"),
    ("weeks", "week", "duration"), ("week", "week", "duration"),
    ("months", "month", "duration"), ("month", "month", "duration"),
    ("years", "year", "duration"), ("year", "year", "duration"),
    ("yrs", "year", "duration"), ("decades", "decade", "duration"),
    ("decade", "decade", "duration"), ("centuries", "century", "duration"),
    ("century", "century", "duration"),
    # length / area / volume
    ("kilometres", "kilometre", "measure"), ("kilometers", "kilometre", "measure"),
    ("kilometre", "kilometre", "measure"), ("kilometer", "kilometre", "measure"),
    ("km/h", "kilometre per hour", "measure"), ("km/hr", "kilometre per hour", "measure"),
    ("kph", "kilometre per hour", "measure"), ("kmh", "kilometre per hour", "measure"),
    ("km2", "square kilometre", "measure"), ("sq km", "square kilometre", "measure"),
    ("square kilometres", "square kilometre", "measure"),
    ("square kilometers", "square kilometre", "measure"),
    ("km", "kilometre", "measure"),
    ("metres", "metre", "measure"), ("meters", "metre", "measure"),
    ("metre", "metre", "measure"), ("meter", "metre", "measure"),
    ("square metres", "square metre", "measure"), ("square meters", "square metre", "measure"),
    ("sq m", "square metre", "measure"), ("sqm", "square metre", "measure"),
    ("m2", "square metre", "measure"), ("m²", "square metre", "measure"),
    ("cubic metres", "cubic metre", "measure"), ("cubic meters", "cubic metre", "measure"),
    ("centimetres", "centimetre", "measure"), ("centimeters", "centimetre", "measure"),
    ("cm", "centimetre", "measure"), ("millimetres", "millimetre", "measure"),
    ("millimeters", "millimetre", "measure"), ("millimeter", "millimetre", "measure"),
    ("millimetre", "millimetre", "measure"), ("mm", "millimetre", "measure"),
    ("μm", "micrometre", "measure"), ("µm", "micrometre", "measure"),
    ("microns", "micrometre", "measure"), ("nanometres", "nanometre", "measure"),
    ("nanometers", "nanometre", "measure"), ("nanometer", "nanometre", "measure"),
    ("nm", "nanometre", "measure"),
    ("miles per hour", "mile per hour", "measure"), ("miles an hour", "mile per hour", "measure"),
    ("mph", "mile per hour", "measure"), ("m.p.h.", "mile per hour", "measure"),
    ("miles per gallon", "mile per gallon", "measure"), ("mpg", "mile per gallon", "measure"),
    ("square miles", "square mile", "measure"), ("square mile", "square mile", "measure"),
    ("miles", "mile", "measure"), ("mile", "mile", "measure"),
    ("nautical miles", "nautical mile", "measure"),
    ("square feet", "square foot", "measure"), ("square foot", "square foot", "measure"),
    ("sq ft", "square foot", "measure"), ("cubic feet", "cubic foot", "measure"),
    ("feet", "foot", "measure"), ("foot", "foot", "measure"), ("ft", "foot", "measure"),
    ("inches", "inch", "measure"), ("inch", "inch", "measure"), ("in.", "inch", "measure"),
    ("″", "inch", "measure"), ("yards", "yard", "measure"), ("yard", "yard", "measure"),
    ("yd", "yard", "measure"), ("acres", "acre", "measure"), ("acre", "acre", "measure"),
    ("hectares", "hectare", "measure"), ("hectare", "hectare", "measure"),
    ("ha", "hectare", "measure"),
    ("litres", "litre", "measure"), ("liters", "litre", "measure"),
    ("litre", "litre", "measure"), ("liter", "litre", "measure"),
    ("millilitres", "millilitre", "measure"), ("milliliters", "millilitre", "measure"),
    ("ml", "millilitre", "measure"), ("mL", "millilitre", "measure"),
    ("l", "litre", "measure"), ("gallons", "gallon", "measure"),
    ("gallon", "gallon", "measure"), ("barrels per day", "barrel per day", "measure"),
    ("barrels a day", "barrel per day", "measure"), ("barrel-a-day", "barrel per day", "measure"),
    ("barrels", "barrel", "measure"), ("barrel", "barrel", "measure"),
    ("bpd", "barrel per day", "measure"), ("pints", "pint", "measure"),
    ("ounces", "ounce", "measure"), ("ounce", "ounce", "measure"), ("oz", "ounce", "measure"),
    # mass
    ("kilograms", "kilogram", "measure"), ("kilogram", "kilogram", "measure"),
    ("kilos", "kilogram", "measure"), ("kg", "kilogram", "measure"),
    ("grams", "gram", "measure"), ("gram", "gram", "measure"), ("g", "gram", "measure"),
    ("milligrams", "milligram", "measure"), ("mg", "milligram", "measure"),
    ("tonnes", "metric ton", "measure"), ("tonne", "metric ton", "measure"),
    ("tons", "ton", "measure"), ("ton", "ton", "measure"),
    ("pounds", "pound-mass", "measure"), ("pound", "pound-mass", "measure"),
    ("lbs", "pound-mass", "measure"), ("lb", "pound-mass", "measure"),
    ("pound-feet", "pound-foot", "measure"), ("lb-ft", "pound-foot", "measure"),
    # energy / power / physics
    ("horsepower", "horsepower", "measure"), ("hp", "horsepower", "measure"),
    ("HP", "horsepower", "measure"), ("bhp", "brake horsepower", "measure"),
    ("rpm", "revolutions per minute", "measure"),
    ("kilowatts", "kilowatt", "measure"), ("kW", "kilowatt", "measure"),
    ("kw", "kilowatt", "measure"), ("megawatts", "megawatt", "measure"),
    ("megawatt", "megawatt", "measure"), ("MW", "megawatt", "measure"),
    ("gigawatts", "gigawatt", "measure"), ("gigawatt", "gigawatt", "measure"),
    ("GW", "gigawatt", "measure"), ("GWh", "gigawatt hour", "measure"),
    ("kWh", "kilowatt hour", "measure"), ("MWh", "megawatt hour", "measure"),
    ("watts", "watt", "measure"), ("W", "watt", "measure"),
    ("volts", "volt", "measure"), ("V", "volt", "measure"), ("kV", "kilovolt", "measure"),
    ("mAh", "milliampere-hour", "measure"), ("Nm", "newton metre", "measure"),
    ("GHz", "gigahertz", "measure"), ("Ghz", "gigahertz", "measure"),
    ("MHz", "megahertz", "measure"), ("kHz", "kilohertz", "measure"),
    ("Hz", "hertz", "measure"), ("HZ", "hertz", "measure"),
    ("GB", "gigabyte", "measure"), ("TB", "terabyte", "measure"), ("MB", "megabyte", "measure"),
    ("Mbps", "megabit per second", "measure"),
    ("decibels", "decibel", "measure"), ("dB", "decibel", "measure"),
    ("GPa", "gigapascal", "measure"), ("MPa", "megapascal", "measure"),
    ("ksi", "kilopound per square inch", "measure"), ("psi", "pound per square inch", "measure"),
    ("degrees celsius", "celsius", "measure"), ("degrees Celsius", "celsius", "measure"),
    ("degrees fahrenheit", "fahrenheit", "measure"), ("degrees Fahrenheit", "fahrenheit", "measure"),
    ("°C", "celsius", "measure"), ("°F", "fahrenheit", "measure"),
    ("degC", "celsius", "measure"), ("degF", "fahrenheit", "measure"),
    ("Celsius", "celsius", "measure"), ("Fahrenheit", "fahrenheit", "measure"),
    ("C", "celsius", "measure"), ("F", "fahrenheit", "measure"),
    ("degrees", "degree", "measure"), ("degree", "degree", "measure"), ("°", "degree", "measure"),
    ("calories", "calorie", "measure"), ("Calories", "calorie", "measure"),
    ("ppm", "part per million", "measure"), ("parts per million", "part per million", "measure"),
    ("ppb", "parts-per-billion", "measure"), ("knots", "knot", "measure"), ("kt", "knot", "measure"),
    ("basis points", "basis point", "measure"), ("basis point", "basis point", "measure"),
    ("bps", "basis point", "measure"), ("points", "point", "measure"), ("pts", "point", "measure"),
    ("megatons", "megaton", "measure"), ("kilotons", "kiloton", "measure"),
]
# Units written only in this exact case (a lower-case "c" or "v" is no unit).
_CASE_SENSITIVE_UNITS = frozenset({
    "C", "F", "V", "W", "GB", "TB", "MB", "HP", "kW", "MW", "GW", "GWh", "kWh",
    "MWh", "GHz", "MHz", "kHz", "Hz", "HZ", "Ghz", "GPa", "MPa", "Nm", "mL",
    "dB", "kV", "mAh", "Calories", "Celsius", "Fahrenheit",
})
# Exact-case lookup first; case-folded lookup only for units whose case does
# not matter ("KM", "Miles"), never for "C", "W", "mL"-style symbols.
_UNIT_EXACT: dict[str, tuple[str, str]] = {}
_UNIT_FOLDED: dict[str, tuple[str, str]] = {}
for _surface, _norm, _kind in _UNIT_TABLE:
    _UNIT_EXACT.setdefault(_surface, (_norm, _kind))
    if _surface not in _CASE_SENSITIVE_UNITS:
        _UNIT_FOLDED.setdefault(_surface.lower(), (_norm, _kind))
# Single letters that are a unit only when written right after the digits
# or followed by a clear boundary ("5 g" is fine; "in 5 l" is risky).
_SHORT_UNITS = frozenset({"g", "l", "C", "F", "V", "W", "ha", "kt", "in.", "ft", "°"})

# --------------------------------------------------------------------------
# Compiled patterns
# --------------------------------------------------------------------------

_NUMBER_WORD_ALT = "|".join(
    sorted(list(SMALL_NUMBERS) + list(TENS) + ["hundred", "dozen"] + list(SCALE_WORDS),
           key=len, reverse=True))
_TRIGGER_WORDS = sorted(
    set(SMALL_NUMBERS) | set(TENS) | {"hundred", "dozen", "dozens", "half", "several",
                                      "few", "couple", "handful", "tens", "number"}
    | set(SCALE_WORDS) | set(VAGUE_PLURALS) | set(ORDINAL_WORDS) | set(FRACTION_WORDS),
    key=len, reverse=True)
# One pass over the text finds every place a number may start: a run of
# digits (checked not to be glued to a word) or a number/ordinal/vague word.
_SCAN = re.compile(r"[A-Za-z]+|[-+−]?\.?\d+")
_TRIGGER_SET = frozenset(w.lower() for w in _TRIGGER_WORDS) | frozenset(
    w + "fold" for w in list(SMALL_NUMBERS) + list(TENS))
# Currency codes written glued to the digits ("RM79", "USD10m", "$US160").
_GLUED_CURRENCY_CODES = ("RM", "PS", "USD", "EUR", "GBP", "AUD", "CAD", "INR", "JPY", "CNY", "RMB", "UAH",
                         "RUB", "CHF", "Rs", "$US", "$A", "$C", "US", "NZ", "HK", "AU")
_GLUED_CURRENCY_BEFORE = re.compile(
    r"(?<![A-Za-z])(?:" + "|".join(re.escape(c) for c in _GLUED_CURRENCY_CODES) + r")-?$")
_DIGITS = re.compile(
    r"(?P<int>\d{1,3}(?:,\d{3})+(?![\d])|\d{1,3}(?:[\u00a0\u202f\u2009 ]\d{3})+(?![\d,]|\.\d)|\d+)?"
    r"(?P<frac>\.\d+)?"
)
_SCALE_AFTER = re.compile(
    r"(?P<sep>[ \u00a0]?-?[ \u00a0]?)(?P<scale>(?i:trillion|billion|million|thousand|hundred)|lakh|crore|"
    r"bn|bln|mn|mln|mil|mio|tn|trn|k|K|m|M|b|B)(?![A-Za-z\d])"
)
_WORD = re.compile(r"[A-Za-z]+")
_NUMBER_WORD = re.compile(r"(?:" + _NUMBER_WORD_ALT + r")(?![A-Za-z])", re.IGNORECASE)
_UNIT_ALT = "|".join(re.escape(u) for u in sorted({u for u, _, _ in _UNIT_TABLE}, key=len, reverse=True))
_UNIT_AFTER = re.compile(r"(?P<sep>[ \u00a0]?-?[ \u00a0]?)(?P<unit>" + _UNIT_ALT + r")(?![A-Za-z\d])", re.IGNORECASE)

_PERCENT_AFTER = re.compile(
    r"[ \u00a0]?-?(?:percentage[ -]points?|per[ \u00a0]cent|percent|pct|pc|%)(?![A-Za-z])", re.IGNORECASE)
_CURRENCY_WORD_ALT = "|".join(re.escape(w) for w in sorted(_CURRENCY_WORDS, key=len, reverse=True))
_CURRENCY_AFTER = re.compile(
    r"[ \u00a0]?-?(?P<adj>" + _CURRENCY_ADJECTIVES + r")?(?P<cur>" + _CURRENCY_WORD_ALT + r")(?![A-Za-z])",
    re.IGNORECASE)
_CURRENCY_BEFORE = re.compile(
    r"(?:(?<![A-Za-z])(?P<sym>US\s?\$|U\.S\.\s?\$|A\$|AU\s?\$|NZ\s?\$|HK\s?\$|C\s?\$|S\s?\$|NT\s?\$|"
    r"\$\s?US|\$\s?A|\$\s?C|\$|€|£|¥|₴|₽|₹|₪|Y=)|(?<![A-Za-z])(?P<code>USD|EUR|GBP|JPY|CNY|RMB|AUD|CAD|"
    r"INR|UAH|RUB|CHF|Rs\.?|RM|PS|R))[ \u00a0]?-?$"
)
_AGE_AFTER = re.compile(
    r"(?:[ \u00a0]?-?(?P<u>year|month|week|day)s?[ \u00a0-]old(?![A-Za-z])|[ \u00a0](?P<u2>year|month)s[ \u00a0]of[ \u00a0]age)",
    re.IGNORECASE)
_AGE_BEFORE = re.compile(r"(?:\baged?|\bages|\bage of|\bat the age of)[ \u00a0]+$", re.IGNORECASE)
_ORDINAL_SUFFIX = re.compile(r"(?:st|nd|rd|th)(?![A-Za-z])", re.IGNORECASE)
_TIME_AFTER = re.compile(
    r"(?::\d{2}(?::\d{2})?(?:\.\d+)?)?[ \u00a0]?(?:[ap]\.m\.|[ap]m(?![A-Za-z])|[AP]M(?![A-Za-z]))"
    r"|:\d{2}(?::\d{2})?(?:\.\d+)?(?![\d])|[ \u00a0](?:GMT|UTC|EDT|EST|PDT|PST|CET|CEST|BST|ET|PT)(?![A-Za-z])")
# "164p", "68 p at": pence, but not "p.m." and not a word starting with p.
_PENCE_AFTER = re.compile(r"[ \u00a0]?p(?![A-Za-z.])(?![ \u00a0]?m\b)|p(?=\.(?:[ \u00a0]|$))")
# Scientific notation after a mantissa: "2.998×10−8", "6 x 10^23".
# The exponent needs a marker ("^", "**") or a minus, so "5 x 100 m" is no exponent.
_SCIENTIFIC_AFTER = re.compile(r"[ \u00a0]?[×x*][ \u00a0]?10(?:(?:\^|\*\*)(?P<e>[-−]?\d{1,3})|(?P<neg>[-−]\d{1,3}))(?![\d.])")
# Street addresses: "49 Zorro Ranch Road", "22 Ave Foch".
_ADDRESS_AFTER = re.compile(
    r"[ \u00a0]+(?:(?:[A-Z][a-z]*\.?|\d+(?:st|nd|rd|th))[ \u00a0]+){0,3}(?:St|Street|Rd|Road|Ave|Avenue|Way|Lane|Ln|Drive|Dr|"
    r"Boulevard|Blvd|Place|Pl|Court|Ct|Square|Sq|Terrace|Highway|Hwy)\b(?!-)|[ \u00a0]+(?:Ave|Avenue|Rue|Via|Calle)[ \u00a0]+[A-Z]")
_DOTTED_TIME = re.compile(r"\d{1,2}\.\d{2}[ \u00a0]?(?:[ap]\.m\.|[ap]m(?![A-Za-z]))", re.IGNORECASE)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:T[\d:.]+Z?)?|\d{1,2}/\d{1,2}/\d{2,4}")
_MONTH_BEFORE = re.compile(
    r"\b(?P<m>January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?,?[ \u00a0]+$")
_MONTH_AFTER = re.compile(
    r"(?:st|nd|rd|th)?[ \u00a0]+(?:of[ \u00a0]+)?(?P<m>January|February|March|April|May|June|July|August|"
    r"September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?![a-z])\.?"
    r"(?:,?[ \u00a0]+(?P<y>\d{4})(?!\d))?")
_YEAR_AFTER_DATE = re.compile(r",?[ \u00a0]+(?P<y>\d{4})(?![\d,.])")
_RANGE_CONNECTOR = re.compile(
    r"(?P<sp1>[ \u00a0]*)(?P<c>-to-|–|—|-|to|and|through|thru|up to)(?P<sp2>[ \u00a0]*)(?P<cur>"
    r"US\s?\$|A\$|AU\s?\$|NZ\s?\$|HK\s?\$|C\s?\$|S\s?\$|\$\s?US|\$\s?A|\$|€|£|¥|₴|₽|₹|Y=|RM|PS)?(?=[\d.a-zA-Z])",
    re.IGNORECASE)

# Qualifier phrases that end right before the number (after any currency).
# Qualifier phrases written right before a number (after any currency sign).
AT_LEAST_PHRASES: frozenset[str] = frozenset("""more than|over than|well over|just over|over|at least|
upwards of|in excess of|surpass|surpassed|surpassing|surpasses|exceed|exceeded|exceeding|exceeds|passed|passing|topped|
topping|above|no fewer than|no less than|not less than|north of""".replace("\n", "").split("|"))
AT_MOST_PHRASES: frozenset[str] = frozenset("""fewer than|less than|up to|just under|under|no more than|
not more than|below|at most|lower than|a maximum of|maximum of|as few as|as little as|as many as|
as high as|as much as|sub-""".replace("\n", "").split("|"))
ABOUT_PHRASES: frozenset[str] = frozenset("""approximately|approx.|about|around|some|nearly|almost|roughly|
an estimated|estimated|estimated at|estimated that|estimated to be|circa|ca.|close to|closer to|
nearing|approaching|barely|~|≈""".replace("\n", "").split("|"))
# Direction words. UP_/DOWN_ANY read as a change of any quantity; the LEVEL
# lists ("lost 7 tanks", "added 5 jobs") are a change only for levels such as
# percentages, money or points, because with a count they state the count.
UP_ANY: frozenset[str] = frozenset("""rose rises risen rising increased increases jumped jumps climbed climbs
grew soared surged rallied advanced advancing spiked""".split())
DOWN_ANY: frozenset[str] = frozenset("""fell falls fallen falling declined declines decreased decreases plunged
plummeted tumbled slumped slid slipped sank dipped""".split()) | {"edged down"}
UP_LEVEL: frozenset[str] = frozenset("up gained gains gaining added adds adding climbing rise increase jump".split())
DOWN_LEVEL: frozenset[str] = frozenset("""down lost loses losing shed sheds dropped drops dropping drop eased cut fall
decline lower reduced""".split())
UP_OF: frozenset[str] = frozenset({"increase of", "rise of", "growth of", "gain of"})
DOWN_OF: frozenset[str] = frozenset({"decrease of", "reduction of", "drop of", "decline of", "fall of"})


def _suffix_matcher(phrases: set[str] | frozenset[str]) -> re.Pattern[str]:
    """A pattern that finds which phrase ends a text, matched on the reversed text.

    Matching the reversed window once at position 0 costs one attempt, where
    ``search(... $)`` over the window would try every start position.
    """
    alts = []
    for phrase in sorted(phrases, key=len, reverse=True):
        words = [re.escape(w[::-1]) for w in reversed(phrase.split())]
        alts.append(r"[ \u00a0]+".join(words))
    return re.compile(r"[ \u00a0]*(?P<p>" + "|".join(alts) + r")(?![A-Za-z])", re.IGNORECASE)


_QUALIFIER_REV = _suffix_matcher(AT_LEAST_PHRASES | AT_MOST_PHRASES | ABOUT_PHRASES)
_DIRECTION_PHRASES = (UP_ANY | DOWN_ANY | UP_LEVEL | DOWN_LEVEL | UP_OF | DOWN_OF
                      | {f"{w} by" for w in UP_ANY | DOWN_ANY | UP_LEVEL | DOWN_LEVEL | UP_OF | DOWN_OF})
_DIRECTION_REV = _suffix_matcher(_DIRECTION_PHRASES)
# "passed the grim milestone of 500,000": the qualifier governs a noun that
# names the number.
_MILESTONE_BEFORE = re.compile(
    r"\b(?:passed|surpassed|surpass(?:es)?|exceeded|exceeds?|topped|tops|crossed|crosses|broke|breached)"
    r"[ \u00a0]+the[ \u00a0]+(?:[A-Za-z-]+[ \u00a0]+){0,2}(?:mark|milestone|threshold|barrier|level)[ \u00a0]+of[ \u00a0]*$",
    re.IGNORECASE)
_PREV_WORD_REV = re.compile(r"[ \u00a0]+(?P<w>[\w&'.-]+)")


def _phrase_before(pattern: re.Pattern[str], text: str, end: int, width: int = 40) -> tuple[str, int] | None:
    """The phrase from ``pattern`` that ends at ``end`` (lower-case, single-spaced) and its length in ``text``, or None."""
    window = text[max(0, end - width):end][::-1]
    m = pattern.match(window)
    if not m:
        return None
    return " ".join(m.group("p")[::-1].lower().split()), len(m.group(0))


_BETWEEN_FROM_BEFORE = re.compile(r"(?<![A-Za-z])(?P<w>between|from)[ \u00a0]+$", re.IGNORECASE)
_AFTER_QUALIFIER = re.compile(r"(?P<more>[ \u00a0]+or[ \u00a0]+more|-plus|\+(?![\d]))|(?P<about>[ \u00a0]+or[ \u00a0]+so|-odd)(?![A-Za-z])", re.IGNORECASE)
_NEXT_WORD = re.compile(r"[ \u00a0]+(?P<w>[A-Za-z][A-Za-z'’-]*)")
_NOUN_TOKEN = re.compile(r"[ \u00a0]+(?P<w>[A-Za-z][A-Za-z'’-]*)")
_NO_BEFORE = re.compile(r"(?:\bNo\.|\bno\.|#|\bNos?\.)[ \u00a0]*$")
_FRACTION_SLASH = re.compile(r"[/⁄](?P<d>\d+)(?![\d/])")
_OUT_OF = re.compile(r"[ \u00a0]+(?:out[ \u00a0]+of|in)[ \u00a0]+(?P<d>\d+|" + "|".join(SMALL_NUMBERS) + r"|" + "|".join(TENS) + r")(?![\w])", re.IGNORECASE)


@dataclass(slots=True)
class _Core:
    """A bare number as read, before ranges, qualifiers and units."""

    start: int
    end: int
    value: float
    has_scale: bool = False
    is_word: bool = False
    raw_int: bool = False       # digits only, no separator, no decimal, no scale
    n_digits: int = 0
    vague: tuple[float, float] | None = None
    fraction: bool = False
    ordinal: bool = False
    signed: str = ""            # "+" or "-" when written with a sign
    multiplier: bool = False    # "sixfold"


def _scale_ok(text: str, scale: str, scale_end: int, glued: bool, currency: bool, decimal: bool) -> bool:
    """Whether a short scale letter after digits really is a scale (vs. a unit)."""
    if scale in ("m", "M"):
        if currency or scale == "M":
            return True
        nxt = text[scale_end:scale_end + 12]
        # "37m (121ft)", "a 5m-long wall", "50m away": metres.
        if re.match(r"[ \u00a0]*\(|-|[ \u00a0]+(?:long|high|tall|wide|deep|away|above|below|across|"
                    r"high|in|from|of[ \u00a0]+water|radius|diameter|square|cubic)\b", nxt):
            # "35m of its devices" is million; "5m of water" is metres.
            return bool(re.match(r"[ \u00a0]+of[ \u00a0]+(?!water)", nxt))
        return decimal or bool(re.match(r"[ \u00a0]+[A-Za-z]+s\b|[ \u00a0]+(?:people|of)\b", nxt))
    if scale == "b":
        return glued or currency
    if scale == "B":
        return True
    if scale in ("k", "K"):
        return glued
    return True


def _read_words(text: str, pos: int) -> tuple[int, float] | None:
    """Read a spelled-out number ("twenty-five", "five hundred and six thousand").

    Returns (end, value) or None. Stops before anything that would make the
    phrase two numbers ("one two"); "and" is read only between a scale word
    and a following number word, as in "two hundred and five".
    """
    total = 0.0
    current = 0.0
    last = ""           # "unit", "teen", "tens", "hundred", "scale"
    end = pos
    i = pos
    read_any = False
    while True:
        m = _NUMBER_WORD.match(text, i)
        if not m:
            break
        w = m.group(0).lower()
        if w in SMALL_NUMBERS:
            val = SMALL_NUMBERS[w]
            if last in ("unit", "teen") or (last == "tens" and val >= 10) or (last == "tens" and val == 0):
                break
            current += val
            last = "teen" if val >= 10 else "unit"
        elif w in TENS:
            if last in ("unit", "teen", "tens"):
                break
            current += TENS[w]
            last = "tens"
        elif w == "hundred":
            if last == "hundred" or (last == "scale" and current == 0 and read_any and total == 0):
                break
            current = (current or 1) * 100
            last = "hundred"
        elif w == "dozen":
            if last in ("hundred", "scale"):
                break
            current = (current or 1) * 12
            last = "scale"
        else:  # thousand/million/...
            scale = SCALE_WORDS[w]
            if last == "scale" and current == 0:
                # "a million billion" is not news English; stop.
                break
            total += (current or 1) * scale
            current = 0
            last = "scale"
        read_any = True
        end = m.end()
        # Separator to the next word: one space, or a hyphen inside "twenty-five".
        j = end
        sep = re.match(r"-|[ \u00a0]+(?:and[ \u00a0]+)?", text[j:j + 8])
        if not sep:
            break
        if "and" in sep.group(0) and last not in ("hundred", "scale"):
            break
        i = j + sep.end()
    if not read_any:
        return None
    return end, total + current


def _read_core(text: str, pos: int) -> _Core | None:
    """Read one bare number starting at ``pos`` (a trigger position)."""
    ch = text[pos]
    sign = ""
    start = pos
    if ch in "+-−":
        sign = "+" if ch == "+" else "-"
        pos += 1
    if pos < len(text) and (text[pos].isdigit() or text[pos] == "."):
        m = _DIGITS.match(text, pos)
        if not m or not m.group(0) or m.group(0) == ".":
            return None
        int_part = m.group("int") or "0"
        frac = m.group("frac") or ""
        clean = re.sub(r"[,\u00a0\u202f\u2009 ]", "", int_part)
        value = float(clean + frac)
        end = m.end()
        core = _Core(start=start, end=end, value=value,
                     raw_int=(not frac and clean == int_part), n_digits=len(clean))
        xm = _SCIENTIFIC_AFTER.match(text, end)
        if xm:
            core.value = value * 10.0 ** int((xm.group("e") or xm.group("neg")).replace("−", "-"))
            core.end = xm.end()
            core.raw_int = False
            if sign == "-":
                core.value = -core.value
            core.signed = sign
            return core
        # Scale words/suffixes: "1.1 million", "2.5bn", "4 hundred million".
        currency = bool(_CURRENCY_BEFORE.search(text, max(0, start - 6), start))
        while True:
            sm = _SCALE_AFTER.match(text, core.end)
            if not sm:
                break
            scale = sm.group("scale")
            glued = sm.group("sep") == ""
            if len(scale) == 1 and not glued and scale not in ("B", "M"):
                break
            if scale in ("k", "K", "m", "M", "b", "B") and not _scale_ok(text, scale, sm.end(), glued, currency, bool(frac)):
                break
            if scale.lower() in ("hundred",) and core.has_scale:
                break
            # "thousands" is vague, not "x thousand": the (?![A-Za-z]) guard handles it.
            scale = scale if scale in SCALE_SUFFIXES else scale.lower()    # "1 Million" in a headline
            core.value *= SCALE_SUFFIXES[scale]
            core.has_scale = True
            core.raw_int = False
            core.end = sm.end()
            if scale not in ("hundred", "thousand"):
                break
        if sign == "-":
            core.value = -core.value
        core.signed = sign
        return core
    if sign:
        return None
    # Words.
    wm = _WORD.match(text, pos)
    if not wm:
        return None
    word = wm.group(0)
    low = word.lower()
    # "a"/"an" in front of a scale or vague word: "a dozen", "a few", "a third".
    a_before = re.search(r"(?<![A-Za-z])(?:a|an|A|An)[ \u00a0]+$", text[max(0, pos - 4):pos])
    a_start = pos - len(a_before.group(0)) if a_before else pos
    if low in ("few", "couple", "handful", "number"):
        if not a_before:
            return None
        phrase_end = wm.end()
        of = re.match(r"[ \u00a0]+of(?![A-Za-z])", text[phrase_end:phrase_end + 5])
        # "a couple hundred", "a few thousand": a vague multiple of a scale.
        sc = re.match(r"[ \u00a0]+(hundred|thousand|million|billion)(?![A-Za-z])", text[phrase_end:phrase_end + 12], re.I)
        key = "a " + low
        if low == "number" and not of:
            return None
        if sc:
            mult = SCALE_SUFFIXES[sc.group(1).lower()]
            if low == "couple":
                return _Core(start=a_start, end=phrase_end + sc.end(), value=2 * mult, is_word=True, has_scale=True)
            lo, hi = VAGUE_QUANTIFIERS[key]
            return _Core(start=a_start, end=phrase_end + sc.end(), value=lo * mult, is_word=True,
                         has_scale=True, vague=(lo * mult, hi * mult))
        if low == "couple" and not of:
            return None
        lo, hi = VAGUE_QUANTIFIERS[key]
        return _Core(start=a_start, end=phrase_end, value=lo, is_word=True, vague=(lo, hi))
    if low == "several":
        phrase_end = wm.end()
        sc = re.match(r"[ \u00a0]+(hundred|thousand|million|billion)(?![A-Za-z])", text[phrase_end:phrase_end + 12], re.I)
        lo, hi = VAGUE_QUANTIFIERS["several"]
        if sc:
            mult = SCALE_SUFFIXES[sc.group(1).lower()]
            return _Core(start=pos, end=phrase_end + sc.end(), value=lo * mult, is_word=True,
                         has_scale=True, vague=(lo * mult, hi * mult))
        return _Core(start=pos, end=phrase_end, value=lo, is_word=True, vague=(lo, hi))
    if low == "tens" or low in VAGUE_PLURALS:
        # "tens of thousands", "hundreds of millions", "dozens", "thousands".
        m2 = re.match(r"(?P<a>tens|hundreds|dozens)[ \u00a0]+of[ \u00a0]+(?P<b>thousands|millions|billions)(?![A-Za-z])",
                      text[pos:pos + 40], re.IGNORECASE)
        if m2:
            a = m2.group("a").lower()
            lo_b, _ = VAGUE_PLURALS[m2.group("b").lower()]
            mult = {"tens": 10, "hundreds": 100, "dozens": 12}[a]
            lo = mult * lo_b
            return _Core(start=pos, end=pos + m2.end(), value=lo, is_word=True, vague=(lo, lo * 10))
        if low == "tens" or low == "scores":
            return None
        # Only as an amount: "hundreds of", "thousands more", "by the thousands".
        after = text[wm.end():wm.end() + 8]
        before = text[max(0, pos - 8):pos].lower()
        if not (re.match(r"[ \u00a0]+(?:of|more|upon|had|have|were|are|died|killed|fled)\b", after)
                or re.search(r"\b(?:the|in|by)[ \u00a0]+$", before)):
            return None
        lo, hi = VAGUE_PLURALS[low]
        return _Core(start=pos, end=wm.end(), value=lo, is_word=True, vague=(lo, hi))
    if low == "half":
        # "half a million", "one and a half" (handled by caller), "half of", "half the".
        m2 = re.match(r"half[ \u00a0-]+an?[ \u00a0]+(?P<s>dozen|hundred|thousand|million|billion|trillion)(?![A-Za-z])",
                      text[pos:pos + 30], re.IGNORECASE)
        if m2:
            s = m2.group("s").lower()
            mult = 12 if s == "dozen" else SCALE_SUFFIXES[s]
            return _Core(start=pos, end=pos + m2.end(), value=0.5 * mult, is_word=True, has_scale=True)
        m2 = re.match(r"half[ \u00a0]+an?[ \u00a0]+(?=(?:hour|day|year|minute|mile|century|decade)\b)", text[pos:pos + 20], re.I)
        if m2:
            return _Core(start=pos, end=pos + 4, value=0.5, is_word=True)
        before = text[max(0, pos - 12):pos].lower()
        if re.search(r"(?:\bthe|\bfirst|\bsecond|\bthird|\ba|\band|\bin|-)[ \u00a0]*$", before):
            return None
        if re.match(r"[ \u00a0]+(?:of|the|its|their|his|her|our|all)\b", text[wm.end():wm.end() + 8], re.I):
            return _Core(start=pos, end=wm.end(), value=0.5, is_word=True, fraction=True)
        return None
    if low in ORDINAL_WORDS and low not in SMALL_NUMBERS:
        # A denominator after a numerator is handled where the numerator is
        # read; a bare "a third of"/"a quarter of" is a fraction.
        if low in FRACTION_WORDS and a_before and re.match(r"[ \u00a0]+(?:of|the)\b", text[wm.end():wm.end() + 6], re.I):
            return _Core(start=a_start, end=wm.end(), value=1 / FRACTION_WORDS[low], is_word=True, fraction=True)
        if low in FRACTION_WORDS and low.endswith("s"):
            return None
        if low == "second" and re.search(r"(?:\bper|\ba|\beach|\bevery|\bone|\bsplit)[ \u00a0]+$", text[max(0, pos - 7):pos], re.I):
            return None     # "metres per second", "a split second": the unit
        return _Core(start=pos, end=wm.end(), value=float(ORDINAL_WORDS[low]), is_word=True, ordinal=True)
    if low in FRACTION_WORDS:
        return None
    if low in ("hundred", "thousand", "million", "billion", "trillion", "dozen"):
        if not a_before:
            return None
        res = _read_words(text, pos)
        if res is None:
            return None
        end, value = res
        return _Core(start=a_start, end=end, value=value, is_word=True, has_scale=True)
    if low.endswith("fold") and low[:-4] in SMALL_NUMBERS | TENS:
        # "sixfold": a multiplier, read as its number.
        return _Core(start=pos, end=wm.end(), value=float((SMALL_NUMBERS | TENS)[low[:-4]]), is_word=True,
                     multiplier=True)
    if low not in SMALL_NUMBERS and low not in TENS:
        return None
    res = _read_words(text, pos)
    if res is None:
        return None
    end, value = res
    core = _Core(start=pos, end=end, value=value, is_word=True,
                 has_scale=bool(re.search(r"hundred|thousand|million|billion|trillion|dozen", text[pos:end], re.I)))
    # Fractions written with a numerator word: "two-thirds", "one fourth".
    fm = re.match(r"(?:-|[ \u00a0]+)(?P<d>halves|half|thirds?|quarters?|fourths?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?)(?![A-Za-z])",
                  text[end:end + 12], re.IGNORECASE)
    if fm and value < 20:
        den = FRACTION_WORDS[fm.group("d").lower()]
        return _Core(start=pos, end=end + fm.end(), value=value / den, is_word=True, fraction=True)
    # "two and a half", "one and a half million".
    hm = re.match(r"[ \u00a0]+and[ \u00a0]+a[ \u00a0]+half(?![A-Za-z])", text[end:end + 16], re.IGNORECASE)
    if hm and not core.has_scale:
        core.value += 0.5
        core.end = end + hm.end()
        sm = re.match(r"[ \u00a0]+(thousand|million|billion|trillion)(?![A-Za-z])", text[core.end:core.end + 12], re.I)
        if sm:
            core.value *= SCALE_SUFFIXES[sm.group(1).lower()]
            core.has_scale = True
            core.end += sm.end()
    # "1.1" style scale after words is not English; but "five million" was read.
    return core


def parse_number(surface: str) -> float | None:
    """Read a bare number string: "38,940", "1.1 million", "2.5bn", "twenty-five".

    Returns the value, or None when ``surface`` is not one whole number
    (a range, a vague word, or anything with text around it).
    """
    text = surface.strip()
    if not text:
        return None
    start = 0
    if text[0] in "$€£¥₴₽₹":
        start = 1
    article = re.match(r"an?[ \u00a0]+(?=[a-z])", text, re.IGNORECASE)
    if article:
        start = article.end()   # "a dozen": the reader starts at "dozen" and looks back
    if start >= len(text):
        return None
    core = _read_core(text, start)
    if core is None or core.end != len(text) or core.vague is not None or core.start not in (0, 1):
        return None
    return core.value


# --------------------------------------------------------------------------
# Suffix readers (what follows a number)
# --------------------------------------------------------------------------


def _read_unit(text: str, end: int) -> tuple[str, str, int] | None:
    """Read a unit right after ``end``: (kind, normalised unit, new end)."""
    snippet = text[end:end + 40]
    if not snippet:
        return None
    m = _PERCENT_AFTER.match(snippet)
    if m:
        return "percent", "percentage", end + m.end()
    m = _PENCE_AFTER.match(snippet)
    if m:
        return "money", "penny", end + m.end()
    m = _CURRENCY_AFTER.match(snippet)
    if m:
        cur, adj = m.group("cur").lower(), m.group("adj")
        # "won" is mostly the verb: a currency only with an adjective. Short
        # currency words glued to digits ("5sen") are more often something else.
        ambiguous = cur == "won" and not adj
        glued_short = cur in ("won", "rand", "sen", "peso") and not m.group(0).startswith((" ", "\u00a0"))
        if not ambiguous and not glued_short:
            norm = _CURRENCY_WORDS[cur]
            if adj and norm == "dollar":
                a = " ".join(adj.split()).lower()
                if a not in ("us", "u.s.", "american"):
                    norm = f"{a.replace('singaporean', 'singapore').replace('taiwanese', 'taiwan')} dollar"
            return "money", norm, end + m.end()
    m = _UNIT_AFTER.match(snippet)
    if m:
        unit = m.group("unit")
        found = _UNIT_EXACT.get(unit) or _UNIT_FOLDED.get(unit.lower())
        if found is None:
            return None
        glued = m.group("sep") == ""
        if unit in _SHORT_UNITS:
            # A one-letter unit needs to be glued ("12C", "5g") or end the clause.
            tail = snippet[m.end():m.end() + 2]
            if unit == "in." and not glued:
                return None
            if not glued and not re.match(r"[ \u00a0]*(?:[.,;)]|$)", tail):
                return None
        norm, kind = found
        return kind, norm, end + m.end()
    return None


def _read_per(text: str, end: int) -> tuple[str, int] | None:
    """Read a rate after a unit: "per share", "a barrel", "per day"."""
    m = re.match(r"[ \u00a0]+(?:per|a|an|each)[ \u00a0-]+(?P<w>[A-Za-z]+(?:[ \u00a0][a-z]+)?)", text[end:end + 30])
    if not m:
        return None
    w = m.group("w").split()[0].lower()
    if w in ("share", "barrel", "gram", "ounce", "day", "week", "month", "year", "hour", "gallon",
             "litre", "liter", "night", "person", "head", "kilogram", "kg", "tonne", "ton", "minute", "second"):
        return w, end + m.start("w") + len(m.group("w").split()[0])
    return None


def _singular(word: str) -> str:
    """Singular lower-case form of a plural noun (rule-based, no lexicon)."""
    w = word.lower().replace("’", "'")
    if w in IRREGULAR_SINGULARS:
        return IRREGULAR_SINGULARS[w]
    if re.fullmatch(r"[a-z]{2,}s", word.lower()) and word[:-1].isupper():
        return w[:-1]               # acronyms: APCs -> apc, POWs -> pow
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if re.search(r"(?:ches|shes|xes|sses|zzes)$", w):
        return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def _is_plural(word: str) -> bool:
    w = word.lower()
    if w in IRREGULAR_SINGULARS or w in COLLECTIVE_NOUNS:
        return True
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is", "ous")):
        return True
    return bool(re.fullmatch(r"[A-Z]{2,}s", word))


def _read_noun(text: str, end: int, value: float) -> str | None:
    """The counted noun after a count, singular lower-case, or None.

    Skips adjectives from ``NOUN_SKIP_WORDS`` ("7 more Russian tanks"),
    stops at function words and verbs from ``NOUN_STOP_WORDS``, and keeps a
    compound up to its plural head ("artillery systems" -> "artillery system").
    """
    words: list[str] = []
    i = end
    for _ in range(5):
        m = _NOUN_TOKEN.match(text, i)
        if not m:
            break
        raw = m.group("w").rstrip("'’")
        low = raw.lower()
        if low in NOUN_STOP_WORDS:
            break
        if low in NOUN_SKIP_WORDS and not words:
            i = m.end()
            continue
        if raw[0].isupper() and not re.fullmatch(r"[A-Z]{2,}s?", raw) and low not in NOUN_SKIP_WORDS:
            # A proper name ("63,000 Model 3 sedans") is not the counted noun.
            break
        words.append(raw)
        i = m.end()
        if low in COLLECTIVE_NOUNS:
            # "artillery systems": a collective word can also be a modifier.
            nxt = _NOUN_TOKEN.match(text, i)
            if nxt and nxt.group("w").lower() not in NOUN_STOP_WORDS and nxt.group("w")[0].islower() \
                    and _is_plural(nxt.group("w")) and not re.match(r"[,.;:()]", text[i:i + 1]):
                continue
            break
        if _is_plural(raw):
            break
        if value == 1 and not low.endswith(("ed", "ing", "ly")):
            # "one tank": a singular count takes its first noun, unless a
            # compound follows ("one artillery system").
            nxt = _NOUN_TOKEN.match(text, i)
            if nxt and nxt.group("w").lower() not in NOUN_STOP_WORDS and not nxt.group("w")[0].isupper() \
                    and len(words) < 3 and not re.match(r"[,.;:]", text[i:i + 1]):
                continue
            break
        if re.match(r"[,.;:()]", text[i:i + 1]):
            break
    if not words:
        return None
    last = words[-1]
    if not _is_plural(last) and value != 1 and last.lower() not in COLLECTIVE_NOUNS:
        return None
    if any(w.lower().endswith(("ed", "ing", "ly")) for w in words[-1:]):
        return None
    head = [w.lower() for w in words[:-1]] + [_singular(last)]
    return " ".join(head)


# --------------------------------------------------------------------------
# The reader
# --------------------------------------------------------------------------


def _prev_word(text: str, start: int) -> str:
    """The word right before ``start`` (separated by spaces only), or ""."""
    m = _PREV_WORD_REV.match(text[max(0, start - 30):start][::-1])
    if not m:
        return ""
    word = m.group("w")[::-1]
    i = 0
    while i < len(word) and not word[i].isalpha():
        i += 1
    return word[i:]


def _is_pronoun_one(text: str, core: _Core) -> bool:
    """"one" used as a pronoun ("each one", "the same one", "no one else")."""
    if text[core.start:core.end].lower() != "one":
        return False
    prev = _prev_word(text, core.start).lower()
    if prev in ("each", "every", "any", "no", "this", "that", "which", "same", "another", "the",
                "someone", "only", "little", "big", "new", "old", "right", "wrong", "last", "other",
                "such", "favourite", "favorite", "good", "bad", "first", "second"):
        return True
    after = text[core.end:core.end + 20]
    if _OUT_OF.match(text, core.end):
        return False    # "one in three", "one out of five"
    if re.match(r"[ \u00a0]+in\b", after):
        return True     # "their hands on one in order to"
    if re.match(r"[ \u00a0]*(?:[.,;:!?)\]\"”]|$)", after):
        return True
    if re.match(r"-(?!(?:year|month|week|day|hour|minute|third|quarter|half|fifth)\b)[A-Za-z]", after, re.I):
        return True     # "one-off", "one-sided", "one-on-one"
    if re.match(r"[ \u00a0]+(?:another|who|whom|that|which|is|was|will|would|can|could|should|must|might|"
                r"may|does|did|has|had|have|says|said|thing|way|day|time|on|at|for|"
                r"with|by|from|but|as|if|than|i|you|he|she|we|they|it|else)\b", after, re.I):
        nxt = re.match(r"[ \u00a0]+(\w+)", after)
        word = nxt.group(1).lower() if nxt else ""
        # "one day"/"one time" can be counts, but mostly are idioms in news.
        return word not in ("of",)
    return False


def _qualifier(text: str, start: int, kind: str) -> Qualifier:
    """The qualifier written before ``start``: exact, at_least, at_most, about, up or down.

    Direction words beat approximation words ("up about 19%" is up), as in
    NewsQuant; "rose to X" is a level (exact), "rose by X"/"rose X" a change.
    """
    prefix_end = start
    cm = _CURRENCY_BEFORE.search(text, max(0, start - 6), start)
    if cm:
        prefix_end = start - len(cm.group(0))
    qual: Qualifier = "exact"
    found = _phrase_before(_QUALIFIER_REV, text, prefix_end)
    if found:
        phrase, length = found
        qual = "at_least" if phrase in AT_LEAST_PHRASES else "at_most" if phrase in AT_MOST_PHRASES else "about"
        prefix_end -= length
    elif text[max(0, prefix_end - 4):prefix_end].rstrip(" \u00a0").endswith("of") \
            and _MILESTONE_BEFORE.search(text, max(0, prefix_end - 60), prefix_end):
        return "at_least"
    direction = _phrase_before(_DIRECTION_REV, text, prefix_end)
    if direction:
        verb = direction[0]
        base = verb[:-3] if verb.endswith(" by") else verb
        if verb.endswith(" by") or base in UP_ANY or base in DOWN_ANY or base in UP_OF or base in DOWN_OF \
                or kind not in ("count", "fraction"):
            up = base in UP_ANY or base in UP_LEVEL or base in UP_OF
            return "up" if up else "down"
    return qual


def _kind_for_bare(text: str, core: _Core, end: int, range_partner: _Core | None) -> str:
    """Kind of a number with no unit after it: year, identifier, score, count..."""
    if core.ordinal:
        return "ordinal"
    if core.fraction:
        return "fraction"
    if core.is_word or core.vague:
        return "count"
    if _looks_like_year(text, core, end, range_partner):
        return "year"
    if core.raw_int and not core.signed and re.match(r"[A-Za-z]", text[end:end + 1]):
        return "identifier"    # "5G", "9AB8": digits glued to letters that are no unit
    return "count"


def _sentence_initial(text: str, start: int) -> bool:
    """Whether ``start`` begins a sentence, a line, a quote or a heading."""
    before = text[max(0, start - 4):start].rstrip(" \u00a0\"'“‘(")
    return not before or before[-1] in ".!?:;\n—–-•*"


def _is_identifier(text: str, core: _Core) -> bool:
    """A number that names a thing: "Game 6", "iPhone 11", "S&P 500", "COVID-19".

    Cues: glued to letters by a hyphen, or right after a capitalised word that
    is a name (not a sentence-initial word, a month or a function word) with
    no unit, percent or currency after the number.
    """
    if core.is_word or not core.raw_int or core.signed:
        return False
    start = core.start
    hm = re.search(r"(?P<w>[A-Za-z]+)-$", text[max(0, start - 12):start])
    if hm:
        return hm.group("w").lower() not in (
            "mid", "pre", "post", "early", "late", "sub", "minus", "plus", "over", "under", "top", "then", "now", "some", "about",
            "nearly", "from", "to", "and",
        )
    if start == 0 or text[start - 1] not in " \u00a0":
        return False
    prev = _prev_word(text, start)
    if not prev or prev == prev.lower() or prev.endswith((",", ";", ":")):
        return False
    low = prev.lower().rstrip(".")
    if low in CAPITALISED_FUNCTION_WORDS or low in MONTHS or low in _CURRENCY_PREFIXES or low in _CURRENCY_WORDS:
        return False
    if low in ("no", "nos", "aged", "age", "ages") or low in NOUN_SKIP_WORDS:
        return False
    end = core.end
    prev_start = text.rfind(prev, max(0, start - 40), start)
    if _sentence_initial(text, prev_start) and prev[1:].islower():
        # "Kharkiv 12 soldiers ...": a capital only because it opens the sentence.
        nxt = _NOUN_TOKEN.match(text, end)
        if nxt and _is_plural(nxt.group("w")) and nxt.group("w")[0].islower():
            return False
    if _read_unit(text, end) is not None or _AGE_AFTER.match(text, end):
        return False
    return not _MONTH_AFTER.match(text, end)


def _looks_like_year(text: str, core: _Core, end: int, partner: _Core | None = None) -> bool:
    """A bare four-digit number read as a year (see the context word lists)."""
    if not (core.raw_int and core.n_digits == 4 and not core.signed and 1000 <= core.value <= 2200):
        return False
    prev = _prev_word(text, core.start).lower()
    if prev in STRONG_YEAR_CONTEXT_WORDS or prev.rstrip(".") in STRONG_YEAR_CONTEXT_WORDS:
        return True
    noun = _NOUN_TOKEN.match(text, end)
    if noun and _is_plural(noun.group("w")) and noun.group("w")[0].islower() and noun.group("w").lower() != "years":
        return False
    if partner is not None:
        return partner.raw_int and 1000 <= partner.value <= 2200 and partner.n_digits == 4
    if core.value > 2100:
        return False
    return core.value >= 1800


def _date_before(text: str, start: int) -> re.Match[str] | None:
    return _MONTH_BEFORE.search(text, max(0, start - 14), start)


def find_quantities(text: str) -> list[Quantity]:
    """Find and read every number in ``text``, in text order.

    Args:
        text: any text; never raises on arbitrary input.

    Returns:
        One ``Quantity`` per number, range or vague amount, with character
        offsets such that ``text[q.start:q.end] == q.surface``. Qualifier
        words ("over", "about") are outside ``surface``.
    """
    out: list[Quantity] = []
    pos = 0
    n = len(text)
    for m in _SCAN.finditer(text):
        start = m.start()
        if start < pos:
            continue
        tok = m.group()
        if tok[0].isalpha():
            low = tok.lower()
            if low not in _TRIGGER_SET:
                continue
            e = m.end()
            if (start and (text[start - 1].isdigit() or text[start - 1] == "_")) or \
                    (e < n and (text[e].isdigit() or text[e] == "_")):
                continue
        if tok[0] in "-−" and start and text[start - 1].isalnum():
            start += 1      # "sub-7", "minus-5", "COVID-19": a hyphen, not a sign
        # Digits glued to letters count only after a currency code ("RM79", "USD10m").
        if not tok[0].isalpha() and start and (text[start - 1].isalnum() or text[start - 1] in "_.,") \
                and (not text[start - 1].isalpha() or not _GLUED_CURRENCY_BEFORE.search(text, max(0, start - 5), start)):
            continue
        try:
            core = _read_core(text, start)
        except (ValueError, OverflowError, KeyError):
            core = None
        if core is None or core.end <= pos or core.start < pos:
            pos = m.end()
            continue
        result = _finish(text, core)
        if result is None:
            pos = max(core.end, m.end())
            continue
        quantities, new_pos = result
        if out and quantities and quantities[0].qualifier == "exact":
            quantities[0] = _inherit_qualifier(text, out[-1], quantities[0])
        out.extend(quantities)
        pos = max(new_pos, m.end())
    return out


# A second number coordinated with a qualified first one shares its qualifier:
# "some 100,000 personnel and 30,000 civilians", "at least 30,035 killed and
# 70,457 wounded". Up to four plain words may stand between.
_COORDINATED_GAP = re.compile(r"(?:[ \u00a0]+[A-Za-z'’-]+){0,4}[ \u00a0]+and[ \u00a0]+$")
# A restatement of the previous quantity: a conversion in brackets
# ("more than 100 km (60 miles)", "296 hp (224 kW / 300 PS)") or an
# "X points, or Y%" apposition. It carries the previous qualifier.
_RESTATEMENT_GAP = re.compile(
    r"[ \u00a0]*(?:\([ \u00a0]*|/[ \u00a0]*|,?[ \u00a0]+or[ \u00a0]+)(?:[A-Z]{0,3}[ \u00a0]?[$€£¥]|[A-Z]{2,3})?[ \u00a0]*$")
_UNIT_TAIL = re.compile(r"[^\d(),;/]{0,30}?(?=[ \u00a0]*(?:\(|/|,?[ \u00a0]+or[ \u00a0]))")


def _inherit_qualifier(text: str, prev: Quantity, q: Quantity) -> Quantity:
    """Give ``q`` the qualifier of ``prev`` when ``q`` restates it."""
    if prev.qualifier == "exact" or prev.kind not in ("count", "money", "measure", "percent", "duration") \
            or q.kind not in ("count", "money", "measure", "percent", "duration"):
        return q
    if prev.kind == q.kind and q.start - prev.end < 60 and _COORDINATED_GAP.fullmatch(text, prev.end, q.start) \
            and prev.qualifier in ("at_least", "at_most", "about"):
        fields = {f: getattr(q, f) for f in q.__slots__}
        fields["qualifier"] = prev.qualifier
        return Quantity(**fields)
    tail = _UNIT_TAIL.match(text, prev.end)
    gap_start = tail.end() if tail else prev.end
    if q.start - gap_start > 12 or not _RESTATEMENT_GAP.match(text[gap_start:q.start]):
        return q
    fields = {f: getattr(q, f) for f in q.__slots__}
    fields["qualifier"] = prev.qualifier
    return Quantity(**fields)


def _finish(text: str, core: _Core) -> tuple[list[Quantity], int] | None:
    """Turn one read core into a quantity; returns ([quantity], resume position) or None."""
    special = _read_special(text, core)
    if special is not None:
        return ([special], special.end) if special.surface else None
    if core.vague is not None:
        lo, hi = core.vague
        noun = _read_noun(text, _skip_of(text, core.end), lo)
        q = _make(text, core.start, core.end, lo, low=lo, high=hi, kind="count", noun=noun,
                  qualifier=_qualifier(text, core.start, "count"), is_range=True, vague=True)
        return [q], core.end
    unit1 = _read_unit(text, core.end)
    ranged = _read_range(text, core, unit1)
    if ranged is not None:
        return ranged
    return _finish_single(text, core, unit1)


_NOTHING = Quantity(surface="", start=0, end=0, value=0.0, low=0.0, high=0.0)


def _read_special(text: str, core: _Core) -> Quantity | None:
    """Numbers settled by their form alone: names, times, dates, ordinals, scores, fractions.

    Returns the quantity, ``_NOTHING`` when the core is no quantity at all
    (a pronoun "one"), or None to go on with ranges and units.
    """
    start, end = core.start, core.end
    if core.is_word:
        if core.vague is None and text[start].isupper() and not _sentence_initial(text, start) \
                and not core.fraction:
            # "BBC One", "the Kick Six": a capitalised number word mid-sentence is a name.
            return _make(text, start, end, core.value, kind="identifier")
        if _is_pronoun_one(text, core):
            return _NOTHING
        if core.ordinal:
            return _make(text, start, end, core.value, kind="ordinal")
        if core.vague is None and re.search(r"[A-Za-z]-$", text[max(0, start - 2):start]):
            return _NOTHING     # "production-four-door": part of a compound word
        if text[start:end].lower() == "one" and re.match(r"[ \u00a0]+\d", text[end:end + 3]):
            return _NOTHING     # "just one 52,000 barrel-a-day refinery"
        if core.multiplier:
            return _make(text, start, end, core.value, kind="count", noun="fold",
                         qualifier=_qualifier(text, start, "count"))
        return _read_word_fraction(text, core)
    if not core.signed:
        when = _read_time_or_date(text, core)
        if when is not None:
            return when
    if core.raw_int:
        # Ordinals: "3rd", "22nd", "96th-minute", "No. 5".
        om = _ORDINAL_SUFFIX.match(text, end)
        if om:
            return _make(text, start, om.end(), core.value, kind="ordinal")
        if _NO_BEFORE.search(text, max(0, start - 6), start):
            return _make(text, start, end, core.value, kind="ordinal")
    score = _read_score(text, core)
    if score is not None:
        return score
    if _is_identifier(text, core) or (core.raw_int and _ADDRESS_AFTER.match(text, end)):
        hm = re.match(r"[-–][A-Za-z]?\d+(?![\d.,])", text[end:end + 8])
        return _make(text, start, end + hm.end() if hm else end, core.value, kind="identifier")
    # Fractions written with digits: "1/16 of a pint", "1 in 5".
    fm = _FRACTION_SLASH.match(text, end)
    if fm and core.raw_int and int(fm.group("d")) > core.value:
        return _make(text, start, fm.end(), core.value / int(fm.group("d")), kind="fraction")
    return _read_word_fraction(text, core)


def _read_word_fraction(text: str, core: _Core) -> Quantity | None:
    """ "one out of three", "1 in 5": a share written as a count out of a total."""
    if core.value < 1 or (core.is_word and core.value >= 20):
        return None
    om = _OUT_OF.match(text, core.end)
    if om:
        d = om.group("d").lower()
        if d.isdigit() and len(d) == 4 and 1000 <= int(d) <= 2200:
            return None     # "983 in 2023": a year, not a share
        den = float(d) if d.isdigit() else float(SMALL_NUMBERS.get(d, TENS.get(d, 0)))
        if den > core.value:
            return _make(text, core.start, om.end(), core.value / den, kind="fraction")
    return None


def _read_time_or_date(text: str, core: _Core) -> Quantity | None:
    """Times of day ("8:06 AM", "10.45pm", "0401 GMT") and dates ("June 1", "1 June 2024", "2024-06-02")."""
    start, end = core.start, core.end
    dt = _DOTTED_TIME.match(text, start)
    if dt:
        return _make(text, start, dt.end(), core.value, kind="time")
    tm = _TIME_AFTER.match(text, end) if core.raw_int and core.value < 2400 else None
    if tm and (core.n_digits <= 2 or ":" not in tm.group(0)):
        return _make(text, start, tm.end(), core.value, kind="time")
    dm = _ISO_DATE.match(text, start)
    if dm and core.raw_int:
        iso = dm.group(0)
        day = int(iso[8:10]) if "-" in iso else int(iso.split("/")[1])
        return _make(text, start, dm.end(), day, kind="date", unit=iso[:10])
    if not (core.raw_int and 1 <= core.value <= 31):
        return None
    day = int(core.value)
    mb = _date_before(text, start)
    if mb and not _PERCENT_AFTER.match(text, end) and not _CURRENCY_AFTER.match(text, end):
        d_end = end
        om = _ORDINAL_SUFFIX.match(text, d_end)
        if om:
            d_end = om.end()
        rm = re.match(r"[-–]\d{1,2}(?!\d)", text[d_end:d_end + 4])
        if rm:
            d_end += rm.end()       # "Sept. 20-24": the second day belongs to the date
        month = MONTHS[mb.group("m").lower()]
        unit = f"--{month:02d}-{day:02d}"
        ym = _YEAR_AFTER_DATE.match(text, d_end)
        if ym and 1000 <= int(ym.group("y")) <= 2100:
            unit = f"{ym.group('y')}-{month:02d}-{day:02d}"
            d_end = ym.end()
        return _make(text, start, d_end, core.value, kind="date", unit=unit)
    am = _MONTH_AFTER.match(text, end)
    if am:
        month = MONTHS[am.group("m").lower()]
        year = am.group("y")
        unit = f"{year}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"
        return _make(text, start, am.end(), core.value, kind="date", unit=unit)
    return None


def _range_partner(text: str, core: _Core, unit1: tuple[str, str, int] | None
                   ) -> tuple[_Core, re.Match[str], tuple[str, str, int] | None] | None:
    """The second end of a range after ``core``: ("20,000 to 25,000", "between 7,000 and 15,000").

    "and" makes a range only after "between", "up to" only after "from";
    a unit on the first end must be repeated on the second ("1 per cent to
    1.5 per cent"), so "rose 64.06 points to 4,577.10" is no range.
    """
    start = core.start
    cm = _RANGE_CONNECTOR.match(text, unit1[2]) if unit1 else None
    if cm is None:
        cm = _RANGE_CONNECTOR.match(text, core.end)
        if cm is None:
            return None
        unit1 = None
    conn = cm.group("c").lower()
    bare_start = _strip_prefix(text, start)
    before = _BETWEEN_FROM_BEFORE.search(text, max(0, bare_start - 14), bare_start)
    word = before.group("w").lower() if before else ""
    if (conn == "up to" and word != "from") or (conn == "and" and word != "between"):
        return None
    if conn in ("-", "–", "—") and cm.group("sp1") and not cm.group("sp2"):
        return None     # "5 -6" is a signed number, not a range
    after_by = conn == "to" and bool(re.search(r"(?<![A-Za-z])by[ \u00a0]+$", text[max(0, bare_start - 4):bare_start]))
    if after_by and (cm.group("cur") or unit1):
        # "increased by $43.6 billion to $419.2 billion": a change, then a
        # level (the unit is repeated); "fell by 1 to 1.5 degrees" is a range.
        return None
    p_start = cm.end()
    if p_start >= len(text):
        return None
    try:
        other = _read_core(text, p_start)
    except (ValueError, OverflowError, KeyError):
        return None
    if other is None or other.start != p_start or other.ordinal or other.fraction or other.signed \
            or other.multiplier or other.vague is not None:
        return None
    if other.is_word != core.is_word and conn not in ("to", "and"):
        return None
    if after_by and (other.value > 2.5 * core.value or other.value < core.value):
        return None     # "rose by 570 to 272,500": the change, then the new level
    unit2 = _read_unit(text, other.end)
    if unit1 is not None and (unit2 is None or unit2[:2] != unit1[:2]):
        return None
    year_like = core.raw_int and core.n_digits == 4 and 1000 <= core.value <= 2200
    partner_year_like = other.raw_int and (other.n_digits == 4 or (other.n_digits == 2 and conn in "-–"))
    if year_like and not partner_year_like and _looks_like_year(text, core, core.end):
        return None     # "in 2018 to 3.9 million": a year is no range end
    if _looks_like_time(text, other):
        return None
    return other, cm, unit2


def _read_range(text: str, core: _Core, unit1: tuple[str, str, int] | None) -> tuple[list[Quantity], int] | None:
    """Read ``core`` as the first end of a range, if a second end follows."""
    found = _range_partner(text, core, unit1)
    if found is None:
        return None
    partner, cm, unit = found
    start = core.start
    r_end = unit[2] if unit else partner.end
    low_v, high_v = core.value, partner.value
    # "$10 to $15 billion", "four to five thousand": the scale is shared,
    # unless the first end is already larger ("from $200 to $4 million").
    if partner.has_scale and not core.has_scale:
        raw_partner = _unscaled(text, partner)
        if raw_partner is not None and core.value < raw_partner[0]:
            low_v = core.value * raw_partner[1]
    hyphen = cm.group("c") in ("-", "–")
    # "2014-15": a year range with a short second year.
    if hyphen and core.raw_int and core.n_digits == 4 and partner.raw_int and partner.n_digits == 2 \
            and 1000 <= core.value <= 2100:
        high_v = core.value // 100 * 100 + partner.value
        if high_v < core.value:
            high_v += 100
        q = _make(text, start, partner.end, core.value, low=core.value, high=high_v, kind="year", is_range=True)
        return [q], partner.end
    # Hyphenated pairs that read as a score: "a 2-1 win", "9-2 lead".
    if unit is None and hyphen and core.raw_int and partner.raw_int and not cm.group("sp1") \
            and core.value <= 200 and partner.value <= 200:
        nxt = _NEXT_WORD.match(text, partner.end)
        if low_v >= high_v or (nxt and nxt.group("w").lower() in SCORE_WORDS) or _prev_word(text, start).lower() in (
                "a", "an", "the", "beat", "won", "lost", "at", "drew", "tied", "ended", "by"):
            q = _make(text, start, partner.end, low_v, low=min(low_v, high_v), high=max(low_v, high_v), kind="score")
            return [q], partner.end
    lo, hi = min(low_v, high_v), max(low_v, high_v)
    kind, unit_name = (unit[0], unit[1]) if unit else ("", None)
    if _AGE_BEFORE.search(text, max(0, start - 16), start):
        kind = "age"
    am = _AGE_AFTER.match(text, partner.end)
    if am:
        kind, unit_name, r_end = "age", (am.group("u") or am.group("u2")).lower(), am.end()
    if not kind:
        kind = _kind_for_bare(text, core, partner.end, partner)
        if kind == "identifier":
            kind = "count"
    cur = _CURRENCY_BEFORE.search(text, max(0, start - 6), start)
    if cur and kind in ("count", "year"):
        kind, unit_name = "money", _currency_name(cur)
    qual = _qualifier(text, _strip_between(text, start), kind)
    noun = _read_noun(text, r_end, hi) if kind == "count" else None
    q = _make(text, start, partner.end, lo, low=lo, high=hi, kind=kind, unit=unit_name,
              qualifier=qual, is_range=True, noun=noun)
    return [q], r_end


def _finish_single(text: str, core: _Core, unit: tuple[str, str, int] | None) -> tuple[list[Quantity], int]:
    """A single number: its kind from what follows or precedes, its qualifier and noun."""
    start, end = core.start, core.end
    kind = ""
    unit_name: str | None = None
    after_end = end
    am = _AGE_AFTER.match(text, end)
    if am:
        kind, unit_name, after_end = "age", (am.group("u") or am.group("u2")).lower(), am.end()
    elif _AGE_BEFORE.search(text, max(0, start - 16), start) and (unit is None or unit[0] == "duration"):
        kind, unit_name = "age", "year"
        after_end = unit[2] if unit else end
    elif unit:
        kind, unit_name, after_end = unit
        if kind == "duration" and text.startswith("-long", after_end):
            after_end += 5      # "27-month-long"
    cur = _CURRENCY_BEFORE.search(text, max(0, start - 6), start)
    if cur and kind in ("", "count", "measure") and unit_name != "point":
        kind, unit_name, after_end = "money", _currency_name(cur), end
    if kind == "money":
        per = _read_per(text, after_end)       # "$10 per gram", "$3500 a month"
        if per:
            unit_name = f"{unit_name} per {per[0]}"
            after_end = per[1]
    if not kind:
        kind = _kind_for_bare(text, core, end, None)
        if kind == "count" and not core.is_word and not core.signed and _name_age(text, core):
            kind, unit_name = "age", "year"
    qual = _qualifier(text, start, kind)
    if text.endswith("sub-", 0, start):
        qual = "at_most"        # "sub-300 sq m"
    aq = _AFTER_QUALIFIER.match(text, after_end)
    if aq and qual == "exact" and kind in ("count", "money", "measure", "percent", "duration"):
        qual = "at_least" if aq.group("more") else "about"
    value = core.value
    is_inc = False
    if core.signed == "+":
        is_inc, qual = True, "up"
    elif core.signed == "-" and (kind == "percent" or text.endswith("(", 0, start)):
        is_inc, qual = True, "down"     # "FTSE -0.6%", "(-3)"
    if value > 0 and re.search(r"\bminus[ \u00a0-]$", text[max(0, start - 7):start], re.IGNORECASE):
        value = -value
    noun = _read_noun(text, after_end, value) if kind == "count" else None
    if kind == "count" and noun is None and re.match(r"[ \u00a0]+times\b", text[after_end:after_end + 7]):
        noun = "time"
    if kind == "count" and re.match(r"-?fold\b", text[after_end:after_end + 5]):
        noun = "fold"
    q = _make(text, start, end, value, kind=kind, unit=unit_name, qualifier=qual, noun=noun, is_increment=is_inc)
    return [q], end if kind == "count" else max(end, after_end)


def _read_score(text: str, core: _Core) -> Quantity | None:
    """A sports score or tally "2-1" ("beat Charlton 2-1", "a 9-2 lead", "2-0 down").

    A hyphenated pair of small integers with no unit is a score when the
    first is not lower than the second (ranges ascend), or when a score word
    follows ("win", "lead") or a score verb precedes ("beat", "won", "at").
    """
    if core.is_word or not core.raw_int or core.value > 200:
        return None
    m = re.match(r"[-–](\d{1,3})(?![\d.,%]|[ \u00a0]?(?:per|%))", text[core.end:core.end + 8])
    if not m:
        return None
    second = float(m.group(1))
    end = core.end + m.end()
    if _read_unit(text, end) is not None or _AGE_AFTER.match(text, end):
        return None
    nxt = _NEXT_WORD.match(text, end)
    nxt_w = nxt.group("w").lower() if nxt else ""
    prev = _prev_word(text, core.start).lower()
    if core.value >= second or nxt_w in SCORE_WORDS or prev in (
        "beat", "beating", "won", "lost", "drew", "tied", "ended", "at", "win", "defeated", "trail", "trailing", "leading",
    ):
        # Not a range: value is the first figure; low/high span both (low <= high).
        return _make(text, core.start, end, core.value, low=min(core.value, second),
                     high=max(core.value, second), kind="score")
    return None


def _looks_like_time(text: str, core: _Core) -> bool:
    return bool(_TIME_AFTER.match(text, core.end)) and core.raw_int and core.value < 2400


def _unscaled(text: str, core: _Core) -> tuple[float, float] | None:
    """(number as written before its scale, scale factor) for a scaled core."""
    m = _DIGITS.match(text, core.start)
    if m and m.group(0):
        raw = float(re.sub(r"[,\u00a0\u202f\u2009 ]", "", (m.group("int") or "0")) + (m.group("frac") or ""))
        if raw:
            return raw, core.value / raw
        return None
    wm = re.match(r"(?:" + _NUMBER_WORD_ALT + r")(?:-(?:" + _NUMBER_WORD_ALT + r"))?", text[core.start:core.end], re.I)
    if wm:
        res = _read_words(text[core.start:core.start + wm.end()], 0)
        if res and res[1]:
            return res[1], core.value / res[1]
    return None


def _strip_prefix(text: str, start: int) -> int:
    cm = _CURRENCY_BEFORE.search(text, max(0, start - 6), start)
    return start - len(cm.group(0)) if cm else start


def _strip_between(text: str, start: int) -> int:
    s = _strip_prefix(text, start)
    bm = _BETWEEN_FROM_BEFORE.search(text, max(0, s - 14), s)
    return s - len(bm.group(0)) if bm else start


def _skip_of(text: str, end: int) -> int:
    m = re.match(r"[ \u00a0]+of(?=[ \u00a0])", text[end:end + 4])
    return end + m.end() if m else end


def _name_age(text: str, core: _Core) -> bool:
    """"Jamie Armstrong, 25, said": a bare number in commas after a name."""
    if not core.raw_int or not 1 <= core.value <= 120:
        return False
    before = text[max(0, core.start - 30):core.start]
    return bool(re.search(r"[A-Z][a-z]+,[ \u00a0]$", before)) and bool(re.match(r",", text[core.end:core.end + 1])) \
        and _prev_word(text, core.start - 1).rstrip(",").lower() not in CAPITALISED_FUNCTION_WORDS


def _currency_name(m: re.Match[str]) -> str:
    sym = re.sub(r"[\s\u00a0-]", "", m.group(0)).lower()
    return _CURRENCY_PREFIXES.get(sym, "dollar" if "$" in sym else sym)


def _make(text: str, start: int, end: int, value: float, *, low: float | None = None, high: float | None = None,
          kind: str = "count", unit: str | None = None, qualifier: Qualifier = "exact", noun: str | None = None,
          is_range: bool = False, is_increment: bool = False, vague: bool = False) -> Quantity:
    surface = text[start:end]
    return Quantity(
        surface=surface, start=start, end=end, value=float(value),
        low=float(value if low is None else low), high=float(value if high is None else high),
        qualifier=qualifier,
        kind=kind, noun=noun, unit=unit, is_range=is_range, is_increment=is_increment, vague=vague,
    )
