#!/usr/bin/env python3
"""What a webhook lifecycle hook costs a scale-in.

One real engine (:class:`tests.engines.Engine`: registration, scheduler, takeover
pass) on a real database scales a ``clusterd.simulated`` cluster in by
``--victims`` nodes under an OLDEST_FIRST deletion policy, twice:

- ``plain``: no hook;
- ``hooked``: a ``webhook`` hook whose URL is a local HTTP server that answers each
  POST and then completes the lifecycle at once (as a drain script would, through
  :func:`clusterd.engine.lifecycle.complete`, the function behind the API's
  ``complete_lifecycle``, followed by the API's nudge).

Figures (ONE JSON object on stdout, seconds; progress on stderr):

- ``plain_scale_in`` / ``hooked_scale_in``: request to action end;
- ``hook_post_after_request``: p50/max time from the request until each node's
  hook POST arrives;
- ``release_to_node_gone``: p50/max time from complete_lifecycle until that
  node's removal action has ended.

Usage: ``benchmarks/lifecycle_hooks.py [--nodes 40] [--victims 20] [--db-url URL]``
(default: a SQLite file in a temporary directory).
"""

import argparse
import http.server
import json
import os
import statistics
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

from clusterd.db import api as db_api  # noqa: E402
from clusterd.db import migration  # noqa: E402
from clusterd.engine import lifecycle  # noqa: E402
from clusterd.engine import requests  # noqa: E402
from clusterd.objects import action as action_obj  # noqa: E402
from clusterd.objects import base as objects_base  # noqa: E402
from clusterd.objects import policy as policy_obj  # noqa: E402
from clusterd import states  # noqa: E402
from tests import engines  # noqa: E402


def log(message):
    print(message, file=sys.stderr, flush=True)


def spread(values):
    values = sorted(values)
    return {'p50': round(statistics.median(values), 4),
            'max': round(values[-1], 4), 'count': len(values)}


class Drainer:
    """Answers each hook POST, then completes that node's lifecycle."""

    def __init__(self, ctx, engine):
        self.posted = {}
        self.released = {}
        drainer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                payload = json.loads(self.rfile.read(
                    int(self.headers['Content-Length'])))
                drainer.posted[payload['lifecycle_action_token']] = time.monotonic()
                self.send_response(204)
                self.end_headers()
                token = payload['lifecycle_action_token']
                drainer.released[token] = time.monotonic()
                lifecycle.complete(ctx, payload['cluster_id'], token)
                engine.wake()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)
        self.url = 'http://127.0.0.1:%d/drain' % self.server.server_port
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


def policy(ctx, **properties):
    return policy_obj.Policy.create(
        ctx, id=objects_base.new_id(), name='del-%s' % objects_base.new_id()[:6],
        type='senlin.policy.deletion-1.1', project=ctx.project_id,
        user=ctx.user_id, spec={'type': 'senlin.policy.deletion', 'version': '1.1',
                                'properties': properties})


def run(ctx, engine, nodes, victims, properties):
    profile = engines.simulated_profile(ctx)
    cluster, created = requests.create_cluster(
        ctx, 3600, name='bench', profile_id=profile.id, desired_capacity=nodes)
    engine.wake()
    assert engines.wait_action(ctx, created.id, 300).status == states.SUCCEEDED
    attach = requests.cluster_action(ctx, engines.cluster(ctx, cluster.id),
                                     'CLUSTER_ATTACH_POLICY',
                                     {'policy_id': policy(ctx, **properties).id})
    engine.wake()
    engines.wait_action(ctx, attach.id)
    started = time.monotonic()
    action = requests.cluster_action(ctx, engines.cluster(ctx, cluster.id),
                                     'CLUSTER_SCALE_IN', {'count': victims})
    engine.wake()
    done = engines.wait_action(ctx, action.id, 600)
    assert done.status == states.SUCCEEDED, done.status_reason
    return started, time.monotonic() - started, action.id


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--nodes', type=int, default=40)
    parser.add_argument('--victims', type=int, default=20)
    parser.add_argument('--db-url')
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.db_url or 'sqlite:///' + os.path.join(tmp, 'bench.sqlite')
        db = db_api.Database(url, max_retries=0, max_pool_size=40)
        migration.upgrade(db)
        ctx = engines.user_context(db, project='bench')
        with engines.Engine(db) as engine:
            log('plain scale-in of %d of %d nodes' % (args.victims, args.nodes))
            _, plain, _ = run(ctx, engine, args.nodes, args.victims,
                              {'criteria': 'OLDEST_FIRST'})
            drainer = Drainer(ctx, engine)
            log('hooked scale-in of %d of %d nodes' % (args.victims, args.nodes))
            started, hooked, action_id = run(
                ctx, engine, args.nodes, args.victims,
                {'criteria': 'OLDEST_FIRST',
                 'hooks': {'type': 'webhook', 'params': {'url': drainer.url},
                           'timeout': 300}})
            children = {c.id: c for c in action_obj.Action.children(ctx, action_id)}
        db.dispose()
    gone = [float(children[token].end_time) for token in drainer.released]
    # end_time is epoch seconds; turn the monotonic release times into epoch too.
    offset = time.time() - time.monotonic()
    result = {
        'nodes': args.nodes, 'victims': args.victims,
        'database': url.split(':', 1)[0],
        'plain_scale_in': round(plain, 3),
        'hooked_scale_in': round(hooked, 3),
        'hook_post_after_request': spread(
            [t - started for t in drainer.posted.values()]),
        'release_to_node_gone': spread(
            [end - (drainer.released[token] + offset)
             for token, end in zip(drainer.released, gone)]),
    }
    print(json.dumps(result, indent=2))


if __name__ == '__main__':
    main()
