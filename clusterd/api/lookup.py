"""Finding one object from what a user typed: an id, a name or a short id.

Clients pass user input unchanged (``GET /v1/clusters/web``, ``profile_id: "pA"``),
so every resource resolves an identity the same way, as Senlin did:

1. a UUID-looking identity is tried as an id;
2. then as a name, which must be unique;
3. then as the prefix of an id, which must be unambiguous.

Two matches answer 400 ("Multiple results found matching the query criteria
'x'. Please be more specific."), none 404 ("The cluster 'x' could not be
found.").  Only the caller's project is searched, except for an admin, who may
reach any project's object.
"""

from oslo_utils import uuidutils

from clusterd.api import errors
from clusterd.api import util
from clusterd.objects import listing as listing_obj


def find(req, cls, identity, fields, kind=None, project_safe=None, extra=()):
    """The row (a dict of ``fields``) of domain class ``cls`` named by ``identity``.

    :param kind: the word in the 404 message (default: ``cls.kind``)
    :param project_safe: search only the caller's project (default: unless admin)
    :param extra: more labelled column expressions (see objects.listing.page)
    """
    context = util.context(req)
    kind = kind or cls.kind
    if project_safe is None:
        project_safe = not context.is_admin
    if uuidutils.is_uuid_like(identity):
        row = listing_obj.by_id(context, cls, fields, identity, project_safe,
                                extra)
        if row is not None:
            return row
    if 'name' in cls.fields:
        rows = listing_obj.by_name(context, cls, fields, identity, project_safe,
                                   extra)
        if len(rows) == 1:
            return rows[0]
        if rows:
            raise errors.MultipleChoices(identity)
    rows = listing_obj.by_id_prefix(context, cls, fields, identity, project_safe,
                                    extra)
    if len(rows) == 1:
        return rows[0]
    if rows:
        raise errors.MultipleChoices(identity)
    raise errors.NotFound.of(kind, identity)


def check_name_unique(req, cls, name, message):
    """With ``[DEFAULT] name_unique``, refuse a second object of the same name.

    :param message: the 400's text, with ``%s`` for the name
    :raises errors.BadRequest: the project has an object of that name
    """
    if util.conf(req).name_unique and listing_obj.by_name(
            util.context(req), cls, ('id',), name):
        raise errors.BadRequest(message % name)


def referenced(req, cls, identity, fields, word='specified'):
    """:func:`find` for an object a request body names: not found is a 400
    ("The specified profile 'x' could not be found.")."""
    try:
        return find(req, cls, identity, fields)
    except errors.NotFound:
        raise errors.BadRequest("The %s %s '%s' could not be found." %
                                (word, cls.kind, identity))
