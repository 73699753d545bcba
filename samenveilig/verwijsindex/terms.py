"""The legal terms of the Verwijsindex, in one place with their source (see ``docs/verwijsindex.md``).

Jeugdwet art. 7.1.4.5: a signal (melding) is removed by the professional when, in their judgement, it was not
justified or the risk is gone (lid 1); and in any case at the latest two years after it was made, from the day the
young person turns 23, and as soon as possible after their death (lid 2). Jeugdwet art. 7.1.1.1 (jeugdige in
paragraph 7.1): a young person who has not yet reached the age of 23.

The term for the trace of a removed signal is a setting (``SAMENVEILIG_VERWIJSINDEX_HISTORY_YEARS``).
"""

from __future__ import annotations

from datetime import date

from django.conf import settings

#: Jeugdwet art. 7.1.4.5 lid 2 sub a: at the latest two years after the signal was made.
SIGNAL_MAX_YEARS = 2
#: Jeugdwet art. 7.1.1.1 and 7.1.4.5 lid 2 sub b: the index is for young people under 23; removal on the 23rd birthday.
MAX_AGE = 23


def add_years(day: date, years: int) -> date:
    """The same calendar day ``years`` later; 29 February becomes 28 February in a year without it."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def age_limit_day(birth_date: date) -> date:
    """The day the young person turns 23: from that day no signal about them may exist."""
    return add_years(birth_date, MAX_AGE)


def in_age_range(birth_date: date, today: date) -> bool:
    """Born (not in the future) and not yet 23 on ``today``."""
    return birth_date <= today < age_limit_day(birth_date)


def remove_on(created: date, birth_date: date) -> date:
    """The day a signal made on ``created`` must be gone at the latest (the earlier of the two legal ends)."""
    return min(add_years(created, SIGNAL_MAX_YEARS), age_limit_day(birth_date))


def history_keep_until(removed: date) -> date:
    """How long the trace of a signal removed on ``removed`` is kept."""
    return add_years(removed, settings.SAMENVEILIG_VERWIJSINDEX_HISTORY_YEARS)
