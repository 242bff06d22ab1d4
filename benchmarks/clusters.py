#!/usr/bin/env python3
"""Cluster engine benchmark over the public clustering v1 REST API.

The same script runs against Senlin and clusterd: it only speaks the Senlin v1 API
(profiles, clusters, cluster actions, actions), so the figures of the two services
can be compared line by line.  It prints ONE JSON object on stdout; progress goes
to stderr.

Workloads (``--phases``):

create
    For each size N in ``--sizes``: POST a cluster with desired_capacity N, then
    poll ``GET /v1/clusters/{id}`` until ACTIVE / WARNING / ERROR / CRITICAL.
    The cluster is deleted (and the deletion waited for) before the next size.
scale
    Create a ``--scale-size`` cluster (not timed), then ``--scale-rounds`` times
    ``scale_out`` by ``--scale-count`` and as many ``scale_in``; each is timed from
    the POST until its action (Location header) is SUCCEEDED / FAILED / CANCELLED.
concurrent
    ``--concurrent`` clusters of ``--concurrent-size`` nodes, POSTed at once from
    as many threads; the time until every one of them is ACTIVE (or another final
    status).

Engine CPU: ``--engine-pids`` (and/or ``--engine-names``) name the engine
processes.  Their CPU time (user + system, children included) is read from
``/proc/<pid>/stat`` before and after each workload; the difference, divided by
the number of nodes the workload created or deleted, is ``cpu_ms_per_node``.
``--api-threads PREFIX``: a process that serves the API and runs the engine
(clusterd-standalone) names its API threads ``PREFIX...``; their CPU is the
API's (``api_cpu_s``), the rest of the process's the engine's, and the whole
process's is ``process_cpu_s``.

Polling: one request in flight at a time, then ``--poll-interval`` seconds of
sleep (default 50 ms).  The number of polls is reported with each figure, since
serving them costs the service CPU too.

Exit status: 0 when every workload reached its goal, 1 when some workload failed
or timed out (the JSON says which and why), 2 on bad arguments.
"""

import argparse
import json
import os
import platform
import re
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

try:
    import requests
except ImportError:  # pragma: no cover - a clear message rather than a traceback
    sys.exit('clusters.py needs "requests" (pip install requests, or the "bench" '
             'extra of clusterd)')

CLUSTER_DONE = ('ACTIVE', 'WARNING', 'ERROR', 'CRITICAL')
ACTION_DONE = ('SUCCEEDED', 'FAILED', 'CANCELLED')
HTTP_TIMEOUT = 60.0

# What the profile's spec says for each profile type the script knows.  Senlin's
# fake cloud (cloud_backend = openstack_test) accepts these Nova names.
DEFAULT_PROPERTIES = {
    'os.nova.server-1.0': {'name': 'bench-vm', 'flavor': 'm1.tiny',
                           'image': 'cirros-0.3.5-x86_64-disk',
                           'networks': [{'network': 'private'}]},
    'clusterd.simulated-1.0': {},
}


def log(msg):
    print('# %s %s' % (time.strftime('%H:%M:%S'), msg), file=sys.stderr, flush=True)


# ------------------------------------------------------------------ HTTP client

class BenchError(Exception):
    """A request that failed: HTTP error status, connection problem or timeout."""


class Client:
    """A thin REST client: one requests.Session per thread, JSON in and out."""

    def __init__(self, endpoint, auth, microversion, token=None,
                 project='bench-project', user='bench-user'):
        self.base = endpoint.rstrip('/')
        self.headers = {'Content-Type': 'application/json',
                        'Accept': 'application/json'}
        if microversion:
            self.headers['OpenStack-API-Version'] = 'clustering %s' % microversion
        if auth == 'noauth':
            self.headers.update({
                'X-User-Id': user, 'X-User-Name': user,
                'X-Project-Id': project, 'X-Project-Name': project,
                'X-Roles': 'admin,member'})
        else:
            self.headers['X-Auth-Token'] = token
        self._local = threading.local()

    @property
    def session(self):
        if not hasattr(self._local, 'session'):
            self._local.session = requests.Session()
        return self._local.session

    def request(self, method, path, body=None, ok=(200, 201, 202, 204)):
        """(response, seconds); BenchError unless the status is in ``ok``."""
        url = self.base + path
        data = json.dumps(body) if body is not None else None
        t0 = time.monotonic()
        try:
            resp = self.session.request(method, url, headers=self.headers,
                                        data=data, timeout=HTTP_TIMEOUT)
        except requests.RequestException as exc:
            raise BenchError('%s %s: %s' % (method, url, exc))
        elapsed = time.monotonic() - t0
        if resp.status_code not in ok:
            raise BenchError('%s %s -> HTTP %d: %s' % (
                method, path, resp.status_code, _error_text(resp)))
        return resp, elapsed

    def get(self, path, ok=(200,)):
        resp, _ = self.request('GET', path, ok=ok)
        return resp


