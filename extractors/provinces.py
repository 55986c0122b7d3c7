"""Province names: the canonical name of the issuing province, and the province its area belongs to now.

A plan keeps the province that issued it (one of the 63 provinces before the
2025 reorganisation); for grouping, each also gets the province (one of 34) its
area belongs to since 1 July 2025. Both come from the ``vietnamadminunits``
package (its legacy parser and its 2025 converter, data shipped with the
package, no network), not from a hand-written table.

>>> canonical_province("tỉnh Sóc Trăng"), province_2025("Sóc Trăng")
('Sóc Trăng', 'Cần Thơ')
>>> canonical_province("TP HCM"), province_2025("Bà Rịa - Vũng Tàu")
('Hồ Chí Minh', 'Hồ Chí Minh')
>>> canonical_province("Atlantis") is None
True
"""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=512)
def canonical_province(name: str | None) -> str | None:
    """The issuing province's name as the 63-province list spells it, without ``tỉnh`` / ``thành phố``.

    Spelling variants (``Đăk Lăk``, ``Hoà Bình``, ``TP HCM``) give the same name;
    ``None`` when ``name`` is no province.
    """
    if not name or not name.strip():
        return None
    from vietnamadminunits import ParseMode, parse_address

    return parse_address(name, mode=ParseMode.LEGACY, level=1).short_province


@lru_cache(maxsize=512)
def province_2025(name: str | None) -> str | None:
    """The province (one of 34 since the 2025 reorganisation) that the area of province ``name`` belongs to.

    >>> province_2025("Thái Bình"), province_2025("Kon Tum"), province_2025("Đắk Lắk")
    ('Hưng Yên', 'Quảng Ngãi', 'Đắk Lắk')
    """
    if canonical_province(name) is None:
        return None
    from vietnamadminunits import convert_address

    return convert_address(name).short_province


def same_province(name: str, province: str | None) -> bool:
    """Whether ``province`` (a document's) is ``name`` or lies in ``name`` as reorganised in 2025.

    >>> same_province("Cần Thơ", "Sóc Trăng"), same_province("Sóc Trăng", "Sóc Trăng"), same_province("Huế", "Sóc Trăng")
    (True, True, False)
    """
    wanted = canonical_province(name)
    if wanted is None or province is None:
        return False
    return wanted in {canonical_province(province), province_2025(province)}


def spelled_as_listed(name: str | None) -> str | None:
    """``name`` in the listed spelling when it differs only in accents (``Đăk Lăk`` -> ``Đắk Lắk``); else ``name``.

    >>> spelled_as_listed("Đăk Lăk"), spelled_as_listed("Thừa Thiên Huế"), spelled_as_listed("Atlantis")
    ('Đắk Lắk', 'Thừa Thiên Huế', 'Atlantis')
    """
    from chitieu.models.normalize import fold

    listed = canonical_province(name)
    same_letters = listed and fold(listed).replace(" ", "").replace("-", "") == fold(name).replace(" ", "").replace("-", "")
    return listed if same_letters else name


@lru_cache(maxsize=512)
def province_of_district(district: str | None) -> str | None:
    """The province a district (before 2025) lies in, when the district's name is known and unique enough.

    >>> province_of_district("Sơn Hà"), province_of_district("Krông Pa"), province_of_district("Atlantis")
    ('Quảng Ngãi', 'Gia Lai', None)
    >>> province_of_district("Thanh Khê"), province_of_district("Mường Lay")   # a quận, a thị xã
    ('Đà Nẵng', 'Điện Biên')
    """
    if not district or not district.strip():
        return None
    from chitieu.models.normalize import fold
    from vietnamadminunits import ParseMode, parse_address

    for kind in DISTRICT_KINDS:
        try:
            found = parse_address(f"{kind} {district}".strip(), mode=ParseMode.LEGACY, level=2)
        except Exception:  # noqa: BLE001 - the parser raises on names it cannot place
            continue
        # the parser falls back on a near name in another province: accept only the district asked for
        if found.short_district and fold(found.short_district) == fold(district):
            return found.short_province
    return None


# The kinds of unit at district level, tried in turn: the parser reads a name after the wrong kind as a
# near name elsewhere (``huyện Thanh Khê`` is not the quận of Đà Nẵng), and the name alone may be a commune's.
DISTRICT_KINDS: tuple[str, ...] = ("huyện", "quận", "thị xã", "thành phố")


def _letters(name: str) -> str:
    from chitieu.models.normalize import fold

    return "".join(ch for ch in fold(name) if ch.isalnum())


def is_province_name(name: str | None) -> bool:
    """Whether ``name`` is a whole province's name (not a piece of one, not a near miss).

    A header wrapped mid-name (``THÀNH PHỐ HẢI\\nPHÒNG``) is joined only when the joined
    words make a listed name, so the check must refuse halves the parser would complete.

    >>> is_province_name("Hải Phòng"), is_province_name("Hải"), is_province_name("Bà Rịa"), is_province_name("Thừa Thiên Huế")
    (True, False, False, True)
    """
    if not name or not name.strip():
        return False
    listed = canonical_province(name)
    if listed is None:
        return False
    # the pre-2025 long form ends with the listed short one: Thừa Thiên Huế / Huế
    return _letters(name) == _letters(listed) or (len(name.split()) > 2 and _letters(name).endswith(_letters(listed)))


def is_district_name(name: str | None) -> bool:
    """Whether ``name`` is a district's (or provincial city's) whole name that places it in one province.

    >>> is_district_name("Krông Pa"), is_district_name("Krông"), is_district_name("Buôn Ma Thuột")
    (True, False, True)
    """
    return province_of_district(name) is not None
