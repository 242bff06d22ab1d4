"""The one place that picks the cloud behind the OpenStack profiles.

``[DEFAULT] cloud_backend`` names it: ``openstack`` (a real cloud through
openstacksdk, :mod:`clusterd.drivers.openstack`) or ``simulated`` (the
simulated OpenStack cloud, :mod:`clusterd.drivers.simulated_openstack`).  Both
registries have the same interface: ``compute(ctx, user_id, project_id,
region_name)`` and ``orchestration(...)``, raising
:class:`clusterd.drivers.openstack.CloudError`.  Profiles ask :func:`clouds`
and never learn which one they got.
"""

from clusterd.drivers import openstack
from clusterd.drivers import simulated_openstack

OPENSTACK = 'openstack'
SIMULATED = 'simulated'


def clouds(conf):
    """The cloud registry of the service configuration ``conf``."""
    if conf.cloud_backend == SIMULATED:
        return simulated_openstack.clouds(conf)
    return openstack.clouds(conf)
