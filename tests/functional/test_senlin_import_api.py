"""After ``clusterd-manage import-senlin``, openstacksdk lists on clusterd the
same profiles, policies, clusters, nodes, receivers and policy bindings, with
the same ids, names and properties, as it listed on Senlin when the database
was recorded (``senlin16/senlin16-api.json``).  Target: MariaDB; clusterd's API
served by cheroot, as clusterd-api does.
"""

import datetime

import pytest

from tests import databases
from tests import senlin_anchor
from tests.functional import senlin16

RECORDED = senlin16.recorded()
KINDS = ('profiles', 'policies', 'clusters', 'nodes', 'receivers')
CLUSTERD_KEYS = ('health', 'last_op')   # binding data clusterd adds


@pytest.fixture(scope='module')
def clusterd(tmp_path_factory):
    """The imported clusterd's API URL."""
    tmp = tmp_path_factory.mktemp('import')
    with senlin16.restored(tmp / 'senlin') as senlin_url, \
            databases.migrated_database('mysql', tmp / 'db') as db:
        code, report, stderr = senlin16.run_import(
            senlin16.target_conf(tmp, db), senlin_url, '--skip-busy',
            '--format', 'json')
        assert code == 0, stderr
        with senlin16.clusterd_api(db) as url:
            yield url


def _instant(text):
    """A timestamp as Senlin or clusterd wrote it, as a UTC datetime.

    NOTE: Senlin wrote a policy's times as '2026-12-06T15:26:59.000000' and
    every other resource's as '2026-12-06T15:26:59Z'; clusterd writes the
    latter everywhere.  The instant is what must survive the import.
    """
    value = datetime.datetime.fromisoformat(text.replace('Z', '+00:00'))
    if value.tzinfo is None:
        value = value.replace(tzinfo=datetime.timezone.utc)
    return value


def differences(senlin, clusterd, path=''):
    """Where two JSON values differ: a list of paths."""
    if path.endswith('_at') and isinstance(senlin, str) and \
            isinstance(clusterd, str):
        senlin, clusterd = _instant(senlin), _instant(clusterd)
    if isinstance(senlin, dict) and isinstance(clusterd, dict):
        found = []
        for key in sorted(set(senlin) | set(clusterd)):
            found.extend(differences(senlin.get(key, '<missing>'),
                                     clusterd.get(key, '<missing>'),
                                     '%s.%s' % (path, key)))
        return found
    return [] if senlin == clusterd else ['%s: %r != %r' % (path, senlin, clusterd)]


@pytest.mark.parametrize('project', sorted(RECORDED['views']))
def test_openstacksdk_lists_what_it_listed_on_senlin(clusterd, project):
    expected = RECORDED['views'][project]
    user = '%s-user-%s' % tuple(project.rsplit('-', 1))
    found = senlin_anchor.sdk_views(clusterd, project, user)
    for kind in KINDS:
        assert [item['id'] for item in found[kind]] == \
            [item['id'] for item in expected[kind]], kind
        for mine, theirs in zip(found[kind], expected[kind]):
            assert differences(theirs, mine) == [], (kind, mine['name'])
    assert sorted(found['bindings']) == sorted(expected['bindings'])
    for cluster_id, bindings in expected['bindings'].items():
        mine = {b['id']: b for b in found['bindings'][cluster_id]}
        assert sorted(mine) == sorted(b['id'] for b in bindings)
        for theirs in bindings:
            binding = dict(mine[theirs['id']])
            data = binding.pop('data') or {}
            # clusterd keeps Senlin's binding data and adds its own keys.
            assert {k: v for k, v in data.items() if k not in CLUSTERD_KEYS} == \
                (theirs['data'] or {}), theirs['policy_name']
            theirs = dict(theirs, data=None)
            binding['data'] = None
            if theirs['policy_type'].startswith('senlin.policy.loadbalance'):
                # clusterd cannot run it: imported disabled (the report says so).
                assert binding['is_enabled'] is False
                binding['is_enabled'] = theirs['is_enabled']
            assert differences(theirs, binding) == [], theirs['policy_name']
