import datetime
from zoneinfo import ZoneInfo

import time_machine

from samenveilig import audit

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def log_at(when: datetime.datetime, actor, action, **kwargs):
    """Write an entry as if at ``when`` (local time in Amsterdam when naive)."""
    if when.tzinfo is None:
        when = when.replace(tzinfo=AMSTERDAM)
    with time_machine.travel(when, tick=False):
        return audit.log(actor, action, **kwargs)