def _error_text(resp):
    """The message of an OpenStack error body, or the start of the raw body."""
    try:
        body = resp.json()
    except ValueError:
        return _plain(resp.text) or resp.reason
    err = body.get('error') if isinstance(body, dict) else None
    if isinstance(err, dict) and err.get('message'):
        return _plain(err['message'])
    return json.dumps(body)[:300]


def _plain(text):
    """One line of at most 300 characters, without HTML tags."""
    return ' '.join(re.sub(r'<[^>]+>', ' ', text).split())[:300]


def location_id(resp):
    """The last path element of the Location header (the action id), or None."""
    loc = resp.headers.get('Location', '')
    return loc.rstrip('/').rsplit('/', 1)[-1] or None


# ------------------------------------------------------------- CPU accounting

CLK_TCK = os.sysconf('SC_CLK_TCK')


def find_pids_by_name(names):
    """PIDs whose program (argv[0], or the script argv[1] of an interpreter) has
    one of ``names`` as its base name.  Only the topmost of a process tree."""
    found = set()
    for entry in os.listdir('/proc'):
        if not entry.isdigit():
            continue
        try:
            with open('/proc/%s/cmdline' % entry, 'rb') as f:
                argv = f.read().split(b'\0')
        except OSError:
            continue
        progs = [os.path.basename(a.decode(errors='replace')) for a in argv[:2]]
        if any(p in names for p in progs):
            found.add(int(entry))
    # keep only roots: a forked worker is counted through its parent's tree
    return sorted(p for p in found if _ppid(p) not in found)


def _ppid(pid):
    stat = _read_stat(pid)
    return int(stat[1]) if stat else None


def _read_stat(pid):
    """Fields of /proc/<pid>/stat after the command name (field 3 is index 0)."""
    try:
        with open('/proc/%d/stat' % pid) as f:
            return f.read().rsplit(')', 1)[1].split()
    except (OSError, IndexError):
        return None


def _children(pid):
    kids = []
    try:
        for tid in os.listdir('/proc/%d/task' % pid):
            with open('/proc/%d/task/%s/children' % (pid, tid)) as f:
                kids.extend(int(x) for x in f.read().split())
    except OSError:
        pass
    return kids


def process_tree(pid):
    seen, todo = [], [pid]
    while todo:
        p = todo.pop()
        if p not in seen:
            seen.append(p)
            todo.extend(_children(p))
    return seen


def tree_cpu_seconds(pid):
    """utime + stime + cutime + cstime over the live tree rooted at ``pid``.

    A reaped child's time sits in its parent's cutime/cstime and a live one's in
    its own utime/stime, so nothing is counted twice.  None if ``pid`` is gone.
    """
    def ticks(p):
        stat = _read_stat(p)
        return sum(int(x) for x in stat[11:15]) if stat else 0
    total = _over_tree(pid, ticks)
    return None if total is None else total / CLK_TCK


def _over_tree(pid, count):
    """The sum of ``count(p)`` over the live tree rooted at ``pid``; None if
    ``pid`` is gone."""
    if _read_stat(pid) is None:
        return None
    return sum(count(p) or 0 for p in process_tree(pid))


