"""Opaque household numbers: what a draw's verification needs of the volunteers' addresses, and no more.

The draw only needs to know who lives with whom. Each household gets a number, 1, 2, 3... in the
order its first member appears when the pool is sorted by id, so that the same pool always gets the
same numbers and a number says nothing about the address. The app gives `panels` these numbers, not
the addresses: the published fingerprint, the draw record and the verification file all use them.
"""
import unicodedata


def household_numbers(people):
    """{id: household number as text} for `(id, household key)` pairs; people without a key are left out."""
    numbers, found = {}, {}
    for pid, key in sorted(people, key=lambda pair: unicodedata.normalize("NFC", pair[0])):
        if key:
            numbers[pid] = found.setdefault(key, str(len(found) + 1))
    return numbers
