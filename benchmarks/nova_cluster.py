#!/usr/bin/env python3
"""Booting N Nova servers: openstacksdk directly vs a clusterd cluster of N nodes.

Against the real Nova of ``shared/anchors/nova`` (started with ``--start-anchor``
when it is not up), in one run:

direct
    N ``create_server`` calls from ``--threads`` threads, each followed by
    openstacksdk's own ``wait_for_server`` (what a script without clusterd does),
    timed until every server is ACTIVE; then the same for deletion.
clusterd
    A cluster of N ``os.nova.server`` nodes created by a real in-process engine
    (oslo.messaging's in-process transport) on a throw-away MariaDB database,
    timed from the request until the CLUSTER_CREATE action SUCCEEDED; then
    CLUSTER_DELETE.  The HTTP requests clusterd sent to Nova are counted.

Each side runs in its own Nova project, after ``--settle`` seconds of rest for
Nova; ``--rounds`` repeats both, each round with the other side first, and
compares medians.  Prints ONE JSON object with both times and their ratio
(clusterd / direct; the target is at most 1.2); progress goes to stderr.  Exit status 0 when both sides reached their goal, 1 otherwise.
"""

import argparse
import concurrent.futures
import datetime
import json
import os
import resource
import statistics
import subprocess
import sys
import time
import uuid

import openstack
import oslo_messaging as messaging
import sqlalchemy as sa

from clusterd import conf as clusterd_conf
from clusterd import context as context_mod
from clusterd.db import api as db_api
from clusterd.db import migration
from clusterd.drivers import openstack as openstack_driver
from clusterd.engine import requests
from clusterd.engine import service as engine_service
from clusterd.objects import action as action_obj
from clusterd.objects import profile as profile_obj
from clusterd import states

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
IMAGE = '155d900f-4e14-4e4c-a73d-069cbf4541e6'
FLAVOR = 'm1.tiny'


def log(message):
    print('[nova_cluster] %s' % message, file=sys.stderr, flush=True)


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--count', type=int, default=20)
    parser.add_argument('--threads', type=int, default=10,
                        help='threads of the direct openstacksdk side')
    parser.add_argument('--cloud-call-threads', type=int, default=10,
                        help='clusterd [engine] cloud_call_threads')
    parser.add_argument('--poll-interval', type=float, default=2.0,
                        help='clusterd [openstack] poll_interval and the sdk '
                             'wait_for_server interval (both default to 2 s)')
    parser.add_argument('--nova', default='http://127.0.0.1:28774/v2.1')
    parser.add_argument('--glance', default='http://127.0.0.1:29292/')
    parser.add_argument('--neutron', default='http://127.0.0.1:29696/')
    parser.add_argument('--mysql', default=os.environ.get(
        'CLUSTERD_TEST_MYSQL_URL', 'mysql+pymysql://root@127.0.0.1:3306/'))
    parser.add_argument('--start-anchor', action='store_true',
                        help='run shared/anchors/nova/setup.sh first')
    parser.add_argument('--rounds', type=int, default=1,
                        help='alternate direct and clusterd this many times and '
                             'compare the medians (the anchor shares 2 cores with '
                             'everything else on the machine: one round is noisy)')
    parser.add_argument('--settle', type=float, default=10.0,
                        help='seconds of rest for Nova before each timed create')
    parser.add_argument('--timeout', type=float, default=600)
    return parser.parse_args(argv)


def connect(args, project):
    return openstack.connect(
        auth_type='admin_token',
        auth={'endpoint': args.nova, 'token': 'bench:%s' % project},
        region_name='RegionOne', image_endpoint_override=args.glance,
        network_endpoint_override=args.neutron)


def nova_timeline(conn, started_wall):
    """When (seconds after the request, on Nova's clock, 1 s resolution) Nova
    saw the first POST and launched the last server: what Nova itself took, as
    opposed to the time until the caller knew."""
    servers = list(conn.compute.servers(details=True))
    created = [_epoch(s.created_at) for s in servers if s.created_at]
    launched = [_epoch(s.launched_at) for s in servers if s.launched_at]
    return {'first_post_s': round(min(created) - started_wall, 1) if created else None,
            'last_post_s': round(max(created) - started_wall, 1) if created else None,
            'last_launched_s': round(max(launched) - started_wall, 1)
            if launched else None}