def _task_run_ns(pid):
    """Nanoseconds on CPU of the live threads of ``pid`` (the first field of
    each /proc/<pid>/task/<tid>/schedstat), or None if it is gone."""
    try:
        tids = os.listdir('/proc/%d/task' % pid)
    except OSError:
        return None
    total = 0
    for tid in tids:
        try:
            with open('/proc/%d/task/%s/schedstat' % (pid, tid)) as f:
                total += int(f.read().split()[0])
        except (OSError, ValueError, IndexError):
            pass        # (exited meanwhile)
    return total


def _thread_counts(pid, keep):
    """(nanoseconds on CPU, clock ticks) of the live threads of ``pid`` whose
    name ``keep(name)`` accepts, or None if ``pid`` is gone."""
    try:
        tids = os.listdir('/proc/%d/task' % pid)
    except OSError:
        return None
    ns = ticks = 0
    for tid in tids:
        base = '/proc/%d/task/%s/' % (pid, tid)
        try:
            with open(base + 'comm') as f:
                if not keep(f.read().strip()):
                    continue
            with open(base + 'schedstat') as f:
                ns += int(f.read().split()[0])
            with open(base + 'stat') as f:
                ticks += sum(int(x) for x in f.read().rsplit(')', 1)[1].split()[11:13])
        except (OSError, ValueError, IndexError):
            pass        # (exited meanwhile)
    return ns / 1e9, ticks / CLK_TCK


def tree_run_seconds(pid):
    """CPU seconds of the live threads of the tree rooted at ``pid``, to the
    nanosecond (the scheduler's own count).  /proc/<pid>/stat counts in clock
    ticks (10 ms here): the CPU of a 10-node create, about 30 ms, read to
    +-10 ms, is +-1 ms per node.  A thread that exits between two samples
    takes its time with it; :class:`CpuMeter` then falls back to ticks."""
    total = _over_tree(pid, _task_run_ns)
    return None if total is None else total / 1e9


class CpuMeter:
    """CPU seconds of a fixed set of processes, sampled on demand.

    ``prefix`` names the figures: ``engine`` gives engine_cpu_s, cpu_ms_per_node
    and engine_cpu_s_by_pid; ``api`` gives api_cpu_s and api_cpu_s_by_pid;
    ``process`` (API and engine in one process) also process_ms_per_node.  The
    figures are the scheduler's nanosecond counts (:func:`tree_run_seconds`),
    unless the clock ticks of /proc/<pid>/stat say more by over two ticks (a
    thread exited meanwhile, and took its count with it): then the ticks.
    ``<prefix>_cpu_ticks_s`` is always the tick count.
    """

    def __init__(self, pids, prefix='engine', threads=None):
        self.pids = list(pids)
        self.prefix = prefix
        # (Only the threads of each process whose name threads(name)
        # accepts, when given; else the whole process tree.)
        self.threads = threads

    def sample(self):
        if self.threads is not None:
            out = {}
            for p in self.pids:
                counts = _thread_counts(p, self.threads)
                out[p] = (None, None) if counts is None else counts[::-1]
            return out
        return {p: (tree_cpu_seconds(p), tree_run_seconds(p)) for p in self.pids}

    def delta(self, before, nodes):
        if not self.pids:
            return {}
        after = self.sample()
        per_pid, total, ticks, lost = {}, 0.0, 0.0, []
        for p in self.pids:
            if None in before.get(p, (None,)) or None in after.get(p, (None,)):
                lost.append(p)
                continue
            by_ticks = after[p][0] - before[p][0]
            used = after[p][1] - before[p][1]
            if by_ticks - used > 2.0 / CLK_TCK:
                used = by_ticks
            per_pid['%s/%d' % (progname(p), p)] = round(used, 4)
            total += used
            ticks += by_ticks
        out = {'%s_cpu_s' % self.prefix: round(total, 4),
               '%s_cpu_ticks_s' % self.prefix: round(ticks, 3),
               '%s_cpu_s_by_pid' % self.prefix: per_pid}
        per_node = round(1000.0 * total / nodes, 2) if nodes else None
        if self.prefix == 'engine':
            out['cpu_ms_per_node'] = per_node
        elif self.prefix == 'process':
            out['process_ms_per_node'] = per_node
        if lost:
            out['%s_pids_gone' % self.prefix] = lost
        return out


