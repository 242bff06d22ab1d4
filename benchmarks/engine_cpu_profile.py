#!/usr/bin/env python3
"""Where the engine's CPU goes: idle loops, per action, per node (issue 20).

Starts a throw-away distributed clusterd (MariaDB + RabbitMQ, one clusterd-api,
one clusterd-engine, as ``side_by_side.py`` does), then:

1. idle: the engine's CPU over ``--idle-seconds`` (per thread too);
2. pass A (no profiler): batches of workloads, each timed and its engine CPU
   read from /proc before and after (per thread too):
   create N (N = 1, 10, 100; the clusters are kept until the batch ends, so
   no delete falls inside), scale out / in by C (1, 10, 50) on a 100-node
   cluster, and 20 clusters of 10 POSTed at once;
3. pass B: create 1/10/100, scale out/in by 1 and 10, 20x10, each
   ``--profile-rounds`` times, under ``py-spy record --nonblocking --gil
   --threads`` (raw collapsed stacks, one file per workload and round; cat
   the rounds together), plus ``--idle-seconds`` of idle.  py-spy raises the
   engine's CPU by 15-25 %: pass B is for shares, pass A for milliseconds.

CPU per action and per node come from a straight line through
(N, CPU - idle rate x duration) per workload kind.  Prints and writes one
JSON object (``--output``).  Measurement only: nothing of clusterd changes.
"""

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import clusters  # noqa: E402

BIN = os.path.dirname(sys.executable)


def log(msg):
    print('## %s %s' % (time.strftime('%H:%M:%S'), msg), file=sys.stderr,
          flush=True)


def thread_ticks(pid):
    """{tid: utime+stime ticks} of every thread of ``pid``."""
    out = {}
    for tid in os.listdir('/proc/%d/task' % pid):
        try:
            with open('/proc/%d/task/%s/stat' % (pid, tid)) as f:
                st = f.read().rsplit(')', 1)[1].split()
            out[int(tid)] = int(st[11]) + int(st[12])
        except (OSError, IndexError):
            pass
    return out


def thread_names(pid):
    """{native tid: Python thread name} from ``py-spy dump``."""
    try:
        text = subprocess.run([os.path.join(BIN, 'py-spy'), 'dump', '--pid',
                               str(pid), '--nonblocking'], capture_output=True,
                              text=True, timeout=30).stdout
    except Exception as exc:
        return {}, str(exc)
    names = {}
    for m in re.finditer(r'Thread (0x[0-9A-Fa-f]+|\d+) \(([^)]*)\): "([^"]*)"',
                         text):
        names[m.group(1)] = m.group(3)
    # py-spy prints the native tid as "Thread <tid>" (decimal) on Linux when
    # it can; otherwise the pthread id.
    out = {}
    for k, v in names.items():
        if k.isdigit():
            out[int(k)] = v
    return out, text


class Meter:
    def __init__(self, pid):
        self.pid = pid
        self.tck = os.sysconf('SC_CLK_TCK')

    def sample(self):
        return time.monotonic(), thread_ticks(self.pid)

    def delta(self, before):
        t0, a = before
        t1, b = self.sample()
        per = {tid: (b.get(tid, 0) - a.get(tid, 0)) / self.tck for tid in b}
        return {'wall_s': round(t1 - t0, 3),
                'cpu_s': round(sum(per.values()), 3),
                'per_tid': {t: round(v, 3) for t, v in per.items() if v}}


class Service:
    """A throw-away clusterd-api + clusterd-engine on MariaDB and RabbitMQ."""

    def __init__(self, port, rabbit, extra_conf=''):
        self.tag = uuid.uuid4().hex[:8]
        self.db = 'clusterd_cpuprof_%s' % self.tag
        self.work = tempfile.mkdtemp(prefix='clusterd-cpuprof-')
        self.endpoint = 'http://127.0.0.1:%d' % port
        self.conf = os.path.join(self.work, 'clusterd.conf')
        with open(self.conf, 'w') as f:
            f.write('\n'.join([
                '[DEFAULT]', 'transport_url = %s' % rabbit,
                'log_dir = %s' % self.work, 'host = cpuprof-engine-0',
                '[database]',
                'connection = mysql+pymysql://root@127.0.0.1/%s?charset=utf8mb4'
                % self.db,
                '[api]', 'bind_host = 127.0.0.1', 'bind_port = %d' % port,
                'auth_strategy = noauth',
                '[engine]', 'topic = clusterd-cpuprof-%s' % self.tag,
                extra_conf, '']))
        self.engine = self.api = None

    def start(self):
        subprocess.run(['mysql', '-uroot', '-h127.0.0.1', '-e',
                        'CREATE DATABASE %s CHARACTER SET utf8mb4' % self.db],
                       check=True)
        subprocess.run([os.path.join(BIN, 'clusterd-manage'), '--config-file',
                        self.conf, 'db', 'upgrade'], check=True,
                       stdout=sys.stderr)
        self.engine = subprocess.Popen(
            [os.path.join(BIN, 'clusterd-engine'), '--config-file', self.conf],
            stdout=sys.stderr, stderr=sys.stderr)
        self.api = subprocess.Popen(
            [os.path.join(BIN, 'clusterd-api'), '--config-file', self.conf],
            stdout=sys.stderr, stderr=sys.stderr)
        deadline = time.monotonic() + 120
        import requests
        while time.monotonic() < deadline:
            try:
                requests.get(self.endpoint + '/', timeout=2)
                break
            except requests.RequestException:
                time.sleep(0.2)
        else:
            raise SystemExit('clusterd-api did not answer')

    def engine_worker(self):
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            kids = clusters._children(self.engine.pid)
            if kids:
                return kids[0]
            time.sleep(0.2)
        return self.engine.pid

    def stop(self):
        for proc in (self.api, self.engine):
            if proc is not None and proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                try:
                    proc.wait(20)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
        subprocess.run(['mysql', '-uroot', '-h127.0.0.1', '-e',
                        'DROP DATABASE IF EXISTS %s' % self.db])


