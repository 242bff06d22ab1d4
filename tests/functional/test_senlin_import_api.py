"""After ``clusterd-manage import-senlin``, openstacksdk lists on clusterd the
same profiles, policies, clusters, nodes, receivers and policy bindings, with
the same ids, names and properties, as it listed on Senlin when the database
was recorded (``senlin16/senlin16-api.json``).  Target: MariaDB; clusterd's API
served by cheroot, as clusterd-api does.
"""

import pytest

from tests import databases
from tests import senlin_anchor
from tests.functional import senlin16

RECORDED = senlin16.recorded()


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


@pytest.mark.parametrize('project', sorted(RECORDED['views']))
def test_openstacksdk_lists_what_it_listed_on_senlin(clusterd, project):
    expected = RECORDED['views'][project]
    user = '%s-user-%s' % tuple(project.rsplit('-', 1))
    found = senlin_anchor.sdk_views(clusterd, project, user)
    assert found['clusters'] and found['nodes'] and found['receivers']
    assert senlin16.view_differences(expected, found) == []
    # The comparison sees a difference when there is one.
    renamed = dict(found, clusters=[dict(found['clusters'][0], name='other')]
                   + found['clusters'][1:])
    name = expected['clusters'][0]['name']
    assert senlin16.view_differences(expected, renamed) == [
        "clusters %s.name: '%s' != 'other'" % (name, name)]