class Meters:
    """The engine meter (the figure that counts) and an optional API meter.

    With ``api_threads`` (a thread name prefix), the engine processes also
    serve the API: the threads so named are the API meter's, the others the
    engine's, and a third meter (``process``) has the whole processes.
    """

    def __init__(self, engine_pids, api_pids, api_threads=None):
        self.whole = None
        if api_threads:
            def of_api(name):
                return name.startswith(api_threads)
            self.engine = CpuMeter(engine_pids, 'engine',
                                   threads=lambda name: not of_api(name))
            self.api = CpuMeter(engine_pids, 'api', threads=of_api)
            self.whole = CpuMeter(engine_pids, 'process')
        else:
            self.engine = CpuMeter(engine_pids, 'engine')
            self.api = CpuMeter(api_pids, 'api')

    def _meters(self):
        return [m for m in (self.engine, self.api, self.whole) if m is not None]

    def sample(self):
        return [m.sample() for m in self._meters()]

    def delta(self, before, nodes):
        out = {}
        for meter, sampled in zip(self._meters(), before):
            out.update(meter.delta(sampled, nodes))
        if not self.engine.pids:
            out.update({'engine_cpu_s': None, 'cpu_ms_per_node': None})
        return out


def progname(pid):
    """The base name of the program (or of the script an interpreter runs)."""
    try:
        with open('/proc/%d/cmdline' % pid, 'rb') as f:
            argv = [a.decode(errors='replace') for a in f.read().split(b'\0') if a]
    except OSError:
        return '?'
    names = [os.path.basename(a) for a in argv[:2]]
    if len(names) > 1 and names[0].startswith('python'):
        return names[1]
    return names[0] if names else '?'


# ------------------------------------------------------------- waiting

class Poller:
    """Polls one thing at a time, ``interval`` seconds apart, and counts polls."""

    def __init__(self, client, interval, timeout):
        self.client = client
        self.interval = interval
        self.timeout = timeout
        self.polls = 0

    def cluster_status(self, cid):
        """(status, reason, node count) of a cluster; ('DELETED', ...) on 404."""
        self.polls += 1
        resp = self.client.get('/v1/clusters/%s' % cid, ok=(200, 404))
        if resp.status_code == 404:
            return 'DELETED', '', 0
        cl = resp.json()['cluster']
        return cl['status'], cl.get('status_reason', ''), len(cl.get('nodes') or [])

    def wait_clusters(self, start, cids, goal=CLUSTER_DONE):
        """Poll until every cluster in ``cids`` has a status in ``goal``.

        Returns {cid: {status, reason, nodes, seconds}}; seconds is measured from
        ``start`` (a time.monotonic() value); TIMEOUT for those never done.
        """
        pending, done = list(cids), {}
        while pending:
            for cid in list(pending):
                status, reason, nodes = self.cluster_status(cid)
                if status in goal:
                    done[cid] = {'status': status, 'reason': reason, 'nodes': nodes,
                                 'seconds': round(time.monotonic() - start, 3)}
                    pending.remove(cid)
            if not pending:
                break
            if time.monotonic() - start > self.timeout:
                for cid in pending:
                    done[cid] = {'status': 'TIMEOUT', 'reason': 'still %s after %ds'
                                 % (self.cluster_status(cid)[0], self.timeout),
                                 'nodes': None, 'seconds': None}
                break
            time.sleep(self.interval)
        return done

    def wait_action(self, start, aid):
        """{status, reason, seconds} once the action is final, or TIMEOUT."""
        while True:
            self.polls += 1
            act = self.client.get('/v1/actions/%s' % aid).json()['action']
            if act['status'] in ACTION_DONE:
                return {'status': act['status'],
                        'reason': act.get('status_reason', ''),
                        'seconds': round(time.monotonic() - start, 3),
                        'engine_action_s': action_duration(act)}
            if time.monotonic() - start > self.timeout:
                return {'status': 'TIMEOUT', 'reason': 'still %s after %ds' % (
                    act['status'], self.timeout), 'seconds': None}
            time.sleep(self.interval)


