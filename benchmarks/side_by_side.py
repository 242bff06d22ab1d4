#!/usr/bin/env python3
"""Run benchmarks/clusters.py against Senlin and clusterd in one go, and compare.

Senlin: the team's anchor (``/work/shared/anchors/senlin``).  If its API does not
answer, ``setup.sh`` starts it (and ``stop.sh`` stops it afterwards, unless
``--keep-senlin``); a Senlin that was already running is used and left running.
Engine CPU is that of senlin-engine and senlin-conductor (the PIDs setup.sh
records); senlin-api's CPU is reported apart.

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


def wait_until_answers(url, proc=None, seconds=60):
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
    endpoint = 'http://127.0.0.1:%d' % args.senlin_api_port
    started = False
    if not answers(endpoint + '/'):
        log('starting Senlin with %s/setup.sh' % SENLIN_ANCHOR)
        env = dict(os.environ, API_PORT=str(args.senlin_api_port))
        setup = subprocess.run([os.path.join(SENLIN_ANCHOR, 'setup.sh')], env=env,
                               stdout=subprocess.PIPE, text=True)
        if setup.returncode != 0:
            return {'ok': False, 'errors': [{'workload': 'senlin setup',
                                             'error': 'setup.sh exited %d'
                                             % setup.returncode}]}
        started = True
    try:
        engine = [read_pid('senlin-engine'), read_pid('senlin-conductor')]
        api = [read_pid('senlin-api')]
        return run_clusters(endpoint, args.label + 'senlin', 'os.nova.server-1.0',
                            [p for p in engine if p], [p for p in api if p],
                            passthrough)
    finally:
        if started and not args.keep_senlin:
            log('stopping Senlin (stop.sh)')
            subprocess.run([os.path.join(SENLIN_ANCHOR, 'stop.sh')],
                           stdout=sys.stderr)


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
    state = tempfile.mkdtemp(prefix='clusterd-bench-')
    endpoint = 'http://127.0.0.1:%d' % args.clusterd_port
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
        return run_clusters(endpoint, args.label + 'clusterd-standalone',
                            'clusterd.simulated-1.0', [proc.pid], [], passthrough)
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


def run_clusterd_distributed(args, passthrough):
    """clusterd-api + N clusterd-engine on MariaDB and RabbitMQ (all throw-away)."""
    tag = uuid.uuid4().hex[:8]
    dbname = 'clusterd_bench_%s' % tag
    work = tempfile.mkdtemp(prefix='clusterd-bench-')
    endpoint = 'http://127.0.0.1:%d' % args.clusterd_port
    common = write_config(os.path.join(work, 'clusterd.conf'), '\n'.join([
        '[DEFAULT]',
        'transport_url = %s' % args.rabbit_url,
        'log_dir = %s' % work,
        '[database]',
        'connection = mysql+pymysql://root@127.0.0.1/%s?charset=utf8mb4' % dbname,
        '[api]',
        'bind_host = 127.0.0.1',
        'bind_port = %d' % args.clusterd_port,
        'auth_strategy = noauth',
        '[engine]',
        'topic = clusterd-bench-%s' % tag,     # never meet another run's engines
        '']))
    procs = []
    try:
        mysql('CREATE DATABASE %s CHARACTER SET utf8mb4' % dbname)
        subprocess.run([clusterd_bin(args, 'clusterd-manage'), '--config-file',
                        common, 'db', 'upgrade'], check=True, stdout=sys.stderr)
        for i in range(args.engines):
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
        return run_clusters(endpoint, args.label + 'clusterd-distributed',
                            'clusterd.simulated-1.0', engines, [api.pid],
                            passthrough)
    except subprocess.CalledProcessError as exc:
        return {'ok': False, 'errors': [{'workload': 'clusterd distributed setup',
                                         'error': str(exc)}]}
    finally:
        for name, proc in reversed(procs):
            stop_process(proc, name)
        try:
            mysql('DROP DATABASE IF EXISTS %s' % dbname)
        except subprocess.CalledProcessError as exc:
            log('could not drop the database %s: %s' % (dbname, exc))
        if not args.keep_state:
            shutil.rmtree(work, ignore_errors=True)


CLUSTERD_MODES = {'endpoint': run_clusterd_endpoint,
                  'standalone': run_clusterd_standalone,
                  'distributed': run_clusterd_distributed}


# ------------------------------------------------------------------ comparison

def figures(result):
    """{workload: {'wall_s': x, 'cpu_ms_per_node': y}} from one clusters.py run."""
    res = (result or {}).get('results') or {}
    out = {}
    for size, r in (res.get('create') or {}).items():
        out['create_%s' % size] = _pick(r, 'wall_s', r.get('status') == 'ACTIVE')
    scale = res.get('scale') or {}
    for kind in ('scale_out', 'scale_in'):
        if kind in scale:
            r = scale[kind]
            out[kind] = _pick(r, 'wall_s_median', r.get('status') == 'SUCCEEDED')
    conc = res.get('concurrent')
    if conc:
        out['concurrent'] = _pick(conc, 'wall_s', conc.get('status') == 'ACTIVE')
    return out


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
            'cpu_ms_per_node': r.get('cpu_ms_per_node') if ok else None}


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
    all_ratios = [v for r in ratios.values() for v in r.values()]
    cpu = [f['cpu_ms_per_node'] for f in c.values()]
    targets = {
        'max_post_ms': max_post_ms(clusterd),
        'create_500_wall_s': c.get('create_500', {}).get('wall_s'),
        'create_500_within_2s': _le(c.get('create_500', {}).get('wall_s'),
                                    TARGETS['create_500_wall_s']),
        'max_cpu_ms_per_node': max(cpu) if cpu and None not in cpu else None,
        'cpu_within_3ms_per_node': (_le(max(cpu), TARGETS['cpu_ms_per_node'])
                                    if cpu and None not in cpu else None),
        'every_ratio_at_least_25x': (all(r is not None and r >= TARGET_RATIO
                                         for r in all_ratios)
                                     if all_ratios else None)}
    return ratios, targets


def _le(value, limit):
    return None if value is None else value <= limit


# ------------------------------------------------------------------ command line

def parse_args(argv=None):
    ap = argparse.ArgumentParser(
        description=__doc__.split('\n\n')[0], allow_abbrev=False,
        epilog='Other options (--sizes, --phases, --scale-rounds, --concurrent, '
               '--poll-interval, --timeout, ...) are passed to clusters.py.',
        formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--label', default='', help='prefix of the run labels')
    ap.add_argument('--skip-senlin', action='store_true')
    ap.add_argument('--senlin-api-port', type=int, default=8778,
                    help="Senlin's API port (setup.sh's API_PORT; default 8778)")
    ap.add_argument('--keep-senlin', action='store_true',
                    help='leave a Senlin started here running')
    ap.add_argument('--clusterd', choices=['none'] + sorted(CLUSTERD_MODES),
                    default='standalone', help='how to reach clusterd')
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
                    help='transport_url for --clusterd distributed')
    ap.add_argument('--keep-state', action='store_true',
                    help='keep the temporary state/log directory of clusterd')
    ap.add_argument('--output', help='also write the JSON to this file')
    args, passthrough = ap.parse_known_args(argv)
    if args.clusterd == 'endpoint' and not args.clusterd_endpoint:
        ap.error('--clusterd endpoint needs --clusterd-endpoint URL')
    for url in (args.clusterd_endpoint or '', args.rabbit_url):
        if url and '127.0.0.1' not in url and 'localhost' not in url:
            ap.error('only 127.0.0.1 is benchmarked here: %s' % url)
    if args.label and not args.label.endswith('-'):
        args.label += '-'
    return args, passthrough


def main(argv=None):
    args, passthrough = parse_args(argv)
    out = {'tool': 'clusterd-benchmarks/side_by_side.py',
           'started': time.strftime('%Y-%m-%dT%H:%M:%S%z'),
           'clusterd_mode': args.clusterd, 'passthrough': passthrough}
    out['senlin'] = None if args.skip_senlin else run_senlin(args, passthrough)
    out['clusterd'] = (None if args.clusterd == 'none' else
                       CLUSTERD_MODES[args.clusterd](args, passthrough))
    if out['clusterd'] is not None:
        ratios, targets = compare(out['senlin'], out['clusterd'])
        out['clusterd_targets'] = targets
        if out['senlin'] is not None:
            out['ratios_senlin_over_clusterd'] = ratios
    text = json.dumps(out, indent=1, sort_keys=True)
    if args.output:
        with open(args.output, 'w') as f:
            f.write(text + '\n')
    print(text)
    ran = [r for r in (out['senlin'], out['clusterd']) if r is not None]
    return 0 if ran and all(r.get('ok') for r in ran) else 1


if __name__ == '__main__':
    sys.exit(main())
