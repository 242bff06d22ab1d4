"""The OpenStackClient extension hooks (entry point ``openstack.cli.extension``).

python-openstackclient imports this module at every start, whatever the
command, so it imports nothing but the standard library: the client and the
SDK are loaded by :func:`make_client`, when a ``cluster`` command runs.
"""

import os
import re

API_NAME = 'clustering'
API_VERSION_OPTION = 'os_clustering_api_version'
DEFAULT_API_VERSION = '1'
# '1' (negotiate the microversion) or '1.N' (use exactly that microversion).
_VERSION = re.compile(r'^1(\.(0|[1-9][0-9]*))?$')


def check_api_version(version):
    """Accept ``1`` and ``1.N``; refuse the rest before any command runs.

    :returns: True, so that the shell does not warn about a microversion
        missing from a fixed list.
    """
    if not _VERSION.match(str(version)):
        # The shell prints this message and exits 1.
        raise ValueError(
            "Invalid clustering API version '%s': use 1 (negotiate with the "
            "server) or a microversion such as 1.14." % version)
    return True


def make_client(instance):
    """The ``client_manager.clustering`` handle: a :class:`Client`."""
    from clusterdclient import client
    return client.Client(instance)


def build_option_parser(parser):
    """The global option ``--os-clustering-api-version``."""
    parser.add_argument(
        '--os-clustering-api-version',
        metavar='<clustering-api-version>',
        default=os.environ.get('OS_CLUSTERING_API_VERSION', DEFAULT_API_VERSION),
        help='Clustering API version: 1 (the default) uses the newest '
             'microversion both the server and this client know; 1.N asks for '
             'exactly 1.N (Env: OS_CLUSTERING_API_VERSION)')
    return parser