def action_duration(act):
    """end_time - start_time of an action as the engine recorded it, if both set."""
    try:
        return round(float(act['end_time']) - float(act['start_time']), 3)
    except (KeyError, TypeError, ValueError):
        return None


def server_wall(posted_at, act):
    """Seconds from the POST (``posted_at``, this host's epoch) to the end of
    its action as the service recorded it (the service runs on this host):
    a request's time without the polls' granularity, which is a quarter of a
    40 ms create read every 10 ms.  The cluster settles in the transaction
    that ends its action, so this is when a poll could first see it."""
    try:
        return round(float(act['end_time']) - posted_at, 3)
    except (KeyError, TypeError, ValueError):
        return None


# ------------------------------------------------------------- resources

class Bench:
    """The workloads, sharing a client, a profile, a CPU meter and settings."""

    def __init__(self, client, args, meter):
        self.client = client
        self.args = args
        self.meter = meter
        self.tag = 'bench-' + uuid.uuid4().hex[:6]
        self.profile_id = None
        self.leftovers = set()   # clusters created and not yet seen deleted

    def poller(self):
        return Poller(self.client, self.args.poll_interval, self.args.timeout)

    def create_profile(self):
        ptype, _, version = self.args.profile_type.rpartition('-')
        spec = {'type': ptype, 'version': version,
                'properties': self.args.profile_properties}
        resp, _ = self.client.request('POST', '/v1/profiles', {'profile': {
            'name': self.tag + '-profile', 'spec': spec, 'metadata': {}}})
        self.profile_id = resp.json()['profile']['id']
        return self.profile_id

    def delete_profile(self):
        if self.profile_id:
            self.client.request('DELETE', '/v1/profiles/%s' % self.profile_id,
                                ok=(204, 404))

    def post_cluster(self, name, size):
        """POST /v1/clusters; returns (cluster id, action id, POST seconds)."""
        resp, secs = self.client.request('POST', '/v1/clusters', {'cluster': {
            'name': name, 'profile_id': self.profile_id,
            'desired_capacity': size, 'min_size': 0, 'max_size': -1}},
            ok=(202,))
        cid = resp.json()['cluster']['id']
        self.leftovers.add(cid)
        return cid, location_id(resp), secs

    def delete_clusters(self, cids):
        """DELETE each cluster, then poll until all answer 404: {wall_s, ...}."""
        start = time.monotonic()
        cids = list(cids)
        for cid in cids:
            self.client.request('DELETE', '/v1/clusters/%s' % cid, ok=(202, 204, 404))
        poller = self.poller()
        states = poller.wait_clusters(start, cids, goal=('DELETED',))
        for cid, st in states.items():
            if st['status'] == 'DELETED':
                self.leftovers.discard(cid)
        failed = {c: s for c, s in states.items() if s['status'] != 'DELETED'}
        out = {'wall_s': round(time.monotonic() - start, 3), 'clusters': len(cids),
               'polls': poller.polls}
        if failed:
            out['not_deleted'] = failed
        return out

    # ---------------------------------------------------------- workloads

    def create(self, size):
        """One cluster of ``size`` nodes: time to a final status."""
        log('create %d nodes' % size)
        cpu0 = self.meter.sample()
        start = time.monotonic()
        posted_at = time.time()
        cid, aid, post_s = self.post_cluster('%s-c%d' % (self.tag, size), size)
        poller = self.poller()
        state = poller.wait_clusters(start, [cid])[cid]
        result = {'size': size, 'wall_s': state['seconds'],
                  'post_ms': round(post_s * 1000, 1), 'status': state['status'],
                  'status_reason': state['reason'], 'nodes': state['nodes'],
                  'polls': poller.polls}
        result.update(self.meter.delta(cpu0, size))
        if aid:
            act = self.client.get('/v1/actions/%s' % aid).json()['action']
            result['engine_action_s'] = action_duration(act)
            result['server_wall_s'] = server_wall(posted_at, act)
        result['delete'] = self.delete_clusters([cid])
        log('create %d: %s s, %s' % (size, result['wall_s'], result['status']))
        return result

    def scale(self):
        """Scale a cluster out and in by a step, several rounds each."""
        size, count = self.args.scale_size, self.args.scale_count
        log('scale: creating the %d-node cluster' % size)
        start = time.monotonic()
        cid, _, _ = self.post_cluster('%s-s%d' % (self.tag, size), size)
        state = self.poller().wait_clusters(start, [cid])[cid]
        result = {'cluster_size': size, 'count': count,
                  'setup_wall_s': state['seconds'], 'setup_status': state['status']}
        if state['status'] != 'ACTIVE':
            result['error'] = 'the %d-node cluster is %s: %s' % (
                size, state['status'], state['reason'])
        else:
            for kind in ('scale_out', 'scale_in'):
                result[kind] = self._scale_rounds(cid, kind, count)
        result['delete'] = self.delete_clusters([cid])
        return result

    def _scale_rounds(self, cid, kind, count):
        cpu0 = self.meter.sample()
        rounds, poller = [], self.poller()
        for _ in range(self.args.scale_rounds):
            start = time.monotonic()
            resp, post_s = self.client.request(
                'POST', '/v1/clusters/%s/actions' % cid, {kind: {'count': count}},
                ok=(202,))
            aid = location_id(resp) or resp.json().get('action')
            act = poller.wait_action(start, aid)
            act['post_ms'] = round(post_s * 1000, 1)
            rounds.append(act)
            log('%s %d: %s s, %s' % (kind, count, act['seconds'], act['status']))
            if act['status'] != 'SUCCEEDED':
                break
            # let the cluster settle (not timed) before the next round
            poller.wait_clusters(time.monotonic(), [cid])
        walls = [r['seconds'] for r in rounds if r['seconds'] is not None]
        out = {'rounds': rounds, 'wall_s': walls,
               'wall_s_median': _median(walls),
               'status': _worst([r['status'] for r in rounds], 'SUCCEEDED'),
               'polls': poller.polls}
        out.update(self.meter.delta(cpu0, count * len(rounds)))
        return out

    def concurrent(self):
        """K clusters of S nodes POSTed at once: time until all are final."""
        k, size = self.args.concurrent, self.args.concurrent_size
        log('concurrent: %d clusters of %d nodes' % (k, size))
        cpu0 = self.meter.sample()
        start = time.monotonic()
        with ThreadPoolExecutor(k) as pool:
            posted = list(pool.map(
                lambda i: self.post_cluster('%s-cc%d' % (self.tag, i), size),
                range(k)))
        posts_s = time.monotonic() - start
        cids = [p[0] for p in posted]
        poller = self.poller()
        states = poller.wait_clusters(start, cids)
        secs = [s['seconds'] for s in states.values() if s['seconds'] is not None]
        result = {
            'clusters': k, 'size_each': size,
            'all_posts_s': round(posts_s, 3),
            'post_ms_max': round(max(p[2] for p in posted) * 1000, 1),
            'first_final_s': min(secs) if secs else None,
            'wall_s': max(secs) if len(secs) == k else None,
            'status': _worst([s['status'] for s in states.values()], 'ACTIVE'),
            'statuses': _count([s['status'] for s in states.values()]),
            'polls': poller.polls}
        result.update(self.meter.delta(cpu0, k * size))
        result['delete'] = self.delete_clusters(cids)
        log('concurrent: %s s, %s' % (result['wall_s'], result['statuses']))
        return result


