"""Reading the pool of volunteers (CSV or XLSX), and writing pools and quotas back.

Two steps, so that an application can show a preview and let the organiser map the
columns before the pool is built::

    table = read_pool_table("vivier.xlsx")         # header, rows, guessed column roles
    table.roles                                     # {"id": "id", "email": "personal", "age": "feature", ...}
    pool, personal = table.build(feature_columns=["genre", "age"], with_personal=True)

or in one call: ``read_pool(path)`` -> ``Pool``; ``read_pool(path, with_personal=True)``
-> ``(Pool, personal)`` where ``personal[id]`` holds that person's contact and address
cells ({column: value}), kept apart from the features the draw sees.

Quotas files are read by ``panels.quota_files`` (re-exported here).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from .errors import BadPoolFile, Problem
from .households import normalise_address
from .model import Person, Pool, Quotas
from .quota_files import quotas_from_shares, read_quotas, read_shares  # noqa: F401
from .csv_writer import write_csv
from .tables import Limits, Source, Table, header_key, read_table

ID_NAMES = {"id", "identifiant", "identifier", "ident"}
# Street-level columns: only these make a household key meaningful on their own.
STREET_NAMES = {"adresse", "address", "adresse1", "adresse2", "address1", "address2",
                "adressepostale", "rue", "street", "complementadresse", "complementdadresse"}
PLACE_NAMES = {"codepostal", "cp", "postcode", "postalcode", "zip", "zipcode",
               "ville", "city", "town"}
CONTACT_NAMES = {"name", "nom", "prenom", "firstname", "lastname", "surname", "givenname",
                 "nomcomplet", "fullname", "nomdefamille", "email", "mail", "courriel",
                 "adressemail", "adresseemail", "emailaddress", "telephone", "tel", "phone",
                 "phonenumber", "mobile", "portable", "numerodetelephone"}
# Form-export and bookkeeping columns: neither id nor feature (kept with the personal data).
OTHER_NAMES = {"horodatage", "timestamp", "date", "dateinscription", "datedinscription",
               "commentaire", "commentaires", "remarque", "remarques", "notes", "note",
               "consentement", "consent", "source"}

ROLE_ID, ROLE_FEATURE, ROLE_ADDRESS, ROLE_PERSONAL, ROLE_IGNORED = (
    "id", "feature", "address", "personal", "ignored")


def guess_roles(header: Sequence[str]) -> dict[str, str]:
    """Column -> role guessed from its name: id, feature, address, personal or ignored.

    The id column is the one named id/identifiant (any case), else the first column
    (skipping a form's timestamp column).
    """
    keys = [header_key(c) for c in header]
    id_index = next((i for i, k in enumerate(keys) if k in ID_NAMES),
                    next((i for i, k in enumerate(keys) if k not in OTHER_NAMES), 0))
    roles = {}
    for i, (col, key) in enumerate(zip(header, keys)):
        if i == id_index:
            roles[col] = ROLE_ID
        elif not col or key in OTHER_NAMES:
            roles[col] = ROLE_IGNORED
        elif key in STREET_NAMES or key in PLACE_NAMES:
            roles[col] = ROLE_ADDRESS
        elif key in CONTACT_NAMES:
            roles[col] = ROLE_PERSONAL
        else:
            roles[col] = ROLE_FEATURE
    return roles


def canonical_address_columns(columns: Iterable[str]) -> list[str]:
    """Address columns in one order whatever the file's (street first, then by name), so
    that the household key, and the pool's fingerprint, do not depend on column order."""
    return sorted(dict.fromkeys(columns), key=lambda c: (header_key(c) not in STREET_NAMES,
                                                         header_key(c), c))


@dataclass
class PoolTable:
    """A pool file read but not yet validated: for previews and column mapping."""

    table: Table
    roles: dict[str, str] = field(default_factory=dict)

    @property
    def header(self) -> list[str]:
        return self.table.header

    @property
    def rows(self) -> list[list[str]]:
        return self.table.rows

    @property
    def id_column(self) -> str:
        return next(c for c, r in self.roles.items() if r == ROLE_ID)

    @property
    def feature_columns(self) -> list[str]:
        return [c for c in self.header if self.roles.get(c) == ROLE_FEATURE]

    @property
    def address_columns(self) -> list[str]:
        """Guessed address columns; empty unless one holds a street (a city alone is no household)."""
        cols = [c for c in self.header if self.roles.get(c) == ROLE_ADDRESS]
        return cols if any(header_key(c) in STREET_NAMES for c in cols) else []

    def build(self, *, id_column: str | None = None,
              feature_columns: Sequence[str] | None = None,
              address_columns: Sequence[str] | None = None,
              with_personal: bool = False):
        """Validate every row and build the ``Pool`` (see module docstring for ``with_personal``).

        Columns not given are taken from the guessed roles; ``address_columns=[]``
        turns households off. Raises ``BadPoolFile`` listing every problem found, with
        its row number (header = row 1).
        """
        guessed = id_column is None and header_key(self.id_column) not in ID_NAMES
        id_column = id_column or self.id_column
        features = list(self.feature_columns if feature_columns is None else feature_columns)
        addresses = canonical_address_columns(
            self.address_columns if address_columns is None else address_columns)
        problems = self._column_problems(id_column, features, addresses)
        if problems:
            raise BadPoolFile(problems)
        people, personal, problems = self._people(id_column, features, addresses)
        if guessed:
            problems = self._no_id_column(id_column, problems)
        problems = sorted(problems + self.table.overflow_problems(), key=lambda p: p.row or 0)
        if problems:
            raise BadPoolFile(problems)
        pool = Pool(people, features)
        return (pool, personal) if with_personal else pool

    def _problem(self, code: str, message: str, **where) -> Problem:
        return Problem(code, message, file=self.table.file, **where)

    def _column_problems(self, id_column: str, features: list[str],
                         addresses: list[str]) -> list[Problem]:
        problems = []
        for col in dict.fromkeys([id_column, *features, *addresses]):
            if col not in self.header:
                problems.append(self._problem(
                    "missing_column", f"There is no column {col!r} in the file "
                    f"(columns: {', '.join(repr(c) for c in self.header)}).", row=1, column=col))
        if id_column in features:
            problems.append(self._problem("id_as_feature", "The id column cannot also be a "
                                          "feature.", row=1, column=id_column))
        if not features:
            problems.append(self._problem("no_features", "No feature column: at least one "
                                          "column (gender, age...) must be used for quotas."))
        if not self.rows and not problems:
            problems.append(self._problem("no_rows", "The file has a header but no volunteers."))
        return problems

    def _no_id_column(self, id_column: str, problems: list[Problem]) -> list[Problem]:
        """No column is named id: the first column was taken as the id. If its values repeat,
        it is no id column: say so once, with the columns seen, instead of one line a row."""
        repeated = [p for p in problems if p.code == "duplicate_id"]
        if not repeated:
            return problems
        header = [c for c in self.header if c]
        one = self._problem(
            "no_id_column", f"No id column was found (a column named id or identifiant), and "
            f"the column {id_column!r} taken instead has repeated values ({len(repeated)} "
            f"rows). Columns seen: {', '.join(repr(c) for c in header)}.", row=1,
            column=id_column, data={"repeated": len(repeated), "columns": header})
        return [one] + [p for p in problems if p.code != "duplicate_id"]

    def _people(self, id_column, features, addresses):
        problems, people, personal = [], [], {}
        first_row: dict[str, int] = {}
        kept = [c for c in self.header if c and c != id_column and c not in features]
        for number, record in self.table.records():
            pid = record[id_column]
            if not pid:
                problems.append(self._problem("empty_id", "The id is empty.",
                                              row=number, column=id_column))
            elif pid in first_row:
                problems.append(self._problem(
                    "duplicate_id", f"The id {pid!r} is already used on row {first_row[pid]}.",
                    row=number, column=id_column, value=pid, data={"first": first_row[pid]}))
            else:
                first_row[pid] = number
            for col in features:
                if not record[col]:
                    problems.append(self._problem("empty_cell", f"The {col!r} cell is empty.",
                                                  row=number, column=col))
            if problems:
                continue  # keep collecting problems; build nothing more
            household = normalise_address(*(record[c] for c in addresses)) if addresses else None
            people.append(Person(pid, {f: record[f] for f in features}, household))
            personal[pid] = {c: record[c] for c in kept}
        return people, personal, problems


def read_pool_table(source: Source | Table, *, filename: str | None = None,
                    limits: Limits | None = None) -> PoolTable:
    """Read a pool file (or take a ``Table`` already read) for preview: header, rows and
    guessed roles; nothing validated yet.

    Raises ``BadPoolFile`` if the file is empty, not a table, has duplicate columns, or is
    larger than ``limits``. Cells guarded against formulas by ``write_pool_csv`` read back as
    they were.
    """
    table = source if isinstance(source, Table) else read_table(
        source, filename=filename, error=BadPoolFile, limits=limits, guarded=True)
    return PoolTable(table, guess_roles(table.header))


def read_pool(source: Source, *, id_column: str | None = None,
              feature_columns: Sequence[str] | None = None,
              address_columns: Sequence[str] | None = None,
              filename: str | None = None, with_personal: bool = False):
    """Read and validate a pool file (CSV or XLSX; path, bytes or binary file object).

    Returns a ``Pool`` (or ``(Pool, personal)`` with ``with_personal=True``). Columns
    not given are guessed: id/identifiant or the first column is the id; contact and
    address columns are personal; every other column is a feature. A street address
    column (with postcode and city if present) gives each person a household key.
    Raises ``BadPoolFile`` with every problem found and its row number.
    """
    return read_pool_table(source, filename=filename).build(
        id_column=id_column, feature_columns=feature_columns,
        address_columns=address_columns, with_personal=with_personal)


def write_pool_csv(pool: Pool, path: str | os.PathLike | None = None, *,
                   personal: dict[str, dict[str, str]] | None = None) -> str:
    """Write a pool as UTF-8 CSV (id, features, then personal columns); return the text.

    Without ``personal``, household keys are written as an ``adresse`` column so that
    ``read_pool`` gives the same households back.
    """
    personal = dict(personal or {})
    if not personal and any(p.household for p in pool):
        # Keep households: the normalised key reads back as the same key.
        personal = {p.id: {"adresse": p.household or ""} for p in pool}
    extra = list(dict.fromkeys(c for cells in personal.values() for c in cells))
    rows = ([p.id, *(p.features[f] for f in pool.features),
             *(personal.get(p.id, {}).get(c, "") for c in extra)] for p in pool)
    return write_csv(["id", *pool.features, *extra], rows, path)


def write_quotas_csv(quotas: Quotas, path: str | os.PathLike | None = None) -> str:
    """Write quotas as UTF-8 CSV with header feature,value,min,max; return the text."""
    return write_csv(["feature", "value", "min", "max"],
                     ([q.feature, q.value, q.min, q.max] for q in quotas), path)
