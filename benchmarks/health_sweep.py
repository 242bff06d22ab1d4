#!/usr/bin/env python3
"""Health sweep benchmark: one engine's health manager checks 10,000 nodes with
NODE_STATUS_POLL_URL.

What runs is the engine's own code: :class:`clusterd.health.manager.HealthManager`
(its bounded pools, the poll-URL detector, the health-state writes, the breaker
and :func:`clusterd.health.recovery.request_recovery`) on a real database.  The
nodes are rows of ``clusterd.simulated`` clusters (no processes); their poll URL
(``http://127.0.0.1:<port>/health/{node_id}``) is answered by a threaded HTTP/1.1
server in a separate process, so the CPU time measured in this process is the
engine's alone.

Figures (ONE JSON object on stdout, progress on stderr):

- ``sweep_seconds``: wall time of each full sweep (every cluster's pass started
  and finished), target <= 10 s for 10,000 nodes;
- ``engine_cpu_seconds_per_sweep``: user + system CPU of this process per sweep;
- ``failure_to_recovery_seconds``: with the manager running on its own timer, the
  time from a node's poll URL starting to fail until its NODE_RECOVER action row
  exists (target: within one interval).

Usage: ``benchmarks/health_sweep.py [--nodes 10000] [--clusters 20]
[--sweeps 3] [--interval 10] [--threads 64] [--db-url URL]`` (default: a SQLite
file in a temporary directory).
"""

import argparse
import datetime
import http.server
import json
import multiprocessing
import os
import platform
import resource
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

from clusterd.clock import utcnow  # noqa: E402
from clusterd import conf as conf_mod  # noqa: E402
from clusterd import context as context_mod  # noqa: E402
from clusterd.db import api as db_api  # noqa: E402
from clusterd.db import migration  # noqa: E402
from clusterd.engine import environment  # noqa: E402
from clusterd.engine import ownership  # noqa: E402
from clusterd.health import manager as manager_mod  # noqa: E402
from clusterd.objects import action as action_obj  # noqa: E402
from clusterd.objects import base as objects_base  # noqa: E402
from clusterd.objects import cluster as cluster_obj  # noqa: E402
from clusterd.objects import node as node_obj  # noqa: E402
from clusterd.objects import policy as policy_obj  # noqa: E402
from clusterd.objects import profile as profile_obj  # noqa: E402
from clusterd.objects import service as service_obj  # noqa: E402
from clusterd.policies import health as health_policy  # noqa: E402
from clusterd import states  # noqa: E402


def log(message):
    print(message, file=sys.stderr, flush=True)


# --- the HTTP server answering for every node (another process) -----------------

def serve(port_queue, failing):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = 'HTTP/1.1'
        # One segment per answer: no 40 ms delayed-ACK stall per request.
        disable_nagle_algorithm = True

        def do_GET(self):
            node_id = self.path.rsplit('/', 1)[-1]
            bad = node_id in failing
            body = b'failing' if bad else b'passing'
            self.send_response(500 if bad else 200)
            self.send_header('Content-Length', str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self):  # /fail/<node id>
            failing[self.path.rsplit('/', 1)[-1]] = True
            self.send_response(204)
            self.send_header('Content-Length', '0')
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)
    server.daemon_threads = True
    server.request_queue_size = 1024
    port_queue.put(server.server_address[1])
    server.serve_forever()


# --- setup ----------------------------------------------------------------------

def make_conf(args):
    conf = conf_mod.make_conf()
    conf([], default_config_files=[])
    conf.set_override('interval_min', 1, group='health')
    conf.set_override('check_threads', args.threads, group='health')
    conf.set_override('manager_tick', 0.1, group='health')
    return conf


def populate(context, conf, args, port):
    spec = {'type': 'senlin.policy.health', 'version': '1.1', 'properties': {
        'detection': {
            'interval': args.interval, 'node_update_timeout': 0,
            'detection_modes': [{'type': 'NODE_STATUS_POLL_URL', 'options': {
                'poll_url': 'http://127.0.0.1:%d/health/{node_id}' % port,
                'poll_url_healthy_response': 'passing',
                'poll_url_retry_limit': 1, 'poll_url_timeout': 5}}]},
        'recovery': {'actions': [{'name': 'RECREATE'}]}}}
    settings = health_policy.HealthPolicy11('bench', spec, conf).settings
    profile = profile_obj.Profile.create(
        context, name='sim', type='clusterd.simulated-1.0', project='bench',
        user='bench', spec={'type': 'clusterd.simulated', 'version': '1.0',
                            'properties': {}})
    policy = policy_obj.Policy.create(
        context, name='health', type='senlin.policy.health-1.1', user='bench',
        project='bench', spec=spec, data={})
    per_cluster = args.nodes // args.clusters
    old = utcnow() - datetime.timedelta(hours=1)
    node_ids = []
    for c in range(args.clusters):
        cluster = cluster_obj.Cluster.create(
            context, name='bench-%d' % c, profile_id=profile.id, user='bench',
            project='bench', status=states.C_ACTIVE, desired_capacity=per_cluster,
            min_size=0, max_size=-1, timeout=3600, init_at=old, created_at=old)
        rows = [node_obj.Node.values_for(
            context, name='n-%d-%d' % (c, i), cluster_id=cluster.id,
            profile_id=profile.id, index=i + 1, status=states.N_ACTIVE,
            physical_id=objects_base.new_id(), user='bench', project='bench',
            created_at=old, updated_at=old) for i in range(per_cluster)]
        node_obj.Node.create_many(context, rows)
        node_ids.extend(r['id'] for r in rows)
        cluster_obj.ClusterPolicy.create(
            context, id=objects_base.new_id(), cluster_id=cluster.id,
            policy_id=policy.id, enabled=True, priority=600,
            data={'health': settings.to_dict()})
    return node_ids


def cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def sweep(manager):
    manager._due.clear()
    started = manager.tick()
    for cluster_id in started:
        manager._running[cluster_id].result()
    return len(started)


def recovery_created(context, node_id):
    return [a for a in action_obj.Action.active_on_target(context, node_id)
            if a.action == 'NODE_RECOVER']


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--nodes', type=int, default=10000)
    parser.add_argument('--clusters', type=int, default=20)
    parser.add_argument('--sweeps', type=int, default=3)
    parser.add_argument('--interval', type=int, default=10)
    parser.add_argument('--threads', type=int, default=64)
    parser.add_argument('--db-url')
    args = parser.parse_args()

    manager_process = multiprocessing.Manager()
    failing = manager_process.dict()
    ports = multiprocessing.Queue()
    server = multiprocessing.Process(target=serve, args=(ports, failing),
                                     daemon=True)
    server.start()
    port = ports.get(timeout=10)

    tmp = tempfile.TemporaryDirectory()
    url = args.db_url or 'sqlite:///%s/health.sqlite' % tmp.name
    db = db_api.Database(url, max_retries=0, max_pool_size=args.threads + 16)
    migration.upgrade(db)
    context = context_mod.admin_context(db)
    conf = make_conf(args)
    log('populating %d nodes in %d clusters...' % (args.nodes, args.clusters))
    node_ids = populate(context, conf, args, port)

    engine_id = objects_base.new_id()
    service_obj.Service.register(context, engine_id, 'bench', 'clusterd-engine',
                                 'clusterd-engine')
    env = environment.Environment(conf, db, engine_id, lambda fanout=False: None)
    env.ownership = ownership.Ownership(context, engine_id, 'clusterd-engine',
                                        conf.engine.lease_seconds)
    manager = manager_mod.HealthManager(env)

    sweeps = []
    for number in range(args.sweeps):
        cpu0, wall0 = cpu_seconds(), time.monotonic()
        clusters = sweep(manager)
        wall, cpu = time.monotonic() - wall0, cpu_seconds() - cpu0
        sweeps.append({'seconds': round(wall, 3), 'engine_cpu_seconds': round(cpu, 3),
                       'clusters': clusters})
        log('sweep %d: %.2f s wall, %.2f s engine CPU' % (number + 1, wall, cpu))

    # Failure to recovery: the manager on its own timer, one node starts failing.
    manager._due.clear()
    manager.start()
    time.sleep(2)
    victim = node_ids[len(node_ids) // 2]
    import urllib.request
    urllib.request.urlopen(urllib.request.Request(
        'http://127.0.0.1:%d/fail/%s' % (port, victim), method='POST')).close()
    failed_at = time.monotonic()
    detected = None
    while time.monotonic() - failed_at < args.interval * 3:
        if recovery_created(context, victim):
            detected = time.monotonic() - failed_at
            break
        time.sleep(0.05)
    manager.stop()
    server.terminate()

    seconds = [s['seconds'] for s in sweeps]
    cpu = [s['engine_cpu_seconds'] for s in sweeps]
    result = {
        'benchmark': 'health_sweep',
        'when': utcnow().isoformat(),
        'host': {'cpus': os.cpu_count(), 'python': platform.python_version(),
                 'load_average_1m': os.getloadavg()[0]},
        'database': db.engine.url.get_backend_name(),
        'nodes': len(node_ids), 'clusters': args.clusters,
        'detection': 'NODE_STATUS_POLL_URL', 'check_threads': args.threads,
        'sweeps': sweeps,
        'sweep_seconds_median': sorted(seconds)[len(seconds) // 2],
        'sweep_seconds_max': max(seconds),
        'engine_cpu_seconds_per_sweep_median': sorted(cpu)[len(cpu) // 2],
        'target_sweep_seconds': 10,
        'interval_seconds': args.interval,
        'failure_to_recovery_seconds': (round(detected, 3) if detected is not None
                                        else None),
        'recovery_within_one_interval': (detected is not None and
                                         detected <= args.interval),
    }
    print(json.dumps(result, indent=2))
    db.dispose()
    tmp.cleanup()
    return 0 if result['recovery_within_one_interval'] else 1


if __name__ == '__main__':
    sys.exit(main())
