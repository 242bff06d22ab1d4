"""Trusts made at a user's request, so clusterd can act for them later.

With ``[openstack] connection_source = trust``, the API calls :func:`ensure` at
every authenticated request (keystone auth): the trust stored for the caller's
(user, project) is put on the request context (``context.trusts``); when there is
none, the caller's token finds or creates one in Keystone, from the caller to
clusterd's service user (:func:`clusterd.drivers.keystone.find_or_create_trust`),
and it is stored (:mod:`clusterd.objects.credential`).  Every cloud call for that
user's nodes, from the API, the engine, the health manager and webhook triggers,
then authenticates through it (:mod:`clusterd.profiles.cloud_access`).  A trust
Keystone no longer honours is forgotten by the call that meets it, and the
user's next request makes a new one here.

One indexed read per request; Keystone only at a user's first request in a
project (or after the trust was lost).
"""

from oslo_log import log as logging

from clusterd.drivers import keystone
from clusterd.objects import credential as credential_obj

LOG = logging.getLogger(__name__)


def wanted(conf):
    """Trusts are made when connections come from them and Keystone is named
    (``[openstack] auth_url``; without it no cloud call can be made anyway)."""
    return conf.openstack.connection_source == 'trust' and \
        bool(conf.openstack.auth_url)


def ensure(context, conf):
    """Put the caller's trust on ``context`` (``context.trusts``), finding or
    making it when none is stored.

    :returns: the trust id, or None when there is no user, project or token.
    :raises clusterd.drivers.keystone.KeystoneError: Keystone refused.
    """
    user, project = context.user_id, context.project_id
    if not (user and project and context.auth_token):
        return None
    trust_id = credential_obj.trust_of(context, user, project)
    if trust_id is None:
        trust_id = keystone.find_or_create_trust(
            conf.openstack, context.auth_token, user, project, context.roles)
        credential_obj.store(context, user, project, trust_id)
        LOG.info('Stored Keystone trust %s of user %s in project %s', trust_id,
                 user, project)
    context.trusts = trust_id
    return trust_id
