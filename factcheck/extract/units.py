"""Units factcheck knows by name: surface forms -> (unit, dimension, factor to the canonical unit).

Canonical units per dimension: km, km/h, km2, s, kg, USD-as-written (money is never
converted between currencies). Claims keep the unit as stated; comparison converts with
these factors so that "48km" and "30 miles" meet.
"""

from __future__ import annotations

import re
from functools import lru_cache

# surface -> (unit name, dimension, factor to canonical)
_TABLE: dict[str, tuple[str, str, float]] = {}


def _add(names: str, unit: str, dimension: str, factor: float) -> None:
    for name in names.split("|"):
        _TABLE[name] = (unit, dimension, factor)


_add("km|kms|kilometre|kilometres|kilometer|kilometers|kilometre-long|kilometer-long", "km", "length", 1.0)
_add("m|metre|metres|meter|meters|metre-high|meter-high|metre-long", "m", "length", 0.001)
_add("cm|centimetre|centimetres|centimeter|centimeters", "cm", "length", 1e-5)
_add("mm|millimetre|millimetres|millimeter|millimeters", "mm", "length", 1e-6)
_add("mile|miles|mi", "miles", "length", 1.609344)
_add("nautical mile|nautical miles", "nautical miles", "length", 1.852)
_add("ft|foot|feet", "ft", "length", 0.0003048)
_add("yard|yards|yd", "yards", "length", 0.0009144)
_add("inch|inches", "inches", "length", 2.54e-5)
_add("km/h|kmh|kph|km per hour|kilometres per hour|kilometers per hour|kmph", "km/h", "speed", 1.0)
_add("mph|miles per hour|miles an hour", "mph", "speed", 1.609344)
_add("knot|knots", "knots", "speed", 1.852)
_add("m/s|metres per second|meters per second", "m/s", "speed", 3.6)
_add("sq km|km2|km\u00b2|square kilometres|square kilometers|square km", "km2", "area", 1.0)
_add("sq miles|square miles|square mile|sq mi", "sq miles", "area", 2.589988)
_add("sq m|m2|m\u00b2|square metres|square meters", "m2", "area", 1e-6)
_add("sq ft|square feet|square foot", "sq ft", "area", 9.290304e-8)
_add("hectare|hectares|ha", "hectares", "area", 0.01)
_add("acre|acres", "acres", "area", 0.00404686)
_add("second|seconds|sec|secs", "seconds", "duration", 1.0)
_add("minute|minutes|min|mins", "minutes", "duration", 60.0)
_add("hour|hours|hr|hrs", "hours", "duration", 3600.0)
_add("day|days", "days", "duration", 86400.0)
_add("week|weeks", "weeks", "duration", 604800.0)
_add("month|months", "months", "duration", 2629800.0)
_add("year|years", "years", "duration", 31557600.0)
_add("decade|decades", "decades", "duration", 315576000.0)
_add("kg|kgs|kilogram|kilograms|kilo|kilos", "kg", "mass", 1.0)
_add("g|gram|grams", "g", "mass", 0.001)
_add("tonne|tonnes|metric tons|metric tonnes", "tonnes", "mass", 1000.0)
_add("ton|tons", "tons", "mass", 907.18474)
_add("lb|lbs|pound-weight", "lb", "mass", 0.45359237)
_add("litre|litres|liter|liters", "litres", "volume", 1.0)
_add("gallon|gallons", "gallons", "volume", 3.785411784)
_add("barrel|barrels", "barrels", "volume", 158.987295)
_add("percent|per cent|%|pct|per-cent", "percent", "percent", 1.0)
_add("percentage point|percentage points", "percentage points", "percent-points", 1.0)
_add("degree|degrees|\u00b0c|\u00b0f|\u00b0", "degrees", "temperature", 1.0)
_add("mw|megawatt|megawatts", "MW", "power", 1.0)
_add("gw|gigawatt|gigawatts", "GW", "power", 1000.0)

CURRENCY_SYMBOLS = {"$": "USD", "us$": "USD", "\u20ac": "EUR", "\u00a3": "GBP", "\u00a5": "JPY",
                    "rs": "INR", "rs.": "INR", "a$": "AUD", "c$": "CAD", "nz$": "NZD", "hk$": "HKD",
                    "\u20b9": "INR"}
CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP",
    "pounds": "GBP", "sterling": "GBP", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY",
    "rupee": "INR", "rupees": "INR", "rouble": "RUB", "roubles": "RUB", "ruble": "RUB",
    "rubles": "RUB", "francs": "CHF", "lira": "TRY", "riyals": "SAR", "dirhams": "AED",
    "usd": "USD", "eur": "EUR", "gbp": "GBP",
}
# words that may follow a number and are ordinary English, never a unit here
_NOT_UNITS = {"a", "an", "i", "in", "at", "on", "to", "of", "or", "as", "is", "it", "am", "pm",
              "per", "by", "mi", "be", "no", "us", "so", "do", "he", "we", "me", "my", "up"}

_UNIT_WORDS = sorted(_TABLE, key=len, reverse=True)
UNIT_PATTERN = re.compile(
    r"(?:" + "|".join(re.escape(u) for u in _UNIT_WORDS) + r")(?![A-Za-z\u00b2])", re.I)


def lookup(surface: str) -> tuple[str, str, float] | None:
    """(unit, dimension, factor) for a unit as written, or None."""
    return _TABLE.get(surface.lower()) or _TABLE.get(surface)


_FACTORS = {(u, d): factor for u, d, factor in _TABLE.values()}


def to_canonical(value: float, unit: str, dimension: str) -> float:
    """``value`` in ``unit`` expressed in its dimension's canonical unit (temperatures: Celsius)."""
    if unit == "\u00b0F" and dimension == "temperature":
        return (value - 32.0) * 5.0 / 9.0
    return value * _FACTORS.get((unit, dimension), 1.0)


@lru_cache(maxsize=1)
def _quantulum_units() -> object | None:
    """quantulum3's unit catalogue, loaded once (about 3 s) and only when a rare unit needs it."""
    try:
        from quantulum3 import load
    except ImportError:  # pragma: no cover - quantulum3 is a declared dependency
        return None
    return load.units("en")


def rare_unit(token: str) -> tuple[str, str] | None:
    """(unit name, entity) for a unit abbreviation our table lacks ("GWh", "mg"), from quantulum3.

    Asked only for short tokens that look like symbols, so ordinary runs never pay for loading it.
    """
    from factcheck.extract.text import STOPWORDS

    if token.lower() in _NOT_UNITS or token.lower() in STOPWORDS \
            or not re.fullmatch(r"[A-Za-z\u00b5][A-Za-z/\u00b2\u00b3]{0,5}", token):
        return None
    if token.islower() and len(token) > 3:
        return None  # ordinary lower-case words ("troops") are never symbols
    units = _quantulum_units()
    if units is None:
        return None
    found = getattr(units, "symbols", {}).get(token)
    if not found:
        return None
    unit = sorted(found, key=lambda u: u.name)[0]
    entity = unit.entity.name
    if entity in ("dimensionless", "currency"):
        return None
    return unit.name, entity