def _epoch(stamp):
    stamp = stamp.replace('Z', '')
    if '+' not in stamp[10:]:
        stamp += '+00:00'
    return datetime.datetime.fromisoformat(stamp).timestamp()


def settle(args):
    """Let Nova finish what the previous phase left (a deleted server's
    cleanup goes on after it is gone from the API) before timing."""
    time.sleep(args.settle)


def direct(args, project):
    conn = connect(args, project)
    # Version discovery and the flavor lookup happen before the timing, once.
    flavor = conn.compute.find_flavor(FLAVOR, ignore_missing=False)
    settle(args)

    def boot(index):
        server = conn.compute.create_server(
            name='direct-%d' % index, image_id=IMAGE, flavor_id=flavor.id,
            networks='none')
        return conn.compute.wait_for_server(server, interval=args.poll_interval,
                                            wait=args.timeout)

    def remove(server):
        conn.compute.delete_server(server)
        conn.compute.wait_for_delete(server, interval=args.poll_interval,
                                     wait=args.timeout)

    with concurrent.futures.ThreadPoolExecutor(args.threads) as pool:
        started, started_wall = time.monotonic(), time.time()
        servers = list(pool.map(boot, range(args.count)))
        create = time.monotonic() - started
        active = sum(1 for s in servers if s.status == 'ACTIVE')
        timeline = nova_timeline(conn, started_wall)
        started = time.monotonic()
        list(pool.map(remove, servers))
        delete = time.monotonic() - started
    return {'create_s': round(create, 2), 'delete_s': round(delete, 2),
            'active': active, 'nova': timeline}