def _median(xs):
    xs = sorted(xs)
    if not xs:
        return None
    mid = len(xs) // 2
    return xs[mid] if len(xs) % 2 else round((xs[mid - 1] + xs[mid]) / 2, 3)


def _worst(statuses, good):
    """``good`` if every status is ``good``, else the first other one."""
    bad = [s for s in statuses if s != good]
    return bad[0] if bad else good


def _count(xs):
    out = {}
    for x in xs:
        out[x] = out.get(x, 0) + 1
    return out


# ------------------------------------------------------------- command line

def parse_args(argv=None):
    ap = argparse.ArgumentParser(
        description=__doc__.split('\n\n')[0], allow_abbrev=False,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--endpoint', required=True,
                    help='clustering API root, e.g. http://127.0.0.1:8778')
    ap.add_argument('--auth', choices=('noauth', 'token'), default='noauth',
                    help='noauth: send X-User-Id/X-Project-Id/X-Roles headers; '
                         'token: send X-Auth-Token (--token)')
    ap.add_argument('--token', help='Keystone token for --auth token')
    ap.add_argument('--microversion', default='1.12',
                    help='clustering microversion to request (default 1.12; '
                         '"" sends no header)')
    ap.add_argument('--profile-type', default='clusterd.simulated-1.0',
                    help='TYPE-VERSION, e.g. os.nova.server-1.0 for Senlin with '
                         'its fake cloud, clusterd.simulated-1.0 for clusterd')
    ap.add_argument('--profile-properties', type=json.loads, default=None,
                    help='JSON object of spec properties (default: one that '
                         'works for the profile type)')
    ap.add_argument('--sizes', default='10,100,500,1000',
                    help='cluster sizes of the create workload')
    ap.add_argument('--phases', default='create,scale,concurrent',
                    help='comma list of create, scale, concurrent')
    ap.add_argument('--scale-size', type=int, default=100)
    ap.add_argument('--scale-count', type=int, default=10)
    ap.add_argument('--scale-rounds', type=int, default=3)
    ap.add_argument('--concurrent', type=int, default=20,
                    help='clusters created at once')
    ap.add_argument('--concurrent-size', type=int, default=10)
    ap.add_argument('--engine-pids', default='',
                    help='comma list of engine PIDs for CPU accounting (their '
                         'children are included)')
    ap.add_argument('--engine-names', default='',
                    help='comma list of program names to find engine PIDs by, '
                         'e.g. clusterd-engine,clusterd-standalone')
    ap.add_argument('--api-pids', default='',
                    help='comma list of API PIDs; their CPU is reported apart '
                         '(api_cpu_s), not in the per-node figure')
    ap.add_argument('--api-names', default='',
                    help='comma list of program names to find API PIDs by')
    ap.add_argument('--api-threads', default='',
                    help='name prefix of the API threads of the engine processes '
                         '(clusterd-standalone: api-); their CPU is reported as '
                         'api_cpu_s, not in the per-node figure')
    ap.add_argument('--poll-interval', type=float, default=0.05)
    ap.add_argument('--timeout', type=float, default=1800,
                    help='seconds to wait for any one workload to finish')
    ap.add_argument('--label', default='', help='free text copied to the output')
    args = ap.parse_args(argv)

    if args.auth == 'token' and not args.token:
        ap.error('--auth token needs --token')
    try:
        args.sizes = _int_list(args.sizes)
        args.engine_pids = _int_list(args.engine_pids)
        args.api_pids = _int_list(args.api_pids)
    except ValueError as exc:
        ap.error('--sizes and --*-pids take comma lists of integers (%s)' % exc)
    args.phases = [p.strip() for p in args.phases.split(',') if p.strip()]
    unknown = set(args.phases) - {'create', 'scale', 'concurrent'}
    if unknown:
        ap.error('unknown phase(s): %s' % ', '.join(sorted(unknown)))
    if '-' not in args.profile_type:
        ap.error('--profile-type is TYPE-VERSION, e.g. os.nova.server-1.0')
    if args.profile_properties is None:
        args.profile_properties = DEFAULT_PROPERTIES.get(args.profile_type, {})
    for kind in ('engine', 'api'):
        names = [n.strip() for n in getattr(args, kind + '_names').split(',')
                 if n.strip()]
        if names:
            pids = set(getattr(args, kind + '_pids')) | set(find_pids_by_name(names))
            setattr(args, kind + '_pids', sorted(pids))
    return args


