#!/usr/bin/env python3
"""Run benchmarks/clusters.py against Senlin and clusterd in one go, and compare.

Senlin: the team's anchor (``/work/shared/anchors/senlin``), started with
``/work/wt/anchor.sh senlin`` if its API does not answer, and never stopped here
(other sessions share it).  Engine CPU is that of senlin-engine and
senlin-conductor (the PIDs its setup records); senlin-api's CPU is reported apart.

clusterd, one of (``--clusterd``):

``endpoint``
    an already running service at ``--clusterd-endpoint``; engine PIDs from
    ``--clusterd-engine-pids`` or found by name (clusterd-engine,
    clusterd-standalone).
``standalone`` (default)
    ``clusterd-standalone --port P --state-dir <temporary>``, started and stopped
    here; its single process is the engine (it also serves the API, so its CPU
    includes the API's).
``distributed``
    MariaDB + RabbitMQ: a throw-away database, ``clusterd-manage db upgrade``, one
    ``clusterd-api`` and ``--engines`` ``clusterd-engine`` processes on a private RPC
    topic, all started and stopped here.

Senlin runs first and is stopped (if started here) before clusterd starts, so the
two never share the CPU.  Prints one JSON object: both result sets, and
senlin/clusterd ratios per workload (a ratio above 1 means clusterd is faster or
leaner).
"""

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
CLUSTERS_PY = os.path.join(HERE, 'clusters.py')
SENLIN_ANCHOR = '/work/shared/anchors/senlin'
SENLIN_PIDS = '/tmp/senlin-run/pids'
ANCHOR_SH = '/work/wt/anchor.sh'
TARGET_RATIO = 25.0
TARGETS = {'create_500_wall_s': 2.0, 'cpu_ms_per_node': 3.0}


def log(msg):
    print('## %s %s' % (time.strftime('%H:%M:%S'), msg), file=sys.stderr, flush=True)


def answers(url, timeout=2.0):
    """True if an HTTP server answers at ``url`` (any status)."""
    try:
        urllib.request.urlopen(url, timeout=timeout).close()
        return True
    except urllib.error.HTTPError:
        return True
    except (urllib.error.URLError, OSError):
        return False


def wait_until_answers(url, proc=None, seconds=180):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if answers(url):
            return True
        if proc is not None and proc.poll() is not None:
            return False
        time.sleep(0.2)
    return False


def run_clusters(endpoint, label, profile_type, engine_pids, api_pids, passthrough):
    """Run clusters.py as a child process; its JSON, or an error object."""
    cmd = [sys.executable, CLUSTERS_PY, '--endpoint', endpoint, '--label', label,
           '--profile-type', profile_type,
           '--engine-pids', ','.join(str(p) for p in engine_pids),
           '--api-pids', ','.join(str(p) for p in api_pids)] + passthrough
    log('running: %s' % ' '.join(cmd))
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, text=True)
    try:
        return json.loads(proc.stdout)
    except ValueError:
        return {'ok': False, 'errors': [{
            'workload': 'clusters.py', 'error': 'exit status %d, no JSON output: %s'
            % (proc.returncode, proc.stdout.strip()[:300])}]}


def stop_process(proc, name, seconds=20):
    """SIGTERM a child we started, then SIGKILL if it does not go."""
    if proc is None or proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(seconds)
    except subprocess.TimeoutExpired:
        log('%s (pid %d) ignored SIGTERM; killing it' % (name, proc.pid))
        proc.kill()
        proc.wait()


# ------------------------------------------------------------------ Senlin

def read_pid(name):
    try:
        with open(os.path.join(SENLIN_PIDS, name + '.pid')) as f:
            return int(f.read().strip())
    except (OSError, ValueError):
        return None


