"""Access rules: the secure-RBAC personas and the sample generator."""

import os
import subprocess
import sys
import time

import pytest

from clusterd.api import errors
from clusterd.api import rbac
from clusterd.api import router
from clusterd import conf as conf_mod
from clusterd import context as context_mod


@pytest.fixture(scope='module')
def enforcer():
    conf = conf_mod.make_conf()
    conf([], project='clusterd')
    return rbac.Enforcer(conf)


def _ctx(roles, project='p1'):
    return context_mod.RequestContext(user_id='u1', project_id=project, roles=roles)


READS = ['actions:index', 'actions:get', 'events:index', 'events:get',
         'clusters:index', 'clusters:get', 'nodes:get', 'profiles:index',
         'build_info:build_info', 'profile_types:index']
WRITES = ['clusters:create', 'clusters:delete', 'clusters:action', 'nodes:update',
          'profiles:create', 'policies:delete', 'receivers:create',
          'actions:update']
ADMIN_ONLY = ['services:index', rbac.rules.GLOBAL_PROJECT]


def _allowed(enforcer, context, rule, target=None):
    try:
        enforcer.authorize(context, rule, target)
    except errors.Forbidden:
        return False
    return True


@pytest.mark.parametrize('rule', READS)
def test_reader_reads(enforcer, rule):
    assert _allowed(enforcer, _ctx(['reader']), rule)


@pytest.mark.parametrize('rule', WRITES + ADMIN_ONLY)
def test_reader_does_not_write(enforcer, rule):
    assert not _allowed(enforcer, _ctx(['reader']), rule)


@pytest.mark.parametrize('rule', WRITES)
def test_member_writes(enforcer, rule):
    assert _allowed(enforcer, _ctx(['member', 'reader']), rule)


@pytest.mark.parametrize('rule', ADMIN_ONLY)
def test_member_is_no_admin(enforcer, rule):
    assert not _allowed(enforcer, _ctx(['member', 'reader']), rule)


@pytest.mark.parametrize('rule', READS + WRITES + ADMIN_ONLY)
def test_admin_does_everything(enforcer, rule):
    assert _allowed(enforcer, _ctx(['admin']), rule)


def test_member_of_another_project(enforcer):
    assert not _allowed(enforcer, _ctx(['member']), 'clusters:delete',
                        {'project_id': 'p2'})


def test_no_role_no_access(enforcer):
    assert not _allowed(enforcer, _ctx([]), 'actions:index')


def test_webhook_trigger_is_open(enforcer):
    assert _allowed(enforcer, _ctx([]), 'webhooks:trigger')


def test_is_admin(enforcer):
    assert enforcer.is_admin(_ctx(['admin']))
    assert not enforcer.is_admin(_ctx(['member']))


def test_unregistered_rule_is_an_error(enforcer):
    from oslo_policy import policy
    with pytest.raises(policy.PolicyNotRegistered):
        enforcer.authorize(_ctx(['admin']), 'clusters:frobnicate')


def test_every_route_has_a_rule():
    names = {rule.name for rule in rbac.list_rules()}
    documented = {(op['method'], op['path']) for rule in rbac.list_rules()
                  if hasattr(rule, 'operations') for op in rule.operations}
    for path, methods in router.ROUTES.items():
        if path in ('/', '/v1', '/v1/openapi.json'):
            # Public, and no one's objects: discovery and the API's description.
            continue
        for method in methods:
            assert (method, path) in documented, (method, path)
    assert 'context_is_admin' in names


def test_sample_generator():
    root = os.path.dirname(os.path.dirname(os.path.dirname(__file__)))
    generator = os.path.join(os.path.dirname(sys.executable),
                             'oslopolicy-sample-generator')
    result = subprocess.run(
        [generator, '--config-file',
         os.path.join(root, 'etc', 'clusterd', 'clusterd-policy-generator.conf'),
         '--output-file', '/dev/stdout'],
        capture_output=True, text=True, timeout=60, cwd=root)
    assert result.returncode == 0, result.stderr
    assert '"services:index": "rule:context_is_admin"' in result.stdout
    assert '"actions:index"' in result.stdout


def test_a_policy_file_written_after_start_takes_effect_within_the_check_interval(
        tmp_path, monkeypatch):
    # The enforcer looks for a changed policy file at most once per
    # rbac.POLICY_FILE_CHECK (oslo.policy looked at every rule checked); an
    # operator's new file still applies without a restart.
    monkeypatch.setattr(rbac, 'POLICY_FILE_CHECK', 1.0)
    policy_file = tmp_path / 'policy.yaml'
    conf = conf_mod.make_conf()
    conf([], project='clusterd')
    rbac.Enforcer(conf)     # registers [oslo_policy] on this conf
    # (An override on this conf: oslo.policy's set_defaults changes the
    # option for every conf of the process.)
    conf.set_override('policy_file', str(policy_file), group='oslo_policy')
    enforcer = rbac.Enforcer(conf)
    member = _ctx(['member', 'reader'])
    assert _allowed(enforcer, member, 'clusters:create')
    policy_file.write_text('"clusters:create": "role:admin"\n')
    # Within the interval the rules checked are the ones loaded...
    assert _allowed(enforcer, member, 'clusters:create')
    deadline = time.monotonic() + 5
    while _allowed(enforcer, member, 'clusters:create'):
        assert time.monotonic() < deadline, 'the new policy file was not read'
        time.sleep(0.05)
    assert _allowed(enforcer, _ctx(['admin', 'member', 'reader']),
                    'clusters:create')


def test_decisions_are_kept_per_rule_target_and_credentials(monkeypatch):
    # oslo.policy spends about 160 us deciding a rule (it inspects the
    # signature of every check); a decision is kept, by rule, target and
    # credentials, until the next look for a changed policy file.
    monkeypatch.setattr(rbac, 'POLICY_FILE_CHECK', 3600.0)
    conf = conf_mod.make_conf()
    conf([], project='clusterd')
    enforcer = rbac.Enforcer(conf)
    decided = []
    real = enforcer._enforcer.authorize

    def counting(rule, target, creds, *args, **kwargs):
        decided.append((rule, creds.project_id, tuple(creds.roles)))
        return real(rule, target, creds, *args, **kwargs)
    monkeypatch.setattr(enforcer._enforcer, 'authorize', counting)
    member, reader = _ctx(['member', 'reader']), _ctx(['reader'])
    for _ in range(3):
        assert _allowed(enforcer, member, 'clusters:create')
        assert not _allowed(enforcer, reader, 'clusters:create')
        assert _allowed(enforcer, reader, 'clusters:get')
        assert _allowed(enforcer, _ctx(['member'], project='p2'), 'clusters:create')
        # (Another project's target is decided apart from one's own.)
        assert not _allowed(enforcer, member, 'clusters:create',
                            {'project_id': 'p2', 'user_id': 'u1'})
    assert len(decided) == 5
    # A new look for the policy file starts over.
    enforcer._enforcer.load_rules(force_reload=True)
    assert _allowed(enforcer, member, 'clusters:create')
    assert len(decided) == 6