def _int_list(text):
    return [int(x) for x in text.split(',') if x.strip()]


def describe_run(args, meters):
    return {
        'tool': 'clusterd-benchmarks/clusters.py', 'label': args.label,
        'endpoint': args.endpoint, 'auth': args.auth,
        'microversion': args.microversion, 'profile_type': args.profile_type,
        'started': time.strftime('%Y-%m-%dT%H:%M:%S%z'),
        'host': {'node': platform.node(), 'cpus': os.cpu_count(),
                 'loadavg_start': list(os.getloadavg())},
        'settings': {'sizes': args.sizes, 'phases': args.phases,
                     'scale_size': args.scale_size, 'scale_count': args.scale_count,
                     'scale_rounds': args.scale_rounds,
                     'concurrent': args.concurrent,
                     'concurrent_size': args.concurrent_size,
                     'poll_interval_s': args.poll_interval,
                     'timeout_s': args.timeout},
        'engine_pids': {str(p): _cmdline(p) for p in meters.engine.pids},
        'api_pids': {str(p): _cmdline(p) for p in meters.api.pids},
        'api_threads': args.api_threads or None,
    }


def _cmdline(pid):
    try:
        with open('/proc/%d/cmdline' % pid, 'rb') as f:
            return f.read().replace(b'\0', b' ').decode(errors='replace').strip()
    except OSError:
        return None


