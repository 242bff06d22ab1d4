#!/usr/bin/env python3
"""Median and range of several benchmark runs, as an RST table or JSON.

usage: summarize.py [--side senlin|clusterd] [--only run1,run2] [--json] FILE...

Each FILE is the output of clusters.py or of side_by_side.py (``--side`` picks
which result set of the latter; default senlin), or a file holding such outputs
under ``"runs"`` (``--only`` picks some of them by key).  For every workload it
prints the median and the range of the wall seconds and of the engine CPU ms per
node over the runs.
"""

import argparse
import json
import statistics


def load_runs(path, side, only=()):
    with open(path) as f:
        data = json.load(f)
    if 'runs' in data:
        docs = [v for k, v in sorted(data['runs'].items()) if not only or k in only]
    else:
        docs = [data]
    runs = []
    for doc in docs:
        run = doc.get(side) if side in doc else doc
        if run and run.get('results'):
            runs.append(run)
    return runs


def workload_figures(run):
    """[(workload, wall_s, cpu_ms_per_node, engine-process-only ms per node)]."""
    res, rows = run['results'], []
    for size in sorted((res.get('create') or {}), key=int):
        r = res['create'][size]
        rows.append(('create %s' % size, r.get('wall_s'), r.get('cpu_ms_per_node'),
                     _engine_only(r, int(size))))
    scale = res.get('scale') or {}
    for kind in ('scale_out', 'scale_in'):
        if kind in scale:
            r = scale[kind]
            nodes = scale['count'] * len(r['rounds'])
            rows.append(('%s %d (of %d)' % (kind, scale['count'],
                                            scale['cluster_size']),
                         r.get('wall_s_median'), r.get('cpu_ms_per_node'),
                         _engine_only(r, nodes)))
    conc = res.get('concurrent')
    if conc and 'clusters' in conc:
        rows.append(('%d x %d at once' % (conc['clusters'], conc['size_each']),
                     conc.get('wall_s'), conc.get('cpu_ms_per_node'),
                     _engine_only(conc, conc['clusters'] * conc['size_each'])))
    return rows


def _engine_only(r, nodes):
    """ms per node of the processes named *-engine alone (Senlin: no conductor)."""
    by_pid = r.get('engine_cpu_s_by_pid') or {}
    cpu = [v for k, v in by_pid.items() if k.split('/')[0].endswith('-engine')]
    return round(1000.0 * sum(cpu) / nodes, 1) if cpu and nodes else None


def summarize(runs):
    table = {}
    for run in runs:
        for name, wall, cpu, eng in workload_figures(run):
            t = table.setdefault(name, {'wall_s': [], 'cpu_ms_per_node': [],
                                        'engine_only_ms_per_node': []})
            for key, value in (('wall_s', wall), ('cpu_ms_per_node', cpu),
                               ('engine_only_ms_per_node', eng)):
                if value is not None:
                    t[key].append(value)
    order = sorted(table, key=_workload_order)
    return {name: {key: {'median': round(statistics.median(v), 1),
                         'min': round(min(v), 1), 'max': round(max(v), 1),
                         'n': len(v)}
                   for key, v in table[name].items() if v}
            for name in order}


def _workload_order(name):
    kind, _, rest = name.partition(' ')
    rank = {'create': 0, 'scale_out': 1, 'scale_in': 2}.get(kind, 3)
    return rank, int(rest) if kind == 'create' else 0


def rst_table(summary):
    head = ('workload', 'wall s: median (range)', 'CPU ms/node: median (range)',
            'engine process only')
    rows = [head]
    for name, f in summary.items():
        rows.append((name, _cell(f.get('wall_s')), _cell(f.get('cpu_ms_per_node')),
                     _cell(f.get('engine_only_ms_per_node'))))
    widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
    rule = '  '.join('=' * w for w in widths)
    lines = [rule, _line(head, widths), rule]
    lines += [_line(r, widths) for r in rows[1:]]
    return '\n'.join(lines + [rule])


def _cell(f):
    if not f:
        return '-'
    if f['n'] == 1:
        return '%.1f' % f['median']
    return '%.1f (%.1f-%.1f)' % (f['median'], f['min'], f['max'])


def _line(cells, widths):
    return '  '.join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('files', nargs='+')
    ap.add_argument('--side', default='senlin', choices=('senlin', 'clusterd'))
    ap.add_argument('--only', default='',
                    help='comma list of keys under "runs" to use (default all)')
    ap.add_argument('--json', action='store_true', help='JSON instead of RST')
    args = ap.parse_args(argv)
    only = [k for k in args.only.split(',') if k]
    runs = [r for path in args.files for r in load_runs(path, args.side, only)]
    summary = summarize(runs)
    print(json.dumps(summary, indent=1) if args.json else rst_table(summary))


if __name__ == '__main__':
    main()
