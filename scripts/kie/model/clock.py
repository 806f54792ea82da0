"""Today's date for every rule that depends on it (freshness of services, future dates, print dates).

KIE_TODAY=YYYY-MM-DD (or `kie --today YYYY-MM-DD`) sets it, so tests and reviews of old content behave the
same on any day; without it, the computer's date is used.
"""

from __future__ import annotations

import os
from datetime import date

from .project import ProjectError

VARIABLE = "KIE_TODAY"


def today() -> date:
    value = os.environ.get(VARIABLE, "").strip()
    if not value:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ProjectError(f"{VARIABLE}='{value}' is not a date; write it as YYYY-MM-DD, e.g. 2026-11-29") from None
