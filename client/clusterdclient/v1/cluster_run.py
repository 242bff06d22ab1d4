"""``cluster run``: run a script on every node of a cluster over SSH.

The addresses come from the nodes' details (``details.addresses``, as Nova
lists a server's addresses); the nodes run the script at once, each in its
own ``ssh``.
"""

import shlex
import subprocess
import threading

from osc_lib import exceptions

from clusterdclient import client as client_module
from clusterdclient import common


def pick_address(addresses, network, address_type, version):
    """The one address to reach a node at, or raise ValueError(reason)."""
    if not isinstance(addresses, dict) or not addresses:
        raise ValueError('it is not attached to any network')
    if network:
        candidates = addresses.get(network)
        if not candidates:
            raise ValueError("it is not attached to network '%s'" % network)
    elif len(addresses) > 1:
        raise ValueError('it is attached to more than one network (%s): choose '
                         'one with --network' % ', '.join(sorted(addresses)))
    else:
        candidates = next(iter(addresses.values()))
    found = [item.get('addr') for item in candidates
             if item.get('version') == version and
             item.get('OS-EXT-IPS:type', 'floating') == address_type]
    if not found:
        raise ValueError('it has no %s IPv%d address%s' % (
            address_type, version, " on network '%s'" % network if network
            else ''))
    if len(found) > 1:
        raise ValueError('it has more than one %s IPv%d address' % (
            address_type, version))
    return found[0]


class RunOnCluster(common.Command):
    """Run a script on every node of a cluster, over SSH"""

    def arguments(self, parser):
        parser.add_argument('--port', metavar='<port>', type=int, default=22,
                            help='SSH port (default 22)')
        parser.add_argument('--address-type', metavar='<address_type>',
                            default='floating',
                            help='floating (the default) or fixed')
        parser.add_argument('--network', metavar='<network>', default='',
                            help='The network whose address to use')
        parser.add_argument('--ipv6', action='store_true', default=False,
                            help='Use the IPv6 address (default IPv4)')
        parser.add_argument('--user', metavar='<user>', default='root',
                            help='Login name (default root); or give '
                                 'user@cluster')
        parser.add_argument('--identity-file', metavar='<identity_file>',
                            help="Private key file (ssh's -i)")
        parser.add_argument('--ssh-options', metavar='<ssh_options>',
                            default='', help='More ssh options')
        parser.add_argument('--script', metavar='<script>', required=True,
                            help='The script file to run')
        parser.add_argument('cluster', metavar='<cluster>',
                            help='Name or ID of the cluster ([user@]cluster)')

    def take_action(self, parsed_args):
        user, cluster = parsed_args.user, parsed_args.cluster
        if '@' in cluster:
            user, cluster = cluster.split('@', 1)
        try:
            with open(parsed_args.script) as stream:
                script = stream.read()
        except OSError as exc:
            raise exceptions.CommandError('Cannot read the script %s: %s' % (
                parsed_args.script, exc.strerror))
        self.client.require((1, 2), 'openstack cluster run')
        attributes = self.client.get(client_module.path(
            '/clusters', cluster, 'attrs', 'details'))['cluster_attributes']
        version = 6 if parsed_args.ipv6 else 4
        results = {}
        threads = []
        for item in attributes:
            details = item.get('value') or {}
            result = results[item['id']] = {}
            try:
                address = pick_address(
                    details.get('addresses') if isinstance(details, dict)
                    else None, parsed_args.network, parsed_args.address_type,
                    version)
            except ValueError as exc:
                result.update(status='FAILED', error='Node %s: %s.' % (
                    item['id'], exc))
                continue
            command = ['ssh', '-%d' % version, '-p%d' % parsed_args.port]
            if parsed_args.identity_file:
                command += ['-i', parsed_args.identity_file]
            command += shlex.split(parsed_args.ssh_options)
            command += ['%s@%s' % (user, address), script]
            thread = threading.Thread(target=self._ssh, args=(command, result))
            thread.start()
            threads.append(thread)
        for thread in threads:
            thread.join()
        failed = 0
        for node_id, result in results.items():
            print('node: %s' % node_id)
            print('status: %s' % result['status'])
            if result.get('output'):
                print('output:\n%s' % result['output'])
            if result.get('error'):
                print('error:\n%s' % result['error'])
            failed += not result['status'].startswith('SUCCEEDED')
        if failed:
            raise exceptions.CommandError('The script failed on %d of %d nodes.'
                                          % (failed, len(results)))

    @staticmethod
    def _ssh(command, result):
        try:
            done = subprocess.run(command, capture_output=True, text=True,
                                  stdin=subprocess.DEVNULL)
        except OSError as exc:
            result.update(status='FAILED', error=str(exc))
            return
        result.update(status='%s (%d)' % (
            'SUCCEEDED' if done.returncode == 0 else 'FAILED', done.returncode),
            output=done.stdout, error=done.stderr)
