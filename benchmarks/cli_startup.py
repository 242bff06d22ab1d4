#!/usr/bin/env python3
"""Start-up cost of ``openstack cluster``: our plugin against python-senlinclient.

Times ``openstack cluster list --help`` and ``openstack cluster list`` (against a
clusterd-standalone it starts, or ``--endpoint``) with each ``openstack``: ours
(``client/`` in its own venv: the current python-openstackclient and osc-lib 4)
and python-senlinclient 3.1.0's (python-openstackclient 8, osc-lib 3), and, as a
yardstick of the OpenStackClient alone, ``openstack network list --help`` of our
venv (a command of python-openstackclient itself).  Runs alternate (ours, theirs,
ours...) so that a drifting machine moves both; each figure is the median of
``--runs`` runs: wall seconds, and CPU seconds (user + system, the children's
accounting), the better measure on a shared machine.

Target (the client issue): ours not slower than senlinclient's.  Prints one JSON
object on stdout.
"""

import argparse
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def timed(command, env):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL,
                   check=True)
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def standalone(state_dir):
    process = subprocess.Popen(
        [os.path.join(ROOT, '.venv', 'bin', 'clusterd-standalone'), '--port',
         '0', '--state-dir', state_dir], stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True)
    for line in process.stdout:
        found = re.search(r'is running at (http://\S+)', line)
        if found:
            return process, found.group(1)
    raise SystemExit('clusterd-standalone did not start')


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--ours', default=os.path.join(ROOT, '.venv-client',
                                                       'bin', 'openstack'))
    parser.add_argument('--senlinclient', default=os.path.join(
        ROOT, '.venv', 'bin', 'openstack'))
    parser.add_argument('--endpoint')
    parser.add_argument('--runs', type=int, default=9)
    args = parser.parse_args()
    server = None
    state = tempfile.TemporaryDirectory(prefix='cli-startup-')
    endpoint = args.endpoint
    if not endpoint:
        server, endpoint = standalone(state.name)
    env = {'PATH': os.environ.get('PATH', ''), 'HOME': state.name,
           'OS_AUTH_TYPE': 'none', 'OS_ENDPOINT': endpoint}
    cases = {
        'cluster list --help': ['cluster', 'list', '--help'],
        'cluster list': ['cluster', 'list'],
    }
    result = {'runs': args.runs}
    try:
        for name, words in cases.items():
            samples = {'ours': [], 'senlinclient': []}
            timed([args.ours] + words, env)            # warm the page cache
            timed([args.senlinclient] + words, env)
            for _ in range(args.runs):
                samples['ours'].append(timed([args.ours] + words, env))
                samples['senlinclient'].append(
                    timed([args.senlinclient] + words, env))
            figures = {side: {'wall_s': round(statistics.median(
                w for w, _c in runs), 3), 'cpu_s': round(statistics.median(
                    c for _w, c in runs), 3)} for side, runs in samples.items()}
            figures['cpu_ratio_ours_to_senlinclient'] = round(
                figures['ours']['cpu_s'] / figures['senlinclient']['cpu_s'], 3)
            result[name] = figures
            print('%s: %s' % (name, figures), file=sys.stderr)
        yardstick = [timed([args.ours, 'network', 'list', '--help'], env)
                     for _ in range(args.runs)]
        result['openstackclient alone: network list --help'] = {
            'wall_s': round(statistics.median(w for w, _c in yardstick), 3),
            'cpu_s': round(statistics.median(c for _w, c in yardstick), 3)}
    finally:
        if server is not None:
            server.terminate()
            server.wait(30)
        state.cleanup()
    print(json.dumps(result, indent=2))


if __name__ == '__main__':
    main()
