"""Helpers for running python-senlinclient and our plugin side by side.

Both get the same command line (or the same with their own object names);
they run at once, each in its own process.  Their ``-f json`` is compared
after each side's own names and ids are put in the place of the other's, and
with the fields that only say *when* (timestamps) or that one cannot hold
still (a status seen mid-way) taken out.
"""

import concurrent.futures
import json
import os
import re
import subprocess
import urllib.error
import urllib.request

from tests import services

UUID = re.compile(r'[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}')
TIMES = ('created_at', 'updated_at', 'init_at', 'generated_at', 'start_at',
         'end_at', 'start_time', 'end_time')


def both(legacy, new, legacy_args, new_args=None, check=True):
    """Run the two CLIs at once; (senlinclient's result, ours)."""
    new_args = legacy_args if new_args is None else new_args
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        old = pool.submit(legacy.run, *legacy_args, check=check)
        ours = pool.submit(new.run, *new_args, check=check)
        return old.result(), ours.result()


def parsed(result):
    """The JSON a command printed (senlinclient may print a line first)."""
    text = result.stdout
    starts = [i for i in (text.find('{'), text.find('[')) if i >= 0]
    return json.loads(text[min(starts):]) if starts else None


def swapped(value, pairs):
    """``value`` with each senlinclient-side string replaced by ours."""
    if isinstance(value, str):
        for old, new in pairs:
            value = value.replace(old, new)
        return value
    if isinstance(value, dict):
        return {key: swapped(item, pairs) for key, item in value.items()}
    if isinstance(value, list):
        return [swapped(item, pairs) for item in value]
    return value


def id_pairs(old_id, new_id):
    """Replace a full id and its 8-character form."""
    return [(old_id, new_id), (old_id[:8], new_id[:8])]


def without(value, volatile=()):
    """``value`` without the fields that differ by nature: times, the keys
    given, and ``location.cloud`` (the name the OpenStackClient in use gives
    the command-line cloud: '' in python-openstackclient 8, 'defaults' in 10;
    openstacksdk puts it there, not the plugin)."""
    if isinstance(value, list):
        return [without(item, volatile) for item in value]
    if not isinstance(value, dict):
        return value
    result = {}
    for key, item in value.items():
        if key in TIMES or key in volatile:
            result[key] = '<varies>'
        elif key == 'location' and isinstance(item, dict):
            result[key] = dict(item, cloud='<stack>')
        else:
            result[key] = without(item, volatile)
    return result


def assert_same(old, ours, pairs=(), volatile=()):
    """Same columns, same values (after swapping senlinclient's own names and
    ids for ours)."""
    expected = without(swapped(old, list(pairs)), volatile)
    got = without(ours, volatile)
    if isinstance(expected, dict) and isinstance(got, dict):
        assert list(expected) == list(got), (list(expected), list(got))
        differ = {key: (expected[key], got[key]) for key in expected
                  if expected[key] != got[key]}
        assert not differ, differ
    assert expected == got


def no_ids(text):
    return UUID.sub('<id>', text)


def api(base_url, path, method='GET', body=None, version='1.15'):
    """A request straight to the API (faster than a CLI start)."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(
        base_url + '/v1' + path, data=data, method=method,
        headers={'OpenStack-API-Version': 'clustering %s' % version,
                 'Content-Type': 'application/json'})
    with urllib.request.urlopen(request, timeout=30) as response:
        text = response.read()
        return json.loads(text) if text else None, response.headers


def gone(base_url, path):
    try:
        api(base_url, path)
    except urllib.error.HTTPError as exc:
        return exc.code == 404
    return False


def action_status(base_url, action_id):
    return api(base_url, '/actions/' + action_id)[0]['action']['status']


def readme_session():
    """The shell lines of README.rst's CLI session."""
    text = open(os.path.join(services.ROOT, 'README.rst')).read()
    for block in re.findall(r'::\n\n((?:    .*\n|\n)+)', text):
        if 'export OS_AUTH_TYPE=none' in block and 'cluster health' in block:
            return '\n'.join(line[4:] for line in block.splitlines())
    raise AssertionError("README.rst has no CLI session")


def run_readme_session(client_openstack, env, base_url):
    """Run the README's session as a shell script, with our plugin first on
    PATH; check what it did through the API (``base_url``)."""
    script = readme_session()
    if 'OS_AUTH_URL' in env:
        script = '\n'.join(line for line in script.splitlines()
                           if not line.startswith('export OS_'))
    else:
        script = script.replace('http://127.0.0.1:8778', base_url)
    env = dict(env, PATH=os.path.dirname(client_openstack) + os.pathsep +
               os.environ.get('PATH', ''), LANG='C.UTF-8')
    done = subprocess.run(['bash', '-euo', 'pipefail', '-c', script],
                          cwd=services.ROOT, env=env, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, (done.stdout[-3000:], done.stderr[-3000:])
    out = done.stdout
    # create --wait showed the cluster ACTIVE; the webhook's action, explained.
    assert re.search(r'\| status\s+\| ACTIVE', out), out
    assert 'create 2 node(s) to reach 5' in out, out
    assert 'web: unknown of 5 nodes healthy; breaker closed' in out, out
    return out