def run_senlin(args, passthrough):
    """The shared Senlin anchor: started with ``/work/wt/anchor.sh senlin`` if its
    API does not answer (idempotent, serialised by a lock, so a setup already
    running is waited for), and left running: other helpers use it."""
    endpoint = 'http://127.0.0.1:%d' % args.senlin_api_port
    if not answers(endpoint + '/'):
        log('starting Senlin with %s senlin' % ANCHOR_SH)
        setup = subprocess.run([ANCHOR_SH, 'senlin'], stdout=subprocess.PIPE,
                               text=True)
        if setup.returncode != 0 or not wait_until_answers(endpoint + '/'):
            return {'ok': False, 'errors': [{
                'workload': 'senlin setup',
                'error': '%s senlin exited %d; see /tmp/anchors/senlin.log'
                % (ANCHOR_SH, setup.returncode)}]}
    engine = [read_pid('senlin-engine'), read_pid('senlin-conductor')]
    api = [read_pid('senlin-api')]
    return run_clusters(endpoint, args.label + 'senlin', 'os.nova.server-1.0',
                        [p for p in engine if p], [p for p in api if p],
                        passthrough + args.senlin_args.split())


# ------------------------------------------------------------------ clusterd

def clusterd_bin(args, name):
    path = os.path.join(args.clusterd_bin_dir, name)
    if not os.path.exists(path):
        raise SystemExit('%s not found in %s (use --clusterd-bin-dir)'
                         % (name, args.clusterd_bin_dir))
    return path


def run_clusterd_endpoint(args, passthrough):
    extra = list(passthrough)
    if args.clusterd_engine_pids:
        extra += ['--engine-pids', args.clusterd_engine_pids]
    else:
        extra += ['--engine-names', 'clusterd-engine,clusterd-standalone']
    extra += ['--api-names', 'clusterd-api']
    return run_clusters(args.clusterd_endpoint, args.label + 'clusterd',
                        'clusterd.simulated-1.0', [], [], extra)


def run_clusterd_standalone(args, passthrough):
    endpoint = 'http://127.0.0.1:%d' % args.clusterd_port
    if answers(endpoint + '/'):
        # (Measuring whatever already listens there would be measuring the
        # wrong process.)
        return {'ok': False, 'errors': [{
            'workload': 'clusterd-standalone',
            'error': 'something already answers at %s' % endpoint}]}
    state = tempfile.mkdtemp(prefix='clusterd-bench-')
    cmd = [clusterd_bin(args, 'clusterd-standalone'), '--port',
           str(args.clusterd_port), '--state-dir', state]
    log('starting %s' % ' '.join(cmd))
    proc = subprocess.Popen(cmd, stdout=sys.stderr, stderr=sys.stderr)
    try:
        if not wait_until_answers(endpoint + '/', proc):
            return {'ok': False, 'errors': [{
                'workload': 'clusterd-standalone',
                'error': 'did not answer at %s (exit status %s); see %s'
                % (endpoint, proc.poll(), state)}]}
        # (Its API threads are named api-worker: their CPU is the API's, as
        # clusterd-api's is on the distributed runs.)
        return run_clusters(endpoint, args.label + 'clusterd-standalone',
                            'clusterd.simulated-1.0', [proc.pid], [],
                            list(passthrough) + ['--api-threads', 'api-'])
    finally:
        stop_process(proc, 'clusterd-standalone')
        if not args.keep_state:
            shutil.rmtree(state, ignore_errors=True)


def mysql(sql):
    subprocess.run(['mysql', '-uroot', '-h127.0.0.1', '-e', sql], check=True)


def write_config(path, text):
    with open(path, 'w') as f:
        f.write(text)
    return path


def postgresql(sql):
    subprocess.run(['psql', '-h', '127.0.0.1', '-U', 'postgres', '-d', 'postgres',
                    '-qAtc', sql], check=True, stdout=subprocess.DEVNULL)


DATABASES = {
    'mysql': (mysql, 'CREATE DATABASE %s CHARACTER SET utf8mb4',
              'mysql+pymysql://root@127.0.0.1/%s?charset=utf8mb4'),
    'postgresql': (postgresql, 'CREATE DATABASE %s',
                   'postgresql://postgres@127.0.0.1/%s'),
}


