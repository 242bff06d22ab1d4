#!/usr/bin/env python3
"""Top functions of py-spy raw (collapsed) stacks: inclusive and self %.

    collapsed_top.py FILE.raw [--top N] [--json OUT]

A function is ``name (file)`` with the line number dropped; inclusive counts
a sample once per function however often it recurs in the stack.  With
``--threads`` stacks, the first frame names the thread; threads are grouped
(worker, cloud-call, scheduler, ...) by the bottom frames.
"""
import argparse
import collections
import json
import re

FRAME = re.compile(r'^(.*) \((.*?)(?::\d+)?\)$')


def func(frame):
    m = FRAME.match(frame)
    if not m:
        return frame
    name, path = m.groups()
    for cut in ('site-packages/', 'lib/python3.11/'):
        if cut in path:
            path = path.split(cut, 1)[1]
    return '%s (%s)' % (name, path)


def group(frames):
    text = ';'.join(frames)
    if 'Scheduler._run ' in text:
        return 'worker (scheduler pool)'
    if 'Scheduler._loop' in text:
        return 'action-scheduler (claim scan)'
    if '_heartbeat_loop' in text:
        return 'engine-heartbeat'
    if '_takeover_loop' in text:
        return 'engine-takeover'
    if 'HealthManager' in text or 'health/manager' in text:
        return 'health-manager'
    if 'reconcile' in text:
        return 'reconcile'
    if 'guarded' in text or 'cloud' in text:
        return 'cloud-call pool'
    if 'oslo_messaging' in text or 'kombu' in text or 'amqp' in text:
        return 'oslo.messaging (rpc/notify)'
    return 'other'


def load(path):
    stacks = []
    with open(path) as f:
        for line in f:
            line = line.rstrip('\n')
            if not line:
                continue
            stack, _, n = line.rpartition(' ')
            frames = stack.split(';')
            thread = frames[0] if frames[0].startswith('thread') else ''
            if thread:
                frames = frames[1:]
            stacks.append((thread, frames, int(n)))
    return stacks


def top(path, n=25, needle=None):
    stacks = load(path)
    total = sum(c for _, _, c in stacks)
    incl, self_, groups = (collections.Counter(), collections.Counter(),
                           collections.Counter())
    for _thread, frames, c in stacks:
        fs = [func(f) for f in frames]
        for f in set(fs):
            incl[f] += c
        if fs:
            self_[fs[-1]] += c
        groups[group(frames)] += c
    pct = lambda c: round(100.0 * c / total, 1)
    return {'samples': total,
            'groups': {k: pct(v) for k, v in groups.most_common()},
            'inclusive': [(f, pct(c)) for f, c in incl.most_common(n)],
            'self': [(f, pct(c)) for f, c in self_.most_common(n)]}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('files', nargs='+')
    ap.add_argument('--top', type=int, default=25)
    ap.add_argument('--json')
    args = ap.parse_args()
    out = {}
    for path in args.files:
        out[path] = r = top(path, args.top)
        print('==', path, r['samples'], 'samples')
        print(' groups:', r['groups'])
        print(' inclusive:')
        for f, p in r['inclusive']:
            print('  %5.1f %s' % (p, f))
        print(' self:')
        for f, p in r['self']:
            print('  %5.1f %s' % (p, f))
    if args.json:
        with open(args.json, 'w') as f:
            json.dump(out, f, indent=1)


if __name__ == '__main__':
    main()
