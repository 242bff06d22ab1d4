"""The cloud connection of a node's owner: with ``[openstack] connection_source =
trust``, through the Keystone trust stored for the owner (user, project) in the
``credential`` table; a trust Keystone refuses is forgotten there, so the owner's
next request to clusterd makes a new one (:mod:`clusterd.engine.trusts`)."""

from oslo_log import log as logging

from clusterd import context as context_mod
from clusterd.drivers import backends
from clusterd.objects import credential as credential_obj

LOG = logging.getLogger(__name__)


def compute(conf, ctx, user_id, project_id, region_name=None):
    """The :class:`clusterd.drivers.openstack.Compute` acting for (user, project),
    on the cloud ``[DEFAULT] cloud_backend`` names.

    :raises clusterd.drivers.openstack.CloudError: no connection (its message
        names the trust when Keystone refuses it).
    """
    return _clouds(conf, ctx, user_id, project_id, 'compute', region_name)


def orchestration(conf, ctx, user_id, project_id, region_name=None):
    """The :class:`clusterd.drivers.openstack.Orchestration` (Heat) acting for
    (user, project), through the same trust as :func:`compute`."""
    return _clouds(conf, ctx, user_id, project_id, 'orchestration', region_name)


def _clouds(conf, ctx, user_id, project_id, service, region_name):
    user_id = user_id or ctx.user_id
    project_id = project_id or ctx.project_id
    extra = {}
    db = getattr(ctx, 'db', None)
    if conf.openstack.connection_source == 'trust' and db is not None:
        def forget(trust_id):
            if credential_obj.forget(context_mod.admin_context(db), user_id,
                                     project_id, trust_id):
                LOG.warning('Keystone refuses trust %s of user %s in project %s; '
                            'forgotten until their next request', trust_id,
                            user_id, project_id)

        extra = {'trust_id': credential_obj.trust_of(ctx, user_id, project_id),
                 'on_bad_trust': forget}
    return getattr(backends.clouds(conf), service)(
        ctx, user_id, project_id, region_name=region_name, **extra)
