"""Senlin's typed refusals, shared by the resource handlers.

Clients read only ``error.message``, but the ``error.type`` Senlin gave is kept
(``ResourceInUse``, ``ActionInProgress``...) so that logs and scripts that match
on it keep working.
"""

from clusterd.api import errors


class ResourceInUse(errors.Conflict):
    error_type = 'ResourceInUse'


class ActionInProgress(errors.Conflict):
    error_type = 'ActionInProgress'


class ActionConflict(errors.Conflict):
    error_type = 'ActionConflict'


class ActionImmutable(errors.Conflict):
    error_type = 'ActionImmutable'


class FeatureNotSupported(errors.Conflict):
    error_type = 'FeatureNotSupported'


class PolicyBindingNotFound(errors.NotFound):
    error_type = 'PolicyBindingNotFound'


def refuse(problems):
    """One 400 listing every problem found (one per line), if there is any."""
    if problems:
        raise errors.BadRequest('\n'.join(problems))


def spec_problem(exc):
    """The message of a :class:`clusterd.schema.InvalidSpec`, naming the field
    unless the reason does.

    A top-level item of ``properties`` is quoted by the reason itself
    ("Unrecognizable spec item 'bogus'", Senlin's words, which its tempest suite
    checks); deeper problems keep their path ("properties.latency: ...").
    """
    if exc.path in (None, 'properties'):
        return exc.reason
    return str(exc)
