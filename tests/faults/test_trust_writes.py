"""Faults at a user's first request, where clusterd makes and stores the user's
Keystone trust (clusterd.engine.trusts): the real API in keystone mode, the real
Keystone anchor, a real database.

- The database refuses the credential write (a trigger makes the INSERT fail,
  as a full disk or a read-only replica would) after Keystone made the trust:
  the request is still answered, one warning and no traceback are logged, and
  the next request stores the trust Keystone already has (not a second one).
- Keystone's trust API cannot be reached (a TCP proxy in front of it is cut;
  tokens are still validated): the same, and the next request after it is back
  makes and stores the trust.
"""

import json
import logging
import urllib.request

import pytest
import sqlalchemy as sa
import webob

from clusterd.api import deploy
from clusterd import conf as conf_mod
from clusterd import context as context_mod
from clusterd.db import models
from clusterd.objects import credential as credential_obj
from tests import databases
from tests import keystone_anchor
from tests import services

FAIL_INSERT = ("CREATE TRIGGER credential_fault BEFORE INSERT ON credential "
               "BEGIN SELECT RAISE(ABORT, 'injected fault: disk I/O error'); END")


@pytest.fixture
def db(tmp_path):
    with databases.migrated_database('sqlite', tmp_path) as db:
        yield db


@pytest.fixture
def proxy(keystone):
    """A TCP proxy to Keystone, for clusterd's trust calls only."""
    port = int(keystone.rsplit(':', 1)[1])
    running = services.TcpProxy(port).start()
    yield running
    if running.up:
        running.cut()


def _app(keystone, db, tmp_path, trust_keystone):
    path = tmp_path / 'clusterd.conf'
    services.write_conf(
        path, api={'auth_strategy': 'keystone'},
        keystone_authtoken=keystone_anchor.authtoken_options(keystone),
        openstack={'connection_source': 'trust',
                   'auth_url': trust_keystone + '/v3', 'api_timeout': 5,
                   'service_username': 'senlin', 'service_password': 'senlin',
                   'service_project_name': 'service'})
    conf = conf_mod.make_conf()
    conf(['--config-file', str(path)], project='clusterd')
    return deploy.make_app(conf, db)


def _keystone(method, path, token):
    with urllib.request.urlopen(urllib.request.Request(
            keystone_anchor.URL + path, method=method,
            headers={'X-Auth-Token': token}), timeout=30) as answer:
        raw = answer.read()
        return json.loads(raw) if raw else None


def _alt_demo():
    """alt_demo's token, user and project, with none of its trusts left."""
    token, user, project = keystone_anchor.issue('alt_demo', 'demo', 'alt_demo')
    for trust_id in _trusts(token, user):
        _keystone('DELETE', '/v3/OS-TRUST/trusts/%s' % trust_id, token)
    return token, user, project


def _trusts(token, user):
    return [t['id'] for t in _keystone(
        'GET', '/v3/OS-TRUST/trusts?trustor_user_id=%s' % user, token)['trusts']]


def _list_profiles(app, token):
    return webob.Request.blank('/v1/profiles', headers={
        'X-Auth-Token': token, 'OpenStack-API-Version': 'clustering latest'}
    ).get_response(app)


def _warned_once(caplog, *words):
    ours = [r for r in caplog.records if r.name == 'clusterd.api.auth']
    assert len(ours) == 1, [r.getMessage() for r in ours]
    assert ours[0].levelno == logging.WARNING
    for word in words:
        assert word in ours[0].getMessage()
    # (oslo.db logs the database's own error when it wraps it; clusterd does not
    # add a traceback of its own.)
    assert not [r for r in caplog.records
                if r.exc_info and r.name.startswith('clusterd')]


def test_a_credential_write_that_fails_is_retried_at_the_next_request(
        keystone, db, tmp_path, caplog):
    token, user, project = _alt_demo()
    app = _app(keystone, db, tmp_path, keystone)
    ctx = context_mod.admin_context(db)
    with db.engine.begin() as conn:
        conn.execute(sa.text(FAIL_INSERT))
    with caplog.at_level(logging.WARNING):
        assert _list_profiles(app, token).status_int == 200
    _warned_once(caplog, user, project, 'injected fault')
    assert credential_obj.trust_of(ctx, user, project) is None
    made = _trusts(token, user)
    assert len(made) == 1           # Keystone made it before the write failed

    with db.engine.begin() as conn:
        conn.execute(sa.text('DROP TRIGGER credential_fault'))
    assert _list_profiles(app, token).status_int == 200
    assert credential_obj.trust_of(ctx, user, project) == made[0]
    assert _trusts(token, user) == made     # found again, not made twice


def test_keystone_unreachable_at_the_first_request(keystone, db, tmp_path, proxy,
                                                   caplog):
    token, user, project = _alt_demo()
    app = _app(keystone, db, tmp_path, 'http://127.0.0.1:%d' % proxy.port)
    ctx = context_mod.admin_context(db)
    proxy.cut()
    with caplog.at_level(logging.WARNING):
        assert _list_profiles(app, token).status_int == 200
    _warned_once(caplog, user, project)
    assert credential_obj.trust_of(ctx, user, project) is None
    assert _trusts(token, user) == []

    proxy.restore()
    assert _list_profiles(app, token).status_int == 200
    stored = credential_obj.trust_of(ctx, user, project)
    assert stored is not None
    assert _trusts(token, user) == [stored]


def test_a_trust_stored_by_another_api_process_meanwhile(tmp_path):
    """Two first requests of one user at once, in two API processes: the other
    stores its trust between our update (no row yet) and our insert.  Real
    PostgreSQL; the other process is a second connection that commits just
    before our INSERT is sent."""
    with databases.migrated_database('postgresql', tmp_path) as db:
        ctx = context_mod.admin_context(db)
        other = sa.create_engine(db.engine.url)
        sent = []

        def other_process_first(conn, cursor, statement, *args):
            if statement.lstrip().upper().startswith('INSERT INTO CREDENTIAL') \
                    and not sent:
                sent.append(statement)
                with other.begin() as theirs:
                    theirs.execute(sa.insert(models.Credential.__table__).values(
                        user='u-race', project='p-race', data={},
                        cred={'openstack': {'trust': 'theirs'}}))

        sa.event.listen(db.engine, 'before_cursor_execute', other_process_first)
        try:
            credential_obj.store(ctx, 'u-race', 'p-race', 'ours')
        finally:
            sa.event.remove(db.engine, 'before_cursor_execute',
                            other_process_first)
            other.dispose()
        assert sent
        assert credential_obj.trust_of(ctx, 'u-race', 'p-race') == 'ours'