def _cpu():
    """CPU seconds of this process (the engine runs in it) so far."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def throwaway_database(server_url):
    name = 'clusterd_bench_%s' % uuid.uuid4().hex[:10]
    server = sa.create_engine(server_url, isolation_level='AUTOCOMMIT')
    with server.connect() as conn:
        conn.execute(sa.text('CREATE DATABASE %s CHARACTER SET utf8mb4' % name))
    url = sa.engine.make_url(server_url).set(database=name).update_query_dict(
        {'charset': 'utf8mb4'}).render_as_string(hide_password=False)
    return server, name, url


def wait_action(ctx, action_id, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        action = action_obj.Action.get(ctx, action_id, project_safe=False)
        if action.status in states.ACTION_TERMINAL:
            return action
        # NOTE: the benchmark shares 2 cores and the database server with Nova:
        # polling faster would slow Nova down and the measure with it.
        time.sleep(0.25)
    return action


def with_clusterd(args, project, clouds_file):
    server, name, url = throwaway_database(args.mysql)
    db = db_api.Database(url, max_retries=0, max_pool_size=40)
    try:
        migration.upgrade(db)
        conf = clusterd_conf.make_conf()
        conf([], default_config_files=[])
        # The engine's defaults, but for the cloud-call threads (as many as the
        # direct side's threads).
        conf.set_override('cloud_call_threads', args.cloud_call_threads,
                          group='engine')
        for option, value in (('connection_source', 'cloud'), ('cloud', 'bench'),
                              ('clouds_file', clouds_file),
                              ('default_networks', 'none'),
                              ('poll_interval', args.poll_interval)):
            conf.set_override(option, value, group='openstack')
        engine = engine_service.EngineService(
            conf, db, messaging.get_rpc_transport(conf, url='fake:/'))
        engine.start()
        try:
            ctx = context_mod.RequestContext(db=db, user_id='bench',
                                             project_id=project, roles=['member'])
            profile = profile_obj.Profile.create(
                ctx, name='bench', type='os.nova.server-1.0', project=project,
                user='bench', spec={'type': 'os.nova.server', 'version': '1.0',
                                    'properties': {'flavor': FLAVOR,
                                                   'image': IMAGE}})
            # The connection (and its version discovery) is made before timing,
            # as the direct side's is.
            compute = openstack_driver.clouds(conf).compute(ctx)
            compute.supports('2.52')
            settle(args)
            started, started_wall = time.monotonic(), time.time()
            cpu_before = _cpu()
            cluster, action = requests.create_cluster(
                ctx, 3600, name='bench', profile_id=profile.id,
                desired_capacity=args.count, min_size=0, max_size=-1)
            engine.wake()
            action = wait_action(ctx, action.id, args.timeout)
            create = time.monotonic() - started
            cpu_create = _cpu() - cpu_before
            created = action.status
            create_calls = compute.request_counts()
            timeline = nova_timeline(connect(args, project), started_wall)
            started = time.monotonic()
            action = requests.cluster_action(
                ctx, cluster_from(ctx, cluster.id), 'CLUSTER_DELETE')
            engine.wake()
            deleted = wait_action(ctx, action.id, args.timeout).status
            delete = time.monotonic() - started
            delete_calls = compute.request_counts() - create_calls
        finally:
            engine.stop()
    finally:
        db.dispose()
        with server.connect() as conn:
            conn.execute(sa.text('DROP DATABASE IF EXISTS %s' % name))
        server.dispose()
    return {'create_s': round(create, 2), 'delete_s': round(delete, 2),
            'create_action': created, 'delete_action': deleted, 'nova': timeline,
            'engine_cpu_s_create': round(cpu_create, 2),
            'nova_requests_create': dict(create_calls),
            'nova_requests_delete': dict(delete_calls)}


def cluster_from(ctx, cluster_id):
    from clusterd.objects import cluster as cluster_obj
    return cluster_obj.Cluster.get(ctx, cluster_id, project_safe=False)


def main(argv=None):
    args = parse_args(argv)
    if args.start_anchor:
        setup = os.path.join(ROOT, '..', 'shared', 'anchors', 'nova', 'setup.sh')
        if not os.path.exists(setup):
            setup = '/work/shared/anchors/nova/setup.sh'
        log('starting the Nova anchor: %s' % setup)
        subprocess.run(['bash', setup], check=True, stdout=subprocess.DEVNULL)
    run = uuid.uuid4().hex[:6]
    clouds_file = '/tmp/clusterd-bench-clouds-%s.yaml' % run
    with open(clouds_file, 'w') as out:
        out.write('clouds:\n  bench:\n    auth_type: admin_token\n    auth:\n'
                  '      endpoint: %s\n      token: "{user_id}:{project_id}"\n'
                  '    region_name: RegionOne\n    image_endpoint_override: %s\n'
                  '    network_endpoint_override: %s\n'
                  % (args.nova, args.glance, args.neutron))
    rounds = []
    try:
        for number in range(args.rounds):
            sides = {}
            # NOTE: the sides take turns going first, so neither always runs
            # right after the other's deletions.
            order = ('direct', 'clusterd') if number % 2 == 0 else ('clusterd',
                                                                  'direct')
            for side in order:
                log('round %d, %s: %d servers' % (number + 1, side, args.count))
                project = 'bench-%s-%s-%d' % (side, run, number)
                if side == 'direct':
                    sides[side] = direct(args, project)
                else:
                    sides[side] = with_clusterd(args, project, clouds_file)
                log('%s: create %.1f s, delete %.1f s' % (
                    side, sides[side]['create_s'], sides[side]['delete_s']))
            rounds.append(sides)
    finally:
        os.unlink(clouds_file)

    def median(side, key):
        return statistics.median(r[side][key] for r in rounds)

    result = {
        'benchmark': 'nova_cluster', 'servers': args.count,
        'poll_interval_s': args.poll_interval, 'direct_threads': args.threads,
        'cloud_call_threads': args.cloud_call_threads, 'rounds': rounds,
        'load_average': os.getloadavg(),
        'direct_create_s': median('direct', 'create_s'),
        'clusterd_create_s': median('clusterd', 'create_s'),
        'direct_delete_s': median('direct', 'delete_s'),
        'clusterd_delete_s': median('clusterd', 'delete_s'),
    }
    result['create_ratio'] = round(result['clusterd_create_s']
                                   / result['direct_create_s'], 3)
    result['delete_ratio'] = round(result['clusterd_delete_s']
                                   / result['direct_delete_s'], 3)
    print(json.dumps(result, indent=2))
    ok = all(r['direct']['active'] == args.count
             and r['clusterd']['create_action'] == states.SUCCEEDED
             and r['clusterd']['delete_action'] == states.SUCCEEDED for r in rounds)
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