def run_clusterd_distributed(args, passthrough, backend='mysql', engines=None,
                             label='clusterd-distributed'):
    """clusterd-api + N clusterd-engine on MariaDB (or PostgreSQL) and RabbitMQ
    (all throw-away)."""
    engines = engines or args.engines
    run_sql, create_sql, url = DATABASES[backend]
    tag = uuid.uuid4().hex[:8]
    dbname = 'clusterd_bench_%s' % tag
    work = tempfile.mkdtemp(prefix='clusterd-bench-')
    endpoint = 'http://127.0.0.1:%d' % args.clusterd_port
    common = write_config(os.path.join(work, 'clusterd.conf'), '\n'.join([
        '[DEFAULT]',
        'transport_url = %s' % args.rabbit_url,
        'log_dir = %s' % work,
        '[database]',
        'connection = %s' % (url % dbname),
        '[api]',
        'bind_host = 127.0.0.1',
        'bind_port = %d' % args.clusterd_port,
        'auth_strategy = noauth',
        '[engine]',
        'topic = clusterd-bench-%s' % tag,     # never meet another run's engines
        '']))
    procs = []
    if answers(endpoint + '/'):
        return {'ok': False, 'errors': [{
            'workload': 'clusterd distributed',
            'error': 'something already answers at %s' % endpoint}]}
    try:
        run_sql(create_sql % dbname)
        subprocess.run([clusterd_bin(args, 'clusterd-manage'), '--config-file',
                        common, 'db', 'upgrade'], check=True, stdout=sys.stderr)
        for i in range(engines):
            host = write_config(os.path.join(work, 'engine-%d.conf' % i),
                                '[DEFAULT]\nhost = bench-engine-%d\n' % i)
            procs.append(('clusterd-engine', subprocess.Popen(
                [clusterd_bin(args, 'clusterd-engine'), '--config-file', common,
                 '--config-file', host], stdout=sys.stderr, stderr=sys.stderr)))
        api = subprocess.Popen([clusterd_bin(args, 'clusterd-api'), '--config-file',
                                common], stdout=sys.stderr, stderr=sys.stderr)
        procs.append(('clusterd-api', api))
        if not wait_until_answers(endpoint + '/', api):
            return {'ok': False, 'errors': [{
                'workload': 'clusterd-api', 'error': 'did not answer at %s; logs '
                'in %s' % (endpoint, work)}]}
        dead = [n for n, p in procs if p.poll() is not None]
        if dead:
            return {'ok': False, 'errors': [{
                'workload': 'clusterd distributed',
                'error': '%s exited early; logs in %s' % (', '.join(dead), work)}]}
        engines = [p.pid for n, p in procs if n == 'clusterd-engine']
        # Let every engine register and heartbeat before the first request.
        time.sleep(2)
        return run_clusters(endpoint, args.label + label,
                            'clusterd.simulated-1.0', engines, [api.pid],
                            passthrough)
    except subprocess.CalledProcessError as exc:
        return {'ok': False, 'errors': [{'workload': 'clusterd distributed setup',
                                         'error': str(exc)}]}
    finally:
        for name, proc in reversed(procs):
            stop_process(proc, name)
        try:
            if backend == 'postgresql':
                run_sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        "WHERE datname = '%s' AND pid <> pg_backend_pid()" % dbname)
            run_sql('DROP DATABASE IF EXISTS %s' % dbname)
        except subprocess.CalledProcessError as exc:
            log('could not drop the database %s: %s' % (dbname, exc))
        if not args.keep_state:
            shutil.rmtree(work, ignore_errors=True)


CLUSTERD_MODES = {'endpoint': run_clusterd_endpoint,
                  'standalone': run_clusterd_standalone,
                  'distributed': run_clusterd_distributed}


def _distributed(backend, engines):
    def run(args, passthrough):
        return run_clusterd_distributed(
            args, passthrough, backend, engines,
            'clusterd-%s-%de' % (backend, engines))
    return run


# Every system --systems may name, in the order they run.
SYSTEMS = {
    'senlin': run_senlin,
    'standalone': run_clusterd_standalone,
    'distributed-mysql-1': _distributed('mysql', 1),
    'distributed-mysql-2': _distributed('mysql', 2),
    'distributed-postgresql-1': _distributed('postgresql', 1),
    'distributed-postgresql-2': _distributed('postgresql', 2),
    'endpoint': run_clusterd_endpoint,
}
DEFAULT_SYSTEMS = ('senlin,standalone,distributed-mysql-1,distributed-mysql-2,'
                   'distributed-postgresql-2')