def run_workloads(bench, args):
    """Every requested workload; one that fails is recorded, the next still runs."""
    results, errors = {}, []
    plan = []
    if 'create' in args.phases:
        plan += [('create', str(n), lambda n=n: bench.create(n)) for n in args.sizes]
    if 'scale' in args.phases:
        plan.append(('scale', None, bench.scale))
    if 'concurrent' in args.phases:
        plan.append(('concurrent', None, bench.concurrent))
    for phase, key, func in plan:
        try:
            value = func()
        except BenchError as exc:
            log('%s %s failed: %s' % (phase, key or '', exc))
            errors.append({'workload': phase + ('/' + key if key else ''),
                           'error': str(exc)})
            value = {'error': str(exc)}
        if key is None:
            results[phase] = value
        else:
            # A size run again (--sizes 10,10,10) is kept as 10, 10#2, 10#3:
            # the first one after the service started, then the warm ones.
            runs = results.setdefault(phase, {})
            name, again = key, 1
            while name in runs:
                again += 1
                name = '%s#%d' % (key, again)
            runs[name] = value
    return results, errors


def succeeded(results, errors):
    if errors:
        return False
    for r in results.get('create', {}).values():
        if r.get('status') != 'ACTIVE':
            return False
    scale = results.get('scale')
    if scale is not None and (scale.get('error') or any(
            scale.get(k, {}).get('status') != 'SUCCEEDED'
            for k in ('scale_out', 'scale_in'))):
        return False
    conc = results.get('concurrent')
    return conc is None or conc.get('status') == 'ACTIVE'


def main(argv=None):
    args = parse_args(argv)
    if args.api_threads and args.api_pids:
        sys.exit('clusters.py: --api-threads is for a process that serves the API '
                 'and runs the engine; do not give API PIDs with it')
    meter = Meters(args.engine_pids, args.api_pids, args.api_threads)
    out = describe_run(args, meter)
    if not meter.engine.pids:
        log('no engine PIDs given or found: CPU figures will be null')
    client = Client(args.endpoint, args.auth, args.microversion, args.token)
    bench = Bench(client, args, meter)
    t0 = time.monotonic()
    try:
        client.get('/', ok=(200, 300))         # is anything there?
        bench.create_profile()
    except BenchError as exc:
        log('cannot start: %s' % exc)
        out.update({'ok': False, 'results': {},
                    'errors': [{'workload': 'setup', 'error': str(exc)}]})
    else:
        results, errors = run_workloads(bench, args)
        errors += cleanup(bench)
        out.update({'ok': succeeded(results, errors), 'results': results,
                    'errors': errors})
    out['total_wall_s'] = round(time.monotonic() - t0, 1)
    out['host']['loadavg_end'] = list(os.getloadavg())
    print(json.dumps(out, indent=1, sort_keys=True))
    return 0 if out['ok'] else 1


def cleanup(bench):
    """Delete what a failed workload left behind, then the profile."""
    errors = []
    try:
        if bench.leftovers:
            log('cleanup: deleting %d leftover cluster(s)' % len(bench.leftovers))
            bench.delete_clusters(sorted(bench.leftovers))
        bench.delete_profile()
    except BenchError as exc:
        errors.append({'workload': 'cleanup', 'error': str(exc)})
    return errors


if __name__ == '__main__':
    sys.exit(main())
