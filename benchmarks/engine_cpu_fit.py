#!/usr/bin/env python3
"""Per-action and per-node engine CPU from engine_cpu_profile.py's pass A:
the idle rate times each batch's wall time is taken off, then a least-squares
line CPU/action = fixed + per_node * N is fitted per workload kind."""
import json
import sys


def fit(points):
    n = len(points)
    mx = sum(x for x, _ in points) / n
    my = sum(y for _, y in points) / n
    sxx = sum((x - mx) ** 2 for x, _ in points)
    b = sum((x - mx) * (y - my) for x, y in points) / sxx
    return my - b * mx, b


def analyse(path):
    d = json.load(open(path))
    idle_rate = d['idle']['cpu_s'] / d['idle']['wall_s']
    rows, kinds = [], {}
    for r in d.get('pass_a', []):
        idle_part = idle_rate * r['wall_s']
        per_action = 1000.0 * r['cpu_s'] / r['actions']
        net = 1000.0 * (r['cpu_s'] - idle_part) / r['actions']
        rows.append({'kind': r['kind'],
                     'nodes_per_action': r['nodes'] // r['actions'],
                     'actions': r['actions'], 'wall_s': r['wall_s'],
                     'cpu_s': r['cpu_s'],
                     'ms_per_action': round(per_action, 1),
                     'ms_per_action_net_of_idle': round(net, 1),
                     'ms_per_node': round(1000.0 * r['cpu_s'] / r['nodes'], 2),
                     'idle_share_pct': round(100 * idle_part / r['cpu_s'], 1)
                     if r['cpu_s'] else None})
        if r['kind'] != 'concurrent':
            kinds.setdefault(r['kind'], []).append((r['size'], net))
    fits = {k: dict(zip(('fixed_ms_per_action', 'ms_per_node'),
                        [round(v, 2) for v in fit(p)]))
            for k, p in kinds.items() if len(p) > 1}
    return {'idle_cpu_ms_per_s': round(1000 * idle_rate, 2),
            'idle_by_thread_ms_per_s': {
                d['thread_names'].get(t, t): round(1000 * v / d['idle']['wall_s'], 2)
                for t, v in sorted(d['idle']['per_tid'].items(),
                                   key=lambda x: -x[1])},
            'runs': rows, 'fits': fits}


if __name__ == '__main__':
    print(json.dumps({p: analyse(p) for p in sys.argv[1:]}, indent=1))