# ------------------------------------------------------------------ comparison

def figures(result):
    """{workload: {'wall_s': x, 'cpu_ms_per_node': y}} from one clusters.py run.

    A size created several times (``--sizes 10,10,10``) gives ``create_10`` (the
    median of the runs), ``create_10_first`` (the first, right after the
    service started) and ``create_10_runs``.
    """
    res = (result or {}).get('results') or {}
    out = {}
    by_size = {}
    for key, r in (res.get('create') or {}).items():
        by_size.setdefault(key.split('#')[0], []).append(
            _pick(r, 'wall_s', r.get('status') == 'ACTIVE'))
    for size, runs in by_size.items():
        walls = [r['wall_s'] for r in runs]
        cpus = [r['cpu_ms_per_node'] for r in runs]
        whole = [r['process_ms_per_node'] for r in runs]
        out['create_%s' % size] = {
            'wall_s': _median(walls), 'cpu_ms_per_node': _median(cpus),
            'process_ms_per_node': _median(whole)}
        if len(runs) > 1:
            servers = [r['server_wall_s'] for r in runs]
            out['create_%s' % size].update(
                first_wall_s=walls[0], runs_wall_s=walls,
                first_server_wall_s=servers[0],
                server_wall_s=_median(servers), runs_server_wall_s=servers)
    scale = res.get('scale') or {}
    for kind in ('scale_out', 'scale_in'):
        if kind in scale:
            r = scale[kind]
            out[kind] = _pick(r, 'wall_s_median', r.get('status') == 'SUCCEEDED')
    conc = res.get('concurrent')
    if conc:
        out['concurrent'] = _pick(conc, 'wall_s', conc.get('status') == 'ACTIVE')
    return out


def _median(xs):
    if not xs or None in xs:
        return None
    xs = sorted(xs)
    mid = len(xs) // 2
    return xs[mid] if len(xs) % 2 else round((xs[mid - 1] + xs[mid]) / 2, 3)


def max_post_ms(result):
    """The slowest POST (create or scale request) of a run, in ms."""
    res = (result or {}).get('results') or {}
    posts = [r.get('post_ms') for r in (res.get('create') or {}).values()]
    for kind in ('scale_out', 'scale_in'):
        posts += [x.get('post_ms') for x in
                  ((res.get('scale') or {}).get(kind) or {}).get('rounds', [])]
    posts.append((res.get('concurrent') or {}).get('post_ms_max'))
    posts = [p for p in posts if p is not None]
    return max(posts) if posts else None


def _pick(r, wall_key, ok):
    return {'wall_s': r.get(wall_key) if ok else None,
            'server_wall_s': r.get('server_wall_s') if ok else None,
            'cpu_ms_per_node': r.get('cpu_ms_per_node') if ok else None,
            'process_ms_per_node': r.get('process_ms_per_node') if ok else None}


def ratio(a, b):
    if a is None or b is None or b <= 0:
        return None
    return round(a / b, 1)


def compare(senlin, clusterd):
    """senlin/clusterd per workload and figure, and the targets of the issue."""
    s, c = figures(senlin), figures(clusterd)
    ratios = {}
    for work in sorted(set(s) | set(c)):
        sw, cw = s.get(work, {}), c.get(work, {})
        ratios[work] = {
            'wall': ratio(sw.get('wall_s'), cw.get('wall_s')),
            'cpu_per_node': ratio(sw.get('cpu_ms_per_node'),
                                  cw.get('cpu_ms_per_node'))}
    # (Only where Senlin ran the workload: it is not given 1000 nodes.)
    walls = [r['wall'] for work, r in ratios.items()
             if s.get(work, {}).get('wall_s') is not None]
    cpu = [f['cpu_ms_per_node'] for f in c.values()]
    first = c.get('create_10', {})
    targets = {
        'max_post_ms': max_post_ms(clusterd),
        'create_500_wall_s': c.get('create_500', {}).get('wall_s'),
        'max_cpu_ms_per_node': max(cpu) if cpu and None not in cpu else None,
        'cpu_within_3ms_per_node': (_le(max(cpu), TARGETS['cpu_ms_per_node'])
                                    if cpu and None not in cpu else None),
        'first_create_10_over_median': ratio(first.get('first_wall_s'),
                                             first.get('wall_s')),
        # (The same, from the POST to the action's recorded end: see
        # clusters.server_wall.)
        'first_create_10_over_median_server': _ratio2(
            first.get('first_server_wall_s'), first.get('server_wall_s')),
        'every_wall_ratio_at_least_25x': (all(r is not None and r >= TARGET_RATIO
                                              for r in walls)
                                          if walls and senlin else None)}
    return ratios, targets


