"""The Ombudsman casework register: determinations, orders, recommendations and their actions.

Public API (kept stable for the annual report and other callers):

- ``load_register(path, as_of) -> CheckedRegister``: load and check a register;
  raises ``InputError`` (located problems) when it cannot be used at all.
  ``CheckedRegister`` has ``register`` (the model), ``owners`` (its own and those
  of ``owners_from``), ``problems`` and ``errors``.
- ``check_register(document, as_of) -> CheckedRegister``: the same for a loaded YAML document.
- ``figures(register, as_of) -> dict``: JSON-ready figures (cases by kind, determinations,
  findings by category, the maladministration rate, complaint handling failure orders,
  orders made and complied with on time, recommendations and their actions,
  compensation ordered, and all of these by subject category).
- ``publications(register) -> list[dict]``: the Ombudsman's publications about the landlord.
- ``FINDINGS``, ``ADVERSE``, ``UNDECIDED``: the Ombudsman's finding categories.
- ``Register`` and the other models live in ``selfassess.casework.models``.
"""

from __future__ import annotations

from selfassess.casework.figures import figures, publications
from selfassess.casework.load import CheckedRegister, check_register, load_register
from selfassess.casework.models import ADVERSE, FINDINGS, UNDECIDED, Register

__all__ = [
    "ADVERSE",
    "FINDINGS",
    "UNDECIDED",
    "CheckedRegister",
    "Register",
    "check_register",
    "figures",
    "load_register",
    "publications",
]
