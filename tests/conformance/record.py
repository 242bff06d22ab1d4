"""Record Senlin 16's answers to the conformance corpus (by hand, not in CI).

    python -m tests.conformance.record [--url http://127.0.0.1:8778]

Start the anchor first (``shared/anchors/senlin/setup.sh``; idempotent).  The
corpus runs as a member of a project of its own (``cf-<random>``), deletes what it
made, and the normalized answers go to ``tests/conformance/senlin16.json``, which
``test_conformance.py`` compares clusterd with.
"""

import argparse
import json
import os
import time
import urllib.error
import urllib.request
import uuid

from tests.conformance import corpus

FIXTURE = os.path.join(os.path.dirname(__file__), 'senlin16.json')


def sender(url, project, user):
    def send(method, path, body, version, other=False, admin=False):
        headers = {'X-User-Id': user + '-b' if other else user,
                   'X-Project-Id': project + '-b' if other else project,
                   'X-Roles': 'admin' if admin else 'member',
                   'OpenStack-API-Version': 'clustering %s' % version}
        data = None
        if body is not None:
            headers['Content-Type'] = 'application/json'
            data = (body if isinstance(body, str) else json.dumps(body)).encode()
        request = urllib.request.Request(url + '/v1' + path, method=method,
                                         headers=headers, data=data)
        try:
            with urllib.request.urlopen(request, timeout=60) as answer:
                status, raw = answer.status, answer.read()
        except urllib.error.HTTPError as error:
            status, raw = error.code, error.read()
        try:
            return status, json.loads(raw) if raw else None
        except ValueError:
            return status, raw.decode('utf-8', 'replace')
    return send


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--url', default=os.environ.get(
        'CLUSTERD_TEST_SENLIN_URL', 'http://127.0.0.1:8778'))
    parser.add_argument('--output', default=FIXTURE)
    args = parser.parse_args()
    run = uuid.uuid4().hex[:8]
    started = time.monotonic()
    answers = corpus.play(sender(args.url, 'cf-' + run, 'u-cf-' + run))
    with open(args.output, 'w') as out:
        json.dump({'senlin': '16.0.0', 'answers': answers}, out, indent=1,
                  sort_keys=True)
        out.write('\n')
    print('%d answers recorded in %.0f s to %s' % (
        len(answers), time.monotonic() - started, args.output))


if __name__ == '__main__':
    main()
