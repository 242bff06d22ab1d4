"""The benchmark's CPU meter for a process that serves the API and runs the
engine (clusterd-standalone): the API's threads are named by the server, and
the meter counts them apart (benchmarks/clusters.py --api-threads)."""

import importlib.util
import os
import sys
import threading
import time
import urllib.request

import pytest

from clusterd.cmd import server as server_mod

pytestmark = pytest.mark.skipif(not sys.platform.startswith('linux'),
                                reason='thread names and schedstat are Linux')
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _clusters_py():
    spec = importlib.util.spec_from_file_location(
        'bench_clusters', os.path.join(ROOT, 'benchmarks', 'clusters.py'))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _names():
    names = []
    for tid in os.listdir('/proc/self/task'):
        try:
            with open('/proc/self/task/%s/comm' % tid) as f:
                names.append(f.read().strip())
        except OSError:
            pass
    return names


def test_the_threads_serving_requests_carry_the_api_name():
    def app(environ, start_response):
        start_response('200 OK', [('Content-Type', 'text/plain')])
        return [b'ok']
    server = server_mod.make_server(app, '127.0.0.1', 0, 2)
    thread = threading.Thread(target=server.serve, daemon=True)
    thread.start()
    try:
        url = 'http://127.0.0.1:%d/' % server_mod.bound_port(server)
        assert urllib.request.urlopen(url, timeout=10).read() == b'ok'
        assert server_mod.API_THREAD_NAME in _names()
    finally:
        server.stop()


def test_the_meter_counts_named_threads_apart():
    clusters = _clusters_py()
    named, done = threading.Barrier(3), threading.Barrier(3)
    go, leave = threading.Event(), threading.Event()

    def spin(name):
        server_mod._set_native_thread_name(name)
        named.wait()
        go.wait()
        stop = time.monotonic() + 0.4
        while time.monotonic() < stop:
            pass
        done.wait()
        leave.wait()        # (alive when sampled: a thread's count goes with it)
    meters = clusters.Meters([os.getpid()], [], api_threads='api-')
    threads = [threading.Thread(target=spin, args=(name,))
               for name in ('api-worker', 'worker')]
    for t in threads:
        t.start()
    named.wait()
    before = meters.sample()
    go.set()
    done.wait()
    out = meters.delta(before, 10)
    leave.set()
    for t in threads:
        t.join()
    # Two threads spun 0.4 s each, sharing the GIL: each had CPU, each is
    # counted once, on its own side; the whole process has both.
    assert out['api_cpu_s'] > 0.05
    assert out['engine_cpu_s'] > 0.05
    assert out['process_cpu_s'] >= out['api_cpu_s'] + out['engine_cpu_s'] - 0.02
    assert out['cpu_ms_per_node'] == round(100.0 * out['engine_cpu_s'], 2)
    assert out['process_ms_per_node'] == round(100.0 * out['process_cpu_s'], 2)