class Driver:
    """The workloads, without their clean-up inside the measured window."""

    def __init__(self, endpoint, meter):
        self.client = clusters.Client(endpoint, 'noauth', '1.12')
        args = argparse.Namespace(profile_type='clusterd.simulated-1.0',
                                  profile_properties={}, poll_interval=0.05,
                                  timeout=600)
        self.bench = clusters.Bench(self.client, args, None)
        self.bench.create_profile()
        self.meter = meter
        self.n = 0

    def name(self):
        self.n += 1
        return 'cpuprof-%d' % self.n

    def creates(self, size, reps, around=None):
        """``reps`` clusters of ``size`` one after the other, each waited
        ACTIVE; deleted after the measured window."""
        cids = []
        before = self.meter.sample()
        with around or _nothing():
            for _ in range(reps):
                start = time.monotonic()
                cid, _, _ = self.bench.post_cluster(self.name(), size)
                st = self.bench.poller().wait_clusters(start, [cid])[cid]
                assert st['status'] == 'ACTIVE', st
                cids.append(cid)
        out = self.meter.delta(before)
        out.update(kind='create', size=size, actions=reps, nodes=size * reps)
        self.bench.delete_clusters(cids)
        return out

    def cluster(self, size):
        start = time.monotonic()
        cid, _, _ = self.bench.post_cluster(self.name(), size)
        st = self.bench.poller().wait_clusters(start, [cid])[cid]
        assert st['status'] == 'ACTIVE', st
        return cid

    def scales(self, cid, kind, count, reps, around=None):
        poller = self.bench.poller()
        before = self.meter.sample()
        with around or _nothing():
            for _ in range(reps):
                start = time.monotonic()
                resp, _ = self.client.request(
                    'POST', '/v1/clusters/%s/actions' % cid,
                    {kind: {'count': count}}, ok=(202,))
                aid = clusters.location_id(resp) or resp.json().get('action')
                act = poller.wait_action(start, aid)
                assert act['status'] == 'SUCCEEDED', act
                poller.wait_clusters(time.monotonic(), [cid])
        out = self.meter.delta(before)
        out.update(kind=kind, size=count, actions=reps, nodes=count * reps)
        return out

    def concurrent(self, k, size, reps, around=None):
        cids = []
        before = self.meter.sample()
        with around or _nothing():
            for _ in range(reps):
                start = time.monotonic()
                with ThreadPoolExecutor(k) as pool:
                    posted = list(pool.map(
                        lambda i: self.bench.post_cluster(self.name(), size),
                        range(k)))
                ids = [p[0] for p in posted]
                states = self.bench.poller().wait_clusters(start, ids)
                assert all(s['status'] == 'ACTIVE' for s in states.values())
                cids += ids
        out = self.meter.delta(before)
        out.update(kind='concurrent', size=k * size, actions=k * reps,
                   nodes=k * size * reps)
        self.bench.delete_clusters(cids)
        return out


class _nothing:
    def __enter__(self):
        return self

    def __exit__(self, *a):
        return False