def _ratio2(a, b):
    """a / b to two decimals (the first request's ratio to the median)."""
    if a is None or b is None or b <= 0:
        return None
    return round(a / b, 2)


def _le(value, limit):
    return None if value is None else value <= limit


# The table: its rows, and the target of each for clusterd.
TABLE = [('create_10', 'create 10 nodes, to ACTIVE', 0.15),
         ('create_100', 'create 100', 0.4),
         ('create_500', 'create 500', 1.5),
         ('create_1000', 'create 1000', None),
         ('scale_out', 'scale out by 10 on 100', 0.15),
         ('scale_in', 'scale in by 10 on 100', 0.15),
         ('concurrent', '20 clusters of 10 at once', 0.9)]


def _fmt(x, unit=''):
    return '-' if x is None else ('%.3g%s' % (x, unit))


def table(out):
    """The issue's table as Markdown: wall time of each system, its ratio to
    Senlin, and engine CPU per node."""
    systems = [n for n in out['systems'] if n != 'senlin']
    figs = {n: figures(out['runs'].get(n)) for n in out['systems']}
    senlin = figs.get('senlin', {})
    head = ['workload', 'Senlin'] + ['%s (ratio)' % n for n in systems] + \
        ['target']
    lines = ['| ' + ' | '.join(head) + ' |', '|' + ' --- |' * len(head)]
    for key, label, target in TABLE:
        row = [label, _fmt(senlin.get(key, {}).get('wall_s'), ' s')]
        for n in systems:
            wall = figs[n].get(key, {}).get('wall_s')
            r = ratio(senlin.get(key, {}).get('wall_s'), wall)
            row.append('%s (%s)' % (_fmt(wall, ' s'), '-' if r is None
                                    else '%gx' % r))
        row.append('<= %g s' % target if target else '')
        lines.append('| ' + ' | '.join(row) + ' |')
    lines.append('')
    head = ['engine CPU ms/node', 'Senlin'] + systems
    lines += ['| ' + ' | '.join(head) + ' |', '|' + ' --- |' * len(head)]
    for key, label, _target in TABLE:
        row = [label] + [_fmt(figs.get(n, {}).get(key, {}).get('cpu_ms_per_node'))
                         for n in ['senlin'] + systems]
        lines.append('| ' + ' | '.join(row) + ' |')
    lines.append('')
    for n in systems:
        # (API and engine in one process: the engine's figure above leaves
        # out the API's threads; this is the whole process's.)
        whole = [(label, figs[n].get(key, {}).get('process_ms_per_node'))
                 for key, label, _target in TABLE]
        if any(ms is not None for _label, ms in whole):
            lines.append('%s, whole process (API threads too), CPU ms/node: %s' % (
                n, '; '.join('%s %s' % (label, _fmt(ms)) for label, ms in whole)))
    lines.append('')
    for n in systems:
        c10 = figs[n].get('create_10', {})
        if c10.get('first_wall_s') is not None:
            lines.append('%s: first create 10 after start %s s, median %s s '
                         '(runs %s); POST to the action\'s recorded end: first '
                         '%s s, median %s s (runs %s)' % (
                             n, c10['first_wall_s'], c10['wall_s'],
                             c10['runs_wall_s'], c10.get('first_server_wall_s'),
                             c10.get('server_wall_s'),
                             c10.get('runs_server_wall_s')))
    host = out.get('host') or {}
    if host.get('python_yardstick_ms') is not None:
        lines.append('')
        lines.append('host: %s CPUs, Python yardstick %s ms of CPU (lower is '
                     'faster; CPU figures of two hosts compare through it)'
                     % (host.get('cpus'), host['python_yardstick_ms']))
    trips = out.get('round_trips')
    if trips:
        lines.append('')
        lines.append('engine commits (tests/functional/test_round_trips.py, '
                     'in-process engine): %s' % json.dumps(trips, sort_keys=True))
    return '\n'.join(lines)


