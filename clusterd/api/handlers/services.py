"""``GET /v1/services``: the engines and their liveness (admin only)."""

from clusterd.api import microversion
from clusterd.api import rbac
from clusterd.api import util
from clusterd.clock import utcnow
from clusterd.objects import service as service_obj


def _serialize(service, lease_seconds, now):
    return {
        'id': service.id,
        'host': service.host,
        'binary': service.binary,
        'topic': service.topic,
        'disabled_reason': service.disabled_reason,
        'status': 'disabled' if service.disabled else 'enabled',
        # NOTE: "up" means what the engines themselves use to declare a peer dead
        # (the lease), not a second, unrelated timeout as in Senlin.
        'state': 'up' if service.is_up(lease_seconds, now) else 'down',
        'updated_at': util.isotime(service.updated_at),
    }


@microversion.versioned('1.7')
def list_services(req):
    rbac.authorize(req, 'services:index')
    lease_seconds = util.conf(req).engine.lease_seconds
    now = utcnow()
    services = service_obj.Service.list_all(util.context(req))
    return util.json_response({'services': [
        _serialize(service, lease_seconds, now) for service in services]})
