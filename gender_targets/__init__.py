"""gender_targets: women's leadership targets of Plan 63/KH-BTV, computed from unit workbooks.

The package is the pure core: it reads workbooks (bytes in), validates them, stores submissions,
computes indicators and progress, and draws figures and exports (bytes out). It never imports
Streamlit; the pages in ``pages/`` and the CLI call the same functions.
"""

from .periods import Period, parse_period
from .schema import BODY_COLUMNS, COUNT_COLUMNS, DEFAULT_TARGETS, INDICATORS, BodyType
from .units import Register, RegisterError, load_register
from .validation import Severity, ValidationIssue

__all__ = [
    "BODY_COLUMNS",
    "COUNT_COLUMNS",
    "DEFAULT_TARGETS",
    "INDICATORS",
    "BodyType",
    "Period",
    "Register",
    "RegisterError",
    "Severity",
    "ValidationIssue",
    "load_register",
    "parse_period",
]

__version__ = "0.1.0"
