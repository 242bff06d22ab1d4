"""The one clock of clusterd's own timestamps: timezone-aware UTC.

Every layer stamps times (the objects' rows, the API's answers, the engine's
cooldowns), so the clock lives at the bottom, below the database that stores what
it reads.
"""

import datetime


def utcnow():
    """Now, as a timezone-aware UTC datetime."""
    return datetime.datetime.now(datetime.timezone.utc)
