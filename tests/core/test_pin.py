"""The kiosk PIN: salted slow hash, constant-time check, format rules."""

from __future__ import annotations

import pytest

from forebygg_desktop.core.pin import InvalidPinError, hash_pin, verify_pin


def test_a_pin_hash_is_salted_and_verifies_only_the_right_pin() -> None:
    first, second = hash_pin("2468"), hash_pin("2468")
    assert first != second  # a fresh salt each time
    assert "2468" not in first
    assert verify_pin("2468", first) and verify_pin("2468", second)
    assert not verify_pin("2469", first)
    assert not verify_pin("", first)


@pytest.mark.parametrize("stored", [None, "", "plain", "scrypt$x$8$1$00$00",
                                    "pbkdf2$1$2$3$4$5"])
def test_a_missing_or_malformed_hash_never_verifies(stored: str | None) -> None:
    assert not verify_pin("1234", stored)


@pytest.mark.parametrize("pin", ["123", "12ab", "１２３４", "1234567890123", " 1234"])
def test_bad_pins_are_refused(pin: str) -> None:
    with pytest.raises(InvalidPinError) as caught:
        hash_pin(pin)
    assert caught.value.field == "pin"
    assert "4" in caught.value.message()