def plot(out, path):
    """Time to ACTIVE against cluster size, one line per system (PNG)."""
    try:
        import matplotlib
        matplotlib.use('Agg')
        from matplotlib import pyplot
    except ImportError:
        log('matplotlib is not installed (the "bench" extra): no plot')
        return None
    fig, ax = pyplot.subplots(figsize=(7, 4.5))
    for name in out['systems']:
        figs = figures(out['runs'].get(name))
        points = sorted((int(k.split('_')[1]), v['wall_s'])
                        for k, v in figs.items()
                        if k.startswith('create_') and k.split('_')[1].isdigit()
                        and v.get('wall_s') is not None)
        if points:
            ax.plot([p[0] for p in points], [p[1] for p in points], marker='o',
                    label=name)
    ax.set_xscale('log')
    ax.set_yscale('log')
    ax.set_xlabel('cluster size (nodes)')
    ax.set_ylabel('create to ACTIVE (s)')
    ax.set_title('Cluster create, zero-latency simulated clouds')
    ax.grid(True, which='both', alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    pyplot.close(fig)
    return path


# ------------------------------------------------------------------ command line

def parse_args(argv=None):
    ap = argparse.ArgumentParser(
        description=__doc__.split('\n\n')[0], allow_abbrev=False,
        epilog='Other options (--sizes, --phases, --scale-rounds, --concurrent, '
               '--poll-interval, --timeout, ...) are passed to clusters.py.',
        formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--label', default='', help='prefix of the run labels')
    ap.add_argument('--systems', default=None,
                    help='comma list, run in this order, of: %s (default %s)'
                    % (', '.join(SYSTEMS), DEFAULT_SYSTEMS))
    ap.add_argument('--skip-senlin', action='store_true')
    ap.add_argument('--senlin-api-port', type=int, default=8778,
                    help="Senlin's API port (the anchor's API_PORT; default 8778)")
    ap.add_argument('--senlin-args', default='',
                    help='clusters.py options for Senlin only, after the others '
                         '(e.g. "--sizes 10,100" on a loaded host, where Senlin '
                         'takes minutes per hundred nodes)')
    ap.add_argument('--clusterd', choices=['none'] + sorted(CLUSTERD_MODES),
                    default=None, help='run only Senlin and this clusterd (the '
                    'older form of --systems)')
    ap.add_argument('--clusterd-endpoint', help='for --clusterd endpoint')
    ap.add_argument('--clusterd-engine-pids', default='',
                    help='for --clusterd endpoint: comma list of engine PIDs '
                         '(default: found by name)')
    ap.add_argument('--clusterd-port', type=int, default=8790,
                    help='API port of a clusterd started here (default 8790)')
    ap.add_argument('--clusterd-bin-dir', default=os.path.dirname(sys.executable),
                    help='where the clusterd-* commands are (default: beside '
                         'this Python)')
    ap.add_argument('--engines', type=int, default=2,
                    help='clusterd-engine processes for --clusterd distributed')
    ap.add_argument('--rabbit-url', default='rabbit://guest:guest@127.0.0.1:5672/',
                    help='transport_url for the distributed systems')
    ap.add_argument('--keep-state', action='store_true',
                    help='keep the temporary state/log directory of clusterd')
    ap.add_argument('--round-trips', help='a JSON file written by '
                    'tests/functional/test_round_trips.py '
                    '(CLUSTERD_ROUND_TRIPS_JSON), shown with the table')
    ap.add_argument('--output', help='also write the JSON to this file (default: '
                    'benchmarks/results/side-by-side-<time>.json, with a .png and '
                    'a .md beside it)')
    args, passthrough = ap.parse_known_args(argv)
    if args.clusterd == 'endpoint' and not args.clusterd_endpoint:
        ap.error('--clusterd endpoint needs --clusterd-endpoint URL')
    for url in (args.clusterd_endpoint or '', args.rabbit_url):
        if url and '127.0.0.1' not in url and 'localhost' not in url:
            ap.error('only 127.0.0.1 is benchmarked here: %s' % url)
    if args.label and not args.label.endswith('-'):
        args.label += '-'
    if args.systems is None:
        if args.clusterd is not None:
            systems = ['senlin'] + ([] if args.clusterd == 'none' else
                                    [args.clusterd])
        else:
            systems = DEFAULT_SYSTEMS.split(',')
    else:
        systems = [n.strip() for n in args.systems.split(',') if n.strip()]
    if args.skip_senlin:
        systems = [n for n in systems if n != 'senlin']
    unknown = [n for n in systems if n not in SYSTEMS and n != 'distributed']
    if unknown:
        ap.error('unknown system(s): %s' % ', '.join(unknown))
    args.systems = systems
    return args, passthrough


def python_yardstick_ms(repeats=5):
    """CPU milliseconds of a fixed pure-Python workload (JSON, strings and
    dicts, as an engine spends its time), the median of ``repeats``: how fast
    this host runs Python.  The engine's CPU per node is an absolute target,
    and the same code measured 1.5 to 2.2 times more of it per node on one
    host of this workplace than on another (doc/source/contributor/
    benchmarks.rst): runs on two hosts compare through this figure."""
    def work():
        rows = {}
        for i in range(20000):
            rows['node-%d' % i] = json.dumps({'id': i, 'name': 'n%d' % i,
                                              'status': 'ACTIVE'})
        return sum(len(json.loads(v)['name']) for v in rows.values())
    times = []
    for _ in range(repeats):
        started = time.process_time()
        work()
        times.append((time.process_time() - started) * 1000.0)
    return round(sorted(times)[len(times) // 2], 1)


def main(argv=None):
    args, passthrough = parse_args(argv)
    # SIGTERM runs the finally blocks too: no clusterd left running behind.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    stamp = time.strftime('%Y-%m-%dT%H%M%S')
    out = {'tool': 'clusterd-benchmarks/side_by_side.py',
           'started': time.strftime('%Y-%m-%dT%H:%M:%S%z'),
           'systems': args.systems, 'passthrough': passthrough,
           'host': {'cpus': os.cpu_count(), 'loadavg_start': list(os.getloadavg()),
                    'python_yardstick_ms': python_yardstick_ms()},
           'runs': {}}
    for name in args.systems:
        log('=== %s' % name)
        run = CLUSTERD_MODES['distributed'] if name == 'distributed' \
            else SYSTEMS[name]
        out['runs'][name] = run(args, passthrough)
    out['host']['loadavg_end'] = list(os.getloadavg())
    senlin = out['runs'].get('senlin')
    out['ratios_senlin_over_clusterd'] = {}
    out['clusterd_targets'] = {}
    for name in args.systems:
        if name == 'senlin':
            continue
        ratios, targets = compare(senlin, out['runs'][name])
        out['clusterd_targets'][name] = targets
        if senlin is not None:
            out['ratios_senlin_over_clusterd'][name] = ratios
    if args.round_trips:
        with open(args.round_trips) as f:
            out['round_trips'] = json.load(f)
    base = args.output or os.path.join(HERE, 'results',
                                       'side-by-side-%s.json' % stamp)
    stem = base[:-5] if base.endswith('.json') else base
    out['table'] = table(out)
    out['plot'] = plot(out, stem + '.png')
    text = json.dumps(out, indent=1, sort_keys=True)
    with open(base, 'w') as f:
        f.write(text + '\n')
    with open(stem + '.md', 'w') as f:
        f.write(out['table'] + '\n')
    print(out['table'])
    log('JSON in %s' % base)
    ran = [r for r in out['runs'].values() if r is not None]
    return 0 if ran and all(r.get('ok') for r in ran) else 1


if __name__ == '__main__':
    sys.exit(main())