class PySpy:
    """py-spy record around a block; raw collapsed stacks to ``path``."""

    def __init__(self, pid, path, rate, gil=True):
        # --gil: only the thread holding the GIL, i.e. the one running Python
        # (a thread blocked in a socket read or a Condition.wait has let it
        # go).  Without it the nonblocking sampler counts many such waits.
        self.cmd = [os.path.join(BIN, 'py-spy'), 'record', '--pid', str(pid),
                    '--nonblocking', '--threads', '--format', 'raw',
                    '--rate', str(rate), '--output', path] + \
            (['--gil'] if gil else [])
        self.proc = None

    def __enter__(self):
        self.proc = subprocess.Popen(self.cmd, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
        time.sleep(1.0)   # let it attach
        return self

    def __exit__(self, *a):
        self.proc.send_signal(signal.SIGINT)
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        return False


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--port', type=int, default=8792)
    ap.add_argument('--rabbit', default='rabbit://guest:guest@127.0.0.1:5672/')
    ap.add_argument('--idle-seconds', type=float, default=30)
    ap.add_argument('--rate', type=int, default=250)
    ap.add_argument('--profile-dir', default='/tmp/cpuprof/profiles')
    ap.add_argument('--skip-profile', action='store_true')
    ap.add_argument('--skip-pass-a', action='store_true')
    ap.add_argument('--no-gil', action='store_true')
    ap.add_argument('--profile-rounds', type=int, default=1)
    ap.add_argument('--output', required=True)
    args = ap.parse_args()
    os.makedirs(args.profile_dir, exist_ok=True)
    svc = Service(args.port, args.rabbit)
    out = {'tool': 'benchmarks/engine_cpu_profile.py',
           'started': time.strftime('%Y-%m-%dT%H:%M:%S%z'),
           'host': {'cpus': os.cpu_count(), 'loadavg_start': os.getloadavg()},
           'clk_tck': os.sysconf('SC_CLK_TCK')}
    try:
        svc.start()
        # oslo.service forks the engine into a worker process: that one
        # does the work (the master only waits for it).
        pid = svc.engine_worker()
        out['engine_pids'] = {'master': svc.engine.pid, 'worker': pid}
        meter = Meter(pid)
        drv = Driver(svc.endpoint, meter)
        log('warm-up')
        drv.creates(10, 3)
        drv.creates(100, 1)
        names, dump = thread_names(pid)
        out['thread_names'] = names
        out['pyspy_dump'] = dump
        log('idle %.0f s' % args.idle_seconds)
        before = meter.sample()
        time.sleep(args.idle_seconds)
        out['idle'] = meter.delta(before)
        runs = out['pass_a'] = []
        cid = drv.cluster(100)
        if not args.skip_pass_a:
            log('pass A')
            for size, reps in ((1, 20), (10, 20), (100, 5)):
                runs.append(drv.creates(size, reps))
                log('create %d x%d: %s' % (size, reps, runs[-1]['cpu_s']))
            for count, reps in ((1, 10), (10, 10), (50, 3)):
                for kind in ('scale_out', 'scale_in'):
                    runs.append(drv.scales(cid, kind, count, reps))
                    log('%s %d x%d: %s' % (kind, count, reps, runs[-1]['cpu_s']))
            runs.append(drv.concurrent(20, 10, 3))
            log('20x10 x3: %s' % runs[-1]['cpu_s'])
        if not args.skip_profile:
            log('pass B (py-spy)')
            prof = out['pass_b'] = []
            p = os.path.join(args.profile_dir, '%s.raw')

            def spy(name):
                return PySpy(pid, p % name, args.rate, not args.no_gil)
            k = args.profile_rounds
            for r in range(k):
                # (Files of one workload are concatenated at analysis: raw
                # collapsed stacks add up.)
                prof.append(drv.creates(10, 40, spy('create10.%d' % r)))
                prof.append(drv.creates(1, 50, spy('create1.%d' % r)))
                prof.append(drv.creates(100, 6, spy('create100.%d' % r)))
                # out then in: the cluster stays between 100 and 200 nodes.
                prof.append(drv.scales(cid, 'scale_out', 10, 10,
                                       spy('scale_out10.%d' % r)))
                prof.append(drv.scales(cid, 'scale_in', 10, 10,
                                       spy('scale_in10.%d' % r)))
                prof.append(drv.scales(cid, 'scale_out', 1, 25,
                                       spy('scale_out1.%d' % r)))
                prof.append(drv.scales(cid, 'scale_in', 1, 25,
                                       spy('scale_in1.%d' % r)))
                prof.append(drv.concurrent(20, 10, 2,
                                           spy('concurrent20x10.%d' % r)))
            before = meter.sample()
            with spy('idle'):
                time.sleep(args.idle_seconds)
            out['idle_profiled'] = meter.delta(before)
            for r in prof:
                log('profiled %s %d x%d: %s' % (r['kind'], r['size'],
                                                 r['actions'], r['cpu_s']))
        drv.bench.delete_clusters([cid])
    finally:
        out['host']['loadavg_end'] = os.getloadavg()
        svc.stop()
    text = json.dumps(out, indent=1, sort_keys=True, default=str)
    with open(args.output, 'w') as f:
        f.write(text + '\n')
    log('JSON in %s' % args.output)


if __name__ == '__main__':
    main()
