"""Entry point of ``oslo-config-generator`` (namespace ``clusterd``)."""

from clusterd.conf import api
from clusterd.conf import default
from clusterd.conf import engine
from clusterd.conf import health
from clusterd.conf import openstack
from clusterd.conf import process
from clusterd.conf import simulated
from clusterd.conf import standalone


def list_opts():
    groups = {}
    for module in (default, api, engine, standalone, openstack, process, health,
                   simulated):
        for group, opts in module.list_opts().items():
            groups.setdefault(group, []).extend(opts)
    return [(group, opts) for group, opts in groups.items()]
